//! Recall and precision of state mentions on the GermEval 2014 German NER test set
//! (../shared/corpus/germeval2014/NER-de-test.tsv, labels in tests/data/germeval_states.tsv).
//!
//! Recall: of the gold LOC (country names) and LOCderiv (country adjectives, demonyms) entities
//! that denote a state, the share that geokg finds with that state (a mention overlapping the
//! entity). Precision: of geokg's state mentions by name, alias, adjective or demonym, the
//! share that overlap a gold entity labelled with that state (entities labelled ambiguous are
//! left out of both). Run with `cargo test --release --test germeval -- --nocapture` to see
//! the numbers and every miss and false alarm.

use std::collections::HashMap;
use std::path::Path;

use geokg::gazetteer::{ActorKind, Gazetteer, Via};
use geokg::input::Document;
use geokg::mentions::{find_mentions, Matcher};
use geokg::text::Lang;

struct Entity {
    tag: String,
    start: usize,
    end: usize,
    surface: String,
}

struct Sentence {
    text: String,
    entities: Vec<Entity>,
}

fn corpus() -> Vec<Sentence> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/germeval2014/NER-de-test.tsv");
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (CI keeps ../shared beside the clone)",
            path.display()
        )
    });
    let mut out = Vec::new();
    let mut tokens: Vec<(String, String, String)> = Vec::new();
    let mut flush = |tokens: &mut Vec<(String, String, String)>| {
        if tokens.is_empty() {
            return;
        }
        let mut text = String::new();
        let mut spans = Vec::new();
        for (t, _, _) in tokens.iter() {
            if !text.is_empty() {
                text.push(' ');
            }
            spans.push((text.len(), text.len() + t.len()));
            text.push_str(t);
        }
        let mut entities = Vec::new();
        for column in [1, 2] {
            let mut open: Option<(String, usize)> = None;
            for i in 0..=tokens.len() {
                let tag = tokens
                    .get(i)
                    .map(|t| {
                        if column == 1 {
                            t.1.as_str()
                        } else {
                            t.2.as_str()
                        }
                    })
                    .unwrap_or("O");
                let continues =
                    tag.starts_with("I-") && open.as_ref().is_some_and(|(k, _)| *k == tag[2..]);
                if !continues {
                    if let Some((kind, first)) = open.take() {
                        let (start, end) = (spans[first].0, spans[i - 1].1);
                        entities.push(Entity {
                            tag: kind,
                            start,
                            end,
                            surface: text[start..end].to_string(),
                        });
                    }
                    if tag.starts_with("B-") || tag.starts_with("I-") {
                        open = Some((tag[2..].to_string(), i));
                    }
                }
            }
        }
        out.push(Sentence { text, entities });
        tokens.clear();
    };
    for line in raw.lines() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut tokens);
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() >= 4 {
            tokens.push((f[1].to_string(), f[2].to_string(), f[3].to_string()));
        }
    }
    flush(&mut tokens);
    out
}

/// (surface, tag) → label: state codes (`DEU`, or `DEU;POL` for compounds), `-` or `?`.
fn labels() -> HashMap<(String, String), String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/germeval_states.tsv");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            ((f[0].to_string(), f[1].to_string()), f[2].to_string())
        })
        .collect()
}

#[test]
fn germeval_state_recall_and_precision() {
    let gaz = Gazetteer::embedded().unwrap();
    let matcher = Matcher::new(&gaz);
    let labels = labels();
    let sentences = corpus();
    assert!(sentences.len() > 5000, "{} sentences", sentences.len());
    let (mut gold_n, mut found_n) = (HashMap::<&str, usize>::new(), HashMap::<&str, usize>::new());
    let (mut tp, mut fp) = (0usize, 0usize);
    let (mut misses, mut false_alarms) = (Vec::new(), Vec::new());
    for s in &sentences {
        let doc = Document::new("s", s.text.clone());
        let found = find_mentions(&gaz, &matcher, &doc, Some(Lang::De));
        // A state mention, or a title, which names its state even where the office holder is
        // unknown ("portugiesischer Ministerpräsident" in a text of 1923).
        let states: Vec<(usize, usize, &str, Via)> = found
            .mentions
            .iter()
            .filter_map(|m| match (m.actor.map(|a| gaz.actor(a)), &m.office) {
                (Some(a), _) if a.kind == ActorKind::State => {
                    Some((m.start, m.end, a.id.as_str(), m.via))
                }
                (_, Some((polity, _))) => Some((m.start, m.end, polity.as_str(), m.via)),
                _ => None,
            })
            .collect();
        let label_of = |e: &Entity| {
            labels
                .get(&(e.surface.clone(), e.tag.clone()))
                .map(String::as_str)
        };
        for e in s
            .entities
            .iter()
            .filter(|e| e.tag == "LOC" || e.tag == "LOCderiv")
        {
            let Some(label) = label_of(e) else {
                panic!("no label for {:?} {}", e.surface, e.tag)
            };
            if label == "-" || label == "?" {
                continue;
            }
            let tag: &str = if e.tag == "LOC" { "LOC" } else { "LOCderiv" };
            *gold_n.entry(tag).or_default() += 1;
            let all = label.split(';').all(|code| {
                states
                    .iter()
                    .any(|(ms, me, id, _)| *ms < e.end && *me > e.start && *id == code)
            });
            if all {
                *found_n.entry(tag).or_default() += 1;
            } else {
                misses.push(format!("{tag} {:?} ({label}) in: {}", e.surface, s.text));
            }
        }
        for (ms, me, id, via) in &states {
            if !matches!(via, Via::Name | Via::Alias | Via::Adjective | Via::Demonym) {
                continue;
            }
            let overlapping: Vec<&str> = s
                .entities
                .iter()
                .filter(|e| e.start < *me && e.end > *ms && (e.tag == "LOC" || e.tag == "LOCderiv"))
                .filter_map(&label_of)
                .collect();
            if overlapping.iter().any(|l| l.split(';').any(|c| c == *id)) {
                tp += 1;
            } else if overlapping.contains(&"?") {
                // ambiguous in the gold: neither right nor wrong
            } else {
                fp += 1;
                false_alarms.push(format!("{:?} as {id} in: {}", &s.text[*ms..*me], s.text));
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let (g_loc, f_loc) = (gold_n["LOC"], found_n.get("LOC").copied().unwrap_or(0));
    let (g_der, f_der) = (
        gold_n["LOCderiv"],
        found_n.get("LOCderiv").copied().unwrap_or(0),
    );
    let recall = ratio(f_loc + f_der, g_loc + g_der);
    let precision = ratio(tp, tp + fp);
    eprintln!("GermEval 2014 test, state mentions:");
    eprintln!(
        "  recall LOC (country names)       {f_loc}/{g_loc} = {:.3}",
        ratio(f_loc, g_loc)
    );
    eprintln!(
        "  recall LOCderiv (adjectives etc.) {f_der}/{g_der} = {:.3}",
        ratio(f_der, g_der)
    );
    eprintln!(
        "  recall overall                   {}/{} = {recall:.3}",
        f_loc + f_der,
        g_loc + g_der
    );
    eprintln!(
        "  precision                        {tp}/{} = {precision:.3}",
        tp + fp
    );
    eprintln!("misses:\n  {}", misses.join("\n  "));
    eprintln!("false alarms:\n  {}", false_alarms.join("\n  "));
    assert!(
        recall >= 0.95,
        "recall {recall:.3} is below the 0.95 target"
    );
    assert!(precision >= 0.90, "precision {precision:.3} is below 0.90");
}
