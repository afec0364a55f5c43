//! View tree → HTML text: the server-side output of the one view (the DOM renderer in
//! `web::dom` is the other). Text and attribute values are always escaped.
//!
//! The server-side rendering (the `ssr` module and the `news-embed render` command, native
//! only) writes its declarative shadow root with [`to_html`].

use crate::view::Node;

/// Elements that have no end tag.
fn is_void(tag: &str) -> bool {
    matches!(tag, "img" | "br" | "hr" | "source" | "wbr")
}

/// Serialises nodes to HTML.
///
/// Text and attribute values are escaped (`&`, `<`, `>`, and `"` in values; U+00A0 as
/// `&nbsp;`), attributes keep their order, and void elements (`img`, `br`, `hr`, `source`,
/// `wbr`) get no end tag. Tags and attribute names are the program's own `&'static str`
/// constants, so data can never become markup.
///
/// ```
/// use news_embed::html::to_html;
/// use news_embed::node::{Element, Node};
///
/// let figure: Node = Element::new("figure")
///     .part("figure")
///     .child(
///         Element::new("img")
///             .part("image")
///             .attr("loading", "lazy")
///             .attr("src", "https://example.org/a.svg?w=800&h=533")
///             .attr("alt", "Quang cảnh \"Đại hội\""),
///     )
///     .child(Element::new("figcaption").part("caption").text("<b>Ảnh</b> & chú thích"))
///     .into();
/// assert_eq!(
///     to_html(&[figure]),
///     "<figure part=\"figure\">\
///      <img part=\"image\" loading=\"lazy\" src=\"https://example.org/a.svg?w=800&amp;h=533\" \
///      alt=\"Quang cảnh &quot;Đại hội&quot;\">\
///      <figcaption part=\"caption\">&lt;b&gt;Ảnh&lt;/b&gt; &amp; chú thích</figcaption>\
///      </figure>"
/// );
/// ```
pub fn to_html(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        write_node(node, &mut out);
    }
    out
}

fn write_node(node: &Node, out: &mut String) {
    match node {
        Node::Text(text) => escape_into(text, false, out),
        Node::Element(element) => {
            out.push('<');
            out.push_str(element.tag);
            for (name, value) in &element.attrs {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                escape_into(value, true, out);
                out.push('"');
            }
            out.push('>');
            if is_void(element.tag) {
                return;
            }
            // The parser drops a newline right after `<pre>`: one that the text starts with
            // is written twice, as the HTML standard's serializer does, so it survives.
            if element.tag == "pre"
                && matches!(element.children.first(), Some(Node::Text(t)) if t.starts_with('\n'))
            {
                out.push('\n');
            }
            for child in &element.children {
                write_node(child, out);
            }
            out.push_str("</");
            out.push_str(element.tag);
            out.push('>');
        }
    }
}

/// `text` escaped for HTML text, or for a double-quoted attribute value.
///
/// ```
/// use news_embed::html::escape;
///
/// assert_eq!(escape("a < b & \"c\"", false), "a &lt; b &amp; \"c\"");
/// assert_eq!(escape("a < b & \"c\"", true), "a &lt; b &amp; &quot;c&quot;");
/// ```
pub fn escape(text: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, in_attribute, &mut out);
    out
}

fn escape_into(text: &str, in_attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::Element;

    #[test]
    fn escapes_text_and_attribute_values() {
        let node: Node = Element::new("a")
            .attr("href", "https://x.example/?a=1&b=\"2\"")
            .text("<script>alert('Hà Nội & Huế')</script>")
            .into();
        assert_eq!(
            to_html(&[node]),
            "<a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\">\
             &lt;script&gt;alert('Hà Nội &amp; Huế')&lt;/script&gt;</a>"
        );
    }

    #[test]
    fn writes_void_elements_without_end_tags() {
        let node: Node = Element::new("figure")
            .child(Element::new("img").attr("src", "a.svg").attr("alt", ""))
            .into();
        assert_eq!(
            to_html(&[node]),
            "<figure><img src=\"a.svg\" alt=\"\"></figure>"
        );
    }
}
