//! Bro 2.6's logging builtins (`logging.bif`: `Log::__create_stream`,
//! `Log::__write` and the rest) and the log manager behind them: a write
//! coerces the record to the stream's columns, raises the stream's
//! event, and passes it through each filter (predicate, path function,
//! extension record) to the writer for that filter's path. The runtime
//! calls [`terminate`] at shutdown to rotate and close every file.

mod convert;
mod manager;

use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::scope::GLOBAL_MODULE;
use crate::check::types::{Flavor, RecordType, Type};
use crate::eval::exec::{Machine, Res, Unwind};
use crate::eval::value::{FuncVal, RecordVal, Value};
use crate::logging::{self, AsciiOptions, Column, WriterInfo, WriterKind};
use crate::source::Span;
use convert::{plain_error, plain_warning, Choice};
use manager::{Filter, LogManager, Stream, WriterEntry};
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("Log::__create_stream", "function(id: Log::ID, stream: Log::Stream): bool", bi_create_stream),
    b!("Log::__remove_stream", "function(id: Log::ID): bool", bi_remove_stream),
    b!("Log::__enable_stream", "function(id: Log::ID): bool", |m, _, a, _| set_enabled(m, a, true)),
    b!("Log::__disable_stream", "function(id: Log::ID): bool", |m, _, a, _| set_enabled(m, a, false)),
    b!("Log::__add_filter", "function(id: Log::ID, filter: Log::Filter): bool", bi_add_filter),
    b!("Log::__remove_filter", "function(id: Log::ID, name: string): bool", bi_remove_filter),
    b!("Log::__write", "function(id: Log::ID, columns: any): bool", bi_write),
    b!("Log::__set_buf", "function(id: Log::ID, buffered: bool): bool", bi_set_buf),
    b!("Log::__flush", "function(id: Log::ID): bool", bi_flush),
];

type Shared = RefCell<LogManager>;

fn manager(m: &mut Machine) -> Rc<Shared> {
    m.state.get::<Shared>()
}

fn enum_num(v: &Value) -> i64 {
    match v {
        Value::Enum(_, n) => i64::from(*n),
        _ => i64::MIN,
    }
}

fn enum_name(v: &Value) -> String {
    match v {
        Value::Enum(et, n) => et.name_of(i64::from(*n)).unwrap_or_default(),
        _ => String::new(),
    }
}

/// A record's field by name.
fn field(rec: &Value, name: &str) -> Option<Value> {
    let Value::Record(r) = rec else { return None };
    let r = r.borrow();
    let i = r.ty.field_index(name)?;
    r.fields.get(i).cloned().flatten()
}

fn text(v: Option<Value>) -> String {
    match v {
        Some(Value::Str(s)) => String::from_utf8_lossy(&s).into_owned(),
        _ => String::new(),
    }
}

/// A global's current value, by full name.
fn global(m: &Machine, p: &Compiler, name: &str) -> Option<Value> {
    let g = p.globals.lookup(GLOBAL_MODULE, name)?;
    if let Some(v) = m.globals.get(g).cloned().flatten() {
        return Some(v);
    }
    // A script function is reached through its function-table entry.
    let info = p.globals.get(g);
    let fid = info.func?;
    let f = &p.funcs[fid];
    Some(Value::Func(Rc::new(FuncVal { name: f.name.clone(), ty: f.ty.clone(), id: fid, builtin: false })))
}

fn global_bool(m: &Machine, p: &Compiler, name: &str, dflt: bool) -> bool {
    match global(m, p, name) {
        Some(Value::Bool(b)) => b,
        _ => dflt,
    }
}

fn global_bytes(m: &Machine, p: &Compiler, name: &str, dflt: &[u8]) -> Vec<u8> {
    match global(m, p, name) {
        Some(Value::Str(s)) => s.to_vec(),
        _ => dflt.to_vec(),
    }
}

fn global_seconds(m: &Machine, p: &Compiler, name: &str) -> f64 {
    match global(m, p, name) {
        Some(Value::Interval(s)) | Some(Value::Double(s)) => s,
        _ => 0.0,
    }
}

/// The `LogAscii::` options as the script has them now.
fn ascii_options(m: &Machine, p: &Compiler) -> AsciiOptions {
    let d = AsciiOptions::default();
    AsciiOptions {
        output_to_stdout: global_bool(m, p, "LogAscii::output_to_stdout", d.output_to_stdout),
        use_json: global_bool(m, p, "LogAscii::use_json", d.use_json),
        gzip_level: match global(m, p, "LogAscii::gzip_level") {
            Some(Value::Count(c)) => c.min(i64::MAX as u64) as i64,
            Some(Value::Int(i)) => i,
            _ => d.gzip_level,
        },
        json_timestamps: global(m, p, "LogAscii::json_timestamps").map(|v| enum_name(&v)).unwrap_or(d.json_timestamps),
        include_meta: global_bool(m, p, "LogAscii::include_meta", d.include_meta),
        meta_prefix: global_bytes(m, p, "LogAscii::meta_prefix", &d.meta_prefix),
        separator: global_bytes(m, p, "LogAscii::separator", &d.separator),
        set_separator: global_bytes(m, p, "LogAscii::set_separator", &d.set_separator),
        empty_field: global_bytes(m, p, "LogAscii::empty_field", &d.empty_field),
        unset_field: global_bytes(m, p, "LogAscii::unset_field", &d.unset_field),
    }
}

/// Calls a script function for the framework; errors are reported and
/// give no value (only `exit()` goes on up).
fn call(m: &mut Machine, p: &Compiler, f: &Value, args: Vec<Value>, span: Span) -> Res<Option<Value>> {
    match m.call(p, f, args, span) {
        Ok(v) => Ok(Some(v)),
        Err(e) if matches!(e.unwind, Unwind::Exit(_)) => Err(e),
        Err(e) => {
            m.report(&e);
            Ok(None)
        }
    }
}

/// The record type a `Log::Stream`'s `$columns` names.
fn columns_type(v: Option<Value>) -> Option<Rc<RecordType>> {
    let mut t = match v? {
        Value::Type(t) => (*t).clone(),
        _ => return None,
    };
    while let Type::TypeOf(inner) = t {
        t = (*inner).clone();
    }
    match t {
        Type::Record(rt) => Some(rt),
        _ => None,
    }
}

fn bi_create_stream(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let Some(columns) = columns_type(field(&a[1], "columns")) else {
        m.report(&plain_error("columns argument of a log stream is not a record type"));
        return Ok(Value::Bool(false));
    };
    let mut any_logged = false;
    for f in columns.fields.borrow().iter().filter(|f| f.log) {
        if !convert::loggable(&f.ty) {
            m.report(&plain_error(format!("type of field '{}' is not support for logging output", f.name)));
            return Ok(Value::Bool(false));
        }
        any_logged = true;
    }
    if !any_logged {
        m.report(&plain_error("logged record type does not have any &log attributes"));
        return Ok(Value::Bool(false));
    }
    let event = field(&a[1], "ev");
    if let Some(ev) = &event {
        let Value::Func(fv) = ev else {
            m.report(&plain_error("stream event is not an event"));
            return Ok(Value::Bool(false));
        };
        if fv.ty.flavor != Flavor::Event {
            m.report(&plain_error("stream event is a function, not an event"));
            return Ok(Value::Bool(false));
        }
        if fv.ty.params.len() != 1 {
            m.report(&plain_error("stream event must take a single argument"));
            return Ok(Value::Bool(false));
        }
        if !fv.ty.params[0].ty.same(&Type::Record(columns.clone())) {
            m.report(&plain_error("stream event's argument type does not match column record type"));
            return Ok(Value::Bool(false));
        }
    }
    let id = enum_num(&a[0]);
    let stream = Stream {
        columns,
        event,
        enabled: true,
        filters: Vec::new(),
        writers: Default::default(),
    };
    let mgr = manager(m);
    let old = mgr.borrow_mut().streams.insert(id, stream);
    if let Some(old) = old {
        finish_writers(m, old);
    }
    Ok(Value::Bool(true))
}

/// Closes a stream's files.
fn finish_writers(m: &mut Machine, stream: Stream) {
    for (_, mut entry) in stream.writers {
        if let Some(w) = entry.writer.as_mut() {
            if let Err(e) = w.finish(&mut *m.out) {
                m.report(&plain_error(format!("{}/{}: {e}", entry.info.path, enum_name(&entry.writer_type))));
            }
        }
    }
}

fn bi_remove_stream(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let mgr = manager(m);
    let removed = mgr.borrow_mut().streams.remove(&enum_num(&a[0]));
    Ok(Value::Bool(match removed {
        Some(stream) => {
            finish_writers(m, stream);
            true
        }
        None => false,
    }))
}

fn set_enabled(m: &mut Machine, a: &[Value], on: bool) -> Res<Value> {
    let mgr = manager(m);
    let mut g = mgr.borrow_mut();
    Ok(Value::Bool(match g.stream(enum_num(&a[0])) {
        Some(s) => {
            s.enabled = on;
            true
        }
        None => false,
    }))
}

fn bi_add_filter(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let id = enum_num(&a[0]);
    let fval = &a[1];
    let mgr = manager(m);
    let Some(columns) = mgr.borrow().streams.get(&id).map(|s| s.columns.clone()) else {
        return Ok(Value::Bool(false));
    };
    let writer = field(fval, "writer").unwrap_or(Value::Bool(false));
    // An extension function that returns nothing (the default one) adds
    // no columns; one that returns a record adds that record's.
    let mut ext_func = field(fval, "ext_func");
    let mut ext_type = None;
    if let Some(Value::Func(fv)) = &ext_func {
        match &fv.ty.yield_type {
            Type::Record(rt) => ext_type = Some(rt.clone()),
            Type::Void => ext_func = None,
            other => {
                m.report(&plain_error(format!("Return value of log_ext is not a record (got {})", other.tag_name())));
                return Ok(Value::Bool(false));
            }
        }
    }
    let scope_sep = text(field(fval, "scope_sep"));
    let ext_prefix = text(field(fval, "ext_prefix"));
    let include = field(fval, "include");
    let exclude = field(fval, "exclude");
    let as_table = |v: &Option<Value>| match v {
        Some(Value::Table(t)) => Some(t.clone()),
        _ => None,
    };
    let (include, exclude) = (as_table(&include), as_table(&exclude));
    let inc = include.as_ref().map(|t| t.borrow());
    let exc = exclude.as_ref().map(|t| t.borrow());
    let choice = Choice {
        include: inc.as_deref(),
        exclude: exc.as_deref(),
        scope_sep: &scope_sep,
        ext_prefix: &ext_prefix,
    };
    let selection = match convert::select(&columns, ext_type.as_ref(), &choice) {
        Ok(s) => s,
        Err(e) => {
            m.report(&plain_error(e));
            return Ok(Value::Bool(false));
        }
    };
    let filter = Filter {
        name: text(field(fval, "name")),
        writer_id: enum_num(&writer),
        writer,
        pred: field(fval, "pred"),
        path_func: field(fval, "path_func"),
        path: match field(fval, "path") {
            Some(Value::Str(s)) => Some(String::from_utf8_lossy(&s).into_owned()),
            _ => None,
        },
        config: field(fval, "config").unwrap_or(Value::Bool(false)),
        field_name_map: field(fval, "field_name_map").unwrap_or(Value::Bool(false)),
        ext_func,
        local: matches!(field(fval, "log_local"), Some(Value::Bool(true))),
        interval: match field(fval, "interv") {
            Some(Value::Interval(s)) => s,
            _ => 0.0,
        },
        postprocessor: field(fval, "postprocessor"),
        selection: Rc::new(selection),
    };
    let mut g = mgr.borrow_mut();
    if let Some(stream) = g.stream(id) {
        stream.filters.retain(|f| f.name != filter.name);
        stream.filters.push(filter);
    }
    Ok(Value::Bool(true))
}

fn bi_remove_filter(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let name = text(a.get(1).cloned());
    let mgr = manager(m);
    let mut g = mgr.borrow_mut();
    Ok(Value::Bool(match g.stream(enum_num(&a[0])) {
        Some(s) => {
            s.filters.retain(|f| f.name != name);
            true
        }
        None => false,
    }))
}

fn bi_write(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let id = enum_num(&a[0]);
    let mgr = manager(m);
    let Some((columns, event, enabled)) = mgr.borrow().streams.get(&id).map(|s| (s.columns.clone(), s.event.clone(), s.enabled)) else {
        return Ok(Value::Bool(false));
    };
    if !enabled {
        return Ok(Value::Bool(true));
    }
    rotate_due(m, p, span)?;
    let Some(rec) = convert::coerce_record(m, p, &a[1], &columns, false)? else {
        m.report(&plain_error("incompatible log record type"));
        return Ok(Value::Bool(false));
    };
    if let Some(Value::Func(ev)) = &event {
        m.queue.push_back((ev.id, vec![rec.clone()]));
    }
    let filters: Vec<Filter> = mgr.borrow().streams.get(&id).map(|s| s.filters.clone()).unwrap_or_default();
    for filter in filters {
        if let Some(pred) = &filter.pred {
            if let Some(Value::Bool(false)) = call(m, p, pred, vec![rec.clone()], span)? {
                continue;
            }
        }
        let mut path = filter.path.clone().unwrap_or_default();
        if let Some(pf) = &filter.path_func {
            let rec_arg = match pf {
                Value::Func(fv) => match fv.ty.params.iter().find(|x| x.name == "rec").map(|x| x.ty.clone()) {
                    Some(Type::Record(rt)) => convert::coerce_record(m, p, &rec, &rt, true)?.unwrap_or_else(|| rec.clone()),
                    _ => rec.clone(),
                },
                _ => rec.clone(),
            };
            let answer = call(m, p, pf, vec![a[0].clone(), Value::str(path.clone().into_bytes()), rec_arg], span)?;
            match answer {
                Some(Value::Str(s)) => path = String::from_utf8_lossy(&s).into_owned(),
                Some(_) => {
                    m.report(&plain_error("path_func did not return string"));
                    return Ok(Value::Bool(false));
                }
                None => return Ok(Value::Bool(false)),
            }
            if filter.path.is_none() {
                if let Some(f) = mgr.borrow_mut().stream(id).and_then(|s| s.filters.iter_mut().find(|f| f.name == filter.name)) {
                    f.path = Some(path.clone());
                }
            }
        }
        let ext = match &filter.ext_func {
            Some(func) if filter.selection.ext_fields > 0 => {
                let current = mgr.borrow().streams.get(&id).and_then(|s| s.filters.iter().find(|f| f.name == filter.name)).and_then(|f| f.path.clone());
                call(m, p, func, vec![Value::str(current.unwrap_or_default().into_bytes())], span)?
            }
            _ => None,
        };
        let values = convert::row(&filter.selection, &rec, ext.as_ref().filter(|v| matches!(v, Value::Record(_))));
        write_to(m, p, &mgr, id, &filter, path, &values);
    }
    Ok(Value::Bool(true))
}

/// Hands a row to the writer of the filter's path, making the writer
/// (or moving to a free path) first when needed.
fn write_to(m: &mut Machine, p: &Compiler, mgr: &Rc<Shared>, id: i64, filter: &Filter, mut path: String, values: &[logging::LogValue]) {
    let mut g = mgr.borrow_mut();
    let Some(stream) = g.stream(id) else { return };
    let key = |path: &str| (filter.writer_id, path.to_string());
    let conflicts = |stream: &Stream, path: &str| stream.writers.get(&key(path)).is_some_and(|w| w.filter != filter.name);
    if conflicts(stream, &path) {
        let owner = stream.writers.get(&key(&path)).map(|w| w.filter.clone()).unwrap_or_default();
        let mut n = 2;
        let mut candidate = format!("{path}-{n}");
        while conflicts(stream, &candidate) {
            n += 1;
            candidate = format!("{path}-{n}");
        }
        m.report(&plain_warning(format!(
            "Write using filter '{}' on path '{}' changed to use new path '{}' to avoid conflict with filter '{}'",
            filter.name, path, candidate, owner
        )));
        if let Some(f) = stream.filters.iter_mut().find(|f| f.name == filter.name) {
            f.path = Some(candidate.clone());
        }
        path = candidate;
    }
    if !stream.writers.contains_key(&key(&path)) {
        let entry = make_writer(m, p, stream, filter, &path);
        stream.writers.insert(key(&path), entry);
    }
    let Some(entry) = stream.writers.get_mut(&key(&path)) else { return };
    // A filter replaced under the same name may bring other columns than
    // its writer has; such rows stop the writer, as in Bro.
    if !entry.disabled && !filter.selection.columns.iter().map(|c| (c.tag, c.sub)).eq(entry.types.iter().copied()) {
        entry.disabled = true;
    }
    if entry.disabled {
        return;
    }
    let Some(w) = entry.writer.as_mut() else { return };
    if let Err(e) = w.write(&mut *m.out, values) {
        entry.disabled = true;
        m.report(&plain_error(format!("{}/{}: {e}", entry.info.path, enum_name(&entry.writer_type))));
    }
}

/// Starts a writer for a filter's path.
fn make_writer(m: &mut Machine, p: &Compiler, stream: &Stream, filter: &Filter, path: &str) -> WriterEntry {
    // Columns renamed by the filter's field name map.
    let renames = convert::string_pairs(&filter.field_name_map);
    let columns: Vec<Column> = filter
        .selection
        .columns
        .iter()
        .map(|c| {
            let mut c = c.clone();
            if let Some((_, to)) = renames.iter().find(|(from, _)| *from == c.name) {
                c.name = to.clone();
            }
            c
        })
        .collect();
    // The rotation settings of the first filter of this writer and path.
    let owner = stream.filters.iter().find(|f| f.writer_id == filter.writer_id && f.path.as_deref() == Some(path));
    let (interval, postprocessor) = match owner {
        Some(f) => (f.interval, f.postprocessor.clone()),
        None => (global_seconds(m, p, "Log::default_rotation_interval"), None),
    };
    let base_text = text(global(m, p, "log_rotate_base_time"));
    let base = logging::parse_rotate_base_time(&base_text).unwrap_or_else(|()| {
        m.report(&plain_error("calc_next_rotate(): can't parse rotation base time"));
        -1.0
    });
    let info = WriterInfo {
        path: path.to_string(),
        rotation_interval: interval,
        rotation_base: base,
        network_time: m.network_time,
        config: convert::string_pairs(&filter.config).into_iter().collect(),
    };
    let writer_name = enum_name(&filter.writer);
    let kind = match writer_name.as_str() {
        "Log::WRITER_ASCII" => Some(WriterKind::Ascii(ascii_options(m, p))),
        "Log::WRITER_NONE" => Some(WriterKind::None { debug: global_bool(m, p, "LogNone::debug", false) }),
        _ => None,
    };
    let mut disabled = false;
    let writer = match (kind, filter.local) {
        (Some(kind), true) => {
            let mut w = logging::create(&kind);
            if let Err(e) = w.init(&mut *m.out, &info, &columns) {
                m.report(&plain_error(format!("{path}/{writer_name}: {e}")));
                disabled = true;
            }
            Some(w)
        }
        (None, true) => {
            m.report(&plain_error("unknown writer type requested"));
            disabled = true;
            None
        }
        (_, false) => None,
    };
    let now = m.network_time;
    WriterEntry {
        writer,
        next_rotation: (interval > 0.0).then(|| now + logging::next_rotation(now, interval, base)),
        types: columns.iter().map(|c| (c.tag, c.sub)).collect(),
        info,
        writer_type: filter.writer.clone(),
        filter: filter.name.clone(),
        open_time: now,
        interval,
        postprocessor,
        disabled,
    }
}

fn bi_set_buf(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let buffered = a.get(1).is_some_and(Value::as_bool);
    let mgr = manager(m);
    let mut g = mgr.borrow_mut();
    Ok(Value::Bool(match g.stream(enum_num(&a[0])) {
        Some(s) => {
            for entry in s.writers.values_mut() {
                if let Some(w) = entry.writer.as_mut() {
                    w.set_buf(buffered);
                }
            }
            true
        }
        None => false,
    }))
}

fn bi_flush(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let mgr = manager(m);
    let mut g = mgr.borrow_mut();
    let Some(s) = g.stream(enum_num(&a[0])) else { return Ok(Value::Bool(false)) };
    if !s.enabled {
        return Ok(Value::Bool(true));
    }
    for entry in s.writers.values_mut() {
        if let (Some(w), false) = (entry.writer.as_mut(), entry.disabled) {
            if let Err(e) = w.flush(&mut *m.out) {
                entry.disabled = true;
                m.report(&plain_error(format!("{}/{}: {e}", entry.info.path, enum_name(&entry.writer_type))));
            }
        }
    }
    Ok(Value::Bool(true))
}

/// A rotated file, waiting for its postprocessor.
struct Rotation {
    writer_type: Value,
    new_name: String,
    path: String,
    open: f64,
    close: f64,
    postprocessor: Option<Value>,
}

/// Rotates the writers whose time has come (all rotating writers when
/// `terminating`), and returns the files for the postprocessors.
fn rotate_writers(m: &mut Machine, mgr: &Rc<Shared>, now: f64, terminating: bool) -> Vec<Rotation> {
    let mut done = Vec::new();
    let mut g = mgr.borrow_mut();
    for stream in g.streams.values_mut() {
        for entry in stream.writers.values_mut() {
            let due = match entry.next_rotation {
                Some(t) => terminating || t <= now,
                None => false,
            };
            if !due {
                continue;
            }
            // A writer made before network time began (during global
            // initialisation) only starts counting now.
            if entry.open_time == 0.0 && !terminating {
                entry.open_time = now;
                entry.next_rotation = Some(now + logging::next_rotation(now, entry.interval, entry.info.rotation_base));
                continue;
            }
            let stamp = logging::timefmt::local_strftime("%y-%m-%d_%H.%M.%S", entry.open_time);
            let tmp = format!("{}-{stamp}", entry.info.path);
            let rotated = match entry.writer.as_mut().filter(|_| !entry.disabled) {
                Some(w) => w.rotate(&mut *m.out, &tmp),
                None => Ok(None),
            };
            match rotated {
                Ok(Some(r)) => done.push(Rotation {
                    writer_type: entry.writer_type.clone(),
                    new_name: r.new_name,
                    path: entry.info.path.clone(),
                    open: entry.open_time,
                    close: now,
                    postprocessor: entry.postprocessor.clone(),
                }),
                Ok(None) => {}
                Err(e) => m.report(&plain_error(format!("{}/{}: {e}", entry.info.path, enum_name(&entry.writer_type)))),
            }
            entry.open_time = now;
            entry.next_rotation = if terminating {
                None
            } else {
                Some(now + logging::next_rotation(now, entry.interval, entry.info.rotation_base))
            };
        }
    }
    done
}

/// Calls the postprocessor of each rotated file with its `Log::RotationInfo`.
fn postprocess(m: &mut Machine, p: &Compiler, rotations: Vec<Rotation>, terminating: bool, span: Span) -> Res<()> {
    let Some(Type::Record(info_type)) = p.globals.lookup(GLOBAL_MODULE, "Log::RotationInfo").map(|g| p.globals.get(g).ty.clone()) else {
        return Ok(());
    };
    for r in rotations {
        let info = Value::Record(Rc::new(RefCell::new(RecordVal {
            ty: info_type.clone(),
            fields: vec![
                Some(r.writer_type),
                Some(Value::str(r.new_name.into_bytes())),
                Some(Value::str(r.path.into_bytes())),
                Some(Value::Time(r.open)),
                Some(Value::Time(r.close)),
                Some(Value::Bool(terminating)),
            ],
        })));
        let func = r.postprocessor.or_else(|| global(m, p, "Log::__default_rotation_postprocessor"));
        if let Some(func) = func {
            call(m, p, &func, vec![info], span)?;
        }
    }
    Ok(())
}

/// Rotates the files whose rotation time has passed.
fn rotate_due(m: &mut Machine, p: &Compiler, span: Span) -> Res<()> {
    let Some(mgr) = m.state.peek::<Shared>() else { return Ok(()) };
    let now = m.network_time;
    let due = mgr.borrow().streams.values().flat_map(|s| s.writers.values()).any(|w| w.next_rotation.is_some_and(|t| t <= now));
    if !due {
        return Ok(());
    }
    let rotations = rotate_writers(m, &mgr, now, false);
    postprocess(m, p, rotations, false, span)
}

/// When the next file rotation is due, if any writer rotates.
pub fn next_rotation(m: &Machine) -> Option<f64> {
    let mgr = m.state.peek::<Shared>()?;
    let g = mgr.borrow();
    g.streams.values().flat_map(|s| s.writers.values()).filter_map(|w| w.next_rotation).reduce(f64::min)
}

/// Rotates what is due by network time `now` (the main loop's timer).
pub fn rotate_now(m: &mut Machine, p: &Compiler) -> Res<()> {
    rotate_due(m, p, Span::default())
}

/// Shuts the framework down as Bro does at exit: files with a rotation
/// interval are rotated a last time (their postprocessors run), then
/// every writer finishes (`#close` lines) and all streams are gone.
pub fn terminate(m: &mut Machine, p: &Compiler) -> Res<()> {
    let Some(mgr) = m.state.peek::<Shared>() else { return Ok(()) };
    let now = m.network_time;
    let rotations = rotate_writers(m, &mgr, now, true);
    postprocess(m, p, rotations, true, Span::default())?;
    let streams = std::mem::take(&mut mgr.borrow_mut().streams);
    for (_, stream) in streams {
        finish_writers(m, stream);
    }
    Ok(())
}
