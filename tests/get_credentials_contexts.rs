//! Several contexts of one cluster (issue 13, item 1): every context owns its user entry, so fetching the
//! same cluster under another context name, in another mode or with another lifetime never changes the
//! credentials of a context that exists; re-running for the same context updates it in place; and
//! kubeconfigs of earlier versions, whose contexts shared one user entry, are split on the next fetch.
//! The real binary, the sandbox and the real kubectl.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ack_sandbox::*;
use common::*;
use serde_json::Value;

/// A HOME with the plugin on PATH (for the exec context) and the sandbox.
struct World {
    sandbox: Sandbox,
    env: TestEnv,
    bin: PathBuf,
}

impl World {
    fn new() -> World {
        let env = TestEnv::new();
        let bin = install_plugin(&env);
        World { sandbox: Sandbox::start(), env, bin }
    }

    fn ack(&self) -> Command {
        demo_ack(&self.env, &self.sandbox)
    }

    fn config_path(&self) -> PathBuf {
        self.env.path(".kube/config")
    }

    fn config(&self) -> Value {
        kubeconfig_of(&self.config_path())
    }

    /// `kubectl get namespaces` with a context, the exec plugin reachable.
    fn namespaces(&self, context: &str) -> Output {
        let path = path_with_plugin(&self.bin);
        let mut command = sandbox_command(&self.env, &self.sandbox);
        with_demo_keys(&mut command);
        let mut kubectl = Command::new(kubectl());
        kubectl.env_clear();
        for (key, value) in command.get_envs() {
            if let Some(value) = value {
                kubectl.env(key, value);
            }
        }
        run(kubectl.env("PATH", path).args(["--context", context, "get", "namespaces", "-o", "name"]))
    }

    fn seconds_left(&self, context: &str) -> i64 {
        let output = ok(self.env.command().args(["expiry", "--context", context, "-o", "json"]));
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        report["contexts"][0]["secondsLeft"].as_i64().expect("a certificate")
    }
}

fn kubeconfig_of(path: &Path) -> Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).expect("the kubeconfig is valid YAML")
}

fn entry<'a>(config: &'a Value, section: &str, name: &str) -> &'a Value {
    config[section].as_array().unwrap().iter().find(|entry| entry["name"] == name).unwrap_or_else(|| {
        panic!("no {section} entry {name} in {config:#}");
    })
}

fn user_of(config: &Value, context: &str) -> String {
    entry(config, "contexts", context)["context"]["user"].as_str().unwrap().to_string()
}

/// A user entry as text, so that any change to it (even of key order) is seen.
fn user_entry_text(config: &Value, context: &str) -> String {
    serde_json::to_string(entry(config, "users", &user_of(config, context))).unwrap()
}

fn assert_lists_namespaces(world: &World, context: &str) {
    let output = world.namespaces(context);
    assert_eq!(code(&output), 0, "kubectl --context {context} failed: {}", stderr(&output));
    assert!(stdout(&output).contains("namespace/kube-system"), "{}", stdout(&output));
}

const THREE_YEARS: i64 = 3 * 365 * 86_400;

#[test]
fn a_second_context_for_the_same_cluster_never_changes_the_first_contexts_credentials() {
    let world = World::new();
    ok(world.ack().args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--context", "prod"]));
    let prod_user = user_entry_text(&world.config(), "prod");
    assert!(world.seconds_left("prod") > THREE_YEARS - 86_400, "prod holds ACK's long-term certificate");

    ok(world.ack().args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--temporary", "15m", "--context", "prod-tmp"]));
    ok(world.ack().args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--exec", "--context", "ex"]));

    let config = world.config();
    assert_eq!(user_entry_text(&config, "prod"), prod_user, "prod's credentials were changed by another context");
    assert!(world.seconds_left("prod") > THREE_YEARS - 86_400, "prod lost its 3-year certificate");
    assert!(world.seconds_left("prod-tmp") <= 15 * 60, "prod-tmp is the 15-minute one");
    let users: Vec<String> = ["prod", "prod-tmp", "ex"].iter().map(|context| user_of(&config, context)).collect();
    assert_eq!(users.len(), 3);
    assert!(users[0] != users[1] && users[1] != users[2] && users[0] != users[2], "shared user entries: {users:?}");
    assert!(entry(&config, "users", &users[2])["user"].get("exec").is_some(), "ex is an exec user");
    assert!(entry(&config, "users", &users[0])["user"].get("exec").is_none(), "prod became an exec user");
    let clusters: Vec<&str> =
        config["clusters"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(clusters, [format!("ack-{DEMO_WEB_CLUSTER_ID}")], "one cluster, one cluster entry");
    for context in ["prod", "prod-tmp", "ex"] {
        assert_lists_namespaces(&world, context);
    }

    // rotate sees three healthy contexts, and blames no hand edit.
    let rotate = ok(world.ack().args(["rotate", "--dry-run", "-o", "json"]));
    let report: Value = serde_json::from_slice(&rotate.stdout).unwrap();
    for row in report["contexts"].as_array().unwrap() {
        let reason = row["reason"].as_str().unwrap();
        assert!(!reason.contains("by hand"), "{}: {reason}", row["context"]);
    }

    // Re-running with the same context name updates that context in place, and only it.
    let before = world.config();
    ok(world.ack().args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--temporary", "30m", "--context", "prod-tmp"]));
    let after = world.config();
    assert_eq!(user_of(&after, "prod-tmp"), user_of(&before, "prod-tmp"), "the entry was renamed");
    assert_ne!(user_entry_text(&after, "prod-tmp"), user_entry_text(&before, "prod-tmp"), "not updated");
    for context in ["prod", "ex"] {
        assert_eq!(user_entry_text(&after, context), user_entry_text(&before, context), "{context} changed");
    }
    assert_eq!(after["users"].as_array().unwrap().len(), 3, "re-running added a user entry");
    assert!(world.seconds_left("prod-tmp") > 15 * 60, "prod-tmp now holds the 30-minute certificate");
}

#[test]
fn contexts_that_share_a_user_entry_from_an_earlier_version_are_split_on_the_next_fetch() {
    let world = World::new();
    ok(world.ack().args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--context", "prod"]));
    // What an earlier version wrote for a second `--context prod-tmp`: the same user entry for both.
    let mut config = world.config();
    let mut twin = entry(&config, "contexts", "prod").clone();
    twin["name"] = Value::from("prod-tmp");
    config["contexts"].as_array_mut().unwrap().push(twin);
    std::fs::write(world.config_path(), serde_saphyr::to_string(&config).unwrap()).unwrap();
    let shared = user_of(&world.config(), "prod");
    assert_eq!(user_of(&world.config(), "prod-tmp"), shared);
    let prod_user = user_entry_text(&world.config(), "prod");
    for context in ["prod", "prod-tmp"] {
        assert_lists_namespaces(&world, context);
    }

    ok(world.ack().args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--temporary", "15m", "--context", "prod-tmp"]));
    let config = world.config();
    assert_eq!(user_of(&config, "prod"), shared, "prod keeps the entry it had");
    assert_eq!(user_entry_text(&config, "prod"), prod_user, "prod's credentials changed");
    assert_ne!(user_of(&config, "prod-tmp"), shared, "prod-tmp still shares prod's user");
    assert!(world.seconds_left("prod") > THREE_YEARS - 86_400);
    assert!(world.seconds_left("prod-tmp") <= 15 * 60);
    for context in ["prod", "prod-tmp"] {
        assert_lists_namespaces(&world, context);
    }
}

#[test]
fn an_insecure_fetch_under_another_context_leaves_tls_on_for_the_first() {
    let world = World::new();
    ok(world.ack().args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--context", "prod"]));
    ok(world.ack().args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--context", "lab", "--insecure-skip-tls-verify"]));
    let config = world.config();
    let cluster_of = |context: &str| entry(&config, "contexts", context)["context"]["cluster"].as_str().unwrap();
    let prod_cluster = &entry(&config, "clusters", cluster_of("prod"))["cluster"];
    assert!(prod_cluster.get("certificate-authority-data").is_some(), "prod lost its CA");
    assert!(prod_cluster.get("insecure-skip-tls-verify").is_none(), "prod no longer verifies TLS");
    let lab_cluster = &entry(&config, "clusters", cluster_of("lab"))["cluster"];
    assert_eq!(lab_cluster["insecure-skip-tls-verify"], true);
    for context in ["prod", "lab"] {
        assert_lists_namespaces(&world, context);
    }
}
