//! The evaluator: values, their Bro renderings, patterns and the
//! tree-walker.

pub mod broorder;
pub mod dns;
pub mod exec;
pub mod files;
pub mod format;
pub mod pattern;
pub mod value;
