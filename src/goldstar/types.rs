//! Goldstar data. The person uses the doc's field names; the PascalCase
//! response envelope is normalized into one [`VerifyOutcome`] (API.md).

use serde::{Deserialize, Serialize};

use crate::json_write::{Obj, ToJson};

/// The person to verify, with the doc's field names. Checked before any
/// request is built (verifyIdentity, verifyIdentityRequest; in Rust
/// `verify_identity_request`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Person {
    pub firstname: String,
    pub lastname: String,
    pub address: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    #[serde(rename = "taxpayerID")]
    pub taxpayer_id: String,
    #[serde(rename = "birthMonth")]
    pub birth_month: u32,
    #[serde(rename = "birthDay")]
    pub birth_day: u32,
    #[serde(rename = "birthYear")]
    pub birth_year: i32,
}

/// One answer to a knowledge-based question: the question's `type` and the
/// exact text of the chosen choice.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Answer {
    #[serde(rename = "type")]
    pub kind: String,
    pub text: String,
}

/// A knowledge-based question (`Questions[i]`, normalized).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Question {
    pub prompt: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub choices: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Passed,
    Failed,
    /// A soft fail with a second chance: answer `questions`.
    Questions,
}

impl Status {
    /// The name in a `VerifyOutcome` (as serde spells it): `"passed"`, `"failed"` or `"questions"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Questions => "questions",
        }
    }
}

/// What a qualifier key is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum QualifierCategory {
    DobAge,
    Ssn,
    Name,
    Address,
    ThinFile,
    Deceased,
    Watchlist,
    Fraud,
    Email,
    Phone,
    Document,
    Other,
    Unknown,
}

impl QualifierCategory {
    /// The name in a `QualifierInfo` (as serde spells it), such as `"dob_age"`.
    pub fn as_str(self) -> &'static str {
        match self {
            QualifierCategory::DobAge => "dob_age",
            QualifierCategory::Ssn => "ssn",
            QualifierCategory::Name => "name",
            QualifierCategory::Address => "address",
            QualifierCategory::ThinFile => "thin_file",
            QualifierCategory::Deceased => "deceased",
            QualifierCategory::Watchlist => "watchlist",
            QualifierCategory::Fraud => "fraud",
            QualifierCategory::Email => "email",
            QualifierCategory::Phone => "phone",
            QualifierCategory::Document => "document",
            QualifierCategory::Other => "other",
            QualifierCategory::Unknown => "unknown",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Fail whatever else the result says (deceased, COPPA, ...).
    HardStop,
    /// Worth weighing; not decisive alone.
    Signal,
    /// Information only.
    Info,
}

impl Severity {
    /// The name in a `QualifierInfo` (as serde spells it): `"hard_stop"`, `"signal"` or `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::HardStop => "hard_stop",
            Severity::Signal => "signal",
            Severity::Info => "info",
        }
    }
}

/// `describeGoldstarQualifier(key)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct QualifierInfo {
    pub key: String,
    pub category: QualifierCategory,
    pub severity: Severity,
    pub meaning: String,
}

/// One `Qualifiers[i]`: the API's `Key` and `Message` plus the interpretation.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Qualifier {
    pub key: String,
    pub message: String,
    pub category: QualifierCategory,
    pub severity: Severity,
    pub meaning: String,
}

/// Any verify-identity or verify-answers answer, normalized.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct VerifyOutcome {
    pub status: Status,
    /// The `Id` to pass on, as a string with every digit kept.
    pub id: String,
    pub key: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub qualifiers: Vec<Qualifier>,
    pub questions: Vec<Question>,
}

crate::redacted_debug!(Person, Answer, Question, Qualifier, VerifyOutcome);

// The JSON the client sends to JavaScript, without serde's serializer in the
// wasm: each follows its type's serde attributes above, field by field
// (tests/json_write_equivalence.rs checks them against serde_json).

json_as_str!(Status, QualifierCategory, Severity);

impl ToJson for Question {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("prompt", &self.prompt);
        o.field("type", &self.kind);
        o.field("choices", &self.choices);
        o.end();
    }
}

impl ToJson for QualifierInfo {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("key", &self.key);
        o.field("category", &self.category);
        o.field("severity", &self.severity);
        o.field("meaning", &self.meaning);
        o.end();
    }
}

impl ToJson for Qualifier {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("key", &self.key);
        o.field("message", &self.message);
        o.field("category", &self.category);
        o.field("severity", &self.severity);
        o.field("meaning", &self.meaning);
        o.end();
    }
}

impl ToJson for VerifyOutcome {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("status", &self.status);
        o.field("id", &self.id);
        o.field("key", &self.key);
        o.field("message", &self.message);
        o.skip_none("summary", &self.summary);
        o.field("qualifiers", &self.qualifiers);
        o.field("questions", &self.questions);
        o.end();
    }
}

display_as_str!(Status, QualifierCategory, Severity);
