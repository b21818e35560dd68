//! Signature files (`-s FILE`, `signature_files`) as far as this
//! interpreter, which matches no traffic, needs them: the files are read
//! and their signatures grouped as Bro's rule matcher groups them, so
//! that `get_matcher_stats` can count the regular-expression matchers
//! Bro would build (one per kind of pattern in each group of signatures
//! sharing header conditions, at most 50 patterns per matcher). The
//! per-state counters stay zero: no matcher ever runs here.

use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::scope::GLOBAL_MODULE;
use crate::eval::exec::{Machine, Res};
use crate::eval::value::{RecordVal, Value};
use crate::source::Span;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Mutex;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[b!("get_matcher_stats", "function(): MatcherStats", bi_get_matcher_stats)];

/// Files named with `-s` on the command line.
static COMMAND_LINE_FILES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Bro puts at most this many patterns into one matcher.
const GROUP_SIZE: usize = 50;

/// Conditions that select packets rather than match content.
const HEADER_CONDITIONS: &[&str] = &["ip-proto", "src-ip", "dst-ip", "src-port", "dst-port", "header", "ip-options"];

/// Conditions whose regular expression a matcher runs over content.
const PATTERN_CONDITIONS: &[&str] = &[
    "payload",
    "http-request",
    "http-request-header",
    "http-request-body",
    "http-reply-header",
    "http-reply-body",
    "ftp",
    "finger",
];

/// Adds signature files given on the command line (`-s FILE`).
pub fn add_files(files: &[String]) {
    if let Ok(mut l) = COMMAND_LINE_FILES.lock() {
        l.extend(files.iter().cloned());
    }
}

/// The file Bro reads for a signature file name: the name itself, or
/// with `.sig` added.
fn find(name: &str) -> Option<String> {
    [name.to_string(), format!("{name}.sig")].into_iter().find(|p| std::path::Path::new(p).is_file())
}

/// The number of matchers the signatures in `text` need.
fn count_matchers(text: &str, groups: &mut BTreeMap<Vec<String>, BTreeMap<String, usize>>) {
    let mut header: Vec<String> = Vec::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if !inside {
            if line.starts_with("signature") {
                inside = true;
                header.clear();
                patterns.clear();
            }
            continue;
        }
        if line == "}" {
            inside = false;
            header.sort();
            let g = groups.entry(header.clone()).or_default();
            for p in &patterns {
                *g.entry(p.clone()).or_default() += 1;
            }
            continue;
        }
        let word = line.split_whitespace().next().unwrap_or("");
        if HEADER_CONDITIONS.contains(&word) {
            header.push(line.split_whitespace().collect::<Vec<_>>().join(" "));
        } else if PATTERN_CONDITIONS.contains(&word) {
            patterns.push(word.to_string());
        }
    }
}

fn bi_get_matcher_stats(m: &mut Machine, p: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let mut names: Vec<String> = COMMAND_LINE_FILES.lock().map(|l| l.clone()).unwrap_or_default();
    if let Some(Value::Str(s)) = p.globals.lookup(GLOBAL_MODULE, "signature_files").and_then(|g| m.globals.get(g).cloned().flatten()) {
        names.extend(String::from_utf8_lossy(&s).split_whitespace().map(String::from));
    }
    let mut groups = BTreeMap::new();
    for n in &names {
        if let Some(text) = find(n).and_then(|f| std::fs::read_to_string(f).ok()) {
            count_matchers(&text, &mut groups);
        }
    }
    let matchers: usize = groups.values().flat_map(|g| g.values()).map(|n| n.div_ceil(GROUP_SIZE)).sum();
    let rt = super::util::named_record(p, "MatcherStats");
    let Some(ty) = rt else { return Ok(Value::Bool(false)) };
    let mut fields = vec![Some(Value::Count(matchers as u64))];
    fields.resize(ty.fields.borrow().len().max(1), Some(Value::Count(0)));
    Ok(Value::Record(Rc::new(RefCell::new(RecordVal { ty, fields }))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_group_by_header() {
        let text = "signature a {\n ip-proto == tcp\n payload /x/\n}\nsignature b {\n ip-proto == tcp\n payload /y/\n http-request /z/\n}\nsignature c {\n payload /q{2}/\n}\n";
        let mut g = BTreeMap::new();
        count_matchers(text, &mut g);
        let n: usize = g.values().flat_map(|g| g.values()).map(|n| n.div_ceil(GROUP_SIZE)).sum();
        assert_eq!(n, 3);
    }
}
