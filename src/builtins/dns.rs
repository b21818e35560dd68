//! DNS lookups. Bro resolves names asynchronously and only inside `when`
//! conditions. In Bro's fake DNS mode (`BRO_DNS_FAKE`) every lookup is
//! answered at once with its made-up result; otherwise this interpreter
//! has no asynchronous resolver, so a lookup never completes: a `when`
//! waiting on one runs its `timeout` block, and a lookup outside `when`
//! is an error.

use super::util::bytes;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::{TableType, Type};
use crate::eval::dns;
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::format::addr_to_string;
use crate::eval::value::{TableVal, Value};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("lookup_addr", "function(host: addr): string", |m, c, a, s| answer(m, c, s, || match a.first() {
        Some(Value::Addr(ip)) => Value::str(dns::fake_addr_name(&addr_to_string(ip))),
        _ => Value::str(""),
    })),
    b!("lookup_hostname", "function(host: string): addr_set", |m, c, a, s| answer(m, c, s, || {
        let name = String::from_utf8_lossy(a.first().map(bytes).unwrap_or_default()).into_owned();
        let mut set = TableVal::new(Rc::new(TableType { index: vec![Type::Addr], yield_type: None }));
        set.insert(vec![Value::Addr(Rc::new(dns::fake_host_addr(&name)))], None);
        Value::Table(Rc::new(RefCell::new(set)))
    })),
    b!("lookup_hostname_txt", "function(host: string): string", |m, c, a, s| answer(m, c, s, || {
        Value::str(dns::fake_text(&String::from_utf8_lossy(a.first().map(bytes).unwrap_or_default())))
    })),
];

/// The fake answer in fake mode; otherwise a lookup that has not
/// completed: `when` keeps waiting (the error is not reported there);
/// elsewhere the statement fails with Bro's complaint.
fn answer(m: &mut Machine, _: &Compiler, span: Span, fake: impl FnOnce() -> Value) -> Res<Value> {
    if dns::fake_mode() {
        return Ok(fake());
    }
    let call = m.describe(span);
    Err(Box::new(RtError {
        unwind: Unwind::Stmt,
        kind: "error",
        msg: format!("DNS lookups are only available in a when condition and are not resolved here ({call})"),
        span: Some(span),
    }))
}
