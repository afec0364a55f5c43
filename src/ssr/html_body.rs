//! HTML bodies made safe without a browser: parsed by html5ever (the HTML standard's
//! parsing algorithm, the one `DOMParser` runs), walked into the same stream `walkHtml` in
//! `shim.js` produces, and rebuilt from the allowlist by [`rebuild_markup`](crate::sanitize::rebuild_markup). Same parse, same
//! walk, same policy: the server's markup is the browser's.

use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use crate::model::Article;

const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Replaces every [`Block::Html`](crate::model::Block::Html) of `article` with its sanitized
/// markup.
pub fn sanitize_article(article: &mut Article) {
    crate::sanitize::sanitize_article(article, &|html| Some(walk_html(html)));
}

/// `html` parsed as a document the way `DOMParser` parses it: with scripting off, so that
/// `<noscript>` holds elements, not text (html5ever's default is on, a browsing context's).
fn parse(html: &str) -> RcDom {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..TreeBuilderOpts::default()
        },
        ..ParseOpts::default()
    };
    parse_document(RcDom::default(), opts).one(html)
}

/// The `<body>` of `html` parsed as a document, as a stream of its HTML elements,
/// attributes and texts (see `walkHtml`), at any depth: a loop, not a recursion.
pub fn walk_html(html: &str) -> String {
    // With a doctype, as `walkHtml` parses it: no quirks.
    let dom = parse(&("<!doctype html>".to_owned() + html));
    let mut out = Vec::new();
    let Some(body) = find_body(&dom.document) else {
        return String::new();
    };
    let mut open = vec![children(&body)];
    while let Some(siblings) = open.last_mut() {
        let Some(node) = siblings.next() else {
            open.pop();
            if !open.is_empty() {
                out.push(">".to_owned());
            }
            continue;
        };
        match &node.data {
            NodeData::Text { contents } => out.push(text_token(&contents.borrow())),
            NodeData::Element { name, attrs, .. } if &*name.ns == XHTML => {
                out.push("<".to_owned() + &*name.local);
                for attr in attrs.borrow().iter().filter(|a| a.name.ns.is_empty()) {
                    out.push("=".to_owned() + &*attr.name.local);
                    out.push(clean(&attr.value));
                }
                open.push(children(&node));
            }
            _ => {}
        }
    }
    out.join("\0")
}

/// `text` with its character references decoded by html5ever, which knows every named one
/// the HTML standard does; tags stay as written (`<` is escaped first), as `decodeReferences` in
/// `shim.js` does it.
pub fn decode_text(text: &str) -> String {
    let dom = parse(&("<body>".to_owned() + &text.replace('<', "&lt;")));
    let mut decoded = String::new();
    if let Some(body) = find_body(&dom.document) {
        for node in body.children.borrow().iter() {
            if let NodeData::Text { contents } = &node.data {
                decoded.push_str(&contents.borrow());
            }
        }
    }
    decoded
}

fn children(node: &Handle) -> std::vec::IntoIter<Handle> {
    node.children.borrow().clone().into_iter()
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

fn text_token(text: &str) -> String {
    "#".to_owned() + &clean(text)
}

/// The stream separates tokens with U+0000; the HTML parser leaves none in the DOM either.
fn clean(text: &str) -> String {
    text.replace('\0', "\u{fffd}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::to_html;
    use crate::sanitize::{rebuild_markup, MAX_DEPTH};

    fn markup(html: &str) -> String {
        to_html(&rebuild_markup(&walk_html(html)))
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

    #[test]
    fn rebuilds_what_the_browser_rebuilds_scripting_off_any_depth_odd_tag_names() {
        for (html, want) in crate::sanitize::renderer_cases() {
            assert_eq!(markup(&html), want, "{html:?}");
        }
    }

    #[test]
    fn rebuilt_markup_parses_back_to_itself() {
        for (html, _) in crate::sanitize::renderer_cases() {
            let once = "x".to_owned() + &markup(&html);
            assert_eq!(markup(&once), once, "{html:?}");
        }
    }

    #[test]
    fn decodes_every_named_character_reference_once() {
        assert_eq!(
            decode_text("Caf&eacute; &amp;amp; &#8217; &Zopf; <b>x</b> &unknown;"),
            "Café &amp; ’ \u{2124} <b>x</b> &unknown;"
        );
    }
}
