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

/// What a fetch brought: the parsed JSON and the address it finally came from (after
/// redirects), against which the document's relative URLs resolve.
pub struct Fetched {
    pub json: JsValue,
    pub url: String,
}

const ACCEPT: &str = "application/json, application/feed+json, application/ld+json, */*;q=0.5";

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
