//! Runs a PETRARCH validation file: codes each record with the options in force at that point
//! and compares the multiset of (source, target, code) triples with the expected ones.
//!
//! `noevents` records pass when nothing is coded; `error="X"` records pass only when that
//! refusal (`dateline`, `bad_input_parse`) or discard (`storydiscard`, `sentencediscard`)
//! happens. Records with `sentence="false"` or a category outside `<Include>` are skipped.

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use crate::records::{Item, Record, RecordFile};
use crate::{Dictionaries, DiscardScope, Mode, Options, Outcome};
use serde::Serialize;

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
pub fn included(file: &RecordFile, r: &Record) -> bool {
    let inc = &file.environment.include;
    r.sentence && (inc.is_empty() || inc.iter().any(|c| c == &r.category))
}

/// Runs every record of `file`, starting from `base` options (the file's `<Config>`s apply on
/// top, in order).
pub fn run(dicts: &Dictionaries, file: &RecordFile, mode: Mode, base: &Options) -> Report {
    let mut opts = base.clone();
    let mut report = Report { mode: format!("{mode:?}").to_ascii_lowercase(), passed: 0, failed: 0, skipped: 0, records: Vec::new() };
    for item in &file.items {
        let r = match item {
            Item::Config { option, value, .. } => {
                // unknown values are reported by `check_configs`; here they leave the option as is
                let _ = opts.set(option, value);
                continue;
            }
            Item::Record(r) => r,
        };
        if !included(file, r) {
            report.skipped += 1;
            continue;
        }
        let outcome = dicts.code(&r.text, r.parse.as_deref(), r.date, mode, &opts);
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
            report.passed += 1;
        } else {
            report.failed += 1;
        }
        report.records.push(RecordResult { id: r.id.clone(), category: r.category.clone(), expected, got, pass, line: r.line });
    }
    report
}

/// Checks the file's `<Config>` values, returning `line: message` for each bad one.
pub fn check_configs(file: &RecordFile) -> Vec<String> {
    let mut o = Options::default();
    file.items
        .iter()
        .filter_map(|i| match i {
            Item::Config { option, value, line } => o.set(option, value).err().map(|m| format!("line {line}: {m}")),
            Item::Record(_) => None,
        })
        .collect()
}
