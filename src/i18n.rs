//! Labels per language and the native date format.
//!
//! In the browser, dates are formatted by `Intl` (`web::dates`) so any locale works; the
//! formatter here covers `vi` and `en` without a browser (server-side rendering and native
//! tests) and produces the same text for them.

use crate::model::{Timestamp, Written};

/// The language of the widget's own labels. Any other language falls back to English labels
/// (its dates still use its own locale through `Intl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// The label language for a BCP 47 tag: `vi`, `vi-VN` → Vietnamese; anything else English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// Every piece of text the widget itself writes.
#[derive(Debug)]
pub struct Labels {
    pub other_news: &'static str,
    /// The headline of an article with no words at all (a photo post).
    pub untitled: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub more: &'static str,
    pub empty: &'static str,
    /// Before the names of photographers in a credit line that has no authors:
    /// "Ảnh Huỳnh Sang", "Photos: Huỳnh Sang".
    pub photo: &'static str,
    /// The same after the authors: "Ngọc Triều, Ảnh Huỳnh Sang", "Minh Thư, photos: Quốc Bảo".
    pub photo_after_authors: &'static str,
    pub read_more: &'static str,
    /// Before the time an article was last changed: "Cập nhật 22/5/2020, 14:05 (GMT+7)".
    pub updated: &'static str,
    /// The accessible name of the list of tags.
    pub tags: &'static str,
    pub error_http: &'static str,
    pub error_network: &'static str,
    pub error_timeout: &'static str,
    pub error_parse: &'static str,
    pub error_schema: &'static str,
    pub error_no_source: &'static str,
}

static VI: Labels = Labels {
    other_news: "Các tin khác",
    untitled: "Không có tiêu đề",
    loading: "Đang tải…",
    retry: "Thử lại",
    more: "Xem thêm",
    empty: "Chưa có tin nào.",
    photo: "Ảnh",
    photo_after_authors: "Ảnh",
    read_more: "Đọc toàn bài",
    tags: "Chủ đề",
    updated: "Cập nhật",
    error_http: "Không tải được tin: máy chủ trả lời lỗi",
    error_network: "Không tải được tin: không kết nối được tới máy chủ.",
    error_timeout: "Không tải được tin: máy chủ không trả lời kịp.",
    error_parse: "Không đọc được tin: dữ liệu nhận về không phải JSON hợp lệ.",
    error_schema: "Không đọc được tin: dữ liệu không đúng định dạng tin bài.",
    error_no_source: "Chưa có nguồn tin: hãy đặt thuộc tính src.",
};

static EN: Labels = Labels {
    other_news: "Other news",
    untitled: "Untitled",
    loading: "Loading…",
    retry: "Try again",
    more: "Show more",
    empty: "No articles yet.",
    photo: "Photos:",
    photo_after_authors: "photos:",
    read_more: "Read the full article",
    tags: "Topics",
    updated: "Updated",
    error_http: "The news could not be loaded: the server answered with error",
    error_network: "The news could not be loaded: the server could not be reached.",
    error_timeout: "The news could not be loaded: the server took too long to answer.",
    error_parse: "The news could not be read: the response is not valid JSON.",
    error_schema: "The news could not be read: the data is not in a known article format.",
    error_no_source: "No news source: set the src attribute.",
};

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The date and time at the source offset: `22/5/2020, 10:21 (GMT+7)` in Vietnamese,
/// `May 22, 2020, 10:21 (GMT+7)` in English. Matches what `web::dates` builds with `Intl`.
pub fn format_source_date(time: &Timestamp, lang: Lang) -> String {
    let t = time.source_time();
    let date = match lang {
        Lang::Vi => format!("{}/{}/{}", t.day, t.month, t.year),
        Lang::En => {
            let month = EN_MONTHS[(t.month as usize).saturating_sub(1) % 12];
            format!("{month} {}, {}", t.day, t.year)
        }
    };
    match time.written {
        Written::Date => return date,
        Written::WallTime => return format!("{date}, {:02}:{:02}", t.hour, t.minute),
        Written::Moment => {}
    }
    format!(
        "{date}, {:02}:{:02} ({})",
        t.hour,
        t.minute,
        time.offset_label()
    )
}

/// The direction a language is written in, for `dir` on an article that names its language:
/// `rtl` for Arabic, Hebrew, Persian, Urdu and the other right-to-left scripts (or a
/// right-to-left script subtag such as `ku-Arab`), `ltr` for every other language.
pub fn direction(tag: &str) -> &'static str {
    const RTL_LANGUAGES: [&str; 16] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "nqo", "ps", "sd", "syr", "ug",
        "ur", "yi",
    ];
    const RTL_SCRIPTS: [&str; 7] = ["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"];
    const LTR_SCRIPTS: [&str; 3] = ["latn", "cyrl", "deva"];
    let mut subtags = tag.trim().split(['-', '_']);
    let primary = subtags.next().unwrap_or("").to_ascii_lowercase();
    let script = subtags
        .find(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase);
    let rtl = match script.as_deref() {
        Some(script) if RTL_SCRIPTS.contains(&script) => true,
        Some(script) if LTR_SCRIPTS.contains(&script) => false,
        _ => RTL_LANGUAGES.contains(&primary.as_str()),
    };
    if rtl {
        "rtl"
    } else {
        "ltr"
    }
}

/// A relative time as `Intl.RelativeTimeFormat` takes it: how many of which unit, for a
/// moment `seconds` from now (negative: in the past). Units grow with the distance, the way
/// people say it: "vừa xong" / "now", "5 phút trước", "3 giờ trước", "Hôm qua", "2 tuần
/// trước", "3 tháng trước", "2 năm trước".
pub fn relative_time(seconds: f64) -> (f64, &'static str) {
    const MINUTE: f64 = 60.0;
    const HOUR: f64 = 60.0 * MINUTE;
    const DAY: f64 = 24.0 * HOUR;
    let distance = seconds.abs();
    let (size, unit) = if distance < 45.0 {
        return (0.0, "second");
    } else if distance < 45.0 * MINUTE {
        (MINUTE, "minute")
    } else if distance < 22.0 * HOUR {
        (HOUR, "hour")
    } else if distance < 7.0 * DAY {
        (DAY, "day")
    } else if distance < 30.0 * DAY {
        (7.0 * DAY, "week")
    } else if distance < 365.0 * DAY {
        (30.436875 * DAY, "month")
    } else {
        (365.2425 * DAY, "year")
    };
    // At least one of the unit: 40 minutes is "1 hour", never "0 hours".
    let count = (distance / size).round().max(1.0);
    (if seconds < 0.0 { -count } else { count }, unit)
}

/// A relative date for a date without a time, `days` from the reader's today: "hôm nay",
/// "hôm qua", "3 ngày trước" within a week, then as [`relative_time`] says it.
pub fn relative_days(days: i64) -> (f64, &'static str) {
    if days.abs() < 7 {
        (days as f64, "day")
    } else {
        relative_time(days as f64 * 86_400.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_label_language_from_the_primary_subtag() {
        assert_eq!(Lang::from_tag("vi"), Lang::Vi);
        assert_eq!(Lang::from_tag("vi-VN"), Lang::Vi);
        assert_eq!(Lang::from_tag("VI"), Lang::Vi);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn knows_right_to_left_languages_and_scripts() {
        for tag in ["ar", "ar-EG", "he", "fa-IR", "ur", "ku-Arab", "yi", "AR"] {
            assert_eq!(direction(tag), "rtl", "{tag}");
        }
        for tag in [
            "vi",
            "en-US",
            "fr",
            "zh-Hant-TW",
            "az-Latn",
            "sr-Cyrl",
            "",
            "ar-Latn",
        ] {
            assert_eq!(direction(tag), "ltr", "{tag}");
        }
    }

    #[test]
    fn picks_the_unit_people_would_say() {
        const HOUR: f64 = 3600.0;
        const DAY: f64 = 24.0 * HOUR;
        assert_eq!(relative_time(-10.0), (0.0, "second"));
        assert_eq!(relative_time(-50.0), (-1.0, "minute"));
        assert_eq!(relative_time(-5.0 * 60.0), (-5.0, "minute"));
        assert_eq!(relative_time(-50.0 * 60.0), (-1.0, "hour"));
        assert_eq!(relative_time(-3.0 * HOUR), (-3.0, "hour"));
        assert_eq!(relative_time(-23.0 * HOUR), (-1.0, "day"));
        assert_eq!(relative_time(-3.0 * DAY), (-3.0, "day"));
        assert_eq!(relative_time(-15.0 * DAY), (-2.0, "week"));
        assert_eq!(relative_time(-95.0 * DAY), (-3.0, "month"));
        assert_eq!(relative_time(-6.6 * 365.0 * DAY), (-7.0, "year"));
        assert_eq!(relative_time(2.0 * HOUR), (2.0, "hour"));
    }

    #[test]
    fn a_date_without_a_time_is_relative_in_days() {
        assert_eq!(relative_days(0), (0.0, "day"));
        assert_eq!(relative_days(-1), (-1.0, "day"));
        assert_eq!(relative_days(-6), (-6.0, "day"));
        assert_eq!(relative_days(-14), (-2.0, "week"));
        assert_eq!(relative_days(-400), (-1.0, "year"));
    }

    #[test]
    fn formats_the_seed_date_like_the_portal() {
        let t = Timestamp::parse_rfc3339("2020-05-22T10:21:00+07:00").expect("valid");
        assert_eq!(format_source_date(&t, Lang::Vi), "22/5/2020, 10:21 (GMT+7)");
        assert_eq!(
            format_source_date(&t, Lang::En),
            "May 22, 2020, 10:21 (GMT+7)"
        );
    }

    #[test]
    fn a_time_without_an_offset_is_shown_as_written_with_no_zone() {
        let t = Timestamp::parse("2022-07-26 13:01:01").expect("valid");
        assert_eq!(format_source_date(&t, Lang::Vi), "26/7/2022, 13:01");
        assert_eq!(format_source_date(&t, Lang::En), "Jul 26, 2022, 13:01");
    }

    #[test]
    fn a_date_without_a_time_is_shown_as_that_date() {
        let t = Timestamp::parse_rfc3339("2020-05-22").expect("valid");
        assert_eq!(t.written, Written::Date);
        assert_eq!(format_source_date(&t, Lang::Vi), "22/5/2020");
        assert_eq!(format_source_date(&t, Lang::En), "May 22, 2020");
        assert_eq!(t.to_rfc3339(), "2020-05-22");
        let timed = Timestamp::parse_rfc3339("2020-05-22T00:00:00Z").expect("valid");
        assert_eq!(timed.written, Written::Moment);
        // A date with an offset (found by the fuzzer) stays a moment: it must write back
        // the same.
        let offset = Timestamp::parse_rfc3339("5551-04-26+0206").expect("read");
        assert_eq!(offset.written, Written::Moment);
        let again = Timestamp::parse_rfc3339(&offset.to_rfc3339()).expect("round trip");
        assert_eq!(
            (again.epoch_ms, again.offset_minutes),
            (offset.epoch_ms, offset.offset_minutes)
        );
        assert_eq!(
            format_source_date(&timed, Lang::En),
            "May 22, 2020, 00:00 (GMT)"
        );
    }

    #[test]
    fn formats_other_offsets_and_padding() {
        let t = Timestamp::parse_rfc3339("2021-01-03T07:05:00+05:30").expect("valid");
        assert_eq!(
            format_source_date(&t, Lang::Vi),
            "3/1/2021, 07:05 (GMT+5:30)"
        );
        let utc = Timestamp::parse_rfc3339("2021-12-31T23:59:00Z").expect("valid");
        assert_eq!(
            format_source_date(&utc, Lang::En),
            "Dec 31, 2021, 23:59 (GMT)"
        );
    }
}
