//! The fake cloud's state, shared by every fake service: accounts, clusters and their CAs, issued
//! certificates and revocations, used nonces, pending faults and the request log.
//!
//! One mutex guards it all; no lock is held across an `.await` or a certificate signature.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use time::OffsetDateTime;

use crate::clock::SandboxClock;
use crate::config::{Account, Cluster, EcsRole, OidcTrust, Role, SandboxConfig};
use crate::fault::{self, Applied, Fault};
use crate::pki::CertificateAuthority;
use crate::random;

/// Which fake service answered a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// The ACK (CS) OpenAPI.
    Cs,
    Sts,
    /// ECS instance metadata (IMDSv2).
    Metadata,
    CredentialsUri,
}

/// One request as the sandbox saw it, with the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    pub service: Service,
    pub method: String,
    /// The path as sent (percent-encoded).
    pub path: String,
    pub query: Vec<(String, String)>,
    /// `x-acs-action` (CS, falling back to the operation the route serves) or `Action` (STS).
    pub action: Option<String>,
    pub access_key_id: Option<String>,
    pub status: u16,
    /// The error `code` of the answer, when it was an error.
    pub error_code: Option<String>,
}

/// A cluster with what the sandbox runs for it.
#[derive(Clone)]
pub(crate) struct ClusterEntry {
    pub spec: Cluster,
    pub ca: Arc<CertificateAuthority>,
    /// `https://127.0.0.1:PORT` of its fake API server, per access type.
    pub public_url: Option<String>,
    pub intranet_url: Option<String>,
    pub created: OffsetDateTime,
}

/// A client certificate the fake ACK issued, remembered for revocation and kubeconfig states.
#[derive(Debug, Clone)]
pub(crate) struct IssuedCert {
    /// Issue order: a revocation rejects every certificate with a lower sequence number.
    sequence: u64,
    pub cluster_id: String,
    pub uid: String,
    pub display_name: String,
    /// `RootAccount`, `RamUser` or `RamRole` (STS keys), as ListClusterKubeconfigStates names them.
    pub account_type: &'static str,
    pub not_after: OffsetDateTime,
}

#[derive(Default)]
struct State {
    accounts: HashMap<String, Account>,
    clusters: Vec<ClusterEntry>,
    cluster_positions: HashMap<String, usize>,
    roles: Vec<Role>,
    oidc_trusts: Vec<OidcTrust>,
    ecs_role: Option<EcsRole>,
    credentials_uri_acts_as: Option<String>,
    used_nonces: HashSet<String>,
    issued: HashMap<String, IssuedCert>,
    next_sequence: u64,
    /// (cluster ID, uid) → certificates with a sequence number below this are revoked.
    revoked_below: HashMap<(String, String), u64>,
    faults: Vec<Fault>,
    log: Vec<RecordedRequest>,
    metadata_tokens: HashMap<String, OffsetDateTime>,
    lifecycle: Lifecycle,
}

/// What the user-lifecycle operations (offboarding) read and change: RAM account states, ACK's RBAC
/// grants, who was active where, which clusters' audit logs can be read, and what was cleaned.
#[derive(Default)]
struct Lifecycle {
    /// uid → `Active`, `InActive` or `Deleted` (absent: `Active`). A `Deleted` account's keys stop working.
    account_states: HashMap<String, String>,
    grants: Vec<Grant>,
    /// (cluster ID, uid) → the last request the cluster's API server authenticated for the uid.
    activity: HashMap<(String, String), OffsetDateTime>,
    audit_log_disabled: HashSet<String>,
    /// (cluster ID, uid) → listings still to show the old state before `Removed` (a clean is a task).
    cleaned: HashMap<(String, String), u32>,
    clean_delay_listings: u32,
}

/// One RBAC grant ACK manages (GrantPermissions), as DescribeUserPermission lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grant {
    pub uid: String,
    /// A cluster ID, `<cluster ID>/<namespace>` or `all-clusters`.
    pub resource_id: String,
    pub role_name: String,
}

impl Grant {
    pub(crate) fn cluster_id(&self) -> &str {
        self.resource_id.split('/').next().unwrap_or_default()
    }
}

pub(crate) struct Cloud {
    pub clock: SandboxClock,
    pub credential_lifetime: Duration,
    state: Mutex<State>,
    /// STS keys issued by AssumeRole: whose session they are (for GetCallerIdentity).
    sessions: Mutex<HashMap<String, StsSession>>,
    /// RAM identity tokens the fake API servers verified (each one a GetCallerIdentity at STS).
    token_verifications: std::sync::atomic::AtomicUsize,
}

/// The role session an STS key belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StsSession {
    pub role_arn: String,
    pub session_name: String,
}

impl Cloud {
    pub(crate) fn new(config: &SandboxConfig) -> Self {
        let state = State {
            accounts: config.accounts.iter().map(|a| (a.access_key_id.clone(), a.clone())).collect(),
            roles: config.roles.clone(),
            oidc_trusts: config.oidc_trusts.clone(),
            ecs_role: config.ecs_role.clone(),
            credentials_uri_acts_as: config.credentials_uri_acts_as.clone(),
            ..State::default()
        };
        Cloud {
            clock: SandboxClock::default(),
            credential_lifetime: config.credential_lifetime,
            state: Mutex::new(state),
            sessions: Mutex::new(HashMap::new()),
            token_verifications: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panicking handler must not take the whole sandbox down with a poisoned lock.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    // --- accounts and roles ---

    /// The account of a key; a key of a deleted RAM user or role is gone, as in RAM.
    pub(crate) fn account(&self, access_key_id: &str) -> Option<Account> {
        let state = self.state();
        let account = state.accounts.get(access_key_id)?;
        let deleted = state.lifecycle.account_states.get(&account.uid).is_some_and(|s| s == "Deleted");
        (!deleted).then(|| account.clone())
    }

    /// Any account (key) of this uid, deleted ones included: for names and types.
    pub(crate) fn account_by_uid(&self, uid: &str) -> Option<Account> {
        let state = self.state();
        let mut accounts: Vec<&Account> = state.accounts.values().filter(|a| a.uid == uid && !a.is_sts()).collect();
        accounts.sort_by(|a, b| a.access_key_id.cmp(&b.access_key_id));
        accounts.first().map(|account| (*account).clone())
    }

    // --- the user lifecycle ---

    pub(crate) fn account_state(&self, uid: &str) -> String {
        self.state().lifecycle.account_states.get(uid).cloned().unwrap_or_else(|| "Active".into())
    }

    pub(crate) fn set_account_state(&self, uid: &str, account_state: &str) {
        self.state().lifecycle.account_states.insert(uid.to_string(), account_state.to_string());
    }

    pub(crate) fn grant(&self, grant: Grant) {
        self.state().lifecycle.grants.push(grant);
    }

    pub(crate) fn grants_of(&self, uid: &str) -> Vec<Grant> {
        self.state().lifecycle.grants.iter().filter(|grant| grant.uid == uid).cloned().collect()
    }

    pub(crate) fn record_activity(&self, cluster_id: &str, uid: &str, at: OffsetDateTime) {
        self.state().lifecycle.activity.insert((cluster_id.to_string(), uid.to_string()), at);
    }

    pub(crate) fn last_activity(&self, cluster_id: &str, uid: &str) -> Option<OffsetDateTime> {
        self.state().lifecycle.activity.get(&(cluster_id.to_string(), uid.to_string())).copied()
    }

    pub(crate) fn disable_audit_log(&self, cluster_id: &str) {
        self.state().lifecycle.audit_log_disabled.insert(cluster_id.to_string());
    }

    pub(crate) fn audit_log_readable(&self, cluster_id: &str) -> bool {
        !self.state().lifecycle.audit_log_disabled.contains(cluster_id)
    }

    pub(crate) fn set_clean_delay(&self, listings: u32) {
        self.state().lifecycle.clean_delay_listings = listings;
    }

    /// CleanClusterUserPermissions for one cluster: every certificate of `uid` for it revoked (its API
    /// servers refuse them from now on), ACK's grants on it dropped, its state `Removed` once the task
    /// is done (after the configured number of listings).
    pub(crate) fn clean(&self, cluster_id: &str, uid: &str) {
        self.revoke(cluster_id, uid);
        let mut state = self.state();
        state.lifecycle.grants.retain(|grant| !(grant.uid == uid && grant.cluster_id() == cluster_id));
        let delay = state.lifecycle.clean_delay_listings;
        state.lifecycle.cleaned.insert((cluster_id.to_string(), uid.to_string()), delay);
    }

    /// Whether a clean of (cluster, uid) is done, as one listing sees it (each listing brings it closer).
    pub(crate) fn clean_is_visible(&self, cluster_id: &str, uid: &str) -> Option<bool> {
        let mut state = self.state();
        let remaining = state.lifecycle.cleaned.get_mut(&(cluster_id.to_string(), uid.to_string()))?;
        if *remaining == 0 {
            return Some(true);
        }
        *remaining -= 1;
        Some(false)
    }

    /// Every certificate ever issued to `uid` for the cluster, newest last.
    pub(crate) fn issued_to(&self, cluster_id: &str, uid: &str) -> Vec<IssuedCert> {
        let state = self.state();
        let mut issued: Vec<IssuedCert> =
            state.issued.values().filter(|i| i.cluster_id == cluster_id && i.uid == uid).cloned().collect();
        issued.sort_by_key(|issued| issued.sequence);
        issued
    }

    pub(crate) fn add_account(&self, account: Account) {
        self.state().accounts.insert(account.access_key_id.clone(), account);
    }

    /// The Alibaba Cloud account every key of this sandbox belongs to: the root account's UID.
    pub(crate) fn account_id(&self) -> Option<String> {
        self.state().accounts.values().filter(|account| account.root_account).map(|account| account.uid.clone()).min()
    }

    pub(crate) fn record_session(&self, access_key_id: &str, session: StsSession) {
        self.sessions
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(access_key_id.to_string(), session);
    }

    pub(crate) fn session(&self, access_key_id: &str) -> Option<StsSession> {
        self.sessions.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(access_key_id).cloned()
    }

    pub(crate) fn count_token_verification(&self) {
        self.token_verifications.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    pub(crate) fn token_verifications(&self) -> usize {
        self.token_verifications.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub(crate) fn role(&self, arn: &str) -> Option<Role> {
        self.state().roles.iter().find(|role| role.arn == arn).cloned()
    }

    pub(crate) fn oidc_trusts(&self) -> Vec<OidcTrust> {
        self.state().oidc_trusts.clone()
    }

    pub(crate) fn ecs_role(&self) -> Option<EcsRole> {
        self.state().ecs_role.clone()
    }

    pub(crate) fn credentials_uri_acts_as(&self) -> Option<String> {
        self.state().credentials_uri_acts_as.clone()
    }

    /// New STS-style keys with the permissions of `acts_as`, valid for `lifetime` on the sandbox clock.
    pub(crate) fn issue_temporary_keys(&self, acts_as: &str, lifetime: Duration) -> Option<Account> {
        let base = self.account(acts_as)?;
        let keys = Account {
            access_key_id: format!("STS.{}", random::alphanumeric(25)),
            access_key_secret: random::alphanumeric(44),
            security_token: Some(format!("CAIS{}", random::alphanumeric(120))),
            expires_at: Some(self.clock.now() + lifetime),
            ..base
        };
        self.add_account(keys.clone());
        Some(keys)
    }

    /// Returns false when the nonce was seen before; remembers it otherwise.
    pub(crate) fn use_nonce(&self, nonce: &str) -> bool {
        self.state().used_nonces.insert(nonce.to_string())
    }

    // --- clusters ---

    pub(crate) fn add_cluster(&self, entry: ClusterEntry) {
        let mut state = self.state();
        match state.cluster_positions.get(&entry.spec.id) {
            Some(&position) => state.clusters[position] = entry,
            None => {
                let position = state.clusters.len();
                state.cluster_positions.insert(entry.spec.id.clone(), position);
                state.clusters.push(entry);
            }
        }
    }

    pub(crate) fn cluster(&self, cluster_id: &str) -> Option<ClusterEntry> {
        let state = self.state();
        let position = *state.cluster_positions.get(cluster_id)?;
        Some(state.clusters[position].clone()).filter(|entry| entry.spec.state != "deleted")
    }

    /// Every cluster, in the order they were added; deleted ones are gone, as from ACK's listings.
    pub(crate) fn clusters(&self) -> Vec<ClusterEntry> {
        self.state().clusters.iter().filter(|entry| entry.spec.state != "deleted").cloned().collect()
    }

    /// The cluster is deleted: ACK answers `ErrorClusterNotFound` for it from now on (its API servers
    /// keep listening, so a stale context still points somewhere).
    pub(crate) fn delete_cluster(&self, cluster_id: &str) {
        let mut state = self.state();
        if let Some(&position) = state.cluster_positions.get(cluster_id) {
            state.clusters[position].spec.state = "deleted".into();
        }
    }

    // --- certificates ---

    pub(crate) fn record_issued(&self, serial: String, cluster_id: &str, account: &Account, not_after: OffsetDateTime) {
        let mut state = self.state();
        let sequence = state.next_sequence;
        state.next_sequence += 1;
        let issued = IssuedCert {
            sequence,
            cluster_id: cluster_id.to_string(),
            uid: account.uid.clone(),
            display_name: account.display_name.clone(),
            account_type: account_type(account),
            not_after,
        };
        state.issued.insert(serial, issued);
    }

    /// RevokeK8sClusterKubeConfig: every certificate issued so far to `uid` for the cluster is rejected.
    pub(crate) fn revoke(&self, cluster_id: &str, uid: &str) {
        let mut state = self.state();
        let below = state.next_sequence;
        state.revoked_below.insert((cluster_id.to_string(), uid.to_string()), below);
    }

    /// Whether a certificate serial (hex) was issued by the fake ACK and revoked since.
    pub(crate) fn is_revoked(&self, serial: &str) -> bool {
        let state = self.state();
        let Some(issued) = state.issued.get(serial) else { return false };
        let key = (issued.cluster_id.clone(), issued.uid.clone());
        state.revoked_below.get(&key).is_some_and(|&below| issued.sequence < below)
    }

    /// The newest unrevoked certificate of each account for the cluster.
    pub(crate) fn live_certificates(&self, cluster_id: &str) -> Vec<IssuedCert> {
        let state = self.state();
        let mut newest: HashMap<&str, &IssuedCert> = HashMap::new();
        for issued in state.issued.values().filter(|issued| issued.cluster_id == cluster_id) {
            let revoked_below = state.revoked_below.get(&(issued.cluster_id.clone(), issued.uid.clone()));
            if revoked_below.is_some_and(|&below| issued.sequence < below) {
                continue;
            }
            let slot = newest.entry(issued.uid.as_str()).or_insert(issued);
            if issued.sequence > slot.sequence {
                *slot = issued;
            }
        }
        let mut certificates: Vec<IssuedCert> = newest.into_values().cloned().collect();
        certificates.sort_by(|a, b| a.uid.cmp(&b.uid));
        certificates
    }

    // --- faults and the log ---

    pub(crate) fn inject(&self, fault: Fault) {
        self.state().faults.push(fault);
    }

    pub(crate) fn take_faults(&self, action: &str, path: &str) -> Applied {
        fault::take_matching(&mut self.state().faults, action, path)
    }

    pub(crate) fn record(&self, request: RecordedRequest) {
        self.state().log.push(request);
    }

    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        self.state().log.clone()
    }

    pub(crate) fn clear_requests(&self) {
        self.state().log.clear();
    }

    // --- ECS metadata sessions ---

    pub(crate) fn issue_metadata_token(&self, ttl: Duration) -> String {
        let token = random::alphanumeric(56);
        let expires = self.clock.now() + ttl;
        self.state().metadata_tokens.insert(token.clone(), expires);
        token
    }

    pub(crate) fn metadata_token_is_valid(&self, token: &str) -> bool {
        let now = self.clock.now();
        self.state().metadata_tokens.get(token).is_some_and(|&expires| now < expires)
    }
}

/// STS keys act for a RAM role, even when the role's sessions borrow the root account's permissions.
fn account_type(account: &Account) -> &'static str {
    if account.is_sts() {
        "RamRole"
    } else if account.root_account {
        "RootAccount"
    } else {
        "RamUser"
    }
}
