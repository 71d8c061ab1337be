//! offboard: when someone leaves. The plan (where the user holds a kubeconfig: ListUserKubeConfigStates;
//! the RBAC grants ACK manages for them: DescribeUserPermission), then the clean (CleanUserPermissions,
//! or CleanClusterUserPermissions for one cluster) with ACK's own 7-day activity check unless `--force`,
//! then a bounded wait until ACK shows the kubeconfigs removed.
//!
//! ACK refuses to clean the Alibaba Cloud account itself and the caller's own identity; both are refused
//! here first, from STS GetCallerIdentity, before any CS request. A cleaned kubeconfig can be restored
//! from the ACK console's recycle bin for 30 days; there is no public API for that (lifecycle-token-l10n.md,
//! Q2 §2.8).

use std::time::Duration;

use ack_client::{Client, UserKubeconfigState, UserPermission};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Error;
use super::clusters::resolve_cluster;
use super::session::Session;
use crate::request::Offboard;
use crate::{Io, Machine, output, t};

/// How long the wait for ACK's task lasts before the result says "not yet".
const WAIT_LIMIT: Duration = Duration::from_secs(120);
/// The first poll comes quickly (small cleans finish at once), later ones every two seconds.
const FIRST_POLL: Duration = Duration::from_millis(250);
const POLL_CAP: Duration = Duration::from_secs(2);

/// `offboard -o json|yaml` (docs/OUTPUT.md): the plan, and what the clean did.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OffboardReport {
    pub uid: String,
    #[serde(with = "time::serde::rfc3339")]
    pub checked_at: OffsetDateTime,
    pub force: bool,
    pub dry_run: bool,
    /// Whose credentials ran the offboarding (STS GetCallerIdentity's ARN), when STS answered.
    pub caller_arn: Option<String>,
    /// The clusters where the user holds a kubeconfig (or held one that is not yet removed).
    pub kubeconfigs: Vec<HeldKubeconfig>,
    /// The RBAC grants ACK manages for the user, as DescribeUserPermission lists them.
    pub grants: Vec<UserPermission>,
    /// What was sent and what came of it; `None` when nothing was sent (dry run, nothing to clean).
    pub clean: Option<CleanOutcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldKubeconfig {
    pub cluster_id: String,
    pub cluster_name: Option<String>,
    pub cluster_state: Option<String>,
    /// `Unexpired`, `Expired`, `Unknown` (before); `Removed` once cleaned.
    pub certificate_state: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub not_after: Option<OffsetDateTime>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CleanOutcome {
    /// `CleanUserPermissions` or `CleanClusterUserPermissions`.
    pub operation: &'static str,
    /// The clusters the clean was for (every cluster of the account when `allClusters`).
    pub clusters: Vec<String>,
    pub all_clusters: bool,
    pub task_id: Option<String>,
    /// Whether the run waited for ACK to show the kubeconfigs removed (`--no-wait`: false).
    pub waited: bool,
    /// Each planned kubeconfig after the clean (what the last listing said).
    pub results: Vec<CleanResult>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CleanResult {
    pub cluster_id: String,
    pub cluster_name: Option<String>,
    pub before: String,
    /// `None` when not checked (`--no-wait`).
    pub after: Option<String>,
    pub removed: bool,
}

impl OffboardReport {
    /// The clusters a clean would be for: where a kubeconfig is held or ACK manages a grant.
    pub fn target_clusters(&self) -> Vec<String> {
        let mut clusters: Vec<String> = self.kubeconfigs.iter().map(|held| held.cluster_id.clone()).collect();
        for grant in &self.grants {
            let cluster = grant_cluster(grant);
            if !cluster.is_empty() && cluster != "all-clusters" && !clusters.iter().any(|c| c == cluster) {
                clusters.push(cluster.to_string());
            }
        }
        clusters
    }

    pub fn is_empty(&self) -> bool {
        self.target_clusters().is_empty()
    }

    /// Whether everything planned is removed, as far as the run looked (`--no-wait` does not look).
    pub fn complete(&self) -> bool {
        match &self.clean {
            Some(clean) if clean.waited => clean.results.iter().all(|result| result.removed),
            _ => true,
        }
    }
}

/// The cluster a grant is on: `c…` of `c…` or `c…/namespace`.
pub fn grant_cluster(grant: &UserPermission) -> &str {
    grant.resource_id.split('/').next().unwrap_or_default()
}

/// Refuses root and self, then reads the plan.
pub fn plan(
    request: &Offboard,
    session: &Session,
    machine: &Machine,
    io: &mut Io<'_>,
) -> Result<OffboardReport, Error> {
    let caller_arn = refuse_root_and_self(&request.uid, session, io)?;
    let client = session.client();
    let uid = request.uid.as_str();
    let (clusters, states, grants) = session.run(io.err, async {
        let mut clusters = Vec::new();
        for cluster in &request.clusters {
            clusters.push(resolve_cluster(client, cluster).await?.id);
        }
        let (states, grants) =
            tokio::join!(client.list_user_kubeconfig_states(uid), client.describe_user_permission(uid));
        Ok::<_, Error>((clusters, states?, grants?))
    })?;
    let wanted = |cluster_id: &str| clusters.is_empty() || clusters.iter().any(|id| id == cluster_id);
    let kubeconfigs =
        states.into_iter().filter(|state| wanted(&state.cluster_id)).filter_map(held_kubeconfig).collect();
    let grants = grants.into_iter().filter(|grant| wanted(grant_cluster(grant))).collect();
    Ok(OffboardReport {
        uid: request.uid.clone(),
        checked_at: machine.now,
        force: request.force,
        dry_run: request.dry_run,
        caller_arn,
        kubeconfigs,
        grants,
        clean: None,
    })
}

/// A kubeconfig a clean would remove: issued and not yet removed.
fn held_kubeconfig(state: UserKubeconfigState) -> Option<HeldKubeconfig> {
    if matches!(state.cert_state.as_str(), "Unissued" | "Removed" | "") {
        return None;
    }
    Some(HeldKubeconfig {
        not_after: OffsetDateTime::parse(&state.cert_expire_time, &Rfc3339).ok(),
        cluster_id: state.cluster_id,
        cluster_name: Some(state.cluster_name).filter(|name| !name.is_empty()),
        cluster_state: Some(state.cluster_state).filter(|state| !state.is_empty()),
        certificate_state: state.cert_state,
    })
}

/// ACK refuses both, but says so only after the clean is sent; refused here first. When STS cannot be
/// asked, ACK's own refusal is the safety net: a warning, and the plan goes on.
fn refuse_root_and_self(uid: &str, session: &Session, io: &mut Io<'_>) -> Result<Option<String>, Error> {
    let identity = match session.caller_identity(io.err) {
        Ok(identity) => identity,
        Err(error) => {
            output::warning(io.err, &t!("offboard-identity-unknown", error = error.as_str()));
            return Ok(None);
        }
    };
    if uid == identity.account_id {
        return Err(Error::OffboardRoot { uid: uid.to_string() });
    }
    let own_ids = [identity.user_id.as_str(), identity.role_id.as_str(), identity.principal_id.as_str()];
    // An assumed role's UserId is `<role id>:<session>`; the role's UID is what ACK names.
    let is_self = own_ids.iter().any(|id| !id.is_empty() && (*id == uid || id.split(':').next() == Some(uid)));
    if is_self {
        return Err(Error::OffboardSelf { uid: uid.to_string(), arn: identity.arn });
    }
    Ok(Some(identity.arn))
}

/// Asks before cleaning: a person on a terminal says yes, a script passes `--yes`.
pub fn confirm(report: &OffboardReport, request: &Offboard, machine: &Machine, io: &mut Io<'_>) -> Result<(), Error> {
    if request.yes {
        return Ok(());
    }
    let question = t!(
        "offboard-confirm",
        uid = report.uid.as_str(),
        clusters = report.target_clusters().len(),
        force = if report.force { "yes" } else { "no" }
    );
    match super::ask(&question, machine, io)? {
        None => Err(Error::OffboardNotConfirmed),
        Some(true) => Ok(()),
        Some(false) => Err(Error::OffboardCancelled),
    }
}

/// Sends the clean: CleanClusterUserPermissions when it is for one cluster, else CleanUserPermissions
/// (for the clusters given with `--cluster`, or all of them). A refusal of ACK's activity check is
/// explained; nothing else is retried.
pub fn clean(report: &mut OffboardReport, request: &Offboard, session: &Session, io: &mut Io<'_>) -> Result<(), Error> {
    let targets = report.target_clusters();
    let client = session.client();
    let uid = report.uid.clone();
    let force = request.force;
    let (operation, all_clusters, task_id) = match targets.as_slice() {
        [only] => {
            let answer = session.run(io.err, client.clean_cluster_user_permissions(only, &uid, force));
            answer.map_err(|error| refused(error, &uid, force))?;
            ("CleanClusterUserPermissions", false, None)
        }
        _ => {
            let listed = if request.clusters.is_empty() { Vec::new() } else { targets.clone() };
            let answer = session.run(io.err, client.clean_user_permissions(&uid, &listed, force));
            let task = answer.map_err(|error| refused(error, &uid, force))?;
            ("CleanUserPermissions", listed.is_empty(), Some(task.task_id).filter(|id| !id.is_empty()))
        }
    };
    let results = report
        .kubeconfigs
        .iter()
        .map(|held| CleanResult {
            cluster_id: held.cluster_id.clone(),
            cluster_name: held.cluster_name.clone(),
            before: held.certificate_state.clone(),
            after: None,
            removed: false,
        })
        .collect();
    report.clean = Some(CleanOutcome { operation, clusters: targets, all_clusters, task_id, waited: false, results });
    Ok(())
}

/// ACK's refusal of a clean without `Force` (the user was active in the last 7 days, or the audit log
/// could not be read: its codes are not documented, so any refusal that is not a RAM denial counts).
fn refused(error: ack_client::Error, uid: &str, force: bool) -> Error {
    match &error {
        ack_client::Error::Api(api) if !force && (400..500).contains(&api.status) && api.status != 403 => {
            Error::CleanRefused {
                uid: uid.to_string(),
                reason: ack_client::one_line(&api.message),
                code: api.code.clone(),
            }
        }
        _ => Error::Ack(error),
    }
}

/// Polls ListUserKubeConfigStates until every planned kubeconfig shows `Removed` (or `Unissued`), for at
/// most two minutes; `progress` hears the number removed so far. Grants have no state to wait for: the
/// clean removes them with the kubeconfigs.
pub fn wait(
    report: &mut OffboardReport,
    session: &Session,
    io: &mut Io<'_>,
    progress: &mut dyn FnMut(&mut dyn std::io::Write, usize, usize),
) -> Result<(), Error> {
    let Some(clean) = report.clean.as_mut() else { return Ok(()) };
    clean.waited = true;
    let client = session.client().clone();
    let started = std::time::Instant::now();
    let mut pause = FIRST_POLL;
    loop {
        std::thread::sleep(pause);
        let states = session.run(io.err, list_states(&client, &report.uid))?;
        for result in &mut clean.results {
            let state = states.iter().find(|state| state.cluster_id == result.cluster_id);
            let after = state.map(|state| state.cert_state.clone()).unwrap_or_else(|| "Removed".into());
            result.removed = matches!(after.as_str(), "Removed" | "Unissued");
            result.after = Some(after);
        }
        let removed = clean.results.iter().filter(|result| result.removed).count();
        progress(io.err, removed, clean.results.len());
        if removed == clean.results.len() || started.elapsed() >= WAIT_LIMIT {
            return Ok(());
        }
        pause = (pause * 2).min(POLL_CAP);
    }
}

async fn list_states(client: &Client, uid: &str) -> Result<Vec<UserKubeconfigState>, Error> {
    Ok(client.list_user_kubeconfig_states(uid).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(cluster: &str, cert_state: &str) -> UserKubeconfigState {
        UserKubeconfigState {
            cluster_id: cluster.into(),
            cluster_name: format!("{cluster}-name"),
            cluster_state: "running".into(),
            cert_expire_time: "2027-11-30T07:41:50Z".into(),
            cert_state: cert_state.into(),
        }
    }

    fn grant(resource: &str) -> UserPermission {
        UserPermission { resource_id: resource.into(), role_name: "dev".into(), ..UserPermission::default() }
    }

    fn report(kubeconfigs: Vec<HeldKubeconfig>, grants: Vec<UserPermission>) -> OffboardReport {
        OffboardReport {
            uid: "283456789012345".into(),
            checked_at: OffsetDateTime::UNIX_EPOCH,
            force: false,
            dry_run: false,
            caller_arn: None,
            kubeconfigs,
            grants,
            clean: None,
        }
    }

    #[test]
    fn only_issued_kubeconfigs_that_are_not_removed_are_planned() {
        let held: Vec<_> = ["Unexpired", "Expired", "Unknown", "Unissued", "Removed"]
            .into_iter()
            .enumerate()
            .filter_map(|(n, cert_state)| held_kubeconfig(state(&format!("c{n}"), cert_state)))
            .map(|held| held.cluster_id)
            .collect();
        assert_eq!(held, ["c0", "c1", "c2"]);
    }

    #[test]
    fn a_grant_without_a_kubeconfig_is_a_target_too_but_all_clusters_is_not_a_cluster() {
        let kubeconfigs = vec![held_kubeconfig(state("c1", "Unexpired")).unwrap()];
        let grants = vec![grant("c1"), grant("c2/dev-team"), grant("all-clusters")];
        assert_eq!(report(kubeconfigs, grants).target_clusters(), ["c1", "c2"]);
        assert!(report(Vec::new(), vec![grant("all-clusters")]).is_empty());
    }
}
