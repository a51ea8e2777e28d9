//! The reason-code table (`describeCaissonReason`) and the interpretation of
//! each `confidence.reasons[i]`.
//!
//! How the two judgement columns were chosen:
//! - `retryable`: can a new capture by the person, in the same flow, plausibly
//!   succeed? Yes for positioning, lighting, detection and transient
//!   processing errors; no where the document itself is the problem (printed
//!   and encoded data disagree, the encoded data is invalid). An expired
//!   document (308) is retryable: the same person can retake the check with
//!   another document that is still valid.
//! - `user_action`: a sentence a product can show the person, or `None` where
//!   nothing they do now helps. A data mismatch or invalid barcode data is a
//!   property of the document (and a fraud signal): telling the person how to
//!   "fix" it would only coach an attacker. For an expired document, the
//!   sentence asks for one that has not expired.

use super::types::{Reason, ReasonCategory, ReasonField, ReasonInfo};
use ReasonCategory::{Barcode, Document, Selfie};

/// Every documented reason code.
pub const REASON_CODES: [u16; 21] =
    [101, 102, 104, 105, 106, 201, 202, 299, 301, 302, 303, 304, 305, 306, 307, 308, 309, 399, 401, 402, 499];

struct Entry {
    code: u16,
    category: ReasonCategory,
    field: Option<ReasonField>,
    description: &'static str,
    user_action: Option<&'static str>,
    retryable: bool,
}

const fn mismatch(code: u16, field: ReasonField, description: &'static str) -> Entry {
    Entry { code, category: ReasonCategory::DataMismatch, field: Some(field), description, user_action: None, retryable: false }
}

const fn retake(code: u16, category: ReasonCategory, description: &'static str, action: &'static str) -> Entry {
    Entry { code, category, field: None, description, user_action: Some(action), retryable: true }
}

/// The table, in the doc's order. `description` is the doc's text, as written.
static TABLE: [Entry; 21] = [
    mismatch(101, ReasonField::Name, "Name mismatch"),
    mismatch(102, ReasonField::Dob, "Date of birth mismatch"),
    mismatch(104, ReasonField::IdNumber, "ID number mismatch"),
    mismatch(105, ReasonField::Sex, "Sex mismatch"),
    mismatch(106, ReasonField::Address, "Address mismatch"),
    retake(
        201,
        Selfie,
        "The selfie was not positioned properly (e.g. only showing part of the face, face is too close/far).",
        "Take the selfie again with your whole face inside the frame, not too close and not too far.",
    ),
    retake(
        202,
        Selfie,
        "Face could not be detected in the uploaded selfie.",
        "Take the selfie again in good light, looking at the camera, with nothing covering your face.",
    ),
    retake(
        299,
        Selfie,
        "An error occurred while processing the selfie image.",
        "Take the selfie again.",
    ),
    retake(
        301,
        Document,
        "The face detected on the document was not properly positioned (e.g. face too small, to large or partial).",
        "Photograph the front of your document again, filling the frame, with its photo fully visible.",
    ),
    retake(
        302,
        Document,
        "Face could not be detected in the uploaded document.",
        "Photograph the front of your document again in good light, without glare on its photo.",
    ),
    retake(
        303,
        Document,
        "Some data is missing in from the document (e.g. address was expected but could not be detected).",
        "Photograph your document again, sharp and without glare, so every printed detail can be read.",
    ),
    // Another document is the fix; a product may offer that as a new attempt.
    retake(
        304,
        Document,
        "Document is not supported.",
        "Try again with a different ID document, such as a driver's license or a passport.",
    ),
    // The machine-readable lines are read optically: a misread photo is the
    // common cause, so a new photo can fix it (unlike a barcode, 401).
    retake(
        305,
        Document,
        "Passports only The encoded data on the passport is invalid.",
        "Photograph your passport's photo page again, with the two lines of code at the bottom sharp and fully visible.",
    ),
    retake(
        306,
        Document,
        "Passports only Could not detect the passport's encoded data.",
        "Photograph your passport's photo page again, with the two lines of code at the bottom sharp and fully visible.",
    ),
    retake(
        307,
        Document,
        "Could not detect document in the uploaded image.",
        "Photograph your document again, on a plain dark surface, with the whole document in the frame.",
    ),
    // Retrying with the same document cannot help, but a new attempt with
    // one that is still valid can: so there is something to show.
    retake(
        308,
        Document,
        "The document expired.",
        "Use a driver's license or passport that has not expired.",
    ),
    retake(
        309,
        Document,
        "The document is not fully in the frame.",
        "Photograph your document again with all four corners inside the frame.",
    ),
    retake(
        399,
        Document,
        "An error occurred while processing the document.",
        "Photograph your document again.",
    ),
    // A barcode decodes with error correction: data that decodes but is
    // invalid is the document's, not the photo's.
    Entry {
        code: 401,
        category: Barcode,
        field: None,
        description: "The encoded data on the barcode is invalid.",
        user_action: None,
        retryable: false,
    },
    retake(
        402,
        Barcode,
        "Could not detect barcode.",
        "Photograph the back of your document again, with the barcode sharp, well lit and fully in the frame.",
    ),
    retake(
        499,
        Barcode,
        "An error occurred while processing the barcode.",
        "Photograph the back of your document again.",
    ),
];

fn entry(code: i64) -> Option<&'static Entry> {
    TABLE.iter().find(|e| i64::from(e.code) == code)
}

/// The doc's text for a documented reason code, as written.
pub fn doc_description(code: u16) -> Option<&'static str> {
    entry(i64::from(code)).map(|e| e.description)
}

/// What a documented reason code means; `None` for any other code (103 does
/// not exist).
pub fn describe_reason(code: i64) -> Option<ReasonInfo> {
    entry(code).map(|e| ReasonInfo {
        code: e.code,
        category: e.category,
        field: e.field,
        description: e.description.to_string(),
        user_action: e.user_action.map(str::to_string),
        retryable: e.retryable,
    })
}

/// One `confidence.reasons[i]`: the API's code and text, plus the table's
/// interpretation. An undocumented code keeps its text and gets its category
/// from the hundreds digit, no field, no action, not retryable.
pub fn interpret_reason(code: u16, description: String) -> Reason {
    match entry(i64::from(code)) {
        Some(e) => Reason {
            code,
            description,
            category: e.category,
            field: e.field,
            user_action: e.user_action.map(str::to_string),
            retryable: e.retryable,
        },
        None => Reason {
            code,
            description,
            category: category_of(code),
            field: None,
            user_action: None,
            retryable: false,
        },
    }
}

/// How many distinct interpretations [`reason_interpretation_index`] names:
/// one per table entry, then one per hundreds-digit category for undocumented
/// codes (`data_mismatch`, `selfie`, `document`, `barcode`, `unknown`).
pub const REASON_INTERPRETATIONS: usize = TABLE.len() + 5;

/// The interpretation of `code` as an index into [`reason_interpretations`]:
/// `interpret_reason(code, d)` is entry `i` with `code` and `description` set.
/// (The JS fast path sends these indices instead of whole objects.)
pub fn reason_interpretation_index(code: u16) -> u8 {
    match TABLE.iter().position(|e| e.code == code) {
        Some(i) => i as u8,
        None => (TABLE.len()
            + match code / 100 {
                d @ 1..=4 => usize::from(d) - 1,
                _ => 4,
            }) as u8,
    }
}

/// Every distinct interpretation, in index order, with `code` and
/// `description` left as placeholders (0 and "").
pub fn reason_interpretations() -> Vec<Reason> {
    (0..REASON_INTERPRETATIONS as u8).filter_map(reason_interpretation).collect()
}

/// Interpretation `index` of [`reason_interpretations`] alone.
pub fn reason_interpretation(index: u8) -> Option<Reason> {
    let i = usize::from(index);
    // Table entries, then undocumented codes of each hundreds digit 1 to 4, then any other.
    let code = match TABLE.get(i) {
        Some(e) => e.code,
        None => *[100u16, 200, 300, 400, 0].get(i - TABLE.len())?,
    };
    let mut r = interpret_reason(code, String::new());
    r.code = 0;
    Some(r)
}

/// The category of a code from its hundreds digit.
fn category_of(code: u16) -> ReasonCategory {
    match code / 100 {
        1 => ReasonCategory::DataMismatch,
        2 => ReasonCategory::Selfie,
        3 => ReasonCategory::Document,
        4 => ReasonCategory::Barcode,
        _ => ReasonCategory::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpretation_index_covers_every_code() {
        let table = reason_interpretations();
        assert_eq!(table.len(), REASON_INTERPRETATIONS);
        for code in 0..=u16::MAX {
            let mut want = interpret_reason(code, String::new());
            want.code = 0;
            assert!(table[usize::from(reason_interpretation_index(code))] == want, "{code}");
        }
    }

    #[test]
    fn table_matches_the_code_list_and_is_consistent() {
        let codes: Vec<u16> = TABLE.iter().map(|e| e.code).collect();
        assert_eq!(codes, REASON_CODES);
        for e in &TABLE {
            assert_eq!(e.category, category_of(e.code), "{}", e.code);
            assert_eq!(e.field.is_some(), e.code / 100 == 1, "{}", e.code);
            // A retryable reason always tells the person what to do.
            assert_eq!(e.retryable, e.user_action.is_some(), "{}", e.code);
            assert!(!e.description.is_empty());
        }
    }
}
