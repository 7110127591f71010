//! A token trie: longest-match lookup of multi-word phrases over normalised tokens.
//!
//! Each phrase stores, per token, the case it requires in the text, so that `US` does not match
//! "us" and `Turkey` does not match "turkey", while "the Kremlin" still matches at the start of
//! a sentence.

use crate::tokens::{Case, Token};
use std::collections::HashMap;

/// A phrase's payload and per-token case requirements.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase<T> {
    /// What the phrase stands for.
    pub value: T,
    /// Required case of each token.
    pub cases: Vec<Case>,
}

#[derive(Debug, Clone)]
struct Node<T> {
    children: HashMap<Box<str>, u32>,
    terminal: Vec<Phrase<T>>,
}

impl<T> Default for Node<T> {
    fn default() -> Self {
        Node { children: HashMap::new(), terminal: Vec::new() }
    }
}

/// The trie.
#[derive(Debug, Clone)]
pub struct PhraseTrie<T> {
    nodes: Vec<Node<T>>,
}

impl<T: Clone> Default for PhraseTrie<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Clone> PhraseTrie<T> {
    /// An empty trie.
    pub fn new() -> Self {
        PhraseTrie { nodes: vec![Node::default()] }
    }

    /// True when no phrase is stored.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() == 1
    }

    /// Store a phrase.
    pub fn insert(&mut self, norms: &[String], phrase: Phrase<T>) {
        let mut node = 0u32;
        for n in norms {
            let next = self.nodes[node as usize].children.get(n.as_str()).copied();
            node = match next {
                Some(c) => c,
                None => {
                    self.nodes.push(Node::default());
                    let id = (self.nodes.len() - 1) as u32;
                    self.nodes[node as usize].children.insert(n.as_str().into(), id);
                    id
                }
            };
        }
        self.nodes[node as usize].terminal.push(phrase);
    }

    /// The phrases stored under exactly these tokens.
    pub fn exact(&self, norms: &[&str]) -> Option<&[Phrase<T>]> {
        let mut node = 0u32;
        for n in norms {
            node = *self.nodes[node as usize].children.get(*n)?;
        }
        let t = &self.nodes[node as usize].terminal;
        (!t.is_empty()).then_some(t.as_slice())
    }

    /// The longest phrase starting at `tokens[start]` whose case requirements hold: its length
    /// in tokens and the phrases stored there that match.
    pub fn longest_at(&self, tokens: &[Token], start: usize) -> Option<(usize, Vec<&Phrase<T>>)> {
        let mut node = 0u32;
        let mut best: Option<(usize, Vec<&Phrase<T>>)> = None;
        let mut i = start;
        while i < tokens.len() {
            let Some(&next) = self.nodes[node as usize].children.get(tokens[i].norm.as_str()) else { break };
            node = next;
            i += 1;
            let len = i - start;
            let ok: Vec<&Phrase<T>> = self.nodes[node as usize]
                .terminal
                .iter()
                .filter(|p| case_ok(&p.cases, &tokens[start..i]))
                .collect();
            if !ok.is_empty() {
                best = Some((len, ok));
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
