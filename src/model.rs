//! The one internal model. Every input format maps into it and every view reads from it,
//! so a renderer never needs to know where an article came from.
//!
//! Text fields hold plain text (never markup). URL fields hold URLs that already passed
//! [`crate::sanitize::check_url`]; they may still be relative until the browser resolves
//! them against the document they came from ([`Document::map_urls`]).

use crate::node::Node;

/// A decoded source document: what a `src` or `.data` turned out to contain.
// One per loaded source, never in bulk: boxing the larger variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// One article: what `<news-article>` shows.
    Article(Article),
    /// A page of listed articles: what `<news-list>` shows (and, for `<news-article>`, the
    /// source of its article and "other news": [`Listing::into_article`]).
    Listing(Listing),
}

/// One full article.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// The source's id (a number is written as text): what the `item` attribute names.
    pub id: Option<String>,
    /// Where the article is read on its own site (a checked link URL).
    pub url: Option<String>,
    /// The headline, as plain text. Empty only for an article with no words at all (a photo
    /// post): the view names it "Untitled".
    pub title: String,
    /// When it was published, with the offset it was published at.
    pub published: Option<Timestamp>,
    /// When the article was last changed, if the source says and it differs from `published`.
    pub updated: Option<Timestamp>,
    /// The article's BCP 47 language tag, as the source gives it (`vi`).
    pub language: Option<String>,
    /// The lead: a short plain-text summary shown under the headline.
    pub summary: Option<String>,
    /// The lead image: shown above the body unless the body already shows it.
    pub image: Option<Image>,
    /// The body, in reading order.
    pub body: Vec<Block>,
    /// Authors and photographers, in the order of the credit line.
    pub authors: Vec<Person>,
    /// Topics as the source names them (JSON Feed `tags`, WordPress tags, schema.org keywords).
    pub tags: Vec<String>,
    /// Related articles, shown as the "other news" list ("Các tin khác").
    pub other_news: Vec<Summary>,
}

/// An article as listed: in `<news-list>` and in "other news".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// The source's id, as text.
    pub id: Option<String>,
    /// Where the listed article is read (a checked link URL): what its item links to.
    pub url: Option<String>,
    /// The listed headline, as plain text.
    pub title: String,
    /// When it was published.
    pub published: Option<Timestamp>,
    /// A short plain-text summary.
    pub summary: Option<String>,
    /// The item's picture.
    pub image: Option<Image>,
    /// The whole article, when the source carries it with the listing (a JSON Feed item with
    /// content, a WordPress post): what `<news-article item="…">` shows.
    pub article: Option<Box<Article>>,
}

/// A page of listed articles.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listing {
    /// The listed articles, in the source's order.
    pub items: Vec<Summary>,
    /// URL of the next page, when the source has one.
    pub next: Option<String>,
}

impl Listing {
    /// What `<news-article>` shows for a listing: the item whose id is `item` (else the
    /// first), with the other items as its "other news". An empty listing gives an empty
    /// (untitled) article.
    ///
    /// ```
    /// use news_embed::model::{Listing, Summary};
    ///
    /// let summary = |id: &str, title: &str| Summary {
    ///     id: Some(id.into()),
    ///     title: title.into(),
    ///     ..Summary::default()
    /// };
    /// let listing = Listing {
    ///     items: vec![summary("1", "Một"), summary("2", "Hai"), summary("3", "Ba")],
    ///     next: None,
    /// };
    /// let article = listing.into_article(Some("2"));
    /// assert_eq!(article.title, "Hai");
    /// let others: Vec<&str> = article.other_news.iter().map(|s| s.title.as_str()).collect();
    /// assert_eq!(others, ["Một", "Ba"]);
    /// ```
    pub fn into_article(self, item: Option<&str>) -> Article {
        // Ids are matched as written, but a pasted `item=" tin-iso "` still means it.
        let index = item
            .map(str::trim)
            .and_then(|id| self.items.iter().position(|s| s.id.as_deref() == Some(id)))
            .unwrap_or(0);
        let mut items = self.items;
        if index >= items.len() {
            return Article::default();
        }
        let chosen = items.remove(index);
        let mut article = chosen.into_article();
        article.other_news = items.into_iter().map(Summary::without_article).collect();
        article
    }
}

/// One block of an article body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of plain text.
    Paragraph(String),
    /// `level` is 2 to 6: the article's own headline is the only `h1`.
    Heading {
        /// 2 to 6, for `h2` to `h6`.
        level: u8,
        /// The heading, as plain text.
        text: String,
    },
    /// A figure: the image with its caption and credit.
    Image(Image),
    /// A quotation, with the URL of its source if known.
    Quote {
        /// The quoted text.
        text: String,
        /// The source's URL (a checked link URL), for `<blockquote cite>`.
        cite: Option<String>,
    },
    /// A bulleted (`ordered: false`) or numbered list of plain-text items.
    List {
        /// Whether the list is numbered (`ol`) rather than bulleted (`ul`).
        ordered: bool,
        /// The items, as plain text.
        items: Vec<String>,
    },
    /// An HTML body as the source gave it: untrusted markup that only the sanitizer turns
    /// into [`Block::Markup`] ([`crate::sanitize::sanitize_article`], with the browser's
    /// `DOMParser` or, on the server, html5ever parsing it); never rendered as markup itself.
    Html(String),
    /// An HTML body rebuilt from the allowlist of [`crate::sanitize`]: only allowed tags and
    /// attributes, URLs checked.
    Markup(Vec<Node>),
}

/// An image: the lead image, a figure of the body, or a listed item's picture.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Image {
    /// Its URL (`http:`, `https:` or relative; checked with
    /// [`UrlUse::Image`](crate::sanitize::UrlUse::Image)).
    pub src: String,
    /// The text alternative; empty for a decorative image.
    pub alt: String,
    /// The caption (`figcaption`), as plain text.
    pub caption: Option<String>,
    /// Who took it, as plain text.
    pub credit: Option<String>,
    /// Its width in pixels, when the source says, so the page does not shift as it loads.
    pub width: Option<u32>,
    /// Its height in pixels, when the source says.
    pub height: Option<u32>,
    /// Other sizes of the same picture, for `srcset`.
    pub srcset: Vec<ImageCandidate>,
}

/// One entry of a `srcset`: a URL and its descriptor (`300w`, `2x`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageCandidate {
    /// The URL of this size (checked like [`Image::src`]).
    pub src: String,
    /// Its width (`300w`) or pixel density (`2x`) descriptor.
    pub descriptor: String,
}

/// Someone credited with the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// The name as it is shown ("Ngọc Triều").
    pub name: String,
    /// What they are credited for.
    pub role: Role,
    /// A page about them (a checked link URL).
    pub url: Option<String>,
}

/// What a [`Person`] is credited for: the credit line reads "Ngọc Triều, Ảnh Huỳnh Sang".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Wrote the article (the default).
    Author,
    /// Credited for the photos ("Ảnh Huỳnh Sang").
    Photo,
}

impl Document {
    /// How many things a renderer shows for this document: list items, or one article.
    pub fn count(&self) -> usize {
        match self {
            Document::Article(_) => 1,
            Document::Listing(listing) => listing.items.len(),
        }
    }

    /// Rewrites every URL in the document; a URL for which `f` answers `None` is dropped.
    /// The browser uses this to resolve relative URLs against the JSON's own address.
    ///
    /// ```
    /// use news_embed::model::{Article, Document, Image};
    ///
    /// let mut document = Document::Article(Article {
    ///     title: "Một".into(),
    ///     url: Some("/tin/mot".into()),
    ///     image: Some(Image { src: "images/a.svg".into(), ..Image::default() }),
    ///     ..Article::default()
    /// });
    /// let base = "https://example.org/";
    /// document.map_urls(&mut |url| Some(base.to_owned() + url.trim_start_matches('/')));
    /// let Document::Article(article) = &document else { unreachable!() };
    /// assert_eq!(article.url.as_deref(), Some("https://example.org/tin/mot"));
    /// assert_eq!(article.image.as_ref().unwrap().src, "https://example.org/images/a.svg");
    /// assert_eq!(document.count(), 1);
    /// ```
    pub fn map_urls(&mut self, f: &mut dyn FnMut(&str) -> Option<String>) {
        match self {
            Document::Article(article) => article.map_urls(f),
            Document::Listing(listing) => {
                listing.next = listing.next.take().and_then(|u| f(&u));
                for item in &mut listing.items {
                    item.map_urls(f);
                }
            }
        }
    }
}

impl Article {
    fn map_urls(&mut self, f: &mut dyn FnMut(&str) -> Option<String>) {
        self.url = self.url.take().and_then(|u| f(&u));
        self.image = map_image(self.image.take(), f);
        self.body = std::mem::take(&mut self.body)
            .into_iter()
            .filter_map(|block| match block {
                Block::Image(image) => map_image(Some(image), f).map(Block::Image),
                Block::Quote { text, cite } => Some(Block::Quote {
                    text,
                    cite: cite.and_then(|u| f(&u)),
                }),
                Block::Markup(mut nodes) => {
                    map_markup_urls(&mut nodes, f);
                    Some(Block::Markup(nodes))
                }
                other => Some(other),
            })
            .collect();
        for person in &mut self.authors {
            person.url = person.url.take().and_then(|u| f(&u));
        }
        for item in &mut self.other_news {
            item.map_urls(f);
        }
    }

    /// The article as it would be listed.
    pub fn to_summary(&self) -> Summary {
        Summary {
            id: self.id.clone(),
            url: self.url.clone(),
            title: self.title.clone(),
            published: self.published.clone(),
            summary: self.summary.clone(),
            image: self.image.clone(),
            article: None,
        }
    }
}

impl Summary {
    fn map_urls(&mut self, f: &mut dyn FnMut(&str) -> Option<String>) {
        self.url = self.url.take().and_then(|u| f(&u));
        self.image = map_image(self.image.take(), f);
        if let Some(article) = self.article.as_mut() {
            article.map_urls(f);
        }
    }

    /// A listed article shown on its own: what `<news-article>` renders for a listing. The
    /// whole article when the source carried it, else what the listing says of it.
    pub fn into_article(self) -> Article {
        match self.article {
            Some(article) => *article,
            None => Article {
                id: self.id,
                url: self.url,
                title: self.title,
                published: self.published,
                summary: self.summary,
                image: self.image,
                ..Article::default()
            },
        }
    }

    /// The same summary without the whole article it may carry ("other news" needs no body).
    pub fn without_article(mut self) -> Summary {
        self.article = None;
        self
    }
}

fn map_image(image: Option<Image>, f: &mut dyn FnMut(&str) -> Option<String>) -> Option<Image> {
    let mut image = image?;
    image.src = f(&image.src)?;
    image.srcset = std::mem::take(&mut image.srcset)
        .into_iter()
        .filter_map(|candidate| {
            Some(ImageCandidate {
                src: f(&candidate.src)?,
                descriptor: candidate.descriptor,
            })
        })
        .collect();
    Some(image)
}

/// The URL attributes of sanitized markup; an `img` whose `src` does not survive goes.
fn map_markup_urls(nodes: &mut Vec<Node>, f: &mut dyn FnMut(&str) -> Option<String>) {
    nodes.retain_mut(|node| {
        let Node::Element(element) = node else {
            return true;
        };
        let mut keep = true;
        element.attrs.retain_mut(|(name, value)| {
            let mapped = match *name {
                "href" | "src" | "cite" => f(value),
                "srcset" => crate::sanitize::map_srcset(value, f),
                _ => return true,
            };
            match mapped {
                Some(url) => {
                    *value = url.into();
                    true
                }
                None => {
                    keep &= *name != "src";
                    false
                }
            }
        });
        map_markup_urls(&mut element.children, f);
        keep
    });
}

/// Why a document could not be shown: the `kind` of a `news-embed:error` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The server answered with an error status.
    Http,
    /// The request failed before any answer (offline, refused, blocked, CORS).
    Network,
    /// No complete answer within the time limit.
    Timeout,
    /// The answer is not JSON.
    Parse,
    /// JSON, but not in a format the widget reads.
    Schema,
}

impl ErrorKind {
    /// The name in the event's `detail.kind`: `http`, `network`, `timeout`, `parse`,
    /// `schema`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Http => "http",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Parse => "parse",
            ErrorKind::Schema => "schema",
        }
    }
}

/// A moment in time together with the UTC offset it was published with, so that
/// `time-zone="source"` can show the time the newsroom wrote ("10:21 (GMT+7)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub epoch_ms: i64,
    /// Offset from UTC in minutes, east positive (0 for what was written without one).
    pub offset_minutes: i32,
    /// How much of a moment the source wrote.
    pub written: Written,
}

/// How much of a moment a source wrote. Only a [`Written::Moment`] is one instant; the
/// others are shown as written, in every time zone, and no zone is invented for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// A date and a time with its UTC offset or zone: `2020-05-22T10:21:00+07:00`.
    Moment,
    /// A date and a wall-clock time without any offset (`2022-07-26 13:01:01`), read as
    /// if it were UTC: shown as that date and time, with no zone named.
    WallTime,
    /// A calendar date alone (`2020-05-22`), read as its midnight UTC: shown as that date.
    Date,
}

/// Calendar date and wall-clock time at some offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CivilTime {
    /// The proleptic Gregorian year.
    pub year: i64,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
    /// 0 to 23.
    pub hour: u32,
    /// 0 to 59.
    pub minute: u32,
    /// 0 to 59.
    pub second: u32,
}

impl Timestamp {
    /// Parses RFC 3339 (`2020-05-22T10:21:00+07:00`), also with a space instead of `T`,
    /// without seconds, with fractions, or without an offset (a [`Written::WallTime`]). A
    /// date alone is a [`Written::Date`]. `None` for anything else, and for dates that do not
    /// exist (`2019-02-29`). Fractions of a second are ignored.
    ///
    /// ```
    /// use news_embed::model::Timestamp;
    ///
    /// let seed = Timestamp::parse_rfc3339("2020-05-22T10:21:00+07:00").unwrap();
    /// assert_eq!(seed.epoch_ms, 1_590_117_660_000);
    /// assert_eq!(seed.offset_minutes, 420);
    /// // The same moment, written another way: equal instants, another offset.
    /// let utc = Timestamp::parse_rfc3339("2020-05-22 03:21Z").unwrap();
    /// assert_eq!((utc.epoch_ms, utc.offset_minutes), (seed.epoch_ms, 0));
    /// // The time the newsroom wrote, as `time-zone="source"` shows it.
    /// let local = seed.source_time();
    /// assert_eq!((local.day, local.month, local.year), (22, 5, 2020));
    /// assert_eq!((local.hour, local.minute), (10, 21));
    /// assert_eq!(seed.offset_label(), "GMT+7");
    ///
    /// assert_eq!(Timestamp::parse_rfc3339("22/5/2020, 10:21"), None);
    /// assert_eq!(Timestamp::parse_rfc3339("2019-02-29T00:00:00Z"), None);
    /// ```
    pub fn parse_rfc3339(text: &str) -> Option<Timestamp> {
        let b = text.trim().as_bytes();
        let num = |from: usize, len: usize| number(b.get(from..from + len)?);
        let year = num(0, 4)?;
        let (month, day) = (num(5, 2)?, num(8, 2)?);
        if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let mut at = 10;
        let (mut hour, mut minute, mut second) = (0, 0, 0);
        let has_time = matches!(b.get(at), Some(b'T' | b't' | b' '));
        // Only a bare date is a calendar date: with an offset (`2020-05-22+07:00`, not RFC
        // 3339 but read) it stays a moment, midnight there, so that it writes back the same.
        let mut written = if !has_time && b.len() == at {
            Written::Date
        } else {
            Written::Moment
        };
        if has_time {
            hour = num(at + 1, 2)?;
            minute = num(at + 4, 2)?;
            if b.get(at + 3) != Some(&b':') {
                return None;
            }
            at += 6;
            if b.get(at) == Some(&b':') {
                second = num(at + 1, 2)?;
                at += 3;
                if b.get(at) == Some(&b'.') {
                    at += 1;
                    while b.get(at).is_some_and(u8::is_ascii_digit) {
                        at += 1;
                    }
                }
            }
        }
        let offset_minutes = match b.get(at) {
            None => {
                if written == Written::Moment {
                    written = Written::WallTime;
                }
                0
            }
            Some(b'Z' | b'z') if at + 1 == b.len() => 0,
            Some(&sign @ (b'+' | b'-')) => {
                let hours = num(at + 1, 2)?;
                let (minutes, end) = match b.get(at + 3) {
                    Some(b':') => (num(at + 4, 2)?, at + 6),
                    _ => (num(at + 3, 2)?, at + 5),
                };
                if end != b.len() {
                    return None;
                }
                let total = (hours * 60 + minutes) as i32;
                if hours > 23 || minutes > 59 {
                    return None;
                }
                if sign == b'-' {
                    -total
                } else {
                    total
                }
            }
            _ => return None,
        };
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(i64::from(year), month)
            && hour < 24
            && minute < 60
            && second < 61;
        if !valid {
            return None;
        }
        let days = days_from_civil(i64::from(year), month, day);
        let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second.min(59))
            - i64::from(offset_minutes) * 60;
        Some(Timestamp {
            epoch_ms: seconds * 1000,
            offset_minutes,
            written,
        })
    }

    /// Parses a date as publishers write it: RFC 3339 ([`Timestamp::parse_rfc3339`]) and,
    /// where that fails, the forms feeds and feed software write: RFC 2822 (`Fri, 31 May
    /// 2019 12:17:58 -0700`, the RSS date), an ISO date and time followed by a zone
    /// (`2020-05-22 03:21:00 UTC`, Go's `2020-05-22 03:21:00 +0000 UTC`), Java's
    /// `Date.toString()` (`Tue Jan 28 15:28:56 CET 2020`) and JavaScript's (`Fri May 22 2020
    /// 10:21:00 GMT+0700 (Indochina Time)`).
    ///
    /// Words are taken in any order, each once: one weekday, one day, one English month name,
    /// one year of four digits, one time, one zone. A zone is an offset (`+0700`, `-07:00`,
    /// `GMT+7`), `Z`, `UT`, `UTC`, `GMT`, or an abbreviation that names one offset (`CET`,
    /// `ICT`, RFC 2822's `EST` … `PDT`). A date that is anything else is `None`, never
    /// guessed: `CST` and `IST` each name several zones, `05/06/2020` two dates. Without a
    /// zone it is a [`Written::WallTime`], shown as written.
    ///
    /// ```
    /// use news_embed::model::{Timestamp, Written};
    ///
    /// let rss = Timestamp::parse("Fri, 31 May 2019 12:17:58 -0700").unwrap();
    /// assert_eq!(rss.to_rfc3339(), "2019-05-31T12:17:58-07:00");
    /// let java = Timestamp::parse("Tue Jan 28 15:28:56 CET 2020").unwrap();
    /// assert_eq!(java.to_rfc3339(), "2020-01-28T15:28:56+01:00");
    /// let utc = Timestamp::parse("2020-05-22 03:21:00 UTC").unwrap();
    /// assert_eq!(utc.to_rfc3339(), "2020-05-22T03:21:00Z");
    /// let wall = Timestamp::parse("2022-07-26 13:01:01").unwrap();
    /// assert_eq!((wall.written, wall.to_rfc3339().as_str()), (Written::WallTime, "2022-07-26T13:01:01"));
    /// assert_eq!(Timestamp::parse("Tue Jan 28 15:28:56 CST 2020"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Timestamp> {
        Timestamp::parse_rfc3339(text).or_else(|| parse_words(text))
    }

    /// The wall-clock time at the offset the article was published with.
    pub fn source_time(&self) -> CivilTime {
        let local_seconds = self.epoch_ms.div_euclid(1000) + i64::from(self.offset_minutes) * 60;
        let days = local_seconds.div_euclid(86_400);
        let secs = local_seconds.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        CivilTime {
            year,
            month,
            day,
            hour: secs / 3600,
            minute: secs / 60 % 60,
            second: secs % 60,
        }
    }

    /// RFC 3339 at the source offset, for `<time datetime>`: `2020-05-22T10:21:00+07:00`; the
    /// date alone (`2020-05-22`) for a date without a time, and a time without an offset
    /// (HTML's local date and time, `2022-07-26T13:01:01`) for one written without.
    ///
    /// ```
    /// use news_embed::model::Timestamp;
    ///
    /// use news_embed::model::Written;
    /// let t = Timestamp { epoch_ms: 1_590_117_660_000, offset_minutes: 330, written: Written::Moment };
    /// assert_eq!(t.to_rfc3339(), "2020-05-22T08:51:00+05:30");
    /// let utc = Timestamp { offset_minutes: 0, ..t };
    /// assert_eq!(utc.to_rfc3339(), "2020-05-22T03:21:00Z");
    /// ```
    pub fn to_rfc3339(&self) -> String {
        let t = self.source_time();
        let date = format!("{:04}-{:02}-{:02}", t.year, t.month, t.day);
        if self.written == Written::Date {
            return date;
        }
        let time = format!("{date}T{:02}:{:02}:{:02}", t.hour, t.minute, t.second);
        if self.written == Written::WallTime {
            return time;
        }
        if self.offset_minutes == 0 {
            return time + "Z";
        }
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let abs = self.offset_minutes.unsigned_abs();
        format!("{time}{sign}{:02}:{:02}", abs / 60, abs % 60)
    }

    /// The source offset as people write it in parentheses: `GMT+7`, `GMT+5:30`, `GMT`.
    pub fn offset_label(&self) -> String {
        if self.offset_minutes == 0 {
            return "GMT".to_owned();
        }
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let abs = self.offset_minutes.unsigned_abs();
        match abs % 60 {
            0 => format!("GMT{sign}{}", abs / 60),
            minutes => format!("GMT{sign}{}:{minutes:02}", abs / 60),
        }
    }
}

/// [`Timestamp::parse`] for what is not RFC 3339: its words, each kind once. (Bytes,
/// case-blind comparisons and one slot per kind of word: written with lower-cased copies
/// and a variable per kind, it cost 1.8 KB gzip of wasm.)
fn parse_words(text: &str) -> Option<Timestamp> {
    const MONTHS: &str =
        "january february march april may june july august september october november december";
    const DAYS: &str = "monday tuesday wednesday thursday friday saturday sunday";
    const DAY: usize = 0;
    const MONTH: usize = 1;
    const YEAR: usize = 2;
    const WEEKDAY: usize = 3;
    const ISO: usize = 4;
    const CLOCK: usize = 5;
    const ZONE: usize = 6;
    // JavaScript's `(Indochina Time)` names the zone its offset already gave.
    let text = text.split('(').next().unwrap_or_default();
    let mut slots: [Option<i64>; 7] = [None; 7];
    let mut iso_written = Written::Date;
    for word in text.split([' ', ',']).filter(|w| !w.is_empty()) {
        let b = word.as_bytes();
        let (slot, value) = if b.iter().all(u8::is_ascii_digit) {
            let slot = match b.len() {
                1 | 2 => DAY,
                4 => YEAR,
                _ => return None,
            };
            (slot, i64::from(number(b)?))
        } else if b[0].is_ascii_digit() && b.contains(&b':') && !b.contains(&b'-') {
            // `HH:MM` or `HH:MM:SS`, read as the time of 1970-01-01.
            let t = Timestamp::parse_rfc3339(&("1970-01-01T".to_owned() + word))
                .filter(|t| t.written == Written::WallTime)?;
            (CLOCK, t.epoch_ms)
        } else if b.len() >= 10 && b[4] == b'-' {
            // An ISO date, with its time (`2020-05-22T03:21:00`) but no offset of its own.
            let t = Timestamp::parse_rfc3339(word).filter(|t| t.written != Written::Moment)?;
            iso_written = t.written;
            (ISO, t.epoch_ms)
        } else if let Some(index) = named(MONTHS, word) {
            (MONTH, index as i64 + 1)
        } else if named(DAYS, word).is_some() {
            (WEEKDAY, 0)
        } else if slots[ZONE].is_some() && b.iter().all(u8::is_ascii_alphabetic) {
            // After an offset, a name says it again (Go: `+0000 UTC`, `+0800 CST`).
            continue;
        } else {
            (ZONE, i64::from(zone_offset(b)?))
        };
        if slots[slot].replace(value).is_some() {
            return None;
        }
    }
    let (mut epoch_ms, mut written) = match slots[..YEAR + 1] {
        [Some(day), Some(month), Some(year)] if slots[ISO].is_none() => {
            let (year, month, day) = (year, month as u32, day as u32);
            if day == 0 || day > days_in_month(year, month) {
                return None;
            }
            (
                days_from_civil(year, month, day) * 86_400_000,
                Written::Date,
            )
        }
        [None, None, None] => (slots[ISO]?, iso_written),
        _ => return None,
    };
    if let Some(clock) = slots[CLOCK] {
        if written != Written::Date {
            return None;
        }
        epoch_ms += clock;
        written = Written::WallTime;
    }
    let mut offset_minutes = 0;
    if let (Some(offset), Written::WallTime) = (slots[ZONE], written) {
        offset_minutes = offset as i32;
        epoch_ms -= offset * 60_000;
        written = Written::Moment;
    }
    Some(Timestamp {
        epoch_ms,
        offset_minutes,
        written,
    })
}

/// The index of the name in `names` (space-separated) that `word` is, or begins with three
/// letters or more (`Jan`, `Sept.`), in any case.
fn named(names: &str, word: &str) -> Option<usize> {
    let word = word.trim_end_matches('.').as_bytes();
    names.split(' ').position(|name| {
        word.len() >= 3
            && name.len() >= word.len()
            && name.as_bytes()[..word.len()].eq_ignore_ascii_case(word)
    })
}

/// The offset in minutes a zone word names, if it names exactly one: `+0700`, `-07:00`,
/// `GMT+7`, `UTC`, `CET`.
fn zone_offset(word: &[u8]) -> Option<i32> {
    // Abbreviations that name one offset wherever they are used, grouped by their hours:
    // UTC-8 to UTC-4, then UTC to UTC+11.
    const NAMED: &str = "pst|mst pdt|mdt|est cdt|edt||||z ut utc gmt wet|cet west|cest eet sast|\
                         eest msk||||ict wib|hkt sgt awst pht|jst kst|aest|aedt";
    let hours = NAMED.split('|').position(|group| {
        group
            .split(' ')
            .any(|name| name.as_bytes().eq_ignore_ascii_case(word))
    });
    if let Some(hours) = hours {
        return Some((hours as i32 - 8) * 60);
    }
    let prefixed = word.len() > 3
        && (word[..3].eq_ignore_ascii_case(b"gmt") || word[..3].eq_ignore_ascii_case(b"utc"));
    let word = &word[if prefixed { 3 } else { 0 }..];
    let sign = match word.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    // `+7`, `+07`, `+0700`, `+07:00`.
    let (mut value, mut digits) = (0, 0);
    for (i, &c) in word[1..].iter().enumerate() {
        if c.is_ascii_digit() && digits < 4 {
            value = value * 10 + i32::from(c - b'0');
            digits += 1;
        } else if !(c == b':' && i == 2) {
            return None;
        }
    }
    let (hours, minutes) = match digits {
        1 | 2 => (value, 0),
        4 => (value / 100, value % 100),
        _ => return None,
    };
    (hours <= 14 && minutes <= 59).then_some(sign * (hours * 60 + minutes))
}

/// A whole number written in ASCII digits only.
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_seed_date_with_its_offset() {
        let t = Timestamp::parse_rfc3339("2020-05-22T10:21:00+07:00").expect("valid");
        assert_eq!(t.epoch_ms, 1_590_117_660_000);
        assert_eq!(t.offset_minutes, 420);
        assert_eq!(t.to_rfc3339(), "2020-05-22T10:21:00+07:00");
        assert_eq!(t.offset_label(), "GMT+7");
        let local = t.source_time();
        assert_eq!((local.day, local.month, local.year), (22, 5, 2020));
        assert_eq!((local.hour, local.minute), (10, 21));
    }

    #[test]
    fn accepts_common_rfc3339_variants() {
        let utc = Timestamp::parse_rfc3339("2020-05-22T03:21:00Z").expect("Z");
        assert_eq!(utc.epoch_ms, 1_590_117_660_000);
        assert_eq!(utc.to_rfc3339(), "2020-05-22T03:21:00Z");
        let spaced = Timestamp::parse_rfc3339("2020-05-22 10:21+07:00").expect("space");
        assert_eq!(spaced.epoch_ms, 1_590_117_660_000);
        let fraction = Timestamp::parse_rfc3339("2020-05-22T03:21:00.123456Z").expect("fraction");
        assert_eq!(fraction.epoch_ms, 1_590_117_660_000);
        let india = Timestamp::parse_rfc3339("2020-05-22T08:51:00+05:30").expect("india");
        assert_eq!(india.epoch_ms, 1_590_117_660_000);
        assert_eq!(india.offset_label(), "GMT+5:30");
        let west = Timestamp::parse_rfc3339("2020-05-21T23:21:00-04:00").expect("west");
        assert_eq!(west.epoch_ms, 1_590_117_660_000);
        assert_eq!(west.offset_label(), "GMT-4");
        let date_only = Timestamp::parse_rfc3339("2020-05-22").expect("date only");
        assert_eq!(date_only.source_time().hour, 0);
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for bad in [
            "",
            "yesterday",
            "2020-13-01T00:00:00Z",
            "2019-02-29T00:00:00Z",
            "2020-05-22T25:00:00Z",
            "2020-05-22T10:21:00+07:00junk",
            "2020/05/22",
            "２０２０-05-22",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(bad), None, "{bad:?}");
        }
        assert!(Timestamp::parse_rfc3339("2020-02-29T00:00:00Z").is_some());
    }

    /// `(epoch seconds, offset minutes)` of a date read as publishers write it.
    fn read(text: &str) -> Option<(i64, i32, Written)> {
        Timestamp::parse(text).map(|t| (t.epoch_ms / 1000, t.offset_minutes, t.written))
    }

    #[test]
    fn reads_the_dates_feeds_and_feed_software_write() {
        // 2019-05-31T19:17:58Z, written as feeds and their software write it.
        let moment = 1_559_330_278;
        for (text, offset) in [
            ("Fri, 31 May 2019 12:17:58 -0700", -420),
            ("31 May 2019 19:17:58 GMT", 0),
            ("Fri, 31 May 2019 19:17:58 +0000", 0),
            ("2019-05-31 19:17:58 UTC", 0),
            ("2019-05-31 19:17:58 +0000 UTC", 0),
            ("2019-05-31T12:17:58 -07:00", -420),
            (
                "Fri May 31 2019 21:17:58 GMT+0200 (Central European Summer Time)",
                120,
            ),
            ("Fri May 31 21:17:58 CEST 2019", 120),
            ("Saturday, June 1, 2019 02:17:58 ICT", 420),
            ("Fri, 31 May 2019 15:17:58 EDT", -240),
        ] {
            assert_eq!(
                read(text),
                Some((moment, offset, Written::Moment)),
                "{text:?}"
            );
        }
        // Java's Date.toString(), as a feed generator wrote it.
        assert_eq!(
            Timestamp::parse("Tue Jan 28 15:28:56 CET 2020").map(|t| t.to_rfc3339()),
            Some("2020-01-28T15:28:56+01:00".to_owned())
        );
    }

    #[test]
    fn a_date_without_an_offset_is_a_wall_time_shown_as_written() {
        for text in [
            "2022-07-26 13:01:01",
            "2022-07-26T13:01:01",
            "Tue Jul 26 13:01:01 2022",
        ] {
            let t = Timestamp::parse(text).expect(text);
            assert_eq!(t.written, Written::WallTime, "{text:?}");
            assert_eq!(t.to_rfc3339(), "2022-07-26T13:01:01", "{text:?}");
        }
        let t = Timestamp::parse("26 July 2022").expect("a date");
        assert_eq!(
            (t.written, t.to_rfc3339().as_str()),
            (Written::Date, "2022-07-26")
        );
    }

    #[test]
    fn a_date_that_cannot_be_read_for_sure_is_left_out() {
        for text in [
            // Found by fuzzing: an offset with more digits than any offset has.
            "-65699999999999999999999999999999999999999663-65 66:65:",
            "1 May 2020 10:00 +070000000000",
            "1 May 2020 10:00+07:00",
            // CST is US Central and China Standard Time; IST India, Ireland and Israel.
            "Tue Jan 28 15:28:56 CST 2020",
            "Tue, 28 Jan 2020 15:28:56 IST",
            // Which is the day and which the month.
            "05/06/2020",
            "5 6 2020",
            // Two years, two times, words that are no part of a date.
            "28 Jan 2020 2021",
            "28 Jan 2020 10:00 11:00",
            "Posted on 28 Jan 2020",
            "28 Janvier 2020",
            // Dates that do not exist and hours beyond the day.
            "30 Feb 2020",
            "28 Jan 2020 25:00",
            "2020-01-28 10:00 +1500",
            // A Hugo bug, found in a published feed.
            "25056-25-09T559:2525:00+07:00",
            "",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
    }

    #[test]
    fn crosses_the_date_line_at_the_source_offset() {
        let t = Timestamp::parse_rfc3339("2020-12-31T23:30:00-01:00").expect("valid");
        let utc = Timestamp {
            offset_minutes: 0,
            ..t.clone()
        }
        .source_time();
        assert_eq!((utc.year, utc.month, utc.day, utc.hour), (2021, 1, 1, 0));
        assert_eq!(t.source_time().year, 2020);
    }
}
