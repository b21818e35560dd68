//! The evaluator: values, their Bro renderings, and the tree-walker.

pub mod value;
