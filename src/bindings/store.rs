//! `exchangeToken(token, { store })`: the check id is written to the caller's
//! store before it is returned, and a repeat with the same token is answered
//! from the store without a request (even after Caisson's 5-minute grace).
//! body.js's `send` calls the store; the wasm checks what it answers.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::caisson::{is_check_id, ExchangeTokenResult};
use crate::error::{Api, ErrorCode, IdvError};

const API: Api = Api::Caisson;
/// Prefix of the keys written to the store.
pub const KEY_PREFIX: &str = "idv-edge:caisson:exchange:";
/// Lifetime asked of the store (`expirationTtl`, seconds): a day, far past
/// the token's own 2-hour window.
pub const TTL_SECONDS: f64 = 86_400.0;

/// An exchange to answer from (and record in) the caller's store.
pub struct Pending {
    target: JsValue,
    get: Function,
    put: Function,
    key: String,
}

impl Pending {
    /// The `store` option, if given (an object with `get` and `put`
    /// functions), for the exchange of `token`; the caller has checked the
    /// options' names.
    pub fn from_options(opts: &super::options::Opts, token: &str) -> Result<Option<Pending>, IdvError> {
        let options = opts.value;
        let target = opts.get("store")?;
        if target.is_undefined() {
            // A store handed over as the options themselves (`exchangeToken(t,
            // env.KV)`): a class instance's methods are not own keys, so
            // `only` lets it through, and it would be ignored without a word.
            if options.is_object() && ["get", "put"].iter().all(|m| Reflect::get(options, &JsValue::from_str(m)).is_ok_and(|f| f.is_function())) {
                return Err(IdvError::invalid_argument(API, "options", "is a store: pass it as { store }"));
            }
            return Ok(None);
        }
        let method = |name: &str| {
            Reflect::get(&target, &JsValue::from_str(name))
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
                .ok_or_else(|| IdvError::invalid_argument(API, "store", "must have get(key) and put(key, value, options) functions"))
        };
        let get = method("get")?;
        let put = method("put")?;
        Ok(Some(Pending { target, get, put, key: format!("{KEY_PREFIX}{token}") }))
    }

    /// As body.js's `send` takes it: `[[store, get], [put, [key, ttl]]]`.
    /// Pairs only: `Array.of` with two values is an import the wasm has
    /// anyway, and V8 compiles a wrapper per distinct import signature at
    /// start-up (see bench/README.md).
    pub fn into_js(self) -> JsValue {
        let key = Array::of2(&JsValue::from_str(&self.key), &JsValue::from_f64(TTL_SECONDS));
        Array::of2(&Array::of2(&self.target, &self.get), &Array::of2(&self.put, &key)).into()
    }
}

/// What the store's `get` answered: `undefined` (not stored: send), or the
/// exchange's result for a stored check id; anything else is an error.
pub fn check_stored(value: &JsValue) -> Result<JsValue, IdvError> {
    if value.is_undefined() || value.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    let s = super::options::string_within(value, super::options::MAX_TEXT_UNITS).ok_or_else(|| {
        IdvError::invalid_response(API, "store", "get returned something that is not a string", None)
    })?;
    match s {
        Ok(s) if is_check_id(s.as_bytes()) => super::to_js_value(API, &ExchangeTokenResult { check_id: s }),
        _ => Err(IdvError::invalid_response(API, "store", "get returned something that is not a check id", None)),
    }
}

/// The store's `get` (`put == false`) or `put` threw or rejected.
pub fn fault(put: bool) -> IdvError {
    let message = if put { "the store's put failed" } else { "the store's get failed" };
    IdvError::new(API, ErrorCode::Network).with_field("store").with_message(message)
}
