//! Points the browser tests at the third-party XSS corpus in ../shared (beside the clone, as
//! in CI), which is read at build time and never copied into the project. Without it, the
//! corpus tests are left out with a notice. It also minifies the stylesheet into OUT_DIR.

use std::path::PathBuf;

#[path = "build/minify_css.rs"]
mod minify_css;

fn main() {
    write_stylesheet();
    println!("cargo::rustc-check-cfg=cfg(xss_corpus)");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let corpus = PathBuf::from(manifest).join("../shared/corpora/xss-dompurify.json");
    // The folder too: a corpus that appears after a build without it is noticed.
    if let Some(folder) = corpus.parent() {
        println!("cargo::rerun-if-changed={}", folder.display());
    }
    println!("cargo::rerun-if-changed={}", corpus.display());
    println!("cargo::rerun-if-changed=build.rs");
    if corpus.is_file() {
        println!("cargo::rustc-cfg=xss_corpus");
        println!(
            "cargo::rustc-env=NEWS_EMBED_XSS_CORPUS={}",
            corpus.display()
        );
    } else {
        println!(
            "cargo::warning=notice: {} is absent; the XSS corpus tests are skipped",
            corpus.display()
        );
    }
}

/// `src/web/styles.css`, minified, as `$OUT_DIR/styles.css` for `include_str!`.
fn write_stylesheet() {
    println!("cargo::rerun-if-changed=src/web/styles.css");
    println!("cargo::rerun-if-changed=build/minify_css.rs");
    let css = std::fs::read_to_string("src/web/styles.css").unwrap_or_default();
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("styles.css");
    if let Err(error) = std::fs::write(&out, minify_css::minify_css(&css)) {
        println!("cargo::error=cannot write {}: {error}", out.display());
    }
}
