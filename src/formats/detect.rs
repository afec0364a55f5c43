//! `format="auto"`: recognising a format by its own markers at the top level of the
//! document (of the object, or of an array's first element).

use super::json::Json;
use super::{DecodeError, Format};

/// Detects the format of a document, or says what was expected.
pub fn detect(json: &Json) -> Result<Format, DecodeError> {
    let top = match json {
        Json::Array(items) => match items.first() {
            Some(first) => first,
            // An empty array: an empty listing.
            None => return Ok(Format::Native),
        },
        other => other,
    };
    // Feeds write the version as the spec's URL, and as it was first published
    // (`http://jsonfeed.org/version/1`), some with `www.` or in capitals.
    let version = top
        .get("version")
        .as_str()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let address = version
        .strip_prefix("https://")
        .or_else(|| version.strip_prefix("http://"));
    let is_json_feed_version = address.is_some_and(|rest| {
        rest.strip_prefix("www.")
            .unwrap_or(rest)
            .starts_with("jsonfeed.org/version/")
    });
    if is_json_feed_version {
        Ok(Format::JsonFeed)
    } else if top.has("@context") || top.has("@type") || top.has("@graph") {
        Ok(Format::SchemaOrg)
    } else if top.get("title").is_object()
        || top.get("content").is_object()
        || top.get("excerpt").is_object()
        || top.get("guid").is_object()
        || top.has("date_gmt")
    {
        Ok(Format::WordPress)
    } else if top.has("content_html") || top.has("content_text") || top.has("date_published") {
        // A lone JSON Feed item.
        Ok(Format::JsonFeed)
    } else if top.get("title").as_str().is_some() || top.get("items").is_array() {
        Ok(Format::Native)
    } else {
        Err(DecodeError::new(format!(
            "unrecognised document ({}): expected a native article or listing (with \"title\" \
             or \"items\"), a JSON Feed (\"version\": \"https://jsonfeed.org/version/1.1\"), \
             WordPress posts (\"title\": {{\"rendered\": …}}) or schema.org JSON-LD \
             (\"@context\", \"@type\")",
            json.kind()
        )))
    }
}
