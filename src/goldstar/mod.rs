//! Goldstar Trust Identification API, sans-IO: request builders with the
//! person checks, response validation into one `VerifyOutcome`, and the
//! qualifier vocabulary. Target-independent.

mod qualifiers;
mod request;
mod response;
mod types;

pub use qualifiers::{
    describe_qualifier, interpret_qualifier, qualifier_index, qualifier_interpretation, qualifier_interpretations, QUALIFIER_INTERPRETATIONS,
    QUALIFIER_KEYS,
};
pub use request::{is_transaction_id, Goldstar, DEFAULT_VERSION, USPS_STATE_CODES};
pub use response::{parse_ping, parse_verify_answers, parse_verify_identity, success_preconditions};
pub(crate) use response::{is_error_key, is_pass, is_success_key};
pub use types::*;
