//! Every argument check: client construction (key, base URL, domain,
//! version, default headers) and the request builders (token, check id,
//! fields, person, answers, questions). Fields are separated by 0x1F; text
//! is taken as UTF-8 (lossy, as JavaScript strings always are).
//!
//! Whatever the input: no panic; a refusal is `INVALID_ARGUMENT` naming a
//! field; anything accepted yields headers of visible ASCII (no CR, LF, NUL,
//! no non-ASCII) and a URL of visible ASCII only.
#![no_main]
use idv_edge::caisson::{parse_fields, Caisson};
use idv_edge::goldstar::{Answer, Goldstar, Person, Question};
use idv_edge::{ErrorCode, HttpRequest, IdvError};
use libfuzzer_sys::fuzz_target;

const NOW: i64 = 1_780_000_000_000; // 2026-05-28

fn refused(e: &IdvError) {
    assert_eq!(e.code, ErrorCode::InvalidArgument);
    assert!(e.field.as_deref().is_some_and(|f| !f.is_empty()), "a refusal names its field");
}

fn safe(r: &HttpRequest) {
    assert!(r.url.bytes().all(|b| b.is_ascii_graphic()), "URL outside visible ASCII");
    for (k, v) in r.headers.iter() {
        assert!(!k.is_empty() && k.bytes().all(|b| b.is_ascii_graphic() && b != b':'), "header name");
        assert!(v.bytes().all(|b| b == b' ' || b == b'\t' || b.is_ascii_graphic()), "header value");
        assert!(v.len() <= 4096 + 16, "overlong header value");
    }
    if let Some(body) = &r.body {
        assert!(serde_json::from_slice::<serde_json::Value>(body).is_ok(), "body is JSON");
    }
}

fn num(s: &str) -> u32 {
    s.trim().parse::<i64>().map(|n| n.clamp(0, 1_000_000) as u32).unwrap_or(0)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut it = text.split('\u{1f}');
    let mut next = || it.next().unwrap_or("").to_string();
    let (key, base, domain, version, hname, hvalue) = (next(), next(), next(), next(), next(), next());
    let (token, check_id, fields) = (next(), next(), next());
    let person = Person {
        firstname: next(),
        lastname: next(),
        address: next(),
        city: next(),
        state: next(),
        zip: next(),
        taxpayer_id: next(),
        birth_month: num(&next()),
        birth_day: num(&next()),
        birth_year: next().trim().parse::<i32>().unwrap_or(0),
    };
    let id = next();
    let answers: Vec<Answer> = next()
        .split(';')
        .filter(|s| !s.is_empty())
        .map(|a| {
            let (k, t) = a.split_once('=').unwrap_or((a, ""));
            Answer { kind: k.to_string(), text: t.to_string() }
        })
        .collect();
    let questions_text = next();
    let questions: Vec<Question> = questions_text
        .split(';')
        .filter(|s| !s.is_empty())
        .map(|q| {
            let (k, cs) = q.split_once(':').unwrap_or((q, ""));
            Question {
                prompt: String::new(),
                kind: k.to_string(),
                choices: cs.split('|').map(str::to_string).collect(),
            }
        })
        .collect();

    // Caisson.
    let base_opt = if base.is_empty() { None } else { Some(base.as_str()) };
    match Caisson::new(&key, base_opt) {
        Ok(c) => {
            assert!(c.base_url().starts_with("https://") || c.base_url().starts_with("http://"));
            match c.exchange_token_request(&token) {
                Ok(r) => safe(&r),
                Err(e) => refused(&e),
            }
            let names: Vec<&str> = fields.split(',').filter(|s| !s.is_empty()).collect();
            match parse_fields(&names) {
                Ok(f) => match c.get_id_check_request(&check_id, &f) {
                    Ok(r) => safe(&r),
                    Err(e) => refused(&e),
                },
                Err(e) => refused(&e),
            }
            let _ = format!("{c:?}");
        }
        Err(e) => refused(&e),
    }

    // Goldstar.
    let version_opt = if version.is_empty() { None } else { Some(version.as_str()) };
    let headers = if hname.is_empty() { vec![] } else { vec![(hname, hvalue)] };
    match Goldstar::new(&key, &domain, version_opt, &headers) {
        Ok(g) => {
            safe(&g.ping_request());
            match g.verify_identity_request(&person, NOW) {
                Ok(r) => {
                    safe(&r);
                    let v: serde_json::Value = serde_json::from_slice(r.body.as_deref().unwrap_or(b"")).expect("json");
                    let ssn = v["taxpayerID"].as_str().expect("taxpayerID");
                    assert!(ssn.len() == 9 && ssn.bytes().all(|b| b.is_ascii_digit()));
                }
                Err(e) => refused(&e),
            }
            let q = if questions.is_empty() { None } else { Some(questions.as_slice()) };
            match g.verify_answers_request(&id, &answers, q) {
                Ok(r) => safe(&r),
                Err(e) => refused(&e),
            }
            let _ = format!("{g:?}");
        }
        Err(e) => refused(&e),
    }
    let _ = format!("{person:?}");
});
