//! Resolving a document's relative URLs against the address it came from, with the
//! browser's own URL parser, and checking the scheme of the result once more.

use wasm_bindgen::prelude::*;
use web_sys::Url;

use crate::model::Document;

#[wasm_bindgen(module = "/src/web/shim.js")]
extern "C" {
    #[wasm_bindgen(js_name = resolveUrls)]
    fn resolve_joined(raws: &str, base: &str) -> String;
}

/// Makes every URL in `document` absolute against `base`; drops URLs that do not resolve or
/// resolve to a scheme other than `http:`, `https:` or `mailto:`.
///
/// All of a document's URLs cross to the browser in one call, joined by U+0000: a URL
/// object per URL, its protocol and its href cost four crossings each (a list of 1,000
/// items: about 9 of its 70 ms of script in Chromium 156, against 4.6 ms for the URLs
/// themselves).
pub fn resolve_urls(document: &mut Document, base: &str) {
    let mut raws = String::new();
    let mut count = 0usize;
    document.map_urls(&mut |raw| {
        if count > 0 {
            raws.push('\0');
        }
        // U+0000 would split the joined string. The parser drops it at either end and
        // percent-encodes it anywhere else it accepts it (path, query, fragment, user info,
        // opaque paths), and a host holding it fails either way: `%00` is read the same.
        // (Firefox 153's parser cuts a URL at U+0000 instead; through `%00` it follows the
        // standard as well.)
        let trimmed = raw.trim_matches(|c: char| c <= ' ');
        if trimmed.contains('\0') {
            raws.push_str(&trimmed.replace('\0', "%00"));
        } else {
            raws.push_str(trimmed);
        }
        count += 1;
        Some(raw.to_owned())
    });
    if count == 0 {
        return;
    }
    let resolved = resolve_joined(&raws, base);
    let mut results = resolved.split('\0');
    document.map_urls(&mut |_| {
        results
            .next()
            .filter(|href| !href.is_empty())
            .map(str::to_owned)
    });
}

/// The next page of a paged API (WordPress' `page=`), when `total` says there is one. Only
/// the `page` parameter changes: the rest of the query stays exactly as written (signed or
/// cache-keyed URLs keep working).
pub fn next_page(url: &str, total: u32) -> Option<String> {
    let url = Url::new(url).ok()?;
    let search = url.search();
    let mut parts: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect();
    let page_index = parts.iter().position(|part| part.starts_with("page="));
    let current = page_index
        .and_then(|i| parts[i]["page=".len()..].trim().parse::<u32>().ok())
        .unwrap_or(1);
    if current >= total {
        return None;
    }
    let next = format!("page={}", current + 1);
    match page_index {
        Some(i) => parts[i] = next,
        None => parts.push(next),
    }
    url.set_search(&parts.join("&"));
    Some(url.href())
}

/// The one-call resolution against the browser's URL parser, in a real browser.
#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::resolve_urls;
    use crate::model::{Document, Image, Listing, Summary};

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    fn item(url: &str, image: Option<&str>) -> Summary {
        Summary {
            url: Some(url.to_owned()),
            title: url.to_owned(),
            image: image.map(|src| Image {
                src: src.to_owned(),
                ..Image::default()
            }),
            ..Summary::default()
        }
    }

    #[wasm_bindgen_test]
    fn every_url_of_a_document_resolves_in_order_and_unsafe_or_broken_ones_are_dropped() {
        let mut document = Document::Listing(Listing {
            items: vec![
                item("tin/1", Some("../anh/1.jpg")),
                item(" \t/tin/2\u{0} ", None),
                item("javascript:alert(1)", Some("data:image/png;base64,AAAA")),
                item(
                    "tin/a\u{0}b?q=\u{0}#f\u{0}g",
                    Some("https://cdn.example/Ảnh 3.jpg"),
                ),
                item("http://exa\u{0}mple.com/", Some("//cdn.example/4.jpg")),
                item("https://[::1", None),
            ],
            next: Some("?page=2".to_owned()),
        });
        resolve_urls(&mut document, "https://example.org/list/index.json");
        let Document::Listing(listing) = document else {
            panic!("a listing stays a listing");
        };
        let urls: Vec<(Option<&str>, Option<&str>)> = listing
            .items
            .iter()
            .map(|s| (s.url.as_deref(), s.image.as_ref().map(|i| i.src.as_str())))
            .collect();
        assert_eq!(
            urls,
            [
                (
                    Some("https://example.org/list/tin/1"),
                    Some("https://example.org/anh/1.jpg")
                ),
                // U+0000 at either end is dropped by the parser, as spaces are.
                (Some("https://example.org/tin/2"), None),
                (None, None),
                // Inside, it is percent-encoded in path, query and fragment alike.
                (
                    Some("https://example.org/list/tin/a%00b?q=%00#f%00g"),
                    Some("https://cdn.example/%E1%BA%A2nh%203.jpg")
                ),
                // In a host it fails.
                (None, Some("https://cdn.example/4.jpg")),
                (None, None),
            ]
        );
        assert_eq!(
            listing.next.as_deref(),
            Some("https://example.org/list/index.json?page=2")
        );
    }

    /// What the URL standard makes of U+0000 (Chromium's and Node's parsers agree). Firefox
    /// 153's own parser cuts such a URL at U+0000; resolved through `%00`, it follows the
    /// standard too.
    #[wasm_bindgen_test]
    fn a_url_holding_u0000_resolves_as_the_url_standard_says() {
        let base = "https://example.org/list/index.json";
        for (raw, standard) in [
            ("\u{0}tin/1\u{0}", Some("https://example.org/list/tin/1")),
            (
                "tin/a\u{0}b?q=\u{0}#f\u{0}g",
                Some("https://example.org/list/tin/a%00b?q=%00#f%00g"),
            ),
            (
                "https://user\u{0}name@example.org/",
                Some("https://user%00name@example.org/"),
            ),
            ("http://exa\u{0}mple.com/", None),
            (
                "mailto:a\u{0}b@example.org",
                Some("mailto:a%00b@example.org"),
            ),
            (
                "ht\u{0}tp://example.org/",
                Some("https://example.org/list/ht%00tp://example.org/"),
            ),
        ] {
            let mut document = Document::Listing(Listing {
                items: vec![item(raw, None)],
                next: None,
            });
            resolve_urls(&mut document, base);
            let Document::Listing(listing) = document else {
                panic!("a listing stays a listing");
            };
            assert_eq!(listing.items[0].url.as_deref(), standard, "{raw:?}");
        }
    }
}
