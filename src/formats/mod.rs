//! Input formats: each file decodes one format's JSON into the one model.
//!
//! Decoders take any serde [`Deserializer`], so the same code reads a `JsValue` in the
//! browser (serde-wasm-bindgen, no JSON text round trip) and a string in native tests
//! (serde_json).

mod detect;
mod jsonfeed;
mod native;
mod schemaorg;
mod wordpress;

pub use jsonfeed::decode_json_feed;
pub use native::decode_native;
pub use schemaorg::decode_schema_org;
pub use wordpress::decode_wordpress;

use serde::{Deserialize, Deserializer};
use std::fmt;

use crate::model::Document;

/// Why a document could not be read as the format it was taken for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub message: String,
}

impl DecodeError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        DecodeError {
            message: message.into(),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

/// The formats a source may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Native,
    JsonFeed,
    WordPress,
    SchemaOrg,
}

/// What the `format` attribute asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatChoice {
    /// Detect the format from the document itself.
    Auto,
    Only(Format),
}

impl Format {
    /// The name used by the `format` attribute and in `news-embed:load` events.
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "native",
            Format::JsonFeed => "jsonfeed",
            Format::WordPress => "wordpress",
            Format::SchemaOrg => "schemaorg",
        }
    }
}

impl FormatChoice {
    /// Reads the `format` attribute; a missing or empty attribute means `auto`.
    pub fn from_attribute(value: Option<&str>) -> Result<FormatChoice, DecodeError> {
        let format = match value.map(str::trim).unwrap_or("") {
            "" | "auto" => return Ok(FormatChoice::Auto),
            "native" => Format::Native,
            "jsonfeed" => Format::JsonFeed,
            "wordpress" => Format::WordPress,
            "schemaorg" => Format::SchemaOrg,
            other => {
                return Err(DecodeError::new(format!(
                    "unsupported format \"{other}\": expected auto, native, jsonfeed, wordpress or schemaorg"
                )))
            }
        };
        Ok(FormatChoice::Only(format))
    }
}

/// Decodes a document in the chosen format, or in the one detected for `auto`. `input`
/// gives a fresh deserializer of the same document each time: detection reads it once
/// (only the few keys that tell formats apart), decoding once more.
pub fn decode<'de, D, F>(input: F, choice: FormatChoice) -> Result<(Format, Document), DecodeError>
where
    F: Fn() -> D,
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let format = match choice {
        FormatChoice::Only(format) => format,
        FormatChoice::Auto => detect::detect(input())?,
    };
    let document = match format {
        Format::Native => decode_native(input())?,
        Format::JsonFeed => decode_json_feed(input())?,
        Format::WordPress => decode_wordpress(input())?,
        Format::SchemaOrg => decode_schema_org(input())?,
    };
    Ok((format, document))
}

/// An id given as a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum Id {
    Text(String),
    Number(f64),
}

impl Id {
    pub(crate) fn into_string(self) -> String {
        match self {
            Id::Text(text) => text,
            Id::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => (n as i64).to_string(),
            Id::Number(n) => n.to_string(),
        }
    }
}

/// Optional text with surrounding white space removed; blank text counts as absent.
pub(crate) fn text(value: Option<String>) -> Option<String> {
    let value = value?;
    let trimmed = value.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == value.len() {
        Some(value)
    } else {
        Some(trimmed.to_owned())
    }
}

/// A positive pixel size; anything else is treated as unknown.
pub(crate) fn dimension(value: Option<f64>) -> Option<u32> {
    value
        .filter(|v| v.is_finite() && *v >= 1.0 && *v <= 100_000.0)
        .map(|v| v.round() as u32)
}

/// A value given either once or as an array (schema.org's `author`, `image`, `@type`).
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    pub(crate) fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

/// Plain text split into paragraphs at blank lines (or at line breaks, where the text has
/// no blank lines at all, as schema.org `articleBody` often has).
pub(crate) fn text_paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    let separator = if text.contains("\n\n") { "\n\n" } else { "\n" };
    text.split(separator)
        .map(|p| p.split_ascii_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// At most `max` characters of `text`, cut at a word and marked with an ellipsis.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}
