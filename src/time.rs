//! Dates and times, on top of the `time` crate. The core never reads a clock:
//! "now" is always passed in as epoch milliseconds, so everything here is
//! deterministic and runs the same natively and in wasm.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime, UtcOffset};

/// Epoch milliseconds of an RFC 3339 date-time (`2019-07-19T15:00:42.274684-04:00`).
pub fn parse_rfc3339_ms(s: &str) -> Option<i64> {
    let dt = OffsetDateTime::parse(s, &Rfc3339).ok()?;
    i64::try_from(dt.unix_timestamp_nanos() / 1_000_000).ok()
}

/// Formats epoch milliseconds as RFC 3339 in UTC with milliseconds
/// (`2026-11-21T22:00:00.000Z`).
pub fn format_rfc3339_ms(ms: i64) -> Option<String> {
    let dt = from_ms(ms)?;
    let d = dt.date();
    let t = dt.time();
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

/// Formats epoch milliseconds the way a .NET server prints `DateTimeOffset`
/// (`2015-03-20T13:50:10.0370495-05:00`: seven fractional digits and an
/// offset), at the given offset in minutes.
pub fn format_dotnet(ms: i64, offset_minutes: i16) -> Option<String> {
    let offset = UtcOffset::from_whole_seconds(i32::from(offset_minutes) * 60).ok()?;
    let dt = from_ms(ms)?.to_offset(offset);
    let d = dt.date();
    let t = dt.time();
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

fn from_ms(ms: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
}

/// The UTC calendar date `(year, month, day)` of epoch milliseconds.
pub fn utc_date(ms: i64) -> Option<(i32, u8, u8)> {
    let d = from_ms(ms)?.date();
    Some((d.year(), u8::from(d.month()), d.day()))
}

/// Is `(year, month, day)` a real calendar date (leap years included)?
pub fn is_calendar_date(year: i32, month: u8, day: u8) -> bool {
    match Month::try_from(month) {
        Ok(m) => Date::from_calendar_date(year, m, day).is_ok(),
        Err(_) => false,
    }
}

/// Epoch milliseconds of an IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`), the
/// HTTP-date form of `Retry-After`.
pub fn parse_http_date_ms(s: &str) -> Option<i64> {
    let fmt = format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let dt = time::PrimitiveDateTime::parse(s.trim(), &fmt).ok()?.assume_utc();
    i64::try_from(dt.unix_timestamp_nanos() / 1_000_000).ok()
}

/// Parses a `now` given as an RFC 3339 string.
pub fn parse_now(s: &str) -> Option<i64> {
    parse_rfc3339_ms(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:01Z"), Some(1000));
        assert_eq!(parse_rfc3339_ms("2019-07-19T15:00:42.274684-04:00"), Some(1_563_562_842_274));
        assert_eq!(parse_rfc3339_ms("1989-06-30T00:00:00Z"), Some(615_168_000_000));
        for bad in ["", "2019-07-19", "2019-02-30T00:00:00Z", "yesterday", "2019-07-19T25:00:00Z"] {
            assert_eq!(parse_rfc3339_ms(bad), None, "{bad}");
        }
        assert_eq!(format_rfc3339_ms(1_563_562_842_274).unwrap(), "2019-07-19T19:00:42.274Z");
    }

    #[test]
    fn dotnet_format_has_seven_digits_and_offset() {
        let s = format_dotnet(1_426_877_410_037, -300).unwrap();
        assert_eq!(s, "2015-03-20T13:50:10.0370000-05:00");
        assert!(parse_rfc3339_ms(&s).is_some());
        assert_eq!(format_dotnet(0, 0).unwrap(), "1970-01-01T00:00:00.0000000+00:00");
    }

    #[test]
    fn calendar_dates() {
        assert!(is_calendar_date(2024, 2, 29));
        assert!(!is_calendar_date(2023, 2, 29));
        assert!(!is_calendar_date(2023, 13, 1));
        assert!(!is_calendar_date(2023, 0, 1));
        assert!(!is_calendar_date(2023, 4, 31));
        assert_eq!(utc_date(0), Some((1970, 1, 1)));
    }

    #[test]
    fn http_dates() {
        assert_eq!(parse_http_date_ms("Wed, 21 Oct 2015 07:28:00 GMT"), Some(1_445_412_480_000));
        assert_eq!(parse_http_date_ms("21 Oct 2015"), None);
        assert_eq!(parse_http_date_ms(""), None);
    }
}
