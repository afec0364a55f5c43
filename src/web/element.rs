//! `<news-article>` and `<news-list>`: the state behind one element.
//!
//! The custom-element classes themselves are a few lines of JavaScript (`shim.js`), because
//! wasm-bindgen cannot extend `HTMLElement`; each instance owns one [`Widget`] and forwards
//! its lifecycle callbacks, clicks, fetch answers and viewport entry to it. What a widget
//! holds on the page (a fetch, a place in the viewport observer) is released when the
//! element leaves the document. Nothing here is async: every answer is a call.

use std::cell::RefCell;

use js_sys::{Object, Reflect, WeakRef};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CustomEvent, CustomEventInit, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

use super::dates::{DateFormatter, RelativeFormatter, Zone};
use super::dom::{self, DomWriter};
use super::error::LoadError;
use super::fetch::{self, Fetched, Wait};
use super::js_json::json_from_js;
use super::{html_body, styles, urls};
use crate::formats::{self, Format, FormatChoice};
use crate::i18n::Lang;
use crate::model::{Document, ErrorKind, Listing, Summary};
use crate::view::{self, Node, ViewOptions};

/// How long a fetch may take before it counts as a timeout, unless `timeout` says otherwise.
const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// Most items of a listing read from its JSON at once. A longer listing is read, rendered
/// and dropped a slice at a time: wasm memory never shrinks, so it must never have to hold
/// a whole long listing (10,000 items grew it by 29 MB when it did).
const SLICE_ITEMS: u32 = 50;

/// Which element a widget backs, which decides how a document is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `<news-article>`: one article; a listing shows its chosen item.
    Article,
    /// `<news-list>`: a list; an article shows as a one-item list.
    List,
    /// The exported `render()` on any element: whatever the document is.
    Any,
}

/// The Rust side of one `<news-article>` or `<news-list>`.
#[wasm_bindgen]
pub struct Widget {
    inner: Inner,
}

struct Inner {
    /// Weak: the element holds its widget, so a strong reference back would keep a removed
    /// element (and its widget) alive for ever, a cycle through wasm the GC cannot see.
    host: WeakRef<HtmlElement>,
    root: WeakRef<ShadowRoot>,
    kind: Kind,
    state: RefCell<State>,
}

/// The widget's calls into `shim.js`; what comes back arrives through the `Widget` methods
/// the element class calls (`update`, `nearViewport`, `fetched`, `retry`, `more`), not
/// through closures and futures, which cost the wasm their glue for each signature.
#[wasm_bindgen(module = "/src/web/shim.js")]
extern "C" {
    #[wasm_bindgen(js_name = sourceSlice)]
    fn source_slice(json: &JsValue, start: u32, end: u32) -> JsValue;

    /// `widget.update()` in a microtask.
    #[wasm_bindgen(js_name = queueUpdate)]
    fn queue_update_of(host: &HtmlElement);

    /// `widget.nearViewport()` once `host` comes within 200px of the viewport.
    #[wasm_bindgen(js_name = observeViewport)]
    fn observe_viewport(host: &HtmlElement);

    #[wasm_bindgen(js_name = unobserveViewport)]
    fn unobserve_viewport(host: &HtmlElement);
}

/// A source's JSON and the pages appended to it with "more". Only the JSON is kept, in the
/// JavaScript heap where it goes with the element: every render reads it again.
struct Loaded {
    source: Fetched,
    pages: Vec<Fetched>,
    /// What the last render showed, or why it could not.
    shown: Result<Shown, LoadError>,
}

/// What a render showed: the format it read, how many items, and the listing's next page.
#[derive(Clone)]
struct Shown {
    format: Format,
    count: usize,
    next: Option<String>,
}

#[derive(Default)]
struct State {
    connected: bool,
    /// Set through the `data` property: shown instead of `src`.
    data: Option<JsValue>,
    loaded: Option<Loaded>,
    /// Why the last fetch failed, while nothing is loaded.
    failed: Option<LoadError>,
    /// The `src` that `loaded` came from or that is being fetched.
    fetched_src: Option<String>,
    /// Bumped by every fetch; a response whose number is no longer current is dropped.
    generation: u32,
    in_flight: Option<Wait>,
    near_viewport: bool,
    /// Waiting for the element to come near the viewport.
    observing: bool,
    update_queued: bool,
    /// A render ran after the update was queued. With `.data`, that render already showed
    /// the current attributes: `el.data = x` right after connecting renders once, not twice.
    rendered_since_queue: bool,
    /// Resolvers of `reload()` promises, called when the current load settles.
    waiters: Vec<js_sys::Function>,
    /// The next page "more" is fetching.
    loading_more: Option<String>,
    /// "More" had focus when it was used (see `load_more`).
    more_had_focus: bool,
    /// "Retry" had focus when it was used: the render that answers it (the content, or the
    /// error again) takes focus, instead of leaving the reader on the page's `<body>`.
    retry_had_focus: bool,
    /// "More" of a server rendering was used before the source was in: it runs once it is.
    more_when_loaded: bool,
    /// The shadow root holds the server's rendering (`news-embed render`) and nothing has
    /// been rendered over it yet: it stays shown, as `ready`, instead of the loading and
    /// error states, until a render replaces it (or keeps it, being the same).
    server_rendered: bool,
}

#[wasm_bindgen]
impl Widget {
    /// Called when the element leaves or enters the document.
    pub fn connected(&self) {
        let inner = &self.inner;
        inner.state.borrow_mut().connected = true;
        inner.queue_update();
    }

    pub fn disconnected(&self) {
        let inner = &self.inner;
        let mut state = inner.state.borrow_mut();
        state.connected = false;
        if state.in_flight.is_some() {
            // Removed mid-fetch: cancel quietly and fetch again if it comes back.
            state.cancel_fetch();
            state.fetched_src = None;
        }
        if std::mem::take(&mut state.observing) {
            if let Some(host) = inner.host() {
                unobserve_viewport(&host);
            }
        }
        let waiters = std::mem::take(&mut state.waiters);
        drop(state);
        resolve_all(waiters);
    }

    /// The update queued by `queue_update`.
    pub fn update(&self) {
        let done = {
            let mut state = self.inner.state.borrow_mut();
            state.update_queued = false;
            state.data.is_some() && state.rendered_since_queue
        };
        if !done {
            self.inner.update();
        }
    }

    /// The element came near the viewport.
    #[wasm_bindgen(js_name = nearViewport)]
    pub fn near_viewport(&self) {
        {
            let mut state = self.inner.state.borrow_mut();
            state.observing = false;
            state.near_viewport = true;
        }
        self.inner.queue_update();
    }

    /// The retry button was used.
    pub fn retry(&self) {
        let inner = &self.inner;
        let had_focus = inner
            .root()
            .and_then(|root| root.active_element())
            .is_some_and(|element| element.matches("[part~=retry]").unwrap_or(false));
        inner.state.borrow_mut().retry_had_focus = had_focus;
        inner.reload();
    }

    /// The "more" button was used. On a server rendering whose source is not in yet (the
    /// button came from the server), the source is fetched first and "more" runs after.
    pub fn more(&self) {
        let inner = &self.inner;
        let waiting = {
            let mut state = inner.state.borrow_mut();
            let waiting = state.server_rendered && state.loaded.is_none();
            if waiting {
                state.more_when_loaded = true;
                state.near_viewport = true;
            }
            waiting
        };
        if waiting {
            inner.queue_update();
        } else {
            inner.load_more();
        }
    }

    /// A fetch this widget started settled (cancelled ones never do): `outcome` is what
    /// `fetchSource` in `shim.js` resolves to.
    pub fn fetched(&self, more: bool, generation: u32, outcome: JsValue) {
        let inner = &self.inner;
        {
            let mut state = inner.state.borrow_mut();
            if more {
                // Nothing else can be waiting: "more" is not used while a fetch runs.
                if state.generation != generation {
                    return;
                }
                state.in_flight = None;
                let Some(next) = state.loading_more.take() else {
                    return;
                };
                drop(state);
                inner.more_fetched(fetch::outcome(outcome), &next);
                return;
            }
            if state.generation != generation {
                return;
            }
            state.in_flight = None;
        }
        let src = inner.state.borrow().fetched_src.clone();
        match fetch::outcome(outcome) {
            Ok(fetched) => inner.accept(fetched, src),
            Err(error) => inner.fail(error, src.as_deref()),
        }
    }

    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, name: &str) {
        let inner = &self.inner;
        if !inner.state.borrow().connected {
            return;
        }
        match name {
            "src" => {
                let mut state = inner.state.borrow_mut();
                state.data = None;
                state.retry_had_focus = false;
                state.more_when_loaded = false;
                drop(state);
                inner.queue_update();
            }
            "format" => inner.redecode(),
            "lang" | "time-zone" | "date-format" | "limit" | "item" | "loading" | "link-target" => {
                inner.queue_update()
            }
            _ => {}
        }
    }

    /// The `data` property: renders `value` at once; `null` or `undefined` go back to `src`.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&self, value: JsValue) {
        let inner = &self.inner;
        {
            let mut state = inner.state.borrow_mut();
            state.cancel_fetch();
            state.fetched_src = None;
            state.loaded = None;
        }
        if value.is_null() || value.is_undefined() {
            inner.state.borrow_mut().data = None;
            inner.queue_update();
            return;
        }
        inner.state.borrow_mut().data = Some(value.clone());
        inner.accept(Fetched::local(value), None);
    }

    /// `el.reload()`: fetches `src` again (rendering `.data` again without one). `resolve`
    /// (of the promise `reload()` returns) is called when the element is `ready` or in
    /// `error`.
    pub fn reload(&self, resolve: js_sys::Function) {
        self.inner.state.borrow_mut().waiters.push(resolve);
        self.inner.reload();
    }
}

impl Widget {
    /// Creates the widget for `host`: its open shadow root with the adopted stylesheet.
    pub fn create(host: HtmlElement, kind: Kind) -> Result<Widget, JsValue> {
        let root = match host.shadow_root() {
            Some(root) => root,
            None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
        };
        styles::adopt(&root);
        let state = State {
            server_rendered: dom::adopt_server_rendering(&root),
            ..State::default()
        };
        Ok(Widget {
            inner: Inner {
                host: WeakRef::new(&host),
                root: WeakRef::new(&root),
                kind,
                state: RefCell::new(state),
            },
        })
    }

    /// Renders `data` at once without fetching: the exported `render()`.
    pub fn render_data(&self, data: JsValue) -> bool {
        self.inner.accept(Fetched::local(data), None);
        matches!(
            self.inner.state.borrow().loaded,
            Some(Loaded { shown: Ok(_), .. })
        )
    }
}

impl State {
    /// Stops the fetch under way, "more" included: its answer will be dropped.
    fn cancel_fetch(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.loading_more = None;
        if let Some(fetch) = self.in_flight.take() {
            fetch.cancel();
        }
    }
}

impl Inner {
    fn host(&self) -> Option<HtmlElement> {
        self.host.deref()
    }

    fn root(&self) -> Option<ShadowRoot> {
        self.root.deref()
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.host()?
            .get_attribute(name)
            .filter(|v| !v.trim().is_empty())
    }

    /// Reflects the state on the host; a final state settles pending `reload()` promises,
    /// whichever path (fetch, `.data`, a removed `src`) got there.
    fn set_state(&self, state: &str) {
        if let Some(host) = self.host() {
            let _ = host.set_attribute("state", state);
        }
        if state != "loading" {
            self.settle();
        }
    }

    /// Coalesces the changes of one task (several attributes set in a row) into one update
    /// (`Widget::update`, in a microtask).
    fn queue_update(&self) {
        {
            let mut state = self.state.borrow_mut();
            state.rendered_since_queue = false;
            if std::mem::replace(&mut state.update_queued, true) {
                return;
            }
        }
        if let Some(host) = self.host() {
            queue_update_of(&host);
        }
    }

    /// Brings the element in line with its attributes: fetch, wait for the viewport, or
    /// just render again.
    fn update(&self) {
        let (connected, has_data, fetched_src) = {
            let state = self.state.borrow();
            (
                state.connected,
                state.data.is_some(),
                state.fetched_src.clone(),
            )
        };
        if !connected {
            return;
        }
        if has_data {
            self.render();
            return;
        }
        let Some(src) = self.attr("src") else {
            self.state.borrow_mut().cancel_fetch();
            self.state.borrow_mut().loaded = None;
            self.show_no_source();
            return;
        };
        if fetched_src.as_deref() == Some(src.as_str()) {
            self.render();
            return;
        }
        // The page's own inline JSON costs nothing to read: no reason to wait.
        let lazy = self.attr("loading").as_deref().map(str::trim) != Some("eager")
            && !src.starts_with('#');
        if lazy && !self.state.borrow().near_viewport {
            self.wait_for_viewport();
            return;
        }
        self.fetch(src);
    }

    fn reload(&self) {
        match self.attr("src") {
            Some(src) => {
                self.state.borrow_mut().data = None;
                self.fetch(src);
            }
            None => {
                let data = self.state.borrow().data.clone();
                match data {
                    Some(data) => self.accept(Fetched::local(data), None),
                    None => self.show_no_source(),
                }
            }
        }
    }

    /// Fetches `src`; the answer comes to `Widget::fetched`.
    fn fetch(&self, src: String) {
        let generation = {
            // First, so that a reload of the same URL starts a new request.
            let mut state = self.state.borrow_mut();
            state.cancel_fetch();
            state.generation
        };
        if std::mem::take(&mut self.state.borrow_mut().observing) {
            if let Some(host) = self.host() {
                unobserve_viewport(&host);
            }
        }
        let Some(host) = self.host() else {
            return;
        };
        let wait = fetch::start(&src, self.timeout_ms(), &host, false, generation);
        {
            let mut state = self.state.borrow_mut();
            state.in_flight = Some(wait);
            state.fetched_src = Some(src);
            state.loaded = None;
            state.failed = None;
        }
        self.show_loading();
    }

    /// Renders a source's JSON and tells the page.
    fn accept(&self, source: Fetched, src: Option<String>) {
        {
            let mut state = self.state.borrow_mut();
            state.failed = None;
            state.loaded = Some(Loaded {
                source,
                pages: Vec::new(),
                shown: Ok(Shown {
                    format: Format::Native,
                    count: 0,
                    next: None,
                }),
            });
        }
        self.render_and_announce(src.as_deref());
    }

    fn render_and_announce(&self, src: Option<&str>) {
        match self.render() {
            Some(Ok(_)) => {
                self.announce_load(src);
                if std::mem::take(&mut self.state.borrow_mut().more_when_loaded) {
                    self.load_more();
                }
            }
            Some(Err(error)) => self.announce_error(&error, src),
            None => {}
        }
    }

    /// Reads items `start..end` of a source (see `sourceSlice` in `shim.js`): the whole
    /// document when it is not a listing, `None` past the end.
    fn decode_slice(
        &self,
        source: &Fetched,
        (start, end): (u32, u32),
        choice: FormatChoice,
    ) -> Result<Option<(Format, Document)>, LoadError> {
        let slice = source_slice(&source.json, start, end);
        if start > 0 && slice.is_undefined() {
            return Ok(None);
        }
        let json = json_from_js(&slice)
            .map_err(|e| LoadError::new(ErrorKind::Schema, "unreadable JSON: ".to_owned() + &e))?;
        let (format, mut document) = formats::decode(&json, choice)?;
        drop(json);
        match &mut document {
            Document::Article(article) => html_body::sanitize_article(article),
            Document::Listing(listing) if format == Format::WordPress => {
                listing.next = source
                    .total_pages
                    .and_then(|total| urls::next_page(&source.url, total));
            }
            Document::Listing(_) => {}
        }
        urls::resolve_urls(&mut document, &source.url);
        Ok(Some((format, document)))
    }

    /// The `format` attribute changed: read the JSON in hand again, pages included.
    fn redecode(&self) {
        if self.state.borrow().loaded.is_some() {
            let src = self.attr("src");
            self.render_and_announce(src.as_deref());
        }
    }

    fn fail(&self, error: LoadError, src: Option<&str>) {
        self.state.borrow_mut().failed = Some(error.clone());
        self.show_error(Some(&error));
        self.announce_error(&error, src);
    }

    /// `news-embed:error` with `{src, kind, status, message}`.
    fn announce_error(&self, error: &LoadError, src: Option<&str>) {
        let detail = Object::new();
        set(
            &detail,
            "src",
            &src.map(JsValue::from).unwrap_or(JsValue::NULL),
        );
        set(&detail, "kind", &JsValue::from_str(error.kind.name()));
        set(&detail, "status", &JsValue::from(error.status));
        set(&detail, "message", &JsValue::from_str(&error.message));
        self.dispatch("news-embed:error", &detail);
    }

    fn announce_load(&self, src: Option<&str>) {
        let (format, count) = {
            let state = self.state.borrow();
            let Some(Loaded {
                shown: Ok(shown), ..
            }) = &state.loaded
            else {
                return;
            };
            (shown.format.name(), shown.count)
        };
        let detail = Object::new();
        set(
            &detail,
            "src",
            &src.map(JsValue::from).unwrap_or(JsValue::NULL),
        );
        set(&detail, "format", &JsValue::from_str(format));
        set(&detail, "count", &JsValue::from(count as u32));
        self.dispatch("news-embed:load", &detail);
    }

    fn dispatch(&self, name: &str, detail: &Object) {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let (Ok(event), Some(host)) = (
            CustomEvent::new_with_event_init_dict(name, &init),
            self.host(),
        ) {
            let _ = host.dispatch_event(&event);
        }
    }

    fn settle(&self) {
        let waiters = std::mem::take(&mut self.state.borrow_mut().waiters);
        resolve_all(waiters);
    }

    fn lang_tag(&self) -> String {
        self.host()
            .and_then(|host| host.closest("[lang]").ok().flatten())
            .and_then(|e| e.get_attribute("lang"))
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "en".to_owned())
    }

    fn timeout_ms(&self) -> u32 {
        self.attr("timeout")
            .and_then(|t| t.trim().parse::<u32>().ok())
            .unwrap_or(DEFAULT_TIMEOUT_MS)
    }

    fn limit(&self) -> Option<usize> {
        self.attr("limit")
            .and_then(|l| l.trim().parse::<usize>().ok())
    }

    /// Renders with the current attributes: lang, time zone and limit.
    fn with_view<T>(&self, f: impl FnOnce(&ViewOptions) -> T) -> T {
        let lang_tag = self.lang_tag();
        let zone = Zone::from_attribute(self.attr("time-zone"));
        // Made on the first date shown: loading and error views show none.
        let formatter = std::cell::OnceCell::new();
        let format_date = |t: &crate::model::Timestamp| {
            formatter
                .get_or_init(|| DateFormatter::shared(&lang_tag, &zone))
                .format(t)
        };
        let relative = self
            .attr("date-format")
            .is_some_and(|f| f.trim().eq_ignore_ascii_case("relative"));
        let relative_formatter = std::cell::OnceCell::new();
        let format_relative = |t: &crate::model::Timestamp| {
            relative_formatter
                .get_or_init(|| RelativeFormatter::new(&lang_tag))
                .format(t)
                .unwrap_or_else(|| format_date(t))
        };
        let link_target = self.attr("link-target");
        let options = ViewOptions {
            lang: Lang::from_tag(&lang_tag),
            limit: self.limit(),
            format_date: if relative {
                &format_relative
            } else {
                &format_date
            },
            date_title: relative
                .then_some(&format_date as &dyn Fn(&crate::model::Timestamp) -> String),
            link_target: link_target.as_deref().map(str::trim),
        };
        f(&options)
    }

    /// Renders what is loaded with the current attributes (reading its JSON again), the
    /// loading state while nothing is, or the last fetch's error. Returns what a loaded
    /// source showed.
    fn render(&self) -> Option<Result<Shown, LoadError>> {
        let sources = {
            let state = self.state.borrow();
            match (&state.loaded, &state.failed) {
                (Some(loaded), _) => Ok((loaded.source.clone(), loaded.pages.clone())),
                (None, failed) => Err(failed.clone()),
            }
        };
        let (source, pages) = match sources {
            Ok(sources) => sources,
            Err(Some(error)) => {
                self.show_error(Some(&error));
                return None;
            }
            Err(None) => {
                self.show_loading();
                return None;
            }
        };
        let root = self.root()?;
        self.state.borrow_mut().rendered_since_queue = true;
        let result = self.with_view(|options| self.show(&root, &source, &pages, options));
        if let Some(loaded) = self.state.borrow_mut().loaded.as_mut() {
            loaded.shown = result.clone();
        }
        match &result {
            Ok(_) => {
                self.state.borrow_mut().server_rendered = false;
                self.set_state("ready");
                if std::mem::take(&mut self.state.borrow_mut().retry_had_focus) {
                    focus_content(&root, self.kind);
                }
            }
            Err(error) => self.show_error(Some(error)),
        }
        Some(result)
    }

    fn show(
        &self,
        root: &ShadowRoot,
        source: &Fetched,
        pages: &[Fetched],
        options: &ViewOptions,
    ) -> Result<Shown, LoadError> {
        let choice = FormatChoice::from_attribute(self.attr("format").as_deref())?;
        // `<news-article>` needs every item of a listing: the chosen one and the others.
        let end = if self.kind == Kind::Article {
            u32::MAX
        } else {
            SLICE_ITEMS
        };
        let (format, document) = self
            .decode_slice(source, (0, end), choice)?
            .ok_or_else(|| LoadError::new(ErrorKind::Schema, "no JSON"))?;
        let one = |nodes: Vec<Node>, count| {
            dom::mount(root, &nodes);
            Ok(Shown {
                format,
                count,
                next: None,
            })
        };
        match (self.kind, document) {
            (Kind::Article, Document::Listing(listing)) if listing.items.is_empty() => {
                one(view::render_empty(options), 0)
            }
            (Kind::Article, Document::Listing(listing)) => {
                let item = self.attr("item");
                let mut article = listing.into_article(item.as_deref());
                // Only the item shown has its HTML body parsed.
                html_body::sanitize_article(&mut article);
                let mut article = Document::Article(article);
                urls::resolve_urls(&mut article, &source.url);
                match &article {
                    Document::Article(article) => one(view::render_article(article, options), 1),
                    Document::Listing(_) => one(Vec::new(), 0),
                }
            }
            (Kind::List, Document::Article(article)) => one(
                view::render_listing(
                    &Listing {
                        items: vec![article.to_summary()],
                        next: None,
                    },
                    options,
                ),
                1,
            ),
            (_, Document::Article(article)) => one(view::render_article(&article, options), 1),
            (_, Document::Listing(first)) => {
                Ok(self.show_listing(root, (format, first), source, pages, options))
            }
        }
    }

    /// A listing and its pages, each read and rendered a slice at a time into one list;
    /// `limit` holds per page.
    fn show_listing(
        &self,
        root: &ShadowRoot,
        (format, first): (Format, Listing),
        source: &Fetched,
        pages: &[Fetched],
        options: &ViewOptions,
    ) -> Shown {
        let unlimited = ViewOptions {
            limit: None,
            ..*options
        };
        // Later slices are read as the format the first was: detection looks at the first item.
        let choice = FormatChoice::Only(format);
        let mut writer: Option<DomWriter> = None;
        let mut count = 0;
        let mut next = None;
        let mut first = Some(first);
        for page in std::iter::once(source).chain(pages) {
            let (written, page_next) =
                self.write_page(page, first.take(), choice, options.limit, &mut |items| {
                    writer
                        .get_or_insert_with(|| {
                            let mut writer = DomWriter::new(root);
                            writer.open(&view::list_element());
                            writer
                        })
                        .nodes(&view::render_list_items(items, &unlimited));
                });
            count += written;
            if let Some(page_next) = page_next {
                next = page_next;
            }
        }
        match writer {
            Some(mut writer) => {
                writer.close();
                if next.is_some() {
                    writer.nodes(&[view::more_button(options)]);
                }
                writer.finish();
            }
            None => {
                next = None;
                dom::mount(root, &view::render_empty(options));
            }
        }
        Shown {
            format,
            count,
            next,
        }
    }

    /// Reads one page of a listing a slice at a time (its first slice may be in hand) and
    /// hands its items to `write`, at most `limit` of them. Returns how many it wrote and the
    /// page's own next page; `None` for that when not even a first slice could be read.
    fn write_page(
        &self,
        page: &Fetched,
        mut first: Option<Listing>,
        choice: FormatChoice,
        limit: Option<usize>,
        write: &mut dyn FnMut(&[Summary]),
    ) -> (usize, Option<Option<String>>) {
        let limit = limit.unwrap_or(usize::MAX);
        let mut written = 0;
        let mut next = None;
        let mut start = 0;
        while written < limit {
            let listing = match first.take() {
                Some(listing) => listing,
                None => match self.decode_slice(page, (start, start + SLICE_ITEMS), choice) {
                    Ok(Some((_, Document::Listing(listing)))) => listing,
                    // A last slice of one item can read as an article.
                    Ok(Some((_, Document::Article(article)))) => Listing {
                        items: vec![article.to_summary()],
                        next: next.clone().flatten(),
                    },
                    Ok(None) | Err(_) => break,
                },
            };
            let take = listing.items.len().min(limit - written);
            if take > 0 {
                write(&listing.items[..take]);
            }
            written += take;
            next = Some(listing.next);
            start += SLICE_ITEMS;
        }
        (written, next)
    }

    fn more_button(&self) -> Option<(ShadowRoot, Element)> {
        let root = self.root()?;
        let button = root.query_selector("[part~=more]").ok().flatten()?;
        Some((root, button))
    }

    /// "More" can be used again, with focus back if it had it when it was used.
    fn enable_more(&self, button: &Element) {
        let _ = button.remove_attribute("aria-busy");
        let _ = button.remove_attribute("aria-disabled");
        if std::mem::take(&mut self.state.borrow_mut().more_had_focus) {
            if let Some(button) = button.dyn_ref::<HtmlElement>() {
                let _ = button.focus();
            }
        }
    }

    /// "More" brought `page`, whose first slice is `first`: its items go at the end of the
    /// list, and the pages before it are not read or rendered again. `None` when there is no
    /// list to append to.
    fn append_page(&self, page: &Fetched, first: Listing) -> Option<Shown> {
        let root = self.root()?;
        let list = root.query_selector("[part~=list]").ok().flatten()?;
        let shown = match &self.state.borrow().loaded {
            Some(Loaded {
                shown: Ok(shown), ..
            }) => shown.clone(),
            _ => return None,
        };
        let items_before = list.child_element_count();
        let (written, next) = self.with_view(|options| {
            let unlimited = ViewOptions {
                limit: None,
                ..*options
            };
            let mut writer = DomWriter::new(&list);
            let choice = FormatChoice::Only(shown.format);
            let written = self.write_page(page, Some(first), choice, options.limit, &mut |items| {
                writer.nodes(&view::render_list_items(items, &unlimited))
            });
            writer.append();
            written
        });
        let next = next.flatten();
        if let Some((_, button)) = self.more_button() {
            if next.is_some() {
                self.enable_more(&button);
            } else {
                button.remove();
                // The last page is in: focus goes to its first item, not back to the page.
                if std::mem::take(&mut self.state.borrow_mut().more_had_focus) {
                    focus_first_link(&list, items_before);
                }
            }
        }
        Some(Shown {
            format: shown.format,
            count: shown.count + written,
            next,
        })
    }

    fn mount(&self, nodes: &[Node]) {
        if let Some(root) = self.root() {
            dom::mount(&root, nodes);
        }
    }

    fn show_loading(&self) {
        if self.keep_server_rendering() {
            return;
        }
        let page_content = self.has_page_content();
        let nodes = self.with_view(|options| view::render_loading(options, page_content));
        self.mount(&nodes);
        self.set_state("loading");
    }

    /// Whether the page put something worth showing inside the element: an element, or text
    /// that is not just white space.
    fn has_page_content(&self) -> bool {
        let Some(host) = self.host() else {
            return false;
        };
        let children = host.child_nodes();
        (0..children.length())
            .filter_map(|i| children.item(i))
            .any(|child| {
                child.node_type() == web_sys::Node::ELEMENT_NODE
                    || (child.node_type() == web_sys::Node::TEXT_NODE
                        && child
                            .text_content()
                            .is_some_and(|t| !t.trim_ascii().is_empty()))
            })
    }

    /// While the server's rendering is shown, loading and failing keep it (a reader is
    /// better served by it than by a skeleton or an error; the events still tell the page).
    fn keep_server_rendering(&self) -> bool {
        let keep = self.state.borrow().server_rendered;
        if keep {
            self.set_state("ready");
        }
        keep
    }

    fn show_error(&self, error: Option<&LoadError>) {
        if self.keep_server_rendering() {
            return;
        }
        let nodes = self.with_view(|options| {
            view::render_error(
                error.map(|e| e.kind),
                error.map_or(0, |e| e.status),
                self.attr("src").is_some(),
                options,
            )
        });
        self.mount(&nodes);
        self.set_state("error");
        if std::mem::take(&mut self.state.borrow_mut().retry_had_focus) {
            if let Some(root) = self.root() {
                focus_first(&root, "[part~=retry]");
            }
        }
    }

    fn show_no_source(&self) {
        self.show_error(None);
    }

    /// Lazy loading: fetch once the element comes near the viewport (`Widget::near_viewport`).
    fn wait_for_viewport(&self) {
        if std::mem::replace(&mut self.state.borrow_mut().observing, true) {
            return;
        }
        self.show_loading();
        if let Some(host) = self.host() {
            observe_viewport(&host);
        }
    }

    /// "More": fetches the listing's next page; it comes to `more_fetched`.
    fn load_more(&self) {
        let next = {
            let state = self.state.borrow();
            if state.loading_more.is_some() {
                return;
            }
            match &state.loaded {
                Some(Loaded {
                    shown: Ok(shown), ..
                }) => shown.next.clone(),
                _ => None,
            }
        };
        let (Some(next), Some(host)) = (next, self.host()) else {
            return;
        };
        if let Some((root, button)) = self.more_button() {
            // `aria-disabled`, not `disabled`: a disabled button loses focus to the page's
            // `<body>`. Clicks meanwhile are ignored (`loading_more`).
            self.state.borrow_mut().more_had_focus =
                root.active_element().as_ref() == Some(&button);
            let _ = button.set_attribute("aria-busy", "true");
            let _ = button.set_attribute("aria-disabled", "true");
        }
        // Held like the main fetch, so that removing the element or changing `src` cancels it.
        let generation = self.state.borrow().generation;
        let wait = fetch::start(&next, self.timeout_ms(), &host, true, generation);
        let mut state = self.state.borrow_mut();
        state.in_flight = Some(wait);
        state.loading_more = Some(next);
    }

    /// The page "more" fetched from `next`: appended to the list, or the failure announced.
    fn more_fetched(&self, result: Result<Fetched, LoadError>, next: &str) {
        // Read as the first page was, as every later render reads it (`show_listing`).
        let shown_format = match &self.state.borrow().loaded {
            Some(Loaded {
                shown: Ok(shown), ..
            }) => Some(shown.format),
            _ => None,
        };
        let page = result.and_then(|fetched| {
            let choice = match shown_format {
                Some(format) => FormatChoice::Only(format),
                None => FormatChoice::from_attribute(self.attr("format").as_deref())?,
            };
            match self.decode_slice(&fetched, (0, SLICE_ITEMS), choice)? {
                Some((_, Document::Listing(first))) => Ok((fetched, first)),
                _ => Err(LoadError::new(
                    ErrorKind::Schema,
                    "the next page is an article, not a listing",
                )),
            }
        });
        match page {
            Ok((page, first)) => {
                match self.append_page(&page, first) {
                    Some(shown) => {
                        if let Some(loaded) = self.state.borrow_mut().loaded.as_mut() {
                            loaded.pages.push(page);
                            loaded.shown = Ok(shown);
                        }
                    }
                    None => {
                        if let Some(loaded) = self.state.borrow_mut().loaded.as_mut() {
                            loaded.pages.push(page);
                        }
                        self.render();
                    }
                }
                let src = self.attr("src");
                self.announce_load(src.as_deref());
            }
            Err(error) => {
                // The list stays; the page hears of the failure and "more" can be tried again.
                if let Some((_, button)) = self.more_button() {
                    self.enable_more(&button);
                }
                self.announce_error(&error, Some(next));
            }
        }
    }
}

/// Focuses the link of `list`'s item number `index`, if it has one.
fn focus_first_link(list: &Element, index: u32) {
    let link = list
        .children()
        .item(index)
        .and_then(|item| item.query_selector("a").ok().flatten())
        .and_then(|link| link.dyn_into::<HtmlElement>().ok());
    if let Some(link) = link {
        let _ = link.focus();
    }
}

/// After a successful retry: focus on what came, the article's headline (focusable by script
/// only) or a list's first link.
fn focus_content(root: &ShadowRoot, kind: Kind) {
    if kind == Kind::Article {
        if let Ok(Some(headline)) = root.query_selector("h1[part~=headline]") {
            let _ = headline.set_attribute("tabindex", "-1");
        }
        focus_first(root, "h1[part~=headline]");
    } else if !focus_first(root, "[part~=item-link]") {
        focus_first(root, "[part~=retry], [part~=more]");
    }
}

/// Focuses the first element of `root` matching `selector`; whether there was one.
fn focus_first(root: &ShadowRoot, selector: &str) -> bool {
    let element = root
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<HtmlElement>().ok());
    match element {
        Some(element) => element.focus().is_ok(),
        None => false,
    }
}

fn resolve_all(waiters: Vec<js_sys::Function>) {
    for resolve in waiters {
        let _ = resolve.call0(&JsValue::NULL);
    }
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}
