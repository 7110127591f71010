//! The document's principal parties: who "the leaders", "the two sides", "both countries" and,
//! in a readout or joint statement, "they" are.
//!
//! A readout ("Readout of President Biden's Call with Prime Minister Kishida of Japan"), a joint
//! statement or a bilateral press conference is about two (or a few) parties, named in its title
//! (the signatories of a joint statement, else the states and people the title names) or, when the
//! title names fewer than two, in its first sentence. Plural references to the parties as a whole
//! stand for each of them: one mention per party, joined as a compound, so that the coder gives
//! one event per party ("the two leaders reaffirmed their support for Ukraine": USA→UKR and
//! JPN→UKR) or a symmetric event between them ("the leaders discussed ...").
//!
//! Titles and signatories come from [`Voices`]; this module only decides which words refer to the
//! parties.

use crate::kb::{is_international, KnowledgeBase};
#[cfg(test)]
use crate::tokens::tokenize;
use crate::tokens::Token;
use crate::voice::{states_named, Voices};
use chrono::NaiveDate;
use demarche_segment::{Context, Sentence};
use std::ops::Range;

/// The principal parties of a document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Principals {
    /// States (3 letters) or international actors, in the order the title names them.
    pub parties: Vec<String>,
    /// True for texts written in the third person about the parties (readouts, joint
    /// statements): there "the leaders" and "they" are the parties.
    pub third_person: bool,
    /// The organisation an authored speech with no principal parties is delivered to: the
    /// first international body its opening names ("I congratulate you, Sir, on your election
    /// to the presidency of the General Assembly"). Its chair is the one a title addressed
    /// ("Mr. President") and "you" stand for.
    pub assembly: Option<String>,
}

/// How many of a speech's first sentences are read for the body it is delivered to.
const OPENING_SENTENCES: usize = 8;

/// The nouns of `data/actors/party-nouns.txt`, by class: after a number or "both", alone after
/// "the"/"our" in a third-person text, opening a sentence.
#[derive(Default)]
struct PartyNouns {
    counted: Vec<String>,
    collective: Vec<String>,
    opening: Vec<String>,
}

fn party_nouns() -> &'static PartyNouns {
    static NOUNS: std::sync::OnceLock<PartyNouns> = std::sync::OnceLock::new();
    NOUNS.get_or_init(|| {
        let mut n = PartyNouns::default();
        for e in crate::word_lists::entries(include_str!("../../../data/actors/party-nouns.txt")) {
            match e.class {
                "counted" => n.counted.push(e.phrase),
                "collective" => n.collective.push(e.phrase),
                "opening" => n.opening.push(e.phrase),
                _ => {}
            }
        }
        n
    })
}

fn is_in(words: &[String], w: &str) -> bool {
    words.iter().any(|x| x == w)
}

/// A title without the venue it ends with: after " | " ("... in Joint Press Conference |
/// Singapore, Singapore") or "en route" / "aboard" ("Press Gaggle by ... En Route Brindisi,
/// Italy"). The state of a venue is where the words were said, not a party to them.
fn without_venue(title: &str) -> &str {
    let lower = title.to_ascii_lowercase();
    let cut = [" | ", " en route", " aboard "].iter().filter_map(|m| lower.find(m)).min();
    cut.map_or(title, |i| &title[..i])
}

impl Principals {
    pub(crate) fn new(
        kb: &KnowledgeBase,
        ctx: &Context,
        text: &str,
        sentences: &[Sentence],
        date: Option<NaiveDate>,
        voices: &Voices,
    ) -> Principals {
        let title = ctx.title.unwrap_or("");
        let lower = title.to_lowercase();
        let third_person = voices.signatories.len() >= 2
            || [
                "readout",
                "joint statement",
                "joint declaration",
                "joint communiqu",
                "phone call between",
                "call between",
                "leaders' statement",
                "leaders’ statement",
            ]
            .iter()
            .any(|k| lower.contains(k));
        let mut parties =
            if voices.signatories.len() >= 2 { voices.signatories.clone() } else { states_named(kb, without_venue(title), date) };
        let authored = ctx.title.is_none_or(|_| voices.author_country.is_some())
            && !sentences.iter().any(|s| s.speaker.is_some())
            && sentences.iter().any(|s| s.section == demarche_core::Section::Statement);
        if parties.len() < 2 {
            // The first sentence of the body names the parties ("President Biden met today with
            // President Macron").
            if let Some(s) = sentences.iter().find(|s| s.section.is_official() || matches!(s.section, demarche_core::Section::Narrative)) {
                let found = states_named(kb, s.span.slice(text), date);
                if found.len() >= 2 && !(authored && addresses_a_body(&found, voices.author_country.as_deref())) {
                    parties = found;
                }
            }
        }
        // An organisation and its officer are one party ("NATO Secretary General Stoltenberg").
        let mut seen_international = false;
        parties.retain(|p| {
            if is_international(p) {
                let keep = !seen_international;
                seen_international = true;
                keep
            } else {
                true
            }
        });
        if parties.len() < 2 {
            parties.clear();
        }
        let assembly = if parties.is_empty() && authored {
            sentences
                .iter()
                .filter(|s| s.section.is_official() || s.section == demarche_core::Section::Narrative)
                .take(OPENING_SENTENCES)
                .find_map(|s| states_named(kb, s.span.slice(text), date).into_iter().find(|c| is_international(c)))
        } else {
            None
        };
        Principals { parties, third_person, assembly }
    }

    /// Token ranges of the phrases of one sentence that stand for the parties: "the (two)
    /// leaders", "both sides", "our two countries" ("the leaders" and "our countries" only in
    /// third-person texts; "two" and "both" only when there are two parties). `unlabelled` is
    /// true for text no labelled speaker speaks.
    pub(crate) fn phrases(&self, toks: &[Token], unlabelled: bool) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        if self.parties.len() < 2 {
            return out;
        }
        let two = self.parties.len() == 2;
        let w = |i: usize| toks.get(i).map(|t| t.norm.as_str()).unwrap_or("");
        let mut i = 0;
        while i < toks.len() {
            let start = i;
            // "Leaders welcomed ...": the noun alone opening a sentence of a third-person text,
            // a verb after it, is the parties as "the leaders" is.
            if i == 0
                && is_in(&party_nouns().opening, w(0))
                && self.third_person
                && unlabelled
                && toks.get(1).is_some_and(|t| t.is_word && t.case == crate::tokens::Case::Lower && t.norm != "of")
            {
                out.push(0..1);
                i = 1;
                continue;
            }
            let (det, mut k) = match w(i) {
                "the" => ("the", i + 1),
                "both" if w(i + 1) == "our" => ("both our", i + 2),
                "both" => ("both", i + 1),
                "our" => ("our", i + 1),
                _ => {
                    i += 1;
                    continue;
                }
            };
            let mut counted = false;
            if matches!(w(k), "two" | "both") {
                counted = true;
                k += 1;
            }
            // "prime ministers", "heads of state"
            let noun_len = if w(k) == "prime" && w(k + 1) == "ministers" {
                2
            } else if w(k) == "heads" && w(k + 1) == "of" && matches!(w(k + 2), "state" | "government") {
                3
            } else if is_in(&party_nouns().counted, w(k)) {
                1
            } else {
                0
            };
            if noun_len == 0 {
                if counted && det == "the" && two && unlabelled && self.third_person && the_two_alone(toks, start, k) {
                    out.push(start..k);
                    i = k;
                } else {
                    i += 1;
                }
                continue;
            }
            let end = k + noun_len;
            let noun = w(k);
            let ok = if counted || det.starts_with("both") {
                // "the two leaders", "both sides", "both our countries", "our two countries".
                two && (det != "our" || unlabelled)
            } else {
                // "the leaders", "our countries", "the Ministers", "the Parties" (capitalised, the
                // signatories' word in agreements and statements: "the parties to the conflict" are
                // others): the parties only in a third-person text, and not "the leaders of the G7"
                // or "the states parties".
                self.third_person
                    && unlabelled
                    && (is_in(&party_nouns().collective, noun) || noun == "parties" && toks[k].case != crate::tokens::Case::Lower)
                    && w(end) != "of"
                    && !toks.get(end).is_some_and(|t| t.is_word && t.case != crate::tokens::Case::Lower)
            };
            if ok {
                out.push(start..end);
                i = end;
            } else {
                i += 1;
            }
        }
        out
    }
}

/// An authored speech whose opening names only its own state and international bodies ("I
/// have the honour to speak on behalf of the people of Tuvalu ... to this session of the General
/// Assembly") is addressed to that body: the speaker is no party to a meeting with it, and the
/// body's chair is the one "you" and "Mr. President" stand for.
fn addresses_a_body(found: &[String], author: Option<&str>) -> bool {
    let Some(own) = author else { return false };
    found.iter().any(|c| is_international(c)) && found.iter().all(|c| is_international(c) || c.as_str() == own)
}

/// "The two also discussed ...", "..., and the two agreed to ...": "the two" with no noun is the
/// subject of a readout's sentence when it opens the sentence or a clause (after a comma or
/// "and") and a lower-case word follows it (its verb or an adverb), not a number ("the two 2023
/// summits"), an adjective ("the two main issues") or a name: a verb in the past, an adverb in
/// -ly, or one of the few auxiliaries and adverbs a readout puts there.
fn the_two_alone(toks: &[Token], start: usize, next: usize) -> bool {
    let opens = start == 0 || matches!(toks[start - 1].norm.as_str(), "," | "and" | ";");
    let verbal = |w: &str| {
        w.ends_with("ed")
            || w.ends_with("ly")
            || matches!(w, "also" | "then" | "further" | "will" | "would" | "have" | "had" | "met" | "spoke" | "are" | "were")
    };
    opens && toks.get(next).is_some_and(|t| t.is_word && t.case == crate::tokens::Case::Lower && verbal(&t.norm))
}

/// The parties a title or first sentence names (for tests).
#[cfg(test)]
fn parties_of(kb: &KnowledgeBase, title: &str, body: &str, date: Option<NaiveDate>) -> Vec<String> {
    let ctx = Context { title: Some(title), ..Context::default() };
    let sentences = demarche_segment::segment_document(body, &ctx).sentences;
    let voices = Voices::new(kb, &ctx, date);
    Principals::new(kb, &ctx, body, &sentences, date, &voices).parties
}

#[cfg(test)]
fn tokens_of(text: &str) -> Vec<Token> {
    tokenize(text, demarche_core::Span::new(0, text.len()))
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_venue_in_the_title_is_no_party() {
        assert_eq!(
            without_venue("Press Gaggle by Press Secretary A and National Security Advisor B En Route Brindisi, Italy"),
            "Press Gaggle by Press Secretary A and National Security Advisor B"
        );
        assert_eq!(
            without_venue(
                "Remarks by Vice President Harris and Prime Minister Lee of Singapore in Joint Press Conference | Singapore, Singapore"
            ),
            "Remarks by Vice President Harris and Prime Minister Lee of Singapore in Joint Press Conference"
        );
        assert_eq!(
            without_venue("Readout of President Biden's Call with President Macron of France"),
            "Readout of President Biden's Call with President Macron of France"
        );
    }

    use super::*;
    use demarche_core::dates::parse_date;

    #[test]
    fn parties_come_from_the_title() {
        let kb = KnowledgeBase::builtin().expect("kb");
        let date = parse_date("2021-01-27");
        let p = parties_of(
            &kb,
            "Readout of President Joseph R. Biden, Jr. Call with Prime Minister Yoshihide Suga of Japan",
            "They spoke.",
            date,
        );
        assert_eq!(p, ["USA", "JPN"]);
    }

    #[test]
    fn parties_come_from_the_first_sentence_without_a_title() {
        let kb = KnowledgeBase::builtin().expect("kb");
        let date = parse_date("2022-09-21");
        let p = parties_of(
            &kb,
            "Readout",
            "President Joe Biden met today with President Emmanuel Macron of France. The two leaders spoke.",
            date,
        );
        assert_eq!(p, ["USA", "FRA"]);
    }

    #[test]
    fn a_speech_naming_its_own_state_and_the_assembly_addresses_the_assembly() {
        assert!(addresses_a_body(&["TUV".into(), "IGOUNO".into()], Some("TUV")));
        assert!(!addresses_a_body(&["TUV".into(), "IGOUNO".into()], None));
        assert!(!addresses_a_body(&["TUV".into(), "FJI".into(), "IGOUNO".into()], Some("TUV")));
        assert!(!addresses_a_body(&["USA".into(), "FRA".into()], Some("USA")));
        let kb = KnowledgeBase::builtin().expect("kb");
        let date = parse_date("2004-09-25");
        let body = "I have the greatest honour to speak on behalf of the people of Tuvalu, who wish me to convey their warmest greetings to this session of the General Assembly. We also extend our sincere congratulations to you, Mr. President, on your election.";
        let ctx = Context { author_country: Some("TUV"), ..Context::default() };
        let sentences = demarche_segment::segment_document(body, &ctx).sentences;
        let mut voices = Voices::new(&kb, &ctx, date);
        voices.find_speech_author(&kb, body, &sentences, date);
        let p = Principals::new(&kb, &ctx, body, &sentences, date, &voices);
        assert!(p.parties.is_empty(), "{:?}", p.parties);
        assert_eq!(p.assembly.as_deref(), Some("IGOUNO"));
    }

    #[test]
    fn plural_references_to_the_parties() {
        let p = Principals { parties: vec!["USA".into(), "JPN".into()], third_person: true, assembly: None };
        let toks = tokens_of("The two leaders and both sides met; the leaders of the G7 spoke; the leaders discussed it.");
        let found: Vec<String> =
            p.phrases(&toks, true).into_iter().map(|r| toks[r].iter().map(|t| t.norm.clone()).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(found, ["the two leaders", "both sides", "the leaders"]);
        let toks = tokens_of("The two also discussed trade, and the two agreed to meet; the two main issues remain.");
        let found: Vec<String> =
            p.phrases(&toks, true).into_iter().map(|r| toks[r].iter().map(|t| t.norm.clone()).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(found, ["the two", "the two"]);
        // The signatories' own words of agreements and ministerial statements; lower-case
        // "parties" are others' ("the parties to the conflict").
        let toks = tokens_of("The Parties agreed; the Ministers met; the parties to the conflict must stop.");
        let found: Vec<String> =
            p.phrases(&toks, true).into_iter().map(|r| toks[r].iter().map(|t| t.norm.clone()).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(found, ["the parties", "the ministers"]);
        let toks = tokens_of("Leaders welcomed the launch of the leaders of the G7 Summit.");
        let found: Vec<String> =
            p.phrases(&toks, true).into_iter().map(|r| toks[r].iter().map(|t| t.norm.clone()).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(found, ["leaders"]);
        assert!(p.phrases(&tokens_of("Leaders of the G7 met."), true).is_empty());
        let three = Principals { parties: vec!["USA".into(), "JPN".into(), "KOR".into()], third_person: false, assembly: None };
        assert!(three.phrases(&tokens_of("the two countries"), true).is_empty());
    }
}
