//! The retry policy, pure: which operations may repeat, which errors are worth
//! another attempt, and how long to wait. The transport supplies the clock
//! and the random jitter, so this is tested natively.

use crate::error::IdvError;
use crate::time::parse_http_date_ms;

/// Default number of extra attempts (API.md: `maxRetries`).
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Largest `maxRetries` accepted.
pub const MAX_MAX_RETRIES: u32 = 10;
/// Default per-attempt timeout (API.md: `timeoutMs`).
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// Largest `timeoutMs` accepted (10 minutes).
pub const MAX_TIMEOUT_MS: u32 = 600_000;
/// First backoff step.
pub const BASE_DELAY_MS: u64 = 500;
/// Backoff cap.
pub const MAX_DELAY_MS: u64 = 8_000;
/// Longest `Retry-After` honoured. A server asking for more is not retried.
pub const MAX_RETRY_AFTER_MS: u64 = 60_000;

/// May this operation be sent again without risk of a second effect?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Idempotency {
    /// Safe to repeat: reads, and Caisson's exchange (the doc's 5-minute grace).
    Safe,
    /// Never repeated automatically (a repeat could be a second billable verification).
    Once,
}

/// The delay before retry number `retry` (0 for the first retry):
/// `500 ms x 2^retry`, capped at 8 s, times a jitter factor of 75 % to 100 %.
/// `random` is a number in `[0, 1)`.
pub fn backoff_ms(retry: u32, random: f64) -> u64 {
    let base = BASE_DELAY_MS.saturating_mul(1u64 << retry.min(20)).min(MAX_DELAY_MS);
    let r = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.0 };
    let factor = 0.75 + 0.25 * r;
    (base as f64 * factor).round() as u64
}

/// `Retry-After` in milliseconds: delta-seconds or an HTTP date in its
/// IMF-fixdate form (relative to `now_ms`; see the test for the obsolete
/// two). A date in the past is 0. Unparseable values are `None`.
pub fn parse_retry_after(value: &str, now_ms: i64) -> Option<u64> {
    let v = crate::checks::trim_ws(value);
    if let Some(ms) = delta_seconds_ms(v) {
        return Some(ms);
    }
    let at = parse_http_date_ms(v)?;
    Some(u64::try_from(at.saturating_sub(now_ms)).unwrap_or(0))
}

/// A delta-seconds `Retry-After` of `headers`, in ms (an HTTP date needs a
/// clock: the transport reads that form). For the validators' errors.
pub fn retry_after_seconds(headers: &crate::http::Headers) -> Option<u64> {
    delta_seconds_ms(crate::checks::trim_ws(headers.get("Retry-After")?))
}

/// `v` (trimmed) as delta-seconds, in ms: digits only. More than ten digits
/// (over 300 years) is kept as that much: a server that says "not soon" is
/// not retried soon.
fn delta_seconds_ms(v: &str) -> Option<u64> {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds = if v.len() <= 10 { v.parse::<u64>().ok()? } else { 9_999_999_999 };
    Some(seconds.saturating_mul(1000))
}

/// What to do after attempt `attempt` (0-based) failed with `err`.
/// `Some(delay)` to try again after `delay` ms, `None` to give up.
///
/// It follows `err.retryable` (API.md: automatic retries follow
/// `retryable`), except for `NOT_VERIFIED` and `PENDING_REVIEW`, which the
/// caller polls for; a `max_retries` above [`MAX_MAX_RETRIES`] counts as that.
pub fn next_delay(
    idempotency: Idempotency,
    err: &IdvError,
    attempt: u32,
    max_retries: u32,
    random: f64,
) -> Option<u64> {
    if idempotency == Idempotency::Once
        || attempt >= max_retries.min(MAX_MAX_RETRIES)
        || !err.retryable
        || err.code.caller_polls()
    {
        return None;
    }
    match err.retry_after_ms {
        Some(ms) if ms > MAX_RETRY_AFTER_MS => None,
        Some(ms) => Some(ms),
        None => Some(backoff_ms(attempt, random)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Api, ErrorCode};

    fn err(code: ErrorCode) -> IdvError {
        IdvError::new(Api::Caisson, code)
    }

    #[test]
    fn backoff_doubles_caps_and_jitters() {
        assert_eq!(backoff_ms(0, 0.0), 375);
        assert_eq!(backoff_ms(0, 0.999_999), 500);
        assert_eq!(backoff_ms(1, 0.0), 750);
        assert_eq!(backoff_ms(2, 1.0), 2000);
        assert_eq!(backoff_ms(4, 1.0), 8000);
        assert_eq!(backoff_ms(10, 1.0), 8000);
        assert_eq!(backoff_ms(40, 0.0), 6000);
        assert_eq!(backoff_ms(0, f64::NAN), 375);
        for n in 0..8 {
            for r in [0.0, 0.3, 0.7, 0.99] {
                let d = backoff_ms(n, r);
                let base = (500u64 << n).min(8000) as f64;
                assert!(d as f64 >= base * 0.75 - 0.5 && d as f64 <= base + 0.5);
            }
        }
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("3", 0), Some(3000));
        assert_eq!(parse_retry_after(" 0 ", 0), Some(0));
        let now = 1_445_412_470_000; // ten seconds before the date below
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now), Some(10_000));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now + 60_000), Some(0));
        // The two obsolete HTTP-date forms (RFC 9110, 5.6.7) are not read: no
        // server of either API sends them, reading them cost the client wasm
        // 0.65 KB gzip, and unread, the retry waits the backoff instead.
        assert_eq!(parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", now), None);
        assert_eq!(parse_retry_after("Wed Oct 21 07:28:00 2015", now), None);
        assert_eq!(parse_retry_after("soon", 0), None);
        assert_eq!(parse_retry_after("-1", 0), None);
        // Past ten digits: kept as "a very long time", never retried automatically.
        assert_eq!(parse_retry_after("99999999999999999999999", 0), Some(9_999_999_999_000));
        assert_eq!(parse_retry_after("9999999999", 0), Some(9_999_999_999_000));
    }

    #[test]
    fn which_errors_retry() {
        for code in ErrorCode::ALL {
            let d = next_delay(Idempotency::Safe, &err(code), 0, 2, 0.5);
            let expected = matches!(
                code,
                ErrorCode::Timeout
                    | ErrorCode::Network
                    | ErrorCode::RateLimited
                    | ErrorCode::ServerError
                    | ErrorCode::InternalError
            );
            assert_eq!(d.is_some(), expected, "{code}");
            assert!(next_delay(Idempotency::Once, &err(code), 0, 2, 0.5).is_none());
        }
        assert!(next_delay(Idempotency::Safe, &err(ErrorCode::Network), 2, 2, 0.5).is_none());
        assert!(next_delay(Idempotency::Safe, &err(ErrorCode::Network), 1, 2, 0.5).is_some());
    }

    /// The error's own `retryable` decides (a caller may have changed it),
    /// but the polled codes never retry, and ten retries are the most.
    #[test]
    fn follows_retryable_and_caps_max_retries() {
        let mut e = err(ErrorCode::ServerError);
        e.retryable = false;
        assert_eq!(next_delay(Idempotency::Safe, &e, 0, 2, 0.5), None);
        let mut e = err(ErrorCode::BadRequest);
        e.retryable = true;
        assert!(next_delay(Idempotency::Safe, &e, 0, 2, 0.5).is_some());
        assert!(next_delay(Idempotency::Once, &e, 0, 2, 0.5).is_none());
        for code in [ErrorCode::NotVerified, ErrorCode::PendingReview] {
            assert!(err(code).retryable);
            assert_eq!(next_delay(Idempotency::Safe, &err(code), 0, 2, 0.5), None);
        }
        let e = err(ErrorCode::Network);
        assert!(next_delay(Idempotency::Safe, &e, MAX_MAX_RETRIES - 1, 100, 0.5).is_some());
        assert_eq!(next_delay(Idempotency::Safe, &e, MAX_MAX_RETRIES, 100, 0.5), None);
        assert_eq!(next_delay(Idempotency::Safe, &e, 50, u32::MAX, 0.5), None);
    }

    #[test]
    fn retry_after_is_honoured_up_to_a_minute() {
        let mut e = err(ErrorCode::RateLimited);
        e.retry_after_ms = Some(7000);
        assert_eq!(next_delay(Idempotency::Safe, &e, 0, 2, 0.5), Some(7000));
        e.retry_after_ms = Some(60_000);
        assert_eq!(next_delay(Idempotency::Safe, &e, 0, 2, 0.5), Some(60_000));
        e.retry_after_ms = Some(60_001);
        assert_eq!(next_delay(Idempotency::Safe, &e, 0, 2, 0.5), None);
    }
}
