//! Math, container and time built-ins from Bro's bro.bif.

use super::util::{bytes, int};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::Type;
use crate::eval::exec::{as_f64, Machine, Res, RtError, Unwind};
use crate::eval::value::{Value, VectorVal};
use crate::source::Span;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("enum_to_int", "function(e: any): int", |_, _, a, _| Ok(Value::Int(match &a[0] {
        Value::Enum(_, v) => i64::from(*v),
        _ => 0,
    }))),
    b!("any_set", "function(v: any): bool", |m, _, a, s| bool_vec(m, a, s, "any_set", false)),
    b!("all_set", "function(v: any): bool", |m, _, a, s| bool_vec(m, a, s, "all_set", true)),
    b!("order", "function(): index_vec", bi_order, variadic),
    b!("sort", "function(): any", bi_sort, variadic),
    b!("haversine_distance", "function(lat1: double, long1: double, lat2: double, long2: double): double", bi_haversine),
    b!("strftime", "function(fmt: string, d: time): string", bi_strftime),
    b!("strptime", "function(fmt: string, d: string): time", bi_strptime),
];

fn bool_vec(m: &mut Machine, a: &[Value], span: Span, name: &str, all: bool) -> Res<Value> {
    let Value::Vector(v) = &a[0] else {
        super::util::builtin_error(m, format!("{name}() requires vector of bool"), span, None);
        return Ok(Value::Bool(false));
    };
    let v = v.borrow();
    if !matches!(v.yield_type, Type::Bool) && !(v.items.is_empty() && matches!(v.yield_type, Type::Any)) {
        super::util::builtin_error(m, format!("{name}() requires vector of bool"), span, None);
        return Ok(Value::Bool(false));
    }
    let set = |i: &Option<Value>| i.as_ref().is_some_and(Value::as_bool);
    Ok(Value::Bool(if all { !v.items.is_empty() && v.items.iter().all(set) } else { v.items.iter().any(set) }))
}

fn natural(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Count(x), Value::Count(y)) => x.cmp(y),
        _ => as_f64(a).partial_cmp(&as_f64(b)).unwrap_or(Ordering::Equal),
    }
}

/// The permutation that sorts the vector (by the comparison function
/// if given, else by value).
fn permutation(m: &mut Machine, p: &Compiler, a: &[Value], span: Span, name: &str) -> Res<Option<Vec<usize>>> {
    let Some(Value::Vector(v)) = a.first() else {
        super::util::builtin_error(m, format!("{name}() requires vector"), span, None);
        return Ok(None);
    };
    let items: Vec<Option<Value>> = v.borrow().items.clone();
    let mut idx: Vec<usize> = (0..items.len()).collect();
    match a.get(1) {
        Some(f @ Value::Func(_)) => {
            // Comparison results computed up front, then a merge sort on them.
            let mut err = None;
            let mut cmp = |x: usize, y: usize, m: &mut Machine| -> Ordering {
                let (Some(vx), Some(vy)) = (&items[x], &items[y]) else { return Ordering::Equal };
                match m.call(p, f, vec![vx.clone(), vy.clone()], span) {
                    Ok(r) => int(&r).cmp(&0),
                    Err(e) => {
                        err.get_or_insert(e);
                        Ordering::Equal
                    }
                }
            };
            let mut sorted: Vec<usize> = Vec::with_capacity(idx.len());
            for i in idx {
                // insertion by binary search keeps the sort stable
                let pos = {
                    let (mut lo, mut hi) = (0, sorted.len());
                    while lo < hi {
                        let mid = (lo + hi) / 2;
                        if cmp(i, sorted[mid], m) == Ordering::Less {
                            hi = mid;
                        } else {
                            lo = mid + 1;
                        }
                    }
                    lo
                };
                sorted.insert(pos, i);
            }
            if let Some(e) = err {
                return Err(e);
            }
            Ok(Some(sorted))
        }
        Some(_) => {
            super::util::builtin_error(m, format!("second argument to {name}() needs to be comparison function"), span, None);
            Ok(None)
        }
        None => {
            // Bro complains about non-integral types but still sorts numbers.
            let yt = v.borrow().yield_type.clone();
            if !matches!(yt, Type::Int | Type::Count) {
                super::util::builtin_error(m, format!("comparison function required for {name}() with non-integral types"), span, None);
                if !matches!(yt, Type::Double | Type::Time | Type::Interval) {
                    return Ok(None);
                }
            }
            idx.sort_by(|&x, &y| match (&items[x], &items[y]) {
                (Some(a), Some(b)) => natural(a, b),
                _ => Ordering::Equal,
            });
            Ok(Some(idx))
        }
    }
}

fn bi_order(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let perm = permutation(m, p, a, span, "order")?.unwrap_or_default();
    Ok(Value::Vector(Rc::new(RefCell::new(VectorVal {
        yield_type: Type::Count,
        items: perm.into_iter().map(|i| Some(Value::Count(i as u64))).collect(),
    }))))
}

fn bi_sort(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    if let Some(perm) = permutation(m, p, a, span, "sort")? {
        if let Some(Value::Vector(v)) = a.first() {
            let old = v.borrow().items.clone();
            v.borrow_mut().items = perm.into_iter().map(|i| old[i].clone()).collect();
        }
    }
    Ok(a.first().cloned().unwrap_or(Value::Bool(false)))
}

fn bi_haversine(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    const PI: f64 = 3.14159;
    const RADIUS: f64 = 3958.8;
    let (lat1, long1, lat2, long2) = (as_f64(&a[0]), as_f64(&a[1]), as_f64(&a[2]), as_f64(&a[3]));
    let s1 = ((lat2 - lat1) * PI / 360.0).sin();
    let s2 = ((long2 - long1) * PI / 360.0).sin();
    let x = s1 * s1 + (lat1 * PI / 180.0).cos() * (lat2 * PI / 180.0).cos() * s2 * s2;
    Ok(Value::Double(2.0 * RADIUS * x.sqrt().asin()))
}

// ---- time (UTC, as the tests run with TZ=UTC) ----

const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

fn strftime(fmt: &[u8], t: i64) -> Vec<u8> {
    let days = t.div_euclid(86400);
    let secs = t.rem_euclid(86400);
    let (y, mo, d) = crate::text::civil_from_days(days);
    let (h, mi, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let wday = (days + 4).rem_euclid(7) as usize;
    let yday = days - crate::text::days_from_civil(y, 1, 1) + 1;
    let mut out = String::new();
    let mut it = fmt.iter();
    while let Some(&c) = it.next() {
        if c != b'%' {
            out.push(c as char);
            continue;
        }
        let Some(&k) = it.next() else {
            out.push('%');
            break;
        };
        match k {
            b'Y' => out += &y.to_string(),
            b'y' => out += &format!("{:02}", y.rem_euclid(100)),
            b'C' => out += &format!("{:02}", y.div_euclid(100)),
            b'm' => out += &format!("{mo:02}"),
            b'd' => out += &format!("{d:02}"),
            b'e' => out += &format!("{d:2}"),
            b'H' => out += &format!("{h:02}"),
            b'I' => out += &format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 }),
            b'M' => out += &format!("{mi:02}"),
            b'S' => out += &format!("{s:02}"),
            b'p' => out += if h < 12 { "AM" } else { "PM" },
            b'j' => out += &format!("{yday:03}"),
            b'b' | b'h' => out += &MONTHS[mo as usize - 1][..3],
            b'B' => out += MONTHS[mo as usize - 1],
            b'a' => out += &DAYS[wday][..3],
            b'A' => out += DAYS[wday],
            b'w' => out += &wday.to_string(),
            b'u' => out += &(if wday == 0 { 7 } else { wday }).to_string(),
            b's' => out += &t.to_string(),
            b'z' => out += "+0000",
            b'Z' => out += "UTC",
            b'F' => out += &format!("{y}-{mo:02}-{d:02}"),
            b'D' => out += &format!("{mo:02}/{d:02}/{:02}", y.rem_euclid(100)),
            b'T' => out += &format!("{h:02}:{mi:02}:{s:02}"),
            b'R' => out += &format!("{h:02}:{mi:02}"),
            b'n' => out.push('\n'),
            b't' => out.push('\t'),
            b'%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other as char);
            }
        }
    }
    out.into_bytes()
}

fn bi_strftime(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    Ok(Value::str(strftime(bytes(&a[0]), as_f64(&a[1]).floor() as i64)))
}

/// A subset of glibc's `strptime`, fields left unset are those of the
/// epoch's day.
fn strptime(fmt: &[u8], s: &[u8]) -> Option<f64> {
    let (mut y, mut mo, mut d, mut h, mut mi, mut sec) = (1900i64, 1i64, 0i64, 0i64, 0i64, 0i64);
    let mut pos = 0;
    let num = |pos: &mut usize, max: usize| -> Option<i64> {
        while *pos < s.len() && s[*pos].is_ascii_whitespace() {
            *pos += 1;
        }
        let start = *pos;
        let neg = s.get(*pos) == Some(&b'-') || s.get(*pos) == Some(&b'+');
        if neg {
            *pos += 1;
        }
        while *pos < s.len() && s[*pos].is_ascii_digit() && *pos - start < max {
            *pos += 1;
        }
        let txt = std::str::from_utf8(&s[start..*pos]).ok()?;
        txt.parse().ok()
    };
    let mut it = fmt.iter();
    while let Some(&c) = it.next() {
        if c.is_ascii_whitespace() {
            while pos < s.len() && s[pos].is_ascii_whitespace() {
                pos += 1;
            }
            continue;
        }
        if c != b'%' {
            if s.get(pos) != Some(&c) {
                return None;
            }
            pos += 1;
            continue;
        }
        let k = *it.next()?;
        let in_range = |v: i64, lo: i64, hi: i64| (lo..=hi).contains(&v).then_some(v);
        match k {
            b'Y' => y = num(&mut pos, 4)?,
            b'y' => {
                let v = in_range(num(&mut pos, 2)?, 0, 99)?;
                y = if v < 69 { 2000 + v } else { 1900 + v };
            }
            b'm' => mo = in_range(num(&mut pos, 2)?, 1, 12)?,
            b'd' | b'e' => d = in_range(num(&mut pos, 2)?, 1, 31)?,
            b'H' => h = in_range(num(&mut pos, 2)?, 0, 23)?,
            b'M' => mi = in_range(num(&mut pos, 2)?, 0, 59)?,
            b'S' => sec = in_range(num(&mut pos, 2)?, 0, 61)?,
            b'b' | b'B' | b'h' => {
                let rest = &s[pos..];
                let (i, len) = MONTHS.iter().enumerate().find_map(|(i, name)| {
                    let full = name.as_bytes();
                    if rest.len() >= full.len() && rest[..full.len()].eq_ignore_ascii_case(full) {
                        Some((i, full.len()))
                    } else if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(&full[..3]) {
                        Some((i, 3))
                    } else {
                        None
                    }
                })?;
                mo = i as i64 + 1;
                pos += len;
            }
            b'T' => {
                h = in_range(num(&mut pos, 2)?, 0, 23)?;
                (s.get(pos) == Some(&b':')).then_some(())?;
                pos += 1;
                mi = in_range(num(&mut pos, 2)?, 0, 59)?;
                (s.get(pos) == Some(&b':')).then_some(())?;
                pos += 1;
                sec = in_range(num(&mut pos, 2)?, 0, 61)?;
            }
            b's' => return num(&mut pos, 20).map(|v| v as f64),
            b'%' => {
                (s.get(pos) == Some(&b'%')).then_some(())?;
                pos += 1;
            }
            _ => return None,
        }
    }
    // mktime normalizes a zero day of the month to the previous month's last day.
    Some((crate::text::days_from_civil(y, mo, 1) + d - 1) as f64 * 86400.0 + (h * 3600 + mi * 60 + sec) as f64)
}

fn bi_strptime(m: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let (fmt, s) = (bytes(&a[0]), bytes(&a[1]));
    match strptime(fmt, s) {
        Some(t) => Ok(Value::Time(t)),
        None => {
            let msg = format!("strptime conversion failed: fmt:{} d:{}", String::from_utf8_lossy(fmt), String::from_utf8_lossy(s));
            m.report(&RtError { unwind: Unwind::Stmt, kind: "warning", msg, span: None });
            Ok(Value::Time(0.0))
        }
    }
}
