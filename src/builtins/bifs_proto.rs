//! Protocol helpers (FTP ports, NetBIOS names, UUIDs), entropy, the
//! environment and script-level introspection from Bro's bro.bif.

use super::util::bytes;
use super::util::named_record;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::Type;
use crate::eval::exec::{Machine, Res};
use crate::eval::value::{Proto, RecordVal, Value, VectorVal};
use crate::source::Span;
use std::cell::RefCell;
use std::net::{IpAddr, Ipv6Addr};
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("fmt_ftp_port", "function(a: addr, p: port): string", bi_fmt_ftp_port),
    b!("parse_ftp_port", "function(s: string): ftp_port", |_, p, a, _| Ok(ftp_port(p, parse_port(bytes(&a[0]))))),
    b!("parse_eftp_port", "function(s: string): ftp_port", |_, p, a, _| Ok(ftp_port(p, parse_eftp(bytes(&a[0]))))),
    b!("parse_ftp_pasv", "function(str: string): ftp_port", bi_parse_ftp_pasv),
    b!("parse_ftp_epsv", "function(str: string): ftp_port", bi_parse_ftp_epsv),
    b!("decode_netbios_name", "function(name: string): string", |_, _, a, _| Ok(Value::str(decode_netbios(bytes(&a[0]))))),
    b!("decode_netbios_name_type", "function(name: string): count", |_, _, a, _| {
        let s = bytes(&a[0]);
        let nib = |i: usize| s.get(i).map(|c| c.to_ascii_uppercase().wrapping_sub(b'A') as u64).unwrap_or(0);
        Ok(Value::Count(((nib(30) << 4) + nib(31)) & 0xff))
    }),
    b!("uuid_to_string", "function(uuid: string): string", bi_uuid_to_string),
    b!("find_entropy", "function(data: string): entropy_test_result", bi_find_entropy),
    b!("setenv", "function(var: string, val: string): bool", |_, _, a, _| {
        let (k, v) = (String::from_utf8_lossy(bytes(&a[0])).into_owned(), String::from_utf8_lossy(bytes(&a[1])).into_owned());
        if k.is_empty() || k.contains('=') || k.contains('\0') || v.contains('\0') {
            return Ok(Value::Bool(false));
        }
        std::env::set_var(k, v);
        Ok(Value::Bool(true))
    }),
    b!("gethostname", "function(): string", |_, _, _, _| {
        let h = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .or_else(|_| std::fs::read_to_string("/etc/hostname"))
            .unwrap_or_else(|_| "localhost".into());
        Ok(Value::str(h.trim().to_string()))
    }),
    b!("is_local_interface", "function(ip: addr): bool", |_, _, a, _| Ok(Value::Bool(matches!(&a[0], Value::Addr(x) if x.is_loopback())))),
    b!("record_type_to_vector", "function(rt: string): string_vec", bi_record_type_to_vector),
    b!("lookup_ID", "function(id: string): any", bi_lookup_id),
];

fn record(p: &Compiler, ty: &str, fields: Vec<Value>) -> Value {
    match named_record(p, ty) {
        Some(rt) => Value::Record(Rc::new(RefCell::new(RecordVal { ty: rt, fields: fields.into_iter().map(Some).collect() }))),
        None => Value::Bool(false),
    }
}

fn ftp_port(p: &Compiler, r: Option<(IpAddr, u32)>) -> Value {
    let (h, port, valid) = match r {
        Some((h, port)) => (h, port, true),
        None => (IpAddr::from([0, 0, 0, 0]), 0, false),
    };
    record(p, "ftp_port", vec![Value::Addr(Rc::new(h)), Value::Port(port, Proto::Tcp), Value::Bool(valid)])
}

fn bi_fmt_ftp_port(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let pn = match &a[1] {
        Value::Port(n, _) => *n,
        _ => 0,
    };
    match &a[0] {
        Value::Addr(x) => match **x {
            IpAddr::V4(v4) => {
                let o = v4.octets();
                Ok(Value::str(format!("{},{},{},{},{},{}", o[0], o[1], o[2], o[3], pn >> 8 & 0xff, pn & 0xff)))
            }
            IpAddr::V6(_) => {
                super::util::builtin_error(m, "conversion of non-IPv4 address in fmt_ftp_port", span, Some(&a[0]));
                Ok(Value::str(Vec::new()))
            }
        },
        _ => Ok(Value::str(Vec::new())),
    }
}

/// `h1,h2,h3,h4,p1,p2`.
fn parse_port(s: &[u8]) -> Option<(IpAddr, u32)> {
    let s = String::from_utf8_lossy(s);
    let nums: Vec<u32> = s.trim().split(',').map(|p| p.trim().parse::<u32>().ok()).collect::<Option<Vec<_>>>()?;
    if nums.len() != 6 || nums.iter().any(|&n| n > 255) {
        return None;
    }
    Some((IpAddr::from([nums[0] as u8, nums[1] as u8, nums[2] as u8, nums[3] as u8]), nums[4] << 8 | nums[5]))
}

/// `<d><proto><d><addr><d><port><d>` with any delimiter `<d>`.
fn parse_eftp(s: &[u8]) -> Option<(IpAddr, u32)> {
    let s = String::from_utf8_lossy(s);
    let s = s.trim();
    let d = s.chars().next()?;
    let parts: Vec<&str> = s.split(d).collect();
    if parts.len() < 5 {
        return None;
    }
    let h = if parts[2].is_empty() {
        IpAddr::V6(Ipv6Addr::UNSPECIFIED)
    } else {
        parts[2].parse::<IpAddr>().ok()?
    };
    let port = parts[3].parse::<u32>().ok().filter(|&p| p <= 65535)?;
    Some((h, port))
}

fn bi_parse_ftp_pasv(_: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let s = bytes(&a[0]);
    let rest = match s.iter().position(|&c| c == b'(') {
        Some(i) => &s[i + 1..],
        None => {
            // Skip the reply code, then start at the first digit.
            let after = s.iter().position(|&c| c == b' ').map(|i| &s[i..]).unwrap_or(&[]);
            let i = after.iter().position(|c| c.is_ascii_digit()).unwrap_or(after.len());
            &after[i..]
        }
    };
    let end = rest.iter().position(|&c| c == b')').unwrap_or(rest.len());
    Ok(ftp_port(p, parse_port(&rest[..end])))
}

fn bi_parse_ftp_epsv(_: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let s = bytes(&a[0]);
    let r = s.iter().position(|&c| c == b'(').and_then(|i| {
        let rest = &s[i + 1..];
        let end = rest.iter().position(|&c| c == b')').unwrap_or(rest.len());
        parse_eftp(&rest[..end])
    });
    Ok(ftp_port(p, r))
}

fn decode_netbios(s: &[u8]) -> Vec<u8> {
    let mut buf = [0u8; 16];
    let mut j = 0;
    for b in buf.iter_mut() {
        let mut next = || {
            let c = s.get(j).map(|c| c.to_ascii_uppercase()).unwrap_or(b'A');
            j += 1;
            c
        };
        let (c0, c1) = (next(), next());
        if !(b'A'..=b'P').contains(&c0) || !(b'A'..=b'P').contains(&c1) {
            return Vec::new();
        }
        *b = ((c0 - b'A') << 4) + (c1 - b'A');
    }
    buf[..15].iter().take_while(|&&c| c.is_ascii_alphanumeric() || c.is_ascii_punctuation() || c < 3).copied().collect()
}

fn bi_uuid_to_string(_: &mut Machine, _: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let u = bytes(&a[0]);
    if u.len() != 16 {
        return Ok(Value::str("<Invalid UUID>"));
    }
    let h = |r: &[usize]| r.iter().map(|&i| format!("{:02x}", u[i])).collect::<String>();
    Ok(Value::str(format!(
        "{}-{}-{}-{}-{}",
        h(&[3, 2, 1, 0]),
        h(&[5, 4]),
        h(&[7, 6]),
        h(&[8, 9]),
        h(&[10, 11, 12, 13, 14, 15])
    )))
}

/// John Walker's `ent` statistics, as Bro's RandTest computes them.
pub fn entropy(data: &[u8]) -> [f64; 5] {
    const MONTEN: usize = 6;
    let incirc = (256f64.powi((MONTEN / 2) as i32) - 1.0).powi(2);
    let mut ccount = [0u64; 256];
    let (mut totalc, mut mp, mut mcount, mut inmont) = (0u64, 0usize, 0u64, 0u64);
    let mut monte = [0u8; MONTEN];
    let (mut sccfirst, mut scclast, mut sccu0, mut scct1, mut scct2, mut scct3) = (true, 0f64, 0f64, 0f64, 0f64, 0f64);
    for &oc in data {
        ccount[oc as usize] += 1;
        totalc += 1;
        monte[mp] = oc;
        mp += 1;
        if mp >= MONTEN {
            mp = 0;
            mcount += 1;
            let (mut x, mut y) = (0f64, 0f64);
            for mj in 0..MONTEN / 2 {
                x = x * 256.0 + monte[mj] as f64;
                y = y * 256.0 + monte[MONTEN / 2 + mj] as f64;
            }
            if x * x + y * y <= incirc {
                inmont += 1;
            }
        }
        let o = oc as f64;
        if sccfirst {
            sccfirst = false;
            sccu0 = o;
        } else {
            scct1 += scclast * o;
        }
        scct2 += o;
        scct3 += o * o;
        scclast = o;
    }
    let t = totalc as f64;
    scct1 += scclast * sccu0;
    scct2 *= scct2;
    let mut scc = t * scct3 - scct2;
    scc = if scc == 0.0 { -100000.0 } else { (t * scct1 - scct2) / scc };
    let cexp = t / 256.0;
    let (mut chisq, mut datasum, mut ent) = (0f64, 0f64, 0f64);
    for (i, &c) in ccount.iter().enumerate() {
        let a = c as f64 - cexp;
        chisq += a * a / cexp;
        datasum += i as f64 * c as f64;
        let prob = c as f64 / t;
        if prob > 0.0 {
            ent += prob * std::f64::consts::LOG2_10 * (1.0 / prob).log10();
        }
    }
    let montepi = if mcount > 0 { 4.0 * inmont as f64 / mcount as f64 } else { 0.0 };
    [ent, chisq, datasum / t, montepi, scc]
}

fn bi_find_entropy(_: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let r = entropy(bytes(&a[0]));
    Ok(record(p, "entropy_test_result", r.iter().map(|&d| Value::Double(d)).collect()))
}

fn bi_record_type_to_vector(_: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let name = String::from_utf8_lossy(bytes(&a[0])).into_owned();
    let mut items = Vec::new();
    if let Some(rt) = named_record(p, &name) {
        items.push(None);
        items.extend(rt.fields.borrow().iter().map(|f| Some(Value::str(f.name.clone()))));
    }
    Ok(Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: Type::String, items }))))
}

fn bi_lookup_id(m: &mut Machine, p: &Compiler, a: &[Value], _: Span) -> Res<Value> {
    let name = String::from_utf8_lossy(bytes(&a[0])).into_owned();
    let (module, id) = name.rsplit_once("::").unwrap_or(("GLOBAL", &name));
    let found = if name.is_empty() { None } else { p.globals.lookup(module, id) };
    let v = found.and_then(|g| m.globals.get(g).cloned().flatten());
    Ok(v.unwrap_or_else(|| Value::str("<unknown id>")))
}

