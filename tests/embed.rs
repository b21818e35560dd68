//! The embedding API as a host program uses it: native functions,
//! loading, events, globals, errors as values, and the examples/embed.rs
//! program itself.

use bro::{Interpreter, Value};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// A writer the test can read back.
#[derive(Clone, Default)]
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }
}

fn interpreter() -> (Interpreter, Captured, Captured) {
    let (out, err) = (Captured::default(), Captured::default());
    (Interpreter::new(Box::new(out.clone()), Box::new(err.clone())), out, err)
}

#[test]
fn host_functions_events_and_globals() {
    let (mut bro, out, _) = interpreter();
    bro.register_builtin("plus_one", "function(n: count): count", |a| match a {
        [Value::Count(n)] => Ok(Value::Count(n + 1)),
        _ => Err("bad".into()),
    })
    .unwrap();
    bro.load_source("<t>", "global seen = 0;\nevent ping(n: count) { seen = plus_one(n); print \"ping\", n; }\n");
    assert!(!bro.has_errors(), "{:?}", bro.take_diags());
    bro.raise_event("ping", vec![Value::Count(41)]).unwrap();
    bro.dispatch_pending();
    assert!(matches!(bro.global("seen"), Some(Value::Count(42))));
    bro.run();
    assert_eq!(out.text(), "ping, 41\n");
}

#[test]
fn errors_come_back_as_values() {
    let (mut bro, _, err) = interpreter();
    bro.load_source("<bad>", "print nosuch;");
    let diags = bro.take_diags();
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message.starts_with("unknown identifier nosuch"), "{}", diags[0].message);
    assert!(bro.raise_event("nosuch", vec![]).is_err());
    assert!(bro.register_builtin("f", "function(: count", |_| Ok(Value::Bool(true))).is_err());

    // A host function's error is a Bro expression error, the handler ends.
    let (mut bro, out, _) = interpreter();
    bro.register_builtin("fails", "function(): count", |_| Err("host says no".into())).unwrap();
    bro.load_source("<t>", "event bro_init() { print fails(); print \"not reached\"; }");
    bro.run();
    assert_eq!(out.text(), "");
    let _ = err;
}

#[test]
fn the_embed_example_runs() {
    let exe = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/examples/embed");
    let status = std::process::Command::new("cargo")
        .args(["build", "--release", "--example", "embed", "--quiet"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo runs");
    assert!(status.success());
    let out = std::process::Command::new(exe).output().expect("the example runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "cpu -> 3 (total 30)\ndisk -> 4 (total 70)\nthe host reads total = 70\ndone, total, 70\n"
    );
}
