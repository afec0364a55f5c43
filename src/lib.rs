//! news-embed: an embeddable news article widget in WebAssembly.
//!
//! A host page imports `dist/news-embed.js` and writes `<news-article src="…">` or
//! `<news-list src="…">`; the widget fetches the JSON, decodes it from one of the formats it
//! reads, and renders it into an open shadow root. Data flows one way:
//!
//! fetch (`web`) → decode ([`formats`]) → model ([`model`]) → view ([`view`]) →
//! renderer (`web::dom` in the browser, [`html`] as text).
//!
//! Everything but `web` is plain Rust and is tested natively with `cargo test`. The crate
//! builds for two targets, and two modules exist on one of them only:
//!
//! - `web` (`wasm32-unknown-unknown` only): the custom elements (each given its widget by
//!   `start` when the wasm runs), fetching, the DOM renderer, and the module's
//!   `render(element, data)`.
//! - `ssr` (native only): server-side rendering, the element with a declarative shadow root
//!   as HTML, behind the `news-embed render` command of this crate.
//!
//! The rest is shared: [`formats`] reads the native format, JSON Feed 1.1/1.0, WordPress
//! REST API v2 posts and schema.org JSON-LD into the one [`model`]; [`sanitize`] holds the
//! allowlist for URLs and HTML bodies; [`view`] turns the model into a [`node`] tree, which
//! [`html`] writes as escaped HTML; [`i18n`] has the labels and the date format;
//! [`html_text`] reads HTML fragments as text.
//!
//! ```
//! use news_embed::formats::{decode, FormatChoice, Json};
//! use news_embed::model::Document;
//!
//! let json: Json = serde_json::from_str(
//!     r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Tin tức",
//!         "items": [{"id": "1", "title": "Đại hội lần thứ IV",
//!                    "content_text": "Sáng 21/5…"}]}"#,
//! )?;
//! let (format, document) = decode(&json, FormatChoice::Auto)?;
//! assert_eq!(format.name(), "jsonfeed");
//! let Document::Listing(feed) = document else { panic!("a feed is a listing") };
//! assert_eq!(feed.into_article(None).title, "Đại hội lần thứ IV");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod formats;
pub mod html;
pub mod html_text;
pub mod i18n;
pub mod model;
pub mod node;
mod number;
pub mod sanitize;
pub mod view;

#[cfg(not(target_arch = "wasm32"))]
pub mod ssr;

#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(target_arch = "wasm32")]
pub use web::{render, start};
