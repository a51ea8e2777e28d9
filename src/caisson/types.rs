//! Caisson data, with the doc's field names (`check_id`, `info.first_name`);
//! SDK-level additions (the reason interpretation, the assessment) use camelCase.
//! These serialize to JavaScript as they are (TypeScript types from `tsify`).

use serde::{Deserialize, Serialize};

use crate::json_write::{Obj, ToJson};

/// A confidence level of the doc.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Low,
    Medium,
    High,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "high" => Some(Level::High),
            "medium" => Some(Level::Medium),
            "low" => Some(Level::Low),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Medium => "medium",
            Level::Low => "low",
        }
    }
}

/// The optional result fields a caller may ask for (`fields` query parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptionalField {
    Sex,
    Dob,
    Address,
    ExpiresOn,
}

impl OptionalField {
    pub const ALL: [OptionalField; 4] =
        [OptionalField::Sex, OptionalField::Dob, OptionalField::Address, OptionalField::ExpiresOn];

    pub fn parse(s: &str) -> Option<OptionalField> {
        match s {
            "sex" => Some(OptionalField::Sex),
            "dob" => Some(OptionalField::Dob),
            "address" => Some(OptionalField::Address),
            "expires_on" => Some(OptionalField::ExpiresOn),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OptionalField::Sex => "sex",
            OptionalField::Dob => "dob",
            OptionalField::Address => "address",
            OptionalField::ExpiresOn => "expires_on",
        }
    }
}

/// `POST /v1/idcheck/exchangetoken` succeeded.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ExchangeTokenResult {
    pub check_id: String,
}

/// What a reason code means (`describeCaissonReason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ReasonCategory {
    DataMismatch,
    Selfie,
    Document,
    Barcode,
    Unknown,
}

impl ReasonCategory {
    pub const ALL: [ReasonCategory; 5] = [
        ReasonCategory::DataMismatch,
        ReasonCategory::Selfie,
        ReasonCategory::Document,
        ReasonCategory::Barcode,
        ReasonCategory::Unknown,
    ];

    /// The name in results (as serde spells it).
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCategory::DataMismatch => "data_mismatch",
            ReasonCategory::Selfie => "selfie",
            ReasonCategory::Document => "document",
            ReasonCategory::Barcode => "barcode",
            ReasonCategory::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<ReasonCategory> {
        ReasonCategory::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The field a 1xx data-mismatch code is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ReasonField {
    Name,
    Dob,
    IdNumber,
    Sex,
    Address,
}

impl ReasonField {
    pub const ALL: [ReasonField; 5] =
        [ReasonField::Name, ReasonField::Dob, ReasonField::IdNumber, ReasonField::Sex, ReasonField::Address];

    /// The name in results (as serde spells it).
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonField::Name => "name",
            ReasonField::Dob => "dob",
            ReasonField::IdNumber => "id_number",
            ReasonField::Sex => "sex",
            ReasonField::Address => "address",
        }
    }

    pub fn parse(s: &str) -> Option<ReasonField> {
        ReasonField::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// One entry of the reason table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ReasonInfo {
    pub code: u16,
    pub category: ReasonCategory,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<ReasonField>,
    /// The doc's text for the code.
    pub description: String,
    /// What the person should do next; `null` where nothing they do helps.
    #[serde(rename = "userAction")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub user_action: Option<String>,
    /// Can a new attempt by the person fix it?
    pub retryable: bool,
}

/// One `confidence.reasons[i]`: the API's `code` and `description`, plus the
/// interpretation of the code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Reason {
    pub code: u16,
    /// The API's own text, as sent.
    pub description: String,
    pub category: ReasonCategory,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<ReasonField>,
    #[serde(rename = "userAction")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub user_action: Option<String>,
    pub retryable: bool,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Confidence {
    pub document: Level,
    pub face: Level,
    /// As the API sent it: present only when a confidence is not high
    /// (absent, `None` in Rust, where the body had none or `null`). A result from `getIdCheck` or
    /// `parseIdCheck` can always read it as an array: where the body had
    /// none, it is a non-enumerable `[]`, so `JSON.stringify` and deep
    /// equality still see the body's shape. Optional in the type, as after a
    /// `JSON.stringify` round trip (or `structuredClone`) it is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<Reason>>,
}

impl Confidence {
    /// The reasons, none when the API sent none.
    pub fn reasons(&self) -> &[Reason] {
        self.reasons.as_deref().unwrap_or_default()
    }
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Address {
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Info {
    pub first_name: String,
    pub last_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    /// As sent: an RFC 3339 date-time (midnight UTC in practice) or an ISO
    /// date (`1989-06-30`, as the doc describes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dob: Option<String>,
    /// As sent: an RFC 3339 date-time or an ISO date, as `dob`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

/// `GET /v1/idcheck`: the shape of the doc, validated.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct IdCheckResult {
    pub check_id: String,
    pub customer_id: String,
    /// RFC 3339 date-time, as sent.
    pub checked_on: String,
    pub confidence: Confidence,
    pub info: Info,
}

crate::redacted_debug!(ExchangeTokenResult, Reason, Confidence, Address, Info, IdCheckResult);

/// `assessIdCheck` policy. `now` is resolved to epoch milliseconds by the caller.
#[derive(Clone, PartialEq)]
pub struct Policy {
    pub min_document: Level,
    pub min_face: Level,
    pub expected_customer_id: Option<String>,
    /// Results older than this decline as stale. The JS binding refuses a
    /// negative, NaN or infinite value (`INVALID_ARGUMENT`); here nothing is
    /// refused and the rule fails closed: a negative or NaN limit declines the
    /// result as stale, and `f64::INFINITY` means no limit.
    pub max_age_seconds: Option<f64>,
}

/// Names the expected customer id's size only: it can hold a person's name
/// (the doc's example is `"1234321 - Doe, Jamie"`).
impl std::fmt::Debug for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Policy")
            .field("min_document", &self.min_document)
            .field("min_face", &self.min_face)
            .field("expected_customer_id", &self.expected_customer_id.as_ref().map(|c| format!("[{} bytes]", c.len())))
            .field("max_age_seconds", &self.max_age_seconds)
            .finish()
    }
}

impl Default for Policy {
    fn default() -> Policy {
        Policy { min_document: Level::High, min_face: Level::High, expected_customer_id: None, max_age_seconds: None }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Approve,
    Review,
    Decline,
}

impl Decision {
    /// The name in an assessment (as serde spells it): `"approve"`, `"review"` or `"decline"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Review => "review",
            Decision::Decline => "decline",
        }
    }
}

/// One reason for a decision: a stable `rule` name and a sentence for logs
/// that names fields, never values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Finding {
    pub rule: String,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Assessment {
    pub decision: Decision,
    pub findings: Vec<Finding>,
}

// The JSON the client sends to JavaScript, without serde's serializer in the
// wasm: each follows its type's serde attributes above, field by field
// (tests/json_write_equivalence.rs checks them against serde_json).

json_as_str!(Level, ReasonCategory, ReasonField, Decision);

impl ToJson for ExchangeTokenResult {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("check_id", &self.check_id);
        o.end();
    }
}

impl ToJson for ReasonInfo {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("code", &self.code);
        o.field("category", &self.category);
        o.skip_none("field", &self.field);
        o.field("description", &self.description);
        o.field("userAction", &self.user_action);
        o.field("retryable", &self.retryable);
        o.end();
    }
}

impl ToJson for Reason {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("code", &self.code);
        o.field("description", &self.description);
        o.field("category", &self.category);
        o.skip_none("field", &self.field);
        o.field("userAction", &self.user_action);
        o.field("retryable", &self.retryable);
        o.end();
    }
}

impl ToJson for Confidence {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("document", &self.document);
        o.field("face", &self.face);
        o.skip_none("reasons", &self.reasons);
        o.end();
    }
}

impl ToJson for Address {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("street", &self.street);
        o.field("city", &self.city);
        o.field("state", &self.state);
        o.field("zip", &self.zip);
        o.end();
    }
}

impl ToJson for Info {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("first_name", &self.first_name);
        o.field("last_name", &self.last_name);
        o.skip_none("sex", &self.sex);
        o.skip_none("dob", &self.dob);
        o.skip_none("expires_on", &self.expires_on);
        o.skip_none("address", &self.address);
        o.end();
    }
}

impl ToJson for IdCheckResult {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("check_id", &self.check_id);
        o.field("customer_id", &self.customer_id);
        o.field("checked_on", &self.checked_on);
        o.field("confidence", &self.confidence);
        o.field("info", &self.info);
        o.end();
    }
}

impl ToJson for Finding {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("rule", &self.rule);
        o.field("detail", &self.detail);
        o.end();
    }
}

impl ToJson for Assessment {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("decision", &self.decision);
        o.field("findings", &self.findings);
        o.end();
    }
}

display_as_str!(Level, OptionalField, ReasonCategory, ReasonField, Decision);
