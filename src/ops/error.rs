//! Why a use case could not do what was asked. The layers below keep their own errors (the kubeconfig
//! engine's, ack-client's, cert's); this wraps them and adds the use cases' own.

use std::io;
use std::path::PathBuf;

use crate::ack::AnswerError;
use crate::cert::CertError;
use crate::fsutil::LockError;
use crate::kubeconfig::{ContextError, EditError, LoadError, NoHomeDirectory};
use crate::output;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    NoHome(#[from] NoHomeDirectory),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error(transparent)]
    Context(#[from] ContextError),
    #[error(transparent)]
    Ack(#[from] ack_client::Error),
    #[error("context \"{context}\" was not written by kubectl-ack")]
    NotAnAckContext { context: String },
    #[error("context \"{context}\" was changed by another program while its credentials were fetched")]
    ChangedWhileRotating { context: String },
    #[error("cannot start the async runtime")]
    Runtime(#[source] io::Error),
    #[error("the kubeconfig ACK returned for cluster {cluster_id} cannot be used")]
    InvalidAnswer { cluster_id: String, source: AnswerError },
    #[error("no cluster named \"{name}\" {}", region.as_deref().map(|r| format!("in region {r}")).unwrap_or_else(|| "in any region".into()))]
    ClusterNameNotFound { name: String, region: Option<String> },
    #[error("{} clusters are named \"{name}\": {}", matches.len(), matches.join(", "))]
    AmbiguousClusterName { name: String, matches: Vec<String> },
    #[error("context \"{context}\" already exists and belongs to {owner}")]
    NameTaken { context: String, owner: String },
    #[error("the new context \"{context}\" was written, but using it failed: {problem}")]
    VerifyFailed { context: String, problem: String, hint: String },
    #[error("kubectl asked for ExecCredential version \"{requested}\", which kubectl-ack does not speak")]
    UnsupportedExecApi { requested: String },
    #[error("refusing to revoke without confirmation: standard input is not a terminal")]
    RevokeNotConfirmed,
    #[error("revocation cancelled: nothing was changed")]
    RevokeCancelled,
    #[error("{option} does not apply to {to}")]
    DoesNotApply { option: &'static str, to: &'static str },
    #[error("refusing to prune without confirmation: standard input is not a terminal")]
    PruneNotConfirmed,
    #[error("prune cancelled: nothing was changed")]
    PruneCancelled,
    #[error("cannot read the {what} of context \"{context}\"")]
    Certificate { context: String, what: &'static str, source: CertError },
    #[error("cannot read the {what} of context \"{context}\" from {}", path.display())]
    ReadFile { context: String, what: &'static str, path: PathBuf, source: io::Error },
    #[error("context \"{context}\" has no {what}")]
    Missing { context: String, what: &'static str, credential: &'static str },
    #[error("{} already exists", path.display())]
    WouldOverwrite { path: PathBuf },
    #[error("cannot write {}", path.display())]
    Write { path: PathBuf, source: io::Error },
    /// A prompt or a diagnostic could not be written or read.
    #[error("cannot write the output")]
    Terminal(#[from] io::Error),
}

impl Error {
    /// What the user can do about it, when there is something.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::NoHome(_) => Some("set HOME, or name the file with --kubeconfig".into()),
            Error::Load(error) | Error::Edit(EditError::Load(error)) => Some(load_hint(error).into()),
            Error::Edit(EditError::Lock(LockError::Busy { lock, .. })) => Some(format!(
                "another kubectl or kubectl-ack is writing it; if none is running, the lock is stale: remove it with `{}`",
                output::command_line(&["rm"], [lock.display().to_string().as_str()])
            )),
            Error::Edit(EditError::ReadOnly { path, .. }) => Some(format!(
                "kubectl does not write it either; make it writable with `{}`, or choose another file with \
                 --kubeconfig. The kubeconfig was left as it was",
                output::command_line(&["chmod", "u+w"], [path.display().to_string().as_str()])
            )),
            Error::Edit(EditError::Lock(LockError::NotALock { lock, .. })) => Some(format!(
                "no kubectl or kubectl-ack made it; look at it, and remove it with `{}` if it is not yours",
                output::command_line(&["rm"], [lock.display().to_string().as_str()])
            )),
            Error::Edit(EditError::Write { .. } | EditError::CreateDir { .. }) => {
                Some("check that the directory is writable; the kubeconfig was left as it was".into())
            }
            Error::Context(error) => context_hint(error),
            Error::Ack(error) => error.hint(),
            Error::InvalidAnswer { .. } => Some(
                "the answer did not look like ACK's; if --endpoint points at a proxy or a test server, check it. \
                 Nothing was written"
                    .into(),
            ),
            Error::ClusterNameNotFound { .. } => {
                Some("list the clusters with `kubectl ack clusters`, pass the cluster ID, or choose --region".into())
            }
            Error::AmbiguousClusterName { .. } => Some("pass the cluster ID instead of the name".into()),
            Error::NameTaken { .. } => Some(
                "choose another name with --context NAME, or pass --overwrite to replace it; the kubeconfig was left as it was"
                    .into(),
            ),
            Error::VerifyFailed { hint, .. } => Some(hint.clone()),
            Error::UnsupportedExecApi { .. } => Some(
                "set the user's exec apiVersion to client.authentication.k8s.io/v1 (or v1beta1) in the kubeconfig"
                    .into(),
            ),
            Error::NotAnAckContext { .. } => Some(
                "rotate renews contexts that `kubectl ack get-credentials` wrote (they carry a kubectl-ack extension); \
                 fetch this cluster's credentials with it once"
                    .into(),
            ),
            Error::ChangedWhileRotating { .. } => Some("run `kubectl ack rotate` again".into()),
            Error::RevokeNotConfirmed => Some("pass --yes to revoke without a prompt".into()),
            Error::DoesNotApply { to: "--auth token", .. } => Some(
                "a token user gets a new token for every kubectl command and always verifies the API server: leave the option out"
                    .into(),
            ),
            Error::PruneNotConfirmed => {
                Some("look at the plan with --dry-run, then pass --yes to prune without a prompt".into())
            }
            Error::Certificate { .. } => Some(
                "the credentials in the kubeconfig are damaged: fetch them again with `kubectl ack get-credentials CLUSTER`"
                    .into(),
            ),
            Error::ReadFile { .. } => Some(
                "check the path in the kubeconfig (a relative path is relative to the kubeconfig file's directory)"
                    .into(),
            ),
            Error::Missing { credential, .. } if *credential != "client-certificate" => Some(format!(
                "its user authenticates with {credential}, which has no certificate on disk; `kubectl auth whoami` asks the cluster who you are"
            )),
            Error::WouldOverwrite { .. } => Some("pass --force to replace it, or choose another --out-dir".into()),
            _ => None,
        }
    }
}

pub fn load_hint(error: &LoadError) -> &'static str {
    match error {
        LoadError::ExplicitFileMissing { .. } => "check the path given to --kubeconfig",
        LoadError::Invalid { .. } | LoadError::NotUtf8 { .. } => {
            "fix the file, or point --kubeconfig or KUBECONFIG at another one"
        }
        LoadError::Read { .. } => "check the file's permissions",
        LoadError::TooLarge { .. } => "point --kubeconfig or KUBECONFIG at a kubeconfig file",
    }
}

pub fn context_hint(error: &ContextError) -> Option<String> {
    let listing = |available: &[String]| {
        if available.is_empty() {
            "the kubeconfig has no contexts: fetch one with `kubectl ack get-credentials CLUSTER`".to_string()
        } else {
            const SHOWN: usize = 10;
            let mut names = available.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
            if available.len() > SHOWN {
                names.push_str(&format!(" and {} more", available.len() - SHOWN));
            }
            format!("choose one with --context: {names}")
        }
    };
    match error {
        ContextError::NoCurrentContext { available } | ContextError::ContextNotFound { available, .. } => {
            Some(listing(available))
        }
        ContextError::UserNotFound { .. } => {
            Some("the kubeconfig is incomplete: fetch the credentials again with `kubectl ack get-credentials`".into())
        }
    }
}

impl Error {
    /// The whole report on one line (`message; caused by: …; hint: …`), for a row or a line about one of
    /// many items that failed.
    pub fn report_line(&self) -> String {
        output::error_report_line(self, self.hint())
    }
}
