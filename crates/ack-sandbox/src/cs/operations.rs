//! The CS operations, run once the signature has been verified.

use std::time::Duration;

use serde_json::{Value, json};

use super::clusters::{self, Page};
use super::kubeconfig::{self, KubeconfigParts};
use super::{CsError, CsResult, Operation, lifecycle};
use crate::clock::format_utc;
use crate::cloud::{Cloud, ClusterEntry};
use crate::config::Account;
use crate::http::Received;

/// ACK's long-term kubeconfig: 3 years.
const LONG_TERM_CERTIFICATE: Duration = Duration::from_secs(3 * 365 * 24 * 3600);
const TEMPORARY_MINUTES: std::ops::RangeInclusive<u64> = 15..=4320;

pub(super) fn run(cloud: &Cloud, account: &Account, operation: &Operation, request: &Received) -> CsResult {
    check_ram(account, operation.action())?;
    match operation {
        Operation::DescribeClusterUserKubeconfig { cluster_id } => user_kubeconfig(cloud, account, cluster_id, request),
        Operation::DescribeClustersV1 => list_clusters(cloud, account, request, None, true),
        Operation::DescribeClustersForRegion { region } => list_clusters(cloud, account, request, Some(region), false),
        Operation::DescribeClusterDetail { cluster_id } => {
            Ok(clusters::with_master_url(&visible_cluster(cloud, account, cluster_id)?))
        }
        Operation::RevokeK8sClusterKubeConfig { cluster_id } => {
            visible_cluster(cloud, account, cluster_id)?;
            cloud.revoke(cluster_id, &account.uid);
            Ok(json!({}))
        }
        Operation::ListClusterKubeconfigStates { cluster_id } => kubeconfig_states(cloud, account, cluster_id, request),
        Operation::ListUserKubeConfigStates { uid } => lifecycle::user_kubeconfig_states(cloud, account, uid, request),
        Operation::DescribeUserPermission { uid } => Ok(lifecycle::user_permissions(cloud, uid)),
        Operation::CleanUserPermissions { uid } => lifecycle::clean_user(cloud, account, uid, request),
        Operation::CleanClusterUserPermissions { cluster_id, uid } => {
            lifecycle::clean_cluster_user(cloud, account, cluster_id, uid, request)
        }
        Operation::DescribeUserClusterActivityState { cluster_id, uid } => {
            lifecycle::activity_state(cloud, account, cluster_id, uid)
        }
        Operation::DescribeSubaccountK8sClusterUserConfig { cluster_id, uid } => {
            lifecycle::subaccount_kubeconfig(cloud, account, cluster_id, uid, request)
        }
    }
}

fn check_ram(account: &Account, action: &str) -> Result<(), CsError> {
    require(account, &format!("cs:{action}"))
}

/// A 403 `StatusForbidden` naming `ram_action` when the account is denied it.
fn require(account: &Account, ram_action: &str) -> Result<(), CsError> {
    if account.may(ram_action) { Ok(()) } else { Err(CsError::ram_denied(ram_action, Some(account))) }
}

/// A cluster the account may see; any other ID is "not found", as for a cluster of another account.
pub(super) fn visible_cluster(cloud: &Cloud, account: &Account, cluster_id: &str) -> Result<ClusterEntry, CsError> {
    cloud
        .cluster(cluster_id)
        .filter(|entry| account.visible_clusters.allows(&entry.spec.id))
        .ok_or_else(|| CsError::cluster_not_found(cluster_id))
}

fn user_kubeconfig(cloud: &Cloud, account: &Account, cluster_id: &str, request: &Received) -> CsResult {
    issue_kubeconfig(cloud, account, account, cluster_id, request)
}

/// A kubeconfig of `cluster_id` whose certificate is `holder`'s, asked by `caller` (the same account,
/// or the root account issuing one for its RAM user or role).
pub(super) fn issue_kubeconfig(
    cloud: &Cloud,
    caller: &Account,
    holder: &Account,
    cluster_id: &str,
    request: &Received,
) -> CsResult {
    let account = holder;
    let private = private_ip_address(request)?;
    let lifetime = certificate_lifetime(request)?;
    let entry = visible_cluster(cloud, caller, cluster_id)?;
    let server = if private { entry.intranet_url.as_deref() } else { entry.public_url.as_deref() };
    let server = server.ok_or_else(|| {
        let kind = if private { "intranet" } else { "public" };
        CsError::bad_request(
            "ErrorEndpointNotFound",
            format!("The cluster {cluster_id} has no {kind} API server endpoint."),
        )
    })?;
    let now = cloud.clock.now();
    let common_name = format!("{}-{}", account.uid, now.unix_timestamp());
    let issued = entry.ca.issue_client_cert(&common_name, &["system:users"], now, lifetime);
    cloud.record_issued(issued.serial.clone(), cluster_id, account, issued.not_after);
    let config = kubeconfig::render(&KubeconfigParts {
        server,
        ca_pem: entry.ca.cert_pem(),
        uid: &account.uid,
        cluster_id,
        client_cert_pem: &issued.cert_pem,
        client_key_pem: &issued.key_pem,
    });
    Ok(json!({ "config": config, "expiration": format_utc(issued.not_after) }))
}

fn private_ip_address(request: &Received) -> Result<bool, CsError> {
    match request.query_value("PrivateIpAddress") {
        None | Some("") | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => {
            Err(CsError::invalid_parameter(format!("PrivateIpAddress must be true or false, not {other:?}.")))
        }
    }
}

fn certificate_lifetime(request: &Received) -> Result<Duration, CsError> {
    let Some(text) = request.query_value("TemporaryDurationMinutes").filter(|text| !text.is_empty()) else {
        return Ok(LONG_TERM_CERTIFICATE);
    };
    match text.parse::<u64>() {
        Ok(minutes) if TEMPORARY_MINUTES.contains(&minutes) => Ok(Duration::from_secs(minutes * 60)),
        _ => Err(CsError::invalid_parameter(format!(
            "TemporaryDurationMinutes must be between 15 and 4320, not {text:?}."
        ))),
    }
}

fn list_clusters(
    cloud: &Cloud,
    account: &Account,
    request: &Received,
    region: Option<&str>,
    include_master_url: bool,
) -> CsResult {
    let page =
        Page::from_query(request, "page_number", "page_size", clusters::DEFAULT_PAGE_SIZE, clusters::MAX_PAGE_SIZE)?;
    let matching: Vec<ClusterEntry> = cloud
        .clusters()
        .into_iter()
        .filter(|entry| account.visible_clusters.allows(&entry.spec.id))
        .filter(|entry| region.is_none_or(|region| entry.spec.region == region))
        .filter(|entry| clusters::matches_filters(entry, request))
        .collect();
    let describe = if include_master_url { clusters::with_master_url } else { clusters::summary };
    let listed: Vec<Value> = page.slice(&matching).iter().map(describe).collect();
    Ok(json!({ "clusters": listed, "page_info": page.info(matching.len()) }))
}

/// Who holds a live kubeconfig for the cluster (camelCase paging parameters, as the SDK sends them).
/// Revoked certificates are gone from the list; expired ones stay, as `Expired`.
fn kubeconfig_states(cloud: &Cloud, account: &Account, cluster_id: &str, request: &Received) -> CsResult {
    visible_cluster(cloud, account, cluster_id)?;
    // ACK names the accounts through RAM, so the caller needs these too (its documentation says so).
    require(account, "ram:ListUsers")?;
    require(account, "ram:ListRoles")?;
    let page = Page::from_query(request, "pageNumber", "pageSize", 10, 50)?;
    let now = cloud.clock.now();
    let states: Vec<Value> = cloud
        .live_certificates(cluster_id)
        .iter()
        .map(|issued| {
            json!({
                "account_id": issued.uid,
                "account_name": issued.display_name,
                "account_display_name": issued.display_name,
                "account_state": cloud.account_state(&issued.uid),
                "account_type": issued.account_type,
                "cert_expire_time": format_utc(issued.not_after),
                "cert_state": if issued.not_after > now { "Unexpired" } else { "Expired" },
                "revokable": true,
            })
        })
        .collect();
    let listed = page.slice(&states).to_vec();
    Ok(json!({ "states": listed, "page": page.info(states.len()) }))
}
