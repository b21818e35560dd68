//! No script makes `bro -b` panic: every file of Bro's script library and
//! every script of the conformance suite runs through the binary and must
//! end with output, a Bro-style error, or a clean exit — never a panic or
//! a crash signal. (Scripts that wait forever, e.g. for peers, are
//! stopped after a time limit; that is not a failure.)

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn run_one(path: &std::path::Path, worker: usize) -> Result<(), String> {
    // Each worker runs its scripts in a directory of its own.
    let dir = std::env::temp_dir().join(format!("bro-no-panic-{}-{worker}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_bro"))
        .arg("-b")
        .arg(path)
        .current_dir(&dir)
        .env_remove("BROPATH")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break Some(s);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    if err.contains("panicked") {
        return Err(format!("{}: panicked:\n{err}", path.display()));
    }
    match status {
        Some(s) if s.code().is_none() => Err(format!("{}: killed by a signal ({s:?})\n{err}", path.display())),
        // Any exit code is fine: scripts call exit(N), and errors exit 1
        // after printing Bro's message.
        _ => Ok(()),
    }
}

#[test]
fn every_shared_script_runs_without_panicking() {
    let Some(shared) = common::shared_or_skip("every_shared_script_runs_without_panicking") else { return };
    let mut files = common::bro_files(&shared.join("corpus/bro-2.6.4-scripts"));
    let dump = std::env::temp_dir().join(format!("bro-no-panic-dump-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dump);
    let dumped = Command::new("python3")
        .arg(shared.join("conformance/run"))
        .arg("--dump-scripts")
        .arg(&dump)
        .arg(shared.join("conformance/bro-2.6"))
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(dumped, "the conformance runner dumps its scripts");
    files.extend(common::bro_files(&dump));
    assert!(files.len() > 700, "both corpora are present ({} files)", files.len());
    // Scripts that wait (for peers, or for input files the dump does not
    // hold) sit idle until their time limit, so several run at once.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for worker in 0..4 {
            let (next, failures, files) = (&next, &failures, &files);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(f) = files.get(i) else { break };
                if let Err(e) = run_one(f, worker) {
                    failures.lock().unwrap_or_else(|p| p.into_inner()).push(e);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    let _ = std::fs::remove_dir_all(&dump);
    assert!(failures.is_empty(), "{} scripts failed:\n{}", failures.len(), failures.join("\n"));
}
