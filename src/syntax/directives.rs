//! Bro's preprocessor layer: `@load`, `@prefixes`, `@if`/`@else`/`@endif`...
//!
//! In Bro these directives are handled by the scanner, not the grammar, and
//! the branches of an `@if` that are not taken are skipped without being
//! parsed at all (they may contain anything). To keep our grammar free of
//! them, [`preprocess`] produces a *masked* copy of the source: every byte of
//! a directive (with its argument or condition) and of every inactive branch
//! is replaced by a space, newlines excepted. The masked text has the same
//! length and line structure as the original, so spans computed on it are
//! valid for the original file. `@DIR` and `@FILENAME` are left in place:
//! they are expression atoms for the grammar.
//!
//! Directives are recognised in live code through the token stream of
//! `tokens.rs` (so `@if` inside a string, comment or pattern is inert).
//! Inside an inactive branch, like Bro's ignore mode, only the raw texts
//! `@if...`, `@else` and `@endif` matter, wherever they occur (even after a
//! `#`).

use super::tokens::{directive_argument, Token, TokenStream};
use std::ops::Range;

/// A byte range in the preprocessed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte.
    pub end: usize,
}

impl Span {
    fn of(r: Range<usize>) -> Span {
        Span { start: r.start, end: r.end }
    }
}

/// A directive found in live code, with the span of the whole directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// `@load path`
    Load {
        /// The argument as written.
        path: String,
        /// The whole directive.
        span: Span,
    },
    /// `@load-sigs path`
    LoadSigs {
        /// The argument as written.
        path: String,
        /// The whole directive.
        span: Span,
    },
    /// `@load-plugin name`
    LoadPlugin {
        /// The plugin's name.
        name: String,
        /// The whole directive.
        span: Span,
    },
    /// `@unload path`
    Unload {
        /// The argument as written.
        path: String,
        /// The whole directive.
        span: Span,
    },
    /// `@prefixes = a:b` or `@prefixes += a:b`
    Prefixes {
        /// Written with `+=`: add to the prefixes rather than replace them.
        append: bool,
        /// The colon-separated prefixes, empty ones dropped.
        prefixes: Vec<String>,
        /// The whole directive.
        span: Span,
    },
    /// `@deprecated` or `@deprecated "message"`
    Deprecated {
        /// The message, without its quotes.
        message: Option<String>,
        /// The whole directive.
        span: Span,
    },
}

/// A condition handed to the caller's evaluator. The evaluator returns
/// whether the branch that follows is taken (so for `Ifndef` it should
/// return true when the name is *not* defined).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition<'a> {
    /// Text between the outer parentheses of `@if ( ... )`.
    If {
        /// The condition's text.
        expr: &'a str,
        /// Where the condition's text is.
        expr_span: Span,
    },
    /// `@ifdef ( name )`
    Ifdef {
        /// The name tested.
        name: &'a str,
        /// Where the name is.
        span: Span,
    },
    /// `@ifndef ( name )`
    Ifndef {
        /// The name tested.
        name: &'a str,
        /// Where the name is.
        span: Span,
    },
}

/// What has been read when a condition is evaluated: the masked text up
/// to the directive (final by then) and the directives before it. An
/// interpreter uses it to declare what precedes the condition first, as
/// Bro evaluates `@if` against the names known at that point.
pub struct Progress<'a> {
    /// The masked source up to the directive.
    pub masked_prefix: &'a str,
    /// The live directives found so far, in source order.
    pub directives: &'a [Directive],
}

/// A malformed or unbalanced directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectiveError {
    /// What is wrong.
    pub message: String,
    /// Where the directive was written.
    pub span: Span,
}

/// The result of [`preprocess`].
#[derive(Debug, Clone)]
pub struct Preprocessed {
    /// The source with directives and inactive branches blanked out.
    pub masked: String,
    /// Directives of live code, in source order.
    pub directives: Vec<Directive>,
    /// Malformed or unbalanced directives.
    pub errors: Vec<DirectiveError>,
}

/// One open `@if` whose current branch is being handled.
struct Frame {
    span: Span,
    seen_else: bool,
}

struct State<'a> {
    src: &'a str,
    masked: Vec<u8>,
    directives: Vec<Directive>,
    errors: Vec<DirectiveError>,
    frames: Vec<Frame>,
}

/// Masks directives and inactive `@if` branches of `src`, collecting the
/// live directives. `eval` is called once per live `@if`/`@ifdef`/`@ifndef`.
pub fn preprocess(src: &str, eval: &mut dyn FnMut(&Condition, &Progress) -> bool) -> Preprocessed {
    let mut st = State {
        src,
        masked: src.as_bytes().to_vec(),
        directives: Vec::new(),
        errors: Vec::new(),
        frames: Vec::new(),
    };
    let mut pos = 0;
    while let Some(inactive_from) = st.live(pos, eval) {
        match st.skip_inactive(inactive_from) {
            Some(resume) => pos = resume,
            None => break,
        }
    }
    for frame in std::mem::take(&mut st.frames) {
        st.error("unterminated @if", frame.span);
    }
    let masked = match String::from_utf8(st.masked) {
        Ok(s) => s,
        // Unreachable in practice (we only mask whole characters), but stay
        // length-preserving if it ever happens.
        Err(e) => e
            .into_bytes()
            .into_iter()
            .map(|b| if b.is_ascii() { b as char } else { ' ' })
            .collect(),
    };
    Preprocessed { masked, directives: st.directives, errors: st.errors }
}

impl<'a> State<'a> {
    fn error(&mut self, message: &str, span: Span) {
        self.errors.push(DirectiveError { message: message.to_string(), span });
    }

    /// Blanks `r` out, keeping newlines.
    fn mask(&mut self, r: Range<usize>) {
        let end = r.end.min(self.masked.len());
        let start = r.start.min(end);
        for b in &mut self.masked[start..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }

    /// Scans live code from `pos`. Returns the offset where an inactive
    /// branch starts (the innermost frame is the one it belongs to), or
    /// `None` at end of input.
    fn live(&mut self, pos: usize, eval: &mut dyn FnMut(&Condition, &Progress) -> bool) -> Option<usize> {
        let src = self.src;
        let mut ts = TokenStream::new(src, pos, true);
        while let Some((tok, r)) = ts.next() {
            match tok {
                Token::AtIf | Token::AtIfdef | Token::AtIfndef => {
                    let (end, taken) = self.conditional(tok, r, eval);
                    if !taken {
                        return Some(end);
                    }
                    ts = TokenStream::new(src, end, true);
                }
                Token::AtElse => {
                    self.mask(r.clone());
                    match self.frames.last_mut() {
                        None => self.error("@else without @if...", Span::of(r)),
                        Some(frame) => {
                            let dup = frame.seen_else;
                            frame.seen_else = true;
                            if dup {
                                self.error("second @else for the same @if", Span::of(r.clone()));
                            }
                            // The branch before was live, so this one is not.
                            return Some(r.end);
                        }
                    }
                }
                Token::AtEndif => {
                    self.mask(r.clone());
                    if self.frames.pop().is_none() {
                        self.error("unbalanced @if... @endif", Span::of(r));
                    }
                }
                Token::AtDebug => self.mask(r),
                t if t.takes_line_argument() => {
                    let arg = directive_argument(src, r.end);
                    let end = arg.as_ref().map_or(r.end, |a| a.end);
                    self.mask(r.start..end);
                    self.line_directive(t, arg.map(|a| &src[a]), Span::of(r.start..end));
                    ts = TokenStream::new(src, end, true);
                }
                _ => {}
            }
        }
        None
    }

    /// Records a `@load`-like directive with its (trimmed) argument text.
    fn line_directive(&mut self, tok: Token, arg: Option<&str>, span: Span) {
        let first_word = arg.and_then(|a| a.split_whitespace().next()).map(str::to_string);
        let what = tok.describe().trim_matches('`');
        let missing = |st: &mut Self| st.error(&format!("{what} without an argument"), span);
        match tok {
            Token::AtLoad | Token::AtLoadSigs | Token::AtLoadPlugin | Token::AtUnload => {
                let Some(path) = first_word else { return missing(self) };
                self.directives.push(match tok {
                    Token::AtLoad => Directive::Load { path, span },
                    Token::AtLoadSigs => Directive::LoadSigs { path, span },
                    Token::AtLoadPlugin => Directive::LoadPlugin { name: path, span },
                    _ => Directive::Unload { path, span },
                });
            }
            Token::AtPrefixes => {
                let Some(arg) = arg else { return missing(self) };
                let (append, rest) = if let Some(rest) = arg.strip_prefix("+=") {
                    (true, rest)
                } else if let Some(rest) = arg.strip_prefix('=') {
                    (false, rest)
                } else {
                    return self.error("@prefixes needs `=` or `+=`", span);
                };
                let prefixes = rest
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .split(':')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect();
                self.directives.push(Directive::Prefixes { append, prefixes, span });
            }
            _ => {
                let message = arg.map(|a| {
                    a.strip_prefix('"')
                        .and_then(|a| a.strip_suffix('"'))
                        .unwrap_or(a)
                        .to_string()
                });
                self.directives.push(Directive::Deprecated { message, span });
            }
        }
    }

    /// Handles a live `@if`/`@ifdef`/`@ifndef` token at `r`: finds its
    /// parenthesised condition, masks it, evaluates it and opens a frame.
    /// Returns the offset after the directive and whether the branch is taken.
    fn conditional(
        &mut self,
        tok: Token,
        r: Range<usize>,
        eval: &mut dyn FnMut(&Condition, &Progress) -> bool,
    ) -> (usize, bool) {
        let src = self.src;
        let Some((open, close)) = paren_group(src, r.end) else {
            self.mask(r.clone());
            let what = tok.describe().trim_matches('`');
            self.error(&format!("{what} without a parenthesised condition"), Span::of(r.clone()));
            // Treat it as taken so the rest of the file still gets parsed.
            self.frames.push(Frame { span: Span::of(r.clone()), seen_else: false });
            return (r.end, true);
        };
        self.mask(r.start..close);
        let inner = open..close - 1;
        let text = &src[inner.clone()];
        let trimmed = text.trim();
        let lead = text.len() - text.trim_start().len();
        let name_span = Span { start: inner.start + lead, end: inner.start + lead + trimmed.len() };
        let cond = match tok {
            Token::AtIf => Condition::If { expr: text, expr_span: Span::of(inner) },
            Token::AtIfdef => Condition::Ifdef { name: trimmed, span: name_span },
            _ => Condition::Ifndef { name: trimmed, span: name_span },
        };
        let prefix = std::str::from_utf8(&self.masked[..r.start]).unwrap_or("");
        let taken = eval(&cond, &Progress { masked_prefix: prefix, directives: &self.directives });
        self.frames.push(Frame { span: Span::of(r.start..close), seen_else: false });
        (close, taken)
    }

    /// Ignore mode, from `pos` inside an inactive branch of the innermost
    /// frame. Returns where live code resumes, or `None` at end of input.
    fn skip_inactive(&mut self, pos: usize) -> Option<usize> {
        let bytes = self.src.as_bytes();
        let mut depth = 0usize;
        let mut i = pos;
        while i < bytes.len() {
            if bytes[i] != b'@' {
                i += 1;
                continue;
            }
            let rest = &bytes[i..];
            if rest.starts_with(b"@endif") {
                let end = i + 6;
                if depth == 0 {
                    self.mask(pos..end);
                    self.frames.pop();
                    return Some(end);
                }
                depth -= 1;
                i = end;
            } else if rest.starts_with(b"@else") {
                let end = i + 5;
                if depth == 0 {
                    self.mask(pos..end);
                    let dup = self.frames.last_mut().map(|f| std::mem::replace(&mut f.seen_else, true));
                    if dup == Some(true) {
                        self.error("second @else for the same @if", Span { start: i, end });
                    }
                    return Some(end);
                }
                i = end;
            } else if rest.starts_with(b"@if") {
                depth += 1;
                i += 3;
            } else {
                i += 1;
            }
        }
        self.mask(pos..bytes.len());
        None
    }
}

/// Finds a parenthesised group starting at the first token after `pos`
/// (comments allowed before it). Returns (offset after `(`, offset after the
/// matching `)`).
fn paren_group(src: &str, pos: usize) -> Option<(usize, usize)> {
    let mut ts = TokenStream::new(src, pos, true).filter(|(t, _)| *t != Token::Comment);
    let (first, r) = ts.next()?;
    if first != Token::LParen {
        return None;
    }
    let mut depth = 1usize;
    for (t, rr) in ts {
        match t {
            Token::LParen => depth += 1,
            Token::RParen => {
                depth -= 1;
                if depth == 0 {
                    return Some((r.end, rr.end));
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::tokens::tests::{corpus_files, xorshift};

    /// Evaluates `T`/`F` conditions; ifdef is true for names starting `Def`.
    fn simple_eval(c: &Condition) -> bool {
        match c {
            Condition::If { expr, .. } => expr.trim() != "F",
            Condition::Ifdef { name, .. } => name.starts_with("Def"),
            Condition::Ifndef { name, .. } => !name.starts_with("Def"),
        }
    }

    fn run(src: &str) -> Preprocessed {
        let p = preprocess(src, &mut |c, _| simple_eval(c));
        assert_eq!(p.masked.len(), src.len());
        for (a, b) in p.masked.bytes().zip(src.bytes()) {
            assert!(a == b || a == b' ', "only blanks may differ");
            assert_eq!(a == b'\n', b == b'\n', "newlines kept");
        }
        p
    }

    fn squash(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn load_family() {
        let src = "@load base/utils/site # why\n  @load-sigs ./dpd.sig\n@load-plugin Foo::Bar\n\
                   @unload x/y\n@prefixes = a:b\n@prefixes += c\n@deprecated \"old\"\n@deprecated\n\
                   global d = @DIR + @FILENAME;\n@DEBUG\n";
        let p = run(src);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(squash(&p.masked), "# why global d = @DIR + @FILENAME;");
        let d = &p.directives;
        assert_eq!(d.len(), 8);
        assert_eq!(d[0], Directive::Load { path: "base/utils/site".into(), span: Span { start: 0, end: 21 } });
        assert!(matches!(&d[1], Directive::LoadSigs { path, .. } if path == "./dpd.sig"));
        assert!(matches!(&d[2], Directive::LoadPlugin { name, .. } if name == "Foo::Bar"));
        assert!(matches!(&d[3], Directive::Unload { path, .. } if path == "x/y"));
        assert!(matches!(&d[4], Directive::Prefixes { append: false, prefixes, .. } if prefixes == &["a", "b"]));
        assert!(matches!(&d[5], Directive::Prefixes { append: true, prefixes, .. } if prefixes == &["c"]));
        assert!(matches!(&d[6], Directive::Deprecated { message: Some(m), .. } if m == "old"));
        assert!(matches!(&d[7], Directive::Deprecated { message: None, .. }));
    }

    #[test]
    fn if_else_and_nesting() {
        let src = "a;\n@if ( F )\nb; @if ( T ) c; @else d; @endif\n@else\ne;\n@if(T)\nf;\n@else\ng ) \" {\n@endif\n@endif\nh;";
        let mut seen = Vec::new();
        let p = preprocess(src, &mut |c, _| {
            seen.push(format!("{c:?}"));
            simple_eval(c)
        });
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(squash(&p.masked), "a; e; f; h;");
        // Only the two live conditions were evaluated.
        assert_eq!(seen.len(), 2);
        assert_eq!(p.masked.lines().count(), src.lines().count());
    }

    #[test]
    fn multiline_condition_and_ifdef() {
        let src = "@if ( ! A ||\n  ( B && C ) )\nx;\n@endif\n@ifdef ( Def::x )\ny;\n@endif\n@ifndef ( Def::x )\nz;\n@endif\n";
        let mut conds = Vec::new();
        let p = preprocess(src, &mut |c, _| {
            conds.push(match c {
                Condition::If { expr, expr_span } => {
                    assert_eq!(&src[expr_span.start..expr_span.end], *expr);
                    format!("if[{expr}]")
                }
                Condition::Ifdef { name, span } | Condition::Ifndef { name, span } => {
                    assert_eq!(&src[span.start..span.end], *name);
                    format!("def[{name}]")
                }
            });
            simple_eval(c)
        });
        assert_eq!(conds, vec!["if[ ! A ||\n  ( B && C ) ]", "def[Def::x]", "def[Def::x]"]);
        assert_eq!(squash(&p.masked), "x; y;");
        assert!(p.errors.is_empty());
    }

    #[test]
    fn if_between_header_and_body() {
        let src = "function f(x: count): count\n@if ( F )\n\t{ return 1; }\n@else\n\t{ return 2; }\n@endif\n";
        let p = run(src);
        assert!(p.errors.is_empty());
        assert_eq!(squash(&p.masked), "function f(x: count): count { return 2; }");
        let src = "type R: record {\n\ta: count;\n@if ( T )\n\tb: count &optional;\n@endif\n};";
        assert_eq!(squash(&run(src).masked), "type R: record { a: count; b: count &optional; };");
    }

    #[test]
    fn comment_endif_in_inactive_region() {
        let src = "@if ( F )\nx;\n# @endif here\ny;\n@endif\nz;";
        let p = run(src);
        // The commented @endif closes the @if (as in Bro), so `y;` is live
        // and the real @endif is a stray one.
        assert_eq!(squash(&p.masked), "here y; z;");
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].message, "unbalanced @if... @endif");
        // In live code, comments and strings hide directives.
        let p = run("# @endif\nx = \"@endif\"; p = /@endif/;");
        assert!(p.errors.is_empty());
        assert_eq!(p.masked, "# @endif\nx = \"@endif\"; p = /@endif/;");
    }

    #[test]
    fn errors() {
        let p = run("x;\n@endif\n@else\n");
        let msgs: Vec<_> = p.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(msgs, vec!["unbalanced @if... @endif", "@else without @if..."]);
        assert_eq!(p.errors[0].span, Span { start: 3, end: 9 });

        let p = run("@if ( T )\nx;\n");
        assert_eq!(p.errors[0].message, "unterminated @if");
        assert_eq!(p.errors[0].span.start, 0);

        let p = run("@if ( F )\nx;\n");
        assert_eq!(p.errors.len(), 1);
        assert_eq!(squash(&p.masked), "");

        let p = run("@if T\nx;\n@endif");
        assert_eq!(p.errors[0].message, "@if without a parenthesised condition");
        assert_eq!(p.errors.len(), 1);

        let p = run("@if ( T )\na;\n@else\nb;\n@else\nc;\n@endif\n");
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].message, "second @else for the same @if");
        assert_eq!(squash(&p.masked), "a; c;");

        let p = run("@load\n@load   # nothing\nx;");
        assert_eq!(p.errors.len(), 2);
        assert_eq!(p.errors[0].message, "@load without an argument");
        assert!(p.directives.is_empty());
    }

    #[test]
    fn inactive_directives_are_not_recorded() {
        let p = run("@if ( F )\n@load a\n@else\n@load b\n@endif\n");
        assert_eq!(p.directives.len(), 1);
        assert!(matches!(&p.directives[0], Directive::Load { path, .. } if path == "b"));
    }

    #[test]
    fn corpus_preprocesses_cleanly() {
        let files = corpus_files();
        if files.is_empty() {
            println!("corpus absent; skipping");
            return;
        }
        for f in &files {
            let Ok(src) = std::fs::read_to_string(f) else { continue };
            let p = run(&src);
            assert!(p.errors.is_empty(), "{}: {:?}", f.display(), p.errors);
            let q = preprocess(&src, &mut |_, _| false);
            assert!(q.errors.is_empty(), "{}: {:?}", f.display(), q.errors);
            assert!(!q.masked.contains("@if") && !q.masked.contains("@endif"), "{}", f.display());
        }
    }

    #[test]
    fn never_panics() {
        let alphabet: Vec<&str> = vec![
            "@if", "@else", "@endif", "@ifdef", "@load", "@prefixes", " += ", "(", ")", "\"", "#", "/", "\n",
            " ", "x", "T", "F", "\u{0}", "é", "✓", "\\", "@", ";", "{",
        ];
        let mut s = 0x2545F4914F6CDD1Du64;
        for _ in 0..3000 {
            let n = (xorshift(&mut s) % 30) as usize;
            let text: String = (0..n)
                .map(|_| alphabet[(xorshift(&mut s) % alphabet.len() as u64) as usize])
                .collect();
            let flip = xorshift(&mut s);
            let mut k = 0u32;
            let _ = run_with(&text, &mut |_, _| {
                k += 1;
                (flip >> (k % 64)) & 1 == 1
            });
        }
        for f in corpus_files().iter().filter(|f| {
            let s = f.to_string_lossy();
            s.ends_with("known-hosts.bro") || s.ends_with("dcc-send.bro")
        }) {
            let Ok(src) = std::fs::read_to_string(f) else { continue };
            for (i, _) in src.char_indices().step_by(3) {
                let _ = run_with(&src[..i], &mut |_, _| false);
                let _ = run(&src[..i]);
            }
        }
    }

    fn run_with(src: &str, eval: &mut dyn FnMut(&Condition, &Progress) -> bool) -> Preprocessed {
        let p = preprocess(src, eval);
        assert_eq!(p.masked.len(), src.len());
        assert_eq!(p.masked.matches('\n').count(), src.matches('\n').count());
        for e in &p.errors {
            assert!(e.span.start <= e.span.end && e.span.end <= src.len());
        }
        p
    }
}
