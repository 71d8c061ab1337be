//! `whoami` through the real binary, on kubeconfigs holding certificates made in the test; with the
//! kubeconfig rules it reads by (relative certificate paths, several files).

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;
use time::{Duration, OffsetDateTime};

#[test]
fn whoami_shows_user_groups_account_and_validity() {
    let (env, _ca) = long_term_home();
    let output = env.run(["whoami"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    snapshot_settings(&env).bind(|| {
        insta::assert_snapshot!(stdout(&output), @r"
    Context:     prod-web
    Cluster:     ack-prod-web (https://127.0.0.1:[PORT])
    User:        272899990000001-[ISSUED]
    Groups:      system:users
    Account UID: 272899990000001 (certificate issued [TIME])
    Issuer:      CN=test-ca
    Valid from:  [TIME]
    Valid until: [TIME] ([DURATION] left)
    Renewal:     ACK's 180-day renewal window opens [TIME]
    Key:         ECDSA P-256
    ")
    });
}

#[test]
fn whoami_json_is_checked_field_by_field() {
    let (env, _ca) = long_term_home();
    let output = env.run(["whoami", "-o", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["context"], "prod-web");
    assert_eq!(report["cluster"], "ack-prod-web");
    assert_eq!(report["server"], SERVER);
    assert_eq!(report["credential"], "client-certificate");
    assert!(report["user"].as_str().unwrap().starts_with("272899990000001-"));
    assert_eq!(report["groups"], serde_json::json!(["system:users"]));
    assert_eq!(report["accountUid"], ACK_UID);
    let certificate = &report["certificate"];
    assert_eq!(certificate["organizations"], serde_json::json!(["system:users"]));
    assert_eq!(certificate["ackAccount"]["uid"], ACK_UID);
    assert_eq!(certificate["expired"], false);
    let seconds_left = certificate["secondsLeft"].as_i64().unwrap();
    assert!((3 * 365 * 86_400 - 120..=3 * 365 * 86_400).contains(&seconds_left), "{seconds_left}");
    let not_after = OffsetDateTime::parse(
        certificate["notAfter"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let opens = OffsetDateTime::parse(
        certificate["renewalWindowOpens"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(not_after - opens, Duration::days(180));
    assert_eq!(report["detail"], Value::Null);

    let yaml = env.run(["whoami", "-o", "yaml"]);
    assert!(
        stdout(&yaml).contains("accountUid: '272899990000001'")
            || stdout(&yaml).contains("accountUid: \"272899990000001\""),
        "{}",
        stdout(&yaml)
    );
}

#[test]
fn whoami_says_which_kind_of_credential_a_non_certificate_user_has() {
    let env = TestEnv::new();
    let file = env.write("config", include_str!("fixtures/rich-kubeconfig.yaml"));
    let file = file.to_str().unwrap();
    let exec = env.run(["whoami", "--kubeconfig", file, "--context", "prod", "-o", "json"]);
    assert_eq!(code(&exec), 0, "{}", stderr(&exec));
    let report: Value = serde_json::from_slice(&exec.stdout).unwrap();
    assert_eq!(report["credential"], "exec");
    assert_eq!(report["user"], Value::Null);
    assert!(report["detail"].as_str().unwrap().starts_with("exec plugin `aws eks get-token"), "{report}");
    let text = env.run(["whoami", "--kubeconfig", file, "--context", "prod"]);
    assert!(stdout(&text).contains("kubectl auth whoami"), "{}", stdout(&text));
}

#[test]
fn a_relative_client_certificate_path_is_read_from_the_kubeconfigs_directory() {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-relative");
    let client = ca.ack_client(Duration::hours(2));
    env.write("conf/certs/user.crt", &client.cert_pem);
    env.write("conf/certs/user.key", &client.key_pem);
    let config = env.write(
        "conf/config",
        "apiVersion: v1\nkind: Config\ncurrent-context: rel\ncontexts:\n- name: rel\n  context:\n    cluster: k\n    user: u\nclusters:\n- name: k\n  cluster:\n    server: https://127.0.0.1:6443\nusers:\n- name: u\n  user:\n    client-certificate: certs/user.crt\n    client-key: certs/user.key\n",
    );
    // Run from elsewhere, so a path resolved against the working directory would not be found.
    let output =
        env.command().env("KUBECONFIG", &config).current_dir("/").args(["whoami", "-o", "json"]).output().unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["accountUid"], ACK_UID);
}

#[test]
fn with_three_kubeconfig_files_the_first_definition_wins() {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-three");
    let first = ca.client(
        "first-user",
        &["g1"],
        OffsetDateTime::now_utc() - Duration::hours(1),
        OffsetDateTime::now_utc() + Duration::days(1),
    );
    let second = ca.client(
        "second-user",
        &["g2"],
        OffsetDateTime::now_utc() - Duration::hours(1),
        OffsetDateTime::now_utc() + Duration::days(1),
    );
    let a = env.write(
        "a",
        &kubeconfig(
            &[ContextSpec { name: "shared", server: "https://a:6443", ca_pem: &ca.pem, client: &first }],
            "shared",
        ),
    );
    let b = env.write(
        "b",
        &kubeconfig(
            &[ContextSpec { name: "shared", server: "https://b:6443", ca_pem: &ca.pem, client: &second }],
            "other",
        ),
    );
    let list = std::env::join_paths([a.as_path(), Path::new("/nonexistent/kubeconfig"), b.as_path()]).unwrap();
    let output = env.command().env("KUBECONFIG", list).args(["whoami", "-o", "json"]).output().unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["user"], "first-user");
    assert_eq!(report["server"], "https://a:6443");
}
