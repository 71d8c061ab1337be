//! The fake ECS instance metadata service (IMDSv2: a session token is required) and the fake
//! credentials URI (`ALIBABA_CLOUD_CREDENTIALS_URI`). Both hand out fresh temporary keys on every call,
//! valid for the configured credential lifetime on the sandbox clock.

use std::sync::Arc;
use std::time::Duration;

use hyper::{Method, StatusCode};
use serde_json::Value;

use crate::clock::format_utc;
use crate::cloud::{Cloud, RecordedRequest, Service};
use crate::http::{self, Handler, Received, Reply};
use crate::sts::credentials_json;

pub(crate) const TOKEN_PATH: &str = "/latest/api/token";
pub(crate) const ROLE_PATH: &str = "/latest/meta-data/ram/security-credentials/";
pub(crate) const CREDENTIALS_URI_PATH: &str = "/credentials";
const TOKEN_TTL_HEADER: &str = "x-aliyun-ecs-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "x-aliyun-ecs-metadata-token";
const MAX_TOKEN_TTL_SECONDS: u64 = 21_600;

pub(crate) fn metadata_handler(cloud: Arc<Cloud>) -> Handler {
    http::handler(cloud, |cloud, request| async move {
        let reply = metadata(&cloud, &request);
        log(&cloud, Service::Metadata, &request, &reply);
        reply
    })
}

pub(crate) fn credentials_uri_handler(cloud: Arc<Cloud>) -> Handler {
    http::handler(cloud, |cloud, request| async move {
        let reply = credentials_uri(&cloud, &request);
        log(&cloud, Service::CredentialsUri, &request, &reply);
        reply
    })
}

fn metadata(cloud: &Cloud, request: &Received) -> Reply {
    if request.method == Method::PUT && request.path == TOKEN_PATH {
        return session_token(cloud, request);
    }
    if request.method != Method::GET || !request.path.starts_with(ROLE_PATH) {
        return not_found();
    }
    // IMDSv2 only: no (valid) session token, no answer.
    if !request.header(TOKEN_HEADER).is_some_and(|token| cloud.metadata_token_is_valid(token)) {
        return http::text(StatusCode::FORBIDDEN, "text/plain", "Forbidden");
    }
    let Some(role) = cloud.ecs_role() else { return not_found() };
    match &request.path[ROLE_PATH.len()..] {
        "" => http::text(StatusCode::OK, "text/plain", &role.name),
        name if name == role.name => role_credentials(cloud, &role.acts_as),
        _ => not_found(),
    }
}

fn session_token(cloud: &Cloud, request: &Received) -> Reply {
    let ttl = request.header(TOKEN_TTL_HEADER).and_then(|text| text.parse::<u64>().ok());
    match ttl {
        Some(seconds) if (1..=MAX_TOKEN_TTL_SECONDS).contains(&seconds) => {
            let token = cloud.issue_metadata_token(Duration::from_secs(seconds));
            http::text(StatusCode::OK, "text/plain", &token)
        }
        _ => http::text(StatusCode::BAD_REQUEST, "text/plain", "Invalid X-aliyun-ecs-metadata-token-ttl-seconds"),
    }
}

fn role_credentials(cloud: &Cloud, acts_as: &str) -> Reply {
    let Some(keys) = cloud.issue_temporary_keys(acts_as, cloud.credential_lifetime) else { return not_found() };
    let mut body = credentials_json(&keys);
    body["Code"] = Value::from("Success");
    body["LastUpdated"] = Value::from(format_utc(cloud.clock.now()));
    http::json(StatusCode::OK, &body)
}

fn credentials_uri(cloud: &Cloud, request: &Received) -> Reply {
    if request.method != Method::GET || request.path != CREDENTIALS_URI_PATH {
        return not_found();
    }
    let keys = cloud
        .credentials_uri_acts_as()
        .and_then(|acts_as| cloud.issue_temporary_keys(&acts_as, cloud.credential_lifetime));
    match keys {
        Some(keys) => http::json(StatusCode::OK, &credentials_json(&keys)),
        None => not_found(),
    }
}

fn not_found() -> Reply {
    http::text(StatusCode::NOT_FOUND, "text/plain", "Not Found")
}

fn log(cloud: &Cloud, service: Service, request: &Received, reply: &Reply) {
    cloud.record(RecordedRequest {
        service,
        method: request.method.to_string(),
        path: request.path.clone(),
        query: request.query.clone(),
        action: None,
        access_key_id: None,
        status: reply.status().as_u16(),
        error_code: None,
    });
}
