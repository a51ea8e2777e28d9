//! The simulated Goldstar Trust Identification API (an ASP.NET Web API):
//! `ops/ping`, `ops/verify-identity` and `ops/verify-answers`. Outcomes are
//! chosen by documented test SSNs ([`TEST_SSNS`]).

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use serde::ser::{Serialize, Serializer};
use serde::Serialize as DeriveSerialize;
use serde_json::{Map, Value};

use super::rng::Rng;
use super::{body_of, json_response, method_not_allowed, trim_slash};
use crate::goldstar::USPS_STATE_CODES;
use crate::http::{HttpRequest, HttpResponse, Method};

/// A soft-fail session can be answered for this long after verify-identity
/// (inclusive); afterwards its `Id` is unknown (404).
pub const SOFT_FAIL_TTL_MS: i64 = 30 * 60 * 1000;
/// At most this many open sessions; past it the oldest is dropped.
const MAX_SESSIONS: usize = 100_000;
/// The .NET server's offset for `ping` (US Central standard time, like the doc).
const PING_OFFSET_MINUTES: i16 = -300;
const SEED: u64 = 0x676F_6C64_7374_6172; // "goldstar"
const MAX_TEXT_LEN: usize = 100;
const MAX_ANSWERS: usize = 20;

/// One documented test SSN and what verify-identity answers for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TestSsn {
    /// As written in the docs (`555-01-0001`); the 9 digits work as well.
    pub ssn: &'static str,
    /// HTTP status.
    pub status: u16,
    /// `Key` (empty for the 500).
    pub key: &'static str,
    pub message: &'static str,
    /// `Qualifiers[].Key` and `.Message`.
    pub qualifiers: &'static [(&'static str, &'static str)],
    /// The question set of a soft fail (`"A"` or `"B"`, see [`QUIZ_QUESTIONS`]).
    pub quiz: Option<&'static str>,
    /// `Id` is sent as a JSON number of 20 digits (past 2^53 and u64).
    pub numeric_id: bool,
}

const fn outcome(
    ssn: &'static str,
    key: &'static str,
    message: &'static str,
    qualifiers: &'static [(&'static str, &'static str)],
) -> TestSsn {
    TestSsn { ssn, status: 200, key, message, qualifiers, quiz: None, numeric_id: false }
}

const YOB: (&str, &str) = ("resultcode.yob.does.not.match", "YOB Does Not Match");
const ADDRESS: (&str, &str) = ("resultcode.address.does.not.match", "Address Does Not Match");

/// Every test SSN. Any other valid SSN passes like `555-01-0001`.
pub const TEST_SSNS: &[TestSsn] = &[
    outcome("555-01-0001", "id.success", "Pass", &[]),
    outcome(
        "555-01-0002",
        "id.success",
        "PASS",
        &[ADDRESS, ("resultcode.street.number.does.not.match", "Street Number Does Not Match")],
    ),
    TestSsn { numeric_id: true, ..outcome("555-01-0003", "id.success", "Pass", &[]) },
    outcome("555-01-0101", "id.failure", "FAIL", &[("resultcode.ssn.does.not.match", "SSN Does Not Match")]),
    outcome("555-01-0102", "id.failure", "FAIL", &[("resultcode.subject.deceased", "Subject is Deceased")]),
    outcome("555-01-0103", "id.failure", "FAIL", &[("resultcode.ssn.issued.prior.to.dob", "SSN Issued Prior to DOB")]),
    outcome(
        "555-01-0104",
        "id.failure",
        "FAIL",
        &[("resultcode.coppa.alert", "COPPA Alert"), ("result.match.restricted", "result.match.restricted")],
    ),
    outcome("555-01-0105", "id.failure", "FAIL", &[("resultcode.multiple.records.found", "Multiple Records Found")]),
    outcome("555-01-0106", "id.failure", "FAIL", &[("result.no.match", "ID Not Located")]),
    TestSsn { quiz: Some("A"), ..outcome("555-01-0201", "id.failure", "FAIL", &[YOB]) },
    TestSsn { quiz: Some("B"), ..outcome("555-01-0202", "id.failure", "FAIL", &[ADDRESS]) },
    TestSsn { quiz: Some("A"), numeric_id: true, ..outcome("555-01-0203", "id.failure", "FAIL", &[YOB]) },
    outcome("555-01-0901", "id.error", "Unable to process the request at this time.", &[]),
    TestSsn { status: 500, ..outcome("555-01-0902", "", "An error has occurred.", &[]) },
];

/// One knowledge-based question of a soft fail. `{address}` in the prompt is
/// the submitted street address, upper-cased.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuizQuestion {
    pub quiz: &'static str,
    pub prompt: &'static str,
    /// `Type`.
    pub kind: &'static str,
    /// `Choices[].Text`: five, the last two "None of the above" and "Skip Question".
    pub choices: [&'static str; 5],
    /// The correct choice.
    pub correct: &'static str,
}

const NONE: &str = "None of the above";
const SKIP: &str = "Skip Question";

/// Both question sets, in the order they are sent.
pub const QUIZ_QUESTIONS: &[QuizQuestion] = &[
    QuizQuestion {
        quiz: "A",
        prompt: "What type of residence is {address}?",
        kind: "residence.type",
        choices: ["Single Family Residence", "Townhome", "Apartment", NONE, SKIP],
        correct: "Single Family Residence",
    },
    QuizQuestion {
        quiz: "A",
        prompt: "Which person is not a relative or someone that you know?",
        kind: "person.not.known",
        choices: ["MARGARET OKAFOR", "LUIS PEREIRA", "DANIEL WEST", NONE, SKIP],
        correct: "LUIS PEREIRA",
    },
    QuizQuestion {
        quiz: "A",
        prompt: "In which city is MAPLE GROVE ROAD?",
        kind: "city.of.residence",
        choices: ["PAULDING", "THORNTON", "ATLANTA", NONE, SKIP],
        correct: "THORNTON",
    },
    QuizQuestion {
        quiz: "A",
        prompt: "Between 1999 and 2001, in which State did you live?",
        kind: "prior.residence.state.multiyear",
        choices: ["WASHINGTON", "KENTUCKY", "NEW YORK", NONE, SKIP],
        correct: "KENTUCKY",
    },
    QuizQuestion {
        quiz: "B",
        prompt: "How long have you been associated with the property at {address}?",
        kind: "time.at.current.address",
        choices: ["Less than 2 years", "2 - 3 years", "Over 5 years", NONE, SKIP],
        correct: "Over 5 years",
    },
    QuizQuestion {
        quiz: "B",
        prompt: "Which of the following counties have you lived in?",
        kind: "current.county.b",
        choices: ["FULTON", "COBB", "DEKALB", NONE, SKIP],
        correct: "COBB",
    },
    QuizQuestion {
        quiz: "B",
        prompt: "From whom did you purchase the property at {address}?",
        kind: "purchased.property.from",
        choices: ["JOE ANDERSON", "MARIA GARCIA", "ROBERT CHEN", NONE, SKIP],
        correct: "JOE ANDERSON",
    },
    QuizQuestion {
        quiz: "B",
        prompt: "Which of these addresses have you lived at?",
        kind: "previous.address",
        choices: ["118 ELM ST", "4021 RIVER RD", "77 HARBOR WAY", NONE, SKIP],
        correct: NONE,
    },
];

fn quiz(name: &str) -> impl Iterator<Item = &'static QuizQuestion> + '_ {
    QUIZ_QUESTIONS.iter().filter(move |q| q.quiz == name)
}

/// `Message` for N wrong answers.
fn answers_message(wrong: usize) -> &'static str {
    match wrong {
        0 => "All Answers Correct",
        1 => "One Incorrect Answer",
        2 => "Two Incorrect Answers",
        3 => "Three Incorrect Answers",
        _ => "Four Incorrect Answers",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Op {
    Ping,
    VerifyIdentity,
    VerifyAnswers,
}

pub(super) enum Routed {
    Op(Op),
    /// Under `/identification/api/`, but no such operation.
    UnknownOp,
    No,
}

/// `.../identification/api/v{digits}/ops/{op}`, case-insensitive like
/// ASP.NET routing.
pub(super) fn route(path: &str) -> Routed {
    let path = trim_slash(path);
    let mut segs = path.rsplit('/');
    let (op, ops, version, api, ident) = (segs.next(), segs.next(), segs.next(), segs.next(), segs.next());
    let is = |s: Option<&str>, want: &str| s.is_some_and(|s| s.eq_ignore_ascii_case(want));
    let version_ok = version.is_some_and(|v| {
        v.len() > 1
            && v.len() <= 33
            && (v.starts_with('v') || v.starts_with('V'))
            && v.bytes().skip(1).all(|b| b.is_ascii_digit())
    });
    if is(ident, "identification") && is(api, "api") && version_ok && is(ops, "ops") {
        let op = op.unwrap_or("");
        for (name, o) in
            [("ping", Op::Ping), ("verify-identity", Op::VerifyIdentity), ("verify-answers", Op::VerifyAnswers)]
        {
            if op.eq_ignore_ascii_case(name) {
                return Routed::Op(o);
            }
        }
    }
    if path.to_ascii_lowercase().contains("/identification/api") {
        Routed::UnknownOp
    } else {
        Routed::No
    }
}

fn message(status: u16, text: &str) -> HttpResponse {
    json_response(status, &serde_json::json!({ "Message": text }))
}

/// 405 in ASP.NET's words, with `Allow: POST`. The method is named as
/// ASP.NET does when it is a plain token (a method is never personal data);
/// anything else is not repeated.
pub(super) fn wrong_method(method: &str) -> HttpResponse {
    let token = !method.is_empty() && method.len() <= 16 && method.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-');
    let text = if token {
        format!("The requested resource does not support http method '{}'.", method.to_ascii_uppercase())
    } else {
        "The requested resource does not support this http method.".to_string()
    };
    method_not_allowed(message(405, &text), Method::Post)
}

pub(super) fn not_found() -> HttpResponse {
    message(404, "No HTTP resource was found that matches the request URI.")
}

/// A body that is not a JSON object: as ASP.NET answers when the parameter
/// cannot be read, the `ModelState` under the parameter's name (`person` or
/// `request`, the prefixes of the 422 keys).
fn invalid_request(op: Op) -> HttpResponse {
    let param = if op == Op::VerifyIdentity { "person" } else { "request" };
    let mut ms = ModelState::default();
    ms.add(param, format!("The {param} must be a JSON object."));
    model_state_response(400, &ms)
}

fn server_error() -> HttpResponse {
    message(500, "An error has occurred.")
}

/// An ASP.NET `ModelState`: field path -> messages, in insertion order.
#[derive(Default)]
struct ModelState(Vec<(String, Vec<String>)>);

impl ModelState {
    fn add(&mut self, key: &str, msg: String) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => v.push(msg),
            None => self.0.push((key.to_string(), vec![msg])),
        }
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for ModelState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

fn unprocessable(state: &ModelState) -> HttpResponse {
    model_state_response(422, state)
}

fn model_state_response(status: u16, state: &ModelState) -> HttpResponse {
    #[derive(DeriveSerialize)]
    struct Body<'a> {
        #[serde(rename = "Message")]
        message: &'a str,
        #[serde(rename = "ModelState")]
        model_state: &'a ModelState,
    }
    json_response(status, &Body { message: "The request is invalid.", model_state: state })
}

#[derive(DeriveSerialize)]
struct WireQualifier {
    #[serde(rename = "Key")]
    key: &'static str,
    #[serde(rename = "Message")]
    message: &'static str,
}

#[derive(DeriveSerialize)]
struct WireChoice {
    #[serde(rename = "Text")]
    text: &'static str,
}

#[derive(DeriveSerialize)]
struct WireQuestion {
    #[serde(rename = "Prompt")]
    prompt: String,
    #[serde(rename = "Type")]
    kind: &'static str,
    #[serde(rename = "Choices")]
    choices: Vec<WireChoice>,
}

#[derive(DeriveSerialize)]
struct Envelope {
    #[serde(rename = "Id")]
    id: Value,
    #[serde(rename = "Key")]
    key: String,
    #[serde(rename = "Message")]
    message: &'static str,
    #[serde(rename = "Summary", skip_serializing_if = "Option::is_none")]
    summary: Option<&'static str>,
    #[serde(rename = "Qualifiers")]
    qualifiers: Vec<WireQualifier>,
    #[serde(rename = "Questions", skip_serializing_if = "Option::is_none")]
    questions: Option<Vec<WireQuestion>>,
}

/// A digit string as a JSON string, or as a JSON number with every digit kept.
fn id_value(id: &str, numeric: bool) -> Value {
    if numeric {
        if let Ok(n) = serde_json::Number::from_str(id) {
            return Value::Number(n);
        }
    }
    Value::String(id.to_string())
}

struct Session {
    created_ms: i64,
    quiz: &'static str,
    answered: bool,
}

fn session_deadline(s: &Session) -> i64 {
    s.created_ms.saturating_add(SOFT_FAIL_TTL_MS)
}

/// [`super::is_valid_now`]'s Goldstar half: `ping` can tell the time.
pub(super) fn can_write_ping_time(now_ms: i64) -> bool {
    crate::time::format_dotnet(now_ms, PING_OFFSET_MINUTES).is_some()
}

pub(super) struct State {
    rng: Rng,
    sessions: BTreeMap<String, Session>,
    /// (deadline, issue order, Id): the oldest first, also among sessions
    /// issued at one instant (a frozen clock), where the Id would decide.
    queue: BTreeSet<(i64, u64, String)>,
    issued: u64,
    /// [`MAX_SESSIONS`]; smaller in this module's tests.
    cap: usize,
}

impl State {
    pub(super) fn new() -> State {
        State { rng: Rng::new(SEED), sessions: BTreeMap::new(), queue: BTreeSet::new(), issued: 0, cap: MAX_SESSIONS }
    }

    pub(super) fn live_entries(&self) -> usize {
        self.sessions.len()
    }

    pub(super) fn purge(&mut self, now_ms: i64) {
        while let Some(first) = self.queue.first() {
            if first.0 >= now_ms {
                break;
            }
            self.pop_oldest();
        }
    }

    fn pop_oldest(&mut self) {
        if let Some((deadline, _, id)) = self.queue.pop_first() {
            if self.sessions.get(&id).is_some_and(|s| session_deadline(s) == deadline) {
                self.sessions.remove(&id);
            }
        }
    }

    pub(super) fn handle(&mut self, op: Op, request: &HttpRequest, key: Option<&str>, now_ms: i64) -> HttpResponse {
        if request.method != Method::Post {
            return wrong_method(request.method.as_str());
        }
        let authorized = match (request.headers.get("X-ApiKey").map(str::trim), key) {
            // An empty key configured matches nothing, as for Caisson.
            (Some(sent), Some(k)) => !sent.is_empty() && sent == k,
            (Some(sent), None) => !sent.is_empty(),
            (None, _) => false,
        };
        if !authorized {
            return message(401, "Authorization has been denied for this request.");
        }
        if op == Op::Ping {
            // Ping reads no body, but the size rule holds for every call.
            if body_of(request).is_err() {
                return message(413, "The request is too large.");
            }
            return match crate::time::format_dotnet(now_ms, PING_OFFSET_MINUTES) {
                Some(t) => json_response(200, &t),
                None => server_error(),
            };
        }
        let Ok(body) = body_of(request) else {
            return message(413, "The request is too large.");
        };
        let Ok(Value::Object(map)) = crate::json_parse::parse_value(body) else {
            return invalid_request(op);
        };
        match op {
            Op::VerifyIdentity => self.verify_identity(&map, now_ms),
            _ => self.verify_answers(&map, now_ms),
        }
    }

    fn new_id(&mut self, numeric: bool) -> String {
        loop {
            let id = if numeric { format!("9007199254{}", self.rng.decimal(10)) } else { self.rng.decimal(10) };
            if !self.sessions.contains_key(&id) {
                return id;
            }
        }
    }

    fn verify_identity(&mut self, map: &Map<String, Value>, now_ms: i64) -> HttpResponse {
        let person = match read_person(map, now_ms) {
            Ok(p) => p,
            Err(state) => return unprocessable(&state),
        };
        let found = TEST_SSNS.iter().find(|t| t.ssn.replace('-', "") == person.ssn);
        let Some(t) = found.or(TEST_SSNS.first()).copied() else {
            return server_error();
        };
        if t.status == 500 {
            return server_error();
        }
        let id = self.new_id(t.numeric_id);
        let questions = t.quiz.map(|name| {
            let addr = person.address.trim().to_uppercase();
            quiz(name)
                .map(|q| WireQuestion {
                    prompt: q.prompt.replace("{address}", &addr),
                    kind: q.kind,
                    choices: q.choices.iter().map(|&text| WireChoice { text }).collect(),
                })
                .collect()
        });
        if let Some(name) = t.quiz {
            while self.sessions.len() >= self.cap && !self.queue.is_empty() {
                self.pop_oldest();
            }
            let session = Session { created_ms: now_ms, quiz: name, answered: false };
            self.issued += 1;
            self.queue.insert((session_deadline(&session), self.issued, id.clone()));
            self.sessions.insert(id.clone(), session);
        }
        json_response(
            t.status,
            &Envelope {
                id: id_value(&id, t.numeric_id),
                key: t.key.to_string(),
                message: t.message,
                summary: None,
                qualifiers: t.qualifiers.iter().map(|&(key, message)| WireQualifier { key, message }).collect(),
                questions,
            },
        )
    }

    fn verify_answers(&mut self, map: &Map<String, Value>, now_ms: i64) -> HttpResponse {
        let (id, answers) = match read_answers(map) {
            Ok(x) => x,
            Err(state) => return unprocessable(&state),
        };
        let Some(session) = self.sessions.get_mut(&id) else {
            return message(404, "No verification was found for this id.");
        };
        if now_ms > session_deadline(session) {
            return message(404, "No verification was found for this id.");
        }
        if session.answered {
            return message(409, "The questions for this id have already been answered.");
        }
        session.answered = true;
        let wrong = quiz(session.quiz)
            .filter(|q| {
                let given = answers.iter().find(|(kind, _)| kind.eq_ignore_ascii_case(q.kind));
                !given.is_some_and(|(_, text)| text.trim().eq_ignore_ascii_case(q.correct))
            })
            .count();
        let new_id = self.new_id(false);
        json_response(
            200,
            &Envelope {
                id: Value::String(new_id),
                key: format!("result.questions.{wrong}.incorrect"),
                message: answers_message(wrong),
                summary: Some(if wrong <= 1 { "pass" } else { "fail" }),
                qualifiers: Vec::new(),
                questions: None,
            },
        )
    }
}

/// A property, matched ignoring case like ASP.NET's JSON binding; `null` is absent.
fn field<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v).filter(|v| !v.is_null())
}

enum Bad {
    Missing,
    Invalid,
}

/// A string property; numbers are converted (as Json.NET does).
fn text(map: &Map<String, Value>, name: &str) -> Result<String, Bad> {
    match field(map, name) {
        None => Err(Bad::Missing),
        Some(Value::String(s)) if s.trim().is_empty() => Err(Bad::Missing),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        Some(_) => Err(Bad::Invalid),
    }
}

/// An integer property: a JSON integer (or a whole float) or a digit string.
fn integer(map: &Map<String, Value>, name: &str) -> Result<i64, Bad> {
    match field(map, name) {
        None => Err(Bad::Missing),
        Some(Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Ok(i),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(f as i64),
            _ => Err(Bad::Invalid),
        },
        Some(Value::String(s)) => {
            let s = s.trim();
            if s.is_empty() {
                Err(Bad::Missing)
            } else if s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| Bad::Invalid)
            } else {
                Err(Bad::Invalid)
            }
        }
        Some(_) => Err(Bad::Invalid),
    }
}

/// `123-45-6789` or `123456789` with a valid area, group and serial: the 9 digits.
fn normalize_ssn(s: &str) -> Option<String> {
    let s = s.trim();
    let digits: String = match s.len() {
        9 => s.to_string(),
        11 if s.as_bytes().get(3) == Some(&b'-') && s.as_bytes().get(6) == Some(&b'-') => s.replace('-', ""),
        _ => return None,
    };
    if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (area, group, serial) = (digits.get(0..3)?, digits.get(3..5)?, digits.get(5..9)?);
    if area == "000" || area == "666" || area.starts_with('9') || group == "00" || serial == "0000" {
        return None;
    }
    Some(digits)
}

fn is_zip(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
    match b.len() {
        5 | 9 => digits(b),
        10 => b.get(5) == Some(&b'-') && digits(b.get(..5).unwrap_or(&[])) && digits(b.get(6..).unwrap_or(&[])),
        _ => false,
    }
}

struct PersonIn {
    address: String,
    ssn: String,
}

/// Reads and checks the person; the `ModelState` of every problem otherwise.
/// Messages name fields and rules, never the submitted values.
fn read_person(map: &Map<String, Value>, now_ms: i64) -> Result<PersonIn, ModelState> {
    let mut ms = ModelState::default();
    let mut texts: Vec<Option<String>> = Vec::new();
    for name in ["firstname", "lastname", "address", "city", "state", "zip", "taxpayerID"] {
        let key = format!("person.{name}");
        let value = match text(map, name) {
            Ok(v) => v,
            Err(Bad::Missing) => {
                ms.add(&key, format!("The {name} field is required."));
                texts.push(None);
                continue;
            }
            Err(Bad::Invalid) => {
                ms.add(&key, format!("The {name} field must be a string."));
                texts.push(None);
                continue;
            }
        };
        let problem = match name {
            _ if value.chars().count() > MAX_TEXT_LEN => {
                Some(format!("The field {name} must be a string with a maximum length of {MAX_TEXT_LEN}."))
            }
            _ if crate::checks::has_control(&value) => Some(format!("The field {name} contains invalid characters.")),
            "state" if !USPS_STATE_CODES.contains(&value.trim().to_ascii_uppercase().as_str()) => {
                Some("The field state must be a valid USPS state code.".to_string())
            }
            "zip" if !is_zip(value.trim()) => Some("The field zip must be a 5-digit ZIP code or a ZIP+4.".to_string()),
            "taxpayerID" if normalize_ssn(&value).is_none() => {
                Some("The field taxpayerID must be a valid social security number.".to_string())
            }
            _ => None,
        };
        match problem {
            Some(p) => {
                ms.add(&key, p);
                texts.push(None);
            }
            None => texts.push(Some(value)),
        }
    }
    let mut date = [None; 3];
    for (i, name) in ["birthMonth", "birthDay", "birthYear"].into_iter().enumerate() {
        let key = format!("person.{name}");
        match integer(map, name) {
            Ok(v) => date[i] = Some(v),
            Err(Bad::Missing) => ms.add(&key, format!("The {name} field is required.")),
            Err(Bad::Invalid) => ms.add(&key, format!("The {name} field must be a whole number.")),
        }
    }
    if let [Some(m), Some(d), Some(y)] = date {
        let today = crate::time::utc_date(now_ms);
        let max_year = today.map_or(9999, |t| t.0);
        if !(1..=12).contains(&m) {
            ms.add("person.birthMonth", "The field birthMonth must be between 1 and 12.".to_string());
        } else if !(1900..=i64::from(max_year)).contains(&y) {
            ms.add("person.birthYear", "The field birthYear must be between 1900 and the current year.".to_string());
        } else {
            let (y, m, d8) = (y as i32, m as u8, u8::try_from(d).unwrap_or(0));
            if !crate::time::is_calendar_date(y, m, d8) {
                ms.add("person.birthDay", "The field birthDay must be a valid day of the birth month.".to_string());
            } else if today.is_some_and(|t| (y, m, d8) > t) {
                ms.add("person.birthDay", "The birth date must not be in the future.".to_string());
            }
        }
    }
    if !ms.is_empty() {
        return Err(ms);
    }
    let address = texts.get(2).cloned().flatten().unwrap_or_default();
    let ssn = texts.get(6).cloned().flatten().and_then(|s| normalize_ssn(&s)).unwrap_or_default();
    Ok(PersonIn { address, ssn })
}

/// Reads `{id, answers:[{type,text}]}`: the id's digits and the (type, text) pairs.
#[allow(clippy::type_complexity)]
fn read_answers(map: &Map<String, Value>) -> Result<(String, Vec<(String, String)>), ModelState> {
    let mut ms = ModelState::default();
    let id = match field(map, "id") {
        None => {
            ms.add("request.id", "The id field is required.".to_string());
            None
        }
        Some(Value::String(s)) if s.trim().is_empty() => {
            ms.add("request.id", "The id field is required.".to_string());
            None
        }
        Some(v @ (Value::String(_) | Value::Number(_))) => {
            let digits = match v {
                Value::String(s) => s.trim().to_string(),
                other => other.to_string(),
            };
            if digits.len() <= 40 && digits.bytes().all(|b| b.is_ascii_digit()) {
                Some(digits)
            } else {
                ms.add("request.id", "The field id must be a whole number.".to_string());
                None
            }
        }
        Some(_) => {
            ms.add("request.id", "The field id must be a whole number.".to_string());
            None
        }
    };
    let mut answers = Vec::new();
    match field(map, "answers") {
        None => ms.add("request.answers", "The answers field is required.".to_string()),
        Some(Value::Array(items)) if items.is_empty() => {
            ms.add("request.answers", "The answers field must contain at least one answer.".to_string())
        }
        Some(Value::Array(items)) if items.len() > MAX_ANSWERS => {
            ms.add("request.answers", format!("The answers field must contain at most {MAX_ANSWERS} answers."))
        }
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let Value::Object(obj) = item else {
                    ms.add(&format!("request.answers[{i}]"), "The answer must be an object.".to_string());
                    continue;
                };
                let mut pair = [None, None];
                for (j, name) in ["type", "text"].into_iter().enumerate() {
                    let key = format!("request.answers[{i}].{name}");
                    match text(obj, name) {
                        Ok(v) if v.chars().count() > MAX_TEXT_LEN => ms.add(
                            &key,
                            format!("The field {name} must be a string with a maximum length of {MAX_TEXT_LEN}."),
                        ),
                        Ok(v) => pair[j] = Some(v),
                        Err(Bad::Missing) => ms.add(&key, format!("The {name} field is required.")),
                        Err(Bad::Invalid) => ms.add(&key, format!("The {name} field must be a string.")),
                    }
                }
                if let [Some(kind), Some(text)] = pair {
                    answers.push((kind, text));
                }
            }
        }
        Some(_) => ms.add("request.answers", "The answers field must be a list of answers.".to_string()),
    }
    match id {
        Some(id) if ms.is_empty() => Ok((id, answers)),
        _ => Err(ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_cap_the_oldest_session_goes_first_on_a_frozen_clock() {
        // Sessions issued at one instant (the usual test clock) share a
        // deadline; the first issued is dropped, not the one whose Id sorts first.
        let mut st = State { cap: 20, ..State::new() };
        let mut headers = crate::http::Headers::new();
        headers.set("X-ApiKey", "k");
        let person = br#"{"firstname":"A","lastname":"B","address":"1 Elm St","city":"C","state":"NY","zip":"10001","taxpayerID":"555-01-0201","birthMonth":1,"birthDay":2,"birthYear":1980}"#;
        let send = |st: &mut State, op, body: Vec<u8>| {
            let r = HttpRequest { method: Method::Post, url: String::new(), headers: headers.clone(), body: Some(body) };
            st.handle(op, &r, Some("k"), 1_700_000_000_000)
        };
        let mut ids = Vec::new();
        for _ in 0..21 {
            let r = send(&mut st, Op::VerifyIdentity, person.to_vec());
            let Ok(Value::Object(m)) = crate::json_parse::parse_value(&r.body) else { panic!("{}", r.status) };
            ids.push(m.get("Id").and_then(Value::as_str).unwrap_or_default().to_string());
        }
        assert_eq!(st.live_entries(), 20);
        let answers: Vec<String> =
            quiz("A").map(|q| format!(r#"{{"type":"{}","text":"{}"}}"#, q.kind, q.correct)).collect();
        let answer = |st: &mut State, id: &str| {
            send(st, Op::VerifyAnswers, format!(r#"{{"id":"{id}","answers":[{}]}}"#, answers.join(",")).into_bytes()).status
        };
        let smallest = ids.iter().skip(1).min().cloned().unwrap_or_default();
        assert_ne!(ids[0], smallest);
        assert_eq!(answer(&mut st, &ids[0]), 404, "the oldest is dropped");
        assert_eq!(answer(&mut st, &ids[1]), 200);
        assert_eq!(answer(&mut st, &smallest), 200, "not the smallest Id");
    }

    #[test]
    fn routes() {
        assert!(matches!(route("/identification/api/v1/ops/ping"), Routed::Op(Op::Ping)));
        assert!(matches!(route("/x/Identification/API/V12/Ops/Verify-Identity/"), Routed::Op(Op::VerifyIdentity)));
        assert!(matches!(route("/identification/api/v1/ops/verify-answers"), Routed::Op(Op::VerifyAnswers)));
        assert!(matches!(route("/identification/api/v1/ops/nope"), Routed::UnknownOp));
        assert!(matches!(route("/identification/api/vx/ops/ping"), Routed::UnknownOp));
        assert!(matches!(route("/identification/api/v/ops/ping"), Routed::UnknownOp));
        assert!(matches!(route("/ops/ping"), Routed::No));
        assert!(matches!(route(""), Routed::No));
    }

    #[test]
    fn ssns() {
        assert_eq!(normalize_ssn("555-01-0001").as_deref(), Some("555010001"));
        assert_eq!(normalize_ssn("555010001").as_deref(), Some("555010001"));
        for bad in [
            "000-12-3456",
            "666-12-3456",
            "900-12-3456",
            "123-00-4567",
            "123-45-0000",
            "12345678",
            "123-456-789",
            "12a456789",
            "ééééé",
        ] {
            assert_eq!(normalize_ssn(bad), None, "{bad}");
        }
        for t in TEST_SSNS {
            assert!(normalize_ssn(t.ssn).is_some(), "{}", t.ssn);
        }
    }

    #[test]
    fn zips() {
        assert!(is_zip("10001") && is_zip("10001-1234") && is_zip("100011234"));
        assert!(!is_zip("1000") && !is_zip("10001-") && !is_zip("abcde") && !is_zip("10001 1234"));
    }

    #[test]
    fn quizzes_have_four_questions_of_five_choices() {
        for name in ["A", "B"] {
            let qs: Vec<_> = quiz(name).collect();
            assert_eq!(qs.len(), 4);
            for q in qs {
                assert_eq!(&q.choices[3..], &[NONE, SKIP]);
                assert!(q.choices.contains(&q.correct));
                assert_ne!(q.correct, SKIP);
            }
        }
    }

    #[test]
    fn numeric_ids_keep_digits() {
        let v = id_value("90071992541234567890", true);
        assert_eq!(serde_json::to_string(&v).unwrap(), "90071992541234567890");
        assert_eq!(serde_json::to_string(&id_value("123", false)).unwrap(), "\"123\"");
    }
}
