//! `kubectl ack audit`: who holds kubeconfigs for a cluster (ListClusterKubeconfigStates): each
//! account with its type and state, its certificate's state and expiry, and whether ACK lets it be
//! revoked. `--expiring-within` keeps the ones that need attention.

use std::time::Duration;

use ack_client::{Client, KubeconfigState};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Io;
use super::cloud::{self, VerboseLines};
use super::get_credentials::{resolve_cluster, with_cluster_detail};
use crate::Environment;
use crate::ack::{ClusterRef, short_id};
use crate::cli::AuditArgs;
use crate::error::{Error, exit};
use crate::output::{self, Format, Table};

/// `-o json|yaml` of audit (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AuditReport {
    cluster_id: String,
    cluster_name: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    checked_at: OffsetDateTime,
    expiring_within_seconds: Option<u64>,
    /// Soonest expiry first; certificates of unknown expiry last.
    kubeconfigs: Vec<Holder>,
}

/// One account's kubeconfig for the cluster. ACK's strings are passed through (empty ones as null), so
/// a state ACK adds later still shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Holder {
    account_id: Option<String>,
    account_name: Option<String>,
    account_display_name: Option<String>,
    /// `RootAccount`, `RamUser` or `RamRole`.
    account_type: Option<String>,
    /// `Active`, `InActive` or `Deleted`.
    account_state: Option<String>,
    /// `Unexpired`, `Expired` or `Unknown`.
    certificate_state: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    not_after: Option<OffsetDateTime>,
    /// Negative once expired.
    seconds_left: Option<i64>,
    revokable: bool,
}

impl Holder {
    fn new(state: KubeconfigState, now: OffsetDateTime) -> Holder {
        let not_after = OffsetDateTime::parse(&state.cert_expire_time, &Rfc3339).ok();
        Holder {
            account_id: non_empty(state.account_id),
            account_name: non_empty(state.account_name),
            account_display_name: non_empty(state.account_display_name),
            account_type: non_empty(state.account_type),
            account_state: non_empty(state.account_state),
            certificate_state: non_empty(state.cert_state),
            not_after,
            seconds_left: not_after.map(|not_after| (not_after - now).whole_seconds()),
            revokable: state.revokable,
        }
    }

    /// Expired by ACK's word or by the clock, or expiring inside the window. An unknown expiry is
    /// left out: there is nothing to say about when it runs out.
    fn expires_within(&self, window: Duration) -> bool {
        let window = i64::try_from(window.as_secs()).unwrap_or(i64::MAX);
        self.certificate_state.as_deref() == Some("Expired") || self.seconds_left.is_some_and(|left| left <= window)
    }

    /// `alice`, or `alice (Alice Liu)` when the display name says more.
    fn account_label(&self) -> String {
        match (&self.account_name, &self.account_display_name) {
            (Some(name), Some(display)) if name != display => format!("{name} ({display})"),
            (Some(name), _) => name.clone(),
            (None, Some(display)) => display.clone(),
            (None, None) => "-".into(),
        }
    }
}

fn non_empty(text: String) -> Option<String> {
    Some(text).filter(|text| !text.is_empty())
}

pub fn run(args: &AuditArgs, verbose: bool, env: &Environment, io: &mut Io<'_>) -> Result<u8, Error> {
    let lines = VerboseLines::default();
    let client = cloud::client(&args.cloud, verbose.then_some(&lines))?;
    let answer = cloud::block_on(fetch(&client, &args.cluster));
    lines.flush(io);
    let (cluster, states) = answer??;
    let report = report(cluster, states, env.now, args.expiring_within);
    match args.output.output {
        // Like kubectl's "No resources found", the empty answer is a diagnostic, not a result.
        Format::Text if report.kubeconfigs.is_empty() => writeln!(io.err, "{}", nothing_found(&report))?,
        Format::Text => write_table(&report.kubeconfigs, env.now, io)?,
        format => output::structured(io.out, format, &report)?,
    }
    Ok(exit::SUCCESS)
}

/// Resolves the cluster, then lists the states; the cluster's name (unknown when an ID was given) is
/// fetched alongside, and a failure there only leaves it out.
async fn fetch(client: &Client, cluster: &str) -> Result<(ClusterRef, Vec<KubeconfigState>), Error> {
    let mut cluster = resolve_cluster(client, cluster).await?;
    let id = cluster.id.clone();
    let states = with_cluster_detail(client, &mut cluster, client.list_cluster_kubeconfig_states(&id)).await?;
    Ok((cluster, states))
}

fn report(
    cluster: ClusterRef,
    states: Vec<KubeconfigState>,
    now: OffsetDateTime,
    expiring_within: Option<Duration>,
) -> AuditReport {
    let mut kubeconfigs: Vec<Holder> = states
        .into_iter()
        .map(|state| Holder::new(state, now))
        .filter(|holder| expiring_within.is_none_or(|window| holder.expires_within(window)))
        .collect();
    kubeconfigs.sort_by(|a, b| {
        (a.not_after.is_none(), a.not_after, &a.account_id).cmp(&(b.not_after.is_none(), b.not_after, &b.account_id))
    });
    AuditReport {
        cluster_id: cluster.id,
        cluster_name: cluster.name,
        checked_at: now,
        expiring_within_seconds: expiring_within.map(|window| window.as_secs()),
        kubeconfigs,
    }
}

fn nothing_found(report: &AuditReport) -> String {
    let cluster = match &report.cluster_name {
        Some(name) => format!("{name} ({})", short_id(&report.cluster_id)),
        None => report.cluster_id.clone(),
    };
    match report.expiring_within_seconds {
        Some(seconds) => format!(
            "No kubeconfig of cluster {cluster} is expired or expires within {}.",
            output::short_duration(Duration::from_secs(seconds))
        ),
        None => format!("No account holds a kubeconfig for cluster {cluster}."),
    }
}

fn write_table(holders: &[Holder], now: OffsetDateTime, io: &mut Io<'_>) -> std::io::Result<()> {
    let mut table =
        Table::new(&["ACCOUNT", "ACCOUNT ID", "TYPE", "STATE", "CERTIFICATE", "EXPIRES", "LEFT", "REVOKABLE"]);
    let or_dash = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".into());
    for holder in holders {
        table.row(vec![
            holder.account_label(),
            or_dash(&holder.account_id),
            or_dash(&holder.account_type),
            or_dash(&holder.account_state),
            or_dash(&holder.certificate_state),
            holder.not_after.map(output::timestamp).unwrap_or_else(|| "-".into()),
            holder.not_after.map(|not_after| left_text(now, not_after)).unwrap_or_else(|| "-".into()),
            if holder.revokable { "yes" } else { "no" }.into(),
        ]);
    }
    table.write(io.out)
}

/// `29d 23h`, or `expired 2h ago`.
fn left_text(now: OffsetDateTime, not_after: OffsetDateTime) -> String {
    let left = not_after - now;
    if left.is_positive() {
        output::short_duration(left.unsigned_abs())
    } else {
        format!("expired {} ago", output::short_duration(left.unsigned_abs()))
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    const NOW: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);
    const DAY: Duration = Duration::from_secs(86_400);

    fn state(account: &str, cert_state: &str, expires: &str) -> KubeconfigState {
        KubeconfigState {
            account_id: format!("id-{account}"),
            account_name: account.into(),
            account_display_name: account.into(),
            account_state: "Active".into(),
            account_type: "RamUser".into(),
            cert_expire_time: expires.into(),
            cert_state: cert_state.into(),
            revokable: true,
        }
    }

    fn cluster() -> ClusterRef {
        ClusterRef { id: "c0a1b2c3d4e5f60718293a4b5c6d7e8f9".into(), name: Some("web".into()), region: None }
    }

    fn accounts(report: &AuditReport) -> Vec<&str> {
        report.kubeconfigs.iter().map(|holder| holder.account_name.as_deref().unwrap()).collect()
    }

    #[test]
    fn a_state_becomes_a_holder_with_time_left_and_nulls_for_empty_fields() {
        let mut answer = state("alice", "Unexpired", "2026-03-02T13:00:00Z");
        answer.account_display_name = String::new();
        let holder = Holder::new(answer, NOW);
        assert_eq!(holder.not_after, Some(datetime!(2026-03-02 13:00 UTC)));
        assert_eq!(holder.seconds_left, Some(25 * 3600));
        assert_eq!(holder.account_display_name, None);
        assert_eq!(holder.account_label(), "alice");

        let unknown = Holder::new(state("bob", "Unknown", ""), NOW);
        assert_eq!((unknown.not_after, unknown.seconds_left), (None, None));
        assert_eq!(Holder::new(state("carol", "Unknown", "next year"), NOW).not_after, None);
    }

    #[test]
    fn the_account_shows_its_display_name_when_it_differs() {
        let mut answer = state("alice", "Unexpired", "");
        answer.account_display_name = "Alice Liu".into();
        assert_eq!(Holder::new(answer, NOW).account_label(), "alice (Alice Liu)");
        let mut nameless = state("x", "Unknown", "");
        (nameless.account_name, nameless.account_display_name) = (String::new(), String::new());
        assert_eq!(Holder::new(nameless, NOW).account_label(), "-");
    }

    #[test]
    fn expiring_within_keeps_the_expired_and_those_inside_the_window() {
        let states = vec![
            state("later", "Unexpired", "2026-04-15T12:00:00Z"),
            state("soon", "Unexpired", "2026-03-10T12:00:00Z"),
            state("gone", "Expired", "2026-02-01T12:00:00Z"),
            state("expired-by-ack", "Expired", ""),
            state("unknown", "Unknown", ""),
            state("edge", "Unexpired", "2026-03-31T12:00:00Z"),
        ];
        let everyone = report(cluster(), states.clone(), NOW, None);
        assert_eq!(accounts(&everyone), ["gone", "soon", "edge", "later", "expired-by-ack", "unknown"]);
        let month = report(cluster(), states.clone(), NOW, Some(30 * DAY));
        assert_eq!(accounts(&month), ["gone", "soon", "edge", "expired-by-ack"]);
        assert_eq!(month.expiring_within_seconds, Some(30 * 86_400));
        let none = report(cluster(), states, NOW, Some(Duration::ZERO));
        assert_eq!(accounts(&none), ["gone", "expired-by-ack"]);
    }

    #[test]
    fn time_left_says_when_it_is_gone() {
        assert_eq!(left_text(NOW, datetime!(2026-03-31 14:00 UTC)), "30d 2h");
        assert_eq!(left_text(NOW, datetime!(2026-03-01 10:00 UTC)), "expired 2h ago");
    }

    #[test]
    fn an_empty_answer_names_the_cluster_and_the_window() {
        let empty = report(cluster(), Vec::new(), NOW, None);
        assert_eq!(nothing_found(&empty), "No account holds a kubeconfig for cluster web (c0a1b2c3…).");
        let unnamed = ClusterRef { name: None, ..cluster() };
        let filtered = report(unnamed, Vec::new(), NOW, Some(30 * DAY));
        assert_eq!(
            nothing_found(&filtered),
            "No kubeconfig of cluster c0a1b2c3d4e5f60718293a4b5c6d7e8f9 is expired or expires within 30d."
        );
    }
}
