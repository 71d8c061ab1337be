//! Every user-facing word goes through here: output formats, tables, times and durations,
//! warnings. Human output goes to stdout, diagnostics to stderr; machine output (`-o json|yaml`)
//! is the serialised report structs, documented in docs/OUTPUT.md.

use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// `-o/--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Human-readable text (a table for lists).
    #[default]
    #[value(alias = "table")]
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
    let _ = writeln!(err, "warning: {message}");
}

/// `note: …` on the diagnostics stream: worth knowing, nothing wrong.
pub fn note(err: &mut dyn Write, message: &str) {
    let _ = writeln!(err, "note: {message}");
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
    let total = duration.as_secs();
    let (days, hours, minutes, seconds) = (total / 86_400, total / 3_600 % 24, total / 60 % 60, total % 60);
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{seconds}s"),
        (0, 0, _) if seconds > 0 => format!("{minutes}m {seconds}s"),
        (0, 0, _) => format!("{minutes}m"),
        (0, _, 0) => format!("{hours}h"),
        (0, _, _) => format!("{hours}h {minutes}m"),
        (_, 0, _) => format!("{days}d"),
        _ => format!("{days}d {hours}h"),
    }
}

/// `29d 23h left` or `expired 3d 4h ago`.
pub fn time_left(now: OffsetDateTime, until: OffsetDateTime) -> String {
    let difference = until - now;
    if difference.is_positive() {
        format!("{} left", short_duration(difference.unsigned_abs()))
    } else {
        format!("expired {} ago", short_duration(difference.unsigned_abs()))
    }
}

/// A path for messages, with the home directory shortened to `~` as people write it.
pub fn display_path(path: &Path, home: Option<&Path>) -> String {
    if let Some(rest) = home.and_then(|home| path.strip_prefix(home).ok()) {
        return Path::new("~").join(rest).display().to_string();
    }
    path.display().to_string()
}

/// A kubectl-style table: upper-case headers, columns separated by three spaces, no borders.
#[derive(Debug, Default)]
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&'static str]) -> Self {
        Table { headers: headers.to_vec(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len());
        self.rows.push(cells);
    }

    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut widths: Vec<usize> = self.headers.iter().map(|header| header.chars().count()).collect();
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let headers: Vec<String> = self.headers.iter().map(|header| header.to_string()).collect();
        for cells in std::iter::once(&headers).chain(&self.rows) {
            let mut line = String::new();
            for (index, (cell, width)) in cells.iter().zip(&widths).enumerate() {
                if index + 1 == cells.len() {
                    line.push_str(cell);
                } else {
                    line.push_str(&format!("{cell:<width$}   "));
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
        let mut table = Table::new(&["NAME", "STATE"]);
        table.row(vec!["prod-web".into(), "running".into()]);
        table.row(vec!["a".into(), "".into()]);
        let mut out = Vec::new();
        table.write(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "NAME       STATE\nprod-web   running\na\n");
    }

    #[test]
    fn home_is_shortened_in_paths() {
        let home = Path::new("/home/u");
        assert_eq!(display_path(Path::new("/home/u/.kube/config"), Some(home)), "~/.kube/config");
        assert_eq!(display_path(Path::new("/etc/kube"), Some(home)), "/etc/kube");
    }
}
