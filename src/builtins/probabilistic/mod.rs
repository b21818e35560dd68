//! Bro's probabilistic data structures (`probabilistic/*.bif`): Bloom
//! filters, HyperLogLog cardinality counters and top-k, each an opaque
//! value whose state lives here. Each structure takes the type of the
//! first element it sees and refuses others.

mod bits;
mod bloom;
mod hasher;
mod hll;
mod topk;

use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::scope::GLOBAL_MODULE;
use crate::eval::exec::{Machine, RtError, Unwind};
use crate::eval::value::{OpaqueData, OpaqueState, OpaqueVal, Value};
use crate::source::Span;
use std::rc::Rc;

/// The builtins of this area.
pub fn all() -> impl Iterator<Item = &'static Builtin> {
    bloom::BUILTINS.iter().chain(hll::BUILTINS.iter()).chain(topk::BUILTINS.iter())
}

/// Reports a reporter-style error (no location), as the probabilistic
/// builtins do.
pub(crate) fn complain(m: &mut Machine, msg: &str) {
    m.report(&RtError { unwind: Unwind::Stmt, kind: "error", msg: msg.into(), span: None });
}

/// Reports a reporter-style warning (no location).
pub(crate) fn warn(m: &mut Machine, msg: &str) {
    m.report(&RtError { unwind: Unwind::Stmt, kind: "warning", msg: msg.into(), span: None });
}

/// The call yields no value: the statement it is in does nothing more.
pub(crate) fn no_value(span: Span) -> Box<RtError> {
    Box::new(RtError { unwind: Unwind::Stmt, kind: "", msg: String::new(), span: Some(span) })
}

/// A new opaque value of `kind` holding `state`.
pub(crate) fn opaque<T: OpaqueData>(kind: &str, state: T) -> Value {
    let o = OpaqueVal::new(kind);
    *o.state.borrow_mut() = OpaqueState::Ext(Box::new(state));
    Value::Opaque(Rc::new(o))
}

/// Runs `f` on the state of type `T` behind an opaque argument; `None`
/// when the value holds something else.
pub(crate) fn with_state<T: 'static, R>(v: &Value, f: impl FnOnce(&mut T) -> R) -> Option<R> {
    let Value::Opaque(o) = v else { return None };
    let mut st = o.state.try_borrow_mut().ok()?;
    match &mut *st {
        OpaqueState::Ext(b) => b.as_any_mut().downcast_mut::<T>().map(f),
        _ => None,
    }
}

/// A copy of the state of type `T` behind an opaque argument.
pub(crate) fn state_copy<T: Clone + 'static>(v: &Value) -> Option<T> {
    let Value::Opaque(o) = v else { return None };
    let st = o.state.try_borrow().ok()?;
    match &*st {
        OpaqueState::Ext(b) => b.as_any().downcast_ref::<T>().cloned(),
        _ => None,
    }
}

/// A global's current value, by its name in module GLOBAL.
pub(crate) fn global(m: &Machine, p: &Compiler, name: &str) -> Option<Value> {
    let g = p.globals.lookup(GLOBAL_MODULE, name)?;
    m.globals.get(g).cloned().flatten()
}

/// Implements `OpaqueData` for a cloneable state type.
macro_rules! opaque_data {
    ($t:ty) => {
        impl $crate::eval::value::OpaqueData for $t {
            fn clone_box(&self) -> Box<dyn $crate::eval::value::OpaqueData> {
                Box::new(self.clone())
            }
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
            fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
                self
            }
        }
    };
}
pub(crate) use opaque_data;
