//! Bro 2.6's input framework builtins (`input.bif`:
//! `Input::__create_table_stream`, `__create_event_stream`,
//! `__remove_stream`, `__force_update`) and the input manager behind
//! them. Creating a stream checks the description as Bro does and sets
//! a reader up; the reading itself happens later, from the main loop
//! ([`poll`]), as Bro's reader threads hand their data over: entries go
//! into the destination table (with the predicate asked and the stream's
//! event queued) or become events, and `Input::end_of_data` follows.
//! REREAD and STREAM streams are looked at again every heartbeat.

mod convert;
mod manager;

use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::scope::GLOBAL_MODULE;
use crate::check::types::{Flavor, Type};
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::value::Value;
use crate::input::{self, FieldSpec, InVal, Mode, Msg, ReaderInfo};
use crate::source::Span;
use manager::{EventStream, InputManager, Stream, StreamKind, TableStream};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("Input::__create_table_stream", "function(description: Input::TableDescription): bool", bi_create_table_stream),
    b!("Input::__create_event_stream", "function(description: Input::EventDescription): bool", bi_create_event_stream),
    b!("Input::__remove_stream", "function(id: string): bool", bi_remove_stream),
    b!("Input::__force_update", "function(id: string): bool", bi_force_update),
];

/// Seconds between two looks at REREAD and STREAM sources (Bro's
/// threads get a heartbeat every second).
const HEARTBEAT: f64 = 0.5;

type Shared = RefCell<InputManager>;

fn manager(m: &mut Machine) -> Rc<Shared> {
    m.state.get::<Shared>()
}

/// A record's field by name.
fn field(rec: &Value, name: &str) -> Option<Value> {
    let Value::Record(r) = rec else { return None };
    let r = r.borrow();
    let i = r.ty.field_index(name)?;
    r.fields.get(i).cloned().flatten()
}

fn text_of(v: &Option<Value>) -> String {
    match v {
        Some(Value::Str(s)) => String::from_utf8_lossy(s).into_owned(),
        _ => String::new(),
    }
}

/// A global's current value, by full name.
fn global(m: &Machine, p: &Compiler, name: &str) -> Option<Value> {
    let g = p.globals.lookup(GLOBAL_MODULE, name)?;
    m.globals.get(g).cloned().flatten()
}

/// The function-table entry of an event, by full name.
fn event_id(p: &Compiler, name: &str) -> Option<usize> {
    p.globals.lookup(GLOBAL_MODULE, name).and_then(|g| p.globals.get(g).func)
}

/// An enum value of a named enum type by its item's full name.
fn enum_value(p: &Compiler, ty: &str, item: &str) -> Value {
    match super::util::named_type(p, ty) {
        Some(Type::Enum(et)) => {
            let n = et.names.borrow().iter().find(|(n, _)| n == item).map(|(_, v)| *v).unwrap_or(0);
            Value::Enum(et, n as i32)
        }
        _ => Value::str(item),
    }
}

/// A reporter message without a place, as Bro's input manager logs them.
fn report(m: &mut Machine, kind: &'static str, msg: impl Into<String>) {
    m.report(&RtError { unwind: Unwind::Stmt, kind, msg: msg.into(), span: None });
}

/// The type a description's `any` field holds (`$idx=Idx`).
fn type_field(desc: &Value, name: &str) -> Option<Type> {
    match field(desc, name)? {
        Value::Type(t) => Some(match &*t {
            Type::TypeOf(inner) => (**inner).clone(),
            other => other.clone(),
        }),
        _ => None,
    }
}

/// An option's script value as reader option text.
fn option_text(v: &Value) -> Vec<u8> {
    match v {
        Value::Str(s) => s.to_vec(),
        Value::Bool(b) => if *b { b"T".to_vec() } else { b"F".to_vec() },
        other => crate::eval::format::render(other, crate::eval::format::Mode::Cat),
    }
}

/// The reader options a stream starts with: the reader's script
/// settings, then the description's `$config` over them.
fn reader_options(m: &Machine, p: &Compiler, reader: &str, desc: &Value) -> input::Options {
    let mut opts = input::Options::new();
    let settings: &[(&str, &str)] = match reader {
        "ASCII" => &[
            ("separator", "InputAscii::separator"),
            ("set_separator", "InputAscii::set_separator"),
            ("empty_field", "InputAscii::empty_field"),
            ("unset_field", "InputAscii::unset_field"),
            ("fail_on_invalid_lines", "InputAscii::fail_on_invalid_lines"),
            ("fail_on_file_problem", "InputAscii::fail_on_file_problem"),
        ],
        "RAW" => &[("record_separator", "InputRaw::record_separator")],
        "CONFIG" => &[
            ("set_separator", "InputConfig::set_separator"),
            ("empty_field", "InputConfig::empty_field"),
            ("fail_on_file_problem", "InputConfig::fail_on_file_problem"),
        ],
        _ => &[],
    };
    for (key, name) in settings {
        if let Some(v) = global(m, p, name) {
            opts.insert(key.to_string(), option_text(&v));
        }
    }
    if let Some(Value::Table(t)) = field(desc, "config") {
        for e in t.borrow().ordered() {
            if let (Some(Value::Str(k)), Some(Value::Str(v))) = (e.index.first(), e.value.as_ref()) {
                opts.insert(String::from_utf8_lossy(k).into_owned(), v.to_vec());
            }
        }
    }
    opts
}

/// The script's options and their types, for the config reader.
fn option_types(p: &Compiler) -> std::collections::BTreeMap<String, Result<input::Kind, String>> {
    p.globals
        .list
        .iter()
        .filter(|g| g.is_option)
        .map(|g| {
            let kind = convert::kind_of(&g.ty, false).ok_or_else(|| match &g.ty {
                Type::Table(_) => "table".to_string(),
                t => t.tag_name().to_string(),
            });
            (g.name.clone(), kind)
        })
        .collect()
}

/// What every stream description has: name, source, reader, mode.
struct Common {
    name: String,
    source: String,
    reader_label: String,
    reader: String,
    mode: Mode,
}

fn common(desc: &Value) -> Option<Common> {
    let name = text_of(&field(desc, "name"));
    let label = match field(desc, "reader") {
        Some(Value::Enum(et, n)) => et.name_of(i64::from(n)).unwrap_or_default(),
        _ => String::new(),
    };
    let reader = label.strip_prefix("Input::READER_").unwrap_or("").to_string();
    let mode = match field(desc, "mode") {
        Some(Value::Enum(_, 1)) => Mode::Reread,
        Some(Value::Enum(_, 2)) => Mode::Stream,
        _ => Mode::Manual,
    };
    Some(Common { name, source: text_of(&field(desc, "source")), reader_label: label, reader, mode })
}

/// Bro's checks of an `error_ev`: an event of (description, string, Reporter::Level).
fn check_error_event(m: &mut Machine, p: &Compiler, stream: &str, ev: Option<Value>, table: bool) -> Result<Option<usize>, ()> {
    let Some(ev) = ev else { return Ok(None) };
    let Value::Func(f) = &ev else {
        report(m, "error", format!("Input stream {stream}: Error event is not an event"));
        return Err(());
    };
    let fail = |m: &mut Machine, what: &str| {
        report(m, "error", format!("Input stream {stream}: {what}"));
        Err(())
    };
    if f.ty.flavor != Flavor::Event || f.builtin {
        return fail(m, "Error event is a function, not an event");
    }
    let args = &f.ty.params;
    if args.len() != 3 {
        return fail(m, "Error event must take 3 arguments");
    }
    let desc_name = if table { "Input::TableDescription" } else { "Input::EventDescription" };
    if !named_is(p, desc_name, &args[0].ty) {
        return fail(m, &format!("Error event's first attribute must be of type {desc_name}"));
    }
    if !matches!(args[1].ty, Type::String) {
        return fail(m, "Error event's second attribute must be of type string");
    }
    if !named_is(p, "Reporter::Level", &args[2].ty) {
        return fail(m, "Error event's third attribute must be of type Reporter::Level");
    }
    Ok(Some(f.id))
}

/// Whether `t` is the type the script declared under `name`.
fn named_is(p: &Compiler, name: &str, t: &Type) -> bool {
    super::util::named_type(p, name).is_some_and(|n| n.same(t))
}

/// `Type` described as Bro's messages do: `'record':record { ... }`.
fn described(t: &Type) -> String {
    format!("'{}':{:#}", t.tag_name(), t)
}

/// Unrolls a record type into reader fields, reporting as Bro does.
fn unroll(m: &mut Machine, rt: &crate::check::types::RecordType, allow: bool, out: &mut Vec<FieldSpec>) -> bool {
    let (mut errors, mut infos) = (Vec::new(), Vec::new());
    let ok = convert::unroll(rt, "", allow, out, &mut errors, &mut infos);
    for i in infos {
        // Bro's reporter prints its notes without a prefix.
        let _ = m.err.write_all(format!("{i}\n").as_bytes());
    }
    for e in errors {
        report(m, "error", e);
    }
    ok
}

fn bi_create_table_stream(m: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(Value::Bool(create_table_stream(m, p, &a[0]).is_some()))
}

fn create_table_stream(m: &mut Machine, p: &Compiler, desc: &Value) -> Option<()> {
    let c = common(desc)?;
    let name = c.name.clone();
    let fail = |m: &mut Machine, what: String| -> Option<()> {
        report(m, "error", format!("Input stream {name}: {what}"));
        None
    };
    let Some(Type::Record(itype)) = type_field(desc, "idx") else {
        return fail(m, "Index type is not a record type".to_string());
    };
    let rtype = match type_field(desc, "val") {
        None => None,
        Some(Type::Record(rt)) => Some(rt),
        Some(_) => return fail(m, "Value type is not a record type".to_string()),
    };
    let Some(Value::Table(dest)) = field(desc, "destination") else {
        return fail(m, "Destination is not a table".to_string());
    };
    let want_record = field(desc, "want_record").is_none_or(|v| v.as_bool());
    let tt = dest.borrow().ty.clone();
    let idx_fields = itype.fields.borrow().clone();
    for (j, t) in tt.index.iter().enumerate() {
        let Some(f) = idx_fields.get(j) else {
            return fail(m, "Table type has more indexes than index definition".to_string());
        };
        if !f.ty.same(t) {
            return fail(m, format!("Table type does not match index type. Need type {}, got {}", described(&f.ty), described(t)));
        }
    }
    if idx_fields.len() != tt.index.len() {
        return fail(m, "Table has less elements than index definition".to_string());
    }
    if let Some(rt) = &rtype {
        let compare = if want_record { Type::Record(rt.clone()) } else { rt.fields.borrow().first().map(|f| f.ty.clone()).unwrap_or(Type::Void) };
        match &tt.yield_type {
            Some(y) if y.same(&compare) => {}
            Some(y) => {
                return fail(m, format!("Table type does not match value type. Need type '{compare:#}', got '{y:#}'"));
            }
            None => return fail(m, "Table is a set, but a value type was given".to_string()),
        }
    }
    let ev = match field(desc, "ev") {
        None => None,
        Some(Value::Func(f)) => {
            if f.ty.flavor != Flavor::Event || f.builtin {
                return fail(m, "Stream event is a function, not an event".to_string());
            }
            let args = &f.ty.params;
            if args.len() != 4 {
                return fail(m, "Table event must take 4 arguments".to_string());
            }
            if !named_is(p, "Input::TableDescription", &args[0].ty) {
                return fail(m, "Table event's first attribute must be of type Input::TableDescription".to_string());
            }
            if !named_is(p, "Input::Event", &args[1].ty) {
                return fail(m, "Table event's second attribute must be of type Input::Event".to_string());
            }
            let idx_t = Type::Record(itype.clone());
            if !args[2].ty.same(&idx_t) {
                return fail(m, format!("Table event's index attributes do not match. Need '{idx_t:#}', got '{:#}'", args[2].ty));
            }
            if let Some(rt) = &rtype {
                let val_t = Type::Record(rt.clone());
                if want_record && !args[3].ty.same(&val_t) {
                    return fail(m, format!("Table event's value attributes do not match. Need '{val_t:#}', got '{:#}'", args[3].ty));
                }
                let first = rt.fields.borrow().first().map(|f| f.ty.clone()).unwrap_or(Type::Void);
                if !want_record && !args[3].ty.same(&first) {
                    return fail(m, format!("Table event's value attribute does not match. Need '{first:#}', got '{:#}'", args[3].ty));
                }
            }
            Some(f.id)
        }
        Some(_) => return fail(m, "Stream event is not an event".to_string()),
    };
    let error_ev = check_error_event(m, p, &name, field(desc, "error_ev"), true).ok()?;
    let mut fields = Vec::new();
    if !unroll(m, &itype, false, &mut fields) {
        return fail(m, "Problem unrolling".to_string());
    }
    let num_idx = fields.len();
    let accept = global(m, p, "Input::accept_unsupported_types").is_some_and(|v| v.as_bool());
    if let Some(rt) = &rtype {
        if !unroll(m, rt, accept, &mut fields) {
            return fail(m, "Problem unrolling".to_string());
        }
    }
    let num_val = fields.len() - num_idx;
    if num_val > 1 && !want_record {
        return fail(m, "Stream does not want a record (want_record=F), but has more then one value field.".to_string());
    }
    let kind = StreamKind::Table(TableStream {
        dest,
        itype,
        rtype,
        want_record,
        num_idx,
        pred: field(desc, "pred"),
        ev,
        last: Default::default(),
        curr: Default::default(),
    });
    add_stream(m, p, c, desc, fields, kind, error_ev)
}

fn bi_create_event_stream(m: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(Value::Bool(create_event_stream(m, p, &a[0]).is_some()))
}

fn create_event_stream(m: &mut Machine, p: &Compiler, desc: &Value) -> Option<()> {
    let c = common(desc)?;
    let name = c.name.clone();
    let fail = |m: &mut Machine, what: String| -> Option<()> {
        report(m, "error", format!("Input stream {name}: {what}"));
        None
    };
    let Some(Type::Record(ftype)) = type_field(desc, "fields") else {
        return fail(m, "Fields type is not a record type".to_string());
    };
    let want_record = field(desc, "want_record").is_none_or(|v| v.as_bool());
    let Some(Value::Func(f)) = field(desc, "ev") else {
        return fail(m, "Stream event is not an event".to_string());
    };
    if f.ty.flavor != Flavor::Event || f.builtin {
        return fail(m, "Stream event is a function, not an event".to_string());
    }
    let args = &f.ty.params;
    if args.len() < 2 {
        return fail(m, "Event does not take enough arguments".to_string());
    }
    if !named_is(p, "Input::Event", &args[1].ty) {
        return fail(m, "Event's second attribute must be of type Input::Event".to_string());
    }
    if !named_is(p, "Input::EventDescription", &args[0].ty) {
        return fail(m, "Event's first attribute must be of type Input::EventDescription".to_string());
    }
    let fields_t = ftype.fields.borrow().clone();
    let mut accept = false;
    if c.reader == "CONFIG" {
        // The config reader's entries are its own; its values arrive as
        // InputConfig::new_value.
    } else if !want_record {
        if args.len() != fields_t.len() + 2 {
            return fail(m, "Event has wrong number of arguments".to_string());
        }
        for (i, fd) in fields_t.iter().enumerate() {
            if !args[i + 2].ty.same(&fd.ty) {
                return fail(
                    m,
                    format!("Incompatible type for event in field {}. Need type {}, got {}", i + 3, described(&fd.ty), described(&args[i + 2].ty)),
                );
            }
        }
    } else {
        if args.len() != 3 {
            return fail(m, "Event has wrong number of arguments".to_string());
        }
        let rt = Type::Record(ftype.clone());
        if !args[2].ty.same(&rt) {
            return fail(m, format!("Incompatible type {} for event, which needs type {}\n", described(&args[2].ty), described(&rt)));
        }
        accept = global(m, p, "Input::accept_unsupported_types").is_some_and(|v| v.as_bool());
    }
    let error_ev = check_error_event(m, p, &name, field(desc, "error_ev"), false).ok()?;
    let mut fields = Vec::new();
    if !unroll(m, &ftype, accept, &mut fields) {
        return fail(m, "Problem unrolling".to_string());
    }
    let kind = StreamKind::Event(EventStream { fields: ftype, want_record, ev: f.id });
    add_stream(m, p, c, desc, fields, kind, error_ev)
}

/// Adds a checked stream; `None` when one of that name exists (Bro
/// checks the name once the description's types have passed).
fn add_stream(m: &mut Machine, p: &Compiler, c: Common, desc: &Value, fields: Vec<FieldSpec>, kind: StreamKind, error_ev: Option<usize>) -> Option<()> {
    if manager(m).borrow().find(&c.name).is_some() {
        report(m, "error", format!("Trying create already existing input stream {}", c.name));
        return None;
    }
    let options = reader_options(m, p, &c.reader, desc);
    let option_types = if c.reader == "CONFIG" { option_types(p) } else { Default::default() };
    let info = ReaderInfo { source: c.source.clone(), mode: c.mode, options, option_types };
    let reader = input::make(&c.reader);
    let mgr = manager(m);
    let mut g = mgr.borrow_mut();
    let id = g.next_id();
    g.streams.push(Stream {
        id,
        name: c.name,
        source: c.source,
        reader_label: c.reader_label,
        description: desc.clone(),
        reader,
        info,
        fields,
        started: false,
        failed: false,
        removed: false,
        force: false,
        kind,
        error_ev,
    });
    Some(())
}

fn bi_remove_stream(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let name = String::from_utf8_lossy(super::util::bytes(&a[0])).into_owned();
    let mgr = manager(m);
    let mut g = mgr.borrow_mut();
    let Some(s) = g.find_mut(&name) else { return Ok(Value::Bool(false)) };
    if s.removed {
        drop(g);
        report(m, "warning", format!("Stream {name} is already queued for removal. Ignoring remove."));
        return Ok(Value::Bool(true));
    }
    s.removed = true;
    Ok(Value::Bool(true))
}

fn bi_force_update(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let name = String::from_utf8_lossy(super::util::bytes(&a[0])).into_owned();
    let mgr = manager(m);
    let mut g = mgr.borrow_mut();
    let msg = match g.find_mut(&name) {
        None => format!("Stream {name} not found"),
        Some(s) if s.removed => format!("Stream {name} is already queued for removal. Ignoring force update."),
        Some(s) => {
            s.force = true;
            return Ok(Value::Bool(true));
        }
    };
    drop(g);
    report(m, "error", msg);
    Ok(Value::Bool(false))
}

/// When the main loop next has input work: at once for streams not yet
/// read (or asked to update), else at the next heartbeat while streams
/// follow their sources.
pub fn next_poll(m: &Machine) -> Option<f64> {
    let mgr = m.state.peek::<Shared>()?;
    let g = mgr.borrow();
    if g.streams.iter().any(|s| !s.removed && (!s.started || s.force)) {
        return Some(0.0);
    }
    g.streams.iter().any(|s| !s.removed && !s.failed).then_some(g.next_heartbeat)
}

/// Runs the readers that have work (first reads, forced updates,
/// heartbeats when due) and hands what they read to the script.
pub fn poll(m: &mut Machine, p: &Compiler, now: f64) {
    let Some(mgr) = m.state.peek::<Shared>() else { return };
    let beat = {
        let mut g = mgr.borrow_mut();
        g.streams.retain(|s| !s.removed);
        let beat = now >= g.next_heartbeat;
        if beat {
            g.next_heartbeat = now + HEARTBEAT;
        }
        beat
    };
    let ids: Vec<u64> = mgr.borrow().streams.iter().map(|s| s.id).collect();
    for id in ids {
        let msgs = {
            let mut g = mgr.borrow_mut();
            let Some(s) = g.streams.iter_mut().find(|s| s.id == id) else { continue };
            if s.removed || s.failed {
                continue;
            }
            let mut out = Vec::new();
            let ok = if !s.started {
                s.started = true;
                match s.reader.as_mut() {
                    Some(r) => r.init(&s.info, &s.fields, &mut out),
                    None => {
                        out.push(Msg::Error(format!("{} is not available here", s.reader_label)));
                        false
                    }
                }
            } else if s.force {
                s.force = false;
                s.reader.as_mut().is_some_and(|r| r.update(&mut out))
            } else if beat {
                s.reader.as_mut().is_some_and(|r| r.heartbeat(&mut out))
            } else {
                continue;
            };
            if !ok {
                s.failed = true;
                out.push(Msg::Error("Init failed".into()));
                out.push(Msg::Error("terminating thread".into()));
            }
            out
        };
        for msg in msgs {
            if !handle(m, p, &mgr, id, msg) {
                break;
            }
        }
    }
}

/// One message of stream `id`'s reader. `false` once the stream is gone.
fn handle(m: &mut Machine, p: &Compiler, mgr: &Rc<Shared>, id: u64, msg: Msg) -> bool {
    let (name, source, label, desc, error_ev, is_table) = {
        let g = mgr.borrow();
        let Some(s) = g.streams.iter().find(|s| s.id == id && !s.removed) else { return false };
        (s.name.clone(), s.source.clone(), s.reader_label.clone(), s.description.clone(), s.error_ev, matches!(s.kind, StreamKind::Table(_)))
    };
    let raise_error = |m: &mut Machine, msg: &str, level: &str| {
        if let Some(ev) = error_ev {
            let lv = enum_value(p, "Reporter::Level", level);
            m.queue.push_back((ev, vec![desc.clone(), Value::str(msg), lv]));
        }
    };
    match msg {
        Msg::Warning(w) => {
            report(m, "warning", format!("{source}/{label}: {w}"));
            raise_error(m, &w, "Reporter::WARNING");
        }
        Msg::Error(e) => {
            report(m, "error", format!("{source}/{label}: {e}"));
            raise_error(m, &e, "Reporter::ERROR");
        }
        Msg::PlainWarning(w) => {
            report(m, "warning", w.clone());
            raise_error(m, &w, "Reporter::WARNING");
        }
        Msg::Put(vals) | Msg::SendEntry(vals) if !is_table => send_event(m, p, mgr, id, &vals, &desc, &raise_error),
        Msg::Put(vals) => manager::put_table(m, p, mgr, id, &vals, &desc, false, &raise_error),
        Msg::SendEntry(vals) => manager::put_table(m, p, mgr, id, &vals, &desc, true, &raise_error),
        Msg::EndCurrentSend => {
            if is_table {
                manager::end_current_send(m, p, mgr, id, &desc);
            }
            end_of_data(m, p, &name, &source);
        }
        Msg::EndOfData => end_of_data(m, p, &name, &source),
        Msg::ConfigValue(option, v) => {
            let ty = p.globals.lookup(GLOBAL_MODULE, &option).map(|g| p.globals.get(g).ty.clone());
            let converted = ty.map(|t| convert::to_value(&v, &t, &name));
            match converted {
                Some(Ok(Some(val))) => {
                    if let Some(ev) = event_id(p, "InputConfig::new_value") {
                        m.queue.push_back((ev, vec![Value::str(name.clone()), Value::str(source.clone()), Value::str(option), val]));
                    }
                }
                Some(Err(w)) => {
                    report(m, "warning", w.clone());
                    raise_error(m, &w, "Reporter::WARNING");
                    report(m, "error", "SendEvent for event InputConfig::new_value failed");
                }
                _ => {}
            }
        }
        Msg::ProcessFinished(code, signal) => {
            if let Some(ev) = event_id(p, "InputRaw::process_finished") {
                m.queue.push_back((ev, vec![Value::str(name), Value::str(source), Value::Count(code), Value::Bool(signal)]));
            }
        }
    }
    true
}

fn end_of_data(m: &mut Machine, p: &Compiler, name: &str, source: &str) {
    if let Some(ev) = event_id(p, "Input::end_of_data") {
        m.queue.push_back((ev, vec![Value::str(name), Value::str(source)]));
    }
}

/// An entry of an event stream: its event, with the record or its fields.
fn send_event(m: &mut Machine, p: &Compiler, mgr: &Rc<Shared>, id: u64, vals: &[InVal], desc: &Value, raise: &dyn Fn(&mut Machine, &str, &str)) {
    let (fields, want_record, ev, name) = {
        let g = mgr.borrow();
        let Some(s) = g.streams.iter().find(|s| s.id == id) else { return };
        let StreamKind::Event(e) = &s.kind else { return };
        (e.fields.clone(), e.want_record, e.ev, s.name.clone())
    };
    let mut args = vec![desc.clone(), enum_value(p, "Input::Event", "Input::EVENT_NEW")];
    let mut pos = 0;
    let converted: Result<(), String> = (|| {
        if want_record {
            args.push(convert::to_record(m, p, vals, &fields, &mut pos, &name)?);
        } else {
            for f in fields.fields.borrow().iter() {
                match &f.ty {
                    Type::Record(inner) => args.push(convert::to_record(m, p, vals, inner, &mut pos, &name)?),
                    t => {
                        let v = vals.get(pos).map_or(Ok(None), |v| convert::to_value(v, t, &name))?;
                        pos += 1;
                        // An unset field has no value to pass: the entry
                        // cannot become an event.
                        args.push(v.ok_or_else(String::new)?);
                    }
                }
            }
        }
        Ok(())
    })();
    match converted {
        Ok(()) => m.queue.push_back((ev, args)),
        Err(w) if w.is_empty() => {}
        Err(w) => {
            report(m, "warning", w.clone());
            raise(m, &w, "Reporter::WARNING");
        }
    }
}

/// Ends every stream at shutdown (commands the raw reader runs are stopped).
pub fn terminate(m: &mut Machine) {
    if let Some(mgr) = m.state.peek::<Shared>() {
        mgr.borrow_mut().streams.clear();
    }
}
