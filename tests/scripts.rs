//! Golden tests: every `tests/scripts/**/NAME.bro` runs through the `bro`
//! binary and its output must equal `NAME.out` beside it. One named test
//! per file; `SNAPSHOTS=overwrite cargo test --test scripts` blesses.
//!
//! A script may start with header comments:
//!   `# @args: --syntax-check --diagnostics=pretty`  arguments before the file
//!                                                  (default: `-b`)
//!   `# @env: NAME=VALUE`                           an environment variable
//!                                                  (the header may repeat)
//!   `# @files`                                     run in a fresh directory and
//!                                                  show the files the run made
//! The script runs in a scratch copy of its directory (with `@files`, in
//! a new one holding only a copy of the script), so nothing it writes
//! lands in the source tree, and is passed by its bare name, which Bro
//! (and we) show as `./NAME.bro`. The files a `@files` run
//! leaves are appended to its output by name, gzip files uncompressed,
//! with the wall-clock times of `#open`/`#close` lines and of rotated
//! file names masked as `XXXX-XX-XX-XX-XX-XX`.

use std::path::Path;
use std::process::Command;

fn header_args(src: &str) -> Vec<String> {
    src.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix("# @args:"))
        .map(|a| a.split_whitespace().map(String::from).collect())
        .unwrap_or_else(|| vec!["-b".to_string()])
}

/// The `# @env: NAME=VALUE` headers.
fn header_env(src: &str) -> Vec<(String, String)> {
    src.lines()
        .take_while(|l| l.starts_with('#'))
        .filter_map(|l| l.strip_prefix("# @env:"))
        .filter_map(|kv| kv.trim().split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Whether the script asks for its output files (`# @files`).
fn header_files(src: &str) -> bool {
    src.lines().take_while(|l| l.starts_with('#')).any(|l| l.trim_end() == "# @files")
}

/// A new empty directory for one run.
fn scratch_dir(name: &str) -> std::path::PathBuf {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("bro-golden-{}-{n}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}

/// Wall-clock stamps (`2012-07-20-01-49-19`, `12-07-20_01.49.19`) masked.
fn mask_stamps(s: &str) -> String {
    let long = regex::Regex::new(r"\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d").expect("valid pattern");
    let short = regex::Regex::new(r"\d\d-\d\d-\d\d_\d\d\.\d\d\.\d\d").expect("valid pattern");
    let s = long.replace_all(s, "XXXX-XX-XX-XX-XX-XX");
    short.replace_all(&s, "XX-XX-XX_XX.XX.XX").into_owned()
}

/// The names of the files in a directory.
fn file_names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).filter(|e| e.path().is_file()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

/// A scratch copy of the files of the script's directory.
fn scratch_copy(from: &Path, name: &str) -> std::path::PathBuf {
    let dir = scratch_dir(name);
    for f in file_names(from) {
        std::fs::copy(from.join(&f), dir.join(&f)).expect("test files copy");
    }
    dir
}

/// The files a run made in `dir` (those not in `before`), each under a marker.
fn made_files(dir: &Path, before: &[String]) -> String {
    let mut names = file_names(dir);
    names.retain(|n| !before.contains(n));
    names.sort();
    let mut text = String::new();
    for name in names {
        let Ok(data) = std::fs::read(dir.join(&name)) else { continue };
        let data = if name.ends_with(".gz") {
            let mut plain = Vec::new();
            match std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&data[..]), &mut plain) {
                Ok(_) => plain,
                Err(e) => format!("(not gzip: {e})\n").into_bytes(),
            }
        } else {
            data
        };
        text.push_str(&format!("--- file {} ---\n", mask_stamps(&name)));
        let body = String::from_utf8_lossy(&data);
        let masked: Vec<String> = body
            .split_inclusive('\n')
            .map(|l| if l.contains("open") || l.contains("close") { mask_stamps(l) } else { l.to_string() })
            .collect();
        text.push_str(&masked.concat());
    }
    text
}

/// stdout, then stderr and a non-zero exit status under markers, then
/// (with `@files`) the files the run made.
fn run(path: &Path, src: &str) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let files = header_files(src);
    let home = path.parent().unwrap_or(Path::new("."));
    // Every run gets a copy of the script's directory, so that what it
    // writes (logs, files) never lands in the source tree.
    let dir = if files { scratch_dir(&name) } else { scratch_copy(home, &name) };
    if files {
        std::fs::copy(path, dir.join(&name)).expect("script copies");
    }
    let before = file_names(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_bro"))
        .args(header_args(src))
        .arg(&name)
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env_remove("BROPATH")
        .envs(header_env(src))
        .output()
        .expect("bro binary runs");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.stderr.is_empty() {
        text.push_str("--- stderr ---\n");
        text.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    match out.status.code() {
        Some(0) => {}
        Some(code) => text.push_str(&format!("--- exit {code} ---\n")),
        None => text.push_str("--- killed by a signal ---\n"),
    }
    if files {
        text = text.split_inclusive('\n').map(|l| if l.contains("open") || l.contains("close") { mask_stamps(l) } else { l.to_string() }).collect();
        text.push_str(&made_files(&dir, &before));
    }
    let _ = std::fs::remove_dir_all(&dir);
    text
}

fn golden(path: &datatest_stable::Utf8Path, src: String) -> datatest_stable::Result<()> {
    let actual = run(path.as_std_path(), &src);
    snapbox::Assert::new()
        .action_env("SNAPSHOTS")
        .normalize_paths(false)
        .eq(actual, snapbox::Data::read_from(path.with_extension("out").as_std_path(), None));
    Ok(())
}

datatest_stable::harness! {
    { test = golden, root = "tests/scripts", pattern = r"\.bro$" },
}
