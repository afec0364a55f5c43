//! JSON Feed 1.1 and 1.0 (<https://jsonfeed.org/version/1.1>): a whole feed, or one item.
//!
//! A feed is a listing whose items carry their whole article, so `<news-article item="…">`
//! can show any of them with the others as "other news". `next_url` pages the list.

use super::json::Json;
use super::{image_from_url, shorten, text_paragraphs, texts, untitled, DecodeError, TITLE_CHARS};
use crate::model::{Article, Block, Document, Listing, Person, Role, Timestamp};
use crate::sanitize::{check_url, UrlUse};

/// How long a listed summary made from `content_text` may be.
const SUMMARY_CHARS: usize = 240;

/// Decodes a JSON Feed (1.1 or 1.0) or a single feed item.
///
/// A feed becomes a [`Listing`] whose summaries carry their whole article
/// ([`Summary::article`](crate::model::Summary::article)), so that `<news-article item="…">`
/// can show any of them; `next_url` becomes [`Listing::next`]. An object without `items` is
/// read as one item, an [`Article`]. `content_html` is an HTML body for the sanitizer,
/// `content_text` is split into paragraphs; an untitled item (a microblog post) takes its
/// summary or its text (cut at 80 characters) as title. 1.0's `author` is read like 1.1's
/// `authors`, and the feed's authors and `language` stand in for an item's own.
///
/// # Errors
///
/// A [`DecodeError`] for anything but an object, and for a lone item with nothing to use
/// as its title.
///
/// # Examples
///
/// ```
/// use news_embed::formats::{decode_json_feed, Json};
/// use news_embed::model::{Block, Document};
///
/// let json: Json = serde_json::from_str(
///     r#"{
///         "version": "https://jsonfeed.org/version/1.1",
///         "title": "Tin tức",
///         "language": "vi",
///         "authors": [{"name": "Ngọc Triều"}],
///         "next_url": "https://example.org/feed-2.json",
///         "items": [
///             {"id": "1", "title": "Đại hội lần thứ IV",
///              "content_html": "<p>Sáng 21/5…</p>",
///              "date_published": "2020-05-22T10:21:00+07:00"},
///             {"id": "2", "content_text": "A note without a title, as microblogs post them."},
///             {"id": "3"}
///         ]
///     }"#,
/// )?;
/// let Document::Listing(feed) = decode_json_feed(&json)? else { panic!("a feed") };
/// assert_eq!(feed.next.as_deref(), Some("https://example.org/feed-2.json"));
/// assert_eq!(feed.items[0].title, "Đại hội lần thứ IV");
/// // An untitled item takes its text as title; an item with nothing to show is left out.
/// assert_eq!(feed.items[1].title, "A note without a title, as microblogs post them.");
/// assert_eq!(feed.items.len(), 2);
///
/// let first = feed.items[0].article.as_deref().expect("items carry their article");
/// assert_eq!(first.body, [Block::Html("<p>Sáng 21/5…</p>".into())]);
/// assert_eq!(first.language.as_deref(), Some("vi"));
/// assert_eq!(first.authors[0].name, "Ngọc Triều");
///
/// let second = feed.items[1].article.as_deref().unwrap();
/// assert_eq!(
///     second.body,
///     [Block::Paragraph("A note without a title, as microblogs post them.".into())]
/// );
///
/// // `<news-article item="2">`: that item, with the others as "other news".
/// let article = feed.into_article(Some("2"));
/// assert_eq!(article.id.as_deref(), Some("2"));
/// assert_eq!(article.other_news[0].title, "Đại hội lần thứ IV");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_json_feed(json: &Json) -> Result<Document, DecodeError> {
    if !json.is_object() {
        return Err(DecodeError::new(format!(
            "not a JSON Feed: expected an object, not {}",
            json.kind()
        )));
    }
    if !json.has("items") {
        return item_article(json, None, &[])
            .map(Document::Article)
            .ok_or_else(|| {
                DecodeError::new(
                    "not a JSON Feed: expected \"items\", or an item with a title or content",
                )
            });
    }
    let language = json.get("language").text();
    let feed_authors = people(json);
    Ok(Document::Listing(Listing {
        items: json
            .get("items")
            .items()
            .iter()
            .filter_map(|item| item_article(item, language.as_deref(), &feed_authors))
            .map(|article| {
                let mut summary = article.to_summary();
                summary.article = Some(Box::new(article));
                summary
            })
            .collect(),
        next: json
            .get("next_url")
            .as_str()
            .and_then(|u| check_url(u, UrlUse::Fetch)),
    }))
}

/// One item as an article; `None` for an item with nothing to show as its title.
fn item_article(
    item: &Json,
    feed_language: Option<&str>,
    feed_authors: &[Person],
) -> Option<Article> {
    let content_text = item.get("content_text").shown_text();
    let summary = item.get("summary").shown_text();
    // Titles are optional in JSON Feed (microblog posts): the summary or the start of the
    // text stands in, and a post with no words at all (a photo) is untitled.
    let title = item
        .get("title")
        .shown_text()
        .or_else(|| summary.clone())
        .or_else(|| content_text.as_deref().map(|t| shorten(t, TITLE_CHARS)))
        .or_else(|| untitled(item.get("content_html").as_str()?))?;
    let body = match (item.get("content_html").text(), &content_text) {
        (Some(html), _) => vec![Block::Html(html)],
        (None, Some(plain)) => text_paragraphs(plain)
            .into_iter()
            .map(Block::Paragraph)
            .collect(),
        (None, None) => Vec::new(),
    };
    let summary = summary.or_else(|| {
        let first = text_paragraphs(content_text.as_deref()?)
            .into_iter()
            .next()?;
        Some(shorten(&first, SUMMARY_CHARS))
    });
    let mut authors = people(item);
    if authors.is_empty() {
        authors = feed_authors.to_vec();
    }
    let link = |key| {
        item.get(key)
            .as_str()
            .and_then(|u| check_url(u, UrlUse::Link))
    };
    Some(Article {
        id: item.get("id").id(),
        url: link("url").or_else(|| link("external_url")),
        title,
        published: item
            .get("date_published")
            .as_str()
            .and_then(Timestamp::parse),
        updated: item
            .get("date_modified")
            .as_str()
            .and_then(Timestamp::parse),
        language: item
            .get("language")
            .text()
            .or_else(|| feed_language.map(str::to_owned)),
        summary,
        image: ["image", "banner_image"]
            .iter()
            .find_map(|key| image_from_url(item.get(key).as_str()?)),
        body,
        authors,
        tags: texts(item.get("tags")),
        other_news: Vec::new(),
    })
}

/// 1.1's `authors`, else 1.0's `author`.
fn people(json: &Json) -> Vec<Person> {
    json.get("authors")
        .items()
        .iter()
        .chain(Some(json.get("author")).filter(|a| a.is_object()))
        .filter_map(|author| {
            Some(Person {
                name: author.get("name").shown_text()?,
                role: Role::Author,
                url: author
                    .get("url")
                    .as_str()
                    .and_then(|u| check_url(u, UrlUse::Link)),
            })
        })
        .collect()
}
