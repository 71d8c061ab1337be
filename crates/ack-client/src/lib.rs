//! The ACK (CS 2015-12-15) OpenAPI client and the Alibaba Cloud credential chain.
//!
//! This crate is the only part of kubectl-ack that talks to Alibaba Cloud. It knows nothing of
//! kubeconfig files or of the command line: the plugin maps its flags onto [`ClientBuilder`] and
//! calls the typed operations on [`Client`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), ack_client::Error> {
//! let client = ack_client::Client::builder().profile(Some("default".into())).region(Some("cn-hangzhou".into())).build()?;
//! let kubeconfig = client
//!     .describe_cluster_user_kubeconfig("c0123456789abcdef0123456789abcdef", &ack_client::KubeconfigRequest::default())
//!     .await?;
//! # let _ = kubeconfig; Ok(()) }
//! ```
//!
//! Secrets (AccessKey secrets, STS tokens, OIDC tokens) live in [`Secret`], whose `Debug` and `Display`
//! print `[redacted]`; no error, log line or `Debug` output of this crate contains one, nor a signature.

mod client;
mod clock;
mod credentials;
mod endpoint;
mod env;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod models;
mod retry;
mod secret;
mod signing;
mod transport;
mod verbose;

pub use client::{Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use clock::{Clock, FixedClock, FixedNonce, NonceSource, RandomNonce, SystemClock};
pub use credentials::CallerIdentity;
pub use endpoint::{cs_endpoint, is_loopback_host};
pub use env::{Environment, MapEnvironment, ProcessEnvironment};
pub use error::{Advice, ApiError, Error, JsonError, Service, Words, answer_size, one_line, set_words};
pub use models::{
    ActivityState, ApiServerEndpoints, CleanTask, ClusterDetail, ClusterFilter, ClusterSummary, KubeconfigRequest,
    KubeconfigState, ServerTime, UserKubeconfig, UserKubeconfigState, UserPermission,
};
pub use retry::RetryPolicy;
pub use secret::{Credentials, Secret};
pub use verbose::VerboseSink;
