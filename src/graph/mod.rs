//! The relation graph: actors as nodes, relation edges aggregated per (source, target, kind)
//! with their evidence, and context edges from the gazetteer (a person's office in a state, a
//! state's membership in an organisation).
//!
//! The graph is built from relation mentions and never re-reads text. Its JSON form
//! ([`RelationGraph::to_json`]) is the lossless, versioned interchange format: node-link JSON
//! that networkx's `node_link_graph` and d3 read, with everything else geokg needs to convert
//! it to other formats later.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::gazetteer::lexicon::Family;
use crate::gazetteer::{ActorIdx, ActorKind, Gazetteer, Polity};
use crate::input::Document;
use crate::mentions::DocumentMentions;
use crate::relations::{DocumentRelations, RelationMention};

/// The version of the JSON graph format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Collapse people into the state they serve, or keep them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Person,
    Country,
}

/// What goes into a graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphOptions {
    pub level: Level,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub min_mentions: usize,
    pub include_hedged: bool,
    pub include_negated: bool,
    /// Families to keep; empty keeps all.
    pub relations: Vec<Family>,
    pub max_evidence: usize,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions {
            level: Level::Person,
            from: None,
            to: None,
            min_mentions: 1,
            include_hedged: true,
            include_negated: false,
            relations: Vec::new(),
            max_evidence: 5,
        }
    }
}

/// An actor in the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub kind: ActorKind,
    pub label: String,
    pub name_de: String,
    pub name_en: String,
    pub country: Option<String>,
    pub mentions: usize,
}

/// One sentence supporting an edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub doc: String,
    pub date: Option<String>,
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    pub pattern: String,
    pub confidence: f64,
    pub hedged: bool,
    pub negated: bool,
}

/// A relation edge: every mention of one kind from one actor to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationEdge {
    pub source: String,
    pub target: String,
    pub relation: Family,
    pub kind: String,
    pub directed: bool,
    pub mentions: usize,
    pub documents: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Noisy-or of the mentions' confidences.
    pub confidence: f64,
    pub hedged_share: f64,
    pub cameo: String,
    pub plover: String,
    pub evidence: Vec<Evidence>,
    /// Evidence beyond the cap, counted but not kept.
    pub evidence_omitted: usize,
}

/// A context edge from the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ContextEdge {
    pub source: String,
    pub target: String,
    /// `office` (person → state or organisation) or `member` (state → organisation).
    pub context: String,
    pub label: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The relation graph.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationGraph {
    pub options: GraphOptions,
    pub documents: usize,
    pub nodes: Vec<Node>,
    pub edges: Vec<RelationEdge>,
    pub context: Vec<ContextEdge>,
}

/// Accumulates relation mentions document by document.
pub struct GraphBuilder<'g> {
    gaz: &'g Gazetteer,
    options: GraphOptions,
    documents: usize,
    mentions: BTreeMap<String, usize>,
    edges: BTreeMap<(String, String, String), EdgeAcc>,
}

#[derive(Default)]
struct EdgeAcc {
    mentions: usize,
    docs: BTreeSet<String>,
    dates: Vec<PartialDate>,
    not_confident: f64,
    hedged: usize,
    evidence: Vec<Evidence>,
}

impl<'g> GraphBuilder<'g> {
    pub fn new(gaz: &'g Gazetteer, options: GraphOptions) -> GraphBuilder<'g> {
        GraphBuilder {
            gaz,
            options,
            documents: 0,
            mentions: BTreeMap::new(),
            edges: BTreeMap::new(),
        }
    }

    /// The node id an actor becomes at the graph's level, on the document's date.
    fn node_id(&self, a: ActorIdx, date: Option<PartialDate>) -> Option<String> {
        let actor = self.gaz.actor(a);
        match (self.options.level, actor.kind) {
            (Level::Country, ActorKind::Person) => actor.country_on(date).map(str::to_string),
            _ => Some(actor.id.clone()),
        }
    }

    fn in_range(&self, date: Option<PartialDate>) -> bool {
        let Some(d) = date else {
            return self.options.from.is_none() && self.options.to.is_none();
        };
        let (first, last) = d.span();
        self.options.from.is_none_or(|f| last >= f.span().0)
            && self.options.to.is_none_or(|t| first <= t.span().1)
    }

    /// Adds one document's mentions and relations.
    pub fn add(&mut self, doc: &Document, found: &DocumentMentions, rels: &DocumentRelations) {
        self.documents += 1;
        for m in &found.mentions {
            if let Some(id) = m.actor.and_then(|a| self.node_id(a, found.date)) {
                *self.mentions.entry(id).or_default() += 1;
            }
        }
        for r in &rels.relations {
            self.add_relation(doc, found, r);
        }
    }

    fn add_relation(&mut self, doc: &Document, found: &DocumentMentions, r: &RelationMention) {
        let kind = &self.gaz.lexicon().kinds[r.kind];
        if (r.negated && !self.options.include_negated)
            || (r.hedged && !self.options.include_hedged)
        {
            return;
        }
        if !self.options.relations.is_empty() && !self.options.relations.contains(&kind.family) {
            return;
        }
        let date = r.event_date.or(found.date);
        if !self.in_range(date) {
            return;
        }
        let (Some(mut s), Some(mut t)) = (
            self.node_id(r.source.actor, found.date),
            self.node_id(r.target.actor, found.date),
        ) else {
            return;
        };
        if s == t {
            return;
        }
        if !kind.directed && t < s {
            std::mem::swap(&mut s, &mut t);
        }
        let acc = self.edges.entry((s, t, kind.id.clone())).or_default();
        acc.mentions += 1;
        acc.docs.insert(doc.id.clone());
        acc.dates.extend(date);
        acc.not_confident *= 1.0 - r.confidence as f64;
        if acc.mentions == 1 {
            acc.not_confident = 1.0 - r.confidence as f64;
        }
        acc.hedged += r.hedged as usize;
        acc.evidence.push(Evidence {
            doc: doc.id.clone(),
            date: date.map(|d| d.to_string()),
            sentence: doc.text[r.start..r.end].to_string(),
            start: r.start,
            end: r.end,
            pattern: r.pattern.clone(),
            confidence: round3(r.confidence as f64),
            hedged: r.hedged,
            negated: r.negated,
        });
    }

    /// The graph: edges with at least `min_mentions` mentions, their nodes, and the context
    /// edges among those nodes. Sorted; the same input gives the same graph.
    pub fn finish(self) -> RelationGraph {
        let gaz = self.gaz;
        let mut edges = Vec::new();
        for ((source, target, kind_id), mut acc) in self.edges {
            if acc.mentions < self.options.min_mentions {
                continue;
            }
            let kind = gaz
                .lexicon()
                .kinds
                .iter()
                .find(|k| k.id == kind_id)
                .expect("kind of an edge");
            acc.evidence.sort_by(|a, b| {
                (a.date.is_none(), &a.date, &a.doc, a.start).cmp(&(
                    b.date.is_none(),
                    &b.date,
                    &b.doc,
                    b.start,
                ))
            });
            let omitted = acc.evidence.len().saturating_sub(self.options.max_evidence);
            acc.evidence.truncate(self.options.max_evidence);
            let first = acc
                .dates
                .iter()
                .min_by_key(|d| d.span().0)
                .map(|d| d.to_string());
            let last = acc
                .dates
                .iter()
                .max_by_key(|d| d.span().1)
                .map(|d| d.to_string());
            edges.push(RelationEdge {
                source,
                target,
                relation: kind.family,
                kind: kind.id.clone(),
                directed: kind.directed,
                mentions: acc.mentions,
                documents: acc.docs.len(),
                first_date: first,
                last_date: last,
                confidence: round3(1.0 - acc.not_confident),
                hedged_share: round3(acc.hedged as f64 / acc.mentions as f64),
                cameo: kind.cameo.clone(),
                plover: kind.plover.clone(),
                evidence: acc.evidence,
                evidence_omitted: omitted,
            });
        }
        let ids: BTreeSet<String> = edges
            .iter()
            .flat_map(|e| [e.source.clone(), e.target.clone()])
            .collect();
        let nodes: Vec<Node> = ids
            .iter()
            .filter_map(|id| gaz.actor_by_id(id))
            .map(|i| {
                let a = gaz.actor(i);
                Node {
                    id: a.id.clone(),
                    kind: a.kind,
                    label: a.name.en.clone(),
                    name_de: a.name.de.clone(),
                    name_en: a.name.en.clone(),
                    country: a.country_on(None).map(str::to_string),
                    mentions: self.mentions.get(&a.id).copied().unwrap_or(0),
                }
            })
            .collect();
        let context = context_edges(gaz, &ids);
        RelationGraph {
            options: self.options,
            documents: self.documents,
            nodes,
            edges,
            context,
        }
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Offices of the people in the graph (in states or organisations in the graph) and
/// memberships of the graph's states in the graph's organisations.
fn context_edges(gaz: &Gazetteer, ids: &BTreeSet<String>) -> Vec<ContextEdge> {
    let mut out = Vec::new();
    for id in ids {
        let Some(i) = gaz.actor_by_id(id) else {
            continue;
        };
        let a = gaz.actor(i);
        for role in &a.roles {
            let polity = match &role.polity {
                Polity::Country(c) | Polity::Organization(c) => c,
            };
            if !ids.contains(polity) {
                continue;
            }
            let label = role
                .title
                .as_ref()
                .map(|t| t.en.clone())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| {
                    gaz.office(&role.offices[0])
                        .map(|o| o.name.en.clone())
                        .unwrap_or_else(|| role.offices[0].clone())
                });
            out.push(ContextEdge {
                source: a.id.clone(),
                target: polity.clone(),
                context: "office".into(),
                label,
                from: Some(role.from.to_string()),
                to: role.to.map(|d| d.to_string()),
            });
        }
        for m in &a.members {
            if ids.contains(&m.state) {
                out.push(ContextEdge {
                    source: m.state.clone(),
                    target: a.id.clone(),
                    context: "member".into(),
                    label: "member of".into(),
                    from: m.from.map(|d| d.to_string()),
                    to: m.to.map(|d| d.to_string()),
                });
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

pub mod json;
