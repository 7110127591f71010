//! Penn Treebank phrase-structure trees, as given in a record's `<Parse>`.
//!
//! `(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) ...)) (. .)))`: a node is `(LABEL children...)`,
//! a leaf is `(TAG word)`. The root label may be empty (`( (S ...))`). A parse whose brackets do
//! not balance is refused with the byte where it goes wrong.

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

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

/// What a node is, as far as coding cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A noun phrase (`NP`, `NP-TMP`, `NX`, `NML`).
    NounPhrase,
    /// A verb phrase.
    VerbPhrase,
    /// A clause (`S`, `SQ`, `SINV`, `ROOT`, the unlabelled root).
    Clause,
    /// A coordinating conjunction.
    Conjunction,
    /// `UCP` or `QP`: coordinations of unlike or quantity phrases.
    OtherCoordination,
    /// Anything else.
    Other,
}

/// A node of the tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Phrase label (`NP`, `VP`, `S` ...) or part-of-speech tag for a preterminal.
    pub label: std::borrow::Cow<'static, str>,
    /// The label's kind.
    pub kind: NodeKind,
    /// Parent node.
    pub parent: Option<usize>,
    /// First leaf covered.
    pub start: usize,
    /// One past the last leaf covered.
    pub end: usize,
    /// For a preterminal: the leaf index.
    pub leaf: Option<usize>,
    /// Where the children are in the tree's child list.
    children: (u32, u32),
}

/// A word; its part-of-speech tag is the label of its preterminal node.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// Byte range of the word in the tree's text.
    span: (u32, u32),
    /// Its preterminal node.
    pub node: usize,
}

/// A parsed tree. Nodes, leaves and child lists are flat arrays: a handful of allocations a
/// tree, whatever its size.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// Nodes; 0 is the root.
    pub nodes: Vec<Node>,
    /// Leaves in order.
    pub leaves: Vec<Leaf>,
    child_list: Vec<usize>,
    text: String,
}

impl Tree {
    /// The part-of-speech tag of leaf `i` ("" when there is no leaf `i`).
    pub fn tag(&self, i: usize) -> &str {
        self.leaves.get(i).and_then(|l| self.nodes.get(l.node)).map_or("", |n| &n.label)
    }

    /// The word of leaf `i` as written in the parse ("" when there is no leaf `i`).
    pub fn word(&self, i: usize) -> &str {
        self.leaves.get(i).and_then(|l| self.text.get(l.span.0 as usize..l.span.1 as usize)).unwrap_or("")
    }

    /// The sentence the leaves spell, as text: the words joined by spaces, Penn Treebank's
    /// escapes undone (`-LRB-` is `(`, `` `` `` and `''` are `"`) and the tokens that belong to
    /// the word before them joined back to it (closing punctuation, `'s`, `n't`): the leaves
    /// `Gondor 's envoy did n't -LRB- yet -RRB- agree .` are "Gondor's envoy didn't (yet) agree.".
    pub fn sentence(&self) -> String {
        let mut out = String::new();
        let mut glue_next = true;
        for i in 0..self.leaves.len() {
            let leaf = self.word(i);
            let (word, opening, closing) = match leaf {
                "-LRB-" | "-LCB-" | "-LSB-" => ("(", true, false),
                "-RRB-" | "-RCB-" | "-RSB-" => (")", false, true),
                "``" => ("\"", true, false),
                "''" => ("\"", false, true),
                w => {
                    (w, false, matches!(w, "," | "." | ";" | ":" | "?" | "!" | "%") || w.starts_with('\'') || w.eq_ignore_ascii_case("n't"))
                }
            };
            if !glue_next && !closing {
                out.push(' ');
            }
            out.push_str(word);
            glue_next = opening;
        }
        out
    }

    /// The children of node `n`, in order (none when there is no node `n`).
    pub fn children(&self, n: usize) -> &[usize] {
        self.nodes.get(n).and_then(|n| self.child_list.get(n.children.0 as usize..n.children.1 as usize)).unwrap_or(&[])
    }
}

#[derive(Debug)]
enum Tok<'a> {
    Open(usize),
    Close(usize),
    Atom(&'a str, usize),
}

fn lex(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::with_capacity(text.len() / 3);
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
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
                while bytes.get(i).is_some_and(|c| !c.is_ascii_whitespace() && *c != b'(' && *c != b')') {
                    i += 1;
                }
                // ASCII delimiters only, so both ends are character boundaries.
                out.push(Tok::Atom(text.get(s..i).unwrap_or(""), s));
            }
        }
    }
    out
}

impl Tree {
    /// Parses a Penn Treebank string.
    pub fn parse(text: &str) -> Result<Tree, TreeError> {
        let toks = lex(text);
        let mut tree = Tree { nodes: Vec::with_capacity(toks.len() / 2), leaves: Vec::with_capacity(toks.len() / 4), ..Tree::default() };
        let mut stack: Vec<usize> = Vec::new();
        let mut k = 0;
        let mut done = false;
        while let Some(tok) = toks.get(k) {
            match *tok {
                Tok::Open(at) => {
                    if done {
                        return Err(TreeError { byte: at, message: "text after the end of the tree".into() });
                    }
                    // label (maybe absent) then either a word and `)` (preterminal) or children
                    let (label, next) = match toks.get(k + 1) {
                        Some(Tok::Atom(l, _)) => (intern_label(l), k + 2),
                        _ => (std::borrow::Cow::Borrowed(""), k + 1),
                    };
                    let kind = kind_of(&label);
                    let id = tree.nodes.len();
                    let parent = stack.last().copied();
                    tree.nodes.push(Node {
                        label,
                        kind,
                        parent,
                        children: (0, 0),
                        start: tree.leaves.len(),
                        end: tree.leaves.len(),
                        leaf: None,
                    });
                    if let (Some(Tok::Atom(word, at)), Some(Tok::Close(_))) = (toks.get(next), toks.get(next + 1)) {
                        let leaf = tree.leaves.len();
                        tree.leaves.push(Leaf { span: (*at as u32, (*at + word.len()) as u32), node: id });
                        if let Some(n) = tree.nodes.last_mut() {
                            n.leaf = Some(leaf);
                            n.end = leaf + 1;
                        }
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
                    let end = tree.leaves.len();
                    if let Some(n) = tree.nodes.get_mut(id) {
                        n.end = end;
                    }
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
        // Child lists: nodes were made in pre-order, so each parent's children come in order.
        // `counts[p + 1]` is the number of children of `p`, then (prefix sums) where the
        // children of `p + 1` start; every parent is an earlier node, so all indices are in range.
        let mut counts = vec![0u32; tree.nodes.len() + 1];
        for n in &tree.nodes {
            if let Some(c) = n.parent.and_then(|p| counts.get_mut(p + 1)) {
                *c += 1;
            }
        }
        let mut total = 0;
        for c in counts.iter_mut() {
            total += *c;
            *c = total;
        }
        let mut fill: Vec<u32> = counts.clone();
        tree.child_list = vec![0; tree.nodes.len().saturating_sub(1)];
        for (id, n) in tree.nodes.iter().enumerate() {
            if let Some(f) = n.parent.and_then(|p| fill.get_mut(p)) {
                if let Some(slot) = tree.child_list.get_mut(*f as usize) {
                    *slot = id;
                }
                *f += 1;
            }
        }
        for (n, w) in tree.nodes.iter_mut().zip(counts.windows(2)) {
            if let [a, b] = *w {
                n.children = (a, b);
            }
        }
        tree.text = text.to_string();
        Ok(tree)
    }

    /// Ancestors of a node, nearest first (the node itself excluded).
    pub fn ancestors(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.nodes.get(node).and_then(|n| n.parent), move |&n| self.nodes.get(n).and_then(|n| n.parent))
    }

    /// The lowest node covering leaves `a` and `b` (the root when a leaf is out of range).
    pub fn common_ancestor(&self, a: usize, b: usize) -> usize {
        let (lo, hi) = (a.min(b), a.max(b));
        let Some(mut n) = self.leaves.get(lo).map(|l| l.node) else { return 0 };
        loop {
            let Some(node) = self.nodes.get(n) else { return 0 };
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

/// A Penn Treebank label shared rather than allocated per node (the common ones).
fn intern_label(l: &str) -> std::borrow::Cow<'static, str> {
    use std::borrow::Cow::{Borrowed, Owned};
    match l {
        "ROOT" => Borrowed("ROOT"),
        "S" => Borrowed("S"),
        "SBAR" => Borrowed("SBAR"),
        "NP" => Borrowed("NP"),
        "VP" => Borrowed("VP"),
        "PP" => Borrowed("PP"),
        "ADJP" => Borrowed("ADJP"),
        "ADVP" => Borrowed("ADVP"),
        "PRT" => Borrowed("PRT"),
        "WHNP" => Borrowed("WHNP"),
        "PRN" => Borrowed("PRN"),
        "CC" => Borrowed("CC"),
        "CD" => Borrowed("CD"),
        "DT" => Borrowed("DT"),
        "IN" => Borrowed("IN"),
        "JJ" => Borrowed("JJ"),
        "MD" => Borrowed("MD"),
        "NN" => Borrowed("NN"),
        "NNS" => Borrowed("NNS"),
        "NNP" => Borrowed("NNP"),
        "NNPS" => Borrowed("NNPS"),
        "POS" => Borrowed("POS"),
        "PRP" => Borrowed("PRP"),
        "PRP$" => Borrowed("PRP$"),
        "RB" => Borrowed("RB"),
        "RP" => Borrowed("RP"),
        "TO" => Borrowed("TO"),
        "VB" => Borrowed("VB"),
        "VBD" => Borrowed("VBD"),
        "VBG" => Borrowed("VBG"),
        "VBN" => Borrowed("VBN"),
        "VBP" => Borrowed("VBP"),
        "VBZ" => Borrowed("VBZ"),
        "WDT" => Borrowed("WDT"),
        "," => Borrowed(","),
        "." => Borrowed("."),
        other => Owned(other.to_string()),
    }
}

fn kind_of(label: &str) -> NodeKind {
    if is_np(label) {
        NodeKind::NounPhrase
    } else if label == "VP" {
        NodeKind::VerbPhrase
    } else if is_clause(label) {
        NodeKind::Clause
    } else if label == "CC" {
        NodeKind::Conjunction
    } else if label == "UCP" || label == "QP" {
        NodeKind::OtherCoordination
    } else {
        NodeKind::Other
    }
}

/// True for noun-phrase labels (`NP`, `NP-TMP`, `NX`, `NML`).
fn is_np(label: &str) -> bool {
    label == "NP" || label.starts_with("NP-") || label == "NX" || label == "NML"
}

/// True for clause labels.
fn is_clause(label: &str) -> bool {
    matches!(label, "S" | "SQ" | "SINV" | "ROOT" | "") || label.starts_with("S-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_are_total() {
        let t = Tree::parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD restored))))").unwrap();
        assert_eq!((t.word(2), t.tag(2), t.word(usize::MAX)), ("", "", ""));
        assert!(t.children(t.nodes.len()).is_empty());
        assert_eq!(t.common_ancestor(0, 9), 0);
        assert_eq!(t.ancestors(t.nodes.len()).count(), 0);
        assert_eq!(t.children(0).len(), 1);
    }

    #[test]
    fn parses_leaves_and_spans() {
        let t = Tree::parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties))) (. .)))").unwrap();
        let words: Vec<&str> = (0..t.leaves.len()).map(|i| t.word(i)).collect();
        assert_eq!(words, ["Arnor", "restored", "ties", "."]);
        assert_eq!(t.tag(1), "VBD");
        let s = t.nodes.iter().position(|n| n.label == "S").unwrap();
        assert_eq!((t.nodes[s].start, t.nodes[s].end), (0, 4));
        let ca = t.common_ancestor(0, 2);
        assert_eq!(t.nodes[ca].label, "S");
        let vp = t.nodes.iter().position(|n| n.label == "VP").unwrap();
        let kids: Vec<&str> = t.children(vp).iter().map(|&c| &*t.nodes[c].label).collect();
        assert_eq!(kids, ["VBD", "NP"]);
        assert_eq!(t.children(s).len(), 3);
    }

    #[test]
    fn sentence_rejoins_the_tokens() {
        let t = Tree::parse(
            "(ROOT (S (NP (NP (NNP Gondor) (POS 's)) (NN envoy)) (VP (VBD did) (RB n't) (-LRB- -LRB-) (RB yet) (-RRB- -RRB-) \
             (VP (VB say) (`` ``) (NP (NNS ties)) ('' '') (, ,) (NP (CD 5) (NN %)))) (. .)))",
        )
        .unwrap();
        assert_eq!(t.sentence(), "Gondor's envoy didn't (yet) say \"ties\", 5%.");
        assert_eq!(Tree::parse("(ROOT (S (NP (NNP Arnor))))").unwrap().sentence(), "Arnor");
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
