//! Caisson ID Check, sans-IO: request builders, strict response validation,
//! the reason-code table and the approval policy. Target-independent.

mod policy;
mod reasons;
mod request;
mod response;
mod types;

pub use policy::assess;
pub use reasons::{
    describe_reason, doc_description, interpret_reason, reason_interpretation, reason_interpretation_index, reason_interpretations, REASON_CODES,
    REASON_INTERPRETATIONS,
};
pub use request::{check_check_id, check_token, is_check_id, parse_fields, Caisson, CHECK_ID_PREFIX, DEFAULT_BASE_URL, TOKEN_PREFIX};
pub use response::{check_result_for, parse_exchange_token, parse_id_check, parse_id_check_for, success_preconditions};
pub use types::*;
