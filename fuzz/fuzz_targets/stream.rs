//! The stream reader, where the browser's data crosses into Rust (`walkHtml` in `shim.js`
//! writes it, `node::read_markup_stream` and the sanitizer read it): any input reads without a
//! panic and rebuilds only allowed markup; and any data written by the view's writer reads
//! back exactly, whatever separators and escapes it holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_embed::html::to_html;
use news_embed::node::{read_markup_stream, read_stream, to_stream, Element, Node, Token};
use news_embed::sanitize::rebuild_markup;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // As a stream from the browser, and as one from the view (split at the first U+0002).
    let markup_tokens = read_markup_stream(text).count();
    assert!(markup_tokens <= text.split('\0').count());
    let (main, wide) = text.split_once('\u{2}').unwrap_or((text, ""));
    read_stream(main, wide).for_each(drop);
    to_html(&rebuild_markup(text));

    // Data as text and as attribute values: what is written reads back the same.
    let pieces: Vec<&str> = text.split('\u{3}').collect();
    let mut element = Element::new("p");
    for piece in &pieces {
        element = element.attr("title", (*piece).to_owned());
    }
    for piece in pieces.iter().filter(|p| !p.is_empty()) {
        element = element.text(*piece);
    }
    let stream = to_stream(&[Node::from(element)]);
    let tokens: Vec<Token> = read_stream(&stream.main, &stream.wide).collect();
    let mut read = tokens.iter();
    assert_eq!(read.next(), Some(&Token::Open("p")));
    for piece in &pieces {
        match read.next() {
            Some(Token::Attribute("title", value)) => assert_eq!(value, piece),
            other => panic!("attribute {piece:?} read as {other:?}"),
        }
    }
    for piece in pieces.iter().filter(|p| !p.is_empty()) {
        match read.next() {
            Some(Token::Text(value)) => assert_eq!(value, piece),
            other => panic!("text {piece:?} read as {other:?}"),
        }
    }
    assert_eq!(read.next(), Some(&Token::Close));
    assert_eq!(read.next(), None);
});
