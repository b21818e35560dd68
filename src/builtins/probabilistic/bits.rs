//! A sparse bit vector in 64-bit blocks, and saturating counters packed
//! into it: the storage of Bloom filters. Only blocks with a bit set are
//! kept, so a filter sized for billions of elements costs nothing until
//! used; the digest still covers every block, as Bro's dense vector does.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// `len` bits, zero unless set.
#[derive(Clone, Debug, Default)]
pub(crate) struct Bits {
    len: u64,
    blocks: BTreeMap<u64, u64>,
}

impl Bits {
    pub(crate) fn new(len: u64) -> Bits {
        Bits { len, blocks: BTreeMap::new() }
    }

    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    pub(crate) fn get(&self, i: u64) -> bool {
        self.blocks.get(&(i / 64)).is_some_and(|b| b & (1 << (i % 64)) != 0)
    }

    pub(crate) fn put(&mut self, i: u64, on: bool) {
        if i >= self.len {
            return;
        }
        let b = self.blocks.entry(i / 64).or_insert(0);
        if on {
            *b |= 1 << (i % 64);
        } else {
            *b &= !(1 << (i % 64));
        }
    }

    pub(crate) fn clear(&mut self) {
        self.blocks.clear();
    }


    /// The positions of the set bits, in order.
    pub(crate) fn ones(&self) -> impl Iterator<Item = u64> + '_ {
        self.blocks.iter().flat_map(|(k, v)| (0..64).filter(move |j| v & (1 << j) != 0).map(move |j| k * 64 + j))
    }

    /// Bitwise or with another vector of the same length.
    pub(crate) fn or(&mut self, other: &Bits) {
        for (k, v) in &other.blocks {
            *self.blocks.entry(*k).or_insert(0) |= v;
        }
    }

    /// The first eight bytes of a SHA-256 over all blocks, each as a
    /// little-endian word (Bro's `BitVector::Hash`).
    pub(crate) fn digest(&self) -> u64 {
        let mut h = Sha256::new();
        let blocks = self.len.div_ceil(64);
        let zeros = [0u8; 4096];
        let mut next = 0u64;
        let zero_run = |h: &mut Sha256, n: u64| {
            let mut left = n * 8;
            while left > 0 {
                let step = left.min(zeros.len() as u64);
                h.update(&zeros[..step as usize]);
                left -= step;
            }
        };
        for (k, v) in &self.blocks {
            if *k >= blocks {
                break;
            }
            zero_run(&mut h, k - next);
            h.update(v.to_le_bytes());
            next = k + 1;
        }
        zero_run(&mut h, blocks - next);
        let d = h.finalize();
        u64::from_le_bytes(d[..8].try_into().unwrap())
    }
}

/// Counters of `width` bits each, saturating at their maximum.
#[derive(Clone, Debug)]
pub(crate) struct Counters {
    bits: Bits,
    width: u64,
}

impl Counters {
    pub(crate) fn new(width: u64, cells: u64) -> Counters {
        Counters { bits: Bits::new(width.saturating_mul(cells)), width: width.max(1) }
    }

    /// The number of counters.
    pub(crate) fn len(&self) -> u64 {
        self.bits.len() / self.width
    }

    pub(crate) fn count(&self, cell: u64) -> u64 {
        let lsb = cell * self.width;
        (0..self.width.min(64)).filter(|i| self.bits.get(lsb + i)).fold(0, |n, i| n | 1 << i)
    }

    /// Adds `value` with ripple carry; an overflow leaves the counter at
    /// its maximum.
    pub(crate) fn add(&mut self, cell: u64, value: u64) {
        let lsb = cell * self.width;
        let mut carry = false;
        for i in 0..self.width {
            let a = self.bits.get(lsb + i);
            let b = i < 64 && value & (1 << i) != 0;
            self.bits.put(lsb + i, a ^ b ^ carry);
            carry = (a && b) || (carry && a != b);
        }
        if carry {
            for i in 0..self.width {
                self.bits.put(lsb + i, true);
            }
        }
    }

    /// Adds the other vector's counters cell by cell, saturating.
    pub(crate) fn merge(&mut self, other: &Counters) {
        let mut cells: Vec<u64> = other.bits.ones().map(|i| i / other.width).collect();
        cells.dedup();
        let n = self.len();
        for cell in cells.into_iter().filter(|c| *c < n) {
            let v = other.count(cell);
            if v != 0 {
                self.add(cell, v);
            }
        }
    }

    pub(crate) fn clear(&mut self) {
        self.bits.clear();
    }

    pub(crate) fn digest(&self) -> u64 {
        self.bits.digest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_of_one_block() {
        let mut b = Bits::new(3);
        b.put(1, true);
        assert_eq!(b.digest(), 4955302038280957656);
    }

    #[test]
    fn counters_saturate() {
        let mut c = Counters::new(2, 4);
        for _ in 0..5 {
            c.add(3, 1);
        }
        assert_eq!(c.count(3), 3);
        assert_eq!(c.count(2), 0);
    }
}
