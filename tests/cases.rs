//! Table-driven mention cases: every `tests/cases/*.toml` file holds cases as data (see
//! tests/cases/README.md), so that a case is added without writing Rust. Each case's text must
//! yield exactly the listed mentions, in order.

mod common;

use geokg::gazetteer::Gazetteer;
use geokg::input::Document;
use geokg::mentions::{find_mentions, Matcher};
use geokg::text::Lang;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    lang: Option<String>,
    date: Option<String>,
    #[serde(default)]
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    text: String,
    /// An actor id, or "?" for an ambiguous or unresolved mention.
    actor: String,
    via: Option<String>,
    /// For "?": the candidate ids, in any order.
    candidates: Option<Vec<String>>,
}

#[test]
fn mention_cases() {
    let gaz = Gazetteer::embedded().expect("embedded gazetteer");
    let matcher = Matcher::new(&gaz);
    let (mut total, mut failures) = (0, Vec::new());
    for (name, text) in common::case_files("cases") {
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for case in file.case {
            total += 1;
            let mut doc = Document::new("case", case.text.clone());
            doc.date = case.date.as_ref().map(|d| {
                d.parse()
                    .unwrap_or_else(|e| panic!("{name}: {}: {e}", case.name))
            });
            let lang = case.lang.as_ref().map(|l| l.parse::<Lang>().unwrap());
            let found = find_mentions(&gaz, &matcher, &doc, lang);
            let got: Vec<String> = found
                .mentions
                .iter()
                .map(|m| {
                    let actor = m
                        .actor
                        .map(|a| gaz.actor(a).id.clone())
                        .unwrap_or_else(|| "?".into());
                    format!("{:?} {actor} {}", &case.text[m.start..m.end], m.via)
                })
                .collect();
            let ok = found.mentions.len() == case.expect.len()
                && found.mentions.iter().zip(&case.expect).all(|(m, e)| {
                    let actor = m.actor.map(|a| gaz.actor(a).id.as_str()).unwrap_or("?");
                    let mut cands: Vec<&str> = m
                        .candidates
                        .iter()
                        .map(|&c| gaz.actor(c).id.as_str())
                        .collect();
                    cands.sort();
                    let want_cands = e.candidates.as_ref().map(|c| {
                        let mut c: Vec<&str> = c.iter().map(String::as_str).collect();
                        c.sort();
                        c
                    });
                    case.text[m.start..m.end] == e.text
                        && actor == e.actor
                        && e.via.as_ref().is_none_or(|v| v == m.via.as_str())
                        && want_cands.is_none_or(|w| w == cands)
                });
            if !ok {
                let want: Vec<String> = case
                    .expect
                    .iter()
                    .map(|e| {
                        format!(
                            "{:?} {} {}",
                            e.text,
                            e.actor,
                            e.via.as_deref().unwrap_or("*")
                        )
                    })
                    .collect();
                failures.push(format!(
                    "{name}: {}\n    text: {:?}\n    want: {want:?}\n    got:  {got:?}",
                    case.name, case.text
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
