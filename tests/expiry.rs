//! `expiry` through the real binary, on kubeconfigs holding certificates made in the test
//! (`-o prometheus` is in expiry_prometheus.rs).

mod common;

use common::*;
use serde_json::Value;
use time::Duration;

#[test]
fn expiry_within_exits_3_for_expired_and_soon_expiring_certificates_and_0_otherwise() {
    let ca = TestCa::new("test-ca-expiry");
    let cases = [
        (Duration::days(-2), Some("30d"), 3),
        (Duration::days(10), Some("30d"), 3),
        (Duration::days(90), Some("30d"), 0),
        (Duration::days(-2), None, 0),
    ];
    for (lifetime, within, expected) in cases {
        let env = TestEnv::new();
        home_with_contexts(&env, &ca, &[("only", lifetime)]);
        let mut args = vec!["expiry"];
        if let Some(within) = within {
            args.extend(["--within", within]);
        }
        let output = env.run(&args);
        assert_eq!(code(&output), expected, "lifetime {lifetime}, {args:?}: {}{}", stdout(&output), stderr(&output));
    }
}

#[test]
fn expiry_lists_every_context_soonest_first_and_marks_the_expired() {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-all");
    home_with_contexts(
        &env,
        &ca,
        &[("long-term", Duration::days(3 * 365)), ("expired", Duration::days(-3)), ("temporary", Duration::hours(3))],
    );
    let output = env.run(["expiry", "--all-contexts", "--within", "1d"]);
    assert_eq!(code(&output), 3, "{}", stderr(&output));
    snapshot_settings(&env).bind(|| insta::assert_snapshot!(stdout(&output), @r"
    CONTEXT     USER                         EXPIRES                LEFT        NOTE
    expired     272899990000001-[ISSUED]   [TIME]   expired     EXPIRED: renew with `kubectl ack get-credentials` (expired [DURATION] ago)
    temporary   272899990000001-[ISSUED]   [TIME]   [DURATION]      expires within the --within window: renew soon
    long-term   272899990000001-[ISSUED]   [TIME]   [DURATION]   long-term; ACK renewal window opens [TIME]
    "));
    let json = env.run(["expiry", "-A", "-o", "json"]);
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let statuses: Vec<&str> =
        report["contexts"].as_array().unwrap().iter().map(|c| c["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["expired", "ok", "ok"]);
    assert_eq!(code(&json), 0, "without --within nothing is checked");
}
