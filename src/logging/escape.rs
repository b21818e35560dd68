//! The escaping buffer the ASCII format writes rows into: text added
//! through [`Escaper::add`] has its backslashes doubled and every byte
//! that is not printable ASCII, or that belongs to a separator being
//! escaped, written as `\xNN`. Raw additions (the separators between
//! fields) go in unchanged.

/// A row being built.
#[derive(Default)]
pub struct Escaper {
    /// The bytes so far.
    pub buf: Vec<u8>,
    /// Byte sequences that must not appear literally (the field
    /// separator, and the set separator inside sets).
    sequences: Vec<Vec<u8>>,
}

fn hex(b: u8, out: &mut Vec<u8>) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(&[b'\\', b'x', DIGITS[(b >> 4) as usize], DIGITS[(b & 15) as usize]]);
}

/// Printable ASCII, as the C library's `isprint` has it.
fn printable(b: u8) -> bool {
    (0x20..0x7f).contains(&b)
}

/// `s` with spaces, non-ASCII and unprintable bytes as `\xNN` and
/// backslashes doubled (or every byte as `\xNN` with `all`).
pub fn escaped(s: &[u8], all: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for &b in s {
        if all || b == b' ' || !printable(b) || b.is_ascii_whitespace() {
            if b == b'\\' {
                out.extend_from_slice(b"\\\\");
            } else {
                hex(b, &mut out);
            }
        } else {
            out.push(b);
        }
    }
    out
}

impl Escaper {
    /// An empty buffer escaping `separator`.
    pub fn new(separator: &[u8]) -> Escaper {
        let mut e = Escaper::default();
        e.push_sequence(separator);
        e
    }

    /// Starts escaping `seq` too.
    pub fn push_sequence(&mut self, seq: &[u8]) {
        if !seq.is_empty() {
            self.sequences.push(seq.to_vec());
        }
    }

    /// Stops escaping the sequence added last as `seq`.
    pub fn pop_sequence(&mut self, seq: &[u8]) {
        if let Some(i) = self.sequences.iter().rposition(|s| s == seq) {
            self.sequences.remove(i);
        }
    }

    /// Adds bytes as they are.
    pub fn raw(&mut self, s: &[u8]) {
        self.buf.extend_from_slice(s);
    }

    /// Adds text, escaping what must be.
    pub fn add(&mut self, s: &[u8]) {
        let mut i = 0;
        while i < s.len() {
            let b = s[i];
            if b == b'\\' || !printable(b) {
                self.buf.extend(escaped(&s[i..i + 1], true));
                i += 1;
                continue;
            }
            if let Some(len) = self.sequences.iter().find(|q| s[i..].starts_with(q)).map(|q| q.len()) {
                self.buf.extend(escaped(&s[i..i + len], true));
                i += len;
                continue;
            }
            self.buf.push(b);
            i += 1;
        }
    }

    /// Adds `s` with its first byte as `\xNN` and the rest escaped as usual
    /// (a value that would read as a reserved marker).
    pub fn add_marked(&mut self, s: &[u8]) {
        if let Some((&first, rest)) = s.split_first() {
            hex(first, &mut self.buf);
            self.add(rest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_bros_ascii_logs() {
        let mut e = Escaper::new(b"|");
        e.add(b"abc|\xffdef");
        assert_eq!(e.buf, b"abc\\x7c\\xffdef");
        let mut e = Escaper::new(b"\t");
        e.add(b"AB\\xffCD\0 x");
        assert_eq!(e.buf, b"AB\\\\xffCD\\x00 x");
    }

    #[test]
    fn header_values_escape_whitespace() {
        assert_eq!(escaped(b"\t", false), b"\\x09");
        assert_eq!(escaped(b",", false), b",");
        assert_eq!(escaped(b"(empty)", false), b"(empty)");
    }
}
