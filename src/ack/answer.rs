//! What is taken from the API's answer: only what a certificate kubeconfig needs, each piece checked.
//!
//! The kubeconfig ACK returns is validated with kube's types, then four values are taken: the
//! cluster's `server` (an https URL with a host, no user info, no query or fragment) and
//! `certificate-authority-data` (a CA certificate), the user's `client-certificate-data` (certificate
//! blocks only, valid now) and `client-key-data` (a PEM key matching the certificate).
//! Anything else — an exec or auth-provider user, a token, `insecure-skip-tls-verify`, a
//! `proxy-url` — is never copied: a tampered answer must not make kubectl run a command or drop TLS.

use crate::t;
use std::fmt;

use time::OffsetDateTime;

use crate::cert::{self, CertError, CertificateFacts, KeyError};
use crate::kubeconfig::{Document, Section};

/// The answer cannot be used; nothing is written.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    #[error("{}", t!("error-answer-not-a-kubeconfig"))]
    NotAKubeconfig(#[source] kube::config::KubeconfigError),
    #[error("{}", t!("error-answer-no-context"))]
    NoContext,
    #[error("{}", t!("error-answer-missing", field = *.0))]
    Missing(&'static str),
    #[error("{}", t!("error-answer-server-not-https", server = .0))]
    ServerNotHttps(String),
    #[error("{}", t!("error-answer-server-unsafe", server = .shown, problem = *.problem))]
    ServerUnsafe { shown: String, problem: &'static str },
    #[error("{}", t!("error-answer-bad-certificate", field = *.field))]
    BadCertificate { field: &'static str, source: CertError },
    #[error("{}", t!("error-answer-not-only-certificates", field = *.field, label = .label))]
    NotOnlyCertificates { field: &'static str, label: String },
    #[error("{}", t!("error-answer-not-a-ca"))]
    NotACertificateAuthority,
    #[error("{}", t!("error-answer-expired", time = .not_after))]
    Expired { not_after: String },
    #[error("{}", t!("error-answer-not-yet-valid", time = .not_before))]
    NotYetValid { not_before: String },
    #[error("{}", t!("error-answer-bad-key"))]
    BadKey,
    #[error("{}", t!("error-answer-key-mismatch"))]
    KeyMismatch,
}

/// What is taken from ACK's kubeconfig answer: where the cluster is, its CA, and the client certificate
/// and key (checked to belong together).
#[derive(Clone)]
pub struct FetchedKubeconfig {
    pub server: String,
    pub certificate_authority_data: String,
    pub client_certificate_data: String,
    pub client_key_data: String,
    pub certificate: CertificateFacts,
    /// The account UID: from the certificate's CN, else the user name ACK gave.
    pub uid: String,
    /// Keys of the answer that were not taken, as `cluster.proxy-url`, `user.exec`.
    pub dropped: Vec<String>,
}

impl fmt::Debug for FetchedKubeconfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FetchedKubeconfig")
            .field("server", &self.server)
            .field("certificate", &self.certificate)
            .field("uid", &self.uid)
            .field("client_key_data", &"[redacted]")
            .field("dropped", &self.dropped)
            .finish_non_exhaustive()
    }
}

const CLUSTER_KEYS: [&str; 2] = ["server", "certificate-authority-data"];
const USER_KEYS: [&str; 2] = ["client-certificate-data", "client-key-data"];

/// How far in the future a new certificate's notBefore may be: ACK's clock and this machine's differ a
/// little, and requests more than 15 minutes apart are refused by ACK anyway.
const CLOCK_TOLERANCE: time::Duration = time::Duration::minutes(15);

/// Validates ACK's kubeconfig text and takes the credentials out of it; `now` decides whether the
/// certificate is valid.
pub fn take_credentials(config: &str, now: OffsetDateTime) -> Result<FetchedKubeconfig, AnswerError> {
    kube::config::Kubeconfig::from_yaml(config).map_err(AnswerError::NotAKubeconfig)?;
    let document = Document::parse(config).map_err(|_| AnswerError::NoContext)?;
    let (cluster_name, user_name) = chosen_context(&document)?;
    let cluster = document.entry(Section::Clusters, &cluster_name).ok_or(AnswerError::Missing("cluster"))?;
    let user = document.entry(Section::Users, &user_name).ok_or(AnswerError::Missing("user"))?;
    let field = |body: &serde_json::Map<String, serde_json::Value>, key: &'static str| {
        body.get(key)
            .and_then(|value| value.as_str())
            .filter(|value| !value.is_empty())
            .map(str::to_string)
            .ok_or(AnswerError::Missing(key))
    };
    let server = field(cluster, "server")?;
    check_server(&server)?;
    let certificate_authority_data = field(cluster, "certificate-authority-data")?;
    let client_certificate_data = field(user, "client-certificate-data")?;
    let client_key_data = field(user, "client-key-data")?;

    let ca_pem = decode(&certificate_authority_data, "certificate-authority-data")?;
    only_certificates(&ca_pem, "certificate-authority-data")?;
    cert::inspect(&ca_pem)
        .map_err(|source| AnswerError::BadCertificate { field: "certificate-authority-data", source })?;
    if !cert::is_certificate_authority(&ca_pem)
        .map_err(|source| AnswerError::BadCertificate { field: "certificate-authority-data", source })?
    {
        return Err(AnswerError::NotACertificateAuthority);
    }
    let cert_pem = decode(&client_certificate_data, "client-certificate-data")?;
    only_certificates(&cert_pem, "client-certificate-data")?;
    let certificate = cert::inspect(&cert_pem)
        .map_err(|source| AnswerError::BadCertificate { field: "client-certificate-data", source })?;
    check_validity(&certificate, now)?;
    let key_pem = cert::decode_base64_field(&client_key_data).map_err(|_| AnswerError::BadKey)?;
    check_key_matches(&cert_pem, &key_pem)?;

    let uid = certificate.ack_account.as_ref().map(|account| account.uid.clone()).unwrap_or_else(|| user_name.clone());
    let mut dropped = unexpected_keys("cluster", cluster, &CLUSTER_KEYS);
    dropped.extend(unexpected_keys("user", user, &USER_KEYS));
    Ok(FetchedKubeconfig {
        server,
        certificate_authority_data,
        client_certificate_data,
        client_key_data,
        certificate,
        uid,
        dropped,
    })
}

/// A URL kubectl may send credentials to: https, a host, and nothing that could hide another destination
/// or carry a secret (user info, query, fragment).
fn check_server(server: &str) -> Result<(), AnswerError> {
    let url = url::Url::parse(server).map_err(|_| AnswerError::ServerNotHttps(server.to_string()))?;
    if url.scheme() != "https" {
        return Err(AnswerError::ServerNotHttps(redacted(&url)));
    }
    let problem = if url.host_str().is_none_or(str::is_empty) {
        Some("no-host")
    } else if !url.username().is_empty() || url.password().is_some() {
        Some("user-info")
    } else if url.query().is_some() {
        Some("query")
    } else if url.fragment().is_some() {
        Some("fragment")
    } else {
        None
    };
    match problem {
        Some(problem) => Err(AnswerError::ServerUnsafe { shown: redacted(&url), problem }),
        None => Ok(()),
    }
}

/// A URL for messages: scheme, host and port only (user info, path and query may hold secrets).
fn redacted(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    }
}

/// A certificate field must not smuggle a private key (or anything else) into files others may read.
fn only_certificates(pem: &[u8], field: &'static str) -> Result<(), AnswerError> {
    let labels = cert::pem_labels(pem).map_err(|source| AnswerError::BadCertificate { field, source })?;
    match labels.into_iter().find(|label| label != "CERTIFICATE") {
        Some(label) => Err(AnswerError::NotOnlyCertificates { field, label }),
        None => Ok(()),
    }
}

/// A certificate that is expired, or not valid for a while yet, would be written only to fail.
fn check_validity(certificate: &CertificateFacts, now: OffsetDateTime) -> Result<(), AnswerError> {
    let shown = |time: OffsetDateTime| time.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    if certificate.is_expired(now) {
        return Err(AnswerError::Expired { not_after: shown(certificate.not_after) });
    }
    if certificate.not_before > now + CLOCK_TOLERANCE {
        return Err(AnswerError::NotYetValid { not_before: shown(certificate.not_before) });
    }
    Ok(())
}

/// The current context's cluster and user, or those of the only context there is.
fn chosen_context(document: &Document) -> Result<(String, String), AnswerError> {
    let contexts: Vec<_> = document.entries(Section::Contexts).collect();
    let context = document
        .current_context()
        .and_then(|current| contexts.iter().find(|(name, _)| *name == current))
        .or(if contexts.len() == 1 { contexts.first() } else { None })
        .ok_or(AnswerError::NoContext)?;
    let name_of = |key: &str| context.1.get(key).and_then(|value| value.as_str()).map(str::to_string);
    Ok((
        name_of("cluster").ok_or(AnswerError::Missing("context.cluster"))?,
        name_of("user").ok_or(AnswerError::Missing("context.user"))?,
    ))
}

fn decode(data: &str, field: &'static str) -> Result<Vec<u8>, AnswerError> {
    cert::decode_base64_field(data).map_err(|source| AnswerError::BadCertificate { field, source })
}

fn check_key_matches(cert_pem: &[u8], key_pem: &[u8]) -> Result<(), AnswerError> {
    cert::check_key_matches(cert_pem, key_pem).map_err(|error| match error {
        KeyError::NoCertificate => AnswerError::Missing("client-certificate-data"),
        KeyError::NotAKey => AnswerError::BadKey,
        KeyError::Mismatch => AnswerError::KeyMismatch,
    })
}

fn unexpected_keys(section: &str, body: &serde_json::Map<String, serde_json::Value>, allowed: &[&str]) -> Vec<String> {
    body.keys().filter(|key| !allowed.contains(&key.as_str())).map(|key| format!("{section}.{key}")).collect()
}

#[cfg(test)]
mod tests {
    use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair};

    use super::*;

    fn b64(bytes: &str) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    struct Parts {
        ca: String,
        cert: String,
        key: String,
    }

    fn now() -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }

    fn parts() -> Parts {
        parts_valid(now() - time::Duration::minutes(1), now() + time::Duration::hours(3))
    }

    fn parts_valid(not_before: OffsetDateTime, not_after: OffsetDateTime) -> Parts {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::default();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key).unwrap().pem();
        let mut params = CertificateParams::default();
        params.not_before = not_before;
        params.not_after = not_after;
        let mut name = DistinguishedName::new();
        name.push(DnType::OrganizationName, "system:users");
        name.push(DnType::CommonName, "272899990000001-1700000000");
        params.distinguished_name = name;
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap().pem();
        Parts { ca, cert, key: key.serialize_pem() }
    }

    fn ack_config(parts: &Parts, extra_cluster: &str, extra_user: &str, server: &str) -> String {
        format!(
            "apiVersion: v1\nclusters:\n- cluster:\n    server: {server}\n    certificate-authority-data: {}\n{extra_cluster}  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: \"272899990000001\"\n  name: 272899990000001-c5b5e80b0b64a4bf6939d2d8fbbc5e4e1\ncurrent-context: 272899990000001-c5b5e80b0b64a4bf6939d2d8fbbc5e4e1\nkind: Config\npreferences: {{}}\nusers:\n- name: \"272899990000001\"\n  user:\n    client-certificate-data: {}\n    client-key-data: {}\n{extra_user}",
            b64(&parts.ca),
            b64(&parts.cert),
            b64(&parts.key)
        )
    }

    #[test]
    fn a_genuine_answer_yields_the_four_values_and_the_uid() {
        let parts = parts();
        let taken = take_credentials(&ack_config(&parts, "", "", "https://127.0.0.1:6443"), now()).unwrap();
        assert_eq!(taken.server, "https://127.0.0.1:6443");
        assert_eq!(taken.uid, "272899990000001");
        assert_eq!(taken.certificate.organizations, ["system:users"]);
        assert!(taken.dropped.is_empty());
        assert!(!format!("{taken:?}").contains(&taken.client_key_data), "the key leaked into Debug");
    }

    #[test]
    fn unsafe_server_urls_are_refused_and_shown_without_their_secrets() {
        let parts = parts();
        for (server, problem) in [
            ("https://admin:hunter2@127.0.0.1:6443", "user-info"),
            ("https://127.0.0.1:6443/?token=abc", "query"),
            ("https://127.0.0.1:6443/#frag", "fragment"),
        ] {
            let error = take_credentials(&ack_config(&parts, "", "", server), now()).unwrap_err();
            assert!(matches!(&error, AnswerError::ServerUnsafe { problem: found, .. } if *found == problem), "{error}");
            let message = error.to_string();
            assert!(!message.contains("hunter2") && !message.contains("token=abc"), "{message}");
        }
        for server in ["http://127.0.0.1:6443", "ftp://h", "not a url", "https://"] {
            assert!(take_credentials(&ack_config(&parts, "", "", server), now()).is_err(), "{server}");
        }
        assert!(take_credentials(&ack_config(&parts, "", "", "https://localhost:6443"), now()).is_ok());
    }

    #[test]
    fn a_leaf_certificate_is_not_accepted_as_the_ca() {
        let parts = parts();
        let leaf_as_ca = ack_config(&parts, "", "", "https://h:6443").replacen(&b64(&parts.ca), &b64(&parts.cert), 1);
        assert!(matches!(take_credentials(&leaf_as_ca, now()), Err(AnswerError::NotACertificateAuthority)));
    }

    #[test]
    fn a_certificate_field_carrying_a_private_key_is_refused() {
        let parts = parts();
        let with_key = format!("{}{}", parts.cert, parts.key);
        let config = ack_config(&parts, "", "", "https://h:6443").replace(&b64(&parts.cert), &b64(&with_key));
        let error = take_credentials(&config, now()).unwrap_err();
        assert!(matches!(&error, AnswerError::NotOnlyCertificates { label, .. } if label == "PRIVATE KEY"), "{error}");
    }

    #[test]
    fn expired_and_not_yet_valid_certificates_are_refused() {
        let expired = parts_valid(now() - time::Duration::days(2), now() - time::Duration::days(1));
        assert!(matches!(
            take_credentials(&ack_config(&expired, "", "", "https://h:6443"), now()),
            Err(AnswerError::Expired { .. })
        ));
        let future = parts_valid(now() + time::Duration::days(1), now() + time::Duration::days(2));
        assert!(matches!(
            take_credentials(&ack_config(&future, "", "", "https://h:6443"), now()),
            Err(AnswerError::NotYetValid { .. })
        ));
        let slightly_ahead = parts_valid(now() + time::Duration::minutes(2), now() + time::Duration::hours(1));
        assert!(take_credentials(&ack_config(&slightly_ahead, "", "", "https://h:6443"), now()).is_ok());
    }

    #[test]
    fn hostile_extras_are_dropped_and_named() {
        let parts = parts();
        let config = ack_config(
            &parts,
            "    insecure-skip-tls-verify: true\n    proxy-url: http://127.0.0.9:3128\n",
            "    exec:\n      command: sh\n      args: [\"-c\", \"curl evil\"]\n      apiVersion: client.authentication.k8s.io/v1\n    token: stolen\n",
            "https://127.0.0.1:6443",
        );
        let taken = take_credentials(&config, now()).unwrap();
        assert_eq!(taken.dropped, ["cluster.insecure-skip-tls-verify", "cluster.proxy-url", "user.exec", "user.token"]);
    }

    #[test]
    fn unusable_answers_are_refused() {
        let parts = parts();
        let http = ack_config(&parts, "", "", "http://127.0.0.1:6443");
        assert!(matches!(take_credentials(&http, now()), Err(AnswerError::ServerNotHttps(_))));
        let other_key = KeyPair::generate().unwrap().serialize_pem();
        let mismatched = ack_config(&parts, "", "", "https://h:6443").replace(&b64(&parts.key), &b64(&other_key));
        assert!(matches!(take_credentials(&mismatched, now()), Err(AnswerError::KeyMismatch)));
        let garbage_cert = ack_config(&parts, "", "", "https://h:6443").replace(&b64(&parts.cert), &b64("not a cert"));
        assert!(matches!(take_credentials(&garbage_cert, now()), Err(AnswerError::BadCertificate { .. })));
        assert!(matches!(
            take_credentials("<html>oops</html>", now()),
            Err(AnswerError::NotAKubeconfig(_) | AnswerError::NoContext)
        ));
        assert!(matches!(take_credentials("apiVersion: v1\nkind: Config\n", now()), Err(AnswerError::NoContext)));
    }
}
