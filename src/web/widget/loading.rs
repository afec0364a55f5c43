//! Fetching `src`, taking what comes (a source or a failure), and the events that tell the
//! page: `news-embed:load` and `news-embed:error`, whose details are serde types.

use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit};

use super::state::{Loaded, Origin, Phase, Shown};
use super::Inner;
use crate::formats::Format;
use crate::web::dates::{DateFormatter, Zone};
use crate::web::error::LoadError;
use crate::web::fetch::{self, Fetched, Outcome, Wait, WaitId};

/// How long a fetch may take before it counts as a timeout, unless `timeout` says otherwise.
const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// `news-embed:load`'s `detail`.
#[derive(Serialize)]
struct LoadDetail<'a> {
    /// The `src` shown, or `null` for `.data`.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    src: JsValue,
    format: &'a str,
    /// 1 for an article, the number of items shown for a list.
    count: u32,
}

/// `news-embed:error`'s `detail`.
#[derive(Serialize)]
struct ErrorDetail<'a> {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    src: JsValue,
    kind: &'a str,
    status: u16,
    message: &'a str,
}

impl Inner {
    /// Fetches `src`; the answer comes to [`Inner::fetched`]. `then_more`: load the next
    /// page once it is in.
    pub(super) fn fetch(self: &Rc<Self>, src: String, then_more: bool) {
        // The old phase goes first, so that a reload of the same URL starts a new request.
        self.set_phase(Phase::Empty);
        let wait = self.wait_for(&src);
        let id = wait.id();
        self.set_phase(Phase::Fetching {
            src,
            wait,
            then_more,
        });
        self.show_loading();
        // The first `Intl.DateTimeFormat` of a locale costs ~20 ms (a cold start, Chromium
        // 156). Made in a task of its own once the request is out, it passes while the
        // request is out instead of delaying the answer's render.
        let widget = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            let Some(widget) = widget.upgrade() else {
                return;
            };
            let fetching = matches!(
                &widget.state.borrow().phase,
                Phase::Fetching { wait, .. } if wait.id() == id
            );
            if fetching {
                let zone = Zone::from_attribute(widget.attr("time-zone"));
                DateFormatter::shared(&widget.lang_tag(), &zone);
            }
        });
    }

    /// Starts (or joins) the fetch of `url`, within this widget's time limit; the answer
    /// comes to [`Inner::fetched`].
    pub(super) fn wait_for(self: &Rc<Self>, url: &str) -> Wait {
        let widget = Rc::downgrade(self);
        fetch::start(url, self.timeout_ms(), move |id, outcome| {
            if let Some(widget) = widget.upgrade() {
                widget.fetched(id, outcome);
            }
        })
    }

    /// A wait this widget started has settled (an abandoned one never does): the source, or
    /// the next page "more" asked for.
    fn fetched(self: &Rc<Self>, id: WaitId, outcome: Outcome) {
        let phase = std::mem::take(&mut self.state.borrow_mut().phase);
        match phase {
            Phase::Fetching {
                src,
                wait,
                then_more,
            } if wait.id() == id => {
                drop(wait);
                match outcome {
                    Ok(source) => {
                        self.accept(source, Origin::Src(src));
                        if then_more {
                            self.load_more();
                        }
                    }
                    Err(error) => self.fail(src, error),
                }
            }
            Phase::Loaded(mut loaded)
                if loaded.more.as_ref().is_some_and(|m| m.wait.id() == id) =>
            {
                let more = loaded.more.take();
                self.state.borrow_mut().phase = Phase::Loaded(loaded);
                if let Some(more) = more {
                    self.more_fetched(outcome, more.next, more.had_focus);
                }
            }
            other => self.state.borrow_mut().phase = other,
        }
    }

    /// Renders a source's JSON and tells the page.
    pub(super) fn accept(self: &Rc<Self>, source: Fetched, origin: Origin) {
        self.hold(source, origin);
        if !self.state.borrow().connected {
            self.state.borrow_mut().unannounced = true;
            return;
        }
        self.render_and_announce();
    }

    /// Keeps `source` as what the element shows, not rendered yet.
    pub(super) fn hold(&self, source: Fetched, origin: Origin) {
        self.set_phase(Phase::Loaded(Loaded {
            origin,
            source,
            pages: Vec::new(),
            shown: Ok(Shown {
                format: Format::Native,
                count: 0,
                next: None,
            }),
            more: None,
        }));
    }

    fn fail(self: &Rc<Self>, src: String, error: LoadError) {
        self.set_phase(Phase::Failed {
            src: src.clone(),
            error: error.clone(),
        });
        self.show_error(Some(&error));
        self.announce_error(&error, Some(&src));
    }

    pub(super) fn render_and_announce(self: &Rc<Self>) {
        match self.render() {
            Some(Ok(_)) => self.announce_load(),
            Some(Err(error)) => {
                let src = self.state.borrow().phase.src().map(str::to_owned);
                self.announce_error(&error, src.as_deref());
            }
            None => {}
        }
    }

    /// The `format` attribute changed: read the JSON in hand again, pages included.
    pub(super) fn redecode(self: &Rc<Self>) {
        if matches!(self.state.borrow().phase, Phase::Loaded(_)) {
            self.render_and_announce();
        }
    }

    /// `news-embed:load` with `{src, format, count}`.
    pub(super) fn announce_load(&self) {
        let (src, format, count) = {
            let state = self.state.borrow();
            let Some(shown) = state.phase.shown() else {
                return;
            };
            (
                state.phase.src().map(str::to_owned),
                shown.format.name(),
                shown.count,
            )
        };
        self.dispatch(
            "news-embed:load",
            &LoadDetail {
                src: src.map_or(JsValue::NULL, JsValue::from),
                format,
                count: u32::try_from(count).unwrap_or(u32::MAX),
            },
        );
    }

    /// `news-embed:error` with `{src, kind, status, message}`.
    pub(super) fn announce_error(&self, error: &LoadError, src: Option<&str>) {
        self.dispatch(
            "news-embed:error",
            &ErrorDetail {
                src: src.map_or(JsValue::NULL, JsValue::from),
                kind: error.kind.name(),
                status: error.status,
                message: &error.message,
            },
        );
    }

    /// A bubbling, composed event with `detail` on the host.
    fn dispatch(&self, name: &str, detail: &impl Serialize) {
        let Ok(detail) = serde_wasm_bindgen::to_value(detail) else {
            return;
        };
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let (Ok(event), Some(host)) = (
            CustomEvent::new_with_event_init_dict(name, &init),
            self.host(),
        ) {
            let _ = host.dispatch_event(&event);
        }
    }

    fn timeout_ms(&self) -> u32 {
        self.attr("timeout")
            .and_then(|t| t.trim().parse::<u32>().ok())
            .unwrap_or(DEFAULT_TIMEOUT_MS)
    }
}
