//! Robustness (issue 7): many writers on one kubeconfig at once.
//!
//! * 24 `kubectl-ack get-credentials` for different sandbox clusters plus 8 real
//!   `kubectl config set-context`, all on the same `~/.kube/config`. kubectl takes the same
//!   `<file>.lock` but does not wait for it (it fails with `…config.lock: file exists`), so the test
//!   retries its command, bounded; kubectl-ack waits (`KUBECTL_ACK_LOCK_TIMEOUT=60s`).
//! * 32 `kubectl-ack` writers alone, with a reader thread that parses the file over and over and
//!   must never see a partial file.
//!
//! Why the reader's "never partial" check is strict only in the kubectl-ack-only test: kubectl
//! itself writes the kubeconfig with `os.WriteFile` (truncate, then write, in place), so a reader
//! that does not take the lock can see kubectl's half-written file. The mixed test counts such
//! sightings and prints them; they are kubectl's, not ours (our writes are temp file + rename).
//!
//! `KUBECTL_ACK_LONG_TESTS=1` runs the longer variant: 96 + 32 writers, 96 writers alone.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use ack_sandbox::*;
use common::*;
use serde_json::Value;

fn long() -> bool {
    std::env::var_os("KUBECTL_ACK_LONG_TESTS").is_some_and(|value| value == "1")
}

fn ack(env: &TestEnv, sandbox: &Sandbox) -> Command {
    let mut command = sandbox_command(env, sandbox);
    with_demo_keys(&mut command);
    command.env("KUBECTL_ACK_LOCK_TIMEOUT", "60s");
    command
}

/// A sandbox with only the demo account and `count` public clusters named `fleet-NN`.
fn fleet(count: usize) -> (Sandbox, Vec<(String, String)>) {
    let sandbox = Sandbox::start_with(SandboxConfig::empty().with_account(Account::demo()));
    let clusters = (0..count)
        .map(|index| {
            let cluster = Cluster::random(format!("fleet-{index:02}"), DEMO_REGION).public_only();
            let entry = (cluster.id.clone(), cluster.name.clone());
            sandbox.add_cluster(cluster);
            entry
        })
        .collect();
    (sandbox, clusters)
}

fn parse(text: &str) -> Result<Value, String> {
    serde_saphyr::from_str::<Value>(text).map_err(|error| error.to_string())
}

fn context_names(config: &Value) -> Vec<String> {
    config["contexts"]
        .as_array()
        .map(|list| list.iter().filter_map(|c| c["name"].as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Parses the file over and over until told to stop; returns (reads, what a failed read saw).
fn reader(file: PathBuf, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<(usize, Vec<String>)> {
    std::thread::spawn(move || {
        let (mut reads, mut bad) = (0usize, Vec::new());
        // Bounded: at most this many reads, even if the writers never finish.
        for _ in 0..2_000_000 {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let Ok(text) = std::fs::read_to_string(&file) else {
                std::thread::yield_now();
                continue; // not created yet
            };
            reads += 1;
            match parse(&text) {
                Ok(Value::Object(_)) => {}
                Ok(other) => bad.push(format!("not a mapping ({} bytes): {other}", text.len())),
                Err(error) => bad.push(format!("{} bytes: {error}", text.len())),
            }
        }
        (reads, bad)
    })
}

/// kubectl's lock error (it does not wait for the lock, it fails), or kubectl reading, without the
/// lock, a file another kubectl is rewriting in place. Both are retried.
fn is_kubectl_retryable(output: &Output) -> bool {
    let err = stderr(output);
    (err.contains(".lock") && err.contains("file exists")) || err.contains("error loading config file")
}

/// Starts one `get-credentials` per cluster, all at once, without waiting for any.
fn spawn_get_credentials(env: &TestEnv, sandbox: &Sandbox, clusters: &[(String, String)]) -> Vec<std::process::Child> {
    clusters
        .iter()
        .map(|(id, _)| {
            ack(env, sandbox)
                .args(["get-credentials", id, "--no-set-current"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn kubectl-ack")
        })
        .collect()
}

#[test]
fn thirty_two_writers_kubectl_ack_waits_kubectl_retries_and_the_file_stays_whole() {
    let (ours, theirs) = if long() { (96, 32) } else { (24, 8) };
    let (sandbox, clusters) = fleet(ours);
    let env = TestEnv::new();
    let kube = env.path(".kube");
    std::fs::create_dir_all(&kube).unwrap();
    let file = kube.join("config");
    // Start from a valid file, so kubectl and kubectl-ack race on an existing one from the first write.
    std::fs::write(&file, "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = reader(file.clone(), stop.clone());

    let children = spawn_get_credentials(&env, &sandbox, &clusters);
    let kubectl_retries = Arc::new(AtomicUsize::new(0));
    let kubectl_threads: Vec<_> = (0..theirs)
        .map(|index| {
            let home = env.home().to_path_buf();
            let retries = kubectl_retries.clone();
            std::thread::spawn(move || {
                let name = format!("extra-{index}");
                for attempt in 0..50 {
                    let mut command = Command::new(kubectl());
                    scrub(&mut command, &home);
                    let output = command
                        .args(["config", "set-context", &name, "--cluster", "x", "--user", "y"])
                        .output()
                        .unwrap();
                    if output.status.success() {
                        return (name, Ok(attempt));
                    }
                    if !is_kubectl_retryable(&output) {
                        return (name, Err(format!("kubectl failed otherwise: {}", stderr(&output))));
                    }
                    retries.fetch_add(1, Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(20 + 7 * index as u64));
                }
                (name, Err("kubectl never got the lock in 50 tries".to_string()))
            })
        })
        .collect();

    let mut expected = Vec::new();
    for (child, (_, name)) in children.into_iter().zip(&clusters) {
        let output = child.wait_with_output().unwrap();
        assert_eq!(code(&output), 0, "get-credentials {name}: {}", stderr(&output));
        assert!(stderr(&output).contains(&format!("Merged context \"{name}\"")), "{}", stderr(&output));
        expected.push(name.clone());
    }
    let mut kubectl_names = Vec::new();
    for thread in kubectl_threads {
        let (name, result) = thread.join().unwrap();
        result.unwrap_or_else(|error| panic!("{name}: {error}"));
        kubectl_names.push(name);
    }
    stop.store(true, Ordering::Relaxed);
    let (reads, partial) = watcher.join().unwrap();

    let text = std::fs::read_to_string(&file).unwrap();
    let config = parse(&text).expect("the final kubeconfig is valid YAML");
    let present = context_names(&config);
    // kubectl's set-context reads the file before it takes the lock and then, under the lock,
    // deletes every entry that is in the file but was not in what it read first (client-go's
    // ModifyConfig; kubernetes/kubernetes#28260). So a kubectl run can remove a context that
    // kubectl-ack or another kubectl wrote a moment before. Such losses are kubectl's and are
    // reported, not failed; that kubectl-ack itself loses nothing is the strict test below.
    let lost: Vec<&String> = expected.iter().chain(&kubectl_names).filter(|name| !present.contains(name)).collect();
    eprintln!(
        "{ours} kubectl-ack + {theirs} kubectl writers: {} contexts at the end, kubectl retried {} times on the lock, \
         the reader parsed the file {reads} times and saw {} partial files (kubectl writes in place); \
         contexts removed afterwards by kubectl's own merge: {lost:?}",
        present.len(),
        kubectl_retries.load(Ordering::Relaxed),
        partial.len(),
    );
    // Every context that is there is whole: its cluster and user entries exist.
    for name in expected.iter().filter(|name| present.contains(name)) {
        let context = config["contexts"].as_array().unwrap().iter().find(|c| c["name"] == name.as_str()).unwrap();
        let cluster = context["context"]["cluster"].as_str().unwrap();
        let user = context["context"]["user"].as_str().unwrap();
        assert!(config["clusters"].as_array().unwrap().iter().any(|c| c["name"] == cluster), "{name}: no cluster");
        assert!(config["users"].as_array().unwrap().iter().any(|u| u["name"] == user), "{name}: no user");
    }
    assert_eq!(leftovers(&kube), ["config"], "lock or temp files left behind");
}

#[test]
fn thirty_two_kubectl_ack_writers_never_show_a_reader_a_partial_file_and_lose_nothing() {
    let count = if long() { 96 } else { 32 };
    let (sandbox, clusters) = fleet(count);
    let env = TestEnv::new();
    let kube = env.path(".kube");
    let file = kube.join("config");
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = reader(file.clone(), stop.clone());
    let children = spawn_get_credentials(&env, &sandbox, &clusters);
    for (child, (_, name)) in children.into_iter().zip(&clusters) {
        let output = child.wait_with_output().unwrap();
        assert_eq!(code(&output), 0, "get-credentials {name}: {}", stderr(&output));
    }
    stop.store(true, Ordering::Relaxed);
    let (reads, partial) = watcher.join().unwrap();
    eprintln!("{count} kubectl-ack writers; the reader parsed the file {reads} times");
    assert!(partial.is_empty(), "a reader saw a partial kubeconfig: {partial:?}");
    let config = parse(&std::fs::read_to_string(&file).unwrap()).expect("valid YAML");
    let mut present = context_names(&config);
    present.sort();
    let mut expected: Vec<String> = clusters.into_iter().map(|(_, name)| name).collect();
    expected.sort();
    assert_eq!(present, expected);
    assert_eq!(config["clusters"].as_array().unwrap().len(), count);
    assert_eq!(config["users"].as_array().unwrap().len(), count);
    assert_eq!(leftovers(&kube), ["config"], "lock or temp files left behind");
}

/// kubectl rewrites a kubeconfig in place while it holds `<file>.lock` (the reader above sees such
/// half files). Commands that read without the lock look again once the writer lets go, instead of
/// calling the file broken.
#[test]
fn a_file_caught_halfway_through_a_locked_in_place_write_is_read_again_not_reported_broken() {
    let (sandbox, clusters) = fleet(1);
    let env = TestEnv::new();
    let file = env.write(".kube/config", "apiVersion: v1\nkind: Config\nclusters:\n- name: kind\n  cluster: {server: ");
    let lock = env.path(".kube/config.lock");
    std::fs::write(&lock, "").unwrap();
    let children: Vec<_> = [vec!["whoami", "--context", "kind"], vec!["get-credentials", &clusters[0].0]]
        .into_iter()
        .map(|args| ack(&env, &sandbox).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
        .collect();
    // The writer finishes: a whole file, then the lock goes.
    std::thread::sleep(Duration::from_millis(400));
    std::fs::write(
        &file,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: kind\n  cluster: {server: https://127.0.0.1:6443}\n\
         users:\n- name: kind\n  user: {token: t}\ncontexts:\n- name: kind\n  context: {cluster: kind, user: kind}\n",
    )
    .unwrap();
    std::fs::remove_file(&lock).unwrap();
    let outputs: Vec<Output> = children.into_iter().map(|child| child.wait_with_output().unwrap()).collect();
    assert_eq!(code(&outputs[0]), 0, "whoami: {}", stderr(&outputs[0]));
    assert!(stdout(&outputs[0]).contains("bearer token"), "{}", stdout(&outputs[0]));
    assert_eq!(code(&outputs[1]), 0, "get-credentials: {}", stderr(&outputs[1]));
    let config = parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(context_names(&config), ["kind", clusters[0].1.as_str()]);

    // A file that stays broken is still reported, and quickly.
    std::fs::write(&file, "clusters: [").unwrap();
    let broken = ack(&env, &sandbox).args(["whoami"]).output().unwrap();
    assert_eq!(code(&broken), 1);
    assert!(stderr(&broken).starts_with("error: kubeconfig "), "{}", stderr(&broken));
}
