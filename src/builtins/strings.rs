//! String built-ins: case, length, slicing, searching, splitting and
//! joining, with patterns where Bro takes them.

use super::core::string_vec;
use super::util::{bytes, count, int, pattern_matches, split_pieces};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res};
use crate::eval::format::{self, Mode};
use crate::eval::value::Value;
use crate::source::Span;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("to_lower", "function(str: string): string", |_, _, a, _| Ok(Value::str(bytes(&a[0]).to_ascii_lowercase()))),
    b!("to_upper", "function(str: string): string", |_, _, a, _| Ok(Value::str(bytes(&a[0]).to_ascii_uppercase()))),
    b!("strlen", "function(s: string): count", |_, _, a, _| Ok(Value::Count(bytes(&a[0]).len() as u64))),
    b!("sub_bytes", "function(s: string, start: count, n: int): string", bi_sub_bytes),
    b!("strstr", "function(big: string, little: string): count", bi_strstr),
    b!("strcmp", "function(s1: string, s2: string): int", bi_strcmp),
    b!("split_string", "function(str: string, re: pattern): string_vec", |_, _, a, _| Ok(split(a, false, usize::MAX))),
    b!("split_string_all", "function(str: string, re: pattern): string_vec", |_, _, a, _| Ok(split(a, true, usize::MAX))),
    b!("split_string1", "function(str: string, re: pattern): string_vec", |_, _, a, _| Ok(split(a, false, 1))),
    b!("split_string_n", "function(str: string, re: pattern, incl_sep: bool, max_num_sep: count): string_vec", bi_split_n),
    b!("join_string_vec", "function(vec: string_vec, sep: string): string", bi_join_vec),
    b!("sub", "function(str: string, re: pattern, repl: string): string", |_, _, a, _| Ok(replace(a, false))),
    b!("gsub", "function(str: string, re: pattern, repl: string): string", |_, _, a, _| Ok(replace(a, true))),
    b!("strip", "function(str: string): string", |_, _, a, _| Ok(Value::str(trim(bytes(&a[0]), WHITESPACE, true, true)))),
    b!("lstrip", r#"function(str: string, chars: string &default=" \t\n\r\v\f"): string"#, |_, _, a, _| {
        Ok(Value::str(trim(bytes(&a[0]), bytes(&a[1]), true, false)))
    }),
    b!("rstrip", r#"function(str: string, chars: string &default=" \t\n\r\v\f"): string"#, |_, _, a, _| {
        Ok(Value::str(trim(bytes(&a[0]), bytes(&a[1]), false, true)))
    }),
    b!("reverse", "function(str: string): string", |_, _, a, _| Ok(Value::str(bytes(&a[0]).iter().rev().copied().collect::<Vec<u8>>()))),
    b!("is_ascii", "function(str: string): bool", |_, _, a, _| Ok(Value::Bool(bytes(&a[0]).is_ascii()))),
    b!("escape_string", "function(s: string): string", |_, _, a, _| Ok(Value::str(format::escape_bytes(bytes(&a[0]))))),
    b!("to_string_literal", "function(str: string): string", bi_to_string_literal),
    b!("find_last", "function(str: string, re: pattern): string", bi_find_last),
];

fn bi_sub_bytes(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let s = bytes(&a[0]);
    let start = count(&a[1]) as usize;
    let n = int(&a[2]);
    // Bro counts from 1; 0 is treated as 1.
    let from = start.saturating_sub(1);
    if from >= s.len() {
        return Ok(Value::str(Vec::new()));
    }
    let end = if n < 0 { s.len() } else { (from + n as usize).min(s.len()) };
    Ok(Value::str(s[from..end].to_vec()))
}

fn bi_strstr(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let (big, little) = (bytes(&a[0]), bytes(&a[1]));
    if little.is_empty() {
        return Ok(Value::Count(1));
    }
    Ok(Value::Count(big.windows(little.len()).position(|w| w == little).map(|p| p as u64 + 1).unwrap_or(0)))
}

fn bi_strcmp(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(Value::Int(match bytes(&a[0]).cmp(bytes(&a[1])) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }))
}

fn matches(a: &[Value]) -> Vec<(usize, usize)> {
    pattern_matches(bytes(&a[0]), &a[1])
}

fn split(a: &[Value], include_seps: bool, max: usize) -> Value {
    string_vec(split_pieces(bytes(&a[0]), &a[1], include_seps, max))
}

fn bi_split_n(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(split(a, a[2].as_bool(), count(&a[3]) as usize))
}

fn bi_join_vec(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let sep = bytes(&a[1]).to_vec();
    let mut out = Vec::new();
    if let Value::Vector(v) = &a[0] {
        for (i, item) in v.borrow().items.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(&sep);
            }
            if let Some(item) = item {
                out.extend(format::render(item, Mode::Cat));
            }
        }
    }
    Ok(Value::str(out))
}

fn replace(a: &[Value], global: bool) -> Value {
    let s = bytes(&a[0]);
    let repl = bytes(&a[2]);
    let mut out = Vec::new();
    let mut last = 0;
    for (st, en) in matches(a) {
        out.extend_from_slice(&s[last..st]);
        out.extend_from_slice(repl);
        last = en;
        if !global {
            break;
        }
    }
    out.extend_from_slice(&s[last..]);
    Value::str(out)
}

/// The bytes C's `isspace` accepts, which `strip` removes and the
/// default of `lstrip` and `rstrip`.
const WHITESPACE: &[u8] = b" \t\n\r\x0b\x0c";

/// `s` without the leading and/or trailing bytes found in `strip`.
fn trim(s: &[u8], strip: &[u8], left: bool, right: bool) -> Vec<u8> {
    let mut a = 0;
    let mut z = s.len();
    if left {
        while a < z && strip.contains(&s[a]) {
            a += 1;
        }
    }
    if right {
        while z > a && strip.contains(&s[z - 1]) {
            z -= 1;
        }
    }
    s[a..z].to_vec()
}

fn bi_to_string_literal(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let mut out = Vec::new();
    for &b in bytes(&a[0]) {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b if !(0x20..=0x7e).contains(&b) => out.extend(format!("\\x{b:02x}").into_bytes()),
            b => out.push(b),
        }
    }
    Ok(Value::str(out))
}

fn bi_find_last(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let s = bytes(&a[0]);
    Ok(Value::str(matches(a).last().map(|(st, en)| s[*st..*en].to_vec()).unwrap_or_default()))
}
