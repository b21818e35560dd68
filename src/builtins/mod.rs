//! Built-in functions as tables of `{name, Bro signature, function}`,
//! one file per area. The runtime registers every table with the
//! checker (which parses the signatures) and the machine.

use crate::eval::exec::BuiltinFn;

/// One entry of a builtin table: `b!(name, signature, fn)`, or with a
/// trailing `variadic` for functions taking any arguments.
macro_rules! b {
    ($name:expr, $sig:expr, $f:expr) => {
        $crate::builtins::Builtin { name: $name, sig: $sig, variadic: false, f: $f, unavailable: None }
    };
    ($name:expr, $sig:expr, $f:expr, variadic) => {
        $crate::builtins::Builtin { name: $name, sig: $sig, variadic: true, f: $f, unavailable: None }
    };
}

/// A builtin that is declared (so scripts naming it load) but cannot
/// work here: `unavailable!(name, signature, why)`. A call reports
/// `NAME() is not available: WHY` and skips the statement.
macro_rules! unavailable {
    ($name:expr, $sig:expr, $why:expr) => {
        $crate::builtins::Builtin {
            name: $name,
            sig: $sig,
            variadic: false,
            f: |_, _, _, span| Err($crate::builtins::util::error(concat!($name, "() is not available: ", $why), span)),
            unavailable: Some($why),
        }
    };
}

pub mod bifs_files;
pub mod bifs_hash;
pub mod bifs_misc;
pub mod bifs_net;
pub mod bifs_proto;
pub mod bifs_strings;
pub mod broker;
pub mod core;
pub mod dns;
pub mod logging;
pub mod strings;
pub mod traffic;

/// One built-in function.
pub struct Builtin {
    /// The name scripts call it by.
    pub name: &'static str,
    /// The Bro type, e.g. `function(s: string): count`; for variadic
    /// functions only the `): T` return type matters.
    pub sig: &'static str,
    /// Takes any number of arguments.
    pub variadic: bool,
    /// The implementation.
    pub f: BuiltinFn,
    /// Declared only: why a call cannot work (no packets, connections,
    /// analyzers); `None` for a builtin that is implemented.
    pub unavailable: Option<&'static str>,
}

/// Every built-in function, in registration order.
pub fn all() -> impl Iterator<Item = &'static Builtin> {
    core::BUILTINS
        .iter()
        .chain(strings::BUILTINS.iter())
        .chain(bifs_strings::BUILTINS.iter())
        .chain(bifs_net::BUILTINS.iter())
        .chain(bifs_misc::BUILTINS.iter())
        .chain(bifs_proto::BUILTINS.iter())
        .chain(bifs_files::BUILTINS.iter())
        .chain(bifs_hash::BUILTINS.iter())
        .chain(dns::BUILTINS.iter())
        .chain(broker::BUILTINS.iter())
        .chain(logging::BUILTINS.iter())
        .chain(traffic::BUILTINS.iter())
}

/// Helpers shared by the builtin files.
pub(crate) mod util {
    use crate::eval::exec::{RtError, Unwind};
    use crate::eval::value::Value;
    use crate::source::Span;

    /// The non-empty matches of a pattern in a string, as byte ranges.
    pub fn pattern_matches(s: &[u8], p: &Value) -> Vec<(usize, usize)> {
        match p {
            Value::Pattern(p) => p.anywhere.find_iter(s).filter(|m| m.end() > m.start()).map(|m| (m.start(), m.end())).collect(),
            _ => Vec::new(),
        }
    }

    /// `s` split at the matches of `p` (at most `max` of them), with the
    /// separators themselves in between when `include_seps`.
    pub fn split_pieces(s: &[u8], p: &Value, include_seps: bool, max: usize) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut last = 0;
        for (n, (st, en)) in pattern_matches(s, p).into_iter().enumerate() {
            if n >= max {
                break;
            }
            out.push(s[last..st].to_vec());
            if include_seps {
                out.push(s[st..en].to_vec());
            }
            last = en;
        }
        out.push(s[last..].to_vec());
        out
    }

    pub fn bytes(v: &Value) -> &[u8] {
        match v {
            Value::Str(s) => s.as_slice(),
            _ => &[],
        }
    }

    pub fn count(v: &Value) -> u64 {
        match v {
            Value::Count(c) => *c,
            Value::Int(i) => *i as u64,
            Value::Double(d) => *d as u64,
            _ => 0,
        }
    }

    pub fn int(v: &Value) -> i64 {
        crate::eval::exec::as_i64(v)
    }

    /// Bro's `builtin_error`: logged with the call's place; the caller
    /// goes on with the value the builtin returns.
    pub fn error(msg: impl Into<String>, span: Span) -> RtError {
        RtError { unwind: Unwind::Stmt, kind: "error", msg: msg.into(), span: Some(span) }
    }
}
