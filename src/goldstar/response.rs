//! Response validation: status, content type and body of the three calls,
//! into a `String` (ping) or one [`VerifyOutcome`] (verify-identity and
//! verify-answers share one implementation).
//!
//! Errors name a response path (`Qualifiers[1].Key`,
//! `Questions[0].Choices[2].Text`) and a rule, never a value from the body.
//! From an error body only the *names* of the fields the server rejected are
//! kept (`IdvError.fields`); its `Message` and the `ModelState` messages,
//! which can echo the submitted values, are dropped.

use serde_json::Value;

use crate::error::{Api, ErrorCode, IdvError};
use crate::http::Headers;
use crate::json::{parse_body, type_name, Obj};

use super::qualifiers::interpret_qualifier;
use super::request::MAX_ID_LEN;
use super::types::{Qualifier, Question, Status, VerifyOutcome};

const API: Api = Api::Goldstar;

/// Longest field name kept from a `ModelState`, and most names kept.
const MAX_FIELD_NAME_LEN: usize = 64;
const MAX_FIELDS: usize = 64;

/// `POST /ops/ping`: the body is a JSON string holding the server time
/// (`"2015-03-20T13:50:10.0370495-05:00"`). Checked as RFC 3339 and
/// returned as sent.
pub fn parse_ping(status: u16, headers: &Headers, body: &[u8]) -> Result<String, IdvError> {
    match checked_body(status, headers, body)? {
        Value::String(s) => {
            // "based on the server time zone" (the doc): with its offset as
            // in the doc's example, or without one, as .NET writes a
            // DateTime of unspecified kind (read as if it had one).
            if crate::time::parse_date_time_ms(&s, true).is_some() {
                Ok(s)
            } else {
                Err(IdvError::invalid_response(API, "", "expected a date-time (the server time)", Some(status)))
            }
        }
        other => Err(IdvError::invalid_response(
            API,
            "",
            &format!("expected a JSON string holding the server time, found {}", type_name(&other)),
            Some(status),
        )),
    }
}

pub fn parse_verify_identity(status: u16, headers: &Headers, body: &[u8]) -> Result<VerifyOutcome, IdvError> {
    parse_outcome(status, headers, body)
}

/// Same envelope as verify-identity; the verdict of an answers call comes
/// from `Summary` (`Key` is `result.questions.N.incorrect`, not `id.success`).
pub fn parse_verify_answers(status: u16, headers: &Headers, body: &[u8]) -> Result<VerifyOutcome, IdvError> {
    parse_outcome(status, headers, body)
}


/// Would the validators go on to the body: 200 or 201, with a JSON content
/// type or none? (The fast path's precondition, `crate::scan`.)
pub fn success_preconditions(status: u16, headers: &Headers) -> bool {
    (status == 200 || status == 201) && headers.get("Content-Type").map_or(true, crate::http::is_json_media_type)
}

/// The JSON body of a success (200 or 201), or the error for anything else.
fn checked_body(status: u16, headers: &Headers, body: &[u8]) -> Result<Value, IdvError> {
    if !(200..=299).contains(&status) {
        return Err(status_error(status, headers, body));
    }
    if status != 200 && status != 201 {
        // A refusal in the body wins here too (a 202 carrying `id.error`
        // is a refusal, as on any status but 401).
        if let Some(refused) = parse_body(API, status, body).ok().and_then(|v| id_error(status, &v)) {
            return Err(refused);
        }
        return Err(IdvError::invalid_response(
            API,
            "",
            &format!("HTTP {status} carries no usable result: 200 or 201 with a JSON body was expected"),
            Some(status),
        ));
    }
    if let Some(ct) = headers.get("Content-Type") {
        if !crate::http::is_json_media_type(ct) {
            return Err(IdvError::invalid_response(API, "", "Content-Type is not JSON", Some(status)));
        }
    }
    parse_body(API, status, body)
}

/// The error for a non-2xx status: the code from the status (405 and 409
/// fall in "other 4xx", `BAD_REQUEST`), the rejected field names from an
/// ASP.NET error body, and a delta-seconds `Retry-After` (an HTTP-date one
/// needs a clock: the transport reads it). A body whose `Key` is `id.error`
/// is `BAD_REQUEST` whatever the status but 401 (API.md names no status for
/// it, and a documented code in the body wins over the status, as for
/// Caisson: a 500 carrying it is a refusal, not a fault to retry).
fn status_error(status: u16, headers: &Headers, body: &[u8]) -> IdvError {
    let mut e = IdvError::from_status(API, status);
    // Any body is read (an HTML page, any content type) for a refusal and
    // the rejected field names only, as Caisson's error path reads it.
    if let Ok(v) = parse_body(API, status, body) {
        if status != 401 {
            if let Some(refused) = id_error(status, &v) {
                return refused;
            }
        }
        e.fields = rejected_fields(&v);
    }
    e.retry_after_ms = crate::retry::retry_after_seconds(headers);
    e
}

/// The CrowdPay wrapper's own refusal ("No first name submitted"), when
/// `v`'s `Key` is `id.error`: `BAD_REQUEST` without any of the body's text.
fn id_error(status: u16, v: &Value) -> Option<IdvError> {
    let Some(Value::String(k)) = v.as_object()?.get("Key") else {
        return None;
    };
    if !is_error_key(k) {
        return None;
    }
    let mut e = IdvError::new(API, ErrorCode::BadRequest)
        .with_status(status)
        .with_message(format!("the server refused the request (Key id.error, HTTP {status})"));
    e.fields = rejected_fields(v);
    Some(e)
}

/// Field names from an ASP.NET `ModelState` (Web API) or `errors` (ASP.NET
/// Core problem details) object: for each key its path below the action's
/// parameter (`person.firstname` -> `firstname`, `request.answers[0].text`
/// -> `answers[0].text`; a key without a dot, or whose first segment is
/// indexed (`answers[0].text`), as it is), kept only when it is a property
/// path ([`is_field_name`]); sorted, deduplicated. Never the messages.
fn rejected_fields(v: &Value) -> Vec<String> {
    let Value::Object(root) = v else {
        return Vec::new();
    };
    // The MAX_FIELDS smallest names, sorted, each once: kept sorted while
    // collected (binary search and insert into a vector of at most
    // MAX_FIELDS), which is linear in the keys and keeps a sort out of the wasm.
    let mut out: Vec<String> = Vec::new();
    for (k, v) in root {
        let Some(m) = v.as_object().filter(|_| k.eq_ignore_ascii_case("ModelState") || k.eq_ignore_ascii_case("errors")) else {
            continue;
        };
        for key in m.keys() {
            // The parameter's name is a bare name: `answers[0].text` has none.
            let name = match key.split_once('.') {
                Some((param, below)) if !param.bytes().any(|b| b == b'[') => below,
                _ => key.as_str(),
            };
            if !is_field_name(name) {
                continue;
            }
            if let Err(at) = out.binary_search_by(|have| have.as_str().cmp(name)) {
                if at < MAX_FIELDS {
                    out.insert(at, name.to_string());
                    out.truncate(MAX_FIELDS);
                }
            }
        }
    }
    out
}

/// At most 64 bytes of dotted segments, each a property name as C# spells
/// one (a letter or `_`, then letters, digits, `_`) with any number of
/// indices of 1 to 3 digits: `answers[0].text`. So a key that holds a value
/// instead of a path (`123456789`, `taxpayerID[123456789]`) is left out.
fn is_field_name(n: &str) -> bool {
    n.len() <= MAX_FIELD_NAME_LEN && n.split('.').all(is_property_path_segment)
}

fn is_property_path_segment(s: &str) -> bool {
    let mut b = s.bytes().peekable();
    if !b.next().is_some_and(|c| c.is_ascii_alphabetic() || c == b'_') {
        return false;
    }
    while b.next_if(|c| c.is_ascii_alphanumeric() || *c == b'_').is_some() {}
    while let Some(open) = b.next() {
        let mut digits = 0;
        while b.next_if(u8::is_ascii_digit).is_some() {
            digits += 1;
        }
        if open != b'[' || !(1..=3).contains(&digits) || b.next() != Some(b']') {
            return false;
        }
    }
    true
}

/// API.md's status rule, one half: `Message` or `Summary` *equals* "pass",
/// ignoring case. Nothing is trimmed: `" pass "` is not what the API sends,
/// and reading it as a pass would fail open.
pub(crate) fn is_pass(s: &str) -> bool {
    s.eq_ignore_ascii_case("pass")
}

/// The other half: `Key` is `id.success`, exactly. API.md's "ignoring case"
/// is said of "pass", and the field notes saw case vary in `Message` only:
/// a `Key` in another case is not what the API sends, and reading it as a
/// pass would fail open (a real pass carries "Pass" in `Message` as well).
pub(crate) fn is_success_key(key: &str) -> bool {
    key == "id.success"
}

/// `Key` is `id.error` (ASCII case and JSON white space around it ignored):
/// the request was refused, whatever else the body holds.
pub(crate) fn is_error_key(key: &str) -> bool {
    crate::checks::trim_ws(key).eq_ignore_ascii_case("id.error")
}

fn parse_outcome(status: u16, headers: &Headers, body: &[u8]) -> Result<VerifyOutcome, IdvError> {
    let v = checked_body(status, headers, body)?;
    let root = Obj::root(API, status, &v)?;

    if let Some(e) = id_error(status, &v) {
        return Err(e);
    }

    let key = root.req_nonempty_str("Key")?;
    let message = root.req_str("Message")?;
    let summary = root.opt_str("Summary")?;
    let id = read_id(&root)?;
    let qualifiers = read_qualifiers(&root)?;
    let questions = read_questions(&root)?;

    let status_ = if is_success_key(key) || is_pass(message) || summary.is_some_and(is_pass) {
        Status::Passed
    } else if !questions.is_empty() {
        Status::Questions
    } else {
        Status::Failed
    };
    Ok(VerifyOutcome {
        status: status_,
        id,
        key: key.to_string(),
        message: message.to_string(),
        summary: summary.map(str::to_string),
        qualifiers,
        questions,
    })
}

/// `Id` as a string [`super::is_transaction_id`] takes, or as a JSON number that
/// is a non-negative integer (digits only, every one kept).
fn read_id(root: &Obj<'_>) -> Result<String, IdvError> {
    match root.req("Id")? {
        Value::String(s) => {
            if super::is_transaction_id(s.as_bytes()) {
                Ok(s.clone())
            } else {
                Err(root.err("Id", "must be 1 to 64 of A-Z a-z 0-9 - _"))
            }
        }
        Value::Number(n) => {
            // With `arbitrary_precision`, the number's text as received.
            let s = n.to_string();
            if (1..=MAX_ID_LEN).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
                Ok(s)
            } else {
                Err(root.err("Id", "must be a non-negative whole number of at most 64 digits (no sign, fraction or exponent)"))
            }
        }
        other => Err(root.err("Id", &format!("expected a string or a number, found {}", type_name(other)))),
    }
}

/// `Qualifiers`: an array of `{Key, Message}`, or one such object (the
/// vocabulary notes: a single qualifier can arrive unwrapped).
fn read_qualifiers(root: &Obj<'_>) -> Result<Vec<Qualifier>, IdvError> {
    let items: Vec<Obj<'_>> = match root.get("Qualifiers") {
        None => Vec::new(),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| root.item("Qualifiers", i, v))
            .collect::<Result<_, _>>()?,
        Some(v @ Value::Object(_)) => vec![Obj::at(API, root.status, "Qualifiers".to_string(), v)?],
        Some(other) => {
            return Err(root.err("Qualifiers", &format!("expected an array or an object, found {}", type_name(other))))
        }
    };
    items
        .iter()
        .map(|q| {
            let key = q.req_nonempty_str("Key")?;
            let message = q.opt_str("Message")?.unwrap_or("");
            Ok(interpret_qualifier(key.to_string(), message.to_string()))
        })
        .collect()
}

/// `Questions`: an array of `{Prompt, Type, Choices: [{Text}]}`.
fn read_questions(root: &Obj<'_>) -> Result<Vec<Question>, IdvError> {
    let arr = root.opt_array("Questions")?;
    let mut out = Vec::with_capacity(arr.len());
    for (i, v) in arr.iter().enumerate() {
        let q = root.item("Questions", i, v)?;
        let prompt = q.req_str("Prompt")?;
        let kind = q.req_nonempty_str("Type")?;
        let choices = q.req_array("Choices")?;
        if choices.is_empty() {
            return Err(q.err("Choices", "must hold at least one choice"));
        }
        let choices = choices
            .iter()
            .enumerate()
            .map(|(j, c)| q.item("Choices", j, c)?.req_nonempty_str("Text").map(str::to_string))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(Question { prompt: prompt.to_string(), kind: kind.to_string(), choices });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        let v: Value = serde_json::from_str(
            r#"{"Message":"x","ModelState":{"person.firstname":["a"],"person.zip":["b"],"model.answers[0]":["c"],
                "":["d"],"person.bad name":["e"],"firstname":["f"],"request.answers[1].text":["g"],
                "person..x":["h"],"person.y.":["i"],"person.":["j"],"answers[2].text":["k"]}}"#,
        )
        .unwrap();
        assert_eq!(rejected_fields(&v), ["answers[0]", "answers[1].text", "answers[2].text", "firstname", "zip"]);
        assert!(rejected_fields(&Value::from("x")).is_empty());
        let v: Value = serde_json::from_str(r#"{"errors":{"LastName":["required"]}}"#).unwrap();
        assert_eq!(rejected_fields(&v), ["LastName"]);
    }

    #[test]
    fn bom_is_ignored() {
        let body = b"\xEF\xBB\xBF\"2015-03-20T13:50:10.0370495-05:00\"";
        assert!(parse_ping(200, &Headers::new(), body).is_ok());
    }
}
