//! The heads of state and government of the embedded gazetteer, generated
//! (gazetteer/people/generated.toml, by gazetteer/tools/leaders_from_tables.py) and hand-written:
//! - every generated person has a role, and every role of the generated file a start date;
//! - no two people hold a single-holder office of one state on overlapping days (beyond
//!   `SLACK_DAYS`; the loader itself allows none);
//! - every state has a head of state and a head of government (or an acting one) on each of
//!   `DAYS`, except the true exceptions listed in tests/data/leaders_exceptions.tsv (a vacancy, a
//!   collective office, a state not yet independent). An exception no longer needed fails too.

use std::collections::{BTreeMap, BTreeSet};

use geokg::date::{Day, PartialDate};
use geokg::gazetteer::{ActorKind, Gazetteer, Polity};

const DAYS: [&str; 3] = ["2000-01-01", "2010-01-01", "2020-01-01"];
const SINGLE_HOLDER: [&str; 7] = [
    "head_of_state",
    "head_of_government",
    "president",
    "prime_minister",
    "chancellor",
    "monarch",
    "leader",
];
const SLACK_DAYS: i64 = 3;
const FOREVER: Day = Day {
    year: 9999,
    month: 12,
    day: 31,
};

fn gazetteer() -> Gazetteer {
    Gazetteer::embedded().expect("the embedded gazetteer loads")
}

fn day(s: &str) -> Day {
    s.parse().expect("a day")
}

/// Days since 0000-03-01 (proleptic Gregorian), for differences between days.
fn ordinal(d: Day) -> i64 {
    let (y, m) = if d.month <= 2 {
        (d.year as i64 - 1, d.month as i64 + 9)
    } else {
        (d.year as i64, d.month as i64 - 3)
    };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d.day as i64
}

#[test]
fn every_generated_person_has_dated_roles() {
    let gaz = gazetteer();
    let generated: Vec<_> = gaz
        .actors()
        .iter()
        .filter(|a| a.kind == ActorKind::Person && a.location.file.ends_with("generated.toml"))
        .collect();
    assert!(
        generated.len() > 1500,
        "only {} generated people: is gazetteer/people/generated.toml embedded?",
        generated.len()
    );
    let without: Vec<&str> = generated
        .iter()
        .filter(|a| a.roles.is_empty())
        .map(|a| a.id.as_str())
        .collect();
    assert!(
        without.is_empty(),
        "generated people without a role: {without:?}"
    );
    // `from` is required by the loader; check the file says it on every role line too.
    let text = include_str!("../gazetteer/people/generated.toml");
    let undated: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("{ office") && !l.contains("from = \""))
        .collect();
    assert!(
        undated.is_empty(),
        "roles without a start date: {undated:?}"
    );
}

#[test]
fn single_holder_offices_do_not_overlap() {
    let gaz = gazetteer();
    let mut terms: BTreeMap<(&str, &str), Vec<(Day, Option<Day>, &str)>> = BTreeMap::new();
    for a in gaz.actors() {
        for r in &a.roles {
            let Polity::Country(c) = &r.polity else {
                continue;
            };
            for o in r
                .offices
                .iter()
                .filter(|o| SINGLE_HOLDER.contains(&o.as_str()))
            {
                terms.entry((c.as_str(), o.as_str())).or_default().push((
                    r.from,
                    r.to,
                    a.id.as_str(),
                ));
            }
        }
    }
    let mut overlaps = Vec::new();
    for ((state, office), mut list) in terms {
        list.sort();
        for (i, (f1, t1, who1)) in list.iter().enumerate() {
            for (f2, t2, who2) in &list[i + 1..] {
                // An open term runs to the end of time.
                let end = t1.unwrap_or(FOREVER).min(t2.unwrap_or(FOREVER));
                let days = ordinal(end) - ordinal(*f2.max(f1));
                if days > SLACK_DAYS {
                    overlaps.push(format!(
                        "{state} {office}: {who1} and {who2} overlap {days} days from {f2}"
                    ));
                }
            }
        }
    }
    assert!(
        overlaps.is_empty(),
        "overlapping terms:\n{}",
        overlaps.join("\n")
    );
}

#[test]
fn every_state_has_heads_of_state_and_government() {
    let gaz = gazetteer();
    let exceptions_text = include_str!("data/leaders_exceptions.tsv");
    let mut exceptions: BTreeSet<(String, String, String)> = exceptions_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("state\t") && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect();
    let states: Vec<&str> = gaz
        .actors()
        .iter()
        .filter(|a| a.kind == ActorKind::State)
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(states.len(), 198);
    let mut missing = Vec::new();
    for d in DAYS {
        let date = PartialDate::from_day(day(d));
        for office in ["head_of_state", "head_of_government"] {
            for &state in &states {
                let acting = format!("acting_{office}");
                let held = !gaz.holders(state, office, date).is_empty()
                    || !gaz.holders(state, &acting, date).is_empty();
                let key = (state.to_string(), office.to_string(), d.to_string());
                let excepted = exceptions.remove(&key);
                if !held && !excepted {
                    missing.push(format!("{state} {office} {d}"));
                }
                if held && excepted {
                    missing.push(format!("{state} {office} {d}: held, remove the exception"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no holder (add the term to gazetteer/tools/leaders_overrides.tsv, or a true exception to tests/data/leaders_exceptions.tsv):\n{}",
        missing.join("\n")
    );
    assert!(
        exceptions.is_empty(),
        "exceptions for unknown states or days: {exceptions:?}"
    );
}
