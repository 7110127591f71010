//! Penn Treebank phrase-structure trees, as given in a record's `<Parse>`.
//!
//! `(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) ...)) (. .)))`: a node is `(LABEL children...)`,
//! a leaf is `(TAG word)`. The root label may be empty (`( (S ...))`). A parse whose brackets do
//! not balance is refused with the byte where it goes wrong.

use std::fmt;

/// A malformed parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeError {
    /// Byte offset in the parse text.
    pub byte: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "byte {}: {}", self.byte, self.message)
    }
}

/// A node of the tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Phrase label (`NP`, `VP`, `S` ...) or part-of-speech tag for a preterminal.
    pub label: std::borrow::Cow<'static, str>,
    /// Parent node.
    pub parent: Option<usize>,
    /// Children in order.
    pub children: Vec<usize>,
    /// First leaf covered.
    pub start: usize,
    /// One past the last leaf covered.
    pub end: usize,
    /// For a preterminal: the leaf index.
    pub leaf: Option<usize>,
}

/// A word; its part-of-speech tag is the label of its preterminal node.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// The word as in the parse.
    pub word: String,
    /// Its preterminal node.
    pub node: usize,
}

impl Tree {
    /// The part-of-speech tag of leaf `i`.
    pub fn tag(&self, i: usize) -> &str {
        &self.nodes[self.leaves[i].node].label
    }
}

/// A parsed tree.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// Nodes; 0 is the root.
    pub nodes: Vec<Node>,
    /// Leaves in order.
    pub leaves: Vec<Leaf>,
}

#[derive(Debug)]
enum Tok<'a> {
    Open(usize),
    Close(usize),
    Atom(&'a str, usize),
}

fn lex(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => {
                out.push(Tok::Open(i));
                i += 1;
            }
            b')' => {
                out.push(Tok::Close(i));
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let s = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'(' && bytes[i] != b')' {
                    i += 1;
                }
                out.push(Tok::Atom(&text[s..i], s));
            }
        }
    }
    out
}

impl Tree {
    /// Parses a Penn Treebank string.
    pub fn parse(text: &str) -> Result<Tree, TreeError> {
        let toks = lex(text);
        let mut tree = Tree::default();
        let mut stack: Vec<usize> = Vec::new();
        let mut k = 0;
        let mut done = false;
        while k < toks.len() {
            match toks[k] {
                Tok::Open(at) => {
                    if done {
                        return Err(TreeError { byte: at, message: "text after the end of the tree".into() });
                    }
                    // label (maybe absent) then either a word and `)` (preterminal) or children
                    let (label, next) = match toks.get(k + 1) {
                        Some(Tok::Atom(l, _)) => (intern_label(l), k + 2),
                        _ => (std::borrow::Cow::Borrowed(""), k + 1),
                    };
                    let id = tree.nodes.len();
                    let parent = stack.last().copied();
                    tree.nodes.push(Node { label, parent, children: Vec::new(), start: tree.leaves.len(), end: tree.leaves.len(), leaf: None });
                    if let Some(p) = parent {
                        tree.nodes[p].children.push(id);
                    }
                    if let (Some(Tok::Atom(word, _)), Some(Tok::Close(_))) = (toks.get(next), toks.get(next + 1)) {
                        let leaf = tree.leaves.len();
                        tree.leaves.push(Leaf { word: word.to_string(), node: id });
                        tree.nodes[id].leaf = Some(leaf);
                        tree.nodes[id].end = leaf + 1;
                        k = next + 2;
                        if parent.is_none() {
                            done = true;
                        }
                        continue;
                    }
                    stack.push(id);
                    k = next;
                }
                Tok::Close(at) => {
                    let Some(id) = stack.pop() else {
                        return Err(TreeError { byte: at, message: "unbalanced ')': closes nothing".into() });
                    };
                    tree.nodes[id].end = tree.leaves.len();
                    if stack.is_empty() {
                        done = true;
                    }
                    k += 1;
                }
                Tok::Atom(a, at) => {
                    return Err(TreeError { byte: at, message: format!("word '{a}' outside a (TAG word) pair") });
                }
            }
        }
        if let Some(&open) = stack.last() {
            let _ = open;
            return Err(TreeError { byte: text.len(), message: format!("unbalanced '(': {} not closed", stack.len()) });
        }
        if tree.leaves.is_empty() {
            return Err(TreeError { byte: 0, message: "empty parse".into() });
        }
        Ok(tree)
    }

    /// Ancestors of a node, nearest first (the node itself excluded).
    pub fn ancestors(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.nodes[node].parent, move |&n| self.nodes[n].parent)
    }

    /// The lowest node covering leaves `a` and `b`.
    pub fn common_ancestor(&self, a: usize, b: usize) -> usize {
        let (lo, hi) = (a.min(b), a.max(b));
        let mut n = self.leaves[lo].node;
        loop {
            let node = &self.nodes[n];
            if node.start <= lo && hi < node.end {
                return n;
            }
            match node.parent {
                Some(p) => n = p,
                None => return n,
            }
        }
    }
}

/// The Penn Treebank labels and tags, shared rather than allocated per node.
const LABELS: &[&str] = &[
    "ROOT", "S", "SBAR", "SBARQ", "SINV", "SQ", "NP", "VP", "PP", "ADJP", "ADVP", "PRT", "QP", "WHNP", "WHPP", "WHADVP", "WHADJP", "PRN", "UCP", "FRAG", "X", "NX", "NML", "CONJP",
    "INTJ", "LST", "RRC", "NP-TMP", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR",
    "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", ",", ".", ":", "``", "''", "-LRB-", "-RRB-", "#", "$", "HYPH",
];

fn intern_label(l: &str) -> std::borrow::Cow<'static, str> {
    match LABELS.iter().find(|k| **k == l) {
        Some(k) => std::borrow::Cow::Borrowed(k),
        None => std::borrow::Cow::Owned(l.to_string()),
    }
}

/// True for noun-phrase labels (`NP`, `NP-TMP`, `NX`, `NML`).
pub(crate) fn is_np(label: &str) -> bool {
    label == "NP" || label.starts_with("NP-") || label == "NX" || label == "NML"
}

/// True for clause labels.
pub(crate) fn is_clause(label: &str) -> bool {
    matches!(label, "S" | "SQ" | "SINV" | "ROOT" | "") || label.starts_with("S-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_leaves_and_spans() {
        let t = Tree::parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties))) (. .)))").unwrap();
        let words: Vec<&str> = t.leaves.iter().map(|l| l.word.as_str()).collect();
        assert_eq!(words, ["Arnor", "restored", "ties", "."]);
        assert_eq!(t.tag(1), "VBD");
        let s = t.nodes.iter().position(|n| n.label == "S").unwrap();
        assert_eq!((t.nodes[s].start, t.nodes[s].end), (0, 4));
        let ca = t.common_ancestor(0, 2);
        assert_eq!(t.nodes[ca].label, "S");
    }

    #[test]
    fn unlabelled_root() {
        let t = Tree::parse("( (S (NP (DT The) (NN stopover)) (VP (VBD came))))").unwrap();
        assert_eq!(t.leaves.len(), 3);
    }

    #[test]
    fn unbalanced_is_an_error() {
        let e = Tree::parse("(ROOT (S (NP (NNP Arnor)) (VP (VBZ is))) ) )").unwrap_err();
        assert!(e.message.contains("unbalanced"), "{e}");
        assert!(Tree::parse("(ROOT (S (NP (NNP Arnor))").is_err());
        assert!(Tree::parse("").is_err());
    }
}
