//! Builtins of bro.bif about the running process and its engine:
//! `bro_is_terminating`, `do_profiling`, `dump_rule_stats`,
//! `disable_print_hook`, `syslog` and `calc_next_rotate`. Profiling,
//! signature matching and print hooks to peers are not part of this
//! interpreter, so those calls do what Bro does when the feature is off.

use super::util::bytes;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{as_f64, Machine, Res, RtError, Unwind};
use crate::eval::value::Value;
use crate::source::Span;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("bro_is_terminating", "function(): bool", |m, _, _, _| Ok(Value::Bool(m.terminating))),
    b!("do_profiling", "function(): any", |_, _, _, _| Ok(Value::Bool(true))),
    b!("dump_rule_stats", "function(f: file): bool", |_, _, _, _| Ok(Value::Bool(true))),
    b!("disable_print_hook", "function(f: file): any", |_, _, _, _| Ok(Value::Bool(true))),
    b!("syslog", "function(s: string): any", bi_syslog),
    b!("calc_next_rotate", "function(i: interval): interval", bi_calc_next_rotate),
];

/// Sends the message to the system log (facility local5, level notice,
/// as Bro opens it).
fn bi_syslog(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let text: Vec<u8> = bytes(&a[0]).iter().copied().take_while(|&b| b != 0).collect();
    if let Ok(msg) = std::ffi::CString::new(text) {
        // SAFETY: both strings are NUL-terminated and live across the call.
        unsafe { libc::syslog(libc::LOG_LOCAL5 | libc::LOG_NOTICE, c"%s".as_ptr(), msg.as_ptr()) };
    }
    Ok(Value::Bool(true))
}

fn plain_error(m: &mut Machine, msg: &str) {
    m.report(&RtError { unwind: Unwind::Stmt, kind: "error", msg: msg.to_string(), span: None });
}

/// The time until the next rotation of a file rotated every `i`, counted
/// from `log_rotate_base_time` of the current day.
fn bi_calc_next_rotate(m: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let mut interval = as_f64(&a[0]);
    let base_text = p
        .globals
        .lookup("GLOBAL", "log_rotate_base_time")
        .and_then(|g| m.globals.get(g).cloned().flatten())
        .map(|v| String::from_utf8_lossy(bytes(&v)).into_owned())
        .unwrap_or_default();
    let base = crate::logging::parse_rotate_base_time(&base_text).unwrap_or_else(|()| {
        plain_error(m, "calc_next_rotate(): can't parse rotation base time");
        -1.0
    });
    if interval == 0.0 {
        plain_error(m, "calc_next_rotate(): interval is zero, falling back to 24hrs");
        interval = 86400.0;
    }
    Ok(Value::Interval(crate::logging::next_rotation(m.network_time, interval, base)))
}
