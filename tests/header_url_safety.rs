#![cfg(not(target_arch = "wasm32"))]
//! Header and URL safety (native): CR, LF, NUL, other control characters,
//! non-ASCII and overlong values, anywhere in anything that reaches a header
//! or a URL (the API keys, Caisson's base URL, token and check id, Goldstar's
//! domain, version, default header names and values, the answers' id), are
//! refused with `INVALID_ARGUMENT` naming the field and never the value; and
//! whatever is accepted, from any string at all, yields headers and URLs of
//! visible ASCII only.

use idv_edge::caisson::{parse_fields, Caisson};
use idv_edge::goldstar::{Answer, Goldstar};
use idv_edge::{HttpRequest, IdvError};
use proptest::prelude::*;

fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(cases);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// The characters that must never reach a header or a URL.
fn poison() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "\r",
            "\n",
            "\r\n",
            "\0",
            "\u{7f}",
            "\u{1b}",
            "\u{b}",
            "\u{c}",
            "\u{85}",
            "é",
            "\u{2028}",
            "\u{2029}",
            "\u{feff}",
            "\u{200b}",
            "ａ",
            "🔑",
            "\r\nX-Injected: 1",
            "\nSet-Cookie: a=b",
        ])
        .prop_map(String::from),
        "[\u{0}-\u{8}\u{a}-\u{1f}]",
        "[\u{80}-\u{10ffff}]",
    ]
}

/// `valid` with a poison string put at a random place.
fn poisoned(valid: &'static str) -> impl Strategy<Value = String> {
    (poison(), 0..=valid.len()).prop_map(move |(p, at)| {
        let at = (0..=at).rev().find(|&i| valid.is_char_boundary(i)).unwrap_or(0);
        format!("{}{p}{}", &valid[..at], &valid[at..])
    })
}

fn refused(r: Result<impl std::fmt::Debug, IdvError>, field: &str, value: &str) -> Result<(), TestCaseError> {
    let e = r.expect_err("accepted a value that must be refused");
    prop_assert_eq!(e.code.as_str(), "INVALID_ARGUMENT");
    prop_assert_eq!(e.field.as_deref(), Some(field));
    let shown = format!("{e} {e:?}");
    prop_assert!(!shown.contains(value), "the refusal echoes the value: {}", shown);
    for c in ['\r', '\n', '\0'] {
        prop_assert!(!shown.contains(c), "the refusal holds a control character");
    }
    Ok(())
}

/// Every header and the URL of a request are visible ASCII (header values
/// may hold inner spaces and tabs), and no value can start a new header.
fn safe(r: &HttpRequest) -> Result<(), TestCaseError> {
    prop_assert!(r.url.bytes().all(|b| b.is_ascii_graphic()), "URL: {:?}", r.url);
    for (k, v) in r.headers.iter() {
        prop_assert!(!k.is_empty() && k.bytes().all(|b| b.is_ascii_graphic() && b != b':'), "header name {:?}", k);
        prop_assert!(v.bytes().all(|b| b == b' ' || b == b'\t' || b.is_ascii_graphic()), "header value of {}", k);
        prop_assert!(v.len() <= 4096 + 16);
    }
    prop_assert!(r.url.len() <= 2048 + 64);
    Ok(())
}

fn gs(key: &str, domain: &str, version: Option<&str>, headers: &[(String, String)]) -> Result<Goldstar, IdvError> {
    Goldstar::new(key, domain, version, headers)
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn poisoned_keys_are_refused(k in poisoned("sk_live_0123456789abcdef")) {
        refused(Caisson::new(&k, None), "apiKey", &k)?;
        refused(gs(&k, "qaservices.goldstartrust.com", None, &[]), "apiKey", &k)?;
    }

    #[test]
    fn poisoned_base_urls_are_refused(u in poisoned("https://api-noam.caisson.dev/v0")) {
        refused(Caisson::new("k", Some(&u)), "baseUrl", &u)?;
    }

    #[test]
    fn poisoned_domains_and_versions_are_refused(d in poisoned("qaservices.goldstartrust.com:8443"), v in poisoned("v1")) {
        refused(gs("k", &d, None, &[]), "domain", &d)?;
        refused(gs("k", "qaservices.goldstartrust.com", Some(&v), &[]), "version", &v)?;
    }

    #[test]
    fn poisoned_default_headers_are_refused(n in poisoned("X-PortalKey"), v in poisoned("portal-key-0123")) {
        refused(gs("k", "qaservices.goldstartrust.com", None, &[(n.clone(), "x".into())]), "defaultHeaders", &n)?;
        // Tabs are legal inside a header value; every other poison is not.
        if v.chars().any(|c| c != '\t' && !(' '..='~').contains(&c)) {
            refused(gs("k", "qaservices.goldstartrust.com", None, &[("X-PortalKey".into(), v.clone())]), "defaultHeaders", &v)?;
        }
    }

    #[test]
    fn poisoned_tokens_and_check_ids_are_refused(t in poisoned("chk_xchg_UeRXDryTTpvU24CTre8W2Q"),
                                                c in poisoned("chk_priv_SMgso2KGzXLxT2I-g7oD2w")) {
        let client = Caisson::new("k", None).unwrap();
        refused(client.exchange_token_request(&t), "token", &t)?;
        refused(client.get_id_check_request(&c, &[]), "checkId", &c)?;
    }

    #[test]
    fn poisoned_answer_ids_are_refused(id in poisoned("1196338064")) {
        let g = gs("k", "qaservices.goldstartrust.com", None, &[]).unwrap();
        let answers = [Answer { kind: "residence.type".into(), text: "Townhome".into() }];
        refused(g.verify_answers_request(&id, &answers, None), "id", &id)?;
    }

    #[test]
    fn overlong_values_are_refused(n in 1usize..2000) {
        let key = "k".repeat(513 + n);
        refused(Caisson::new(&key, None), "apiKey", &key)?;
        refused(gs(&key, "qaservices.goldstartrust.com", None, &[]), "apiKey", &key)?;
        let url = format!("https://api.caisson.com/{}", "p".repeat(2048 + n));
        refused(Caisson::new("k", Some(&url)), "baseUrl", &url)?;
        let label = "a".repeat(64 + n % 200);
        refused(gs("k", &format!("{label}.com"), None, &[]), "domain", &label)?;
        let host = vec!["abcdefghij"; 24 + n % 50].join(".");
        refused(gs("k", &host, None, &[]), "domain", &host)?;
        refused(gs("k", "qaservices.goldstartrust.com", Some(&format!("v{}", "1".repeat(33 + n % 20))), &[]), "version", "v11111")?;
        let value = "v".repeat(4097 + n);
        refused(gs("k", "qaservices.goldstartrust.com", None, &[("X-PortalKey".into(), value.clone())]), "defaultHeaders", &value)?;
        let name = "X".repeat(257 + n);
        refused(gs("k", "qaservices.goldstartrust.com", None, &[(name.clone(), "v".into())]), "defaultHeaders", &name)?;
        let c = Caisson::new("k", None).unwrap();
        let t = format!("chk_xchg_{}", "t".repeat(248 + n));
        refused(c.exchange_token_request(&t), "token", &t)?;
        let id = format!("chk_priv_{}", "c".repeat(248 + n));
        refused(c.get_id_check_request(&id, &[]), "checkId", &id)?;
        let g = gs("k", "qaservices.goldstartrust.com", None, &[]).unwrap();
        let answers = [Answer { kind: "t".into(), text: "x".into() }];
        refused(g.verify_answers_request(&"1".repeat(65 + n), &answers, None), "id", "1111111111")?;
    }
}

proptest! {
    #![proptest_config(config(4000))]

    /// From any strings at all: what is accepted is safe to send.
    #[test]
    fn whatever_is_accepted_is_safe(key in "\\PC{0,40}|[!-~]{1,40}", base in "\\PC{0,40}|https://[a-z0-9.:-]{1,30}(/[!-~]{0,20})?",
                                    domain in "\\PC{0,30}|[a-z0-9.:\\[\\]-]{1,30}", version in "\\PC{0,4}|v[0-9]{1,5}",
                                    hname in "\\PC{0,12}|[!-~]{1,12}", hvalue in "\\PC{0,20}|[ -~\t]{0,20}",
                                    token in "\\PC{0,20}|chk_xchg_[!-~]{0,20}", check in "\\PC{0,20}|chk_priv_[!-~]{0,20}",
                                    fields in prop::collection::vec("\\PC{0,6}|sex|dob|address|expires_on", 0..4),
                                    id in "\\PC{0,12}|[!-~]{1,12}") {
        let base_opt = if base.is_empty() { None } else { Some(base.as_str()) };
        if let Ok(c) = Caisson::new(&key, base_opt) {
            if let Ok(r) = c.exchange_token_request(&token) { safe(&r)?; }
            if let Ok(f) = parse_fields(&fields) {
                if let Ok(r) = c.get_id_check_request(&check, &f) { safe(&r)?; }
            }
        }
        let version_opt = if version.is_empty() { None } else { Some(version.as_str()) };
        let headers = if hname.is_empty() { vec![] } else { vec![(hname, hvalue)] };
        if let Ok(g) = gs(&key, &domain, version_opt, &headers) {
            safe(&g.ping_request())?;
            let answers = [Answer { kind: "t".into(), text: "x".into() }];
            if let Ok(r) = g.verify_answers_request(&id, &answers, None) { safe(&r)?; }
        }
    }
}
