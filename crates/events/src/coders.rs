//! One interface over every coder a command can ask for, and the one function that loads it.
//!
//! demarche codes with one of three things:
//!
//! - the built-in patterns of `data/verbs/` and the actor knowledge base of `data/actors/`
//!   ([`Coder`], optionally with the user's own `--verbs`/`--actors` files in the same formats);
//! - TABARI/PETRARCH dictionaries read from the user's folder ([`PetrarchCoder`]:
//!   `--dictionaries DIR` or `--dictionary-config FILE`, with PETRARCH's `--option NAME=VALUE`);
//! - both, merged ([`Merged`], `--with-builtin`): the PETRARCH events first, then each built-in
//!   event that does not repeat one of them (same line, source, target and code).
//!
//! All three implement [`EventCoder`], so the CLI's `code` and `ingest`, the server and the
//! Python package hold a `Box<dyn EventCoder>` and never ask which one it is. [`load`] turns a
//! [`CoderSpec`] (what the flags or keyword arguments said) into that box; it is the only place
//! that knows how the flags combine.
//!
//! ```
//! use demarche_events::{load, CoderSpec};
//! let coder = load(&CoderSpec::default()).unwrap().coder;
//! let date = demarche_core::dates::parse_date("2025-01-22");
//! assert_eq!(coder.code("demo", "Russia praised Armenia.", None, date).events[0].code, "051");
//! assert_eq!(coder.describe(), "built-in patterns");
//! ```

use crate::{Coded, Coder, CoderOptions, EventError, PetrarchCoder, VerbDictionary};
use demarche_actors::KnowledgeBase;
use std::path::PathBuf;
use std::time::Instant;

/// One document as every coder sees it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Document id.
    pub id: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Title, author and author's state.
    pub context: demarche_segment::Context<'a>,
    /// The document's date.
    pub date: Option<chrono::NaiveDate>,
    /// Set when the document is one PETRARCH record: a sentence with its parse.
    pub record: Option<Record<'a>>,
}

/// A PETRARCH XML record: one sentence, its Penn Treebank parse and where it stands.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// The `<Parse>` (tree mode reads it; the built-in coder and text mode do not).
    pub parse: &'a str,
    /// The line of the record in its file: the `line` of its events.
    pub line: usize,
}

impl<'a> Input<'a> {
    /// A plain text with an optional title and date.
    pub fn text(id: &'a str, text: &'a str, title: Option<&'a str>, date: Option<chrono::NaiveDate>) -> Input<'a> {
        Input { id, text, context: demarche_segment::Context { title, ..Default::default() }, date, record: None }
    }
}

/// A coder: documents in, [`Coded`] out. Coding never fails (bad text is data); what a coder
/// could not code is in [`Coded::notes`] and [`Coded::refused`].
pub trait EventCoder: Send + Sync + std::fmt::Debug {
    /// Code one document, stopping at the first sentence after `deadline` (a note says so).
    fn code_input(&self, input: &Input<'_>, deadline: Option<Instant>) -> Coded;

    /// The actor knowledge base behind the coder's actors, when it is demarche's (the Python
    /// package's `actors()` uses it); `None` for PETRARCH dictionaries alone.
    fn knowledge_base(&self) -> Option<&KnowledgeBase>;

    /// How many verb patterns the coder has.
    fn pattern_count(&self) -> usize;

    /// What codes: `built-in patterns`, `PETRARCH dictionaries`, `PETRARCH dictionaries +
    /// built-in`.
    fn describe(&self) -> &'static str;

    /// Code a document: its id, text, optional title and date.
    fn code(&self, doc: &str, text: &str, title: Option<&str>, date: Option<chrono::NaiveDate>) -> Coded {
        self.code_input(&Input::text(doc, text, title, date), None)
    }

    /// Code a document with what is known about it (title, author, author's state).
    fn code_with(&self, doc: &str, text: &str, ctx: &demarche_segment::Context, date: Option<chrono::NaiveDate>) -> Coded {
        self.code_within(doc, text, ctx, date, None)
    }

    /// [`EventCoder::code_with`] with a deadline.
    fn code_within(
        &self,
        doc: &str,
        text: &str,
        ctx: &demarche_segment::Context,
        date: Option<chrono::NaiveDate>,
        deadline: Option<Instant>,
    ) -> Coded {
        self.code_input(&Input { id: doc, text, context: *ctx, date, record: None }, deadline)
    }
}

/// A boxed coder is a coder (what [`load`] returns can go where a coder is expected).
impl<T: EventCoder + ?Sized> EventCoder for Box<T> {
    fn code_input(&self, input: &Input<'_>, deadline: Option<Instant>) -> Coded {
        (**self).code_input(input, deadline)
    }

    fn knowledge_base(&self) -> Option<&KnowledgeBase> {
        (**self).knowledge_base()
    }

    fn pattern_count(&self) -> usize {
        (**self).pattern_count()
    }

    fn describe(&self) -> &'static str {
        (**self).describe()
    }
}

impl EventCoder for Coder {
    fn code_input(&self, input: &Input<'_>, deadline: Option<Instant>) -> Coded {
        Coder::code_within(self, input.id, input.text, &input.context, input.date, deadline)
    }

    fn knowledge_base(&self) -> Option<&KnowledgeBase> {
        Some(&self.kb)
    }

    fn pattern_count(&self) -> usize {
        self.dictionary.len()
    }

    fn describe(&self) -> &'static str {
        "built-in patterns"
    }
}

/// PETRARCH dictionaries and the built-in coder together: PETRARCH's events, then the built-in
/// events that do not repeat one (same line, source, target and code), in text order. Sentences,
/// actors and locations are the built-in coder's.
#[derive(Debug)]
pub struct Merged {
    /// The PETRARCH half.
    pub petrarch: PetrarchCoder,
    /// The built-in half.
    pub builtin: Coder,
}

impl EventCoder for Merged {
    fn code_input(&self, input: &Input<'_>, deadline: Option<Instant>) -> Coded {
        let mut p = self.petrarch.code_input(input, deadline);
        let b = self.builtin.code_input(input, deadline);
        for e in b.events {
            let dup = p.events.iter().any(|x| x.line == e.line && x.source == e.source && x.target == e.target && x.code == e.code);
            if !dup {
                p.events.push(e);
            }
        }
        p.events.sort_by_key(|e| (e.start, e.line));
        p.notes.extend(b.notes);
        Coded { sentences: b.sentences, actors: b.actors, events: p.events, notes: p.notes, refused: p.refused, discarded: p.discarded }
    }

    fn knowledge_base(&self) -> Option<&KnowledgeBase> {
        Some(&self.builtin.kb)
    }

    fn pattern_count(&self) -> usize {
        self.petrarch.pattern_count() + self.builtin.dictionary.len()
    }

    fn describe(&self) -> &'static str {
        "PETRARCH dictionaries + built-in"
    }
}

/// The built-in coder's knowledge and options (`--actors`, `--actors-only`, `--verbs`,
/// `--verbs-only`, `--allow-one-sided`, `--include-negated`, `--allow-actorless`).
#[derive(Debug, Clone, Default)]
pub struct BuiltinSpec {
    /// Actor files added to the built-in knowledge base.
    pub actors: Vec<PathBuf>,
    /// Actor files used instead of the built-in knowledge base.
    pub actors_only: Vec<PathBuf>,
    /// Pattern files added to the built-in patterns.
    pub verbs: Vec<PathBuf>,
    /// Pattern files used instead of the built-in patterns.
    pub verbs_only: Vec<PathBuf>,
    /// Coding options.
    pub options: CoderOptions,
}

/// Where the TABARI/PETRARCH dictionary files are named.
#[derive(Debug, Clone)]
pub enum DictionarySource {
    /// A folder (`--dictionaries DIR`): its `PETR_config.ini`, else `CAMEO.2.0.txt` +
    /// `Phoenix.*`, else the `*verbs*`, `*actors*`, `*agents*`, `*discards*`, `*Issue*` files.
    Folder(PathBuf),
    /// A PETRARCH `config.ini` (`--dictionary-config FILE`), names relative to its folder.
    Config(PathBuf),
}

/// The TABARI/PETRARCH dictionaries to code with.
#[derive(Debug, Clone)]
pub struct PetrarchSpec {
    /// The files.
    pub source: DictionarySource,
    /// PETRARCH options by name (`require_dyad`, `new_actor_length`, `comma_min` ...).
    pub options: Vec<(String, String)>,
    /// `Some(Tree)`: each record's parse; `Some(Text)`: demarche's own analysis; `None`: the
    /// parse when there is one.
    pub mode: Option<demarche_petrarch::Mode>,
    /// Also code with the built-in coder and merge ([`Merged`]).
    pub with_builtin: bool,
}

/// What to code with: the built-in coder, unless `petrarch` names dictionaries.
#[derive(Debug, Clone, Default)]
pub struct CoderSpec {
    /// The built-in coder (alone, or merged with PETRARCH's under `with_builtin`).
    pub builtin: BuiltinSpec,
    /// TABARI/PETRARCH dictionaries.
    pub petrarch: Option<PetrarchSpec>,
}

/// A loaded coder and what loading it had to say.
#[derive(Debug)]
pub struct Loaded {
    /// The coder.
    pub coder: Box<dyn EventCoder>,
    /// Lines of the dictionaries that were skipped or read lossily (`file:line: why`).
    pub warnings: Vec<String>,
}

/// Load the coder `spec` asks for. Errors name the file (and line) at fault.
pub fn load(spec: &CoderSpec) -> Result<Loaded, EventError> {
    let Some(p) = &spec.petrarch else {
        return Ok(Loaded { coder: Box::new(load_builtin(&spec.builtin)?), warnings: Vec::new() });
    };
    let (petrarch, warnings) = PetrarchCoder::load(p)?;
    let coder: Box<dyn EventCoder> =
        if p.with_builtin { Box::new(Merged { petrarch, builtin: load_builtin(&spec.builtin)? }) } else { Box::new(petrarch) };
    Ok(Loaded { coder, warnings })
}

/// The built-in coder with the user's extra (or replacing) actor and pattern files.
pub fn load_builtin(spec: &BuiltinSpec) -> Result<Coder, EventError> {
    let mut kb = if spec.actors_only.is_empty() { KnowledgeBase::builtin()? } else { KnowledgeBase::empty() };
    for p in spec.actors_only.iter().chain(&spec.actors) {
        kb.add_path(p)?;
    }
    let mut dict = if spec.verbs_only.is_empty() { VerbDictionary::builtin()? } else { VerbDictionary::without_patterns()? };
    for p in spec.verbs_only.iter().chain(&spec.verbs) {
        let text = std::fs::read_to_string(p).map_err(|e| EventError::Io { path: p.display().to_string(), message: e.to_string() })?;
        dict.add_patterns(&p.display().to_string(), &text)?;
    }
    let mut coder = Coder::new(dict, kb);
    coder.options = spec.options;
    coder.options.allow_one_sided |= spec.options.allow_actorless;
    Ok(coder)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/petrarch")
    }

    fn petrarch(with_builtin: bool) -> CoderSpec {
        CoderSpec {
            builtin: BuiltinSpec::default(),
            petrarch: Some(PetrarchSpec { source: DictionarySource::Folder(fixtures()), options: Vec::new(), mode: None, with_builtin }),
        }
    }

    #[test]
    fn one_loader_for_every_coder() {
        let date = demarche_core::dates::parse_date("2015-03-01");
        let text = "Avalon condemned Brightwater on Monday. Russia praised Armenia.";
        let builtin = load(&CoderSpec::default()).expect("built-in").coder;
        let codes = |c: &dyn EventCoder| c.code("d", text, None, date).events.iter().map(|e| e.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&*builtin), ["051"], "the built-in patterns know no Avalon");
        let p = load(&petrarch(false)).expect("PETRARCH").coder;
        assert_eq!(p.describe(), "PETRARCH dictionaries");
        assert_eq!(codes(&*p), ["122"], "the fixture dictionaries know no Russia");
        assert!(p.knowledge_base().is_none());
        let both = load(&petrarch(true)).expect("merged").coder;
        assert_eq!(codes(&*both), ["122", "051"]);
        assert!(both.knowledge_base().is_some());
        assert_eq!(both.pattern_count(), p.pattern_count() + builtin.pattern_count());
    }

    #[test]
    fn a_bad_option_or_folder_is_an_error() {
        let mut spec = petrarch(false);
        if let Some(p) = &mut spec.petrarch {
            p.options.push(("require_dyad".into(), "maybe".into()));
        }
        assert_eq!(load(&spec).unwrap_err().to_string(), "option require_dyad: expected True or False, found 'maybe'");
        let spec = CoderSpec {
            petrarch: Some(PetrarchSpec {
                source: DictionarySource::Folder(fixtures().join("no such folder")),
                options: Vec::new(),
                mode: None,
                with_builtin: false,
            }),
            ..CoderSpec::default()
        };
        assert!(load(&spec).unwrap_err().to_string().contains("no such folder"));
    }
}
