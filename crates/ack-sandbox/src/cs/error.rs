//! CS error answers, in the shape the real service sends:
//! `{"code","message","requestId","status","statusCode"}` with lowercase keys.

use hyper::StatusCode;
use serde_json::{Value, json};

use crate::http::{self, Reply};

#[derive(Debug, Clone)]
pub(crate) struct CsError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// `accessDeniedDetail` of a RAM denial.
    pub access_denied_detail: Option<Value>,
}

impl CsError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        CsError { status, code, message: message.into(), access_denied_detail: None }
    }

    pub(crate) fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        CsError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub(crate) fn incomplete_signature(detail: &str) -> Self {
        CsError::bad_request(
            "IncompleteSignature",
            format!("The request signature does not conform to Aliyun standards. {detail}"),
        )
    }

    pub(crate) fn signature_does_not_match() -> Self {
        CsError::bad_request("SignatureDoesNotMatch", "Specified signature is not matched with our calculation.")
    }

    pub(crate) fn invalid_parameter(message: impl Into<String>) -> Self {
        CsError::bad_request("InvalidParameter", message)
    }

    pub(crate) fn cluster_not_found(cluster_id: &str) -> Self {
        CsError::new(
            StatusCode::NOT_FOUND,
            "ErrorClusterNotFound",
            format!("The specified cluster {cluster_id} does not exist."),
        )
    }

    pub(crate) fn to_reply(&self, request_id: &str) -> Reply {
        let mut body = json!({
            "code": self.code,
            "message": self.message,
            "requestId": request_id,
            "status": self.status.as_u16(),
            "statusCode": self.status.as_u16(),
        });
        if let Some(detail) = &self.access_denied_detail {
            body["accessDeniedDetail"] = detail.clone();
        }
        http::json(self.status, &body)
    }
}
