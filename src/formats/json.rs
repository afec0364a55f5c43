//! A JSON document as the adapters read it.
//!
//! Every document is read into this one small tree, with one serde visitor: by
//! serde-wasm-bindgen in the browser, by serde_json natively. JSON Feed, WordPress and
//! schema.org are mapped from it by hand, as their publishers bend every shape (a string or
//! an object or an array, a number or a string); derived types with untagged enums for them
//! made the wasm hold a deserializer per struct per buffering layer (385 KB of wasm, 167 KB
//! gzip, for the four adapters). The native format's derived types read from the tree,
//! which is itself a serde `Deserializer`: read by serde-wasm-bindgen directly, each of their
//! visitors needed its own copy of its deserializer (7.4 KB gzip more wasm).

use serde::de::value::SeqDeserializer;
use serde::de::{self, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{forward_to_deserialize_any, Deserialize, Deserializer};

use super::DecodeError;
use std::cell::Cell;
use std::fmt;

/// How deep a document may nest. Real article JSON stays under 20; this keeps hostile input
/// from exhausting the wasm stack (a crash for every widget on the page).
pub const MAX_NESTING: usize = 100;

/// A JSON value: what every adapter reads.
///
/// Natively it implements serde's `Deserialize` (read it with serde_json); in the browser it
/// is filled from the page's parsed JSON. Reading refuses documents nested deeper than
/// [`MAX_NESTING`]. The accessors never fail: a missing member or a value of another kind
/// reads as [`Json::Null`], `None` or an empty slice, which suits sources that leave fields
/// out or bend their shapes.
///
/// ```
/// use news_embed::formats::Json;
///
/// let json: Json = serde_json::from_str(
///     r#"{"id": 42, "title": "  Một  ", "image": {"width": "800px"}, "tags": ["a", "b"]}"#,
/// )?;
/// assert_eq!(json.get("id").id().as_deref(), Some("42"));
/// assert_eq!(json.get("title").text().as_deref(), Some("Một"));
/// assert_eq!(json.get("image").get("width").number(), Some(800.0));
/// assert_eq!(json.get("tags").items().len(), 2);
/// assert_eq!(json.get("missing").get("deeper"), &Json::Null);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Json {
    /// `null`, and what every missing member reads as.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// Every number, as a double.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// Members in document order; lookups are linear, which suits objects of a few dozen keys.
    Object(Vec<(String, Json)>),
}

const NULL: Json = Json::Null;

impl Json {
    /// The member `key` of an object (`Null` when absent or not an object).
    pub fn get(&self, key: &str) -> &Json {
        match self {
            Json::Object(members) => members
                .iter()
                .find(|(k, _)| k == key)
                .map_or(&NULL, |(_, v)| v),
            _ => &NULL,
        }
    }

    /// Whether an object has the member `key`, whatever its value.
    pub fn has(&self, key: &str) -> bool {
        matches!(self, Json::Object(members) if members.iter().any(|(k, _)| k == key))
    }

    /// The string, untrimmed; `None` for any other kind of value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// Non-blank text, trimmed: what every optional text field of the model wants.
    pub fn text(&self) -> Option<String> {
        let trimmed = self.as_str()?.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_owned())
    }

    /// Non-blank text as a reader is shown it: trimmed, its character references decoded
    /// once ([`decode_text`](crate::html_text::decode_text)). Publishers write `&amp;` and
    /// `&#8217;` into fields that are meant to be plain text (JSON Feed titles, schema.org
    /// headlines), and no one means them to be read as written.
    pub fn shown_text(&self) -> Option<String> {
        let text = self.as_str()?;
        if !text.contains('&') {
            return self.text();
        }
        let decoded = crate::html_text::decode_text(text);
        let trimmed = decoded.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_owned())
    }

    /// A number, also when written as a string (`"800"`, `"800px"`).
    pub fn number(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            Json::String(s) => {
                let s = s.trim();
                crate::number::parse_decimal(s.strip_suffix("px").unwrap_or(s))
            }
            _ => None,
        }
    }

    /// An id as text: a string, or a whole number.
    pub fn id(&self) -> Option<String> {
        match self {
            Json::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                Some((*n as i64).to_string())
            }
            _ => self.text(),
        }
    }

    /// The items of an array; nothing for anything else.
    pub fn items(&self) -> &[Json] {
        match self {
            Json::Array(items) => items,
            _ => &[],
        }
    }

    /// A value given once or as an array (schema.org's `author`, `image`, `@type`).
    pub fn one_or_many(&self) -> &[Json] {
        match self {
            Json::Array(items) => items,
            Json::Null => &[],
            one => std::slice::from_ref(one),
        }
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    /// Whether this is an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Json::Array(_))
    }

    /// What kind of value this is, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Counts nesting while a container is read; refuses to go deeper than [`MAX_NESTING`].
struct Nesting;

impl Nesting {
    fn enter<E: de::Error>() -> Result<Nesting, E> {
        let depth = DEPTH.with(|d| {
            d.set(d.get() + 1);
            d.get()
        });
        if depth > MAX_NESTING {
            DEPTH.with(|d| d.set(d.get() - 1));
            return Err(E::custom(format_args!(
                "nesting deeper than {MAX_NESTING} levels"
            )));
        }
        Ok(Nesting)
    }
}

impl Drop for Nesting {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Number(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        Json::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let _nesting = Nesting::enter()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let _nesting = Nesting::enter()?;
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some((key, value)) = map.next_entry::<String, Json>()? {
            members.push((key, value));
        }
        Ok(Json::Object(members))
    }
}

/// A tree is itself a serde [`Deserializer`]: the native format's derived types read from
/// it. It reads as publishers write, not as a schema checker would: where a struct is wanted,
/// a string stands for the struct's first field (an image given by its URL, an author by
/// name) and any other value for an empty object (its fields then read as absent); where a
/// sequence is wanted, anything but an array is an empty one. So a value of the wrong kind
/// costs the reader that value, never the whole document.
impl<'de> Deserializer<'de> for &'de Json {
    type Error = Unreadable;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match self {
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(*b),
            Json::Number(n) => visitor.visit_f64(*n),
            Json::String(s) => visitor.visit_borrowed_str(s),
            Json::Array(items) => visitor.visit_seq(SeqDeserializer::new(items.iter())),
            Json::Object(members) => visitor.visit_map(members_of(members)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match self {
            Json::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        visitor.visit_seq(SeqDeserializer::new(self.items().iter()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        match (self, fields.first()) {
            (Json::Object(members), _) => visitor.visit_map(members_of(members)),
            (Json::String(_), Some(first)) => visitor.visit_map(Members {
                first: Some((first, self)),
                ..members_of(&[])
            }),
            _ => visitor.visit_map(members_of(&[])),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct tuple
        tuple_struct map enum identifier
    }
}

/// An object's members as a serde map: one type for every object a struct reads, so that
/// each struct's visitor is made once.
struct Members<'de> {
    /// A string read as a struct: its value for the struct's first field.
    first: Option<(&'static str, &'de Json)>,
    members: std::slice::Iter<'de, (String, Json)>,
    value: Option<&'de Json>,
}

fn members_of(members: &[(String, Json)]) -> Members<'_> {
    Members {
        first: None,
        members: members.iter(),
        value: None,
    }
}

impl<'de> MapAccess<'de> for Members<'de> {
    type Error = Unreadable;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unreadable> {
        let (key, value) = match self.first.take() {
            Some(first) => first,
            None => match self.members.next() {
                Some((key, value)) => (key.as_str(), value),
                None => return Ok(None),
            },
        };
        self.value = Some(value);
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Unreadable> {
        seed.deserialize(self.value.take().unwrap_or(&NULL))
    }
}

impl<'de> IntoDeserializer<'de, Unreadable> for &'de Json {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// Why a tree could not be read as a derived type. The tree's reading is lenient (see its
/// `Deserializer`): what is left is a duplicated member, which only text parsed outside a
/// browser can hold. No message: serde's messages would bring their formatting into the wasm.
#[derive(Debug)]
pub struct Unreadable;

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a duplicated member")
    }
}

impl std::error::Error for Unreadable {}

impl de::Error for Unreadable {
    fn custom<T: fmt::Display>(_message: T) -> Unreadable {
        Unreadable
    }
}

impl From<Unreadable> for DecodeError {
    fn from(_: Unreadable) -> DecodeError {
        DecodeError::new("not readable: a member is given twice")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let json: Json = serde_json::from_str(
            r#"{"s": " a ", "n": 800, "f": 1.5, "b": true, "z": null, "a": [1, "2"], "o": {"k": "v"}}"#,
        )
        .expect("json");
        assert_eq!(json.get("s").text().as_deref(), Some("a"));
        assert_eq!(json.get("n").number(), Some(800.0));
        assert_eq!(json.get("n").id().as_deref(), Some("800"));
        assert_eq!(json.get("a").items()[1].number(), Some(2.0));
        assert_eq!(json.get("o").get("k").as_str(), Some("v"));
        assert_eq!(json.get("missing"), &Json::Null);
        assert!(json.has("z"));
        assert_eq!(json.get("o").one_or_many().len(), 1);
        assert_eq!(json.get("z").one_or_many().len(), 0);
    }

    #[test]
    fn refuses_hostile_nesting_without_overflowing() {
        let deep = "[".repeat(MAX_NESTING + 1) + &"]".repeat(MAX_NESTING + 1);
        let mut deserializer = serde_json::Deserializer::from_str(&deep);
        deserializer.disable_recursion_limit();
        let error = Json::deserialize(&mut deserializer).expect_err("too deep");
        assert!(error.to_string().contains("nesting deeper than"), "{error}");
        let fine = "[".repeat(MAX_NESTING) + &"]".repeat(MAX_NESTING);
        let mut deserializer = serde_json::Deserializer::from_str(&fine);
        deserializer.disable_recursion_limit();
        assert!(
            Json::deserialize(&mut deserializer).is_ok(),
            "the depth counter recovers"
        );
    }
}
