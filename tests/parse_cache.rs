//! The on-disk parse cache (src/syntax/cache.rs) must be invisible: a tree
//! read back equals the tree the parser builds, with every span in the
//! file being read; damaged or mismatched entries are ignored; failed
//! parses are never stored; and `bro` prints the same with a cold cache, a
//! warm one and none.

mod common;

use bro::source::FileId;
use bro::syntax::cache::{parse_decl_prefix_in, parse_script_in};
use bro::syntax::{mask_for_syntax_check, parse};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh, empty directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bro-parse-cache-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    files.sort();
    files
}

/// A script long enough to be cached, with a declaration of every kind
/// the loader meets first and a function body.
fn sample(n: usize) -> String {
    let mut s = String::from("module Sample;\nexport {\n\ttype R: record { a: count; b: string &optional; };\n");
    for i in 0..n {
        s.push_str(&format!("\tglobal g{i}: table[string] of R = table() &redef;\n"));
    }
    s.push_str("}\nfunction f(x: count): count { if ( x > 1 ) return x * 2; return x + 1; }\n");
    s
}

#[test]
fn trees_read_back_equal_fresh_parses_of_the_whole_corpus() {
    let Some(shared) = common::shared_or_skip("trees_read_back_equal_fresh_parses_of_the_whole_corpus") else { return };
    let dir = scratch("corpus");
    let files = common::bro_files(&shared.join("corpus/bro-2.6.4-scripts"));
    assert!(files.len() > 300, "the corpus is there");
    let mut stored = 0;
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let (masked, _) = mask_for_syntax_check(&text, FileId(1));
        let fresh = parse::parse_script(&masked, FileId(2)).map(|(s, _)| s).map_err(|_| ());
        // The first call parses and stores (written under file 1), the
        // second reads back into file 2.
        let first = parse_script_in(Some(&dir), &masked, FileId(1)).map(|(s, _)| s).map_err(|_| ());
        assert_eq!(first.is_ok(), fresh.is_ok(), "{}", path.display());
        let second = parse_script_in(Some(&dir), &masked, FileId(2)).map(|(s, _)| s).map_err(|_| ());
        assert!(second == fresh, "{}: the tree read back differs from a fresh parse", path.display());
        if fresh.is_ok() && masked.len() >= 256 {
            stored += 1;
        }
    }
    assert_eq!(entries(&dir).len(), stored, "one entry per distinct clean text");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_entry_is_what_is_read() {
    // An entry holding another text's tree under this text is taken as it
    // stands: proof that a warm cache really skips the parser.
    let dir = scratch("read");
    let (a, b) = (sample(10), sample(11));
    parse_script_in(Some(&dir), &a, FileId(1)).unwrap();
    let [entry_a] = entries(&dir).try_into().unwrap();
    parse_script_in(Some(&dir), &b, FileId(1)).unwrap();
    let entry_b = entries(&dir).into_iter().find(|e| *e != entry_a).unwrap();
    // Put b's tree behind a's text.
    let bytes_b = std::fs::read(&entry_b).unwrap();
    let (_, tree_b) = postcard::take_from_bytes::<&str>(&bytes_b).unwrap();
    let mut forged = postcard::to_allocvec(&a.as_str()).unwrap();
    forged.extend_from_slice(tree_b);
    std::fs::write(&entry_a, forged).unwrap();
    let read = parse_script_in(Some(&dir), &a, FileId(1)).unwrap().0;
    assert_eq!(read, parse::parse_script(&b, FileId(1)).unwrap().0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn damaged_or_mismatched_entries_are_parsed_afresh_and_replaced() {
    let dir = scratch("damaged");
    let text = sample(10);
    let fresh = parse::parse_script(&text, FileId(3)).unwrap().0;
    parse_script_in(Some(&dir), &text, FileId(3)).unwrap();
    let [entry] = entries(&dir).try_into().unwrap();
    let whole = std::fs::read(&entry).unwrap();
    let other_text = postcard::to_allocvec(&sample(12).as_str()).unwrap();
    for damage in [whole[..whole.len() / 2].to_vec(), Vec::new(), vec![0xff; 64], other_text] {
        std::fs::write(&entry, &damage).unwrap();
        assert_eq!(parse_script_in(Some(&dir), &text, FileId(3)).unwrap().0, fresh);
        assert_eq!(std::fs::read(&entry).unwrap(), whole, "the entry is written again whole");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn failed_and_short_parses_are_not_stored() {
    let dir = scratch("failed");
    let broken = format!("{}\nglobal x: count = ;\n", sample(10));
    let errors = parse_script_in(Some(&dir), &broken, FileId(1)).unwrap_err();
    assert_eq!(errors, parse::parse_script(&broken, FileId(1)).unwrap_err());
    parse_script_in(Some(&dir), "global y = 1;", FileId(1)).unwrap();
    assert!(entries(&dir).is_empty(), "nothing stored: {:?}", entries(&dir));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn declaration_prefixes_read_back_equal() {
    let dir = scratch("prefix");
    let text = format!("{}\nglobal unfinished: count =", sample(10));
    let fresh = parse::parse_decl_prefix(&text, FileId(5));
    assert!(!fresh.is_empty());
    parse_decl_prefix_in(Some(&dir), &text, FileId(4));
    assert_eq!(entries(&dir).len(), 1);
    assert_eq!(parse_decl_prefix_in(Some(&dir), &text, FileId(5)), fresh);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `bro -b` in `cwd` with the cache set to `cache`.
fn run_bro(cwd: &Path, cache: &str, args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bro"))
        .args(args)
        .current_dir(cwd)
        .env("BRO_PARSE_CACHE", cache)
        .output()
        .expect("bro runs");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn bro_prints_the_same_with_a_cold_a_warm_and_no_cache() {
    let work = scratch("bro");
    let cache = work.join("cache");
    std::fs::write(work.join("helper.bro"), sample(10) + "\nprint \"helper\", Sample::f(21);\n").unwrap();
    std::fs::write(work.join("main.bro"), "@load ./helper\nprint Sample::g3;\nprint Sample::g3[\"missing\"];\n").unwrap();
    let cache_arg = cache.to_str().unwrap();
    let none = run_bro(&work, "off", &["-b", "main.bro"]);
    assert!(none.0.contains("helper, 42"), "{none:?}");
    assert!(none.1.contains("main.bro, line 3"), "the error is reported: {none:?}");
    assert!(!cache.exists(), "BRO_PARSE_CACHE=off writes nothing");
    let cold = run_bro(&work, cache_arg, &["-b", "main.bro"]);
    let build_dirs = entries(&cache);
    assert_eq!(build_dirs.len(), 1, "one directory for this build");
    let stored = entries(&build_dirs[0]);
    assert!(stored.len() > 10, "the shipped scripts and the helper are stored: {stored:?}");
    let warm = run_bro(&work, cache_arg, &["-b", "main.bro"]);
    assert_eq!(cold, none);
    assert_eq!(warm, none);
    // The script named on the command line is not stored: editing it
    // between runs leaves nothing behind.
    std::fs::write(work.join("main.bro"), format!("@load ./helper\n{}print 2;\n", "# padding\n".repeat(40))).unwrap();
    run_bro(&work, cache_arg, &["-b", "main.bro"]);
    assert_eq!(entries(&build_dirs[0]), stored);
    let _ = std::fs::remove_dir_all(&work);
}
