//! Rotating files by hand (bro.bif's `rotate_file`,
//! `rotate_file_by_name`) and `file_mode`'s `ls`-style permission text.
//! Rotation moves the file to `NAME.PID.TIME.tmp` and starts an empty
//! one under the old name, through a temporary name so that the old name
//! never goes missing for long.

use super::bifs_hash::check_string;
use super::util::count;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::value::{RecordVal, Value};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("rotate_file", "function(f: file): rotate_info", bi_rotate_file),
    b!("rotate_file_by_name", "function(f: string): rotate_info", bi_rotate_file_by_name),
    b!("file_mode", "function(mode: count): string", bi_file_mode),
];

fn complain(m: &mut Machine, msg: String) {
    m.report(&RtError { unwind: Unwind::Stmt, kind: "error", msg, span: None });
}

fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    s.find(" (os error").map(|i| s[..i].to_string()).unwrap_or(s)
}

/// Moves `name` aside and leaves a new empty file in its place; returns
/// the new file (open for writing) and the name the old one got.
fn rotate(m: &mut Machine, name: &str) -> Option<(std::fs::File, String)> {
    let moved = format!("{}.{}.{:.6}.tmp", name, std::process::id(), m.network_time);
    let tmp = format!("{moved}.tmp");
    let newf = match std::fs::File::create(&tmp) {
        Ok(f) => f,
        Err(e) => {
            complain(m, format!("rotate_file: can't open {tmp}: {}", strerror(&e)));
            return None;
        }
    };
    if let Err(e) = std::fs::hard_link(name, &moved).and_then(|_| std::fs::metadata(&moved).map(|_| ())) {
        complain(m, format!("rotate_file: can't move {name} to {moved}: {}", strerror(&e)));
        let _ = std::fs::remove_file(&moved);
        let _ = std::fs::remove_file(&tmp);
        return None;
    }
    if let Err(e) = std::fs::remove_file(name).and_then(|_| std::fs::hard_link(&tmp, name)).and_then(|_| std::fs::remove_file(&tmp)) {
        complain(m, format!("rotate_file: can't move {tmp} to {name}: {}", strerror(&e)));
        return None;
    }
    Some((newf, moved))
}

fn info(p: &Compiler, old: &str, new: &str, open: f64, close: f64) -> Value {
    let rt = super::util::named_record(p, "rotate_info");
    let Some(ty) = rt else { return Value::Bool(false) };
    let fields = vec![Value::str(old), Value::str(new), Value::Time(open), Value::Time(close)];
    Value::Record(Rc::new(RefCell::new(RecordVal { ty, fields: fields.into_iter().map(Some).collect() })))
}

fn failed(p: &Compiler) -> Value {
    info(p, "", "", 0.0, 0.0)
}

fn bi_rotate_file(m: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let Value::File(f) = &a[0] else { return Ok(failed(p)) };
    let name = {
        let mut fb = f.borrow_mut();
        // Closed files and the standard streams are not rotated.
        if !fb.open || matches!(fb.name.as_str(), "/dev/stdout" | "/dev/stderr" | "/dev/stdin") {
            return Ok(failed(p));
        }
        fb.flush();
        fb.name.clone()
    };
    let Some((newf, moved)) = rotate(m, &name) else { return Ok(failed(p)) };
    f.borrow_mut().handle = Some(newf);
    let limit = crate::eval::files::cache_limit(p, &m.globals);
    m.files.admit(f, limit);
    let t = m.network_time;
    Ok(info(p, &name, &moved, t, t))
}

fn bi_rotate_file_by_name(m: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let name = String::from_utf8_lossy(&check_string(m, &a[0])).into_owned();
    match rotate(m, &name) {
        Some((_, moved)) => {
            let t = m.network_time;
            Ok(info(p, &name, &moved, t, t))
        }
        None => Ok(failed(p)),
    }
}

fn bi_file_mode(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let mode = count(&a[0]);
    let bit = |b: u64, c: char| if mode & b != 0 { c } else { '-' };
    // The execute column, which also shows the set-id or sticky bit.
    let exec = |x: u64, special: u64, on: char, off: char| match (mode & x != 0, mode & special != 0) {
        (false, false) => '-',
        (true, false) => 'x',
        (false, true) => off,
        (true, true) => on,
    };
    let s: String = [
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        exec(0o100, 0o4000, 's', 'S'),
        bit(0o040, 'r'),
        bit(0o020, 'w'),
        exec(0o010, 0o2000, 's', 'S'),
        bit(0o004, 'r'),
        bit(0o002, 'w'),
        exec(0o001, 0o1000, 't', 'T'),
    ]
    .iter()
    .collect();
    Ok(Value::str(s))
}
