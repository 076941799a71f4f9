//! Writing a [`RelationGraph`](crate::graph::RelationGraph) in the formats analysts load into
//! their tools. Exporters read the graph only, never text; every output is sorted and the same
//! graph gives byte-identical files.

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod svg;

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
    Svg,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Json,
        Format::Graphml,
        Format::Gexf,
        Format::Csv,
        Format::Dot,
        Format::Svg,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Graphml => "graphml",
            Format::Csv => "csv",
            Format::Dot => "dot",
            Format::Gexf => "gexf",
            Format::Svg => "svg",
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
            "gexf" => Ok(Format::Gexf),
            "csv" => Ok(Format::Csv),
            "dot" => Ok(Format::Dot),
            "svg" => Ok(Format::Svg),
            other => Err(format!(
                "unknown format {other:?} (expected json, graphml, gexf, csv, dot or svg)"
            )),
        }
    }
}

/// How the SVG map is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Graphviz's dot when Graphviz is installed, else the built-in renderer.
    Auto,
    /// The built-in pure-Rust renderer (the same output on every machine).
    Builtin,
    /// A Graphviz layout engine; an error when Graphviz is not installed.
    Graphviz(graphviz_rust::cmd::Layout),
}

impl FromStr for Engine {
    type Err = String;
    fn from_str(s: &str) -> Result<Engine, String> {
        use graphviz_rust::cmd::Layout;
        Ok(match s.to_ascii_lowercase().as_str() {
            "auto" => Engine::Auto,
            "builtin" => Engine::Builtin,
            "dot" => Engine::Graphviz(Layout::Dot),
            "neato" => Engine::Graphviz(Layout::Neato),
            "fdp" => Engine::Graphviz(Layout::Fdp),
            "sfdp" => Engine::Graphviz(Layout::Sfdp),
            other => {
                return Err(format!(
                    "unknown engine {other:?} (expected auto, builtin, dot, neato, fdp or sfdp)"
                ))
            }
        })
    }
}

/// The graph as an SVG map drawn by `engine`. With `Auto`, Graphviz draws it when installed.
pub fn svg(graph: &crate::graph::RelationGraph, engine: Engine) -> Result<String, String> {
    use graphviz_rust::cmd::{CommandArg, Format as GvFormat, Layout};
    let layout = match engine {
        Engine::Builtin => return Ok(svg::render(graph)),
        Engine::Auto if !graphviz_installed() => return Ok(svg::render(graph)),
        // dot, not a force-directed layout: Graphviz's fdp draws the same graph differently
        // from run to run, and the same input must give the same file.
        Engine::Auto => Layout::Dot,
        Engine::Graphviz(l) => l,
    };
    let bytes = graphviz_rust::exec_dot(
        dot::write(graph),
        vec![
            CommandArg::Format(GvFormat::Svg),
            CommandArg::Layout(layout),
        ],
    )
    .map_err(|e| format!("Graphviz failed ({e}); install Graphviz, or use --engine builtin"))?;
    String::from_utf8(bytes).map_err(|_| "Graphviz wrote invalid UTF-8".to_string())
}

/// True if Graphviz's `dot` runs.
pub fn graphviz_installed() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
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
