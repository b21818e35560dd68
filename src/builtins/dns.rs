//! DNS lookups. Bro resolves names asynchronously and only inside `when`
//! conditions; this interpreter has no resolver, so a lookup never
//! completes: a `when` waiting on one runs its `timeout` block, and a
//! lookup outside `when` is an error.

use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::value::Value;
use crate::source::Span;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("lookup_addr", "function(host: addr): string", pending),
    b!("lookup_hostname", "function(host: string): addr_set", pending),
    b!("lookup_hostname_txt", "function(host: string): string", pending),
];

/// A lookup that has not completed: `when` keeps waiting (the error is
/// not reported there); elsewhere the statement fails with Bro's complaint.
fn pending(m: &mut Machine, _: &Compiler, _: &[Value], span: Span) -> Res<Value> {
    let call = m.describe(span);
    Err(RtError {
        unwind: Unwind::Stmt,
        kind: "error",
        msg: format!("DNS lookups are only available in a when condition and are not resolved here ({call})"),
        span: Some(span),
    })
}
