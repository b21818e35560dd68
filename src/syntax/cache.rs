//! Parse trees kept on disk between runs, as CPython keeps `__pycache__`.
//!
//! Start-up parses the shipped scripts and every builtin signature; pest
//! spends far longer on that text than reading back its tree takes.
//! Entries live in a directory named by the parser's fingerprint (a hash
//! of its sources made at build time), each named by a hash of what was
//! parsed (a whole script or a declaration prefix) and holding the exact
//! text the parser saw next to its tree; an entry is used only when that
//! text is the text being parsed, so it can only ever stand for the tree
//! this very parser would build. Only clean parses are stored: a text with
//! errors or warnings is parsed afresh every time, so its diagnostics are
//! always the parser's own.
//!
//! Where: `$BRO_PARSE_CACHE` when set (empty or `off` turns the cache off),
//! else `$XDG_CACHE_HOME/bro-rs/parse`, else `~/.cache/bro-rs/parse`. An
//! unreadable, unwritable or damaged cache costs only the time to parse;
//! entries are written to a temporary name and renamed, so processes
//! running side by side never read half an entry.

use super::ast::{Decl, Script};
use super::parse;
use crate::diag::Diagnostic;
use crate::source::{with_reading_file, FileId};
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Texts shorter than this parse faster than an entry is found and read.
const MIN_CACHED_LEN: usize = 256;

/// Entries of other parser builds not written to for this long are removed
/// when this build first writes.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);

/// Parses a whole script like [`parse::parse_script`], reusing the stored
/// tree when this text was parsed cleanly before.
pub fn parse_script(text: &str, file: FileId) -> Result<(Script, Vec<Diagnostic>), Vec<Diagnostic>> {
    parse_script_in(build_dir(), text, file)
}

/// [`parse_script`] with the cache in `dir` (none: no cache).
pub fn parse_script_in(dir: Option<&Path>, text: &str, file: FileId) -> Result<(Script, Vec<Diagnostic>), Vec<Diagnostic>> {
    let Some(entry) = entry_for(dir, "script", text) else { return parse::parse_script(text, file) };
    if let Some(script) = entry.read::<Script>(file) {
        return Ok((script, Vec::new()));
    }
    let parsed = parse::parse_script(text, file);
    if let Ok((script, warnings)) = &parsed {
        if warnings.is_empty() {
            entry.write(script);
        }
    }
    parsed
}

/// The complete declarations at the start of `text`, like
/// [`parse::parse_decl_prefix`], reusing a stored result.
pub fn parse_decl_prefix(text: &str, file: FileId) -> Vec<Decl> {
    parse_decl_prefix_in(build_dir(), text, file)
}

/// [`parse_decl_prefix`] with the cache in `dir` (none: no cache).
pub fn parse_decl_prefix_in(dir: Option<&Path>, text: &str, file: FileId) -> Vec<Decl> {
    let Some(entry) = entry_for(dir, "decl-prefix", text) else { return parse::parse_decl_prefix(text, file) };
    if let Some(decls) = entry.read::<Vec<Decl>>(file) {
        return decls;
    }
    let decls = parse::parse_decl_prefix(text, file);
    entry.write(&decls);
    decls
}

/// One cache entry's place on disk.
struct Entry<'a> {
    dir: &'a Path,
    name: String,
    text: &'a str,
}

impl Entry<'_> {
    /// The stored value, when there is one for this very text that reads
    /// back whole.
    fn read<T: serde::de::DeserializeOwned>(&self, file: FileId) -> Option<T> {
        let bytes = std::fs::read(self.dir.join(&self.name)).ok()?;
        let (stored_text, tree) = postcard::take_from_bytes::<&str>(&bytes).ok()?;
        if stored_text != self.text {
            return None;
        }
        with_reading_file(file, || postcard::from_bytes(tree).ok())
    }

    /// Stores `value`; failing to is not an error, only a missed saving.
    fn write<T: serde::Serialize>(&self, value: &T) {
        let Ok(bytes) = postcard::to_allocvec(&(self.text, value)) else { return };
        if !self.dir.exists() {
            if std::fs::create_dir_all(self.dir).is_err() {
                return;
            }
            remove_stale_builds(self.dir);
        }
        static WRITES: AtomicUsize = AtomicUsize::new(0);
        let unique = WRITES.fetch_add(1, Ordering::Relaxed);
        let temp = self.dir.join(format!("{}.{}-{unique}.tmp", self.name, std::process::id()));
        if std::fs::write(&temp, bytes).is_ok() && std::fs::rename(&temp, self.dir.join(&self.name)).is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }
}

/// The entry for parsing `text` as `kind`, or `None` when the cache is off
/// or the text is too short to be worth it.
fn entry_for<'a>(dir: Option<&'a Path>, kind: &str, text: &'a str) -> Option<Entry<'a>> {
    if text.len() < MIN_CACHED_LEN {
        return None;
    }
    let dir = dir?;
    let hash = foldhash::fast::FixedState::with_seed(0x62726f).hash_one(text);
    Some(Entry { dir, name: format!("{kind}-{hash:016x}"), text })
}

/// This build's directory inside the cache, if there is a cache: entries
/// of other builds (whose parser may differ) are never seen.
pub fn build_dir() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| cache_root().map(|root| root.join(env!("BRO_PARSER_FINGERPRINT")))).as_deref()
}

/// The cache's root directory, from the environment.
fn cache_root() -> Option<PathBuf> {
    match std::env::var_os("BRO_PARSE_CACHE") {
        Some(v) if v.is_empty() || v == "off" => None,
        Some(v) => Some(PathBuf::from(v)),
        None => std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| Path::new(&h).join(".cache")))
            .map(|base| base.join("bro-rs").join("parse")),
    }
}

/// Removes the directories other parser builds left in the cache and have
/// not written to for a week.
fn remove_stale_builds(this_build: &Path) {
    let Some(root) = this_build.parent() else { return };
    let Ok(entries) = std::fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let unused_for = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
        if path != this_build && path.is_dir() && unused_for.is_some_and(|d| d > STALE_AFTER) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}
