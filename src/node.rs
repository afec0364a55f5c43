//! A small tree of nodes: tag, attributes, children, text. It is the shape of every view and
//! of sanitized HTML bodies. Tags and attribute names are `&'static str`, so data can only
//! ever become text or attribute values, never a tag or an attribute of its choosing.
//!
//! Trees cross the boundary to the browser as one flat string (see [`to_stream`]): one call
//! and one string copy per render, where building node by node cost a call per node,
//! attribute and text. The browser's HTML walk answers in the same form ([`read_stream`]).

use std::borrow::Cow;

/// One node of the view tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn new(tag: &'static str) -> Element {
        Element {
            tag,
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Element {
        self.attrs.push((name, value.into()));
        self
    }

    pub fn part(self, name: &'static str) -> Element {
        self.attr("part", name)
    }

    pub fn child(mut self, node: impl Into<Node>) -> Element {
        self.children.push(node.into());
        self
    }

    pub fn text(self, text: impl Into<String>) -> Element {
        self.child(Node::Text(text.into()))
    }

    pub fn children(mut self, nodes: impl IntoIterator<Item = Node>) -> Element {
        self.children.extend(nodes);
        self
    }

    /// The value of an attribute, for tests and renderers.
    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl From<Element> for Node {
    fn from(element: Element) -> Node {
        Node::Element(element)
    }
}

impl Node {
    /// All text below this node, in document order.
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        match self {
            Node::Text(text) => out.push_str(text),
            Node::Element(element) => {
                for child in &element.children {
                    child.collect_text(out);
                }
            }
        }
    }

    /// Every element below and including this node whose `part` list contains `part`.
    pub fn find_parts<'a>(&'a self, part: &str) -> Vec<&'a Element> {
        let mut found = Vec::new();
        self.walk(&mut |element| {
            let in_part = element
                .get_attr("part")
                .is_some_and(|parts| parts.split_ascii_whitespace().any(|p| p == part));
            if in_part {
                found.push(element);
            }
        });
        found
    }

    fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Element)) {
        if let Node::Element(element) = self {
            f(element);
            for child in &element.children {
                child.walk(f);
            }
        }
    }
}

/// Separates the tokens of a stream. The HTML parser never leaves U+0000 in a document;
/// data that holds it is escaped ([`ESCAPE`]), so it cannot end a token early.
pub const STREAM_SEPARATOR: char = '\0';

/// In an escaped token (`!text`, `+name` `value`), U+0001 escapes the next character:
/// `\u{1}0` is U+0000 and `\u{1}\u{1}` is U+0001. Only data holding U+0000 is escaped.
pub const ESCAPE: char = '\u{1}';

/// One token of a stream: the first character says what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// `<tag`: an element starts; its attributes and children follow, then [`Token::Close`].
    Open(&'a str),
    /// `=name` (or `+name` when escaped), then the value as the next token.
    Attribute(&'a str, Cow<'a, str>),
    /// `#text` (or `!text` when escaped).
    Text(Cow<'a, str>),
    /// `>`: the current element ends.
    Close,
}

/// The tree in stream form: `<tag`, `=name` `value`, `#text` and `>` tokens, separated by
/// [`STREAM_SEPARATOR`].
pub fn to_stream(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        write_stream(node, &mut out);
    }
    out
}

/// Appends one node, whole, to a stream.
pub fn write_stream(node: &Node, out: &mut String) {
    match node {
        Node::Text(text) => push_data(text, ['#', '!'], None, out),
        Node::Element(element) => {
            write_open(element, out);
            for child in &element.children {
                write_stream(child, out);
            }
            write_close(out);
        }
    }
}

/// Appends the start of an element (its tag and attributes, not its children): what follows
/// goes inside it until [`write_close`]. Lets a long list be written a slice at a time.
pub fn write_open(element: &Element, out: &mut String) {
    out.push('<');
    out.push_str(element.tag);
    out.push(STREAM_SEPARATOR);
    for (name, value) in &element.attrs {
        push_data(value, ['=', '+'], Some(name), out);
    }
}

/// Ends the element opened last.
pub fn write_close(out: &mut String) {
    out.push('>');
    out.push(STREAM_SEPARATOR);
}

/// Writes `data` as a text token, or as the value of attribute `name`: with the plain or the
/// escaped opcode of `opcodes`.
fn push_data(data: &str, opcodes: [char; 2], name: Option<&str>, out: &mut String) {
    let escaped = data.contains(STREAM_SEPARATOR);
    out.push(opcodes[usize::from(escaped)]);
    if let Some(name) = name {
        out.push_str(name);
        out.push(STREAM_SEPARATOR);
    }
    if escaped {
        for c in data.chars() {
            match c {
                STREAM_SEPARATOR => {
                    out.push(ESCAPE);
                    out.push('0');
                }
                ESCAPE => {
                    out.push(ESCAPE);
                    out.push(ESCAPE);
                }
                c => out.push(c),
            }
        }
    } else {
        out.push_str(data);
    }
    out.push(STREAM_SEPARATOR);
}

fn unescape(data: &str) -> Cow<'_, str> {
    if !data.contains(ESCAPE) {
        return Cow::Borrowed(data);
    }
    let mut out = String::with_capacity(data.len());
    let mut chars = data.chars();
    while let Some(c) = chars.next() {
        match (c, c == ESCAPE) {
            (_, true) => match chars.next() {
                Some('0') => out.push(STREAM_SEPARATOR),
                Some(c) => out.push(c),
                None => {}
            },
            (c, false) => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The tokens of a stream. Unknown tokens are skipped, so a malformed stream yields less,
/// never more than it holds.
pub fn read_stream(stream: &str) -> impl Iterator<Item = Token<'_>> {
    let mut parts = stream.split(STREAM_SEPARATOR);
    std::iter::from_fn(move || loop {
        let part = parts.next()?;
        let token = match part.as_bytes().first() {
            Some(b'<') => Token::Open(&part[1..]),
            Some(b'=') => {
                Token::Attribute(&part[1..], Cow::Borrowed(parts.next().unwrap_or_default()))
            }
            Some(b'+') => Token::Attribute(&part[1..], unescape(parts.next().unwrap_or_default())),
            Some(b'#') => Token::Text(Cow::Borrowed(&part[1..])),
            Some(b'!') => Token::Text(unescape(&part[1..])),
            Some(b'>') => Token::Close,
            _ => continue,
        };
        return Some(token);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_holds_the_tree_in_document_order() {
        let nodes = vec![
            Element::new("p")
                .attr("title", "a\0b\u{1}")
                .text("x < y")
                .child(Element::new("br"))
                .into(),
            Node::Text("z".into()),
        ];
        let stream = to_stream(&nodes);
        let tokens: Vec<Token> = read_stream(&stream).collect();
        assert_eq!(
            tokens,
            vec![
                Token::Open("p"),
                Token::Attribute("title", "a\0b\u{1}".into()),
                Token::Text("x < y".into()),
                Token::Open("br"),
                Token::Close,
                Token::Close,
                Token::Text("z".into()),
            ]
        );
    }

    #[test]
    fn data_cannot_forge_tokens() {
        let text = "a\0<script\0>\0=x\u{1}0";
        let nodes = vec![Node::Text(text.into())];
        let stream = to_stream(&nodes);
        let tokens: Vec<Token> = read_stream(&stream).collect();
        assert_eq!(tokens, vec![Token::Text(text.into())]);
    }
}
