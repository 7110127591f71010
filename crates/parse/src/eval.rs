//! Scoring a system CoNLL-U file against a gold one with the same tokenisation, as the CoNLL 2018
//! shared task scores UPOS, UAS and LAS (LAS on the universal part of the relation, before `:`),
//! and as `score_conllu.py` of the shared evaluation kit does.

use crate::conllu_impl::Sentence;
use crate::ParseError;

/// UPOS, UAS and LAS counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// Sentences scored.
    pub sentences: usize,
    /// Words with the gold UPOS.
    pub upos: usize,
    /// Words with the gold head.
    pub uas: usize,
    /// Words with the gold head and universal relation.
    pub las: usize,
}

impl Scores {
    fn pct(x: usize, n: usize) -> f64 {
        if n == 0 {
            0.0
        } else {
            100.0 * x as f64 / n as f64
        }
    }

    /// UPOS accuracy in percent.
    pub fn upos_pct(&self) -> f64 {
        Self::pct(self.upos, self.words)
    }

    /// Unlabelled attachment score in percent.
    pub fn uas_pct(&self) -> f64 {
        Self::pct(self.uas, self.words)
    }

    /// Labelled attachment score in percent.
    pub fn las_pct(&self) -> f64 {
        Self::pct(self.las, self.words)
    }
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "UPOS {:.2} UAS {:.2} LAS {:.2} on {} words ({} sentences)",
            self.upos_pct(),
            self.uas_pct(),
            self.las_pct(),
            self.words,
            self.sentences
        )
    }
}

/// The universal part of a relation (`nsubj:pass` → `nsubj`).
pub fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Score `system` against `gold`: sentences are aligned in order and words by position; a
/// different sentence or word count is an error (the system must keep the gold tokenisation).
pub fn score(gold: &[Sentence], system: &[Sentence]) -> Result<Scores, ParseError> {
    if gold.len() != system.len() {
        return Err(ParseError::Eval(format!("sentence count differs: gold {}, system {}", gold.len(), system.len())));
    }
    let mut s = Scores::default();
    for (g, y) in gold.iter().zip(system) {
        let gw: Vec<&Vec<String>> = g.words().collect();
        let yw: Vec<&Vec<String>> = y.words().collect();
        if gw.len() != yw.len() {
            return Err(ParseError::Eval(format!(
                "word count differs in the sentence at gold line {}: gold {}, system {}",
                g.line,
                gw.len(),
                yw.len()
            )));
        }
        s.sentences += 1;
        for (a, b) in gw.iter().zip(&yw) {
            s.words += 1;
            s.upos += (a[3] == b[3]) as usize;
            if a[6] == b[6] {
                s.uas += 1;
                s.las += (universal(&a[7]) == universal(&b[7])) as usize;
            }
        }
    }
    Ok(s)
}
