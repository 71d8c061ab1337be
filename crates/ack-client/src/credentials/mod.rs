//! The Alibaba Cloud credential chain, in the official SDKs' order (credentials-go `NewDefaultCredentialsProvider`):
//! environment, OIDC/RRSA, the aliyun CLI profile, the shared credentials file, the ECS instance RAM role,
//! and `ALIBABA_CLOUD_CREDENTIALS_URI`.
//!
//! Each source module *detects* from the environment and files whether it is configured (cheap and
//! synchronous) and yields a [`Provider`]; [`chain::CredentialChain`] then fetches from the first one that
//! works, caches the result and refreshes STS-derived credentials before they expire.

pub(crate) mod chain;
mod cli_profile;
mod ecs;
mod env;
mod go_json;
mod ini;
mod oidc;
mod sts;

pub use sts::CallerIdentity;
pub(crate) use sts::{get_caller_identity, sts_url};
mod uri;

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

pub(crate) use cli_profile::region_settings;

use crate::clock::{Clock, NonceSource};
use crate::error::{Error, transport_error};
use crate::secret::Credentials;
use crate::transport::{self, Answer, Failure};
use crate::verbose::{VerboseSink, log};

/// How one configured source produces credentials.
#[derive(Debug)]
pub(crate) enum Provider {
    /// An AccessKey pair or STS credentials given as they are (environment, AK/StsToken profiles).
    Static(Credentials),
    /// STS AssumeRole signed with the credentials of `source` (RamRoleArn, ChainableRamRoleArn, INI ram_role_arn).
    AssumeRole { source: Box<Provider>, role: sts::RoleSpec },
    /// STS AssumeRoleWithOIDC with a token read from a file (RRSA).
    Oidc(oidc::OidcSpec),
    /// The ECS instance metadata service (IMDSv2).
    Ecs(ecs::EcsSpec),
    /// A URL that answers with STS credentials.
    Uri(uri::CredentialsUri),
}

/// What fetching needs: HTTP clients, the clock, nonces and the verbose sink.
pub(crate) struct FetchContext<'a> {
    pub http: &'a reqwest::Client,
    /// A client with the metadata service's short timeouts (1 s connect, 1 s read).
    pub metadata_http: &'a reqwest::Client,
    pub clock: &'a dyn Clock,
    pub nonce: &'a dyn NonceSource,
    pub verbose: Option<&'a VerboseSink>,
}

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

impl Provider {
    /// Fetches credentials. Boxed because AssumeRole recurses into its source.
    pub fn fetch<'a>(&'a self, context: &'a FetchContext<'a>) -> BoxFuture<'a, Result<Credentials, Error>> {
        Box::pin(async move {
            match self {
                Provider::Static(credentials) => Ok(credentials.clone()),
                Provider::AssumeRole { source, role } => {
                    let source_credentials = source.fetch(context).await?;
                    sts::assume_role(context, &source_credentials, role).await
                }
                Provider::Oidc(spec) => oidc::fetch(context, spec).await,
                Provider::Ecs(spec) => ecs::fetch(context, spec).await,
                Provider::Uri(url) => uri::fetch(context, url).await,
            }
        })
    }
}

/// Sends a credential-service request and logs one verbose line: method, URL without its query (STS
/// carries the signature and token there), status and time.
pub(crate) async fn exchange(
    context: &FetchContext<'_>,
    action: &str,
    method: &str,
    url: &str,
    request: reqwest::RequestBuilder,
) -> Result<Answer, Error> {
    let shown = crate::error::display_url(url);
    let started = Instant::now();
    let result = transport::send(request, action, url, transport::CREDENTIAL_BODY_LIMIT).await;
    let elapsed = started.elapsed().as_millis();
    let line = |result: &str| format!("{method} {shown} ({action}) -> {result} ({elapsed} ms)");
    match result {
        Ok(answer) => {
            log(context.verbose, || line(&answer.status.as_u16().to_string()));
            Ok(answer)
        }
        Err(Failure::Transport(error)) => {
            log(context.verbose, || line("failed"));
            Err(transport_error(action, url, error))
        }
        Err(Failure::Refused(error)) => {
            log(context.verbose, || line("refused"));
            Err(error)
        }
    }
}

/// Trimmed, non-empty (for kubectl-ack's own settings, such as a profile's `sts_endpoint`).
pub(crate) fn non_empty(value: Option<&str>) -> Option<String> {
    value.map(str::trim).filter(|value| !value.is_empty()).map(str::to_string)
}

/// What a source found when it looked at the environment and files.
#[derive(Debug)]
pub(crate) enum Detected {
    /// Not configured; the reason goes into the "tried" list of the final error.
    Unset(String),
    /// Configured; `label` is what `--verbose` and errors call it.
    Ready { label: String, provider: Provider },
    /// Configured but unusable (a missing key, a bad file, an insecure endpoint): the chain moves on, as
    /// the official one does.
    Broken { label: String, error: Error },
    /// The chain stops here with this error (see [`Problem::Stop`]).
    Refused { label: String, error: Error },
}

impl Detected {
    pub(crate) fn from_result(label: String, result: Result<Provider, Problem>) -> Detected {
        match result {
            Ok(provider) => Detected::Ready { label, provider },
            Err(Problem::Skip(error)) => Detected::Broken { label, error },
            Err(Problem::Stop(error)) => Detected::Refused { label, error },
        }
    }
}

/// Why a configured source gives no credentials, and what the chain does next.
#[derive(Debug)]
pub(crate) enum Problem {
    /// The official chain moves on to the next source here (its provider fails to build or to fetch).
    Skip(Error),
    /// The official chain would stop here: at credentials that cannot work (a key with spaces around it,
    /// which it would send as it is), or at a source kubectl-ack cannot use (a CloudSSO profile). Moving
    /// on could pick a credential the official chain would not, so this chain stops with the error.
    Stop(Error),
}

impl From<Error> for Problem {
    fn from(error: Error) -> Self {
        Problem::Skip(error)
    }
}

/// Checks a key, secret or token that is used as it is given (environment, AK and StsToken profiles,
/// INI `access_key`). The official SDKs send such a value exactly as written, so surrounding whitespace
/// can only end in a refused signature: it is refused here, naming the field and never the value.
pub(crate) fn check_given(origin: &str, field: &str, value: &str) -> Result<(), Error> {
    if value.trim() == value {
        return Ok(());
    }
    Err(config_error(
        origin,
        format!(
            "{field} has leading or trailing whitespace, which the official SDKs would send as part of the key \
             (and Alibaba Cloud would refuse): remove it"
        ),
    ))
}

/// A `Config` error for a file or a setting.
pub(crate) fn config_error(path: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::Config { path: path.into(), reason: reason.into() }
}
