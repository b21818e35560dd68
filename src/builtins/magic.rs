//! `identify_data` (bro.bif): what kind of data a buffer holds, as MIME
//! type or description, in the words libmagic uses for Bro. A table of
//! leading signatures covers common binary formats; anything else is
//! told apart as ASCII text, UTF-8 text or plain data.

use super::util::bytes;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res};
use crate::eval::value::Value;
use crate::source::Span;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] =
    &[b!("identify_data", "function(data: string, return_mime: bool &default=T): string", bi_identify_data)];

/// A format recognised by bytes at an offset: its MIME type and
/// description.
struct Signature {
    offset: usize,
    magic: &'static [u8],
    mime: &'static str,
    descr: &'static str,
}

const fn sig(offset: usize, magic: &'static [u8], mime: &'static str, descr: &'static str) -> Signature {
    Signature { offset, magic, mime, descr }
}

/// Checked in order; the first match wins.
static SIGNATURES: &[Signature] = &[
    sig(0, b"\x89PNG\r\n\x1a\n", "image/png", "PNG image data"),
    sig(0, b"GIF87a", "image/gif", "GIF image data, version 87a"),
    sig(0, b"GIF89a", "image/gif", "GIF image data, version 89a"),
    sig(0, b"\xff\xd8\xff", "image/jpeg", "JPEG image data"),
    sig(0, b"BM", "image/x-ms-bmp", "PC bitmap"),
    sig(0, b"II*\x00", "image/tiff", "TIFF image data, little-endian"),
    sig(0, b"MM\x00*", "image/tiff", "TIFF image data, big-endian"),
    sig(0, b"%PDF-", "application/pdf", "PDF document"),
    sig(0, b"PK\x03\x04", "application/zip", "Zip archive data"),
    sig(0, b"\x1f\x8b", "application/x-gzip", "gzip compressed data"),
    sig(0, b"BZh", "application/x-bzip2", "bzip2 compressed data"),
    sig(0, b"\xfd7zXZ\x00", "application/x-xz", "XZ compressed data"),
    sig(0, b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed", "7-zip archive data"),
    sig(0, b"Rar!\x1a\x07", "application/x-rar", "RAR archive data"),
    sig(257, b"ustar", "application/x-tar", "POSIX tar archive"),
    sig(0, b"\x7fELF", "application/x-executable", "ELF"),
    sig(0, b"MZ", "application/x-dosexec", "MS-DOS executable"),
    sig(0, b"\xca\xfe\xba\xbe", "application/x-java-applet", "compiled Java class data"),
    sig(0, b"OggS", "application/ogg", "Ogg data"),
    sig(0, b"ID3", "audio/mpeg", "Audio file with ID3 version 2"),
    sig(0, b"\xd4\xc3\xb2\xa1", "application/vnd.tcpdump.pcap", "tcpdump capture file (little-endian)"),
    sig(0, b"\xa1\xb2\xc3\xd4", "application/vnd.tcpdump.pcap", "tcpdump capture file (big-endian)"),
    sig(0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/CDFV2", "Composite Document File V2 Document"),
    sig(0, b"{\\rtf", "text/rtf", "Rich Text Format data"),
];

/// Leading text (after white space, any case) that marks markup.
static MARKUP: &[(&str, &str, &str)] = &[
    ("<?xml", "text/xml", "XML document"),
    ("<!doctype html", "text/html", "HTML document"),
    ("<html", "text/html", "HTML document"),
];

fn is_ascii_text(d: &[u8]) -> bool {
    d.iter().all(|&b| matches!(b, 0x07..=0x0d | 0x1b | 0x20..=0x7e))
}

/// What libmagic says about a buffer: (MIME type with charset, description).
fn identify(d: &[u8]) -> (String, String) {
    if d.is_empty() {
        return ("application/x-empty; charset=binary".into(), "empty".into());
    }
    for s in SIGNATURES {
        if d.len() >= s.offset + s.magic.len() && &d[s.offset..s.offset + s.magic.len()] == s.magic {
            return (format!("{}; charset=binary", s.mime), s.descr.into());
        }
    }
    let (charset, kind) = if is_ascii_text(d) {
        ("us-ascii", "ASCII")
    } else if std::str::from_utf8(d).is_ok_and(|t| t.chars().all(|c| !c.is_control() || c.is_whitespace())) {
        ("utf-8", "UTF-8 Unicode")
    } else {
        return ("application/octet-stream; charset=binary".into(), "data".into());
    };
    let lead = String::from_utf8_lossy(&d[..d.len().min(64)]).trim_start().to_ascii_lowercase();
    if let Some((_, mime, descr)) = MARKUP.iter().find(|(p, _, _)| lead.starts_with(p)) {
        return (format!("{mime}; charset={charset}"), format!("{descr}, {kind} text"));
    }
    if let Some(rest) = d.strip_prefix(b"#!") {
        let line = String::from_utf8_lossy(rest.split(|b| *b == b'\n').next().unwrap_or(&[])).trim().to_string();
        let words: Vec<&str> = line.split_whitespace().collect();
        // `#!/usr/bin/env NAME` names NAME too.
        let n = if words.first().is_some_and(|w| w.ends_with("/env")) { 2 } else { 1 };
        let interp = words[..n.min(words.len())].join(" ");
        let what = if interp == "/bin/sh" { "POSIX shell script".to_string() } else { format!("a {interp} script") };
        return (format!("text/x-shellscript; charset={charset}"), format!("{what}, {kind} text executable"));
    }
    let mut descr = format!("{kind} text");
    if !d.contains(&b'\n') && !d.contains(&b'\r') {
        descr.push_str(", with no line terminators");
    } else if d.windows(2).any(|w| w == b"\r\n") {
        descr.push_str(", with CRLF line terminators");
    }
    (format!("text/plain; charset={charset}"), descr)
}

fn bi_identify_data(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let (mime, descr) = identify(bytes(&a[0]));
    Ok(Value::str(if a[1].as_bool() { mime } else { descr }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(identify(b"This is a test").0, "text/plain; charset=us-ascii");
        assert_eq!(identify(b"\x89PNG\r\n\x1a\n\0").0, "image/png; charset=binary");
        assert_eq!(identify(b"\x00\x01\x02").1, "data");
        assert_eq!(identify("h\u{e9}llo\n".as_bytes()).1, "UTF-8 Unicode text");
    }
}
