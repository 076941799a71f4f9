//! GraphML for Gephi, yEd, Cytoscape and networkx: one `<key>` per attribute with its `for`
//! and `attr.type`, directed edges with unique ids (parallel edges kept), the evidence as a
//! JSON string, `label` for Gephi and `interaction` for Cytoscape. Valid against the GraphML
//! 1.0 schema.

use std::fmt::Write as _;

use super::xml_escape;
use crate::graph::RelationGraph;

/// (id, for, attr.name, attr.type)
const NODE_KEYS: &[(&str, &str, &str)] = &[
    ("d0", "label", "string"),
    ("d1", "kind", "string"),
    ("d2", "name_de", "string"),
    ("d3", "name_en", "string"),
    ("d4", "country", "string"),
    ("d5", "mentions", "int"),
];

const EDGE_KEYS: &[(&str, &str, &str)] = &[
    ("e0", "label", "string"),
    ("e1", "interaction", "string"),
    ("e2", "edge", "string"),
    ("e3", "relation", "string"),
    ("e4", "kind", "string"),
    ("e5", "directed", "boolean"),
    ("e6", "mentions", "int"),
    ("e7", "documents", "int"),
    ("e8", "first_date", "string"),
    ("e9", "last_date", "string"),
    ("e10", "confidence", "double"),
    ("e11", "hedged_share", "double"),
    ("e12", "cameo", "string"),
    ("e13", "plover", "string"),
    ("e14", "evidence", "string"),
    ("e15", "evidence_omitted", "int"),
    ("e16", "from", "string"),
    ("e17", "to", "string"),
];

fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(
        out,
        "      <data key=\"{key}\">{}</data>",
        xml_escape(value)
    );
}

/// The graph as a GraphML document.
pub fn write(g: &RelationGraph) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (id, name, ty) in NODE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    for (id, name, ty) in EDGE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <graph id=\"geokg\" edgedefault=\"directed\">\n");
    for n in &g.nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", xml_escape(&n.id));
        data(&mut out, "d0", &n.label);
        data(&mut out, "d1", n.kind.as_str());
        data(&mut out, "d2", &n.name_de);
        data(&mut out, "d3", &n.name_en);
        if let Some(c) = &n.country {
            data(&mut out, "d4", c);
        }
        data(&mut out, "d5", &n.mentions.to_string());
        out.push_str("    </node>\n");
    }
    for (id, e) in g.edges.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"r{id}\" source=\"{}\" target=\"{}\">",
            xml_escape(&e.source),
            xml_escape(&e.target)
        );
        data(&mut out, "e0", &e.kind);
        data(&mut out, "e1", &e.kind);
        data(&mut out, "e2", "relation");
        data(&mut out, "e3", e.relation.as_str());
        data(&mut out, "e4", &e.kind);
        data(&mut out, "e5", if e.directed { "true" } else { "false" });
        data(&mut out, "e6", &e.mentions.to_string());
        data(&mut out, "e7", &e.documents.to_string());
        if let Some(d) = &e.first_date {
            data(&mut out, "e8", d);
        }
        if let Some(d) = &e.last_date {
            data(&mut out, "e9", d);
        }
        data(&mut out, "e10", &e.confidence.to_string());
        data(&mut out, "e11", &e.hedged_share.to_string());
        data(&mut out, "e12", &e.cameo);
        data(&mut out, "e13", &e.plover);
        data(
            &mut out,
            "e14",
            &serde_json::to_string(&e.evidence).expect("evidence serialises"),
        );
        data(&mut out, "e15", &e.evidence_omitted.to_string());
        out.push_str("    </edge>\n");
    }
    for (i, c) in g.context.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"c{i}\" source=\"{}\" target=\"{}\">",
            xml_escape(&c.source),
            xml_escape(&c.target)
        );
        data(&mut out, "e0", &c.label);
        data(&mut out, "e1", &c.context);
        data(&mut out, "e2", &c.context);
        if let Some(d) = &c.from {
            data(&mut out, "e16", d);
        }
        if let Some(d) = &c.to {
            data(&mut out, "e17", d);
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
