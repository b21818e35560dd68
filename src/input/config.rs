//! The config reader: `name value` lines (comments and blank lines
//! skipped) for the config framework. Each value is parsed with the
//! type of the option it names (the option types come with the reader's
//! info); a good line is sent as an entry of the name and the value's
//! text, and as a [`Msg::ConfigValue`] that the input manager raises as
//! `InputConfig::new_value`.

use super::parse::{parse_value, Markers};
use super::{FieldSpec, InVal, Mode, Msg, Reader, ReaderInfo};

/// The config reader of one stream.
#[derive(Default)]
pub struct Config {
    info: Option<ReaderInfo>,
    stamp: Option<(u64, i64, i64)>,
    fail_on_file_problem: bool,
    /// A file problem was reported and is not reported again.
    suppressed: bool,
}

fn stamp_of(path: &str) -> Option<(u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    let md = std::fs::metadata(path).ok()?;
    Some((md.ino(), md.mtime(), md.mtime_nsec()))
}

/// `name value`: the name up to the first blank, the value after the blanks.
fn split_line(line: &str) -> Option<(&str, &str)> {
    let end = line.find(|c: char| c.is_whitespace())?;
    let (key, rest) = line.split_at(end);
    if key.is_empty() {
        return None;
    }
    Some((key, rest.trim_start_matches(|c: char| c.is_whitespace())))
}

impl Config {
    fn read(&mut self, out: &mut Vec<Msg>) -> bool {
        let Some(info) = self.info.clone() else { return false };
        let Ok(data) = std::fs::read(&info.source) else {
            let msg = format!("Init: cannot open {}", info.source);
            if self.fail_on_file_problem {
                out.push(Msg::Error(msg));
                return false;
            }
            if !self.suppressed {
                out.push(Msg::Warning(msg));
                self.suppressed = true;
            }
            return true;
        };
        self.suppressed = false;
        let markers = Markers {
            set_separator: info.text("set_separator"),
            empty_field: info.text("empty_field"),
            // Nothing stands for an unset value in a config file.
            unset_field: b"\0unset\0".to_vec(),
        };
        for raw in data.split(|&c| c == b'\n') {
            let text = String::from_utf8_lossy(raw);
            let line = text.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = split_line(line) else {
                out.push(Msg::Warning(format!("Could not parse '{line}'; line has invalid format. Ignoring line.")));
                continue;
            };
            let kind = match info.option_types.get(key) {
                None => {
                    out.push(Msg::Warning(format!("Option '{key}' does not exist. Ignoring line.")));
                    continue;
                }
                Some(Err(tname)) => {
                    out.push(Msg::Warning(format!(
                        "Option '{key}' has type '{tname}', which is not supported for file input. Ignoring line."
                    )));
                    continue;
                }
                Some(Ok(kind)) => kind.clone(),
            };
            let mut warns = Vec::new();
            let parsed = parse_value(value.as_bytes(), key, &kind, &markers, &mut warns);
            out.extend(warns.into_iter().map(Msg::Warning));
            let v = match parsed {
                None => {
                    out.push(Msg::Warning(format!("Could not convert line '{line}' to value. Ignoring line.")));
                    continue;
                }
                Some(InVal::Unset) => {
                    out.push(Msg::Warning(format!("Line '{line}' has no value. Ignoring line.")));
                    continue;
                }
                Some(v) => v,
            };
            let entry = vec![InVal::Str(key.as_bytes().to_vec()), InVal::Str(value.as_bytes().to_vec())];
            out.push(if info.mode == Mode::Stream { Msg::Put(entry) } else { Msg::SendEntry(entry) });
            out.push(Msg::ConfigValue(key.to_string(), v));
        }
        if info.mode != Mode::Stream {
            out.push(Msg::EndCurrentSend);
        }
        true
    }
}

impl Reader for Config {
    fn init(&mut self, info: &ReaderInfo, _fields: &[FieldSpec], out: &mut Vec<Msg>) -> bool {
        self.info = Some(info.clone());
        self.fail_on_file_problem = info.flag("fail_on_file_problem");
        if info.mode == Mode::Stream {
            out.push(Msg::Error("The config reader does not support stream mode".to_string()));
            return false;
        }
        self.stamp = stamp_of(&info.source);
        self.read(out)
    }

    fn update(&mut self, out: &mut Vec<Msg>) -> bool {
        self.read(out)
    }

    fn heartbeat(&mut self, out: &mut Vec<Msg>) -> bool {
        let Some(info) = self.info.as_ref() else { return true };
        if info.mode != Mode::Reread {
            return true;
        }
        let now = stamp_of(&info.source);
        if now.is_none() || now == self.stamp {
            return true;
        }
        self.stamp = now;
        self.read(out)
    }
}
