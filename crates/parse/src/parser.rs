//! The dependency parser: greedy arc-hybrid transitions (Kuhlmann et al. 2011) with the root at
//! the end of the buffer (Ballesteros & Nivre 2013) and labelled arcs, scored by an averaged
//! perceptron over Zhang & Nivre (2011)-style features, trained with the arc-hybrid dynamic
//! oracle and exploration (Goldberg & Nivre 2013).
//!
//! Classes: `0` = SHIFT, `1 + l` = LEFT-l (s0 ← b0), `1 + L + l` = RIGHT-l (s1 → s0), with label
//! 0 the root label, used only by the LEFT arc from the root at the end of the buffer, and only
//! when s0 is alone on the stack, so every parse is a tree with one root word.

use crate::hash;
use crate::perceptron::{Trainer, Weights};

const NONE: u16 = u16::MAX;
const NO_LABEL: u8 = u8::MAX;
/// Word and tag values of missing positions and of the root.
const W_NONE: u64 = 17;
const W_ROOT: u64 = 19;
const T_NONE: u64 = 0xfffe;
const T_ROOT: u64 = 0xfffd;

/// The configuration of the transition system, reused from sentence to sentence.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Words in the sentence; index `n` is the root.
    n: usize,
    pub(crate) stack: Vec<u16>,
    /// First buffer position (`n` when only the root is left).
    b: usize,
    pub(crate) heads: Vec<u16>,
    pub(crate) labels: Vec<u8>,
    // Two leftmost and two rightmost children, child counts and label sets per position.
    l1: Vec<u16>,
    l2: Vec<u16>,
    r1: Vec<u16>,
    r2: Vec<u16>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    pub(crate) fn reset(&mut self, n: usize) {
        self.n = n;
        self.b = 0;
        self.stack.clear();
        for v in [&mut self.heads, &mut self.l1, &mut self.l2, &mut self.r1, &mut self.r2] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.labels.clear();
        self.labels.resize(n + 1, NO_LABEL);
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n + 1, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(n + 1, 0);
        }
    }

    pub(crate) fn done(&self) -> bool {
        self.b == self.n && self.stack.is_empty()
    }

    fn s(&self, i: usize) -> u16 {
        if i < self.stack.len() {
            self.stack[self.stack.len() - 1 - i]
        } else {
            NONE
        }
    }

    fn add_arc(&mut self, head: u16, dep: u16, label: u8) {
        let (h, d) = (head as usize, dep as usize);
        self.heads[d] = head;
        self.labels[d] = label;
        if dep < head {
            if self.l1[h] == NONE || dep < self.l1[h] {
                self.l2[h] = self.l1[h];
                self.l1[h] = dep;
            } else if self.l2[h] == NONE || dep < self.l2[h] {
                self.l2[h] = dep;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= 1u64 << (label % 64);
        } else {
            if self.r1[h] == NONE || dep > self.r1[h] {
                self.r2[h] = self.r1[h];
                self.r1[h] = dep;
            } else if self.r2[h] == NONE || dep > self.r2[h] {
                self.r2[h] = dep;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= 1u64 << (label % 64);
        }
    }

    /// Is class `c` allowed (with `n_labels` labels)?
    #[inline]
    pub(crate) fn valid(&self, c: usize, n_labels: usize) -> bool {
        let at_root = self.b == self.n;
        if c == 0 {
            return !at_root;
        }
        let depth = self.stack.len();
        if c <= n_labels {
            let label = c - 1;
            if at_root {
                label == 0 && depth == 1
            } else {
                label != 0 && depth >= 1
            }
        } else {
            let label = c - 1 - n_labels;
            label != 0 && depth >= 2
        }
    }

    pub(crate) fn apply(&mut self, c: usize, n_labels: usize) {
        if c == 0 {
            self.stack.push(self.b as u16);
            self.b += 1;
        } else if c <= n_labels {
            let s0 = self.stack.pop().unwrap_or(NONE);
            self.add_arc(self.b as u16, s0, (c - 1) as u8);
        } else {
            let s0 = self.stack.pop().unwrap_or(NONE);
            let s1 = self.s(0);
            self.add_arc(s1, s0, (c - 1 - n_labels) as u8);
        }
    }

    /// Features of the current configuration over `words` (lowercase hashes) and `tags`.
    #[inline]
    pub(crate) fn features(&self, words: &[u64], tags: &[u16], out: &mut Vec<u64>) {
        let n = self.n;
        let w = |i: u16| -> u64 {
            if i == NONE {
                W_NONE
            } else if i as usize == n {
                W_ROOT
            } else {
                words[i as usize]
            }
        };
        let t = |i: u16| -> u64 {
            if i == NONE {
                T_NONE
            } else if i as usize == n {
                T_ROOT
            } else {
                tags[i as usize] as u64
            }
        };
        let l = |i: u16| -> u64 {
            if i == NONE {
                0xff
            } else {
                self.labels[i as usize] as u64
            }
        };
        let get = |v: &Vec<u16>, i: u16| -> u16 {
            if i == NONE {
                NONE
            } else {
                v[i as usize]
            }
        };
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let b0 = self.b as u16;
        let b1 = if self.b + 1 < n { (self.b + 1) as u16 } else { NONE };
        let b2 = if self.b + 2 < n { (self.b + 2) as u16 } else { NONE };
        let (s0l, s0l2, s0r, s0r2) = (get(&self.l1, s0), get(&self.l2, s0), get(&self.r1, s0), get(&self.r2, s0));
        let (s1l, s1r, s1r2) = (get(&self.l1, s1), get(&self.r1, s1), get(&self.r2, s1));
        let (b0l, b0l2) = (get(&self.l1, b0), get(&self.l2, b0));
        let (s0w, s0t, s1w, s1t, s2w, s2t) = (w(s0), t(s0), w(s1), t(s1), w(s2), t(s2));
        let (b0w, b0t, b1w, b1t, b2w, b2t) = (w(b0), t(b0), w(b1), t(b1), w(b2), t(b2));
        let bucket = |a: u16, b: u16| -> u64 {
            if a == NONE || b == NONE {
                0
            } else {
                let d = (b as i64 - a as i64).unsigned_abs();
                match d {
                    0..=4 => d,
                    5..=7 => 5,
                    8..=12 => 6,
                    _ => 7,
                }
            }
        };
        let d0 = bucket(s0, b0);
        let d1 = bucket(s1, s0);
        let val = |v: &Vec<u8>, i: u16| -> u64 {
            if i == NONE {
                0xff
            } else {
                v[i as usize] as u64
            }
        };
        let set = |v: &Vec<u64>, i: u16| -> u64 {
            if i == NONE {
                1
            } else {
                v[i as usize]
            }
        };
        let (s0vl, s0vr, s1vr, b0vl) = (val(&self.nl, s0), val(&self.nr, s0), val(&self.nr, s1), val(&self.nl, b0));
        let k = hash::key;
        out.clear();
        out.extend_from_slice(&[
            k(0, 0, 0, 0),
            // Unigrams.
            k(1, s0w, 0, 0),
            k(2, s0t, 0, 0),
            k(3, s0w, s0t, 0),
            k(4, s1w, 0, 0),
            k(5, s1t, 0, 0),
            k(6, s1w, s1t, 0),
            k(7, s2t, 0, 0),
            k(8, s2w, s2t, 0),
            k(9, b0w, 0, 0),
            k(10, b0t, 0, 0),
            k(11, b0w, b0t, 0),
            k(12, b1w, 0, 0),
            k(13, b1t, 0, 0),
            k(14, b1w, b1t, 0),
            k(15, b2w, b2t, 0),
            k(16, b2t, 0, 0),
            // s0 and b0.
            k(17, s0w, s0t, b0w ^ (b0t << 40)),
            k(18, s0w, s0t, b0w),
            k(19, s0w, b0w, b0t),
            k(20, s0w, s0t, b0t),
            k(21, s0t, b0w, b0t),
            k(22, s0w, b0w, 0),
            k(23, s0t, b0t, 0),
            // s1 and s0.
            k(24, s1w, s1t, s0w ^ (s0t << 40)),
            k(25, s1w, s1t, s0w),
            k(26, s1w, s0w, s0t),
            k(27, s1w, s1t, s0t),
            k(28, s1t, s0w, s0t),
            k(29, s1w, s0w, 0),
            k(30, s1t, s0t, 0),
            // Tag trigrams.
            k(31, b0t, b1t, b2t),
            k(32, s0t, b0t, b1t),
            k(33, s1t, s0t, b0t),
            k(34, s2t, s1t, s0t),
            k(35, b0t, b1t, 0),
            k(36, s1t, s0t, b1t),
            k(37, s0t, t(s0l), b0t),
            k(38, s0t, t(s0r), b0t),
            k(39, s1t, t(s1r), s0t),
            k(40, s1t, s0t, t(s0l)),
            k(41, s1t, s0t, t(s0r)),
            k(42, b0t, t(b0l), s0t),
            k(43, b0t, t(b0l), t(b0l2)),
            k(44, s0t, t(s0l), t(s0l2)),
            k(45, s0t, t(s0r), t(s0r2)),
            k(46, s1t, t(s1r), t(s1r2)),
            // Distance.
            k(47, s0w, d0, 0),
            k(48, s0t, d0, 0),
            k(49, b0w, d0, 0),
            k(50, b0t, d0, 0),
            k(51, s0t, b0t, d0),
            k(52, s1t, s0t, d1),
            k(53, s1w, d1, 0),
            k(54, s0w, d1, 0),
            // Valency.
            k(55, s0w, s0vl, 0),
            k(56, s0w, s0vr, 0),
            k(57, s0t, s0vl, s0vr),
            k(58, s1w, s1vr, 0),
            k(59, s1t, s1vr, 0),
            k(60, b0w, b0vl, 0),
            k(61, b0t, b0vl, 0),
            // Children.
            k(62, w(s0l), 0, 0),
            k(63, t(s0l), l(s0l), 0),
            k(64, w(s0r), 0, 0),
            k(65, t(s0r), l(s0r), 0),
            k(66, w(s1r), 0, 0),
            k(67, t(s1r), l(s1r), 0),
            k(68, t(s1l), l(s1l), 0),
            k(69, w(b0l), 0, 0),
            k(70, t(b0l), l(b0l), 0),
            k(71, t(s0l2), l(s0l2), 0),
            k(72, t(s0r2), l(s0r2), 0),
            k(73, t(b0l2), l(b0l2), 0),
            k(74, s0t, l(s0l), l(s0l2)),
            k(75, s0t, l(s0r), l(s0r2)),
            // Label sets.
            k(76, s0w, set(&self.lset, s0), 0),
            k(77, s0t, set(&self.lset, s0), 0),
            k(78, s0w, set(&self.rset, s0), 0),
            k(79, s0t, set(&self.rset, s0), 0),
            k(80, s1t, set(&self.rset, s1), 0),
            k(81, b0w, set(&self.lset, b0), 0),
            k(82, b0t, set(&self.lset, b0), 0),
            k(83, s1w, set(&self.rset, s1), 0),
            // Word pairs with the next word.
            k(84, b0w, b1w, 0),
            k(85, s0w, b1w, 0),
            k(86, s0t, b0t, s1w),
        ]);
    }

    /// Costs of SHIFT, LEFT and RIGHT (unlabelled) against `gold` heads (index `n` = root),
    /// from the arc-hybrid dynamic oracle of Goldberg & Nivre (2013).
    fn costs(&self, gold: &[u16]) -> [u32; 3] {
        let n = self.n;
        let b = self.b;
        let depth = self.stack.len();
        let (s0, s1) = (self.s(0), self.s(1));
        let mut shift = 0;
        if b < n {
            // b0 loses heads and dependents in the stack (only s0 can still become its head).
            for (i, &k) in self.stack.iter().enumerate() {
                let is_s0 = i + 1 == depth;
                if gold[b] == k && !is_s0 {
                    shift += 1;
                }
                if gold[k as usize] as usize == b {
                    shift += 1;
                }
            }
        }
        let mut left = 0;
        let mut right = 0;
        if depth >= 1 {
            let s0u = s0 as usize;
            let h = gold[s0u] as usize;
            // LEFT: s0's head becomes b0; it loses a head in s1 or b1.., and dependents in b0...
            if (depth >= 2 && h == s1 as usize) || (h > b && h <= n) {
                left += 1;
            }
            // RIGHT: s0's head becomes s1; it loses a head in the buffer, and dependents there.
            if h >= b && h <= n {
                right += 1;
            }
            for &g in &gold[b..n] {
                if g == s0 {
                    left += 1;
                    right += 1;
                }
            }
        }
        [shift, left, right]
    }

    /// The cost of every valid class into `costs` (`u32::MAX` when invalid).
    pub(crate) fn class_costs(&self, gold: &[u16], gold_labels: &[u8], n_labels: usize, costs: &mut Vec<u32>) {
        let [shift, left, right] = self.costs(gold);
        costs.clear();
        costs.resize(1 + 2 * n_labels, u32::MAX);
        if self.valid(0, n_labels) {
            costs[0] = shift;
        }
        let s0 = self.s(0);
        let s1 = self.s(1);
        let (gh, gl) = if s0 != NONE { (gold[s0 as usize], gold_labels[s0 as usize]) } else { (NONE, NO_LABEL) };
        for l in 0..n_labels {
            let c = 1 + l;
            if self.valid(c, n_labels) {
                let wrong = gh as usize == self.b && gl as usize != l;
                costs[c] = left + wrong as u32;
            }
            let c = 1 + n_labels + l;
            if self.valid(c, n_labels) {
                let wrong = gh == s1 && gl as usize != l;
                costs[c] = right + wrong as u32;
            }
        }
    }
}

/// Parse with `weights`: fills `state.heads`/`state.labels`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn parse(
    weights: &Weights,
    n_labels: usize,
    words: &[u64],
    tags: &[u16],
    state: &mut State,
    feats: &mut Vec<u64>,
    scores: &mut Vec<i32>,
    rows: &mut Vec<(u32, u32)>,
) {
    state.reset(words.len());
    let n_classes = 1 + 2 * n_labels;
    while !state.done() {
        state.features(words, tags, feats);
        scores.clear();
        scores.resize(n_classes, 0);
        weights.score(feats, scores, rows);
        let mut best = usize::MAX;
        for c in 0..n_classes {
            if (best == usize::MAX || scores[c] > scores[best]) && state.valid(c, n_labels) {
                best = c;
            }
        }
        if best == usize::MAX {
            break;
        }
        state.apply(best, n_labels);
    }
}

/// Training scratch.
#[derive(Debug, Default)]
pub(crate) struct TrainScratch {
    pub(crate) state: State,
    feats: Vec<u64>,
    scores: Vec<i64>,
    costs: Vec<u32>,
}

/// One training pass over a sentence with the dynamic oracle; `explore` follows the model's
/// own (possibly wrong) transitions. Returns (transitions, updates).
#[allow(clippy::too_many_arguments)]
pub(crate) fn train_sentence(
    t: &mut Trainer,
    n_labels: usize,
    words: &[u64],
    tags: &[u16],
    gold: &[u16],
    gold_labels: &[u8],
    explore: bool,
    s: &mut TrainScratch,
) -> (usize, usize) {
    let n_classes = 1 + 2 * n_labels;
    s.state.reset(words.len());
    let (mut steps, mut updates) = (0, 0);
    while !s.state.done() {
        s.state.features(words, tags, &mut s.feats);
        s.scores.clear();
        s.scores.resize(n_classes, 0);
        t.score(&s.feats, &mut s.scores);
        s.state.class_costs(gold, gold_labels, n_labels, &mut s.costs);
        let min = s.costs.iter().copied().min().unwrap_or(u32::MAX);
        if min == u32::MAX {
            break;
        }
        let (mut pred, mut best) = (usize::MAX, usize::MAX);
        for c in 0..n_classes {
            if s.costs[c] == u32::MAX {
                continue;
            }
            if pred == usize::MAX || s.scores[c] > s.scores[pred] {
                pred = c;
            }
            if s.costs[c] == min && (best == usize::MAX || s.scores[c] > s.scores[best]) {
                best = c;
            }
        }
        t.tick();
        steps += 1;
        if s.costs[pred] > min {
            t.update(&s.feats, best, pred);
            updates += 1;
        }
        let next = if explore { pred } else { best };
        s.state.apply(next, n_labels);
    }
    (steps, updates)
}

/// Lift non-projective arcs (each to its head's head) until the tree is projective; `heads` use
/// `n` for the root. Labels are kept.
pub(crate) fn projectivize(heads: &mut [u16]) {
    let n = heads.len();
    loop {
        let mut changed = false;
        // Find the shortest non-projective arc and lift it.
        let mut worst: Option<(usize, usize)> = None;
        for d in 0..n {
            let h = heads[d] as usize;
            if h == n {
                continue;
            }
            let (a, b) = if h < d { (h, d) } else { (d, h) };
            let crossing = (a + 1..b).any(|k| !dominated_by(heads, k, h, n));
            if crossing {
                let len = b - a;
                if worst.map_or(true, |(_, l)| len < l) {
                    worst = Some((d, len));
                }
            }
        }
        if let Some((d, _)) = worst {
            let h = heads[d] as usize;
            heads[d] = heads[h];
            changed = true;
        }
        if !changed {
            return;
        }
    }
}

/// Is `k` a descendant of `h` (heads with root `n`)?
fn dominated_by(heads: &[u16], mut k: usize, h: usize, n: usize) -> bool {
    let mut guard = 0;
    while k != n && guard <= heads.len() {
        if k == h {
            return true;
        }
        k = heads[k] as usize;
        guard += 1;
    }
    h == n
}
