//! Incremental entropy tests (`entropy_test_init/add/finish`): an
//! opaque handle collects data piece by piece and yields the same
//! statistics `find_entropy` gives for all of it at once.

use super::bifs_proto::entropy;
use super::probabilistic::{opaque, opaque_data, with_state};
use super::util::bytes;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res};
use crate::eval::value::{RecordVal, Value};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("entropy_test_init", "function(): opaque of entropy", |_, _, _, _| Ok(opaque("entropy", Entropy::default()))),
    b!("entropy_test_add", "function(handle: opaque of entropy, data: string): bool", bi_add),
    b!("entropy_test_finish", "function(handle: opaque of entropy): entropy_test_result", bi_finish),
];

/// The data fed so far.
#[derive(Clone, Debug, Default)]
struct Entropy {
    data: Vec<u8>,
}
opaque_data!(Entropy);

fn bi_add(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let ok = with_state(&a[0], |e: &mut Entropy| e.data.extend_from_slice(bytes(&a[1]))).is_some();
    Ok(Value::Bool(ok))
}

fn bi_finish(_: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let r = with_state(&a[0], |e: &mut Entropy| entropy(&e.data)).unwrap_or([0.0; 5]);
    let rt = super::util::named_record(p, "entropy_test_result");
    Ok(match rt {
        Some(ty) => Value::Record(Rc::new(RefCell::new(RecordVal { ty, fields: r.iter().map(|d| Some(Value::Double(*d))).collect() }))),
        None => Value::Bool(false),
    })
}
