//! CSV nodes and edges with Neo4j admin-import headers (`:ID`, `:LABEL`, `:START_ID`,
//! `:END_ID`, `:TYPE`), loadable with
//! `neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv`.

use crate::graph::RelationGraph;

/// Quotes a field when it holds a comma, quote or line break (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn row(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// `nodes.csv`: one row per actor.
pub fn nodes(g: &RelationGraph) -> String {
    let mut out = String::from("id:ID,label,kind,name_de,name_en,country,mentions:int,:LABEL\n");
    for n in &g.nodes {
        let label = match n.kind {
            crate::gazetteer::ActorKind::State => "Actor;State",
            crate::gazetteer::ActorKind::Person => "Actor;Person",
            crate::gazetteer::ActorKind::Organization => "Actor;Organization",
        };
        out.push_str(&row(&[
            n.id.clone(),
            n.label.clone(),
            n.kind.as_str().into(),
            n.name_de.clone(),
            n.name_en.clone(),
            n.country.clone().unwrap_or_default(),
            n.mentions.to_string(),
            label.into(),
        ]));
    }
    out
}

/// `edges.csv`: one row per relation edge and per context edge; `:TYPE` is the relation kind
/// in capitals (SUPPORTS, MEETS, ATTACKS) or OFFICE / MEMBER_OF.
pub fn edges(g: &RelationGraph) -> String {
    let mut out = String::from(":START_ID,:END_ID,:TYPE,relation,kind,directed:boolean,mentions:int,documents:int,first_date,last_date,confidence:float,hedged_share:float,cameo,plover,evidence,evidence_omitted:int,label,from,to\n");
    for e in &g.edges {
        out.push_str(&row(&[
            e.source.clone(),
            e.target.clone(),
            e.kind.to_ascii_uppercase(),
            e.relation.as_str().into(),
            e.kind.clone(),
            e.directed.to_string(),
            e.mentions.to_string(),
            e.documents.to_string(),
            e.first_date.clone().unwrap_or_default(),
            e.last_date.clone().unwrap_or_default(),
            e.confidence.to_string(),
            e.hedged_share.to_string(),
            e.cameo.clone(),
            e.plover.clone(),
            serde_json::to_string(&e.evidence).expect("evidence serialises"),
            e.evidence_omitted.to_string(),
            e.kind.clone(),
            String::new(),
            String::new(),
        ]));
    }
    for c in &g.context {
        let ty = if c.context == "member" {
            "MEMBER_OF"
        } else {
            "OFFICE"
        };
        out.push_str(&row(&[
            c.source.clone(),
            c.target.clone(),
            ty.into(),
            String::new(),
            c.context.clone(),
            "true".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            c.label.clone(),
            c.from.clone().unwrap_or_default(),
            c.to.clone().unwrap_or_default(),
        ]));
    }
    out
}
