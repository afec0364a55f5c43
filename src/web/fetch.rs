//! Fetching a source's JSON: with a time limit, cancellable, every failure classified.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;
use js_sys::SyntaxError;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use super::error::LoadError;
use crate::model::ErrorKind;

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
    /// JSON that did not come over the network (`.data`, an inline script): its relative
    /// URLs resolve against the page.
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

const ACCEPT: &str = "application/json, application/feed+json, application/ld+json, */*;q=0.5";

/// Reads the JSON of a page's own `<script type="application/ld+json" id="…">` (or any
/// JSON script): `src="#id"` needs no request.
pub fn inline_json(id: &str) -> Result<Fetched, LoadError> {
    let script = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .filter(|e| e.local_name() == "script")
        .ok_or_else(|| {
            LoadError::new(
                ErrorKind::Network,
                format!("no <script id=\"{id}\"> in the page"),
            )
        })?;
    let text = script.text_content().unwrap_or_default();
    let json =
        js_sys::JSON::parse(&text).map_err(|e| LoadError::new(ErrorKind::Parse, describe(&e)))?;
    Ok(Fetched::local(json))
}

/// Fetches and parses `url`. Aborting `controller` cancels it (the caller then ignores
/// the result); after `timeout_ms` it is aborted and reported as a timeout.
pub async fn fetch_json(
    url: &str,
    controller: &AbortController,
    timeout_ms: u32,
) -> Result<Fetched, LoadError> {
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let timed_out = Rc::clone(&timed_out);
        let controller = controller.clone();
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let window = web_sys::window();
    let timer = window.as_ref().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            timeout_ms.min(i32::MAX as u32) as i32,
        )
        .ok()
    });

    let result = request(url, controller).await;

    if let (Some(window), Some(timer)) = (window, timer) {
        window.clear_timeout_with_handle(timer);
    }
    drop(on_timeout);
    if timed_out.get() {
        return Err(LoadError::new(
            ErrorKind::Timeout,
            format!("no complete answer within {timeout_ms} ms"),
        ));
    }
    result
}

async fn request(url: &str, controller: &AbortController) -> Result<Fetched, LoadError> {
    let signal = controller.signal();
    let response = Request::get(url)
        .header("Accept", ACCEPT)
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(|e| LoadError::new(ErrorKind::Network, e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::http(response.status(), &response.status_text()));
    }
    let final_url = response.url();
    let total_pages = response
        .headers()
        .get("X-WP-TotalPages")
        .and_then(|pages| pages.trim().parse::<u32>().ok());
    let raw: web_sys::Response = response.into();
    let body = raw
        .json()
        .map_err(|e| LoadError::new(ErrorKind::Network, describe(&e)))?;
    let json = JsFuture::from(body).await.map_err(|e| {
        let kind = if e.is_instance_of::<SyntaxError>() {
            ErrorKind::Parse
        } else {
            ErrorKind::Network
        };
        LoadError::new(kind, describe(&e))
    })?;
    Ok(Fetched {
        json,
        url: if final_url.is_empty() {
            url.to_owned()
        } else {
            final_url
        },
        total_pages,
    })
}

/// The message of a JavaScript error value.
pub fn describe(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => error
            .as_string()
            .unwrap_or_else(|| "unknown error".to_owned()),
    }
}
