//! Running shell commands (bro.bif's `system`, `system_env` and
//! `piped_exec`): commands go to `/bin/sh -c` as C's `system` and
//! `popen` hand them over, and the result is the raw wait status.

use super::bifs_hash::check_string;
use super::util::{bytes, error};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res};
use crate::eval::value::Value;
use crate::source::Span;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("system", "function(str: string): int", bi_system),
    b!("system_env", "function(str: string, env: table_string_of_string): int", bi_system_env),
    b!("piped_exec", "function(program: string, to_write: string): bool", bi_piped_exec),
];

fn shell(cmd: &[u8]) -> Command {
    let mut c = Command::new("/bin/sh");
    c.arg("-c").arg(std::ffi::OsStr::from_bytes(cmd));
    c
}

/// Runs the command and gives C `system`'s result: the wait status, or
/// -1 when no shell could be started.
fn run(mut c: Command) -> Value {
    Value::Int(match c.status() {
        Ok(st) => st.into_raw() as i64,
        Err(_) => -1,
    })
}

fn bi_system(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let cmd = check_string(m, &a[0]);
    Ok(run(shell(&cmd)))
}

fn bi_system_env(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Value::Table(t) = &a[1] else {
        m.report(&error("system_env() requires a table argument", span));
        return Ok(Value::Int(-1));
    };
    let cmd = check_string(m, &a[0]);
    let mut c = shell(&cmd);
    // Each entry becomes BRO_ARG_<INDEX IN UPPER CASE> for the command only.
    for e in t.borrow().ordered() {
        let (Some(k), Some(v)) = (e.index.first(), e.value.as_ref()) else { continue };
        let mut name = b"BRO_ARG_".to_vec();
        name.extend(bytes(k).to_ascii_uppercase());
        c.env(std::ffi::OsStr::from_bytes(&name), std::ffi::OsStr::from_bytes(bytes(v)));
    }
    Ok(run(c))
}

fn bi_piped_exec(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let prog = check_string(m, &a[0]);
    let mut c = shell(&prog);
    c.stdin(Stdio::piped());
    let mut child = match c.spawn() {
        Ok(ch) => ch,
        Err(_) => {
            m.report(&error(format!("Failed to popen {}", String::from_utf8_lossy(&prog)), span));
            return Ok(Value::Bool(false));
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(bytes(&a[1]));
    }
    let _ = child.wait();
    Ok(Value::Bool(true))
}
