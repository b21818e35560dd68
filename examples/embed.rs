//! Embedding the interpreter in a Rust program: register a native
//! function, load a script, raise an event with arguments, read a global,
//! and run the event loop. Run with `cargo run --example embed`.

use bro::{Interpreter, Outcome, Value};
use std::io::Write;

fn main() {
    let mut bro = Interpreter::new(Box::new(std::io::stdout()), Box::new(std::io::stderr()));

    // A host function scripts can call.
    bro.register_builtin("host_scale", "function(n: count, factor: count): count", |args| match args {
        [Value::Count(n), Value::Count(f)] => Ok(Value::Count(n * f)),
        _ => Err("host_scale needs two counts".into()),
    })
    .expect("a valid signature");

    bro.load_source(
        "<embedded>",
        r#"
        global total = 0;

        event measurement(name: string, value: count)
            {
            total += host_scale(value, 10);
            print fmt("%s -> %d (total %d)", name, value, total);
            }

        event bro_done()
            {
            print "done, total", total;
            }
        "#,
    );
    for d in bro.take_diags() {
        eprintln!("{}", d.message);
    }

    // Events raised by the host are dispatched in order.
    bro.raise_event("measurement", vec![Value::str("cpu"), Value::Count(3)]).expect("declared event");
    bro.raise_event("measurement", vec![Value::str("disk"), Value::Count(4)]).expect("declared event");
    bro.dispatch_pending();

    if let Some(Value::Count(total)) = bro.global("total") {
        println!("the host reads total = {total}");
    }
    let _ = std::io::stdout().flush();

    // The rest of the lifetime: bro_init, the loop, bro_done.
    match bro.run() {
        Outcome::Finished => {}
        Outcome::Exit(code) => std::process::exit(code),
    }
}
