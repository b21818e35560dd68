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
pub mod broker_data;
pub mod broker_events;
pub mod broker_sqlite;
pub mod broker_store;
pub mod cluster_pools;
pub mod core;
pub mod dns;
pub mod entropy_stream;
pub mod input;
pub mod introspect;
pub mod logging;
pub mod magic;
pub mod old_comm;
pub mod persistence;
pub mod probabilistic;
pub mod process;
pub mod rotate;
pub mod signatures;
pub mod smith_waterman;
pub mod strings;
pub mod traffic;
pub mod addresses;
pub mod anonymize;
pub mod engine;
pub mod geoip;
pub mod options;
pub mod records;
pub mod stats;
pub mod text;
pub mod weird;

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
        .chain(broker_events::BUILTINS.iter())
        .chain(broker_data::BUILTINS.iter())
        .chain(broker_store::BUILTINS.iter())
        .chain(cluster_pools::BUILTINS.iter())
        .chain(logging::BUILTINS.iter())
        .chain(input::BUILTINS.iter())
        .chain(probabilistic::all())
        .chain(entropy_stream::BUILTINS.iter())
        .chain(smith_waterman::BUILTINS.iter())
        .chain(process::BUILTINS.iter())
        .chain(rotate::BUILTINS.iter())
        .chain(old_comm::BUILTINS.iter())
        .chain(introspect::BUILTINS.iter())
        .chain(persistence::BUILTINS.iter())
        .chain(signatures::BUILTINS.iter())
        .chain(magic::BUILTINS.iter())
        .chain(text::BUILTINS.iter())
        .chain(addresses::BUILTINS.iter())
        .chain(anonymize::BUILTINS.iter())
        .chain(records::BUILTINS.iter())
        .chain(engine::BUILTINS.iter())
        .chain(geoip::BUILTINS.iter())
        .chain(weird::BUILTINS.iter())
        .chain(options::BUILTINS.iter())
        .chain(stats::BUILTINS.iter())
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

    /// The type a script declared under this full name (`M::T` or `T`),
    /// or the type of the global so named.
    pub fn named_type(p: &crate::check::compile::Compiler, name: &str) -> Option<crate::check::types::Type> {
        use crate::check::types::Type;
        let g = p.globals.lookup(crate::check::scope::GLOBAL_MODULE, name)?;
        Some(match &p.globals.get(g).ty {
            Type::TypeOf(t) => (**t).clone(),
            t => t.clone(),
        })
    }

    /// The record type a script declared under this name (`M::T` or `T`).
    pub fn named_record(p: &crate::check::compile::Compiler, name: &str) -> Option<std::rc::Rc<crate::check::types::RecordType>> {
        match named_type(p, name)? {
            crate::check::types::Type::Record(rt) => Some(rt),
            _ => None,
        }
    }

    /// The table type a script declared under this name.
    pub fn named_table(p: &crate::check::compile::Compiler, name: &str) -> Option<std::rc::Rc<crate::check::types::TableType>> {
        match named_type(p, name)? {
            crate::check::types::Type::Table(t) => Some(t),
            _ => None,
        }
    }

    /// A record of the named type with these fields (`None` unset).
    pub fn make_record(p: &crate::check::compile::Compiler, name: &str, fields: Vec<Option<Value>>) -> Value {
        match named_record(p, name) {
            Some(ty) => Value::Record(std::rc::Rc::new(std::cell::RefCell::new(crate::eval::value::RecordVal { ty, fields }))),
            None => Value::Bool(false),
        }
    }

    /// Bro's `builtin_error` as a call reports it: the message, then the
    /// call (and the offending argument, if one is named) in parentheses,
    /// at the call's place. The builtin goes on and returns its value.
    pub fn builtin_error(m: &mut crate::eval::exec::Machine, msg: impl Into<String>, span: Span, arg: Option<&Value>) {
        let call = m.describe(span);
        let shown = match arg {
            Some(v) => {
                let text = crate::eval::format::render(v, crate::eval::format::Mode::Cat);
                format!(" and {}", String::from_utf8_lossy(&text))
            }
            None => String::new(),
        };
        m.report(&error(format!("{} ({call}{shown})", msg.into()), span));
    }

    /// Bro's `builtin_error`: logged with the call's place; the caller
    /// goes on with the value the builtin returns.
    pub fn error(msg: impl Into<String>, span: Span) -> Box<RtError> {
        Box::new(RtError { unwind: Unwind::Stmt, kind: "error", msg: msg.into(), span: Some(span) })
    }
}

#[cfg(test)]
mod tests {
    /// A name registered twice would let one table silently shadow the
    /// other's implementation.
    #[test]
    fn every_builtin_is_registered_once() {
        let mut seen = std::collections::HashSet::new();
        let twice: Vec<&str> = super::all().map(|b| b.name).filter(|n| !seen.insert(*n)).collect();
        assert!(twice.is_empty(), "registered more than once: {twice:?}");
    }
}
