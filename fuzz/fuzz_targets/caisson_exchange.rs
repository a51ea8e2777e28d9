//! `caisson::parse_exchange_token` on any status, headers and body.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (status, headers, body) = common::split(data);
    match idv_edge::caisson::parse_exchange_token(status, &headers, body) {
        Ok(r) => {
            assert!((200..300).contains(&status));
            assert!(!r.check_id.is_empty());
        }
        Err(e) => common::check_error(&e, status),
    }
});
