//! The parsed command line, lowered once into the plain `request` types the rest of the program takes.

use super::*;
use crate::ack::Access;
use crate::i18n::Language;
use crate::output;
use crate::request::{self, Invocation, Request};

/// What the command line says when it is not a command to run: `--help` and `--version` (shown on
/// stdout, exit 0), or a usage error (stderr, exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    pub text: String,
    pub is_error: bool,
}

/// Parses the command line and lowers it into a request; `--help` speaks `language`.
pub fn parse<I, T>(args: I, language: Language) -> Result<Invocation, Usage>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let command = super::help::localized(<Cli as clap::CommandFactory>::command(), language);
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => Ok(cli.lower()),
        Err(usage) => Err(Usage { text: usage.render().to_string(), is_error: usage.use_stderr() }),
    }
}

impl Cli {
    pub fn lower(self) -> Invocation {
        Invocation { verbose: self.verbose, request: self.command.lower() }
    }
}

impl Command {
    fn lower(self) -> Request {
        match self {
            Command::Whoami(args) => Request::Whoami(request::Whoami {
                kubeconfig: args.kubeconfig.lower(),
                context: args.context,
                format: args.output.lower(),
            }),
            Command::Expiry(args) => Request::Expiry(request::Expiry {
                kubeconfig: args.kubeconfig.lower(),
                contexts: if args.all_contexts { request::Contexts::All } else { request::Contexts::One(args.context) },
                within: args.within,
                format: match args.output {
                    ExpiryFormat::Text => request::ExpiryFormat::Text,
                    ExpiryFormat::Json => request::ExpiryFormat::Json,
                    ExpiryFormat::Yaml => request::ExpiryFormat::Yaml,
                    ExpiryFormat::Prometheus => request::ExpiryFormat::Prometheus,
                },
            }),
            Command::ExportCert(args) => Request::ExportCert(request::ExportCert {
                kubeconfig: args.kubeconfig.lower(),
                context: args.context,
                out_dir: args.out_dir,
                force: args.force,
                format: args.output.lower(),
            }),
            Command::GetCredentials(args) => Request::GetCredentials(args.lower()),
            Command::Revoke(args) => Request::Revoke(request::Revoke {
                cluster: args.cluster,
                confirmed: args.yes,
                kubeconfig: args.kubeconfig.lower(),
                cloud: args.cloud.lower(),
            }),
            Command::Clusters(args) => Request::Clusters(request::Clusters {
                all_regions: args.all_regions,
                cloud: args.cloud.lower(),
                format: args.output.lower(),
            }),
            Command::Credential(args) => Request::Credential(request::Credential {
                cluster_id: args.cluster_id,
                auth: match args.auth {
                    AuthArg::Cert => request::Auth::Certificate,
                    AuthArg::Token => request::Auth::Token,
                },
                access: Access::from_private(args.private),
                temporary_minutes: args.temporary,
                refresh: args.refresh,
                cloud: args.cloud.lower(),
            }),
            Command::Rotate(args) => Request::Rotate(request::Rotate {
                kubeconfig: args.kubeconfig.lower(),
                within: args.within,
                context: args.context,
                dry_run: args.dry_run,
                cloud: args.cloud.lower(),
                format: args.output.lower(),
            }),
            Command::Audit(args) => Request::Audit(request::Audit {
                target: match args.cluster {
                    Some(cluster) if !args.all => request::AuditTarget::Cluster(cluster),
                    _ => request::AuditTarget::All { all_regions: args.all_regions },
                },
                expiring_within: args.expiring_within,
                deleted_accounts: args.deleted_accounts,
                cloud: args.cloud.lower(),
                format: args.output.lower(),
            }),
            Command::Doctor(args) => Request::Doctor(request::Doctor {
                kubeconfig: args.kubeconfig.lower(),
                context: args.context,
                connect_timeout: args.connect_timeout,
                cloud: args.cloud.lower(),
                format: args.output.lower(),
            }),
            Command::Offboard(args) => Request::Offboard(request::Offboard {
                uid: args.uid,
                clusters: args.clusters,
                force: args.force,
                dry_run: args.dry_run,
                yes: args.yes,
                wait: !args.no_wait,
                cloud: args.cloud.lower(),
                format: args.output.lower(),
            }),
            Command::Prune(args) => Request::Prune(request::Prune {
                kubeconfig: args.kubeconfig.lower(),
                expired_for: args.expired_for,
                dangling: args.dangling,
                dry_run: args.dry_run,
                confirmed: args.yes,
                no_backup: args.no_backup,
                cloud: args.cloud.lower(),
                format: args.output.lower(),
            }),
            Command::Version(args) => Request::Version(request::Version { format: args.output.lower() }),
            Command::Completion(args) => Request::Completion(args.target.lower()),
            Command::Complete(args) => Request::Complete(request::Complete { words: args.words }),
        }
    }
}

impl GetCredentialsArgs {
    fn lower(self) -> request::GetCredentials {
        let target = if self.all {
            request::Target::All {
                all_regions: self.all_regions,
                concurrency: usize::from(self.concurrency),
                format: OutputArgs { output: self.output }.lower(),
            }
        } else {
            request::Target::One {
                cluster: self.cluster.expect("clap requires CLUSTER without --all"),
                context: self.context,
                print: self.print,
                verify: self.verify,
                set_current: !self.no_set_current,
            }
        };
        request::GetCredentials {
            target,
            access: Access::from_private(self.private),
            temporary_minutes: self.temporary,
            user: match (self.auth, self.exec) {
                (AuthArg::Token, _) => request::UserKind::Token,
                (AuthArg::Cert, true) => request::UserKind::Exec,
                (AuthArg::Cert, false) => request::UserKind::Certificate,
            },
            kubeconfig: self.kubeconfig.lower(),
            overwrite: self.overwrite,
            insecure_skip_tls_verify: self.insecure_skip_tls_verify,
            proxy_url: self.proxy_url,
            namespace: self.namespace,
            for_user: self.for_user,
            cloud: self.cloud.lower(),
        }
    }
}

impl CompletionTarget {
    fn lower(self) -> request::Completion {
        use request::{Completion, Shell};
        match self {
            CompletionTarget::Bash => Completion::Script(Shell::Bash),
            CompletionTarget::Zsh => Completion::Script(Shell::Zsh),
            CompletionTarget::Fish => Completion::Script(Shell::Fish),
            CompletionTarget::Powershell => Completion::Script(Shell::PowerShell),
            CompletionTarget::InstallPluginCompletion { print: true, .. } => Completion::PrintPluginCompletion,
            CompletionTarget::InstallPluginCompletion { dir, force, .. } => {
                Completion::InstallPluginCompletion { dir, force }
            }
        }
    }
}

impl KubeconfigArgs {
    fn lower(self) -> request::KubeconfigSelection {
        request::KubeconfigSelection { file: self.kubeconfig }
    }
}

impl CloudArgs {
    fn lower(self) -> request::CloudSettings {
        request::CloudSettings {
            profile: self.profile,
            region: self.region,
            endpoint: self.endpoint,
            timeout: self.timeout,
        }
    }
}

impl OutputArgs {
    fn lower(self) -> output::Format {
        match self.output {
            Format::Text => output::Format::Text,
            Format::Json => output::Format::Json,
            Format::Yaml => output::Format::Yaml,
        }
    }
}
