//! Bro 2.6's iteration order for tables and sets.
//!
//! Bro walks a table in the order of its internal chained hash
//! `Dictionary`: buckets in index order, entries of a bucket in the order
//! they were appended, and — while the table is being grown — the buckets of
//! the new table after those of the old one. That order depends on the hash
//! of each index's key bytes, which in turn depends on the process seeds
//! (`BRO_SEED_FILE` in Bro's own test runs). This module reproduces the
//! three ingredients:
//!
//! * [`key_bytes`]: the bytes Bro's `CompositeHash` builds for an index;
//! * [`hash_key`]: Bro's `HashKey::HashBytes` over those bytes (SipHash-2-4
//!   for keys of at most 36 bytes, HMAC-MD5 for longer ones), keyed from the
//!   seeds;
//! * [`BroOrder`]: a shadow of one `Dictionary`'s bucket layout, including
//!   the incremental resizing, whose [`BroOrder::order`] is Bro's iteration
//!   order.
//!
//! Only the layout is mirrored; the caller keeps the entries themselves and
//! refers to them by an opaque `u64` id.

use crate::eval::value::{Proto, Value};
use std::net::IpAddr;
use std::sync::RwLock;

// ---------------------------------------------------------------------------
// Seeds
// ---------------------------------------------------------------------------

/// Number of 32-bit words after the leading srandom() seed in a seed file.
const SEED_WORDS: usize = 20;

/// The contents of Bro's testing `random.seed`, used when no seed source is
/// configured so that output is deterministic and matches Bro's baselines.
const DEFAULT_SEEDS: [u32; SEED_WORDS + 1] = [
    2983378351, 1299727368, 0, 310447, 0, 1409073626, 3975311262, 34130240, 1450515018,
    1466150520, 1342286698, 1193956778, 2188527278, 3361989254, 3912865238, 3596260151,
    517973768, 1462428821, 0, 2278350848, 32767,
];

/// Keys derived from one set of seeds.
struct HashSeeds {
    /// The HMAC-MD5 key: MD5 over the first 64 bytes of the seed words.
    hmac_key: [u8; 16],
    /// The SipHash key: the last 16 bytes of the seed words.
    sip_key: [u8; 16],
    /// The leading srandom() seed (Bro's `initial_seed()`).
    first: u32,
}

impl HashSeeds {
    fn from_words(words: &[u32; SEED_WORDS + 1]) -> HashSeeds {
        // words[0] seeds Bro's PRNG (not needed for hashing); words[1..]
        // are the 80-byte buffer, laid out as native (little-endian) u32s.
        let mut buf = Vec::with_capacity(SEED_WORDS * 4);
        for w in &words[1..] {
            buf.extend_from_slice(&w.to_le_bytes());
        }
        let hmac_key = md5(&buf[..64]);
        let mut sip_key = [0u8; 16];
        sip_key.copy_from_slice(&buf[64..80]);
        HashSeeds { hmac_key, sip_key, first: words[0] }
    }
}

static SEEDS: RwLock<Option<HashSeeds>> = RwLock::new(None);

/// Parses a Bro seed file: whitespace-separated unsigned numbers, the first
/// for srandom() and then twenty for the hash keys.
fn parse_seed_text(text: &str) -> Option<[u32; SEED_WORDS + 1]> {
    let mut out = [0u32; SEED_WORDS + 1];
    let mut it = text.split_whitespace();
    for slot in out.iter_mut() {
        let tok = it.next()?;
        // fscanf("%u") into an int: wraps modulo 2^32.
        let v: i128 = tok.parse().ok()?;
        *slot = v as u32;
    }
    Some(out)
}

/// Uses the seeds in the given Bro seed file from now on.
pub fn set_seeds_from_file(path: &str) -> std::io::Result<()> {
    let text = std::fs::read_to_string(path)?;
    let words = parse_seed_text(&text).ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidData, "bad seed file")
    })?;
    *SEEDS.write().unwrap() = Some(HashSeeds::from_words(&words));
    Ok(())
}

fn with_seeds<R>(f: impl FnOnce(&HashSeeds) -> R) -> R {
    {
        let guard = SEEDS.read().unwrap();
        if let Some(s) = guard.as_ref() {
            return f(s);
        }
    }
    let mut guard = SEEDS.write().unwrap();
    if guard.is_none() {
        let words = std::env::var("BRO_SEED_FILE")
            .ok()
            .filter(|p| !p.is_empty())
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|t| parse_seed_text(&t))
            .unwrap_or(DEFAULT_SEEDS);
        *guard = Some(HashSeeds::from_words(&words));
    }
    f(guard.as_ref().unwrap())
}

// ---------------------------------------------------------------------------
// Hashing
// ---------------------------------------------------------------------------

/// Keys up to this many bytes get the fast keyed hash.
const UHASH_KEY_SIZE: usize = 36;

/// Bro's `HashKey::HashBytes` over key bytes, with the process seeds.
pub fn hash_key(bytes: &[u8]) -> u64 {
    with_seeds(|s| {
        if bytes.len() <= UHASH_KEY_SIZE {
            siphash24(&s.sip_key, bytes)
        } else {
            let d = hmac_md5(&s.hmac_key, bytes);
            u64::from_le_bytes(d[..8].try_into().unwrap())
        }
    })
}

/// Bro's keyed MD5: MD5 the data, xor the key in, MD5 again.
fn hmac_md5(key: &[u8; 16], data: &[u8]) -> [u8; 16] {
    let mut d = md5(data);
    for (b, k) in d.iter_mut().zip(key.iter()) {
        *b ^= k;
    }
    md5(&d)
}

/// Bro's `initial_seed()`: the srandom() seed the process started with.
pub fn initial_seed() -> u32 {
    with_seeds(|s| s.first)
}

/// SipHash-2-4 with a 16-byte key, 64-bit output.
pub fn siphash24(key: &[u8; 16], data: &[u8]) -> u64 {
    let k0 = u64::from_le_bytes(key[..8].try_into().unwrap());
    let k1 = u64::from_le_bytes(key[8..].try_into().unwrap());
    let mut v = [
        k0 ^ 0x736f_6d65_7073_6575,
        k1 ^ 0x646f_7261_6e64_6f6d,
        k0 ^ 0x6c79_6765_6e65_7261,
        k1 ^ 0x7465_6462_7974_6573,
    ];
    fn round(v: &mut [u64; 4]) {
        v[0] = v[0].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[2] = v[2].rotate_left(32);
    }
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let m = u64::from_le_bytes(c.try_into().unwrap());
        v[3] ^= m;
        round(&mut v);
        round(&mut v);
        v[0] ^= m;
    }
    let rest = chunks.remainder();
    let mut last = (data.len() as u64 & 0xff) << 56;
    for (i, b) in rest.iter().enumerate() {
        last |= (*b as u64) << (8 * i);
    }
    v[3] ^= last;
    round(&mut v);
    round(&mut v);
    v[0] ^= last;
    v[2] ^= 0xff;
    for _ in 0..4 {
        round(&mut v);
    }
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

/// MD5 (RFC 1321).
fn md5(data: &[u8]) -> [u8; 16] {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    let k: Vec<u32> = (0..64)
        .map(|i| ((i as f64 + 1.0).sin().abs() * 4294967296.0) as u32)
        .collect();
    let mut a0: u32 = 0x67452301;
    let mut b0: u32 = 0xefcdab89;
    let mut c0: u32 = 0x98badcfe;
    let mut d0: u32 = 0x10325476;
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_le_bytes());
    for block in msg.chunks_exact(64) {
        let m: Vec<u32> = block
            .chunks_exact(4)
            .map(|w| u32::from_le_bytes(w.try_into().unwrap()))
            .collect();
        let (mut a, mut b, mut c, mut d) = (a0, b0, c0, d0);
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f2 = f.wrapping_add(a).wrapping_add(k[i]).wrapping_add(m[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f2.rotate_left(S[i]));
        }
        a0 = a0.wrapping_add(a);
        b0 = b0.wrapping_add(b);
        c0 = c0.wrapping_add(c);
        d0 = d0.wrapping_add(d);
    }
    let mut out = [0u8; 16];
    out[..4].copy_from_slice(&a0.to_le_bytes());
    out[4..8].copy_from_slice(&b0.to_le_bytes());
    out[8..12].copy_from_slice(&c0.to_le_bytes());
    out[12..].copy_from_slice(&d0.to_le_bytes());
    out
}

// ---------------------------------------------------------------------------
// Key bytes
// ---------------------------------------------------------------------------

/// Bro's port encoding: the number with the protocol in bits 16-17.
fn port_bits(num: u32, proto: &Proto) -> u64 {
    let mask = match proto {
        Proto::Tcp => 0x10000,
        Proto::Udp => 0x20000,
        Proto::Icmp => 0x30000,
        Proto::Unknown => 0,
    };
    (num | mask) as u64
}

/// An address as Bro stores it: 16 bytes, IPv4 as `::ffff:a.b.c.d`.
fn addr16(a: &IpAddr) -> [u8; 16] {
    match a {
        IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
        IpAddr::V6(v6) => v6.octets(),
    }
}

/// A subnet as Bro keys it: the masked 16-byte prefix and the length as
/// written (IPv4 lengths are not offset by 96).
fn subnet20(net: &IpAddr, len: u8) -> [u8; 20] {
    let mut a = addr16(net);
    let full = match net {
        IpAddr::V4(_) => 96 + len as u32,
        IpAddr::V6(_) => len as u32,
    };
    for (i, byte) in a.iter_mut().enumerate() {
        let lo = i as u32 * 8;
        if full <= lo {
            *byte = 0;
        } else if full < lo + 8 {
            *byte &= 0xffu8 << (8 - (full - lo));
        }
    }
    let mut out = [0u8; 20];
    out[..16].copy_from_slice(&a);
    out[16..].copy_from_slice(&(len as u32).to_le_bytes());
    out
}

/// Bro's key bytes for an index (one value per index component), as its
/// `CompositeHash` builds them. A single non-record component is keyed by
/// its raw image; anything else is serialised component by component with
/// natural alignment.
pub fn key_bytes(index: &[Value]) -> Vec<u8> {
    if index.len() == 1 {
        if let Some(k) = singleton_key(&index[0]) {
            return k;
        }
    }
    let mut out = Vec::new();
    for v in index {
        composite_val(&mut out, v);
    }
    out
}

fn singleton_key(v: &Value) -> Option<Vec<u8>> {
    Some(match v {
        Value::Bool(b) => (*b as i64).to_le_bytes().to_vec(),
        Value::Int(i) => i.to_le_bytes().to_vec(),
        Value::Count(c) => c.to_le_bytes().to_vec(),
        Value::Enum(_, i) => i64::from(*i).to_le_bytes().to_vec(),
        Value::Port(n, p) => port_bits(*n, p).to_le_bytes().to_vec(),
        Value::Double(d) | Value::Time(d) | Value::Interval(d) => d.to_le_bytes().to_vec(),
        Value::Str(s) => s.as_ref().clone(),
        Value::Addr(a) => addr16(a).to_vec(),
        Value::Subnet(s) => subnet20(&s.0, s.1).to_vec(),
        Value::Pattern(p) => {
            // Bro keys a pattern by its two texts, NUL-terminated.
            let mut k = p.text.as_bytes().to_vec();
            k.push(0);
            k.extend_from_slice(p.text.as_bytes());
            k.push(0);
            k
        }
        Value::List(l) if l.len() == 1 => return singleton_key(&l[0]),
        _ => return None,
    })
}

/// C's `strncmp` over two keys of equal length.
fn c_strncmp(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y || *x == 0 {
            return x.cmp(y);
        }
    }
    std::cmp::Ordering::Equal
}

fn align(out: &mut Vec<u8>, size: usize) {
    while out.len() % size != 0 {
        out.push(0);
    }
}

fn composite_val(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Bool(b) => {
            align(out, 8);
            out.extend_from_slice(&(*b as i64).to_le_bytes());
        }
        Value::Int(i) => {
            align(out, 8);
            out.extend_from_slice(&i.to_le_bytes());
        }
        Value::Count(c) => {
            align(out, 8);
            out.extend_from_slice(&c.to_le_bytes());
        }
        Value::Enum(_, i) => {
            align(out, 8);
            out.extend_from_slice(&i64::from(*i).to_le_bytes());
        }
        Value::Port(n, p) => {
            align(out, 8);
            out.extend_from_slice(&port_bits(*n, p).to_le_bytes());
        }
        Value::Double(d) | Value::Time(d) | Value::Interval(d) => {
            align(out, 8);
            out.extend_from_slice(&d.to_le_bytes());
        }
        Value::Addr(a) => {
            align(out, 4);
            out.extend_from_slice(&addr16(a));
        }
        Value::Subnet(s) => {
            align(out, 4);
            out.extend_from_slice(&subnet20(&s.0, s.1));
        }
        Value::Str(s) => {
            align(out, 4);
            out.extend_from_slice(&(s.len() as i32).to_le_bytes());
            out.extend_from_slice(s);
        }
        Value::Pattern(p) => {
            // Two lengths (ints), then both texts with their NULs.
            let n = p.text.len() as i32 + 1;
            align(out, 4);
            out.extend_from_slice(&n.to_le_bytes());
            out.extend_from_slice(&n.to_le_bytes());
            for _ in 0..2 {
                out.extend_from_slice(p.text.as_bytes());
                out.push(0);
            }
        }
        Value::Record(r) => {
            let r = r.borrow();
            let fields = r.ty.fields.borrow();
            for (i, slot) in r.fields.iter().enumerate() {
                let optional = fields.get(i).map(|f| f.optional).unwrap_or(false);
                if optional {
                    out.push(slot.is_some() as u8);
                }
                if let Some(fv) = slot {
                    composite_val(out, fv);
                }
            }
        }
        Value::List(l) => {
            align(out, 4);
            out.extend_from_slice(&(l.len() as i32).to_le_bytes());
            for x in l.iter() {
                composite_val(out, x);
            }
        }
        Value::Vector(vv) => {
            let vv = vv.borrow();
            align(out, 4);
            out.extend_from_slice(&(vv.items.len() as u32).to_le_bytes());
            for (i, item) in vv.items.iter().enumerate() {
                align(out, 4);
                out.extend_from_slice(&(i as u32).to_le_bytes());
                out.extend_from_slice(&(item.is_some() as u32).to_le_bytes());
                if let Some(x) = item {
                    composite_val(out, x);
                }
            }
        }
        Value::Table(tv) => {
            // The size, then each element, each index followed by its
            // yield for tables.
            let tv = tv.borrow();
            align(out, 4);
            out.extend_from_slice(&(tv.len() as i32).to_le_bytes());
            let mut elems: Vec<(u64, Vec<u8>, &super::value::Entry)> = tv
                .ordered()
                .into_iter()
                .map(|e| {
                    let k = key_bytes(&e.index);
                    (hash_key(&k), k, e)
                })
                .collect();
            // Bro hashes a table's elements sorted by their own hash, then
            // key size, then key bytes as `strncmp` compares them (up to
            // the first NUL), so equal tables hash alike.
            elems.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.len().cmp(&b.1.len())).then_with(|| c_strncmp(&a.1, &b.1)));
            for (_, _, e) in elems {
                if e.index.len() == 1 {
                    composite_val(out, &e.index[0]);
                } else {
                    composite_val(out, &Value::List(std::rc::Rc::new(e.index.clone())));
                }
                if let Some(y) = &e.value {
                    composite_val(out, y);
                }
            }
        }
        // Other kinds cannot be indices in the scripts we run; give them a
        // stable image so hashing still works.
        other => {
            let s = format!("{:?}", std::mem::discriminant(other));
            out.extend_from_slice(s.as_bytes());
        }
    }
}

// ---------------------------------------------------------------------------
// The dictionary shadow
// ---------------------------------------------------------------------------

/// Buckets of a fresh dictionary (Bro rounds 16 up to the next prime, 17).
const DEFAULT_DICT_SIZE: usize = 16;
/// Mean chain length above which the table grows.
const DENSITY_THRESH: f64 = 3.0;
/// Above this, bucket counts are not forced to be prime.
const PRIME_THRESH: usize = 1000;

/// One bucket's chain of entry ids, in insertion order. Chains are short
/// (Bro keeps about three entries per bucket), so they live inline, and an
/// empty chain is an empty bucket; keeping buckets this small keeps the
/// bucket array within the caches.
type Chain = smallvec::SmallVec<[u32; 4]>;

/// Mirrors the bucket layout of one Bro `Dictionary` so that iteration order
/// matches Bro's. Ids are small numbers the caller reuses (slot numbers).
///
/// Inserts and removals are only logged as they happen and replayed into the
/// bucket layout when the order is asked for (or the log grows long), so a
/// table that is only written and looked up never pays for its order.
#[derive(Clone, Debug, Default)]
pub struct BroOrder {
    /// Operations not yet applied to the layout, in the order they came.
    pending: Vec<Pending>,
    /// Entries present, counting pending operations (as far as the
    /// caller says which inserts are new).
    live: usize,
    /// The most entries present since the log was last replayed.
    peak: usize,
    tbl: Vec<Chain>,
    num_entries: usize,
    thresh_entries: usize,
    /// The table being grown into, while resizing.
    tbl2: Option<Vec<Chain>>,
    num_entries2: usize,
    thresh_entries2: usize,
    /// Next bucket of `tbl` to move into `tbl2`.
    next_ind: usize,
    /// Active iterations; while non-zero Bro neither starts nor advances a
    /// resize.
    iterations: usize,
    /// The hash of each id present, by id (needed again when a resize
    /// moves the entry).
    hashes: Vec<u64>,
}

fn next_prime(mut n: usize) -> usize {
    if n % 2 == 0 {
        n += 1;
    }
    if n > PRIME_THRESH {
        return n;
    }
    // Bro's primality test only tries odd-and-even divisors from 3 up.
    let is_prime = |n: usize| {
        let mut j = 3;
        while j * j <= n {
            if n % j == 0 {
                return false;
            }
            j += 1;
        }
        true
    };
    while !is_prime(n) {
        n += 2;
    }
    n
}

fn new_table(size: usize) -> (Vec<Chain>, usize) {
    let n = next_prime(size);
    (vec![Chain::new(); n], (DENSITY_THRESH * n as f64) as usize)
}

/// One logged operation: an insert (`check`: the id may already be there)
/// or a removal.
#[derive(Clone, Copy, Debug)]
enum Pending {
    Insert { hash: u64, id: u32, check: bool },
    Remove { hash: u64, id: u32 },
}

/// The log is replayed once it holds this many operations per entry at the
/// table's peak (or the floor below), bounding its memory by the table's.
const LOG_PER_ENTRY: usize = 4;
const LOG_FLOOR: usize = 4096;

impl BroOrder {
    /// An empty dictionary.
    pub fn new() -> BroOrder {
        BroOrder::default()
    }

    fn ensure_init(&mut self) {
        if self.tbl.is_empty() {
            let (t, th) = new_table(DEFAULT_DICT_SIZE);
            self.tbl = t;
            self.thresh_entries = th;
            self.num_entries = 0;
        }
    }

    /// Which table and bucket an entry with this hash lives in.
    fn locate(&self, hash: u64) -> (bool, usize) {
        let h = (hash % self.tbl.len() as u64) as usize;
        match &self.tbl2 {
            Some(t2) if h < self.next_ind => (true, (hash % t2.len() as u64) as usize),
            _ => (false, h),
        }
    }

    /// Places an entry, unless its id is already there. Returns whether it
    /// was added.
    fn place(&mut self, hash: u64, id: u32, check_duplicate: bool) -> bool {
        let (second, b) = self.locate(hash);
        let table = if second { self.tbl2.as_mut().unwrap() } else { &mut self.tbl };
        let chain = &mut table[b];
        if check_duplicate && chain.contains(&id) {
            return false;
        }
        chain.push(id);
        if second {
            self.num_entries2 += 1;
        } else {
            self.num_entries += 1;
        }
        true
    }

    /// Bro's `Dictionary::Insert`. Re-inserting an existing id (assigning to
    /// an existing index) adds nothing but, as in Bro, still advances an
    /// ongoing resize — so call this on every assignment, not only new ones.
    pub fn insert(&mut self, hash: u64, id: u32) {
        self.log(Pending::Insert { hash, id, check: true });
    }

    /// [`insert`](Self::insert) for an id known to be absent (a new key),
    /// skipping the search for it.
    pub fn insert_new(&mut self, hash: u64, id: u32) {
        self.live += 1;
        self.peak = self.peak.max(self.live);
        self.log(Pending::Insert { hash, id, check: false });
    }

    fn log(&mut self, op: Pending) {
        self.pending.push(op);
        if self.pending.len() > LOG_FLOOR.max(LOG_PER_ENTRY * self.peak) {
            self.apply_pending();
        }
    }

    /// Replays the log into the bucket layout.
    fn apply_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for op in &pending {
            match *op {
                Pending::Insert { hash, id, check } => self.insert_checked(hash, id, check),
                Pending::Remove { hash, id } => self.remove_now(hash, id),
            }
        }
        // Keep the log's buffer for the next round.
        self.pending = pending;
        self.pending.clear();
        self.peak = self.live;
    }

    fn insert_checked(&mut self, hash: u64, id: u32, check_duplicate: bool) {
        self.ensure_init();
        if self.place(hash, id, check_duplicate) {
            let i = id as usize;
            if i >= self.hashes.len() {
                self.hashes.resize(i + 1, 0);
            }
            self.hashes[i] = hash;
        }
        if self.tbl2.is_some() {
            self.move_chains();
        } else if self.num_entries >= self.thresh_entries {
            self.start_resize(self.tbl.len() * 2 + 1);
        }
    }

    /// Bro's `Dictionary::Remove` of an id that is present.
    pub fn remove(&mut self, hash: u64, id: u32) {
        self.live = self.live.saturating_sub(1);
        self.log(Pending::Remove { hash, id });
    }

    fn remove_now(&mut self, hash: u64, id: u32) {
        if self.tbl.is_empty() {
            return;
        }
        let (second, b) = self.locate(hash);
        let table = if second { self.tbl2.as_mut().unwrap() } else { &mut self.tbl };
        let chain = &mut table[b];
        if let Some(pos) = chain.iter().position(|&e| e == id) {
            chain.remove(pos);
            if second {
                self.num_entries2 -= 1;
            } else {
                self.num_entries -= 1;
            }
        }
    }

    /// Forgets all entries (Bro's `Clear`: the next insert starts afresh).
    pub fn clear(&mut self) {
        let iterations = self.iterations;
        *self = BroOrder::default();
        self.iterations = iterations;
    }

    /// Marks the start of a `for` loop over the table: until the matching
    /// [`end_iteration`](Self::end_iteration), Bro does not resize.
    pub fn begin_iteration(&mut self) {
        self.apply_pending();
        self.iterations += 1;
    }

    /// Ends a loop begun with [`begin_iteration`](Self::begin_iteration); resizing may resume.
    pub fn end_iteration(&mut self) {
        self.apply_pending();
        self.iterations = self.iterations.saturating_sub(1);
    }

    fn start_resize(&mut self, size: usize) {
        if self.iterations > 0 {
            return;
        }
        let (t2, _) = new_table(size);
        // The density threshold carries over; the entry threshold is that
        // density times the new bucket count.
        self.thresh_entries2 = (DENSITY_THRESH * t2.len() as f64) as usize;
        self.tbl2 = Some(t2);
        self.num_entries2 = 0;
        self.next_ind = 0;
    }

    fn move_chains(&mut self) {
        if self.iterations > 0 {
            return;
        }
        let mut num: i64 = 8;
        loop {
            let i = self.next_ind;
            self.next_ind += 1;
            let chain = std::mem::take(&mut self.tbl[i]);
            for id in chain {
                // The bucket index is now below next_ind, so this lands
                // in the new table.
                let hash = self.hashes[id as usize];
                self.place(hash, id, false);
                self.num_entries -= 1;
                num -= 1;
            }
            if !(num > 0 && self.next_ind < self.tbl.len()) {
                break;
            }
        }
        if self.next_ind >= self.tbl.len() {
            self.tbl = self.tbl2.take().unwrap();
            self.num_entries = self.num_entries2;
            self.thresh_entries = self.thresh_entries2;
            self.num_entries2 = 0;
            self.thresh_entries2 = 0;
            self.next_ind = 0;
        }
    }

    /// Number of entries.
    pub fn len(&mut self) -> usize {
        self.apply_pending();
        self.num_entries + self.num_entries2
    }

    /// True when the dictionary holds no entries.
    pub fn is_empty(&mut self) -> bool {
        self.len() == 0
    }

    /// Entry ids in Bro's iteration order.
    pub fn order(&mut self) -> Vec<u32> {
        self.apply_pending();
        let mut out = Vec::with_capacity(self.num_entries + self.num_entries2);
        for chain in &self.tbl {
            out.extend_from_slice(chain);
        }
        if let Some(t2) = &self.tbl2 {
            for chain in t2 {
                out.extend_from_slice(chain);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    const SEED_FILE: &str = "/work/shared/conformance/bro-2.6/random.seed";

    fn seeds() {
        set_seeds_from_file(SEED_FILE).expect("seed file");
    }

    fn s(x: &str) -> Value {
        Value::Str(Rc::new(x.as_bytes().to_vec()))
    }

    /// Inserts the indices in order and returns their positions in Bro's
    /// iteration order.
    fn bro_order(keys: &[Vec<Value>]) -> Vec<usize> {
        seeds();
        let mut o = BroOrder::new();
        for (i, k) in keys.iter().enumerate() {
            o.insert(hash_key(&key_bytes(k)), i as u32);
        }
        o.order().into_iter().map(|i| i as usize).collect()
    }

    #[test]
    fn md5_known_answers() {
        let hex = |d: [u8; 16]| d.iter().map(|b| format!("{:02x}", b)).collect::<String>();
        assert_eq!(hex(md5(b"")), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(hex(md5(b"abc")), "900150983cd24fb0d6963f7d28e17f72");
    }

    #[test]
    fn siphash_known_answer() {
        // Reference vector: key 00..0f, message 00..0e (15 bytes).
        let mut key = [0u8; 16];
        for (i, k) in key.iter_mut().enumerate() {
            *k = i as u8;
        }
        let msg: Vec<u8> = (0..15u8).collect();
        assert_eq!(siphash24(&key, &msg), 0xa129ca6149be45e5);
        assert_eq!(siphash24(&key, &[]), 0x726fdb47dd0e0e31);
    }

    #[test]
    fn table_init_counts() {
        // language/table-init: {[1], [2]} prints 2, 1; {[3], [4]} prints 4, 3.
        let c = |n| vec![Value::Count(n)];
        assert_eq!(bro_order(&[c(1), c(2)]), vec![1, 0]);
        assert_eq!(bro_order(&[c(3), c(4)]), vec![1, 0]);
    }

    #[test]
    fn container_ctor_scope_ports() {
        // language/container-ctor-scope: 1/tcp, 2/tcp, 3/tcp print 3, 2, 1.
        let p = |n| vec![Value::Port(n, Proto::Tcp)];
        assert_eq!(bro_order(&[p(1), p(2), p(3)]), vec![2, 1, 0]);
    }

    fn rec(a: &str, b: u64) -> Value {
        use crate::check::types::{Field, RecordType, Type};
        use crate::eval::value::RecordVal;
        use std::cell::RefCell;
        let field = |name: &str, ty: Type| Field {
            name: name.to_string(),
            ty,
            optional: false,
            log: false,
            default: None,
            default_code: None,
            attrs: Vec::new(),
            type_column: None,
        };
        let ty = Rc::new(RecordType {
            name: Some("r".into()),
            fields: RefCell::new(vec![field("a", Type::String), field("b", Type::Count)]),
        });
        Value::Record(Rc::new(RefCell::new(RecordVal {
            ty,
            fields: vec![Some(s(a)), Some(Value::Count(b))],
        })))
    }

    #[test]
    fn record_index() {
        // language/table-init-record-idx: table[r] of count, inserted
        // foo1, foo2, bar3, bar4, baz5, baz6.
        let keys: Vec<Vec<Value>> = [("foo", 1), ("foo", 2), ("bar", 3), ("bar", 4), ("baz", 5), ("baz", 6)]
            .iter()
            .map(|&(a, b)| vec![rec(a, b)])
            .collect();
        // Expected: foo2, foo1, bar3, baz6, baz5, bar4.
        assert_eq!(bro_order(&keys), vec![1, 0, 2, 5, 4, 3]);
    }

    #[test]
    fn record_count_index() {
        // language/table-init-record-idx-2: table[r, count] of count.
        let keys: Vec<Vec<Value>> = [("foo", 1), ("foo", 2), ("bar", 3), ("bar", 4), ("baz", 5), ("baz", 6)]
            .iter()
            .map(|&(a, b)| vec![rec(a, b), Value::Count(b)])
            .collect();
        // Expected: foo1, baz5, foo2, bar3, baz6, bar4.
        assert_eq!(bro_order(&keys), vec![0, 4, 1, 2, 5, 3]);
    }

    #[test]
    fn string_sets() {
        // language/record-index-complex-fields.
        let k = |x: &str| vec![s(x)];
        assert_eq!(bro_order(&[k("a"), k("b")]), vec![1, 0]);
        assert_eq!(bro_order(&[k("c"), k("d")]), vec![0, 1]);
        assert_eq!(bro_order(&[k("one"), k("two")]), vec![1, 0]);
        assert_eq!(bro_order(&[k("four"), k("five")]), vec![1, 0]);
    }

    #[test]
    fn input_reread_sets() {
        // input/reread: set[count] read as 2,4,1,3 prints 2,4,1,3; set[string]
        // read as CC,AA,BB prints BB,AA,CC.
        let c = |n| vec![Value::Count(n)];
        assert_eq!(bro_order(&[c(2), c(4), c(1), c(3)]), vec![0, 1, 2, 3]);
        let k = |x: &str| vec![s(x)];
        assert_eq!(bro_order(&[k("CC"), k("AA"), k("BB")]), vec![2, 1, 0]);
    }

    /// Checks every printed set in a baseline whose elements are strings,
    /// one per line: inserting the elements in order of first appearance
    /// must reproduce each print's order. (Valid while the set stays below
    /// Bro's first resize; removals do not reorder the rest.)
    fn check_string_set_blocks(path: &str, seed_strings: &[&str]) -> usize {
        let text = std::fs::read_to_string(path).unwrap();
        let mut blocks: Vec<Vec<String>> = Vec::new();
        let mut cur: Option<Vec<String>> = None;
        for line in text.lines() {
            if line == "{" {
                cur = Some(Vec::new());
            } else if line == "}" {
                blocks.extend(cur.take());
            } else if let Some(b) = cur.as_mut() {
                b.push(line.trim_end_matches(',').to_string());
            }
        }
        let mut first: Vec<String> = seed_strings.iter().map(|x| x.to_string()).collect();
        for b in &blocks {
            for e in b {
                if !first.contains(e) {
                    first.push(e.clone());
                }
            }
        }
        seeds();
        for b in &blocks {
            let mut o = BroOrder::new();
            for (i, e) in first.iter().enumerate() {
                if b.contains(e) {
                    o.insert(hash_key(&key_bytes(&[s(e)])), i as u32);
                }
            }
            let got: Vec<String> = o.order().into_iter().map(|i| first[i as usize].clone()).collect();
            assert_eq!(&got, b);
        }
        blocks.len()
    }

    #[test]
    fn expire_func_long_strings() {
        // language/expire_func: a set[string] holding "i", "am", "here" and
        // formatted conn_ids (longer than 36 bytes, so HMAC-MD5 hashed).
        let n = check_string_set_blocks(
            "/work/shared/conformance/bro-2.6/language/expire_func.baseline/output",
            &["i", "am", "here"],
        );
        assert!(n > 30);
    }

    #[test]
    fn resize_keeps_every_entry() {
        // Past 51 entries Bro grows 17 -> 37 -> 79 ... buckets incrementally;
        // every entry must stay visible exactly once throughout.
        seeds();
        let mut o = BroOrder::new();
        for n in 0..500u64 {
            o.insert(hash_key(&key_bytes(&[Value::Count(n)])), n as u32);
            o.insert(hash_key(&key_bytes(&[Value::Count(n / 2)])), (n / 2) as u32);
            let mut got = o.order();
            assert_eq!(got.len(), n as usize + 1);
            got.sort();
            assert_eq!(got, (0..=n as u32).collect::<Vec<_>>());
        }
        for n in (0..500u64).step_by(3) {
            o.remove(hash_key(&key_bytes(&[Value::Count(n)])), n as u32);
        }
        assert_eq!(o.order().len(), 500 - 167);
        assert_eq!(o.len(), 500 - 167);
    }

    #[test]
    fn other_key_kinds() {
        use std::net::Ipv4Addr;
        let a = |x: [u8; 4]| Value::Addr(Rc::new(IpAddr::V4(Ipv4Addr::from(x))));
        assert_eq!(key_bytes(&[a([1, 2, 3, 4])]).len(), 16);
        let net = Value::Subnet(Rc::new((IpAddr::V4(Ipv4Addr::new(10, 0, 0, 7)), 24)));
        let k = key_bytes(&[net]);
        assert_eq!(&k[12..16], &[10, 0, 0, 0]);
        assert_eq!(&k[16..], &24u32.to_le_bytes());
        // set[port, string, bool]: 8 + (4 + 5, padded to 8) + 8.
        let k = key_bytes(&[Value::Port(10, Proto::Udp), s("curly"), Value::Bool(false)]);
        assert_eq!(k.len(), 8 + 4 + 5 + 7 + 8);
        assert_eq!(&k[..8], &(10u64 | 0x20000).to_le_bytes());
    }

    #[test]
    fn table_redef_strings() {
        // language/table-redef: the final table prints cool, def, neat, abc.
        seeds();
        let mut o = BroOrder::new();
        let names = ["nope", "abc", "def", "ghi", "cool", "neat"];
        let h = |i: usize| hash_key(&key_bytes(&[s(names[i])]));
        // redef foo = {nope}; redef foo = {abc} replaces the table.
        o.insert(h(0), 0);
        o.clear();
        for i in [1, 2, 3] {
            o.insert(h(i), i as u32);
        }
        o.remove(h(3), 3);
        for i in [4, 5, 4, 1, 2] {
            o.insert(h(i), i as u32);
        }
        let got: Vec<&str> = o.order().into_iter().map(|i| names[i as usize]).collect();
        assert_eq!(got, vec!["cool", "def", "neat", "abc"]);
    }
}
