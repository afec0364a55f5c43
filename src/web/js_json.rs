//! A parsed JSON value (`response.json()`, `.data`) read into the adapters' [`Json`] tree
//! with a few js-sys calls per value.
//!
//! This stands where serde-wasm-bindgen stood: the same walk, without serde's visitor
//! machinery and its error formatting in the wasm (measured in the commit that made the
//! change).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::formats::json::{Json, MAX_NESTING};
use crate::number::decimal;

/// Reads `value`; fails on nesting deeper than [`MAX_NESTING`] (hostile input would
/// otherwise exhaust the wasm stack) and on values JSON cannot hold (functions, symbols).
pub fn json_from_js(value: &JsValue) -> Result<Json, String> {
    read(value, 0)
}

fn read(value: &JsValue, depth: usize) -> Result<Json, String> {
    if value.is_null() || value.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return Ok(Json::Number(n));
    }
    if let Some(s) = value.as_string() {
        return Ok(Json::String(s));
    }
    if depth >= MAX_NESTING {
        return Err("nesting deeper than ".to_owned() + &decimal(MAX_NESTING as i64) + " levels");
    }
    if let Some(array) = value.dyn_ref::<Array>() {
        let mut items = Vec::with_capacity(array.length() as usize);
        for item in array.iter() {
            items.push(read(&item, depth + 1)?);
        }
        return Ok(Json::Array(items));
    }
    if value.is_object() && !value.is_function() {
        let object: &Object = value.unchecked_ref();
        let keys = Object::keys(object);
        let mut members = Vec::with_capacity(keys.length() as usize);
        for key in keys.iter() {
            let Some(name) = key.as_string() else {
                continue;
            };
            let member =
                Reflect::get(object, &key).map_err(|_| "unreadable member ".to_owned() + &name)?;
            if member.is_undefined() || member.is_function() {
                continue;
            }
            members.push((name, read(&member, depth + 1)?));
        }
        return Ok(Json::Object(members));
    }
    Err("a value JSON cannot hold".to_owned())
}
