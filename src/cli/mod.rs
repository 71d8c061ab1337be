//! The command line, as clap derive types: the only place that knows clap (with `lower`, which turns
//! it into the plain `request` types the rest of the program takes, and `complete`, which walks clap's
//! command tree for shell completion). Doc comments are the help text; usage lines carry the
//! `kubectl ack` prefix because that is how people run a kubectl plugin.

pub mod complete;
pub mod help;
mod lower;

pub use lower::{Usage, parse};

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::ValueHint;
use clap::{Args, Parser, Subcommand};

use crate::{duration, t};

/// Alibaba Cloud ACK credentials for kubectl: fetch, merge and inspect cluster kubeconfigs.
#[derive(Debug, Parser)]
#[command(
    name = "kubectl-ack",
    bin_name = "kubectl ack",
    version,
    disable_help_subcommand = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Print request lines and which credentials are used (never secrets)
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the user, groups and Alibaba Cloud account behind a context's client certificate
    Whoami(WhoamiArgs),
    /// Show when client certificates expire; with --within, exit 3 when one needs renewing
    Expiry(ExpiryArgs),
    /// Write a context's client certificate, key and CA to PEM files
    ExportCert(ExportCertArgs),
    /// Fetch a cluster's kubeconfig and merge it into the active KUBECONFIG without clobbering anything
    GetCredentials(GetCredentialsArgs),
    /// Revoke this account's kubeconfigs for a cluster (every certificate issued so far stops working)
    Revoke(RevokeArgs),
    /// List the ACK clusters the credentials can see
    Clusters(ClustersArgs),
    /// Exec credential plugin: print an ExecCredential with a cached, auto-renewed short-lived certificate
    Credential(CredentialArgs),
    /// Re-fetch the credentials of ACK contexts whose certificates expire soon, in one locked write
    Rotate(RotateArgs),
    /// Who holds kubeconfigs for a cluster: account, certificate state and expiry, whether revokable
    Audit(AuditArgs),
    /// Check credentials, clock, permissions, kubeconfig, certificate, TLS and reachability, each with a fix
    Doctor(DoctorArgs),
    /// When someone leaves: clean a RAM user's or role's kubeconfigs and ACK-managed RBAC grants on every
    /// cluster (plan first, ACK's 7-day activity check unless --force, then a wait until ACK shows them removed)
    Offboard(OffboardArgs),
    /// Remove what no longer works: ACK contexts whose cluster is gone or whose certificate has expired, with
    /// the cluster and user entries only they used (plan first, then a confirmation)
    Prune(PruneArgs),
    /// Print the version of kubectl-ack
    Version(VersionArgs),
    /// Shell completion scripts, and the kubectl_complete-ack executable for `kubectl ack <TAB>`
    Completion(CompletionArgs),
    /// Print completion candidates for the words after `kubectl ack` (run by kubectl_complete-ack)
    #[command(name = "__complete", hide = true)]
    Complete(CompleteArgs),
}

/// Which kubeconfig files to read, kubectl's way.
#[derive(Debug, Clone, Args)]
pub struct KubeconfigArgs {
    /// Use this kubeconfig file only, instead of KUBECONFIG or ~/.kube/config
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
}

/// Where the Alibaba Cloud API is and how to reach it.
#[derive(Debug, Clone, Args)]
pub struct CloudArgs {
    /// aliyun CLI profile for credentials and region (default: ALIBABA_CLOUD_PROFILE, then the current profile)
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Region ID such as cn-hangzhou (default: ALIBABA_CLOUD_REGION_ID, then the profile's region)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// ACK OpenAPI base URL (default: https://cs.<region>.aliyuncs.com); plain http only to loopback
    #[arg(long, value_name = "URL", env = "KUBECTL_ACK_ENDPOINT")]
    pub endpoint: Option<String>,
    /// Time limit of each API request
    #[arg(long, value_name = "DURATION", value_parser = duration::parse_flag, default_value = "30s")]
    pub timeout: Duration,
}

#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(short = 'o', long, value_enum, default_value_t = Format::Text)]
    pub output: Format,
}

/// `-o/--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Human-readable text (a table for lists).
    #[default]
    #[value(alias = "table")]
    Text,
    Json,
    Yaml,
}

#[derive(Debug, Args)]
pub struct WhoamiArgs {
    #[command(flatten)]
    pub kubeconfig: KubeconfigArgs,
    /// The context to inspect (default: the current context)
    #[arg(long, value_name = "NAME", value_parser = context_name)]
    pub context: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ExpiryArgs {
    #[command(flatten)]
    pub kubeconfig: KubeconfigArgs,
    /// The context to check (default: the current context)
    #[arg(long, value_name = "NAME", value_parser = context_name, conflicts_with = "all_contexts")]
    pub context: Option<String>,
    /// Check every context of the kubeconfig
    #[arg(long, short = 'A')]
    pub all_contexts: bool,
    /// Exit with status 3 when a checked certificate is expired or expires within this time (e.g. 30d, 12h)
    #[arg(long, value_name = "DURATION", value_parser = duration::parse_flag)]
    pub within: Option<Duration>,
    /// Output format
    #[arg(short = 'o', long, value_enum, default_value_t = ExpiryFormat::Text)]
    pub output: ExpiryFormat,
}

/// `-o` of expiry: the shared formats, and Prometheus' text format for monitoring expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ExpiryFormat {
    /// Human-readable text (a table)
    #[default]
    #[value(alias = "table")]
    Text,
    Json,
    Yaml,
    /// Prometheus text exposition format, for node_exporter's textfile collector
    Prometheus,
}

#[derive(Debug, Args)]
pub struct ExportCertArgs {
    #[command(flatten)]
    pub kubeconfig: KubeconfigArgs,
    /// The context to export (default: the current context)
    #[arg(long, value_name = "NAME", value_parser = context_name)]
    pub context: Option<String>,
    /// Directory to write client-cert.pem, client-key.pem and ca.pem into (created 0700 if missing)
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    /// Replace files that already exist
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct GetCredentialsArgs {
    /// Cluster ID (c + 32 hex digits) or cluster name
    #[arg(required_unless_present = "all")]
    pub cluster: Option<String>,
    /// Every cluster the credentials can see in the region (or with --all-regions, in every region),
    /// fetched concurrently and written in one locked write; current-context is left alone
    #[arg(long, conflicts_with_all = ["cluster", "context", "print", "verify"])]
    pub all: bool,
    /// With --all: every region, not just the one configured
    #[arg(long, requires = "all", conflicts_with = "region")]
    pub all_regions: bool,
    /// With --all: how many clusters are fetched at once
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64), requires = "all")]
    pub concurrency: u16,
    /// With --all: report the clusters written, failed and skipped as JSON or YAML on stdout
    #[arg(short = 'o', long, value_enum, default_value_t = Format::Text, requires = "all")]
    pub output: Format,
    /// Use the cluster's intranet (VPC) API server address instead of the public one
    #[arg(long)]
    pub private: bool,
    /// Fetch a short-lived certificate valid this long, 15m to 3d (e.g. 30m, 2h, 3d); default: ACK's long-term one
    #[arg(long, value_name = "DURATION", value_parser = parse_temporary)]
    pub temporary: Option<u32>,
    /// Name of the context to write (default: the cluster's name, with -private for --private)
    #[arg(long, value_name = "NAME", value_parser = context_name)]
    pub context: Option<String>,
    #[command(flatten)]
    pub kubeconfig: KubeconfigArgs,
    /// Print the kubeconfig to stdout and write nothing
    #[arg(long)]
    pub print: bool,
    /// Leave current-context as it is
    #[arg(long)]
    pub no_set_current: bool,
    /// Replace a context of the same name that belongs to another cluster
    #[arg(long)]
    pub overwrite: bool,
    /// After writing, connect with the new context and list namespaces
    #[arg(long, conflicts_with = "print")]
    pub verify: bool,
    /// Write a user that runs `kubectl-ack credential` (short-lived certificates renewed by themselves,
    /// no private key in the kubeconfig) instead of embedding a certificate; default lifetime 3h
    #[arg(long)]
    pub exec: bool,
    /// How kubectl authenticates: cert (ACK's client certificates; the default) or token (a RAM identity token
    /// for ACK's ack-ram-authenticator add-on: an exec user, no certificate and no key anywhere)
    #[arg(long, value_enum, default_value_t = AuthArg::Cert, value_name = "KIND")]
    pub auth: AuthArg,
    /// Write the cluster without CA data and with insecure-skip-tls-verify (ACK dedicated clusters whose SLB
    /// address is not in the certificate; not for production)
    #[arg(long)]
    pub insecure_skip_tls_verify: bool,
    /// The context's default namespace (for users whose permissions are namespaced); kept by later fetches
    /// and by rotate
    #[arg(long, short = 'n', value_name = "NAMESPACE", value_parser = namespace_name)]
    pub namespace: Option<String>,
    /// Reach the API server through this proxy (http://, https:// or socks5://HOST:PORT; a bastion in front of an
    /// intranet address); written as the cluster entry's proxy-url, kept by later fetches and by rotate
    #[arg(long, value_name = "URL", value_parser = ProxyUrlParser)]
    pub proxy_url: Option<String>,
    /// Issue the kubeconfig for one of the account's RAM users or roles, by UID (the account's credentials
    /// only; written only with --print or --kubeconfig FILE, never into your own kubeconfig)
    #[arg(long, value_name = "UID", value_parser = account_uid, conflicts_with_all = ["all", "exec", "verify"])]
    pub for_user: Option<String>,
    #[command(flatten)]
    pub cloud: CloudArgs,
}

/// `--auth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum AuthArg {
    /// ACK's client certificates
    #[default]
    Cert,
    /// A RAM identity token for ack-ram-authenticator
    Token,
}

#[derive(Debug, Args)]
pub struct CredentialArgs {
    /// Cluster ID (c + 32 hex digits)
    pub cluster_id: String,
    /// What to hand kubectl: cert (a short-lived client certificate) or token (an ack-ram-authenticator token)
    #[arg(long, value_enum, default_value_t = AuthArg::Cert, value_name = "KIND")]
    pub auth: AuthArg,
    /// Credentials for the cluster's intranet address (the certificate is the same kind either way)
    #[arg(long)]
    pub private: bool,
    /// Certificate lifetime, 15m to 3d (default 3h)
    #[arg(long, value_name = "DURATION", value_parser = parse_temporary)]
    pub temporary: Option<u32>,
    /// Fetch a new certificate even if the cached one is still fresh (e.g. after a revoke elsewhere)
    #[arg(long)]
    pub refresh: bool,
    #[command(flatten)]
    pub cloud: CloudArgs,
}

#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// Cluster ID (c + 32 hex digits) or cluster name
    pub cluster: String,
    /// Do not ask for confirmation (needed when standard input is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
    #[command(flatten)]
    pub kubeconfig: KubeconfigArgs,
    #[command(flatten)]
    pub cloud: CloudArgs,
}

#[derive(Debug, Args)]
pub struct RotateArgs {
    #[command(flatten)]
    pub kubeconfig: KubeconfigArgs,
    /// Renew certificates that are expired or expire within this time (default: ACK's 180-day renewal window
    /// for long-term certificates; temporary ones when a fifth of their lifetime, or 10 minutes, is left)
    #[arg(long, value_name = "DURATION", value_parser = duration::parse_flag)]
    pub within: Option<Duration>,
    /// Only this context (default: every ACK context)
    #[arg(long, value_name = "NAME", value_parser = context_name, conflicts_with = "all_contexts")]
    pub context: Option<String>,
    /// Every ACK context of the kubeconfig (the default)
    #[arg(long, short = 'A')]
    pub all_contexts: bool,
    /// Print the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub cloud: CloudArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Cluster ID (c + 32 hex digits) or cluster name
    #[arg(required_unless_present = "all")]
    pub cluster: Option<String>,
    /// Every cluster the credentials can see in the region (or with --all-regions, in every region),
    /// audited concurrently into one table
    #[arg(long, conflicts_with = "cluster")]
    pub all: bool,
    /// With --all: every region, not just the one configured
    #[arg(long, requires = "all", conflicts_with = "region")]
    pub all_regions: bool,
    /// Only kubeconfigs that should not exist: an account that is Deleted or InActive still holding a
    /// certificate that is neither expired nor removed
    #[arg(long)]
    pub deleted_accounts: bool,
    /// Only kubeconfigs whose certificate is expired or expires within this time (e.g. 30d)
    #[arg(long, value_name = "DURATION", value_parser = duration::parse_flag)]
    pub expiring_within: Option<Duration>,
    #[command(flatten)]
    pub cloud: CloudArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    #[command(flatten)]
    pub kubeconfig: KubeconfigArgs,
    /// The context to check (default: the current context)
    #[arg(long, value_name = "NAME", value_parser = context_name)]
    pub context: Option<String>,
    /// Time limit for connecting to the cluster's API server, and for each of its answers
    #[arg(long, value_name = "DURATION", value_parser = duration::parse_flag, default_value = "5s")]
    pub connect_timeout: Duration,
    #[command(flatten)]
    pub cloud: CloudArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    #[command(flatten)]
    pub kubeconfig: KubeconfigArgs,
    /// Keep ACK contexts whose certificate expired less than this long ago (e.g. 7d); default: prune every expired one
    #[arg(long, value_name = "DURATION", value_parser = duration::parse_flag)]
    pub expired_for: Option<Duration>,
    /// Also remove entries of any origin that point at nothing: contexts whose cluster or user is missing, and
    /// clusters and users no context uses
    #[arg(long)]
    pub dangling: bool,
    /// Print the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask for confirmation (needed when standard input is not a terminal)
    #[arg(long, short = 'y', conflicts_with = "dry_run")]
    pub yes: bool,
    /// Do not keep a copy of each changed kubeconfig file beside it
    #[arg(long)]
    pub no_backup: bool,
    #[command(flatten)]
    pub cloud: CloudArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct OffboardArgs {
    /// The RAM user's or RAM role's UID (digits, as the console and ListClusterKubeconfigStates show it)
    #[arg(value_name = "UID", value_parser = account_uid)]
    pub uid: String,
    /// Only this cluster (ID or name); repeat for more (default: every cluster)
    #[arg(long = "cluster", value_name = "CLUSTER")]
    pub clusters: Vec<String>,
    /// Clean without ACK's check of the user's activity in the last 7 days (the user loses access at once)
    #[arg(long)]
    pub force: bool,
    /// Print the plan and send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask for confirmation (needed when standard input is not a terminal)
    #[arg(long, short = 'y', conflicts_with = "dry_run")]
    pub yes: bool,
    /// Do not wait until ACK shows the kubeconfigs removed
    #[arg(long)]
    pub no_wait: bool,
    #[command(flatten)]
    pub cloud: CloudArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// An Alibaba Cloud UID: the digits of an account, RAM user or RAM role ID.
fn account_uid(text: &str) -> Result<String, String> {
    let valid = (1..=32).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit());
    if valid { Ok(text.to_string()) } else { Err(t!("cli-invalid-uid")) }
}

/// Completion scripts, and the executable kubectl runs for `kubectl ack <TAB>`.
#[derive(Debug, Args)]
pub struct CompletionArgs {
    #[command(subcommand)]
    pub target: CompletionTarget,
}

#[derive(Debug, Clone, Subcommand)]
pub enum CompletionTarget {
    /// Print the bash completion script for kubectl-ack (source it from ~/.bashrc)
    Bash,
    /// Print the zsh completion script for kubectl-ack (save it as _kubectl-ack on $fpath)
    Zsh,
    /// Print the fish completion script for kubectl-ack (save it in ~/.config/fish/completions/)
    Fish,
    /// Print the PowerShell completion script for kubectl-ack (dot-source it from $PROFILE)
    Powershell,
    /// Write kubectl_complete-ack, which kubectl 1.26+ runs to complete `kubectl ack <TAB>`
    InstallPluginCompletion {
        /// Directory to write it into; it must be on PATH (default: where kubectl-ack is found on PATH)
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: Option<PathBuf>,
        /// Replace an existing kubectl_complete-ack that kubectl-ack did not write
        #[arg(long)]
        force: bool,
        /// Print the script instead of writing it
        #[arg(long, conflicts_with_all = ["dir", "force"])]
        print: bool,
    },
}

/// The words after `kubectl ack`, as kubectl hands them to `kubectl_complete-ack`.
#[derive(Debug, Args)]
pub struct CompleteArgs {
    /// The words after `kubectl ack`; the last one is the word being completed (may be empty)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0.., value_name = "WORDS")]
    pub words: Vec<String>,
}

/// A context name: any string kubectl accepts, but not an empty one (`--context ""` would silently mean
/// "the current context" to some readers and a new nameless context to a writer).
pub fn context_name(text: &str) -> Result<String, String> {
    if text.is_empty() { Err(t!("cli-empty-context")) } else { Ok(text.to_string()) }
}

/// A Kubernetes namespace name: an RFC 1123 label (lowercase letters, digits and `-`, at most 63, starting
/// and ending with a letter or digit), as the API server requires.
pub fn namespace_name(text: &str) -> Result<String, String> {
    let valid = !text.is_empty()
        && text.len() <= 63
        && text.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-');
    if valid { Ok(text.to_string()) } else { Err(t!("cli-bad-namespace", text = text)) }
}

/// A proxy kubectl can use (client-go's rule): `http://`, `https://` or `socks5://`, a host, an optional port,
/// nothing else. http(s) proxies must not carry user info: the kubeconfig would hold its password.
pub fn proxy_url(text: &str) -> Result<String, String> {
    let url = url::Url::parse(text).map_err(|error| t!("cli-proxy-not-a-url", error = error.to_string()))?;
    let scheme = url.scheme();
    if !["http", "https", "socks5"].contains(&scheme) {
        return Err(t!("cli-proxy-scheme", scheme = scheme));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(t!("cli-proxy-no-host"));
    }
    if scheme != "socks5" && (!url.username().is_empty() || url.password().is_some()) {
        return Err(t!("cli-proxy-user-info"));
    }
    if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
        return Err(t!("cli-proxy-extra"));
    }
    Ok(text.trim_end_matches('/').to_string())
}

/// `--proxy-url`'s parser: like the others, but its error never repeats the value, which may hold a password.
#[derive(Debug, Clone, Copy)]
struct ProxyUrlParser;

impl clap::builder::TypedValueParser for ProxyUrlParser {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let invalid = |message: String| {
            clap::Error::raw(clap::error::ErrorKind::ValueValidation, format!("--proxy-url: {message}\n"))
                .with_cmd(command)
        };
        let text = value.to_str().ok_or_else(|| invalid(t!("cli-proxy-not-utf8")))?;
        proxy_url(text).map_err(invalid)
    }
}

/// ACK's limits for temporary kubeconfigs (TemporaryDurationMinutes 15–4320), checked before any request.
pub fn parse_temporary(text: &str) -> Result<u32, String> {
    let duration = duration::parse(text).map_err(|error| error.to_string())?;
    let seconds = duration.as_secs();
    if seconds % 60 != 0 {
        return Err(t!("cli-temporary-not-minutes", text = text));
    }
    let minutes = seconds / 60;
    if !(15..=4320).contains(&minutes) {
        return Err(t!("cli-temporary-out-of-range", text = text));
    }
    Ok(minutes as u32)
}

#[derive(Debug, Args)]
pub struct ClustersArgs {
    #[command(flatten)]
    pub cloud: CloudArgs,
    /// List the clusters of every region (the endpoint's region only names where to ask)
    #[arg(long, conflicts_with = "region")]
    pub all_regions: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct VersionArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn temporary_durations_are_checked_against_acks_range() {
        assert_eq!(parse_temporary("15m"), Ok(15));
        assert_eq!(parse_temporary("90m"), Ok(90));
        assert_eq!(parse_temporary("2h30m"), Ok(150));
        assert_eq!(parse_temporary("3d"), Ok(4320));
        for bad in ["14m", "3d1m", "4d", "90s", "30", "soon"] {
            assert!(parse_temporary(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_empty_context_name_is_a_usage_error() {
        for command in ["whoami", "expiry", "export-cert", "rotate", "doctor"] {
            let mut args = vec!["kubectl-ack", command, "--context", ""];
            if command == "export-cert" {
                args.extend(["--out-dir", "x"]);
            }
            let error = Cli::try_parse_from(&args).unwrap_err();
            assert!(error.to_string().contains("cannot be empty"), "{command}: {error}");
        }
        let error = Cli::try_parse_from(["kubectl-ack", "get-credentials", "c", "--context", ""]).unwrap_err();
        assert!(error.to_string().contains("cannot be empty"), "{error}");
    }

    #[test]
    fn namespaces_and_proxies_are_checked_before_anything_happens() {
        for good in ["default", "team-a", "a", "x1-2y"] {
            assert_eq!(namespace_name(good).as_deref(), Ok(good));
        }
        for bad in ["", "Team", "-a", "a-", "a_b", "a.b", &"a".repeat(64)] {
            assert!(namespace_name(bad).is_err(), "{bad}");
        }
        for good in [
            "http://127.0.0.1:3128",
            "https://127.0.0.1:8443/",
            "socks5://127.0.0.1:1080",
            "socks5://u:p@127.0.0.1:1080",
        ] {
            assert!(proxy_url(good).is_ok(), "{good}");
        }
        assert_eq!(proxy_url("http://127.0.0.1:3128/").unwrap(), "http://127.0.0.1:3128");
        for bad in [
            "ftp://127.0.0.1",
            "http://u:p@127.0.0.1:3128",
            "http://127.0.0.1:3128/path",
            "http://127.0.0.1?x=1",
            "127.0.0.1:3128",
            "http://",
        ] {
            assert!(proxy_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn usage_lines_carry_the_kubectl_prefix() {
        let help = Cli::command().render_help().to_string();
        assert!(help.contains("Usage: kubectl ack [OPTIONS] <COMMAND>"), "{help}");
    }
}
