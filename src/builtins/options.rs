//! option.bif: `Option::set` changes an `option` at run time, after the
//! change handlers `Option::set_change_handler` registered have seen (and
//! possibly replaced) the new value, the highest priority first.

use super::util::{bytes, int};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::{Flavor, Type};
use crate::eval::exec::{value_type, Machine, Res};
use crate::eval::value::{deep_copy, TableVal, Value};
use crate::source::Span;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("Option::set", r#"function(ID: string, val: any, location: string &default=""): bool"#, bi_set),
    b!("Option::set_change_handler", "function(ID: string, on_change: any, priority: int &default=0): bool", bi_set_change_handler),
];

/// The change handlers of each option (by global slot), in calling order.
#[derive(Default)]
struct Handlers(RefCell<HashMap<usize, Vec<(i64, Value)>>>);

/// Bro's name for a type's tag in these messages (sets are tables, and
/// events and hooks are functions).
fn tag(t: &Type) -> &'static str {
    match t.tag_name() {
        "set" => "table",
        "event" | "hook" => "func",
        n => n,
    }
}

/// How Bro describes the call: its text, with the parameters the script
/// left to their defaults shown as Bro fills them in.
fn call_text(m: &Machine, span: Span, defaults: &[&str]) -> String {
    let text = m.describe(span);
    let Some(open) = text.find('(') else { return text };
    let inner = text[open + 1..].trim_end().trim_end_matches(')');
    let (mut depth, mut given) = (0, usize::from(!inner.trim().is_empty()));
    for c in inner.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => given += 1,
            _ => {}
        }
    }
    let total = 2 + defaults.len();
    let mut out = text[..open + 1].to_string() + inner;
    for d in defaults.iter().skip(given.saturating_sub(2)).take(total.saturating_sub(given)) {
        out.push_str(", ");
        out.push_str(d);
    }
    out + ")"
}

/// Reports a failure the way Bro's `builtin_error` words it, with the call
/// description Bro prints; returns `F`.
fn fail(m: &mut Machine, msg: String, span: Span, defaults: &[&str]) -> Res<Value> {
    let call = call_text(m, span, defaults);
    m.report(&super::util::error(format!("{msg} ({call})"), span));
    Ok(Value::Bool(false))
}

/// The option's global slot, or the message saying why there is none.
fn option_slot(m: &Machine, p: &Compiler, name: &str, need_value: bool) -> Result<usize, String> {
    let (module, id) = name.rsplit_once("::").unwrap_or(("GLOBAL", name));
    let Some(g) = p.globals.lookup(module, id).filter(|_| !name.is_empty()) else {
        return Err(format!("Could not find ID named '{name}'"));
    };
    if need_value && m.globals.get(g).cloned().flatten().is_none() {
        return Err(format!("ID '{name}' has no value"));
    }
    if !p.globals.get(g).is_option {
        return Err(format!("ID '{name}' is not an option"));
    }
    Ok(g)
}

fn bi_set(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    const DEFAULTS: &[&str] = &[""];
    let name = String::from_utf8_lossy(bytes(&a[0])).into_owned();
    let g = match option_slot(m, p, &name, true) {
        Ok(g) => g,
        Err(msg) => return fail(m, msg, span, DEFAULTS),
    };
    let want = p.globals.get(g).ty.clone();
    let mut val = a[1].clone();
    let got = value_type(&val);
    if !got.same(&want) {
        // An empty table constructor takes the option's table type.
        let empty_table = matches!(&val, Value::Table(t) if t.borrow().is_empty());
        match (&want, empty_table) {
            (Type::Table(tt), true) => val = Value::Table(Rc::new(RefCell::new(TableVal::new(tt.clone())))),
            _ => {
                let msg = format!("Incompatible type for set of ID '{name}': got '{}', need '{}'", tag(&got), tag(&want));
                return fail(m, msg, span, DEFAULTS);
            }
        }
    }
    let handlers = m.state.get::<Handlers>().0.borrow().get(&g).cloned().unwrap_or_default();
    for (_, f) in handlers {
        let takes_location = matches!(&f, Value::Func(fv) if fv.ty.params.len() == 3);
        let mut args = vec![a[0].clone(), val];
        if takes_location {
            args.push(a[2].clone());
        }
        match m.call(p, &f, args, span) {
            Ok(v) => val = v,
            // A handler that returns nothing leaves the option as it is.
            Err(e) if e.kind == "warning" => {
                m.report(&e);
                return Ok(Value::Bool(false));
            }
            Err(e) => return Err(e),
        }
    }
    m.ensure_globals(p);
    m.globals[g] = Some(deep_copy(&val));
    Ok(Value::Bool(true))
}

fn bi_set_change_handler(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    const DEFAULTS: &[&str] = &["(coerce 0 to int)"];
    let name = String::from_utf8_lossy(bytes(&a[0])).into_owned();
    let g = match option_slot(m, p, &name, false) {
        Ok(g) => g,
        Err(msg) => return fail(m, msg, span, DEFAULTS),
    };
    let want = p.globals.get(g).ty.clone();
    let Value::Func(f) = &a[1] else {
        let msg = format!("Option::on_change needs function argument; got '{}' for ID '{name}'", tag(&value_type(&a[1])));
        return fail(m, msg, span, DEFAULTS);
    };
    let ft = f.ty.clone();
    let problem = if ft.flavor != Flavor::Function {
        Some("Option::on_change needs function argument; not hook or event".to_string())
    } else if !(2..=3).contains(&ft.params.len()) {
        Some(format!(
            "Wrong number of arguments for passed function in Option::on_change for ID '{name}'; expected 2 or 3, got {}",
            ft.params.len()
        ))
    } else if !matches!(ft.params[0].ty, Type::String) {
        Some(format!(
            "First argument of passed function has to be string in Option::on_change for ID '{name}'; got '{}'",
            tag(&ft.params[0].ty)
        ))
    } else if !matches!(ft.params[1].ty, Type::Any) && !ft.params[1].ty.same(&want) {
        Some(format!(
            "Second argument of passed function has to be {} in Option::on_change for ID '{name}'; got '{}'",
            tag(&want),
            tag(&ft.params[1].ty)
        ))
    } else if ft.params.len() == 3 && !matches!(ft.params[2].ty, Type::String) {
        Some(format!(
            "Third argument of passed function has to be string in Option::on_change for ID '{name}'; got '{}'",
            tag(&ft.params[2].ty)
        ))
    } else if !matches!(ft.yield_type, Type::Any) && !ft.yield_type.same(&want) {
        Some(format!(
            "Passed function needs to return type '{}' for ID '{name}'; got '{}'",
            tag(&want),
            tag(&ft.yield_type)
        ))
    } else {
        None
    };
    if let Some(msg) = problem {
        return fail(m, msg, span, DEFAULTS);
    }
    let priority = int(&a[2]);
    let handlers = m.state.get::<Handlers>();
    let mut all = handlers.0.borrow_mut();
    let list = all.entry(g).or_default();
    // Higher priorities first; equal ones in the order they were added.
    let at = list.iter().position(|(p, _)| *p < priority).unwrap_or(list.len());
    list.insert(at, (priority, a[1].clone()));
    Ok(Value::Bool(true))
}

