//! CS error answers, in the shape the real service sends:
//! `{"code","message","requestId","status","statusCode"}` with lowercase keys.

use hyper::StatusCode;
use serde_json::{Value, json};

use crate::config::Account;
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

    /// 403 `StatusForbidden` for `ram_action`, with the `accessDeniedDetail` the real gateway adds, naming
    /// `principal` (the signer, when its key is known).
    pub(crate) fn ram_denied(ram_action: &str, principal: Option<&Account>) -> Self {
        let is_sts = principal.is_some_and(Account::is_sts);
        let (policy, principal_type) = if is_sts { ("STSToken", "AssumedRoleUser") } else { ("RAM", "SubUser") };
        let mut error = CsError::new(
            StatusCode::FORBIDDEN,
            "StatusForbidden",
            format!("{policy} policy Forbidden for action {ram_action}"),
        );
        error.access_denied_detail = Some(json!({
            "AuthAction": ram_action,
            "AuthPrincipalDisplayName": principal.map(|account| account.display_name.as_str()).unwrap_or_default(),
            "AuthPrincipalOwnerId": principal.map(|account| account.uid.as_str()).unwrap_or_default(),
            "AuthPrincipalType": principal_type,
            "NoPermissionType": "ImplicitDeny",
            "PolicyType": "AccountLevelIdentityBasedPolicy",
        }));
        error
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
