//! schema.org JSON-LD: `NewsArticle`, `Article`, `BlogPosting`, `ReportageNewsArticle` (and
//! the other article types), alone, in an array, in an `ItemList` or in a `@graph` whose
//! nodes refer to each other by `@id` (as SEO plugins write it).
//!
//! `articleBody` is plain text; its images (`image`, several `ImageObject`s) cannot say where
//! they stood, so the first leads the article and the others are spread evenly through the
//! body. Photo credits (`creditText`) join the credit line.

use serde::{Deserialize, Deserializer};
use std::fmt;

use super::{dimension, text, text_paragraphs, DecodeError, OneOrMany};
use crate::model::{Article, Block, Document, Image, Listing, Person, Role, Summary, Timestamp};
use crate::sanitize::{check_url, UrlUse};

/// Decodes JSON-LD holding one article or a list of them.
pub fn decode_schema_org<'de, D>(input: D) -> Result<Document, DecodeError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let top = OneOrMany::<LdNode>::deserialize(input)
        .map_err(|e| DecodeError::new(format!("not schema.org JSON-LD: {e}")))?;
    let mut nodes = Vec::new();
    for node in top.into_vec() {
        flatten_graph(node, &mut nodes);
    }
    let graph = Graph { nodes: &nodes };
    if let Some(list) = nodes.iter().find(|n| n.is_type("ItemList")) {
        return Ok(Document::Listing(graph.listing(list)));
    }
    let articles: Vec<&LdNode> = nodes.iter().filter(|n| n.is_article()).collect();
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
fn flatten_graph(mut node: LdNode, out: &mut Vec<LdNode>) {
    if let Some(graph) = node.graph.take() {
        for inner in graph {
            flatten_graph(inner, out);
        }
    }
    if node.kind.is_some() || node.id.is_some() {
        out.push(node);
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LdNode {
    #[serde(rename = "@type")]
    kind: Option<OneOrMany<String>>,
    #[serde(rename = "@id")]
    id: Option<String>,
    #[serde(rename = "@graph")]
    graph: Option<Vec<LdNode>>,
    headline: Option<String>,
    name: Option<String>,
    description: Option<String>,
    #[serde(rename = "articleBody")]
    article_body: Option<String>,
    #[serde(rename = "datePublished")]
    date_published: Option<String>,
    #[serde(rename = "dateCreated")]
    date_created: Option<String>,
    url: Option<OneOrMany<String>>,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: Option<Reference>,
    #[serde(rename = "isPartOf")]
    is_part_of: Option<Reference>,
    image: Option<OneOrMany<ImageRef>>,
    #[serde(rename = "thumbnailUrl")]
    thumbnail_url: Option<String>,
    author: Option<OneOrMany<PersonRef>>,
    #[serde(rename = "inLanguage")]
    in_language: Option<Language>,
    keywords: Option<OneOrMany<String>>,
    #[serde(rename = "itemListElement")]
    item_list_element: Option<Vec<ListElement>>,
    /// A `ListItem`'s article, or its URL.
    item: Option<Reference>,
    // ImageObject
    #[serde(rename = "contentUrl")]
    content_url: Option<String>,
    caption: Option<String>,
    #[serde(rename = "creditText")]
    credit_text: Option<String>,
    width: Option<Dimension>,
    height: Option<Dimension>,
}

/// A URL or a node that names one by `@id` or `url`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Reference {
    Url(String),
    Node(Box<LdNode>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ImageRef {
    Url(String),
    Node(Box<LdNode>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PersonRef {
    Name(String),
    Node(Box<LdNode>),
}

/// `"vi"` or a `Language` node.
#[derive(Deserialize)]
#[serde(untagged)]
enum Language {
    Code(String),
    Node {
        #[serde(rename = "alternateName")]
        alternate_name: Option<String>,
        name: Option<String>,
    },
}

/// A pixel size as a number, a string or a `QuantitativeValue`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Dimension {
    Number(f64),
    Text(String),
    Quantity { value: f64 },
}

/// An `ItemList` entry: a `ListItem` wrapping an article (or its URL), or the article itself.
#[derive(Deserialize)]
#[serde(untagged)]
enum ListElement {
    Url(String),
    Node(Box<LdNode>),
}

impl Dimension {
    fn pixels(&self) -> Option<u32> {
        match self {
            Dimension::Number(n) | Dimension::Quantity { value: n } => dimension(Some(*n)),
            Dimension::Text(t) => dimension(t.trim().trim_end_matches("px").parse().ok()),
        }
    }
}

impl LdNode {
    /// Whether one of its types is `name`, written bare, prefixed or as a URL.
    fn is_type(&self, name: &str) -> bool {
        self.types().any(|t| t == name)
    }

    fn types(&self) -> impl Iterator<Item = &str> {
        let list: &[String] = match &self.kind {
            Some(OneOrMany::One(one)) => std::slice::from_ref(one),
            Some(OneOrMany::Many(many)) => many,
            None => &[],
        };
        list.iter()
            .map(|t| t.rsplit(['/', ':', '#']).next().unwrap_or(t))
    }

    fn is_article(&self) -> bool {
        self.types().any(|t| {
            t.ends_with("Article")
                || matches!(
                    t,
                    "BlogPosting" | "SocialMediaPosting" | "LiveBlogPosting" | "Report"
                )
        })
    }

    fn first_url(&self) -> Option<&str> {
        match &self.url {
            Some(OneOrMany::One(url)) => Some(url),
            Some(OneOrMany::Many(urls)) => urls.first().map(String::as_str),
            None => None,
        }
    }
}

/// The nodes of one document, to follow `@id` references.
struct Graph<'a> {
    nodes: &'a [LdNode],
}

impl<'a> Graph<'a> {
    /// The node a reference stands for: itself when it has content, else the node with its `@id`.
    fn resolve<'b>(&'b self, node: &'b LdNode) -> &'b LdNode
    where
        'a: 'b,
    {
        let is_bare_reference = node.kind.is_none()
            && node.name.is_none()
            && node.url.is_none()
            && node.content_url.is_none();
        match (&node.id, is_bare_reference) {
            (Some(id), true) => self
                .nodes
                .iter()
                .find(|n| n.id.as_deref() == Some(id.as_str()))
                .unwrap_or(node),
            _ => node,
        }
    }

    fn article(&self, node: &LdNode) -> Option<Article> {
        let title = text(node.headline.clone().or_else(|| node.name.clone()))?;
        let page = node
            .main_entity_of_page
            .as_ref()
            .or(node.is_part_of.as_ref())
            .map(|reference| match reference {
                Reference::Url(url) => (Some(url.clone()), None),
                Reference::Node(page) => {
                    let page = self.resolve(page);
                    (
                        page.first_url()
                            .map(str::to_owned)
                            .or_else(|| page.id.clone()),
                        page.description.clone(),
                    )
                }
            });
        let (page_url, page_description) = page.unwrap_or((None, None));
        let summary = text(node.description.clone()).or_else(|| text(page_description));
        let mut images = self.images(node);
        let photographers: Vec<String> = images.iter_mut().filter_map(|i| i.credit.take()).fold(
            Vec::new(),
            |mut names, name| {
                if !names.contains(&name) {
                    names.push(name);
                }
                names
            },
        );
        let mut paragraphs = node
            .article_body
            .as_deref()
            .map(text_paragraphs)
            .unwrap_or_default();
        if paragraphs
            .first()
            .is_some_and(|p| Some(p) == summary.as_ref())
        {
            paragraphs.remove(0);
        }
        let lead = if images.is_empty() {
            None
        } else {
            Some(images.remove(0))
        };
        let mut body = Vec::new();
        if let Some(lead) = &lead {
            body.push(Block::Image(lead.clone()));
        }
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
        Some(Article {
            id: node.id.clone(),
            url: node
                .first_url()
                .map(str::to_owned)
                .or(page_url)
                .and_then(|u| check_url(&u, UrlUse::Link)),
            title,
            published: node
                .date_published
                .as_deref()
                .or(node.date_created.as_deref())
                .and_then(Timestamp::parse_rfc3339),
            language: node.in_language.as_ref().and_then(|l| match l {
                Language::Code(code) => text(Some(code.clone())),
                Language::Node {
                    alternate_name,
                    name,
                } => text(alternate_name.clone().or_else(|| name.clone())),
            }),
            summary,
            image: lead,
            body,
            authors,
            tags: match &node.keywords {
                Some(OneOrMany::One(line)) => line
                    .split(',')
                    .filter_map(|k| text(Some(k.to_owned())))
                    .collect(),
                Some(OneOrMany::Many(list)) => {
                    list.iter().filter_map(|k| text(Some(k.clone()))).collect()
                }
                None => Vec::new(),
            },
            other_news: Vec::new(),
        })
    }

    fn summary(&self, node: &LdNode) -> Option<Summary> {
        let article = self.article(node)?;
        let mut summary = article.to_summary();
        summary.article = Some(Box::new(article));
        Some(summary)
    }

    fn listing(&self, list: &LdNode) -> Listing {
        let mut items = Vec::new();
        for element in list.item_list_element.iter().flatten() {
            let summary = match element {
                ListElement::Url(url) => text(Some(url.clone())).map(|url| Summary {
                    title: url.clone(),
                    url: check_url(&url, UrlUse::Link),
                    ..Summary::default()
                }),
                ListElement::Node(node) => {
                    let node = self.resolve(node);
                    if node.is_type("ListItem") {
                        self.list_item(node)
                    } else {
                        self.summary(node)
                    }
                }
            };
            items.extend(summary);
        }
        Listing { items, next: None }
    }

    /// A `ListItem`: its `item` (a node or a URL), or its own `name` and `url`.
    fn list_item(&self, list_item: &LdNode) -> Option<Summary> {
        match &list_item.item {
            Some(Reference::Node(node)) => self.summary(self.resolve(node)),
            Some(Reference::Url(url)) => Some(Summary {
                title: text(list_item.name.clone()).unwrap_or_else(|| url.clone()),
                url: check_url(url, UrlUse::Link),
                ..Summary::default()
            }),
            None => Some(Summary {
                title: text(list_item.name.clone())?,
                url: list_item
                    .first_url()
                    .and_then(|u| check_url(u, UrlUse::Link)),
                ..Summary::default()
            }),
        }
    }

    fn images(&self, node: &LdNode) -> Vec<Image> {
        let mut images: Vec<Image> = match &node.image {
            Some(list) => {
                let refs: Vec<&ImageRef> = match list {
                    OneOrMany::One(one) => vec![one],
                    OneOrMany::Many(many) => many.iter().collect(),
                };
                refs.into_iter()
                    .filter_map(|image| match image {
                        ImageRef::Url(url) => Some(Image {
                            src: check_url(url, UrlUse::Image)?,
                            ..Image::default()
                        }),
                        ImageRef::Node(image) => image_object(self.resolve(image)),
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        if images.is_empty() {
            images.extend(
                node.thumbnail_url
                    .as_deref()
                    .and_then(|u| check_url(u, UrlUse::Image))
                    .map(|src| Image {
                        src,
                        ..Image::default()
                    }),
            );
        }
        images
    }

    fn people(&self, node: &LdNode) -> Vec<Person> {
        let Some(authors) = &node.author else {
            return Vec::new();
        };
        let refs: Vec<&PersonRef> = match authors {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many.iter().collect(),
        };
        refs.into_iter()
            .filter_map(|author| match author {
                PersonRef::Name(name) => Some(Person {
                    name: text(Some(name.clone()))?,
                    role: Role::Author,
                    url: None,
                }),
                PersonRef::Node(person) => {
                    let person = self.resolve(person);
                    Some(Person {
                        name: text(person.name.clone())?,
                        role: Role::Author,
                        url: person.first_url().and_then(|u| check_url(u, UrlUse::Link)),
                    })
                }
            })
            .collect()
    }
}

fn image_object(node: &LdNode) -> Option<Image> {
    let src = node
        .content_url
        .as_deref()
        .or_else(|| node.first_url())
        .and_then(|u| check_url(u, UrlUse::Image))?;
    Some(Image {
        src,
        alt: node
            .name
            .clone()
            .or_else(|| node.description.clone())
            .unwrap_or_default(),
        caption: text(node.caption.clone()),
        credit: text(node.credit_text.clone()),
        width: node.width.as_ref().and_then(Dimension::pixels),
        height: node.height.as_ref().and_then(Dimension::pixels),
        srcset: Vec::new(),
    })
}
