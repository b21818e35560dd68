//! Multi-process peering tests: real `bro` processes on free loopback
//! ports, started, killed and faked by the test, each one's output
//! compared with its golden file in `tests/broker/` (node ids, the
//! listening port and ephemeral ports masked). `SNAPSHOTS=overwrite`
//! blesses. Every test picks its own ports, so they run in parallel.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// How long any single expected step may take before the test fails.
const STEP: Duration = Duration::from_secs(20);

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/broker")
}

/// A fresh directory holding copies of the test scripts, for one process
/// to run in (what it writes, such as broker.log, stays out of the tree).
fn run_dir() -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let run = std::env::temp_dir().join(format!("bro-peering-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&run);
    std::fs::create_dir_all(&run).expect("temp dir is writable");
    for entry in std::fs::read_dir(dir()).expect("tests/broker exists").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "bro") {
            std::fs::copy(&path, run.join(entry.file_name())).expect("scripts copy");
        }
    }
    run
}

/// A loopback port nothing listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

#[derive(Default)]
struct Output {
    lines: Vec<String>,
    closed: bool,
}

/// A running `bro` whose stdout is collected line by line.
struct Bro {
    child: Child,
    stdout: Arc<(Mutex<Output>, Condvar)>,
    stderr: Arc<Mutex<String>>,
    port: u16,
    /// The directory it runs in, removed with it.
    run: PathBuf,
}

impl Bro {
    fn start(script: &str, port: u16, knobs: &[&str]) -> Bro {
        let run = run_dir();
        let mut child = Command::new(env!("CARGO_BIN_EXE_bro"))
            .arg("-b")
            .arg(script)
            .arg(format!("broker_port={port}/tcp"))
            .args(knobs)
            .current_dir(&run)
            .env_remove("BRO_DEFAULT_CONNECT_RETRY")
            .env_remove("BRO_DEFAULT_LISTEN_RETRY")
            .env_remove("BRO_DEFAULT_LISTEN_ADDRESS")
            .env_remove("BROPATH")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("bro starts");
        let stdout = Arc::new((Mutex::new(Output::default()), Condvar::new()));
        let out = child.stdout.take().expect("piped stdout");
        let sink = stdout.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                let (lock, cv) = &*sink;
                lock.lock().unwrap().lines.push(line);
                cv.notify_all();
            }
            let (lock, cv) = &*sink;
            lock.lock().unwrap().closed = true;
            cv.notify_all();
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().expect("piped stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = err.read_to_string(&mut s);
            sink.lock().unwrap().push_str(&s);
        });
        Bro { child, stdout, stderr, port, run }
    }

    /// Waits until a line starting with `prefix` has been printed `n` times.
    fn wait_for(&self, prefix: &str, n: usize) {
        let (lock, cv) = &*self.stdout;
        let deadline = Instant::now() + STEP;
        let mut out = lock.lock().unwrap();
        loop {
            if out.lines.iter().filter(|l| l.starts_with(prefix)).count() >= n {
                return;
            }
            let now = Instant::now();
            if out.closed || now >= deadline {
                panic!("no {n}x `{prefix}` from bro; it printed:\n{}\nstderr:\n{}", out.lines.join("\n"), self.stderr.lock().unwrap());
            }
            out = cv.wait_timeout(out, deadline - now).unwrap().0;
        }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Waits for the process to end by itself; returns its masked output.
    fn finish(mut self) -> String {
        let deadline = Instant::now() + STEP;
        loop {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            if Instant::now() >= deadline {
                self.kill();
                panic!("bro did not end; it printed:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // Let the reader threads see the end of the pipes.
        let (lock, cv) = &*self.stdout;
        let mut out = lock.lock().unwrap();
        while !out.closed {
            out = cv.wait_timeout(out, Duration::from_millis(100)).unwrap().0;
        }
        drop(out);
        std::thread::sleep(Duration::from_millis(50));
        self.text()
    }

    fn text(&self) -> String {
        let mut text: String = self.stdout.0.lock().unwrap().lines.iter().map(|l| format!("{l}\n")).collect();
        let err = self.stderr.lock().unwrap();
        if !err.is_empty() {
            text.push_str("--- stderr ---\n");
            text.push_str(&err);
        }
        mask(&text, self.port)
    }
}

impl Drop for Bro {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill();
        }
        let _ = std::fs::remove_dir_all(&self.run);
    }
}

/// Replaces what differs from run to run: node ids, the test's port,
/// ephemeral ports and process ids.
fn mask(text: &str, port: u16) -> String {
    let node = regex::Regex::new(r"[0-9A-F]{40}#[0-9]+").unwrap();
    let text = node.replace_all(text, "<node>");
    let text = text.replace(&format!("{port}/tcp"), "<port>/tcp").replace(&format!(":{port},"), ":<port>,").replace(&format!(":{port}\n"), ":<port>\n");
    let ephemeral_port = regex::Regex::new(r"bound_port=[0-9]+/tcp").unwrap();
    let text = ephemeral_port.replace_all(&text, "bound_port=<ephemeral>/tcp");
    let ephemeral_addr = regex::Regex::new(r"\*127\.0\.0\.1:[0-9]+,").unwrap();
    ephemeral_addr.replace_all(&text, "*127.0.0.1:<ephemeral>,").into_owned()
}

fn golden(name: &str, actual: String) {
    snapbox::Assert::new()
        .action_env("SNAPSHOTS")
        .normalize_paths(false)
        .eq(actual, snapbox::Data::read_from(&dir().join(format!("{name}.out")), None));
}

#[test]
fn connector_started_before_the_listener() {
    let port = free_port();
    let connector = Bro::start("connector.bro", port, &[]);
    connector.wait_for("error", 1);
    let listener = Bro::start("listener.bro", port, &[]);
    golden("connector_first.connector", connector.finish());
    golden("connector_first.listener", listener.finish());
}

#[test]
fn listener_killed_then_replaced() {
    let port = free_port();
    let mut first = Bro::start("listener.bro", port, &["stop_after_lost=0"]);
    first.wait_for("listening", 1);
    let connector = Bro::start("connector.bro", port, &["stop_after_added=2"]);
    connector.wait_for("peer_added", 1);
    first.kill();
    connector.wait_for("peer_lost", 1);
    connector.wait_for("error", 1);
    let second = Bro::start("listener.bro", port, &[]);
    golden("listener_killed.connector", connector.finish());
    golden("listener_killed.listener", second.finish());
}

#[test]
fn unpeer_from_the_connector() {
    let port = free_port();
    let listener = Bro::start("listener.bro", port, &[]);
    listener.wait_for("listening", 1);
    let connector = Bro::start("connector.bro", port, &["unpeer_first=T", "stop_after_added=0"]);
    golden("unpeer_by_connector.connector", connector.finish());
    golden("unpeer_by_connector.listener", listener.finish());
}

#[test]
fn unpeer_from_the_listener() {
    let port = free_port();
    let listener = Bro::start("listener.bro", port, &["unpeer_first=T", "stop_after_added=2", "stop_after_lost=0"]);
    listener.wait_for("listening", 1);
    // The connector reconnects after the listener dropped it, and ends
    // when the listener does.
    let connector = Bro::start("connector.bro", port, &["stop_after_added=0", "stop_after_lost=2"]);
    golden("unpeer_by_listener.connector", connector.finish());
    golden("unpeer_by_listener.listener", listener.finish());
}

#[test]
fn listen_on_a_port_in_use() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().unwrap().port();
    let listener = Bro::start("listener.bro", port, &[]);
    golden("port_in_use.listener", listener.finish());
}

#[test]
fn twenty_connectors_to_one_listener() {
    let port = free_port();
    let listener = Bro::start("listener.bro", port, &["quiet=T", "stop_after_added=20", "stop_after_lost=0"]);
    listener.wait_for("listening", 1);
    let connectors: Vec<Bro> = (0..20).map(|_| Bro::start("connector.bro", port, &["stop_after_added=0", "stop_after_lost=1"])).collect();
    golden("twenty_connectors.listener", listener.finish());
    for c in connectors {
        golden("twenty_connectors.connector", c.finish());
    }
}

/// Sends one raw frame: a length prefix and the bytes.
fn send_frame(stream: &mut TcpStream, payload: &[u8]) {
    let mut frame = (payload.len() as u32).to_be_bytes().to_vec();
    frame.extend_from_slice(payload);
    stream.write_all(&frame).expect("write to the listener");
}

/// Reads one frame, or `None` at the end of the stream.
fn read_frame(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut len = [0u8; 4];
    stream.read_exact(&mut len).ok()?;
    let mut payload = vec![0u8; u32::from_be_bytes(len) as usize];
    stream.read_exact(&mut payload).ok()?;
    Some(payload)
}

fn hello(version: u32, node: &str) -> Vec<u8> {
    let mut h = b"BROPEER\0".to_vec();
    h.extend_from_slice(&version.to_be_bytes());
    h.extend_from_slice(node.as_bytes());
    h
}

#[test]
fn garbage_and_oversized_frames_leave_real_peers_alone() {
    let port = free_port();
    let listener = Bro::start("listener.bro", port, &["stop_after_errors=2", "stop_after_lost=0"]);
    listener.wait_for("listening", 1);
    let connector = Bro::start("connector.bro", port, &["stop_after_added=0", "stop_after_lost=1"]);
    connector.wait_for("peer_added", 1);
    listener.wait_for("peer_added", 1);

    let mut garbage = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    send_frame(&mut garbage, b"GET / HTTP/1.0\r\n\r\n");
    listener.wait_for("error", 1);
    // The listener hung up on it.
    assert_eq!(read_frame(&mut garbage), None);

    let mut oversized = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    oversized.write_all(&u32::MAX.to_be_bytes()).expect("write");
    listener.wait_for("error", 2);
    assert_eq!(read_frame(&mut oversized), None);

    golden("garbage.listener", listener.finish());
    golden("garbage.connector", connector.finish());
}

#[test]
fn a_listener_refuses_another_protocol_version() {
    let port = free_port();
    let listener = Bro::start("listener.bro", port, &["stop_after_errors=1", "stop_after_lost=0"]);
    listener.wait_for("listening", 1);
    let mut fake = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    send_frame(&mut fake, &hello(2, "FAKE#2"));
    // The listener answers with what it speaks, then hangs up.
    let reply = read_frame(&mut fake).expect("the listener's hello");
    assert_eq!(&reply[..8], b"BROPEER\0");
    assert_eq!(u32::from_be_bytes([reply[8], reply[9], reply[10], reply[11]]), 1);
    assert_eq!(read_frame(&mut fake), None);
    golden("other_version.listener", listener.finish());
}

#[test]
fn a_connector_refuses_another_protocol_version() {
    let fake = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = fake.local_addr().unwrap().port();
    let mut connector = Bro::start("connector.bro", port, &[]);
    let (mut stream, _) = fake.accept().expect("the connector connects");
    let theirs = read_frame(&mut stream).expect("the connector's hello");
    assert_eq!(u32::from_be_bytes([theirs[8], theirs[9], theirs[10], theirs[11]]), 1);
    send_frame(&mut stream, &hello(2, "FAKE#2"));
    connector.wait_for("error", 1);
    connector.kill();
    golden("other_version.connector", connector.text());
}

#[test]
fn a_stalled_handshake_times_out() {
    let port = free_port();
    let listener = Bro::start("listener.bro", port, &["stop_after_errors=1", "stop_after_lost=0"]);
    listener.wait_for("listening", 1);
    // Connect and say nothing: the listener gives up on the handshake.
    let mut silent = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    listener.wait_for("error", 1);
    assert_eq!(read_frame(&mut silent), None);
    golden("stalled_handshake.listener", listener.finish());
}

#[test]
fn peer_added_runs_before_an_event_sent_with_the_handshake() {
    use bro::broker::{data::Data, wire::Message};
    let port = free_port();
    let listener = Bro::start("first_event.bro", port, &[]);
    listener.wait_for("listening", 1);
    let mut fake = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    send_frame(&mut fake, &hello(1, "FAKE#1"));
    read_frame(&mut fake).expect("the listener's hello");
    // The acknowledgement and an event in one write: the listener learns
    // of the peering and of the event together.
    let mut both = Vec::new();
    for payload in [Message::Ack.encode(), Message::Event { topic: "test/first".into(), name: "first".into(), args: vec![Data::Count(1)] }.encode()] {
        both.extend_from_slice(&(payload.len() as u32).to_be_bytes());
        both.extend_from_slice(&payload);
    }
    fake.write_all(&both).expect("write to the listener");
    golden("first_event.listener", listener.finish());
}

#[test]
fn events_travel_both_ways() {
    let port = free_port();
    let pong = Bro::start("pong.bro", port, &[]);
    std::thread::sleep(Duration::from_millis(300));
    let ping = Bro::start("ping.bro", port, &[]);
    golden("ping.connector", ping.finish());
    golden("pong.listener", pong.finish());
}
