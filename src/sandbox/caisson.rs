//! The simulated Caisson REST API: `POST /v1/idcheck/exchangetoken` and
//! `GET /v1/idcheck`, with the doc's windows, shapes and error codes.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::rng::{issued_by, tagged_id, IdKind, Rng};
use super::{body_of, json_response, method_not_allowed, trim_slash, IdCheckScenario, ScenarioInfo, ScenarioState};
use crate::caisson::{Address, ExchangeTokenResult, Info, Level, OptionalField, CHECK_ID_PREFIX, TOKEN_PREFIX};
use crate::error::{Api, IdvError};
use crate::http::{HttpRequest, HttpResponse, Method};

/// The exchange token works for this long after the check's creation
/// (inclusive: at exactly 2 h it still works, 1 ms later it has expired).
pub const EXCHANGE_WINDOW_MS: i64 = 2 * 60 * 60 * 1000;
/// After the first exchange, repeats return the same check id for this long
/// (inclusive), then the token has expired.
pub const EXCHANGE_GRACE_MS: i64 = 5 * 60 * 1000;
/// A check's result is kept this long after creation (inclusive), then
/// `GET` answers `IDCHECK_EXPIRED`.
pub const RESULT_RETENTION_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// A check created with this customer id fails every exchange with 500
/// `INTERNAL_ERROR` (like `exchange_failures: u32::MAX`).
/// At most this many tokens and checks held when a check is created: past
/// it the entry whose window ends first goes (the first issued among equal
/// ends, as with a frozen clock), so memory stays bounded even when the
/// clock never moves. An exchange adds its check to its token, so the count
/// stays under twice this.
const MAX_ENTRIES: usize = 100_000;

pub const INTERNAL_ERROR_CUSTOMER_ID: &str = "sandbox_internal_error";

/// Every preset name, for [`IdCheckScenario::preset`].
pub const PRESETS: &[&str] = &[
    "clean_pass",
    "blurry_selfie",
    "face_not_found",
    "expired_licence",
    "name_mismatch",
    "dob_mismatch",
    "barcode_unreadable",
    "pending",
    "pending_then_pass",
    "under_review",
    "deleted",
    "expired",
    "internal_error",
    "flaky_exchange",
];

pub(super) const DEFAULT_FIRST_NAME: &str = "JAMIE";
pub(super) const DEFAULT_LAST_NAME: &str = "DOE";
const DEFAULT_SEX: &str = "M";
const DEFAULT_DOB: &str = "1989-06-30";
const DEFAULT_STREET: &str = "6 CROWN DR # 11B";
const DEFAULT_CITY: &str = "NEW YORK";
const DEFAULT_STATE: &str = "NY";
const DEFAULT_ZIP: &str = "10001";
/// `expires_on` of the `expired_licence` preset.
const EXPIRED_LICENCE_DATE: &str = "2021-03-31";

const MAX_CUSTOMER_ID_LEN: usize = 256;
const MAX_TEXT_LEN: usize = 256;
/// `checked_on` is printed at this UTC offset (minutes), like the doc's example.
const CHECKED_ON_OFFSET_MINUTES: i32 = -4 * 60;
const SEED: u64 = 0x6361_6973_736F_6E21; // "caisson!"

pub(super) fn preset(name: &str) -> Option<IdCheckScenario> {
    let base = IdCheckScenario::default();
    Some(match name {
        "clean_pass" => base,
        "blurry_selfie" => IdCheckScenario { face: Level::Medium, reasons: vec![201], ..base },
        "face_not_found" => IdCheckScenario { face: Level::Low, reasons: vec![202], ..base },
        "expired_licence" => IdCheckScenario {
            document: Level::Low,
            reasons: vec![308],
            info: Some(ScenarioInfo { expires_on: Some(EXPIRED_LICENCE_DATE.to_string()), ..ScenarioInfo::default() }),
            ..base
        },
        "name_mismatch" => IdCheckScenario { document: Level::Medium, reasons: vec![101], ..base },
        "dob_mismatch" => IdCheckScenario { document: Level::Medium, reasons: vec![102], ..base },
        "barcode_unreadable" => IdCheckScenario { document: Level::Low, reasons: vec![402], ..base },
        "pending" => IdCheckScenario { state: ScenarioState::Pending, ..base },
        "pending_then_pass" => {
            IdCheckScenario { state: ScenarioState::Pending, complete_after_ms: Some(30_000), ..base }
        }
        "under_review" => IdCheckScenario { state: ScenarioState::PendingReview, ..base },
        "deleted" => IdCheckScenario { state: ScenarioState::Deleted, ..base },
        "expired" => IdCheckScenario { state: ScenarioState::Expired, ..base },
        "internal_error" => IdCheckScenario { state: ScenarioState::InternalError, ..base },
        "flaky_exchange" => IdCheckScenario { exchange_failures: 1, ..base },
        _ => return None,
    })
}

/// A check as stored: the scenario, validated and normalized.
#[derive(Clone)]
struct StoredCheck {
    customer_id: String,
    document: Level,
    face: Level,
    reasons: Vec<u16>,
    info: Info,
    state: ScenarioState,
    /// Absolute time the pending check completes, if it does.
    complete_at_ms: Option<i64>,
    created_ms: i64,
    /// Sub-millisecond digits of `checked_on` (0..1000), for realism.
    extra_micros: i64,
    exchange_failures: u32,
}

struct TokenEntry {
    created_ms: i64,
    /// Taken out at the first exchange.
    check: Option<StoredCheck>,
    failures_left: u32,
    /// The check id and the time of the first exchange.
    exchanged: Option<(String, i64)>,
}

impl TokenEntry {
    /// The last instant (inclusive) the token still works.
    fn deadline(&self) -> i64 {
        match &self.exchanged {
            Some((_, first)) => first.saturating_add(EXCHANGE_GRACE_MS),
            None => self.created_ms.saturating_add(EXCHANGE_WINDOW_MS),
        }
    }
}

fn check_deadline(check: &StoredCheck) -> i64 {
    check.created_ms.saturating_add(RESULT_RETENTION_MS)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Token,
    Check,
}

pub(super) struct State {
    rng: Rng,
    tokens: BTreeMap<String, TokenEntry>,
    checks: BTreeMap<String, StoredCheck>,
    /// (deadline, issue order, slot, key): an entry is dropped once `now`
    /// passes its deadline. Stale items (the entry's deadline moved) are
    /// skipped.
    queue: BTreeSet<(i64, u64, Slot, String)>,
    issued: u64,
    /// [`MAX_ENTRIES`]; smaller in this module's tests.
    cap: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Route {
    Exchange,
    IdCheck,
}

pub(super) fn route(path: &str) -> Option<Route> {
    let path = trim_slash(path);
    if path.ends_with("/v1/idcheck/exchangetoken") {
        Some(Route::Exchange)
    } else if path.ends_with("/v1/idcheck") {
        Some(Route::IdCheck)
    } else {
        None
    }
}

fn allowed_method(route: Route) -> Method {
    match route {
        Route::Exchange => Method::Post,
        Route::IdCheck => Method::Get,
    }
}

/// 405 for any other method on `route`, with `Allow` (RFC 9110 requires it).
pub(super) fn wrong_method(route: Route) -> HttpResponse {
    let allowed = allowed_method(route);
    let description = match allowed {
        Method::Post => "Use POST for this endpoint.",
        Method::Get => "Use GET for this endpoint.",
    };
    method_not_allowed(error(405, "METHOD_NOT_ALLOWED", description), allowed)
}

fn error(status: u16, code: &str, description: &str) -> HttpResponse {
    #[derive(Serialize)]
    struct Body<'a> {
        error: &'a str,
        error_description: &'a str,
    }
    json_response(status, &Body { error: code, error_description: description })
}

fn invalid_input(description: &str) -> HttpResponse {
    error(400, "INVALID_INPUT", description)
}

fn internal_error() -> HttpResponse {
    error(500, "INTERNAL_ERROR", "An internal error occurred. Please try again.")
}

impl State {
    pub(super) fn new() -> State {
        State {
            rng: Rng::new(SEED),
            tokens: BTreeMap::new(),
            checks: BTreeMap::new(),
            queue: BTreeSet::new(),
            issued: 0,
            cap: MAX_ENTRIES,
        }
    }

    fn enqueue(&mut self, deadline: i64, slot: Slot, key: String) {
        self.issued += 1;
        self.queue.insert((deadline, self.issued, slot, key));
    }

    /// Drops the entry of the queue's first item (nothing if it is stale).
    fn pop_oldest(&mut self) {
        let Some((deadline, _, slot, key)) = self.queue.pop_first() else { return };
        match slot {
            Slot::Token => {
                if self.tokens.get(&key).is_some_and(|t| t.deadline() == deadline) {
                    self.tokens.remove(&key);
                }
            }
            Slot::Check => {
                if self.checks.get(&key).is_some_and(|c| check_deadline(c) == deadline) {
                    self.checks.remove(&key);
                }
            }
        }
    }

    pub(super) fn live_entries(&self) -> usize {
        self.tokens.len() + self.checks.len()
    }

    pub(super) fn purge(&mut self, now_ms: i64) {
        while let Some(first) = self.queue.first() {
            if first.0 >= now_ms {
                break;
            }
            self.pop_oldest();
        }
    }

    pub(super) fn create(&mut self, scenario: IdCheckScenario, now_ms: i64) -> Result<String, IdvError> {
        let check = validate(scenario, now_ms, &mut self.rng)?;
        let token = format!("{TOKEN_PREFIX}{}", tagged_id(&mut self.rng, IdKind::ExchangeToken));
        let entry = TokenEntry {
            created_ms: now_ms,
            failures_left: check.exchange_failures,
            check: Some(check),
            exchanged: None,
        };
        while self.live_entries() >= self.cap && !self.queue.is_empty() {
            self.pop_oldest();
        }
        self.enqueue(entry.deadline(), Slot::Token, token.clone());
        self.tokens.insert(token.clone(), entry);
        Ok(token)
    }

    pub(super) fn handle(
        &mut self,
        route: Route,
        request: &HttpRequest,
        query: &str,
        key: Option<&str>,
        now_ms: i64,
    ) -> HttpResponse {
        if request.method != allowed_method(route) {
            return wrong_method(route);
        }
        if !authorized(request, key) {
            return error(401, "INVALID_INPUT", "Invalid or missing API key.");
        }
        match route {
            Route::Exchange => self.exchange(request, now_ms),
            Route::IdCheck => self.get(request, query, now_ms),
        }
    }

    fn exchange(&mut self, request: &HttpRequest, now_ms: i64) -> HttpResponse {
        let Ok(body) = body_of(request) else {
            return error(413, "INVALID_INPUT", "The request body is too large.");
        };
        let token = match crate::json_parse::parse_value(body) {
            Ok(serde_json::Value::Object(map)) => match map.get("check_exchange_token") {
                Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
                _ => return invalid_input("check_exchange_token is required and must be a string."),
            },
            _ => return invalid_input("The request body must be a JSON object."),
        };
        let Some(entry) = self.tokens.get_mut(&token) else {
            // Forgotten (purged) tokens this sandbox issued have expired.
            if self.issued(&token, TOKEN_PREFIX, IdKind::ExchangeToken) {
                return token_expired();
            }
            return invalid_input("Invalid check_exchange_token.");
        };
        if now_ms > entry.deadline() {
            return token_expired();
        }
        if let Some((check_id, _)) = &entry.exchanged {
            return json_response(200, &ExchangeTokenResult { check_id: check_id.clone() });
        }
        if entry.failures_left > 0 {
            if entry.failures_left != u32::MAX {
                entry.failures_left -= 1;
            }
            return internal_error();
        }
        let Some(check) = entry.check.take() else {
            return internal_error();
        };
        let check_id = format!("{CHECK_ID_PREFIX}{}", tagged_id(&mut self.rng, IdKind::CheckId));
        entry.exchanged = Some((check_id.clone(), now_ms));
        let token_deadline = entry.deadline();
        self.enqueue(token_deadline, Slot::Token, token);
        self.enqueue(check_deadline(&check), Slot::Check, check_id.clone());
        self.checks.insert(check_id.clone(), check);
        json_response(200, &ExchangeTokenResult { check_id })
    }

    fn get(&self, request: &HttpRequest, query: &str, now_ms: i64) -> HttpResponse {
        let check_id = request.headers.get("X-Caisson-CheckID").map(str::trim).unwrap_or("");
        if check_id.is_empty() {
            return invalid_input("The X-Caisson-CheckID header is required.");
        }
        let Some(fields) = parse_fields_query(query) else {
            return invalid_input("Unknown field requested: fields may list sex, dob, address, expires_on.");
        };
        let Some(check) = self.checks.get(check_id) else {
            if self.issued(check_id, CHECK_ID_PREFIX, IdKind::CheckId) {
                return check_expired();
            }
            return invalid_input("Invalid check_id.");
        };
        if now_ms > check_deadline(check) {
            return check_expired();
        }
        let mut state = check.state;
        let mut checked_ms = check.created_ms;
        if let Some(at) = check.complete_at_ms {
            if matches!(state, ScenarioState::Pending | ScenarioState::PendingReview) && now_ms >= at {
                state = ScenarioState::Complete;
                checked_ms = at;
            }
        }
        match state {
            ScenarioState::Complete => result_body(check_id, check, checked_ms, &fields),
            ScenarioState::Pending => error(200, "NOT_VERIFIED", "The ID check has not been completed yet."),
            ScenarioState::PendingReview => error(200, "PENDING_REVIEW", "The ID check is pending review."),
            ScenarioState::Deleted => error(404, "IDCHECK_DELETED", "The ID check has been deleted."),
            ScenarioState::Expired => check_expired(),
            ScenarioState::InternalError => internal_error(),
        }
    }
}

/// The exchange's doc lists two error codes, `INTERNAL_ERROR` and
/// `INVALID_INPUT`: an expired token is invalid input (`IDCHECK_EXPIRED` is
/// among the result's codes only).
fn token_expired() -> HttpResponse {
    invalid_input("The check_exchange_token has expired.")
}

fn check_expired() -> HttpResponse {
    error(410, "IDCHECK_EXPIRED", "The ID check has expired.")
}

impl State {
    /// Did this sandbox issue `id` (prefix + a tagged body its generator
    /// made), even if since forgotten? Another instance's ids are unknown here.
    fn issued(&self, id: &str, prefix: &str, kind: IdKind) -> bool {
        id.strip_prefix(prefix).is_some_and(|body| issued_by(&self.rng, kind, body))
    }
}

/// `Authorization: Caisson <key>`: scheme any case, then the key.
fn authorized(request: &HttpRequest, expected: Option<&str>) -> bool {
    let Some(value) = request.headers.get("Authorization") else { return false };
    let Some((scheme, key)) = value.trim().split_once(' ') else { return false };
    if !scheme.eq_ignore_ascii_case("Caisson") {
        return false;
    }
    let key = key.trim();
    match expected {
        Some(k) => key == k,
        None => !key.is_empty(),
    }
}

/// The `fields` query parameters (all of them, comma lists, percent-decoded);
/// `None` when a name is not one of the four.
fn parse_fields_query(query: &str) -> Option<Vec<OptionalField>> {
    let mut out = Vec::new();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if percent_decode(k).as_deref() != Some("fields") {
            continue;
        }
        let v = percent_decode(v)?;
        for name in v.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let f = OptionalField::parse(name)?;
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    Some(out)
}

/// Form-style percent-decoding (`+` is a space); `None` for bad escapes or UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[derive(Serialize)]
struct WireReason {
    code: u16,
    description: &'static str,
}

#[derive(Serialize)]
struct WireConfidence {
    document: Level,
    face: Level,
    #[serde(skip_serializing_if = "Option::is_none")]
    reasons: Option<Vec<WireReason>>,
}

#[derive(Serialize)]
struct WireResult<'a> {
    check_id: &'a str,
    customer_id: &'a str,
    checked_on: String,
    confidence: WireConfidence,
    info: Info,
}

fn result_body(check_id: &str, check: &StoredCheck, checked_ms: i64, fields: &[OptionalField]) -> HttpResponse {
    let Some(checked_on) = format_checked_on(checked_ms, check.extra_micros) else {
        return internal_error();
    };
    let all_high = check.document == Level::High && check.face == Level::High;
    let reasons = (!all_high).then(|| {
        check.reasons.iter().map(|&code| WireReason { code, description: crate::caisson::doc_description(code).unwrap_or("Unknown reason.") }).collect()
    });
    let full = &check.info;
    let want = |f: OptionalField| fields.contains(&f);
    let info = Info {
        first_name: full.first_name.clone(),
        last_name: full.last_name.clone(),
        sex: if want(OptionalField::Sex) { full.sex.clone() } else { None },
        dob: if want(OptionalField::Dob) { full.dob.clone() } else { None },
        expires_on: if want(OptionalField::ExpiresOn) { full.expires_on.clone() } else { None },
        address: if want(OptionalField::Address) { full.address.clone() } else { None },
    };
    json_response(
        200,
        &WireResult {
            check_id,
            customer_id: &check.customer_id,
            checked_on,
            confidence: WireConfidence { document: check.document, face: check.face, reasons },
            info,
        },
    )
}

/// [`super::is_valid_now`]'s Caisson half: can a check be written at `ms`
/// (its latest `checked_on`, `extra_micros` at most 999)?
pub(super) fn can_write_checked_on(ms: i64) -> bool {
    format_checked_on(ms, 999).is_some()
}

/// `2019-07-19T15:00:42.274684-04:00`: microseconds and the doc's offset.
fn format_checked_on(ms: i64, extra_micros: i64) -> Option<String> {
    let nanos = i128::from(ms) * 1_000_000 + i128::from(extra_micros) * 1_000;
    let c = crate::time::civil_at_offset(nanos, CHECKED_ON_OFFSET_MINUTES)?;
    if !(0..=9999).contains(&c.year) {
        return None;
    }
    Some(crate::time::format_civil(&c, 6, Some(CHECKED_ON_OFFSET_MINUTES)))
}

fn midnight(y: i32, m: u8, d: u8) -> String {
    format!("{y:04}-{m:02}-{d:02}T00:00:00Z")
}

/// `YYYY-MM-DD` or RFC 3339 to a midnight-UTC date-time.
fn normalize_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() == 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (y, m, d) = (i32::try_from(y).ok()?, u8::try_from(m).ok()?, u8::try_from(d).ok()?);
        return crate::time::is_calendar_date(y, m, d).then(|| midnight(y, m, d));
    }
    let ms = crate::time::parse_rfc3339_ms(s)?;
    let (y, m, d) = crate::time::utc_date(ms)?;
    (0..=9999).contains(&y).then(|| midnight(y, m, d))
}

fn bad(field: &str, rule: &str) -> IdvError {
    IdvError::invalid_argument(Api::Caisson, field, rule)
}

fn check_text(field: &str, s: &str, max: usize) -> Result<(), IdvError> {
    if s.trim().is_empty() {
        return Err(bad(field, "is required"));
    }
    if s.chars().count() > max {
        return Err(bad(field, &format!("must be at most {max} characters")));
    }
    if crate::checks::has_control(s) {
        return Err(bad(field, "must not contain control characters"));
    }
    Ok(())
}

/// Checks a scenario and turns it into what `GET` will return. Field names
/// in errors: the top level in JavaScript's camelCase (`customerId`,
/// `completeAfterMs`), `info.*` with the API's own names (`info.first_name`).
fn validate(s: IdCheckScenario, now_ms: i64, rng: &mut Rng) -> Result<StoredCheck, IdvError> {
    check_text("customerId", &s.customer_id, MAX_CUSTOMER_ID_LEN)?;
    let all_high = s.document == Level::High && s.face == Level::High;
    if all_high && !s.reasons.is_empty() {
        return Err(bad(
            "reasons",
            "must be empty when document and face are both high (Caisson sends reasons only when a confidence is not high)",
        ));
    }
    for (i, code) in s.reasons.iter().enumerate() {
        if !(100..=999).contains(code) {
            return Err(bad(&format!("reasons[{i}]"), "must be a three-digit reason code (100 to 999)"));
        }
    }
    let complete_at_ms = match s.complete_after_ms {
        None => None,
        Some(after) => {
            if !matches!(s.state, ScenarioState::Pending | ScenarioState::PendingReview) {
                return Err(bad("completeAfterMs", "is only allowed with the pending and pending_review states"));
            }
            if after < 0 {
                return Err(bad("completeAfterMs", "must not be negative"));
            }
            Some(now_ms.saturating_add(after))
        }
    };
    if !can_write_checked_on(now_ms) {
        return Err(bad("now", "must be a time between the years 0 and 9999"));
    }
    if complete_at_ms.is_some_and(|at| !can_write_checked_on(at)) {
        return Err(bad("completeAfterMs", "must end before the year 10000"));
    }
    let info = normalize_info(s.info.unwrap_or_default(), now_ms)?;
    // Drawn only for a valid scenario, so a refused one does not shift later ids.
    let extra_micros = i64::try_from(rng.next_u64() % 1000).unwrap_or(0);
    let exchange_failures = if s.customer_id == INTERNAL_ERROR_CUSTOMER_ID { u32::MAX } else { s.exchange_failures };
    Ok(StoredCheck {
        customer_id: s.customer_id,
        document: s.document,
        face: s.face,
        reasons: s.reasons,
        info,
        state: s.state,
        complete_at_ms,
        created_ms: now_ms,
        extra_micros,
        exchange_failures,
    })
}

fn normalize_info(i: ScenarioInfo, now_ms: i64) -> Result<Info, IdvError> {
    check_text("info.first_name", &i.first_name, MAX_TEXT_LEN)?;
    check_text("info.last_name", &i.last_name, MAX_TEXT_LEN)?;
    let sex = match i.sex.as_deref().unwrap_or(DEFAULT_SEX).to_ascii_uppercase().as_str() {
        s @ ("M" | "F" | "X") => s.to_string(),
        _ => return Err(bad("info.sex", "must be M, F or X")),
    };
    let date_rule = "must be a date as YYYY-MM-DD or an RFC 3339 date-time";
    let dob = normalize_date(i.dob.as_deref().unwrap_or(DEFAULT_DOB)).ok_or_else(|| bad("info.dob", date_rule))?;
    let expires_on = match i.expires_on.as_deref() {
        Some(e) => normalize_date(e).ok_or_else(|| bad("info.expires_on", date_rule))?,
        None => {
            let (y, _, _) = crate::time::utc_date(now_ms).ok_or_else(|| bad("now", "must be a valid time"))?;
            midnight(y.saturating_add(4).min(9999), 6, 24)
        }
    };
    let address = match i.address {
        Some(a) => {
            check_text("info.address.street", &a.street, MAX_TEXT_LEN)?;
            check_text("info.address.city", &a.city, MAX_TEXT_LEN)?;
            check_text("info.address.state", &a.state, MAX_TEXT_LEN)?;
            check_text("info.address.zip", &a.zip, MAX_TEXT_LEN)?;
            a
        }
        None => Address {
            street: DEFAULT_STREET.to_string(),
            city: DEFAULT_CITY.to_string(),
            state: DEFAULT_STATE.to_string(),
            zip: DEFAULT_ZIP.to_string(),
        },
    };
    Ok(Info {
        first_name: i.first_name,
        last_name: i.last_name,
        sex: Some(sex),
        dob: Some(dob),
        expires_on: Some(expires_on),
        address: Some(address),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalize_to_midnight_utc() {
        assert_eq!(normalize_date("1989-06-30").as_deref(), Some("1989-06-30T00:00:00Z"));
        assert_eq!(normalize_date("1989-06-30T23:30:00-04:00").as_deref(), Some("1989-07-01T00:00:00Z"));
        for bad in ["", "1989-02-30", "89-06-30", "1989/06/30", "+989-06-30", "1989-6-30x", "yesterday"] {
            assert_eq!(normalize_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn checked_on_has_micros_and_offset() {
        assert_eq!(format_checked_on(1_563_562_842_274, 684).as_deref(), Some("2019-07-19T15:00:42.274684-04:00"));
        assert_eq!(format_checked_on(i64::MAX, 0), None);
    }

    #[test]
    fn fields_query() {
        use OptionalField::*;
        assert_eq!(parse_fields_query(""), Some(vec![]));
        assert_eq!(parse_fields_query("fields=sex,dob"), Some(vec![Sex, Dob]));
        assert_eq!(parse_fields_query("fields=sex%2Caddress&x=1&fields=sex"), Some(vec![Sex, Address]));
        assert_eq!(parse_fields_query("fields="), Some(vec![]));
        assert_eq!(parse_fields_query("fields=ssn"), None);
        assert_eq!(parse_fields_query("fields=%zz"), None);
        assert_eq!(parse_fields_query("fields=%"), None);
        assert_eq!(parse_fields_query("other=ssn"), Some(vec![]));
    }

    #[test]
    fn past_the_cap_the_first_issued_goes_first_on_a_frozen_clock() {
        // Tokens created at one instant share a deadline; the first created is
        // dropped, not the one whose token sorts first, and the count stays at the cap.
        let now = 1_700_000_000_000;
        let mut st = State { cap: 20, ..State::new() };
        let tokens: Vec<String> =
            (0..21).map(|_| st.create(preset("clean_pass").unwrap().with_customer_id("c"), now).unwrap()).collect();
        assert_eq!(st.live_entries(), 20);
        let mut headers = crate::http::Headers::new();
        headers.set("Authorization", "Caisson k");
        let exchange = |st: &mut State, token: &str| {
            let body = format!(r#"{{"check_exchange_token":"{token}"}}"#).into_bytes();
            let r = HttpRequest { method: Method::Post, url: String::new(), headers: headers.clone(), body: Some(body) };
            st.handle(Route::Exchange, &r, "", Some("k"), now)
        };
        let smallest = tokens.iter().skip(1).min().cloned().unwrap_or_default();
        assert_ne!(tokens[0], smallest);
        let first = exchange(&mut st, &tokens[0]);
        assert_eq!(first.status, 400, "the first created is dropped");
        assert!(String::from_utf8_lossy(&first.body).contains("expired"));
        assert_eq!(exchange(&mut st, &smallest).status, 200, "not the smallest token");
        assert_eq!(exchange(&mut st, &tokens[1]).status, 200);
        // Each exchange adds a check to its token; the next create makes room again.
        assert_eq!(st.live_entries(), 22);
        st.create(preset("clean_pass").unwrap().with_customer_id("c"), now).unwrap();
        assert_eq!(st.live_entries(), 20);
        // A million creates on a frozen clock would stay at the cap.
        for _ in 0..200 {
            st.create(preset("clean_pass").unwrap().with_customer_id("c"), now).unwrap();
        }
        assert_eq!(st.live_entries(), 20);
    }

    #[test]
    fn every_preset_is_valid() {
        let mut rng = Rng::new(1);
        for name in PRESETS {
            let s = preset(name).unwrap().with_customer_id("c");
            assert!(validate(s, 1_700_000_000_000, &mut rng).is_ok(), "{name}");
        }
        assert!(preset("nope").is_none());
    }
}
