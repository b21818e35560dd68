//! More string built-ins from Bro's strings.bif and bro.bif: the old
//! table-returning splitters, string arrays, escaping, hex and base64
//! codecs, edit distances and hexdumps.

use super::core::string_vec;
use super::util::{bytes, count, error, pattern_matches, split_pieces};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::{TableType, Type};
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::value::{TableVal, Value};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("string_fill", "function(len: int, source: string): string", bi_string_fill),
    b!("split", "function(str: string, re: pattern): string_array", |_, _, a, _| Ok(split_table(a, false, usize::MAX))),
    b!("split1", "function(str: string, re: pattern): string_array", |_, _, a, _| Ok(split_table(a, false, 1))),
    b!("split_all", "function(str: string, re: pattern): string_array", |_, _, a, _| Ok(split_table(a, true, usize::MAX))),
    b!("split_n", "function(str: string, re: pattern, incl_sep: bool, max_num_sep: count): string_array", |_, _, a, _| {
        Ok(split_table(a, a[2].as_bool(), count(&a[3]) as usize))
    }),
    b!("str_split", "function(s: string, idx: index_vec): string_vec", bi_str_split),
    b!("cat_string_array", "function(a: string_array): string", bi_cat_string_array),
    b!("cat_string_array_n", "function(a: string_array, start: count, end: count): string", bi_cat_string_array_n),
    b!("join_string_array", "function(sep: string, a: string_array): string", bi_join_string_array),
    b!("sort_string_array", "function(a: string_array): string_array", bi_sort_string_array),
    b!("join_string_set", "function(ss: string_set, sep: string): string", bi_join_string_set),
    b!("convert_for_pattern", "function(s: string): string", |_, _, a, _| Ok(Value::str(convert_for_pattern(bytes(&a[0]))))),
    b!("string_to_pattern", "function(s: string, convert: bool): pattern", bi_string_to_pattern),
    b!("edit", "function(arg_s: string, arg_edit_char: string): string", bi_edit),
    b!("levenshtein_distance", "function(s1: string, s2: string): count", bi_levenshtein),
    b!("hexdump", "function(data_str: string): string", |_, _, a, _| Ok(Value::str(hexdump(bytes(&a[0]))))),
    b!("bytestring_to_hexstr", "function(bytestring: string): string", |_, _, a, _| {
        Ok(Value::str(bytes(&a[0]).iter().map(|b| format!("{b:02x}")).collect::<String>()))
    }),
    b!("hexstr_to_bytestring", "function(hexstr: string): string", bi_hexstr_to_bytestring),
    b!("bytestring_to_count", "function(s: string, is_le: bool &default=F): count", bi_bytestring_to_count),
    b!("decode_base64", "function(s: string, a: string &default=\"\"): string", bi_decode_base64),
    b!("decode_base64_custom", "function(s: string, a: string): string", bi_decode_base64),
    b!("encode_base64", "function(s: string, a: string &default=\"\"): string", bi_encode_base64),
    b!("encode_base64_custom", "function(s: string, a: string): string", bi_encode_base64),
    b!("subst_string", "function(s: string, from: string, to: string): string", bi_subst_string),
    b!("str_shell_escape", "function(source: string): string", bi_str_shell_escape),
    b!("find_all", "function(str: string, re: pattern): string_set", bi_find_all),
];

fn string_array(items: impl IntoIterator<Item = (u64, Vec<u8>)>) -> Value {
    let ty = Rc::new(TableType { index: vec![Type::Count], yield_type: Some(Type::String) });
    let mut t = TableVal::new(ty);
    for (i, s) in items {
        t.insert(vec![Value::Count(i)], Some(Value::str(s)));
    }
    Value::Table(Rc::new(RefCell::new(t)))
}

fn string_set(items: impl IntoIterator<Item = Vec<u8>>) -> Value {
    let ty = Rc::new(TableType { index: vec![Type::String], yield_type: None });
    let mut t = TableVal::new(ty);
    for s in items {
        t.insert(vec![Value::str(s)], None);
    }
    Value::Table(Rc::new(RefCell::new(t)))
}

fn split_table(a: &[Value], include_seps: bool, max: usize) -> Value {
    let pieces = split_pieces(bytes(&a[0]), &a[1], include_seps, max);
    string_array(pieces.into_iter().enumerate().map(|(i, s)| (i as u64 + 1, s)))
}

/// Bro's `BroString::Split`: the pieces between sorted, deduplicated
/// cut points (out-of-range ones count as 0), stored from index 1.
fn bi_str_split(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let s = bytes(&a[0]);
    let n = s.len() as u64;
    let mut idx: Vec<u64> = vec![0];
    if let Value::Vector(v) = &a[1] {
        idx.extend(v.borrow().items.iter().map(|i| i.as_ref().map(count).unwrap_or(0)));
    }
    if idx.len() == 1 {
        return Ok(string_vec(Vec::new()));
    }
    for i in idx.iter_mut() {
        if *i >= n {
            *i = 0;
        }
    }
    idx.sort();
    idx.dedup();
    let mut items = vec![None];
    for (k, &st) in idx.iter().enumerate() {
        let next = idx.get(k + 1).copied().unwrap_or(n);
        items.push(Some(Value::str(s[st as usize..next as usize].to_vec())));
    }
    let v = string_vec(Vec::new());
    if let Value::Vector(vv) = &v {
        vv.borrow_mut().items = items;
    }
    Ok(v)
}

fn array_get(a: &Value, i: u64) -> Option<Vec<u8>> {
    match a {
        Value::Table(t) => t.borrow().get(&Value::Count(i).key()).and_then(|e| e.value.as_ref().map(|v| bytes(v).to_vec())),
        _ => None,
    }
}

fn table_len(a: &Value) -> u64 {
    match a {
        Value::Table(t) => t.borrow().len() as u64,
        _ => 0,
    }
}

fn bi_cat_string_array(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let mut out = Vec::new();
    for i in 1..=table_len(&a[0]) {
        out.extend(array_get(&a[0], i).unwrap_or_default());
    }
    Ok(Value::str(out))
}

fn bi_cat_string_array_n(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let mut out = Vec::new();
    let (start, end) = (count(&a[1]), count(&a[2]));
    let mut i = start;
    while i <= end && i < table_len(&a[0]).max(end + 1) {
        out.extend(array_get(&a[0], i).unwrap_or_default());
        i += 1;
    }
    Ok(Value::str(out))
}

fn bi_join_string_array(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let sep = bytes(&a[0]);
    let mut out = Vec::new();
    let n = table_len(&a[1]);
    for i in 1..=n {
        out.extend(array_get(&a[1], i).unwrap_or_default());
        if i < n {
            out.extend_from_slice(sep);
        }
    }
    Ok(Value::str(out))
}

fn bi_sort_string_array(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let mut items: Vec<Vec<u8>> = (1..=table_len(&a[0])).filter_map(|i| array_get(&a[0], i)).collect();
    items.sort();
    Ok(string_array(items.into_iter().enumerate().map(|(i, s)| (i as u64 + 1, s))))
}

fn bi_join_string_set(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let sep = bytes(&a[1]);
    let mut out = Vec::new();
    if let Value::Table(t) = &a[0] {
        for (i, e) in t.borrow().ordered().into_iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(sep);
            }
            out.extend_from_slice(e.index.first().map(bytes).unwrap_or(&[]));
        }
    }
    Ok(Value::str(out))
}

fn convert_for_pattern(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for &c in s {
        if b"^$-:\"\\/|*+?.(){}[]".contains(&c) {
            out.push(b'\\');
        }
        out.push(c);
    }
    out
}

fn bi_string_to_pattern(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let s = bytes(&a[0]);
    let text = if a[1].as_bool() { convert_for_pattern(s) } else { s.to_vec() };
    let text = String::from_utf8_lossy(&text).into_owned();
    match crate::eval::pattern::compile(&text, false) {
        Ok(p) => Ok(Value::Pattern(p)),
        Err(e) => {
            m.report(&error(format!("bad pattern {text}: {e}"), span));
            Ok(Value::Pattern(crate::eval::pattern::compile("", false).expect("empty pattern")))
        }
    }
}

fn bi_edit(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let e = bytes(&a[1]);
    if e.len() != 1 {
        super::util::builtin_error(m, "not exactly one edit character", span, Some(&a[1]));
    }
    let ec = e.first().copied();
    let mut out: Vec<u8> = Vec::new();
    for &c in bytes(&a[0]) {
        if Some(c) == ec {
            out.pop();
        } else {
            out.push(c);
        }
    }
    Ok(Value::str(out))
}

fn bi_levenshtein(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let (s, t) = (bytes(&a[0]), bytes(&a[1]));
    let mut prev: Vec<usize> = (0..=t.len()).collect();
    for (i, &sc) in s.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, &tc) in t.iter().enumerate() {
            let sub = prev[j] + usize::from(sc != tc);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    Ok(Value::Count(prev[t.len()] as u64))
}

fn hexdump(data: &[u8]) -> Vec<u8> {
    let mut out = String::new();
    for (line, chunk) in data.chunks(16).enumerate() {
        out += &format!("{:04x}  ", line * 16);
        for i in 0..16 {
            match chunk.get(i) {
                Some(b) => out += &format!("{b:02x} "),
                None => out += "   ",
            }
            if i == 7 {
                out.push(' ');
            }
        }
        out.push(' ');
        for (i, &b) in chunk.iter().enumerate() {
            out.push(if (0x20..0x7f).contains(&b) { b as char } else { '.' });
            if i == 7 {
                out.push(' ');
            }
        }
        out.push('\n');
    }
    out.into_bytes()
}

fn bi_hexstr_to_bytestring(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let s = bytes(&a[0]);
    if s.len() % 2 != 0 {
        let msg = format!("Hex string '{}' has invalid length (not divisible by 2)", String::from_utf8_lossy(s));
        m.report(&RtError { unwind: Unwind::Stmt, kind: "error", msg, span: None });
        return Ok(Value::str(Vec::new()));
    }
    let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
    Ok(Value::str(s.chunks(2).map(|p| hex(p[0]) << 4 | hex(p[1])).collect::<Vec<u8>>()))
}

fn bi_bytestring_to_count(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let s = bytes(&a[0]);
    if ![1, 2, 4, 8].contains(&s.len()) {
        super::util::builtin_error(m, "unsupported byte length for bytestring_to_count", span, None);
        return Ok(Value::Count(0));
    }
    let mut v = s.to_vec();
    if a.get(1).is_some_and(Value::as_bool) {
        v.reverse();
    }
    Ok(Value::Count(v.iter().fold(0u64, |acc, &b| acc << 8 | b as u64)))
}

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn alphabet<'a>(m: &mut Machine, a: &'a [Value], span: Span) -> Option<&'a [u8]> {
    let alpha = a.get(1).map(bytes).unwrap_or(&[]);
    if alpha.is_empty() {
        Some(B64)
    } else if alpha.len() != 64 {
        m.report(&error(format!("base64 alphabet is not 64 characters: {}", String::from_utf8_lossy(alpha)), span));
        None
    } else {
        Some(alpha)
    }
}

fn bi_decode_base64(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(alpha) = alphabet(m, a, span) else { return Ok(Value::str(Vec::new())) };
    let mut map = [255u8; 256];
    for (i, &c) in alpha.iter().enumerate() {
        map[c as usize] = i as u8;
    }
    let (mut acc, mut bits, mut out) = (0u32, 0, Vec::new());
    for &c in bytes(&a[0]) {
        if c == b'=' {
            break;
        }
        let v = map[c as usize];
        if v == 255 {
            continue;
        }
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Ok(Value::str(out))
}

fn bi_encode_base64(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(alpha) = alphabet(m, a, span) else { return Ok(Value::str(Vec::new())) };
    let mut out = Vec::new();
    for chunk in bytes(&a[0]).chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(alpha[(n >> (18 - 6 * i) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    Ok(Value::str(out))
}

fn bi_subst_string(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let (s, from, to) = (bytes(&a[0]), bytes(&a[1]), bytes(&a[2]));
    if from.is_empty() {
        return Ok(Value::str(s.to_vec()));
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    Ok(Value::str(out))
}

fn bi_str_shell_escape(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let mut out = Vec::new();
    for &c in bytes(&a[0]) {
        if b"`\"\\$".contains(&c) {
            out.push(b'\\');
        }
        out.push(c);
    }
    Ok(Value::str(out))
}

fn bi_find_all(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let s = bytes(&a[0]);
    Ok(string_set(pattern_matches(s, &a[1]).into_iter().map(|(st, en)| s[st..en].to_vec())))
}

/// `len` bytes of `source` repeated, the last one a NUL (as Bro's C string).
fn bi_string_fill(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let len = super::util::int(&a[0]).max(0) as usize;
    let src = bytes(&a[1]);
    if len == 0 {
        return Ok(Value::str(Vec::new()));
    }
    let mut out: Vec<u8> = if src.is_empty() { vec![0; len] } else { src.iter().cycle().take(len).copied().collect() };
    out[len - 1] = 0;
    Ok(Value::str(out))
}
