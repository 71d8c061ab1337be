//! `ack-sandbox shell`: `$SHELL` with the sandbox's variables, kubectl-ack on PATH and a throwaway HOME
//! that is removed afterwards; the user's own KUBECONFIG is not passed on.

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn the_shell_has_the_sandboxs_variables_and_a_throwaway_home() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ack-sandbox"))
        .arg("shell")
        .env("SHELL", "/bin/sh")
        .env("KUBECTL_ACK", "/bin/echo")
        .env("KUBECONFIG", "/nonexistent/mine")
        .env("HOME", "/nonexistent/home")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let script = "kubectl-ack planted-on-path\necho \"HOME=$HOME\"\necho \"KUBECONFIG=${KUBECONFIG-unset}\"\necho \"ENDPOINT=$KUBECTL_ACK_ENDPOINT\"\necho \"STS=$ALIBABA_CLOUD_STS_ENDPOINT\"\nexit 3\n";
    child.stdin.take().unwrap().write_all(script.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(3), "{text}{}", String::from_utf8_lossy(&output.stderr));
    assert!(text.contains("planted-on-path"), "kubectl-ack is not on the shell's PATH:\n{text}");
    assert!(text.contains("KUBECONFIG=unset"), "{text}");
    assert!(text.contains("ENDPOINT=http://127.0.0.1:"), "{text}");
    assert!(text.contains("STS=http://127.0.0.1:"), "{text}");
    let home = text.lines().find_map(|line| line.strip_prefix("HOME=")).unwrap();
    assert!(home.contains("ack-sandbox-home-"), "{home}");
    assert!(!std::path::Path::new(home).exists(), "the throwaway HOME {home} was left behind");
}
