//! Finding and reading scripts the way Bro does: BROPATH search with `.bro`
//! completion, directories loaded through their `__load__.bro`, every file
//! loaded at most once (`@unload` pretends it was), and the declarations
//! of an `@load`ed file spliced in where the directive stands, so that a
//! program reads in the order Bro reads it.

use crate::diag::Diagnostic;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::ast::{Decl, Stmt};
use crate::syntax::directives::{self, Condition, Directive};
use crate::syntax::parse;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Decides `@if`/`@ifdef`/`@ifndef` conditions while files are read.
pub trait Conditions {
    /// Whether the branch after `cond` (found in `file`) is taken.
    fn decide(&mut self, cond: &Condition, file: FileId) -> bool;
}

/// What a syntax-only reading can decide: literal `@if`s are folded, every
/// other condition takes its first branch.
pub struct FirstBranch;

impl Conditions for FirstBranch {
    fn decide(&mut self, cond: &Condition, file: FileId) -> bool {
        match cond {
            Condition::If { expr, .. } => parse::parse_expr(expr, file)
                .ok()
                .and_then(|(e, _)| crate::syntax::consteval::const_condition(&e))
                .unwrap_or(true),
            _ => true,
        }
    }
}

/// Every declaration and top-level statement of the loaded files, in the
/// order Bro reads them.
#[derive(Default)]
pub struct Program {
    pub decls: Vec<(FileId, Decl)>,
    pub stmts: Vec<(FileId, Stmt)>,
}

pub struct Loader<'a> {
    pub sources: &'a mut SourceMap,
    search_path: Vec<PathBuf>,
    seen: HashSet<PathBuf>,
    pub program: Program,
    pub diags: Vec<Diagnostic>,
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

/// Looks `name` up in `dirs`: as given, with `.bro` added, or as a
/// directory holding `__load__.bro`.
pub fn find_file(name: &str, dirs: &[PathBuf]) -> Option<PathBuf> {
    let candidates = |base: PathBuf| -> Option<PathBuf> {
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

impl<'a> Loader<'a> {
    pub fn new(sources: &'a mut SourceMap, search_path: Vec<PathBuf>) -> Loader<'a> {
        Loader { sources, search_path, seen: HashSet::new(), program: Program::default(), diags: Vec::new() }
    }

    fn has_errors(&self) -> bool {
        self.diags.iter().any(|d| d.is_error())
    }

    /// Resolves a script named on the command line or in `@load`. Names
    /// starting with `.` are relative to the loading file's directory.
    pub fn resolve(&self, name: &str, from: Option<FileId>) -> Option<PathBuf> {
        match from {
            Some(file) if name.starts_with('.') => {
                let current = PathBuf::from(&self.sources.get(file).name);
                let dir = current.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
                let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
                find_file(name, &[dir])
            }
            _ => find_file(name, &self.search_path),
        }
    }

    /// Loads a script by name (command line or `@load`); reports Bro's
    /// fatal `can't find` when it does not exist.
    pub fn load_named(&mut self, name: &str, from: Option<(FileId, Span)>, conds: &mut dyn Conditions) {
        match self.resolve(name, from.map(|f| f.0)) {
            Some(path) => self.load_path(&path, conds),
            None => {
                let d = match from {
                    Some((_, span)) => Diagnostic { severity: crate::diag::Severity::Fatal, ..Diagnostic::error(format!("can't find {name}"), span) },
                    None => Diagnostic::fatal(format!("can't find {name}")),
                };
                self.diags.push(d);
            }
        }
    }

    /// Loads a file unless it was loaded (or unloaded) before.
    pub fn load_path(&mut self, path: &Path, conds: &mut dyn Conditions) {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.seen.insert(key) {
            return;
        }
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let file = self.sources.add(path.display().to_string(), text);
                self.load_text(file, conds);
            }
            Err(e) => self.diags.push(Diagnostic::fatal(format!("can't open {}: {e}", path.display()))),
        }
    }

    /// Reads an already registered text (a file, `-e` code, stdin).
    pub fn load_text(&mut self, file: FileId, conds: &mut dyn Conditions) {
        let text = self.sources.get(file).text.clone();
        let pre = directives::preprocess(&text, &mut |c| conds.decide(c, file));
        for e in &pre.errors {
            self.diags.push(Diagnostic::error(e.message.clone(), Span::new(file, e.span.start, e.span.end)));
        }
        let script = match parse::parse_script(&pre.masked, file) {
            Ok((script, warnings)) => {
                self.diags.extend(warnings);
                script
            }
            Err(errors) => {
                self.diags.extend(errors);
                return;
            }
        };
        // Splice loaded files in before the first declaration (or
        // statement) that follows their @load.
        let mut pending = pre.directives.into_iter().peekable();
        for decl in script.decls {
            while let Some(d) = pending.next_if(|d| directive_start(d) < decl.span.start as usize) {
                self.apply(d, file, conds);
            }
            self.program.decls.push((file, decl));
        }
        for stmt in script.stmts {
            while let Some(d) = pending.next_if(|d| directive_start(d) < stmt.span.start as usize) {
                self.apply(d, file, conds);
            }
            self.program.stmts.push((file, stmt));
        }
        for d in pending {
            self.apply(d, file, conds);
        }
    }

    fn apply(&mut self, d: Directive, file: FileId, conds: &mut dyn Conditions) {
        if self.has_errors() {
            return;
        }
        match d {
            Directive::Load { path, span } => {
                self.load_named(&path, Some((file, Span::new(file, span.start, span.end))), conds)
            }
            Directive::Unload { path, span } => match self.resolve(&path, Some(file)) {
                Some(p) => {
                    self.seen.insert(std::fs::canonicalize(&p).unwrap_or(p));
                }
                None => self.diags.push(Diagnostic::error(
                    format!("failed find file associated with @unload {path}"),
                    Span::new(file, span.start, span.end),
                )),
            },
            // Signatures, plugins, prefixes and deprecation notes are
            // recorded by the runtime; reading scripts needs none of them.
            Directive::LoadSigs { .. }
            | Directive::LoadPlugin { .. }
            | Directive::Prefixes { .. }
            | Directive::Deprecated { .. } => {}
        }
    }
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
