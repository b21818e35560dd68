//! Function and handler bodies turned into trees of closures the first
//! time they run.
//!
//! The tree-walker in [`exec`](super::exec) pays, for every node, one
//! large `match` and the prologue of a function with a big stack frame.
//! Here each node of the commonest kinds (locals, constants, arithmetic,
//! comparisons, calls, assignments, `if`, `while`, `return`, blocks)
//! becomes a small closure that calls its children's closures directly,
//! with constants already built. Every other node keeps running through
//! the tree-walker, so both paths share one set of rules: a closure does
//! exactly what the walker does for its node, errors included.

use super::exec::{bool_vectors, compare_fast, contains, scalar_arith, size_of, Flow, Machine, Res, Unwind};
use super::value::Value;
use crate::check::compile::Compiler;
use crate::check::ir::{Arith, Body, Callee, Cmp, Expr, ExprKind, Stmt, StmtKind};
use crate::check::types::Type;
use std::rc::Rc;

type Frame = Vec<Option<Value>>;
type ExprCode = Box<dyn Fn(&mut Machine, &Compiler, &mut Frame) -> Res<Value>>;
type StmtCode = Box<dyn Fn(&mut Machine, &Compiler, &mut Frame) -> Res<Flow>>;

/// A body and the closures that run it.
pub struct CompiledBody {
    /// The body compiled, to tell when a function was given a new one.
    pub body: Rc<Body>,
    stmts: Vec<StmtCode>,
}

impl CompiledBody {
    /// Compiles `body`; constants are built now, on `m`.
    pub fn new(m: &mut Machine, p: &Compiler, body: &Rc<Body>) -> Self {
        let stmts = body.stmts.iter().map(|s| stmt(m, p, s)).collect();
        CompiledBody { body: body.clone(), stmts }
    }

    /// Runs the body's statements in `frame`.
    pub fn run(&self, m: &mut Machine, p: &Compiler, frame: &mut Frame) -> Res<Flow> {
        run_block(m, p, frame, &self.stmts)
    }
}

/// A block, with the walker's rule for errors that end only a statement.
fn run_block(m: &mut Machine, p: &Compiler, frame: &mut Frame, code: &[StmtCode]) -> Res<Flow> {
    for s in code {
        match s(m, p, frame) {
            Ok(Flow::Normal) => {}
            Ok(flow) => return Ok(flow),
            Err(e) if e.unwind == Unwind::Stmt => m.report(&e),
            Err(e) => return Err(e),
        }
    }
    Ok(Flow::Normal)
}

fn stmt(m: &mut Machine, p: &Compiler, s: &Stmt) -> StmtCode {
    match &s.kind {
        StmtKind::Expr(e) => expr_stmt(m, p, e),
        StmtKind::If(c, then, otherwise) => {
            let c = operand(m, p, c);
            let then = Nested::new(m, p, then);
            match otherwise {
                Some(o) => {
                    let o = Nested::new(m, p, o);
                    Box::new(move |m, p, f| if truth(c.get(m, p, f)?) { then.run(m, p, f) } else { o.run(m, p, f) })
                }
                None => Box::new(move |m, p, f| if truth(c.get(m, p, f)?) { then.run(m, p, f) } else { Ok(Flow::Normal) }),
            }
        }
        StmtKind::Block(stmts) => {
            let code: Vec<StmtCode> = stmts.iter().map(|s| stmt(m, p, s)).collect();
            Box::new(move |m, p, f| run_block(m, p, f, &code))
        }
        StmtKind::While(c, body) => {
            let c = operand(m, p, c);
            let body = Nested::new(m, p, body);
            Box::new(move |m, p, f| {
                while truth(c.get(m, p, f)?) {
                    match body.run(m, p, f)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        _ => {}
                    }
                }
                Ok(Flow::Normal)
            })
        }
        StmtKind::Return(Some(e)) => {
            let e = operand(m, p, e);
            Box::new(move |m, p, f| Ok(Flow::Return(Some(e.get(m, p, f)?))))
        }
        StmtKind::Event(func, args) => {
            let func = *func;
            let args: Vec<Operand> = args.iter().map(|a| operand(m, p, a)).collect();
            Box::new(move |m, p, f| {
                let mut vals = Vec::with_capacity(args.len());
                for a in &args {
                    vals.push(a.get(m, p, f)?);
                }
                m.queue.push_back((func, vals));
                Ok(Flow::Normal)
            })
        }
        StmtKind::Return(None) => Box::new(|_, _, _| Ok(Flow::Return(None))),
        StmtKind::Local(slot, init) => {
            let slot = *slot;
            let init = init.as_ref().map(|e| operand(m, p, e));
            Box::new(move |m, p, f| {
                let v = match &init {
                    Some(e) => Some(e.get(m, p, f)?),
                    None => None,
                };
                if f.len() <= slot {
                    f.resize(slot + 1, None);
                }
                f[slot] = v;
                Ok(Flow::Normal)
            })
        }
        _ => {
            let s = s.clone();
            Box::new(move |m, p, f| m.exec(p, f, &s))
        }
    }
}

/// A statement where another runs it (a branch, a loop body). A block's
/// statements are run right there, without a closure of the block's own
/// between; the block's rule for errors is the same either way.
enum Nested {
    Block(Vec<StmtCode>),
    One(StmtCode),
}

impl Nested {
    fn new(m: &mut Machine, p: &Compiler, s: &Stmt) -> Nested {
        match &s.kind {
            StmtKind::Block(stmts) => Nested::Block(stmts.iter().map(|s| stmt(m, p, s)).collect()),
            _ => Nested::One(stmt(m, p, s)),
        }
    }

    #[inline(always)]
    fn run(&self, m: &mut Machine, p: &Compiler, f: &mut Frame) -> Res<Flow> {
        match self {
            Nested::Block(code) => run_block(m, p, f, code),
            Nested::One(s) => s(m, p, f),
        }
    }
}

/// An expression statement. The commonest, which change a local (`++i`,
/// `n += k`, `x = e`), run without making a value only to throw it away.
fn expr_stmt(m: &mut Machine, p: &Compiler, e: &Expr) -> StmtCode {
    match &e.kind {
        ExprKind::Incr(target, step) => {
            if let ExprKind::Local(slot) = target.kind {
                let (step, whole) = (*step, e.clone());
                return Box::new(move |m, p, f| {
                    if !step_local(f, slot, step) {
                        m.eval(p, f, &whole)?.discard();
                    }
                    Ok(Flow::Normal)
                });
            }
        }
        ExprKind::AddTo(target, value) => {
            if let ExprKind::Local(slot) = target.kind {
                let (v, target, whole) = (operand(m, p, value), (**target).clone(), e.clone());
                return Box::new(move |m, p, f| {
                    let v = v.get(m, p, f)?;
                    if !add_to_local(f, slot, &v) {
                        m.add_to(p, f, &target, v, &whole)?;
                    }
                    Ok(Flow::Normal)
                });
            }
        }
        ExprKind::Assign(target, value) if appends_to_itself(target, value).is_none() => {
            if let ExprKind::Local(slot) = target.kind {
                let v = operand(m, p, value);
                return Box::new(move |m, p, f| {
                    let v = v.get(m, p, f)?;
                    if f.len() <= slot {
                        f.resize(slot + 1, None);
                    }
                    if let Some(old) = f[slot].replace(v) {
                        old.discard();
                    }
                    Ok(Flow::Normal)
                });
            }
        }
        _ => {}
    }
    let e = operand(m, p, e);
    Box::new(move |m, p, f| {
        e.get(m, p, f)?.discard();
        Ok(Flow::Normal)
    })
}

/// `++n` / `--n` on a count or int in a local, in place; `false` when the
/// slot holds anything else (the walker's case).
#[inline(always)]
fn step_local(f: &mut Frame, slot: usize, step: i64) -> bool {
    match f.get_mut(slot) {
        Some(Some(Value::Count(c))) => *c = c.wrapping_add(step as u64),
        Some(Some(Value::Int(i))) => *i = i.wrapping_add(step),
        _ => return false,
    }
    true
}

/// `n += k` on two counts or two ints, in place; `false` otherwise.
#[inline(always)]
fn add_to_local(f: &mut Frame, slot: usize, v: &Value) -> bool {
    match (f.get_mut(slot), v) {
        (Some(Some(Value::Count(a))), Value::Count(b)) => *a = a.wrapping_add(*b),
        (Some(Some(Value::Int(a))), Value::Int(b)) => *a = a.wrapping_add(*b),
        _ => return false,
    }
    true
}

/// A condition's value as a boolean, let go of cheaply.
#[inline(always)]
fn truth(v: Value) -> bool {
    let b = v.as_bool();
    v.discard();
    b
}

/// Where a node's operand comes from: locals, constants, and arithmetic or
/// comparisons of those, are worked out in place, without a call.
enum Operand {
    /// A frame slot, and the expression for the walker's error when unset.
    Local(usize, Box<Expr>),
    /// A constant, built at compile time.
    Const(Value),
    /// Arithmetic on two leaves; the whole expression is for the walker
    /// when the values are not two plain numbers.
    Arith(Arith, Leaf, Leaf, Box<Expr>),
    /// A comparison of two leaves, likewise.
    Cmp(Cmp, Leaf, Leaf, Box<Expr>),
    /// Anything else.
    Code(ExprCode),
}

/// A local or a constant, looked at where it is.
enum Leaf {
    Local(usize),
    Const(Value),
}

impl Leaf {
    #[inline(always)]
    fn peek<'a>(&'a self, f: &'a Frame) -> Option<&'a Value> {
        match self {
            Leaf::Local(slot) => f.get(*slot).and_then(Option::as_ref),
            Leaf::Const(v) => Some(v),
        }
    }

    fn of(m: &mut Machine, p: &Compiler, e: &Expr) -> Option<Leaf> {
        match &e.kind {
            ExprKind::Local(slot) => Some(Leaf::Local(*slot)),
            ExprKind::Const(id) => m.const_value(p, *id).ok().map(Leaf::Const),
            _ => None,
        }
    }
}

impl Operand {
    #[inline(always)]
    fn get(&self, m: &mut Machine, p: &Compiler, f: &mut Frame) -> Res<Value> {
        match self {
            Operand::Local(slot, e) => match f.get(*slot) {
                Some(Some(v)) => Ok(v.quick_clone()),
                _ => m.eval(p, f, e),
            },
            Operand::Const(v) => Ok(v.quick_clone()),
            Operand::Arith(op, a, b, whole) => {
                if let (Some(x), Some(y)) = (a.peek(f), b.peek(f)) {
                    if let Some(v) = scalar_arith(*op, x, y) {
                        return Ok(v);
                    }
                }
                m.eval(p, f, whole)
            }
            Operand::Cmp(op, a, b, whole) => match (a.peek(f), b.peek(f)) {
                (Some(x), Some(y)) => Ok(compare_fast(*op, x, y)),
                _ => m.eval(p, f, whole),
            },
            Operand::Code(c) => c(m, p, f),
        }
    }
}

fn operand(m: &mut Machine, p: &Compiler, e: &Expr) -> Operand {
    match &e.kind {
        ExprKind::Local(slot) => Operand::Local(*slot, Box::new(e.clone())),
        ExprKind::Const(id) => match m.const_value(p, *id) {
            Ok(v) => Operand::Const(v),
            Err(_) => Operand::Code(walk(e)),
        },
        ExprKind::Arith(op, a, b) if is_leaf(a) && is_leaf(b) => match (Leaf::of(m, p, a), Leaf::of(m, p, b)) {
            (Some(x), Some(y)) => Operand::Arith(*op, x, y, Box::new(e.clone())),
            _ => Operand::Code(expr(m, p, e)),
        },
        ExprKind::Cmp(op, a, b) if is_leaf(a) && is_leaf(b) => match (Leaf::of(m, p, a), Leaf::of(m, p, b)) {
            (Some(x), Some(y)) => Operand::Cmp(*op, x, y, Box::new(e.clone())),
            _ => Operand::Code(expr(m, p, e)),
        },
        _ => Operand::Code(expr(m, p, e)),
    }
}

/// `s = s + a + b ...` on strings, with leaves `a`, `b` ... that are not
/// `s`: the slot and the leaves. Such an assignment extends `s` in place
/// when nothing else holds it, instead of copying it each time.
fn appends_to_itself<'a>(target: &Expr, value: &'a Expr) -> Option<(usize, Vec<&'a Expr>)> {
    let ExprKind::Local(slot) = target.kind else { return None };
    let mut tail = Vec::new();
    let mut at = value;
    while let ExprKind::Arith(Arith::Add, left, right) = &at.kind {
        let plain_string = matches!(at.ty, Type::String) && matches!(right.ty, Type::String);
        if !plain_string || !is_leaf(right) || matches!(right.kind, ExprKind::Local(s) if s == slot) {
            return None;
        }
        tail.push(&**right);
        at = left;
    }
    if tail.is_empty() || !matches!(at.kind, ExprKind::Local(s) if s == slot) || !matches!(at.ty, Type::String) {
        return None;
    }
    tail.reverse();
    Some((slot, tail))
}

/// Runs `s = s + a + b ...` (see [`appends_to_itself`]); anything but
/// strings in every place goes to the walker with `s` as it was.
fn append_in_place(m: &mut Machine, p: &Compiler, f: &mut Frame, slot: usize, tail: &[Leaf], whole: &Expr) -> Res<Value> {
    let all_strings = matches!(f.get(slot), Some(Some(Value::Str(_)))) && tail.iter().all(|t| matches!(t.peek(f), Some(Value::Str(_))));
    if !all_strings {
        return m.eval(p, f, whole);
    }
    let Some(Value::Str(mut acc)) = f[slot].take() else { return m.eval(p, f, whole) };
    let extra: usize = tail.iter().map(|t| t.peek(f).map_or(0, |v| if let Value::Str(b) = v { b.len() } else { 0 })).sum();
    let buf = Rc::make_mut(&mut acc);
    buf.reserve(extra);
    for t in tail {
        if let Some(Value::Str(b)) = t.peek(f) {
            buf.extend_from_slice(b);
        }
    }
    f[slot] = Some(Value::Str(acc.clone()));
    Ok(Value::Str(acc))
}

fn is_leaf(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Local(_) | ExprKind::Const(_))
}

/// The walker's evaluation of `e`, for nodes not compiled here.
fn walk(e: &Expr) -> ExprCode {
    let e = e.clone();
    Box::new(move |m, p, f| m.eval(p, f, &e))
}

/// A node as a closure; locals and constants are read by [`Operand`], so
/// they reach here only through the walker.
fn expr(m: &mut Machine, p: &Compiler, e: &Expr) -> ExprCode {
    match &e.kind {
        ExprKind::Arith(op, a, b) => {
            let op = *op;
            let whole = e.clone();
            let (a, b) = (operand(m, p, a), operand(m, p, b));
            Box::new(move |m, p, f| {
                let x = a.get(m, p, f)?;
                let y = b.get(m, p, f)?;
                match scalar_arith(op, &x, &y) {
                    Some(v) => {
                        x.discard();
                        y.discard();
                        Ok(v)
                    }
                    None => m.arith(op, x, y, &whole),
                }
            })
        }
        ExprKind::Cmp(op, a, b) => {
            let op = *op;
            let (a, b) = (operand(m, p, a), operand(m, p, b));
            Box::new(move |m, p, f| {
                let x = a.get(m, p, f)?;
                let y = b.get(m, p, f)?;
                let r = compare_fast(op, &x, &y);
                x.discard();
                y.discard();
                Ok(r)
            })
        }
        ExprKind::Not(x) => {
            let x = operand(m, p, x);
            Box::new(move |m, p, f| Ok(Value::Bool(!x.get(m, p, f)?.as_bool())))
        }
        ExprKind::And(a, b) | ExprKind::Or(a, b) => {
            let is_and = matches!(e.kind, ExprKind::And(..));
            let (a, b) = (operand(m, p, a), operand(m, p, b));
            Box::new(move |m, p, f| {
                let x = a.get(m, p, f)?;
                if let Value::Vector(_) = &x {
                    let y = b.get(m, p, f)?;
                    return Ok(bool_vectors(is_and, x, &y));
                }
                Ok(Value::Bool(if is_and { x.as_bool() && b.get(m, p, f)?.as_bool() } else { x.as_bool() || b.get(m, p, f)?.as_bool() }))
            })
        }
        ExprKind::In(a, b, negate) => {
            let negate = *negate;
            let (a, b) = (operand(m, p, a), operand(m, p, b));
            Box::new(move |m, p, f| {
                let x = a.get(m, p, f)?;
                let y = b.get(m, p, f)?;
                Ok(Value::Bool(contains(&x, &y) != negate))
            })
        }
        ExprKind::Size(x) => {
            let x = operand(m, p, x);
            Box::new(move |m, p, f| Ok(size_of(&x.get(m, p, f)?)))
        }
        ExprKind::Index(base, idx) => {
            let whole = e.clone();
            let base = operand(m, p, base);
            let idx: Vec<Operand> = idx.iter().map(|k| operand(m, p, k)).collect();
            Box::new(move |m, p, f| {
                let b = base.get(m, p, f)?;
                let mut keys = smallvec::SmallVec::<[Value; 2]>::with_capacity(idx.len());
                for k in &idx {
                    keys.push(k.get(m, p, f)?);
                }
                m.index(p, b, &keys, &whole)
            })
        }
        ExprKind::Assign(target, value) if appends_to_itself(target, value).is_some() => {
            let (slot, tail) = appends_to_itself(target, value).unwrap_or_default();
            let tail: Vec<Leaf> = tail.iter().filter_map(|t| Leaf::of(m, p, t)).collect();
            let whole = e.clone();
            Box::new(move |m, p, f| append_in_place(m, p, f, slot, &tail, &whole))
        }
        ExprKind::Assign(target, value) => {
            let v = operand(m, p, value);
            match target.kind {
                ExprKind::Local(slot) => Box::new(move |m, p, f| {
                    let v = v.get(m, p, f)?;
                    if f.len() <= slot {
                        f.resize(slot + 1, None);
                    }
                    f[slot] = Some(v.clone());
                    Ok(v)
                }),
                ExprKind::Index(ref base, ref idx) => {
                    let target = (**target).clone();
                    let base = operand(m, p, base);
                    let idx: Vec<Operand> = idx.iter().map(|k| operand(m, p, k)).collect();
                    Box::new(move |m, p, f| {
                        let v = v.get(m, p, f)?;
                        let b = base.get(m, p, f)?;
                        let mut keys = Vec::with_capacity(idx.len());
                        for k in &idx {
                            keys.push(k.get(m, p, f)?);
                        }
                        m.assign_index(b, keys, v.clone(), &target)?;
                        Ok(v)
                    })
                }
                _ => {
                    let target = (**target).clone();
                    Box::new(move |m, p, f| {
                        let v = v.get(m, p, f)?;
                        m.assign(p, f, &target, v.clone())?;
                        Ok(v)
                    })
                }
            }
        }
        ExprKind::AddTo(target, value) => {
            let whole = e.clone();
            let v = operand(m, p, value);
            let target = (**target).clone();
            match target.kind {
                // `n += k` on a number in a local is done in place.
                ExprKind::Local(slot) => Box::new(move |m, p, f| {
                    let v = v.get(m, p, f)?;
                    if !add_to_local(f, slot, &v) {
                        m.add_to(p, f, &target, v, &whole)?;
                    }
                    Ok(Value::Bool(true))
                }),
                _ => Box::new(move |m, p, f| {
                    let v = v.get(m, p, f)?;
                    m.add_to(p, f, &target, v, &whole)?;
                    Ok(Value::Bool(true))
                }),
            }
        }
        ExprKind::Incr(target, step) if matches!(target.kind, ExprKind::Local(_)) => {
            let (slot, step, whole) = (if let ExprKind::Local(s) = target.kind { s } else { 0 }, *step, e.clone());
            Box::new(move |m, p, f| match step_local(f, slot, step) {
                true => Ok(f[slot].as_ref().map_or(Value::Bool(true), Value::quick_clone)),
                false => m.eval(p, f, &whole),
            })
        }
        ExprKind::Call(Callee::Builtin(b), args) => {
            let (b, span) = (*b, e.span);
            let args: Vec<Operand> = args.iter().map(|a| operand(m, p, a)).collect();
            Box::new(move |m, p, f| {
                let mut vals = smallvec::SmallVec::<[Value; 4]>::with_capacity(args.len());
                for a in &args {
                    vals.push(a.get(m, p, f)?);
                }
                m.call_builtin(p, b, &vals, span)
            })
        }
        ExprKind::Call(Callee::Global(g), args) => {
            let (g, span) = (*g, e.span);
            let whole = e.clone();
            let args: Vec<Operand> = args.iter().map(|a| operand(m, p, a)).collect();
            Box::new(move |m, p, f| {
                let id = match m.globals.get(g) {
                    Some(Some(Value::Func(fv))) if !fv.builtin => fv.id,
                    _ => return m.eval(p, f, &whole),
                };
                let mut callee = m.spare_frame();
                for a in &args {
                    match a.get(m, p, f) {
                        Ok(v) => callee.push(Some(v)),
                        Err(e) => {
                            m.recycle(callee);
                            return Err(e);
                        }
                    }
                }
                m.call_script(p, id, callee, span)
            })
        }
        _ => walk(e),
    }
}
