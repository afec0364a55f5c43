//! `news-embed`: the widget rendered on the server, for pages that show articles without
//! JavaScript and without a flash when the widget starts.
//!
//! ```text
//! news-embed render [FILE|-] [--lang vi] [--src URL] [--base URL] …   the element, as HTML
//! news-embed stylesheet                                                the widget's CSS
//! ```

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// Server-side rendering is native: a wasm build of the crate has no command to run.
#[cfg(target_arch = "wasm32")]
fn main() {}
