//! `caisson::parse_id_check` on any status, headers and body; a result is
//! then assessed (the policy must not panic on anything the validator let
//! through). The fast path's scan on the same body may only accept what the
//! validator accepts, and its slots stay inside the body.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (status, headers, body) = common::split(data);
    let mut slots = Vec::new();
    if idv_edge::scan::scan_id_check(body, &mut slots).is_some() {
        let json: idv_edge::Headers = [("Content-Type", "application/json")].into_iter().collect();
        assert!(idv_edge::caisson::parse_id_check(200, &json, body).is_ok(), "the scan accepted what the validator refuses");
        use idv_edge::scan::id_check_slots as at;
        // Every string before the reasons: two slots each.
        common::check_slots(body, &slots, (at::CHECK_ID..at::REASON_COUNT).step_by(2));
    }
    match idv_edge::caisson::parse_id_check(status, &headers, body) {
        Ok(r) => {
            assert!((200..300).contains(&status));
            assert!(!r.check_id.is_empty() && !r.customer_id.is_empty());
            assert!(idv_edge::time::parse_rfc3339_ms(&r.checked_on).is_some());
            let _ = format!("{r:?}");
            let policy = idv_edge::caisson::Policy { max_age_seconds: Some(1200.0), ..Default::default() };
            let _ = idv_edge::caisson::assess(&r, &policy, 1_700_000_000_000);
        }
        Err(e) => common::check_error(&e, status),
    }
});
