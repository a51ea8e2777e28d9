//! `goldstar::parse_ping` on any status, headers and body.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (status, headers, body) = common::split(data);
    match idv_edge::goldstar::parse_ping(status, &headers, body) {
        Ok(t) => assert!(idv_edge::time::parse_rfc3339_ms(&t).is_some()),
        Err(e) => common::check_error(&e, status),
    }
});
