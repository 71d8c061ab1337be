//! What every command shares: `version`, usage errors (exit 2), and bad input reported as one
//! `error:` line with exit 1, no file changed.

mod common;

use common::*;
use time::Duration;

/// Each bad input: exit 1, one `error:` line first, nothing written anywhere.
#[test]
fn bad_input_gives_one_error_line_exit_1_and_changes_no_file() {
    let ca = TestCa::new("test-ca-bad");
    let good = ca.ack_client(Duration::days(30));
    let good_config = kubeconfig(&[ContextSpec { name: "c", server: SERVER, ca_pem: &ca.pem, client: &good }], "c");
    let not_base64 = good_config.replacen(&b64(&good.cert_pem), "this is not base64!", 1);
    let not_x509 = good_config.replacen(
        &b64(&good.cert_pem),
        &b64("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
        1,
    );
    let missing_path = "apiVersion: v1\nkind: Config\ncurrent-context: c\ncontexts:\n- name: c\n  context:\n    cluster: x\n    user: u\nusers:\n- name: u\n  user:\n    client-certificate: no/such/file.crt\n";
    let cases: [(&str, &str, &[&str], &str); 6] = [
        ("not YAML", "clusters: [\n  - {", &["whoami"], "is not a valid kubeconfig"),
        ("not base64", &not_base64, &["whoami"], "cannot read the client certificate of context \"c\""),
        ("not X.509", &not_x509, &["expiry"], "cannot read the client certificate of context \"c\""),
        ("no such context", &good_config, &["whoami", "--context", "nope"], "context \"nope\" does not exist"),
        ("missing cert file", missing_path, &["whoami"], "cannot read the client certificate of context \"c\" from"),
        (
            "binary garbage",
            "\u{0}\u{1}\u{2}garbage\u{7f}",
            &["export-cert", "--out-dir", "out"],
            "is not a valid kubeconfig",
        ),
    ];
    for (what, contents, args, message) in cases {
        let env = TestEnv::new();
        let file = env.write(".kube/config", contents);
        let output = env.command().args(args).current_dir(env.home()).output().unwrap();
        let err = stderr(&output);
        assert_eq!(code(&output), 1, "{what}: {err}");
        let first = err.lines().next().unwrap_or_default();
        assert!(first.starts_with("error: ") && first.contains(message), "{what}: first line {first:?}\n{err}");
        assert_eq!(
            err.lines().filter(|line| line.starts_with("error:")).count(),
            1,
            "{what}: more than one error line:\n{err}"
        );
        assert!(err.contains("hint: "), "{what}: no hint:\n{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), contents, "{what}: the kubeconfig changed");
        assert!(!env.path("out").exists(), "{what}: export-cert wrote something");
        assert!(stdout(&output).is_empty(), "{what}: printed to stdout: {}", stdout(&output));
    }
}

#[test]
fn version_and_usage_errors() {
    let env = TestEnv::new();
    let version = env.run(["version"]);
    assert!(stdout(&version).starts_with("kubectl-ack 0."), "{}", stdout(&version));
    let usage = env.run(["expiry", "--within", "soon"]);
    assert_eq!(code(&usage), 2);
    assert!(stderr(&usage).contains("is not a duration"), "{}", stderr(&usage));
    let help = env.run(["whoami", "--help"]);
    assert!(stdout(&help).contains("Usage: kubectl ack whoami"), "{}", stdout(&help));
}
