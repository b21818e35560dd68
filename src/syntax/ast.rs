//! The spanned syntax tree of a Bro script: exactly what was written, with
//! a [`Span`] on every node so later stages can point at it. Nothing here
//! knows about types or values beyond decoding literals.

use crate::source::Span;
use std::net::IpAddr;
use std::rc::Rc;

/// A name as written, possibly module-qualified (`Broker::peer`).
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A whole script file: declarations first, then top-level statements.
#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    pub decls: Vec<Decl>,
    pub stmts: Vec<Stmt>,
}

/// One REPL entry may mix declarations and statements in any order.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Decl(Decl),
    Stmt(Stmt),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Decl {
    pub kind: DeclKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DeclKind {
    Module(Ident),
    Export(Vec<Decl>),
    Var(VarDecl),
    RedefEnum { name: Ident, items: Vec<EnumItem> },
    RedefRecord { name: Ident, fields: Vec<RecordField>, attrs: Vec<Attr> },
    /// `redef t[k] = v;`
    RedefIndex { name: Ident, index: Vec<Expr>, value: Expr },
    Type { name: Ident, ty: Type, attrs: Vec<Attr> },
    Func(Rc<FuncDecl>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    Global,
    Const,
    Option,
    Redef,
    Local,
    LocalConst,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitOp {
    /// `=`
    Assign,
    /// `+=`
    AddTo,
    /// `-=`
    RemoveFrom,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Init {
    /// `{ a, b, [k] = v }`
    Brace(Vec<Expr>, Span),
    Expr(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub struct VarDecl {
    pub kind: VarKind,
    pub name: Ident,
    pub ty: Option<Type>,
    pub init: Option<(InitOp, Init)>,
    pub attrs: Vec<Attr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuncFlavor {
    Function,
    Event,
    Hook,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncDecl {
    pub flavor: FuncFlavor,
    /// `redef event foo(...)`: replaces earlier bodies.
    pub is_redef: bool,
    pub name: Ident,
    pub params: FuncParams,
    pub attrs: Vec<Attr>,
    pub body: Vec<Stmt>,
    pub body_span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncParams {
    pub params: Vec<Param>,
    pub ret: Option<Box<Type>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Ident,
    pub ty: Type,
    pub attrs: Vec<Attr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Type {
    pub kind: TypeKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseType {
    Bool,
    Int,
    Count,
    Counter,
    Double,
    Time,
    Interval,
    String,
    Pattern,
    Timer,
    Port,
    Addr,
    Subnet,
    Any,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    Base(BaseType),
    Named(Ident),
    Table { index: Vec<Type>, yield_type: Box<Type> },
    Set(Vec<Type>),
    Record(Vec<RecordField>),
    Enum(Vec<EnumItem>),
    Vector(Box<Type>),
    Function(FuncParams),
    Event(Vec<Param>),
    Hook(Vec<Param>),
    File(Option<Box<Type>>),
    Opaque(Ident),
    List(Option<Box<Type>>),
    Union(Vec<Type>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecordField {
    pub name: Ident,
    pub ty: Type,
    pub attrs: Vec<Attr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumItem {
    pub name: Ident,
    /// `A = 5`; Bro accepts only count constants but the parser keeps what
    /// was written so the checker can say so.
    pub value: Option<Expr>,
    pub deprecated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrKind {
    Default,
    Optional,
    Redef,
    RotateInterval,
    RotateSize,
    AddFunc,
    DelFunc,
    ExpireFunc,
    CreateExpire,
    ReadExpire,
    WriteExpire,
    Persistent,
    Synchronized,
    Encrypt,
    RawOutput,
    Mergeable,
    Priority,
    TypeColumn,
    Log,
    ErrorHandler,
    Deprecated,
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

#[derive(Clone, Debug, PartialEq)]
pub struct Attr {
    pub kind: AttrKind,
    pub value: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Block(Vec<Stmt>),
    Print(Vec<Expr>),
    Event(EventCall),
    If { cond: Expr, then: Box<Stmt>, otherwise: Option<Box<Stmt>> },
    Switch { expr: Expr, cases: Vec<Case> },
    For { vars: ForVars, iter: Expr, body: Box<Stmt> },
    While { cond: Expr, body: Box<Stmt> },
    Next,
    Break,
    Fallthrough,
    Return(Option<Expr>),
    Add(Expr),
    Delete(Expr),
    Local(VarDecl),
    When(Box<WhenStmt>),
    Expr(Expr),
    Null,
}

/// The loop variables of `for ( k in t )`, `for ( [a, b] in t )` and
/// `for ( k, v in t )`.
#[derive(Clone, Debug, PartialEq)]
pub struct ForVars {
    pub keys: Vec<Ident>,
    pub bracketed: bool,
    pub value: Option<Ident>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub label: CaseLabel,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CaseLabel {
    Exprs(Vec<Expr>),
    /// `case type count as c, type string:`
    Types(Vec<(Type, Option<Ident>)>),
    Default,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WhenStmt {
    pub is_return: bool,
    pub cond: Expr,
    pub body: Stmt,
    pub timeout: Option<(Expr, Vec<Stmt>)>,
}

/// `name(args)` after `event` or inside `schedule ... { }`.
#[derive(Clone, Debug, PartialEq)]
pub struct EventCall {
    pub name: Ident,
    pub args: Vec<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Not,
    Neg,
    Pos,
    Compl,
    PreIncr,
    PreDecr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    BitOr,
    BitXor,
    BitAnd,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl BinOp {
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

    pub fn is_comparison(self) -> bool {
        matches!(self, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    Assign,
    AddTo,
    RemoveFrom,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proto {
    Tcp,
    Udp,
    Icmp,
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Bool(bool),
    Count(u64),
    Double(f64),
    /// Bytes after escape processing; Bro strings are not UTF-8.
    String(Vec<u8>),
    Port(u32, Proto),
    Addr(IpAddr),
    Subnet(IpAddr, u8),
    /// In seconds.
    Interval(f64),
    /// `www.example.com`: resolved when the script runs.
    Hostname(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Const(Literal),
    Name(Ident),
    Paren(Box<Expr>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Assign(AssignOp, Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    Index(Box<Expr>, Vec<Expr>),
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    Field(Box<Expr>, Ident),
    HasField(Box<Expr>, Ident),
    As(Box<Expr>, Type),
    Is(Box<Expr>, Type),
    Size(Box<Expr>),
    Copy(Box<Expr>),
    /// `hook f(x)`
    HookCall(Box<Expr>),
    Schedule(Box<Expr>, EventCall),
    AnonFunc(Rc<AnonFunc>),
    TableCtor(Vec<Expr>, Vec<Attr>),
    SetCtor(Vec<Expr>, Vec<Attr>),
    VectorCtor(Vec<Expr>),
    /// `record($a=1)`
    RecordCtor(Vec<Expr>),
    /// `$a = 1` inside a record constructor or an initialiser.
    FieldAssign(Ident, Box<Expr>),
    /// `local x = e` as an expression (in `when` conditions).
    LocalAssign(Ident, Box<Expr>),
    /// `[a, b]`: a record constructor when every element is `$f = e`.
    List(Vec<Expr>),
    Pattern { text: String, case_insensitive: bool },
    /// `@DIR`
    AtDir,
    /// `@FILENAME`
    AtFilename,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AnonFunc {
    pub params: FuncParams,
    pub attrs: Vec<Attr>,
    pub body: Vec<Stmt>,
    pub span: Span,
}
