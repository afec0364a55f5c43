//! schema.org JSON-LD: `NewsArticle`, `Article`, `BlogPosting`, `ReportageNewsArticle` (and
//! the other article types), alone, in an array, in an `ItemList` or in a `@graph` whose
//! nodes refer to each other by `@id` (as SEO plugins write it).
//!
//! `articleBody` is plain text; its images (`image`, several `ImageObject`s) cannot say where
//! they stood, so the first leads the article and the others are spread evenly through the
//! body. Photo credits (`creditText`) join the credit line.

use super::json::Json;
use super::{dimension, image_from_url, text_paragraphs, texts, DecodeError};
use crate::model::{Article, Block, Document, Image, Listing, Person, Role, Summary, Timestamp};
use crate::sanitize::{check_url, UrlUse};

/// Decodes JSON-LD holding one article or a list of them.
///
/// The nodes of `@graph`s are gathered first, and `@id` references between them followed.
/// An `ItemList` is a [`Listing`]; one article node is an [`Article`]; several article nodes
/// are a listing of them. `headline` (else `name`) is the title, `articleBody` plain text
/// split into paragraphs, `author` a string, an object or an array; image credits
/// (`creditText`) join the credit line as photographers.
///
/// # Errors
///
/// A [`DecodeError`] when the document holds no article type (`NewsArticle`, `Article`,
/// `BlogPosting`, …) and no `ItemList`, or its one article has neither `headline` nor
/// `name`.
///
/// # Examples
///
/// ```
/// use news_embed::formats::{decode_schema_org, Json};
/// use news_embed::model::{Block, Document};
///
/// let json: Json = serde_json::from_str(
///     r##"{
///         "@context": "https://schema.org",
///         "@graph": [
///             {"@type": "NewsArticle", "headline": "Đại hội lần thứ IV",
///              "datePublished": "2020-05-22T10:21:00+07:00",
///              "author": {"@id": "#trieu"},
///              "articleBody": "Đoạn một.\n\nĐoạn hai."},
///             {"@type": "Person", "@id": "#trieu", "name": "Ngọc Triều"}
///         ]
///     }"##,
/// )?;
/// let Document::Article(article) = decode_schema_org(&json)? else { panic!("an article") };
/// assert_eq!(article.title, "Đại hội lần thứ IV");
/// assert_eq!(article.authors[0].name, "Ngọc Triều");
/// assert_eq!(
///     article.body,
///     [Block::Paragraph("Đoạn một.".into()), Block::Paragraph("Đoạn hai.".into())]
/// );
///
/// let organization: Json = serde_json::from_str(r#"{"@type": "Organization", "name": "Sở"}"#)?;
/// assert!(decode_schema_org(&organization).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_schema_org(json: &Json) -> Result<Document, DecodeError> {
    let mut nodes = Vec::new();
    for node in json.one_or_many() {
        flatten_graph(node, &mut nodes);
    }
    let graph = Graph { nodes };
    if let Some(list) = graph.nodes.iter().find(|n| is_type(n, "ItemList")) {
        return Ok(Document::Listing(graph.listing(list)));
    }
    let articles: Vec<&Json> = graph
        .nodes
        .iter()
        .copied()
        .filter(|n| is_article(n))
        .collect();
    match articles.as_slice() {
        [] => Err(DecodeError::new(
            "not schema.org JSON-LD of articles: expected a NewsArticle, Article, BlogPosting or an ItemList of them",
        )),
        [one] => graph
            .article(one)
            .map(Document::Article)
            .ok_or_else(|| DecodeError::new("schema.org article without a headline or name")),
        many => Ok(Document::Listing(Listing {
            items: many.iter().filter_map(|n| graph.summary(n)).collect(),
            next: None,
        })),
    }
}

/// Every node of a document, `@graph`s unpacked.
fn flatten_graph<'a>(node: &'a Json, out: &mut Vec<&'a Json>) {
    for inner in node.get("@graph").items() {
        flatten_graph(inner, out);
    }
    if node.has("@type") || node.has("@id") {
        out.push(node);
    }
}

/// The node's types, written bare, prefixed (`schema:NewsArticle`) or as URLs.
fn types(node: &Json) -> impl Iterator<Item = &str> {
    node.get("@type")
        .one_or_many()
        .iter()
        .filter_map(Json::as_str)
        .map(|t| t.rsplit(['/', ':', '#']).next().unwrap_or(t))
}

fn is_type(node: &Json, name: &str) -> bool {
    types(node).any(|t| t == name)
}

fn is_article(node: &Json) -> bool {
    types(node).any(|t| {
        t.ends_with("Article")
            || matches!(
                t,
                "BlogPosting" | "SocialMediaPosting" | "LiveBlogPosting" | "Report"
            )
    })
}

/// `url`, or the first of several.
fn url(node: &Json) -> Option<&str> {
    node.get("url").one_or_many().first()?.as_str()
}

/// The nodes of one document, to follow `@id` references.
struct Graph<'a> {
    nodes: Vec<&'a Json>,
}

impl<'a> Graph<'a> {
    /// The node a value stands for: itself when it has content, else the node with its `@id`.
    fn resolve(&self, node: &'a Json) -> &'a Json {
        let bare_reference =
            !(node.has("@type") || node.has("name") || node.has("url") || node.has("contentUrl"));
        match node.get("@id").as_str() {
            Some(id) if bare_reference => self
                .nodes
                .iter()
                .find(|n| n.get("@id").as_str() == Some(id))
                .copied()
                .unwrap_or(node),
            _ => node,
        }
    }

    fn article(&self, node: &'a Json) -> Option<Article> {
        let title = node
            .get("headline")
            .shown_text()
            .or_else(|| node.get("name").shown_text())?;
        // The page the article is the main entity of: its URL, and often the description.
        let page = [node.get("mainEntityOfPage"), node.get("isPartOf")]
            .into_iter()
            .find(|p| !matches!(p, Json::Null))
            .map(|p| self.resolve(p));
        let page_url = page.and_then(|p| match p {
            Json::String(url) => Some(url.as_str()),
            _ => url(p).or_else(|| p.get("@id").as_str()),
        });
        let summary = node
            .get("description")
            .shown_text()
            .or_else(|| page?.get("description").shown_text());

        let mut images = self.images(node);
        let mut photographers: Vec<String> = Vec::new();
        for credit in images.iter_mut().filter_map(|i| i.credit.take()) {
            if !photographers.contains(&credit) {
                photographers.push(credit);
            }
        }
        let mut paragraphs = node
            .get("articleBody")
            .as_str()
            .map(|text| text_paragraphs(&crate::html_text::decode_text(text)))
            .unwrap_or_default();
        if paragraphs
            .first()
            .is_some_and(|p| Some(p) == summary.as_ref())
        {
            paragraphs.remove(0);
        }
        let lead = (!images.is_empty()).then(|| images.remove(0));
        let mut body: Vec<Block> = lead.iter().cloned().map(Block::Image).collect();
        // Image k of n follows paragraph ⌈k·count/(n+1)⌉: spread evenly through the text.
        let count = paragraphs.len();
        let slots = images.len() + 1;
        let mut images = images.into_iter().enumerate().peekable();
        for (index, paragraph) in paragraphs.into_iter().enumerate() {
            body.push(Block::Paragraph(paragraph));
            while let Some((k, _)) = images.peek() {
                if (k + 1) * count > (index + 1) * slots {
                    break;
                }
                body.extend(images.next().map(|(_, image)| Block::Image(image)));
            }
        }
        body.extend(images.map(|(_, image)| Block::Image(image)));

        let mut authors = self.people(node);
        authors.extend(photographers.into_iter().map(|name| Person {
            name,
            role: Role::Photo,
            url: None,
        }));
        let language = node.get("inLanguage");
        Some(Article {
            id: node.get("@id").text(),
            url: url(node)
                .or(page_url)
                .and_then(|u| check_url(u, UrlUse::Link)),
            title,
            published: ["datePublished", "dateCreated"]
                .iter()
                .find_map(|key| Timestamp::parse(node.get(key).as_str()?)),
            updated: Timestamp::parse(node.get("dateModified").as_str().unwrap_or("")),
            language: language
                .text()
                .or_else(|| language.get("alternateName").text())
                .or_else(|| language.get("name").text()),
            summary,
            image: lead,
            body,
            authors,
            tags: texts(node.get("keywords")),
            other_news: Vec::new(),
        })
    }

    fn summary(&self, node: &'a Json) -> Option<Summary> {
        let article = self.article(node)?;
        let mut summary = article.to_summary();
        summary.article = Some(Box::new(article));
        Some(summary)
    }

    fn listing(&self, list: &'a Json) -> Listing {
        let mut elements: Vec<&Json> = list.get("itemListElement").one_or_many().iter().collect();
        elements.sort_by(|a, b| {
            let position = |n: &Json| n.get("position").number().unwrap_or(f64::MAX);
            position(a).total_cmp(&position(b))
        });
        let items = elements
            .into_iter()
            .filter_map(|element| match element {
                Json::String(url) => link_only(None, url),
                node => {
                    let node = self.resolve(node);
                    if is_type(node, "ListItem") {
                        self.list_item(node)
                    } else {
                        self.summary(node)
                    }
                }
            })
            .collect();
        Listing { items, next: None }
    }

    /// A `ListItem`: its `item` (a node or a URL), or its own `name` and `url`.
    fn list_item(&self, list_item: &'a Json) -> Option<Summary> {
        let name = list_item.get("name").shown_text();
        match list_item.get("item") {
            Json::String(url) => link_only(name, url),
            Json::Null => link_only(name, url(list_item)?),
            item => self.summary(self.resolve(item)),
        }
    }

    fn images(&self, node: &'a Json) -> Vec<Image> {
        let mut images: Vec<Image> = node
            .get("image")
            .one_or_many()
            .iter()
            .filter_map(|image| match image {
                Json::String(url) => image_from_url(url),
                object => image_object(self.resolve(object)),
            })
            .collect();
        if images.is_empty() {
            images.extend(node.get("thumbnailUrl").as_str().and_then(image_from_url));
        }
        images
    }

    fn people(&self, node: &'a Json) -> Vec<Person> {
        node.get("author")
            .one_or_many()
            .iter()
            .filter_map(|author| {
                let (name, url) = match author {
                    Json::String(_) => (author.shown_text(), None),
                    object => {
                        let person = self.resolve(object);
                        (person.get("name").shown_text(), url(person))
                    }
                };
                Some(Person {
                    name: name?,
                    role: Role::Author,
                    url: url.and_then(|u| check_url(u, UrlUse::Link)),
                })
            })
            .collect()
    }
}

/// A listed article known only by its URL (and maybe a name).
fn link_only(name: Option<String>, url: &str) -> Option<Summary> {
    let url = url.trim();
    (!url.is_empty()).then(|| Summary {
        title: name.unwrap_or_else(|| url.to_owned()),
        url: check_url(url, UrlUse::Link),
        ..Summary::default()
    })
}

fn image_object(node: &Json) -> Option<Image> {
    let src = node
        .get("contentUrl")
        .as_str()
        .or_else(|| url(node))
        .and_then(|u| check_url(u, UrlUse::Image))?;
    Some(Image {
        src,
        alt: node
            .get("name")
            .shown_text()
            .or_else(|| node.get("description").shown_text())
            .unwrap_or_default(),
        caption: node.get("caption").shown_text(),
        credit: node.get("creditText").shown_text(),
        width: dimension(node.get("width")).or_else(|| dimension(node.get("width").get("value"))),
        height: dimension(node.get("height"))
            .or_else(|| dimension(node.get("height").get("value"))),
        srcset: Vec::new(),
    })
}
