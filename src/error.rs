//! One error model for both APIs, the transport and the bindings.
//!
//! Rule (API.md principle 3): an error names the field path and the rule it
//! broke, never a value from a request or a response. The only text taken from
//! a response is Caisson's own `error_description` / `error_message`, kept in
//! [`IdvError::description`] and never in the message.

use std::fmt;

/// Which API an error (or a call) belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Api {
    Caisson,
    Goldstar,
}

impl Api {
    pub fn as_str(self) -> &'static str {
        match self {
            Api::Caisson => "caisson",
            Api::Goldstar => "goldstar",
        }
    }
}

/// The error codes of API.md, as sent to JavaScript (`IdvError.code`), and
/// `ABORTED` for a call its caller's `AbortSignal` stopped.
/// Not exhaustive: a code may be added (as `ABORTED` was) without breaking
/// a `match` that has a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// Caught before anything was sent.
    InvalidArgument,
    BrowserNotAllowed,
    Unauthorized,
    NotFound,
    Unprocessable,
    BadRequest,
    RateLimited,
    // Caisson's own codes, as sent.
    IdcheckExpired,
    IdcheckDeleted,
    InvalidInput,
    NotVerified,
    PendingReview,
    InternalError,
    ServerError,
    Timeout,
    Network,
    InvalidResponse,
    /// The caller's `AbortSignal` stopped the call (the JS transport only).
    Aborted,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 18] = [
        ErrorCode::InvalidArgument,
        ErrorCode::BrowserNotAllowed,
        ErrorCode::Unauthorized,
        ErrorCode::NotFound,
        ErrorCode::Unprocessable,
        ErrorCode::BadRequest,
        ErrorCode::RateLimited,
        ErrorCode::IdcheckExpired,
        ErrorCode::IdcheckDeleted,
        ErrorCode::InvalidInput,
        ErrorCode::NotVerified,
        ErrorCode::PendingReview,
        ErrorCode::InternalError,
        ErrorCode::ServerError,
        ErrorCode::Timeout,
        ErrorCode::Network,
        ErrorCode::InvalidResponse,
        ErrorCode::Aborted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidArgument => "INVALID_ARGUMENT",
            ErrorCode::BrowserNotAllowed => "BROWSER_NOT_ALLOWED",
            ErrorCode::Unauthorized => "UNAUTHORIZED",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::Unprocessable => "UNPROCESSABLE",
            ErrorCode::BadRequest => "BAD_REQUEST",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::IdcheckExpired => "IDCHECK_EXPIRED",
            ErrorCode::IdcheckDeleted => "IDCHECK_DELETED",
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::NotVerified => "NOT_VERIFIED",
            ErrorCode::PendingReview => "PENDING_REVIEW",
            ErrorCode::InternalError => "INTERNAL_ERROR",
            ErrorCode::ServerError => "SERVER_ERROR",
            ErrorCode::Timeout => "TIMEOUT",
            ErrorCode::Network => "NETWORK",
            ErrorCode::InvalidResponse => "INVALID_RESPONSE",
            ErrorCode::Aborted => "ABORTED",
        }
    }

    /// A Caisson error code as it appears in a body's `error` field.
    pub fn from_caisson(code: &str) -> Option<ErrorCode> {
        Some(match code {
            "IDCHECK_EXPIRED" => ErrorCode::IdcheckExpired,
            "IDCHECK_DELETED" => ErrorCode::IdcheckDeleted,
            "INVALID_INPUT" => ErrorCode::InvalidInput,
            "NOT_VERIFIED" => ErrorCode::NotVerified,
            "PENDING_REVIEW" => ErrorCode::PendingReview,
            "INTERNAL_ERROR" => ErrorCode::InternalError,
            _ => return None,
        })
    }

    /// May the same call succeed later (API.md, Errors).
    pub fn retryable(self) -> bool {
        matches!(
            self,
            ErrorCode::NotVerified
                | ErrorCode::PendingReview
                | ErrorCode::Timeout
                | ErrorCode::Network
                | ErrorCode::RateLimited
                | ErrorCode::ServerError
                | ErrorCode::InternalError
        )
    }

    /// A state the caller polls for (`NOT_VERIFIED`, `PENDING_REVIEW`):
    /// retryable, but never retried automatically (API.md, Errors).
    pub fn caller_polls(self) -> bool {
        matches!(self, ErrorCode::NotVerified | ErrorCode::PendingReview)
    }

    /// The code for an HTTP status with no more specific code in the body.
    pub fn from_status(status: u16) -> Option<ErrorCode> {
        Some(match status {
            200..=299 => return None,
            401 => ErrorCode::Unauthorized,
            404 => ErrorCode::NotFound,
            408 => ErrorCode::Timeout,
            422 => ErrorCode::Unprocessable,
            429 => ErrorCode::RateLimited,
            400..=499 => ErrorCode::BadRequest,
            500..=599 => ErrorCode::ServerError,
            // 1xx and 3xx are not answers this client can use.
            _ => ErrorCode::InvalidResponse,
        })
    }
}

/// Every failure of the SDK. Build it with the constructors below, which
/// write a message from the code, the field path and the rule only.
#[derive(Clone, PartialEq)]
pub struct IdvError {
    pub code: ErrorCode,
    pub api: Api,
    /// The HTTP status, where there was a response.
    pub status: Option<u16>,
    /// May the same call succeed later.
    pub retryable: bool,
    /// The field (argument or response path) a validation error is about.
    pub field: Option<String>,
    /// Field names the server rejected (ASP.NET `ModelState` keys), never its messages.
    pub fields: Vec<String>,
    /// Caisson's own `error_description` / `error_message` for an error code.
    pub description: Option<String>,
    /// `Retry-After` as sent, in milliseconds, where the server sent one.
    pub retry_after_ms: Option<u64>,
    message: String,
}

impl IdvError {
    /// An error with the default message for its code.
    pub fn new(api: Api, code: ErrorCode) -> IdvError {
        IdvError {
            code,
            api,
            status: None,
            retryable: code.retryable(),
            field: None,
            fields: Vec::new(),
            description: None,
            retry_after_ms: None,
            message: default_message(code).to_string(),
        }
    }

    /// `INVALID_ARGUMENT` about one argument field: `rule` says what is wrong
    /// ("must be 1 to 256 characters of A-Z a-z 0-9 - _"), never the value.
    pub fn invalid_argument(api: Api, field: &str, rule: &str) -> IdvError {
        let mut e = IdvError::new(api, ErrorCode::InvalidArgument);
        e.message = format!("{field}: {rule}");
        e.field = Some(field.to_string());
        e
    }

    /// `INVALID_RESPONSE` about one response path (`confidence.reasons[1].code`).
    pub fn invalid_response(api: Api, path: &str, rule: &str, status: Option<u16>) -> IdvError {
        let mut e = IdvError::new(api, ErrorCode::InvalidResponse);
        e.message = if path.is_empty() {
            format!("invalid response: {rule}")
        } else {
            format!("invalid response at {path}: {rule}")
        };
        e.field = if path.is_empty() { None } else { Some(path.to_string()) };
        e.status = status;
        e
    }

    /// An error for an HTTP status (no usable code in the body).
    pub fn from_status(api: Api, status: u16) -> IdvError {
        let code = ErrorCode::from_status(status).unwrap_or(ErrorCode::InvalidResponse);
        let mut e = IdvError::new(api, code);
        e.status = Some(status);
        e.message = format!("{} (HTTP {status})", default_message(code));
        e
    }

    /// Replace the message. Callers pass fixed text or field names only.
    pub fn with_message(mut self, message: impl Into<String>) -> IdvError {
        self.message = message.into();
        self
    }

    pub fn with_status(mut self, status: u16) -> IdvError {
        self.status = Some(status);
        self
    }

    pub fn with_field(mut self, field: impl Into<String>) -> IdvError {
        self.field = Some(field.into());
        self
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

fn default_message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::InvalidArgument => "invalid argument",
        ErrorCode::BrowserNotAllowed => {
            "refusing to run in a browser page: the API key would be exposed; pass dangerouslyAllowBrowser: true only for tests"
        }
        ErrorCode::Unauthorized => "the API key was refused",
        ErrorCode::NotFound => "not found",
        ErrorCode::Unprocessable => "the server could not process the request",
        ErrorCode::BadRequest => "the server rejected the request",
        ErrorCode::RateLimited => "rate limited",
        ErrorCode::IdcheckExpired => "the ID check or its exchange token has expired",
        ErrorCode::IdcheckDeleted => "the ID check was deleted",
        ErrorCode::InvalidInput => "the server rejected the input",
        ErrorCode::NotVerified => "the ID check is not finished yet; ask again later",
        ErrorCode::PendingReview => "the ID check is pending review; ask again later",
        ErrorCode::InternalError => "the server reported an internal error",
        ErrorCode::ServerError => "server error",
        ErrorCode::Timeout => "the request timed out",
        ErrorCode::Network => "network error",
        ErrorCode::InvalidResponse => "invalid response",
        ErrorCode::Aborted => "the call was aborted by its signal",
    }
}

impl fmt::Display for IdvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.api.as_str(), self.code.as_str(), self.message)
    }
}

/// `Debug` shows the same safe fields as JavaScript does: `description` is the
/// server's text and is left out here, as it is from `message`.
impl fmt::Debug for IdvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdvError")
            .field("code", &self.code.as_str())
            .field("api", &self.api.as_str())
            .field("status", &self.status)
            .field("retryable", &self.retryable)
            .field("field", &self.field)
            .field("fields", &self.fields)
            .field("message", &self.message)
            .finish()
    }
}

impl std::error::Error for IdvError {}

pub type Result<T, E = IdvError> = std::result::Result<T, E>;

display_as_str!(Api, ErrorCode);

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    /// The TypeScript union of `IdvError.code` (src/bindings/mod.rs, which
    /// only wasm builds compile) names every code, and nothing else.
    #[test]
    fn the_typescript_union_lists_every_code() {
        let src = include_str!("bindings/mod.rs");
        let union = src.split("export type IdvErrorCode =").nth(1).and_then(|s| s.split(';').next()).unwrap_or_default();
        let mut named: Vec<&str> = union.split('"').skip(1).step_by(2).collect();
        let mut codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        named.sort_unstable();
        codes.sort_unstable();
        assert_eq!(named, codes);
    }
}
