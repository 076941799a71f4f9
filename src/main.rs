//! The geokg command line: parses arguments, calls the library, reports errors.
//! Exit codes: 0 success (also when standard output is a pipe closed early, as by `head`), 1
//! input or data errors (and a failed write: a full disk), 2 usage errors, 130 interrupted
//! (Ctrl-C, SIGINT) and 143 terminated (SIGTERM): an interrupted run removes its temporary
//! files and leaves existing outputs untouched.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use cli::{Cli, Command, GazetteerCommand, LangArg};
use geokg::export::{Engine, Format};
use geokg::gazetteer::lexicon::Family;
use geokg::gazetteer::{Gazetteer, GazetteerSource, Severity};
use geokg::graph::{GraphOptions, Level};
use geokg::output::AtomicFile;
use geokg::text::Lang;

/// mimalloc: the pipeline allocates many small, short-lived strings per sentence on every
/// worker thread, where glibc's allocator spent a sixth of all instructions.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Writes a line to standard error, and nothing when it cannot (a closed or full standard
/// error must not turn a finished run into a panic).
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stderr(), $($arg)*);
    }};
}

fn main() -> ExitCode {
    // clap's own `parse` panics when it cannot print its message: print it here, quietly.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    exit_on_signals();
    match run(cli) {
        Ok(code) => code,
        // A reader that stopped early (`geokg ... | head`) wants no more: not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "geokg: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// On SIGINT or SIGTERM: removes the temporary files of outputs being written (existing
/// outputs stay as they were) and exits with 128 + the signal (130 for Ctrl-C, 143 for
/// SIGTERM).
#[cfg(unix)]
fn exit_on_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _frozen = geokg::output::remove_temporary_files();
            let _ = writeln!(
                io::stderr(),
                "geokg: interrupted; outputs not finished were not written"
            );
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
fn exit_on_signals() {}

/// Writes `text` to standard output (an error names it, so that a full disk is reported).
fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

fn load_gazetteer(cli: &Cli) -> Result<Gazetteer> {
    match &cli.global.gazetteer {
        Some(dir) => Gazetteer::from_dir(dir).with_context(|| format!("cannot use the gazetteer in {} (fix it, or check it with `geokg gazetteer check {}`)", dir.display(), dir.display())),
        None => Gazetteer::embedded().context("the embedded gazetteer is invalid (a build from a broken gazetteer/)"),
    }
}

/// Runs `write` into `output` (atomically) or standard output, reports warnings and the count
/// of `what` written.
fn write_jsonl(
    output: Option<&std::path::Path>,
    what: &str,
    mut write: impl FnMut(
        &mut dyn Write,
        &mut Vec<String>,
    ) -> Result<(usize, usize), geokg::commands::CommandError>,
) -> Result<ExitCode> {
    use geokg::commands::CommandError;
    let mut warnings = Vec::new();
    let cannot_write = |path: &std::path::Path| {
        format!(
            "cannot write {} (free space or choose another place with -o; an existing file there is unchanged)",
            path.display()
        )
    };
    let result: Result<(usize, usize)> = match output {
        Some(path) => {
            let mut file = AtomicFile::create(path).with_context(|| cannot_write(path))?;
            match write(&mut file, &mut warnings) {
                Ok(counts) => file
                    .commit()
                    .map(|()| counts)
                    .with_context(|| cannot_write(path)),
                Err(CommandError::Output(e)) => Err(e).with_context(|| cannot_write(path)),
                Err(e) => Err(e.into()),
            }
        }
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let stdout_error = "cannot write to standard output";
            match write(&mut out, &mut warnings) {
                Ok(counts) => out.flush().map(|()| counts).context(stdout_error),
                Err(CommandError::Output(e)) => Err(e).context(stdout_error),
                Err(e) => Err(e.into()),
            }
        }
    };
    for w in &warnings {
        say!("geokg: warning: {w}");
    }
    let (docs, count) = result?;
    say!("geokg: {count} {what} in {docs} documents");
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on standard error: documents, MB read, MB/s, and the ETA where the input
/// size is known.
fn install_progress_bar(total: Option<u64>) {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let bar = match total {
        Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = if total.is_some() {
        "{spinner} {msg} {bytes}/{total_bytes} ({binary_bytes_per_sec}, ETA {eta}) [{bar:30}]"
    } else {
        "{spinner} {msg} {bytes} ({binary_bytes_per_sec})"
    };
    bar.set_style(
        ProgressStyle::with_template(template)
            .expect("progress template")
            .progress_chars("=> "),
    );
    geokg::pipeline::set_progress(Box::new(move |docs, bytes| {
        bar.set_message(format!("{docs} documents"));
        bar.set_position(bytes as u64);
    }));
}

fn load_graph(path: &std::path::Path) -> Result<geokg::graph::RelationGraph> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    geokg::graph::RelationGraph::from_json(&text).with_context(|| format!("{}", path.display()))
}

fn parse_date(d: &Option<String>, flag: &str) -> Result<Option<geokg::date::PartialDate>> {
    d.as_ref()
        .map(|s| s.parse().with_context(|| flag.to_string()))
        .transpose()
}

fn parse_families(list: &[String]) -> Result<Vec<Family>> {
    list.iter()
        .map(|r| {
            Family::parse(r.trim()).ok_or_else(|| {
                anyhow::anyhow!("unknown relation family {r:?} (expected allies, meets or opposes)")
            })
        })
        .collect()
}

fn parse_formats(list: &[String]) -> Result<Vec<Format>> {
    if list.is_empty() {
        return Ok(Format::ALL.to_vec());
    }
    let mut out: Vec<Format> = list
        .iter()
        .map(|f| f.parse::<Format>().map_err(anyhow::Error::msg))
        .collect::<Result<_>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

fn graph_options(a: &cli::GraphArgs) -> Result<GraphOptions> {
    let relations = a
        .relation
        .iter()
        .map(|r| {
            Family::parse(r.trim()).ok_or_else(|| {
                anyhow::anyhow!(
                    "--relation: unknown family {r:?} (expected allies, meets or opposes)"
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(GraphOptions {
        level: match a.level {
            cli::LevelArg::Person => Level::Person,
            cli::LevelArg::Country => Level::Country,
        },
        from: parse_date(&a.from, "--from")?,
        to: parse_date(&a.to, "--to")?,
        min_mentions: a.min_mentions,
        include_hedged: !a.exclude_hedged,
        include_negated: a.include_negated,
        relations,
        max_evidence: a.max_evidence,
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    let inputs: Option<&[std::path::PathBuf]> = match &cli.command {
        Command::Mentions { inputs, .. }
        | Command::Extract { inputs, .. }
        | Command::Build { inputs, .. }
        | Command::Eval { inputs, .. } => Some(inputs),
        _ => None,
    };
    if let Some(inputs) = inputs {
        if !cli.global.quiet && io::stderr().is_terminal() {
            install_progress_bar(geokg::pipeline::input_size(inputs));
        }
    }
    geokg::input::set_skip_bad(cli.global.skip_bad);
    if cli.global.threads > 0 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(cli.global.threads)
            .build_global()
            .context("--threads: cannot start the thread pool")?;
    }
    let lang = match cli.global.lang {
        LangArg::De => Some(Lang::De),
        LangArg::En => Some(Lang::En),
        LangArg::Auto => None,
    };
    match &cli.command {
        Command::Mentions { inputs, output } => {
            let gaz = load_gazetteer(&cli)?;
            write_jsonl(output.as_deref(), "mentions", |out, warnings| {
                geokg::commands::write_mentions(&gaz, inputs, lang, out, warnings)
            })
        }
        Command::Extract { inputs, output } => {
            let gaz = load_gazetteer(&cli)?;
            write_jsonl(output.as_deref(), "relation mentions", |out, warnings| {
                geokg::commands::write_relations(&gaz, inputs, lang, out, warnings)
            })
        }
        Command::Build {
            inputs,
            out,
            format,
            engine,
            graph,
        } => {
            let gaz = load_gazetteer(&cli)?;
            let formats = parse_formats(format)?;
            let engine: Engine = engine.parse().map_err(anyhow::Error::msg)?;
            let options = graph_options(graph)?;
            let mut warnings = Vec::new();
            let result = geokg::commands::build_graph(&gaz, inputs, lang, options, &mut warnings);
            for w in &warnings {
                say!("geokg: warning: {w}");
            }
            let g = result?;
            let written = geokg::commands::write_graph(&g, out, &formats, engine)
                .map_err(anyhow::Error::msg)?;
            say!(
                "geokg: {} nodes, {} relation edges from {} documents",
                g.nodes.len(),
                g.edges.len(),
                g.documents
            );
            for p in written {
                say!("geokg: wrote {}", p.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            graph,
            format,
            engine,
            output,
        } => {
            let g = load_graph(graph)?;
            let format: Format = format.parse().map_err(anyhow::Error::msg)?;
            let engine: Engine = engine.parse().map_err(anyhow::Error::msg)?;
            let files = geokg::commands::render(&g, format, engine).map_err(anyhow::Error::msg)?;
            match output {
                None => {
                    for (_, contents) in &files {
                        print(contents)?;
                    }
                }
                Some(path) => {
                    let dir = path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
                    for (i, (name, contents)) in files.iter().enumerate() {
                        let target = if i == 0 { path.clone() } else { dir.join(name) };
                        geokg::output::write_atomic(&target, contents.as_bytes())
                            .with_context(|| format!("cannot write {}", target.display()))?;
                        say!("geokg: wrote {}", target.display());
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Path {
            graph,
            from,
            to,
            relation,
            k,
            max_hops,
            as_of,
            json,
        } => {
            let gaz = load_gazetteer(&cli)?;
            let matcher = geokg::mentions::Matcher::new(&gaz);
            let g = load_graph(graph)?;
            let as_of = parse_date(as_of, "--as-of")?;
            let resolve = |name: &str| {
                geokg::commands::resolve_node(&gaz, &matcher, &g, name, as_of)
                    .map_err(anyhow::Error::msg)
            };
            let (a, b) = (resolve(from)?, resolve(to)?);
            let opts = geokg::query::PathOptions {
                relations: parse_families(relation)?,
                k: *k,
                max_hops: *max_hops,
            };
            let paths = geokg::query::k_shortest_paths(&g, &a, &b, &opts);
            if *json {
                print(&format!("{}\n", serde_json::to_string_pretty(&paths)?))?;
            } else if paths.is_empty() {
                print(&format!("no path from {a} to {b} within {max_hops} hops\n"))?;
            } else {
                let mut text = String::new();
                for (i, p) in paths.iter().enumerate() {
                    text.push_str(&geokg::query::describe(&g, p, i + 1));
                }
                print(&text)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Neighbors {
            graph,
            actor,
            relation,
            as_of,
            json,
        } => {
            let gaz = load_gazetteer(&cli)?;
            let g = load_graph(graph)?;
            let as_of = parse_date(as_of, "--as-of")?;
            let matcher = geokg::mentions::Matcher::new(&gaz);
            let a = geokg::commands::resolve_node(&gaz, &matcher, &g, actor, as_of)
                .map_err(anyhow::Error::msg)?;
            let edges = geokg::query::neighbors(&g, &a, &parse_families(relation)?);
            if *json {
                print(&format!("{}\n", serde_json::to_string_pretty(&edges)?))?;
            } else {
                use std::fmt::Write as _;
                let mut text = String::new();
                for e in edges {
                    let other = if e.source == a { &e.target } else { &e.source };
                    let arrow = if !e.directed {
                        "--"
                    } else if e.source == a {
                        "->"
                    } else {
                        "<-"
                    };
                    let dates = e
                        .first_date
                        .as_deref()
                        .map(|d| format!(", from {d}"))
                        .unwrap_or_default();
                    let _ = writeln!(
                        text,
                        "{a} {arrow} {other}: {} ({}; {} mention(s) in {} document(s){dates})",
                        e.kind,
                        e.relation.as_str(),
                        e.mentions,
                        e.documents
                    );
                    if let Some(ev) = e.evidence.first() {
                        let _ = writeln!(text, "    [{}] {}", ev.doc, ev.sentence);
                    }
                }
                print(&text)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { gold, inputs } => {
            let gaz = load_gazetteer(&cli)?;
            let gold = geokg::eval::read_gold(gold).map_err(anyhow::Error::msg)?;
            let mut warnings = Vec::new();
            let ev = geokg::commands::evaluate(&gaz, &gold, inputs, lang, &mut warnings)?;
            for w in &warnings {
                say!("geokg: warning: {w}");
            }
            print(&ev.report())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Gazetteer(GazetteerCommand::Check { dir, notes }) => {
            let source = match dir {
                Some(d) => GazetteerSource::from_dir(d).map_err(|e| anyhow::anyhow!("{e}"))?,
                None => GazetteerSource::embedded(),
            };
            let problems = Gazetteer::check(&source);
            let errors = problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            let note_count = problems.len() - errors;
            let mut out = io::stdout().lock();
            for p in &problems {
                if p.severity == Severity::Error || *notes {
                    writeln!(out, "{p}")?;
                }
            }
            let gaz = Gazetteer::from_source(&source).ok();
            let summary = gaz.map(|g| {
                let count = |k| g.actors().iter().filter(|a| a.kind == k).count();
                use geokg::gazetteer::ActorKind::*;
                format!(
                    "{} states, {} people, {} organisations, {} forms",
                    count(State),
                    count(Person),
                    count(Organization),
                    g.forms().len()
                )
            });
            say!(
                "geokg: {}: {errors} error(s), {note_count} note(s){}{}",
                source.root,
                summary.map(|s| format!("; {s}")).unwrap_or_default(),
                if *notes || note_count == 0 {
                    ""
                } else {
                    " (show them with --notes)"
                }
            );
            Ok(if errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Gazetteer(GazetteerCommand::ExportTsv { aliases, cues }) => {
            let gaz = load_gazetteer(&cli)?;
            let (a, c) = geokg::commands::lexicon_tsv(&gaz);
            geokg::output::write_atomic(aliases, a.as_bytes())
                .with_context(|| format!("cannot write {}", aliases.display()))?;
            geokg::output::write_atomic(cues, c.as_bytes())
                .with_context(|| format!("cannot write {}", cues.display()))?;
            say!(
                "geokg: {} aliases, {} cues",
                a.lines().count() - 1,
                c.lines().count() - 1
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Gazetteer(GazetteerCommand::Lookup { name, date }) => {
            let gaz = load_gazetteer(&cli)?;
            let date = match date {
                Some(d) => Some(d.parse().with_context(|| "--date".to_string())?),
                None => None,
            };
            print(&geokg::commands::lookup(&gaz, name, date))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
