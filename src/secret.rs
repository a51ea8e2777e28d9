//! The API key: held in a type that never prints itself.

use std::fmt;

use crate::error::{Api, IdvError};

/// Longest key accepted (keys go into a header).
pub const MAX_KEY_LEN: usize = 512;

/// A secret API key. `Debug` and `Display` print `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Checks the key can travel in a header ([`check_key`] on `apiKey`).
    pub fn new(api: Api, key: &str) -> Result<ApiKey, IdvError> {
        check_key(api, "apiKey", key)?;
        Ok(ApiKey(key.to_string()))
    }

    /// The key itself, for the one place that writes it into a header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A key that can travel in a header, as `field`: 1 to 512 visible ASCII
/// characters (no space, control character or non-ASCII). The Sandbox holds
/// the keys it expects to the same rule.
pub fn check_key(api: Api, field: &str, key: &str) -> Result<(), IdvError> {
    if key.is_empty() {
        return Err(IdvError::invalid_argument(api, field, "is required"));
    }
    if key.len() > MAX_KEY_LEN {
        return Err(IdvError::invalid_argument(api, field, "must be at most 512 characters"));
    }
    if !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(IdvError::invalid_argument(
            api,
            field,
            "must be visible ASCII characters only (no spaces, control characters or non-ASCII)",
        ));
    }
    Ok(())
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}
