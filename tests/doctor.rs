//! `doctor` through the real binary against the sandbox: the whole report when everything is fine (and
//! the real kubectl agreeing), then one failing check of each kind, each made to fail for real: no
//! credentials, a skewed API clock, a RAM denial, a readable kubeconfig with a stale lock, expired and
//! renewable certificates, a key that is not the certificate's, a wrong CA, a certificate that does not
//! cover the address, a port nobody listens on and a private address that never answers.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use ack_sandbox::*;
use common::*;
use serde_json::Value;

/// A fixed ID for clusters a test adds, so the reports stay the same from run to run.
const MOVED_SLB_CLUSTER_ID: &str = "c00000000000000000000000000005a1b";

/// `get-credentials` with these arguments, into `~/.kube/config`.
fn fetch(env: &TestEnv, sandbox: &Sandbox, args: &[&str]) {
    ok(demo_ack(env, sandbox).arg("get-credentials").args(args));
}

/// `doctor` with time limits that a loaded machine still meets on loopback.
fn doctor(command: &mut Command) -> Output {
    doctor_with(command, &[])
}

fn doctor_with(command: &mut Command, args: &[&str]) -> Output {
    run_doctor(command, "5s", args)
}

/// `doctor` that gives up on a silent server after `connect_timeout`.
fn run_doctor(command: &mut Command, connect_timeout: &str, args: &[&str]) -> Output {
    run(command.args(["doctor", "--connect-timeout", connect_timeout, "--timeout", "10s"]).args(args))
}

fn kubeconfig_path(env: &TestEnv) -> std::path::PathBuf {
    env.path(".kube/config")
}

/// The kubeconfig as JSON, changed by `edit`, written back (JSON is YAML, and kubectl reads it too).
fn edit_kubeconfig(env: &TestEnv, edit: impl FnOnce(&mut Value)) {
    let path = kubeconfig_path(env);
    let mut config: Value = serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut config);
    std::fs::write(&path, serde_json::to_string_pretty(&config).unwrap()).unwrap();
}

fn first<'a>(config: &'a mut Value, section: &str) -> &'a mut Value {
    let key = if section == "clusters" { "cluster" } else { "user" };
    &mut config[section][0][key]
}

/// The exit status and both streams, as one text to snapshot.
fn transcript(output: &Output) -> String {
    let mut text = format!("exit status {}\n{}", code(output), stdout(output));
    if !output.stderr.is_empty() {
        text.push_str(&format!("--- stderr\n{}", stderr(output)));
    }
    text
}

/// The shared filters, plus the sandbox's intranet address and request IDs.
fn settings(env: &TestEnv) -> insta::Settings {
    let mut settings = snapshot_settings(env);
    settings.add_filter(r"127\.0\.0\.2:\d+", "127.0.0.2:[PORT]");
    settings.add_filter(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}", "[REQUEST-ID]");
    settings
}

fn assert_report(name: &str, env: &TestEnv, text: &str) {
    settings(env).bind(|| insta::assert_snapshot!(name, text));
}

/// No secret in anything doctor printed.
fn assert_no_secrets(output: &Output, env: &TestEnv) {
    let config = std::fs::read_to_string(kubeconfig_path(env)).unwrap_or_default();
    let key_data = config
        .lines()
        .find_map(|line| line.trim().strip_prefix("client-key-data:").map(|value| value.trim().trim_matches('"')))
        .map(str::to_string);
    let everything = format!("{}{}", stdout(output), stderr(output));
    for secret in [Some(DEMO_ACCESS_KEY_SECRET.to_string()), key_data, Some("PRIVATE KEY".into())].into_iter().flatten()
    {
        assert!(!everything.contains(&secret), "doctor printed a secret:\n{everything}");
    }
}

#[test]
fn a_healthy_context_passes_every_check_and_kubectl_agrees() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web"]);
    let before = std::fs::read(kubeconfig_path(&env)).unwrap();
    sandbox.clear_requests();

    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 0, "{}", transcript(&output));
    assert_report("all_green", &env, &transcript(&output));
    assert_no_secrets(&output, &env);

    // The permission check asked for the shortest certificate and wrote nothing.
    let kubeconfig_calls: Vec<_> = sandbox
        .requests()
        .into_iter()
        .filter(|request| request.action.as_deref() == Some("DescribeClusterUserKubeconfig"))
        .collect();
    assert_eq!(kubeconfig_calls.len(), 1);
    assert!(kubeconfig_calls[0].query.contains(&("TemporaryDurationMinutes".into(), "15".into())));
    assert_eq!(std::fs::read(kubeconfig_path(&env)).unwrap(), before, "doctor changed the kubeconfig");

    let mut kubectl = Command::new(kubectl());
    scrub(&mut kubectl, env.home());
    let namespaces = run(kubectl.args(["get", "namespaces", "-o", "name"]));
    assert_eq!(code(&namespaces), 0, "kubectl fails where doctor saw no problem: {}", stderr(&namespaces));
    assert!(stdout(&namespaces).contains("namespace/kube-system"), "{}", stdout(&namespaces));
}

#[test]
fn verbose_shows_each_api_call_and_the_credential_source_but_no_secret() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web"]);
    let output = doctor_with(&mut demo_ack(&env, &sandbox), &["-v"]);
    assert_eq!(code(&output), 0, "{}", transcript(&output));
    let lines = stderr(&output);
    assert!(lines.contains("credentials: environment"), "{lines}");
    assert!(lines.contains(&format!("/clusters/{DEMO_WEB_CLUSTER_ID} -> 200")), "{lines}");
    assert!(lines.contains("user_config?PrivateIpAddress=false&TemporaryDurationMinutes=15 -> 200"), "{lines}");
    assert_no_secrets(&output, &env);
}

#[test]
fn json_and_yaml_reports_have_the_documented_shape() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web", "--private"]);
    let output = doctor_with(&mut demo_ack(&env, &sandbox), &["-o", "json"]);
    assert_eq!(code(&output), 0, "{}", transcript(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["context"], "demo-web-private");
    assert_eq!(
        report["cluster"],
        serde_json::json!({"id": DEMO_WEB_CLUSTER_ID, "access": "private", "identifiedBy": "provenance"})
    );
    assert_eq!(report["status"], "pass");
    assert!(report["checkedAt"].as_str().unwrap().ends_with('Z'));
    let names: Vec<&str> =
        report["checks"].as_array().unwrap().iter().map(|check| check["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["credentials", "clock", "permission", "kubeconfig", "certificate", "tls", "reachability"]);
    for check in report["checks"].as_array().unwrap() {
        assert_eq!(check["status"], "pass", "{check}");
        let finding = &check["findings"][0];
        assert!(finding["message"].is_string() && finding["fix"].is_null(), "{finding}");
    }

    let yaml = doctor_with(&mut demo_ack(&env, &sandbox), &["-o", "yaml"]);
    let from_yaml: Value = serde_saphyr::from_str(&stdout(&yaml)).unwrap();
    assert_eq!(from_yaml["checks"][6]["name"], "reachability");
    assert_eq!(from_yaml["status"], "pass");
}

#[test]
fn without_credentials_the_cloud_checks_stop_at_the_first() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web"]);
    let output = doctor(&mut sandbox_command(&env, &sandbox));
    assert_eq!(code(&output), 1, "{}", transcript(&output));
    assert_report("no_credentials", &env, &transcript(&output));
}

#[test]
fn an_api_clock_twenty_minutes_ahead_fails_the_clock_and_skips_the_permission() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web"]);
    sandbox.set_api_clock_skew(time::Duration::minutes(20));
    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 1, "{}", transcript(&output));
    assert_report("clock_skew", &env, &transcript(&output));
    assert_eq!(sandbox.request_count("DescribeClusterUserKubeconfig"), 1, "the permission check ran anyway");
}

#[test]
fn an_api_clock_five_minutes_behind_is_a_warning() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web"]);
    sandbox.set_api_clock_skew(time::Duration::minutes(-5));
    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 0, "a warning is not a failure:\n{}", transcript(&output));
    let text = stdout(&output);
    assert!(text.contains("! Clock\n    ! this machine's clock is 5m "), "{text}");
    assert!(text.contains(" ahead of the ACK API's"), "{text}");
    assert!(text.contains("✓ RAM permission to fetch kubeconfigs"), "{text}");
}

#[test]
fn a_ram_denial_names_the_action_to_grant() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web"]);
    sandbox.inject(Fault::forbidden().only("DescribeClusterUserKubeconfig"));
    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 1, "{}", transcript(&output));
    assert_report("forbidden", &env, &transcript(&output));
    assert_no_secrets(&output, &env);
}

#[cfg(unix)]
#[test]
fn a_world_readable_kubeconfig_and_a_stale_lock_are_both_reported() {
    use std::os::unix::fs::PermissionsExt;

    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web"]);
    let config = kubeconfig_path(&env);
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    let lock = env.path(".kube/config.lock");
    // A pid above any pid_max: the writer that left it is certainly gone.
    std::fs::write(&lock, "4294967294\n").unwrap();
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&lock).unwrap().set_modified(an_hour_ago).unwrap();

    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 1, "{}", transcript(&output));
    assert_report("readable_and_locked", &env, &transcript(&output));
    assert!(lock.exists(), "doctor removed the lock itself");
}

#[test]
fn an_expired_certificate_is_reported_and_refused_by_the_api_server() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    // Issued an hour ago, for 15 minutes: fetched then, by a kubectl-ack whose clock said so too (it
    // refuses certificates that are already expired).
    sandbox.rewind_clock(Duration::from_secs(3600));
    ok(demo_ack(&env, &sandbox).env("KUBECTL_ACK_TEST_CLOCK_OFFSET_SECONDS", "-3600").args([
        "get-credentials",
        "demo-web",
        "--temporary",
        "15m",
    ]));
    sandbox.advance_clock(Duration::from_secs(3600));
    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 1, "{}", transcript(&output));
    assert_report("certificate_expired", &env, &transcript(&output));
}

#[test]
fn a_long_term_certificate_in_its_renewal_window_is_a_warning() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    // ACK's long-term certificate lasts three years: one issued 2 years 9 months ago has about 90 days left.
    let age = Duration::from_secs((3 * 365 - 90) * 86_400);
    sandbox.rewind_clock(age);
    fetch(&env, &sandbox, &["demo-web"]);
    sandbox.advance_clock(age);
    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 0, "{}", transcript(&output));
    assert_report("certificate_renewal_window", &env, &transcript(&output));
}

#[test]
fn a_key_that_is_not_the_certificates_fails() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web"]);
    let other_key = rcgen::KeyPair::generate().unwrap().serialize_pem();
    edit_kubeconfig(&env, |config| first(config, "users")["client-key-data"] = b64(&other_key).into());
    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 1, "{}", transcript(&output));
    assert_report("key_mismatch", &env, &transcript(&output));
}

#[test]
fn a_ca_that_did_not_sign_the_server_certificate_fails_tls() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web"]);
    let stranger = TestCa::new("another-cluster");
    edit_kubeconfig(&env, |config| first(config, "clusters")["certificate-authority-data"] = b64(&stranger.pem).into());
    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 1, "{}", transcript(&output));
    assert_report("wrong_ca", &env, &transcript(&output));
}

#[test]
fn a_server_certificate_that_does_not_cover_the_address_fails_tls() {
    let sandbox = Sandbox::start();
    sandbox.add_cluster(Cluster::new(MOVED_SLB_CLUSTER_ID, "moved-slb", DEMO_REGION).public_only().with_san_mismatch());
    let env = TestEnv::new();
    fetch(&env, &sandbox, &[MOVED_SLB_CLUSTER_ID]);
    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 1, "{}", transcript(&output));
    assert_report("san_mismatch", &env, &transcript(&output));
}

/// A loopback port that was free a moment ago.
fn unused_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn point_server_at(env: &TestEnv, server: &str) {
    edit_kubeconfig(env, |config| first(config, "clusters")["server"] = server.into());
}

#[test]
fn a_port_nobody_listens_on_is_refused() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web"]);
    let port = unused_port();
    point_server_at(&env, &format!("https://127.0.0.1:{port}"));
    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 1, "{}", transcript(&output));
    let text = transcript(&output).replace(&format!("127.0.0.1:{port}"), "127.0.0.1:[NOBODY]");
    assert_report("refused", &env, &text);
}

#[test]
fn a_private_address_that_never_answers_gets_the_vpc_advice() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web", "--private"]);
    // Accepts connections (the kernel does, into the backlog) and never says a word.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    point_server_at(&env, &format!("https://127.0.0.1:{port}"));
    let started = std::time::Instant::now();
    let output = run_doctor(&mut demo_ack(&env, &sandbox), "1s", &[]);
    assert!(started.elapsed() < Duration::from_secs(5), "the connect timeout was not honoured");
    assert_eq!(code(&output), 1, "{}", transcript(&output));
    let text = transcript(&output).replace(&format!("127.0.0.1:{port}"), "127.0.0.1:[SILENT]");
    assert_report("private_no_answer", &env, &text);
    drop(silent);
}

#[test]
fn a_context_named_after_its_cluster_is_recognised_without_provenance() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    fetch(&env, &sandbox, &["demo-web"]);
    edit_kubeconfig(&env, |config| {
        config["contexts"][0]["context"].as_object_mut().unwrap().remove("extensions");
    });
    let output = doctor_with(&mut demo_ack(&env, &sandbox), &["-o", "json"]);
    assert_eq!(code(&output), 0, "{}", transcript(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["cluster"]["identifiedBy"], "name");
    assert_eq!(report["cluster"]["id"], DEMO_WEB_CLUSTER_ID);
    assert_eq!(report["checks"][2]["status"], "pass", "the permission check ran with the ID from the name");
}

#[test]
fn a_context_that_is_not_acks_skips_the_cloud_checks_and_calls_nothing() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let ca = TestCa::new("kind");
    let client = ca.client(
        "kind-admin",
        &["system:masters"],
        time::OffsetDateTime::now_utc(),
        time::OffsetDateTime::now_utc() + time::Duration::days(30),
    );
    let spec = ContextSpec { name: "kind", server: "https://127.0.0.1:1", ca_pem: &ca.pem, client: &client };
    env.write(".kube/config", &kubeconfig(&[spec], "kind"));
    let output = doctor_with(&mut demo_ack(&env, &sandbox), &["-o", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["cluster"], Value::Null);
    for check in &report["checks"].as_array().unwrap()[..3] {
        assert_eq!(check["status"], "skip", "{check}");
        assert!(check["findings"][0]["message"].as_str().unwrap().contains("not an ACK cluster's"), "{check}");
    }
    assert!(sandbox.requests().is_empty(), "doctor called the cloud for a context that is not ACK's");
}

#[test]
fn no_kubeconfig_at_all_is_a_failed_kubeconfig_check_with_the_way_forward() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let output = doctor(&mut demo_ack(&env, &sandbox));
    assert_eq!(code(&output), 1, "{}", transcript(&output));
    let text = stdout(&output);
    assert!(text.contains("✗ Kubeconfig files"), "{text}");
    assert!(text.contains("kubectl ack get-credentials CLUSTER"), "{text}");
    assert!(!Path::new(&kubeconfig_path(&env)).exists(), "doctor created a kubeconfig");
}
