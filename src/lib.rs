//! A Bro 2.6 script interpreter.

pub mod check;
pub mod diag;
pub mod eval;
pub mod loader;
pub mod source;
pub mod syntax;
