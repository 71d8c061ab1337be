//! `whoami`, `expiry` and `export-cert` through the real binary, on kubeconfigs holding
//! certificates made in the test.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;
use time::{Duration, OffsetDateTime};

const SERVER: &str = "https://127.0.0.1:6443";

/// A HOME whose ~/.kube/config holds one long-term ACK context, `prod-web`.
fn long_term_home() -> (TestEnv, TestCa) {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-prod");
    let client = ca.ack_client(Duration::days(3 * 365));
    let spec = ContextSpec { name: "prod-web", server: SERVER, ca_pem: &ca.pem, client: &client };
    env.write(".kube/config", &kubeconfig(&[spec], "prod-web"));
    (env, ca)
}

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

/// A kubeconfig at `relative` with one context per (name, lifetime from now).
fn home_with_contexts(env: &TestEnv, ca: &TestCa, contexts: &[(&str, Duration)]) {
    let now = OffsetDateTime::now_utc();
    let clients: Vec<ClientCert> = contexts
        .iter()
        .map(|(_, lifetime)| {
            let not_before = (now + *lifetime - Duration::days(1)).min(now - Duration::minutes(1));
            ca.client(
                &format!("{ACK_UID}-{}", not_before.unix_timestamp()),
                &["system:users"],
                not_before,
                now + *lifetime,
            )
        })
        .collect();
    let specs: Vec<ContextSpec<'_>> = contexts
        .iter()
        .zip(&clients)
        .map(|((name, _), client)| ContextSpec { name, server: SERVER, ca_pem: &ca.pem, client })
        .collect();
    env.write(".kube/config", &kubeconfig(&specs, contexts[0].0));
}

#[test]
fn expiry_within_exits_3_for_expired_and_soon_expiring_certificates_and_0_otherwise() {
    let ca = TestCa::new("test-ca-expiry");
    let cases = [
        (Duration::days(-2), Some("30d"), 3),
        (Duration::days(10), Some("30d"), 3),
        (Duration::days(90), Some("30d"), 0),
        (Duration::days(-2), None, 0),
    ];
    for (lifetime, within, expected) in cases {
        let env = TestEnv::new();
        home_with_contexts(&env, &ca, &[("only", lifetime)]);
        let mut args = vec!["expiry"];
        if let Some(within) = within {
            args.extend(["--within", within]);
        }
        let output = env.run(&args);
        assert_eq!(code(&output), expected, "lifetime {lifetime}, {args:?}: {}{}", stdout(&output), stderr(&output));
    }
}

#[test]
fn expiry_lists_every_context_soonest_first_and_marks_the_expired() {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-all");
    home_with_contexts(
        &env,
        &ca,
        &[("long-term", Duration::days(3 * 365)), ("expired", Duration::days(-3)), ("temporary", Duration::hours(3))],
    );
    let output = env.run(["expiry", "--all-contexts", "--within", "1d"]);
    assert_eq!(code(&output), 3, "{}", stderr(&output));
    snapshot_settings(&env).bind(|| insta::assert_snapshot!(stdout(&output), @r"
    CONTEXT     USER                         EXPIRES                LEFT        NOTE
    expired     272899990000001-[ISSUED]   [TIME]   expired     EXPIRED: renew with `kubectl ack get-credentials` (expired [DURATION] ago)
    temporary   272899990000001-[ISSUED]   [TIME]   [DURATION]      expires within the --within window: renew soon
    long-term   272899990000001-[ISSUED]   [TIME]   [DURATION]   long-term; ACK renewal window opens [TIME]
    "));
    let json = env.run(["expiry", "-A", "-o", "json"]);
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let statuses: Vec<&str> =
        report["contexts"].as_array().unwrap().iter().map(|c| c["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["expired", "ok", "ok"]);
    assert_eq!(code(&json), 0, "without --within nothing is checked");
}

/// Each bad input: exit 1, one `error:` line first, nothing written anywhere.
#[test]
fn bad_input_gives_one_error_line_exit_1_and_changes_no_file() {
    let ca = TestCa::new("test-ca-bad");
    let good = ca.ack_client(Duration::days(30));
    let good_config = kubeconfig(&[ContextSpec { name: "c", server: SERVER, ca_pem: &ca.pem, client: &good }], "c");
    let not_base64 = good_config.replacen(&b64(&good.cert_pem), "this is not base64!", 1);
    let not_x509 = good_config.replacen(
        &b64(&good.cert_pem),
        &b64("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
        1,
    );
    let missing_path = "apiVersion: v1\nkind: Config\ncurrent-context: c\ncontexts:\n- name: c\n  context:\n    cluster: x\n    user: u\nusers:\n- name: u\n  user:\n    client-certificate: no/such/file.crt\n";
    let cases: [(&str, &str, &[&str], &str); 6] = [
        ("not YAML", "clusters: [\n  - {", &["whoami"], "is not a valid kubeconfig"),
        ("not base64", &not_base64, &["whoami"], "cannot read the client certificate of context \"c\""),
        ("not X.509", &not_x509, &["expiry"], "cannot read the client certificate of context \"c\""),
        ("no such context", &good_config, &["whoami", "--context", "nope"], "context \"nope\" does not exist"),
        ("missing cert file", missing_path, &["whoami"], "cannot read the client certificate of context \"c\" from"),
        (
            "binary garbage",
            "\u{0}\u{1}\u{2}garbage\u{7f}",
            &["export-cert", "--out-dir", "out"],
            "is not a valid kubeconfig",
        ),
    ];
    for (what, contents, args, message) in cases {
        let env = TestEnv::new();
        let file = env.write(".kube/config", contents);
        let output = env.command().args(args).current_dir(env.home()).output().unwrap();
        let err = stderr(&output);
        assert_eq!(code(&output), 1, "{what}: {err}");
        let first = err.lines().next().unwrap_or_default();
        assert!(first.starts_with("error: ") && first.contains(message), "{what}: first line {first:?}\n{err}");
        assert_eq!(
            err.lines().filter(|line| line.starts_with("error:")).count(),
            1,
            "{what}: more than one error line:\n{err}"
        );
        assert!(err.contains("hint: "), "{what}: no hint:\n{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), contents, "{what}: the kubeconfig changed");
        assert!(!env.path("out").exists(), "{what}: export-cert wrote something");
        assert!(stdout(&output).is_empty(), "{what}: printed to stdout: {}", stdout(&output));
    }
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

#[test]
fn export_cert_writes_the_pems_with_a_private_key_and_refuses_to_overwrite() {
    let (env, ca) = long_term_home();
    let out = env.path("exported");
    let output = env.run(["export-cert".as_ref(), "--out-dir".as_ref(), out.as_os_str()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains(&format!("API server:             {SERVER}")), "{}", stdout(&output));
    assert_eq!(std::fs::read_to_string(out.join("ca.pem")).unwrap(), ca.pem);
    let cert = std::fs::read_to_string(out.join("client-cert.pem")).unwrap();
    assert!(cert.starts_with("-----BEGIN CERTIFICATE-----"));
    let key = std::fs::read_to_string(out.join("client-key.pem")).unwrap();
    assert!(key.contains("PRIVATE KEY-----"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |name: &str| std::fs::metadata(out.join(name)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode("client-key.pem"), 0o600);
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o700);
    }

    std::fs::write(out.join("client-key.pem"), "precious").unwrap();
    let again = env.run(["export-cert".as_ref(), "--out-dir".as_ref(), out.as_os_str()]);
    assert_eq!(code(&again), 1);
    assert!(stderr(&again).contains("already exists") && stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(out.join("client-key.pem")).unwrap(), "precious");

    let forced = env.run(["export-cert".as_ref(), "--out-dir".as_ref(), out.as_os_str(), "--force".as_ref()]);
    assert_eq!(code(&forced), 0, "{}", stderr(&forced));
    assert_eq!(std::fs::read_to_string(out.join("client-key.pem")).unwrap(), key);
}

#[test]
fn version_and_usage_errors() {
    let env = TestEnv::new();
    let version = env.run(["version"]);
    assert!(stdout(&version).starts_with("kubectl-ack 0."), "{}", stdout(&version));
    let usage = env.run(["expiry", "--within", "soon"]);
    assert_eq!(code(&usage), 2);
    assert!(stderr(&usage).contains("is not a duration"), "{}", stderr(&usage));
    let help = env.run(["whoami", "--help"]);
    assert!(stdout(&help).contains("Usage: kubectl ack whoami"), "{}", stdout(&help));
}
