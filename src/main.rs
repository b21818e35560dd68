//! The `bro` command line: Bro 2.6's options where Bro has them
//! (`-b`, `-e`, `-a`, `name=value`, BROPATH), plus `--syntax-check`;
//! with no script on a terminal, the REPL.

mod repl;

use bro::diag::{self, Diagnostic, Style};
use bro::loader;
use bro::runtime::{Interpreter, Outcome};
use bro::source::SourceMap;
use clap::Parser;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

// An interpreter allocates many small, short-lived values (strings, frames,
// table entries); mimalloc serves those much faster than the system malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(name = "bro", disable_version_flag = true, about = "A Bro 2.6 script interpreter")]
struct Cli {
    /// Bare mode: load only what Bro always loads, not the base scripts.
    #[arg(short = 'b', long = "bare-mode")]
    bare: bool,

    /// Code to run after the scripts.
    #[arg(short = 'e', long = "exec", value_name = "CODE")]
    exec: Option<String>,

    /// Parse and check only; run nothing.
    #[arg(short = 'a', long = "parse-only")]
    parse_only: bool,

    /// Check the syntax of each file on its own (nothing is loaded);
    /// exit 0 when every file parses.
    #[arg(long = "syntax-check")]
    syntax_check: bool,

    /// How to print errors: `plain` is Bro's one-line form, `pretty` an
    /// annotated report; `auto` is pretty on a terminal.
    #[arg(long = "diagnostics", value_name = "STYLE", default_value = "auto")]
    diagnostics: DiagStyle,

    /// Bro's debug-stream selection (e.g. `main-loop,broker`). Accepted
    /// so that Bro command lines run unchanged; this interpreter has no
    /// debug streams, so nothing is written for them.
    #[arg(short = 'B', long = "debug", value_name = "STREAMS")]
    debug_streams: Option<String>,

    /// A signature file to load (repeatable); `.sig` may be left off.
    #[arg(short = 's', long = "rulefile", value_name = "FILE")]
    signatures: Vec<String>,

    /// Print the version.
    #[arg(short = 'v', long = "version")]
    version: bool,

    /// List every built-in function with its Bro signature, marking the
    /// ones only declared (they need packets, connections or analyzers).
    #[arg(long = "builtins")]
    builtins: bool,

    /// Scripts to load and `name=value` redefinitions.
    #[arg(value_name = "FILE | NAME=VALUE")]
    args: Vec<String>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum DiagStyle {
    Auto,
    Plain,
    Pretty,
}

fn style(choice: DiagStyle) -> Style {
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal();
    match choice {
        DiagStyle::Plain => Style::Plain,
        DiagStyle::Pretty => Style::Pretty { color },
        DiagStyle::Auto if std::io::stderr().is_terminal() => Style::Pretty { color },
        DiagStyle::Auto => Style::Plain,
    }
}

fn report(diags: &[Diagnostic], sources: &SourceMap, style: Style) {
    diag::emit(&mut std::io::stderr().lock(), diags, sources, style);
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let style = style(cli.diagnostics);
    if cli.version {
        let me = std::env::args().next().unwrap_or_else(|| "bro".into());
        let _ = writeln!(std::io::stdout(), "{me} version 2.6.4");
        return ExitCode::SUCCESS;
    }
    if cli.builtins {
        for b in bro::builtins::all() {
            let sig = if b.variadic {
                format!("function(...){}", b.sig.rsplit_once(')').map(|(_, r)| r).unwrap_or(""))
            } else {
                b.sig.to_string()
            };
            // A closed pipe (`bro --builtins | head`) just ends the list.
            let status = b.unavailable.map(|why| format!("  [declared only: {why}]")).unwrap_or_default();
            if writeln!(std::io::stdout(), "{}: {sig}{status}", b.name).is_err() {
                break;
            }
        }
        return ExitCode::SUCCESS;
    }
    if cli.syntax_check {
        return syntax_check(&cli.args, style);
    }
    bro::builtins::signatures::add_files(&cli.signatures);
    let no_script = cli.args.iter().all(|a| a.contains('=')) && cli.exec.is_none();
    if no_script && !cli.parse_only && std::io::stdin().is_terminal() {
        let params: Vec<String> = cli.args.clone();
        return repl::run(Box::new(move |interp| {
            configure(interp);
            apply_params(interp, &params.iter().collect::<Vec<_>>());
        }));
    }
    // SIGTERM, SIGINT and SIGHUP are taken by a thread of their own (every thread
    // started from here on has them blocked), which asks the main loop to
    // end as Bro's signal handler does.
    block_termination_signals();
    // The interpreter runs on a thread with a large stack, so that deep
    // recursion in scripts ends in an error message, not a crash.
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || run_scripts(cli, style));
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => ExitCode::from(1),
    }
}

fn run_scripts(cli: Cli, style: Style) -> ExitCode {
    let (params, scripts): (Vec<&String>, Vec<&String>) = cli.args.iter().partition(|a| a.contains('='));
    let out: Box<dyn std::io::Write> = if std::io::stdout().is_terminal() {
        Box::new(std::io::LineWriter::new(std::io::stdout()))
    } else {
        // Like C stdio, Bro's stdout is block-buffered when it is not a
        // terminal, so its errors reach a shared file before its output.
        Box::new(std::io::BufWriter::with_capacity(4096, std::io::stdout()))
    };
    let mut interp = Interpreter::new(out, Box::new(std::io::stderr()));
    configure(&mut interp);
    let read_stdin = scripts.is_empty() && cli.exec.is_none() && !std::io::stdin().is_terminal();
    for name in &scripts {
        if name.as_str() == "-" {
            interp.load_source("<stdin>", &read_all_stdin());
        } else {
            interp.load_named(name);
        }
        if interp.has_errors() {
            break;
        }
    }
    if read_stdin && !interp.has_errors() {
        interp.load_source("<stdin>", &read_all_stdin());
    }
    if !interp.has_errors() {
        apply_params(&mut interp, &params);
    }
    if let Some(code) = &cli.exec {
        if !interp.has_errors() {
            // Bro reads `-e` code after the `name=value` redefs, with a
            // `;` on a line of its own so that a final statement needs none.
            interp.load_source("<command line>", &format!("{code}\n;\n"));
        }
    }
    let diags = interp.take_diags();
    report(&diags, &interp.machine.sources.borrow(), style);
    if diags.iter().any(|d| d.is_error()) {
        return ExitCode::from(1);
    }
    if cli.parse_only {
        return ExitCode::SUCCESS;
    }
    watch_termination_signals(interp.waker());
    match interp.run() {
        Outcome::Finished => ExitCode::SUCCESS,
        Outcome::Exit(code) => ExitCode::from(code as u8),
    }
}

fn termination_set() -> libc::sigset_t {
    // SAFETY: sigemptyset/sigaddset only write the set they are given.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGHUP);
        set
    }
}

/// Blocks SIGTERM, SIGINT and SIGHUP in this thread and the threads it starts.
fn block_termination_signals() {
    let set = termination_set();
    // SAFETY: the set is initialised; no old mask is asked for.
    unsafe {
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}

/// Waits for SIGTERM, SIGINT or SIGHUP on a thread of its own: the first asks
/// the interpreter's main loop to end the run; a second (the script is
/// stuck in a long computation) ends the process at once.
fn watch_termination_signals(waker: bro::runtime::Waker) {
    let _ = std::thread::Builder::new().name("signals".into()).spawn(move || {
        let mut seen = false;
        loop {
            let set = termination_set();
            let mut sig: libc::c_int = 0;
            // SAFETY: the set is initialised and blocked in every thread.
            if unsafe { libc::sigwait(&set, &mut sig) } != 0 {
                return;
            }
            if seen {
                // Another signal right behind the first (a process group
                // and its parent both signalling) is no reason to hurry;
                // only a main loop that never takes the first one is.
                for _ in 0..20 {
                    if !bro::runtime::termination_pending() {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                if bro::runtime::termination_pending() {
                    std::process::exit(128 + sig);
                }
                continue;
            }
            seen = true;
            bro::runtime::note_termination_signal();
            waker.wake();
        }
    });
}

/// What every interpreter of the command line gets: BROPATH.
fn configure(interp: &mut Interpreter) {
    if let Ok(p) = std::env::var("BROPATH") {
        interp.search_path = loader::split_path(&p);
    }
}

/// The `name=value` redefinitions of the command line.
fn apply_params(interp: &mut Interpreter, params: &[&String]) {
    if params.is_empty() {
        return;
    }
    let text: String = params
        .iter()
        .filter_map(|p| {
            let (name, value) = p.split_once('=')?;
            if value.is_empty() {
                return None;
            }
            // A string variable takes the value as the string itself.
            let quote = matches!(interp.global_type(name), Some(bro::check::types::Type::String));
            Some(if quote { format!("redef {name}=\"{value}\";") } else { format!("redef {name}={value};") })
        })
        .collect();
    interp.load_source("<params>", &text);
}

fn read_all_stdin() -> String {
    let mut bytes = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `--syntax-check`: every file parsed on its own, in parallel.
fn syntax_check(files: &[String], style: Style) -> ExitCode {
    let results = bro::syntax::check_files(files);
    let mut failed = false;
    for (sources, diags) in &results {
        failed |= diags.iter().any(|d| d.is_error());
        report(diags, sources, style);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
