//! Script values on their way to a writer: records coerced to a stream's
//! column type (as Bro's `RecordVal::CoerceTo` does, defaults included),
//! the columns a filter selects from a record type, and values turned
//! into the writers' plain [`LogValue`]s.

use crate::check::compile::Compiler;
use crate::check::types::{RecordType, Type};
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::format::{render, Mode};
use crate::eval::value::{RecordVal, TableVal, Value, VectorVal};
use crate::logging::{Column, LogValue, Tag};
use std::cell::RefCell;
use std::rc::Rc;

/// An `error: ...` message without a place, as Bro's log manager reports.
pub fn plain_error(msg: impl Into<String>) -> Box<RtError> {
    Box::new(RtError { unwind: Unwind::Stmt, kind: "error", msg: msg.into(), span: None })
}

/// A `warning: ...` message without a place.
pub fn plain_warning(msg: impl Into<String>) -> Box<RtError> {
    Box::new(RtError { unwind: Unwind::Stmt, kind: "warning", msg: msg.into(), span: None })
}

/// A new record of type `rt` as Bro makes one: `&default`s evaluated,
/// non-optional records, tables and vectors empty, the rest unset.
pub fn new_record(m: &mut Machine, p: &Compiler, rt: &Rc<RecordType>, depth: usize) -> Res<Value> {
    let fields = rt.fields.borrow().clone();
    let mut vals = Vec::with_capacity(fields.len());
    for f in &fields {
        let v = if let Some(code) = &f.default_code {
            let mut frame = Vec::new();
            Some(crate::eval::exec::coerce_value(m.eval(p, &mut frame, code)?, &f.ty))
        } else if f.optional {
            None
        } else {
            match &f.ty {
                Type::Record(inner) if depth < 8 && !Rc::ptr_eq(inner, rt) => Some(new_record(m, p, inner, depth + 1)?),
                Type::Table(tt) => Some(Value::Table(Rc::new(RefCell::new(TableVal::new(tt.clone()))))),
                Type::Vector(y) => Some(Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: (**y).clone(), items: Vec::new() })))),
                _ => None,
            }
        };
        vals.push(v);
    }
    Ok(Value::Record(Rc::new(RefCell::new(RecordVal { ty: rt.clone(), fields: vals }))))
}

/// Whether a record of type `sub` can become a `sup` (Bro's
/// `record_promotion_compatible`): every shared field has the same type,
/// or both are records that can be promoted in turn.
pub fn promotion_compatible(sup: &RecordType, sub: &RecordType) -> bool {
    let sub_fields = sub.fields.borrow();
    let sup_fields = sup.fields.borrow();
    sub_fields.iter().all(|f| match sup_fields.iter().find(|g| g.name == f.name) {
        None => true,
        Some(g) if f.ty.same(&g.ty) => true,
        Some(g) => match (&f.ty, &g.ty) {
            (Type::Record(a), Type::Record(b)) => promotion_compatible(b, a),
            _ => false,
        },
    })
}

/// `rec` as a record of type `rt`: the same record when its type already
/// is that type, else a new one with `rt`'s defaults and `rec`'s fields.
/// `None` when the types do not fit. Orphaned fields are an error unless
/// `allow_orphans`.
pub fn coerce_record(m: &mut Machine, p: &Compiler, rec: &Value, rt: &Rc<RecordType>, allow_orphans: bool) -> Res<Option<Value>> {
    coerce_nested(m, p, rec, rt, allow_orphans, 0)
}

/// Records nest at most this deep when coerced or unrolled into columns
/// (a record type may contain itself).
const MAX_NESTING: usize = 32;

fn coerce_nested(m: &mut Machine, p: &Compiler, rec: &Value, rt: &Rc<RecordType>, allow_orphans: bool, depth: usize) -> Res<Option<Value>> {
    let Value::Record(r) = rec else { return Ok(None) };
    if depth > MAX_NESTING {
        return Ok(None);
    }
    let from = r.borrow().ty.clone();
    if Rc::ptr_eq(&from, rt) || Type::Record(from.clone()).same(&Type::Record(rt.clone())) {
        return Ok(Some(rec.clone()));
    }
    if !promotion_compatible(rt, &from) {
        return Ok(None);
    }
    let out = new_record(m, p, rt, 0)?;
    let Value::Record(target) = &out else { return Ok(None) };
    let src: Vec<(String, Option<Value>)> = {
        let rb = r.borrow();
        from.fields.borrow().iter().zip(rb.fields.iter()).map(|(f, v)| (f.name.clone(), v.clone())).collect()
    };
    for (name, v) in src {
        let Some(idx) = rt.field_index(&name) else {
            if allow_orphans {
                continue;
            }
            m.report(&plain_error(format!("orphan field \"{name}\" in initialization")));
            break;
        };
        let Some(v) = v else { continue };
        let fty = rt.fields.borrow()[idx].ty.clone();
        let v = match (&fty, &v) {
            (Type::Record(inner), Value::Record(_)) => coerce_nested(m, p, &v, inner, true, depth + 1)?.unwrap_or(v),
            _ => v,
        };
        target.borrow_mut().fields[idx] = Some(v);
    }
    let missing: Vec<String> = {
        let tb = target.borrow();
        rt.fields.borrow().iter().zip(tb.fields.iter()).filter(|(f, v)| v.is_none() && !f.optional).map(|(f, _)| f.name.clone()).collect()
    };
    for name in missing {
        m.report(&plain_error(format!("non-optional field \"{name}\" missing in initialization")));
    }
    Ok(Some(out))
}

/// The writer type of a value's static type, if logs can hold it
/// (`atomic`: inside a set or vector, where only plain values may be).
fn tag_of(t: &Type, atomic: bool) -> Option<(Tag, Option<Tag>)> {
    let tag = match t {
        Type::Bool => Tag::Bool,
        Type::Int => Tag::Int,
        Type::Count => Tag::Count,
        Type::Port => Tag::Port,
        Type::Addr => Tag::Addr,
        Type::Subnet => Tag::Subnet,
        Type::Double => Tag::Double,
        Type::Time => Tag::Time,
        Type::Interval => Tag::Interval,
        Type::Enum(_) => Tag::Enum,
        Type::String => Tag::String,
        Type::File(_) => Tag::File,
        Type::Func(_) => Tag::Func,
        Type::Table(tt) if !atomic && tt.yield_type.is_none() && tt.index.len() == 1 => {
            return tag_of(&tt.index[0], true).map(|(s, _)| (Tag::Set, Some(s)));
        }
        Type::Vector(y) if !atomic => return tag_of(y, true).map(|(s, _)| (Tag::Vector, Some(s))),
        _ => return None,
    };
    Some((tag, None))
}

/// Whether a field of this type can be logged (Bro's
/// `threading::Value::IsCompatibleType`; records hold further columns).
pub fn loggable(t: &Type) -> bool {
    matches!(t, Type::Record(_)) || tag_of(t, false).is_some()
}

/// What a filter writes: its columns and, for each, the field positions
/// leading to the value (into the extension record for the first
/// `ext_fields` columns).
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// The columns, named before any renaming.
    pub columns: Vec<Column>,
    /// Per column, the path of field indices from the record.
    pub paths: Vec<Vec<usize>>,
    /// How many leading columns come from the extension record.
    pub ext_fields: usize,
}

/// What decides which fields a filter takes.
pub struct Choice<'a> {
    /// Only these names (`$include`).
    pub include: Option<&'a TableVal>,
    /// Not these names (`$exclude`).
    pub exclude: Option<&'a TableVal>,
    /// Joins nested field names.
    pub scope_sep: &'a str,
    /// Prefixes extension column names.
    pub ext_prefix: &'a str,
}

fn listed(set: &TableVal, name: &str) -> bool {
    set.contains(&Value::str(name.as_bytes().to_vec()).key())
}

/// The columns of a record type (after the extension record's, if any),
/// nested records unrolled, as Bro's `TraverseRecord` finds them.
pub fn select(columns: &Rc<RecordType>, ext: Option<&Rc<RecordType>>, choice: &Choice) -> Result<Selection, String> {
    let mut sel = Selection::default();
    if let Some(ext) = ext {
        traverse(ext, choice, "", &[], true, &mut sel)?;
        sel.ext_fields = sel.columns.len();
    }
    traverse(columns, choice, "", &[], false, &mut sel)?;
    Ok(sel)
}

fn traverse(rt: &Rc<RecordType>, choice: &Choice, prefix: &str, at: &[usize], ext: bool, sel: &mut Selection) -> Result<(), String> {
    if at.len() > MAX_NESTING {
        return Err("unsupported field type for log column".into());
    }
    let fields = rt.fields.borrow().clone();
    for (i, f) in fields.iter().enumerate() {
        if !f.log {
            continue;
        }
        let mut path = at.to_vec();
        path.push(i);
        let mut name = if prefix.is_empty() { f.name.clone() } else { format!("{prefix}{}{}", choice.scope_sep, f.name) };
        if ext && at.is_empty() {
            name = format!("{}{name}", choice.ext_prefix);
        }
        if let Type::Record(inner) = &f.ty {
            traverse(inner, choice, &name, &path, ext, sel)?;
            continue;
        }
        let Some((tag, sub)) = tag_of(&f.ty, false) else {
            return Err("unsupported field type for log column".into());
        };
        if choice.include.is_some_and(|s| !listed(s, &name)) || choice.exclude.is_some_and(|s| listed(s, &name)) {
            continue;
        }
        sel.columns.push(Column { name, tag, sub, optional: f.optional });
        sel.paths.push(path);
    }
    Ok(())
}

/// The value at a path of field indices, `None` when it or a record on
/// the way is unset.
fn lookup(rec: &Value, path: &[usize]) -> Option<Value> {
    let mut cur = rec.clone();
    for &i in path {
        let next = match &cur {
            Value::Record(r) => r.borrow().fields.get(i).cloned().flatten(),
            _ => None,
        };
        cur = next?;
    }
    Some(cur)
}

/// A script value as a writer takes it.
pub fn log_value(v: &Value) -> LogValue {
    match v {
        Value::Bool(b) => LogValue::Bool(*b),
        Value::Int(i) => LogValue::Int(*i),
        Value::Count(c) => LogValue::Count(*c),
        Value::Port(n, _) => LogValue::Port(*n),
        Value::Addr(a) => LogValue::Addr(**a),
        Value::Subnet(s) => LogValue::Subnet(s.0, s.1),
        Value::Double(d) => LogValue::Double(*d),
        Value::Time(t) => LogValue::Time(*t),
        Value::Interval(t) => LogValue::Interval(*t),
        Value::Str(s) => LogValue::Text(s.to_vec()),
        Value::Enum(et, n) => LogValue::Text(et.name_of(i64::from(*n)).unwrap_or_default().into_bytes()),
        Value::File(f) => LogValue::Text(f.borrow().name.clone().into_bytes()),
        Value::Table(t) => {
            let t = t.borrow();
            LogValue::Set(t.ordered().iter().map(|e| e.index.first().map(log_value).unwrap_or(LogValue::Unset)).collect())
        }
        Value::Vector(vv) => LogValue::Vector(vv.borrow().items.iter().map(|i| i.as_ref().map(log_value).unwrap_or(LogValue::Unset)).collect()),
        other => LogValue::Text(render(other, Mode::Cat)),
    }
}

/// The row a record gives for a selection; `ext` is the extension
/// record (its columns are unset without one).
pub fn row(sel: &Selection, rec: &Value, ext: Option<&Value>) -> Vec<LogValue> {
    sel.paths
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let base = if i < sel.ext_fields { ext } else { Some(rec) };
            base.and_then(|b| lookup(b, path)).map(|v| log_value(&v)).unwrap_or(LogValue::Unset)
        })
        .collect()
}

/// A string table's entries as (key, value) pairs (a filter's `$config`).
pub fn string_pairs(v: &Value) -> Vec<(String, String)> {
    let Value::Table(t) = v else { return Vec::new() };
    let t = t.borrow();
    t.ordered()
        .iter()
        .filter_map(|e| match (e.index.first(), &e.value) {
            (Some(Value::Str(k)), Some(Value::Str(v))) => Some((String::from_utf8_lossy(k).into_owned(), String::from_utf8_lossy(v).into_owned())),
            _ => None,
        })
        .collect()
}

/// An empty `set[string]` type, for tests.
#[cfg(test)]
fn string_set_type() -> Rc<crate::check::types::TableType> {
    Rc::new(crate::check::types::TableType { index: vec![Type::String], yield_type: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::types::Field;

    fn field(name: &str, ty: Type, log: bool) -> Field {
        Field { name: name.into(), ty, optional: false, log, default: None, default_code: None, attrs: vec![], type_column: None }
    }

    fn rec(name: &str, fields: Vec<Field>) -> Rc<RecordType> {
        Rc::new(RecordType { name: Some(name.into()), fields: RefCell::new(fields) })
    }

    #[test]
    fn nested_records_unroll_with_the_scope_separator() {
        let id = rec("conn_id", vec![field("orig_h", Type::Addr, true), field("orig_p", Type::Port, true)]);
        let info = rec("Info", vec![field("t", Type::Time, true), field("id", Type::Record(id), true), field("x", Type::Count, false)]);
        let mut exclude = TableVal::new(string_set_type());
        exclude.insert(vec![Value::str("id_orig_p")], None);
        let choice = Choice { include: None, exclude: Some(&exclude), scope_sep: "_", ext_prefix: "_" };
        let sel = select(&info, None, &choice).unwrap();
        let names: Vec<&str> = sel.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["t", "id_orig_h"]);
        assert_eq!(sel.paths, vec![vec![0], vec![1, 0]]);
    }

    #[test]
    fn a_record_that_holds_itself_is_refused_not_unrolled_forever() {
        let r = rec("R", vec![field("n", Type::Count, true)]);
        r.fields.borrow_mut().push(Field { optional: true, ..field("next", Type::Record(r.clone()), true) });
        let choice = Choice { include: None, exclude: None, scope_sep: ".", ext_prefix: "_" };
        assert!(select(&r, None, &choice).is_err());
        // Break the cycle so the type can be freed.
        r.fields.borrow_mut().pop();
    }

    #[test]
    fn unloggable_fields_are_refused() {
        let info = rec("Info", vec![field("p", Type::Pattern, true)]);
        let choice = Choice { include: None, exclude: None, scope_sep: ".", ext_prefix: "_" };
        assert!(select(&info, None, &choice).is_err());
        assert!(!loggable(&Type::Pattern));
        assert!(loggable(&Type::set_of(vec![Type::String])));
        assert!(!loggable(&Type::set_of(vec![Type::String, Type::Count])));
    }
}
