//! Core built-ins: formatting, type names, conversions, time, process
//! control, the reporter, math and containers.

use super::util::{bytes, count, error, int};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::Type;
use crate::eval::exec::{as_f64, value_type, Machine, Res, RtError, Unwind};
use crate::eval::format::{self, IssueKind, Mode};
use crate::eval::value::{Proto, Value, VectorVal};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("fmt", "function(): string", bi_fmt, variadic),
    b!("cat", "function(): string", bi_cat, variadic),
    b!("cat_sep", "function(): string", bi_cat_sep, variadic),
    b!("print_raw", "function(): bool", bi_print_raw, variadic),
    b!("type_name", "function(t: any): string", bi_type_name),
    b!("network_time", "function(): time", |m, _, _, _| Ok(Value::Time(m.network_time))),
    b!("current_time", "function(): time", |_, _, _, _| Ok(Value::Time(now()))),
    b!("terminate", "function(): bool", bi_terminate),
    b!("exit", "function(code: int): any", bi_exit),
    b!("is_v4_addr", "function(a: addr): bool", |_, _, a, _| Ok(Value::Bool(matches!(&a[0], Value::Addr(x) if x.is_ipv4())))),
    b!("is_v6_addr", "function(a: addr): bool", |_, _, a, _| Ok(Value::Bool(matches!(&a[0], Value::Addr(x) if x.is_ipv6())))),
    b!("to_int", "function(str: string): int", bi_to_int),
    b!("to_double", "function(str: string): double", bi_to_double),
    b!("to_port", "function(s: string): port", bi_to_port),
    b!("int_to_count", "function(n: int): count", bi_int_to_count),
    b!("count_to_double", "function(c: count): double", |_, _, a, _| Ok(Value::Double(as_f64(&a[0])))),
    b!("int_to_double", "function(i: int): double", |_, _, a, _| Ok(Value::Double(as_f64(&a[0])))),
    b!("interval_to_double", "function(i: interval): double", |_, _, a, _| Ok(Value::Double(as_f64(&a[0])))),
    b!("double_to_interval", "function(d: double): interval", |_, _, a, _| Ok(Value::Interval(as_f64(&a[0])))),
    b!("time_to_double", "function(t: time): double", |_, _, a, _| Ok(Value::Double(as_f64(&a[0])))),
    b!("double_to_time", "function(d: double): time", |_, _, a, _| Ok(Value::Time(as_f64(&a[0])))),
    b!("port_to_count", "function(p: port): count", |_, _, a, _| Ok(Value::Count(match &a[0] { Value::Port(n, _) => *n as u64, _ => 0 }))),
    b!("count_to_port", "function(num: count, proto: transport_proto): port", bi_count_to_port),
    b!("get_port_transport_proto", "function(p: port): transport_proto", bi_port_proto),
    b!("floor", "function(d: double): double", |_, _, a, _| Ok(Value::Double(as_f64(&a[0]).floor()))),
    b!("ceil", "function(d: double): double", |_, _, a, _| Ok(Value::Double(as_f64(&a[0]).ceil()))),
    b!("sqrt", "function(x: double): double", |m, _, a, _| {
        let x = as_f64(&a[0]);
        if x < 0.0 {
            let msg = "negative sqrt argument".to_string();
            m.report(&RtError { unwind: Unwind::Stmt, kind: "error", msg, span: None });
            return Ok(Value::Double(-1.0));
        }
        Ok(Value::Double(x.sqrt()))
    }),
    b!("exp", "function(d: double): double", |_, _, a, _| Ok(Value::Double(as_f64(&a[0]).exp()))),
    b!("ln", "function(d: double): double", |_, _, a, _| Ok(Value::Double(as_f64(&a[0]).ln()))),
    b!("log10", "function(d: double): double", |_, _, a, _| Ok(Value::Double(as_f64(&a[0]).log10()))),
    b!("getenv", "function(var: string): string", bi_getenv),
    b!("getpid", "function(): count", |_, _, _, _| Ok(Value::Count(std::process::id() as u64))),
    b!("bro_version", "function(): string", |_, _, _, _| Ok(Value::str("2.6.4"))),
    b!("reading_live_traffic", "function(): bool", |_, _, _, _| Ok(Value::Bool(false))),
    b!("reading_traces", "function(): bool", |_, _, _, _| Ok(Value::Bool(false))),
    b!("resize", "function(aggr: any, newsize: count): count", bi_resize),
    b!("clear_table", "function(v: any): any", bi_clear_table),
    b!("same_object", "function(o1: any, o2: any): bool", bi_same_object),
    b!("Reporter::info", "function(msg: string): bool", |m, _, a, s| report(m, "info", a, s)),
    b!("Reporter::warning", "function(msg: string): bool", |m, _, a, s| report(m, "warning", a, s)),
    b!("Reporter::error", "function(msg: string): bool", |m, _, a, s| report(m, "error", a, s)),
    b!("Reporter::fatal", "function(msg: string): bool", bi_fatal),
];

fn now() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}

fn bi_fmt(m: &mut Machine, _: &Compiler, args: &[Value], span: Span) -> Res<Value> {
    let Some(first) = args.first() else {
        return Ok(Value::str(Vec::new()));
    };
    let rendered;
    let fmtstr: &[u8] = match first {
        Value::Str(s) => s,
        other => {
            rendered = format::render(other, Mode::Cat);
            &rendered
        }
    };
    let f = format::fmt_full(fmtstr, &args[1..]);
    for issue in &f.issues {
        let call = m.describe(span);
        let (kind, msg, span) = match issue.kind {
            IssueKind::Error => {
                let msg = match &issue.value {
                    Some(v) => format!("{} ({} and {})", issue.msg, call, String::from_utf8_lossy(v)),
                    None => format!("{} ({})", issue.msg, call),
                };
                ("error", msg, Some(span))
            }
            IssueKind::InternalWarning => {
                let msg = match &issue.value {
                    Some(v) => format!("{} ({})", issue.msg, String::from_utf8_lossy(v)),
                    None => issue.msg.clone(),
                };
                ("internal warning", msg, Some(span))
            }
            IssueKind::Plain => ("error", issue.msg.clone(), None),
        };
        m.report(&RtError { unwind: Unwind::Stmt, kind, msg, span });
    }
    Ok(Value::str(f.bytes))
}

fn bi_cat(_: &mut Machine, _: &Compiler, args: &[Value], _: Span) -> Res<Value> {
    let mut out = Vec::new();
    for a in args {
        out.extend(format::render(a, Mode::Cat));
    }
    Ok(Value::str(out))
}

fn bi_cat_sep(_: &mut Machine, _: &Compiler, args: &[Value], _: Span) -> Res<Value> {
    let sep = args.first().map(|v| format::render(v, Mode::Cat)).unwrap_or_default();
    let def = args.get(1).map(|v| format::render(v, Mode::Cat)).unwrap_or_default();
    let mut out = Vec::new();
    for (i, a) in args.iter().skip(2).enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        let s = format::render(a, Mode::Cat);
        out.extend(if s.is_empty() { def.clone() } else { s });
    }
    Ok(Value::str(out))
}

fn bi_print_raw(m: &mut Machine, _: &Compiler, args: &[Value], _: Span) -> Res<Value> {
    for a in args {
        let s = format::render(a, Mode::Cat);
        let _ = m.out.write_all(&s);
    }
    Ok(Value::Bool(true))
}

fn bi_type_name(_: &mut Machine, p: &Compiler, args: &[Value], _: Span) -> Res<Value> {
    let t = match &args[0] {
        Value::Type(t) => (**t).clone(),
        // A builtin taking any arguments describes them as one `va_args`.
        Value::Func(f) if f.builtin && p.builtins.get(f.id).is_some_and(|b| b.variadic) => {
            let params = vec![crate::check::types::Param { name: "va_args".into(), ty: Type::Any, default: None, module: String::new() }];
            Type::Func(Rc::new(crate::check::types::FuncType { flavor: f.ty.flavor, params, yield_type: f.ty.yield_type.clone() }))
        }
        v => value_type(v),
    };
    Ok(Value::str(type_name(&t)))
}

/// `type_name()`'s spelling: structural, as Bro 2.6 describes types —
/// records list their fields (`record { a:count; }`), enums are `enum`,
/// functions list parameters with `;` after each.
pub fn type_name(t: &Type) -> String {
    let mut out = String::new();
    describe_type(t, &mut Vec::new(), &mut out);
    out
}

fn describe_type(t: &Type, seen: &mut Vec<*const crate::check::types::RecordType>, out: &mut String) {
    match t {
        Type::Record(rt) => {
            let ptr = Rc::as_ptr(rt);
            if seen.contains(&ptr) {
                out.push_str("<recursion>");
                return;
            }
            seen.push(ptr);
            out.push_str("record { ");
            for f in rt.fields.borrow().iter() {
                out.push_str(&f.name);
                out.push(':');
                describe_type(&f.ty, seen, out);
                out.push_str("; ");
            }
            out.push('}');
            seen.pop();
        }
        Type::Enum(_) => out.push_str("enum"),
        Type::Table(tt) => {
            out.push_str(if tt.yield_type.is_some() { "table[" } else { "set[" });
            for (i, ty) in tt.index.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                describe_type(ty, seen, out);
            }
            out.push(']');
            if let Some(y) = &tt.yield_type {
                out.push_str(" of ");
                describe_type(y, seen, out);
            }
        }
        Type::Vector(y) => {
            out.push_str("vector of ");
            describe_type(y, seen, out);
        }
        Type::Func(ft) => {
            out.push_str(match ft.flavor {
                crate::check::types::Flavor::Function => "function(",
                crate::check::types::Flavor::Event => "event(",
                crate::check::types::Flavor::Hook => "hook(",
            });
            for (i, p) in ft.params.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(&p.name);
                out.push(':');
                describe_type(&p.ty, seen, out);
                out.push(';');
            }
            out.push(')');
            // Functions always have a yield type (`void` when none is
            // written) and hooks yield bool; events have none.
            match ft.flavor {
                crate::check::types::Flavor::Function => {
                    out.push_str(" : ");
                    describe_type(&ft.yield_type, seen, out);
                }
                crate::check::types::Flavor::Hook => out.push_str(" : bool"),
                crate::check::types::Flavor::Event => {}
            }
        }
        other => out.push_str(&other.to_string()),
    }
}

fn bi_terminate(m: &mut Machine, _: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let was = m.terminating;
    m.terminating = true;
    Ok(Value::Bool(!was))
}

fn bi_exit(m: &mut Machine, _: &Compiler, args: &[Value], _: Span) -> Res<Value> {
    let _ = m.out.flush();
    Err(Box::new(RtError { unwind: Unwind::Exit(int(&args[0]) as i32), kind: "", msg: String::new(), span: None }))
}

fn bad_conversion(m: &mut Machine, p: &Compiler, what: &str, arg: &Value, span: Span) {
    let call = m.describe(span);
    let e = error(format!("bad conversion to {what} ({call} and {})", String::from_utf8_lossy(bytes(arg))), span);
    // The argument's own place is named too when it is a literal.
    let also = m.literal_span(p, arg);
    m.report_also(&e, also);
}

fn trimmed(s: &[u8]) -> String {
    String::from_utf8_lossy(s).trim().to_string()
}

fn bi_to_int(m: &mut Machine, p: &Compiler, args: &[Value], span: Span) -> Res<Value> {
    let s = bytes(&args[0]);
    match trimmed(s).parse::<i64>() {
        Ok(n) => Ok(Value::Int(n)),
        Err(_) => {
            bad_conversion(m, p, "int", &args[0], span);
            Ok(Value::Int(0))
        }
    }
}

fn bi_to_double(m: &mut Machine, p: &Compiler, args: &[Value], span: Span) -> Res<Value> {
    let s = bytes(&args[0]);
    match trimmed(s).parse::<f64>() {
        Ok(n) => Ok(Value::Double(n)),
        Err(_) => {
            bad_conversion(m, p, "double", &args[0], span);
            Ok(Value::Double(0.0))
        }
    }
}

fn bi_to_port(m: &mut Machine, _: &Compiler, args: &[Value], span: Span) -> Res<Value> {
    let s = trimmed(bytes(&args[0]));
    if let Some((n, p)) = s.split_once('/') {
        let proto = match p {
            "tcp" => Some(Proto::Tcp),
            "udp" => Some(Proto::Udp),
            "icmp" => Some(Proto::Icmp),
            "unknown" => Some(Proto::Unknown),
            _ => None,
        };
        if let (Ok(n), Some(proto)) = (n.parse::<u32>(), proto) {
            return Ok(Value::Port(n, proto));
        }
    }
    let e = error(format!("bad conversion to port ({})", m.describe(span)), span);
    m.report(&e);
    Ok(Value::Port(0, Proto::Unknown))
}

fn bi_int_to_count(m: &mut Machine, _: &Compiler, args: &[Value], span: Span) -> Res<Value> {
    let i = int(&args[0]);
    if i < 0 {
        let e = error(format!("bad conversion to count ({} and {i})", m.describe(span)), span);
        m.report(&e);
        return Ok(Value::Count(0));
    }
    Ok(Value::Count(i as u64))
}

fn bi_count_to_port(_: &mut Machine, _: &Compiler, args: &[Value], _: Span) -> Res<Value> {
    let proto = match &args[1] {
        Value::Enum(_, 1) => Proto::Tcp,
        Value::Enum(_, 2) => Proto::Udp,
        Value::Enum(_, 3) => Proto::Icmp,
        _ => Proto::Unknown,
    };
    Ok(Value::Port(count(&args[0]) as u32, proto))
}

fn bi_port_proto(_: &mut Machine, p: &Compiler, args: &[Value], _: Span) -> Res<Value> {
    let v = match &args[0] {
        Value::Port(_, Proto::Tcp) => 1,
        Value::Port(_, Proto::Udp) => 2,
        Value::Port(_, Proto::Icmp) => 3,
        _ => 0,
    };
    match p.globals.lookup("GLOBAL", "transport_proto").map(|g| p.globals.get(g).ty.clone()) {
        Some(Type::Enum(et)) => Ok(Value::Enum(et, v)),
        _ => Ok(Value::Count(v as u64)),
    }
}

fn bi_getenv(_: &mut Machine, _: &Compiler, args: &[Value], _: Span) -> Res<Value> {
    let name = String::from_utf8_lossy(bytes(&args[0])).into_owned();
    Ok(Value::str(std::env::var(name).unwrap_or_default()))
}

fn bi_resize(_: &mut Machine, _: &Compiler, args: &[Value], _: Span) -> Res<Value> {
    match &args[0] {
        Value::Vector(v) => {
            let old = v.borrow().items.len();
            v.borrow_mut().items.resize(count(&args[1]) as usize, None);
            Ok(Value::Count(old as u64))
        }
        _ => Ok(Value::Count(0)),
    }
}

fn bi_clear_table(m: &mut Machine, _: &Compiler, args: &[Value], span: Span) -> Res<Value> {
    match &args[0] {
        Value::Table(t) => t.borrow_mut().clear(),
        _ => super::util::builtin_error(m, "clear_table() requires a table/set argument", span, None),
    }
    Ok(Value::Bool(true))
}

fn bi_same_object(_: &mut Machine, _: &Compiler, args: &[Value], _: Span) -> Res<Value> {
    let same = match (&args[0], &args[1]) {
        (Value::Table(a), Value::Table(b)) => Rc::ptr_eq(a, b),
        (Value::Record(a), Value::Record(b)) => Rc::ptr_eq(a, b),
        (Value::Vector(a), Value::Vector(b)) => Rc::ptr_eq(a, b),
        (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b),
        _ => false,
    };
    Ok(Value::Bool(same))
}

fn report(m: &mut Machine, kind: &'static str, args: &[Value], span: Span) -> Res<Value> {
    let msg = String::from_utf8_lossy(bytes(&args[0])).into_owned();
    m.report(&RtError { unwind: Unwind::Stmt, kind, msg, span: Some(span) });
    Ok(Value::Bool(true))
}

fn bi_fatal(m: &mut Machine, _: &Compiler, args: &[Value], span: Span) -> Res<Value> {
    let msg = String::from_utf8_lossy(bytes(&args[0])).into_owned();
    m.report(&RtError { unwind: Unwind::Exit(1), kind: "fatal error", msg, span: Some(span) });
    Err(Box::new(RtError { unwind: Unwind::Exit(1), kind: "", msg: String::new(), span: None }))
}

/// A new `vector of string` from byte strings.
pub fn string_vec(items: Vec<Vec<u8>>) -> Value {
    Value::Vector(Rc::new(RefCell::new(VectorVal {
        yield_type: Type::String,
        items: items.into_iter().map(|s| Some(Value::str(s))).collect(),
    })))
}
