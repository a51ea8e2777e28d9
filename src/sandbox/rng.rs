//! Deterministic identifiers: splitmix64 over a counter, never the clock or
//! the OS. The same sequence of calls always yields the same ids.
//!
//! Caisson tokens and check ids are 16 bytes in unpadded base64url (22
//! characters, like the doc's examples): 8 bytes from the generator and an
//! 8-byte tag derived from them. The tag and the generator's counter let a
//! sandbox recognise an id it issued after it has forgotten it (purged), with
//! no memory kept: the generator can be run backwards from an output to its
//! counter, and an id is this instance's if that counter is one it has
//! passed. Every instance yields the same sequence, so the counter is what
//! tells a fresh sandbox's ids from another's.

const M1: u64 = 0xBF58_476D_1CE4_E5B9;
const M2: u64 = 0x94D0_49BB_1331_11EB;

/// The splitmix64 finalizer: a bijection on `u64` with good avalanche.
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(M1);
    z = (z ^ (z >> 27)).wrapping_mul(M2);
    z ^ (z >> 31)
}

/// The inverse of `a` (odd) modulo 2^64, by Newton's iteration: `a` is its
/// own inverse to 3 bits, and each step doubles the bits (3, 6, 12, 24, 48, 96).
const fn inverse(a: u64) -> u64 {
    let mut x = a;
    let mut i = 0;
    while i < 5 {
        x = x.wrapping_mul(2u64.wrapping_sub(a.wrapping_mul(x)));
        i += 1;
    }
    x
}

/// `z ^ (z >> s)` undone (for `s` >= 22, two more shifts reach every bit).
fn unshift(z: u64, s: u32) -> u64 {
    z ^ (z >> s) ^ (z >> (2 * s))
}

/// [`mix64`] undone.
fn unmix64(z: u64) -> u64 {
    let z = unshift(z, 31).wrapping_mul(inverse(M2));
    let z = unshift(z, 27).wrapping_mul(inverse(M1));
    unshift(z, 30)
}

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// A counter-based generator. Distinct counters give distinct outputs (the
/// counter walk and the finalizer are both bijections), so ids never repeat.
#[derive(Clone, Debug)]
pub(crate) struct Rng {
    seed: u64,
    counter: u64,
}

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng { seed, counter: 0 }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.counter = self.counter.wrapping_add(1);
        mix64(self.seed.wrapping_add(self.counter.wrapping_mul(GOLDEN)))
    }

    /// Is `output` one this generator has already given (a counter from 1
    /// to its current one)? Run backwards: no list of outputs is kept.
    pub(crate) fn has_given(&self, output: u64) -> bool {
        let counter = unmix64(output).wrapping_sub(self.seed).wrapping_mul(inverse(GOLDEN));
        (1..=self.counter).contains(&counter)
    }

    /// A decimal string of exactly `digits` digits (1..=19), first digit non-zero.
    pub(crate) fn decimal(&mut self, digits: u32) -> String {
        let digits = digits.clamp(1, 19);
        let low = 10u64.pow(digits - 1);
        let span = 9 * low;
        (low + self.next_u64() % span).to_string()
    }
}

/// What a tagged id stands for; each kind has its own tag key, so a token can
/// never pass for a check id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IdKind {
    ExchangeToken,
    CheckId,
}

impl IdKind {
    fn key(self) -> u64 {
        match self {
            IdKind::ExchangeToken => 0x7861_6863_6B68_6378, // "xchg"
            IdKind::CheckId => 0x7669_7270_6B68_6370,       // "priv"
        }
    }
}

fn tag(kind: IdKind, r: u64) -> u64 {
    mix64(mix64(r ^ kind.key()).wrapping_add(kind.key()))
}

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// 22 base64url characters for a fresh id of `kind`.
pub(crate) fn tagged_id(rng: &mut Rng, kind: IdKind) -> String {
    let r = rng.next_u64();
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&r.to_be_bytes());
    bytes[8..].copy_from_slice(&tag(kind, r).to_be_bytes());
    encode(&bytes)
}

/// Was `body` (the 22 characters after the prefix) issued by a sandbox for `kind`?
#[cfg(test)]
fn is_tagged(kind: IdKind, body: &str) -> bool {
    tagged_output(kind, body).is_some()
}

/// The generator output an id of `kind` was made from, if `body` is one.
fn tagged_output(kind: IdKind, body: &str) -> Option<u64> {
    let bytes = decode(body)?;
    let mut r = [0u8; 8];
    let mut t = [0u8; 8];
    r.copy_from_slice(&bytes[..8]);
    t.copy_from_slice(&bytes[8..]);
    let r = u64::from_be_bytes(r);
    (tag(kind, r) == u64::from_be_bytes(t)).then_some(r)
}

/// Did `rng` make the id `body` of `kind` (whether or not it is still kept)?
pub(crate) fn issued_by(rng: &Rng, kind: IdKind, body: &str) -> bool {
    tagged_output(kind, body).is_some_and(|r| rng.has_given(r))
}

fn encode(bytes: &[u8; 16]) -> String {
    let mut out = String::with_capacity(22);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 6 {
            bits -= 6;
            out.push(char::from(B64URL[((acc >> bits) & 63) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(B64URL[((acc << (6 - bits)) & 63) as usize]));
    }
    out
}

fn decode(s: &str) -> Option<[u8; 16]> {
    if s.len() != 22 {
        return None;
    }
    let mut out = [0u8; 16];
    let mut n = 0usize;
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for c in s.bytes() {
        let v = B64URL.iter().position(|&a| a == c)? as u32;
        acc = ((acc << 6) | v) & 0xFFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            let byte = ((acc >> bits) & 0xFF) as u8;
            *out.get_mut(n)? = byte;
            n += 1;
        }
    }
    // 22 characters carry 132 bits: the last 4 must be zero (canonical form).
    if n != 16 || bits != 4 || acc & 0xF != 0 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_22_chars_round_trip_and_are_tagged_per_kind() {
        let mut rng = Rng::new(7);
        for _ in 0..1000 {
            let id = tagged_id(&mut rng, IdKind::CheckId);
            assert_eq!(id.len(), 22);
            assert!(matches!(id.as_bytes()[21], b'A' | b'Q' | b'g' | b'w'), "{id}");
            assert!(is_tagged(IdKind::CheckId, &id));
            assert!(!is_tagged(IdKind::ExchangeToken, &id));
        }
        assert!(!is_tagged(IdKind::CheckId, "UeRXDryTTpvU24CTre8W2Q"));
        assert!(!is_tagged(IdKind::CheckId, ""));
        assert!(!is_tagged(IdKind::CheckId, "ééééééééééé"));
        assert!(!is_tagged(IdKind::CheckId, "UeRXDryTTpvU24CTre8W2R"));
    }

    #[test]
    fn unmix64_inverts_mix64_and_ids_are_known_by_their_counter() {
        for z in [0u64, 1, 42, u64::MAX, GOLDEN, 0x0123_4567_89AB_CDEF] {
            assert_eq!(unmix64(mix64(z)), z);
            assert_eq!(mix64(unmix64(z)), z);
        }
        assert_eq!(M1.wrapping_mul(inverse(M1)), 1);
        let mut a = Rng::new(11);
        let fresh = Rng::new(11);
        let ids: Vec<String> = (0..50).map(|_| tagged_id(&mut a, IdKind::CheckId)).collect();
        for id in &ids {
            assert!(issued_by(&a, IdKind::CheckId, id));
            assert!(!issued_by(&a, IdKind::ExchangeToken, id));
            // The same seed, nothing given yet: the same ids are not its own.
            assert!(!issued_by(&fresh, IdKind::CheckId, id));
        }
        // One given: only the first id.
        let mut one = Rng::new(11);
        let first = tagged_id(&mut one, IdKind::CheckId);
        assert_eq!(first, ids[0]);
        assert!(ids.iter().skip(1).all(|id| !issued_by(&one, IdKind::CheckId, id)));
        // Another seed's ids are never its own.
        let mut other = Rng::new(12);
        let foreign = tagged_id(&mut other, IdKind::CheckId);
        assert!(is_tagged(IdKind::CheckId, &foreign));
        assert!(!issued_by(&a, IdKind::CheckId, &foreign));
    }

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Rng::new(1);
        let mut b = Rng::new(1);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let d = Rng::new(3).decimal(10);
        assert_eq!(d.len(), 10);
        assert!(!d.starts_with('0'));
    }

    #[test]
    fn encode_matches_known_base64url() {
        // 16 zero bytes, then 16 0xff bytes.
        assert_eq!(encode(&[0; 16]), "AAAAAAAAAAAAAAAAAAAAAA");
        assert_eq!(encode(&[0xff; 16]), "_____________________w");
        assert_eq!(decode("_____________________w"), Some([0xff; 16]));
    }
}
