//! `kubectl ack prune`: remove what no longer works (`ops::prune`). The plan first — each context, why, what
//! goes with it, which file — then a confirmation on a terminal (`--yes` otherwise), a copy of each changed
//! file, and one write per file; `--dry-run` stops after the plan. Exit 1 when a cluster could not be checked.

use std::io::Write;

use super::shown;
use crate::error::{Error, exit};
use crate::ops::prune::{self as use_case, PruneReport};
use crate::output::{self, Format, Table};
use crate::request::Prune;
use crate::{Io, Machine, t};

pub fn run(request: &Prune, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let mut report = use_case::plan(request, machine, verbose, io)?;
    let something = !report.contexts.is_empty() || !report.entries.is_empty();
    if request.format == Format::Text {
        write_plan(&report, machine, io.out)?;
    }
    if something && !request.dry_run {
        use_case::confirm(&report, request, machine, io)?;
        use_case::apply(&mut report, request, machine)?;
    }
    match request.format {
        Format::Text => summarise(&report, machine, io),
        format => output::structured(io.out, format, &report)?,
    }
    Ok(if use_case::incomplete(&report) { exit::RUNTIME_ERROR } else { exit::SUCCESS })
}

fn write_plan(report: &PruneReport, machine: &Machine, out: &mut dyn Write) -> std::io::Result<()> {
    if !report.contexts.is_empty() {
        let mut table = Table::new([
            t!("prune-header-context"),
            t!("prune-header-reason"),
            t!("prune-header-removes"),
            t!("prune-header-file"),
        ]);
        for pruned in &report.contexts {
            let removes: Vec<String> = pruned
                .removes
                .iter()
                .map(|entry| t!("prune-entry", kind = entry.kind, name = entry.name.as_str()))
                .collect();
            table.row(vec![
                pruned.context.clone(),
                pruned.why.text(report.checked_at),
                if removes.is_empty() { "-".into() } else { removes.join(", ") },
                shown(&pruned.file, machine),
            ]);
        }
        table.write(out)?;
    }
    if !report.entries.is_empty() {
        writeln!(out, "{}", t!("prune-unused-entries"))?;
        let mut table = Table::new([t!("prune-header-kind"), t!("prune-header-name"), t!("prune-header-file")]);
        for entry in &report.entries {
            table.row(vec![entry.kind.to_string(), entry.name.clone(), shown(&entry.file, machine)]);
        }
        table.write(out)?;
    }
    if !report.kept.is_empty() {
        writeln!(out, "{}", t!("prune-kept"))?;
        let mut table = Table::new([t!("prune-header-context"), t!("prune-header-cluster"), t!("prune-header-reason")]);
        for kept in &report.kept {
            table.row(vec![kept.context.clone(), kept.cluster_id.clone(), kept.reason.local().to_string()]);
        }
        table.write(out)?;
    }
    Ok(())
}

/// What was done, on stderr.
fn summarise(report: &PruneReport, machine: &Machine, io: &mut Io<'_>) {
    let (contexts, entries) = (report.contexts.len(), use_case::removed_entries(report));
    let line = if contexts == 0 && entries == 0 {
        t!("prune-nothing")
    } else if !report.applied {
        t!("prune-dry-run", contexts = contexts, entries = entries)
    } else {
        t!("prune-done", contexts = contexts, entries = entries)
    };
    let _ = writeln!(io.err, "{line}");
    if report.applied {
        if let Some(current) = &report.current_context_unset {
            let _ = writeln!(io.err, "{}", t!("prune-current-context-unset", context = current.as_str()));
        }
        for backup in &report.backups {
            let _ = writeln!(io.err, "{}", t!("prune-backup", path = shown(backup, machine)));
        }
    }
    if !report.kept.is_empty() {
        output::warning(io.err, &t!("prune-kept-warning", count = report.kept.len()));
    }
}
