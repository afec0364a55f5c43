//! The article view: headline, date, lead, body, credit and "other news".

use super::list::render_items;
use super::{Element, Node, ViewOptions};
use crate::html_text::html_to_paragraphs;
use crate::i18n::Labels;
use crate::model::{Article, Block, Image, Person, Role};

/// How wide an article image is shown: the column's width, at most 720 px.
const IMAGE_SIZES: &str = "(max-width: 720px) 100vw, 720px";

/// Renders a whole article as one `<article part="article">`.
pub fn render_article(article: &Article, options: &ViewOptions) -> Vec<Node> {
    let labels = options.lang.labels();
    let mut root = Element::new("article").part("article");
    // A Vietnamese article on an Arabic page reads left to right, and an Arabic one on any
    // page right to left.
    if let Some(language) = &article.language {
        root = root
            .attr("lang", language.clone())
            .attr("dir", crate::i18n::direction(language));
    }
    root = root.child(
        Element::new("h1")
            .part("headline")
            .text(shown_title(&article.title, options)),
    );
    if let Some(published) = &article.published {
        root = root.child(options.date(published, "date"));
    }
    // Shown when it says something: a change at least a minute after publication.
    let updated = article.updated.as_ref().filter(|updated| {
        article
            .published
            .as_ref()
            .is_none_or(|p| updated.epoch_ms - p.epoch_ms >= 60_000)
    });
    if let Some(updated) = updated {
        root = root.child(
            Element::new("p")
                .part("updated")
                .text(labels.updated)
                .text(" ")
                .child(options.date(updated, "updated-date")),
        );
    }
    if let Some(summary) = &article.summary {
        root = root.child(Element::new("p").part("lead").text(summary.as_str()));
    }
    if let Some(image) = &article.image {
        if !body_shows(&article.body, image) {
            root = root.child(figure(image));
        }
    }

    let mut body = Element::new("div")
        .part("body")
        .children(article.body.iter().flat_map(|b| block(b, options)));
    if body.children.is_empty() {
        if let Some(url) = &article.url {
            body = body.child(
                Element::new("p").child(options.link(url).part("read-more").text(labels.read_more)),
            );
        }
    }
    root = root.child(body);

    if let Some(credit) = credit_line(&article.authors, labels) {
        root = root.child(Element::new("p").part("credit").text(credit));
    }
    if !article.tags.is_empty() {
        root = root.child(
            Element::new("ul")
                .part("tags")
                .attr("aria-label", labels.tags)
                .children(
                    article
                        .tags
                        .iter()
                        .map(|tag| Element::new("li").text(tag.as_str()).into()),
                ),
        );
    }

    if !article.other_news.is_empty() {
        let items = render_items(&article.other_news, options, "h3", false);
        root = root.child(
            Element::new("nav")
                .part("other-news")
                .attr("aria-label", labels.other_news)
                .child(Element::new("h2").text(labels.other_news))
                .child(Element::new("ul").children(items)),
        );
    }
    vec![root.into()]
}

fn block(block: &Block, options: &ViewOptions) -> Vec<Node> {
    let element = match block {
        Block::Paragraph(text) => Element::new("p").text(text.as_str()),
        Block::Heading { level, text } => Element::new(heading_tag(*level)).text(text.as_str()),
        Block::Image(image) => figure(image),
        Block::Quote { text, cite } => {
            let mut quote = Element::new("blockquote");
            if let Some(cite) = cite {
                quote = quote.attr("cite", cite.clone());
            }
            quote.child(Element::new("p").text(text.as_str()))
        }
        Block::List { ordered, items } => Element::new(if *ordered { "ol" } else { "ul" })
            .children(
                items
                    .iter()
                    .map(|item| Element::new("li").text(item.as_str()).into()),
            ),
        Block::Markup(nodes) => {
            return nodes.iter().map(|n| with_link_target(n, options)).collect()
        }
        // Where no browser rebuilt the markup (server-side rendering): its text, as paragraphs.
        Block::Html(html) => {
            return html_to_paragraphs(html)
                .into_iter()
                .map(|text| Element::new("p").text(text).into())
                .collect()
        }
    };
    vec![element.into()]
}

/// Sanitized markup as shown: links get the host's `link-target`.
fn with_link_target(node: &Node, options: &ViewOptions) -> Node {
    match node {
        Node::Text(_) => node.clone(),
        Node::Element(element) => {
            let mut copy = Element {
                tag: element.tag,
                attrs: element.attrs.clone(),
                children: element
                    .children
                    .iter()
                    .map(|child| with_link_target(child, options))
                    .collect(),
            };
            if copy.tag == "a" {
                copy = options.markup_link(copy);
            }
            copy.into()
        }
    }
}

/// The headline as shown: a post with no words at all (a photo) is named "Untitled".
pub(super) fn shown_title<'a>(title: &'a str, options: &ViewOptions) -> &'a str {
    if title.is_empty() {
        options.lang.labels().untitled
    } else {
        title
    }
}

/// Whether the body already shows the lead image: the same picture anywhere in it, or a
/// body that opens with a picture (sources often put the featured image there in another size).
fn body_shows(body: &[Block], lead: &Image) -> bool {
    fn markup_has(nodes: &[Node], src: &str) -> bool {
        nodes.iter().any(|node| match node {
            Node::Element(e) => {
                (e.tag == "img" && e.get_attr("src") == Some(src))
                    || e.get_attr("srcset").is_some_and(|set| {
                        crate::sanitize::srcset_candidates(set)
                            .iter()
                            .any(|(url, _)| *url == src)
                    })
                    || markup_has(&e.children, src)
            }
            Node::Text(_) => false,
        })
    }
    fn opens_with_picture(nodes: &[Node]) -> bool {
        let first = nodes.iter().find(|n| match n {
            Node::Text(text) => !text.trim().is_empty(),
            Node::Element(_) => true,
        });
        match first {
            Some(Node::Element(e)) => {
                matches!(e.tag, "img" | "figure" | "picture") || opens_with_picture(&e.children)
            }
            _ => false,
        }
    }
    let same_picture = body.iter().any(|block| match block {
        Block::Image(image) => image.src == lead.src,
        Block::Markup(nodes) => markup_has(nodes, &lead.src),
        _ => false,
    });
    let opens_with = match body.first() {
        Some(Block::Image(_)) => true,
        Some(Block::Markup(nodes)) => opens_with_picture(nodes),
        _ => false,
    };
    same_picture || opens_with
}

fn heading_tag(level: u8) -> &'static str {
    match level {
        0..=2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}

/// A figure with its image and caption; also used for the lead image.
pub(super) fn figure(image: &Image) -> Element {
    let mut figure = Element::new("figure")
        .part("figure")
        .child(image_element(image, "image"));
    if image.caption.is_some() || image.credit.is_some() {
        let mut caption = Element::new("figcaption").part("caption");
        if let Some(text) = &image.caption {
            caption = caption.text(text.as_str());
        }
        if let Some(credit) = &image.credit {
            if image.caption.is_some() {
                caption = caption.text(" ");
            }
            caption = caption.child(Element::new("small").text(credit.as_str()));
        }
        figure = figure.child(caption);
    }
    figure
}

/// An `<img>` that does not load before it is needed and does not shift the layout.
/// `loading` comes before `src`: attributes are set in order, and an image whose `src` is
/// set while it is not yet lazy starts loading at once.
pub(super) fn image_element(image: &Image, part: &'static str) -> Element {
    let mut img = Element::new("img")
        .part(part)
        .attr("loading", "lazy")
        .attr("decoding", "async")
        .attr("src", image.src.clone())
        .attr("alt", image.alt.clone());
    if let (Some(width), Some(height)) = (image.width, image.height) {
        img = img
            .attr("width", width.to_string())
            .attr("height", height.to_string());
    }
    if !image.srcset.is_empty() {
        let srcset = image
            .srcset
            .iter()
            .map(|c| c.src.clone() + " " + &c.descriptor)
            .collect::<Vec<_>>()
            .join(", ");
        img = img.attr("srcset", srcset).attr("sizes", IMAGE_SIZES);
    }
    img
}

/// "Ngọc Triều, Ảnh Huỳnh Sang": the authors, then the photographers after the photo label.
fn credit_line(people: &[Person], labels: &Labels) -> Option<String> {
    let names = |role: Role| {
        let mut names = String::new();
        for person in people.iter().filter(|p| p.role == role) {
            if !names.is_empty() {
                names.push_str(", ");
            }
            names.push_str(&person.name);
        }
        names
    };
    let authors = names(Role::Author);
    let photographers = names(Role::Photo);
    match (authors.is_empty(), photographers.is_empty()) {
        (true, true) => None,
        (false, true) => Some(authors),
        (true, false) => Some(format!("{} {photographers}", labels.photo)),
        (false, false) => Some(format!(
            "{authors}, {} {photographers}",
            labels.photo_after_authors
        )),
    }
}
