//! Hashing, random-number and unique-id built-ins from Bro's bro.bif:
//! `md5_hash` and friends, the incremental hash opaques, `md5_hmac`,
//! `rand`/`srand` (Bro's deterministic PRNG when a seed file is given)
//! and `unique_id`.

use super::util::{bytes, count, int};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::format::{self, Mode};
use crate::eval::value::{OpaqueState, OpaqueVal, Value};
use crate::source::Span;
use md5::Digest;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("md5_hash", "function(): string", |_, _, a, _| Ok(hex(&md5::Md5::digest(cat(a)))), variadic),
    b!("sha1_hash", "function(): string", |_, _, a, _| Ok(hex(&sha1::Sha1::digest(cat(a)))), variadic),
    b!("sha256_hash", "function(): string", |_, _, a, _| Ok(hex(&sha2::Sha256::digest(cat(a)))), variadic),
    b!("md5_hmac", "function(): string", |_, _, a, _| Ok(hex(&hmac_md5(&cat(a)))), variadic),
    b!("md5_hash_init", "function(): opaque of md5", |_, _, _, _| Ok(init("md5", OpaqueState::Md5(md5::Md5::new())))),
    b!("sha1_hash_init", "function(): opaque of sha1", |_, _, _, _| Ok(init("sha1", OpaqueState::Sha1(sha1::Sha1::new())))),
    b!("sha256_hash_init", "function(): opaque of sha256", |_, _, _, _| {
        Ok(init("sha256", OpaqueState::Sha256(sha2::Sha256::new())))
    }),
    b!("md5_hash_update", "function(handle: opaque of md5, data: string): bool", bi_update),
    b!("sha1_hash_update", "function(handle: opaque of sha1, data: string): bool", bi_update),
    b!("sha256_hash_update", "function(handle: opaque of sha256, data: string): bool", bi_update),
    b!("md5_hash_finish", "function(handle: opaque of md5): string", bi_finish),
    b!("sha1_hash_finish", "function(handle: opaque of sha1): string", bi_finish),
    b!("sha256_hash_finish", "function(handle: opaque of sha256): string", bi_finish),
    b!("rand", "function(max: count): count", bi_rand),
    b!("srand", "function(seed: count): any", bi_srand),
    b!("unique_id", "function(prefix: string): string", |m, _, a, _| Ok(unique_id(2, &check_string(m, &a[0])))),
    b!("unique_id_from", "function(pool: int, prefix: string): string", |m, _, a, _| {
        Ok(unique_id((int(&a[0]) + 10).max(0) as u64, &check_string(m, &a[1])))
    }),
];

/// Bro's `StringVal::CheckString`: a string with an embedded NUL is
/// reported and replaced by `<string-with-NUL>`.
pub(crate) fn check_string(m: &mut Machine, v: &Value) -> Vec<u8> {
    let b = bytes(v);
    if b.contains(&0) {
        let msg = format!("string with embedded NUL: \"{}\"", String::from_utf8_lossy(&format::escape_bytes(b)));
        m.report(&RtError { unwind: Unwind::Stmt, kind: "error", msg, span: None });
        return b"<string-with-NUL>".to_vec();
    }
    b.to_vec()
}

/// The arguments as Bro's hash functions see them: strings as their
/// bytes, anything else as its description.
fn cat(a: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for v in a {
        match v {
            Value::Str(s) => out.extend_from_slice(s),
            other => out.extend(format::render(other, Mode::Cat)),
        }
    }
    out
}

fn hex(d: &[u8]) -> Value {
    Value::str(d.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

fn init(kind: &str, st: OpaqueState) -> Value {
    let o = OpaqueVal::new(kind);
    *o.state.borrow_mut() = st;
    Value::Opaque(Rc::new(o))
}

fn bi_update(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let Value::Opaque(o) = &a[0] else { return Ok(Value::Bool(false)) };
    let data = bytes(&a[1]);
    let ok = match &mut *o.state.borrow_mut() {
        OpaqueState::Md5(h) => {
            h.update(data);
            true
        }
        OpaqueState::Sha1(h) => {
            h.update(data);
            true
        }
        OpaqueState::Sha256(h) => {
            h.update(data);
            true
        }
        _ => false,
    };
    Ok(Value::Bool(ok))
}

fn bi_finish(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let Value::Opaque(o) = &a[0] else { return Ok(Value::str("")) };
    let st = std::mem::replace(&mut *o.state.borrow_mut(), OpaqueState::Finished);
    Ok(match st {
        OpaqueState::Md5(h) => hex(&h.finalize()),
        OpaqueState::Sha1(h) => hex(&h.finalize()),
        OpaqueState::Sha256(h) => hex(&h.finalize()),
        other => {
            *o.state.borrow_mut() = other;
            Value::str("")
        }
    })
}

/// Bro's random state: the seeds from `BRO_SEED_FILE` (or entropy) and
/// the PRNG state.
struct Rng {
    /// A seed file was given: `bro_random` is Bro's own PRNG.
    deterministic: bool,
    state: u32,
    hmac_key: [u8; 16],
    /// Unique-id pools: instance and counter.
    uid_pools: Vec<Option<(u64, u64)>>,
}

thread_local! {
    static RNG: RefCell<Option<Rng>> = const { RefCell::new(None) };
}

fn read_seeds(path: &str) -> Option<(u32, [u32; 20])> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut it = text.split_whitespace().map(|w| w.parse::<u64>().ok().map(|v| v as u32));
    let seed = it.next()??;
    let mut buf = [0u32; 20];
    for b in buf.iter_mut() {
        *b = it.next()??;
    }
    Some((seed, buf))
}

fn new_rng() -> Rng {
    let file = std::env::var("BRO_SEED_FILE").ok().filter(|s| !s.is_empty());
    let (seed, buf, deterministic) = match file.as_deref().and_then(read_seeds) {
        Some((s, b)) => (s, b, true),
        None => {
            let mut raw = [0u8; 80];
            if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
                use std::io::Read;
                let _ = f.read_exact(&mut raw);
            }
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
            let mut buf = [0u32; 20];
            for (i, b) in buf.iter_mut().enumerate() {
                *b = u32::from_le_bytes(raw[i * 4..i * 4 + 4].try_into().unwrap());
            }
            buf[0] ^= t as u32;
            buf[1] ^= (t >> 32) as u32 ^ std::process::id();
            let mut seed = 0u32;
            for b in buf {
                seed ^= b;
                seed = seed.rotate_left(1);
            }
            (seed, buf, false)
        }
    };
    let bytes: Vec<u8> = buf.iter().flat_map(|b| b.to_le_bytes()).collect();
    let key: [u8; 16] = md5::Md5::digest(&bytes[..64]).into();
    Rng { deterministic, state: if seed == 0 { 1 } else { seed }, hmac_key: key, uid_pools: Vec::new() }
}

fn with_rng<T>(f: impl FnOnce(&mut Rng) -> T) -> T {
    RNG.with(|r| f(r.borrow_mut().get_or_insert_with(new_rng)))
}

/// Bro's `bro_prng`: a Park–Miller linear congruential step.
fn prng(state: u32) -> u32 {
    const M: i64 = 2147483647;
    const A: i64 = 16807;
    const Q: i64 = M / A;
    const R: i64 = M % A;
    let s = state as i64;
    let mut n = A * (s % Q) - R * (s / Q);
    if n <= 0 {
        n += M;
    }
    n as u32
}

/// Bro's `bro_random`.
fn bro_random() -> u32 {
    with_rng(|r| {
        r.state = prng(r.state);
        if r.deterministic {
            r.state
        } else {
            r.state & 0x7fff_ffff
        }
    })
}

/// Bro's `hmac_md5` with the key derived from the seeds.
pub(crate) fn hmac_md5(data: &[u8]) -> [u8; 16] {
    let key = with_rng(|r| r.hmac_key);
    let mut d: [u8; 16] = md5::Md5::digest(data).into();
    for (x, k) in d.iter_mut().zip(key) {
        *x ^= k;
    }
    md5::Md5::digest(d).into()
}

fn bi_rand(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let max = count(&a[0]);
    let r = bro_random();
    Ok(Value::Count((max as f64 * r as f64 / 2147483648.0) as u64))
}

fn bi_srand(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let seed = count(&a[0]) as u32;
    with_rng(|r| r.state = seed);
    Ok(Value::Bool(true))
}

/// Bro's `calculate_unique_id(pool)` and `uitoa_n(uid, buf, 20, 62, prefix)`.
fn unique_id(pool: u64, prefix: &[u8]) -> Value {
    let pool = if pool >= 10000 { 1 } else { pool };
    let key = with_rng(|r| {
        let p = pool as usize;
        if r.uid_pools.len() <= p {
            r.uid_pools.resize(p + 1, None);
        }
        if r.uid_pools[p].is_none() {
            let inst = if r.deterministic {
                pool
            } else {
                r.state = prng(r.state);
                let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
                let mut b = Vec::new();
                b.extend_from_slice(&pool.to_le_bytes());
                b.extend_from_slice(&t.to_le_bytes());
                b.extend_from_slice(&std::process::id().to_le_bytes());
                b.extend_from_slice(&r.state.to_le_bytes());
                u64::from_le_bytes(md5::Md5::digest(&b)[..8].try_into().unwrap()).wrapping_add(1).max(1)
            };
            r.uid_pools[p] = Some((inst, 0));
        }
        let e = r.uid_pools[p].as_mut().unwrap();
        e.1 += 1;
        let mut k = Vec::with_capacity(16);
        k.extend_from_slice(&e.0.to_le_bytes());
        k.extend_from_slice(&e.1.to_le_bytes());
        k
    });
    let uid = u64::from_le_bytes(hmac_md5(&key)[..8].try_into().unwrap());
    const DIG: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let end = prefix.iter().position(|&c| c == 0).unwrap_or(prefix.len());
    let mut out: Vec<u8> = prefix[..end.min(19)].to_vec();
    if out.len() >= 19 {
        return Value::str(out);
    }
    let mut v = uid;
    loop {
        out.push(DIG[(v % 62) as usize]);
        v /= 62;
        if v == 0 || out.len() >= 19 {
            break;
        }
    }
    Value::str(out)
}
