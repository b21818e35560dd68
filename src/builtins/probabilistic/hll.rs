//! HyperLogLog cardinality counters (`cardinality-counter.bif`), over
//! the hashes of Bro's composite keys (the process-seeded hash that its
//! tables use too).

use super::{complain, opaque, opaque_data, state_copy, with_state};
use crate::builtins::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::Type;
use crate::eval::broorder::{hash_key, key_bytes};
use crate::eval::exec::{as_f64, value_type, Machine, Res};
use crate::eval::value::Value;
use crate::source::Span;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("hll_cardinality_init", "function(err: double, confidence: double): opaque of cardinality", bi_init),
    b!("hll_cardinality_add", "function(handle: opaque of cardinality, elem: any): bool", bi_add),
    b!("hll_cardinality_merge_into", "function(handle1: opaque of cardinality, handle2: opaque of cardinality): bool", bi_merge_into),
    b!("hll_cardinality_estimate", "function(handle: opaque of cardinality): double", bi_estimate),
    b!("hll_cardinality_copy", "function(handle: opaque of cardinality): opaque of cardinality", bi_copy),
];

/// Bucket counts are powers of two from 2^4 up to 2^24; requests beyond
/// (absurd error margins) are clamped.
const MIN_P: u32 = 4;
const MAX_P: u32 = 24;

/// A counter: `m` buckets of ranks, `v` of them still empty.
#[derive(Clone, Debug)]
struct Hll {
    ty: Option<Type>,
    buckets: Vec<u8>,
    p: u32,
    v: u64,
    alpha: f64,
}
opaque_data!(Hll);

/// The number of index bits that gives `error` at `confidence`.
fn optimal_bits(error: f64, confidence: f64) -> u32 {
    let initial = 2.0 * (1.04f64.ln() - error.ln()) / 2f64.ln();
    if initial.is_nan() || initial >= MAX_P as f64 {
        return MAX_P;
    }
    let mut answer = initial.floor().max(0.0) as i64;
    loop {
        answer += 1;
        let k = 2f64.powf((answer as f64 - initial) / 2.0);
        if erf(k / 2f64.sqrt()) >= confidence || answer >= MAX_P as i64 {
            break;
        }
    }
    answer.clamp(MIN_P as i64, MAX_P as i64) as u32
}

extern "C" {
    /// The C library's error function (the one Bro's sizing uses).
    #[link_name = "erf"]
    fn c_erf(x: f64) -> f64;
}

fn erf(x: f64) -> f64 {
    // SAFETY: erf is a pure function of its argument.
    unsafe { c_erf(x) }
}

impl Hll {
    fn new(p: u32) -> Hll {
        let m = 1u64 << p;
        let alpha = match m {
            16 => 0.673,
            32 => 0.697,
            64 => 0.709,
            _ => 0.7213 / (1.0 + 1.079 / m as f64),
        };
        Hll { ty: None, buckets: vec![0; m as usize], p, v: m, alpha }
    }

    fn m(&self) -> u64 {
        self.buckets.len() as u64
    }

    fn add_hash(&mut self, hash: u64) {
        let index = hash % self.m();
        let rest = (hash - index) >> self.p;
        let highest = 64 - rest.leading_zeros() as i64;
        let rank = (64 - self.p as i64 - highest + 1).clamp(0, 255) as u8;
        let b = &mut self.buckets[index as usize];
        if *b == 0 {
            self.v -= 1;
        }
        if rank > *b {
            *b = rank;
        }
    }

    fn size(&self) -> f64 {
        let m = self.m() as f64;
        let sum: f64 = self.buckets.iter().map(|b| 2f64.powi(-(*b as i32))).sum();
        let raw = self.alpha * m * m / sum;
        let two64 = 2f64.powi(64);
        if raw <= 5.0 * (self.m() / 2) as f64 {
            m * (m / self.v as f64).ln()
        } else if raw <= two64 / 30.0 {
            raw
        } else {
            -two64 * (1.0 - raw / two64).ln()
        }
    }
}

fn bi_init(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(opaque("cardinality", Hll::new(optimal_bits(as_f64(&a[0]), as_f64(&a[1])))))
}

fn bi_add(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let vt = value_type(&a[1]);
    let ok = with_state(&a[0], |h: &mut Hll| {
        if !h.ty.get_or_insert_with(|| vt.clone()).same(&vt) {
            return false;
        }
        h.add_hash(hash_key(&key_bytes(std::slice::from_ref(&a[1]))));
        true
    });
    if ok == Some(false) {
        complain(m, "incompatible HLL data type");
    }
    Ok(Value::Bool(ok == Some(true)))
}

fn bi_merge_into(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let Some(other) = state_copy::<Hll>(&a[1]) else { return Ok(Value::Bool(false)) };
    let r = with_state(&a[0], |h: &mut Hll| {
        if let (Some(x), Some(y)) = (&h.ty, &other.ty) {
            if !x.same(y) {
                return Err("incompatible HLL types");
            }
        }
        if h.m() != other.m() {
            return Err("Cardinality counters with different parameters cannot be merged");
        }
        h.v = 0;
        for (b, o) in h.buckets.iter_mut().zip(&other.buckets) {
            *b = (*b).max(*o);
            h.v += (*b == 0) as u64;
        }
        Ok(())
    });
    match r {
        Some(Ok(())) => Ok(Value::Bool(true)),
        Some(Err(msg)) => {
            complain(m, msg);
            Ok(Value::Bool(false))
        }
        None => Ok(Value::Bool(false)),
    }
}

fn bi_estimate(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(Value::Double(with_state(&a[0], |h: &mut Hll| h.size()).unwrap_or(0.0)))
}

fn bi_copy(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(match state_copy::<Hll>(&a[0]) {
        // The copy starts untyped, as Bro's does.
        Some(h) => opaque("cardinality", Hll { ty: None, ..h }),
        None => a[0].clone(),
    })
}
