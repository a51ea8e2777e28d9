//! Argument checks shared by both APIs: URLs, hosts, identifiers, text.
//! Every check returns `INVALID_ARGUMENT` naming the field and the rule.

use crate::error::{Api, IdvError};

/// Longest base URL accepted.
pub const MAX_URL_LEN: usize = 2048;

/// Is `host` (already lower-cased, brackets kept for IPv6) a loopback name
/// reached over plain http (the Sandbox's HTTP server)?
pub fn is_loopback_host(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

/// A validated `host[:port]`, lower-cased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authority {
    pub host: String,
    pub port: Option<u16>,
}

impl Authority {
    pub fn is_loopback(&self) -> bool {
        is_loopback_host(&self.host)
    }

    /// `host` or `host:port`.
    pub fn to_string_with_port(&self) -> String {
        match self.port {
            Some(p) => format!("{}:{p}", self.host),
            None => self.host.clone(),
        }
    }
}

/// Parses `host[:port]`: a DNS name, an IPv4 address or a bracketed IPv6
/// address, then an optional port 1 to 65535. Nothing else (no scheme, path,
/// query, credentials, whitespace or control characters).
///
/// One rule of the WHATWG URL parser is not checked here: that an `xn--`
/// label is Punycode of a valid label (it needs Unicode's IDNA tables). The
/// JS clients try such a URL on the runtime's own parser at construction
/// (`transport::check_idna_host`); a Rust caller's HTTP client judges it.
pub fn parse_authority(api: Api, field: &str, s: &str) -> Result<Authority, IdvError> {
    let bad = |rule: &str| IdvError::invalid_argument(api, field, rule);
    if s.is_empty() {
        return Err(bad("must name a host"));
    }
    if !s.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(bad("must not contain spaces, control characters or non-ASCII characters"));
    }
    if s.contains('@') {
        return Err(bad("must not contain credentials"));
    }
    if s.contains('\\') {
        return Err(bad("must not contain a backslash (a URL parser reads it as '/')"));
    }
    if s.contains(['/', '?', '#']) {
        return Err(bad("must be a bare host name with an optional port (no scheme, path, query or fragment)"));
    }
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        // split_once, not index arithmetic: no slicing that could panic (and
        // no panic path, with its message formatting, in the wasm).
        let (inner, after) = rest.split_once(']').ok_or_else(|| bad("has an unterminated IPv6 address"))?;
        if !is_ipv6(inner) {
            return Err(bad("has an invalid IPv6 address"));
        }
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or_else(|| bad("has junk after the IPv6 address"))?),
        };
        // The loopback address in any spelling (`[0:0:0:0:0:0:0:1]`) is
        // `[::1]`, as a URL parser writes it: reached over http.
        let host = if is_ipv6_loopback(inner) { "[::1]".to_string() } else { format!("[{}]", inner.to_ascii_lowercase()) };
        (host, port)
    } else {
        let (h, port) = match s.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        };
        // A fully qualified name's trailing dot (`api.caisson.com.`) names
        // the same host: dropped, as TLS names and the loopback rule have none.
        let h = match h.len().checked_sub(1) {
            Some(end) if end > 0 && h.as_bytes().last() == Some(&b'.') => h.get(..end).unwrap_or(h),
            _ => h,
        };
        (h.to_ascii_lowercase(), port)
    };
    if !host.starts_with('[') {
        check_dns_name(&host).map_err(bad)?;
    }
    let port = match port {
        None => None,
        Some(p) => {
            if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("has an invalid port"));
            }
            match p.parse::<u16>() {
                Ok(n) if n > 0 => Some(n),
                _ => return Err(bad("has a port outside 1 to 65535")),
            }
        }
    };
    Ok(Authority { host, port })
}

fn check_dns_name(host: &str) -> Result<(), &'static str> {
    if host.is_empty() {
        return Err("has an empty host name");
    }
    if host.len() > 253 {
        return Err("has a host name longer than 253 characters");
    }
    // As the URL standard reads a host: one whose last label is a number
    // (decimal, or 0x hex) is an IPv4 address, and must be a valid one
    // (here strictly: four decimal parts 0 to 255, no leading zeros).
    let last = host.rfind('.').map_or(Some(host), |i| host.get(i + 1..)).unwrap_or_default();
    let hex = last.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("0x")) && last.bytes().skip(2).all(|b| b.is_ascii_hexdigit());
    if (hex || last.bytes().all(|b| b.is_ascii_digit())) && !is_ipv4(host) {
        return Err("has an invalid IPv4 address (a host name cannot end in a number)");
    }
    for label in host.split('.') {
        if label.is_empty() || label.len() > 63 {
            return Err("has a host name label that is empty or longer than 63 characters");
        }
        if !label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err("has a host name with characters other than letters, digits, '-' and '.'");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err("has a host name label that starts or ends with '-'");
        }
    }
    Ok(())
}

/// `.` or `..`, percent-encoded or not (a URL parser removes them, with the
/// segment before: the path sent would not be the one configured).
fn is_dot_segment(seg: &str) -> bool {
    [".", "..", "%2e", ".%2e", "%2e.", "%2e%2e"].iter().any(|d| seg.eq_ignore_ascii_case(d))
}

/// A dotted-quad IPv4 address: four decimal parts 0 to 255, no leading zeros.
fn is_ipv4(s: &str) -> bool {
    let mut parts = 0;
    for part in s.split('.') {
        parts += 1;
        let b = part.as_bytes();
        // At most 3 digits (checked first: no overflow), no leading zero, 0 to 255.
        let ok = (1..=3).contains(&b.len())
            && !(b.len() > 1 && b.first() == Some(&b'0'))
            && b.iter().try_fold(0u16, |n, &d| d.is_ascii_digit().then(|| n * 10 + u16::from(d - b'0'))).is_some_and(|n| n <= 255);
        if !ok {
            return false;
        }
    }
    parts == 4
}

/// An IPv6 address (RFC 4291 text form, as inside URL brackets): up to eight
/// groups of 1 to 4 hex digits, at most one `::`, an IPv4 tail allowed.
fn is_ipv6(s: &str) -> bool {
    let groups = |part: &str| -> Option<usize> {
        if part.is_empty() {
            return Some(0);
        }
        let mut n = 0;
        let mut items = part.split(':').peekable();
        while let Some(g) = items.next() {
            n += if items.peek().is_none() && g.contains('.') {
                is_ipv4(g).then_some(2)?
            } else {
                ((1..=4).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_hexdigit())).then_some(1)?
            };
        }
        Some(n)
    };
    // Bytes and `get`, not `split_once("::")`: a `&str` pattern brings core's
    // substring searcher and slice-panic formatting into the wasm (+3 KB gzip).
    let double = |t: &str| t.as_bytes().windows(2).position(|w| w == b"::");
    match double(s) {
        Some(i) => match (s.get(..i), s.get(i + 2..)) {
            // One `::`; an IPv4 tail only at the very end.
            (Some(head), Some(tail)) => {
                double(tail).is_none()
                    && !head.contains('.')
                    && matches!((groups(head), groups(tail)), (Some(h), Some(t)) if h + t <= 7)
            }
            _ => false,
        },
        None => groups(s) == Some(8),
    }
}

/// Is `s` (a valid IPv6 address, brackets off) the loopback address `::1`
/// in any spelling (`0:0:0:0:0:0:0:1`, `::0001`)? Every group but the last
/// zero, the last 1. (The IPv4-tail spelling `::0.0.0.1` is not read as it.)
fn is_ipv6_loopback(s: &str) -> bool {
    // Bytes: `rsplit_once` and `trim_start_matches` bring core's char
    // searcher into the wasm.
    let b = s.as_bytes();
    let Some(i) = b.iter().rposition(|&c| c == b':') else { return false };
    let (rest, last) = (b.get(..i).unwrap_or_default(), b.get(i + 1..).unwrap_or_default());
    last.iter().skip_while(|&&c| c == b'0').eq(b"1") && rest.iter().all(|&c| c == b'0' || c == b':')
}

/// Validates a base URL: `https://host[:port][/path]`, or `http://` for a
/// loopback host only. No credentials, query, fragment, whitespace or control
/// characters. Returns it normalized (lower-case scheme and host, no trailing
/// slash), ready for `format!("{base}/v1/...")`.
pub fn parse_base_url(api: Api, field: &str, s: &str) -> Result<String, IdvError> {
    let bad = |rule: &str| IdvError::invalid_argument(api, field, rule);
    if s.len() > MAX_URL_LEN {
        return Err(bad("must be at most 2048 characters"));
    }
    if !s.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(bad("must not contain spaces, control characters or non-ASCII characters"));
    }
    // `get` and `split_once`, not index arithmetic: no slicing that could
    // panic (and no panic path, with its message formatting, in the wasm).
    let scheme_is = |prefix: &str| s.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
    let (secure, rest) = if scheme_is("https://") {
        (true, s.get(8..).unwrap_or_default())
    } else if scheme_is("http://") {
        (false, s.get(7..).unwrap_or_default())
    } else {
        return Err(bad("must be an https:// URL (http:// only for localhost, 127.0.0.1 or [::1])"));
    };
    if rest.contains(['?', '#']) {
        return Err(bad("must not have a query or fragment"));
    }
    // The path keeps its leading `/`.
    let (authority, path) = match rest.find('/') {
        Some(i) => (rest.get(..i).unwrap_or_default(), rest.get(i..).unwrap_or_default()),
        None => (rest, ""),
    };
    let auth = parse_authority(api, field, authority)?;
    if !secure && !auth.is_loopback() {
        return Err(bad("must use https (http is allowed only for localhost, 127.0.0.1 or [::1])"));
    }
    if path.contains('\\') || path.split('/').any(is_dot_segment) {
        return Err(bad("has an invalid path"));
    }
    let path = path.trim_end_matches('/');
    let scheme = if secure { "https" } else { "http" };
    Ok(format!("{scheme}://{}{path}", auth.to_string_with_port()))
}

/// An opaque identifier (token, check id): 1 to 256 characters of
/// `A-Z a-z 0-9 - _`. The character rule also stops header injection.
pub fn check_identifier(api: Api, field: &str, s: &str) -> Result<(), IdvError> {
    if s.is_empty() || s.len() > 256 {
        return Err(IdvError::invalid_argument(api, field, "must be 1 to 256 characters"));
    }
    if !is_identifier(s.as_bytes()) {
        return Err(IdvError::invalid_argument(
            api,
            field,
            "must contain only the characters A-Z a-z 0-9 - _",
        ));
    }
    Ok(())
}

/// 1 to 256 of `A-Z a-z 0-9 - _` (the rule [`check_identifier`] words).
pub fn is_identifier(s: &[u8]) -> bool {
    (1..=256).contains(&s.len()) && s.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Is `s` empty or nothing but white space (Unicode's, the no-break space
/// among it) and zero-width characters? A name made of those looks blank.
pub fn is_blank(s: &str) -> bool {
    // Unicode's White_Space, written out (`char::is_whitespace` brings its
    // table into the wasm), then the zero-width ones.
    s.chars().all(|c| {
        matches!(c, '\t'..='\r' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}'
            | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
    })
}

/// `s` without the leading and trailing bytes `strip` accepts (ASCII bytes
/// only, so both ends stay on char boundaries). One copy for every trim: core's
/// `trim` reads Unicode white space and `trim_matches`/`trim_ascii` are
/// inlined at each use, each several hundred bytes of wasm.
#[inline(never)]
fn trim_ascii_by(s: &str, strip: fn(u8) -> bool) -> &str {
    let b = s.as_bytes();
    let start = b.iter().position(|&c| !strip(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|&c| !strip(c)).map_or(start, |i| i + 1);
    s.get(start..end).unwrap_or_default()
}

/// `s` without the spaces (U+0020 only) around it.
pub fn trim_spaces(s: &str) -> &str {
    trim_ascii_by(s, |c| c == b' ')
}

/// `s` without the white space of JSON and HTTP around it (space, tab, CR, LF).
pub fn trim_ws(s: &str) -> &str {
    trim_ascii_by(s, |c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Does `s` hold a control character (C0, DEL or C1), a line or paragraph
/// separator (U+2028, U+2029: line breaks to many readers) or a bidirectional
/// embedding, override or isolate (U+202A-U+202E, U+2066-U+2069: text that
/// displays in another order than it is stored)?
pub fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() || matches!(c, '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

/// A header name a caller may add (`defaultHeaders`): an RFC 7230 token.
pub fn check_header_name(api: Api, field: &str, name: &str) -> Result<(), IdvError> {
    let ok = !name.is_empty()
        && name.len() <= 256
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(IdvError::invalid_argument(api, field, "must be a valid HTTP header name"))
    }
}

/// A header value a caller may add: at most 4096 visible ASCII characters or
/// inner spaces (no CR, LF, NUL or other control characters, no non-ASCII).
pub fn check_header_value(api: Api, field: &str, value: &str) -> Result<(), IdvError> {
    let ok = value.len() <= 4096 && value.bytes().all(|b| b == b' ' || b == b'\t' || b.is_ascii_graphic());
    if ok {
        Ok(())
    } else {
        Err(IdvError::invalid_argument(
            api,
            field,
            "must be at most 4096 visible ASCII characters (no CR, LF, NUL, other control characters or non-ASCII)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Api = Api::Caisson;

    #[test]
    fn base_url_accepts_https_and_loopback_http() {
        assert_eq!(parse_base_url(A, "baseUrl", "https://api.caisson.com").unwrap(), "https://api.caisson.com");
        assert_eq!(parse_base_url(A, "baseUrl", "HTTPS://API.Caisson.com/").unwrap(), "https://api.caisson.com");
        assert_eq!(parse_base_url(A, "baseUrl", "https://proxy.example.com/caisson/").unwrap(), "https://proxy.example.com/caisson");
        assert_eq!(parse_base_url(A, "baseUrl", "http://localhost:4010").unwrap(), "http://localhost:4010");
        assert_eq!(parse_base_url(A, "baseUrl", "http://127.0.0.1:4010").unwrap(), "http://127.0.0.1:4010");
        assert_eq!(parse_base_url(A, "baseUrl", "http://[::1]:4010").unwrap(), "http://[::1]:4010");
    }

    #[test]
    fn base_url_refuses_the_rest_without_echoing_it() {
        for bad in [
            "http://api.caisson.com",
            "ftp://api.caisson.com",
            "api.caisson.com",
            "https://user:pw@api.caisson.com",
            "https://api.caisson.com?x=1",
            "https://api.caisson.com#f",
            "https://api.caisson.com\r\nX: y",
            "https://api caisson.com",
            "https://",
            "https://-bad-.com",
            "https://api.caisson.com:0",
            "https://api.caisson.com:99999",
            "https://api.caisson.com/../x",
            "https://api.caisson.com/%2e%2E/x",
            "https://api.caisson.com/a/.%2e",
            "https://api.caisson.com/%2e/x",
            "https://256.1.1.1",
            "http://localhost.evil.com",
            "https://ápi.com",
        ] {
            let e = parse_base_url(A, "baseUrl", bad).unwrap_err();
            assert_eq!(e.code.as_str(), "INVALID_ARGUMENT", "{bad:?}");
            assert_eq!(e.field.as_deref(), Some("baseUrl"));
            assert!(!e.to_string().contains("caisson.com"), "{e}");
        }
    }

    #[test]
    fn authority_rules() {
        let a = parse_authority(A, "domain", "QAServices.GoldstarTrust.com").unwrap();
        assert_eq!(a.host, "qaservices.goldstartrust.com");
        assert!(!a.is_loopback());
        let a = parse_authority(A, "domain", "localhost:4010").unwrap();
        assert!(a.is_loopback());
        assert_eq!(a.port, Some(4010));
        assert_eq!(parse_authority(A, "domain", "[::1]:80").unwrap().to_string_with_port(), "[::1]:80");
        for bad in ["", "https://x.com", "x.com/p", "x.com:", "x.com:abc", "a@x.com", "x..com", "x.com\n", "[::1", "[zz]"] {
            assert!(parse_authority(A, "domain", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ip_addresses_as_the_url_standard_reads_hosts() {
        for ok in ["10.0.0.1", "255.255.255.255", "0.0.0.0", "a.b2", "x.2a", "[::1]", "[2001:db8::8a2e:370:7334]", "[::]",
            "[1:2:3:4:5:6:7:8]", "[::ffff:192.0.2.1]", "[1::]", "[1:2:3:4:5:6::8]"] {
            assert!(parse_authority(A, "domain", ok).is_ok(), "{ok:?}");
        }
        // A host that ends in a number is an IPv4 address to a URL parser:
        // these would fail only when a request is built, so they fail here.
        for bad in ["256.1.1.1", "1.2.3.1234567", "999.1.1.1", "a.2", "1.2.3.4.5", "1.2.3", "01.2.3.4", "1.2.3.0x4", "x.0x1f", "9", "[1:2:3]",
            "[1:2:3:4:5:6:7:8:9]", "[1::2::3]", "[12345::]", "[::1.2.3]", "[1.2.3.4::]", "[::1]x"] {
            let e = parse_authority(A, "domain", bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("domain"), "{bad:?}");
        }
    }

    #[test]
    fn the_ipv6_loopback_address_in_any_spelling_is_loopback() {
        for given in ["[0:0:0:0:0:0:0:1]", "[::0001]", "[0::1]", "[0000:0::01]", "[::1]"] {
            let a = parse_authority(A, "domain", given).unwrap();
            assert_eq!(a.host, "[::1]", "{given}");
            assert!(a.is_loopback(), "{given}");
        }
        assert!(parse_authority(A, "domain", "[0:0:0:0:0:0:0:1]:8080").unwrap().is_loopback());
        assert_eq!(parse_base_url(A, "baseUrl", "http://[0:0::1]:4010").unwrap(), "http://[::1]:4010");
        // Other addresses are kept as given (lower-cased); a URL parser
        // shortens them the same way whatever their spelling.
        assert_eq!(parse_authority(A, "domain", "[2001:DB8:0:0::1]").unwrap().host, "[2001:db8:0:0::1]");
        for other in ["[::ffff:127.0.0.1]", "[::2]", "[1::1]", "[::]", "[::10]", "[::1:0]", "[1::]", "[::11]", "[0:0:0:0:0:0:1:1]"] {
            assert!(!parse_authority(A, "domain", other).unwrap().is_loopback(), "{other}");
        }
        for bad in ["[+1::]", "[::+1]", "[1:2:3:4:5:6:7:+8]", "[-1::]", "[::1:]", "[:1::]"] {
            assert!(parse_authority(A, "domain", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_trailing_dot_names_the_same_host() {
        assert_eq!(parse_authority(A, "domain", "QA.Example.com.").unwrap().host, "qa.example.com");
        assert!(parse_authority(A, "domain", "localhost.:4010").unwrap().is_loopback());
        assert!(parse_authority(A, "domain", "127.0.0.1.").unwrap().is_loopback());
        assert_eq!(parse_base_url(A, "baseUrl", "https://api.caisson.com./v1/").unwrap(), "https://api.caisson.com/v1");
        for bad in [".", "a.com..", "9.", "256.1.1.1.", ".a.com"] {
            assert!(parse_authority(A, "domain", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn base_url_errors_name_the_rule_broken() {
        let rule = |url: &str| parse_base_url(A, "baseUrl", url).unwrap_err().to_string();
        assert!(rule("https://").contains("must name a host"), "{}", rule("https://"));
        assert!(rule("https:///x").contains("must name a host"));
        assert!(rule("https://api.caisson.com\\x").contains("backslash"));
        assert!(rule("https://a_b.com").contains("letters"), "{}", rule("https://a_b.com"));
        assert!(rule("https://a.com.9").contains("IPv4"));
    }

    #[test]
    fn trims_cut_only_their_ascii_bytes() {
        for (given, spaces, ws) in [
            ("  a b  ", "a b", "a b"),
            ("\t a \r\n", "\t a \r\n", "a"),
            ("", "", ""),
            ("   ", "", ""),
            ("\u{a0}x\u{a0}", "\u{a0}x\u{a0}", "\u{a0}x\u{a0}"),
            (" é ", "é", "é"),
        ] {
            assert_eq!(trim_spaces(given), spaces, "{given:?}");
            assert_eq!(trim_ws(given), ws, "{given:?}");
            assert_eq!(trim_spaces(given), given.trim_matches(' '));
        }
    }

    #[test]
    fn controls_include_line_separators_and_bidirectional_overrides() {
        for c in ['\u{0}', '\t', '\n', '\u{7F}', '\u{85}', '\u{9F}', '\u{2028}', '\u{2029}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert!(has_control(&format!("a{c}b")), "{c:?}");
        }
        for ok in ["O'Brien", "José Núñez", "Zoë", "李", "Anne-Marie", "a\u{200D}b", "\u{2027}", "\u{202F}", "\u{2065}", "\u{206A}"] {
            assert!(!has_control(ok), "{ok:?}");
        }
    }

    #[test]
    fn blank_is_unicode_white_space_and_the_zero_width_characters() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let zero_width = matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}');
            assert_eq!(is_blank(c.encode_utf8(&mut [0; 4])), c.is_whitespace() || zero_width, "{:?}", c);
        }
        assert!(is_blank("") && is_blank(" \u{A0}\u{3000}") && !is_blank(" a "));
    }

    #[test]
    fn identifiers() {
        assert!(check_identifier(A, "token", "chk_xchg_UeRXDryTTpvU24CTre8W2Q").is_ok());
        assert!(check_identifier(A, "token", &"a".repeat(256)).is_ok());
        for bad in ["", "a b", "a\r\nb", "a/b", "é", &"a".repeat(257)] {
            let e = check_identifier(A, "token", bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("token"));
        }
    }

    #[test]
    fn header_checks() {
        assert!(check_header_name(A, "h", "X-PortalKey").is_ok());
        assert!(check_header_name(A, "h", "X Bad").is_err());
        assert!(check_header_name(A, "h", "").is_err());
        assert!(check_header_value(A, "h", "abc def").is_ok());
        for bad in ["a\rb", "a\nb", "a\0b", "é", &"a".repeat(4097)] {
            assert!(check_header_value(A, "h", bad).is_err());
        }
    }
}
