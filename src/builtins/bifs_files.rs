//! File built-ins from Bro's bro.bif: opening, writing and closing
//! `file` values, and directory and file-system operations.

use super::util::{bytes, error};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res};
use crate::eval::value::{FileVal, Value};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("open", "function(f: string): file", |m, c, a, s| open(m, c, a, s, false)),
    b!("open_for_append", "function(f: string): file", |m, c, a, s| open(m, c, a, s, true)),
    b!("close", "function(f: file): bool", bi_close),
    b!("write_file", "function(f: file, data: string): bool", bi_write_file),
    b!("flush_all", "function(): bool", bi_flush_all),
    b!("get_file_name", "function(f: file): string", |_, _, a, _| Ok(Value::str(with_file(&a[0], |f| f.name.clone()).unwrap_or_default()))),
    b!("set_buf", "function(f: file, buffered: bool): any", bi_set_buf),
    b!("enable_raw_output", "function(f: file): any", bi_enable_raw_output),
    b!("active_file", "function(f: file): bool", |_, _, a, _| Ok(Value::Bool(with_file(&a[0], |f| f.open).unwrap_or(false)))),
    b!("file_size", "function(f: string): double", bi_file_size),
    b!("mkdir", "function(f: string): bool", bi_mkdir),
    b!("rmdir", "function(d: string): bool", bi_rmdir),
    b!("unlink", "function(f: string): bool", bi_unlink),
    b!("rename", "function(src_f: string, dst_f: string): bool", bi_rename),
];

thread_local! {
    /// Every file opened, for `flush_all`.
    static FILES: RefCell<Vec<Weak<RefCell<FileVal>>>> = const { RefCell::new(Vec::new()) };
}

fn with_file<T>(v: &Value, f: impl FnOnce(&mut FileVal) -> T) -> Option<T> {
    match v {
        Value::File(file) => Some(f(&mut file.borrow_mut())),
        _ => None,
    }
}

fn name(m: &mut Machine, v: &Value) -> String {
    String::from_utf8_lossy(&super::bifs_hash::check_string(m, v)).into_owned()
}

/// `strerror` text for an I/O error (Rust's text without the `(os error N)`).
fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn open(m: &mut Machine, c: &Compiler, a: &[Value], span: Span, append: bool) -> Res<Value> {
    let n = name(m, &a[0]);
    let res = if append {
        std::fs::OpenOptions::new().append(true).create(true).open(&n)
    } else {
        std::fs::File::create(&n)
    };
    let handle = match res {
        Ok(h) => Some(h),
        Err(e) => {
            m.report(&error(format!("cannot open {}: {}", n, strerror(&e)), span));
            None
        }
    };
    let f = Rc::new(RefCell::new(FileVal::new(n, handle)));
    FILES.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|w| w.strong_count() > 0);
        l.push(Rc::downgrade(&f));
    });
    m.file_opened(c, &f);
    Ok(Value::File(f))
}

fn bi_close(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    with_file(&a[0], |f| f.close());
    Ok(Value::Bool(true))
}

fn bi_write_file(m: &mut Machine, c: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(Value::Bool(match &a[0] {
        Value::File(f) => m.write_to_file(c, f, bytes(&a[1])),
        _ => false,
    }))
}

fn bi_flush_all(m: &mut Machine, _: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let _ = m.out.flush();
    FILES.with(|l| {
        for w in l.borrow().iter() {
            if let Some(f) = w.upgrade() {
                if let Ok(mut f) = f.try_borrow_mut() {
                    f.flush();
                }
            }
        }
    });
    Ok(Value::Bool(true))
}

fn bi_set_buf(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let on = a[1].as_bool();
    with_file(&a[0], |f| {
        if !on {
            f.flush();
        }
        f.buffered = on;
    });
    Ok(Value::Bool(true))
}

fn bi_enable_raw_output(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    with_file(&a[0], |f| f.raw = true);
    Ok(Value::Bool(true))
}

fn bi_file_size(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(Value::Double(match std::fs::metadata(name(m, &a[0])) {
        Ok(md) => md.len() as f64,
        Err(_) => -1.0,
    }))
}

/// A file-system operation's result as Bro returns it: `T`, or Bro's
/// message (`what` plus the system's reason) and `F`.
fn fs_result(m: &mut Machine, r: std::io::Result<()>, what: impl FnOnce() -> String, span: Span) -> Res<Value> {
    match r {
        Ok(()) => Ok(Value::Bool(true)),
        Err(e) => {
            m.report(&error(format!("{}: {}", what(), strerror(&e)), span));
            Ok(Value::Bool(false))
        }
    }
}

fn bi_mkdir(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let n = name(m, &a[0]);
    let r = match std::fs::create_dir(&n) {
        // An existing directory is fine.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && std::path::Path::new(&n).is_dir() => Ok(()),
        r => r,
    };
    fs_result(m, r, || format!("cannot create directory '{n}'"), span)
}

fn bi_rmdir(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let n = name(m, &a[0]);
    let r = std::fs::remove_dir(&n);
    fs_result(m, r, || format!("cannot remove directory '{n}'"), span)
}

fn bi_unlink(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let n = name(m, &a[0]);
    let r = std::fs::remove_file(&n);
    fs_result(m, r, || format!("cannot unlink file '{n}'"), span)
}

fn bi_rename(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let (src, dst) = (name(m, &a[0]), name(m, &a[1]));
    let r = std::fs::rename(&src, &dst);
    fs_result(m, r, || format!("cannot rename file '{src}' to '{dst}'"), span)
}
