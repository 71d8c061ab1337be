//! The chain itself: detect every source in the official order, fetch from the first that works,
//! remember it, and refresh its credentials when under 3 minutes remain.

use std::sync::Arc;

use tokio::sync::Mutex;

use super::{Detected, FetchContext, Provider, cli_profile, ecs, env, ini, oidc, uri};
use crate::env::Environment;
use crate::error::Error;
use crate::secret::Credentials;
use crate::verbose::log;

/// Credentials resolved by the chain, with the name of the source that gave them.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub credentials: Credentials,
    pub source: String,
}

struct Cached {
    source: String,
    provider: Arc<Provider>,
    credentials: Credentials,
}

pub(crate) struct CredentialChain {
    environment: Arc<dyn Environment>,
    profile: Option<String>,
    /// Credentials given to the client directly (bypasses the chain).
    fixed: Option<Credentials>,
    cache: Mutex<Option<Cached>>,
}

impl CredentialChain {
    pub fn new(environment: Arc<dyn Environment>, profile: Option<String>, fixed: Option<Credentials>) -> Self {
        CredentialChain { environment, profile, fixed, cache: Mutex::new(None) }
    }

    /// Current credentials: cached ones while they are fresh, else the remembered source again, else the
    /// whole chain. The lock serialises concurrent callers so that only one of them talks to STS.
    pub async fn resolve(&self, context: &FetchContext<'_>) -> Result<Resolved, Error> {
        if let Some(credentials) = &self.fixed {
            return Ok(Resolved { credentials: credentials.clone(), source: "credentials given to the client".into() });
        }
        let mut cache = self.cache.lock().await;
        if let Some(cached) = cache.as_mut() {
            if !cached.credentials.needs_refresh(context.clock.now()) {
                return Ok(Resolved { credentials: cached.credentials.clone(), source: cached.source.clone() });
            }
            let credentials = cached.provider.fetch(context).await.map_err(|error| Error::CredentialSource {
                source_name: cached.source.clone(),
                source: Box::new(error),
            })?;
            log(context.verbose, || format!("credentials: refreshed from {}", cached.source));
            cached.credentials = credentials.clone();
            return Ok(Resolved { credentials, source: cached.source.clone() });
        }
        let (source, provider, credentials) = self.first_working(context).await?;
        log(context.verbose, || format!("credentials: {source}"));
        let resolved = Resolved { credentials: credentials.clone(), source: source.clone() };
        *cache = Some(Cached { source, provider: Arc::new(provider), credentials });
        Ok(resolved)
    }

    /// Every source in the official order (credentials-go `NewDefaultCredentialsProvider`).
    fn detect_all(&self) -> Vec<(&'static str, Detected)> {
        let environment = self.environment.as_ref();
        let profile = self.profile.as_deref();
        vec![
            ("environment", env::detect(environment)),
            ("OIDC", oidc::detect(environment)),
            ("aliyun CLI profile", cli_profile::detect(environment, profile)),
            ("shared credentials file", ini::detect(environment, profile)),
            ("ECS instance RAM role", ecs::detect(environment)),
            ("credentials URI", uri::detect(environment)),
        ]
    }

    /// Tries the sources in order, like credentials-go: a source that fails does not stop the chain,
    /// except one that the official chain would stop at with credentials that cannot work
    /// ([`Detected::Refused`]). If none works, the first *configured* failure is returned (it is what the
    /// user set up); with nothing configured, one error lists what was tried.
    async fn first_working(&self, context: &FetchContext<'_>) -> Result<(String, Provider, Credentials), Error> {
        let mut tried = Vec::new();
        let mut first_failure: Option<Error> = None;
        for (kind, detected) in self.detect_all() {
            let (label, error) = match detected {
                Detected::Unset(reason) => {
                    tried.push(format!("{kind}: {reason}"));
                    continue;
                }
                Detected::Broken { label, error } => (label, error),
                Detected::Refused { label, error } => {
                    log(context.verbose, || format!("credentials: {label} refused: {error}"));
                    return Err(Error::CredentialSource { source_name: label, source: Box::new(error) });
                }
                Detected::Ready { label, provider } => match provider.fetch(context).await {
                    Ok(credentials) => return Ok((label, provider, credentials)),
                    // Not an ECS instance: as good as not configured.
                    Err(error) if matches!(provider, Provider::Ecs(_)) && error.is_unreachable() => {
                        tried.push(format!("{kind}: metadata service not reachable"));
                        continue;
                    }
                    Err(error) => (label, error),
                },
            };
            log(context.verbose, || format!("credentials: {label} failed: {error}"));
            tried.push(format!("{label}: failed"));
            first_failure.get_or_insert(Error::CredentialSource { source_name: label, source: Box::new(error) });
        }
        Err(first_failure.unwrap_or(Error::NoCredentials { tried }))
    }
}

impl std::fmt::Debug for CredentialChain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialChain").field("profile", &self.profile).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{FixedNonce, SystemClock};
    use crate::env::MapEnvironment;

    async fn resolve(environment: MapEnvironment, profile: Option<&str>) -> Result<Resolved, Error> {
        let http = reqwest::Client::builder().build().unwrap();
        let context = FetchContext {
            http: &http,
            metadata_http: &http,
            clock: &SystemClock,
            nonce: &FixedNonce("n".into()),
            verbose: None,
        };
        CredentialChain::new(Arc::new(environment), profile.map(str::to_string), None).resolve(&context).await
    }

    fn home_with_files() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".aliyun")).unwrap();
        std::fs::write(
            dir.path().join(".aliyun/config.json"),
            r#"{"current":"main","profiles":[{"name":"main","mode":"AK","access_key_id":"LTAIcli","access_key_secret":"cli-secret"}]}"#,
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join(".alibabacloud")).unwrap();
        std::fs::write(
            dir.path().join(".alibabacloud/credentials"),
            "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = ini-secret\n",
        )
        .unwrap();
        dir
    }

    fn no_ecs() -> MapEnvironment {
        MapEnvironment::new().var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
    }

    #[tokio::test]
    async fn official_order_environment_then_cli_then_ini() {
        crate::client::install_crypto_provider();
        let home = home_with_files();
        let with_env = no_ecs()
            .home(home.path())
            .var("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv")
            .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret");
        let resolved = resolve(with_env, None).await.unwrap();
        assert_eq!((resolved.source.as_str(), resolved.credentials.access_key_id.as_str()), ("environment", "LTAIenv"));

        let resolved = resolve(no_ecs().home(home.path()), None).await.unwrap();
        assert_eq!(resolved.source, "aliyun CLI profile 'main' (AK)");

        let cli_off = no_ecs().home(home.path()).var("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true");
        let resolved = resolve(cli_off, None).await.unwrap();
        assert_eq!(resolved.source, "shared credentials file profile 'default' (access_key)");
        assert_eq!(resolved.credentials.access_key_id, "LTAIini");
    }

    #[tokio::test]
    async fn explicit_profile_missing_from_the_cli_file_falls_through_to_the_ini_file() {
        crate::client::install_crypto_provider();
        let home = home_with_files();
        let resolved = resolve(no_ecs().home(home.path()), Some("default")).await.unwrap();
        assert_eq!(resolved.credentials.access_key_id, "LTAIini");
    }

    #[tokio::test]
    async fn nothing_configured_lists_what_was_tried() {
        crate::client::install_crypto_provider();
        let error = resolve(no_ecs().home("/nonexistent-home"), None).await.unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("no Alibaba Cloud credentials found (tried environment: "), "{message}");
        for part in [
            "OIDC: ",
            "aliyun CLI profile: ",
            "shared credentials file: ",
            "ECS instance RAM role: disabled",
            "credentials URI: ",
        ] {
            assert!(message.contains(part), "{part} in {message}");
        }
        assert!(error.hint().unwrap().contains("aliyun configure"));
    }

    #[tokio::test]
    async fn a_configured_but_broken_source_is_reported() {
        crate::client::install_crypto_provider();
        let env = no_ecs().home("/nonexistent-home").var("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIonly");
        let error = resolve(env, None).await.unwrap_err();
        assert_eq!(error.to_string(), "could not get credentials from environment");
        let cause = std::error::Error::source(&error).unwrap().to_string();
        assert_eq!(cause, "environment: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set");
    }
}
