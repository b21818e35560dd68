//! Text to syntax tree. This layer knows nothing of types or running:
//! the directive layer masks `@load`/`@if` lines, pest parses what is
//! left, and the result is a spanned AST.

pub mod ast;
pub mod cache;
pub mod consteval;
pub mod parse;
pub mod directives;
pub mod tokens;

use crate::diag::Diagnostic;
use crate::source::{FileId, SourceMap, Span};

/// Masks directives as a syntax-only check without loading can: an `@if`
/// made only of literals is decided (`@if ( 1 == 0 )`), every other
/// condition (`@ifdef`, `@ifndef`, anything naming a global) takes its
/// first branch.
pub fn mask_for_syntax_check(text: &str, file: FileId) -> (String, Vec<Diagnostic>) {
    let pre = directives::preprocess(text, &mut |cond, _| match cond {
        directives::Condition::If { expr, .. } => parse::parse_expr(expr, file)
            .ok()
            .and_then(|(e, _)| consteval::const_condition(&e))
            .unwrap_or(true),
        _ => true,
    });
    let diags = pre
        .errors
        .iter()
        .map(|e| Diagnostic::error(e.message.clone(), Span::new(file, e.span.start, e.span.end)))
        .collect();
    (pre.masked, diags)
}

/// Syntax-checks one registered file: directive errors, then parse errors.
pub fn check_file(sources: &SourceMap, file: FileId) -> Vec<Diagnostic> {
    let text = &sources.get(file).text;
    let (masked, mut diags) = mask_for_syntax_check(text, file);
    match parse::parse_script(&masked, file) {
        Ok((_, warnings)) => diags.extend(warnings),
        Err(errors) => diags.extend(errors),
    }
    diags
}

/// Syntax-checks files on their own (no `@load` is followed), spreading
/// them over the machine's cores. Each result carries its own source map.
pub fn check_files(paths: &[String]) -> Vec<(SourceMap, Vec<Diagnostic>)> {
    let check_one = |path: &String| {
        let mut sources = SourceMap::new();
        // The file as named, or with `.bro` added as Bro does.
        let with_ext = format!("{path}.bro");
        let target = if std::path::Path::new(path).is_file() || !std::path::Path::new(&with_ext).is_file() {
            path.clone()
        } else {
            with_ext
        };
        match std::fs::read(&target) {
            Ok(bytes) => {
                let id = sources.add(display_name(&target), String::from_utf8_lossy(&bytes).into_owned());
                let diags = check_file(&sources, id);
                (sources, diags)
            }
            Err(_) => (sources, vec![Diagnostic::fatal(format!("can't find {path}"))]),
        }
    };
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(paths.len().max(1));
    if workers <= 1 {
        return paths.iter().map(check_one).collect();
    }
    // Workers take the next file from a shared counter, so one large file
    // does not leave the other cores idle.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::with_capacity(paths.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let spawned = std::thread::Builder::new().stack_size(64 << 20).spawn_scoped(scope, || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break };
                let result = check_one(path);
                if let Ok(mut all) = results.lock() {
                    all.push((i, result));
                }
            });
            if spawned.is_err() {
                break;
            }
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    // A worker that could not start leaves its files to this thread.
    let done: std::collections::HashSet<usize> = results.iter().map(|(i, _)| *i).collect();
    for (i, path) in paths.iter().enumerate().filter(|(i, _)| !done.contains(i)) {
        results.push((i, check_one(path)));
    }
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// The name Bro shows for a script given by a relative path: `./x.bro`.
pub fn display_name(path: &str) -> String {
    if path.starts_with('/') || path.starts_with("./") || path.starts_with("../") {
        path.to_string()
    } else {
        format!("./{path}")
    }
}
