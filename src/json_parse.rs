//! A JSON parser into `serde_json::Value` that gives exactly what
//! `serde_json::from_slice::<Value>` gives (with `arbitrary_precision`): the
//! same values (numbers keep their text) and, for malformed input, an error
//! at the same line and column with the same end-of-input classification.
//! Two differences, on purpose:
//! - An object with a member name twice is refused (serde_json keeps the
//!   last value, as `JSON.parse` does): `{"Summary":"fail","Summary":"pass"}`
//!   must not read as a pass, and no server of either API sends one (RFC 8259
//!   says names SHOULD be unique; I-JSON, RFC 7493, says MUST).
//! - serde_json reads an object whose first key is its private number token
//!   (`{"$serde_json::private::Number":"42"}`) as the number 42; here it is the
//!   object it is, so a body cannot pass an object off as a number (an `Id`, a
//!   reason `code`).
//!
//! It replaces serde_json's deserializer in the
//! wasm (about 58 KB raw, 24 KB gzip: its visitor machinery pulled in float
//! formatting); `tests/json_equivalence.rs` checks it against serde_json on
//! generated and mutated documents.

use serde_json::{Map, Number, Value};

/// Where and how parsing failed, as serde_json would report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    /// The input ended early (serde_json's `Category::Eof`).
    pub eof: bool,
    /// An object has this member name twice (the position is the first
    /// non-space after the second one): refused, where serde_json keeps the
    /// last value.
    pub duplicate: bool,
}

/// serde_json's recursion limit.
const DEPTH: u32 = 128;

struct P<'a> {
    b: &'a [u8],
    i: usize,
    remaining_depth: u32,
}

type R<T> = Result<T, SyntaxError>;

impl<'a> P<'a> {
    fn at(&self, index: usize, eof: bool) -> SyntaxError {
        let before = &self.b[..index.min(self.b.len())];
        let start_of_line = before.iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1);
        let line = 1 + before[..start_of_line].iter().filter(|&&c| c == b'\n').count();
        SyntaxError {
            line,
            column: index - start_of_line,
            eof,
            duplicate: false,
        }
    }

    /// serde_json's `error`: at the current index.
    fn error(&self, eof: bool) -> SyntaxError {
        self.at(self.i, eof)
    }

    /// serde_json's `peek_error`: one past the current index (capped).
    fn peek_error(&self, eof: bool) -> SyntaxError {
        self.at((self.i + 1).min(self.b.len()), eof)
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn ws(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
        self.peek()
    }

    fn ident(&mut self, rest: &[u8]) -> R<()> {
        for &expected in rest {
            match self.next() {
                None => return Err(self.error(true)),
                Some(c) if c != expected => return Err(self.error(false)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn value(&mut self) -> R<Value> {
        let Some(c) = self.ws() else {
            return Err(self.peek_error(true));
        };
        match c {
            b'n' => {
                self.i += 1;
                self.ident(b"ull").map(|_| Value::Null)
            }
            b't' => {
                self.i += 1;
                self.ident(b"rue").map(|_| Value::Bool(true))
            }
            b'f' => {
                self.i += 1;
                self.ident(b"alse").map(|_| Value::Bool(false))
            }
            b'-' => {
                self.i += 1;
                self.number(false).map(Value::Number)
            }
            b'0'..=b'9' => self.number(true).map(Value::Number),
            b'"' => {
                self.i += 1;
                self.string().map(Value::String)
            }
            b'[' => {
                self.enter()?;
                self.i += 1;
                let v = self.array();
                self.remaining_depth += 1;
                let v = v?;
                self.i += 1; // the `]` the loop stopped at
                Ok(Value::Array(v))
            }
            b'{' => {
                self.enter()?;
                self.i += 1;
                let v = self.object();
                self.remaining_depth += 1;
                let v = v?;
                self.end_map()?;
                Ok(v)
            }
            _ => Err(self.peek_error(false)),
        }
    }

    fn enter(&mut self) -> R<()> {
        self.remaining_depth -= 1;
        if self.remaining_depth == 0 {
            return Err(self.peek_error(false));
        }
        Ok(())
    }

    fn array(&mut self) -> R<Vec<Value>> {
        let mut out = Vec::new();
        let mut first = true;
        loop {
            match self.ws() {
                None => return Err(self.peek_error(true)),
                Some(b']') => return Ok(out),
                Some(_) if first => first = false,
                Some(b',') => {
                    self.i += 1;
                    match self.ws() {
                        Some(b']') => return Err(self.peek_error(false)),
                        Some(_) => {}
                        None => return Err(self.peek_error(true)),
                    }
                }
                Some(_) => return Err(self.peek_error(false)),
            }
            out.push(self.value()?);
        }
    }

    /// Is there another key (the cursor then at its quote)?
    fn has_next_key(&mut self, first: &mut bool) -> R<bool> {
        match self.ws() {
            None => Err(self.peek_error(true)),
            Some(b'}') => Ok(false),
            Some(c) if *first => {
                *first = false;
                if c == b'"' {
                    Ok(true)
                } else {
                    Err(self.peek_error(false))
                }
            }
            Some(b',') => {
                self.i += 1;
                match self.ws() {
                    Some(b'"') => Ok(true),
                    Some(_) => Err(self.peek_error(false)),
                    None => Err(self.peek_error(true)),
                }
            }
            Some(_) => Err(self.peek_error(false)),
        }
    }

    fn colon(&mut self) -> R<()> {
        match self.ws() {
            Some(b':') => {
                self.i += 1;
                Ok(())
            }
            Some(_) => Err(self.peek_error(false)),
            None => Err(self.peek_error(true)),
        }
    }

    fn object(&mut self) -> R<Value> {
        let mut first = true;
        let mut map = Map::new();
        while self.has_next_key(&mut first)? {
            self.i += 1;
            let key = self.string()?;
            if map.contains_key(&key) {
                // At the first non-space after the name, where serde_json
                // puts a visitor's error (tests/json_equivalence.rs).
                self.ws();
                return Err(SyntaxError { duplicate: true, ..self.error(false) });
            }
            self.colon()?;
            let v = self.value()?;
            map.insert(key, v);
        }
        Ok(Value::Object(map))
    }

    fn end_map(&mut self) -> R<()> {
        match self.ws() {
            Some(b'}') => {
                self.i += 1;
                Ok(())
            }
            Some(_) => Err(self.peek_error(false)),
            None => Err(self.peek_error(true)),
        }
    }

    fn digits(&mut self) -> usize {
        let from = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - from
    }

    /// A number (after its `-`, if `!positive`), by serde_json's scanner.
    fn number(&mut self, positive: bool) -> R<Number> {
        let start = if positive { self.i } else { self.i - 1 };
        match self.next() {
            None => return Err(self.error(true)),
            Some(b'0') => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(false));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(_) => return Err(self.error(false)),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.peek_error(self.peek().is_none()));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            match self.next() {
                None => return Err(self.error(true)),
                Some(b'0'..=b'9') => {}
                Some(_) => return Err(self.error(false)),
            }
            self.digits();
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).map_err(|_| self.error(false))?;
        // serde_json writes an exponent without a sign as `e+`. (split_once,
        // not index arithmetic: no slicing that could panic.)
        let text = match text.split_once(['e', 'E']) {
            Some((mantissa, exp)) if exp.starts_with(['+', '-']) => [mantissa, "e", exp].concat(),
            Some((mantissa, exp)) => [mantissa, "e+", exp].concat(),
            None => text.to_string(),
        };
        // The text is now exactly what serde_json's scanner (`arbitrary_precision`)
        // keeps: `Number::from_str` would re-scan it and, for integers that fit
        // u64/i64, write them back through itoa to the same digits, pulling
        // its deserializer, itoa and zmij into the wasm (about 6 KB raw).
        // `from_string_unchecked` is serde_json's doc(hidden) constructor for
        // that representation; tests/json_equivalence.rs checks the values.
        Ok(Number::from_string_unchecked(text))
    }

    fn hex4(&mut self) -> R<u16> {
        match self.b.get(self.i..self.i + 4) {
            Some(h) => {
                self.i += 4;
                let mut n: u16 = 0;
                for &c in h {
                    match (c as char).to_digit(16) {
                        Some(d) => n = n * 16 + d as u16,
                        None => return Err(self.error(false)),
                    }
                }
                Ok(n)
            }
            None => {
                self.i = self.b.len();
                Err(self.error(true))
            }
        }
    }

    /// A string after its opening quote.
    fn string(&mut self) -> R<String> {
        let mut scratch: Vec<u8> = Vec::new();
        let mut escaped = false;
        let mut start = self.i;
        loop {
            while let Some(&c) = self.b.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            let Some(&c) = self.b.get(self.i) else {
                return Err(self.error(true));
            };
            match c {
                b'"' => {
                    let content: &[u8] = if escaped {
                        scratch.extend_from_slice(&self.b[start..self.i]);
                        &scratch
                    } else {
                        &self.b[start..self.i]
                    };
                    self.i += 1;
                    return match std::str::from_utf8(content) {
                        Ok(s) => Ok(s.to_string()),
                        Err(e) => {
                            let mut err = self.error(false);
                            err.column = err.column.saturating_sub(content.len() - e.valid_up_to());
                            Err(err)
                        }
                    };
                }
                b'\\' => {
                    escaped = true;
                    scratch.extend_from_slice(&self.b[start..self.i]);
                    self.i += 1;
                    self.escape(&mut scratch)?;
                    start = self.i;
                }
                _ => {
                    self.i += 1;
                    return Err(self.error(false));
                }
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> R<()> {
        let Some(c) = self.next() else {
            return Err(self.error(true));
        };
        let simple = match c {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode(out),
            _ => return Err(self.error(false)),
        };
        out.push(simple);
        Ok(())
    }

    fn unicode(&mut self, out: &mut Vec<u8>) -> R<()> {
        let n = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error(false));
        }
        let code = if (0xD800..=0xDBFF).contains(&n) {
            for want in [b'\\', b'u'] {
                match self.peek() {
                    None => return Err(self.error(true)),
                    Some(c) if c == want => self.i += 1,
                    Some(_) => {
                        self.i += 1;
                        return Err(self.error(false));
                    }
                }
            }
            let n2 = self.hex4()?;
            if !(0xDC00..=0xDFFF).contains(&n2) {
                return Err(self.error(false));
            }
            ((u32::from(n - 0xD800) << 10) | u32::from(n2 - 0xDC00)) + 0x1_0000
        } else {
            u32::from(n)
        };
        let ch = char::from_u32(code).ok_or_else(|| self.error(false))?;
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }
}

/// Parses `body` as one JSON value (whitespace around it allowed), as
/// `serde_json::from_slice::<Value>` does.
pub fn parse_value(body: &[u8]) -> Result<Value, SyntaxError> {
    let mut p = P {
        b: body,
        i: 0,
        remaining_depth: DEPTH,
    };
    let v = p.value()?;
    match p.ws() {
        Some(_) => Err(p.peek_error(false)),
        None => Ok(v),
    }
}
