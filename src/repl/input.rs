//! Whether what has been typed is a whole input or goes on on a `...`
//! line. The logos surface lexer sees what is plainly unfinished: open
//! brackets, `@if` blocks without their `@endif`, a string or pattern cut
//! off at the end, a trailing operator, and a statement or handler
//! header still waiting for its body. Failing those, the parser decides:
//! input that parses (with or without a final `;`) is complete, and so is
//! input with an error before its end, which is then reported; an error
//! at the very end means more is to come.

use bro::source::FileId;
use bro::syntax::tokens::{tokens_with_patterns, Token};

/// Stands in for the input's file while probing; nothing is kept.
const PROBE: FileId = FileId(u32::MAX);

/// True when `text` should run now; false when it continues on another line.
pub fn is_complete(text: &str) -> bool {
    if text.trim_start().starts_with(':') {
        return true;
    }
    let toks: Vec<(Token, std::ops::Range<usize>)> =
        tokens_with_patterns(text).into_iter().filter(|(t, _)| *t != Token::Comment).collect();
    let Some((last, last_range)) = toks.last().cloned() else { return true };
    if matches!(last, Token::UnterminatedString | Token::UnterminatedPattern) {
        return false;
    }
    let mut depth = 0usize;
    for (t, _) in &toks {
        match t {
            Token::LParen | Token::LBracket | Token::LBrace => depth += 1,
            Token::RParen | Token::RBracket | Token::RBrace => match depth.checked_sub(1) {
                Some(d) => depth = d,
                // A closer with no opener: run it, so the error shows.
                None => return true,
            },
            _ => {}
        }
    }
    if depth > 0 {
        return false;
    }
    let opened = toks.iter().filter(|(t, _)| matches!(t, Token::AtIf | Token::AtIfdef | Token::AtIfndef)).count();
    let closed = toks.iter().filter(|(t, _)| *t == Token::AtEndif).count();
    if opened > closed {
        return false;
    }
    if continues(last) || awaits_body(&toks) {
        return false;
    }
    let Err(error_at) = parse_error(text) else { return true };
    if parse_error(&format!("{text}\n;")).is_ok() {
        return true;
    }
    error_at < last_range.end
}

/// Tokens after which an expression or declaration must go on.
fn continues(t: Token) -> bool {
    use Token::*;
    matches!(
        t,
        Plus | Minus
            | Star
            | Slash
            | Percent
            | Assign
            | AddAssign
            | SubAssign
            | EqEq
            | NotEq
            | Lt
            | Gt
            | Le
            | Ge
            | AndAnd
            | OrOr
            | Bang
            | Tilde
            | Question
            | Colon
            | Comma
            | Dollar
            | HasField
            | In
            | NotIn
            | Amp
            | Caret
            | Incr
            | Decr
            | Of
            | As
            | Is
    )
}

/// A header whose body has not been typed yet: `if ( c )`, `while ( c )`,
/// `for ( x in s )`, `when ( c )`, `else`, and an event or hook handler
/// `event name(params)` (empty or typed parameters: with a `;` after it,
/// `event name(args);` raises the event instead).
fn awaits_body(toks: &[(Token, std::ops::Range<usize>)]) -> bool {
    let Some((last, _)) = toks.last() else { return false };
    match last {
        Token::Else => true,
        Token::RParen => {
            let Some(open) = matching_open(toks, toks.len() - 1) else { return false };
            let before = open.checked_sub(1).map(|i| toks[i].0);
            if matches!(before, Some(Token::If | Token::While | Token::For | Token::When)) {
                return true;
            }
            let handler = open == 2
                && matches!(toks[0].0, Token::Event | Token::Hook)
                && toks[1].0 == Token::Ident;
            let inner = &toks[open + 1..toks.len() - 1];
            handler && (inner.is_empty() || typed_parameters(inner))
        }
        _ => false,
    }
}

/// The index of the `(` matching the `)` at `close`.
fn matching_open(toks: &[(Token, std::ops::Range<usize>)], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for i in (0..=close).rev() {
        match toks[i].0 {
            Token::RParen => depth += 1,
            Token::LParen => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `name: type` at the top level of a parameter list.
fn typed_parameters(inner: &[(Token, std::ops::Range<usize>)]) -> bool {
    let mut depth = 0usize;
    for (i, (t, _)) in inner.iter().enumerate() {
        match t {
            Token::LParen | Token::LBracket | Token::LBrace => depth += 1,
            Token::RParen | Token::RBracket | Token::RBrace => depth = depth.saturating_sub(1),
            Token::Colon if depth == 0 && i > 0 && inner[i - 1].0 == Token::Ident => return true,
            _ => {}
        }
    }
    false
}

/// Where the first error is when `text` is read as a script (directives
/// masked), or `Ok` when it parses.
fn parse_error(text: &str) -> Result<(), usize> {
    let (masked, diags) = bro::syntax::mask_for_syntax_check(text, PROBE);
    let first = |diags: &[bro::Diagnostic]| {
        diags.iter().filter(|d| d.is_error()).map(|d| d.span.map_or(text.len(), |s| s.start as usize)).min()
    };
    if let Some(at) = first(&diags) {
        return Err(at);
    }
    match bro::syntax::parse::parse_script(&masked, PROBE) {
        Ok(_) => Ok(()),
        Err(errors) => Err(first(&errors).unwrap_or(text.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::is_complete;

    #[test]
    fn complete_inputs_run() {
        for text in [
            "",
            "   ",
            "# just a comment",
            "print 1;",
            "print 1",
            "1 + 2",
            "x = 3",
            "event bump(2)",
            "event bump(2);",
            "event bro_init() { print 1; }",
            "function f(): count\n{\nreturn 1;\n}",
            "if ( T ) print 1",
            "@load base/frameworks/broker",
            "p = /a+b/",
            ":type 1 +",
            "global t: table[addr] of count = { [1.2.3.4] = 5 };",
            "print |s|",
            "local x = \"a(\"",
        ] {
            assert!(is_complete(text), "{text:?} should be complete");
        }
    }

    #[test]
    fn unfinished_inputs_go_on() {
        for text in [
            "function plus(a: count, b: count): count",
            "function plus(a: count, b: count): count\n{",
            "event bro_init()",
            "event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)",
            "hook h(n: count) &priority=5",
            "if ( x > 1 )",
            "for ( i in s )",
            "while ( T )",
            "when ( x )",
            "if ( T ) print 1; else",
            "print 1 +",
            "print 1,",
            "local x =",
            "global t: table[count] of",
            "x$",
            "print \"abc",
            "p = /abc",
            "table([1.2.3.4] = 1,",
            "[1, 2",
            "@if ( T )\nprint 1;",
            "print",
            "global x:",
            "switch ( x )",
            "type R: record {",
        ] {
            assert!(!is_complete(text), "{text:?} should go on");
        }
    }

    #[test]
    fn any_text_gets_an_answer() {
        let alphabet: Vec<char> = "(){}[]\"/\\#@:;,$?|&+-=!<> \n\tabefinoprtvxT0123.é\u{0}".chars().collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..state % 24 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            let _ = is_complete(&text);
            for kw in ["if ( ", "event e(", "function f(", ":type "] {
                let _ = is_complete(&format!("{kw}{text}"));
            }
        }
    }

    #[test]
    fn errors_before_the_end_run_so_they_show() {
        // `add` is a keyword: the error is at the name, not at the end.
        for text in ["print 1 +* 2;", "}", "x = 5 6", "print 1 ) + (", "\u{0}", "global 3 = 4;", "`", "function add(a: count)"] {
            assert!(is_complete(text), "{text:?} should be complete");
        }
    }
}
