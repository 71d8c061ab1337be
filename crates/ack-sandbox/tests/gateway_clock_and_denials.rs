//! What `kubectl ack doctor` needs from the fake gateway: a `Date` header on every answer that follows a
//! skew tests set (and the signature date check with it), and a RAM denial that can be injected.

mod common;

use common::*;
use reqwest::StatusCode;
use time::OffsetDateTime;

fn detail_call() -> Call {
    Call::get(&format!("/clusters/{DEMO_WEB_CLUSTER_ID}"), "DescribeClusterDetail")
}

/// The `Date` header of an answer, parsed.
fn date_of(answer: &Answer) -> OffsetDateTime {
    let text = answer.headers["date"].to_str().unwrap();
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::PrimitiveDateTime::parse(text, format).unwrap_or_else(|_| panic!("not an HTTP date: {text}")).assume_utc()
}

fn assert_about(actual: time::Duration, expected: time::Duration) {
    assert!((actual - expected).abs() <= time::Duration::seconds(5), "{actual} is not about {expected}");
}

#[tokio::test]
async fn answers_are_dated_by_the_wall_clock_until_a_skew_is_set() {
    let sandbox = Sandbox::start();
    let answer = send(&sandbox.endpoint(), &detail_call(), &Keys::demo()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.raw);
    assert_about(date_of(&answer) - OffsetDateTime::now_utc(), time::Duration::ZERO);

    sandbox.set_api_clock_skew(time::Duration::minutes(5));
    let answer = send(&sandbox.endpoint(), &detail_call(), &Keys::demo()).await;
    assert_eq!(answer.status, StatusCode::OK, "five minutes off is within the gateway's tolerance");
    assert_about(date_of(&answer) - OffsetDateTime::now_utc(), time::Duration::minutes(5));
}

#[tokio::test]
async fn a_gateway_twenty_minutes_ahead_refuses_the_signature_date_and_still_dates_its_answer() {
    let sandbox = Sandbox::start();
    sandbox.set_api_clock_skew(time::Duration::minutes(20));
    let answer = send(&sandbox.endpoint(), &detail_call(), &Keys::demo()).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::BAD_REQUEST, "InvalidTimeStamp.Expired"), "{}", answer.raw);
    assert_about(date_of(&answer) - OffsetDateTime::now_utc(), time::Duration::minutes(20));

    sandbox.set_api_clock_skew(time::Duration::minutes(-20));
    let answer = send(&sandbox.endpoint(), &detail_call(), &Keys::demo()).await;
    assert_eq!(answer.code(), "InvalidTimeStamp.Expired");
    assert_about(date_of(&answer) - OffsetDateTime::now_utc(), time::Duration::minutes(-20));
}

#[tokio::test]
async fn moving_certificate_time_does_not_skew_the_gateway() {
    let sandbox = Sandbox::start();
    sandbox.advance_clock(std::time::Duration::from_secs(3600));
    let answer = send(&sandbox.endpoint(), &detail_call(), &Keys::demo()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.raw);
    assert_about(date_of(&answer) - OffsetDateTime::now_utc(), time::Duration::ZERO);
}

#[tokio::test]
async fn an_injected_denial_looks_like_a_real_ram_denial_of_the_action() {
    let sandbox = Sandbox::start();
    sandbox.inject(Fault::forbidden().only("DescribeClusterUserKubeconfig"));
    let detail = send(&sandbox.endpoint(), &detail_call(), &Keys::demo()).await;
    assert_eq!(detail.status, StatusCode::OK, "the fault is for the kubeconfig call only");

    let denied = send(&sandbox.endpoint(), &Call::kubeconfig(DEMO_WEB_CLUSTER_ID), &Keys::demo()).await;
    assert_eq!((denied.status, denied.code()), (StatusCode::FORBIDDEN, "StatusForbidden"), "{}", denied.raw);
    assert_eq!(denied.body["message"], "RAM policy Forbidden for action cs:DescribeClusterUserKubeconfig");
    assert_eq!(denied.body["statusCode"], 403);
    let detail = &denied.body["accessDeniedDetail"];
    assert_eq!(detail["AuthAction"], "cs:DescribeClusterUserKubeconfig");
    assert_eq!(detail["AuthPrincipalOwnerId"], DEMO_UID);
    assert_eq!(detail["NoPermissionType"], "ImplicitDeny");
    assert!(denied.headers.contains_key("date"));
    assert_eq!(sandbox.requests().last().unwrap().error_code.as_deref(), Some("StatusForbidden"));

    fetch_kubeconfig(&sandbox, DEMO_WEB_CLUSTER_ID, &[]).await;
}
