//! The spanned syntax tree of a Bro script: exactly what was written, with
//! a [`Span`] on every node so later stages can point at it. Nothing here
//! knows about types or values beyond decoding literals.

use crate::source::Span;
use std::net::IpAddr;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// A name as written, possibly module-qualified (`Broker::peer`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ident {
    /// The name, including any `Module::` prefix.
    pub name: String,
    /// Where the name was written.
    pub span: Span,
}

/// A whole script file: declarations first, then top-level statements.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Script {
    /// Declarations, in source order.
    pub decls: Vec<Decl>,
    /// Top-level statements, run when the script is loaded.
    pub stmts: Vec<Stmt>,
}

/// One REPL entry may mix declarations and statements in any order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Item {
    /// A declaration.
    Decl(Decl),
    /// A statement.
    Stmt(Stmt),
}

/// A declaration with its source span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decl {
    /// What is declared.
    pub kind: DeclKind,
    /// The whole declaration.
    pub span: Span,
}

/// The kinds of top-level declaration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DeclKind {
    /// `module Foo;`
    Module(Ident),
    /// `export { ... }`: the declarations inside the block.
    Export(Vec<Decl>),
    /// `global`, `const`, `option`, `redef` of a variable.
    Var(VarDecl),
    /// `redef enum E += { ... };`
    RedefEnum {
        /// The enum type.
        name: Ident,
        /// The items to add.
        items: Vec<EnumItem>,
    },
    /// `redef record R += { ... };`
    RedefRecord {
        /// The record type.
        name: Ident,
        /// The fields to add.
        fields: Vec<RecordField>,
        /// Attributes written after the field list.
        attrs: Vec<Attr>,
    },
    /// `redef t[k] = v;`
    RedefIndex {
        /// The table or set.
        name: Ident,
        /// The index expressions.
        index: Vec<Expr>,
        /// The value to store.
        value: Expr,
    },
    /// `type name: ty &attrs;`
    Type {
        /// The new type's name.
        name: Ident,
        /// The type it names.
        ty: Type,
        /// Attributes on the declaration.
        attrs: Vec<Attr>,
    },
    /// A function, event or hook, with or without a body.
    Func(Rc<FuncDecl>),
}

/// The keyword that introduced a variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VarKind {
    /// `global`
    Global,
    /// `const`
    Const,
    /// `option`
    Option,
    /// `redef x = ...;` of an existing variable.
    Redef,
    /// `local`
    Local,
    /// `local const`
    LocalConst,
}

/// The operator between a variable and its initialiser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InitOp {
    /// `=`
    Assign,
    /// `+=`
    AddTo,
    /// `-=`
    RemoveFrom,
}

/// The initialiser of a variable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Init {
    /// `{ a, b, [k] = v }`
    Brace(Vec<Expr>, Span),
    /// A plain expression.
    Expr(Expr),
}

/// A variable declaration: `global`, `const`, `local` and the like.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VarDecl {
    /// The keyword that introduced it.
    pub kind: VarKind,
    /// The variable's name.
    pub name: Ident,
    /// The declared type, if written.
    pub ty: Option<Type>,
    /// The initialising operator and value, if any.
    pub init: Option<(InitOp, Init)>,
    /// Attributes such as `&redef` or `&default`.
    pub attrs: Vec<Attr>,
}

/// Which kind of callable a declaration or type is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FuncFlavor {
    /// `function`
    Function,
    /// `event`
    Event,
    /// `hook`
    Hook,
}

/// A `function`, `event` or `hook` declaration or body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FuncDecl {
    /// Function, event or hook.
    pub flavor: FuncFlavor,
    /// `redef event foo(...)`: replaces earlier bodies.
    pub is_redef: bool,
    /// The declared name.
    pub name: Ident,
    /// Parameters and return type.
    pub params: FuncParams,
    /// Attributes such as `&priority`.
    pub attrs: Vec<Attr>,
    /// The body; empty for a prototype.
    pub body: Vec<Stmt>,
    /// The span of the body's braces.
    pub body_span: Span,
}

/// A parameter list with optional return type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FuncParams {
    /// The parameters, in order.
    pub params: Vec<Param>,
    /// The return type, for functions.
    pub ret: Option<Box<Type>>,
    /// Where the list was written.
    pub span: Span,
}

/// One parameter: `name: type &attrs`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Param {
    /// The parameter's name.
    pub name: Ident,
    /// The parameter's type.
    pub ty: Type,
    /// Attributes on the parameter.
    pub attrs: Vec<Attr>,
}

/// A type as written, with its source span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Type {
    /// What the type is.
    pub kind: TypeKind,
    /// Where the type was written.
    pub span: Span,
}

/// The built-in scalar types, named by their Bro keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BaseType {
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `count`
    Count,
    /// `counter`, an old synonym for `count`.
    Counter,
    /// `double`
    Double,
    /// `time`
    Time,
    /// `interval`
    Interval,
    /// `string`
    String,
    /// `pattern`
    Pattern,
    /// `timer`, an obsolete type kept for parsing.
    Timer,
    /// `port`
    Port,
    /// `addr`
    Addr,
    /// `subnet`
    Subnet,
    /// `any`
    Any,
}

/// The shapes a written type can take.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TypeKind {
    /// A built-in scalar type.
    Base(BaseType),
    /// A type referred to by name.
    Named(Ident),
    /// `table[index] of yield_type`
    Table {
        /// The key types.
        index: Vec<Type>,
        /// The value type.
        yield_type: Box<Type>,
    },
    /// `set[index]`
    Set(Vec<Type>),
    /// `record { fields }`
    Record(Vec<RecordField>),
    /// `enum { items }`
    Enum(Vec<EnumItem>),
    /// `vector of t`
    Vector(Box<Type>),
    /// `function(params): ret`
    Function(FuncParams),
    /// `event(params)`
    Event(Vec<Param>),
    /// `hook(params)`
    Hook(Vec<Param>),
    /// `file` or `file of t`.
    File(Option<Box<Type>>),
    /// `opaque of name`
    Opaque(Ident),
    /// `list` or `list of t`.
    List(Option<Box<Type>>),
    /// `union t1, t2, ...`
    Union(Vec<Type>),
}

/// A field of a record type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordField {
    /// The field's name.
    pub name: Ident,
    /// The field's type.
    pub ty: Type,
    /// Attributes such as `&optional`, `&default` or `&log`.
    pub attrs: Vec<Attr>,
    /// Where the field was written.
    pub span: Span,
}

/// A name in an `enum` type or `redef enum`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnumItem {
    /// The item's name.
    pub name: Ident,
    /// `A = 5`; Bro accepts only count constants but the parser keeps what
    /// was written so the checker can say so.
    pub value: Option<Expr>,
    /// Marked `&deprecated`.
    pub deprecated: bool,
}

/// The `&` attributes Bro knows, one variant each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttrKind {
    /// `&default`
    Default,
    /// `&optional`
    Optional,
    /// `&redef`
    Redef,
    /// `&rotate_interval`
    RotateInterval,
    /// `&rotate_size`
    RotateSize,
    /// `&add_func`
    AddFunc,
    /// `&delete_func`
    DelFunc,
    /// `&expire_func`
    ExpireFunc,
    /// `&create_expire`
    CreateExpire,
    /// `&read_expire`
    ReadExpire,
    /// `&write_expire`
    WriteExpire,
    /// `&persistent`
    Persistent,
    /// `&synchronized`
    Synchronized,
    /// `&encrypt`
    Encrypt,
    /// `&raw_output`
    RawOutput,
    /// `&mergeable`
    Mergeable,
    /// `&priority`
    Priority,
    /// `&type_column`
    TypeColumn,
    /// `&log`
    Log,
    /// `&error_handler`
    ErrorHandler,
    /// `&deprecated`
    Deprecated,
    /// `&weaken`
    Weaken,
}

impl AttrKind {
    /// The attribute as written, e.g. `&default`.
    pub fn text(self) -> &'static str {
        use AttrKind::*;
        match self {
            Default => "&default",
            Optional => "&optional",
            Redef => "&redef",
            RotateInterval => "&rotate_interval",
            RotateSize => "&rotate_size",
            AddFunc => "&add_func",
            DelFunc => "&delete_func",
            ExpireFunc => "&expire_func",
            CreateExpire => "&create_expire",
            ReadExpire => "&read_expire",
            WriteExpire => "&write_expire",
            Persistent => "&persistent",
            Synchronized => "&synchronized",
            Encrypt => "&encrypt",
            RawOutput => "&raw_output",
            Mergeable => "&mergeable",
            Priority => "&priority",
            TypeColumn => "&type_column",
            Log => "&log",
            ErrorHandler => "&error_handler",
            Deprecated => "&deprecated",
            Weaken => "&weaken",
        }
    }

    /// The attribute for its written form, e.g. `&default`; `None` if unknown.
    pub fn from_text(text: &str) -> Option<AttrKind> {
        use AttrKind::*;
        const ALL: [AttrKind; 22] = [
            Default, Optional, Redef, RotateInterval, RotateSize, AddFunc, DelFunc, ExpireFunc,
            CreateExpire, ReadExpire, WriteExpire, Persistent, Synchronized, Encrypt, RawOutput,
            Mergeable, Priority, TypeColumn, Log, ErrorHandler, Deprecated, Weaken,
        ];
        ALL.into_iter().find(|k| k.text() == text)
    }
}

/// An attribute such as `&default = 0`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attr {
    /// Which attribute.
    pub kind: AttrKind,
    /// The value after `=`, if any.
    pub value: Option<Expr>,
    /// Where the attribute was written.
    pub span: Span,
}

/// A statement with its source span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stmt {
    /// What the statement is.
    pub kind: StmtKind,
    /// Where the statement was written.
    pub span: Span,
}

/// The kinds of statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StmtKind {
    /// `{ ... }`
    Block(Vec<Stmt>),
    /// `print a, b;`
    Print(Vec<Expr>),
    /// `event e(args);`
    Event(EventCall),
    /// `if ( cond ) then else otherwise`
    If {
        /// The condition.
        cond: Expr,
        /// Run when the condition is true.
        then: Box<Stmt>,
        /// Run when it is false, if given.
        otherwise: Option<Box<Stmt>>,
    },
    /// `switch ( expr ) { cases }`
    Switch {
        /// The value switched on.
        expr: Expr,
        /// The arms, in order.
        cases: Vec<Case>,
    },
    /// `for ( vars in iter ) body`
    For {
        /// The loop variables.
        vars: ForVars,
        /// The table, set, vector or string iterated over.
        iter: Expr,
        /// The loop body.
        body: Box<Stmt>,
    },
    /// `while ( cond ) body`
    While {
        /// The condition, tested before each pass.
        cond: Expr,
        /// The loop body.
        body: Box<Stmt>,
    },
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
    /// `local x ...;`
    Local(VarDecl),
    /// `when ( cond ) { ... } timeout t { ... }`
    When(Box<WhenStmt>),
    /// An expression used as a statement.
    Expr(Expr),
    /// An empty statement: `;`.
    Null,
}

/// The loop variables of `for ( k in t )`, `for ( [a, b] in t )` and
/// `for ( k, v in t )`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForVars {
    /// The key variables.
    pub keys: Vec<Ident>,
    /// The keys were written in brackets: `[a, b]`.
    pub bracketed: bool,
    /// The value variable of `for ( k, v in t )`.
    pub value: Option<Ident>,
}

/// One arm of a `switch`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// What the arm matches.
    pub label: CaseLabel,
    /// The arm's statements.
    pub body: Vec<Stmt>,
    /// Where the arm was written.
    pub span: Span,
}

/// What a `case` matches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CaseLabel {
    /// `case 1, 2:`
    Exprs(Vec<Expr>),
    /// `case type count as c, type string:`
    Types(Vec<(Type, Option<Ident>)>),
    /// `default:`
    Default,
}

/// A `when` statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhenStmt {
    /// Written as `return when`.
    pub is_return: bool,
    /// The condition waited for.
    pub cond: Expr,
    /// Run once the condition holds.
    pub body: Stmt,
    /// The `timeout` interval and the statements run when it expires.
    pub timeout: Option<(Expr, Vec<Stmt>)>,
}

/// `name(args)` after `event` or inside `schedule ... { }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventCall {
    /// The event's name.
    pub name: Ident,
    /// The arguments.
    pub args: Vec<Expr>,
    /// Where the call was written.
    pub span: Span,
}

/// An expression with its source span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Where the expression was written.
    pub span: Span,
}

/// Prefix operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnOp {
    /// `!`
    Not,
    /// `-`
    Neg,
    /// `+`
    Pos,
    /// `~`
    Compl,
    /// `++`
    PreIncr,
    /// `--`
    PreDecr,
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinOp {
    /// `||`
    Or,
    /// `&&`
    And,
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
    /// `in`
    In,
    /// `!in`
    NotIn,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
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

impl BinOp {
    /// The operator as written, e.g. `!in`.
    pub fn text(self) -> &'static str {
        use BinOp::*;
        match self {
            Or => "||",
            And => "&&",
            Eq => "==",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            In => "in",
            NotIn => "!in",
            BitOr => "|",
            BitXor => "^",
            BitAnd => "&",
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Mod => "%",
        }
    }

    /// True for `==`, `!=`, `<`, `<=`, `>` and `>=`.
    pub fn is_comparison(self) -> bool {
        matches!(self, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge)
    }
}

/// Assignment operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssignOp {
    /// `=`
    Assign,
    /// `+=`
    AddTo,
    /// `-=`
    RemoveFrom,
}

/// The transport protocol of a port.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Proto {
    /// `tcp`
    Tcp,
    /// `udp`
    Udp,
    /// `icmp`
    Icmp,
    /// `unknown`
    Unknown,
}

/// A constant as written in the source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Literal {
    /// `T` or `F`.
    Bool(bool),
    /// An unsigned integer.
    Count(u64),
    /// A floating-point number.
    Double(f64),
    /// Bytes after escape processing; Bro strings are not UTF-8.
    String(Vec<u8>),
    /// `80/tcp`
    Port(u32, Proto),
    /// An IPv4 or IPv6 address.
    Addr(IpAddr),
    /// `10.0.0.0/8`: network address and prefix length.
    Subnet(IpAddr, u8),
    /// In seconds.
    Interval(f64),
    /// `www.example.com`: resolved when the script runs.
    Hostname(String),
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ExprKind {
    /// A constant.
    Const(Literal),
    /// A name.
    Name(Ident),
    /// `( e )`
    Paren(Box<Expr>),
    /// A prefix operator.
    Unary(UnOp, Box<Expr>),
    /// A binary operator.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `a = b`, `a += b`, `a -= b`.
    Assign(AssignOp, Box<Expr>, Box<Expr>),
    /// `c ? a : b`
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `f(args)`
    Call(Box<Expr>, Vec<Expr>),
    /// `a[i]` or `a[i, j]`.
    Index(Box<Expr>, Vec<Expr>),
    /// `s[a:b]`, either bound optional.
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `r$f`
    Field(Box<Expr>, Ident),
    /// `r?$f`
    HasField(Box<Expr>, Ident),
    /// `e as t`
    As(Box<Expr>, Type),
    /// `e is t`
    Is(Box<Expr>, Type),
    /// `|e|`
    Size(Box<Expr>),
    /// `copy(e)`
    Copy(Box<Expr>),
    /// `hook f(x)`
    HookCall(Box<Expr>),
    /// `schedule interval { event(args) }`
    Schedule(Box<Expr>, EventCall),
    /// `function(params) { body }`
    AnonFunc(Rc<AnonFunc>),
    /// `table(...)` with attributes.
    TableCtor(Vec<Expr>, Vec<Attr>),
    /// `set(...)` with attributes.
    SetCtor(Vec<Expr>, Vec<Attr>),
    /// `vector(...)`
    VectorCtor(Vec<Expr>),
    /// `record($a=1)`
    RecordCtor(Vec<Expr>),
    /// `$a = 1` inside a record constructor or an initialiser.
    FieldAssign(Ident, Box<Expr>),
    /// `local x = e` as an expression (in `when` conditions).
    LocalAssign(Ident, Box<Expr>),
    /// `[a, b]`: a record constructor when every element is `$f = e`.
    List(Vec<Expr>),
    /// `/re/`, or `/re/i` when case-insensitive.
    Pattern {
        /// The regular expression's text.
        text: String,
        /// Written with a trailing `i`.
        case_insensitive: bool,
    },
    /// `@DIR`
    AtDir,
    /// `@FILENAME`
    AtFilename,
}

/// An anonymous function.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnonFunc {
    /// Parameters and return type.
    pub params: FuncParams,
    /// Attributes on the function.
    pub attrs: Vec<Attr>,
    /// The body.
    pub body: Vec<Stmt>,
    /// Where the function was written.
    pub span: Span,
    /// Written as `$field(params) = { ... }`: without a declared return
    /// type, the type its `return` statements give (Bro's inferred
    /// return type).
    pub infer_return: bool,
}
