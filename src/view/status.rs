//! The states around the content: loading, empty and error.

use super::{Element, Node, ViewOptions};
use crate::model::ErrorKind;

/// The loading state. When the page put content inside the element (a link, a server-side
/// rendering), a `<slot>` keeps showing it; otherwise a skeleton stands in.
pub fn render_loading(options: &ViewOptions, show_page_content: bool) -> Vec<Node> {
    let labels = options.lang.labels();
    let status = Element::new("div")
        .part("status")
        .attr("role", "status")
        .attr("aria-live", "polite")
        .attr("aria-busy", "true");
    let status = if show_page_content {
        status.child(Element::new("slot"))
    } else {
        status
            .child(
                Element::new("div")
                    .attr("class", "skeleton")
                    .attr("aria-hidden", "true")
                    .children((0..4).map(|_| Element::new("div").attr("class", "bone").into())),
            )
            .child(Element::new("p").attr("class", "note").text(labels.loading))
    };
    vec![status.into()]
}

/// A listing with nothing in it.
pub fn render_empty(options: &ViewOptions) -> Vec<Node> {
    vec![Element::new("div")
        .part("status")
        .attr("role", "status")
        .child(
            Element::new("p")
                .attr("class", "note")
                .text(options.lang.labels().empty),
        )
        .into()]
}

/// The error state: a localised message, and a retry button when trying again can help
/// (there is a source to fetch again). `status` is the HTTP status for [`ErrorKind::Http`];
/// `kind` is `None` when the element has no source at all.
pub fn render_error(
    kind: Option<ErrorKind>,
    status: u16,
    can_retry: bool,
    options: &ViewOptions,
) -> Vec<Node> {
    let labels = options.lang.labels();
    let message = match kind {
        Some(ErrorKind::Http) => {
            format!("{} {status}.", labels.error_http)
        }
        Some(ErrorKind::Network) => labels.error_network.to_owned(),
        Some(ErrorKind::Timeout) => labels.error_timeout.to_owned(),
        Some(ErrorKind::Parse) => labels.error_parse.to_owned(),
        Some(ErrorKind::Schema) => labels.error_schema.to_owned(),
        None => labels.error_no_source.to_owned(),
    };
    let mut alert = Element::new("div")
        .part("status")
        .attr("role", "alert")
        .child(Element::new("p").attr("class", "message").text(message));
    if can_retry && kind.is_some() {
        alert = alert.child(
            Element::new("button")
                .part("retry")
                .attr("type", "button")
                .text(labels.retry),
        );
    }
    vec![alert.into()]
}
