//! `exchangeToken(token, { store })`: the check id is written to the caller's
//! store before it is returned, and a repeat with the same token is answered
//! from the store without a request (even after Caisson's 5-minute grace).

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::caisson::check_check_id;
use crate::error::{Api, ErrorCode, IdvError};

/// Prefix of the keys written to the store.
pub const KEY_PREFIX: &str = "idv-edge:caisson:exchange:";
/// Lifetime asked of the store (`expirationTtl`, seconds): a day, far past
/// the token's own 2-hour window.
pub const TTL_SECONDS: f64 = 86_400.0;

pub struct Store {
    api: Api,
    target: JsValue,
    get: Function,
    put: Function,
}

impl Store {
    /// The `store` option, if given: an object with `get` and `put` functions.
    pub fn from_options(api: Api, options: &JsValue) -> Result<Option<Store>, IdvError> {
        let opts = super::options::Opts::new(api, options, "options")?;
        let target = opts.get("store");
        if target.is_undefined() {
            return Ok(None);
        }
        let method = |name: &str| {
            Reflect::get(&target, &JsValue::from_str(name))
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
                .ok_or_else(|| IdvError::invalid_argument(api, "store", "must have get(key) and put(key, value, options) functions"))
        };
        let get = method("get")?;
        let put = method("put")?;
        Ok(Some(Store { api, target, get, put }))
    }

    fn failed(&self, what: &str) -> IdvError {
        IdvError::new(self.api, ErrorCode::Network).with_field("store").with_message(format!("the store's {what} failed"))
    }

    async fn call(&self, f: &Function, args: &[&JsValue], what: &str) -> Result<JsValue, IdvError> {
        let returned = match args {
            [a] => f.call1(&self.target, a),
            [a, b, c] => f.call3(&self.target, a, b, c),
            _ => f.call0(&self.target),
        }
        .map_err(|_| self.failed(what))?;
        JsFuture::from(Promise::resolve(&returned)).await.map_err(|_| self.failed(what))
    }

    /// The check id stored for `token`, if any.
    pub async fn get(&self, token: &str) -> Result<Option<String>, IdvError> {
        let key = JsValue::from_str(&format!("{KEY_PREFIX}{token}"));
        let v = self.call(&self.get, &[&key], "get").await?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        let s = v.as_string().ok_or_else(|| {
            IdvError::invalid_response(self.api, "store", "get returned something that is not a string", None)
        })?;
        check_check_id(&s).map_err(|_| {
            IdvError::invalid_response(self.api, "store", "get returned something that is not a check id", None)
        })?;
        Ok(Some(s))
    }

    /// Stores `check_id` for `token`; resolves once the store has it.
    pub async fn put(&self, token: &str, check_id: &str) -> Result<(), IdvError> {
        let key = JsValue::from_str(&format!("{KEY_PREFIX}{token}"));
        let opts = Object::new();
        let _ = Reflect::set(&opts, &JsValue::from_str("expirationTtl"), &JsValue::from_f64(TTL_SECONDS));
        self.call(&self.put, &[&key, &JsValue::from_str(check_id), &opts.into()], "put").await.map(|_| ())
    }
}

/// An exchange to answer from (and record in) the caller's store.
pub struct Pending {
    pub store: Store,
    pub token: String,
}

