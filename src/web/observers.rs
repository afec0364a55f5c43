//! The page's observers, one of each for every widget on the page: the viewport
//! (`IntersectionObserver`, for lazy loading) and the page's language (`MutationObserver`
//! on `lang` attributes).

use std::cell::RefCell;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit,
    MutationObserver, MutationObserverInit, MutationRecord, Node,
};

/// How close to the viewport a lazy widget starts fetching.
const NEAR: &str = "200px";

struct Viewport {
    observer: IntersectionObserver,
    _entries: Closure<dyn Fn(Array)>,
}

struct Language {
    _observer: MutationObserver,
    _records: Closure<dyn Fn(Array)>,
}

thread_local! {
    static VIEWPORT: RefCell<Option<Viewport>> = const { RefCell::new(None) };
    static LANGUAGE: RefCell<Option<Language>> = const { RefCell::new(None) };
}

/// Calls `near(host)` once `host` comes within 200px of the viewport; in a microtask where
/// the browser has no `IntersectionObserver`.
pub fn observe_viewport(host: &Element, near: fn(&Element)) {
    let observed = VIEWPORT.with(|viewport| {
        let mut viewport = viewport.borrow_mut();
        if viewport.is_none() {
            *viewport = Viewport::new(near);
        }
        viewport
            .as_ref()
            .map(|v| v.observer.observe(host))
            .is_some()
    });
    if !observed {
        let host = host.clone();
        wasm_bindgen_futures::spawn_local(async move { near(&host) });
    }
}

pub fn unobserve_viewport(host: &Element) {
    VIEWPORT.with(|viewport| {
        if let Some(viewport) = viewport.borrow().as_ref() {
            viewport.observer.unobserve(host);
        }
    });
}

impl Viewport {
    fn new(near: fn(&Element)) -> Option<Viewport> {
        let entries = Closure::<dyn Fn(Array)>::new(move |entries: Array| {
            let near_now: Vec<Element> = entries
                .iter()
                .map(IntersectionObserverEntry::unchecked_from_js)
                .filter(IntersectionObserverEntry::is_intersecting)
                .map(|entry| entry.target())
                .collect();
            for host in near_now {
                unobserve_viewport(&host);
                near(&host);
            }
        });
        let options = IntersectionObserverInit::new();
        options.set_root_margin(NEAR);
        let observer =
            IntersectionObserver::new_with_options(entries.as_ref().unchecked_ref(), &options)
                .ok()?;
        Some(Viewport {
            observer,
            _entries: entries,
        })
    }
}

/// Calls `changed(targets)` whenever `lang` attributes of the page change, with the
/// elements whose `lang` it was. Set up once, at a widget's first connection.
pub fn watch_language(changed: fn(&[Node])) {
    LANGUAGE.with(|language| {
        let mut language = language.borrow_mut();
        if language.is_none() {
            *language = Language::new(changed);
        }
    });
}

impl Language {
    fn new(changed: fn(&[Node])) -> Option<Language> {
        let records = Closure::<dyn Fn(Array)>::new(move |records: Array| {
            let targets: Vec<Node> = records
                .iter()
                .filter_map(|record| MutationRecord::unchecked_from_js(record).target())
                .collect();
            changed(&targets);
        });
        let observer = MutationObserver::new(records.as_ref().unchecked_ref()).ok()?;
        let options = MutationObserverInit::new();
        options.set_attributes(true);
        options.set_subtree(true);
        options.set_attribute_filter(&Array::of1(&JsValue::from_str("lang")));
        let root = web_sys::window()?.document()?.document_element()?;
        observer.observe_with_options(&root, &options).ok()?;
        Some(Language {
            _observer: observer,
            _records: records,
        })
    }
}
