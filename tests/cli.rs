//! The `news-embed` command: what a server's build script runs.

#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const CLI: &str = env!("CARGO_BIN_EXE_news-embed");
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/fixtures/article-vi.json");

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(CLI)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    if let Some(text) = stdin {
        input
            .write_all(text.as_bytes())
            .expect("stdin takes the input");
    }
    drop(input);
    child.wait_with_output().expect("the command ends")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn renders_a_file_as_the_element_with_a_declarative_shadow_root() {
    let output = run(
        &[
            "render",
            SEED,
            "--lang",
            "vi",
            "--src",
            "/api/dai-hoi-iv.json",
        ],
        None,
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = stdout(&output);
    assert!(html.starts_with(
        "<news-article lang=\"vi\" src=\"/api/dai-hoi-iv.json\"><template shadowrootmode=\"open\">\
         <link rel=\"stylesheet\" href=\"/dist/news-embed.css\"><article part=\"article\""
    ));
    assert!(html.trim_end().ends_with("</template></news-article>"));
    assert!(html.contains(">22/5/2020, 10:21 (GMT+7)</time>"));
    assert!(html.contains(">Các tin khác</h2>"));
    assert_eq!(html.matches("<figcaption part=\"caption\">").count(), 3);
}

#[test]
fn reads_standard_input_and_picks_the_element_from_the_document() {
    let listing = r#"{"items": [{"title": "Tin một", "url": "https://example.org/1"}]}"#;
    let output = run(&["render", "-", "--lang", "en"], Some(listing));
    assert!(output.status.success());
    let html = stdout(&output);
    assert!(html.starts_with("<news-list lang=\"en\"><template shadowrootmode=\"open\">"));
    assert!(html.contains("<a href=\"https://example.org/1\""));
    // No file at all also means standard input.
    let output = run(&["render", "--element", "article"], Some(listing));
    assert!(stdout(&output).starts_with("<news-article lang=\"en\">"));
}

#[test]
fn resolves_relative_urls_against_base_and_escapes_attributes() {
    let output = run(
        &[
            "render",
            SEED,
            "--base",
            "https://tin.example/api/a.json",
            "--stylesheet",
            "/s.css?a=1&b=\"2\"",
        ],
        None,
    );
    let html = stdout(&output);
    assert!(
        html.contains("src=\"https://tin.example/images/dai-hoi-1.svg\""),
        "{html}"
    );
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/s.css?a=1&amp;b=&quot;2&quot;\">"));
    // The language was not given: the article's own.
    assert!(html.starts_with("<news-article lang=\"vi\">"));
}

#[test]
fn says_why_it_cannot_render_with_a_failing_exit_code() {
    let output = run(&["render", "-"], Some("{not json"));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("news-embed: not JSON"));
    assert!(output.stdout.is_empty());

    let output = run(&["render", "-"], Some(r#"{"hello": "world"}"#));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a news article or listing"));

    let output = run(&["render", "/no/such/file.json"], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/no/such/file.json"));
}

#[test]
fn rejects_unknown_options_with_the_usage() {
    for args in [
        &["render", SEED, "--colour", "red"][..],
        &["render", SEED, "--limit", "many"],
        &["draw"],
    ] {
        let output = run(args, None);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("usage:"),
            "{args:?}"
        );
    }
}

#[test]
fn prints_the_stylesheet_the_widget_adopts() {
    let output = run(&["stylesheet"], None);
    assert!(output.status.success());
    let css = stdout(&output);
    assert!(css.contains("--news-embed-color"));
    assert!(css.contains("prefers-reduced-motion"));
    assert!(!css.contains("/*"), "minified: no comments");
}
