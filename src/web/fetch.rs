//! Fetching a source's JSON: with a time limit, cancellable, shared between widgets, every
//! failure classified. The request itself is `fetchSource` in `shim.js`; this side reads
//! what it settles to, which the element class hands to the widget.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::error::LoadError;
use crate::model::ErrorKind;

#[wasm_bindgen(module = "/src/web/shim.js")]
extern "C" {
    /// One widget's wait for a source (`fetchSource` in `shim.js`).
    pub type Wait;

    /// Starts (or joins) the fetch of `src`; `#id` reads the page's own JSON script. What it
    /// brings goes to `host`'s widget: `fetched(more, generation, outcome)`.
    #[wasm_bindgen(js_name = fetchSource)]
    pub fn start(
        src: &str,
        timeout_ms: u32,
        host: &HtmlElement,
        more: bool,
        generation: u32,
    ) -> Wait;

    /// Stops waiting: the widget hears nothing more of it, and the request is aborted when no
    /// widget waits for it any more.
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

/// Reads what `fetchSource` settled to.
pub fn outcome(outcome: JsValue) -> Result<Fetched, LoadError> {
    let outcome: Outcome = outcome.unchecked_into();
    let Some(kind) = outcome.kind() else {
        return Ok(Fetched {
            json: outcome.json(),
            url: outcome.url().unwrap_or_default(),
            total_pages: outcome.pages(),
        });
    };
    let kind = match kind.as_str() {
        "http" => ErrorKind::Http,
        "timeout" => ErrorKind::Timeout,
        "parse" => ErrorKind::Parse,
        _ => ErrorKind::Network,
    };
    Err(LoadError {
        kind,
        status: outcome.status(),
        message: outcome.message(),
    })
}
