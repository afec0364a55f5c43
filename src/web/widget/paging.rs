//! "More": the next page of a listing, fetched and appended after the items shown. The
//! pages before it are not read or rendered again.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

use super::rendering::SLICE_ITEMS;
use super::state::{MoreFetch, Phase, Shown};
use super::{focus, Inner};
use crate::formats::FormatChoice;
use crate::model::{Document, ErrorKind, Listing};
use crate::view::{self, ViewOptions};
use crate::web::dom::DomWriter;
use crate::web::error::LoadError;
use crate::web::fetch::{Fetched, Outcome};

impl Inner {
    /// The "more" button was used. On a server rendering whose source is not in yet (the
    /// button came from the server), the source is fetched first and "more" runs after.
    pub(super) fn more(self: &Rc<Self>) {
        let before_source = {
            let state = self.state.borrow();
            state.server_rendered && !matches!(state.phase, Phase::Loaded(_))
        };
        if !before_source {
            self.load_more();
            return;
        }
        self.state.borrow_mut().near_viewport = true;
        if let Phase::Fetching { then_more, .. } = &mut self.state.borrow_mut().phase {
            *then_more = true;
            return;
        }
        if let Some(src) = self.attr("src") {
            self.fetch(src, true);
        }
    }

    /// The retry button was used.
    pub(super) fn retry(self: &Rc<Self>) {
        let had_focus = self
            .root()
            .and_then(|root| root.active_element())
            .is_some_and(|element| element.matches("[part~=retry]").unwrap_or(false));
        self.state.borrow_mut().focus_after_retry = had_focus;
        self.reload();
    }

    /// Fetches the listing's next page; it comes to `more_fetched`.
    pub(super) fn load_more(self: &Rc<Self>) {
        let next = match &self.state.borrow().phase {
            Phase::Loaded(loaded) if loaded.more.is_none() => loaded
                .shown
                .as_ref()
                .ok()
                .and_then(|shown| shown.next.clone()),
            _ => None,
        };
        let Some(next) = next else {
            return;
        };
        let mut had_focus = false;
        if let Some((root, button)) = self.more_button() {
            // `aria-disabled`, not `disabled`: a disabled button loses focus to the page's
            // `<body>`. Clicks meanwhile are ignored (the phase holds the fetch).
            had_focus = root.active_element().as_ref() == Some(&button);
            let _ = button.set_attribute("aria-busy", "true");
            let _ = button.set_attribute("aria-disabled", "true");
        }
        let wait = self.wait_for(&next);
        if let Phase::Loaded(loaded) = &mut self.state.borrow_mut().phase {
            loaded.more = Some(MoreFetch {
                next,
                wait,
                had_focus,
            });
        }
    }

    /// Stops a "more" under way (the element left the page); the button can be used again.
    pub(super) fn stop_more(&self) {
        let more = match &mut self.state.borrow_mut().phase {
            Phase::Loaded(loaded) => loaded.more.take(),
            _ => None,
        };
        if more.is_some() {
            drop(more);
            if let Some((_, button)) = self.more_button() {
                enable(&button, false);
            }
        }
    }

    /// The page "more" fetched from `next`: appended to the list, or the failure announced.
    pub(super) fn more_fetched(self: &Rc<Self>, outcome: Outcome, next: String, had_focus: bool) {
        // Read as the first page was, as every later render reads it (`show_listing`).
        let shown = self.state.borrow().phase.shown().cloned();
        let page = outcome.and_then(|fetched| {
            let choice = match &shown {
                Some(shown) => FormatChoice::Only(shown.format),
                None => FormatChoice::from_attribute(self.attr("format").as_deref())?,
            };
            match self.decode_slice(&fetched, (0, SLICE_ITEMS), choice)? {
                Some((_, Document::Listing(first))) => Ok((fetched, first)),
                _ => Err(LoadError::new(
                    ErrorKind::Schema,
                    "the next page is an article, not a listing",
                )),
            }
        });
        let (page, first) = match page {
            Ok(page) => page,
            Err(error) => {
                // The list stays; the page hears of the failure and "more" can be tried again.
                if let Some((_, button)) = self.more_button() {
                    enable(&button, had_focus);
                }
                self.announce_error(&error, Some(&next));
                return;
            }
        };
        let appended = shown.and_then(|shown| self.append_page(&page, first, shown, had_focus));
        if let Phase::Loaded(loaded) = &mut self.state.borrow_mut().phase {
            loaded.pages.push(page);
            if let Some(shown) = &appended {
                loaded.shown = Ok(shown.clone());
            }
        }
        if appended.is_none() {
            self.render();
        }
        self.announce_load();
    }

    /// Appends `page`, whose first slice is `first`, to the list `shown`; `None` when there
    /// is no list to append to.
    fn append_page(
        &self,
        page: &Fetched,
        first: Listing,
        shown: Shown,
        had_focus: bool,
    ) -> Option<Shown> {
        let root = self.root()?;
        let list = root.query_selector("[part~=list]").ok().flatten()?;
        let items_before = list.child_element_count();
        let (written, next) = self.with_view(|options| {
            let unlimited = ViewOptions {
                limit: None,
                ..*options
            };
            let mut writer = DomWriter::new(&list);
            let choice = FormatChoice::Only(shown.format);
            let written = self.write_page(page, Some(first), choice, options.limit, &mut |items| {
                writer.nodes(&view::render_list_items(items, &unlimited))
            });
            writer.append();
            written
        });
        let next = next.flatten();
        if let Some((_, button)) = self.more_button() {
            if next.is_some() {
                enable(&button, had_focus);
            } else {
                button.remove();
                // The last page is in: focus goes to its first item, not back to the page.
                if had_focus {
                    focus::item_link(&list, items_before);
                }
            }
        }
        Some(Shown {
            format: shown.format,
            count: shown.count + written,
            next,
        })
    }

    fn more_button(&self) -> Option<(ShadowRoot, Element)> {
        let root = self.root()?;
        let button = root.query_selector("[part~=more]").ok().flatten()?;
        Some((root, button))
    }
}

/// "More" can be used again, with focus back if it had it when it was used.
fn enable(button: &Element, focus: bool) {
    let _ = button.remove_attribute("aria-busy");
    let _ = button.remove_attribute("aria-disabled");
    if focus {
        if let Some(button) = button.dyn_ref::<HtmlElement>() {
            let _ = button.focus();
        }
    }
}
