//! Response validation. (Placeholder until the validator lands.)

use crate::error::{Api, IdvError};
use crate::http::Headers;

use super::types::{ExchangeTokenResult, IdCheckResult};

pub fn parse_exchange_token(status: u16, _headers: &Headers, _body: &[u8]) -> Result<ExchangeTokenResult, IdvError> {
    Err(IdvError::invalid_response(Api::Caisson, "", "not implemented", Some(status)))
}

pub fn parse_id_check(status: u16, _headers: &Headers, _body: &[u8]) -> Result<IdCheckResult, IdvError> {
    Err(IdvError::invalid_response(Api::Caisson, "", "not implemented", Some(status)))
}
