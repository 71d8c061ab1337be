//! Names and subjects that try to take over the terminal or the user's shell (issue 13, items 10 and 11):
//! a cluster named `web$(touch x) && rm -rf ~` with colour codes, a bell and a newline in it, and a
//! client certificate whose subject carries the same. Human output shows them escaped, on one line; every
//! printed command quotes them so pasting it runs nothing else.

mod common;

use ack_sandbox::*;
use common::*;
use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair};
use time::OffsetDateTime;

const HOSTILE: &str = "web$(touch x) && rm -rf ~\x1b[31m\x07\nerror: forged";

/// No raw control character (but the line breaks between lines) reached the terminal.
fn assert_no_raw_controls(what: &str, text: &str) {
    let raw: Vec<char> = text.chars().filter(|c| c.is_control() && *c != '\n').collect();
    assert!(raw.is_empty(), "{what} printed raw control characters {raw:?}:\n{text}");
    assert!(!text.lines().any(|line| line.starts_with("error: forged")), "{what} let a name forge a line:\n{text}");
}

#[test]
fn a_hostile_cluster_name_is_escaped_everywhere_it_is_shown_and_quoted_in_printed_commands() {
    let sandbox = Sandbox::start();
    let id = random_cluster_id();
    sandbox.add_cluster(Cluster::new(id.clone(), HOSTILE, DEMO_REGION).public_only());
    let env = TestEnv::new();

    let merged = ok(demo_ack(&env, &sandbox).args(["get-credentials", &id]));
    let err = stderr(&merged);
    assert_no_raw_controls("get-credentials", &err);
    assert!(err.contains("\\x1b[31m\\x07\\nerror: forged"), "{err}");

    for args in [&["expiry", "--all-contexts"][..], &["whoami"][..], &["rotate", "--dry-run"][..]] {
        let output = run(demo_ack(&env, &sandbox).args(args));
        assert_no_raw_controls(args[0], &format!("{}{}", stdout(&output), stderr(&output)));
    }
    let doctor = run(demo_ack(&env, &sandbox).args(["doctor", "--connect-timeout", "2s"]));
    assert_no_raw_controls("doctor", &stdout(&doctor));

    let revoked = ok(demo_ack(&env, &sandbox).args(["revoke", &id, "--yes"]));
    let out = stdout(&revoked);
    assert_no_raw_controls("revoke", &out);
    let renew = out.lines().find(|line| line.contains("get-credentials")).expect("a renew line");
    assert!(
        renew.trim().ends_with("--context $'web$(touch x) && rm -rf ~\\x1b[31m\\x07\\nerror: forged'"),
        "the context is not quoted as one argument: {renew}"
    );
    // The quoted line, run by a real shell, passes the name as one argument and runs nothing else.
    let echo = std::process::Command::new("bash")
        .current_dir(env.home())
        .arg("-c")
        .arg(format!("printf '%s' {}", renew.trim().rsplit_once("--context ").unwrap().1))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&echo.stdout), HOSTILE);
    assert!(!env.path("x").exists(), "the shell ran the name's command substitution");
}

#[test]
fn a_hostile_certificate_subject_is_shown_escaped() {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-hostile");
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(DnType::OrganizationName, "system:users\x1b]0;owned\x07");
    name.push(DnType::CommonName, "272899990000001-1700000000\x1b[2J\nerror: forged");
    params.distinguished_name = name;
    let now = OffsetDateTime::now_utc();
    params.not_before = now - time::Duration::days(1);
    params.not_after = now + time::Duration::days(30);
    let key = KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap().pem();
    let client = ClientCert { cert_pem: cert, key_pem: key.serialize_pem() };
    let spec = ContextSpec { name: "prod", server: SERVER, ca_pem: &ca.pem, client: &client };
    env.write(".kube/config", &kubeconfig(&[spec], "prod"));
    for args in [&["whoami"][..], &["expiry", "--all-contexts"][..], &["doctor", "--connect-timeout", "1s"][..]] {
        let output = env.run(args);
        let text = format!("{}{}", stdout(&output), stderr(&output));
        assert_no_raw_controls(args[0], &text);
    }
    let output = env.run(["whoami"]);
    let whoami = format!("{}{}", stdout(&output), stderr(&output));
    assert!(
        whoami.contains("\\x1b[2J\\nerror: forged") && whoami.contains("system:users\\x1b]0;owned\\x07"),
        "{whoami}"
    );
}
