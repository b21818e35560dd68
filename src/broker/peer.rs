//! One peering at a time: the handshake (hello, hello, ack), the frame
//! loop of an established peering, loss and removal, and the connector's
//! retry loop. Bad input — garbage, an oversized frame, another protocol
//! version, a stalled handshake — ends that one connection with an error
//! notification; the listener goes on serving everyone else.

use crate::broker::wire::{self, Hello, Message};
use crate::broker::{error_context, Data, EndpointInfo, ErrorCode, Notification, Notify, PeerInfo, PeerStatus};
use futures_util::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tokio_util::codec::Framed;

/// How long a handshake may take before the connection is dropped.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);

/// How many messages may wait for one peer; a peer that falls this far
/// behind is dropped rather than let memory grow without bound.
const OUTGOING_LIMIT: usize = 65_536;

/// How long one connection attempt may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// What the core tells one connection.
enum Outgoing {
    Send(Message),
    /// Say goodbye and close.
    Close,
}

/// One known connection.
struct Conn {
    info: EndpointInfo,
    status: PeerStatus,
    /// Whether this side made the connection (only connectors reconnect).
    connector: bool,
    outgoing: mpsc::Sender<Outgoing>,
    /// Resolved when the connection's task has finished.
    done: Option<oneshot::Receiver<()>>,
}

/// Everything the core's tasks share.
pub(crate) struct State {
    node: String,
    notify: Notify,
    subscriptions: Vec<String>,
    conns: HashMap<u64, Conn>,
    next_id: u64,
    shutting_down: bool,
}

impl State {
    pub(crate) fn new(node: String, notify: Notify) -> State {
        State { node, notify, subscriptions: Vec::new(), conns: HashMap::new(), next_id: 0, shutting_down: false }
    }
}

type SharedState = Arc<Mutex<State>>;

fn lock(s: &SharedState) -> std::sync::MutexGuard<'_, State> {
    s.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Operations on the shared state, each under the lock for a moment.
pub(crate) struct Shared;

impl Shared {
    pub(crate) fn notify(s: &SharedState, n: Notification) {
        let notify = lock(s).notify.clone();
        notify(n);
    }

    /// Whether a connection made by `peer(addr, port)` exists already.
    pub(crate) fn has_connection_to(s: &SharedState, addr: &str, port: u16) -> bool {
        lock(s).conns.values().any(|c| c.connector && c.info.address == addr && c.info.port == port)
    }

    /// Drops the peering known by this address and port: `peer_removed`
    /// here, the other side sees it lost. False when there is none.
    pub(crate) fn remove(s: &SharedState, addr: &str, port: u16) -> bool {
        let (info, notify) = {
            let mut state = lock(s);
            let Some(id) = state.conns.iter().find(|(_, c)| c.info.address == addr && c.info.port == port && c.status == PeerStatus::Peered).map(|(id, _)| *id) else {
                return false;
            };
            let Some(conn) = state.conns.remove(&id) else { return false };
            let _ = conn.outgoing.try_send(Outgoing::Close);
            (conn.info, state.notify.clone())
        };
        notify(Notification::PeerRemoved(info, "removed peering".into()));
        true
    }

    pub(crate) fn peers(s: &SharedState) -> Vec<PeerInfo> {
        let state = lock(s);
        let mut ids: Vec<_> = state.conns.keys().copied().collect();
        ids.sort_unstable();
        ids.iter().filter_map(|id| state.conns.get(id)).map(|c| PeerInfo { peer: c.info.clone(), status: c.status }).collect()
    }

    /// Subscriptions filter on the receiving side: an event reaches the
    /// handlers of a peer that subscribed to a prefix of its topic, from
    /// the moment of the peering on.
    pub(crate) fn subscribe(s: &SharedState, prefix: String, on: bool) {
        let mut state = lock(s);
        if on {
            if !state.subscriptions.contains(&prefix) {
                state.subscriptions.push(prefix);
            }
        } else {
            state.subscriptions.retain(|p| *p != prefix);
        }
    }

    pub(crate) fn publish(s: &SharedState, topic: String, name: String, args: Vec<Data>) {
        let mut state = lock(s);
        let mut too_slow = Vec::new();
        for (id, c) in &state.conns {
            if c.status == PeerStatus::Peered {
                let m = Message::Event { topic: topic.clone(), name: name.clone(), args: args.clone() };
                if let Err(mpsc::error::TrySendError::Full(_)) = c.outgoing.try_send(Outgoing::Send(m)) {
                    too_slow.push(*id);
                }
            }
        }
        // Dropping a connection's sender ends its task quietly; the
        // notifications are given here.
        let dropped: Vec<Conn> = too_slow.iter().filter_map(|id| state.conns.remove(id)).collect();
        let notify = state.notify.clone();
        drop(state);
        for c in dropped {
            let text = error_context(Some(&c.info.id), &c.info.address, c.info.port, &format!("peer too slow: {OUTGOING_LIMIT} messages waiting"));
            notify(Notification::Error(ErrorCode::PeerTimeout, text));
            notify(Notification::PeerLost(c.info, "lost remote peer".into()));
        }
    }

    /// Closes every connection without local notifications; returns what
    /// to wait on for them to finish.
    pub(crate) fn close_all(s: &SharedState) -> Vec<oneshot::Receiver<()>> {
        let mut state = lock(s);
        state.shutting_down = true;
        let conns: Vec<Conn> = state.conns.drain().map(|(_, c)| c).collect();
        conns
            .into_iter()
            .filter_map(|mut c| {
                let _ = c.outgoing.try_send(Outgoing::Close);
                c.done.take()
            })
            .collect()
    }
}

/// Accepts connections for as long as the endpoint runs.
pub(crate) async fn accept_loop(shared: SharedState, listener: TcpListener) {
    loop {
        let Ok((stream, from)) = listener.accept().await else {
            // Out of descriptors or the like: wait a little, do not spin.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(session(shared.clone(), stream, Role::Listener { from }));
    }
}

/// `peer()`: connects, runs the peering, and after a failure or a loss
/// tries again every `retry` (once only when zero) until the peering is
/// removed or the endpoint stops.
pub(crate) async fn connect_loop(shared: SharedState, addr: String, port: u16, retry: Duration) {
    loop {
        if lock(&shared).shutting_down {
            return;
        }
        let attempt = tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect((addr.as_str(), port))).await;
        match attempt {
            Ok(Ok(stream)) => {
                let _ = stream.set_nodelay(true);
                if session(shared.clone(), stream, Role::Connector { addr: addr.clone(), port }).await == End::Removed {
                    return;
                }
            }
            _ => {
                let text = error_context(None, &addr, port, "remote endpoint unavailable");
                Shared::notify(&shared, Notification::Error(ErrorCode::PeerUnavailable, text));
            }
        }
        if retry.is_zero() {
            return;
        }
        tokio::time::sleep(retry).await;
    }
}

#[derive(Clone)]
enum Role {
    Connector { addr: String, port: u16 },
    Listener { from: SocketAddr },
}

#[derive(Debug, PartialEq, Eq)]
enum End {
    /// This side removed the peering (or the endpoint stopped).
    Removed,
    /// The connection failed or was lost.
    Lost,
}

type Frames = Framed<TcpStream, tokio_util::codec::LengthDelimitedCodec>;

/// Reads the next frame within the handshake time limit.
async fn next_frame(frames: &mut Frames) -> Result<bytes::BytesMut, (ErrorCode, String)> {
    match tokio::time::timeout(HANDSHAKE_TIMEOUT, frames.next()).await {
        Err(_) => Err((ErrorCode::PeerTimeout, "handshake timed out".into())),
        Ok(None) => Err((ErrorCode::PeerUnavailable, "remote endpoint unavailable".into())),
        Ok(Some(Err(e))) if e.kind() == std::io::ErrorKind::InvalidData => Err((ErrorCode::InvalidData, format!("invalid frame: {e}"))),
        Ok(Some(Err(_))) => Err((ErrorCode::PeerUnavailable, "remote endpoint unavailable".into())),
        Ok(Some(Ok(frame))) => Ok(frame),
    }
}

/// One connection from handshake to end.
async fn session(shared: SharedState, stream: TcpStream, role: Role) -> End {
    let (address, port) = match &role {
        Role::Connector { addr, port } => (addr.clone(), *port),
        Role::Listener { from } => (from.ip().to_string(), from.port()),
    };
    let mut frames = Framed::new(stream, wire::codec());
    let node = lock(&shared).node.clone();
    let hello = Hello { version: wire::VERSION, node: node.clone() };
    let fail = |shared: &SharedState, remote: Option<&str>, (code, text): (ErrorCode, String)| {
        Shared::notify(shared, Notification::Error(code, error_context(remote, &address, port, &text)));
        End::Lost
    };
    let connector = matches!(role, Role::Connector { .. });
    if connector && frames.send(hello.encode()).await.is_err() {
        return fail(&shared, None, (ErrorCode::PeerUnavailable, "remote endpoint unavailable".into()));
    }
    let theirs = match next_frame(&mut frames).await.and_then(|f| Hello::decode(&f).map_err(|e| (ErrorCode::InvalidData, format!("invalid handshake: {e}")))) {
        Ok(h) => h,
        Err(e) => return fail(&shared, None, e),
    };
    if theirs.version != wire::VERSION {
        if !connector {
            // Tell the connector what we speak before hanging up.
            let _ = frames.send(hello.encode()).await;
        }
        let text = format!("incompatible peer: protocol version {}, this endpoint speaks {}", theirs.version, wire::VERSION);
        return fail(&shared, Some(&theirs.node), (ErrorCode::PeerIncompatible, text));
    }
    let info = EndpointInfo { id: theirs.node.clone(), address: address.clone(), port };
    let (outgoing, mut inbox) = mpsc::channel(OUTGOING_LIMIT);
    let (finished, done) = oneshot::channel();
    let id = {
        let mut state = lock(&shared);
        if state.shutting_down {
            return End::Removed;
        }
        state.next_id += 1;
        let id = state.next_id;
        // The listener counts a peer as peered from its hello on; the
        // connector only once the handshake is done.
        let status = if connector { PeerStatus::Connecting } else { PeerStatus::Peered };
        state.conns.insert(id, Conn { info: info.clone(), status, connector, outgoing, done: Some(done) });
        id
    };
    let handshake = async {
        if connector {
            frames.send(Message::Ack.encode()).await.map_err(|_| (ErrorCode::PeerUnavailable, "remote endpoint unavailable".to_string()))?;
            Ok("received handshake from remote core")
        } else {
            frames.send(hello.encode()).await.map_err(|_| (ErrorCode::PeerUnavailable, "remote endpoint unavailable".to_string()))?;
            let frame = next_frame(&mut frames).await?;
            match Message::decode(&frame) {
                Ok(Message::Ack) => Ok("handshake successful"),
                _ => Err((ErrorCode::InvalidData, "invalid handshake: expected an acknowledgement".to_string())),
            }
        }
    };
    let msg = match handshake.await {
        Ok(msg) => msg,
        Err(e) => {
            lock(&shared).conns.remove(&id);
            let _ = finished.send(());
            return fail(&shared, Some(&theirs.node), e);
        }
    };
    // Announce the peering before anything the peer sends is handled.
    {
        let mut state = lock(&shared);
        match state.conns.get_mut(&id) {
            Some(c) => c.status = PeerStatus::Peered,
            None => {
                let _ = finished.send(());
                return End::Removed;
            }
        }
        let notify = state.notify.clone();
        notify(Notification::PeerAdded(info.clone(), msg.to_string()));
    }
    let end = established(&shared, &info, &mut frames, &mut inbox).await;
    let _ = finished.send(());
    if end == End::Lost {
        let still_known = lock(&shared).conns.remove(&id).is_some();
        if still_known {
            Shared::notify(&shared, Notification::PeerLost(info, "lost remote peer".into()));
        }
        return if still_known { End::Lost } else { End::Removed };
    }
    End::Removed
}

/// The frame loop of a peering.
async fn established(shared: &SharedState, info: &EndpointInfo, frames: &mut Frames, inbox: &mut mpsc::Receiver<Outgoing>) -> End {
    loop {
        tokio::select! {
            frame = frames.next() => {
                let frame = match frame {
                    None => return End::Lost,
                    // A reset or other transport failure is a plain loss;
                    // only a malformed frame (too large) is the peer's fault.
                    Some(Err(e)) if e.kind() != std::io::ErrorKind::InvalidData => return End::Lost,
                    Some(Err(e)) => {
                        let text = error_context(Some(&info.id), &info.address, info.port, &format!("invalid frame: {e}"));
                        Shared::notify(shared, Notification::Error(ErrorCode::InvalidData, text));
                        return End::Lost;
                    }
                    Some(Ok(f)) => f,
                };
                match Message::decode(&frame) {
                    Ok(Message::Event { topic, name, args }) => {
                        let state = lock(shared);
                        if state.subscriptions.iter().any(|p| topic.starts_with(p.as_str())) {
                            let notify = state.notify.clone();
                            drop(state);
                            notify(Notification::Event { topic, name, args });
                        }
                    }
                    Ok(Message::Bye) => return End::Lost,
                    Ok(Message::Ack) => {}
                    Err(e) => {
                        let text = error_context(Some(&info.id), &info.address, info.port, &e);
                        Shared::notify(shared, Notification::Error(ErrorCode::InvalidData, text));
                        return End::Lost;
                    }
                }
            }
            out = inbox.recv() => match out {
                Some(Outgoing::Send(m)) => {
                    if frames.send(m.encode()).await.is_err() {
                        return End::Lost;
                    }
                }
                Some(Outgoing::Close) | None => {
                    let _ = frames.send(Message::Bye.encode()).await;
                    let _ = SinkExt::<bytes::Bytes>::close(frames).await;
                    return End::Removed;
                }
            }
        }
    }
}
