//! The user-lifecycle operations (issue 16): paths, parameters and answers as ACK documents them
//! (reference: lifecycle-token-l10n.md, Q2), against a scripted loopback server.

mod common;

use std::time::Duration;

use ack_client::{Client, Error, KubeconfigRequest, MapEnvironment, RetryPolicy};
use common::{Reply, Server};

const CLUSTER_ID: &str = "c0123456789abcdef0123456789abcdef";
const UID: &str = "276543210987654";

fn client(server: &Server, home: &tempfile::TempDir) -> Client {
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIoffboard")
        .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "offboard-secret");
    Client::builder()
        .environment(env)
        .region(Some("cn-hangzhou".into()))
        .endpoint(Some(server.url()))
        .timeout(Duration::from_secs(10))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

/// A client whose STS is `server` (its CS endpoint is a closed loopback port: only STS may be called).
fn sts_client(server: &Server, home: &tempfile::TempDir) -> Client {
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIoffboard")
        .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "offboard-secret")
        .var("ALIBABA_CLOUD_STS_ENDPOINT", server.url());
    Client::builder()
        .environment(env)
        .region(Some("cn-hangzhou".into()))
        .endpoint(Some("http://127.0.0.1:9".into()))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

fn query(seen: &common::Seen) -> Vec<(String, String)> {
    let url = reqwest::Url::parse(&format!("http://127.0.0.1{}", seen.target)).unwrap();
    url.query_pairs().into_owned().collect()
}

#[tokio::test]
async fn a_users_kubeconfig_states_are_read_page_by_page_with_snake_case_paging() {
    let server = Server::start(|seen| {
        let page = query(seen).into_iter().find(|(key, _)| key == "page_number").map(|(_, value)| value);
        let state = |n: usize| {
            format!(
                r#"{{"cluster_id":"c{n}","cluster_name":"web-{n}","cluster_state":"running","cert_expire_time":"2027-11-30T07:41:50Z","cert_state":"Unexpired"}}"#
            )
        };
        let states: Vec<String> = match page.as_deref() {
            Some("1") => (0..100).map(state).collect(),
            _ => (100..103).map(state).collect(),
        };
        Reply::json(
            200,
            &format!(
                r#"{{"page":{{"page_number":1,"page_size":100,"total_count":103}},"states":[{}]}}"#,
                states.join(",")
            ),
        )
    });
    let home = tempfile::tempdir().unwrap();
    let states = client(&server, &home).list_user_kubeconfig_states(UID).await.unwrap();
    assert_eq!(states.len(), 103);
    assert_eq!((states[102].cluster_id.as_str(), states[102].cert_state.as_str()), ("c102", "Unexpired"));
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].path(), format!("/users/{UID}/kubeconfig/states"));
    assert!(query(&seen[1]).contains(&("page_size".into(), "100".into())), "{:?}", seen[1].target);
    assert_eq!(seen[0].header("x-acs-action"), Some("ListUserKubeConfigStates"));
}

#[tokio::test]
async fn permissions_are_a_json_array_with_numeric_flags() {
    let server = Server::start(|_| {
        Reply::json(
            200,
            r#"[{"resource_id":"c1/team-a","resource_type":"namespace","role_name":"dev","role_type":"dev","is_owner":0,"is_ram_role":1},{"resource_id":"all-clusters","resource_type":"console","role_name":"admin","role_type":"admin","is_owner":1,"is_ram_role":0}]"#,
        )
    });
    let home = tempfile::tempdir().unwrap();
    let permissions = client(&server, &home).describe_user_permission(UID).await.unwrap();
    assert_eq!(permissions.len(), 2);
    assert!(permissions[0].is_ram_role && !permissions[0].is_owner && permissions[1].is_owner);
    assert_eq!(server.seen()[0].path(), format!("/permissions/users/{UID}"));
}

#[tokio::test]
async fn a_clean_sends_the_clusters_comma_joined_and_force_and_is_never_retried() {
    let server =
        Server::start(|_| Reply::json(200, r#"{"request_id":"687C5BAA","task_id":"clean-user-permissions-1"}"#));
    let home = tempfile::tempdir().unwrap();
    let client = client(&server, &home);
    let clusters = vec!["c1".to_string(), "c2".to_string()];
    let task = client.clean_user_permissions(UID, &clusters, false).await.unwrap();
    assert_eq!(task.task_id, "clean-user-permissions-1");
    let seen = &server.seen()[0];
    assert_eq!((seen.method.as_str(), seen.path()), ("DELETE", format!("/users/{UID}/permissions").as_str()));
    let query = query(seen);
    assert!(
        query.contains(&("ClusterIds".into(), "c1,c2".into())) && query.contains(&("Force".into(), "false".into())),
        "{query:?}"
    );

    client.clean_cluster_user_permissions(CLUSTER_ID, UID, true).await.unwrap();
    let seen = &server.seen()[1];
    assert_eq!(seen.path(), format!("/cluster/{CLUSTER_ID}/user/{UID}/permissions"));
    assert!(self::query(seen).contains(&("Force".into(), "true".into())));
}

#[tokio::test]
async fn a_clean_is_confirmed_only_by_what_ack_answers() {
    let home = tempfile::tempdir().unwrap();
    for (reply, confirmed) in [
        (Reply::with_type(200, "text/html", "<html>Sign in to the Wi-Fi</html>"), false),
        (Reply::json(200, r#"{"code":"ErrorUserActive","message":"the user was active within 7 days"}"#), false),
        (Reply::json(200, "[]"), false),
        (Reply::json(200, r#"{"request_id":"r"}"#), true),
    ] {
        let reply = std::sync::Mutex::new(Some(reply));
        let server = Server::start(move |_| reply.lock().unwrap().take().unwrap_or(Reply::empty(500)));
        let result = client(&server, &home).clean_user_permissions(UID, &[], false).await;
        assert_eq!(result.is_ok(), confirmed, "{result:?}");
        if let Err(Error::Api(api)) = &result {
            assert_eq!(api.code, "ErrorUserActive");
        }
        assert_eq!(server.connections(), 1, "a clean is never sent twice");
    }
    // One cluster: ACK answers with the status alone.
    let server = Server::start(|_| Reply::empty(200));
    client(&server, &home).clean_cluster_user_permissions(CLUSTER_ID, UID, false).await.unwrap();
}

#[tokio::test]
async fn activity_and_a_kubeconfig_for_another_user() {
    let server = Server::start(|seen| {
        if seen.path().ends_with("/activity-state") {
            Reply::json(200, r#"{"active":true,"last_activity":"2026-12-01T08:00:00Z","log_project_name":"p"}"#)
        } else {
            Reply::json(200, r#"{"config":"apiVersion: v1\n","expiration":"2027-12-01T08:00:00Z"}"#)
        }
    });
    let home = tempfile::tempdir().unwrap();
    let client = client(&server, &home);
    let activity = client.describe_user_cluster_activity_state(CLUSTER_ID, UID).await.unwrap();
    assert!(activity.active && activity.last_activity.starts_with("2026-12-01"));
    let request = KubeconfigRequest { private_ip_address: true, temporary_duration_minutes: Some(60) };
    let kubeconfig = client.describe_subaccount_kubeconfig(CLUSTER_ID, UID, &request).await.unwrap();
    assert_eq!(kubeconfig.config, "apiVersion: v1\n");
    let seen = server.seen();
    assert_eq!(seen[0].path(), format!("/clusters/{CLUSTER_ID}/users/{UID}/activity-state"));
    assert_eq!(seen[1].path(), format!("/k8s/{CLUSTER_ID}/users/{UID}/user_config"));
    let query = query(&seen[1]);
    assert!(
        query.contains(&("PrivateIpAddress".into(), "true".into()))
            && query.contains(&("TemporaryDurationMinutes".into(), "60".into()))
    );
}

#[tokio::test]
async fn the_caller_identity_comes_from_sts_get_caller_identity_signed_with_the_chains_key() {
    let server = Server::start(|_| {
        Reply::json(
            200,
            r#"{"AccountId":"272899990000001","UserId":"276543210987654","Arn":"acs:ram::272899990000001:user/alice","IdentityType":"RAMUser","PrincipalId":"276543210987654","RequestId":"r"}"#,
        )
    });
    let home = tempfile::tempdir().unwrap();
    let identity = sts_client(&server, &home).caller_identity().await.unwrap();
    assert_eq!(identity.arn, "acs:ram::272899990000001:user/alice");
    assert_eq!((identity.account_id.as_str(), identity.user_id.as_str()), ("272899990000001", UID));
    assert_eq!(identity.identity_type, "RAMUser");
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "POST");
    let query = query(&seen[0]);
    let value = |name: &str| query.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
    assert_eq!(value("Action"), Some("GetCallerIdentity"));
    assert_eq!(value("AccessKeyId"), Some("LTAIoffboard"));
    assert!(value("Signature").is_some_and(|signature| !signature.is_empty()));
}

#[tokio::test]
async fn a_caller_identity_answer_without_an_arn_is_an_error() {
    let server = Server::start(|_| Reply::json(200, r#"{"RequestId":"r"}"#));
    let home = tempfile::tempdir().unwrap();
    let error = sts_client(&server, &home).caller_identity().await.unwrap_err();
    assert!(error.to_string().contains("GetCallerIdentity"), "{error}");
}
