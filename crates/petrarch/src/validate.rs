//! Runs a PETRARCH validation file: codes each record with the options in force at that point
//! and compares the multiset of (source, target, code) triples with the expected ones.
//!
//! `noevents` records pass when nothing is coded; `error="X"` records pass only when that
//! refusal (`dateline`, `bad_input_parse`) or discard (`storydiscard`, `sentencediscard`)
//! happens. Records with `sentence="false"` or a category outside `<Include>` are skipped. Text
//! mode codes the sentence the record's parse holds ([`text_mode_text`]).

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use crate::records::{Environment, Item, Record, RecordFile};
use crate::tree::Tree;
use crate::{Dictionaries, DiscardScope, Mode, Options, Outcome};
use serde::Serialize;
use std::borrow::Cow;

/// The result of one record.
#[derive(Debug, Clone, Serialize)]
pub struct RecordResult {
    /// Record id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// Expected triples as `SOURCE TARGET CODE` (or `noevents`, `error:X`).
    pub expected: Vec<String>,
    /// What was coded, same form.
    pub got: Vec<String>,
    /// Whether it passed.
    pub pass: bool,
    /// The record's line in the file.
    pub line: usize,
}

/// The whole run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Mode used.
    pub mode: String,
    /// Records that passed.
    pub passed: usize,
    /// Records that failed.
    pub failed: usize,
    /// Records skipped (`sentence="false"` or not included).
    pub skipped: usize,
    /// Per-record results.
    pub records: Vec<RecordResult>,
}

fn triple(s: &str, t: &str, c: &str) -> String {
    format!("{s} {t} {c}")
}

fn outcome_kind(o: &Outcome) -> Option<String> {
    match o {
        Outcome::Events(_) => None,
        Outcome::Discarded { scope: DiscardScope::Story, .. } => Some("storydiscard".into()),
        Outcome::Discarded { scope: DiscardScope::Sentence, .. } => Some("sentencediscard".into()),
        Outcome::Refused { kind, .. } => Some(kind.clone()),
    }
}

/// Whether a record is run (sentence="true" and its category included).
pub fn included(env: &Environment, r: &Record) -> bool {
    let inc = &env.include;
    r.sentence && (inc.is_empty() || inc.iter().any(|c| c == &r.category))
}

/// The text that text mode codes for record `r`, or why the record has no known sentence.
///
/// PETRARCH codes a record's `<Parse>`: the expected events are its coding of the parse's words,
/// and `<Text>` is a copy for people. In a few records of PETRARCH's suite the copy was edited
/// without the parse ("government" for the parse's "Congressmen", a name respelled, a clause
/// added or dropped), so coding the copy would be judged against the coding of another sentence.
/// Text mode therefore reads `<Text>` when it spells the parse's words (letters and digits
/// compared, case and tokenisation aside: "didn't" spells `did n't`), else the sentence of the
/// parse's words (`Tree::sentence`); either way demarche analyses raw text, without the parse's
/// structure. A record whose parse cannot be read has no known sentence, and is refused as in
/// tree mode (`bad_input_parse`, the message naming the fault).
pub fn text_mode_text(r: &Record) -> Result<Cow<'_, str>, String> {
    let Some(parse) = r.parse.as_deref() else {
        return Ok(Cow::Borrowed(&r.text));
    };
    let tree = Tree::parse(parse).map_err(|e| format!("parse {e}"))?;
    let sentence = tree.sentence();
    let spelling = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect::<String>();
    Ok(if spelling(&r.text) == spelling(&sentence) { Cow::Borrowed(&r.text) } else { Cow::Owned(sentence) })
}

/// A validation run fed one item at a time (a file read as a stream: [`crate::records::Records`]).
pub struct Run<'a> {
    dicts: &'a Dictionaries,
    include: Vec<String>,
    mode: Mode,
    opts: Options,
    /// Records that passed.
    pub passed: usize,
    /// Records that failed.
    pub failed: usize,
    /// Records skipped (`sentence="false"` or not included).
    pub skipped: usize,
}

impl<'a> Run<'a> {
    /// A run of the file whose environment is `env`, starting from `base` options.
    pub fn new(dicts: &'a Dictionaries, env: &Environment, mode: Mode, base: &Options) -> Run<'a> {
        Run { dicts, include: env.include.clone(), mode, opts: base.clone(), passed: 0, failed: 0, skipped: 0 }
    }

    /// The mode's name, as reports print it.
    pub fn mode_name(&self) -> String {
        format!("{:?}", self.mode).to_ascii_lowercase()
    }

    /// Takes the next item of the file: a `<Config>` changes the options of every later
    /// record; a record is coded and judged (`None` when it is skipped).
    pub fn item(&mut self, item: &Item) -> Option<RecordResult> {
        let r = match item {
            Item::Config { option, value, .. } => {
                // unknown values are reported by `check_config`; here they leave the option as is
                let _ = self.opts.set(option, value);
                return None;
            }
            Item::Record(r) => r,
        };
        if !(r.sentence && (self.include.is_empty() || self.include.iter().any(|c| c == &r.category))) {
            self.skipped += 1;
            return None;
        }
        let (dicts, mode, opts) = (self.dicts, self.mode, &self.opts);
        let outcome = match mode {
            Mode::Tree => dicts.code(&r.text, r.parse.as_deref(), r.date, mode, opts),
            Mode::Text => match text_mode_text(r) {
                Ok(text) => dicts.code(&text, r.parse.as_deref(), r.date, mode, opts),
                Err(message) => Outcome::Refused { kind: "bad_input_parse".into(), message },
            },
        };
        let mut got: Vec<String> = outcome.events().iter().map(|e| triple(&e.source, &e.target, &e.code)).collect();
        if let Some(kind) = outcome_kind(&outcome) {
            got = vec![format!("error:{kind}")];
        }
        let (expected, pass) = if let Some(err) = &r.expected.error {
            (vec![format!("error:{err}")], outcome_kind(&outcome).as_deref() == Some(err.as_str()))
        } else {
            let mut want: Vec<String> = r.expected.events.iter().map(|(s, t, c)| triple(s, t, c)).collect();
            let mut have = got.clone();
            want.sort();
            have.sort();
            let pass = outcome_kind(&outcome).is_none() && want == have;
            (if r.expected.noevents || want.is_empty() { vec!["noevents".to_string()] } else { want }, pass)
        };
        if pass {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
        Some(RecordResult { id: r.id.clone(), category: r.category.clone(), expected, got, pass, line: r.line })
    }
}

/// Runs every record of `file`, starting from `base` options (the file's `<Config>`s apply on
/// top, in order).
pub fn run(dicts: &Dictionaries, file: &RecordFile, mode: Mode, base: &Options) -> Report {
    let mut run = Run::new(dicts, &file.environment, mode, base);
    let records = file.items.iter().filter_map(|item| run.item(item)).collect();
    Report { mode: run.mode_name(), passed: run.passed, failed: run.failed, skipped: run.skipped, records }
}

/// Checks a `<Config>` value: `line N: message` when it is bad, `None` for a good value or
/// an item that is not a `<Config>`.
pub fn check_config(item: &Item) -> Option<String> {
    match item {
        Item::Config { option, value, line } => Options::default().set(option, value).err().map(|m| format!("line {line}: {m}")),
        Item::Record(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str, parse: Option<&str>) -> Record {
        Record { text: text.into(), parse: parse.map(str::to_string), ..Record::default() }
    }

    #[test]
    fn text_mode_codes_the_sentence_of_the_parse() {
        let parse = "(ROOT (S (NP (NNP Gondor)) (VP (VBD did) (RB n't) (VP (VB attack))) (. .)))";
        // the text spells the parse's words: read as written
        let same = record("Gondor  didn't attack.", Some(parse));
        assert!(matches!(text_mode_text(&same), Ok(Cow::Borrowed("Gondor  didn't attack."))));
        // the text spells another sentence: the parse's words, as text
        let edited = record("Arnor didn't attack.", Some(parse));
        assert_eq!(text_mode_text(&edited).unwrap(), "Gondor didn't attack.");
        // no parse: the text
        assert_eq!(text_mode_text(&record("Arnor attacked.", None)).unwrap(), "Arnor attacked.");
        // a parse that cannot be read: no sentence
        let bad = record("Gondor attacked.", Some("(ROOT (S (NP (NNP Gondor))"));
        assert!(text_mode_text(&bad).unwrap_err().starts_with("parse "));
    }
}
