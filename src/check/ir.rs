//! The resolved, typed program the evaluator walks: locals are frame
//! slots, globals are indices, record fields are positions, calls are
//! bound to their target, and every expression knows its type.

use super::types::{RecordType, TableType, Type};
use crate::source::Span;
use crate::syntax::ast::AttrKind;
use std::rc::Rc;

/// A checked expression: what it does, its type, and where it was written.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What the expression does.
    pub kind: ExprKind,
    /// The expression's static type.
    pub ty: Type,
    /// Where the expression was written.
    pub span: Span,
}

/// Arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// Bitwise (and set) operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bits {
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
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

/// The kinds of checked expression.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// An entry of the program's constant pool.
    Const(usize),
    /// A local variable, by frame slot.
    Local(usize),
    /// A global variable, by index.
    Global(usize),
    /// `!x`
    Not(Box<Expr>),
    /// `-x`
    Neg(Box<Expr>),
    /// `~x`
    Compl(Box<Expr>),
    /// `++x` / `--x`: the target and +1/-1.
    Incr(Box<Expr>, i64),
    /// `+`, `-`, `*`, `/` or `%`.
    Arith(Arith, Box<Expr>, Box<Expr>),
    /// A comparison.
    Cmp(Cmp, Box<Expr>, Box<Expr>),
    /// `a && b`, short-circuiting.
    And(Box<Expr>, Box<Expr>),
    /// `a || b`, short-circuiting.
    Or(Box<Expr>, Box<Expr>),
    /// `&`, `|` or `^`.
    Bits(Bits, Box<Expr>, Box<Expr>),
    /// `a in b` (negated for `!in`).
    In(Box<Expr>, Box<Expr>, bool),
    /// `c ? a : b`
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `target = value`
    Assign(Box<Expr>, Box<Expr>),
    /// `+=` on a container or number: target, value.
    AddTo(Box<Expr>, Box<Expr>),
    /// `-=` on a container or number: target, value.
    RemoveFrom(Box<Expr>, Box<Expr>),
    /// A call to a function or event handler.
    Call(Callee, Vec<Expr>),
    /// `hook h(args)`: true unless a handler broke out.
    HookCall(Callee, Vec<Expr>),
    /// `a[i, ...]`
    Index(Box<Expr>, Vec<Expr>),
    /// `s[a:b]`, either bound optional.
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// A record field, with the field's `&default` for when it is unset.
    Field(Box<Expr>, usize, Option<Box<Expr>>),
    /// `r?$f`, by field position.
    HasField(Box<Expr>, usize),
    /// `|x|`
    Size(Box<Expr>),
    /// `copy(x)`: a deep copy.
    Copy(Box<Expr>),
    /// `x as T` from `any` (or a same-type no-op).
    Cast(Box<Expr>),
    /// `x is T`
    Is(Box<Expr>, Type),
    /// Number promotion count -> int -> double, and to/from `any`.
    Coerce(Box<Expr>),
    /// `[$a=1]` or `record(...)`: the record type and (field position, value) pairs.
    RecordCtor(Rc<RecordType>, Vec<(usize, Expr)>),
    /// `table(...)` or `set(...)`: the type, (index, value) entries and attributes.
    TableCtor(Rc<TableType>, Vec<(Vec<Expr>, Option<Expr>)>, Vec<(AttrKind, Expr)>),
    /// `vector(...)`
    VectorCtor(Vec<Expr>),
    /// A composite index `[a, b]`.
    List(Vec<Expr>),
    /// `schedule`: the interval, the event's function-table index, and the arguments.
    Schedule(Box<Expr>, usize, Vec<Expr>),
    /// An anonymous function: index into the function table.
    Lambda(usize),
    /// A value that failed to check; never evaluated.
    Error,
}

/// A checked statement with its source span.
#[derive(Debug, Clone)]
pub struct Stmt {
    /// What the statement does.
    pub kind: StmtKind,
    /// Where the statement was written.
    pub span: Span,
}

/// What a `for` loop iterates over.
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

/// One arm of a checked `switch`.
#[derive(Debug, Clone)]
pub struct Case {
    /// Constant labels (empty for `default` and type cases).
    pub values: Vec<Expr>,
    /// `case type T as x`: the type and the slot to bind.
    pub types: Vec<(Type, Option<usize>)>,
    /// The arm is `default`.
    pub is_default: bool,
    /// The arm's statements.
    pub body: Vec<Stmt>,
}

/// The kinds of checked statement.
#[derive(Debug, Clone)]
pub enum StmtKind {
    /// An expression evaluated for its effect.
    Expr(Expr),
    /// `print a, b;`
    Print(Vec<Expr>),
    /// `event e(args);`: the event's function-table index and arguments.
    Event(usize, Vec<Expr>),
    /// `if`, with optional `else`.
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    /// `switch` on a value.
    Switch(Expr, Vec<Case>),
    /// `for`: the key slots, the value slot, the iterated value, the body and the loop kind.
    For {
        /// Frame slots for the key variables.
        slots: Vec<usize>,
        /// Frame slot for the value variable, if any.
        value_slot: Option<usize>,
        /// The table, set, vector or string iterated over.
        iter: Expr,
        /// The loop body.
        body: Box<Stmt>,
        /// What is iterated.
        kind: ForKind,
    },
    /// `while ( cond ) body`
    While(Expr, Box<Stmt>),
    /// `next;`
    Next,
    /// `break;`
    Break,
    /// `fallthrough;`
    Fallthrough,
    /// `return;` or `return e;`
    Return(Option<Expr>),
    /// `add s[k];`
    Add(Expr),
    /// `delete t[k];` or `delete r$f;`
    Delete(Expr),
    /// `local x ...`: the slot and its initial value, if any.
    Local(usize, Option<Expr>),
    /// `{ ... }`
    Block(Vec<Stmt>),
    /// `when`: the condition, the body, the optional timeout and its statements, and whether it was `return when`.
    When {
        /// The condition waited for.
        cond: Expr,
        /// Run once the condition holds.
        body: Box<Stmt>,
        /// The `timeout` interval and the statements run when it expires.
        timeout: Option<(Expr, Vec<Stmt>)>,
        /// Written as `return when`.
        is_return: bool,
    },
    /// Does nothing (an empty statement, or one that failed to check).
    Null,
}

/// One body of a function, event or hook.
#[derive(Debug)]
pub struct Body {
    /// The statements.
    pub stmts: Vec<Stmt>,
    /// How many local slots a call needs.
    pub frame_size: usize,
    /// The handler's `&priority` (0 when absent).
    pub priority: i64,
}

/// A compile-time constant; the evaluator turns each into a value once.
#[derive(Debug, Clone)]
pub enum Const {
    /// A literal from the source.
    Lit(crate::syntax::ast::Literal),
    /// An `int` value.
    Int(i64),
    /// `/re/`, or `/re/i` when case-insensitive.
    Pattern {
        /// The regular expression's text.
        text: String,
        /// Written with a trailing `i`.
        case_insensitive: bool,
    },
    /// An enum value: its type and number.
    Enum(Rc<super::types::EnumType>, i64),
    /// A type used as a value.
    Type(Type),
    /// A script function, event or hook (index into the function table).
    Func(usize),
    /// A built-in function.
    Builtin(usize),
}
