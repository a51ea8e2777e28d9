//! Request builders: `POST {base}/ops/ping`, `/ops/verify-identity` and
//! `/ops/verify-answers`, with every argument checked before anything is built.
//!
//! Errors are `INVALID_ARGUMENT` naming the doc's field (`taxpayerID`,
//! `answers[2].text`) and the rule, never the value.

use crate::checks::{check_header_name, check_header_value, has_control, parse_authority};
use crate::error::{Api, IdvError};
use crate::http::{Headers, HttpRequest, Method};
use crate::json_write::{to_json, Obj, ToJson};
use crate::secret::ApiKey;
use crate::time::{is_calendar_date, utc_date};

use super::types::{Answer, Person, Question};

pub const DEFAULT_VERSION: &str = "v1";

/// Longest name, address line or city accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 100;
/// Longest `id` accepted by `verify_answers_request`, and the longest `Id` a
/// response may carry (the one sent back).
pub const MAX_ID_LEN: usize = 64;
/// Most answers (and questions) a verify-answers call takes.
pub const MAX_ANSWERS: usize = 100;
/// Earliest birth year accepted.
pub const MIN_BIRTH_YEAR: i32 = 1900;

/// Header names the SDK sets itself, and the connection's own (which fetch
/// refuses or drops: in Node each would fail every call as a retryable
/// network error); `defaultHeaders` may not set them.
const RESERVED_HEADERS: [&str; 9] = [
    "X-ApiKey",
    "Content-Type",
    "Content-Length",
    "Host",
    "Connection",
    "Keep-Alive",
    "Transfer-Encoding",
    "Upgrade",
    "Expect",
];

/// USPS codes accepted for `state` (USPS Publication 28, Appendix B): the
/// 50 states, DC, the territories (AS, GU, MP, PR, VI), the freely associated
/// states (FM, MH, PW) and the military "states" (AA, AE, AP). Not `UM`: the
/// ISO code of the Minor Outlying Islands, which have no USPS code.
pub const USPS_STATE_CODES: [&str; 62] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
    "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
    "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", // 50
    "DC", // district
    "AS", "GU", "MP", "PR", "VI", // territories
    "FM", "MH", "PW", // freely associated states
    "AA", "AE", "AP", // military
];

/// A configured Goldstar API: key, endpoint base and default headers, validated.
///
/// `Debug` shows the base URL and the default header names only (the key is
/// `[redacted]`, header values can be secrets such as `X-PortalKey`).
#[derive(Clone, Debug)]
pub struct Goldstar {
    key: ApiKey,
    base_url: String,
    default_headers: Headers,
}

impl Goldstar {
    /// `domain` is a bare host with an optional port; `version` is `v` + digits
    /// (default `v1`); `default_headers` are extra vendor headers (`X-PortalKey`).
    pub fn new(
        api_key: &str,
        domain: &str,
        version: Option<&str>,
        default_headers: &[(String, String)],
    ) -> Result<Goldstar, IdvError> {
        let key = ApiKey::new(Api::Goldstar, api_key)?;
        let authority = parse_authority(Api::Goldstar, "domain", domain)?;
        let version = version.unwrap_or(DEFAULT_VERSION);
        check_version(version)?;
        let scheme = if authority.is_loopback() { "http" } else { "https" };
        let base_url =
            format!("{scheme}://{}/identification/api/{version}", authority.to_string_with_port());

        let mut headers = Headers::new();
        for (name, value) in default_headers {
            check_header_name(Api::Goldstar, "defaultHeaders", name)?;
            check_header_value(Api::Goldstar, "defaultHeaders", value)?;
            if RESERVED_HEADERS.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                return Err(IdvError::invalid_argument(
                    Api::Goldstar,
                    "defaultHeaders",
                    "must not set X-ApiKey, Content-Type, Content-Length, Host or a connection header (Connection, Keep-Alive, Transfer-Encoding, Upgrade, Expect)",
                ));
            }
            if headers.get(name).is_some() {
                return Err(IdvError::invalid_argument(
                    Api::Goldstar,
                    "defaultHeaders",
                    "must not name the same header twice (names are case-insensitive)",
                ));
            }
            headers.set(name, value.clone());
        }
        Ok(Goldstar { key, base_url, default_headers: headers })
    }

    /// `https://{domain}/identification/api/{version}` (`http` for loopback).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `X-ApiKey`, `Accept`, the default headers, and `Content-Type` when the
    /// request has a body.
    fn request(&self, resource: &str, body: Option<Vec<u8>>) -> HttpRequest {
        let mut headers = Headers::new();
        headers.set_static("X-ApiKey", self.key.expose());
        headers.set_static("Accept", "application/json");
        for (name, value) in self.default_headers.iter() {
            headers.set(name, value);
        }
        if body.is_some() {
            headers.set_static("Content-Type", "application/json");
        }
        HttpRequest { method: Method::Post, url: format!("{}/{resource}", self.base_url), headers, body }
    }

    /// `POST {base}/ops/ping`, no body (the doc shows no payload).
    pub fn ping_request(&self) -> HttpRequest {
        self.request("ops/ping", None)
    }

    /// `now_ms` decides "not in the future" for the birth date.
    pub fn verify_identity_request(&self, person: &Person, now_ms: i64) -> Result<HttpRequest, IdvError> {
        let body = check_person(person, now_ms)?;
        Ok(self.request("ops/verify-identity", Some(to_json(&body).into_bytes())))
    }

    pub fn verify_answers_request(
        &self,
        id: &str,
        answers: &[Answer],
        questions: Option<&[Question]>,
    ) -> Result<HttpRequest, IdvError> {
        check_id(id)?;
        check_answers(answers, questions)?;
        let body = AnswersBody {
            id,
            answers: answers.iter().map(|a| AnswerBody { kind: &a.kind, text: &a.text }).collect(),
        };
        Ok(self.request("ops/verify-answers", Some(to_json(&body).into_bytes())))
    }
}

/// `v` followed by digits (`v1`, `v2`; API.md), at most 32 of them.
fn check_version(v: &str) -> Result<(), IdvError> {
    let ok = match v.strip_prefix('v') {
        Some(d) => (1..=MAX_VERSION_DIGITS).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(IdvError::invalid_argument(Api::Goldstar, "version", "must be 'v' followed by 1 to 32 digits (e.g. v1)"))
    }
}

const MAX_VERSION_DIGITS: usize = 32;

/// The verify-identity body: exactly the doc's keys, in the doc's spelling
/// and order (see its `ToJson`). No `Debug`: it holds the person.
struct IdentityBody<'a> {
    firstname: &'a str,
    lastname: &'a str,
    address: &'a str,
    city: &'a str,
    state: String,
    zip: String,
    taxpayer_id: String,
    birth_month: u32,
    birth_day: u32,
    birth_year: i32,
}

impl ToJson for IdentityBody<'_> {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("firstname", &self.firstname);
        o.field("lastname", &self.lastname);
        o.field("address", &self.address);
        o.field("city", &self.city);
        o.field("state", &self.state);
        o.field("zip", &self.zip);
        o.field("taxpayerID", &self.taxpayer_id);
        o.field("birthMonth", &self.birth_month);
        o.field("birthDay", &self.birth_day);
        o.field("birthYear", &self.birth_year);
        o.end();
    }
}

/// The verify-answers body: `{"id": "...", "answers": [{"type", "text"}]}`.
struct AnswersBody<'a> {
    /// Sent as a string, as in the doc's example (the doc's table says number).
    id: &'a str,
    answers: Vec<AnswerBody<'a>>,
}

struct AnswerBody<'a> {
    kind: &'a str,
    text: &'a str,
}

impl ToJson for AnswersBody<'_> {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("id", &self.id);
        o.field("answers", &self.answers);
        o.end();
    }
}

impl ToJson for AnswerBody<'_> {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("type", &self.kind);
        o.field("text", &self.text);
        o.end();
    }
}

fn bad(field: &str, rule: &str) -> IdvError {
    IdvError::invalid_argument(Api::Goldstar, field, rule)
}

/// Checks the whole person and returns the body to send.
fn check_person(p: &Person, now_ms: i64) -> Result<IdentityBody<'_>, IdvError> {
    Ok(IdentityBody {
        firstname: check_text("firstname", &p.firstname)?,
        lastname: check_text("lastname", &p.lastname)?,
        address: check_text("address", &p.address)?,
        city: check_text("city", &p.city)?,
        state: normalize_state(&p.state)?,
        zip: normalize_zip(&p.zip)?,
        taxpayer_id: normalize_ssn(&p.taxpayer_id)?,
        birth_month: p.birth_month,
        birth_day: p.birth_day,
        birth_year: check_birth_date(p.birth_year, p.birth_month, p.birth_day, now_ms)?,
    })
}

/// A name, address line or city: surrounding spaces trimmed, non-empty, at
/// most 100 characters, no control characters anywhere (a tab or line break
/// at an end too: only spaces are trimmed). Returns the trimmed text.
fn check_text<'a>(field: &str, s: &'a str) -> Result<&'a str, IdvError> {
    let t = crate::checks::trim_spaces(s);
    if crate::checks::is_blank(t) {
        return Err(bad(field, "is required and must not be blank"));
    }
    if t.chars().count() > MAX_TEXT_CHARS {
        return Err(bad(field, "must be at most 100 characters"));
    }
    if has_control(t) {
        return Err(bad(field, "must not contain control characters"));
    }
    Ok(t)
}

/// A USPS code, any case, surrounding spaces ignored; returned upper-cased.
pub(crate) fn normalize_state(s: &str) -> Result<String, IdvError> {
    let up = crate::checks::trim_spaces(s).to_ascii_uppercase();
    if USPS_STATE_CODES.contains(&up.as_str()) {
        Ok(up)
    } else {
        Err(bad(
            "state",
            "must be a two-letter USPS code: a state, DC, a territory (AS GU MP PR VI), a freely associated state (FM MH PW) or a military code (AA AE AP)",
        ))
    }
}

/// `12345`, `12345-6789` or `123456789` (API.md: 5 digits or ZIP+4),
/// surrounding spaces ignored; the nine-digit form is sent as ZIP+4 with its
/// dash (`12345-6789`), the others as given.
pub(crate) fn normalize_zip(s: &str) -> Result<String, IdvError> {
    let t = crate::checks::trim_spaces(s);
    let b = t.as_bytes();
    let digits = |x: &[u8]| x.iter().all(u8::is_ascii_digit);
    let (zip5, plus4) = match b.len() {
        5 => (t, None),
        9 => (t.get(..5).unwrap_or(""), t.get(5..)),
        10 if b.get(5) == Some(&b'-') => (t.get(..5).unwrap_or(""), t.get(6..)),
        _ => ("", None),
    };
    let ok = zip5.len() == 5
        && digits(zip5.as_bytes())
        && plus4.map_or(true, |p| p.len() == 4 && digits(p.as_bytes()));
    if !ok {
        return Err(bad("zip", "must be a 5-digit ZIP code or ZIP+4 (NNNNN-NNNN or NNNNNNNNN)"));
    }
    Ok(match plus4 {
        Some(p) => format!("{zip5}-{p}"),
        None => zip5.to_string(),
    })
}

/// An SSN, `123-45-6789` or `123456789`, with a possible area (not 000, 666
/// or 900-999), group (not 00) and serial (not 0000). Returned as 9 digits.
pub(crate) fn normalize_ssn(s: &str) -> Result<String, IdvError> {
    let t = crate::checks::trim_spaces(s);
    let b = t.as_bytes();
    let nine: String = match b.len() {
        9 => t.to_string(),
        11 if b.get(3) == Some(&b'-') && b.get(6) == Some(&b'-') => t.chars().filter(|&c| c != '-').collect(),
        _ => String::new(),
    };
    if nine.len() != 9 || !nine.bytes().all(|c| c.is_ascii_digit()) {
        return Err(bad("taxpayerID", "must be an SSN: 9 digits, as NNN-NN-NNNN or NNNNNNNNN"));
    }
    let area = nine.get(..3).unwrap_or("");
    let group = nine.get(3..5).unwrap_or("");
    let serial = nine.get(5..).unwrap_or("");
    if area == "000" || area == "666" || area.starts_with('9') {
        return Err(bad("taxpayerID", "has an area number (first 3 digits) that is never issued (000, 666, 900-999)"));
    }
    if group == "00" {
        return Err(bad("taxpayerID", "has a group number (digits 4-5) of 00, which is never issued"));
    }
    if serial == "0000" {
        return Err(bad("taxpayerID", "has a serial number (last 4 digits) of 0000, which is never issued"));
    }
    Ok(nine)
}

/// A real calendar date from 1900 on, not after the UTC date of `now_ms`.
/// Reports on the field that makes it wrong: `birthYear`, `birthMonth` or
/// `birthDay` (Feb 30 is `birthDay`).
fn check_birth_date(year: i32, month: u32, day: u32, now_ms: i64) -> Result<i32, IdvError> {
    let (ny, nm, nd) = utc_date(now_ms)
        .ok_or_else(|| bad("now", "must be a time within the years -9999 to 9999"))?;
    if year < MIN_BIRTH_YEAR {
        return Err(bad("birthYear", "must be 1900 or later"));
    }
    if year > ny {
        return Err(bad("birthYear", "must not be in the future"));
    }
    let m = u8::try_from(month).ok().filter(|m| (1..=12).contains(m));
    let Some(m) = m else {
        return Err(bad("birthMonth", "must be a month from 1 to 12"));
    };
    let d = u8::try_from(day).ok().filter(|&d| d >= 1 && is_calendar_date(year, m, d));
    let Some(d) = d else {
        return Err(bad("birthDay", "must be a day that exists in that month and year"));
    };
    if year == ny && m > nm {
        return Err(bad("birthMonth", "must not be in the future"));
    }
    if year == ny && m == nm && d > nd {
        return Err(bad("birthDay", "must not be in the future"));
    }
    Ok(year)
}

/// Is `id` an `Id` this SDK takes and sends back: 1 to 64 of
/// `A-Z a-z 0-9 - _` (in practice digits)? One rule for the answers
/// builder and for the `Id` of a response.
pub fn is_transaction_id(id: &[u8]) -> bool {
    id.len() <= MAX_ID_LEN && crate::checks::is_identifier(id)
}

/// The `id` of a failed verify-identity ([`is_transaction_id`]).
fn check_id(id: &str) -> Result<(), IdvError> {
    if id.is_empty() || id.len() > MAX_ID_LEN {
        return Err(bad("id", "must be 1 to 64 characters"));
    }
    if !is_transaction_id(id.as_bytes()) {
        return Err(bad("id", "must contain only the characters A-Z a-z 0-9 - _"));
    }
    Ok(())
}

/// Answers: non-empty, each `type` and `text` present with no control
/// characters. With `questions`: every question answered exactly once (by
/// `type`), and each text one of that question's choices, exactly.
fn check_answers(answers: &[Answer], questions: Option<&[Question]>) -> Result<(), IdvError> {
    if answers.is_empty() {
        return Err(bad("answers", "must hold at least one answer"));
    }
    // The checks below compare items pairwise: bounded, they stay small (the
    // API asks 4 questions of 5 choices).
    if answers.len() > MAX_ANSWERS {
        return Err(bad("answers", "must hold at most 100 answers"));
    }
    if questions.is_some_and(|q| q.len() > MAX_ANSWERS) {
        return Err(bad("questions", "must hold at most 100 questions"));
    }
    for (i, a) in answers.iter().enumerate() {
        for (name, v) in [("type", &a.kind), ("text", &a.text)] {
            let field = format!("answers[{i}].{name}");
            if crate::checks::is_blank(v) {
                return Err(bad(&field, "is required and must not be blank"));
            }
            if has_control(v) {
                return Err(bad(&field, "must not contain control characters"));
            }
        }
    }
    let Some(questions) = questions else {
        return Ok(());
    };
    for (i, q) in questions.iter().enumerate() {
        if questions.iter().take(i).any(|p| p.kind == q.kind) {
            return Err(bad(
                &format!("questions[{i}].type"),
                "repeats the type of an earlier question (answers are matched to questions by type)",
            ));
        }
    }
    for (i, a) in answers.iter().enumerate() {
        let Some(q) = questions.iter().find(|q| q.kind == a.kind) else {
            return Err(bad(&format!("answers[{i}].type"), "must be the type of one of the questions"));
        };
        if answers.iter().take(i).any(|p| p.kind == a.kind) {
            return Err(bad(&format!("answers[{i}].type"), "answers a question that an earlier answer already answers"));
        }
        if !q.choices.iter().any(|c| c == &a.text) {
            return Err(bad(&format!("answers[{i}].text"), "must be one of the question's choices"));
        }
    }
    if let Some(i) = questions.iter().position(|q| !answers.iter().any(|a| a.kind == q.kind)) {
        return Err(bad("answers", &format!("must answer every question: questions[{i}] has no answer")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        for ok in ["v1", "v2", "v10", "v9999", "v12345"] {
            assert!(check_version(ok).is_ok(), "{ok}");
        }
        let long = format!("v{}", "1".repeat(33));
        for bad in ["", "v", "1", "V1", "v1.0", "v1/", "va", &long] {
            assert_eq!(check_version(bad).unwrap_err().field.as_deref(), Some("version"), "{bad}");
        }
    }

    #[test]
    fn state_codes_are_62_and_unique() {
        let mut v = USPS_STATE_CODES.to_vec();
        v.sort_unstable();
        v.dedup();
        assert_eq!(v.len(), 62);
    }

    #[test]
    fn zip_forms() {
        assert_eq!(normalize_zip("30301").unwrap(), "30301");
        assert_eq!(normalize_zip("30301-1234").unwrap(), "30301-1234");
        assert_eq!(normalize_zip("303011234").unwrap(), "30301-1234");
        assert_eq!(normalize_zip(" 00501 ").unwrap(), "00501");
        assert_eq!(normalize_zip("00000").unwrap(), "00000");
        for bad in ["", "3030", "303011", "30301-123", "30301 1234", "3030a", "30301-", "30301--234", "３0301", "30301\n", "\t30301"] {
            assert_eq!(normalize_zip(bad).unwrap_err().field.as_deref(), Some("zip"), "{bad:?}");
        }
    }

    #[test]
    fn ssn_forms() {
        assert_eq!(normalize_ssn("123-45-6789").unwrap(), "123456789");
        assert_eq!(normalize_ssn("123456789").unwrap(), "123456789");
        for bad in ["", "12345678", "1234567890", "12-345-6789", "123-456-789", "000-12-3456", "666-12-3456", "900-12-3456",
            "999121234", "123-00-4567", "123-45-0000", "12a-45-6789", "123_45_6789", "+23456789", "123-45-6789\n", "\t123456789"] {
            let e = normalize_ssn(bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("taxpayerID"), "{bad:?}");
        }
    }
}
