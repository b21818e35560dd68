//! Broker events as values (messaging.bif): `Broker::make_event` turns
//! an event and its arguments into a `Broker::Event` record whose
//! arguments are in Broker's data model, and `Broker::publish(topic, ev)`
//! sends such a record.

use super::broker::to_data;
use super::util::{builtin_error, named_record};
use super::Builtin;
use crate::broker::Data;
use crate::check::compile::Compiler;
use crate::check::types::{Flavor, Type};
use crate::eval::exec::{value_type, Machine, Res};
use crate::eval::value::{OpaqueState, OpaqueVal, RecordVal, Value, VectorVal};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[b!("Broker::make_event", "function(): Broker::Event", bi_make_event, variadic)];

/// Bro's name for a type's tag (sets are tables).
fn tag(t: &Type) -> &'static str {
    match t.tag_name() {
        "set" => "table",
        "event" | "hook" => "func",
        n => n,
    }
}

/// A `Broker::Data` record holding `d`.
pub fn data_record(p: &Compiler, d: Data) -> Value {
    let opaque = Value::Opaque(Rc::new(OpaqueVal { kind: "Broker::Data".into(), state: RefCell::new(OpaqueState::BrokerData(d)) }));
    match named_record(p, "Broker::Data") {
        Some(ty) => Value::Record(Rc::new(RefCell::new(RecordVal { ty, fields: vec![Some(opaque)] }))),
        None => Value::Bool(false),
    }
}

fn bi_make_event(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let (Some(ev_ty), Some(vec_ty)) = (named_record(p, "Broker::Event"), named_record(p, "Broker::Data")) else {
        return Ok(Value::Bool(false));
    };
    let args = Rc::new(RefCell::new(VectorVal { yield_type: Type::Record(vec_ty), items: Vec::new() }));
    let event = Rc::new(RefCell::new(RecordVal { ty: ev_ty, fields: vec![None, Some(Value::Vector(args.clone()))] }));
    let result = Value::Record(event.clone());
    let func = match a.first() {
        Some(Value::Func(f)) if f.ty.flavor == Flavor::Event => f.clone(),
        _ => {
            builtin_error(m, "attempt to convert non-event into an event type", span, None);
            return Ok(result);
        }
    };
    let params = &func.ty.params;
    if params.len() != a.len() - 1 {
        builtin_error(m, format!("bad # of arguments: got {}, expect {}", a.len(), params.len() + 1), span, None);
        return Ok(result);
    }
    for (i, (v, param)) in a[1..].iter().zip(params).enumerate() {
        let got = value_type(v);
        if !matches!(param.ty, Type::Any) && !got.same(&param.ty) {
            let msg = format!("event parameter #{} type mismatch, got {}, expect {}", i + 1, tag(&got), tag(&param.ty));
            builtin_error(m, msg, span, None);
            return Ok(result);
        }
        match to_data(v) {
            Ok(d) => args.borrow_mut().items.push(Some(data_record(p, d))),
            Err(_) => {
                let msg = format!("failed to convert param #{} of type {} to broker data", i + 1, tag(&got));
                builtin_error(m, msg, span, None);
                return Ok(result);
            }
        }
    }
    event.borrow_mut().fields[0] = Some(Value::str(func.name.clone()));
    Ok(result)
}

/// The name and arguments of a `Broker::Event` record; `None` when the
/// event was bad (no name).
pub fn event_of_record(v: &Value) -> Option<(String, Vec<Data>)> {
    let Value::Record(r) = v else { return None };
    let r = r.borrow();
    let Some(Value::Str(name)) = r.fields.first().cloned().flatten() else { return None };
    let mut args = Vec::new();
    if let Some(Value::Vector(items)) = r.fields.get(1).cloned().flatten() {
        for item in items.borrow().items.iter().flatten() {
            let Value::Record(d) = item else { continue };
            let Some(Value::Opaque(o)) = d.borrow().fields.first().cloned().flatten() else { continue };
            let state = o.state.borrow().clone();
            if let OpaqueState::BrokerData(data) = state {
                args.push(data);
            }
        }
    }
    Some((String::from_utf8_lossy(&name).into_owned(), args))
}
