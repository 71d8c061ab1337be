//! `kubectl ack credential CLUSTER_ID`: the exec credential plugin kubectl runs for users written by
//! `get-credentials --exec`. It prints an `ExecCredential` with a short-lived client certificate,
//! served from a cache and renewed when max(20% of its lifetime, 10 minutes) is left, so nothing
//! long-lived sits in the kubeconfig.

pub mod cache;

use serde_json::json;

use self::cache::{Cache, CacheEntry, CacheKey, Lookup};
use super::Io;
use super::cloud::{self, VerboseLines};
use super::get_credentials::{Access, AckCredentials, AnswerError, take_credentials};
use crate::Environment;
use crate::cert;
use crate::cli::{CloudArgs, CredentialArgs};
use crate::error::{Error, exit};
use crate::output;

/// The exec plugin's default certificate lifetime (ack-ram-tool's default too).
pub const DEFAULT_EXEC_MINUTES: u32 = 180;

const API_V1: &str = "client.authentication.k8s.io/v1";
const API_V1BETA1: &str = "client.authentication.k8s.io/v1beta1";

pub fn run(args: &CredentialArgs, verbose: bool, env: &Environment, io: &mut Io<'_>) -> Result<u8, Error> {
    let api_version = requested_api_version(env.exec_info.as_deref())?;
    let access = if args.private { Access::Private } else { Access::Public };
    let key = cache_key(&args.cluster_id, access, args.temporary.unwrap_or(DEFAULT_EXEC_MINUTES), &args.cloud, env);
    let cache = env.home.as_deref().map(Cache::in_home);
    let entry = match &cache {
        Some(cache) if !args.refresh => cached_or_fetched(cache, &key, args, verbose, env, io)?,
        _ => fetch(args, access, verbose, io)?,
    };
    for note in cache.iter().flat_map(Cache::take_notes) {
        output::note(io.err, &note);
    }
    let credential = json!({
        "apiVersion": api_version,
        "kind": "ExecCredential",
        "spec": { "interactive": false },
        "status": {
            "expirationTimestamp": output::rfc3339(entry.not_after),
            "clientCertificateData": entry.certificate_pem,
            "clientKeyData": entry.key_pem,
        },
    });
    writeln!(io.out, "{credential}")?;
    Ok(exit::SUCCESS)
}

/// The cached certificate when it is fresh; otherwise one fetch under the entry's lock (the others
/// wait and then find it fresh). A cache that cannot be used is worked around, never fatal.
fn cached_or_fetched(
    cache: &Cache,
    key: &CacheKey,
    args: &CredentialArgs,
    verbose: bool,
    env: &Environment,
    io: &mut Io<'_>,
) -> Result<CacheEntry, Error> {
    if let Lookup::Fresh(entry) = cache.lookup(key, env.now) {
        return Ok(entry);
    }
    let _lock = match cache.lock(key) {
        Ok(lock) => lock,
        Err(error) => {
            output::warning(io.err, &format!("not using the credential cache: {}", error_line(&error)));
            return fetch(args, key.access, verbose, io);
        }
    };
    match cache.lookup(key, env.now) {
        Lookup::Fresh(entry) => return Ok(entry),
        Lookup::Damaged(why) => output::note(
            io.err,
            &format!("discarding a damaged credential cache entry {} ({why})", cache.path(key).display()),
        ),
        Lookup::Stale => {}
    }
    let entry = fetch(args, key.access, verbose, io)?;
    if let Err(error) = cache.store(key, &entry) {
        output::warning(io.err, &format!("the new certificate could not be cached: {}", error_line(&error)));
    }
    Ok(entry)
}

fn error_line(error: &dyn std::error::Error) -> String {
    match error.source() {
        Some(cause) => format!("{error}: {cause}"),
        None => error.to_string(),
    }
}

/// A temporary kubeconfig from the API, reduced to its certificate and key.
fn fetch(args: &CredentialArgs, access: Access, verbose: bool, io: &mut Io<'_>) -> Result<CacheEntry, Error> {
    let lines = VerboseLines::default();
    let client = cloud::client(&args.cloud, verbose.then_some(&lines))?;
    let request = ack_client::KubeconfigRequest {
        private_ip_address: access == Access::Private,
        temporary_duration_minutes: Some(args.temporary.unwrap_or(DEFAULT_EXEC_MINUTES)),
    };
    let answer = cloud::block_on(client.describe_cluster_user_kubeconfig(&args.cluster_id, &request));
    lines.flush(io);
    let kubeconfig = answer??;
    let credentials = take_credentials(&kubeconfig.config)
        .map_err(|source| Error::InvalidAnswer { cluster_id: args.cluster_id.clone(), source })?;
    entry_from(&args.cluster_id, &credentials)
        .map_err(|source| Error::InvalidAnswer { cluster_id: args.cluster_id.clone(), source })
}

/// The cache entry for credentials taken from a kubeconfig answer.
pub fn entry_from(cluster_id: &str, credentials: &AckCredentials) -> Result<CacheEntry, AnswerError> {
    let pem = |data: &str, field: &'static str| {
        cert::decode_base64_field(data)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or(AnswerError::Missing(field))
    };
    Ok(CacheEntry {
        cluster_id: cluster_id.to_string(),
        certificate_pem: pem(&credentials.client_certificate_data, "client certificate PEM")?,
        key_pem: pem(&credentials.client_key_data, "client key PEM")?,
        not_before: credentials.certificate.not_before,
        not_after: credentials.certificate.not_after,
    })
}

/// The cache key for these flags in this environment: the same for `get-credentials --exec`, which
/// seeds the cache, and for the `credential` calls kubectl makes later.
pub fn cache_key(cluster_id: &str, access: Access, minutes: u32, cloud: &CloudArgs, env: &Environment) -> CacheKey {
    let mut account = vec![
        cloud.profile.clone().or_else(|| std::env::var("ALIBABA_CLOUD_PROFILE").ok()).unwrap_or_default(),
        cloud.region.clone().unwrap_or_default(),
        cloud.endpoint.clone().unwrap_or_default(),
    ];
    // The AccessKey ID is not a secret; it tells two accounts' certificates apart.
    account.push(env.access_key_id.clone().unwrap_or_default());
    CacheKey { cluster_id: cluster_id.to_string(), access, temporary_minutes: minutes, account }
}

/// kubectl says in `KUBERNETES_EXEC_INFO` which ExecCredential version it wants; v1 without it.
fn requested_api_version(exec_info: Option<&str>) -> Result<&'static str, Error> {
    let Some(info) = exec_info.filter(|info| !info.trim().is_empty()) else { return Ok(API_V1) };
    let requested = serde_json::from_str::<serde_json::Value>(info)
        .ok()
        .and_then(|value| value.get("apiVersion").and_then(|v| v.as_str()).map(str::to_string))
        .unwrap_or_default();
    match requested.as_str() {
        API_V1 => Ok(API_V1),
        API_V1BETA1 => Ok(API_V1BETA1),
        other => Err(Error::UnsupportedExecApi { requested: other.to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exec_api_version_follows_kubernetes_exec_info() {
        assert_eq!(requested_api_version(None).unwrap(), API_V1);
        let beta = r#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","spec":{"interactive":false}}"#;
        assert_eq!(requested_api_version(Some(beta)).unwrap(), API_V1BETA1);
        assert!(requested_api_version(Some(r#"{"apiVersion":"client.authentication.k8s.io/v1alpha1"}"#)).is_err());
    }
}
