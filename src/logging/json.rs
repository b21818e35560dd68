//! Bro 2.6's JSON log format: one object per row, unset fields left out,
//! sets and vectors as arrays, and every byte of a string outside
//! printable ASCII (and `"`, `'`, `\`, `&`) as `\u00XX`.

use super::numfmt;
use super::{Column, LogValue};

/// How times are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeFormat {
    /// Seconds since the epoch (`JSON::TS_EPOCH`).
    Epoch,
    /// Whole milliseconds since the epoch (`JSON::TS_MILLIS`).
    Millis,
    /// `2008-07-09T16:13:30.543210Z` (`JSON::TS_ISO8601`).
    Iso8601,
}

/// The JSON row format.
#[derive(Clone, Debug)]
pub struct JsonFormat {
    times: TimeFormat,
}

/// A time as an ISO 8601 UTC string with microseconds.
pub fn iso8601(t: f64) -> String {
    let secs = t.floor() as i64;
    let (y, mo, d) = crate::text::civil_from_days(secs.div_euclid(86400));
    let s = secs.rem_euclid(86400);
    let mut frac = t - t.trunc();
    if frac < 0.0 {
        frac += 1.0;
    }
    let micros = format!("{:06.0}", frac.abs() * 1_000_000.0);
    format!("{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}.{micros}Z", s / 3600, s / 60 % 60, s % 60)
}

fn string(out: &mut Vec<u8>, s: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    for &b in s {
        if !(32..=126).contains(&b) || matches!(b, b'"' | b'\'' | b'\\' | b'&') {
            out.extend_from_slice(b"\\u00");
            out.push(DIGITS[(b >> 4) as usize]);
            out.push(DIGITS[(b & 15) as usize]);
        } else {
            out.push(b);
        }
    }
    out.push(b'"');
}

impl JsonFormat {
    /// The format with the given way of writing times.
    pub fn new(times: TimeFormat) -> JsonFormat {
        JsonFormat { times }
    }

    /// One row as an object.
    pub fn row(&self, columns: &[Column], values: &[LogValue]) -> Vec<u8> {
        let mut out = vec![b'{'];
        for (i, (c, v)) in columns.iter().zip(values).enumerate() {
            if matches!(v, LogValue::Unset) {
                continue;
            }
            if i > 0 && !matches!(out.last(), Some(b',' | b'{' | b'[')) {
                out.push(b',');
            }
            out.push(b'"');
            out.extend_from_slice(c.name.as_bytes());
            out.extend_from_slice(b"\":");
            self.value(&mut out, v);
        }
        out.push(b'}');
        out
    }

    fn value(&self, out: &mut Vec<u8>, v: &LogValue) {
        match v {
            LogValue::Unset => {}
            LogValue::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            LogValue::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
            LogValue::Count(c) => out.extend_from_slice(c.to_string().as_bytes()),
            LogValue::Port(p) => out.extend_from_slice(p.to_string().as_bytes()),
            LogValue::Addr(a) => string(out, crate::text::addr_to_string(a).as_bytes()),
            LogValue::Subnet(a, w) => string(out, crate::text::subnet_to_string(a, *w).as_bytes()),
            LogValue::Double(d) | LogValue::Interval(d) => out.extend_from_slice(numfmt::double(*d, false).as_bytes()),
            LogValue::Time(t) => match self.times {
                TimeFormat::Epoch => out.extend_from_slice(numfmt::double(*t, false).as_bytes()),
                TimeFormat::Millis => out.extend_from_slice(((*t * 1000.0) as u64).to_string().as_bytes()),
                TimeFormat::Iso8601 => string(out, iso8601(*t).as_bytes()),
            },
            LogValue::Text(s) => string(out, s),
            LogValue::Set(items) | LogValue::Vector(items) => {
                out.push(b'[');
                for (j, item) in items.iter().enumerate() {
                    if j > 0 {
                        out.push(b',');
                    }
                    self.value(out, item);
                }
                out.push(b']');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logging::Tag;

    #[test]
    fn iso_times_match_bro() {
        assert_eq!(iso8601(1215620010.0054321), "2008-07-09T16:13:30.005432Z");
        assert_eq!(iso8601(-0.4), "1969-12-31T23:59:59.600000Z");
        assert_eq!(iso8601(-1.0), "1969-12-31T23:59:59.000000Z");
        assert_eq!(iso8601(-99.0), "1969-12-31T23:58:21.000000Z");
    }

    #[test]
    fn rows_skip_unset_fields_and_escape_strings() {
        let cols: Vec<Column> = ["a", "b", "c"].iter().map(|n| Column { name: n.to_string(), tag: Tag::String, sub: None, optional: true }).collect();
        let f = JsonFormat::new(TimeFormat::Epoch);
        let row = f.row(&cols, &[LogValue::Unset, LogValue::Text(b"x\n\"".to_vec()), LogValue::Set(vec![LogValue::Count(1), LogValue::Count(2)])]);
        assert_eq!(String::from_utf8(row).unwrap(), r#"{"b":"x\u000a\u0022","c":[1,2]}"#);
    }
}
