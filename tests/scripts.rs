//! Golden tests: every `tests/scripts/**/NAME.bro` runs through the `bro`
//! binary and its output must equal `NAME.out` beside it. One named test
//! per file; `SNAPSHOTS=overwrite cargo test --test scripts` blesses.
//!
//! A script may start with header comments:
//!   `# @args: --syntax-check --diagnostics=pretty`  arguments before the file
//!                                                  (default: `-b`)
//!   `# @env: NAME=VALUE`                           an environment variable
//!                                                  (the header may repeat)
//! The script runs from its own directory and is passed by its bare name,
//! which Bro (and we) show as `./NAME.bro`.

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

/// stdout, then stderr and a non-zero exit status under markers.
fn run(path: &Path, src: &str) -> String {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let out = Command::new(env!("CARGO_BIN_EXE_bro"))
        .args(header_args(src))
        .arg(&name)
        .current_dir(dir)
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
