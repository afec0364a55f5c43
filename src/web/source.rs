//! A source's JSON as the page parsed it (`response.json()`, `.data`): read with
//! serde-wasm-bindgen, and cut into slices so that a long listing is read a few items at a
//! time.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::formats::{DecodeError, Json};

/// Reads a parsed JSON value into the adapters' tree, through its serde `Deserialize` impl:
/// serde-wasm-bindgen walks the JavaScript value, so no JSON text is made or parsed again.
/// Values JSON cannot hold (functions, symbols) and nesting deeper than
/// [`MAX_NESTING`](crate::formats::json::MAX_NESTING) are errors.
pub fn read_tree(value: &JsValue) -> Result<Json, DecodeError> {
    serde_wasm_bindgen::from_value(value.clone())
        .map_err(|e| DecodeError::new(format!("unreadable JSON: {e}")))
}

/// The part of a source that holds a listing's items, cut to `[start, end)`: the same
/// document with fewer items, so that wasm memory holds one slice of a long listing, never
/// the whole. Items are under `items` (native, JSON Feed) or are the document (WordPress,
/// arrays). `None` past the end; other documents come whole, once.
pub fn slice(value: &JsValue, start: u32, end: u32) -> Option<JsValue> {
    let first = start == 0;
    if let Some(items) = value.dyn_ref::<Array>() {
        return (first || start < items.length()).then(|| items.slice(start, end).into());
    }
    let items = match value.is_object() {
        true => Reflect::get(value, &JsValue::from_str("items")).unwrap_or_default(),
        false => JsValue::UNDEFINED,
    };
    match items.dyn_ref::<Array>() {
        Some(items) if first || start < items.length() => {
            // Own data properties, as `{...value}` makes them (a `__proto__` member stays a
            // member instead of becoming the copy's prototype, as `Object.assign` would).
            let copy = Object::from_entries(&Object::entries(value.unchecked_ref())).ok()?;
            let _ = Reflect::set(&copy, &JsValue::from_str("items"), &items.slice(start, end));
            Some(copy.into())
        }
        Some(_) => None,
        None => first.then(|| value.clone()),
    }
}
