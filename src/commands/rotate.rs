//! `kubectl ack rotate`: renew the ACK contexts that are due (`ops::rotate`); this prints the plan or
//! what was done, as a table or `-o json|yaml`, and one summary line on stderr.

use std::time::Duration;

use super::shown;
use crate::error::{Error, exit};
use crate::ops::rotate::{self as use_case, Action, RotateReport};
use crate::output::{self, Format, Table};
use crate::request::Rotate;
use crate::{Io, Machine, ack, t};

pub fn run(request: &Rotate, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let report = use_case::rotate(request, machine, verbose, io)?;
    match request.format {
        Format::Text => write_table(&report, io.out)?,
        format => output::structured(io.out, format, &report)?,
    }
    summarise(&report, request, machine, io);
    let failed = report.contexts.iter().any(|rotation| rotation.action == Action::Failed);
    Ok(if failed { exit::RUNTIME_ERROR } else { exit::SUCCESS })
}

fn write_table(report: &RotateReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if report.contexts.is_empty() {
        return Ok(());
    }
    let mut table = Table::new([
        t!("rotate-header-context"),
        t!("rotate-header-cluster"),
        t!("rotate-header-access"),
        t!("rotate-header-lifetime"),
        t!("rotate-header-action"),
        t!("rotate-header-detail"),
    ]);
    for rotation in &report.contexts {
        let lifetime = match rotation.temporary_minutes {
            Some(minutes) => output::short_duration(Duration::from_secs(u64::from(minutes) * 60)),
            None => t!("rotate-lifetime-long-term"),
        };
        let action = match (rotation.action, report.dry_run) {
            (Action::Renew, true) => t!("rotate-action-would-renew"),
            (Action::Renew, false) => t!("rotate-action-due"),
            (Action::Renewed, _) => t!("rotate-action-renewed"),
            (Action::Skipped, _) => t!("rotate-action-skipped"),
            (Action::Failed, _) => t!("rotate-action-failed"),
        };
        let reason = rotation.reason_text();
        let detail = match rotation.new_not_after {
            Some(new) => t!("rotate-detail-renewed", reason = reason, expires = output::timestamp(new)),
            None => reason,
        };
        table.row(vec![
            rotation.context.clone(),
            ack::short_id(&rotation.cluster_id),
            t!("access-word", access = rotation.access.as_str()),
            lifetime,
            action,
            detail,
        ]);
    }
    table.write(out)
}

/// One line on stderr: what was done, and where.
fn summarise(report: &RotateReport, request: &Rotate, machine: &Machine, io: &mut Io<'_>) {
    let count = |action: Action| report.contexts.iter().filter(|rotation| rotation.action == action).count();
    let total = report.contexts.len();
    let (renewed, failed) = (count(Action::Renewed), count(Action::Failed));
    let file = report.written_to.as_deref().map(|file| shown(file, machine));
    let line = match (total, request.dry_run, file, failed) {
        (0, _, _, _) => t!("rotate-summary-none"),
        (_, true, _, _) => t!("rotate-summary-dry-run", due = count(Action::Renew), total = total),
        (_, false, None, 0) => t!("rotate-summary-renewed", renewed = renewed, total = total),
        (_, false, Some(file), 0) => t!("rotate-summary-renewed-in", renewed = renewed, total = total, file = file),
        (_, false, None, failed) => {
            t!("rotate-summary-renewed-failed", renewed = renewed, total = total, failed = failed)
        }
        (_, false, Some(file), failed) => {
            t!("rotate-summary-renewed-in-failed", renewed = renewed, total = total, file = file, failed = failed)
        }
    };
    let _ = writeln!(io.err, "{line}");
    if report.others > 0 && request.context.is_none() {
        output::note(io.err, &t!("rotate-others-left-alone", others = report.others));
    }
}
