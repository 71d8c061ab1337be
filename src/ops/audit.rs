//! audit: who holds kubeconfigs for a cluster (ListClusterKubeconfigStates): each account with its type
//! and state, its certificate's state and expiry, and whether ACK lets it be revoked; `--all` does every
//! cluster the credentials see, concurrently. `--expiring-within` keeps the ones that need attention,
//! `--deleted-accounts` the ones that should not exist.

use std::time::Duration;

use ack_client::{Client, KubeconfigState};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Error;
use super::clusters::{resolve_cluster, with_cluster_detail};
use super::session::Session;
use crate::ack::ClusterRef;
use crate::i18n::Bilingual;
use crate::request::Audit;
use crate::{Io, Machine};

/// `-o json|yaml` of audit (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditReport {
    pub cluster_id: String,
    pub cluster_name: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub checked_at: OffsetDateTime,
    pub expiring_within_seconds: Option<u64>,
    pub deleted_accounts_only: bool,
    /// Soonest expiry first; certificates of unknown expiry last.
    pub kubeconfigs: Vec<Holder>,
}

/// One account's kubeconfig for the cluster. ACK's strings are passed through (empty ones as null), so
/// a state ACK adds later still shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Holder {
    pub account_id: Option<String>,
    pub account_name: Option<String>,
    pub account_display_name: Option<String>,
    /// `RootAccount`, `RamUser` or `RamRole`.
    pub account_type: Option<String>,
    /// `Active`, `InActive` or `Deleted`.
    pub account_state: Option<String>,
    /// `Unexpired`, `Expired` or `Unknown`.
    pub certificate_state: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub not_after: Option<OffsetDateTime>,
    /// Negative once expired.
    pub seconds_left: Option<i64>,
    pub revokable: bool,
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

    /// A kubeconfig that should not exist: its account is deleted or inactive, and its certificate still
    /// works (neither expired, by ACK's word or the clock, nor removed).
    pub fn is_orphaned(&self) -> bool {
        let gone = matches!(self.account_state.as_deref(), Some("Deleted" | "InActive"));
        let dead = matches!(self.certificate_state.as_deref(), Some("Expired" | "Removed"))
            || self.seconds_left.is_some_and(|left| left <= 0);
        gone && !dead
    }

    /// Expired by ACK's word or by the clock, or expiring inside the window. An unknown expiry is
    /// left out: there is nothing to say about when it runs out.
    fn expires_within(&self, window: Duration) -> bool {
        let window = i64::try_from(window.as_secs()).unwrap_or(i64::MAX);
        self.certificate_state.as_deref() == Some("Expired") || self.seconds_left.is_some_and(|left| left <= window)
    }
}

fn non_empty(text: String) -> Option<String> {
    Some(text).filter(|text| !text.is_empty())
}

/// What the holders are filtered by.
#[derive(Debug, Clone, Copy)]
struct Filter {
    expiring_within: Option<Duration>,
    deleted_accounts: bool,
}

impl Filter {
    fn of(request: &Audit) -> Filter {
        Filter { expiring_within: request.expiring_within, deleted_accounts: request.deleted_accounts }
    }

    fn keeps(&self, holder: &Holder) -> bool {
        self.expiring_within.is_none_or(|window| holder.expires_within(window))
            && (!self.deleted_accounts || holder.is_orphaned())
    }
}

/// The cluster's kubeconfig holders, soonest expiry first.
pub fn audit(
    cluster: &str,
    request: &Audit,
    machine: &Machine,
    verbose: bool,
    io: &mut Io<'_>,
) -> Result<AuditReport, Error> {
    let session = Session::open(&request.cloud, machine, verbose)?;
    let (cluster, states) = session.run(io.err, fetch(session.client(), cluster))?;
    Ok(report(cluster, states, machine.now, Filter::of(request)))
}

/// `audit --all -o json|yaml` (docs/OUTPUT.md): every cluster's holders, and the clusters that could not
/// be audited.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FleetAuditReport {
    #[serde(with = "time::serde::rfc3339")]
    pub checked_at: OffsetDateTime,
    /// The region listed; `None` with `--all-regions`.
    pub region: Option<String>,
    pub expiring_within_seconds: Option<u64>,
    pub deleted_accounts_only: bool,
    /// In the order ACK lists the clusters.
    pub clusters: Vec<ClusterAudit>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterAudit {
    pub cluster_id: String,
    pub cluster_name: Option<String>,
    pub region: Option<String>,
    pub kubeconfigs: Vec<Holder>,
    /// Why the cluster could not be audited (English in JSON); its `kubeconfigs` are then empty.
    pub error: Option<Bilingual>,
}

impl FleetAuditReport {
    pub fn failed(&self) -> usize {
        self.clusters.iter().filter(|cluster| cluster.error.is_some()).count()
    }
}

/// Every cluster of the region (or of every region), audited concurrently; a cluster that fails is
/// reported with its error and does not stop the others.
pub fn audit_all(
    all_regions: bool,
    request: &Audit,
    machine: &Machine,
    verbose: bool,
    io: &mut Io<'_>,
) -> Result<FleetAuditReport, Error> {
    let session = Session::open(&request.cloud, machine, verbose)?;
    let listing = super::clusters::list(&session, all_regions, io.err)?;
    let mut calls = Vec::new();
    for cluster in listing.clusters {
        let region = Some(cluster.region_id.clone()).filter(|region| !region.is_empty());
        calls.push((cluster, session.client_in(region)?));
    }
    let audit_one = |(cluster, client): (ack_client::ClusterSummary, Client)| async move {
        let states = client.list_cluster_kubeconfig_states(&cluster.cluster_id).await;
        (cluster, states)
    };
    let results = super::concurrently::each_with_progress(
        &session,
        io.err,
        machine.stderr_is_terminal,
        (calls, super::concurrently::DEFAULT_LIMIT),
        audit_one,
        |done, total| crate::t!("audit-all-progress", done = done, total = total),
    );
    let filter = Filter::of(request);
    let clusters = results
        .into_iter()
        .map(|(cluster, states)| {
            let region = Some(cluster.region_id.clone()).filter(|region| !region.is_empty());
            let cluster_ref =
                ClusterRef { id: cluster.cluster_id.clone(), name: Some(cluster.name.clone()), region: region.clone() };
            match states {
                Ok(states) => {
                    let report = report(cluster_ref, states, machine.now, filter);
                    ClusterAudit {
                        cluster_id: report.cluster_id,
                        cluster_name: report.cluster_name,
                        region,
                        kubeconfigs: report.kubeconfigs,
                        error: None,
                    }
                }
                Err(error) => {
                    let error = Error::from(error);
                    ClusterAudit {
                        cluster_id: cluster_ref.id,
                        cluster_name: cluster_ref.name,
                        region,
                        kubeconfigs: Vec::new(),
                        error: Some(Bilingual::of(|| error.report_line())),
                    }
                }
            }
        })
        .collect();
    Ok(FleetAuditReport {
        checked_at: machine.now,
        region: listing.region,
        expiring_within_seconds: request.expiring_within.map(|window| window.as_secs()),
        deleted_accounts_only: request.deleted_accounts,
        clusters,
    })
}

/// Resolves the cluster, then lists the states; the cluster's name (unknown when an ID was given) is
/// fetched alongside, and a failure there only leaves it out.
async fn fetch(client: &Client, cluster: &str) -> Result<(ClusterRef, Vec<KubeconfigState>), Error> {
    let mut cluster = resolve_cluster(client, cluster).await?;
    let id = cluster.id.clone();
    let states = with_cluster_detail(client, &mut cluster, client.list_cluster_kubeconfig_states(&id)).await?;
    Ok((cluster, states))
}

fn report(cluster: ClusterRef, states: Vec<KubeconfigState>, now: OffsetDateTime, filter: Filter) -> AuditReport {
    let mut kubeconfigs: Vec<Holder> =
        states.into_iter().map(|state| Holder::new(state, now)).filter(|holder| filter.keeps(holder)).collect();
    kubeconfigs.sort_by(|a, b| {
        (a.not_after.is_none(), a.not_after, &a.account_id).cmp(&(b.not_after.is_none(), b.not_after, &b.account_id))
    });
    AuditReport {
        cluster_id: cluster.id,
        cluster_name: cluster.name,
        checked_at: now,
        expiring_within_seconds: filter.expiring_within.map(|window| window.as_secs()),
        deleted_accounts_only: filter.deleted_accounts,
        kubeconfigs,
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

        let unknown = Holder::new(state("bob", "Unknown", ""), NOW);
        assert_eq!((unknown.not_after, unknown.seconds_left), (None, None));
        assert_eq!(Holder::new(state("carol", "Unknown", "next year"), NOW).not_after, None);
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
        let within = |window| Filter { expiring_within: window, deleted_accounts: false };
        let everyone = report(cluster(), states.clone(), NOW, within(None));
        assert_eq!(accounts(&everyone), ["gone", "soon", "edge", "later", "expired-by-ack", "unknown"]);
        let month = report(cluster(), states.clone(), NOW, within(Some(30 * DAY)));
        assert_eq!(accounts(&month), ["gone", "soon", "edge", "expired-by-ack"]);
        assert_eq!(month.expiring_within_seconds, Some(30 * 86_400));
        let none = report(cluster(), states, NOW, within(Some(Duration::ZERO)));
        assert_eq!(accounts(&none), ["gone", "expired-by-ack"]);
    }

    #[test]
    fn deleted_accounts_keeps_deleted_or_inactive_accounts_whose_certificate_still_works() {
        let with_account = |name: &str, account_state: &str, cert_state: &str, expires: &str| KubeconfigState {
            account_state: account_state.into(),
            ..state(name, cert_state, expires)
        };
        let states = vec![
            with_account("deleted", "Deleted", "Unexpired", "2027-01-01T00:00:00Z"),
            with_account("inactive", "InActive", "Unknown", ""),
            with_account("active", "Active", "Unexpired", "2027-01-01T00:00:00Z"),
            with_account("deleted-expired", "Deleted", "Expired", "2026-01-01T00:00:00Z"),
            with_account("deleted-expired-by-clock", "Deleted", "Unexpired", "2026-02-01T00:00:00Z"),
            with_account("deleted-removed", "Deleted", "Removed", "2027-01-01T00:00:00Z"),
        ];
        let orphans = report(cluster(), states, NOW, Filter { expiring_within: None, deleted_accounts: true });
        assert_eq!(accounts(&orphans), ["deleted", "inactive"]);
        assert!(orphans.deleted_accounts_only);
    }
}
