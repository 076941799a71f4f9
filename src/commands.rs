//! What each command does, as library functions the binary calls: the binary parses
//! arguments and reports errors; everything else is here.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::date::PartialDate;
use crate::eval::{Evaluation, Evaluator, GoldRelation};
use crate::export::{Engine, Format};
use crate::gazetteer::ActorIdx;
use crate::gazetteer::{FormTarget, Gazetteer};
use crate::graph::{GraphBuilder, GraphOptions, RelationGraph};
use crate::input::{Document, InputError};
use crate::mentions::{find_mentions, DocumentMentions, Matcher, MentionRecord};
use crate::output::write_atomic;
use crate::pipeline::map_documents;
use crate::relations::{find_relations, RelationRecord};
use crate::text::normalize::normalize_form;
use crate::text::Lang;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("writing the output: {0}")]
    Output(#[from] io::Error),
}

/// Reads every document of `inputs`, finds its mentions, and writes the JSON lines `lines`
/// makes of them to `out`. Returns (documents, lines).
fn write_lines(
    gaz: &Gazetteer,
    inputs: &[PathBuf],
    lang: Option<Lang>,
    out: &mut dyn Write,
    warnings: &mut Vec<String>,
    lines: impl Fn(&Document, &DocumentMentions) -> Vec<String> + Sync,
) -> Result<(usize, usize), CommandError> {
    let matcher = Matcher::new(gaz);
    let (mut docs, mut count) = (0, 0);
    let mut write_err: Option<io::Error> = None;
    map_documents(
        inputs,
        warnings,
        |doc| lines(doc, &find_mentions(gaz, &matcher, doc, lang)),
        |_, doc_lines| {
            docs += 1;
            for line in doc_lines {
                if let Err(e) = writeln!(out, "{line}") {
                    write_err = Some(e);
                    return Err(InputError::Io {
                        path: "output".into(),
                        source: io::Error::other("write failed"),
                    });
                }
                count += 1;
            }
            Ok(())
        },
    )
    .map_err(|e| match write_err.take() {
        Some(w) => CommandError::Output(w),
        None => CommandError::Input(e),
    })?;
    Ok((docs, count))
}

/// Writes one JSON line per mention of every document in `inputs` to `out`, in document then
/// offset order. Returns (documents, mentions).
pub fn write_mentions(
    gaz: &Gazetteer,
    inputs: &[PathBuf],
    lang: Option<Lang>,
    out: &mut dyn Write,
    warnings: &mut Vec<String>,
) -> Result<(usize, usize), CommandError> {
    write_lines(gaz, inputs, lang, out, warnings, |doc, found| {
        found
            .mentions
            .iter()
            .map(|m| {
                serde_json::to_string(&MentionRecord::new(gaz, doc, found, m))
                    .expect("mentions serialise")
            })
            .collect()
    })
}

/// Writes one JSON line per relation mention of every document in `inputs` to `out`, in
/// document and sentence order (negated mentions included, flagged). Returns (documents,
/// relation mentions).
pub fn write_relations(
    gaz: &Gazetteer,
    inputs: &[PathBuf],
    lang: Option<Lang>,
    out: &mut dyn Write,
    warnings: &mut Vec<String>,
) -> Result<(usize, usize), CommandError> {
    let capped = std::sync::atomic::AtomicUsize::new(0);
    let counts = write_lines(gaz, inputs, lang, out, warnings, |doc, found| {
        let rels = find_relations(gaz, doc, found);
        capped.fetch_add(rels.capped_sentences, std::sync::atomic::Ordering::Relaxed);
        rels.relations
            .iter()
            .map(|r| {
                serde_json::to_string(&RelationRecord::new(gaz, doc, found, r))
                    .expect("relations serialise")
            })
            .collect()
    })?;
    warn_capped(capped.into_inner(), warnings);
    Ok(counts)
}

fn warn_capped(sentences: usize, warnings: &mut Vec<String>) {
    if sentences > 0 {
        warnings.push(format!(
            "{sentences} sentence(s) named too many actors together (more than {} pairs from one match): no relations taken from those matches",
            crate::relations::MAX_PAIRS
        ));
    }
}

/// Finds the mentions and relations of every document of `inputs` (in parallel) and hands
/// them to `sink` in input order.
fn analyse(
    gaz: &Gazetteer,
    inputs: &[PathBuf],
    lang: Option<Lang>,
    warnings: &mut Vec<String>,
    mut sink: impl FnMut(Document, DocumentMentions, crate::relations::DocumentRelations),
) -> Result<(), CommandError> {
    let matcher = Matcher::new(gaz);
    map_documents(
        inputs,
        warnings,
        |doc| {
            let found = find_mentions(gaz, &matcher, doc, lang);
            let rels = find_relations(gaz, doc, &found);
            (found, rels)
        },
        |doc, (found, rels)| {
            sink(doc, found, rels);
            Ok(())
        },
    )?;
    Ok(())
}

/// Runs the whole pipeline over `inputs` and aggregates the relation graph.
pub fn build_graph(
    gaz: &Gazetteer,
    inputs: &[PathBuf],
    lang: Option<Lang>,
    options: GraphOptions,
    warnings: &mut Vec<String>,
) -> Result<RelationGraph, CommandError> {
    let mut builder = GraphBuilder::new(gaz, options);
    let mut capped = 0;
    analyse(gaz, inputs, lang, warnings, |doc, found, rels| {
        capped += rels.capped_sentences;
        builder.add(&doc, &found, &rels);
    })?;
    warn_capped(capped, warnings);
    Ok(builder.finish())
}

/// Writes `graph` in each of `formats` into `dir` (atomically, file by file); returns the
/// files written.
pub fn write_graph(
    graph: &RelationGraph,
    dir: &Path,
    formats: &[Format],
    engine: Engine,
) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for f in formats {
        for (name, contents) in render(graph, *f, engine)? {
            let path = dir.join(name);
            write_atomic(&path, contents.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            written.push(path);
        }
    }
    Ok(written)
}

/// The files of one format: (file name, contents).
pub fn render(
    graph: &RelationGraph,
    format: Format,
    engine: Engine,
) -> Result<Vec<(&'static str, String)>, String> {
    Ok(match format {
        Format::Json => vec![("graph.json", graph.to_json())],
        Format::Graphml => vec![("graph.graphml", crate::export::graphml::write(graph))],
        Format::Gexf => vec![("graph.gexf", crate::export::gexf::write(graph))],
        Format::Csv => vec![
            ("nodes.csv", crate::export::csv::nodes(graph)),
            ("edges.csv", crate::export::csv::edges(graph)),
        ],
        Format::Dot => vec![("graph.dot", crate::export::dot::write(graph))],
        Format::Svg => vec![("graph.svg", crate::export::svg(graph, engine)?)],
    })
}

/// The graph node a name stands for: a node id as it is, or any name, title or adjective the
/// gazetteer knows, in either language (titles resolve by `as_of`). An unknown or ambiguous
/// name is an error that lists the candidates.
pub fn resolve_node(
    gaz: &Gazetteer,
    matcher: &Matcher,
    graph: &RelationGraph,
    name: &str,
    as_of: Option<PartialDate>,
) -> Result<String, String> {
    if graph.nodes.iter().any(|n| n.id == name) {
        return Ok(name.to_string());
    }
    let mut doc = Document::new("query", name);
    doc.date = as_of;
    let found = find_mentions(gaz, matcher, &doc, None);
    let in_graph = |id: &str| graph.nodes.iter().any(|n| n.id == id);
    let describe = |ids: &[ActorIdx]| {
        ids.iter()
            .map(|&i| {
                let a = gaz.actor(i);
                format!(
                    "{} ({}{})",
                    a.id,
                    a.name.en,
                    if in_graph(&a.id) {
                        ""
                    } else {
                        ", not in this graph"
                    }
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(m) = found
        .mentions
        .iter()
        .max_by_key(|m| (m.end - m.start, std::cmp::Reverse(m.start)))
    else {
        let needle = name.to_lowercase();
        let similar: Vec<String> = graph
            .nodes
            .iter()
            .filter(|n| {
                n.label.to_lowercase().contains(&needle) || n.id.to_lowercase().contains(&needle)
            })
            .map(|n| format!("{} ({})", n.id, n.label))
            .collect();
        return Err(if similar.is_empty() {
            format!(
                "{name:?} is no name the gazetteer knows (try `geokg gazetteer lookup {name:?}`)"
            )
        } else {
            format!(
                "{name:?} is no name the gazetteer knows; nodes with similar names: {}",
                similar.join(", ")
            )
        });
    };
    let Some(actor) = m.actor else {
        let why = m.reason.as_deref().unwrap_or("unresolved");
        let hint = if m.office.is_some() && as_of.is_none() {
            "; give --as-of DATE to resolve a title"
        } else {
            ""
        };
        return Err(format!(
            "{name:?} is ambiguous ({why}{hint}); candidates: {}",
            describe(&m.candidates)
        ));
    };
    let a = gaz.actor(actor);
    if in_graph(&a.id) {
        return Ok(a.id.clone());
    }
    if graph.options.level == crate::graph::Level::Country {
        if let Some(c) = a.country_on(as_of).filter(|c| in_graph(c)) {
            return Ok(c.to_string());
        }
    }
    Err(format!(
        "{name:?} is {} ({}), which is not in this graph",
        a.id, a.name.en
    ))
}

/// Extracts relations from `inputs` and scores them against `gold`.
pub fn evaluate(
    gaz: &Gazetteer,
    gold: &[GoldRelation],
    inputs: &[PathBuf],
    lang: Option<Lang>,
    warnings: &mut Vec<String>,
) -> Result<Evaluation, CommandError> {
    let mut ev = Evaluator::default();
    analyse(gaz, inputs, lang, warnings, |doc, found, rels| {
        ev.add(gaz, &doc, &found, &rels)
    })?;
    Ok(ev.finish(gold))
}

/// The lexicon as the baselines' TSV files: (aliases, cues). Aliases are every form that
/// names an actor or a short name (`actor_id<TAB>form`), cues every cue form
/// (`family<TAB>form`); sorted, without duplicates.
pub fn lexicon_tsv(gaz: &Gazetteer) -> (String, String) {
    let mut aliases = std::collections::BTreeSet::new();
    for f in gaz.forms() {
        if let FormTarget::Actor(i) | FormTarget::Short(i) = f.target {
            aliases.insert(format!("{}\t{}", gaz.actor(i).id, f.text));
        }
    }
    let lex = gaz.lexicon();
    let mut cues = std::collections::BTreeSet::new();
    for index in &lex.cue_index {
        for entries in index.values() {
            for (cue, form, _) in entries {
                let family = lex.kinds[lex.cues[*cue].kind].family;
                let words: Vec<_> = form.iter().map(|&w| lex.vocab.word(w)).collect();
                cues.insert(format!("{}\t{}", family.as_str(), words.join(" ")));
            }
        }
    }
    let join = |head: &str, set: std::collections::BTreeSet<String>| {
        let mut s = format!("# {head} (written by geokg gazetteer export-tsv)\n");
        for l in set {
            s.push_str(&l);
            s.push('\n');
        }
        s
    };
    (
        join("actor_id\talias", aliases),
        join("relation\tcue", cues),
    )
}

/// A report of what `name` resolves to: every form it matches exactly, and the mentions it
/// makes as a text dated `date`.
pub fn lookup(gaz: &Gazetteer, name: &str, date: Option<PartialDate>) -> String {
    let mut s = String::new();
    let key = normalize_form(name);
    let _ = writeln!(s, "{name:?} (normalised {key:?})");
    let mut any = false;
    for f in gaz.forms() {
        if normalize_form(&f.text) != key {
            continue;
        }
        any = true;
        let langs: Vec<&str> = f.lang.langs().map(|l| l.code()).collect();
        let what = match &f.target {
            FormTarget::Actor(i) if f.class == crate::gazetteer::Class::CapitalAdjective => {
                let a = gaz.actor(*i);
                format!(
                    "capital adjective of {} ({}): names the state only before an institution noun with a seat",
                    a.id, a.name.en
                )
            }
            FormTarget::Actor(i) => {
                let a = gaz.actor(*i);
                format!("{} of {} ({}, {})", f.via, a.id, a.name.en, a.kind.as_str())
            }
            FormTarget::Short(i) => {
                let a = gaz.actor(*i);
                format!("short name of {} ({})", a.id, a.name.en)
            }
            FormTarget::Noun { office } if gaz.office(office).is_some_and(|o| o.institution) => {
                format!(
                    "institution noun for {office}: names the state when a state stands next to it"
                )
            }
            FormTarget::Noun { office } => {
                format!("office noun for {office}: names a holder when a state stands next to it")
            }
            FormTarget::Title { polity, office }
                if gaz.office(office).is_some_and(|o| o.institution) =>
            {
                format!("institution: the {office} of {polity}, names the state")
            }
            FormTarget::Title { polity, office } => format!("title: the {office} of {polity}"),
            FormTarget::PersonWord => "a word that may stand before a short name".to_string(),
            FormTarget::Blocker => "blocker: not an actor, hides the names inside it".to_string(),
        };
        let inflected = if f.text != f.base {
            format!(" (inflected from {:?})", f.base)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "  form {:?}{inflected} [{}]: {what}  ({})",
            f.text,
            langs.join(","),
            f.location
        );
    }
    if !any {
        let _ = writeln!(s, "  no form of the gazetteer is exactly this name");
    }
    let matcher = Matcher::new(gaz);
    for lang in [Lang::De, Lang::En] {
        let mut doc = Document::new("lookup", name);
        doc.date = date;
        let found = find_mentions(gaz, &matcher, &doc, Some(lang));
        let dated = date
            .map(|d| format!(" dated {d}"))
            .unwrap_or_else(|| " without a date".into());
        let _ = writeln!(s, "as {lang} text{dated}:");
        if found.mentions.is_empty() {
            let _ = writeln!(s, "  no mention");
        }
        for m in &found.mentions {
            let text = &name[m.start..m.end];
            match m.actor {
                Some(a) => {
                    let a = gaz.actor(a);
                    let _ = writeln!(
                        s,
                        "  {text:?} -> {} ({}, {}) via {}",
                        a.id,
                        a.name.get(lang),
                        a.kind.as_str(),
                        m.via
                    );
                }
                None => {
                    let ids: Vec<&str> = m
                        .candidates
                        .iter()
                        .map(|&i| gaz.actor(i).id.as_str())
                        .collect();
                    let why = m.reason.as_deref().unwrap_or("unresolved");
                    let _ = writeln!(
                        s,
                        "  {text:?} -> unresolved ({why}); candidates: {}",
                        ids.join(", ")
                    );
                }
            }
            if let Some((polity, office)) = &m.office {
                let _ = writeln!(s, "    title: {office} of {polity}");
            }
        }
    }
    s
}
