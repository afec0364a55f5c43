//! The project's own JSON format (`schema/native.schema.json`, README "Native format").
//!
//! Its serde types are derived, one per object of the schema, and read from the document's
//! [`Json`] tree. Their leaf values are `Json` too, any value, read through its accessors
//! (`text`, `number`, `id`): a `"width": "800px"` or an `"id": 42` reads as the schema's own
//! kinds would, and a value of the wrong kind as absent. Lenient where a reader loses nothing (unknown fields and block types are
//! skipped, a value of the wrong kind reads as absent, a date that does not parse is left
//! out, an untitled list item is dropped), strict where the result would be meaningless (an
//! article needs a title).

use serde::Deserialize;

use super::json::Json;
use super::{dimension, texts, DecodeError};
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
/// use news_embed::formats::{decode_native, Json};
/// use news_embed::model::{Block, Document, Role};
///
/// let json: Json = serde_json::from_str(
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
/// let listing: Json = serde_json::from_str(
///     r#"{"items": [{"title": "Một"}, {"summary": "no title"}], "next": "?page=2"}"#,
/// )?;
/// let Document::Listing(listing) = decode_native(&listing)? else { panic!("a listing") };
/// assert_eq!(listing.items.len(), 1);
/// assert_eq!(listing.next.as_deref(), Some("?page=2"));
///
/// assert!(decode_native(&Json::String("text".into())).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_native(json: &Json) -> Result<Document, DecodeError> {
    match json {
        Json::Array(_) => Ok(Document::Listing(Listing {
            items: summaries(Vec::deserialize(json)?),
            next: None,
        })),
        Json::Object(_) if json.get("items").is_array() => {
            let listing = NativeListing::deserialize(json)?;
            Ok(Document::Listing(Listing {
                items: summaries(listing.items),
                next: listing.next.as_str().and_then(|u| check_url(u, UrlUse::Fetch)),
            }))
        }
        Json::Object(_) => NativeArticle::deserialize(json)?
            .into_model()
            .map(Document::Article)
            .ok_or_else(|| {
                DecodeError::new(
                    "not a native article or listing: expected a \"title\" (article) or \"items\" (listing)",
                )
            }),
        other => Err(DecodeError::new(format!(
            "not a native article or listing: expected an object or an array, not {}",
            other.kind()
        ))),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NativeListing {
    items: Vec<NativeSummary>,
    next: Json,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NativeArticle {
    id: Json,
    url: Json,
    title: Json,
    published: Json,
    updated: Json,
    language: Json,
    summary: Json,
    image: Option<NativeBlock>,
    body: Vec<NativeBlock>,
    body_html: Json,
    authors: Vec<NativePerson>,
    tags: Json,
    other_news: Vec<NativeSummary>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NativeSummary {
    id: Json,
    title: Json,
    url: Json,
    published: Json,
    summary: Json,
    image: Option<NativeBlock>,
}

/// One block of a body (which fields count depends on its `type`), or an image: an image
/// object has the fields of an image block, so one type (one deserializer in the wasm) reads
/// both. An image given as a bare URL is its `src`, the first field (see [`Json`]'s
/// `Deserializer`).
#[derive(Deserialize, Default)]
#[serde(default)]
struct NativeBlock {
    src: Json,
    alt: Json,
    caption: Json,
    credit: Json,
    width: Json,
    height: Json,
    #[serde(rename = "type")]
    kind: Json,
    text: Json,
    level: Json,
    cite: Json,
    items: Json,
    ordered: Json,
}

/// An author as `{name, role, url}`, or by name alone (the first field).
#[derive(Deserialize, Default)]
#[serde(default)]
struct NativePerson {
    name: Json,
    role: Json,
    url: Json,
}

fn summaries(items: Vec<NativeSummary>) -> Vec<Summary> {
    items
        .into_iter()
        .filter_map(NativeSummary::into_model)
        .collect()
}

impl NativeArticle {
    fn into_model(self) -> Option<Article> {
        let title = self.title.shown_text()?;
        let mut body: Vec<Block> = self
            .body
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
            summary: self.summary.shown_text(),
            image: self.image.and_then(NativeBlock::into_image),
            body,
            authors: self
                .authors
                .into_iter()
                .filter_map(NativePerson::into_model)
                .collect(),
            tags: texts(&self.tags),
            other_news: summaries(self.other_news),
        })
    }
}

impl NativeSummary {
    fn into_model(self) -> Option<Summary> {
        Some(Summary {
            title: self.title.shown_text()?,
            id: self.id.id(),
            url: link(&self.url),
            published: date(&self.published),
            summary: self.summary.shown_text(),
            image: self.image.and_then(NativeBlock::into_image),
            article: None,
        })
    }
}

impl NativeBlock {
    fn into_model(self) -> Option<Block> {
        let text = self.text.shown_text();
        match self.kind.as_str()? {
            "paragraph" => text.map(Block::Paragraph),
            "heading" => Some(Block::Heading {
                level: self.level.number().map_or(2, |l| l.clamp(2.0, 6.0) as u8),
                text: text?,
            }),
            "image" => self.into_image().map(Block::Image),
            "quote" => Some(Block::Quote {
                text: text?,
                cite: link(&self.cite),
            }),
            "list" => {
                let items = texts(&self.items);
                let ordered = matches!(self.ordered, Json::Bool(true));
                (!items.is_empty()).then_some(Block::List { ordered, items })
            }
            _ => None,
        }
    }

    fn into_image(self) -> Option<Image> {
        Some(Image {
            src: check_url(self.src.as_str()?, UrlUse::Image)?,
            // Kept as written (spaces too): only its references are decoded.
            alt: self
                .alt
                .as_str()
                .map(crate::html_text::decode_text)
                .unwrap_or_default(),
            caption: self.caption.shown_text(),
            credit: self.credit.shown_text(),
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
            name: self.name.shown_text()?,
            role,
            url: self.url.as_str().and_then(|u| check_url(u, UrlUse::Link)),
        })
    }
}

fn link(value: &Json) -> Option<String> {
    check_url(value.as_str()?, UrlUse::Link)
}

fn date(value: &Json) -> Option<Timestamp> {
    Timestamp::parse(value.as_str()?)
}
