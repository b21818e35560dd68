//! The tree-walker: evaluates IR expressions and runs IR statements
//! against a frame of local slots and the machine's globals. Run-time
//! errors follow Bro: an `error` skips the statement it happened in, an
//! `expression error` abandons the whole event handler.

use super::compiled::CompiledBody;
use super::format::{self, Mode};
use super::pattern;
use super::value::*;
use crate::check::compile::Compiler;
use crate::check::ir::{Arith, Bits, Body, Callee, Cmp, Const, Expr, ExprKind, ForKind, Stmt, StmtKind};
use crate::check::types::{Flavor, RecordType, TableType, Type};
use crate::source::{SourceMap, Span};
use crate::syntax::ast::{AttrKind, Literal};
use std::cell::RefCell;
use std::collections::{BinaryHeap, VecDeque};
use std::io::Write;
use std::rc::Rc;

/// How far a run-time error unwinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unwind {
    /// Skip the statement (Bro's `error in ...`).
    Stmt,
    /// Abandon the event handler (Bro's `expression error in ...`).
    Handler,
    /// Stop the process with this exit code (`exit()`, fatal errors).
    Exit(i32),
    /// A function reached `return when`: its value comes later, so the
    /// `when` condition that called it is not ready yet.
    Delay,
}

/// A run-time error: how far it unwinds, its message and where it happened.
#[derive(Debug, Clone)]
pub struct RtError {
    /// How far the error unwinds.
    pub unwind: Unwind,
    /// `error`, `expression error`, `warning`, `fatal error`; empty for
    /// a silent unwind (exit).
    pub kind: &'static str,
    /// The message.
    pub msg: String,
    /// Where it happened, if known.
    pub span: Option<Span>,
}

impl RtError {
    /// An `error` that skips the current statement.
    pub fn stmt(msg: impl Into<String>, span: Span) -> Box<RtError> {
        Box::new(RtError { unwind: Unwind::Stmt, kind: "error", msg: msg.into(), span: Some(span) })
    }
    /// An `expression error` that abandons the current event handler.
    pub fn expr(msg: impl Into<String>, span: Span) -> Box<RtError> {
        Box::new(RtError { unwind: Unwind::Handler, kind: "expression error", msg: msg.into(), span: Some(span) })
    }
}

/// The result of running or evaluating something.
pub type Res<T> = Result<T, Box<RtError>>;

/// The values of an index, on the stack for the usual one or two.
type Keys = smallvec::SmallVec<[Value; 2]>;

/// A native function: the machine, the program, the arguments, the call's
/// place (for error messages).
pub type BuiltinFn = fn(&mut Machine, &Compiler, &[Value], Span) -> Res<Value>;

/// A function a host program registers (see `Interpreter::register_builtin`):
/// it gets the arguments and returns a value or an error message.
pub type HostFn = Rc<dyn Fn(&[Value]) -> Result<Value, String>>;

/// How a built-in function is implemented.
#[derive(Clone)]
pub enum Native {
    /// One of the interpreter's own built-ins.
    Builtin(BuiltinFn),
    /// A function registered by the embedding program.
    Host(HostFn),
}

/// What a statement tells its enclosing loop or body.
#[derive(Debug)]
pub enum Flow {
    /// Carry on with the next statement.
    Normal,
    /// `next`: go to the loop's next iteration.
    Next,
    /// `break`: leave the loop or `switch`.
    Break,
    /// `fallthrough`: run the next `case` too.
    Fallthrough,
    /// `return`, with the value if any.
    Return(Option<Value>),
}

/// A scheduled event, waiting for network time to reach `when`.
#[derive(Debug)]
pub struct Timer {
    /// The network time at which it fires.
    pub when: f64,
    /// Schedule order, to break ties between equal times.
    pub seq: u64,
    /// The event's function-table index.
    pub func: usize,
    /// The event's arguments.
    pub args: Vec<Value>,
}

impl PartialEq for Timer {
    fn eq(&self, o: &Self) -> bool {
        self.when == o.when && self.seq == o.seq
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timer {
    /// Reversed, so the max-heap pops the earliest timer.
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        o.when.total_cmp(&self.when).then(o.seq.cmp(&self.seq))
    }
}

/// A `when` statement waiting for its condition.
pub struct PendingWhen {
    /// The condition to wait for.
    pub cond: Expr,
    /// Run once the condition holds.
    pub body: Stmt,
    /// The network time of the deadline and the statements run when it passes.
    pub timeout: Option<(f64, Vec<Stmt>)>,
    /// The locals of the function that reached the `when`.
    pub frame: Vec<Option<Value>>,
    /// This trigger's number, by which `return when` results find it.
    pub id: u64,
    /// For `return when`: the trigger whose condition made the call, and
    /// where the call was; the value the body returns becomes the call's.
    pub parent: Option<(u64, Span)>,
}

/// The triggers' shared state: which one's condition is being evaluated,
/// which wait for a `return when` result, and the results that came.
#[derive(Default)]
pub struct Triggers {
    /// The trigger whose condition is being evaluated, if any.
    pub current: Option<u64>,
    /// The number the next trigger gets.
    pub next_id: u64,
    /// Triggers waiting for a function's `return when` result.
    pub delayed: std::collections::HashSet<u64>,
    /// Results of delayed calls: (trigger, call site) -> value.
    pub results: std::collections::HashMap<(u64, Span), Value>,
    /// Where the script functions now running were called from.
    pub call_sites: Vec<Span>,
    /// Set when a `return when` delayed the innermost running function.
    pub delayed_call: bool,
    /// Whether the `when` whose condition is being evaluated has a
    /// `timeout` block (Broker's queries insist on one).
    pub current_has_timeout: bool,
}

/// The evaluator's state: globals, the event queue, timers, pending `when`s and the output streams.
pub struct Machine {
    /// The loaded source files, for error messages.
    pub sources: Rc<RefCell<SourceMap>>,
    /// Global variable values, by index; `None` when unset.
    pub globals: Vec<Option<Value>>,
    consts: Vec<Option<Value>>,
    /// Frames of finished calls, kept for the next calls to reuse.
    spare_frames: Vec<Vec<Option<Value>>>,
    /// Compiled bodies, by function and body index.
    code: Vec<Vec<Option<Rc<CompiledBody>>>>,
    /// Built-in functions, by index.
    pub builtins: Vec<Native>,
    /// Events raised and waiting to run: function-table index and arguments.
    pub queue: VecDeque<(usize, Vec<Value>)>,
    /// Scheduled events, earliest first.
    pub timers: BinaryHeap<Timer>,
    /// The sequence number the next timer gets.
    pub timer_seq: u64,
    /// `when` statements waiting for their conditions.
    pub whens: Vec<PendingWhen>,
    /// What `when` conditions and `return when` share.
    pub triggers: Triggers,
    /// Where `print` writes.
    pub out: Box<dyn Write>,
    /// Where errors and warnings go.
    pub err: Box<dyn Write>,
    /// The current network time, in seconds since the epoch.
    pub network_time: f64,
    /// Set once `terminate()` has been called.
    pub terminating: bool,
    /// How many events have been dispatched (`get_event_stats`).
    pub events_dispatched: u64,
    /// How deeply script calls are nested, to stop runaway recursion.
    pub depth: usize,
    /// Which script files hold an operating-system handle.
    pub files: super::files::FileCache,
    /// Tables with expiring entries, checked every `table_expire_interval`.
    pub expiring: Vec<std::rc::Weak<RefCell<TableVal>>>,
    /// The peering core, as the Broker builtins reach it.
    pub broker: BrokerLink,
    /// Write run-time errors that have a place as annotated reports (with
    /// terminal colours when `Some(true)`) instead of Bro's one-line form:
    /// for a person at a terminal, such as a REPL's user.
    pub pretty_reports: Option<bool>,
    /// What built-in areas keep between calls (the log manager).
    pub state: super::state::BuiltinState,
}

/// The Broker builtins' way to the peering core: the endpoint once a
/// builtin has started it, and where its notifications go (set by the
/// runtime, which turns them into events).
#[derive(Default)]
pub struct BrokerLink {
    /// The running endpoint, if any builtin needed it.
    pub endpoint: Option<crate::broker::Endpoint>,
    /// Where the endpoint delivers notifications; without it no endpoint starts.
    pub notify: Option<crate::broker::Notify>,
    /// Set while a handler of an event that came from a peer runs.
    pub remote_event: bool,
    /// Events that are also published whenever dispatched: event name -> topics.
    pub auto_publish: std::collections::HashMap<String, Vec<String>>,
    /// Converts what a `Broker::Data` holds to a script type (the `as`
    /// cast); set by the runtime, which knows Broker's conversions.
    pub data_cast: Option<fn(&Value, &Type) -> Option<Value>>,
}

impl BrokerLink {
    /// The endpoint, started on first use; `None` when it cannot start.
    pub fn endpoint(&mut self) -> Option<&mut crate::broker::Endpoint> {
        if self.endpoint.is_none() {
            let notify = self.notify.clone()?;
            self.endpoint = crate::broker::Endpoint::start(notify).ok();
        }
        self.endpoint.as_mut()
    }

    /// True when a listener or a peering keeps the process running.
    pub fn keeps_alive(&self) -> bool {
        self.endpoint.as_ref().is_some_and(|e| e.keeps_alive())
    }
}

const MAX_DEPTH: usize = 2000;

/// A `Broker::Data` record that holds no value (what `Broker::Data()`
/// gives), which casts report specially.
fn is_empty_broker_data(v: &Value) -> bool {
    match v {
        Value::Record(r) => {
            let r = r.borrow();
            r.ty.name.as_deref() == Some("Broker::Data") && r.fields.first().is_none_or(|f| f.is_none())
        }
        _ => false,
    }
}

fn type_of(v: &Value) -> Type {
    match v {
        Value::Bool(_) => Type::Bool,
        Value::Int(_) => Type::Int,
        Value::Count(_) => Type::Count,
        Value::Double(_) => Type::Double,
        Value::Time(_) => Type::Time,
        Value::Interval(_) => Type::Interval,
        Value::Str(_) => Type::String,
        Value::Pattern(_) => Type::Pattern,
        Value::Port(..) => Type::Port,
        Value::Addr(_) => Type::Addr,
        Value::Subnet(_) => Type::Subnet,
        Value::Enum(t, _) => Type::Enum(t.clone()),
        Value::Record(r) => Type::Record(r.borrow().ty.clone()),
        Value::Table(t) => Type::Table(t.borrow().ty.clone()),
        Value::Vector(v) => Type::Vector(Rc::new(v.borrow().yield_type.clone())),
        Value::Func(f) => Type::Func(f.ty.clone()),
        Value::File(_) => Type::File(Rc::new(Type::String)),
        Value::Opaque(o) => Type::Opaque(o.kind.as_str().into()),
        Value::Type(t) => Type::TypeOf(t.clone()),
        Value::List(items) => Type::List(Rc::new(items.iter().map(type_of).collect())),
    }
}

/// The run-time type of a value (what `type_name` reports).
pub fn value_type(v: &Value) -> Type {
    type_of(v)
}

impl Machine {
    /// A machine with no globals that writes to `out` and `err`.
    pub fn new(out: Box<dyn Write>, err: Box<dyn Write>) -> Machine {
        Machine {
            sources: Rc::new(RefCell::new(SourceMap::new())),
            globals: Vec::new(),
            consts: Vec::new(),
            spare_frames: Vec::new(),
            code: Vec::new(),
            builtins: Vec::new(),
            queue: VecDeque::new(),
            timers: BinaryHeap::new(),
            timer_seq: 0,
            whens: Vec::new(),
            triggers: Triggers::default(),
            files: Default::default(),
            out,
            err,
            network_time: 0.0,
            terminating: false,
            events_dispatched: 0,
            expiring: Vec::new(),
            depth: 0,
            broker: BrokerLink::default(),
            pretty_reports: None,
            state: Default::default(),
        }
    }

    /// Source text of a span with string quotes dropped: how Bro quotes
    /// an expression in run-time errors (`no such index (t[a])`).
    pub fn describe(&self, span: Span) -> String {
        let sources = self.sources.borrow();
        if span.file.0 as usize >= sources.files().count() {
            return String::new();
        }
        let text = &sources.get(span.file).text;
        text.get(span.range()).unwrap_or("").replace('"', "")
    }

    /// Writes a run-time error or warning in Bro's form.
    pub fn report(&mut self, e: &RtError) {
        self.report_also(e, None);
    }

    /// Where a string value was written as a literal, when it is that
    /// literal's own value (Bro's values made while parsing keep their
    /// location; values computed at run time have none).
    pub fn literal_span(&self, p: &Compiler, v: &Value) -> Option<Span> {
        let Value::Str(s) = v else { return None };
        let i = self.consts.iter().position(|c| matches!(c, Some(Value::Str(c)) if Rc::ptr_eq(c, s)))?;
        p.const_spans.get(&i).copied()
    }

    /// Reports an error that also names a second place (Bro's
    /// `error in A and B: ...`), when that place is another line.
    pub fn report_also(&mut self, e: &RtError, also: Option<Span>) {
        if e.kind.is_empty() {
            return;
        }
        // stdout is not flushed first: like Bro's buffered stdout, script
        // output reaches a shared file after the errors.
        let sources = self.sources.borrow();
        let line = match e.span.filter(|s| (s.file.0 as usize) < sources.files().count()) {
            Some(span) if self.pretty_reports.is_some() => {
                let d = crate::diag::Diagnostic {
                    severity: if e.kind == "warning" { crate::diag::Severity::Warning } else { crate::diag::Severity::Error },
                    ..crate::diag::Diagnostic::error(e.msg.clone(), span)
                };
                crate::diag::render_pretty(&d, &sources, self.pretty_reports == Some(true))
            }
            Some(span) => {
                let f = sources.get(span.file);
                let here = format!("{}, line {}", f.name, f.line_of(span.start as usize));
                let there = also.filter(|s| (s.file.0 as usize) < sources.files().count()).map(|s| {
                    let g = sources.get(s.file);
                    format!("{}, line {}", g.name, g.line_of(s.start as usize))
                });
                match there.filter(|t| *t != here) {
                    Some(t) => format!("{} in {} and {}: {}\n", e.kind, here, t, e.msg),
                    None => format!("{} in {}: {}\n", e.kind, here, e.msg),
                }
            }
            None => format!("{}: {}\n", e.kind, e.msg),
        };
        drop(sources);
        let _ = self.err.write_all(line.as_bytes());
        let _ = self.err.flush();
    }

    /// Makes room for every global the checker has declared so far (code
    /// compiled since the last run may name new ones).
    pub fn ensure_globals(&mut self, p: &Compiler) {
        if self.globals.len() < p.globals.list.len() {
            self.globals.resize(p.globals.list.len(), None);
        }
    }

    /// The value of an entry of the program's constant pool, built on first use.
    #[inline]
    pub fn const_value(&mut self, p: &Compiler, id: usize) -> Res<Value> {
        match self.consts.get(id) {
            Some(Some(Value::Count(c))) => Ok(Value::Count(*c)),
            Some(Some(Value::Int(i))) => Ok(Value::Int(*i)),
            Some(Some(v)) => Ok(v.clone()),
            _ => self.make_const(p, id),
        }
    }

    /// Builds constant `id` the first time it is used.
    #[inline(never)]
    fn make_const(&mut self, p: &Compiler, id: usize) -> Res<Value> {
        if self.consts.len() <= id {
            self.consts.resize(p.consts.len().max(id + 1), None);
        }
        if let Some(v) = &self.consts[id] {
            return Ok(v.clone());
        }
        let v = match &p.consts[id] {
            Const::Lit(l) => literal(l),
            Const::Int(i) => Value::Int(*i),
            Const::Pattern { text, case_insensitive } => match pattern::compile(text, *case_insensitive) {
                Ok(p) => Value::Pattern(p),
                Err(e) => return Err(Box::new(RtError { unwind: Unwind::Handler, kind: "error", msg: format!("bad pattern: {e}"), span: None })),
            },
            Const::Enum(t, v) => Value::Enum(t.clone(), *v as i32),
            Const::Type(t) => Value::Type(Rc::new(t.clone())),
            Const::Func(fid) => {
                let f = &p.funcs[*fid];
                Value::Func(Rc::new(FuncVal { name: f.name.clone(), ty: f.ty.clone(), id: *fid, builtin: false }))
            }
            Const::Builtin(b) => {
                let d = &p.builtins[*b];
                Value::Func(Rc::new(FuncVal { name: d.name.clone(), ty: d.ty.clone(), id: *b, builtin: true }))
            }
        };
        self.consts[id] = Some(v.clone());
        Ok(v)
    }

    // ----------------------------------------------------------- running

    /// Runs code in a fresh frame (global initialisation, top-level
    /// statements); statement errors are reported and skipped.
    pub fn run_code(&mut self, p: &Compiler, code: &[Stmt], frame_size: usize) -> Res<()> {
        self.ensure_globals(p);
        let mut frame = vec![None; frame_size];
        for s in code {
            match self.exec(p, &mut frame, s) {
                Ok(_) => {}
                Err(e) if e.unwind == Unwind::Stmt => self.report(&e),
                Err(e) if e.unwind == Unwind::Handler => {
                    self.report(&e);
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Takes a file a script has just opened into the file cache and
    /// raises `file_opened` for it.
    pub fn file_opened(&mut self, p: &Compiler, f: &Rc<RefCell<FileVal>>) {
        if f.borrow().handle.is_none() {
            return;
        }
        let limit = super::files::cache_limit(p, &self.globals);
        self.files.admit(f, limit);
        self.raise_file_opened(p, f);
    }

    fn raise_file_opened(&mut self, p: &Compiler, f: &Rc<RefCell<FileVal>>) {
        if let Some(id) = super::files::file_opened_handler(p) {
            // Bro dispatches it at once, not through the queue.
            if let Err(e) = self.dispatch(p, id, &[Value::File(f.clone())]) {
                self.report(&e);
            }
        }
    }

    /// Writes to a script file, opening it again first if the file cache
    /// closed it; false when the file is closed.
    pub fn write_to_file(&mut self, p: &Compiler, f: &Rc<RefCell<FileVal>>, data: &[u8]) -> bool {
        let limit = super::files::cache_limit(p, &self.globals);
        if self.files.reacquire(f, limit) {
            self.raise_file_opened(p, f);
        }
        f.borrow_mut().write(data)
    }

    /// Runs every handler of an event, highest priority first. Errors
    /// end the handler they happen in; the others still run.
    pub fn dispatch(&mut self, p: &Compiler, func: usize, args: &[Value]) -> Res<()> {
        self.ensure_globals(p);
        self.events_dispatched += 1;
        for (index, body) in p.funcs[func].bodies.iter().enumerate() {
            let mut frame = self.spare_frames.pop().unwrap_or_default();
            frame.extend(args.iter().cloned().map(Some));
            if frame.len() < body.frame_size {
                frame.resize_with(body.frame_size, || None);
            }
            let code = self.body_code(p, func, index, body);
            let r = code.run(self, p, &mut frame);
            self.recycle(frame);
            match r {
                Ok(_) => {}
                Err(e) if matches!(e.unwind, Unwind::Exit(_)) => return Err(e),
                Err(e) => self.report(&e),
            }
        }
        Ok(())
    }

    fn exec_block(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, stmts: &[Stmt]) -> Res<Flow> {
        for s in stmts {
            match self.exec(p, frame, s) {
                Ok(Flow::Normal) => {}
                Ok(flow) => return Ok(flow),
                Err(e) if e.unwind == Unwind::Stmt => self.report(&e),
                Err(e) => return Err(e),
            }
        }
        Ok(Flow::Normal)
    }

    /// Runs one statement in a frame of local slots.
    ///
    /// As with [`eval`](Self::eval), the commonest statements are run here
    /// and the rest by [`exec_full`](Self::exec_full), to keep this frame small.
    pub fn exec(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, s: &Stmt) -> Res<Flow> {
        match &s.kind {
            StmtKind::Expr(e) => {
                self.eval(p, frame, e)?;
            }
            StmtKind::If(c, then, otherwise) => {
                if self.eval(p, frame, c)?.as_bool() {
                    return self.exec(p, frame, then);
                } else if let Some(o) = otherwise {
                    return self.exec(p, frame, o);
                }
            }
            StmtKind::Block(stmts) => return self.exec_block(p, frame, stmts),
            StmtKind::While(c, body) => {
                while self.eval(p, frame, c)?.as_bool() {
                    match self.exec(p, frame, body)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        _ => {}
                    }
                }
            }
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => Some(self.eval(p, frame, e)?),
                    None => None,
                };
                return Ok(Flow::Return(v));
            }
            _ => return self.exec_full(p, frame, s),
        }
        Ok(Flow::Normal)
    }

    /// Every statement [`exec`](Self::exec) does not run itself.
    #[inline(never)]
    fn exec_full(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, s: &Stmt) -> Res<Flow> {
        match &s.kind {
            StmtKind::Expr(..) | StmtKind::If(..) | StmtKind::Block(..) | StmtKind::While(..) | StmtKind::Return(..) => {
                return self.exec(p, frame, s);
            }
            StmtKind::Print(items) => {
                let mut line = Vec::new();
                let mut vals = Vec::with_capacity(items.len());
                for e in items {
                    vals.push(self.eval(p, frame, e)?);
                }
                // `print f, ...` with a file first writes the rest to it;
                // raw-output files get the values without separators,
                // escapes or newline.
                let file = match vals.first() {
                    Some(Value::File(f)) => Some(f.clone()),
                    _ => None,
                };
                let raw = file.as_ref().is_some_and(|f| f.borrow().raw);
                let start = usize::from(file.is_some());
                for (i, v) in vals.iter().enumerate().skip(start) {
                    if raw {
                        line.extend(format::render(v, Mode::Cat));
                        continue;
                    }
                    if i > start {
                        line.extend_from_slice(b", ");
                    }
                    line.extend(format::render(v, Mode::Print));
                }
                match file {
                    None => {
                        line.push(b'\n');
                        let _ = self.out.write_all(&line);
                    }
                    Some(f) => {
                        if !f.borrow().open {
                            return Ok(Flow::Normal);
                        }
                        let hook = p
                            .globals
                            .lookup(crate::check::scope::GLOBAL_MODULE, "print_hook")
                            .and_then(|g| p.globals.get(g).func)
                            .filter(|id| !p.funcs[*id].bodies.is_empty());
                        if let Some(id) = hook {
                            self.queue.push_back((id, vec![Value::File(f.clone()), Value::str(line.clone())]));
                        }
                        if !raw {
                            line.push(b'\n');
                        }
                        self.write_to_file(p, &f, &line);
                    }
                }
            }
            StmtKind::Event(fid, args) => {
                let vals = self.eval_list(p, frame, args)?;
                self.queue.push_back((*fid, vals));
            }
            StmtKind::For { slots, value_slot, iter, body, kind } => {
                let it = self.eval(p, frame, iter)?;
                let rows: Vec<(Vec<Value>, Option<Value>)> = match (&it, kind) {
                    (Value::Table(t), _) => t.borrow().ordered().into_iter().map(|e| (e.index.clone(), e.value.clone())).collect(),
                    (Value::Vector(v), _) => v
                        .borrow()
                        .items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, x)| x.as_ref().map(|x| (vec![Value::Int(i as i64)], Some(x.clone()))))
                        .collect(),
                    (Value::Str(s), ForKind::String) => s.iter().map(|b| (vec![Value::str(vec![*b])], None)).collect(),
                    _ => Vec::new(),
                };
                // Bro does not resize a table while a loop walks it.
                if let Value::Table(t) = &it {
                    t.borrow_mut().begin_iteration();
                }
                let result = self.run_loop(p, frame, slots, *value_slot, rows, body);
                if let Value::Table(t) = &it {
                    t.borrow_mut().end_iteration();
                }
                return result;
            }
            StmtKind::Switch(e, cases) => return self.switch(p, frame, e, cases),
            StmtKind::Next => return Ok(Flow::Next),
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Fallthrough => return Ok(Flow::Fallthrough),
            StmtKind::Add(e) => self.add_stmt(p, frame, e)?,
            StmtKind::Delete(e) => self.delete_stmt(p, frame, e)?,
            StmtKind::Local(slot, init) => {
                let v = match init {
                    Some(e) => Some(self.eval(p, frame, e)?),
                    None => None,
                };
                if frame.len() <= *slot {
                    frame.resize(*slot + 1, None);
                }
                frame[*slot] = v;
            }
            StmtKind::When { cond, body, timeout, is_return } => {
                let parent = if *is_return {
                    match (self.triggers.current, self.triggers.call_sites.last()) {
                        (Some(t), Some(site)) => {
                            // The function's value comes when this trigger
                            // fires; the caller's condition waits for it.
                            self.triggers.delayed.insert(t);
                            self.triggers.delayed_call = true;
                            Some((t, *site))
                        }
                        _ => {
                            // Bro reports this without a place.
                            let msg = "return trigger in context which does not allow delaying result";
                            return Err(Box::new(RtError { unwind: Unwind::Stmt, kind: "error", msg: msg.into(), span: None }));
                        }
                    }
                } else {
                    None
                };
                let timeout = match timeout {
                    Some((t, stmts)) => {
                        let secs = match self.eval(p, frame, t)? {
                            Value::Interval(s) | Value::Double(s) => s,
                            _ => 0.0,
                        };
                        Some((self.network_time + secs, stmts.clone()))
                    }
                    None => None,
                };
                let id = self.triggers.next_id;
                self.triggers.next_id += 1;
                let w = PendingWhen { cond: cond.clone(), body: (**body).clone(), timeout, frame: frame.clone(), id, parent };
                if let Some(w) = self.try_trigger(p, w) {
                    self.whens.push(w);
                }
            }
            StmtKind::Null => {}
        }
        Ok(Flow::Normal)
    }

    /// The body of a `for` loop over precomputed rows of keys and values.
    fn run_loop(
        &mut self,
        p: &Compiler,
        frame: &mut Vec<Option<Value>>,
        slots: &[usize],
        value_slot: Option<usize>,
        rows: Vec<(Vec<Value>, Option<Value>)>,
        body: &Stmt,
    ) -> Res<Flow> {
        for (keys, val) in rows {
            for (slot, k) in slots.iter().zip(keys) {
                frame[*slot] = Some(k);
            }
            if let (Some(vs), Some(v)) = (value_slot, val) {
                frame[vs] = Some(v);
            }
            match self.exec(p, frame, body)? {
                Flow::Break => break,
                Flow::Return(v) => return Ok(Flow::Return(v)),
                _ => {}
            }
        }
        Ok(Flow::Normal)
    }

    fn switch(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, e: &Expr, cases: &[crate::check::ir::Case]) -> Res<Flow> {
        let v = self.eval(p, frame, e)?;
        let mut start = None;
        'find: for (i, c) in cases.iter().enumerate() {
            for label in &c.values {
                let cv = self.eval(p, frame, label)?;
                if values_equal(&v, &cv) {
                    start = Some(i);
                    break 'find;
                }
            }
            for (t, slot) in &c.types {
                if matches_type(&v, t) {
                    if let Some(slot) = slot {
                        frame[*slot] = Some(v.clone());
                    }
                    start = Some(i);
                    break 'find;
                }
            }
        }
        let start = match start.or_else(|| cases.iter().position(|c| c.is_default)) {
            Some(s) => s,
            None => return Ok(Flow::Normal),
        };
        for c in &cases[start..] {
            match self.exec_block(p, frame, &c.body)? {
                Flow::Fallthrough => continue,
                Flow::Break | Flow::Normal => return Ok(Flow::Normal),
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn add_stmt(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, e: &Expr) -> Res<()> {
        if let ExprKind::Index(base, idx) = &e.kind {
            let t = self.eval(p, frame, base)?;
            let keys = self.eval_list(p, frame, idx)?;
            if let Value::Table(t) = t {
                t.borrow_mut().insert(keys, None);
            }
        }
        Ok(())
    }

    fn delete_stmt(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, e: &Expr) -> Res<()> {
        match &e.kind {
            ExprKind::Index(base, idx) => {
                let t = self.eval(p, frame, base)?;
                let keys = self.eval_keys(p, frame, idx)?;
                if let Value::Table(t) = t {
                    t.borrow_mut().remove(&index_key(&keys));
                }
            }
            ExprKind::Field(base, i, _) => {
                if let Value::Record(r) = self.eval(p, frame, base)? {
                    if let Some(f) = r.borrow_mut().fields.get_mut(*i) {
                        *f = None;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The values of an index list (`[a, b]`), kept on the stack.
    fn eval_keys(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, es: &[Expr]) -> Res<Keys> {
        let mut out = Keys::with_capacity(es.len());
        for e in es {
            out.push(self.eval(p, frame, e)?);
        }
        Ok(out)
    }

    fn eval_list(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, es: &[Expr]) -> Res<Vec<Value>> {
        let mut out = Vec::with_capacity(es.len());
        for e in es {
            out.push(self.eval(p, frame, e)?);
        }
        Ok(out)
    }

    // ------------------------------------------------------ expressions

    /// Evaluates an expression in a frame of local slots.
    ///
    /// The commonest expressions are handled here, in a function with a
    /// small stack frame so that deep recursion (calls within calls) stays
    /// cheap; [`eval_full`](Self::eval_full) does the rest.
    pub fn eval(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, e: &Expr) -> Res<Value> {
        match &e.kind {
            ExprKind::Const(id) => self.const_value(p, *id),
            ExprKind::Local(slot) => match frame.get(*slot) {
                // Numbers are copied without the general clone.
                Some(Some(Value::Count(c))) => Ok(Value::Count(*c)),
                Some(Some(Value::Int(i))) => Ok(Value::Int(*i)),
                Some(Some(v)) => Ok(v.clone()),
                _ => self.eval_full(p, frame, e),
            },
            ExprKind::Arith(op, a, b) => {
                let x = self.eval(p, frame, a)?;
                let y = self.eval(p, frame, b)?;
                match scalar_arith(*op, &x, &y) {
                    Some(v) => Ok(v),
                    None => self.arith(*op, x, y, e),
                }
            }
            ExprKind::Cmp(op, a, b) => {
                let x = self.eval(p, frame, a)?;
                let y = self.eval(p, frame, b)?;
                Ok(compare_fast(*op, &x, &y))
            }
            ExprKind::Call(callee, args) => self.eval_call(p, frame, callee, args, e.span),
            ExprKind::Assign(target, value) => {
                let v = self.eval(p, frame, value)?;
                self.assign(p, frame, target, v.clone())?;
                Ok(v)
            }
            _ => self.eval_full(p, frame, e),
        }
    }

    /// A call expression: the callee, the arguments, the call.
    #[inline(never)]
    fn eval_call(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, callee: &Callee, args: &[Expr], span: Span) -> Res<Value> {
        if let Callee::Builtin(b) = callee {
            // Builtins take a slice, so a few arguments stay on the stack.
            let mut vals: smallvec::SmallVec<[Value; 4]> = smallvec::SmallVec::with_capacity(args.len());
            for a in args {
                vals.push(self.eval(p, frame, a)?);
            }
            return self.call_builtin(p, *b, &vals, span);
        }
        // A global script function is called without taking a reference to
        // its value, and its arguments go straight into its frame.
        let script_fn = match callee {
            Callee::Global(g) => match self.globals.get(*g) {
                Some(Some(Value::Func(fv))) if !fv.builtin => Some(fv.id),
                _ => None,
            },
            _ => None,
        };
        if let Some(id) = script_fn {
            let mut callee_frame = self.spare_frames.pop().unwrap_or_default();
            for a in args {
                match self.eval(p, frame, a) {
                    Ok(v) => callee_frame.push(Some(v)),
                    Err(e) => {
                        self.recycle(callee_frame);
                        return Err(e);
                    }
                }
            }
            return self.call_script(p, id, callee_frame, span);
        }
        let f = self.callee(p, frame, callee)?;
        let vals = self.eval_list(p, frame, args)?;
        self.call(p, &f, vals, span)
    }

    /// Every expression [`eval`](Self::eval) does not handle itself.
    #[inline(never)]
    fn eval_full(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, e: &Expr) -> Res<Value> {
        match &e.kind {
            ExprKind::Const(..) | ExprKind::Arith(..) | ExprKind::Cmp(..) | ExprKind::Call(..) | ExprKind::Assign(..) => self.eval(p, frame, e),
            ExprKind::Local(slot) => match frame.get(*slot) {
                Some(Some(v)) => Ok(v.clone()),
                _ => Err(RtError::stmt(format!("value used but not set ({})", self.describe(e.span)), e.span)),
            },
            ExprKind::Global(g) => match self.globals.get(*g) {
                Some(Some(v)) => Ok(v.clone()),
                _ => Err(RtError::stmt(format!("value used but not set ({})", self.describe(e.span)), e.span)),
            },
            ExprKind::Not(x) => Ok(Value::Bool(!self.eval(p, frame, x)?.as_bool())),
            ExprKind::Neg(x) => Ok(match self.eval(p, frame, x)? {
                Value::Count(c) => Value::Int((c as i64).wrapping_neg()),
                Value::Int(i) => Value::Int(i.wrapping_neg()),
                Value::Double(d) => Value::Double(-d),
                Value::Interval(d) => Value::Interval(-d),
                v => v,
            }),
            ExprKind::Compl(x) => Ok(match self.eval(p, frame, x)? {
                Value::Count(c) => Value::Count(!c),
                v => v,
            }),
            ExprKind::Incr(target, d) => {
                let v = self.eval(p, frame, target)?;
                let step = |v: Value| match v {
                    Value::Count(c) => Value::Count(c.wrapping_add(*d as u64)),
                    Value::Int(i) => Value::Int(i.wrapping_add(*d)),
                    other => other,
                };
                if let Value::Vector(vec) = &v {
                    // `++v` steps every element of a vector in place.
                    let mut vb = vec.borrow_mut();
                    for item in vb.items.iter_mut() {
                        *item = item.take().map(step);
                    }
                    drop(vb);
                    return Ok(v);
                }
                let nv = step(v);
                self.assign(p, frame, target, nv.clone())?;
                Ok(nv)
            }
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                let is_and = matches!(e.kind, ExprKind::And(..));
                let x = self.eval(p, frame, a)?;
                if let Value::Vector(_) = &x {
                    let y = self.eval(p, frame, b)?;
                    return Ok(bool_vectors(is_and, x, &y));
                }
                Ok(Value::Bool(if is_and {
                    x.as_bool() && self.eval(p, frame, b)?.as_bool()
                } else {
                    x.as_bool() || self.eval(p, frame, b)?.as_bool()
                }))
            }
            ExprKind::Bits(op, a, b) => {
                let x = self.eval(p, frame, a)?;
                let y = self.eval(p, frame, b)?;
                bits(*op, &x, &y).map_err(|m| RtError::expr(m, e.span))
            }
            ExprKind::In(a, b, negate) => {
                let x = self.eval(p, frame, a)?;
                let y = self.eval(p, frame, b)?;
                Ok(Value::Bool(contains(&x, &y) != *negate))
            }
            ExprKind::Cond(c, a, b) => {
                if self.eval(p, frame, c)?.as_bool() {
                    self.eval(p, frame, a)
                } else {
                    self.eval(p, frame, b)
                }
            }
            ExprKind::AddTo(target, value) => {
                let v = self.eval(p, frame, value)?;
                self.add_to(p, frame, target, v, e)?;
                Ok(Value::Bool(true))
            }
            ExprKind::RemoveFrom(target, value) => {
                let v = self.eval(p, frame, value)?;
                let cur = self.eval(p, frame, target)?;
                match (&cur, &v) {
                    (Value::Table(t), Value::Table(o)) => {
                        let keys: Vec<Key> = o.borrow().keys().cloned().collect();
                        let mut t = t.borrow_mut();
                        for k in keys {
                            t.remove(&k);
                        }
                    }
                    _ => {
                        let nv = self.arith(Arith::Sub, cur, v, e)?;
                        self.assign(p, frame, target, nv)?;
                    }
                }
                Ok(Value::Bool(true))
            }
            ExprKind::HookCall(callee, args) => {
                let f = self.callee(p, frame, callee)?;
                let vals = self.eval_list(p, frame, args)?;
                self.run_hook(p, &f, vals)
            }
            ExprKind::Index(base, idx) => {
                let b = self.eval(p, frame, base)?;
                let keys = self.eval_keys(p, frame, idx)?;
                self.index(p, b, &keys, e)
            }
            ExprKind::Slice(base, lo, hi) => {
                let b = self.eval(p, frame, base)?;
                let lo = match lo {
                    Some(x) => Some(as_i64(&self.eval(p, frame, x)?)),
                    None => None,
                };
                let hi = match hi {
                    Some(x) => Some(as_i64(&self.eval(p, frame, x)?)),
                    None => None,
                };
                Ok(slice(b, lo, hi))
            }
            ExprKind::Field(base, i, default) => {
                let b = self.eval(p, frame, base)?;
                match &b {
                    Value::Record(r) => match r.borrow().fields.get(*i).cloned().flatten() {
                        Some(v) => Ok(v),
                        None => match default {
                            Some(d) => self.eval(p, frame, d),
                            None => Err(RtError::expr(format!("field value missing [{}]", self.describe(e.span)), e.span)),
                        },
                    },
                    _ => Err(RtError::expr(format!("not a record [{}]", self.describe(e.span)), e.span)),
                }
            }
            ExprKind::HasField(base, i) => {
                let b = self.eval(p, frame, base)?;
                Ok(Value::Bool(matches!(&b, Value::Record(r) if r.borrow().fields.get(*i).is_some_and(|f| f.is_some()))))
            }
            ExprKind::Size(x) => {
                let v = self.eval(p, frame, x)?;
                Ok(size_of(&v))
            }
            ExprKind::Copy(x) => Ok(deep_copy(&self.eval(p, frame, x)?)),
            ExprKind::Cast(x) => {
                let v = self.eval(p, frame, x)?;
                if matches_type(&v, &e.ty) {
                    Ok(coerce_value(v, &e.ty))
                } else if let Some(cast) = self.broker.data_cast.and_then(|f| f(&v, &e.ty)) {
                    Ok(cast)
                } else {
                    Err(RtError::expr(
                        format!(
                            "invalid cast of value with type '{:#}' to type '{:#}'{} [{}]",
                            type_of(&v),
                            e.ty,
                            if is_empty_broker_data(&v) { " (nil $data field)" } else { "" },
                            self.describe(e.span)
                        ),
                        e.span,
                    ))
                }
            }
            ExprKind::Is(x, t) => {
                let v = self.eval(p, frame, x)?;
                Ok(Value::Bool(matches_type(&v, t)))
            }
            ExprKind::Coerce(x) => {
                let v = self.eval(p, frame, x)?;
                Ok(coerce_value(v, &e.ty))
            }
            ExprKind::RecordCtor(rt, fields) => {
                let mut vals = vec![None; rt.num_fields()];
                for (i, x) in fields {
                    let v = self.eval(p, frame, x)?;
                    let fty = rt.fields.borrow().get(*i).map(|f| f.ty.clone()).unwrap_or(Type::Any);
                    if let Some(slot) = vals.get_mut(*i) {
                        *slot = Some(coerce_value(v, &fty));
                    }
                }
                Ok(Value::Record(Rc::new(RefCell::new(RecordVal { ty: rt.clone(), fields: vals }))))
            }
            ExprKind::TableCtor(tt, entries, attrs) => {
                let mut table = TableVal::new(tt.clone());
                for (idx, val) in entries {
                    let keys = self.eval_list(p, frame, idx)?;
                    let keys: Vec<Value> = keys.into_iter().zip(tt.index.iter()).map(|(k, t)| coerce_value(k, t)).collect();
                    let v = match val {
                        Some(x) => Some(self.eval(p, frame, x)?),
                        None => None,
                    };
                    for index in expand_set_members(keys, &tt.index) {
                        table.insert(index, v.clone());
                    }
                }
                let mut default = None;
                for (k, x) in attrs {
                    if *k == AttrKind::Default {
                        default = Some(self.eval(p, frame, x)?);
                    }
                }
                table.default = default;
                let when = attrs
                    .iter()
                    .find(|(k, _)| matches!(k, AttrKind::CreateExpire | AttrKind::ReadExpire | AttrKind::WriteExpire));
                if let Some((kind, interval)) = when {
                    let func = attrs.iter().find(|(k, _)| *k == AttrKind::ExpireFunc).map(|(_, x)| x.clone());
                    table.expire = Some(Rc::new(Expire { kind: *kind, interval: interval.clone(), func }));
                }
                let has_expire = table.expire.is_some();
                let t = Rc::new(RefCell::new(table));
                if has_expire {
                    self.expiring.push(Rc::downgrade(&t));
                }
                Ok(Value::Table(t))
            }
            ExprKind::VectorCtor(items) => {
                let y = match &e.ty {
                    Type::Vector(y) => (**y).clone(),
                    _ => Type::Any,
                };
                let vals = self.eval_list(p, frame, items)?;
                Ok(Value::Vector(Rc::new(RefCell::new(VectorVal {
                    items: vals.into_iter().map(|v| Some(coerce_value(v, &y))).collect(),
                    yield_type: y,
                }))))
            }
            ExprKind::List(items) => Ok(Value::List(Rc::new(self.eval_list(p, frame, items)?))),
            ExprKind::Schedule(when, fid, args) => {
                let secs = match self.eval(p, frame, when)? {
                    Value::Interval(s) | Value::Double(s) => s,
                    _ => 0.0,
                };
                let vals = self.eval_list(p, frame, args)?;
                self.timer_seq += 1;
                self.timers.push(Timer { when: self.network_time + secs, seq: self.timer_seq, func: *fid, args: vals });
                Ok(Value::Bool(true))
            }
            ExprKind::Lambda(fid) => {
                let f = &p.funcs[*fid];
                Ok(Value::Func(Rc::new(FuncVal { name: f.name.clone(), ty: f.ty.clone(), id: *fid, builtin: false })))
            }
            ExprKind::Error => Err(RtError::expr("expression failed to check", e.span)),
        }
    }

    fn callee(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, c: &Callee) -> Res<Value> {
        match c {
            Callee::Builtin(b) => {
                let d = &p.builtins[*b];
                Ok(Value::Func(Rc::new(FuncVal { name: d.name.clone(), ty: d.ty.clone(), id: *b, builtin: true })))
            }
            Callee::Global(g) => match self.globals.get(*g) {
                Some(Some(v)) => Ok(v.clone()),
                _ => Err(RtError::expr(format!("value used but not set ({})", p.globals.get(*g).name), Span::default())),
            },
            Callee::Dynamic(x) => self.eval(p, frame, x),
        }
    }

    /// Calls a built-in function, by index, with evaluated arguments.
    pub(super) fn call_builtin(&mut self, p: &Compiler, id: usize, args: &[Value], span: Span) -> Res<Value> {
        match self.builtins.get(id) {
            Some(Native::Builtin(b)) => b(self, p, args, span),
            Some(Native::Host(h)) => {
                let h = h.clone();
                h(args).map_err(|msg| RtError::expr(msg, span))
            }
            None => Err(RtError::expr(format!("{} is not implemented", p.builtins.get(id).map_or("function", |b| b.name.as_str())), span)),
        }
    }

    /// Calls a function value with evaluated arguments.
    pub fn call(&mut self, p: &Compiler, f: &Value, args: Vec<Value>, span: Span) -> Res<Value> {
        let Value::Func(fv) = f else {
            return Err(RtError::expr("not a function", span));
        };
        if fv.builtin {
            return self.call_builtin(p, fv.id, &args, span);
        }
        let mut frame = self.spare_frames.pop().unwrap_or_default();
        frame.extend(args.into_iter().map(Some));
        self.call_script(p, fv.id, frame, span)
    }

    /// An empty frame for a call, reused from an earlier one when there is one.
    #[inline]
    pub(super) fn spare_frame(&mut self) -> Vec<Option<Value>> {
        self.spare_frames.pop().unwrap_or_default()
    }

    /// The closures that run body `index` of function `id`, compiled the
    /// first time it runs (and again if the function got a new body).
    #[inline]
    fn body_code(&mut self, p: &Compiler, id: usize, index: usize, body: &Rc<Body>) -> Rc<CompiledBody> {
        if let Some(Some(c)) = self.code.get(id).and_then(|bodies| bodies.get(index)) {
            if Rc::ptr_eq(&c.body, body) {
                return c.clone();
            }
        }
        self.compile_body(p, id, index, body)
    }

    #[cold]
    fn compile_body(&mut self, p: &Compiler, id: usize, index: usize, body: &Rc<Body>) -> Rc<CompiledBody> {
        let c = Rc::new(CompiledBody::new(self, p, body));
        if self.code.len() <= id {
            self.code.resize_with(id + 1, Vec::new);
        }
        let bodies = &mut self.code[id];
        if bodies.len() <= index {
            bodies.resize(index + 1, None);
        }
        bodies[index] = Some(c.clone());
        c
    }

    /// Hands a frame back for later calls to reuse.
    #[inline]
    pub(super) fn recycle(&mut self, mut frame: Vec<Option<Value>>) {
        while let Some(slot) = frame.pop() {
            if let Some(v) = slot {
                v.discard();
            }
        }
        self.spare_frames.push(frame);
    }

    /// Runs script function `id` on a frame whose slots hold the arguments.
    pub(super) fn call_script(&mut self, p: &Compiler, id: usize, mut frame: Vec<Option<Value>>, span: Span) -> Res<Value> {
        let info = &p.funcs[id];
        let Some(body) = info.bodies.first() else {
            self.recycle(frame);
            return Err(RtError::expr(format!("{} has no body", info.name), span));
        };
        if let Some(v) = self.triggers.current.and_then(|t| self.triggers.results.get(&(t, span))) {
            // A `return when` result that came in for this call.
            let v = v.clone();
            self.recycle(frame);
            return Ok(v);
        }
        if self.depth >= MAX_DEPTH {
            self.recycle(frame);
            return Err(RtError::expr("call depth exceeded", span));
        }
        for (slot, param) in frame.iter_mut().zip(&info.ty.params) {
            if slot.as_ref().is_some_and(|a| !already_of(a, &param.ty)) {
                if let Some(a) = slot.take() {
                    *slot = Some(convert_value(a, &param.ty));
                }
            }
        }
        if frame.len() < body.frame_size {
            frame.resize_with(body.frame_size, || None);
        }
        let code = self.body_code(p, id, 0, body);
        self.depth += 1;
        self.triggers.call_sites.push(span);
        // Whether this call's own `return when` delayed it: a caller that
        // was delayed already (and is now running the new trigger's
        // condition, which called this function) keeps its own flag.
        let caller_delayed = std::mem::take(&mut self.triggers.delayed_call);
        let r = code.run(self, p, &mut frame);
        let delayed = std::mem::replace(&mut self.triggers.delayed_call, caller_delayed);
        self.triggers.call_sites.pop();
        self.depth -= 1;
        self.recycle(frame);
        if delayed {
            return Err(Box::new(RtError { unwind: Unwind::Delay, kind: "", msg: String::new(), span: Some(span) }));
        }
        let flow = match r {
            // An expression error ends the function, not its caller: Bro
            // reports it and the call yields no value, so the statement
            // that made the call does nothing more.
            Err(e) if e.unwind == Unwind::Handler => {
                self.report(&e);
                return Err(Box::new(RtError { unwind: Unwind::Stmt, kind: "", msg: String::new(), span: Some(span) }));
            }
            r => r?,
        };
        match flow {
            Flow::Return(Some(v)) => Ok(v),
            _ if !matches!(info.ty.yield_type, Type::Void) && info.ty.flavor == Flavor::Function => Err(Box::new(RtError {
                unwind: Unwind::Stmt,
                kind: "warning",
                msg: format!("non-void function returns without a value: {}", info.name),
                span: None,
            })),
            _ => Ok(Value::Bool(true)),
        }
    }

    /// Runs a hook's bodies; `false` when one of them broke out.
    fn run_hook(&mut self, p: &Compiler, f: &Value, args: Vec<Value>) -> Res<Value> {
        let Value::Func(fv) = f else { return Ok(Value::Bool(true)) };
        let bodies = p.funcs[fv.id].bodies.clone();
        for body in bodies {
            let mut frame = vec![None; body.frame_size.max(args.len())];
            for (i, a) in args.iter().enumerate() {
                frame[i] = Some(a.clone());
            }
            if let Flow::Break = self.exec_block(p, &mut frame, &body.stmts)? {
                return Ok(Value::Bool(false));
            }
        }
        Ok(Value::Bool(true))
    }

    pub(super) fn index(&mut self, p: &Compiler, b: Value, keys: &[Value], e: &Expr) -> Res<Value> {
        match &b {
            Value::Table(t) => {
                let mut key = index_key(&keys);
                if subnet_indexed(&t.borrow()) && !t.borrow().contains(&key) {
                    if let Some(k) = keys.first().and_then(|x| best_subnet(&t.borrow(), x)) {
                        key = k;
                    }
                }
                t.borrow_mut().touch(&key);
                let (found, default) = {
                    let tb = t.borrow();
                    (tb.get(&key).map(|e| e.value.clone()), tb.default.clone())
                };
                match found {
                    Some(Some(v)) => Ok(v),
                    Some(None) => Ok(Value::Bool(true)),
                    None => match default {
                        Some(Value::Func(f)) if !matches!(e.ty, Type::Func(_)) => self.call(p, &Value::Func(f), keys.to_vec(), e.span),
                        Some(d) => Ok(deep_copy(&d)),
                        None => Err(RtError::stmt(format!("no such index ({})", self.describe(e.span)), e.span)),
                    },
                }
            }
            Value::Vector(v) => {
                if let Some(Value::Vector(sel)) = keys.first() {
                    // Selection by a vector of indices or of booleans.
                    let vb = v.borrow();
                    let sb = sel.borrow();
                    let mut items = Vec::new();
                    for (i, s) in sb.items.iter().enumerate() {
                        match s {
                            Some(Value::Bool(true)) => items.push(vb.items.get(i).cloned().flatten()),
                            Some(Value::Count(n)) => items.push(vb.items.get(*n as usize).cloned().flatten()),
                            _ => {}
                        }
                    }
                    return Ok(Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: vb.yield_type.clone(), items }))));
                }
                let i = keys.first().map(as_i64).unwrap_or(-1);
                let vb = v.borrow();
                match usize::try_from(i).ok().and_then(|i| vb.items.get(i)).cloned().flatten() {
                    Some(x) => Ok(x),
                    None => Err(RtError::stmt(format!("no such index ({})", self.describe(e.span)), e.span)),
                }
            }
            Value::Str(s) => {
                let i = keys.first().map(as_i64).unwrap_or(0);
                Ok(match usize::try_from(i).ok().and_then(|i| s.get(i)) {
                    Some(b) => Value::str(vec![*b]),
                    None => Value::str(Vec::new()),
                })
            }
            _ => Err(RtError::expr(format!("not indexable [{}]", self.describe(e.span)), e.span)),
        }
    }

    /// Stores into an assignable expression.
    pub fn assign(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, target: &Expr, v: Value) -> Res<()> {
        match &target.kind {
            ExprKind::Local(slot) => {
                if frame.len() <= *slot {
                    frame.resize(*slot + 1, None);
                }
                frame[*slot] = Some(v);
            }
            ExprKind::Global(g) => {
                self.ensure_globals(p);
                self.globals[*g] = Some(v);
            }
            ExprKind::Index(base, idx) => {
                let b = self.eval(p, frame, base)?;
                let keys = self.eval_list(p, frame, idx)?;
                self.assign_index(b, keys, v, target)?;
            }
            ExprKind::Field(base, i, _) => {
                let b = self.eval(p, frame, base)?;
                if let Value::Record(r) = b {
                    let fty = r.borrow().ty.fields.borrow().get(*i).map(|f| f.ty.clone()).unwrap_or(Type::Any);
                    let mut rb = r.borrow_mut();
                    if rb.fields.len() <= *i {
                        // The type gained fields (`redef record`) after
                        // this record was made.
                        rb.fields.resize(*i + 1, None);
                    }
                    rb.fields[*i] = Some(coerce_value(v, &fty));
                }
            }
            ExprKind::Coerce(inner) | ExprKind::Cast(inner) => return self.assign(p, frame, inner, v),
            _ => return Err(RtError::expr("bad assignment target", target.span)),
        }
        Ok(())
    }

    /// `b[keys] = v` on a table or vector already evaluated; `target` is
    /// the indexing expression, for errors.
    pub(super) fn assign_index(&mut self, b: Value, keys: Vec<Value>, v: Value, target: &Expr) -> Res<()> {
        match b {
            Value::Table(t) => {
                let tt = t.borrow().ty.clone();
                let keys: Vec<Value> = keys.into_iter().zip(tt.index.iter()).map(|(k, t)| coerce_value(k, t)).collect();
                let v = match &tt.yield_type {
                    Some(y) => coerce_value(v, y),
                    None => v,
                };
                t.borrow_mut().insert(keys, Some(v));
            }
            Value::Vector(vec) => {
                let i = keys.first().map(as_i64).unwrap_or(-1);
                let Ok(i) = usize::try_from(i) else {
                    return Err(RtError::stmt(format!("index out of range ({})", self.describe(target.span)), target.span));
                };
                let mut vb = vec.borrow_mut();
                let v = coerce_value(v, &vb.yield_type.clone());
                if vb.items.len() <= i {
                    vb.items.resize(i + 1, None);
                }
                vb.items[i] = Some(v);
            }
            _ => return Err(RtError::expr("bad assignment target", target.span)),
        }
        Ok(())
    }

    pub(super) fn add_to(&mut self, p: &Compiler, frame: &mut Vec<Option<Value>>, target: &Expr, v: Value, e: &Expr) -> Res<()> {
        // The common `counter += n` on a variable updates it in place.
        let place = match target.kind {
            ExprKind::Local(slot) => frame.get_mut(slot),
            ExprKind::Global(g) => self.globals.get_mut(g),
            _ => None,
        };
        {
            match (place, &v) {
                (Some(Some(Value::Count(a))), Value::Count(b)) => {
                    *a = a.wrapping_add(*b);
                    return Ok(());
                }
                (Some(Some(Value::Int(a))), Value::Int(b)) => {
                    *a = a.wrapping_add(*b);
                    return Ok(());
                }
                _ => {}
            }
        }
        let cur = self.eval(p, frame, target)?;
        match (&cur, v) {
            (Value::Vector(vec), v) if !matches!(v, Value::Vector(_)) || matches!(vec.borrow().yield_type, Type::Vector(_) | Type::Any) => {
                let y = vec.borrow().yield_type.clone();
                vec.borrow_mut().items.push(Some(coerce_value(v, &y)));
            }
            (Value::Table(t), Value::Table(o)) => {
                let entries: Vec<_> = o.borrow().ordered().into_iter().map(|e| (e.index.clone(), e.value.clone())).collect();
                let mut t = t.borrow_mut();
                for (k, v) in entries {
                    t.insert(k, v);
                }
            }
            (Value::Table(t), Value::List(items)) => {
                let keys: Vec<Value> = (*items).clone();
                t.borrow_mut().insert(keys, None);
            }
            (_, v) => {
                let nv = self.arith(Arith::Add, cur, v, e)?;
                self.assign(p, frame, target, nv)?;
            }
        }
        Ok(())
    }

    pub(super) fn arith(&mut self, op: Arith, x: Value, y: Value, e: &Expr) -> Res<Value> {
        use Value::*;
        let zero = |what: &str| RtError::expr(format!("{what} by zero [{}]", self.describe(e.span)), e.span);
        Ok(match (op, x, y) {
            (Arith::Add, Count(a), Count(b)) => Count(a.wrapping_add(b)),
            (Arith::Sub, Count(a), Count(b)) => Count(a.wrapping_sub(b)),
            (Arith::Mul, Count(a), Count(b)) => Count(a.wrapping_mul(b)),
            (Arith::Div, Count(_), Count(0)) => return Err(zero("division")),
            (Arith::Mod, Count(_), Count(0)) => return Err(zero("modulo")),
            (Arith::Div, Count(a), Count(b)) => Count(a / b),
            (Arith::Mod, Count(a), Count(b)) => Count(a % b),
            (Arith::Add, Int(a), Int(b)) => Int(a.wrapping_add(b)),
            (Arith::Sub, Int(a), Int(b)) => Int(a.wrapping_sub(b)),
            (Arith::Mul, Int(a), Int(b)) => Int(a.wrapping_mul(b)),
            (Arith::Div, Int(_), Int(0)) => return Err(zero("division")),
            (Arith::Mod, Int(_), Int(0)) => return Err(zero("modulo")),
            (Arith::Div, Int(a), Int(b)) => Int(a.wrapping_div(b)),
            (Arith::Mod, Int(a), Int(b)) => Int(a.wrapping_rem(b)),
            (Arith::Div, Double(_), Double(b)) if b == 0.0 => return Err(zero("division")),
            (Arith::Add, Double(a), Double(b)) => Double(a + b),
            (Arith::Sub, Double(a), Double(b)) => Double(a - b),
            (Arith::Mul, Double(a), Double(b)) => Double(a * b),
            (Arith::Div, Double(a), Double(b)) => Double(a / b),
            (Arith::Add, Str(a), Str(b)) => {
                // A string nothing else holds (an intermediate result) is
                // extended in place.
                let mut a = a;
                match Rc::get_mut(&mut a) {
                    Some(s) => {
                        s.extend_from_slice(&b);
                        Str(a)
                    }
                    None => {
                        let mut s = Vec::with_capacity(a.len() + b.len());
                        s.extend_from_slice(&a);
                        s.extend_from_slice(&b);
                        Value::str(s)
                    }
                }
            }
            (Arith::Sub, Time(a), Time(b)) => Interval(a - b),
            (Arith::Add, Time(a), Interval(b)) | (Arith::Add, Interval(b), Time(a)) => Time(a + b),
            (Arith::Sub, Time(a), Interval(b)) => Time(a - b),
            (Arith::Add, Interval(a), Interval(b)) => Interval(a + b),
            (Arith::Sub, Interval(a), Interval(b)) => Interval(a - b),
            (Arith::Div, Interval(_), Interval(b)) if b == 0.0 => return Err(zero("division")),
            (Arith::Div, Interval(a), Interval(b)) => Double(a / b),
            (Arith::Mul, Interval(a), n) | (Arith::Mul, n, Interval(a)) => Interval(a * as_f64(&n)),
            (Arith::Div, Interval(_), n) if as_f64(&n) == 0.0 => return Err(zero("division")),
            (Arith::Div, Interval(a), n) => Interval(a / as_f64(&n)),
            (op, Vector(a), Vector(b)) => {
                // Element by element, as Bro's vector arithmetic does.
                let (ab, bb) = (a.borrow(), b.borrow());
                let mut items = Vec::with_capacity(ab.items.len());
                for (x, y) in ab.items.iter().zip(bb.items.iter()) {
                    items.push(match (x, y) {
                        (Some(x), Some(y)) => Some(self.arith(op, x.clone(), y.clone(), e)?),
                        _ => None,
                    });
                }
                let yield_type = match &e.ty {
                    crate::check::types::Type::Vector(y) => (**y).clone(),
                    _ => ab.yield_type.clone(),
                };
                let items = items.into_iter().map(|i| i.map(|v| coerce_value(v, &yield_type))).collect();
                Vector(Rc::new(RefCell::new(VectorVal { yield_type, items })))
            }
            (Arith::Sub, Table(a), Table(b)) => {
                let ab = a.borrow();
                let bb = b.borrow();
                Table(Rc::new(RefCell::new(ab.filtered(|k| !bb.contains(k)))))
            }
            (op, a, b) if is_num(&a) && is_num(&b) => {
                let (a, b) = (as_f64(&a), as_f64(&b));
                match op {
                    Arith::Add => Double(a + b),
                    Arith::Sub => Double(a - b),
                    Arith::Mul => Double(a * b),
                    Arith::Div if b == 0.0 => return Err(zero("division")),
                    Arith::Div => Double(a / b),
                    Arith::Mod => Double(a % b),
                }
            }
            (_, a, _) => a,
        })
    }

    /// Sets the network time (also the stamp of new table entries).
    pub fn set_network_time(&mut self, now: f64) {
        self.network_time = now;
        set_clock(now);
    }

    /// Expires table entries whose time has come: each goes, unless its
    /// table's `&expire_func` returns a positive interval to keep it.
    pub fn expire_tables(&mut self, p: &Compiler) {
        let tables: Vec<_> = self.expiring.iter().filter_map(|w| w.upgrade()).collect();
        self.expiring.retain(|w| w.strong_count() > 0);
        let now = self.network_time;
        for t in tables {
            let Some(spec) = t.borrow().expire.clone() else { continue };
            let mut frame = Vec::new();
            let secs = match self.eval(p, &mut frame, &spec.interval) {
                Ok(v) => as_f64(&v),
                Err(e) => {
                    self.report(&e);
                    continue;
                }
            };
            if secs <= 0.0 {
                continue;
            }
            let due: Vec<(Key, Vec<Value>)> = t
                .borrow()
                .ordered()
                .into_iter()
                .filter(|e| e.time + secs <= now)
                .map(|e| (index_key(&e.index), e.index.clone()))
                .collect();
            for (key, index) in due {
                let keep = match &spec.func {
                    Some(f) => {
                        let mut frame = Vec::new();
                        let func = match self.eval(p, &mut frame, f) {
                            Ok(v) => v,
                            Err(e) => {
                                self.report(&e);
                                continue;
                            }
                        };
                        let mut args = vec![Value::Table(t.clone())];
                        args.extend(index);
                        match self.call(p, &func, args, f.span) {
                            Ok(v) => as_f64(&v),
                            Err(e) => {
                                self.report(&e);
                                0.0
                            }
                        }
                    }
                    None => 0.0,
                };
                if keep > 0.0 {
                    t.borrow_mut().set_time(&key, now - secs + keep);
                } else {
                    t.borrow_mut().remove(&key);
                }
            }
        }
    }

    /// Runs pending `when` statements whose condition now holds, and the
    /// timeout blocks of those whose time has come.
    pub fn check_whens(&mut self, p: &Compiler) -> Res<()> {
        if self.whens.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.whens);
        let mut keep = Vec::new();
        for w in pending {
            // A trigger waiting for a `return when` result is not looked
            // at again until the result is there (or its own time is up).
            let waiting = self.triggers.delayed.contains(&w.id);
            if !waiting {
                match self.try_trigger(p, w) {
                    Some(w) => keep.push(w),
                    None => continue,
                }
            } else {
                keep.push(w);
            }
            let w = keep.pop().expect("just pushed");
            match &w.timeout {
                Some((deadline, _)) if self.network_time >= *deadline || self.terminating => self.trigger_timeout(p, w),
                _ => keep.push(w),
            }
        }
        keep.append(&mut self.whens);
        self.whens = keep;
        Ok(())
    }

    /// Evaluates a trigger's condition; when it holds, runs the body (and
    /// hands a `return when` result to the waiting caller) and gives
    /// `None`, else gives the trigger back to wait.
    fn try_trigger(&mut self, p: &Compiler, mut w: PendingWhen) -> Option<PendingWhen> {
        let outer = self.triggers.current.replace(w.id);
        let outer_timeout = std::mem::replace(&mut self.triggers.current_has_timeout, w.timeout.is_some());
        let sites = std::mem::take(&mut self.triggers.call_sites);
        // The condition sees a copy of the locals: what it assigns stays
        // for the body, but a condition that is false changes nothing.
        let mut frame = w.frame.clone();
        let result = self.eval(p, &mut frame, &w.cond);
        self.triggers.current = outer;
        self.triggers.current_has_timeout = outer_timeout;
        self.triggers.call_sites = sites;
        // A condition that assigns (`local x = f()`) is ready once it
        // yields a value; a lookup still pending is an error.
        let ready = match result {
            Ok(Value::Bool(b)) => b,
            Ok(_) => true,
            Err(_) => false,
        };
        if !ready {
            return Some(w);
        }
        w.frame = frame;
        let body = w.body.clone();
        let flow = self.exec(p, &mut w.frame, &body);
        self.finish_trigger(&w, flow);
        None
    }

    /// Runs a trigger's timeout statements.
    fn trigger_timeout(&mut self, p: &Compiler, mut w: PendingWhen) {
        let stmts = w.timeout.as_ref().map(|(_, s)| s.clone()).unwrap_or_default();
        let flow = self.exec_block(p, &mut w.frame, &stmts);
        self.finish_trigger(&w, flow);
    }

    /// Reports what a trigger's body or timeout raised and, for `return
    /// when`, gives the caller's trigger the returned value.
    fn finish_trigger(&mut self, w: &PendingWhen, flow: Res<Flow>) {
        let value = match flow {
            Ok(Flow::Return(v)) => v,
            Ok(_) => None,
            Err(e) => {
                self.report(&e);
                None
            }
        };
        self.triggers.results.retain(|(t, _), _| *t != w.id);
        self.triggers.delayed.remove(&w.id);
        if let (Some((parent, site)), Some(v)) = (w.parent, value) {
            self.triggers.results.insert((parent, site), v);
            self.triggers.delayed.remove(&parent);
        }
    }
}

fn is_num(v: &Value) -> bool {
    matches!(v, Value::Count(_) | Value::Int(_) | Value::Double(_))
}

/// A number (or time or interval) as a `double`; 0 for anything else.
pub fn as_f64(v: &Value) -> f64 {
    match v {
        Value::Count(c) => *c as f64,
        Value::Int(i) => *i as f64,
        Value::Double(d) | Value::Time(d) | Value::Interval(d) => *d,
        _ => 0.0,
    }
}

/// A `count`, `int` or `double` as an `int`, truncating; 0 for anything else.
pub fn as_i64(v: &Value) -> i64 {
    match v {
        Value::Count(c) => *c as i64,
        Value::Int(i) => *i,
        Value::Double(d) => *d as i64,
        _ => 0,
    }
}

/// The indices an initialiser's element stands for: a set where the
/// table's index type is not a set stands for each of its members, so
/// `{ www.bro.org, 1.2.3.4 }` adds every address the name has.
fn expand_set_members(index: Vec<Value>, types: &[Type]) -> Vec<Vec<Value>> {
    let mut out = vec![Vec::with_capacity(index.len())];
    for (v, t) in index.into_iter().zip(types) {
        let choices = match (&v, t) {
            (Value::Table(set), t) if !matches!(t, Type::Table(_) | Type::Any) => {
                set.borrow().ordered().iter().filter_map(|e| e.index.first().cloned()).collect()
            }
            _ => vec![v],
        };
        out = out
            .into_iter()
            .flat_map(|prefix| {
                choices.iter().map(move |c| {
                    let mut next = prefix.clone();
                    next.push(c.clone());
                    next
                })
            })
            .collect();
    }
    out
}

fn literal(l: &Literal) -> Value {
    match l {
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Count(c) => Value::Count(*c),
        Literal::Double(d) => Value::Double(*d),
        Literal::String(s) => Value::str(s.clone()),
        Literal::Port(n, p) => Value::Port(*n, *p),
        Literal::Addr(a) => Value::Addr(Rc::new(normalize_addr(*a))),
        Literal::Subnet(a, w) => Value::Subnet(Rc::new((mask(*a, *w), *w))),
        Literal::Interval(s) => Value::Interval(*s),
        Literal::Hostname(name) => {
            let mut set = TableVal::new(Rc::new(TableType { index: vec![Type::Addr], yield_type: None }));
            for a in super::dns::host_addrs(name) {
                set.insert(vec![Value::Addr(Rc::new(a))], None);
            }
            Value::Table(Rc::new(RefCell::new(set)))
        }
    }
}

/// Bro keeps IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) as IPv4.
pub fn normalize_addr(a: std::net::IpAddr) -> std::net::IpAddr {
    match a {
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => std::net::IpAddr::V4(v4),
            None => a,
        },
        v4 => v4,
    }
}

/// An address with only its first `width` bits kept.
pub fn mask(a: std::net::IpAddr, width: u8) -> std::net::IpAddr {
    match a {
        std::net::IpAddr::V4(v4) => {
            let bits = u32::from(v4);
            let m = if width == 0 { 0 } else { u32::MAX << (32 - width.min(32) as u32) };
            std::net::IpAddr::V4((bits & m).into())
        }
        std::net::IpAddr::V6(v6) => {
            let bits = u128::from(v6);
            let m = if width == 0 { 0 } else { u128::MAX << (128 - width.min(128) as u32) };
            std::net::IpAddr::V6((bits & m).into())
        }
    }
}

/// Whether a value fits a static type (for `is`, `as` and type switches).
pub fn matches_type(v: &Value, t: &Type) -> bool {
    match t {
        Type::Any => true,
        Type::Vector(y) if matches!(**y, Type::Any) => matches!(v, Value::Vector(_)),
        _ => type_of(v).same(t) || matches!((v, t), (Value::Table(_), Type::Table(_)) if type_of(v).same(t)),
    }
}

/// Arithmetic on two numbers of the same type that cannot fail, done
/// without the general dispatch; `None` leaves the case to `arith`.
#[inline(always)]
pub(super) fn scalar_arith(op: Arith, x: &Value, y: &Value) -> Option<Value> {
    Some(match (x, y) {
        (Value::Count(a), Value::Count(b)) => Value::Count(match op {
            Arith::Add => a.wrapping_add(*b),
            Arith::Sub => a.wrapping_sub(*b),
            Arith::Mul => a.wrapping_mul(*b),
            Arith::Div if *b != 0 => a / b,
            Arith::Mod if *b != 0 => a % b,
            _ => return None,
        }),
        (Value::Int(a), Value::Int(b)) => Value::Int(match op {
            Arith::Add => a.wrapping_add(*b),
            Arith::Sub => a.wrapping_sub(*b),
            Arith::Mul => a.wrapping_mul(*b),
            Arith::Div if *b != 0 => a.wrapping_div(*b),
            Arith::Mod if *b != 0 => a.wrapping_rem(*b),
            _ => return None,
        }),
        (Value::Double(a), Value::Double(b)) => Value::Double(match op {
            Arith::Add => a + b,
            Arith::Sub => a - b,
            Arith::Mul => a * b,
            Arith::Div if *b != 0.0 => a / b,
            _ => return None,
        }),
        _ => return None,
    })
}

/// `&&` or `||` of vectors of bool, element by element (`x` itself when
/// `y` is not a vector).
pub(super) fn bool_vectors(is_and: bool, x: Value, y: &Value) -> Value {
    let (Value::Vector(xv), Value::Vector(yv)) = (&x, y) else { return x };
    let items = xv
        .borrow()
        .items
        .iter()
        .zip(yv.borrow().items.iter())
        .map(|(l, r)| {
            let (l, r) = (l.as_ref().is_some_and(Value::as_bool), r.as_ref().is_some_and(Value::as_bool));
            Some(Value::Bool(if is_and { l && r } else { l || r }))
        })
        .collect();
    Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: Type::Bool, items })))
}

/// A comparison, numbers of one kind compared at once.
#[inline]
pub(super) fn compare_fast(op: Cmp, x: &Value, y: &Value) -> Value {
    match (x, y) {
        (Value::Count(l), Value::Count(r)) => Value::Bool(cmp_ord(op, l.cmp(r))),
        (Value::Int(l), Value::Int(r)) => Value::Bool(cmp_ord(op, l.cmp(r))),
        _ => compare_values(op, x, y),
    }
}

/// A comparison of any two values; vectors compare element by element.
fn compare_values(op: Cmp, x: &Value, y: &Value) -> Value {
    if let (Value::Vector(xv), Value::Vector(yv)) = (x, y) {
        let items = xv
            .borrow()
            .items
            .iter()
            .zip(yv.borrow().items.iter())
            .map(|(l, r)| match (l, r) {
                (Some(l), Some(r)) => Some(Value::Bool(compare(op, l, r))),
                _ => None,
            })
            .collect();
        return Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: Type::Bool, items })));
    }
    Value::Bool(compare(op, x, y))
}

/// Whether an ordering satisfies a comparison operator.
#[inline(always)]
fn cmp_ord(op: Cmp, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        Cmp::Eq => o == Equal,
        Cmp::Ne => o != Equal,
        Cmp::Lt => o == Less,
        Cmp::Le => o != Greater,
        Cmp::Gt => o == Greater,
        Cmp::Ge => o != Less,
    }
}

/// Converts a value to a target static type where Bro converts
/// implicitly: numbers, records between compatible record types.
#[inline]
pub fn coerce_value(v: Value, t: &Type) -> Value {
    if already_of(&v, t) {
        v
    } else {
        convert_value(v, t)
    }
}

/// A quick check that a value needs no conversion to type `t` (false
/// means it may).
#[inline(always)]
fn already_of(v: &Value, t: &Type) -> bool {
    matches!(
        (v, t),
        (Value::Count(_), Type::Count)
            | (Value::Int(_), Type::Int)
            | (Value::Double(_), Type::Double)
            | (Value::Bool(_), Type::Bool)
            | (Value::Str(_), Type::String)
            | (_, Type::Any)
    )
}

/// [`coerce_value`] for the cases that may change the value.
fn convert_value(v: Value, t: &Type) -> Value {
    match (v, t) {
        (Value::Count(c), Type::Int) => Value::Int(c as i64),
        (Value::Count(c), Type::Double) => Value::Double(c as f64),
        (Value::Int(i), Type::Double) => Value::Double(i as f64),
        (Value::Int(i), Type::Count) => Value::Count(i as u64),
        (Value::Double(d), Type::Int) => Value::Int(d as i64),
        (Value::Double(d), Type::Count) => Value::Count(d as i64 as u64),
        // A record whose type is the same as the target (field for field)
        // stays the same record, shared, as Bro passes it.
        (Value::Record(r), Type::Record(rt)) if !Rc::ptr_eq(&r.borrow().ty, rt) && !Type::Record(r.borrow().ty.clone()).same(t) => {
            coerce_record(&r.borrow(), rt)
        }
        // A `vector of any` is the same vector, not a copy: a function
        // taking one changes the caller's vector, as in Bro.
        (Value::Vector(v), Type::Vector(y)) if !v.borrow().yield_type.same(y) && !matches!(**y, Type::Any) => {
            let vb = v.borrow();
            Value::Vector(Rc::new(RefCell::new(VectorVal {
                yield_type: (**y).clone(),
                items: vb.items.iter().map(|i| i.clone().map(|x| coerce_value(x, y))).collect(),
            })))
        }
        (Value::Table(tv), Type::Table(tt)) if tv.borrow().ty.index.is_empty() && !tt.index.is_empty() => {
            let mut b = tv.borrow_mut();
            b.ty = tt.clone();
            drop(b);
            Value::Table(tv)
        }
        (v, _) => v,
    }
}

fn coerce_record(r: &RecordVal, to: &Rc<RecordType>) -> Value {
    let from = r.ty.fields.borrow();
    let fields = to
        .fields
        .borrow()
        .iter()
        .map(|f| {
            from.iter()
                .position(|x| x.name == f.name)
                .and_then(|i| r.fields.get(i).cloned().flatten())
                .map(|v| coerce_value(v, &f.ty))
        })
        .collect();
    Value::Record(Rc::new(RefCell::new(RecordVal { ty: to.clone(), fields })))
}

/// Bro's `==` on two values.
pub fn values_equal(a: &Value, b: &Value) -> bool {
    compare(Cmp::Eq, a, b)
}

fn compare(op: Cmp, x: &Value, y: &Value) -> bool {
    use std::cmp::Ordering;
    use Value::*;
    let ord: Option<Ordering> = match (x, y) {
        (Count(a), Count(b)) => Some(a.cmp(b)),
        (Int(a), Int(b)) => Some(a.cmp(b)),
        (a, b) if is_num(a) && is_num(b) => as_f64(a).partial_cmp(&as_f64(b)),
        (Time(a), Time(b)) | (Interval(a), Interval(b)) => a.partial_cmp(b),
        (Str(a), Str(b)) => Some(a.as_slice().cmp(b.as_slice())),
        (Bool(a), Bool(b)) => Some(a.cmp(b)),
        (Port(a, pa), Port(b, pb)) => Some((*pa as u8, *a).cmp(&(*pb as u8, *b))),
        (Addr(a), Addr(b)) => Some(a.cmp(b)),
        (Subnet(a), Subnet(b)) => Some(a.cmp(b)),
        (Enum(_, a), Enum(_, b)) => Some(a.cmp(b)),
        (Pattern(p), Str(s)) | (Str(s), Pattern(p)) => {
            let m = p.exact.is_match(s);
            return match op {
                Cmp::Eq => m,
                Cmp::Ne => !m,
                _ => false,
            };
        }
        (Table(a), Table(b)) => {
            // Sets compare by inclusion.
            let (a, b) = (a.borrow(), b.borrow());
            let a_in_b = a.keys().all(|k| b.contains(k));
            let b_in_a = b.keys().all(|k| a.contains(k));
            return match op {
                Cmp::Eq => a_in_b && b_in_a,
                Cmp::Ne => !(a_in_b && b_in_a),
                Cmp::Le => a_in_b,
                Cmp::Lt => a_in_b && !b_in_a,
                Cmp::Ge => b_in_a,
                Cmp::Gt => b_in_a && !a_in_b,
            };
        }
        (Func(a), Func(b)) => return (op == Cmp::Eq) == Rc::ptr_eq(a, b) || (op == Cmp::Eq) == (a.id == b.id && a.builtin == b.builtin),
        _ => None,
    };
    match ord {
        Some(o) => match op {
            Cmp::Eq => o == Ordering::Equal,
            Cmp::Ne => o != Ordering::Equal,
            Cmp::Lt => o == Ordering::Less,
            Cmp::Le => o != Ordering::Greater,
            Cmp::Gt => o == Ordering::Greater,
            Cmp::Ge => o != Ordering::Less,
        },
        None => op == Cmp::Ne,
    }
}

fn bits(op: Bits, x: &Value, y: &Value) -> Result<Value, String> {
    use Value::*;
    Ok(match (op, x, y) {
        (Bits::And, Count(a), Count(b)) => Count(a & b),
        (Bits::Or, Count(a), Count(b)) => Count(a | b),
        (Bits::Xor, Count(a), Count(b)) => Count(a ^ b),
        (Bits::Or, Pattern(a), Pattern(b)) => Pattern(pattern::union(a, b)?),
        (Bits::And, Pattern(a), Pattern(b)) => Pattern(pattern::concat(a, b)?),
        (Bits::Or, Table(a), Table(b)) => {
            let mut union = a.borrow().filtered(|_| true);
            for e in b.borrow().ordered() {
                if !union.contains(&index_key(&e.index)) {
                    union.insert(e.index.clone(), e.value.clone());
                }
            }
            Table(Rc::new(RefCell::new(union)))
        }
        (Bits::And, Table(a), Table(b)) => {
            let bb = b.borrow();
            Table(Rc::new(RefCell::new(a.borrow().filtered(|k| bb.contains(k)))))
        }
        _ => return Err("bad operands".into()),
    })
}

pub(super) fn contains(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Pattern(p), Value::Str(s)) => p.anywhere.is_match(s),
        (Value::Str(a), Value::Str(b)) => a.is_empty() || b.windows(a.len()).any(|w| w == a.as_slice()),
        (Value::Addr(a), Value::Subnet(s)) => {
            a.is_ipv4() == s.0.is_ipv4() && mask(**a, s.1) == s.0
        }
        (Value::Subnet(a), Value::Subnet(s)) => a.1 >= s.1 && mask(a.0, s.1) == s.0,
        (Value::Addr(_) | Value::Subnet(_), Value::Table(t)) if subnet_indexed(&t.borrow()) => {
            // Tables indexed by subnet match an address or subnet that falls
            // inside any of their subnets.
            t.borrow().contains(&x.key()) || best_subnet(&t.borrow(), x).is_some()
        }
        (_, Value::Table(t)) => {
            let key = match x {
                Value::List(items) => index_key(items),
                v => v.key(),
            };
            t.borrow().contains(&key)
        }
        (Value::Count(i), Value::Vector(v)) => v.borrow().items.get(*i as usize).is_some_and(|x| x.is_some()),
        (Value::Int(i), Value::Vector(v)) => usize::try_from(*i).ok().and_then(|i| v.borrow().items.get(i).cloned()).flatten().is_some(),
        _ => false,
    }
}

fn subnet_indexed(t: &TableVal) -> bool {
    matches!(t.ty.index.as_slice(), [Type::Subnet])
}

/// The most specific subnet of a subnet-indexed table that holds `x`.
fn best_subnet(t: &TableVal, x: &Value) -> Option<Key> {
    t.ordered()
        .into_iter()
        .filter_map(|e| match e.index.first() {
            Some(Value::Subnet(s)) if contains(x, &Value::Subnet(s.clone())) => Some((s.1, index_key(&e.index))),
            _ => None,
        })
        .max_by_key(|(width, _)| *width)
        .map(|(_, k)| k)
}

/// The protocol's number in Bro's port representation.
fn proto_bits(p: Proto) -> u64 {
    match p {
        Proto::Unknown => 0,
        Proto::Tcp => 1,
        Proto::Udp => 2,
        Proto::Icmp => 3,
    }
}

pub(super) fn size_of(v: &Value) -> Value {
    match v {
        Value::Str(s) => Value::Count(s.len() as u64),
        Value::Int(i) => Value::Count(i.unsigned_abs()),
        Value::Count(c) => Value::Count(*c),
        Value::Double(d) => Value::Double(d.abs()),
        Value::Interval(d) => Value::Interval(d.abs()),
        Value::Time(d) => Value::Double(d.abs()),
        Value::Table(t) => Value::Count(t.borrow().len() as u64),
        Value::Vector(vv) => Value::Count(vv.borrow().items.len() as u64),
        Value::Record(r) => Value::Count(r.borrow().fields.len() as u64),
        Value::List(l) => Value::Count(l.len() as u64),
        Value::Addr(a) => Value::Count(if a.is_ipv4() { 32 } else { 128 }),
        Value::Subnet(s) => Value::Double(2f64.powi((if s.0.is_ipv4() { 32 } else { 128 }) - s.1 as i32)),
        Value::Bool(b) => Value::Count(*b as u64),
        Value::Enum(_, i) => Value::Count(*i as u64),
        // Bro keeps the protocol in the bits above the port number.
        Value::Port(n, proto) => Value::Count(*n as u64 | (proto_bits(*proto) << 16)),
        Value::Func(f) => Value::Count(f.ty.params.len() as u64),
        Value::File(f) => Value::Double(f.borrow().size() as f64),
        _ => Value::Count(0),
    }
}

fn slice(b: Value, lo: Option<i64>, hi: Option<i64>) -> Value {
    let clamp = |i: i64, len: usize| -> usize {
        if i < 0 {
            (len as i64 + i).max(0) as usize
        } else {
            (i as usize).min(len)
        }
    };
    match b {
        Value::Str(s) => {
            let len = s.len();
            let (a, z) = (clamp(lo.unwrap_or(0), len), clamp(hi.unwrap_or(len as i64), len));
            Value::str(if a < z { s[a..z].to_vec() } else { Vec::new() })
        }
        Value::Vector(v) => {
            let vb = v.borrow();
            let len = vb.items.len();
            let (a, z) = (clamp(lo.unwrap_or(0), len), clamp(hi.unwrap_or(len as i64), len));
            let items = if a < z { vb.items[a..z].to_vec() } else { Vec::new() };
            Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: vb.yield_type.clone(), items })))
        }
        other => other,
    }
}

