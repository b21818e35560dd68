//! The values that travel between endpoints: Broker's data model, `Send`
//! and independent of the interpreter's own values (conversions live in
//! `builtins/broker.rs`).

use serde::{Deserialize, Serialize};
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
