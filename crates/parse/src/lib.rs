//! An embedded part-of-speech tagger, lemmatiser and labelled dependency parser for English,
//! trained on UD English EWT and shipped inside the binary: raw text in, Universal Dependencies
//! out, with no external parser.
//!
//! The main types: [`Model`] (a trained model: [`Model::builtin`] is the one in
//! `data/parse/`, [`Model::from_bytes`] reads another), [`Parser`] (a model with the scratch
//! buffers of one thread: after a few sentences it no longer allocates), [`Parse`] (one
//! sentence: words with byte spans, tags, heads, relations, noun-phrase spans), [`conllu`]
//! (reading and writing CoNLL-U), [`score`] (UPOS/UAS/LAS as the CoNLL 2018 shared task scores
//! them), [`train`] (reproducible training), and [`tokenize`] (raw text to UD tokens).
//!
//! ```
//! let model = demarche_parse::Model::builtin().unwrap();
//! let mut parser = model.parser();
//! let mut parse = demarche_parse::Parse::default();
//! parser.parse_text("Lavrov met Mirzoyan in Moscow.", &mut parse);
//! assert_eq!(parse.len(), 6);
//! let met = parse.root().unwrap();
//! assert_eq!(parse.form(met), "met");
//! assert_eq!(model.upos(parse.word(met).tag), "VERB");
//! ```
//!
//! # Design
//!
//! The goal is PETRARCH-grade structure (who did what to whom, through which preposition) at
//! thousands of sentences a second on one core, from a model of a few megabytes that loads in
//! milliseconds. Hence linear models over hashed sparse features, greedy decoding:
//!
//! - **Tagger**: an averaged perceptron (Collins 2002), left to right, one class per (UPOS, XPOS)
//!   pair of the treebank, so both columns come from one decision. Features: the word (lowercase
//!   and as written), prefixes (1–3) and suffixes (1–4), a word shape (`Xxx`, `dd.dd`), the two
//!   previous tags and words, the two next words with their suffixes and shape, and a few
//!   conjunctions (Honnibal's tagger features, widened).
//! - **Parser**: arc-hybrid transitions (Kuhlmann et al. 2011) with the root at the end of the
//!   buffer (Ballesteros & Nivre 2013); LEFT to the root only when one word is left on the stack,
//!   so a parse is always a tree with a single root word. Arcs are labelled in the transition
//!   (SHIFT, LEFT-l, RIGHT-l: 1 + 2 × the relations of the treebank, subtypes kept). An averaged
//!   perceptron scores the transitions over Zhang & Nivre (2011)-style templates: words, tags and
//!   labels of s0–s2, b0–b2 and the outermost children, their pairs and tag trigrams, distance,
//!   valency and label sets. It is trained with the arc-hybrid dynamic oracle and exploration
//!   (Goldberg & Nivre 2012, 2013): from the second epoch the trainer follows its own
//!   predictions (with probability 0.9) and learns the best transition from wherever it is, which
//!   Goldberg & Nivre report to be worth about a point of attachment score over a static oracle.
//!   Non-projective trees (a few percent of EWT) are projectivised for training by lifting arcs.
//!   Training parses with tags predicted by taggers trained on the other folds (jackknifing), so
//!   the parser learns from the tagger's real errors.
//! - **Weights**: only features the perceptron ever updated, and for each only the classes it was
//!   updated for, averaged, quantised to `i16` and pruned; at run time an open-addressing table
//!   of 64-bit feature hashes pointing at runs of `(class, weight)` pairs. Scoring a transition
//!   is one table probe and a short scatter-add per feature; every buffer lives in the
//!   [`Parser`], so nothing is allocated per token.
//! - **Lemmas**: suffix rules by Penn tag plus the exceptions the treebank shows them getting
//!   wrong (stored in the model).
//!
//! Beam search and neural scorers were left out: a greedy perceptron parser with a dynamic
//! oracle reaches the accuracy this project needs (see `docs/parse.md` for the figures on EWT
//! dev and test) at a small fraction of their cost.
//!
//! The model file format is described in [`model`]; [`FORMAT_VERSION`] is checked on load.

// `Option::is_none_or` needs Rust 1.82; the workspace supports 1.80.
#![allow(clippy::unnecessary_map_or)]

mod conllu_impl;
mod eval;
mod hash;
mod lemma;
pub mod model;
mod parser;
mod perceptron;
mod tagger;
mod tokenize;
mod train;

/// CoNLL-U reading and writing.
pub mod conllu {
    pub use crate::conllu_impl::{read, Row, Sentence};
}

pub use eval::{score, universal, Scores};
pub use model::{Model, FORMAT_VERSION};
pub use tokenize::tokenize;
pub use train::{train, TrainOptions};

use std::borrow::Cow;

/// Errors of this crate: reading a model or a CoNLL-U file, scoring, training.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The model cannot be used (truncated, corrupted, another format version, not a model).
    #[error("parser model: {0}")]
    Model(String),
    /// A CoNLL-U file is malformed.
    #[error("CoNLL-U line {line}: {message}")]
    Conllu {
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Gold and system files cannot be compared.
    #[error("{0}")]
    Eval(String),
    /// Training cannot proceed.
    #[error("training: {0}")]
    Train(String),
}

impl ParseError {
    pub(crate) fn model(m: String) -> ParseError {
        ParseError::Model(m)
    }

    pub(crate) fn conllu(line: usize, message: String) -> ParseError {
        ParseError::Conllu { line, message }
    }
}

/// A tag class of a model: one (UPOS, XPOS) pair; names via [`Model::upos`], [`Model::xpos`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TagId(pub u16);

/// A dependency relation of a model; its name via [`Model::rel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RelId(pub u8);

/// One word of a [`Parse`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Word {
    /// Byte span in [`Parse::text`].
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Part of speech.
    pub tag: TagId,
    /// Index of the head word, `None` for the root.
    pub head: Option<usize>,
    /// Relation to the head (`root` for the root).
    pub rel: RelId,
}

/// A parsed sentence: words over a copy of the sentence text, tags, heads and relations.
#[derive(Debug, Clone, Default)]
pub struct Parse {
    text: String,
    words: Vec<Word>,
}

/// A noun phrase: its head word and the contiguous words around it that modify it (determiners,
/// adjectives, compounds, numbers, possessives, flat names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NounPhrase {
    /// The head word.
    pub head: usize,
    /// First word.
    pub first: usize,
    /// Last word (inclusive).
    pub last: usize,
}

impl Parse {
    /// The sentence text the word spans point into (raw text as given, or gold words joined by
    /// single spaces).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The words.
    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// Word `i`.
    pub fn word(&self, i: usize) -> &Word {
        &self.words[i]
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// No words?
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The form of word `i`.
    pub fn form(&self, i: usize) -> &str {
        let w = &self.words[i];
        &self.text[w.start..w.end]
    }

    /// The root word.
    pub fn root(&self) -> Option<usize> {
        self.words.iter().position(|w| w.head.is_none())
    }

    /// The dependents of word `h`, in order.
    pub fn children(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().filter(move |(_, w)| w.head == Some(h)).map(|(i, _)| i)
    }

    /// Is word `i` followed directly (no space) by the next one?
    pub fn no_space_after(&self, i: usize) -> bool {
        self.words.get(i + 1).is_some_and(|n| n.start == self.words[i].end)
    }

    /// Noun phrases, in order of their heads: every noun, proper noun, pronoun or number that is
    /// not itself part of a larger name or compound, with its contiguous modifiers.
    pub fn noun_phrases(&self, model: &Model) -> Vec<NounPhrase> {
        let n = self.words.len();
        let inner = |i: usize| {
            let r = universal(model.rel(self.words[i].rel));
            matches!(r, "compound" | "flat" | "fixed" | "goeswith")
        };
        let mut out = Vec::new();
        let mut inside = vec![false; n];
        for h in 0..n {
            let u = model.upos(self.words[h].tag);
            if !matches!(u, "NOUN" | "PROPN" | "PRON" | "NUM") || inner(h) {
                continue;
            }
            if u == "NUM" && universal(model.rel(self.words[h].rel)) == "nummod" {
                continue;
            }
            // Words whose chain of heads reaches h through modifier relations.
            for v in inside.iter_mut() {
                *v = false;
            }
            inside[h] = true;
            #[allow(clippy::needless_range_loop)] // i also starts the walk up the heads
            for i in 0..n {
                let mut k = i;
                let mut ok = false;
                let mut guard = 0;
                while guard <= n {
                    guard += 1;
                    if k == h {
                        ok = true;
                        break;
                    }
                    let r = model.rel(self.words[k].rel);
                    let allowed = matches!(
                        universal(r),
                        "det" | "amod" | "compound" | "flat" | "fixed" | "nummod" | "goeswith" | "case" | "advmod" | "punct"
                    ) || r == "nmod:poss";
                    match self.words[k].head {
                        Some(p) if allowed => {
                            // `case` and `punct` only below a possessive or name, not on h itself.
                            if p == h && matches!(universal(r), "case" | "punct" | "advmod") {
                                break;
                            }
                            k = p;
                        }
                        _ => break,
                    }
                }
                inside[i] = ok;
            }
            let (mut first, mut last) = (h, h);
            while first > 0 && inside[first - 1] {
                first -= 1;
            }
            while last + 1 < n && inside[last + 1] {
                last += 1;
            }
            out.push(NounPhrase { head: h, first, last });
        }
        out
    }

    /// Append the words as CoNLL-U lines (no comments, no blank line).
    pub fn write_conllu(&self, model: &Model, out: &mut String) {
        for (i, w) in self.words.iter().enumerate() {
            let form = self.form(i);
            let lemma = model.lemma(form, w.tag);
            let misc = if self.no_space_after(i) { "SpaceAfter=No" } else { "_" };
            conllu_impl::word_line(
                out,
                i + 1,
                form,
                &lemma,
                model.upos(w.tag),
                model.xpos(w.tag),
                "_",
                w.head.map_or(0, |h| h + 1),
                model.rel(w.rel),
                misc,
            );
        }
    }
}

impl Model {
    /// The model in `data/parse/`, trained on UD English EWT (CC BY-SA 4.0), read once.
    pub fn builtin() -> Result<&'static Model, ParseError> {
        static MODEL: std::sync::OnceLock<Result<Model, String>> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| Model::from_bytes(BUILTIN).map_err(|e| e.to_string())).as_ref().map_err(|e| ParseError::Model(e.clone()))
    }

    /// Read the built-in model afresh (what [`Model::builtin`] does once; for load-time
    /// measurements).
    pub fn load_builtin() -> Result<Model, ParseError> {
        Model::from_bytes(BUILTIN)
    }

    /// A parser over this model (the scratch buffers of one thread).
    pub fn parser(&self) -> Parser<'_> {
        Parser::empty(self)
    }

    /// UPOS of a tag class.
    pub fn upos(&self, t: TagId) -> &str {
        self.upos.get(t.0 as usize).map_or("X", String::as_str)
    }

    /// Penn XPOS of a tag class.
    pub fn xpos(&self, t: TagId) -> &str {
        self.xpos.get(t.0 as usize).map_or("_", String::as_str)
    }

    /// Name of a relation.
    pub fn rel(&self, r: RelId) -> &str {
        self.labels.get(r.0 as usize).map_or("dep", String::as_str)
    }

    /// The tag classes (UPOS, XPOS).
    pub fn tags(&self) -> impl Iterator<Item = (TagId, &str, &str)> {
        self.upos.iter().zip(&self.xpos).enumerate().map(|(i, (u, x))| (TagId(i as u16), u.as_str(), x.as_str()))
    }

    /// The relations.
    pub fn rels(&self) -> impl Iterator<Item = (RelId, &str)> {
        self.labels.iter().enumerate().map(|(i, l)| (RelId(i as u8), l.as_str()))
    }

    /// The lemma of `form` with tag `t`.
    pub fn lemma<'a>(&self, form: &'a str, t: TagId) -> Cow<'a, str> {
        self.lemmas.lemma(form, t.0)
    }
}

static BUILTIN: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/parse/en_ewt.model"));

/// A [`Model`] with one thread's scratch buffers.
#[derive(Debug)]
pub struct Parser<'m> {
    model: &'m Model,
    spans: Vec<(usize, usize)>,
    toks: Vec<tagger::TokenFeats>,
    lower: String,
    shape: String,
    words: Vec<u64>,
    tags: Vec<u16>,
    feats: Vec<u64>,
    scores: Vec<i32>,
    rows: Vec<(u32, u32)>,
    state: parser::State,
}

impl<'m> Parser<'m> {
    fn empty(model: &'m Model) -> Parser<'m> {
        Parser {
            model,
            spans: Vec::new(),
            toks: Vec::new(),
            lower: String::new(),
            shape: String::new(),
            words: Vec::new(),
            tags: Vec::new(),
            feats: Vec::new(),
            scores: Vec::new(),
            rows: Vec::new(),
            state: parser::State::default(),
        }
    }

    /// The model.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// Tokenise, tag and parse one sentence of raw text into `out`.
    pub fn parse_text(&mut self, text: &str, out: &mut Parse) {
        out.text.clear();
        out.text.push_str(text);
        self.spans.clear();
        tokenize::tokenize(text, &mut self.spans);
        self.run(out);
    }

    /// Tag and parse a sentence given as words (gold tokenisation) into `out`; the words are
    /// joined by single spaces in [`Parse::text`].
    pub fn parse_words<S: AsRef<str>>(&mut self, words: &[S], out: &mut Parse) {
        out.text.clear();
        self.spans.clear();
        for w in words {
            if !out.text.is_empty() {
                out.text.push(' ');
            }
            let a = out.text.len();
            out.text.push_str(w.as_ref());
            self.spans.push((a, out.text.len()));
        }
        self.run(out);
    }

    fn run(&mut self, out: &mut Parse) {
        let m = self.model;
        // Very long "sentences" (tables, lists) are parsed in pieces.
        const MAX: usize = 1000;
        out.words.clear();
        self.toks.clear();
        for &(a, b) in &self.spans {
            self.toks.push(tagger::TokenFeats::new(&out.text[a..b], &m.lexicon, &mut self.lower, &mut self.shape));
        }
        tagger::tag(&m.tagger, &self.toks, &mut self.tags, &mut self.feats, &mut self.scores, &mut self.rows);
        self.words.clear();
        self.words.extend(self.toks.iter().map(|t| t.lower));
        let n_labels = m.labels.len();
        let total = self.spans.len();
        let mut from = 0;
        while from < total {
            let to = (from + MAX).min(total);
            parser::parse(
                &m.parser,
                n_labels,
                &self.words[from..to],
                &self.tags[from..to],
                &mut self.state,
                &mut self.feats,
                &mut self.scores,
                &mut self.rows,
            );
            let n = to - from;
            let root = (0..n).find(|&i| self.state.heads[i] as usize == n);
            for i in 0..n {
                let h = self.state.heads[i] as usize;
                let (head, rel) = if h == n && Some(i) == root {
                    (None, 0)
                } else if h >= n {
                    // Unattached (cannot happen with a complete parse): under the root word.
                    (root.map(|r| r + from), self.state.labels[i].min(n_labels as u8 - 1).max(1))
                } else {
                    (Some(h + from), self.state.labels[i])
                };
                let (a, b) = self.spans[from + i];
                out.words.push(Word { start: a, end: b, tag: TagId(self.tags[from + i]), head, rel: RelId(rel) });
            }
            // Later pieces hang from the first piece's root.
            if from > 0 {
                let first_root = out.words.iter().position(|w| w.head.is_none());
                if let Some(r) = first_root {
                    for w in out.words[from..].iter_mut() {
                        if w.head.is_none() {
                            w.head = Some(r);
                            w.rel = RelId(m.labels.iter().position(|l| l == "parataxis").unwrap_or(1) as u8);
                        }
                    }
                }
            }
            from = to;
        }
    }

    /// Re-tag and re-parse a CoNLL-U sentence (gold tokenisation): columns 1–2, multi-word token
    /// lines, comments and MISC are kept; LEMMA, UPOS, XPOS, FEATS (`_`), HEAD and DEPREL are
    /// written, DEPS is `_`.
    pub fn reparse(&mut self, s: &conllu::Sentence, out: &mut Parse) -> conllu::Sentence {
        let forms = s.forms();
        self.parse_words(&forms, out);
        let m = self.model;
        let mut result = s.clone();
        let mut i = 0;
        for row in result.rows.iter_mut() {
            if let conllu::Row::Word(cols) = row {
                let w = out.words[i];
                cols[2] = m.lemma(&cols[1], w.tag).into_owned();
                cols[3] = m.upos(w.tag).to_string();
                cols[4] = m.xpos(w.tag).to_string();
                cols[5] = "_".into();
                cols[6] = w.head.map_or(0, |h| h + 1).to_string();
                cols[7] = m.rel(w.rel).to_string();
                cols[8] = "_".into();
                i += 1;
            }
        }
        result
    }
}
