//! The numbers body.js and the wasm hand each other (src/transport/body.js,
//! src/transport/mod.rs, src/bindings/mod.rs): each is a named constant on
//! both sides, and a name must mean the same number on both. The Rust files
//! are wasm-only, so they are read here as text.

/// `(name, number)` of each line `const NAME = N;` (JS) or `const NAME: T = N;` (Rust).
fn consts(src: &str) -> Vec<(String, u64)> {
    src.lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("const ")?;
            let (name, value) = rest.split_once('=')?;
            let name = name.split(':').next()?.trim();
            let value = value.trim().strip_suffix(';')?.trim().parse().ok()?;
            name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_').then(|| (name.to_string(), value))
        })
        .collect()
}

#[test]
fn body_js_and_the_wasm_give_each_code_the_same_number() {
    let js = consts(include_str!("../src/transport/body.js"));
    let rust: Vec<_> = [include_str!("../src/transport/mod.rs"), include_str!("../src/bindings/mod.rs")].iter().flat_map(|s| consts(s)).collect();
    // Every code the wasm reads (BROKEN is its default: anything unnamed).
    let shared = [
        "TOO_LARGE", "NOT_BYTES", "TIMEOUT", "NETWORK", "NOT_RESPONSE", "UNBUILT", "NO_ABORT", "NOT_RESPONSE_ARG",
        "BODY_USED_ARG", "ABORTED", "NOT_SIGNAL", "STORE_GET", "STORE_FAULT",
    ];
    for name in shared {
        let in_js = js.iter().find(|(n, _)| n == name).map(|&(_, v)| v);
        let in_rust = rust.iter().find(|(n, _)| n == name).map(|&(_, v)| v);
        assert!(in_js.is_some(), "{name} is not a constant of body.js");
        assert_eq!(in_js, in_rust, "{name}");
    }
    // The fault codes are distinct (the store kinds are another namespace).
    let mut faults: Vec<u64> = js.iter().filter(|(n, _)| shared.contains(&n.as_str()) && !n.starts_with("STORE_")).map(|&(_, v)| v).collect();
    let n = faults.len();
    faults.sort_unstable();
    faults.dedup();
    assert_eq!(faults.len(), n, "two fault names share a number");
}
