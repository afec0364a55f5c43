//! The article view: headline, date, lead, body, credit and "other news".

use super::list::render_items;
use super::{Element, Node, ViewOptions};
use crate::model::{Article, Block, Image, Person, Role};

/// Renders a whole article as one `<article part="article">`.
pub fn render_article(article: &Article, options: &ViewOptions) -> Vec<Node> {
    let labels = options.lang.labels();
    let mut root = Element::new("article").part("article");
    if let Some(language) = &article.language {
        root = root.attr("lang", language.as_str());
    }
    root = root.child(
        Element::new("h1")
            .part("headline")
            .text(article.title.as_str()),
    );
    if let Some(published) = &article.published {
        root = root.child(options.date(published, "date"));
    }
    if let Some(summary) = &article.summary {
        root = root.child(Element::new("p").part("lead").text(summary.as_str()));
    }
    if let Some(image) = &article.image {
        let shown_in_body = article
            .body
            .iter()
            .any(|block| matches!(block, Block::Image(i) if i.src == image.src));
        if !shown_in_body {
            root = root.child(figure(image));
        }
    }

    let mut body = Element::new("div")
        .part("body")
        .children(article.body.iter().filter_map(block));
    if body.children.is_empty() {
        if let Some(url) = &article.url {
            body = body.child(
                Element::new("p").child(
                    Element::new("a")
                        .attr("href", url.as_str())
                        .text(labels.read_more),
                ),
            );
        }
    }
    root = root.child(body);

    if let Some(credit) = credit_line(&article.authors, labels.photo) {
        root = root.child(Element::new("p").part("credit").text(credit));
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

fn block(block: &Block) -> Option<Node> {
    let element = match block {
        Block::Paragraph(text) => Element::new("p").text(text.as_str()),
        Block::Heading { level, text } => Element::new(heading_tag(*level)).text(text.as_str()),
        Block::Image(image) => figure(image),
        Block::Quote { text, cite } => {
            let mut quote = Element::new("blockquote");
            if let Some(cite) = cite {
                quote = quote.attr("cite", cite.as_str());
            }
            quote.child(Element::new("p").text(text.as_str()))
        }
        Block::List { ordered, items } => Element::new(if *ordered { "ol" } else { "ul" })
            .children(
                items
                    .iter()
                    .map(|item| Element::new("li").text(item.as_str()).into()),
            ),
        // Reaches the view only where no sanitizer ran (see `web::html_body`): shown as nothing
        // rather than as markup.
        Block::Html(_) => return None,
    };
    Some(element.into())
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
pub(super) fn image_element(image: &Image, part: &'static str) -> Element {
    let mut img = Element::new("img")
        .part(part)
        .attr("src", image.src.as_str())
        .attr("alt", image.alt.as_str())
        .attr("loading", "lazy")
        .attr("decoding", "async");
    if let (Some(width), Some(height)) = (image.width, image.height) {
        img = img
            .attr("width", width.to_string())
            .attr("height", height.to_string());
    }
    img
}

/// "Ngọc Triều, Ảnh Huỳnh Sang": the authors, then the photographers after the photo label.
fn credit_line(people: &[Person], photo_label: &str) -> Option<String> {
    let names = |role: Role| {
        people
            .iter()
            .filter(|p| p.role == role)
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let authors = names(Role::Author);
    let photographers = names(Role::Photo);
    match (authors.is_empty(), photographers.is_empty()) {
        (true, true) => None,
        (false, true) => Some(authors),
        (true, false) => Some(format!("{photo_label} {photographers}")),
        (false, false) => Some(format!("{authors}, {photo_label} {photographers}")),
    }
}
