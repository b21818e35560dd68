//! The grammar against real Bro: every file of Bro 2.6.4's script library
//! and every script of Bro's own conformance tests must parse, except the
//! scripts whose baselines show Bro reporting a syntax error, which must
//! fail at the line Bro names.

mod common;

use bro::source::SourceMap;
use std::collections::HashMap;
use std::path::Path;

/// Syntax-checks one file; returns the line of its first error, if any.
fn first_error_line(path: &Path) -> Result<Option<usize>, String> {
    let text = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut sources = SourceMap::new();
    let id = sources.add(path.display().to_string(), String::from_utf8_lossy(&text).into_owned());
    let diags = bro::syntax::check_file(&sources, id);
    Ok(diags
        .iter()
        .find(|d| d.is_error())
        .map(|d| d.span.map(|s| sources.get(id).line_of(s.start as usize)).unwrap_or(0)))
}

#[test]
fn bro_script_library_parses() {
    let Some(shared) = common::shared_or_skip("bro_script_library_parses") else { return };
    let files = common::bro_files(&shared.join("corpus/bro-2.6.4-scripts"));
    assert_eq!(files.len(), 339, "the corpus should hold Bro 2.6.4's 339 scripts");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| match first_error_line(f) {
            Ok(None) => None,
            Ok(Some(line)) => Some(format!("{}: syntax error on line {line}", f.display())),
            Err(e) => Some(e),
        })
        .collect();
    assert!(failures.is_empty(), "{} corpus files fail:\n{}", failures.len(), failures.join("\n"));
}

/// Scripts Bro rejected with a syntax error, from the baselines:
/// file name -> line Bro reported.
fn expected_syntax_errors(conformance: &Path) -> HashMap<String, usize> {
    let mut expected = HashMap::new();
    let mut stack = vec![conformance.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let in_baseline = p.ancestors().any(|a| a.extension().is_some_and(|x| x == "baseline"));
            let Ok(text) = std::fs::read_to_string(&p) else { continue };
            if !in_baseline {
                continue;
            }
            for line in text.lines() {
                // error in /some/dir/NAME.bro, line N: syntax error, ...
                let Some(rest) = line.strip_prefix("error in ") else { continue };
                let Some((file, tail)) = rest.split_once(", line ") else { continue };
                let Some((n, msg)) = tail.split_once(": ") else { continue };
                if msg.starts_with("syntax error") {
                    let name = Path::new(file).file_name().map(|f| f.to_string_lossy().into_owned());
                    if let (Some(name), Ok(n)) = (name, n.parse()) {
                        expected.insert(name, n);
                    }
                }
            }
        }
    }
    expected
}

#[test]
fn conformance_scripts_parse_as_bro_did() {
    let Some(shared) = common::shared_or_skip("conformance_scripts_parse_as_bro_did") else { return };
    let conformance = shared.join("conformance");
    let dump = std::env::temp_dir().join(format!("bro-syntax-dump-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dump);
    let status = std::process::Command::new("python3")
        .arg(conformance.join("run"))
        .arg("--dump-scripts")
        .arg(&dump)
        .arg(conformance.join("bro-2.6"))
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs the conformance dumper");
    assert!(status.success(), "the conformance runner could not dump the scripts");
    let expected = expected_syntax_errors(&conformance.join("bro-2.6"));
    assert!(!expected.is_empty(), "some baselines show syntax errors");

    let files = common::bro_files(&dump);
    assert!(files.len() > 300, "expected the dump to hold the conformance scripts, got {}", files.len());
    let mut problems = Vec::new();
    let mut rejected = 0;
    for f in &files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match (first_error_line(f), expected.get(&name)) {
            (Ok(None), None) => {}
            (Ok(Some(line)), Some(&want)) if line == want => rejected += 1,
            (Ok(got), want) => problems.push(format!("{}: got error line {got:?}, Bro: {want:?}", f.display())),
            (Err(e), _) => problems.push(e),
        }
    }
    let _ = std::fs::remove_dir_all(&dump);
    assert!(problems.is_empty(), "{} scripts differ from Bro:\n{}", problems.len(), problems.join("\n"));
    assert_eq!(rejected, expected.len(), "every script Bro rejected is rejected here too");
}
