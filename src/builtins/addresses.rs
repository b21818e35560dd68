//! Address and subnet builtins of bro.bif: `addr_to_subnet`,
//! `matching_subnets` and `routing0_data_to_addrs`.

use super::util::bytes;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::Type;
use crate::eval::exec::{mask, Machine, Res, RtError, Unwind};
use crate::eval::value::{Value, VectorVal};
use crate::source::Span;
use std::cell::RefCell;
use std::net::{IpAddr, Ipv6Addr};
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("addr_to_subnet", "function(a: addr): subnet", |_, _, a, _| {
        Ok(match &a[0] {
            Value::Addr(ip) => Value::Subnet(Rc::new((**ip, if ip.is_ipv4() { 32 } else { 128 }))),
            v => v.clone(),
        })
    }),
    b!("matching_subnets", "function(search: subnet, t: any): subnet_vec", bi_matching_subnets),
    b!("routing0_data_to_addrs", "function(s: string): addr_vec", bi_routing0_data_to_addrs),
];

fn vector(items: Vec<Value>, of: Type) -> Value {
    Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: of, items: items.into_iter().map(Some).collect() })))
}

/// Every subnet key of a subnet-indexed set or table that contains the
/// searched subnet, the widest first.
fn bi_matching_subnets(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let Value::Subnet(search) = &a[0] else { return Ok(vector(Vec::new(), Type::Subnet)) };
    let table = match &a[1] {
        Value::Table(t) if matches!(t.borrow().ty.index.as_slice(), [Type::Subnet]) => t.clone(),
        _ => {
            let msg = "matching_subnets needs to be called on a set[subnet]/table[subnet].".to_string();
            m.report(&RtError { unwind: Unwind::Stmt, kind: "error", msg, span: None });
            return Ok(vector(Vec::new(), Type::Subnet));
        }
    };
    let (net, width) = **search;
    let mut hits: Vec<(IpAddr, u8)> = table
        .borrow()
        .ordered()
        .into_iter()
        .filter_map(|e| match e.index.first() {
            Some(Value::Subnet(s)) => Some(**s),
            _ => None,
        })
        .filter(|(p, w)| p.is_ipv4() == net.is_ipv4() && *w <= width && mask(net, *w) == *p)
        .collect();
    hits.sort_by_key(|(_, w)| *w);
    Ok(vector(hits.into_iter().map(|s| Value::Subnet(Rc::new(s))).collect(), Type::Subnet))
}

/// The IPv6 addresses of a type-0 routing header's data: a 4-byte
/// reserved field, then 16 bytes per address.
fn bi_routing0_data_to_addrs(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let s = bytes(&a[0]);
    let len = s.len() as i64 - 4;
    if len % 16 != 0 {
        let msg = format!("Bad ip6_routing data length: {}", s.len());
        m.report(&RtError { unwind: Unwind::Stmt, kind: "warning", msg, span: None });
    }
    let addrs = s.get(4..).unwrap_or(&[]).chunks_exact(16).map(|c| {
        let b: [u8; 16] = c.try_into().unwrap_or([0; 16]);
        Value::Addr(Rc::new(crate::eval::exec::normalize_addr(IpAddr::V6(Ipv6Addr::from(b)))))
    });
    Ok(vector(addrs.collect(), Type::Addr))
}
