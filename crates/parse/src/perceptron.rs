//! The averaged perceptron: sparse training weights ([`Trainer`]) and the compact, quantised
//! run-time table ([`Weights`]).
//!
//! Both are keyed by 64-bit feature hashes and hold, per feature, only the classes it was ever
//! updated for (most features see a handful of the parser's ~100 classes), so scoring is a
//! scatter-add of short rows. Training is integer-only (weights ±1, totals in `i64`), hence
//! bit-for-bit reproducible.

use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u16,
    w: i32,
    total: i64,
    stamp: i64,
}

/// Averaged perceptron weights being trained.
#[derive(Debug, Default)]
pub(crate) struct Trainer {
    index: FxHashMap<u64, u32>,
    rows: Vec<Vec<Entry>>,
    /// Training instances seen (the averaging clock).
    step: i64,
}

impl Trainer {
    /// One more training instance (call once per prediction, updated or not).
    pub(crate) fn tick(&mut self) {
        self.step += 1;
    }

    /// Add the current (unaveraged) weights of `feats` to `scores`.
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [i64]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.w as i64;
                }
            }
        }
    }

    /// Reward `good` and penalise `bad` on `feats`.
    pub(crate) fn update(&mut self, feats: &[u64], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        let step = self.step;
        for &f in feats {
            let next = self.rows.len() as u32;
            let r = *self.index.entry(f).or_insert(next);
            if r == next {
                self.rows.push(Vec::new());
            }
            let row = &mut self.rows[r as usize];
            for (class, delta) in [(good, 1), (bad, -1)] {
                let e = match row.iter_mut().position(|e| e.class as usize == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Entry { class: class as u16, w: 0, total: 0, stamp: step });
                        row.last_mut().expect("just pushed")
                    }
                };
                e.total += (step - e.stamp) * e.w as i64;
                e.stamp = step;
                e.w += delta;
            }
        }
    }

    /// Number of features with weights.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// The averaged weights, quantised to `i16`; entries that round to less than `min_abs`
    /// (in quantised units) are dropped, and features left empty with them. With `max_bytes`,
    /// the threshold is raised until the serialised table fits (8 bytes a feature key, 1 for its
    /// row length, 3 a weight).
    pub(crate) fn average(&self, n_classes: usize, min_abs: i16, max_bytes: Option<usize>) -> Weights {
        let step = self.step.max(1) as f64;
        let mut feats: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        feats.sort_unstable();
        let avg = |e: &Entry| (e.total + (self.step - e.stamp) * e.w as i64) as f64 / step;
        let max = self.rows.iter().flatten().map(|e| avg(e).abs()).fold(0.0f64, f64::max);
        let scale = if max > 0.0 { 32_000.0 / max } else { 1.0 };
        let quant = |e: &Entry| (avg(e) * scale).round().clamp(-32_767.0, 32_767.0) as i64;
        let mut threshold = min_abs.max(1) as i64;
        if let Some(budget) = max_bytes {
            // Histograms of |weight| and of each feature's largest |weight|.
            let mut entries = vec![0usize; 32_768];
            let mut features = vec![0usize; 32_768];
            for row in &self.rows {
                let mut top = 0;
                for e in row {
                    let q = quant(e).unsigned_abs() as usize;
                    entries[q] += 1;
                    top = top.max(q);
                }
                features[top] += 1;
            }
            let (mut bytes, mut t) = (0usize, 32_767usize);
            // Walk down from the largest weights while the table still fits.
            while t >= threshold as usize {
                let more = entries[t] * 3 + features[t] * 9;
                if bytes + more > budget {
                    break;
                }
                bytes += more;
                t -= 1;
            }
            threshold = threshold.max(t as i64 + 1);
        }
        let mut w = WeightsBuilder::new(n_classes, scale as f32);
        let mut row: Vec<(u8, i16)> = Vec::new();
        for (key, r) in feats {
            row.clear();
            for e in &self.rows[r as usize] {
                let q = quant(e);
                if q.abs() >= threshold {
                    row.push((e.class as u8, q as i16));
                }
            }
            row.sort_unstable_by_key(|&(c, _)| c);
            w.push(key, &row);
        }
        w.build()
    }
}

/// Collects sorted features before the run-time table is built.
pub(crate) struct WeightsBuilder {
    n_classes: usize,
    scale: f32,
    keys: Vec<u64>,
    lens: Vec<u8>,
    classes: Vec<u8>,
    values: Vec<i16>,
}

impl WeightsBuilder {
    pub(crate) fn new(n_classes: usize, scale: f32) -> WeightsBuilder {
        WeightsBuilder { n_classes, scale, keys: Vec::new(), lens: Vec::new(), classes: Vec::new(), values: Vec::new() }
    }

    /// Add one feature's row (skipped when empty).
    pub(crate) fn push(&mut self, key: u64, row: &[(u8, i16)]) {
        if row.is_empty() {
            return;
        }
        self.keys.push(key);
        self.lens.push(row.len() as u8);
        for &(c, v) in row {
            self.classes.push(c);
            self.values.push(v);
        }
    }

    /// The table, with features stored in the order of their home slots, so that loading
    /// fills the table front to back instead of at random.
    pub(crate) fn build(self) -> Weights {
        let (_, shift) = Weights::geometry(self.keys.len());
        let mut starts = Vec::with_capacity(self.keys.len());
        let mut at = 0usize;
        for &l in &self.lens {
            starts.push(at);
            at += l as usize;
        }
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by_key(|&i| (Weights::home(self.keys[i], shift), self.keys[i]));
        let (mut keys, mut lens, mut classes, mut values) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for i in order {
            keys.push(self.keys[i]);
            lens.push(self.lens[i]);
            let (a, b) = (starts[i], starts[i] + self.lens[i] as usize);
            classes.extend_from_slice(&self.classes[a..b]);
            values.extend_from_slice(&self.values[a..b]);
        }
        Weights::from_parts(self.n_classes, self.scale, keys, lens, classes, values)
    }
}

/// `Slot::len` of a dense row.
const DENSE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

/// Run-time weights: an open-addressing table of feature hashes, each pointing at a run of
/// `(class, i16 weight)` pairs.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    pub(crate) n_classes: usize,
    /// Quantisation scale (weights × scale = stored values); informational.
    pub(crate) scale: f32,
    shift: u32,
    slots: Vec<Slot>,
    /// `(value as u16) << 16 | class`, one `u32` per weight: a row is one run of memory.
    packed: Vec<u32>,
    /// Rows with many classes, stored densely (`n_classes` values each): adding them is a
    /// vectorised loop instead of a scatter.
    dense: Vec<i16>,
    // Serialisable parts, kept in key order.
    keys: Vec<u64>,
    lens: Vec<u8>,
    classes: Vec<u8>,
    values: Vec<i16>,
}

impl Weights {
    pub(crate) fn from_parts(n_classes: usize, scale: f32, keys: Vec<u64>, lens: Vec<u8>, classes: Vec<u8>, values: Vec<i16>) -> Weights {
        let (cap, shift) = Weights::geometry(keys.len());
        let mut slots = vec![Slot::default(); cap];
        let mut start = 0u32;
        let mut dense = Vec::new();
        let dense_min = (n_classes / 4).max(8);
        for (&key, &len) in keys.iter().zip(&lens) {
            let mut i = Weights::home(key, shift);
            while slots[i].key != 0 {
                i = (i + 1) & (cap - 1);
            }
            let (a, b) = (start as usize, start as usize + len as usize);
            if len as usize >= dense_min {
                let at = dense.len();
                dense.resize(at + n_classes, 0i16);
                for (&c, &v) in classes[a..b].iter().zip(&values[a..b]) {
                    if let Some(x) = dense.get_mut(at + c as usize) {
                        *x = v;
                    }
                }
                slots[i] = Slot { key, start: at as u32, len: DENSE };
            } else {
                slots[i] = Slot { key, start, len: len as u32 };
            }
            start += len as u32;
        }
        let packed = classes.iter().zip(&values).map(|(&c, &v)| ((v as u16 as u32) << 16) | c as u32).collect();
        Weights { n_classes, scale, shift, slots, packed, dense, keys, lens, classes, values }
    }

    /// Slots and hash shift for `n` features (load factor at most 0.625).
    fn geometry(n: usize) -> (usize, u32) {
        let cap = (n * 8 / 5).max(16).next_power_of_two();
        (cap, 64 - cap.trailing_zeros())
    }

    #[inline(always)]
    fn home(key: u64, shift: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
    }

    #[inline(always)]
    fn slot_index(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Add the weights of every feature in `feats` to `scores` (`scores.len() == n_classes`).
    ///
    /// Lookups are cache misses (the table is megabytes), so they are done in passes whose loads
    /// do not depend on each other: first touch every feature's home slot, then find the rows and
    /// touch their first weight, then add. The processor overlaps the misses of each pass instead
    /// of waiting for them one by one.
    #[inline]
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [i32], rows: &mut Vec<(u32, u32)>) {
        let mask = self.slots.len() - 1;
        let mut touch = 0u64;
        for &f in feats {
            touch ^= self.slots[self.slot_index(f)].key;
        }
        rows.clear();
        for &f in feats {
            let mut i = self.slot_index(f);
            loop {
                let s = self.slots[i];
                if s.key == f {
                    touch ^= if s.len == DENSE { self.dense[s.start as usize] as u64 } else { self.packed[s.start as usize] as u64 };
                    rows.push((s.start, s.len));
                    break;
                }
                if s.key == 0 {
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        std::hint::black_box(touch);
        let nc = self.n_classes;
        let scores = &mut scores[..nc];
        for &(a, n) in rows.iter() {
            if n == DENSE {
                for (x, &v) in scores.iter_mut().zip(&self.dense[a as usize..a as usize + nc]) {
                    *x += v as i32;
                }
                continue;
            }
            for &e in &self.packed[a as usize..(a + n) as usize] {
                if let Some(x) = scores.get_mut((e & 0xff) as usize) {
                    *x += (e >> 16) as u16 as i16 as i32;
                }
            }
        }
    }

    /// Bytes of the serialised table.
    pub(crate) fn bytes(&self) -> usize {
        16 + self.keys.len() * 9 + self.values.len() * 3
    }

    /// Features and weights stored.
    pub(crate) fn sizes(&self) -> (usize, usize) {
        (self.keys.len(), self.values.len())
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.n_classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.values.len() as u32).to_le_bytes());
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        out.extend_from_slice(&self.lens);
        out.extend_from_slice(&self.classes);
        for v in &self.values {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }

    pub(crate) fn read(r: &mut crate::model::Reader<'_>) -> Result<Weights, crate::ParseError> {
        let n_classes = r.u32()? as usize;
        let scale = f32::from_bits(r.u32()?);
        let n = r.u32()? as usize;
        let total = r.u32()? as usize;
        let keys: Vec<u64> = r
            .bytes(n.checked_mul(8).ok_or_else(|| r.err("feature count overflows"))?)?
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect();
        let lens = r.bytes(n)?.to_vec();
        let classes = r.bytes(total)?.to_vec();
        let values: Vec<i16> = r
            .bytes(total.checked_mul(2).ok_or_else(|| r.err("weight count overflows"))?)?
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        let sum: usize = lens.iter().map(|&l| l as usize).sum();
        if sum != total || keys.contains(&0) || classes.iter().any(|&c| c as usize >= n_classes) {
            return Err(r.err("inconsistent weight table"));
        }
        Ok(Weights::from_parts(n_classes, scale, keys, lens, classes, values))
    }
}
