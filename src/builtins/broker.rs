//! Bro 2.6's Broker builtins (`comm.bif`, `messaging.bif`): listening,
//! peering, the peer list, the node id and subscriptions, bound to the
//! peering core; and the one place where interpreter values and the
//! core's notifications meet (the runtime calls [`notification_event`]).

use super::util::{bytes, error};
use super::Builtin;
use crate::broker::{EndpointInfo, ErrorCode, Notification, PeerStatus};
use crate::check::compile::Compiler;
use crate::check::scope::GLOBAL_MODULE;
use crate::check::types::{RecordType, Type};
use crate::eval::exec::{Machine, Res};
use crate::eval::value::{Proto, RecordVal, Value, VectorVal};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("Broker::__listen", "function(a: string, p: port): port", bi_listen),
    b!("Broker::__peer", "function(a: string, p: port, retry: interval): bool", bi_peer),
    b!("Broker::__unpeer", "function(a: string, p: port): bool", bi_unpeer),
    b!("Broker::__peers", "function(): Broker::PeerInfos", bi_peers),
    b!("Broker::__node_id", "function(): string", |_, _, _, _| Ok(Value::str(crate::broker::node_id()))),
    b!("Broker::__subscribe", "function(topic_prefix: string): bool", |m, _, a, s| subscribe(m, a, s, true)),
    b!("Broker::__forward", "function(topic_prefix: string): bool", |m, _, a, s| subscribe(m, a, s, true)),
    b!("Broker::__unsubscribe", "function(topic_prefix: string): bool", |m, _, a, s| subscribe(m, a, s, false)),
];

fn text(v: &Value) -> String {
    String::from_utf8_lossy(bytes(v)).into_owned()
}

/// A `port` argument's number, or `None` (after Bro's error) when it is not TCP.
fn tcp_port(m: &mut Machine, v: &Value, complaint: &str, span: Span) -> Option<u16> {
    match v {
        Value::Port(n, Proto::Tcp) => Some(*n as u16),
        _ => {
            m.report(&error(complaint, span));
            None
        }
    }
}

fn unavailable(m: &mut Machine, span: Span) {
    m.report(&error("the peering core could not be started", span));
}

fn bi_listen(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(port) = tcp_port(m, &a[1], "listen port must use tcp", span) else {
        return Ok(Value::Port(0, Proto::Unknown));
    };
    let addr = text(&a[0]);
    let Some(endpoint) = m.broker.endpoint() else {
        unavailable(m, span);
        return Ok(Value::Port(0, Proto::Tcp));
    };
    match endpoint.listen(&addr, port) {
        Ok(bound) => Ok(Value::Port(u32::from(bound), Proto::Tcp)),
        Err(msg) => {
            m.report(&error(msg, span));
            Ok(Value::Port(0, Proto::Tcp))
        }
    }
}

/// The retry interval Bro uses: `BRO_DEFAULT_CONNECT_RETRY` (whole
/// seconds) overrides the script's; a fraction of a second becomes one
/// second; other values are truncated to whole seconds.
fn retry_interval(script: f64) -> Duration {
    let seconds = match std::env::var("BRO_DEFAULT_CONNECT_RETRY") {
        Ok(v) => atoi(&v) as f64,
        Err(_) => script,
    };
    if seconds > 0.0 && seconds < 1.0 {
        Duration::from_secs(1)
    } else if seconds >= 1.0 {
        Duration::from_secs(seconds.min(u32::MAX as f64) as u64)
    } else {
        Duration::ZERO
    }
}

/// C's `atoi`: leading blanks, a sign, digits; 0 when there are none.
fn atoi(s: &str) -> i64 {
    let s = s.trim_start();
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let n = digits.bytes().take_while(u8::is_ascii_digit).fold(0i64, |n, d| n.saturating_mul(10).saturating_add(i64::from(d - b'0')));
    if neg {
        -n
    } else {
        n
    }
}

fn bi_peer(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(port) = tcp_port(m, &a[1], "remote connection port must use tcp", span) else {
        return Ok(Value::Bool(false));
    };
    let retry = match &a[2] {
        Value::Interval(s) => *s,
        _ => 0.0,
    };
    let addr = text(&a[0]);
    match m.broker.endpoint() {
        Some(endpoint) => endpoint.peer(&addr, port, retry_interval(retry)),
        None => unavailable(m, span),
    }
    Ok(Value::Bool(true))
}

fn bi_unpeer(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(port) = tcp_port(m, &a[1], "remote connection port must use tcp", span) else {
        return Ok(Value::Bool(false));
    };
    let addr = text(&a[0]);
    match m.broker.endpoint() {
        Some(endpoint) => endpoint.unpeer(&addr, port),
        None => unavailable(m, span),
    }
    Ok(Value::Bool(true))
}

fn subscribe(m: &mut Machine, a: &[Value], span: Span, on: bool) -> Res<Value> {
    let prefix = text(&a[0]);
    match m.broker.endpoint() {
        Some(endpoint) if on => endpoint.subscribe(&prefix),
        Some(endpoint) => endpoint.unsubscribe(&prefix),
        None => unavailable(m, span),
    }
    Ok(Value::Bool(true))
}

/// A named script type.
fn named_type(p: &Compiler, name: &str) -> Option<Type> {
    let g = p.globals.lookup(GLOBAL_MODULE, name)?;
    let ty = p.globals.get(g).ty.clone();
    Some(match ty {
        Type::TypeOf(t) => (*t).clone(),
        t => t,
    })
}

fn named_record(p: &Compiler, name: &str) -> Option<Rc<RecordType>> {
    match named_type(p, name)? {
        Type::Record(rt) => Some(rt),
        _ => None,
    }
}

fn record(rt: Rc<RecordType>, fields: Vec<Option<Value>>) -> Value {
    Value::Record(Rc::new(RefCell::new(RecordVal { ty: rt, fields })))
}

/// A value of a `Broker::` enum type by item name.
fn enum_value(p: &Compiler, ty: &str, item: &str) -> Option<Value> {
    match named_type(p, ty)? {
        Type::Enum(et) => {
            let full = format!("Broker::{item}");
            let v = et.names.borrow().iter().find(|(n, _)| *n == full).map(|(_, v)| *v)?;
            Some(Value::Enum(et, v))
        }
        _ => None,
    }
}

/// `Broker::EndpointInfo` for a peer; `address` is given as the field's value.
fn endpoint_info(p: &Compiler, info: &EndpointInfo, address: Value) -> Option<Value> {
    let network = record(named_record(p, "Broker::NetworkInfo")?, vec![Some(address), Some(Value::Port(u32::from(info.port), Proto::Tcp))]);
    Some(record(named_record(p, "Broker::EndpointInfo")?, vec![Some(Value::str(info.id.clone())), Some(network)]))
}

fn bi_peers(m: &mut Machine, p: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let peers = m.broker.endpoint.as_ref().map(|e| e.peers()).unwrap_or_default();
    let mut items = Vec::new();
    for peer in peers {
        // Bro 2.6 fills the string field `address` with an address value
        // (a host name is an error and becomes `::`).
        let address = match peer.peer.address.parse::<std::net::IpAddr>() {
            Ok(ip) => ip.to_string(),
            Err(_) => {
                m.report(&crate::eval::exec::RtError { unwind: crate::eval::exec::Unwind::Stmt, kind: "error", msg: format!("Bad IP address: {}", peer.peer.address), span: None });
                "::".to_string()
            }
        };
        let status = match peer.status {
            PeerStatus::Connecting => "CONNECTING",
            PeerStatus::Peered => "PEERED",
        };
        let (Some(info), Some(status), Some(rt)) = (endpoint_info(p, &peer.peer, Value::str(address)), enum_value(p, "Broker::PeerStatus", status), named_record(p, "Broker::PeerInfo")) else {
            continue;
        };
        items.push(Some(record(rt, vec![Some(info), Some(status)])));
    }
    let yield_type = named_type(p, "Broker::PeerInfo").unwrap_or(Type::Any);
    Ok(Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type, items }))))
}

/// The event a notification raises and its arguments, if the script
/// has handlers for it.
pub fn notification_event(p: &Compiler, n: &Notification) -> Option<(usize, Vec<Value>)> {
    let (name, args) = match n {
        Notification::PeerAdded(info, msg) => ("Broker::peer_added", vec![endpoint_info(p, info, Value::str(info.address.clone()))?, Value::str(msg.clone())]),
        Notification::PeerLost(info, msg) => ("Broker::peer_lost", vec![endpoint_info(p, info, Value::str(info.address.clone()))?, Value::str(msg.clone())]),
        Notification::PeerRemoved(info, msg) => ("Broker::peer_removed", vec![endpoint_info(p, info, Value::str(info.address.clone()))?, Value::str(msg.clone())]),
        Notification::Error(code, msg) => ("Broker::error", vec![error_code(p, *code)?, Value::str(msg.clone())]),
        Notification::Event { .. } => return None,
    };
    Some((handled_event(p, name)?, args))
}

fn error_code(p: &Compiler, code: ErrorCode) -> Option<Value> {
    enum_value(p, "Broker::ErrorCode", code.name())
}

/// The function-table index of an event that has at least one handler.
fn handled_event(p: &Compiler, name: &str) -> Option<usize> {
    let g = p.globals.lookup(GLOBAL_MODULE, name)?;
    p.globals.get(g).func.filter(|f| !p.funcs[*f].bodies.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_follows_bro() {
        std::env::remove_var("BRO_DEFAULT_CONNECT_RETRY");
        assert_eq!(retry_interval(0.0), Duration::ZERO);
        assert_eq!(retry_interval(0.2), Duration::from_secs(1));
        assert_eq!(retry_interval(2.7), Duration::from_secs(2));
        assert_eq!(atoi(" 12abc"), 12);
        assert_eq!(atoi("x"), 0);
        assert_eq!(atoi("-3"), -3);
    }
}
