//! Request builders. (Placeholder until the Goldstar core lands.)

use crate::error::{Api, IdvError};
use crate::http::HttpRequest;

use super::types::{Answer, Person, Question};

pub const DEFAULT_VERSION: &str = "v1";

/// A configured Goldstar API: key, endpoint base and default headers, validated.
#[derive(Clone, Debug)]
pub struct Goldstar {}

impl Goldstar {
    /// `domain` is a bare host with an optional port; `version` is `v` + digits
    /// (default `v1`); `default_headers` are extra vendor headers (`X-PortalKey`).
    pub fn new(
        _api_key: &str,
        _domain: &str,
        _version: Option<&str>,
        _default_headers: &[(String, String)],
    ) -> Result<Goldstar, IdvError> {
        Err(IdvError::invalid_argument(Api::Goldstar, "domain", "not implemented"))
    }

    pub fn ping_request(&self) -> HttpRequest {
        unimplemented!()
    }

    /// `now_ms` decides "not in the future" for the birth date.
    pub fn verify_identity_request(&self, _person: &Person, _now_ms: i64) -> Result<HttpRequest, IdvError> {
        Err(IdvError::invalid_argument(Api::Goldstar, "person", "not implemented"))
    }

    pub fn verify_answers_request(
        &self,
        _id: &str,
        _answers: &[Answer],
        _questions: Option<&[Question]>,
    ) -> Result<HttpRequest, IdvError> {
        Err(IdvError::invalid_argument(Api::Goldstar, "id", "not implemented"))
    }
}
