//! `kubectl ack prune` end to end: three ACK clusters and a rich kubeconfig of the user's own; one cluster
//! gone, one context's certificate expired. The real binary, the sandbox and the real kubectl.
//!
//! A cluster goes away as in ACK: the sandbox deletes it after its kubeconfig was fetched, and answers
//! `ErrorClusterNotFound` for it from then on, while its API servers keep serving the other contexts.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use ack_sandbox::*;
use common::*;
use serde_json::Value;

const DOOMED: &str = "c00000000000000000000000000d00e3d";

struct World {
    /// The cloud: the doomed cluster was deleted after its kubeconfig was fetched.
    sandbox: Sandbox,
    env: TestEnv,
}

impl World {
    /// `~/.kube/config`: the rich fixture, then demo-web, demo-batch and the doomed cluster (current), and
    /// `expired-web`, a 15-minute certificate of demo-web fetched an hour ago.
    fn new() -> World {
        let issuer = Sandbox::start();
        issuer.add_cluster(Cluster::new(DOOMED.to_string(), "doomed", DEMO_REGION).public_only());
        let env = TestEnv::new();
        env.write(".kube/config", include_str!("fixtures/rich-kubeconfig.yaml"));
        issuer.rewind_clock(Duration::from_secs(3600));
        ok(demo_ack(&env, &issuer).env("KUBECTL_ACK_TEST_CLOCK_OFFSET_SECONDS", "-3600").args([
            "get-credentials",
            "demo-web",
            "--temporary",
            "15m",
            "--context",
            "expired-web",
            "--no-set-current",
        ]));
        issuer.advance_clock(Duration::from_secs(3600));
        for cluster in [DEMO_WEB_CLUSTER_ID, DEMO_BATCH_CLUSTER_ID, DOOMED] {
            ok(demo_ack(&env, &issuer).args(["get-credentials", cluster]));
        }
        issuer.delete_cluster(DOOMED);
        World { sandbox: issuer, env }
    }

    fn config_path(&self) -> PathBuf {
        self.env.path(".kube/config")
    }

    fn config(&self) -> Value {
        serde_saphyr::from_str(&std::fs::read_to_string(self.config_path()).unwrap()).unwrap()
    }

    fn prune(&self, args: &[&str]) -> Output {
        run(demo_ack(&self.env, &self.sandbox).arg("prune").args(args).stdin(Stdio::null()))
    }

    fn namespaces(&self, context: &str) -> Output {
        run(kubectl_in(&self.env).args(["--context", context, "get", "namespaces", "-o", "name"]))
    }
}

fn names(config: &Value, section: &str) -> Vec<String> {
    config[section]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_dry_run_names_the_plan_and_yes_removes_exactly_it_with_a_backup() {
    let world = World::new();
    let before_text = std::fs::read_to_string(world.config_path()).unwrap();
    let before = world.config();
    assert_eq!(before["current-context"], "doomed");

    let dry = world.prune(&["--dry-run"]);
    assert_eq!(code(&dry), 0, "{}", stderr(&dry));
    let plan = stdout(&dry);
    assert!(plan.contains("doomed") && plan.contains("no longer exists (ErrorClusterNotFound)"), "{plan}");
    assert!(plan.contains("expired-web") && plan.contains("certificate expired"), "{plan}");
    assert!(stderr(&dry).contains("nothing was changed"), "{}", stderr(&dry));
    assert_eq!(std::fs::read_to_string(world.config_path()).unwrap(), before_text, "--dry-run changed the file");

    let refused = world.prune(&[]);
    assert_eq!(code(&refused), 1, "{}", stderr(&refused));
    assert!(stderr(&refused).contains("refusing to prune without confirmation"), "{}", stderr(&refused));
    assert_eq!(std::fs::read_to_string(world.config_path()).unwrap(), before_text, "a refusal changed the file");

    let pruned = world.prune(&["--yes"]);
    assert_eq!(code(&pruned), 0, "{}{}", stdout(&pruned), stderr(&pruned));
    let err = stderr(&pruned);
    assert!(err.contains("current-context \"doomed\" was pruned and is now unset"), "{err}");

    let after = world.config();
    let gone = |section: &str, name: &str| !names(&after, section).contains(&name.to_string());
    assert!(gone("contexts", "doomed") && gone("contexts", "expired-web"));
    assert!(gone("clusters", &format!("ack-{DOOMED}")), "the doomed cluster's entry stayed");
    assert!(names(&after, "users").iter().all(|user| !user.starts_with(&format!("ack-{DOOMED}-"))));
    assert_eq!(after["current-context"], "");
    // demo-web's cluster entry is still used by the demo-web context: it stays.
    assert!(!gone("clusters", &format!("ack-{DEMO_WEB_CLUSTER_ID}")));
    // Everything else is as it was, in value and order.
    for section in ["clusters", "contexts", "users"] {
        let kept: Vec<&Value> = after[section].as_array().unwrap().iter().collect();
        let expected: Vec<&Value> = before[section]
            .as_array()
            .unwrap()
            .iter()
            .filter(|entry| names(&after, section).contains(&entry["name"].as_str().unwrap().to_string()))
            .collect();
        assert_eq!(serde_json::to_string(&kept).unwrap(), serde_json::to_string(&expected).unwrap(), "{section}");
    }
    assert_eq!(after["preferences"], before["preferences"]);
    for context in ["demo-web", "demo-batch"] {
        let output = world.namespaces(context);
        assert_eq!(code(&output), 0, "{context}: {}", stderr(&output));
    }

    // The backup: beside the file, named so `ls` says what it is, 0600, the original byte for byte.
    let backups: Vec<PathBuf> = std::fs::read_dir(world.env.path(".kube"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().unwrap().to_string_lossy().starts_with("config.kubectl-ack-prune-"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(err.contains(&format!("{}", backups[0].file_name().unwrap().to_string_lossy())), "{err}");
    assert_eq!(mode(&backups[0]), 0o600);
    assert_eq!(std::fs::read_to_string(&backups[0]).unwrap(), before_text, "the backup is not the original");
    std::fs::copy(&backups[0], world.config_path()).unwrap();
    assert_eq!(world.config()["current-context"], "doomed", "restoring the backup gives the original back");

    // A second run finds the same plan again (the file was restored); --no-backup writes no copy.
    let again = world.prune(&["--yes", "--no-backup"]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    let files: Vec<String> = std::fs::read_dir(world.env.path(".kube"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("kubectl-ack-prune"))
        .collect();
    assert_eq!(files.len(), 1, "--no-backup wrote another copy: {files:?}");
}

#[test]
fn a_cluster_that_cannot_be_checked_is_kept_and_the_run_exits_1() {
    let world = World::new();
    world.sandbox.inject(Fault::forbidden().always().only("DescribeClusterDetail"));
    let before_text = std::fs::read_to_string(world.config_path()).unwrap();
    let output = world.prune(&["--yes", "-o", "json"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let kept: Vec<&str> = report["kept"].as_array().unwrap().iter().map(|k| k["context"].as_str().unwrap()).collect();
    assert!(kept.contains(&"doomed") && kept.contains(&"demo-web"), "{report:#}");
    assert!(report["kept"][0]["reason"].as_str().unwrap().contains("StatusForbidden"), "{report:#}");
    // The expired context needs no cloud check: it is pruned all the same.
    let pruned: Vec<&str> =
        report["contexts"].as_array().unwrap().iter().map(|c| c["context"].as_str().unwrap()).collect();
    assert_eq!(pruned, ["expired-web"], "{report:#}");
    let after = world.config();
    assert!(names(&after, "contexts").contains(&"doomed".to_string()), "an unchecked cluster was pruned");
    assert_ne!(std::fs::read_to_string(world.config_path()).unwrap(), before_text);
}

#[test]
fn entries_that_point_at_nothing_go_only_with_dangling() {
    let env = TestEnv::new();
    let sandbox = Sandbox::start();
    let text = "apiVersion: v1\nkind: Config\ncurrent-context: mine\nclusters:\n- name: kind\n  cluster: {server: 'https://127.0.0.1:1'}\n- name: orphan-cluster\n  cluster: {server: 'https://127.0.0.1:2'}\ncontexts:\n- name: mine\n  context: {cluster: kind, user: me}\n- name: broken\n  context: {cluster: gone-cluster, user: me}\nusers:\n- name: me\n  user: {token: t}\n- name: orphan-user\n  user: {token: t}\n";
    let file = env.write(".kube/config", text);
    let prune = |args: &[&str]| run(demo_ack(&env, &sandbox).arg("prune").args(args).stdin(Stdio::null()));

    let plain = prune(&["--yes"]);
    assert_eq!(code(&plain), 0, "{}", stderr(&plain));
    assert!(stderr(&plain).contains("Nothing to prune"), "{}", stderr(&plain));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "entries of other tools were touched without --dangling");
    assert!(sandbox.requests().is_empty(), "no ACK context: nothing to ask the cloud");

    let dangling = prune(&["--dangling", "--yes", "--no-backup"]);
    assert_eq!(code(&dangling), 0, "{}", stderr(&dangling));
    let after: Value = serde_saphyr::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(names(&after, "contexts"), ["mine"]);
    assert_eq!(names(&after, "clusters"), ["kind"]);
    assert_eq!(names(&after, "users"), ["me"]);
    assert_eq!(after["current-context"], "mine");
}

#[test]
fn an_entry_used_from_another_file_of_kubeconfig_is_not_unused() {
    let env = TestEnv::new();
    let sandbox = Sandbox::start();
    let clusters = env.write("kube/clusters", "apiVersion: v1\nkind: Config\nclusters:\n- name: shared\n  cluster: {server: 'https://127.0.0.1:1'}\nusers:\n- name: shared-user\n  user: {token: t}\n");
    let contexts_text = "apiVersion: v1\nkind: Config\ncontexts:\n- name: uses-shared\n  context: {cluster: shared, user: shared-user}\n";
    let contexts = env.write("kube/contexts", contexts_text);
    let list = std::env::join_paths([&contexts, &clusters]).unwrap();
    let mut command: Command = demo_ack(&env, &sandbox);
    let output = run(command.env("KUBECONFIG", &list).args(["prune", "--dangling", "--yes"]).stdin(Stdio::null()));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stderr(&output).contains("Nothing to prune"), "{}", stderr(&output));
    assert!(std::fs::read_to_string(&clusters).unwrap().contains("name: shared"));
    assert_eq!(std::fs::read_to_string(&contexts).unwrap(), contexts_text);
}
