//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over one joint class per
//! (UPOS, XPOS) pair seen in training, with word, affix, shape, context-word and tag-history
//! features (Collins 2002; the feature set follows Honnibal's tagger, widened with shapes and
//! right-context affixes).

use crate::hash;
use crate::perceptron::{Trainer, Weights};

/// Per-token hashes the tagger and parser features are built from, computed once per token.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenFeats {
    pub(crate) lower: u64,
    pub(crate) form: u64,
    pub(crate) shape: u64,
    pub(crate) pre: [u64; 3],
    pub(crate) suf: [u64; 4],
    /// The word's ambiguity class: the tags it had in training (`NO_AMB` if rare or unseen).
    pub(crate) amb: u64,
}

/// Ambiguity class of words not in the lexicon.
pub(crate) const NO_AMB: u64 = 23;

/// Words seen often enough in training, with their ambiguity classes.
pub(crate) type Lexicon = rustc_hash::FxHashMap<u64, u64>;

/// Stand-ins for positions before the first and after the last token.
const PAD_START: TokenFeats = TokenFeats { lower: 11, form: 11, shape: 11, pre: [11; 3], suf: [11; 4], amb: 11 };
const PAD_END: TokenFeats = TokenFeats { lower: 13, form: 13, shape: 13, pre: [13; 3], suf: [13; 4], amb: 13 };

/// The tag history value before the sentence starts.
pub(crate) const TAG_START: u64 = 0xffff;

impl TokenFeats {
    /// Hashes of `form`; `lower` is scratch (no allocation once it has grown).
    pub(crate) fn new(form: &str, lexicon: &Lexicon, lower: &mut String, shape: &mut String) -> TokenFeats {
        lower.clear();
        for c in form.chars() {
            if c.is_ascii() {
                lower.push(c.to_ascii_lowercase());
            } else {
                lower.extend(c.to_lowercase());
            }
        }
        shape.clear();
        let (mut last, mut run) = ('\0', 0);
        for c in form.chars() {
            let s = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if s == last {
                run += 1;
            } else {
                last = s;
                run = 1;
            }
            if run <= 2 && shape.len() < 12 {
                shape.push(s);
            }
        }
        let l = lower.as_str();
        let mut pre = [0u64; 3];
        let mut suf = [0u64; 4];
        let chars = l.char_indices().map(|(i, _)| i).chain(std::iter::once(l.len()));
        // Prefixes: the first 1..=3 characters.
        let mut ends = [l.len(); 3];
        for (k, i) in chars.skip(1).take(3).enumerate() {
            ends[k] = i;
        }
        for k in 0..3 {
            pre[k] = hash::str(&l[..ends[k]]);
        }
        // Suffixes: the last 1..=4 characters.
        let mut starts = [0usize; 4];
        for (k, (i, _)) in l.char_indices().rev().take(4).enumerate() {
            starts[k] = i;
        }
        let nchars = l.chars().count();
        for k in 0..4 {
            let s = if k < nchars { starts[k] } else { 0 };
            suf[k] = hash::str(&l[s..]) ^ (k as u64 + 1);
        }
        let lower = hash::str(l);
        let amb = lexicon.get(&lower).copied().unwrap_or(NO_AMB);
        TokenFeats { lower, form: hash::str(form), shape: hash::str(shape), pre, suf, amb }
    }
}

/// Fill `out` with the feature keys of token `i`.
#[inline]
pub(crate) fn features(toks: &[TokenFeats], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    let at = |j: isize| -> &TokenFeats {
        if j < 0 {
            &PAD_START
        } else {
            toks.get(j as usize).unwrap_or(&PAD_END)
        }
    };
    let i = i as isize;
    let (w, m1, m2, n1, n2) = (at(i), at(i - 1), at(i - 2), at(i + 1), at(i + 2));
    out.clear();
    let k = hash::key;
    out.extend_from_slice(&[
        k(0, 0, 0, 0),
        k(1, w.lower, 0, 0),
        k(2, w.form, 0, 0),
        k(3, w.suf[0], 0, 0),
        k(4, w.suf[1], 0, 0),
        k(5, w.suf[2], 0, 0),
        k(6, w.suf[3], 0, 0),
        k(7, w.pre[0], 0, 0),
        k(8, w.pre[1], 0, 0),
        k(9, w.pre[2], 0, 0),
        k(10, w.shape, 0, 0),
        k(11, p1, 0, 0),
        k(12, p2, p1, 0),
        k(13, p1, w.lower, 0),
        k(14, m1.lower, 0, 0),
        k(15, m1.suf[2], 0, 0),
        k(16, m2.lower, 0, 0),
        k(17, n1.lower, 0, 0),
        k(18, n1.suf[2], 0, 0),
        k(19, n2.lower, 0, 0),
        k(20, n1.shape, 0, 0),
        k(21, m1.lower, w.lower, 0),
        k(22, w.lower, n1.lower, 0),
        k(23, p1, w.suf[2], 0),
        k(24, (i == 0) as u64, w.shape, 0),
        k(25, m1.shape, 0, 0),
        k(26, p2, 0, 0),
        k(27, n1.suf[1], w.suf[2], 0),
        k(28, p1, n1.lower, 0),
        k(29, w.amb, 0, 0),
        k(30, n1.amb, 0, 0),
        k(31, n2.amb, 0, 0),
        k(32, p1, w.amb, 0),
        k(33, w.amb, n1.amb, 0),
        k(34, w.lower, n1.amb, 0),
        k(35, m1.amb, w.amb, 0),
    ]);
}

/// Tag a sentence with `weights` into `tags` (class ids), reusing `feats` and `scores`.
pub(crate) fn tag(
    weights: &Weights,
    toks: &[TokenFeats],
    tags: &mut Vec<u16>,
    feats: &mut Vec<u64>,
    scores: &mut Vec<i32>,
    rows: &mut Vec<(u32, u32)>,
) {
    tags.clear();
    let n = weights.n_classes;
    for i in 0..toks.len() {
        let p1 = if i >= 1 { tags[i - 1] as u64 } else { TAG_START };
        let p2 = if i >= 2 { tags[i - 2] as u64 } else { TAG_START };
        features(toks, i, p1, p2, feats);
        scores.clear();
        scores.resize(n, 0);
        weights.score(feats, scores, rows);
        tags.push(argmax(scores) as u16);
    }
}

/// Index of the largest score (the first on ties).
#[inline]
pub(crate) fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// One training pass over a sentence: predict left to right with the current weights, update
/// on errors. Returns the number of correct tags.
pub(crate) fn train_sentence(
    t: &mut Trainer,
    n_classes: usize,
    toks: &[TokenFeats],
    gold: &[u16],
    feats: &mut Vec<u64>,
    scores: &mut Vec<i64>,
) -> usize {
    let mut correct = 0;
    let (mut p1, mut p2) = (TAG_START, TAG_START);
    #[allow(clippy::needless_range_loop)] // i is the position the features are taken at
    for i in 0..toks.len() {
        features(toks, i, p1, p2, feats);
        scores.clear();
        scores.resize(n_classes, 0);
        t.score(feats, scores);
        let mut guess = 0;
        for (c, &s) in scores.iter().enumerate() {
            if s > scores[guess] {
                guess = c;
            }
        }
        t.tick();
        if guess != gold[i] as usize {
            t.update(feats, gold[i] as usize, guess);
        } else {
            correct += 1;
        }
        p2 = p1;
        p1 = guess as u64;
    }
    correct
}
