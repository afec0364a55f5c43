//! The real-world corpus (`tests/corpus/`): documents that sites and feed software
//! published, rendered natively as `<news-article>` and `<news-list>` would show them, and
//! checked against the values a person read from each document (`expected.json` beside
//! them): the headline with its character references decoded once, the date's instant (or
//! its wall time, or no date where the source's cannot be read), the first image, the item
//! count, and no `&amp;`, `NaN` or `undefined` anywhere. `e2e/corpus.test.mjs` checks the
//! same documents in Chromium and Firefox.
#![cfg(not(target_arch = "wasm32"))]

use news_embed::formats::{decode, Format, FormatChoice, Json};
use news_embed::i18n::{format_source_date, Lang};
use news_embed::model::{Document, Timestamp, Written};
use news_embed::node::{Element, Node};
use news_embed::ssr::{shown_document, ElementKind};
use news_embed::view::{render_article, render_listing, ViewOptions};

const FOLDERS: [&str; 3] = ["jsonfeed", "wordpress", "schemaorg"];

/// One document's expected values, as `expected.json` gives them.
struct Expected {
    folder: &'static str,
    entry: serde_json::Value,
}

impl Expected {
    fn file(&self) -> &str {
        self.entry["file"].as_str().expect("file")
    }
    fn string(&self, key: &str) -> Option<&str> {
        self.entry[key].as_str()
    }
    /// Where the test says the document was fetched from: relative URLs resolve here.
    fn base(&self) -> url::Url {
        url::Url::parse(&format!(
            "https://corpus.test/{}/{}",
            self.folder,
            self.file()
        ))
        .expect("base")
    }
    fn resolved(&self, raw: &str) -> String {
        self.base().join(raw.trim()).expect("resolves").into()
    }
}

fn corpus() -> Vec<Expected> {
    let mut all = Vec::new();
    for folder in FOLDERS {
        let path = format!(
            "{}/tests/corpus/{folder}/expected.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let entries: Vec<serde_json::Value> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        all.extend(entries.into_iter().map(|entry| Expected { folder, entry }));
    }
    all
}

fn document_of(expected: &Expected) -> (Format, Document) {
    let path = format!(
        "{}/tests/corpus/{}/{}",
        env!("CARGO_MANIFEST_DIR"),
        expected.folder,
        expected.file()
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    decode(&json, FormatChoice::Auto).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn images(nodes: &[Node], out: &mut Vec<String>) {
    for node in nodes {
        if let Node::Element(element) = node {
            if element.tag == "img" {
                out.extend(element.get_attr("src").map(str::to_owned));
            }
            images(&element.children, out);
        }
    }
}

fn all_text(nodes: &[Node]) -> String {
    let mut text = String::new();
    fn walk(nodes: &[Node], text: &mut String) {
        for node in nodes {
            match node {
                Node::Text(t) => text.push_str(t),
                Node::Element(Element {
                    attrs, children, ..
                }) => {
                    for (_, value) in attrs {
                        text.push_str(value);
                        text.push('\n');
                    }
                    walk(children, text);
                }
            }
        }
    }
    walk(nodes, &mut text);
    text
}

#[test]
fn the_corpus_has_thirty_documents_five_in_vietnamese_each_with_provenance_and_license() {
    let corpus = corpus();
    assert!(corpus.len() >= 30, "{} documents", corpus.len());
    let vietnamese = corpus
        .iter()
        .filter(|e| e.string("language") == Some("vi"))
        .count();
    assert!(vietnamese >= 5, "{vietnamese} in Vietnamese");
    for expected in &corpus {
        let source = &expected.entry["source"];
        let traced = source["url"].is_string()
            || (source["repo"].is_string()
                && source["path"].is_string()
                && source["commit"].as_str().is_some_and(|c| c.len() == 40));
        assert!(traced, "{}: no provenance", expected.file());
        assert!(
            expected.string("license").is_some(),
            "{}: no license",
            expected.file()
        );
        let readme = std::fs::read_to_string(format!(
            "{}/tests/corpus/{}/README.md",
            env!("CARGO_MANIFEST_DIR"),
            expected.folder
        ))
        .expect("README");
        assert!(
            readme.contains(expected.file()),
            "{} not in its README",
            expected.file()
        );
    }
}

#[test]
fn every_corpus_document_renders_what_its_reader_read_in_it() {
    let mut failures = Vec::new();
    for expected in corpus() {
        let name = format!("{}/{}", expected.folder, expected.file());
        if let Err(why) = check(&expected) {
            failures.push(format!("{name}: {why}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} documents wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn check(expected: &Expected) -> Result<(), String> {
    let (format, document) = document_of(expected);
    if Some(format.name()) != expected.string("format") {
        return Err(format!("read as {}", format.name()));
    }
    let items = match &document {
        Document::Article(_) => 1,
        Document::Listing(listing) => listing.items.len(),
    };
    let want_items = expected.entry["items"].as_u64().unwrap_or(0) as usize;
    if items != want_items {
        return Err(format!("{items} items, the document has {want_items}"));
    }
    let base = expected.base();
    let resolve = |raw: &str| {
        let url = base.join(raw).ok()?;
        matches!(url.scheme(), "http" | "https" | "mailto").then(|| url.into())
    };
    let format_date = |t: &Timestamp| format_source_date(t, Lang::En);
    let options = ViewOptions {
        lang: Lang::En,
        limit: None,
        format_date: &format_date,
        date_title: None,
        link_target: None,
    };

    // As `<news-list>` shows it: one item per article.
    let mut list = shown_document(ElementKind::List, document.clone(), None);
    list.map_urls(&mut |raw| resolve(raw));
    let Document::Listing(listing) = &list else {
        return Err("no listing".into());
    };
    let list_nodes = render_listing(listing, &options);
    let listed = list_nodes
        .iter()
        .map(|n| count_parts(n, "item"))
        .sum::<usize>();
    if listed != want_items {
        return Err(format!("the list shows {listed} items"));
    }

    // As `<news-article>` shows it: the first article.
    let mut shown = shown_document(ElementKind::Article, document, None);
    shown.map_urls(&mut |raw| resolve(raw));
    let Document::Article(article) = &shown else {
        return Err("no article".into());
    };
    let nodes = render_article(article, &options);
    let headline = nodes
        .iter()
        .flat_map(|n| n.find_parts("headline"))
        .next()
        .map(|h| Node::Element(h.clone()).text_content())
        .unwrap_or_default();
    match expected.string("headline") {
        Some(want) if headline != want => {
            return Err(format!("headline {headline:?}, not {want:?}"))
        }
        // Untitled items (micro.blog posts) are titled by their text, or "Untitled".
        None if headline.trim().is_empty() => return Err("no headline".into()),
        _ => {}
    }
    match (
        &article.published,
        expected.string("published"),
        expected.string("published_local"),
    ) {
        (Some(t), Some(instant), _) => {
            let want = Timestamp::parse_rfc3339(instant).ok_or("unreadable expected date")?;
            if t.written != Written::Moment || t.epoch_ms != want.epoch_ms {
                return Err(format!("published {}, not {instant}", t.to_rfc3339()));
            }
        }
        (Some(t), None, Some(local)) => {
            let want = Timestamp::parse_rfc3339(local).ok_or("unreadable expected date")?;
            if t.written != Written::WallTime || t.to_rfc3339() != want.to_rfc3339() {
                return Err(format!(
                    "published {}, not the wall time {local}",
                    t.to_rfc3339()
                ));
            }
        }
        (None, None, None) => {}
        (got, instant, local) => {
            return Err(format!(
                "published {:?}, expected {instant:?} / {local:?}",
                got.as_ref().map(Timestamp::to_rfc3339)
            ))
        }
    }
    let mut shown_images = Vec::new();
    images(&nodes, &mut shown_images);
    let named: Vec<String> = ["image", "body_image"]
        .iter()
        .filter_map(|key| expected.string(key))
        .map(|raw| expected.resolved(raw))
        .collect();
    match (shown_images.first(), named.first()) {
        (Some(first), Some(_)) if !named.contains(first) => {
            return Err(format!("first image {first}, the document names {named:?}"))
        }
        (None, Some(want)) => return Err(format!("no image shown, the document names {want}")),
        _ => {}
    }
    let text = all_text(&nodes) + &all_text(&list_nodes);
    for bad in ["&amp;", "NaN", "undefined", "&#"] {
        if text.contains(bad) {
            return Err(format!("{bad:?} is shown"));
        }
    }
    Ok(())
}

fn count_parts(node: &Node, part: &str) -> usize {
    node.find_parts(part).len()
}
