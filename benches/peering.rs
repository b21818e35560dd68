//! Peering latency: the time from `Broker::peer()` to the
//! `Broker::peer_added` event on loopback, measured by a connector script
//! that peers, unpeers and peers again 100 times against a listener in a
//! second process. Prints the median and the spread. Run with
//! `cargo bench --bench peering`.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/peering");
    let bro = env!("CARGO_BIN_EXE_bro");
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port");
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(100);

    let mut listener = Command::new(bro)
        .args(["-b", "listener.bro", &format!("broker_port={port}/tcp")])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the listener starts");
    let mut ready = String::new();
    let mut out = BufReader::new(listener.stdout.take().expect("piped stdout"));
    out.read_line(&mut ready).expect("the listener reports");
    assert_eq!(ready.trim(), "listening, T", "the listener could not listen");

    let connector = Command::new(bro)
        .args(["-b", "connector.bro", &format!("broker_port={port}/tcp"), &format!("rounds={rounds}")])
        .current_dir(&dir)
        .output()
        .expect("the connector runs");
    let _ = listener.kill();
    let _ = listener.wait();

    let mut samples: Vec<f64> = String::from_utf8_lossy(&connector.stdout).lines().filter_map(|l| l.trim().parse().ok()).collect();
    assert_eq!(samples.len(), rounds, "one sample per round; stderr: {}", String::from_utf8_lossy(&connector.stderr));
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!("peer() -> peer_added over loopback, {rounds} peerings:");
    println!("  median {:.3} ms   min {:.3} ms   p90 {:.3} ms   max {:.3} ms", at(0.5), at(0.0), at(0.9), at(1.0));
}
