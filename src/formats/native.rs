//! The project's own JSON format (`schema/native.schema.json`, README "Native format").
//!
//! Lenient where a reader loses nothing (unknown fields and block types are skipped, a date
//! that does not parse is left out, an untitled list item is dropped), strict where the
//! result would be meaningless (an article needs a title).

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

use super::{dimension, text, DecodeError, Id};
use crate::model::{Article, Block, Document, Image, Listing, Person, Role, Summary, Timestamp};
use crate::sanitize::{check_url, UrlUse};

/// Decodes a native article, listing object or bare array of summaries.
pub fn decode_native<'de, D>(input: D) -> Result<Document, DecodeError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let raw = NativeInput::deserialize(input)
        .map_err(|e| DecodeError::new(format!("not a native article or listing: {e}")))?;
    match raw {
        NativeInput::Array(items) => Ok(Document::Listing(Listing {
            items: summaries(items),
            next: None,
        })),
        NativeInput::Object(doc) => doc.into_document(),
    }
}

/// The top level: an array is a listing, an object an article or a listing.
enum NativeInput {
    Array(Vec<NativeSummary>),
    Object(Box<NativeDocument>),
}

impl<'de> Deserialize<'de> for NativeInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InputVisitor;
        impl<'de> Visitor<'de> for InputVisitor {
            type Value = NativeInput;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an article object, a listing object or an array of articles")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<NativeInput, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(NativeInput::Array)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NativeInput, A::Error> {
                NativeDocument::deserialize(MapAccessDeserializer::new(map))
                    .map(|doc| NativeInput::Object(Box::new(doc)))
            }
        }
        deserializer.deserialize_any(InputVisitor)
    }
}

#[derive(Deserialize)]
struct NativeDocument {
    id: Option<Id>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    language: Option<String>,
    summary: Option<String>,
    image: Option<ImageRef>,
    body: Option<Vec<NativeBlock>>,
    body_html: Option<String>,
    authors: Option<Vec<PersonRef>>,
    tags: Option<Vec<String>>,
    other_news: Option<Vec<NativeSummary>>,
    items: Option<Vec<NativeSummary>>,
    next: Option<String>,
}

impl NativeDocument {
    fn into_document(self) -> Result<Document, DecodeError> {
        if let Some(items) = self.items {
            return Ok(Document::Listing(Listing {
                items: summaries(items),
                next: self.next.and_then(|u| check_url(&u, UrlUse::Fetch)),
            }));
        }
        let title = text(self.title).ok_or_else(|| {
            DecodeError::new(
                "not a native article or listing: expected a \"title\" (article) or \"items\" (listing)",
            )
        })?;
        let mut body: Vec<Block> = self
            .body
            .unwrap_or_default()
            .into_iter()
            .filter_map(NativeBlock::into_block)
            .collect();
        if body.is_empty() {
            if let Some(html) = text(self.body_html) {
                body = vec![Block::Html(html)];
            }
        }
        Ok(Document::Article(Article {
            id: self.id.map(Id::into_string),
            url: self.url.and_then(|u| check_url(&u, UrlUse::Link)),
            title,
            published: self.published.as_deref().and_then(Timestamp::parse_rfc3339),
            language: text(self.language),
            summary: text(self.summary),
            image: self.image.and_then(ImageRef::into_image),
            body,
            authors: self
                .authors
                .unwrap_or_default()
                .into_iter()
                .filter_map(PersonRef::into_person)
                .collect(),
            tags: self
                .tags
                .unwrap_or_default()
                .into_iter()
                .filter_map(|tag| text(Some(tag)))
                .collect(),
            other_news: summaries(self.other_news.unwrap_or_default()),
        }))
    }
}

#[derive(Deserialize)]
struct NativeSummary {
    id: Option<Id>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    summary: Option<String>,
    image: Option<ImageRef>,
}

fn summaries(items: Vec<NativeSummary>) -> Vec<Summary> {
    items
        .into_iter()
        .filter_map(|item| {
            Some(Summary {
                title: text(item.title)?,
                id: item.id.map(Id::into_string),
                url: item.url.and_then(|u| check_url(&u, UrlUse::Link)),
                published: item.published.as_deref().and_then(Timestamp::parse_rfc3339),
                summary: text(item.summary),
                image: item.image.and_then(ImageRef::into_image),
                article: None,
            })
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum NativeBlock {
    Paragraph {
        text: Option<String>,
    },
    Heading {
        text: Option<String>,
        level: Option<u8>,
    },
    Image(NativeImage),
    Quote {
        text: Option<String>,
        cite: Option<String>,
    },
    List {
        items: Option<Vec<String>>,
        ordered: Option<bool>,
    },
    #[serde(other)]
    Unknown,
}

impl NativeBlock {
    fn into_block(self) -> Option<Block> {
        match self {
            NativeBlock::Paragraph { text: t } => text(t).map(Block::Paragraph),
            NativeBlock::Heading { text: t, level } => Some(Block::Heading {
                level: level.unwrap_or(2).clamp(2, 6),
                text: text(t)?,
            }),
            NativeBlock::Image(image) => image.into_image().map(Block::Image),
            NativeBlock::Quote { text: t, cite } => Some(Block::Quote {
                text: text(t)?,
                cite: cite.and_then(|u| check_url(&u, UrlUse::Link)),
            }),
            NativeBlock::List { items, ordered } => {
                let items: Vec<String> = items
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|item| text(Some(item)))
                    .collect();
                (!items.is_empty()).then(|| Block::List {
                    ordered: ordered.unwrap_or(false),
                    items,
                })
            }
            NativeBlock::Unknown => None,
        }
    }
}

#[derive(Deserialize)]
struct NativeImage {
    src: Option<String>,
    alt: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
    width: Option<f64>,
    height: Option<f64>,
}

impl NativeImage {
    fn into_image(self) -> Option<Image> {
        Some(Image {
            src: check_url(self.src.as_deref()?, UrlUse::Image)?,
            alt: self.alt.unwrap_or_default(),
            caption: text(self.caption),
            credit: text(self.credit),
            width: dimension(self.width),
            height: dimension(self.height),
            srcset: Vec::new(),
        })
    }
}

/// An image given as a bare URL or as an image object.
#[derive(Deserialize)]
#[serde(untagged)]
enum ImageRef {
    Url(String),
    Object(NativeImage),
}

impl ImageRef {
    fn into_image(self) -> Option<Image> {
        match self {
            ImageRef::Url(src) => Some(Image {
                src: check_url(&src, UrlUse::Image)?,
                ..Image::default()
            }),
            ImageRef::Object(image) => image.into_image(),
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PersonRef {
    Name(String),
    Object {
        name: Option<String>,
        role: Option<String>,
        url: Option<String>,
    },
}

impl PersonRef {
    fn into_person(self) -> Option<Person> {
        let (name, role, url) = match self {
            PersonRef::Name(name) => (Some(name), None, None),
            PersonRef::Object { name, role, url } => (name, role, url),
        };
        let role = match role.as_deref().map(str::trim) {
            Some(r)
                if r.eq_ignore_ascii_case("photo") || r.eq_ignore_ascii_case("photographer") =>
            {
                Role::Photo
            }
            _ => Role::Author,
        };
        Some(Person {
            name: text(name)?,
            role,
            url: url.and_then(|u| check_url(&u, UrlUse::Link)),
        })
    }
}
