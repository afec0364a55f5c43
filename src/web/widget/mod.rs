//! `<news-article>` and `<news-list>`: the state behind one element.
//!
//! The custom-element classes are a few lines of JavaScript (`shim.js`), because
//! wasm-bindgen cannot extend `HTMLElement`; each instance owns one [`Widget`] and forwards
//! its lifecycle callbacks to it. Everything else is here, by concern:
//!
//! - [`state`]: the one [`state::Phase`] a widget's source is in, and what else it
//!   holds;
//! - `lifecycle`: connection, attributes, `.data`, `reload()`, the viewport and the page's
//!   language;
//! - `loading`: fetching `src`, taking what comes, and the events that tell the page;
//! - `rendering`: the model into the shadow root, long listings a slice at a time;
//! - `paging`: "more";
//! - `focus`: where keyboard focus goes after "retry" and "more".
//!
//! What a widget holds on the page (a fetch, a place in the viewport observer) is released
//! when the element leaves the document.

mod focus;
mod lifecycle;
mod loading;
mod paging;
mod rendering;
mod state;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Promise, WeakRef};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use super::{dom, styles};
use state::{Phase, Schedule, State};

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

/// The Rust side of one `<news-article>` or `<news-list>`: the methods its element class
/// calls.
#[wasm_bindgen]
pub struct Widget {
    inner: Rc<Inner>,
}

/// A widget's state and its element. Answers that come later (a fetch, the viewport, a
/// queued update) hold it weakly: a removed element's widget is freed with it.
pub(crate) struct Inner {
    id: u32,
    /// Weak: the element holds its widget, so a strong reference back would keep a removed
    /// element (and its widget) alive for ever, a cycle through wasm the GC cannot see.
    host: WeakRef<HtmlElement>,
    root: WeakRef<ShadowRoot>,
    kind: Kind,
    state: RefCell<State>,
}

#[wasm_bindgen]
impl Widget {
    /// The element entered the document.
    pub fn connected(&self) {
        self.inner.connected();
    }

    /// The element left the document.
    pub fn disconnected(&self) {
        self.inner.disconnected();
    }

    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, name: &str) {
        self.inner.attribute_changed(name);
    }

    /// The `data` property: renders `value` at once; `null` or `undefined` go back to `src`.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&self, value: JsValue) {
        self.inner.set_data(value);
    }

    /// `el.reload()`: fetches `src` again (rendering `.data` again without one). The promise
    /// resolves when the element is `ready` or in `error`; it never rejects.
    pub fn reload(&self) -> Promise {
        let mut resolver = None;
        let promise = Promise::new(&mut |resolve, _reject| resolver = Some(resolve));
        if let Some(resolve) = resolver {
            self.inner.state.borrow_mut().waiters.push(resolve);
        }
        self.inner.reload();
        promise
    }
}

impl Widget {
    /// Creates the widget for `host`: its open shadow root with the adopted stylesheet, and
    /// the click listener that serves the views' buttons.
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
        let inner = Rc::new(Inner {
            id: NEXT_ID.with(|next| {
                next.set(next.get().wrapping_add(1));
                next.get()
            }),
            host: WeakRef::new(&host),
            root: WeakRef::new(&root),
            kind,
            state: RefCell::new(state),
        });
        if kind != Kind::Any {
            registry::add(&host, &inner);
            CLICKS.with(|clicks| {
                let _ =
                    root.add_event_listener_with_callback("click", clicks.as_ref().unchecked_ref());
            });
        }
        Ok(Widget { inner })
    }

    /// Renders `data` at once without fetching: the exported `render()`. Whether it could
    /// be shown.
    pub fn render_data(&self, data: JsValue) -> bool {
        // A plain element has no life cycle to wait for: rendered now.
        self.inner
            .hold(super::fetch::Fetched::local(data), state::Origin::Data);
        self.inner.render_and_announce();
        self.inner.state.borrow().phase.shown().is_some()
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        registry::remove(self.id);
    }
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };

    /// One listener for every widget's buttons: "retry" and "more".
    static CLICKS: Closure<dyn Fn(Event)> = Closure::new(|event: Event| {
        let button = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok());
        let inner = event
            .current_target()
            .and_then(|root| root.dyn_into::<ShadowRoot>().ok())
            .and_then(|root| registry::find(&root.host()));
        let (Some(button), Some(inner)) = (button, inner) else {
            return;
        };
        if matches!(button.closest("[part~=retry]"), Ok(Some(_))) {
            inner.retry();
        } else if matches!(button.closest("[part~=more]"), Ok(Some(_))) {
            inner.more();
        }
    });
}

impl Inner {
    fn host(&self) -> Option<HtmlElement> {
        self.host.deref()
    }

    fn root(&self) -> Option<ShadowRoot> {
        self.root.deref()
    }

    /// An attribute of the host, unless missing or blank.
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

    fn settle(&self) {
        let waiters = std::mem::take(&mut self.state.borrow_mut().waiters);
        resolve_all(waiters);
    }

    /// Coalesces the changes of one task into one update, in a microtask.
    fn queue_update(self: &Rc<Self>) {
        let previous = std::mem::replace(&mut self.state.borrow_mut().schedule, Schedule::Queued);
        if previous != Schedule::Idle {
            return;
        }
        let widget = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(widget) = widget.upgrade() {
                widget.run_queued_update();
            }
        });
    }

    fn run_queued_update(self: &Rc<Self>) {
        let schedule = std::mem::take(&mut self.state.borrow_mut().schedule);
        let done =
            schedule == Schedule::QueuedAndRendered && self.state.borrow().phase.shows_data();
        if !done {
            self.update();
        }
    }

    /// Replaces the phase; what the old one held (a fetch, a place in the viewport
    /// observer) is released.
    fn set_phase(&self, phase: Phase) {
        self.state.borrow_mut().unannounced = false;
        let old = std::mem::replace(&mut self.state.borrow_mut().phase, phase);
        if matches!(old, Phase::AwaitingViewport { .. })
            && !matches!(self.state.borrow().phase, Phase::AwaitingViewport { .. })
        {
            if let Some(host) = self.host() {
                super::observers::unobserve_viewport(&host);
            }
        }
        // Dropped here, with nothing borrowed: a dropped wait may abort its request.
        drop(old);
    }
}

fn resolve_all(waiters: Vec<js_sys::Function>) {
    for resolve in waiters {
        let _ = resolve.call0(&JsValue::NULL);
    }
}

/// The page's widgets by element, for the answers that come from the page: clicks, the
/// viewport, the page's language.
mod registry {
    use std::cell::RefCell;
    use std::rc::{Rc, Weak};

    use js_sys::WeakMap;
    use wasm_bindgen::JsValue;
    use web_sys::Element;

    use super::Inner;

    thread_local! {
        /// Element → widget id: held weakly, as the elements are the page's.
        static IDS: WeakMap = WeakMap::new();
        /// By id, in the order made (ids only grow), so found by binary search.
        static WIDGETS: RefCell<Vec<(u32, Weak<Inner>)>> = const { RefCell::new(Vec::new()) };
    }

    pub fn add(host: &Element, inner: &Rc<Inner>) {
        IDS.with(|ids| ids.set(host, &JsValue::from(inner.id)));
        WIDGETS.with(|widgets| widgets.borrow_mut().push((inner.id, Rc::downgrade(inner))));
    }

    pub fn remove(id: u32) {
        WIDGETS.with(|widgets| {
            let mut widgets = widgets.borrow_mut();
            if let Ok(at) = widgets.binary_search_by_key(&id, |(id, _)| *id) {
                widgets.remove(at);
            }
        });
    }

    pub fn find(host: &Element) -> Option<Rc<Inner>> {
        let id = IDS.with(|ids| ids.get(host)).as_f64()? as u32;
        WIDGETS.with(|widgets| {
            let widgets = widgets.borrow();
            let at = widgets.binary_search_by_key(&id, |(id, _)| *id).ok()?;
            widgets[at].1.upgrade()
        })
    }

    /// Every widget whose element is in the document.
    pub fn connected() -> Vec<Rc<Inner>> {
        WIDGETS.with(|widgets| {
            widgets
                .borrow()
                .iter()
                .filter_map(|(_, widget)| widget.upgrade())
                .filter(|widget| widget.state.borrow().connected)
                .collect()
        })
    }
}
