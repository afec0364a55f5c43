//! The tree fill (`Json`'s serde `Deserialize`, which serde-wasm-bindgen drives in the
//! browser and serde_json natively): any JSON fills a tree that holds exactly what the
//! document holds, in order, and the tree's own lenient `Deserializer` reads any tree into the
//! native format's types without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_embed::formats::{decode_native, Json};
use serde_json::Value;

/// Whether the tree holds the document: the same kinds, values, members and order.
fn same(tree: &Json, value: &Value) -> bool {
    match (tree, value) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::Number(a), Value::Number(b)) => b.as_f64().is_some_and(|b| *a == b),
        (Json::String(a), Value::String(b)) => a == b,
        (Json::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (Json::Object(members), Value::Object(map)) => {
            // serde_json keeps the last of a repeated key; the tree keeps every member.
            map.iter().all(|(key, value)| {
                members
                    .iter()
                    .rev()
                    .find(|(k, _)| k == key)
                    .is_some_and(|(_, v)| same(v, value))
            }) && members.iter().all(|(key, _)| map.contains_key(key))
        }
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (Ok(tree), Ok(value)) = (
        serde_json::from_str::<Json>(text),
        serde_json::from_str::<Value>(text),
    ) else {
        return;
    };
    assert!(same(&tree, &value), "{text:?}");
    let _ = decode_native(&tree);
    // Every member of every object, read as the native format's article and listing.
    if let Json::Object(members) = &tree {
        for (_, member) in members {
            let _ = decode_native(member);
        }
    }
});
