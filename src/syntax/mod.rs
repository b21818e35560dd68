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
