//! `assessIdCheck`. (Placeholder until the policy lands.)

use super::types::{Assessment, Decision, IdCheckResult, Policy};

pub fn assess(_result: &IdCheckResult, _policy: &Policy, _now_ms: i64) -> Assessment {
    Assessment { decision: Decision::Review, findings: Vec::new() }
}
