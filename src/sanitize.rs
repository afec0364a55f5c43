//! The allowlist policy for what data may turn into: which URLs survive, and which tags and
//! attributes of an HTML body are rebuilt.
//!
//! Every URL from a source passes [`check_url`] while it is decoded, so the model only holds
//! URLs a reader can safely follow or load. The browser then resolves relative ones with its
//! own `URL` parser and checks the resulting scheme again (`web::urls`).
//!
//! HTML bodies are parsed inertly by the browser (`web::html_body`), or by html5ever on the
//! server (`ssr`), walked into a stream of tokens ([`crate::node::read_stream`]) and rebuilt
//! element by element by [`rebuild_markup`]:
//! [`tag_rule`] says what each element becomes, [`attribute`] which of its attributes
//! survive. Everything not named here is dropped: scripts, styles, event handlers, `style`,
//! `id`, `name`, `class`, forms, frames, SVG and MathML.

use std::iter::Peekable;

use crate::html_text::html_to_paragraphs;
use crate::model::{Article, Block};
use crate::node::{read_markup_stream, Element, Node, Token};

/// What a URL will be used for, which decides the schemes it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// `<a href>`: `http:`, `https:`, `mailto:`.
    Link,
    /// `<img src>`: `http:`, `https:` only (no `data:`, no `blob:`).
    Image,
    /// The next page of a listing, fetched by the widget: `http:`, `https:`.
    Fetch,
}

impl UrlUse {
    /// Whether a URL with this (lower-case) scheme may be used this way.
    pub fn allows_scheme(self, scheme: &str) -> bool {
        match self {
            UrlUse::Link => matches!(scheme, "http" | "https" | "mailto"),
            UrlUse::Image | UrlUse::Fetch => matches!(scheme, "http" | "https"),
        }
    }
}

/// Returns the URL cleaned the way the WHATWG URL parser cleans it (surrounding controls and
/// spaces trimmed, tabs and newlines removed), or `None` when its scheme is not allowed for
/// `use_`. Relative URLs (no scheme) are allowed: they resolve to the source's own scheme.
///
/// Schemes are compared after that cleaning and case-insensitively, as the browser would
/// read them, so `java\tscript:` and `JavaScript:` are refused like `javascript:`.
///
/// ```
/// use news_embed::sanitize::{check_url, UrlUse};
///
/// assert_eq!(
///     check_url("  https://example.org/tin/dai-hoi-iv\n", UrlUse::Link).as_deref(),
///     Some("https://example.org/tin/dai-hoi-iv")
/// );
/// let relative = "images/dai-hoi-1.svg";
/// assert_eq!(check_url(relative, UrlUse::Image).as_deref(), Some(relative));
/// let mail = "mailto:toasoan@example.org";
/// assert_eq!(check_url(mail, UrlUse::Link).as_deref(), Some(mail));
///
/// // Refused: script and data URLs, and mail links where an image or a fetch is meant.
/// assert_eq!(check_url("javascript:alert(1)", UrlUse::Link), None);
/// assert_eq!(check_url(" java\tScript:alert(1)", UrlUse::Link), None);
/// assert_eq!(check_url("data:image/svg+xml,<svg onload=alert(1)>", UrlUse::Image), None);
/// assert_eq!(check_url(mail, UrlUse::Image), None);
/// assert_eq!(check_url("  ", UrlUse::Fetch), None);
/// ```
pub fn check_url(raw: &str, use_: UrlUse) -> Option<String> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    // One copy; a URL that holds none of these (nearly all) is not rebuilt char by char.
    let cleaned: String = if trimmed.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        trimmed
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect()
    } else {
        trimmed.to_owned()
    };
    if cleaned.is_empty() {
        return None;
    }
    match scheme_of(&cleaned) {
        Some(scheme) if !use_.allows_scheme(&scheme) => None,
        _ => Some(cleaned),
    }
}

/// The scheme of an absolute URL, lower-cased; `None` for a relative URL.
fn scheme_of(url: &str) -> Option<String> {
    let end = url.find([':', '/', '?', '#'])?;
    if !url[end..].starts_with(':') {
        return None;
    }
    let scheme = &url[..end];
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if first_is_letter && rest_ok {
        Some(scheme.to_ascii_lowercase())
    } else {
        // Not a valid scheme, e.g. "1:2" or ":x": the URL parser reads it as a path.
        None
    }
}

/// How deep an HTML body may nest; deeper content is kept as text of the last kept element.
pub const MAX_DEPTH: usize = 32;

/// What an element of an HTML body becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagRule {
    /// Rebuilt as this tag, with its allowed attributes, and its children.
    Keep(&'static str),
    /// Left out, its children kept in its place (`span`, `div`, `font`, unknown tags).
    Unwrap,
    /// Left out with everything inside it.
    Drop,
}

/// Elements rebuilt as themselves (`h1` aside, which becomes `h2`).
#[rustfmt::skip]
const KEPT: [&str; 47] = [
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "q",
    "cite", "a", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "abbr",
    "time", "sub", "sup", "br", "hr", "figure", "figcaption", "img", "picture", "source",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "code", "pre",
];

/// Elements left out with everything inside them.
#[rustfmt::skip]
const DROPPED: [&str; 43] = [
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed",
    "applet", "param", "svg", "math", "form", "input", "button", "select", "option", "optgroup",
    "textarea", "datalist", "output", "head", "title", "meta", "link", "base", "audio", "video",
    "track", "canvas", "map", "area", "dialog", "slot", "portal", "xmp", "plaintext", "noembed",
    "noframes", "marquee", "fencedframe", "selectedcontent",
];

/// The rule for an element by its lower-case local name. (Tables, not a `match`: a match
/// on 90 strings compiled to 2.6 KB of wasm.)
pub fn tag_rule(name: &str) -> TagRule {
    // The article's own headline is the only h1.
    let name = if name == "h1" { "h2" } else { name };
    if let Some(kept) = KEPT.iter().find(|kept| **kept == name) {
        TagRule::Keep(kept)
    } else if DROPPED.contains(&name)
        // The HTML parser lets a tag name hold any character but white space, `/` and
        // `>`: control characters in one are no tag a writer meant.
        || name.contains(char::is_control)
    {
        TagRule::Drop
    } else {
        TagRule::Unwrap
    }
}

/// The attribute as it is rebuilt on `tag`, or `None` to drop it. `name` is lower-case.
/// Links and images get their fixed attributes (`rel`, `loading`) from the renderer.
pub fn attribute(tag: &'static str, name: &str, value: &str) -> Option<(&'static str, String)> {
    let kept = |name: &'static str| Some((name, value.to_owned()));
    let number = |name: &'static str| {
        let digits = value.trim();
        (!digits.is_empty() && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| (name, digits.to_owned()))
    };
    match (tag, name) {
        (_, "lang") => kept("lang"),
        (_, "dir") => {
            matches!(value.trim(), "ltr" | "rtl" | "auto").then(|| ("dir", value.trim().to_owned()))
        }
        (_, "title") => kept("title"),
        ("a", "href") => check_url(value, UrlUse::Link).map(|url| ("href", url)),
        ("blockquote" | "q" | "del" | "ins", "cite") => {
            check_url(value, UrlUse::Link).map(|url| ("cite", url))
        }
        ("img", "src") => check_url(value, UrlUse::Image).map(|url| ("src", url)),
        ("img" | "source", "srcset") => check_srcset(value).map(|set| ("srcset", set)),
        ("img" | "source", "sizes") => kept("sizes"),
        ("img", "alt") => kept("alt"),
        ("img" | "source", "width") => number("width"),
        ("img" | "source", "height") => number("height"),
        ("source", "media") => kept("media"),
        ("source", "type") => kept("type"),
        ("td" | "th", "colspan") => number("colspan"),
        ("td" | "th", "rowspan") => number("rowspan"),
        ("th", "scope") => kept("scope"),
        ("ol", "start") => number("start"),
        ("ol", "reversed") => Some(("reversed", String::new())),
        ("ol", "type") => {
            matches!(value, "1" | "a" | "A" | "i" | "I").then(|| ("type", value.to_owned()))
        }
        ("li", "value") => number("value"),
        ("time", "datetime") => kept("datetime"),
        _ => None,
    }
}

/// Replaces every [`Block::Html`] of `article` with its sanitized markup. `walk` parses HTML
/// into the stream [`rebuild_markup`] reads (`DOMParser` in the browser, html5ever on the
/// server); where it cannot (`None`: a page whose Trusted Types allow no parsing), the body's
/// text stays, as paragraphs.
///
/// ```
/// use news_embed::model::{Article, Block};
/// use news_embed::sanitize::sanitize_article;
///
/// let mut article = Article {
///     title: "Một".into(),
///     body: vec![Block::Html(
///         "<p>Đoạn <b>một</b></p><script>alert(1)</script><p>Đoạn hai</p>".into(),
///     )],
///     ..Article::default()
/// };
/// // A walk that cannot parse (as under `trusted-types 'none'`): the text stays, as paragraphs.
/// sanitize_article(&mut article, &|_html| None);
/// assert_eq!(
///     article.body,
///     [Block::Paragraph("Đoạn một".into()), Block::Paragraph("Đoạn hai".into())]
/// );
/// ```
pub fn sanitize_article(article: &mut Article, walk: &dyn Fn(&str) -> Option<String>) {
    if !article.body.iter().any(|b| matches!(b, Block::Html(_))) {
        return;
    }
    let mut body = Vec::with_capacity(article.body.len());
    for block in std::mem::take(&mut article.body) {
        match block {
            Block::Html(html) => match walk(&html) {
                Some(stream) => {
                    let nodes = rebuild_markup(&stream);
                    if !nodes.is_empty() {
                        body.push(Block::Markup(nodes));
                    }
                }
                None => body.extend(html_to_paragraphs(&html).into_iter().map(Block::Paragraph)),
            },
            other => body.push(other),
        }
    }
    article.body = body;
}

/// An HTML body, walked into a stream (by the browser, or by html5ever on the server),
/// rebuilt from the allowlist: the [`Block::Markup`] of an article. The stream is data like
/// any other: whatever it holds, only allowed tags and checked attributes come out.
///
/// The stream is the one [`crate::node::read_stream`] reads: tokens separated by U+0000,
/// `<tag` opening an element, `=name` followed by the value as the next token, `#text`, and
/// `>` closing the element opened last. Each element is rebuilt by its [`tag_rule`] (kept,
/// unwrapped or dropped with its content) and each attribute by [`attribute`]; images get
/// `part="image"`, `loading="lazy"` and `decoding="async"` first, and an `alt` if they have
/// none; a link whose URL is refused becomes its text.
///
/// ```
/// use news_embed::html::to_html;
/// use news_embed::sanitize::rebuild_markup;
///
/// // <p class="x">Xem <a href="https://example.org/a" onclick="alert(1)">bài</a></p>
/// // <script>alert(1)</script><img src="javascript:alert(1)"><img src="a.svg">
/// let stream = [
///     "<p", "=class", "x", "#Xem ",
///     "<a", "=href", "https://example.org/a", "=onclick", "alert(1)", "#bài", ">",
///     ">",
///     "<script", "#alert(1)", ">",
///     "<img", "=src", "javascript:alert(1)", ">",
///     "<img", "=src", "a.svg", ">",
/// ]
/// .join("\0");
/// assert_eq!(
///     to_html(&rebuild_markup(&stream)),
///     "<p>Xem <a href=\"https://example.org/a\">bài</a></p>\
///      <img part=\"image\" loading=\"lazy\" decoding=\"async\" src=\"a.svg\" alt=\"\">"
/// );
/// ```
pub fn rebuild_markup(stream: &str) -> Vec<Node> {
    let mut tokens = read_markup_stream(stream).peekable();
    let mut nodes = Vec::new();
    // A stray close at the top ends nothing: go on to the end.
    while tokens.peek().is_some() {
        nodes.extend(rebuild_children(&mut tokens, Within::default()));
    }
    nodes
}

/// Where an element is rebuilt: how deep, and inside which elements that the HTML parser
/// never nests in themselves.
#[derive(Clone, Copy, Default)]
struct Within {
    depth: usize,
    heading: bool,
    link: bool,
    /// In an `li` with no list of its own around this element yet.
    list_item: bool,
    /// In a `dd` or `dt` with no `dl` of its own around this element yet.
    definition: bool,
    /// Right in a table, its body or a row, where the parser keeps no text.
    table_rows: bool,
}

/// The allowed rebuild of an element's children, up to its [`Token::Close`].
fn rebuild_children<'a, I: Iterator<Item = Token<'a>>>(
    tokens: &mut Peekable<I>,
    within: Within,
) -> Vec<Node> {
    let mut out = Vec::new();
    while let Some(token) = tokens.next() {
        match token {
            Token::Close => break,
            Token::Text(text) => out.push(Node::Text(text.into_owned())),
            Token::Open(name) => rebuild_element(name, tokens, within, &mut out),
            // Attributes belong right after their element's start.
            Token::Attribute(..) => {}
        }
    }
    out
}

fn rebuild_element<'a, I: Iterator<Item = Token<'a>>>(
    name: &str,
    tokens: &mut Peekable<I>,
    within: Within,
    out: &mut Vec<Node>,
) {
    let mut rule = tag_rule(&name.to_ascii_lowercase());
    let kept = match rule {
        TagRule::Keep(tag) => tag,
        _ => "",
    };
    let heading = matches!(kept, "h2" | "h3" | "h4" | "h5" | "h6");
    let (link, list_item, definition) = (kept == "a", kept == "li", matches!(kept, "dd" | "dt"));
    if (heading && within.heading)
        || (link && within.link)
        || (list_item && within.list_item)
        || (definition && within.definition)
    {
        // A heading in a heading (through an unwrapped element: `<h3><span><h3>`), a link
        // in a link (the adoption agency makes them of misnested links), an item in an
        // item (foster-parented out of a table: `<dd><table><dd>`) is one the parser
        // closes when it reads the markup again: its words stay, in the outer one, so
        // that the rebuilt markup parses as it is.
        rule = TagRule::Unwrap;
    }
    let mut attrs = Vec::new();
    while let Some(Token::Attribute(..)) = tokens.peek() {
        if let Some(Token::Attribute(name, value)) = tokens.next() {
            attrs.push((name, value));
        }
    }
    if rule == TagRule::Drop {
        skip_element(tokens);
        return;
    }
    if within.depth >= MAX_DEPTH {
        // Nested beyond reason: keep the words, not the structure.
        let text = element_text(tokens);
        if !text.trim().is_empty() && !within.table_rows {
            out.push(Node::Text(text));
        }
        return;
    }
    let children = rebuild_children(
        tokens,
        Within {
            depth: within.depth + 1,
            heading: within.heading || heading,
            link: within.link || link,
            list_item: (within.list_item || list_item) && !matches!(kept, "ul" | "ol"),
            definition: (within.definition || definition) && kept != "dl",
            table_rows: matches!(kept, "table" | "thead" | "tbody" | "tfoot" | "tr"),
        },
    );
    let TagRule::Keep(tag) = rule else {
        out.extend(children);
        return;
    };
    // An image is lazy before its `src` is set (attributes are set in order).
    let mut element = match tag {
        "img" => Element::new(tag)
            .part("image")
            .attr("loading", "lazy")
            .attr("decoding", "async"),
        _ => Element::new(tag),
    };
    for (name, value) in attrs {
        if let Some(kept) = attribute(tag, &name.to_ascii_lowercase(), &value) {
            if element.get_attr(kept.0).is_none() {
                element.attrs.push((kept.0, kept.1.into()));
            }
        }
    }
    match tag {
        // A link whose URL did not survive is its text; an image without one is nothing.
        "a" if element.get_attr("href").is_none() => {
            out.extend(children);
            return;
        }
        "img" if element.get_attr("src").is_none() => return,
        "img" if element.get_attr("alt").is_none() => element = element.attr("alt", ""),
        "figure" => element = element.part("figure"),
        "figcaption" => element = element.part("caption"),
        _ => {}
    }
    element.children = children;
    out.push(element.into());
}

/// Skips the rest of an element, without recursion (streams may nest without limit).
fn skip_element<'a>(tokens: &mut impl Iterator<Item = Token<'a>>) {
    element_text_into(tokens, None);
}

/// The text of the rest of an element, in document order.
fn element_text<'a>(tokens: &mut impl Iterator<Item = Token<'a>>) -> String {
    let mut text = String::new();
    element_text_into(tokens, Some(&mut text));
    text
}

fn element_text_into<'a>(
    tokens: &mut impl Iterator<Item = Token<'a>>,
    mut out: Option<&mut String>,
) {
    let mut open = 1_usize;
    // While inside a dropped element (a `script` deep down): how many were open around it.
    let mut dropped_below: Option<usize> = None;
    for token in tokens {
        match token {
            Token::Open(name) => {
                open += 1;
                if dropped_below.is_none() && tag_rule(&name.to_ascii_lowercase()) == TagRule::Drop
                {
                    dropped_below = Some(open - 1);
                }
            }
            Token::Close => {
                open -= 1;
                if open == 0 {
                    return;
                }
                if dropped_below == Some(open) {
                    dropped_below = None;
                }
            }
            Token::Text(text) => {
                if let (Some(out), None) = (out.as_deref_mut(), dropped_below) {
                    out.push_str(&text);
                }
            }
            Token::Attribute(..) => {}
        }
    }
}

/// The candidates of a `srcset` as the HTML standard splits them: a URL runs to the next
/// white space, so image-CDN URLs may hold commas (`…/w_300,c_fill/a.jpg 300w`); commas
/// that end it are separators, and its descriptors run to the next comma outside
/// parentheses. A URL never starts or ends with a comma, so candidates joined with `", "`
/// split back into the same candidates.
///
/// ```
/// use news_embed::sanitize::srcset_candidates;
///
/// assert_eq!(
///     srcset_candidates("https://cdn.example/w_300,c_fill/a.jpg 300w,b.jpg, c.jpg 2x"),
///     [
///         ("https://cdn.example/w_300,c_fill/a.jpg", vec!["300w"]),
///         ("b.jpg", vec![]),
///         ("c.jpg", vec!["2x"]),
///     ]
/// );
/// ```
pub fn srcset_candidates(value: &str) -> Vec<(&str, Vec<&str>)> {
    let bytes = value.as_bytes();
    let is_space = |at: usize| matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\x0c' | b'\r');
    let mut candidates = Vec::new();
    let mut at = 0;
    loop {
        while at < bytes.len() && (is_space(at) || bytes[at] == b',') {
            at += 1;
        }
        if at >= bytes.len() {
            return candidates;
        }
        let start = at;
        while at < bytes.len() && !is_space(at) {
            at += 1;
        }
        // Not below `start`: the URL starts with something other than a comma.
        let mut end = at;
        while bytes[end - 1] == b',' {
            end -= 1;
        }
        let mut descriptors = Vec::new();
        if end == at {
            let (from, mut in_parens) = (at, false);
            while at < bytes.len() && (in_parens || bytes[at] != b',') {
                in_parens = (in_parens || bytes[at] == b'(') && bytes[at] != b')';
                at += 1;
            }
            descriptors = value[from..at].split_ascii_whitespace().collect();
            at += 1;
        }
        candidates.push((&value[start..end], descriptors));
    }
}

/// A `srcset` with every candidate's URL mapped by `f` (checked, or resolved), written back
/// as `url descriptor, …`. `None` if `f` refuses a URL or a candidate's descriptor is not
/// one width (`300w`) or density (`2x`): a set is kept whole or not at all.
pub fn map_srcset(value: &str, f: &mut dyn FnMut(&str) -> Option<String>) -> Option<String> {
    let mut out = String::new();
    for (url, descriptors) in srcset_candidates(value) {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&f(url)?);
        match descriptors[..] {
            [] => {}
            [descriptor] => {
                let number = descriptor
                    .strip_suffix('w')
                    .or_else(|| descriptor.strip_suffix('x'));
                number.and_then(crate::number::parse_decimal)?;
                out.push(' ');
                out.push_str(descriptor);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// A `srcset` with every candidate's URL checked; `None` if no candidate survives or one is
/// unsafe or unreadable.
pub fn check_srcset(value: &str) -> Option<String> {
    map_srcset(value, &mut |url| check_url(url, UrlUse::Image)).filter(|set| !set.is_empty())
}

/// HTML bodies and the markup both renderers must rebuild from them: the server's walk
/// (`ssr::html_body`, html5ever) and the browser's (`web::html_body`, `DOMParser`) test
/// each, so the two agree on scripting, depth and odd tag names.
#[cfg(test)]
pub(crate) fn renderer_cases() -> Vec<(String, &'static str)> {
    let mut cases = vec![
        // Scripting off: `<noscript>` at the start leaves the head, its image is in the body.
        (
            "<noscript><img src=a.jpg></noscript><p>x</p>".to_owned(),
            "<img part=\"image\" loading=\"lazy\" decoding=\"async\" src=\"a.jpg\" alt=\"\"><p>x</p>",
        ),
        ("<p>a</p><noscript><p>b</p></noscript>".to_owned(), "<p>a</p>"),
        // One start tag to the parser: its name holds U+0001, never an attribute.
        (
            "<p\u{1}title\u{1}x>gone</p\u{1}title\u{1}x><p>kept</p>".to_owned(),
            "<p>kept</p>",
        ),
        (
            "<img srcset=\"https://res.example/w_300,c_fill/a.jpg 300w, b.jpg 2x\" src=b.jpg>".to_owned(),
            "<img part=\"image\" loading=\"lazy\" decoding=\"async\" \
             srcset=\"https://res.example/w_300,c_fill/a.jpg 300w, b.jpg 2x\" src=\"b.jpg\" alt=\"\">",
        ),
    ];
    // Nestings the parser makes but never reads back, found by `fuzz/differential`: each
    // inner one is unwrapped, so that the markup parses as it was rebuilt.
    cases.extend([
        ("<h3><span><h3>x</h3></span></h3>".to_owned(), "<h3>x</h3>"),
        ("<dd><table><dd>x".to_owned(), "<dd>x<table></table></dd>"),
        ("<li><table><li>x".to_owned(), "<li>x<table></table></li>"),
        ("<pre>\n\nx</pre>".to_owned(), "<pre>\n\nx</pre>"),
        // A cell at the depth limit would leave its words in the row, where the parser
        // moves them out of the table: they go.
        (
            "<div>".repeat(MAX_DEPTH - 3) + "<table><tr><th>x",
            "<table><tbody><tr></tr></tbody></table>",
        ),
    ]);
    for depth in [
        1,
        MAX_DEPTH - 1,
        MAX_DEPTH,
        MAX_DEPTH + 1,
        MAX_DEPTH + 20,
        300,
    ] {
        let deep = "<div>".repeat(depth)
            + "sâu<script>alert(1)</script><style>p{}</style>\
               <template>mẫu</template><noscript>không script</noscript>"
            + &"</div>".repeat(depth);
        cases.push((deep, "sâu"));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::to_html;

    /// A stream as the browser's walk writes it, from `|`-separated tokens.
    fn rebuilt(tokens: &str) -> String {
        to_html(&rebuild_markup(&tokens.replace('|', "\0")))
    }

    #[test]
    fn rebuilds_allowed_elements_with_their_checked_attributes() {
        assert_eq!(
            rebuilt("<p|=class|x|#Xem |<a|=href|https://example.org/a|=onclick|alert(1)|#bài|>|>"),
            "<p>Xem <a href=\"https://example.org/a\">bài</a></p>"
        );
        assert_eq!(
            rebuilt("<P|=TITLE|t|#x|>"),
            "<p title=\"t\">x</p>",
            "names are compared in lower case"
        );
    }

    #[test]
    fn tag_names_holding_control_characters_are_dropped_with_their_content() {
        // `<a\x01href\x01javascript:alert(1)>` is one start tag to the HTML parser: its
        // name must not split into an element and a forged attribute.
        assert_eq!(
            rebuilt("<a\u{1}href\u{1}https://example.org/|#link text|>|#after"),
            "after"
        );
        assert_eq!(rebuilt("<p\u{7}|#bell|>|<p|#kept|>"), "<p>kept</p>");
    }

    #[test]
    fn deep_content_keeps_its_words_but_never_script_or_style_text() {
        let depth = MAX_DEPTH + 3;
        let stream = "<div|".repeat(depth)
            + "#sâu|<script|#alert(1)|>|<style|#p{}|>|<template|<p|#mẫu|>|>|<noscript|#no|>|#!"
            + &"|>".repeat(depth);
        assert_eq!(rebuilt(&stream), "sâu!");
    }

    #[test]
    fn drops_scripts_with_their_content_and_unwraps_unknown_elements() {
        assert_eq!(rebuilt("<script|#alert(1)|>|<span|#kept|>"), "kept");
        assert_eq!(
            rebuilt("<form|<input|=name|nextSibling|>|#gone|>|#after"),
            "after"
        );
    }

    #[test]
    fn a_link_without_a_safe_url_is_its_text_and_an_image_without_one_is_nothing() {
        assert_eq!(rebuilt("<a|=href|javascript:alert(1)|#text|>"), "text");
        assert_eq!(rebuilt("<img|=src|data:image/svg+xml,x|=alt|a|>"), "");
        assert_eq!(
            rebuilt("<img|=src|a.svg|>"),
            "<img part=\"image\" loading=\"lazy\" decoding=\"async\" src=\"a.svg\" alt=\"\">"
        );
    }

    #[test]
    fn keeps_the_first_of_repeated_attributes() {
        assert_eq!(
            rebuilt("<a|=href|https://a.example/|=href|javascript:x|#a|>"),
            "<a href=\"https://a.example/\">a</a>"
        );
    }

    #[test]
    fn nesting_beyond_the_limit_keeps_the_words() {
        let depth = MAX_DEPTH + 5;
        let stream = format!("{}#deep|{}", "<b|".repeat(depth), ">|".repeat(depth));
        let html = rebuilt(&stream);
        assert_eq!(html.matches("<b>").count(), MAX_DEPTH);
        assert!(html.contains("deep"));
    }

    #[test]
    fn a_malformed_stream_yields_less_never_more() {
        assert_eq!(rebuilt(">|>|#a|=href|x|>|#b"), "ab");
        assert_eq!(rebuilt("<p|#unclosed"), "<p>unclosed</p>");
        assert_eq!(rebuilt("=dangling"), "");
        // Deeper than any stack: dropped and over-deep elements are skipped without recursion.
        let deep = "<script|".repeat(200_000);
        assert_eq!(rebuilt(&deep), "");
        let deep = "<b|".repeat(200_000);
        assert_eq!(rebuilt(&deep).matches("<b>").count(), MAX_DEPTH);
    }

    #[test]
    fn keeps_web_and_mail_links() {
        assert_eq!(
            check_url("https://example.org/a?b#c", UrlUse::Link).as_deref(),
            Some("https://example.org/a?b#c")
        );
        assert!(check_url("HTTP://EXAMPLE.ORG", UrlUse::Link).is_some());
        assert!(check_url("mailto:toa-soan@example.org", UrlUse::Link).is_some());
        assert!(check_url("mailto:toa-soan@example.org", UrlUse::Image).is_none());
    }

    #[test]
    fn keeps_relative_urls_for_the_browser_to_resolve() {
        for url in [
            "images/a.svg",
            "/tin/1",
            "//cdn.example.org/x.png",
            "?page=2",
            "#top",
            "a:b/c",
        ] {
            let expected = if url == "a:b/c" { None } else { Some(url) };
            assert_eq!(check_url(url, UrlUse::Image).as_deref(), expected, "{url}");
        }
        assert_eq!(check_url("1:2", UrlUse::Link).as_deref(), Some("1:2"));
    }

    #[test]
    fn drops_script_and_data_schemes_however_they_are_disguised() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "blob:https://example.org/1",
            "file:///etc/passwd",
            "",
            "   ",
        ] {
            assert_eq!(check_url(url, UrlUse::Link), None, "{url:?}");
            assert_eq!(check_url(url, UrlUse::Image), None, "{url:?}");
        }
    }

    #[test]
    fn cleans_what_the_url_parser_would_ignore() {
        assert_eq!(
            check_url("  https://exa\nmple.org/\ta  ", UrlUse::Link).as_deref(),
            Some("https://example.org/a")
        );
    }

    #[test]
    fn html_policy_keeps_structure_and_drops_active_content() {
        assert_eq!(tag_rule("p"), TagRule::Keep("p"));
        assert_eq!(
            tag_rule("h1"),
            TagRule::Keep("h2"),
            "the headline is the only h1"
        );
        assert_eq!(tag_rule("figcaption"), TagRule::Keep("figcaption"));
        for dropped in [
            "script", "style", "iframe", "svg", "math", "form", "template", "slot", "object",
        ] {
            assert_eq!(tag_rule(dropped), TagRule::Drop, "{dropped}");
        }
        for unwrapped in ["span", "div", "font", "section", "custom-element"] {
            assert_eq!(tag_rule(unwrapped), TagRule::Unwrap, "{unwrapped}");
        }
    }

    #[test]
    fn html_policy_drops_handlers_styles_ids_and_bad_urls() {
        for (tag, name) in [
            ("p", "onclick"),
            ("img", "onerror"),
            ("p", "style"),
            ("p", "id"),
            ("p", "class"),
            ("a", "name"),
            ("a", "target"),
        ] {
            assert_eq!(attribute(tag, name, "x"), None, "{tag} {name}");
        }
        assert_eq!(attribute("a", "href", "javascript:alert(1)"), None);
        assert_eq!(attribute("img", "src", "data:image/png;base64,AAAA"), None);
        assert_eq!(
            attribute("a", "href", "https://example.org/"),
            Some(("href", "https://example.org/".to_owned()))
        );
        assert_eq!(
            attribute("img", "width", "800"),
            Some(("width", "800".to_owned()))
        );
        assert_eq!(attribute("img", "width", "80%"), None);
        assert_eq!(
            attribute("td", "colspan", "2"),
            Some(("colspan", "2".to_owned()))
        );
        assert_eq!(
            attribute("p", "dir", "rtl"),
            Some(("dir", "rtl".to_owned()))
        );
        assert_eq!(attribute("p", "dir", "sideways"), None);
    }

    #[test]
    fn srcsets_are_kept_only_when_every_url_is_safe() {
        assert_eq!(
            check_srcset("a-300.jpg 300w, https://x.example/a-800.jpg 800w").as_deref(),
            Some("a-300.jpg 300w, https://x.example/a-800.jpg 800w")
        );
        assert_eq!(
            check_srcset("a.jpg, b.jpg 2x").as_deref(),
            Some("a.jpg, b.jpg 2x")
        );
        assert_eq!(check_srcset("a.jpg 300w, javascript:alert(1) 800w"), None);
        assert_eq!(check_srcset("a.jpg 300q"), None);
        assert_eq!(check_srcset(""), None);
        // Found by fuzzing: a descriptor ending inside a multi-byte character.
        assert_eq!(check_srcset("@\r'/\u{96}"), None);
        assert_eq!(check_srcset("a.jpg 2é"), None);
        assert_eq!(check_srcset("a.jpg infw"), None);
    }

    #[test]
    fn srcset_urls_may_hold_commas() {
        assert_eq!(
            check_srcset(
                "https://res.example/upload/w_300,c_fill/a.jpg 300w,https://res.example/upload/w_800,c_fill/a.jpg 800w"
            )
            .as_deref(),
            Some(
                "https://res.example/upload/w_300,c_fill/a.jpg 300w, https://res.example/upload/w_800,c_fill/a.jpg 800w"
            )
        );
        // Commas that end a URL separate candidates; one inside parentheses does not end
        // the descriptors (which are then not ones the sanitizer keeps).
        assert_eq!(
            check_srcset("a.jpg,, b.jpg 2x,").as_deref(),
            Some("a.jpg, b.jpg 2x")
        );
        assert_eq!(
            srcset_candidates("a.jpg,,b.jpg 2x"),
            [("a.jpg,,b.jpg", vec!["2x"])]
        );
        assert_eq!(srcset_candidates("a.jpg (x, y) 2x, b.jpg")[1].0, "b.jpg");
        assert_eq!(check_srcset("a.jpg (x, y) 2x"), None);
    }
}
