//! The gazetteer: actors, their names, dated roles, titles and inflection rules, loaded from
//! the data files under `gazetteer/` (embedded at build time, or a directory given with
//! `--gazetteer`), validated once at load with every problem reported.
//!
//! ```
//! let gaz = geokg::gazetteer::Gazetteer::embedded().unwrap();
//! let russia = gaz.actor_by_id("RUS").unwrap();
//! assert_eq!(gaz.actor(russia).name.en, "Russia");
//! ```

mod forms;
pub mod grammar;
pub mod lexicon;
mod load;

use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::date::{Day, PartialDate};
use crate::text::Lang;

pub use forms::{CaseRule, Class, Form, FormTarget, LangSet};
pub use load::{rank, GazetteerSource};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_gazetteer.rs"));
}

/// Index of an actor in [`Gazetteer::actors`].
pub type ActorIdx = usize;

/// What kind of actor.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    State,
    Person,
    Organization,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
        }
    }
}

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    Name,
    Alias,
    Adjective,
    Demonym,
    Metonym,
    Title,
    /// A state named through one of its institutions: "die irische Regierung", "das Prager
    /// Außenministerium", "the government in Dublin", "Bundesregierung".
    Institution,
    Compound,
    Coreference,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Name => "name",
            Via::Alias => "alias",
            Via::Adjective => "adjective",
            Via::Demonym => "demonym",
            Via::Metonym => "metonym",
            Via::Title => "title",
            Via::Institution => "institution",
            Via::Compound => "compound",
            Via::Coreference => "coreference",
        }
    }
}

impl fmt::Display for Via {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A display name in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub de: String,
    pub en: String,
}

impl Names {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }
}

/// Where something was defined: a gazetteer file and line.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Shared by every location in the file: a location is cloned for every form.
    pub file: std::sync::Arc<str>,
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// Whose office a role is: a state's or an organisation's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Polity {
    Country(String),
    Organization(String),
}

impl Polity {
    pub fn id(&self) -> &str {
        match self {
            Polity::Country(c) | Polity::Organization(c) => c,
        }
    }
}

/// A person's term in an office: holds on the days `from <= day < to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub offices: Vec<String>,
    pub polity: Polity,
    pub from: Day,
    pub to: Option<Day>,
    pub title: Option<Names>,
    pub location: Location,
}

impl Role {
    /// True if the role holds on `day`.
    pub fn holds_on(&self, day: Day) -> bool {
        self.from <= day && self.to.is_none_or(|to| day < to)
    }

    /// True if the role holds on some day of `date` (a year or month covers many days).
    pub fn overlaps(&self, date: PartialDate) -> bool {
        let (first, last) = date.span();
        self.from <= last && self.to.is_none_or(|to| first < to)
    }

    /// True if the role holds on every day of `date`.
    pub fn covers(&self, date: PartialDate) -> bool {
        let (first, last) = date.span();
        self.holds_on(first) && self.holds_on(last)
    }
}

/// A state's membership in an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub state: String,
    pub from: Option<Day>,
    pub to: Option<Day>,
}

/// A state, person or organisation.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub kind: ActorKind,
    pub name: Names,
    /// A state's own code; an organisation's country where it is a national body or medium.
    pub country: Option<String>,
    pub category: Option<String>,
    pub parent: Option<String>,
    pub roles: Vec<Role>,
    pub members: Vec<Membership>,
    /// Short names (people only).
    pub short: Vec<String>,
    /// The short names resolve only through a full name earlier in the document.
    pub short_only_after_name: bool,
    pub location: Location,
}

impl Actor {
    /// The country a person serves on `date`: the country of a role that holds then; without
    /// a date, or with no role then, the country of the latest role.
    pub fn country_on(&self, date: Option<PartialDate>) -> Option<&str> {
        if self.kind != ActorKind::Person {
            return self.country.as_deref();
        }
        let country_roles = || {
            self.roles
                .iter()
                .filter(|r| matches!(r.polity, Polity::Country(_)))
        };
        if let Some(d) = date {
            if let Some(r) = country_roles().find(|r| r.overlaps(d)) {
                return Some(r.polity.id());
            }
        }
        country_roles()
            .max_by_key(|r| (r.to.is_none(), r.to, r.from))
            .map(|r| r.polity.id())
    }
}

/// What a word right before a title does to it (see `titles.toml`, `[[title_context]]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TitleContext {
    /// "als US-Präsident": names an earlier-named holder, not today's.
    Predicate,
    /// "der frühere US-Präsident": names a past holder.
    Former,
}

/// An office in the vocabulary of `titles.toml`.
#[derive(Debug, Clone)]
pub struct Office {
    pub id: String,
    pub name: Names,
    /// Held by many people at once ("minister"): terms may overlap.
    pub shared: bool,
    /// An office of organisations only (secretary general), never of a state.
    pub organization_only: bool,
    /// An institution of the state, not a person's office ("government", "foreign_ministry"):
    /// a title of it names the state itself.
    pub institution: bool,
    /// An institution that sits in the capital, so that the capital names it too: "das
    /// Prager Außenministerium", "die Regierung in Lissabon" (not the armed forces or the
    /// authorities: "die Berliner Behörden" are the city's).
    pub seat: bool,
    /// Relation frames name the institution's noun after the state ("bestellte den
    /// russischen Botschafter ein"): the relation stage keeps it a word beside the state.
    pub frame_word: bool,
}

/// A problem found while loading a gazetteer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub location: Location,
    pub severity: Severity,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    /// Not wrong, but worth knowing (an alias shared by two actors, and how it is resolved).
    Note,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "{}: {}", self.location, self.message),
            Severity::Note => write!(f, "{}: note: {}", self.location, self.message),
        }
    }
}

/// A gazetteer that failed to load: every error found, each as `file:line: message`.
#[derive(Debug, thiserror::Error)]
#[error("{} problem(s) in the gazetteer:\n{}", .0.len(), .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
pub struct GazetteerError(pub Vec<Problem>);

/// The loaded, validated gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    actors: Vec<Actor>,
    by_id: FxHashMap<String, ActorIdx>,
    offices: Vec<Office>,
    forms: Vec<Form>,
    /// Words before a title that change what it names: (normalised word, languages, kind).
    contexts: Vec<(String, LangSet, TitleContext)>,
    /// Normalised short names that are also first names or parts of other names.
    name_parts: FxHashSet<String>,
    /// The relation lexicon (`relations/`).
    lexicon: lexicon::Lexicon,
    /// The grammar of the relation engine (`grammar/`).
    grammar: grammar::Grammar,
    /// Abbreviations for the sentence splitter: German, English.
    abbreviations: [FxHashSet<String>; 2],
    /// Notes on the data (shared aliases and how they are resolved), made when first asked
    /// for: a run that does not show them does not pay for them.
    notes: std::sync::OnceLock<Vec<Problem>>,
    /// Who held which office: polity id → office id → (actor, index of the role in its
    /// roles), sorted. Built once from `actors`, so a title costs a lookup, not a scan.
    role_index: FxHashMap<String, FxHashMap<String, Vec<(ActorIdx, usize)>>>,
}

impl Gazetteer {
    /// The gazetteer embedded in the binary.
    pub fn embedded() -> Result<Gazetteer, GazetteerError> {
        Self::from_source(&GazetteerSource::embedded())
    }

    /// Loads the gazetteer in directory `dir` (the layout of `gazetteer/`).
    pub fn from_dir(dir: &Path) -> Result<Gazetteer, GazetteerError> {
        Self::from_source(&GazetteerSource::from_dir(dir)?)
    }

    /// Loads and validates a gazetteer; fails with every error found.
    pub fn from_source(source: &GazetteerSource) -> Result<Gazetteer, GazetteerError> {
        let (gaz, problems) = load::load(source);
        if problems.iter().any(|p| p.severity == Severity::Error) {
            return Err(GazetteerError(
                problems
                    .into_iter()
                    .filter(|p| p.severity == Severity::Error)
                    .collect(),
            ));
        }
        Ok(gaz)
    }

    /// Validates a gazetteer and returns every problem and note, sorted by file and line.
    pub fn check(source: &GazetteerSource) -> Vec<Problem> {
        let (gaz, mut problems) = load::load(source);
        problems.extend_from_slice(gaz.notes());
        problems.sort();
        problems
    }

    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    pub fn actor(&self, idx: ActorIdx) -> &Actor {
        &self.actors[idx]
    }

    pub fn actor_by_id(&self, id: &str) -> Option<ActorIdx> {
        self.by_id.get(id).copied()
    }

    pub fn offices(&self) -> &[Office] {
        &self.offices
    }

    /// Every surface form to match, with what it stands for.
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// What the normalised word `word` before a title does to it in `langs`, if anything.
    pub fn title_context(&self, word: &str, langs: LangSet) -> Option<TitleContext> {
        self.contexts
            .iter()
            .find(|(w, l, _)| w == word && l.meets(langs))
            .map(|c| c.2)
    }

    /// True if the normalised `word` is a short name that is also the first part of other
    /// names (`[[name_part]]` in titles.toml).
    pub fn is_name_part(&self, word: &str) -> bool {
        self.name_parts.contains(word)
    }

    /// The abbreviations of `lang` (`sentences.toml`), for the sentence splitter.
    pub fn abbreviations(&self, lang: Lang) -> &FxHashSet<String> {
        &self.abbreviations[match lang {
            Lang::De => 0,
            Lang::En => 1,
        }]
    }

    /// The relation lexicon: kinds, frames, cues, modifiers.
    pub fn lexicon(&self) -> &lexicon::Lexicon {
        &self.lexicon
    }

    /// The grammar of `lang`, if the gazetteer has one.
    pub fn grammar(&self, lang: Lang) -> Option<&grammar::LangGrammar> {
        match lang {
            Lang::De => self.grammar.de.as_ref(),
            Lang::En => None,
        }
    }

    /// The office with id `id`.
    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.iter().find(|o| o.id == id)
    }

    /// Notes on the data: forms that two actors share, with how the matcher resolves them.
    pub fn notes(&self) -> &[Problem] {
        self.notes
            .get_or_init(|| load::shared_forms(&self.actors, &self.forms))
    }

    /// The people who hold `office` of `polity` on some day of `date`, by actor index.
    pub fn holders(&self, polity: &str, office: &str, date: PartialDate) -> Vec<ActorIdx> {
        let mut out: Vec<ActorIdx> = self
            .roles_of(polity, office)
            .iter()
            .filter(|&&(a, r)| self.actors[a].roles[r].overlaps(date))
            .map(|&(a, _)| a)
            .collect();
        out.dedup();
        out
    }

    /// Everyone who ever held `office` of `polity`, by actor index.
    pub fn all_holders(&self, polity: &str, office: &str) -> Vec<ActorIdx> {
        let mut out: Vec<ActorIdx> = self
            .roles_of(polity, office)
            .iter()
            .map(|&(a, _)| a)
            .collect();
        out.dedup();
        out
    }

    /// The roles with `office` of `polity`, as (actor, role) indices in order.
    fn roles_of(&self, polity: &str, office: &str) -> &[(ActorIdx, usize)] {
        self.role_index
            .get(polity)
            .and_then(|offices| offices.get(office))
            .map_or(&[], Vec::as_slice)
    }

    /// Indexes every role of every actor by polity and office (`role_index`).
    fn index_roles(
        actors: &[Actor],
    ) -> FxHashMap<String, FxHashMap<String, Vec<(ActorIdx, usize)>>> {
        let mut index: FxHashMap<String, FxHashMap<String, Vec<(ActorIdx, usize)>>> =
            FxHashMap::default();
        for (a, actor) in actors.iter().enumerate() {
            for (r, role) in actor.roles.iter().enumerate() {
                let offices = index.entry(role.polity.id().to_string()).or_default();
                for office in &role.offices {
                    let roles = offices.entry(office.clone()).or_default();
                    // A role naming its office twice is one role.
                    if roles.last() != Some(&(a, r)) {
                        roles.push((a, r));
                    }
                }
            }
        }
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The role index gives what a scan of every actor's roles gives, for every polity and
    /// office of the embedded gazetteer, on every role's first and last day and in every
    /// year and month around them, and nothing for a polity or office no one holds.
    #[test]
    fn holders_by_index_are_holders_by_scan() {
        let gaz = Gazetteer::embedded().unwrap();
        let scan = |polity: &str, office: &str, date: Option<PartialDate>| -> Vec<ActorIdx> {
            (0..gaz.actors().len())
                .filter(|&i| {
                    gaz.actor(i).roles.iter().any(|r| {
                        r.polity.id() == polity
                            && r.offices.iter().any(|o| o == office)
                            && date.is_none_or(|d| r.overlaps(d))
                    })
                })
                .collect()
        };
        // Each polity and office, with the dates around the starts and ends of its terms.
        let mut pairs: std::collections::BTreeMap<(String, String), Vec<PartialDate>> =
            Default::default();
        for actor in gaz.actors() {
            for role in &actor.roles {
                for office in &role.offices {
                    let dates = pairs
                        .entry((role.polity.id().to_string(), office.clone()))
                        .or_default();
                    for day in [Some(role.from), role.to].into_iter().flatten() {
                        let d = PartialDate::from_day(day);
                        dates.extend([d, PartialDate { day: None, ..d }]);
                        dates.push(PartialDate {
                            day: None,
                            month: None,
                            ..d
                        });
                        let before = PartialDate {
                            year: d.year - 1,
                            month: None,
                            day: None,
                        };
                        dates.push(before);
                    }
                }
            }
        }
        assert!(pairs.len() > 100, "{} polity-office pairs", pairs.len());
        let (mut checked, mut some_now) = (0, 0);
        for ((polity, office), dates) in &pairs {
            let ever = gaz.all_holders(polity, office);
            assert!(!ever.is_empty());
            assert_eq!(ever, scan(polity, office, None), "{polity} {office}");
            for &d in dates {
                let now = gaz.holders(polity, office, d);
                checked += 1;
                some_now += usize::from(!now.is_empty());
                assert_eq!(now, scan(polity, office, Some(d)), "{polity} {office} {d}");
            }
        }
        assert!(
            some_now > pairs.len() && some_now < checked,
            "{some_now} of {checked}"
        );
        assert!(gaz.all_holders("USA", "no such office").is_empty());
        assert!(gaz.all_holders("no such polity", "president").is_empty());
    }

    #[test]
    fn role_days_are_half_open() {
        let role = Role {
            offices: vec!["president".into()],
            polity: Polity::Country("USA".into()),
            from: "2021-01-20".parse().unwrap(),
            to: Some("2025-01-20".parse().unwrap()),
            title: None,
            location: Location::default(),
        };
        assert!(role.holds_on("2021-01-20".parse().unwrap()));
        assert!(role.holds_on("2025-01-19".parse().unwrap()));
        assert!(!role.holds_on("2025-01-20".parse().unwrap()));
        assert!(role.overlaps("2025-01".parse().unwrap()));
        assert!(!role.covers("2025-01".parse().unwrap()));
        assert!(role.covers("2024-12".parse().unwrap()));
    }
}
