//! Table-driven relation cases: every `tests/relations/*.toml` file holds sentences and the
//! relations they must yield (see tests/relations/README.md). A case passes when the relations
//! found equal the expected ones exactly: nothing missing, nothing extra.

mod common;

use geokg::gazetteer::Gazetteer;
use geokg::input::Document;
use geokg::mentions::{find_mentions, Matcher};
use geokg::relations::find_relations;
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

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expect {
    source: String,
    target: String,
    kind: String,
    negated: Option<bool>,
    hedged: Option<bool>,
    attributed_to: Option<String>,
    event_date: Option<String>,
}

#[test]
fn relation_cases() {
    let gaz = Gazetteer::embedded().expect("embedded gazetteer");
    let matcher = Matcher::new(&gaz);
    let (mut total, mut failures) = (0, Vec::new());
    for (name, text) in common::case_files("relations") {
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for case in file.case {
            total += 1;
            let mut doc = Document::new("case", case.text.clone());
            doc.date = case.date.as_ref().map(|d| d.parse().unwrap());
            let lang = case.lang.as_ref().map(|l| l.parse::<Lang>().unwrap());
            let found = find_mentions(&gaz, &matcher, &doc, lang);
            let rels = find_relations(&gaz, &doc, &found);
            let got: Vec<String> = rels
                .relations
                .iter()
                .map(|r| {
                    let k = &gaz.lexicon().kinds[r.kind];
                    format!(
                        "{} -{}-> {}{}{}{}",
                        gaz.actor(r.source.actor).id,
                        k.id,
                        gaz.actor(r.target.actor).id,
                        if r.negated { " negated" } else { "" },
                        if r.hedged { " hedged" } else { "" },
                        r.attributed_to
                            .map(|a| format!(" by {}", gaz.actor(a.actor).id))
                            .unwrap_or_default()
                    )
                })
                .collect();
            let matches = |e: &Expect, r: &geokg::relations::RelationMention| {
                let k = &gaz.lexicon().kinds[r.kind];
                let (s, t) = (
                    gaz.actor(r.source.actor).id.as_str(),
                    gaz.actor(r.target.actor).id.as_str(),
                );
                let ends = (s == e.source && t == e.target)
                    || (!k.directed && s == e.target && t == e.source);
                ends && k.id == e.kind
                    && e.negated.is_none_or(|n| n == r.negated)
                    && e.hedged.is_none_or(|h| h == r.hedged)
                    && e.attributed_to.as_ref().is_none_or(|a| {
                        r.attributed_to.is_some_and(|x| gaz.actor(x.actor).id == *a)
                    })
                    && e.event_date
                        .as_ref()
                        .is_none_or(|d| r.event_date.map(|x| x.to_string()).as_ref() == Some(d))
            };
            let all_expected_found = case
                .expect
                .iter()
                .all(|e| rels.relations.iter().any(|r| matches(e, r)));
            let nothing_extra = rels
                .relations
                .iter()
                .all(|r| case.expect.iter().any(|e| matches(e, r)));
            if !(all_expected_found && nothing_extra) {
                let want: Vec<String> = case
                    .expect
                    .iter()
                    .map(|e| format!("{} -{}-> {}", e.source, e.kind, e.target))
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
        "{} of {total} relation cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
