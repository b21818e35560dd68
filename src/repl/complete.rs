//! What Tab completes at the cursor: a name (globals, locals, functions,
//! built-ins, types, keywords, and module prefixes, so `Broker::pe`
//! offers `Broker::peer`...), a record field after `$` (the expression
//! before the `$` is typed by the interpreter), or a meta command. Only
//! the text is looked at here; the names come from the interpreter.

use bro::runtime::Names;
use bro::syntax::tokens::{lex, Token, KEYWORDS};

/// What the word before the cursor is.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A name starting with `word`, which starts at byte `start`.
    Name { start: usize, word: String },
    /// A field of the record `expr` yields, starting with `word`.
    Field { start: usize, word: String, expr: String },
    /// A meta command's name.
    Meta { start: usize, word: String },
    /// A file name (the argument of `:load`).
    File,
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Where the name being typed starts: identifier characters and `::`.
fn word_start(before: &str) -> usize {
    let b = before.as_bytes();
    let mut i = b.len();
    loop {
        if i > 0 && is_ident(b[i - 1] as char) {
            i -= 1;
        } else if i > 1 && b[i - 1] == b':' && b[i - 2] == b':' {
            i -= 2;
        } else {
            return i;
        }
    }
}

/// Where the expression that ends at `end` (just before a `$`) starts:
/// names, `::`, `$` and `?$` chains, and balanced `(...)` / `[...]`.
fn operand_start(before: &str, end: usize) -> usize {
    let b = before.as_bytes();
    let mut i = end;
    while i > 0 {
        let c = b[i - 1];
        if is_ident(c as char) || c == b'$' || c == b'?' || c == b':' {
            i -= 1;
        } else if c == b')' || c == b']' {
            let (open, close) = if c == b')' { (b'(', b')') } else { (b'[', b']') };
            let mut depth = 0usize;
            let mut j = i;
            loop {
                if j == 0 {
                    return i;
                }
                j -= 1;
                if b[j] == close {
                    depth += 1;
                } else if b[j] == open {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
            }
            i = j;
        } else {
            break;
        }
    }
    i
}

/// What to complete in `line` with the cursor at byte `pos`.
pub fn target(line: &str, pos: usize) -> Target {
    let pos = pos.min(line.len());
    let before = line.get(..pos).unwrap_or(line);
    if let Some(rest) = before.strip_prefix(':') {
        match rest.find(char::is_whitespace) {
            None => return Target::Meta { start: 0, word: before.to_string() },
            Some(i) if rest[..i] == *"load" => return Target::File,
            Some(_) => {}
        }
    }
    let start = word_start(before);
    let word = before[start..].to_string();
    if before[..start].ends_with('$') {
        let dollar = start - 1;
        let op_end = if before[..dollar].ends_with('?') { dollar - 1 } else { dollar };
        let op_start = operand_start(before, op_end);
        let expr = before[op_start..op_end].trim().to_string();
        if !expr.is_empty() {
            return Target::Field { start, word, expr };
        }
    }
    Target::Name { start, word }
}

/// A name hidden unless asked for: `Broker::__peer` and other internals.
fn hidden(name: &str, word: &str) -> bool {
    let last = |s: &str| s.rsplit("::").next().unwrap_or("").to_string();
    last(name).starts_with("__") && !last(word).starts_with("__")
}

/// The names starting with `word`: every kind of name, plus `Module::`
/// for the modules that match. Qualified names are offered once the
/// word names their module; without a word nothing is offered.
pub fn names(names: &Names, also: &[String], word: &str) -> Vec<String> {
    if word.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let qualified = word.contains("::");
    let lists = [&names.variables, &names.functions, &names.types, &names.locals];
    for name in lists.into_iter().flatten().chain(also) {
        if name.starts_with(word) && (qualified || !name.contains("::")) && !hidden(name, word) {
            out.push(name.clone());
        }
    }
    if !qualified {
        out.extend(KEYWORDS.iter().filter(|k| k.starts_with(word)).map(|k| k.to_string()));
        out.extend(names.modules.iter().map(|m| format!("{m}::")).filter(|m| m.starts_with(word)));
    }
    out.sort();
    out.dedup();
    out
}

/// Names the input typed so far declares for itself: `local` and `const`
/// names, `for` loop variables, and the parameters of a function, event
/// or hook header.
pub fn declared_in(text: &str) -> Vec<String> {
    let toks = lex(text);
    let name = |i: usize| toks.get(i).filter(|(t, _)| *t == Token::Ident).map(|(_, r)| text[r.clone()].to_string());
    let mut out = Vec::new();
    let mut in_params = false;
    let mut in_for = false;
    let mut depth = 0usize;
    for (i, (t, _)) in toks.iter().enumerate() {
        match t {
            Token::Local | Token::Const => out.extend(name(i + 1)),
            Token::For => in_for = true,
            Token::In if in_for => in_for = false,
            Token::Ident if in_for => out.extend(name(i)),
            Token::Function | Token::Event | Token::Hook => in_params = matches!(toks.get(i + 2), Some((Token::LParen, _))),
            Token::LParen | Token::LBracket if in_params => depth += 1,
            Token::RParen | Token::RBracket if in_params => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    in_params = false;
                }
            }
            Token::Ident if in_params && depth == 1 && matches!(toks.get(i + 1), Some((Token::Colon, _))) => {
                out.extend(name(i))
            }
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some_names() -> Names {
        Names {
            variables: vec!["Broker::PEERED".into(), "peer_count".into()],
            functions: vec!["Broker::peer".into(), "Broker::peers".into(), "Broker::peer_added".into(), "Broker::__peer".into(), "print_it".into()],
            types: vec!["Broker::EndpointInfo".into(), "conn_id".into()],
            modules: vec!["Broker".into()],
            locals: vec!["pe_local".into()],
        }
    }

    #[test]
    fn module_prefixes_complete() {
        let n = some_names();
        assert_eq!(target("print Broker::pe", 16), Target::Name { start: 6, word: "Broker::pe".into() });
        assert_eq!(names(&n, &[], "Broker::pe"), ["Broker::peer", "Broker::peer_added", "Broker::peers"]);
        assert_eq!(names(&n, &[], "Bro"), ["Broker::"]);
        assert!(names(&n, &[], "Broker::__").contains(&"Broker::__peer".to_string()));
        assert_eq!(names(&n, &[], "pe"), ["pe_local", "peer_count"]);
        assert_eq!(names(&n, &["pear".into()], "pea"), ["pear"]);
        assert_eq!(names(&n, &[], "pri"), ["print", "print_it"]);
        assert!(names(&n, &[], "").is_empty());
        assert_eq!(names(&n, &[], "co"), ["conn_id", "const", "copy", "count", "counter"]);
    }

    #[test]
    fn fields_after_a_dollar() {
        assert_eq!(target("print c$id$or", 13), Target::Field { start: 11, word: "or".into(), expr: "c$id".into() });
        assert_eq!(target("f(1, g(2))$", 11), Target::Field { start: 11, word: "".into(), expr: "f(1, g(2))".into() });
        assert_eq!(target("x = t[1]?$na", 12), Target::Field { start: 10, word: "na".into(), expr: "t[1]".into() });
        assert_eq!(target("$", 1), Target::Name { start: 1, word: "".into() });
        assert_eq!(target("local x:co", 10), Target::Name { start: 8, word: "co".into() });
    }

    #[test]
    fn meta_commands_and_files() {
        assert_eq!(target(":ty", 3), Target::Meta { start: 0, word: ":ty".into() });
        assert_eq!(target(":load ./x", 9), Target::File);
        assert_eq!(target(":type Broker::EndpointI", 23), Target::Name { start: 6, word: "Broker::EndpointI".into() });
        // Any cursor position in any text.
        for line in ["", "$", "])$", "é$x", "a::", ")", "::$"] {
            for pos in 0..=line.len() + 1 {
                let _ = target(line, pos);
            }
        }
    }

    #[test]
    fn any_text_and_cursor_gets_an_answer() {
        let alphabet: Vec<char> = "()[]$?:_ab1 é\"\n{};,".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..state % 16 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            for pos in 0..=text.len() + 1 {
                let _ = target(&text, pos);
            }
            let _ = declared_in(&text);
            let _ = names(&some_names(), &[], &text);
        }
    }

    #[test]
    fn names_declared_in_the_input() {
        let text = "event e(conn: connection, n: count)\n{\nlocal total = 0;\nfor ( [a, b] in t )\nconst k = 1;";
        assert_eq!(declared_in(text), ["a", "b", "conn", "k", "n", "total"]);
    }
}
