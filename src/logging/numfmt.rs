//! Numbers as Bro's log formats write them. Bro converts doubles with the
//! modp library's fast conversions (six decimals, their own rounding,
//! `%e` above 2^31-1); these are ports of those algorithms, so that logs
//! carry the same digits.

/// Above this, the conversions fall back to `printf`.
const THRESHOLD: f64 = 2147483647.0;

const POW10: [f64; 10] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/// C's `%e`: `d.dddddde+XX`.
fn c_exp(v: f64) -> String {
    if v.is_infinite() {
        return if v < 0.0 { "-inf".into() } else { "inf".into() };
    }
    let s = format!("{v:.6e}");
    match s.split_once('e') {
        Some((mantissa, exp)) => {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

/// C's `%.{prec}f`.
fn c_fixed(v: f64, prec: usize) -> String {
    if v.is_infinite() {
        return if v < 0.0 { "-inf".into() } else { "inf".into() };
    }
    format!("{v:.prec$}")
}

/// The fraction digits, how: `Keep` all `prec` of them, `Trim` trailing
/// zeros (and the point when none are left).
#[derive(Clone, Copy, PartialEq)]
enum Frac {
    Keep,
    Trim,
}

/// The shared core of the conversions; `exp_above` says whether large
/// values use `%e` (else `%f` with trailing zeros trimmed).
fn convert(value: f64, prec: usize, frac_style: Frac, exp_above: bool) -> String {
    if value.is_nan() {
        return "nan".into();
    }
    let prec = prec.min(9);
    let neg = value < 0.0;
    let v = if neg { -value } else { value };
    if v > THRESHOLD {
        let signed = if neg { -v } else { v };
        if exp_above {
            return c_exp(signed);
        }
        let mut s = c_fixed(signed, prec);
        if s.contains('.') {
            while s.ends_with('0') {
                s.pop();
            }
            if s.ends_with('.') {
                s.pop();
            }
        }
        return s;
    }
    let mut whole = v as i64;
    let tmp = (v - whole as f64) * POW10[prec];
    let mut frac = tmp as u64;
    let diff = tmp - frac as f64;
    if diff > 0.5 {
        frac += 1;
        if frac as f64 >= POW10[prec] {
            frac = 0;
            whole += 1;
        }
    } else if diff == 0.5 && (frac == 0 || frac & 1 == 1) {
        // The library rounds a tie up when the digit is odd or zero.
        frac += 1;
    }
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if prec == 0 {
        let diff = v - whole as f64;
        if diff > 0.5 || (diff == 0.5 && whole & 1 == 1) {
            whole += 1;
        }
        out.push_str(&whole.to_string());
        return out;
    }
    out.push_str(&whole.to_string());
    match frac_style {
        Frac::Keep => {
            out.push('.');
            out.push_str(&format!("{frac:0>prec$}"));
        }
        Frac::Trim if frac != 0 => {
            let mut digits = format!("{frac:0>prec$}");
            while digits.ends_with('0') {
                digits.pop();
            }
            out.push('.');
            out.push_str(&digits);
        }
        Frac::Trim => {}
    }
    out
}

/// Six decimals, trailing zeros kept (`1234567890.000000`): how times and
/// intervals appear in ASCII logs.
pub fn fixed6(value: f64) -> String {
    convert(value, 6, Frac::Keep, true)
}

/// A double as Bro's descriptions add one: up to six decimals without
/// trailing zeros, `.0` on integral values; above 2^31-1 in `%e` form, or
/// with `no_exp` in full (`3140000000000000.0`).
pub fn double(value: f64, no_exp: bool) -> String {
    let mut s = convert(value, 6, Frac::Trim, !no_exp);
    if value.is_finite() && value.round_ties_even() == value && !s.contains('e') {
        s.push_str(".0");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_without_exponent_match_bros_ascii_logs() {
        assert_eq!(double(2153226000.0, true), "2153226000.0");
        assert_eq!(double(2153226000.1, true), "2153226000.1");
        assert_eq!(double(2153226000.123456789, true), "2153226000.123457");
        assert_eq!(double(1.0, true), "1.0");
        assert_eq!(double(-1.123456789, true), "-1.123457");
        assert_eq!(double(0.1234, true), "0.1234");
        assert_eq!(double(-50000.0, true), "-50000.0");
        assert_eq!(double(3.14e15, true), "3140000000000000.0");
        assert_eq!(double(1.23456789e-5, true), "0.000012");
        assert_eq!(double(2.23e-308, true), "0");
        assert_eq!(double(-2.23e-308, true), "-0");
        assert_eq!(double(-0.0, true), "0.0");
        assert_eq!(double(f64::INFINITY, true), "inf");
        assert_eq!(double(f64::NEG_INFINITY, true), "-inf");
        assert_eq!(double(f64::NAN, true), "nan");
        assert!(double(1.79e308, true).starts_with("178999999999999996376899522972626047077637637819240219954027593177370961667659291027329061638406108931437333529420935752785895444161234074984843178962619172326295244262722141766382622299223626438470088150218987997954747866198184686628013966119769261150988554952970462018533787926725176560021258785656871583744"));
        assert!(double(1.79e308, true).ends_with("744.0"));
    }

    #[test]
    fn doubles_with_exponent_match_bros_json_logs() {
        assert_eq!(double(2153226000.0, false), "2.153226e+09");
        assert_eq!(double(3.14e15, false), "3.140000e+15");
        assert_eq!(double(-1.79e308, false), "-1.790000e+308");
        assert_eq!(double(50000.0, false), "50000.0");
        assert_eq!(double(1215620010.54321, false), "1215620010.54321");
        assert_eq!(double(f64::NEG_INFINITY, false), "-inf");
    }

    #[test]
    fn fixed_keeps_six_decimals() {
        assert_eq!(fixed6(1234567890.0), "1234567890.000000");
        assert_eq!(fixed6(1234567890.01), "1234567890.010000");
        assert_eq!(fixed6(1234567890.000001), "1234567890.000001");
        assert_eq!(fixed6(1234567890.0000001), "1234567890.000000");
        assert_eq!(fixed6(100.0), "100.000000");
        assert_eq!(fixed6(-0.5), "-0.500000");
    }
}
