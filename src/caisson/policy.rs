//! `assessIdCheck`: Caisson's own Auth0 rule (field notes) as a policy.
//!
//! Rules, each a [`Finding`] with a stable name:
//! - `customer_mismatch` (decline): `expected_customer_id` is set and differs
//!   from `customer_id`: someone may be replaying another person's check.
//! - `stale_result` (decline): `max_age_seconds` is set and `checked_on` is
//!   older than that (or cannot be read, so its age cannot be checked).
//! - `checked_on_in_future` (decline): with `max_age_seconds` set, `checked_on`
//!   is more than 5 minutes (clock skew) after `now`.
//! - `document_expired` (decline): `info.expires_on` is present and past (or
//!   cannot be read). A date (`2030-06-30`, as the doc describes it) or a
//!   midnight-UTC date-time (as the API sends it) is a calendar date, and the
//!   document is valid through the end of that day.
//! - `document_confidence` / `face_confidence`: below the minimum, "low"
//!   declines and "medium" sends to review.
//!
//! The decision is the worst finding (decline > review > approve). Details name
//! fields and policy options, never a value from the result.

use crate::time::{parse_date_or_date_time_ms, parse_rfc3339_ms};

use super::types::{Assessment, Decision, Finding, IdCheckResult, Level, Policy};

/// Allowed clock skew between Caisson and the caller (5 minutes).
pub const MAX_CLOCK_SKEW_MS: i64 = 5 * 60 * 1000;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

pub fn assess(result: &IdCheckResult, policy: &Policy, now_ms: i64) -> Assessment {
    let mut findings: Vec<(Decision, Finding)> = Vec::new();
    let mut add = |decision: Decision, rule: &str, detail: String| {
        findings.push((decision, Finding { rule: rule.to_string(), detail }));
    };

    if let Some(expected) = &policy.expected_customer_id {
        if *expected != result.customer_id {
            add(
                Decision::Decline,
                "customer_mismatch",
                "customer_id does not equal expectedCustomerId: the check may belong to another customer".into(),
            );
        }
    }

    if let Some(max_age_seconds) = policy.max_age_seconds {
        match parse_rfc3339_ms(&result.checked_on) {
            None => add(
                Decision::Decline,
                "stale_result",
                "checked_on is not an RFC 3339 date-time, so the result's age cannot be checked".into(),
            ),
            Some(checked) => {
                let age_ms = now_ms.saturating_sub(checked);
                if age_ms < -MAX_CLOCK_SKEW_MS {
                    add(
                        Decision::Decline,
                        "checked_on_in_future",
                        "checked_on is more than 5 minutes after now (beyond the allowed clock skew)".into(),
                    );
                } else if max_age_seconds.is_nan() || age_ms as f64 > max_age_seconds * 1000.0 {
                    // A NaN maxAgeSeconds declines rather than passes.
                    add(Decision::Decline, "stale_result", "checked_on is older than maxAgeSeconds".into());
                }
            }
        }
    }

    if let Some(expires_on) = &result.info.expires_on {
        match parse_date_or_date_time_ms(expires_on) {
            None => add(
                Decision::Decline,
                "document_expired",
                "info.expires_on is not an ISO date or an RFC 3339 date-time, so expiry cannot be checked".into(),
            ),
            Some(ms) => {
                // The last valid instant: the end of the day for a date.
                let last = if ms.rem_euclid(DAY_MS) == 0 { ms.saturating_add(DAY_MS - 1) } else { ms };
                if last < now_ms {
                    add(Decision::Decline, "document_expired", "info.expires_on is in the past: the document has expired".into());
                }
            }
        }
    }

    for (rule, field, option, level, min) in [
        ("document_confidence", "confidence.document", "minDocument", result.confidence.document, policy.min_document),
        ("face_confidence", "confidence.face", "minFace", result.confidence.face, policy.min_face),
    ] {
        if level < min {
            let decision = if level == Level::Low { Decision::Decline } else { Decision::Review };
            // The level itself is left out, as every value from the result
            // is (principle 3): the decision tells low (decline) from medium.
            add(decision, rule, format!("{field} is below {option} ({})", min.as_str()));
        }
    }

    let decision = findings.iter().map(|(d, _)| *d).max_by_key(|d| severity(*d)).unwrap_or(Decision::Approve);
    Assessment { decision, findings: findings.into_iter().map(|(_, f)| f).collect() }
}

fn severity(d: Decision) -> u8 {
    match d {
        Decision::Approve => 0,
        Decision::Review => 1,
        Decision::Decline => 2,
    }
}
