//! HTML fragments to plain text, in plain Rust: for the titles and excerpts that sources send
//! as HTML (WordPress' `title.rendered`), and as the fallback for bodies where the browser's
//! parser cannot be used (natively, or on a page whose Trusted Types policy forbids it).
//!
//! It only ever produces text, so it needs no allowlist: tags are dropped (with the content
//! of those that hold no readable text, such as `script`), entities are decoded, and white
//! space is folded as a browser shows it.

/// Tags whose content is not text a reader should see.
#[rustfmt::skip]
const HIDDEN_CONTAINERS: [&str; 15] = [
    "script", "style", "template", "noscript", "iframe", "textarea", "title", "xmp", "svg",
    "math", "object", "noembed", "noframes", "select", "head",
];

/// Tags that start a new paragraph of text.
#[rustfmt::skip]
const PARAGRAPH_BREAKS: [&str; 28] = [
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "figure", "figcaption", "blockquote", "pre", "table", "tr", "section", "article", "header",
    "footer", "aside", "hr", "address",
];

/// The readable text of an HTML fragment as one line: `Tin &#8220;mới&#8221;` → `Tin “mới”`.
///
/// ```
/// use news_embed::html_text::html_to_text;
///
/// assert_eq!(html_to_text("Tin &#8220;mới&#8221;"), "Tin “mới”");
/// assert_eq!(
///     html_to_text("<p>Ngày 08 tháng 05&nbsp;năm 2020&hellip;</p>\n<script>alert(1)</script>"),
///     "Ngày 08 tháng 05\u{a0}năm 2020…"
/// );
/// ```
pub fn html_to_text(html: &str) -> String {
    html_to_paragraphs(html).join(" ")
}

/// The readable text of an HTML fragment, one string per paragraph.
///
/// ```
/// use news_embed::html_text::html_to_paragraphs;
///
/// assert_eq!(
///     html_to_paragraphs("<p>Đoạn <b>một</b></p>\n<p>Đoạn   hai<br>dòng hai</p>"),
///     ["Đoạn một", "Đoạn hai", "dòng hai"]
/// );
/// ```
pub fn html_to_paragraphs(html: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&rest[..lt], &mut current);
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.as_bytes().windows(3).position(|w| w == b"-->");
            rest = end.map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some((tag, closing, after)) = read_tag(rest) else {
            // A '<' that starts no tag is text.
            push_text("<", &mut current);
            rest = &rest[1..];
            continue;
        };
        rest = after;
        if !closing && HIDDEN_CONTAINERS.contains(&tag.as_str()) {
            rest = skip_past_end_tag(rest, &tag);
        }
        if PARAGRAPH_BREAKS.contains(&tag.as_str()) {
            finish(&mut current, &mut paragraphs);
        }
    }
    push_text(rest, &mut current);
    finish(&mut current, &mut paragraphs);
    paragraphs
}

/// Reads `<name …>` or `</name …>` at the start of `input`: the lower-case name, whether it
/// closes, and what follows the `>`. Quoted attribute values may contain `>`.
fn read_tag(input: &str) -> Option<(String, bool, &str)> {
    let body = input.strip_prefix('<')?;
    let (closing, body) = match body.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let first = body.chars().next()?;
    if !first.is_ascii_alphabetic() {
        // `<!doctype>`, `<?xml?>`: skipped like tags, but name nothing.
        if first == '!' || first == '?' {
            let end = body.find('>')?;
            return Some((String::new(), closing, &body[end + 1..]));
        }
        return None;
    }
    let name_end = body
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(body.len());
    let name = body[..name_end].to_ascii_lowercase();
    let mut quote = None;
    for (index, c) in body[name_end..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some((name, closing, &body[name_end + index + 1..])),
            _ => {}
        }
    }
    // An unclosed tag swallows the rest, as browsers do.
    Some((name, closing, ""))
}

fn skip_past_end_tag<'a>(input: &'a str, tag: &str) -> &'a str {
    let lower = input.to_ascii_lowercase();
    let end_tag = "</".to_owned() + tag;
    let at = lower
        .as_bytes()
        .windows(end_tag.len())
        .position(|w| w == end_tag.as_bytes());
    match at {
        Some(start) => {
            let after = &input[start..];
            after.find('>').map_or("", |end| &after[end + 1..])
        }
        None => "",
    }
}

/// Appends decoded text, folding runs of white space into one space.
fn push_text(raw: &str, out: &mut String) {
    let decoded = decode_text(raw);
    for c in decoded.chars() {
        if c.is_ascii_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn finish(current: &mut String, paragraphs: &mut Vec<String>) {
    let text = current.trim_end();
    if !text.is_empty() {
        paragraphs.push(text.to_owned());
    }
    current.clear();
}

/// Character references decoded once, as the HTML parser decodes them: by html5ever
/// natively, and in the widget by [`decode_entities`] where that decodes the text exactly as
/// the parser would ([`needs_parser`]), else by the browser's own parser (`decodeReferences`
/// in `shim.js`), so that both know every named reference the HTML standard has
/// (`Caf&eacute;`, `&Zopf;`). The browser is asked only for what the table cannot read, so
/// a page whose Trusted Types allow the widget no parsing files no report for `KH&CN` or
/// `&amp;`; there, [`decode_entities`] stands in for the rest.
///
/// ```
/// use news_embed::html_text::decode_text;
///
/// assert_eq!(decode_text("Caf&eacute; &amp;amp; <b>"), "Café &amp; <b>");
/// ```
pub fn decode_text(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    #[cfg(target_arch = "wasm32")]
    return match needs_parser(text) {
        true => crate::web::html_body::decode_text(text).unwrap_or_else(|| decode_entities(text)),
        false => decode_entities(text),
    };
    #[cfg(not(target_arch = "wasm32"))]
    return crate::ssr::decode_text(text);
}

/// Whether only the HTML parser decodes `text` right. [`decode_entities`] decodes it exactly
/// as the parser does when every `&` starts no reference (`KH&CN`, `AT&T`), or a numeric one
/// ended by `;`, or one of its own names ended by `;`. Anything else needs the parser's 2,231
/// names: `&eacute;`, and the 106 it reads without a `;` (`&copy2020` is ©2020).
///
/// ```
/// use news_embed::html_text::needs_parser;
///
/// assert!(!needs_parser("Sở KH&CN &amp; AT&T &#8217; &#x1F4F0;"));
/// assert!(needs_parser("Caf&eacute;"));
/// assert!(needs_parser("&copy2020"));
/// ```
pub fn needs_parser(text: &str) -> bool {
    // The first two letters of each name the parser reads without its `;`.
    const LEGACY: &[u8] =
        b"AEAMAaAcAgArAtAuCOCcETEaEcEgEuGTIaIcIgIuLTNtOaOcOgOsOtOuQURETHUaUcUgUuYa\
        aaacaeagamarataubrcccecocudedieaecegeteufrgtiaicieigiqiulaltmaminbnontoaocogorosotoupa\
        plpoqurareseshsuszthtiuaucugumuuyayeyu";
    let b = text.as_bytes();
    // The parser also turns U+0000 and CR into other characters.
    let mut at = 0;
    while at < b.len() {
        let c = b[at];
        at += 1;
        if c == 0 || c == b'\r' {
            return true;
        }
        if c != b'&' {
            continue;
        }
        let numeric = b.get(at) == Some(&b'#');
        let hex = numeric && matches!(b.get(at + 1), Some(b'x' | b'X'));
        let from = at + usize::from(numeric) + usize::from(hex);
        let mut end = from;
        while end < b.len()
            && match (numeric, hex) {
                (true, true) => b[end].is_ascii_hexdigit(),
                (true, false) => b[end].is_ascii_digit(),
                _ => b[end].is_ascii_alphanumeric(),
            }
        {
            end += 1;
        }
        let (run, semicolon) = (end - from, b.get(end) == Some(&b';'));
        let exact = if numeric {
            semicolon && (1..=6 + usize::from(!hex)).contains(&run)
        } else if run == 0 {
            true
        } else if semicolon {
            NAMED
                .iter()
                .any(|(name, _)| name.as_bytes() == &b[from..end])
        } else {
            run < 2 || !LEGACY.chunks(2).any(|two| two == &b[from..from + 2])
        };
        if !exact {
            return true;
        }
        at = end;
    }
    false
}

/// Decodes character references: numeric ones and the named ones news sites use; what
/// [`decode_text`] falls back to where no HTML parser may be used.
///
/// ```
/// use news_embed::html_text::decode_entities;
///
/// assert_eq!(
///     decode_entities("Hà Nội &amp; Huế &#8211; &#x1F4F0; &lt;tin&gt;"),
///     "Hà Nội & Huế – 📰 <tin>"
/// );
/// ```
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match decode_reference(rest) {
            Some((decoded, used)) => {
                out.push(decoded);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The named references news sites use, for [`decode_entities`]. (A table, not a `match`:
/// smaller in the wasm.)
#[rustfmt::skip]
const NAMED: [(&str, char); 47] = [
    ("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("apos", '\''), ("nbsp", '\u{a0}'),
    ("ndash", '–'), ("mdash", '—'), ("hellip", '…'), ("lsquo", '‘'), ("rsquo", '’'),
    ("sbquo", '‚'), ("ldquo", '“'), ("rdquo", '”'), ("bdquo", '„'), ("laquo", '«'),
    ("raquo", '»'), ("lsaquo", '‹'), ("rsaquo", '›'), ("bull", '•'), ("middot", '·'),
    ("copy", '©'), ("reg", '®'), ("trade", '™'), ("deg", '°'), ("times", '×'), ("divide", '÷'),
    ("plusmn", '±'), ("euro", '€'), ("pound", '£'), ("yen", '¥'), ("cent", '¢'), ("sect", '§'),
    ("para", '¶'), ("shy", '\u{ad}'), ("ensp", '\u{2002}'), ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'), ("zwnj", '\u{200c}'), ("zwj", '\u{200d}'), ("lrm", '\u{200e}'),
    ("rlm", '\u{200f}'), ("frac12", '½'), ("frac14", '¼'), ("frac34", '¾'), ("iexcl", '¡'),
    ("iquest", '¿'),
];

/// The character a reference at the start of `input` stands for, and the bytes it used.
fn decode_reference(input: &str) -> Option<(char, usize)> {
    // The longest reference worth reading is 32 characters.
    let semicolon = 1 + input
        .get(1..)?
        .char_indices()
        .take(33)
        .find(|(_, c)| *c == ';')?
        .0;
    let name = &input[1..semicolon];
    let used = semicolon + 1;
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        // As browsers do: NUL, surrogates and out-of-range codes become U+FFFD.
        let c = match code {
            0 => '\u{fffd}',
            0x80..=0x9f => windows_1252(code),
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        return Some((c, used));
    }
    let &(_, c) = NAMED.iter().find(|(known, _)| *known == name)?;
    Some((c, used))
}

/// C1 codes in numeric references mean Windows-1252 characters (the HTML rule).
fn windows_1252(code: u32) -> char {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    TABLE
        .get((code - 0x80) as usize)
        .copied()
        .unwrap_or('\u{fffd}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where [`needs_parser`] says the table is enough, the table decodes as html5ever does.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_table_decodes_exactly_as_the_parser_where_it_is_trusted_to() {
        let texts = [
            "Sở KH&CN",
            "AT&T",
            "a & b",
            "&amp;",
            "&amp;amp;",
            "&#8217;",
            "&#x1F4F0;",
            "&#X6a;",
            "&#0;",
            "&#128;",
            "&#x81;",
            "&#xD800;",
            "&#1114112;",
            "&#0000106;",
            "&#13;",
            "&hellip;&nbsp;&apos;",
            "&CN;",
            "&#;",
            "&#x;",
            "&#12a;",
            "&#x+6A;",
            "&#+106;",
            "&amp",
            "&copy2020",
            "&notit;",
            "&Zopf;",
            "&eacute;",
            "&AMP;",
            "& ;",
            "&#x110000;",
            "&T",
            "&Tx",
            "&#99999999;",
            "&ab;c",
            "a&\u{1}b",
        ];
        for text in texts {
            if !needs_parser(text) {
                assert_eq!(
                    decode_entities(text),
                    crate::ssr::decode_text(text),
                    "{text:?}"
                );
            }
        }
        for text in [
            "&eacute;",
            "&amp",
            "&copy2020",
            "&#x+6A;",
            "&#99999999;",
            "&CN;",
            "\r&amp;",
        ] {
            assert!(needs_parser(text), "{text:?}");
        }
    }

    #[test]
    fn decodes_wordpress_titles() {
        assert_eq!(
            html_to_text("Sở KH&#038;CN tổ chức hội thảo &#8220;Chuyển đổi số&#8221; &#8211; 2020"),
            "Sở KH&CN tổ chức hội thảo “Chuyển đổi số” – 2020"
        );
        assert_eq!(html_to_text("A &amp; B &lt;i&gt; &hellip;"), "A & B <i> …");
        assert_eq!(html_to_text("Tin <em>nóng</em>"), "Tin nóng");
        assert_eq!(html_to_text("&#x1F600; &#150; &#0;"), "😀 – \u{fffd}");
        assert_eq!(html_to_text("AT&T &unknown; & so"), "AT&T &unknown; & so");
    }

    #[test]
    fn splits_paragraphs_and_drops_hidden_content() {
        let html = "<p>Một</p>\n<p>Hai <b>đậm</b></p><script>alert('<p>x</p>')</script>\
                    <figure><img src=a.jpg alt=\"a > b\"><figcaption>Chú thích</figcaption></figure>\
                    <!-- <p>comment</p> --><div>Ba<br>Bốn</div><style>p{}</style>";
        assert_eq!(
            html_to_paragraphs(html),
            ["Một", "Hai đậm", "Chú thích", "Ba", "Bốn"]
        );
    }

    #[test]
    fn survives_broken_markup() {
        assert_eq!(html_to_paragraphs("a < b and <p unclosed"), ["a < b and"]);
        assert_eq!(
            html_to_paragraphs("<script>never closed"),
            Vec::<String>::new()
        );
        assert_eq!(
            html_to_text("x &#99999999; y &#xZZ; z"),
            "x \u{fffd} y &#xZZ; z"
        );
        assert_eq!(html_to_text("<<>>"), "<<>>");
    }

    #[test]
    fn keeps_non_breaking_spaces() {
        assert_eq!(html_to_text("Trao hoa\u{a0} và"), "Trao hoa\u{a0} và");
        assert_eq!(html_to_text("a&nbsp;b"), "a\u{a0}b");
    }
}
