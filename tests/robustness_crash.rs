//! Robustness (issue 7): `kill -9` of `get-credentials` at random points of its write.
//!
//! Debug builds honour `KUBECTL_ACK_TEST_PAUSE_BEFORE_RENAME_MS` (src/fsutil.rs): the writer sleeps
//! after the temp file is written and fsynced, before the rename. Some rounds kill the writer at
//! a random moment (before the lock, during the request, during the pause), the others wait until
//! the temp file exists and kill it then, so a kill lands between temp file and rename for sure.
//! After every kill the kubeconfig is the old file byte for byte or the new one, complete.
//!
//! What a kill leaves behind: a stale `<file>.lock` (when the writer held it) and, when it died
//! during the pause, `.config.kubectl-ack-<pid>-<n>.tmp`. The next writer reports the stale lock
//! (naming it, exit 1) and changes nothing; once the lock is removed, it succeeds and removes the
//! temp files of dead writers, so they do not accumulate.
//!
//! `KUBECTL_ACK_LONG_TESTS=1` runs 40 rounds instead of 10.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use ack_sandbox::*;
use common::*;
use serde_json::Value;

const OLD: &str = include_str!("fixtures/rich-kubeconfig.yaml");

fn long() -> bool {
    std::env::var_os("KUBECTL_ACK_LONG_TESTS").is_some_and(|value| value == "1")
}

fn ack(env: &TestEnv, sandbox: &Sandbox) -> Command {
    let mut command = sandbox_command(env, sandbox);
    with_demo_keys(&mut command);
    command
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn temp_files(dir: &Path) -> Vec<String> {
    names_in(dir)
        .into_iter()
        .filter(|name| name.starts_with(".config.kubectl-ack-") && name.ends_with(".tmp"))
        .collect()
}

/// The file after a kill: the one before, byte for byte, or the new one with the whole merge in it.
fn assert_old_or_new(round: usize, before: &[u8], now: &[u8]) -> &'static str {
    if now == before {
        return "old";
    }
    let text = std::str::from_utf8(now).unwrap_or_else(|_| panic!("round {round}: the kubeconfig is not UTF-8"));
    let config: Value =
        serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("round {round}: a torn kubeconfig ({e}):\n{text}"));
    let old: Value = serde_saphyr::from_str(OLD).unwrap();
    for section in ["clusters", "users", "contexts"] {
        for entry in old[section].as_array().unwrap() {
            assert!(
                config[section].as_array().unwrap().iter().any(|e| e["name"] == entry["name"]),
                "round {round}: {section} {} lost",
                entry["name"]
            );
        }
    }
    let context = config["contexts"].as_array().unwrap().iter().find(|c| c["name"] == "demo-web");
    let context = context.unwrap_or_else(|| panic!("round {round}: changed but without the new context:\n{text}"));
    let user_name = context["context"]["user"].as_str().unwrap();
    let cluster_name = context["context"]["cluster"].as_str().unwrap();
    let user = config["users"].as_array().unwrap().iter().find(|u| u["name"] == user_name).expect("its user");
    let cluster = config["clusters"].as_array().unwrap().iter().find(|c| c["name"] == cluster_name).expect("cluster");
    for key in ["client-certificate-data", "client-key-data"] {
        assert!(user["user"][key].as_str().is_some_and(|v| v.len() > 100), "round {round}: {key} incomplete");
    }
    assert!(cluster["cluster"]["server"].as_str().is_some_and(|s| s.starts_with("https://")), "round {round}");
    "new"
}

fn one_error_line(output: &Output) -> String {
    let err = stderr(output);
    assert_eq!(err.lines().filter(|line| line.starts_with("error:")).count(), 1, "{err}");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
    err
}

#[test]
fn kill_9_at_random_points_leaves_the_old_or_the_new_complete_kubeconfig() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let kube = env.path(".kube");
    let file = env.write(".kube/config", OLD);
    let lock = kube.join("config.lock");
    let rounds = if long() { 40 } else { 10 };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut killed_in_pause, mut outcomes) = (0, Vec::new());

    for round in 0..rounds {
        // What a person does after reading the stale-lock message (checked below).
        let _ = std::fs::remove_file(&lock);
        let before = std::fs::read(&file).unwrap();
        let temps_before = temp_files(&kube);
        let wait_for_temp = round % 2 == 1; // the last round is one of these
        let pause_ms = if wait_for_temp { 5_000 } else { rng.below(400) as u64 };
        let mut child = ack(&env, &sandbox)
            .env("KUBECTL_ACK_TEST_PAUSE_BEFORE_RENAME_MS", pause_ms.to_string())
            .env("KUBECTL_ACK_LOCK_TIMEOUT", "5s")
            .args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--no-set-current"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if wait_for_temp {
            // Bounded: 3,000 × 5 ms at most; the writer pauses 5 s once its temp file is there. (It
            // may have removed the dead writers' temp files first, so look for a new name.)
            let appeared = (0..3_000).any(|_| {
                std::thread::sleep(Duration::from_millis(5));
                temp_files(&kube).iter().any(|name| !temps_before.contains(name))
            });
            assert!(appeared, "round {round}: the temp file never appeared");
            assert!(lock.exists(), "round {round}: the temp file exists but the lock is not held");
            killed_in_pause += 1;
        } else {
            std::thread::sleep(Duration::from_millis(rng.below(600) as u64));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let now = std::fs::read(&file).unwrap();
        outcomes.push(assert_old_or_new(round, &before, &now));
    }
    let leftovers = names_in(&kube);
    eprintln!(
        "{rounds} kill -9 rounds ({killed_in_pause} between temp file and rename): kubeconfig afterwards {outcomes:?}; \
         left in ~/.kube: {leftovers:?}"
    );
    assert!(killed_in_pause >= 1);

    // The last round killed a writer in its pause: its lock and temp file are still there.
    let last_temps = temp_files(&kube);
    assert!(!last_temps.is_empty() && lock.exists(), "{leftovers:?}");
    let before = std::fs::read(&file).unwrap();
    let stale = ack(&env, &sandbox)
        .env("KUBECTL_ACK_LOCK_TIMEOUT", "1s")
        .args(["get-credentials", DEMO_WEB_CLUSTER_ID])
        .output()
        .unwrap();
    assert_eq!(code(&stale), 1, "{}", stderr(&stale));
    let err = one_error_line(&stale);
    assert!(err.contains(&lock.display().to_string()) && err.contains("has been held for"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before, "a writer that did not get the lock changed the file");

    std::fs::remove_file(&lock).unwrap();
    let fresh = ack(&env, &sandbox).args(["get-credentials", DEMO_WEB_CLUSTER_ID]).output().unwrap();
    assert_eq!(code(&fresh), 0, "{}", stderr(&fresh));
    assert_eq!(assert_old_or_new(rounds, &before, &std::fs::read(&file).unwrap()), "new");
    assert_eq!(names_in(&kube), ["config"], "the dead writers' temp files were not cleaned up");
}
