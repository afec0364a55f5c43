//! Resolving a document's relative URLs against the address it came from, with the
//! browser's own URL parser, and checking the scheme of the result once more.

use web_sys::Url;

use crate::model::Document;

/// Makes every URL in `document` absolute against `base`; drops URLs that do not resolve or
/// resolve to a scheme other than `http:`, `https:` or `mailto:`.
pub fn resolve_urls(document: &mut Document, base: &str) {
    document.map_urls(&mut |raw| resolve(raw, base));
}

pub fn resolve(raw: &str, base: &str) -> Option<String> {
    let url = Url::new_with_base(raw, base).ok()?;
    match url.protocol().as_str() {
        "http:" | "https:" | "mailto:" => Some(url.href()),
        _ => None,
    }
}

/// The next page of a paged API (WordPress' `page=`), when `total` says there is one.
pub fn next_page(url: &str, total: u32) -> Option<String> {
    let url = Url::new(url).ok()?;
    let params = url.search_params();
    let current = params
        .get("page")
        .and_then(|page| page.trim().parse::<u32>().ok())
        .unwrap_or(1);
    if current >= total {
        return None;
    }
    params.set("page", &(current + 1).to_string());
    url.set_search(&params.to_string().as_string()?);
    Some(url.href())
}
