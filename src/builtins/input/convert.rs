//! Between script types and the readers' plain values: record types
//! unrolled into the fields a reader fills (nested records flattened as
//! `rec.field`, as Bro's input manager does), and read values turned
//! back into script values, records and table indices.

use crate::check::compile::Compiler;
use crate::check::types::{RecordType, Type};
use crate::eval::exec::{mask, normalize_addr, Machine};
use crate::eval::value::{Proto, RecordVal, TableVal, Value, VectorVal};
use crate::input::{FieldSpec, InVal, Kind, PortProto};
use std::cell::RefCell;
use std::rc::Rc;

/// The reader's kind of an atomic type (or of a set or vector of one).
pub fn kind_of(t: &Type, atomic_only: bool) -> Option<Kind> {
    Some(match t {
        Type::Bool => Kind::Bool,
        Type::Int => Kind::Int,
        Type::Count => Kind::Count,
        Type::Double => Kind::Double,
        Type::Time => Kind::Time,
        Type::Interval => Kind::Interval,
        Type::String => Kind::String,
        Type::Enum(_) => Kind::Enum,
        Type::Pattern => Kind::Pattern,
        Type::Port => Kind::Port,
        Type::Addr => Kind::Addr,
        Type::Subnet => Kind::Subnet,
        Type::Table(tt) if !atomic_only && tt.yield_type.is_none() && tt.index.len() == 1 => {
            Kind::Set(Box::new(kind_of(&tt.index[0], true)?))
        }
        Type::Vector(y) if !atomic_only => Kind::Vector(Box::new(kind_of(y, true)?)),
        _ => return None,
    })
}

/// Whether a field of this type is left unset when unsupported types
/// are accepted (`Input::accept_unsupported_types`).
fn skippable(t: &Type) -> bool {
    matches!(t, Type::File(_) | Type::Func(_) | Type::Opaque(_))
}

/// Bro's `UnrollRecordType`: the fields a reader fills for a record
/// type. Errors go to `errors`, notes to `infos`; `false` on failure.
pub fn unroll(
    rec: &RecordType,
    prefix: &str,
    allow_unsupported: bool,
    out: &mut Vec<FieldSpec>,
    errors: &mut Vec<String>,
    infos: &mut Vec<String>,
) -> bool {
    for f in rec.fields.borrow().iter() {
        let name = format!("{prefix}{}", f.name);
        if let Type::Record(inner) = &f.ty {
            if f.optional {
                infos.push(format!("The input framework does not support optional record fields: \"{}\"", f.name));
                return false;
            }
            if !unroll(inner, &format!("{name}."), allow_unsupported, out, errors, infos) {
                return false;
            }
            continue;
        }
        let Some(kind) = kind_of(&f.ty, false) else {
            if allow_unsupported && skippable(&f.ty) && f.optional {
                infos.push(format!(
                    "Encountered incompatible type \"{}\" in type definition for field \"{name}\" in ReaderFrontend. Ignoring optional field.",
                    f.ty.tag_name()
                ));
                continue;
            }
            errors.push(format!(
                "Incompatible type \"{}\" in type definition for for field \"{name}\" in ReaderFrontend",
                f.ty.tag_name()
            ));
            return false;
        };
        let secondary = if matches!(f.ty, Type::Port) { f.type_column.clone() } else { None };
        // A field with a `&default` may be missing from the source too.
        let optional = f.optional || f.default.is_some();
        out.push(FieldSpec { name, kind, optional, secondary });
    }
    true
}

/// Why a value could not be converted (Bro's warning text).
pub type ConvertError = String;

/// A read value as a value of type `t`; `Ok(None)` for an unset value.
pub fn to_value(v: &InVal, t: &Type, stream: &str) -> Result<Option<Value>, ConvertError> {
    Ok(Some(match (v, t) {
        (InVal::Unset, _) => return Ok(None),
        (InVal::Bool(b), _) => Value::Bool(*b),
        (InVal::Int(i), _) => Value::Int(*i),
        (InVal::Count(c), _) => Value::Count(*c),
        (InVal::Double(d), _) => Value::Double(*d),
        (InVal::Time(d), _) => Value::Time(*d),
        (InVal::Interval(d), _) => Value::Interval(*d),
        (InVal::Str(s), _) => Value::str(s.clone()),
        (InVal::Enum(name), Type::Enum(et)) => {
            let found = et.names.borrow().iter().find(|(n, _)| n == name).map(|(_, v)| *v);
            match found {
                Some(n) => Value::Enum(et.clone(), n as i32),
                None => return Err(format!("Value '{name}' for stream '{stream}' is not a valid enum.")),
            }
        }
        (InVal::Pattern(text), _) => match crate::eval::pattern::compile(text, false) {
            Ok(p) => Value::Pattern(p),
            Err(_) => return Err(format!("Could not compile pattern '{text}' for stream '{stream}'.")),
        },
        (InVal::Port(n, p), _) => Value::Port(
            *n,
            match p {
                PortProto::Tcp => Proto::Tcp,
                PortProto::Udp => Proto::Udp,
                PortProto::Icmp => Proto::Icmp,
                PortProto::Unknown => Proto::Unknown,
            },
        ),
        (InVal::Addr(a), _) => Value::Addr(Rc::new(normalize_addr(*a))),
        (InVal::Subnet(a, w), _) => {
            let a = normalize_addr(*a);
            let width = if a.is_ipv4() { (*w).min(32) } else { *w };
            Value::Subnet(Rc::new((mask(a, width), width)))
        }
        (InVal::Set(items), Type::Table(tt)) => {
            let mut table = TableVal::new(tt.clone());
            let elem = tt.index.first().cloned().unwrap_or(Type::Any);
            for item in items {
                if let Some(v) = to_value(item, &elem, stream)? {
                    table.insert(vec![v], None);
                }
            }
            Value::Table(Rc::new(RefCell::new(table)))
        }
        (InVal::Vector(items), Type::Vector(y)) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(to_value(item, y, stream)?);
            }
            Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: (**y).clone(), items: out })))
        }
        (InVal::Enum(name), _) => return Err(format!("Value '{name}' for stream '{stream}' is not a valid enum.")),
        (InVal::Set(_), _) | (InVal::Vector(_), _) => return Err(format!("Unexpected set or vector for stream '{stream}'.")),
    }))
}

/// Bro's `ValueToRecordVal`: a record of type `rt` from the values at
/// `pos` on (nested records take their fields in order).
pub fn to_record(m: &mut Machine, p: &Compiler, vals: &[InVal], rt: &Rc<RecordType>, pos: &mut usize, stream: &str) -> Result<Value, ConvertError> {
    let fields = rt.fields.borrow().clone();
    let mut out = Vec::with_capacity(fields.len());
    for f in &fields {
        let v = match &f.ty {
            Type::Record(inner) => Some(to_record(m, p, vals, inner, pos, stream)?),
            t if kind_of(t, false).is_none() => None,
            t => {
                let v = vals.get(*pos).map_or(Ok(None), |v| to_value(v, t, stream))?;
                *pos += 1;
                v
            }
        };
        // An unset field takes its `&default`, as a new record would.
        let v = match (v, &f.default_code) {
            (None, Some(code)) => {
                let mut frame = Vec::new();
                m.eval(p, &mut frame, code).ok().map(|d| crate::eval::exec::coerce_value(d, &f.ty))
            }
            // A set, table or vector that is not optional starts out empty.
            (None, None) if !f.optional => match &f.ty {
                Type::Table(tt) => Some(Value::Table(Rc::new(RefCell::new(TableVal::new(tt.clone()))))),
                Type::Vector(y) => Some(Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: (**y).clone(), items: Vec::new() })))),
                _ => None,
            },
            (v, _) => v,
        };
        out.push(v);
    }
    Ok(Value::Record(Rc::new(RefCell::new(RecordVal { ty: rt.clone(), fields: out }))))
}

/// Bro's `ValueToIndexVal`: the index values for a table from the first
/// fields (one value, or one per field of the index record). Unset
/// values leave no element.
pub fn to_index(m: &mut Machine, p: &Compiler, vals: &[InVal], itype: &Rc<RecordType>, stream: &str) -> Result<Vec<Value>, ConvertError> {
    let fields = itype.fields.borrow().clone();
    let mut pos = 0;
    let mut out = Vec::new();
    for f in &fields {
        match &f.ty {
            Type::Record(inner) => out.push(to_record(m, p, vals, inner, &mut pos, stream)?),
            t => {
                if let Some(v) = vals.get(pos).map_or(Ok(None), |v| to_value(v, t, stream))? {
                    out.push(v);
                }
                pos += 1;
            }
        }
    }
    Ok(out)
}

/// Bro's `RecordValToIndexVal`: a table index from an index record (the
/// predicate may have changed it): its only field, or all of them.
pub fn record_to_index(rec: &Value) -> Vec<Value> {
    let Value::Record(r) = rec else { return Vec::new() };
    r.borrow().fields.iter().flatten().cloned().collect()
}
