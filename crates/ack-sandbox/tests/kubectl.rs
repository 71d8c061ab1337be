//! The real kubectl against the fake API servers, with kubeconfigs the fake ACK issued.
//! kubectl must be on PATH: these tests fail (never skip) without it.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use common::*;

/// Runs kubectl with a clean environment: a temporary HOME (its discovery cache), no proxies.
fn kubectl(home: &Path, kubeconfig: &Path, args: &[&str]) -> Output {
    let mut command = Command::new("kubectl");
    command.arg("--kubeconfig").arg(kubeconfig).args(args).args(["--request-timeout", "20s"]);
    command.env_clear().env("HOME", home).env("PATH", std::env::var_os("PATH").unwrap_or_default());
    command.output().unwrap_or_else(|error| {
        panic!("kubectl must be on PATH for the sandbox's end-to-end tests (install kubectl): {error}")
    })
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

struct Workspace {
    home: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        Workspace { home: tempfile::tempdir().unwrap() }
    }

    fn write_kubeconfig(&self, name: &str, config: &str) -> std::path::PathBuf {
        let path = self.home.path().join(name);
        std::fs::write(&path, config).unwrap();
        path
    }

    fn kubectl(&self, kubeconfig: &Path, args: &[&str]) -> Output {
        kubectl(self.home.path(), kubeconfig, args)
    }
}

fn assert_unauthorized(output: &Output) {
    assert!(!output.status.success(), "kubectl should fail: {}", stdout(output));
    let message = stderr(output);
    assert!(message.contains("You must be logged in to the server") || message.contains("Unauthorized"), "{message}");
}

#[test]
fn kubectl_is_on_path() {
    let output = Command::new("kubectl").args(["version", "--client"]).output();
    let output = output.expect("kubectl must be on PATH for the sandbox's end-to-end tests");
    assert!(output.status.success(), "{}", stderr(&output));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kubectl_lists_the_four_namespaces_and_knows_who_it_is() {
    let sandbox = Sandbox::start();
    let (config, _) = fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[]).await;
    let workspace = Workspace::new();
    let file = workspace.write_kubeconfig("config", &config);

    let output = workspace.kubectl(&file, &["get", "namespaces"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let listing = stdout(&output);
    for namespace in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        assert!(listing.lines().any(|line| line.starts_with(namespace) && line.contains("Active")), "{listing}");
    }

    let whoami = workspace.kubectl(&file, &["auth", "whoami", "-o", "json"]);
    assert!(whoami.status.success(), "{}", stderr(&whoami));
    let review: serde_json::Value = serde_json::from_slice(&whoami.stdout).unwrap();
    let username = review["status"]["userInfo"]["username"].as_str().unwrap();
    assert!(username.starts_with(&format!("{DEMO_UID}-")), "{username}");
    assert!(username[DEMO_UID.len() + 1..].parse::<i64>().is_ok(), "{username}");
    assert!(review["status"]["userInfo"]["groups"].as_array().unwrap().iter().any(|group| group == "system:users"));

    let single = workspace.kubectl(&file, &["get", "namespace", "kube-system", "-o", "json"]);
    assert!(single.status.success(), "{}", stderr(&single));
    let missing = workspace.kubectl(&file, &["get", "namespace", "nope"]);
    assert!(stderr(&missing).contains("not found"), "{}", stderr(&missing));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kubectl_reaches_the_intranet_endpoint_too() {
    let sandbox = Sandbox::start();
    let (config, _) = fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[("PrivateIpAddress", "true")]).await;
    assert_eq!(kubeconfig_server(&config), sandbox.cluster_endpoints(DEMO_WEB_CLUSTER_ID).unwrap().intranet.unwrap());
    let workspace = Workspace::new();
    let file = workspace.write_kubeconfig("config", &config);
    let output = workspace.kubectl(&file, &["get", "namespaces", "-o", "name"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fifteen_minute_certificate_stops_working_when_the_clock_passes_it() {
    let sandbox = Sandbox::start();
    let (config, _) = fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[("TemporaryDurationMinutes", "15")]).await;
    let workspace = Workspace::new();
    let file = workspace.write_kubeconfig("config", &config);
    let before = workspace.kubectl(&file, &["get", "namespaces"]);
    assert!(before.status.success(), "{}", stderr(&before));
    sandbox.advance_clock(Duration::from_secs(16 * 60));
    assert_unauthorized(&workspace.kubectl(&file, &["get", "namespaces"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_certificate_is_unauthorized_and_a_new_one_works() {
    let sandbox = Sandbox::start();
    let (old_config, _) = fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[]).await;
    let workspace = Workspace::new();
    let old_file = workspace.write_kubeconfig("old", &old_config);
    assert!(workspace.kubectl(&old_file, &["get", "namespaces"]).status.success());

    let revoke = Call::delete(&format!("/k8s/{DEMO_WEB_CLUSTER_ID}/certs"), "RevokeK8sClusterKubeConfig");
    let answer = send(&sandbox.endpoint(), &revoke, &Keys::demo()).await;
    assert_eq!(answer.body, serde_json::json!({}));
    assert_unauthorized(&workspace.kubectl(&old_file, &["get", "namespaces"]));

    let (new_config, _) = fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[]).await;
    let new_file = workspace.write_kubeconfig("new", &new_config);
    assert!(workspace.kubectl(&new_file, &["get", "namespaces"]).status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_from_another_cluster_is_unauthorized() {
    let sandbox = Sandbox::start();
    let (web, _) = fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[]).await;
    let (batch, _) = fetch_kubeconfig(&sandbox, DEMO_BATCH_CLUSTER_ID, &[]).await;
    // The batch cluster's server and CA with the web cluster's client certificate.
    let batch_user_start = batch.find("users:").unwrap();
    let web_user_start = web.find("users:").unwrap();
    let mixed = format!("{}{}", &batch[..batch_user_start], &web[web_user_start..]);
    let workspace = Workspace::new();
    let file = workspace.write_kubeconfig("mixed", &mixed);
    assert_unauthorized(&workspace.kubectl(&file, &["get", "namespaces"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_serving_certificate_without_the_address_fails_tls_verification() {
    let sandbox = Sandbox::start();
    let mismatched = Cluster::random("san-mismatch", DEMO_REGION).with_san_mismatch();
    let id = mismatched.id.clone();
    sandbox.add_cluster(mismatched);
    let (config, _) = fetch_kubeconfig(&sandbox, &id, &[]).await;
    let workspace = Workspace::new();
    let file = workspace.write_kubeconfig("config", &config);
    let output = workspace.kubectl(&file, &["get", "namespaces"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("certificate"), "{}", stderr(&output));
}

/// Issue 6 runs many kubectl processes at once against one API server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_kubectl_calls_all_succeed() {
    let sandbox = Sandbox::start();
    let (config, _) = fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[]).await;
    let workspace = Workspace::new();
    let file = workspace.write_kubeconfig("config", &config);
    let outputs: Vec<Output> = std::thread::scope(|scope| {
        let runs: Vec<_> =
            (0..10).map(|_| scope.spawn(|| workspace.kubectl(&file, &["get", "namespaces", "-o", "name"]))).collect();
        runs.into_iter().map(|run| run.join().unwrap()).collect()
    });
    for output in outputs {
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(stdout(&output).lines().count(), 4);
    }
}
