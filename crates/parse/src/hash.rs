//! Stable feature hashing: the model file stores these hashes, so they must never change
//! without a new format version (no std `Hasher`, whose output is not guaranteed stable).

/// The multiplier of FxHash (a 64-bit odd constant).
const K: u64 = 0x517c_c1b7_2722_0a95;

/// Combine a hash with one more value.
#[inline(always)]
pub(crate) fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// Final avalanche (murmur3's fmix64), so every bit of a key depends on every input bit.
#[inline(always)]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Hash of a string's bytes.
#[inline]
pub(crate) fn bytes(s: &[u8]) -> u64 {
    let mut h = mix(0x243f_6a88_85a3_08d3, s.len() as u64);
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(b));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(b));
    }
    finish(h)
}

/// Hash of a string.
#[inline]
pub(crate) fn str(s: &str) -> u64 {
    bytes(s.as_bytes())
}

/// A feature key from a template number and up to three values. Never 0 (0 marks an empty slot).
#[inline(always)]
pub(crate) fn key(template: u32, a: u64, b: u64, c: u64) -> u64 {
    let h = mix(mix(mix(mix(0, template as u64 + 1), a), b), c);
    let h = finish(h);
    if h == 0 {
        1
    } else {
        h
    }
}

/// 64-bit FNV-1a over bytes, eight at a time (the model file's checksum).
pub(crate) fn checksum(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    finish(h)
}

/// splitmix64: the training's random number generator (a fixed seed gives the same model).
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Fisher–Yates shuffle.
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }

    /// True with probability `p` (in per mille, so no float enters training decisions).
    pub(crate) fn chance_per_mille(&mut self, p: u32) -> bool {
        (self.next_u64() % 1000) < p as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        // The model file depends on these values: a change needs a new format version.
        assert_eq!(str("the"), str("the"));
        assert_ne!(str("the"), str("The"));
        assert_ne!(key(1, 2, 3, 4), key(2, 2, 3, 4));
        let mut r = Rng::new(7);
        let a = r.next_u64();
        let mut r2 = Rng::new(7);
        assert_eq!(a, r2.next_u64());
    }
}
