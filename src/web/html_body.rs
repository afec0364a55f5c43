//! HTML bodies (`body_html`) → body blocks, parsed inertly by the browser's `DOMParser`:
//! nothing in the parsed document runs or loads, and only text and checked image URLs are
//! taken out of it. Block structure (paragraphs, headings, figures, quotes, lists) is kept.

use wasm_bindgen::JsCast;
use web_sys::{DomParser, Element, Node, SupportedType};

use crate::model::{Block, Document, Image};
use crate::sanitize::{check_url, UrlUse};

/// Replaces every [`Block::Html`] in an article with the blocks its markup holds.
pub fn expand_html_blocks(document: &mut Document) {
    let Document::Article(article) = document else {
        return;
    };
    if !article.body.iter().any(|b| matches!(b, Block::Html(_))) {
        return;
    }
    let mut body = Vec::with_capacity(article.body.len());
    for block in std::mem::take(&mut article.body) {
        match block {
            Block::Html(html) => blocks_from_html(&html, &mut body),
            other => body.push(other),
        }
    }
    article.body = body;
}

fn blocks_from_html(html: &str, out: &mut Vec<Block>) {
    let Ok(parser) = DomParser::new() else {
        return;
    };
    // Refused where Trusted Types are enforced; the body is then left out rather than
    // shown as markup.
    let Ok(parsed) = parser.parse_from_string(html, SupportedType::TextHtml) else {
        return;
    };
    if let Some(body) = parsed.body() {
        collect(&body, out);
    }
}

/// Walks the children of `parent`, turning each into blocks.
fn collect(parent: &Node, out: &mut Vec<Block>) {
    let children = parent.child_nodes();
    for index in 0..children.length() {
        let Some(node) = children.item(index) else {
            continue;
        };
        match node.dyn_ref::<Element>() {
            None => {
                if node.node_type() == Node::TEXT_NODE {
                    push_paragraph(node.text_content(), out);
                }
            }
            Some(element) => element_blocks(element, out),
        }
    }
}

fn element_blocks(element: &Element, out: &mut Vec<Block>) {
    let tag = element.local_name();
    match tag.as_str() {
        "script" | "style" | "template" | "noscript" | "iframe" | "object" | "embed" | "svg"
        | "math" | "form" | "button" | "select" | "textarea" | "input" | "head" | "link"
        | "meta" | "title" => {}
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            if let Some(text) = clean_text(element.text_content()) {
                let level = tag.as_bytes().get(1).map_or(2, |digit| digit - b'0');
                out.push(Block::Heading {
                    level: level.max(2),
                    text,
                });
            }
        }
        "figure" => {
            let caption = element
                .query_selector("figcaption")
                .ok()
                .flatten()
                .and_then(|c| clean_text(c.text_content()));
            match element
                .query_selector("img")
                .ok()
                .flatten()
                .and_then(|img| image(&img))
            {
                Some(mut image) => {
                    image.caption = caption;
                    out.push(Block::Image(image));
                }
                None => {
                    if let Some(text) = caption {
                        out.push(Block::Paragraph(text));
                    }
                }
            }
        }
        "img" => out.extend(image(element).map(Block::Image)),
        "blockquote" => {
            if let Some(text) = clean_text(element.text_content()) {
                let cite = element
                    .get_attribute("cite")
                    .and_then(|c| check_url(&c, UrlUse::Link));
                out.push(Block::Quote { text, cite });
            }
        }
        "ul" | "ol" => {
            let items = element.children();
            let items: Vec<String> = (0..items.length())
                .filter_map(|i| items.item(i))
                .filter(|li| li.local_name() == "li")
                .filter_map(|li| clean_text(li.text_content()))
                .collect();
            if !items.is_empty() {
                out.push(Block::List {
                    ordered: tag == "ol",
                    items,
                });
            }
        }
        "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "body" => {
            collect(element, out)
        }
        _ => {
            let has_image = element.query_selector("img").ok().flatten().is_some();
            let has_blocks = element
                .query_selector("p, figure, h2, h3, h4, ul, ol, blockquote")
                .ok()
                .flatten()
                .is_some();
            if has_image || has_blocks {
                collect(element, out);
            } else {
                push_paragraph(element.text_content(), out);
            }
        }
    }
}

fn image(img: &Element) -> Option<Image> {
    let dimension = |name| {
        img.get_attribute(name)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .filter(|v| *v > 0)
    };
    Some(Image {
        src: check_url(&img.get_attribute("src")?, UrlUse::Image)?,
        alt: img.get_attribute("alt").unwrap_or_default(),
        width: dimension("width"),
        height: dimension("height"),
        ..Image::default()
    })
}

fn push_paragraph(text: Option<String>, out: &mut Vec<Block>) {
    if let Some(text) = clean_text(text) {
        out.push(Block::Paragraph(text));
    }
}

/// Text with runs of white space folded, as the browser would show it; `None` if blank.
fn clean_text(text: Option<String>) -> Option<String> {
    let text = text?;
    let folded = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
    (!folded.is_empty()).then_some(folded)
}
