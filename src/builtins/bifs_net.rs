//! Address, subnet and port built-ins from Bro's bro.bif, and the
//! string conversions whose edge cases follow Bro 2.6 exactly.

use super::util::{bytes, count, error};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::Type;
use crate::eval::exec::{mask, Machine, Res, RtError, Unwind};
use crate::eval::value::{Proto, TableVal, Value, VectorVal};
use crate::source::Span;
use std::cell::RefCell;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("to_addr", "function(ip: string): addr", bi_to_addr),
    b!("to_subnet", "function(sn: string): subnet", bi_to_subnet),
    b!("to_count", "function(str: string): count", bi_to_count),
    b!("double_to_count", "function(d: double): count", bi_double_to_count),
    b!("addr_to_counts", "function(a: addr): index_vec", bi_addr_to_counts),
    b!("counts_to_addr", "function(v: index_vec): addr", bi_counts_to_addr),
    b!("addr_to_ptr_name", "function(a: addr): string", bi_addr_to_ptr_name),
    b!("ptr_name_to_addr", "function(s: string): addr", bi_ptr_name_to_addr),
    b!("subnet_to_addr", "function(sn: subnet): addr", |_, _, a, _| Ok(match &a[0] {
        Value::Subnet(s) => Value::Addr(Rc::new(s.0)),
        _ => addr(v4_zero()),
    })),
    b!("subnet_width", "function(sn: subnet): count", |_, _, a, _| Ok(Value::Count(match &a[0] {
        Value::Subnet(s) => s.1 as u64,
        _ => 0,
    }))),
    b!("is_v4_subnet", "function(s: subnet): bool", |_, _, a, _| Ok(Value::Bool(matches!(&a[0], Value::Subnet(s) if s.0.is_ipv4())))),
    b!("is_v6_subnet", "function(s: subnet): bool", |_, _, a, _| Ok(Value::Bool(matches!(&a[0], Value::Subnet(s) if s.0.is_ipv6())))),
    b!("mask_addr", "function(a: addr, top_bits_to_keep: count): subnet", bi_mask_addr),
    b!("remask_addr", "function(a1: addr, a2: addr, top_bits_from_a1: count): addr", bi_remask_addr),
    b!("count_to_v4_addr", "function(ip: count): addr", bi_count_to_v4_addr),
    b!("raw_bytes_to_v4_addr", "function(b: string): addr", bi_raw_bytes_to_v4_addr),
    b!("is_tcp_port", "function(p: port): bool", |_, _, a, _| Ok(Value::Bool(matches!(&a[0], Value::Port(_, Proto::Tcp))))),
    b!("is_udp_port", "function(p: port): bool", |_, _, a, _| Ok(Value::Bool(matches!(&a[0], Value::Port(_, Proto::Udp))))),
    b!("is_icmp_port", "function(p: port): bool", |_, _, a, _| Ok(Value::Bool(matches!(&a[0], Value::Port(_, Proto::Icmp))))),
    b!("check_subnet", "function(search: subnet, t: any): bool", bi_check_subnet),
    b!("filter_subnet_table", "function(search: subnet, t: any): any", bi_filter_subnet_table),
];

fn addr(a: IpAddr) -> Value {
    Value::Addr(Rc::new(a))
}

fn v4_zero() -> IpAddr {
    IpAddr::V4(Ipv4Addr::UNSPECIFIED)
}

fn v6_zero() -> IpAddr {
    IpAddr::V6(Ipv6Addr::UNSPECIFIED)
}

fn plain_error(m: &mut Machine, msg: String) {
    m.report(&RtError { unwind: Unwind::Stmt, kind: "error", msg, span: None });
}

/// Bro's `IPAddr::ConvertString`: dotted quads may have leading zeros.
fn parse_addr(s: &str) -> Option<IpAddr> {
    if !s.contains(':') {
        let parts: Vec<&str> = s.split('.').collect();
        if parts.len() != 4 {
            return None;
        }
        let mut o = [0u8; 4];
        for (i, p) in parts.iter().enumerate() {
            if p.is_empty() || p.len() > 3 || !p.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            o[i] = p.parse::<u16>().ok().filter(|&n| n <= 255)? as u8;
        }
        return Some(IpAddr::from(o));
    }
    s.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
}

fn bi_to_addr(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let s = String::from_utf8_lossy(bytes(&a[0])).into_owned();
    match parse_addr(&s) {
        Some(x) => Ok(addr(x)),
        None => {
            plain_error(m, format!("Bad IP address: {s}"));
            Ok(addr(v6_zero()))
        }
    }
}

fn bi_to_subnet(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let s = String::from_utf8_lossy(bytes(&a[0])).into_owned();
    let parsed = s.split_once('/').and_then(|(x, w)| {
        let x = parse_addr(x.trim_start_matches('[').trim_end_matches(']'))?;
        let w: u8 = w.parse().ok()?;
        let max = if x.is_ipv4() { 32 } else { 128 };
        (w <= max).then_some((x, w))
    });
    match parsed {
        Some((x, w)) => Ok(Value::Subnet(Rc::new((mask(x, w), w)))),
        None => {
            plain_error(m, format!("Bad string in SubNetVal ctor: {s}"));
            Ok(Value::Subnet(Rc::new((v6_zero(), 0))))
        }
    }
}

/// `strtoull`: leading blanks and a sign are accepted (negative numbers
/// wrap); anything left over, or nothing at all, is an error.
fn bi_to_count(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let raw = bytes(&a[0]);
    let s = String::from_utf8_lossy(raw);
    let t = s.trim_start();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let ok = !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit());
    let n = if ok { digits.parse::<u64>().unwrap_or(u64::MAX) } else { 0 };
    if !ok {
        let call = m.describe(span);
        m.report(&error(format!("bad conversion to count ({call} and {})", String::from_utf8_lossy(raw)), span));
        return Ok(Value::Count(0));
    }
    Ok(Value::Count(if neg { n.wrapping_neg() } else { n }))
}

fn index_vec(items: Vec<u64>) -> Value {
    Value::Vector(Rc::new(RefCell::new(VectorVal {
        yield_type: Type::Count,
        items: items.into_iter().map(|c| Some(Value::Count(c))).collect(),
    })))
}

fn bi_addr_to_counts(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(index_vec(match &a[0] {
        Value::Addr(x) => match **x {
            IpAddr::V4(v4) => vec![u32::from(v4) as u64],
            IpAddr::V6(v6) => v6.octets().chunks(4).map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as u64).collect(),
        },
        _ => Vec::new(),
    }))
}

fn bi_counts_to_addr(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let items: Vec<u64> = match &a[0] {
        Value::Vector(v) => v.borrow().items.iter().map(|i| i.as_ref().map(count).unwrap_or(0)).collect(),
        _ => Vec::new(),
    };
    match items.len() {
        1 => Ok(addr(IpAddr::V4(Ipv4Addr::from(items[0] as u32)))),
        4 => {
            let mut o = [0u8; 16];
            for (i, c) in items.iter().enumerate() {
                o[i * 4..i * 4 + 4].copy_from_slice(&(*c as u32).to_be_bytes());
            }
            Ok(addr(IpAddr::V6(Ipv6Addr::from(o))))
        }
        _ => {
            super::util::builtin_error(m, "invalid vector size", span, Some(&a[0]));
            Ok(addr(v6_zero()))
        }
    }
}

fn bi_addr_to_ptr_name(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let s = match &a[0] {
        Value::Addr(x) => match **x {
            IpAddr::V4(v4) => {
                let o = v4.octets();
                format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
            }
            IpAddr::V6(v6) => {
                let mut s = String::new();
                for b in v6.octets().iter().rev() {
                    s += &format!("{:x}.{:x}.", b & 0xf, b >> 4);
                }
                s + "ip6.arpa"
            }
        },
        _ => String::new(),
    };
    Ok(Value::str(s))
}

fn bi_ptr_name_to_addr(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let s = String::from_utf8_lossy(bytes(&a[0])).into_owned();
    if let Some(rest) = s.strip_suffix(".in-addr.arpa") {
        let parts: Vec<&str> = rest.split('.').collect();
        if parts.len() == 4 {
            let o: Option<Vec<u8>> = parts.iter().rev().map(|p| p.parse::<u8>().ok()).collect();
            if let Some(o) = o {
                return Ok(addr(IpAddr::from([o[0], o[1], o[2], o[3]])));
            }
        }
    } else if let Some(rest) = s.strip_suffix(".ip6.arpa") {
        let nibbles: Option<Vec<u8>> = rest.split('.').map(|p| u8::from_str_radix(p, 16).ok().filter(|_| p.len() == 1)).collect();
        if let Some(n) = nibbles.filter(|n| n.len() == 32) {
            let mut o = [0u8; 16];
            for (i, pair) in n.chunks(2).enumerate() {
                o[15 - i] = pair[1] << 4 | pair[0];
            }
            return Ok(addr(IpAddr::V6(Ipv6Addr::from(o))));
        }
    }
    super::util::builtin_error(m, "bad PTR name", span, Some(&a[0]));
    Ok(addr(v6_zero()))
}

fn bi_mask_addr(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let x = match &a[0] {
        Value::Addr(x) => **x,
        _ => v4_zero(),
    };
    let bits = count(&a[1]);
    let max = if x.is_ipv4() { 32 } else { 128 };
    if bits > max {
        m.report(&error(format!("bad mask length for mask_addr: {bits}"), span));
        return Ok(Value::Subnet(Rc::new((mask(x, max as u8), max as u8))));
    }
    Ok(Value::Subnet(Rc::new((mask(x, bits as u8), bits as u8))))
}

fn as_u128(a: &Value) -> (u128, bool) {
    match a {
        Value::Addr(x) => match **x {
            IpAddr::V4(v4) => (0xffff_0000_0000u128 | u32::from(v4) as u128, true),
            IpAddr::V6(v6) => (u128::from(v6), false),
        },
        _ => (0, true),
    }
}

fn bi_remask_addr(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let (x1, _) = as_u128(&a[0]);
    let (x2, v4) = as_u128(&a[1]);
    let bits = count(&a[2]).min(128) as u32;
    let m1 = if bits == 0 { 0 } else { u128::MAX << (128 - bits) };
    let r = (x1 & m1) | (x2 & !m1);
    let v6 = Ipv6Addr::from(r);
    Ok(addr(match v6.to_ipv4_mapped() {
        Some(v) if v4 || r >> 32 == 0xffff => IpAddr::V4(v),
        _ => IpAddr::V6(v6),
    }))
}

fn bi_count_to_v4_addr(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let c = count(&a[0]);
    if c > u32::MAX as u64 {
        super::util::builtin_error(m, "conversion of non-IPv4 count to addr", span, Some(&a[0]));
        return Ok(addr(v4_zero()));
    }
    Ok(addr(IpAddr::V4(Ipv4Addr::from(c as u32))))
}

fn bi_raw_bytes_to_v4_addr(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let s = bytes(&a[0]);
    if s.len() < 4 {
        super::util::builtin_error(m, "too short a string as input to raw_bytes_to_v4_addr()", span, None);
        return Ok(addr(v4_zero()));
    }
    Ok(addr(IpAddr::from([s[0], s[1], s[2], s[3]])))
}

fn subnet_of(v: &Value) -> Option<(IpAddr, u8)> {
    match v {
        Value::Subnet(s) => Some(**s),
        _ => None,
    }
}

/// Whether `outer` contains `inner` (same family, shorter or equal width).
fn contains(outer: (IpAddr, u8), inner: (IpAddr, u8)) -> bool {
    outer.0.is_ipv4() == inner.0.is_ipv4() && outer.1 <= inner.1 && mask(inner.0, outer.1) == outer.0
}

/// Exact membership of the subnet among a subnet-indexed table's keys.
fn bi_check_subnet(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let Some(search) = subnet_of(&a[0]) else { return Ok(Value::Bool(false)) };
    let Value::Table(t) = &a[1] else {
        plain_error(m, "check_subnet needs to be called on a set[subnet]/table[subnet].".to_string());
        return Ok(Value::Bool(false));
    };
    let found = t.borrow().ordered().iter().any(|e| e.index.first().and_then(subnet_of) == Some(search));
    Ok(Value::Bool(found))
}

/// The elements whose subnet contains `search`, most specific first.
fn bi_filter_subnet_table(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let Some(search) = subnet_of(&a[0]) else { return Ok(a[1].clone()) };
    let Value::Table(t) = &a[1] else {
        plain_error(m, "filter_subnet_table needs to be called on a set[subnet]/table[subnet].".to_string());
        return Ok(a[1].clone());
    };
    let t = t.borrow();
    let mut hits: Vec<_> = t
        .ordered()
        .into_iter()
        .filter(|e| e.index.first().and_then(subnet_of).is_some_and(|s| contains(s, search)))
        .map(|e| (e.index.first().and_then(subnet_of).map(|s| s.1).unwrap_or(0), e.index.clone(), e.value.clone()))
        .collect();
    hits.sort_by(|x, y| y.0.cmp(&x.0));
    let mut out = TableVal::new(t.ty.clone());
    for (_, idx, v) in hits {
        out.insert(idx, v);
    }
    Ok(Value::Table(Rc::new(RefCell::new(out))))
}

/// Rounds to the nearest count; negative values are an error.
fn bi_double_to_count(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let d = crate::eval::exec::as_f64(&a[0]);
    if d < 0.0 {
        let call = m.describe(span);
        let shown = String::from_utf8_lossy(&crate::eval::format::render(&a[0], crate::eval::format::Mode::Cat)).into_owned();
        m.report(&error(format!("bad conversion to count ({call} and {shown})"), span));
        return Ok(Value::Count(0));
    }
    Ok(Value::Count(d.round_ties_even() as u64))
}
