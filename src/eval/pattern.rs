//! Bro patterns on top of the `regex` crate: Bro writes flex-style
//! regular expressions (`"quoted"` literal text, `/i`), matched against
//! byte strings, either exactly (`==`) or anywhere (`in`).

use super::value::PatternVal;
use regex::bytes::Regex;
use std::rc::Rc;

/// Translates flex pattern syntax into `regex` syntax.
fn translate(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('/') => out.push('/'),
                Some(n) if n.is_ascii_digit() && !in_class => {
                    // Octal escapes: \NNN
                    let mut v = n.to_digit(8).unwrap_or(0);
                    while let Some(d) = chars.peek().and_then(|d| d.to_digit(8)) {
                        v = v * 8 + d;
                        chars.next();
                    }
                    out.push_str(&format!("\\x{{{:x}}}", v));
                }
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push_str("\\\\"),
            },
            '"' if !in_class => {
                // Quoted text is literal, and stays case-sensitive under /i
                // as in Bro.
                out.push_str("(?-i:");
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                    out.push_str(&regex::escape(&q.to_string()));
                }
                out.push(')');
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            '[' if in_class && chars.peek() == Some(&':') => {
                // A POSIX class such as `[:blank:]`, which `regex` knows too.
                out.push('[');
                for q in chars.by_ref() {
                    out.push(q);
                    if q == ']' {
                        break;
                    }
                }
            }
            '[' if in_class => out.push_str("\\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            c => out.push(c),
        }
    }
    out
}

/// Compiles a pattern from its source text (as written between slashes).
pub fn compile(text: &str, case_insensitive: bool) -> Result<Rc<PatternVal>, String> {
    let body = translate(text);
    let flags = if case_insensitive { "(?i-u)" } else { "(?-u)" };
    let exact = Regex::new(&format!("{flags}^(?:{body})\\z")).map_err(|e| e.to_string())?;
    let anywhere = Regex::new(&format!("{flags}(?:{body})")).map_err(|e| e.to_string())?;
    // How Bro prints it: anchored-optional, case-insensitivity outside.
    let shown = if case_insensitive { format!("(?i:^?({text})$?)") } else { format!("^?({text})$?") };
    Ok(Rc::new(PatternVal { text: shown, source: body, case_insensitive, exact, anywhere }))
}

/// `p1 | p2`: either pattern.
pub fn union(a: &PatternVal, b: &PatternVal) -> Result<Rc<PatternVal>, String> {
    combine(a, b, "|", format!("^?(({})|({}))$?", a.text, b.text))
}

/// `p1 & p2`: the first followed by the second.
pub fn concat(a: &PatternVal, b: &PatternVal) -> Result<Rc<PatternVal>, String> {
    combine(a, b, "", format!("^?(({})({}))$?", a.text, b.text))
}

fn combine(a: &PatternVal, b: &PatternVal, joiner: &str, text: String) -> Result<Rc<PatternVal>, String> {
    let part = |p: &PatternVal| if p.case_insensitive { format!("(?i:{})", p.source) } else { format!("(?:{})", p.source) };
    let body = format!("{}{joiner}{}", part(a), part(b));
    let exact = Regex::new(&format!("(?-u)^(?:{body})\\z")).map_err(|e| e.to_string())?;
    let anywhere = Regex::new(&format!("(?-u)(?:{body})")).map_err(|e| e.to_string())?;
    Ok(Rc::new(PatternVal { text, source: body, case_insensitive: false, exact, anywhere }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flex_syntax() {
        let p = compile("foo|bar", false).unwrap();
        assert!(p.exact.is_match(b"foo") && !p.exact.is_match(b"foox") && p.anywhere.is_match(b"xbarx"));
        let q = compile("\"fOO\"", true).unwrap();
        assert!(!q.anywhere.is_match(b"xFoObar") && q.anywhere.is_match(b"xfOObar"));
        let blank = compile(":[[:blank:]]*", false).unwrap();
        assert!(blank.exact.is_match(b": \t "));
        let r = compile("a\\/b[0-9]+", false).unwrap();
        assert!(r.exact.is_match(b"a/b12"));
        assert_eq!(compile("abc", false).unwrap().text, "^?(abc)$?");
        let both = concat(&compile("bar", true).unwrap(), &compile("bez", false).unwrap()).unwrap();
        assert!(both.exact.is_match(b"bArbez") && !both.exact.is_match(b"barbEz"));
    }
}
