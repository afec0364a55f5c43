//! The model into the shadow root: a loaded source with the current attributes, or the
//! loading and error states. Long listings are read, rendered and dropped a slice at a time.

use std::cell::OnceCell;
use std::rc::Rc;

use web_sys::ShadowRoot;

use super::state::{Phase, Shown};
use super::{focus, Inner, Kind};
use crate::formats::{self, Format, FormatChoice};
use crate::i18n::Lang;
use crate::model::{Document, ErrorKind, Listing, Summary, Timestamp};
use crate::view::{self, Node, ViewOptions};
use crate::web::dates::{DateFormatter, RelativeFormatter, Zone};
use crate::web::dom::{self, DomWriter};
use crate::web::error::LoadError;
use crate::web::fetch::Fetched;
use crate::web::{html_body, source, urls};

/// Most items of a listing read from its JSON at once. A longer listing is read, rendered
/// and dropped a slice at a time: wasm memory never shrinks, so it must never have to hold
/// a whole long listing (10,000 items grew it by 29 MB when it did).
pub(super) const SLICE_ITEMS: u32 = 50;

impl Inner {
    /// Renders what is loaded with the current attributes (reading its JSON again), the
    /// loading state while nothing is, or the last fetch's error. Returns what a loaded
    /// source showed.
    pub(super) fn render(self: &Rc<Self>) -> Option<Result<Shown, LoadError>> {
        let sources = match &self.state.borrow().phase {
            Phase::Loaded(loaded) => Ok((loaded.source.clone(), loaded.pages.clone())),
            Phase::Failed { error, .. } => Err(Some(error.clone())),
            _ => Err(None),
        };
        let (source, pages) = match sources {
            Ok(sources) => sources,
            Err(Some(error)) => {
                self.show_error(Some(&error));
                return None;
            }
            Err(None) => {
                self.show_loading();
                return None;
            }
        };
        let root = self.root()?;
        {
            let mut state = self.state.borrow_mut();
            if state.schedule != super::state::Schedule::Idle {
                state.schedule = super::state::Schedule::QueuedAndRendered;
            }
        }
        let result = self.with_view(|options| self.show(&root, &source, &pages, options));
        if let Phase::Loaded(loaded) = &mut self.state.borrow_mut().phase {
            loaded.shown = result.clone();
        }
        match &result {
            Ok(_) => {
                self.state.borrow_mut().server_rendered = false;
                self.set_state("ready");
                if std::mem::take(&mut self.state.borrow_mut().focus_after_retry) {
                    focus::content(&root, self.kind);
                }
            }
            Err(error) => self.show_error(Some(error)),
        }
        Some(result)
    }

    fn show(
        &self,
        root: &ShadowRoot,
        source: &Fetched,
        pages: &[Fetched],
        options: &ViewOptions,
    ) -> Result<Shown, LoadError> {
        let choice = FormatChoice::from_attribute(self.attr("format").as_deref())?;
        // `<news-article>` needs every item of a listing: the chosen one and the others.
        let end = if self.kind == Kind::Article {
            u32::MAX
        } else {
            SLICE_ITEMS
        };
        let (format, document) = self
            .decode_slice(source, (0, end), choice)?
            .ok_or_else(|| LoadError::new(ErrorKind::Schema, "no JSON"))?;
        let one = |nodes: Vec<Node>, count| {
            dom::mount(root, &nodes);
            Ok(Shown {
                format,
                count,
                next: None,
            })
        };
        match (self.kind, document) {
            (Kind::Article, Document::Listing(listing)) if listing.items.is_empty() => {
                one(view::render_empty(options), 0)
            }
            (Kind::Article, Document::Listing(listing)) => {
                let item = self.attr("item");
                let mut article = listing.into_article(item.as_deref());
                // Only the item shown has its HTML body parsed.
                html_body::sanitize_article(&mut article);
                let mut article = Document::Article(article);
                urls::resolve_urls(&mut article, &source.url);
                match &article {
                    Document::Article(article) => one(view::render_article(article, options), 1),
                    Document::Listing(_) => one(Vec::new(), 0),
                }
            }
            (Kind::List, Document::Article(article)) => one(
                view::render_listing(
                    &Listing {
                        items: vec![article.to_summary()],
                        next: None,
                    },
                    options,
                ),
                1,
            ),
            (_, Document::Article(article)) => one(view::render_article(&article, options), 1),
            (_, Document::Listing(first)) => {
                Ok(self.show_listing(root, (format, first), source, pages, options))
            }
        }
    }

    /// A listing and its pages, each read and rendered a slice at a time into one list;
    /// `limit` holds per page.
    fn show_listing(
        &self,
        root: &ShadowRoot,
        (format, first): (Format, Listing),
        source: &Fetched,
        pages: &[Fetched],
        options: &ViewOptions,
    ) -> Shown {
        let unlimited = ViewOptions {
            limit: None,
            ..*options
        };
        // Later slices are read as the format the first was: detection looks at the first item.
        let choice = FormatChoice::Only(format);
        let mut writer: Option<DomWriter> = None;
        let mut count = 0;
        let mut next = None;
        let mut first = Some(first);
        for page in std::iter::once(source).chain(pages) {
            let (written, page_next) =
                self.write_page(page, first.take(), choice, options.limit, &mut |items| {
                    writer
                        .get_or_insert_with(|| {
                            let mut writer = DomWriter::new(root);
                            writer.open(&view::list_element());
                            writer
                        })
                        .nodes(&view::render_list_items(items, &unlimited));
                });
            count += written;
            if let Some(page_next) = page_next {
                next = page_next;
            }
        }
        match writer {
            Some(mut writer) => {
                writer.close();
                if next.is_some() {
                    writer.nodes(&[view::more_button(options)]);
                }
                writer.finish();
            }
            None => {
                next = None;
                dom::mount(root, &view::render_empty(options));
            }
        }
        Shown {
            format,
            count,
            next,
        }
    }

    /// Reads one page of a listing a slice at a time (its first slice may be in hand) and
    /// hands its items to `write`, at most `limit` of them. Returns how many it wrote and the
    /// page's own next page; `None` for that when not even a first slice could be read.
    pub(super) fn write_page(
        &self,
        page: &Fetched,
        mut first: Option<Listing>,
        choice: FormatChoice,
        limit: Option<usize>,
        write: &mut dyn FnMut(&[Summary]),
    ) -> (usize, Option<Option<String>>) {
        let limit = limit.unwrap_or(usize::MAX);
        let mut written = 0;
        let mut next = None;
        let mut start = 0;
        while written < limit {
            let listing = match first.take() {
                Some(listing) => listing,
                None => match self.decode_slice(page, (start, start + SLICE_ITEMS), choice) {
                    Ok(Some((_, Document::Listing(listing)))) => listing,
                    // A last slice of one item can read as an article.
                    Ok(Some((_, Document::Article(article)))) => Listing {
                        items: vec![article.to_summary()],
                        next: next.clone().flatten(),
                    },
                    Ok(None) | Err(_) => break,
                },
            };
            let take = listing.items.len().min(limit - written);
            if take > 0 {
                write(&listing.items[..take]);
            }
            written += take;
            next = Some(listing.next);
            start += SLICE_ITEMS;
        }
        (written, next)
    }

    /// Reads items `start..end` of a source (see [`source::slice`]): the whole document
    /// when it is not a listing, `None` past the end.
    pub(super) fn decode_slice(
        &self,
        source: &Fetched,
        (start, end): (u32, u32),
        choice: FormatChoice,
    ) -> Result<Option<(Format, Document)>, LoadError> {
        let Some(slice) = source::slice(&source.json, start, end) else {
            return Ok(None);
        };
        let tree = source::read_tree(&slice)?;
        let (format, mut document) = formats::decode(&tree, choice)?;
        drop(tree);
        match &mut document {
            Document::Article(article) => html_body::sanitize_article(article),
            Document::Listing(listing) if format == Format::WordPress => {
                listing.next = source
                    .total_pages
                    .and_then(|total| urls::next_page(&source.url, total));
            }
            Document::Listing(_) => {}
        }
        urls::resolve_urls(&mut document, &source.url);
        Ok(Some((format, document)))
    }

    pub(super) fn mount(&self, nodes: &[Node]) {
        if let Some(root) = self.root() {
            dom::mount(&root, nodes);
        }
    }

    pub(super) fn show_loading(&self) {
        if self.keep_server_rendering() {
            return;
        }
        let page_content = self.has_page_content();
        let nodes = self.with_view(|options| view::render_loading(options, page_content));
        self.mount(&nodes);
        self.set_state("loading");
    }

    /// Whether the page put something worth showing inside the element: an element, or text
    /// that is not just white space.
    fn has_page_content(&self) -> bool {
        let Some(host) = self.host() else {
            return false;
        };
        let children = host.child_nodes();
        (0..children.length())
            .filter_map(|i| children.item(i))
            .any(|child| {
                child.node_type() == web_sys::Node::ELEMENT_NODE
                    || (child.node_type() == web_sys::Node::TEXT_NODE
                        && child
                            .text_content()
                            .is_some_and(|t| !t.trim_ascii().is_empty()))
            })
    }

    /// While the server's rendering is shown, loading and failing keep it (a reader is
    /// better served by it than by a skeleton or an error; the events still tell the page).
    fn keep_server_rendering(&self) -> bool {
        let keep = self.state.borrow().server_rendered;
        if keep {
            self.set_state("ready");
        }
        keep
    }

    pub(super) fn show_error(&self, error: Option<&LoadError>) {
        if self.keep_server_rendering() {
            return;
        }
        let nodes = self.with_view(|options| {
            view::render_error(
                error.map(|e| e.kind),
                error.map_or(0, |e| e.status),
                self.attr("src").is_some(),
                options,
            )
        });
        self.mount(&nodes);
        self.set_state("error");
        if std::mem::take(&mut self.state.borrow_mut().focus_after_retry) {
            if let Some(root) = self.root() {
                focus::first(&root, "[part~=retry]");
            }
        }
    }

    pub(super) fn show_no_source(&self) {
        self.show_error(None);
    }

    pub(super) fn lang_tag(&self) -> String {
        self.host()
            .and_then(|host| host.closest("[lang]").ok().flatten())
            .and_then(|e| e.get_attribute("lang"))
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "en".to_owned())
    }

    fn limit(&self) -> Option<usize> {
        self.attr("limit")
            .and_then(|l| l.trim().parse::<usize>().ok())
    }

    /// Renders with the current attributes: language, time zone, date format, limit, link
    /// target.
    pub(super) fn with_view<T>(&self, f: impl FnOnce(&ViewOptions) -> T) -> T {
        let lang_tag = self.lang_tag();
        let zone = Zone::from_attribute(self.attr("time-zone"));
        // Made on the first date shown: loading and error views show none.
        let formatter = OnceCell::new();
        let format_date = |t: &Timestamp| {
            formatter
                .get_or_init(|| DateFormatter::shared(&lang_tag, &zone))
                .format(t)
        };
        let relative = self
            .attr("date-format")
            .is_some_and(|f| f.trim().eq_ignore_ascii_case("relative"));
        let relative_formatter = OnceCell::new();
        let format_relative = |t: &Timestamp| {
            relative_formatter
                .get_or_init(|| RelativeFormatter::new(&lang_tag))
                .format(t)
                .unwrap_or_else(|| format_date(t))
        };
        let link_target = self.attr("link-target");
        let options = ViewOptions {
            lang: Lang::from_tag(&lang_tag),
            limit: self.limit(),
            format_date: if relative {
                &format_relative
            } else {
                &format_date
            },
            date_title: relative.then_some(&format_date as &dyn Fn(&Timestamp) -> String),
            link_target: link_target.as_deref().map(str::trim),
        };
        f(&options)
    }
}
