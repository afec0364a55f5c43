//! news-embed: an embeddable news article widget in WebAssembly.
//!
//! A host page imports `dist/news-embed.js` and writes `<news-article src="…">` or
//! `<news-list src="…">`; the widget fetches the JSON, decodes it from one of the formats it
//! reads, and renders it into an open shadow root. Data flows one way:
//!
//! fetch ([`web`]) → decode ([`formats`]) → model ([`model`]) → view ([`view`]) →
//! renderer (`web::dom` in the browser, [`html`] as text).
//!
//! Everything but [`web`] is plain Rust and is tested natively with `cargo test`.

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
