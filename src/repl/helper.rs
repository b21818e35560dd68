//! The rustyline helper: colours the line as it is typed, completes
//! names, `Module::` prefixes, record fields and meta commands, and
//! hints from history. Whether an input is complete is decided after
//! each line by [`super::input`], which lets a continued input get its
//! own `...` prompt, so rustyline's own validation is left at "every
//! Enter ends the line".

use super::complete::{self, Target};
use super::highlight;
use super::meta::COMMANDS;
use super::session::{Request, Snapshot};
use bro::runtime::Waker;
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::Validator;
use rustyline::Context;
use std::borrow::Cow;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long completion waits for the interpreter to type an expression
/// before `$` (it answers at once unless busy running a handler).
const FIELDS_WAIT: Duration = Duration::from_millis(500);

/// The line editor's helper.
pub struct Helper {
    /// What the interpreter declared, as of the last input.
    pub snapshot: Arc<Mutex<Snapshot>>,
    /// The earlier lines of an unfinished input.
    pub context: String,
    /// Colour the line, the prompt and the hints.
    pub color: bool,
    requests: Sender<Request>,
    waker: Waker,
    hinter: HistoryHinter,
    files: FilenameCompleter,
}

impl Helper {
    /// A helper that asks the interpreter (through `requests`, after
    /// waking it) for record fields.
    pub fn new(snapshot: Arc<Mutex<Snapshot>>, requests: Sender<Request>, waker: Waker, color: bool) -> Helper {
        Helper {
            snapshot,
            context: String::new(),
            color,
            requests,
            waker,
            hinter: HistoryHinter::new(),
            files: FilenameCompleter::new(),
        }
    }

    fn fields(&self, expr: &str) -> Vec<String> {
        let (tx, rx) = std::sync::mpsc::channel();
        if self.requests.send(Request::Fields(expr.to_string(), tx)).is_err() {
            return Vec::new();
        }
        self.waker.wake();
        rx.recv_timeout(FIELDS_WAIT).unwrap_or_default()
    }
}

fn pairs(start: usize, names: Vec<String>) -> (usize, Vec<Pair>) {
    (start, names.into_iter().map(|n| Pair { display: n.clone(), replacement: n }).collect())
}

impl Completer for Helper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        match complete::target(line, pos) {
            Target::Meta { start, word } => {
                Ok(pairs(start, COMMANDS.iter().map(|c| c.0.to_string()).filter(|c| c.starts_with(&word)).collect()))
            }
            Target::File => self.files.complete(line, pos, ctx),
            Target::Field { start, word, expr } => {
                let mut fields: Vec<String> = self.fields(&expr).into_iter().filter(|f| f.starts_with(&word)).collect();
                fields.sort();
                Ok(pairs(start, fields))
            }
            Target::Name { start, word } => {
                let typed = format!("{}\n{}", self.context, &line[..start.min(line.len())]);
                let own = complete::declared_in(&typed);
                let found = match self.snapshot.lock() {
                    Ok(s) => complete::names(&s.names, &own, &word),
                    Err(_) => Vec::new(),
                };
                Ok(pairs(start, found))
            }
        }
    }
}

impl Hinter for Helper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for Helper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !self.color {
            return Cow::Borrowed(line);
        }
        let snapshot = self.snapshot.lock();
        let is_type = |name: &str| snapshot.as_ref().is_ok_and(|s| s.types.contains(name));
        Cow::Owned(highlight::highlight(&self.context, line, &is_type))
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _default: bool) -> Cow<'b, str> {
        if self.color {
            Cow::Owned(highlight::prompt(prompt))
        } else {
            Cow::Borrowed(prompt)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(highlight::hint(hint))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        // Every keystroke can change a token (closing a string recolours
        // the rest of the line), so the line is redrawn each time.
        self.color
    }
}

impl Validator for Helper {}

impl rustyline::Helper for Helper {}
