//! TABARI/PETRARCH dictionaries and coding for demarche.
//!
//! Event-data users hold decades of curated dictionaries in the TABARI/PETRARCH formats: the
//! CAMEO verb dictionary (`CAMEO.2.0.txt`: patterns in verb blocks, synsets, transformations),
//! the Phoenix actor and agent dictionaries (date-restricted codes, `~` agent composition), and
//! discard and issue lists. This crate reads them ([`Dictionaries::load`]) and codes sentences
//! with them ([`Dictionaries::code`]) in two modes:
//!
//! - [`Mode::Tree`] takes the phrase structure from a supplied Penn Treebank parse (what
//!   PETRARCH needs CoreNLP for);
//! - [`Mode::Text`] needs only the text: demarche's own tokens, tags and clause analysis.
//!
//! Both modes feed the same [`analysis`](crate::analysis) structure to the same pattern coder.
//! [`records`] reads the PETRARCH validation file and [`validate`] runs it.
//!
//! ```no_run
//! use demarche_petrarch::{Dictionaries, DictionaryFiles, Mode, Options};
//! let files = DictionaryFiles::discover(std::path::Path::new("dictionaries/")).unwrap();
//! let dicts = Dictionaries::load(&files).unwrap();
//! let out = dicts.code("Arnor restored ties with Gondor.", None, 19950101, Mode::Text, &Options::default());
//! ```

#![cfg_attr(test, allow(clippy::unwrap_used))]

mod actors;
mod analysis;
mod coder;
mod error;
mod lists;
pub mod records;
mod text;
mod tree;
pub mod validate;
mod verbs;
mod words;

pub use actors::{Actor, ActorDictionary, Agent, AgentPlacement, DatedCode};
pub use error::PetrarchError;
pub use lists::{DiscardScope, Discards, Issues};
pub use tree::{Tree, TreeError};
pub use verbs::{Code, Pattern, Transformation, VerbBlock, VerbDictionary};

use serde::Serialize;
use std::path::{Path, PathBuf};

/// Tree or text mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Phrase structure from the supplied Penn Treebank parse.
    Tree,
    /// demarche's own analysis of the text; any parse is ignored.
    Text,
}

impl std::str::FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "tree" => Ok(Mode::Tree),
            "text" => Ok(Mode::Text),
            _ => Err(format!("unknown mode '{s}' (tree or text)")),
        }
    }
}

/// PETRARCH's coding options, with its defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Events need a known source and target (not `---`).
    pub require_dyad: bool,
    /// Name unknown actors by their noun phrase when it has at most this many words (0: off).
    pub new_actor_length: usize,
    /// Internal comma-delimited clause removed when its length in words is in this window.
    pub comma_min: usize,
    /// See `comma_min`; 0 turns removal off.
    pub comma_max: usize,
    /// Initial clause window (`comma_bmax` 0: off).
    pub comma_bmin: usize,
    /// See `comma_bmin`.
    pub comma_bmax: usize,
    /// Terminal clause window (`comma_emax` 0: off).
    pub comma_emin: usize,
    /// See `comma_emin`.
    pub comma_emax: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            require_dyad: true,
            new_actor_length: 0,
            comma_min: 2,
            comma_max: 8,
            comma_bmin: 0,
            comma_bmax: 0,
            comma_emin: 2,
            comma_emax: 8,
        }
    }
}

impl Options {
    /// Sets an option by its PETRARCH name (`require_dyad`, `new_actor_length`, `comma_min` ...).
    /// Options that do not affect coding (`stop_on_error`, file names) are accepted and ignored.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let v = value.trim();
        let flag = || match v.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Ok(true),
            "false" | "0" | "no" => Ok(false),
            _ => Err(format!("option {name}: expected True or False, found '{v}'")),
        };
        let num = || v.parse::<usize>().map_err(|_| format!("option {name}: expected a number, found '{v}'"));
        match name.trim() {
            "require_dyad" => self.require_dyad = flag()?,
            "new_actor_length" => self.new_actor_length = num()?,
            "comma_min" => self.comma_min = num()?,
            "comma_max" => self.comma_max = num()?,
            "comma_bmin" => self.comma_bmin = num()?,
            "comma_bmax" => self.comma_bmax = num()?,
            "comma_emin" => self.comma_emin = num()?,
            "comma_emax" => self.comma_emax = num()?,
            _ => {}
        }
        Ok(())
    }
}

/// One event in PETRARCH's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodedEvent {
    /// Source actor code (`---` unknown, `"PHRASE"` a new actor).
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Event code.
    pub code: String,
    /// The verb as matched.
    pub verb: String,
    /// The source's words.
    pub source_text: String,
    /// The target's words.
    pub target_text: String,
    /// The pattern that matched, if any (else the verb's default code applied).
    pub pattern: Option<String>,
    /// Issues found in the sentence: `(CODE, count)`.
    pub issues: Vec<(String, usize)>,
}

/// The outcome of coding one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Coded (possibly no events).
    Events(Vec<CodedEvent>),
    /// Not coded: a discard phrase was found.
    Discarded {
        /// Sentence or story.
        scope: DiscardScope,
        /// The phrase.
        phrase: String,
    },
    /// Not coded: the input is unusable.
    Refused {
        /// `dateline` or `bad_input_parse`.
        kind: String,
        /// Why.
        message: String,
    },
}

impl Outcome {
    /// The events (none when discarded or refused).
    pub fn events(&self) -> &[CodedEvent] {
        match self {
            Outcome::Events(e) => e,
            _ => &[],
        }
    }
}

/// Which dictionary files to load.
#[derive(Debug, Clone, Default)]
pub struct DictionaryFiles {
    /// The verb dictionary.
    pub verbs: PathBuf,
    /// Actor dictionaries.
    pub actors: Vec<PathBuf>,
    /// The agent dictionary.
    pub agents: Option<PathBuf>,
    /// The discard list.
    pub discards: Option<PathBuf>,
    /// The issue list.
    pub issues: Option<PathBuf>,
}

impl DictionaryFiles {
    /// Finds the files in a folder: a `PETR_config.ini` there names them; else the production
    /// set (`CAMEO.2.0.txt` + `Phoenix.*`) when present; else one `*verbs*` file, `*actors*`
    /// files, and the `*agents*`, `*discards*` and `*Issue*` files.
    pub fn discover(dir: &Path) -> Result<DictionaryFiles, PetrarchError> {
        let config = dir.join("PETR_config.ini");
        if config.is_file() {
            return DictionaryFiles::from_config(&config, dir);
        }
        if dir.join("CAMEO.2.0.txt").is_file() && dir.join("Phoenix.agents.txt").is_file() {
            return Ok(DictionaryFiles::production(dir));
        }
        let entries = std::fs::read_dir(dir).map_err(|e| PetrarchError::Io { path: dir.display().to_string(), message: e.to_string() })?;
        let mut names: Vec<String> =
            entries.filter_map(|e| e.ok()).filter(|e| e.path().is_file()).filter_map(|e| e.file_name().into_string().ok()).collect();
        names.sort();
        let find = |needle: &str| names.iter().find(|n| n.to_ascii_lowercase().contains(needle)).map(|n| dir.join(n));
        let verbs = find("verbs").or_else(|| find("cameo")).ok_or_else(|| PetrarchError::Io {
            path: dir.display().to_string(),
            message: "no verb dictionary (*verbs*.txt or CAMEO*.txt) in this folder".into(),
        })?;
        Ok(DictionaryFiles {
            verbs,
            actors: names.iter().filter(|n| n.to_ascii_lowercase().contains("actors")).map(|n| dir.join(n)).collect(),
            agents: find("agents"),
            discards: find("discards"),
            issues: find("issue"),
        })
    }

    /// PETRARCH's production set in `dir`.
    pub fn production(dir: &Path) -> DictionaryFiles {
        DictionaryFiles {
            verbs: dir.join("CAMEO.2.0.txt"),
            actors: ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"]
                .iter()
                .map(|f| dir.join(f))
                .collect(),
            agents: Some(dir.join("Phoenix.agents.txt")),
            discards: Some(dir.join("Phoenix.discards.txt")),
            issues: Some(dir.join("Phoenix.IssueCoding.txt")),
        }
    }

    /// Reads a PETRARCH `config.ini` (`[Dictionaries]`: verbfile_name, actorfile_list,
    /// agentfile_name, discardfile_name, issuefile_name); names are relative to `dir`.
    pub fn from_config(path: &Path, dir: &Path) -> Result<DictionaryFiles, PetrarchError> {
        let text = error::read_text(path)?;
        let file = path.display().to_string();
        let mut out = DictionaryFiles::default();
        let mut has_verbs = false;
        for (i, line) in text.lines().enumerate() {
            let t = words::strip_comment(line).trim();
            let Some((k, v)) = t.split_once('=') else { continue };
            let (k, v) = (k.trim(), v.trim());
            let list = || v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| dir.join(s)).collect::<Vec<_>>();
            match k {
                "verbfile_name" => {
                    out.verbs = dir.join(v);
                    has_verbs = true;
                }
                "actorfile_list" => out.actors = list(),
                "agentfile_name" => out.agents = list().into_iter().next(),
                "discardfile_name" => out.discards = list().into_iter().next(),
                "issuefile_name" => out.issues = list().into_iter().next(),
                _ => {
                    let _ = i;
                }
            }
        }
        if !has_verbs {
            return Err(PetrarchError::parse(&file, 1, "no verbfile_name in [Dictionaries]"));
        }
        Ok(out)
    }
}

/// Loaded dictionaries.
#[derive(Debug, Default)]
pub struct Dictionaries {
    /// Verb patterns.
    pub verbs: VerbDictionary,
    /// Actors and agents.
    pub actors: ActorDictionary,
    /// Discards.
    pub discards: Discards,
    /// Issues.
    pub issues: Issues,
}

impl Dictionaries {
    /// Loads the files; every error names its file and line.
    pub fn load(files: &DictionaryFiles) -> Result<Dictionaries, PetrarchError> {
        let name = |p: &Path| p.display().to_string();
        // Lossy decoding is reported with the verb dictionary's warnings.
        let mut lossy = Vec::new();
        let verbs_text = error::read_text_noting(&files.verbs, &mut lossy)?;
        let mut d = Dictionaries { verbs: VerbDictionary::parse(&name(&files.verbs), &verbs_text)?, ..Dictionaries::default() };
        for a in &files.actors {
            d.actors.add_actors(&name(a), &error::read_text_noting(a, &mut lossy)?)?;
        }
        if let Some(a) = &files.agents {
            d.actors.add_agents(&name(a), &error::read_text_noting(a, &mut lossy)?)?;
        }
        if let Some(f) = &files.discards {
            d.discards.add(&name(f), &error::read_text_noting(f, &mut lossy)?)?;
        }
        if let Some(f) = &files.issues {
            d.issues.add(&name(f), &error::read_text_noting(f, &mut lossy)?)?;
        }
        d.verbs.warnings.extend(lossy);
        Ok(d)
    }

    /// Codes one sentence. `date` is YYYYMMDD (0: unknown; actors take their default codes).
    /// In tree mode `parse` is required; a malformed parse is refused as `bad_input_parse`.
    pub fn code(&self, text: &str, parse: Option<&str>, date: u32, mode: Mode, opts: &Options) -> Outcome {
        if let Some(msg) = dateline(text) {
            return Outcome::Refused { kind: "dateline".into(), message: msg };
        }
        let analysis = match mode {
            Mode::Tree => {
                let Some(parse) = parse else {
                    return Outcome::Refused { kind: "bad_input_parse".into(), message: "tree mode needs a <Parse>".into() };
                };
                match Tree::parse(parse) {
                    Ok(t) => analysis::Analysis::from_tree(t, &self.verbs, &self.actors, date, opts),
                    Err(e) => return Outcome::Refused { kind: "bad_input_parse".into(), message: format!("parse {e}") },
                }
            }
            Mode::Text => analysis::Analysis::from_text(text, &self.verbs, &self.actors, date, opts),
        };
        let words = analysis.words();
        if let Some((scope, phrase)) = self.discards.find(&words) {
            return Outcome::Discarded { scope, phrase };
        }
        let mut events = self.code_analysis(&analysis, opts);
        if !events.is_empty() && !self.issues.is_empty() {
            let issues = self.issues.code(&words);
            for e in &mut events {
                e.issues = issues.clone();
            }
        }
        Outcome::Events(events)
    }
}

impl Dictionaries {
    /// How a sentence was analysed, for people: tokens with their tags (removed comma clauses in
    /// brackets), actor groups with codes, and each dictionary verb with its subject candidates
    /// and reach.
    pub fn analysis_report(&self, text: &str, parse: Option<&str>, date: u32, mode: Mode, opts: &Options) -> String {
        let a = match (mode, parse.map(Tree::parse)) {
            (Mode::Tree, Some(Ok(t))) => analysis::Analysis::from_tree(t, &self.verbs, &self.actors, date, opts),
            (Mode::Tree, Some(Err(e))) => return format!("bad parse: {e}"),
            (Mode::Tree, None) => return "tree mode needs a parse".into(),
            (Mode::Text, _) => analysis::Analysis::from_text(text, &self.verbs, &self.actors, date, opts),
        };
        let mut out = String::new();
        let toks: Vec<String> = a
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let s = format!("{i}:{}/{:?}", t.word, t.tag);
                if a.active[i] {
                    s
                } else {
                    format!("[{s}]")
                }
            })
            .collect();
        out.push_str(&format!("tokens: {}\n", toks.join(" ")));
        for g in &a.groups {
            out.push_str(&format!("group {}..{}: {}\n", g.start, g.end, g.codes.join(" ")));
        }
        for i in 0..a.tokens.len() {
            if a.active[i] && a.tokens[i].tag == analysis::Tag::Verb && self.verbs.forms.contains_key(&a.tokens[i].word) {
                let f = a.frame(i, i, i + 1);
                out.push_str(&format!(
                    "verb {i} {}: subjects {:?} reach {:?} passive {}\n",
                    a.tokens[i].word, f.subjects, f.scope, f.passive
                ));
            }
        }
        out
    }
}

/// A wire-service dateline opening the text (`CEBU CITY: --`, `MOSCOW --`): the text is a
/// story header, not a sentence to code. PETRARCH's rule: a place in capitals before a colon or
/// a double dash (the shape is read by [`demarche_core::dateline`]).
fn dateline(text: &str) -> Option<String> {
    let d = demarche_core::dateline::read_dateline(text)?;
    let sep = d.separator.slice(text);
    let head = text.get(..d.separator.start).unwrap_or("").trim();
    (d.upper && (sep.starts_with(':') || sep == "--")).then(|| format!("dateline '{head}' opens the text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert!(dateline("CEBU CITY: -- Cordova Mayor Adelino Sitoy filed a suit.").is_some());
        assert!(dateline("MOSCOW -- Russia said on Monday.").is_some());
        assert!(dateline("Arnor said: we will restore ties.").is_none());
        assert!(dateline("The U.N. said -- in a statement").is_none());
    }

    #[test]
    fn options_by_name() {
        let mut o = Options::default();
        o.set("require_dyad", "False").unwrap();
        o.set("new_actor_length", "4").unwrap();
        o.set("stop_on_error", "True").unwrap();
        assert!(!o.require_dyad);
        assert_eq!(o.new_actor_length, 4);
        assert!(o.set("comma_min", "x").is_err());
    }
}
