//! A Bro 2.6 script interpreter.

pub mod builtins;
pub mod check;
pub mod diag;
pub mod eval;
pub mod loader;
pub mod runtime;
pub mod source;
pub mod syntax;
