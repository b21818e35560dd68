//! Bro 2.6.4's own answers to broken scripts (`../shared/reference/
//! errors.tsv`: script, stderr, exit status, stdout, measured by running
//! the real Bro) against ours. Every row must match exactly, except the
//! few listed below with their reason; a listed row that starts to match
//! fails the test too, so the list only shrinks.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Rows whose difference is known, with why. `Kind::Installed` rows name
/// a file of Bro's installation first; they are compared with that place
/// left out (we have no such file). `Kind::Crash` rows crash the real Bro,
/// which we do not copy: there we only require a clean exit.
const KNOWN: &[(usize, Kind, &str)] = &[
    (1, Kind::Gap, "Bro's scanner resumes after an unrecognized character and reports the parse errors that follow; ours stops"),
    (13, Kind::Installed, "Bro names strings.bif.bro of its installation, where to_lower is declared"),
    (33, Kind::Installed, "Bro names event.bif.bro of its installation, where bro_init is declared"),
    (49, Kind::Crash, "Bro 2.6.4 dies of a segmentation fault on a negative vector index; we report it"),
    (50, Kind::Crash, "Bro 2.6.4 aborts with an internal error on a too-wide IPv4 prefix; we report it"),
];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Gap,
    Installed,
    Crash,
}

fn table() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/errors.tsv");
    p.exists().then_some(p)
}

fn unescape(s: &str) -> String {
    s.replace("\\n", "\n").replace("\\t", "\t")
}

/// Drops a leading `<installed file>, line N and ` place from each line.
fn without_installed_place(text: &str) -> String {
    text.lines()
        .map(|l| match (l.find(" in "), l.find(" and ")) {
            (Some(i), Some(j)) if j > i && (l[i..j].contains("/share/bro/") || l[i..j].contains("<bro>/")) => {
                format!("{}{}", &l[..i + 4], &l[j + 5..])
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

struct Outcome {
    stderr: String,
    status: String,
    stdout: String,
}

fn run(dir: &Path, script: &str) -> Outcome {
    std::fs::write(dir.join("x.bro"), format!("{script}\n")).expect("temp dir is writable");
    let out = Command::new(env!("CARGO_BIN_EXE_bro"))
        .args(["-b", "x.bro"])
        .current_dir(dir)
        .env("TZ", "UTC")
        .env("LC_ALL", "C")
        .env("BRO_DNS_FAKE", "1")
        .env("NO_COLOR", "1")
        .env_remove("BROPATH")
        .output()
        .expect("bro runs");
    Outcome {
        stderr: String::from_utf8_lossy(&out.stderr).trim_end_matches('\n').to_string(),
        status: out.status.code().map_or("signal".to_string(), |c| c.to_string()),
        stdout: String::from_utf8_lossy(&out.stdout).trim_end_matches('\n').to_string(),
    }
}

#[test]
fn broken_scripts_fail_as_bro_fails() {
    let Some(path) = table() else {
        println!("SKIPPED: ../shared/reference/errors.tsv is not there");
        return;
    };
    let text = std::fs::read_to_string(path).expect("errors.tsv is readable");
    let dir = std::env::temp_dir().join(format!("bro-reference-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut problems = Vec::new();
    for (row, line) in text.lines().skip(1).enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        let [script, stderr, status, stdout] = [0, 1, 2, 3].map(|i| unescape(cols.get(i).copied().unwrap_or("")));
        let got = run(&dir, &script);
        let same = got.stderr == stderr && got.status == status && got.stdout == stdout;
        match KNOWN.iter().find(|(r, _, _)| *r == row) {
            None if !same => problems.push(format!(
                "row {row} {script:?}\n  Bro: {stderr:?} (exit {status}) {stdout:?}\n  we:  {:?} (exit {}) {:?}",
                got.stderr, got.status, got.stdout
            )),
            None => {}
            Some((_, Kind::Gap, why)) if same => problems.push(format!("row {row} now matches; take it off the list ({why})")),
            Some((_, Kind::Gap, _)) => {}
            Some((_, Kind::Installed, why)) => {
                if without_installed_place(&got.stderr) != without_installed_place(&stderr) || got.status != status {
                    problems.push(format!("row {row} ({why}): Bro {stderr:?}, we {:?}", got.stderr));
                }
            }
            Some((_, Kind::Crash, why)) => {
                if got.status == "signal" || !got.stderr.contains("error") {
                    problems.push(format!("row {row} ({why}): we gave {:?} (exit {})", got.stderr, got.status));
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(problems.is_empty(), "{} rows differ from Bro:\n{}", problems.len(), problems.join("\n"));
}
