//! No input may make the front end panic: random bytes, random token
//! soup, and every corpus file cut short at many points all go through
//! the directive layer, the parser and the diagnostic renderers.

mod common;

use bro::diag::{render_plain, render_pretty};
use bro::source::SourceMap;
use proptest::prelude::*;

/// Runs the whole syntax check and both renderers over `text`.
fn check_text(text: &str) {
    let mut sources = SourceMap::new();
    let id = sources.add("./fuzz.bro", text.to_string());
    for d in bro::syntax::check_file(&sources, id) {
        let _ = render_plain(&d, &sources);
        let _ = render_pretty(&d, &sources, false);
    }
    let _ = bro::syntax::tokens::tokens_with_patterns(text);
}

const PIECES: &[&str] = &[
    "event", "bro_init", "(", ")", "{", "}", "[", "]", "print", "local", "x", "=", "==", ";", ",", ":",
    "\"str", "\"", "/pat/", "/", "|", "&", "&redef", "&default", "@if", "@else", "@endif", "@load",
    "1.2.3.4", "[::1]", "10.0.0.0/8", "80/tcp", "3 secs", "0x1f", "1e10", "T", "F", "$", "?$", "!in",
    "in", "for", "when", "timeout", "schedule", "hook", "function", "table", "set", "vector", "of",
    "record", "type", "redef", "enum", "+=", "-", "++", "!", "#", "\n", " ", "\t", "\\", "é", "\0",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_text(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_token_soup_never_panics(idx in proptest::collection::vec(0..PIECES.len(), 0..120)) {
        let text: String = idx.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
        check_text(&text);
    }
}

#[test]
fn deep_nesting_is_refused_cleanly() {
    for open in ["(", "[", "{", "!", "-", "|"] {
        let text = format!("print {};", open.repeat(100_000));
        check_text(&text);
    }
    check_text(&format!("global x = {}1;", "-".repeat(50_000)));
}

#[test]
fn truncated_corpus_files_never_panic() {
    let Some(shared) = common::shared_or_skip("truncated_corpus_files_never_panic") else { return };
    let files = common::bro_files(&shared.join("corpus/bro-2.6.4-scripts"));
    assert!(!files.is_empty());
    for (n, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        // Cut each file at a few points that move from file to file.
        for k in 1..=4 {
            let mut cut = (text.len() * k / 5 + n * 7) % (text.len() + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            check_text(&text[..cut]);
        }
    }
}
