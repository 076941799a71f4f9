//! Writing a [`RelationGraph`](crate::graph::RelationGraph) in the formats analysts load into
//! their tools. Exporters read the graph only, never text; every output is sorted and the same
//! graph gives byte-identical files.

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;

use std::fmt;
use std::str::FromStr;

/// An output format of `geokg build` and `geokg export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Json,
    Graphml,
    Csv,
    Dot,
    Gexf,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Graphml,
        Format::Gexf,
        Format::Csv,
        Format::Dot,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Graphml => "graphml",
            Format::Csv => "csv",
            Format::Dot => "dot",
            Format::Gexf => "gexf",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "graphml" => Ok(Format::Graphml),
            "csv" => Ok(Format::Csv),
            "gexf" | "dot" | "svg" => Err(format!(
                "format {s:?} is not available yet in this build (available: json, graphml, csv)"
            )),
            other => Err(format!(
                "unknown format {other:?} (expected json, graphml or csv)"
            )),
        }
    }
}

/// Escapes text for XML character data and attribute values.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}
