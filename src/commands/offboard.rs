//! `kubectl ack offboard UID`: a departed user's kubeconfigs and ACK-managed RBAC grants (`ops::offboard`).
//! The plan first (two tables), then a confirmation on a terminal (`--yes` otherwise), the clean, a wait
//! with a progress line until ACK shows the kubeconfigs removed, and the result with the recycle-bin
//! note; `--dry-run` stops after the plan. `-o json|yaml` prints the report once, at the end.

use std::io::Write;

use crate::error::{Error, exit};
use crate::ops::offboard::{self as use_case, OffboardReport, grant_cluster};
use crate::ops::session::Session;
use crate::output::{self, Format, Table};
use crate::request::Offboard;
use crate::{Io, Machine, ack, t};

pub fn run(request: &Offboard, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let session = Session::open(&request.cloud, machine, verbose)?;
    let mut report = use_case::plan(request, &session, machine, io)?;
    let text = request.format == Format::Text;
    if text {
        write_plan(&report, io.out)?;
    }
    if report.is_empty() {
        if text {
            let scoped = if request.clusters.is_empty() { "no" } else { "yes" };
            writeln!(io.err, "{}", t!("offboard-nothing", uid = report.uid.as_str(), scoped = scoped))?;
        }
        return finish(&report, request, io);
    }
    if request.dry_run {
        if text {
            let (operation, clusters) = planned_operation(&report);
            let force = if request.force { "yes" } else { "no" };
            let line = t!("offboard-dry-run", operation = operation, clusters = clusters, force = force);
            writeln!(io.err, "{line}")?;
        }
        return finish(&report, request, io);
    }
    use_case::confirm(&report, request, machine, io)?;
    use_case::clean(&mut report, request, &session, io)?;
    if let Some(clean) = &report.clean {
        let task = clean.task_id.as_deref().unwrap_or("none");
        output::note(io.err, &t!("offboard-sent", operation = clean.operation, task = task));
    }
    if request.wait {
        let on_terminal = machine.stderr_is_terminal;
        let mut progress = |err: &mut dyn Write, removed: usize, total: usize| {
            if on_terminal {
                let line = t!("offboard-waiting", removed = removed, total = total);
                output::progress(err, &line, removed == total);
            }
        };
        use_case::wait(&mut report, &session, io, &mut progress)?;
    } else if text {
        output::note(io.err, &t!("offboard-not-waited", uid = report.uid.as_str()));
    }
    if text {
        write_result(&report, request.wait, io)?;
    }
    finish(&report, request, io)
}

/// The operation a clean would send, and for how many clusters.
fn planned_operation(report: &OffboardReport) -> (&'static str, usize) {
    match report.target_clusters().len() {
        1 => ("CleanClusterUserPermissions", 1),
        count => ("CleanUserPermissions", count),
    }
}

/// The structured report (for `-o json|yaml`), and the exit status: 1 when a kubeconfig is not yet removed.
fn finish(report: &OffboardReport, request: &Offboard, io: &mut Io<'_>) -> Result<u8, Error> {
    if request.format != Format::Text {
        output::structured(io.out, request.format, report)?;
    }
    Ok(if report.complete() { exit::SUCCESS } else { exit::RUNTIME_ERROR })
}

fn write_plan(report: &OffboardReport, out: &mut dyn Write) -> std::io::Result<()> {
    let uid = report.uid.as_str();
    if report.kubeconfigs.is_empty() {
        writeln!(out, "{}", t!("offboard-plan-no-kubeconfigs", uid = uid))?;
    } else {
        writeln!(out, "{}", t!("offboard-plan-kubeconfigs", uid = uid))?;
        let mut table = Table::new([
            t!("offboard-header-cluster"),
            t!("offboard-header-cluster-state"),
            t!("offboard-header-certificate"),
            t!("offboard-header-expires"),
        ]);
        for held in &report.kubeconfigs {
            table.row(vec![
                ack::cluster_label(&held.cluster_id, held.cluster_name.as_deref()),
                held.cluster_state.clone().unwrap_or_else(|| "-".into()),
                held.certificate_state.clone(),
                held.not_after.map(output::timestamp).unwrap_or_else(|| "-".into()),
            ]);
        }
        table.write(out)?;
    }
    if report.grants.is_empty() {
        writeln!(out, "{}", t!("offboard-plan-no-grants", uid = uid))?;
        return Ok(());
    }
    writeln!(out, "{}", t!("offboard-plan-grants", uid = uid))?;
    let mut table =
        Table::new([t!("offboard-header-resource"), t!("offboard-header-role"), t!("offboard-header-role-type")]);
    for grant in &report.grants {
        let cluster = grant_cluster(grant);
        let name = report
            .kubeconfigs
            .iter()
            .find(|held| held.cluster_id == cluster)
            .and_then(|held| held.cluster_name.clone());
        let resource = match grant.resource_id.split_once('/') {
            Some((_, namespace)) => format!("{}/{namespace}", ack::cluster_label(cluster, name.as_deref())),
            None => ack::cluster_label(&grant.resource_id, name.as_deref()),
        };
        table.row(vec![resource, grant.role_name.clone(), grant.role_type.clone()]);
    }
    table.write(out)
}

fn write_result(report: &OffboardReport, waited: bool, io: &mut Io<'_>) -> std::io::Result<()> {
    let Some(clean) = &report.clean else { return Ok(()) };
    if waited && !clean.results.is_empty() {
        let mut table =
            Table::new([t!("offboard-header-cluster"), t!("offboard-header-before"), t!("offboard-header-now")]);
        for result in &clean.results {
            let now = match (&result.after, result.removed) {
                (_, true) => t!("offboard-removed"),
                (Some(after), false) => format!("{after} ({})", t!("offboard-not-removed")),
                (None, false) => "-".into(),
            };
            table.row(vec![
                ack::cluster_label(&result.cluster_id, result.cluster_name.as_deref()),
                result.before.clone(),
                now,
            ]);
        }
        table.write(io.out)?;
    }
    let left = clean.results.iter().filter(|result| !result.removed).count();
    if waited && left > 0 {
        let line = t!(
            "offboard-incomplete",
            left = left,
            total = clean.results.len(),
            seconds = 120_u64,
            uid = report.uid.as_str()
        );
        writeln!(io.err, "{line}")?;
    } else if waited {
        writeln!(io.err, "{}", t!("offboard-done", uid = report.uid.as_str(), clusters = clean.clusters.len()))?;
    }
    output::note(io.err, &t!("offboard-recycle-bin"));
    Ok(())
}
