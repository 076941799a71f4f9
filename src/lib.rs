//! # geokg
//!
//! A knowledge-graph builder for geopolitical relations in German and English news. The data
//! flows through one module per stage:
//!
//! - [`input`]: documents from files, JSONL, directories or standard input;
//! - [`text`]: normalisation for matching (with offsets back into the original) and language;
//! - [`date`]: dates and the document date found in a text's opening lines;
//! - [`gazetteer`]: the actors, names, dated roles and titles, loaded and validated;
//! - [`mentions`]: every state, person and organisation a document names, resolved;
//! - [`output`]: files written atomically.
//!
//! ```
//! use geokg::{gazetteer::Gazetteer, input::Document, mentions::{find_mentions, Matcher}};
//!
//! let gaz = Gazetteer::embedded().expect("the embedded gazetteer is valid");
//! let matcher = Matcher::new(&gaz);
//! let doc = Document::new("x", "27. August 2025 – Kremlchef Putin traf Kim Jong Un in Pjöngjang.");
//! let found = find_mentions(&gaz, &matcher, &doc, None);
//! for m in &found.mentions {
//!     let actor = m.actor.map(|a| gaz.actor(a).id.as_str()).unwrap_or("?");
//!     println!("{} {} via {}", &doc.text[m.start..m.end], actor, m.via);
//! }
//! ```

pub mod commands;
pub mod date;
pub mod eval;
pub mod export;
pub mod gazetteer;
pub mod graph;
pub mod input;
pub mod mentions;
pub mod output;
pub mod pipeline;
pub mod query;
pub mod relations;
pub mod text;
