//! In-browser tests of `<news-article>`, `<news-list>` and `render()`:
//! `wasm-pack test --headless --chrome` and `wasm-pack test --headless --firefox`.
//!
//! Every test builds its elements, appends them to the page, waits for what the element
//! reports (the `state` attribute, `news-embed:*` events) and asserts on the rendered shadow
//! tree. Elements are removed when the test's guard drops. Sources are `.data`, `blob:` URLs,
//! or, where a server has to misbehave (HTTP errors, no answer, a flaky first answer, a next
//! page), a stub of `fetch` that answers only URLs under `https://stub.invalid/` and hands
//! everything else to the real `fetch`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Date, Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{
    Blob, BlobPropertyBag, CustomEvent, Document, Element, Event, EventTarget, HtmlElement,
    ShadowRoot, ShadowRootMode, Url, Window,
};

wasm_bindgen_test_configure!(run_in_browser);

const SEED_JSON: &str = include_str!("../www/fixtures/article-vi.json");
const LISTING_JSON: &str = include_str!("../www/fixtures/articles.json");
const ENGLISH_JSON: &str = include_str!("../www/fixtures/article-en.json");

/// How long anything may take before a wait fails.
const WAIT_MS: u32 = 5_000;
/// How long to watch for something that must not happen.
const QUIET_MS: i32 = 300;

const SEED_DATE_VI: &str = "22/5/2020, 10:21 (GMT+7)";
const SEED_DATE_EN: &str = "May 22, 2020, 10:21 (GMT+7)";
const SEED_DATETIME: &str = "2020-05-22T10:21:00+07:00";

// ---------------------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------------------

fn window() -> Window {
    web_sys::window().expect("the tests run in a window")
}

fn document() -> Document {
    window().document().expect("the window has a document")
}

fn body() -> HtmlElement {
    document().body().expect("the test page has a body")
}

/// Registers the elements. wasm-bindgen does not run `#[wasm_bindgen(start)]` in test
/// builds (the test runner drives the module), so the tests call `start()` themselves, once,
/// as the module's loading does on a page.
fn ensure_started() {
    static START: std::sync::Once = std::sync::Once::new();
    START.call_once(news_embed::start);
}

fn create(tag: &str, attrs: &[(&str, &str)]) -> HtmlElement {
    ensure_started();
    let element = document()
        .create_element(tag)
        .unwrap_or_else(|e| panic!("document.createElement({tag:?}) failed: {e:?}"));
    for (name, value) in attrs {
        element
            .set_attribute(name, value)
            .unwrap_or_else(|e| panic!("setAttribute({name:?}) on <{tag}> failed: {e:?}"));
    }
    element
        .dyn_into::<HtmlElement>()
        .unwrap_or_else(|_| panic!("<{tag}> is not an HTMLElement"))
}

/// Keeps an element in the page for the length of a test and removes it afterwards.
struct Mounted(Element);

impl Drop for Mounted {
    fn drop(&mut self) {
        self.0.remove();
    }
}

/// Appends `element` at the end of the body.
fn mount(element: &Element) -> Mounted {
    body()
        .append_child(element)
        .expect("appending to document.body");
    Mounted(element.clone())
}

/// Inserts `element` at the top of the body, inside the initial viewport.
fn mount_first(element: &Element) -> Mounted {
    body()
        .prepend_with_node_1(element)
        .expect("prepending to document.body");
    Mounted(element.clone())
}

fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or_else(|e| panic!("test JSON does not parse: {e:?}\n{text}"))
}

fn set_data(element: &Element, data: &JsValue) {
    Reflect::set(element, &"data".into(), data).expect("setting the data property");
}

fn set_attr(element: &Element, name: &str, value: &str) {
    element
        .set_attribute(name, value)
        .unwrap_or_else(|e| panic!("setAttribute({name:?}, {value:?}) failed: {e:?}"));
}

fn state(element: &Element) -> Option<String> {
    element.get_attribute("state")
}

/// Resolves after `ms` milliseconds (a new task: all queued microtasks have run).
async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _reject| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    JsFuture::from(promise)
        .await
        .expect("a timer promise never rejects");
}

/// Lets the element's queued update run (it is spawned as a microtask).
async fn next_task() {
    sleep(0).await;
}

/// Polls `ready` every 10 ms; fails with `what` and `context()` after `WAIT_MS`.
async fn wait_until(what: &str, mut ready: impl FnMut() -> bool, context: impl Fn() -> String) {
    let start = Date::now();
    loop {
        if ready() {
            return;
        }
        if Date::now() - start > f64::from(WAIT_MS) {
            panic!(
                "timed out after {WAIT_MS} ms waiting for {what}\n{}",
                context()
            );
        }
        sleep(10).await;
    }
}

/// What an element currently shows, for failure messages.
fn describe(element: &Element) -> String {
    let shadow = element
        .shadow_root()
        .map(|root| root.inner_html())
        .unwrap_or_else(|| "(no shadow root)".to_owned());
    let shadow: String = shadow.chars().take(1_500).collect();
    format!(
        "<{} state={:?}> shadow root: {shadow}",
        element.local_name(),
        state(element)
    )
}

async fn wait_for_state(element: &Element, wanted: &str) {
    wait_until(
        &format!("state=\"{wanted}\""),
        || state(element).as_deref() == Some(wanted),
        || describe(element),
    )
    .await;
}

// ---------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Seen {
    name: String,
    detail: JsValue,
    bubbles: bool,
    composed: bool,
    /// The host's `state` attribute when the event was dispatched.
    state: Option<String>,
    target: Option<EventTarget>,
}

/// Records `news-embed:load` and `news-embed:error` events reaching a target.
struct Events {
    target: EventTarget,
    log: Rc<RefCell<Vec<Seen>>>,
    listeners: Vec<(&'static str, Closure<dyn FnMut(Event)>)>,
}

const LOAD: &str = "news-embed:load";
const ERROR: &str = "news-embed:error";

impl Events {
    fn on(target: &EventTarget) -> Events {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut listeners = Vec::new();
        for name in [LOAD, ERROR] {
            let log = Rc::clone(&log);
            let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                let detail = event
                    .dyn_ref::<CustomEvent>()
                    .map(|e| e.detail())
                    .unwrap_or(JsValue::UNDEFINED);
                let state = event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|e| e.get_attribute("state"));
                log.borrow_mut().push(Seen {
                    name: event.type_(),
                    detail,
                    bubbles: event.bubbles(),
                    composed: event.composed(),
                    state,
                    target: event.target(),
                });
            });
            target
                .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                .expect("addEventListener");
            listeners.push((name, listener));
        }
        Events {
            target: target.clone(),
            log,
            listeners,
        }
    }

    fn all(&self, name: &str) -> Vec<Seen> {
        self.log
            .borrow()
            .iter()
            .filter(|seen| seen.name == name)
            .cloned()
            .collect()
    }

    fn count(&self, name: &str) -> usize {
        self.all(name).len()
    }

    fn summary(&self) -> String {
        let log = self.log.borrow();
        let lines: Vec<String> = log
            .iter()
            .map(|seen| {
                format!(
                    "{} {}",
                    seen.name,
                    JSON::stringify(&seen.detail)
                        .map(String::from)
                        .unwrap_or_default()
                )
            })
            .collect();
        format!("events so far: [{}]", lines.join(", "))
    }

    /// Waits until `n` events named `name` have arrived and returns the `n`th.
    async fn wait_for(&self, name: &str, n: usize, element: &Element) -> Seen {
        wait_until(
            &format!("{n} {name} event(s)"),
            || self.count(name) >= n,
            || format!("{}\n{}", self.summary(), describe(element)),
        )
        .await;
        self.all(name)[n - 1].clone()
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        for (name, listener) in &self.listeners {
            let _ = self
                .target
                .remove_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        }
    }
}

fn detail_str(seen: &Seen, key: &str) -> Option<String> {
    Reflect::get(&seen.detail, &key.into())
        .unwrap_or_else(|_| panic!("event detail has no readable {key:?}"))
        .as_string()
}

fn detail_value(seen: &Seen, key: &str) -> JsValue {
    Reflect::get(&seen.detail, &key.into())
        .unwrap_or_else(|_| panic!("event detail has no readable {key:?}"))
}

fn detail_num(seen: &Seen, key: &str) -> f64 {
    detail_value(seen, key)
        .as_f64()
        .unwrap_or_else(|| panic!("event detail {key:?} is not a number: {:?}", seen.detail))
}

// ---------------------------------------------------------------------------------------
// Shadow-root queries
// ---------------------------------------------------------------------------------------

fn shadow(element: &Element) -> ShadowRoot {
    element
        .shadow_root()
        .unwrap_or_else(|| panic!("<{}> has no open shadow root", element.local_name()))
}

fn find_all(element: &Element, selector: &str) -> Vec<Element> {
    let list = shadow(element)
        .query_selector_all(selector)
        .unwrap_or_else(|e| panic!("bad selector {selector:?}: {e:?}"));
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

fn find(element: &Element, selector: &str) -> Option<Element> {
    shadow(element)
        .query_selector(selector)
        .unwrap_or_else(|e| panic!("bad selector {selector:?}: {e:?}"))
}

fn get(element: &Element, selector: &str) -> Element {
    find(element, selector)
        .unwrap_or_else(|| panic!("nothing matches {selector:?}\n{}", describe(element)))
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

fn attr(element: &Element, name: &str) -> Option<String> {
    element.get_attribute(name)
}

fn children(element: &Element) -> Vec<Element> {
    let list = element.children();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

fn tags(elements: &[Element]) -> Vec<String> {
    elements.iter().map(|e| e.local_name()).collect()
}

fn texts(elements: &[Element]) -> Vec<String> {
    elements.iter().map(text).collect()
}

/// The `<li part="item">` of the article's other news or of a list.
fn items(element: &Element) -> Vec<Element> {
    find_all(element, "[part~=item]")
}

fn click(element: &Element) {
    element
        .dyn_ref::<HtmlElement>()
        .unwrap_or_else(|| panic!("<{}> cannot be clicked", element.local_name()))
        .click();
}

/// Every attribute (name, value) of every element in the shadow root.
fn all_attributes(element: &Element) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for el in find_all(element, "*") {
        for name in el.get_attribute_names().iter() {
            let name = name.as_string().expect("attribute names are strings");
            let value = el.get_attribute(&name).unwrap_or_default();
            out.push((el.local_name(), name, value));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Fixture data
// ---------------------------------------------------------------------------------------

fn field(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap_or_else(|_| panic!("fixture has no {key:?}"))
}

fn field_str(value: &JsValue, key: &str) -> String {
    field(value, key)
        .as_string()
        .unwrap_or_else(|| panic!("fixture field {key:?} is not a string"))
}

fn field_array(value: &JsValue, key: &str) -> Vec<JsValue> {
    field(value, key)
        .dyn_into::<Array>()
        .unwrap_or_else(|_| panic!("fixture field {key:?} is not an array"))
        .iter()
        .collect()
}

/// A fixture's relative image URL as the page resolves it: "../images/a.svg" → "/images/a.svg".
fn image_path(relative: &str) -> String {
    format!("/{}", relative.trim_start_matches("../"))
}

// ---------------------------------------------------------------------------------------
// Sources: blob URLs and a fetch stub
// ---------------------------------------------------------------------------------------

/// A `blob:` URL serving `text` as JSON; revoked when dropped.
struct BlobUrl(String);

impl BlobUrl {
    fn new(text: &str) -> BlobUrl {
        let options = BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&text.into()), &options)
            .expect("new Blob");
        BlobUrl(Url::create_object_url_with_blob(&blob).expect("URL.createObjectURL"))
    }

    fn url(&self) -> &str {
        &self.0
    }

    fn revoke(&self) {
        Url::revoke_object_url(&self.0).expect("URL.revokeObjectURL");
    }
}

impl Drop for BlobUrl {
    fn drop(&mut self) {
        let _ = Url::revoke_object_url(&self.0);
    }
}

const STUB_ORIGIN: &str = "https://stub.invalid";

/// Replaces `fetch` for URLs listed in `routes` (each a list of answers, used in turn, the
/// last one repeating); every other request goes to the real `fetch`.
const STUB_JS: &str = r#"
const original = globalThis.fetch;
const log = [];
function stub(input, init) {
  const request = input instanceof Request && init === undefined ? input : new Request(input, init);
  const answers = routes[request.url];
  if (!answers) return original.call(globalThis, input, init);
  const entry = { url: request.url, aborted: false, accept: request.headers.get('accept') };
  log.push(entry);
  const answer = answers.length > 1 ? answers.shift() : answers[0];
  return new Promise((resolve, reject) => {
    const abort = () => {
      entry.aborted = true;
      reject(new DOMException('The operation was aborted.', 'AbortError'));
    };
    if (request.signal.aborted) { abort(); return; }
    request.signal.addEventListener('abort', abort, { once: true });
    if (answer.hang) return;
    const timer = setTimeout(() => {
      request.signal.removeEventListener('abort', abort);
      resolve(new Response(answer.body, {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      }));
    }, answer.delay ?? 0);
    request.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });
}
globalThis.fetch = stub;
return { log, restore() { if (globalThis.fetch === stub) globalThis.fetch = original; } };
"#;

enum Answer {
    /// A response with this status and body.
    Respond(u16, String),
    /// The same, this many milliseconds after the request.
    RespondAfter(u32, u16, String),
    /// No answer ever (until the request is aborted).
    Hang,
}

struct FetchStub {
    handle: JsValue,
}

impl FetchStub {
    fn install(routes: Vec<(String, Vec<Answer>)>) -> FetchStub {
        let table = Object::new();
        for (url, answers) in routes {
            let list = Array::new();
            for answer in answers {
                let object = Object::new();
                match answer {
                    Answer::Respond(status, body) => {
                        Reflect::set(&object, &"status".into(), &JsValue::from(status)).unwrap();
                        Reflect::set(&object, &"body".into(), &JsValue::from_str(&body)).unwrap();
                    }
                    Answer::RespondAfter(delay, status, body) => {
                        Reflect::set(&object, &"delay".into(), &JsValue::from(delay)).unwrap();
                        Reflect::set(&object, &"status".into(), &JsValue::from(status)).unwrap();
                        Reflect::set(&object, &"body".into(), &JsValue::from_str(&body)).unwrap();
                    }
                    Answer::Hang => {
                        Reflect::set(&object, &"hang".into(), &JsValue::TRUE).unwrap();
                    }
                }
                list.push(&object);
            }
            Reflect::set(&table, &JsValue::from_str(&url), &list).expect("building the routes");
        }
        let install = Function::new_with_args("routes", STUB_JS);
        let handle = install
            .call1(&JsValue::NULL, &table)
            .expect("installing the fetch stub");
        FetchStub { handle }
    }

    /// The requests the stub answered for `url`: (aborted, accept header).
    fn requests(&self, url: &str) -> Vec<(bool, String)> {
        field_array(&self.handle, "log")
            .into_iter()
            .filter(|entry| field_str(entry, "url") == url)
            .map(|entry| {
                (
                    field(&entry, "aborted").as_bool().unwrap_or(false),
                    field(&entry, "accept").as_string().unwrap_or_default(),
                )
            })
            .collect()
    }
}

impl Drop for FetchStub {
    fn drop(&mut self) {
        if let Ok(restore) = Reflect::get(&self.handle, &"restore".into()) {
            if let Some(restore) = restore.dyn_ref::<Function>() {
                let _ = restore.call0(&self.handle);
            }
        }
    }
}

fn stub_url(path: &str) -> String {
    format!("{STUB_ORIGIN}/{path}")
}

// ---------------------------------------------------------------------------------------
// Shared assertions
// ---------------------------------------------------------------------------------------

fn assert_no_inline_styles(element: &Element, when: &str) {
    let styled = find_all(element, "style, [style]");
    assert!(
        styled.is_empty(),
        "{when}: the shadow root holds <style> or [style]: {:?}\n{}",
        tags(&styled),
        describe(element)
    );
}

fn assert_no_event_handlers(element: &Element) {
    let handlers: Vec<_> = all_attributes(element)
        .into_iter()
        .filter(|(_, name, _)| name.to_ascii_lowercase().starts_with("on"))
        .collect();
    assert!(
        handlers.is_empty(),
        "event handler attributes rendered: {handlers:?}"
    );
}

fn assert_no_unsafe_urls(element: &Element) {
    let unsafe_urls: Vec<_> = all_attributes(element)
        .into_iter()
        .filter(|(_, _, value)| {
            let v = value.trim().to_ascii_lowercase();
            v.starts_with("javascript:") || v.starts_with("data:") || v.contains("script:")
        })
        .collect();
    assert!(
        unsafe_urls.is_empty(),
        "unsafe URLs rendered: {unsafe_urls:?}"
    );
}

/// The error state: `state="error"`, a `status` alert with `message`, and a retry button.
fn assert_error_view(element: &Element, message: &str, retry: &str) {
    assert_eq!(
        state(element).as_deref(),
        Some("error"),
        "{}",
        describe(element)
    );
    let status = get(element, "[part~=status]");
    assert_eq!(attr(&status, "role").as_deref(), Some("alert"));
    assert_eq!(text(&get(element, "[part~=status] .message")), message);
    let button = get(element, "[part~=status] button[part~=retry]");
    assert_eq!(attr(&button, "type").as_deref(), Some("button"));
    assert_eq!(text(&button), retry);
}

// ---------------------------------------------------------------------------------------
// 1. Definition, shadow root and stylesheet
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn elements_are_defined_with_an_open_shadow_root_and_one_adopted_stylesheet() {
    ensure_started();
    // A second start (a page importing the module twice) must not throw on redefinition.
    news_embed::start();
    let registry = Reflect::get(&window(), &"customElements".into()).expect("customElements");
    let lookup: Function = Reflect::get(&registry, &"get".into())
        .expect("customElements.get")
        .dyn_into()
        .expect("customElements.get is a function");
    for name in ["news-article", "news-list"] {
        let class = lookup
            .call1(&registry, &name.into())
            .expect("customElements.get()");
        assert!(
            class.is_function(),
            "{name} is not defined by the module's start"
        );
    }

    let article = create("news-article", &[]);
    let list = create("news-list", &[]);
    let _a = mount(&article);
    let _l = mount(&list);
    let mut sheets = Vec::new();
    for element in [&article, &list] {
        let root = shadow(element);
        assert_eq!(root.mode(), ShadowRootMode::Open);
        let adopted = root.adopted_style_sheets();
        assert_eq!(
            adopted.length(),
            1,
            "<{}> adopts one stylesheet",
            element.local_name()
        );
        let sheet = adopted.get(0);
        let rules = Reflect::get(&sheet, &"cssRules".into()).expect("cssRules");
        let rule_count = Reflect::get(&rules, &"length".into())
            .ok()
            .and_then(|n| n.as_f64())
            .unwrap_or(0.0);
        assert!(
            rule_count > 10.0,
            "the adopted sheet has its rules ({rule_count})"
        );
        sheets.push(sheet);
    }
    assert!(
        Object::is(&sheets[0], &sheets[1]),
        "every widget shares the one constructed stylesheet"
    );
}

#[wasm_bindgen_test]
async fn element_without_src_or_data_shows_the_no_source_message() {
    let element = create("news-article", &[("lang", "en")]);
    let events = Events::on(&element);
    let _m = mount(&element);
    wait_for_state(&element, "error").await;
    let status = get(&element, "[part~=status]");
    assert_eq!(attr(&status, "role").as_deref(), Some("alert"));
    assert_eq!(text(&status), "No news source: set the src attribute.");
    assert!(
        find(&element, "[part~=retry]").is_none(),
        "nothing to retry without a source"
    );
    assert_eq!(
        events.count(ERROR),
        0,
        "a missing source is not a load failure"
    );
}

#[wasm_bindgen_test]
async fn no_style_element_or_style_attribute_in_any_state() {
    let styles_before = document()
        .query_selector_all("style")
        .expect("querySelectorAll")
        .length();
    let _stub = FetchStub::install(vec![(stub_url("hang"), vec![Answer::Hang])]);

    let article = create("news-article", &[("lang", "vi")]);
    let list = create("news-list", &[]);
    let loading = create(
        "news-article",
        &[("src", &stub_url("hang")), ("loading", "eager")],
    );
    let broken = create("news-list", &[]);
    let _m = [
        mount(&article),
        mount(&list),
        mount(&loading),
        mount(&broken),
    ];
    set_data(&article, &json(SEED_JSON));
    set_data(&list, &json(LISTING_JSON));
    set_data(&broken, &json(r#"{"foo": 1}"#));
    wait_for_state(&loading, "loading").await;
    next_task().await;

    assert_eq!(state(&article).as_deref(), Some("ready"));
    assert_eq!(state(&list).as_deref(), Some("ready"));
    assert_eq!(state(&broken).as_deref(), Some("error"));
    assert_no_inline_styles(&article, "article");
    assert_no_inline_styles(&list, "list");
    assert_no_inline_styles(&loading, "loading");
    assert_no_inline_styles(&broken, "error");
    assert_eq!(
        document()
            .query_selector_all("style")
            .expect("querySelectorAll")
            .length(),
        styles_before,
        "the widgets add no <style> to the page"
    );
}

// ---------------------------------------------------------------------------------------
// 2–4. The seed article
// ---------------------------------------------------------------------------------------

/// The seed article's headline, lead, body (in fixture order), figures and other news.
fn assert_seed_content(element: &Element, seed: &JsValue, other_news_heading: &str) {
    let article = get(element, "article[part~=article]");
    assert_eq!(
        attr(&article, "lang").as_deref(),
        Some("vi"),
        "content language from data"
    );
    assert_eq!(
        tags(&children(&article)),
        ["h1", "time", "p", "div", "p", "nav"],
        "headline, date, lead, body, credit, other news (lead image shown once, in the body)"
    );

    let headline = get(element, "article > h1[part~=headline]");
    assert_eq!(text(&headline), field_str(seed, "title"));
    let date = get(element, "article > time[part~=date]");
    assert_eq!(attr(&date, "datetime").as_deref(), Some(SEED_DATETIME));
    let lead = get(element, "article > p[part~=lead]");
    assert_eq!(text(&lead), field_str(seed, "summary"));

    let blocks = field_array(seed, "body");
    let body = get(element, "article > div[part~=body]");
    let rendered = children(&body);
    let expected_tags: Vec<&str> = blocks
        .iter()
        .map(|b| match field_str(b, "type").as_str() {
            "paragraph" => "p",
            "image" => "figure",
            other => panic!("the seed has an unexpected block type {other}"),
        })
        .collect();
    assert_eq!(
        tags(&rendered),
        expected_tags,
        "body blocks in the seed's order"
    );
    assert_eq!(
        rendered[0].local_name(),
        "figure",
        "the seed body starts with a figure"
    );
    let figure_count = rendered
        .iter()
        .filter(|e| e.local_name() == "figure")
        .count();
    assert_eq!(figure_count, 3);
    let paragraph_count = rendered.iter().filter(|e| e.local_name() == "p").count();
    assert_eq!(paragraph_count, blocks.len() - 3);

    for (block, dom) in blocks.iter().zip(&rendered) {
        if field_str(block, "type") == "paragraph" {
            assert_eq!(text(dom), field_str(block, "text"));
            continue;
        }
        assert_eq!(attr(dom, "part").as_deref(), Some("figure"));
        let img = dom
            .query_selector("img[part~=image]")
            .expect("selector")
            .expect("a figure holds its image");
        let src = attr(&img, "src").expect("the image has a src");
        assert!(src.starts_with("http"), "resolved against the page: {src}");
        assert!(
            src.ends_with(&image_path(&field_str(block, "src"))),
            "{src}"
        );
        assert_eq!(attr(&img, "alt"), Some(field_str(block, "alt")));
        assert_eq!(attr(&img, "loading").as_deref(), Some("lazy"));
        assert_eq!(attr(&img, "width").as_deref(), Some("800"));
        assert_eq!(attr(&img, "height").as_deref(), Some("533"));
        let caption = dom
            .query_selector("figcaption[part~=caption]")
            .expect("selector")
            .expect("a figure holds its caption");
        assert_eq!(text(&caption), field_str(block, "caption"));
    }

    let nav = get(element, "article > nav[part~=other-news]");
    assert_eq!(
        attr(&nav, "aria-label").as_deref(),
        Some(other_news_heading)
    );
    assert_eq!(
        text(&get(element, "nav[part~=other-news] > h2")),
        other_news_heading
    );
    let others = field_array(seed, "other_news");
    let rendered_items = find_all(element, "nav[part~=other-news] > ul > li[part~=item]");
    assert_eq!(rendered_items.len(), 8);
    assert_eq!(rendered_items.len(), others.len());
    for (item, dom) in others.iter().zip(&rendered_items) {
        let link = dom
            .query_selector("h3[part~=headline] > a[part~=item-link]")
            .expect("selector")
            .expect("an other-news item has a headline link");
        assert_eq!(text(&link), field_str(item, "title"));
        assert_eq!(attr(&link, "href"), Some(field_str(item, "url")));
        let date = dom
            .query_selector("time[part~=item-date]")
            .expect("selector")
            .expect("an other-news item has a date");
        assert_eq!(attr(&date, "datetime"), Some(field_str(item, "published")));
        let img = dom
            .query_selector("img[part~=item-image]")
            .expect("selector")
            .expect("an other-news item has an image");
        assert!(attr(&img, "src")
            .expect("src")
            .ends_with(&image_path(&field_str(item, "image"))));
        assert_eq!(
            attr(&img, "alt").as_deref(),
            Some(""),
            "decorative beside its title"
        );
    }
}

#[wasm_bindgen_test]
async fn seed_article_from_data_renders_in_vietnamese() {
    let seed = json(SEED_JSON);
    let element = create("news-article", &[("lang", "vi")]);
    let events = Events::on(&element);
    let _m = mount(&element);
    set_data(&element, &seed);
    let load = events.wait_for(LOAD, 1, &element).await;
    next_task().await;

    assert_eq!(state(&element).as_deref(), Some("ready"));
    assert_eq!(
        load.state.as_deref(),
        Some("ready"),
        "ready before the event fires"
    );
    assert!(
        detail_value(&load, "src").is_null(),
        "src is null for .data"
    );
    assert_eq!(detail_str(&load, "format").as_deref(), Some("native"));
    assert_eq!(detail_num(&load, "count"), 1.0);
    assert_eq!(events.count(LOAD), 1, "one load event");
    assert_eq!(events.count(ERROR), 0);

    assert_seed_content(&element, &seed, "Các tin khác");
    assert_eq!(
        text(&get(&element, "article > time[part~=date]")),
        SEED_DATE_VI
    );
    assert_eq!(
        text(&get(&element, "[part~=credit]")),
        "Ngọc Triều, Ảnh Huỳnh Sang"
    );
    let first_other_date = get(&element, "[part~=other-news] [part~=item-date]");
    assert_eq!(text(&first_other_date), "20/5/2020, 08:00 (GMT+7)");
}

#[wasm_bindgen_test]
async fn seed_article_from_data_renders_in_english() {
    let seed = json(SEED_JSON);
    let element = create("news-article", &[("lang", "en")]);
    let _m = mount(&element);
    set_data(&element, &seed);
    wait_for_state(&element, "ready").await;

    assert_seed_content(&element, &seed, "Other news");
    assert_eq!(
        text(&get(&element, "article > time[part~=date]")),
        SEED_DATE_EN
    );
    assert_eq!(
        text(&get(&element, "[part~=credit]")),
        "Ngọc Triều, photos: Huỳnh Sang"
    );
    let first_other_date = get(&element, "[part~=other-news] [part~=item-date]");
    assert_eq!(text(&first_other_date), "May 20, 2020, 08:00 (GMT+7)");
}

#[wasm_bindgen_test]
async fn lang_comes_from_the_nearest_ancestor_and_defaults_to_english() {
    let wrapper = create("div", &[("lang", "vi-VN")]);
    let inner = create("section", &[]);
    let inherited = create("news-article", &[]);
    inner.append_child(&inherited).expect("append");
    wrapper.append_child(&inner).expect("append");
    let _w = mount(&wrapper);
    set_data(&inherited, &json(SEED_JSON));
    wait_for_state(&inherited, "ready").await;
    assert_eq!(
        text(&get(&inherited, "nav[part~=other-news] > h2")),
        "Các tin khác"
    );
    assert_eq!(
        text(&get(&inherited, "article > time[part~=date]")),
        SEED_DATE_VI
    );

    assert!(
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .is_none(),
        "the test page itself sets no lang"
    );
    let orphan = create("news-article", &[]);
    let _o = mount(&orphan);
    set_data(&orphan, &json(SEED_JSON));
    wait_for_state(&orphan, "ready").await;
    assert_eq!(
        text(&get(&orphan, "nav[part~=other-news] > h2")),
        "Other news"
    );
    assert_eq!(
        text(&get(&orphan, "[part~=credit]")),
        "Ngọc Triều, photos: Huỳnh Sang"
    );
}

#[wasm_bindgen_test]
async fn lang_time_zone_and_limit_changes_rerender_without_fetching_again() {
    let source = BlobUrl::new(SEED_JSON);
    let element = create(
        "news-article",
        &[("src", source.url()), ("loading", "eager"), ("lang", "vi")],
    );
    let events = Events::on(&element);
    let _m = mount(&element);
    events.wait_for(LOAD, 1, &element).await;
    assert_eq!(
        text(&get(&element, "article > time[part~=date]")),
        SEED_DATE_VI
    );
    // A second fetch of a revoked blob URL fails: any refetch would end in the error state.
    source.revoke();

    set_attr(&element, "lang", "en");
    next_task().await;
    assert_eq!(
        text(&get(&element, "article > time[part~=date]")),
        SEED_DATE_EN
    );
    assert_eq!(
        text(&get(&element, "nav[part~=other-news] > h2")),
        "Other news"
    );

    set_attr(&element, "time-zone", "Asia/Tokyo");
    next_task().await;
    let tokyo = text(&get(&element, "article > time[part~=date]"));
    assert!(
        tokyo.contains("12:21") && tokyo.contains("GMT+9"),
        "Tokyo time: {tokyo}"
    );
    assert!(tokyo.starts_with("May 22, 2020"), "{tokyo}");
    assert_eq!(
        attr(&get(&element, "article > time[part~=date]"), "datetime").as_deref(),
        Some(SEED_DATETIME),
        "the machine-readable date keeps the source offset"
    );

    set_attr(&element, "time-zone", "UTC");
    next_task().await;
    let utc = text(&get(&element, "article > time[part~=date]"));
    assert!(
        utc.contains("03:21") && utc.contains("GMT"),
        "UTC time: {utc}"
    );

    set_attr(&element, "limit", "3");
    next_task().await;
    assert_eq!(items(&element).len(), 3, "limit caps the other news");

    set_attr(&element, "lang", "vi");
    element
        .remove_attribute("time-zone")
        .expect("removeAttribute");
    element.remove_attribute("limit").expect("removeAttribute");
    next_task().await;
    assert_eq!(
        text(&get(&element, "article > time[part~=date]")),
        SEED_DATE_VI
    );
    assert_eq!(items(&element).len(), 8);

    sleep(50).await;
    assert_eq!(
        state(&element).as_deref(),
        Some("ready"),
        "{}",
        describe(&element)
    );
    assert_eq!(
        events.count(LOAD),
        1,
        "re-rendering is not a new load: {}",
        events.summary()
    );
    assert_eq!(events.count(ERROR), 0, "no refetch: {}", events.summary());
}

#[wasm_bindgen_test]
async fn unknown_time_zone_falls_back_to_the_source_offset() {
    let element = create(
        "news-article",
        &[("lang", "vi"), ("time-zone", "Mars/Olympus_Mons")],
    );
    let _m = mount(&element);
    set_data(&element, &json(SEED_JSON));
    wait_for_state(&element, "ready").await;
    assert_eq!(
        text(&get(&element, "article > time[part~=date]")),
        SEED_DATE_VI
    );
}

// ---------------------------------------------------------------------------------------
// 5. <news-list>
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn news_list_renders_every_listed_item() {
    let listing = json(LISTING_JSON);
    let element = create("news-list", &[("lang", "vi")]);
    let events = Events::on(&element);
    let _m = mount(&element);
    set_data(&element, &listing);
    let load = events.wait_for(LOAD, 1, &element).await;
    assert_eq!(detail_num(&load, "count"), 15.0);
    assert!(detail_value(&load, "src").is_null());
    assert_eq!(detail_str(&load, "format").as_deref(), Some("native"));
    assert_eq!(state(&element).as_deref(), Some("ready"));

    let fixture_items = field_array(&listing, "items");
    let rendered = find_all(&element, "ul[part~=list] > li[part~=item]");
    assert_eq!(rendered.len(), 15);
    let titles = texts(&find_all(
        &element,
        "li > h2[part~=headline] > a[part~=item-link]",
    ));
    let expected: Vec<String> = fixture_items
        .iter()
        .map(|i| field_str(i, "title"))
        .collect();
    assert_eq!(titles, expected, "items in listing order");

    let first = &fixture_items[0];
    let link = get(
        &element,
        "li[part~=item] h2[part~=headline] > a[part~=item-link]",
    );
    assert_eq!(text(&link), field_str(first, "title"));
    assert_eq!(attr(&link, "href"), Some(field_str(first, "url")));
    let date = get(&element, "li[part~=item] time[part~=item-date]");
    assert_eq!(text(&date), SEED_DATE_VI);
    assert_eq!(attr(&date, "datetime").as_deref(), Some(SEED_DATETIME));
    let summary = get(&element, "li[part~=item] p[part~=item-summary]");
    assert_eq!(text(&summary), field_str(first, "summary"));
    let img = get(&element, "li[part~=item] img[part~=item-image]");
    assert!(attr(&img, "src")
        .expect("src")
        .ends_with(&image_path(&field_str(first, "image"))));
    assert_eq!(attr(&img, "loading").as_deref(), Some("lazy"));
    assert!(
        find(&element, "[part~=more]").is_none(),
        "no next page, no more button"
    );
}

#[wasm_bindgen_test]
async fn news_list_limit_caps_the_items_and_the_load_count() {
    let element = create("news-list", &[("limit", "5")]);
    let events = Events::on(&element);
    let _m = mount(&element);
    set_data(&element, &json(LISTING_JSON));
    let load = events.wait_for(LOAD, 1, &element).await;
    assert_eq!(detail_num(&load, "count"), 5.0);
    assert_eq!(items(&element).len(), 5);

    set_attr(&element, "limit", "2");
    next_task().await;
    assert_eq!(items(&element).len(), 2);
    element.remove_attribute("limit").expect("removeAttribute");
    next_task().await;
    assert_eq!(items(&element).len(), 15);
}

#[wasm_bindgen_test]
async fn news_list_shows_the_empty_status_for_an_empty_listing() {
    for (lang, data, message) in [
        ("vi", "[]", "Chưa có tin nào."),
        ("en", r#"{"items": []}"#, "No articles yet."),
    ] {
        let element = create("news-list", &[("lang", lang)]);
        let events = Events::on(&element);
        let _m = mount(&element);
        set_data(&element, &json(data));
        let load = events.wait_for(LOAD, 1, &element).await;
        assert_eq!(detail_num(&load, "count"), 0.0, "{data}");
        assert_eq!(state(&element).as_deref(), Some("ready"));
        let status = get(&element, "[part~=status]");
        assert_eq!(attr(&status, "role").as_deref(), Some("status"));
        assert_eq!(text(&status), message);
        assert!(find(&element, "[part~=list]").is_none());
    }
}

#[wasm_bindgen_test]
async fn news_list_given_an_article_shows_it_as_one_item() {
    let seed = json(SEED_JSON);
    let element = create("news-list", &[]);
    let events = Events::on(&element);
    let _m = mount(&element);
    set_data(&element, &seed);
    let load = events.wait_for(LOAD, 1, &element).await;
    assert_eq!(detail_num(&load, "count"), 1.0);
    assert_eq!(items(&element).len(), 1);
    let link = get(&element, "[part~=item-link]");
    assert_eq!(text(&link), field_str(&seed, "title"));
    assert_eq!(attr(&link, "href"), Some(field_str(&seed, "url")));
    assert_eq!(
        text(&get(&element, "[part~=item-summary]")),
        field_str(&seed, "summary")
    );
}

#[wasm_bindgen_test]
async fn news_list_more_button_appends_the_next_page() {
    let next = stub_url("page-2.json");
    let page_two = r#"{"items": [
        {"title": "Page two, first", "url": "https://example.org/p2-1"},
        {"title": "Page two, second", "url": "https://example.org/p2-2"}
    ]}"#;
    let stub = FetchStub::install(vec![(
        next.clone(),
        vec![Answer::Respond(200, page_two.into())],
    )]);
    let first_page = format!(
        r#"{{"items": [{{"title": "One", "url": "https://example.org/1"}},
                      {{"title": "Two", "url": "https://example.org/2"}}],
            "next": "{next}"}}"#
    );
    let element = create("news-list", &[("lang", "vi")]);
    let events = Events::on(&element);
    let _m = mount(&element);
    set_data(&element, &json(&first_page));
    events.wait_for(LOAD, 1, &element).await;
    let more = get(&element, "button[part~=more]");
    assert_eq!(text(&more), "Xem thêm");
    assert!(
        stub.requests(&next).is_empty(),
        "the next page waits for the button"
    );

    click(&more);
    let load = events.wait_for(LOAD, 2, &element).await;
    assert_eq!(detail_num(&load, "count"), 4.0);
    assert_eq!(
        texts(&find_all(&element, "[part~=item-link]")),
        ["One", "Two", "Page two, first", "Page two, second"]
    );
    assert!(
        find(&element, "[part~=more]").is_none(),
        "the last page has no next"
    );
    assert_eq!(stub.requests(&next).len(), 1);
    assert_eq!(events.count(ERROR), 0);
}

#[wasm_bindgen_test]
async fn removing_a_list_while_more_loads_aborts_it_and_keeps_the_list() {
    let next = stub_url("page-2-never.json");
    let stub = FetchStub::install(vec![(next.clone(), vec![Answer::Hang])]);
    let first_page = format!(
        r#"{{"items": [{{"title": "One", "url": "https://example.org/1"}}], "next": "{next}"}}"#
    );
    let element = create("news-list", &[("lang", "en")]);
    let events = Events::on(&element);
    let mounted = mount(&element);
    set_data(&element, &json(&first_page));
    events.wait_for(LOAD, 1, &element).await;
    click(&get(&element, "button[part~=more]"));
    assert_eq!(
        attr(&get(&element, "[part~=more]"), "aria-busy").as_deref(),
        Some("true")
    );
    next_task().await;
    drop(mounted);
    next_task().await;
    let requests = stub.requests(&next);
    assert_eq!(requests.len(), 1);
    assert!(requests[0].0, "the next page's request was aborted");

    let _again = mount(&element);
    sleep(50).await;
    assert_eq!(state(&element).as_deref(), Some("ready"));
    assert_eq!(texts(&find_all(&element, "[part~=item-link]")), ["One"]);
    let more = get(&element, "[part~=more]");
    assert_eq!(attr(&more, "aria-busy"), None, "more can be used again");
    assert_eq!(events.count(ERROR), 0);
    assert_eq!(
        events.count(LOAD),
        1,
        "the list was not fetched or announced again"
    );
}

// ---------------------------------------------------------------------------------------
// 6. <news-article> given a listing
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn news_article_given_a_listing_shows_the_first_item_and_the_rest_as_other_news() {
    let listing = json(LISTING_JSON);
    let fixture_items = field_array(&listing, "items");
    let element = create("news-article", &[("lang", "vi")]);
    let events = Events::on(&element);
    let _m = mount(&element);
    set_data(&element, &listing);
    let load = events.wait_for(LOAD, 1, &element).await;
    assert_eq!(detail_num(&load, "count"), 1.0);

    let first = &fixture_items[0];
    assert_eq!(
        text(&get(&element, "article > h1[part~=headline]")),
        field_str(first, "title")
    );
    assert_eq!(
        text(&get(&element, "article > p[part~=lead]")),
        field_str(first, "summary")
    );
    assert_eq!(
        text(&get(&element, "article > time[part~=date]")),
        SEED_DATE_VI
    );
    let others = texts(&find_all(&element, "[part~=other-news] [part~=item-link]"));
    let expected: Vec<String> = fixture_items[1..]
        .iter()
        .map(|i| field_str(i, "title"))
        .collect();
    assert_eq!(others, expected);
    let read_more = get(&element, "[part~=body] a");
    assert_eq!(text(&read_more), "Đọc toàn bài");
    assert_eq!(attr(&read_more, "href"), Some(field_str(first, "url")));
}

#[wasm_bindgen_test]
async fn news_article_item_attribute_picks_the_listed_article() {
    let listing = json(LISTING_JSON);
    let fixture_items = field_array(&listing, "items");
    let third = &fixture_items[2];
    let element = create("news-article", &[("item", &field_str(third, "id"))]);
    let _m = mount(&element);
    set_data(&element, &listing);
    wait_for_state(&element, "ready").await;
    assert_eq!(
        text(&get(&element, "article > h1[part~=headline]")),
        field_str(third, "title")
    );
    let others = texts(&find_all(&element, "[part~=other-news] [part~=item-link]"));
    assert_eq!(others.len(), 14);
    assert!(
        !others.contains(&field_str(third, "title")),
        "the shown item is not repeated"
    );
    assert_eq!(others[0], field_str(&fixture_items[0], "title"));

    let second = &fixture_items[1];
    set_attr(&element, "item", &field_str(second, "id"));
    next_task().await;
    assert_eq!(
        text(&get(&element, "article > h1[part~=headline]")),
        field_str(second, "title")
    );

    // Spaces around a pasted id do not make it another id.
    set_attr(
        &element,
        "item",
        &(" ".to_owned() + &field_str(third, "id") + "\n"),
    );
    next_task().await;
    assert_eq!(
        text(&get(&element, "article > h1[part~=headline]")),
        field_str(third, "title")
    );

    set_attr(&element, "item", "no-such-id");
    next_task().await;
    assert_eq!(
        text(&get(&element, "article > h1[part~=headline]")),
        field_str(&fixture_items[0], "title"),
        "an unknown id shows the first item"
    );
}

// ---------------------------------------------------------------------------------------
// 7. Fetching and its failures
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn fetches_src_and_names_it_in_the_load_event() {
    let source = BlobUrl::new(SEED_JSON);
    let element = create(
        "news-article",
        &[("src", source.url()), ("loading", "eager")],
    );
    let events = Events::on(&element);
    let _m = mount(&element);
    let load = events.wait_for(LOAD, 1, &element).await;
    assert_eq!(detail_str(&load, "src").as_deref(), Some(source.url()));
    assert_eq!(detail_str(&load, "format").as_deref(), Some("native"));
    assert_eq!(detail_num(&load, "count"), 1.0);
    assert_eq!(state(&element).as_deref(), Some("ready"));
    assert_eq!(
        text(&get(&element, "article > h1[part~=headline]")),
        field_str(&json(SEED_JSON), "title")
    );
    assert_eq!(items(&element).len(), 8);
    assert_eq!(events.count(ERROR), 0);
}

#[wasm_bindgen_test]
async fn invalid_json_is_a_parse_error_with_an_alert_and_a_retry_button() {
    let source = BlobUrl::new("{\"title\": \"unterminated");
    let element = create(
        "news-article",
        &[("src", source.url()), ("loading", "eager"), ("lang", "vi")],
    );
    let events = Events::on(&element);
    let _m = mount(&element);
    let error = events.wait_for(ERROR, 1, &element).await;
    assert_eq!(detail_str(&error, "kind").as_deref(), Some("parse"));
    assert_eq!(detail_str(&error, "src").as_deref(), Some(source.url()));
    assert_eq!(detail_num(&error, "status"), 0.0);
    assert!(!detail_str(&error, "message").unwrap_or_default().is_empty());
    assert_eq!(error.state.as_deref(), Some("error"));
    assert_error_view(
        &element,
        "Không đọc được tin: dữ liệu nhận về không phải JSON hợp lệ.",
        "Thử lại",
    );
    assert_eq!(events.count(LOAD), 0);
}

#[wasm_bindgen_test]
async fn json_of_the_wrong_shape_is_a_schema_error() {
    for body in [
        r#"{"foo": 1}"#,
        "null",
        "42",
        "\"a string\"",
        "true",
        r#"{"title": "   "}"#,
    ] {
        let source = BlobUrl::new(body);
        let element = create(
            "news-article",
            &[("src", source.url()), ("loading", "eager"), ("lang", "en")],
        );
        let events = Events::on(&element);
        let _m = mount(&element);
        let error = events.wait_for(ERROR, 1, &element).await;
        assert_eq!(
            detail_str(&error, "kind").as_deref(),
            Some("schema"),
            "for {body}"
        );
        assert_error_view(
            &element,
            "The news could not be read: the data is not in a known article format.",
            "Try again",
        );
    }
}

#[wasm_bindgen_test]
async fn unreachable_sources_are_network_errors() {
    let revoked = BlobUrl::new(SEED_JSON);
    revoked.revoke();
    for url in [revoked.url(), "http://127.0.0.1:9/news.json"] {
        let element = create("news-article", &[("src", url), ("loading", "eager")]);
        let events = Events::on(&element);
        let _m = mount(&element);
        let error = events.wait_for(ERROR, 1, &element).await;
        assert_eq!(
            detail_str(&error, "kind").as_deref(),
            Some("network"),
            "for {url}"
        );
        assert_eq!(detail_str(&error, "src").as_deref(), Some(url));
        assert_error_view(
            &element,
            "The news could not be loaded: the server could not be reached.",
            "Try again",
        );
    }
}

#[wasm_bindgen_test]
async fn http_error_status_is_reported_with_its_code() {
    let url = stub_url("missing.json");
    let stub = FetchStub::install(vec![(url.clone(), vec![Answer::Respond(404, "{}".into())])]);
    let element = create(
        "news-list",
        &[("src", &url), ("loading", "eager"), ("lang", "vi")],
    );
    let events = Events::on(&element);
    let _m = mount(&element);
    let error = events.wait_for(ERROR, 1, &element).await;
    assert_eq!(detail_str(&error, "kind").as_deref(), Some("http"));
    assert_eq!(detail_num(&error, "status"), 404.0);
    assert_eq!(detail_str(&error, "src").as_deref(), Some(url.as_str()));
    assert_error_view(
        &element,
        "Không tải được tin: máy chủ trả lời lỗi 404.",
        "Thử lại",
    );
    let requests = stub.requests(&url);
    assert_eq!(requests.len(), 1);
    assert!(
        requests[0].1.contains("application/json"),
        "Accept: {}",
        requests[0].1
    );
}

#[wasm_bindgen_test]
async fn a_source_that_never_answers_times_out_after_the_timeout_attribute() {
    let url = stub_url("slow.json");
    let stub = FetchStub::install(vec![(url.clone(), vec![Answer::Hang])]);
    let element = create(
        "news-article",
        &[
            ("src", &url),
            ("loading", "eager"),
            ("timeout", "50"),
            ("lang", "en"),
        ],
    );
    let events = Events::on(&element);
    let start = Date::now();
    let _m = mount(&element);
    let error = events.wait_for(ERROR, 1, &element).await;
    let elapsed = Date::now() - start;
    assert_eq!(detail_str(&error, "kind").as_deref(), Some("timeout"));
    assert_eq!(detail_num(&error, "status"), 0.0);
    assert!(
        elapsed >= 45.0 && elapsed < 3_000.0,
        "timed out after {elapsed} ms"
    );
    assert_error_view(
        &element,
        "The news could not be loaded: the server took too long to answer.",
        "Try again",
    );
    let requests = stub.requests(&url);
    assert_eq!(requests.len(), 1);
    assert!(requests[0].0, "the timed-out request was aborted");
}

#[wasm_bindgen_test]
async fn widgets_sharing_a_request_each_keep_their_own_time_limit() {
    let url = stub_url("shared-slow.json");
    let stub = FetchStub::install(vec![(
        url.clone(),
        vec![Answer::RespondAfter(400, 200, SEED_JSON.to_owned())],
    )]);
    let hasty = create(
        "news-article",
        &[("src", &url), ("loading", "eager"), ("timeout", "50")],
    );
    let patient = create(
        "news-article",
        &[("src", &url), ("loading", "eager"), ("timeout", "10000")],
    );
    let hasty_events = Events::on(&hasty);
    let patient_events = Events::on(&patient);
    let _h = mount(&hasty);
    let _p = mount(&patient);

    let error = hasty_events.wait_for(ERROR, 1, &hasty).await;
    assert_eq!(detail_str(&error, "kind").as_deref(), Some("timeout"));
    assert!(
        detail_str(&error, "message").is_some_and(|m| m.contains("50 ms")),
        "the message names its own limit: {:?}",
        detail_str(&error, "message")
    );
    assert_eq!(
        state(&patient).as_deref(),
        Some("loading"),
        "the other still waits"
    );
    patient_events.wait_for(LOAD, 1, &patient).await;
    assert_eq!(state(&patient).as_deref(), Some("ready"));
    assert_eq!(state(&hasty).as_deref(), Some("error"));
    let requests = stub.requests(&url);
    assert_eq!(requests.len(), 1, "one request, shared");
    assert!(
        !requests[0].0,
        "never aborted: the patient widget still wanted it"
    );
}

#[wasm_bindgen_test]
async fn a_shared_request_is_aborted_when_its_last_widget_stops_waiting() {
    let url = stub_url("shared-never.json");
    let stub = FetchStub::install(vec![(url.clone(), vec![Answer::Hang])]);
    let first = create(
        "news-list",
        &[("src", &url), ("loading", "eager"), ("timeout", "30")],
    );
    let second = create(
        "news-list",
        &[("src", &url), ("loading", "eager"), ("timeout", "300")],
    );
    let first_events = Events::on(&first);
    let second_events = Events::on(&second);
    let _f = mount(&first);
    let _s = mount(&second);

    first_events.wait_for(ERROR, 1, &first).await;
    let requests = stub.requests(&url);
    assert_eq!(requests.len(), 1, "one request for both");
    assert!(!requests[0].0, "not aborted while the second widget waits");
    second_events.wait_for(ERROR, 1, &second).await;
    assert!(
        stub.requests(&url)[0].0,
        "aborted once the last widget timed out"
    );
}

#[wasm_bindgen_test]
async fn loading_state_is_a_busy_status_whose_slot_shows_the_fallback_content() {
    let url = stub_url("pending.json");
    let _stub = FetchStub::install(vec![(url.clone(), vec![Answer::Hang])]);
    let element = create("news-article", &[("src", &url), ("loading", "eager")]);
    let fallback = create("a", &[("href", "https://example.org/article")]);
    fallback.set_text_content(Some("Read it on the site"));
    element.append_child(&fallback).expect("append fallback");
    let events = Events::on(&element);
    let _m = mount(&element);
    wait_for_state(&element, "loading").await;
    sleep(50).await;
    assert_eq!(state(&element).as_deref(), Some("loading"));
    let status = get(&element, "[part~=status]");
    assert_eq!(attr(&status, "role").as_deref(), Some("status"));
    assert_eq!(attr(&status, "aria-busy").as_deref(), Some("true"));
    let slot = get(&element, "[part~=status] slot");
    let assigned = Reflect::get(&fallback, &"assignedSlot".into()).expect("assignedSlot");
    assert!(
        Object::is(&assigned, &slot),
        "the page's fallback link fills the loading slot"
    );
    assert_eq!(events.count(LOAD) + events.count(ERROR), 0);
}

// ---------------------------------------------------------------------------------------
// 8–9. Recovering: new src, retry, reload()
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn changing_src_after_an_error_loads_the_new_source() {
    let broken = BlobUrl::new("not json");
    let good = BlobUrl::new(SEED_JSON);
    let element = create(
        "news-article",
        &[("src", broken.url()), ("loading", "eager")],
    );
    let events = Events::on(&element);
    let _m = mount(&element);
    events.wait_for(ERROR, 1, &element).await;
    assert_eq!(state(&element).as_deref(), Some("error"));

    set_attr(&element, "src", good.url());
    let load = events.wait_for(LOAD, 1, &element).await;
    assert_eq!(detail_str(&load, "src").as_deref(), Some(good.url()));
    assert_eq!(state(&element).as_deref(), Some("ready"));
    assert!(find(&element, "[part~=retry]").is_none());
    get(&element, "article > h1[part~=headline]");
}

#[wasm_bindgen_test]
async fn retry_button_fetches_again_and_recovers() {
    let url = stub_url("flaky.json");
    let stub = FetchStub::install(vec![(
        url.clone(),
        vec![
            Answer::Respond(503, String::new()),
            Answer::Respond(200, SEED_JSON.into()),
        ],
    )]);
    let element = create(
        "news-article",
        &[("src", &url), ("loading", "eager"), ("lang", "en")],
    );
    let events = Events::on(&element);
    let _m = mount(&element);
    let error = events.wait_for(ERROR, 1, &element).await;
    assert_eq!(detail_str(&error, "kind").as_deref(), Some("http"));
    assert_eq!(detail_num(&error, "status"), 503.0);
    assert_error_view(
        &element,
        "The news could not be loaded: the server answered with error 503.",
        "Try again",
    );

    click(&get(&element, "[part~=retry]"));
    assert_eq!(
        state(&element).as_deref(),
        Some("loading"),
        "a retry shows loading at once"
    );
    let load = events.wait_for(LOAD, 1, &element).await;
    assert_eq!(detail_str(&load, "src").as_deref(), Some(url.as_str()));
    assert_eq!(state(&element).as_deref(), Some("ready"));
    assert_eq!(
        text(&get(&element, "article > h1[part~=headline]")),
        field_str(&json(SEED_JSON), "title")
    );
    assert_eq!(stub.requests(&url).len(), 2);
    assert_eq!(events.count(ERROR), 1);
}

#[wasm_bindgen_test]
async fn retry_button_on_a_persistent_error_reports_the_error_again() {
    let source = BlobUrl::new("{oops");
    let element = create("news-list", &[("src", source.url()), ("loading", "eager")]);
    let events = Events::on(&element);
    let _m = mount(&element);
    events.wait_for(ERROR, 1, &element).await;
    click(&get(&element, "[part~=retry]"));
    assert_eq!(state(&element).as_deref(), Some("loading"));
    let again = events.wait_for(ERROR, 2, &element).await;
    assert_eq!(detail_str(&again, "kind").as_deref(), Some("parse"));
    assert_eq!(state(&element).as_deref(), Some("error"));
    get(&element, "[part~=retry]");
}

/// Calls `element.reload()`, checks it returned a Promise, and awaits it.
async fn reload(element: &Element) -> JsValue {
    let method: Function = Reflect::get(element, &"reload".into())
        .expect("reload")
        .dyn_into()
        .expect("reload is a method");
    let returned = method.call0(element).expect("reload() does not throw");
    let promise: Promise = returned.dyn_into().expect("reload() returns a Promise");
    JsFuture::from(promise)
        .await
        .unwrap_or_else(|e| panic!("reload() rejected: {e:?}"))
}

#[wasm_bindgen_test]
async fn reload_returns_a_promise_that_resolves_once_ready() {
    let source = BlobUrl::new(SEED_JSON);
    let element = create(
        "news-article",
        &[("src", source.url()), ("loading", "eager")],
    );
    let events = Events::on(&element);
    let _m = mount(&element);
    events.wait_for(LOAD, 1, &element).await;

    reload(&element).await;
    assert_eq!(
        state(&element).as_deref(),
        Some("ready"),
        "{}",
        describe(&element)
    );
    assert_eq!(
        events.count(LOAD),
        2,
        "reload fetched again: {}",
        events.summary()
    );
    get(&element, "article > h1[part~=headline]");
}

#[wasm_bindgen_test]
async fn reload_resolves_in_the_error_state_and_without_a_src() {
    let source = BlobUrl::new("<html>not json</html>");
    let broken = create("news-list", &[("src", source.url()), ("loading", "eager")]);
    let events = Events::on(&broken);
    let _b = mount(&broken);
    events.wait_for(ERROR, 1, &broken).await;
    reload(&broken).await;
    assert_eq!(state(&broken).as_deref(), Some("error"));
    assert_eq!(events.count(ERROR), 2);

    let from_data = create("news-list", &[]);
    let _d = mount(&from_data);
    set_data(&from_data, &json(LISTING_JSON));
    wait_for_state(&from_data, "ready").await;
    reload(&from_data).await;
    assert_eq!(state(&from_data).as_deref(), Some("ready"));
    assert_eq!(items(&from_data).len(), 15);
}

// ---------------------------------------------------------------------------------------
// 10. Lazy loading
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn lazy_element_fetches_only_near_the_viewport() {
    let lazy_source = BlobUrl::new(SEED_JSON);
    let eager_source = BlobUrl::new(SEED_JSON);
    let container = create("div", &[]);
    let spacer = create("div", &[]);
    spacer
        .style()
        .set_property("height", "5000px")
        .expect("spacer height");
    let lazy = create("news-article", &[("src", lazy_source.url())]);
    let eager = create(
        "news-article",
        &[("src", eager_source.url()), ("loading", "eager")],
    );
    for child in [&spacer, &eager, &lazy] {
        container.append_child(child).expect("append");
    }
    let lazy_events = Events::on(&lazy);
    let eager_events = Events::on(&eager);
    let _m = mount_first(&container);

    eager_events.wait_for(LOAD, 1, &eager).await;
    sleep(QUIET_MS).await;
    assert_eq!(
        state(&lazy).as_deref(),
        Some("loading"),
        "{}",
        describe(&lazy)
    );
    assert_eq!(
        lazy_events.count(LOAD) + lazy_events.count(ERROR),
        0,
        "nothing fetched yet"
    );
    get(&lazy, "[part~=status][aria-busy=true]");

    lazy.scroll_into_view();
    let load = lazy_events.wait_for(LOAD, 1, &lazy).await;
    assert_eq!(detail_str(&load, "src").as_deref(), Some(lazy_source.url()));
    assert_eq!(state(&lazy).as_deref(), Some("ready"));
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

// ---------------------------------------------------------------------------------------
// 11. Data before connection and before upgrade
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn data_set_before_the_element_is_connected_renders_once_appended() {
    let element = create("news-article", &[("lang", "en")]);
    set_data(&element, &json(ENGLISH_JSON));
    let _m = mount(&element);
    next_task().await;
    assert_eq!(
        state(&element).as_deref(),
        Some("ready"),
        "{}",
        describe(&element)
    );
    assert_eq!(
        text(&get(&element, "article > h1[part~=headline]")),
        field_str(&json(ENGLISH_JSON), "title")
    );
}

#[wasm_bindgen_test]
async fn data_set_before_the_element_is_upgraded_is_taken_over() {
    // Elements parsed into a template's inert document are not upgraded until they are
    // inserted into this document: `data` is then a plain own property.
    let template = create("template", &[]);
    template.set_inner_html(r#"<news-article lang="vi"></news-article>"#);
    let content = Reflect::get(&template, &"content".into()).expect("template.content");
    let element = content
        .dyn_into::<web_sys::DocumentFragment>()
        .expect("template.content is a fragment")
        .first_element_child()
        .expect("the parsed <news-article>");
    assert!(element.shadow_root().is_none(), "not upgraded yet");
    set_data(&element, &json(SEED_JSON));
    let events = Events::on(&element);

    let _m = mount(&element);
    assert!(element.shadow_root().is_some(), "upgraded on insertion");
    let load = events.wait_for(LOAD, 1, &element).await;
    assert!(detail_value(&load, "src").is_null());
    next_task().await;
    assert_eq!(state(&element).as_deref(), Some("ready"));
    assert_eq!(
        text(&get(&element, "article > time[part~=date]")),
        SEED_DATE_VI
    );
    assert!(Reflect::get(&element, &"data".into())
        .expect("data")
        .is_object());
}

#[wasm_bindgen_test]
async fn data_takes_precedence_over_src_until_it_is_cleared() {
    let url = stub_url("seed.json");
    let stub = FetchStub::install(vec![(
        url.clone(),
        vec![Answer::Respond(200, SEED_JSON.into())],
    )]);
    let element = create("news-article", &[("src", &url), ("loading", "eager")]);
    set_data(&element, &json(ENGLISH_JSON));
    let events = Events::on(&element);
    let _m = mount(&element);
    next_task().await;
    sleep(50).await;
    assert_eq!(
        text(&get(&element, "article > h1[part~=headline]")),
        field_str(&json(ENGLISH_JSON), "title")
    );
    assert!(
        stub.requests(&url).is_empty(),
        "data is shown without fetching src"
    );

    // Set before the element joined the page, `.data` announced its load when it did.
    let first = events.wait_for(LOAD, 1, &element).await;
    assert_eq!(detail_str(&first, "src"), None);
    set_data(&element, &JsValue::NULL);
    let load = events.wait_for(LOAD, 2, &element).await;
    assert_eq!(detail_str(&load, "src").as_deref(), Some(url.as_str()));
    assert_eq!(
        text(&get(&element, "article > h1[part~=headline]")),
        field_str(&json(SEED_JSON), "title")
    );
    assert_eq!(stub.requests(&url).len(), 1);
}

// ---------------------------------------------------------------------------------------
// 12. Hostile data
// ---------------------------------------------------------------------------------------

const HOSTILE_JSON: &str = r#"{
  "title": "<img src=x onerror=\"window.__newsEmbedPwned = 1\">",
  "url": "javascript:window.__newsEmbedPwned = 2",
  "published": "2020-05-22T10:21:00+07:00",
  "summary": "<script>window.__newsEmbedPwned = 3</script>",
  "image": {"src": "javascript:window.__newsEmbedPwned = 4", "caption": "lead"},
  "body": [
    {"type": "paragraph", "text": "<b onmouseover=\"window.__newsEmbedPwned = 5\">bold?</b>"},
    {"type": "heading", "level": 2, "text": "<h1>not a heading element</h1>"},
    {"type": "image", "src": "javascript:top.__newsEmbedPwned=9", "caption": "script image"},
    {"type": "image", "src": "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='top.__newsEmbedPwned=9'/>", "caption": "data image"},
    {"type": "image", "src": " JaVaScRiPt:top.__newsEmbedPwned=9", "caption": "disguised"},
    {"type": "image", "src": "https://example.invalid/ok.png", "alt": "\" onerror=\"top.__newsEmbedPwned=9", "caption": "<svg onload=top.__newsEmbedPwned=9>", "width": 10, "height": 10},
    {"type": "quote", "text": "<iframe src=\"javascript:top.__newsEmbedPwned=9\"></iframe>", "cite": "javascript:top.__newsEmbedPwned=9"},
    {"type": "list", "items": ["<a href=\"javascript:top.__newsEmbedPwned=9\">x</a>"]}
  ],
  "authors": [
    {"name": "<script>top.__newsEmbedPwned=9</script>", "url": "javascript:top.__newsEmbedPwned=9"},
    {"name": "<img src=x onerror=top.__newsEmbedPwned=9>", "role": "photo"}
  ],
  "other_news": [
    {"title": "<a href='javascript:top.__newsEmbedPwned=9'>other</a>", "url": "javascript:top.__newsEmbedPwned=9", "image": "data:image/png;base64,AAAA"},
    {"title": "safe", "url": "https://example.invalid/safe", "image": "javascript:top.__newsEmbedPwned=9"}
  ]
}"#;

#[wasm_bindgen_test]
async fn hostile_text_stays_text_and_unsafe_urls_are_dropped() {
    let element = create("news-article", &[("lang", "en")]);
    let _m = mount(&element);
    set_data(&element, &json(HOSTILE_JSON));
    wait_for_state(&element, "ready").await;
    sleep(50).await;

    assert_eq!(
        text(&get(&element, "article > h1[part~=headline]")),
        "<img src=x onerror=\"window.__newsEmbedPwned = 1\">"
    );
    assert_eq!(
        text(&get(&element, "[part~=lead]")),
        "<script>window.__newsEmbedPwned = 3</script>"
    );
    assert_eq!(
        text(&get(&element, "[part~=credit]")),
        "<script>top.__newsEmbedPwned=9</script>, photos: <img src=x onerror=top.__newsEmbedPwned=9>"
    );
    let body = children(&get(&element, "[part~=body]"));
    assert_eq!(
        tags(&body),
        ["p", "h2", "figure", "blockquote", "ul"],
        "the three unsafe images are dropped"
    );
    assert_eq!(
        text(&body[0]),
        "<b onmouseover=\"window.__newsEmbedPwned = 5\">bold?</b>"
    );
    assert_eq!(text(&body[1]), "<h1>not a heading element</h1>");
    assert_eq!(
        text(&body[3]),
        "<iframe src=\"javascript:top.__newsEmbedPwned=9\"></iframe>"
    );
    assert!(
        attr(&body[3], "cite").is_none(),
        "a javascript: cite is dropped"
    );
    assert_eq!(
        text(&body[4]),
        "<a href=\"javascript:top.__newsEmbedPwned=9\">x</a>"
    );

    let images = find_all(&element, "img");
    assert_eq!(
        images.len(),
        1,
        "only the https image: {:?}",
        images.iter().map(|i| attr(i, "src")).collect::<Vec<_>>()
    );
    assert_eq!(
        attr(&images[0], "src").as_deref(),
        Some("https://example.invalid/ok.png")
    );
    assert_eq!(
        attr(&images[0], "alt").as_deref(),
        Some("\" onerror=\"top.__newsEmbedPwned=9")
    );
    assert_eq!(
        text(&get(&element, "[part~=caption]")),
        "<svg onload=top.__newsEmbedPwned=9>"
    );

    let other = items(&element);
    assert_eq!(other.len(), 2);
    assert!(
        other[0].query_selector("a").expect("selector").is_none(),
        "an item whose url is javascript: gets no link"
    );
    assert_eq!(
        text(&other[0]),
        "<a href='javascript:top.__newsEmbedPwned=9'>other</a>"
    );
    let safe = other[1]
        .query_selector("a[part~=item-link]")
        .expect("selector")
        .expect("the safe item keeps its link");
    assert_eq!(
        attr(&safe, "href").as_deref(),
        Some("https://example.invalid/safe")
    );

    let markup = find_all(
        &element,
        "script, iframe, svg, object, embed, b, h1 h1, a[href^=javascript]",
    );
    assert!(markup.is_empty(), "data became markup: {:?}", tags(&markup));
    assert_eq!(find_all(&element, "h1").len(), 1);
    assert_no_event_handlers(&element);
    assert_no_unsafe_urls(&element);
    let pwned = Reflect::get(&window(), &"__newsEmbedPwned".into()).expect("window property");
    assert!(pwned.is_undefined(), "hostile data ran: {pwned:?}");
}

#[wasm_bindgen_test]
async fn hostile_body_html_keeps_allowed_markup_and_loses_everything_active() {
    let data = r#"{
      "title": "HTML body",
      "body_html": "<p onclick=\"window.__newsEmbedPwned = 6\">First <b>bold</b> para</p><script>window.__newsEmbedPwned = 7</script><img src=\"javascript:top.__newsEmbedPwned=9\"><img src=x onerror=\"window.__newsEmbedPwned = 8\"><figure><img src=\"https://example.invalid/a.png\" width=\"40\" height=\"30\" onload=\"top.__newsEmbedPwned=9\"><figcaption>Cap <i>tion</i></figcaption></figure><iframe src=\"javascript:top.__newsEmbedPwned=9\"></iframe><h2 style=\"color:red\">Sub</h2><ul><li>one</li><li onclick=\"top.__newsEmbedPwned=9\">two</li></ul><a href=\"javascript:top.__newsEmbedPwned=9\">link text</a>"
    }"#;
    let element = create("news-article", &[]);
    let _m = mount(&element);
    set_data(&element, &json(data));
    wait_for_state(&element, "ready").await;
    sleep(50).await;

    let body_part = get(&element, "[part~=body]");
    let body = children(&body_part);
    assert_eq!(
        tags(&body),
        ["p", "img", "figure", "h2", "ul"],
        "{}",
        describe(&element)
    );
    assert_eq!(text(&body[0]), "First bold para");
    assert_eq!(
        find_all(&element, "p > b").len(),
        1,
        "inline markup is kept"
    );
    assert_eq!(text(&body[3]), "Sub");
    assert_eq!(texts(&children(&body[4])), ["one", "two"]);
    assert!(
        text(&body_part).ends_with("link text"),
        "a link whose URL is unsafe is kept as its text"
    );

    let images = find_all(&element, "img");
    assert_eq!(images.len(), 2);
    let relative = attr(&images[0], "src").expect("src");
    assert!(
        relative.starts_with("http") && relative.ends_with("/x"),
        "{relative}"
    );
    assert_eq!(attr(&images[0], "loading").as_deref(), Some("lazy"));
    assert_eq!(attr(&images[0], "part").as_deref(), Some("image"));
    assert_eq!(
        attr(&images[1], "src").as_deref(),
        Some("https://example.invalid/a.png")
    );
    assert_eq!(attr(&images[1], "width").as_deref(), Some("40"));
    assert_eq!(attr(&images[1], "height").as_deref(), Some("30"));
    assert_eq!(text(&get(&element, "[part~=caption]")), "Cap tion");
    assert_eq!(
        find_all(&element, "figure[part~=figure] > img[part~=image]").len(),
        1
    );

    assert!(
        find_all(&element, "script, iframe, a").is_empty(),
        "{}",
        describe(&element)
    );
    assert_no_event_handlers(&element);
    assert_no_unsafe_urls(&element);
    assert_no_inline_styles(&element, "body_html");
    let pwned = Reflect::get(&window(), &"__newsEmbedPwned".into()).expect("window property");
    assert!(pwned.is_undefined(), "hostile body_html ran: {pwned:?}");
}

/// The builder writes an element's first text as its `textContent`, so it must never do that
/// to an element that already has children: texts and elements stay in the source's order.
#[wasm_bindgen_test]
async fn texts_and_elements_in_a_body_keep_their_order() {
    let body_html = "<p>Một <strong>hai</strong> ba <em>bốn</em></p><p><em>năm</em> sáu</p><ul><li>bảy</li><li><strong>tám</strong> chín <em>mười</em></li></ul><p>mười một</p>";
    let data = format!(r#"{{"title": "Thứ tự", "body_html": {body_html:?}}}"#);
    let element = create("news-article", &[]);
    let _m = mount(&element);
    set_data(&element, &json(&data));
    wait_for_state(&element, "ready").await;
    let body = get(&element, "[part~=body]");
    assert_eq!(body.inner_html(), body_html);
    let paragraphs = find_all(&element, "[part~=body] > p");
    assert_eq!(
        paragraphs[0].child_nodes().length(),
        4,
        "text, strong, text, em"
    );
    assert_eq!(paragraphs[2].child_nodes().length(), 1, "one text node");
}

#[wasm_bindgen_test]
async fn body_links_are_kept_safe_and_open_where_the_host_says() {
    let data = r#"{
      "title": "Links",
      "body_html": "<p>Xem <a href=\"https://example.org/a\" target=\"_self\" id=\"x\" class=\"y\" name=\"z\">bài gốc</a> và <a href=\"mailto:toa-soan@example.org\">thư</a>.</p><table><tr><th scope=\"col\">A</th><td colspan=\"2\" style=\"x\">B</td></tr></table><pre><code>let x = 1;</code></pre>"
    }"#;
    let element = create("news-article", &[("link-target", "_blank")]);
    let _m = mount(&element);
    set_data(&element, &json(data));
    wait_for_state(&element, "ready").await;
    let links = find_all(&element, "[part~=body] a");
    assert_eq!(links.len(), 2);
    assert_eq!(
        attr(&links[0], "href").as_deref(),
        Some("https://example.org/a")
    );
    assert_eq!(
        attr(&links[0], "rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(
        attr(&links[0], "target").as_deref(),
        Some("_blank"),
        "the host's target, not the source's"
    );
    for dropped in ["id", "class", "name"] {
        assert_eq!(attr(&links[0], dropped), None, "{dropped}");
    }
    assert_eq!(
        attr(&links[1], "href").as_deref(),
        Some("mailto:toa-soan@example.org")
    );
    assert_eq!(attr(&get(&element, "td"), "colspan").as_deref(), Some("2"));
    assert_eq!(attr(&get(&element, "th"), "scope").as_deref(), Some("col"));
    assert_eq!(text(&get(&element, "pre > code")), "let x = 1;");
    assert_no_inline_styles(&element, "table");
}

// ---------------------------------------------------------------------------------------
// 13–14. Several widgets, removal
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn two_widgets_on_one_page_fail_and_succeed_independently() {
    let broken = BlobUrl::new("{ not json");
    let failing = create(
        "news-article",
        &[("src", broken.url()), ("loading", "eager")],
    );
    let working = create("news-list", &[]);
    let failing_events = Events::on(&failing);
    let working_events = Events::on(&working);
    let _f = mount(&failing);
    let _w = mount(&working);
    set_data(&working, &json(LISTING_JSON));

    failing_events.wait_for(ERROR, 1, &failing).await;
    working_events.wait_for(LOAD, 1, &working).await;
    sleep(50).await;
    assert_eq!(state(&failing).as_deref(), Some("error"));
    assert_eq!(state(&working).as_deref(), Some("ready"));
    assert_eq!(failing_events.count(LOAD), 0);
    assert_eq!(
        working_events.count(ERROR),
        0,
        "{}",
        working_events.summary()
    );
    assert_eq!(items(&working).len(), 15);
    assert!(find(&working, "[part~=retry]").is_none());
    assert!(find(&failing, "[part~=list], [part~=article]").is_none());
}

#[wasm_bindgen_test]
async fn removing_an_element_mid_fetch_aborts_quietly_and_reconnecting_fetches_again() {
    let url = stub_url("never.json");
    let stub = FetchStub::install(vec![(url.clone(), vec![Answer::Hang])]);
    let element = create("news-article", &[("src", &url), ("loading", "eager")]);
    let events = Events::on(&element);
    let mounted = mount(&element);
    wait_until(
        "the fetch to start",
        || stub.requests(&url).len() == 1,
        || describe(&element),
    )
    .await;
    drop(mounted);
    sleep(QUIET_MS).await;
    assert_eq!(
        stub.requests(&url)[0].0,
        true,
        "the request was aborted on removal"
    );
    assert_eq!(
        events.count(ERROR),
        0,
        "removal is not an error: {}",
        events.summary()
    );
    assert_eq!(events.count(LOAD), 0);

    let _again = mount(&element);
    wait_until(
        "a new fetch after reconnection",
        || stub.requests(&url).len() == 2,
        || describe(&element),
    )
    .await;
    assert_eq!(state(&element).as_deref(), Some("loading"));
}

#[wasm_bindgen_test]
async fn removing_an_element_right_after_appending_fires_no_event() {
    let source = BlobUrl::new(SEED_JSON);
    let element = create(
        "news-article",
        &[("src", source.url()), ("loading", "eager")],
    );
    let events = Events::on(&element);
    drop(mount(&element));
    sleep(QUIET_MS).await;
    assert_eq!(events.count(ERROR), 0, "{}", events.summary());
    assert_eq!(events.count(LOAD), 0, "{}", events.summary());
    assert_ne!(state(&element).as_deref(), Some("error"));
}

#[wasm_bindgen_test]
async fn moving_a_loaded_element_keeps_its_content_without_fetching_again() {
    let source = BlobUrl::new(SEED_JSON);
    let element = create(
        "news-article",
        &[("src", source.url()), ("loading", "eager")],
    );
    let events = Events::on(&element);
    let _m = mount(&element);
    events.wait_for(LOAD, 1, &element).await;
    source.revoke();

    let elsewhere = create("div", &[]);
    let _e = mount_first(&elsewhere);
    elsewhere
        .append_child(&element)
        .expect("moving the element");
    sleep(50).await;
    assert_eq!(
        state(&element).as_deref(),
        Some("ready"),
        "{}",
        describe(&element)
    );
    assert_eq!(events.count(LOAD), 1);
    assert_eq!(events.count(ERROR), 0, "{}", events.summary());
    get(&element, "article > h1[part~=headline]");
}

// ---------------------------------------------------------------------------------------
// Events, format and theme
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn events_bubble_and_cross_shadow_boundaries() {
    let container = create("div", &[]);
    let article = create("news-article", &[]);
    let failing = create("news-list", &[]);
    container.append_child(&article).expect("append");
    container.append_child(&failing).expect("append");
    let events = Events::on(&container);
    let _m = mount(&container);
    set_data(&article, &json(SEED_JSON));
    set_data(&failing, &json("42"));

    let load = events.wait_for(LOAD, 1, &container).await;
    let error = events.wait_for(ERROR, 1, &container).await;
    for seen in [&load, &error] {
        assert!(seen.bubbles, "{} bubbles", seen.name);
        assert!(seen.composed, "{} is composed", seen.name);
    }
    let load_target: JsValue = load.target.clone().expect("target").into();
    let error_target: JsValue = error.target.clone().expect("target").into();
    assert!(
        Object::is(&load_target, &article),
        "load is dispatched on the host"
    );
    assert!(
        Object::is(&error_target, &failing),
        "error is dispatched on the host"
    );
    assert_eq!(detail_str(&error, "kind").as_deref(), Some("schema"));
    assert!(detail_value(&error, "src").is_null());
}

#[wasm_bindgen_test]
async fn unknown_format_is_a_schema_error_until_format_is_native() {
    let element = create("news-article", &[("format", "rss")]);
    let events = Events::on(&element);
    let _m = mount(&element);
    set_data(&element, &json(SEED_JSON));
    let error = events.wait_for(ERROR, 1, &element).await;
    assert_eq!(detail_str(&error, "kind").as_deref(), Some("schema"));
    let message = detail_str(&error, "message").unwrap_or_default();
    assert!(
        message.contains("rss"),
        "the message names the format: {message}"
    );
    next_task().await;
    assert_eq!(state(&element).as_deref(), Some("error"));

    set_attr(&element, "format", "native");
    let load = events.wait_for(LOAD, 1, &element).await;
    assert_eq!(detail_str(&load, "format").as_deref(), Some("native"));
    next_task().await;
    assert_eq!(state(&element).as_deref(), Some("ready"));
    get(&element, "article > h1[part~=headline]");
}

fn computed_color(element: &Element) -> String {
    window()
        .get_computed_style(element)
        .expect("getComputedStyle")
        .expect("a computed style")
        .get_property_value("color")
        .expect("color")
}

#[wasm_bindgen_test]
async fn theme_attribute_and_custom_properties_restyle_the_shadow_content() {
    let element = create("news-article", &[("theme", "light")]);
    let _m = mount(&element);
    set_data(&element, &json(SEED_JSON));
    wait_for_state(&element, "ready").await;
    let article = get(&element, "[part~=article]");
    assert_eq!(
        computed_color(&article),
        "rgb(31, 35, 40)",
        "light theme text colour"
    );

    set_attr(&element, "theme", "dark");
    assert_eq!(
        computed_color(&article),
        "rgb(230, 237, 243)",
        "dark theme text colour"
    );

    element
        .style()
        .set_property("--news-embed-color", "rgb(1, 2, 3)")
        .expect("setting a custom property");
    assert_eq!(
        computed_color(&article),
        "rgb(1, 2, 3)",
        "the page's custom property wins"
    );
}

// ---------------------------------------------------------------------------------------
// 15. render()
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn render_fills_the_shadow_root_of_a_plain_element() {
    let seed = json(SEED_JSON);
    let target = create("div", &[("lang", "vi")]);
    let events = Events::on(&target);
    let _m = mount(&target);
    assert!(
        news_embed::render(&target, seed.clone()),
        "render() accepts the seed"
    );
    assert_eq!(
        text(&get(&target, "article > h1[part~=headline]")),
        field_str(&seed, "title")
    );
    assert_eq!(
        text(&get(&target, "article > time[part~=date]")),
        SEED_DATE_VI
    );
    assert_eq!(shadow(&target).adopted_style_sheets().length(), 1);
    assert_eq!(state(&target).as_deref(), Some("ready"));
    assert_eq!(events.count(LOAD), 1);

    let listing_target = create("div", &[]);
    let _l = mount(&listing_target);
    assert!(news_embed::render(&listing_target, json(LISTING_JSON)));
    assert_eq!(
        items(&listing_target).len(),
        15,
        "a listing renders as a list"
    );

    let empty_target = create("div", &[("lang", "en")]);
    let _e = mount(&empty_target);
    assert!(
        !news_embed::render(&empty_target, JsValue::NULL),
        "null cannot be shown"
    );
    assert_eq!(state(&empty_target).as_deref(), Some("error"));
    assert_eq!(
        text(&get(&empty_target, "[part~=status][role=alert] .message")),
        "The news could not be read: the data is not in a known article format."
    );
    assert!(
        shadow(&empty_target)
            .query_selector("[part~=retry]")
            .expect("query")
            .is_none(),
        "no retry button where there is no source to fetch again"
    );
}

#[wasm_bindgen_test]
async fn render_on_a_widget_element_sets_its_data() {
    let element = create("news-list", &[]);
    let _m = mount(&element);
    assert!(news_embed::render(&element, json(LISTING_JSON)));
    assert_eq!(state(&element).as_deref(), Some("ready"));
    assert_eq!(items(&element).len(), 15);
    assert!(!news_embed::render(&element, json(r#"{"foo": 1}"#)));
    assert_eq!(state(&element).as_deref(), Some("error"));
}

// ---------------------------------------------------------------------------------------
// Interrupted reloads and render(null): regressions found while writing this suite.
// ---------------------------------------------------------------------------------------

/// Whether `promise` has settled after `ms` milliseconds.
async fn settles_within(promise: &Promise, ms: i32) -> bool {
    let settled = Rc::new(std::cell::Cell::new(false));
    let flag = Rc::clone(&settled);
    let on_settle = Closure::<dyn FnMut(JsValue)>::new(move |_| flag.set(true));
    let _ = promise.then2(&on_settle, &on_settle);
    sleep(ms).await;
    let result = settled.get();
    // The closure may still be called later; it must outlive the promise.
    on_settle.forget();
    result
}

#[wasm_bindgen_test]
async fn reload_promise_resolves_when_data_or_src_change_interrupts_it() {
    let url = stub_url("interrupted.json");
    let _stub = FetchStub::install(vec![(url.clone(), vec![Answer::Hang])]);
    for interrupt in ["data", "src"] {
        let element = create("news-article", &[("src", &url), ("loading", "eager")]);
        let _m = mount(&element);
        wait_for_state(&element, "loading").await;
        let method: Function = Reflect::get(&element, &"reload".into())
            .expect("reload")
            .dyn_into()
            .expect("reload is a method");
        let promise: Promise = method
            .call0(&element)
            .expect("reload() does not throw")
            .dyn_into()
            .expect("reload() returns a Promise");
        match interrupt {
            "data" => set_data(&element, &json(SEED_JSON)),
            _ => element.remove_attribute("src").expect("removeAttribute"),
        }
        assert!(
            settles_within(&promise, QUIET_MS).await,
            "reload() still pending after {interrupt} changed; state={:?}",
            state(&element)
        );
    }
}

#[wasm_bindgen_test]
async fn render_of_null_on_a_widget_reports_that_nothing_is_shown() {
    let element = create("news-article", &[]);
    let _m = mount(&element);
    set_data(&element, &json(SEED_JSON));
    wait_for_state(&element, "ready").await;
    let shown = news_embed::render(&element, JsValue::NULL);
    next_task().await;
    assert_eq!(
        shown,
        state(&element).as_deref() == Some("ready"),
        "render() returned {shown} but the element is now {:?}",
        state(&element)
    );
}
