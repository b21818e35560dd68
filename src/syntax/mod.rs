//! Text to syntax tree. This layer knows nothing of types or running:
//! the directive layer masks `@load`/`@if` lines, pest parses what is
//! left, and the result is a spanned AST.

pub mod ast;
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
    let pre = directives::preprocess(text, &mut |cond| match cond {
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
        let found = crate::loader::find_file(path, &[".".into()]).filter(|_| !path.starts_with('/'));
        let target = found.map(|p| p.display().to_string()).unwrap_or_else(|| path.clone());
        match std::fs::read(&target) {
            Ok(bytes) => {
                let id = sources.add(target, String::from_utf8_lossy(&bytes).into_owned());
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
    let chunk = paths.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                std::thread::Builder::new()
                    .stack_size(64 << 20)
                    .spawn_scoped(scope, move || part.iter().map(check_one).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.map(|h| h.join()) {
                Ok(Ok(results)) => results,
                _ => vec![(SourceMap::new(), vec![Diagnostic::fatal("syntax checker thread failed")])],
            })
            .collect()
    })
}
