//! The errors a command can end with, and how they are reported: one `error:` line, the causes
//! as `caused by:` lines, and a hint where there is something the user can do.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::cert::CertError;
use crate::fsutil::LockError;
use crate::kubeconfig::{ContextError, EditError, LoadError, NoHomeDirectory};

/// Exit statuses (documented in the README): 0 success, 1 runtime error, 2 usage error (clap),
/// 3 an expiry check failed.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const RUNTIME_ERROR: u8 = 1;
    pub const USAGE_ERROR: u8 = 2;
    pub const EXPIRY_CHECK_FAILED: u8 = 3;
}

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
    InvalidAnswer { cluster_id: String, source: crate::commands::AnswerError },
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
    #[error("cannot write the output")]
    Output(#[from] io::Error),
}

impl Error {
    /// What the user can do about it, when there is something.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::NoHome(_) => Some("set HOME, or name the file with --kubeconfig".into()),
            Error::Load(error) | Error::Edit(EditError::Load(error)) => Some(load_hint(error).into()),
            Error::Edit(EditError::Lock(LockError::Busy { lock, .. })) => Some(format!(
                "another kubectl or kubectl-ack is writing it; if none is running, the lock is stale: remove it with `rm {}`",
                lock.display()
            )),
            Error::Edit(EditError::ReadOnly { path, .. }) => Some(format!(
                "kubectl does not write it either; make it writable with `chmod u+w {}`, or choose another file with \
                 --kubeconfig. The kubeconfig was left as it was",
                path.display()
            )),
            Error::Edit(EditError::Lock(LockError::NotALock { lock, .. })) => Some(format!(
                "no kubectl or kubectl-ack made it; look at it, and remove it with `rm {}` if it is not yours",
                lock.display()
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

    /// Writing to a closed pipe (`kubectl ack expiry | head -1`) is not a failure worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(error) if error.kind() == io::ErrorKind::BrokenPipe)
    }
}

pub(crate) fn load_hint(error: &LoadError) -> &'static str {
    match error {
        LoadError::ExplicitFileMissing { .. } => "check the path given to --kubeconfig",
        LoadError::Invalid { .. } | LoadError::NotUtf8 { .. } => {
            "fix the file, or point --kubeconfig or KUBECONFIG at another one"
        }
        LoadError::Read { .. } => "check the file's permissions",
        LoadError::TooLarge { .. } => "point --kubeconfig or KUBECONFIG at a kubeconfig file",
    }
}

pub(crate) fn context_hint(error: &ContextError) -> Option<String> {
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

/// A cause as one line: some libraries render a source snippet over several lines, with their own
/// `error:` prefix, which would break the one-`error:`-line report.
fn one_line(text: &str) -> Option<String> {
    let first = text.lines().map(str::trim).find(|line| !line.is_empty())?;
    Some(first.strip_prefix("error: ").unwrap_or(first).to_string())
}

/// An error and all its causes as one line, `error: cause: cause`, for messages that must fit on one.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut cause = error.source();
    while let Some(current) = cause {
        parts.extend(one_line(&current.to_string()));
        cause = current.source();
    }
    parts.join(": ")
}

/// The whole report on one line (`message; caused by: …; hint: …`), for a row or a line about one of
/// many items that failed.
pub fn report_line(error: &Error) -> String {
    let mut text = Vec::new();
    report(error, &mut text);
    let line = String::from_utf8_lossy(&text).lines().map(str::trim).collect::<Vec<_>>().join("; ");
    line.strip_prefix("error: ").unwrap_or(&line).to_string()
}

/// Writes `error:`, every `caused by:` and the hint, each on its own line.
pub fn report(error: &Error, err: &mut dyn Write) {
    let _ = writeln!(err, "error: {error}");
    let mut cause = std::error::Error::source(error);
    while let Some(current) = cause {
        if let Some(text) = one_line(&current.to_string()) {
            let _ = writeln!(err, "  caused by: {text}");
        }
        cause = current.source();
    }
    if let Some(hint) = error.hint() {
        let _ = writeln!(err, "  hint: {hint}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multi_line_cause_is_reported_on_one_line() {
        let snippet = io::Error::other(
            "error: line 3 column 11: expected sequence start\n --> <input>:3:11\n  |\n3 | clusters: 7",
        );
        let error = Error::Write { path: PathBuf::from("/x"), source: snippet };
        let mut out = Vec::new();
        report(&error, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "error: cannot write /x\n  caused by: line 3 column 11: expected sequence start\n"
        );
    }
}
