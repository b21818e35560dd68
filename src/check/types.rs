//! Bro's types as the checker and the evaluator see them. Record and enum
//! types can grow after they are declared (`redef record R += {...}`,
//! `redef enum E += {...}`), so they sit behind `Rc` with interior
//! mutability and compare by identity.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use crate::syntax::ast::Expr;

/// A Bro type.
#[derive(Clone, Debug)]
pub enum Type {
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `count` (and `counter`).
    Count,
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
    /// `port`
    Port,
    /// `addr`
    Addr,
    /// `subnet`
    Subnet,
    /// `any`
    Any,
    /// No value: the result of a function with no return type, and of events and hooks.
    Void,
    /// `timer`: the value of a `schedule` expression.
    Timer,
    /// An `enum` type.
    Enum(Rc<EnumType>),
    /// A `record` type.
    Record(Rc<RecordType>),
    /// Tables, and sets when `yield_type` is `None`.
    Table(Rc<TableType>),
    /// `vector of T`
    Vector(Rc<Type>),
    /// A `function`, `event` or `hook` type.
    Func(Rc<FuncType>),
    /// `file of T`
    File(Rc<Type>),
    /// `opaque of name`
    Opaque(Rc<str>),
    /// The type of a list of expressions (an index `[a, b]`).
    List(Rc<Vec<Type>>),
    /// The type of a type name used as a value (`R` in `R($a=1)`).
    TypeOf(Rc<Type>),
    /// The type of an expression that already failed to check.
    Error,
}

/// An `enum` type, which `redef enum` can extend.
#[derive(Debug)]
pub struct EnumType {
    /// The type's name.
    pub name: String,
    /// (full name, value) in declaration order.
    pub names: RefCell<Vec<(String, i64)>>,
}

impl EnumType {
    /// The name of the item with the given value, if any.
    pub fn name_of(&self, value: i64) -> Option<String> {
        self.names.borrow().iter().find(|(_, v)| *v == value).map(|(n, _)| n.clone())
    }
}

/// A field of a record type.
#[derive(Debug, Clone)]
pub struct Field {
    /// The field's name.
    pub name: String,
    /// The field's type.
    pub ty: Type,
    /// Marked `&optional`: may be unset.
    pub optional: bool,
    /// Marked `&log`: written by the logging framework.
    pub log: bool,
    /// `&default=` of the field, evaluated when a record is created.
    pub default: Option<Rc<Expr>>,
    /// The `&default` expression checked against the field's type, for
    /// records made at run time (a record coerced to a stream's columns).
    pub default_code: Option<Rc<crate::check::ir::Expr>>,
    /// All attributes written on the field.
    pub attrs: Vec<crate::syntax::ast::AttrKind>,
    /// The string of a `&type_column="..."` (the input framework's
    /// column holding a port's protocol).
    pub type_column: Option<String>,
}

/// A `record` type, which `redef record` can extend.
#[derive(Debug)]
pub struct RecordType {
    /// The type's name; `None` for an anonymous record.
    pub name: Option<String>,
    /// The fields in declaration order.
    pub fields: RefCell<Vec<Field>>,
}

impl RecordType {
    /// The position of the named field, if the record has it.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.borrow().iter().position(|f| f.name == name)
    }
    /// How many fields the record has now.
    pub fn num_fields(&self) -> usize {
        self.fields.borrow().len()
    }
}

/// The key and value types of a `table` or `set`.
#[derive(Debug)]
pub struct TableType {
    /// The key types, one per index element.
    pub index: Vec<Type>,
    /// The value type; `None` for a set.
    pub yield_type: Option<Type>,
}

/// Which kind of callable a function type is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// `function`
    Function,
    /// `event`
    Event,
    /// `hook`
    Hook,
}

/// A parameter of a function type.
#[derive(Debug, Clone)]
pub struct Param {
    /// The parameter's name.
    pub name: String,
    /// The parameter's type.
    pub ty: Type,
    /// The parameter's `&default`, if any.
    pub default: Option<Rc<Expr>>,
    /// The module the declaration was read in, where the `&default`
    /// expression's names resolve.
    pub module: String,
}

/// The type of a function, event or hook.
#[derive(Debug)]
pub struct FuncType {
    /// Function, event or hook.
    pub flavor: Flavor,
    /// The parameters, in order.
    pub params: Vec<Param>,
    /// The return type: `Bool` for hooks, `Void` for events and for functions that return nothing.
    pub yield_type: Type,
}

impl Type {
    /// `set[index]`
    pub fn set_of(index: Vec<Type>) -> Type {
        Type::Table(Rc::new(TableType { index, yield_type: None }))
    }

    /// True for a `set` (a table with no value type).
    pub fn is_set(&self) -> bool {
        matches!(self, Type::Table(t) if t.yield_type.is_none())
    }

    /// True for `count`, `int` and `double`.
    pub fn is_numeric(&self) -> bool {
        matches!(self, Type::Count | Type::Int | Type::Double)
    }

    /// True for the type of an expression that failed to check.
    pub fn is_error(&self) -> bool {
        matches!(self, Type::Error)
    }

    /// Bro's tag name, as `type_name()` gives it for simple types.
    pub fn tag_name(&self) -> &'static str {
        match self {
            Type::Bool => "bool",
            Type::Int => "int",
            Type::Count => "count",
            Type::Double => "double",
            Type::Time => "time",
            Type::Interval => "interval",
            Type::String => "string",
            Type::Pattern => "pattern",
            Type::Port => "port",
            Type::Addr => "addr",
            Type::Subnet => "subnet",
            Type::Any => "any",
            Type::Void => "void",
            Type::Timer => "timer",
            Type::Enum(_) => "enum",
            Type::Record(_) => "record",
            Type::Table(t) if t.yield_type.is_none() => "set",
            Type::Table(_) => "table",
            Type::Vector(_) => "vector",
            Type::Func(f) => match f.flavor {
                Flavor::Function => "func",
                Flavor::Event => "event",
                Flavor::Hook => "hook",
            },
            Type::File(_) => "file",
            Type::Opaque(_) => "opaque",
            Type::List(_) => "list",
            Type::TypeOf(_) => "type",
            Type::Error => "error",
        }
    }

    /// Structural equality as Bro's `same_type` decides it.
    pub fn same(&self, other: &Type) -> bool {
        use Type::*;
        match (self, other) {
            (Enum(a), Enum(b)) => Rc::ptr_eq(a, b) || a.name == b.name,
            (Record(a), Record(b)) => {
                Rc::ptr_eq(a, b) || {
                    let (fa, fb) = (a.fields.borrow(), b.fields.borrow());
                    fa.len() == fb.len() && fa.iter().zip(fb.iter()).all(|(x, y)| x.name == y.name && x.ty.same(&y.ty))
                }
            }
            (Table(a), Table(b)) => {
                a.index.len() == b.index.len()
                    && a.index.iter().zip(&b.index).all(|(x, y)| x.same(y))
                    && match (&a.yield_type, &b.yield_type) {
                        (None, None) => true,
                        (Some(x), Some(y)) => x.same(y),
                        _ => false,
                    }
            }
            (Vector(a), Vector(b)) => a.same(b),
            (File(a), File(b)) => a.same(b),
            (Opaque(a), Opaque(b)) => a == b,
            (Func(a), Func(b)) => {
                a.flavor == b.flavor
                    && a.params.len() == b.params.len()
                    && a.params.iter().zip(&b.params).all(|(x, y)| x.ty.same(&y.ty))
                    && (a.flavor != Flavor::Function || a.yield_type.same(&b.yield_type))
            }
            (List(a), List(b)) => a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same(y)),
            (TypeOf(a), TypeOf(b)) => a.same(b),
            (Error, _) | (_, Error) => true,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

/// Bro's description of a type, as `type_name()` and error messages show
/// it: `table[addr] of count`, `record { a:count; b:string; }`, a named
/// record or enum by its name.
impl fmt::Display for Type {
    /// `{}` names named records (Bro's short descriptions, as in
    /// check-time messages); `{:#}` spells every record out, as Bro's
    /// run-time messages do.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let long = f.alternate();
        let sub = |f: &mut fmt::Formatter<'_>, t: &Type| if long { write!(f, "{t:#}") } else { write!(f, "{t}") };
        match self {
            Type::Enum(e) => write!(f, "{}", e.name),
            Type::Record(r) => match &r.name {
                Some(n) if !long => write!(f, "{n}"),
                _ => {
                    write!(f, "record {{ ")?;
                    for fld in r.fields.borrow().iter() {
                        write!(f, "{}:", fld.name)?;
                        sub(f, &fld.ty)?;
                        write!(f, "; ")?;
                    }
                    write!(f, "}}")
                }
            },
            Type::Table(t) => {
                write!(f, "{}[", if t.yield_type.is_some() { "table" } else { "set" })?;
                for (i, ty) in t.index.iter().enumerate() {
                    if i > 0 {
                        write!(f, ",")?;
                    }
                    sub(f, ty)?;
                }
                write!(f, "]")?;
                if let Some(y) = &t.yield_type {
                    write!(f, " of ")?;
                    sub(f, y)?;
                }
                Ok(())
            }
            Type::Vector(y) => {
                write!(f, "vector of ")?;
                sub(f, y)
            }
            Type::File(y) => {
                write!(f, "file of ")?;
                sub(f, y)
            }
            Type::Opaque(n) => write!(f, "opaque of {n}"),
            Type::Func(ft) => {
                let kw = match ft.flavor {
                    Flavor::Function => "function",
                    Flavor::Event => "event",
                    Flavor::Hook => "hook",
                };
                // The parameters as Bro describes a record's fields.
                write!(f, "{kw}(")?;
                for (i, p) in ft.params.iter().enumerate() {
                    if i > 0 {
                        write!(f, " ")?;
                    }
                    write!(f, "{}:", p.name)?;
                    sub(f, &p.ty)?;
                    write!(f, ";")?;
                }
                write!(f, ")")?;
                match (ft.flavor, &ft.yield_type) {
                    (Flavor::Function, Type::Void) | (Flavor::Event, _) | (Flavor::Hook, _) => Ok(()),
                    (_, y) => {
                        write!(f, " : ")?;
                        sub(f, y)
                    }
                }
            }
            Type::List(items) => {
                write!(f, "list of ")?;
                match items.first() {
                    Some(t) if items.iter().all(|x| x.same(t)) => write!(f, "{t}"),
                    _ => write!(f, "any"),
                }
            }
            Type::TypeOf(t) => write!(f, "type {t}"),
            other => write!(f, "{}", other.tag_name()),
        }
    }
}
