//! `GoldstarClient` and `describeGoldstarQualifier`.

use std::rc::Rc;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

use super::options::{common, string_within, Opts, MAX_TEXT_UNITS};
use super::{read, refuse_browser, start, Op, string_arg, to_js_value, IntoJsResult};
use crate::error::{Api, IdvError};
use crate::goldstar::{self, Answer, Goldstar, Person, Question};
use crate::http::{Headers, HttpRequest};
use crate::transport::{Call, Transport};

const API: Api = Api::Goldstar;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = r#"
/** Options of `new GoldstarClient(...)`. */
export interface GoldstarClientOptions extends CommonClientOptions {
  /** The bare host name you were given, with an optional port: `qaservices.goldstartrust.com`. */
  domain: string;
  /** `v` + digits (default `v1`). */
  version?: string | undefined;
  /** Extra headers on every call, such as `X-PortalKey` (vendor switches):
   * an object, a `Headers`, a `Map` or `[name, value]` pairs, as `fetch` takes them. */
  defaultHeaders?: Record<string, string> | Headers | ReadonlyMap<string, string> | readonly (readonly [string, string])[] | undefined;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "GoldstarClientOptions")]
    pub type GoldstarClientOptions;
}

impl GoldstarClient {
    /// The request of `verifyIdentity` and `verifyIdentityRequest`.
    fn identity_request(&self, person: &JsValue) -> Result<HttpRequest, IdvError> {
        self.inner.core.verify_identity_request(&person_arg(person)?, js_sys::Date::now() as i64)
    }

    /// The request of `verifyAnswers` and `verifyAnswersRequest`.
    fn answers_request(&self, id: &JsValue, answers: &JsValue, questions: Option<JsValue>) -> Result<HttpRequest, IdvError> {
        let questions = questions.unwrap_or(JsValue::UNDEFINED);
        let (id, answers, questions) = (id_arg(id)?, answers_arg(answers)?, questions_arg(&questions)?);
        self.inner.core.verify_answers_request(&id, &answers, questions.as_deref())
    }
}

/// A Goldstar call of `request` with its options (`signal` only).
fn call(request: HttpRequest, options: Option<JsValue>) -> Result<Call, IdvError> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let opts = Opts::new(API, &options, "options")?;
    opts.only("options", &["signal"])?;
    Ok(Call { request, stored: JsValue::UNDEFINED, signal: opts.signal()? })
}

struct Inner {
    core: Goldstar,
    transport: Transport,
}

/// A Goldstar Trust Identification API client for server-side code.
#[wasm_bindgen]
pub struct GoldstarClient {
    inner: Rc<Inner>,
}

fn default_headers(opts: &Opts) -> Result<Vec<(String, String)>, IdvError> {
    let v = opts.get("defaultHeaders")?;
    if v.is_undefined() {
        return Ok(Vec::new());
    }
    let pairs = super::options::entries(API, &v, "defaultHeaders", "must be an object, a Headers, a Map or [name, value] pairs of header names to strings")?;
    let mut out = Vec::new();
    for entry in pairs.iter() {
        let pair: Array = entry.unchecked_into();
        let (Some(k), Some(val)) = (string_within(&pair.get(0), MAX_TEXT_UNITS), string_within(&pair.get(1), MAX_TEXT_UNITS)) else {
            return Err(IdvError::invalid_argument(API, "defaultHeaders", "must map header names to strings"));
        };
        let (Ok(k), Ok(val)) = (k, val) else {
            return Err(IdvError::invalid_argument(API, "defaultHeaders", "must hold names and values of at most 65536 characters"));
        };
        out.push((k, val));
    }
    Ok(out)
}

/// Reads a person object field by field: each field type-checked and named.
fn person_arg(value: &JsValue) -> Result<Person, IdvError> {
    if !value.is_object() {
        return Err(IdvError::invalid_argument(API, "person", "must be an object"));
    }
    let opts = Opts { api: API, prefix: "", value };
    let text = |k: &str| opts.req_string(k);
    // A whole number (the calendar rules come after, in the core); a
    // string or a fraction is named as such, not as a range.
    let int = |k: &str| -> Result<f64, IdvError> {
        let v = opts.get(k)?;
        match v.as_f64() {
            _ if v.is_undefined() => Err(IdvError::invalid_argument(API, k, "is required")),
            Some(n) if n.is_finite() && n.fract() == 0.0 && n.abs() <= 1e6 => Ok(n),
            Some(n) if n.is_finite() && n.fract() == 0.0 => Err(IdvError::invalid_argument(API, k, "is out of range")),
            _ => Err(IdvError::invalid_argument(API, k, "must be a whole number")),
        }
    };
    let month = int("birthMonth")?;
    let day = int("birthDay")?;
    let year = int("birthYear")?;
    let range = |k: &str, n: f64, max: f64| {
        if n < 0.0 || n > max {
            Err(IdvError::invalid_argument(API, k, "is out of range"))
        } else {
            Ok(n)
        }
    };
    Ok(Person {
        firstname: text("firstname")?,
        lastname: text("lastname")?,
        address: text("address")?,
        city: text("city")?,
        state: text("state")?,
        zip: text("zip")?,
        taxpayer_id: text("taxpayerID")?,
        birth_month: range("birthMonth", month, 1e6)? as u32,
        birth_day: range("birthDay", day, 1e6)? as u32,
        birth_year: year as i32,
    })
}

fn list<T>(value: &JsValue, field: &str, item: impl Fn(&Opts, usize) -> Result<T, IdvError>) -> Result<Vec<T>, IdvError> {
    let arr = super::options::list(API, value, field, "must be an array")?;
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, v) in arr.iter().enumerate() {
        if !v.is_object() {
            return Err(IdvError::invalid_argument(API, &format!("{field}[{i}]"), "must be an object"));
        }
        let prefix = format!("{field}[{i}].");
        let opts = Opts { api: API, prefix: &prefix, value: &v };
        out.push(item(&opts, i)?);
    }
    Ok(out)
}

fn answers_arg(value: &JsValue) -> Result<Vec<Answer>, IdvError> {
    list(value, "answers", |o, _| Ok(Answer { kind: o.req_string("type")?, text: o.req_string("text")? }))
}

fn questions_arg(value: &JsValue) -> Result<Option<Vec<Question>>, IdvError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    list(value, "questions", |o, _| {
        Ok(Question {
            prompt: o.opt_string("prompt")?.unwrap_or_default(),
            kind: o.req_string("type")?,
            // Required: without them every answer would be refused as "not
            // one of the question's choices", which names the wrong field.
            choices: o.opt_string_array("choices")?.ok_or_else(|| o.invalid("choices", "is required"))?,
        })
    })
    .map(Some)
}

fn id_arg(value: &JsValue) -> Result<String, IdvError> {
    if let Some(n) = value.as_f64() {
        if n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&n) {
            // A whole number below 2^53: its integer text (no float formatting).
            return Ok((n as u64).to_string());
        }
        return Err(IdvError::invalid_argument(API, "id", "must be a string (a number only up to 2^53 - 1)"));
    }
    string_arg(API, value, "id")
}

#[wasm_bindgen]
impl GoldstarClient {
    /// Throws `INVALID_ARGUMENT` for a bad option and `BROWSER_NOT_ALLOWED` in
    /// a browser unless `dangerouslyAllowBrowser` is set.
    #[wasm_bindgen(constructor)]
    pub fn new(options: GoldstarClientOptions) -> Result<GoldstarClient, JsValue> {
        let value: JsValue = options.into();
        let opts = Opts::new(API, &value, "options").js()?;
        let [a, b, c, d, e] = super::options::COMMON;
        opts.only("options", &[a, b, c, d, e, "domain", "version", "defaultHeaders"]).js()?;
        let c = common(&opts).js()?;
        refuse_browser(API, c.allow_browser)?;
        let domain = opts.req_string("domain").js()?;
        let version = opts.opt_string("version").js()?;
        let headers = default_headers(&opts).js()?;
        let core = Goldstar::new(&c.api_key, &domain, version.as_deref(), &headers).js()?;
        crate::transport::check_idna_host(API, "domain", core.base_url()).js()?;
        Ok(GoldstarClient { inner: Rc::new(Inner { core, transport: c.transport }) })
    }

    /// The server's time, as sent. Retried like any safe call.
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn ping(&self, #[wasm_bindgen(unchecked_optional_param_type = "CallOptions | null")] options: Option<JsValue>) -> Promise {
        let prepared = call(self.inner.core.ping_request(), options);
        start(&self.inner.transport, prepared, Op::Ping)
    }

    /// Verifies a person. Never retried automatically: a repeat could be a
    /// second billable verification.
    #[wasm_bindgen(js_name = verifyIdentity, unchecked_return_type = "Promise<VerifyOutcome>")]
    pub fn verify_identity(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Person")] person: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions | null")] options: Option<JsValue>,
    ) -> Promise {
        let prepared = self.identity_request(&person).and_then(|request| call(request, options));
        start(&self.inner.transport, prepared, Op::Outcome)
    }

    /// Answers the questions of a soft fail. With `questions` (the outcome's),
    /// checks first that each is answered exactly once with one of its
    /// choices. Never retried automatically.
    #[wasm_bindgen(js_name = verifyAnswers, unchecked_return_type = "Promise<VerifyOutcome>")]
    pub fn verify_answers(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "readonly Answer[]")] answers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "readonly Question[]")] questions: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions | null")] options: Option<JsValue>,
    ) -> Promise {
        let prepared = self.answers_request(&id, &answers, questions).and_then(|request| call(request, options));
        start(&self.inner.transport, prepared, Op::Outcome)
    }

    /// The ping request as a web `Request`; nothing is sent.
    #[wasm_bindgen(js_name = pingRequest, unchecked_return_type = "Request")]
    pub fn ping_request(&self) -> Result<JsValue, JsValue> {
        crate::transport::to_web_request(API, &self.inner.core.ping_request()).js()
    }

    /// The verify-identity request as a web `Request`; nothing is sent.
    #[wasm_bindgen(js_name = verifyIdentityRequest, unchecked_return_type = "Request")]
    pub fn verify_identity_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Person")] person: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = self.identity_request(&person).js()?;
        crate::transport::to_web_request(API, &request).js()
    }

    /// The verify-answers request as a web `Request`; nothing is sent.
    #[wasm_bindgen(js_name = verifyAnswersRequest, unchecked_return_type = "Request")]
    pub fn verify_answers_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "readonly Answer[]")] answers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "readonly Question[]")] questions: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let request = self.answers_request(&id, &answers, questions).js()?;
        crate::transport::to_web_request(API, &request).js()
    }

    /// Validates a ping `Response` you sent yourself.
    #[wasm_bindgen(js_name = parsePing, unchecked_return_type = "Promise<string>")]
    pub fn parse_ping(&self, response: web_sys::Response) -> Promise {
        read(&self.inner.transport, response.into(), Op::Ping, &JsValue::UNDEFINED)
    }

    /// Validates a verify-identity `Response` you sent yourself.
    #[wasm_bindgen(js_name = parseVerifyIdentity, unchecked_return_type = "Promise<VerifyOutcome>")]
    pub fn parse_verify_identity(&self, response: web_sys::Response) -> Promise {
        read(&self.inner.transport, response.into(), Op::Outcome, &JsValue::UNDEFINED)
    }

    /// Validates a verify-answers `Response` you sent yourself.
    #[wasm_bindgen(js_name = parseVerifyAnswers, unchecked_return_type = "Promise<VerifyOutcome>")]
    pub fn parse_verify_answers(&self, response: web_sys::Response) -> Promise {
        read(&self.inner.transport, response.into(), Op::Outcome, &JsValue::UNDEFINED)
    }
}

/// The ping answer: the server's time, as a JS string.
pub(super) fn ping_js(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    Ok(JsValue::from_str(&goldstar::parse_ping(status, headers, body)?))
}

/// The meaning of a Goldstar qualifier key (with or without `resultcode.`),
/// or `undefined` for a key not in the vocabulary.
#[wasm_bindgen(js_name = describeGoldstarQualifier, unchecked_return_type = "QualifierInfo | undefined")]
pub fn describe_goldstar_qualifier(#[wasm_bindgen(unchecked_param_type = "string")] key: JsValue) -> JsValue {
    string_within(&key, MAX_TEXT_UNITS)
        .and_then(Result::ok)
        .and_then(|k| goldstar::describe_qualifier(&k))
        .and_then(|info| to_js_value(API, &info).ok())
        .unwrap_or(JsValue::UNDEFINED)
}
