//! Connection, attributes, `.data`, `reload()`, the viewport and the page's language: what
//! brings a widget in line with its element.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{Element, Node};

use super::registry;
use super::state::{Loaded, Origin, Phase};
use super::Inner;
use crate::web::fetch::Fetched;
use crate::web::observers;

impl Inner {
    pub(super) fn connected(self: &Rc<Self>) {
        self.state.borrow_mut().connected = true;
        observers::watch_language(language_changed);
        self.queue_update();
    }

    pub(super) fn disconnected(self: &Rc<Self>) {
        self.state.borrow_mut().connected = false;
        // Removed mid-fetch or while waiting for the viewport: stop quietly, and start again
        // if the element comes back.
        let stop = matches!(
            self.state.borrow().phase,
            Phase::Fetching { .. } | Phase::AwaitingViewport { .. }
        );
        if stop {
            self.set_phase(Phase::Empty);
        }
        self.stop_more();
        self.settle();
    }

    pub(super) fn attribute_changed(self: &Rc<Self>, name: &str) {
        if !self.state.borrow().connected {
            return;
        }
        match name {
            "src" => {
                // A new `src` replaces `.data`, and what was asked of the old source.
                if self.state.borrow().phase.shows_data() {
                    self.set_phase(Phase::Empty);
                }
                self.state.borrow_mut().focus_after_retry = false;
                self.queue_update();
            }
            "format" => self.redecode(),
            "lang" | "time-zone" | "date-format" | "limit" | "item" | "loading" | "link-target" => {
                self.queue_update()
            }
            _ => {}
        }
    }

    pub(super) fn set_data(self: &Rc<Self>, value: JsValue) {
        self.set_phase(Phase::Empty);
        if value.is_null() || value.is_undefined() {
            self.queue_update();
            return;
        }
        self.accept(Fetched::local(value), Origin::Data);
    }

    pub(super) fn reload(self: &Rc<Self>) {
        if let Some(src) = self.attr("src") {
            self.fetch(src, false);
            return;
        }
        let data = match &self.state.borrow().phase {
            Phase::Loaded(Loaded {
                origin: Origin::Data,
                source,
                ..
            }) => Some(source.json.clone()),
            _ => None,
        };
        match data {
            Some(data) => self.accept(Fetched::local(data), Origin::Data),
            None => self.show_no_source(),
        }
    }

    /// Brings the element in line with its attributes: fetch, wait for the viewport, or
    /// render again what is in hand.
    pub(super) fn update(self: &Rc<Self>) {
        if !self.state.borrow().connected {
            return;
        }
        if self.state.borrow().phase.shows_data() {
            let unannounced = std::mem::take(&mut self.state.borrow_mut().unannounced);
            if unannounced {
                self.render_and_announce();
            } else {
                self.render();
            }
            return;
        }
        let Some(src) = self.attr("src") else {
            self.set_phase(Phase::Empty);
            self.show_no_source();
            return;
        };
        let (same_src, awaiting) = {
            let state = self.state.borrow();
            (
                state.phase.src() == Some(src.as_str()),
                matches!(state.phase, Phase::AwaitingViewport { .. }),
            )
        };
        if same_src && !awaiting {
            self.render();
            return;
        }
        // The page's own inline JSON costs nothing to read: no reason to wait.
        let lazy = self.attr("loading").as_deref().map(str::trim) != Some("eager")
            && !src.starts_with('#');
        if lazy && !self.state.borrow().near_viewport {
            self.wait_for_viewport(src);
            return;
        }
        self.fetch(src, false);
    }

    /// Lazy loading: `src` is fetched once the element comes near the viewport.
    fn wait_for_viewport(self: &Rc<Self>, src: String) {
        if let Phase::AwaitingViewport { src: waiting } = &mut self.state.borrow_mut().phase {
            *waiting = src;
            return;
        }
        self.set_phase(Phase::AwaitingViewport { src });
        self.show_loading();
        if let Some(host) = self.host() {
            observers::observe_viewport(&host, near_viewport);
        }
    }
}

/// `host` came within 200px of the viewport.
fn near_viewport(host: &Element) {
    if let Some(widget) = registry::find(host) {
        widget.state.borrow_mut().near_viewport = true;
        widget.queue_update();
    }
}

/// The `lang` of some elements of the page changed (`<html lang>`, a single-page app
/// switching locale): widgets below them that take their language from the page render
/// again.
fn language_changed(targets: &[Node]) {
    for widget in registry::connected() {
        let Some(host) = widget.host() else {
            continue;
        };
        if !host.has_attribute("lang") && targets.iter().any(|target| target.contains(Some(&host)))
        {
            widget.attribute_changed("lang");
        }
    }
}
