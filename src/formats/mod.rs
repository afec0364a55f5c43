//! Input formats: each file decodes one format's JSON into the one model.
//!
//! Decoders take any serde [`Deserializer`], so the same code reads a `JsValue` in the
//! browser (serde-wasm-bindgen, no JSON text round trip) and a string in native tests
//! (serde_json).

mod native;

pub use native::decode_native;

use serde::Deserializer;
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
        }
    }
}

impl FormatChoice {
    /// Reads the `format` attribute; a missing or empty attribute means `auto`.
    pub fn from_attribute(value: Option<&str>) -> Result<FormatChoice, DecodeError> {
        match value.map(str::trim).unwrap_or("") {
            "" | "auto" => Ok(FormatChoice::Auto),
            "native" => Ok(FormatChoice::Only(Format::Native)),
            other => Err(DecodeError::new(format!(
                "unsupported format \"{other}\": expected auto or native"
            ))),
        }
    }
}

/// Decodes a document in the chosen format (or the detected one, for `auto`).
pub fn decode<'de, D>(input: D, choice: FormatChoice) -> Result<(Format, Document), DecodeError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let format = match choice {
        FormatChoice::Auto | FormatChoice::Only(Format::Native) => Format::Native,
    };
    let document = match format {
        Format::Native => decode_native(input)?,
    };
    Ok((format, document))
}
