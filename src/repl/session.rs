//! The interpreter's thread. The interpreter is single-threaded and the
//! line editor blocks its own thread, so the interpreter lives here: it
//! waits in the main loop (timers, peering notifications, remote events)
//! until the editor wakes it with a request, runs the request, and
//! answers. After each input it refreshes the names completion offers.

use super::output::{TermWriter, Terminal};
use bro::diag::{self, Diagnostic};
use bro::eval::format::{render, render_print_args, Mode};
use bro::runtime::{Interpreter, Names, Outcome, Waker};
use bro::Value;
use std::collections::HashSet;
use std::io::Write;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

/// What the editor asks of the interpreter.
pub enum Request {
    /// Run a complete input.
    Input(String),
    /// `:type EXPR`
    Type(String),
    /// `:load FILE`
    Load(String),
    /// `:globals`
    Globals,
    /// `:events`
    Events,
    /// `:peers`
    Peers,
    /// The fields of the record an expression yields, for completion;
    /// answered on the sender while the prompt stays up.
    Fields(String, Sender<Vec<String>>),
    /// Leave: `bro_done` runs.
    Quit,
}

/// The interpreter's answers.
pub enum Reply {
    /// Ready for input; wake it with this after each request.
    Started(Waker),
    /// The request ran.
    Done,
    /// The script ended (`:quit`, Ctrl-D, `terminate()`, `exit()`), with
    /// the process's exit code.
    Ended(u8),
}

/// What the completer and highlighter know of the interpreter's names,
/// refreshed after every input.
#[derive(Default)]
pub struct Snapshot {
    /// Every name.
    pub names: Names,
    /// The type names, for highlighting.
    pub types: HashSet<String>,
}

impl Snapshot {
    fn of(interp: &Interpreter) -> Snapshot {
        let names = interp.names();
        let types = names.types.iter().cloned().collect();
        Snapshot { names, types }
    }
}

/// How the interpreter thread is set up.
pub struct Setup {
    /// Configures the new interpreter (search path, `name=value` redefinitions).
    pub configure: Box<dyn FnOnce(&mut Interpreter) + Send>,
    /// Where output goes while the prompt waits.
    pub printer: Sender<String>,
    /// Colours in error reports.
    pub color: bool,
    /// The names completion uses.
    pub snapshot: Arc<Mutex<Snapshot>>,
}

/// A time to wait, in whole seconds (milliseconds below a second).
fn rounded(secs: f64) -> f64 {
    let secs = secs.max(0.0);
    if secs >= 1.0 {
        secs.round()
    } else {
        (secs * 1000.0).round() / 1000.0
    }
}

fn exit_code(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::Finished => 0,
        Outcome::Exit(code) => code as u8,
    }
}

/// The interpreter thread's body: set up, start (`bro_init`), then serve
/// requests until the script ends.
pub fn serve(setup: Setup, requests: Receiver<Request>, replies: Sender<Reply>) {
    let term = Terminal::new(setup.printer);
    let mut interp = Interpreter::new(Box::new(TermWriter::stdout(&term)), Box::new(TermWriter::stderr(&term)));
    interp.machine.pretty_reports = Some(setup.color);
    let mut repl = Session { interp, color: setup.color, inputs: 0, snapshot: setup.snapshot };
    (setup.configure)(&mut repl.interp);
    let diags = repl.interp.take_diags();
    repl.report(&diags);
    repl.interp.start();
    repl.interp.begin_session();
    if repl.interp.ended() {
        let _ = replies.send(Reply::Ended(exit_code(repl.interp.shutdown())));
        return;
    }
    repl.refresh();
    if replies.send(Reply::Started(repl.interp.waker())).is_err() {
        return;
    }
    loop {
        term.prompt_shown();
        if !repl.interp.run_until_woken() {
            // A handler ended the script while the prompt waited.
            let code = exit_code(repl.interp.shutdown());
            repl.say("the script ended; press Enter to leave\n");
            let _ = replies.send(Reply::Ended(code));
            return;
        }
        while let Ok(request) = requests.try_recv() {
            if let Request::Fields(expr, answer) = request {
                let _ = answer.send(repl.interp.record_fields(&expr));
                continue;
            }
            term.prompt_gone();
            let quit = matches!(request, Request::Quit);
            repl.run(request);
            repl.interp.dispatch_pending();
            if quit || repl.interp.ended() {
                let _ = replies.send(Reply::Ended(exit_code(repl.interp.shutdown())));
                return;
            }
            repl.refresh();
            if replies.send(Reply::Done).is_err() {
                return;
            }
        }
    }
}

/// The interpreter with what the REPL keeps beside it.
struct Session {
    interp: Interpreter,
    color: bool,
    inputs: usize,
    snapshot: Arc<Mutex<Snapshot>>,
}

impl Session {
    fn refresh(&mut self) {
        let snapshot = Snapshot::of(&self.interp);
        if let Ok(mut shared) = self.snapshot.lock() {
            *shared = snapshot;
        }
    }

    /// Writes text to the script's output stream.
    fn say(&mut self, text: &str) {
        let _ = self.interp.machine.out.write_all(text.as_bytes());
    }

    /// Writes diagnostics as annotated reports to the error stream.
    fn report(&mut self, diags: &[Diagnostic]) {
        let text: String = {
            let sources = self.interp.machine.sources.borrow();
            diags.iter().map(|d| diag::render_pretty(d, &sources, self.color)).collect()
        };
        let _ = self.interp.machine.err.write_all(text.as_bytes());
    }

    /// The display name of the next input, as reports name it.
    fn next_name(&mut self) -> String {
        self.inputs += 1;
        format!("<input {}>", self.inputs)
    }

    fn run(&mut self, request: Request) {
        match request {
            Request::Input(text) => {
                let name = self.next_name();
                let ev = self.interp.eval_input(&name, &text);
                self.report(&ev.diags);
                if let Some((value, _)) = ev.value {
                    let mut line = render(&value, Mode::Print);
                    line.push(b'\n');
                    let _ = self.interp.machine.out.write_all(&line);
                }
            }
            Request::Type(text) => {
                let name = self.next_name();
                match self.interp.expr_type(&name, &text) {
                    Ok(ty) => self.say(&format!("{ty}\n")),
                    Err(diags) => self.report(&diags),
                }
            }
            Request::Load(file) => {
                self.interp.load_named(&file);
                let diags = self.interp.take_diags();
                self.report(&diags);
            }
            Request::Globals => {
                let globals = self.interp.user_globals();
                let text = if globals.is_empty() {
                    "no globals declared yet\n".to_string()
                } else {
                    globals.iter().map(|(name, ty)| format!("{name}: {ty}\n")).collect()
                };
                self.say(&text);
            }
            Request::Events => {
                let now = self.interp.network_time();
                let events = self.interp.pending_events();
                let text = if events.is_empty() {
                    "no events waiting\n".to_string()
                } else {
                    events
                        .iter()
                        .map(|e| {
                            let when = match e.due {
                                None => "queued".to_string(),
                                Some(t) => format!("in {}", String::from_utf8_lossy(&render(&Value::Interval(rounded(t - now)), Mode::Print))),
                            };
                            format!("{}({})  {when}\n", e.name, String::from_utf8_lossy(&render_print_args(&e.args)))
                        })
                        .collect()
                };
                self.say(&text);
            }
            Request::Peers => {
                let peers = self.interp.peers();
                let text = if peers.is_empty() {
                    "no peers\n".to_string()
                } else {
                    peers
                        .iter()
                        .map(|p| {
                            let status = match p.status {
                                bro::broker::PeerStatus::Connecting => "Broker::CONNECTING",
                                bro::broker::PeerStatus::Peered => "Broker::PEERED",
                            };
                            format!("{}:{}/tcp  {status}  {}\n", p.peer.address, p.peer.port, p.peer.id)
                        })
                        .collect()
                };
                self.say(&text);
            }
            Request::Quit | Request::Fields(..) => {}
        }
    }
}
