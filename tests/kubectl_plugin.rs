//! kubectl itself finds the plugin on PATH and runs it: `kubectl plugin list`, `kubectl ack whoami`.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// A directory holding only the plugin, so `kubectl plugin list` sees exactly it.
fn plugin_dir(env: &TestEnv) -> std::path::PathBuf {
    let dir = env.path("bin");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(BINARY, dir.join("kubectl-ack")).unwrap();
    dir
}

fn kubectl_with_plugin(env: &TestEnv, bin: &Path) -> Command {
    let kubectl = kubectl();
    let mut command = Command::new(&kubectl);
    scrub(&mut command, env.home());
    let path = std::env::join_paths([bin, kubectl.parent().unwrap()]).unwrap();
    command.env("PATH", path);
    command
}

#[test]
fn kubectl_lists_the_plugin_and_runs_kubectl_ack_whoami() {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-plugin");
    let client = ca.ack_client(time::Duration::hours(3));
    let spec = ContextSpec { name: "demo", server: "https://127.0.0.1:6443", ca_pem: &ca.pem, client: &client };
    env.write(".kube/config", &kubeconfig(&[spec], "demo"));
    let bin = plugin_dir(&env);

    let list = kubectl_with_plugin(&env, &bin).args(["plugin", "list"]).output().unwrap();
    assert!(
        stdout(&list).contains(&bin.join("kubectl-ack").display().to_string()),
        "{}{}",
        stdout(&list),
        stderr(&list)
    );

    let whoami = kubectl_with_plugin(&env, &bin).args(["ack", "whoami"]).output().unwrap();
    assert_eq!(code(&whoami), 0, "{}", stderr(&whoami));
    let text = stdout(&whoami);
    assert!(text.contains(&format!("User:        {ACK_UID}-")), "{text}");
    assert!(text.contains("Groups:      system:users"), "{text}");
}

#[test]
fn kubectl_completes_kubectl_ack_through_the_installed_completion_executable() {
    let env = TestEnv::new();
    env.write(
        ".kube/config",
        "apiVersion: v1\ncontexts:\n- name: alpha\n  context: {cluster: a}\n- name: beta\n  context: {cluster: b}\n",
    );
    let bin = plugin_dir(&env);
    let install =
        kubectl_with_plugin(&env, &bin).args(["ack", "completion", "install-plugin-completion"]).output().unwrap();
    assert_eq!(code(&install), 0, "{}", stderr(&install));
    assert!(bin.join("kubectl_complete-ack").is_file());

    let contexts =
        kubectl_with_plugin(&env, &bin).args(["__complete", "ack", "whoami", "--context", ""]).output().unwrap();
    assert_eq!(stdout(&contexts), "alpha\nbeta\n:4\n", "{}", stderr(&contexts));
    let commands = kubectl_with_plugin(&env, &bin).args(["__complete", "ack", "get"]).output().unwrap();
    assert!(stdout(&commands).starts_with("get-credentials\t"), "{}", stdout(&commands));
}
