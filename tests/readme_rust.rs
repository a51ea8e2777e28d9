#![cfg(not(target_arch = "wasm32"))]
//! The README's Rust example, compiled and run: the lines between the markers
//! below must be the README's ```rust block (checked by
//! `the_readme_shows_this_example`), so the README cannot drift from code
//! that builds.

// README example start
use idv_edge::caisson::{self, Caisson, Decision, Policy};
use idv_edge::goldstar::{self, Goldstar, Person, Status};
use idv_edge::sandbox::{IdCheckScenario, Sandbox, SandboxOptions};
use idv_edge::{HttpRequest, IdvError};

fn example() -> Result<(), IdvError> {
    let now_ms = 1_700_000_000_000; // your clock, in epoch milliseconds
    let mut sandbox = Sandbox::new(SandboxOptions {
        caisson_api_key: Some("sk_test_caisson".into()),
        goldstar_api_key: Some("gs_test_key".into()),
    });
    // The token Caisson's browser button hands the page (the Sandbox plays the button).
    let token = sandbox.create_id_check(IdCheckScenario::new("user_42"), now_ms)?;
    // Your transport: here the Sandbox; in production reqwest, a queue, a Durable Object...
    let mut send = |req: &HttpRequest| sandbox.handle(req, now_ms);

    // Caisson: exchange the token, read the result, judge it.
    let caisson = Caisson::new("sk_test_caisson", None)?; // None: https://api.caisson.com
    let res = send(&caisson.exchange_token_request(&token)?);
    let exchanged = caisson::parse_exchange_token(res.status, &res.headers, &res.body)?;
    let res = send(&caisson.get_id_check_request(&exchanged.check_id, &[])?);
    let result = caisson::parse_id_check_for(&exchanged.check_id, res.status, &res.headers, &res.body)?;
    let policy = Policy { expected_customer_id: Some("user_42".into()), max_age_seconds: Some(1200.0), ..Policy::default() };
    assert_eq!(caisson::assess(&result, &policy, now_ms).decision, Decision::Approve);

    // Goldstar: verify a person (a Sandbox test SSN that passes).
    let goldstar = Goldstar::new("gs_test_key", "qaservices.goldstartrust.com", None, &[])?;
    let person = Person {
        firstname: "Jamie".into(), lastname: "Doe".into(), address: "1 Main St".into(), city: "Atlanta".into(),
        state: "ga".into(), zip: "30318".into(), taxpayer_id: "555-01-0001".into(),
        birth_month: 6, birth_day: 30, birth_year: 1989,
    };
    let res = send(&goldstar.verify_identity_request(&person, now_ms)?);
    let outcome = goldstar::parse_verify_identity(res.status, &res.headers, &res.body)?;
    assert_eq!(outcome.status, Status::Passed);
    Ok(())
}
// README example end

#[test]
fn the_example_runs() {
    example().unwrap();
}

#[test]
fn the_readme_shows_this_example() {
    let this = include_str!("readme_rust.rs");
    let start = this.find("// README example start\n").unwrap() + "// README example start\n".len();
    let end = this.find("// README example end").unwrap();
    let example = &this[start..end];
    let readme = include_str!("../README.md");
    let block = readme.split("```rust\n").nth(1).and_then(|b| b.split("```").next()).expect("a ```rust block in README.md");
    assert_eq!(block, example, "README.md's ```rust block differs from tests/readme_rust.rs");
}
