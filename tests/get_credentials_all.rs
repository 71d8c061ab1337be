//! `get-credentials --all` against 200 sandbox clusters: bounded concurrency, one locked write,
//! failures reported while the rest is written, clusters that are not running skipped.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use ack_sandbox::*;
use common::*;
use serde_json::Value;

#[test]
fn two_hundred_clusters_with_five_failing_are_written_in_one_go_and_every_context_works() {
    let sandbox = Sandbox::start_with(SandboxConfig::empty().with_account(Account::demo()));
    for index in 0..195 {
        sandbox.add_cluster(Cluster::random(format!("fleet-{index:03}"), DEMO_REGION).public_only());
    }
    // No public address: fetching their public credentials fails, as it does on ACK.
    for index in 0..5 {
        sandbox.add_cluster(Cluster::random(format!("vpc-only-{index}"), DEMO_REGION).intranet_only());
    }
    sandbox.add_cluster(Cluster::random("being-upgraded", DEMO_REGION).public_only().with_state("upgrading"));
    sandbox.inject(Fault::latency(Duration::from_millis(100)).always().only("DescribeClusterUserKubeconfig"));

    let env = TestEnv::new();
    let output = demo_ack(&env, &sandbox).args(["get-credentials", "--all", "--concurrency", "16"]).output().unwrap();
    let err = stderr(&output);
    assert_eq!(code(&output), 1, "five clusters failed, so the exit status is 1:\n{err}");
    assert_eq!(sandbox.request_count("DescribeClusterUserKubeconfig"), 200, "one fetch per running cluster");
    assert!(err.contains("skipped being-upgraded"), "{err}");
    assert_eq!(err.lines().filter(|line| line.starts_with("failed: vpc-only-")).count(), 5, "{err}");
    assert!(err.contains("195 of 200 clusters written, 1 skipped (not running)."), "{err}");

    let config: Value = serde_saphyr::from_str(&std::fs::read_to_string(env.path(".kube/config")).unwrap()).unwrap();
    let contexts: Vec<String> =
        config["contexts"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(contexts.len(), 195);
    assert_eq!(config["current-context"], "", "--all leaves current-context alone");

    // Every context works with the real kubectl (eight at a time).
    for batch in contexts.chunks(8) {
        let children: Vec<_> = batch
            .iter()
            .map(|context| {
                let mut kubectl = Command::new(kubectl());
                scrub(&mut kubectl, env.home());
                kubectl
                    .args(["--context", context, "get", "namespace", "kube-system", "-o", "name"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for (context, child) in batch.iter().zip(children) {
            let result = child.wait_with_output().unwrap();
            assert_eq!(code(&result), 0, "{context}: {}", stderr(&result));
        }
    }
}

#[test]
fn all_with_exec_writes_exec_users_and_a_second_run_updates_in_place() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let first =
        demo_ack(&env, &sandbox).args(["get-credentials", "--all", "--exec", "--temporary", "1h"]).output().unwrap();
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let again =
        demo_ack(&env, &sandbox).args(["get-credentials", "--all", "--exec", "--temporary", "1h"]).output().unwrap();
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    let text = std::fs::read_to_string(env.path(".kube/config")).unwrap();
    assert!(!text.contains("client-key-data"), "{text}");
    let config: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(config["contexts"].as_array().unwrap().len(), 2, "re-running duplicated entries");
    assert_eq!(config["users"][0]["user"]["exec"]["command"], "kubectl-ack");
}

#[test]
fn all_refuses_a_cluster_argument_and_bounds_the_concurrency() {
    let env = TestEnv::new();
    for args in [
        vec!["get-credentials", "--all", "demo-web"],
        vec!["get-credentials", "--all", "--concurrency", "0"],
        vec!["get-credentials"],
    ] {
        let output = env.run(&args);
        assert_eq!(code(&output), 2, "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn progress_is_drawn_on_a_terminal_only() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    // `script` (util-linux, in every Debian) runs the command on a pseudo-terminal.
    let mut on_terminal = demo_ack(&env, &sandbox);
    let line = format!("{BINARY} get-credentials --all");
    let output = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_clear()
        .envs(on_terminal.get_envs().filter_map(|(key, value)| value.map(|value| (key.to_owned(), value.to_owned()))))
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("script (util-linux) runs the command on a pseudo-terminal");
    let shown = stdout(&output);
    assert!(shown.contains("fetching kubeconfigs: 2/2"), "{shown}");
    assert!(shown.contains("2 of 2 clusters written."), "{shown}");

    let piped = on_terminal.args(["get-credentials", "--all"]).output().unwrap();
    assert_eq!(code(&piped), 0, "{}", stderr(&piped));
    assert!(!stderr(&piped).contains("fetching kubeconfigs"), "progress drawn into a pipe:\n{}", stderr(&piped));
}

/// Issue 13, item 9: `prod` in two regions and `twin` twice in one region all get contexts of their own,
/// deterministically; failures carry the full cluster ID; `-o json` reports what was written and failed.
#[test]
fn clusters_that_share_a_name_each_get_a_context_and_json_reports_the_fleet() {
    let sandbox = Sandbox::start_with(SandboxConfig::empty().with_account(Account::demo()));
    let hangzhou = random_cluster_id();
    let beijing = random_cluster_id();
    sandbox.add_cluster(Cluster::new(hangzhou.clone(), "prod", DEMO_REGION).public_only());
    sandbox.add_cluster(Cluster::new(beijing.clone(), "prod", "cn-beijing").public_only());
    let twins = ["c1000000000000000000000000000000a", "c2000000000000000000000000000000b"];
    for twin in twins {
        sandbox.add_cluster(Cluster::new(twin.to_string(), "twin", DEMO_REGION).public_only());
    }
    let broken = random_cluster_id();
    sandbox.add_cluster(Cluster::new(broken.clone(), "vpc-only", DEMO_REGION).intranet_only());

    let env = TestEnv::new();
    let output = run(demo_ack(&env, &sandbox).args(["get-credentials", "--all", "--all-regions"]));
    let err = stderr(&output);
    assert_eq!(code(&output), 1, "the vpc-only cluster fails:\n{err}");
    assert!(err.contains(&format!("failed: vpc-only ({broken}):")), "a failure line must carry the full ID:\n{err}");
    let config: Value = serde_saphyr::from_str(&std::fs::read_to_string(env.path(".kube/config")).unwrap()).unwrap();
    let mut contexts: Vec<&str> =
        config["contexts"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    contexts.sort();
    assert_eq!(contexts, ["prod-cn-beijing", "prod-cn-hangzhou", "twin-c1000000", "twin-c2000000"]);

    let json = run(demo_ack(&env, &sandbox).args(["get-credentials", "--all", "--all-regions", "-o", "json"]));
    assert_eq!(code(&json), 1);
    let report: Value = serde_json::from_slice(&json.stdout).expect("the report is JSON");
    assert_eq!(report["written"].as_array().unwrap().len(), 4, "{report:#}");
    assert_eq!(report["failed"][0]["clusterId"], broken.as_str());
    assert!(report["failed"][0]["error"].as_str().unwrap().contains("ErrorEndpointNotFound"), "{report:#}");
    let written: Vec<&str> =
        report["written"].as_array().unwrap().iter().map(|w| w["context"].as_str().unwrap()).collect();
    assert!(written.contains(&"prod-cn-beijing") && written.contains(&"prod-cn-hangzhou"), "{written:?}");
    // A second run writes the same names: nothing new appears.
    let config: Value = serde_saphyr::from_str(&std::fs::read_to_string(env.path(".kube/config")).unwrap()).unwrap();
    assert_eq!(config["contexts"].as_array().unwrap().len(), 4);
}
