//! The small parsers every response goes through: `Retry-After` (seconds or
//! an HTTP date), RFC 3339 date-times, and the retry decision built on them.
#![no_main]
use idv_edge::error::{Api, ErrorCode, IdvError};
use idv_edge::retry::{backoff_ms, next_delay, parse_retry_after, Idempotency, MAX_DELAY_MS, MAX_RETRY_AFTER_MS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let now = 1_700_000_000_000;
    let ra = parse_retry_after(s, now);
    let _ = idv_edge::time::parse_rfc3339_ms(s);
    let _ = idv_edge::time::parse_http_date_ms(s);
    let mut e = IdvError::new(Api::Goldstar, ErrorCode::RateLimited);
    e.retry_after_ms = ra;
    let r = data.first().copied().unwrap_or(0) as f64 / 255.0;
    let attempt = data.len() as u32 % 12;
    match next_delay(Idempotency::Safe, &e, attempt, 10, r) {
        Some(d) => assert!(d <= MAX_RETRY_AFTER_MS.max(MAX_DELAY_MS)),
        None => assert!(attempt >= 10 || ra.is_some_and(|ms| ms > MAX_RETRY_AFTER_MS)),
    }
    assert!(next_delay(Idempotency::Once, &e, 0, 10, r).is_none());
    assert!(backoff_ms(attempt, r) <= MAX_DELAY_MS);
});
