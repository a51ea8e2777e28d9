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
