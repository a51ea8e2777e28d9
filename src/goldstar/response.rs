//! Response validation. (Placeholder until the Goldstar core lands.)

use crate::error::{Api, IdvError};
use crate::http::Headers;

use super::types::VerifyOutcome;

pub fn parse_ping(status: u16, _headers: &Headers, _body: &[u8]) -> Result<String, IdvError> {
    Err(IdvError::invalid_response(Api::Goldstar, "", "not implemented", Some(status)))
}

pub fn parse_verify_identity(status: u16, _headers: &Headers, _body: &[u8]) -> Result<VerifyOutcome, IdvError> {
    Err(IdvError::invalid_response(Api::Goldstar, "", "not implemented", Some(status)))
}

pub fn parse_verify_answers(status: u16, _headers: &Headers, _body: &[u8]) -> Result<VerifyOutcome, IdvError> {
    Err(IdvError::invalid_response(Api::Goldstar, "", "not implemented", Some(status)))
}
