//! The seeded hash families behind Bro's Bloom filters. A filter's seed
//! comes from its name, else `global_hash_seed`, else the process seed;
//! each hash function is SipHash keyed with a variant of that seed (keys
//! longer than 36 bytes go through seeded MD5 instead). Filters hash the
//! key bytes Bro's `CompositeHash` builds, so the bits they set match
//! Bro's and `bloomfilter_internal_state` agrees with it.

use crate::eval::broorder::{initial_seed, siphash24};
use md5::{Digest, Md5};
use sha2::Sha256;

/// Keys up to this many bytes are hashed with SipHash.
const SHORT_KEY: usize = 36;

/// A 128-bit seed, two words as Bro lays them out in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Seed {
    pub(crate) h1: u64,
    pub(crate) h2: u64,
}

impl Seed {
    /// The seed with `n` added to its first word.
    fn plus(self, n: u64) -> Seed {
        Seed { h1: self.h1.wrapping_add(n), h2: self.h2 }
    }

    fn bytes(&self) -> [u8; 16] {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&self.h1.to_le_bytes());
        b[8..].copy_from_slice(&self.h2.to_le_bytes());
        b
    }
}

/// The seed for a filter: from `name` when it is not empty, else from
/// `global` (the script's `global_hash_seed`) when that is not empty, else
/// from the process's initial seed. The first 16 bytes of a SHA-256.
pub(crate) fn make_seed(name: &[u8], global: &[u8]) -> Seed {
    let mut h = Sha256::new();
    if !name.is_empty() {
        h.update(name);
    } else if !global.is_empty() {
        h.update(global);
    } else {
        h.update(initial_seed().to_le_bytes());
    }
    let d = h.finalize();
    Seed { h1: u64::from_le_bytes(d[..8].try_into().unwrap()), h2: u64::from_le_bytes(d[8..16].try_into().unwrap()) }
}

/// Bro's `bro_prng`: one Park–Miller step, used to derive seeds.
pub(crate) fn prng(state: u64) -> u64 {
    const M: i64 = 2147483647;
    const A: i64 = 16807;
    let (q, r) = (M / A, M % A);
    let s = state as i64;
    let mut n = A * (s % q) - r * (s / q);
    if n <= 0 {
        n += M;
    }
    n as u64
}

/// One seeded hash function over bytes.
fn universal(seed: Seed, data: &[u8]) -> u64 {
    let key = seed.bytes();
    if data.len() <= SHORT_KEY {
        return siphash24(&key, data);
    }
    let mut d: [u8; 16] = Md5::digest(data).into();
    for (i, b) in d.iter_mut().enumerate() {
        *b ^= key[i % 16];
    }
    let d: [u8; 16] = Md5::digest(d).into();
    u64::from_le_bytes(d[..8].try_into().unwrap())
}

/// A family of `k` hash functions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Hasher {
    /// `k` independent functions, the i-th seeded with seed + prng(i).
    Default { seeds: Vec<Seed> },
    /// Two functions combined linearly: h1 + i*h2.
    Double { k: usize, a: Seed, b: Seed },
}

impl Hasher {
    pub(crate) fn default(k: usize, seed: Seed) -> Hasher {
        Hasher::Default { seeds: (1..=k as u64).map(|i| seed.plus(prng(i))).collect() }
    }

    pub(crate) fn double(k: usize, seed: Seed) -> Hasher {
        Hasher::Double { k, a: seed.plus(prng(1)), b: seed.plus(prng(2)) }
    }

    /// The `k` digests of `data`.
    pub(crate) fn hash(&self, data: &[u8]) -> Vec<u64> {
        match self {
            Hasher::Default { seeds } => seeds.iter().map(|s| universal(*s, data)).collect(),
            Hasher::Double { k, a, b } => {
                let (d1, d2) = (universal(*a, data), universal(*b, data));
                (0..*k as u64).map(|i| d1.wrapping_add(i.wrapping_mul(d2))).collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prng_steps() {
        assert_eq!(prng(1), 16807);
        assert_eq!(prng(2), 33614);
    }

    #[test]
    fn named_seeds_ignore_the_global_one() {
        assert_eq!(make_seed(b"x", b"y"), make_seed(b"x", b""));
        assert_ne!(make_seed(b"x", b""), make_seed(b"", b"y"));
    }
}
