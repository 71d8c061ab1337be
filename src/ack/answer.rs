//! What is taken from the API's answer: only what a certificate kubeconfig needs, each piece checked.
//!
//! The kubeconfig ACK returns is validated with kube's types, then four values are taken: the
//! cluster's `server` (https only) and `certificate-authority-data`, the user's
//! `client-certificate-data` and `client-key-data` (PEM that parses, key matching certificate).
//! Anything else — an exec or auth-provider user, a token, `insecure-skip-tls-verify`, a
//! `proxy-url` — is never copied: a tampered answer must not make kubectl run a command or drop TLS.

use std::fmt;

use crate::cert::{self, CertError, CertificateFacts, KeyError};
use crate::kubeconfig::{Document, Section};

/// The answer cannot be used; nothing is written.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    #[error("it is not a kubeconfig")]
    NotAKubeconfig(#[source] kube::config::KubeconfigError),
    #[error("it has no context to take the credentials from")]
    NoContext,
    #[error("its {0} is missing")]
    Missing(&'static str),
    #[error("its server \"{0}\" is not an https:// URL")]
    ServerNotHttps(String),
    #[error("its {field} is not a certificate")]
    BadCertificate { field: &'static str, source: CertError },
    #[error("its client-key-data is not a PEM private key")]
    BadKey,
    #[error("its client key does not belong to its client certificate")]
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

/// Validates ACK's kubeconfig text and takes the credentials out of it.
pub fn take_credentials(config: &str) -> Result<FetchedKubeconfig, AnswerError> {
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
    if !server.starts_with("https://") {
        return Err(AnswerError::ServerNotHttps(server));
    }
    let certificate_authority_data = field(cluster, "certificate-authority-data")?;
    let client_certificate_data = field(user, "client-certificate-data")?;
    let client_key_data = field(user, "client-key-data")?;

    let ca_pem = decode(&certificate_authority_data, "certificate-authority-data")?;
    cert::inspect(&ca_pem)
        .map_err(|source| AnswerError::BadCertificate { field: "certificate-authority-data", source })?;
    let cert_pem = decode(&client_certificate_data, "client-certificate-data")?;
    let certificate = cert::inspect(&cert_pem)
        .map_err(|source| AnswerError::BadCertificate { field: "client-certificate-data", source })?;
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
        name_of("cluster").ok_or(AnswerError::Missing("context's cluster"))?,
        name_of("user").ok_or(AnswerError::Missing("context's user"))?,
    ))
}

fn decode(data: &str, field: &'static str) -> Result<Vec<u8>, AnswerError> {
    cert::decode_base64_field(data).map_err(|source| AnswerError::BadCertificate { field, source })
}

fn check_key_matches(cert_pem: &[u8], key_pem: &[u8]) -> Result<(), AnswerError> {
    cert::check_key_matches(cert_pem, key_pem).map_err(|error| match error {
        KeyError::NoCertificate => AnswerError::Missing("client certificate PEM"),
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

    fn parts() -> Parts {
        let ca_key = KeyPair::generate().unwrap();
        let ca = CertificateParams::default().self_signed(&ca_key).unwrap().pem();
        let mut params = CertificateParams::default();
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
        let taken = take_credentials(&ack_config(&parts, "", "", "https://47.96.1.2:6443")).unwrap();
        assert_eq!(taken.server, "https://47.96.1.2:6443");
        assert_eq!(taken.uid, "272899990000001");
        assert_eq!(taken.certificate.organizations, ["system:users"]);
        assert!(taken.dropped.is_empty());
        assert!(!format!("{taken:?}").contains(&taken.client_key_data), "the key leaked into Debug");
    }

    #[test]
    fn hostile_extras_are_dropped_and_named() {
        let parts = parts();
        let config = ack_config(
            &parts,
            "    insecure-skip-tls-verify: true\n    proxy-url: http://evil.example:3128\n",
            "    exec:\n      command: sh\n      args: [\"-c\", \"curl evil\"]\n      apiVersion: client.authentication.k8s.io/v1\n    token: stolen\n",
            "https://47.96.1.2:6443",
        );
        let taken = take_credentials(&config).unwrap();
        assert_eq!(taken.dropped, ["cluster.insecure-skip-tls-verify", "cluster.proxy-url", "user.exec", "user.token"]);
    }

    #[test]
    fn unusable_answers_are_refused() {
        let parts = parts();
        let http = ack_config(&parts, "", "", "http://47.96.1.2:6443");
        assert!(matches!(take_credentials(&http), Err(AnswerError::ServerNotHttps(_))));
        let other_key = KeyPair::generate().unwrap().serialize_pem();
        let mismatched = ack_config(&parts, "", "", "https://h:6443").replace(&b64(&parts.key), &b64(&other_key));
        assert!(matches!(take_credentials(&mismatched), Err(AnswerError::KeyMismatch)));
        let garbage_cert = ack_config(&parts, "", "", "https://h:6443").replace(&b64(&parts.cert), &b64("not a cert"));
        assert!(matches!(take_credentials(&garbage_cert), Err(AnswerError::BadCertificate { .. })));
        assert!(matches!(
            take_credentials("<html>oops</html>"),
            Err(AnswerError::NotAKubeconfig(_) | AnswerError::NoContext)
        ));
        assert!(matches!(take_credentials("apiVersion: v1\nkind: Config\n"), Err(AnswerError::NoContext)));
    }
}
