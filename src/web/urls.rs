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
