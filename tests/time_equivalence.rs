//! `src/time.rs` replaced the `time` crate in the library (its parsing
//! machinery cost ~27 KB of wasm). These properties check that the hand-written
//! parsers accept exactly what `time` accepted, with the same results, and
//! that the formatters print the same text.
#![cfg(not(target_arch = "wasm32"))]

use idv_edge::time::{
    format_dotnet, format_rfc3339_ms, is_calendar_date, parse_date_or_date_time_ms, parse_http_date_ms,
    parse_iso_date_ms, parse_rfc3339_ms, utc_date,
};
use proptest::prelude::*;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime, UtcOffset};

fn old_rfc3339(s: &str) -> Option<i64> {
    let dt = OffsetDateTime::parse(s, &Rfc3339).ok()?;
    i64::try_from(dt.unix_timestamp_nanos() / 1_000_000).ok()
}

fn old_http_date(s: &str) -> Option<i64> {
    let fmt = format_description!("[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT");
    let dt = time::PrimitiveDateTime::parse(s.trim(), &fmt).ok()?.assume_utc();
    i64::try_from(dt.unix_timestamp_nanos() / 1_000_000).ok()
}

fn old_from_ms(ms: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
}

fn old_format_rfc3339_ms(ms: i64) -> Option<String> {
    let dt = old_from_ms(ms)?;
    let (d, t) = (dt.date(), dt.time());
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        d.year(),
        u8::from(d.month()),
        d.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    ))
}

fn old_format_dotnet(ms: i64, offset_minutes: i16) -> Option<String> {
    let offset = UtcOffset::from_whole_seconds(i32::from(offset_minutes) * 60).ok()?;
    let dt = old_from_ms(ms)?.checked_to_offset(offset)?;
    let (d, t) = (dt.date(), dt.time());
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}{sign}{:02}:{:02}",
        d.year(),
        u8::from(d.month()),
        d.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.nanosecond() / 100,
        off / 60,
        off % 60
    ))
}

/// Strings close to RFC 3339: each part drawn from valid and invalid pieces.
fn rfc3339_like() -> impl Strategy<Value = String> {
    let num = |n: usize| proptest::string::string_regex(&format!("[0-9]{{{n}}}")).unwrap();
    (
        prop_oneof![
            num(4),
            Just("0000".to_string()),
            Just("9999".to_string()),
            Just("1972".to_string()),
            Just("2016".to_string()),
            Just("+2016".to_string()),
            Just("201".to_string())
        ],
        prop_oneof![
            num(2),
            Just("02".to_string()),
            Just("12".to_string()),
            Just("06".to_string()),
            Just("00".to_string())
        ],
        prop_oneof![
            num(2),
            Just("28".to_string()),
            Just("29".to_string()),
            Just("30".to_string()),
            Just("31".to_string())
        ],
        prop_oneof![Just("T"), Just("t"), Just(" "), Just("_"), Just("é"), Just("")],
        prop_oneof![num(2), Just("23".to_string())],
        prop_oneof![num(2), Just("59".to_string())],
        prop_oneof![
            num(2),
            Just("59".to_string()),
            Just("60".to_string()),
            Just("61".to_string())
        ],
        prop_oneof![
            Just(String::new()),
            Just(".".to_string()),
            "\\.[0-9]{1,12}",
            Just(".999999999".to_string())
        ],
        prop_oneof![
            Just("Z".to_string()),
            Just("z".to_string()),
            Just("+00:00".to_string()),
            Just("-00:00".to_string()),
            "[+-][0-9]{2}:[0-9]{2}",
            Just("+23:59".to_string()),
            Just("-23:59".to_string()),
            Just("+0000".to_string()),
            Just(String::new()),
            Just("ZZ".to_string())
        ],
    )
        .prop_map(|(y, mo, d, sep, h, mi, s, frac, off)| format!("{y}-{mo}-{d}{sep}{h}:{mi}:{s}{frac}{off}"))
}

fn http_date_like() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("Mon"),
            Just("Tue"),
            Just("Wed"),
            Just("Thu"),
            Just("Fri"),
            Just("Sat"),
            Just("Sun"),
            Just("mon"),
            Just("Xyz")
        ],
        prop_oneof![Just(", "), Just(","), Just(" ")],
        prop_oneof![
            "[0-9]{2}",
            Just("1".to_string()),
            Just("31".to_string()),
            Just("29".to_string())
        ],
        prop_oneof![
            Just("Jan"),
            Just("Feb"),
            Just("Oct"),
            Just("Dec"),
            Just("jan"),
            Just("Foo")
        ],
        prop_oneof![
            "[0-9]{4}",
            Just("2015".to_string()),
            Just("2024".to_string()),
            Just("-0001".to_string()),
            Just("+2015".to_string()),
            Just("15".to_string()),
            Just("20150".to_string())
        ],
        prop_oneof![
            "[0-9]{2}:[0-9]{2}:[0-9]{2}",
            Just("23:59:59".to_string()),
            Just("23:59:60".to_string()),
            Just("7:28:00".to_string())
        ],
        prop_oneof![Just(" GMT"), Just(" gmt"), Just(" UTC"), Just(""), Just(" GMT ")],
        prop_oneof![Just(""), Just("  "), Just("\t")],
    )
        .prop_map(|(wd, c, d, m, y, t, z, ws)| format!("{ws}{wd}{c}{d} {m} {y} {t}{z}{ws}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn rfc3339_parses_as_before(s in rfc3339_like()) {
        prop_assert_eq!(parse_rfc3339_ms(&s), old_rfc3339(&s), "{}", s);
    }

    #[test]
    fn rfc3339_arbitrary_text_parses_as_before(s in "[0-9T:.Zz+ -]{0,40}") {
        prop_assert_eq!(parse_rfc3339_ms(&s), old_rfc3339(&s), "{}", s);
    }

    #[test]
    fn http_dates_parse_as_before(s in http_date_like()) {
        prop_assert_eq!(parse_http_date_ms(&s), old_http_date(&s), "{}", s);
    }

    #[test]
    fn formatting_as_before(ms in prop_oneof![any::<i64>(), -400_000_000_000_000i64..400_000_000_000_000, -1000i64..1000], off in prop_oneof![any::<i16>(), -1600i16..1600]) {
        prop_assert_eq!(format_rfc3339_ms(ms), old_format_rfc3339_ms(ms));
        // The same text, except that ours refuses a year outside 0 to 9999
        // (which `{:04}` would write as `-001` or `10000`).
        let four_digits = |t: &String| !t.starts_with('-') && t.find('-') == Some(4);
        prop_assert_eq!(format_dotnet(ms, off), old_format_dotnet(ms, off).filter(four_digits));
        prop_assert_eq!(utc_date(ms), old_from_ms(ms).map(|d| (d.year(), u8::from(d.month()), d.day())));
    }

    /// `YYYY-MM-DD` as `time` parses `[year]-[month]-[day]` (four-digit
    /// years, so no sign), at midnight UTC; and the date-or-date-time parser
    /// is one or the other.
    #[test]
    fn iso_dates_parse_as_time_does(s in prop_oneof!["[0-9]{4}-[0-9]{2}-[0-9]{2}", "[0-9+-]{0,5}-[0-9]{1,3}-[0-9]{1,3}[Z ]?", "[0-9]{4}-[01][0-9]-[0-3][0-9]"]) {
        let old = Date::parse(&s, format_description!("[year]-[month]-[day]")).ok()
            .filter(|_| s.len() == 10 && s.as_bytes()[0].is_ascii_digit())
            .map(|d| d.midnight().assume_utc().unix_timestamp() * 1000);
        prop_assert_eq!(parse_iso_date_ms(&s), old, "{:?}", s);
        prop_assert_eq!(parse_date_or_date_time_ms(&s), old.or_else(|| parse_rfc3339_ms(&s)));
    }

    #[test]
    fn calendar_dates_as_before(y in prop_oneof![-10_001i32..10_001, any::<i32>()], m in 0u8..14, d in 0u8..33) {
        let old = Month::try_from(m).map(|mo| Date::from_calendar_date(y, mo, d).is_ok()).unwrap_or(false);
        prop_assert_eq!(is_calendar_date(y, m, d), old);
    }
}

#[test]
fn leap_seconds_and_edges_as_before() {
    for s in [
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60.5Z",
        "2016-12-30T23:59:60Z",
        "2016-12-31T18:59:60-05:00",
        "2016-06-30T23:59:60+00:00",
        "2016-06-30T22:59:60-01:00",
        "9999-12-31T23:59:60Z",
        "9999-12-31T23:59:59-23:59",
        "0000-01-01T00:00:00+23:59",
        "0000-01-01T00:00:60+00:01",
        "1969-12-31T23:59:59.9995Z",
        "1969-12-31T23:59:59.999999999999Z",
        "2019-07-19T15:00:42.274684-04:00",
        "2015-03-20T13:50:10.0370495-05:00",
    ] {
        assert_eq!(parse_rfc3339_ms(s), old_rfc3339(s), "{s}");
    }
    for s in [
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "Thu, 21 Oct 2015 07:28:00 GMT",
        "Sun, 29 Feb 2024 23:59:59 GMT",
        "Sun, 29 Feb 2023 00:00:00 GMT",
    ] {
        assert_eq!(parse_http_date_ms(s), old_http_date(s), "{s}");
    }
}
