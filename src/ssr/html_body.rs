//! HTML bodies made safe without a browser: parsed by html5ever (the HTML standard's
//! parsing algorithm, the one `DOMParser` runs), walked into the same stream `walkHtml` in
//! `shim.js` produces, and rebuilt from the allowlist by [`rebuild_markup`](crate::sanitize::rebuild_markup). Same parse, same
//! walk, same policy: the server's markup is the browser's.

use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use crate::model::Article;
use crate::sanitize::MAX_DEPTH;

const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Replaces every [`Block::Html`](crate::model::Block::Html) of `article` with its sanitized
/// markup.
pub fn sanitize_article(article: &mut Article) {
    crate::sanitize::sanitize_article(article, &|html| Some(walk_html(html, MAX_DEPTH)));
}

/// The `<body>` of `html` parsed as a document, as a stream of its HTML elements,
/// attributes and texts (see `walkHtml`). Below `max_depth` an element gives its text only.
pub fn walk_html(html: &str, max_depth: usize) -> String {
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(html);
    let mut tokens = Vec::new();
    if let Some(body) = find_body(&dom.document) {
        walk(&body, 0, max_depth, &mut tokens);
    }
    tokens.join("\0")
}

/// `document.body`: the `<body>` child of the `<html>` element.
fn find_body(document: &Handle) -> Option<Handle> {
    let html = document
        .children
        .borrow()
        .iter()
        .find(|n| is_html_element(n, "html"))
        .cloned()?;
    let body = html
        .children
        .borrow()
        .iter()
        .find(|n| is_html_element(n, "body"))
        .cloned();
    body
}

fn is_html_element(node: &Handle, tag: &str) -> bool {
    matches!(&node.data, NodeData::Element { name, .. }
        if &*name.ns == XHTML && &*name.local == tag)
}

fn walk(parent: &Handle, depth: usize, max_depth: usize, out: &mut Vec<String>) {
    for node in parent.children.borrow().iter() {
        match &node.data {
            NodeData::Text { contents } => out.push(text_token(&contents.borrow())),
            NodeData::Element { name, attrs, .. } if &*name.ns == XHTML => {
                out.push("<".to_owned() + &*name.local);
                for attr in attrs.borrow().iter().filter(|a| a.name.ns.is_empty()) {
                    out.push("=".to_owned() + &*attr.name.local);
                    out.push(clean(&attr.value));
                }
                if depth < max_depth {
                    walk(node, depth + 1, max_depth, out);
                } else {
                    let mut text = String::new();
                    text_content(node, &mut text);
                    out.push(text_token(&text));
                }
                out.push(">".to_owned());
            }
            _ => {}
        }
    }
}

fn text_token(text: &str) -> String {
    "#".to_owned() + &clean(text)
}

/// The stream separates tokens with U+0000; the HTML parser leaves none in the DOM either.
fn clean(text: &str) -> String {
    text.replace('\0', "\u{fffd}")
}

/// `Node.textContent`: the text of every descendant text node, in order.
fn text_content(node: &Handle, out: &mut String) {
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { .. } => text_content(child, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::to_html;
    use crate::sanitize::rebuild_markup;

    fn markup(html: &str) -> String {
        to_html(&rebuild_markup(&walk_html(html, MAX_DEPTH)))
    }

    #[test]
    fn parses_as_a_browser_does_implied_ends_and_all() {
        assert_eq!(
            markup("<p>Một<p>Hai <b>đậm</i> x"),
            "<p>Một</p><p>Hai <b>đậm x</b></p>"
        );
    }

    #[test]
    fn drops_scripts_handlers_and_bad_urls() {
        assert_eq!(
            markup(
                r#"<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a></p>"#
            ),
            "<p>ab</p>"
        );
    }

    #[test]
    fn head_elements_leave_the_body_as_in_the_browser() {
        assert_eq!(
            markup("<meta charset=utf-8><title>t</title><p>x</p>"),
            "<p>x</p>"
        );
    }

    #[test]
    fn deep_nesting_keeps_the_text_below_the_limit() {
        let deep = "<div>".repeat(MAX_DEPTH + 20) + "sâu" + &"</div>".repeat(MAX_DEPTH + 20);
        assert!(markup(&deep).contains("sâu"));
    }
}
