//! `goldstar::parse_ping` on any status, headers and body.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (status, headers, body) = common::split(data);
    match idv_edge::goldstar::parse_ping(status, &headers, body) {
        Ok(t) => {
            // The server time as sent: the body's own JSON string, a date-time
            // whose offset may be missing (.NET's DateTime of unspecified kind).
            let json = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
            assert_eq!(serde_json::from_slice::<String>(json).ok().as_deref(), Some(t.as_str()));
            assert!(idv_edge::time::parse_date_time_ms(&t, true).is_some());
        }
        Err(e) => common::check_error(&e, status),
    }
});
