//! `kubectl ack expiry`: when client certificates run out (`ops::expiry`), soonest first; `--within` for
//! cron and CI (exit 3); `-o prometheus` for monitoring (`prometheus.rs`).

mod prometheus;

use std::io::Write;

use time::OffsetDateTime;

use crate::error::{self, Error, exit};
use crate::ops::expiry::{self as use_case, ContextExpiry, ExpiryReport, Status};
use crate::output::{self, Format, Table};
use crate::request::{Expiry, ExpiryFormat};
use crate::{Io, Machine, t};

pub fn run(request: &Expiry, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let (report, problems) = use_case::expiry(request, machine)?;
    let prometheus = request.format == ExpiryFormat::Prometheus;
    for problem in problems {
        if prometheus {
            output::warning(io.err, &problem.report_line());
        } else {
            error::report(&Error::from(problem), io.err);
        }
    }
    match request.format {
        ExpiryFormat::Text => write_text(&report, machine.now, io.out)?,
        ExpiryFormat::Json => output::structured(io.out, Format::Json, &report)?,
        ExpiryFormat::Yaml => output::structured(io.out, Format::Yaml, &report)?,
        ExpiryFormat::Prometheus => {
            prometheus::note_contexts_without_samples(&report.contexts, io.err);
            prometheus::write(&report.contexts, io.out)?
        }
    }
    Ok(exit_status(&report.contexts, request.within.is_some(), prometheus))
}

/// 3 when a check was asked for and failed; else 1 when a certificate could not be read (except for
/// `-o prometheus`, where that is the `readable 0` sample); else 0.
fn exit_status(entries: &[ContextExpiry], checking: bool, prometheus: bool) -> u8 {
    let needs_renewal = entries.iter().any(|entry| matches!(entry.status, Status::Expired | Status::Expiring));
    if checking && needs_renewal {
        exit::EXPIRY_CHECK_FAILED
    } else if !prometheus && entries.iter().any(|entry| entry.status == Status::Unreadable) {
        exit::RUNTIME_ERROR
    } else {
        exit::SUCCESS
    }
}

fn write_text(report: &ExpiryReport, now: OffsetDateTime, out: &mut dyn Write) -> std::io::Result<()> {
    let mut table = Table::new([
        t!("expiry-header-context"),
        t!("expiry-header-user"),
        t!("expiry-header-expires"),
        t!("expiry-header-left"),
        t!("expiry-header-note"),
    ]);
    for entry in &report.contexts {
        let (expires, left) = match entry.not_after {
            Some(not_after) => (output::timestamp(not_after), left_text(now, not_after)),
            None => ("-".to_string(), "-".to_string()),
        };
        table.row(vec![
            entry.context.clone(),
            entry.user.clone().unwrap_or_else(|| "-".into()),
            expires,
            left,
            note(entry, now),
        ]);
    }
    table.write(out)
}

fn left_text(now: OffsetDateTime, not_after: OffsetDateTime) -> String {
    let left = not_after - now;
    if left.is_positive() { output::short_duration(left.unsigned_abs()) } else { t!("expiry-left-expired") }
}

fn note(entry: &ContextExpiry, now: OffsetDateTime) -> String {
    match entry.status {
        Status::Expired => match entry.not_after {
            Some(not_after) => {
                t!("expiry-note-expired-ago", ago = output::short_duration((now - not_after).unsigned_abs()))
            }
            None => t!("expiry-note-expired"),
        },
        Status::Expiring => t!("expiry-note-expiring"),
        Status::NoCertificate => t!("expiry-note-no-certificate", credential = entry.credential),
        Status::Token => t!("expiry-note-token"),
        Status::Unreadable => entry.error.as_ref().map(|error| error.local().to_string()).unwrap_or_default(),
        Status::Ok => match entry.renewal_window_opens {
            Some(opens) if opens <= now => t!("expiry-note-renewable"),
            Some(opens) => t!("expiry-note-window-opens", opens = output::timestamp(opens)),
            None if entry.long_term == Some(false) => t!("expiry-note-temporary"),
            None => String::new(),
        },
    }
}
