//! Bro's text for numbers, intervals and addresses: the pieces of its
//! value descriptions that the checker's messages need as much as the
//! evaluator's `print` and `fmt`, so both share one implementation here.
//! Also the calendar arithmetic that time formatting (`strftime`, log
//! timestamps) shares.

use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An address as Bro prints it: IPv4 (also IPv4-mapped IPv6) dotted, other
/// IPv6 addresses in glibc `inet_ntop` form (`::1.2.3.4` stays dotted).
pub fn addr_to_string(a: &IpAddr) -> String {
    match a {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => ntop6(v6),
        },
    }
}

/// A subnet as Bro prints it: the masked prefix, `/`, the width (IPv4
/// prefixes stored as mapped IPv6 show their IPv4 width).
pub fn subnet_to_string(a: &IpAddr, width: u8) -> String {
    match a {
        IpAddr::V4(v4) => {
            let w = width.min(32) as u32;
            let mask = if w == 0 { 0 } else { u32::MAX << (32 - w) };
            format!("{}/{}", Ipv4Addr::from(u32::from(*v4) & mask), w)
        }
        IpAddr::V6(v6) => {
            let w = width.min(128) as u32;
            let mask = if w == 0 { 0 } else { u128::MAX << (128 - w) };
            let masked = Ipv6Addr::from(u128::from(*v6) & mask);
            match masked.to_ipv4_mapped() {
                Some(v4) => format!("{}/{}", v4, w.saturating_sub(96)),
                None => format!("{}/{}", ntop6(&masked), w),
            }
        }
    }
}

/// The glibc `inet_ntop` IPv6 form: the first longest run (>= 2) of zero
/// words becomes `::`; an address whose first 96 bits are zero (or that is
/// `::ffff:0:0/96`-ish) ends in dotted-quad form.
fn ntop6(a: &Ipv6Addr) -> String {
    let w = a.segments();
    let (mut best, mut cur): ((i32, i32), (i32, i32)) = ((-1, 0), (-1, 0));
    for (i, &x) in w.iter().enumerate() {
        if x == 0 {
            if cur.0 == -1 {
                cur = (i as i32, 1);
            } else {
                cur.1 += 1;
            }
        } else if cur.0 != -1 {
            if best.0 == -1 || cur.1 > best.1 {
                best = cur;
            }
            cur = (-1, 0);
        }
    }
    if cur.0 != -1 && (best.0 == -1 || cur.1 > best.1) {
        best = cur;
    }
    if best.0 != -1 && best.1 < 2 {
        best = (-1, 0);
    }
    let mut s = String::new();
    for i in 0..8i32 {
        if best.0 != -1 && i >= best.0 && i < best.0 + best.1 {
            if i == best.0 {
                s.push(':');
            }
            continue;
        }
        if i != 0 {
            s.push(':');
        }
        // Bro also prints SIIT addresses (`::ffff:0:a.b.c.d`) with a dotted tail.
        if i == 6 && best.0 == 0 && (best.1 == 6 || (best.1 == 5 && w[5] == 0xffff) || (best.1 == 4 && w[4] == 0xffff && w[5] == 0)) {
            let o = a.octets();
            let _ = write!(s, "{}.{}.{}.{}", o[12], o[13], o[14], o[15]);
            return s;
        }
        let _ = write!(s, "{:x}", w[i as usize]);
    }
    if best.0 != -1 && best.0 + best.1 == 8 {
        s.push(':');
    }
    s
}

/// C's `(int) d` on x86-64: truncation, INT_MIN when out of range or NaN.
pub(crate) fn c_int(d: f64) -> i32 {
    if d.is_nan() || d >= 2147483648.0 || d <= -2147483649.0 {
        i32::MIN
    } else {
        d as i32
    }
}

/// Doubles as Bro prints them: six decimals with trailing zeros dropped
/// (none left: no point), `.0` appended when the value is integral and fits
/// a C int, `%e` form above 2^31-1.
pub fn double_to_bytes(d: f64) -> String {
    let mut s = dtoa6(d);
    if !d.is_nan() && c_int(d) as f64 == d {
        s.push_str(".0");
    }
    s
}

/// The six-decimal conversion Bro's descriptions use (a port of the
/// algorithm of the modp library's `dtoa2`, rounding quirks included).
fn dtoa6(value: f64) -> String {
    const PREC: i32 = 6;
    const POW: f64 = 1e6;
    if value.is_nan() {
        return "nan".into();
    }
    let neg = value < 0.0;
    let v = if neg { -value } else { value };
    if v > 2147483647.0 {
        return c_float(b'e', false, false, -1, -1, if neg { -v } else { v });
    }
    let mut whole = v as i32;
    let tmp = (v - whole as f64) * POW;
    let mut frac = tmp as u32;
    let diff = tmp - frac as f64;
    if diff > 0.5 {
        frac += 1;
        if frac as f64 >= POW {
            frac = 0;
            whole += 1;
        }
    } else if diff == 0.5 && (frac == 0 || frac & 1 == 1) {
        frac += 1;
    }
    // Built backwards, then reversed, as the original does.
    let mut rev: Vec<u8> = Vec::new();
    if frac != 0 {
        let mut count = PREC;
        while frac.is_multiple_of(10) {
            count -= 1;
            frac /= 10;
        }
        loop {
            count -= 1;
            rev.push(b'0' + (frac % 10) as u8);
            frac /= 10;
            if frac == 0 {
                break;
            }
        }
        while count > 0 {
            count -= 1;
            rev.push(b'0');
        }
        rev.push(b'.');
    }
    loop {
        rev.push(b'0' + (whole % 10) as u8);
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    if neg {
        rev.push(b'-');
    }
    rev.reverse();
    String::from_utf8(rev).unwrap()
}

/// Intervals as Bro prints them: days, hrs, mins, secs, msecs, usecs, each
/// a whole number with `.0` and a plural `s` unless +-1; `0 secs` for zero;
/// empty when everything is below a microsecond.
pub fn interval_to_string(secs: f64) -> String {
    if secs == 0.0 {
        return "0 secs".into();
    }
    const UNITS: [(f64, &str); 6] =
        [(86400.0, "day"), (3600.0, "hr"), (60.0, "min"), (1.0, "sec"), (1e-3, "msec"), (1e-6, "usec")];
    let mut v = secs;
    let mut s = String::new();
    for (unit, name) in UNITS {
        if v >= unit || v <= -unit {
            let num = c_int(v / unit) as f64;
            if num != 0.0 {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(&double_to_bytes(num));
                s.push(' ');
                s.push_str(name);
                if num != 1.0 && num != -1.0 {
                    s.push('s');
                }
                v -= num * unit;
            }
        }
    }
    s
}

// C printf emulation for the pieces fmt() hands to snprintf.

/// Pads `sign + body` to `width` as printf does.
pub(crate) fn pad_num(sign: &str, body: &str, left: bool, zero: bool, width: i32) -> String {
    let len = (sign.len() + body.len()) as i32;
    let fill = (width - len).max(0) as usize;
    if left {
        format!("{sign}{body}{}", " ".repeat(fill))
    } else if zero {
        format!("{sign}{}{body}", "0".repeat(fill))
    } else {
        format!("{}{sign}{body}", " ".repeat(fill))
    }
}

/// `%e` body of a non-negative finite value: `d.ddddde+XX`.
pub(crate) fn exp_body(x: f64, prec: usize) -> (String, i32) {
    let s = format!("{x:.prec$e}");
    let (mant, exp) = s.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let sign = if exp < 0 { '-' } else { '+' };
    (format!("{mant}e{sign}{:02}", exp.abs()), exp)
}

/// printf's `%e`, `%f`, `%g` with flags `-`/`0`, a width and a precision
/// (-1 when absent).
pub(crate) fn c_float(conv: u8, left: bool, zero: bool, width: i32, prec: i32, x: f64) -> String {
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let a = x.abs();
    if !a.is_finite() {
        let body = if a.is_nan() { "nan" } else { "inf" };
        return pad_num(sign, body, left, false, width);
    }
    let p = if prec < 0 { 6 } else { prec as usize };
    let body = match conv {
        b'f' => format!("{a:.p$}"),
        b'e' => exp_body(a, p).0,
        _ => {
            let p = if p == 0 { 1 } else { p };
            let x_exp = if a == 0.0 { 0 } else { exp_body(a, p - 1).1 };
            let mut s = if (x_exp as i64) < p as i64 && x_exp >= -4 {
                format!("{a:.*}", (p as i64 - 1 - x_exp as i64) as usize)
            } else {
                exp_body(a, p - 1).0
            };
            // Drop trailing zeros of the fraction (and a bare point).
            let (num, tail) = match s.find('e') {
                Some(i) => (s[..i].to_string(), s[i..].to_string()),
                None => (s.clone(), String::new()),
            };
            if num.contains('.') {
                let t = num.trim_end_matches('0').trim_end_matches('.');
                s = format!("{t}{tail}");
            }
            s
        }
    };
    pad_num(sign, &body, left, zero, width)
}

/// Days since the epoch of a (year, month, day) in the proleptic Gregorian
/// calendar.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// (year, month, day) of a count of days since the epoch, proleptic
/// Gregorian.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
