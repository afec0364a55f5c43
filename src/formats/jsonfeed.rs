//! JSON Feed 1.1 and 1.0 (<https://jsonfeed.org/version/1.1>): a whole feed, or one item.
//!
//! A feed is a listing whose items carry their whole article, so `<news-article item="…">`
//! can show any of them with the others as "other news". `next_url` pages the list.

use serde::{Deserialize, Deserializer};
use std::fmt;

use super::{shorten, text, text_paragraphs, DecodeError, Id};
use crate::model::{Article, Block, Document, Image, Listing, Person, Role, Timestamp};
use crate::sanitize::{check_url, UrlUse};

/// How long a listed summary made from `content_text` may be.
const SUMMARY_CHARS: usize = 240;

/// Decodes a JSON Feed (1.1 or 1.0) or a single feed item.
pub fn decode_json_feed<'de, D>(input: D) -> Result<Document, DecodeError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let feed =
        Feed::deserialize(input).map_err(|e| DecodeError::new(format!("not a JSON Feed: {e}")))?;
    let feed_authors = people(feed.authors, feed.author);
    match feed.items {
        Some(items) => Ok(Document::Listing(Listing {
            items: items
                .into_iter()
                .filter_map(|item| item.into_article(feed.language.as_deref(), &feed_authors))
                .map(|article| {
                    let mut summary = article.to_summary();
                    summary.article = Some(Box::new(article));
                    summary
                })
                .collect(),
            next: feed.next_url.and_then(|u| check_url(&u, UrlUse::Fetch)),
        })),
        None => {
            // No `items`: the document is one item, whose fields were read as the feed's.
            let item = feed.item;
            item.into_article(None, &[])
                .map(Document::Article)
                .ok_or_else(|| {
                    DecodeError::new(
                        "not a JSON Feed: expected \"items\", or an item with a title or content",
                    )
                })
        }
    }
}

/// A feed; its flattened `item` holds the fields of a lone item given instead of a feed.
#[derive(Deserialize)]
struct Feed {
    items: Option<Vec<Item>>,
    next_url: Option<String>,
    language: Option<String>,
    authors: Option<Vec<Author>>,
    author: Option<Author>,
    #[serde(flatten)]
    item: Item,
}

#[derive(Deserialize, Default)]
struct Item {
    id: Option<Id>,
    url: Option<String>,
    external_url: Option<String>,
    title: Option<String>,
    content_html: Option<String>,
    content_text: Option<String>,
    summary: Option<String>,
    image: Option<String>,
    banner_image: Option<String>,
    date_published: Option<String>,
    /// 1.1: a list of authors.
    authors: Option<Vec<Author>>,
    /// 1.0: one author.
    author: Option<Author>,
    tags: Option<Vec<String>>,
    language: Option<String>,
}

#[derive(Deserialize)]
struct Author {
    name: Option<String>,
    url: Option<String>,
}

impl Item {
    /// The item as an article; `None` for an item with nothing to show as its title.
    fn into_article(self, feed_language: Option<&str>, feed_authors: &[Person]) -> Option<Article> {
        let content_text = text(self.content_text);
        let summary = text(self.summary);
        // Titles are optional in JSON Feed (microblog posts): the summary or the text stands in.
        let title = text(self.title)
            .or_else(|| summary.clone())
            .or_else(|| content_text.as_deref().map(|t| shorten(t, 80)))?;
        let body = match (text(self.content_html), &content_text) {
            (Some(html), _) => vec![Block::Html(html)],
            (None, Some(plain)) => text_paragraphs(plain)
                .into_iter()
                .map(Block::Paragraph)
                .collect(),
            (None, None) => Vec::new(),
        };
        let summary = summary.or_else(|| {
            content_text
                .as_deref()
                .and_then(|t| text_paragraphs(t).into_iter().next())
                .map(|first| shorten(&first, SUMMARY_CHARS))
        });
        let mut authors = people(self.authors, self.author);
        if authors.is_empty() {
            authors = feed_authors.to_vec();
        }
        Some(Article {
            id: self.id.map(Id::into_string),
            url: self
                .url
                .or(self.external_url)
                .and_then(|u| check_url(&u, UrlUse::Link)),
            title,
            published: self
                .date_published
                .as_deref()
                .and_then(Timestamp::parse_rfc3339),
            language: text(self.language).or_else(|| feed_language.map(str::to_owned)),
            summary,
            image: self
                .image
                .or(self.banner_image)
                .and_then(|src| check_url(&src, UrlUse::Image))
                .map(|src| Image {
                    src,
                    ..Image::default()
                }),
            body,
            authors,
            tags: self
                .tags
                .unwrap_or_default()
                .into_iter()
                .filter_map(|t| text(Some(t)))
                .collect(),
            other_news: Vec::new(),
        })
    }
}

/// 1.1's `authors`, else 1.0's `author`.
fn people(authors: Option<Vec<Author>>, author: Option<Author>) -> Vec<Person> {
    authors
        .unwrap_or_default()
        .into_iter()
        .chain(author)
        .filter_map(|a| {
            Some(Person {
                name: text(a.name)?,
                role: Role::Author,
                url: a.url.and_then(|u| check_url(&u, UrlUse::Link)),
            })
        })
        .collect()
}
