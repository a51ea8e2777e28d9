//! Reading option objects from JavaScript: each value type-checked, each
//! failure `INVALID_ARGUMENT` naming the option, never echoing its value.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{Api, IdvError};
#[cfg(feature = "client-base")]
use crate::retry::{DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, MAX_MAX_RETRIES, MAX_TIMEOUT_MS};
#[cfg(feature = "client-base")]
use crate::transport::Transport;

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/bindings/args.js")]
extern "C" {
    /// `false` for a string holding a lone surrogate (see args.js).
    #[wasm_bindgen(js_name = wellFormed)]
    fn well_formed(value: &JsValue) -> bool;
    /// A plain copy of an array, or a code (see args.js).
    #[wasm_bindgen(js_name = listOf)]
    fn list_of(value: &JsValue, max: f64) -> JsValue;
    /// An object's `[key, value]` pairs, or a code (see args.js).
    #[cfg(feature = "goldstar")]
    #[wasm_bindgen(js_name = entriesOf)]
    fn entries_of(value: &JsValue, max: f64) -> JsValue;
}

/// Most items read from a caller's array or object (answers, questions,
/// choices, fields, headers, reasons): the API's own lists are a handful
/// (4 questions of 5 choices), and checks that compare items pairwise stay small.
pub const MAX_ITEMS: u32 = 100;

/// `value` as a plain array the caller's code cannot act on while it is read,
/// of at most [`MAX_ITEMS`]: else `INVALID_ARGUMENT` on `field` (`what`
/// names the expected items: "an array of strings").
pub fn list(api: Api, value: &JsValue, field: &str, what: &str) -> Result<js_sys::Array, IdvError> {
    coded(api, list_of(value, f64::from(MAX_ITEMS)), field, what)
}

/// An object's own `[key, value]` pairs (strings as keys), as [`list`] reads an array.
#[cfg(feature = "goldstar")]
pub fn entries(api: Api, value: &JsValue, field: &str, what: &str) -> Result<js_sys::Array, IdvError> {
    coded(api, entries_of(value, f64::from(MAX_ITEMS)), field, what)
}

fn coded(api: Api, got: JsValue, field: &str, what: &str) -> Result<js_sys::Array, IdvError> {
    match got.as_f64() {
        None => Ok(got.unchecked_into()),
        Some(c) => Err(IdvError::invalid_argument(
            api,
            field,
            match c as u8 {
                0 => what,
                1 => "must hold at most 100 items",
                _ => UNREADABLE,
            },
        )),
    }
}

/// The rule of a value whose getter or Proxy threw while it was read.
pub const UNREADABLE: &str = "could not be read (a getter or Proxy threw)";

/// The rule a string with a lone surrogate breaks.
pub const MALFORMED: &str = "must be well-formed Unicode text (it holds a lone surrogate)";

/// The longest string, in UTF-16 code units, that the SDK copies from JS
/// into the wasm: an argument, an option, a header value, a stored check id.
/// Every value either API takes is far shorter (a name 100 characters, a
/// token 256). A longer one is refused by its length, read in JS, before
/// anything is copied: copied, a string of hundreds of MB grew the wasm
/// memory for good (it never shrinks), and a few of them, past wasm32's
/// 4 GiB, trapped the instance (an audit's finding).
pub const MAX_TEXT_UNITS: u32 = 65_536;

/// The rule a string longer than [`MAX_TEXT_UNITS`] breaks.
pub const TOO_LONG: &str = "must be at most 65536 characters";

/// `value` as Rust text when it is a string of at most `max` UTF-16 units:
/// `None` when it is not a string, `Some(Err(TOO_LONG))` when it is longer
/// (nothing copied).
pub fn string_within(value: &JsValue, max: u32) -> Option<Result<String, &'static str>> {
    let s = value.dyn_ref::<js_sys::JsString>()?;
    if s.length() > max {
        return Some(Err(TOO_LONG));
    }
    value.as_string().map(Ok)
}

/// `value` as Rust text: `None` when it is not a string, `Some(Err(rule))`
/// when it is longer than [`MAX_TEXT_UNITS`] or holds a lone surrogate
/// (`as_string` would have put U+FFFD in its place, and the SDK would send
/// a value the caller never gave).
pub fn text(value: &JsValue) -> Option<Result<String, &'static str>> {
    let s = match string_within(value, MAX_TEXT_UNITS)? {
        Ok(s) => s,
        Err(rule) => return Some(Err(rule)),
    };
    // Bytes, not `str::contains`: a non-ASCII char pattern brings core's
    // substring searcher and slice-panic formatting into the wasm (+3 KB gzip).
    let replaced = s.as_bytes().windows(3).any(|w| w == [0xEF, 0xBF, 0xBD]);
    Some(if replaced && !well_formed(value) { Err(MALFORMED) } else { Ok(s) })
}

/// An options object (`undefined` and `null` read as empty).
pub struct Opts<'a> {
    pub api: Api,
    /// Prefix for field names in errors (`""` or `"person."`).
    pub prefix: &'a str,
    pub value: &'a JsValue,
}

// The sandbox-only build reads fewer kinds of option than the clients.
#[cfg_attr(not(feature = "client-base"), allow(dead_code))]
impl<'a> Opts<'a> {
    pub fn new(api: Api, value: &'a JsValue, what: &str) -> Result<Opts<'a>, IdvError> {
        if !(value.is_undefined() || value.is_null() || value.is_object()) {
            return Err(IdvError::invalid_argument(api, what, "must be an object"));
        }
        Ok(Opts { api, prefix: "", value })
    }

    /// `INVALID_ARGUMENT` on `what` when the object has an own key not in
    /// `names` (and not set to `undefined`): a misspelt option (`baseURL`, `maxAgeSecond`) would otherwise
    /// leave its default in place without a word (production instead of the
    /// configured host, no staleness rule). The rule lists the names, never
    /// the key.
    pub fn only(&self, what: &str, names: &[&str]) -> Result<(), IdvError> {
        if !self.value.is_object() {
            return Ok(());
        }
        // A key set to `undefined` says "not given", as an absent one does.
        let known = |k: JsValue| {
            string_within(&k, MAX_TEXT_UNITS).map_or(true, |n| n.is_ok_and(|n| names.contains(&n.as_str())))
                || Reflect::get(self.value, &k).is_ok_and(|v| v.is_undefined())
        };
        match Reflect::own_keys(self.value) {
            Ok(keys) if keys.iter().all(known) => Ok(()),
            Ok(_) => {
                // By hand: `format!` and `join` cost the single-API wasm 1 KB.
                let mut rule = String::from("has a field other than ");
                for (i, n) in names.iter().enumerate() {
                    if i > 0 {
                        rule.push_str(", ");
                    }
                    rule.push_str(n);
                }
                Err(IdvError::invalid_argument(self.api, what, &rule))
            }
            Err(_) => Err(IdvError::invalid_argument(self.api, what, UNREADABLE)),
        }
    }

    fn name(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// The raw value of `key` (`undefined` when absent); `INVALID_ARGUMENT`
    /// on `key` when reading it throws (a getter, a Proxy): read as absent,
    /// a policy's `expectedCustomerId` would pass every result.
    pub fn get(&self, key: &str) -> Result<JsValue, IdvError> {
        if self.value.is_undefined() || self.value.is_null() {
            return Ok(JsValue::UNDEFINED);
        }
        Reflect::get(self.value, &JsValue::from_str(key)).map_err(|_| self.err(key, UNREADABLE))
    }

    fn err(&self, key: &str, rule: &str) -> IdvError {
        IdvError::invalid_argument(self.api, &self.name(key), rule)
    }

    /// `INVALID_ARGUMENT` on `key` for a rule the caller checked itself.
    #[cfg(any(feature = "sandbox", feature = "goldstar"))]
    pub fn invalid(&self, key: &str, rule: &str) -> IdvError {
        self.err(key, rule)
    }

    pub fn opt_string(&self, key: &str) -> Result<Option<String>, IdvError> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(None);
        }
        match text(&v) {
            Some(Ok(s)) => Ok(Some(s)),
            Some(Err(rule)) => Err(self.err(key, rule)),
            None => Err(self.err(key, "must be a string")),
        }
    }

    pub fn req_string(&self, key: &str) -> Result<String, IdvError> {
        self.opt_string(key)?.ok_or_else(|| self.err(key, "is required"))
    }

    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, IdvError> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(None);
        }
        v.as_bool().map(Some).ok_or_else(|| self.err(key, "must be a boolean"))
    }

    /// An integer in `min..=max`.
    pub fn opt_int(&self, key: &str, min: f64, max: f64) -> Result<Option<f64>, IdvError> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(None);
        }
        match v.as_f64() {
            Some(n) if n.is_finite() && n.fract() == 0.0 && n >= min && n <= max => Ok(Some(n)),
            // The bounds are whole numbers: printed as integers, which keeps
            // float formatting (~14 KB of wasm) out of the build.
            _ => Err(self.err(key, &format!("must be a whole number from {} to {}", min as i64, max as i64))),
        }
    }

    #[cfg(feature = "caisson")]
    /// A number (finite, `>= 0`).
    pub fn opt_nonneg_number(&self, key: &str) -> Result<Option<f64>, IdvError> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(None);
        }
        match v.as_f64() {
            Some(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
            _ => Err(self.err(key, "must be a finite number >= 0")),
        }
    }

    pub fn opt_function(&self, key: &str) -> Result<Option<Function>, IdvError> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(None);
        }
        v.dyn_into::<Function>().map(Some).map_err(|_| self.err(key, "must be a function"))
    }

    /// The `signal` option of a sending method, as body.js takes it:
    /// `undefined` when absent or `null` (as fetch reads it), else the value,
    /// whose shape body.js checks (`INVALID_ARGUMENT` on `signal`).
    /// A signal handed over as the options themselves (`ping(ac.signal)`) is
    /// `INVALID_ARGUMENT`: its members are not own keys, so [`Opts::only`]
    /// lets it through, and it would be ignored without a word.
    #[cfg(feature = "client-base")]
    pub fn signal(&self) -> Result<JsValue, IdvError> {
        let v = self.get("signal")?;
        if v.is_undefined() && self.value.is_object() {
            let member = |name: &str| Reflect::get(self.value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
            if member("aborted").as_bool().is_some() && member("addEventListener").is_function() {
                return Err(IdvError::invalid_argument(self.api, "options", "is an AbortSignal: pass it as { signal }"));
            }
        }
        Ok(if v.is_null() { JsValue::UNDEFINED } else { v })
    }

    /// An array of strings.
    pub fn opt_string_array(&self, key: &str) -> Result<Option<Vec<String>>, IdvError> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(None);
        }
        let arr = list(self.api, &v, &self.name(key), "must be an array of strings")?;
        let mut out = Vec::with_capacity(arr.length() as usize);
        for (i, item) in arr.iter().enumerate() {
            let s = text(&item).ok_or("must be a string").and_then(|t| t).map_err(|rule| self.err(&format!("{key}[{i}]"), rule))?;
            out.push(s);
        }
        Ok(Some(out))
    }
}

#[cfg(feature = "client-base")]
/// The options every client takes: `apiKey` (returned), `timeoutMs`,
/// `maxRetries`, `fetch`, `dangerouslyAllowBrowser`.
pub struct Common {
    pub api_key: String,
    pub transport: Transport,
    pub allow_browser: bool,
}

#[cfg(feature = "client-base")]
/// The options [`common`] reads.
pub const COMMON: [&str; 5] = ["apiKey", "timeoutMs", "maxRetries", "fetch", "dangerouslyAllowBrowser"];

#[cfg(feature = "client-base")]
pub fn common(opts: &Opts) -> Result<Common, IdvError> {
    let api_key = opts.req_string("apiKey")?;
    let timeout_ms = opts.opt_int("timeoutMs", 1.0, f64::from(MAX_TIMEOUT_MS))?.map(|n| n as u32);
    let max_retries = opts.opt_int("maxRetries", 0.0, f64::from(MAX_MAX_RETRIES))?.map(|n| n as u32);
    let fetch = opts.opt_function("fetch")?;
    let allow_browser = opts.opt_bool("dangerouslyAllowBrowser")?.unwrap_or(false);
    Ok(Common {
        api_key,
        transport: Transport {
            fetch,
            timeout_ms: timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
            max_retries: max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
        },
        allow_browser,
    })
}

#[cfg(feature = "client-base")]
/// The TypeScript of the common options, shared by both clients' option types.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_COMMON_OPTIONS: &str = r#"
/** Options every client takes. */
export interface CommonClientOptions {
  /** The secret API key. Never printed, never in an error. */
  apiKey: string;
  /** Per-attempt timeout in milliseconds (default 10000, at most 600000). */
  timeoutMs?: number | undefined;
  /** Extra attempts for operations that are safe to repeat (default 2, at most 10). */
  maxRetries?: number | undefined;
  /** Any fetch-compatible function (default `globalThis.fetch`, looked up per call). */
  fetch?: ((input: Request, init?: RequestInit) => Promise<Response>) | undefined;
  /** Allow construction in a browser page or worker, where the key would be exposed (tests only). */
  dangerouslyAllowBrowser?: boolean | undefined;
}
/** Options every sending method takes. */
export interface CallOptions {
  /** Stops the call, whatever step it is at (sending, reading, waiting to
   * retry, the exchange's store): it then rejects with `ABORTED`, and an
   * attempt in flight is aborted. One aborted before the call sends nothing.
   * Once Caisson has answered an exchange, its store's put is still made and
   * waited for (the token is spent) before the call rejects. */
  signal?: AbortSignal | null | undefined;
}
"#;
