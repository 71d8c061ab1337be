//! Answers of the ACK API that must never reach a kubeconfig (issue 13, items 4, 13 and 17): a server URL
//! with user info, a query or plain http; a leaf certificate offered as the CA; a certificate field that
//! carries a private key; a certificate that is expired or not valid yet. Each is refused with exit 1 and
//! one `error:` line, and nothing is written. The real binary against a loopback server answering as ACK
//! would, and against the sandbox with its clock moved.

mod common;

use std::time::Duration;

use ack_sandbox::*;
use common::*;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
use time::OffsetDateTime;

/// An answer of DescribeClusterUserKubeconfig holding this kubeconfig text.
fn answer(config: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({ "config": config, "expiration": "2030-01-01T00:00:00Z" })).unwrap()
}

struct Parts {
    ca: String,
    cert: String,
    key: String,
}

fn parts(not_before: OffsetDateTime, not_after: OffsetDateTime) -> Parts {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::default();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca.self_signed(&ca_key).unwrap().pem();
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::default();
    params.distinguished_name.push(DnType::CommonName, format!("{ACK_UID}-1700000000"));
    params.distinguished_name.push(DnType::OrganizationName, "system:users");
    params.not_before = not_before;
    params.not_after = not_after;
    let cert = params.self_signed(&key).unwrap().pem();
    Parts { ca, cert, key: key.serialize_pem() }
}

fn valid_parts() -> Parts {
    let now = OffsetDateTime::now_utc();
    parts(now - time::Duration::minutes(1), now + time::Duration::hours(3))
}

/// ACK's kubeconfig shape: cluster `kubernetes`, user `<uid>`, one current context.
fn ack_kubeconfig(server: &str, ca_pem: &str, cert_pem: &str, key_pem: &str) -> String {
    format!(
        "apiVersion: v1\nclusters:\n- cluster:\n    server: {server}\n    certificate-authority-data: {}\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: \"{ACK_UID}\"\n  name: {ACK_UID}-{DEMO_WEB_CLUSTER_ID}\ncurrent-context: {ACK_UID}-{DEMO_WEB_CLUSTER_ID}\nkind: Config\nusers:\n- name: \"{ACK_UID}\"\n  user:\n    client-certificate-data: {}\n    client-key-data: {}\n",
        b64(ca_pem),
        b64(cert_pem),
        b64(key_pem)
    )
}

/// Runs get-credentials against an endpoint answering `config`; asserts the refusal and that nothing was
/// written; returns stderr.
fn refused(config: &str, expected: &str) -> String {
    let env = TestEnv::new();
    let before = "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n";
    let file = env.write(".kube/config", before);
    let endpoint = fixed_answer_server("application/json", answer(config));
    let mut command = env.command();
    with_demo_keys(&mut command)
        .env("KUBECTL_ACK_ENDPOINT", &endpoint)
        .env("ALIBABA_CLOUD_REGION_ID", DEMO_REGION)
        .args(["get-credentials", DEMO_WEB_CLUSTER_ID]);
    let output = run(&mut command);
    let err = stderr(&output);
    assert_eq!(code(&output), 1, "{err}");
    assert!(err.starts_with("error: ") && err.contains(expected), "expected {expected:?} in:\n{err}");
    assert_eq!(err.lines().filter(|line| line.starts_with("error:")).count(), 1, "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before, "the kubeconfig changed");
    err
}

#[test]
fn a_server_url_with_user_info_a_query_or_plain_http_is_refused_and_its_secret_not_shown() {
    let parts = valid_parts();
    let with_password = ack_kubeconfig("https://admin:hunter2@127.0.0.1:6443", &parts.ca, &parts.cert, &parts.key);
    let err = refused(&with_password, "carries user info");
    assert!(!err.contains("hunter2"), "the password was shown:\n{err}");
    let with_query = ack_kubeconfig("https://127.0.0.1:6443/?token=secret42", &parts.ca, &parts.cert, &parts.key);
    assert!(!refused(&with_query, "has a query").contains("secret42"));
    refused(&ack_kubeconfig("http://127.0.0.1:6443", &parts.ca, &parts.cert, &parts.key), "is not an https:// URL");
}

#[test]
fn a_leaf_certificate_offered_as_the_ca_is_refused() {
    let parts = valid_parts();
    let config = ack_kubeconfig("https://127.0.0.1:6443", &parts.cert, &parts.cert, &parts.key);
    refused(&config, "is not a CA certificate");
}

#[test]
fn a_certificate_field_carrying_a_private_key_is_refused() {
    let parts = valid_parts();
    let combined = format!("{}{}", parts.cert, parts.key);
    let config = ack_kubeconfig("https://127.0.0.1:6443", &parts.ca, &combined, &parts.key);
    refused(&config, "holds a PRIVATE KEY block besides certificates");
}

#[test]
fn certificates_that_are_expired_or_not_yet_valid_are_refused() {
    let now = OffsetDateTime::now_utc();
    let expired = parts(now - time::Duration::days(2), now - time::Duration::days(1));
    refused(&ack_kubeconfig("https://127.0.0.1:6443", &expired.ca, &expired.cert, &expired.key), "expired at");
    let later = parts(now + time::Duration::days(30), now + time::Duration::days(60));
    refused(&ack_kubeconfig("https://127.0.0.1:6443", &later.ca, &later.cert, &later.key), "is not valid before");
}

#[test]
fn an_expired_certificate_from_the_sandbox_is_neither_merged_nor_served_by_the_exec_plugin() {
    let sandbox = Sandbox::start();
    // ACK's clock an hour behind: a 15-minute certificate it issues now expired 45 minutes ago.
    sandbox.rewind_clock(Duration::from_secs(3600));
    let env = TestEnv::new();
    let merged = run(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--temporary", "15m"]));
    assert_eq!(code(&merged), 1, "{}", stderr(&merged));
    assert!(stderr(&merged).contains("expired at"), "{}", stderr(&merged));
    assert!(!env.path(".kube/config").exists(), "a kubeconfig was written");
    let served = run(demo_ack(&env, &sandbox).args(["credential", DEMO_WEB_CLUSTER_ID, "--temporary", "15m"]));
    assert_eq!(code(&served), 1, "{}", stderr(&served));
    assert!(stdout(&served).is_empty(), "an ExecCredential was printed: {}", stdout(&served));
}
