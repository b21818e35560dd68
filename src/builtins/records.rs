//! `record_fields` of bro.bif: a record's fields described one by one.

use super::util::make_record;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::value::{TableVal, Value};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[b!("record_fields", "function(rec: any): record_field_table", bi_record_fields)];

/// For each field: the type name (Bro 2.6.4 gives the tag of the record
/// itself, `record`, for every field), whether it is `&log`, its value if
/// set and its `&default`.
fn bi_record_fields(m: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let table_type = match crate::builtins::util::named_table(p, "record_field_table") {
        Some(t) => t,
        None => return Ok(Value::Bool(false)),
    };
    let mut out = TableVal::new(table_type);
    let Value::Record(r) = &a[0] else {
        let msg = "non-record passed to record_fields".to_string();
        m.report(&RtError { unwind: Unwind::Stmt, kind: "error", msg, span: None });
        return Ok(Value::Table(Rc::new(RefCell::new(out))));
    };
    let (ty, values) = {
        let r = r.borrow();
        (r.ty.clone(), r.fields.clone())
    };
    let fields = ty.fields.borrow().clone();
    for (i, f) in fields.iter().enumerate() {
        let default = match &f.default_code {
            Some(code) => Some(m.eval(p, &mut Vec::new(), code)?),
            None => None,
        };
        let value = values.get(i).cloned().flatten();
        let desc = make_record(
            p,
            "record_field",
            vec![Some(Value::str("record")), Some(Value::Bool(f.log)), value, default],
        );
        out.insert(vec![Value::str(f.name.clone())], Some(desc));
    }
    Ok(Value::Table(Rc::new(RefCell::new(out))))
}
