//! A token trie: longest-match lookup of multi-word phrases over normalised tokens.
//!
//! Each phrase stores, per token, the case it requires in the text, so that `US` does not match
//! "us" and `Turkey` does not match "turkey", while "the Kremlin" still matches at the start of
//! a sentence.

use crate::tokens::{Case, Token};
use rustc_hash::FxHashMap;

/// A phrase's payload and per-token case requirements.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase<T> {
    /// What the phrase stands for.
    pub value: T,
    /// Required case of each token.
    pub cases: Vec<Case>,
}

/// The trie, flat: words are interned, edges are one hash map keyed by (node, word), and only
/// terminal nodes hold phrases, so that loading tens of thousands of names allocates little.
#[derive(Debug, Clone)]
pub struct PhraseTrie<T> {
    pub(crate) words: FxHashMap<Box<str>, u32>,
    pub(crate) edges: FxHashMap<(u32, u32), u32>,
    pub(crate) nodes: u32,
    pub(crate) terminals: FxHashMap<u32, Vec<Phrase<T>>>,
}

impl<T: Clone + PartialEq> Default for PhraseTrie<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Clone + PartialEq> PhraseTrie<T> {
    /// An empty trie.
    pub fn new() -> Self {
        PhraseTrie { words: FxHashMap::default(), edges: FxHashMap::default(), nodes: 1, terminals: FxHashMap::default() }
    }

    /// True when no phrase is stored.
    pub fn is_empty(&self) -> bool {
        self.terminals.is_empty()
    }

    /// Number of phrases stored.
    pub fn len(&self) -> usize {
        self.terminals.values().map(Vec::len).sum()
    }

    fn word(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.words.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.insert(w.into(), id);
        id
    }

    /// Store a phrase; a phrase already stored with the same value and cases is not repeated.
    pub fn insert<S: AsRef<str>>(&mut self, norms: &[S], phrase: Phrase<T>) {
        let mut node = 0u32;
        for n in norms {
            let w = self.word(n.as_ref());
            node = match self.edges.get(&(node, w)) {
                Some(&c) => c,
                None => {
                    let id = self.nodes;
                    self.nodes += 1;
                    self.edges.insert((node, w), id);
                    id
                }
            };
        }
        let t = self.terminals.entry(node).or_default();
        if !t.contains(&phrase) {
            t.push(phrase);
        }
    }

    fn child(&self, node: u32, norm: &str) -> Option<u32> {
        let w = *self.words.get(norm)?;
        self.edges.get(&(node, w)).copied()
    }

    /// The phrases stored under exactly these tokens.
    pub fn exact(&self, norms: &[&str]) -> Option<&[Phrase<T>]> {
        let mut node = 0u32;
        for n in norms {
            node = self.child(node, n)?;
        }
        self.terminals.get(&node).filter(|t| !t.is_empty()).map(Vec::as_slice)
    }

    /// The longest phrase starting at `tokens[start]` whose case requirements hold: its length
    /// in tokens and the phrases stored there that match.
    pub fn longest_at(&self, tokens: &[Token], start: usize) -> Option<(usize, Vec<&Phrase<T>>)> {
        let mut node = 0u32;
        let mut best: Option<(usize, Vec<&Phrase<T>>)> = None;
        let mut i = start;
        while i < tokens.len() {
            let Some(next) = self.child(node, tokens[i].norm.as_str()) else { break };
            node = next;
            i += 1;
            let len = i - start;
            if let Some(terminal) = self.terminals.get(&node) {
                let ok: Vec<&Phrase<T>> = terminal.iter().filter(|p| case_ok(&p.cases, &tokens[start..i])).collect();
                if !ok.is_empty() {
                    best = Some((len, ok));
                }
            }
        }
        best
    }
}

fn case_ok(required: &[Case], tokens: &[Token]) -> bool {
    required.iter().zip(tokens).all(|(req, tok)| match req {
        Case::Lower => true,
        Case::Capitalized => tok.case != Case::Lower,
        Case::Upper => tok.case == Case::Upper,
        Case::Mixed => matches!(tok.case, Case::Mixed | Case::Upper),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize_phrase;

    fn trie() -> PhraseTrie<&'static str> {
        let mut t = PhraseTrie::new();
        for (p, v) in [("US", "usa"), ("United States", "usa"), ("United States of America", "usa-long"), ("the Kremlin", "kremlin")] {
            let toks = tokenize_phrase(p);
            let norms: Vec<String> = toks.iter().map(|t| t.norm.clone()).collect();
            let cases = toks
                .iter()
                .map(|t| match t.case {
                    Case::Upper => Case::Upper,
                    Case::Capitalized => Case::Capitalized,
                    Case::Lower => Case::Lower,
                    Case::Mixed => Case::Mixed,
                })
                .collect();
            t.insert(&norms, Phrase { value: v, cases });
        }
        t
    }

    #[test]
    fn longest_match_and_case() {
        let t = trie();
        let toks = tokenize_phrase("the United States of America and us and the Kremlin");
        let (len, ps) = t.longest_at(&toks, 1).expect("match");
        assert_eq!((len, ps[0].value), (4, "usa-long"));
        assert!(t.longest_at(&toks, 6).is_none(), "lower-case 'us' is a pronoun");
        let (len, ps) = t.longest_at(&toks, 8).expect("kremlin");
        assert_eq!((len, ps[0].value), (2, "kremlin"));
    }
}
