#![cfg(target_arch = "wasm32")]
//! XSS payloads rendered by the real widget, in Chromium and Firefox:
//! `wasm-pack test --headless --chrome -- --test xss` (and `--firefox`).
//!
//! Two sources of payloads: the project's own vectors (`tests/data/xss-vectors.json`) and,
//! when it sits beside the clone, the third-party DOMPurify corpus
//! (`../shared/corpora/xss-dompurify.json`, read at build time by `build.rs`, never copied
//! here). Every payload goes into four places: an HTML body, the title and summary, an image
//! caption (with its alt text and credit), and every URL field. Each batch of elements is
//! rendered, then settled (see `settle`: an order of events, not a fixed wait: the batch's
//! images have loaded or failed, then a control image's `onerror`, queued after theirs, has
//! run), then checked:
//!
//! - nothing ran: `alert`, `confirm`, `prompt` and `print` are trapped and counted in
//!   `window.__xssCalls`, and the own vectors set `window.__xssFlag`, which must stay
//!   undefined (an element named `__xssFlag` leaking into the page would define it too);
//! - nothing in the shadow root could run: no `on*` attribute, no `style` attribute, no
//!   element that scripts, styles, frames, embeds or submits, nothing outside the HTML
//!   namespace, no nested shadow root, no `javascript:`/`vbscript:`/`data:` value however it is
//!   disguised, and every URL attribute an absolute `http(s):` (or `mailto:` link) URL;
//! - text stayed text: the headline, lead, caption, credit and alt text are the payload itself;
//! - the page is intact: no element appeared outside the widgets, the address and title did
//!   not change, and every element still renders fresh data afterwards.
//!
//! When a batch shows that something ran or the page changed, its payloads are rendered again
//! one at a time to name the culprit. Failing payloads are printed with `console_log!`.
//!
//! Two more tests: one shows that the harness catches a handler that does run (so the checks
//! above cannot pass vacuously), and one renders bodies that clobber the DOM properties the
//! sanitizer reads from the parsed document, with the paragraphs each must show.
//!
//! Without `../shared`, the four corpus tests are reported as ignored, by name (`build.rs` sets
//! `cfg(xss_corpus)` only when the corpus is there); under `CI=true` they run instead and fail,
//! saying the corpus is absent (`cfg(shared_required)`).

use std::collections::BTreeMap;

use js_sys::{Array, Date, Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode, Url};

wasm_bindgen_test_configure!(run_in_browser);

/// The project's own payloads, kept in the repository.
const OWN_VECTORS: &str = include_str!("data/xss-vectors.json");

/// DOMPurify's fixtures (third-party data, outside the repository; see `build.rs`).
#[cfg(xss_corpus)]
const CORPUS: Option<&str> = Some(include_str!(env!("NEWS_EMBED_XSS_CORPUS")));
#[cfg(not(xss_corpus))]
const CORPUS: Option<&str> = None;
/// Why the corpus tests are ignored when the corpus is not there (and not required).
const NO_CORPUS: &str = "../shared/corpora/xss-dompurify.json is absent";

/// Payloads rendered together before one settling.
const BATCH: usize = 20;
/// Not a time any check expects to need: a guard that turns a control image that never fires
/// into a failure that says so, instead of a hang. A test server's 404 takes milliseconds
/// even on a loaded machine.
const SETTLE_GUARD_MS: f64 = 60_000.0;
/// How long `settle` waits for the hosts' images before it names those the browser has not
/// finished and goes on. Now and then (more often on a loaded machine), in Chromium and
/// Firefox alike, two or three images of the first burst of image requests (own vectors as
/// URLs) never finish, nor does a `fetch()` of their URL from the page, while the test server
/// answers the same URLs at once to curl and to a fresh page: the request is stuck in the
/// browser or on its way to the test server, not in the widget. Such an image has fired no
/// handler, and `shadow_violations` checks its attributes all the same. The other images are
/// 404s of the test server, which take milliseconds even on a loaded machine, or payload URLs
/// on other hosts, which fail at once offline.
const UNFINISHED_MS: f64 = 5_000.0;
/// How often `settle` looks again.
const POLL_MS: i32 = 10;
/// Where the test hosts sit: in the viewport, so that lazy images load as on a page (`settle`
/// makes eager those that lazy loading leaves waiting), out of sight and out of the way of the
/// pointer.
const HOST_STYLE: &str =
    "position:fixed;top:0;left:0;width:360px;opacity:0;pointer-events:none;z-index:-1";
/// An image the test server does not have, for the caption placement: it fails at once, on the
/// test server, without a DNS lookup (`example.invalid` could take seconds to fail, and
/// `settle` waits for every image to finish).
const SOME_IMAGE: &str = "xss-missing-caption-image.png";

const XHTML: &str = "http://www.w3.org/1999/xhtml";
/// Elements the widget must never render, whatever it is given.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "base",
    "meta",
    "link",
    "template",
    "slot",
    "noscript",
    "audio",
    "video",
    "portal",
    "fencedframe",
];
/// Attributes that are only ever text to the browser (never fetched or navigated to), so a
/// value such as `title="javascript:…"` is words, not a URL.
const TEXT_ONLY_ATTRIBUTES: &[&str] = &[
    "title",
    "alt",
    "aria-label",
    "lang",
    "dir",
    "datetime",
    "part",
    "role",
    "sizes",
    "media",
    "type",
    "scope",
    "class",
];
/// Attributes the browser resolves as URLs: if present, absolute `http(s):` (`mailto:` for
/// links and citations), since the widget resolves every URL it renders.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
    "ping",
    "longdesc",
    "codebase",
    "manifest",
    "icon",
    "lowsrc",
    "dynsrc",
    "xlink:href",
];
const SRCSET_ATTRIBUTES: &[&str] = &["srcset", "imagesrcset"];
const DANGEROUS_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:"];
/// Elements in the page outside the widgets that a payload must never add.
const RISKY_SELECTOR: &str = "script, style, iframe, frame, frameset, object, embed, base, \
    meta, link, form, svg, math, template, noscript, img, a";
/// The dialogs a payload would call to prove it ran.
const TRAPPED: [&str; 4] = ["alert", "confirm", "prompt", "print"];

// ---------------------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------------------

fn window() -> web_sys::Window {
    web_sys::window().expect("the tests run in a window")
}

fn document() -> Document {
    window().document().expect("the window has a document")
}

fn body() -> HtmlElement {
    document().body().expect("the test page has a body")
}

/// Registers the elements. wasm-bindgen does not run `#[wasm_bindgen(start)]` in test
/// builds, so the tests call `start()` themselves, once.
fn ensure_started() {
    static START: std::sync::Once = std::sync::Once::new();
    START.call_once(news_embed::start);
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

fn global(name: &str) -> JsValue {
    Reflect::get(&window(), &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set_global(name: &str, value: &JsValue) {
    Reflect::set(&window(), &name.into(), value).expect("setting a window property");
}

fn obj(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        Reflect::set(&object, &JsValue::from_str(key), value).expect("building test data");
    }
    object.into()
}

fn arr(items: Vec<JsValue>) -> JsValue {
    items.into_iter().collect::<Array>().into()
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn state(host: &Element) -> Option<String> {
    host.get_attribute("state")
}

fn shadow(host: &Element) -> Option<ShadowRoot> {
    host.shadow_root()
}

fn query(host: &Element, selector: &str) -> Option<Element> {
    shadow(host)?.query_selector(selector).ok().flatten()
}

fn text_of(host: &Element, selector: &str) -> Option<String> {
    query(host, selector).map(|e| e.text_content().unwrap_or_default())
}

fn all_elements(root: &ShadowRoot) -> Vec<Element> {
    let list = root.query_selector_all("*").expect("querySelectorAll('*')");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

/// What a host shows, shortened, for failure messages.
fn describe(host: &Element) -> String {
    let html = shadow(host)
        .map(|root| root.inner_html())
        .unwrap_or_else(|| "(no shadow root)".to_owned());
    let html: String = html.chars().take(600).collect();
    format!("state={:?} shadow root: {html}", state(host))
}

/// A thrown JavaScript value as one line: its `message` when it has one.
fn js_error(error: &JsValue) -> String {
    Reflect::get(error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// A payload as the widget shows text: character references decoded once (text fields are
/// then trimmed, an `alt` is not). The oracle is a `<textarea>`'s RCDATA parse, not the
/// widget's own decoding (the widget decodes only text holding `&`, and its body parse
/// drops U+0000, which RCDATA would make U+FFFD).
fn decoded(payload: &str) -> String {
    if !payload.contains('&') {
        return payload.to_owned();
    }
    let area = document().create_element("textarea").expect("a textarea");
    area.set_inner_html(&payload.replace('\0', "").replace('<', "&lt;"));
    area.text_content().unwrap_or_default()
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        format!("{text:?}")
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut:?}…")
    }
}

// ---------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------

struct Payload {
    /// Position in its file, since titles repeat in the corpus.
    index: usize,
    title: String,
    payload: String,
}

impl Payload {
    fn label(&self) -> String {
        format!("#{} {:?}", self.index, self.title)
    }
}

/// Reads a `[{title, payload}]` file with the browser's JSON parser.
fn load_payloads(source: &str, what: &str) -> Vec<Payload> {
    let parsed = JSON::parse(source).unwrap_or_else(|e| panic!("{what} is not JSON: {e:?}"));
    let entries: Array = parsed
        .dyn_into()
        .unwrap_or_else(|_| panic!("{what} is not an array"));
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let field = |key: &str| {
                Reflect::get(&entry, &key.into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_else(|| panic!("{what} entry #{index} has no string {key:?}"))
            };
            Payload {
                index,
                title: field("title"),
                payload: field("payload"),
            }
        })
        .collect()
}

fn own_vectors() -> Vec<Payload> {
    let vectors = load_payloads(OWN_VECTORS, "tests/data/xss-vectors.json");
    assert!(
        vectors.len() >= 30,
        "tests/data/xss-vectors.json has {} vectors; keep at least 30",
        vectors.len()
    );
    let mut seen = BTreeMap::new();
    for vector in &vectors {
        assert!(
            !vector.title.trim().is_empty() && !vector.payload.is_empty(),
            "own vector #{} has an empty title or payload",
            vector.index
        );
        if let Some(first) = seen.insert(vector.title.clone(), vector.index) {
            panic!(
                "own vectors #{first} and #{} share the title {:?}",
                vector.index, vector.title
            );
        }
    }
    vectors
}

/// The corpus; reached without it only under `CI=true` (`cfg(shared_required)`) or with
/// `--include-ignored`, and then a failure that says why.
fn corpus() -> Vec<Payload> {
    let Some(source) = CORPUS else {
        panic!(
            "{NO_CORPUS} when this test was built: CI=true requires it (a clean clone with \
             ../shared beside it)"
        );
    };
    let corpus = load_payloads(source, "../shared/corpora/xss-dompurify.json");
    assert!(
        corpus.len() >= 200,
        "the corpus has only {} entries",
        corpus.len()
    );
    corpus
}

// ---------------------------------------------------------------------------------------
// Traps: did anything run?
// ---------------------------------------------------------------------------------------

/// Replaces `alert`, `confirm`, `prompt` and `print` with counters and clears the flag.
/// The traps stay after the test: a late call must never open a real dialog, which would
/// block the WebDriver session.
fn instrument() {
    ensure_started();
    for name in TRAPPED {
        let trap = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |argument: JsValue| {
            let calls = global("__xssCalls").as_f64().unwrap_or(0.0);
            set_global("__xssCalls", &JsValue::from(calls + 1.0));
            let argument = argument
                .as_string()
                .or_else(|| JSON::stringify(&argument).ok().and_then(|s| s.as_string()))
                .unwrap_or_else(|| format!("{argument:?}"));
            if let Ok(log) = global("__xssLog").dyn_into::<Array>() {
                log.push(&s(&format!("{name}({argument})")));
            }
            match name {
                "confirm" => JsValue::FALSE,
                "prompt" => JsValue::NULL,
                _ => JsValue::UNDEFINED,
            }
        });
        set_global(name, trap.as_ref());
        trap.forget();
    }
    reset_traces();
}

fn reset_traces() {
    set_global("__xssCalls", &JsValue::from(0));
    set_global("__xssLog", &Array::new());
    let _ = Reflect::delete_property(&window().into(), &"__xssFlag".into());
}

/// What ran since the last reset, if anything did.
fn traces() -> Option<String> {
    let calls = global("__xssCalls").as_f64().unwrap_or(0.0);
    let flag = global("__xssFlag");
    if calls == 0.0 && flag.is_undefined() {
        return None;
    }
    let log: Vec<String> = global("__xssLog")
        .dyn_into::<Array>()
        .map(|log| log.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default();
    let flag = if flag.is_undefined() {
        "undefined".to_owned()
    } else {
        flag.as_string()
            .or_else(|| flag.as_f64().map(|n| n.to_string()))
            .unwrap_or_else(|| format!("{flag:?}"))
    };
    Some(format!(
        "script ran: {calls} trapped call(s) {log:?}, window.__xssFlag = {flag}"
    ))
}

// ---------------------------------------------------------------------------------------
// The page outside the widgets
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct Page {
    elements: u32,
    risky: u32,
    body_children: u32,
    location: String,
    title: String,
}

fn page() -> Page {
    let document = document();
    let count = |selector: &str| {
        document
            .query_selector_all(selector)
            .expect("querySelectorAll")
            .length()
    };
    Page {
        elements: count("*"),
        risky: count(RISKY_SELECTOR),
        body_children: body().child_element_count(),
        location: window().location().href().unwrap_or_default(),
        title: document.title(),
    }
}

/// How `now` differs from `before` beyond the `hosts` the test itself added.
fn page_changes(before: &Page, now: &Page, hosts: u32) -> Vec<String> {
    let mut changes = Vec::new();
    if now.elements != before.elements + hosts {
        changes.push(format!(
            "the document has {} elements, expected {} + {hosts} test hosts",
            now.elements, before.elements
        ));
    }
    if now.body_children != before.body_children + hosts {
        changes.push(format!(
            "document.body has {} child elements, expected {} + {hosts} test hosts",
            now.body_children, before.body_children
        ));
    }
    if now.risky != before.risky {
        changes.push(format!(
            "the document's count of `{RISKY_SELECTOR}` went from {} to {}",
            before.risky, now.risky
        ));
    }
    if now.location != before.location {
        changes.push(format!(
            "the page navigated: {:?} → {:?}",
            before.location, now.location
        ));
    }
    if now.title != before.title {
        changes.push(format!(
            "document.title changed: {:?} → {:?}",
            before.title, now.title
        ));
    }
    changes
}

// ---------------------------------------------------------------------------------------
// The shadow root
// ---------------------------------------------------------------------------------------

/// The value as the URL parser and old browsers would read its scheme: no white space or
/// control characters anywhere, lower case.
fn dangerous_scheme(value: &str) -> Option<&'static str> {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    DANGEROUS_SCHEMES
        .iter()
        .find(|scheme| squeezed.starts_with(*scheme))
        .copied()
}

/// The URLs of a `srcset`: the first word of each comma-separated candidate.
fn srcset_urls(value: &str) -> Vec<&str> {
    value
        .split(',')
        .filter_map(|candidate| candidate.split_ascii_whitespace().next())
        .collect()
}

/// Whether the widget's resolved `url` is absolute with a scheme allowed for `attribute`.
fn absolute_web_url(url: &str, attribute: &str) -> bool {
    let allowed: &[&str] = match attribute {
        "href" | "cite" => &["http:", "https:", "mailto:"],
        _ => &["http:", "https:"],
    };
    // Absolute as written: parsing without a base fails for relative URLs.
    Url::new(url).is_ok_and(|parsed| allowed.contains(&parsed.protocol().as_str()))
}

/// Everything in `host`'s shadow root that could run script, style the page or leave it.
fn shadow_violations(host: &Element) -> Vec<String> {
    let Some(root) = shadow(host) else {
        return vec!["the host has no open shadow root".to_owned()];
    };
    let mut found = Vec::new();
    for element in all_elements(&root) {
        let tag = element.local_name();
        let namespace = element.namespace_uri().unwrap_or_default();
        if namespace != XHTML {
            found.push(format!("<{tag}> in the namespace {namespace:?}"));
        }
        if FORBIDDEN_ELEMENTS.contains(&tag.as_str()) {
            found.push(format!("a <{tag}> element"));
        }
        if element.shadow_root().is_some() {
            found.push(format!("<{tag}> carries a shadow root of its own"));
        }
        let attributes = element.attributes();
        for index in 0..attributes.length() {
            let Some(attribute) = attributes.item(index) else {
                continue;
            };
            let name = attribute.name().to_ascii_lowercase();
            let local = attribute.local_name().to_ascii_lowercase();
            let value = attribute.value();
            let shown = format!("<{tag} {name}={}>", shorten(&value, 120));
            if local.starts_with("on") || name.starts_with("on") {
                found.push(format!("event handler attribute {shown}"));
            }
            if local == "style" {
                found.push(format!("style attribute {shown}"));
            }
            if attribute.namespace_uri().is_some() {
                found.push(format!("namespaced attribute {shown}"));
            }
            if !TEXT_ONLY_ATTRIBUTES.contains(&local.as_str()) {
                if let Some(scheme) = dangerous_scheme(&value) {
                    found.push(format!("{scheme} value {shown}"));
                }
            }
            if SRCSET_ATTRIBUTES.contains(&local.as_str()) {
                for url in srcset_urls(&value) {
                    if let Some(scheme) = dangerous_scheme(url) {
                        found.push(format!("{scheme} candidate in {shown}"));
                    }
                    if !absolute_web_url(url, &local) {
                        found.push(format!(
                            "srcset candidate {url:?} is not an absolute http(s) URL in {shown}"
                        ));
                    }
                }
            }
            let is_url =
                URL_ATTRIBUTES.contains(&name.as_str()) || URL_ATTRIBUTES.contains(&local.as_str());
            if is_url && !absolute_web_url(&value, &local) {
                found.push(format!("{shown} is not an absolute http(s) URL"));
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------------------
// Placements
// ---------------------------------------------------------------------------------------

/// Where a payload goes in the widget's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// `body_html` of an article: the one field that is HTML.
    Body,
    /// The title and summary of an article and of a listed item: text.
    Text,
    /// The caption, credit and alt text of an image block: text.
    Caption,
    /// Every URL: the article's, its lead image, an image block, a quote's `cite`, and the
    /// links and thumbnails of other news and of a list.
    Url,
}

impl Placement {
    fn name(self) -> &'static str {
        match self {
            Placement::Body => "article body",
            Placement::Text => "title and summary",
            Placement::Caption => "image caption",
            Placement::Url => "link and image URLs",
        }
    }

    /// The elements one payload is rendered in: (tag, data).
    fn data(self, payload: &str) -> Vec<(&'static str, JsValue)> {
        let p = || s(payload);
        match self {
            Placement::Body => vec![(
                "news-article",
                obj(&[("title", s("t")), ("body_html", p())]),
            )],
            Placement::Text => vec![
                ("news-article", obj(&[("title", p()), ("summary", p())])),
                (
                    "news-list",
                    arr(vec![obj(&[("title", p()), ("summary", p())])]),
                ),
            ],
            Placement::Caption => vec![(
                "news-article",
                obj(&[
                    ("title", s("t")),
                    (
                        "body",
                        arr(vec![obj(&[
                            ("type", s("image")),
                            ("src", s(SOME_IMAGE)),
                            ("alt", p()),
                            ("caption", p()),
                            ("credit", p()),
                        ])]),
                    ),
                ]),
            )],
            Placement::Url => vec![
                (
                    "news-article",
                    obj(&[
                        ("title", s("t")),
                        ("url", p()),
                        ("image", p()),
                        (
                            "body",
                            arr(vec![
                                obj(&[("type", s("image")), ("src", p()), ("alt", s("a"))]),
                                obj(&[("type", s("quote")), ("text", s("q")), ("cite", p())]),
                            ]),
                        ),
                        (
                            "other_news",
                            arr(vec![obj(&[
                                ("title", s("o")),
                                ("url", p()),
                                ("image", p()),
                            ])]),
                        ),
                    ]),
                ),
                (
                    "news-list",
                    arr(vec![obj(&[
                        ("title", s("o")),
                        ("url", p()),
                        ("image", obj(&[("src", p()), ("alt", s(""))])),
                    ])]),
                ),
            ],
        }
    }

    /// What the element must show for this placement, beyond the shared checks.
    fn expectations(self, tag: &str, host: &Element, payload: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let decoded = decoded(payload);
        let text = decoded.trim();
        let want_state = |wanted: &str, problems: &mut Vec<String>| {
            if state(host).as_deref() != Some(wanted) {
                problems.push(format!("state is {:?}, expected {wanted:?}", state(host)));
            }
        };
        let want_text = |selector: &str, wanted: &str, problems: &mut Vec<String>| {
            let shown = text_of(host, selector);
            if shown.as_deref() != Some(wanted) {
                problems.push(format!(
                    "{selector} shows {}, expected the payload as text, references decoded once: {}",
                    shown.map_or("nothing".to_owned(), |t| shorten(&t, 120)),
                    shorten(wanted, 120)
                ));
            }
        };
        match (self, tag) {
            (Placement::Body, _) => {
                want_state("ready", &mut problems);
                want_text("h1[part~=headline]", "t", &mut problems);
            }
            (Placement::Text, "news-article") if text.is_empty() => {
                // An article needs a title: a blank one is a schema error, not a crash.
                want_state("error", &mut problems);
            }
            (Placement::Text, "news-article") => {
                want_state("ready", &mut problems);
                want_text("h1[part~=headline]", text, &mut problems);
                want_text("p[part~=lead]", text, &mut problems);
            }
            (Placement::Text, _) => {
                want_state("ready", &mut problems);
                if !text.is_empty() {
                    want_text("[part~=item] [part~=headline]", text, &mut problems);
                    want_text("[part~=item-summary]", text, &mut problems);
                }
            }
            (Placement::Caption, _) => {
                want_state("ready", &mut problems);
                let alt = query(host, "figure img").and_then(|img| img.get_attribute("alt"));
                if alt.as_deref() != Some(decoded.as_str()) {
                    problems.push(format!(
                        "the image's alt is {}, expected the payload as text, references decoded once",
                        alt.map_or("missing".to_owned(), |a| shorten(&a, 120))
                    ));
                }
                if !text.is_empty() {
                    want_text("figcaption", &format!("{text} {text}"), &mut problems);
                    want_text("figcaption small", text, &mut problems);
                }
            }
            (Placement::Url, _) => want_state("ready", &mut problems),
        }
        problems
    }
}

// ---------------------------------------------------------------------------------------
// Rendering batches
// ---------------------------------------------------------------------------------------

/// Removes the test's hosts from the page when dropped.
struct Hosts(Vec<Element>);

impl Drop for Hosts {
    fn drop(&mut self) {
        for host in &self.0 {
            host.remove();
        }
    }
}

/// Waits until nothing the hosts' shadow roots hold can still run, by an order of events, not a
/// time (a fixed wait is too short on a loaded machine, and then a handler that survived would
/// fire after the look). Of what the widgets are allowed to render, only `<img>` loads anything
/// (frames, media, objects, links, styles and SVG are forbidden, and checked), so:
///
/// 1. every image of the hosts that has not finished is made eager, so that it loads now: lazy
///    loading picks its moment by heuristics that a loaded machine stretches (Chromium, under
///    load, was seen to leave images in the viewport unstarted while later ones loaded), and a
///    handler such an image kept would run after the look, or never;
/// 2. every image of the hosts has loaded or failed (`complete`); after `UNFINISHED_MS`, those
///    the browser has not finished are named on the console instead (see there);
/// 3. then a control image, missing from the test server, fails, and its `onerror` runs. A
///    browser queues an image's `load` or `error` event on the DOM manipulation task source,
///    whose tasks run in the order they were queued: the control's is queued after every image
///    of step 2 had finished, so when it has run, every handler one of them kept has run too.
///
/// What makes it fail: a control that never fires panics after `SETTLE_GUARD_MS`. The harness
/// test shows a live `onerror` caught by it, and fails if `settle` returns before that handler
/// has run.
async fn settle(hosts: &[Element]) {
    let images: Vec<Element> = hosts
        .iter()
        .filter_map(shadow)
        .flat_map(|root| {
            let list = root.query_selector_all("img").expect("querySelectorAll");
            (0..list.length()).filter_map(move |i| list.item(i))
        })
        .filter_map(|img| img.dyn_into::<Element>().ok())
        .collect();
    let complete = |img: &Element| {
        Reflect::get(img, &"complete".into())
            .ok()
            .and_then(|c| c.as_bool())
            == Some(true)
    };
    for img in &images {
        if !complete(img) && img.get_attribute("loading").as_deref() == Some("lazy") {
            img.set_attribute("loading", "eager")
                .expect("making an image eager");
        }
    }
    let started = Date::now();
    loop {
        let loading: Vec<String> = images
            .iter()
            .filter(|img| !complete(img))
            .map(|img| img.get_attribute("src").unwrap_or_default())
            .collect();
        if loading.is_empty() {
            break;
        }
        if Date::now() - started > UNFINISHED_MS {
            console_log!(
                "settle: the browser has not finished {} image(s) after {UNFINISHED_MS} ms; \
                 their handlers have not run, their attributes are checked: {loading:?}",
                loading.len()
            );
            break;
        }
        sleep(POLL_MS).await;
    }

    static CONTROLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let number = CONTROLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    let control = new_host("div");
    let root = control
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .expect("attachShadow");
    // Its own URL each time: no cache answers for it, the test server does.
    root.set_inner_html(&format!(
        "<img src=\"xss-control-missing.png?{number}\" alt=\"\" \
         onerror=\"window.__xssControl={number}\">"
    ));
    body()
        .append_child(&control)
        .expect("appending the control");
    let started = Date::now();
    while global("__xssControl").as_f64() != Some(f64::from(number)) {
        if Date::now() - started > SETTLE_GUARD_MS {
            control.remove();
            panic!(
                "settle: the control image's onerror had not run after {SETTLE_GUARD_MS} ms, \
                 so the harness cannot tell that the hosts' handlers have run"
            );
        }
        sleep(POLL_MS).await;
    }
    control.remove();
}

fn new_host(tag: &str) -> Element {
    ensure_started();
    let host = document()
        .create_element(tag)
        .unwrap_or_else(|e| panic!("createElement({tag:?}) failed: {e:?}"));
    host.set_attribute("style", HOST_STYLE)
        .expect("styling the test host");
    host
}

/// Gives a host that has shown a payload ordinary data: it must render it.
fn still_works(host: &Element) -> Option<String> {
    let data = obj(&[
        ("title", s("Still working")),
        ("body_html", s("<p>fine</p>")),
    ]);
    if let Err(error) = Reflect::set(host, &"data".into(), &data) {
        return Some(format!(
            "setting ordinary data afterwards threw: {}",
            js_error(&error)
        ));
    }
    // A list shows an article as its one item.
    let ok = state(host).as_deref() == Some("ready")
        && if host.local_name() == "news-list" {
            text_of(host, "[part~=item] [part~=headline]").as_deref() == Some("Still working")
        } else {
            text_of(host, "h1[part~=headline]").as_deref() == Some("Still working")
                && text_of(host, "[part~=body] p").as_deref() == Some("fine")
        };
    (!ok).then(|| {
        format!(
            "the element no longer renders ordinary data: {}",
            describe(host)
        )
    })
}

struct BatchOutcome {
    /// Problems of one payload: (index in the batch, problem).
    payload_problems: Vec<(usize, String)>,
    /// Problems of the batch as a whole: something ran, the page changed.
    batch_problems: Vec<String>,
}

/// Renders every payload of `batch` in `placement`, waits, and checks.
async fn render_batch(batch: &[&Payload], placement: Placement) -> BatchOutcome {
    let before = page();
    let mut hosts = Hosts(Vec::new());
    let mut rendered = Vec::new();
    let mut payload_problems = Vec::new();
    for (index, payload) in batch.iter().enumerate() {
        for (tag, data) in placement.data(&payload.payload) {
            let host = new_host(tag);
            body()
                .append_child(&host)
                .expect("appending a host to document.body");
            hosts.0.push(host.clone());
            if let Err(error) = Reflect::set(&host, &"data".into(), &data) {
                payload_problems.push((
                    index,
                    format!("<{tag}>: setting .data threw: {}", js_error(&error)),
                ));
            }
            rendered.push((index, tag, host));
        }
    }
    settle(&hosts.0).await;

    let mut batch_problems = Vec::new();
    if let Some(ran) = traces() {
        batch_problems.push(ran);
    }
    let count = u32::try_from(hosts.0.len()).expect("a batch is small");
    batch_problems.extend(page_changes(&before, &page(), count));
    for (index, tag, host) in &rendered {
        let problems = shadow_violations(host)
            .into_iter()
            .chain(placement.expectations(tag, host, &batch[*index].payload));
        for problem in problems {
            payload_problems.push((*index, format!("<{tag}>: {problem}")));
        }
    }
    for (index, tag, host) in &rendered {
        if let Some(problem) = still_works(host) {
            payload_problems.push((*index, format!("<{tag}>: {problem}")));
        }
    }
    drop(hosts);
    batch_problems.extend(
        page_changes(&before, &page(), 0)
            .into_iter()
            .map(|change| format!("after removing the hosts, {change}")),
    );
    BatchOutcome {
        payload_problems,
        batch_problems,
    }
}

/// Renders every payload of a group in `placement` and fails, naming each failing payload,
/// if anything got through.
async fn run_group(group: &str, payloads: &[Payload], placement: Placement) {
    instrument();
    let started = Date::now();
    // Failing payload index → its problems; batch-level problems nobody could be named for.
    let mut failing: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut unattributed = Vec::new();
    for chunk in payloads.chunks(BATCH) {
        let batch: Vec<&Payload> = chunk.iter().collect();
        let outcome = render_batch(&batch, placement).await;
        for (index, problem) in outcome.payload_problems {
            failing.entry(batch[index].index).or_default().push(problem);
        }
        if outcome.batch_problems.is_empty() {
            continue;
        }
        // Something ran or the page changed: find which payload did it, one at a time.
        let mut named = false;
        for payload in &batch {
            reset_traces();
            let alone = render_batch(&[payload], placement).await;
            if !alone.batch_problems.is_empty() {
                named = true;
                failing
                    .entry(payload.index)
                    .or_default()
                    .extend(alone.batch_problems);
            }
        }
        if !named {
            let first = batch.first().map_or(0, |p| p.index);
            let last = batch.last().map_or(0, |p| p.index);
            unattributed.push(format!(
                "payloads #{first}..=#{last} together (none alone): {:?}",
                outcome.batch_problems
            ));
        }
        reset_traces();
    }
    // The last look, after the last batch's hosts are gone: one more control, so that whatever
    // was queued before it has run.
    settle(&[]).await;
    if let Some(ran) = traces() {
        unattributed.push(format!("after the last batch, {ran}"));
    }
    reset_traces();

    let elapsed = Date::now() - started;
    let placement_name = placement.name();
    console_log!(
        "{group} × {placement_name}: {} payloads in {elapsed:.0} ms, {} failing",
        payloads.len(),
        failing.len() + unattributed.len()
    );
    if failing.is_empty() && unattributed.is_empty() {
        return;
    }
    let by_index: BTreeMap<usize, &Payload> = payloads.iter().map(|p| (p.index, p)).collect();
    let mut report = Vec::new();
    for (index, problems) in &failing {
        let payload = by_index[index];
        console_log!(
            "FAILING {group} payload {} as {placement_name}: {:?}\n    {}",
            payload.label(),
            payload.payload,
            problems.join("\n    ")
        );
        report.push(format!(
            "{} {}: {}",
            payload.label(),
            shorten(&payload.payload, 160),
            problems.join("; ")
        ));
    }
    for problem in &unattributed {
        console_log!("FAILING {group} as {placement_name}: {problem}");
        report.push(problem.clone());
    }
    let titles: Vec<String> = failing.keys().map(|i| by_index[i].label()).collect();
    console_log!("failing {group} payload titles ({placement_name}): {titles:#?}");
    let shown: Vec<&String> = report.iter().take(40).collect();
    panic!(
        "{} {group} payload(s) failed as {placement_name} (first {} shown):\n{}",
        failing.len() + unattributed.len(),
        shown.len(),
        shown
            .iter()
            .map(|line| line.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// The harness itself
// ---------------------------------------------------------------------------------------

/// The checks above would pass vacuously if the traps, the settling or the shadow-root
/// checker did not work: this shows each of them catching the real thing, outside the widget.
#[wasm_bindgen_test]
async fn the_harness_notices_a_payload_that_runs_and_markup_that_would() {
    instrument();

    // A trapped dialog is counted, not shown.
    let alert: Function = global("alert").dyn_into().expect("alert is a function");
    alert
        .call1(&JsValue::NULL, &s("control"))
        .expect("calling the trapped alert");
    let ran = traces().expect("a call to the trapped alert is noticed");
    assert!(ran.contains("alert(control)"), "{ran}");
    reset_traces();
    assert_eq!(traces(), None, "the traces reset");

    // Live markup in a shadow root placed like the widgets': by the time `settle` returns, the
    // onerror of its lazy image has run, and so has that of a lazy image far below the
    // viewport, which lazy loading alone never starts (were `settle` to return sooner, after a
    // fixed wait that a loaded machine outlasts, or with lazy images left unstarted, the
    // batches would look before a surviving handler ran, and this fails). And the checker
    // names every kind of violation. The srcset's 1x candidate is absolute (only its data:
    // candidate is a violation) and on the test server, where it fails at once.
    let host = new_host("div");
    let root = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .expect("attachShadow");
    let before = page();
    body().append_child(&host).expect("appending the control");
    let origin = window().location().origin().expect("the page's origin");
    root.set_inner_html(&format!(
        "<img src=\"control-missing.png\" loading=\"lazy\" onerror=\"window.__xssFlag=1\">\
         <a href=\" JaVa&#x09;script:void(0)\">x</a>\
         <img src=\"images/relative.png\" srcset=\"{origin}/xss-missing-1x.png 1x, \
           data:image/png;base64,AAAA 2x\">\
         <svg></svg><p style=\"color:red\">x</p>\
         <p style=\"height:20000px\">far below</p>\
         <img src=\"control-far-below.png\" loading=\"lazy\" onerror=\"alert('far below')\">"
    ));
    settle(std::slice::from_ref(&host)).await;
    let ran = traces().expect(
        "the control image's onerror had not run when settle returned: the batches would \
         miss handlers that do survive",
    );
    assert!(ran.contains("__xssFlag = 1"), "{ran}");
    assert!(
        ran.contains("alert(far below)"),
        "the onerror of the lazy image far below had not run when settle returned: the \
         batches would miss handlers of images that lazy loading leaves unstarted: {ran}"
    );
    reset_traces();

    let violations = shadow_violations(&host);
    for expected in [
        "event handler attribute <img onerror=",
        "javascript: value <a href=",
        "is not an absolute http(s) URL",
        "data: candidate in <img srcset=",
        "a <svg> element",
        "<svg> in the namespace \"http://www.w3.org/2000/svg\"",
        "style attribute <p style=",
    ] {
        assert!(
            violations.iter().any(|v| v.contains(expected)),
            "the checker misses {expected:?}; it found {violations:#?}"
        );
    }
    assert!(
        page_changes(&before, &page(), 1).is_empty(),
        "the control changed nothing outside its host"
    );

    // An element appearing outside the widgets is noticed.
    let stray = document()
        .create_element("template")
        .expect("createElement");
    body().append_child(&stray).expect("appending the stray");
    let changes = page_changes(&before, &page(), 1);
    stray.remove();
    host.remove();
    assert!(
        changes.iter().any(|c| c.contains("document.body has")),
        "a stray element in the page is noticed: {changes:?}"
    );
    assert!(
        page_changes(&before, &page(), 0).is_empty(),
        "the control cleaned up after itself"
    );
}

// ---------------------------------------------------------------------------------------
// The project's own vectors
// ---------------------------------------------------------------------------------------

/// Bodies whose named form controls shadow the DOM properties of their form in the parsed
/// document (`form.nextSibling` is then the `<input name=nextSibling>`, `form.nodeType` an
/// element) or whose named image or form shadows `document.body` (Firefox), with the
/// paragraphs each must show. The sanitizer's walk must neither throw out of `.data` nor be
/// steered past content, or into the content of a dropped element, by them.
const CLOBBERING_CASES: &[(&str, &[&str])] = &[
    (
        "<p>before</p><form><input name=nextSibling></form><p>after</p>",
        &["before", "after"],
    ),
    (
        "<p>before</p><form><input name=nextSibling><input name=nextSibling></form><p>after</p>",
        &["before", "after"],
    ),
    (
        "<div><p>before</p><form><input name=nextSibling></form><p>after</p></div>",
        &["before", "after"],
    ),
    (
        "<p>before</p><form id=f></form><p>middle</p><input form=f name=nextSibling><p>after</p>",
        &["before", "middle", "after"],
    ),
    ("<form><input name=nodeType></form><p>after</p>", &["after"]),
    (
        "<form><input name=localName><p>inside</p></form><p>after</p>",
        &["after"],
    ),
    (
        "<form><input name=namespaceURI></form><p>after</p>",
        &["after"],
    ),
    (
        "<form><input name=firstChild><p>inside</p></form><p>after</p>",
        &["after"],
    ),
    (
        "<form><input name=attributes></form><p>after</p>",
        &["after"],
    ),
    (
        "<form><input name=textContent></form><p>after</p>",
        &["after"],
    ),
    (
        "<form><input name=nodeValue></form><p>after</p>",
        &["after"],
    ),
    ("<img name=body><p>after</p>", &["after"]),
    (
        "<form name=body><p>inside</p></form><p>after</p>",
        &["after"],
    ),
];

/// A form-associated control *before* its form: were `form.nextSibling` read from the form, the
/// walk would go form → input → form → … for ever and freeze the page. Only tried once the
/// cases above show that the walk is not steered by a clobbered `nextSibling`, so that a
/// sanitizer with the bug fails the test instead of hanging the whole suite.
const CLOBBERING_CYCLE_CASES: &[(&str, &[&str])] = &[
    (
        "<p>before</p><input form=f name=nextSibling><form id=f></form><p>after</p>",
        &["before", "after"],
    ),
    (
        "<div><p>before</p><input form=f name=nextSibling><form id=f></form></div><p>after</p>",
        &["before", "after"],
    ),
];

/// Renders each body in an article and returns what went wrong, one line per failing case.
async fn render_clobbering_cases(cases: &[(&str, &[&str])]) -> Vec<String> {
    let before = page();
    let mut hosts = Hosts(Vec::new());
    let mut thrown = Vec::new();
    for (payload, _) in cases {
        let host = new_host("news-article");
        body().append_child(&host).expect("appending a host");
        hosts.0.push(host.clone());
        let data = obj(&[("title", s("t")), ("body_html", s(payload))]);
        thrown.push(
            Reflect::set(&host, &"data".into(), &data)
                .err()
                .map(|e| js_error(&e)),
        );
    }
    settle(&hosts.0).await;

    let mut failures = Vec::new();
    for ((host, (payload, paragraphs)), thrown) in hosts.0.iter().zip(cases).zip(&thrown) {
        let mut problems = Vec::new();
        if let Some(error) = thrown {
            problems.push(format!("setting .data threw: {error}"));
        }
        if state(host).as_deref() != Some("ready") {
            problems.push(format!("state is {:?}, expected \"ready\"", state(host)));
        }
        let shown: Vec<String> = shadow(host)
            .and_then(|root| root.query_selector_all("[part~=body] p").ok())
            .map(|list| {
                (0..list.length())
                    .filter_map(|i| list.item(i))
                    .map(|p| p.text_content().unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default();
        if shown != *paragraphs {
            problems.push(format!(
                "the body shows the paragraphs {shown:?}, expected {paragraphs:?}"
            ));
        }
        problems.extend(shadow_violations(host));
        if !problems.is_empty() {
            console_log!(
                "FAILING clobbering case {payload:?}: {}",
                problems.join("; ")
            );
            failures.push(format!("{payload:?}: {}", problems.join("; ")));
        }
    }
    failures.extend(traces());
    let count = u32::try_from(hosts.0.len()).expect("a few cases");
    failures.extend(page_changes(&before, &page(), count));
    failures
}

#[wasm_bindgen_test]
async fn clobbered_dom_properties_neither_break_nor_steer_the_sanitizer() {
    instrument();
    let mut failures = render_clobbering_cases(CLOBBERING_CASES).await;
    let steered = failures.iter().any(|f| f.contains("nextSibling"));
    if steered {
        for (payload, _) in CLOBBERING_CYCLE_CASES {
            let skipped = format!(
                "{payload:?}: not tried, since a clobbered nextSibling steers the walk and \
                 this body would then freeze the page in an endless loop"
            );
            console_log!("FAILING clobbering case {skipped}");
            failures.push(skipped);
        }
    } else {
        failures.extend(render_clobbering_cases(CLOBBERING_CYCLE_CASES).await);
    }
    assert!(
        failures.is_empty(),
        "{} clobbering case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen_test]
async fn own_vectors_never_execute_as_article_bodies() {
    run_group("own", &own_vectors(), Placement::Body).await;
}

#[wasm_bindgen_test]
async fn own_vectors_stay_text_in_titles_and_summaries() {
    run_group("own", &own_vectors(), Placement::Text).await;
}

#[wasm_bindgen_test]
async fn own_vectors_stay_text_in_image_captions() {
    run_group("own", &own_vectors(), Placement::Caption).await;
}

#[wasm_bindgen_test]
async fn own_vectors_never_become_link_or_image_urls() {
    run_group("own", &own_vectors(), Placement::Url).await;
}

// ---------------------------------------------------------------------------------------
// The DOMPurify corpus (../shared): ignored, by name, where it is absent; under CI=true
// (cfg(shared_required)) run anyway, and failing with the reason
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
#[cfg_attr(
    not(any(xss_corpus, shared_required)),
    ignore = "../shared/corpora/xss-dompurify.json is absent"
)]
async fn corpus_payloads_never_execute_as_article_bodies() {
    run_group("corpus", &corpus(), Placement::Body).await;
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(any(xss_corpus, shared_required)),
    ignore = "../shared/corpora/xss-dompurify.json is absent"
)]
async fn corpus_payloads_stay_text_in_titles_and_summaries() {
    run_group("corpus", &corpus(), Placement::Text).await;
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(any(xss_corpus, shared_required)),
    ignore = "../shared/corpora/xss-dompurify.json is absent"
)]
async fn corpus_payloads_stay_text_in_image_captions() {
    run_group("corpus", &corpus(), Placement::Caption).await;
}

#[wasm_bindgen_test]
#[cfg_attr(
    not(any(xss_corpus, shared_required)),
    ignore = "../shared/corpora/xss-dompurify.json is absent"
)]
async fn corpus_payloads_never_become_link_or_image_urls() {
    run_group("corpus", &corpus(), Placement::Url).await;
}
