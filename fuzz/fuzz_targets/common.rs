//! Shared by the validator targets: an input is one selector byte for the
//! status, one for the headers, then the body.
#![allow(dead_code)]

use idv_edge::{ErrorCode, Headers, IdvError};

pub const STATUSES: [u16; 24] = [
    200, 200, 200, 201, 202, 204, 299, 301, 400, 401, 403, 404, 405, 408, 409, 410, 422, 429, 500, 502, 503, 504, 599,
    100,
];

pub const CONTENT_TYPES: [Option<&str>; 8] = [
    None,
    Some("application/json"),
    Some("application/json; charset=utf-8"),
    Some("text/html"),
    Some("text/json"),
    Some("application/problem+json"),
    Some("Application/JSON;charset=UTF-8"),
    Some("application/jsonp"),
];

pub const RETRY_AFTER: [Option<&str>; 4] = [None, Some("1"), Some("Wed, 21 Oct 2015 07:28:00 GMT"), Some("soon")];

/// (status, headers, body) from the fuzzer's bytes.
pub fn split(data: &[u8]) -> (u16, Headers, &[u8]) {
    let (s, h, body) = match data {
        [s, h, rest @ ..] => (*s, *h, rest),
        [s] => (*s, 0, &[][..]),
        [] => (0, 0, &[][..]),
    };
    let status = STATUSES[s as usize % STATUSES.len()];
    let mut headers = Headers::new();
    if let Some(ct) = CONTENT_TYPES[(h & 7) as usize] {
        headers.set("Content-Type", ct);
    }
    if let Some(ra) = RETRY_AFTER[((h >> 3) & 3) as usize] {
        headers.set("Retry-After", ra);
    }
    (status, headers, body)
}

/// What every error must satisfy, whatever the input.
pub fn check_error(e: &IdvError, status: u16) {
    assert_eq!(e.retryable, e.code.retryable(), "retryable follows the code");
    assert!(ErrorCode::ALL.contains(&e.code));
    assert_ne!(e.code, ErrorCode::InvalidArgument, "a response is never an argument error");
    if let Some(s) = e.status {
        assert_eq!(s, status, "the status reported is the one received");
    }
    // Display and Debug never panic and never carry the description.
    let shown = format!("{e} {e:?}");
    if let Some(d) = &e.description {
        if d.len() >= 24 {
            assert!(!format!("{e:?}").contains(d.as_str()), "Debug carries the description");
        }
    }
    assert!(!shown.is_empty());
}

/// Every string slot the fast path's scan wrote (`src/scan.rs`) is inside
/// the body as UTF-16, start before end; `strings` are the slot indices of
/// the root's strings.
pub fn check_slots(body: &[u8], slots: &[u32], strings: impl Iterator<Item = usize>) {
    use idv_edge::scan::{ABSENT, ESCAPED};
    let units = std::str::from_utf8(body).map_or(0, |s| s.encode_utf16().count()) as u32;
    for k in strings {
        let (start, end) = (slots[k], slots[k + 1]);
        if start != ABSENT {
            let end = end & !ESCAPED;
            assert!(start >= 1 && start <= end && end < units, "slot {k}: {start}..{end} of {units}");
        }
    }
}
