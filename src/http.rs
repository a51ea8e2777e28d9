//! Sans-IO HTTP values: what a builder returns and what a validator reads.
//! Nothing here performs I/O; the transport (wasm) or any other HTTP client
//! turns an [`HttpRequest`] into a real request.

use std::borrow::Cow;
use std::fmt;

/// Largest response body any validator accepts (1 MiB).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        if s.eq_ignore_ascii_case("GET") {
            Some(Method::Get)
        } else if s.eq_ignore_ascii_case("POST") {
            Some(Method::Post)
        } else {
            None
        }
    }
}

/// The media type of a `Content-Type` value: before any `;`, trimmed.
pub(crate) fn media_type(content_type: &str) -> &str {
    crate::checks::trim_ws(content_type.split(';').next().unwrap_or_default())
}

/// Is a `Content-Type` one the validators read as JSON? `application/json`,
/// `text/json` (ASP.NET Web API's second JSON media type) or any
/// `type/subtype+json`, parameters ignored; or `text/plain`, what a
/// `Response` built from a string says unless told otherwise (the body must
/// still parse as JSON). HTML, XML (ASP.NET's other format) and the rest are
/// refused: a proxy's or a portal's page, not the API's answer.
pub(crate) fn is_json_media_type(content_type: &str) -> bool {
    let media = media_type(content_type);
    match media.split_once('/') {
        Some((ty, sub)) => {
            !ty.is_empty()
                && (media.eq_ignore_ascii_case("application/json")
                    || media.eq_ignore_ascii_case("text/json")
                    || media.eq_ignore_ascii_case("text/plain")
                    || (sub.len() > "+json".len() && ends_with_ignore_case(sub, "+json")))
        }
        None => false,
    }
}

/// Does `s` end with `suffix`, ASCII case-insensitively? (No lowercased
/// copy: a content type is checked on every call.)
pub(crate) fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len()
        .checked_sub(suffix.len())
        .and_then(|at| s.as_bytes().get(at..))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// Header list with case-insensitive lookup; keeps insertion order.
/// Names the SDK itself sets are `'static` (no allocation per header: a
/// response's headers are built once per call).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(Cow<'static, str>, String)>);

impl Headers {
    pub fn new() -> Headers {
        Headers(Vec::new())
    }

    /// Set `name`, replacing any value it had (a name known at compile time).
    pub fn set_static(&mut self, name: &'static str, value: impl Into<String>) {
        self.put(Cow::Borrowed(name), value.into());
    }

    /// The first value of `name`, compared case-insensitively.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Set `name`, replacing any value it had.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.put(Cow::Owned(name.to_string()), value.into());
    }

    /// The one non-generic body of the setters (one copy in the wasm).
    fn put(&mut self, name: Cow<'static, str>, value: String) {
        self.0.retain(|(k, _)| !k.eq_ignore_ascii_case(&name));
        self.0.push((name, value));
    }

    /// Add a value to `name`: a name already present gets `", "` and the
    /// value after its own, as the fetch standard's `Headers.append` joins
    /// them (so `Content-Type: text/html` and `Content-Type: application/json`
    /// read as `text/html, application/json`, which is not JSON: the
    /// validators refuse such a response, as the JS client does).
    pub fn append(&mut self, name: &str, value: &str) {
        match self.0.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            Some((_, v)) => {
                v.push_str(", ");
                v.push_str(value);
            }
            None => self.0.push((Cow::Owned(name.to_string()), value.to_string())),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (&**k, v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Pairs as a response has them: a name that repeats is [`Headers::append`]ed
/// (its values joined with `", "`, as `new Headers(pairs)` does in JS), so a
/// response's multi-valued header converted to pairs reads as fetch reads it.
impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut h = Headers::new();
        for (k, v) in iter {
            h.append(k.as_ref(), v.as_ref());
        }
        h
    }
}

/// Header values can hold the API key: `Debug` prints names only.
impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter().map(|(k, _)| k)).finish()
    }
}

/// A request ready to send: method, absolute URL, headers, body.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Headers,
    pub body: Option<Vec<u8>>,
}

/// Bodies carry PII and headers the key: `Debug` shows method, URL (which by
/// construction holds no secret: the check id travels in a header) and sizes.
impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body_bytes", &self.body.as_ref().map(Vec::len))
            .finish()
    }
}

/// A response as received, for the validators and as the Sandbox's output.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Headers,
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A JSON response with `Content-Type: application/json; charset=utf-8`.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> HttpResponse {
        let mut headers = Headers::new();
        headers.set_static("Content-Type", "application/json; charset=utf-8");
        HttpResponse { status, headers, body: body.into() }
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_media_types() {
        for ok in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON;charset=UTF-8",
            "text/json",
            "Text/JSON; charset=utf-8",
            "application/problem+json",
            "application/vnd.caisson.v1+json; q=1",
            " application/json ",
        ] {
            assert!(is_json_media_type(ok), "{ok}");
        }
        assert!(is_json_media_type("text/plain;charset=UTF-8"), "a Response built from a string");
        for bad in
            ["", "text/html", "text/plainx", "application/+json", "json", "application/jsonp", "/json", "application/xml", "text/xml"]
        {
            assert!(!is_json_media_type(bad), "{bad}");
        }
    }

    #[test]
    fn suffixes_ignore_ascii_case_only() {
        for (s, yes) in [
            ("application/problem+json", true),
            ("APPLICATION/PROBLEM+JSON", true),
            ("+Json", true),
            ("json", false),
            ("+jso", false),
            ("", false),
            ("é+json", true),
            ("+jsoné", false),
            ("ééé", false),
            ("+JSÖN", false),
        ] {
            assert_eq!(ends_with_ignore_case(s, "+json"), yes, "{s}");
        }
        assert_eq!(media_type(" Application/JSON ; charset=utf-8"), "Application/JSON");
        assert_eq!(media_type(""), "");
    }

    #[test]
    fn set_replaces_whatever_the_case_and_keeps_order() {
        let mut h: Headers = [("Accept", "a"), ("X-One", "1")].into_iter().collect();
        h.set_static("accept", "b");
        h.set("x-two", "2");
        h.set_static("X-ONE", "one");
        assert_eq!(h.iter().collect::<Vec<_>>(), [("accept", "b"), ("x-two", "2"), ("X-ONE", "one")]);
        assert_eq!(h.get("ACCEPT"), Some("b"));
        assert_eq!(h.len(), 3);
    }

    #[test]
    fn pairs_and_append_join_a_repeated_name_as_fetch_does() {
        let mut h: Headers = [("Content-Type", "text/html"), ("X-A", "1"), ("content-type", "application/json")].into_iter().collect();
        assert_eq!(h.iter().collect::<Vec<_>>(), [("Content-Type", "text/html, application/json"), ("X-A", "1")]);
        assert!(!is_json_media_type(h.get("content-type").unwrap()));
        h.append("x-a", "2");
        h.append("X-B", "3");
        assert_eq!(h.get("X-A"), Some("1, 2"));
        assert_eq!(h.len(), 3);
        let owned: Headers = vec![(String::from("A"), String::from("x"))].into_iter().collect();
        assert_eq!(owned.get("a"), Some("x"));
    }
}

display_as_str!(Method);
