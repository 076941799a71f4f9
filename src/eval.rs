//! Evaluation of relation extraction against gold relations: precision, recall and F1 per
//! family and overall at the level of (document, unordered country pair, family), direction
//! accuracy, and every miss and false alarm with its sentence.
//!
//! Gold files are JSONL, one relation per line, in either of two forms:
//! - geokg's: `{"doc": "...", "source": "PRK", "target": "RUS", "relation": "allies",
//!   "directed": true}` — source and target are state codes or organisation ids; `directed`
//!   (default false) says that source → target is the gold direction;
//! - the PETRARCH validation set's: `{"id": ..., "source_country": ..., "target_country": ...,
//!   "class": "meets|cooperates|opposes|other", "reciprocal": bool}`, where `cooperates` is
//!   geokg's `allies`, and `other` is no relation of any family.
//!
//! Extracted relations count at the country level: a person stands for the state they serve on
//! the document's date, an organisation for itself. Negated relations do not count.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use crate::gazetteer::lexicon::Family;
use crate::gazetteer::{ActorIdx, ActorKind, Gazetteer};
use crate::input::Document;
use crate::mentions::DocumentMentions;
use crate::relations::DocumentRelations;

/// (document, the pair in sorted order, family).
type Key = (String, (String, String), Family);

/// One gold relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldRelation {
    pub doc: String,
    pub source: String,
    pub target: String,
    pub family: Family,
    pub directed: bool,
}

#[derive(Deserialize)]
struct RawGold {
    doc: Option<String>,
    source: Option<String>,
    target: Option<String>,
    relation: Option<String>,
    directed: Option<bool>,
    id: Option<String>,
    source_country: Option<String>,
    target_country: Option<String>,
    class: Option<String>,
    reciprocal: Option<bool>,
}

/// Reads a gold file; errors name the file and line.
pub fn read_gold(path: &Path) -> Result<Vec<GoldRelation>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let at = || format!("{}:{}", path.display(), i + 1);
        let raw: RawGold =
            serde_json::from_str(line).map_err(|e| format!("{}: not a JSON object: {e}", at()))?;
        if let (Some(doc), Some(s), Some(t), Some(rel)) =
            (&raw.doc, &raw.source, &raw.target, &raw.relation)
        {
            let family = Family::parse(rel).ok_or_else(|| {
                format!(
                    "{}: unknown relation {rel:?} (expected allies, meets or opposes)",
                    at()
                )
            })?;
            out.push(GoldRelation {
                doc: doc.clone(),
                source: s.clone(),
                target: t.clone(),
                family,
                directed: raw.directed.unwrap_or(false),
            });
        } else if let (Some(id), Some(s), Some(t), Some(class)) = (
            &raw.id,
            &raw.source_country,
            &raw.target_country,
            &raw.class,
        ) {
            let family = match class.as_str() {
                "meets" => Family::Meets,
                "cooperates" => Family::Allies,
                "opposes" => Family::Opposes,
                "other" => continue,
                other => return Err(format!("{}: unknown class {other:?}", at())),
            };
            out.push(GoldRelation {
                doc: id.clone(),
                source: s.clone(),
                target: t.clone(),
                family,
                directed: !raw.reciprocal.unwrap_or(false),
            });
        } else {
            return Err(format!("{}: a gold line needs doc, source, target, relation (or id, source_country, target_country, class)", at()));
        }
    }
    Ok(out)
}

/// What extraction predicted for one key: the directions seen and a sentence for the report.
#[derive(Debug, Default, Clone)]
struct Predicted {
    directions: BTreeSet<(String, String)>,
    sentence: String,
}

/// Counts per family.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The result of an evaluation.
#[derive(Debug, Default)]
pub struct Evaluation {
    pub per_family: BTreeMap<Family, Counts>,
    pub overall: Counts,
    /// Directed gold relations found, and found with the gold direction.
    pub directed: usize,
    pub direction_correct: usize,
    pub misses: Vec<String>,
    pub false_alarms: Vec<String>,
    pub wrong_direction: Vec<String>,
}

/// Collects predictions document by document, then scores them against the gold.
#[derive(Default)]
pub struct Evaluator {
    predicted: BTreeMap<Key, Predicted>,
    docs: BTreeMap<String, String>,
}

/// The country-level id an actor stands for.
fn country_level(gaz: &Gazetteer, a: ActorIdx, found: &DocumentMentions) -> Option<String> {
    let actor = gaz.actor(a);
    match actor.kind {
        ActorKind::Person => actor.country_on(found.date).map(str::to_string),
        ActorKind::State | ActorKind::Organization => Some(actor.id.clone()),
    }
}

impl Evaluator {
    /// Adds the relations extracted from one document.
    pub fn add(
        &mut self,
        gaz: &Gazetteer,
        doc: &Document,
        found: &DocumentMentions,
        rels: &DocumentRelations,
    ) {
        let short = if doc.text.len() <= 400 {
            doc.text.clone()
        } else {
            String::new()
        };
        self.docs.insert(doc.id.clone(), short);
        for r in rels.relations.iter().filter(|r| !r.negated) {
            let (Some(s), Some(t)) = (
                country_level(gaz, r.source.actor, found),
                country_level(gaz, r.target.actor, found),
            ) else {
                continue;
            };
            if s == t {
                continue;
            }
            let family = gaz.lexicon().kinds[r.kind].family;
            let pair = if s < t {
                (s.clone(), t.clone())
            } else {
                (t.clone(), s.clone())
            };
            let entry = self
                .predicted
                .entry((doc.id.clone(), pair, family))
                .or_default();
            if gaz.lexicon().kinds[r.kind].directed {
                entry.directions.insert((s, t));
            }
            if entry.sentence.is_empty() {
                entry.sentence = doc.text[r.start..r.end].to_string();
            }
        }
    }

    /// Scores the predictions against `gold`. Only documents that were read count.
    pub fn finish(self, gold: &[GoldRelation]) -> Evaluation {
        let mut gold_keys: BTreeMap<Key, Vec<&GoldRelation>> = BTreeMap::new();
        for g in gold.iter().filter(|g| self.docs.contains_key(&g.doc)) {
            let pair = if g.source < g.target {
                (g.source.clone(), g.target.clone())
            } else {
                (g.target.clone(), g.source.clone())
            };
            gold_keys
                .entry((g.doc.clone(), pair, g.family))
                .or_default()
                .push(g);
        }
        let mut ev = Evaluation::default();
        for f in [Family::Allies, Family::Meets, Family::Opposes] {
            ev.per_family.insert(f, Counts::default());
        }
        for (key, gs) in &gold_keys {
            let counts = ev.per_family.get_mut(&key.2).unwrap();
            match self.predicted.get(key) {
                Some(p) => {
                    counts.tp += 1;
                    for g in gs.iter().filter(|g| g.directed) {
                        ev.directed += 1;
                        if p.directions.is_empty()
                            || p.directions.contains(&(g.source.clone(), g.target.clone()))
                        {
                            ev.direction_correct += 1;
                        } else {
                            ev.wrong_direction.push(format!(
                                "{} {} -> {} {}: extracted {:?}",
                                key.0,
                                g.source,
                                g.target,
                                key.2.as_str(),
                                p.directions
                            ));
                        }
                    }
                }
                None => {
                    counts.fn_ += 1;
                    let g = gs[0];
                    let text = self
                        .docs
                        .get(&key.0)
                        .filter(|t| !t.is_empty())
                        .map(|t| format!(": {t}"))
                        .unwrap_or_default();
                    ev.misses.push(format!(
                        "{} {} {} {}{text}",
                        key.0,
                        key.2.as_str(),
                        g.source,
                        g.target
                    ));
                }
            }
        }
        for (key, p) in &self.predicted {
            if !gold_keys.contains_key(key) {
                ev.per_family.get_mut(&key.2).unwrap().fp += 1;
                ev.false_alarms.push(format!(
                    "{} {} {} {}: {}",
                    key.0,
                    key.2.as_str(),
                    key.1 .0,
                    key.1 .1,
                    p.sentence
                ));
            }
        }
        for c in ev.per_family.values() {
            ev.overall.tp += c.tp;
            ev.overall.fp += c.fp;
            ev.overall.fn_ += c.fn_;
        }
        ev
    }
}

impl Evaluation {
    /// The report `geokg eval` prints.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<10} {:>5} {:>5} {:>5} {:>9} {:>7} {:>7}",
            "family", "tp", "fp", "fn", "precision", "recall", "F1"
        );
        let row = |s: &mut String, name: &str, c: &Counts| {
            let _ = writeln!(
                s,
                "{name:<10} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>7.3}",
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            );
        };
        for (f, c) in &self.per_family {
            row(&mut s, f.as_str(), c);
        }
        row(&mut s, "overall", &self.overall);
        let _ = writeln!(
            s,
            "direction: {}/{} directed gold relations found with the gold direction ({:.3})",
            self.direction_correct,
            self.directed,
            ratio(self.direction_correct, self.directed)
        );
        for (title, list) in [
            ("misses", &self.misses),
            ("false alarms", &self.false_alarms),
            ("wrong direction", &self.wrong_direction),
        ] {
            let _ = writeln!(s, "\n{title} ({}):", list.len());
            for l in list {
                let _ = writeln!(s, "  {l}");
            }
        }
        s
    }
}
