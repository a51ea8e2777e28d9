//! The fast path of the two hot validators: one pass over the body's bytes,
//! no tree, no allocation of its own (but for a string with escapes that
//! must be compared; the slots go into the caller's `Vec`).
//!
//! [`scan_id_check`] and [`scan_outcome`] answer `Some` only for a body that
//! [`crate::caisson::parse_id_check`] / the Goldstar outcome parsers accept,
//! and then they have written where each value of the result is in the body
//! (the *slots*, below): the JavaScript bindings (`build.js`) decode the body
//! once and build the result object from those positions, slicing the string
//! (no `JSON.parse` of the body, which cost twice the scan), adding the
//! interpretations by the indices recorded here. Anything
//! else, including every body they are not sure of (escaped keys, duplicated
//! keys, invalid members, numeric Goldstar `Id`s, deep nesting), is `None`: the
//! caller then runs the full validator, which gives the result or the exact
//! error. So this module can make a call faster, never more permissive, and
//! never changes an error. `tests/scan_props.rs` checks that implication on
//! generated and mutated bodies, and that the result rebuilt from the slots
//! is the full validator's.
//!
//! The result's strings are slices of the decoded body, so a result keeps
//! that text alive while it is referenced (V8 copies slices under 13
//! characters); the body is at most 1 MiB.
//!
//! The JSON accepted is what `serde_json` (with `arbitrary_precision`)
//! accepts and `JSON.parse` reads the same way: UTF-8, no control characters
//! in strings, escapes checked (a lone surrogate is refused), numbers by the
//! JSON grammar, whitespace around the root only from ` \t\n\r`. An object
//! with a key twice is left to the full parser, which refuses it (where
//! `JSON.parse` and serde_json would keep the last value).

use crate::caisson::reason_interpretation_index;
use crate::goldstar::qualifier_index;
use crate::goldstar::{is_error_key, is_pass, is_success_key};
use crate::http::MAX_BODY_BYTES;
use crate::time::parse_rfc3339_ms;

/// Nesting deeper than this is left to the full parser (serde_json stops at 128).
const MAX_DEPTH: u32 = 64;

/// A slot for a value the body does not have (or has as `null`).
pub const ABSENT: u32 = u32::MAX;
/// Set on a string's end slot when the string holds escapes: its value is
/// then the JSON literal (quotes included) decoded, not the bare slice.
pub const ESCAPED: u32 = 1 << 31;

/// The slots of [`scan_id_check`], as `build.js` reads them. A string is two
/// slots, `[start, end]`: its content's place in the body decoded as UTF-16
/// (what a JavaScript string is indexed by), `end | ESCAPED` when it holds
/// escapes, `start == ABSENT` when the value is missing or `null`.
pub mod id_check_slots {
    pub const CHECK_ID: usize = 0;
    pub const CUSTOMER_ID: usize = 2;
    pub const CHECKED_ON: usize = 4;
    pub const DOCUMENT: usize = 6;
    pub const FACE: usize = 8;
    pub const FIRST_NAME: usize = 10;
    pub const LAST_NAME: usize = 12;
    pub const SEX: usize = 14;
    pub const DOB: usize = 16;
    pub const EXPIRES_ON: usize = 18;
    /// Street, city, state and zip, two slots each (`STREET` absent: no address).
    pub const STREET: usize = 20;
    /// How many reasons follow (`ABSENT`: no `reasons`, or `null`), four
    /// slots each: the code, its interpretation index, the description (a
    /// string).
    pub const REASON_COUNT: usize = 28;
    pub const REASONS: usize = 29;
    pub const REASON_LEN: usize = 4;
}

/// The slots of [`scan_outcome`] (strings as in [`id_check_slots`]).
pub mod outcome_slots {
    pub const ID: usize = 0;
    pub const KEY: usize = 2;
    pub const MESSAGE: usize = 4;
    /// Absent when `Summary` is missing or `null`.
    pub const SUMMARY: usize = 6;
    /// [`super::OutcomeStatus`] as a number.
    pub const STATUS: usize = 8;
    /// Where the qualifier list is (absent: none): its count, then five
    /// slots each: the interpretation index, `Key`, `Message` (absent: `""`).
    pub const QUALIFIERS_AT: usize = 9;
    pub const QUALIFIER_LEN: usize = 5;
    /// Where the question list is (absent: none): its count, then per
    /// question `Prompt`, `Type`, the choice count and each choice's `Text`.
    pub const QUESTIONS_AT: usize = 10;
    /// The slots before the lists.
    pub const FIXED: usize = 11;
}

/// A string as it appears in the body: its raw content (between the quotes)
/// and whether it holds escapes.
#[derive(Clone, Copy)]
struct Str<'a> {
    raw: &'a str,
    escaped: bool,
    /// Where `raw` starts in the body (bytes).
    at: usize,
}

impl<'a> Str<'a> {
    /// The decoded text: borrowed when there is no escape.
    fn text(&self) -> Option<std::borrow::Cow<'a, str>> {
        if !self.escaped {
            return Some(std::borrow::Cow::Borrowed(self.raw));
        }
        unescape(self.raw).map(std::borrow::Cow::Owned)
    }
}

/// Decodes the escapes of an already checked string.
fn unescape(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let c = match chars.next()? {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let hex = |chars: &mut std::str::Chars<'_>| -> Option<u32> {
                    (0..4).try_fold(0u32, |acc, _| Some(acc * 16 + chars.next()?.to_digit(16)?))
                };
                let n = hex(&mut chars)?;
                if (0xD800..0xDC00).contains(&n) {
                    if chars.next()? != '\\' || chars.next()? != 'u' {
                        return None;
                    }
                    let lo = hex(&mut chars)?;
                    char::from_u32(0x10000 + ((n - 0xD800) << 10) + (lo.checked_sub(0xDC00)?))?
                } else {
                    char::from_u32(n)?
                }
            }
            _ => return None,
        };
        out.push(c);
    }
    Some(out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Null,
    Other,
}

struct Scanner<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    depth: u32,
    /// The body is ASCII: a byte offset is its UTF-16 offset.
    ascii: bool,
    /// The last offset converted to UTF-16: `(byte, how many more bytes
    /// than UTF-16 units before it)` (offsets are asked for in order).
    mark: (usize, usize),
}

/// The length of the run of bytes at the start of `b` that need no attention
/// inside a string (not `"`, `\\` or a control character), eight at a time.
fn plain_run(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Non-zero iff some byte of `v` is below `n` (n <= 128): the classic SWAR test.
    let below = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v & HIGH;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else { break };
        let x = u64::from_le_bytes(bytes);
        let hits = below(x ^ (ONES * u64::from(b'"')), 1) | below(x ^ (ONES * u64::from(b'\\')), 1) | below(x, 0x20);
        if hits != 0 {
            // The lowest flag is exact (a borrow only reaches the bytes above a hit).
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// `b.is_ascii()`, eight bytes at a time: core's works a `usize` at a time,
/// four bytes in wasm32, and took twice as long on a doc-sized body.
fn is_ascii(b: &[u8]) -> bool {
    let chunks = b.chunks_exact(8);
    let tail = chunks.remainder();
    let high = chunks.fold(0u64, |acc, c| acc | c.try_into().map_or(u64::MAX, u64::from_le_bytes));
    high & 0x8080_8080_8080_8080 == 0 && tail.is_ascii()
}

fn hex4(b: &[u8]) -> Option<u32> {
    let h = b.get(..4)?;
    h.iter()
        .try_fold(0u32, |acc, &c| Some(acc * 16 + (c as char).to_digit(16)?))
}

impl<'a> Scanner<'a> {
    /// A scanner over a body, which must be UTF-8 and at most 1 MiB.
    fn new(body: &'a [u8]) -> Option<Scanner<'a>> {
        if body.len() > MAX_BODY_BYTES {
            return None;
        }
        let s = std::str::from_utf8(body).ok()?;
        Some(Scanner {
            s,
            b: body,
            i: 0,
            depth: 0,
            ascii: is_ascii(body),
            mark: (0, 0),
        })
    }

    /// The UTF-16 offset of byte offset `at` (a character boundary).
    #[inline]
    fn utf16(&mut self, at: usize) -> u32 {
        if self.ascii {
            at as u32
        } else {
            self.utf16_counted(at)
        }
    }

    /// [`Self::utf16`] in a body that is not ASCII: the bytes since the
    /// last offset asked for are counted.
    #[cold]
    #[inline(never)]
    fn utf16_counted(&mut self, at: usize) -> u32 {
        let (from, extra) = if at >= self.mark.0 { self.mark } else { (0, 0) };
        // A continuation byte adds one byte but no unit; a four-byte
        // sequence is two units (its lead byte takes one back).
        let (mut more, mut fewer) = (0, 0);
        for &c in self.b.get(from..at).unwrap_or_default() {
            more += usize::from(c & 0xC0 == 0x80);
            fewer += usize::from(c >= 0xF0);
        }
        let extra = (extra + more).saturating_sub(fewer);
        self.mark = (at, extra);
        at.saturating_sub(extra) as u32
    }

    /// The two slots of string `v`.
    #[inline]
    fn slots(&mut self, v: Str<'_>) -> [u32; 2] {
        let start = self.utf16(v.at);
        let end = self.utf16(v.at + v.raw.len());
        [start, if v.escaped { end | ESCAPED } else { end }]
    }

    /// The slots of `v` (`None`: absent) into `out[at..at + 2]`.
    fn put(&mut self, out: &mut [u32], at: usize, v: Option<Str<'_>>) {
        let pair = match v {
            Some(v) => self.slots(v),
            None => [ABSENT, ABSENT],
        };
        if let Some(dst) = out.get_mut(at..at + 2) {
            dst.copy_from_slice(&pair);
        }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        if self.peek()? == c {
            self.i += 1;
            Some(())
        } else {
            None
        }
    }

    /// The whole body was one value, with only whitespace after it.
    fn end(mut self) -> Option<()> {
        self.ws();
        (self.i == self.b.len()).then_some(())
    }

    /// A string at the cursor (the opening quote included).
    fn string(&mut self) -> Option<Str<'a>> {
        self.eat(b'"')?;
        let start = self.i;
        let mut escaped = false;
        loop {
            self.i += plain_run(self.b.get(self.i..)?);
            let c = *self.b.get(self.i)?;
            match c {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    let e = *self.b.get(self.i + 1)?;
                    self.i += 2;
                    match e {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => {
                            let n = hex4(self.b.get(self.i..)?)?;
                            self.i += 4;
                            if (0xDC00..0xE000).contains(&n) {
                                return None;
                            }
                            if (0xD800..0xDC00).contains(&n) {
                                if self.b.get(self.i..self.i + 2)? != b"\\u" {
                                    return None;
                                }
                                let lo = hex4(self.b.get(self.i + 2..)?)?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return None;
                                }
                                self.i += 6;
                            }
                        }
                        _ => return None,
                    }
                }
                0..=0x1f => return None,
                _ => self.i += 1,
            }
        }
        let raw = self.s.get(start..self.i)?;
        self.i += 1;
        Some(Str { raw, escaped, at: start })
    }

    /// A number by the JSON grammar; returns its text.
    fn number(&mut self) -> Option<&'a str> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let digits = |sc: &mut Scanner<'a>| -> usize {
            let from = sc.i;
            while sc.peek().is_some_and(|c| c.is_ascii_digit()) {
                sc.i += 1;
            }
            sc.i - from
        };
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => {
                digits(self);
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if digits(self) == 0 {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if digits(self) == 0 {
                return None;
            }
        }
        self.s.get(start..self.i)
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        if self.b.get(self.i..self.i + word.len())? == word {
            self.i += word.len();
            Some(())
        } else {
            None
        }
    }

    /// Any value, checked and skipped.
    fn skip(&mut self) -> Option<Kind> {
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(|_| Kind::Other),
            b'{' => self.object(|s, _| s.skip().map(|_| ())).map(|_| Kind::Other),
            b'[' => self.array(|s| s.skip().map(|_| ())).map(|_| Kind::Other),
            b't' => self.literal(b"true").map(|_| Kind::Other),
            b'f' => self.literal(b"false").map(|_| Kind::Other),
            b'n' => self.literal(b"null").map(|_| Kind::Null),
            _ => self.number().map(|_| Kind::Other),
        }
    }

    /// `null` (then `None`) or anything else (left at the cursor).
    fn null_or(&mut self) -> Option<bool> {
        self.ws();
        if self.peek()? == b'n' {
            self.literal(b"null")?;
            Some(true)
        } else {
            Some(false)
        }
    }

    /// An object at the cursor: `member` is called with each key and must
    /// consume the value. Keys with escapes are refused (they could spell a
    /// key this scanner looks for), and so is a key the object already had
    /// (the full parser refuses it) or a 33rd key (not checked here; the
    /// full parser takes the object). Without escapes, equal keys are equal
    /// bytes.
    fn object(&mut self, mut member: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        let mut keys: [&'a str; 32] = [""; 32];
        let mut n = 0;
        self.ws();
        self.eat(b'{')?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        if self.peek()? == b'}' {
            self.i += 1;
            self.depth -= 1;
            return Some(());
        }
        loop {
            self.ws();
            let key = self.string()?;
            if key.escaped {
                return None;
            }
            first_time(&mut keys, &mut n, key.raw)?;
            self.ws();
            self.eat(b':')?;
            member(self, key.raw)?;
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    self.depth -= 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// An array at the cursor: `item` must consume each element.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<usize> {
        self.ws();
        self.eat(b'[')?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        if self.peek()? == b']' {
            self.i += 1;
            self.depth -= 1;
            return Some(0);
        }
        let mut n = 0;
        loop {
            item(self)?;
            n += 1;
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    self.depth -= 1;
                    return Some(n);
                }
                _ => return None,
            }
        }
    }

    /// A string value (not `null`).
    fn str_value(&mut self) -> Option<Str<'a>> {
        self.ws();
        self.string()
    }

    /// A non-empty string value.
    fn nonempty(&mut self) -> Option<Str<'a>> {
        self.str_value().filter(|s| !s.raw.is_empty())
    }

    /// `null` or a string: `Some(None)` for `null`.
    fn opt_str(&mut self) -> Option<Option<Str<'a>>> {
        if self.null_or()? {
            Some(None)
        } else {
            self.str_value().map(Some)
        }
    }

    /// A string holding an RFC 3339 date-time.
    fn date_time(&mut self) -> Option<Str<'a>> {
        let s = self.str_value()?;
        date_time_valid(&s.text()?).then_some(s)
    }

    /// `null` (`Some(None)`), an ISO date (`YYYY-MM-DD`) or an RFC 3339 string.
    fn opt_date(&mut self) -> Option<Option<Str<'a>>> {
        if self.null_or()? {
            return Some(None);
        }
        let s = self.str_value()?;
        let text = s.text()?;
        (crate::time::parse_iso_date_ms(&text).is_some() || date_time_valid(&text)).then_some(Some(s))
    }
}

/// Records `key` among an object's first `n` keys: `None` if it is one of
/// them, or if there is no room left. One copy, not one per `object` caller.
#[inline(never)]
fn first_time<'a>(keys: &mut [&'a str; 32], n: &mut usize, key: &'a str) -> Option<()> {
    if keys.get(..*n)?.contains(&key) {
        return None;
    }
    *keys.get_mut(*n)? = key;
    *n += 1;
    Some(())
}

/// `out[at] = value`, if `out` has that slot.
fn set(out: &mut [u32], at: usize, value: u32) {
    if let Some(slot) = out.get_mut(at) {
        *slot = value;
    }
}

/// Does [`parse_rfc3339_ms`] accept `s`? The same answer, cheaper for the
/// usual date-time: [`plain_date_time`] says yes without computing the
/// instant (days since the epoch, a 128-bit division: a fifth of a Caisson
/// scan), and anything else is asked of `parse_rfc3339_ms` itself.
/// `tests/scan_props.rs` checks the two answers agree.
#[doc(hidden)]
pub fn date_time_valid(s: &str) -> bool {
    plain_date_time(s.as_bytes()).is_some() || parse_rfc3339_ms(s).is_some()
}

/// `Some` only for a date-time [`parse_rfc3339_ms`] certainly accepts:
/// its grammar (`YYYY-MM-DD`, any one separator byte, `hh:mm:ss`, an optional
/// fraction of any length, `Z`, `z` or `±hh:mm` with hours at most 23 and
/// minutes at most 59), a real calendar date, and seconds 00-59 (a leap
/// second is left to it). Every year of four digits is in its range, and
/// every such instant fits its milliseconds.
fn plain_date_time(b: &[u8]) -> Option<()> {
    let digits = |at: usize, n: usize| -> Option<u32> {
        b.get(at..at + n)?
            .iter()
            .try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    let byte_is = |at: usize, c: u8| (b.get(at) == Some(&c)).then_some(());
    let year = digits(0, 4)?;
    byte_is(4, b'-')?;
    let month = digits(5, 2)?;
    byte_is(7, b'-')?;
    let day = digits(8, 2)?;
    // b[10]: any separator byte.
    let hour = digits(11, 2)?;
    byte_is(13, b':')?;
    let minute = digits(14, 2)?;
    byte_is(16, b':')?;
    let second = digits(17, 2)?;
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    match b.get(i)? {
        b'Z' | b'z' => i += 1,
        b'+' | b'-' => {
            let (oh, om) = (digits(i + 1, 2)?, digits(i + 4, 2)?);
            byte_is(i + 3, b':')?;
            if oh > 23 || om > 59 {
                return None;
            }
            i += 6;
        }
        _ => return None,
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (i == b.len() && (1..=days).contains(&day) && hour <= 23 && minute <= 59 && second <= 59).then_some(())
}

/// The `confidence.reasons[i].code` literal: 0 to 65535, digits only (a
/// sign, fraction or exponent is left to the full validator).
fn reason_code(text: &str) -> Option<u16> {
    if text.starts_with('-') || text.contains(['.', 'e', 'E']) || text.len() > 5 {
        return None;
    }
    text.parse().ok()
}

/// Fast validation of a `GET /v1/idcheck` body (status and content type
/// already accepted). `Some`: the body is valid, and `out` holds its
/// [`id_check_slots`] (each reason's interpretation index is
/// [`reason_interpretation_index`] of its code).
pub fn scan_id_check(body: &[u8], out: &mut Vec<u32>) -> Option<()> {
    use id_check_slots as at;
    let mut s = Scanner::new(body)?;
    out.clear();
    // Every slot absent, the reason count included (no `reasons` in the body).
    out.resize(at::REASONS, ABSENT);
    let mut seen = [false; 5];
    s.object(|s, key| {
        match key {
            "error" => {
                // Any value but null is an error the full validator words.
                s.null_or()?.then_some(())?;
            }
            "check_id" | "customer_id" => {
                let v = s.nonempty()?;
                let customer = key == "customer_id";
                // A check id the client could send back.
                if !customer && !crate::caisson::is_check_id(v.text()?.as_bytes()) {
                    return None;
                }
                s.put(out, if customer { at::CUSTOMER_ID } else { at::CHECK_ID }, Some(v));
                seen[usize::from(customer)] = true;
            }
            "checked_on" => {
                let v = s.date_time()?;
                s.put(out, at::CHECKED_ON, Some(v));
                seen[2] = true;
            }
            "confidence" => {
                confidence(s, out)?;
                seen[3] = true;
            }
            "info" => {
                info(s, out)?;
                seen[4] = true;
            }
            _ => {
                s.skip()?;
            }
        }
        Some(())
    })?;
    s.end()?;
    seen.iter().all(|&b| b).then_some(())
}

fn level<'a>(s: &mut Scanner<'a>) -> Option<Str<'a>> {
    let v = s.str_value()?;
    matches!(&*v.text()?, "high" | "medium" | "low").then_some(v)
}

fn confidence(s: &mut Scanner<'_>, out: &mut Vec<u32>) -> Option<()> {
    use id_check_slots as at;
    let mut seen = [false; 2];
    s.object(|s, key| {
        match key {
            "document" | "face" => {
                let v = level(s)?;
                let face = key == "face";
                s.put(out, if face { at::FACE } else { at::DOCUMENT }, Some(v));
                seen[usize::from(face)] = true;
            }
            "reasons" => {
                // `null` is absent, as in the full validator.
                let n = if s.null_or()? { ABSENT } else { u32::try_from(s.array(|s| reason(s, out))?).ok()? };
                set(out, at::REASON_COUNT, n);
            }
            _ => {
                s.skip()?;
            }
        }
        Some(())
    })?;
    (seen[0] && seen[1]).then_some(())
}

/// One reason: its [`id_check_slots::REASON_LEN`] slots onto `out`.
fn reason(s: &mut Scanner<'_>, out: &mut Vec<u32>) -> Option<()> {
    let mut code = None;
    let mut description = None;
    s.object(|s, key| {
        match key {
            "code" => {
                s.ws();
                code = Some(reason_code(s.number()?)?);
            }
            "description" => {
                let v = s.str_value()?;
                description = Some(s.slots(v));
            }
            _ => {
                s.skip()?;
            }
        }
        Some(())
    })?;
    let (code, [start, end]) = (code?, description?);
    out.extend_from_slice(&[u32::from(code), u32::from(reason_interpretation_index(code)), start, end]);
    Some(())
}

fn info(s: &mut Scanner<'_>, out: &mut [u32]) -> Option<()> {
    use id_check_slots as at;
    let mut seen = [false; 2];
    s.object(|s, key| {
        match key {
            "first_name" | "last_name" => {
                let v = s.str_value()?;
                let last = key == "last_name";
                s.put(out, if last { at::LAST_NAME } else { at::FIRST_NAME }, Some(v));
                seen[usize::from(last)] = true;
            }
            "sex" => {
                let v = s.opt_str()?;
                s.put(out, at::SEX, v);
            }
            "dob" | "expires_on" => {
                let v = s.opt_date()?;
                s.put(out, if key == "dob" { at::DOB } else { at::EXPIRES_ON }, v);
            }
            "address" => {
                if !s.null_or()? {
                    let mut fields = [false; 4];
                    s.object(|s, key| {
                        let slot = match key {
                            "street" => 0,
                            "city" => 1,
                            "state" => 2,
                            "zip" => 3,
                            _ => return s.skip().map(|_| ()),
                        };
                        let v = s.str_value()?;
                        s.put(out, at::STREET + 2 * slot, Some(v));
                        *fields.get_mut(slot)? = true;
                        Some(())
                    })?;
                    fields.iter().all(|&b| b).then_some(())?;
                }
            }
            _ => {
                s.skip()?;
            }
        }
        Some(())
    })?;
    (seen[0] && seen[1]).then_some(())
}

/// `VerifyOutcome.status` as the fast path reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum OutcomeStatus {
    Passed = 0,
    Failed = 1,
    Questions = 2,
}

/// Fast validation of a verify-identity / verify-answers body (status,
/// content type and byte-order mark already dealt with). `Some(status)`: the
/// body is valid, and `out` holds its [`outcome_slots`] (each qualifier's
/// interpretation index is [`qualifier_index`] of its `Key`, a lone object
/// counting as one qualifier). Each list is written where its member is met.
pub fn scan_outcome(body: &[u8], out: &mut Vec<u32>) -> Option<OutcomeStatus> {
    use outcome_slots as at;
    let mut s = Scanner::new(body)?;
    out.clear();
    out.resize(at::FIXED, ABSENT);
    let (mut key, mut message, mut summary, mut id) = (None::<bool>, None::<bool>, false, false);
    let mut questions = 0;
    s.object(|s, k| {
        match k {
            "Key" => {
                let v = s.str_value()?;
                let text = v.text()?;
                if is_error_key(&text) || text.is_empty() {
                    return None;
                }
                key = Some(is_success_key(&text));
                s.put(out, at::KEY, Some(v));
            }
            "Message" => {
                let v = s.str_value()?;
                message = Some(is_pass(&v.text()?));
                s.put(out, at::MESSAGE, Some(v));
            }
            "Summary" => {
                let v = s.opt_str()?;
                summary = match v {
                    None => false,
                    Some(v) => is_pass(&v.text()?),
                };
                s.put(out, at::SUMMARY, v);
            }
            "Id" => {
                // A numeric Id (every digit kept) is left to the full validator.
                let v = s.str_value()?;
                let text = v.text()?;
                if !crate::goldstar::is_transaction_id(text.as_bytes()) {
                    return None;
                }
                id = true;
                s.put(out, at::ID, Some(v));
            }
            "Qualifiers" => {
                let list = out.len();
                out.push(0);
                let mut n = 0;
                if !s.null_or()? {
                    match s.peek()? {
                        b'[' => n = s.array(|s| qualifier(s, out))?,
                        b'{' => {
                            qualifier(s, out)?;
                            n = 1;
                        }
                        _ => return None,
                    }
                }
                set(out, list, u32::try_from(n).ok()?);
                set(out, at::QUALIFIERS_AT, u32::try_from(list).ok()?);
            }
            "Questions" => {
                let list = out.len();
                out.push(0);
                questions = if s.null_or()? { 0 } else { s.array(|s| question(s, out))? };
                set(out, list, u32::try_from(questions).ok()?);
                set(out, at::QUESTIONS_AT, u32::try_from(list).ok()?);
            }
            _ => {
                s.skip()?;
            }
        }
        Some(())
    })?;
    s.end()?;
    let (success, message_pass) = (key?, message?);
    if !id {
        return None;
    }
    let status = if success || message_pass || summary {
        OutcomeStatus::Passed
    } else if questions > 0 {
        OutcomeStatus::Questions
    } else {
        OutcomeStatus::Failed
    };
    set(out, at::STATUS, status as u32);
    Some(status)
}

/// One qualifier: its [`outcome_slots::QUALIFIER_LEN`] slots onto `out`.
fn qualifier(s: &mut Scanner<'_>, out: &mut Vec<u32>) -> Option<()> {
    let mut index = None;
    let mut key = [ABSENT; 2];
    let mut message = [ABSENT; 2];
    s.object(|s, k| {
        match k {
            "Key" => {
                let v = s.nonempty()?;
                index = Some(qualifier_index(&v.text()?) as u8);
                key = s.slots(v);
            }
            "Message" => {
                message = match s.opt_str()? {
                    Some(v) => s.slots(v),
                    None => [ABSENT; 2],
                };
            }
            _ => {
                s.skip()?;
            }
        }
        Some(())
    })?;
    out.extend_from_slice(&[u32::from(index?), key[0], key[1], message[0], message[1]]);
    Some(())
}

/// One question onto `out`: `Prompt`, `Type`, the choice count, then its
/// choices' `Text`.
fn question(s: &mut Scanner<'_>, out: &mut Vec<u32>) -> Option<()> {
    let record = out.len();
    out.extend_from_slice(&[ABSENT, ABSENT, ABSENT, ABSENT, 0]);
    let mut seen = [false; 3];
    s.object(|s, k| {
        match k {
            "Prompt" => {
                let v = s.str_value()?;
                s.put(out, record, Some(v));
                seen[0] = true;
            }
            "Type" => {
                let v = s.nonempty()?;
                s.put(out, record + 2, Some(v));
                seen[1] = true;
            }
            "Choices" => {
                let n = s.array(|s| {
                    let mut text = None;
                    s.object(|s, k| {
                        if k == "Text" {
                            let v = s.nonempty()?;
                            text = Some(s.slots(v));
                            Some(())
                        } else {
                            s.skip().map(|_| ())
                        }
                    })?;
                    out.extend_from_slice(&text?);
                    Some(())
                })?;
                if n == 0 {
                    return None;
                }
                set(out, record + 4, u32::try_from(n).ok()?);
                seen[2] = true;
            }
            _ => {
                s.skip()?;
            }
        }
        Some(())
    })?;
    seen.iter().all(|&b| b).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_escapes() {
        let ok = |b: &str| {
            Scanner::new(b.as_bytes())
                .and_then(|mut s| s.skip().and_then(|_| s.end()))
                .is_some()
        };
        assert!(ok(r#""a\n\u00e9\ud83d\ude00""#));
        assert!(!ok(r#""\ud83d""#));
        assert!(!ok(r#""\ude00""#));
        assert!(!ok(r#""\x""#));
        assert!(!ok("\"a\u{1}\""));
        assert!(ok(r#"[1, -0, 0.5, 1e10, -1.5E-3, {"a": [true, false, null]}]"#));
        for bad in [
            "01",
            "1.",
            "-",
            "1e",
            ".5",
            "+1",
            "[1,]",
            "{\"a\":1,}",
            "[1 2]",
            "{\"a\" 1}",
            "nul",
            "[",
            "",
        ] {
            assert!(!ok(bad), "{bad}");
        }
        assert_eq!(unescape(r#"a\n\u00e9\ud83d\ude00\/"#).unwrap(), "a\n\u{e9}\u{1f600}/");
    }

    #[test]
    fn plain_runs_stop_at_the_first_special_byte() {
        let naive = |b: &[u8]| b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).unwrap_or(b.len());
        let alphabet = [b'a', b'"', b'\\', 0x00, 0x1f, 0x20, 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xc3, 0xa9, 0xff, b'0'];
        let mut seed: u32 = 12345;
        for len in 0..40 {
            for _ in 0..200 {
                let b: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        // Mostly plain bytes, so runs are long.
                        if (seed >> 16) % 4 == 0 { alphabet[(seed >> 20) as usize % alphabet.len()] } else { b'x' }
                    })
                    .collect();
                assert_eq!(plain_run(&b), naive(&b), "{b:?}");
            }
        }
    }

    #[test]
    fn ascii_eight_bytes_at_a_time_agrees_with_core() {
        for len in 0..40 {
            for at in 0..len {
                for c in [0x7f, 0x80, 0xc3, 0xff] {
                    let mut b = vec![b'a'; len];
                    assert!(is_ascii(&b));
                    b[at] = c;
                    assert_eq!(is_ascii(&b), b.is_ascii(), "{len} {at} {c}");
                }
            }
        }
    }

    #[test]
    fn utf16_offsets_count_every_utf8_length() {
        let body = "{\"a\":\"x\u{e9}\u{20ac}\u{1f600}y\",\"b\":\"\u{1f600}\"}";
        let mut s = Scanner::new(body.as_bytes()).unwrap();
        let units: Vec<u16> = body.encode_utf16().collect();
        let mut seen = Vec::new();
        s.object(|s, _| {
            let v = s.str_value()?;
            let [a, b] = s.slots(v);
            seen.push(String::from_utf16(&units[a as usize..b as usize]).unwrap());
            Some(())
        })
        .unwrap();
        assert_eq!(seen, ["x\u{e9}\u{20ac}\u{1f600}y", "\u{1f600}"]);
    }

    #[test]
    fn reason_codes() {
        assert_eq!(reason_code("101"), Some(101));
        assert_eq!(reason_code("65535"), Some(65535));
        for bad in ["65536", "-0", "1.0", "1e2", "100000"] {
            assert_eq!(reason_code(bad), None, "{bad}");
        }
    }
}
