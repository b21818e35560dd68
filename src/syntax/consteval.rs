//! Folding of constant `@if` conditions such as `@if ( 1 == 0 )` when no
//! interpreter is at hand (`bro --syntax-check`). Conditions that name
//! anything are unknown here and yield `None`.

use super::ast::{BinOp, Expr, ExprKind, Literal, UnOp};

#[derive(Clone, Debug, PartialEq)]
enum Const {
    Bool(bool),
    Num(f64),
    Str(Vec<u8>),
}

/// The truth value of a condition built only from literals, if it has one.
pub fn const_condition(e: &Expr) -> Option<bool> {
    match eval(e)? {
        Const::Bool(b) => Some(b),
        _ => None,
    }
}

fn eval(e: &Expr) -> Option<Const> {
    Some(match &e.kind {
        ExprKind::Const(Literal::Bool(b)) => Const::Bool(*b),
        ExprKind::Const(Literal::Count(n)) => Const::Num(*n as f64),
        ExprKind::Const(Literal::Double(d)) => Const::Num(*d),
        ExprKind::Const(Literal::String(s)) => Const::Str(s.clone()),
        ExprKind::Paren(inner) => eval(inner)?,
        ExprKind::Unary(UnOp::Not, inner) => match eval(inner)? {
            Const::Bool(b) => Const::Bool(!b),
            _ => return None,
        },
        ExprKind::Unary(UnOp::Neg, inner) => match eval(inner)? {
            Const::Num(n) => Const::Num(-n),
            _ => return None,
        },
        ExprKind::Binary(op, l, r) => {
            let (l, r) = (eval(l)?, eval(r)?);
            match (op, l, r) {
                (BinOp::And, Const::Bool(a), Const::Bool(b)) => Const::Bool(a && b),
                (BinOp::Or, Const::Bool(a), Const::Bool(b)) => Const::Bool(a || b),
                (BinOp::Eq, a, b) => Const::Bool(a == b),
                (BinOp::Ne, a, b) => Const::Bool(a != b),
                (BinOp::Lt, Const::Num(a), Const::Num(b)) => Const::Bool(a < b),
                (BinOp::Le, Const::Num(a), Const::Num(b)) => Const::Bool(a <= b),
                (BinOp::Gt, Const::Num(a), Const::Num(b)) => Const::Bool(a > b),
                (BinOp::Ge, Const::Num(a), Const::Num(b)) => Const::Bool(a >= b),
                (BinOp::Add, Const::Num(a), Const::Num(b)) => Const::Num(a + b),
                (BinOp::Sub, Const::Num(a), Const::Num(b)) => Const::Num(a - b),
                (BinOp::Mul, Const::Num(a), Const::Num(b)) => Const::Num(a * b),
                _ => return None,
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use crate::syntax::parse::parse_expr;

    fn cond(text: &str) -> Option<bool> {
        const_condition(&parse_expr(text, FileId(0)).expect("parses").0)
    }

    #[test]
    fn folds_literal_conditions() {
        assert_eq!(cond("1==0"), Some(false));
        assert_eq!(cond("T && !F"), Some(true));
        assert_eq!(cond("( 2 + 2 ) == 4"), Some(true));
        assert_eq!(cond("Cluster::is_enabled()"), None);
        assert_eq!(cond("x == 1"), None);
    }
}
