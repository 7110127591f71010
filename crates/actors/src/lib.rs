//! Actors: who speaks and who is acted upon, as CAMEO actor codes valid on the document's date.
//!
//! - [`KnowledgeBase`] holds the countries, organisations, seats of power, agents, people and
//!   groups of `data/actors/` (embedded at build time, extended or replaced at run time), each
//!   with the dates its codes are in force.
//! - [`analyze`] recognises and resolves the mentions of a segmented document: dictionary
//!   matching over normalised tokens (longest match first), composition of agents with countries
//!   and people, coordination, and pronouns resolved from the speaker and recent mentions.
//! - [`tokenize`] is the tokenizer event coding shares.
//!
//! ```
//! use demarche_actors::{analyze, KnowledgeBase};
//! use demarche_segment::segment;
//! let kb = KnowledgeBase::builtin().unwrap();
//! let text = "Armenia’s FM Ararat Mirzoyan met the Russian ambassador in Yerevan.";
//! let sentences = segment(text, None);
//! let date = demarche_core::dates::parse_date("2025-01-22");
//! let found = analyze(&kb, text, &sentences, date);
//! let codes: Vec<&str> = found[0].mentions.iter().map(|m| m.code.as_str()).collect();
//! assert_eq!(codes, ["ARMGOV", "RUSGOV"]); // "in Yerevan" is a place, not Armenia's government
//! ```

mod compiled;

/// The built-in actor files, (path under the repository, contents): every `.tsv` file under
/// `data/actors/`, listed by build.rs.
pub(crate) const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_actors.rs"));
/// The same files parsed and indexed at build time (see `compiled`).
pub(crate) const COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/actors.kb"));
mod error;
mod kb;
mod matcher;
mod principals;
mod recognize;
mod tokens;
mod voice;
mod word_lists;

pub use error::ActorError;
pub use kb::{is_international, Entity, EntityId, EntityKind, KnowledgeBase, Membership, Tenure};
pub use recognize::{analyze, analyze_with, document_mentions, pronoun_of, split_code, Mention, MentionKind, SentenceActors};
pub use tokens::{tokenize, tokenize_phrase, Case, Token};
pub use voice::label_mentions;
