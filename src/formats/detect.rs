//! `format="auto"`: recognising a format by its own markers, reading only the top-level keys
//! (of the object, or of an array's first element) and skipping every value it does not need.

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

use super::{DecodeError, Format};

/// What the top level of a document shows of its format.
#[derive(Default)]
struct Markers {
    /// A JSON Feed's `version`: `https://jsonfeed.org/version/1.1`.
    json_feed_version: bool,
    /// `@context`, `@type` or `@graph`: JSON-LD.
    linked_data: bool,
    /// `title` or `content` as objects (`{"rendered": …}`), or `date_gmt`: a WordPress post.
    wordpress: bool,
    /// `content_html`, `content_text` or `date_published`: a lone JSON Feed item.
    json_feed_item: bool,
    /// `title` as a string, or `items`: the native format.
    native: bool,
    /// An empty array: an empty listing.
    empty_array: bool,
}

/// Detects the format of a document, or says what was expected.
pub fn detect<'de, D>(input: D) -> Result<Format, DecodeError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let markers = input
        .deserialize_any(TopVisitor)
        .map_err(|e| DecodeError::new(format!("unrecognised document: {e}")))?;
    if markers.json_feed_version {
        Ok(Format::JsonFeed)
    } else if markers.linked_data {
        Ok(Format::SchemaOrg)
    } else if markers.wordpress {
        Ok(Format::WordPress)
    } else if markers.json_feed_item {
        Ok(Format::JsonFeed)
    } else if markers.native || markers.empty_array {
        Ok(Format::Native)
    } else {
        Err(DecodeError::new(EXPECTED))
    }
}

const EXPECTED: &str =
    "unrecognised document: expected a native article or listing (with \"title\" \
or \"items\"), a JSON Feed (\"version\": \"https://jsonfeed.org/version/1.1\"), WordPress posts \
(\"title\": {\"rendered\": …}) or schema.org JSON-LD (\"@context\", \"@type\")";

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Markers;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or array")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Markers, A::Error> {
        read_markers(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Markers, A::Error> {
        let first = seq.next_element::<FirstElement>()?;
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(match first {
            Some(FirstElement(markers)) => markers,
            None => Markers {
                empty_array: true,
                ..Markers::default()
            },
        })
    }
}

/// An array's first element, read for markers like a top-level object.
struct FirstElement(Markers);

impl<'de> Deserialize<'de> for FirstElement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ElementVisitor;
        impl<'de> Visitor<'de> for ElementVisitor {
            type Value = FirstElement;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of objects")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FirstElement, A::Error> {
                read_markers(map).map(FirstElement)
            }
        }
        deserializer.deserialize_map(ElementVisitor)
    }
}

fn read_markers<'de, A: MapAccess<'de>>(mut map: A) -> Result<Markers, A::Error> {
    let mut markers = Markers::default();
    while let Some(key) = map.next_key::<String>()? {
        match key.as_str() {
            "version" => {
                if let Shape::Text(version) = map.next_value::<Shape>()? {
                    markers.json_feed_version |=
                        version.starts_with("https://jsonfeed.org/version/");
                }
            }
            "@context" | "@type" | "@graph" => {
                markers.linked_data = true;
                map.next_value::<IgnoredAny>()?;
            }
            "title" => match map.next_value::<Shape>()? {
                Shape::Object => markers.wordpress = true,
                Shape::Text(_) => markers.native = true,
                _ => {}
            },
            "content" | "excerpt" | "guid" => {
                markers.wordpress |= matches!(map.next_value::<Shape>()?, Shape::Object);
            }
            "date_gmt" => {
                markers.wordpress = true;
                map.next_value::<IgnoredAny>()?;
            }
            "content_html" | "content_text" | "date_published" => {
                markers.json_feed_item = true;
                map.next_value::<IgnoredAny>()?;
            }
            "items" => {
                markers.native |= matches!(map.next_value::<Shape>()?, Shape::Array);
            }
            _ => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    Ok(markers)
}

/// The kind of a value, with the text of a string; nested values are skipped, not read.
enum Shape {
    Text(String),
    Object,
    Array,
    Other,
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Shape, E> {
        Ok(Shape::Text(v.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Shape::Object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Shape::Array)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Other)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Other)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Shape, E> {
        Ok(Shape::Other)
    }

    fn visit_none<E: de::Error>(self) -> Result<Shape, E> {
        Ok(Shape::Other)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Shape, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}
