//! The values that travel between endpoints: Broker's data model, `Send`
//! and independent of the interpreter's own values (conversions live in
//! `builtins/broker.rs`).

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::net::IpAddr;

/// A transport protocol, as a port carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Protocol {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
    /// ICMP.
    Icmp,
    /// Any other protocol.
    Unknown,
}

/// How deeply values may nest in what a peer sends; deeper input is
/// refused rather than recursed into.
pub const MAX_DEPTH: usize = 64;

/// One Broker value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Data {
    /// No value (an unset optional record field).
    None,
    /// A boolean.
    Bool(bool),
    /// An unsigned 64-bit integer.
    Count(u64),
    /// A signed 64-bit integer.
    Int(i64),
    /// A floating-point number.
    Real(f64),
    /// Bytes (Bro strings are not necessarily UTF-8).
    String(Vec<u8>),
    /// An IPv4 or IPv6 address.
    Address(IpAddr),
    /// An address prefix and its length.
    Subnet(IpAddr, u8),
    /// A port number and its protocol.
    Port(u16, Protocol),
    /// A point in time, seconds since the epoch.
    Timestamp(f64),
    /// A duration in seconds.
    Timespan(f64),
    /// An enum value by name.
    Enum(String),
    /// A set.
    Set(Vec<Data>),
    /// A table: key and value pairs.
    Table(Vec<(Data, Data)>),
    /// A vector (records travel as vectors too).
    Vector(Vec<Data>),
}

impl Data {
    /// The position of this value's kind in Broker's list of kinds, which
    /// orders values of different kinds.
    fn rank(&self) -> u8 {
        match self {
            Data::None => 0,
            Data::Bool(_) => 1,
            Data::Count(_) => 2,
            Data::Int(_) => 3,
            Data::Real(_) => 4,
            Data::String(_) => 5,
            Data::Address(_) => 6,
            Data::Subnet(..) => 7,
            Data::Port(..) => 8,
            Data::Timestamp(_) => 9,
            Data::Timespan(_) => 10,
            Data::Enum(_) => 11,
            Data::Set(_) => 12,
            Data::Table(_) => 13,
            Data::Vector(_) => 14,
        }
    }

    /// Broker's total order on values: by kind first, then by value
    /// (addresses as their 16-byte IPv6 form, containers element by
    /// element). Sets and tables are kept sorted by it.
    pub fn total_cmp(&self, other: &Data) -> Ordering {
        fn addr(a: &IpAddr) -> [u8; 16] {
            match a {
                IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
                IpAddr::V6(v6) => v6.octets(),
            }
        }
        fn seq(a: &[Data], b: &[Data]) -> Ordering {
            for (x, y) in a.iter().zip(b) {
                let o = x.total_cmp(y);
                if o != Ordering::Equal {
                    return o;
                }
            }
            a.len().cmp(&b.len())
        }
        match (self, other) {
            (Data::Bool(a), Data::Bool(b)) => a.cmp(b),
            (Data::Count(a), Data::Count(b)) => a.cmp(b),
            (Data::Int(a), Data::Int(b)) => a.cmp(b),
            (Data::Real(a), Data::Real(b)) | (Data::Timestamp(a), Data::Timestamp(b)) | (Data::Timespan(a), Data::Timespan(b)) => a.total_cmp(b),
            (Data::String(a), Data::String(b)) => a.cmp(b),
            (Data::Address(a), Data::Address(b)) => addr(a).cmp(&addr(b)),
            (Data::Subnet(a, w), Data::Subnet(b, v)) => addr(a).cmp(&addr(b)).then(w.cmp(v)),
            (Data::Port(a, p), Data::Port(b, q)) => a.cmp(b).then((*p as u8).cmp(&(*q as u8))),
            (Data::Enum(a), Data::Enum(b)) => a.cmp(b),
            (Data::Set(a), Data::Set(b)) | (Data::Vector(a), Data::Vector(b)) => seq(a, b),
            (Data::Table(a), Data::Table(b)) => {
                for ((k, v), (l, w)) in a.iter().zip(b) {
                    let o = k.total_cmp(l).then_with(|| v.total_cmp(w));
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                a.len().cmp(&b.len())
            }
            _ => self.rank().cmp(&other.rank()),
        }
    }

    /// This value with every set and table in it sorted by
    /// [`Data::total_cmp`] and without repeated keys (the later of two
    /// equal table keys wins), as Broker holds them.
    pub fn normalized(self) -> Data {
        match self {
            Data::Set(items) => {
                let mut items: Vec<Data> = items.into_iter().map(Data::normalized).collect();
                items.sort_by(Data::total_cmp);
                items.dedup_by(|a, b| a.total_cmp(b) == Ordering::Equal);
                Data::Set(items)
            }
            Data::Table(pairs) => {
                let mut pairs: Vec<(Data, Data)> = pairs.into_iter().map(|(k, v)| (k.normalized(), v.normalized())).collect();
                // A stable sort keeps equal keys in their order; keep the last.
                pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut out: Vec<(Data, Data)> = Vec::with_capacity(pairs.len());
                for (k, v) in pairs {
                    match out.last_mut() {
                        Some(last) if last.0.total_cmp(&k) == Ordering::Equal => last.1 = v,
                        _ => out.push((k, v)),
                    }
                }
                Data::Table(out)
            }
            Data::Vector(items) => Data::Vector(items.into_iter().map(Data::normalized).collect()),
            other => other,
        }
    }

    /// Broker's text for the value (what Bro shows inside
    /// `broker::data{...}`): `nil`, `T`/`F`, reals with six decimals,
    /// times as nanoseconds, `{a, b}` sets, `{k -> v}` tables, `[a, b]`
    /// vectors; strings as their raw bytes.
    pub fn render(&self, out: &mut Vec<u8>) {
        fn list<'a>(out: &mut Vec<u8>, open: u8, close: u8, items: impl Iterator<Item = &'a Data>) {
            out.push(open);
            for (i, d) in items.enumerate() {
                if i > 0 {
                    out.extend_from_slice(b", ");
                }
                d.render(out);
            }
            out.push(close);
        }
        fn nanos(t: f64) -> String {
            let n = (t * 1e9).round();
            // Saturates like a cast; NaN becomes 0.
            format!("{}ns", n as i64)
        }
        match self {
            Data::None => out.extend_from_slice(b"nil"),
            Data::Bool(b) => out.push(if *b { b'T' } else { b'F' }),
            Data::Count(c) => out.extend_from_slice(c.to_string().as_bytes()),
            Data::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
            Data::Real(r) => out.extend_from_slice(format!("{r:.6}").as_bytes()),
            Data::String(s) => out.extend_from_slice(s),
            Data::Address(a) => out.extend_from_slice(a.to_string().as_bytes()),
            Data::Subnet(a, w) => out.extend_from_slice(format!("{a}/{w}").as_bytes()),
            Data::Port(n, p) => {
                let proto = match p {
                    Protocol::Tcp => "tcp",
                    Protocol::Udp => "udp",
                    Protocol::Icmp => "icmp",
                    Protocol::Unknown => "?",
                };
                out.extend_from_slice(format!("{n}/{proto}").as_bytes());
            }
            Data::Timestamp(t) | Data::Timespan(t) => out.extend_from_slice(nanos(*t).as_bytes()),
            Data::Enum(e) => out.extend_from_slice(e.as_bytes()),
            Data::Set(items) => list(out, b'{', b'}', items.iter()),
            Data::Vector(items) => list(out, b'[', b']', items.iter()),
            Data::Table(pairs) => {
                out.push(b'{');
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(b", ");
                    }
                    k.render(out);
                    out.extend_from_slice(b" -> ");
                    v.render(out);
                }
                out.push(b'}');
            }
        }
    }
}

/// The decoding twin of [`Data`] (same variants, same order, so the same
/// encoding): [`Data`]'s `Deserialize` goes through it while counting how
/// deep it is, so bytes from the network cannot nest without bound.
#[derive(Deserialize)]
enum DataRepr {
    None,
    Bool(bool),
    Count(u64),
    Int(i64),
    Real(f64),
    String(Vec<u8>),
    Address(IpAddr),
    Subnet(IpAddr, u8),
    Port(u16, Protocol),
    Timestamp(f64),
    Timespan(f64),
    Enum(String),
    Set(Vec<Data>),
    Table(Vec<(Data, Data)>),
    Vector(Vec<Data>),
}

thread_local! {
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl<'de> Deserialize<'de> for Data {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Data, D::Error> {
        let depth = DEPTH.with(|d| {
            let n = d.get() + 1;
            d.set(n);
            n
        });
        let result = if depth > MAX_DEPTH { Err(serde::de::Error::custom("values nested too deeply")) } else { DataRepr::deserialize(deserializer) };
        DEPTH.with(|d| d.set(d.get() - 1));
        Ok(match result? {
            DataRepr::None => Data::None,
            DataRepr::Bool(b) => Data::Bool(b),
            DataRepr::Count(c) => Data::Count(c),
            DataRepr::Int(i) => Data::Int(i),
            DataRepr::Real(r) => Data::Real(r),
            DataRepr::String(s) => Data::String(s),
            DataRepr::Address(a) => Data::Address(a),
            DataRepr::Subnet(a, w) => Data::Subnet(a, w),
            DataRepr::Port(n, p) => Data::Port(n, p),
            DataRepr::Timestamp(t) => Data::Timestamp(t),
            DataRepr::Timespan(t) => Data::Timespan(t),
            DataRepr::Enum(e) => Data::Enum(e),
            DataRepr::Set(v) => Data::Set(v),
            DataRepr::Table(v) => Data::Table(v),
            DataRepr::Vector(v) => Data::Vector(v),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> Data {
        let mut d = Data::Count(1);
        for _ in 0..depth {
            d = Data::Vector(vec![d]);
        }
        d
    }

    #[test]
    fn every_kind_round_trips() {
        let d = Data::Vector(vec![
            Data::None,
            Data::Bool(true),
            Data::Int(-3),
            Data::Real(1.5),
            Data::String(b"\xff".to_vec()),
            Data::Address("::1".parse().unwrap()),
            Data::Subnet("10.0.0.0".parse().unwrap(), 8),
            Data::Port(53, Protocol::Udp),
            Data::Timestamp(1.0),
            Data::Timespan(2.0),
            Data::Enum("A::B".into()),
            Data::Set(vec![Data::Count(1)]),
            Data::Table(vec![(Data::Count(1), Data::None)]),
            nested(MAX_DEPTH - 2),
        ]);
        let bytes = postcard::to_stdvec(&d).unwrap();
        assert_eq!(postcard::from_bytes::<Data>(&bytes).unwrap(), d);
    }

    #[test]
    fn sets_and_tables_sort_in_brokers_order() {
        let d = Data::Set(vec![Data::String(b"b".to_vec()), Data::Count(3), Data::String(b"a".to_vec()), Data::Count(3)]).normalized();
        let mut text = Vec::new();
        d.render(&mut text);
        assert_eq!(text, b"{3, a, b}");
        let t = Data::Table(vec![(Data::Int(2), Data::None), (Data::Int(1), Data::Bool(true)), (Data::Int(2), Data::Real(0.5))]).normalized();
        let mut text = Vec::new();
        t.render(&mut text);
        assert_eq!(text, b"{1 -> T, 2 -> 0.500000}");
        assert_eq!(Data::Real(f64::NAN).total_cmp(&Data::Real(f64::NAN)), Ordering::Equal);
    }

    #[test]
    fn deep_nesting_from_the_network_is_refused() {
        // Hand-made bytes: a Vector of one element, 100000 times over.
        let mut bytes = Vec::new();
        for _ in 0..100_000 {
            bytes.extend_from_slice(&[14, 1]);
        }
        bytes.extend_from_slice(&[2, 1]);
        assert!(postcard::from_bytes::<Data>(&bytes).is_err());
    }
}
