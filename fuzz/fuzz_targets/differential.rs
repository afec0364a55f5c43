//! The native sanitizer against itself: an HTML body parsed by html5ever (as `DOMParser`
//! parses it), rebuilt from the allowlist and written as HTML, must come out the same when
//! that HTML is parsed and rebuilt again. A difference is markup that means one
//! thing to the sanitizer and another to the browser that reads its output (the
//! mutation-XSS family).
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_embed::html::to_html;
use news_embed::sanitize::rebuild_markup;
use news_embed::ssr::walk_html;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    let once = to_html(&rebuild_markup(&walk_html(html)));
    // Parsed again after a word, as in the middle of a page: the parser drops white space at
    // a document's start, which a page would keep.
    let once = format!("x{once}");
    let twice = to_html(&rebuild_markup(&walk_html(&once)));
    assert_eq!(once, twice, "from {html:?}");
});
