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
//! The script runs from its own directory (with `@files`, from a new
//! empty one holding only a copy of it) and is passed by its bare name,
//! which Bro (and we) show as `./NAME.bro`. The files a `@files` run
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

/// The files a run left in `dir` (but the script), each under a marker.
fn made_files(dir: &Path, script: &str) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|n| n != script);
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
    let dir = if files {
        let d = scratch_dir(&name);
        std::fs::copy(path, d.join(&name)).expect("script copies");
        d
    } else {
        path.parent().unwrap_or(Path::new(".")).to_path_buf()
    };
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
        text.push_str(&made_files(&dir, &name));
        let _ = std::fs::remove_dir_all(&dir);
    }
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
