//! The weird half of reporter.bif: `Reporter::net_weird` and
//! `Reporter::flow_weird` raise the `net_weird` and `flow_weird` events
//! (after Bro's sampling: the first `threshold` weirds of a name within
//! `duration` pass, then one in `rate`), the sampling settings' getters
//! and setters, and `Reporter::fatal_error_with_core`.

use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::{TableType, Type};
use crate::eval::exec::{as_f64, Machine, Res, RtError, Unwind};
use crate::eval::value::{TableVal, Value};
use crate::source::Span;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("Reporter::fatal_error_with_core", "function(msg: string): bool", bi_fatal_error_with_core),
    b!("Reporter::net_weird", "function(name: string): bool", bi_net_weird),
    b!("Reporter::flow_weird", "function(name: string, orig: addr, resp: addr): bool", bi_flow_weird),
    b!("Reporter::get_weird_sampling_whitelist", "function(): string_set", bi_get_whitelist),
    b!("Reporter::set_weird_sampling_whitelist", "function(weird_sampling_whitelist: string_set): bool", bi_set_whitelist),
    b!("Reporter::get_weird_sampling_threshold", "function(): count", |m, p, _, _| {
        Ok(Value::Count(settings(m, p).threshold))
    }),
    b!("Reporter::set_weird_sampling_threshold", "function(weird_sampling_threshold: count): bool", |m, p, a, _| {
        update(m, p, |s| s.threshold = super::util::count(&a[0]))
    }),
    b!("Reporter::get_weird_sampling_rate", "function(): count", |m, p, _, _| Ok(Value::Count(settings(m, p).rate))),
    b!("Reporter::set_weird_sampling_rate", "function(weird_sampling_rate: count): bool", |m, p, a, _| {
        update(m, p, |s| s.rate = super::util::count(&a[0]))
    }),
    b!("Reporter::get_weird_sampling_duration", "function(): interval", |m, p, _, _| {
        Ok(Value::Interval(settings(m, p).duration))
    }),
    b!("Reporter::set_weird_sampling_duration", "function(weird_sampling_duration: interval): bool", |m, p, a, _| {
        update(m, p, |s| s.duration = as_f64(&a[0]))
    }),
];

/// Bro's weird sampling settings.
#[derive(Clone, Default)]
pub struct Sampling {
    whitelist: BTreeSet<Vec<u8>>,
    threshold: u64,
    rate: u64,
    duration: f64,
}

/// The reporter's weird bookkeeping.
#[derive(Default)]
pub struct WeirdState {
    /// The settings, read from the script constants on first use.
    settings: RefCell<Option<Sampling>>,
    /// Every weird reported, by name (`get_reporter_stats`).
    pub counts: RefCell<BTreeMap<String, u64>>,
    /// Weirds of each name since sampling started over, and when.
    net: RefCell<HashMap<Vec<u8>, (u64, f64)>>,
    /// The same per originator and responder.
    flow: RefCell<HashMap<(Vec<u8>, String, String), (u64, f64)>>,
}

fn global(m: &Machine, p: &Compiler, name: &str) -> Option<Value> {
    let g = p.globals.lookup("GLOBAL", name)?;
    m.globals.get(g).cloned().flatten()
}

fn settings(m: &mut Machine, p: &Compiler) -> Sampling {
    let state = m.state.get::<WeirdState>();
    if let Some(s) = state.settings.borrow().as_ref() {
        return s.clone();
    }
    let mut s = Sampling { threshold: 25, rate: 1000, duration: 600.0, ..Default::default() };
    if let Some(Value::Table(t)) = global(m, p, "weird_sampling_whitelist") {
        s.whitelist = t.borrow().ordered().iter().filter_map(|e| match e.index.first() {
            Some(Value::Str(b)) => Some(b.to_vec()),
            _ => None,
        }).collect();
    }
    if let Some(Value::Count(n)) = global(m, p, "weird_sampling_threshold") {
        s.threshold = n;
    }
    if let Some(Value::Count(n)) = global(m, p, "weird_sampling_rate") {
        s.rate = n;
    }
    if let Some(Value::Interval(d)) = global(m, p, "weird_sampling_duration") {
        s.duration = d;
    }
    *state.settings.borrow_mut() = Some(s.clone());
    s
}

fn update(m: &mut Machine, p: &Compiler, change: impl FnOnce(&mut Sampling)) -> Res<Value> {
    let mut s = settings(m, p);
    change(&mut s);
    *m.state.get::<WeirdState>().settings.borrow_mut() = Some(s);
    Ok(Value::Bool(true))
}

fn bi_get_whitelist(m: &mut Machine, p: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let mut t = TableVal::new(Rc::new(TableType { index: vec![Type::String], yield_type: None }));
    for name in settings(m, p).whitelist {
        t.insert(vec![Value::str(name)], None);
    }
    Ok(Value::Table(Rc::new(RefCell::new(t))))
}

fn bi_set_whitelist(m: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let names: BTreeSet<Vec<u8>> = match &a[0] {
        Value::Table(t) => t.borrow().ordered().iter().filter_map(|e| match e.index.first() {
            Some(Value::Str(b)) => Some(b.to_vec()),
            _ => None,
        }).collect(),
        _ => BTreeSet::new(),
    };
    update(m, p, |s| s.whitelist = names)
}

/// Whether the sampling lets this weird through: counts within the
/// duration start over once it has passed since the first one.
fn permit(count: &mut (u64, f64), now: f64, s: &Sampling) -> bool {
    if count.0 == 0 || now - count.1 >= s.duration {
        *count = (0, now);
    }
    count.0 += 1;
    if count.0 <= s.threshold {
        return true;
    }
    s.rate != 0 && (count.0 - s.threshold) % s.rate == 0
}

/// Counts the weird and, if sampling lets it through, raises the event
/// (when a script handles it).
fn weird(m: &mut Machine, p: &Compiler, event: &str, args: Vec<Value>, flow: Option<(String, String)>) -> Res<Value> {
    let s = settings(m, p);
    let name = super::util::bytes(&args[0]).to_vec();
    let state = m.state.get::<WeirdState>();
    *state.counts.borrow_mut().entry(String::from_utf8_lossy(&name).into_owned()).or_insert(0) += 1;
    let now = m.network_time;
    if !s.whitelist.contains(&name) {
        let passed = match flow {
            Some((o, r)) => permit(state.flow.borrow_mut().entry((name, o, r)).or_default(), now, &s),
            None => permit(state.net.borrow_mut().entry(name).or_default(), now, &s),
        };
        if !passed {
            return Ok(Value::Bool(true));
        }
    }
    if let Some(g) = p.globals.lookup("GLOBAL", event) {
        if let Some(f) = p.globals.get(g).func.filter(|f| !p.funcs[*f].bodies.is_empty()) {
            m.queue.push_back((f, args));
        }
    }
    Ok(Value::Bool(true))
}

fn bi_net_weird(m: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    weird(m, p, "net_weird", vec![a[0].clone()], None)
}

fn bi_flow_weird(m: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let shown = |v: &Value| String::from_utf8_lossy(&crate::eval::format::render(v, crate::eval::format::Mode::Cat)).into_owned();
    let pair = (shown(&a[1]), shown(&a[2]));
    weird(m, p, "flow_weird", a[..3].to_vec(), Some(pair))
}

/// Like `Reporter::fatal`, a fatal error at the call's place; Bro then
/// aborts to dump core; here the process exits with the status a shell
/// reports for SIGABRT (134), without writing a core file.
fn bi_fatal_error_with_core(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let msg = String::from_utf8_lossy(super::util::bytes(&a[0])).into_owned();
    m.report(&RtError { unwind: Unwind::Exit(134), kind: "fatal error", msg, span: Some(span) });
    Err(Box::new(RtError { unwind: Unwind::Exit(134), kind: "", msg: String::new(), span: None }))
}
