//! Native tests of the format adapters and of `format="auto"` on the committed fixtures:
//! JSON Feed 1.1 and 1.0, WordPress REST API v2, schema.org JSON-LD.
#![cfg(not(target_arch = "wasm32"))]

use news_embed::formats::{decode, DecodeError, Format, FormatChoice, Json};
use news_embed::html::to_html;
use news_embed::html_text::html_to_paragraphs;
use news_embed::i18n::{format_source_date, Lang};
use news_embed::model::{Article, Block, Document, Listing, Role, Timestamp};
use news_embed::view::{render_article, ViewOptions};

const SEED_TITLE: &str =
    "Đại hội Đảng bộ Sở Khoa học và Công nghệ lần thứ IV, nhiệm kỳ 2020 - 2025";
const SEED_CAPTIONS: [&str; 3] = [
    "Ban chấp hành Đảng bộ Sở Khoa học và Công nghệ nhiệm kỳ 2020 - 2025",
    "Đại biểu đại hội tiến hành biểu quyết",
    "Trao hoa\u{a0} và quà cho cấp ủy nhiệm kỳ 2015 -2020 không tái cử",
];

fn fixture(path: &str) -> Json {
    let full = format!("{}/www/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn decode_value(value: &Json, choice: FormatChoice) -> Result<(Format, Document), DecodeError> {
    decode(value, choice)
}

fn auto(path: &str) -> (Format, Document) {
    decode_value(&fixture(path), FormatChoice::Auto).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn article_of(path: &str) -> Article {
    match auto(path).1 {
        Document::Article(article) => article,
        Document::Listing(_) => panic!("{path}: expected an article"),
    }
}

fn listing_of(path: &str) -> Listing {
    match auto(path).1 {
        Document::Listing(listing) => listing,
        Document::Article(_) => panic!("{path}: expected a listing"),
    }
}

/// The native seed's text, block by block: paragraphs and captions in reading order.
fn native_seed_texts() -> Vec<String> {
    let article = article_of("article-vi.json");
    article
        .body
        .iter()
        .filter_map(|block| match block {
            Block::Paragraph(text) => Some(text.clone()),
            Block::Image(image) => image.caption.clone(),
            _ => None,
        })
        .collect()
}

fn body_html(article: &Article) -> &str {
    match article.body.as_slice() {
        [Block::Html(html)] => html,
        other => panic!("expected one HTML body, got {other:?}"),
    }
}

fn credit_line(article: &Article, lang: Lang) -> String {
    let format_date = move |t: &Timestamp| format_source_date(t, lang);
    let options = ViewOptions {
        lang,
        limit: None,
        format_date: &format_date,
        date_title: None,
        link_target: None,
    };
    let nodes = render_article(article, &options);
    nodes[0]
        .find_parts("credit")
        .first()
        .map(|credit| news_embed::node::Node::Element((*credit).clone()).text_content())
        .unwrap_or_default()
}

#[test]
fn auto_detects_every_fixture_by_its_own_markers() {
    for (path, expected) in [
        ("article-vi.json", Format::Native),
        ("articles.json", Format::Native),
        ("jsonfeed/feed.json", Format::JsonFeed),
        ("jsonfeed/feed-1.0.json", Format::JsonFeed),
        ("jsonfeed/item.json", Format::JsonFeed),
        ("wordpress/posts.json", Format::WordPress),
        ("wordpress/post.json", Format::WordPress),
        ("schemaorg/article.json", Format::SchemaOrg),
        ("schemaorg/itemlist.json", Format::SchemaOrg),
        ("schemaorg/graph.json", Format::SchemaOrg),
        ("schemaorg/blogposting.json", Format::SchemaOrg),
        ("schemaorg/reportage.json", Format::SchemaOrg),
    ] {
        assert_eq!(auto(path).0, expected, "{path}");
    }
}

#[test]
fn an_unrecognised_document_is_a_schema_error_naming_what_was_expected() {
    for json in [
        r#"{"foo": 1}"#,
        "{}",
        r#"[{"foo": 1}]"#,
        "42",
        "null",
        r#""text""#,
    ] {
        let value: Json = serde_json::from_str(json).expect("json");
        let error = decode_value(&value, FormatChoice::Auto).expect_err(json);
        assert!(
            error.message.starts_with("unrecognised document"),
            "{json}: {error}"
        );
        if json.starts_with('{') {
            for format in ["native", "JSON Feed", "WordPress", "schema.org"] {
                assert!(error.message.contains(format), "{json}: {error}");
            }
        }
    }
}

#[test]
fn a_forced_format_reads_only_that_format() {
    let feed = fixture("jsonfeed/feed.json");
    let (format, _) = decode_value(&feed, FormatChoice::Only(Format::JsonFeed)).expect("feed");
    assert_eq!(format, Format::JsonFeed);
    let wordpress = fixture("wordpress/post.json");
    let error =
        decode_value(&wordpress, FormatChoice::Only(Format::SchemaOrg)).expect_err("not JSON-LD");
    assert!(error.message.contains("schema.org"), "{error}");
    assert!(FormatChoice::from_attribute(Some("wordpress")).is_ok());
    assert!(FormatChoice::from_attribute(Some("rss")).is_err());
}

#[test]
fn json_feed_is_a_listing_whose_items_carry_their_articles() {
    let listing = listing_of("jsonfeed/feed.json");
    assert_eq!(listing.items.len(), 15);
    assert_eq!(listing.next.as_deref(), Some("feed-2.json"));
    let seed = &listing.items[0];
    assert_eq!(seed.id.as_deref(), Some("dai-hoi-iv"));
    assert_eq!(seed.title, SEED_TITLE);
    let article = seed
        .article
        .as_deref()
        .expect("the whole article travels with the item");
    assert_eq!(
        article
            .published
            .as_ref()
            .map(Timestamp::to_rfc3339)
            .as_deref(),
        Some("2020-05-22T10:21:00+07:00")
    );
    assert_eq!(article.language.as_deref(), Some("vi"));
    assert_eq!(article.authors[0].name, "Ngọc Triều");
    assert!(!article.tags.is_empty());
    assert_eq!(
        html_to_paragraphs(body_html(article)),
        native_seed_texts(),
        "the HTML body holds the seed's paragraphs and captions in order"
    );
    // An item with content_text: paragraphs, and a summary.
    let text_item = listing.items[1].article.as_deref().expect("article");
    assert!(matches!(text_item.body.first(), Some(Block::Paragraph(_))));
    assert!(listing.items[1].summary.is_some());
    assert!(listing.items[1].image.is_some());
}

#[test]
fn json_feed_1_0_and_single_items() {
    let listing = listing_of("jsonfeed/feed-1.0.json");
    assert_eq!(listing.items.len(), 3);
    assert!(
        listing
            .items
            .iter()
            .any(|item| item.id.as_deref() == Some("2041")),
        "a numeric 1.0 id becomes text"
    );
    let with_author = listing.items[0].article.as_deref().expect("article");
    assert_eq!(
        with_author.authors[0].name, "Ngọc Triều",
        "1.0's singular author"
    );
    let item = article_of("jsonfeed/item.json");
    assert_eq!(item.title, SEED_TITLE);
    assert_eq!(html_to_paragraphs(body_html(&item)), native_seed_texts());
    let page_two = listing_of("jsonfeed/feed-2.json");
    assert_eq!(page_two.items.len(), 5);
    assert_eq!(page_two.next, None);
}

#[test]
fn json_feed_items_without_titles_use_their_text() {
    let value: Json = serde_json::from_str(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Microblog",
            "items": [{"id": "1", "content_text": "Just a short note without a title, as microblogs post them."},
                      {"id": "2"},
                      {"id": "3", "title": "T", "url": "javascript:alert(1)", "image": "data:image/png,x"}]}"#,
    )
    .expect("json");
    let (_, Document::Listing(listing)) = decode_value(&value, FormatChoice::Auto).expect("feed")
    else {
        panic!("listing")
    };
    assert_eq!(
        listing.items.len(),
        2,
        "an item with nothing to show is left out"
    );
    assert!(listing.items[0].title.starts_with("Just a short note"));
    assert_eq!(listing.items[1].url, None);
    assert_eq!(listing.items[1].image, None);
}

#[test]
fn wordpress_post_decodes_entities_offsets_media_and_terms() {
    let article = article_of("wordpress/post.json");
    assert_eq!(article.title, SEED_TITLE);
    assert_eq!(article.id.as_deref(), Some("101"));
    let published = article.published.as_ref().expect("date");
    assert_eq!(
        published.offset_minutes,
        7 * 60,
        "date − date_gmt is the site's offset"
    );
    assert_eq!(published.to_rfc3339(), "2020-05-22T10:21:00+07:00");
    assert_eq!(
        format_source_date(published, Lang::Vi),
        "22/5/2020, 10:21 (GMT+7)"
    );
    let updated = article.updated.as_ref().expect("modified − modified_gmt");
    assert_eq!(updated.to_rfc3339(), "2020-05-22T14:05:00+07:00");
    assert_eq!(article.authors.len(), 1);
    assert_eq!(article.authors[0].name, "Ngọc Triều");
    let image = article.image.as_ref().expect("featured media");
    assert_eq!(image.src, "/images/dai-hoi-1.svg");
    assert_eq!((image.width, image.height), (Some(800), Some(533)));
    assert_eq!(image.caption.as_deref(), Some(SEED_CAPTIONS[0]));
    assert!(article
        .summary
        .as_deref()
        .is_some_and(|s| s.starts_with("Ngày 08 tháng 05")));
    assert!(article.tags.contains(&"Đại hội Đảng".to_owned()));
    assert_eq!(html_to_paragraphs(body_html(&article)), native_seed_texts());
}

#[test]
fn wordpress_lists_decode_titles_to_text() {
    let listing = listing_of("wordpress/posts.json");
    assert_eq!(listing.items.len(), 10);
    let titles: Vec<&str> = listing.items.iter().map(|i| i.title.as_str()).collect();
    assert!(titles.contains(&"Tập huấn “Nâng cao nhận thức về sở hữu trí tuệ” cho doanh nghiệp"));
    assert!(titles.iter().all(|t| !t.contains("&#")), "{titles:?}");
    assert!(listing.items.iter().all(|i| i.article.is_some()));
    let page_two = listing_of("wordpress/posts-page-2.json");
    assert_eq!(page_two.items.len(), 5);
    assert!(
        page_two.items.iter().any(|i| i.title.contains("KH&CN")),
        "&#038; decoded"
    );
}

#[test]
fn wordpress_srcset_keeps_same_shaped_sizes_only() {
    let value: Json = serde_json::from_str(
        r#"{"id": 1, "title": {"rendered": "T"}, "date": "2024-03-31T03:30:00", "date_gmt": "2024-03-31T01:30:00",
            "_embedded": {"wp:featuredmedia": [{"source_url": "https://x.example/a.jpg", "alt_text": "A",
              "media_details": {"width": 1200, "height": 800, "sizes": {
                "thumbnail": {"source_url": "https://x.example/a-150x150.jpg", "width": 150, "height": 150},
                "medium": {"source_url": "https://x.example/a-300x200.jpg", "width": 300, "height": 200},
                "large": {"source_url": "https://x.example/a-1024x683.jpg", "width": 1024, "height": 683},
                "evil": {"source_url": "javascript:alert(1)", "width": 600, "height": 400}}}}]}}"#,
    )
    .expect("json");
    let (_, Document::Article(article)) = decode_value(&value, FormatChoice::Auto).expect("post")
    else {
        panic!("article")
    };
    let image = article.image.expect("image");
    let srcset: Vec<String> = image
        .srcset
        .iter()
        .map(|c| format!("{} {}", c.src, c.descriptor))
        .collect();
    assert_eq!(
        srcset,
        [
            "https://x.example/a-300x200.jpg 300w",
            "https://x.example/a-1024x683.jpg 1024w"
        ]
    );
    assert_eq!(article.published.expect("date").offset_minutes, 120, "CEST");
}

#[test]
fn schema_org_article_spreads_its_images_and_credits_the_photographer() {
    let article = article_of("schemaorg/article.json");
    assert_eq!(article.title, SEED_TITLE);
    assert_eq!(article.language.as_deref(), Some("vi"));
    assert_eq!(
        article.url.as_deref(),
        Some("https://skhcn.haugiang.example/tin/dai-hoi-iv")
    );
    let captions: Vec<&str> = article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Image(i) => i.caption.as_deref(),
            _ => None,
        })
        .collect();
    assert_eq!(captions, SEED_CAPTIONS, "all three photos, in order");
    assert!(
        matches!(article.body.first(), Some(Block::Image(_))),
        "the first photo leads"
    );
    assert!(matches!(article.body.last(), Some(Block::Paragraph(_))));
    let paragraphs = article
        .body
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(_)))
        .count();
    assert_eq!(paragraphs, 8);
    assert_eq!(
        credit_line(&article, Lang::Vi),
        "Ngọc Triều, Ảnh Huỳnh Sang"
    );
    assert!(article.authors.iter().any(|p| p.role == Role::Photo));
}

#[test]
fn a_later_change_is_shown_as_updated_and_an_unchanged_one_is_not() {
    let format_date = |t: &Timestamp| format_source_date(t, Lang::Vi);
    let options = ViewOptions {
        lang: Lang::Vi,
        limit: None,
        format_date: &format_date,
        date_title: None,
        link_target: None,
    };
    let article = article_of("schemaorg/article.json");
    let html = to_html(&render_article(&article, &options));
    assert!(
        html.contains("<p part=\"updated\">Cập nhật <time part=\"updated-date\" datetime=\"2020-05-22T14:05:00+07:00\">22/5/2020, 14:05 (GMT+7)</time></p>"),
        "{html}"
    );
    let mut same = article.clone();
    same.updated = same.published.clone();
    assert!(!to_html(&render_article(&same, &options)).contains("part=\"updated\""));
}

#[test]
fn schema_org_graph_follows_id_references() {
    let article = article_of("schemaorg/graph.json");
    assert_eq!(article.title, SEED_TITLE);
    assert_eq!(article.authors[0].name, "Ngọc Triều");
    assert!(
        article
            .summary
            .as_deref()
            .is_some_and(|s| s.starts_with("Ngày 08 tháng 05")),
        "the lead comes from the WebPage node"
    );
    assert!(
        article.image.is_some(),
        "the image node is found by its @id"
    );
    assert_eq!(article.tags, ["Đại hội Đảng", "Đảng bộ"]);
}

#[test]
fn schema_org_item_lists_blog_postings_and_reportage() {
    let listing = listing_of("schemaorg/itemlist.json");
    assert_eq!(listing.items.len(), 15);
    assert_eq!(listing.items[0].title, SEED_TITLE);
    assert!(listing
        .items
        .iter()
        .all(|i| i.image.is_some() && i.published.is_some()));
    assert!(listing.items.iter().all(|i| i.article.is_some()));
    let blog = article_of("schemaorg/blogposting.json");
    assert_eq!(blog.title, SEED_TITLE);
    assert!(!blog.authors.is_empty(), "a plain-string author");
    assert!(blog.image.is_some(), "a plain-string image");
    let reportage = article_of("schemaorg/reportage.json");
    assert_eq!(reportage.title, SEED_TITLE);
}

#[test]
fn schema_org_arrays_and_odd_values() {
    let value: Json = serde_json::from_str(
        r#"[{"@context": "https://schema.org", "@type": "schema:NewsArticle", "name": "Một",
             "image": {"@type": "ImageObject", "contentUrl": "https://x.example/1.jpg", "width": "800px",
                       "height": {"@type": "QuantitativeValue", "value": 600}},
             "inLanguage": {"@type": "Language", "name": "Vietnamese", "alternateName": "vi"},
             "author": "Tòa soạn", "keywords": "khoa học, công nghệ"},
            {"@context": "https://schema.org", "@type": "http://schema.org/BlogPosting", "headline": "Hai",
             "url": "javascript:alert(1)"},
            {"@context": "https://schema.org", "@type": "Organization", "name": "Not an article"}]"#,
    )
    .expect("json");
    let (format, Document::Listing(listing)) =
        decode_value(&value, FormatChoice::Auto).expect("ld")
    else {
        panic!("listing")
    };
    assert_eq!(format, Format::SchemaOrg);
    assert_eq!(listing.items.len(), 2);
    let first = listing.items[0].article.as_deref().expect("article");
    let image = first.image.as_ref().expect("image");
    assert_eq!((image.width, image.height), (Some(800), Some(600)));
    assert_eq!(first.language.as_deref(), Some("vi"));
    assert_eq!(first.authors[0].name, "Tòa soạn");
    assert_eq!(first.tags, ["khoa học", "công nghệ"]);
    assert_eq!(listing.items[1].url, None);
}

#[test]
fn the_four_formats_render_the_same_seed_text() {
    let native = native_seed_texts();
    let as_text = |article: &Article| -> Vec<String> {
        article
            .body
            .iter()
            .flat_map(|block| match block {
                Block::Paragraph(text) => vec![text.clone()],
                Block::Image(image) => image.caption.iter().cloned().collect(),
                Block::Html(html) => html_to_paragraphs(html),
                _ => Vec::new(),
            })
            .collect()
    };
    let feed = listing_of("jsonfeed/feed.json")
        .items
        .remove(0)
        .into_article();
    assert_eq!(as_text(&feed), native, "JSON Feed");
    assert_eq!(
        as_text(&article_of("wordpress/post.json")),
        native,
        "WordPress"
    );
    let ld = article_of("schemaorg/article.json");
    let mut ld_text = as_text(&ld);
    let mut native_sorted = native.clone();
    ld_text.sort();
    native_sorted.sort();
    assert_eq!(
        ld_text, native_sorted,
        "schema.org (images spread, not placed)"
    );
    for article in [&feed, &ld] {
        assert_eq!(article.title, SEED_TITLE);
        assert_eq!(
            article
                .published
                .as_ref()
                .map(|t| format_source_date(t, Lang::Vi))
                .as_deref(),
            Some("22/5/2020, 10:21 (GMT+7)")
        );
    }
    // Server-side, the HTML bodies render as text paragraphs, never as markup.
    let format_date = |t: &Timestamp| format_source_date(t, Lang::Vi);
    let options = ViewOptions {
        lang: Lang::Vi,
        limit: None,
        format_date: &format_date,
        date_title: None,
        link_target: None,
    };
    let html = to_html(&render_article(&feed, &options));
    assert!(
        !html.contains("<figure><img"),
        "no raw markup from the source"
    );
    assert!(html.contains("<p>Đại biểu đại hội tiến hành biểu quyết</p>"));
}

fn json(text: &str) -> Json {
    serde_json::from_str(text).expect("test JSON")
}

fn first_title(text: &str) -> String {
    match decode(&json(text), FormatChoice::Auto).expect("decodes").1 {
        Document::Article(article) => article.title,
        Document::Listing(listing) => listing.into_article(None).title,
    }
}

#[test]
fn json_feed_written_with_the_http_version_url_is_json_feed() {
    for version in [
        "http://jsonfeed.org/version/1",
        "https://jsonfeed.org/version/1",
        "HTTPS://JSONFEED.ORG/version/1.1",
        "https://www.jsonfeed.org/version/1.1",
    ] {
        let feed = json(&format!(
            r#"{{"version": "{version}", "items": [{{"id": "1", "title": "T",
                 "date_published": "2019-05-31T12:17:58-07:00"}}]}}"#
        ));
        let (format, document) = decode(&feed, FormatChoice::Auto).expect("decodes");
        assert_eq!(format, Format::JsonFeed, "{version}");
        let article = match document {
            Document::Listing(listing) => listing.into_article(None),
            Document::Article(_) => panic!("a feed is a listing"),
        };
        assert_eq!(
            article.published.map(|t| t.epoch_ms),
            Some(1_559_330_278_000)
        );
    }
    let not_a_feed =
        json(r#"{"version": "https://example.org/jsonfeed.org/version/1", "title": "x"}"#);
    assert_eq!(
        decode(&not_a_feed, FormatChoice::Auto).expect("native").0,
        Format::Native
    );
}

#[test]
fn character_references_in_plain_text_fields_are_decoded_once() {
    assert_eq!(
        first_title(
            r#"{"version": "https://jsonfeed.org/version/1.1",
                "items": [{"id": "1", "title": "Tom &amp; Jerry&#8217;s &amp;amp; <b>"}]}"#
        ),
        "Tom & Jerry’s &amp; <b>"
    );
    assert_eq!(
        first_title(r#"{"@type": "NewsArticle", "headline": "Sở KH&#038;CN &ndash; Caf&eacute;"}"#),
        "Sở KH&CN – Café"
    );
    assert_eq!(
        first_title(
            r#"[{"id": 1, "title": {"rendered": "Caf&eacute; <em>&lt;mới&gt;</em> &Zopf;"}}]"#
        ),
        "Café <mới> \u{2124}"
    );
    assert_eq!(first_title(r#"{"title": "A&amp;B", "body": []}"#), "A&B");
}

#[test]
fn dates_as_publishers_write_them() {
    let published = |date: &str| {
        let feed = json(&format!(
            r#"{{"version": "https://jsonfeed.org/version/1.1",
                 "items": [{{"id": "1", "title": "T", "date_published": "{date}"}}]}}"#
        ));
        match decode(&feed, FormatChoice::Auto).expect("decodes").1 {
            Document::Listing(listing) => {
                listing.into_article(None).published.map(|t| t.to_rfc3339())
            }
            Document::Article(_) => panic!("a feed is a listing"),
        }
    };
    assert_eq!(
        published("Fri, 31 May 2019 12:17:58 -0700").as_deref(),
        Some("2019-05-31T12:17:58-07:00")
    );
    assert_eq!(
        published("2019-05-31 19:17:58 UTC").as_deref(),
        Some("2019-05-31T19:17:58Z")
    );
    assert_eq!(
        published("Tue Jan 28 15:28:56 CET 2020").as_deref(),
        Some("2020-01-28T15:28:56+01:00")
    );
    // No offset: shown as written, no zone invented.
    assert_eq!(
        published("2022-07-26 13:01:01").as_deref(),
        Some("2022-07-26T13:01:01")
    );
    assert_eq!(published("25056-25-09T559:2525:00+07:00"), None);
}
