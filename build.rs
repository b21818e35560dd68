//! Embeds the Bro-script half of the runtime (`scripts/`) in the binary:
//! writes a table of every `.bro` file under `scripts/` with its text, so
//! `@load base/...` finds the shipped scripts without an install step.
//! Also fingerprints the parser's sources, so that parse trees cached on
//! disk by one build are never read by a build that parses differently.

use std::fmt::Write as _;
use std::path::Path;

fn collect(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "bro") {
            if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
}

/// FNV-1a over `bytes`, continuing from `hash`.
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A hash of everything that decides what the parser produces: the
/// grammar, the syntax modules, spans, and the locked crate versions.
fn parser_fingerprint(manifest: &Path) -> String {
    let mut inputs = vec![manifest.join("grammar/bro.pest"), manifest.join("src/source.rs"), manifest.join("Cargo.lock")];
    if let Ok(entries) = std::fs::read_dir(manifest.join("src/syntax")) {
        let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        inputs.extend(files);
    }
    println!("cargo:rerun-if-changed=src/syntax");
    let (mut a, mut b) = (0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142_u64);
    for path in &inputs {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read(path).unwrap_or_default();
        let name = path.strip_prefix(manifest).unwrap_or(path).to_string_lossy().into_owned();
        a = fnv1a(fnv1a(a, name.as_bytes()), &text);
        b = fnv1a(fnv1a(b, &text), name.as_bytes());
    }
    format!("{a:016x}{b:016x}")
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("scripts");
    println!("cargo:rerun-if-changed=scripts");
    println!("cargo:rustc-env=BRO_PARSER_FINGERPRINT={}", parser_fingerprint(Path::new(&manifest)));
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    let mut table = String::from("&[\n");
    for rel in files {
        let full = root.join(&rel);
        let _ = writeln!(table, "    ({rel:?}, include_str!({:?})),", full.to_string_lossy());
    }
    table.push_str("]\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_scripts.rs");
    std::fs::write(out, table).expect("OUT_DIR is writable");
}
