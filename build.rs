//! Embeds the Bro-script half of the runtime (`scripts/`) in the binary:
//! writes a table of every `.bro` file under `scripts/` with its text, so
//! `@load base/...` finds the shipped scripts without an install step.

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

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("scripts");
    println!("cargo:rerun-if-changed=scripts");
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
