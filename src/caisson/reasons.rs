//! The reason-code table. (Placeholder until the table lands.)

use super::types::{Reason, ReasonCategory, ReasonInfo};

/// Every documented reason code.
pub const REASON_CODES: [u16; 21] =
    [101, 102, 104, 105, 106, 201, 202, 299, 301, 302, 303, 304, 305, 306, 307, 308, 309, 399, 401, 402, 499];

pub fn describe_reason(_code: i64) -> Option<ReasonInfo> {
    None
}

pub fn interpret_reason(code: u16, description: String) -> Reason {
    Reason { code, description, category: ReasonCategory::Unknown, field: None, user_action: None, retryable: false }
}
