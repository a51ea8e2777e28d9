//! The Sandbox's request handler over a sequence of requests (records
//! separated by 0x1E). Each record: a route byte, a flags byte (method, key,
//! check-id header, how far the clock moves), then the body, in which `$T`,
//! `$C` and `$I` become a live exchange token, the last check id and the last
//! Goldstar Id (so the fuzzer reaches the stateful paths).
//!
//! Whatever the input: no panic; every answer is a status 200..=599 with a
//! JSON body; a wrong key is never echoed; the sandbox's memory stays bounded.
#![no_main]
use idv_edge::sandbox::{IdCheckScenario, Sandbox, SandboxOptions, PRESETS};
use idv_edge::{Headers, HttpRequest, Method};
use libfuzzer_sys::fuzz_target;

const CK: &str = "sk_fuzz_caisson";
const GK: &str = "gs_fuzz_goldstar";
const WRONG: &str = "WRONGKEY_planted_7c1d";
const PATHS: [&str; 8] = [
    "https://api.caisson.com/v1/idcheck/exchangetoken",
    "https://api.caisson.com/v1/idcheck",
    "https://api.caisson.com/v1/idcheck?fields=sex,dob,address,expires_on",
    "https://qaservices.goldstartrust.com/identification/api/v1/ops/ping",
    "https://qaservices.goldstartrust.com/identification/api/v1/ops/verify-identity",
    "https://qaservices.goldstartrust.com/identification/api/v1/ops/verify-answers",
    "https://qaservices.goldstartrust.com/identification/api/v2/ops/nothing",
    "", // the body's first line is the URL
];
const STEPS_MS: [i64; 8] = [0, 1, 1_000, 60_000, 5 * 60_000 + 1, 2 * 3_600_000 + 1, 31 * 86_400_000, -5_000];

fuzz_target!(|data: &[u8]| {
    let mut now: i64 = 1_780_000_000_000;
    let mut sb = Sandbox::new(SandboxOptions { caisson_api_key: Some(CK.into()), goldstar_api_key: Some(GK.into()) });
    let tokens: Vec<String> = PRESETS
        .iter()
        .map(|p| sb.create_id_check(IdCheckScenario::preset(p).unwrap().with_customer_id("fuzz"), now).unwrap())
        .collect();
    let (mut check_id, mut gs_id) = (String::from("chk_priv_none"), String::from("0"));
    for (n, record) in data.split(|&b| b == 0x1e).take(64).enumerate() {
        let (route, flags, body) = match record {
            [r, f, rest @ ..] => (*r, *f, rest),
            _ => continue,
        };
        now = now.saturating_add(STEPS_MS[(flags >> 5) as usize]);
        let body = String::from_utf8_lossy(body)
            .replace("$T", &tokens[n % tokens.len()])
            .replace("$C", &check_id)
            .replace("$I", &gs_id);
        let (url, body) = match PATHS[(route & 7) as usize] {
            "" => {
                let (u, b) = body.split_once('\n').unwrap_or((&body, ""));
                (u.to_string(), b.to_string())
            }
            p => (p.to_string(), body),
        };
        let mut headers = Headers::new();
        let good_key = flags & 2 != 0;
        if url.contains("/identification/") {
            headers.set("X-ApiKey", if good_key { GK } else { WRONG });
        } else {
            headers.set("Authorization", if good_key { format!("Caisson {CK}") } else { format!("Caisson {WRONG}") });
        }
        if flags & 4 != 0 {
            headers.set("X-Caisson-CheckID", check_id.clone());
        }
        if flags & 8 != 0 {
            headers.set("Content-Type", "application/json");
        }
        let method = if flags & 1 != 0 { Method::Get } else { Method::Post };
        let request =
            HttpRequest { method, url, headers, body: if body.is_empty() { None } else { Some(body.into_bytes()) } };
        let response = sb.handle(&request, now);
        assert!((200..=599).contains(&response.status), "status {}", response.status);
        let v: serde_json::Value = serde_json::from_slice(&response.body).expect("the sandbox always answers JSON");
        assert!(!String::from_utf8_lossy(&response.body).contains(WRONG), "the sandbox echoed a key");
        if let Some(c) = v.get("check_id").and_then(|c| c.as_str()) {
            check_id = c.to_string();
        }
        if let Some(i) = v.get("Id") {
            gs_id = i.to_string().trim_matches('"').to_string();
        }
    }
    assert!(sb.live_entries() <= tokens.len() * 2 + 64 * 2, "entries grow without bound");
});
