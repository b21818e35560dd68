//! Surface lexer for Bro 2.6 scripts.
//!
//! Bro's grammar is fed by a flex scanner; this module is our equivalent. It
//! turns any `&str` (well formed or not) into a flat list of tokens with byte
//! spans, which the parser, the REPL highlighter and the `@if` preprocessor
//! (`directives.rs`) all consume. It never fails: input it cannot make sense
//! of comes back as `Token::Error` spans.
//!
//! Two things cannot be decided by a context-free regular lexer and are
//! handled by [`TokenStream`] on top of the logos automaton:
//! * `/` is either division or the start of a `/regex/` literal, depending on
//!   whether an operand is expected at that point;
//! * `!in` is `!`, optional blanks and `in` not followed by an identifier
//!   character (so `! inx` stays "not" applied to `inx`).
//!
//! The arguments of `@load`-like directives are file names (`./main`,
//! `../x.sig`) that do not lex as ordinary tokens, so the stream emits the
//! rest of such a directive line as a single `DirectiveArg` token.

use logos::Logos;
use std::ops::Range;

/// Generates the token enum together with the keyword/punctuation tables, so
/// that each text appears in exactly one place.
macro_rules! token_enum {
    (
        keywords { $( $kw:tt => $kv:ident, )* }
        punct { $( $p:tt => $pv:ident, )* }
        directives { $( $d:tt => $dv:ident, )* }
        other { $( $(#[$m:meta])* $ov:ident => $od:tt, )* }
    ) => {
        /// One lexical token of a Bro script.
        #[derive(Logos, Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[logos(skip r"[ \t\r\n\x0C]+")]
        pub enum Token {
            $( #[doc = concat!("The `", $kw, "` keyword.")] #[token($kw)] $kv, )*
            $( #[doc = concat!("`", $p, "`")] #[token($p)] $pv, )*
            $( #[doc = concat!("The `", $d, "` directive.")] #[token($d)] $dv, )*
            $( $(#[$m])* $ov, )*
        }

        /// Every reserved word of Bro 2.6 (not counting the `T`/`F` constants).
        pub const KEYWORDS: &[&str] = &[ $( $kw, )* ];

        impl Token {
            /// True for reserved words (`for`, `event`, `table`, ...).
            pub fn is_keyword(&self) -> bool {
                matches!(self, $( Token::$kv )|*)
            }

            /// A short human readable name for diagnostics.
            pub fn describe(&self) -> &'static str {
                match self {
                    $( Token::$kv => concat!("`", $kw, "`"), )*
                    $( Token::$pv => concat!("`", $p, "`"), )*
                    $( Token::$dv => concat!("`", $d, "`"), )*
                    $( Token::$ov => $od, )*
                }
            }
        }
    };
}

token_enum! {
    keywords {
        "add" => Add, "addr" => Addr, "any" => Any, "as" => As, "bool" => Bool,
        "break" => Break, "case" => Case, "const" => Const, "copy" => Copy,
        "count" => Count, "counter" => Counter, "default" => Default,
        "delete" => Delete, "double" => Double, "else" => Else, "enum" => Enum,
        "event" => Event, "export" => Export, "fallthrough" => Fallthrough,
        "file" => File, "for" => For, "function" => Function, "global" => Global,
        "hook" => Hook, "if" => If, "in" => In, "int" => Int,
        "interval" => Interval, "is" => Is, "list" => List, "local" => Local,
        "module" => Module, "next" => Next, "of" => Of, "opaque" => Opaque,
        "option" => OptionKw, "pattern" => PatternKw, "port" => PortKw,
        "print" => Print, "record" => Record, "redef" => Redef,
        "return" => Return, "schedule" => Schedule, "set" => Set,
        "string" => StringKw, "subnet" => SubnetKw, "switch" => Switch,
        "table" => Table, "time" => Time, "timeout" => Timeout,
        "timer" => Timer, "type" => Type, "union" => Union, "vector" => Vector,
        "when" => When, "while" => While,
    }
    punct {
        "!" => Bang, "%" => Percent, "*" => Star, "/" => Slash, "+" => Plus,
        "-" => Minus, "," => Comma, ":" => Colon, ";" => Semi, "<" => Lt,
        "=" => Assign, ">" => Gt, "?" => Question, "(" => LParen, ")" => RParen,
        "[" => LBracket, "]" => RBracket, "{" => LBrace, "}" => RBrace,
        "~" => Tilde, "$" => Dollar, "|" => Pipe, "&" => Amp, "^" => Caret,
        "--" => Decr, "++" => Incr, "+=" => AddAssign, "-=" => SubAssign,
        "==" => EqEq, "!=" => NotEq, ">=" => Ge, "<=" => Le, "&&" => AndAnd,
        "||" => OrOr, "?$" => HasField,
    }
    directives {
        "@load" => AtLoad, "@load-sigs" => AtLoadSigs,
        "@load-plugin" => AtLoadPlugin, "@unload" => AtUnload,
        "@prefixes" => AtPrefixes, "@if" => AtIf, "@ifdef" => AtIfdef,
        "@ifndef" => AtIfndef, "@else" => AtElse, "@endif" => AtEndif,
        "@DIR" => AtDir, "@FILENAME" => AtFilename,
        "@deprecated" => AtDeprecated, "@DEBUG" => AtDebug,
    }
    other {
        /// The constant `T`.
        #[token("T", priority = 5)] True => "`T`",
        /// The constant `F`.
        #[token("F", priority = 5)] False => "`F`",
        /// A name, possibly module-qualified (`Foo::bar`).
        #[regex(r"[A-Za-z_][A-Za-z_0-9]*(::[A-Za-z_][A-Za-z_0-9]*)*")]
        Ident => "identifier",
        /// An attribute such as `&default`.
        #[regex(r"&(add_func|create_expire|default|delete_func|deprecated|raw_output|error_handler|expire_func|log|optional|priority|type_column|read_expire|redef|weaken|write_expire|encrypt|mergeable|persistent|rotate_interval|rotate_size|synchronized)")]
        Attr => "attribute",
        /// A string literal.
        #[regex(r#""([^"\\\n]|\\[^\n])*""#)]
        Str => "string",
        /// A string literal missing its closing quote.
        #[regex(r#""([^"\\\n]|\\[^\n])*\\?"#)]
        UnterminatedString => "unterminated string",
        /// A `#` comment up to the end of the line.
        #[regex(r"#[^\n]*", allow_greedy = true)]
        Comment => "comment",
        /// A decimal count, e.g. `42`.
        #[regex(r"[0-9]+", priority = 10)]
        CountLit => "count",
        /// A hexadecimal count, e.g. `0xff`.
        #[regex(r"0x[0-9a-fA-F]+", priority = 10)]
        HexLit => "hex count",
        /// A floating-point number, e.g. `1.5` or `1e3`.
        #[regex(r"([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+", priority = 10)]
        DoubleLit => "double",
        /// An interval, e.g. `5 min` or `1.5secs`.
        #[regex(r"([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?[ \t]*(day|hr|min|sec|msec|usec)s?", priority = 10)]
        IntervalLit => "interval",
        /// A port, e.g. `80/tcp`.
        #[regex(r"[0-9]+/(tcp|udp|icmp|unknown)", priority = 10)]
        PortLit => "port",
        /// An IPv4 address, e.g. `10.0.0.1`.
        #[regex(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+", priority = 20)]
        AddrLit => "address",
        /// An IPv4 subnet, e.g. `10.0.0.0/8`.
        #[regex(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+[ \t]*/[ \t]*[0-9]+", priority = 20)]
        SubnetLit => "subnet",
        /// A bracketed IPv6 address, e.g. `[::1]`.
        #[regex(r"\[(([0-9a-fA-F]+:){7}[0-9a-fA-F]+|0x[0-9a-fA-F]+[0-9a-fA-F:]*::[0-9a-fA-F:]*|[0-9a-fA-F:]*::[0-9a-fA-F:]*|[0-9a-fA-F:]*::[0-9a-fA-F:]*([0-9]+\.){3}[0-9]+)\]", priority = 20)]
        Addr6Lit => "IPv6 address",
        /// A bracketed IPv6 subnet, e.g. `[fe80::]/10`.
        #[regex(r"\[(([0-9a-fA-F]+:){7}[0-9a-fA-F]+|0x[0-9a-fA-F]+[0-9a-fA-F:]*::[0-9a-fA-F:]*|[0-9a-fA-F:]*::[0-9a-fA-F:]*|[0-9a-fA-F:]*::[0-9a-fA-F:]*([0-9]+\.){3}[0-9]+)\][ \t]*/[ \t]*[0-9]+", priority = 20)]
        Subnet6Lit => "IPv6 subnet",
        /// A host name, e.g. `www.example.com`.
        #[regex(r"[A-Za-z0-9][A-Za-z0-9-]*(\.[A-Za-z0-9][A-Za-z0-9-]*)+", priority = 1)]
        Hostname => "hostname",
        // The remaining kinds are produced by `TokenStream`, never by logos.
        /// `!in`, joined from `!` and `in`.
        NotIn => "`!in`",
        /// A pattern literal, `/re/` (with an optional trailing `i`).
        Pattern => "pattern",
        /// A pattern literal missing its closing slash.
        UnterminatedPattern => "unterminated pattern",
        /// The text after a directive such as `@load`, up to the end of the line.
        DirectiveArg => "directive argument",
        /// Text that is no token.
        Error => "invalid input",
    }
}

impl Token {
    /// Directives whose remaining line is an argument (file name, prefix
    /// list, message) rather than ordinary tokens.
    pub fn takes_line_argument(&self) -> bool {
        matches!(
            self,
            Token::AtLoad
                | Token::AtLoadSigs
                | Token::AtLoadPlugin
                | Token::AtUnload
                | Token::AtPrefixes
                | Token::AtDeprecated
        )
    }

    /// Literal constants and names: after one of these a `/` divides.
    fn ends_operand(&self) -> bool {
        matches!(
            self,
            Token::Ident
                | Token::True
                | Token::False
                | Token::Str
                | Token::UnterminatedString
                | Token::CountLit
                | Token::HexLit
                | Token::DoubleLit
                | Token::IntervalLit
                | Token::PortLit
                | Token::AddrLit
                | Token::SubnetLit
                | Token::Addr6Lit
                | Token::Subnet6Lit
                | Token::Hostname
                | Token::Pattern
                | Token::UnterminatedPattern
                | Token::AtDir
                | Token::AtFilename
                | Token::RParen
                | Token::RBracket
        )
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Offset of the end of the line containing `pos` (the `\n` or end of input).
fn line_end(src: &str, pos: usize) -> usize {
    let pos = pos.min(src.len());
    src.as_bytes()[pos..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(src.len(), |i| pos + i)
}

/// Given the offset of a `/` opening a pattern literal, returns the offset
/// just past its closing `/` (and past a trailing `i` flag when that is not
/// the start of an identifier). `None` if the line ends first.
pub fn lex_pattern_at(src: &str, start: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    if bytes.get(start) != Some(&b'/') {
        return None;
    }
    let mut i = start + 1;
    loop {
        match *bytes.get(i)? {
            b'\n' => return None,
            b'\\' => match bytes.get(i + 1) {
                None | Some(b'\n') => return None,
                // Any escaped byte; continuation bytes of a multibyte char
                // are never ASCII, so skipping just one byte is harmless.
                Some(_) => i += 2,
            },
            b'/' => {
                let end = i + 1;
                if bytes.get(end) == Some(&b'i') && !bytes.get(end + 1).is_some_and(|&b| is_ident_byte(b))
                {
                    return Some(end + 1);
                }
                return Some(end);
            }
            _ => i += 1,
        }
    }
}

/// If the text right after a `!` (at `after_bang`) is blanks plus a
/// standalone `in`, returns the offset past that `in`.
fn not_in_end(src: &str, after_bang: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut i = after_bang;
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    if bytes.get(i) == Some(&b'i') && bytes.get(i + 1) == Some(&b'n') {
        let end = i + 2;
        if !bytes.get(end).is_some_and(|&b| is_ident_byte(b)) {
            return Some(end);
        }
    }
    None
}

/// The argument of a line directive such as `@load` starting at or after
/// `pos`: leading blanks skipped, ends at the end of the line or at a `#`
/// comment (a `#` at the start or after a blank), trailing blanks trimmed.
pub fn directive_argument(src: &str, pos: usize) -> Option<Range<usize>> {
    let bytes = src.as_bytes();
    let end_of_line = line_end(src, pos);
    let mut start = pos.min(end_of_line);
    while start < end_of_line && matches!(bytes[start], b' ' | b'\t') {
        start += 1;
    }
    let mut end = start;
    while end < end_of_line {
        if bytes[end] == b'#' && (end == start || matches!(bytes[end - 1], b' ' | b'\t')) {
            break;
        }
        end += 1;
    }
    while end > start && matches!(bytes[end - 1], b' ' | b'\t' | b'\r') {
        end -= 1;
    }
    (end > start).then_some(start..end)
}

/// A resumable token iterator over `src`, starting at any char boundary.
/// Whitespace is skipped; comments are yielded.
pub struct TokenStream<'a> {
    src: &'a str,
    base: usize,
    inner: logos::Lexer<'a, Token>,
    patterns: bool,
    operand_expected: bool,
    pending: Option<(Token, Range<usize>)>,
}

impl<'a> TokenStream<'a> {
    /// Lexes `src` from byte offset `start` (clamped, and moved forward to a
    /// char boundary if needed); spans are relative to the whole of `src`.
    /// With `patterns`, a `/` in operand position starts a pattern literal.
    pub fn new(src: &'a str, start: usize, patterns: bool) -> Self {
        let mut base = start.min(src.len());
        while !src.is_char_boundary(base) {
            base += 1;
        }
        TokenStream {
            src,
            base,
            inner: Token::lexer(&src[base..]),
            patterns,
            operand_expected: true,
            pending: None,
        }
    }

    /// Moves the logos lexer forward so its next token starts at `target`.
    fn skip_to(&mut self, target: usize) {
        let current = self.base + self.inner.span().end;
        if target > current && target <= self.src.len() && self.src.is_char_boundary(target) {
            self.inner.bump(target - current);
        }
    }
}

impl Iterator for TokenStream<'_> {
    type Item = (Token, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (tok, span) = match self.pending.take() {
            Some(p) => p,
            None => {
                let res = self.inner.next()?;
                let raw = self.inner.span();
                let start = self.base + raw.start;
                let mut end = self.base + raw.end;
                let mut tok = res.unwrap_or(Token::Error);
                match tok {
                    Token::Bang => {
                        if let Some(e) = not_in_end(self.src, end) {
                            self.skip_to(e);
                            end = e;
                            tok = Token::NotIn;
                        }
                    }
                    Token::Slash if self.patterns && self.operand_expected => {
                        match lex_pattern_at(self.src, start) {
                            Some(e) => {
                                tok = Token::Pattern;
                                end = e;
                            }
                            None => {
                                tok = Token::UnterminatedPattern;
                                end = line_end(self.src, start);
                            }
                        }
                        self.skip_to(end);
                    }
                    t if t.takes_line_argument() => {
                        if let Some(arg) = directive_argument(self.src, end) {
                            self.skip_to(arg.end);
                            self.pending = Some((Token::DirectiveArg, arg));
                        }
                    }
                    _ => {}
                }
                (tok, start..end)
            }
        };
        match tok {
            Token::Comment | Token::Error => {}
            t => self.operand_expected = !t.ends_operand(),
        }
        Some((tok, span))
    }
}

/// Lexes the whole input; `/` is always `Token::Slash`.
pub fn lex(src: &str) -> Vec<(Token, Range<usize>)> {
    TokenStream::new(src, 0, false).collect()
}

/// Like [`lex`], but a `/` where an operand is expected starts a pattern
/// literal, emitted as one `Pattern` (or `UnterminatedPattern`) token.
pub fn tokens_with_patterns(src: &str) -> Vec<(Token, Range<usize>)> {
    TokenStream::new(src, 0, true).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(Token, &str)> {
        tokens_with_patterns(src)
            .into_iter()
            .map(|(t, r)| (t, &src[r]))
            .collect()
    }

    fn single(src: &str) -> Token {
        let toks = kinds(src);
        assert_eq!(toks.len(), 1, "{src:?} lexed as {toks:?}");
        assert_eq!(toks[0].1, src);
        toks[0].0
    }

    #[test]
    fn literals() {
        use Token::*;
        let cases: &[(&str, Token)] = &[
            ("123", CountLit),
            ("0x1F", HexLit),
            ("1.5", DoubleLit),
            (".5", DoubleLit),
            ("5.", DoubleLit),
            ("1e10", DoubleLit),
            ("1.5E-3", DoubleLit),
            ("80/tcp", PortLit),
            ("53/udp", PortLit),
            ("8/icmp", PortLit),
            ("0/unknown", PortLit),
            ("3 secs", IntervalLit),
            ("1.5min", IntervalLit),
            ("2hrs", IntervalLit),
            ("1 day", IntervalLit),
            ("10 msec", IntervalLit),
            ("5usecs", IntervalLit),
            ("1.2.3.4", AddrLit),
            ("10.0.0.0/8", SubnetLit),
            ("10.0.0.0 / 8", SubnetLit),
            ("[::1]", Addr6Lit),
            ("[fe80::1]", Addr6Lit),
            ("[2001:db8::]", Addr6Lit),
            ("[::ffff:1.2.3.4]", Addr6Lit),
            ("[1:2:3:4:5:6:7:8]", Addr6Lit),
            ("[fe80::]/64", Subnet6Lit),
            ("www.bro.org", Hostname),
            ("\"a\\\"b\\n\"", Str),
            ("\"\"", Str),
            ("\"héllo ✓\"", Str),
            ("T", True),
            ("F", False),
            ("&default", Attr),
            ("&create_expire", Attr),
            ("&synchronized", Attr),
            ("# hi there", Comment),
            ("Broker::peer", Ident),
            ("GLOBAL::x", Ident),
            ("format", Ident),
            ("for", For),
            ("@load-sigs", AtLoadSigs),
            ("@ifndef", AtIfndef),
            ("@DIR", AtDir),
            ("?$", HasField),
            ("!in", NotIn),
            ("! \tin", NotIn),
        ];
        for (src, want) in cases {
            assert_eq!(single(src), *want, "{src:?}");
        }
    }

    #[test]
    fn unterminated_string_stops_at_line_end() {
        let toks = kinds("x = \"abc\ny");
        assert_eq!(toks[2], (Token::UnterminatedString, "\"abc"));
        assert_eq!(toks[3], (Token::Ident, "y"));
        assert_eq!(kinds("\"a\\")[0], (Token::UnterminatedString, "\"a\\"));
    }

    #[test]
    fn keywords_table_matches_lexer() {
        for kw in KEYWORDS {
            let t = single(kw);
            assert!(t.is_keyword(), "{kw}");
            assert_eq!(t.describe(), format!("`{kw}`"));
        }
        assert_eq!(KEYWORDS.len(), 56);
        assert!(!Token::Ident.is_keyword());
        assert_eq!(Token::LBrace.describe(), "`{`");
        assert_eq!(Token::Str.describe(), "string");
    }

    #[test]
    fn not_in_versus_bang() {
        use Token::*;
        let t: Vec<Token> = kinds("a !in b").into_iter().map(|x| x.0).collect();
        assert_eq!(t, vec![Ident, NotIn, Ident]);
        let t: Vec<Token> = kinds("! inx").into_iter().map(|x| x.0).collect();
        assert_eq!(t, vec![Bang, Ident]);
        let t: Vec<Token> = kinds("!in").into_iter().map(|x| x.0).collect();
        assert_eq!(t, vec![NotIn]);
        let t: Vec<Token> = kinds("a != b").into_iter().map(|x| x.0).collect();
        assert_eq!(t, vec![Ident, NotEq, Ident]);
    }

    #[test]
    fn operators_and_backtracking() {
        use Token::*;
        let t: Vec<Token> = kinds("a::  += -- ++ && || >= <= == 5 set [a]")
            .into_iter()
            .map(|x| x.0)
            .collect();
        assert_eq!(
            t,
            vec![Ident, Colon, Colon, AddAssign, Decr, Incr, AndAnd, OrOr, Ge, Le, EqEq, CountLit, Set, LBracket, Ident, RBracket]
        );
    }

    #[test]
    fn pattern_detection() {
        use Token::*;
        let k = kinds("x / y");
        assert_eq!(k[1].0, Slash);
        let k = kinds("p = /foo/;");
        assert_eq!(k[2], (Pattern, "/foo/"));
        assert_eq!(k[3].0, Semi);
        let k = kinds(r"p = /a\/b/i;");
        assert_eq!(k[2], (Pattern, r"/a\/b/i"));
        let k = kinds("p = /a/in");
        assert_eq!(k[2], (Pattern, "/a/"));
        assert_eq!(k[3].0, In);
        let k = kinds("if ( /x/ in s ) a = (b) / c[1] / 2;");
        assert_eq!(k[2], (Pattern, "/x/"));
        assert_eq!(k.iter().filter(|t| t.0 == Slash).count(), 2);
        let k = kinds("return /abc\nx");
        assert_eq!(k[1], (UnterminatedPattern, "/abc"));
        assert_eq!(k[2], (Ident, "x"));
        // Without pattern detection it is plain division.
        assert_eq!(lex("= /a/")[1].0, Slash);
        assert_eq!(lex_pattern_at("/a\\/b/i", 0), Some(7));
        assert_eq!(lex_pattern_at("/ab", 0), None);
        assert_eq!(lex_pattern_at("x", 0), None);
        assert_eq!(lex_pattern_at("/", 5), None);
    }

    #[test]
    fn directive_arguments() {
        use Token::*;
        let k = kinds("@load ./main # c\n@prefixes += a:b\n@load-plugin X::Y\n@if ( T )");
        assert_eq!(
            k,
            vec![
                (AtLoad, "@load"),
                (DirectiveArg, "./main"),
                (Comment, "# c"),
                (AtPrefixes, "@prefixes"),
                (DirectiveArg, "+= a:b"),
                (AtLoadPlugin, "@load-plugin"),
                (DirectiveArg, "X::Y"),
                (AtIf, "@if"),
                (LParen, "("),
                (True, "T"),
                (RParen, ")"),
            ]
        );
    }

    #[test]
    fn errors_are_spans() {
        let k = kinds("a ` b @ \u{0} é");
        assert!(k.iter().any(|t| t.0 == Token::Error));
        assert_eq!(k.first().map(|t| t.0), Some(Token::Ident));
    }

    pub(crate) fn corpus_files() -> Vec<std::path::PathBuf> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            let Ok(rd) = std::fs::read_dir(dir) else { return };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "bro") {
                    out.push(p);
                }
            }
        }
        let mut v = Vec::new();
        walk(std::path::Path::new(CORPUS), &mut v);
        v.sort();
        v
    }

    pub(crate) const CORPUS: &str = "/work/shared/corpus/bro-2.6.4-scripts";

    #[test]
    fn corpus_has_no_error_tokens() {
        let files = corpus_files();
        if files.is_empty() {
            println!("corpus {CORPUS} absent; skipping");
            return;
        }
        println!("lexing {} corpus files", files.len());
        let mut bad = 0;
        for f in &files {
            let Ok(src) = std::fs::read_to_string(f) else { continue };
            for (t, r) in tokens_with_patterns(&src) {
                if matches!(t, Token::Error | Token::UnterminatedString | Token::UnterminatedPattern) {
                    let line = src[..r.start].matches('\n').count() + 1;
                    println!("{}:{line}: {t:?} {:?}", f.display(), &src[r]);
                    bad += 1;
                }
            }
        }
        assert_eq!(bad, 0, "error tokens in corpus");
    }

    pub(crate) fn xorshift(state: &mut u64) -> u64 {
        let mut x = *state;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *state = x;
        x
    }

    #[test]
    fn never_panics() {
        let alphabet: Vec<char> = "/\\\"#@!in ()[]{}:.0123456789abxf\n\t\r\u{0}é✓&-+=$?eE".chars().collect();
        let mut s = 0x9e3779b97f4a7c15u64;
        for _ in 0..3000 {
            let len = (xorshift(&mut s) % 40) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(xorshift(&mut s) % alphabet.len() as u64) as usize])
                .collect();
            let _ = lex(&text);
            for (_, r) in tokens_with_patterns(&text) {
                assert!(r.start <= r.end && r.end <= text.len());
                let _ = &text[r];
            }
            for i in 0..=text.len() + 1 {
                let _ = lex_pattern_at(&text, i);
                let _ = TokenStream::new(&text, i, true).count();
            }
        }
        for f in corpus_files().iter().take(3) {
            let Ok(src) = std::fs::read_to_string(f) else { continue };
            for (i, _) in src.char_indices().step_by(7) {
                let _ = tokens_with_patterns(&src[..i]);
            }
        }
    }
}
