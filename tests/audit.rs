//! `audit` through the real binary against the sandbox: several accounts fetch kubeconfigs (the
//! root account, RAM users, a RAM role's STS keys), one revokes its own, one certificate expires;
//! then the table, `-o json|yaml`, `--expiring-within`, the empty answer and the failures.

mod common;

use std::process::{Command, Output};

use ack_sandbox::*;
use common::*;
use serde_json::Value;

const ALICE: (&str, &str, &str) = ("LTAIaliceKey000000000001", "alice-secret-not-real-0001", "203000000000001");
const BOB: (&str, &str, &str) = ("LTAIbobKey00000000000001", "bob-secret-not-real-00001", "203000000000002");
const CAROL: (&str, &str, &str) = ("LTAIcarolKey000000000001", "carol-secret-not-real-001", "203000000000003");
const ROLE: (&str, &str, &str) = ("STS.ciRoleKey0000000001", "role-secret-not-real-0001", "303000000000001");
const ROLE_TOKEN: &str = "CAISciRoleTokenNotReal0001";
/// How far the sandbox (and the binary's clock) move after everyone fetched: bob's 15m certificate expires.
const LATER_SECONDS: u64 = 3600;

/// The binary against the sandbox with these keys (and STS token).
fn as_account(env: &TestEnv, sandbox: &Sandbox, (id, secret, _): (&str, &str, &str), token: Option<&str>) -> Command {
    let mut command = sandbox_command(env, sandbox);
    command.env("ALIBABA_CLOUD_ACCESS_KEY_ID", id).env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret);
    if let Some(token) = token {
        command.env("ALIBABA_CLOUD_SECURITY_TOKEN", token);
    }
    command
}

/// The demo (root) account, an hour after everyone fetched.
fn auditor(env: &TestEnv, sandbox: &Sandbox) -> Command {
    let mut command = sandbox_command(env, sandbox);
    with_demo_keys(&mut command).env("KUBECTL_ACK_TEST_CLOCK_OFFSET_SECONDS", LATER_SECONDS.to_string());
    command
}

/// demo-web after a busy day: the root account holds the long-term kubeconfig, alice a 3h one, bob a 15m
/// one (expired by now), the CI role a 3d one; carol fetched one and revoked it.
fn busy_cluster() -> (Sandbox, TestEnv) {
    let sandbox = Sandbox::start();
    for ((id, secret, uid), name) in [(ALICE, "alice"), (BOB, "bob"), (CAROL, "carol")] {
        sandbox.add_account(Account::new(id, secret, uid).named(name));
    }
    let (id, secret, uid) = ROLE;
    sandbox.add_account(Account::new(id, secret, uid).named("ci-deployer").with_security_token(ROLE_TOKEN));
    let env = TestEnv::new();
    let fetch = |account, token, temporary: Option<&str>| {
        let mut command = as_account(&env, &sandbox, account, token);
        command.args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--print"]);
        if let Some(temporary) = temporary {
            command.args(["--temporary", temporary]);
        }
        ok(&mut command);
    };
    ok(with_demo_keys(&mut sandbox_command(&env, &sandbox)).args(["get-credentials", "demo-web", "--print"]));
    fetch(ALICE, None, Some("3h"));
    fetch(BOB, None, Some("15m"));
    fetch(ROLE, Some(ROLE_TOKEN), Some("3d"));
    fetch(CAROL, None, None);
    ok(as_account(&env, &sandbox, CAROL, None).args(["revoke", "demo-web", "--yes"]));
    sandbox.advance_clock(std::time::Duration::from_secs(LATER_SECONDS));
    (sandbox, env)
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| panic!("{error}: {}", stdout(output)))
}

fn account_names(report: &Value) -> Vec<&str> {
    report["kubeconfigs"].as_array().unwrap().iter().map(|entry| entry["accountName"].as_str().unwrap()).collect()
}

fn table_settings(env: &TestEnv) -> insta::Settings {
    let mut settings = snapshot_settings(env);
    // Column widths follow the durations; compare the cells, not the padding.
    settings.add_filter(r" {2,}", "  ");
    settings
}

#[test]
fn the_table_lists_every_holder_soonest_expiry_first() {
    let (sandbox, env) = busy_cluster();
    let output = ok(auditor(&env, &sandbox).args(["audit", "demo-web"]));
    assert_eq!(stderr(&output), "");
    table_settings(&env).bind(|| {
        insta::assert_snapshot!(stdout(&output), @r"
        ACCOUNT  ACCOUNT ID  TYPE  STATE  CERTIFICATE  EXPIRES  LEFT  REVOKABLE
        bob  203000000000002  RamUser  Active  Expired  [TIME]  expired [DURATION] ago  yes
        alice  203000000000001  RamUser  Active  Unexpired  [TIME]  [DURATION]  yes
        ci-deployer  303000000000001  RamRole  Active  Unexpired  [TIME]  [DURATION]  yes
        sandbox-demo  272899990000001  RootAccount  Active  Unexpired  [TIME]  [DURATION]  yes
        ")
    });
}

#[test]
fn json_and_yaml_carry_the_same_documented_report() {
    let (sandbox, env) = busy_cluster();
    let output = ok(auditor(&env, &sandbox).args(["audit", DEMO_WEB_CLUSTER_ID, "-o", "json"]));
    let report = json(&output);
    assert_eq!(report["clusterId"], DEMO_WEB_CLUSTER_ID);
    assert_eq!(report["clusterName"], "demo-web", "the name is looked up when an ID is given");
    assert_eq!(report["expiringWithinSeconds"], Value::Null);
    assert_eq!(account_names(&report), ["bob", "alice", "ci-deployer", "sandbox-demo"], "carol revoked hers");

    let alice = &report["kubeconfigs"][1];
    let keys: Vec<&str> = alice.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "accountId",
            "accountName",
            "accountDisplayName",
            "accountType",
            "accountState",
            "certificateState",
            "notAfter",
            "secondsLeft",
            "revokable"
        ]
    );
    assert_eq!(alice["accountId"], ALICE.2);
    assert_eq!(alice["accountType"], "RamUser");
    assert_eq!(alice["certificateState"], "Unexpired");
    assert_eq!(alice["revokable"], true);
    // A 3h certificate, an hour later.
    let left = alice["secondsLeft"].as_i64().unwrap();
    assert!((2 * 3600 - 120..=2 * 3600).contains(&left), "alice has {left}s left");
    let bob = &report["kubeconfigs"][0];
    assert_eq!(bob["certificateState"], "Expired");
    assert!(bob["secondsLeft"].as_i64().unwrap() <= -2700, "a 15m certificate, an hour later: {bob}");
    assert!(bob["notAfter"].as_str().unwrap().ends_with('Z'));
    assert_eq!(report["kubeconfigs"][3]["accountType"], "RootAccount");

    let yaml = ok(auditor(&env, &sandbox).args(["audit", "demo-web", "-o", "yaml"]));
    let from_yaml: Value = serde_saphyr::from_str(&stdout(&yaml)).unwrap();
    assert_eq!(without_the_clock(from_yaml), without_the_clock(report), "YAML and JSON differ");
}

/// A report without what depends on the second it ran in.
fn without_the_clock(mut report: Value) -> Value {
    report.as_object_mut().unwrap().remove("checkedAt");
    for entry in report["kubeconfigs"].as_array_mut().unwrap() {
        entry.as_object_mut().unwrap().remove("secondsLeft");
    }
    report
}

#[test]
fn expiring_within_keeps_the_expired_and_the_soon_expiring() {
    let (sandbox, env) = busy_cluster();
    // An expired certificate is kept by any window.
    let second =
        json(&ok(auditor(&env, &sandbox).args(["audit", "demo-web", "--expiring-within", "1s", "-o", "json"])));
    assert_eq!(account_names(&second), ["bob"]);
    let narrow =
        json(&ok(auditor(&env, &sandbox).args(["audit", "demo-web", "--expiring-within", "30m", "-o", "json"])));
    assert_eq!(account_names(&narrow), ["bob"]);
    assert_eq!(narrow["expiringWithinSeconds"], 1800);
    let wider = json(&ok(auditor(&env, &sandbox).args(["audit", "demo-web", "--expiring-within", "1d", "-o", "json"])));
    assert_eq!(account_names(&wider), ["bob", "alice"]);
    let year =
        json(&ok(auditor(&env, &sandbox).args(["audit", "demo-web", "--expiring-within", "365d", "-o", "json"])));
    assert_eq!(account_names(&year), ["bob", "alice", "ci-deployer"], "the root's 3-year certificate is not due");
}

#[test]
fn nobody_holding_a_kubeconfig_is_one_clear_line_and_success() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let demo = || {
        let mut command = sandbox_command(&env, &sandbox);
        with_demo_keys(&mut command);
        command
    };
    let output = ok(demo().args(["audit", "demo-batch"]));
    assert_eq!(stdout(&output), "");
    insta::assert_snapshot!(stderr(&output), @"No account holds a kubeconfig for cluster demo-batch (c9f8e7d6…).");
    let empty = json(&ok(demo().args(["audit", "demo-batch", "-o", "json"])));
    assert_eq!(empty["kubeconfigs"], serde_json::json!([]));

    // Only a 3-year certificate: nothing is due within 30 days.
    ok(demo().args(["get-credentials", DEMO_BATCH_CLUSTER_ID, "--print"]));
    let filtered = ok(demo().args(["audit", DEMO_BATCH_CLUSTER_ID, "--expiring-within", "30d"]));
    assert_eq!(stdout(&filtered), "");
    insta::assert_snapshot!(
        stderr(&filtered),
        @"No kubeconfig of cluster demo-batch (c9f8e7d6…) is expired or expires within 30d."
    );
}

/// Request IDs change from run to run.
fn error_settings(env: &TestEnv) -> insta::Settings {
    let mut settings = snapshot_settings(env);
    settings.add_filter(r"request id [0-9A-Za-z-]+", "request id [ID]");
    settings
}

#[test]
fn an_unknown_cluster_is_an_error_with_a_hint() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let by_name = run(with_demo_keys(&mut sandbox_command(&env, &sandbox)).args(["audit", "no-such-cluster"]));
    assert_eq!(code(&by_name), 1);
    assert_eq!(stdout(&by_name), "");
    error_settings(&env).bind(|| {
        insta::assert_snapshot!(stderr(&by_name), @r#"
        error: no cluster named "no-such-cluster" in region cn-hangzhou
          hint: list the clusters with `kubectl ack clusters`, pass the cluster ID, or choose --region
        "#)
    });
    let unknown_id = "c00000000000000000000000000000000";
    let by_id = run(with_demo_keys(&mut sandbox_command(&env, &sandbox)).args(["audit", unknown_id]));
    assert_eq!(code(&by_id), 1);
    error_settings(&env).bind(|| {
        insta::assert_snapshot!(stderr(&by_id), @r"
        error: the ACK API refused ListClusterKubeconfigStates: ErrorClusterNotFound: The specified cluster c00000000000000000000000000000000 does not exist. (request id [ID])
          hint: check the cluster ID and --region (`kubectl ack clusters` lists the clusters this identity can see)
        ")
    });
}

#[test]
fn a_ram_denial_names_the_missing_permission() {
    let sandbox = Sandbox::start();
    let (id, secret, uid) = ALICE;
    sandbox.add_account(Account::new(id, secret, uid).named("alice").denying("ram:ListUsers"));
    let env = TestEnv::new();
    let denied = run(as_account(&env, &sandbox, ALICE, None).args(["audit", DEMO_WEB_CLUSTER_ID]));
    assert_eq!(code(&denied), 1);
    assert_eq!(stdout(&denied), "");
    let err = stderr(&denied);
    assert_eq!(err.lines().filter(|line| line.starts_with("error:")).count(), 1, "{err}");
    error_settings(&env).bind(|| {
        insta::assert_snapshot!(err, @r"
        error: the ACK API refused ListClusterKubeconfigStates: StatusForbidden: RAM policy Forbidden for action ram:ListUsers (request id [ID])
          hint: grant the RAM action ram:ListUsers to this identity (ListClusterKubeconfigStates also needs ram:ListRoles)
        ")
    });

    sandbox.add_account(
        Account::new("LTAInoStatesKey000000001", "no-states-secret", "203000000000009")
            .denying("cs:ListClusterKubeconfigStates"),
    );
    let no_states = run(sandbox_command(&env, &sandbox)
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAInoStatesKey000000001")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "no-states-secret")
        .args(["audit", DEMO_WEB_CLUSTER_ID]));
    assert_eq!(code(&no_states), 1);
    let hint = stderr(&no_states).lines().find(|line| line.starts_with("  hint: ")).unwrap_or_default().to_string();
    assert_eq!(
        hint,
        "  hint: grant the RAM action cs:ListClusterKubeconfigStates to this identity \
         (ListClusterKubeconfigStates also needs ram:ListUsers and ram:ListRoles)"
    );
}

#[test]
fn verbose_shows_the_requests_and_never_a_secret() {
    let (sandbox, env) = busy_cluster();
    let output = ok(auditor(&env, &sandbox).args(["-v", "audit", "demo-web", "-o", "json"]));
    let err = stderr(&output);
    assert!(err.contains("kubeconfig/states"), "{err}");
    let everything = format!("{}{err}", stdout(&output));
    for secret in [DEMO_ACCESS_KEY_SECRET, ALICE.1, BOB.1, CAROL.1, ROLE.1, ROLE_TOKEN] {
        assert!(!everything.contains(secret), "a secret was printed:\n{everything}");
    }
}
