//! The only module that knows pest: it runs `grammar/bro.pest` over the
//! (directive-masked) text and turns pest's pairs into the spanned AST of
//! [`super::ast`], climbing operator precedence with pest's PrattParser.
//! Syntax errors come out as Bro-style diagnostics
//! (`syntax error, at or near "..."`).

use super::ast::*;
use crate::diag::Diagnostic;
use crate::source::{FileId, Span};
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser as _;
use std::cell::RefCell;
use std::net::IpAddr;
use std::rc::Rc;
use std::sync::LazyLock;

/// The pest parser generated from the grammar; private, so its `Rule` enum
/// (one variant per grammar rule) stays an implementation detail.
mod generated {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/bro.pest"]
    pub struct BroGrammar;
}
use generated::{BroGrammar, Rule};

/// Input nested deeper than this is refused before pest sees it, so that
/// neither pest's recursion nor ours can exhaust the stack.
pub const MAX_NESTING: usize = 256;

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    use Assoc::*;
    PrattParser::new()
        .op(Op::prefix(Rule::hook_prefix))
        .op(Op::infix(Rule::assign, Right) | Op::infix(Rule::add_to, Right) | Op::infix(Rule::remove_from, Right))
        .op(Op::infix(Rule::cond_op, Right))
        .op(Op::infix(Rule::or_op, Left))
        .op(Op::infix(Rule::and_op, Left))
        .op(Op::infix(Rule::eq_op, Left)
            | Op::infix(Rule::ne_op, Left)
            | Op::infix(Rule::lt_op, Left)
            | Op::infix(Rule::le_op, Left)
            | Op::infix(Rule::gt_op, Left)
            | Op::infix(Rule::ge_op, Left))
        .op(Op::infix(Rule::in_op, Left) | Op::infix(Rule::not_in_op, Left))
        .op(Op::infix(Rule::bor, Left))
        .op(Op::infix(Rule::bxor, Left))
        .op(Op::infix(Rule::band, Left))
        .op(Op::infix(Rule::add_op, Left) | Op::infix(Rule::sub_op, Left))
        .op(Op::infix(Rule::mul_op, Left) | Op::infix(Rule::div_op, Left) | Op::infix(Rule::mod_op, Left))
        .op(Op::prefix(Rule::incr_prefix) | Op::prefix(Rule::decr_prefix))
        .op(Op::prefix(Rule::not_op) | Op::prefix(Rule::neg_op) | Op::prefix(Rule::pos_op) | Op::prefix(Rule::compl_op))
        .op(Op::postfix(Rule::call_args)
            | Op::postfix(Rule::index)
            | Op::postfix(Rule::slice)
            | Op::postfix(Rule::field)
            | Op::postfix(Rule::has_field))
        .op(Op::postfix(Rule::as_op) | Op::postfix(Rule::is_op))
});

/// Parses a whole script. `text` is the masked text from the directive
/// layer; spans index into it (and so into the original file).
pub fn parse_script(text: &str, file: FileId) -> Result<(Script, Vec<Diagnostic>), Vec<Diagnostic>> {
    let b = Builder::new(text, file);
    let pairs = b.run(Rule::file)?;
    let mut script = Script { decls: Vec::new(), stmts: Vec::new() };
    for p in pairs.into_iter().next().map(|p| p.into_inner()).into_iter().flatten() {
        match p.as_rule() {
            Rule::decl => script.decls.push(b.decl(p)),
            Rule::stmt => script.stmts.push(b.stmt(p)),
            _ => {}
        }
    }
    b.finish(script)
}

/// Parses one REPL entry: declarations and statements in any order.
pub fn parse_items(text: &str, file: FileId) -> Result<(Vec<Item>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let b = Builder::new(text, file);
    let pairs = b.run(Rule::repl_input)?;
    let mut items = Vec::new();
    for p in pairs.into_iter().next().map(|p| p.into_inner()).into_iter().flatten() {
        match p.as_rule() {
            Rule::decl => items.push(Item::Decl(b.decl(p))),
            Rule::stmt => items.push(Item::Stmt(b.stmt(p))),
            _ => {}
        }
    }
    b.finish(items)
}

/// The complete declarations at the start of `text`, ignoring whatever
/// follows them (an unfinished declaration, statements, garbage).
pub fn parse_decl_prefix(text: &str, file: FileId) -> Vec<Decl> {
    let b = Builder::new(text, file);
    match BroGrammar::parse(Rule::decl_prefix, text) {
        Ok(pairs) => pairs
            .into_iter()
            .next()
            .map(|p| p.into_inner().filter(|d| d.as_rule() == Rule::decl).map(|d| b.decl(d)).collect())
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// Parses a lone expression (an `@if` condition, a `name=value` value).
pub fn parse_expr(text: &str, file: FileId) -> Result<(Expr, Vec<Diagnostic>), Vec<Diagnostic>> {
    let b = Builder::new(text, file);
    let pairs = b.run(Rule::expr_only)?;
    let expr = pairs
        .into_iter()
        .next()
        .and_then(|p| p.into_inner().find(|p| p.as_rule() == Rule::expr))
        .map(|p| b.expr(p));
    match expr {
        Some(e) => b.finish(e),
        None => Err(vec![Diagnostic::error("syntax error, at end of file", Span::new(file, text.len(), text.len()))]),
    }
}

/// A `syntax error` diagnostic for a failure at byte `pos`, worded as
/// Bro words it: `at or near "TOKEN"` naming the token found there,
/// `at end of file` (without a place, as Bro prints it), `on previous line`
/// for a pattern cut short by a newline, and `unrecognized character` for
/// bytes no token starts with.
pub fn syntax_error_at(text: &str, file: FileId, pos: usize) -> Diagnostic {
    use super::tokens::{tokens_with_patterns, Token};
    let toks = tokens_with_patterns(text);
    // Bro's scanner reports a bad character (or a string or pattern cut
    // short) as soon as it meets it, before the parser gives up later on.
    let is_bad = |t: &Token| matches!(t, Token::Error | Token::UnterminatedString | Token::UnterminatedPattern);
    let found = toks
        .iter()
        .find(|(t, r)| is_bad(t) && r.start <= pos)
        .or_else(|| toks.iter().find(|(t, r)| r.end > pos && *t != Token::Comment));
    match found {
        None => Diagnostic::error("syntax error, at end of file", Span::new(file, text.len(), text.len()))
            .with_label("input ends here")
            .unlocated(),
        Some((tok, r)) => {
            let span = Span::new(file, r.start, r.end);
            let near = &text[r.clone()];
            match tok {
                Token::UnterminatedString => {
                    Diagnostic::error("unrecognized character - \"", Span::new(file, r.start, r.start + 1))
                        .with_label("this string is never closed")
                }
                Token::UnterminatedPattern => {
                    Diagnostic::error("syntax error, on previous line", span).with_label("this pattern is never closed")
                }
                Token::Error => Diagnostic::error(format!("unrecognized character - {near}"), span)
                    .with_label("no Bro token starts here"),
                _ => Diagnostic::error(format!("syntax error, at or near \"{near}\""), span)
                    .with_label("unexpected here"),
            }
        }
    }
}

/// Nesting depth of brackets, ignoring strings and comments; used to
/// refuse absurdly deep input before it reaches the recursive parser.
fn nesting_too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut run, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        // Long runs of prefix operators nest just as deeply.
        if matches!(bytes.get(i), Some(b'!' | b'-' | b'+' | b'~' | b'|')) {
            run += 1;
            if run > MAX_NESTING {
                return Some(i);
            }
        } else if !matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            run = 0;
        }
        i += 1;
    }
    None
}

struct Builder<'a> {
    text: &'a str,
    file: FileId,
    diags: RefCell<Vec<Diagnostic>>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, file: FileId) -> Builder<'a> {
        Builder { text, file, diags: RefCell::new(Vec::new()) }
    }

    fn run(&self, rule: Rule) -> Result<Pairs<'a, Rule>, Vec<Diagnostic>> {
        if let Some(pos) = nesting_too_deep(self.text) {
            return Err(vec![Diagnostic::error(
                format!("nesting too deep (more than {MAX_NESTING} levels)"),
                Span::new(self.file, pos, pos + 1),
            )]);
        }
        BroGrammar::parse(rule, self.text).map_err(|_| vec![syntax_error_at(self.text, self.file, self.error_position(rule))])
    }

    /// Where a failed parse went wrong: the farthest position any token
    /// (punctuation included) was expected at. Collecting that costs time,
    /// so the first parse runs without it and only a failed one is redone
    /// with pest's error detail switched on (and left on: a process that
    /// has seen a syntax error has little parsing left to do).
    fn error_position(&self, rule: Rule) -> usize {
        pest::set_error_detail(true);
        match BroGrammar::parse(rule, self.text) {
            Ok(_) => self.text.len(),
            Err(e) => match e.parse_attempts() {
                Some(attempts) => attempts.max_position,
                None => match e.location {
                    pest::error::InputLocation::Pos(p) => p,
                    pest::error::InputLocation::Span((s, _)) => s,
                },
            },
        }
    }

    fn finish<T>(self, value: T) -> Result<(T, Vec<Diagnostic>), Vec<Diagnostic>> {
        let diags = self.diags.into_inner();
        if diags.iter().any(|d| d.is_error()) {
            Err(diags)
        } else {
            Ok((value, diags))
        }
    }

    fn error(&self, msg: impl Into<String>, span: Span) {
        self.diags.borrow_mut().push(Diagnostic::error(msg, span));
    }

    fn span(&self, p: &Pair<Rule>) -> Span {
        let s = p.as_span();
        Span::new(self.file, s.start(), s.end())
    }

    fn ident(&self, p: Pair<Rule>) -> Ident {
        Ident { name: p.as_str().to_string(), span: self.span(&p) }
    }

    // ------------------------------------------------------ declarations

    fn decl(&self, p: Pair<'a, Rule>) -> Decl {
        let span = self.span(&p);
        let inner = first(p);
        let rule = inner.as_rule();
        let mut it = inner.into_inner();
        let kind = match rule {
            Rule::module_decl => DeclKind::Module(self.ident(next(&mut it))),
            Rule::export_decl => DeclKind::Export(it.map(|d| self.decl(d)).collect()),
            Rule::global_decl => DeclKind::Var(self.var_decl(VarKind::Global, it)),
            Rule::const_decl => DeclKind::Var(self.var_decl(VarKind::Const, it)),
            Rule::option_decl => DeclKind::Var(self.var_decl(VarKind::Option, it)),
            Rule::redef_decl => DeclKind::Var(self.var_decl(VarKind::Redef, it)),
            Rule::redef_enum_decl => {
                let name = self.ident(next(&mut it));
                DeclKind::RedefEnum { name, items: self.enum_body(next(&mut it)) }
            }
            Rule::redef_record_decl => {
                let name = self.ident(next(&mut it));
                let mut fields = Vec::new();
                let mut attrs = Vec::new();
                for q in it {
                    match q.as_rule() {
                        Rule::record_field => fields.push(self.record_field(q)),
                        Rule::attrs => attrs = self.attrs(q),
                        _ => {}
                    }
                }
                DeclKind::RedefRecord { name, fields, attrs }
            }
            Rule::redef_index_decl => {
                let name = self.ident(next(&mut it));
                let index = self.expr_list(next(&mut it));
                DeclKind::RedefIndex { name, index, value: self.expr(next(&mut it)) }
            }
            Rule::type_decl => {
                let name = self.ident(next(&mut it));
                let ty = self.type_spec(next(&mut it));
                let attrs = self.attrs(next(&mut it));
                DeclKind::Type { name, ty, attrs }
            }
            Rule::func_decl => {
                let flavor_pair = first(next(&mut it));
                let (flavor, is_redef) = match flavor_pair.as_rule() {
                    Rule::redef_event => (FuncFlavor::Event, true),
                    Rule::kw_event => (FuncFlavor::Event, false),
                    Rule::kw_hook => (FuncFlavor::Hook, false),
                    _ => (FuncFlavor::Function, false),
                };
                let name = self.ident(next(&mut it));
                let params = self.func_params(next(&mut it));
                let attrs = self.attrs(next(&mut it));
                let body_pair = next(&mut it);
                let body_span = self.span(&body_pair);
                let body = body_pair.into_inner().map(|s| self.stmt(s)).collect();
                DeclKind::Func(Rc::new(FuncDecl { flavor, is_redef, name, params, attrs, body, body_span }))
            }
            _ => unreachable_rule(rule),
        };
        Decl { kind, span }
    }

    fn var_decl(&self, kind: VarKind, mut it: Pairs<'a, Rule>) -> VarDecl {
        let name = self.ident(next(&mut it));
        let mut decl = VarDecl { kind, name, ty: None, init: None, attrs: Vec::new() };
        let mut op = InitOp::Assign;
        for q in it {
            match q.as_rule() {
                Rule::init_class => {
                    op = match q.as_str() {
                        "+=" => InitOp::AddTo,
                        "-=" => InitOp::RemoveFrom,
                        _ => InitOp::Assign,
                    }
                }
                Rule::init | Rule::bare_init => {
                    let inner = first(q);
                    let init = if inner.as_rule() == Rule::brace_init {
                        let span = self.span(&inner);
                        Init::Brace(inner.into_inner().map(|e| self.expr(e)).collect(), span)
                    } else {
                        Init::Expr(self.expr(inner))
                    };
                    decl.init = Some((op, init));
                }
                Rule::attrs => decl.attrs = self.attrs(q),
                r if is_type_rule(r) => decl.ty = Some(self.type_spec(q)),
                _ => {}
            }
        }
        decl
    }

    fn enum_body(&self, p: Pair<'a, Rule>) -> Vec<EnumItem> {
        p.into_inner()
            .map(|item| {
                let mut it = item.into_inner();
                let name = self.ident(next(&mut it));
                let mut value = None;
                let mut deprecated = false;
                for q in it {
                    match q.as_rule() {
                        Rule::enum_value => {
                            let span = self.span(&q);
                            let mut parts = q.into_inner();
                            let mut lit = next(&mut parts);
                            let negative = lit.as_rule() == Rule::neg;
                            if negative {
                                lit = next(&mut parts);
                            }
                            let e = self.literal(lit);
                            value = Some(if negative {
                                Expr { kind: ExprKind::Unary(UnOp::Neg, Box::new(e)), span }
                            } else {
                                e
                            });
                        }
                        Rule::attr_deprecated => deprecated = true,
                        _ => {}
                    }
                }
                EnumItem { name, value, deprecated }
            })
            .collect()
    }

    fn record_field(&self, p: Pair<'a, Rule>) -> RecordField {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let name = self.ident(next(&mut it));
        let ty = self.type_spec(next(&mut it));
        let attrs = self.attrs(next(&mut it));
        RecordField { name, ty, attrs, span }
    }

    fn func_params(&self, p: Pair<'a, Rule>) -> FuncParams {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let params = self.formal_args(next(&mut it));
        let ret = it.next().map(|t| Box::new(self.type_spec(t)));
        FuncParams { params, ret, span }
    }

    fn formal_args(&self, p: Pair<'a, Rule>) -> Vec<Param> {
        p.into_inner()
            .map(|arg| {
                let mut it = arg.into_inner();
                let name = self.ident(next(&mut it));
                let ty = self.type_spec(next(&mut it));
                let attrs = self.attrs(next(&mut it));
                Param { name, ty, attrs }
            })
            .collect()
    }

    fn attrs(&self, p: Pair<'a, Rule>) -> Vec<Attr> {
        p.into_inner()
            .map(|a| {
                let span = self.span(&a);
                let mut it = a.into_inner();
                let head = next(&mut it);
                let kind = AttrKind::from_text(head.as_str()).unwrap_or(AttrKind::Redef);
                let value = it.next().map(|e| self.expr(e));
                Attr { kind, value, span }
            })
            .collect()
    }

    // ------------------------------------------------------------- types

    fn type_spec(&self, p: Pair<'a, Rule>) -> Type {
        let span = self.span(&p);
        let rule = p.as_rule();
        let kind = match rule {
            Rule::base_type => TypeKind::Base(match p.as_str() {
                "bool" => BaseType::Bool,
                "int" => BaseType::Int,
                "count" => BaseType::Count,
                "counter" => BaseType::Counter,
                "double" => BaseType::Double,
                "time" => BaseType::Time,
                "interval" => BaseType::Interval,
                "string" => BaseType::String,
                "pattern" => BaseType::Pattern,
                "timer" => BaseType::Timer,
                "port" => BaseType::Port,
                "addr" => BaseType::Addr,
                "subnet" => BaseType::Subnet,
                _ => BaseType::Any,
            }),
            Rule::named_type => TypeKind::Named(self.ident(first(p))),
            Rule::table_type => {
                let mut it = p.into_inner();
                let index = self.type_list(next(&mut it));
                TypeKind::Table { index, yield_type: Box::new(self.type_spec(next(&mut it))) }
            }
            Rule::set_type => TypeKind::Set(self.type_list(first(p))),
            Rule::record_type => TypeKind::Record(p.into_inner().map(|f| self.record_field(f)).collect()),
            Rule::enum_type => TypeKind::Enum(self.enum_body(first(p))),
            Rule::vector_type => TypeKind::Vector(Box::new(self.type_spec(first(p)))),
            Rule::func_type => TypeKind::Function(self.func_params(first(p))),
            Rule::event_type => TypeKind::Event(self.formal_args(first(p))),
            Rule::hook_type => TypeKind::Hook(self.formal_args(first(p))),
            Rule::file_type => TypeKind::File(p.into_inner().next().map(|t| Box::new(self.type_spec(t)))),
            Rule::opaque_type => TypeKind::Opaque(self.ident(first(p))),
            Rule::list_type => TypeKind::List(p.into_inner().next().map(|t| Box::new(self.type_spec(t)))),
            Rule::union_type => TypeKind::Union(self.type_list(first(p))),
            _ => unreachable_rule(rule),
        };
        Type { kind, span }
    }

    fn type_list(&self, p: Pair<'a, Rule>) -> Vec<Type> {
        p.into_inner().map(|t| self.type_spec(t)).collect()
    }

    // -------------------------------------------------------- statements

    fn stmts(&self, it: Pairs<'a, Rule>) -> Vec<Stmt> {
        it.filter(|p| p.as_rule() == Rule::stmt).map(|p| self.stmt(p)).collect()
    }

    fn stmt(&self, p: Pair<'a, Rule>) -> Stmt {
        let span = self.span(&p);
        let inner = first(p);
        let rule = inner.as_rule();
        let mut it = inner.into_inner();
        let kind = match rule {
            Rule::block => StmtKind::Block(self.stmts(it)),
            Rule::print_stmt => StmtKind::Print(self.expr_list(next(&mut it))),
            Rule::event_stmt => StmtKind::Event(self.event_call(next(&mut it))),
            Rule::if_stmt => {
                let cond = self.expr(next(&mut it));
                let then = Box::new(self.stmt(next(&mut it)));
                let otherwise = it.next().map(|s| Box::new(self.stmt(s)));
                StmtKind::If { cond, then, otherwise }
            }
            Rule::switch_stmt => {
                let expr = self.expr(next(&mut it));
                let cases = it.map(|c| self.case_clause(c)).collect();
                StmtKind::Switch { expr, cases }
            }
            Rule::for_stmt => {
                let vars = self.for_vars(next(&mut it));
                let iter = self.expr(next(&mut it));
                let body = Box::new(self.stmt(next(&mut it)));
                StmtKind::For { vars, iter, body }
            }
            Rule::while_stmt => {
                let cond = self.expr(next(&mut it));
                StmtKind::While { cond, body: Box::new(self.stmt(next(&mut it))) }
            }
            Rule::next_stmt => StmtKind::Next,
            Rule::break_stmt => StmtKind::Break,
            Rule::fallthrough_stmt => StmtKind::Fallthrough,
            Rule::return_stmt => StmtKind::Return(it.next().map(|e| self.expr(e))),
            Rule::add_stmt => StmtKind::Add(self.expr(next(&mut it))),
            Rule::delete_stmt => StmtKind::Delete(self.expr(next(&mut it))),
            Rule::local_stmt => StmtKind::Local(self.var_decl(VarKind::Local, it)),
            Rule::const_stmt => StmtKind::Local(self.var_decl(VarKind::LocalConst, it)),
            Rule::when_stmt | Rule::return_when => {
                let cond = self.expr(next(&mut it));
                let body = self.stmt(next(&mut it));
                let timeout = it.next().map(|t| {
                    let mut tt = t.into_inner();
                    let after = self.expr(next(&mut tt));
                    (after, self.stmts(tt))
                });
                StmtKind::When(Box::new(WhenStmt { is_return: rule == Rule::return_when, cond, body, timeout }))
            }
            Rule::null_stmt => StmtKind::Null,
            Rule::expr_stmt => StmtKind::Expr(self.expr(next(&mut it))),
            _ => unreachable_rule(rule),
        };
        Stmt { kind, span }
    }

    fn case_clause(&self, p: Pair<'a, Rule>) -> Case {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let head = next(&mut it);
        let label = match head.as_rule() {
            Rule::case_exprs => CaseLabel::Exprs(self.expr_list(first(head))),
            Rule::case_types => CaseLabel::Types(
                head.into_inner()
                    .map(|ct| {
                        let mut ci = ct.into_inner();
                        let ty = self.type_spec(next(&mut ci));
                        (ty, ci.next().map(|n| self.ident(n)))
                    })
                    .collect(),
            ),
            _ => CaseLabel::Default,
        };
        Case { label, body: self.stmts(it), span }
    }

    fn for_vars(&self, p: Pair<'a, Rule>) -> ForVars {
        let mut vars = ForVars { keys: Vec::new(), bracketed: false, value: None };
        let mut names = Vec::new();
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::for_key_list => {
                    vars.bracketed = true;
                    vars.keys = q.into_inner().map(|n| self.ident(n)).collect();
                }
                _ => names.push(self.ident(q)),
            }
        }
        if vars.bracketed {
            vars.value = names.pop();
        } else {
            let mut names = names.into_iter();
            vars.keys.extend(names.next());
            vars.value = names.next();
        }
        vars
    }

    fn event_call(&self, p: Pair<'a, Rule>) -> EventCall {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let name = self.ident(next(&mut it));
        let args = it.next().map(|l| self.expr_list(l)).unwrap_or_default();
        EventCall { name, args, span }
    }

    // ------------------------------------------------------- expressions

    fn expr_list(&self, p: Pair<'a, Rule>) -> Vec<Expr> {
        p.into_inner().map(|e| self.expr(e)).collect()
    }

    fn opt_expr_list(&self, it: &mut Pairs<'a, Rule>) -> Vec<Expr> {
        match it.peek() {
            Some(q) if q.as_rule() == Rule::expr_list => self.expr_list(next(it)),
            _ => Vec::new(),
        }
    }

    fn expr(&self, p: Pair<'a, Rule>) -> Expr {
        PRATT
            .map_primary(|q| self.primary(q))
            .map_prefix(|op, rhs| {
                let span = self.span(&op).to(rhs.span);
                let kind = match op.as_rule() {
                    Rule::hook_prefix => ExprKind::HookCall(Box::new(rhs)),
                    Rule::incr_prefix => ExprKind::Unary(UnOp::PreIncr, Box::new(rhs)),
                    Rule::decr_prefix => ExprKind::Unary(UnOp::PreDecr, Box::new(rhs)),
                    Rule::not_op => ExprKind::Unary(UnOp::Not, Box::new(rhs)),
                    Rule::neg_op => ExprKind::Unary(UnOp::Neg, Box::new(rhs)),
                    Rule::pos_op => ExprKind::Unary(UnOp::Pos, Box::new(rhs)),
                    _ => ExprKind::Unary(UnOp::Compl, Box::new(rhs)),
                };
                Expr { kind, span }
            })
            .map_postfix(|lhs, op| {
                let span = lhs.span.to(self.span(&op));
                let rule = op.as_rule();
                let mut it = op.into_inner();
                let base = Box::new(lhs);
                let kind = match rule {
                    Rule::call_args => ExprKind::Call(base, self.opt_expr_list(&mut it)),
                    Rule::index => ExprKind::Index(base, self.expr_list(next(&mut it))),
                    Rule::slice => {
                        let lo = next(&mut it).into_inner().next().map(|e| Box::new(self.expr(e)));
                        let hi = next(&mut it).into_inner().next().map(|e| Box::new(self.expr(e)));
                        ExprKind::Slice(base, lo, hi)
                    }
                    Rule::field => ExprKind::Field(base, self.ident(next(&mut it))),
                    Rule::has_field => ExprKind::HasField(base, self.ident(next(&mut it))),
                    Rule::as_op => ExprKind::As(base, self.type_spec(next(&mut it))),
                    _ => ExprKind::Is(base, self.type_spec(next(&mut it))),
                };
                Expr { kind, span }
            })
            .map_infix(|lhs, op, rhs| {
                let span = lhs.span.to(rhs.span);
                let rule = op.as_rule();
                let bin = |b: BinOp| {
                    if b.is_comparison() {
                        if let ExprKind::Binary(inner, ..) = &lhs.kind {
                            if inner.is_comparison() {
                                // Bro's comparisons do not chain: `a < b < c`
                                // is a syntax error there too.
                                self.diags.borrow_mut().push(syntax_error_at(self.text, self.file, op.as_span().start()));
                            }
                        }
                    }
                    ExprKind::Binary(b, Box::new(lhs.clone()), Box::new(rhs.clone()))
                };
                let kind = match rule {
                    Rule::assign => ExprKind::Assign(AssignOp::Assign, Box::new(lhs.clone()), Box::new(rhs.clone())),
                    Rule::add_to => ExprKind::Assign(AssignOp::AddTo, Box::new(lhs.clone()), Box::new(rhs.clone())),
                    Rule::remove_from => {
                        ExprKind::Assign(AssignOp::RemoveFrom, Box::new(lhs.clone()), Box::new(rhs.clone()))
                    }
                    Rule::cond_op => {
                        let mid = self.expr(first(op.clone()));
                        ExprKind::Cond(Box::new(lhs.clone()), Box::new(mid), Box::new(rhs.clone()))
                    }
                    Rule::or_op => bin(BinOp::Or),
                    Rule::and_op => bin(BinOp::And),
                    Rule::eq_op => bin(BinOp::Eq),
                    Rule::ne_op => bin(BinOp::Ne),
                    Rule::lt_op => bin(BinOp::Lt),
                    Rule::le_op => bin(BinOp::Le),
                    Rule::gt_op => bin(BinOp::Gt),
                    Rule::ge_op => bin(BinOp::Ge),
                    Rule::in_op => bin(BinOp::In),
                    Rule::not_in_op => bin(BinOp::NotIn),
                    Rule::bor => bin(BinOp::BitOr),
                    Rule::bxor => bin(BinOp::BitXor),
                    Rule::band => bin(BinOp::BitAnd),
                    Rule::add_op => bin(BinOp::Add),
                    Rule::sub_op => bin(BinOp::Sub),
                    Rule::mul_op => bin(BinOp::Mul),
                    Rule::div_op => bin(BinOp::Div),
                    _ => bin(BinOp::Mod),
                };
                Expr { kind, span }
            })
            .parse(p.into_inner())
    }

    fn primary(&self, p: Pair<'a, Rule>) -> Expr {
        let span = self.span(&p);
        let rule = p.as_rule();
        let kind = match rule {
            Rule::ident => ExprKind::Name(self.ident(p)),
            Rule::paren_expr => ExprKind::Paren(Box::new(self.expr(first(p)))),
            Rule::copy_expr => ExprKind::Copy(Box::new(self.expr(first(p)))),
            Rule::size => ExprKind::Size(Box::new(self.expr(first(p)))),
            Rule::schedule_expr => {
                let mut it = p.into_inner();
                let when = self.expr(next(&mut it));
                ExprKind::Schedule(Box::new(when), self.event_call(next(&mut it)))
            }
            Rule::anon_func => {
                let mut it = p.into_inner();
                let params = self.func_params(next(&mut it));
                let attrs = self.attrs(next(&mut it));
                let body = self.stmts(next(&mut it).into_inner());
                ExprKind::AnonFunc(Rc::new(AnonFunc { params, attrs, body, span, infer_return: false }))
            }
            Rule::table_ctor | Rule::set_ctor => {
                let mut it = p.into_inner();
                let args = self.opt_expr_list(&mut it);
                let attrs = it.next().map(|a| self.attrs(a)).unwrap_or_default();
                if rule == Rule::table_ctor {
                    ExprKind::TableCtor(args, attrs)
                } else {
                    ExprKind::SetCtor(args, attrs)
                }
            }
            Rule::vector_ctor => ExprKind::VectorCtor(self.opt_expr_list(&mut p.into_inner())),
            Rule::record_ctor_kw => ExprKind::RecordCtor(self.expr_list(first(p))),
            Rule::field_assign => {
                let mut it = p.into_inner();
                let name = self.ident(next(&mut it));
                let value = next(&mut it);
                let value = if value.as_rule() == Rule::func_params {
                    let params = self.func_params(value);
                    let body = self.stmts(next(&mut it).into_inner());
                    Expr { kind: ExprKind::AnonFunc(Rc::new(AnonFunc { params, attrs: Vec::new(), body, span, infer_return: true })), span }
                } else {
                    self.expr(value)
                };
                ExprKind::FieldAssign(name, Box::new(value))
            }
            Rule::local_assign => {
                let mut it = p.into_inner();
                let name = self.ident(next(&mut it));
                ExprKind::LocalAssign(name, Box::new(self.expr(next(&mut it))))
            }
            Rule::list_expr => ExprKind::List(self.expr_list(first(p))),
            Rule::empty_list => ExprKind::List(Vec::new()),
            Rule::pattern_expr => {
                let lit = first(p);
                let mut it = lit.into_inner();
                let text = next(&mut it).as_str().to_string();
                ExprKind::Pattern { text, case_insensitive: it.next().is_some() }
            }
            Rule::at_dir => ExprKind::AtDir,
            Rule::at_filename => ExprKind::AtFilename,
            _ => return self.literal(p),
        };
        Expr { kind, span }
    }

    fn literal(&self, p: Pair<'a, Rule>) -> Expr {
        let span = self.span(&p);
        let text = p.as_str();
        let lit = match p.as_rule() {
            Rule::bool_lit => Literal::Bool(text == "T"),
            Rule::count_lit => Literal::Count(parse_count(text)),
            Rule::hex_lit => Literal::Count(u64::from_str_radix(&text[2..], 16).unwrap_or(u64::MAX)),
            Rule::double_lit => Literal::Double(text.parse().unwrap_or(0.0)),
            Rule::string_lit => Literal::String(unescape(&text[1..text.len() - 1])),
            Rule::port_lit => {
                let (num, proto) = text.split_once('/').unwrap_or((text, "unknown"));
                let proto = match proto {
                    "tcp" => Proto::Tcp,
                    "udp" => Proto::Udp,
                    "icmp" => Proto::Icmp,
                    _ => Proto::Unknown,
                };
                let limit = if matches!(proto, Proto::Tcp | Proto::Udp) { 65535 } else { 255 };
                let n = num.parse::<u64>().unwrap_or(u64::MAX);
                if n > limit {
                    self.error(format!("bad port number - {text}"), span);
                    Literal::Port(0, proto)
                } else {
                    Literal::Port(n as u32, proto)
                }
            }
            Rule::interval_lit => {
                let unit_at = text.find(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'E').unwrap_or(text.len());
                let unit_at = text[..unit_at].trim_end().len();
                let num: f64 = text[..unit_at].parse().unwrap_or(0.0);
                let unit = text[unit_at..].trim_start().trim_end_matches('s');
                let factor = match unit {
                    "day" => 86400.0,
                    "hr" => 3600.0,
                    "min" => 60.0,
                    "msec" => 1e-3,
                    "usec" => 1e-6,
                    _ => 1.0,
                };
                Literal::Interval(num * factor)
            }
            Rule::addr_lit => match parse_addr(text) {
                Some(a) => Literal::Addr(a),
                None => {
                    self.error(format!("Bad IP address: {}", text.trim_matches(|c| c == '[' || c == ']')), span);
                    Literal::Addr(IpAddr::from([0, 0, 0, 0]))
                }
            },
            Rule::subnet_lit => {
                let (a, len) = text.rsplit_once('/').unwrap_or((text, "0"));
                let len: u32 = len.trim().parse().unwrap_or(u32::MAX);
                match parse_addr(a.trim()) {
                    Some(addr) => {
                        let max = if addr.is_ipv4() { 32 } else { 128 };
                        if len > max {
                            let v = if addr.is_ipv4() { "v4" } else { "v6" };
                            self.error(format!("Bad IPAddr({v}) IPPrefix length : {len}"), span);
                        }
                        Literal::Subnet(addr, len.min(max) as u8)
                    }
                    None => {
                        self.error(format!("Bad IP address: {}", a.trim().trim_matches(|c| c == '[' || c == ']')), span);
                        Literal::Subnet(IpAddr::from([0, 0, 0, 0]), 0)
                    }
                }
            }
            Rule::hostname_lit => Literal::Hostname(text.to_string()),
            r => unreachable_rule(r),
        };
        Expr { kind: ExprKind::Const(lit), span }
    }
}

/// `strtoull` semantics: digits saturate at the largest count.
fn parse_count(text: &str) -> u64 {
    text.parse::<u64>().unwrap_or(u64::MAX)
}

fn parse_addr(text: &str) -> Option<IpAddr> {
    let inner = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text);
    // Bro accepts an optional `0x` before a bracketed IPv6 address.
    let inner = if text.starts_with('[') { inner.strip_prefix("0x").unwrap_or(inner) } else { inner };
    inner.parse().ok()
}

/// Decodes a string literal's escapes into bytes, as Bro's scanner does:
/// `\n \t \r \v \b \f \a`, `\xHH` (one or two hex digits), octal `\NNN`,
/// and any other escaped character standing for itself.
pub fn unescape(body: &str) -> Vec<u8> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 >= b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        i += 1;
        let c = b[i];
        i += 1;
        match c {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(0x0b),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'a' => out.push(0x07),
            b'x' => {
                let mut v: u32 = 0;
                let mut n = 0;
                while n < 2 && i < b.len() && b[i].is_ascii_hexdigit() {
                    v = v * 16 + (b[i] as char).to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if n == 0 {
                    out.push(b'x');
                } else {
                    out.push(v as u8);
                }
            }
            b'0'..=b'7' => {
                let mut v: u32 = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push(v as u8);
            }
            other => out.push(other),
        }
    }
    out
}

fn is_type_rule(r: Rule) -> bool {
    matches!(
        r,
        Rule::base_type
            | Rule::named_type
            | Rule::table_type
            | Rule::set_type
            | Rule::record_type
            | Rule::enum_type
            | Rule::vector_type
            | Rule::func_type
            | Rule::event_type
            | Rule::hook_type
            | Rule::file_type
            | Rule::opaque_type
            | Rule::list_type
            | Rule::union_type
    )
}

// The grammar guarantees the shapes these helpers rely on; a mismatch is a
// bug in this file, reported loudly in debug builds.
fn first<'a>(p: Pair<'a, Rule>) -> Pair<'a, Rule> {
    let rule = p.as_rule();
    match p.into_inner().next() {
        Some(q) => q,
        None => unreachable_rule(rule),
    }
}

fn next<'a>(it: &mut Pairs<'a, Rule>) -> Pair<'a, Rule> {
    match it.next() {
        Some(q) => q,
        None => unreachable_rule(Rule::EOI),
    }
}

#[cold]
fn unreachable_rule(rule: Rule) -> ! {
    unreachable!("grammar and syntax tree builder disagree at rule {rule:?}")
}


#[cfg(test)]
mod tests {
    use super::*;

    /// A compact prefix form of an expression, to check its shape.
    fn sx(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Const(Literal::Count(n)) => n.to_string(),
            ExprKind::Const(Literal::Bool(b)) => if *b { "T" } else { "F" }.into(),
            ExprKind::Const(Literal::String(s)) => format!("{:?}", String::from_utf8_lossy(s)),
            ExprKind::Const(l) => format!("{l:?}"),
            ExprKind::Name(i) => i.name.clone(),
            ExprKind::Paren(x) => sx(x),
            ExprKind::Unary(op, x) => format!("({op:?} {})", sx(x)),
            ExprKind::Binary(op, a, b) => format!("({} {} {})", op.text(), sx(a), sx(b)),
            ExprKind::Assign(op, a, b) => format!("({op:?} {} {})", sx(a), sx(b)),
            ExprKind::Cond(c, a, b) => format!("(? {} {} {})", sx(c), sx(a), sx(b)),
            ExprKind::Call(f, args) => format!("(call {}{})", sx(f), args.iter().map(|a| format!(" {}", sx(a))).collect::<String>()),
            ExprKind::Index(b, i) => format!("(index {}{})", sx(b), i.iter().map(|a| format!(" {}", sx(a))).collect::<String>()),
            ExprKind::Slice(b, lo, hi) => format!("(slice {} {} {})", sx(b), lo.as_ref().map(|x| sx(x)).unwrap_or("_".into()), hi.as_ref().map(|x| sx(x)).unwrap_or("_".into())),
            ExprKind::Field(b, f) => format!("($ {} {})", sx(b), f.name),
            ExprKind::HasField(b, f) => format!("(?$ {} {})", sx(b), f.name),
            ExprKind::As(b, _) => format!("(as {})", sx(b)),
            ExprKind::Is(b, _) => format!("(is {})", sx(b)),
            ExprKind::Size(x) => format!("|{}|", sx(x)),
            ExprKind::HookCall(x) => format!("(hook {})", sx(x)),
            ExprKind::Pattern { text, case_insensitive } => format!("/{text}/{}", if *case_insensitive { "i" } else { "" }),
            ExprKind::FieldAssign(f, v) => format!("(= ${} {})", f.name, sx(v)),
            ExprKind::List(items) => format!("[{}]", items.iter().map(sx).collect::<Vec<_>>().join(", ")),
            ExprKind::SetCtor(items, _) => format!("(set{})", items.iter().map(|a| format!(" {}", sx(a))).collect::<String>()),
            other => format!("{other:?}"),
        }
    }

    fn e(text: &str) -> String {
        match parse_expr(text, FileId(0)) {
            Ok((expr, _)) => sx(&expr),
            Err(d) => format!("ERROR {}", d[0].message),
        }
    }

    #[test]
    fn arithmetic_precedence() {
        assert_eq!(e("1 + 2 * 3"), "(+ 1 (* 2 3))");
        assert_eq!(e("1 - 2 - 3"), "(- (- 1 2) 3)");
        assert_eq!(e("-a * b"), "(* (Neg a) b)");
        assert_eq!(e("a = b = c"), "(Assign a (Assign b c))");
        assert_eq!(e("x += 1"), "(AddTo x 1)");
        assert_eq!(e("a ? b : c ? d : e"), "(? a b (? c d e))");
        assert_eq!(e("a || b && c"), "(|| a (&& b c))");
        assert_eq!(e("! a in b"), "(in (Not a) b)");
        assert_eq!(e("a !in b"), "(!in a b)");
        assert_eq!(e("++x * 2"), "(* (PreIncr x) 2)");
    }

    #[test]
    fn bro_specific_precedence() {
        // Bitwise and set operators bind tighter than `in` and comparisons.
        assert_eq!(e("p1 & p2 in s"), "(in (& p1 p2) s)");
        assert_eq!(e("c & 4 == 4"), "(== (& c 4) 4)");
        assert_eq!(e("a | b ^ c & d"), "(| a (^ b (& c d)))");
        assert_eq!(e("~c == 0"), "(== (Compl c) 0)");
        // `|...|` closes at a `|` followed by an operator.
        assert_eq!(e("|a| + |b| > 3"), "(> (+ |a| |b|) 3)");
        assert_eq!(e("|b | set(1)| == 1"), "(== |(| b (set 1))| 1)");
        assert_eq!(e("x as count + 1"), "(+ (as x) 1)");
        assert_eq!(e("hook f(1) && x"), "(hook (&& (call f 1) x))");
        assert_eq!(e("r$a$b?$c"), "(?$ ($ ($ r a) b) c)");
    }

    #[test]
    fn postfix_forms() {
        assert_eq!(e("f(1, 2)[3]"), "(index (call f 1 2) 3)");
        assert_eq!(e("s[1:2]"), "(slice s 1 2)");
        assert_eq!(e("s[:2]"), "(slice s _ 2)");
        assert_eq!(e("s[a ? b : c]"), "(index s (? a b c))");
        assert_eq!(e("t[1, \"x\"]"), "(index t 1 \"x\")");
        assert_eq!(e("[$a=1, $b=2]"), "[(= $a 1), (= $b 2)]");
        assert_eq!(e("[]"), "[]");
    }

    #[test]
    fn literals() {
        assert_eq!(e("80/tcp"), "Port(80, Tcp)");
        assert_eq!(e("1.5min"), "Interval(90.0)");
        assert_eq!(e("3 secs"), "Interval(3.0)");
        assert_eq!(e("10.0.0.0/8"), "Subnet(10.0.0.0, 8)");
        assert_eq!(e("[::1]"), "Addr(::1)");
        assert_eq!(e("[fe80::]/10"), "Subnet(fe80::, 10)");
        assert_eq!(e("[0xaaaa::bbbb]"), "Addr(aaaa::bbbb)");
        assert_eq!(e("1.2.3.4"), "Addr(1.2.3.4)");
        assert_eq!(e("0x1F"), "31");
        assert_eq!(e("1e3"), "Double(1000.0)");
        assert_eq!(e(".5"), "Double(0.5)");
        assert_eq!(e("www.bro.org"), "Hostname(\"www.bro.org\")");
        assert_eq!(e("/fOO/i"), "/fOO/i");
        assert_eq!(e("\"a\\tb\\x41\\101\""), "\"a\\tbAA\"");
        assert_eq!(e("99999999999999999999999"), u64::MAX.to_string());
        assert_eq!(e("print_it"), "print_it");
        assert_eq!(e("Broker::peer"), "Broker::peer");
    }

    #[test]
    fn chained_comparison_is_rejected() {
        assert_eq!(e("a < b < c"), "ERROR syntax error, at or near \"<\"");
        assert_eq!(e("(a < b) == c"), "(== (< a b) c)");
    }

    #[test]
    fn statements_and_declarations() {
        let src = "module Foo;\nexport { global x: count = 1 &redef; }\ntype R: record { a: count &optional; };\n\
                   redef record R += { b: string &default=\"x\"; };\nredef enum Color += { Red, Blue = 5, };\n\
                   redef t[1] = 2;\nfunction f(a: count, b: string &default=\"\"): count { return a; }\n\
                   event e(c: count) &priority=5 { if ( c > 1 ) print c; else { next; } }\n\
                   hook h() { break; }\nprint 1;\nfor ( [a, b] in t ) print a;\nfor ( k, v in t ) print v;\n\
                   switch ( x ) { case 1, 2: break; case type count as c: fallthrough; default: break; }\n\
                   when ( local y = f(1) ) { print y; } timeout 5 sec { print \"late\"; }\n";
        let (script, _) = parse_script(src, FileId(0)).expect("parses");
        assert_eq!(script.decls.len(), 9);
        assert_eq!(script.stmts.len(), 5);
        let StmtKind::For { vars, .. } = &script.stmts[1].kind else { panic!("for") };
        assert!(vars.bracketed && vars.keys.len() == 2 && vars.value.is_none());
        let StmtKind::For { vars, .. } = &script.stmts[2].kind else { panic!("for") };
        assert!(!vars.bracketed && vars.keys.len() == 1 && vars.value.is_some());
        let DeclKind::Func(f) = &script.decls[7].kind else { panic!("event") };
        assert_eq!((f.flavor, f.attrs[0].kind), (FuncFlavor::Event, AttrKind::Priority));
    }

    #[test]
    fn declarations_must_precede_statements() {
        let err = parse_script("print 1;\nglobal x = 2;\n", FileId(0)).expect_err("rejected");
        assert_eq!(err[0].message, "syntax error, at or near \"global\"");
    }

    #[test]
    fn brace_initialiser_only_after_equals() {
        assert!(parse_script("global t: table[count] of count = { [1] = 2 };", FileId(0)).is_ok());
        assert!(parse_script("global t: table[count] of count { [1] = 2 };", FileId(0)).is_ok());
        let err = parse_script("global x = f({ [1] = 2 });", FileId(0)).expect_err("rejected");
        assert_eq!(err[0].message, "syntax error, at or near \"{\"");
    }

    #[test]
    fn keyword_sets_agree_with_the_surface_lexer() {
        let grammar = include_str!("../../grammar/bro.pest");
        let block = &grammar[grammar.find("keyword = @{").unwrap()..];
        let block = &block[..block.find("\n}\n").unwrap()];
        let mut from_grammar: Vec<String> = Vec::new();
        for line in block.lines().skip(2) {
            let line = line.trim().trim_start_matches('|').trim();
            let Some((first, rest)) = line.split_once(" ~ ") else { continue };
            let first = first.trim_matches('"');
            for tail in rest.split('"').skip(1).step_by(2) {
                from_grammar.push(format!("{first}{tail}"));
            }
        }
        from_grammar.sort();
        let mut from_lexer: Vec<String> = crate::syntax::tokens::KEYWORDS.iter().map(|s| s.to_string()).collect();
        from_lexer.extend(["T".to_string(), "F".to_string()]);
        from_lexer.sort();
        from_lexer.dedup();
        assert_eq!(from_grammar, from_lexer);
    }
}
