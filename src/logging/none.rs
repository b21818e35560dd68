//! The None writer: writes no file. With `LogNone::debug` it prints what
//! it was started with (path, rotation, configuration, columns) to
//! standard output, which is how tests look into the framework.

use super::{Column, LogValue, Rotated, Writer, WriterInfo};
use std::io::Write;

/// The None writer.
pub struct NoneWriter {
    debug: bool,
}

impl NoneWriter {
    /// A None writer; `debug` makes it describe itself when it starts.
    pub fn new(debug: bool) -> NoneWriter {
        NoneWriter { debug }
    }
}

/// A double as C++ streams print one by default (`%g`, six digits).
pub fn stream_double(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() { "nan".into() } else if v < 0.0 { "-inf".into() } else { "inf".into() };
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let exp = v.abs().log10().floor() as i32;
    let trim = |s: String| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if (-4..6).contains(&exp) {
        let decimals = (5 - exp).max(0) as usize;
        trim(format!("{v:.decimals$}"))
    } else {
        let s = format!("{v:.5e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let (sign, digits) = match e.strip_prefix('-') {
            Some(d) => ('-', d),
            None => ('+', e),
        };
        format!("{}e{sign}{digits:0>2}", trim(m.to_string()))
    }
}

impl Writer for NoneWriter {
    fn init(&mut self, out: &mut dyn Write, info: &WriterInfo, columns: &[Column]) -> Result<(), String> {
        if !self.debug {
            return Ok(());
        }
        let mut text = String::from("[logging::writer::None]\n");
        text += &format!("  path={}\n", info.path);
        text += &format!("  rotation_interval={}\n", stream_double(info.rotation_interval));
        text += &format!("  rotation_base={}\n", stream_double(info.rotation_base));
        for (k, v) in &info.config {
            text += &format!("  config[{k}] = {v}\n");
        }
        for c in columns {
            text += &format!("  field {}: {}\n", c.name, c.tag.name());
        }
        text.push('\n');
        out.write_all(text.as_bytes()).map_err(|e| super::ascii::os_error(&e))
    }

    fn write(&mut self, _out: &mut dyn Write, _values: &[LogValue]) -> Result<(), String> {
        Ok(())
    }

    fn set_buf(&mut self, _buffered: bool) {}

    fn flush(&mut self, _out: &mut dyn Write) -> Result<(), String> {
        Ok(())
    }

    fn rotate(&mut self, _out: &mut dyn Write, _rotated_path: &str) -> Result<Option<Rotated>, String> {
        Ok(Some(Rotated { new_name: "/dev/null".into(), old_name: String::new() }))
    }

    fn finish(&mut self, _out: &mut dyn Write) -> Result<(), String> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_doubles_print_like_cout() {
        assert_eq!(stream_double(3600.0), "3600");
        assert_eq!(stream_double(300.0), "300");
        assert_eq!(stream_double(-1.0), "-1");
        assert_eq!(stream_double(0.0), "0");
        assert_eq!(stream_double(1.5), "1.5");
        assert_eq!(stream_double(86400.0 * 30.0), "2.592e+06");
    }
}
