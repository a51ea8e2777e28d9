//! The Sandbox: both APIs simulated in process, deterministically.
//!
//! [`Sandbox::handle`] takes any [`HttpRequest`] and returns an
//! [`HttpResponse`], like the real servers would (see `www/SANDBOX.md` for
//! every outcome, status and time window). [`Sandbox::create_id_check`] plays
//! Caisson's browser button. The sandbox keeps no clock: every call takes
//! `now_ms` (epoch milliseconds) from its caller, and expired entries are
//! purged against it, so memory stays bounded. Ids come from a counter-based
//! generator, so the same calls at the same times give the same responses.

mod caisson;
mod goldstar;
mod rng;

use std::fmt;

use serde::Serialize;

pub use crate::caisson::{Address, Level};
use crate::error::IdvError;
use crate::http::{HttpRequest, HttpResponse, Method};

pub use caisson::{EXCHANGE_GRACE_MS, EXCHANGE_WINDOW_MS, INTERNAL_ERROR_CUSTOMER_ID, PRESETS, RESULT_RETENTION_MS};
pub use goldstar::{QuizQuestion, TestSsn, QUIZ_QUESTIONS, SOFT_FAIL_TTL_MS, TEST_SSNS};

/// Largest request body the sandbox reads (64 KiB); larger ones get 413.
pub const MAX_REQUEST_BODY_BYTES: usize = 64 * 1024;

/// Which keys the sandbox accepts.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SandboxOptions {
    /// `None`: any non-empty key is accepted; `Some(k)`: exactly `k`, anything else 401.
    pub caisson_api_key: Option<String>,
    /// `None`: any non-empty key is accepted; `Some(k)`: exactly `k`, anything else 401.
    pub goldstar_api_key: Option<String>,
}

impl fmt::Debug for SandboxOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxOptions")
            .field("caisson_api_key", &self.caisson_api_key.as_ref().map(|_| "[redacted]"))
            .field("goldstar_api_key", &self.goldstar_api_key.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// What `GET /v1/idcheck` answers for a check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ScenarioState {
    /// The result (200).
    #[default]
    Complete,
    /// The person has not finished: `NOT_VERIFIED` (until `complete_after_ms`, if set).
    Pending,
    /// `PENDING_REVIEW` (until `complete_after_ms`, if set).
    PendingReview,
    /// `IDCHECK_DELETED`.
    Deleted,
    /// `IDCHECK_EXPIRED`.
    Expired,
    /// `INTERNAL_ERROR` (HTTP 500) on every `GET`.
    InternalError,
}

impl ScenarioState {
    pub const ALL: [ScenarioState; 6] = [
        ScenarioState::Complete,
        ScenarioState::Pending,
        ScenarioState::PendingReview,
        ScenarioState::Deleted,
        ScenarioState::Expired,
        ScenarioState::InternalError,
    ];

    /// `complete`, `pending`, `pending_review`, `deleted`, `expired`, `internal_error`.
    pub fn parse(s: &str) -> Option<ScenarioState> {
        ScenarioState::ALL.into_iter().find(|st| st.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ScenarioState::Complete => "complete",
            ScenarioState::Pending => "pending",
            ScenarioState::PendingReview => "pending_review",
            ScenarioState::Deleted => "deleted",
            ScenarioState::Expired => "expired",
            ScenarioState::InternalError => "internal_error",
        }
    }
}

/// The person on the document. Every `None` takes the default person's value
/// (JAMIE DOE, see `www/SANDBOX.md`). Names and the address are returned as
/// given; `sex` is `M`, `F` or `X` (any case, returned upper-cased); `dob`
/// and `expires_on` are `YYYY-MM-DD` or RFC 3339 (the UTC date is kept) and
/// are returned as midnight UTC date-times (`1989-06-30T00:00:00Z`).
#[derive(Clone, PartialEq, Eq)]
pub struct ScenarioInfo {
    pub first_name: String,
    pub last_name: String,
    pub sex: Option<String>,
    pub dob: Option<String>,
    /// `None`: the 24th of June four years after the check's creation.
    pub expires_on: Option<String>,
    pub address: Option<Address>,
}

impl Default for ScenarioInfo {
    /// The default person: JAMIE DOE, everything else defaulted.
    fn default() -> ScenarioInfo {
        ScenarioInfo {
            first_name: caisson::DEFAULT_FIRST_NAME.to_string(),
            last_name: caisson::DEFAULT_LAST_NAME.to_string(),
            sex: None,
            dob: None,
            expires_on: None,
            address: None,
        }
    }
}

crate::redacted_debug!(ScenarioInfo);

/// One ID check, as the browser button would create it.
#[derive(Clone, PartialEq, Eq)]
pub struct IdCheckScenario {
    /// Your id for the person, returned as `customer_id`. Required: 1 to 256
    /// characters, no control characters.
    pub customer_id: String,
    pub document: Level,
    pub face: Level,
    /// Reason codes (100 to 999); descriptions come from the doc's table
    /// (unknown codes: "Unknown reason."). Must be empty when both levels are
    /// high: Caisson sends reasons only when a confidence is not high.
    pub reasons: Vec<u16>,
    /// `None`: the default person.
    pub info: Option<ScenarioInfo>,
    pub state: ScenarioState,
    /// For `Pending` and `PendingReview` only: the check completes this many
    /// milliseconds after creation (then `checked_on` is that moment).
    pub complete_after_ms: Option<i64>,
    /// The first this-many exchange attempts answer 500 `INTERNAL_ERROR`
    /// (then the exchange works). `u32::MAX`: always.
    pub exchange_failures: u32,
}

impl Default for IdCheckScenario {
    fn default() -> IdCheckScenario {
        IdCheckScenario {
            customer_id: String::new(),
            document: Level::High,
            face: Level::High,
            reasons: Vec::new(),
            info: None,
            state: ScenarioState::Complete,
            complete_after_ms: None,
            exchange_failures: 0,
        }
    }
}

impl IdCheckScenario {
    /// A clean pass for `customer_id`.
    pub fn new(customer_id: impl Into<String>) -> IdCheckScenario {
        IdCheckScenario { customer_id: customer_id.into(), ..IdCheckScenario::default() }
    }

    /// A named preset (see [`PRESETS`]), with an empty `customer_id` to fill
    /// in (or use [`IdCheckScenario::with_customer_id`]).
    pub fn preset(name: &str) -> Option<IdCheckScenario> {
        caisson::preset(name)
    }

    pub fn with_customer_id(mut self, customer_id: impl Into<String>) -> IdCheckScenario {
        self.customer_id = customer_id.into();
        self
    }
}

/// Names the customer id's size only: it can hold a person's name.
impl fmt::Debug for IdCheckScenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdCheckScenario")
            .field("customer_id", &format_args!("[{} bytes]", self.customer_id.len()))
            .field("document", &self.document)
            .field("face", &self.face)
            .field("reasons", &self.reasons)
            .field("info", &self.info)
            .field("state", &self.state)
            .field("complete_after_ms", &self.complete_after_ms)
            .field("exchange_failures", &self.exchange_failures)
            .finish()
    }
}

/// Both simulated APIs and their state.
///
/// ```
/// use idv_edge::sandbox::{IdCheckScenario, Sandbox, SandboxOptions};
/// use idv_edge::{Headers, HttpRequest, Method};
///
/// let now = 1_700_000_000_000; // the caller's clock, epoch ms
/// let mut sb = Sandbox::new(SandboxOptions { caisson_api_key: Some("sk_test".into()), ..Default::default() });
/// let scenario = IdCheckScenario::preset("blurry_selfie").unwrap().with_customer_id("user-42");
/// let token = sb.create_id_check(scenario, now).unwrap();
///
/// let exchange = HttpRequest {
///     method: Method::Post,
///     url: "https://api.caisson.com/v1/idcheck/exchangetoken".into(),
///     headers: [("Authorization", "Caisson sk_test")].into_iter().collect::<Headers>(),
///     body: Some(format!(r#"{{"check_exchange_token":"{token}"}}"#).into_bytes()),
/// };
/// let r = sb.handle(&exchange, now + 1_000);
/// assert_eq!(r.status, 200);
/// let check_id = serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["check_id"].to_string();
/// assert!(check_id.starts_with("\"chk_priv_"));
/// ```
pub struct Sandbox {
    options: SandboxOptions,
    caisson: caisson::State,
    goldstar: goldstar::State,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox").field("options", &self.options).field("live_entries", &self.live_entries()).finish()
    }
}

impl Default for Sandbox {
    fn default() -> Sandbox {
        Sandbox::new(SandboxOptions::default())
    }
}

/// Can the Sandbox answer at `now_ms`: does the time fall in the years 0 to
/// 9999 where it writes times (`checked_on` at UTC-4, `ping`'s at UTC-5)?
pub fn is_valid_now(now_ms: i64) -> bool {
    caisson::can_write_checked_on(now_ms) && goldstar::can_write_ping_time(now_ms)
}

impl Sandbox {
    pub fn new(options: SandboxOptions) -> Sandbox {
        Sandbox { options, caisson: caisson::State::new(), goldstar: goldstar::State::new() }
    }

    /// Plays the browser button: stores the check and returns its
    /// `check_exchange_token` (`chk_xchg_` + 22 base64url characters).
    /// `INVALID_ARGUMENT` (naming the field) for a bad scenario.
    pub fn create_id_check(&mut self, scenario: IdCheckScenario, now_ms: i64) -> Result<String, IdvError> {
        self.purge(now_ms);
        self.caisson.create(scenario, now_ms)
    }

    /// Any request in, a response out (always JSON, status 200 to 599).
    /// Never panics, whatever the request.
    pub fn handle(&mut self, request: &HttpRequest, now_ms: i64) -> HttpResponse {
        self.purge(now_ms);
        let (path, query) = split_url(&request.url);
        if let Some(route) = caisson::route(path) {
            return self.caisson.handle(route, request, query, self.options.caisson_api_key.as_deref(), now_ms);
        }
        match goldstar::route(path) {
            goldstar::Routed::Op(op) => {
                self.goldstar.handle(op, request, self.options.goldstar_api_key.as_deref(), now_ms)
            }
            goldstar::Routed::UnknownOp => goldstar::not_found(),
            goldstar::Routed::No => not_found(),
        }
    }

    /// The answer to a request whose method neither API takes (`PUT`,
    /// `DELETE`, `OPTIONS`, ...; [`Method`] holds only GET and POST): 404 for
    /// a path neither API has, else that API's 405 with `Allow`. No body or
    /// key is needed for either, as [`handle`](Self::handle) checks path and
    /// method first.
    pub fn unsupported_method(&self, method: &str, url: &str) -> HttpResponse {
        let (path, _) = split_url(url);
        if let Some(route) = caisson::route(path) {
            return caisson::wrong_method(route);
        }
        match goldstar::route(path) {
            goldstar::Routed::Op(_) => goldstar::wrong_method(method),
            goldstar::Routed::UnknownOp => goldstar::not_found(),
            goldstar::Routed::No => not_found(),
        }
    }

    /// How many tokens, checks and question sessions are held (tests of the purge).
    #[doc(hidden)]
    pub fn live_entries(&self) -> usize {
        self.caisson.live_entries() + self.goldstar.live_entries()
    }

    fn purge(&mut self, now_ms: i64) {
        self.caisson.purge(now_ms);
        self.goldstar.purge(now_ms);
    }
}

/// The path (without query or fragment) and the raw query of a URL, which may
/// be absolute (`https://host/p?q`) or a bare path (`/p?q`).
fn split_url(url: &str) -> (&str, &str) {
    let url = url.split('#').next().unwrap_or("");
    let (before, query) = url.split_once('?').unwrap_or((url, ""));
    let path = match before.find("://") {
        Some(i) => {
            let after = before.get(i + 3..).unwrap_or("");
            after.find('/').and_then(|j| after.get(j..)).unwrap_or("/")
        }
        None => before,
    };
    (path, query)
}

/// `path` without one trailing slash (but `/` stays `/`).
fn trim_slash(path: &str) -> &str {
    match path.strip_suffix('/') {
        Some(p) if !p.is_empty() => p,
        _ => path,
    }
}

fn json_response<T: Serialize>(status: u16, body: &T) -> HttpResponse {
    match serde_json::to_vec(body) {
        Ok(bytes) => HttpResponse::json(status, bytes),
        // Serializing these plain structs cannot fail; stay JSON regardless.
        Err(_) => HttpResponse::json(500, br#"{"error":"INTERNAL_ERROR"}"#.to_vec()),
    }
}

/// Any path that is neither API's.
fn not_found() -> HttpResponse {
    json_response(404, &serde_json::json!({ "error": "NOT_FOUND", "error_description": "No such endpoint." }))
}

fn method_not_allowed(mut response: HttpResponse, allow: Method) -> HttpResponse {
    response.headers.set("Allow", allow.as_str());
    response
}

/// The request body, without a UTF-8 byte order mark, if it is at most
/// [`MAX_REQUEST_BODY_BYTES`]; `Err` when larger.
fn body_of(request: &HttpRequest) -> Result<&[u8], ()> {
    let body = request.body.as_deref().unwrap_or(&[]);
    if body.len() > MAX_REQUEST_BODY_BYTES {
        Err(())
    } else {
        Ok(body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split() {
        assert_eq!(split_url("https://api.caisson.com/v1/idcheck?fields=sex#x"), ("/v1/idcheck", "fields=sex"));
        assert_eq!(split_url("http://localhost:4010"), ("/", ""));
        assert_eq!(split_url("/v1/idcheck"), ("/v1/idcheck", ""));
        assert_eq!(split_url(""), ("", ""));
        assert_eq!(split_url("?a"), ("", "a"));
        assert_eq!(trim_slash("/a/"), "/a");
        assert_eq!(trim_slash("/"), "/");
    }
}

display_as_str!(ScenarioState);
