//! From syntax tree to a resolved, typed program: types, scopes and the
//! compiler that lowers the AST into the IR the evaluator walks.

pub mod compile;
pub mod describe;
pub mod ir;
mod promote;
pub mod scope;
pub mod types;
