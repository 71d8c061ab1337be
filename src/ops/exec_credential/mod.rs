//! The exec credential plugin (`kubectl ack credential CLUSTER_ID`), which kubectl runs for users
//! written by `get-credentials --exec`: a short-lived client certificate, served from a cache and
//! renewed when max(20% of its lifetime, 10 minutes) is left, so nothing long-lived sits in the
//! kubeconfig. `get-credentials --exec` seeds the cache with the certificate it fetched.

pub mod cache;

use serde_json::{Value, json};

use self::cache::{Cache, CacheEntry, CacheKey, CacheLookup};
use super::Error;
use super::fetch::{fetch_credentials, kubeconfig_request};
use super::session::Session;
use crate::ack::{Access, AnswerError, DEFAULT_EXEC_MINUTES, FetchedKubeconfig};
use crate::cert;
use crate::request::{Auth, CloudSettings, Credential};
use crate::{Io, Machine, output, t};

const API_V1: &str = "client.authentication.k8s.io/v1";
const API_V1BETA1: &str = "client.authentication.k8s.io/v1beta1";

/// The ExecCredential kubectl asked for, with a fresh certificate.
pub fn exec_credential(
    request: &Credential,
    machine: &Machine,
    verbose: bool,
    io: &mut Io<'_>,
) -> Result<Value, Error> {
    let exec_info = ExecInfo::read(machine.exec_info.as_deref())?;
    if request.auth == Auth::Token {
        return token_credential(request, exec_info.api_version, machine, verbose, io);
    }
    let minutes = request.temporary_minutes.unwrap_or(DEFAULT_EXEC_MINUTES);
    let key = cache_key(&request.cluster_id, request.access, minutes, &request.cloud, machine);
    let cache = machine.home.as_deref().map(Cache::in_home);
    let fetch = |io: &mut Io<'_>| fetch(request, machine, verbose, io);
    let ca = exec_info.cluster_ca_sha256.as_deref();
    let entry = match &cache {
        Some(cache) if !request.refresh => cached_or_fetched(cache, &key, ca, machine, io, fetch)?,
        Some(cache) => {
            // A certificate fetched on purpose is the one the next kubectl call should get.
            let entry = fetch(io)?;
            store(cache, &key, &entry, io);
            entry
        }
        None => fetch(io)?,
    };
    for note in cache.iter().flat_map(Cache::take_notes) {
        output::note(io.err, &note);
    }
    let api_version = exec_info.api_version;
    Ok(json!({
        "apiVersion": api_version,
        "kind": "ExecCredential",
        "spec": { "interactive": false },
        "status": {
            "expirationTimestamp": output::rfc3339(entry.not_after),
            "clientCertificateData": entry.certificate_pem,
            "clientKeyData": entry.key_pem,
        },
    }))
}

/// How long kubectl may use a token: ack-ram-authenticator's 15 minutes less five, as ack-ram-tool does.
const TOKEN_LIFETIME: time::Duration = time::Duration::minutes(10);

/// An ExecCredential with an ack-ram-authenticator token for the credentials the chain gives now. Signed
/// here, with no API call (STS credentials the chain has to fetch are fetched as for any other call).
/// Nothing is cached: kubectl keeps the token until `expirationTimestamp`, and the next command makes another.
fn token_credential(
    request: &Credential,
    api_version: &'static str,
    machine: &Machine,
    verbose: bool,
    io: &mut Io<'_>,
) -> Result<Value, Error> {
    let session = Session::open(&request.cloud, machine, verbose)?;
    let (credentials, _source) = session.run(io.err, session.client().current_credentials())?;
    let token = ram_token(&request.cluster_id, &credentials, machine.now);
    Ok(json!({
        "apiVersion": api_version,
        "kind": "ExecCredential",
        "spec": { "interactive": false },
        "status": {
            "expirationTimestamp": output::rfc3339(machine.now + TOKEN_LIFETIME),
            "token": token,
        },
    }))
}

/// The token for `cluster_id`, signed with `credentials` at `now`.
pub fn ram_token(cluster_id: &str, credentials: &ack_client::Credentials, now: time::OffsetDateTime) -> String {
    let date = now
        .to_offset(time::UtcOffset::UTC)
        .format(time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z"))
        .unwrap_or_default();
    let user_agent =
        format!("kubectl-ack/{} ({}/{})", env!("CARGO_PKG_VERSION"), std::env::consts::OS, std::env::consts::ARCH);
    let signer = acs_sign::ram_token::Signer {
        access_key_id: &credentials.access_key_id,
        access_key_secret: credentials.access_key_secret.expose(),
        security_token: credentials.security_token.as_ref().map(|token| token.expose()),
        date: &date,
        user_agent: &user_agent,
    };
    acs_sign::ram_token::build(cluster_id, &signer)
}

/// The cached certificate when it is fresh; otherwise one fetch under the entry's lock (the others
/// wait and then find it fresh). A cache that cannot be used is worked around, never fatal.
fn cached_or_fetched(
    cache: &Cache,
    key: &CacheKey,
    ca_sha256: Option<&str>,
    machine: &Machine,
    io: &mut Io<'_>,
    fetch: impl FnOnce(&mut Io<'_>) -> Result<CacheEntry, Error>,
) -> Result<CacheEntry, Error> {
    if let CacheLookup::Fresh(entry) = cache.lookup(key, machine.now, ca_sha256) {
        return Ok(entry);
    }
    let _lock = match cache.lock(key) {
        Ok(lock) => lock,
        Err(error) => {
            output::warning(io.err, &t!("exec-cache-unusable", reason = error_line(&error)));
            return fetch(io);
        }
    };
    match cache.lookup(key, machine.now, ca_sha256) {
        CacheLookup::Fresh(entry) => return Ok(entry),
        CacheLookup::Damaged(why) => {
            output::note(io.err, &t!("exec-cache-damaged", path = cache.path(key).display().to_string(), reason = why))
        }
        CacheLookup::Stale => {}
    }
    let entry = fetch(io)?;
    store(cache, key, &entry, io);
    Ok(entry)
}

fn store(cache: &Cache, key: &CacheKey, entry: &CacheEntry, io: &mut Io<'_>) {
    if let Err(error) = cache.store(key, entry) {
        output::warning(io.err, &t!("exec-cache-store-failed", reason = error_line(&error)));
    }
}

fn error_line(error: &dyn std::error::Error) -> String {
    match error.source() {
        Some(cause) => format!("{error}: {cause}"),
        None => error.to_string(),
    }
}

/// A temporary kubeconfig from the API, reduced to its certificate and key.
fn fetch(request: &Credential, machine: &Machine, verbose: bool, io: &mut Io<'_>) -> Result<CacheEntry, Error> {
    let session = Session::open(&request.cloud, machine, verbose)?;
    let minutes = request.temporary_minutes.unwrap_or(DEFAULT_EXEC_MINUTES);
    let kubeconfig_request = kubeconfig_request(request.access, Some(minutes));
    let fetched = session
        .run(io.err, fetch_credentials(session.client(), &request.cluster_id, &kubeconfig_request, machine.now))?;
    entry_from(&request.cluster_id, &fetched)
        .map_err(|source| Error::InvalidAnswer { cluster_id: request.cluster_id.clone(), source })
}

/// The cache entry for what was taken from a kubeconfig answer.
pub fn entry_from(cluster_id: &str, fetched: &FetchedKubeconfig) -> Result<CacheEntry, AnswerError> {
    let pem = |data: &str, field: &'static str| {
        cert::decode_base64_field(data)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or(AnswerError::Missing(field))
    };
    Ok(CacheEntry {
        cluster_id: cluster_id.to_string(),
        certificate_pem: pem(&fetched.client_certificate_data, "client-certificate-data")?,
        key_pem: pem(&fetched.client_key_data, "client-key-data")?,
        not_before: fetched.certificate.not_before,
        not_after: fetched.certificate.not_after,
        certificate_authority_sha256: cert::decode_base64_field(&fetched.certificate_authority_data)
            .ok()
            .and_then(|pem| cert::sha256_fingerprint(&pem).ok()),
    })
}

/// The cache key for these settings on this machine: the same for `get-credentials --exec`, which
/// seeds the cache, and for the `credential` calls kubectl makes later.
pub fn cache_key(cluster_id: &str, access: Access, minutes: u32, cloud: &CloudSettings, machine: &Machine) -> CacheKey {
    let account = vec![
        cloud.profile.clone().or_else(|| machine.cloud_var("ALIBABA_CLOUD_PROFILE")).unwrap_or_default(),
        cloud.region.clone().unwrap_or_default(),
        cloud.endpoint.clone().unwrap_or_default(),
        // The AccessKey ID is not a secret; it tells two accounts' certificates apart.
        machine.cloud_var("ALIBABA_CLOUD_ACCESS_KEY_ID").unwrap_or_default(),
    ];
    CacheKey { cluster_id: cluster_id.to_string(), access, temporary_minutes: minutes, account }
}

/// Seeds the cache with a certificate just fetched, so kubectl's first call needs no API call.
pub fn seed(cluster_id: &str, key: &CacheKey, fetched: &FetchedKubeconfig, machine: &Machine, io: &mut Io<'_>) {
    let (Some(home), Ok(entry)) = (machine.home.as_deref(), entry_from(cluster_id, fetched)) else { return };
    let cache = Cache::in_home(home);
    if let Err(error) = cache.store(key, &entry) {
        output::warning(io.err, &t!("exec-cache-seed-failed", reason = error.to_string()));
    }
    for note in cache.take_notes() {
        output::note(io.err, &note);
    }
}

/// What kubectl says in `KUBERNETES_EXEC_INFO`: the ExecCredential version it wants (v1 without it), and,
/// for users written with `provideClusterInfo`, the cluster's CA.
struct ExecInfo {
    api_version: &'static str,
    cluster_ca_sha256: Option<String>,
}

impl ExecInfo {
    fn read(exec_info: Option<&str>) -> Result<ExecInfo, Error> {
        let Some(info) = exec_info.filter(|info| !info.trim().is_empty()) else {
            return Ok(ExecInfo { api_version: API_V1, cluster_ca_sha256: None });
        };
        let value = serde_json::from_str::<Value>(info).unwrap_or_default();
        let requested = value.get("apiVersion").and_then(Value::as_str).unwrap_or_default();
        let api_version = match requested {
            API_V1 => API_V1,
            API_V1BETA1 => API_V1BETA1,
            other => return Err(Error::UnsupportedExecApi { requested: other.to_string() }),
        };
        // Go marshals []byte as base64: the field is base64 of the PEM the kubeconfig holds.
        let cluster_ca_sha256 = value
            .pointer("/spec/cluster/certificate-authority-data")
            .and_then(Value::as_str)
            .and_then(|data| cert::decode_base64_field(data).ok())
            .and_then(|pem| cert::sha256_fingerprint(&pem).ok());
        Ok(ExecInfo { api_version, cluster_ca_sha256 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exec_api_version_follows_kubernetes_exec_info() {
        assert_eq!(ExecInfo::read(None).unwrap().api_version, API_V1);
        let beta = r#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","spec":{"interactive":false}}"#;
        assert_eq!(ExecInfo::read(Some(beta)).unwrap().api_version, API_V1BETA1);
        assert!(ExecInfo::read(Some(r#"{"apiVersion":"client.authentication.k8s.io/v1alpha1"}"#)).is_err());
        assert!(ExecInfo::read(Some(beta)).unwrap().cluster_ca_sha256.is_none());
    }
}
