//! `Cluster::publish_rr` and `Cluster::publish_hrw` (Bro 2.6.4's
//! messaging.bif): publish an event to one node of a cluster pool. As
//! in Bro, the pool's own script functions pick the node's topic
//! (`Cluster::rr_topic`, `Cluster::hrw_topic`); an empty topic (no node
//! alive) sends nothing and gives F. The rest of the arguments are what
//! `Broker::publish` takes after its topic.

use super::util::builtin_error;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::scope::GLOBAL_MODULE;
use crate::eval::exec::{Machine, Res};
use crate::eval::value::Value;
use crate::source::Span;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("Cluster::publish_rr", "function(pool: Cluster::Pool, key: string, ...): bool", |m, p, a, s| publish(m, p, a, s, "Cluster::rr_topic"), variadic),
    b!("Cluster::publish_hrw", "function(pool: Cluster::Pool, key: any, ...): bool", |m, p, a, s| publish(m, p, a, s, "Cluster::hrw_topic"), variadic),
];

fn publish(m: &mut Machine, p: &Compiler, a: &[Value], span: Span, chooser: &str) -> Res<Value> {
    let (Some(pool), Some(key)) = (a.first(), a.get(1)) else {
        builtin_error(m, "a pool and a key are required", span, None);
        return Ok(Value::Bool(false));
    };
    let pool_ok = matches!(pool, Value::Record(r) if r.borrow().ty.name.as_deref() == Some("Cluster::Pool"));
    if !pool_ok {
        builtin_error(m, "expected a Cluster::Pool", span, Some(pool));
        return Ok(Value::Bool(false));
    }
    let func = p.globals.lookup(GLOBAL_MODULE, chooser).and_then(|g| m.globals.get(g).cloned().flatten());
    let Some(func) = func.filter(|f| matches!(f, Value::Func(_))) else {
        builtin_error(m, format!("{chooser} is not defined"), span, None);
        return Ok(Value::Bool(false));
    };
    let topic = m.call(p, &func, vec![pool.clone(), key.clone()], span)?;
    if super::util::bytes(&topic).is_empty() {
        return Ok(Value::Bool(false));
    }
    let mut args = Vec::with_capacity(a.len() - 1);
    args.push(topic);
    args.extend_from_slice(&a[2..]);
    super::broker::publish_args(m, p, &args, span)
}
