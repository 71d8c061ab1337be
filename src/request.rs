//! What the user asked for, as plain data: the command line lowered once (`cli::lower`), so that
//! nothing below `cli` knows clap (ripgrep's low → high args). Commands and use cases take these.

use std::path::PathBuf;
use std::time::Duration;

use crate::ack::Access;
use crate::output::Format;

/// One run of the program.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// `-v/--verbose`: request lines and the credential source on stderr (never a secret).
    pub verbose: bool,
    pub request: Request,
}

#[derive(Debug, Clone)]
pub enum Request {
    Whoami(Whoami),
    Expiry(Expiry),
    ExportCert(ExportCert),
    GetCredentials(GetCredentials),
    Revoke(Revoke),
    Clusters(Clusters),
    Credential(Credential),
    Rotate(Rotate),
    Audit(Audit),
    Doctor(Doctor),
    Offboard(Offboard),
    Prune(Prune),
    Version(Version),
    Completion(Completion),
    Complete(Complete),
}

/// Which kubeconfig files are in force: `--kubeconfig FILE`, else `KUBECONFIG`, else `~/.kube/config`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KubeconfigSelection {
    pub file: Option<PathBuf>,
}

/// Where the Alibaba Cloud API is and how to reach it (`--profile`, `--region`, `--endpoint`, `--timeout`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudSettings {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint: Option<String>,
    /// The time limit of each API request.
    pub timeout: Duration,
}

impl CloudSettings {
    /// The same settings, in another region.
    pub fn in_region(&self, region: Option<String>) -> CloudSettings {
        CloudSettings { region, ..self.clone() }
    }
}

#[derive(Debug, Clone)]
pub struct Whoami {
    pub kubeconfig: KubeconfigSelection,
    pub context: Option<String>,
    pub format: Format,
}

/// `-o` of expiry: the shared formats, and Prometheus' text format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpiryFormat {
    Text,
    Json,
    Yaml,
    Prometheus,
}

/// Which contexts a command looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contexts {
    /// `--context NAME`, or the current context.
    One(Option<String>),
    /// `--all-contexts`.
    All,
}

#[derive(Debug, Clone)]
pub struct Expiry {
    pub kubeconfig: KubeconfigSelection,
    pub contexts: Contexts,
    /// Exit 3 when a checked certificate is expired or expires within this time.
    pub within: Option<Duration>,
    pub format: ExpiryFormat,
}

#[derive(Debug, Clone)]
pub struct ExportCert {
    pub kubeconfig: KubeconfigSelection,
    pub context: Option<String>,
    pub out_dir: PathBuf,
    pub force: bool,
    pub format: Format,
}

/// How the user entry written by get-credentials authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserKind {
    /// The certificate and key embedded.
    Certificate,
    /// An exec user running `kubectl-ack credential` for short-lived certificates (`--exec`).
    Exec,
    /// An exec user running `kubectl-ack credential --auth token`: ack-ram-authenticator tokens of the
    /// caller's RAM identity (`--auth token`); no certificate and no key anywhere.
    Token,
}

/// What the exec plugin hands kubectl.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Auth {
    /// A short-lived client certificate.
    #[default]
    Certificate,
    /// An ack-ram-authenticator token.
    Token,
}

/// One cluster, or every cluster the credentials can see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `CLUSTER` (an ID or a name), with what only a single cluster can have.
    One { cluster: String, context: Option<String>, print: bool, verify: bool, set_current: bool },
    /// `--all`: in the region, or `--all-regions`; at most `concurrency` fetches at a time; `-o json|yaml`
    /// reports what was written and what failed.
    All { all_regions: bool, concurrency: usize, format: Format },
}

#[derive(Debug, Clone)]
pub struct GetCredentials {
    pub target: Target,
    pub access: Access,
    /// `--temporary`, in minutes (15…4320, checked by the command line).
    pub temporary_minutes: Option<u32>,
    pub user: UserKind,
    pub kubeconfig: KubeconfigSelection,
    pub overwrite: bool,
    pub insecure_skip_tls_verify: bool,
    /// `--proxy-url`: written into the cluster entry.
    pub proxy_url: Option<String>,
    /// `--namespace`: the context's default namespace.
    pub namespace: Option<String>,
    /// `--for-user UID`: a kubeconfig the account issues for one of its RAM users or roles.
    pub for_user: Option<String>,
    pub cloud: CloudSettings,
}

#[derive(Debug, Clone)]
pub struct Credential {
    pub cluster_id: String,
    pub auth: Auth,
    pub access: Access,
    pub temporary_minutes: Option<u32>,
    /// `--refresh`: fetch a new certificate even if the cached one is fresh.
    pub refresh: bool,
    pub cloud: CloudSettings,
}

#[derive(Debug, Clone)]
pub struct Revoke {
    pub cluster: String,
    /// `--yes`: no confirmation prompt.
    pub confirmed: bool,
    pub kubeconfig: KubeconfigSelection,
    pub cloud: CloudSettings,
}

#[derive(Debug, Clone)]
pub struct Clusters {
    pub all_regions: bool,
    pub cloud: CloudSettings,
    pub format: Format,
}

#[derive(Debug, Clone)]
pub struct Rotate {
    pub kubeconfig: KubeconfigSelection,
    /// Renew what expires within this time, instead of the default windows.
    pub within: Option<Duration>,
    /// `--context NAME` alone, or every ACK context.
    pub context: Option<String>,
    pub dry_run: bool,
    pub cloud: CloudSettings,
    pub format: Format,
}

#[derive(Debug, Clone)]
pub struct Audit {
    pub target: AuditTarget,
    pub expiring_within: Option<Duration>,
    /// `--deleted-accounts`: only kubeconfigs of Deleted or InActive accounts that still work.
    pub deleted_accounts: bool,
    pub cloud: CloudSettings,
    pub format: Format,
}

/// `offboard UID`: a departed user's kubeconfigs and ACK-managed grants, cleaned.
#[derive(Debug, Clone)]
pub struct Offboard {
    pub uid: String,
    /// `--cluster` (IDs or names); empty: every cluster.
    pub clusters: Vec<String>,
    pub force: bool,
    pub dry_run: bool,
    /// `--yes`: no confirmation prompt.
    pub yes: bool,
    /// Wait until ACK shows the kubeconfigs removed (not with `--no-wait`).
    pub wait: bool,
    pub cloud: CloudSettings,
    pub format: Format,
}

/// One cluster, or every cluster the credentials see (`--all`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditTarget {
    Cluster(String),
    All { all_regions: bool },
}

#[derive(Debug, Clone)]
pub struct Doctor {
    pub kubeconfig: KubeconfigSelection,
    pub context: Option<String>,
    pub connect_timeout: Duration,
    pub cloud: CloudSettings,
    pub format: Format,
}

#[derive(Debug, Clone)]
pub struct Prune {
    pub kubeconfig: KubeconfigSelection,
    /// Keep contexts whose certificate expired less than this long ago.
    pub expired_for: Option<Duration>,
    /// Also entries of any origin that point at nothing.
    pub dangling: bool,
    pub dry_run: bool,
    /// `--yes`: no confirmation prompt.
    pub confirmed: bool,
    pub no_backup: bool,
    pub cloud: CloudSettings,
    pub format: Format,
}

#[derive(Debug, Clone)]
pub struct Version {
    pub format: Format,
}

/// `completion SHELL`, or the executable kubectl runs for `kubectl ack <TAB>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    Script(Shell),
    InstallPluginCompletion { dir: Option<PathBuf>, force: bool },
    PrintPluginCompletion,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    PowerShell,
}

/// `__complete WORDS…`: the words after `kubectl ack`, the last being completed.
#[derive(Debug, Clone)]
pub struct Complete {
    pub words: Vec<String>,
}
