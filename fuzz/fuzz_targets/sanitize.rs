//! The allowlist and the HTML-to-text reader on any input: no panic, and what they let
//! through is what the policy promises (no script schemes, no handlers, bounded nesting).
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_embed::html_text::{decode_entities, html_to_paragraphs, html_to_text, needs_parser};
use news_embed::node::Node;
use news_embed::sanitize::{
    attribute, check_srcset, check_url, rebuild_markup, tag_rule, UrlUse, MAX_DEPTH,
};

fn has_script_scheme(url: &str) -> bool {
    let folded: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "file:", "blob:"]
        .iter()
        .any(|scheme| folded.starts_with(scheme))
}

/// Every element rebuilt from a stream: allowed attributes only, and no deeper than the limit.
fn check_rebuilt(nodes: &[Node], depth: usize) {
    for node in nodes {
        if let Node::Element(element) = node {
            assert!(depth <= MAX_DEPTH, "nested {depth} deep");
            for (name, value) in &element.attrs {
                assert!(!name.starts_with("on"), "{name}");
                if matches!(*name, "href" | "src" | "cite" | "srcset") {
                    assert!(!has_script_scheme(value), "{value:?}");
                }
            }
            check_rebuilt(&element.children, depth + 1);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The input as a stream from the browser's HTML walk.
    check_rebuilt(&rebuild_markup(text), 0);
    html_to_paragraphs(text);
    html_to_text(text);
    // Where the widget trusts its table to decode as the HTML parser does, it does.
    if !needs_parser(text) {
        assert_eq!(decode_entities(text), news_embed::ssr::decode_text(text), "{text:?}");
    }
    for use_ in [UrlUse::Link, UrlUse::Image, UrlUse::Fetch] {
        if let Some(url) = check_url(text, use_) {
            assert!(!has_script_scheme(&url), "{url:?} passed as {use_:?}");
        }
    }
    if let Some(set) = check_srcset(text) {
        for candidate in set.split(", ") {
            assert!(!has_script_scheme(candidate), "{set:?}");
        }
    }
    // Split the input into a tag, an attribute name and a value.
    let mut parts = text.splitn(3, '\u{0}');
    let (tag, name, value) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    tag_rule(tag);
    for kept_tag in [
        "a",
        "img",
        "source",
        "td",
        "ol",
        "li",
        "blockquote",
        "time",
        "p",
    ] {
        if let Some((kept_name, kept_value)) = attribute(kept_tag, name, value) {
            assert!(!kept_name.starts_with("on"), "{kept_name}");
            if matches!(kept_name, "href" | "src" | "cite" | "srcset") {
                assert!(!has_script_scheme(&kept_value), "{kept_value:?}");
            }
        }
    }
});
