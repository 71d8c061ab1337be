//! The fake ACK (CS 2015-12-15) OpenAPI: routing, faults, signature check, RAM check, the request log.

mod clusters;
mod error;
mod kubeconfig;
mod lifecycle;
mod operations;
mod signature;

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::{Method, StatusCode};
use serde_json::Value;

pub(crate) use error::CsError;

use crate::clock::format_http_date;
use crate::cloud::{Cloud, RecordedRequest, Service};
use crate::fault::FaultKind;
use crate::http::{self, Handler, Received, Reply};
use crate::random;

/// One CS operation, identified by method and path as the SDK sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Operation {
    DescribeClusterUserKubeconfig { cluster_id: String },
    DescribeClustersV1,
    DescribeClustersForRegion { region: String },
    DescribeClusterDetail { cluster_id: String },
    RevokeK8sClusterKubeConfig { cluster_id: String },
    ListClusterKubeconfigStates { cluster_id: String },
    ListUserKubeConfigStates { uid: String },
    DescribeUserPermission { uid: String },
    CleanUserPermissions { uid: String },
    CleanClusterUserPermissions { cluster_id: String, uid: String },
    DescribeUserClusterActivityState { cluster_id: String, uid: String },
    DescribeSubaccountK8sClusterUserConfig { cluster_id: String, uid: String },
}

impl Operation {
    pub(crate) fn route(method: &Method, raw_path: &str) -> Option<Operation> {
        let segments: Vec<String> = raw_path
            .trim_start_matches('/')
            .split('/')
            .map(|segment| percent_encoding::percent_decode_str(segment).decode_utf8_lossy().into_owned())
            .collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        let operation = match (method.as_str(), segments.as_slice()) {
            ("GET", ["k8s", id, "user_config"]) => {
                Operation::DescribeClusterUserKubeconfig { cluster_id: id.to_string() }
            }
            ("GET", ["api", "v1", "clusters"]) => Operation::DescribeClustersV1,
            ("GET", ["regions", region, "clusters"]) => {
                Operation::DescribeClustersForRegion { region: region.to_string() }
            }
            ("GET", ["clusters", id]) => Operation::DescribeClusterDetail { cluster_id: id.to_string() },
            ("DELETE", ["k8s", id, "certs"]) => Operation::RevokeK8sClusterKubeConfig { cluster_id: id.to_string() },
            ("GET", ["clusters", id, "kubeconfig", "states"]) => {
                Operation::ListClusterKubeconfigStates { cluster_id: id.to_string() }
            }
            ("GET", ["users", uid, "kubeconfig", "states"]) => {
                Operation::ListUserKubeConfigStates { uid: uid.to_string() }
            }
            ("GET", ["permissions", "users", uid]) => Operation::DescribeUserPermission { uid: uid.to_string() },
            ("DELETE", ["users", uid, "permissions"]) => Operation::CleanUserPermissions { uid: uid.to_string() },
            ("DELETE", ["cluster", id, "user", uid, "permissions"]) => {
                Operation::CleanClusterUserPermissions { cluster_id: id.to_string(), uid: uid.to_string() }
            }
            ("GET", ["clusters", id, "users", uid, "activity-state"]) => {
                Operation::DescribeUserClusterActivityState { cluster_id: id.to_string(), uid: uid.to_string() }
            }
            ("GET", ["k8s", id, "users", uid, "user_config"]) => {
                Operation::DescribeSubaccountK8sClusterUserConfig { cluster_id: id.to_string(), uid: uid.to_string() }
            }
            _ => return None,
        };
        Some(operation)
    }

    pub(crate) fn action(&self) -> &'static str {
        match self {
            Operation::DescribeClusterUserKubeconfig { .. } => "DescribeClusterUserKubeconfig",
            Operation::DescribeClustersV1 => "DescribeClustersV1",
            Operation::DescribeClustersForRegion { .. } => "DescribeClustersForRegion",
            Operation::DescribeClusterDetail { .. } => "DescribeClusterDetail",
            Operation::RevokeK8sClusterKubeConfig { .. } => "RevokeK8sClusterKubeConfig",
            Operation::ListClusterKubeconfigStates { .. } => "ListClusterKubeconfigStates",
            Operation::ListUserKubeConfigStates { .. } => "ListUserKubeConfigStates",
            Operation::DescribeUserPermission { .. } => "DescribeUserPermission",
            Operation::CleanUserPermissions { .. } => "CleanUserPermissions",
            Operation::CleanClusterUserPermissions { .. } => "CleanClusterUserPermissions",
            Operation::DescribeUserClusterActivityState { .. } => "DescribeUserClusterActivityState",
            Operation::DescribeSubaccountK8sClusterUserConfig { .. } => "DescribeSubaccountK8sClusterUserConfig",
        }
    }
}

pub(crate) fn handler(cloud: Arc<Cloud>) -> Handler {
    http::handler(cloud, handle)
}

async fn handle(cloud: Arc<Cloud>, request: Received) -> Reply {
    let request_id = random::request_id();
    let operation = Operation::route(&request.method, &request.path);
    let action = request
        .header("x-acs-action")
        .map(str::to_string)
        .or_else(|| operation.as_ref().map(|operation| operation.action().to_string()));
    let applied = cloud.take_faults(action.as_deref().unwrap_or_default(), &request.path);
    if !applied.delay.is_zero() {
        tokio::time::sleep(applied.delay).await;
    }
    let (reply, error_code) = match &applied.answer {
        Some(FaultKind::Forbidden) => {
            let ram_action = format!("cs:{}", action.as_deref().unwrap_or_default());
            let signer = signer_access_key_id(&request).and_then(|key| cloud.account(&key));
            let error = CsError::ram_denied(&ram_action, signer.as_ref());
            (error.to_reply(&request_id), Some(error.code.to_string()))
        }
        Some(kind) if *kind != FaultKind::TruncatedBody => fault_reply(kind, &request_id),
        _ => answer(&cloud, operation, &request, &request_id),
    };
    let reply = match applied.answer {
        Some(FaultKind::TruncatedBody) => truncate(reply).await,
        _ => reply,
    };
    cloud.record(RecordedRequest {
        service: Service::Cs,
        method: request.method.to_string(),
        path: request.path.clone(),
        query: request.query.clone(),
        action,
        access_key_id: signer_access_key_id(&request),
        status: reply.status().as_u16(),
        error_code,
    });
    // Every answer is dated by the gateway's clock (hyper would use the wall clock), so a test can skew it.
    let reply = http::with_header(reply, "date", &format_http_date(cloud.clock.gateway_now()));
    http::with_header(reply, "x-acs-request-id", &request_id)
}

/// Signature, then RAM and the operation itself.
fn answer(
    cloud: &Cloud,
    operation: Option<Operation>,
    request: &Received,
    request_id: &str,
) -> (Reply, Option<String>) {
    let result = match operation {
        None => Err(CsError::new(
            StatusCode::NOT_FOUND,
            "InvalidApi.NotFound",
            format!(
                "Specified api is not found, please check your url and method: {} {}",
                request.method, request.path
            ),
        )),
        Some(operation) => {
            signature::verify(cloud, request).and_then(|account| operations::run(cloud, &account, &operation, request))
        }
    };
    match result {
        // An operation that answers with the status only (CleanClusterUserPermissions).
        Ok(Value::Null) => (http::bytes(StatusCode::OK, "application/json", Bytes::new()), None),
        Ok(body) => (http::json(StatusCode::OK, &body), None),
        Err(error) => (error.to_reply(request_id), Some(error.code.to_string())),
    }
}

fn signer_access_key_id(request: &Received) -> Option<String> {
    let authorization = request.header("authorization")?;
    acs_sign::v3::parse_authorization(authorization).map(|parsed| parsed.access_key_id)
}

fn fault_reply(kind: &FaultKind, request_id: &str) -> (Reply, Option<String>) {
    let error = match kind {
        FaultKind::InternalError => CsError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            "The request processing has failed due to some unknown error.",
        ),
        FaultKind::ServiceUnavailable => CsError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.",
        ),
        FaultKind::Throttling => {
            let error = CsError::bad_request("Throttling.User", "Request was denied due to user flow control.");
            let reset = time::OffsetDateTime::now_utc().unix_timestamp() + 2;
            let header = format!("Limit:1,Remain:0,TimeLeft:2000,Reset:{reset}");
            return (
                http::with_header(error.to_reply(request_id), "x-ratelimit-user-api", &header),
                Some(error.code.to_string()),
            );
        }
        FaultKind::HtmlBody => {
            let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n";
            return (http::text(StatusCode::BAD_GATEWAY, "text/html", page), None);
        }
        FaultKind::Latency(_) | FaultKind::TruncatedBody | FaultKind::Forbidden => {
            unreachable!("handled by the caller")
        }
    };
    (error.to_reply(request_id), Some(error.code.to_string()))
}

/// The same answer with only the first half of its body (and a Content-Length that says so).
async fn truncate(reply: Reply) -> Reply {
    let (parts, body) = reply.into_parts();
    let full = body.collect().await.map(|collected| collected.to_bytes()).unwrap_or_default();
    let content_type =
        parts.headers.get(hyper::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("text/plain");
    http::bytes(parts.status, content_type, Bytes::copy_from_slice(&full[..full.len() / 2]))
}

/// Helper for operations: a JSON value from a `serde_json::json!` literal.
pub(crate) type CsResult = Result<Value, CsError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_the_sdk_paths() {
        let get = Method::GET;
        assert_eq!(
            Operation::route(&get, "/k8s/c0a1/user_config"),
            Some(Operation::DescribeClusterUserKubeconfig { cluster_id: "c0a1".into() })
        );
        assert_eq!(Operation::route(&get, "/api/v1/clusters"), Some(Operation::DescribeClustersV1));
        assert_eq!(
            Operation::route(&get, "/regions/cn-hangzhou/clusters"),
            Some(Operation::DescribeClustersForRegion { region: "cn-hangzhou".into() })
        );
        assert_eq!(
            Operation::route(&Method::DELETE, "/k8s/c%20x/certs"),
            Some(Operation::RevokeK8sClusterKubeConfig { cluster_id: "c x".into() })
        );
        assert_eq!(Operation::route(&Method::POST, "/api/v1/clusters"), None);
    }
}
