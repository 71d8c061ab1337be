//! Hostile transports (issue 13): redirects, huge and endless bodies, HTML and other answers that are
//! not the API's. Every server is a scripted one on loopback (`common::Server`); every other endpoint a
//! test could reach (STS, metadata) points at an untouchable loopback server.

mod common;

use std::time::{Duration, Instant};

use ack_client::{Client, ClusterFilter, Error, MapEnvironment, RetryPolicy};
use common::{Reply, Server, sts_credentials_json};

const CLUSTER_ID: &str = "c0123456789abcdef0123456789abcdef";

/// Environment with an AccessKey pair, no home files, no metadata service and STS on `sts`.
fn env_with_key(home: &tempfile::TempDir, sts: &Server) -> MapEnvironment {
    MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url())
        .var("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIredirect")
        .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "redirect-secret")
        .var("ALIBABA_CLOUD_SECURITY_TOKEN", "redirect-token")
}

fn client(env: MapEnvironment, endpoint: &str) -> Client {
    Client::builder()
        .environment(env)
        .region(Some("cn-hangzhou".into()))
        .endpoint(Some(endpoint.to_string()))
        .timeout(Duration::from_secs(10))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

/// A server that redirects everything to `target` with `status`, and a path and query that must never
/// be shown (they could hold a secret).
fn redirecting(status: u16, target: &Server) -> Server {
    let location = format!("{}/steal/secret-path?token=secret-query", target.url());
    Server::start(move |_| Reply::redirect(status, &location))
}

/// The error, its causes and its hint, as a user would see them.
fn everything_shown(error: &Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push('\n');
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    if let Some(hint) = error.hint() {
        text.push('\n');
        text.push_str(&hint);
    }
    text
}

/// The redirect was refused: nothing reached the target, the error names the status and the target's
/// host and port, and no path, query or secret shows.
fn assert_redirect_refused(error: &Error, status: u16, target: &Server) {
    let shown = everything_shown(error);
    assert_eq!(target.connections(), 0, "the redirect was followed: {shown}");
    assert!(shown.contains(&format!("HTTP {status}")), "{shown}");
    assert!(shown.contains(&format!("127.0.0.1:{}", target.port())), "{shown}");
    for secret in ["steal", "secret-path", "secret-query", "redirect-secret", "redirect-token"] {
        assert!(!shown.contains(secret), "{secret:?} shown: {shown}");
    }
    assert!(format!("{error:?}").contains("Redirect {"), "not a redirect error: {error:?}");
}

#[tokio::test]
async fn redirect_from_the_cs_api_is_not_followed_302() {
    let (target, sts, home) = (Server::untouchable(), Server::untouchable(), tempfile::tempdir().unwrap());
    let cs = redirecting(302, &target);
    let error = client(env_with_key(&home, &sts), &cs.url()).list_clusters(&ClusterFilter::default()).await;
    assert_redirect_refused(&error.unwrap_err(), 302, &target);
    assert_eq!(cs.connections(), 1, "a redirect is not retried");
}

#[tokio::test]
async fn redirect_from_the_cs_api_is_not_followed_307_on_a_delete() {
    let (target, sts, home) = (Server::untouchable(), Server::untouchable(), tempfile::tempdir().unwrap());
    let cs = redirecting(307, &target);
    let error = client(env_with_key(&home, &sts), &cs.url()).revoke_cluster_kubeconfig(CLUSTER_ID).await;
    assert_redirect_refused(&error.unwrap_err(), 307, &target);
}

#[tokio::test]
async fn redirect_from_the_cs_api_is_not_followed_for_server_time() {
    let (target, sts, home) = (Server::untouchable(), Server::untouchable(), tempfile::tempdir().unwrap());
    let cs = redirecting(308, &target);
    let error = client(env_with_key(&home, &sts), &cs.url()).server_time(CLUSTER_ID).await;
    assert_redirect_refused(&error.unwrap_err(), 308, &target);
}

#[tokio::test]
async fn redirect_from_sts_assume_role_is_not_followed() {
    let (target, cs, home) = (Server::untouchable(), Server::untouchable(), tempfile::tempdir().unwrap());
    let sts = redirecting(307, &target);
    std::fs::create_dir_all(home.path().join(".aliyun")).unwrap();
    std::fs::write(
        home.path().join(".aliyun/config.json"),
        r#"{"current":"role","profiles":[{"name":"role","mode":"RamRoleArn","access_key_id":"LTAIrole",
            "access_key_secret":"redirect-secret","ram_role_arn":"acs:ram::1:role/r"}]}"#,
    )
    .unwrap();
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url());
    let error = client(env, &cs.url()).credential_source().await.unwrap_err();
    assert_redirect_refused(&error, 307, &target);
    assert_eq!(cs.connections(), 0);
}

#[tokio::test]
async fn redirect_from_sts_assume_role_with_oidc_is_not_followed() {
    let (target, cs, home) = (Server::untouchable(), Server::untouchable(), tempfile::tempdir().unwrap());
    let sts = redirecting(302, &target);
    let token = home.path().join("oidc-token");
    std::fs::write(&token, "eyJoidc").unwrap();
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url())
        .var("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token.display().to_string())
        .var("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/p")
        .var("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/r");
    let error = client(env, &cs.url()).credential_source().await.unwrap_err();
    assert_redirect_refused(&error, 302, &target);
    assert!(!everything_shown(&error).contains("eyJoidc"));
}

#[tokio::test]
async fn redirect_from_the_metadata_service_is_not_followed() {
    let (target, cs, sts, home) =
        (Server::untouchable(), Server::untouchable(), Server::untouchable(), tempfile::tempdir().unwrap());
    // The token call succeeds; the credentials call is redirected.
    let location = format!("{}/steal/secret-path?token=secret-query", target.url());
    let metadata = Server::start(move |request| {
        if request.method == "PUT" {
            Reply::with_type(200, "text/plain", "metadata-session-token")
        } else {
            Reply::redirect(302, &location)
        }
    });
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url())
        .var("ALIBABA_CLOUD_IMDS_ENDPOINT", metadata.url())
        .var("ALIBABA_CLOUD_ECS_METADATA", "role");
    let error = client(env, &cs.url()).credential_source().await.unwrap_err();
    assert_redirect_refused(&error, 302, &target);
    assert!(!everything_shown(&error).contains("metadata-session-token"));
}

#[tokio::test]
async fn a_redirected_metadata_token_call_is_an_error_not_a_fallback_to_imdsv1() {
    let (target, cs, sts, home) =
        (Server::untouchable(), Server::untouchable(), Server::untouchable(), tempfile::tempdir().unwrap());
    let metadata = redirecting(307, &target);
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url())
        .var("ALIBABA_CLOUD_IMDS_ENDPOINT", metadata.url());
    let error = client(env, &cs.url()).credential_source().await.unwrap_err();
    assert_redirect_refused(&error, 307, &target);
    assert_eq!(metadata.connections(), 1, "nothing more is asked of a service that redirects");
}

#[tokio::test]
async fn redirect_from_the_credentials_uri_is_not_followed() {
    let (target, cs, sts, home) =
        (Server::untouchable(), Server::untouchable(), Server::untouchable(), tempfile::tempdir().unwrap());
    let uri = redirecting(302, &target);
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url())
        .var("ALIBABA_CLOUD_CREDENTIALS_URI", format!("{}/creds", uri.url()));
    let error = client(env, &cs.url()).credential_source().await.unwrap_err();
    assert_redirect_refused(&error, 302, &target);
}

#[tokio::test]
async fn a_redirect_without_location_is_an_error_too() {
    let (sts, home) = (Server::untouchable(), tempfile::tempdir().unwrap());
    let cs = Server::start(|_| Reply::empty(301));
    let error = client(env_with_key(&home, &sts), &cs.url()).describe_cluster_detail(CLUSTER_ID).await.unwrap_err();
    assert!(format!("{error:?}").contains("Redirect {"), "{error:?}");
    assert!(error.to_string().contains("HTTP 301"), "{error}");
    assert!(error.to_string().contains("without a Location"), "{error}");
}

#[tokio::test]
async fn a_relative_redirect_names_the_same_host() {
    let (sts, home) = (Server::untouchable(), tempfile::tempdir().unwrap());
    let cs = Server::start(|_| Reply::redirect(302, "/relocated-path?Signature=secret-query"));
    let error = client(env_with_key(&home, &sts), &cs.url()).describe_cluster_detail(CLUSTER_ID).await.unwrap_err();
    let shown = everything_shown(&error);
    assert!(shown.contains(&format!("127.0.0.1:{}", cs.port())), "{shown}");
    assert!(!shown.contains("relocated-path") && !shown.contains("secret-query"), "{shown}");
    assert_eq!(cs.connections(), 1);
}

#[tokio::test]
async fn credentials_from_a_working_source_are_unaffected() {
    // A control: the same set-up with a plain answer works, so the tests above fail for the redirect.
    let (sts, home) = (Server::untouchable(), tempfile::tempdir().unwrap());
    let uri = Server::start(|_| Reply::json(200, &sts_credentials_json("STS.fromuri")));
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url())
        .var("ALIBABA_CLOUD_CREDENTIALS_URI", format!("{}/creds", uri.url()));
    let started = Instant::now();
    let (credentials, _) = client(env, &sts.url()).current_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id, "STS.fromuri");
    assert!(started.elapsed() < Duration::from_secs(5));
}

// ---- huge and endless bodies (item 7) ----

/// The call fails fast, and says which limit it hit.
fn assert_too_large(error: &Error, started: Instant, limit: &str) {
    let shown = everything_shown(error);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}: {shown}", started.elapsed());
    assert!(format!("{error:?}").contains("AnswerTooLarge"), "{error:?}");
    assert!(shown.contains(limit), "{limit} not in {shown}");
}

fn endless(content_type: &str) -> Server {
    let content_type = content_type.to_string();
    Server::start(move |_| Reply::EndlessChunked { status: 200, content_type: content_type.clone() })
}

#[tokio::test]
async fn an_endless_cs_answer_stops_at_the_limit() {
    let (sts, home) = (Server::untouchable(), tempfile::tempdir().unwrap());
    let cs = endless("application/json");
    let started = Instant::now();
    let error = client(env_with_key(&home, &sts), &cs.url()).list_clusters(&ClusterFilter::default()).await;
    assert_too_large(&error.unwrap_err(), started, "16 MiB");
}

#[tokio::test]
async fn a_cs_answer_claiming_a_gigabyte_is_refused_before_reading_it() {
    let (sts, home) = (Server::untouchable(), tempfile::tempdir().unwrap());
    let cs = Server::start(|_| Reply::Claimed { status: 200, claimed: 1 << 30 });
    let started = Instant::now();
    let error = client(env_with_key(&home, &sts), &cs.url()).describe_cluster_detail(CLUSTER_ID).await;
    assert_too_large(&error.unwrap_err(), started, "16 MiB");
}

#[tokio::test]
async fn an_endless_error_answer_stops_at_the_limit_too() {
    let (sts, home) = (Server::untouchable(), tempfile::tempdir().unwrap());
    let cs = Server::start(|_| Reply::EndlessChunked { status: 503, content_type: "text/html".into() });
    let started = Instant::now();
    let error = client(env_with_key(&home, &sts), &cs.url()).describe_cluster_detail(CLUSTER_ID).await;
    assert_too_large(&error.unwrap_err(), started, "16 MiB");
}

#[tokio::test]
async fn an_endless_credentials_uri_answer_stops_at_the_credential_limit() {
    let (cs, sts, home) = (Server::untouchable(), Server::untouchable(), tempfile::tempdir().unwrap());
    let uri = endless("application/json");
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url())
        .var("ALIBABA_CLOUD_CREDENTIALS_URI", format!("{}/creds", uri.url()));
    let started = Instant::now();
    let error = client(env, &cs.url()).credential_source().await.unwrap_err();
    assert_too_large(&error, started, "64 KiB");
}

#[tokio::test]
async fn an_sts_answer_claiming_a_gigabyte_is_refused() {
    let (cs, home) = (Server::untouchable(), tempfile::tempdir().unwrap());
    let sts = Server::start(|_| Reply::Claimed { status: 200, claimed: 1 << 30 });
    let token = home.path().join("oidc-token");
    std::fs::write(&token, "eyJoidc").unwrap();
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url())
        .var("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token.display().to_string())
        .var("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/p")
        .var("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/r");
    let started = Instant::now();
    let error = client(env, &cs.url()).credential_source().await.unwrap_err();
    assert_too_large(&error, started, "64 KiB");
}

#[tokio::test]
async fn an_endless_metadata_answer_stops_at_the_credential_limit() {
    let (cs, sts, home) = (Server::untouchable(), Server::untouchable(), tempfile::tempdir().unwrap());
    let metadata = Server::start(|request| {
        if request.method == "PUT" {
            Reply::with_type(200, "text/plain", "metadata-session-token")
        } else {
            Reply::EndlessChunked { status: 200, content_type: "text/plain".into() }
        }
    });
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url())
        .var("ALIBABA_CLOUD_IMDS_ENDPOINT", metadata.url());
    let started = Instant::now();
    let error = client(env, &cs.url()).credential_source().await.unwrap_err();
    assert_too_large(&error, started, "64 KiB");
}

#[tokio::test]
async fn a_credential_answer_just_under_the_limit_is_read() {
    let (cs, sts, home) = (Server::untouchable(), Server::untouchable(), tempfile::tempdir().unwrap());
    let padded = format!("{}{}", sts_credentials_json("STS.padded"), " ".repeat(60 * 1024));
    let uri = Server::start(move |_| Reply::json(200, &padded));
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url())
        .var("ALIBABA_CLOUD_CREDENTIALS_URI", format!("{}/creds", uri.url()));
    let (credentials, _) = client(env, &cs.url()).current_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id, "STS.padded");
}

// ---- answers that are not the API's (item 6) ----

async fn revoke_against(reply: impl Fn() -> Reply + Send + Sync + 'static) -> Result<(), Error> {
    let (sts, home) = (Server::untouchable(), tempfile::tempdir().unwrap());
    let cs = Server::start(move |_| reply());
    client(env_with_key(&home, &sts), &cs.url()).revoke_cluster_kubeconfig(CLUSTER_ID).await
}

const PORTAL: &str = "<!DOCTYPE html><html><head><title>Hotel WiFi: log in</title></head>\n<body><p>Please accept \
                      the terms</p></body></html>";

#[tokio::test]
async fn revoke_refuses_an_html_page_with_status_200() {
    let error = revoke_against(|| Reply::with_type(200, "text/html; charset=utf-8", PORTAL)).await.unwrap_err();
    let shown = everything_shown(&error);
    assert!(shown.contains("text/html"), "{shown}");
    assert!(shown.contains("Hotel WiFi: log in"), "the page's words are shown: {shown}");
    assert!(!shown.contains("<title>"), "markup is not shown: {shown}");
}

#[tokio::test]
async fn revoke_refuses_an_empty_204() {
    let error = revoke_against(|| Reply::empty(204)).await.unwrap_err();
    let shown = everything_shown(&error);
    assert!(shown.contains("HTTP 204") && shown.contains("empty"), "{shown}");
}

#[tokio::test]
async fn revoke_refuses_an_ack_error_in_a_200_body() {
    let body = r#"{"code":"ErrorClusterNotFound","message":"cluster not found","requestId":"R-1"}"#;
    let error = revoke_against(move || Reply::json(200, body)).await.unwrap_err();
    let api = error.api_error().expect("the ACK error is reported as such");
    assert_eq!((api.code.as_str(), api.status), ("ErrorClusterNotFound", 200));
    assert!(error.hint().unwrap().contains("--region"));
}

#[tokio::test]
async fn revoke_refuses_plain_text_and_json_that_is_not_an_object() {
    let error = revoke_against(|| Reply::with_type(200, "text/plain", "OK")).await.unwrap_err();
    assert!(everything_shown(&error).contains("text/plain"), "{error}");
    for body in ["[]", "true", "\"revoked\"", "null"] {
        let error = revoke_against(move || Reply::json(200, body)).await.unwrap_err();
        assert!(error.to_string().contains("not a JSON object"), "{body}: {error}");
    }
}

#[tokio::test]
async fn revoke_accepts_what_ack_answers() {
    revoke_against(|| Reply::json(200, "{}")).await.unwrap();
    revoke_against(|| Reply::json(200, r#"{"request_id":"687C5BAA-D103-4993-884B-C35E4314A1E1"}"#)).await.unwrap();
    revoke_against(|| Reply::json(200, r#"{"requestId":"R-2"}"#)).await.unwrap();
}

#[tokio::test]
async fn an_html_page_on_a_read_says_what_came_back() {
    let (sts, home) = (Server::untouchable(), tempfile::tempdir().unwrap());
    let cs = Server::start(|_| Reply::with_type(200, "text/html", PORTAL));
    let error = client(env_with_key(&home, &sts), &cs.url()).describe_cluster_detail(CLUSTER_ID).await.unwrap_err();
    let shown = everything_shown(&error);
    assert!(matches!(error, Error::UnexpectedResponse { status: 200, .. }), "{error:?}");
    assert!(shown.contains("text/html") && shown.contains("Hotel WiFi"), "{shown}");
    assert!(!shown.contains("<title>"), "markup is not shown: {shown}");
}

#[tokio::test]
async fn an_ack_error_in_a_200_body_of_a_read_is_an_error() {
    let (sts, home) = (Server::untouchable(), tempfile::tempdir().unwrap());
    let cs = Server::start(|_| {
        Reply::json(
            200,
            r#"{"code":"StatusForbidden","message":"RAM policy Forbidden for action cs:X","requestId":"R"}"#,
        )
    });
    let error = client(env_with_key(&home, &sts), &cs.url())
        .describe_cluster_user_kubeconfig(CLUSTER_ID, &Default::default())
        .await
        .unwrap_err();
    assert_eq!(error.api_error().map(|api| api.code.as_str()), Some("StatusForbidden"), "{error:?}");
}

#[tokio::test]
async fn a_page_that_echoes_the_request_shows_no_secret() {
    // A hostile endpoint reflects the signed request into an HTML page: the excerpt must not carry the
    // token, the secret or the signature back into an error message.
    let secret = "Zk3YtR8sLq0wN5vB2xC7mJ4hG6fD1a"; // 30 characters, like a real AccessKey secret
    let token = format!("CAIS{}", "x9Qz".repeat(60));
    let (sts, home) = (Server::untouchable(), tempfile::tempdir().unwrap());
    let env = env_with_key(&home, &sts)
        .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
        .var("ALIBABA_CLOUD_SECURITY_TOKEN", token.clone());
    let cs = Server::start(|request| {
        let headers: Vec<String> = request.headers.iter().map(|(name, value)| format!("{name}: {value}")).collect();
        Reply::with_type(200, "text/html", &format!("<html><pre>{}</pre></html>", headers.join("\n")))
    });
    let error = client(env, &cs.url()).list_clusters(&ClusterFilter::default()).await.unwrap_err();
    let shown = everything_shown(&error);
    let signature = cs.seen()[0].header("authorization").unwrap().rsplit("Signature=").next().unwrap().to_string();
    for hidden in [secret, token.as_str(), &token[..40], signature.as_str(), &signature[..20]] {
        assert!(!shown.contains(hidden), "{hidden} shown: {shown}");
    }
}

// ---- the credentials URI is shown as scheme://host[:port] only (item 19) ----

const URI_PATH: &str = "/v1/creds/SeCrEtPaTh?key=SeCrEtQuErY";

fn uri_client(uri: &str, lines: std::sync::Arc<std::sync::Mutex<Vec<String>>>) -> (Client, Server) {
    let home = tempfile::tempdir().unwrap();
    let sts = Server::untouchable();
    let env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .var("ALIBABA_CLOUD_STS_ENDPOINT", sts.url())
        .var("ALIBABA_CLOUD_CREDENTIALS_URI", uri);
    let client = Client::builder()
        .environment(env)
        .endpoint(Some(sts.url()))
        .retry(RetryPolicy::none())
        .verbose(Some(ack_client::VerboseSink::new(move |line| lines.lock().unwrap().push(line.to_string()))))
        .build()
        .unwrap();
    (client, sts)
}

fn assert_no_uri_path(text: &str) {
    assert!(!text.contains("SeCrEt") && !text.contains("/v1/creds"), "the URI's path or query is shown: {text}");
}

#[tokio::test]
async fn the_credentials_uri_path_is_not_in_verbose_lines() {
    let server = Server::start(|_| Reply::json(200, &sts_credentials_json("STS.fromuri")));
    let lines = std::sync::Arc::default();
    let (client, _sts) = uri_client(&format!("{}{URI_PATH}", server.url()), std::sync::Arc::clone(&lines));
    client.credential_source().await.unwrap();
    let lines = lines.lock().unwrap().join("\n");
    assert!(lines.contains(&format!("GET {} (credentials URI) -> 200", server.url())), "{lines}");
    assert_no_uri_path(&lines);
}

#[tokio::test]
async fn the_credentials_uri_path_is_not_in_errors() {
    let lines = std::sync::Arc::default();
    // refused
    let refusing = Server::start(|_| Reply::with_type(500, "text/plain", "no"));
    let (client, _sts) = uri_client(&format!("{}{URI_PATH}", refusing.url()), std::sync::Arc::clone(&lines));
    let error = client.credential_source().await.unwrap_err();
    assert!(everything_shown(&error).contains(&refusing.url()), "{}", everything_shown(&error));
    assert_no_uri_path(&everything_shown(&error));
    // answers something that is not credentials
    let odd = Server::start(|_| Reply::json(200, "{}"));
    let (client, _sts) = uri_client(&format!("{}{URI_PATH}", odd.url()), std::sync::Arc::clone(&lines));
    assert_no_uri_path(&everything_shown(&client.credential_source().await.unwrap_err()));
    // not there at all
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (client, _sts) = uri_client(&format!("http://127.0.0.1:{closed}{URI_PATH}"), std::sync::Arc::clone(&lines));
    let error = client.credential_source().await.unwrap_err();
    assert!(everything_shown(&error).contains(&format!("127.0.0.1:{closed}")), "{}", everything_shown(&error));
    assert_no_uri_path(&everything_shown(&error));
    assert_no_uri_path(&lines.lock().unwrap().join("\n"));
}

#[tokio::test]
async fn a_credentials_uri_that_cannot_be_used_is_not_echoed() {
    for uri in [
        format!("ftp://127.0.0.1{URI_PATH}"),
        format!("http://10.0.0.1{URI_PATH}"),
        format!("not a url {URI_PATH}"),
        format!("http://user:SeCrEtPassword@127.0.0.1{URI_PATH}"),
    ] {
        let (client, _sts) = uri_client(&uri, std::sync::Arc::default());
        let error = client.credential_source().await.unwrap_err();
        let shown = everything_shown(&error);
        assert_no_uri_path(&shown);
        assert!(format!("{error:?}").contains("credentials URI"), "{error:?}");
        assert!(!format!("{error:?}").contains("SeCrEt"), "Debug shows it: {error:?}");
    }
}
