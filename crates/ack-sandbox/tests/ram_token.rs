//! RAM identity tokens (issue 17): STS GetCallerIdentity, V3-signed as ack-ram-authenticator replays it,
//! and the fake API servers accepting tokens the way the add-on does, checked with the real kubectl.

mod common;

use std::process::Command;

use acs_sign::ram_token::{self, Signer};
use common::*;
use time::OffsetDateTime;

fn token(cluster_id: &str, key_id: &str, secret: &str, at: OffsetDateTime) -> String {
    let date = format_date(at);
    let signer = Signer {
        access_key_id: key_id,
        access_key_secret: secret,
        security_token: None,
        date: &date,
        user_agent: "sandbox-test",
    };
    ram_token::build(cluster_id, &signer)
}

/// `kubectl auth whoami -o jsonpath` with the token against the cluster's public API server.
fn whoami(sandbox: &Sandbox, cluster_id: &str, token: &str) -> (bool, String) {
    let home = tempfile::tempdir().unwrap();
    let ca = home.path().join("ca.pem");
    std::fs::write(&ca, sandbox.cluster_ca_pem(cluster_id).unwrap()).unwrap();
    let server = sandbox.cluster_endpoints(cluster_id).unwrap().public.unwrap();
    let output = Command::new("kubectl")
        .args(["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}", "--request-timeout", "20s"])
        .arg(format!("--server={server}"))
        .arg(format!("--certificate-authority={}", ca.display()))
        .arg(format!("--token={token}"))
        .arg("--kubeconfig=/dev/null")
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("kubectl must be on PATH for the sandbox's end-to-end tests");
    let text = String::from_utf8_lossy(if output.status.success() { &output.stdout } else { &output.stderr });
    (output.status.success(), text.into_owned())
}

#[test]
fn the_api_server_takes_a_token_only_for_its_cluster_with_a_true_signature_and_a_fresh_date() {
    let sandbox = Sandbox::start();
    let now = OffsetDateTime::now_utc();
    let good = token(DEMO_WEB_CLUSTER_ID, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, now);
    assert_eq!(whoami(&sandbox, DEMO_WEB_CLUSTER_ID, &good), (true, format!("acs:ram::{DEMO_UID}:root")));
    assert_eq!(sandbox.token_verifications(), 1);
    for (why, refused) in [
        ("another cluster's", token(DEMO_BATCH_CLUSTER_ID, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, now)),
        ("a wrong secret", token(DEMO_WEB_CLUSTER_ID, DEMO_ACCESS_KEY_ID, "not-the-secret", now)),
        ("an unknown key", token(DEMO_WEB_CLUSTER_ID, "LTAI5tNobodyKnowsThis01", DEMO_ACCESS_KEY_SECRET, now)),
        (
            "an old date",
            token(DEMO_WEB_CLUSTER_ID, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, now - time::Duration::minutes(20)),
        ),
        ("a cut one", good[..good.len() - 8].to_string()),
    ] {
        let (accepted, text) = whoami(&sandbox, DEMO_WEB_CLUSTER_ID, &refused);
        assert!(!accepted && text.contains("Unauthorized"), "{why}: {text}");
    }
    let failed =
        sandbox.requests().into_iter().filter(|request| request.action.as_deref() == Some("GetCallerIdentity"));
    let codes: Vec<Option<String>> = failed.map(|request| request.error_code).collect();
    assert!(codes.contains(&Some("SignatureDoesNotMatch".into())), "{codes:?}");
    assert!(codes.contains(&Some("InvalidTimeStamp.Expired".into())), "{codes:?}");
    assert!(codes.contains(&Some("InvalidAccessKeyId.NotFound".into())), "{codes:?}");
}

#[test]
fn a_ram_user_is_known_by_its_arn() {
    let sandbox = Sandbox::start();
    sandbox.add_account(Account::new("LTAI5tSandboxRamUser0001", "ram-user-secret", "283456789012345").named("alice"));
    let token = token(DEMO_WEB_CLUSTER_ID, "LTAI5tSandboxRamUser0001", "ram-user-secret", OffsetDateTime::now_utc());
    assert_eq!(whoami(&sandbox, DEMO_WEB_CLUSTER_ID, &token), (true, format!("acs:ram::{DEMO_UID}:user/alice")));
}

/// The presigned request sent to STS itself answers who signed it.
#[tokio::test]
async fn sts_answers_get_caller_identity_signed_as_a_token_signs_it() {
    let sandbox = Sandbox::start();
    let built = token(DEMO_WEB_CLUSTER_ID, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, OffsetDateTime::now_utc());
    let presigned = ram_token::parse(&built, DEMO_WEB_CLUSTER_ID).unwrap();
    let query: Vec<String> =
        presigned.query.iter().map(|(key, value)| format!("{key}={}", acs_sign::percent_encode(value))).collect();
    let mut request = client().post(format!("{}/?{}", sandbox.sts_endpoint(), query.join("&")));
    for (name, value) in &presigned.headers {
        request = request.header(name, value);
    }
    let answer: serde_json::Value = request.send().await.unwrap().json().await.unwrap();
    assert_eq!(answer["IdentityType"], "Account", "{answer}");
    assert_eq!(answer["AccountId"], DEMO_UID);
    assert_eq!(answer["Arn"], format!("acs:ram::{DEMO_UID}:root"));
}
