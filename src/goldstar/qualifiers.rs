//! The qualifier vocabulary: IDology ExpectID keys as Goldstar relays them in
//! `Qualifiers[].Key` (`reference/goldstar-qualifiers.md`).
//!
//! The table holds every `resultcode.*` key of §1 (groups such as
//! `blacklist.alert.{ssn, ...}` and `a / b` expanded into single keys, stored
//! with their `resultcode.` prefix), the un-prefixed `idphone.*` keys, and the
//! §2 keys that can stand in a qualifier list (`result.match`,
//! `result.no.match`, `result.match.restricted`, `global.watch.list`,
//! `global.watch.list.no.match`, `id.not.eligible.for.questions`,
//! `result.questions.no.data`, `result.timeout`, `result.incomplete`). The
//! summary keys (`id.success`, `id.failure`, `id.partial`, `id.error`) and
//! `result.questions.N.incorrect` are verdicts carried in `Key`, not
//! qualifiers, and are left out.
//!
//! Severity: the notes' **H** is `hard_stop` (COPPA, `under.age`,
//! `ssn.not.valid` / `ssn.invalid` ("S→H"), SSN issued prior to DOB, multiple
//! records found, deceased) and so is the one **C** the notes say "acts as a
//! block" (`blacklist.alert.*`, the enterprise's own alert list); the other
//! **S** and **C** (enterprise-configured) are `signal`; **I** is `info`. Compound
//! categories take their first part (`ssn/fraud` is `ssn`, and the IP keys'
//! `fraud/velocity` is `fraud`, as the notes file them); `other (email)` is
//! `email` and `other (doc)` is `document`.

use std::cmp::Ordering;

use super::types::{Qualifier, QualifierCategory, QualifierInfo, Severity};

use QualifierCategory::{Address, Deceased, DobAge, Document, Email, Fraud, Name, Other, Phone, Ssn, ThinFile, Watchlist};
use Severity::{HardStop, Info, Signal};

const PREFIX: &str = "resultcode.";

/// Meaning given to a key that is not in the table (it does not echo the key).
pub const UNKNOWN_MEANING: &str = "A qualifier this SDK does not know; read the API's message for it.";

struct Entry {
    key: &'static str,
    category: QualifierCategory,
    severity: Severity,
    meaning: &'static str,
}

const fn q(key: &'static str, category: QualifierCategory, severity: Severity, meaning: &'static str) -> Entry {
    Entry { key, category, severity, meaning }
}

#[rustfmt::skip]
const TABLE: &[Entry] = &[
    q("resultcode.coppa.alert", DobAge, HardStop, "The subject is 13 or younger: no data is kept and no questions can be offered."),
    q("resultcode.age.below.minimum", DobAge, Signal, "The age is below the minimum the enterprise configured."),
    q("resultcode.age.above.maximum", DobAge, Signal, "The age is above the maximum the enterprise configured."),
    q("resultcode.dob.does.not.match", DobAge, Signal, "The date of birth on file differs from the one given."),
    q("resultcode.yob.does.not.match", DobAge, Signal, "The year of birth on file differs (neither month nor year match)."),
    q("resultcode.yob.within.one.year", DobAge, Signal, "The year of birth on file is off by one year."),
    q("resultcode.mob.does.not.match", DobAge, Signal, "The month of birth differs while the year matches."),
    q("resultcode.no.mob.available", DobAge, Info, "The records hold no month of birth; not a failed search."),
    q("resultcode.no.dob.available", DobAge, Info, "The records hold no date of birth; not a failed search."),
    q("resultcode.of.age", DobAge, Info, "Legacy age key: the subject is of age."),
    q("resultcode.confirm.age", DobAge, Info, "Legacy age key: the age was confirmed."),
    q("resultcode.under.age", DobAge, HardStop, "Legacy age key: the subject is under age."),
    q("resultcode.ssn.does.not.match", Ssn, Signal, "The SSN on file differs; not proof of fraud, as SSN data can be wrong."),
    q("resultcode.ssn.within.one.digit", Ssn, Signal, "The SSN on file differs by one digit."),
    q("resultcode.ssn.not.available", Ssn, Signal, "The identity was found but no SSN is on file."),
    q("resultcode.ssn.not.valid", Ssn, HardStop, "The SSN has an invalid structure."),
    q("resultcode.ssn.invalid", Ssn, HardStop, "Older key: the SSN is invalid."),
    q("resultcode.ssn.issued.prior.to.dob", Ssn, HardStop, "The SSN was issued before the birth date, a serious fraud flag."),
    q("resultcode.ssn.tied.to.multiple.names", Ssn, Signal, "The SSN belongs to two or more people."),
    q("resultcode.input.ssn.is.itin", Ssn, Signal, "The SSN given is an ITIN."),
    q("resultcode.located.itin", Ssn, Signal, "The SSN found on file is an ITIN."),
    q("resultcode.last.name.does.not.match", Name, Signal, "The last name on file differs."),
    q("resultcode.first.name.does.not.match", Name, Signal, "The first name on file differs."),
    q("resultcode.address.does.not.match", Address, Signal, "The address on file differs; a typo or a nearby address is possible."),
    q("resultcode.street.name.does.not.match", Address, Signal, "The street name differs; comes with an address mismatch."),
    q("resultcode.street.number.does.not.match", Address, Signal, "The street number differs; comes with an address mismatch."),
    q("resultcode.zip.does.not.match", Address, Signal, "The ZIP code on file differs."),
    q("resultcode.state.does.not.match", Address, Signal, "The state on file differs."),
    q("resultcode.zip.code.does.not.match", Address, Signal, "Variant key: the ZIP code on file differs."),
    q("resultcode.input.address.is.po.box", Address, Signal, "The address given is a PO box."),
    q("resultcode.located.address.is.po.box", Address, Signal, "The address found on file is a PO box."),
    q("resultcode.warm.input.address.alert", Address, Signal, "The address given is a warm address (mail drop, hospital, hotel, prison, campus and the like)."),
    q("resultcode.warm.address.alert", Address, Signal, "The address found is a warm address (mail drop, hospital, hotel, prison, campus and the like)."),
    q("resultcode.input.address.is.not.deliverable", Address, Signal, "The address given is not deliverable by USPS."),
    q("resultcode.located.address.is.not.deliverable", Address, Signal, "The address found on file is not deliverable by USPS."),
    q("resultcode.alternate.address.alert", Address, Signal, "The alternate address failed on its street, number, state or ZIP."),
    q("resultcode.newer.record.found", Address, Signal, "Found at this address, but a newer address exists."),
    q("resultcode.new.record.found", Address, Signal, "Legacy key: a newer address record exists."),
    q("resultcode.high.risk.address.alert", Address, Signal, "The address has a known history of fraud."),
    q("resultcode.address.velocity.alert", Address, Signal, "Many addresses were used within a short time."),
    q("resultcode.address.stability.alert", Address, Signal, "The person moves often."),
    q("resultcode.address.longevity.alert", Address, Signal, "The time at the current address is short."),
    q("resultcode.address.location.alert", Address, Signal, "The ZIP found is outside the allowed distance."),
    q("resultcode.single.address.in.file", ThinFile, Signal, "Only one address record exists."),
    q("resultcode.single.address", ThinFile, Signal, "Older key: only one address record exists."),
    q("resultcode.thin.file", ThinFile, Signal, "Only name and address are on file, linked to no other records."),
    q("resultcode.data.strength.alert", ThinFile, Signal, "Little data, or a short history, in public records."),
    q("resultcode.multiple.records.found", ThinFile, HardStop, "Conflicting valid records were found."),
    q("resultcode.subject.deceased", Deceased, HardStop, "The subject is recorded as deceased."),
    q("resultcode.pa.dob.match", Watchlist, Signal, "The birth date matches the one on a Patriot Act watch-list record."),
    q("resultcode.pa.dob.does.not.match", Watchlist, Signal, "The birth date differs from the one on a Patriot Act watch-list record."),
    q("resultcode.pa.dob.not.available", Watchlist, Signal, "The Patriot Act watch-list record has no birth date to compare."),
    q("resultcode.blacklist.alert.ssn", Fraud, HardStop, "The SSN is on the enterprise's own alert list."),
    q("resultcode.blacklist.alert.address", Fraud, HardStop, "The address is on the enterprise's own alert list."),
    q("resultcode.blacklist.alert.address.zip", Fraud, HardStop, "The address ZIP code is on the enterprise's own alert list."),
    q("resultcode.blacklist.alert.ip", Fraud, HardStop, "The IP address is on the enterprise's own alert list."),
    q("resultcode.blacklist.alert.phone", Fraud, HardStop, "The phone number is on the enterprise's own alert list."),
    q("resultcode.blacklist.alert.email", Fraud, HardStop, "The email address is on the enterprise's own alert list."),
    q("resultcode.blacklist.alert.domain", Fraud, HardStop, "The email domain is on the enterprise's own alert list."),
    q("resultcode.blacklist.alert.document.number", Fraud, HardStop, "The document number is on the enterprise's own alert list."),
    q("resultcode.network.alert.ssn", Fraud, Signal, "The SSN is on the shared consortium alert list."),
    q("resultcode.network.alert.address", Fraud, Signal, "The address is on the shared consortium alert list."),
    q("resultcode.network.alert.address.zip", Fraud, Signal, "The address ZIP code is on the shared consortium alert list."),
    q("resultcode.network.alert.ip", Fraud, Signal, "The IP address is on the shared consortium alert list."),
    q("resultcode.network.alert.email", Fraud, Signal, "The email address is on the shared consortium alert list."),
    q("resultcode.network.alert.phone", Fraud, Signal, "The phone number is on the shared consortium alert list."),
    q("resultcode.network.alert.domain", Fraud, Signal, "The email domain is on the shared consortium alert list."),
    q("resultcode.network.alert.document.number", Fraud, Signal, "The document number is on the shared consortium alert list."),
    q("resultcode.high.risk.ip.bot", Fraud, Signal, "The IP address belongs to a botnet."),
    q("resultcode.high.risk.ip.spam", Fraud, Signal, "The IP address hosts malware or spam."),
    q("resultcode.high.risk.ip.tor", Fraud, Signal, "The IP address is a TOR exit node."),
    q("resultcode.ip.invalid", Fraud, Signal, "The IP address is malformed or private."),
    q("resultcode.ip.not.located", Fraud, Info, "The IP address is not in the data."),
    q("resultcode.ip.location.not.available", Fraud, Info, "The IP address cannot be located."),
    q("resultcode.ip.state.does.not.match", Fraud, Signal, "The IP address's state differs from the state found on file."),
    q("resultcode.low.risk", Other, Signal, "The ID score is in the configured low-risk band."),
    q("resultcode.medium.risk", Other, Signal, "The ID score is in the configured medium-risk band."),
    q("resultcode.high.risk", Other, Signal, "The ID score is in the configured high-risk band."),
    q("resultcode.activation.date.alert", Other, Signal, "The card was bought too long after its activation."),
    q("resultcode.bankruptcy", Other, Info, "A Chapter 7 or 13 bankruptcy is on record."),
    q("resultcode.email.domain.does.not.exist", Email, Signal, "The email domain does not exist."),
    q("resultcode.invalid.email.address", Email, Signal, "The email address is not well formed."),
    q("resultcode.domain.recently.verified", Email, Signal, "The email domain is new."),
    q("resultcode.private.email.domain", Email, Info, "The email domain is a private (personal) one."),
    q("resultcode.corporate.email.domain", Email, Info, "The email domain is a corporate one."),
    q("resultcode.high.risk.email.recently.verified", Email, Signal, "The email address was seen only recently."),
    q("resultcode.high.risk.email.country", Email, Signal, "The email address is tied to a restricted country."),
    q("resultcode.high.risk.email.fraud", Email, Signal, "The email address was reported for fraud."),
    q("resultcode.high.risk.email.tumbled", Email, Signal, "The email address is a variant of another inbox."),
    q("resultcode.high.risk.email.disposable", Email, Signal, "The email address is a throwaway one."),
    q("resultcode.high.risk.email.domain", Email, Signal, "The email domain is risky."),
    q("resultcode.invalid.phone.number", Phone, Signal, "The phone number is invalid."),
    q("resultcode.input.phone.number.does.not.match.input.state", Phone, Signal, "The phone's area code does not fit the state given."),
    q("resultcode.input.phone.number.does.not.match.located.state", Phone, Signal, "The phone's area code does not fit the address history on file."),
    q("resultcode.input.phone.number.does.not.match.ip.state", Phone, Signal, "The phone's area code does not fit the IP address's state."),
    q("resultcode.mobile.id.age.alert", Phone, Signal, "The mobile account is newer than the configured window."),
    q("resultcode.mobile.change.event.number", Phone, Signal, "The mobile account's number changed recently."),
    q("resultcode.mobile.change.event.status", Phone, Signal, "The mobile account's status changed recently."),
    q("resultcode.mobile.change.event.ported", Phone, Signal, "The mobile account's carrier (ported) changed recently."),
    q("resultcode.mobile.change.event.device", Phone, Signal, "The mobile account's device changed recently."),
    q("resultcode.mobile.change.event.simswap", Phone, Signal, "The mobile account's SIM card (SIM swap) changed recently."),
    q("resultcode.mobile.account.type.postpaid", Phone, Info, "The mobile account type is postpaid."),
    q("resultcode.mobile.account.type.prepaid", Phone, Info, "The mobile account type is prepaid."),
    q("resultcode.mobile.account.type.unknown", Phone, Info, "The mobile account type is unknown."),
    q("resultcode.mobile.account.status.active", Phone, Info, "The mobile account is active."),
    q("resultcode.mobile.account.status.deactivated", Phone, Signal, "The mobile account is deactivated."),
    q("resultcode.mobile.account.status.suspended", Phone, Signal, "The mobile account is suspended."),
    q("resultcode.mobile.account.status.absent", Phone, Signal, "The mobile account is absent."),
    q("resultcode.scan.capture.document.not.verified", Document, Signal, "The scanned document could not be verified."),
    q("resultcode.scan.capture.ocr.not.successful", Document, Signal, "Text on the scanned document could not be read."),
    q("resultcode.scan.capture.barcode.not.read", Document, Signal, "The document's barcode could not be read."),
    q("resultcode.scan.capture.review.document", Document, Signal, "The scanned document needs manual review."),
    q("resultcode.scan.capture.document.expired", Document, Signal, "The scanned document has expired."),
    q("resultcode.scan.capture.restricted.country", Document, Signal, "The document is from a restricted country."),
    q("resultcode.scan.capture.restricted.template", Document, Signal, "The document type or layout is restricted."),
    q("resultcode.scan.capture.document.type.not.allowed", Document, Signal, "The document type is not allowed."),
    q("resultcode.scan.capture.face.compare.alert", Document, Signal, "The face does not compare well with the document photo."),
    q("resultcode.scan.field.crosscheck.failed", Document, Signal, "Fields on the document disagree with each other."),
    q("resultcode.scan.invalid.issuance.expiration.date", Document, Signal, "The document's issue or expiry date is invalid."),
    q("resultcode.scan.invalid.template.layout", Document, Signal, "The document's layout does not fit its template."),
    q("resultcode.scan.possible.image.tampering", Document, Signal, "The document image may have been tampered with."),
    q("idphone.match", Phone, Info, "The phone number matches the identity."),
    q("idphone.does.not.match", Phone, Signal, "The phone number does not match the identity."),
    q("idphone.not.available", Phone, Info, "The phone number is unlisted or a mobile number."),
    q("idphone.wireless", Phone, Info, "The phone number is a wireless number."),
    q("idphone.pager", Phone, Signal, "The phone number is a pager, answering service or VoIP line."),
    q("result.match", Other, Info, "The identity was located."),
    q("result.no.match", Other, Signal, "The identity was not located."),
    q("result.match.restricted", DobAge, Signal, "A restricted match (seen with COPPA): no further detail and no questions."),
    q("global.watch.list", Watchlist, Signal, "Possible match on a Patriot Act / OFAC watch list; review before going on."),
    q("global.watch.list.no.match", Watchlist, Info, "No match on the Patriot Act watch lists."),
    q("id.not.eligible.for.questions", Other, Info, "The subject cannot be offered verification questions."),
    q("result.questions.no.data", Other, Info, "Not enough data to build verification questions."),
    q("result.timeout", Other, Signal, "The verification questions were not answered in time."),
    q("result.incomplete", Other, Signal, "The verification questions were not all answered."),
];

const fn keys<const N: usize>(t: &[Entry]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = t[i].key;
        i += 1;
    }
    out
}

const KEYS: [&str; TABLE.len()] = keys(TABLE);

/// Every qualifier key in the table, as stored (`resultcode.` prefix where
/// the vocabulary has it).
pub const QUALIFIER_KEYS: &[&str] = &KEYS;

/// `key` without a leading `resultcode.` (compared case-insensitively).
fn bare(key: &str) -> &str {
    match key.get(..PREFIX.len()) {
        Some(p) if p.eq_ignore_ascii_case(PREFIX) => key.get(PREFIX.len()..).unwrap_or(key),
        _ => key,
    }
}

fn lookup(key: &str) -> Option<&'static Entry> {
    TABLE.get(qualifier_index(key))
}

/// A table key without its `resultcode.` prefix (table keys are lower case), at compile time.
const fn const_bare(key: &str) -> &[u8] {
    let (k, p) = (key.as_bytes(), PREFIX.as_bytes());
    if k.len() < p.len() {
        return k;
    }
    let mut i = 0;
    while i < p.len() {
        if k[i] != p[i] {
            return k;
        }
        i += 1;
    }
    k.split_at(p.len()).1
}

const fn less(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

/// Table positions sorted by bare key, computed by the compiler: a binary
/// search per qualifier, and no sort or lazy initialization in the wasm.
const SORTED: [u8; TABLE.len()] = {
    let mut idx = [0u8; TABLE.len()];
    let mut i = 0;
    while i < TABLE.len() {
        idx[i] = i as u8;
        i += 1;
    }
    // Insertion sort (135 keys, at compile time).
    let mut i = 1;
    while i < TABLE.len() {
        let mut j = i;
        while j > 0 && less(const_bare(TABLE[idx[j] as usize].key), const_bare(TABLE[idx[j - 1] as usize].key)) {
            let t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    idx
};

/// The table position of `key` (with or without `resultcode.`, any case),
/// or `TABLE.len()` ([`QUALIFIER_INTERPRETATIONS`] - 1) for a key not in it.
pub fn qualifier_index(key: &str) -> usize {
    let k = bare(key).as_bytes();
    // A binary search written out, comparing byte by byte: smaller than
    // core's `binary_search_by` with an iterator `cmp` over a lowercasing
    // `map`, and the Goldstar scan 5-8 % faster in wasm (bench/, interleaved).
    let (mut lo, mut hi) = (0, SORTED.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let Some(&at) = SORTED.get(mid) else { break };
        let Some(entry) = TABLE.get(usize::from(at)) else { break };
        match cmp_lowered(const_bare(entry.key), k) {
            Ordering::Less => lo = mid + 1,
            Ordering::Greater => hi = mid,
            Ordering::Equal => return usize::from(at),
        }
    }
    TABLE.len()
}

/// Table key `e` (lower case) against `k` in lower case.
fn cmp_lowered(e: &[u8], k: &[u8]) -> Ordering {
    let mut i = 0;
    loop {
        match (e.get(i), k.get(i)) {
            (Some(&a), Some(&b)) => match a.cmp(&b.to_ascii_lowercase()) {
                Ordering::Equal => i += 1,
                other => return other,
            },
            (a, b) => return a.is_some().cmp(&b.is_some()),
        }
    }
}

/// How many distinct interpretations [`qualifier_index`] names: the table
/// and the one for unknown keys.
pub const QUALIFIER_INTERPRETATIONS: usize = TABLE.len() + 1;

/// Every distinct interpretation, in index order, with empty `key` and `message`.
pub fn qualifier_interpretations() -> Vec<Qualifier> {
    (0..QUALIFIER_INTERPRETATIONS).filter_map(qualifier_interpretation).collect()
}

/// Interpretation `index` of [`qualifier_interpretations`] alone.
pub fn qualifier_interpretation(index: usize) -> Option<Qualifier> {
    match TABLE.get(index) {
        Some(e) => Some(Qualifier {
            key: String::new(),
            message: String::new(),
            category: e.category,
            severity: e.severity,
            meaning: e.meaning.to_string(),
        }),
        None if index == TABLE.len() => Some(interpret_qualifier(String::new(), String::new())),
        None => None,
    }
}

/// The table's entry for `key`, with or without the `resultcode.` prefix, in
/// any case; `None` for a key not in the table. `QualifierInfo.key` is the
/// table's spelling.
pub fn describe_qualifier(key: &str) -> Option<QualifierInfo> {
    lookup(key).map(|e| QualifierInfo {
        key: e.key.to_string(),
        category: e.category,
        severity: e.severity,
        meaning: e.meaning.to_string(),
    })
}

/// One `Qualifiers[i]` with its interpretation. The key and message are kept
/// as sent; an unknown key is category `unknown`, severity `signal`.
pub fn interpret_qualifier(key: String, message: String) -> Qualifier {
    match lookup(&key) {
        Some(e) => Qualifier { key, message, category: e.category, severity: e.severity, meaning: e.meaning.to_string() },
        None => Qualifier {
            key,
            message,
            category: QualifierCategory::Unknown,
            severity: Severity::Signal,
            meaning: UNKNOWN_MEANING.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_lowercase_and_described() {
        let mut seen = std::collections::HashSet::new();
        for k in QUALIFIER_KEYS {
            assert!(seen.insert(bare(k).to_string()), "duplicate {k}");
            assert_eq!(*k, k.to_ascii_lowercase());
            let info = describe_qualifier(k).unwrap();
            assert_eq!(info.key, *k);
            assert!(!info.meaning.is_empty());
        }
        assert_eq!(QUALIFIER_KEYS.len(), TABLE.len());
    }

    #[test]
    fn prefix_and_case() {
        let a = describe_qualifier("resultcode.subject.deceased").unwrap();
        assert_eq!(describe_qualifier("subject.deceased").unwrap(), a);
        assert_eq!(describe_qualifier("ResultCode.Subject.DECEASED").unwrap(), a);
        assert_eq!(a.severity, HardStop);
        assert_eq!(describe_qualifier("idphone.match").unwrap().key, "idphone.match");
        assert_eq!(describe_qualifier("resultcode.idphone.match").unwrap().key, "idphone.match");
        assert!(describe_qualifier("resultcode.").is_none());
        assert!(describe_qualifier("").is_none());
        assert!(describe_qualifier("resultcode.no.such.thing").is_none());
    }

    #[test]
    fn index_agrees_with_a_scan() {
        let scan = |key: &str| TABLE.iter().position(|e| bare(e.key).eq_ignore_ascii_case(bare(key))).unwrap_or(TABLE.len());
        for k in QUALIFIER_KEYS {
            for v in [k.to_string(), k.to_ascii_uppercase(), format!("ResultCode.{k}"), bare(k).to_string(), format!("{k}x"), format!(" {k}"), k[..k.len() - 1].to_string()] {
                assert_eq!(qualifier_index(&v), scan(&v), "{v}");
            }
        }
        for v in ["", "resultcode.", "zzz", "a", "resultcode", "idphone", "A"] {
            assert_eq!(qualifier_index(v), scan(v), "{v}");
        }
        let table = qualifier_interpretations();
        assert_eq!(table.len(), QUALIFIER_INTERPRETATIONS);
        for k in QUALIFIER_KEYS.iter().copied().chain(["nope", ""]) {
            let want = interpret_qualifier(String::new(), String::new());
            let want = if qualifier_index(k) < TABLE.len() { describe_qualifier(k).map(|i| (i.category, i.severity, i.meaning)).unwrap() } else { (want.category, want.severity, want.meaning) };
            let got = &table[qualifier_index(k)];
            assert_eq!((got.category, got.severity, got.meaning.clone()), want, "{k}");
        }
    }

    #[test]
    fn unknown_keys_keep_key_and_message() {
        let q = interpret_qualifier("resultcode.brand.new".into(), "Brand New".into());
        assert_eq!(q.key, "resultcode.brand.new");
        assert_eq!(q.message, "Brand New");
        assert_eq!(q.category, QualifierCategory::Unknown);
        assert_eq!(q.severity, Signal);
        assert!(!q.meaning.contains("brand"));
    }
}
