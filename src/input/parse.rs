//! Text to values as Bro's ASCII formatter reads them: `\xHH` escapes,
//! the unset and empty markers, sets and vectors split at the set
//! separator, numbers with C's `strtoll`/`strtoull`/`strtod` leniency and
//! Bro's warnings about them.

use super::{InVal, Kind, PortProto};
use std::net::IpAddr;

/// The markers a text format uses.
#[derive(Clone, Debug)]
pub struct Markers {
    /// Between the elements of a set or vector.
    pub set_separator: Vec<u8>,
    /// An empty string, set or vector.
    pub empty_field: Vec<u8>,
    /// An unset field.
    pub unset_field: Vec<u8>,
}

/// `\xHH` sequences turned into their bytes; everything else kept.
pub fn unescape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\\' && i + 3 < s.len() && s.get(i + 1) == Some(&b'x') {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(a), Some(b)) = (s.get(i + 2).and_then(|c| hex(*c)), s.get(i + 3).and_then(|c| hex(*c))) {
                out.push((a * 16 + b) as u8);
                i += 4;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

fn lossy(s: &[u8]) -> String {
    String::from_utf8_lossy(s).into_owned()
}

/// Where C's number parsing stops: leading blanks, a sign, digits.
fn integer_end(s: &[u8]) -> (usize, usize) {
    let mut i = 0;
    while i < s.len() && (s[i] as char).is_ascii_whitespace() {
        i += 1;
    }
    let start = i;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
    }
    let digits = i;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
    }
    if i == digits {
        return (0, 0);
    }
    (start, i)
}

fn float_end(s: &[u8]) -> usize {
    let text = lossy(s);
    let t = text.trim_start();
    let lead = text.len() - t.len();
    // The longest prefix Rust reads as a float (C's strtod accepts the same
    // decimal and exponent forms, and inf/nan).
    let mut best = 0;
    for end in (1..=t.len()).rev() {
        if !t.is_char_boundary(end) {
            continue;
        }
        let piece = &t[..end];
        if piece.ends_with(['e', 'E', '+', '-']) && !piece.eq_ignore_ascii_case("inf") {
            continue;
        }
        if piece.parse::<f64>().is_ok() {
            best = end;
            break;
        }
    }
    if best == 0 {
        0
    } else {
        lead + best
    }
}

/// Bro's checks of a parsed number: nothing parsed, trailing text (kept,
/// with a warning), out of range.
fn number_checks(s: &[u8], end: usize, range: bool, warn: &mut Vec<String>) -> bool {
    let text = lossy(s);
    if end == 0 && !s.is_empty() {
        warn.push(format!("String '{text}' contained no parseable number"));
        return false;
    }
    if s.is_empty() {
        warn.push("Got empty string for number field".to_string());
        return false;
    }
    if end < s.len() {
        warn.push(format!(
            "Number '{text}' contained non-numeric trailing characters. Ignored trailing characters '{}'",
            lossy(&s[end..])
        ));
    }
    if range {
        warn.push(format!("Number '{text}' out of supported range."));
        return false;
    }
    true
}

fn parse_int(s: &[u8], warn: &mut Vec<String>) -> Option<i64> {
    let (start, end) = integer_end(s);
    let digits = lossy(&s[start..end]);
    let (v, range) = match digits.parse::<i64>() {
        Ok(v) => (v, false),
        Err(_) if end > 0 => (0, true),
        Err(_) => (0, false),
    };
    number_checks(s, end, range, warn).then_some(v)
}

fn parse_count(s: &[u8], warn: &mut Vec<String>) -> Option<u64> {
    let (start, end) = integer_end(s);
    let digits = lossy(&s[start..end]);
    let (neg, body) = match digits.strip_prefix('-') {
        Some(b) => (true, b.to_string()),
        None => (false, digits.trim_start_matches('+').to_string()),
    };
    let (v, range) = match body.parse::<u64>() {
        // strtoull negates a negative number in unsigned arithmetic.
        Ok(v) => (if neg { v.wrapping_neg() } else { v }, false),
        Err(_) if end > 0 => (0, true),
        Err(_) => (0, false),
    };
    number_checks(s, end, range, warn).then_some(v)
}

fn parse_double(s: &[u8], warn: &mut Vec<String>) -> Option<f64> {
    let end = float_end(s);
    let text = lossy(&s[..end]);
    let v = text.trim().parse::<f64>().unwrap_or(0.0);
    let range = v.is_infinite() && !text.to_ascii_lowercase().contains("inf");
    number_checks(s, end, range, warn).then_some(v)
}

/// An address as Bro reads one (`[v6]` brackets allowed).
pub fn parse_addr(s: &str) -> Option<IpAddr> {
    let t = s.trim().trim_start_matches('[').trim_end_matches(']');
    t.parse::<IpAddr>().ok().map(|a| match a {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) if t.contains('.') => IpAddr::V4(v4),
            _ => IpAddr::V6(v6),
        },
        v4 => v4,
    })
}

/// A protocol's name (any case) as a port protocol.
pub fn parse_proto(s: &[u8]) -> Option<PortProto> {
    match lossy(s).to_ascii_lowercase().as_str() {
        "tcp" => Some(PortProto::Tcp),
        "udp" => Some(PortProto::Udp),
        "icmp" => Some(PortProto::Icmp),
        "unknown" => Some(PortProto::Unknown),
        _ => None,
    }
}

/// One field's text as a value of `kind`, or `None` with the warnings
/// saying why (`name` is the field's name, for Bro's messages).
pub fn parse_value(s: &[u8], name: &str, kind: &Kind, m: &Markers, warn: &mut Vec<String>) -> Option<InVal> {
    if s == m.unset_field.as_slice() {
        return Some(InVal::Unset);
    }
    let text = lossy(s);
    Some(match kind {
        Kind::String => {
            if s == m.empty_field.as_slice() {
                InVal::Str(Vec::new())
            } else {
                InVal::Str(unescape(s))
            }
        }
        Kind::Enum => InVal::Enum(lossy(&unescape(s))),
        Kind::Pattern => InVal::Pattern(lossy(&unescape(s))),
        _ if s.is_empty() && !matches!(kind, Kind::Set(_) | Kind::Vector(_)) => InVal::Unset,
        Kind::Bool => match s {
            b"T" | b"1" => InVal::Bool(true),
            b"F" | b"0" => InVal::Bool(false),
            _ => {
                warn.push(format!("Field: {name} Invalid value for boolean: {text}"));
                return None;
            }
        },
        Kind::Int => InVal::Int(parse_int(s, warn)?),
        Kind::Count => InVal::Count(parse_count(s, warn)?),
        Kind::Double => InVal::Double(parse_double(s, warn)?),
        Kind::Time => InVal::Time(parse_double(s, warn)?),
        Kind::Interval => InVal::Interval(parse_double(s, warn)?),
        Kind::Port => {
            let mut proto = PortProto::Unknown;
            let (number, rest) = match s.iter().position(|&c| c == b'/') {
                Some(p) => (&s[..p], Some(&s[p + 1..])),
                None => (s, None),
            };
            if let Some(rest) = rest.filter(|r| !r.is_empty()) {
                match parse_proto(rest) {
                    Some(p) => proto = p,
                    None => warn.push(format!("Port '{text}' contained unknown protocol '{}'", lossy(rest))),
                }
            }
            let n = parse_count(number, warn)?;
            InVal::Port(n as u32, proto)
        }
        Kind::Addr => {
            let t = lossy(&unescape(s));
            match parse_addr(&t) {
                Some(a) => InVal::Addr(a),
                None => {
                    warn.push(format!("Invalid value for IP address: {}", t.trim()));
                    return None;
                }
            }
        }
        Kind::Subnet => {
            let t = lossy(&unescape(s)).trim().to_string();
            let Some(slash) = t.find('/') else {
                warn.push(format!("Invalid value for subnet: {text}"));
                return None;
            };
            let width = parse_count(t[slash + 1..].as_bytes(), warn)?;
            let Some(a) = parse_addr(&t[..slash]) else {
                warn.push(format!("Invalid value for IP address: {}", &t[..slash]));
                return None;
            };
            InVal::Subnet(a, width.min(128) as u8)
        }
        Kind::Set(inner) | Kind::Vector(inner) => {
            let mut items = Vec::new();
            if !(s.is_empty() || (!m.empty_field.is_empty() && s == m.empty_field.as_slice())) {
                let sep = m.set_separator.first().copied().unwrap_or(b',');
                for piece in s.split(|&c| c == sep) {
                    match parse_value(piece, name, inner, m, warn) {
                        Some(v) => items.push(v),
                        None => {
                            warn.push("Error while reading set or vector".to_string());
                            return None;
                        }
                    }
                }
            }
            if matches!(kind, Kind::Set(_)) {
                InVal::Set(items)
            } else {
                InVal::Vector(items)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers() -> Markers {
        Markers { set_separator: b",".to_vec(), empty_field: b"(empty)".to_vec(), unset_field: b"-".to_vec() }
    }

    #[test]
    fn numbers_warn_as_bro_does() {
        let mut w = Vec::new();
        assert_eq!(parse_value(b"12x", "i", &Kind::Int, &markers(), &mut w), Some(InVal::Int(12)));
        assert!(w[0].contains("Ignored trailing characters 'x'"));
        w.clear();
        assert_eq!(parse_value(b"l", "i", &Kind::Int, &markers(), &mut w), None);
        assert_eq!(w, vec!["String 'l' contained no parseable number".to_string()]);
        w.clear();
        assert_eq!(parse_value(b"99999999999999999999", "i", &Kind::Int, &markers(), &mut w), None);
        assert!(w[0].ends_with("out of supported range."));
    }

    #[test]
    fn sets_split_and_keep_empty_elements() {
        let mut w = Vec::new();
        let k = Kind::Vector(Box::new(Kind::String));
        let v = parse_value(b",a,", "s", &k, &markers(), &mut w);
        assert_eq!(v, Some(InVal::Vector(vec![InVal::Str(vec![]), InVal::Str(b"a".to_vec()), InVal::Str(vec![])])));
        assert_eq!(parse_value(b"", "s", &k, &markers(), &mut w), Some(InVal::Vector(vec![])));
        assert_eq!(parse_value(b"(empty)", "s", &k, &markers(), &mut w), Some(InVal::Vector(vec![])));
        assert_eq!(unescape(b"a\\x2cb"), b"a,b".to_vec());
    }
}
