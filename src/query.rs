//! Queries over a [`RelationGraph`]: the k shortest paths between two actors, explained hop by
//! hop, and an actor's neighbours. Free functions over the graph, in the manner of petgraph's
//! algorithms.
//!
//! A path may follow a relation edge either way (its direction is reported); gazetteer context
//! edges (a person's office, a state's membership) are hops too, at a fixed cost. Stronger
//! evidence makes a hop shorter: its cost is `1 / (confidence * (1 + ln(1 + documents)))`.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};

use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::gazetteer::lexicon::Family;
use crate::graph::RelationGraph;

/// One step of a path.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    pub from: String,
    pub to: String,
    /// The relation kind, or `office` / `member` for a context edge.
    pub kind: String,
    pub relation: Option<Family>,
    /// The edge runs from `from` to `to` (true), the other way (false), or has no direction
    /// (None).
    pub forward: Option<bool>,
    pub mentions: usize,
    pub documents: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// One evidence sentence, with its document.
    pub evidence: Option<(String, String)>,
    pub cost: f64,
}

/// A path and what it means.
#[derive(Debug, Clone, Serialize)]
pub struct Path {
    pub hops: Vec<Hop>,
    pub cost: f64,
    /// What the signs of the hops compose to: ally, opponent, potential ally, potential
    /// opponent, contact.
    pub meaning: String,
}

/// What a query may follow.
#[derive(Debug, Clone, Default)]
pub struct PathOptions {
    /// Families to follow (empty: all); context edges are always followed.
    pub relations: Vec<Family>,
    pub k: usize,
    pub max_hops: usize,
}

#[derive(Debug, Clone)]
struct EdgeData {
    /// Index into `graph.edges` (relation) or `graph.context` (context).
    relation: Option<usize>,
    context: Option<usize>,
    cost: f64,
}

/// A person's office stands for the state itself, so the hop is cheap; a membership less so.
const OFFICE_COST: f64 = 0.3;
const MEMBER_COST: f64 = 1.0;

fn hop_cost(confidence: f64, documents: usize) -> f64 {
    1.0 / (confidence.max(0.05) * (1.0 + (1.0 + documents as f64).ln()))
}

/// The graph as an undirected petgraph graph, keeping the cheapest edge of each kind.
fn index(
    graph: &RelationGraph,
    opts: &PathOptions,
) -> (UnGraph<String, EdgeData>, HashMap<String, NodeIndex>) {
    let mut g = UnGraph::new_undirected();
    let mut ids = HashMap::new();
    for n in &graph.nodes {
        ids.insert(n.id.clone(), g.add_node(n.id.clone()));
    }
    for (i, e) in graph.edges.iter().enumerate() {
        if !opts.relations.is_empty() && !opts.relations.contains(&e.relation) {
            continue;
        }
        if let (Some(&a), Some(&b)) = (ids.get(&e.source), ids.get(&e.target)) {
            g.add_edge(
                a,
                b,
                EdgeData {
                    relation: Some(i),
                    context: None,
                    cost: hop_cost(e.confidence, e.documents),
                },
            );
        }
    }
    for (i, c) in graph.context.iter().enumerate() {
        if let (Some(&a), Some(&b)) = (ids.get(&c.source), ids.get(&c.target)) {
            let cost = if c.context == "office" {
                OFFICE_COST
            } else {
                MEMBER_COST
            };
            g.add_edge(
                a,
                b,
                EdgeData {
                    relation: None,
                    context: Some(i),
                    cost,
                },
            );
        }
    }
    (g, ids)
}

#[derive(PartialEq)]
struct State(f64, NodeIndex);
impl Eq for State {}
impl PartialOrd for State {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for State {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .0
            .partial_cmp(&self.0)
            .unwrap_or(Ordering::Equal)
            .then_with(|| other.1.cmp(&self.1))
    }
}

/// Dijkstra avoiding `banned_nodes` and `banned_edges`; the path as edge indices.
fn shortest(
    g: &UnGraph<String, EdgeData>,
    from: NodeIndex,
    to: NodeIndex,
    banned_nodes: &HashSet<NodeIndex>,
    banned_edges: &HashSet<EdgeIndex>,
    max_hops: usize,
) -> Option<(f64, Vec<EdgeIndex>)> {
    let mut dist: HashMap<NodeIndex, (f64, usize)> = HashMap::new();
    let mut prev: HashMap<NodeIndex, EdgeIndex> = HashMap::new();
    let mut heap = BinaryHeap::new();
    dist.insert(from, (0.0, 0));
    heap.push(State(0.0, from));
    while let Some(State(d, n)) = heap.pop() {
        if n == to {
            break;
        }
        let (best, hops) = dist[&n];
        if d > best || hops >= max_hops {
            continue;
        }
        // Edges in a stable order so that ties resolve the same way every run.
        let mut edges: Vec<_> = g.edges(n).collect();
        edges.sort_by_key(|e| e.id());
        for e in edges {
            let m = if e.source() == n {
                e.target()
            } else {
                e.source()
            };
            if banned_nodes.contains(&m) || banned_edges.contains(&e.id()) {
                continue;
            }
            let nd = d + e.weight().cost;
            if dist.get(&m).is_none_or(|&(old, _)| nd < old - 1e-12) {
                dist.insert(m, (nd, hops + 1));
                prev.insert(m, e.id());
                heap.push(State(nd, m));
            }
        }
    }
    let total = dist.get(&to)?.0;
    let mut path = Vec::new();
    let mut at = to;
    while at != from {
        let e = prev[&at];
        path.push(e);
        let (a, b) = g.edge_endpoints(e).expect("edge of the graph");
        at = if a == at { b } else { a };
    }
    path.reverse();
    Some((total, path))
}

fn nodes_of(g: &UnGraph<String, EdgeData>, from: NodeIndex, path: &[EdgeIndex]) -> Vec<NodeIndex> {
    let mut out = vec![from];
    for &e in path {
        let (a, b) = g.edge_endpoints(e).expect("edge of the graph");
        let last = *out.last().unwrap();
        out.push(if a == last { b } else { a });
    }
    out
}

/// Up to `opts.k` shortest simple paths from `from` to `to` (node ids), cheapest first
/// (Yen's algorithm).
pub fn k_shortest_paths(
    graph: &RelationGraph,
    from: &str,
    to: &str,
    opts: &PathOptions,
) -> Vec<Path> {
    let (g, ids) = index(graph, opts);
    let (Some(&s), Some(&t)) = (ids.get(from), ids.get(to)) else {
        return Vec::new();
    };
    let max_hops = if opts.max_hops == 0 {
        usize::MAX
    } else {
        opts.max_hops
    };
    let mut found: Vec<(f64, Vec<EdgeIndex>)> = Vec::new();
    let Some(first) = shortest(&g, s, t, &HashSet::new(), &HashSet::new(), max_hops) else {
        return Vec::new();
    };
    found.push(first);
    let mut candidates: Vec<(f64, Vec<EdgeIndex>)> = Vec::new();
    while found.len() < opts.k.max(1) {
        let last = found.last().unwrap().1.clone();
        let last_nodes = nodes_of(&g, s, &last);
        for i in 0..last.len() {
            let spur = last_nodes[i];
            let root = &last[..i];
            let mut banned_edges = HashSet::new();
            for (_, p) in &found {
                if p.len() > i && p[..i] == *root {
                    banned_edges.insert(p[i]);
                }
            }
            let banned_nodes: HashSet<NodeIndex> = last_nodes[..i].iter().copied().collect();
            let root_cost: f64 = root.iter().map(|&e| g[e].cost).sum();
            if let Some((c, tail)) = shortest(
                &g,
                spur,
                t,
                &banned_nodes,
                &banned_edges,
                max_hops.saturating_sub(i),
            ) {
                let mut p = root.to_vec();
                p.extend(tail);
                if !found.iter().any(|(_, q)| *q == p) && !candidates.iter().any(|(_, q)| *q == p) {
                    candidates.push((root_cost + c, p));
                }
            }
        }
        if candidates.is_empty() {
            break;
        }
        candidates.sort_by(|a, b| {
            a.0.partial_cmp(&b.0)
                .unwrap_or(Ordering::Equal)
                .then_with(|| a.1.cmp(&b.1))
        });
        found.push(candidates.remove(0));
    }
    found
        .into_iter()
        .map(|(cost, p)| explain(graph, &g, s, &p, cost))
        .collect()
}

fn explain(
    graph: &RelationGraph,
    g: &UnGraph<String, EdgeData>,
    from: NodeIndex,
    path: &[EdgeIndex],
    cost: f64,
) -> Path {
    let nodes = nodes_of(g, from, path);
    let mut hops = Vec::new();
    for (i, &e) in path.iter().enumerate() {
        let (a, b) = (&g[nodes[i]], &g[nodes[i + 1]]);
        let d = &g[e];
        let hop = if let Some(r) = d.relation {
            let r = &graph.edges[r];
            Hop {
                from: a.clone(),
                to: b.clone(),
                kind: r.kind.clone(),
                relation: Some(r.relation),
                forward: r.directed.then(|| r.source == *a),
                mentions: r.mentions,
                documents: r.documents,
                first_date: r.first_date.clone(),
                last_date: r.last_date.clone(),
                evidence: r
                    .evidence
                    .first()
                    .map(|ev| (ev.doc.clone(), ev.sentence.clone())),
                cost: d.cost,
            }
        } else {
            let c = &graph.context[d.context.expect("context edge")];
            Hop {
                from: a.clone(),
                to: b.clone(),
                kind: c.context.clone(),
                relation: None,
                forward: Some(c.source == *a),
                mentions: 0,
                documents: 0,
                first_date: c.from.clone(),
                last_date: c.to.clone(),
                evidence: Some((
                    "gazetteer".into(),
                    format!("{} {} {}", c.source, c.label, c.target),
                )),
                cost: d.cost,
            }
        };
        hops.push(hop);
    }
    let meaning = meaning(&hops);
    Path {
        hops,
        cost: (cost * 1000.0).round() / 1000.0,
        meaning,
    }
}

/// Signs compose: allies +, opposes −, an office or membership keeps the sign, a meeting
/// makes it unknown. One hop is what it is; longer paths are "potential".
fn meaning(hops: &[Hop]) -> String {
    let mut sign = Some(1i8);
    let mut relations = 0;
    for h in hops {
        match h.relation {
            Some(Family::Allies) => relations += 1,
            Some(Family::Opposes) => {
                relations += 1;
                sign = sign.map(|s| -s);
            }
            Some(Family::Meets) => {
                relations += 1;
                sign = None;
            }
            None => {}
        }
    }
    let word = match sign {
        Some(1) => "ally",
        Some(_) => "opponent",
        None => return "in contact (a meeting on the way says nothing about the sign)".into(),
    };
    if relations <= 1 {
        word.to_string()
    } else {
        format!("potential {word}")
    }
}

/// Every relation edge at `node`, optionally of some families only, heaviest first.
pub fn neighbors<'g>(
    graph: &'g RelationGraph,
    node: &str,
    relations: &[Family],
) -> Vec<&'g crate::graph::RelationEdge> {
    let mut out: Vec<_> = graph
        .edges
        .iter()
        .filter(|e| {
            (e.source == node || e.target == node)
                && (relations.is_empty() || relations.contains(&e.relation))
        })
        .collect();
    out.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| (&a.source, &a.target, &a.kind).cmp(&(&b.source, &b.target, &b.kind)))
    });
    out
}

/// A path as text, hop by hop, with names from the graph.
pub fn describe(graph: &RelationGraph, p: &Path, n: usize) -> String {
    let label = |id: &str| {
        graph
            .nodes
            .iter()
            .find(|x| x.id == id)
            .map(|x| x.label.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let names: Vec<String> =
        std::iter::once(p.hops.first().map(|h| label(&h.from)).unwrap_or_default())
            .chain(p.hops.iter().map(|h| label(&h.to)))
            .collect();
    let mut s = format!(
        "path {n}: {} ({} hop(s), cost {:.3}): {}\n",
        names.join(" - "),
        p.hops.len(),
        p.cost,
        p.meaning
    );
    for (i, h) in p.hops.iter().enumerate() {
        let arrow = match h.forward {
            Some(true) => format!("--{}-->", h.kind),
            Some(false) => format!("<--{}--", h.kind),
            None => format!("--{}--", h.kind),
        };
        let family = h
            .relation
            .map(|f| format!("{}; ", f.as_str()))
            .unwrap_or_default();
        let support = if h.relation.is_some() {
            format!("{} mention(s) in {} document(s)", h.mentions, h.documents)
        } else {
            "gazetteer".into()
        };
        let dates = match (&h.first_date, &h.last_date) {
            (Some(a), Some(b)) if a != b => format!(", {a} to {b}"),
            (Some(a), _) => format!(", {a}"),
            _ => String::new(),
        };
        s.push_str(&format!(
            "  {}. {} {arrow} {} ({family}{support}{dates})\n",
            i + 1,
            label(&h.from),
            label(&h.to)
        ));
        if let Some((doc, sentence)) = &h.evidence {
            s.push_str(&format!("     [{doc}] {sentence}\n"));
        }
    }
    s
}
