//! Properties that must hold for any text, checked on generated input (proptest): offsets fall
//! on UTF-8 boundaries and slice back to the text reported, normalisation is idempotent,
//! sentence spans tile the document, and relation spans lie inside their sentence.

use geokg::gazetteer::Gazetteer;
use geokg::input::Document;
use geokg::mentions::{find_mentions, Matcher};
use geokg::relations::find_relations;
use geokg::text::{sentences, Lang, Normalized};
use proptest::prelude::*;
use std::sync::OnceLock;

fn gaz() -> &'static (Gazetteer, Matcher) {
    static G: OnceLock<(Gazetteer, Matcher)> = OnceLock::new();
    G.get_or_init(|| {
        let g = Gazetteer::embedded().unwrap();
        let m = Matcher::new(&g);
        (g, m)
    })
}

/// Text mixing actor names, German and English words, punctuation, typographic characters,
/// combining marks, right-to-left text and control characters.
fn newsish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Nordkorea",
        "Russlands",
        "Kim Jong-un",
        "Kim",
        "US-Präsident",
        "Kremlchef",
        "nordkoreanischen",
        "Putin",
        "USA",
        "EU",
        "liefert",
        "Waffen",
        "an",
        "unterstützt",
        "traf",
        "nicht",
        "und",
        "der",
        "die",
        "sagte",
        "zwischen",
        "Treffen",
        "North Korea",
        "attacked",
        "the",
        "met",
        "with",
        "said",
        " ",
        " ",
        ", ",
        ". ",
        "! ",
        "? ",
        "\n",
        "\r\n",
        "\n\n",
        "„",
        "“",
        "–",
        "’s",
        "ß",
        "ẞ",
        "u\u{0308}",
        "e\u{0301}",
        "\u{00AD}",
        "\u{200B}",
        "שלום",
        "\u{202B}",
        "\0",
        "\t",
        "z. B.",
        "27. August 2025",
        "06.06.2025",
        "U.S.",
        "-",
        "--",
        "Irandom",
        "Chinarestaurant",
        "İstanbul",
        "😀",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn mention_offsets_are_boundaries_and_slice_back(text in newsish()) {
        let (g, m) = gaz();
        let doc = Document::new("p", text.clone());
        let found = find_mentions(g, m, &doc, None);
        let mut last = 0;
        for x in &found.mentions {
            prop_assert!(x.start < x.end && x.end <= text.len());
            prop_assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
            prop_assert!(x.start >= last, "mentions overlap or are out of order");
            last = x.end;
        }
        let rels = find_relations(g, &doc, &found);
        for r in &rels.relations {
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(r.start <= r.cue.0 && r.cue.1 <= r.end, "the cue lies in its sentence");
            prop_assert!(r.start <= r.source.start && r.source.end <= r.end);
        }
    }

    #[test]
    fn normalisation_is_idempotent_and_maps_onto_boundaries(text in newsish()) {
        let n = Normalized::new(&text);
        let twice = Normalized::new(n.as_str());
        prop_assert_eq!(twice.as_str(), n.as_str());
        for (i, _) in n.as_str().char_indices().chain(std::iter::once((n.as_str().len(), ' '))) {
            let (s, e) = (n.original_start(i), n.original_end(i));
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s <= text.len() && e <= text.len());
        }
    }

    #[test]
    fn sentences_tile_the_document(text in newsish()) {
        let (g, _) = gaz();
        let spans = sentences::split(&text, g.abbreviations(Lang::De));
        let mut at = 0;
        for s in &spans {
            prop_assert_eq!(s.start, at);
            prop_assert!(s.end > s.start && text.is_char_boundary(s.end));
            at = s.end;
        }
        prop_assert_eq!(at, text.len());
    }
}
