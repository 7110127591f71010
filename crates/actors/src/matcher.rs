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
    ///
    /// A hyphen written tight between two words stands for the space of a stored phrase when
    /// the phrase has no hyphen there: "Viet-Nam" (the UN's spelling until the 1990s) is
    /// "Viet Nam", "Bosnia-Herzegovina" is "Bosnia Herzegovina". A phrase stored with the
    /// hyphen ("Guinea-Bissau") matches it as written. Inside a phrase, `II` (a scanning error
    /// for "Il", as in "Kim II Sung") is read as "Il" where the phrase has no "II".
    pub fn longest_at(&self, tokens: &[Token], start: usize) -> Option<(usize, Vec<&Phrase<T>>)> {
        let mut best = None;
        self.walk(tokens, start, start, 0, 0, &mut best);
        best
    }

    /// Follow the trie from `node` at `tokens[i]`, keeping in `best` the longest phrase whose
    /// cases hold. At a tight hyphen both readings are followed: the hyphen as a word of the
    /// phrase and the hyphen as a space. `skipped` has bit `k` set for a hyphen at `start + k`
    /// read as a space.
    fn walk<'a>(
        &'a self,
        tokens: &[Token],
        start: usize,
        mut i: usize,
        mut node: u32,
        skipped: u64,
        best: &mut Option<(usize, Vec<&'a Phrase<T>>)>,
    ) {
        while i < tokens.len() {
            if i > start && i - start < 63 && tight_hyphen(tokens, i) {
                if let Some(next) = self.child(node, tokens[i + 1].norm.as_str()) {
                    self.walk_from(tokens, start, i + 2, next, skipped | 1 << (i - start), best);
                }
            }
            // "Kim II Sung": scanned text reads a capital I for the l of "Il" inside a name.
            let ocr_il =
                || (i > start && tokens[i].norm == "ii" && tokens[i].case == Case::Upper).then(|| self.child(node, "il")).flatten();
            let Some(next) = self.child(node, tokens[i].norm.as_str()).or_else(ocr_il) else { return };
            node = next;
            i += 1;
            self.record(tokens, start, i, node, skipped, best);
        }
    }

    /// Record the phrases ending at `node` (after `tokens[i - 1]`) and go on.
    fn walk_from<'a>(
        &'a self,
        tokens: &[Token],
        start: usize,
        i: usize,
        node: u32,
        skipped: u64,
        best: &mut Option<(usize, Vec<&'a Phrase<T>>)>,
    ) {
        self.record(tokens, start, i, node, skipped, best);
        self.walk(tokens, start, i, node, skipped, best);
    }

    fn record<'a>(
        &'a self,
        tokens: &[Token],
        start: usize,
        i: usize,
        node: u32,
        skipped: u64,
        best: &mut Option<(usize, Vec<&'a Phrase<T>>)>,
    ) {
        let len = i - start;
        if best.as_ref().is_some_and(|(l, _)| *l >= len) {
            return;
        }
        if let Some(terminal) = self.terminals.get(&node) {
            let ok: Vec<&Phrase<T>> = terminal.iter().filter(|p| case_ok(&p.cases, &tokens[start..i], skipped)).collect();
            if !ok.is_empty() {
                *best = Some((len, ok));
            }
        }
    }
}

/// A `-` token touching a word on each side ("Viet-Nam").
fn tight_hyphen(tokens: &[Token], i: usize) -> bool {
    tokens[i].norm == "-"
        && tokens.get(i + 1).is_some_and(|n| n.is_word && n.span.start == tokens[i].span.end)
        && tokens[i - 1].is_word
        && tokens[i - 1].span.end == tokens[i].span.start
}

/// The case requirements of a phrase against the tokens it matched, less the hyphens read as
/// spaces (bit `k` of `skipped` set for `tokens[k]`).
fn case_ok(required: &[Case], tokens: &[Token], skipped: u64) -> bool {
    let read = tokens.iter().enumerate().filter(|(k, _)| *k >= 64 || skipped & (1 << k) == 0).map(|(_, t)| t);
    required.iter().zip(read).all(|(req, tok)| match req {
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

    /// Phrases as the knowledge base stores them: normalised words and their cases.
    fn insert_all(t: &mut PhraseTrie<&'static str>, phrases: &[(&str, &'static str)]) {
        for (p, v) in phrases {
            let toks = tokenize_phrase(p);
            let norms: Vec<String> = toks.iter().map(|t| t.norm.clone()).collect();
            let cases = toks.iter().map(|t| t.case).collect();
            t.insert(&norms, Phrase { value: *v, cases });
        }
    }

    fn trie() -> PhraseTrie<&'static str> {
        let mut t = PhraseTrie::new();
        insert_all(
            &mut t,
            &[("US", "usa"), ("United States", "usa"), ("United States of America", "usa-long"), ("the Kremlin", "kremlin")],
        );
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

    #[test]
    fn a_tight_hyphen_reads_as_a_space() {
        let mut t = trie();
        insert_all(&mut t, &[("Viet Nam", "vnm"), ("Guinea-Bissau", "gnb"), ("Viet-Cong", "vc")]);
        let toks = tokenize_phrase("Viet-Nam and Guinea-Bissau and Viet - Nam and United-States-born");
        let (len, ps) = t.longest_at(&toks, 0).expect("Viet-Nam");
        assert_eq!((len, ps[0].value), (3, "vnm"));
        let (len, ps) = t.longest_at(&toks, 4).expect("Guinea-Bissau as stored");
        assert_eq!((len, ps[0].value), (3, "gnb"));
        assert!(t.longest_at(&toks, 8).is_none(), "a spaced dash is punctuation, not a joiner");
        let (len, ps) = t.longest_at(&toks, 12).expect("United-States");
        assert_eq!((len, ps[0].value), (3, "usa"));
    }

    #[test]
    fn a_scanned_ii_inside_a_name_reads_il() {
        let mut t = trie();
        insert_all(&mut t, &[("Kim Il Sung", "kim"), ("Pope John Paul II", "jp2")]);
        let toks = tokenize_phrase("Kim II Sung met Pope John Paul II");
        assert_eq!(t.longest_at(&toks, 0).map(|(len, ps)| (len, ps[0].value)), Some((3, "kim")));
        assert_eq!(t.longest_at(&toks, 4).map(|(len, ps)| (len, ps[0].value)), Some((4, "jp2")));
    }
}
