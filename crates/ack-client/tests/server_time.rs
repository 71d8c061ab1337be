//! `Client::server_time` against the sandbox: the API's `Date`, from a success and from a refusal.

use std::time::Duration;

use ack_client::{Client, Error, MapEnvironment};
use ack_sandbox::{DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_REGION, DEMO_WEB_CLUSTER_ID, Sandbox};
use time::OffsetDateTime;

fn client(sandbox: &Sandbox, home: &std::path::Path) -> Client {
    let env = MapEnvironment::new()
        .home(home)
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID)
        .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", DEMO_ACCESS_KEY_SECRET);
    Client::builder()
        .environment(env)
        .region(Some(DEMO_REGION.to_string()))
        .endpoint(Some(sandbox.endpoint()))
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn assert_about(actual: time::Duration, expected: time::Duration) {
    assert!((actual - expected).abs() <= time::Duration::seconds(5), "{actual} is not about {expected}");
}

#[tokio::test]
async fn the_servers_date_comes_with_an_accepted_call() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().unwrap();
    let time = client(&sandbox, home.path()).server_time(DEMO_WEB_CLUSTER_ID).await.unwrap();
    assert_eq!(time.refused, None);
    assert_about(time.date - OffsetDateTime::now_utc(), time::Duration::ZERO);
    assert_eq!(sandbox.request_count("DescribeClusterDetail"), 1);
}

#[tokio::test]
async fn a_call_refused_for_its_date_still_gives_the_servers_date_and_is_not_retried() {
    let sandbox = Sandbox::start();
    sandbox.set_api_clock_skew(time::Duration::minutes(-30));
    let home = tempfile::tempdir().unwrap();
    let time = client(&sandbox, home.path()).server_time(DEMO_WEB_CLUSTER_ID).await.unwrap();
    assert_eq!(time.refused.as_ref().map(|api| api.code.as_str()), Some("InvalidTimeStamp.Expired"));
    assert_about(time.date - OffsetDateTime::now_utc(), time::Duration::minutes(-30));
    assert_eq!(sandbox.request_count("DescribeClusterDetail"), 1);
}

#[tokio::test]
async fn no_answer_at_all_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let home = tempfile::tempdir().unwrap();
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID)
        .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", DEMO_ACCESS_KEY_SECRET);
    let client = Client::builder()
        .environment(env)
        .endpoint(Some(format!("http://127.0.0.1:{port}")))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let error = client.server_time(DEMO_WEB_CLUSTER_ID).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
}
