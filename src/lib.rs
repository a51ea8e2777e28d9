//! # idv-edge
//!
//! Caisson ID Check and Goldstar Trust identity verification for edge
//! functions. Every operation is three steps: build a request (pure), send it
//! (any transport), validate the response (pure). The core — [`caisson`],
//! [`goldstar`], [`sandbox`] and the shared [`error`], [`http`], [`retry`]
//! modules — is target-independent and tested natively; the fetch transport
//! and the JavaScript bindings are compiled for `wasm32` only.

#![forbid(unsafe_code)]

/// `Display` for a fieldless enum with `as_str()`: the name the API or the
/// JS surface uses (`"approve"`, `"hard_stop"`, `"GET"`), so `format!` and
/// `to_string()` give the same text as `as_str()`.
macro_rules! display_as_str {
    ($($t:ty),+ $(,)?) => {$(
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )+};
}

/// [`json_write::ToJson`] for a fieldless enum with `as_str()`: a JSON
/// string of that name, as its serde attributes give it.
macro_rules! json_as_str {
    ($($t:ty),+ $(,)?) => {$(
        impl $crate::json_write::ToJson for $t {
            fn write_json(&self, out: &mut String) {
                $crate::json_write::write_str(out, self.as_str());
            }
        }
    )+};
}

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

#[cfg(all(target_arch = "wasm32", feature = "client-base"))]
pub mod transport;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

// The client wasm's allocator: talc instead of Rust's default dlmalloc,
// 5,840 B raw / 2,452 B gzip smaller (219,362 -> 213,522; 91,483 -> 89,031),
// per-call ratios to zod unchanged within noise, wasm memory still flat over
// 100,000 calls (84 pages against dlmalloc's 82). Its constructor is a safe
// `const fn` that fails to compile on anything but single-threaded wasm, so
// `forbid(unsafe_code)` holds. The Sandbox-only wasm keeps dlmalloc.
#[cfg(all(target_arch = "wasm32", feature = "client-base"))]
#[global_allocator]
static ALLOC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use error::{Api, ErrorCode, IdvError};
pub use http::{Headers, HttpRequest, HttpResponse, Method};
