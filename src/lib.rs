//! # idv-edge
//!
//! Caisson ID Check and Goldstar Trust identity verification for edge
//! functions. Every operation is three steps: build a request (pure), send it
//! (any transport), validate the response (pure). The core — [`caisson`],
//! [`goldstar`], [`sandbox`] and the shared [`error`], [`http`], [`retry`]
//! modules — is target-independent and tested natively; the fetch transport
//! and the JavaScript bindings are compiled for `wasm32` only.

#![forbid(unsafe_code)]

pub mod redact;

pub mod caisson;
pub mod checks;
pub mod error;
pub mod goldstar;
pub mod http;
pub mod json;
#[doc(hidden)]
pub mod json_parse;
#[doc(hidden)]
pub mod json_write;
pub mod retry;
#[doc(hidden)]
pub mod scan;
#[cfg(feature = "sandbox")]
pub mod sandbox;
pub mod secret;
pub mod time;

#[cfg(all(target_arch = "wasm32", feature = "client"))]
pub mod transport;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

pub use error::{Api, ErrorCode, IdvError};
pub use http::{Headers, HttpRequest, HttpResponse, Method};
