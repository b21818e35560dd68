//! Keeps the builtins complete and tested: every builtin of Bro 2.6.4
//! (`tests/builtins/bro-2.6.4-builtins.txt`) that needs no traffic is
//! implemented, the traffic ones are at least declared, and every builtin
//! `bro --builtins` lists is called by some golden script under
//! `tests/scripts/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builtins another line of work implements; until it lands they may be
/// missing here and need no golden test of ours.
const OWNED_ELSEWHERE: &[&str] = &[
    // probabilistic data structures
    "bloomfilter_basic_init",
    "bloomfilter_basic_init2",
    "bloomfilter_counting_init",
    "bloomfilter_add",
    "bloomfilter_lookup",
    "bloomfilter_clear",
    "bloomfilter_merge",
    "bloomfilter_internal_state",
    "hll_cardinality_init",
    "hll_cardinality_add",
    "hll_cardinality_merge_into",
    "hll_cardinality_estimate",
    "hll_cardinality_copy",
    "topk_init",
    "topk_add",
    "topk_get_top",
    "topk_count",
    "topk_epsilon",
    "topk_size",
    "topk_sum",
    "topk_merge",
    "topk_merge_prune",
    // entropy, alignment, file magic
    "find_entropy",
    "entropy_test_init",
    "entropy_test_add",
    "entropy_test_finish",
    "str_smith_waterman",
    "identify_data",
    // conversions and introspection
    "to_double",
    "type_name",
    "global_ids",
    "global_sizes",
    "val_size",
    "current_analyzer",
    "get_matcher_stats",
    // processes and files
    "system",
    "system_env",
    "piped_exec",
    "rotate_file",
    "rotate_file_by_name",
    "file_mode",
    // bro.bif's deprecated communication section (the old serializer)
    "enable_communication",
    "checkpoint_state",
    "rescan_state",
    "capture_events",
    "capture_state_updates",
    "connect",
    "disconnect",
    "request_remote_events",
    "request_remote_sync",
    "request_remote_logs",
    "set_accept_state",
    "set_compression_level",
    "listen",
    "send_state",
    "send_id",
    "terminate_communication",
    "complete_handshake",
    "send_ping",
    "send_current_packet",
    "get_event_peer",
    "get_local_event_peer",
    "send_capture_filter",
    "suspend_processing",
    "continue_processing",
    "suspend_state_updates",
    "resume_state_updates",
];

/// Builtins of ours not yet written: each is a known gap, listed so the
/// test states it instead of hiding it. Remove a name once it works.
const NOT_YET: &[&str] = &[
];

struct Listed {
    sig: String,
    packet: bool,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Bro 2.6.4 list: name -> signature and whether it needs traffic.
fn bro_list() -> BTreeMap<String, Listed> {
    let text = std::fs::read_to_string(root().join("tests/builtins/bro-2.6.4-builtins.txt")).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() == 2 || (f.len() == 3 && f[2] == "packet"), "malformed line: {line}");
        assert!(f[1].starts_with("function("), "no signature: {line}");
        let old = out.insert(f[0].to_string(), Listed { sig: f[1].to_string(), packet: f.len() == 3 });
        assert!(old.is_none(), "listed twice: {}", f[0]);
    }
    out
}

/// What `bro --builtins` lists: name -> declared only.
fn ours() -> BTreeMap<String, bool> {
    let out = Command::new(env!("CARGO_BIN_EXE_bro")).arg("--builtins").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut map = BTreeMap::new();
    for line in text.lines() {
        let (name, rest) = line.split_once(": ").expect("name: signature");
        map.insert(name.to_string(), rest.contains("[declared only: "));
    }
    map
}

#[test]
fn every_bro_builtin_without_traffic_is_implemented() {
    let ours = ours();
    let mut missing = Vec::new();
    let mut declared_only = Vec::new();
    let mut undeclared = Vec::new();
    for (name, l) in bro_list() {
        if OWNED_ELSEWHERE.contains(&name.as_str()) || NOT_YET.contains(&name.as_str()) {
            continue;
        }
        match ours.get(&name) {
            None if l.packet => undeclared.push(name),
            None => missing.push(format!("{name}: {}", l.sig)),
            Some(true) if !l.packet => declared_only.push(name),
            _ => {}
        }
    }
    assert!(missing.is_empty(), "Bro 2.6.4 builtins missing:\n{}", missing.join("\n"));
    assert!(declared_only.is_empty(), "only declared, though they need no traffic: {declared_only:?}");
    assert!(undeclared.is_empty(), "traffic builtins not even declared: {undeclared:?}");
}

#[test]
fn pending_lists_name_real_builtins() {
    let list = bro_list();
    for name in OWNED_ELSEWHERE.iter().chain(NOT_YET) {
        assert!(list.contains_key(*name), "{name} is not a Bro 2.6.4 builtin");
    }
}

fn scripts(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            scripts(&p, out);
        } else if p.extension().is_some_and(|x| x == "bro") {
            out.push(p);
        }
    }
}

/// The names called somewhere (`name(`) in the golden scripts.
fn called_names(text: &str, names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for name in names {
        let mut from = 0;
        while let Some(i) = text[from..].find(name.as_str()) {
            let at = from + i;
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].trim_start().chars().next();
            let starts_word = !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            if starts_word && after == Some('(') {
                found.insert(name.clone());
                break;
            }
            from = at + name.len();
        }
    }
    found
}

#[test]
fn every_builtin_has_a_golden_test() {
    let names: BTreeSet<String> = ours().into_keys().collect();
    let mut files = Vec::new();
    scripts(&root().join("tests/scripts"), &mut files);
    let mut called = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        called.extend(called_names(&text, &names));
    }
    // `M::__name` is called through its framework wrapper `M::name`.
    let wrappers: BTreeSet<String> = names.iter().filter_map(|n| n.split_once("::__").map(|(m, f)| format!("{m}::{f}"))).collect();
    let mut called_wrappers = BTreeSet::new();
    let mut files = Vec::new();
    scripts(&root().join("tests/scripts"), &mut files);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        called_wrappers.extend(called_names(&text, &wrappers));
    }
    for w in called_wrappers {
        let (m, f) = w.split_once("::").unwrap();
        called.insert(format!("{m}::__{f}"));
    }
    let untested: Vec<&String> =
        names.iter().filter(|n| !called.contains(*n) && !OWNED_ELSEWHERE.contains(&n.as_str())).collect();
    assert!(untested.is_empty(), "builtins no golden script calls: {untested:?}");
}
