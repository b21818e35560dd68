//! Bro's implicit conversions where they fail, with Bro's own cascade of
//! messages: `check_and_promote` on expressions (typed constructors),
//! the assignment check, and the initialisation of globals, which Bro
//! evaluates while it reads them. Each context words its failure its own
//! way (`inconsistent type in set constructor`, `type clash in
//! assignment`, `initialization type mismatch in set` ...) and names the
//! objects involved, a type first or an expression first, so the messages
//! here follow Bro's order exactly.

use super::compile::Compiler;
use super::describe::{expr as describe, list as describe_items};
use super::ir::{self, ExprKind};
use super::types::{TableType, Type};
use crate::diag::{Diagnostic, Place};
use crate::source::Span;
use crate::syntax::ast::{self, ExprKind as A};
use std::rc::Rc;

type Ex = ir::Expr;

fn err_expr(span: Span) -> Ex {
    Ex { kind: ExprKind::Error, ty: Type::Error, span }
}

/// Bro's arithmetic types (time and interval are not).
fn arithmetic(t: &Type) -> bool {
    matches!(t, Type::Count | Type::Int | Type::Double)
}

/// The wider of two arithmetic types.
fn wider(a: &Type, b: &Type) -> Type {
    match (a, b) {
        (Type::Double, _) | (_, Type::Double) => Type::Double,
        (Type::Int, _) | (_, Type::Int) => Type::Int,
        _ => Type::Count,
    }
}

/// A table or vector constructor with nothing in it, which takes the
/// type it is assigned to.
fn unspecified(x: &Ex) -> bool {
    match (&x.kind, &x.ty) {
        (ExprKind::TableCtor(_, e, _), _) => e.is_empty(),
        (ExprKind::VectorCtor(v), _) => v.is_empty(),
        (_, Type::Table(t)) => t.index.is_empty(),
        _ => false,
    }
}

/// How Bro's hash keys store a value of the type, which decides whether
/// an index fits a table when a global is initialised.
fn key_kind(t: &Type) -> u8 {
    match t {
        Type::Bool | Type::Int | Type::Enum(_) => 1,
        Type::Count | Type::Port => 2,
        Type::Double | Type::Time | Type::Interval => 3,
        Type::String => 4,
        Type::Addr => 5,
        Type::Subnet => 6,
        _ => 7,
    }
}

/// `[a, b] = v` as Bro describes a table element: `a, b = v`.
fn describe_element(e: &ast::Expr) -> String {
    match &e.kind {
        A::Assign(_, lhs, rhs) => match &lhs.kind {
            A::List(parts) => format!("{} = {}", describe_items(parts), describe(rhs)),
            _ => format!("{} = {}", describe(lhs), describe(rhs)),
        },
        _ => describe(e),
    }
}

/// The index parts of a table element `[a, b] = v` (or of a set element).
fn index_parts(e: &ast::Expr) -> Vec<&ast::Expr> {
    match &e.kind {
        A::List(parts) if !parts.iter().all(|p| matches!(p.kind, A::FieldAssign(..))) || parts.is_empty() => parts.iter().collect(),
        _ => vec![e],
    }
}

/// What a constructor of the given kind looks like in Bro's messages,
/// whatever name it was written with: `set(1, 2)`, `table(a = 1)`.
pub fn describe_ctor(kind: &str, items: &[ast::Expr]) -> String {
    let parts: Vec<String> = items.iter().map(describe_element).collect();
    format!("{kind}({})", parts.join(", "))
}

impl Compiler {
    /// Where Bro places the type of a value made at `made`: a built-in
    /// type names itself, a declared one is where it was written, and one
    /// made for the value (an anonymous record) is where the value is.
    pub(super) fn value_type_place(&self, t: &Type, made: Span) -> Place {
        match (t, self.type_place(t)) {
            (Type::Record(_) | Type::Table(_) | Type::Vector(_), Place::Named(_)) => Place::At(made),
            (_, place) => place,
        }
    }

    /// Where Bro places a type in a message: a built-in type names
    /// itself; a declared one is where it was written.
    pub(super) fn type_place(&self, t: &Type) -> Place {
        let written = match t {
            Type::Table(tt) => self.type_spans.get(&(Rc::as_ptr(tt) as usize)).copied(),
            Type::Record(rt) => rt.name.as_ref().and_then(|n| self.type_decl_span(n)),
            Type::Enum(et) => self.type_decl_span(&et.name),
            Type::List(items) if items.len() == 1 => return self.type_place(&items[0]),
            _ => None,
        };
        match written {
            Some(span) => Place::At(span),
            None => Place::Named(t.to_string()),
        }
    }

    fn type_decl_span(&self, name: &str) -> Option<Span> {
        let (module, local) = name.split_once("::").unwrap_or((super::scope::GLOBAL_MODULE, name));
        self.globals.lookup(module, local).and_then(|g| self.globals.get(g).span)
    }

    /// One of Bro's messages about a pair of objects.
    pub(super) fn error_between(&mut self, msg: String, first: Place, second: Place, span: Span) {
        self.diags.push(Diagnostic::error(msg, span).between(first, second));
    }

    /// Runs a piece of checking and hands back the diagnostics it made
    /// instead of keeping them.
    pub(super) fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> (T, Vec<Diagnostic>) {
        let before = self.diags.len();
        let out = f(self);
        let made = self.diags.split_off(before);
        (out, made)
    }

    /// Bro's `check_and_promote_expr`: `x` (written as `e`) as a `t`, or
    /// Bro's message naming the type first and `None`.
    pub(super) fn promote_expr(&mut self, x: Ex, e: &ast::Expr, t: &Type) -> Option<Ex> {
        if matches!(t, Type::Any) || x.ty.is_error() || t.is_error() {
            return Some(x);
        }
        let et = x.ty.clone();
        let clash = |c: &mut Self, what: &str| {
            let msg = format!("{what} ({t} and {})", describe(e));
            let first = c.type_place(t);
            c.error_between(msg, first, Place::At(e.span), e.span);
            None
        };
        if arithmetic(t) || arithmetic(&et) {
            if std::mem::discriminant(t) == std::mem::discriminant(&et) {
                return Some(x);
            }
            if !(arithmetic(t) && arithmetic(&et)) {
                return clash(self, "arithmetic mixed with non-arithmetic");
            }
            if !wider(t, &et).same(t) {
                return clash(self, "over-promotion of arithmetic value");
            }
            return self.coerce_quietly(x, t);
        }
        if let (Type::Record(_), Type::Record(_)) = (t, &et) {
            return match self.coerce_quietly(x, t) {
                Some(c) => Some(c),
                None => clash(self, "incompatible record types"),
            };
        }
        if !et.same(t) {
            if matches!((t, &et), (Type::Table(_), Type::Table(_)) | (Type::Vector(_), Type::Vector(_))) && unspecified(&x) {
                return self.coerce_quietly(x, t);
            }
            return clash(self, "type clash");
        }
        Some(x)
    }

    fn coerce_quietly(&mut self, x: Ex, t: &Type) -> Option<Ex> {
        self.try_coerce_pub(x, t).ok()
    }

    /// Bro's `check_and_promote_exprs_to_type`: every element as a `t`;
    /// at the first that is not, its `type mismatch` and `None`.
    pub(super) fn promote_all_to(&mut self, items: &[ast::Expr], t: &Type) -> Option<Vec<Ex>> {
        let mut out = Vec::with_capacity(items.len());
        for e in items {
            let x = self.expr(e);
            match self.promote_expr(x, e, t) {
                Some(x) => out.push(x),
                None => {
                    let second = self.type_place(t);
                    self.error_between(format!("type mismatch ({} and {t})", describe(e)), Place::At(e.span), second, e.span);
                    return None;
                }
            }
        }
        Some(out)
    }

    /// Bro's `check_and_promote_exprs`: the parts of one index against the
    /// index types.
    fn promote_index(&mut self, parts: &[&ast::Expr], types: &[Type], span: Span) -> Option<Vec<Ex>> {
        if parts.len() != types.len() {
            let list = Type::List(Rc::new(types.to_vec()));
            let desc = parts.iter().map(|p| describe(p)).collect::<Vec<_>>().join(", ");
            let first = self.type_place(&list);
            self.error_between(format!("indexing mismatch ({list} and {desc})"), first, Place::At(span), span);
            return None;
        }
        let mut out = Vec::with_capacity(parts.len());
        for (p, t) in parts.iter().zip(types) {
            let x = self.expr(p);
            match self.promote_expr(x, p, t) {
                Some(x) => out.push(x),
                None => {
                    let second = self.type_place(t);
                    self.error_between(format!("type mismatch ({} and {t})", describe(p)), Place::At(p.span), second, p.span);
                    return None;
                }
            }
        }
        Some(out)
    }

    /// A constructor called by a set type's name (`MySet(1, 2)`): each
    /// element is converted to the index type, as Bro's set constructor
    /// does.
    pub(super) fn named_set_ctor(&mut self, tt: Rc<TableType>, items: &[ast::Expr], span: Span) -> Ex {
        let mut entries = Vec::new();
        let mut ok = true;
        if tt.index.len() == 1 {
            match self.promote_all_to(items, &tt.index[0]) {
                Some(xs) => entries = xs.into_iter().map(|x| (vec![x], None)).collect(),
                None => ok = false,
            }
        } else {
            for item in items {
                match self.promote_index(&index_parts(item), &tt.index, item.span) {
                    Some(idx) => entries.push((idx, None)),
                    None => {
                        ok = false;
                        self.error(format!("inconsistent type in set constructor ({})", describe_ctor("set", items)), span);
                    }
                }
            }
            if !ok {
                return err_expr(span);
            }
        }
        if !ok {
            self.error(format!("inconsistent type in set constructor ({})", describe_ctor("set", items)), span);
            return err_expr(span);
        }
        Ex { kind: ExprKind::TableCtor(tt.clone(), entries, Vec::new()), ty: Type::Table(tt), span }
    }

    /// A constructor called by a table type's name: every index converted
    /// to the index types (each one that is not is reported); the values
    /// are taken as the yield type.
    pub(super) fn named_table_ctor(&mut self, tt: Rc<TableType>, items: &[ast::Expr], span: Span) -> Ex {
        let yield_type = tt.yield_type.clone().unwrap_or(Type::Any);
        let mut entries = Vec::new();
        let mut ok = true;
        for item in items {
            let A::Assign(ast::AssignOp::Assign, lhs, rhs) = &item.kind else {
                self.error("table constructor element must be an assignment", item.span);
                ok = false;
                continue;
            };
            let parts = index_parts(lhs);
            if parts.len() != tt.index.len() {
                self.error("index type mismatch", lhs.span);
                ok = false;
                continue;
            }
            let mut idx = Vec::new();
            for (p, t) in parts.iter().zip(&tt.index) {
                let x = self.expr(p);
                match self.promote_expr(x, p, t) {
                    Some(x) => idx.push(x),
                    None => {
                        ok = false;
                        self.error(format!("inconsistent types in table constructor ({})", describe_ctor("table", items)), span);
                    }
                }
            }
            let val = self.expr_expect(rhs, &yield_type);
            entries.push((idx, Some(val)));
        }
        if !ok {
            return err_expr(span);
        }
        Ex { kind: ExprKind::TableCtor(tt.clone(), entries, Vec::new()), ty: Type::Table(tt), span }
    }

    /// A constructor called by a vector type's name.
    pub(super) fn named_vector_ctor(&mut self, ty: &Type, y: &Type, items: &[ast::Expr], span: Span) -> Ex {
        match self.promote_all_to(items, y) {
            Some(vals) => Ex { kind: ExprKind::VectorCtor(vals), ty: ty.clone(), span },
            None => {
                self.error(format!("inconsistent types in vector constructor ({})", describe_ctor("vector", items)), span);
                err_expr(span)
            }
        }
    }

    /// Bro's assignment check where the value does not convert to the
    /// target's type: its message for the pair (`lhs = rhs` describes
    /// the assignment). A set constructor is first built again with the
    /// target's type, which reports what does not fit.
    pub(super) fn assignment_clash(&mut self, target: &Type, rhs: &ast::Expr, got: &Type, whole: String, span: Span) {
        if matches!(target, Type::Enum(_)) != matches!(got, Type::Enum(_)) {
            self.error(format!("can't convert to/from enumerated type ({whole})"), span);
            return;
        }
        if arithmetic(target) {
            let msg = format!("assignment of non-arithmetic value to arithmetic ({}/{}) ({whole})", target.tag_name(), got.tag_name());
            self.error(msg, span);
            return;
        }
        if let (Type::Table(tt), A::SetCtor(items, _)) = (target, &rhs.kind) {
            if tt.yield_type.is_none() {
                let _ = self.named_set_ctor(tt.clone(), items, rhs.span);
            }
        }
        self.error(format!("type clash in assignment ({whole})"), span);
    }

    /// A global's initialiser, checked against its declared type (if any)
    /// with Bro's messages where it does not fit.
    pub(super) fn global_init(&mut self, init: &ast::Init, declared: Option<&Type>) -> Ex {
        let ast::Init::Expr(e) = init else {
            return self.init_expr(init, declared.unwrap_or(&Type::Any));
        };
        if let Some(x) = self.record_of_unset_values(e) {
            return x;
        }
        let (x, made) = self.attempt(|c| c.init_expr(init, declared.unwrap_or(&Type::Any)));
        if !made.iter().any(|d| d.is_error()) {
            self.diags.extend(made);
            return x;
        }
        if let Some(t) = declared {
            let (alone, own) = self.attempt(|c| c.expr(e));
            if !own.iter().any(|d| d.is_error()) && !matches!((&alone.ty, t), (Type::Record(_), Type::Record(_))) && self.global_init_clash(t, e).is_some() {
                return err_expr(e.span);
            }
        }
        self.diags.extend(made);
        // A record that failed to build leaves the global without a value:
        // Bro says so, describing the coercions it wrapped around it.
        let coerced = match &e.kind {
            A::Call(f, args) if self.names_record_type(f) => Some(args),
            A::List(items) if !items.is_empty() && items.iter().all(|i| matches!(i.kind, A::FieldAssign(..))) => Some(items),
            _ => None,
        };
        if let Some(items) = coerced {
            let mut desc = format!("(coerce {} to error)", super::compile::describe_list(items));
            if declared.is_some() && matches!(e.kind, A::Call(..)) {
                desc = format!("(coerce {desc} to error)");
            }
            self.error(format!("bad record initializer ({desc})"), e.span);
        }
        x
    }

    /// A record literal that takes a field from a global without a type
    /// (and so without a value): Bro, evaluating the initialiser as it
    /// reads it, finds nothing there.
    fn record_of_unset_values(&mut self, e: &ast::Expr) -> Option<Ex> {
        let A::List(items) = &e.kind else { return None };
        if items.is_empty() || !items.iter().all(|i| matches!(i.kind, A::FieldAssign(..))) {
            return None;
        }
        let fields: Vec<(String, Type, &ast::Expr)> = items
            .iter()
            .filter_map(|i| match &i.kind {
                A::FieldAssign(name, v) => Some((name.name.clone(), self.peek_type(v), i)),
                _ => None,
            })
            .collect();
        let unset = fields.iter().find(|(_, t, _)| t.is_error())?;
        self.error(format!("uninitialized list value ({})", describe(unset.2)), unset.2.span);
        let record: String = fields.iter().map(|(n, t, _)| format!("{n}:{t}; ")).collect();
        let list = super::compile::describe_list(items);
        self.error(format!("bad record initializer ((coerce {list} to record {{ {record}}}))"), e.span);
        Some(err_expr(e.span))
    }

    fn names_record_type(&self, f: &ast::Expr) -> bool {
        let A::Name(id) = &f.kind else { return false };
        self.globals.lookup(self.module_name(), &id.name).is_some_and(|g| {
            let info = self.globals.get(g);
            info.is_type && matches!(info.ty, Type::Record(_))
        })
    }

    /// Bro evaluates a global's initialiser as it reads it, converting
    /// each element of a constructor into the declared aggregate; where
    /// one does not fit it reports the value against the type, then the
    /// element against the constructor. `Some` when it recognised the
    /// initialiser and reported.
    pub(super) fn global_init_clash(&mut self, declared: &Type, init: &ast::Expr) -> Option<()> {
        match (declared, &init.kind) {
            (Type::Table(tt), A::SetCtor(items, _)) if tt.yield_type.is_none() => {
                let elem = if tt.index.len() == 1 { tt.index[0].clone() } else { Type::List(Rc::new(tt.index.clone())) };
                for e in items {
                    let got = self.peek_type(e);
                    if !self.value_fits(&elem, &got, e) {
                        let msg = format!("initialization type mismatch in set ({} and {})", describe_ctor("set", items), describe(e));
                        self.error_between(msg, Place::At(init.span), Place::At(e.span), init.span);
                        return Some(());
                    }
                }
                None
            }
            (Type::Vector(y), A::VectorCtor(items)) => {
                for (i, e) in items.iter().enumerate() {
                    let got = self.peek_type(e);
                    if !self.value_fits(y, &got, e) {
                        let msg = format!("initialization type mismatch at index {i} ({} and {})", describe_ctor("vector", items), describe(e));
                        self.error_between(msg, Place::At(init.span), Place::At(e.span), init.span);
                        return Some(());
                    }
                }
                None
            }
            (Type::Table(tt), A::TableCtor(items, _)) if tt.yield_type.is_some() => {
                let mut reported = false;
                for item in items {
                    let A::Assign(_, lhs, rhs) = &item.kind else { continue };
                    let parts = index_parts(lhs);
                    let got: Vec<Type> = parts.iter().map(|p| self.peek_type(p)).collect();
                    let fits = got.len() == tt.index.len() && got.iter().zip(&tt.index).all(|(g, t)| key_kind(g) == key_kind(t));
                    let value = self.peek_type(rhs);
                    if let Some(y) = &tt.yield_type {
                        if !self.value_fits(y, &value, rhs) {
                            // The element is dropped without more words.
                            reported = true;
                            continue;
                        }
                    }
                    if !fits {
                        let list = Type::List(Rc::new(tt.index.clone()));
                        let idx = describe_items(&parts.iter().map(|p| (*p).clone()).collect::<Vec<_>>());
                        let second = self.type_place(declared);
                        self.error_between(format!("index type doesn't match table ({idx} and {list})"), Place::At(lhs.span), second, lhs.span);
                        self.error(format!("type clash in table assignment ({})", describe_element(item)), item.span);
                        reported = true;
                    }
                }
                reported.then_some(())
            }
            _ => None,
        }
    }

    /// Bro's `check_and_promote` on a value while initialising: whether a
    /// value of type `got` (written as `e`) fits `t`, reporting why not.
    fn value_fits(&mut self, t: &Type, got: &Type, e: &ast::Expr) -> bool {
        if matches!(t, Type::Any) || matches!(got, Type::Any) || got.is_error() || t.is_error() {
            return true;
        }
        let report = |c: &mut Self, what: &str| {
            let first = c.type_place(t);
            c.error_between(format!("{what} ({t} and {})", describe(e)), first, Place::At(e.span), e.span);
            false
        };
        if !(arithmetic(t) || arithmetic(got)) || matches!(got, Type::Table(_)) {
            return got.same(t) || report(self, "type clash");
        }
        if !(arithmetic(t) && arithmetic(got)) {
            let what = if matches!(t, Type::List(_)) || matches!(got, Type::List(_)) { "list mixed with scalar" } else { "arithmetic mixed with non-arithmetic" };
            return report(self, what);
        }
        wider(t, got).same(t) || report(self, "over-promotion of arithmetic value")
    }
}
