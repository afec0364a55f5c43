//! The allowlist policy for what data may turn into: which URLs survive.
//!
//! Every URL from a source passes [`check_url`] while it is decoded, so the model only holds
//! URLs a reader can safely follow or load. The browser then resolves relative ones with its
//! own `URL` parser and checks the resulting scheme again (`web::urls`).

/// What a URL will be used for, which decides the schemes it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// `<a href>`: `http:`, `https:`, `mailto:`.
    Link,
    /// `<img src>`: `http:`, `https:` only (no `data:`, no `blob:`).
    Image,
    /// The next page of a listing, fetched by the widget: `http:`, `https:`.
    Fetch,
}

impl UrlUse {
    /// Whether a URL with this (lower-case) scheme may be used this way.
    pub fn allows_scheme(self, scheme: &str) -> bool {
        match self {
            UrlUse::Link => matches!(scheme, "http" | "https" | "mailto"),
            UrlUse::Image | UrlUse::Fetch => matches!(scheme, "http" | "https"),
        }
    }
}

/// Returns the URL cleaned the way the WHATWG URL parser cleans it (surrounding controls and
/// spaces trimmed, tabs and newlines removed), or `None` when its scheme is not allowed for
/// `use_`. Relative URLs (no scheme) are allowed: they resolve to the source's own scheme.
pub fn check_url(raw: &str, use_: UrlUse) -> Option<String> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    match scheme_of(&cleaned) {
        Some(scheme) if !use_.allows_scheme(&scheme) => None,
        _ => Some(cleaned),
    }
}

/// The scheme of an absolute URL, lower-cased; `None` for a relative URL.
fn scheme_of(url: &str) -> Option<String> {
    let end = url.find([':', '/', '?', '#'])?;
    if !url[end..].starts_with(':') {
        return None;
    }
    let scheme = &url[..end];
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if first_is_letter && rest_ok {
        Some(scheme.to_ascii_lowercase())
    } else {
        // Not a valid scheme, e.g. "1:2" or ":x": the URL parser reads it as a path.
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_web_and_mail_links() {
        assert_eq!(
            check_url("https://example.org/a?b#c", UrlUse::Link).as_deref(),
            Some("https://example.org/a?b#c")
        );
        assert!(check_url("HTTP://EXAMPLE.ORG", UrlUse::Link).is_some());
        assert!(check_url("mailto:toa-soan@example.org", UrlUse::Link).is_some());
        assert!(check_url("mailto:toa-soan@example.org", UrlUse::Image).is_none());
    }

    #[test]
    fn keeps_relative_urls_for_the_browser_to_resolve() {
        for url in [
            "images/a.svg",
            "/tin/1",
            "//cdn.example.org/x.png",
            "?page=2",
            "#top",
            "a:b/c",
        ] {
            let expected = if url == "a:b/c" { None } else { Some(url) };
            assert_eq!(check_url(url, UrlUse::Image).as_deref(), expected, "{url}");
        }
        assert_eq!(check_url("1:2", UrlUse::Link).as_deref(), Some("1:2"));
    }

    #[test]
    fn drops_script_and_data_schemes_however_they_are_disguised() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "blob:https://example.org/1",
            "file:///etc/passwd",
            "",
            "   ",
        ] {
            assert_eq!(check_url(url, UrlUse::Link), None, "{url:?}");
            assert_eq!(check_url(url, UrlUse::Image), None, "{url:?}");
        }
    }

    #[test]
    fn cleans_what_the_url_parser_would_ignore() {
        assert_eq!(
            check_url("  https://exa\nmple.org/\ta  ", UrlUse::Link).as_deref(),
            Some("https://example.org/a")
        );
    }
}
