//! Keeps the golden tests covering the whole language: every keyword,
//! operator, attribute and kind of literal of Bro 2.6 must appear in at
//! least one script under `tests/scripts/` (read with the surface lexer,
//! so comments do not count). A construct that loses its last test fails
//! here, by name.

use bro::syntax::tokens::{tokens_with_patterns, Token};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn scripts(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("tests/scripts is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            scripts(&path, out);
        } else if path.extension().is_some_and(|e| e == "bro") {
            out.push(path);
        }
    }
}

/// Everything the golden scripts use: keyword and operator texts, the
/// attribute names and the names of literal kinds.
fn used() -> BTreeSet<String> {
    let mut files = Vec::new();
    scripts(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts"), &mut files);
    let mut seen = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (tok, range) in tokens_with_patterns(&text) {
            let word = &text[range];
            match tok {
                Token::Comment | Token::Error => {}
                Token::Attr => {
                    seen.insert(word.to_string());
                }
                t if t.is_keyword() => {
                    seen.insert(word.to_string());
                }
                t => {
                    seen.insert(t.describe().to_string());
                    seen.insert(word.to_string());
                }
            }
        }
    }
    seen
}

const KEYWORDS: &[&str] = &[
    "add", "addr", "any", "as", "bool", "break", "case", "const", "copy", "count", "default", "delete", "double", "else", "enum", "event", "export",
    "fallthrough", "file", "for", "function", "global", "hook", "if", "in", "int", "interval", "is", "local", "module", "next", "of", "opaque",
    "option", "pattern", "port", "print", "record", "redef", "return", "schedule", "set", "string", "subnet", "switch", "table", "time", "timeout",
    "type", "vector", "when", "while",
];

const OPERATORS: &[&str] = &[
    "!", "%", "*", "/", "+", "-", "<", "=", ">", "?", ":", "~", "$", "|", "&", "^", "--", "++", "+=", "-=", "==", "!=", ">=", "<=", "&&", "||", "?$",
    "`!in`",
];

const ATTRIBUTES: &[&str] = &[
    "&add_func", "&create_expire", "&default", "&delete_func", "&deprecated", "&raw_output", "&error_handler", "&expire_func", "&log", "&optional",
    "&priority", "&type_column", "&read_expire", "&redef", "&write_expire",
];

const LITERALS: &[&str] = &[
    "`T`", "`F`", "string", "count", "hex count", "double", "interval", "port", "address", "subnet", "IPv6 address", "IPv6 subnet", "hostname", "pattern",
];

#[test]
fn every_construct_has_a_golden_test() {
    let seen = used();
    let missing: Vec<&str> = KEYWORDS.iter().chain(OPERATORS).chain(ATTRIBUTES).chain(LITERALS).copied().filter(|k| !seen.contains(*k)).collect();
    assert!(missing.is_empty(), "no golden test under tests/scripts uses: {missing:?}");
}
