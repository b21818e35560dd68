//! Reading scripts the way Bro reads them: BROPATH search with `.bro`
//! completion, directories loaded through their `__load__.bro`, every
//! file loaded at most once (`@unload` pretends it was), and everything
//! handed on in reading order — the declarations of an `@load`ed file
//! where the directive stands, and the declarations before an `@if`
//! before its condition is decided, since Bro evaluates conditions
//! against the names known at that point.

use crate::diag::{Diagnostic, Severity};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::ast::{Decl, Stmt};
use crate::syntax::directives::{self, Condition, Directive};
use crate::syntax::{cache, parse};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use std::path::{Path, PathBuf};

/// Receives what the loader reads, in order.
pub trait Sink {
    /// Whether the branch after `cond` (found in `file`) is taken. Every
    /// declaration before the condition has been handed over already.
    /// `tail` is the text of the declaration the condition sits in, if it
    /// is inside one (a function body), for telling local names apart.
    fn decide(&mut self, cond: &Condition, file: FileId, tail: &str) -> bool;
    /// Takes one declaration, in source order.
    fn decl(&mut self, file: FileId, decl: &Decl);
    /// Takes one top-level statement, in source order.
    fn stmt(&mut self, file: FileId, stmt: Stmt);
    /// A file starts being read (before any of its declarations).
    fn enter_file(&mut self, _file: FileId) {}
    /// A file has been read to its end (after the files it loads).
    fn leave_file(&mut self, _file: FileId) {}
}

/// Folds literal `@if`s; every other condition takes its first branch.
/// What a reading without an interpreter can decide.
pub fn first_branch(cond: &Condition, file: FileId) -> bool {
    match cond {
        Condition::If { expr, .. } => parse::parse_expr(expr, file)
            .ok()
            .and_then(|(e, _)| crate::syntax::consteval::const_condition(&e))
            .unwrap_or(true),
        _ => true,
    }
}

/// A sink that only collects (used for parse-only reading).
#[derive(Default)]
pub struct Collect {
    /// The declarations read, with their files.
    pub decls: Vec<(FileId, Decl)>,
    /// The top-level statements read, with their files.
    pub stmts: Vec<(FileId, Stmt)>,
}

impl Sink for Collect {
    fn decide(&mut self, cond: &Condition, file: FileId, _tail: &str) -> bool {
        first_branch(cond, file)
    }
    fn decl(&mut self, file: FileId, decl: &Decl) {
        self.decls.push((file, decl.clone()));
    }
    fn stmt(&mut self, file: FileId, stmt: Stmt) {
        self.stmts.push((file, stmt));
    }
}

/// Finds and reads scripts, follows `@load`s, and hands declarations and statements to a [`Sink`] in order.
pub struct Loader<'a> {
    /// Every text read, registered for diagnostics.
    pub sources: Rc<RefCell<SourceMap>>,
    search_path: &'a [PathBuf],
    seen: &'a mut HashSet<PathBuf>,
    /// Errors such as `can't find x.bro`, and `@deprecated` warnings.
    pub diags: Vec<Diagnostic>,
    /// Where the file being read was loaded from, as Bro's `@deprecated`
    /// warning names it (`command line arguments`, `./foo.bro:2`).
    origin: String,
    /// Whether the next file read may use the parse cache: scripts reached
    /// by `@load` and the shipped library, not what the command line
    /// names (the text being edited between runs).
    cache_next: bool,
}

/// Splits a BROPATH-style list (`a:b:c`).
pub fn split_path(list: &str) -> Vec<PathBuf> {
    list.split(':').filter(|s| !s.is_empty()).map(PathBuf::from).collect()
}

/// The path Bro shows for a file found in `dir`: `./x.bro` for the current
/// directory, `dir/x.bro` otherwise.
fn join_display(dir: &Path, name: &str) -> PathBuf {
    if dir.as_os_str() == "." {
        PathBuf::from(format!("./{name}"))
    } else {
        dir.join(name)
    }
}

/// Looks `name` up in `dirs`: with `.bro` added, as given, or as a
/// directory holding `__load__.bro`.
pub fn find_file(name: &str, dirs: &[PathBuf]) -> Option<PathBuf> {
    let candidates = |base: PathBuf| -> Option<PathBuf> {
        if crate::library::relative(&base).is_some() {
            return crate::library::find(&base);
        }
        let with_ext = PathBuf::from(format!("{}.bro", base.display()));
        if with_ext.is_file() {
            return Some(with_ext);
        }
        if base.is_file() {
            return Some(base);
        }
        let package = base.join("__load__.bro");
        if base.is_dir() && package.is_file() {
            return Some(package);
        }
        None
    };
    if Path::new(name).is_absolute() {
        return candidates(PathBuf::from(name));
    }
    dirs.iter().find_map(|dir| candidates(join_display(dir, name)))
}

/// How far one file has been handed on while its conditions were read.
#[derive(Default)]
struct Progress {
    /// Every declaration and directive starting before this offset has
    /// been handed on.
    done_upto: usize,
    /// Directives applied so far.
    applied: usize,
}

enum Item<'d> {
    Decl(&'d Decl),
    Directive(&'d Directive),
}

impl<'a> Loader<'a> {
    /// A loader that searches `search_path` and skips files already in `seen`.
    pub fn new(sources: Rc<RefCell<SourceMap>>, search_path: &'a [PathBuf], seen: &'a mut HashSet<PathBuf>) -> Loader<'a> {
        Loader { sources, search_path, seen, diags: Vec::new(), origin: "command line arguments".into(), cache_next: false }
    }

    fn has_errors(&self) -> bool {
        self.diags.iter().any(|d| d.is_error())
    }

    /// Resolves a script named on the command line or in `@load`. Names
    /// starting with `.` are relative to the loading file's directory.
    pub fn resolve(&self, name: &str, from: Option<FileId>) -> Option<PathBuf> {
        match from {
            Some(file) if name.starts_with('.') => {
                let current = PathBuf::from(&self.sources.borrow().get(file).name);
                let dir = current.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
                let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
                find_file(name, &[dir])
            }
            _ => find_file(name, self.search_path),
        }
    }

    /// Loads a script by name (command line or `@load`); reports Bro's
    /// fatal `can't find` when it does not exist.
    pub fn load_named(&mut self, name: &str, from: Option<(FileId, Span)>, sink: &mut dyn Sink) {
        match self.resolve(name, from.map(|f| f.0)) {
            Some(path) => {
                let origin = match from {
                    Some((file, span)) => {
                        let sources = self.sources.borrow();
                        let f = sources.get(file);
                        format!("{}:{}", f.name, f.line_of(span.start as usize))
                    }
                    None => "command line arguments".into(),
                };
                let saved = std::mem::replace(&mut self.origin, origin);
                self.cache_next = from.is_some();
                self.load_path(&path, sink);
                self.origin = saved;
            }
            None => {
                let d = match from {
                    Some((_, span)) => Diagnostic { severity: Severity::Fatal, ..Diagnostic::error(format!("can't find {name}"), span) },
                    None => Diagnostic::fatal(format!("can't find {name}")),
                };
                self.diags.push(d);
            }
        }
    }

    /// Loads a file unless it was loaded (or unloaded) before.
    pub fn load_path(&mut self, path: &Path, sink: &mut dyn Sink) {
        let from_script = std::mem::take(&mut self.cache_next);
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.seen.insert(key) {
            return;
        }
        if let Some(text) = crate::library::relative(path).and_then(|rel| crate::library::text(&rel)) {
            let file = self.sources.borrow_mut().add(path.display().to_string(), text.to_string());
            self.cache_next = true;
            self.load_text(file, sink);
            return;
        }
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let file = self.sources.borrow_mut().add(path.display().to_string(), text);
                self.cache_next = from_script;
                self.load_text(file, sink);
            }
            Err(e) => self.diags.push(Diagnostic::fatal(format!("can't open {}: {e}", path.display()))),
        }
    }

    /// Reads an already registered text (a file, `-e` code, stdin).
    pub fn load_text(&mut self, file: FileId, sink: &mut dyn Sink) {
        sink.enter_file(file);
        self.read_text(file, sink);
        sink.leave_file(file);
    }

    fn read_text(&mut self, file: FileId, sink: &mut dyn Sink) {
        let cached = std::mem::take(&mut self.cache_next);
        let text = self.sources.borrow().get(file).text.clone();
        let mut progress = Progress::default();
        let pre = directives::preprocess(&text, &mut |cond, seen| {
            self.catch_up(file, seen.masked_prefix, seen.directives, cached, &mut progress, sink);
            let tail = seen.masked_prefix.get(progress.done_upto..).unwrap_or("");
            sink.decide(cond, file, tail)
        });
        for e in &pre.errors {
            self.diags.push(Diagnostic::error(e.message.clone(), Span::new(file, e.span.start, e.span.end)));
        }
        let parsed = if cached { cache::parse_script(&pre.masked, file) } else { parse::parse_script(&pre.masked, file) };
        let script = match parsed {
            Ok((script, warnings)) => {
                self.diags.extend(warnings);
                script
            }
            Err(errors) => {
                self.diags.extend(errors);
                return;
            }
        };
        let decls: Vec<&Decl> = script.decls.iter().filter(|d| d.span.start as usize >= progress.done_upto).collect();
        let rest = &pre.directives[progress.applied.min(pre.directives.len())..];
        let mut pending = rest.iter().peekable();
        for d in decls {
            while let Some(dir) = pending.next_if(|x| directive_start(x) < d.span.start as usize) {
                self.apply(dir, file, sink);
            }
            if self.has_errors() {
                return;
            }
            sink.decl(file, d);
        }
        for stmt in script.stmts {
            while let Some(dir) = pending.next_if(|x| directive_start(x) < stmt.span.start as usize) {
                self.apply(dir, file, sink);
            }
            sink.stmt(file, stmt);
        }
        for dir in pending {
            self.apply(dir, file, sink);
        }
    }

    /// Hands on the declarations and directives that are complete in the
    /// text read so far, before a condition is evaluated.
    fn catch_up(&mut self, file: FileId, prefix: &str, dirs: &[Directive], cached: bool, progress: &mut Progress, sink: &mut dyn Sink) {
        let start = progress.done_upto.min(prefix.len());
        let padded = format!("{}{}", " ".repeat(start), &prefix[start..]);
        let decls = if cached { cache::parse_decl_prefix(&padded, file) } else { parse::parse_decl_prefix(&padded, file) };
        let decl_refs: Vec<&Decl> = decls.iter().collect();
        let new_dirs: Vec<&Directive> = dirs.iter().skip(progress.applied).collect();
        for item in merge(&decl_refs, &new_dirs) {
            if self.has_errors() {
                break;
            }
            match item {
                Item::Decl(d) => {
                    sink.decl(file, d);
                    progress.done_upto = progress.done_upto.max(d.span.end as usize);
                }
                Item::Directive(d) => self.apply(d, file, sink),
            }
        }
        progress.applied = dirs.len();
    }

    fn apply(&mut self, d: &Directive, file: FileId, sink: &mut dyn Sink) {
        if self.has_errors() {
            return;
        }
        match d {
            Directive::Load { path, span } => {
                self.load_named(path, Some((file, Span::new(file, span.start, span.end))), sink)
            }
            Directive::Unload { path, span } => match self.resolve(path, Some(file)) {
                Some(p) => {
                    self.seen.insert(std::fs::canonicalize(&p).unwrap_or(p));
                }
                None => self.diags.push(Diagnostic::error(
                    format!("failed find file associated with @unload {path}"),
                    Span::new(file, span.start, span.end),
                )),
            },
            Directive::Deprecated { message, span } => {
                let note = message.as_ref().map(|m| format!("\"{m}\"")).unwrap_or_default();
                self.diags.push(Diagnostic::warning(
                    format!("deprecated script loaded from {} {note}", self.origin),
                    Span::new(file, span.start, span.end),
                ));
            }
            // Signatures, plugins and prefixes do not change what is read.
            Directive::LoadSigs { .. } | Directive::LoadPlugin { .. } | Directive::Prefixes { .. } => {}
        }
    }
}

/// Declarations and directives in source order.
fn merge<'d>(decls: &[&'d Decl], dirs: &[&'d Directive]) -> Vec<Item<'d>> {
    let mut items: Vec<(usize, Item<'d>)> = decls.iter().map(|d| (d.span.start as usize, Item::Decl(*d))).collect();
    items.extend(dirs.iter().map(|d| (directive_start(d), Item::Directive(*d))));
    items.sort_by_key(|(pos, _)| *pos);
    items.into_iter().map(|(_, i)| i).collect()
}

fn directive_start(d: &Directive) -> usize {
    match d {
        Directive::Load { span, .. }
        | Directive::LoadSigs { span, .. }
        | Directive::LoadPlugin { span, .. }
        | Directive::Unload { span, .. }
        | Directive::Prefixes { span, .. }
        | Directive::Deprecated { span, .. } => span.start,
    }
}
