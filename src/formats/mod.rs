//! Input formats: each file maps one format's JSON into the one model.
//!
//! A document is first read into a [`Json`] tree through its serde `Deserialize` impl: by
//! serde-wasm-bindgen from the page's parsed JSON in the browser (no JSON text round trip),
//! by serde_json natively. Detection reads that tree. The native format has derived serde
//! types, read from the tree (a `&Json` is a serde `Deserializer`); JSON Feed, WordPress and
//! schema.org, whose publishers bend every shape (a string or an object or an array, a
//! number or a string), are mapped from the tree by hand.
//!
//! | format | adapter | `format` attribute |
//! |---|---|---|
//! | the project's own (`schema/native.schema.json`) | [`decode_native`] | `native` |
//! | JSON Feed 1.1 and 1.0 | [`decode_json_feed`] | `jsonfeed` |
//! | WordPress REST API v2 posts | [`decode_wordpress`] | `wordpress` |
//! | schema.org JSON-LD | [`decode_schema_org`] | `schemaorg` |
//!
//! [`decode`] picks the adapter: the one a [`FormatChoice`] names, or for
//! [`FormatChoice::Auto`] the one whose markers the document carries. Every adapter checks
//! URLs with [`check_url`] while it reads, so the [`Document`] it returns holds only URLs
//! of allowed schemes; HTML bodies stay [`Block::Html`](crate::model::Block::Html) until
//! the sanitizer rebuilds them ([`crate::sanitize::sanitize_article`]).
//!
//! ```
//! use news_embed::formats::{decode, FormatChoice, Json};
//! use news_embed::model::Document;
//!
//! // Natively, serde_json reads text into the tree (`Json` implements `Deserialize`).
//! let json: Json = serde_json::from_str(r#"[{"title": "Một"}, {"title": "Hai"}]"#)?;
//! let (format, document) = decode(&json, FormatChoice::Auto)?;
//! assert_eq!(format.name(), "native");
//! let Document::Listing(listing) = document else { panic!("a bare array is a listing") };
//! assert_eq!(listing.items.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

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
///
/// In the browser it becomes a `news-embed:error` event of kind `schema`, with
/// [`message`](DecodeError::message) as the event's `message`.
///
/// ```
/// use news_embed::formats::{decode, FormatChoice, Json};
///
/// let error = decode(&Json::Null, FormatChoice::Auto).unwrap_err();
/// assert!(error.message.starts_with("unrecognised document (null)"));
/// assert_eq!(error.to_string(), error.message);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// What was wrong and what was expected, in English, for developers (readers see a
    /// localised message instead).
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
    /// The project's own format, read by [`decode_native`].
    Native,
    /// JSON Feed 1.1 or 1.0, read by [`decode_json_feed`].
    JsonFeed,
    /// WordPress REST API v2 posts, read by [`decode_wordpress`].
    WordPress,
    /// schema.org JSON-LD, read by [`decode_schema_org`].
    SchemaOrg,
}

/// What the `format` attribute asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatChoice {
    /// Detect the format from the document itself.
    Auto,
    /// Read the document as this format only; a document of another shape is an error.
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
    ///
    /// ```
    /// use news_embed::formats::{Format, FormatChoice};
    ///
    /// assert_eq!(FormatChoice::from_attribute(None), Ok(FormatChoice::Auto));
    /// assert_eq!(
    ///     FormatChoice::from_attribute(Some(" jsonfeed ")),
    ///     Ok(FormatChoice::Only(Format::JsonFeed))
    /// );
    /// assert!(FormatChoice::from_attribute(Some("rss")).is_err());
    /// ```
    pub fn from_attribute(value: Option<&str>) -> Result<FormatChoice, DecodeError> {
        let format = match value.map(str::trim).unwrap_or("") {
            "" | "auto" => return Ok(FormatChoice::Auto),
            "native" => Format::Native,
            "jsonfeed" => Format::JsonFeed,
            "wordpress" => Format::WordPress,
            "schemaorg" => Format::SchemaOrg,
            other => {
                return Err(DecodeError::new(format!(
                    "unsupported format \"{other}\": expected auto, native, jsonfeed, \
                     wordpress or schemaorg"
                )))
            }
        };
        Ok(FormatChoice::Only(format))
    }
}

/// Decodes a document in the chosen format, or in the one detected for `auto`, and says
/// which format it was read as.
///
/// Detection looks at the top level of the document (of an array, at its first element):
/// a JSON Feed `version`, schema.org's `@context`/`@type`/`@graph`, WordPress' rendered
/// objects (`"title": {"rendered": …}`) or `date_gmt`, a lone JSON Feed item's
/// `content_html`/`content_text`/`date_published`, and last the native `title` or `items`.
///
/// # Errors
///
/// A [`DecodeError`] when nothing is recognised (for `auto`; the message lists what was
/// expected) or when the document is not of the shape its format needs (an article without
/// a title, a JSON Feed that is not an object…).
///
/// # Examples
///
/// A small native article, read from JSON text with serde_json:
///
/// ```
/// use news_embed::formats::{decode, Format, FormatChoice, Json};
/// use news_embed::model::{Block, Document};
///
/// let json: Json = serde_json::from_str(
///     r#"{
///         "id": "dai-hoi-iv",
///         "title": "Đại hội Đảng bộ Sở Khoa học và Công nghệ lần thứ IV",
///         "published": "2020-05-22T10:21:00+07:00",
///         "body": [{"type": "paragraph", "text": "Ngày 08 tháng 05 năm 2020, …"}],
///         "authors": [{"name": "Ngọc Triều"}, {"name": "Huỳnh Sang", "role": "photo"}]
///     }"#,
/// )?;
/// let (format, document) = decode(&json, FormatChoice::Auto)?;
/// assert_eq!(format, Format::Native);
/// let Document::Article(article) = document else { panic!("an article") };
/// assert_eq!(article.title, "Đại hội Đảng bộ Sở Khoa học và Công nghệ lần thứ IV");
/// assert_eq!(article.id.as_deref(), Some("dai-hoi-iv"));
/// assert_eq!(article.published.unwrap().offset_minutes, 7 * 60);
/// assert_eq!(article.body, [Block::Paragraph("Ngày 08 tháng 05 năm 2020, …".into())]);
/// assert_eq!(article.authors[1].name, "Huỳnh Sang");
///
/// // Forcing another format reads the same document as that format, or fails.
/// let error = decode(&json, FormatChoice::Only(Format::WordPress)).unwrap_err();
/// assert_eq!(error.message, "not WordPress posts: the post has no title.rendered");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
            .map(crate::html_text::decode_text)
            .collect(),
        _ => json.items().iter().filter_map(Json::shown_text).collect(),
    }
}

/// Plain text split into paragraphs at blank lines (or at line breaks, where the text has
/// no blank lines at all, as schema.org `articleBody` often has).
pub(crate) fn text_paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let blank = |line: &&str| line.trim_ascii().is_empty();
    let by_blank_lines = lines.len() > 2 && lines[1..lines.len() - 1].iter().any(blank);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in lines {
        if !by_blank_lines || blank(&line) {
            paragraphs.push(std::mem::take(&mut current));
        }
        for word in line.split_ascii_whitespace() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    paragraphs.push(current);
    paragraphs.retain(|p| !p.is_empty());
    paragraphs
}

/// How long a headline made from an untitled post's text may be.
pub(crate) const TITLE_CHARS: usize = 80;

/// The headline of a post that has none (a micro-blog note, a WordPress quote or status):
/// the start of its HTML body's text, or empty for a body with no words (a photo), which
/// the view names "Untitled". `None` for an empty body: nothing to show.
pub(crate) fn untitled(html: &str) -> Option<String> {
    if html.trim().is_empty() {
        return None;
    }
    Some(shorten(&crate::html_text::html_to_text(html), TITLE_CHARS))
}

/// At most `max` characters of `text`, cut at a word and marked with an ellipsis.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text.to_owned();
    };
    let cut = &text[..end];
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut,
    };
    cut.trim_end_matches([',', ';', ':', ' ']).to_owned() + "…"
}
