//! The fake CS operations: kubeconfigs with real certificates, cluster listing and paging, detail,
//! revoke, kubeconfig states, and injected faults.

mod common;

use std::time::Duration;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;
use time::OffsetDateTime;

fn parse_rfc3339(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).unwrap()
}

/// Subject CN, O values and notAfter of a PEM certificate.
fn certificate_facts(pem: &str) -> (String, Vec<String>, OffsetDateTime, OffsetDateTime) {
    let (_, pem) = x509_parser::pem::parse_x509_pem(pem.as_bytes()).unwrap();
    let cert = pem.parse_x509().unwrap();
    let cn = cert.subject().iter_common_name().next().unwrap().as_str().unwrap().to_string();
    let orgs = cert.subject().iter_organization().map(|o| o.as_str().unwrap().to_string()).collect();
    (cn, orgs, cert.validity().not_before.to_datetime(), cert.validity().not_after.to_datetime())
}

#[tokio::test]
async fn a_kubeconfig_looks_like_acks_and_its_certificate_is_real() {
    let sandbox = Sandbox::start();
    let (config, expiration) =
        fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[("TemporaryDurationMinutes", "15")]).await;
    let context = format!("{DEMO_UID}-{DEMO_WEB_CLUSTER_ID}");
    assert!(config.starts_with("apiVersion: v1\n"));
    assert!(config.contains("  name: kubernetes\n"));
    assert!(config.contains(&format!("current-context: {context}\n")));
    assert!(config.contains(&format!("  name: {context}\n")));
    assert!(config.contains(&format!("- name: \"{DEMO_UID}\"\n")));
    assert!(config.contains("kind: Config\n"));
    assert!(config.contains("preferences: {}\n"));
    assert_eq!(kubeconfig_server(&config), sandbox.cluster_endpoints(DEMO_WEB_CLUSTER_ID).unwrap().public.unwrap());
    assert_eq!(
        kubeconfig_field(&config, "certificate-authority-data"),
        sandbox.cluster_ca_pem(DEMO_WEB_CLUSTER_ID).unwrap()
    );

    let (cn, orgs, not_before, not_after) = certificate_facts(&kubeconfig_field(&config, "client-certificate-data"));
    let (uid, issued_at) = cn.split_once('-').unwrap();
    assert_eq!(uid, DEMO_UID);
    assert!((issued_at.parse::<i64>().unwrap() - sandbox.now().unix_timestamp()).abs() < 60);
    assert_eq!(orgs, vec!["system:users"]);
    assert_eq!(not_after, parse_rfc3339(&expiration));
    assert!(expiration.ends_with('Z'));
    let lifetime = not_after - sandbox.now();
    assert!(lifetime <= time::Duration::minutes(15) && lifetime > time::Duration::minutes(14), "{lifetime}");
    assert!(not_before <= sandbox.now());
    assert!(kubeconfig_field(&config, "client-key-data").contains("PRIVATE KEY"));
}

#[tokio::test]
async fn without_a_duration_the_certificate_lasts_three_years() {
    let sandbox = Sandbox::start();
    let (_, expiration) = fetch_kubeconfig(&sandbox, DEMO_BATCH_CLUSTER_ID, &[]).await;
    let lifetime = parse_rfc3339(&expiration) - sandbox.now();
    assert!((lifetime - time::Duration::days(3 * 365)).abs() < time::Duration::minutes(1), "{lifetime}");
}

#[tokio::test]
async fn durations_outside_15_to_4320_minutes_are_invalid() {
    let sandbox = Sandbox::start();
    for minutes in ["14", "4321", "0", "abc", "-15"] {
        let call = Call::kubeconfig(DEMO_WEB_CLUSTER_ID).query("TemporaryDurationMinutes", minutes);
        let answer = send(&sandbox.endpoint(), &call, &Keys::demo()).await;
        assert_eq!((answer.status, answer.code()), (StatusCode::BAD_REQUEST, "InvalidParameter"), "{minutes}");
    }
    fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[("TemporaryDurationMinutes", "4320")]).await;
}

#[tokio::test]
async fn private_and_public_addresses_follow_the_clusters_endpoints() {
    let sandbox = Sandbox::start();
    let endpoints = sandbox.cluster_endpoints(DEMO_WEB_CLUSTER_ID).unwrap();
    let (private, _) = fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[("PrivateIpAddress", "true")]).await;
    assert_eq!(kubeconfig_server(&private), endpoints.intranet.unwrap());
    let (public, _) = fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[("PrivateIpAddress", "false")]).await;
    assert_eq!(kubeconfig_server(&public), endpoints.public.unwrap());

    let call = Call::kubeconfig(DEMO_BATCH_CLUSTER_ID).query("PrivateIpAddress", "true");
    let answer = send(&sandbox.endpoint(), &call, &Keys::demo()).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::BAD_REQUEST, "ErrorEndpointNotFound"));
}

#[tokio::test]
async fn an_unknown_or_invisible_cluster_is_not_found() {
    let sandbox = Sandbox::start();
    let unknown =
        send(&sandbox.endpoint(), &Call::kubeconfig("c00000000000000000000000000000000"), &Keys::demo()).await;
    assert_eq!((unknown.status, unknown.code()), (StatusCode::NOT_FOUND, "ErrorClusterNotFound"));

    sandbox.add_account(Account::new("LTAI5tWebOnly", "web-secret", "272899990000003").seeing([DEMO_WEB_CLUSTER_ID]));
    let keys = Keys::new("LTAI5tWebOnly", "web-secret");
    let detail = Call::get(&format!("/clusters/{DEMO_BATCH_CLUSTER_ID}"), "DescribeClusterDetail");
    assert_eq!(send(&sandbox.endpoint(), &detail, &keys).await.code(), "ErrorClusterNotFound");
    let list = send(&sandbox.endpoint(), &Call::get("/api/v1/clusters", "DescribeClustersV1"), &keys).await;
    assert_eq!(list.body["page_info"]["total_count"], 1);
    assert_eq!(list.body["clusters"][0]["cluster_id"], DEMO_WEB_CLUSTER_ID);
}

#[tokio::test]
async fn detail_carries_master_url_as_a_json_string() {
    let sandbox = Sandbox::start();
    let endpoints = sandbox.cluster_endpoints(DEMO_WEB_CLUSTER_ID).unwrap();
    let call = Call::get(&format!("/clusters/{DEMO_WEB_CLUSTER_ID}"), "DescribeClusterDetail");
    let detail = send(&sandbox.endpoint(), &call, &Keys::demo()).await.body;
    assert_eq!(detail["cluster_id"], DEMO_WEB_CLUSTER_ID);
    assert_eq!(detail["name"], "demo-web");
    assert_eq!(detail["region_id"], DEMO_REGION);
    assert_eq!(detail["cluster_type"], "ManagedKubernetes");
    assert_eq!(detail["current_version"], "1.33.3-aliyun.1");
    assert_eq!(detail["state"], "running");
    let master_url: Value = serde_json::from_str(detail["master_url"].as_str().unwrap()).unwrap();
    assert_eq!(master_url["api_server_endpoint"], endpoints.public.unwrap());
    assert_eq!(master_url["intranet_api_server_endpoint"], endpoints.intranet.unwrap());

    let call = Call::get(&format!("/clusters/{DEMO_BATCH_CLUSTER_ID}"), "DescribeClusterDetail");
    let batch = send(&sandbox.endpoint(), &call, &Keys::demo()).await.body;
    let master_url: Value = serde_json::from_str(batch["master_url"].as_str().unwrap()).unwrap();
    assert_eq!(master_url["intranet_api_server_endpoint"], "");
}

#[tokio::test]
async fn listing_filters_by_region_name_and_type() {
    let sandbox = Sandbox::start();
    sandbox.add_cluster(Cluster::random("edge-1", "cn-beijing").with_type("Kubernetes"));
    let v1 = |call: Call| {
        let endpoint = sandbox.endpoint();
        async move { send(&endpoint, &call, &Keys::demo()).await.body }
    };
    let all = v1(Call::get("/api/v1/clusters", "DescribeClustersV1")).await;
    assert_eq!(all["page_info"], serde_json::json!({"page_number": 1, "page_size": 10, "total_count": 3}));
    assert!(all["clusters"][0]["master_url"].is_string());
    let hangzhou = v1(Call::get("/api/v1/clusters", "DescribeClustersV1").query("region_id", DEMO_REGION)).await;
    assert_eq!(hangzhou["page_info"]["total_count"], 2);
    let named = v1(Call::get("/api/v1/clusters", "DescribeClustersV1").query("name", "batch")).await;
    assert_eq!(named["clusters"][0]["cluster_id"], DEMO_BATCH_CLUSTER_ID);
    assert_eq!(named["page_info"]["total_count"], 1);
    let dedicated = v1(Call::get("/api/v1/clusters", "DescribeClustersV1").query("cluster_type", "Kubernetes")).await;
    assert_eq!(dedicated["clusters"][0]["name"], "edge-1");

    let region = v1(Call::get("/regions/cn-beijing/clusters", "DescribeClustersForRegion")).await;
    assert_eq!(region["page_info"]["total_count"], 1);
    assert_eq!(region["clusters"][0]["name"], "edge-1");
    assert!(region["clusters"][0].get("master_url").is_none());
}

#[tokio::test]
async fn two_hundred_fifty_clusters_come_in_three_pages_of_up_to_100() {
    let mut config = SandboxConfig::empty().with_account(Account::demo());
    for index in 0..250 {
        config = config.with_cluster(Cluster::random(format!("fleet-{index:03}"), DEMO_REGION).public_only());
    }
    let sandbox = Sandbox::start_with(config);
    let mut seen = Vec::new();
    for page in 1..=3 {
        let call = Call::get("/api/v1/clusters", "DescribeClustersV1")
            .query("page_size", "100")
            .query("page_number", &page.to_string());
        let body = send(&sandbox.endpoint(), &call, &Keys::demo()).await.body;
        assert_eq!(body["page_info"]["total_count"], 250);
        assert_eq!(body["page_info"]["page_number"], page);
        assert_eq!(body["page_info"]["page_size"], 100);
        seen.extend(body["clusters"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()));
    }
    assert_eq!(seen.len(), 250);
    assert_eq!(seen[0], "fleet-000");
    assert_eq!(seen[249], "fleet-249");
    let past_the_end =
        Call::get("/api/v1/clusters", "DescribeClustersV1").query("page_size", "100").query("page_number", "4");
    assert_eq!(send(&sandbox.endpoint(), &past_the_end, &Keys::demo()).await.body["clusters"], serde_json::json!([]));
    let too_big = Call::get("/api/v1/clusters", "DescribeClustersV1").query("page_size", "101");
    assert_eq!(send(&sandbox.endpoint(), &too_big, &Keys::demo()).await.code(), "InvalidParameter");
}

#[tokio::test]
async fn kubeconfig_states_show_who_holds_a_live_certificate() {
    let sandbox = Sandbox::start();
    fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[("TemporaryDurationMinutes", "60")]).await;
    let states_call =
        || Call::get(&format!("/clusters/{DEMO_WEB_CLUSTER_ID}/kubeconfig/states"), "ListClusterKubeconfigStates");
    let states = send(&sandbox.endpoint(), &states_call(), &Keys::demo()).await.body;
    assert_eq!(states["page"]["total_count"], 1);
    assert_eq!(states["states"][0]["account_id"], DEMO_UID);
    assert_eq!(states["states"][0]["cert_state"], "Unexpired");
    assert_eq!(states["states"][0]["revokable"], true);
    sandbox.revoke(DEMO_WEB_CLUSTER_ID, DEMO_UID);
    let after = send(&sandbox.endpoint(), &states_call(), &Keys::demo()).await.body;
    assert_eq!(after["page"]["total_count"], 0);
}

#[tokio::test]
async fn kubeconfig_states_name_the_account_type_and_keep_expired_certificates() {
    let sandbox = Sandbox::start();
    sandbox.add_account(Account::new("LTAIalicekey", "alice-secret", "203000000000001").named("alice"));
    sandbox.add_account(
        Account::new("STS.rolekey", "role-secret", "303000000000001").named("ci-role").with_security_token("tok"),
    );
    let states_call =
        || Call::get(&format!("/clusters/{DEMO_WEB_CLUSTER_ID}/kubeconfig/states"), "ListClusterKubeconfigStates");
    fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[]).await;
    let alice = Keys::new("LTAIalicekey", "alice-secret");
    let alice_call = Call::kubeconfig(DEMO_WEB_CLUSTER_ID).query("TemporaryDurationMinutes", "15");
    assert_eq!(send(&sandbox.endpoint(), &alice_call, &alice).await.status, StatusCode::OK);
    let role = Keys { security_token: Some("tok".into()), ..Keys::new("STS.rolekey", "role-secret") };
    assert_eq!(send(&sandbox.endpoint(), &Call::kubeconfig(DEMO_WEB_CLUSTER_ID), &role).await.status, StatusCode::OK);
    sandbox.advance_clock(Duration::from_secs(3600));

    let body = send(&sandbox.endpoint(), &states_call(), &Keys::demo()).await.body;
    let states: Vec<(&str, &str, &str, &str)> = body["states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|state| {
            let field = |name: &str| state[name].as_str().unwrap();
            (field("account_id"), field("account_name"), field("account_type"), field("cert_state"))
        })
        .collect();
    assert_eq!(
        states,
        [
            ("203000000000001", "alice", "RamUser", "Expired"),
            (DEMO_UID, "sandbox-demo", "RootAccount", "Unexpired"),
            ("303000000000001", "ci-role", "RamRole", "Unexpired"),
        ]
    );
}

#[tokio::test]
async fn kubeconfig_states_need_ram_list_users_and_list_roles() {
    let sandbox = Sandbox::start();
    sandbox.add_account(Account::new("LTAInoramkey", "noram-secret", "203000000000002").denying("ram:ListRoles"));
    let call = Call::get(&format!("/clusters/{DEMO_WEB_CLUSTER_ID}/kubeconfig/states"), "ListClusterKubeconfigStates");
    let answer = send(&sandbox.endpoint(), &call, &Keys::new("LTAInoramkey", "noram-secret")).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::FORBIDDEN, "StatusForbidden"));
    assert!(answer.body["message"].as_str().unwrap().contains("ram:ListRoles"), "{}", answer.body);
}

#[tokio::test]
async fn an_unknown_route_is_invalid_api() {
    let sandbox = Sandbox::start();
    let answer = send(&sandbox.endpoint(), &Call::get("/no/such/api", "Nothing"), &Keys::demo()).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::NOT_FOUND, "InvalidApi.NotFound"));
}

mod faults {
    use super::*;

    fn clusters() -> Call {
        Call::get("/api/v1/clusters", "DescribeClustersV1")
    }

    #[tokio::test]
    async fn a_503_then_success() {
        let sandbox = Sandbox::start();
        sandbox.inject(Fault::service_unavailable());
        let first = send(&sandbox.endpoint(), &clusters(), &Keys::demo()).await;
        assert_eq!((first.status, first.code()), (StatusCode::SERVICE_UNAVAILABLE, "ServiceUnavailable"));
        assert_eq!(first.body["statusCode"], 503);
        assert_eq!(send(&sandbox.endpoint(), &clusters(), &Keys::demo()).await.status, StatusCode::OK);
        let log = sandbox.requests();
        assert_eq!(log.iter().map(|r| r.status).collect::<Vec<_>>(), vec![503, 200]);
        assert_eq!(log[0].error_code.as_deref(), Some("ServiceUnavailable"));
    }

    #[tokio::test]
    async fn internal_errors_for_one_action_only() {
        let sandbox = Sandbox::start();
        sandbox.inject(Fault::internal_error().times(2).only("DescribeClusterUserKubeconfig"));
        assert_eq!(send(&sandbox.endpoint(), &clusters(), &Keys::demo()).await.status, StatusCode::OK);
        for _ in 0..2 {
            let answer = send(&sandbox.endpoint(), &Call::kubeconfig(DEMO_WEB_CLUSTER_ID), &Keys::demo()).await;
            assert_eq!((answer.status, answer.code()), (StatusCode::INTERNAL_SERVER_ERROR, "InternalError"));
        }
        fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[]).await;
        assert_eq!(sandbox.request_count("DescribeClusterUserKubeconfig"), 3);
    }

    #[tokio::test]
    async fn throttling_carries_the_rate_limit_header() {
        let sandbox = Sandbox::start();
        sandbox.inject(Fault::throttling());
        let answer = send(&sandbox.endpoint(), &clusters(), &Keys::demo()).await;
        assert_eq!((answer.status, answer.code()), (StatusCode::BAD_REQUEST, "Throttling.User"));
        let limit = answer.headers["x-ratelimit-user-api"].to_str().unwrap();
        assert!(limit.starts_with("Limit:1,Remain:0,TimeLeft:2000,Reset:"), "{limit}");
    }

    #[tokio::test]
    async fn a_truncated_body_is_not_json_but_has_a_true_length() {
        let sandbox = Sandbox::start();
        sandbox.inject(Fault::truncated_body());
        let answer = send(&sandbox.endpoint(), &clusters(), &Keys::demo()).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(serde_json::from_str::<Value>(&answer.raw).is_err(), "{}", answer.raw);
        assert_eq!(answer.headers["content-length"].to_str().unwrap(), answer.raw.len().to_string());
    }

    #[tokio::test]
    async fn an_html_body_from_a_gateway() {
        let sandbox = Sandbox::start();
        sandbox.inject(Fault::html_body().only("/api/"));
        let answer = send(&sandbox.endpoint(), &clusters(), &Keys::demo()).await;
        assert_eq!(answer.status, StatusCode::BAD_GATEWAY);
        assert!(answer.headers["content-type"].to_str().unwrap().starts_with("text/html"));
        assert!(answer.raw.contains("<html>"));
    }

    #[tokio::test]
    async fn latency_delays_the_answer() {
        let sandbox = Sandbox::start();
        sandbox.inject(Fault::latency(Duration::from_millis(300)).always());
        for _ in 0..2 {
            let started = std::time::Instant::now();
            assert_eq!(send(&sandbox.endpoint(), &clusters(), &Keys::demo()).await.status, StatusCode::OK);
            assert!(started.elapsed() >= Duration::from_millis(300));
        }
    }
}
