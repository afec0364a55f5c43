//! HTML bodies (`body_html`, JSON Feed `content_html`, WordPress `content.rendered`) made
//! safe: parsed inertly by the browser's `DOMParser` (nothing in the parsed document runs or
//! loads), walked by `shim.js` into a stream of tokens, and rebuilt from the allowlist by
//! [`rebuild_markup`](crate::sanitize::rebuild_markup) into
//! [`Block::Markup`](crate::model::Block::Markup). Nothing from the source is ever given to
//! `innerHTML`.
//!
//! Pages that enforce Trusted Types only let `DOMParser` take a `TrustedHTML`: the shim asks
//! for a policy named `news-embed` (used for nothing but this inert parse). Where the page
//! allows no such policy, bodies are shown as plain paragraphs of their text.

use wasm_bindgen::prelude::*;

use crate::model::Article;

#[wasm_bindgen(module = "/src/web/shim.js")]
extern "C" {
    /// The body's HTML elements, attributes and texts as a stream; `None` where the page
    /// lets nothing parse HTML.
    #[wasm_bindgen(js_name = walkHtml)]
    pub(crate) fn walk_html(html: &str) -> Option<String>;

    /// `text` with its character references decoded by the browser's HTML parser; `None`
    /// where the page lets nothing parse HTML.
    #[wasm_bindgen(js_name = decodeReferences)]
    pub(crate) fn decode_text(text: &str) -> Option<String>;
}

/// Replaces every [`Block::Html`](crate::model::Block::Html) of `article` with its sanitized
/// markup.
pub fn sanitize_article(article: &mut Article) {
    crate::sanitize::sanitize_article(article, &walk_html);
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::{decode_text, walk_html};
    use crate::html::to_html;
    use crate::sanitize::{rebuild_markup, renderer_cases};

    #[wasm_bindgen_test]
    fn rebuilds_what_the_server_rebuilds_scripting_off_any_depth_odd_tag_names() {
        for (html, want) in renderer_cases() {
            let stream = walk_html(&html).expect("DOMParser parses here");
            assert_eq!(to_html(&rebuild_markup(&stream)), want, "{html:?}");
        }
    }

    #[wasm_bindgen_test]
    fn the_browser_decodes_every_named_character_reference_once() {
        assert_eq!(
            decode_text("Caf&eacute; &amp;amp; &#8217; &Zopf; <b>x</b> &unknown;").as_deref(),
            Some("Café &amp; ’ \u{2124} <b>x</b> &unknown;")
        );
        assert_eq!(
            crate::html_text::decode_text("Sở KH&#038;CN &ndash; &hellip;"),
            "Sở KH&CN – …"
        );
    }
}
