//! Fetching a source's JSON: with a time limit, cancellable, every failure classified.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use gloo_net::http::Request;
use js_sys::SyntaxError;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
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

/// Requests under way, by URL: widgets that ask for the same URL at the same time share one
/// request (fifty widgets of one feed make one fetch). A finished request leaves the table, so
/// a later reload fetches afresh.
struct SharedRequest {
    controller: AbortController,
    result: RefCell<Option<Result<Fetched, LoadError>>>,
    wakers: RefCell<Vec<Waker>>,
    /// How many widgets still wait; the last to give up aborts the request.
    waiting: Cell<usize>,
}

thread_local! {
    static IN_FLIGHT: RefCell<Vec<(String, Rc<SharedRequest>)>> = const { RefCell::new(Vec::new()) };
}

fn forget_request(url: &str, request: &Rc<SharedRequest>) {
    IN_FLIGHT.with(|table| {
        table
            .borrow_mut()
            .retain(|(u, r)| !(u == url && Rc::ptr_eq(r, request)))
    });
}

/// A widget's way to stop waiting for its fetch (it was removed, or its `src` changed).
#[derive(Clone, Default)]
pub struct Cancel {
    cancelled: Rc<Cell<bool>>,
    waker: Rc<RefCell<Option<Waker>>>,
}

impl Cancel {
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }
}

/// One widget's wait for a shared request: `None` once cancelled.
struct Wait {
    url: String,
    request: Rc<SharedRequest>,
    cancel: Cancel,
    finished: bool,
}

impl Future for Wait {
    type Output = Option<Result<Fetched, LoadError>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.cancel.cancelled.get() {
            return Poll::Ready(None);
        }
        let result = self.request.result.borrow().clone();
        if let Some(result) = result {
            self.finished = true;
            return Poll::Ready(Some(result));
        }
        self.request.wakers.borrow_mut().push(cx.waker().clone());
        *self.cancel.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Wait {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let left = self.request.waiting.get().saturating_sub(1);
        self.request.waiting.set(left);
        if left == 0 && self.request.result.borrow().is_none() {
            // Nobody wants it any more: stop the download.
            forget_request(&self.url, &self.request);
            self.request.controller.abort();
        }
    }
}

/// Fetches `url`, joining a request for the same URL already under way. Resolves to `None`
/// when `cancel` fires first; the request itself is aborted when no widget waits for it.
pub async fn fetch_shared(
    url: &str,
    timeout_ms: u32,
    cancel: &Cancel,
) -> Option<Result<Fetched, LoadError>> {
    let existing = IN_FLIGHT.with(|table| {
        table
            .borrow()
            .iter()
            .find(|(u, _)| u == url)
            .map(|(_, request)| Rc::clone(request))
    });
    let request = match existing {
        Some(request) => {
            request.waiting.set(request.waiting.get() + 1);
            request
        }
        None => {
            let controller = AbortController::new().ok()?;
            let request = Rc::new(SharedRequest {
                controller: controller.clone(),
                result: RefCell::new(None),
                wakers: RefCell::new(Vec::new()),
                waiting: Cell::new(1),
            });
            IN_FLIGHT.with(|table| {
                table
                    .borrow_mut()
                    .push((url.to_owned(), Rc::clone(&request)))
            });
            let driver = Rc::clone(&request);
            let owned_url = url.to_owned();
            spawn_local(async move {
                let result = fetch_json(&owned_url, &driver.controller, timeout_ms).await;
                forget_request(&owned_url, &driver);
                *driver.result.borrow_mut() = Some(result);
                let wakers = std::mem::take(&mut *driver.wakers.borrow_mut());
                for waker in wakers {
                    waker.wake();
                }
            });
            request
        }
    };
    Wait {
        url: url.to_owned(),
        request,
        cancel: cancel.clone(),
        finished: false,
    }
    .await
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
