//! The peering wire protocol, version 1: TCP carrying length-prefixed
//! frames (a 4-byte big-endian length, then the payload) no larger than
//! [`MAX_FRAME`]. The first frame each side sends is a hello with a fixed
//! layout — magic, protocol version, endpoint id — so that any future
//! version can still read it and refuse politely; later frames are
//! [`Message`]s encoded with postcard.

use crate::broker::data::Data;
use bytes::{Bytes, BytesMut};
use serde::{Deserialize, Serialize};
use tokio_util::codec::LengthDelimitedCodec;

/// The bytes every hello starts with.
pub const MAGIC: &[u8; 8] = b"BROPEER\0";

/// The protocol version this build speaks.
pub const VERSION: u32 = 1;

/// The largest frame accepted; a longer one ends the connection.
pub const MAX_FRAME: usize = 16 * 1024 * 1024;

/// The frame codec both sides use.
pub fn codec() -> LengthDelimitedCodec {
    LengthDelimitedCodec::builder().length_field_length(4).big_endian().max_frame_length(MAX_FRAME).new_codec()
}

/// The first frame: who is speaking, in which version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hello {
    /// The protocol version of the sender.
    pub version: u32,
    /// The sender's endpoint id.
    pub node: String,
}

impl Hello {
    /// Encodes the fixed hello layout.
    pub fn encode(&self) -> Bytes {
        let mut b = BytesMut::with_capacity(MAGIC.len() + 4 + self.node.len());
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&self.version.to_be_bytes());
        b.extend_from_slice(self.node.as_bytes());
        b.freeze()
    }

    /// Reads a hello, or says why the frame is not one.
    pub fn decode(frame: &[u8]) -> Result<Hello, String> {
        let rest = frame.strip_prefix(MAGIC.as_slice()).ok_or("not a peering hello (bad magic)")?;
        if rest.len() < 4 {
            return Err("truncated hello".into());
        }
        let (version, node) = rest.split_at(4);
        let version = u32::from_be_bytes([version[0], version[1], version[2], version[3]]);
        let node = std::str::from_utf8(node).map_err(|_| "endpoint id is not text")?;
        if node.is_empty() || node.len() > 256 {
            return Err("bad endpoint id in hello".into());
        }
        Ok(Hello { version, node: node.to_string() })
    }
}

/// Everything after the hello.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Message {
    /// The connector's confirmation that completes the handshake.
    Ack,
    /// A Bro event published on a topic.
    Event {
        /// The topic it was published on.
        topic: String,
        /// The event's name.
        name: String,
        /// Its arguments.
        args: Vec<Data>,
    },
    /// The sender drops the peering.
    Bye,
}

impl Message {
    /// Encodes a message as a frame payload.
    pub fn encode(&self) -> Bytes {
        Bytes::from(postcard::to_stdvec(self).unwrap_or_default())
    }

    /// Decodes a frame payload, or says why it is malformed.
    pub fn decode(frame: &[u8]) -> Result<Message, String> {
        postcard::from_bytes(frame).map_err(|e| format!("malformed message: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_round_trips_and_rejects_garbage() {
        let h = Hello { version: VERSION, node: "ABC#1".into() };
        assert_eq!(Hello::decode(&h.encode()), Ok(h));
        assert!(Hello::decode(b"GET / HTTP/1.1\r\n").is_err());
        assert!(Hello::decode(b"BROPEER\0\0\0").is_err());
        assert!(Hello::decode(b"BROPEER\0\0\0\0\x01N").is_ok());
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_decode_without_panicking(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
            let _ = Message::decode(&bytes);
            let _ = Hello::decode(&bytes);
        }
    }

    #[test]
    fn messages_round_trip_and_garbage_is_an_error() {
        let m = Message::Event { topic: "t".into(), name: "e".into(), args: vec![Data::Count(1), Data::String(b"x".to_vec())] };
        assert_eq!(Message::decode(&m.encode()), Ok(m));
        assert!(Message::decode(&[0xff, 0xff, 0xff]).is_err());
    }
}
