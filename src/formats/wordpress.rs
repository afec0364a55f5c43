//! WordPress REST API v2 posts (`/wp-json/wp/v2/posts?_embed`): one post, or an array.
//!
//! Titles and excerpts arrive as HTML and are decoded to text; `content.rendered` is an HTML
//! body for the sanitizer. `date` is the site's local time and `date_gmt` the same moment in
//! UTC, both without an offset: their difference is the site's offset, which
//! `time-zone="source"` shows. Paging comes from the `X-WP-TotalPages` header (`web`).

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt;

use super::{dimension, text, DecodeError, Id};
use crate::html_text::html_to_text;
use crate::model::{
    Article, Block, Document, Image, ImageCandidate, Listing, Person, Role, Timestamp,
};
use crate::sanitize::{check_url, UrlUse};

/// The largest offset a real zone has (UTC+14); anything beyond means inconsistent dates.
const MAX_OFFSET_MINUTES: i64 = 14 * 60;

/// Decodes one WordPress post or an array of them.
pub fn decode_wordpress<'de, D>(input: D) -> Result<Document, DecodeError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let input = PostsInput::deserialize(input)
        .map_err(|e| DecodeError::new(format!("not WordPress posts: {e}")))?;
    match input {
        PostsInput::One(post) => post
            .into_article()
            .map(Document::Article)
            .ok_or_else(|| DecodeError::new("not WordPress posts: the post has no title.rendered")),
        PostsInput::Many(posts) => Ok(Document::Listing(Listing {
            items: posts
                .into_iter()
                .filter_map(Post::into_article)
                .map(|article| {
                    let mut summary = article.to_summary();
                    summary.article = Some(Box::new(article));
                    summary
                })
                .collect(),
            next: None,
        })),
    }
}

/// `/posts/ID` answers one object, `/posts` an array.
enum PostsInput {
    One(Box<Post>),
    Many(Vec<Post>),
}

impl<'de> Deserialize<'de> for PostsInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InputVisitor;
        impl<'de> Visitor<'de> for InputVisitor {
            type Value = PostsInput;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a post object or an array of posts")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<PostsInput, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(PostsInput::Many)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PostsInput, A::Error> {
                Post::deserialize(MapAccessDeserializer::new(map))
                    .map(|post| PostsInput::One(Box::new(post)))
            }
        }
        deserializer.deserialize_any(InputVisitor)
    }
}

#[derive(Deserialize)]
struct Post {
    id: Option<Id>,
    date: Option<String>,
    date_gmt: Option<String>,
    link: Option<String>,
    title: Option<Rendered>,
    excerpt: Option<Rendered>,
    content: Option<Rendered>,
    #[serde(rename = "_embedded")]
    embedded: Option<Embedded>,
}

#[derive(Deserialize)]
struct Rendered {
    rendered: Option<String>,
}

#[derive(Deserialize)]
struct Embedded {
    author: Option<Vec<EmbeddedAuthor>>,
    #[serde(rename = "wp:featuredmedia")]
    featured_media: Option<Vec<Media>>,
    #[serde(rename = "wp:term")]
    terms: Option<Vec<Vec<Term>>>,
}

/// An embedded user; a user the API may not show embeds `{code, message}` instead.
#[derive(Deserialize)]
struct EmbeddedAuthor {
    name: Option<String>,
    link: Option<String>,
}

#[derive(Deserialize)]
struct Media {
    source_url: Option<String>,
    alt_text: Option<String>,
    caption: Option<Rendered>,
    media_details: Option<MediaDetails>,
}

#[derive(Deserialize)]
struct MediaDetails {
    width: Option<f64>,
    height: Option<f64>,
    sizes: Option<BTreeMap<String, Size>>,
}

#[derive(Deserialize)]
struct Size {
    source_url: Option<String>,
    width: Option<f64>,
    height: Option<f64>,
}

#[derive(Deserialize)]
struct Term {
    name: Option<String>,
    taxonomy: Option<String>,
}

impl Post {
    fn into_article(self) -> Option<Article> {
        let title = rendered_text(self.title)?;
        let embedded = self.embedded;
        let (authors, image, tags) = match embedded {
            Some(embedded) => (
                embedded
                    .author
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|a| {
                        Some(Person {
                            name: text(a.name)?,
                            role: Role::Author,
                            url: a.link.and_then(|u| check_url(&u, UrlUse::Link)),
                        })
                    })
                    .collect(),
                embedded
                    .featured_media
                    .and_then(|media| media.into_iter().next())
                    .and_then(Media::into_image),
                embedded
                    .terms
                    .unwrap_or_default()
                    .into_iter()
                    .flatten()
                    .filter(|term| term.taxonomy.as_deref() == Some("post_tag"))
                    .filter_map(|term| text(term.name.map(|n| html_to_text(&n))))
                    .collect(),
            ),
            None => (Vec::new(), None, Vec::new()),
        };
        let body = self
            .content
            .and_then(|c| text(c.rendered))
            .map(|html| vec![Block::Html(html)])
            .unwrap_or_default();
        Some(Article {
            id: self.id.map(Id::into_string),
            url: self.link.and_then(|u| check_url(&u, UrlUse::Link)),
            title,
            published: published(self.date.as_deref(), self.date_gmt.as_deref()),
            language: None,
            summary: rendered_text(self.excerpt),
            image,
            body,
            authors,
            tags,
            other_news: Vec::new(),
        })
    }
}

impl Media {
    fn into_image(self) -> Option<Image> {
        let src = check_url(self.source_url.as_deref()?, UrlUse::Image)?;
        let details = self.media_details;
        let (width, height) = details
            .as_ref()
            .map_or((None, None), |d| (dimension(d.width), dimension(d.height)));
        let srcset = details
            .and_then(|d| d.sizes)
            .map(|sizes| srcset(sizes, width, height))
            .unwrap_or_default();
        Some(Image {
            src,
            alt: self.alt_text.unwrap_or_default(),
            caption: rendered_text(self.caption),
            credit: None,
            width,
            height,
            srcset,
        })
    }
}

/// The sizes of the same proportions as the original (WordPress' own rule: cropped
/// thumbnails are left out), one per URL, smallest first.
fn srcset(
    sizes: BTreeMap<String, Size>,
    width: Option<u32>,
    height: Option<u32>,
) -> Vec<ImageCandidate> {
    let ratio = match (width, height) {
        (Some(w), Some(h)) => Some(f64::from(w) / f64::from(h)),
        _ => None,
    };
    let mut candidates: Vec<(u32, String)> = sizes
        .into_values()
        .filter_map(|size| {
            let w = dimension(size.width)?;
            let h = dimension(size.height)?;
            let same_shape =
                ratio.is_none_or(|r| (f64::from(w) / f64::from(h) / r - 1.0).abs() < 0.02);
            let src = check_url(size.source_url.as_deref()?, UrlUse::Image)?;
            same_shape.then_some((w, src))
        })
        .collect();
    candidates.sort();
    let mut seen: Vec<String> = Vec::new();
    let mut out: Vec<ImageCandidate> = Vec::new();
    for (w, src) in candidates.into_iter().rev() {
        if seen.contains(&src) {
            continue;
        }
        seen.push(src.clone());
        out.push(ImageCandidate {
            src,
            descriptor: format!("{w}w"),
        });
    }
    out.reverse();
    if out.len() < 2 {
        // One size says nothing `src` does not.
        out.clear();
    }
    out
}

fn rendered_text(rendered: Option<Rendered>) -> Option<String> {
    text(rendered?.rendered.map(|html| html_to_text(&html)))
}

/// The moment from `date_gmt` and the site's offset from `date` − `date_gmt`.
fn published(local: Option<&str>, gmt: Option<&str>) -> Option<Timestamp> {
    // Both come without an offset; read as UTC, their difference is the site's offset.
    let as_utc = |s: &str| Timestamp::parse_rfc3339(s.trim_end_matches(['Z', 'z']));
    match (local.and_then(as_utc), gmt.and_then(as_utc)) {
        (Some(local), Some(gmt)) => {
            let minutes = (local.epoch_ms - gmt.epoch_ms) / 60_000;
            let offset = if minutes.abs() <= MAX_OFFSET_MINUTES {
                minutes as i32
            } else {
                0
            };
            Some(Timestamp {
                epoch_ms: gmt.epoch_ms,
                offset_minutes: offset,
            })
        }
        (None, Some(gmt)) => Some(gmt),
        // Only the local time: its offset is unknown, so it is shown as written.
        (Some(local), None) => Some(local),
        (None, None) => None,
    }
}
