//! Dates: calendar days and the partial dates that news state ("2024-12"), parsing, and
//! finding a document's date in its opening lines.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use regex::Regex;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// A valid day, or `None` (month 1..=12, day within the month, leap years counted).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Day { year, month, day })
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date stated to a year, a month or a day: `2018`, `2024-12`, `2025-08-27`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn from_day(d: Day) -> PartialDate {
        PartialDate {
            year: d.year,
            month: Some(d.month),
            day: Some(d.day),
        }
    }

    /// The first and the last day the date covers.
    pub fn span(&self) -> (Day, Day) {
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let day = Day {
                    year: self.year,
                    month: m,
                    day: d,
                };
                (day, day)
            }
            (Some(m), None) => (
                Day {
                    year: self.year,
                    month: m,
                    day: 1,
                },
                Day {
                    year: self.year,
                    month: m,
                    day: days_in_month(self.year, m),
                },
            ),
            _ => (
                Day {
                    year: self.year,
                    month: 1,
                    day: 1,
                },
                Day {
                    year: self.year,
                    month: 12,
                    day: 31,
                },
            ),
        }
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<PartialDate, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed date {0:?} (expected YYYY-MM-DD, YYYY-MM or YYYY)")]
pub struct DateError(pub String);

impl FromStr for Day {
    type Err = DateError;
    /// Parses exactly `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Day, DateError> {
        let p: PartialDate = s.parse()?;
        match (p.month, p.day) {
            (Some(m), Some(d)) => Ok(Day {
                year: p.year,
                month: m,
                day: d,
            }),
            _ => Err(DateError(s.to_string())),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; an ISO timestamp's date part is accepted too
    /// (`2025-08-27T10:53:00Z`).
    fn from_str(s: &str) -> Result<PartialDate, DateError> {
        let err = || DateError(s.to_string());
        let date_part = s.trim().split(['T', ' ']).next().unwrap_or("");
        let parts: Vec<&str> = date_part.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, DateError> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        let year = num(parts.first().ok_or_else(err)?, 4)? as i32;
        let date = match parts.len() {
            1 => PartialDate {
                year,
                month: None,
                day: None,
            },
            2 => {
                let m = num(parts[1], 2)? as u8;
                if !(1..=12).contains(&m) {
                    return Err(err());
                }
                PartialDate {
                    year,
                    month: Some(m),
                    day: None,
                }
            }
            3 => {
                let d = Day::new(year, num(parts[1], 2)? as u8, num(parts[2], 2)? as u8)
                    .ok_or_else(err)?;
                PartialDate::from_day(d)
            }
            _ => return Err(err()),
        };
        Ok(date)
    }
}

const MONTHS: [(&str, u8); 32] = [
    ("januar", 1),
    ("jänner", 1),
    ("jaenner", 1),
    ("februar", 2),
    ("feber", 2),
    ("märz", 3),
    ("maerz", 3),
    ("april", 4),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("august", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("dezember", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("october", 10),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
];
const MONTHS_MORE: [(&str, u8); 4] = [("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12)];

fn month_number(name: &str) -> Option<u8> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .chain(MONTHS_MORE.iter())
        .find(|(n, _)| *n == name)
        .map(|&(_, m)| m)
}

fn date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let month = r"(?:Januar|J[äa]e?nner|Februar|Feber|M[äa]e?rz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|January|February|March|May|June|July|October|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?";
        let pattern = [
            // 2025-08-27, 2025-08-27T10:53
            r"(?P<iso>(?-u:\b)\d{4}-\d{2}-\d{2})(?-u:\b)".to_string(),
            // date 2024-12, Datum: 2024-12, Stand: 2024-12 (a bare 2010-11 may be a season)
            r"(?i:(?-u:\b)(?:date|datum|stand)(?-u:\b))\s*:?\s*(?P<ym>\d{4}-\d{2})(?-u:\b)".to_string(),
            // 06.06.2025, 6.6.2025
            r"(?-u:\b)(?P<dd>\d{1,2})\.(?P<mm>\d{1,2})\.(?P<yyyy>\d{4})(?-u:\b)".to_string(),
            // 27. August 2025, 27 August 2025, 26 June 2025
            format!(r"(?-u:\b)(?P<d1>\d{{1,2}})\.?\s+(?P<m1>{month})\s+(?P<y1>\d{{4}})(?-u:\b)"),
            // Jun 26, 2025; January 4, 2019
            format!(r"(?-u:\b)(?P<m2>{month})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})(?-u:\b)"),
        ]
        .join("|");
        Regex::new(&pattern).expect("date pattern compiles")
    })
}

/// How far into a document its date is looked for: its opening lines.
const OPENING_LINES: usize = 20;
const OPENING_BYTES: usize = 3000;

/// The first date stated in the opening lines of `text` (the first 20 lines, at most 3000
/// bytes): `date 2024-12`, `06.06.2025 10:53`, `19.07.2025 12.45`, `Jun 26, 2025`,
/// `27. August 2025`, `2025-08-27`. A bare year is not a document date.
pub fn find_document_date(text: &str) -> Option<PartialDate> {
    let mut end = text.len().min(OPENING_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if let Some((i, _)) = text[..end].match_indices('\n').nth(OPENING_LINES - 1) {
        end = i;
    }
    let opening = &text[..end];
    // Every form of date has a four-digit year: most openings without one are passed over
    // before the pattern runs.
    if !has_digit_run(opening.as_bytes(), 4) {
        return None;
    }
    for caps in date_regex().captures_iter(opening) {
        let found = if let Some(m) = caps.name("iso") {
            m.as_str().parse().ok()
        } else if let Some(m) = caps.name("ym") {
            m.as_str().parse().ok()
        } else if let Some(d) = caps.name("dd") {
            numeric_day(&caps["yyyy"], &caps["mm"], d.as_str())
        } else if let Some(d) = caps.name("d1") {
            named_day(&caps["y1"], &caps["m1"], d.as_str())
        } else if let Some(d) = caps.name("d2") {
            named_day(&caps["y2"], &caps["m2"], d.as_str())
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// `bytes` holds `n` ASCII digits in a row.
fn has_digit_run(bytes: &[u8], n: usize) -> bool {
    let mut run = 0;
    for &b in bytes {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == n {
            return true;
        }
    }
    false
}

fn numeric_day(y: &str, m: &str, d: &str) -> Option<PartialDate> {
    Day::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).map(PartialDate::from_day)
}

fn named_day(y: &str, m: &str, d: &str) -> Option<PartialDate> {
    Day::new(y.parse().ok()?, month_number(m)?, d.parse().ok()?).map(PartialDate::from_day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<String> {
        find_document_date(text).map(|d| d.to_string())
    }

    #[test]
    fn digit_runs() {
        assert!(has_digit_run(b"am 21.08.2016", 4));
        assert!(has_digit_run(b"2016", 4));
        assert!(!has_digit_run(b"am 21.08.16 um 10:53", 4));
        assert!(!has_digit_run(b"", 4));
        // Without a four-digit year there is no document date.
        assert_eq!(found("Am 21. August um 10:53 Uhr"), None);
        assert_eq!(found("Am 21. August 2016"), Some("2016-08-21".into()));
    }

    #[test]
    fn seed_forms() {
        assert_eq!(
            found(" date 2024-12 Die USA und Nordkorea"),
            Some("2024-12".into())
        );
        assert_eq!(
            found("Politik\n\nKim\n06.06.2025 10:53\nLesezeit"),
            Some("2025-06-06".into())
        );
        assert_eq!(
            found("Titel\n19.07.2025 12.45\n"),
            Some("2025-07-19".into())
        );
        assert_eq!(
            found("Trump sagt ab\n\nJun 26, 2025\nNachrichten"),
            Some("2025-06-26".into())
        );
        assert_eq!(
            found("Berlin, 27. August 2025 –"),
            Some("2025-08-27".into())
        );
        assert_eq!(found("x 2025-08-27 y"), Some("2025-08-27".into()));
        assert_eq!(
            found("Friday, January 4, 2019 \n\n"),
            Some("2019-01-04".into())
        );
        assert_eq!(found("26 June 2025"), Some("2025-06-26".into()));
    }

    #[test]
    fn not_dates() {
        assert_eq!(found("in der zweiten Jahreshälfte 2024 und 2018"), None);
        assert_eq!(found("am 31.02.2025 nicht"), None);
        assert_eq!(found("die Saison 2010-11 war"), None);
        let late = format!("{}06.06.2025", "Zeile\n".repeat(30));
        assert_eq!(found(&late), None);
    }

    #[test]
    fn first_date_wins() {
        assert_eq!(found("06.06.2025\n20.01.2026"), Some("2025-06-06".into()));
    }

    #[test]
    fn parse_and_span() {
        let d: PartialDate = "2024-12".parse().unwrap();
        assert_eq!(d.span().0.to_string(), "2024-12-01");
        assert_eq!(d.span().1.to_string(), "2024-12-31");
        assert!("2024-13".parse::<PartialDate>().is_err());
        assert!("2024-02-30".parse::<PartialDate>().is_err());
        assert!("2024-2-3".parse::<PartialDate>().is_err());
        assert_eq!(
            "2024-02-29".parse::<Day>().unwrap().to_string(),
            "2024-02-29"
        );
        assert!("2024".parse::<Day>().is_err());
        assert_eq!(
            "2025-08-27T10:53:00Z"
                .parse::<PartialDate>()
                .unwrap()
                .to_string(),
            "2025-08-27"
        );
    }
}
