//! `get-credentials --exec` and the `credential` exec plugin, with the real kubectl running the
//! plugin against the sandbox: no key on disk in the kubeconfig, one API call for many kubectl
//! processes, renewal, and a cache that is damaged, unwritable or holds a revoked certificate.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use ack_sandbox::*;
use common::*;
use serde_json::Value;

const FETCH: &str = "DescribeClusterUserKubeconfig";

/// A HOME whose PATH holds the plugin, as krew would install it.
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

    fn path_with_plugin(&self) -> std::ffi::OsString {
        path_with_plugin(&self.bin)
    }

    /// kubectl-ack with the demo keys, pointed at the sandbox.
    fn ack(&self) -> Command {
        let mut command = sandbox_command(&self.env, &self.sandbox);
        with_demo_keys(&mut command);
        command
    }

    /// The real kubectl, in an environment where the exec plugin can reach the sandbox.
    fn kubectl(&self) -> Command {
        let mut command = Command::new(kubectl());
        scrub(&mut command, self.env.home());
        with_demo_keys(&mut command);
        command.env("PATH", self.path_with_plugin());
        command
    }

    fn get_namespaces(&self) -> Output {
        self.kubectl().args(["get", "namespaces", "-o", "name"]).output().unwrap()
    }

    fn cache_dir(&self) -> PathBuf {
        self.env.path(".kube/cache/kubectl-ack")
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.cache_dir())
            .map(|entries| {
                entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
            })
            .unwrap_or_default()
    }
}

fn assert_works(output: &Output) {
    assert_eq!(code(output), 0, "kubectl failed:\n{}", stderr(output));
    assert!(stdout(output).contains("namespace/kube-system"), "{}", stdout(output));
}

fn exec_world(minutes: &str) -> World {
    let world = World::new();
    let output = world.ack().args(["get-credentials", "demo-web", "--exec", "--temporary", minutes]).output().unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    world
}

#[test]
fn an_exec_kubeconfig_holds_no_key_and_kubectl_works_through_the_plugin() {
    let world = exec_world("15m");
    let text = std::fs::read_to_string(world.env.path(".kube/config")).unwrap();
    assert!(!text.contains("client-key-data") && !text.contains("client-certificate-data"), "{text}");
    let config: Value = serde_saphyr::from_str(&text).unwrap();
    let exec = &config["users"][0]["user"]["exec"];
    assert_eq!(exec["command"], "kubectl-ack");
    assert_eq!(exec["interactiveMode"], "Never");
    assert!(exec["installHint"].as_str().unwrap().contains("krew install ack"));
    let args: Vec<&str> = exec["args"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(&args[..4], ["credential", DEMO_WEB_CLUSTER_ID, "--temporary", "15m"]);
    assert_eq!(config["contexts"][0]["context"]["extensions"][0]["extension"]["mode"], "exec");

    // The certificate get-credentials fetched seeded the cache: kubectl's first call costs no API call.
    assert_eq!(world.sandbox.request_count(FETCH), 1);
    assert_works(&world.get_namespaces());
    assert_eq!(world.sandbox.request_count(FETCH), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&world.cache_dir()), 0o700);
        for file in world.cache_files() {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
    }
}

#[test]
fn twenty_parallel_kubectl_calls_cause_exactly_one_fetch() {
    let world = exec_world("15m");
    for file in world.cache_files() {
        std::fs::remove_file(file).unwrap();
    }
    world.sandbox.clear_requests();
    let children: Vec<_> = (0..20)
        .map(|_| {
            world
                .kubectl()
                .args(["get", "namespaces", "-o", "name"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        assert_works(&child.wait_with_output().unwrap());
    }
    assert_eq!(world.sandbox.request_count(FETCH), 1, "{:?}", world.sandbox.requests());
}

#[test]
fn past_the_renewal_point_the_next_call_fetches_a_new_certificate() {
    let world = exec_world("15m");
    assert_works(&world.get_namespaces());
    assert_eq!(world.sandbox.request_count(FETCH), 1);
    // A 15-minute certificate is renewed when 10 minutes are left: move both clocks 6 minutes on.
    world.sandbox.advance_clock(std::time::Duration::from_secs(6 * 60));
    let renewed = world
        .kubectl()
        .env("KUBECTL_ACK_TEST_CLOCK_OFFSET_SECONDS", "360")
        .args(["get", "namespaces", "-o", "name"])
        .output()
        .unwrap();
    assert_works(&renewed);
    assert_eq!(world.sandbox.request_count(FETCH), 2, "the certificate was not renewed");
    // And the renewed one is served from the cache again.
    assert_works(
        &world
            .kubectl()
            .env("KUBECTL_ACK_TEST_CLOCK_OFFSET_SECONDS", "360")
            .args(["get", "namespaces", "-o", "name"])
            .output()
            .unwrap(),
    );
    assert_eq!(world.sandbox.request_count(FETCH), 2);
}

#[test]
fn a_damaged_cache_entry_is_replaced_and_an_unwritable_cache_is_worked_around() {
    let world = exec_world("1h");
    let entry = world.cache_files().pop().expect("a cache entry");
    std::fs::write(&entry, "\u{0}garbage{").unwrap();
    let output = world.get_namespaces();
    assert_works(&output);
    assert!(stderr(&output).contains("discarding a damaged credential cache entry"), "{}", stderr(&output));
    let repaired: Value = serde_json::from_str(&std::fs::read_to_string(&entry).unwrap()).unwrap();
    assert_eq!(repaired["clusterId"], DEMO_WEB_CLUSTER_ID);

    // The cache directory cannot be created (a file is in the way): still a working credential.
    std::fs::remove_dir_all(world.cache_dir()).unwrap();
    std::fs::write(world.cache_dir(), "not a directory").unwrap();
    let output = world.get_namespaces();
    assert_works(&output);
    assert!(stderr(&output).contains("not using the credential cache"), "{}", stderr(&output));
}

#[test]
fn after_a_revoke_the_cached_certificate_is_dropped_and_kubectl_works_again() {
    let world = exec_world("1h");
    assert_works(&world.get_namespaces());
    let revoked = world.ack().args(["revoke", "demo-web", "--yes"]).output().unwrap();
    assert_eq!(code(&revoked), 0, "{}", stderr(&revoked));
    assert!(stdout(&revoked).contains("Removed 1 cached exec certificate(s)"), "{}", stdout(&revoked));
    assert_works(&world.get_namespaces());
    assert_eq!(world.sandbox.request_count(FETCH), 2);
}

#[test]
fn the_plugin_speaks_the_version_kubectl_asks_for() {
    let world = exec_world("1h");
    let beta = world
        .ack()
        .env("KUBERNETES_EXEC_INFO", r#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","spec":{"interactive":false}}"#)
        .args(["credential", DEMO_WEB_CLUSTER_ID, "--temporary", "1h", "--region", DEMO_REGION])
        .output()
        .unwrap();
    assert_eq!(code(&beta), 0, "{}", stderr(&beta));
    let credential: Value = serde_json::from_slice(&beta.stdout).unwrap();
    assert_eq!(credential["apiVersion"], "client.authentication.k8s.io/v1beta1");
    assert!(credential["status"]["clientKeyData"].as_str().unwrap().contains("PRIVATE KEY"));
    assert!(credential["status"]["expirationTimestamp"].as_str().unwrap().ends_with('Z'));
}

/// Issue 13, item 12: the cache's JSON is not trusted. An entry whose certificate is garbage, another
/// cluster's, or expired although the JSON claims otherwise is replaced by a fetch; `--refresh` stores
/// what it fetched.
#[test]
fn a_tampered_cache_entry_is_judged_by_its_certificate_and_replaced() {
    let world = exec_world("1h");
    let web_entry = world.cache_files().pop().expect("demo-web's cache entry");
    let fetched_once = world.sandbox.request_count(FETCH);

    // Garbage PEM, with a notAfter far away.
    let mut entry: Value = serde_json::from_str(&std::fs::read_to_string(&web_entry).unwrap()).unwrap();
    entry["certificatePem"] = Value::from("-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n");
    entry["notAfter"] = Value::from("2099-01-01T00:00:00Z");
    std::fs::write(&web_entry, entry.to_string()).unwrap();
    let output = world.get_namespaces();
    assert_works(&output);
    assert!(stderr(&output).contains("its certificate cannot be read"), "{}", stderr(&output));
    assert_eq!(world.sandbox.request_count(FETCH), fetched_once + 1, "the garbage entry was not replaced");

    // Another cluster's certificate and key, copied into this cluster's entry (its clusterId kept).
    let batch = world.ack().args(["credential", DEMO_BATCH_CLUSTER_ID, "--temporary", "1h"]).output().unwrap();
    assert_eq!(code(&batch), 0, "{}", stderr(&batch));
    let batch_entry = world.cache_files().into_iter().find(|path| path != &web_entry).expect("demo-batch's entry");
    let mut foreign: Value = serde_json::from_str(&std::fs::read_to_string(&batch_entry).unwrap()).unwrap();
    foreign["clusterId"] = Value::from(DEMO_WEB_CLUSTER_ID);
    std::fs::write(&web_entry, foreign.to_string()).unwrap();
    let before = world.sandbox.request_count(FETCH);
    let output = world.get_namespaces();
    assert_works(&output);
    assert!(stderr(&output).contains("another cluster"), "{}", stderr(&output));
    assert_eq!(world.sandbox.request_count(FETCH), before + 1);

    // --refresh (with the arguments kubectl passes) fetches and stores: the next kubectl call needs no fetch.
    let config: Value =
        serde_saphyr::from_str(&std::fs::read_to_string(world.env.path(".kube/config")).unwrap()).unwrap();
    let exec_args: Vec<String> = config["users"][0]["user"]["exec"]["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|arg| arg.as_str().unwrap().to_string())
        .collect();
    let refreshed = world.ack().args(&exec_args).arg("--refresh").output().unwrap();
    assert_eq!(code(&refreshed), 0, "{}", stderr(&refreshed));
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(&web_entry).unwrap()).unwrap();
    let printed: Value = serde_json::from_slice(&refreshed.stdout).unwrap();
    assert_eq!(stored["certificatePem"], printed["status"]["clientCertificateData"], "--refresh did not store");
    let before = world.sandbox.request_count(FETCH);
    assert_works(&world.get_namespaces());
    assert_eq!(world.sandbox.request_count(FETCH), before, "the refreshed certificate was not served from the cache");
}
