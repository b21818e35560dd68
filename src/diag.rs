//! Diagnostics: the one error type every stage builds, and its two
//! renderings. People at a terminal get an ariadne report that points into
//! the source; tools, pipes and Bro's own test baselines get Bro's one-line
//! form, `error in ./x.bro, line 3: syntax error, at or near "}"`.

use crate::source::{SourceMap, Span};
use std::io::Write;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// An `error`: the input is rejected.
    Error,
    /// A `warning`: reported, but processing goes on.
    Warning,
    /// A `fatal error`: processing stops.
    Fatal,
}

/// One message about the input, usually tied to a place in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// The message, in Bro's wording.
    pub message: String,
    /// The place it is about, if any.
    pub span: Option<Span>,
    /// Text for the label under the span in the pretty form.
    pub label: Option<String>,
    /// Whether Bro's one-line form names the place. Bro drops it for
    /// errors at end of file (`error: syntax error, at end of file`).
    pub located: bool,
    /// The two objects Bro names when a message is about a pair, e.g. a
    /// type and an expression in `error in count and ./x.bro, line 1: ...`
    /// or an expression and a type in `error in ./x.bro, line 1 and count`.
    /// Without it the place is `span`.
    pub places: Option<(Place, Place)>,
}

/// Where one of the objects of a message is, as Bro names it.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// A place in the source.
    At(Span),
    /// An object with no place of its own (a built-in type is named by
    /// itself, e.g. `count`).
    Named(String),
}

impl Diagnostic {
    /// An error at a place in the source.
    pub fn error(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic { severity: Severity::Error, message: message.into(), span: Some(span), label: None, located: true, places: None }
    }

    /// A warning at a place in the source.
    pub fn warning(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, message: message.into(), span: Some(span), label: None, located: true, places: None }
    }

    /// An error with no source location (`fatal error: can't find x.bro`).
    pub fn fatal(message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Fatal, message: message.into(), span: None, label: None, located: true, places: None }
    }

    /// Keeps the span for the pretty form but leaves it out of Bro's form.
    pub fn unlocated(mut self) -> Diagnostic {
        self.located = false;
        self
    }

    /// Names a pair of objects in Bro's form (`error in A and B: ...`);
    /// when both are the same place Bro names it once.
    pub fn between(mut self, first: Place, second: Place) -> Diagnostic {
        if first != second {
            self.places = Some((first, second));
        }
        self
    }

    /// Sets the label shown under the span in the pretty form.
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// True for errors and fatal errors, false for warnings.
    pub fn is_error(&self) -> bool {
        self.severity != Severity::Warning
    }
}

/// How diagnostics are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Bro's `error in FILE, line N: MESSAGE`.
    Plain,
    /// An ariadne report with the source line and a caret.
    Pretty {
        /// Use terminal colours.
        color: bool,
    },
}

fn kind_word(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Fatal => "fatal error",
    }
}

/// A place as Bro writes it: `./x.bro, line 3` (`lines 3-5` for a range),
/// or an object's own name.
fn place_text(place: &Place, sources: &SourceMap) -> String {
    match place {
        Place::Named(name) => name.clone(),
        Place::At(span) => {
            let file = sources.get(span.file);
            let line = file.line_of(span.start as usize);
            let last = file.line_of((span.end as usize).saturating_sub(1).max(span.start as usize));
            // Bro names a range when what it reports spans several lines.
            let lines = if last > line { format!("lines {line}-{last}") } else { format!("line {line}") };
            format!("{}, {lines}", file.name)
        }
    }
}

/// Bro's one-line form of a diagnostic.
pub fn render_plain(d: &Diagnostic, sources: &SourceMap) -> String {
    if !d.located {
        return format!("{}: {}", kind_word(d.severity), d.message);
    }
    match (&d.places, d.span) {
        (Some((a, b)), _) => {
            // Bro names the second object only where it is somewhere else.
            let (a, b) = (place_text(a, sources), place_text(b, sources));
            let places = if a == b { a } else { format!("{a} and {b}") };
            format!("{} in {places}: {}", kind_word(d.severity), d.message)
        }
        (None, Some(span)) => format!("{} in {}: {}", kind_word(d.severity), place_text(&Place::At(span), sources), d.message),
        (None, None) => format!("{}: {}", kind_word(d.severity), d.message),
    }
}

/// The ariadne report of a diagnostic, as text.
pub fn render_pretty(d: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};
    let Some(span) = d.span else {
        return format!("{}: {}\n", kind_word(d.severity), d.message);
    };
    let file = sources.get(span.file);
    let kind = match d.severity {
        Severity::Warning => ReportKind::Warning,
        _ => ReportKind::Error,
    };
    let (line, col) = file.line_col(span.start as usize);
    let len = file.text.len();
    let start = (span.start as usize).min(len);
    let end = (span.end as usize).clamp(start, len);
    let name = file.name.clone();
    let label = Label::new((name.clone(), start..end))
        .with_message(d.label.clone().unwrap_or_else(|| d.message.clone()));
    let report = Report::build(kind, (name.clone(), start..end))
        .with_config(Config::new().with_index_type(IndexType::Byte).with_color(color))
        .with_message(format!("{} (line {}, column {})", d.message, line, col))
        .with_label(label)
        .finish();
    let mut out = Vec::new();
    let _ = report.write((name, Source::from(file.text.as_str())), &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Renders a diagnostic in the chosen style (with a trailing newline).
pub fn render(d: &Diagnostic, sources: &SourceMap, style: Style) -> String {
    match style {
        Style::Plain => render_plain(d, sources) + "\n",
        Style::Pretty { color } => render_pretty(d, sources, color),
    }
}

/// Writes diagnostics to a writer, ignoring I/O errors (stderr may be closed).
pub fn emit(out: &mut dyn Write, diags: &[Diagnostic], sources: &SourceMap, style: Style) {
    for d in diags {
        let _ = out.write_all(render(d, sources, style).as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_form_matches_bro() {
        let mut map = SourceMap::new();
        let id = map.add("./bad.bro", "print 1 +;\n");
        let d = Diagnostic::error("syntax error, at or near \";\"", Span::new(id, 9, 10));
        assert_eq!(render_plain(&d, &map), "error in ./bad.bro, line 1: syntax error, at or near \";\"");
        assert_eq!(render_plain(&Diagnostic::fatal("can't find x.bro"), &map), "fatal error: can't find x.bro");
    }

    #[test]
    fn pretty_form_points_at_the_span() {
        let mut map = SourceMap::new();
        let id = map.add("./bad.bro", "print 1 +;\n");
        let d = Diagnostic::error("syntax error, at or near \";\"", Span::new(id, 9, 10));
        let text = render_pretty(&d, &map, false);
        assert!(text.contains("line 1, column 10"), "{text}");
        assert!(text.contains("print 1 +;"), "{text}");
    }
}
