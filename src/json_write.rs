//! A small JSON writer: what the client sends to JavaScript (results crossing
//! as JSON text for one `JSON.parse`) and on the wire (request bodies),
//! without serde's serializer in the wasm.
//!
//! The output is byte for byte what `serde_json::to_string` gives for the
//! same value with the types' `#[derive(Serialize)]`: keys in field order, the
//! same `skip_serializing_if` omissions, `None` without skip as `null`, enums
//! as their serde names, strings escaped as serde_json escapes them.
//! `tests/json_write_equivalence.rs` checks every implementation against
//! serde_json on generated values. The derives stay on the public types (Rust
//! users and the Sandbox use them); an `impl ToJson` must follow its type's
//! serde attributes when they change.
//!
//! Target-independent; no `core::fmt` (integers are written by hand) and
//! `&dyn` where a generic would only add copies.

/// A value that writes itself as JSON text.
pub trait ToJson {
    /// Appends the JSON text of `self` to `out`.
    fn write_json(&self, out: &mut String);
}

/// The JSON text of `value`.
pub fn to_json(value: &dyn ToJson) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it: `"` and
/// `\` with a backslash, `\b \f \n \r \t` in short form, the other control
/// characters below U+0020 as `\u00xx` (lowercase hex), everything else
/// (`/`, U+007F, non-ASCII) as it is.
pub fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    // The plain runs are copied with `get`, not `&s[..]`: `i` is always at an
    // ASCII byte (a char boundary), but indexing would still link a panic
    // path, with its message formatting, into the wasm.
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => '"',
            b'\\' => '\\',
            0x08 => 'b',
            0x0c => 'f',
            b'\n' => 'n',
            b'\r' => 'r',
            b'\t' => 't',
            0x00..=0x1f => 'u',
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        out.push('\\');
        out.push(short);
        if short == 'u' {
            out.push_str("00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xf)] as char);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Appends `n` in decimal.
pub fn write_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &buf[i..] {
        out.push(d as char);
    }
}

/// Appends `n` in decimal, with a `-` when negative.
pub fn write_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    write_u64(out, n.unsigned_abs());
}

/// An object being written: `{`, then `"key":value` pairs separated by
/// commas, then `}`.
pub struct Obj<'a> {
    out: &'a mut String,
    /// `{` before the first field, `,` after.
    sep: char,
}

impl<'a> Obj<'a> {
    pub fn new(out: &'a mut String) -> Obj<'a> {
        Obj { out, sep: '{' }
    }

    /// A field (an `Option` without `skip_serializing_if` writes `null`).
    pub fn field(&mut self, key: &str, value: &dyn ToJson) {
        self.out.push(self.sep);
        self.sep = ',';
        write_str(self.out, key);
        self.out.push(':');
        value.write_json(self.out);
    }

    /// A field with `skip_serializing_if = "Option::is_none"`: left out when `None`.
    pub fn skip_none<T: ToJson>(&mut self, key: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.field(key, v);
        }
    }

    pub fn end(self) {
        if self.sep == '{' {
            self.out.push('{');
        }
        self.out.push('}');
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for u16 {
    fn write_json(&self, out: &mut String) {
        write_u64(out, u64::from(*self));
    }
}

impl ToJson for u32 {
    fn write_json(&self, out: &mut String) {
        write_u64(out, u64::from(*self));
    }
}

impl ToJson for u64 {
    fn write_json(&self, out: &mut String) {
        write_u64(out, *self);
    }
}

impl ToJson for i32 {
    fn write_json(&self, out: &mut String) {
        write_i64(out, i64::from(*self));
    }
}

impl ToJson for i64 {
    fn write_json(&self, out: &mut String) {
        write_i64(out, *self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings() {
        let s = |v: &str| to_json(&v);
        assert_eq!(s(""), r#""""#);
        assert_eq!(s("a\"b\\c/d"), r#""a\"b\\c/d""#);
        assert_eq!(s("\u{8}\u{c}\n\r\t\u{0}\u{1f}\u{7f}é😀"), "\"\\b\\f\\n\\r\\t\\u0000\\u001f\u{7f}é😀\"");
    }

    #[test]
    fn integers() {
        assert_eq!(to_json(&0u64), "0");
        assert_eq!(to_json(&u64::MAX), "18446744073709551615");
        assert_eq!(to_json(&i64::MIN), "-9223372036854775808");
        assert_eq!(to_json(&-7i32), "-7");
    }

    #[test]
    fn objects() {
        let mut out = String::new();
        Obj::new(&mut out).end();
        assert_eq!(out, "{}");
        out.clear();
        let mut o = Obj::new(&mut out);
        o.field("a", &1u16);
        o.skip_none::<u16>("b", &None);
        o.field("c", &None::<String>);
        o.field("d", &vec![true, false]);
        o.end();
        assert_eq!(out, r#"{"a":1,"c":null,"d":[true,false]}"#);
    }
}
