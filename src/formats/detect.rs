//! `format="auto"`: recognising a format by its own markers at the top level of the
//! document (of the object, or of an array's first element).
//!
//! Only the markers are read ([`Markers`], a derived struct): in the browser
//! serde-wasm-bindgen converts none of the document's other values, and a long array is
//! looked at in its first element only.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::lenient::{other_kinds_read_as, skip_map, skip_seq, FromString, Loose, Scalar};
use super::{DecodeError, Format, JsonSource};

/// Detects the format of a document, or says what was expected.
pub fn detect(source: &(impl JsonSource + ?Sized)) -> Result<Format, DecodeError> {
    let (markers, kind) = match source.read::<Probe>()? {
        // An empty array: an empty listing.
        Probe::Array { empty: true, .. } => return Ok(Format::Native),
        Probe::Array { first, .. } => (first, "an array"),
        Probe::Object(markers) => (Some(markers), "an object"),
        Probe::Other(kind) => (None, kind),
    };
    let top = markers.unwrap_or_default();
    let version = top.version.as_str().unwrap_or("");
    if version.starts_with("https://jsonfeed.org/version/") {
        Ok(Format::JsonFeed)
    } else if top.context.0 || top.type_.0 || top.graph.0 {
        Ok(Format::SchemaOrg)
    } else if top.title == Shape::Object
        || top.content == Shape::Object
        || top.excerpt == Shape::Object
        || top.guid == Shape::Object
        || top.date_gmt.0
    {
        Ok(Format::WordPress)
    } else if top.content_html.0 || top.content_text.0 || top.date_published.0 {
        // A lone JSON Feed item.
        Ok(Format::JsonFeed)
    } else if top.title == Shape::String || top.items == Shape::Array {
        Ok(Format::Native)
    } else {
        Err(DecodeError::new(
            "unrecognised document (".to_owned()
                + kind
                + "): expected a native article or listing (with \"title\" or \"items\"), a \
                   JSON Feed (\"version\": \"https://jsonfeed.org/version/1.1\"), WordPress posts \
                   (\"title\": {\"rendered\": …}) or schema.org JSON-LD (\"@context\", \"@type\")",
        ))
    }
}

/// The top of a document, as far as detection needs it.
enum Probe {
    Object(Markers),
    /// An array: whether it is empty, and its first element's markers if that is an object.
    Array {
        empty: bool,
        first: Option<Markers>,
    },
    /// Any other value, by kind (`null`, `a string`…), for the error message.
    Other(&'static str),
}

/// What each format marks its documents with.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Markers {
    version: Scalar,
    #[serde(rename = "@context")]
    context: Present,
    #[serde(rename = "@type")]
    type_: Present,
    #[serde(rename = "@graph")]
    graph: Present,
    title: Shape,
    content: Shape,
    excerpt: Shape,
    guid: Shape,
    date_gmt: Present,
    content_html: Present,
    content_text: Present,
    date_published: Present,
    items: Shape,
}

impl FromString for Markers {}

/// Whether a member is there, whatever its value (never read).
#[derive(Default)]
struct Present(bool);

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Present, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| Present(true))
    }
}

/// The kind of a member's value, its contents skipped.
#[derive(Default, PartialEq)]
enum Shape {
    #[default]
    Absent,
    Object,
    Array,
    String,
    Other,
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Shape, D::Error> {
        struct ShapeVisitor;
        impl<'de> Visitor<'de> for ShapeVisitor {
            type Value = Shape;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Shape, A::Error> {
                skip_map(map).map(|_| Shape::Object)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Shape, A::Error> {
                skip_seq(seq).map(|_| Shape::Array)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Shape, E> {
                Ok(Shape::String)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
                Shape::deserialize(d)
            }
            other_kinds_read_as!(Shape::Other, str: false);
        }
        deserializer.deserialize_any(ShapeVisitor)
    }
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Probe, D::Error> {
        struct ProbeVisitor;
        impl<'de> Visitor<'de> for ProbeVisitor {
            type Value = Probe;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Probe, A::Error> {
                Markers::deserialize(MapAccessDeserializer::new(map)).map(Probe::Object)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Probe, A::Error> {
                let first = seq.next_element::<Loose<Markers>>()?;
                skip_seq(seq)?;
                Ok(Probe::Array {
                    empty: first.is_none(),
                    first: first.and_then(|Loose(markers)| markers),
                })
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Probe, D::Error> {
                Probe::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Probe, E> {
                Ok(Probe::Other("a boolean"))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Probe, E> {
                Ok(Probe::Other("a number"))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Probe, E> {
                Ok(Probe::Other("a number"))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Probe, E> {
                Ok(Probe::Other("a number"))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Probe, E> {
                Ok(Probe::Other("a string"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Probe, E> {
                Ok(Probe::Other("null"))
            }
            fn visit_none<E: de::Error>(self) -> Result<Probe, E> {
                Ok(Probe::Other("null"))
            }
        }
        deserializer.deserialize_any(ProbeVisitor)
    }
}
