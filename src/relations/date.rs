//! The date a sentence states for its event: "im Juni 2024", "2018", "im Juni vergangenen
//! Jahres", "last year", resolved against the document date where it is relative.

use std::sync::OnceLock;

use regex::Regex;

use crate::date::PartialDate;
use crate::text::Lang;

const MONTHS_DE: [&str; 12] = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];
const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn regex(lang: Lang) -> &'static Regex {
    static DE: OnceLock<Regex> = OnceLock::new();
    static EN: OnceLock<Regex> = OnceLock::new();
    match lang {
        Lang::De => DE.get_or_init(|| {
            Regex::new(r"(?i)(?-u:\b)(?:(?:im|seit|ab|bis)\s+)?(?P<month>Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\s+(?:(?P<year>(?:19|20)\d\d)|(?P<rel>vergangenen|letzten|dieses|diesen|kommenden|nächsten)\s+Jahres)(?-u:\b)|(?-u:\b)(?:im\s+Jahr(?:e)?|im|seit|in)\s+(?P<year2>(?:19|20)\d\d)(?-u:\b)|(?-u:\b)(?P<rel2>vergangenes|letztes|im\s+vergangenen|im\s+letzten|dieses|in\s+diesem|im\s+kommenden|nächstes)\s+Jahr(?-u:\b)|(?-u:\b)(?P<rel3>vergangenen|letzten|dieses|kommenden)\s+Jahres(?-u:\b)").unwrap()
        }),
        Lang::En => EN.get_or_init(|| {
            Regex::new(r"(?i)(?-u:\b)(?:in\s+)?(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:(?P<year>(?:19|20)\d\d)|(?P<rel>last|this|next)\s+year)(?-u:\b)|(?-u:\b)(?:in|since)\s+(?P<year2>(?:19|20)\d\d)(?-u:\b)|(?-u:\b)(?P<rel2>last|this|next)\s+year(?-u:\b)").unwrap()
        }),
    }
}

fn offset(rel: &str) -> i32 {
    let r = rel.to_lowercase();
    if r.contains("vergangen") || r.contains("letzt") || r == "last" {
        -1
    } else if r.contains("kommend") || r.contains("nächst") || r == "next" {
        1
    } else {
        0
    }
}

/// The first event date stated in `sentence`, or `None`. Relative years ("vergangenen
/// Jahres") need the document date.
pub fn event_date(sentence: &str, doc: Option<PartialDate>, lang: Lang) -> Option<PartialDate> {
    let caps = regex(lang).captures(sentence)?;
    let doc_year = doc.map(|d| d.year);
    let year = if let Some(y) = caps.name("year").or(caps.name("year2")) {
        y.as_str().parse().ok()?
    } else {
        let rel = caps
            .name("rel")
            .or(caps.name("rel2"))
            .or(caps.name("rel3"))?;
        doc_year? + offset(rel.as_str())
    };
    let month = caps.name("month").and_then(|m| {
        let name = m.as_str().to_lowercase();
        let list = if lang == Lang::De {
            &MONTHS_DE
        } else {
            &MONTHS_EN
        };
        list.iter().position(|x| *x == name).map(|i| i as u8 + 1)
    });
    Some(PartialDate {
        year,
        month,
        day: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str, doc: Option<&str>, lang: Lang) -> Option<String> {
        event_date(s, doc.map(|x| x.parse().unwrap()), lang).map(|p| p.to_string())
    }

    #[test]
    fn states_dates() {
        assert_eq!(
            d(
                "Putin und Kim hatten im Juni 2024 einen Vertrag unterschrieben.",
                None,
                Lang::De
            ),
            Some("2024-06".into())
        );
        assert_eq!(
            d("sagte Trump im Jahr 2018", None, Lang::De),
            Some("2018".into())
        );
        assert_eq!(
            d(
                "Im Juni vergangenen Jahres unterzeichneten",
                Some("2025-07-19"),
                Lang::De
            ),
            Some("2024-06".into())
        );
        assert_eq!(
            d(
                "wurden im vergangenen Jahr Soldaten geschickt",
                Some("2025-08-27"),
                Lang::De
            ),
            Some("2024".into())
        );
        assert_eq!(
            d("They met in June 2019.", None, Lang::En),
            Some("2019-06".into())
        );
        assert_eq!(
            d("They met last year.", Some("2020-03-01"), Lang::En),
            Some("2019".into())
        );
        assert_eq!(d("im vergangenen Jahr", None, Lang::De), None);
        assert_eq!(d("Kein Datum hier, 30.000 Soldaten.", None, Lang::De), None);
    }
}
