//! Server-side rendering: the element with its shadow root written out as HTML, for pages
//! that should show the article without JavaScript (search engines, readers who block
//! scripts) and without a flash when the widget starts.
//!
//! The same decode and the same view as the browser, printed by [`crate::html`] instead of
//! `web::dom`, inside a declarative shadow root (`<template shadowrootmode="open">`). The
//! stylesheet is linked, never inline, so a page with `style-src 'self'` accepts it. When
//! the widget starts on such an element it keeps that shadow root and its nodes (see
//! `finish` in `shim.js`).
//!
//! ```
//! use news_embed::ssr::{render_element, RenderOptions};
//!
//! let json = r#"{"title": "Đại hội lần thứ IV", "published": "2020-05-22T10:21:00+07:00",
//!                "body": [{"type": "paragraph", "text": "Sáng 21/5…"}]}"#;
//! let options = RenderOptions { lang: Some("vi".into()), ..RenderOptions::default() };
//! let html = render_element(json, &options)?;
//! assert!(html.starts_with(r#"<news-article lang="vi"><template shadowrootmode="open">"#));
//! assert!(html.contains(r#"<time part="date" datetime="2020-05-22T10:21:00+07:00">22/5/2020, 10:21 (GMT+7)</time>"#));
//! # Ok::<(), news_embed::ssr::RenderError>(())
//! ```

mod html_body;

use std::fmt;

pub use html_body::{decode_text, sanitize_article, walk_html};

use crate::formats::{self, DecodeError, FormatChoice, Json};
use crate::html::to_html;
use crate::i18n::{format_source_date, Lang};
use crate::model::{Document, Listing, Timestamp};
use crate::node::Node;
use crate::sanitize::UrlUse;
use crate::view::{self, ViewOptions};

/// Where the server-rendered element links the widget's stylesheet from, by default: beside
/// `news-embed.js` in `/dist/` (`make dist` writes it there as `news-embed.css`).
pub const DEFAULT_STYLESHEET: &str = "/dist/news-embed.css";

/// The widget's stylesheet, minified: what the browser adopts, and what
/// `news-embed stylesheet` prints for the server-rendered page to link.
pub fn stylesheet() -> &'static str {
    include_str!(concat!(env!("OUT_DIR"), "/styles.css"))
}

/// Which element to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementKind {
    Article,
    List,
}

impl ElementKind {
    pub fn tag(self) -> &'static str {
        match self {
            ElementKind::Article => "news-article",
            ElementKind::List => "news-list",
        }
    }
}

/// What a server rendering needs besides the JSON: the attributes the element will carry
/// (they decide the rendering in the browser too) and where things are.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// `None`: `<news-article>` for an article, `<news-list>` for a listing.
    pub element: Option<ElementKind>,
    /// Labels and dates; `None` takes the document's own language, else `en`. The element
    /// is always written with the `lang` used, so the browser renders the same.
    pub lang: Option<String>,
    /// The `format` attribute (`auto` when `None`).
    pub format: Option<String>,
    pub limit: Option<usize>,
    pub item: Option<String>,
    pub link_target: Option<String>,
    /// Attributes written on the element as they are: `src`, `theme`, `loading`,
    /// `time-zone`… The widget fetches `src` once it starts, to stay live.
    pub attributes: Vec<(String, String)>,
    /// The URL the JSON's relative URLs resolve against: where the browser would have
    /// fetched it from. `None` leaves them as written.
    pub base: Option<String>,
    /// The `href` of the linked stylesheet ([`DEFAULT_STYLESHEET`] when `None`).
    pub stylesheet: Option<String>,
}

/// Why a document could not be rendered.
#[derive(Debug)]
pub enum RenderError {
    /// The input is not JSON.
    Json(String),
    /// The JSON is not an article or listing in the format asked for (or any, for `auto`).
    Decode(DecodeError),
    /// An option that cannot be used (an unknown `format`, a `base` that is no URL).
    Option(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Json(message) => write!(f, "not JSON: {message}"),
            RenderError::Decode(error) => write!(f, "not a news article or listing: {error}"),
            RenderError::Option(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for RenderError {}

impl From<DecodeError> for RenderError {
    fn from(error: DecodeError) -> Self {
        RenderError::Decode(error)
    }
}

/// `json` rendered as the element with a declarative shadow root: what the browser would
/// show for it, readable before (and without) any script.
pub fn render_element(json: &str, options: &RenderOptions) -> Result<String, RenderError> {
    let json: Json = serde_json::from_str(json).map_err(|e| RenderError::Json(e.to_string()))?;
    let choice = FormatChoice::from_attribute(options.format.as_deref())?;
    let (_, document) = formats::decode(&json, choice)?;
    drop(json);
    let kind = options.element.unwrap_or(match document {
        Document::Article(_) => ElementKind::Article,
        Document::Listing(_) => ElementKind::List,
    });
    let mut document = shown_document(kind, document, options.item.as_deref());
    if let Some(base) = &options.base {
        let base = url::Url::parse(base)
            .map_err(|e| RenderError::Option(format!("--base {base}: {e}")))?;
        document.map_urls(&mut |raw| resolve(&base, raw));
    }
    let lang_tag = options
        .lang
        .clone()
        .or_else(|| match &document {
            Document::Article(article) => article.language.clone(),
            Document::Listing(_) => None,
        })
        .map(|tag| tag.trim().to_owned())
        .filter(|tag| !tag.is_empty())
        .unwrap_or_else(|| "en".to_owned());
    let lang = Lang::from_tag(&lang_tag);
    let format_date = |t: &Timestamp| format_source_date(t, lang);
    let view_options = ViewOptions {
        lang,
        limit: options.limit,
        format_date: &format_date,
        date_title: None,
        link_target: options.link_target.as_deref().map(str::trim),
    };
    let nodes = match &document {
        Document::Article(article) => view::render_article(article, &view_options),
        Document::Listing(listing) => view::render_listing(listing, &view_options),
    };

    let mut attributes = vec![("lang".to_owned(), lang_tag)];
    let named = [
        ("format", &options.format),
        ("item", &options.item),
        ("link-target", &options.link_target),
    ];
    for (name, value) in named {
        if let Some(value) = value {
            attributes.push((name.to_owned(), value.clone()));
        }
    }
    if let Some(limit) = options.limit {
        attributes.push(("limit".to_owned(), limit.to_string()));
    }
    attributes.extend(options.attributes.iter().cloned());
    Ok(element_html(
        kind.tag(),
        &attributes,
        options.stylesheet.as_deref().unwrap_or(DEFAULT_STYLESHEET),
        &nodes,
    ))
}

/// What the element shows of `document`, as `web::element` decides it: an article (its
/// HTML body sanitized), a listing, a listing's item as an article with the other items as
/// "other news", or an article as a listing of one. An empty listing stays one: it renders
/// as the empty state in either element.
pub fn shown_document(kind: ElementKind, document: Document, item: Option<&str>) -> Document {
    let mut article = match (kind, document) {
        (ElementKind::List, Document::Article(article)) => {
            return Document::Listing(Listing {
                items: vec![article.to_summary()],
                next: None,
            })
        }
        (ElementKind::List, listing) => return listing,
        (ElementKind::Article, Document::Listing(listing)) if listing.items.is_empty() => {
            return Document::Listing(listing)
        }
        (ElementKind::Article, Document::Listing(listing)) => listing.into_article(item),
        (ElementKind::Article, Document::Article(article)) => article,
    };
    sanitize_article(&mut article);
    Document::Article(article)
}

/// `raw` against `base`, kept only with a scheme the widget allows (the browser's
/// `web::urls::resolve_urls`).
fn resolve(base: &url::Url, raw: &str) -> Option<String> {
    let url = base.join(raw).ok()?;
    UrlUse::Link.allows_scheme(url.scheme()).then(|| url.into())
}

fn element_html(
    tag: &str,
    attributes: &[(String, String)],
    stylesheet: &str,
    nodes: &[Node],
) -> String {
    let mut out = String::new();
    out.push('<');
    out.push_str(tag);
    for (name, value) in attributes {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(&crate::html::escape(value, true));
        out.push('"');
    }
    out.push_str("><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"");
    out.push_str(&crate::html::escape(stylesheet, true));
    out.push_str("\">");
    out.push_str(&to_html(nodes));
    out.push_str("</template></");
    out.push_str(tag);
    out.push('>');
    out
}
