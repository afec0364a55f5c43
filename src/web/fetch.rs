//! Fetching a source's JSON: with a time limit, cancellable, shared between widgets, every
//! failure classified. The request itself is `fetchSource` in `shim.js`; this side reads
//! what it settles to.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::error::LoadError;
use crate::model::ErrorKind;

#[wasm_bindgen(module = "/src/web/shim.js")]
extern "C" {
    /// One widget's wait for a source (`fetchSource` in `shim.js`).
    #[derive(Clone)]
    pub type Wait;

    #[wasm_bindgen(js_name = fetchSource)]
    fn fetch_source(src: &str, timeout_ms: u32) -> Wait;

    #[wasm_bindgen(method, getter)]
    fn promise(this: &Wait) -> js_sys::Promise;

    /// Stops waiting; the request is aborted when no widget waits for it any more.
    #[wasm_bindgen(method)]
    pub fn cancel(this: &Wait);

    /// What a wait settled to: a source, or a failure.
    type Outcome;

    #[wasm_bindgen(method, getter)]
    fn json(this: &Outcome) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn url(this: &Outcome) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn pages(this: &Outcome) -> Option<u32>;
    #[wasm_bindgen(method, getter)]
    fn kind(this: &Outcome) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Outcome) -> u16;
    #[wasm_bindgen(method, getter)]
    fn message(this: &Outcome) -> String;
}

/// A source's JSON and where it came from: what a fetch brought, or `.data`.
#[derive(Clone)]
pub struct Fetched {
    pub json: JsValue,
    /// The address it finally came from (after redirects): relative URLs resolve against it.
    pub url: String,
    /// WordPress' `X-WP-TotalPages`: how many pages the listing has.
    pub total_pages: Option<u32>,
}

impl Fetched {
    /// JSON that did not come over the network (`.data`): its relative URLs resolve against
    /// the page.
    pub fn local(json: JsValue) -> Fetched {
        Fetched {
            json,
            url: document_base(),
            total_pages: None,
        }
    }
}

pub fn document_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default()
}

/// Starts (or joins) the fetch of `src`; `#id` reads the page's own JSON script.
pub fn start(src: &str, timeout_ms: u32) -> Wait {
    fetch_source(src, timeout_ms)
}

/// What `wait` brings: `None` when it was cancelled first.
pub async fn finish(wait: &Wait) -> Option<Result<Fetched, LoadError>> {
    let outcome = JsFuture::from(wait.promise()).await.ok()?;
    if outcome.is_undefined() {
        return None;
    }
    let outcome: Outcome = outcome.unchecked_into();
    let Some(kind) = outcome.kind() else {
        return Some(Ok(Fetched {
            json: outcome.json(),
            url: outcome.url().unwrap_or_default(),
            total_pages: outcome.pages(),
        }));
    };
    let kind = match kind.as_str() {
        "http" => ErrorKind::Http,
        "timeout" => ErrorKind::Timeout,
        "parse" => ErrorKind::Parse,
        _ => ErrorKind::Network,
    };
    Some(Err(LoadError {
        kind,
        status: outcome.status(),
        message: outcome.message(),
    }))
}
