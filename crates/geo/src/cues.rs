//! The words that make a gazetteer name a place mention: `data/places/cues.tsv` (one word a line
//! with its class and source), embedded at build time and read with the gazetteer.

use crate::GeoError;

const CUES: &str = include_str!("../../../data/places/cues.tsv");

/// The cue words, by class (see the header of `data/places/cues.tsv`).
#[derive(Debug, Default, Clone)]
pub struct Cues {
    /// "in", "at", "near" ...: a name right after one is a place.
    pub locative: Vec<&'static str>,
    /// "the city of NAME".
    pub of_head: Vec<&'static str>,
    /// "a visit to NAME".
    pub visit: Vec<&'static str>,
    /// "southern Lebanon".
    pub compass: Vec<&'static str>,
    /// "the Donetsk region".
    pub division: Vec<&'static str>,
    /// Names that alone are almost never places.
    pub not_place: Vec<&'static str>,
    /// Lower-case words inside place names.
    pub connective: Vec<&'static str>,
    /// "the war in NAME": the place of the noun, not of the clause.
    pub topic: Vec<&'static str>,
    /// "met ... in NAME" in a document's opening sentence: the document's venue.
    pub meeting: Vec<&'static str>,
    /// "the capital of my country, NAME".
    pub apposition: Vec<&'static str>,
    /// "the NAME summit".
    pub event_noun: Vec<&'static str>,
    /// "during the NAME summit", "on the sidelines of the NAME summit".
    pub event_frame: Vec<&'static str>,
}

impl Cues {
    /// The built-in cue words.
    pub fn builtin() -> Result<Cues, GeoError> {
        Cues::parse("cues.tsv", CUES)
    }

    /// Read a cue file: `class word source`, `#` comments, a header line first.
    pub fn parse(file: &str, text: &'static str) -> Result<Cues, GeoError> {
        let mut c = Cues::default();
        let lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()).skip(1);
        for (i, l) in lines {
            let err = |message: String| GeoError::Parse { file: file.into(), line: i + 1, message };
            let cols: Vec<&'static str> = l.split('\t').collect();
            if cols.len() != 3 || cols[1].is_empty() {
                return Err(err(format!("{} columns, expected class, word, source", cols.len())));
            }
            let list = match cols[0] {
                "locative" => &mut c.locative,
                "of_head" => &mut c.of_head,
                "visit" => &mut c.visit,
                "compass" => &mut c.compass,
                "division" => &mut c.division,
                "not_place" => &mut c.not_place,
                "connective" => &mut c.connective,
                "topic" => &mut c.topic,
                "meeting" => &mut c.meeting,
                "apposition" => &mut c.apposition,
                "event_noun" => &mut c.event_noun,
                "event_frame" => &mut c.event_frame,
                other => return Err(err(format!("unknown class {other:?}"))),
            };
            list.push(cols[1]);
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_builtin_cues() {
        let c = Cues::builtin().expect("cues");
        assert!(c.locative.contains(&"in") && c.of_head.contains(&"city") && c.topic.contains(&"war"));
        assert!(c.connective.contains(&"-") && c.meeting.contains(&"met"));
    }

    #[test]
    fn rejects_bad_lines() {
        let e = Cues::parse("x.tsv", "class\tword\tsource\nlocative\tin\n").unwrap_err();
        assert!(e.to_string().starts_with("x.tsv:2:"), "{e}");
        let e = Cues::parse("x.tsv", "class\tword\tsource\nplace\tin\tQuirk\n").unwrap_err();
        assert!(e.to_string().contains("unknown class"), "{e}");
    }
}
