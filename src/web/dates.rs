//! Dates for people, through the browser's `Intl`, so every locale a browser knows works
//! without shipping locale data in the wasm.
//!
//! Output is `{date}, {time} ({zone})`: `22/5/2020, 10:21 (GMT+7)` for `vi`,
//! `May 22, 2020, 10:21 (GMT+7)` for `en`. For `time-zone="source"` the wall time is computed
//! at the article's own offset (formatted as UTC after shifting), which works in every
//! browser; an IANA zone is handed to `Intl`, and `local` lets `Intl` use the reader's own.
//!
//! `date-format="relative"` shows "3 giờ trước" / "3 hours ago" through
//! `Intl.RelativeTimeFormat` ([`RelativeFormatter`]), the full date as each date's title.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{format_source_date, relative_days, relative_time, Lang};
use crate::model::{Timestamp, Written};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;

    /// Throws (caught here) for an invalid locale or time zone.
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locale: &str, options: &Object) -> Result<DateTimeFormat, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn format(this: &DateTimeFormat) -> Function;

    #[wasm_bindgen(catch, method, js_name = formatToParts)]
    fn format_to_parts(this: &DateTimeFormat, epoch_ms: f64) -> Result<Array, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    type RelativeTimeFormat;

    /// Throws (caught here) for an invalid locale, or where the browser lacks it.
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "RelativeTimeFormat")]
    fn new(locale: &str, options: &Object) -> Result<RelativeTimeFormat, JsValue>;

    #[wasm_bindgen(catch, method, js_name = format)]
    fn format_relative(
        this: &RelativeTimeFormat,
        value: f64,
        unit: &str,
    ) -> Result<String, JsValue>;
}

/// Which clock the shown times follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zone {
    /// The offset the article was published with (`time-zone="source"`, the default).
    Source,
    /// An IANA zone such as `Asia/Ho_Chi_Minh`.
    Named(String),
    /// The reader's own zone (`time-zone="local"`), daylight saving time included.
    Local,
}

impl Zone {
    pub fn from_attribute(value: Option<String>) -> Zone {
        match value.as_deref().map(str::trim) {
            None | Some("") | Some("source") => Zone::Source,
            Some(local) if local.eq_ignore_ascii_case("local") => Zone::Local,
            Some(name) => Zone::Named(name.to_owned()),
        }
    }
}

/// Formats timestamps for one locale and zone; falls back to [`format_source_date`] where
/// `Intl` refuses the locale or zone.
pub struct DateFormatter {
    locale: String,
    zone: Zone,
    lang: Lang,
    intl: Option<Intl>,
}

struct Intl {
    date: Function,
    time: Function,
    /// For a named zone: gives the zone's offset at a moment (`GMT+7`).
    zone_name: Option<DateTimeFormat>,
    /// In the source zone (UTC after shifting), the texts made so far: there a date's text
    /// depends on its day alone and a clock's on its minute of the day alone, so a list of
    /// many items on few days crosses to `Intl` once per day and per minute instead of twice
    /// per item (10,000 items: about 35 ms of script in Chromium 156 for `Intl`'s own work).
    texts: Option<RefCell<Texts>>,
}

/// Texts by day number and by minute of the day, each list sorted by its key.
#[derive(Default)]
struct Texts {
    days: Vec<(i64, String)>,
    clocks: Vec<(i64, String)>,
}

/// How many texts of each kind are kept: a page's dates span far fewer days than this.
const KEPT_TEXTS: usize = 4096;

/// The text kept for `key`, made by `format` at `moment` the first time (a throw is not
/// kept).
fn remembered<'a>(
    texts: &'a mut Vec<(i64, String)>,
    key: i64,
    format: &Function,
    moment: &JsValue,
) -> Option<&'a str> {
    let i = match texts.binary_search_by_key(&key, |(k, _)| *k) {
        Ok(i) => i,
        Err(i) => {
            let text = format.call1(&JsValue::NULL, moment).ok()?.as_string()?;
            let i = if texts.len() >= KEPT_TEXTS {
                texts.clear();
                0
            } else {
                i
            };
            texts.insert(i, (key, text));
            i
        }
    };
    Some(&texts[i].1)
}

thread_local! {
    /// Formatters already made, by locale and zone: building `Intl.DateTimeFormat`s costs more
    /// than formatting with them, and a page's widgets mostly share one locale and zone.
    static FORMATTERS: RefCell<Vec<(String, Zone, Rc<DateFormatter>)>> = const { RefCell::new(Vec::new()) };
}

/// How many locale and zone pairs are kept.
const KEPT_FORMATTERS: usize = 8;

impl DateFormatter {
    /// The formatter for `locale` and `zone`, made once and then shared.
    pub fn shared(locale: &str, zone: &Zone) -> Rc<DateFormatter> {
        FORMATTERS.with(|cell| {
            let mut kept = cell.borrow_mut();
            if let Some((_, _, formatter)) = kept.iter().find(|(l, z, _)| l == locale && z == zone)
            {
                return Rc::clone(formatter);
            }
            let formatter = Rc::new(DateFormatter::new(locale, zone));
            if kept.len() >= KEPT_FORMATTERS {
                kept.remove(0);
            }
            kept.push((locale.to_owned(), zone.clone(), Rc::clone(&formatter)));
            formatter
        })
    }

    pub fn new(locale: &str, zone: &Zone) -> DateFormatter {
        DateFormatter {
            locale: locale.to_owned(),
            zone: zone.clone(),
            lang: Lang::from_tag(locale),
            intl: Intl::new(locale, zone)
                .or_else(|| Intl::new("en", zone))
                .or_else(|| Intl::new(locale, &Zone::Source)),
        }
    }

    pub fn format(&self, time: &Timestamp) -> String {
        // A date without a time, or a time without an offset, is shown as written: the same
        // in every zone.
        if time.written != Written::Moment && self.zone != Zone::Source {
            return DateFormatter::shared(&self.locale, &Zone::Source).format(time);
        }
        self.intl
            .as_ref()
            .and_then(|intl| intl.format(time))
            .unwrap_or_else(|| format_source_date(time, self.lang))
    }
}

impl Intl {
    fn new(locale: &str, zone: &Zone) -> Option<Intl> {
        let zone_id = match zone {
            Zone::Source => Some("UTC"),
            Zone::Named(name) => Some(name.as_str()),
            Zone::Local => None,
        };
        let options = |pairs: &[(&str, &str)]| options_in(zone_id, pairs);
        let numeric_month = Lang::from_tag(locale) == Lang::Vi;
        let date = DateTimeFormat::new(
            locale,
            &options(&[
                ("day", "numeric"),
                ("month", if numeric_month { "numeric" } else { "short" }),
                ("year", "numeric"),
            ]),
        )
        .ok()?;
        let time = DateTimeFormat::new(
            locale,
            &options(&[
                ("hour", "2-digit"),
                ("minute", "2-digit"),
                ("hourCycle", "h23"),
            ]),
        )
        .ok()?;
        let zone_name = match zone {
            Zone::Source => None,
            Zone::Named(_) | Zone::Local => Some(
                DateTimeFormat::new(locale, &options(&[("timeZoneName", "shortOffset")])).ok()?,
            ),
        };
        Some(Intl {
            date: date.format(),
            time: time.format(),
            texts: zone_name.is_none().then(RefCell::default),
            zone_name,
        })
    }

    fn format(&self, time: &Timestamp) -> Option<String> {
        let Some(texts) = &self.texts else {
            let moment = time.epoch_ms as f64;
            let zone = zone_label(self.zone_name.as_ref()?, moment)?;
            let moment = JsValue::from_f64(moment);
            let date = self.date.call1(&JsValue::NULL, &moment).ok()?.as_string()?;
            let clock = self.time.call1(&JsValue::NULL, &moment).ok()?.as_string()?;
            return Some(format!("{date}, {clock} ({zone})"));
        };
        // Shifted so that UTC shows the source offset's wall time (and, for a date alone,
        // the written date: only the source formatter sees those, `DateFormatter::format`).
        let shifted = time.epoch_ms as f64 + f64::from(time.offset_minutes) * 60_000.0;
        let moment = JsValue::from_f64(shifted);
        let minutes = (shifted / 60_000.0).floor() as i64;
        let texts = &mut *texts.borrow_mut();
        let date = remembered(
            &mut texts.days,
            minutes.div_euclid(1_440),
            &self.date,
            &moment,
        )?;
        if time.written == Written::Date {
            return Some(date.to_owned());
        }
        let clock = remembered(
            &mut texts.clocks,
            minutes.rem_euclid(1_440),
            &self.time,
            &moment,
        )?;
        if time.written == Written::WallTime {
            return Some(format!("{date}, {clock}"));
        }
        Some(format!("{date}, {clock} ({})", time.offset_label()))
    }
}

/// Relative dates for one locale, from one "now" (the render's): every date of a render is
/// measured from the same moment.
pub struct RelativeFormatter {
    format: Option<RelativeTimeFormat>,
    now_ms: f64,
    /// `Date.getTimezoneOffset()` in milliseconds: west of UTC positive.
    reader_offset_ms: f64,
}

impl RelativeFormatter {
    pub fn new(locale: &str) -> RelativeFormatter {
        let options = options(&[("numeric", "auto")]);
        RelativeFormatter {
            format: RelativeTimeFormat::new(locale, &options)
                .or_else(|_| RelativeTimeFormat::new("en", &options))
                .ok(),
            now_ms: js_sys::Date::now(),
            reader_offset_ms: js_sys::Date::new_0().get_timezone_offset() * 60_000.0,
        }
    }

    /// `None` where the browser has no `Intl.RelativeTimeFormat`: the caller shows the date.
    pub fn format(&self, time: &Timestamp) -> Option<String> {
        const DAY_MS: f64 = 86_400_000.0;
        let (value, unit) = match time.written {
            Written::Date => {
                // Days between the written date and the reader's own today.
                let date =
                    (time.epoch_ms as f64 + f64::from(time.offset_minutes) * 60_000.0) / DAY_MS;
                let today = (self.now_ms - self.reader_offset_ms) / DAY_MS;
                relative_days((date.floor() - today.floor()) as i64)
            }
            // A wall time without an offset: read as the reader's own clock.
            Written::WallTime => {
                relative_time((time.epoch_ms as f64 + self.reader_offset_ms - self.now_ms) / 1000.0)
            }
            Written::Moment => relative_time((time.epoch_ms as f64 - self.now_ms) / 1000.0),
        };
        self.format.as_ref()?.format_relative(value, unit).ok()
    }
}

fn zone_label(format: &DateTimeFormat, epoch_ms: f64) -> Option<String> {
    let parts = format.format_to_parts(epoch_ms).ok()?;
    parts
        .iter()
        .find_map(|part| {
            let kind = Reflect::get(&part, &JsValue::from_str("type")).ok()?;
            if kind.as_string().as_deref() != Some("timeZoneName") {
                return None;
            }
            Reflect::get(&part, &JsValue::from_str("value"))
                .ok()?
                .as_string()
        })
        // Written "GMT" like the source-offset label, whatever the locale's zero looks like.
        .map(|label| match label.as_str() {
            "GMT+0" | "GMT-0" | "UTC" => "GMT".to_owned(),
            _ => label,
        })
}

/// `options` with a `timeZone`; without one, `Intl` takes the reader's.
fn options_in(zone_id: Option<&str>, pairs: &[(&str, &str)]) -> Object {
    let object = options(pairs);
    if let Some(zone_id) = zone_id {
        let _ = Reflect::set(
            &object,
            &JsValue::from_str("timeZone"),
            &JsValue::from_str(zone_id),
        );
    }
    object
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object.unchecked_into()
}

/// Remembered texts must be the texts `Intl` gives, in a real browser.
#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::{DateFormatter, Zone};
    use crate::model::Timestamp;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn source_zone_dates_stay_right_when_days_and_minutes_repeat() {
        let vi = DateFormatter::new("vi", &Zone::Source);
        let en = DateFormatter::new("en", &Zone::Source);
        // Same minute of the day on other days, same day at other minutes, before 1970,
        // other offsets, a date alone, then the first moment again.
        let cases = [
            (
                "2020-05-22T10:21:00+07:00",
                "22/5/2020, 10:21 (GMT+7)",
                "May 22, 2020, 10:21 (GMT+7)",
            ),
            (
                "2020-05-23T10:21:30+07:00",
                "23/5/2020, 10:21 (GMT+7)",
                "May 23, 2020, 10:21 (GMT+7)",
            ),
            (
                "2020-05-22T23:59:59+07:00",
                "22/5/2020, 23:59 (GMT+7)",
                "May 22, 2020, 23:59 (GMT+7)",
            ),
            (
                "1969-12-31T23:59:00Z",
                "31/12/1969, 23:59 (GMT)",
                "Dec 31, 1969, 23:59 (GMT)",
            ),
            (
                "1969-12-31T10:21:00-05:00",
                "31/12/1969, 10:21 (GMT-5)",
                "Dec 31, 1969, 10:21 (GMT-5)",
            ),
            ("2020-05-22", "22/5/2020", "May 22, 2020"),
            (
                "2020-05-22T00:00:00+05:30",
                "22/5/2020, 00:00 (GMT+5:30)",
                "May 22, 2020, 00:00 (GMT+5:30)",
            ),
            (
                "2020-05-22T10:21:00+07:00",
                "22/5/2020, 10:21 (GMT+7)",
                "May 22, 2020, 10:21 (GMT+7)",
            ),
        ];
        for (written, in_vi, in_en) in cases {
            let time = Timestamp::parse_rfc3339(written).expect("an RFC 3339 date");
            assert_eq!(vi.format(&time), in_vi, "{written} in vi");
            assert_eq!(en.format(&time), in_en, "{written} in en");
        }
    }
}
