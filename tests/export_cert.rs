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
