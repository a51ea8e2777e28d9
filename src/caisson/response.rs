//! Response validation: status and body together, strictly.
//!
//! Order of judgement:
//! 1. Non-2xx: a documented Caisson code in a JSON body wins over the status
//!    (401 is always `UNAUTHORIZED`); otherwise the status decides
//!    ([`IdvError::from_status`]). A body that is not JSON is no obstacle.
//! 2. 2xx: 204 is `INVALID_RESPONSE`; a `Content-Type` that is present must be
//!    JSON; the body must parse ([`json::parse_body`]); an `error` field is a
//!    failure even with HTTP 200 (Caisson's own samples do this); then the
//!    shape is checked field by field, naming the path of any fault.
//!
//! Nothing from the body goes into an error's message: only field paths and
//! rules. Caisson's `error_description` / `error_message` is kept in
//! [`IdvError::description`].

use serde_json::{Map, Value};

use crate::error::{Api, ErrorCode, IdvError};
use crate::http::Headers;
use crate::json::{self, Obj};
use crate::time::parse_rfc3339_ms;

use super::reasons::interpret_reason;
use super::types::{Address, Confidence, ExchangeTokenResult, IdCheckResult, Info, Level, Reason};

const API: Api = Api::Caisson;

/// `POST /v1/idcheck/exchangetoken`: `{ "check_id": <a check id> }`, as
/// [`super::check_check_id`] has them.
pub fn parse_exchange_token(status: u16, headers: &Headers, body: &[u8]) -> Result<ExchangeTokenResult, IdvError> {
    let v = read_success(status, headers, body)?;
    let root = Obj::root(API, status, &v)?;
    Ok(ExchangeTokenResult { check_id: req_check_id(&root)? })
}

/// `check_id`: what getIdCheck (and a store) will take, so that a check id
/// passes only if it could be sent back ([`super::is_check_id`]).
fn req_check_id(root: &Obj<'_>) -> Result<String, IdvError> {
    let check_id = root.req_nonempty_str("check_id")?;
    if !super::is_check_id(check_id.as_bytes()) {
        return Err(root.err("check_id", "is not a check id (1 to 256 of A-Z a-z 0-9 - _, not chk_xchg_...)"));
    }
    Ok(check_id.to_string())
}

/// A result must be for the check asked for: the check id travels in the
/// `X-Caisson-CheckID` header, so a cache keyed on the URL alone could answer
/// with another check's result (even one of the same customer, which
/// `assessIdCheck` would approve). `INVALID_RESPONSE` on `check_id` when
/// `check_id` (the result's) is not `asked`.
pub fn check_result_for(asked: &str, check_id: &str, status: u16) -> Result<(), IdvError> {
    if asked == check_id {
        return Ok(());
    }
    Err(IdvError::invalid_response(API, "check_id", "is not the check id asked for (the X-Caisson-CheckID header)", Some(status)))
}

/// [`parse_id_check`] of the answer to a request for the check `asked`: the
/// result must be that check's ([`check_result_for`]).
pub fn parse_id_check_for(asked: &str, status: u16, headers: &Headers, body: &[u8]) -> Result<IdCheckResult, IdvError> {
    let result = parse_id_check(status, headers, body)?;
    check_result_for(asked, &result.check_id, status)?;
    Ok(result)
}

/// `GET /v1/idcheck`: the result in the doc's shape, every field checked.
pub fn parse_id_check(status: u16, headers: &Headers, body: &[u8]) -> Result<IdCheckResult, IdvError> {
    let v = read_success(status, headers, body)?;
    let root = Obj::root(API, status, &v)?;

    let check_id = req_check_id(&root)?;
    let customer_id = root.req_nonempty_str("customer_id")?.to_string();
    let checked_on = req_date_time(&root, "checked_on")?.to_string();

    let c = root.req_obj("confidence")?;
    let document = req_level(&c, "document")?;
    let face = req_level(&c, "face")?;
    // Kept absent when absent (or null): the result mirrors the body.
    let reasons = match c.get("reasons") {
        None => None,
        Some(_) => {
            let items = c.opt_array("reasons")?;
            let mut reasons = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                reasons.push(reason(&c.item("reasons", i, item)?)?);
            }
            Some(reasons)
        }
    };

    let inf = root.req_obj("info")?;
    let first_name = inf.req_str("first_name")?.to_string();
    let last_name = inf.req_str("last_name")?.to_string();
    let sex = inf.opt_str("sex")?.map(str::to_string);
    let dob = opt_date(&inf, "dob")?.map(str::to_string);
    let expires_on = opt_date(&inf, "expires_on")?.map(str::to_string);
    let address = match inf.opt_obj("address")? {
        None => None,
        Some(a) => Some(Address {
            street: a.req_str("street")?.to_string(),
            city: a.req_str("city")?.to_string(),
            state: a.req_str("state")?.to_string(),
            zip: a.req_str("zip")?.to_string(),
        }),
    };

    Ok(IdCheckResult {
        check_id,
        customer_id,
        checked_on,
        confidence: Confidence { document, face, reasons },
        info: Info { first_name, last_name, sex, dob, expires_on, address },
    })
}

/// Would the validator go on to the body: a 2xx other than 204, with a
/// JSON content type or none? (The fast path's precondition, `crate::scan`.)
pub fn success_preconditions(status: u16, headers: &Headers) -> bool {
    (200..=299).contains(&status) && status != 204 && headers.get("Content-Type").map_or(true, crate::http::is_json_media_type)
}

/// The body of a successful answer as JSON, or the error the answer carries.
fn read_success(status: u16, headers: &Headers, body: &[u8]) -> Result<Value, IdvError> {
    if !(200..=299).contains(&status) {
        return Err(status_error(status, headers, body));
    }
    if status == 204 {
        return Err(IdvError::invalid_response(API, "", "no content (HTTP 204) where JSON was expected", Some(status)));
    }
    if let Some(ct) = headers.get("Content-Type") {
        if !crate::http::is_json_media_type(ct) {
            return Err(IdvError::invalid_response(API, "", "content type is not JSON", Some(status)));
        }
    }
    let v = json::parse_body(API, status, body)?;
    if let Value::Object(map) = &v {
        if let Some(e) = body_error(status, map) {
            return Err(e);
        }
    }
    Ok(v)
}

/// A non-2xx answer: the documented code in the body if there is one (except
/// for 401), else the status; a delta-seconds `Retry-After` kept (an
/// HTTP-date one needs a clock: the transport reads it).
fn status_error(status: u16, headers: &Headers, body: &[u8]) -> IdvError {
    // Any body is fine here: an HTML error page, an empty one, an oversized one.
    let parsed = json::parse_body(API, status, body).ok();
    let map = parsed.as_ref().and_then(Value::as_object);
    let code = map.and_then(|m| m.get("error")).and_then(Value::as_str).filter(|s| !s.is_empty());
    let mut e = match code.and_then(ErrorCode::from_caisson) {
        Some(code) if status != 401 => with_http_status(IdvError::new(API, code), status),
        _ => IdvError::from_status(API, status),
    };
    // Caisson's text for an error code (API.md's one exception); a body
    // without a code (a proxy's or a gateway's page) keeps its text out.
    e.description = if code.is_some() { map.and_then(error_text) } else { None };
    e.retry_after_ms = crate::retry::retry_after_seconds(headers);
    e
}

/// The error a 2xx body carries in its `error` field, if any. `null` counts
/// as absent; any other non-string-code value is a failure too (fail closed).
fn body_error(status: u16, map: &Map<String, Value>) -> Option<IdvError> {
    let mut e = match map.get("error")? {
        Value::Null => return None,
        Value::String(s) if !s.is_empty() => match ErrorCode::from_caisson(s) {
            Some(code) => with_http_status(IdvError::new(API, code), status),
            // Never echo an unknown code: it is text from the body.
            None => IdvError::new(API, ErrorCode::BadRequest)
                .with_status(status)
                .with_message(format!("the server reported an undocumented error code (HTTP {status})")),
        },
        other => {
            return Some(IdvError::invalid_response(
                API,
                "error",
                &format!("expected an error code string, found {}", describe(other)),
                Some(status),
            ))
        }
    };
    e.description = error_text(map);
    Some(e)
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "an empty string",
        other => json::type_name(other),
    }
}

/// The default message of an error, with the HTTP status appended.
fn with_http_status(e: IdvError, status: u16) -> IdvError {
    let message = format!("{} (HTTP {status})", e.message());
    e.with_status(status).with_message(message)
}

/// Caisson's text for an error: `error_description` (the REST doc) or
/// `error_message` (the sample servers), whichever is present and non-empty,
/// `error_description` first.
fn error_text(map: &Map<String, Value>) -> Option<String> {
    ["error_description", "error_message"]
        .iter()
        .filter_map(|k| map.get(*k).and_then(Value::as_str))
        .find(|s| !s.is_empty())
        .map(str::to_string)
}

fn req_level(o: &Obj<'_>, key: &str) -> Result<Level, IdvError> {
    Level::parse(o.req_str(key)?).ok_or_else(|| o.err(key, "expected one of high, medium, low"))
}

fn req_date_time<'a>(o: &Obj<'a>, key: &str) -> Result<&'a str, IdvError> {
    let s = o.req_str(key)?;
    check_date_time(o, key, s)
}

/// `dob`, `expires_on`: absent, `null`, an ISO date (`1989-06-30`, as the
/// doc says) or an RFC 3339 date-time (midnight UTC, as the API sends).
fn opt_date<'a>(o: &Obj<'a>, key: &str) -> Result<Option<&'a str>, IdvError> {
    match o.opt_str(key)? {
        None => Ok(None),
        Some(s) if crate::time::parse_date_or_date_time_ms(s).is_some() => Ok(Some(s)),
        Some(_) => Err(o.err(key, "is not an ISO date (YYYY-MM-DD) or an RFC 3339 date-time")),
    }
}

fn check_date_time<'a>(o: &Obj<'a>, key: &str, s: &'a str) -> Result<&'a str, IdvError> {
    match parse_rfc3339_ms(s) {
        Some(_) => Ok(s),
        None => Err(o.err(key, "is not an RFC 3339 date-time")),
    }
}

/// One `confidence.reasons[i]`: `{ code: 0..=65535, description: string }`.
fn reason(item: &Obj<'_>) -> Result<Reason, IdvError> {
    let v = item.req("code")?;
    let code = match v.as_i64() {
        Some(n) => u16::try_from(n).ok(),
        None => None,
    };
    let code = match code {
        Some(c) => c,
        None if v.is_number() => return Err(item.err("code", "expected an integer from 0 to 65535")),
        None => return Err(item.err("code", &format!("expected an integer, found {}", json::type_name(v)))),
    };
    let description = item.req_str("description")?.to_string();
    Ok(interpret_reason(code, description))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_text_prefers_description() {
        let m = |s: &str| serde_json::from_str::<Map<String, Value>>(s).unwrap();
        assert_eq!(error_text(&m(r#"{"error_description":"d","error_message":"m"}"#)).as_deref(), Some("d"));
        assert_eq!(error_text(&m(r#"{"error_message":"m"}"#)).as_deref(), Some("m"));
        assert_eq!(error_text(&m(r#"{"error_description":"","error_message":"m"}"#)).as_deref(), Some("m"));
        assert_eq!(error_text(&m(r#"{"error_description":5}"#)), None);
    }
}
