//! `export-cert` through the real binary.

mod common;

use common::*;

#[test]
fn export_cert_writes_the_pems_with_a_private_key_and_refuses_to_overwrite() {
    let (env, ca) = long_term_home();
    let out = env.path("exported");
    let output = env.run(["export-cert".as_ref(), "--out-dir".as_ref(), out.as_os_str()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains(&format!("API server:             {SERVER}")), "{}", stdout(&output));
    assert_eq!(std::fs::read_to_string(out.join("ca.pem")).unwrap(), ca.pem);
    let cert = std::fs::read_to_string(out.join("client-cert.pem")).unwrap();
    assert!(cert.starts_with("-----BEGIN CERTIFICATE-----"));
    let key = std::fs::read_to_string(out.join("client-key.pem")).unwrap();
    assert!(key.contains("PRIVATE KEY-----"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |name: &str| std::fs::metadata(out.join(name)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode("client-key.pem"), 0o600);
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o700);
    }

    std::fs::write(out.join("client-key.pem"), "precious").unwrap();
    let again = env.run(["export-cert".as_ref(), "--out-dir".as_ref(), out.as_os_str()]);
    assert_eq!(code(&again), 1);
    assert!(stderr(&again).contains("already exists") && stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(out.join("client-key.pem")).unwrap(), "precious");

    let forced = env.run(["export-cert".as_ref(), "--out-dir".as_ref(), out.as_os_str(), "--force".as_ref()]);
    assert_eq!(code(&forced), 0, "{}", stderr(&forced));
    assert_eq!(std::fs::read_to_string(out.join("client-key.pem")).unwrap(), key);
}

/// Issue 13, item 4: a user's combined certificate-and-key PEM (`client-certificate` naming one file that
/// holds both, which kubectl accepts) must not put the key into the public `client-cert.pem`.
#[test]
fn a_combined_certificate_and_key_file_leaves_no_key_in_the_public_files() {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-combined");
    let client = ca.ack_client(time::Duration::days(30));
    let combined = env.write("certs/combined.pem", &format!("{}{}", client.cert_pem, client.key_pem));
    env.write("certs/ca.pem", &format!("{}{}", ca.pem, client.key_pem));
    env.write(
        ".kube/config",
        &format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n    server: {SERVER}\n    certificate-authority: ../certs/ca.pem\ncontexts:\n- name: c\n  context:\n    cluster: k\n    user: u\nusers:\n- name: u\n  user:\n    client-certificate: {}\n    client-key: {}\n",
            combined.display(),
            combined.display()
        ),
    );
    let out = env.path("exported");
    let output = env.run(["export-cert".as_ref(), "--out-dir".as_ref(), out.as_os_str()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    for public in ["client-cert.pem", "ca.pem"] {
        let text = std::fs::read_to_string(out.join(public)).unwrap();
        assert!(text.contains("BEGIN CERTIFICATE") && !text.contains("PRIVATE KEY"), "{public}:\n{text}");
    }
    assert!(std::fs::read_to_string(out.join("client-key.pem")).unwrap().contains("PRIVATE KEY"));
}

/// Issue 13, item 19: `--force` writes every file or none; a file that cannot be replaced (here a
/// directory has its name) leaves the others as they were.
#[test]
fn a_forced_export_that_cannot_write_one_file_changes_none() {
    let (env, _ca) = long_term_home();
    let out = env.path("exported");
    std::fs::create_dir_all(out.join("ca.pem")).unwrap();
    std::fs::write(out.join("client-key.pem"), "precious").unwrap();
    std::fs::write(out.join("client-cert.pem"), "kept").unwrap();
    let forced = env.run(["export-cert".as_ref(), "--out-dir".as_ref(), out.as_os_str(), "--force".as_ref()]);
    assert_eq!(code(&forced), 1, "{}", stderr(&forced));
    assert!(stderr(&forced).contains("ca.pem"), "{}", stderr(&forced));
    assert_eq!(std::fs::read_to_string(out.join("client-key.pem")).unwrap(), "precious");
    assert_eq!(std::fs::read_to_string(out.join("client-cert.pem")).unwrap(), "kept");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 3, "no temp file is left");
}
