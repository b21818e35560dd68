//! Geolocation builtins of bro.bif (`mmdb_open_location_db`,
//! `mmdb_open_asn_db`, `lookup_location`, `lookup_asn`) as a Bro 2.6.4
//! built without libmaxminddb answers them: no database opens, and the
//! first lookup of each kind reports that GeoIP support is missing.

use super::util::{builtin_error, make_record};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res};
use crate::eval::value::Value;
use crate::source::Span;
use std::cell::Cell;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("mmdb_open_location_db", "function(f: string): bool", |_, _, _, _| Ok(Value::Bool(false))),
    b!("mmdb_open_asn_db", "function(f: string): bool", |_, _, _, _| Ok(Value::Bool(false))),
    b!("lookup_location", "function(a: addr): geo_location", bi_lookup_location),
    b!("lookup_asn", "function(a: addr): count", bi_lookup_asn),
];

/// Whether the missing support was reported, per kind of lookup.
#[derive(Default)]
struct Reported {
    location: Cell<bool>,
    asn: Cell<bool>,
}

fn bi_lookup_location(m: &mut Machine, p: &Compiler, _: &[Value], span: Span) -> Res<Value> {
    let reported = m.state.get::<Reported>();
    if !reported.location.replace(true) {
        builtin_error(m, "Bro was not configured for GeoIP support", span, None);
    }
    Ok(make_record(p, "geo_location", vec![None; 5]))
}

fn bi_lookup_asn(m: &mut Machine, _: &Compiler, _: &[Value], span: Span) -> Res<Value> {
    let reported = m.state.get::<Reported>();
    if !reported.asn.replace(true) {
        builtin_error(m, "Bro was not configured for GeoIP ASN support", span, None);
    }
    Ok(Value::Count(0))
}
