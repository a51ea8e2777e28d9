//! Request builders: `POST /v1/idcheck/exchangetoken` and `GET /v1/idcheck`.

use crate::checks::{check_identifier, parse_base_url};
use crate::error::{Api, IdvError};
use crate::http::{Headers, HttpRequest, Method};
use crate::json_write::write_str;
use crate::secret::ApiKey;

use super::types::OptionalField;

pub const DEFAULT_BASE_URL: &str = "https://api.caisson.com";

/// Prefix of an exchange token (what the browser button hands the page).
pub const TOKEN_PREFIX: &str = "chk_xchg_";
/// Prefix of a permanent check id.
pub const CHECK_ID_PREFIX: &str = "chk_priv_";

/// A configured Caisson API: the secret key and the base URL, both validated.
#[derive(Clone, Debug)]
pub struct Caisson {
    key: ApiKey,
    base_url: String,
}

impl Caisson {
    /// `base_url` defaults to `https://api.caisson.com`; it must be https
    /// (http only for localhost, 127.0.0.1 or `[::1]`).
    pub fn new(api_key: &str, base_url: Option<&str>) -> Result<Caisson, IdvError> {
        let key = ApiKey::new(Api::Caisson, api_key)?;
        // The default is already in the form `parse_base_url` gives (a test
        // checks it): not parsing it keeps the URL parser out of a default
        // client's first `new` (V8 compiles each wasm function on first call).
        let base_url = match base_url {
            Some(url) => parse_base_url(Api::Caisson, "baseUrl", url)?,
            None => DEFAULT_BASE_URL.to_owned(),
        };
        Ok(Caisson { key, base_url })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    fn headers(&self) -> Headers {
        let mut h = Headers::new();
        h.set_static("Authorization", format!("Caisson {}", self.key.expose()));
        h.set_static("Accept", "application/json");
        h
    }

    /// `POST {base}/v1/idcheck/exchangetoken` with `{"check_exchange_token": token}`.
    pub fn exchange_token_request(&self, token: &str) -> Result<HttpRequest, IdvError> {
        check_token(token)?;
        let mut headers = self.headers();
        headers.set_static("Content-Type", "application/json");
        let mut body = String::from(r#"{"check_exchange_token":"#);
        write_str(&mut body, token);
        body.push('}');
        let body = body.into_bytes();
        Ok(HttpRequest {
            method: Method::Post,
            url: format!("{}/v1/idcheck/exchangetoken", self.base_url),
            headers,
            body: Some(body),
        })
    }

    /// `GET {base}/v1/idcheck[?fields=...]` with the check id in
    /// `X-Caisson-CheckID` (never in the URL).
    pub fn get_id_check_request(&self, check_id: &str, fields: &[OptionalField]) -> Result<HttpRequest, IdvError> {
        check_check_id(check_id)?;
        let mut headers = self.headers();
        headers.set_static("X-Caisson-CheckID", check_id);
        let mut url = format!("{}/v1/idcheck", self.base_url);
        // Keep the doc's order and send each field once.
        let list: Vec<&str> =
            OptionalField::ALL.iter().filter(|f| fields.contains(f)).map(|f| f.as_str()).collect();
        if !list.is_empty() {
            url.push_str("?fields=");
            url.push_str(&list.join(","));
        }
        Ok(HttpRequest { method: Method::Get, url, headers, body: None })
    }
}

/// An exchange token: an identifier, and not a check id (swapped arguments).
pub fn check_token(token: &str) -> Result<(), IdvError> {
    check_identifier(Api::Caisson, "token", token)?;
    if token.starts_with(CHECK_ID_PREFIX) {
        return Err(IdvError::invalid_argument(
            Api::Caisson,
            "token",
            "is a check id (chk_priv_...), not an exchange token: are the arguments swapped?",
        ));
    }
    Ok(())
}

/// Is `s` a check id [`check_check_id`] takes? (For validators, which word
/// their own error.)
pub fn is_check_id(s: &[u8]) -> bool {
    crate::checks::is_identifier(s) && !s.starts_with(TOKEN_PREFIX.as_bytes())
}

/// A check id: an identifier, and not an exchange token (swapped arguments).
pub fn check_check_id(check_id: &str) -> Result<(), IdvError> {
    check_identifier(Api::Caisson, "checkId", check_id)?;
    if check_id.starts_with(TOKEN_PREFIX) {
        return Err(IdvError::invalid_argument(
            Api::Caisson,
            "checkId",
            "is an exchange token (chk_xchg_...), not a check id: exchange it first",
        ));
    }
    Ok(())
}

/// Parses the `fields` option: each one of `sex`, `dob`, `address`,
/// `expires_on` (a repeat counts once); anything else is `INVALID_ARGUMENT`
/// on `fields[i]`, its position (never its text).
pub fn parse_fields<S: AsRef<str>>(names: &[S]) -> Result<Vec<OptionalField>, IdvError> {
    let mut out = Vec::with_capacity(names.len());
    for (i, n) in names.iter().enumerate() {
        match OptionalField::parse(n.as_ref()) {
            Some(f) => {
                if !out.contains(&f) {
                    out.push(f);
                }
            }
            None => {
                return Err(IdvError::invalid_argument(
                    Api::Caisson,
                    &format!("fields[{i}]"),
                    "must be one of sex, dob, address, expires_on",
                ))
            }
        }
    }
    Ok(out)
}
