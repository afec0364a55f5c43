//! Leaf types for the native format's derived structs, read as publishers write them.
//!
//! A derived struct fails on the first field of the wrong type (`"summary": 5`). These take
//! any JSON value and keep what they can use, so a value of the wrong kind reads as absent
//! and costs the reader that value only.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::json::Json;

/// Any JSON scalar, read as it is: a [`Json`] that is never an array or an object (those,
/// and a missing member, read as `null`). Its accessors (`text`, `number`, `id`…) say what
/// a field wants: `"width": "800px"` and `"id": 42` read as well as the schema's own kinds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scalar(Json);

impl std::ops::Deref for Scalar {
    type Target = Json;

    fn deref(&self) -> &Json {
        &self.0
    }
}

impl Scalar {
    /// Only `true` is true.
    pub fn is_true(&self) -> bool {
        matches!(self.0, Json::Bool(true))
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Scalar, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar(Json::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar(Json::Number(v as f64)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar(Json::Number(v as f64)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar(Json::Number(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar(Json::String(v.to_owned())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::default())
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::default())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        Scalar::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::default())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::default())
    }
}

/// Texts given as an array of strings or as one comma-separated string; blank ones are
/// dropped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts(pub Vec<String>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Texts, D::Error> {
        deserializer.deserialize_any(TextsVisitor)
    }
}

struct TextsVisitor;

impl<'de> Visitor<'de> for TextsVisitor {
    type Value = Texts;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, line: &str) -> Result<Texts, E> {
        Ok(Texts(
            line.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        ))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Texts, A::Error> {
        let mut texts = Vec::new();
        while let Some(item) = seq.next_element::<Scalar>()? {
            texts.extend(item.text());
        }
        Ok(Texts(texts))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Texts, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Texts::default())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Texts, E> {
        Ok(Texts::default())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Texts, E> {
        Ok(Texts::default())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Texts, E> {
        Ok(Texts::default())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Texts, E> {
        Ok(Texts::default())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Texts, E> {
        Ok(Texts::default())
    }
    fn visit_none<E: de::Error>(self) -> Result<Texts, E> {
        Ok(Texts::default())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Texts, D::Error> {
        Texts::deserialize(d)
    }
}
