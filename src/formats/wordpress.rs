//! WordPress REST API v2 posts (`/wp-json/wp/v2/posts?_embed`): one post, or an array.
//!
//! Titles and excerpts arrive as HTML and are decoded to text; `content.rendered` is an HTML
//! body for the sanitizer. `date` is the site's local time and `date_gmt` the same moment in
//! UTC, both without an offset: their difference is the site's offset, which
//! `time-zone="source"` shows. Paging comes from the `X-WP-TotalPages` header (`web`).

use super::json::Json;
use super::{dimension, shorten, untitled, DecodeError, TITLE_CHARS};
use crate::html_text::html_to_text;
use crate::model::{
    Article, Block, Document, Image, ImageCandidate, Listing, Person, Role, Timestamp, Written,
};
use crate::sanitize::{check_url, UrlUse};

/// The largest offset a real zone has (UTC+14); anything beyond means inconsistent dates.
const MAX_OFFSET_MINUTES: i64 = 14 * 60;

/// Decodes one WordPress post or an array of them.
///
/// Read with `_embed`: `title.rendered` and `excerpt.rendered` are decoded to text,
/// `content.rendered` is an HTML body for the sanitizer, `date` − `date_gmt` gives the
/// site's UTC offset, and `_embedded` gives the authors, the featured image (with
/// `alt_text`, caption, size and a `srcset` from `media_details.sizes`) and the tags. An
/// array is a [`Listing`] whose summaries carry their whole article; its next page comes
/// from the `X-WP-TotalPages` header, which the browser side reads.
///
/// # Errors
///
/// A [`DecodeError`] for a post without `title.rendered`, and for anything but an object or
/// an array.
///
/// # Examples
///
/// ```
/// use news_embed::formats::{decode_wordpress, Json};
/// use news_embed::model::{Block, Document};
///
/// let json: Json = serde_json::from_str(
///     r#"{
///         "id": 42,
///         "link": "https://example.org/dai-hoi-iv/",
///         "date": "2020-05-22T10:21:00",
///         "date_gmt": "2020-05-22T03:21:00",
///         "title": {"rendered": "Đại hội &#8220;lần thứ IV&#8221;"},
///         "excerpt": {"rendered": "<p>Ngày 08 tháng 05 năm 2020&hellip;</p>\n"},
///         "content": {"rendered": "<p>Sáng 21/5…</p>"},
///         "_embedded": {"author": [{"name": "Ngọc Triều"}]}
///     }"#,
/// )?;
/// let Document::Article(post) = decode_wordpress(&json)? else { panic!("a post") };
/// assert_eq!(post.id.as_deref(), Some("42"));
/// assert_eq!(post.title, "Đại hội “lần thứ IV”");
/// assert_eq!(post.summary.as_deref(), Some("Ngày 08 tháng 05 năm 2020…"));
/// assert_eq!(post.body, [Block::Html("<p>Sáng 21/5…</p>".into())]);
/// assert_eq!(post.authors[0].name, "Ngọc Triều");
/// // The site's offset, from `date` − `date_gmt`: shown as "10:21 (GMT+7)".
/// let published = post.published.unwrap();
/// assert_eq!(published.to_rfc3339(), "2020-05-22T10:21:00+07:00");
/// assert_eq!(published.offset_label(), "GMT+7");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_wordpress(json: &Json) -> Result<Document, DecodeError> {
    match json {
        Json::Array(posts) => Ok(Document::Listing(Listing {
            items: posts
                .iter()
                .filter_map(post_article)
                .map(|article| {
                    let mut summary = article.to_summary();
                    summary.article = Some(Box::new(article));
                    summary
                })
                .collect(),
            next: None,
        })),
        Json::Object(_) => post_article(json)
            .map(Document::Article)
            .ok_or_else(|| DecodeError::new("not WordPress posts: the post has no title.rendered")),
        other => Err(DecodeError::new(format!(
            "not WordPress posts: expected a post object or an array, not {}",
            other.kind()
        ))),
    }
}

fn post_article(post: &Json) -> Option<Article> {
    let summary = rendered_text(post.get("excerpt"));
    // Quote and status posts have an empty title: the excerpt or the content stands in.
    let title = rendered_text(post.get("title"))
        .or_else(|| Some(shorten(summary.as_deref()?, TITLE_CHARS)))
        .or_else(|| untitled(post.get("content").get("rendered").as_str()?))?;
    let embedded = post.get("_embedded");
    Some(Article {
        id: post.get("id").id(),
        url: post
            .get("link")
            .as_str()
            .and_then(|u| check_url(u, UrlUse::Link)),
        title,
        published: published(post.get("date").as_str(), post.get("date_gmt").as_str()),
        updated: published(
            post.get("modified").as_str(),
            post.get("modified_gmt").as_str(),
        ),
        language: None,
        summary,
        image: embedded
            .get("wp:featuredmedia")
            .items()
            .first()
            .and_then(featured_image),
        body: post
            .get("content")
            .get("rendered")
            .text()
            .map(|html| vec![Block::Html(html)])
            .unwrap_or_default(),
        // A user the API may not show is embedded as `{code, message}`: no name, left out.
        authors: embedded
            .get("author")
            .items()
            .iter()
            .filter_map(|author| {
                Some(Person {
                    name: author.get("name").shown_text()?,
                    role: Role::Author,
                    url: author
                        .get("link")
                        .as_str()
                        .and_then(|u| check_url(u, UrlUse::Link)),
                })
            })
            .collect(),
        tags: embedded
            .get("wp:term")
            .items()
            .iter()
            .flat_map(Json::items)
            .filter(|term| term.get("taxonomy").as_str() == Some("post_tag"))
            .filter_map(|term| Some(html_to_text(term.get("name").as_str()?)))
            .filter(|name| !name.is_empty())
            .collect(),
        other_news: Vec::new(),
    })
}

fn featured_image(media: &Json) -> Option<Image> {
    let src = check_url(media.get("source_url").as_str()?, UrlUse::Image)?;
    let details = media.get("media_details");
    let (width, height) = (
        dimension(details.get("width")),
        dimension(details.get("height")),
    );
    Some(Image {
        src,
        alt: media
            .get("alt_text")
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        caption: rendered_text(media.get("caption")),
        credit: None,
        width,
        height,
        srcset: srcset(details.get("sizes"), width, height),
    })
}

/// The sizes of the same proportions as the original (WordPress' own rule: cropped
/// thumbnails are left out), one per URL, smallest first.
fn srcset(sizes: &Json, width: Option<u32>, height: Option<u32>) -> Vec<ImageCandidate> {
    let Json::Object(sizes) = sizes else {
        return Vec::new();
    };
    let ratio = width.zip(height).map(|(w, h)| f64::from(w) / f64::from(h));
    let mut candidates: Vec<(u32, String)> = sizes
        .iter()
        .filter_map(|(_, size)| {
            let (w, h) = (
                dimension(size.get("width"))?,
                dimension(size.get("height"))?,
            );
            let same_shape =
                ratio.is_none_or(|r| (f64::from(w) / f64::from(h) / r - 1.0).abs() < 0.02);
            let src = check_url(size.get("source_url").as_str()?, UrlUse::Image)?;
            same_shape.then_some((w, src))
        })
        .collect();
    // Widest first, so that a URL listed under several sizes keeps its widest.
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
    let mut out: Vec<ImageCandidate> = Vec::new();
    for (w, src) in candidates {
        if !out.iter().any(|c| c.src == src) {
            out.push(ImageCandidate {
                src,
                descriptor: format!("{w}w"),
            });
        }
    }
    out.reverse();
    if out.len() < 2 {
        // One size says nothing `src` does not.
        out.clear();
    }
    out
}

/// `{"rendered": "<p>…</p>"}` as plain text.
fn rendered_text(field: &Json) -> Option<String> {
    let text = html_to_text(field.get("rendered").as_str()?);
    (!text.is_empty()).then_some(text)
}

/// The moment from `date_gmt` and the site's offset from `date` − `date_gmt`.
fn published(local: Option<&str>, gmt: Option<&str>) -> Option<Timestamp> {
    // Both come without an offset: read as wall times, their difference is the site's
    // offset. A `date_gmt` alone is a moment (it is UTC); a `date` alone is shown as written.
    let wall = |s: &str| Timestamp::parse_rfc3339(s.trim_end_matches(['Z', 'z']));
    let moment = |gmt: Timestamp, offset_minutes| Timestamp {
        epoch_ms: gmt.epoch_ms,
        offset_minutes,
        written: match gmt.written {
            Written::Date => Written::Date,
            _ => Written::Moment,
        },
    };
    match (local.and_then(wall), gmt.and_then(wall)) {
        (Some(local), Some(gmt)) => {
            let minutes = (local.epoch_ms - gmt.epoch_ms) / 60_000;
            let offset = if minutes.abs() <= MAX_OFFSET_MINUTES {
                minutes as i32
            } else {
                0
            };
            Some(moment(gmt, offset))
        }
        (None, Some(gmt)) => Some(moment(gmt, 0)),
        (Some(local), None) => Some(local),
        (None, None) => None,
    }
}
