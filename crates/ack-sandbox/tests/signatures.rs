//! The fake CS gateway checks ACS3-HMAC-SHA256 as the real one does and answers with the real error bodies.

mod common;

use common::*;
use reqwest::StatusCode;
use time::OffsetDateTime;

fn clusters_call() -> Call {
    Call::get("/api/v1/clusters", "DescribeClustersV1").query("region_id", DEMO_REGION)
}

/// The helper signs exactly like the official example, so what the sandbox accepts is the official method.
#[test]
fn the_test_signer_reproduces_official_vector_1() {
    let call = Call {
        method: reqwest::Method::POST,
        path: "/".to_string(),
        query: vec![
            ("ImageId".to_string(), "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd".to_string()),
            ("RegionId".to_string(), "cn-shanghai".to_string()),
        ],
        action: "RunInstances".to_string(),
        body: Vec::new(),
        date: "2023-10-26T10:22:32Z".to_string(),
        nonce: "3156853299f313e23d1673dc12e1703d".to_string(),
    };
    let mut headers =
        call.signed_headers("ecs.cn-shanghai.aliyuncs.com", &Keys::new("YourAccessKeyId", "YourAccessKeySecret"));
    // The official example has no `accept` and another version; neither changes what is signed but the version.
    headers.retain(|(name, _)| name != "authorization");
    for (name, value) in headers.iter_mut() {
        if name == "x-acs-version" {
            *value = "2014-05-26".to_string();
        }
    }
    let hashed = acs_sign::sha256_hex(b"");
    let request = acs_sign::v3::Request {
        method: "POST",
        path: "/",
        query: &call.query,
        headers: &headers,
        hashed_payload: &hashed,
    };
    assert_eq!(
        acs_sign::v3::signature(&request, "YourAccessKeySecret"),
        "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
    );
}

#[tokio::test]
async fn a_correctly_signed_request_is_accepted_with_content_length() {
    let sandbox = Sandbox::start();
    let answer = send(&sandbox.endpoint(), &clusters_call(), &Keys::demo()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.raw);
    assert_eq!(answer.body["page_info"]["total_count"], 2);
    let length: usize = answer.headers["content-length"].to_str().unwrap().parse().unwrap();
    assert_eq!(length, answer.raw.len());
    let logged = sandbox.requests();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].action.as_deref(), Some("DescribeClustersV1"));
    assert_eq!(logged[0].access_key_id.as_deref(), Some(DEMO_ACCESS_KEY_ID));
    assert_eq!(logged[0].status, 200);
}

#[tokio::test]
async fn a_wrong_secret_does_not_match_and_the_body_has_the_cs_shape() {
    let sandbox = Sandbox::start();
    let keys = Keys::new(DEMO_ACCESS_KEY_ID, "not-the-secret");
    let answer = send(&sandbox.endpoint(), &clusters_call(), &keys).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.code(), "SignatureDoesNotMatch");
    assert_eq!(answer.body["message"], "Specified signature is not matched with our calculation.");
    assert_eq!(answer.body["status"], 400);
    assert_eq!(answer.body["statusCode"], 400);
    assert!(answer.body["requestId"].as_str().is_some_and(|id| id.len() == 36));
    assert_eq!(sandbox.requests()[0].error_code.as_deref(), Some("SignatureDoesNotMatch"));
}

#[tokio::test]
async fn a_query_changed_after_signing_does_not_match() {
    let sandbox = Sandbox::start();
    let answer = send_with(&sandbox.endpoint(), &clusters_call(), &Keys::demo(), |query, _| {
        *query = query.replace(DEMO_REGION, "cn-beijing");
    })
    .await;
    assert_eq!(answer.code(), "SignatureDoesNotMatch");
}

#[tokio::test]
async fn a_body_that_does_not_match_its_declared_hash_does_not_match() {
    let sandbox = Sandbox::start();
    let revoke = || Call {
        body: b"{}".to_vec(),
        ..Call::delete(&format!("/k8s/{DEMO_WEB_CLUSTER_ID}/certs"), "RevokeK8sClusterKubeConfig")
    };
    let honest = send(&sandbox.endpoint(), &revoke(), &Keys::demo()).await;
    assert_eq!(honest.status, StatusCode::OK, "a signed body is fine: {}", honest.raw);
    // Signed over the hash of `{}`, sent with another body.
    let signed = revoke();
    let host = sandbox.endpoint().replace("http://", "");
    let mut request = client().delete(format!("{}{}", sandbox.endpoint(), signed.path)).body(b"{\"a\":1}".to_vec());
    for (name, value) in signed.signed_headers(&host, &Keys::demo()) {
        request = request.header(name, value);
    }
    let lying = answer(request.send().await.unwrap()).await;
    assert_eq!(lying.code(), "SignatureDoesNotMatch");
}

#[tokio::test]
async fn a_stale_date_is_expired() {
    let sandbox = Sandbox::start();
    let call = Call { date: format_date(OffsetDateTime::now_utc() - time::Duration::minutes(20)), ..clusters_call() };
    let answer = send(&sandbox.endpoint(), &call, &Keys::demo()).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.code(), "InvalidTimeStamp.Expired");
    let future = Call { date: format_date(OffsetDateTime::now_utc() + time::Duration::minutes(20)), ..clusters_call() };
    assert_eq!(send(&sandbox.endpoint(), &future, &Keys::demo()).await.code(), "InvalidTimeStamp.Expired");
}

#[tokio::test]
async fn a_reused_nonce_is_refused() {
    let sandbox = Sandbox::start();
    let call = clusters_call();
    assert_eq!(send(&sandbox.endpoint(), &call, &Keys::demo()).await.status, StatusCode::OK);
    let replay = send(&sandbox.endpoint(), &call, &Keys::demo()).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
    assert_eq!(replay.code(), "SignatureNonceUsed");
}

#[tokio::test]
async fn a_missing_or_garbled_authorization_is_incomplete() {
    let sandbox = Sandbox::start();
    let endpoint = sandbox.endpoint();
    let missing = send_with(&endpoint, &clusters_call(), &Keys::demo(), |_, headers| {
        headers.retain(|(name, _)| name != "authorization");
    })
    .await;
    assert_eq!((missing.status, missing.code()), (StatusCode::BAD_REQUEST, "IncompleteSignature"));
    let garbled = send_with(&endpoint, &clusters_call(), &Keys::demo(), |_, headers| {
        headers.retain(|(name, _)| name != "authorization");
        headers.push(("authorization".to_string(), "acs LTAI:abc".to_string()));
    })
    .await;
    assert_eq!(garbled.code(), "IncompleteSignature");
    let unsigned_header = send_with(&endpoint, &clusters_call(), &Keys::demo(), |_, headers| {
        headers.push(("x-acs-extra".to_string(), "sneaked in".to_string()));
    })
    .await;
    assert_eq!(unsigned_header.code(), "IncompleteSignature");
    let no_nonce = send_with(&endpoint, &clusters_call(), &Keys::demo(), |_, headers| {
        headers.retain(|(name, _)| name != "x-acs-signature-nonce");
    })
    .await;
    assert_eq!(no_nonce.code(), "IncompleteSignature");
}

#[tokio::test]
async fn an_unknown_key_is_not_found() {
    let sandbox = Sandbox::start();
    let answer = send(&sandbox.endpoint(), &clusters_call(), &Keys::new("LTAI5tNobody", "whatever")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.code(), "InvalidAccessKeyId.NotFound");
}

#[tokio::test]
async fn an_sts_key_needs_its_token_and_expires() {
    let sandbox = Sandbox::start();
    let expiry = sandbox.now() + time::Duration::hours(1);
    sandbox.add_account(
        Account::new("STS.TestKey", "sts-secret", DEMO_UID).with_security_token("the-token").expiring_at(expiry),
    );
    let with_token = Keys { security_token: Some("the-token".to_string()), ..Keys::new("STS.TestKey", "sts-secret") };
    assert_eq!(send(&sandbox.endpoint(), &clusters_call(), &with_token).await.status, StatusCode::OK);
    let without = send(&sandbox.endpoint(), &clusters_call(), &Keys::new("STS.TestKey", "sts-secret")).await;
    assert_eq!(without.code(), "MissingSecurityToken");
    let wrong = Keys { security_token: Some("another".to_string()), ..with_token.clone() };
    assert_eq!(
        send(&sandbox.endpoint(), &clusters_call(), &wrong).await.code(),
        "InvalidSecurityToken.MismatchWithAccessKey"
    );
    sandbox.advance_clock(std::time::Duration::from_secs(2 * 3600));
    assert_eq!(send(&sandbox.endpoint(), &clusters_call(), &with_token).await.code(), "InvalidSecurityToken.Expired");
}

#[tokio::test]
async fn a_ram_denial_names_the_action() {
    let sandbox = Sandbox::start();
    sandbox.add_account(
        Account::new("LTAI5tDenied", "denied-secret", "272899990000002").denying("cs:DescribeClusterUserKubeconfig"),
    );
    let answer =
        send(&sandbox.endpoint(), &Call::kubeconfig(DEMO_WEB_CLUSTER_ID), &Keys::new("LTAI5tDenied", "denied-secret"))
            .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.code(), "StatusForbidden");
    assert_eq!(answer.body["message"], "RAM policy Forbidden for action cs:DescribeClusterUserKubeconfig");
    assert_eq!(answer.body["accessDeniedDetail"]["AuthAction"], "cs:DescribeClusterUserKubeconfig");
}

#[tokio::test]
async fn the_https_endpoint_serves_the_same_api_under_its_own_ca() {
    let sandbox = Sandbox::start_with(SandboxConfig::default().with_https());
    let endpoint = sandbox.https_endpoint().unwrap();
    let ca = reqwest::Certificate::from_pem(sandbox.https_ca_pem().unwrap().as_bytes()).unwrap();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let https = reqwest::Client::builder().no_proxy().tls_certs_only([ca]).build().unwrap();
    let call = clusters_call();
    let host = endpoint.replace("https://", "");
    let mut request = https.get(format!("{endpoint}{}?{}", call.path, call.query_string()));
    for (name, value) in call.signed_headers(&host, &Keys::demo()) {
        request = request.header(name, value);
    }
    let answer = answer(request.send().await.unwrap()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.raw);
}
