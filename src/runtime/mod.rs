//! The event engine and the interpreter's face: loading scripts (with
//! the built-in base scripts), compiling declarations in the order Bro
//! reads them, running global initialisation and top-level code, then
//! the main loop — `bro_init`, queued events in FIFO order dispatched two
//! rounds per drain as Bro 2.6 does, timers, `when` conditions,
//! `terminate()`, and `bro_done`.

use crate::check::compile::Compiler;
use crate::check::scope::GLOBAL_MODULE;
use crate::check::types::Type;
use crate::diag::Diagnostic;
use crate::eval::exec::{HostFn, Machine, Native, RtError, Unwind};
use crate::eval::value::Value;
use crate::loader::{Loader, Sink};
use crate::source::{FileId, Span};
use crate::syntax::ast;
use crate::syntax::directives::Condition;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};

mod interactive;
pub use interactive::{Evaluation, Names, PendingEvent};

/// The base scripts every run loads first, as Bro's bare mode does.
const PRELOADED: &[&str] = &["base/init-bare", "base/init-frameworks-and-bifs"];

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The run ended normally.
    Finished,
    /// A script called `exit()` (or a fatal error stopped it), with this exit code.
    Exit(i32),
}

/// A Bro interpreter: load scripts, register host functions, run, raise events and read globals.
pub struct Interpreter {
    /// The checker, with everything declared so far.
    pub compiler: Compiler,
    /// The evaluator's state: globals, queues, timers and output.
    pub machine: Machine,
    /// Directories searched for scripts to load (BROPATH).
    pub search_path: Vec<PathBuf>,
    /// Diagnostics not yet taken with [`take_diags`](Self::take_diags).
    pub diags: Vec<Diagnostic>,
    loaded_embedded: bool,
    exit: Option<i32>,
    /// Files read so far (by canonical path), loaded at most once.
    seen: std::collections::HashSet<PathBuf>,
    /// Compiled top-level statements waiting for `run`.
    pending_top_level: Vec<(Vec<crate::check::ir::Stmt>, usize)>,
    /// Whether `bro_init` has been queued.
    started: bool,
    /// When expiring tables are checked next (network time).
    next_expire: f64,
    /// The queue the event round being dispatched was taken from, kept
    /// empty between rounds.
    spare_queue: std::collections::VecDeque<(usize, Vec<Value>)>,
    /// `exit_only_after_terminate`'s index, once it has been looked up.
    keep_alive_global: Option<usize>,
    /// Where wake-ups from other threads arrive.
    wake_rx: Receiver<External>,
    wake_tx: Sender<External>,
    /// Built-ins registered as soon as the types their signatures name
    /// are declared (by the base scripts).
    waiting_builtins: Vec<WaitingBuiltin>,
    /// The locals and frame shared by interactive input, once there is any.
    session: Option<interactive::Session>,
}

fn is_type_decl(decl: &ast::Decl) -> bool {
    match &decl.kind {
        ast::DeclKind::Type { .. } => true,
        ast::DeclKind::Export(inner) => inner.iter().any(is_type_decl),
        _ => false,
    }
}

/// Registers the waiting built-ins whose signatures can now be read.
fn register_ready(compiler: &mut Compiler, machine: &mut Machine, waiting: &mut Vec<WaitingBuiltin>) {
    waiting.retain(|(b, sig)| compiler.names_undeclared_type(sig) || match compiler.add_builtin_parsed(b.name, sig, b.variadic, Compiler::signature_deprecated(b.sig)) {
        Ok(_) => {
            machine.builtins.push(Native::Builtin(b.f));
            false
        }
        Err(_) => true,
    });
}

/// A built-in whose signature names a script type not yet declared, with
/// the signature already parsed.
type WaitingBuiltin = (&'static crate::builtins::Builtin, ast::Type);

/// What reaches the main loop from outside its thread.
enum External {
    /// A [`Waker`] asked the loop to return.
    Wake,
    /// The peering core reports something.
    Broker(crate::broker::Notification),
}

/// Wakes an interpreter waiting in [`Interpreter::run_until_woken`] from
/// any thread (a REPL's input thread, a host's own event source).
#[derive(Clone)]
pub struct Waker(Sender<External>);

impl Waker {
    /// Makes the interpreter's `run_until_woken` return soon.
    pub fn wake(&self) {
        let _ = self.0.send(External::Wake);
    }
}

/// Receives what the loader reads and processes each declaration at
/// once, as Bro does while it parses: compiled, then its initialisation
/// run; `@if` conditions are evaluated against everything before them.
struct Reader<'a> {
    compiler: &'a mut Compiler,
    machine: &'a mut Machine,
    diags: &'a mut Vec<Diagnostic>,
    exit: &'a mut Option<i32>,
    stmts: &'a mut Vec<ast::Stmt>,
    /// Built-ins whose signatures name types not yet declared.
    waiting: &'a mut Vec<WaitingBuiltin>,
    /// The module current where each file being read was loaded.
    modules: Vec<String>,
}

impl Reader<'_> {
    fn failed(&self) -> bool {
        self.diags.iter().any(|d| d.is_error())
    }

    fn take_compiler_diags(&mut self) {
        self.diags.append(&mut self.compiler.diags);
    }

    fn note_file(&mut self, file: FileId) {
        if !self.compiler.file_names.contains_key(&file) {
            let name = self.machine.sources.borrow().get(file).name.clone();
            self.compiler.file_names.insert(file, name);
        }
    }
}

impl Sink for Reader<'_> {
    fn decide(&mut self, cond: &Condition, file: FileId, tail: &str) -> bool {
        match cond {
            Condition::Ifdef { name, .. } => self.compiler.lookup_global(name).is_some(),
            Condition::Ifndef { name, .. } => self.compiler.lookup_global(name).is_none(),
            Condition::If { expr, expr_span } => {
                // Parse the condition where it stands in the file, so that
                // messages point at the right line.
                let padded = format!("{}{}", " ".repeat(expr_span.start), expr);
                let Ok((e, _)) = crate::syntax::parse::parse_expr(&padded, file) else {
                    self.diags.push(Diagnostic::error("syntax error in @if", Span::new(file, expr_span.start, expr_span.end)));
                    return false;
                };
                let (code, frame) = self.compiler.condition_code(&e);
                if !self.compiler.diags.is_empty() {
                    let desc = crate::check::describe::expr(&e);
                    let locals = local_names(tail);
                    for d in self.compiler.diags.iter_mut() {
                        if let Some(name) = d.message.strip_prefix("unknown identifier ").and_then(|m| m.split(',').next()) {
                            if locals.iter().any(|l| l == name) {
                                d.message = format!("referencing a local name in @if ({name})");
                            }
                        }
                    }
                    self.take_compiler_diags();
                    self.diags.push(Diagnostic::error(format!("invalid expression in @if ({desc})"), e.span));
                    return false;
                }
                let mut slots = vec![None; frame];
                match self.machine.eval(self.compiler, &mut slots, &code) {
                    Ok(v) => v.as_bool(),
                    Err(err) => {
                        self.machine.report(&err);
                        false
                    }
                }
            }
        }
    }

    fn decl(&mut self, file: FileId, decl: &ast::Decl) {
        if self.exit.is_some() {
            return;
        }
        self.note_file(file);
        // After an error Bro goes on checking the rest of the script (so
        // every error is reported), but runs nothing.
        let mut code = Vec::new();
        self.compiler.decl(decl, &mut code);
        self.take_compiler_diags();
        if self.failed() {
            return;
        }
        if !self.waiting.is_empty() && is_type_decl(decl) {
            register_ready(self.compiler, self.machine, self.waiting);
        }
        if let Err(e) = self.machine.run_code(self.compiler, &code, 0) {
            if let Unwind::Exit(c) = e.unwind {
                self.exit.get_or_insert(c);
            }
        }
    }

    fn stmt(&mut self, file: FileId, stmt: ast::Stmt) {
        self.note_file(file);
        self.stmts.push(stmt);
    }

    // As in Bro, a loaded file starts in the module of the file that
    // loads it, and when it ends that module is current again. The
    // outermost file keeps its last module: its top-level statements are
    // compiled after it has been read.
    fn enter_file(&mut self, _file: FileId) {
        self.modules.push(self.compiler.module().to_string());
    }

    fn leave_file(&mut self, _file: FileId) {
        if let Some(m) = self.modules.pop() {
            if !self.modules.is_empty() {
                self.compiler.set_module(m);
            }
        }
    }
}

impl Interpreter {
    /// A new interpreter writing script output to `out` and errors to
    /// `err`, with every built-in function registered.
    pub fn new(out: Box<dyn Write>, err: Box<dyn Write>) -> Interpreter {
        let mut compiler = Compiler::new();
        let mut machine = Machine::new(out, err);
        let mut diags = Vec::new();
        // Built-ins whose signatures name script types are registered
        // after the base scripts declare those types.
        let mut deferred = Vec::new();
        let all: Vec<&'static crate::builtins::Builtin> = crate::builtins::all().collect();
        let sigs: Vec<(&str, bool)> = all.iter().map(|b| (b.sig, b.variadic)).collect();
        for (b, sig) in all.into_iter().zip(Compiler::parse_signatures(&sigs)) {
            match sig {
                Ok(sig) if compiler.names_undeclared_type(&sig) => deferred.push((b, sig)),
                Ok(sig) => match compiler.add_builtin_parsed(b.name, &sig, b.variadic, Compiler::signature_deprecated(b.sig)) {
                    Ok(_) => machine.builtins.push(Native::Builtin(b.f)),
                    Err(_) => deferred.push((b, sig)),
                },
                Err(e) => diags.push(Diagnostic::fatal(format!("internal: {}: {e}", b.name))),
            }
        }
        machine.broker.data_cast = Some(crate::builtins::broker_data::cast);
        let (wake_tx, wake_rx) = std::sync::mpsc::channel();
        let to_loop = std::sync::Mutex::new(wake_tx.clone());
        machine.broker.notify = Some(std::sync::Arc::new(move |n| {
            if let Ok(tx) = to_loop.lock() {
                let _ = tx.send(External::Broker(n));
            }
        }));
        let mut me = Interpreter {
            compiler,
            machine,
            search_path: vec![".".into()],
            diags: Vec::new(),
            loaded_embedded: false,
            exit: None,
            seen: Default::default(),
            pending_top_level: Vec::new(),
            started: false,
            next_expire: 0.0,
            spare_queue: Default::default(),
            keep_alive_global: None,
            wake_rx,
            wake_tx,
            waiting_builtins: Vec::new(),
            session: None,
        };
        me.waiting_builtins = deferred;
        me.load_embedded();
        for (b, sig) in std::mem::take(&mut me.waiting_builtins) {
            match me.compiler.add_builtin_parsed(b.name, &sig, b.variadic, Compiler::signature_deprecated(b.sig)) {
                Ok(_) => me.machine.builtins.push(Native::Builtin(b.f)),
                Err(e) => diags.push(Diagnostic::fatal(format!("internal: {e}"))),
            }
        }
        me.diags.extend(diags);
        me
    }

    fn load_embedded(&mut self) {
        if self.loaded_embedded {
            return;
        }
        self.loaded_embedded = true;
        for name in PRELOADED {
            self.load_named(name);
        }
    }

    /// True when an error (not just a warning) has been reported.
    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(|d| d.is_error())
    }

    /// Loads a script by name, as the command line or `@load` names it.
    pub fn load_named(&mut self, name: &str) {
        self.with_loader(|l, s| l.load_named(name, None, s));
    }

    /// Loads source text under a display name (`-e` code, stdin, REPL).
    pub fn load_source(&mut self, name: &str, text: &str) {
        let id = self.machine.sources.borrow_mut().add(name, text.to_string());
        self.load_registered(id);
    }

    fn load_registered(&mut self, id: FileId) {
        self.with_loader(|l, s| l.load_text(id, s));
    }

    fn with_loader(&mut self, f: impl FnOnce(&mut Loader, &mut dyn Sink)) {
        let mut stmts = Vec::new();
        let mut search = self.search_path.clone();
        search.extend(crate::library::search_dirs());
        let mut loader = Loader::new(self.machine.sources.clone(), &search, &mut self.seen);
        let mut reader = Reader {
            waiting: &mut self.waiting_builtins,
            modules: Vec::new(),
            compiler: &mut self.compiler,
            machine: &mut self.machine,
            diags: &mut self.diags,
            exit: &mut self.exit,
            stmts: &mut stmts,
        };
        f(&mut loader, &mut reader);
        let loader_diags = std::mem::take(&mut loader.diags);
        drop(loader);
        self.diags.extend(loader_diags);
        if !stmts.is_empty() && !self.has_errors() {
            if self.session.is_some() {
                // Interactive input runs at once, in the session's frame.
                self.run_in_session(&stmts);
                return;
            }
            let (code, frame) = self.compiler.top_level(&stmts);
            self.take_compiler_diags();
            self.pending_top_level.push((code, frame));
        }
    }

    fn take_compiler_diags(&mut self) {
        let d = std::mem::take(&mut self.compiler.diags);
        self.diags.extend(d);
    }

    fn note_exit(&mut self, e: Box<RtError>) {
        if let Unwind::Exit(code) = e.unwind {
            self.exit.get_or_insert(code);
        }
    }

    /// Reports collected diagnostics in the given style and clears them.
    pub fn take_diags(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diags)
    }

    fn event_id(&self, name: &str) -> Option<usize> {
        let g = self.compiler.globals.lookup(GLOBAL_MODULE, name)?;
        let info = self.compiler.globals.get(g);
        info.func.filter(|f| !self.compiler.funcs[*f].bodies.is_empty())
    }

    /// The scripts name one of Bro's old communication functions, and
    /// `old_comm_usage_is_ok` does not excuse it.
    fn uses_old_comm(&self) -> bool {
        let used = self.compiler.deprecated_builtin_uses.iter().any(|n| crate::builtins::old_comm::OLD_COMM_FUNCS.contains(&n.as_str()));
        used && !self.global_bool("old_comm_usage_is_ok")
    }

    fn global_bool(&self, name: &str) -> bool {
        self.compiler
            .globals
            .lookup(GLOBAL_MODULE, name)
            .and_then(|g| self.machine.globals.get(g).cloned().flatten())
            .is_some_and(|v| v.as_bool())
    }

    /// Dispatches queued events: at most two rounds, as Bro 2.6's
    /// `EventMgr::Drain` does; events queued by the second round wait
    /// for the next drain.
    fn drain(&mut self) {
        for _ in 0..2 {
            if self.machine.queue.is_empty() || self.exit.is_some() {
                break;
            }
            // Events raised by this round queue up for the next one; the
            // two queues swap places, keeping their room.
            let mut round = std::mem::take(&mut self.spare_queue);
            std::mem::swap(&mut round, &mut self.machine.queue);
            while let Some((func, args)) = round.pop_front() {
                if !self.run_queued(func, &args) {
                    return;
                }
            }
            self.spare_queue = round;
        }
    }

    /// Runs one event taken off the queue (publishing it first where
    /// `Broker::auto_publish` asks); false when the run is to end.
    fn run_queued(&mut self, func: usize, args: &[Value]) -> bool {
        if !self.machine.broker.auto_publish.is_empty() {
            crate::builtins::broker::auto_publish_dispatch(&mut self.machine, &self.compiler, func, args);
        }
        if let Err(e) = self.machine.dispatch(&self.compiler, func, args) {
            self.note_exit(e);
            return false;
        }
        let _ = self.machine.check_whens(&self.compiler);
        true
    }

    /// Queues the events of timers due by `now` (all of them at shutdown).
    fn expire_timers(&mut self, now: Option<f64>) {
        while let Some(t) = self.machine.timers.peek() {
            if now.is_some_and(|n| t.when > n) {
                break;
            }
            if let Some(t) = self.machine.timers.pop() {
                self.machine.queue.push_back((t.func, t.args));
            }
        }
    }

    /// Runs top-level statements, `bro_init`, the main loop and
    /// `bro_done`.
    pub fn run(&mut self) -> Outcome {
        self.start();
        if self.exit.is_none() {
            self.serve(false);
        }
        if self.kept_alive() && self.machine.terminating && self.exit.is_none() {
            // terminate() reaches a running main loop as a signal, which
            // Bro reports.
            let _ = self.machine.err.write_all(b"received termination signal\n");
        }
        self.shutdown()
    }

    /// Runs the pending top-level statements, then queues `bro_init` and
    /// drains the queue twice, as Bro does before its main loop.
    pub fn start(&mut self) {
        if !self.started && self.exit.is_none() && self.uses_old_comm() {
            let msg = format!("fatal error: {}\n", crate::builtins::old_comm::OLD_COMM_ERROR);
            let _ = self.machine.err.write_all(msg.as_bytes());
            self.exit = Some(1);
            return;
        }
        let pending = std::mem::take(&mut self.pending_top_level);
        for (code, frame) in pending {
            if let Err(e) = self.machine.run_code(&self.compiler, &code, frame) {
                self.note_exit(e);
            }
        }
        if self.exit.is_some() || self.started {
            return;
        }
        self.started = true;
        // Without packets, network time follows the clock from the start.
        self.machine.set_network_time(wall_clock());
        // Bro checks expiring tables first after a short delay
        // (`table_expire_delay`), then every `table_expire_interval`.
        self.next_expire = self.machine.network_time + 0.01;
        if let Some(init) = self.event_id("bro_init") {
            self.machine.queue.push_back((init, Vec::new()));
        }
        self.drain();
        self.drain();
    }

    /// A handle other threads use to wake [`run_until_woken`](Self::run_until_woken).
    pub fn waker(&self) -> Waker {
        Waker(self.wake_tx.clone())
    }

    /// Runs the main loop (timers, table expiry, `when` timeouts, queued
    /// events) until a [`Waker`] wakes it, then returns `true`; returns
    /// `false` once the script called `terminate()` or `exit()`. Unlike
    /// [`run`](Self::run) it keeps going whether or not anything keeps
    /// the process alive: the caller decides when to stop.
    pub fn run_until_woken(&mut self) -> bool {
        if !self.started {
            self.start();
        }
        self.serve(true)
    }

    /// True while the process should stay in its main loop without being
    /// asked to: `exit_only_after_terminate`, a listener or a peering.
    fn kept_alive(&mut self) -> bool {
        let keep = match self.keep_alive_global {
            Some(g) => self.machine.globals.get(g).cloned().flatten().is_some_and(|v| v.as_bool()),
            None => {
                self.keep_alive_global = self.compiler.globals.lookup(GLOBAL_MODULE, "exit_only_after_terminate");
                self.global_bool("exit_only_after_terminate")
            }
        };
        keep || self.machine.broker.keeps_alive()
    }

    /// The main loop. With `until_woken` it returns `true` when woken;
    /// otherwise it runs while something keeps the process alive. Either
    /// way it returns `false` once the script ends the process.
    fn serve(&mut self, until_woken: bool) -> bool {
        loop {
            if TERMINATION_SIGNAL.swap(false, std::sync::atomic::Ordering::SeqCst) {
                // Like `terminate()`: the run ends, reported as a signal.
                self.machine.terminating = true;
            }
            if self.exit.is_some() || self.machine.terminating {
                return false;
            }
            if !until_woken && !self.kept_alive() {
                return false;
            }
            let now = wall_clock();
            self.machine.set_network_time(now);
            self.expire_timers(Some(now));
            crate::builtins::input::poll(&mut self.machine, &self.compiler, now);
            if crate::builtins::logging::next_rotation(&self.machine).is_some_and(|t| t <= now) {
                if let Err(e) = crate::builtins::logging::rotate_now(&mut self.machine, &self.compiler) {
                    self.note_exit(e);
                }
            }
            if now >= self.next_expire {
                self.machine.expire_tables(&self.compiler);
                self.next_expire = now + self.expire_interval();
            }
            // Store queries answered since the last pass.
            crate::builtins::broker_store::deliver(&mut self.machine);
            // `when` timeouts come due with time alone.
            let _ = self.machine.check_whens(&self.compiler);
            if !self.machine.queue.is_empty() {
                self.drain();
                let _ = self.machine.check_whens(&self.compiler);
                // Whatever arrived meanwhile is taken without waiting.
                if self.take_external(Some(std::time::Duration::ZERO)) && until_woken {
                    return true;
                }
                continue;
            }
            // A `when` body may have ended the process.
            if self.exit.is_some() || self.machine.terminating {
                return false;
            }
            // Nothing to do until the next timer, expiration check or
            // `when` deadline, or until something arrives from outside.
            let wait = self.next_deadline().map(|next| std::time::Duration::from_secs_f64((next - now).max(0.0)));
            if self.take_external(wait) && until_woken {
                return true;
            }
        }
    }

    /// The earliest moment the loop has work without outside help.
    fn next_deadline(&self) -> Option<f64> {
        let timer = self.machine.timers.peek().map(|t| t.when);
        let expiry = (!self.machine.expiring.is_empty()).then_some(self.next_expire);
        let when = self.machine.whens.iter().filter_map(|w| w.timeout.as_ref().map(|(t, _)| *t)).reduce(f64::min);
        let rotation = crate::builtins::logging::next_rotation(&self.machine);
        let stores = crate::builtins::broker_store::next_deadline(&self.machine);
        let input = crate::builtins::input::next_poll(&self.machine);
        [timer, expiry, when, rotation, stores, input].into_iter().flatten().reduce(f64::min)
    }

    /// Waits up to `wait` (forever with `None`) for something from
    /// outside, then takes everything that has arrived. Returns whether a
    /// [`Waker`] was among it.
    fn take_external(&mut self, wait: Option<std::time::Duration>) -> bool {
        let first = match wait {
            Some(d) if d.is_zero() => self.wake_rx.try_recv().ok(),
            Some(d) => self.wake_rx.recv_timeout(d).ok(),
            None => self.wake_rx.recv().ok(),
        };
        let Some(first) = first else { return false };
        // Time went on while waiting: what arrived is handled at its
        // own moment (timers it schedules count from now).
        self.machine.set_network_time(wall_clock());
        let mut woken = false;
        let mut next = Some(first);
        while let Some(item) = next {
            match item {
                External::Wake => woken = true,
                External::Broker(crate::broker::Notification::Event { topic, name, args }) if topic.starts_with(crate::builtins::broker_store::TOPIC_PREFIX) => {
                    crate::builtins::broker_store::message(&mut self.machine, &self.compiler, &topic, &name, &args);
                }
                External::Broker(crate::broker::Notification::Event { name, args, .. }) if name == crate::builtins::broker::ID_UPDATE => {
                    crate::builtins::broker::identifier_update(&mut self.machine, &self.compiler, &args);
                }
                External::Broker(crate::broker::Notification::Event { name, args, .. }) => self.dispatch_remote(&name, &args),
                External::Broker(n) => {
                    if matches!(n, crate::broker::Notification::PeerAdded(..)) {
                        crate::builtins::broker_store::peer_added(&mut self.machine);
                    }
                    if let Some(event) = crate::builtins::broker::notification_event(&self.compiler, &n) {
                        self.machine.queue.push_back(event);
                    }
                }
            }
            next = self.wake_rx.try_recv().ok();
        }
        woken
    }

    /// Runs the handlers of an event a peer sent, at once, marked as
    /// remote (`is_remote_event()`; never auto-published again).
    fn dispatch_remote(&mut self, name: &str, args: &[crate::broker::Data]) {
        match crate::builtins::broker::remote_event(&self.compiler, name, args) {
            Ok(Some((func, vals))) => {
                // The events queued before this one came (such as the
                // `Broker::peer_added` of the same peering) run first, as
                // in Bro's one queue; what they raise waits behind it.
                for _ in 0..self.machine.queue.len() {
                    let Some((func, args)) = self.machine.queue.pop_front() else { break };
                    if !self.run_queued(func, &args) {
                        return;
                    }
                }
                self.machine.broker.remote_event = true;
                let result = self.machine.dispatch(&self.compiler, func, &vals);
                self.machine.broker.remote_event = false;
                if let Err(e) = result {
                    self.note_exit(e);
                }
                let _ = self.machine.check_whens(&self.compiler);
            }
            Ok(None) => {}
            Err(warning) => {
                let w = RtError { unwind: Unwind::Stmt, kind: "warning", msg: warning, span: None };
                self.machine.report(&w);
            }
        }
    }

    /// Ends the run as Bro does (see [`finish`](Self::finish)) and says how.
    pub fn shutdown(&mut self) -> Outcome {
        self.finish(Outcome::Finished)
    }

    /// Bro's shutdown: pending timers fire and their events drain (Bro's
    /// `done_with_network`), then `bro_done` is queued and drained
    /// (`terminate_bro`).
    fn finish(&mut self, outcome: Outcome) -> Outcome {
        if self.exit.is_none() {
            self.machine.terminating = true;
            self.expire_timers(None);
            self.drain();
            let _ = self.machine.check_whens(&self.compiler);
            if let Some(done) = self.event_id("bro_done") {
                self.machine.queue.push_back((done, Vec::new()));
            }
            self.expire_timers(None);
            self.drain();
            self.drain();
        }
        // Input streams end (commands they run are stopped).
        crate::builtins::input::terminate(&mut self.machine);
        // Then the logs are rotated a last time and closed.
        if let Err(e) = crate::builtins::logging::terminate(&mut self.machine, &self.compiler) {
            self.note_exit(e);
        }
        let _ = self.machine.out.flush();
        // Every peering ends with the process: the other sides see it lost.
        if let Some(mut endpoint) = self.machine.broker.endpoint.take() {
            endpoint.shutdown();
        }
        match self.exit {
            Some(code) => Outcome::Exit(code),
            None => outcome,
        }
    }

    /// Registers a function the host program provides, callable from
    /// scripts under `name` with the Bro type `signature` (for example
    /// `function(a: count, b: count): count`). Scripts loaded afterwards
    /// can call it; an `Err` it returns becomes a Bro expression error.
    pub fn register_builtin(
        &mut self,
        name: &str,
        signature: &str,
        f: impl Fn(&[Value]) -> Result<Value, String> + 'static,
    ) -> Result<(), String> {
        self.compiler.add_builtin(name, signature, false)?;
        let host: HostFn = std::rc::Rc::new(f);
        self.machine.builtins.push(Native::Host(host));
        Ok(())
    }

    /// Queues an event by name, as `event name(args)` would; handlers run
    /// when the loop next drains (see [`Interpreter::run`] and
    /// [`Interpreter::dispatch_pending`]).
    pub fn raise_event(&mut self, name: &str, args: Vec<Value>) -> Result<(), String> {
        let g = self.compiler.globals.lookup(GLOBAL_MODULE, name).ok_or_else(|| format!("unknown event {name}"))?;
        let info = self.compiler.globals.get(g);
        match (&info.ty, info.func) {
            (Type::Func(ft), Some(fid)) if ft.flavor == crate::check::types::Flavor::Event => {
                if ft.params.len() != args.len() {
                    return Err(format!("{name} takes {} arguments, {} given", ft.params.len(), args.len()));
                }
                self.machine.queue.push_back((fid, args));
                Ok(())
            }
            _ => Err(format!("{name} is not an event")),
        }
    }

    /// Dispatches every queued event (and the events they raise) now,
    /// without starting or ending the process's lifetime.
    pub fn dispatch_pending(&mut self) {
        while !self.machine.queue.is_empty() && self.exit.is_none() {
            self.drain();
        }
    }

    /// How often tables are checked for expired entries
    /// (`table_expire_interval`, 10 seconds unless redefined).
    fn expire_interval(&self) -> f64 {
        match self.global("table_expire_interval") {
            Some(Value::Interval(s)) if s > 0.0 => s,
            _ => 10.0,
        }
    }

    /// Reads a global's current value.
    pub fn global(&self, name: &str) -> Option<Value> {
        let g = self.compiler.globals.lookup(GLOBAL_MODULE, name)?;
        self.machine.globals.get(g).cloned().flatten()
    }

    /// The static type of a global.
    pub fn global_type(&self, name: &str) -> Option<Type> {
        let g = self.compiler.globals.lookup(GLOBAL_MODULE, name)?;
        Some(self.compiler.globals.get(g).ty.clone())
    }
}

/// Names that are locals (or parameters) of the unfinished declaration
/// an `@if` sits in: `local NAME` and the names in its header.
fn local_names(tail: &str) -> Vec<String> {
    use crate::syntax::tokens::{lex, Token};
    let toks = lex(tail);
    let mut names = Vec::new();
    let mut in_header = false;
    let mut depth = 0;
    for (i, (t, r)) in toks.iter().enumerate() {
        match t {
            Token::Local if matches!(toks.get(i + 1), Some((Token::Ident, _))) => {
                names.push(tail[toks[i + 1].1.clone()].to_string());
            }
            Token::LParen if depth == 0 && names.is_empty() && !in_header => {
                in_header = true;
                depth = 1;
            }
            Token::LParen if in_header => depth += 1,
            Token::RParen if in_header => {
                depth -= 1;
                if depth == 0 {
                    in_header = false;
                }
            }
            Token::Ident if in_header && depth == 1 && matches!(toks.get(i + 1), Some((Token::Colon, _))) => {
                names.push(tail[r.clone()].to_string());
            }
            _ => {}
        }
    }
    names
}

/// Set when SIGTERM, SIGINT or SIGHUP arrived and the main loop has not seen it yet.
static TERMINATION_SIGNAL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells the main loop that a termination signal arrived (the signal
/// thread then wakes it with a [`Waker`]).
pub fn note_termination_signal() {
    TERMINATION_SIGNAL.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Whether a termination signal is waiting for the main loop.
pub fn termination_pending() -> bool {
    TERMINATION_SIGNAL.load(std::sync::atomic::Ordering::SeqCst)
}

fn wall_clock() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}
