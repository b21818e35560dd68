//! The `bro` command line: Bro 2.6's options where Bro has them
//! (`-b`, `-e`, `-a`, `name=value`, BROPATH), plus `--syntax-check`.

use bro::diag::{self, Diagnostic, Style};
use bro::loader::{self, FirstBranch, Loader};
use bro::source::SourceMap;
use clap::Parser;
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

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

    /// Print the version.
    #[arg(short = 'v', long = "version")]
    version: bool,

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
        println!("{me} version 2.6.4");
        return ExitCode::SUCCESS;
    }
    if cli.syntax_check {
        return syntax_check(&cli.args, style);
    }
    let (params, scripts): (Vec<&String>, Vec<&String>) = cli.args.iter().partition(|a| a.contains('='));

    let mut sources = SourceMap::new();
    let search = match std::env::var("BROPATH") {
        Ok(p) => loader::split_path(&p),
        Err(_) => vec![".".into()],
    };
    let mut loader = Loader::new(&mut sources, search);
    let mut conds = FirstBranch;
    let read_stdin = scripts.is_empty() && cli.exec.is_none() && !std::io::stdin().is_terminal();
    for name in &scripts {
        if name.as_str() == "-" {
            load_stdin(&mut loader, &mut conds);
        } else {
            loader.load_named(name, None, &mut conds);
        }
        if loader.diags.iter().any(|d| d.is_error()) {
            break;
        }
    }
    if read_stdin {
        load_stdin(&mut loader, &mut conds);
    }
    if !params.is_empty() {
        let text: String = params
            .iter()
            .map(|p| {
                let (name, value) = p.split_once('=').unwrap_or((p, ""));
                format!("redef {name} = {value};\n")
            })
            .collect();
        let id = loader.sources.add("<params>", text);
        loader.load_text(id, &mut conds);
    }
    if let Some(code) = &cli.exec {
        // Bro reads `-e` code after the `name=value` redefs, with a `;` on a
        // line of its own so that a final statement needs none.
        let id = loader.sources.add("<command line>", format!("{code}\n;\n"));
        loader.load_text(id, &mut conds);
    }
    let diags = std::mem::take(&mut loader.diags);
    drop(loader);
    report(&diags, &sources, style);
    if diags.iter().any(|d| d.is_error()) {
        return ExitCode::from(1);
    }
    if cli.parse_only {
        return ExitCode::SUCCESS;
    }
    report(
        &[Diagnostic::fatal("running scripts is not implemented yet; use -a or --syntax-check")],
        &sources,
        Style::Plain,
    );
    ExitCode::from(1)
}

fn load_stdin(loader: &mut Loader, conds: &mut FirstBranch) {
    let mut bytes = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut bytes);
    let id = loader.sources.add("<stdin>", String::from_utf8_lossy(&bytes).into_owned());
    loader.load_text(id, conds);
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
