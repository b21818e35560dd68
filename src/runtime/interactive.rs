//! The interpreter's interactive face: what a REPL, or a host that feeds
//! code piece by piece, needs beyond loading whole scripts. Each piece of
//! input is compiled and run at once; its declarations stay for later
//! input, and the locals of its top-level statements live in one session
//! frame, so `local x = 1;` at one prompt is there at the next. An input
//! that is an expression gives its value back to be shown. Also here:
//! the static type of an expression, the names a completer offers, the
//! events waiting in the queue and in timers, and the peers.

use super::Interpreter;
use crate::broker::PeerInfo;
use crate::check::scope::Locals;
use crate::check::types::Type;
use crate::diag::Diagnostic;
use crate::eval::exec::Unwind;
use crate::eval::value::Value;
use crate::source::FileId;
use crate::syntax::ast;
use crate::syntax::parse;
use crate::syntax::tokens::{tokens_with_patterns, Token};

/// The locals and the frame that interactive statements share.
#[derive(Default)]
pub(super) struct Session {
    locals: Locals,
    frame: Vec<Option<Value>>,
}

/// What one piece of interactive input did.
#[derive(Debug, Default)]
pub struct Evaluation {
    /// The value of an input that was an expression, with its static
    /// type; `None` for declarations and statements, assignments and
    /// calls of functions that return nothing.
    pub value: Option<(Value, Type)>,
    /// Errors and warnings from reading and checking the input, pointing
    /// into it. Errors while it runs go to the error stream as they
    /// happen, as they do in a script.
    pub diags: Vec<Diagnostic>,
}

/// The names declared so far, for completion.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Names {
    /// Global variables, constants, options and enum values (full names).
    pub variables: Vec<String>,
    /// Functions, events, hooks and built-in functions.
    pub functions: Vec<String>,
    /// Type names.
    pub types: Vec<String>,
    /// Modules that declare names (`Broker`, `Log`...).
    pub modules: Vec<String>,
    /// Locals of the interactive session.
    pub locals: Vec<String>,
}

/// An event waiting to run: in the queue, or scheduled by a timer.
#[derive(Debug, Clone)]
pub struct PendingEvent {
    /// The event's name.
    pub name: String,
    /// Its arguments.
    pub args: Vec<Value>,
    /// For a timer, the network time it is due at (seconds since the
    /// epoch); `None` for an event already queued.
    pub due: Option<f64>,
}

/// Stands in for a file while an input's form is probed; nothing parsed
/// with it is kept.
const PROBE: FileId = FileId(u32::MAX);

/// How an input is read: as an expression to show, or as declarations
/// and statements (with the text to load).
enum Shape {
    Expr(String),
    Stmts(String),
}

/// The input with its last token blanked when that is a `;`, so that
/// `1 + 2;` reads as the expression `1 + 2` (offsets are kept).
fn without_final_semicolon(text: &str) -> String {
    let last = tokens_with_patterns(text).into_iter().rev().find(|(t, _)| *t != Token::Comment);
    match last {
        Some((Token::Semi, r)) => format!("{} {}", &text[..r.start], &text[r.end..]),
        _ => text.to_string(),
    }
}

fn parses_as_script(text: &str) -> bool {
    let (masked, diags) = crate::syntax::mask_for_syntax_check(text, PROBE);
    diags.iter().all(|d| !d.is_error()) && parse::parse_script(&masked, PROBE).is_ok()
}

/// An expression other than an assignment (or `local x = e`, which
/// reads as one) is shown; anything else is loaded as declarations and
/// statements, with the final `;` of a last statement optional (as on
/// Bro's `-e` line). A `;` is never added as the empty body of a header
/// such as `while ( T )`: what takes a `{ }` there is left unfinished.
fn shape(text: &str) -> Shape {
    let masked = without_final_semicolon(text);
    if let Ok((e, _)) = parse::parse_expr(&masked, PROBE) {
        if !matches!(e.kind, ast::ExprKind::Assign(..) | ast::ExprKind::LocalAssign(..)) {
            return Shape::Expr(masked);
        }
    }
    if !parses_as_script(text) {
        let closed = format!("{text}\n;");
        if parses_as_script(&closed) && !parses_as_script(&format!("{text}\n{{ }}")) {
            return Shape::Stmts(closed);
        }
    }
    Shape::Stmts(text.to_string())
}

impl Interpreter {
    /// Starts an interactive session: from now on the top-level
    /// statements of whatever is loaded run at once, sharing one frame of
    /// locals, instead of waiting for [`run`](Self::run). Called by
    /// [`eval_input`](Self::eval_input) when needed.
    pub fn begin_session(&mut self) {
        if self.session.is_none() {
            let locals = Locals { yield_type: Some(Type::Void), ..Locals::default() };
            self.session = Some(Session { locals, frame: Vec::new() });
        }
    }

    /// Compiles and runs one piece of interactive input under the display
    /// name `name` (errors point into it by that name). Declarations
    /// (globals, types, functions, handlers, `redef`s, `@load`) stay for
    /// later input; statements run at once; an expression is evaluated
    /// and its value returned. The final `;` may be left out. Events the
    /// input raises wait in the queue (see
    /// [`dispatch_pending`](Self::dispatch_pending)).
    pub fn eval_input(&mut self, name: &str, text: &str) -> Evaluation {
        self.begin_session();
        // Time went on while the prompt waited: what the input schedules
        // counts from now, not from the loop's last pass.
        if self.started {
            self.machine.set_network_time(super::wall_clock());
        }
        let mut earlier = self.take_diags();
        let mut ev = match shape(text) {
            Shape::Expr(masked) => {
                let file = self.machine.sources.borrow_mut().add(name, text.to_string());
                self.note_file(file, name);
                match parse::parse_expr(&masked, file) {
                    Ok((e, warnings)) => {
                        let mut ev = self.eval_expr(&e);
                        ev.diags.splice(0..0, warnings);
                        ev
                    }
                    Err(diags) => Evaluation { value: None, diags },
                }
            }
            Shape::Stmts(text) => {
                self.load_source(name, &text);
                Evaluation { value: None, diags: self.take_diags() }
            }
        };
        earlier.append(&mut ev.diags);
        ev.diags = earlier;
        ev
    }

    fn note_file(&mut self, file: FileId, name: &str) {
        self.compiler.file_names.entry(file).or_insert_with(|| name.to_string());
    }

    fn eval_expr(&mut self, e: &ast::Expr) -> Evaluation {
        let mut session = self.session.take().unwrap_or_default();
        let before = session.locals.clone();
        let code = self.compiler.expr_in(&mut session.locals, e);
        let failed = self.compiler.has_errors();
        let diags = std::mem::take(&mut self.compiler.diags);
        let mut value = None;
        if failed {
            session.locals = before;
        } else {
            self.machine.ensure_globals(&self.compiler);
            session.frame.resize(session.locals.size.max(session.frame.len()), None);
            match self.machine.eval(&self.compiler, &mut session.frame, &code) {
                Ok(v) if !matches!(code.ty, Type::Void | Type::Timer | Type::Error) => value = Some((v, code.ty.clone())),
                Ok(_) => {}
                Err(err) => match err.unwind {
                    Unwind::Exit(c) => {
                        self.exit.get_or_insert(c);
                    }
                    _ => self.machine.report(&err),
                },
            }
        }
        self.session = Some(session);
        Evaluation { value, diags }
    }

    /// Compiles top-level statements in the session's scope and runs them
    /// in its frame; errors are reported and skip the statement, as at a
    /// script's top level.
    pub(super) fn run_in_session(&mut self, stmts: &[ast::Stmt]) {
        let mut session = self.session.take().unwrap_or_default();
        let before = session.locals.clone();
        let code = self.compiler.stmts_in(&mut session.locals, stmts);
        let failed = self.compiler.has_errors();
        self.take_compiler_diags();
        if failed {
            session.locals = before;
        } else {
            self.machine.ensure_globals(&self.compiler);
            session.frame.resize(session.locals.size.max(session.frame.len()), None);
            for s in &code {
                if let Err(e) = self.machine.exec(&self.compiler, &mut session.frame, s) {
                    if let Unwind::Exit(c) = e.unwind {
                        self.exit.get_or_insert(c);
                        break;
                    }
                    self.machine.report(&e);
                }
            }
        }
        self.session = Some(session);
    }

    /// The static type of an expression, as the checker sees it where
    /// interactive input runs (session locals in scope), without running
    /// it; or the errors that stop it from checking.
    pub fn expr_type(&mut self, name: &str, text: &str) -> Result<Type, Vec<Diagnostic>> {
        let file = self.machine.sources.borrow_mut().add(name, text.to_string());
        self.note_file(file, name);
        let (e, _) = parse::parse_expr(&without_final_semicolon(text), file)?;
        let mut locals = self.session.as_ref().map(|s| s.locals.clone()).unwrap_or_default();
        let code = self.compiler.expr_in(&mut locals, &e);
        let diags = std::mem::take(&mut self.compiler.diags);
        if diags.iter().any(|d| d.is_error()) {
            return Err(diags);
        }
        Ok(code.ty)
    }

    /// The field names of the record an expression yields (for
    /// completing `r$`); empty when it is no record or does not check.
    pub fn record_fields(&mut self, text: &str) -> Vec<String> {
        match self.expr_type("<completion>", text) {
            Ok(Type::Record(r)) => r.fields.borrow().iter().map(|f| f.name.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// Every name declared so far, sorted, for completion.
    pub fn names(&self) -> Names {
        let mut names = Names::default();
        let mut modules = std::collections::BTreeSet::new();
        for g in &self.compiler.globals.list {
            if let Some((module, _)) = g.name.rsplit_once("::") {
                modules.insert(module.to_string());
            }
            let list = if g.is_type {
                &mut names.types
            } else if g.func.is_some() || g.builtin.is_some() || matches!(g.ty, Type::Func(_)) {
                &mut names.functions
            } else {
                &mut names.variables
            };
            list.push(g.name.clone());
        }
        names.modules = modules.into_iter().collect();
        if let Some(s) = &self.session {
            names.locals = s.locals.names.keys().cloned().collect();
        }
        for list in [&mut names.variables, &mut names.functions, &mut names.types, &mut names.locals] {
            list.sort();
            list.dedup();
        }
        names
    }

    /// The globals declared outside the built-in script library (by
    /// interactive input or by loaded files), with their types, in the
    /// order they were declared.
    pub fn user_globals(&self) -> Vec<(String, Type)> {
        let sources = self.machine.sources.borrow();
        let count = sources.files().count();
        self.compiler
            .globals
            .list
            .iter()
            .filter(|g| {
                g.span.is_some_and(|s| {
                    (s.file.0 as usize) < count && !sources.get(s.file).name.starts_with(crate::library::ROOT)
                })
            })
            .map(|g| (g.name.clone(), g.ty.clone()))
            .collect()
    }

    /// The events waiting to run: the queue in order, then the timers,
    /// earliest first.
    pub fn pending_events(&self) -> Vec<PendingEvent> {
        let name = |f: usize| self.compiler.funcs.get(f).map(|f| f.name.clone()).unwrap_or_default();
        let mut out: Vec<PendingEvent> =
            self.machine.queue.iter().map(|(f, args)| PendingEvent { name: name(*f), args: args.clone(), due: None }).collect();
        let mut timers: Vec<_> = self.machine.timers.iter().collect();
        timers.sort_by(|a, b| a.when.total_cmp(&b.when).then(a.seq.cmp(&b.seq)));
        out.extend(timers.into_iter().map(|t| PendingEvent { name: name(t.func), args: t.args.clone(), due: Some(t.when) }));
        out
    }

    /// The current network time (seconds since the epoch).
    pub fn network_time(&self) -> f64 {
        self.machine.network_time
    }

    /// The peerings of this process's Broker endpoint (none before
    /// anything started it).
    pub fn peers(&self) -> Vec<PeerInfo> {
        self.machine.broker.endpoint.as_ref().map(|e| e.peers()).unwrap_or_default()
    }

    /// True once a script called `terminate()` or `exit()`: the process
    /// should end (after [`shutdown`](Self::shutdown)).
    pub fn ended(&self) -> bool {
        self.exit.is_some() || self.machine.terminating
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiet() -> Interpreter {
        Interpreter::new(Box::new(std::io::sink()), Box::new(std::io::sink()))
    }

    fn shown(ev: &Evaluation) -> Option<String> {
        ev.value.as_ref().map(|(v, _)| String::from_utf8_lossy(&crate::eval::format::render(v, crate::eval::format::Mode::Print)).into_owned())
    }

    #[test]
    fn declarations_stay_and_expressions_show_their_value() {
        let mut bro = quiet();
        let ev = bro.eval_input("<1>", "global t: table[addr] of count = { [1.2.3.4] = 5 };");
        assert!(ev.diags.is_empty(), "{:?}", ev.diags);
        assert!(ev.value.is_none());
        let ev = bro.eval_input("<2>", "t[1.2.3.4] + 1");
        assert_eq!(shown(&ev).as_deref(), Some("6"));
        let ev = bro.eval_input("<3>", "function twice(n: count): count\n{\nreturn 2 * n;\n}");
        assert!(ev.diags.is_empty(), "{:?}", ev.diags);
        assert_eq!(shown(&bro.eval_input("<4>", "twice(21);")).as_deref(), Some("42"));
        assert_eq!(bro.expr_type("<5>", "t").map(|t| t.to_string()), Ok("table[addr] of count".to_string()));
        assert!(bro.user_globals().iter().any(|(n, _)| n == "twice"));
    }

    #[test]
    fn locals_live_across_inputs_and_assignments_show_nothing() {
        let mut bro = quiet();
        let ev = bro.eval_input("<1>", "local x = 20");
        assert!(ev.diags.is_empty() && ev.value.is_none(), "{ev:?}");
        let ev = bro.eval_input("<2>", "x = x + 1");
        assert!(ev.value.is_none() && ev.diags.is_empty(), "{ev:?}");
        assert_eq!(shown(&bro.eval_input("<3>", "x * 2")).as_deref(), Some("42"));
        assert!(bro.names().locals.contains(&"x".to_string()));
        // A failed input declares nothing.
        let ev = bro.eval_input("<4>", "local y = 1; local z: count = \"no\";");
        assert!(ev.diags.iter().any(|d| d.is_error()));
        assert!(!bro.names().locals.contains(&"y".to_string()));
        assert!(bro.eval_input("<5>", "local y = 2;").diags.is_empty());
    }

    #[test]
    fn errors_point_into_the_input_and_the_session_goes_on() {
        let mut bro = quiet();
        let ev = bro.eval_input("<1>", "print 1 +* 2;");
        let d = ev.diags.iter().find(|d| d.is_error()).expect("an error");
        let span = d.span.expect("a place");
        assert_eq!(bro.machine.sources.borrow().get(span.file).name, "<1>");
        assert_eq!(span.start, 9);
        let ev = bro.eval_input("<2>", "nothing_here + 1");
        assert!(ev.diags.iter().any(|d| d.message.contains("unknown identifier")), "{:?}", ev.diags);
        assert_eq!(shown(&bro.eval_input("<3>", "1 + 1")).as_deref(), Some("2"));
        assert!(bro.expr_type("<4>", "1 +").is_err());
        // A header is not given an empty body.
        let ev = bro.eval_input("<w>", "while ( T )");
        assert!(ev.diags.iter().any(|d| d.message.contains("end of file")), "{:?}", ev.diags);
        assert!(bro.eval_input("<i>", "if ( T ) print 1").diags.is_empty());
        for junk in ["", ";", "}", "\u{0}", "@", "\"", "/", "event", "global", "1 ? 2", "{ [1] = 2 }"] {
            let _ = bro.eval_input("<junk>", junk);
            let _ = bro.expr_type("<junk>", junk);
            let _ = bro.record_fields(junk);
        }
    }

    #[test]
    fn token_soup_never_panics() {
        // No loops that could run forever (`while`, `for`) and no dispatching.
        const SOUP: &[&str] = &[
            "print", "1", "+", "(", ")", "{", "}", ";", "local", "x", "=", "\"s\"", "$", "t", "[", "]", ":", "count",
            "table", "of", "global", "event", "e", "if", "T", ",", "/a/", "@load", "::", "?$", "|", "#c\n", "redef",
            "type", "record", "schedule", "1sec", "hook", "return", "copy", "as", "is", "in", "!", "-", "*", "else",
            "\n", "set", "vector", "addr", "1.2.3.4", "80/tcp", "&default", "module", "export", "const", "\"",
        ];
        let mut bro = quiet();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for i in 0..1500 {
            let len = next() % 12;
            let text: Vec<&str> = (0..len).map(|_| SOUP[(next() % SOUP.len() as u64) as usize]).collect();
            let text = text.join(" ");
            let _ = bro.eval_input(&format!("<{i}>"), &text);
            let _ = bro.expr_type("<t>", &text);
            let _ = bro.record_fields(&text);
            if bro.ended() {
                bro = quiet();
            }
        }
        let _ = bro.names();
        let _ = bro.pending_events();
        let _ = bro.user_globals();
    }

    #[test]
    fn events_and_timers_wait_until_dispatched() {
        let mut bro = quiet();
        bro.start();
        assert!(bro.eval_input("<1>", "global n = 0; event bump(by: count) { n += by; }").diags.is_empty());
        assert!(bro.eval_input("<2>", "event bump(2); schedule 1 hr { bump(5) };").diags.is_empty());
        let pending = bro.pending_events();
        assert_eq!(pending.len(), 2, "{pending:?}");
        assert_eq!((pending[0].name.as_str(), pending[0].due.is_none()), ("bump", true));
        assert!(pending[1].due.is_some_and(|t| t > bro.network_time() + 3000.0));
        bro.dispatch_pending();
        assert_eq!(shown(&bro.eval_input("<3>", "n")).as_deref(), Some("2"));
        assert!(bro.record_fields("Broker::EndpointInfo($id=\"x\")").contains(&"network".to_string()));
        let names = bro.names();
        assert!(names.functions.contains(&"Broker::peer".to_string()));
        assert!(names.modules.contains(&"Broker".to_string()));
        assert!(names.types.contains(&"Broker::EndpointInfo".to_string()));
        assert!(!bro.ended());
        bro.eval_input("<4>", "terminate();");
        assert!(bro.ended());
    }
}
