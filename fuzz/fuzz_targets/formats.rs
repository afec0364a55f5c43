//! Any JSON through every format adapter (forced and detected) and through both views:
//! decoding returns a Result, never a panic, and what decodes renders.
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_embed::formats::{decode, Format, FormatChoice, Json};
use news_embed::html::to_html;
use news_embed::i18n::{format_source_date, Lang};
use news_embed::model::{Document, Timestamp};
use news_embed::view::{render_article, render_listing, ViewOptions};

const CHOICES: [FormatChoice; 5] = [
    FormatChoice::Auto,
    FormatChoice::Only(Format::Native),
    FormatChoice::Only(Format::JsonFeed),
    FormatChoice::Only(Format::WordPress),
    FormatChoice::Only(Format::SchemaOrg),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(json) = serde_json::from_str::<Json>(text) else {
        return;
    };
    for lang in [Lang::Vi, Lang::En] {
        let format_date = |t: &Timestamp| format_source_date(t, lang);
        let options = ViewOptions {
            lang,
            limit: Some(3),
            format_date: &format_date,
            date_title: None,
            link_target: Some("_blank"),
        };
        for choice in CHOICES {
            match decode(&json, choice) {
                Ok((_, Document::Article(article))) => {
                    to_html(&render_article(&article, &options));
                }
                Ok((_, Document::Listing(listing))) => {
                    to_html(&render_listing(&listing, &options));
                    for item in listing.items {
                        to_html(&render_article(&item.into_article(), &options));
                    }
                }
                Err(_) => {}
            }
        }
    }
});
