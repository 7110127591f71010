//! Abbreviations that end with a full stop without ending a sentence ("Mr.", "Sept.", "art.",
//! "Inc."): the list of `data/text/abbreviations.txt`, embedded at build time.
//!
//! The segmenter asks it whether a wrapped line that ends with a full stop ends a sentence, and
//! PETRARCH's text mode whether a word keeps its full stop. (The parser's tokeniser, which
//! depends on no crate of ours, reads the same file.)

use std::collections::HashSet;
use std::sync::OnceLock;

const ABBREVIATIONS_TXT: &str = include_str!("../../../data/text/abbreviations.txt");

/// True when `word` (any case, with or without its final full stop) is a listed abbreviation.
///
/// ```
/// assert!(demarche_core::abbreviations::is_abbreviation("Mr."));
/// assert!(demarche_core::abbreviations::is_abbreviation("sept"));
/// assert!(!demarche_core::abbreviations::is_abbreviation("met."));
/// ```
pub fn is_abbreviation(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| ABBREVIATIONS_TXT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect());
    let stem = word.strip_suffix('.').unwrap_or(word);
    if stem.bytes().any(|b| b.is_ascii_uppercase()) {
        set.contains(stem.to_ascii_lowercase().as_str())
    } else {
        set.contains(stem)
    }
}
