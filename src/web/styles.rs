//! The widget's one stylesheet, constructed once and adopted by every shadow root: no
//! `<style>` element and no `style` attribute, so `style-src 'self'` pages accept it.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, ShadowRoot};

/// `styles.css`, minified by `build.rs`.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/styles.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Sizes a host may set, registered with their types: a nonsense value (`banana`) then falls
/// back to the initial value instead of making the declaration invalid, which would let the
/// page's own font size through by inheritance. Colours are not registered: their defaults
/// differ per theme, which a registered initial value would override.
const TYPED_PROPERTIES: [(&str, &str); 3] = [
    ("--news-embed-font-size", "16px"),
    ("--news-embed-max-width", "720px"),
    ("--news-embed-radius", "6px"),
];

fn register_typed_properties() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let register = Reflect::get(&window, &JsValue::from_str("CSS")).and_then(|css| {
        Ok((
            Reflect::get(&css, &JsValue::from_str("registerProperty"))?,
            css,
        ))
    });
    let Ok((register, css)) = register else {
        return;
    };
    let Some(register) = register.dyn_ref::<Function>() else {
        return;
    };
    for (name, initial) in TYPED_PROPERTIES {
        let definition = Object::new();
        for (key, value) in [
            ("name", JsValue::from_str(name)),
            ("syntax", JsValue::from_str("<length>")),
            ("inherits", JsValue::TRUE),
            ("initialValue", JsValue::from_str(initial)),
        ] {
            let _ = Reflect::set(&definition, &JsValue::from_str(key), &value);
        }
        // Throws when already registered (a second copy of the widget on the page): fine.
        let _ = register.call1(&css, &definition);
    }
}

/// Adopts the shared stylesheet into `root`. Without constructable stylesheets (very old
/// browsers) the widget still renders, unstyled.
pub fn adopt(root: &ShadowRoot) {
    let sheet = SHEET.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            register_typed_properties();
            if let Ok(sheet) = CssStyleSheet::new() {
                if sheet.replace_sync(CSS).is_ok() {
                    *cell = Some(sheet);
                }
            }
        }
        cell.clone()
    });
    if let Some(sheet) = sheet {
        root.set_adopted_style_sheets(&Array::of1(&sheet));
    }
}
