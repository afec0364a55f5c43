//! Input formats: each file maps one format's JSON into the one model.
//!
//! The document is first read into a [`Json`] tree, from the browser's parsed JSON in the
//! browser (`web::js_json`, no JSON text round trip) and with serde_json natively; detection
//! and the adapters then read that tree.

mod detect;
pub mod json;
mod jsonfeed;
mod native;
mod schemaorg;
mod wordpress;

pub use json::Json;
pub use jsonfeed::decode_json_feed;
pub use native::decode_native;
pub use schemaorg::decode_schema_org;
pub use wordpress::decode_wordpress;

use std::fmt;

use crate::model::{Document, Image};
use crate::sanitize::{check_url, UrlUse};

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
                return Err(DecodeError::new(
                    "unsupported format \"".to_owned()
                        + other
                        + "\": expected auto, native, jsonfeed, wordpress or schemaorg",
                ))
            }
        };
        Ok(FormatChoice::Only(format))
    }
}

/// Decodes a document in the chosen format, or in the one detected for `auto`.
pub fn decode(json: &Json, choice: FormatChoice) -> Result<(Format, Document), DecodeError> {
    let format = match choice {
        FormatChoice::Only(format) => format,
        FormatChoice::Auto => detect::detect(json)?,
    };
    let document = match format {
        Format::Native => decode_native(json)?,
        Format::JsonFeed => decode_json_feed(json)?,
        Format::WordPress => decode_wordpress(json)?,
        Format::SchemaOrg => decode_schema_org(json)?,
    };
    Ok((format, document))
}

/// A positive pixel size (a number or a numeric string); anything else is unknown.
pub(crate) fn dimension(json: &Json) -> Option<u32> {
    json.number()
        .filter(|v| v.is_finite() && *v >= 1.0 && *v <= 100_000.0)
        .map(|v| v.round() as u32)
}

/// An image known only by its URL.
pub(crate) fn image_from_url(url: &str) -> Option<Image> {
    Some(Image {
        src: check_url(url, UrlUse::Image)?,
        ..Image::default()
    })
}

/// Non-blank strings of an array, or of a comma-separated string (schema.org `keywords`).
pub(crate) fn texts(json: &Json) -> Vec<String> {
    match json {
        Json::String(line) => line
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => json.items().iter().filter_map(Json::text).collect(),
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
    cut.trim_end_matches([',', ';', ':', ' ']).to_owned() + "…"
}
