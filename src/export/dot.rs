//! DOT for Graphviz, built as a `dot_structures` graph and printed by graphviz-rust: node shape
//! by kind, people in a cluster with the state they serve, edge colour by family, width by
//! evidence, tooltips with the evidence, and a legend.

use dot_structures::{Attribute, Edge, EdgeTy, Graph, Id, Node, NodeId, Stmt, Subgraph, Vertex};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::gazetteer::lexicon::Family;
use crate::gazetteer::ActorKind;
use crate::graph::{RelationEdge, RelationGraph};

/// The colour of a family, shared with the SVG renderer's legend.
pub fn family_colour(f: Family) -> &'static str {
    match f {
        Family::Allies => "#2e7d32",
        Family::Meets => "#1565c0",
        Family::Opposes => "#c62828",
    }
}

/// A quoted DOT string.
fn q(s: &str) -> Id {
    let escaped = s
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\r', "");
    Id::Escaped(format!("\"{escaped}\""))
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_string()), q(v))
}

fn node_id(id: &str) -> NodeId {
    NodeId(q(id), None)
}

fn edge(from: &str, to: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
        attributes: attrs,
    })
}

/// The tooltip of a relation edge: what, how often, when, and the first evidence sentences.
pub fn edge_tooltip(e: &RelationEdge) -> String {
    let mut t = format!(
        "{} {} {} {}: {} mention(s) in {} document(s)",
        e.source,
        e.kind,
        if e.directed { "->" } else { "--" },
        e.target,
        e.mentions,
        e.documents
    );
    if let (Some(a), Some(b)) = (&e.first_date, &e.last_date) {
        t.push_str(&format!(", {a} to {b}"));
    }
    for ev in e.evidence.iter().take(3) {
        let sentence: String = ev.sentence.chars().take(300).collect();
        t.push_str(&format!("\n[{}] {}", ev.doc, sentence));
    }
    t
}

/// The graph as DOT text.
pub fn write(g: &RelationGraph) -> String {
    let mut stmts: Vec<Stmt> = vec![
        Stmt::Attribute(attr(
            "label",
            &format!(
                "geokg: {} actors, {} relations from {} documents",
                g.nodes.len(),
                g.edges.len(),
                g.documents
            ),
        )),
        Stmt::Attribute(attr("labelloc", "t")),
        Stmt::Attribute(attr("fontname", "Helvetica")),
        Stmt::Attribute(attr("overlap", "false")),
        Stmt::Attribute(attr("splines", "true")),
        Stmt::Attribute(attr("outputorder", "edgesfirst")),
    ];
    // People in a cluster with the state they serve.
    let states: std::collections::BTreeSet<&str> = g
        .nodes
        .iter()
        .filter(|n| n.kind == ActorKind::State)
        .map(|n| n.id.as_str())
        .collect();
    let node_stmt = |n: &crate::graph::Node| {
        let (shape, style) = match n.kind {
            ActorKind::State => ("ellipse", "filled"),
            ActorKind::Person => ("box", "rounded,filled"),
            ActorKind::Organization => ("hexagon", "filled"),
        };
        let fill = match n.kind {
            ActorKind::State => "#fff8e1",
            ActorKind::Person => "#f3e5f5",
            ActorKind::Organization => "#e0f2f1",
        };
        let tooltip = format!(
            "{} / {} ({}): {} mention(s)",
            n.name_en,
            n.name_de,
            n.kind.as_str(),
            n.mentions
        );
        Stmt::Node(Node::new(
            node_id(&n.id),
            vec![
                attr("label", &n.label),
                attr("shape", shape),
                attr("style", style),
                attr("fillcolor", fill),
                attr("fontname", "Helvetica"),
                attr("tooltip", &tooltip),
            ],
        ))
    };
    let mut placed = std::collections::BTreeSet::new();
    for s in &states {
        let people: Vec<&crate::graph::Node> = g
            .nodes
            .iter()
            .filter(|n| n.kind == ActorKind::Person && n.country.as_deref() == Some(s))
            .collect();
        if people.is_empty() {
            continue;
        }
        let mut inner = vec![
            Stmt::Attribute(attr("style", "dotted")),
            Stmt::Attribute(attr("label", "")),
        ];
        for n in g
            .nodes
            .iter()
            .filter(|n| n.id == *s)
            .chain(people.iter().copied())
        {
            inner.push(node_stmt(n));
            placed.insert(n.id.clone());
        }
        stmts.push(Stmt::Subgraph(Subgraph {
            id: q(&format!("cluster_{s}")),
            stmts: inner,
        }));
    }
    for n in g.nodes.iter().filter(|n| !placed.contains(&n.id)) {
        stmts.push(node_stmt(n));
    }
    let max = g.edges.iter().map(|e| e.mentions).max().unwrap_or(1).max(1) as f64;
    for e in &g.edges {
        let width = 1.0 + 4.0 * ((e.mentions as f64).ln_1p() / max.ln_1p());
        stmts.push(edge(
            &e.source,
            &e.target,
            vec![
                attr("color", family_colour(e.relation)),
                attr("penwidth", &format!("{width:.2}")),
                attr("dir", if e.directed { "forward" } else { "none" }),
                attr("label", &e.kind),
                attr("fontsize", "9"),
                attr("fontcolor", family_colour(e.relation)),
                attr("tooltip", &edge_tooltip(e)),
            ],
        ));
    }
    for c in &g.context {
        stmts.push(edge(
            &c.source,
            &c.target,
            vec![
                attr("color", "#9e9e9e"),
                attr("style", "dashed"),
                attr("arrowhead", "none"),
                attr("tooltip", &c.label),
            ],
        ));
    }
    // Legend.
    let mut legend = vec![
        Stmt::Attribute(attr("label", "legend")),
        Stmt::Attribute(attr("fontname", "Helvetica")),
        Stmt::Attribute(attr("style", "solid")),
    ];
    for (f, name) in [
        (Family::Allies, "allies"),
        (Family::Meets, "meets"),
        (Family::Opposes, "opposes"),
    ] {
        let a = format!("legend_{name}_a");
        let b = format!("legend_{name}_b");
        legend.push(Stmt::Node(Node::new(
            node_id(&a),
            vec![
                attr("label", ""),
                attr("shape", "point"),
                attr("width", "0.05"),
            ],
        )));
        legend.push(Stmt::Node(Node::new(
            node_id(&b),
            vec![
                attr("label", name),
                attr("shape", "plaintext"),
                attr("fontname", "Helvetica"),
            ],
        )));
        legend.push(edge(
            &a,
            &b,
            vec![
                attr("color", family_colour(f)),
                attr("penwidth", "2"),
                attr("len", "1.2"),
                attr("minlen", "2"),
            ],
        ));
    }
    for (kind, shape) in [
        ("state", "ellipse"),
        ("person", "box"),
        ("organization", "hexagon"),
    ] {
        legend.push(Stmt::Node(Node::new(
            node_id(&format!("legend_{kind}")),
            vec![
                attr("label", kind),
                attr("shape", shape),
                attr("fontname", "Helvetica"),
            ],
        )));
    }
    stmts.push(Stmt::Subgraph(Subgraph {
        id: q("cluster_legend"),
        stmts: legend,
    }));
    let graph = Graph::DiGraph {
        id: q("geokg"),
        strict: false,
        stmts,
    };
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_escaped() {
        assert_eq!(
            q("a \"b\" \\ c"),
            Id::Escaped("\"a \\\"b\\\" \\\\ c\"".into())
        );
    }
}
