//! Every command-line flag of geokg, defined once with its help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// geokg: a knowledge graph of geopolitical relations from German and English news.
///
/// Finds states, their leaders and officials, and international organisations in text, however
/// the text names them, with an embedded gazetteer that runs offline.
#[derive(Debug, Parser)]
#[command(name = "geokg", version, about, long_about = None, propagate_version = true)]
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
    /// Validate or query a gazetteer.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
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
