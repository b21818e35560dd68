//! IPv4 address anonymization of bro.bif (deprecated in Bro 2.6.4):
//! `anonymize_addr`, `preserve_prefix` and `preserve_subnet`.
//!
//! The method for each class of address comes from the script constants
//! `orig_addr_anonymization`, `resp_addr_anonymization` and
//! `other_addr_anonymization` (unset: keep the address), and the sets
//! `preserve_orig_addr`, `preserve_resp_addr` and `preserve_other_addr`
//! list addresses left alone. Each method maps an address the same way
//! for the rest of the run: sequential numbers from 0.0.0.1, a keyed MD5
//! of the address, or a keyed prefix-preserving mapping (both
//! prefix-preserving methods use it; the prefixes `preserve_prefix` names
//! keep their bits).

use super::util::{builtin_error, count};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::value::Value;
use crate::source::Span;
use std::cell::RefCell;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("anonymize_addr", "function(a: addr, cl: IPAddrAnonymizationClass): addr", bi_anonymize_addr),
    b!("preserve_prefix", "function(a: addr, width: count): any", bi_preserve_prefix),
    b!("preserve_subnet", "function(a: subnet): any", bi_preserve_subnet),
];

const SEQUENTIAL: i64 = 1;
const RANDOM_MD5: i64 = 2;

/// What the anonymizers remember: each method's mapping so far, the next
/// sequential number and the prefixes to preserve.
#[derive(Default)]
struct Anonymizers {
    mappings: RefCell<HashMap<(i64, u32), u32>>,
    next_seq: RefCell<u32>,
    preserved: RefCell<Vec<(u32, u32)>>,
}

fn global(m: &Machine, p: &Compiler, name: &str) -> Option<Value> {
    let g = p.globals.lookup("GLOBAL", name)?;
    m.globals.get(g).cloned().flatten()
}

fn keyed_md5(data: &[u8]) -> [u8; 16] {
    super::bifs_hash::hmac_md5(data)
}

/// Bit by bit from the top: each output bit is the input bit flipped by a
/// keyed hash of the bits above it, so addresses sharing a prefix keep
/// sharing it. Bits inside a preserved prefix are kept.
fn prefix_preserving(ip: u32, preserved: &[(u32, u32)]) -> u32 {
    let keep = preserved.iter().filter(|(net, w)| *w == 0 || (ip ^ net) >> (32 - w) == 0).map(|(_, w)| *w).max().unwrap_or(0);
    let mut out = 0u32;
    for i in 0..32u32 {
        let bit = (ip >> (31 - i)) & 1;
        let flip = if i < keep {
            0
        } else {
            let prefix = if i == 0 { 0 } else { ip >> (32 - i) };
            let mut data = prefix.to_be_bytes().to_vec();
            data.push(i as u8);
            u32::from(keyed_md5(&data)[15] & 1)
        };
        out |= (bit ^ flip) << (31 - i);
    }
    out
}

fn bi_anonymize_addr(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let ip = match &a[0] {
        Value::Addr(ip) => match **ip {
            IpAddr::V4(v4) => u32::from(v4),
            IpAddr::V6(_) => {
                // Bro gives no value back: the statement goes no further.
                builtin_error(m, "anonymize_addr() not supported for IPv6 addresses", span, None);
                return Err(Box::new(RtError { unwind: Unwind::Stmt, kind: "", msg: String::new(), span: Some(span) }));
            }
        },
        v => return Ok(v.clone()),
    };
    let class = match &a[1] {
        Value::Enum(_, n) => *n,
        _ => 2,
    };
    let (preserve, method) = match class {
        0 => ("preserve_orig_addr", "orig_addr_anonymization"),
        1 => ("preserve_resp_addr", "resp_addr_anonymization"),
        _ => ("preserve_other_addr", "other_addr_anonymization"),
    };
    let kept = match global(m, p, preserve) {
        Some(Value::Table(t)) => t.borrow().contains(&Value::Addr(Rc::new(IpAddr::V4(Ipv4Addr::from(ip)))).key()),
        _ => false,
    };
    let method = match global(m, p, method) {
        Some(Value::Enum(_, n)) => i64::from(n),
        _ => 0,
    };
    let state = m.state.get::<Anonymizers>();
    let new_ip = if kept || method == 0 {
        ip
    } else {
        let known = state.mappings.borrow().get(&(method, ip)).copied();
        match known {
            Some(n) => n,
            None => {
                let n = match method {
                    SEQUENTIAL => {
                        let mut next = state.next_seq.borrow_mut();
                        *next += 1;
                        *next
                    }
                    RANDOM_MD5 => {
                        let h = keyed_md5(&ip.to_be_bytes());
                        u32::from_be_bytes([h[0], h[1], h[2], h[3]])
                    }
                    _ => prefix_preserving(ip, &state.preserved.borrow()),
                };
                state.mappings.borrow_mut().insert((method, ip), n);
                n
            }
        }
    };
    Ok(Value::Addr(Rc::new(IpAddr::V4(Ipv4Addr::from(new_ip)))))
}

fn preserve(m: &mut Machine, net: IpAddr, width: u64, what: &str, span: Span) {
    match net {
        IpAddr::V4(v4) => {
            let w = width.min(32) as u32;
            let net = if w == 0 { 0 } else { u32::from(v4) & (u32::MAX << (32 - w)) };
            m.state.get::<Anonymizers>().preserved.borrow_mut().push((net, w));
        }
        IpAddr::V6(_) => builtin_error(m, format!("{what}() not supported for IPv6 addresses"), span, None),
    }
}

fn bi_preserve_prefix(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    if let Value::Addr(ip) = &a[0] {
        preserve(m, **ip, count(&a[1]), "preserve_prefix", span);
    }
    Ok(Value::Bool(true))
}

fn bi_preserve_subnet(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    if let Value::Subnet(s) = &a[0] {
        preserve(m, s.0, u64::from(s.1), "preserve_subnet", span);
    }
    Ok(Value::Bool(true))
}
