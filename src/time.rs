//! Dates and times. The core never reads a clock: "now" is always passed in
//! as epoch milliseconds, so everything here is deterministic and runs the
//! same natively and in wasm.
//!
//! Hand-written on the proleptic Gregorian calendar, years -9999 to 9999 (the
//! range of the `time` crate, which this module replaced to keep its parsing
//! machinery out of the wasm: see bench/README.md). The
//! parsers accept exactly what `time`'s `Rfc3339` and the IMF-fixdate format
//! description accepted; `tests/time_equivalence.rs` checks that against
//! `time` itself.

/// Smallest and largest supported year (those of `time` without `large-dates`).
const MIN_YEAR: i64 = -9999;
const MAX_YEAR: i64 = 9999;

const NANOS_PER_SECOND: i128 = 1_000_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`). `month` 1 to 12.
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid_date(year: i64, month: u8, day: u8) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// An instant broken down into a date and a time of day, within the supported years.
pub(crate) struct Civil {
    pub year: i64,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub nanosecond: u32,
}

/// The UTC date and time of nanoseconds since the epoch, if its year is supported.
fn civil_from_nanos(nanos: i128) -> Option<Civil> {
    let secs = i64::try_from(nanos.div_euclid(NANOS_PER_SECOND)).ok()?;
    civil_from_secs(secs, nanos.rem_euclid(NANOS_PER_SECOND) as u32)
}

/// The UTC date and time `secs` seconds and `nanosecond` after the epoch, if
/// its year is supported. In i64: the clients' paths (parsing, epoch
/// milliseconds) use no 128-bit arithmetic (its division was 1 KB of wasm).
fn civil_from_secs(secs: i64, nanosecond: u32) -> Option<Civil> {
    let days = secs.div_euclid(SECONDS_PER_DAY);
    let sod = secs.rem_euclid(SECONDS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return None;
    }
    Some(Civil {
        year,
        month,
        day,
        hour: (sod / 3600) as u8,
        minute: (sod / 60 % 60) as u8,
        second: (sod % 60) as u8,
        nanosecond,
    })
}

/// The local date and time at `offset_minutes` from UTC of nanoseconds since
/// the epoch; `None` when the instant or the local time is out of range.
#[cfg(feature = "sandbox")]
pub(crate) fn civil_at_offset(nanos: i128, offset_minutes: i32) -> Option<Civil> {
    civil_from_nanos(nanos)?;
    civil_from_nanos(nanos + i128::from(offset_minutes) * 60 * NANOS_PER_SECOND)
}

fn civil_from_ms(ms: i64) -> Option<Civil> {
    civil_from_secs(ms.div_euclid(1000), ms.rem_euclid(1000) as u32 * 1_000_000)
}

/// Exactly `n` ASCII digits at `b[at..]`.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let s = b.get(at..at + n)?;
    s.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

fn byte_is(b: &[u8], at: usize, c: u8) -> Option<()> {
    (b.get(at) == Some(&c)).then_some(())
}

/// Epoch milliseconds of an RFC 3339 date-time (`2019-07-19T15:00:42.274684-04:00`),
/// truncated toward zero.
///
/// `YYYY-MM-DD`, any one separator byte (`T`, `t`, a space...), `hh:mm:ss`,
/// an optional fraction of any length, then `Z`, `z` or `±hh:mm` (hours at
/// most 23, minutes at most 59). A leap second (`:60`) counts as the last
/// nanosecond of the minute and is accepted only at 23:59 UTC on the last
/// day of a month.
pub fn parse_rfc3339_ms(s: &str) -> Option<i64> {
    parse_date_time_ms(s, false)
}

/// [`parse_rfc3339_ms`], or with `offset_optional` also a local date-time
/// without `Z` or an offset (read as UTC), as .NET writes a DateTime of
/// unspecified kind.
pub fn parse_date_time_ms(s: &str, offset_optional: bool) -> Option<i64> {
    let b = s.as_bytes();
    let year = i64::from(digits(b, 0, 4)?);
    byte_is(b, 4, b'-')?;
    let month = digits(b, 5, 2)? as u8;
    byte_is(b, 7, b'-')?;
    let day = digits(b, 8, 2)? as u8;
    // b[10]: any separator.
    let hour = digits(b, 11, 2)?;
    byte_is(b, 13, b':')?;
    let minute = digits(b, 14, 2)?;
    byte_is(b, 16, b':')?;
    let mut second = digits(b, 17, 2)?;
    let mut i = 19;
    let mut nanosecond: u32 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        let mut multiplier: u32 = 100_000_000;
        while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            nanosecond += u32::from(c - b'0') * multiplier;
            multiplier /= 10;
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset_seconds: i64 = match b.get(i) {
        None if offset_optional => 0,
        None => return None,
        Some(b'Z' | b'z') => {
            i += 1;
            0
        }
        Some(&sign @ (b'+' | b'-')) => {
            let oh = digits(b, i + 1, 2)?;
            byte_is(b, i + 3, b':')?;
            let om = digits(b, i + 4, 2)?;
            if oh > 23 || om > 59 {
                return None;
            }
            i += 6;
            let secs = i64::from(oh * 3600 + om * 60);
            if sign == b'-' {
                -secs
            } else {
                secs
            }
        }
        _ => return None,
    };
    if i != b.len() || !valid_date(year, month, day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let leap = second == 60;
    if leap {
        second = 59;
        nanosecond = 999_999_999;
    }
    let local = days_from_civil(year, month, day) * SECONDS_PER_DAY + i64::from(hour * 3600 + minute * 60 + second);
    let secs = local - offset_seconds;
    if leap {
        let utc = civil_from_secs(secs, nanosecond)?;
        let last_day = utc.day == days_in_month(utc.year, utc.month);
        if !(utc.hour == 23 && utc.minute == 59 && utc.second == 59 && last_day) {
            return None;
        }
    }
    // Whole milliseconds of `secs * 10^9 + nanosecond` nanoseconds, truncated
    // toward zero (before 1970 that rounds the fraction up).
    let fraction = if secs < 0 { nanosecond.div_ceil(1_000_000) } else { nanosecond / 1_000_000 };
    secs.checked_mul(1000)?.checked_add(i64::from(fraction))
}

/// Formats epoch milliseconds as RFC 3339 in UTC with milliseconds
/// (`2026-11-21T22:00:00.000Z`).
pub fn format_rfc3339_ms(ms: i64) -> Option<String> {
    Some(format_civil(&civil_from_ms(ms)?, 3, None))
}

/// `YYYY-MM-DDTHH:MM:SS.f` with `frac_digits` (1 to 9) fractional digits, then
/// `Z` (no offset) or the offset in minutes as `+HH:MM` / `-HH:MM`. `c` is
/// already the local time at that offset.
pub(crate) fn format_civil(c: &Civil, frac_digits: u32, offset_minutes: Option<i32>) -> String {
    let digits = frac_digits.clamp(1, 9);
    let fraction = c.nanosecond / 10u32.pow(9 - digits);
    let zone = match offset_minutes {
        None => "Z".to_string(),
        Some(m) => {
            let sign = if m < 0 { '-' } else { '+' };
            let off = m.unsigned_abs();
            format!("{sign}{:02}:{:02}", off / 60, off % 60)
        }
    };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{fraction:0width$}{zone}",
        c.year,
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second,
        width = digits as usize
    )
}

/// Formats epoch milliseconds the way a .NET server prints `DateTimeOffset`
/// (`2015-03-20T13:50:10.0370495-05:00`: seven fractional digits and an
/// offset), at the given offset in minutes (at most 25:59 either way); `None`
/// outside the years 0 to 9999 there (which four digits cannot write).
pub fn format_dotnet(ms: i64, offset_minutes: i16) -> Option<String> {
    let offset_seconds = i64::from(offset_minutes) * 60;
    if offset_seconds.abs() > 25 * 3600 + 59 * 60 + 59 {
        return None;
    }
    let c = civil_from_nanos((i128::from(ms) * 1_000_000) + i128::from(offset_seconds) * NANOS_PER_SECOND)?;
    if !(0..=9999).contains(&c.year) {
        return None;
    }
    Some(format_civil(&c, 7, Some(i32::from(offset_minutes))))
}

/// The UTC calendar date `(year, month, day)` of epoch milliseconds.
pub fn utc_date(ms: i64) -> Option<(i32, u8, u8)> {
    let c = civil_from_ms(ms)?;
    Some((c.year as i32, c.month, c.day))
}

/// Is `(year, month, day)` a real calendar date (leap years included)?
pub fn is_calendar_date(year: i32, month: u8, day: u8) -> bool {
    valid_date(i64::from(year), month, day)
}

/// Epoch milliseconds of midnight UTC of an ISO calendar date written
/// `YYYY-MM-DD` (exactly that: four-digit year, a real date).
pub fn parse_iso_date_ms(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 {
        return None;
    }
    let year = digits(b, 0, 4)?;
    byte_is(b, 4, b'-')?;
    let month = digits(b, 5, 2)?;
    byte_is(b, 7, b'-')?;
    let day = digits(b, 8, 2)?;
    date_ms(year as i32, month as u8, day as u8)
}

/// Epoch milliseconds of an ISO calendar date (`1989-06-30`, its midnight
/// UTC: [`parse_iso_date_ms`]) or of an RFC 3339 date-time
/// ([`parse_rfc3339_ms`]). Caisson documents `dob` and `expires_on` as "ISO
/// Date string" and sends midnight-UTC date-times; a client takes both.
pub fn parse_date_or_date_time_ms(s: &str) -> Option<i64> {
    parse_iso_date_ms(s).or_else(|| parse_rfc3339_ms(s))
}

/// Epoch milliseconds of midnight UTC starting a calendar date.
pub fn date_ms(year: i32, month: u8, day: u8) -> Option<i64> {
    is_calendar_date(year, month, day).then(|| days_from_civil(i64::from(year), month, day) * SECONDS_PER_DAY * 1000)
}

const WEEKDAYS: [&[u8; 3]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// Epoch milliseconds of an IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`), the
/// HTTP-date form of `Retry-After`; surrounding whitespace is ignored. The
/// weekday must be one of the seven short names (case-sensitive) but is not
/// checked against the date; the year is four digits, optionally signed.
pub fn parse_http_date_ms(s: &str) -> Option<i64> {
    let b = crate::checks::trim_ws(s).as_bytes();
    let name = |at: usize| -> Option<&[u8]> { b.get(at..at + 3) };
    WEEKDAYS.iter().position(|w| name(0) == Some(&w[..]))?;
    byte_is(b, 3, b',')?;
    byte_is(b, 4, b' ')?;
    let day = digits(b, 5, 2)? as u8;
    byte_is(b, 7, b' ')?;
    let month = MONTHS.iter().position(|m| name(8) == Some(&m[..]))? as u8 + 1;
    byte_is(b, 11, b' ')?;
    let (negative, at) = match b.get(12)? {
        b'-' => (true, 13),
        b'+' => (false, 13),
        _ => (false, 12),
    };
    let year = i64::from(digits(b, at, 4)?);
    let year = if negative { -year } else { year };
    let rest = b.get(at + 4..)?;
    if rest.len() != 13 || rest[0] != b' ' || rest[3] != b':' || rest[6] != b':' || &rest[9..] != b" GMT" {
        return None;
    }
    let (hour, minute, second) = (digits(rest, 1, 2)?, digits(rest, 4, 2)?, digits(rest, 7, 2)?);
    if !valid_date(year, month, day) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let secs = days_from_civil(year, month, day) * SECONDS_PER_DAY + i64::from(hour * 3600 + minute * 60 + second);
    Some(secs * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_optional_offset_reads_a_local_time_as_utc() {
        for s in ["2015-03-20T13:50:10.0370495", "2016-12-31T23:59:60", "2024-02-29 00:00:00", "2015-03-20T13:50:10"] {
            assert_eq!(parse_date_time_ms(s, true), parse_rfc3339_ms(&format!("{s}Z")), "{s}");
            assert_eq!(parse_rfc3339_ms(s), None, "{s}");
        }
        for s in ["2015-03-20T13:50:10-05:00", "2015-03-20T13:50:10Z", "bad", "2015-02-30T13:50:10", "2015-03-20T13:50:10ZZ", ""] {
            assert_eq!(parse_date_time_ms(s, true), parse_rfc3339_ms(s), "{s}");
        }
    }

    #[test]
    fn rfc3339_round_trips() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:01Z"), Some(1000));
        assert_eq!(
            parse_rfc3339_ms("2019-07-19T15:00:42.274684-04:00"),
            Some(1_563_562_842_274)
        );
        assert_eq!(parse_rfc3339_ms("1989-06-30T00:00:00Z"), Some(615_168_000_000));
        for bad in [
            "",
            "2019-07-19",
            "2019-02-30T00:00:00Z",
            "yesterday",
            "2019-07-19T25:00:00Z",
        ] {
            assert_eq!(parse_rfc3339_ms(bad), None, "{bad}");
        }
        assert_eq!(
            format_rfc3339_ms(1_563_562_842_274).unwrap(),
            "2019-07-19T19:00:42.274Z"
        );
    }

    #[test]
    fn dotnet_format_has_seven_digits_and_offset() {
        let s = format_dotnet(1_426_877_410_037, -300).unwrap();
        assert_eq!(s, "2015-03-20T13:50:10.0370000-05:00");
        assert!(parse_rfc3339_ms(&s).is_some());
        assert_eq!(format_dotnet(0, 0).unwrap(), "1970-01-01T00:00:00.0000000+00:00");
        // Four digits of year, as .NET prints them: before year 0 or past 9999 there is none.
        let year0 = -62_167_219_200_000; // 0000-01-01T00:00:00Z
        assert_eq!(format_dotnet(year0, 0).as_deref(), Some("0000-01-01T00:00:00.0000000+00:00"));
        assert_eq!(format_dotnet(year0, -300), None);
        assert_eq!(format_dotnet(year0 + 5 * 3_600_000, -300).as_deref(), Some("0000-01-01T00:00:00.0000000-05:00"));
        assert_eq!(format_dotnet(253_402_300_800_000, 0), None); // 10000-01-01T00:00:00Z
    }

    #[test]
    fn calendar_dates() {
        assert!(is_calendar_date(2024, 2, 29));
        assert!(!is_calendar_date(2023, 2, 29));
        assert!(!is_calendar_date(2023, 13, 1));
        assert!(!is_calendar_date(2023, 0, 1));
        assert!(!is_calendar_date(2023, 4, 31));
        assert_eq!(utc_date(0), Some((1970, 1, 1)));
        assert_eq!(date_ms(1989, 6, 30), Some(615_168_000_000));
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            parse_http_date_ms("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(1_445_412_480_000)
        );
        assert_eq!(parse_http_date_ms("21 Oct 2015"), None);
        assert_eq!(parse_http_date_ms(""), None);
    }
}
