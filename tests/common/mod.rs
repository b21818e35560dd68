//! Helpers shared by the integration tests: where the shared reference
//! material lives, and a clear skip when it is absent.

#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared` beside the repository, if present.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then_some(dir)
}

/// Returns `../shared` or prints a clear skip notice.
pub fn shared_or_skip(test: &str) -> Option<PathBuf> {
    let dir = shared_dir();
    if dir.is_none() {
        eprintln!("SKIPPED {test}: ../shared (Bro's corpus and conformance tests) is not present");
    }
    dir
}

/// Every `*.bro` file under `dir`, sorted.
pub fn bro_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "bro") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
