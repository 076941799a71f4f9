//! Every command-line flag of geokg, defined once with its help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// geokg: a knowledge graph of geopolitical relations from German and English news.
///
/// Finds states, their leaders and officials, and international organisations in text, however
/// the text names them, with an embedded gazetteer that runs offline.
#[derive(Debug, Parser)]
#[command(
    name = "geokg",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "Exit codes: 0 success; 1 input or data errors, or an output that could not be written \
(a full disk: the existing file is kept); 2 usage errors; 130 interrupted by Ctrl-C, 143 by \
SIGTERM (temporary files removed, existing outputs untouched). A closed pipe on standard \
output (geokg ... | head) ends the run quietly with 0."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Use the gazetteer in DIR instead of the embedded default (same layout as gazetteer/;
    /// check it with `geokg gazetteer check DIR`).
    #[arg(long, global = true, value_name = "DIR")]
    pub gazetteer: Option<PathBuf>,

    /// Language of the documents: de, en, or auto (detected per document; a JSONL `lang`
    /// field wins over detection).
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,

    /// Skip malformed JSONL lines and documents whose id was seen before, with a warning each
    /// and a count at the end, instead of stopping at the first.
    #[arg(long, global = true)]
    pub skip_bad: bool,

    /// No progress bar (it is drawn only when standard error is a terminal anyway).
    #[arg(long, global = true)]
    pub quiet: bool,

    /// Worker threads for reading documents in parallel (0: one per core). The output is the
    /// same at any number.
    #[arg(long, global = true, value_name = "N", default_value_t = 0)]
    pub threads: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    De,
    En,
    Auto,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find every actor mention and write JSONL, one mention per line, in document then
    /// offset order.
    ///
    /// INPUT is a .txt or .md file (one document, its id the file stem), a .jsonl file (one
    /// document per line: id, text, optional date, lang, title), a directory (read
    /// recursively, in sorted order), or - for standard input.
    Mentions {
        /// Files, directories, or - for standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Find relation mentions (allies, meets, opposes and their kinds) and write JSONL, one per
    /// line, in document and sentence order. Negated mentions are written, flagged.
    Extract {
        /// Files, directories, or - for standard input (as for `mentions`).
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Score relation extraction against gold relations: precision, recall and F1 per family
    /// at the level of (document, country pair, family), direction accuracy, and every miss
    /// and false alarm. The gold format is described in `geokg eval --help` and README.md.
    ///
    /// Gold: JSONL, one relation per line: {"doc", "source", "target", "relation":
    /// "allies|meets|opposes", "directed": true|false}, or the PETRARCH validation format
    /// {"id", "source_country", "target_country", "class", "reciprocal"}.
    Eval {
        /// The gold relations (JSONL).
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        /// The documents the gold describes.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
    },
    /// Run the whole pipeline and write the relation graph in every requested format to DIR:
    /// graph.json (the lossless interchange format), graph.graphml, graph.gexf, nodes.csv +
    /// edges.csv (Neo4j), graph.dot and graph.svg (a map).
    Build {
        /// Files, directories, or - for standard input (as for `mentions`).
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// The output directory (created if missing).
        #[arg(long, value_name = "DIR", default_value = "geokg-out")]
        out: PathBuf,
        /// Formats to write, comma-separated: json, graphml, gexf, csv, dot, svg (default: all).
        #[arg(long, value_name = "LIST", value_delimiter = ',')]
        format: Vec<String>,
        /// How the SVG map is drawn: auto (Graphviz dot when installed, else built in),
        /// builtin, dot, neato, fdp, sfdp.
        #[arg(long, value_name = "ENGINE", default_value = "auto")]
        engine: String,
        #[command(flatten)]
        graph: GraphArgs,
    },
    /// Convert a saved graph (graph.json from `build`) to another format without re-reading
    /// any text.
    Export {
        /// A graph.json written by `geokg build`.
        graph: PathBuf,
        /// The format: json, graphml, gexf, csv, dot or svg.
        #[arg(long, value_name = "FORMAT")]
        format: String,
        /// How an SVG map is drawn (see `build --help`).
        #[arg(long, value_name = "ENGINE", default_value = "auto")]
        engine: String,
        /// Write to FILE (for csv: the nodes file; the edges go beside it as edges.csv);
        /// standard output when omitted.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print up to k shortest paths between two actors in a saved graph, hop by hop: the
    /// relation, its direction, how many documents support it, one evidence sentence per hop,
    /// and what the path means when signs compose (an ally of an opponent is a potential
    /// opponent). Stronger evidence makes a hop shorter.
    Path {
        /// A graph.json written by `geokg build`.
        graph: PathBuf,
        /// Any name the gazetteer knows, in either language ("Kim", "Pjöngjang",
        /// "North Korea", "Kremlchef" with --as-of).
        from: String,
        /// The other actor.
        to: String,
        /// Families to follow, comma-separated: allies, meets, opposes (default: all).
        #[arg(long, value_name = "LIST", value_delimiter = ',')]
        relation: Vec<String>,
        /// How many paths.
        #[arg(long, default_value_t = 3)]
        k: usize,
        /// At most this many hops per path.
        #[arg(long, value_name = "N", default_value_t = 4)]
        max_hops: usize,
        /// The date titles resolve by ("Kremlchef" on that day).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Every actor related to ACTOR in a saved graph, with the edges.
    Neighbors {
        /// A graph.json written by `geokg build`.
        graph: PathBuf,
        /// Any name the gazetteer knows.
        actor: String,
        /// Families to show, comma-separated (default: all).
        #[arg(long, value_name = "LIST", value_delimiter = ',')]
        relation: Vec<String>,
        /// The date titles resolve by.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Validate or query a gazetteer.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

/// What goes into a graph.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// person: people are nodes; country: people are collapsed into the state they serve.
    #[arg(long, value_enum, default_value_t = LevelArg::Person)]
    pub level: LevelArg,
    /// Keep relations from this date on (event date, else document date; YYYY[-MM[-DD]]).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Keep relations up to this date.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Keep edges with at least N mentions.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_mentions: usize,
    /// Leave out hedged mentions ("könnte", "reportedly").
    #[arg(long, conflicts_with = "include_hedged")]
    pub exclude_hedged: bool,
    /// Keep hedged mentions (the default).
    #[arg(long)]
    pub include_hedged: bool,
    /// Keep negated mentions too ("liefert keine Waffen").
    #[arg(long)]
    pub include_negated: bool,
    /// Families to keep, comma-separated: allies, meets, opposes (default: all).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub relation: Vec<String>,
    /// Evidence sentences kept per edge; the rest are counted.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_evidence: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    Person,
    Country,
}

#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Validate a gazetteer and report every problem as file:line: message (exit 1 on
    /// errors). Notes list aliases shared by several actors and how they are resolved.
    Check {
        /// The gazetteer directory; the embedded default when omitted.
        dir: Option<PathBuf>,
        /// Also print the notes (shared aliases), not only the errors.
        #[arg(long)]
        notes: bool,
    },
    /// Write the gazetteer's surface forms and the relation cue forms as TSV, in the format the
    /// Python baselines of ../shared/bench read (actor_id<TAB>alias, relation<TAB>cue), so that
    /// benchmarks compare on the same lexicon.
    ExportTsv {
        /// Where to write the aliases (every inflected form of every actor).
        #[arg(long, value_name = "FILE")]
        aliases: PathBuf,
        /// Where to write the cues (every form of every cue, by family).
        #[arg(long, value_name = "FILE")]
        cues: PathBuf,
    },
    /// Show what NAME resolves to and why: every form it matches, and the mention it makes
    /// in a text of that date.
    Lookup {
        /// A name, title or adjective as it appears in text ("Kremlchef", "Pjöngjang", "Kim").
        name: String,
        /// The date to resolve titles by (YYYY-MM-DD, YYYY-MM or YYYY).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
}
