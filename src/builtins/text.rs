//! String and pattern builtins of strings.bif and bro.bif that Bro 2.6.4
//! has beside the common ones: `clean`, `string_cat`,
//! `string_to_ascii_hex`, `safe_shell_quote`, `bytestring_to_double`,
//! `merge_pattern`, HTTP's `unescape_URI`, and `file_magic`.

use super::util::{builtin_error, bytes};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res};
use crate::eval::value::{PatternVal, Value};
use crate::source::Span;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("clean", "function(str: string): string", |_, _, a, _| Ok(Value::str(hex_escaped(bytes(&a[0]))))),
    b!("string_cat", "function(): string", bi_string_cat, variadic),
    b!("string_to_ascii_hex", "function(s: string): string", |_, _, a, _| {
        Ok(Value::str(bytes(&a[0]).iter().map(|b| format!("{b:02x}")).collect::<String>()))
    }),
    b!("safe_shell_quote", "function(source: string): string", |_, _, a, _| Ok(Value::str(shell_quoted(bytes(&a[0]))))),
    b!("bytestring_to_double", "function(s: string): double", bi_bytestring_to_double),
    b!("merge_pattern", "function(p1: pattern, p2: pattern): pattern", bi_merge_pattern),
    b!("unescape_URI", "function(URI: string): string", |_, _, a, _| Ok(Value::str(unescape_uri(bytes(&a[0]))))),
    b!("file_magic", "function(data: string): mime_matches", bi_file_magic),
];

/// The file-magic signatures matching the data. The interpreter loads no
/// signature files (as Bro in bare mode, where the file-magic signatures
/// are not loaded), so nothing matches.
fn bi_file_magic(_: &mut Machine, p: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let elem = match super::util::named_record(p, "mime_match") {
        Some(rt) => crate::check::types::Type::Record(rt),
        None => crate::check::types::Type::Any,
    };
    let v = crate::eval::value::VectorVal { yield_type: elem, items: Vec::new() };
    Ok(Value::Vector(Rc::new(std::cell::RefCell::new(v))))
}

/// Bytes outside the printable ASCII range written as `\xNN`; every
/// other byte, backslashes included, stays as it is.
fn hex_escaped(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for &b in s {
        if (0x20..=0x7e).contains(&b) {
            out.push(b);
        } else {
            out.extend(format!("\\x{b:02x}").into_bytes());
        }
    }
    out
}

/// The string in double quotes, with the four characters a shell still
/// interprets there (`` ` `` `"` `\` `$`) backslash-escaped.
fn shell_quoted(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'"');
    for &b in s {
        if matches!(b, b'`' | b'"' | b'\\' | b'$') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b'"');
    out
}

fn bi_string_cat(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let mut out = Vec::new();
    for v in a {
        match v {
            Value::Str(s) => out.extend_from_slice(s),
            _ => {
                builtin_error(m, "string_cat() requires string arguments", span, Some(v));
                return Ok(Value::str(""));
            }
        }
    }
    Ok(Value::str(out))
}

/// Eight bytes in network order read as an IEEE double.
fn bi_bytestring_to_double(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    match <[u8; 8]>::try_from(bytes(&a[0])) {
        Ok(b) => Ok(Value::Double(f64::from_be_bytes(b))),
        Err(_) => {
            builtin_error(m, "bad conversion to double", span, None);
            Ok(Value::Double(0.0))
        }
    }
}

/// Either pattern matches; Bro shows the result as the two patterns'
/// texts, each wrapped once more as an exact match, joined by `|`.
fn bi_merge_pattern(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let (Value::Pattern(p1), Value::Pattern(p2)) = (&a[0], &a[1]) else { return Ok(a[0].clone()) };
    match crate::eval::pattern::union(p1, p2) {
        Ok(u) => Ok(Value::Pattern(Rc::new(PatternVal {
            text: format!("(^?({})$?)|(^?({})$?)", p1.text, p2.text),
            source: u.source.clone(),
            case_insensitive: u.case_insensitive,
            exact: u.exact.clone(),
            anywhere: u.anywhere.clone(),
        }))),
        Err(e) => {
            builtin_error(m, format!("bad pattern: {e}"), span, None);
            Ok(a[0].clone())
        }
    }
}

fn hex(b: u8) -> u8 {
    (b as char).to_digit(16).unwrap_or(0) as u8
}

/// Decodes `%XX` and `%uXXXX` escapes as Bro's HTTP analyzer does: a
/// doubled `%` drops the first, a `%` not followed by an escape is kept
/// with the next byte, and a `%` (or `%X`) at the end is kept as it is.
fn unescape_uri(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    let xd = |b: u8| b.is_ascii_hexdigit();
    while i < s.len() {
        if s[i] != b'%' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        let rest = &s[i + 1..];
        match rest {
            [] => {
                out.push(b'%');
                break;
            }
            [c] => {
                out.extend_from_slice(&[b'%', *c]);
                break;
            }
            [b'%', ..] => i += 1,
            [h, l, ..] if xd(*h) && xd(*l) => {
                out.push((hex(*h) << 4) + hex(*l));
                i += 3;
            }
            [b'u', a, b, c, d, ..] if [a, b, c, d].iter().all(|x| xd(**x)) => {
                if !(*a == b'0' && *b == b'0') {
                    out.push((hex(*a) << 4) + hex(*b));
                }
                out.push((hex(*c) << 4) + hex(*d));
                i += 6;
            }
            [c, ..] => {
                out.extend_from_slice(&[b'%', *c]);
                i += 2;
            }
        }
    }
    out
}
