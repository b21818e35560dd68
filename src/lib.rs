//! A Bro 2.6 script interpreter.
//!
//! The `bro` binary is the usual way in; this library is the same engine
//! for Rust programs that embed Bro scripts. An embedding creates an
//! [`Interpreter`], registers its own functions, loads scripts, raises
//! events and reads globals; errors come back as values, never as panics
//! or process exits.
//!
//! ```
//! use bro::{Interpreter, Value};
//! let mut bro = Interpreter::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
//! bro.register_builtin("double_it", "function(n: count): count", |args| match args {
//!     [Value::Count(n)] => Ok(Value::Count(n * 2)),
//!     _ => Err("double_it needs a count".into()),
//! })
//! .unwrap();
//! bro.load_source("<embedded>", "global answer = double_it(21);");
//! assert!(!bro.has_errors());
//! assert!(matches!(bro.global("answer"), Some(Value::Count(42))));
//! ```
//!
//! The layers, bottom up: [`source`] and [`diag`] (places and messages),
//! [`syntax`] (text to syntax tree), [`check`] (names, types, lowering),
//! [`eval`] (values and the tree-walker), [`builtins`], [`runtime`] (the
//! event engine and the [`Interpreter`]). See `src/README.md`.

#![deny(missing_docs)]

pub mod builtins;
pub mod check;
pub mod diag;
pub mod eval;
pub mod library;
pub mod broker;
pub mod loader;
pub mod input;
pub mod logging;
pub mod runtime;
pub mod source;
pub mod syntax;
pub mod text;

pub use diag::Diagnostic;
pub use eval::value::Value;
pub use runtime::{Interpreter, Outcome};
