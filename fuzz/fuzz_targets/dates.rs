//! Dates from any text: parsing and formatting never panic, and what parses formats back
//! to a date that parses to the same moment.
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_embed::i18n::{format_source_date, Lang};
use news_embed::model::Timestamp;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(time) = Timestamp::parse(text) {
        format_source_date(&time, Lang::Vi);
        format_source_date(&time, Lang::En);
        time.offset_label();
        let again = Timestamp::parse_rfc3339(&time.to_rfc3339()).expect("round trip parses");
        assert_eq!(again.epoch_ms / 1000, time.epoch_ms / 1000);
        assert_eq!(again.offset_minutes, time.offset_minutes);
        assert_eq!(again.written, time.written);
    }
});
