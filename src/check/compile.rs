//! The checker and lowering pass: declarations are entered in order (as
//! Bro reads them, one pass, names declared before use), expressions are
//! typed with Bro's rules (count/int/double promotion, record and
//! container coercion, `any`), and everything is lowered to the IR.

use super::ir::{self, Arith, Bits, Body, Callee, Cmp, Const, ExprKind, ForKind, StmtKind};
use super::scope::{full_name, FuncInfo, GlobalInfo, Globals, Locals, GLOBAL_MODULE};
use super::types::{EnumType, Field, Flavor, FuncType, Param, RecordType, TableType, Type};
use crate::diag::{Diagnostic, Place};
use crate::source::Span;
use crate::syntax::ast::{self, AttrKind, BinOp, DeclKind, ExprKind as A, InitOp, Literal, UnOp, VarKind};
use std::cell::RefCell;
use std::rc::Rc;

/// A built-in function's Bro signature, parsed from text such as
/// `function(s: string): count`.
pub struct BuiltinDecl {
    /// The function's name.
    pub name: String,
    /// The function's type.
    pub ty: Rc<FuncType>,
    /// Takes any number of arguments of any type (`fmt`, `cat`).
    pub variadic: bool,
}

/// Lowered code of one compile call: global initialisations and
/// top-level statements, to run in order.
pub type Code = Vec<ir::Stmt>;

/// The checker: turns syntax-tree declarations and statements into the typed, resolved program (IR), collecting diagnostics as it goes.
pub struct Compiler {
    /// Every global identifier seen so far.
    pub globals: Globals,
    /// Script functions, events and hooks with their bodies; the function table.
    pub funcs: Vec<FuncInfo>,
    /// The constant pool that [`ExprKind::Const`] entries point into.
    pub consts: Vec<Const>,
    /// Built-in functions with their parsed signatures; the builtin table.
    pub builtins: Vec<BuiltinDecl>,
    /// Errors and warnings not yet collected by the caller.
    pub diags: Vec<Diagnostic>,
    /// The `&add_func` / `&delete_func` of globals that have them, with
    /// the module they were declared in: `redef x += v` becomes
    /// `x = add_func(x, v)` (and `-=` likewise), as in Bro.
    redef_funcs: std::collections::HashMap<usize, RedefFuncs>,
    module: String,
    locals: Option<Locals>,
    /// Display names of the files compiled from (for `@DIR`, `@FILENAME`).
    pub file_names: std::collections::HashMap<crate::source::FileId, String>,
    /// Names of the locals of functions enclosing an anonymous function
    /// being compiled (Bro 2.6 does not let it use them).
    outer_locals: Vec<std::collections::HashSet<String>>,
    /// While a function's return type is being inferred: the types its
    /// `return` statements give.
    inferred_returns: Option<Vec<Type>>,
    /// Where each table type was written (by the address of its
    /// `TableType`), for messages that name it.
    pub(super) type_spans: std::collections::HashMap<usize, Span>,
    /// Deprecated built-in functions the scripts name, in order of use
    /// (the runtime looks for Bro's old communication functions here).
    pub deprecated_builtin_uses: Vec<String>,
    /// Where each literal of the constant pool was written, by pool
    /// index: Bro's values made while parsing keep their location.
    pub const_spans: std::collections::HashMap<usize, Span>,
}

type Ex = ir::Expr;

fn err_expr(span: Span) -> Ex {
    Ex { kind: ExprKind::Error, ty: Type::Error, span }
}

/// An attribute as Bro's messages quote it: `&read_expire=1.0 sec`.
fn describe_attr(a: &ast::Attr) -> String {
    match &a.value {
        Some(v) => format!("{}={}", a.kind.text(), describe(v)),
        None => a.kind.text().to_string(),
    }
}

/// Gives a field the `&log` attribute (from `&log` on its record type).
fn mark_logged(f: &mut Field) {
    f.log = true;
    if !f.attrs.contains(&AttrKind::Log) {
        f.attrs.push(AttrKind::Log);
    }
}

fn boxed(e: Ex) -> Box<Ex> {
    Box::new(e)
}

/// The wider of two numeric types (count < int < double).
fn max_numeric(a: &Type, b: &Type) -> Type {
    match (a, b) {
        (Type::Double, _) | (_, Type::Double) => Type::Double,
        (Type::Int, _) | (_, Type::Int) => Type::Int,
        _ => Type::Count,
    }
}

impl Default for Compiler {
    fn default() -> Self {
        Self::new()
    }
}

impl Compiler {
    /// A checker that knows no names yet.
    pub fn new() -> Compiler {
        Compiler {
            globals: Globals::default(),
            funcs: Vec::new(),
            consts: Vec::new(),
            builtins: Vec::new(),
            diags: Vec::new(),
            redef_funcs: Default::default(),
            module: GLOBAL_MODULE.to_string(),
            locals: None,
            deprecated_builtin_uses: Vec::new(),
            const_spans: Default::default(),
            file_names: Default::default(),
            outer_locals: Vec::new(),
            inferred_returns: None,
            type_spans: Default::default(),
        }
    }

    /// Where the global named `name` (seen from the current module) was
    /// declared.
    fn decl_span(&self, name: &str) -> Option<Span> {
        self.globals.lookup(&self.module, name).and_then(|g| self.globals.get(g).span)
    }

    /// The module being compiled.
    pub(super) fn module_name(&self) -> &str {
        &self.module
    }

    /// True when any error (not just a warning) has been reported.
    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(|d| d.is_error())
    }

    pub(super) fn error(&mut self, msg: impl Into<String>, span: Span) {
        self.diags.push(Diagnostic::error(msg, span));
    }

    fn warn(&mut self, msg: impl Into<String>, span: Span) {
        self.diags.push(Diagnostic::warning(msg, span));
    }

    /// Bro's notion of a pure expression: constants, names of constants
    /// and operators over pure operands.
    fn is_pure(&self, e: &ast::Expr) -> bool {
        match &e.kind {
            A::Const(_) | A::Pattern { .. } => true,
            A::Name(id) => self.globals.lookup(&self.module, &id.name).is_some_and(|g| self.globals.get(g).is_const)
                && self.locals.as_ref().is_none_or(|l| !l.names.contains_key(&id.name)),
            A::Paren(x) => self.is_pure(x),
            A::Unary(op, x) => !matches!(op, UnOp::PreIncr | UnOp::PreDecr) && self.is_pure(x),
            A::Binary(_, a, b) => self.is_pure(a) && self.is_pure(b),
            _ => false,
        }
    }

    fn konst(&mut self, c: Const, ty: Type, span: Span) -> Ex {
        self.consts.push(c);
        self.const_spans.insert(self.consts.len() - 1, span);
        Ex { kind: ExprKind::Const(self.consts.len() - 1), ty, span }
    }

    /// Registers a built-in function under its Bro signature.
    pub fn add_builtin(&mut self, name: &str, sig: &str, variadic: bool) -> Result<usize, String> {
        let parsed = Compiler::parse_signatures(&[(sig, variadic)]).pop().unwrap_or_else(|| Err(format!("bad builtin signature {sig}")))?;
        self.add_builtin_parsed(name, &parsed, variadic, Compiler::signature_deprecated(sig))
    }

    /// Splits a trailing `&deprecated` (a builtin Bro's bifs mark so) off a
    /// signature.
    fn split_deprecated(sig: &str) -> (&str, bool) {
        match sig.trim_end().strip_suffix("&deprecated") {
            Some(rest) => (rest.trim_end(), true),
            None => (sig, false),
        }
    }

    /// Whether a builtin signature ends in `&deprecated`.
    pub fn signature_deprecated(sig: &str) -> bool {
        Compiler::split_deprecated(sig).1
    }

    /// Parses many built-in signatures at once (one parse for all of
    /// them). For a variadic function only the return type is read, and
    /// that is what comes back.
    pub fn parse_signatures(sigs: &[(&str, bool)]) -> Vec<Result<ast::Type, String>> {
        let texts: Vec<&str> = sigs
            .iter()
            .map(|&(s, variadic)| {
                let s = Compiler::split_deprecated(s).0;
                if variadic {
                    s.rsplit_once("):").map(|(_, r)| r.trim()).unwrap_or("any")
                } else {
                    s
                }
            })
            .collect();
        let mut src = String::new();
        for t in &texts {
            src.push_str("type __builtin_sig: ");
            src.push_str(t);
            src.push_str(";\n");
        }
        let parsed = crate::syntax::cache::parse_script(&src, crate::source::FileId(u32::MAX));
        match parsed {
            Ok((script, _)) if script.decls.len() == texts.len() => script
                .decls
                .into_iter()
                .zip(&texts)
                .map(|(d, t)| match d.kind {
                    DeclKind::Type { ty, .. } => Ok(ty),
                    _ => Err(format!("bad builtin signature {t}")),
                })
                .collect(),
            // Some signature is malformed: parse each alone to say which.
            _ if texts.len() > 1 => sigs.iter().flat_map(|s| Compiler::parse_signatures(std::slice::from_ref(s))).collect(),
            Ok(_) => vec![Err(format!("bad builtin signature {}", texts[0]))],
            Err(d) => vec![Err(format!("bad builtin signature {}: {}", texts[0], d[0].message))],
        }
    }

    /// Whether `t` names a type that is not declared (yet): a built-in
    /// whose signature does waits for the scripts to declare it.
    pub fn names_undeclared_type(&self, t: &ast::Type) -> bool {
        use ast::TypeKind as T;
        let params = |ps: &[ast::Param]| ps.iter().any(|p| self.names_undeclared_type(&p.ty));
        match &t.kind {
            T::Base(_) | T::Opaque(_) | T::Record(_) | T::Enum(_) => false,
            T::Named(id) => !self.globals.lookup(&self.module, &id.name).is_some_and(|g| self.globals.get(g).is_type),
            T::Table { index, yield_type } => index.iter().any(|i| self.names_undeclared_type(i)) || self.names_undeclared_type(yield_type),
            T::Set(types) | T::Union(types) => types.iter().any(|i| self.names_undeclared_type(i)),
            T::Vector(inner) => self.names_undeclared_type(inner),
            T::File(inner) | T::List(inner) => inner.as_deref().is_some_and(|i| self.names_undeclared_type(i)),
            T::Function(f) => params(&f.params) || f.ret.as_deref().is_some_and(|r| self.names_undeclared_type(r)),
            T::Event(ps) | T::Hook(ps) => params(ps),
        }
    }

    /// Registers a built-in function whose signature
    /// [`parse_signatures`](Self::parse_signatures) read. Fails (leaving no
    /// trace) while the signature names a type not yet declared.
    pub fn add_builtin_parsed(&mut self, name: &str, sig: &ast::Type, variadic: bool, deprecated: bool) -> Result<usize, String> {
        let before = self.diags.len();
        let resolved = self.resolve_type(sig, None);
        if self.diags.len() > before {
            let d = self.diags.split_off(before);
            return Err(format!("bad builtin signature for {name}: {}", d[0].message));
        }
        let ty = if variadic {
            Rc::new(FuncType { flavor: Flavor::Function, params: Vec::new(), yield_type: resolved })
        } else {
            match resolved {
                Type::Func(f) => f,
                _ => return Err(format!("{name}: not a function signature")),
            }
        };
        let idx = self.builtins.len();
        self.builtins.push(BuiltinDecl { name: name.to_string(), ty: ty.clone(), variadic });
        self.globals.add(GlobalInfo {
            name: name.to_string(),
            ty: Type::Func(ty),
            is_const: true,
            is_option: false,
            is_type: false,
            attrs: Vec::new(),
            span: None,
            func: None,
            builtin: Some(idx),
            deprecated,
        });
        Ok(idx)
    }

    // ------------------------------------------------------------ types

    /// Resolves a syntactic type. `name` names the type being declared
    /// (for records and enums, which carry their name).
    pub fn resolve_type(&mut self, t: &ast::Type, name: Option<&str>) -> Type {
        use ast::TypeKind as T;
        match &t.kind {
            T::Base(b) => match b {
                ast::BaseType::Bool => Type::Bool,
                ast::BaseType::Int => Type::Int,
                ast::BaseType::Count | ast::BaseType::Counter => Type::Count,
                ast::BaseType::Double => Type::Double,
                ast::BaseType::Time => Type::Time,
                ast::BaseType::Interval => Type::Interval,
                ast::BaseType::String => Type::String,
                ast::BaseType::Pattern => Type::Pattern,
                ast::BaseType::Timer => Type::Timer,
                ast::BaseType::Port => Type::Port,
                ast::BaseType::Addr => Type::Addr,
                ast::BaseType::Subnet => Type::Subnet,
                ast::BaseType::Any => Type::Any,
            },
            T::Named(id) => match self.globals.lookup(&self.module, &id.name) {
                Some(g) if self.globals.get(g).is_type => {
                    if self.globals.get(g).deprecated {
                        self.warn(format!("deprecated ({})", self.globals.get(g).name), id.span);
                    }
                    self.globals.get(g).ty.clone()
                }
                Some(_) => {
                    self.error(format!("not a BRO type ({})", id.name), id.span);
                    Type::Error
                }
                None => {
                    self.error(format!("identifier not defined: {}", id.name), id.span);
                    Type::Error
                }
            },
            T::Table { index, yield_type } => {
                let index = index.iter().map(|i| self.resolve_type(i, None)).collect();
                let y = self.resolve_type(yield_type, None);
                let tt = Rc::new(TableType { index, yield_type: Some(y) });
                self.type_spans.insert(Rc::as_ptr(&tt) as usize, t.span);
                Type::Table(tt)
            }
            T::Set(index) => {
                let tt = Rc::new(TableType { index: index.iter().map(|i| self.resolve_type(i, None)).collect(), yield_type: None });
                self.type_spans.insert(Rc::as_ptr(&tt) as usize, t.span);
                Type::Table(tt)
            }
            T::Record(fields) => {
                let rt = Rc::new(RecordType { name: name.map(String::from), fields: RefCell::new(Vec::new()) });
                let fs = fields.iter().map(|f| self.field(f)).collect();
                *rt.fields.borrow_mut() = fs;
                Type::Record(rt)
            }
            T::Enum(items) => {
                let et = Rc::new(EnumType { name: name.unwrap_or("enum").to_string(), names: RefCell::new(Vec::new()) });
                self.add_enum_items(&et, items);
                Type::Enum(et)
            }
            T::Vector(y) => Type::Vector(Rc::new(self.resolve_type(y, None))),
            T::Function(p) => Type::Func(self.func_type(Flavor::Function, &p.params, p.ret.as_deref())),
            T::Event(p) => Type::Func(self.func_type(Flavor::Event, p, None)),
            T::Hook(p) => Type::Func(self.func_type(Flavor::Hook, p, None)),
            T::File(y) => Type::File(Rc::new(y.as_ref().map(|y| self.resolve_type(y, None)).unwrap_or(Type::String))),
            T::Opaque(id) => Type::Opaque(id.name.as_str().into()),
            T::List(_) => {
                self.error("list type not implemented", t.span);
                Type::Error
            }
            T::Union(_) => {
                self.error("union type not implemented", t.span);
                Type::Error
            }
        }
    }

    fn field(&mut self, f: &ast::RecordField) -> Field {
        let ty = self.resolve_type(&f.ty, None);
        let attrs: Vec<AttrKind> = f.attrs.iter().map(|a| a.kind).collect();
        if let Some(a) = f.attrs.iter().find(|a| a.kind == AttrKind::Default) {
            if let Some(v) = &a.value {
                let got = self.peek_type(v);
                let fits = got.is_error()
                    || got.same(&ty)
                    || (got.is_numeric() && ty.is_numeric())
                    || matches!((&got, &ty), (Type::Table(g), Type::Table(_)) if g.index.is_empty())
                    || matches!((&got, &ty), (Type::Vector(g), Type::Vector(_)) if matches!(**g, Type::Any))
                    || matches!((&got, &ty), (Type::Record(_), Type::Record(_)))
                    || matches!(ty, Type::Any);
                if !fits {
                    self.error(format!("&default value has inconsistent type (&default={})", describe(v)), a.span);
                    let mut field = Field { name: f.name.name.clone(), ty, optional: false, log: false, default: None, default_code: None, attrs: attrs.clone(), type_column: None };
                    field.optional = attrs.contains(&AttrKind::Optional);
                    return field;
                }
            }
        }
        let default = f.attrs.iter().find(|a| a.kind == AttrKind::Default).and_then(|a| a.value.clone()).map(Rc::new);
        let default_code = default.as_ref().and_then(|d| {
            let before = self.diags.len();
            let code = self.expr_expect(d, &ty);
            let clean = self.diags.len() == before;
            self.diags.truncate(before);
            clean.then(|| Rc::new(code))
        });
        Field {
            name: f.name.name.clone(),
            ty,
            optional: attrs.contains(&AttrKind::Optional),
            log: attrs.contains(&AttrKind::Log),
            default,
            default_code,
            attrs,
            type_column: f.attrs.iter().find(|a| a.kind == AttrKind::TypeColumn).and_then(|a| match &a.value {
                Some(ast::Expr { kind: ast::ExprKind::Const(ast::Literal::String(s)), .. }) => Some(String::from_utf8_lossy(s).into_owned()),
                _ => None,
            }),
        }
    }

    fn add_enum_items(&mut self, et: &Rc<EnumType>, items: &[ast::EnumItem]) {
        for item in items {
            let mut names = et.names.borrow_mut();
            let value = match &item.value {
                Some(ast::Expr { kind: A::Const(Literal::Count(n)), .. }) => *n as i64,
                Some(e) => {
                    drop(names);
                    self.error("enumerator is not a count constant", e.span);
                    continue;
                }
                None => names.iter().map(|(_, v)| *v + 1).max().unwrap_or(0),
            };
            let full = full_name(&self.module, &item.name.name);
            names.push((full.clone(), value));
            drop(names);
            let cid = {
                self.consts.push(Const::Enum(et.clone(), value));
                self.consts.len() - 1
            };
            let _ = cid;
            self.globals.add(GlobalInfo {
                name: full,
                ty: Type::Enum(et.clone()),
                is_const: true,
                is_option: false,
                is_type: false,
                attrs: vec![],
                span: Some(item.name.span),
                func: None,
                builtin: None,
                deprecated: item.deprecated,
            });
        }
    }

    fn func_type(&mut self, flavor: Flavor, params: &[ast::Param], ret: Option<&ast::Type>) -> Rc<FuncType> {
        let params = params
            .iter()
            .map(|p| Param {
                name: p.name.name.clone(),
                ty: self.resolve_type(&p.ty, None),
                default: p.attrs.iter().find(|a| a.kind == AttrKind::Default).and_then(|a| a.value.clone()).map(Rc::new),
                module: self.module.clone(),
            })
            .collect();
        let yield_type = match (flavor, ret) {
            (Flavor::Hook, _) => Type::Bool,
            (_, Some(t)) => self.resolve_type(t, None),
            (_, None) => Type::Void,
        };
        Rc::new(FuncType { flavor, params, yield_type })
    }

    // ----------------------------------------------------- declarations

    /// Enters one declaration; returns the initialisation code it needs.
    pub fn decl(&mut self, d: &ast::Decl, code: &mut Code) {
        match &d.kind {
            DeclKind::Module(name) => self.module = name.name.clone(),
            DeclKind::Export(decls) => {
                for d in decls {
                    self.decl(d, code);
                }
            }
            DeclKind::Var(v) => self.global_var(v, d.span, code),
            DeclKind::Type { name, ty, attrs } => {
                let full = full_name(&self.module, &name.name);
                let t = self.resolve_type(ty, Some(&full));
                // `&log` on a record type marks each of its fields.
                if let (Type::Record(rt), true) = (&t, attrs.iter().any(|a| a.kind == AttrKind::Log)) {
                    for f in rt.fields.borrow_mut().iter_mut() {
                        mark_logged(f);
                    }
                }
                if let Some(&g) = self.globals.by_name.get(&full) {
                    if self.globals.get(g).is_type {
                        self.globals.list[g].ty = t;
                        return;
                    }
                }
                self.globals.add(GlobalInfo {
                    name: full,
                    ty: t,
                    is_const: true,
                    is_option: false,
                    is_type: true,
                    attrs: attrs.iter().map(|a| a.kind).collect(),
                    span: Some(name.span),
                    func: None,
                    builtin: None,
                    deprecated: attrs.iter().any(|a| a.kind == AttrKind::Deprecated),
                });
            }
            DeclKind::RedefEnum { name, items } => match self.globals.lookup(&self.module, &name.name) {
                Some(g) => match self.globals.get(g).ty.clone() {
                    Type::Enum(et) => self.add_enum_items(&et, items),
                    _ => self.error("not an enum", name.span),
                },
                None => self.error(format!("unknown identifier {}", name.name), name.span),
            },
            DeclKind::RedefRecord { name, fields, attrs } => match self.globals.lookup(&self.module, &name.name) {
                Some(g) => match self.globals.get(g).ty.clone() {
                    Type::Record(rt) => {
                        let logged = attrs.iter().any(|a| a.kind == AttrKind::Log);
                        for f in fields {
                            let mut fld = self.field(f);
                            if logged {
                                mark_logged(&mut fld);
                            }
                            if !fld.optional && fld.default.is_none() {
                                self.error(
                                    format!("extension field must be &optional or have &default ({})", name.name),
                                    f.span,
                                );
                            }
                            rt.fields.borrow_mut().push(fld);
                        }
                    }
                    _ => self.error("not a record type", name.span),
                },
                None => self.error(format!("unknown identifier {}", name.name), name.span),
            },
            DeclKind::RedefIndex { name, index, value } => {
                let Some(g) = self.lookup_global_for_redef(name) else { return };
                let span = d.span;
                let target = Ex { kind: ExprKind::Global(g), ty: self.globals.get(g).ty.clone(), span: name.span };
                let idx: Vec<Ex> = index.iter().map(|e| self.expr(e)).collect();
                let elem_ty = match &target.ty {
                    Type::Table(t) => t.yield_type.clone().unwrap_or(Type::Error),
                    _ => Type::Error,
                };
                let value = self.expr_expect(value, &elem_ty);
                let lhs = Ex { kind: ExprKind::Index(boxed(target), idx), ty: elem_ty, span };
                code.push(ir::Stmt {
                    kind: StmtKind::Expr(Ex { kind: ExprKind::Assign(boxed(lhs), boxed(value)), ty: Type::Void, span }),
                    span,
                });
            }
            DeclKind::Func(f) => self.func_decl(f, code),
        }
    }

    fn lookup_global_for_redef(&mut self, name: &ast::Ident) -> Option<usize> {
        match self.globals.lookup(&self.module, &name.name) {
            Some(g) => Some(g),
            None => {
                self.error(format!("\"redef\" used but not previously defined ({})", name.name), name.span);
                None
            }
        }
    }

    fn global_var(&mut self, v: &ast::VarDecl, span: Span, code: &mut Code) {
        let mut attrs: Vec<AttrKind> = v.attrs.iter().map(|a| a.kind).collect();
        // `const s: set[string] = set("a") &redef;`: the attributes parse
        // as the constructor's, and Bro applies them to the variable.
        if let Some((_, ast::Init::Expr(ast::Expr { kind: A::TableCtor(_, ctor_attrs) | A::SetCtor(_, ctor_attrs), .. }))) = &v.init {
            attrs.extend(ctor_attrs.iter().map(|a| a.kind));
        }
        if v.kind == VarKind::Redef {
            let Some(g) = self.lookup_global_for_redef(&v.name) else { return };
            let info = self.globals.get(g).clone();
            if !info.has_attr(AttrKind::Redef) && !info.is_option {
                let here = span;
                let first = info.span.unwrap_or(here);
                self.diags.push(Diagnostic::error(format!("already defined ({})", info.name), first).between(Place::At(first), Place::At(here)));
                return;
            }
            if let Some((op, init)) = &v.init {
                let target = Ex { kind: ExprKind::Global(g), ty: info.ty.clone(), span: v.name.span };
                let value = self.init_expr(init, &info.ty);
                if let Some(stmt) = self.redef_through_func(g, *op, &info, value.clone(), span) {
                    code.push(stmt);
                    return;
                }
                let kind = match op {
                    InitOp::Assign => ExprKind::Assign(boxed(target), boxed(value)),
                    InitOp::AddTo => ExprKind::AddTo(boxed(target), boxed(value)),
                    InitOp::RemoveFrom => ExprKind::RemoveFrom(boxed(target), boxed(value)),
                };
                code.push(ir::Stmt { kind: StmtKind::Expr(Ex { kind, ty: Type::Void, span }), span });
            }
            for a in &attrs {
                if !self.globals.list[g].attrs.contains(a) {
                    self.globals.list[g].attrs.push(*a);
                }
            }
            return;
        }
        let full = full_name(&self.module, &v.name.name);
        if let Some(&existing) = self.globals.by_name.get(&full) {
            let info = self.globals.get(existing).clone();
            // A second declaration of the same global is an error, unless
            // the first was a bare event/hook prototype being repeated.
            if info.func.is_none() || v.init.is_some() {
                let first = info.span.unwrap_or(v.name.span);
                let msg = format!("already defined ({})", v.name.name);
                let d = Diagnostic::error(msg, first).with_label("first defined here").between(Place::At(first), Place::At(v.name.span));
                self.diags.push(d);
                return;
            }
        }
        let declared_ty = v.ty.as_ref().map(|t| self.resolve_type(t, None));
        if let (Some(t), Some((_, ast::Init::Expr(e)))) = (&declared_ty, &v.init) {
            let got = self.peek_type(e);
            if t.is_numeric() && !got.is_numeric() && !matches!(got, Type::Any | Type::Error) {
                let d = Diagnostic::error(format!("arithmetic mixed with non-arithmetic ({t} and {})", describe(e)), span)
                    .between(Place::Named(t.to_string()), Place::At(span));
                self.diags.push(d);
                return;
            }
        }
        let init = match &v.init {
            Some((_, init)) => Some(self.global_init(init, declared_ty.as_ref())),
            None => None,
        };
        let init = init.map(|e| self.with_decl_attrs(e, &v.attrs));
        let ty = match (&declared_ty, &init) {
            (Some(t), _) => t.clone(),
            (None, Some(e)) => e.ty.clone(),
            (None, None) => {
                self.error(format!("no type given ({})", v.name.name), v.name.span);
                Type::Error
            }
        };
        let is_func = matches!(&ty, Type::Func(f) if f.flavor != Flavor::Function) || matches!(&ty, Type::Func(_) if init.is_none());
        let func = if is_func {
            if let Type::Func(ft) = &ty {
                self.funcs.push(FuncInfo { name: full.clone(), ty: ft.clone(), bodies: Vec::new() });
                Some(self.funcs.len() - 1)
            } else {
                None
            }
        } else {
            None
        };
        let g = self.globals.add(GlobalInfo {
            name: full,
            ty: ty.clone(),
            is_const: matches!(v.kind, VarKind::Const),
            is_option: matches!(v.kind, VarKind::Option),
            is_type: false,
            attrs: attrs.clone(),
            span: Some(v.name.span),
            func,
            builtin: None,
            deprecated: attrs.contains(&AttrKind::Deprecated),
        });
        let attr_value = |kind: AttrKind| v.attrs.iter().find(|a| a.kind == kind).and_then(|a| a.value.clone());
        let (add, delete) = (attr_value(AttrKind::AddFunc), attr_value(AttrKind::DelFunc));
        if add.is_some() || delete.is_some() {
            self.redef_funcs.insert(g, RedefFuncs { add, delete, module: self.module.clone() });
        }
        let target = Ex { kind: ExprKind::Global(g), ty: ty.clone(), span: v.name.span };
        let value = match init {
            Some(e) => Some(e),
            None => self.default_value(&ty, &v.attrs, span),
        };
        if let Some(value) = value {
            code.push(ir::Stmt {
                kind: StmtKind::Expr(Ex { kind: ExprKind::Assign(boxed(target), boxed(value)), ty: Type::Void, span }),
                span,
            });
            // A file global with &raw_output writes its strings unescaped.
            if matches!(ty, Type::File(_)) && attrs.contains(&AttrKind::RawOutput) {
                if let Some(b) = self.builtins.iter().position(|b| b.name == "enable_raw_output") {
                    let file = Ex { kind: ExprKind::Global(g), ty: ty.clone(), span: v.name.span };
                    let call = Ex { kind: ExprKind::Call(Callee::Builtin(b), vec![file]), ty: Type::Void, span };
                    code.push(ir::Stmt { kind: StmtKind::Expr(call), span });
                }
            }
        } else if let Some(fid) = func {
            let c = self.konst(Const::Func(fid), ty.clone(), span);
            code.push(ir::Stmt {
                kind: StmtKind::Expr(Ex { kind: ExprKind::Assign(boxed(target), boxed(c)), ty: Type::Void, span }),
                span,
            });
        }
    }

    /// `redef x += v` (or `-=`) for a global with `&add_func` (or
    /// `&delete_func`): the statement `x = func(x, v)`.
    fn redef_through_func(&mut self, g: usize, op: InitOp, info: &GlobalInfo, value: Ex, span: Span) -> Option<ir::Stmt> {
        let funcs = self.redef_funcs.get(&g)?;
        let func = match op {
            InitOp::AddTo => funcs.add.clone()?,
            InitOp::RemoveFrom => funcs.delete.clone()?,
            InitOp::Assign => return None,
        };
        let caller = std::mem::replace(&mut self.module, funcs.module.clone());
        let callee = self.expr(&func);
        self.module = caller;
        let yield_type = match &callee.ty {
            Type::Func(ft) if ft.params.len() == 2 => ft.yield_type.clone(),
            Type::Error => return None,
            _ => {
                self.error(format!("&add_func/&delete_func must be a function of two arguments ({})", info.name), func.span);
                return None;
            }
        };
        let target = Ex { kind: ExprKind::Global(g), ty: info.ty.clone(), span };
        let call = Ex { kind: ExprKind::Call(Callee::Dynamic(Box::new(callee)), vec![target.clone(), value]), ty: yield_type, span };
        let call = self.coerce(call, &info.ty, "redef");
        Some(ir::Stmt { kind: StmtKind::Expr(Ex { kind: ExprKind::Assign(boxed(target), boxed(call)), ty: Type::Void, span }), span })
    }

    /// The value a declared-but-uninitialised container starts with (an
    /// empty table, set or vector, carrying `&default` and friends).
    fn default_value(&mut self, ty: &Type, attrs: &[ast::Attr], span: Span) -> Option<Ex> {
        match ty {
            Type::Record(rt) => {
                let mut vals = Vec::new();
                self.fill_defaults(rt, &mut vals, span, 0);
                Some(Ex { kind: ExprKind::RecordCtor(rt.clone(), vals), ty: ty.clone(), span })
            }
            Type::Table(tt) => {
                let attrs = self.table_attrs(attrs, tt);
                Some(Ex { kind: ExprKind::TableCtor(tt.clone(), Vec::new(), attrs), ty: ty.clone(), span })
            }
            Type::Vector(_) => Some(Ex { kind: ExprKind::VectorCtor(Vec::new()), ty: ty.clone(), span }),
            _ => None,
        }
    }

    /// A table initialised in its declaration takes the declaration's
    /// attributes (`global t: table[count] of string = {...} &default="x";`).
    fn with_decl_attrs(&mut self, e: Ex, attrs: &[ast::Attr]) -> Ex {
        match e.kind {
            ExprKind::TableCtor(tt, entries, mut own) if attrs.iter().any(|a| a.value.is_some()) => {
                let extra = self.table_attrs(attrs, &tt);
                own.extend(extra);
                Ex { kind: ExprKind::TableCtor(tt, entries, own), ..e }
            }
            kind => Ex { kind, ..e },
        }
    }

    fn table_attrs(&mut self, attrs: &[ast::Attr], tt: &Rc<TableType>) -> Vec<(AttrKind, Ex)> {
        let mut out = Vec::new();
        let is_expire = |k: AttrKind| matches!(k, AttrKind::CreateExpire | AttrKind::ReadExpire | AttrKind::WriteExpire);
        for (n, a) in attrs.iter().enumerate() {
            if is_expire(a.kind) && attrs[..n].iter().any(|b| is_expire(b.kind)) {
                let so_far = attrs[..=n].iter().map(describe_attr).collect::<Vec<_>>().join(", ");
                self.error(format!("set/table can only have one of &read_expire, &write_expire, &create_expire ({so_far})"), a.span);
                continue;
            }
            if let (AttrKind::CreateExpire | AttrKind::ReadExpire | AttrKind::WriteExpire, Some(v)) = (a.kind, &a.value) {
                let x = self.expr(v);
                if !matches!(x.ty, Type::Interval | Type::Error) {
                    self.error(format!("expiration interval has wrong type ({})", describe(v)), v.span);
                    continue;
                }
                out.push((a.kind, x));
                continue;
            }
            if let Some(v) = &a.value {
                let e = if a.kind == AttrKind::Default {
                    match &tt.yield_type {
                        Some(y) => {
                            let e = self.expr_expect_or_func(v, y);
                            e
                        }
                        None => self.expr(v),
                    }
                } else {
                    self.expr(v)
                };
                out.push((a.kind, e));
            }
        }
        out
    }

    /// `&default=` may be a value of the yield type or a function of the
    /// index.
    fn expr_expect_or_func(&mut self, v: &ast::Expr, y: &Type) -> Ex {
        let e = self.expr(v);
        if matches!(e.ty, Type::Func(_)) && !matches!(y, Type::Func(_)) {
            return e;
        }
        self.coerce(e, y, "&default")
    }

    pub(super) fn init_expr(&mut self, init: &ast::Init, ty: &Type) -> Ex {
        match init {
            ast::Init::Expr(e) => {
                if matches!(ty, Type::Any) {
                    self.expr(e)
                } else {
                    self.expr_expect(e, ty)
                }
            }
            ast::Init::Brace(items, span) => match ty {
                Type::Table(tt) => self.table_items(tt.clone(), items, Vec::new(), *span),
                Type::Vector(_) => {
                    let vals = items.iter().map(|i| self.expr(i)).collect();
                    let e = Ex { kind: ExprKind::VectorCtor(vals), ty: ty.clone(), span: *span };
                    self.coerce(e, ty, "initialization")
                }
                Type::Record(_) => {
                    let list = ast::Expr { kind: A::List(items.clone()), span: *span };
                    self.expr_expect(&list, ty)
                }
                _ if items.first().is_some_and(|i| matches!(i.kind, A::Assign(ast::AssignOp::Assign, ..))) => {
                    // `global t = { [1] = "a" };`: a table typed by its
                    // first element.
                    self.untyped_table_ctor(items, &[], *span, false)
                }
                _ => {
                    // `global s = { 1, 2 };`: a set of the elements' type.
                    let vals: Vec<Ex> = items.iter().map(|i| self.expr(i)).collect();
                    if vals.iter().any(|v| matches!(v.kind, ExprKind::Assign(..))) {
                        self.error("table constructor needs a declared type", *span);
                        return err_expr(*span);
                    }
                    let elem = vals.first().map(|v| v.ty.clone()).unwrap_or(Type::Any);
                    let index = match &elem {
                        Type::List(l) => (**l).clone(),
                        t => vec![t.clone()],
                    };
                    let tt = Rc::new(TableType { index, yield_type: None });
                    let entries = vals.into_iter().map(|v| (Self::index_parts(v), None)).collect();
                    Ex { kind: ExprKind::TableCtor(tt.clone(), entries, Vec::new()), ty: Type::Table(tt), span: *span }
                }
            },
        }
    }

    fn index_parts(e: Ex) -> Vec<Ex> {
        match e.kind {
            ExprKind::List(items) => items,
            _ => vec![e],
        }
    }

    /// Elements of a table or set constructor/initialiser, checked
    /// against the table type.
    fn table_items(&mut self, tt: Rc<TableType>, items: &[ast::Expr], attrs: Vec<(AttrKind, Ex)>, span: Span) -> Ex {
        let mut entries = Vec::new();
        for item in items {
            match (&item.kind, &tt.yield_type) {
                (A::Assign(ast::AssignOp::Assign, lhs, rhs), Some(y)) => {
                    let idx = match &lhs.kind {
                        A::List(parts) if !is_record_literal(parts) => parts.iter().collect::<Vec<_>>(),
                        _ => vec![lhs.as_ref()],
                    };
                    let idx = self.index_against(&tt.index, &idx, lhs.span);
                    let val = self.expr_expect(rhs, y);
                    entries.push((idx, Some(val)));
                }
                (_, None) => {
                    let parts = match &item.kind {
                        A::List(parts) if !is_record_literal(parts) => parts.iter().collect::<Vec<_>>(),
                        _ => vec![item],
                    };
                    let idx = self.index_against(&tt.index, &parts, item.span);
                    entries.push((idx, None));
                }
                _ => {
                    self.error("table constructor element must be an assignment", item.span);
                }
            }
        }
        Ex { kind: ExprKind::TableCtor(tt.clone(), entries, attrs), ty: Type::Table(tt), span }
    }

    fn index_against(&mut self, types: &[Type], parts: &[&ast::Expr], span: Span) -> Vec<Ex> {
        if types.len() != parts.len() {
            self.error("index type mismatch", span);
            return parts.iter().map(|p| self.expr(p)).collect();
        }
        parts
            .iter()
            .zip(types)
            .map(|(p, t)| match &p.kind {
                A::List(_) | A::TableCtor(..) | A::SetCtor(..) | A::VectorCtor(_) => self.expr_expect(p, t),
                _ => {
                    // A set of the index type stands for each of its
                    // members (`{ www.bro.org, 1.2.3.4 }` as a `set[addr]`).
                    let x = self.expr(p);
                    match &x.ty {
                        Type::Table(st) if st.yield_type.is_none() && st.index.len() == 1 && st.index[0].same(t) && !matches!(t, Type::Table(_)) => x,
                        _ => self.coerce_described(x, t, p),
                    }
                }
            })
            .collect()
    }

    fn func_decl(&mut self, f: &ast::FuncDecl, code: &mut Code) {
        let flavor = match f.flavor {
            ast::FuncFlavor::Function => Flavor::Function,
            ast::FuncFlavor::Event => Flavor::Event,
            ast::FuncFlavor::Hook => Flavor::Hook,
        };
        let ty = self.func_type(flavor, &f.params.params, f.params.ret.as_deref());
        // Events resolve in the current module, else globally; new events
        // and functions are declared in the current module.
        let existing = self.globals.lookup(&self.module, &f.name.name);
        let gid = match existing {
            Some(g) => {
                let info = self.globals.get(g).clone();
                match &info.ty {
                    Type::Func(old) if old.flavor == flavor => {
                        if !Type::Func(old.clone()).same(&Type::Func(ty.clone())) {
                            let here = f.name.span;
                            let msg = format!("incompatible types ({} and {})", Type::Func(old.clone()), Type::Func(ty.clone()));
                            match info.span {
                                Some(first) => self.error_between(msg, Place::At(first), Place::At(here), here),
                                None => self.error(msg, here),
                            }
                            return;
                        }
                        g
                    }
                    _ => {
                        self.error(format!("already defined ({})", f.name.name), f.name.span);
                        return;
                    }
                }
            }
            None => {
                let name = full_name(&self.module, &f.name.name);
                self.globals.add(GlobalInfo {
                    name,
                    ty: Type::Func(ty.clone()),
                    is_const: flavor == Flavor::Function,
                    is_option: false,
                    is_type: false,
                    attrs: Vec::new(),
                    span: Some(f.name.span),
                    func: None,
                    builtin: None,
                    deprecated: false,
                })
            }
        };
        if self.globals.get(gid).deprecated && flavor != Flavor::Function {
            let n = self.globals.get(gid).name.clone();
            self.warn(format!("deprecated ({n})"), f.name.span);
        }
        if f.attrs.iter().any(|a| a.kind == AttrKind::Deprecated) {
            self.globals.list[gid].deprecated = true;
        }
        let fid = match self.globals.get(gid).func {
            Some(fid) => fid,
            None => {
                let fid = self.funcs.len();
                self.funcs.push(FuncInfo { name: self.globals.get(gid).name.clone(), ty: ty.clone(), bodies: Vec::new() });
                self.globals.list[gid].func = Some(fid);
                let span = f.name.span;
                let c = self.konst(Const::Func(fid), Type::Func(ty.clone()), span);
                let target = Ex { kind: ExprKind::Global(gid), ty: Type::Func(ty.clone()), span };
                code.push(ir::Stmt {
                    kind: StmtKind::Expr(Ex { kind: ExprKind::Assign(boxed(target), boxed(c)), ty: Type::Void, span }),
                    span,
                });
                fid
            }
        };
        // Parameter names come from this body's own header.
        let ty_here = ty;
        let priority = f
            .attrs
            .iter()
            .find(|a| a.kind == AttrKind::Priority)
            .and_then(|a| a.value.as_ref())
            .and_then(|e| const_int(e))
            .unwrap_or(0);
        let body = self.body(&ty_here, &f.body, priority);
        let bodies = &mut self.funcs[fid].bodies;
        if flavor == Flavor::Function || f.is_redef {
            bodies.clear();
        }
        bodies.push(Rc::new(body));
        // Highest priority first; equal priorities keep load order.
        bodies.sort_by(|a, b| b.priority.cmp(&a.priority));
    }

    fn body(&mut self, ty: &Rc<FuncType>, stmts: &[ast::Stmt], priority: i64) -> Body {
        let saved = self.locals.take();
        let mut locals = Locals {
            yield_type: Some(ty.yield_type.clone()),
            in_hook: ty.flavor == Flavor::Hook,
            ..Locals::default()
        };
        for p in &ty.params {
            locals.declare(&p.name, p.ty.clone(), false);
        }
        self.locals = Some(locals);
        let stmts = stmts.iter().map(|s| self.stmt(s)).collect();
        let locals = std::mem::replace(&mut self.locals, saved).unwrap_or_default();
        Body { stmts, frame_size: locals.size, priority }
    }

    /// The module declarations are read in now.
    pub fn module(&self) -> &str {
        &self.module
    }

    /// Switches the current module (as a file's end restores it).
    pub fn set_module(&mut self, module: String) {
        self.module = module;
    }

    /// Finds a global as seen from the current module.
    pub fn lookup_global(&self, name: &str) -> Option<usize> {
        self.globals.lookup(&self.module, name)
    }

    /// Compiles an `@if` condition: globals only, no locals in scope.
    pub fn condition_code(&mut self, e: &ast::Expr) -> (Ex, usize) {
        let saved = self.locals.take();
        self.locals = Some(Locals::default());
        let x = self.expr(e);
        let locals = std::mem::replace(&mut self.locals, saved).unwrap_or_default();
        (x, locals.size)
    }

    /// Compiles top-level statements into code run in a frame of its own.
    pub fn top_level(&mut self, stmts: &[ast::Stmt]) -> (Vec<ir::Stmt>, usize) {
        let saved = self.locals.take();
        self.locals = Some(Locals { yield_type: Some(Type::Void), ..Locals::default() });
        let code = stmts.iter().map(|s| self.stmt(s)).collect();
        let locals = std::mem::replace(&mut self.locals, saved).unwrap_or_default();
        (code, locals.size)
    }

    /// Compiles top-level statements with `locals` in scope, adding the
    /// locals they declare to it: an interactive session's statements
    /// share one frame, so a local declared at one prompt is there at
    /// the next. The frame must have `locals.size` slots afterwards.
    pub fn stmts_in(&mut self, locals: &mut Locals, stmts: &[ast::Stmt]) -> Vec<ir::Stmt> {
        self.in_locals(locals, |c| stmts.iter().map(|s| c.stmt(s)).collect())
    }

    /// Compiles an expression with `locals` in scope (see [`stmts_in`](Self::stmts_in)).
    pub fn expr_in(&mut self, locals: &mut Locals, e: &ast::Expr) -> Ex {
        self.in_locals(locals, |c| c.expr(e))
    }

    fn in_locals<R>(&mut self, locals: &mut Locals, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = std::mem::replace(&mut self.locals, Some(std::mem::take(locals)));
        let r = f(self);
        *locals = std::mem::replace(&mut self.locals, saved).unwrap_or_default();
        r
    }

    // ------------------------------------------------------- statements

    fn stmt(&mut self, s: &ast::Stmt) -> ir::Stmt {
        use ast::StmtKind as S;
        let span = s.span;
        let kind = match &s.kind {
            S::Block(b) => StmtKind::Block(b.iter().map(|s| self.stmt(s)).collect()),
            S::Print(items) => StmtKind::Print(items.iter().map(|e| self.expr(e)).collect()),
            S::Event(call) => match self.event_target(&call.name) {
                Some((fid, ft)) => {
                    let site = CallSite { what: "event invocation", callee: call.name.name.clone(), decl: self.decl_span(&call.name.name) };
                    match self.call_args(&ft, &call.args, call.span, site) {
                        Some(args) => StmtKind::Event(fid, args),
                        None => StmtKind::Null,
                    }
                }
                None => StmtKind::Null,
            },
            S::If { cond, then, otherwise } => {
                let c = self.condition(cond);
                StmtKind::If(c, Box::new(self.stmt(then)), otherwise.as_ref().map(|o| Box::new(self.stmt(o))))
            }
            S::While { cond, body } => {
                let c = self.condition(cond);
                StmtKind::While(c, Box::new(self.stmt(body)))
            }
            S::Switch { expr, cases } => self.switch(expr, cases, span),
            S::For { vars, iter, body } => self.for_stmt(vars, iter, body),
            S::Next => StmtKind::Next,
            S::Break => StmtKind::Break,
            S::Fallthrough => StmtKind::Fallthrough,
            S::Return(e) => self.return_stmt(e.as_ref(), span),
            S::Add(e) => StmtKind::Add(self.expr(e)),
            S::Delete(e) => {
                let x = self.expr(e);
                if let ExprKind::Field(base, i, _) = &x.kind {
                    if let Type::Record(rt) = &base.ty {
                        let f = rt.fields.borrow()[*i].clone();
                        if !f.optional && f.default.is_none() {
                            self.error(format!("illegal delete statement (delete {})", describe(e)), span);
                        }
                    }
                }
                StmtKind::Delete(x)
            }
            S::Local(v) => self.local(v, span),
            S::When(w) => {
                // `when ( local x = f() )` waits for the value, any type.
                let cond = if matches!(w.cond.kind, A::LocalAssign(..)) { self.expr(&w.cond) } else { self.condition(&w.cond) };
                let body = Box::new(self.stmt(&w.body));
                let timeout = w.timeout.as_ref().map(|(t, stmts)| {
                    let t = self.expr_expect(t, &Type::Interval);
                    (t, stmts.iter().map(|s| self.stmt(s)).collect())
                });
                StmtKind::When { cond, body, timeout, is_return: w.is_return }
            }
            S::Expr(e) => {
                let x = self.expr(e);
                // Bro warns about an expression statement whose value
                // cannot matter: a pure one, or a call it rejected.
                let shown = match &e.kind {
                    A::HookCall(inner) if !matches!(inner.kind, A::Call(..)) => inner.as_ref(),
                    _ => e,
                };
                if (matches!(x.kind, ExprKind::Error) && matches!(e.kind, A::Call(..))) || self.is_pure(shown) {
                    self.warn(format!("expression value ignored ({})", describe(shown)), e.span);
                }
                StmtKind::Expr(x)
            }
            S::Null => StmtKind::Null,
        };
        ir::Stmt { kind, span }
    }

    fn condition(&mut self, e: &ast::Expr) -> Ex {
        let c = self.expr(e);
        if !matches!(c.ty, Type::Bool | Type::Error | Type::Any) {
            self.error(format!("conditional in test must be boolean ({})", describe(e)), e.span);
        }
        c
    }

    fn return_stmt(&mut self, e: Option<&ast::Expr>, span: Span) -> StmtKind {
        if self.inferred_returns.is_some() {
            let t = e.map(|e| self.peek_type(e)).unwrap_or(Type::Void);
            if let Some(found) = self.inferred_returns.as_mut() {
                found.push(t);
            }
            return StmtKind::Return(None);
        }
        let yield_ty = self.locals.as_ref().and_then(|l| l.yield_type.clone()).unwrap_or(Type::Void);
        match (e, &yield_ty) {
            (None, Type::Void) => StmtKind::Return(None),
            (None, _) if self.locals.as_ref().is_some_and(|l| l.in_hook) => StmtKind::Return(None),
            (None, _) => {
                self.error("return statement needs expression (return )", span);
                StmtKind::Return(None)
            }
            (Some(e), Type::Void) => {
                self.error(format!("return statement cannot have an expression (return ({}))", describe(e)), span);
                StmtKind::Return(None)
            }
            (Some(e), t) => {
                let t = t.clone();
                StmtKind::Return(Some(self.expr_expect(e, &t)))
            }
        }
    }

    fn local(&mut self, v: &ast::VarDecl, span: Span) -> StmtKind {
        let declared = v.ty.as_ref().map(|t| self.resolve_type(t, None));
        if let (Some(t), Some((_, ast::Init::Expr(e)))) = (&declared, &v.init) {
            let got = self.peek_type(e);
            if t.is_numeric() && !got.is_numeric() && !matches!(got, Type::Any | Type::Error) {
                self.error(
                    format!(
                        "assignment of non-arithmetic value to arithmetic ({t}/{got}) ({} = {})",
                        v.name.name,
                        describe(e)
                    ),
                    span,
                );
                return StmtKind::Null;
            }
        }
        let init = v.init.as_ref().map(|(_, init)| match (&declared, init) {
            (Some(t), ast::Init::Expr(e)) => {
                // Bro checks `local x: T = e` as the assignment `x = e`.
                let whole = format!("{} = {}", v.name.name, describe(e));
                self.value_for(t, e, whole, e.span)
            }
            (Some(t), _) => self.init_expr(init, t),
            (None, _) => self.init_expr(init, &Type::Any),
        });
        let init = init.map(|e| self.with_decl_attrs(e, &v.attrs));
        let ty = match (&declared, &init) {
            (Some(t), _) => t.clone(),
            (None, Some(e)) => e.ty.clone(),
            (None, None) => {
                self.error(format!("no type given ({})", v.name.name), v.name.span);
                Type::Error
            }
        };
        let init = match init {
            Some(e) => Some(e),
            None => self.default_value(&ty, &v.attrs, span),
        };
        let locals = self.locals.get_or_insert_with(Locals::default);
        if locals.names.contains_key(&v.name.name) {
            self.error(format!("already defined ({})", v.name.name), v.name.span);
            let slot = self.locals.as_ref().map(|l| l.names[&v.name.name].0).unwrap_or(0);
            return StmtKind::Local(slot, init);
        }
        let slot = locals.declare(&v.name.name, ty, v.kind == VarKind::LocalConst);
        StmtKind::Local(slot, init)
    }

    fn switch(&mut self, expr: &ast::Expr, cases: &[ast::Case], span: Span) -> StmtKind {
        let e = self.expr(expr);
        self.check_switch(&e.ty, expr, cases, span);
        let mut out = Vec::new();
        for c in cases {
            let mut case = ir::Case { values: Vec::new(), types: Vec::new(), is_default: false, body: Vec::new() };
            match &c.label {
                ast::CaseLabel::Default => case.is_default = true,
                ast::CaseLabel::Exprs(es) => {
                    for x in es {
                        let v = self.expr_expect(x, &e.ty.clone());
                        if !is_constant(&v) {
                            self.error("case label expression isn't constant", x.span);
                        }
                        case.values.push(v);
                    }
                }
                ast::CaseLabel::Types(ts) => {
                    for (t, name) in ts {
                        let ty = self.resolve_type(t, None);
                        let slot = name.as_ref().map(|n| {
                            let l = self.locals.get_or_insert_with(Locals::default);
                            l.declare(&n.name, ty.clone(), false)
                        });
                        case.types.push((ty, slot));
                    }
                }
            }
            case.body = c.body.iter().map(|s| self.stmt(s)).collect();
            out.push(case);
        }
        StmtKind::Switch(e, out)
    }

    /// Bro's rules for `switch`: no mixing of value and type cases, every
    /// case block ends in break/fallthrough/return, type cases are distinct
    /// and castable from the switch expression.
    fn check_switch(&mut self, expr_ty: &Type, expr: &ast::Expr, cases: &[ast::Case], span: Span) {
        let type_name = |t: &ast::Type| match &t.kind {
            ast::TypeKind::Named(id) => id.name.clone(),
            ast::TypeKind::Base(b) => format!("{b:?}").to_lowercase(),
            _ => "...".into(),
        };
        let has_exprs = cases.iter().any(|c| matches!(c.label, ast::CaseLabel::Exprs(_)));
        let has_types = cases.iter().any(|c| matches!(c.label, ast::CaseLabel::Types(_)));
        if has_exprs && has_types {
            let desc = format!(
                "switch {} {{{}}}",
                describe(expr),
                cases.iter().map(|c| crate::check::describe::case(c, &type_name)).collect::<String>()
            );
            let head = Span { end: expr.span.end, ..span };
            self.error(format!("cannot mix cases with expressions and types ({desc})"), head);
            return;
        }
        let mut seen_types: Vec<Type> = Vec::new();
        for c in cases {
            let desc = || crate::check::describe::case(c, &type_name);
            let ends_well = matches!(
                c.body.last().map(|s| &s.kind),
                Some(ast::StmtKind::Break | ast::StmtKind::Fallthrough | ast::StmtKind::Return(_))
            );
            if !ends_well {
                self.error(format!("case block must end in break/fallthrough/return statement ({})", desc()), c.span);
            }
            if let ast::CaseLabel::Types(ts) = &c.label {
                for (t, _) in ts {
                    let ty = self.resolve_type(t, None);
                    if !matches!(expr_ty, Type::Any) && !expr_ty.same(&ty) {
                        self.error(format!("cannot cast switch expression to case type ({})", desc()), c.span);
                    } else if seen_types.iter().any(|s| s.same(&ty)) {
                        self.error(format!("duplicate case label ({})", desc()), c.span);
                    }
                    seen_types.push(ty);
                }
            }
        }
    }

    fn for_stmt(&mut self, vars: &ast::ForVars, iter: &ast::Expr, body: &ast::Stmt) -> StmtKind {
        let it = self.expr(iter);
        let (key_types, kind, value_ty): (Vec<Type>, ForKind, Option<Type>) = match &it.ty {
            Type::Table(tt) => (
                tt.index.clone(),
                if vars.value.is_some() { ForKind::KeysValue } else { ForKind::Keys },
                tt.yield_type.clone(),
            ),
            // Bro 2.6 loops over a vector's indices as ints.
            Type::Vector(y) => (vec![Type::Int], ForKind::Vector, Some((**y).clone())),
            Type::String => (vec![Type::String], ForKind::String, None),
            Type::Error => (vec![Type::Error; vars.keys.len()], ForKind::Keys, None),
            other => {
                self.error(format!("target to iterate over must be a table, set, vector, or string ({})", other), iter.span);
                (vec![Type::Error; vars.keys.len()], ForKind::Keys, None)
            }
        };
        if !matches!(it.ty, Type::Error) && key_types.len() != vars.keys.len() {
            self.error("wrong index size", iter.span);
        }
        let mut slots = Vec::new();
        for (i, k) in vars.keys.iter().enumerate() {
            let ty = key_types.get(i).cloned().unwrap_or(Type::Error);
            let l = self.locals.get_or_insert_with(Locals::default);
            let slot = match l.names.get(&k.name) {
                Some((slot, _, _)) => *slot,
                None => l.declare(&k.name, ty, false),
            };
            slots.push(slot);
        }
        let value_slot = vars.value.as_ref().map(|v| {
            let ty = value_ty.clone().unwrap_or(Type::Error);
            let l = self.locals.get_or_insert_with(Locals::default);
            match l.names.get(&v.name) {
                Some((slot, _, _)) => *slot,
                None => l.declare(&v.name, ty, false),
            }
        });
        let body = Box::new(self.stmt(body));
        StmtKind::For { slots, value_slot, iter: it, body, kind }
    }

    // ------------------------------------------------------ expressions

    /// Compiles an expression that must end up of type `ty`.
    pub fn expr_expect(&mut self, e: &ast::Expr, ty: &Type) -> Ex {
        // Constructors without their own type take the expected one.
        match (&e.kind, ty) {
            (A::List(items), Type::Record(rt)) if items.iter().all(|i| matches!(i.kind, A::FieldAssign(..))) => {
                return self.record_ctor(rt.clone(), items, e.span, true);
            }
            (A::TableCtor(items, attrs), Type::Table(tt)) => {
                let attrs = self.table_attrs(attrs, tt);
                return self.table_items(tt.clone(), items, attrs, e.span);
            }
            (A::SetCtor(items, attrs), Type::Table(tt)) if tt.yield_type.is_none() => {
                let attrs = self.table_attrs(attrs, tt);
                return self.table_items(tt.clone(), items, attrs, e.span);
            }
            (A::VectorCtor(items), Type::Vector(y)) => {
                let y = (**y).clone();
                let vals = items.iter().map(|i| self.expr_expect(i, &y)).collect();
                return Ex { kind: ExprKind::VectorCtor(vals), ty: ty.clone(), span: e.span };
            }
            (A::List(items), Type::Vector(y)) => {
                let y = (**y).clone();
                let vals = items.iter().map(|i| self.expr_expect(i, &y)).collect();
                return Ex { kind: ExprKind::VectorCtor(vals), ty: ty.clone(), span: e.span };
            }
            _ => {}
        }
        let x = self.expr(e);
        self.coerce_described(x, ty, e)
    }

    fn coerce_described(&mut self, x: Ex, ty: &Type, e: &ast::Expr) -> Ex {
        if x.ty.is_error() || ty.is_error() {
            return x;
        }
        match self.try_coerce(x, ty) {
            Ok(c) => c,
            Err(_) => {
                self.error(format!("type clash ({} and {})", describe(e), ty), e.span);
                err_expr(e.span)
            }
        }
    }

    fn coerce(&mut self, x: Ex, ty: &Type, what: &str) -> Ex {
        if x.ty.is_error() || ty.is_error() {
            return x;
        }
        match self.try_coerce(x, ty) {
            Ok(c) => c,
            Err(x) => {
                self.error(format!("type clash in {what} ({} and {})", x.ty, ty), x.span);
                err_expr(x.span)
            }
        }
    }

    /// Bro's implicit conversions: numeric promotion, anything to `any`,
    /// record coercion between compatible records, empty constructors.
    pub(super) fn try_coerce_pub(&mut self, x: Ex, ty: &Type) -> Result<Ex, Ex> {
        self.try_coerce(x, ty)
    }

    fn try_coerce(&mut self, x: Ex, ty: &Type) -> Result<Ex, Ex> {
        if matches!(ty, Type::Any) {
            return Ok(x);
        }
        if let (Type::Record(from), Type::Record(to)) = (&x.ty, ty) {
            if !Rc::ptr_eq(from, to) {
                // Coercing into a record type uses its fields, deprecated
                // ones included.
                let from_fields: Vec<String> = from.fields.borrow().iter().map(|f| f.name.clone()).collect();
                let to_fields = to.fields.borrow().clone();
                for f in to_fields.iter().filter(|f| from_fields.contains(&f.name)) {
                    self.warn_deprecated_field(to, f, "$", x.span);
                }
            }
        }
        if x.ty.same(ty) {
            return Ok(x);
        }
        let span = x.span;
        match (&x.ty, ty) {
            (Type::Count, Type::Int) | (Type::Count, Type::Double) | (Type::Int, Type::Double) => {
                Ok(Ex { kind: ExprKind::Coerce(boxed(x)), ty: ty.clone(), span })
            }
            (Type::Int, Type::Count) => {
                if let ExprKind::Const(_) = x.kind {
                    // `local c: count = -1;` is allowed with a warning.
                    self.warn("dangerous assignment of integer to count", span);
                }
                Ok(Ex { kind: ExprKind::Coerce(boxed(x)), ty: ty.clone(), span })
            }
            (Type::Record(_), Type::Record(_)) => Ok(Ex { kind: ExprKind::Coerce(boxed(x)), ty: ty.clone(), span }),
            (Type::Table(from), Type::Table(to)) if from.index.is_empty() || matches!(x.kind, ExprKind::TableCtor(_, ref e, _) if e.is_empty()) => {
                let _ = to;
                match x.kind {
                    ExprKind::TableCtor(_, entries, attrs) => {
                        Ok(Ex { kind: ExprKind::TableCtor(to.clone(), entries, attrs), ty: ty.clone(), span })
                    }
                    _ => Err(x),
                }
            }
            (Type::Table(from), Type::Table(to))
                if from.yield_type.is_some() == to.yield_type.is_some()
                    && from.index.len() == to.index.len()
                    && from.index.iter().zip(&to.index).all(|(a, b)| a.same(b)) =>
            {
                Ok(Ex { kind: ExprKind::Coerce(boxed(x)), ty: ty.clone(), span })
            }
            (Type::Vector(_), Type::Vector(_)) if matches!(&x.kind, ExprKind::VectorCtor(v) if v.is_empty()) => {
                Ok(Ex { kind: ExprKind::VectorCtor(Vec::new()), ty: ty.clone(), span })
            }
            (Type::Vector(a), Type::Vector(b)) if a.is_numeric() && b.is_numeric() => {
                Ok(Ex { kind: ExprKind::Coerce(boxed(x)), ty: ty.clone(), span })
            }
            (Type::Vector(_), Type::Vector(b)) if matches!(**b, Type::Any) => Ok(x),
            (Type::Vector(a), Type::Vector(_)) if matches!(**a, Type::Any) => {
                Ok(Ex { kind: ExprKind::Coerce(boxed(x)), ty: ty.clone(), span })
            }
            (Type::Func(_), Type::Func(_)) => Ok(x),
            _ => Err(x),
        }
    }

    /// Checks an expression and lowers it to IR; on error the result has type [`Type::Error`].
    pub fn expr(&mut self, e: &ast::Expr) -> Ex {
        let span = e.span;
        match &e.kind {
            A::Const(lit) => {
                let ty = match lit {
                    Literal::Bool(_) => Type::Bool,
                    Literal::Count(_) => Type::Count,
                    Literal::Double(_) => Type::Double,
                    Literal::String(_) => Type::String,
                    Literal::Port(..) => Type::Port,
                    Literal::Addr(_) => Type::Addr,
                    Literal::Subnet(..) => Type::Subnet,
                    Literal::Interval(_) => Type::Interval,
                    Literal::Hostname(_) => Type::set_of(vec![Type::Addr]),
                };
                self.konst(Const::Lit(lit.clone()), ty, span)
            }
            A::Pattern { text, case_insensitive } => {
                self.konst(Const::Pattern { text: text.clone(), case_insensitive: *case_insensitive }, Type::Pattern, span)
            }
            A::AtDir | A::AtFilename => {
                let name = self.file_names.get(&span.file).cloned().unwrap_or_default();
                let path = std::path::Path::new(&name);
                let text = if matches!(e.kind, A::AtFilename) {
                    path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default()
                } else {
                    // Bro makes a relative directory absolute.
                    let dir = path.parent().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
                    let dir = if dir.is_empty() { ".".to_string() } else { dir };
                    if dir.starts_with('.') {
                        let cwd = std::env::current_dir().map(|c| c.display().to_string()).unwrap_or_default();
                        format!("{cwd}/{dir}")
                    } else {
                        dir
                    }
                };
                self.konst(Const::Lit(Literal::String(text.into_bytes())), Type::String, span)
            }
            A::Name(id) => self.name(id),
            A::Paren(inner) => self.expr(inner),
            A::Unary(op, x) => self.unary(*op, x, span),
            A::Binary(op, a, b) => self.binary(*op, a, b, span, e),
            A::Assign(op, lhs, rhs) => self.assign(*op, lhs, rhs, span),
            A::Cond(c, a, b) => {
                let c = self.condition(c);
                let a = self.expr(a);
                let b = self.expr(b);
                let ty = if a.ty.is_numeric() && b.ty.is_numeric() { max_numeric(&a.ty, &b.ty) } else { a.ty.clone() };
                let a = self.try_coerce(a, &ty).unwrap_or_else(|x| x);
                let b = self.try_coerce(b, &ty).unwrap_or_else(|x| x);
                Ex { kind: ExprKind::Cond(boxed(c), boxed(a), boxed(b)), ty, span }
            }
            A::Call(f, args) => self.call(f, args, span, false),
            A::HookCall(inner) => match &inner.kind {
                A::Call(f, args) => self.call(f, args, span, true),
                _ => {
                    self.error(format!("not a valid hook call expression ({})", describe(inner)), span);
                    self.expr(inner)
                }
            },
            A::Index(base, idx) => self.index(base, idx, span),
            A::Slice(base, lo, hi) => {
                let b = self.expr(base);
                let lo = lo.as_ref().map(|x| boxed(self.expr_expect(x, &Type::Int)));
                let hi = hi.as_ref().map(|x| boxed(self.expr_expect(x, &Type::Int)));
                let ty = b.ty.clone();
                Ex { kind: ExprKind::Slice(boxed(b), lo, hi), ty, span }
            }
            A::Field(base, f) => {
                let b = self.expr(base);
                match &b.ty {
                    Type::Record(rt) => match rt.field_index(&f.name) {
                        Some(i) => {
                            let field = rt.fields.borrow()[i].clone();
                            self.warn_deprecated_field(rt, &field, "$", span);
                            // An unset field with a &default reads as the default.
                            let default = field.default.as_ref().map(|d| boxed(self.expr_expect(d, &field.ty)));
                            Ex { kind: ExprKind::Field(boxed(b), i, default), ty: field.ty, span }
                        }
                        None => {
                            self.error(format!("no such field in record ({}${})", describe(base), f.name), span);
                            err_expr(span)
                        }
                    },
                    Type::Error => err_expr(span),
                    _ => {
                        self.error(format!("not a record ({}${})", describe(base), f.name), span);
                        err_expr(span)
                    }
                }
            }
            A::HasField(base, f) => {
                let b = self.expr(base);
                match &b.ty {
                    Type::Record(rt) => match rt.field_index(&f.name) {
                        Some(i) => {
                            let field = rt.fields.borrow()[i].clone();
                            self.warn_deprecated_field(rt, &field, "?$", span);
                            Ex { kind: ExprKind::HasField(boxed(b), i), ty: Type::Bool, span }
                        }
                        None => {
                            self.error(format!("no such field in record ({}?${})", describe(base), f.name), span);
                            err_expr(span)
                        }
                    },
                    Type::Error => err_expr(span),
                    _ => {
                        self.error(format!("not a record ({}?${})", describe(base), f.name), span);
                        err_expr(span)
                    }
                }
            }
            A::As(x, t) => {
                let x = self.expr(x);
                let ty = self.resolve_type(t, None);
                // Broker's data is dynamically typed: a cast from it is
                // checked when it runs, as Bro does.
                let from_broker_data = matches!(&x.ty, Type::Record(rt) if rt.name.as_deref() == Some("Broker::Data"));
                if !matches!(x.ty, Type::Any) && !from_broker_data && !x.ty.same(&ty) && !x.ty.is_error() {
                    self.error(format!("cast not supported ({} as {})", describe_ex(&x), ty), span);
                    return err_expr(span);
                }
                Ex { kind: ExprKind::Cast(boxed(x)), ty, span }
            }
            A::Is(x, t) => {
                let x = self.expr(x);
                let ty = self.resolve_type(t, None);
                Ex { kind: ExprKind::Is(boxed(x), ty), ty: Type::Bool, span }
            }
            A::Size(x) => {
                let x = self.expr(x);
                let ty = match &x.ty {
                    Type::Int => Type::Count,
                    Type::Double | Type::Time | Type::Subnet | Type::File(_) => Type::Double,
                    Type::Interval => Type::Interval,
                    Type::Error => Type::Error,
                    _ => Type::Count,
                };
                Ex { kind: ExprKind::Size(boxed(x)), ty, span }
            }
            A::Copy(x) => {
                let x = self.expr(x);
                let ty = x.ty.clone();
                Ex { kind: ExprKind::Copy(boxed(x)), ty, span }
            }
            A::Schedule(when, call) => {
                let w = self.expr_expect(when, &Type::Interval);
                match self.event_target(&call.name) {
                    Some((fid, ft)) => {
                        let site = CallSite { what: "event invocation", callee: call.name.name.clone(), decl: self.decl_span(&call.name.name) };
                        match self.call_args(&ft, &call.args, call.span, site) {
                            Some(args) => Ex { kind: ExprKind::Schedule(boxed(w), fid, args), ty: Type::Timer, span },
                            None => err_expr(span),
                        }
                    }
                    None => err_expr(span),
                }
            }
            A::AnonFunc(f) => self.lambda(f, span),
            A::TableCtor(items, attrs) => self.untyped_table_ctor(items, attrs, span, false),
            A::SetCtor(items, attrs) => self.untyped_table_ctor(items, attrs, span, true),
            A::VectorCtor(items) => {
                let vals: Vec<Ex> = items.iter().map(|i| self.expr(i)).collect();
                let y = if vals.is_empty() {
                    Type::Any
                } else if vals.iter().all(|v| v.ty.is_numeric()) {
                    vals.iter().fold(Type::Count, |acc, v| max_numeric(&acc, &v.ty))
                } else {
                    vals[0].ty.clone()
                };
                let mut out = Vec::new();
                for v in vals {
                    if !v.ty.same(&y) && !matches!(y, Type::Any) && !(v.ty.is_numeric() && y.is_numeric()) {
                        self.error("inconsistent types in vector constructor", v.span);
                    }
                    out.push(self.try_coerce(v, &y).unwrap_or_else(|x| x));
                }
                Ex { kind: ExprKind::VectorCtor(out), ty: Type::Vector(Rc::new(y)), span }
            }
            A::RecordCtor(items) => {
                let rt = self.anon_record(items);
                self.record_ctor(rt, items, span, false)
            }
            A::FieldAssign(name, _) => {
                self.error(format!("field assignment outside a record constructor (${})", name.name), span);
                err_expr(span)
            }
            A::LocalAssign(name, value) => {
                let v = self.expr(value);
                let l = self.locals.get_or_insert_with(Locals::default);
                let slot = l.declare(&name.name, v.ty.clone(), false);
                let ty = v.ty.clone();
                let target = Ex { kind: ExprKind::Local(slot), ty: ty.clone(), span: name.span };
                Ex { kind: ExprKind::Assign(boxed(target), boxed(v)), ty, span }
            }
            A::List(items) => {
                if !items.is_empty() && items.iter().all(|i| matches!(i.kind, A::FieldAssign(..))) {
                    let rt = self.anon_record(items);
                    return self.record_ctor(rt, items, span, false);
                }
                if items.is_empty() {
                    let rt = Rc::new(RecordType { name: None, fields: RefCell::new(Vec::new()) });
                    return Ex { kind: ExprKind::RecordCtor(rt.clone(), Vec::new()), ty: Type::Record(rt), span };
                }
                let vals: Vec<Ex> = items.iter().map(|i| self.expr(i)).collect();
                let ty = Type::List(Rc::new(vals.iter().map(|v| v.ty.clone()).collect()));
                Ex { kind: ExprKind::List(vals), ty, span }
            }
        }
    }

    fn anon_record(&mut self, items: &[ast::Expr]) -> Rc<RecordType> {
        let mut fields = Vec::new();
        for i in items {
            if let A::FieldAssign(name, v) = &i.kind {
                let ty = self.peek_type(v);
                fields.push(Field { name: name.name.clone(), ty, optional: false, log: false, default: None, default_code: None, attrs: vec![], type_column: None });
            }
        }
        Rc::new(RecordType { name: None, fields: RefCell::new(fields) })
    }

    /// The type an expression would have, compiled without keeping it.
    pub(super) fn peek_type(&mut self, e: &ast::Expr) -> Type {
        let saved_consts = self.consts.len();
        let saved_diags = self.diags.len();
        let saved_locals = self.locals.as_ref().map(|l| (l.size, l.names.clone()));
        let t = self.expr(e).ty;
        self.consts.truncate(saved_consts);
        self.diags.truncate(saved_diags);
        if let (Some(l), Some((size, names))) = (self.locals.as_mut(), saved_locals) {
            l.size = size;
            l.names = names;
        }
        t
    }

    /// `[$a=1]` or `R($a=1)`: checks fields against `rt`, filling in
    /// defaults; `coerced` when the type comes from context.
    fn record_ctor(&mut self, rt: Rc<RecordType>, items: &[ast::Expr], span: Span, _coerced: bool) -> Ex {
        let mut vals = Vec::new();
        let mut ok = true;
        for i in items {
            let A::FieldAssign(name, v) = &i.kind else {
                // Only `$field=value` may build a record.
                let msg = format!("bad type in record constructor ({} and {})", describe_list(items), describe(i));
                self.error_between(msg, Place::At(span), Place::At(i.span), span);
                ok = false;
                continue;
            };
            match rt.field_index(&name.name) {
                Some(idx) => {
                    let field = rt.fields.borrow()[idx].clone();
                    self.warn_deprecated_field(&rt, &field, "$", span);
                    let fty = field.ty.clone();
                    let before = self.diags.len();
                    let x = self.expr_expect(v, &fty);
                    if self.diags.len() > before && x.ty.is_error() {
                        let got = self.peek_type(v);
                        self.diags.truncate(before);
                        let msg = format!("type clash for field \"{}\" ((coerce {} to {}) and {})", name.name, describe_list(items), Type::Record(rt.clone()), got);
                        let second = self.value_type_place(&got, v.span);
                        self.error_between(msg, Place::At(i.span), second, i.span);
                        ok = false;
                    }
                    vals.push((idx, x));
                }
                None => {
                    // Bro stops at the first field that does not fit.
                    self.error(
                        format!("orphaned field \"{}\" in record coercion ((coerce {} to {}))", name.name, describe_list(items), Type::Record(rt.clone())),
                        span,
                    );
                    return err_expr(span);
                }
            }
        }
        if !ok {
            return err_expr(span);
        }
        for (idx, f) in rt.fields.borrow().iter().enumerate() {
            if !f.optional && f.default.is_none() && !vals.iter().any(|(i, _)| *i == idx) {
                let name = f.name.clone();
                let desc = format!("(coerce {} to {})", describe_list(items), Type::Record(rt.clone()));
                self.diags.push(Diagnostic::error(format!("non-optional field \"{name}\" missing ({desc})"), span));
                ok = false;
            }
        }
        if !ok {
            return err_expr(span);
        }
        self.fill_defaults(&rt, &mut vals, span, 0);
        Ex { kind: ExprKind::RecordCtor(rt.clone(), vals), ty: Type::Record(rt), span }
    }

    /// Bro's warning for a use of a `&deprecated` record field
    /// (`deprecated (my_record$b)`).
    fn warn_deprecated_field(&mut self, rt: &Rc<RecordType>, field: &Field, sep: &str, span: Span) {
        if field.attrs.contains(&AttrKind::Deprecated) {
            let rec = rt.name.clone().unwrap_or_else(|| Type::Record(rt.clone()).to_string());
            self.warn(format!("deprecated ({rec}{sep}{})", field.name), span);
        }
    }

    /// Fields a constructor leaves out get their `&default`; non-optional
    /// containers and records start empty, as Bro's records do.
    fn fill_defaults(&mut self, rt: &Rc<RecordType>, vals: &mut Vec<(usize, Ex)>, span: Span, depth: usize) {
        let fields = rt.fields.borrow().clone();
        for (idx, f) in fields.iter().enumerate() {
            if vals.iter().any(|(i, _)| *i == idx) {
                continue;
            }
            // The default as checked where the record type was declared
            // (its names resolve in that module, as in Bro).
            if let Some(code) = &f.default_code {
                vals.push((idx, (**code).clone()));
                continue;
            }
            if let Some(d) = &f.default {
                let d = d.clone();
                let x = self.expr_expect(&d, &f.ty);
                vals.push((idx, x));
                continue;
            }
            if f.optional {
                continue;
            }
            let x = match &f.ty {
                Type::Table(tt) => Ex { kind: ExprKind::TableCtor(tt.clone(), Vec::new(), Vec::new()), ty: f.ty.clone(), span },
                Type::Vector(_) => Ex { kind: ExprKind::VectorCtor(Vec::new()), ty: f.ty.clone(), span },
                Type::Record(inner) if depth < 4 && !Rc::ptr_eq(inner, rt) => {
                    let mut inner_vals = Vec::new();
                    self.fill_defaults(inner, &mut inner_vals, span, depth + 1);
                    Ex { kind: ExprKind::RecordCtor(inner.clone(), inner_vals), ty: f.ty.clone(), span }
                }
                _ => continue,
            };
            vals.push((idx, x));
        }
    }

    fn untyped_table_ctor(&mut self, items: &[ast::Expr], attrs: &[ast::Attr], span: Span, is_set: bool) -> Ex {
        if items.is_empty() {
            let tt = Rc::new(TableType { index: Vec::new(), yield_type: if is_set { None } else { Some(Type::Any) } });
            let a = self.table_attrs(attrs, &tt);
            return Ex { kind: ExprKind::TableCtor(tt.clone(), Vec::new(), a), ty: Type::Table(tt), span };
        }
        // Infer the type from the first element.
        let first = &items[0];
        let (index_ast, yield_ast): (Vec<&ast::Expr>, Option<&ast::Expr>) = match (&first.kind, is_set) {
            (A::Assign(ast::AssignOp::Assign, lhs, rhs), false) => (
                match &lhs.kind {
                    A::List(p) => p.iter().collect(),
                    _ => vec![lhs.as_ref()],
                },
                Some(rhs.as_ref()),
            ),
            (A::List(p), true) => (p.iter().collect(), None),
            (_, true) => (vec![first], None),
            _ => {
                self.error("table constructor element must be an assignment", first.span);
                return err_expr(span);
            }
        };
        let index: Vec<Type> = index_ast.iter().map(|e| self.peek_type(e)).collect();
        let yield_type = yield_ast.map(|e| self.peek_type(e));
        let tt = Rc::new(TableType { index, yield_type });
        let a = self.table_attrs(attrs, &tt);
        self.table_items(tt, items, a, span)
    }

    fn lambda(&mut self, f: &ast::AnonFunc, span: Span) -> Ex {
        let mut ty = self.func_type(Flavor::Function, &f.params.params, f.params.ret.as_deref());
        let outer: std::collections::HashSet<String> = self.locals.as_ref().map(|l| l.names.keys().cloned().collect()).unwrap_or_default();
        let enclosing = self.inferred_returns.take();
        if f.infer_return && f.params.ret.is_none() {
            // A first pass over the body only collects what its returns give.
            let (diags, funcs) = (self.diags.len(), self.funcs.len());
            self.inferred_returns = Some(Vec::new());
            self.outer_locals.push(outer.clone());
            let _ = self.body(&ty, &f.body, 0);
            self.outer_locals.pop();
            let found = self.inferred_returns.take().unwrap_or_default();
            self.diags.truncate(diags);
            self.funcs.truncate(funcs);
            if let Some(t) = found.into_iter().find(|t| !matches!(t, Type::Void | Type::Error)) {
                ty = Rc::new(FuncType { flavor: ty.flavor, params: ty.params.clone(), yield_type: t });
            }
        }
        self.outer_locals.push(outer);
        let body = self.body(&ty, &f.body, 0);
        self.outer_locals.pop();
        self.inferred_returns = enclosing;
        let fid = self.funcs.len();
        self.funcs.push(FuncInfo { name: "anonymous-function".into(), ty: ty.clone(), bodies: vec![Rc::new(body)] });
        Ex { kind: ExprKind::Lambda(fid), ty: Type::Func(ty), span }
    }

    fn name(&mut self, id: &ast::Ident) -> Ex {
        if let Some(l) = &self.locals {
            if let Some((slot, ty, _)) = l.names.get(&id.name) {
                return Ex { kind: ExprKind::Local(*slot), ty: ty.clone(), span: id.span };
            }
        }
        match self.globals.lookup(&self.module, &id.name) {
            Some(g) => {
                let info = self.globals.get(g).clone();
                if info.deprecated {
                    self.warn(format!("deprecated ({})", info.name), id.span);
                    if info.builtin.is_some() {
                        self.deprecated_builtin_uses.push(info.name.clone());
                    }
                }
                if info.is_type {
                    return self.konst(Const::Type(info.ty.clone()), Type::TypeOf(Rc::new(info.ty)), id.span);
                }
                if let (Type::Enum(et), true) = (&info.ty, info.is_const) {
                    if let Some((_, v)) = et.names.borrow().iter().find(|(n, _)| *n == info.name) {
                        let v = *v;
                        return self.konst(Const::Enum(et.clone(), v), info.ty.clone(), id.span);
                    }
                }
                if let Some(b) = info.builtin {
                    return self.konst(Const::Builtin(b), info.ty, id.span);
                }
                Ex { kind: ExprKind::Global(g), ty: info.ty, span: id.span }
            }
            None if self.outer_locals.iter().any(|o| o.contains(&id.name)) => {
                self.error(format!("referencing outer function IDs not supported ({})", id.name), id.span);
                err_expr(id.span)
            }
            None => {
                self.error(format!("unknown identifier {}, at or near \"{}\"", id.name, id.name), id.span);
                err_expr(id.span)
            }
        }
    }

    fn unary(&mut self, op: UnOp, x: &ast::Expr, span: Span) -> Ex {
        let v = self.expr(x);
        let t = v.ty.clone();
        match op {
            UnOp::Not => {
                if !matches!(t, Type::Bool | Type::Error | Type::Any) {
                    self.error(format!("requires boolean operand (!{})", describe(x)), span);
                }
                Ex { kind: ExprKind::Not(boxed(v)), ty: Type::Bool, span }
            }
            UnOp::Neg => {
                let ty = match t {
                    Type::Count => Type::Int,
                    Type::Int | Type::Double | Type::Interval | Type::Error => t,
                    _ => {
                        self.error(format!("requires arithmetic operand (-{})", describe(x)), span);
                        Type::Error
                    }
                };
                Ex { kind: ExprKind::Neg(boxed(v)), ty, span }
            }
            UnOp::Pos => {
                let ty = if matches!(t, Type::Count) { Type::Int } else { t };
                let v = self.try_coerce(v, &ty).unwrap_or_else(|x| x);
                Ex { ty, ..v }
            }
            UnOp::Compl => Ex { kind: ExprKind::Compl(boxed(v)), ty: Type::Count, span },
            UnOp::PreIncr | UnOp::PreDecr => {
                if !self.check_assignable(&v, x) {
                    return err_expr(span);
                }
                let d = if op == UnOp::PreIncr { 1 } else { -1 };
                Ex { kind: ExprKind::Incr(boxed(v), d), ty: t, span }
            }
        }
    }

    fn binary(&mut self, op: BinOp, a: &ast::Expr, b: &ast::Expr, span: Span, whole: &ast::Expr) -> Ex {
        let x = self.expr(a);
        let y = self.expr(b);
        let (tx, ty) = (x.ty.clone(), y.ty.clone());
        if tx.is_error() || ty.is_error() {
            return err_expr(span);
        }
        use Type as T;
        match op {
            BinOp::And | BinOp::Or => {
                let vec_of_bool = |t: &Type| matches!(t, T::Vector(y) if matches!(**y, T::Bool));
                if vec_of_bool(&tx) && vec_of_bool(&ty) {
                    let kind = if op == BinOp::And { ExprKind::And(boxed(x), boxed(y)) } else { ExprKind::Or(boxed(x), boxed(y)) };
                    return Ex { kind, ty: tx, span };
                }
                if !matches!(tx, T::Bool | T::Any) || !matches!(ty, T::Bool | T::Any) {
                    self.error(format!("requires boolean operands ({})", describe(whole)), span);
                    return err_expr(span);
                }
                let kind = if op == BinOp::And { ExprKind::And(boxed(x), boxed(y)) } else { ExprKind::Or(boxed(x), boxed(y)) };
                Ex { kind, ty: T::Bool, span }
            }
            BinOp::In | BinOp::NotIn => {
                let x = match (&ty, &x.kind) {
                    (T::Table(tt), _) if tt.index.len() == 1 => self.try_coerce(x, &tt.index[0]).unwrap_or_else(|x| x),
                    _ => x,
                };
                Ex { kind: ExprKind::In(boxed(x), boxed(y), op == BinOp::NotIn), ty: T::Bool, span }
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let cmp = match op {
                    BinOp::Eq => Cmp::Eq,
                    BinOp::Ne => Cmp::Ne,
                    BinOp::Lt => Cmp::Lt,
                    BinOp::Le => Cmp::Le,
                    BinOp::Gt => Cmp::Gt,
                    _ => Cmp::Ge,
                };
                if let (T::Vector(_), T::Vector(_)) = (&tx, &ty) {
                    // Vectors compare element by element.
                    return Ex { kind: ExprKind::Cmp(cmp, boxed(x), boxed(y)), ty: T::Vector(Rc::new(T::Bool)), span };
                }
                let (x, y) = if tx.is_numeric() && ty.is_numeric() {
                    let m = max_numeric(&tx, &ty);
                    (self.try_coerce(x, &m).unwrap_or_else(|x| x), self.try_coerce(y, &m).unwrap_or_else(|x| x))
                } else {
                    let compatible = tx.same(&ty)
                        || matches!((&tx, &ty), (T::Pattern, T::String) | (T::String, T::Pattern))
                        || matches!(tx, T::Any)
                        || matches!(ty, T::Any);
                    if !compatible {
                        self.error(format!("type clash in comparison ({})", describe(whole)), span);
                        return err_expr(span);
                    }
                    (x, y)
                };
                Ex { kind: ExprKind::Cmp(cmp, boxed(x), boxed(y)), ty: T::Bool, span }
            }
            BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => {
                let bits = match op {
                    BinOp::BitAnd => Bits::And,
                    BinOp::BitOr => Bits::Or,
                    _ => Bits::Xor,
                };
                let rty = match (&tx, &ty) {
                    (T::Count, T::Count) => T::Count,
                    (T::Pattern, T::Pattern) if bits != Bits::Xor => T::Pattern,
                    (T::Table(_), T::Table(_)) if bits != Bits::Xor => tx.clone(),
                    _ => {
                        self.error(format!("requires \"count\" operands ({})", describe(whole)), span);
                        return err_expr(span);
                    }
                };
                Ex { kind: ExprKind::Bits(bits, boxed(x), boxed(y)), ty: rty, span }
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod => {
                let ar = match op {
                    BinOp::Add => Arith::Add,
                    BinOp::Sub => Arith::Sub,
                    BinOp::Mul => Arith::Mul,
                    BinOp::Div => Arith::Div,
                    _ => Arith::Mod,
                };
                let rty = match (ar, &tx, &ty) {
                    (_, a, b) if a.is_numeric() && b.is_numeric() => {
                        if ar == Arith::Mod && (matches!(a, T::Double) || matches!(b, T::Double)) {
                            self.error(format!("requires integral operands ({})", describe(whole)), span);
                            return err_expr(span);
                        }
                        let m = max_numeric(a, b);
                        let x = self.try_coerce(x, &m).unwrap_or_else(|x| x);
                        let y = self.try_coerce(y, &m).unwrap_or_else(|x| x);
                        return Ex { kind: ExprKind::Arith(ar, boxed(x), boxed(y)), ty: m, span };
                    }
                    (Arith::Add, T::String, T::String) => T::String,
                    (Arith::Sub, T::Time, T::Time) => T::Interval,
                    (Arith::Add | Arith::Sub, T::Time, T::Interval) => T::Time,
                    (Arith::Add, T::Interval, T::Time) => T::Time,
                    (Arith::Add | Arith::Sub, T::Interval, T::Interval) => T::Interval,
                    (Arith::Div, T::Interval, T::Interval) => T::Double,
                    (Arith::Mul | Arith::Div, T::Interval, n) if n.is_numeric() => T::Interval,
                    (Arith::Mul, n, T::Interval) if n.is_numeric() => T::Interval,
                    (Arith::Sub, T::Table(_), T::Table(_)) => tx.clone(),
                    (_, T::Vector(a), T::Vector(b)) if a.is_numeric() && b.is_numeric() => {
                        T::Vector(Rc::new(max_numeric(a, b)))
                    }
                    _ => {
                        self.error(format!("requires arithmetic operands ({})", describe(whole)), span);
                        return err_expr(span);
                    }
                };
                Ex { kind: ExprKind::Arith(ar, boxed(x), boxed(y)), ty: rty, span }
            }
        }
    }

    fn assign(&mut self, op: ast::AssignOp, lhs: &ast::Expr, rhs: &ast::Expr, span: Span) -> Ex {
        // Bro checks the right-hand side before the target (`a = b = c`
        // reports `b` before `a`), so the target's errors wait.
        let before = self.diags.len();
        let target = self.expr(lhs);
        let ok = !target.ty.is_error() && self.check_assignable(&target, lhs);
        let target_diags = self.diags.split_off(before);
        if !ok {
            let _ = self.expr(rhs);
            self.diags.extend(target_diags);
            return err_expr(span);
        }
        self.diags.extend(target_diags);
        let ty = target.ty.clone();
        match op {
            ast::AssignOp::Assign => {
                let whole = format!("{} = {}", describe(lhs), describe(rhs));
                let v = self.value_for(&ty, rhs, whole, span);
                Ex { kind: ExprKind::Assign(boxed(target), boxed(v)), ty, span }
            }
            ast::AssignOp::AddTo | ast::AssignOp::RemoveFrom => {
                let v = match &ty {
                    t if t.is_numeric() || matches!(t, Type::Interval | Type::Time | Type::String) => {
                        let want = if matches!(ty, Type::Time) { Type::Interval } else { ty.clone() };
                        self.expr_expect(rhs, &want)
                    }
                    Type::Vector(y) => {
                        let y = (**y).clone();
                        self.expr_expect(rhs, &y)
                    }
                    _ => self.expr(rhs),
                };
                let kind = if op == ast::AssignOp::AddTo {
                    ExprKind::AddTo(boxed(target), boxed(v))
                } else {
                    ExprKind::RemoveFrom(boxed(target), boxed(v))
                };
                Ex { kind, ty, span }
            }
        }
    }

    /// The value assigned to a target of type `ty`, converted; where it
    /// does not convert, Bro's assignment check words the failure (the
    /// value's own errors come first and alone).
    fn value_for(&mut self, ty: &Type, rhs: &ast::Expr, whole: String, span: Span) -> Ex {
        if ty.is_numeric() {
            // Bro narrows numbers in assignments, with a warning.
            let x = self.expr(rhs);
            if x.ty.is_error() {
                return x;
            }
            if !x.ty.is_numeric() {
                self.assignment_clash(ty, rhs, &x.ty, whole, span);
                return err_expr(span);
            }
            let narrowing = match (&x.ty, ty) {
                (Type::Double, Type::Int | Type::Count) => Some("double to integral"),
                (Type::Int, Type::Count) => Some("integer to count"),
                _ => None,
            };
            if let Some(what) = narrowing {
                self.warn(format!("dangerous assignment of {what} ({whole})"), span);
                let xs = x.span;
                return Ex { kind: ExprKind::Coerce(boxed(x)), ty: ty.clone(), span: xs };
            }
            return self.try_coerce(x, ty).unwrap_or_else(|x| x);
        }
        let (v, made) = self.attempt(|c| c.expr_expect(rhs, ty));
        if !made.iter().any(|d| d.is_error()) {
            self.diags.extend(made);
            return v;
        }
        let (alone, own) = self.attempt(|c| c.expr(rhs));
        if own.iter().any(|d| d.is_error()) || matches!((&alone.ty, ty), (Type::Record(_), Type::Record(_))) {
            // The value is wrong in itself, or a record coercion said
            // what does not fit.
            self.diags.extend(if own.iter().any(|d| d.is_error()) { own } else { made });
            return err_expr(span);
        }
        self.assignment_clash(ty, rhs, &alone.ty, whole, span);
        err_expr(span)
    }

    /// Whether `target` may be assigned to; reports Bro's error if not.
    fn check_assignable(&mut self, target: &Ex, lhs: &ast::Expr) -> bool {
        let before = self.diags.len();
        match &target.kind {
            ExprKind::Local(slot) => {
                let is_const = self
                    .locals
                    .as_ref()
                    .and_then(|l| l.names.values().find(|(s, _, _)| s == slot).map(|(_, _, c)| *c))
                    .unwrap_or(false);
                if is_const {
                    self.error(format!("const is not a modifiable lvalue ({})", describe(lhs)), lhs.span);
                }
            }
            ExprKind::Global(g) => {
                let info = self.globals.get(*g);
                if info.is_const && info.func.is_none() {
                    let name = info.name.clone();
                    self.error(format!("const is not a modifiable lvalue ({name})"), lhs.span);
                }
            }
            ExprKind::Index(..) | ExprKind::Field(..) | ExprKind::List(..) | ExprKind::Slice(..) => {}
            ExprKind::Error => {}
            _ => self.error(format!("illegal assignment target ({})", describe(lhs)), lhs.span),
        }
        self.diags.len() == before
    }

    fn index(&mut self, base: &ast::Expr, idx: &[ast::Expr], span: Span) -> Ex {
        let b = self.expr(base);
        match b.ty.clone() {
            Type::Table(tt) => {
                let parts: Vec<&ast::Expr> = idx.iter().collect();
                let i = self.index_against(&tt.index, &parts, span);
                let ty = tt.yield_type.clone().unwrap_or(Type::Bool);
                Ex { kind: ExprKind::Index(boxed(b), i), ty, span }
            }
            Type::Vector(y) => {
                let i: Vec<Ex> = idx.iter().map(|x| self.expr(x)).collect();
                if i.len() != 1 {
                    self.error("vector index must be a single number", span);
                }
                // `v[vector of bool]` / `v[vector of count]` select elements.
                let ty = match i.first().map(|x| &x.ty) {
                    Some(Type::Vector(_)) => Type::Vector(y.clone()),
                    _ => (*y).clone(),
                };
                Ex { kind: ExprKind::Index(boxed(b), i), ty, span }
            }
            Type::String => {
                let i: Vec<Ex> = idx.iter().map(|x| self.expr(x)).collect();
                Ex { kind: ExprKind::Index(boxed(b), i), ty: Type::String, span }
            }
            Type::Error => err_expr(span),
            Type::Any => {
                let i: Vec<Ex> = idx.iter().map(|x| self.expr(x)).collect();
                Ex { kind: ExprKind::Index(boxed(b), i), ty: Type::Any, span }
            }
            other => {
                self.error(format!("not an indexable type ({} of type {})", describe(base), other), span);
                err_expr(span)
            }
        }
    }

    fn event_target(&mut self, name: &ast::Ident) -> Option<(usize, Rc<FuncType>)> {
        if let Some(l) = &self.locals {
            if l.names.contains_key(&name.name) {
                self.error(
                    format!("local identifier \"{}\" cannot be used to reference an event, at or near \")\"", name.name),
                    name.span,
                );
                return None;
            }
        }
        match self.globals.lookup(&self.module, &name.name) {
            Some(g) => {
                let info = self.globals.get(g).clone();
                match (&info.ty, info.func) {
                    (Type::Func(ft), Some(fid)) if ft.flavor == Flavor::Event => {
                        if info.deprecated {
                            self.warn(format!("deprecated ({})", info.name), name.span);
                        }
                        Some((fid, ft.clone()))
                    }
                    _ => {
                        self.error(format!("{} is not an event", name.name), name.span);
                        None
                    }
                }
            }
            None => {
                // Using an undeclared event declares it with the
                // arguments' types, as Bro does.
                self.error(format!("unknown identifier {}, at or near \"{}\"", name.name, name.name), name.span);
                None
            }
        }
    }

    fn call(&mut self, f: &ast::Expr, args: &[ast::Expr], span: Span, is_hook: bool) -> Ex {
        // A type name called is a constructor.
        if let A::Name(id) = &f.kind {
            if self.locals.as_ref().is_none_or(|l| !l.names.contains_key(&id.name)) {
                if let Some(g) = self.globals.lookup(&self.module, &id.name) {
                    let info = self.globals.get(g).clone();
                    if info.is_type {
                        return self.type_ctor(&info.ty, args, span);
                    }
                }
            }
        }
        let fe = self.expr(f);
        let ft = match &fe.ty {
            Type::Func(ft) => ft.clone(),
            Type::Error => {
                for a in args {
                    let _ = self.expr(a);
                }
                return err_expr(span);
            }
            other => {
                self.error(format!("not a function ({} of type {})", describe(f), other), span);
                return err_expr(span);
            }
        };
        let (callee, variadic) = match &fe.kind {
            ExprKind::Const(c) => match self.consts[*c] {
                Const::Builtin(b) => (Callee::Builtin(b), self.builtins[b].variadic),
                _ => (Callee::Dynamic(boxed(fe.clone())), false),
            },
            ExprKind::Global(g) => (Callee::Global(*g), false),
            _ => (Callee::Dynamic(boxed(fe.clone())), false),
        };
        if is_hook && ft.flavor != Flavor::Hook {
            self.error(format!("not a valid hook call expression ({})", describe(f)), span);
            return err_expr(span);
        }
        if !is_hook && ft.flavor == Flavor::Hook {
            self.error(format!("hook cannot be called directly, use hook operator ({})", describe(f)), span);
            return err_expr(span);
        }
        if ft.flavor == Flavor::Event {
            self.error("cannot call an event like a function; use `event`", span);
            return err_expr(span);
        }
        let args = if variadic {
            args.iter().map(|a| self.expr(a)).collect()
        } else {
            let decl = match &fe.kind {
                ExprKind::Global(g) => self.globals.get(*g).span,
                _ => None,
            };
            let site = CallSite { what: "function call", callee: describe(f), decl };
            match self.call_args(&ft, args, span, site) {
                Some(args) => args,
                None => return err_expr(span),
            }
        };
        let kind = if is_hook { ExprKind::HookCall(callee, args) } else { ExprKind::Call(callee, args) };
        Ex { kind, ty: ft.yield_type.clone(), span }
    }

    /// The arguments of a call (or an event), each converted to its
    /// parameter's type, missing ones from their `&default`s; `None` after
    /// Bro's messages when they do not fit (`what` is `function call` or
    /// `event invocation`, `callee` what was called, `decl` where it was
    /// declared).
    fn call_args(&mut self, ft: &FuncType, args: &[ast::Expr], span: Span, call: CallSite) -> Option<Vec<Ex>> {
        let mut out = Vec::new();
        let mismatch = |c: &mut Self| {
            c.error(format!("argument type mismatch in {} ({}({}))", call.what, call.callee, super::describe::list(args)), span);
            None
        };
        if args.len() < ft.params.len() && ft.params[args.len()..].iter().any(|p| p.default.is_none()) {
            let params: String = ft.params.iter().map(|p| format!("{}:{}; ", p.name, p.ty)).collect();
            let msg = format!("parameter mismatch (record {{ {params}}} and {})", super::describe::list(args));
            match call.decl {
                Some(decl) => self.error_between(msg, Place::At(decl), Place::At(span), span),
                None => self.error(msg, span),
            }
            return mismatch(self);
        }
        if args.len() > ft.params.len() {
            let list = Type::List(Rc::new(ft.params.iter().map(|p| p.ty.clone()).collect()));
            self.error(format!("indexing mismatch ({list} and {})", super::describe::list(args)), span);
            return mismatch(self);
        }
        for (i, p) in ft.params.iter().enumerate() {
            match args.get(i) {
                Some(a) => match self.arg_value(a, &p.ty) {
                    Some(x) => out.push(x),
                    None => return mismatch(self),
                },
                None => {
                    let d = p.default.clone()?;
                    let ty = p.ty.clone();
                    // The default's names are the declaring module's.
                    let caller = std::mem::replace(&mut self.module, p.module.clone());
                    out.push(self.expr_expect(&d, &ty));
                    self.module = caller;
                }
            }
        }
        Some(out)
    }

    /// One argument as its parameter's type; `None` once Bro's messages
    /// say why not (the argument's own errors, a record literal's field
    /// errors, or the promotion's failure and `type mismatch`).
    fn arg_value(&mut self, a: &ast::Expr, ty: &Type) -> Option<Ex> {
        if ty.is_numeric() {
            // Numbers promote by Bro's rules, never narrow.
            let x = self.expr(a);
            if x.ty.is_error() {
                return Some(x);
            }
            let x = self.promote_expr(x, a, ty);
            if x.is_none() {
                let second = self.type_place(ty);
                self.error_between(format!("type mismatch ({} and {ty})", describe(a)), Place::At(a.span), second, a.span);
            }
            return x;
        }
        let (x, made) = self.attempt(|c| c.expr_expect(a, ty));
        if !made.iter().any(|d| d.is_error()) {
            self.diags.extend(made);
            return Some(x);
        }
        let (alone, own) = self.attempt(|c| c.expr(a));
        if own.iter().any(|d| d.is_error()) {
            self.diags.extend(own);
            return None;
        }
        if matches!(a.kind, A::List(..)) || matches!((&alone.ty, ty), (Type::Record(_), Type::Record(_))) {
            // A record coercion reports what does not fit; the call
            // itself still stands.
            self.diags.extend(made);
            return Some(x);
        }
        self.diags.extend(own);
        let _ = self.promote_expr(alone, a, ty);
        let second = self.type_place(ty);
        self.error_between(format!("type mismatch ({} and {ty})", describe(a)), Place::At(a.span), second, a.span);
        None
    }

    fn type_ctor(&mut self, ty: &Type, args: &[ast::Expr], span: Span) -> Ex {
        match ty {
            Type::Record(rt) => self.record_ctor(rt.clone(), args, span, true),
            Type::Table(tt) if tt.yield_type.is_none() => self.named_set_ctor(tt.clone(), args, span),
            Type::Table(tt) => self.named_table_ctor(tt.clone(), args, span),
            Type::Vector(y) => {
                let y = (**y).clone();
                self.named_vector_ctor(ty, &y, args, span)
            }
            _ => {
                self.error("constructor type not implemented", span);
                err_expr(span)
            }
        }
    }
}

/// What a call's argument messages name: the kind of call, what was
/// called and where that was declared.
struct CallSite {
    what: &'static str,
    callee: String,
    decl: Option<Span>,
}

/// `[$a=1, $b=2]`: a list of field assignments is one record value.
fn is_record_literal(items: &[ast::Expr]) -> bool {
    !items.is_empty() && items.iter().all(|i| matches!(i.kind, A::FieldAssign(..)))
}

/// Whether an expression only combines constants.
fn is_constant(e: &Ex) -> bool {
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Error => true,
        ExprKind::Coerce(x) | ExprKind::Neg(x) | ExprKind::Not(x) | ExprKind::Compl(x) => is_constant(x),
        ExprKind::Arith(_, a, b) => is_constant(a) && is_constant(b),
        ExprKind::List(items) => items.iter().all(is_constant),
        _ => false,
    }
}

fn const_int(e: &ast::Expr) -> Option<i64> {
    match &e.kind {
        A::Const(Literal::Count(n)) => Some(*n as i64),
        A::Unary(UnOp::Neg, x) => const_int(x).map(|v| -v),
        A::Paren(x) => const_int(x),
        _ => None,
    }
}

/// Bro's description of an expression, as its error messages quote it.
pub fn describe(e: &ast::Expr) -> String {
    crate::check::describe::expr(e)
}

pub(super) fn describe_list(items: &[ast::Expr]) -> String {
    format!("[{}]", items.iter().map(describe).collect::<Vec<_>>().join(", "))
}

fn describe_ex(e: &Ex) -> String {
    format!("{}", e.ty)
}

/// A global's `&add_func` and `&delete_func` expressions.
struct RedefFuncs {
    add: Option<ast::Expr>,
    delete: Option<ast::Expr>,
    module: String,
}
