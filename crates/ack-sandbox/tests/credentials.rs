//! The fake credential sources: STS AssumeRole / AssumeRoleWithOIDC, ECS metadata (IMDSv2) and the
//! credentials URI each hand out keys that the fake CS accepts while they are valid.

mod common;

use std::time::Duration;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;
use time::OffsetDateTime;

fn clusters() -> Call {
    Call::get("/api/v1/clusters", "DescribeClustersV1")
}

async fn accepted_by_cs(sandbox: &Sandbox, keys: &Keys) -> bool {
    let answer = send(&sandbox.endpoint(), &clusters(), keys).await;
    answer.status == StatusCode::OK && answer.body["page_info"]["total_count"] == 2
}

/// An RPC V2 (HMAC-SHA1) AssumeRole as credentials-go sends it: signed query, form body.
async fn assume_role(
    sandbox: &Sandbox,
    keys: &Keys,
    role_arn: &str,
    tamper: impl FnOnce(&mut Vec<(String, String)>),
) -> Answer {
    let mut query: Vec<(String, String)> = [
        ("Version", "2015-04-01"),
        ("Action", "AssumeRole"),
        ("Format", "JSON"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    query.push(("Timestamp".to_string(), format_date(OffsetDateTime::now_utc())));
    query.push(("SignatureNonce".to_string(), random_nonce()));
    query.push(("AccessKeyId".to_string(), keys.access_key_id.clone()));
    if let Some(token) = &keys.security_token {
        query.push(("SecurityToken".to_string(), token.clone()));
    }
    let form: Vec<(String, String)> =
        [("RoleArn", role_arn), ("RoleSessionName", "sandbox-test"), ("DurationSeconds", "3600")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
    let all: Vec<(String, String)> = query.iter().chain(form.iter()).cloned().collect();
    query.push(("Signature".to_string(), acs_sign::rpc_v2_signature("POST", &all, &keys.access_key_secret)));
    tamper(&mut query);
    post_form(&sandbox.sts_endpoint(), &query, &form).await
}

async fn post_form(endpoint: &str, query: &[(String, String)], form: &[(String, String)]) -> Answer {
    let encode = |pairs: &[(String, String)]| {
        pairs
            .iter()
            .map(|(k, v)| format!("{}={}", acs_sign::percent_encode(k), acs_sign::percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    };
    let response = client()
        .post(format!("{endpoint}/?{}", encode(query)))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(form))
        .send()
        .await
        .unwrap();
    answer(response).await
}

#[tokio::test]
async fn assume_role_gives_sts_keys_the_cs_accepts() {
    let sandbox = Sandbox::start();
    let answer = assume_role(&sandbox, &Keys::demo(), DEMO_ROLE_ARN, |_| {}).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.raw);
    assert!(answer.body["RequestId"].is_string());
    assert!(answer.body["AssumedRoleUser"]["Arn"].as_str().unwrap().starts_with(DEMO_ROLE_ARN));
    let credentials = &answer.body["Credentials"];
    assert!(credentials["AccessKeyId"].as_str().unwrap().starts_with("STS."));
    let expiration = credentials["Expiration"].as_str().unwrap();
    assert!(expiration.ends_with('Z') && expiration.len() == 20, "{expiration}");
    let keys = Keys::from_credentials(credentials);
    assert!(accepted_by_cs(&sandbox, &keys).await);

    // Chained: the STS keys assume the role again, with their token.
    let chained = assume_role(&sandbox, &keys, DEMO_ROLE_ARN, |_| {}).await;
    assert_eq!(chained.status, StatusCode::OK, "{}", chained.raw);
    let sts_log: Vec<_> = sandbox.requests().into_iter().filter(|r| r.service == Service::Sts).collect();
    assert_eq!(sts_log.len(), 2);
    assert_eq!(sts_log[0].action.as_deref(), Some("AssumeRole"));
}

#[tokio::test]
async fn assume_role_rejects_bad_requests_in_rpc_shape() {
    let sandbox = Sandbox::start();
    let wrong_secret = assume_role(&sandbox, &Keys::new(DEMO_ACCESS_KEY_ID, "nope"), DEMO_ROLE_ARN, |_| {}).await;
    assert_eq!(wrong_secret.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong_secret.body["Code"], "SignatureDoesNotMatch");
    assert!(wrong_secret.body["RequestId"].is_string() && wrong_secret.body["HostId"].is_string());
    let unknown_role = assume_role(&sandbox, &Keys::demo(), "acs:ram::1:role/none", |_| {}).await;
    assert_eq!(unknown_role.body["Code"], "EntityNotExist.Role");
    let stale = assume_role(&sandbox, &Keys::demo(), DEMO_ROLE_ARN, |query| {
        for (key, value) in query.iter_mut() {
            if key == "Timestamp" {
                *value = format_date(OffsetDateTime::now_utc() - time::Duration::minutes(30));
            }
        }
    })
    .await;
    assert_eq!(stale.body["Code"], "InvalidTimeStamp.Expired");
    let unknown_key = assume_role(&sandbox, &Keys::new("LTAI5tNobody", "x"), DEMO_ROLE_ARN, |_| {}).await;
    assert_eq!(unknown_key.body["Code"], "InvalidAccessKeyId.NotFound");
}

#[tokio::test]
async fn sts_keys_expire_with_the_configured_lifetime() {
    let sandbox = Sandbox::start_with(SandboxConfig::default().with_credential_lifetime(Duration::from_secs(900)));
    let answer = assume_role(&sandbox, &Keys::demo(), DEMO_ROLE_ARN, |_| {}).await;
    let keys = Keys::from_credentials(&answer.body["Credentials"]);
    let expiration = OffsetDateTime::parse(
        answer.body["Credentials"]["Expiration"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert!(expiration - sandbox.now() <= time::Duration::seconds(900));
    assert!(accepted_by_cs(&sandbox, &keys).await);
    sandbox.advance_clock(Duration::from_secs(901));
    assert_eq!(send(&sandbox.endpoint(), &clusters(), &keys).await.code(), "InvalidSecurityToken.Expired");
}

#[tokio::test]
async fn assume_role_with_oidc_needs_the_trusted_token() {
    let sandbox = Sandbox::start();
    let oidc = |token: &str| {
        let query: Vec<(String, String)> = [
            ("Version", "2015-04-01"),
            ("Action", "AssumeRoleWithOIDC"),
            ("Format", "JSON"),
            ("Timestamp", &format_date(OffsetDateTime::now_utc())),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let form: Vec<(String, String)> = [
            ("RoleArn", DEMO_ROLE_ARN),
            ("OIDCProviderArn", DEMO_OIDC_PROVIDER_ARN),
            ("OIDCToken", token),
            ("RoleSessionName", "rrsa-test"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let endpoint = sandbox.sts_endpoint();
        async move { post_form(&endpoint, &query, &form).await }
    };
    let answer = oidc(DEMO_OIDC_TOKEN).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.raw);
    assert!(accepted_by_cs(&sandbox, &Keys::from_credentials(&answer.body["Credentials"])).await);
    let refused = oidc("forged.token.value").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.body["Code"], "AuthenticationFail.OIDCToken.Invalid");
}

#[tokio::test]
async fn ecs_metadata_requires_a_session_token() {
    let sandbox = Sandbox::start();
    let http = client();
    let base = sandbox.metadata_endpoint();
    let roles_url = format!("{base}/latest/meta-data/ram/security-credentials/");

    let without_token = http.get(&roles_url).send().await.unwrap();
    assert_eq!(without_token.status(), StatusCode::FORBIDDEN);
    let no_ttl = http.put(format!("{base}/latest/api/token")).send().await.unwrap();
    assert_eq!(no_ttl.status(), StatusCode::BAD_REQUEST);

    let token = http
        .put(format!("{base}/latest/api/token"))
        .header("X-aliyun-ecs-metadata-token-ttl-seconds", "21600")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let role = http.get(&roles_url).header("x-aliyun-ecs-metadata-token", &token).send().await.unwrap();
    assert_eq!(role.status(), StatusCode::OK);
    let role = role.text().await.unwrap();
    assert_eq!(role, DEMO_ECS_ROLE_NAME);
    let credentials: Value = http
        .get(format!("{roles_url}{role}"))
        .header("x-aliyun-ecs-metadata-token", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(credentials["Code"], "Success");
    assert!(credentials["LastUpdated"].is_string() && credentials["Expiration"].is_string());
    assert!(accepted_by_cs(&sandbox, &Keys::from_credentials(&credentials)).await);

    let wrong_token = http.get(&roles_url).header("x-aliyun-ecs-metadata-token", "guess").send().await.unwrap();
    assert_eq!(wrong_token.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_credentials_uri_answers_four_fields_the_cs_accepts() {
    let sandbox = Sandbox::start();
    let credentials: Value = client().get(sandbox.credentials_uri()).send().await.unwrap().json().await.unwrap();
    for field in ["AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"] {
        assert!(credentials[field].as_str().is_some_and(|value| !value.is_empty()), "{field}");
    }
    assert!(accepted_by_cs(&sandbox, &Keys::from_credentials(&credentials)).await);
    assert_eq!(sandbox.requests()[0].service, Service::CredentialsUri);
}
