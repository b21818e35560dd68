//! The evaluator: values, their Bro renderings, patterns, the
//! tree-walker and the state builtins keep between calls.

pub mod broorder;
pub mod compiled;
pub mod dns;
pub mod exec;
pub mod files;
pub mod format;
pub mod pattern;
pub mod slots;
pub mod state;
pub mod value;
