//! The graph as node-link JSON: the lossless, versioned interchange format.
//!
//! ```json
//! {"directed": true, "multigraph": true,
//!  "graph": {"format": "geokg-graph", "version": 1, "documents": 5, "options": {...}},
//!  "nodes": [{"id": "PRK", "kind": "state", "label": "North Korea", ...}],
//!  "links": [{"edge": "relation", "key": "supports", "source": "PRK", "target": "RUS", ...},
//!            {"edge": "context", "key": "office:0", "source": "kim-jong-un", "target": "PRK", ...}]}
//! ```
//!
//! networkx reads it with `nx.node_link_graph(data, edges="links")` (a `MultiDiGraph`); d3
//! reads `nodes` and `links` as they are.

use serde::{Deserialize, Serialize};

use super::{ContextEdge, GraphOptions, Node, RelationEdge, RelationGraph, FORMAT_VERSION};

const FORMAT_NAME: &str = "geokg-graph";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    format: String,
    version: u32,
    documents: usize,
    options: GraphOptions,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "edge", rename_all = "lowercase")]
enum Link {
    Relation {
        key: String,
        #[serde(flatten)]
        data: RelationEdge,
    },
    Context {
        key: String,
        #[serde(flatten)]
        data: ContextEdge,
    },
}

#[derive(Serialize, Deserialize)]
struct NodeLink {
    directed: bool,
    multigraph: bool,
    graph: Meta,
    nodes: Vec<Node>,
    links: Vec<Link>,
}

/// Why a graph file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GraphFileError {
    #[error("not a geokg graph: {0} (write one with `geokg build`)")]
    Malformed(String),
    #[error("a geokg graph of version {found}, but this geokg reads version {expected}: rebuild it with `geokg build`")]
    Version { found: u32, expected: u32 },
    #[error("the graph is inconsistent: {0}")]
    Inconsistent(String),
}

impl RelationGraph {
    /// The graph as pretty-printed node-link JSON, with a final newline.
    pub fn to_json(&self) -> String {
        let mut links = Vec::with_capacity(self.edges.len() + self.context.len());
        for e in &self.edges {
            links.push(Link::Relation {
                key: e.kind.clone(),
                data: e.clone(),
            });
        }
        let mut seen: std::collections::HashMap<(&str, &str), usize> =
            std::collections::HashMap::new();
        for c in &self.context {
            let n = seen.entry((&c.source, &c.target)).or_default();
            links.push(Link::Context {
                key: format!("{}:{n}", c.context),
                data: c.clone(),
            });
            *n += 1;
        }
        let doc = NodeLink {
            directed: true,
            multigraph: true,
            graph: Meta {
                format: FORMAT_NAME.into(),
                version: FORMAT_VERSION,
                documents: self.documents,
                options: self.options.clone(),
            },
            nodes: self.nodes.clone(),
            links,
        };
        let mut s = serde_json::to_string_pretty(&doc).expect("graphs serialise");
        s.push('\n');
        s
    }

    /// Reads a graph written by [`RelationGraph::to_json`]; a wrong version, a truncated or
    /// hand-edited file is an error that says what is wrong.
    pub fn from_json(text: &str) -> Result<RelationGraph, GraphFileError> {
        // Check the version first, so that a graph of another version gets that message
        // rather than a complaint about a field.
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| GraphFileError::Malformed(e.to_string()))?;
        let meta = value
            .get("graph")
            .ok_or_else(|| GraphFileError::Malformed("no \"graph\" object".into()))?;
        if meta.get("format").and_then(|f| f.as_str()) != Some(FORMAT_NAME) {
            return Err(GraphFileError::Malformed(format!(
                "\"graph.format\" is not {FORMAT_NAME:?}"
            )));
        }
        let version = meta
            .get("version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| GraphFileError::Malformed("no \"graph.version\"".into()))?;
        if version != FORMAT_VERSION as u64 {
            return Err(GraphFileError::Version {
                found: version as u32,
                expected: FORMAT_VERSION,
            });
        }
        let doc: NodeLink =
            serde_json::from_value(value).map_err(|e| GraphFileError::Malformed(e.to_string()))?;
        let ids: std::collections::HashSet<&str> =
            doc.nodes.iter().map(|n| n.id.as_str()).collect();
        let mut edges = Vec::new();
        let mut context = Vec::new();
        for l in doc.links {
            let (s, t) = match &l {
                Link::Relation { data, .. } => (data.source.clone(), data.target.clone()),
                Link::Context { data, .. } => (data.source.clone(), data.target.clone()),
            };
            for end in [&s, &t] {
                if !ids.contains(end.as_str()) {
                    return Err(GraphFileError::Inconsistent(format!(
                        "a link refers to node {end:?}, which is not among the nodes"
                    )));
                }
            }
            match l {
                Link::Relation { data, .. } => edges.push(data),
                Link::Context { data, .. } => context.push(data),
            }
        }
        Ok(RelationGraph {
            options: doc.graph.options,
            documents: doc.graph.documents,
            nodes: doc.nodes,
            edges,
            context,
        })
    }
}
