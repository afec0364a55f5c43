//! Points the tests at the data in ../shared (beside the clone, as in CI), which is read from
//! there and never copied into the project, and minifies the stylesheet into OUT_DIR.
//!
//! - `cfg(shared_seed)`: `../shared/seed/article-vi.txt` is there (`tests/native.rs` compares
//!   the seed fixture with it, byte for byte, reading it when the test runs).
//! - `cfg(xss_corpus)`: `../shared/corpora/xss-dompurify.json` is there (`tests/xss.rs`
//!   renders it, read at build time through `NEWS_EMBED_XSS_CORPUS`).
//! - `cfg(shared_required)`: `CI=true`. Where a file is absent, the tests that need it are
//!   reported as ignored, by name, with the reason; under `CI=true` they run instead and fail,
//!   saying what is absent. The build itself never fails for it: `make dist`, `cargo doc` and
//!   the fuzz targets do not need the data, and a crate built as a dependency in someone
//!   else's CI has no ../shared beside it.

use std::path::{Path, PathBuf};

#[path = "build/minify_css.rs"]
mod minify_css;

fn main() {
    write_stylesheet();
    shared_data();
}

/// The cfgs above, and a warning naming each absent file.
fn shared_data() {
    println!("cargo::rustc-check-cfg=cfg(shared_seed, xss_corpus, shared_required)");
    println!("cargo::rerun-if-env-changed=CI");
    let required = std::env::var("CI").is_ok_and(|ci| ci == "true");
    if required {
        println!("cargo::rustc-cfg=shared_required");
    }
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let shared = Path::new(&manifest).join("../shared");
    // (cfg, file, environment variable with its path for include_str!, the tests that need it)
    let files = [
        (
            "shared_seed",
            "seed/article-vi.txt",
            None,
            "the seed comparison in tests/native.rs",
        ),
        (
            "xss_corpus",
            "corpora/xss-dompurify.json",
            Some("NEWS_EMBED_XSS_CORPUS"),
            "the four corpus tests in tests/xss.rs",
        ),
    ];
    for (cfg, file, variable, tests) in files {
        let path: PathBuf = shared.join(file);
        // The folder too: a file that appears after a build without it is noticed.
        if let Some(folder) = path.parent() {
            println!("cargo::rerun-if-changed={}", folder.display());
        }
        println!("cargo::rerun-if-changed={}", path.display());
        if path.is_file() {
            println!("cargo::rustc-cfg={cfg}");
            if let Some(variable) = variable {
                println!("cargo::rustc-env={variable}={}", path.display());
            }
        } else if required {
            println!(
                "cargo::warning=CI=true and {} is absent: it fails {tests}",
                path.display()
            );
        } else {
            println!(
                "cargo::warning=notice: {} is absent; ignored, by name: {tests}",
                path.display()
            );
        }
    }
    println!("cargo::rerun-if-changed=build.rs");
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
