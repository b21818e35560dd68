//! The REPL's own commands, typed after a `:` at the prompt: what they
//! are called, what they take, and the help text that lists them.

/// A meta command as typed.
#[derive(Debug, PartialEq, Eq)]
pub enum Meta {
    /// `:help`
    Help,
    /// `:type EXPR`: the static type of an expression.
    Type(String),
    /// `:load FILE`: load a script as `@load` would.
    Load(String),
    /// `:globals`: the globals declared so far (outside the built-in scripts).
    Globals,
    /// `:events`: the event queue and the timers.
    Events,
    /// `:peers`: the Broker peerings.
    Peers,
    /// `:quit`
    Quit,
    /// A command that needs an argument was given none.
    MissingArgument(&'static str),
    /// No such command.
    Unknown(String),
}

/// Every command with its argument and what it does, for `:help` and completion.
pub const COMMANDS: &[(&str, &str, &str)] = &[
    (":help", "", "show this help"),
    (":type", " EXPR", "show the static type of an expression"),
    (":load", " FILE", "load a script (as @load does)"),
    (":globals", "", "list the globals declared so far"),
    (":events", "", "list the queued events and the timers"),
    (":peers", "", "list the Broker peerings"),
    (":quit", "", "leave (as Ctrl-D does; bro_done runs)"),
];

/// The command in `input`, or `None` when it is Bro code.
pub fn parse(input: &str) -> Option<Meta> {
    let text = input.trim();
    let rest = text.strip_prefix(':')?;
    let (name, arg) = match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let needs = |what: &'static str, make: fn(String) -> Meta| {
        if arg.is_empty() {
            Meta::MissingArgument(what)
        } else {
            make(arg.to_string())
        }
    };
    Some(match name {
        "help" | "h" | "?" => Meta::Help,
        "type" | "t" => needs(":type EXPR", Meta::Type),
        "load" | "l" => needs(":load FILE", Meta::Load),
        "globals" => Meta::Globals,
        "events" => Meta::Events,
        "peers" => Meta::Peers,
        "quit" | "q" | "exit" => Meta::Quit,
        other => Meta::Unknown(format!(":{other}")),
    })
}

/// The text `:help` prints.
pub fn help() -> String {
    let mut out = String::from(
        "Type Bro declarations, statements or expressions; an expression's value is printed.\n\
         Input goes on on a `...` line while brackets, strings or a statement are unfinished\n\
         (an empty `...` line runs it as it is). The final `;` may be left out.\n\n",
    );
    for (name, arg, what) in COMMANDS {
        out.push_str(&format!("  {:<14}{what}\n", format!("{name}{arg}")));
    }
    out.push_str(
        "\nTab completes names, `Module::` prefixes and record fields after `$`; Ctrl-R searches\n\
         the history; Ctrl-C clears the line; Ctrl-D leaves.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_and_their_arguments() {
        assert_eq!(parse("print 1;"), None);
        assert_eq!(parse(" :type  t[1] "), Some(Meta::Type("t[1]".into())));
        assert_eq!(parse(":load ./x.bro"), Some(Meta::Load("./x.bro".into())));
        assert_eq!(parse(":type"), Some(Meta::MissingArgument(":type EXPR")));
        assert_eq!(parse(":q"), Some(Meta::Quit));
        assert_eq!(parse(":frob x"), Some(Meta::Unknown(":frob".into())));
        assert_eq!(parse(":"), Some(Meta::Unknown(":".into())));
        assert!(help().contains(":peers"));
    }
}
