//! Top-k (`top-k.bif`): the Space-Saving algorithm with Bro's bucket
//! layout. Elements sit in buckets of equal counts, oldest first; when
//! the structure is full a new element evicts the oldest one with the
//! lowest count and inherits that count as its possible overestimate
//! (epsilon). The order of buckets and of elements within them decides
//! `topk_get_top`'s answer, so it follows Bro's exactly.

use super::{complain, no_value, opaque, opaque_data, state_copy, warn, with_state};
use crate::builtins::util::count;
use crate::builtins::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::Type;
use crate::eval::broorder::key_bytes;
use crate::eval::exec::{value_type, Machine, Res};
use crate::eval::value::{Value, VectorVal};
use crate::source::Span;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("topk_init", "function(size: count): opaque of topk", bi_init),
    b!("topk_add", "function(handle: opaque of topk, value: any): any", bi_add),
    b!("topk_get_top", "function(handle: opaque of topk, k: count): any_vec", bi_get_top),
    b!("topk_count", "function(handle: opaque of topk, value: any): count", bi_count),
    b!("topk_epsilon", "function(handle: opaque of topk, value: any): count", bi_epsilon),
    b!("topk_size", "function(handle: opaque of topk): count", bi_size),
    b!("topk_sum", "function(handle: opaque of topk): count", bi_sum),
    b!("topk_merge", "function(handle1: opaque of topk, handle2: opaque of topk): any", bi_merge),
    b!("topk_merge_prune", "function(handle1: opaque of topk, handle2: opaque of topk): any", bi_merge_prune),
];

/// One tracked element.
#[derive(Clone, Debug)]
struct Elem {
    key: Vec<u8>,
    value: Value,
    epsilon: u64,
}

#[derive(Clone, Debug, Default)]
struct Topk {
    size: u64,
    ty: Option<Type>,
    /// Buckets by count, lowest first; elements in arrival order.
    buckets: BTreeMap<u64, VecDeque<Elem>>,
    /// Each element's bucket, by key.
    where_is: HashMap<Vec<u8>, u64>,
    pruned: bool,
}
opaque_data!(Topk);

fn key(v: &Value) -> Vec<u8> {
    key_bytes(std::slice::from_ref(v))
}

impl Topk {
    fn len(&self) -> u64 {
        self.where_is.len() as u64
    }

    fn find(&self, v: &Value) -> Option<&Elem> {
        let k = key(v);
        let c = self.where_is.get(&k)?;
        self.buckets.get(c)?.iter().find(|e| e.key == k)
    }

    /// Moves the element with `key` from its bucket to the one `by` higher,
    /// at the end.
    fn increment(&mut self, key: &[u8], by: u64) {
        let Some(&from) = self.where_is.get(key) else { return };
        let Some(bucket) = self.buckets.get_mut(&from) else { return };
        let Some(pos) = bucket.iter().position(|e| e.key == key) else { return };
        let e = bucket.remove(pos).unwrap();
        if bucket.is_empty() {
            self.buckets.remove(&from);
        }
        let to = from.wrapping_add(by);
        self.where_is.insert(e.key.clone(), to);
        self.buckets.entry(to).or_default().push_back(e);
    }

    /// Drops the oldest element of the lowest bucket.
    fn evict(&mut self) -> Option<u64> {
        let (&low, bucket) = self.buckets.iter_mut().next()?;
        let e = bucket.pop_front()?;
        if bucket.is_empty() {
            self.buckets.remove(&low);
        }
        self.where_is.remove(&e.key);
        Some(low)
    }

    fn encounter(&mut self, m: &mut Machine, v: &Value) {
        let vt = value_type(v);
        if self.len() == 0 {
            self.ty = Some(vt);
        } else if !self.ty.as_ref().is_some_and(|t| t.same(&vt)) {
            complain(m, "Trying to add element to topk with differing type from other elements");
            return;
        }
        let k = key(v);
        if !self.where_is.contains_key(&k) {
            let e = Elem { key: k.clone(), value: v.clone(), epsilon: 0 };
            if self.len() < self.size {
                self.where_is.insert(k, 1);
                self.buckets.entry(1).or_default().push_back(e);
                return;
            }
            // Full: the newcomer takes the place of the oldest least-seen
            // element, and its count.
            let Some(low) = self.evict() else { return };
            self.where_is.insert(k.clone(), low);
            self.buckets.entry(low).or_default().push_back(Elem { epsilon: low, ..e });
        }
        self.increment(&k, 1);
    }

    fn merge(&mut self, m: &mut Machine, other: &Topk, prune: bool) {
        let Some(oty) = &other.ty else { return };
        match &self.ty {
            None => self.ty = Some(oty.clone()),
            Some(t) if !t.same(oty) => {
                complain(m, "Cannot merge top-k elements of differing types.");
                return;
            }
            Some(_) => {}
        }
        for (&c, bucket) in &other.buckets {
            for e in bucket {
                if !self.where_is.contains_key(&e.key) {
                    self.where_is.insert(e.key.clone(), 0);
                    self.buckets.entry(0).or_default().push_back(Elem { epsilon: 0, ..e.clone() });
                }
                let at = self.where_is[&e.key];
                if let Some(mine) = self.buckets.get_mut(&at).and_then(|b| b.iter_mut().find(|x| x.key == e.key)) {
                    mine.epsilon = mine.epsilon.wrapping_add(e.epsilon);
                }
                self.increment(&e.key, c);
            }
        }
        if prune {
            while self.len() > self.size {
                self.pruned = true;
                if self.evict().is_none() {
                    break;
                }
            }
        }
    }
}

fn bi_init(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(opaque("topk", Topk { size: count(&a[0]), ..Topk::default() }))
}

fn bi_add(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    // The state is taken out while the element goes in, so that reports
    // need no borrow of it.
    if let Some(mut t) = with_state(&a[0], |t: &mut Topk| std::mem::take(t)) {
        t.encounter(m, &a[1]);
        with_state(&a[0], |slot: &mut Topk| *slot = t);
    }
    Ok(Value::Bool(false))
}

fn bi_get_top(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(t) = state_copy::<Topk>(&a[0]) else { return Err(no_value(span)) };
    if t.len() == 0 {
        complain(m, "Cannot return topk of empty");
        return Err(no_value(span));
    }
    let want = count(&a[1]);
    let mut items = Vec::new();
    for bucket in t.buckets.values().rev() {
        if items.len() as u64 >= want {
            break;
        }
        items.extend(bucket.iter().map(|e| Some(e.value.clone())));
    }
    let yield_type = t.ty.clone().unwrap_or(Type::Any);
    Ok(Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type, items }))))
}

fn lookup(m: &mut Machine, a: &[Value], what: &str, f: impl Fn(&Topk, &Elem) -> u64) -> Res<Value> {
    let t = state_copy::<Topk>(&a[0]).unwrap_or_default();
    match t.find(&a[1]) {
        Some(e) => Ok(Value::Count(f(&t, e))),
        None => {
            complain(m, &format!("{what} for element that is not in top-k"));
            Ok(Value::Count(0))
        }
    }
}

fn bi_count(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    lookup(m, a, "GetCount", |t, e| t.where_is.get(&e.key).copied().unwrap_or(0))
}

fn bi_epsilon(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    lookup(m, a, "GetEpsilon", |_, e| e.epsilon)
}

fn bi_size(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(Value::Count(with_state(&a[0], |t: &mut Topk| t.size).unwrap_or(0)))
}

fn bi_sum(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let Some((sum, pruned)) = with_state(&a[0], |t: &mut Topk| {
        (t.buckets.iter().fold(0u64, |s, (c, b)| s.wrapping_add(c.wrapping_mul(b.len() as u64))), t.pruned)
    }) else {
        return Ok(Value::Count(0));
    };
    if pruned {
        warn(m, "TopkVal::GetSum() was used on a pruned data structure. Result values do not represent total element count");
    }
    Ok(Value::Count(sum))
}

fn merge(m: &mut Machine, a: &[Value], prune: bool) -> Res<Value> {
    let Some(other) = state_copy::<Topk>(&a[1]) else { return Ok(Value::Bool(false)) };
    if let Some(mut t) = with_state(&a[0], |t: &mut Topk| std::mem::take(t)) {
        t.merge(m, &other, prune);
        with_state(&a[0], |slot: &mut Topk| *slot = t);
    }
    Ok(Value::Bool(false))
}

fn bi_merge(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    merge(m, a, false)
}

fn bi_merge_prune(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    merge(m, a, true)
}
