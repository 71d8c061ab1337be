//! The user-lifecycle operations, as ACK answers them (reference: lifecycle-token-l10n.md, Q2):
//! a user's kubeconfig states across clusters, ACK's RBAC grants, the 7-day activity check, the cleans,
//! and a kubeconfig issued by the account for one of its RAM users or roles.
//!
//! The codes of the clean's refusals are not documented; the sandbox uses `ErrorUserActive`,
//! `ErrorAuditLogUnavailable`, `ErrorCleanRootAccount` and `ErrorCleanSelf`, and kubectl-ack must not
//! depend on them (it explains any refusal of a clean without `Force` from ACK's message).

use hyper::StatusCode;
use serde_json::{Value, json};

use super::clusters::Page;
use super::operations::{issue_kubeconfig, visible_cluster};
use super::{CsError, CsResult};
use crate::clock::format_utc;
use crate::cloud::{Cloud, ClusterEntry};
use crate::config::Account;
use crate::http::Received;

/// ACK's safety check looks this far back in the audit log.
const ACTIVITY_WINDOW: time::Duration = time::Duration::days(7);

/// `GET /users/{uid}/kubeconfig/states`: one row per cluster the caller sees, `Unissued` where the user
/// never held a kubeconfig (snake_case paging, 1–100, default 50).
pub(super) fn user_kubeconfig_states(cloud: &Cloud, caller: &Account, uid: &str, request: &Received) -> CsResult {
    let page = Page::from_query(request, "page_number", "page_size", 50, 100)?;
    let now = cloud.clock.now();
    let states: Vec<Value> = visible_clusters(cloud, caller)
        .iter()
        .map(|entry| {
            let (cert_state, expires) = certificate_state(cloud, &entry.spec.id, uid, now);
            json!({
                "cluster_id": entry.spec.id,
                "cluster_name": entry.spec.name,
                "cluster_state": entry.spec.state,
                "cert_expire_time": expires.map(format_utc).unwrap_or_default(),
                "cert_state": cert_state,
            })
        })
        .collect();
    let listed = page.slice(&states).to_vec();
    Ok(json!({ "states": listed, "page": page.info(states.len()) }))
}

/// `Unexpired`/`Expired` for the newest live certificate, `Removed` when every one was revoked or
/// cleaned (once a clean's task is done), `Unissued` when there never was one.
fn certificate_state(
    cloud: &Cloud,
    cluster_id: &str,
    uid: &str,
    now: time::OffsetDateTime,
) -> (&'static str, Option<time::OffsetDateTime>) {
    let issued = cloud.issued_to(cluster_id, uid);
    let Some(newest) = issued.last() else { return ("Unissued", None) };
    if cloud.clean_is_visible(cluster_id, uid) == Some(false) {
        // The clean's task is still running: the listing shows what was there.
        return (if newest.not_after > now { "Unexpired" } else { "Expired" }, Some(newest.not_after));
    }
    match cloud.live_certificates(cluster_id).into_iter().find(|live| live.uid == uid) {
        Some(live) if live.not_after > now => ("Unexpired", Some(live.not_after)),
        Some(live) => ("Expired", Some(live.not_after)),
        None => ("Removed", Some(newest.not_after)),
    }
}

/// `GET /permissions/users/{uid}`: a JSON array of ACK's grants.
pub(super) fn user_permissions(cloud: &Cloud, uid: &str) -> Value {
    let is_ram_role = cloud.account_by_uid(uid).is_some_and(|account| account.display_name.starts_with("role/"));
    let grants: Vec<Value> = cloud
        .grants_of(uid)
        .iter()
        .map(|grant| {
            let resource_type = if grant.resource_id.contains('/') { "namespace" } else { "cluster" };
            json!({
                "resource_id": grant.resource_id,
                "resource_type": resource_type,
                "role_name": grant.role_name,
                "role_type": if ["admin", "ops", "dev", "restricted"].contains(&grant.role_name.as_str()) { grant.role_name.as_str() } else { "custom" },
                "is_owner": 0,
                "is_ram_role": i32::from(is_ram_role),
            })
        })
        .collect();
    Value::Array(grants)
}

/// `DELETE /users/{uid}/permissions?ClusterIds=a,b&Force=`: the listed clusters (all the caller sees
/// when none) where the user holds a kubeconfig or a grant. All or nothing: one refusal cleans none.
pub(super) fn clean_user(cloud: &Cloud, caller: &Account, uid: &str, request: &Received) -> CsResult {
    refuse_root_and_self(cloud, caller, uid)?;
    let force = force(request)?;
    let listed: Option<Vec<String>> = request
        .query_value("ClusterIds")
        .filter(|ids| !ids.is_empty())
        .map(|ids| ids.split(',').map(|id| id.trim().to_string()).collect());
    let mut targets = Vec::new();
    for entry in visible_clusters(cloud, caller) {
        let id = entry.spec.id.clone();
        if listed.as_ref().is_some_and(|listed| !listed.contains(&id)) {
            continue;
        }
        if holds_something(cloud, &id, uid) {
            targets.push(id);
        }
    }
    if let Some(listed) = &listed {
        // "only the kubeconfig files and RBAC permissions of the clusters that belong to the current user"
        for id in listed {
            visible_cluster(cloud, caller, id)?;
        }
    }
    if !force {
        for id in &targets {
            check_activity(cloud, id, uid)?;
        }
    }
    for id in &targets {
        cloud.clean(id, uid);
    }
    let task = format!("clean-user-permissions-{uid}-{}", crate::random::alphanumeric(24).to_lowercase());
    Ok(json!({ "task_id": task }))
}

/// `DELETE /cluster/{id}/user/{uid}/permissions?Force=`: one cluster; ACK answers with the status only.
pub(super) fn clean_cluster_user(
    cloud: &Cloud,
    caller: &Account,
    cluster_id: &str,
    uid: &str,
    request: &Received,
) -> CsResult {
    refuse_root_and_self(cloud, caller, uid)?;
    let force = force(request)?;
    visible_cluster(cloud, caller, cluster_id)?;
    if !force && holds_something(cloud, cluster_id, uid) {
        check_activity(cloud, cluster_id, uid)?;
    }
    cloud.clean(cluster_id, uid);
    Ok(Value::Null)
}

/// `GET /clusters/{id}/users/{uid}/activity-state`: what backs the 7-day check.
pub(super) fn activity_state(cloud: &Cloud, caller: &Account, cluster_id: &str, uid: &str) -> CsResult {
    visible_cluster(cloud, caller, cluster_id)?;
    if !cloud.audit_log_readable(cluster_id) {
        return Err(audit_log_unavailable(cluster_id));
    }
    let last = cloud.last_activity(cluster_id, uid);
    Ok(json!({
        "active": recent_activity(cloud, cluster_id, uid).is_some(),
        "last_activity": last.map(format_utc).unwrap_or_default(),
        "log_project_name": format!("k8s-log-{cluster_id}"),
        "log_store_name": "audit-".to_string() + cluster_id,
    }))
}

/// `GET /k8s/{id}/users/{uid}/user_config`: the Alibaba Cloud account alone may issue a kubeconfig
/// for one of its RAM users or roles.
pub(super) fn subaccount_kubeconfig(
    cloud: &Cloud,
    caller: &Account,
    cluster_id: &str,
    uid: &str,
    request: &Received,
) -> CsResult {
    if !caller.root_account {
        return Err(CsError::ram_denied("cs:DescribeSubaccountK8sClusterUserConfig", Some(caller)));
    }
    let holder = cloud
        .account_by_uid(uid)
        .filter(|holder| !holder.root_account && cloud.account_state(uid) != "Deleted")
        .ok_or_else(|| {
            CsError::new(
                StatusCode::NOT_FOUND,
                "ErrorUserNotFound",
                format!("The RAM user or role {uid} does not exist in this account."),
            )
        })?;
    issue_kubeconfig(cloud, caller, &holder, cluster_id, request)
}

fn visible_clusters(cloud: &Cloud, caller: &Account) -> Vec<ClusterEntry> {
    cloud.clusters().into_iter().filter(|entry| caller.visible_clusters.allows(&entry.spec.id)).collect()
}

/// A live certificate or a grant on the cluster: something a clean would remove.
fn holds_something(cloud: &Cloud, cluster_id: &str, uid: &str) -> bool {
    cloud.live_certificates(cluster_id).iter().any(|live| live.uid == uid)
        || cloud.grants_of(uid).iter().any(|grant| grant.cluster_id() == cluster_id)
}

/// "You cannot revoke the permissions of an Alibaba Cloud account", nor the caller's own.
fn refuse_root_and_self(cloud: &Cloud, caller: &Account, uid: &str) -> Result<(), CsError> {
    if cloud.account_id().as_deref() == Some(uid) || cloud.account_by_uid(uid).is_some_and(|a| a.root_account) {
        return Err(CsError::bad_request(
            "ErrorCleanRootAccount",
            "You cannot revoke the permissions of an Alibaba Cloud account.",
        ));
    }
    if caller.uid == uid {
        return Err(CsError::bad_request(
            "ErrorCleanSelf",
            "You cannot revoke the permissions of the account that you use to call this operation.",
        ));
    }
    Ok(())
}

/// ACK's check without `Force`: no access in the last 7 days, and an audit log that can be read.
fn check_activity(cloud: &Cloud, cluster_id: &str, uid: &str) -> Result<(), CsError> {
    if !cloud.audit_log_readable(cluster_id) {
        return Err(audit_log_unavailable(cluster_id));
    }
    if let Some(at) = recent_activity(cloud, cluster_id, uid) {
        return Err(CsError::bad_request(
            "ErrorUserActive",
            format!(
                "The user {uid} accessed cluster {cluster_id} within the last 7 days (last activity {}); the kubeconfig was not deleted.",
                format_utc(at)
            ),
        ));
    }
    Ok(())
}

/// The user's last access to the cluster, when it falls inside ACK's 7-day window.
fn recent_activity(cloud: &Cloud, cluster_id: &str, uid: &str) -> Option<time::OffsetDateTime> {
    cloud.last_activity(cluster_id, uid).filter(|at| cloud.clock.now() - *at <= ACTIVITY_WINDOW)
}

fn audit_log_unavailable(cluster_id: &str) -> CsError {
    CsError::bad_request(
        "ErrorAuditLogUnavailable",
        format!(
            "Failed to retrieve the cluster access records of {cluster_id}: cluster auditing is not enabled; the kubeconfig was not deleted."
        ),
    )
}

fn force(request: &Received) -> Result<bool, CsError> {
    match request.query_value("Force") {
        None | Some("") | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(CsError::invalid_parameter(format!("Force must be true or false, not {other:?}."))),
    }
}
