//! Fetching a source's JSON with gloo-net: cancellable, with each widget's own time limit,
//! shared between widgets, every failure classified.
//!
//! Widgets that ask for the same URL while it is being fetched share one request (fifty
//! widgets of one feed make one fetch). Each keeps its own time limit and can stop waiting
//! on its own; the request is aborted when the last widget waiting for it stops. A request
//! that has settled leaves the table, so a later reload fetches afresh.
//!
//! The body is read with the browser's own `response.json()`: the JSON stays in the
//! JavaScript heap (a long listing is read from it a slice at a time), and a text copy of it
//! never passes through wasm memory, which never shrinks.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use js_sys::{Error, SyntaxError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::AbortController;

use super::error::LoadError;
use crate::model::ErrorKind;

/// What widgets ask for: JSON first, any JSON-based type, anything else as a last resort.
const ACCEPT: &str = "application/json, application/feed+json, application/ld+json, */*;q=0.5";

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

/// What a wait ends with.
pub type Outcome = Result<Fetched, LoadError>;

/// Tells one wait from every other: a widget checks that an answer is for the wait it holds.
pub type WaitId = u32;

/// One widget's wait for a source. Dropping it stops the wait: its callback is dropped
/// uncalled, and the request is aborted if no other widget waits for it.
pub struct Wait {
    id: WaitId,
    request: Rc<Request>,
}

impl Wait {
    pub fn id(&self) -> WaitId {
        self.id
    }
}

impl Drop for Wait {
    fn drop(&mut self) {
        if self.request.take_waiter(self.id).is_some() {
            self.request.abandon_if_unwaited();
        }
    }
}

/// A request under way and the widgets waiting for it.
struct Request {
    /// The source as the widgets wrote it: the key they share the request by.
    src: String,
    /// `None` for the page's own JSON (`#id`), which is read, not fetched.
    controller: Option<AbortController>,
    waiters: RefCell<Vec<Waiter>>,
}

struct Waiter {
    id: WaitId,
    deliver: Box<dyn FnOnce(Outcome)>,
    /// This waiter's time limit: cleared when it is answered or stops waiting.
    timer: Option<(i32, Closure<dyn FnMut()>)>,
}

impl Drop for Waiter {
    fn drop(&mut self) {
        if let (Some((handle, _)), Some(window)) = (&self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(*handle);
        }
    }
}

thread_local! {
    static REQUESTS: RefCell<Vec<Rc<Request>>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<WaitId> = const { Cell::new(0) };
}

/// Starts (or joins) the fetch of `src`; `#id` reads the page's own
/// `<script type="application/ld+json" id="id">` without a request. `deliver` gets the
/// wait's id and the outcome, later (never during this call), unless the [`Wait`] is
/// dropped first. `timeout_ms` is this wait's own limit.
pub fn start(src: &str, timeout_ms: u32, deliver: impl FnOnce(WaitId, Outcome) + 'static) -> Wait {
    let id = NEXT_ID.with(|next| {
        let id = next.get().wrapping_add(1);
        next.set(id);
        id
    });
    let request = REQUESTS
        .with(|requests| {
            requests
                .borrow()
                .iter()
                .find(|request| request.src == src)
                .cloned()
        })
        .unwrap_or_else(|| Request::start(src));
    let timer = (request.controller.is_some()).then(|| time_limit(&request, id, timeout_ms));
    request.waiters.borrow_mut().push(Waiter {
        id,
        deliver: Box::new(move |outcome| deliver(id, outcome)),
        timer: timer.flatten(),
    });
    Wait { id, request }
}

/// Calls the waiter `id` back with a timeout once `timeout_ms` have passed.
fn time_limit(
    request: &Rc<Request>,
    id: WaitId,
    timeout_ms: u32,
) -> Option<(i32, Closure<dyn FnMut()>)> {
    let weak: Weak<Request> = Rc::downgrade(request);
    let expire = Closure::<dyn FnMut()>::new(move || {
        let Some(request) = weak.upgrade() else {
            return;
        };
        if let Some(waiter) = request.take_waiter(id) {
            request.abandon_if_unwaited();
            let message = format!("no complete answer within {timeout_ms} ms");
            (waiter.deliver_now())(Err(LoadError::new(ErrorKind::Timeout, message)));
        }
    });
    // setTimeout takes a signed 32-bit delay; a longer one would fire at once.
    let delay = timeout_ms.min(i32::MAX as u32) as i32;
    let handle = web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            expire.as_ref().unchecked_ref(),
            delay,
        )
        .ok()?;
    Some((handle, expire))
}

impl Waiter {
    /// The callback; the waiter goes with its time limit (see `Drop`) before it is called.
    fn deliver_now(mut self) -> Box<dyn FnOnce(Outcome)> {
        std::mem::replace(&mut self.deliver, Box::new(|_| {}))
    }
}

impl Request {
    fn start(src: &str) -> Rc<Request> {
        let inline = src.strip_prefix('#');
        let controller = match inline {
            Some(_) => None,
            None => AbortController::new().ok(),
        };
        let request = Rc::new(Request {
            src: src.to_owned(),
            controller,
            waiters: RefCell::new(Vec::new()),
        });
        REQUESTS.with(|requests| requests.borrow_mut().push(request.clone()));
        let running = request.clone();
        match inline {
            Some(id) => {
                let outcome = read_inline(id);
                spawn_local(async move { running.settle(outcome) });
            }
            None => {
                let signal = running.controller.as_ref().map(AbortController::signal);
                let mut sending = Box::pin(send(running.src.clone(), signal));
                // Polled once here, so that the browser's request starts before this call
                // returns and the widget goes on to render its loading view; spawned, it would
                // wait for a microtask. The outcome is settled in a later task either way, once
                // the asking widget waits for it.
                let mut now = Context::from_waker(Waker::noop());
                match sending.as_mut().poll(&mut now) {
                    Poll::Ready(outcome) => spawn_local(async move { running.settle(outcome) }),
                    Poll::Pending => spawn_local(async move {
                        let outcome = sending.await;
                        running.settle(outcome);
                    }),
                }
            }
        }
        request
    }

    fn take_waiter(&self, id: WaitId) -> Option<Waiter> {
        let mut waiters = self.waiters.borrow_mut();
        let at = waiters.iter().position(|waiter| waiter.id == id)?;
        Some(waiters.swap_remove(at))
    }

    /// The last waiter stopped waiting: the request is abandoned (and aborted).
    fn abandon_if_unwaited(self: &Rc<Self>) {
        if !self.waiters.borrow().is_empty() || !self.leave_table() {
            return;
        }
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }

    /// Takes the request out of the table; whether it was still there (not settled).
    fn leave_table(self: &Rc<Self>) -> bool {
        REQUESTS.with(|requests| {
            let mut requests = requests.borrow_mut();
            let at = requests.iter().position(|r| Rc::ptr_eq(r, self));
            at.map(|at| requests.swap_remove(at)).is_some()
        })
    }

    /// Answers everyone still waiting. Callbacks run with nothing borrowed: they may start
    /// or stop other waits.
    fn settle(self: &Rc<Self>, outcome: Outcome) {
        self.leave_table();
        let waiters = std::mem::take(&mut *self.waiters.borrow_mut());
        for waiter in waiters {
            (waiter.deliver_now())(outcome.clone());
        }
    }
}

/// One request and its answer, every failure classified.
async fn send(src: String, signal: Option<web_sys::AbortSignal>) -> Outcome {
    // The request is made here and sent by gloo-net: its builder parses the URL again to
    // merge query parameters, which the widget never adds (926 B gzip of wasm for nothing).
    let init = web_sys::RequestInit::new();
    init.set_signal(signal.as_ref());
    let headers = web_sys::Headers::new().map_err(failure)?;
    headers.append("Accept", ACCEPT).map_err(failure)?;
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(&src, &init).map_err(failure)?;
    let request = gloo_net::http::Request::from(request);
    // Where the request went, relative `src` resolved: the base when the answer has no URL.
    let requested = request.url();
    let response = request.send().await.map_err(network)?;
    if !response.ok() {
        let status = response.status();
        let message = format!("HTTP {status} {}", response.status_text());
        return Err(LoadError {
            kind: ErrorKind::Http,
            status,
            message: message.trim_end().to_owned(),
        });
    }
    let total_pages = response
        .headers()
        .get("X-WP-TotalPages")
        .and_then(|total| page_count(&total));
    let url = Some(response.url())
        .filter(|url| !url.is_empty())
        .unwrap_or(requested);
    let body = web_sys::Response::from(response).json().map_err(failure)?;
    let json = JsFuture::from(body).await.map_err(failure)?;
    Ok(Fetched {
        json,
        url,
        total_pages,
    })
}

/// A page count as WordPress writes it: digits only, at most nine.
fn page_count(text: &str) -> Option<u32> {
    let text = text.trim();
    let digits = !text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

/// The browser's own words for a failed request ("Failed to fetch").
fn network(error: gloo_net::Error) -> LoadError {
    let message = match error {
        gloo_net::Error::JsError(error) => error.message,
        other => other.to_string(),
    };
    LoadError::new(ErrorKind::Network, message)
}

/// What the browser threw: a body that is not JSON is a `parse` error; anything else (a
/// body cut short, a URL the browser refuses) `network`.
fn failure(error: JsValue) -> LoadError {
    let kind = if error.is_instance_of::<SyntaxError>() {
        ErrorKind::Parse
    } else {
        ErrorKind::Network
    };
    LoadError::new(kind, message_of(&error))
}

fn message_of(error: &JsValue) -> String {
    match error.dyn_ref::<Error>() {
        Some(error) => String::from(error.message()),
        None => error.as_string().unwrap_or_default(),
    }
}

/// The page's own JSON script `#id`, parsed by the browser.
fn read_inline(id: &str) -> Outcome {
    let script = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .filter(|element| element.local_name() == "script");
    let Some(script) = script else {
        return Err(LoadError::new(
            ErrorKind::Network,
            format!("no <script id=\"{id}\"> in the page"),
        ));
    };
    let text = script.text_content().unwrap_or_default();
    match js_sys::JSON::parse(&text) {
        Ok(json) => Ok(Fetched {
            json,
            url: document_base(),
            total_pages: None,
        }),
        Err(error) => Err(LoadError::new(ErrorKind::Parse, message_of(&error))),
    }
}
