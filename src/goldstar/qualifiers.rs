//! The qualifier vocabulary. (Placeholder until the table lands.)

use super::types::{Qualifier, QualifierCategory, QualifierInfo, Severity};

/// Every qualifier key in the table.
pub const QUALIFIER_KEYS: &[&str] = &[];

pub fn describe_qualifier(_key: &str) -> Option<QualifierInfo> {
    None
}

pub fn interpret_qualifier(key: String, message: String) -> Qualifier {
    Qualifier {
        key,
        message,
        category: QualifierCategory::Unknown,
        severity: Severity::Signal,
        meaning: String::new(),
    }
}
