//! Colours for the line being typed, from the logos surface lexer:
//! keywords, types (type keywords and declared type names), literals,
//! strings, patterns, attributes, directives, comments, and input that
//! is no token at all. The earlier lines of an unfinished input are
//! lexed along with the line, so the line is coloured in its context.

use bro::syntax::tokens::{tokens_with_patterns, Token};

const RESET: &str = "\x1b[0m";
const KEYWORD: &str = "\x1b[1;35m";
const TYPE: &str = "\x1b[36m";
const LITERAL: &str = "\x1b[33m";
const STRING: &str = "\x1b[32m";
const PATTERN: &str = "\x1b[94m";
const ATTR: &str = "\x1b[34m";
const DIRECTIVE: &str = "\x1b[1;34m";
const COMMENT: &str = "\x1b[90m";
const ERROR: &str = "\x1b[1;4;31m";
const META: &str = "\x1b[1m";

/// The colour of a token, if it has one.
fn style(tok: Token, text: &str, is_type: &dyn Fn(&str) -> bool) -> Option<&'static str> {
    use Token::*;
    Some(match tok {
        Addr | Any | Bool | Count | Counter | Double | Enum | File | Int | Interval | List | Opaque | PatternKw
        | PortKw | Record | Set | StringKw | SubnetKw | Table | Time | Timer | Union | Vector => TYPE,
        t if t.is_keyword() => KEYWORD,
        True | False | CountLit | HexLit | DoubleLit | IntervalLit | PortLit | AddrLit | SubnetLit | Addr6Lit
        | Subnet6Lit | Hostname => LITERAL,
        Str | UnterminatedString => STRING,
        Pattern | UnterminatedPattern => PATTERN,
        Attr => ATTR,
        AtLoad | AtLoadSigs | AtLoadPlugin | AtUnload | AtPrefixes | AtIf | AtIfdef | AtIfndef | AtElse | AtEndif
        | AtDir | AtFilename | AtDeprecated | AtDebug => DIRECTIVE,
        DirectiveArg => STRING,
        Comment => COMMENT,
        Error => ERROR,
        Ident if is_type(text) => TYPE,
        _ => return None,
    })
}

/// `line` with ANSI colours, lexed after `context` (the input's earlier
/// lines, or empty). A meta command (`:type ...`) has its name in bold
/// and the rest coloured as Bro code.
pub fn highlight(context: &str, line: &str, is_type: &dyn Fn(&str) -> bool) -> String {
    if context.is_empty() {
        if let Some(rest) = line.strip_prefix(':') {
            let name_end = 1 + rest.find(char::is_whitespace).unwrap_or(rest.len());
            return format!("{META}{}{RESET}{}", &line[..name_end], colour_code("", &line[name_end..], is_type));
        }
    }
    colour_code(context, line, is_type)
}

fn colour_code(context: &str, line: &str, is_type: &dyn Fn(&str) -> bool) -> String {
    let joined;
    let (text, offset) = if context.is_empty() {
        (line, 0)
    } else {
        joined = format!("{context}\n{line}");
        (joined.as_str(), context.len() + 1)
    };
    let mut out = String::with_capacity(line.len() * 2);
    let mut at = 0;
    for (tok, range) in tokens_with_patterns(text) {
        if range.end <= offset {
            continue;
        }
        let start = range.start.max(offset) - offset;
        let end = range.end - offset;
        if start < at || end > line.len() || !line.is_char_boundary(start) || !line.is_char_boundary(end) {
            continue;
        }
        out.push_str(&line[at..start]);
        match style(tok, &line[start..end], is_type) {
            Some(colour) => {
                out.push_str(colour);
                out.push_str(&line[start..end]);
                out.push_str(RESET);
            }
            None => out.push_str(&line[start..end]),
        }
        at = end;
    }
    out.push_str(&line[at..]);
    out
}

/// The prompt, in bold.
pub fn prompt(p: &str) -> String {
    format!("{META}{}{RESET}{}", p.trim_end(), &p[p.trim_end().len()..])
}

/// A hint from history, dimmed.
pub fn hint(h: &str) -> String {
    format!("{COMMENT}{h}{RESET}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn no_types(_: &str) -> bool {
        false
    }

    #[test]
    fn colours_each_kind_and_keeps_the_text() {
        let line = "local t: table[addr] of count = { [1.2.3.4] = 5 }; # note";
        let h = highlight("", line, &no_types);
        assert_eq!(strip(&h), line);
        assert!(h.contains(&format!("{KEYWORD}local{RESET}")));
        assert!(h.contains(&format!("{TYPE}table{RESET}")));
        assert!(h.contains(&format!("{LITERAL}1.2.3.4{RESET}")));
        assert!(h.contains(&format!("{COMMENT}# note{RESET}")));
        let h = highlight("", "print \"hi\", /a+/, 80/tcp &redef `", &no_types);
        assert!(h.contains(&format!("{STRING}\"hi\"{RESET}")));
        assert!(h.contains(&format!("{PATTERN}/a+/{RESET}")));
        assert!(h.contains(&format!("{LITERAL}80/tcp{RESET}")));
        assert!(h.contains(&format!("{ATTR}&redef{RESET}")));
        assert!(h.contains(&format!("{ERROR}`{RESET}")));
    }

    #[test]
    fn declared_types_meta_commands_and_context() {
        let is_type = |n: &str| n == "Broker::EndpointInfo";
        let h = highlight("", "local e: Broker::EndpointInfo;", &is_type);
        assert!(h.contains(&format!("{TYPE}Broker::EndpointInfo{RESET}")));
        let h = highlight("", ":type 1 + 2", &no_types);
        assert!(h.starts_with(&format!("{META}:type{RESET}")));
        assert!(h.contains(&format!("{LITERAL}2{RESET}")));
        // A later line of an input is coloured in the context of the earlier ones.
        let h = highlight("function f()\n{", "return 1; }", &no_types);
        assert_eq!(strip(&h), "return 1; }");
        assert!(h.starts_with(&format!("{KEYWORD}return{RESET}")));
    }

    #[test]
    fn any_text_keeps_its_bytes() {
        for line in ["", "é \u{0} \"x", "/x", "@load ./a b", ":", ":x", "[::1]/64 ✓"] {
            assert_eq!(strip(&highlight("", line, &no_types)), line, "{line:?}");
            assert_eq!(strip(&highlight("\"open", line, &no_types)), line, "{line:?}");
        }
        let alphabet: Vec<char> = "/\\\"#@!in ()[]{}:.01abxf\t&-+=$?eé✓`".chars().collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..3000 {
            let mut line = String::new();
            for _ in 0..state % 30 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                line.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            assert_eq!(strip(&highlight("", &line, &no_types)), line, "{line:?}");
            assert_eq!(strip(&highlight("x = /", &line, &no_types)), line, "{line:?}");
        }
    }
}
