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
