//! Where keyboard focus goes when the widget replaces what had it: after "retry", the
//! content that came (or the new retry button); after the last page of "more", its first
//! item. Without this, focus would fall to the page's `<body>`.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

use super::Kind;

/// After a successful retry: the article's headline (focusable by script only) or a list's
/// first link.
pub fn content(root: &ShadowRoot, kind: Kind) {
    if kind == Kind::Article {
        if let Ok(Some(headline)) = root.query_selector("h1[part~=headline]") {
            let _ = headline.set_attribute("tabindex", "-1");
        }
        first(root, "h1[part~=headline]");
    } else if !first(root, "[part~=item-link]") {
        first(root, "[part~=retry], [part~=more]");
    }
}

/// Focuses the link of `list`'s item number `index`, if it has one.
pub fn item_link(list: &Element, index: u32) {
    let link = list
        .children()
        .item(index)
        .and_then(|item| item.query_selector("a").ok().flatten())
        .and_then(|link| link.dyn_into::<HtmlElement>().ok());
    if let Some(link) = link {
        let _ = link.focus();
    }
}

/// Focuses the first element of `root` matching `selector`; whether there was one.
pub fn first(root: &ShadowRoot, selector: &str) -> bool {
    let element = root
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<HtmlElement>().ok());
    match element {
        Some(element) => element.focus().is_ok(),
        None => false,
    }
}
