//! The project's own JSON format (`schema/native.schema.json`, README "Native format").
//!
//! Lenient where a reader loses nothing (unknown fields and block types are skipped, a date
//! that does not parse is left out, an untitled list item is dropped), strict where the
//! result would be meaningless (an article needs a title).

use super::json::Json;
use super::{dimension, image_from_url, texts, DecodeError};
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
        Json::Array(items) => Ok(Document::Listing(Listing {
            items: items.iter().filter_map(summary).collect(),
            next: None,
        })),
        Json::Object(_) if json.get("items").is_array() => Ok(Document::Listing(Listing {
            items: json.get("items").items().iter().filter_map(summary).collect(),
            next: json.get("next").as_str().and_then(|u| check_url(u, UrlUse::Fetch)),
        })),
        Json::Object(_) => article(json).ok_or_else(|| {
            DecodeError::new(
                "not a native article or listing: expected a \"title\" (article) or \"items\" (listing)",
            )
        }),
        other => Err(DecodeError::new(
            "not a native article or listing: expected an object or an array, not ".to_owned()
                + other.kind(),
        )),
    }
}

fn article(json: &Json) -> Option<Document> {
    let title = json.get("title").text()?;
    let mut body: Vec<Block> = json.get("body").items().iter().filter_map(block).collect();
    if body.is_empty() {
        if let Some(html) = json.get("body_html").text() {
            body.push(Block::Html(html));
        }
    }
    Some(Document::Article(Article {
        id: json.get("id").id(),
        url: link(json.get("url")),
        title,
        published: date(json.get("published")),
        updated: date(json.get("updated")),
        language: json.get("language").text(),
        summary: json.get("summary").text(),
        image: image(json.get("image")),
        body,
        authors: json
            .get("authors")
            .items()
            .iter()
            .filter_map(person)
            .collect(),
        tags: texts(json.get("tags")),
        other_news: json
            .get("other_news")
            .items()
            .iter()
            .filter_map(summary)
            .collect(),
    }))
}

fn summary(json: &Json) -> Option<Summary> {
    Some(Summary {
        title: json.get("title").text()?,
        id: json.get("id").id(),
        url: link(json.get("url")),
        published: date(json.get("published")),
        summary: json.get("summary").text(),
        image: image(json.get("image")),
        article: None,
    })
}

fn block(json: &Json) -> Option<Block> {
    let text = || json.get("text").text();
    match json.get("type").as_str()? {
        "paragraph" => text().map(Block::Paragraph),
        "heading" => Some(Block::Heading {
            level: json
                .get("level")
                .number()
                .map_or(2, |l| l.clamp(2.0, 6.0) as u8),
            text: text()?,
        }),
        "image" => image_object(json).map(Block::Image),
        "quote" => Some(Block::Quote {
            text: text()?,
            cite: link(json.get("cite")),
        }),
        "list" => {
            let items = texts(json.get("items"));
            (!items.is_empty()).then(|| Block::List {
                ordered: matches!(json.get("ordered"), Json::Bool(true)),
                items,
            })
        }
        _ => None,
    }
}

/// An image given as a bare URL or as an image object.
fn image(json: &Json) -> Option<Image> {
    match json {
        Json::String(url) => image_from_url(url),
        Json::Object(_) => image_object(json),
        _ => None,
    }
}

fn image_object(json: &Json) -> Option<Image> {
    Some(Image {
        src: check_url(json.get("src").as_str()?, UrlUse::Image)?,
        alt: json.get("alt").as_str().unwrap_or_default().to_owned(),
        caption: json.get("caption").text(),
        credit: json.get("credit").text(),
        width: dimension(json.get("width")),
        height: dimension(json.get("height")),
        srcset: Vec::new(),
    })
}

/// An author given as a name or as `{name, role, url}`.
fn person(json: &Json) -> Option<Person> {
    let (name, role, url) = match json {
        Json::String(_) => (json.text(), None, None),
        _ => (
            json.get("name").text(),
            json.get("role").as_str(),
            json.get("url").as_str(),
        ),
    };
    let role = match role.map(str::trim) {
        Some(r) if r.eq_ignore_ascii_case("photo") || r.eq_ignore_ascii_case("photographer") => {
            Role::Photo
        }
        _ => Role::Author,
    };
    Some(Person {
        name: name?,
        role,
        url: url.and_then(|u| check_url(u, UrlUse::Link)),
    })
}

fn link(json: &Json) -> Option<String> {
    check_url(json.as_str()?, UrlUse::Link)
}

fn date(json: &Json) -> Option<Timestamp> {
    Timestamp::parse_rfc3339(json.as_str()?)
}
