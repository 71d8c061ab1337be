//! What a sandbox starts with: accounts, clusters, roles, and the demo defaults.
//!
//! Everything here is plain data with builder-style helpers, so a test reads like a sentence:
//! `Account::new(id, secret, uid).denying("cs:DescribeClusterUserKubeconfig")`.

use std::fmt;
use std::time::Duration;

use time::OffsetDateTime;

/// The demo account's AccessKey ID (printed by the demo binary; not a real key).
pub const DEMO_ACCESS_KEY_ID: &str = "LTAI5tSandboxDemoKey0001";
/// The demo account's AccessKey secret.
pub const DEMO_ACCESS_KEY_SECRET: &str = "SandboxDemoSecretNotARealKey000";
/// The demo account's UID (an Alibaba Cloud account ID is all digits).
pub const DEMO_UID: &str = "272899990000001";
/// Demo cluster with a public and an intranet API server address.
pub const DEMO_WEB_CLUSTER_ID: &str = "c0a1b2c3d4e5f60718293a4b5c6d7e8f9";
/// Demo cluster with a public API server address only.
pub const DEMO_BATCH_CLUSTER_ID: &str = "c9f8e7d6c5b4a39281706f5e4d3c2b1a0";
/// The region of both demo clusters.
pub const DEMO_REGION: &str = "cn-hangzhou";
/// A RAM role the demo account may assume through the fake STS (`AssumeRole`).
pub const DEMO_ROLE_ARN: &str = "acs:ram::272899990000001:role/sandbox-demo-role";
/// The OIDC provider trusted for [`DEMO_ROLE_ARN`] (`AssumeRoleWithOIDC`).
pub const DEMO_OIDC_PROVIDER_ARN: &str = "acs:ram::272899990000001:oidc-provider/ack-rrsa-sandbox";
/// The OIDC token the fake STS accepts for [`DEMO_OIDC_PROVIDER_ARN`].
pub const DEMO_OIDC_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYW5kYm94In0.sandbox-demo-signature";
/// The ECS instance RAM role served by the fake metadata service.
pub const DEMO_ECS_ROLE_NAME: &str = "sandbox-ecs-role";

/// Which clusters an account may see (a stand-in for resource-level RAM permissions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    All,
    Only(Vec<String>),
}

impl Visibility {
    pub fn allows(&self, cluster_id: &str) -> bool {
        match self {
            Visibility::All => true,
            Visibility::Only(ids) => ids.iter().any(|id| id == cluster_id),
        }
    }
}

/// An AccessKey pair the fake cloud accepts, and what its owner may do.
#[derive(Clone)]
pub struct Account {
    pub access_key_id: String,
    pub access_key_secret: String,
    /// Set for STS keys: requests must carry it in `x-acs-security-token` (CS) or `SecurityToken` (STS).
    pub security_token: Option<String>,
    /// The Alibaba Cloud account (or RAM user) ID: digits, e.g. `272899990000001`.
    pub uid: String,
    /// Shown in RAM denials and kubeconfig states.
    pub display_name: String,
    pub visible_clusters: Visibility,
    /// RAM actions answered with 403 `StatusForbidden`, e.g. `cs:DescribeClusterUserKubeconfig`.
    pub denied_actions: Vec<String>,
    /// After this instant (sandbox clock) the key is rejected; STS-issued keys have one.
    pub expires_at: Option<OffsetDateTime>,
    /// The Alibaba Cloud account itself, not one of its RAM users (kubeconfig states say `RootAccount`).
    pub root_account: bool,
}

impl Account {
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>, uid: impl Into<String>) -> Self {
        let uid = uid.into();
        Account {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
            display_name: format!("user-{uid}"),
            uid,
            visible_clusters: Visibility::All,
            denied_actions: Vec::new(),
            expires_at: None,
            root_account: false,
        }
    }

    /// The demo account: the Alibaba Cloud account that owns the demo role, sees every cluster, may do everything.
    pub fn demo() -> Self {
        Account::new(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_UID).named("sandbox-demo").as_root_account()
    }

    /// Makes this the Alibaba Cloud account itself rather than a RAM user.
    pub fn as_root_account(mut self) -> Self {
        self.root_account = true;
        self
    }

    pub fn named(mut self, display_name: impl Into<String>) -> Self {
        self.display_name = display_name.into();
        self
    }

    /// Makes this an STS key: the token must accompany every request.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// Restricts the account to these cluster IDs.
    pub fn seeing<I: IntoIterator<Item = S>, S: Into<String>>(mut self, cluster_ids: I) -> Self {
        self.visible_clusters = Visibility::Only(cluster_ids.into_iter().map(Into::into).collect());
        self
    }

    /// Denies one RAM action, e.g. `cs:DescribeClusterUserKubeconfig`.
    pub fn denying(mut self, action: impl Into<String>) -> Self {
        self.denied_actions.push(action.into());
        self
    }

    pub fn expiring_at(mut self, at: OffsetDateTime) -> Self {
        self.expires_at = Some(at);
        self
    }

    pub(crate) fn is_sts(&self) -> bool {
        self.security_token.is_some()
    }

    pub(crate) fn may(&self, ram_action: &str) -> bool {
        !self.denied_actions.iter().any(|denied| denied == ram_action)
    }
}

/// Never prints the secret or the token: accounts end up in test failure messages.
impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Account")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field("security_token", &self.security_token.as_ref().map(|_| "<redacted>"))
            .field("uid", &self.uid)
            .field("display_name", &self.display_name)
            .field("visible_clusters", &self.visible_clusters)
            .field("denied_actions", &self.denied_actions)
            .field("expires_at", &self.expires_at)
            .field("root_account", &self.root_account)
            .finish()
    }
}

/// An ACK cluster: what the CS API reports about it and which fake API servers it gets.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// ACK's form: `c` + 32 hex digits.
    pub id: String,
    pub name: String,
    pub region: String,
    /// `ManagedKubernetes`, `Kubernetes` (dedicated), `ExternalKubernetes`, …
    pub cluster_type: String,
    /// e.g. `1.33.3-aliyun.1`.
    pub version: String,
    /// e.g. `running`, `stopped`, `failed`.
    pub state: String,
    pub has_public_endpoint: bool,
    pub has_intranet_endpoint: bool,
    /// The API servers' serving certificate leaves out their address, so TLS verification fails.
    pub serving_cert_san_mismatch: bool,
}

impl Cluster {
    /// A running managed cluster on 1.33 with a public and an intranet endpoint.
    pub fn new(id: impl Into<String>, name: impl Into<String>, region: impl Into<String>) -> Self {
        Cluster {
            id: id.into(),
            name: name.into(),
            region: region.into(),
            cluster_type: "ManagedKubernetes".to_string(),
            version: "1.33.3-aliyun.1".to_string(),
            state: "running".to_string(),
            has_public_endpoint: true,
            has_intranet_endpoint: true,
            serving_cert_san_mismatch: false,
        }
    }

    /// A cluster with a fresh random ID.
    pub fn random(name: impl Into<String>, region: impl Into<String>) -> Self {
        Cluster::new(random_cluster_id(), name, region)
    }

    pub fn public_only(mut self) -> Self {
        self.has_public_endpoint = true;
        self.has_intranet_endpoint = false;
        self
    }

    pub fn intranet_only(mut self) -> Self {
        self.has_public_endpoint = false;
        self.has_intranet_endpoint = true;
        self
    }

    pub fn with_state(mut self, state: impl Into<String>) -> Self {
        self.state = state.into();
        self
    }

    pub fn with_type(mut self, cluster_type: impl Into<String>) -> Self {
        self.cluster_type = cluster_type.into();
        self
    }

    pub fn with_version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    pub fn with_san_mismatch(mut self) -> Self {
        self.serving_cert_san_mismatch = true;
        self
    }

    /// `demo-web`: public and intranet endpoints.
    pub fn demo_web() -> Self {
        Cluster::new(DEMO_WEB_CLUSTER_ID, "demo-web", DEMO_REGION)
    }

    /// `demo-batch`: public endpoint only.
    pub fn demo_batch() -> Self {
        Cluster::new(DEMO_BATCH_CLUSTER_ID, "demo-batch", DEMO_REGION).public_only()
    }
}

/// `c` + 32 random hex digits.
pub fn random_cluster_id() -> String {
    format!("c{}", crate::random::hex(16))
}

/// A RAM role the fake STS lets callers assume; sessions act with `acts_as`'s uid, visibility and denials.
#[derive(Debug, Clone)]
pub struct Role {
    pub arn: String,
    /// AccessKey ID of the [`Account`] whose permissions the role's sessions get.
    pub acts_as: String,
}

/// An OIDC provider trusted by a role, and the one token it accepts (`AssumeRoleWithOIDC`).
#[derive(Clone)]
pub struct OidcTrust {
    pub provider_arn: String,
    pub role_arn: String,
    pub token: String,
}

impl fmt::Debug for OidcTrust {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OidcTrust")
            .field("provider_arn", &self.provider_arn)
            .field("role_arn", &self.role_arn)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// The ECS instance RAM role the fake metadata service hands out credentials for.
#[derive(Debug, Clone)]
pub struct EcsRole {
    pub name: String,
    /// AccessKey ID of the [`Account`] whose permissions the role's credentials get.
    pub acts_as: String,
}

/// Everything a sandbox starts with.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub accounts: Vec<Account>,
    pub clusters: Vec<Cluster>,
    pub roles: Vec<Role>,
    pub oidc_trusts: Vec<OidcTrust>,
    pub ecs_role: Option<EcsRole>,
    /// AccessKey ID of the account whose permissions the credentials URI hands out (None: the URI answers 404).
    pub credentials_uri_acts_as: Option<String>,
    /// Lifetime of STS, metadata and credentials-URI keys (STS: at most this, even if DurationSeconds is longer).
    pub credential_lifetime: Duration,
    /// Also serve the CS API over HTTPS (see `Sandbox::https_endpoint`, `Sandbox::https_ca_pem`).
    pub https: bool,
    /// Fixed port for the CS API (HTTP); 0 lets the OS choose.
    pub cs_port: u16,
}

impl SandboxConfig {
    /// No accounts and no clusters at all; the STS/metadata/URI sources point nowhere.
    pub fn empty() -> Self {
        SandboxConfig {
            accounts: Vec::new(),
            clusters: Vec::new(),
            roles: Vec::new(),
            oidc_trusts: Vec::new(),
            ecs_role: None,
            credentials_uri_acts_as: None,
            credential_lifetime: Duration::from_secs(3600),
            https: false,
            cs_port: 0,
        }
    }

    pub fn with_account(mut self, account: Account) -> Self {
        self.accounts.push(account);
        self
    }

    pub fn with_cluster(mut self, cluster: Cluster) -> Self {
        self.clusters.push(cluster);
        self
    }

    pub fn with_https(mut self) -> Self {
        self.https = true;
        self
    }

    pub fn with_credential_lifetime(mut self, lifetime: Duration) -> Self {
        self.credential_lifetime = lifetime;
        self
    }
}

/// The demo account, its two clusters, and every credential source wired to the demo account.
impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            accounts: vec![Account::demo()],
            clusters: vec![Cluster::demo_web(), Cluster::demo_batch()],
            roles: vec![Role { arn: DEMO_ROLE_ARN.to_string(), acts_as: DEMO_ACCESS_KEY_ID.to_string() }],
            oidc_trusts: vec![OidcTrust {
                provider_arn: DEMO_OIDC_PROVIDER_ARN.to_string(),
                role_arn: DEMO_ROLE_ARN.to_string(),
                token: DEMO_OIDC_TOKEN.to_string(),
            }],
            ecs_role: Some(EcsRole { name: DEMO_ECS_ROLE_NAME.to_string(), acts_as: DEMO_ACCESS_KEY_ID.to_string() }),
            credentials_uri_acts_as: Some(DEMO_ACCESS_KEY_ID.to_string()),
            ..SandboxConfig::empty()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_secrets() {
        let account = Account::demo().with_security_token("tok-123");
        let printed = format!("{account:?}");
        assert!(!printed.contains(DEMO_ACCESS_KEY_SECRET));
        assert!(!printed.contains("tok-123"));
        assert!(printed.contains(DEMO_ACCESS_KEY_ID));
    }

    #[test]
    fn cluster_ids_have_acks_form() {
        for id in [random_cluster_id(), DEMO_WEB_CLUSTER_ID.to_string(), DEMO_BATCH_CLUSTER_ID.to_string()] {
            assert_eq!(id.len(), 33, "{id}");
            assert!(id.starts_with('c'));
            assert!(id[1..].chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        }
    }
}
