//! The build-time stylesheet minifier (`build/minify_css.rs`): smaller, and the same rules.

#[path = "../build/minify_css.rs"]
mod minify_css;

use minify_css::minify_css;

#[test]
fn comments_and_indentation_go() {
    let css = "/* head */\n:host {\n  display: block; /* why */\n  color : red;\n}\n";
    assert_eq!(minify_css(css), ":host{display:block;color :red}");
}

#[test]
fn quoted_strings_are_kept_exactly() {
    let css = r#"a::before { content: "/* not a comment */  two  spaces"; font-family: 'A  B', sans-serif; }"#;
    assert_eq!(
        minify_css(css),
        r#"a::before{content:"/* not a comment */  two  spaces";font-family:'A  B',sans-serif}"#
    );
}

#[test]
fn descendant_pseudo_classes_keep_their_space() {
    assert_eq!(minify_css("p :is(a, b) { x: 1 }"), "p :is(a,b){x:1}");
    assert_eq!(minify_css("p:hover{x:1}"), "p:hover{x:1}");
}

#[test]
fn media_queries_and_calc_keep_the_spaces_they_need() {
    let css = "@media (max-width: 30em) and (prefers-color-scheme: dark) {\n  a { margin: calc(1em + 2px) 0; }\n}";
    assert_eq!(
        minify_css(css),
        "@media (max-width: 30em) and (prefers-color-scheme: dark){a{margin:calc(1em + 2px) 0}}"
    );
}

/// The stylesheet without comments and white space, `;}` as `}`: what must not change.
fn essence(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out.retain(|c| !c.is_whitespace());
    out.replace(";}", "}")
}

#[test]
fn the_widget_stylesheet_loses_only_comments_and_white_space() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/web/styles.css"))
        .expect("src/web/styles.css");
    let minified = minify_css(&css);
    assert!(
        minified.len() * 10 < css.len() * 9,
        "{} -> {} bytes",
        css.len(),
        minified.len()
    );
    assert_eq!(essence(&minified), essence(&css));
}
