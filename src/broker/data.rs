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

/// One Broker value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
