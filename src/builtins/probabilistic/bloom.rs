//! Bloom filters (`bloom-filter.bif`): basic ones (one bit per cell,
//! double hashing) and counting ones (saturating counters, independent
//! hash functions), keyed by the bytes of Bro's composite hash key.

use super::bits::{Bits, Counters};
use super::hasher::{make_seed, Hasher};
use super::{complain, global, no_value, opaque, opaque_data, state_copy, with_state};
use crate::builtins::util::{bytes, count};
use crate::builtins::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::Type;
use crate::eval::broorder::key_bytes;
use crate::eval::exec::{as_f64, value_type, Machine, Res};
use crate::eval::value::Value;
use crate::source::Span;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("bloomfilter_basic_init", "function(fp: double, capacity: count, name: string &default=\"\"): opaque of bloomfilter", bi_basic_init),
    b!("bloomfilter_basic_init2", "function(k: count, cells: count, name: string &default=\"\"): opaque of bloomfilter", bi_basic_init2),
    b!("bloomfilter_counting_init", "function(k: count, cells: count, max: count, name: string &default=\"\"): opaque of bloomfilter", bi_counting_init),
    b!("bloomfilter_add", "function(bf: opaque of bloomfilter, x: any): any", bi_add),
    b!("bloomfilter_lookup", "function(bf: opaque of bloomfilter, x: any): count", bi_lookup),
    b!("bloomfilter_clear", "function(bf: opaque of bloomfilter): any", bi_clear),
    b!("bloomfilter_merge", "function(bf1: opaque of bloomfilter, bf2: opaque of bloomfilter): opaque of bloomfilter", bi_merge),
    b!("bloomfilter_internal_state", "function(bf: opaque of bloomfilter): string", bi_internal_state),
];

/// More hash functions than this is surely a mistake (and would take
/// forever); such filters are refused.
const MAX_K: u64 = 1 << 16;

/// Filters of more bits than this could not be held (Bro would fail to
/// allocate them); they are refused.
const MAX_BITS: u64 = 1 << 36;

const TOO_LARGE: &str = "Bloom filter too large: at most 2^36 bits";

#[derive(Clone, Debug)]
enum Cells {
    Basic(Bits),
    Counting(Counters),
}

/// A filter and the element type it took from its first element.
#[derive(Clone, Debug)]
struct Bloom {
    ty: Option<Type>,
    hasher: Hasher,
    cells: Cells,
}
opaque_data!(Bloom);

impl Bloom {
    fn positions(&self, v: &Value) -> Vec<u64> {
        let n = match &self.cells {
            Cells::Basic(b) => b.len(),
            Cells::Counting(c) => c.len(),
        };
        if n == 0 {
            return Vec::new();
        }
        self.hasher.hash(&key_bytes(std::slice::from_ref(v))).into_iter().map(|h| h % n).collect()
    }

    fn add(&mut self, v: &Value) {
        let pos = self.positions(v);
        match &mut self.cells {
            Cells::Basic(b) => pos.into_iter().for_each(|i| b.put(i, true)),
            Cells::Counting(c) => pos.into_iter().for_each(|i| c.add(i, 1)),
        }
    }

    fn count(&self, v: &Value) -> u64 {
        let pos = self.positions(v);
        match &self.cells {
            Cells::Basic(b) => pos.iter().all(|i| b.get(*i)) as u64,
            Cells::Counting(c) => pos.iter().map(|i| c.count(*i)).min().unwrap_or(u64::MAX),
        }
    }
}

fn seed_for(m: &Machine, p: &Compiler, name: &Value) -> super::hasher::Seed {
    let global_seed = global(m, p, "global_hash_seed");
    let g = global_seed.as_ref().map(bytes).unwrap_or(&[]);
    make_seed(bytes(name), g)
}

fn make(k: u64, cells: Cells, hasher: impl FnOnce(usize) -> Hasher) -> Value {
    opaque("bloomfilter", Bloom { ty: None, hasher: hasher(k as usize), cells })
}

fn bi_basic_init(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let fp = as_f64(&a[0]);
    if !(0.0..=1.0).contains(&fp) {
        complain(m, "false-positive rate must take value between 0 and 1");
        return Err(no_value(span));
    }
    let capacity = count(&a[1]) as f64;
    let ln2 = std::f64::consts::LN_2;
    let cells = (-(capacity * fp.ln() / ln2 / ln2)).ceil();
    let k = (cells / capacity * ln2).ceil();
    if !cells.is_finite() || cells > MAX_BITS as f64 || k > MAX_K as f64 {
        complain(m, TOO_LARGE);
        return Err(no_value(span));
    }
    let (cells, k) = (cells as u64, if k.is_nan() { 0 } else { k as u64 });
    let seed = seed_for(m, p, &a[2]);
    Ok(make(k, Cells::Basic(Bits::new(cells)), |k| Hasher::double(k, seed)))
}

fn bi_basic_init2(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let (k, cells) = (count(&a[0]), count(&a[1]));
    if k == 0 {
        complain(m, "number of hash functions must be non-negative");
        return Err(no_value(span));
    }
    if cells == 0 {
        complain(m, "number of cells must be non-negative");
        return Err(no_value(span));
    }
    if k > MAX_K || cells > MAX_BITS {
        complain(m, TOO_LARGE);
        return Err(no_value(span));
    }
    let seed = seed_for(m, p, &a[2]);
    Ok(make(k, Cells::Basic(Bits::new(cells)), |k| Hasher::double(k, seed)))
}

fn bi_counting_init(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let (k, cells, mut max) = (count(&a[0]), count(&a[1]), count(&a[2]));
    if max == 0 {
        complain(m, "max counter value must be greater than 0");
        return Err(no_value(span));
    }
    if k > MAX_K || cells > MAX_BITS / 64 {
        complain(m, TOO_LARGE);
        return Err(no_value(span));
    }
    let mut width = 1;
    loop {
        max >>= 1;
        if max == 0 {
            break;
        }
        width += 1;
    }
    let seed = seed_for(m, p, &a[3]);
    Ok(make(k, Cells::Counting(Counters::new(width, cells)), |k| Hasher::default(k, seed)))
}

fn bi_add(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let vt = value_type(&a[1]);
    let ok = with_state(&a[0], |bf: &mut Bloom| {
        let ty = bf.ty.get_or_insert_with(|| vt.clone());
        if !ty.same(&vt) {
            return false;
        }
        bf.add(&a[1]);
        true
    });
    if ok == Some(false) {
        complain(m, "incompatible Bloom filter types");
    }
    Ok(Value::Bool(false))
}

fn bi_lookup(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let vt = value_type(&a[1]);
    let r = with_state(&a[0], |bf: &mut Bloom| match &bf.ty {
        None => Some(0),
        Some(t) if !t.same(&vt) => None,
        Some(_) => Some(bf.count(&a[1])),
    });
    match r.unwrap_or(Some(0)) {
        Some(n) => Ok(Value::Count(n)),
        None => {
            complain(m, "incompatible Bloom filter types");
            Ok(Value::Count(0))
        }
    }
}

fn bi_clear(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    with_state(&a[0], |bf: &mut Bloom| match &mut bf.cells {
        Cells::Basic(b) => b.clear(),
        Cells::Counting(c) => c.clear(),
    });
    Ok(Value::Bool(false))
}

fn bi_merge(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let (Some(x), Some(y)) = (state_copy::<Bloom>(&a[0]), state_copy::<Bloom>(&a[1])) else {
        return Err(no_value(span));
    };
    if let (Some(tx), Some(ty)) = (&x.ty, &y.ty) {
        if !tx.same(ty) {
            complain(m, "incompatible Bloom filter types");
            return Err(no_value(span));
        }
    }
    let mut merged = x.clone();
    let kind = match (&mut merged.cells, &y.cells) {
        (Cells::Basic(a), Cells::Basic(b)) => {
            if x.hasher != y.hasher {
                Err("incompatible hashers in BasicBloomFilter merge")
            } else if a.len() != b.len() {
                Err("different bitvector size in BasicBloomFilter merge")
            } else {
                a.or(b);
                Ok(())
            }
        }
        (Cells::Counting(a), Cells::Counting(b)) => {
            if x.hasher != y.hasher {
                Err("incompatible hashers in CountingBloomFilter merge")
            } else if a.len() != b.len() {
                Err("different bitvector size in CountingBloomFilter merge")
            } else {
                a.merge(b);
                Ok(())
            }
        }
        _ => {
            complain(m, "cannot merge different Bloom filter types");
            return Err(no_value(span));
        }
    };
    if let Err(msg) = kind {
        complain(m, msg);
        complain(m, "failed to merge Bloom filter");
        return Err(no_value(span));
    }
    Ok(opaque("bloomfilter", merged))
}

fn bi_internal_state(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let d = with_state(&a[0], |bf: &mut Bloom| match &bf.cells {
        Cells::Basic(b) => b.digest(),
        Cells::Counting(c) => c.digest(),
    });
    Ok(Value::str(d.map(|d| d.to_string()).unwrap_or_default()))
}
