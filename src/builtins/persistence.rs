//! Bro's persistence layer (bro.bif's `capture_state_updates` and
//! `checkpoint_state`). Its state files hold `&persistent` globals in
//! Bro's own serialization; this interpreter keeps no persistent state,
//! so the files it writes are empty, in the places Bro writes them.

use super::bifs_hash::check_string;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::scope::GLOBAL_MODULE;
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::value::Value;
use crate::source::Span;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("capture_state_updates", "function(filename: string): bool", bi_capture_state_updates),
    b!("checkpoint_state", "function(): bool", bi_checkpoint_state),
];

fn complain(m: &mut Machine, msg: String) {
    m.report(&RtError { unwind: Unwind::Stmt, kind: "error", msg, span: None });
}

fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    s.find(" (os error").map(|i| s[..i].to_string()).unwrap_or(s)
}

fn bi_capture_state_updates(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let name = String::from_utf8_lossy(&check_string(m, &a[0])).into_owned();
    match std::fs::File::create(&name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) => {
            complain(m, format!("cannot open {name}: {}", strerror(&e)));
            Ok(Value::Bool(false))
        }
    }
}

fn bi_checkpoint_state(m: &mut Machine, p: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let dir = match p.globals.lookup(GLOBAL_MODULE, "state_dir").and_then(|g| m.globals.get(g).cloned().flatten()) {
        Some(Value::Str(s)) => String::from_utf8_lossy(&s).into_owned(),
        _ => ".state".to_string(),
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        complain(m, format!("can't create directory {dir}: {}", strerror(&e)));
        return Ok(Value::Bool(false));
    }
    // Written under a temporary name and moved into place, so that a
    // reader never sees half a state file.
    let (tmp, dest) = (format!("{dir}/state.bst.tmp"), format!("{dir}/state.bst"));
    match std::fs::File::create(&tmp).and_then(|_| std::fs::rename(&tmp, &dest)) {
        Ok(()) => Ok(Value::Bool(true)),
        Err(e) => {
            complain(m, format!("can't write state file {dest}: {}", strerror(&e)));
            Ok(Value::Bool(false))
        }
    }
}
