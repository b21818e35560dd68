//! How long `bro --syntax-check` takes over Bro 2.6.4's whole script
//! library (339 files, ~44,000 lines) in one call. Run with
//! `cargo bench --bench syntax_check`; prints the median of 15 runs.
//! (Real Bro 2.6.4 needs 0.22 s for `bro -a` over its default base
//! scripts on this kind of machine.)

use std::path::PathBuf;
use std::time::{Duration, Instant};

fn corpus_files() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bro-2.6.4-scripts");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "bro") {
                out.push(p.display().to_string());
            }
        }
    }
    out.sort();
    out
}

fn main() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("SKIPPED: ../shared/corpus is not present");
        return;
    }
    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            let start = Instant::now();
            let results = bro::syntax::check_files(&files);
            let elapsed = start.elapsed();
            assert!(results.iter().all(|(_, d)| d.iter().all(|d| !d.is_error())), "the corpus parses");
            elapsed
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "syntax check of {} files: median {:.1} ms (min {:.1} ms, max {:.1} ms, {} threads)",
        files.len(),
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
}
