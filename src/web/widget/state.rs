//! What a widget holds: one [`Phase`] for where its source stands, so that a fetch, a failure
//! and a loaded source cannot be held at once, and the few facts that are independent of it.

use js_sys::Function;

use crate::formats::Format;
use crate::web::error::LoadError;
use crate::web::fetch::{Fetched, Wait};

/// Where the widget's source stands.
#[derive(Default)]
pub enum Phase {
    /// Nothing asked for yet, or nothing to ask for (no `src`, no `.data`).
    #[default]
    Empty,
    /// `src` is fetched once the element comes near the viewport.
    AwaitingViewport { src: String },
    /// `src` is being fetched.
    Fetching {
        src: String,
        wait: Wait,
        /// "More" of a server rendering was used before the source was in: it runs once it is.
        then_more: bool,
    },
    /// The last fetch of `src` failed.
    Failed { src: String, error: LoadError },
    /// A source is in.
    Loaded(Loaded),
}

impl Phase {
    /// The `src` this phase is about; `None` for `.data` and for nothing.
    pub fn src(&self) -> Option<&str> {
        match self {
            Phase::AwaitingViewport { src }
            | Phase::Fetching { src, .. }
            | Phase::Failed { src, .. }
            | Phase::Loaded(Loaded {
                origin: Origin::Src(src),
                ..
            }) => Some(src),
            Phase::Empty
            | Phase::Loaded(Loaded {
                origin: Origin::Data,
                ..
            }) => None,
        }
    }

    /// Whether `.data` is what is shown.
    pub fn shows_data(&self) -> bool {
        matches!(
            self,
            Phase::Loaded(Loaded {
                origin: Origin::Data,
                ..
            })
        )
    }

    /// What the last render of a loaded source showed, if it showed it.
    pub fn shown(&self) -> Option<&Shown> {
        match self {
            Phase::Loaded(Loaded {
                shown: Ok(shown), ..
            }) => Some(shown),
            _ => None,
        }
    }
}

/// Where a loaded source came from.
pub enum Origin {
    /// The `src` attribute (its value when it was fetched).
    Src(String),
    /// The `data` property (or the exported `render()`).
    Data,
}

/// A source's JSON and the pages appended to it with "more". Only the JSON is kept, in the
/// JavaScript heap where it goes with the element: every render reads it again.
pub struct Loaded {
    pub origin: Origin,
    pub source: Fetched,
    pub pages: Vec<Fetched>,
    /// What the last render showed, or why it could not.
    pub shown: Result<Shown, LoadError>,
    /// The next page "more" is fetching.
    pub more: Option<MoreFetch>,
}

/// What a render showed: the format it read, how many items, and the listing's next page.
#[derive(Clone)]
pub struct Shown {
    pub format: Format,
    pub count: usize,
    pub next: Option<String>,
}

/// "More" at work: the page it is fetching.
pub struct MoreFetch {
    pub next: String,
    pub wait: Wait,
    /// The button had focus when it was used: it gets it back, or the first new item does.
    pub had_focus: bool,
}

/// Updates are coalesced: the changes of one task (several attributes set in a row) make
/// one update, in a microtask.
#[derive(Default, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    #[default]
    Idle,
    Queued,
    /// Queued, and a render has run since with the current attributes: with `.data` (set
    /// right after connecting) the update has nothing left to do.
    QueuedAndRendered,
}

#[derive(Default)]
pub struct State {
    pub phase: Phase,
    pub connected: bool,
    /// Came near the viewport once: later sources are fetched at once.
    pub near_viewport: bool,
    pub schedule: Schedule,
    /// "Retry" had focus when it was used: the render that answers it (the content, or the
    /// error again) takes focus, instead of leaving the reader on the page's `<body>`.
    pub focus_after_retry: bool,
    /// The shadow root holds the server's rendering (`news-embed render`) and nothing has
    /// been rendered over it yet: it stays shown, as `ready`, instead of the loading and
    /// error states, until a render replaces it (or keeps it, being the same).
    pub server_rendered: bool,
    /// Resolvers of `reload()` promises, called when the element is next `ready` or in `error`.
    pub waiters: Vec<Function>,
    /// `.data` came while the element was out of the page: it is rendered, and its load
    /// announced, when the element is connected (a render before would be done again
    /// there, in the language of the page it joins).
    pub unannounced: bool,
}
