//! HTML bodies (`body_html`, JSON Feed `content_html`, WordPress `content.rendered`) made
//! safe: parsed inertly by the browser's `DOMParser` (nothing in the parsed document runs or
//! loads), then rebuilt node by node from the allowlist of [`crate::sanitize`] into
//! [`Block::Markup`]. Nothing from the source is ever given to `innerHTML`.
//!
//! Pages that enforce Trusted Types only let `DOMParser` take a `TrustedHTML`: the widget
//! asks for a policy named `news-embed` (used for nothing but this inert parse). Where the
//! page allows no such policy, bodies are shown as plain paragraphs of their text.

use std::cell::RefCell;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document as DomDocument, Element as DomElement, Node as DomNode};

use crate::html_text::html_to_paragraphs;
use crate::model::{Article, Block};
use crate::node::{Element, Node};
use crate::sanitize::{attribute, tag_rule, TagRule, MAX_DEPTH};

#[wasm_bindgen]
extern "C" {
    /// The browser's `DOMParser`, bound here so that `parseFromString` can take a
    /// `TrustedHTML` as well as a string.
    #[wasm_bindgen(js_name = DOMParser)]
    type InertParser;

    #[wasm_bindgen(catch, constructor, js_class = "DOMParser")]
    fn new() -> Result<InertParser, JsValue>;

    /// Throws where Trusted Types refuse a plain string.
    #[wasm_bindgen(catch, method, js_class = "DOMParser", js_name = parseFromString)]
    fn parse(this: &InertParser, html: &JsValue, mime: &str) -> Result<DomDocument, JsValue>;
}

// The parsed document is hostile: a form's named controls shadow its DOM properties
// (`<form><input name=nextSibling>` makes `form.nextSibling` that input) and, in Firefox,
// named images and forms shadow `document.body`. So the walk reads every property with the
// getter of the prototype that defines it (`final`), never by looking it up on the node.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Document)]
    type RawDocument;
    #[wasm_bindgen(method, getter, final, js_class = "Document", js_name = body)]
    fn body(this: &RawDocument) -> Option<DomElement>;

    #[wasm_bindgen(js_name = Node)]
    type RawNode;
    #[wasm_bindgen(method, getter, final, js_class = "Node", js_name = nodeType)]
    fn node_type(this: &RawNode) -> u16;
    #[wasm_bindgen(method, getter, final, js_class = "Node", js_name = nodeValue)]
    fn node_value(this: &RawNode) -> Option<String>;
    #[wasm_bindgen(method, getter, final, js_class = "Node", js_name = textContent)]
    fn text_content(this: &RawNode) -> Option<String>;
    #[wasm_bindgen(method, getter, final, js_class = "Node", js_name = firstChild)]
    fn first_child(this: &RawNode) -> Option<DomNode>;
    #[wasm_bindgen(method, getter, final, js_class = "Node", js_name = nextSibling)]
    fn next_sibling(this: &RawNode) -> Option<DomNode>;

    #[wasm_bindgen(js_name = Element)]
    type RawElement;
    #[wasm_bindgen(method, getter, final, js_class = "Element", js_name = localName)]
    fn local_name(this: &RawElement) -> String;
    #[wasm_bindgen(method, getter, final, js_class = "Element", js_name = namespaceURI)]
    fn namespace_uri(this: &RawElement) -> Option<String>;
    #[wasm_bindgen(method, getter, final, js_class = "Element", js_name = attributes)]
    fn attributes(this: &RawElement) -> web_sys::NamedNodeMap;
}

fn raw_node(node: &DomNode) -> &RawNode {
    node.unchecked_ref()
}

fn raw_element(element: &DomElement) -> &RawElement {
    element.unchecked_ref()
}

const XHTML: &str = "http://www.w3.org/1999/xhtml";
const POLICY_NAME: &str = "news-embed";

/// One parser per page, with the Trusted Types policy it may use.
struct HtmlParser {
    parser: InertParser,
    /// `policy.createHTML`, when the page has Trusted Types and allows our policy.
    create_html: Option<(JsValue, Function)>,
    /// The page refused a parse once: it enforces Trusted Types without allowing us, so
    /// asking again would only file another violation report.
    refused: std::cell::Cell<bool>,
}

thread_local! {
    static PARSER: RefCell<Option<Option<HtmlParser>>> = const { RefCell::new(None) };
}

impl HtmlParser {
    fn new() -> Option<HtmlParser> {
        Some(HtmlParser {
            parser: InertParser::new().ok()?,
            create_html: trusted_types_policy(),
            refused: std::cell::Cell::new(false),
        })
    }

    fn parse(&self, html: &str) -> Option<DomDocument> {
        if self.refused.get() {
            return None;
        }
        let input = match &self.create_html {
            Some((policy, create)) => create.call1(policy, &JsValue::from_str(html)).ok()?,
            None => JsValue::from_str(html),
        };
        let parsed = self.parser.parse(&input, "text/html").ok();
        self.refused.set(parsed.is_none());
        parsed
    }
}

/// Creates the `news-embed` policy where the page has Trusted Types; `None` where it has
/// none (plain strings are fine) or refuses the policy.
fn trusted_types_policy() -> Option<(JsValue, Function)> {
    let window = web_sys::window()?;
    let factory = Reflect::get(&window, &JsValue::from_str("trustedTypes")).ok()?;
    let create_policy: Function = Reflect::get(&factory, &JsValue::from_str("createPolicy"))
        .ok()?
        .dyn_into()
        .ok()?;
    // The identity: the parsed document is inert and only its allowed parts are rebuilt.
    // (A Rust closure, not `new Function`, which a strict CSP would refuse as eval.)
    let identity = Closure::<dyn Fn(String) -> String>::new(|html: String| html);
    let rules = Object::new();
    Reflect::set(&rules, &JsValue::from_str("createHTML"), identity.as_ref()).ok()?;
    // Lives as long as the policy: the page's.
    identity.forget();
    let policy = create_policy
        .call2(&factory, &JsValue::from_str(POLICY_NAME), &rules)
        .ok()?;
    let create_html: Function = Reflect::get(&policy, &JsValue::from_str("createHTML"))
        .ok()?
        .dyn_into()
        .ok()?;
    Some((policy, create_html))
}

/// Replaces every [`Block::Html`] of `article` with its sanitized markup.
pub fn sanitize_article(article: &mut Article) {
    if !article.body.iter().any(|b| matches!(b, Block::Html(_))) {
        return;
    }
    let mut body = Vec::with_capacity(article.body.len());
    for block in std::mem::take(&mut article.body) {
        match block {
            Block::Html(html) => sanitize_html(&html, &mut body),
            other => body.push(other),
        }
    }
    article.body = body;
}

fn sanitize_html(html: &str, out: &mut Vec<Block>) {
    let parsed = PARSER.with(|cell| {
        let mut cell = cell.borrow_mut();
        cell.get_or_insert_with(HtmlParser::new)
            .as_ref()
            .and_then(|parser| parser.parse(html))
    });
    match parsed.and_then(|document| document.unchecked_ref::<RawDocument>().body()) {
        Some(body) => {
            let nodes = rebuild_children(&body, 0);
            if !nodes.is_empty() {
                out.push(Block::Markup(nodes));
            }
        }
        // No usable parser: the text, as paragraphs.
        None => out.extend(html_to_paragraphs(html).into_iter().map(Block::Paragraph)),
    }
}

/// The allowed rebuild of `parent`'s children.
fn rebuild_children(parent: &DomNode, depth: usize) -> Vec<Node> {
    let mut out = Vec::new();
    let mut child = raw_node(parent).first_child();
    while let Some(node) = child {
        rebuild(&node, depth, &mut out);
        child = raw_node(&node).next_sibling();
    }
    out
}

fn rebuild(node: &DomNode, depth: usize, out: &mut Vec<Node>) {
    if raw_node(node).node_type() == DomNode::TEXT_NODE {
        if let Some(text) = raw_node(node).node_value() {
            out.push(Node::Text(text));
        }
        return;
    }
    let Some(element) = node.dyn_ref::<DomElement>() else {
        // Comments, processing instructions: nothing a reader sees.
        return;
    };
    if raw_element(element).namespace_uri().as_deref() != Some(XHTML) {
        return;
    }
    let rule = tag_rule(&raw_element(element).local_name());
    if depth >= MAX_DEPTH && rule != TagRule::Drop {
        // Nested beyond reason: keep the words, not the structure.
        if let Some(text) = raw_node(element)
            .text_content()
            .filter(|t| !t.trim().is_empty())
        {
            out.push(Node::Text(text));
        }
        return;
    }
    match rule {
        TagRule::Drop => {}
        TagRule::Unwrap => out.extend(rebuild_children(element, depth + 1)),
        TagRule::Keep(tag) => match rebuild_element(element, tag, depth) {
            Some(rebuilt) => out.push(rebuilt.into()),
            // A link whose URL did not survive is its text; an image without one is nothing.
            None if tag == "a" => out.extend(rebuild_children(element, depth + 1)),
            None => {}
        },
    }
}

fn rebuild_element(source: &DomElement, tag: &'static str, depth: usize) -> Option<Element> {
    let mut element = Element::new(tag);
    let attributes = raw_element(source).attributes();
    for index in 0..attributes.length() {
        let Some(attr) = attributes.item(index) else {
            continue;
        };
        if attr.namespace_uri().is_some() {
            continue;
        }
        let name = attr.local_name().to_ascii_lowercase();
        if let Some(kept) = attribute(tag, &name, &attr.value()) {
            if element.get_attr(kept.0).is_none() {
                element.attrs.push(kept);
            }
        }
    }
    match tag {
        "a" => {
            element.get_attr("href")?;
        }
        "img" => {
            element.get_attr("src")?;
            if element.get_attr("alt").is_none() {
                element = element.attr("alt", "");
            }
            element = element
                .part("image")
                .attr("loading", "lazy")
                .attr("decoding", "async");
        }
        "figure" => element = element.part("figure"),
        "figcaption" => element = element.part("caption"),
        _ => {}
    }
    element.children = rebuild_children(source, depth + 1);
    Some(element)
}
