//! Listed articles: `<news-list>` and the "other news" of an article.

use super::article::image_element;
use super::status::render_empty;
use super::{Element, Node, ViewOptions};
use crate::model::{Listing, Summary};

/// Renders a listing: the list, or the empty state, and a `more` button when the source
/// has a next page.
pub fn render_listing(listing: &Listing, options: &ViewOptions) -> Vec<Node> {
    if listing.items.is_empty() {
        return render_empty(options);
    }
    let items = render_list_items(&listing.items, options);
    let mut nodes = vec![list_element().children(items).into()];
    if listing.next.is_some() {
        nodes.push(more_button(options));
    }
    nodes
}

/// The empty `<ul part="list">` that holds a listing's items: a long listing is rendered a
/// slice of items at a time into it.
pub fn list_element() -> Element {
    Element::new("ul").part("list")
}

/// The items of a listing, as [`render_listing`] shows them.
pub fn render_list_items(items: &[Summary], options: &ViewOptions) -> Vec<Node> {
    render_items(items, options, "h2", true)
}

/// "More": shown under a listing whose source has a next page.
pub fn more_button(options: &ViewOptions) -> Node {
    Element::new("button")
        .part("more")
        .attr("type", "button")
        .text(options.lang.labels().more)
        .into()
}

/// One `<li part="item">` per summary, at most `options.limit` of them.
pub fn render_items(
    items: &[Summary],
    options: &ViewOptions,
    heading: &'static str,
    with_summary: bool,
) -> Vec<Node> {
    let limit = options.limit.unwrap_or(usize::MAX);
    items
        .iter()
        .take(limit)
        .map(|item| render_item(item, options, heading, with_summary).into())
        .collect()
}

fn render_item(
    item: &Summary,
    options: &ViewOptions,
    heading: &'static str,
    with_summary: bool,
) -> Element {
    let mut li = Element::new("li").part("item");
    if let Some(image) = &item.image {
        // The title beside it says what the picture is about: decorative here.
        let mut image = image.clone();
        image.alt = String::new();
        li = li.child(image_element(&image, "item-image"));
    }
    let title = match &item.url {
        Some(url) => options
            .link(url)
            .part("item-link")
            .text(super::article::shown_title(&item.title, options)),
        None => Element::new("span").text(super::article::shown_title(&item.title, options)),
    };
    li = li.child(Element::new(heading).part("headline").child(title));
    if let Some(published) = &item.published {
        li = li.child(options.date(published, "item-date"));
    }
    if with_summary {
        if let Some(summary) = &item.summary {
            li = li.child(
                Element::new("p")
                    .part("item-summary")
                    .text(summary.as_str()),
            );
        }
    }
    li
}
