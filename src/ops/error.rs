//! Why a use case could not do what was asked. The layers below keep their own errors (the kubeconfig
//! engine's, ack-client's, cert's); this wraps them and adds the use cases' own.

use std::io;
use std::path::PathBuf;

use crate::ack::AnswerError;
use crate::cert::CertError;
use crate::fsutil::LockError;
use crate::kubeconfig::{ContextError, EditError, LoadError, NoHomeDirectory};
use crate::{output, t};

/// Which part of a context's credentials an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    ClientCertificate,
    ClientKey,
    CertificateAuthority,
}

impl Part {
    pub fn name(self) -> String {
        match self {
            Part::ClientCertificate => t!("part-client-certificate"),
            Part::ClientKey => t!("part-client-key"),
            Part::CertificateAuthority => t!("part-certificate-authority"),
        }
    }
}

fn cluster_name_not_found(name: &str, region: Option<&str>) -> String {
    match region {
        Some(region) => t!("error-cluster-name-not-found", name = name, region = region),
        None => t!("error-cluster-name-not-found-anywhere", name = name),
    }
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
    #[error("{}", t!("error-not-an-ack-context", context = .context))]
    NotAnAckContext { context: String },
    #[error("{}", t!("error-changed-while-rotating", context = .context))]
    ChangedWhileRotating { context: String },
    #[error("{}", t!("error-runtime"))]
    Runtime(#[source] io::Error),
    #[error("{}", t!("error-invalid-answer", cluster = .cluster_id))]
    InvalidAnswer { cluster_id: String, source: AnswerError },
    #[error("{}", cluster_name_not_found(.name, .region.as_deref()))]
    ClusterNameNotFound { name: String, region: Option<String> },
    #[error("{}", t!("error-ambiguous-cluster-name", count = .matches.len(), name = .name, matches = .matches.join(", ")))]
    AmbiguousClusterName { name: String, matches: Vec<String> },
    #[error("{}", t!("error-name-taken", context = .context, owner = .owner.to_string()))]
    NameTaken { context: String, owner: super::merge::Owner },
    #[error("{}", t!("error-verify-failed", context = .context, problem = .problem))]
    VerifyFailed { context: String, problem: String, hint: String },
    #[error("{}", t!("error-unsupported-exec-api", requested = .requested))]
    UnsupportedExecApi { requested: String },
    #[error("{}", t!("error-revoke-not-confirmed"))]
    RevokeNotConfirmed,
    #[error("{}", t!("error-revoke-cancelled"))]
    RevokeCancelled,
    #[error("{}", t!("error-does-not-apply", option = *.option, to = *.to))]
    DoesNotApply { option: &'static str, to: &'static str },
    #[error("{}", t!("error-prune-not-confirmed"))]
    PruneNotConfirmed,
    #[error("{}", t!("error-prune-cancelled"))]
    PruneCancelled,
    #[error("{}", t!("error-offboard-root", uid = .uid))]
    OffboardRoot { uid: String },
    #[error("{}", t!("error-offboard-self", uid = .uid, arn = .arn))]
    OffboardSelf { uid: String, arn: String },
    #[error("{}", t!("error-offboard-not-confirmed"))]
    OffboardNotConfirmed,
    #[error("{}", t!("error-offboard-cancelled"))]
    OffboardCancelled,
    #[error("{}", t!("error-clean-refused", uid = .uid, reason = .reason, code = .code))]
    CleanRefused { uid: String, reason: String, code: String },
    #[error("{}", t!("error-for-user-needs-a-file"))]
    ForUserNeedsAFile,
    #[error("{}", t!("error-certificate", what = .what.name(), context = .context))]
    Certificate { context: String, what: Part, source: CertError },
    #[error("{}", t!("error-read-file", what = .what.name(), context = .context, path = .path.display().to_string()))]
    ReadFile { context: String, what: Part, path: PathBuf, source: io::Error },
    #[error("{}", t!("error-missing", context = .context, what = .what.name()))]
    Missing { context: String, what: Part, credential: &'static str },
    #[error("{}", t!("error-would-overwrite", path = .path.display().to_string()))]
    WouldOverwrite { path: PathBuf },
    #[error("{}", t!("error-write", path = .path.display().to_string()))]
    Write { path: PathBuf, source: io::Error },
    /// A prompt or a diagnostic could not be written or read.
    #[error("{}", t!("error-output"))]
    Terminal(#[from] io::Error),
}

impl Error {
    /// What the user can do about it, when there is something.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::NoHome(_) => Some(t!("hint-no-home")),
            Error::Load(error) | Error::Edit(EditError::Load(error)) => Some(load_hint(error)),
            Error::Edit(EditError::Lock(LockError::Busy { lock, .. })) => Some(t!(
                "hint-lock-busy",
                command = output::command_line(&["rm"], [lock.display().to_string().as_str()])
            )),
            Error::Edit(EditError::ReadOnly { path, .. }) => Some(t!(
                "hint-read-only",
                command = output::command_line(&["chmod", "u+w"], [path.display().to_string().as_str()])
            )),
            Error::Edit(EditError::Lock(LockError::NotALock { lock, .. })) => Some(t!(
                "hint-not-a-lock",
                command = output::command_line(&["rm"], [lock.display().to_string().as_str()])
            )),
            Error::Edit(EditError::Write { .. } | EditError::CreateDir { .. }) => Some(t!("hint-write")),
            Error::Context(error) => context_hint(error),
            Error::Ack(ack_client::Error::Api(api))
                if api.action == "DescribeSubaccountK8sClusterUserConfig" && api.status == 403 =>
            {
                Some(t!("hint-for-user-root-only"))
            }
            Error::Ack(error) => error.hint(),
            Error::InvalidAnswer { .. } => Some(t!("hint-invalid-answer")),
            Error::ClusterNameNotFound { .. } => Some(t!("hint-cluster-name-not-found")),
            Error::AmbiguousClusterName { .. } => Some(t!("hint-ambiguous-cluster-name")),
            Error::NameTaken { .. } => Some(t!("hint-name-taken")),
            Error::VerifyFailed { hint, .. } => Some(hint.clone()),
            Error::UnsupportedExecApi { .. } => Some(t!("hint-unsupported-exec-api")),
            Error::NotAnAckContext { .. } => Some(t!("hint-not-an-ack-context")),
            Error::ChangedWhileRotating { .. } => Some(t!("hint-changed-while-rotating")),
            Error::RevokeNotConfirmed => Some(t!("hint-revoke-not-confirmed")),
            Error::DoesNotApply { to: "--auth token", .. } => Some(t!("hint-does-not-apply-to-token")),
            Error::PruneNotConfirmed => Some(t!("hint-prune-not-confirmed")),
            Error::OffboardRoot { .. } => Some(t!("hint-offboard-root")),
            Error::OffboardSelf { .. } => Some(t!("hint-offboard-self")),
            Error::OffboardNotConfirmed => Some(t!("hint-offboard-not-confirmed")),
            Error::CleanRefused { uid, .. } => Some(t!("hint-clean-refused", uid = uid.as_str())),
            Error::ForUserNeedsAFile => Some(t!("hint-for-user-needs-a-file")),
            Error::Certificate { .. } => Some(t!("hint-certificate")),
            Error::ReadFile { .. } => Some(t!("hint-read-file")),
            Error::Missing { credential, .. } if *credential != "client-certificate" => {
                Some(t!("hint-missing-certificate", credential = *credential))
            }
            Error::WouldOverwrite { .. } => Some(t!("hint-would-overwrite")),
            _ => None,
        }
    }
}

pub fn load_hint(error: &LoadError) -> String {
    match error {
        LoadError::ExplicitFileMissing { .. } => t!("hint-load-explicit-missing"),
        LoadError::Invalid { .. } | LoadError::NotUtf8 { .. } => t!("hint-load-invalid"),
        LoadError::Read { .. } => t!("hint-load-read"),
        LoadError::TooLarge { .. } => t!("hint-load-too-large"),
    }
}

pub fn context_hint(error: &ContextError) -> Option<String> {
    let listing = |available: &[String]| {
        if available.is_empty() {
            return t!("hint-no-contexts");
        }
        const SHOWN: usize = 10;
        let names = available.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
        match available.len().saturating_sub(SHOWN) {
            0 => t!("hint-choose-context", names = names),
            more => t!("hint-choose-context-and-more", names = names, more = more),
        }
    };
    match error {
        ContextError::NoCurrentContext { available } | ContextError::ContextNotFound { available, .. } => {
            Some(listing(available))
        }
        ContextError::UserNotFound { .. } => Some(t!("hint-user-not-found")),
    }
}

impl Error {
    /// The whole report on one line (`message; caused by: …; hint: …`), for a row or a line about one of
    /// many items that failed.
    pub fn report_line(&self) -> String {
        output::error_report_line(self, self.hint())
    }
}
