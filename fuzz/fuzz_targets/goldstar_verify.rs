//! `goldstar::parse_verify_identity` and `parse_verify_answers` on any status,
//! headers and body; an outcome with questions is answered back through the
//! request builder (its questions must be usable as the `questions` argument).
#![no_main]
use idv_edge::goldstar::{Answer, Goldstar, Status};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (status, headers, body) = common::split(data);
    // The fast path's scan may only accept what the validator accepts, and
    // its slots stay inside the body.
    let mut slots = Vec::new();
    if idv_edge::scan::scan_outcome(body, &mut slots).is_some() {
        let json: idv_edge::Headers = [("Content-Type", "application/json")].into_iter().collect();
        assert!(idv_edge::goldstar::parse_verify_identity(200, &json, body).is_ok(), "the scan accepted what the validator refuses");
        use idv_edge::scan::outcome_slots as at;
        // Id, Key, Message and Summary: two slots each, before the status.
        common::check_slots(body, &slots, (at::ID..at::STATUS).step_by(2));
    }
    let a = idv_edge::goldstar::parse_verify_identity(status, &headers, body);
    let b = idv_edge::goldstar::parse_verify_answers(status, &headers, body);
    assert_eq!(a.is_ok(), b.is_ok(), "both share one envelope");
    match a {
        Ok(o) => {
            assert!(!o.id.is_empty() && o.id.len() <= 64);
            assert_eq!(o.status == Status::Questions, o.status != Status::Passed && !o.questions.is_empty());
            let _ = format!("{o:?}");
            let answers: Vec<Answer> = o
                .questions
                .iter()
                .map(|q| Answer { kind: q.kind.clone(), text: q.choices.first().cloned().unwrap_or_default() })
                .collect();
            let gs = Goldstar::new("k", "qaservices.goldstartrust.com", None, &[]).expect("client");
            if let Ok(r) = gs.verify_answers_request(&o.id, &answers, Some(&o.questions)) {
                assert!(r.body.is_some());
            }
        }
        Err(e) => common::check_error(&e, status),
    }
});
