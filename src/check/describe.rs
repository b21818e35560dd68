//! Expressions described the way Bro's error messages quote them:
//! `(x = s)`, `to_count(x)`, `[$a=0]`, `r$a`. Constants appear as their
//! value (strings without quotes), as Bro prints them.

use crate::syntax::ast::{AssignOp, Case, CaseLabel, Expr, ExprKind as A, Literal, Stmt, StmtKind, UnOp};

/// The expression as Bro quotes it in messages, e.g. `(x = s)` or `r$a`.
pub fn expr(e: &Expr) -> String {
    match &e.kind {
        A::Const(l) => literal(l),
        A::Name(id) => id.name.clone(),
        A::Paren(x) => format!("({})", expr(x)),
        A::Unary(op, x) => {
            let o = match op {
                UnOp::Not => "!",
                UnOp::Neg => "-",
                UnOp::Pos => "+",
                UnOp::Compl => "~",
                UnOp::PreIncr => "++",
                UnOp::PreDecr => "--",
            };
            format!("{o}{}", expr(x))
        }
        A::Binary(op, a, b) => format!("{} {} {}", expr(a), op.text(), expr(b)),
        A::Assign(op, a, b) => {
            let o = match op {
                AssignOp::Assign => "=",
                AssignOp::AddTo => "+=",
                AssignOp::RemoveFrom => "-=",
            };
            // A table element's index list has no brackets: `a, b = 1`.
            let target = match &a.kind {
                A::List(parts) if !parts.iter().all(|p| matches!(p.kind, A::FieldAssign(..))) => list(parts),
                _ => expr(a),
            };
            format!("{target} {o} {}", expr(b))
        }
        A::Cond(c, a, b) => format!("{} ? {} : {}", expr(c), expr(a), expr(b)),
        A::Call(f, args) => format!("{}({})", expr(f), list(args)),
        A::Index(b, i) => format!("{}[{}]", expr(b), list(i)),
        A::Slice(b, lo, hi) => format!(
            "{}[{}:{}]",
            expr(b),
            lo.as_ref().map(|x| expr(x)).unwrap_or_default(),
            hi.as_ref().map(|x| expr(x)).unwrap_or_default()
        ),
        A::Field(b, f) => format!("{}${}", expr(b), f.name),
        A::HasField(b, f) => format!("{}?${}", expr(b), f.name),
        A::As(x, _) => format!("{} as ...", expr(x)),
        A::Is(x, _) => format!("{} is ...", expr(x)),
        A::Size(x) => format!("|{}|", expr(x)),
        A::Copy(x) => format!("copy({})", expr(x)),
        A::HookCall(x) => format!("hook {}", expr(x)),
        A::Schedule(w, c) => format!("schedule {} {{ {}({}) }}", expr(w), c.name.name, list(&c.args)),
        A::AnonFunc(_) => "anonymous-function".into(),
        A::TableCtor(items, _) => format!("table({})", list(items)),
        A::SetCtor(items, _) => format!("set({})", list(items)),
        A::VectorCtor(items) => format!("vector({})", list(items)),
        A::RecordCtor(items) => format!("record({})", list(items)),
        A::FieldAssign(f, v) => format!("${}={}", f.name, expr(v)),
        A::LocalAssign(n, v) => format!("local {} = {}", n.name, expr(v)),
        A::List(items) => format!("[{}]", list(items)),
        A::Pattern { text, .. } => format!("/{text}/"),
        A::AtDir => "@DIR".into(),
        A::AtFilename => "@FILENAME".into(),
    }
}

/// Expressions separated by commas, as Bro lists them.
pub fn list(items: &[Expr]) -> String {
    items.iter().map(expr).collect::<Vec<_>>().join(", ")
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::Bool(b) => if *b { "T" } else { "F" }.into(),
        Literal::Count(n) => n.to_string(),
        Literal::Double(d) => crate::text::double_to_bytes(*d),
        Literal::String(s) => String::from_utf8_lossy(s).into_owned(),
        Literal::Port(n, p) => format!("{n}/{}", format!("{p:?}").to_lowercase()),
        Literal::Addr(a) => crate::text::addr_to_string(a),
        Literal::Subnet(a, w) => crate::text::subnet_to_string(a, *w),
        Literal::Interval(s) => crate::text::interval_to_string(*s),
        Literal::Hostname(h) => h.clone(),
    }
}

/// A statement as Bro's messages quote it (`print 1`, `return (x)`).
pub fn stmt(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Print(items) => format!("print {}", list(items)),
        StmtKind::Return(Some(e)) => format!("return ({})", expr(e)),
        StmtKind::Return(None) => "return ".into(),
        StmtKind::Break => "break".into(),
        StmtKind::Fallthrough => "fallthrough".into(),
        StmtKind::Next => "next".into(),
        StmtKind::Expr(e) => expr(e),
        StmtKind::Block(b) => format!("{{ {}}}", b.iter().map(stmt).collect::<Vec<_>>().join(" ")),
        StmtKind::Null => ";".into(),
        _ => "...".into(),
    }
}

/// A `case` clause: `case 1:{ print 1}`, `case type count:{ ... }`.
pub fn case(c: &Case, type_name: &dyn Fn(&crate::syntax::ast::Type) -> String) -> String {
    let label = match &c.label {
        CaseLabel::Exprs(es) => format!("case {}:", list(es)),
        CaseLabel::Types(ts) => format!(
            "case {}:",
            ts.iter()
                .map(|(t, name)| match name {
                    Some(n) => format!("type {} as {}", type_name(t), n.name),
                    None => format!("type {}", type_name(t)),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        CaseLabel::Default => "default:".into(),
    };
    format!("{label}{{ {}}}", c.body.iter().map(stmt).collect::<Vec<_>>().join(" "))
}
