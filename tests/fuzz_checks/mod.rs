//! The checks of the fuzz targets (`fuzz/fuzz_targets/`), shared with
//! `tests/fuzz_regressions.rs` so that every input a fuzzer found runs again in `cargo test`.
//! Each function takes any bytes and panics only when geokg misbehaves.
#![allow(dead_code)]

use std::sync::OnceLock;

use geokg::export;
use geokg::gazetteer::Gazetteer;
use geokg::graph::RelationGraph;
use geokg::input::{for_each_jsonl_document, Document, InputError};
use geokg::mentions::{find_mentions, Matcher};
use geokg::relations::{find_relations, RelationRecord};
use geokg::text::{sentences, Lang, Normalized};

fn setup() -> &'static (Gazetteer, Matcher) {
    static SETUP: OnceLock<(Gazetteer, Matcher)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let gaz = Gazetteer::embedded().expect("the embedded gazetteer is valid");
        let matcher = Matcher::new(&gaz);
        (gaz, matcher)
    })
}

/// Normalisation and actor matching on any text: the normalised copy maps back onto char
/// boundaries of the original, and every mention is a non-empty slice of the text, in order.
pub fn normalize_match(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let norm = Normalized::new(&text);
    let n = norm.as_str();
    let again = Normalized::new(n);
    assert_eq!(again.as_str(), n, "normalisation is idempotent");
    for (pos, _) in n.char_indices().chain([(n.len(), ' ')]) {
        let (s, e) = (norm.original_start(pos), norm.original_end(pos));
        assert!(
            s <= text.len() && text.is_char_boundary(s),
            "start {pos} -> {s}"
        );
        assert!(
            e <= text.len() && text.is_char_boundary(e),
            "end {pos} -> {e}"
        );
    }
    let (gaz, matcher) = setup();
    let doc = Document::new("fuzz", text.as_ref());
    let found = find_mentions(gaz, matcher, &doc, None);
    let mut last = 0;
    for m in &found.mentions {
        assert!(
            m.start < m.end && m.end <= text.len(),
            "{}..{}",
            m.start,
            m.end
        );
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!(m.start >= last, "mentions in offset order");
        last = m.start;
    }
}

/// Sentence splitting on any text: the sentences tile the text, each non-empty and on char
/// boundaries.
pub fn sentences(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for lang in [Lang::De, Lang::En] {
        let sents = sentences::split(&text, setup().0.abbreviations(lang));
        let mut at = 0;
        for s in &sents {
            assert_eq!(s.start, at, "sentences tile the text");
            assert!(s.start < s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.end));
            let (a, b) = s.trimmed(&text);
            assert!(s.start <= a && a <= b && b <= s.end);
            at = s.end;
        }
        assert_eq!(at, text.len(), "sentences cover the text");
    }
}

/// The whole analysis of a document (mentions, sentences, relations, the JSON records): no
/// panic, and every offset of a relation lies on char boundaries inside its sentence.
pub fn relations(data: &[u8]) {
    // The first byte picks the language (forced, detected) and whether the document is dated.
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let lang = match mode % 3 {
        0 => None,
        1 => Some(Lang::De),
        _ => Some(Lang::En),
    };
    let mut doc = Document::new("fuzz", text.as_ref());
    if mode & 4 != 0 {
        doc.date = "2025-06-01".parse().ok();
    }
    let (gaz, matcher) = setup();
    let found = find_mentions(gaz, matcher, &doc, lang);
    let rels = find_relations(gaz, &doc, &found);
    let on = |s: usize, e: usize| {
        s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    for r in &rels.relations {
        assert!(r.sentence < rels.sentences.len());
        assert!(on(r.start, r.end), "sentence {}..{}", r.start, r.end);
        for p in [Some(r.source), Some(r.target), r.attributed_to]
            .into_iter()
            .flatten()
        {
            assert!(
                on(p.start, p.end) && p.start < p.end,
                "participant {}..{}",
                p.start,
                p.end
            );
        }
        assert!(on(r.cue.0, r.cue.1), "cue {:?}", r.cue);
        let record = RelationRecord::new(gaz, &doc, &found, r);
        serde_json::to_string(&record).expect("records serialise");
    }
}

/// Any bytes as a JSONL input: documents or an error that names the file and line, never a
/// panic.
pub fn jsonl(data: &[u8]) {
    let mut warnings = Vec::new();
    let mut docs = 0;
    match for_each_jsonl_document("fuzz.jsonl", data.to_vec(), &mut warnings, |_| {
        docs += 1;
        Ok(())
    }) {
        Ok(()) => {}
        Err(e @ InputError::Line { .. }) => {
            assert!(e.to_string().starts_with("fuzz.jsonl:"), "{e}");
        }
        Err(e) => panic!("not a line error: {e}"),
    }
    for w in &warnings {
        assert!(w.starts_with("fuzz.jsonl"), "{w}");
    }
}

/// Any bytes as a graph file for `export`, `path` and `neighbors`: a graph or a clear error,
/// never a panic; a graph that loads writes out in every text format and reads back.
pub fn graph_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(graph) = RelationGraph::from_json(text) else {
        return;
    };
    let json = graph.to_json();
    let again = RelationGraph::from_json(&json).expect("a written graph reads back");
    assert_eq!(again.to_json(), json);
    export::graphml::write(&graph);
    export::gexf::write(&graph);
    export::csv::nodes(&graph);
    export::csv::edges(&graph);
    export::dot::write(&graph);
}
