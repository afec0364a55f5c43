//! The project's own JSON format (`schema/native.schema.json`, README "Native format").
//!
//! Its serde types are derived: serde-wasm-bindgen reads them straight from the page's
//! parsed JSON in the browser (only the members named here are looked at), serde_json
//! natively. Lenient where a reader loses nothing (unknown fields and block types are
//! skipped, a value of the wrong kind reads as absent, a date that does not parse is left
//! out, an untitled list item is dropped), strict where the result would be meaningless (an
//! article needs a title).

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::lenient::{FromString, Loose, Scalar, Seq, Texts};
use super::{DecodeError, JsonSource};
use crate::model::{Article, Block, Document, Image, Listing, Person, Role, Summary, Timestamp};
use crate::sanitize::{check_url, UrlUse};

/// Decodes a native article, listing object or bare array of summaries.
///
/// An object with `items` (an array) is a [`Listing`] whose `next` pages it; any other
/// object is an [`Article`] and needs a `title`; an array is a listing of summaries.
/// Unknown fields and block types are skipped, untitled summaries dropped, dates that are
/// not RFC 3339 left out, and URLs of other schemes than `http:`/`https:` (and `mailto:`
/// for links) dropped.
///
/// # Errors
///
/// A [`DecodeError`] for an object with neither `title` nor `items`, and for anything but
/// an object or an array.
///
/// # Examples
///
/// ```
/// use news_embed::formats::decode_native;
/// use news_embed::model::{Block, Document, Role};
///
/// let json: serde_json::Value = serde_json::from_str(
///     r#"{
///         "title": "Đại hội lần thứ IV",
///         "image": {"src": "images/dai-hoi-1.svg", "alt": "Quang cảnh", "width": 800},
///         "body": [
///             {"type": "heading", "text": "Nhiệm kỳ 2020 - 2025"},
///             {"type": "image", "src": "javascript:alert(1)"},
///             {"type": "video", "src": "a.mp4"}
///         ],
///         "authors": ["Ngọc Triều", {"name": "Huỳnh Sang", "role": "photo"}]
///     }"#,
/// )?;
/// let Document::Article(article) = decode_native(&json)? else { panic!("an article") };
/// let image = article.image.as_ref().unwrap();
/// assert_eq!((image.src.as_str(), image.width), ("images/dai-hoi-1.svg", Some(800)));
/// // The heading gets level 2; the unsafe image and the unknown block type are left out.
/// assert_eq!(
///     article.body,
///     [Block::Heading { level: 2, text: "Nhiệm kỳ 2020 - 2025".into() }]
/// );
/// assert_eq!(article.authors[0].role, Role::Author);
/// assert_eq!(article.authors[1].role, Role::Photo);
///
/// let listing: serde_json::Value = serde_json::from_str(
///     r#"{"items": [{"title": "Một"}, {"summary": "no title"}], "next": "?page=2"}"#,
/// )?;
/// let Document::Listing(listing) = decode_native(&listing)? else { panic!("a listing") };
/// assert_eq!(listing.items.len(), 1);
/// assert_eq!(listing.next.as_deref(), Some("?page=2"));
///
/// assert!(decode_native(&serde_json::json!("text")).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_native(source: &(impl JsonSource + ?Sized)) -> Result<Document, DecodeError> {
    match source.read::<NativeDocument>()? {
        NativeDocument::Array(items) => Ok(Document::Listing(Listing {
            items: items.into_iter().filter_map(NativeSummary::into_model).collect(),
            next: None,
        })),
        NativeDocument::Object(object) => match object.items.0 {
            Some(items) => Ok(Document::Listing(Listing {
                items: items
                    .into_iter()
                    .filter_map(NativeSummary::into_model)
                    .collect(),
                next: object
                    .next
                    .as_str()
                    .and_then(|u| check_url(u, UrlUse::Fetch)),
            })),
            None => object.into_article().map(Document::Article).ok_or_else(|| {
                DecodeError::new(
                    "not a native article or listing: expected a \"title\" (article) or \"items\" (listing)",
                )
            }),
        },
        NativeDocument::Other(kind) => Err(DecodeError::new(
            "not a native article or listing: expected an object or an array, not ".to_owned()
                + kind,
        )),
    }
}

/// A native document: an article or listing object, or a bare array of summaries.
// One per decoded document, never in bulk: boxing the larger variant would buy nothing.
#[allow(clippy::large_enum_variant)]
enum NativeDocument {
    Object(NativeObject),
    Array(Vec<NativeSummary>),
    /// Any other value, by kind, for the error message.
    Other(&'static str),
}

/// An article or a listing object: a listing is the object whose `items` is an array.
#[derive(Deserialize, Default)]
#[serde(default)]
struct NativeObject {
    items: Seq<NativeSummary>,
    next: Scalar,
    id: Scalar,
    url: Scalar,
    title: Scalar,
    published: Scalar,
    updated: Scalar,
    language: Scalar,
    summary: Scalar,
    image: Loose<NativeImage>,
    body: Seq<NativeBlock>,
    body_html: Scalar,
    authors: Seq<NativePerson>,
    tags: Texts,
    other_news: Seq<NativeSummary>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NativeSummary {
    id: Scalar,
    title: Scalar,
    url: Scalar,
    published: Scalar,
    summary: Scalar,
    image: Loose<NativeImage>,
}

/// One block of a body: which fields count depends on its `type`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct NativeBlock {
    #[serde(rename = "type")]
    kind: Scalar,
    text: Scalar,
    level: Scalar,
    cite: Scalar,
    items: Texts,
    ordered: Scalar,
    src: Scalar,
    alt: Scalar,
    caption: Scalar,
    credit: Scalar,
    width: Scalar,
    height: Scalar,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NativeImage {
    src: Scalar,
    alt: Scalar,
    caption: Scalar,
    credit: Scalar,
    width: Scalar,
    height: Scalar,
}

/// An author given as `{name, role, url}` or by name alone.
#[derive(Deserialize, Default)]
#[serde(default)]
struct NativePerson {
    name: Scalar,
    role: Scalar,
    url: Scalar,
}

impl FromString for NativeSummary {}
impl FromString for NativeBlock {}

/// An image given by its URL alone.
impl FromString for NativeImage {
    fn from_string(src: String) -> Option<NativeImage> {
        Some(NativeImage {
            src: Scalar::String(src),
            ..NativeImage::default()
        })
    }
}

impl FromString for NativePerson {
    fn from_string(name: String) -> Option<NativePerson> {
        Some(NativePerson {
            name: Scalar::String(name),
            ..NativePerson::default()
        })
    }
}

impl NativeObject {
    fn into_article(self) -> Option<Article> {
        let title = self.title.text()?;
        let mut body: Vec<Block> = self
            .body
            .into_vec()
            .into_iter()
            .filter_map(NativeBlock::into_model)
            .collect();
        if body.is_empty() {
            if let Some(html) = self.body_html.text() {
                body.push(Block::Html(html));
            }
        }
        Some(Article {
            id: self.id.id(),
            url: link(&self.url),
            title,
            published: date(&self.published),
            updated: date(&self.updated),
            language: self.language.text(),
            summary: self.summary.text(),
            image: self.image.0.and_then(NativeImage::into_model),
            body,
            authors: self
                .authors
                .into_vec()
                .into_iter()
                .filter_map(NativePerson::into_model)
                .collect(),
            tags: self.tags.0,
            other_news: self
                .other_news
                .into_vec()
                .into_iter()
                .filter_map(NativeSummary::into_model)
                .collect(),
        })
    }
}

impl NativeSummary {
    fn into_model(self) -> Option<Summary> {
        Some(Summary {
            title: self.title.text()?,
            id: self.id.id(),
            url: link(&self.url),
            published: date(&self.published),
            summary: self.summary.text(),
            image: self.image.0.and_then(NativeImage::into_model),
            article: None,
        })
    }
}

impl NativeBlock {
    fn into_model(self) -> Option<Block> {
        let text = self.text.text();
        match self.kind.as_str()? {
            "paragraph" => text.map(Block::Paragraph),
            "heading" => Some(Block::Heading {
                level: self.level.number().map_or(2, |l| l.clamp(2.0, 6.0) as u8),
                text: text?,
            }),
            "image" => NativeImage {
                src: self.src,
                alt: self.alt,
                caption: self.caption,
                credit: self.credit,
                width: self.width,
                height: self.height,
            }
            .into_model()
            .map(Block::Image),
            "quote" => Some(Block::Quote {
                text: text?,
                cite: link(&self.cite),
            }),
            "list" => {
                let items = self.items.0;
                (!items.is_empty()).then(|| Block::List {
                    ordered: self.ordered.is_true(),
                    items,
                })
            }
            _ => None,
        }
    }
}

impl NativeImage {
    fn into_model(self) -> Option<Image> {
        Some(Image {
            src: check_url(self.src.as_str()?, UrlUse::Image)?,
            alt: self.alt.as_str().unwrap_or_default().to_owned(),
            caption: self.caption.text(),
            credit: self.credit.text(),
            width: dimension(&self.width),
            height: dimension(&self.height),
            srcset: Vec::new(),
        })
    }
}

impl NativePerson {
    fn into_model(self) -> Option<Person> {
        let role = match self.role.as_str().map(str::trim) {
            Some(r)
                if r.eq_ignore_ascii_case("photo") || r.eq_ignore_ascii_case("photographer") =>
            {
                Role::Photo
            }
            _ => Role::Author,
        };
        Some(Person {
            name: self.name.text()?,
            role,
            url: self.url.as_str().and_then(|u| check_url(u, UrlUse::Link)),
        })
    }
}

impl<'de> Deserialize<'de> for NativeDocument {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<NativeDocument, D::Error> {
        struct DocumentVisitor;
        impl<'de> Visitor<'de> for DocumentVisitor {
            type Value = NativeDocument;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a native article or listing")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NativeDocument, A::Error> {
                NativeObject::deserialize(MapAccessDeserializer::new(map))
                    .map(NativeDocument::Object)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NativeDocument, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(Loose(item)) = seq.next_element::<Loose<NativeSummary>>()? {
                    items.extend(item);
                }
                Ok(NativeDocument::Array(items))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<NativeDocument, D::Error> {
                NativeDocument::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<NativeDocument, E> {
                Ok(NativeDocument::Other("a boolean"))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<NativeDocument, E> {
                Ok(NativeDocument::Other("a number"))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<NativeDocument, E> {
                Ok(NativeDocument::Other("a number"))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<NativeDocument, E> {
                Ok(NativeDocument::Other("a number"))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<NativeDocument, E> {
                Ok(NativeDocument::Other("a string"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<NativeDocument, E> {
                Ok(NativeDocument::Other("null"))
            }
            fn visit_none<E: de::Error>(self) -> Result<NativeDocument, E> {
                Ok(NativeDocument::Other("null"))
            }
        }
        deserializer.deserialize_any(DocumentVisitor)
    }
}

fn link(value: &Scalar) -> Option<String> {
    check_url(value.as_str()?, UrlUse::Link)
}

fn date(value: &Scalar) -> Option<Timestamp> {
    Timestamp::parse_rfc3339(value.as_str()?)
}

/// A positive pixel size (a number or a numeric string); anything else is unknown.
fn dimension(value: &Scalar) -> Option<u32> {
    super::pixels(value.number())
}
