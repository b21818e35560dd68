//! A Bro 2.6 script interpreter.

pub mod diag;
pub mod loader;
pub mod source;
pub mod syntax;
