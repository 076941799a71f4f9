//! Reading the gazetteer's TOML files, validating them (every problem, with its file and line)
//! and turning them into actors and surface forms.

use std::collections::hash_map::Entry;
use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fs;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;

use super::forms::{
    inflect, CaseRule, Class, Form, FormTarget, Inflected, InflectionRule, LangSet,
};
use super::lexicon;
use super::{
    Actor, ActorIdx, ActorKind, Gazetteer, GazetteerError, Location, Membership, Names, Office,
    Polity, Problem, Role, Severity, TitleContext, Via,
};
use crate::date::Day;
use crate::text::normalize::normalize_form;
use crate::text::Lang;

/// The files of a gazetteer: (path relative to its root, contents).
#[derive(Debug, Clone)]
pub struct GazetteerSource {
    pub root: String,
    pub files: Vec<(String, String)>,
}

impl GazetteerSource {
    /// The gazetteer embedded in the binary at build time.
    pub fn embedded() -> GazetteerSource {
        GazetteerSource {
            root: "gazetteer".into(),
            files: super::embedded::FILES
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect(),
        }
    }

    /// Every `.toml` and `.tsv` file under `dir`, sorted by path.
    pub fn from_dir(dir: &Path) -> Result<GazetteerSource, GazetteerError> {
        let root = dir.display().to_string();
        let mut files = Vec::new();
        let mut problems = Vec::new();
        collect(dir, dir, &mut files, &mut problems);
        if !problems.is_empty() {
            return Err(GazetteerError(problems));
        }
        if !files.iter().any(|(p, _)| p.ends_with(".toml")) {
            return Err(GazetteerError(vec![Problem {
                location: Location { file: root.as_str().into(), line: 0 },
                severity: Severity::Error,
                message: "no .toml files here: a gazetteer directory holds states/, people/, organizations.toml, titles.toml, inflection.toml (see gazetteer/README.md)".into(),
            }]));
        }
        files.sort();
        Ok(GazetteerSource { root, files })
    }

    fn display(&self, rel: &str) -> String {
        format!("{}/{}", self.root.trim_end_matches('/'), rel)
    }
}

fn collect(
    root: &Path,
    dir: &Path,
    files: &mut Vec<(String, String)>,
    problems: &mut Vec<Problem>,
) {
    let error = |path: &Path, message: String| Problem {
        location: Location {
            file: path.display().to_string().into(),
            line: 0,
        },
        severity: Severity::Error,
        message,
    };
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            return problems.push(error(
                dir,
                format!("cannot read the gazetteer directory: {e}"),
            ))
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files, problems);
        } else if path.extension().is_some_and(|x| x == "toml" || x == "tsv") {
            match fs::read_to_string(&path) {
                Ok(text) => {
                    let rel = path
                        .strip_prefix(root)
                        .unwrap_or(&path)
                        .to_string_lossy()
                        .replace('\\', "/");
                    files.push((rel, text));
                }
                Err(e) => problems.push(error(&path, format!("cannot read: {e}"))),
            }
        }
    }
}

// ---------------------------------------------------------------- raw file formats

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    #[allow(dead_code)]
    description: Option<String>,
    sources: Vec<String>,
    licence: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LangNames {
    de: Option<String>,
    en: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LangLists {
    #[serde(default)]
    de: Vec<Spanned<String>>,
    #[serde(default)]
    en: Vec<Spanned<String>>,
    #[serde(default)]
    any: Vec<Spanned<String>>,
}

impl LangLists {
    fn iter(&self) -> impl Iterator<Item = (LangSet, &Spanned<String>)> {
        self.de
            .iter()
            .map(|s| (LangSet::one(Lang::De), s))
            .chain(self.en.iter().map(|s| (LangSet::one(Lang::En), s)))
            .chain(self.any.iter().map(|s| (LangSet::ANY, s)))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawState {
    id: Spanned<String>,
    iso2: Option<String>,
    name: Option<Spanned<LangNames>>,
    #[serde(default)]
    official: LangLists,
    #[serde(default)]
    alias: LangLists,
    #[serde(default)]
    capital: LangLists,
    #[serde(default)]
    metonym: LangLists,
    #[serde(default)]
    adjective: LangLists,
    #[serde(default)]
    demonym: LangLists,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    office: Vec<Spanned<String>>,
    country: Option<Spanned<String>>,
    organization: Option<Spanned<String>>,
    from: Spanned<String>,
    to: Option<Spanned<String>>,
    title: Option<LangNames>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    id: Spanned<String>,
    name: Spanned<LangNames>,
    #[serde(default)]
    alias: Vec<Spanned<String>>,
    #[serde(default)]
    short: Vec<Spanned<String>>,
    /// The short names stand for the person only once the full name came before ("Kurz" is
    /// also the German for "short": "Kurz darauf").
    #[serde(default)]
    short_only_after_name: bool,
    #[serde(default)]
    roles: Vec<Spanned<RawRole>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganization {
    id: Spanned<String>,
    category: Option<String>,
    parent: Option<Spanned<String>>,
    country: Option<Spanned<String>>,
    name: Spanned<LangNames>,
    #[serde(default)]
    alias: LangLists,
    /// Seats standing for the organisation ("Brüssel" for the EU).
    #[serde(default)]
    metonym: LangLists,
    #[serde(default)]
    members: Vec<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffice {
    id: Spanned<String>,
    name: LangNames,
    #[serde(default)]
    shared: bool,
    #[serde(default)]
    organization_only: bool,
    #[serde(default)]
    institution: bool,
    #[serde(default)]
    seat: bool,
    #[serde(default)]
    frame_word: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNoun {
    lang: Spanned<String>,
    office: Spanned<String>,
    forms: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTitle {
    lang: Spanned<String>,
    country: Option<Spanned<String>>,
    organization: Option<Spanned<String>>,
    office: Spanned<String>,
    forms: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWords {
    lang: Spanned<String>,
    forms: Vec<Spanned<String>>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    lang: Spanned<String>,
    class: Spanned<String>,
    #[serde(default)]
    ends_with: Vec<String>,
    #[serde(default)]
    strip: String,
    suffixes: Vec<String>,
}

/// One gazetteer file; which tables it may hold depends on its path.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    meta: Option<Meta>,
    #[serde(default)]
    state: Vec<RawState>,
    #[serde(default)]
    person: Vec<RawPerson>,
    #[serde(default)]
    organization: Vec<RawOrganization>,
    #[serde(default)]
    office: Vec<RawOffice>,
    #[serde(default)]
    noun: Vec<RawNoun>,
    #[serde(default)]
    title: Vec<RawTitle>,
    #[serde(default)]
    person_word: Vec<RawWords>,
    #[serde(default)]
    name_part: Vec<RawWords>,
    #[serde(default)]
    abbreviations: Vec<RawWords>,
    #[serde(default)]
    blocker: Vec<RawWords>,
    #[serde(default)]
    rule: Vec<RawRule>,
    #[serde(default)]
    title_context: Vec<RawContext>,
    #[serde(default)]
    kind: Vec<lexicon::RawKind>,
    #[serde(default)]
    frame: Vec<lexicon::RawFrame>,
    #[serde(default)]
    cue: Vec<lexicon::RawCue>,
    #[serde(default)]
    modifier: Vec<lexicon::RawModifier>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    lang: Spanned<String>,
    kind: Spanned<String>,
    forms: Vec<String>,
}

// ---------------------------------------------------------------- loading

/// Collects problems with their locations.
struct Report<'a> {
    file: std::sync::Arc<str>,
    /// Byte offsets where the file's lines start, to turn offsets into line numbers.
    line_starts: Vec<usize>,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Report<'a> {
    fn new(
        file: impl Into<std::sync::Arc<str>>,
        text: &str,
        problems: &'a mut Vec<Problem>,
    ) -> Report<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Report {
            file: file.into(),
            line_starts,
            problems,
        }
    }

    fn location(&self, offset: usize) -> Location {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        Location {
            file: self.file.clone(),
            line,
        }
    }

    fn at<T>(&self, s: &Spanned<T>) -> Location {
        self.location(s.span().start)
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let location = self.location(offset);
        self.problems.push(Problem {
            location,
            severity: Severity::Error,
            message: message.into(),
        });
    }
}

/// A surface form before inflection.
struct RawForm {
    base: String,
    target: FormTarget,
    via: Via,
    lang: LangSet,
    class: Class,
    location: Location,
}

fn parse_lang(s: &str) -> Option<LangSet> {
    match s {
        "de" => Some(LangSet::one(Lang::De)),
        "en" => Some(LangSet::one(Lang::En)),
        "any" => Some(LangSet::ANY),
        _ => None,
    }
}

/// Loads a gazetteer, returning it (possibly incomplete) and every problem found.
pub(super) fn load(source: &GazetteerSource) -> (Gazetteer, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut parsed: Vec<(String, &str, RawFile)> = Vec::new();
    // The files are parsed in parallel (the largest part of loading), their problems
    // reported in the order of the files.
    // The grammar's files (`grammar/`: valency TOML and word-form TSV) have formats of their
    // own and are read after the relation kinds they refer to.
    let is_grammar = |rel: &str| rel.starts_with("grammar/") || rel.ends_with(".tsv");
    let gazetteer_files: Vec<&(String, String)> = source
        .files
        .iter()
        .filter(|(rel, _)| !is_grammar(rel))
        .collect();
    let raws: Vec<Result<RawFile, toml::de::Error>> = gazetteer_files
        .par_iter()
        .map(|(_, text)| toml::from_str::<RawFile>(text))
        .collect();
    for ((rel, text), raw) in gazetteer_files.into_iter().zip(raws) {
        let file = source.display(rel);
        match raw {
            Ok(raw) => parsed.push((file, text.as_str(), raw)),
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                let mut report = Report::new(file, text, &mut problems);
                let message = e.message().trim().to_string();
                report.error(offset, format!("not valid gazetteer TOML: {message}"));
            }
        }
    }
    // Generated state files first so that manual additions merge into them.
    parsed.sort_by_key(|(file, _, _)| (!file.contains("generated"), file.clone()));

    let mut b = Builder::default();
    for (file, text, raw) in &mut parsed {
        let mut report = Report::new(file.clone(), text, &mut problems);
        b.take_file(&mut report, std::mem::take(raw));
    }
    let lexicon_builder = std::mem::take(&mut b.lexicon);
    let texts: HashMap<&str, &str> = parsed.iter().map(|(f, t, _)| (f.as_str(), *t)).collect();
    let kinds_file = source.display("relations/kinds.toml");
    // The actors' forms and the relation lexicon do not depend on each other: both are
    // finished at once, and their problems reported in that order.
    let ((mut gaz, actor_problems), (lexicon, lexicon_problems)) = rayon::join(
        || {
            let mut problems = Vec::new();
            (b.finish(&mut problems), problems)
        },
        || {
            let mut problems = Vec::new();
            let lexicon = lexicon_builder.finish(
                &mut |file: &str, offset: usize, message: String| {
                    let text = texts.get(file).copied().unwrap_or("");
                    Report::new(file, text, &mut problems).error(offset, message);
                },
                &kinds_file,
            );
            (lexicon, problems)
        },
    );
    problems.extend(actor_problems);
    problems.extend(lexicon_problems);
    gaz.grammar = load_grammar(source, &lexicon.kinds, &mut problems);
    gaz.lexicon = lexicon;
    (gaz, problems)
}

/// The grammar of each language whose valency file (`grammar/LANG.toml`) and forms file
/// (`grammar/LANG-forms.tsv`) are present; a gazetteer without them has no grammar, and the
/// relation engine then uses its frames alone.
fn load_grammar(
    source: &GazetteerSource,
    kinds: &[super::lexicon::Kind],
    problems: &mut Vec<Problem>,
) -> super::grammar::Grammar {
    let file = |rel: &str| {
        source
            .files
            .iter()
            .find(|(p, _)| p == rel)
            .map(|(_, t)| t.as_str())
    };
    let mut grammar = super::grammar::Grammar::default();
    let (Some(valency), Some(forms)) = (file("grammar/de.toml"), file("grammar/de-forms.tsv"))
    else {
        return grammar;
    };
    let valency_file = source.display("grammar/de.toml");
    let forms_file = source.display("grammar/de-forms.tsv");
    let mut found: Vec<(bool, usize, String)> = Vec::new();
    grammar.de = super::grammar::LangGrammar::build(
        valency,
        forms,
        kinds,
        &mut |valency_problem, at, message| found.push((valency_problem, at, message)),
    );
    for (valency_problem, at, message) in found {
        if valency_problem {
            Report::new(valency_file.clone(), valency, problems).error(at, message);
        } else {
            problems.push(Problem {
                location: Location {
                    file: forms_file.as_str().into(),
                    line: at,
                },
                severity: Severity::Error,
                message,
            });
        }
    }
    grammar
}

#[derive(Default)]
struct Builder {
    actors: Vec<Actor>,
    by_id: HashMap<String, ActorIdx>,
    raw_forms: Vec<RawForm>,
    offices: Vec<(Office, Location)>,
    rules: Vec<InflectionRule>,
    /// References to check once everything is loaded: (location, code, what it must be).
    state_refs: Vec<(Location, String)>,
    org_refs: Vec<(Location, String)>,
    office_refs: Vec<(Location, String)>,
    contexts: Vec<(String, LangSet, TitleContext)>,
    name_parts: HashSet<String>,
    abbreviations: Vec<(String, LangSet)>,
    lexicon: lexicon::LexiconBuilder,
    /// States seen in a manual file before their generated entry (merge order problem).
    pending_states: Vec<(Location, RawState, String)>,
}

impl Builder {
    fn take_file(&mut self, r: &mut Report, raw: RawFile) {
        match &raw.meta {
            None => r.error(0, "missing [meta] table (description, sources, licence): every data file states its sources and licence"),
            Some(m) => {
                if m.sources.iter().all(|s| s.trim().is_empty()) || m.licence.trim().is_empty() {
                    r.error(0, "[meta] needs non-empty `sources` and `licence`");
                }
            }
        }
        self.lexicon
            .take(&r.file, raw.kind, raw.frame, raw.cue, raw.modifier);
        let manual_states = !r.file.contains("generated");
        for s in raw.state {
            self.take_state(r, s, manual_states);
        }
        for p in raw.person {
            self.take_person(r, p);
        }
        for o in raw.organization {
            self.take_organization(r, o);
        }
        for o in raw.office {
            let loc = r.at(&o.id);
            self.offices.push((
                Office {
                    id: o.id.into_inner(),
                    name: names(o.name),
                    shared: o.shared,
                    organization_only: o.organization_only,
                    institution: o.institution,
                    seat: o.seat,
                    frame_word: o.frame_word,
                },
                loc,
            ));
        }
        for n in raw.noun {
            let Some(lang) = self.lang(r, &n.lang) else {
                continue;
            };
            let loc = r.at(&n.office);
            self.office_refs.push((loc, n.office.get_ref().clone()));
            for f in n.forms {
                let target = FormTarget::Noun {
                    office: n.office.get_ref().clone(),
                };
                self.fixed_form(r, &f, target, Via::Title, lang);
            }
        }
        for t in raw.title {
            let Some(lang) = self.lang(r, &t.lang) else {
                continue;
            };
            let polity = match (&t.country, &t.organization) {
                (Some(c), None) => {
                    self.state_refs.push((r.at(c), c.get_ref().clone()));
                    c.get_ref().clone()
                }
                (None, Some(o)) => {
                    self.org_refs.push((r.at(o), o.get_ref().clone()));
                    o.get_ref().clone()
                }
                _ => {
                    r.error(
                        t.office.span().start,
                        "a [[title]] names exactly one of `country` or `organization`",
                    );
                    continue;
                }
            };
            self.office_refs
                .push((r.at(&t.office), t.office.get_ref().clone()));
            for f in t.forms {
                let target = FormTarget::Title {
                    polity: polity.clone(),
                    office: t.office.get_ref().clone(),
                };
                self.fixed_form(r, &f, target, Via::Title, lang);
            }
        }
        for w in raw.abbreviations {
            let Some(lang) = self.lang(r, &w.lang) else {
                continue;
            };
            for f in &w.forms {
                self.abbreviations.push((f.get_ref().clone(), lang));
            }
        }
        for w in raw.name_part {
            if self.lang(r, &w.lang).is_some() {
                self.name_parts
                    .extend(w.forms.iter().map(|f| normalize_form(f.get_ref())));
            }
        }
        for w in raw.person_word {
            let Some(lang) = self.lang(r, &w.lang) else {
                continue;
            };
            for f in w.forms {
                self.fixed_form(r, &f, FormTarget::PersonWord, Via::Alias, lang);
            }
        }
        for w in raw.blocker {
            let Some(lang) = self.lang(r, &w.lang) else {
                continue;
            };
            for f in w.forms {
                // Blockers inflect like names: "der Deutschen Bank", "der Washington Post".
                self.form(r, &f, FormTarget::Blocker, Via::Alias, lang, Class::Name);
            }
        }
        for c in raw.title_context {
            let Some(lang) = self.lang(r, &c.lang) else {
                continue;
            };
            let kind = match c.kind.get_ref().as_str() {
                "predicate" => TitleContext::Predicate,
                "former" => TitleContext::Former,
                other => {
                    r.error(
                        c.kind.span().start,
                        format!(
                            "unknown title_context kind {other:?} (expected predicate or former)"
                        ),
                    );
                    continue;
                }
            };
            for f in c.forms {
                self.contexts.push((normalize_form(&f), lang, kind));
            }
        }
        for rule in raw.rule {
            let Some(lang) = self.lang(r, &rule.lang) else {
                continue;
            };
            let Some(class) = Class::parse(rule.class.get_ref()) else {
                r.error(rule.class.span().start, format!("unknown inflection class {:?} (expected name, name_word, adjective, demonym or capital_adjective)", rule.class.get_ref()));
                continue;
            };
            for l in lang.langs() {
                self.rules.push(InflectionRule {
                    lang: l,
                    class,
                    ends_with: rule.ends_with.clone(),
                    strip: rule.strip.clone(),
                    suffixes: rule.suffixes.clone(),
                });
            }
        }
    }

    fn lang(&self, r: &mut Report, s: &Spanned<String>) -> Option<LangSet> {
        let lang = parse_lang(s.get_ref());
        if lang.is_none() {
            r.error(
                s.span().start,
                format!(
                    "unknown language {:?} (expected de, en or any)",
                    s.get_ref()
                ),
            );
        }
        lang
    }

    fn fixed_form(
        &mut self,
        r: &mut Report,
        f: &Spanned<String>,
        target: FormTarget,
        via: Via,
        lang: LangSet,
    ) {
        self.form(r, f, target, via, lang, Class::Fixed);
    }

    fn form(
        &mut self,
        r: &mut Report,
        f: &Spanned<String>,
        target: FormTarget,
        via: Via,
        lang: LangSet,
        class: Class,
    ) {
        if normalize_form(f.get_ref()).is_empty() {
            r.error(f.span().start, "empty name");
            return;
        }
        self.raw_forms.push(RawForm {
            base: f.get_ref().trim().to_string(),
            target,
            via,
            lang,
            class,
            location: r.at(f),
        });
    }

    fn new_actor(
        &mut self,
        r: &mut Report,
        id: &Spanned<String>,
        actor: Actor,
    ) -> Option<ActorIdx> {
        if let Some(&prev) = self.by_id.get(id.get_ref()) {
            let prev = &self.actors[prev].location;
            r.error(
                id.span().start,
                format!("duplicate id {:?} (first defined at {prev})", id.get_ref()),
            );
            return None;
        }
        let idx = self.actors.len();
        self.by_id.insert(id.get_ref().clone(), idx);
        self.actors.push(actor);
        Some(idx)
    }

    fn take_state(&mut self, r: &mut Report, s: RawState, manual: bool) {
        let id = s.id.get_ref().clone();
        if id.len() != 3 || !id.bytes().all(|b| b.is_ascii_uppercase()) {
            r.error(
                s.id.span().start,
                format!(
                    "state id {id:?} is not an ISO 3166-1 alpha-3 code (three capital letters)"
                ),
            );
            return;
        }
        let idx = match self.by_id.get(&id) {
            Some(&idx) if manual && self.actors[idx].kind == ActorKind::State => {
                if let Some(n) = s.name.as_ref() {
                    let n = n.get_ref();
                    if let Some(de) = &n.de {
                        self.actors[idx].name.de = de.clone();
                    }
                    if let Some(en) = &n.en {
                        self.actors[idx].name.en = en.clone();
                    }
                }
                idx
            }
            Some(_) if manual => {
                r.error(
                    s.id.span().start,
                    format!("{id:?} is already an id of another actor"),
                );
                return;
            }
            _ if manual => {
                let loc = r.at(&s.id);
                self.pending_states.push((loc, s, id));
                return;
            }
            _ => {
                let Some(name) = s.name.as_ref() else {
                    r.error(s.id.span().start, format!("state {id} has no `name`"));
                    return;
                };
                let display = names_spanned(r, name);
                if s.iso2.as_ref().is_none_or(|c| c.len() != 2) {
                    r.error(
                        s.id.span().start,
                        format!("state {id} needs a two-letter `iso2`"),
                    );
                }
                let loc = r.at(&s.id);
                let actor = Actor {
                    id: id.clone(),
                    kind: ActorKind::State,
                    name: display,
                    country: Some(id.clone()),
                    category: None,
                    parent: None,
                    roles: Vec::new(),
                    members: Vec::new(),
                    short: Vec::new(),
                    short_only_after_name: false,
                    location: loc,
                };
                match self.new_actor(r, &s.id, actor) {
                    Some(i) => i,
                    None => return,
                }
            }
        };
        let target = FormTarget::Actor(idx);
        if let Some(n) = &s.name {
            let n = n.get_ref();
            let at = s.name.as_ref().map(|x| x.span().start).unwrap_or(0);
            for (lang, v) in [(Lang::De, &n.de), (Lang::En, &n.en)] {
                if let Some(v) = v {
                    let sp = Spanned::new(at..at, v.clone());
                    self.form(
                        r,
                        &sp,
                        target.clone(),
                        Via::Name,
                        LangSet::one(lang),
                        Class::Name,
                    );
                }
            }
        }
        for (lists, via, class) in [
            (&s.official, Via::Name, Class::Name),
            (&s.alias, Via::Alias, Class::Name),
            (&s.capital, Via::Metonym, Class::Name),
            (&s.metonym, Via::Metonym, Class::Name),
            (&s.adjective, Via::Adjective, Class::Adjective),
            (&s.demonym, Via::Demonym, Class::Demonym),
        ] {
            for (lang, f) in lists.iter() {
                self.form(r, f, target.clone(), via, lang, class);
            }
        }
        // The German adjective of a capital ("Prag" → "Prager"), by the `capital_adjective`
        // rules: it names the state only before an institution noun ("das Prager
        // Außenministerium"; "Berliner Zeitung" names nothing). Capitals of several words
        // ("Neu-Delhi") have none.
        for (lang, f) in s.capital.iter() {
            let single = !f.get_ref().contains([' ', '-']);
            if lang.de && single {
                let de = LangSet::one(Lang::De);
                let class = Class::CapitalAdjective;
                self.form(r, f, target.clone(), Via::Metonym, de, class);
            }
        }
    }

    fn take_person(&mut self, r: &mut Report, p: RawPerson) {
        let id = p.id.get_ref().clone();
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            r.error(
                p.id.span().start,
                format!("person id {id:?} must be a lower-case ASCII slug (a-z, 0-9, -)"),
            );
        }
        let display = names_spanned(r, &p.name);
        let mut roles = Vec::new();
        for role in &p.roles {
            if let Some(role) = self.role(r, role) {
                roles.push(role);
            }
        }
        let loc = r.at(&p.id);
        let actor = Actor {
            id: id.clone(),
            kind: ActorKind::Person,
            name: display.clone(),
            country: None,
            category: None,
            parent: None,
            roles,
            members: Vec::new(),
            short: p.short.iter().map(|s| s.get_ref().clone()).collect(),
            short_only_after_name: p.short_only_after_name,
            location: loc,
        };
        let Some(idx) = self.new_actor(r, &p.id, actor) else {
            return;
        };
        let at = p.name.span().start;
        let mut full: Vec<Spanned<String>> = Vec::new();
        for n in [&display.de, &display.en] {
            if !n.is_empty() {
                full.push(Spanned::new(at..at, n.clone()));
            }
        }
        full.extend(p.alias);
        for f in &full {
            self.form(
                r,
                f,
                FormTarget::Actor(idx),
                Via::Name,
                LangSet::ANY,
                Class::Name,
            );
        }
        for f in &p.short {
            self.form(
                r,
                f,
                FormTarget::Short(idx),
                Via::Alias,
                LangSet::ANY,
                Class::Name,
            );
        }
    }

    fn role(&mut self, r: &mut Report, role: &Spanned<RawRole>) -> Option<Role> {
        let at = role.span().start;
        let raw = role.get_ref();
        let polity = match (&raw.country, &raw.organization) {
            (Some(c), None) => {
                self.state_refs.push((r.at(c), c.get_ref().clone()));
                Polity::Country(c.get_ref().clone())
            }
            (None, Some(o)) => {
                self.org_refs.push((r.at(o), o.get_ref().clone()));
                Polity::Organization(o.get_ref().clone())
            }
            _ => {
                r.error(
                    at,
                    "a role names exactly one of `country` or `organization`",
                );
                return None;
            }
        };
        if raw.office.is_empty() {
            r.error(at, "a role needs at least one `office`");
        }
        for o in &raw.office {
            self.office_refs.push((r.at(o), o.get_ref().clone()));
        }
        let from = day(r, &raw.from)?;
        let to = match &raw.to {
            Some(t) => Some(day(r, t)?),
            None => None,
        };
        if let Some(to) = to {
            if to <= from {
                r.error(
                    at,
                    format!("role ends ({to}) before or on the day it begins ({from})"),
                );
                return None;
            }
        }
        Some(Role {
            offices: raw.office.iter().map(|o| o.get_ref().clone()).collect(),
            polity,
            from,
            to,
            title: raw.title.as_ref().map(|t| Names {
                de: t.de.clone().unwrap_or_default(),
                en: t.en.clone().unwrap_or_default(),
            }),
            location: r.location(at),
        })
    }

    fn take_organization(&mut self, r: &mut Report, o: RawOrganization) {
        let id = o.id.get_ref().clone();
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        {
            r.error(
                o.id.span().start,
                format!("organisation id {id:?} must be upper-case ASCII (A-Z, 0-9, _)"),
            );
        }
        if let Some(c) = &o.country {
            self.state_refs.push((r.at(c), c.get_ref().clone()));
        }
        if let Some(p) = &o.parent {
            self.org_refs.push((r.at(p), p.get_ref().clone()));
        }
        let mut members = Vec::new();
        let mut seen = HashSet::default();
        for m in &o.members {
            // A member is "ISO" or { id = "ISO", from = "YYYY-MM-DD", to = "YYYY-MM-DD" }.
            let at = m.span().start;
            let field =
                |t: &toml::Table, k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let (code, from, to) = match m.get_ref() {
                toml::Value::String(c) => (c.clone(), None, None),
                toml::Value::Table(t)
                    if t.keys()
                        .all(|k| matches!(k.as_str(), "id" | "from" | "to" | "note"))
                        && field(t, "id").is_some() =>
                {
                    (
                        field(t, "id").unwrap_or_default(),
                        field(t, "from"),
                        field(t, "to"),
                    )
                }
                _ => {
                    r.error(
                        at,
                        "a member is an ISO code or a table { id, from, to } (dates YYYY-MM-DD)",
                    );
                    continue;
                }
            };
            let location = r.location(at);
            self.state_refs.push((location, code.clone()));
            if !seen.insert(code.clone()) {
                r.error(at, format!("member {code} listed twice"));
            }
            let mut date = |d: Option<String>| d.and_then(|d| day(r, &Spanned::new(at..at, d)));
            let (from, to) = (date(from), date(to));
            members.push(Membership {
                state: code,
                from,
                to,
            });
        }
        let loc = r.at(&o.id);
        let actor = Actor {
            id,
            kind: ActorKind::Organization,
            name: names_spanned(r, &o.name),
            country: o.country.as_ref().map(|c| c.get_ref().clone()),
            category: o.category.clone(),
            parent: o.parent.as_ref().map(|p| p.get_ref().clone()),
            roles: Vec::new(),
            members,
            short: Vec::new(),
            short_only_after_name: false,
            location: loc,
        };
        let Some(idx) = self.new_actor(r, &o.id, actor) else {
            return;
        };
        let at = o.name.span().start;
        let n = o.name.get_ref();
        for (lang, v) in [(Lang::De, &n.de), (Lang::En, &n.en)] {
            if let Some(v) = v {
                let sp = Spanned::new(at..at, v.clone());
                self.form(
                    r,
                    &sp,
                    FormTarget::Actor(idx),
                    Via::Name,
                    LangSet::one(lang),
                    Class::Name,
                );
            }
        }
        for (lang, f) in o.alias.iter() {
            self.form(r, f, FormTarget::Actor(idx), Via::Alias, lang, Class::Name);
        }
        for (lang, f) in o.metonym.iter() {
            self.form(
                r,
                f,
                FormTarget::Actor(idx),
                Via::Metonym,
                lang,
                Class::Name,
            );
        }
    }

    fn finish(self, problems: &mut Vec<Problem>) -> Gazetteer {
        let error = |problems: &mut Vec<Problem>, location: &Location, message: String| {
            problems.push(Problem {
                location: location.clone(),
                severity: Severity::Error,
                message,
            })
        };
        // Manual state entries whose generated entry never came.
        for (loc, _, id) in &self.pending_states {
            error(problems, loc, format!("state {id} is not among the generated states (states/generated.toml): an addition needs an existing id"));
        }
        let kind_of = |id: &str| self.by_id.get(id).map(|&i| self.actors[i].kind);
        for (loc, code) in &self.state_refs {
            if kind_of(code) != Some(ActorKind::State) {
                error(problems, loc, format!("unknown country code {code:?} (expected an ISO 3166-1 alpha-3 code of a state in states/)"));
            }
        }
        for (loc, code) in &self.org_refs {
            if kind_of(code) != Some(ActorKind::Organization) {
                error(
                    problems,
                    loc,
                    format!(
                        "unknown organisation {code:?} (expected an id from organizations.toml)"
                    ),
                );
            }
        }
        let mut office_ids: HashMap<&str, &Location> = HashMap::default();
        for (o, loc) in &self.offices {
            if let Some(prev) = office_ids.insert(&o.id, loc) {
                error(
                    problems,
                    loc,
                    format!("duplicate office id {:?} (first defined at {prev})", o.id),
                );
            }
        }
        for (loc, office) in &self.office_refs {
            if !office_ids.contains_key(office.as_str()) {
                error(
                    problems,
                    loc,
                    format!(
                        "unknown office {office:?} (expected an [[office]] id from titles.toml)"
                    ),
                );
            }
        }
        let shared: HashSet<&str> = self
            .offices
            .iter()
            .filter(|(o, _)| o.shared)
            .map(|(o, _)| o.id.as_str())
            .collect();
        check_terms(&self.actors, &shared, problems);

        // Inflect every form: the inflections in parallel, then merged in the order of the
        // data.
        let inflections: Vec<Vec<(Lang, Vec<Inflected>)>> = self
            .raw_forms
            .par_iter()
            .map(|raw| {
                let is_person = match raw.target {
                    FormTarget::Actor(i) | FormTarget::Short(i) => {
                        self.actors[i].kind == ActorKind::Person
                    }
                    _ => false,
                };
                raw.lang
                    .langs()
                    .map(|lang| {
                        let list = inflect(&self.rules, lang, raw.class, &raw.base, !is_person);
                        (lang, list)
                    })
                    .collect()
            })
            .collect();
        let total = inflections
            .iter()
            .flatten()
            .map(|(_, list)| list.len())
            .sum();
        let mut forms: Vec<Form> = Vec::with_capacity(total);
        // (text, target, via) → index in `forms`, borrowing the text and the target.
        let mut index: HashMap<(&str, &FormTarget, Via), usize> =
            HashMap::with_capacity_and_hasher(total, Default::default());
        for (raw, by_lang) in self.raw_forms.iter().zip(&inflections) {
            let case = CaseRule::of(&raw.base);
            for (lang, list) in by_lang {
                for inflected in list {
                    let key = (inflected.text.as_str(), &raw.target, raw.via);
                    match index.entry(key) {
                        Entry::Occupied(e) => {
                            let form = &mut forms[*e.get()];
                            form.lang = form.lang.union(LangSet::one(*lang));
                        }
                        Entry::Vacant(e) => {
                            e.insert(forms.len());
                            forms.push(Form {
                                case: case.clone(),
                                text: inflected.text.clone(),
                                base: raw.base.clone(),
                                target: raw.target.clone(),
                                via: raw.via,
                                lang: LangSet::one(*lang),
                                genitive: inflected.genitive,
                                compound_only: inflected.compound_only,
                                class: raw.class,
                                location: raw.location.clone(),
                            });
                        }
                    }
                }
            }
        }
        drop(index);
        Gazetteer {
            role_index: Gazetteer::index_roles(&self.actors),
            by_id: self.by_id,
            actors: self.actors,
            offices: self.offices.into_iter().map(|(o, _)| o).collect(),
            forms,
            contexts: self.contexts,
            name_parts: self.name_parts,
            lexicon: Default::default(),
            grammar: Default::default(),
            abbreviations: [Lang::De, Lang::En].map(|l| {
                self.abbreviations
                    .iter()
                    .filter(|(_, s)| s.contains(l))
                    .map(|(a, _)| a.clone())
                    .collect()
            }),
            notes: Default::default(),
        }
    }
}

fn names(n: LangNames) -> Names {
    Names {
        de: n.de.unwrap_or_default(),
        en: n.en.unwrap_or_default(),
    }
}

fn names_spanned(r: &mut Report, n: &Spanned<LangNames>) -> Names {
    let v = n.get_ref();
    match (&v.de, &v.en) {
        (Some(de), Some(en)) if !de.trim().is_empty() && !en.trim().is_empty() => Names {
            de: de.clone(),
            en: en.clone(),
        },
        _ => {
            r.error(n.span().start, "`name` needs both `de` and `en`");
            Names {
                de: v.de.clone().unwrap_or_default(),
                en: v.en.clone().unwrap_or_default(),
            }
        }
    }
}

fn day(r: &mut Report, s: &Spanned<String>) -> Option<Day> {
    match s.get_ref().parse::<Day>() {
        Ok(d) => Some(d),
        Err(_) => {
            r.error(
                s.span().start,
                format!(
                    "malformed date {:?} (expected a day, YYYY-MM-DD)",
                    s.get_ref()
                ),
            );
            None
        }
    }
}

/// Two people may not hold one office of one state on the same day.
fn check_terms(actors: &[Actor], shared: &HashSet<&str>, problems: &mut Vec<Problem>) {
    let mut terms: BTreeMap<(String, String), Vec<(&Role, &Actor)>> = BTreeMap::new();
    for a in actors {
        for role in &a.roles {
            for office in role.offices.iter().filter(|o| !shared.contains(o.as_str())) {
                terms
                    .entry((role.polity.id().to_string(), office.clone()))
                    .or_default()
                    .push((role, a));
            }
        }
    }
    for ((polity, office), mut list) in terms {
        list.sort_by_key(|(r, a)| (r.from, a.id.clone()));
        for (i, (r1, a1)) in list.iter().enumerate() {
            for (r2, a2) in &list[i + 1..] {
                let overlap = r1.to.is_none_or(|to| r2.from < to);
                if !overlap {
                    continue;
                }
                let who = if a1.id == a2.id {
                    format!("{} twice", a1.id)
                } else {
                    format!("{} and {}", a1.id, a2.id)
                };
                problems.push(Problem {
                    location: r2.location.clone(),
                    severity: Severity::Error,
                    message: format!(
                        "overlapping terms of office {office} of {polity}: {who} (from {} and from {}; see {})",
                        r1.from, r2.from, r1.location
                    ),
                });
            }
        }
    }
}

/// Notes on forms that two actors share, with how the matcher resolves them.
pub(super) fn shared_forms(actors: &[Actor], forms: &[Form]) -> Vec<Problem> {
    let mut problems = Vec::new();
    // Normalising the forms is most of the work here: it runs in parallel.
    let keyed: Vec<(String, &Form)> = forms
        .par_iter()
        .filter(|f| matches!(f.target, FormTarget::Actor(_) | FormTarget::Short(_)))
        .map(|f| (normalize_form(&f.text), f))
        .collect();
    let mut by_key: BTreeMap<String, Vec<&Form>> = BTreeMap::new();
    for (key, f) in keyed {
        by_key.entry(key).or_default().push(f);
    }
    for (key, list) in by_key {
        let mut owners: Vec<(ActorIdx, bool, Via)> = list
            .iter()
            .map(|f| match f.target {
                FormTarget::Actor(i) => (i, false, f.via),
                FormTarget::Short(i) => (i, true, f.via),
                _ => unreachable!(),
            })
            .collect();
        owners.sort_by_key(|o| o.0);
        owners.dedup_by_key(|o| o.0);
        if owners.len() < 2 {
            continue;
        }
        let who: Vec<String> = owners
            .iter()
            .map(|(i, short, via)| {
                format!(
                    "{} ({})",
                    actors[*i].id,
                    if *short { "short name" } else { via.as_str() }
                )
            })
            .collect();
        let resolution = if owners.iter().all(|o| o.1) {
            "resolved by an earlier full name in the document, else reported as ambiguous"
                .to_string()
        } else {
            let best = owners.iter().map(|o| (o.1, rank(o.2))).min().unwrap();
            let mut winners: Vec<&Actor> = owners
                .iter()
                .filter(|o| (o.1, rank(o.2)) == best)
                .map(|o| &actors[o.0])
                .collect();
            // An organisation's seat outranks a capital ("Brüssel" is the EU's): as the
            // matcher weighs it (mentions::piece).
            let seat = |a: &&Actor| a.kind == ActorKind::Organization;
            let seat_wins = best == (false, rank(Via::Metonym)) && winners.iter().any(seat);
            if seat_wins {
                winners.retain(seat);
            }
            let winners: Vec<&str> = winners.iter().map(|a| a.id.as_str()).collect();
            if winners.len() == 1 {
                format!(
                    "resolved as {} (a {} outranks the others)",
                    winners[0],
                    if seat_wins {
                        "seat of an organisation"
                    } else if best.0 {
                        "short name"
                    } else {
                        "name"
                    }
                )
            } else {
                "reported as ambiguous".to_string()
            }
        };
        problems.push(Problem {
            location: list[0].location.clone(),
            severity: Severity::Note,
            message: format!("{key:?} is shared by {}: {resolution}", who.join(", ")),
        });
    }
    problems
}

/// How strongly a kind of form names its actor when two actors share it (lower wins):
/// a name beats an adjective or demonym, which beats a capital or seat of power.
pub fn rank(via: Via) -> u8 {
    match via {
        Via::Name => 0,
        Via::Alias => 1,
        Via::Adjective | Via::Demonym => 2,
        Via::Metonym => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(files: &[(&str, &str)]) -> GazetteerSource {
        GazetteerSource {
            root: "g".into(),
            files: files
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }

    const META: &str = "[meta]\nsources = [\"test\"]\nlicence = \"CC0-1.0\"\n";

    #[test]
    fn reports_every_problem_with_file_and_line() {
        let states = format!("{META}\n[[state]]\nid = \"RUS\"\niso2 = \"RU\"\nname = {{ de = \"Russland\", en = \"Russia\" }}\n");
        let titles = format!(
            "{META}\n[[office]]\nid = \"president\"\nname = {{ de = \"P\", en = \"P\" }}\n"
        );
        let people = format!(
            "{META}\n[[person]]\nid = \"a\"\nname = {{ de = \"A\", en = \"A\" }}\nroles = [\n  {{ office = [\"president\"], country = \"RUSS\", from = \"2012-05-07\" }},\n  {{ office = [\"president\"], country = \"RUS\", from = \"2012-13-07\" }},\n]\n\n[[person]]\nid = \"a\"\nname = {{ de = \"B\", en = \"B\" }}\n\n[[person]]\nid = \"c\"\nname = {{ de = \"C\", en = \"C\" }}\nroles = [{{ office = [\"president\", \"king\"], country = \"RUS\", from = \"2010-01-01\" }}]\n[[person]]\nid = \"d\"\nname = {{ de = \"D\", en = \"D\" }}\nroles = [{{ office = [\"president\"], country = \"RUS\", from = \"2011-01-01\", to = \"2013-01-01\" }}]\n"
        );
        let problems = Gazetteer::check(&source(&[
            ("states/generated.toml", &states),
            ("titles.toml", &titles),
            ("people/x.toml", &people),
        ]));
        let text: Vec<String> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.to_string())
            .collect();
        let all = text.join("\n");
        assert!(
            all.contains("g/people/x.toml:9: unknown country code \"RUSS\""),
            "{all}"
        );
        assert!(
            all.contains("g/people/x.toml:10: malformed date \"2012-13-07\""),
            "{all}"
        );
        assert!(
            all.contains(
                "g/people/x.toml:14: duplicate id \"a\" (first defined at g/people/x.toml:6)"
            ),
            "{all}"
        );
        assert!(all.contains("unknown office \"king\""), "{all}");
        assert!(
            all.contains("overlapping terms of office president of RUS: c and d"),
            "{all}"
        );
    }

    #[test]
    fn toml_syntax_errors_have_lines() {
        let problems = Gazetteer::check(&source(&[(
            "titles.toml",
            "[meta]\nsources = [\"x\"]\nlicence = \n",
        )]));
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .to_string()
                .starts_with("g/titles.toml:3: not valid gazetteer TOML"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn missing_meta_is_an_error() {
        let problems = Gazetteer::check(&source(&[("blockers.toml", "")]));
        assert!(problems[0].message.contains("missing [meta]"));
    }
}
