//! The peering core: Bro's Broker endpoint on tokio. It listens, peers,
//! keeps peerings alive, reconnects, and carries events between
//! processes. It knows nothing of the interpreter: its face is an
//! [`Endpoint`] handle that takes commands and reports [`Notification`]s
//! through a callback, and only `Send` data ([`Data`]) crosses between
//! the interpreter's thread and the core's thread.

pub mod data;
pub mod store;
mod endpoint;
mod peer;
pub mod wire;

pub use data::{Data, Protocol};
pub use endpoint::Endpoint;

/// Which endpoint a status is about: the remote node and its network
/// address as this side knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointInfo {
    /// The remote endpoint's id.
    pub id: String,
    /// The address: as given to `peer` on the connecting side, the
    /// connector's IP on the listening side.
    pub address: String,
    /// The port: as given to `peer` on the connecting side, the
    /// connector's source port on the listening side.
    pub port: u16,
}

/// How far a peering has come (Bro's `Broker::PeerStatus`, the values
/// Bro 2.6 reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeerStatus {
    /// Connected, handshake under way.
    Connecting,
    /// Handshake done.
    Peered,
}

/// One entry of `Broker::peers()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerInfo {
    /// The peer.
    pub peer: EndpointInfo,
    /// Its status.
    pub status: PeerStatus,
}

/// Bro's `Broker::ErrorCode` values the peering core reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// The peer speaks another protocol version.
    PeerIncompatible,
    /// No such peer (unpeer of an unknown peer).
    PeerInvalid,
    /// The remote endpoint cannot be reached.
    PeerUnavailable,
    /// A handshake did not complete in time.
    PeerTimeout,
    /// A connection carried bytes that are not our protocol.
    InvalidData,
}

impl ErrorCode {
    /// The enum name, as in `Broker::ErrorCode`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorCode::PeerIncompatible => "PEER_INCOMPATIBLE",
            ErrorCode::PeerInvalid => "PEER_INVALID",
            ErrorCode::PeerUnavailable => "PEER_UNAVAILABLE",
            ErrorCode::PeerTimeout => "PEER_TIMEOUT",
            ErrorCode::InvalidData => "INVALID_DATA",
        }
    }
}

/// What the core reports to the interpreter; each becomes a queued event.
#[derive(Debug, Clone, PartialEq)]
pub enum Notification {
    /// A peering completed (`Broker::peer_added`).
    PeerAdded(EndpointInfo, String),
    /// A peering broke (`Broker::peer_lost`).
    PeerLost(EndpointInfo, String),
    /// This side dropped a peering (`Broker::peer_removed`).
    PeerRemoved(EndpointInfo, String),
    /// Something went wrong (`Broker::error`).
    Error(ErrorCode, String),
    /// A remote event arrived on a subscribed topic.
    Event {
        /// The topic it was published on.
        topic: String,
        /// The event's name.
        name: String,
        /// Its arguments.
        args: Vec<Data>,
    },
}

/// Where the core delivers notifications (called on the core's thread).
pub type Notify = std::sync::Arc<dyn Fn(Notification) + Send + Sync>;

/// Bro's rendering of an error's context: the node (or `invalid-node`),
/// the network address, and the text.
pub fn error_context(node: Option<&str>, address: &str, port: u16, text: &str) -> String {
    format!("({}, *{address}:{port}, \"{text}\")", node.unwrap_or("invalid-node"))
}

/// This process's endpoint id in Bro 2.6's form: 40 uppercase hex digits
/// naming the host, `#`, the process id. Two processes on one host
/// differ only after the `#`.
pub fn node_id() -> String {
    use sha1::{Digest, Sha1};
    let mut h = Sha1::new();
    h.update(std::fs::read("/etc/machine-id").unwrap_or_default());
    h.update(std::fs::read("/proc/sys/kernel/hostname").unwrap_or_default());
    let digest = h.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02X}")).collect();
    format!("{hex}#{}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_id_has_bros_form() {
        let id = node_id();
        let (hex, pid) = id.split_once('#').expect("a #");
        assert_eq!(hex.len(), 40);
        assert!(hex.chars().all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c)));
        assert_eq!(pid, std::process::id().to_string());
    }

    #[test]
    fn error_context_matches_bro() {
        assert_eq!(error_context(None, "1.2.3.4", 1947, "no such peer when unpeering"), "(invalid-node, *1.2.3.4:1947, \"no such peer when unpeering\")");
    }
}
