//! Looking at the script-level world from inside (bro.bif's
//! `global_ids`, `global_sizes`, `val_size`, `current_analyzer` and the
//! analyzer framework's `Analyzer::__name`). Sizes are this
//! interpreter's estimate of the memory a value holds, built the way
//! Bro's `MemoryAllocation` adds up a value and what it contains.

use super::util::named_type;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::Type;
use crate::eval::exec::{Machine, Res};
use crate::eval::value::{FuncVal, RecordVal, TableVal, Value};
use crate::source::Span;
use crate::syntax::ast::AttrKind;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("global_ids", "function(): id_table", bi_global_ids),
    b!("global_sizes", "function(): table_string_of_count", bi_global_sizes),
    b!("val_size", "function(v: any): count", |_, _, a, _| Ok(Value::Count(val_size(&a[0])))),
    // No packet is ever analyzed, so no analyzer is ever current.
    b!("current_analyzer", "function(): count", |_, _, _, _| Ok(Value::Count(0))),
    b!("Analyzer::__name", "function(atype: Analyzer::Tag): string", bi_analyzer_name),
];

/// Bytes of the header every value carries.
const VAL: u64 = 32;

/// The estimated memory held by a value and everything inside it.
pub fn val_size(v: &Value) -> u64 {
    let padded = |n: u64| n.div_ceil(8) * 8;
    match v {
        Value::Str(s) => VAL + 24 + padded(s.len() as u64 + 1),
        Value::Pattern(p) => VAL + 64 + padded(p.text.len() as u64) * 2,
        Value::Addr(_) => VAL + 16,
        Value::Subnet(_) => VAL + 24,
        Value::Record(r) => {
            let r = r.borrow();
            VAL + 8 * r.fields.len() as u64 + r.fields.iter().flatten().map(val_size).sum::<u64>()
        }
        Value::Table(t) => {
            let t = t.borrow();
            // each entry: its hash key, bucket link and value
            VAL + 64
                + t.ordered()
                    .iter()
                    .map(|e| 48 + e.index.iter().map(val_size).sum::<u64>() + e.value.as_ref().map(val_size).unwrap_or(0))
                    .sum::<u64>()
        }
        Value::Vector(vv) => {
            let vv = vv.borrow();
            VAL + 24 + 8 * vv.items.len() as u64 + vv.items.iter().flatten().map(val_size).sum::<u64>()
        }
        Value::List(l) => VAL + 24 + l.iter().map(val_size).sum::<u64>(),
        Value::Func(_) | Value::File(_) | Value::Opaque(_) => VAL + 32,
        _ => VAL,
    }
}

/// Bro's short name of a type's kind (`count`, `table`, `func`, ...): the
/// tag name, where sets are tables and events and hooks functions.
fn tag_name(t: &Type) -> &'static str {
    match t {
        Type::Table(_) => "table",
        Type::Func(_) => "func",
        Type::TypeOf(t) => tag_name(t),
        other => other.tag_name(),
    }
}

/// A global's value, functions included (they live in the function table).
fn global_value(m: &Machine, p: &Compiler, g: usize) -> Option<Value> {
    if let Some(v) = m.globals.get(g).cloned().flatten() {
        return Some(v);
    }
    let info = p.globals.get(g);
    if let Some(fid) = info.func {
        let f = &p.funcs[fid];
        return Some(Value::Func(Rc::new(FuncVal { name: f.name.clone(), ty: f.ty.clone(), id: fid, builtin: false })));
    }
    let bid = info.builtin?;
    let b = &p.builtins[bid];
    Some(Value::Func(Rc::new(FuncVal { name: b.name.clone(), ty: b.ty.clone(), id: bid, builtin: true })))
}

fn new_table(p: &Compiler, name: &str) -> Option<TableVal> {
    match named_type(p, name)? {
        Type::Table(tt) => Some(TableVal::new(tt)),
        _ => None,
    }
}

fn bi_global_ids(m: &mut Machine, p: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let (Some(mut out), Some(Type::Record(rt))) = (new_table(p, "id_table"), named_type(p, "script_id")) else {
        return Ok(Value::Bool(false));
    };
    for (g, info) in p.globals.list.iter().enumerate() {
        let enum_const = info.is_const && !info.is_type && matches!(info.ty, Type::Enum(_));
        let value = if info.is_type { None } else { global_value(m, p, g) };
        let fields = vec![
            Some(Value::str(tag_name(&info.ty))),
            // Module-level names are all treated as exported.
            Some(Value::Bool(true)),
            Some(Value::Bool(info.is_const && !info.is_type)),
            Some(Value::Bool(enum_const)),
            Some(Value::Bool(info.is_option)),
            Some(Value::Bool(info.has_attr(AttrKind::Redef))),
            value,
        ];
        let rec = Value::Record(Rc::new(RefCell::new(RecordVal { ty: rt.clone(), fields })));
        out.insert(vec![Value::str(info.name.as_str())], Some(rec));
    }
    Ok(Value::Table(Rc::new(RefCell::new(out))))
}

fn bi_global_sizes(m: &mut Machine, p: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let Some(mut out) = new_table(p, "table_string_of_count") else { return Ok(Value::Bool(false)) };
    for (g, info) in p.globals.list.iter().enumerate() {
        if info.is_type {
            continue;
        }
        if let Some(v) = global_value(m, p, g) {
            out.insert(vec![Value::str(info.name.as_str())], Some(Value::Count(val_size(&v))));
        }
    }
    Ok(Value::Table(Rc::new(RefCell::new(out))))
}

fn bi_analyzer_name(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    // The empty tag (ANALYZER_NONE, number 0) names no component.
    let name = match &a[0] {
        Value::Enum(et, v) if *v != 0 => et.name_of(i64::from(*v)),
        _ => None,
    };
    // The component's name is the tag's without module and prefix.
    let short = name.as_deref().map(|n| n.rsplit("::").next().unwrap_or(n).trim_start_matches("ANALYZER_").to_string());
    Ok(Value::str(short.unwrap_or_else(|| "<error>".into())))
}

