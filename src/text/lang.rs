//! The language of a document, German or English, told by its commonest function words.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A document language geokg reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    De,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.to_ascii_lowercase().as_str() {
            "de" | "deu" | "ger" | "german" => Ok(Lang::De),
            "en" | "eng" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language {other:?} (expected de or en)")),
        }
    }
}

const GERMAN: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "mit", "von", "zu", "den", "ein", "eine", "im",
    "auf", "für", "sich", "des", "dem", "auch", "wird", "sind", "hat", "nach", "bei", "wie",
];
// Words of both languages ("in", "an", "was") tell nothing and are left out.
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "is", "that", "for", "with", "on", "as", "by", "are", "has", "have",
    "from", "it", "he", "his", "which", "be", "at", "not", "this", "were", "they",
];

/// How much of a document is read to tell its language.
const SAMPLE_BYTES: usize = 4000;

/// Evidence needed to call a language: this many more function words than the other.
const MARGIN: usize = 2;

/// The language of `text` told by function words in its first 4000 bytes, or `None` when the
/// evidence is too weak to say (a headline, a sentence of names).
pub fn detect(text: &str) -> Option<Lang> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (mut de, mut en) = (0usize, 0usize);
    for word in text[..end].split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() || word.len() > 6 {
            continue;
        }
        // Lower-cased on the stack: a word of at most six bytes has at most six chars, and
        // no char lower-cases to more than three chars of four bytes.
        let mut buf = [0u8; 72];
        let mut n = 0;
        for c in word.chars() {
            for l in c.to_lowercase() {
                n += l.encode_utf8(&mut buf[n..]).len();
            }
        }
        let lower = &buf[..n];
        de += GERMAN.iter().any(|w| w.as_bytes() == lower) as usize;
        en += ENGLISH.iter().any(|w| w.as_bytes() == lower) as usize;
    }
    if en >= de + MARGIN {
        Some(Lang::En)
    } else if de >= en + MARGIN {
        Some(Lang::De)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_german_from_english() {
        assert_eq!(
            detect("Die USA und Nordkorea bestimmten die Schlagzeilen."),
            Some(Lang::De)
        );
        assert_eq!(
            detect("The United States and North Korea met in the summit."),
            Some(Lang::En)
        );
        // Capitals and umlauts are lower-cased as the word lists are written.
        assert_eq!(
            detect("FÜR DIE USA UND FÜR NORDKOREA IST DAS EIN ERFOLG"),
            Some(Lang::De)
        );
        assert_eq!(detect("Nordkorea liefert Waffen an Russland."), None);
        assert_eq!(detect(""), None);
    }
}
