//! GEXF 1.3 for Gephi, with time spells from the edge dates so that Gephi's timeline shows
//! when each relation was seen. Valid against the GEXF 1.3 schema.

use std::fmt::Write as _;

use super::xml_escape;
use crate::date::PartialDate;
use crate::graph::RelationGraph;

/// (id, title, type) of node and edge attributes.
const NODE_ATTRS: &[(&str, &str, &str)] = &[
    ("0", "kind", "string"),
    ("1", "name_de", "string"),
    ("2", "name_en", "string"),
    ("3", "country", "string"),
    ("4", "mentions", "integer"),
];
const EDGE_ATTRS: &[(&str, &str, &str)] = &[
    ("0", "edge", "string"),
    ("1", "relation", "string"),
    ("2", "kind", "string"),
    ("3", "mentions", "integer"),
    ("4", "documents", "integer"),
    ("5", "confidence", "double"),
    ("6", "hedged_share", "double"),
    ("7", "cameo", "string"),
    ("8", "plover", "string"),
    ("9", "evidence", "string"),
];

/// The days a date string covers, as GEXF dates (`2024-06` covers 2024-06-01 to 2024-06-30).
fn days(d: &str) -> Option<(String, String)> {
    let p: PartialDate = d.parse().ok()?;
    let (a, b) = p.span();
    Some((a.to_string(), b.to_string()))
}

fn attvalue(out: &mut String, id: &str, v: &str) {
    let _ = writeln!(
        out,
        "          <attvalue for=\"{id}\" value=\"{}\"/>",
        xml_escape(v)
    );
}

/// The graph as a GEXF 1.3 document.
pub fn write(g: &RelationGraph) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
    let _ = writeln!(
        out,
        "  <meta>\n    <creator>geokg</creator>\n    <description>{}</description>\n  </meta>",
        xml_escape(&format!(
            "{} actors, {} relations from {} documents",
            g.nodes.len(),
            g.edges.len(),
            g.documents
        ))
    );
    out.push_str("  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\">\n");
    out.push_str("    <attributes class=\"node\" mode=\"static\">\n");
    for (id, title, ty) in NODE_ATTRS {
        let _ = writeln!(
            out,
            "      <attribute id=\"{id}\" title=\"{title}\" type=\"{ty}\"/>"
        );
    }
    out.push_str("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n");
    for (id, title, ty) in EDGE_ATTRS {
        let _ = writeln!(
            out,
            "      <attribute id=\"{id}\" title=\"{title}\" type=\"{ty}\"/>"
        );
    }
    out.push_str("    </attributes>\n");
    let _ = writeln!(out, "    <nodes count=\"{}\">", g.nodes.len());
    for n in &g.nodes {
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            xml_escape(&n.id),
            xml_escape(&n.label)
        );
        out.push_str("        <attvalues>\n");
        attvalue(&mut out, "0", n.kind.as_str());
        attvalue(&mut out, "1", &n.name_de);
        attvalue(&mut out, "2", &n.name_en);
        if let Some(c) = &n.country {
            attvalue(&mut out, "3", c);
        }
        attvalue(&mut out, "4", &n.mentions.to_string());
        out.push_str("        </attvalues>\n      </node>\n");
    }
    out.push_str("    </nodes>\n");
    let _ = writeln!(
        out,
        "    <edges count=\"{}\">",
        g.edges.len() + g.context.len()
    );
    for (i, e) in g.edges.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <edge id=\"r{i}\" source=\"{}\" target=\"{}\" type=\"{}\" label=\"{}\" weight=\"{}\">",
            xml_escape(&e.source),
            xml_escape(&e.target),
            if e.directed { "directed" } else { "undirected" },
            xml_escape(&e.kind),
            e.mentions
        );
        out.push_str("        <attvalues>\n");
        attvalue(&mut out, "0", "relation");
        attvalue(&mut out, "1", e.relation.as_str());
        attvalue(&mut out, "2", &e.kind);
        attvalue(&mut out, "3", &e.mentions.to_string());
        attvalue(&mut out, "4", &e.documents.to_string());
        attvalue(&mut out, "5", &e.confidence.to_string());
        attvalue(&mut out, "6", &e.hedged_share.to_string());
        attvalue(&mut out, "7", &e.cameo);
        attvalue(&mut out, "8", &e.plover);
        attvalue(
            &mut out,
            "9",
            &serde_json::to_string(&e.evidence).expect("evidence serialises"),
        );
        out.push_str("        </attvalues>\n");
        if let (Some((start, _)), Some((_, end))) = (
            e.first_date.as_deref().and_then(days),
            e.last_date.as_deref().and_then(days),
        ) {
            let _ = writeln!(out, "        <spells>\n          <spell start=\"{start}\" end=\"{end}\"/>\n        </spells>");
        }
        out.push_str("      </edge>\n");
    }
    for (i, c) in g.context.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <edge id=\"c{i}\" source=\"{}\" target=\"{}\" type=\"directed\" label=\"{}\">",
            xml_escape(&c.source),
            xml_escape(&c.target),
            xml_escape(&c.label)
        );
        out.push_str("        <attvalues>\n");
        attvalue(&mut out, "0", &c.context);
        out.push_str("        </attvalues>\n");
        let start = c.from.as_deref().and_then(days).map(|d| d.0);
        let end = c.to.as_deref().and_then(days).map(|d| d.0);
        if start.is_some() || end.is_some() {
            out.push_str("        <spells>\n          <spell");
            if let Some(s) = start {
                let _ = write!(out, " start=\"{s}\"");
            }
            if let Some(e) = end {
                let _ = write!(out, " end=\"{e}\"");
            }
            out.push_str("/>\n        </spells>\n");
        }
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}
