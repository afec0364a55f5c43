//! Model → a small tree of nodes (tag, attributes, children, text), in plain Rust.
//!
//! One view, two outputs: `web::dom` turns the tree into DOM nodes, [`crate::html`] into an
//! HTML string.

mod article;
mod list;
mod status;

pub use article::render_article;
pub use list::{list_element, more_button, render_items, render_list_items, render_listing};
pub use status::{render_empty, render_error, render_loading};

pub use crate::node::{Element, Node};

use crate::i18n::Lang;
use crate::model::Timestamp;

/// What every view needs besides the model.
pub struct ViewOptions<'a> {
    pub lang: Lang,
    /// Most items shown in a list or in "other news"; `None` shows all.
    pub limit: Option<usize>,
    /// Formats a timestamp for people: `Intl` in the browser, [`crate::i18n`] natively.
    pub format_date: &'a dyn Fn(&Timestamp) -> String,
    /// With relative dates ("3 giờ trước"), the full date and time, shown as the `title` of
    /// each date: the exact moment stays one hover or long-press away.
    pub date_title: Option<&'a dyn Fn(&Timestamp) -> String>,
    /// The host's `link-target` (`_blank`, `_top`…): where links in the widget open.
    pub link_target: Option<&'a str>,
}

impl ViewOptions<'_> {
    /// A link of the widget's own (an item, "read more"): opens where the host wants links
    /// to open, and a new browsing context gets no handle on this page.
    fn link(&self, url: &str) -> Element {
        let link = Element::new("a").attr("href", url.to_owned());
        match self.link_target {
            Some(target) => link
                .attr("target", target.to_owned())
                .attr("rel", "noopener"),
            None => link,
        }
    }

    /// A link from an article's own HTML: never trusted with the referrer or the opener.
    fn markup_link(&self, link: Element) -> Element {
        let link = link.attr("rel", "noopener noreferrer");
        match self.link_target {
            Some(target) => link.attr("target", target.to_owned()),
            None => link,
        }
    }

    fn date(&self, time: &Timestamp, part: &'static str) -> Element {
        let time_element = Element::new("time")
            .part(part)
            .attr("datetime", time.to_rfc3339());
        let time_element = match self.date_title {
            Some(title) => time_element.attr("title", title(time)),
            None => time_element,
        };
        time_element.text((self.format_date)(time))
    }
}
