//! `kubectl ack audit`: who holds kubeconfigs for a cluster, or for every cluster (`--all`)
//! (`ops::audit`), as a table or `-o json|yaml`.

use std::time::Duration;

use time::OffsetDateTime;

use crate::error::{Error, exit};
use crate::ops::audit::{self as use_case, AuditReport, ClusterAudit, Holder};
use crate::output::{self, Format, Table};
use crate::request::{Audit, AuditTarget};
use crate::{Io, Machine, ack, t};

pub fn run(request: &Audit, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let cluster = match &request.target {
        AuditTarget::Cluster(cluster) => cluster,
        AuditTarget::All { all_regions } => return all(*all_regions, request, verbose, machine, io),
    };
    let report = use_case::audit(cluster, request, machine, verbose, io)?;
    match request.format {
        // Like kubectl's "No resources found", the empty answer is a diagnostic, not a result.
        Format::Text if report.kubeconfigs.is_empty() => writeln!(io.err, "{}", nothing_found(&report))?,
        Format::Text => write_table(&report.kubeconfigs, machine.now, io)?,
        format => output::structured(io.out, format, &report)?,
    }
    Ok(exit::SUCCESS)
}

/// `--all`: one table with a CLUSTER column; each cluster that could not be audited is an error line on
/// stderr (its hint names what is missing), and the exit status is 1.
fn all(all_regions: bool, request: &Audit, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let report = use_case::audit_all(all_regions, request, machine, verbose, io)?;
    let status = if report.failed() == 0 { exit::SUCCESS } else { exit::RUNTIME_ERROR };
    if request.format != Format::Text {
        output::structured(io.out, request.format, &report)?;
        return Ok(status);
    }
    let rows: Vec<(&ClusterAudit, &Holder)> = report
        .clusters
        .iter()
        .flat_map(|cluster| cluster.kubeconfigs.iter().map(move |holder| (cluster, holder)))
        .collect();
    if rows.is_empty() {
        let audited = report.clusters.len() - report.failed();
        let line = match request.deleted_accounts {
            true => t!("audit-all-nothing-orphaned", clusters = audited),
            false => t!("audit-all-nothing", clusters = audited),
        };
        writeln!(io.err, "{line}")?;
    } else {
        write_fleet_table(&rows, machine.now, io)?;
    }
    for cluster in report.clusters.iter().filter(|cluster| cluster.error.is_some()) {
        let error = cluster.error.as_ref().map(|error| error.local().to_string()).unwrap_or_default();
        let line = t!(
            "audit-all-failed",
            cluster = ack::cluster_label(&cluster.cluster_id, cluster.cluster_name.as_deref()),
            error = error
        );
        writeln!(io.err, "{line}")?;
    }
    Ok(status)
}

fn write_fleet_table(rows: &[(&ClusterAudit, &Holder)], now: OffsetDateTime, io: &mut Io<'_>) -> std::io::Result<()> {
    let mut headers = vec![t!("audit-header-cluster")];
    headers.extend(holder_headers());
    let mut table = Table::new(headers);
    for (cluster, holder) in rows {
        let mut row = vec![ack::cluster_label(&cluster.cluster_id, cluster.cluster_name.as_deref())];
        row.extend(holder_cells(holder, now));
        table.row(row);
    }
    table.write(io.out)
}

fn nothing_found(report: &AuditReport) -> String {
    let cluster = ack::cluster_label(&report.cluster_id, report.cluster_name.as_deref());
    if report.deleted_accounts_only {
        return t!("audit-nothing-orphaned", cluster = cluster);
    }
    match report.expiring_within_seconds {
        Some(seconds) => t!(
            "audit-nothing-expiring",
            cluster = cluster,
            within = output::short_duration(Duration::from_secs(seconds))
        ),
        None => t!("audit-nothing", cluster = cluster),
    }
}

fn write_table(holders: &[Holder], now: OffsetDateTime, io: &mut Io<'_>) -> std::io::Result<()> {
    let mut table = Table::new(holder_headers());
    for holder in holders {
        table.row(holder_cells(holder, now));
    }
    table.write(io.out)
}

fn holder_headers() -> Vec<String> {
    vec![
        t!("audit-header-account"),
        t!("audit-header-account-id"),
        t!("audit-header-type"),
        t!("audit-header-state"),
        t!("audit-header-certificate"),
        t!("audit-header-expires"),
        t!("audit-header-left"),
        t!("audit-header-revokable"),
    ]
}

fn holder_cells(holder: &Holder, now: OffsetDateTime) -> Vec<String> {
    let or_dash = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".into());
    vec![
        account_label(holder),
        or_dash(&holder.account_id),
        or_dash(&holder.account_type),
        or_dash(&holder.account_state),
        or_dash(&holder.certificate_state),
        holder.not_after.map(output::timestamp).unwrap_or_else(|| "-".into()),
        holder.not_after.map(|not_after| left_text(now, not_after)).unwrap_or_else(|| "-".into()),
        if holder.revokable { t!("audit-yes") } else { t!("audit-no") },
    ]
}

/// `alice`, or `alice (Alice Liu)` when the display name says more.
fn account_label(holder: &Holder) -> String {
    match (&holder.account_name, &holder.account_display_name) {
        (Some(name), Some(display)) if name != display => format!("{name} ({display})"),
        (Some(name), _) => name.clone(),
        (None, Some(display)) => display.clone(),
        (None, None) => "-".into(),
    }
}

/// `29d 23h`, or `expired 2h ago`.
fn left_text(now: OffsetDateTime, not_after: OffsetDateTime) -> String {
    let left = not_after - now;
    if left.is_positive() {
        output::short_duration(left.unsigned_abs())
    } else {
        t!("audit-expired-ago", ago = output::short_duration(left.unsigned_abs()))
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    const NOW: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);

    fn holder(name: Option<&str>, display: Option<&str>) -> Holder {
        Holder {
            account_id: None,
            account_name: name.map(str::to_string),
            account_display_name: display.map(str::to_string),
            account_type: None,
            account_state: None,
            certificate_state: None,
            not_after: None,
            seconds_left: None,
            revokable: true,
        }
    }

    fn report(cluster_name: Option<&str>, expiring_within_seconds: Option<u64>) -> AuditReport {
        AuditReport {
            cluster_id: "c0a1b2c3d4e5f60718293a4b5c6d7e8f9".into(),
            cluster_name: cluster_name.map(str::to_string),
            checked_at: NOW,
            expiring_within_seconds,
            deleted_accounts_only: false,
            kubeconfigs: Vec::new(),
        }
    }

    #[test]
    fn the_account_shows_its_display_name_when_it_differs() {
        assert_eq!(account_label(&holder(Some("alice"), Some("Alice Liu"))), "alice (Alice Liu)");
        assert_eq!(account_label(&holder(Some("alice"), Some("alice"))), "alice");
        assert_eq!(account_label(&holder(Some("alice"), None)), "alice");
        assert_eq!(account_label(&holder(None, None)), "-");
    }

    #[test]
    fn time_left_says_when_it_is_gone() {
        assert_eq!(left_text(NOW, datetime!(2026-03-31 14:00 UTC)), "30d 2h");
        assert_eq!(left_text(NOW, datetime!(2026-03-01 10:00 UTC)), "expired 2h ago");
    }

    #[test]
    fn an_empty_answer_names_the_cluster_and_the_window() {
        assert_eq!(
            nothing_found(&report(Some("web"), None)),
            "No account holds a kubeconfig for cluster web (c0a1b2c3…)."
        );
        assert_eq!(
            nothing_found(&report(None, Some(30 * 86_400))),
            "No kubeconfig of cluster c0a1b2c3d4e5f60718293a4b5c6d7e8f9 is expired or expires within 30d."
        );
    }
}
