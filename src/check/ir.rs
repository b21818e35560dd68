//! The resolved, typed program the evaluator walks: locals are frame
//! slots, globals are indices, record fields are positions, calls are
//! bound to their target, and every expression knows its type.

use super::types::{RecordType, TableType, Type};
use crate::source::Span;
use crate::syntax::ast::AttrKind;
use std::rc::Rc;

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Type,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bits {
    And,
    Or,
    Xor,
}

/// Where a call goes, decided when the program is compiled.
#[derive(Debug, Clone)]
pub enum Callee {
    /// A built-in function, by index in the builtin table.
    Builtin(usize),
    /// A script function, event or hook held in a global.
    Global(usize),
    /// Any other expression of function type.
    Dynamic(Box<Expr>),
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    /// An entry of the program's constant pool.
    Const(usize),
    Local(usize),
    Global(usize),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Compl(Box<Expr>),
    /// `++x` / `--x`: the target and +1/-1.
    Incr(Box<Expr>, i64),
    Arith(Arith, Box<Expr>, Box<Expr>),
    Cmp(Cmp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Bits(Bits, Box<Expr>, Box<Expr>),
    /// `a in b` (negated for `!in`).
    In(Box<Expr>, Box<Expr>, bool),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Assign(Box<Expr>, Box<Expr>),
    /// `+=` on a container or number: target, value.
    AddTo(Box<Expr>, Box<Expr>),
    RemoveFrom(Box<Expr>, Box<Expr>),
    Call(Callee, Vec<Expr>),
    /// `hook h(args)`: true unless a handler broke out.
    HookCall(Callee, Vec<Expr>),
    Index(Box<Expr>, Vec<Expr>),
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// A record field, with the field's `&default` for when it is unset.
    Field(Box<Expr>, usize, Option<Box<Expr>>),
    HasField(Box<Expr>, usize),
    Size(Box<Expr>),
    Copy(Box<Expr>),
    /// `x as T` from `any` (or a same-type no-op).
    Cast(Box<Expr>),
    /// `x is T`
    Is(Box<Expr>, Type),
    /// Number promotion count -> int -> double, and to/from `any`.
    Coerce(Box<Expr>),
    RecordCtor(Rc<RecordType>, Vec<(usize, Expr)>),
    TableCtor(Rc<TableType>, Vec<(Vec<Expr>, Option<Expr>)>, Vec<(AttrKind, Expr)>),
    VectorCtor(Vec<Expr>),
    /// A composite index `[a, b]`.
    List(Vec<Expr>),
    Schedule(Box<Expr>, usize, Vec<Expr>),
    /// An anonymous function: index into the function table.
    Lambda(usize),
    /// A value that failed to check; never evaluated.
    Error,
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ForKind {
    /// Keys of a table or set (one slot per index element).
    Keys,
    /// Keys and the value: `for ( k, v in t )`.
    KeysValue,
    /// Indices of a vector.
    Vector,
    /// Byte positions of a string (as one-character strings).
    String,
}

#[derive(Debug, Clone)]
pub struct Case {
    /// Constant labels (empty for `default` and type cases).
    pub values: Vec<Expr>,
    /// `case type T as x`: the type and the slot to bind.
    pub types: Vec<(Type, Option<usize>)>,
    pub is_default: bool,
    pub body: Vec<Stmt>,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    Expr(Expr),
    Print(Vec<Expr>),
    Event(usize, Vec<Expr>),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    Switch(Expr, Vec<Case>),
    For { slots: Vec<usize>, value_slot: Option<usize>, iter: Expr, body: Box<Stmt>, kind: ForKind },
    While(Expr, Box<Stmt>),
    Next,
    Break,
    Fallthrough,
    Return(Option<Expr>),
    Add(Expr),
    Delete(Expr),
    /// `local x ...`: the slot and its initial value, if any.
    Local(usize, Option<Expr>),
    Block(Vec<Stmt>),
    When { cond: Expr, body: Box<Stmt>, timeout: Option<(Expr, Vec<Stmt>)>, is_return: bool },
    Null,
}

/// One body of a function, event or hook.
#[derive(Debug)]
pub struct Body {
    pub stmts: Vec<Stmt>,
    pub frame_size: usize,
    pub priority: i64,
}

/// A compile-time constant; the evaluator turns each into a value once.
#[derive(Debug, Clone)]
pub enum Const {
    Lit(crate::syntax::ast::Literal),
    Int(i64),
    Pattern { text: String, case_insensitive: bool },
    Enum(Rc<super::types::EnumType>, i64),
    Type(Type),
    /// A script function, event or hook (index into the function table).
    Func(usize),
    /// A built-in function.
    Builtin(usize),
}
