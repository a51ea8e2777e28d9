//! Strict JSON reading for the response validators, shared by both APIs.
//!
//! [`parse_body`] refuses oversized, non-UTF-8 and malformed bodies, naming the
//! position of a syntax fault (never its text). [`Obj`] walks an object and
//! names the full path of whatever is missing or of the wrong type
//! (`confidence.reasons[1].code`), never the value it found.

use serde_json::{Map, Value};

use crate::error::{Api, IdvError};
use crate::http::MAX_BODY_BYTES;

/// Parses a response body as JSON. Errors are `INVALID_RESPONSE`.
pub fn parse_body(api: Api, status: u16, body: &[u8]) -> Result<Value, IdvError> {
    let body = strip_bom(body);
    if body.len() > MAX_BODY_BYTES {
        return Err(IdvError::invalid_response(api, "", "body is larger than 1 MiB", Some(status)));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(IdvError::invalid_response(api, "", "body is empty where JSON was expected", Some(status)));
    }
    // crate::json_parse reads exactly as serde_json::from_slice::<Value> does
    // (tests/json_equivalence.rs), without its deserializer in the wasm.
    crate::json_parse::parse_value(body).map_err(|e| {
        let rule = if e.duplicate {
            format!("body has an object with a member name twice (line {}, column {})", e.line, e.column)
        } else if e.eof {
            format!("body is not valid JSON: it ends early (line {}, column {})", e.line, e.column)
        } else {
            format!("body is not valid JSON (line {}, column {})", e.line, e.column)
        };
        IdvError::invalid_response(api, "", &rule, Some(status))
    })
}

/// Strips a UTF-8 byte-order mark, which some stacks (.NET's among them)
/// write and which `Response.json()` skips too.
pub fn strip_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(body)
}

/// Joins a parent path and a key: `""` + `a` = `a`, `a` + `b` = `a.b`.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// The JSON type name of a value, for rules ("expected a string, found a number").
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSON object being validated, with its path from the root.
#[derive(Clone)]
pub struct Obj<'a> {
    pub api: Api,
    pub status: Option<u16>,
    pub path: String,
    pub map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    /// The root value, which must be an object.
    pub fn root(api: Api, status: u16, v: &'a Value) -> Result<Obj<'a>, IdvError> {
        Obj::at(api, Some(status), String::new(), v)
    }

    /// A value at `path`, which must be an object.
    pub fn at(api: Api, status: Option<u16>, path: String, v: &'a Value) -> Result<Obj<'a>, IdvError> {
        match v {
            Value::Object(map) => Ok(Obj { api, status, path, map }),
            other => Err(IdvError::invalid_response(
                api,
                &path,
                &format!("expected an object, found {}", type_name(other)),
                status,
            )),
        }
    }

    /// An `INVALID_RESPONSE` at `self.path` + `key`.
    pub fn err(&self, key: &str, rule: &str) -> IdvError {
        IdvError::invalid_response(self.api, &join(&self.path, key), rule, self.status)
    }

    /// The value of `key`, treating `null` as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// The value of `key`; absent or `null` is an error.
    pub fn req(&self, key: &str) -> Result<&'a Value, IdvError> {
        self.get(key).ok_or_else(|| self.err(key, "is required but missing"))
    }

    pub fn req_str(&self, key: &str) -> Result<&'a str, IdvError> {
        let v = self.req(key)?;
        v.as_str().ok_or_else(|| self.err(key, &format!("expected a string, found {}", type_name(v))))
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>, IdvError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(v) => Err(self.err(key, &format!("expected a string, found {}", type_name(v)))),
        }
    }

    /// A required, non-empty string.
    pub fn req_nonempty_str(&self, key: &str) -> Result<&'a str, IdvError> {
        let s = self.req_str(key)?;
        if s.is_empty() {
            return Err(self.err(key, "must not be empty"));
        }
        Ok(s)
    }

    /// An integer in `i64`.
    pub fn req_i64(&self, key: &str) -> Result<i64, IdvError> {
        let v = self.req(key)?;
        v.as_i64().ok_or_else(|| self.err(key, &format!("expected an integer, found {}", type_name(v))))
    }

    pub fn req_obj(&self, key: &str) -> Result<Obj<'a>, IdvError> {
        let v = self.req(key)?;
        Obj::at(self.api, self.status, join(&self.path, key), v)
    }

    /// An optional object; absent or `null` is `None`.
    pub fn opt_obj(&self, key: &str) -> Result<Option<Obj<'a>>, IdvError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => Obj::at(self.api, self.status, join(&self.path, key), v).map(Some),
        }
    }

    /// Element `i` of an array under `key`, as an object.
    pub fn item(&self, key: &str, i: usize, v: &'a Value) -> Result<Obj<'a>, IdvError> {
        Obj::at(self.api, self.status, index_path(&self.path, key, i), v)
    }

    pub fn req_array(&self, key: &str) -> Result<&'a [Value], IdvError> {
        let v = self.req(key)?;
        match v {
            Value::Array(a) => Ok(a.as_slice()),
            other => Err(self.err(key, &format!("expected an array, found {}", type_name(other)))),
        }
    }

    /// An optional array; absent or `null` is empty.
    pub fn opt_array(&self, key: &str) -> Result<&'a [Value], IdvError> {
        match self.get(key) {
            None => Ok(&[]),
            Some(Value::Array(a)) => Ok(a.as_slice()),
            Some(other) => Err(self.err(key, &format!("expected an array, found {}", type_name(other)))),
        }
    }
}

/// The path of element `i` of the array at `parent.key`: `parent.key[i]`.
pub fn index_path(parent: &str, key: &str, i: usize) -> String {
    format!("{}[{i}]", join(parent, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_body_errors_name_position_not_text() {
        let e = parse_body(Api::Caisson, 200, br#"{"check_id": "secret-value",}"#).unwrap_err();
        assert_eq!(e.code.as_str(), "INVALID_RESPONSE");
        assert!(e.message().contains("line 1"), "{}", e.message());
        assert!(!e.to_string().contains("secret-value"));
        let e = parse_body(Api::Caisson, 200, br#"{"a": "#).unwrap_err();
        assert!(e.message().contains("ends early"));
        assert!(parse_body(Api::Caisson, 200, b"  ").is_err());
        assert!(parse_body(Api::Caisson, 200, &[0xff, 0xfe]).is_err());
        let big = vec![b' '; MAX_BODY_BYTES + 1];
        assert!(parse_body(Api::Caisson, 200, &big).unwrap_err().message().contains("1 MiB"));
    }

    #[test]
    fn obj_paths_and_types() {
        let v: Value = serde_json::from_str(r#"{"a": {"b": 5, "c": null, "s": "x", "e": ""}, "arr": [1]}"#).unwrap();
        let root = Obj::root(Api::Goldstar, 200, &v).unwrap();
        let a = root.req_obj("a").unwrap();
        assert_eq!(a.req_i64("b").unwrap(), 5);
        let e = a.req_str("b").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("a.b"));
        assert!(e.message().contains("expected a string, found a number"));
        assert!(a.opt_str("c").unwrap().is_none());
        assert_eq!(a.req_str("c").unwrap_err().field.as_deref(), Some("a.c"));
        assert!(a.req_nonempty_str("e").is_err());
        assert_eq!(root.req_array("arr").unwrap().len(), 1);
        assert!(root.opt_array("missing").unwrap().is_empty());
        assert!(root.req_array("a").is_err());
        assert_eq!(index_path("confidence", "reasons", 2), "confidence.reasons[2]");
        assert!(Obj::root(Api::Goldstar, 200, &Value::from(3)).is_err());
    }
}
