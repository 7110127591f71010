//! The shared vocabulary of demarche.
//!
//! Every stage of the pipeline (documents → segment → actors → events → store) speaks in the
//! types defined here and nowhere else:
//!
//! - [`Span`]: a half-open byte range into a document's text. Every object demarche produces
//!   points back into the text it came from through a span and a 1-based line number.
//! - [`Section`]: the provenance label of a sentence (official record, question, reporting,
//!   boilerplate ...).
//! - [`CameoTable`] / [`CameoEntry`]: the CAMEO event codes with their Goldstein weights,
//!   QuadClass and PLOVER mapping, loaded from `data/cameo/events.tsv` embedded at build time.
//! - [`DatePrecision`] and the small date helpers in [`dates`]; wire-service datelines
//!   (`MOSCOW, April 13 (Reuters) -`) in [`dateline`].
//!
//! This crate does no I/O beyond parsing text it is handed.
//!
//! ```
//! use demarche_core::{CameoTable, Section};
//! let table = CameoTable::builtin();
//! let visit = table.get("042").unwrap();
//! assert_eq!(visit.goldstein, 1.9);
//! assert_eq!(visit.quad_class, 1);
//! assert!(Section::Answer.is_official());
//! ```

pub mod abbreviations;
mod cameo;
pub mod corpus;
pub mod dateline;
pub mod dates;
pub mod petrarch_xml;
mod section;
mod span;

pub use cameo::{CameoEntry, CameoTable};
pub use dates::DatePrecision;
pub use section::Section;
pub use span::{LineIndex, Span};

/// Errors raised while loading the shared tables.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// A data file line could not be parsed.
    #[error("{file}:{line}: {message}")]
    Table {
        /// File name (or `<builtin>` for the embedded copy).
        file: String,
        /// 1-based line.
        line: usize,
        /// What was expected.
        message: String,
    },
}
