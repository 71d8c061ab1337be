//! Every user-facing word goes through here: the catalogue of messages (`i18n`, the `t!` macro),
//! output formats, tables, times and durations, warnings and notes. Human output goes to stdout,
//! diagnostics to stderr; machine output (`-o json|yaml`) is the serialised report structs,
//! documented in docs/OUTPUT.md, and never changes with the language.

use crate::i18n::needs_escape;
pub use crate::i18n::{MessageArgument, clean};

use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// `-o/--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Human-readable text (a table for lists).
    #[default]
    Text,
    Json,
    Yaml,
}

/// Writes a report as JSON (pretty, with a trailing newline) or YAML.
pub fn structured<T: Serialize>(out: &mut dyn Write, format: Format, value: &T) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, value)?;
            writeln!(out)
        }
        Format::Yaml => {
            let text = crate::yaml::to_string(value).map_err(io::Error::other)?;
            out.write_all(text.as_bytes())
        }
        Format::Text => unreachable!("text output is written by each command"),
    }
}

/// `warning: …` on the diagnostics stream.
pub fn warning(err: &mut dyn Write, message: &str) {
    let _ = writeln!(err, "warning: {}", clean(message));
}

/// A progress line on a terminal, redrawn in place; cleared when `done`, so the lines after it start clean.
pub fn progress(err: &mut dyn Write, line: &str, done: bool) {
    let _ = write!(err, "\r{line}");
    if done {
        let _ = write!(err, "\r\x1b[K");
    }
    let _ = err.flush();
}

/// One writer shared by two users that never write at the same moment (a progress callback during an
/// operation, the operation's verbose lines after it).
pub struct SharedWriter<'a, 'w, W: Write + ?Sized>(pub &'a std::cell::RefCell<&'w mut W>);

impl<W: Write + ?Sized> Write for SharedWriter<'_, '_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

/// A cause as one line: some libraries render a source snippet over several lines, with their own
/// `error:` prefix, which would break the one-`error:`-line report.
fn one_line(text: &str) -> Option<String> {
    let first = text.lines().map(str::trim).find(|line| !line.is_empty())?;
    Some(first.strip_prefix("error: ").unwrap_or(first).to_string())
}

/// An error and all its causes as one line, `error: cause: cause`, for messages that must fit on one.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut cause = error.source();
    while let Some(current) = cause {
        parts.extend(one_line(&current.to_string()));
        cause = current.source();
    }
    parts.join(": ")
}

/// Writes `error:`, every `caused by:` and the hint, each on its own line.
pub fn error_report(err: &mut dyn Write, error: &dyn std::error::Error, hint: Option<String>) {
    let _ = writeln!(err, "error: {}", clean(&error.to_string()));
    let mut cause = error.source();
    while let Some(current) = cause {
        if let Some(text) = one_line(&current.to_string()) {
            let _ = writeln!(err, "  caused by: {}", clean(&text));
        }
        cause = current.source();
    }
    if let Some(hint) = hint {
        let _ = writeln!(err, "  hint: {}", clean(&hint));
    }
}

/// The whole report on one line (`message; caused by: …; hint: …`).
pub fn error_report_line(error: &dyn std::error::Error, hint: Option<String>) -> String {
    let mut text = Vec::new();
    error_report(&mut text, error, hint);
    let line = String::from_utf8_lossy(&text).lines().map(str::trim).collect::<Vec<_>>().join("; ");
    line.strip_prefix("error: ").unwrap_or(&line).to_string()
}

/// `note: …` on the diagnostics stream: worth knowing, nothing wrong.
pub fn note(err: &mut dyn Write, message: &str) {
    let _ = writeln!(err, "note: {}", clean(message));
}

/// How a check came out (`doctor`), ordered from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    /// Not run, because something it needs is missing or failed.
    Skip,
    Warn,
    Fail,
}

impl Verdict {
    /// The mark people scan for: `✓` passed, `!` warning, `✗` failed, `-` skipped.
    pub fn mark(self) -> &'static str {
        match self {
            Verdict::Pass => "✓",
            Verdict::Skip => "-",
            Verdict::Warn => "!",
            Verdict::Fail => "✗",
        }
    }
}

/// `3 checks` / `1 check`: a count with its noun, plural in English's regular way.
pub fn count(number: usize, noun: &str) -> String {
    if number == 1 { format!("1 {noun}") } else { format!("{number} {noun}s") }
}

/// `2026-11-24 09:56 UTC`
pub fn timestamp(time: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time.to_offset(time::UtcOffset::UTC).format(&format).unwrap_or_else(|_| rfc3339(time))
}

/// `2026-11-24 09:56:17 UTC`
pub fn timestamp_seconds(time: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    time.to_offset(time::UtcOffset::UTC).format(&format).unwrap_or_else(|_| rfc3339(time))
}

/// `2026-11-24T09:56:17Z`, for machine output.
pub fn rfc3339(time: OffsetDateTime) -> String {
    time.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default()
}

/// The two largest units: `3d 4h`, `5h 12m`, `14m 3s`, `45s`.
pub fn short_duration(duration: Duration) -> String {
    crate::duration::two_largest_units(duration)
}

/// `29d 23h left` or `expired 3d 4h ago`.
pub fn time_left(now: OffsetDateTime, until: OffsetDateTime) -> String {
    let difference = until - now;
    let duration = short_duration(difference.unsigned_abs());
    if difference.is_positive() {
        crate::t!("time-left", duration = duration)
    } else {
        crate::t!("time-expired-ago", duration = duration)
    }
}

/// A path for messages, with the home directory shortened to `~` as people write it.
pub fn display_path(path: &Path, home: Option<&Path>) -> String {
    if let Some(rest) = home.and_then(|home| path.strip_prefix(home).ok()) {
        return Path::new("~").join(rest).display().to_string();
    }
    path.display().to_string()
}

/// `Label: value` lines with the values aligned after the longest label (whoami, export-cert).
pub fn labelled_lines(out: &mut dyn Write, lines: &[(String, String)]) -> io::Result<()> {
    let width = lines.iter().map(|(label, _)| display_width(label)).max().unwrap_or(0) + 1;
    for (label, value) in lines {
        let label = format!("{label}:");
        let padding = width.saturating_sub(display_width(&label));
        writeln!(out, "{label}{} {}", " ".repeat(padding), clean(value))?;
    }
    Ok(())
}

/// Columns a text takes on a terminal: East Asian wide characters take two.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// CJK ideographs, kana, Hangul and full-width forms: the characters zh-CN and ja output is made of.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// One argument of a command line the user may paste, quoted for POSIX shells when it holds anything but
/// plainly safe characters: a context named `web$(touch x) && rm -rf ~` stays one harmless argument.
pub fn shell_quote(argument: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c);
    if !argument.is_empty() && argument.chars().all(safe) {
        return argument.to_string();
    }
    if argument.chars().any(needs_escape) {
        // ANSI-C quoting (bash, zsh, ksh): the control characters stay escapes on screen and in the shell.
        let escaped = argument.replace('\\', "\\\\").replace('\'', "\\'");
        return format!("$'{}'", clean(&escaped));
    }
    format!("'{}'", argument.replace('\'', "'\\''"))
}

/// A command line to print: the program's words as given, each argument shell-quoted.
pub fn command_line<'a>(words: &[&str], arguments: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = words.join(" ");
    for argument in arguments {
        line.push(' ');
        line.push_str(&shell_quote(argument));
    }
    line
}

/// Whether an answer to a `[y/N]` prompt is yes.
pub fn is_yes(answer: &str) -> bool {
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")
}

/// A kubectl-style table: upper-case headers, columns separated by three spaces, no borders.
#[derive(Debug, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Self {
        Table { headers: headers.into_iter().map(Into::into).collect(), rows: Vec::new() }
    }

    /// A row; cells are shown `clean`ed.
    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len());
        self.rows.push(cells.into_iter().map(|cell| clean(&cell).into_owned()).collect());
    }

    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut widths: Vec<usize> = self.headers.iter().map(|header| display_width(header)).collect();
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(display_width(cell));
            }
        }
        for cells in std::iter::once(&self.headers).chain(&self.rows) {
            let mut line = String::new();
            for (index, (cell, width)) in cells.iter().zip(&widths).enumerate() {
                line.push_str(cell);
                if index + 1 < cells.len() {
                    line.push_str(&" ".repeat(width - display_width(cell) + 3));
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn durations_show_their_two_largest_units() {
        let cases = [
            (45, "45s"),
            (14 * 60, "14m"),
            (14 * 60 + 3, "14m 3s"),
            (5 * 3600, "5h"),
            (5 * 3600 + 12 * 60, "5h 12m"),
            (3 * 86_400, "3d"),
            (3 * 86_400 + 4 * 3600 + 59, "3d 4h"),
        ];
        for (seconds, text) in cases {
            assert_eq!(short_duration(Duration::from_secs(seconds)), text);
        }
    }

    #[test]
    fn time_left_says_when_it_is_gone() {
        let now = datetime!(2026-11-23 12:00 UTC);
        assert_eq!(time_left(now, datetime!(2026-11-24 13:00 UTC)), "1d 1h left");
        assert_eq!(time_left(now, datetime!(2026-11-23 11:30 UTC)), "expired 30m ago");
        assert_eq!(timestamp(datetime!(2026-11-24 09:56:17 +8)), "2026-11-24 01:56 UTC");
    }

    #[test]
    fn tables_align_like_kubectl() {
        let mut table = Table::new(["NAME", "STATE"]);
        table.row(vec!["prod-web".into(), "running".into()]);
        table.row(vec!["a".into(), "".into()]);
        let mut out = Vec::new();
        table.write(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "NAME       STATE\nprod-web   running\na\n");
    }

    #[test]
    fn printed_commands_quote_what_a_shell_would_interpret() {
        assert_eq!(shell_quote("prod-web"), "prod-web");
        assert_eq!(shell_quote("/home/u/.kube/config"), "/home/u/.kube/config");
        assert_eq!(shell_quote("web$(touch x) && rm -rf ~"), "'web$(touch x) && rm -rf ~'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(command_line(&["chmod", "600"], ["/tmp/my config"]), "chmod 600 '/tmp/my config'");
        assert_eq!(shell_quote("web\nx"), "$'web\\nx'", "a newline in a name must not start a new line");
        assert_eq!(shell_quote("a'\x1b[31m"), "$'a\\'\\x1b[31m'");
    }

    #[test]
    fn terminal_hostile_text_is_shown_escaped() {
        assert_eq!(clean("prod-web"), "prod-web");
        assert_eq!(clean("evil\x1b[2J\x07"), "evil\\x1b[2J\\x07");
        assert_eq!(clean("a\nerror: forged"), "a\\nerror: forged");
        assert_eq!(clean("\u{202e}txt.exe"), "\\u{202e}txt.exe");
        assert_eq!(clean("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(clean("集群 クラスター"), "集群 クラスター");
    }

    #[test]
    fn home_is_shortened_in_paths() {
        let home = Path::new("/home/u");
        assert_eq!(display_path(Path::new("/home/u/.kube/config"), Some(home)), "~/.kube/config");
        assert_eq!(display_path(Path::new("/etc/kube"), Some(home)), "/etc/kube");
    }
}
