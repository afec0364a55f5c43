//! A small tree of nodes: tag, attributes, children, text. It is the shape of every view and
//! of sanitized HTML bodies. Tags and attribute names are `&'static str`, so data can only
//! ever become text or attribute values, never a tag or an attribute of its choosing.
//!
//! # The stream format
//!
//! Trees cross the boundary to the browser as flat strings: one call and one string copy
//! per render, where building node by node cost a call per node, attribute and text (the
//! seed article: 8.7 -> 4.3 ms). `shim.js` builds a stream into DOM (`add`), and walks a
//! parsed HTML body into one (`walkHtml`); this section is the format's one description,
//! and `web::dom`'s browser tests round-trip every token kind through `shim.js`.
//!
//! A stream is two strings. `main` is a sequence of tokens, each ended by U+0000; the first
//! character of a token says what it is:
//!
//! | token | meaning |
//! |---|---|
//! | `<tag` | an element starts; its attributes, then its children, follow |
//! | `<tag` U+0001 `name` U+0001 `value` … | the same, with its leading constant attributes (ASCII, no U+0000 or U+0001): the builder clones one template per such token |
//! | `=name`, then `value` as the next token | an attribute |
//! | `+name`, then `value` as the next token | an attribute whose value is escaped (below) |
//! | `*name` | an attribute whose value is the next piece of `wide` |
//! | `#text` | a text node |
//! | `!text` | a text node, escaped |
//! | `%` | a text node: the next piece of `wide` |
//! | `>` | the element opened last ends |
//!
//! `wide` holds the data that is not all ASCII (Vietnamese text, mostly), in order, each
//! piece `#data` or `!data` (escaped) and ended by U+0000. `main` then reaches JavaScript as
//! a one-byte string, and so do the ASCII texts and values cut from it; cut from one string
//! with Vietnamese in it they would all be two-byte, and Blink lays out two-byte text more
//! slowly (a 10,000-item list: 1,339 -> 1,163 ms of layout).
//!
//! Escaping: data that holds U+0000 has it written as U+0001 `0`, and U+0001 as U+0001
//! U+0001; only such data is escaped (`+`, `!`). The HTML parser never leaves U+0000 in a
//! document, so the browser's walk writes `<`, `=`, `#` and `>` only. Readers skip tokens
//! they do not know: a malformed stream yields less, never more.

use std::borrow::Cow;

/// One node of the view tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// An element with its attributes and children.
    Element(Element),
    /// Text: always a text node, whatever it holds.
    Text(String),
}

/// An element of the view tree, built with chained calls.
///
/// ```
/// use news_embed::node::{Element, Node};
///
/// let item: Node = Element::new("li")
///     .part("item")
///     .child(
///         Element::new("a")
///             .part("item-link")
///             .attr("href", "https://example.org/tin/1".to_owned())
///             .text("Đại hội lần thứ IV"),
///     )
///     .into();
/// assert_eq!(item.text_content(), "Đại hội lần thứ IV");
/// let links = item.find_parts("item-link");
/// assert_eq!(links[0].get_attr("href"), Some("https://example.org/tin/1"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// The tag name, lower case: always one of the program's own constants.
    pub tag: &'static str,
    /// A borrowed value is one of the program's own constants (`part="item"`,
    /// `loading="lazy"`); data is always owned. The DOM builder clones elements whose first
    /// attributes are constants from a template instead of setting them one by one.
    pub attrs: Vec<(&'static str, Cow<'static, str>)>,
    /// The child nodes, in order.
    pub children: Vec<Node>,
}

impl Element {
    /// An element without attributes or children.
    pub fn new(tag: &'static str) -> Element {
        Element {
            tag,
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Adds an attribute after those it has. Pass a `&'static str` for a constant of the
    /// program and an owned `String` for data (see [`Element::attrs`]).
    pub fn attr(mut self, name: &'static str, value: impl Into<Cow<'static, str>>) -> Element {
        self.attrs.push((name, value.into()));
        self
    }

    /// Adds `part="name"`: the element's name in the `::part()` styling API.
    pub fn part(self, name: &'static str) -> Element {
        self.attr("part", name)
    }

    /// Appends a child node or element.
    pub fn child(mut self, node: impl Into<Node>) -> Element {
        self.children.push(node.into());
        self
    }

    /// Appends a text node.
    pub fn text(self, text: impl Into<String>) -> Element {
        self.child(Node::Text(text.into()))
    }

    /// Appends child nodes.
    pub fn children(mut self, nodes: impl IntoIterator<Item = Node>) -> Element {
        self.children.extend(nodes);
        self
    }

    /// The value of an attribute, for tests and renderers.
    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_ref())
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

/// Ends every token and every piece of a stream (see [the format](self#the-stream-format));
/// data that holds it is escaped ([`ESCAPE`]), so it cannot end a token early.
pub const STREAM_SEPARATOR: char = '\0';

/// In an escaped token (`!text`, `+name` `value`), U+0001 escapes the next character:
/// `\u{1}0` is U+0000 and `\u{1}\u{1}` is U+0001. Only data holding U+0000 is escaped.
pub const ESCAPE: char = '\u{1}';

/// In an element's opening token, U+0001 also separates the names and values of its leading
/// constant attributes: `<img\u{1}part\u{1}image\u{1}loading\u{1}lazy`. Constants never hold
/// U+0000 or U+0001, and the token is never unescaped.
const CONSTANT_SEPARATOR: char = '\u{1}';

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

/// A tree in [stream form](self#the-stream-format): the tokens in `main`, the data that is
/// not all ASCII in `wide`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stream {
    pub main: String,
    pub wide: String,
}

impl Stream {
    /// The bytes of both strings together.
    pub fn len(&self) -> usize {
        self.main.len() + self.wide.len()
    }

    /// Whether the stream holds nothing at all.
    pub fn is_empty(&self) -> bool {
        self.main.is_empty() && self.wide.is_empty()
    }

    /// Empties both strings, keeping their capacity for the next render.
    pub fn clear(&mut self) {
        self.main.clear();
        self.wide.clear();
    }
}

/// Writes nodes in stream form, whole: what one render hands to the browser.
///
/// ```
/// use news_embed::node::{read_stream, to_stream, Element, Node, Token};
///
/// let lead: Node = Element::new("p")
///     .part("lead")
///     .attr("title", "Hà Nội".to_owned())
///     .text("2020")
///     .into();
/// let stream = to_stream(&[lead]);
/// // The constant `part` rides in the opening token; the Vietnamese value goes to `wide`.
/// assert_eq!(stream.main, "<p\u{1}part\u{1}lead\0*title\0#2020\0>\0");
/// assert_eq!(stream.wide, "#Hà Nội\0");
///
/// let tokens: Vec<Token> = read_stream(&stream.main, &stream.wide).collect();
/// assert_eq!(
///     tokens,
///     [
///         Token::Open("p"),
///         Token::Attribute("part", "lead".into()),
///         Token::Attribute("title", "Hà Nội".into()),
///         Token::Text("2020".into()),
///         Token::Close,
///     ]
/// );
/// ```
pub fn to_stream(nodes: &[Node]) -> Stream {
    let mut out = Stream::default();
    for node in nodes {
        write_stream(node, &mut out);
    }
    out
}

/// Appends one node, whole, to a stream.
pub fn write_stream(node: &Node, out: &mut Stream) {
    match node {
        Node::Text(text) => push_data(text, None, out),
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
///
/// Its leading attributes with constant ASCII values go into the opening token itself, so
/// that the browser makes such an element by cloning one template per opening token; the
/// rest follow as attribute tokens, in order (an attribute's place is part of the markup).
pub fn write_open(element: &Element, out: &mut Stream) {
    out.main.push('<');
    out.main.push_str(element.tag);
    let mut attrs = element.attrs.iter().peekable();
    while let Some((name, Cow::Borrowed(value))) = attrs.peek() {
        if !value.is_ascii() || value.contains([STREAM_SEPARATOR, CONSTANT_SEPARATOR]) {
            break;
        }
        out.main.push(CONSTANT_SEPARATOR);
        out.main.push_str(name);
        out.main.push(CONSTANT_SEPARATOR);
        out.main.push_str(value);
        attrs.next();
    }
    out.main.push(STREAM_SEPARATOR);
    for (name, value) in attrs {
        push_data(value, Some(name), out);
    }
}

/// Ends the element opened last.
pub fn write_close(out: &mut Stream) {
    out.main.push('>');
    out.main.push(STREAM_SEPARATOR);
}

/// Writes `data` as a text token, or as the value of attribute `name`: `#text` or
/// `=name` `value` in `main` (`!`, `+` when escaped), or for data that is not all ASCII,
/// `%` or `*name` in `main` and `#data` (`!data`) in `wide`.
fn push_data(data: &str, name: Option<&str>, out: &mut Stream) {
    let escaped = data.contains(STREAM_SEPARATOR);
    let wide = !data.is_ascii();
    match (name, wide) {
        (None, false) => out.main.push(if escaped { '!' } else { '#' }),
        (None, true) => out.main.push_str("%\0"),
        (Some(name), wide) => {
            out.main.push(match (wide, escaped) {
                (true, _) => '*',
                (false, false) => '=',
                (false, true) => '+',
            });
            out.main.push_str(name);
            out.main.push(STREAM_SEPARATOR);
        }
    }
    let out = if wide {
        out.wide.push(if escaped { '!' } else { '#' });
        &mut out.wide
    } else {
        &mut out.main
    };
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

/// The tokens of a stream (`wide` is empty for one that never held other than ASCII, like
/// the browser's HTML walk). Unknown tokens are skipped, so a malformed stream yields less,
/// never more than it holds.
pub fn read_stream<'a>(main: &'a str, wide: &'a str) -> impl Iterator<Item = Token<'a>> {
    read_tokens::<true>(main, wide)
}

/// The tokens of a stream walked from a parsed HTML body (`walkHtml`), which has no
/// constant attributes: a tag name is the whole of its token, so a U+0001 the parser left
/// in one (`<p\u{1}title\u{1}x>` is a valid start tag) stays in the name, where the
/// sanitizer drops it, and never becomes an attribute.
pub fn read_markup_stream(main: &str) -> impl Iterator<Item = Token<'_>> {
    read_tokens::<false>(main, "")
}

/// `VIEW`: a stream of the view's writer, with constant attributes, escapes and `wide`
/// pieces; else one of the HTML walk, which writes `<`, `=`, `#` and `>` only (the parsed
/// document holds no U+0000 to escape). Separate instances: the widget reads only walks,
/// so its wasm carries no code for the rest.
fn read_tokens<'a, const VIEW: bool>(
    main: &'a str,
    wide: &'a str,
) -> impl Iterator<Item = Token<'a>> {
    let mut parts = main.split(STREAM_SEPARATOR);
    let mut wide = wide.split(STREAM_SEPARATOR);
    let mut next_wide = move || {
        let piece = wide.next().unwrap_or_default();
        // A malformed piece (not `#` or `!` first) reads as nothing rather than being cut
        // inside a character.
        match piece.as_bytes().first() {
            Some(b'!') => unescape(&piece[1..]),
            Some(b'#') => Cow::Borrowed(&piece[1..]),
            _ => Cow::Borrowed(""),
        }
    };
    // The constant attributes of the element opened last, still to be given out.
    let mut constants: Option<std::str::Split<'a, char>> = None;
    std::iter::from_fn(move || loop {
        if let Some(rest) = constants.as_mut() {
            match (rest.next(), rest.next()) {
                (Some(name), Some(value)) => {
                    return Some(Token::Attribute(name, Cow::Borrowed(value)))
                }
                _ => constants = None,
            }
        }
        let part = parts.next()?;
        let token = match part.as_bytes().first() {
            Some(b'<') if VIEW => {
                let mut open = part[1..].split(CONSTANT_SEPARATOR);
                let tag = open.next().unwrap_or_default();
                constants = Some(open);
                Token::Open(tag)
            }
            Some(b'<') => Token::Open(&part[1..]),
            Some(b'=') => {
                Token::Attribute(&part[1..], Cow::Borrowed(parts.next().unwrap_or_default()))
            }
            Some(b'+') if VIEW => {
                Token::Attribute(&part[1..], unescape(parts.next().unwrap_or_default()))
            }
            Some(b'*') if VIEW => Token::Attribute(&part[1..], next_wide()),
            Some(b'#') => Token::Text(Cow::Borrowed(&part[1..])),
            Some(b'!') if VIEW => Token::Text(unescape(&part[1..])),
            Some(b'%') if VIEW => Token::Text(next_wide()),
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
        let tokens: Vec<Token> = read_stream(&stream.main, &stream.wide).collect();
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
        for text in ["a\0<script\0>\0=x\u{1}0", "ă\0<script\0>\0%\0*x\u{1}0"] {
            let nodes = vec![
                Node::Text(text.into()),
                Element::new("p").attr("title", text).into(),
            ];
            let stream = to_stream(&nodes);
            let tokens: Vec<Token> = read_stream(&stream.main, &stream.wide).collect();
            assert_eq!(
                tokens,
                vec![
                    Token::Text(text.into()),
                    Token::Open("p"),
                    Token::Attribute("title", text.into()),
                    Token::Close,
                ]
            );
        }
    }

    #[test]
    fn leading_constant_attributes_travel_in_the_opening_token() {
        let image = Element::new("img")
            .part("image")
            .attr("loading", "lazy")
            .attr("src", "a.png".to_owned())
            .attr("decoding", "async");
        let labelled = Element::new("nav").attr("aria-label", "Các tin khác");
        let stream = to_stream(&[image.into(), labelled.into()]);
        assert_eq!(
            stream.main,
            "<img\u{1}part\u{1}image\u{1}loading\u{1}lazy\0=src\0a.png\0=decoding\0async\0>\0\
             <nav\0*aria-label\0>\0",
            "constants after data stay in place; non-ASCII ones go to the wide stream"
        );
        let tokens: Vec<Token> = read_stream(&stream.main, &stream.wide).collect();
        assert_eq!(
            tokens,
            vec![
                Token::Open("img"),
                Token::Attribute("part", "image".into()),
                Token::Attribute("loading", "lazy".into()),
                Token::Attribute("src", "a.png".into()),
                Token::Attribute("decoding", "async".into()),
                Token::Close,
                Token::Open("nav"),
                Token::Attribute("aria-label", "Các tin khác".into()),
                Token::Close,
            ]
        );
    }

    #[test]
    fn a_malformed_wide_stream_reads_as_less_never_panics() {
        let tokens: Vec<Token> = read_stream("%\0*title\0%\0", "ăb\0").collect();
        assert_eq!(
            tokens,
            vec![
                Token::Text("".into()),
                Token::Attribute("title", "".into()),
                Token::Text("".into()),
            ]
        );
    }

    #[test]
    fn only_ascii_data_stays_in_the_main_stream() {
        let nodes = vec![Element::new("p")
            .attr("title", "Ảnh")
            .attr("href", "https://example.org/")
            .text("22/5/2020, 10:21 (GMT+7)")
            .text("Các tin khác")
            .into()];
        let stream = to_stream(&nodes);
        assert!(stream.main.is_ascii(), "{:?}", stream.main);
        assert_eq!(stream.wide, "#Ảnh\0#Các tin khác\0");
        let texts: Vec<Token> = read_stream(&stream.main, &stream.wide).collect();
        assert_eq!(
            texts,
            vec![
                Token::Open("p"),
                Token::Attribute("title", "Ảnh".into()),
                Token::Attribute("href", "https://example.org/".into()),
                Token::Text("22/5/2020, 10:21 (GMT+7)".into()),
                Token::Text("Các tin khác".into()),
                Token::Close,
            ]
        );
    }
}
