//! The interactive REPL: `bro` with no script on a terminal. Lines are
//! read with rustyline on this thread and handed, once an input is
//! complete, to the interpreter's own thread ([`session`]), which runs
//! them and meanwhile waits in Bro's main loop, so timers, peerings and
//! remote events go on while the prompt waits and their output appears
//! above it ([`output`]). History is kept in `~/.bro_history` (or
//! `$BRO_HISTORY`).

mod complete;
mod helper;
mod highlight;
mod input;
mod meta;
mod output;
mod session;

use bro::runtime::{Interpreter, Waker};
use helper::Helper;
use meta::Meta;
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{ColorMode, CompletionType, Config, Editor};
use session::{Reply, Request, Setup, Snapshot};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

/// The prompt for a new input.
const PROMPT: &str = "bro> ";
/// The prompt for a further line of an unfinished input.
const MORE: &str = "...  ";

/// Where history is kept: `$BRO_HISTORY`, else `~/.bro_history`.
fn history_path() -> Option<PathBuf> {
    match std::env::var_os("BRO_HISTORY") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| PathBuf::from(h).join(".bro_history")),
    }
}

/// Colours are used at a terminal unless NO_COLOR is set.
fn colors(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Runs the REPL until `:quit`, Ctrl-D or the script's end; `configure`
/// sets the interpreter up before `bro_init` (search path,
/// redefinitions). Returns the process's exit code.
pub fn run(configure: Box<dyn FnOnce(&mut Interpreter) + Send>) -> ExitCode {
    let color = colors(std::io::stdout().is_terminal());
    let builder = Config::builder()
        .completion_type(CompletionType::List)
        .color_mode(if color { ColorMode::Enabled } else { ColorMode::Disabled })
        .auto_add_history(false)
        .max_history_size(10_000)
        .and_then(|b| b.history_ignore_dups(true));
    let config = match builder {
        Ok(b) => b.build(),
        Err(_) => Config::default(),
    };
    let mut editor: Editor<Helper, FileHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("bro: cannot start the line editor: {e}");
            return ExitCode::from(1);
        }
    };
    let printer = output::spawn_printer(editor.create_external_printer().ok());
    let snapshot = Arc::new(Mutex::new(Snapshot::default()));
    let (requests, to_serve) = std::sync::mpsc::channel();
    let (answer, replies) = std::sync::mpsc::channel();
    let setup = Setup { configure, printer, color: colors(std::io::stderr().is_terminal()), snapshot: snapshot.clone() };
    // A large stack, so that deep recursion in scripts ends in an error
    // message, not a crash.
    let spawned = std::thread::Builder::new()
        .name("bro-interpreter".into())
        .stack_size(256 << 20)
        .spawn(move || session::serve(setup, to_serve, answer));
    if let Err(e) = spawned {
        eprintln!("bro: cannot start the interpreter: {e}");
        return ExitCode::from(1);
    }
    let waker = match replies.recv() {
        Ok(Reply::Started(w)) => w,
        Ok(Reply::Ended(code)) => return ExitCode::from(code),
        _ => return ExitCode::from(1),
    };
    editor.set_helper(Some(Helper::new(snapshot, requests.clone(), waker.clone(), color)));
    let history = history_path();
    if let Some(path) = &history {
        // A missing file is a first session.
        let _ = editor.load_history(path);
    }
    println!("bro 2.6.4 interactive: :help for help, Ctrl-D to leave");
    let mut repl = Repl { editor, requests, replies, waker, history, history_failed: false };
    ExitCode::from(repl.read_eval_print())
}

/// The line editor and its ways to the interpreter.
struct Repl {
    editor: Editor<Helper, FileHistory>,
    requests: Sender<Request>,
    replies: Receiver<Reply>,
    waker: Waker,
    history: Option<PathBuf>,
    history_failed: bool,
}

impl Repl {
    /// Sends a request and waits for it to run; `Some(code)` once the
    /// script has ended.
    fn ask(&self, request: Request) -> Option<u8> {
        if self.requests.send(request).is_err() {
            return Some(1);
        }
        self.waker.wake();
        match self.replies.recv() {
            Ok(Reply::Done | Reply::Started(_)) => None,
            Ok(Reply::Ended(code)) => Some(code),
            Err(_) => Some(1),
        }
    }

    /// Adds an input to the history and its file.
    fn remember(&mut self, entry: &str) {
        let _ = self.editor.add_history_entry(entry);
        if let Some(path) = &self.history {
            if let Err(e) = self.editor.append_history(path) {
                if !self.history_failed {
                    eprintln!("bro: cannot write history to {}: {e}", path.display());
                    self.history_failed = true;
                }
            }
        }
    }

    fn read_eval_print(&mut self) -> u8 {
        let mut pending = String::new();
        loop {
            if let Some(h) = self.editor.helper_mut() {
                h.context.clone_from(&pending);
            }
            let read = self.editor.readline(if pending.is_empty() { PROMPT } else { MORE });
            // A handler may have ended the script while the prompt waited.
            if let Ok(Reply::Ended(code)) = self.replies.try_recv() {
                return code;
            }
            let line = match read {
                Ok(line) => line,
                Err(ReadlineError::Interrupted) => {
                    pending.clear();
                    continue;
                }
                Err(ReadlineError::Eof) => return self.ask(Request::Quit).unwrap_or(0),
                Err(e) => {
                    eprintln!("bro: {e}");
                    return self.ask(Request::Quit).unwrap_or(1);
                }
            };
            // An empty `...` line runs the input as it stands.
            let forced = !pending.is_empty() && line.trim().is_empty();
            let text = if pending.is_empty() { line } else { format!("{pending}\n{line}") };
            if !forced && !input::is_complete(&text) {
                pending = text;
                continue;
            }
            pending.clear();
            let entry = text.trim();
            if entry.is_empty() {
                continue;
            }
            let command = meta::parse(entry);
            if command != Some(Meta::Quit) {
                self.remember(entry);
            }
            let request = match command {
                None => Request::Input(entry.to_string()),
                Some(Meta::Help) => {
                    print!("{}", meta::help());
                    continue;
                }
                Some(Meta::MissingArgument(usage)) => {
                    eprintln!("usage: {usage}");
                    continue;
                }
                Some(Meta::Unknown(name)) => {
                    eprintln!("unknown command {name} (:help lists the commands)");
                    continue;
                }
                Some(Meta::Type(expr)) => Request::Type(expr),
                Some(Meta::Load(file)) => Request::Load(file),
                Some(Meta::Globals) => Request::Globals,
                Some(Meta::Events) => Request::Events,
                Some(Meta::Peers) => Request::Peers,
                Some(Meta::Quit) => Request::Quit,
            };
            if let Some(code) = self.ask(request) {
                return code;
            }
        }
    }
}
