//! The REPL driven through a real pseudo-terminal: the `bro` binary is
//! started on a pty (rexpect), keys are typed, and what the terminal
//! shows is read back. Each test has its own HOME and history file, so
//! they run in parallel; waits have generous limits and no test depends
//! on how long anything takes.

use rexpect::process::WaitStatus;
use rexpect::reader::Options;
use rexpect::session::PtySession;
use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long any one expected output may take to appear.
const WAIT_MS: u64 = 30_000;

/// The prompt of a new input and of a further line.
const PROMPT: &str = "bro> ";
const MORE: &str = "...  ";
/// A new prompt, as opposed to the line being redrawn while it is typed:
/// it starts a line of its own (escape codes stripped).
const NEW_PROMPT: &str = "\n\rbro> ";

/// A directory of its own for one test (HOME and the history file).
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("bro-repl-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        Scratch(dir)
    }

    fn history(&self) -> PathBuf {
        self.0.join("history")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `bro -b` on a pty, with colours off (NO_COLOR) and escape codes
/// stripped from what is read.
fn start(home: &Path) -> PtySession {
    start_with(home, true, true)
}

/// `bro -b` on a pty, NO_COLOR set or not, escape codes kept or not.
fn start_with(home: &Path, no_color: bool, strip: bool) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bro"));
    cmd.arg("-b")
        .current_dir(home)
        .env("HOME", home)
        .env("BRO_HISTORY", home.join("history"))
        .env("TERM", "xterm")
        .env_remove("BROPATH")
        .env_remove("BRO_DEFAULT_CONNECT_RETRY")
        .env_remove("BRO_DEFAULT_LISTEN_RETRY");
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let options = Options::new().timeout_ms(Some(WAIT_MS)).strip_ansi_escape_codes(strip);
    let mut s = rexpect::spawn_with_options(cmd, options).expect("bro starts on a pty");
    s.exp_string("interactive").expect("the banner");
    // In colour the prompt's `>` is followed by an escape code.
    s.exp_string(if strip { PROMPT } else { "bro>" }).expect("the first prompt");
    s
}

/// Text as the pty reader hands it over: one char per byte.
fn bytes(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

/// Types a line and waits for the next prompt.
fn line(s: &mut PtySession, text: &str) {
    s.send_line(text).expect("typing");
    s.exp_string(NEW_PROMPT).unwrap_or_else(|e| panic!("no prompt after {text:?}: {e}"));
}

/// Waits for `want` on the terminal.
fn expect(s: &mut PtySession, want: &str) {
    s.exp_string(want).unwrap_or_else(|e| panic!("no {want:?} on the terminal: {e}"));
}

/// Leaves with `:quit` and checks that `bro` ends with exit code 0.
fn quit(mut s: PtySession) {
    s.send_line(":quit").expect("typing");
    s.exp_eof().expect("bro ends");
    match s.process().wait() {
        Ok(WaitStatus::Exited(_, code)) => assert_eq!(code, 0, "exit code"),
        other => panic!("bro did not exit normally: {other:?}"),
    }
}

#[test]
fn multi_line_function_then_a_call() {
    let home = Scratch::new("function");
    let mut s = start(&home.0);
    s.send_line("function twice(n: count): count").unwrap();
    expect(&mut s, MORE);
    s.send_line("{").unwrap();
    expect(&mut s, MORE);
    s.send_line("return 2 * n;").unwrap();
    expect(&mut s, MORE);
    line(&mut s, "}");
    s.send_line("twice(21)").unwrap();
    expect(&mut s, "42");
    expect(&mut s, NEW_PROMPT);
    // An event handler in Bro's layout, then raising it.
    s.send_line("event hello(who: string)").unwrap();
    expect(&mut s, MORE);
    s.send_line("    { print fmt(\"hello, %s\", who); }").unwrap();
    expect(&mut s, NEW_PROMPT);
    s.send_line("event hello(\"world\");").unwrap();
    expect(&mut s, "hello, world");
    quit(s);
}

#[test]
fn type_of_a_table_expression() {
    let home = Scratch::new("type");
    let mut s = start(&home.0);
    s.send_line(":type table([1.2.3.4] = 5)").unwrap();
    expect(&mut s, "table[addr] of count");
    expect(&mut s, NEW_PROMPT);
    line(&mut s, "global seen: table[addr] of set[port];");
    s.send_line(":type seen[1.2.3.4]").unwrap();
    expect(&mut s, "set[port]");
    expect(&mut s, NEW_PROMPT);
    s.send_line(":globals").unwrap();
    expect(&mut s, "seen: table[addr] of set[port]");
    quit(s);
}

#[test]
fn tab_completes_a_module_prefix() {
    let home = Scratch::new("complete");
    let mut s = start(&home.0);
    s.send("Broker::pe").unwrap();
    s.send("\t").unwrap();
    s.flush().unwrap();
    // The common part of peer, peers, peer_added... is filled in.
    expect(&mut s, "Broker::peer");
    s.send("\t").unwrap();
    s.flush().unwrap();
    expect(&mut s, "Broker::peer_added");
    // The completed text is in the line: `Broker::peers()` runs.
    s.send_line("s()").unwrap();
    expect(&mut s, "[]");
    expect(&mut s, NEW_PROMPT);
    // A record field after `$`.
    line(&mut s, "global ep = Broker::EndpointInfo($id=fmt(\"%s-%s\", \"p\", \"q\"));");
    s.send("print ep$i\t").unwrap();
    s.flush().unwrap();
    s.send_line("").unwrap();
    expect(&mut s, "p-q");
    quit(s);
}

#[test]
fn an_error_shows_its_caret_and_the_next_line_works() {
    let home = Scratch::new("error");
    let mut s = start(&home.0);
    s.send_line("print 1 +* 2;").unwrap();
    expect(&mut s, "syntax error, at or near \"*\"");
    expect(&mut s, &bytes("1 │ print 1 +* 2;"));
    // The caret stands under the `*`.
    expect(&mut s, &bytes("│          ┬"));
    expect(&mut s, "unexpected here");
    expect(&mut s, NEW_PROMPT);
    s.send_line("print nope;").unwrap();
    expect(&mut s, "unknown identifier nope");
    expect(&mut s, NEW_PROMPT);
    s.send_line("print 6 * 7;").unwrap();
    expect(&mut s, "42");
    quit(s);
}

#[test]
fn history_is_kept_across_sessions() {
    let home = Scratch::new("history");
    let mut s = start(&home.0);
    s.send_line("print 40 + 2;").unwrap();
    expect(&mut s, "42");
    expect(&mut s, NEW_PROMPT);
    quit(s);
    let saved = std::fs::read_to_string(home.history()).expect("a history file");
    assert!(saved.contains("print 40 + 2;"), "{saved}");
    // The next session recalls it with Up, and with Ctrl-R.
    let mut s = start(&home.0);
    s.send("\x1b[A").unwrap();
    s.flush().unwrap();
    expect(&mut s, "print 40 + 2;");
    s.send_line("").unwrap();
    expect(&mut s, "42");
    expect(&mut s, NEW_PROMPT);
    s.send_control('r').unwrap();
    s.send("40 +").unwrap();
    s.flush().unwrap();
    expect(&mut s, "reverse-i-search");
    s.send_line("").unwrap();
    expect(&mut s, "42");
    quit(s);
}

#[test]
fn peer_added_prints_while_the_prompt_waits() {
    let home = Scratch::new("peering");
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port");
    let mut s = start(&home.0);
    line(&mut s, "event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string) { print \"peer added\", msg; }");
    s.send_line(&format!("print fmt(\"listening on %s\", Broker::listen(\"127.0.0.1\", {port}/tcp));")).unwrap();
    expect(&mut s, &format!("listening on {port}/tcp"));
    expect(&mut s, NEW_PROMPT);
    // Half a line typed, then a second process peers.
    s.send("print fmt(\"sum=%d\", 20 +").unwrap();
    s.flush().unwrap();
    // The connector runs in the scratch directory too, so the broker.log
    // it writes stays out of the source tree.
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/broker/connector.bro");
    std::fs::copy(script, home.0.join("connector.bro")).expect("the connector script copies");
    let mut connector = Command::new(env!("CARGO_BIN_EXE_bro"))
        .arg("-b")
        .arg("connector.bro")
        .arg(format!("broker_port={port}/tcp"))
        .current_dir(&home.0)
        .env_remove("BRO_DEFAULT_CONNECT_RETRY")
        .env_remove("BROPATH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the connector starts");
    expect(&mut s, "peer added, handshake successful");
    // The half-typed line was kept: finishing it runs the whole.
    s.send_line(" 22);").unwrap();
    expect(&mut s, "sum=42");
    expect(&mut s, NEW_PROMPT);
    let deadline = Instant::now() + Duration::from_millis(WAIT_MS);
    let status = loop {
        if let Some(status) = connector.try_wait().expect("waiting for the connector") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = connector.kill();
            panic!("the connector did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut out = String::new();
    let _ = connector.stdout.take().expect("stdout").read_to_string(&mut out);
    assert!(status.success(), "connector: {status:?}\n{out}");
    assert!(out.contains("peer_added"), "connector printed:\n{out}");
    quit(s);
}

#[test]
fn ctrl_d_leaves_after_bro_done() {
    let home = Scratch::new("ctrl-d");
    let mut s = start(&home.0);
    line(&mut s, "event bro_done() { print \"done\", 6 * 7; }");
    line(&mut s, "schedule 1 hr { bro_done() };");
    s.send_line(":events").unwrap();
    expect(&mut s, "bro_done()  in 1.0 hr");
    expect(&mut s, NEW_PROMPT);
    // Ctrl-C clears the line being typed: the next line runs alone.
    s.send("print \"never\"").unwrap();
    s.send_control('c').unwrap();
    expect(&mut s, NEW_PROMPT);
    s.send_line("print fmt(\"%s-%s\", \"a\", \"b\");").unwrap();
    expect(&mut s, "a-b");
    expect(&mut s, NEW_PROMPT);
    s.send_control('d').unwrap();
    expect(&mut s, "done, 42");
    s.exp_eof().expect("bro ends");
    assert!(matches!(s.process().wait(), Ok(WaitStatus::Exited(_, 0))));
}

#[test]
fn a_handler_ending_the_script_leaves_at_the_next_key() {
    let home = Scratch::new("terminate");
    let mut s = start(&home.0);
    line(&mut s, "event stop() { print fmt(\"stop%s\", \"ping\"); terminate(); }");
    line(&mut s, "event bro_done() { print fmt(\"%s-%s\", \"bro\", \"done\"); }");
    // The timer fires while the prompt waits.
    line(&mut s, "schedule 50 msec { stop() };");
    expect(&mut s, "stopping");
    expect(&mut s, "bro-done");
    expect(&mut s, "press Enter to leave");
    s.send_line("").unwrap();
    s.exp_eof().expect("bro ends");
    assert!(matches!(s.process().wait(), Ok(WaitStatus::Exited(_, 0))));
}

#[test]
fn load_and_the_other_meta_commands() {
    let home = Scratch::new("load");
    std::fs::write(home.0.join("lib.bro"), "global base = 6;\nfunction times(n: count): count { return base * n; }\n").unwrap();
    let mut s = start(&home.0);
    line(&mut s, ":load ./lib.bro");
    s.send_line("times(7)").unwrap();
    expect(&mut s, "42");
    expect(&mut s, NEW_PROMPT);
    s.send_line(":globals").unwrap();
    expect(&mut s, "base: count");
    expect(&mut s, "times: function(n:count;) : count");
    expect(&mut s, NEW_PROMPT);
    s.send_line(":load ./missing.bro").unwrap();
    expect(&mut s, "can't find ./missing.bro");
    expect(&mut s, NEW_PROMPT);
    s.send_line(":peers").unwrap();
    expect(&mut s, "no peers");
    expect(&mut s, NEW_PROMPT);
    s.send_line(":frob").unwrap();
    expect(&mut s, "unknown command :frob");
    expect(&mut s, NEW_PROMPT);
    s.send_line(":help").unwrap();
    expect(&mut s, "show the static type of an expression");
    expect(&mut s, NEW_PROMPT);
    quit(s);
}

#[test]
fn highlighting_follows_no_color() {
    let home = Scratch::new("color");
    let mut s = start_with(&home.0, false, false);
    s.send("local x = \"hi\"").unwrap();
    s.flush().unwrap();
    // The keyword and the string are coloured as they are typed.
    expect(&mut s, "\x1b[1;35mlocal\x1b[0m");
    expect(&mut s, "\x1b[32m\"hi\"\x1b[0m");
    s.send_line("").unwrap();
    expect(&mut s, "bro>");
    quit(s);
    let mut s = start_with(&home.0, true, false);
    s.send_line("print fmt(\"%s-%s\", \"ho\", \"ho\");").unwrap();
    let typed = s.exp_string("ho-ho").expect("the output");
    assert!(!typed.contains("\x1b[1;35m") && !typed.contains("\x1b[32m"), "colours with NO_COLOR: {typed:?}");
    expect(&mut s, PROMPT);
    quit(s);
}

#[test]
fn piped_stdin_still_runs_a_script() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bro"))
        .arg("-b")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bro starts");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(b"print \"from a pipe\";\n").expect("writing the script");
    }
    let out = child.wait_with_output().expect("bro ends");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "from a pipe\n");
    assert!(!String::from_utf8_lossy(&out.stdout).contains(PROMPT));
}
