//! Geoparsing: where an event happened.
//!
//! - [`Gazetteer`] holds the countries, first-level divisions (ADM1) and populated places of
//!   `data/places/` (GeoNames, CC BY 4.0; places of ≥ 15,000 people with their alternate
//!   names), embedded at build time and loaded once per process ([`builtin`]).
//! - [`DocumentPlaces::analyze`] finds the place mentions of a document over the tokens the
//!   actor recognizer made: toponyms after locative prepositions ("in Hanoi", "near Kharkiv",
//!   "a village near X in Y"), with a compass adjective ("southern Lebanon"), qualified
//!   ("Paris, Texas") and the dateline ("MOSCOW, April 13 -"). A name is a place only in such a
//!   context, so a capital standing for its government ("Moscow said") stays an actor.
//!   Ambiguous names are resolved by qualifiers, the other places of the sentence, the countries
//!   of the sentence's and the document's actors, and population.
//! - [`DocumentPlaces::locate`] gives an event its [`Location`]: the sentence's place
//!   (`locative`), else the dateline's (`dateline`), else the place of a readout's opening
//!   meeting sentence (`venue`), else its actors' country (`actor`).
//!
//! ```
//! use demarche_geo::{builtin, DocumentPlaces};
//! let kb = demarche_actors::KnowledgeBase::builtin().unwrap();
//! let text = "Lavrov held talks with Mirzoyan in Moscow.";
//! let sentences = demarche_segment::segment(text, None);
//! let actors = demarche_actors::analyze(&kb, text, &sentences, None);
//! let places = DocumentPlaces::analyze(builtin().unwrap(), text, &sentences, &actors);
//! let loc = places.locate(0, "RUS", "ARM");
//! assert_eq!(loc.place.as_deref(), Some("Moscow"));
//! assert_eq!(loc.place_country.as_deref(), Some("RUS"));
//! assert_eq!(loc.geo_source, Some("locative"));
//! ```

mod cues;
mod gazetteer;
mod locate;

pub use cues::Cues;
pub use gazetteer::{name_key, Gazetteer, KeyHasher, Place, PlaceId, PlaceKind, Places};
pub use locate::{DocumentPlaces, Location, PlaceMention, Venue};

use std::sync::OnceLock;

/// Errors loading a gazetteer.
#[derive(Debug, Clone, thiserror::Error)]
pub enum GeoError {
    /// A gazetteer line is malformed.
    #[error("{file}:{line}: {message}")]
    Parse {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What was wrong.
        message: String,
    },
}

/// The built-in gazetteer, loaded on first use and shared by every thread.
pub fn builtin() -> Result<&'static Gazetteer, GeoError> {
    static GAZETTEER: OnceLock<Result<Gazetteer, GeoError>> = OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::builtin).as_ref().map_err(Clone::clone)
}

/// Great-circle distance in kilometres between two points (degrees).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests;
