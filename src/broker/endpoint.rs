//! The endpoint: a handle on the interpreter's side, and on a thread of
//! its own a single-threaded tokio runtime that owns the listeners and
//! the peerings. Commands go in over a channel; answers that Bro gives
//! synchronously (`listen`, `peers`) come back over one-shot channels.

use crate::broker::peer::{self, Shared};
use crate::broker::{error_context, Data, ErrorCode, Notification, Notify, PeerInfo};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// What the interpreter asks of the core.
pub(crate) enum Command {
    Listen { addr: String, port: u16, reply: oneshot::Sender<Result<u16, String>> },
    Peer { addr: String, port: u16, retry: Duration },
    Unpeer { addr: String, port: u16 },
    Peers { reply: oneshot::Sender<Vec<PeerInfo>> },
    Subscribe(String),
    Unsubscribe(String),
    Publish { topic: String, name: String, args: Vec<Data> },
    Shutdown { reply: oneshot::Sender<()> },
}

/// The interpreter's handle on the peering core.
pub struct Endpoint {
    commands: mpsc::UnboundedSender<Command>,
    thread: Option<std::thread::JoinHandle<()>>,
    node: String,
    /// Set by a listen or a peer: Bro then stays in its main loop.
    active: bool,
}

impl Endpoint {
    /// Starts the core on its own thread; notifications go to `notify`.
    pub fn start(notify: Notify) -> std::io::Result<Endpoint> {
        let node = crate::broker::node_id();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let (commands, inbox) = mpsc::unbounded_channel();
        let shared = Arc::new(Mutex::new(peer::State::new(node.clone(), notify)));
        let thread = std::thread::Builder::new().name("broker".into()).spawn(move || runtime.block_on(serve(shared, inbox)))?;
        Ok(Endpoint { commands, thread: Some(thread), node, active: false })
    }

    /// This endpoint's id.
    pub fn node_id(&self) -> &str {
        &self.node
    }

    /// True once the endpoint listens or peers: it keeps the process running.
    pub fn keeps_alive(&self) -> bool {
        self.active
    }

    /// Listens on `addr` (all addresses when empty) and `port` (0: the
    /// system picks); returns the bound port or Bro's error text.
    pub fn listen(&mut self, addr: &str, port: u16) -> Result<u16, String> {
        let (reply, answer) = oneshot::channel();
        self.send(Command::Listen { addr: addr.to_string(), port, reply });
        let result = answer.blocking_recv().unwrap_or_else(|_| Err("peering core stopped".into()));
        if result.is_ok() {
            self.active = true;
        }
        result
    }

    /// Starts peering with `addr:port`, retrying every `retry` (once only
    /// when zero). Outcomes arrive as notifications.
    pub fn peer(&mut self, addr: &str, port: u16, retry: Duration) {
        self.active = true;
        self.send(Command::Peer { addr: addr.to_string(), port, retry });
    }

    /// Drops the peering known by this address and port.
    pub fn unpeer(&self, addr: &str, port: u16) {
        self.send(Command::Unpeer { addr: addr.to_string(), port });
    }

    /// The current peerings.
    pub fn peers(&self) -> Vec<PeerInfo> {
        let (reply, answer) = oneshot::channel();
        self.send(Command::Peers { reply });
        answer.blocking_recv().unwrap_or_default()
    }

    /// Receives events published on topics starting with `prefix`.
    pub fn subscribe(&self, prefix: &str) {
        self.send(Command::Subscribe(prefix.to_string()));
    }

    /// Stops receiving what `subscribe(prefix)` asked for.
    pub fn unsubscribe(&self, prefix: &str) {
        self.send(Command::Unsubscribe(prefix.to_string()));
    }

    /// Sends an event to every peer subscribed to a prefix of `topic`.
    pub fn publish(&self, topic: &str, name: &str, args: Vec<Data>) {
        self.send(Command::Publish { topic: topic.to_string(), name: name.to_string(), args });
    }

    /// Ends every peering (the other sides see them lost) and stops the core.
    pub fn shutdown(&mut self) {
        let (reply, answer) = oneshot::channel();
        self.send(Command::Shutdown { reply });
        let _ = answer.blocking_recv();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    fn send(&self, c: Command) {
        let _ = self.commands.send(c);
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        if self.thread.is_some() {
            self.shutdown();
        }
    }
}

/// The core's command loop.
async fn serve(shared: Arc<Mutex<peer::State>>, mut inbox: mpsc::UnboundedReceiver<Command>) {
    let mut listeners = Vec::new();
    while let Some(command) = inbox.recv().await {
        match command {
            Command::Listen { addr, port, reply } => {
                let result = match bind(&addr, port).await {
                    Ok(listener) => {
                        let bound = listener.local_addr().map(|a| a.port()).unwrap_or(port);
                        listeners.push(tokio::spawn(peer::accept_loop(shared.clone(), listener)));
                        Ok(bound)
                    }
                    Err(()) => Err(format!("Failed to listen on {}:{port}", if addr.is_empty() { "INADDR_ANY" } else { &addr })),
                };
                let _ = reply.send(result);
            }
            Command::Peer { addr, port, retry } => {
                if !Shared::has_connection_to(&shared, &addr, port) {
                    tokio::spawn(peer::connect_loop(shared.clone(), addr, port, retry));
                }
            }
            Command::Unpeer { addr, port } => {
                if !Shared::remove(&shared, &addr, port) {
                    let text = error_context(None, &addr, port, "no such peer when unpeering");
                    Shared::notify(&shared, Notification::Error(ErrorCode::PeerInvalid, text));
                }
            }
            Command::Peers { reply } => {
                let _ = reply.send(Shared::peers(&shared));
            }
            Command::Subscribe(prefix) => Shared::subscribe(&shared, prefix, true),
            Command::Unsubscribe(prefix) => Shared::subscribe(&shared, prefix, false),
            Command::Publish { topic, name, args } => Shared::publish(&shared, topic, name, args),
            Command::Shutdown { reply } => {
                for l in &listeners {
                    l.abort();
                }
                let closing = Shared::close_all(&shared);
                // Give every connection a moment to say goodbye.
                let _ = tokio::time::timeout(Duration::from_secs(1), async {
                    for done in closing {
                        let _ = done.await;
                    }
                })
                .await;
                let _ = reply.send(());
                return;
            }
        }
    }
}

/// Binds a listening socket as Bro does (address reuse on).
async fn bind(addr: &str, port: u16) -> Result<tokio::net::TcpListener, ()> {
    let ip = if addr.is_empty() {
        std::net::IpAddr::from([0, 0, 0, 0])
    } else if let Ok(ip) = addr.parse() {
        ip
    } else {
        let mut found = tokio::net::lookup_host((addr, port)).await.map_err(|_| ())?;
        found.next().ok_or(())?.ip()
    };
    let at = SocketAddr::new(ip, port);
    let socket = if at.is_ipv4() { tokio::net::TcpSocket::new_v4() } else { tokio::net::TcpSocket::new_v6() }.map_err(|_| ())?;
    socket.set_reuseaddr(true).map_err(|_| ())?;
    socket.bind(at).map_err(|_| ())?;
    socket.listen(1024).map_err(|_| ())
}
