//! The fake STS (RPC style, version 2015-04-01): `AssumeRole` signed with the RPC V2 signature over the
//! union of query and form parameters, and the unsigned `AssumeRoleWithOIDC`.

use std::sync::Arc;
use std::time::Duration;

use hyper::StatusCode;
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::clock::{format_utc, parse_utc};
use crate::cloud::{Cloud, RecordedRequest, Service};
use crate::config::{Account, Role};
use crate::http::{self, Handler, Received, Reply};
use crate::random;

const MAX_CLOCK_SKEW: time::Duration = time::Duration::minutes(15);
const DURATION_SECONDS: std::ops::RangeInclusive<u64> = 900..=43_200;

/// An RPC error: `{"RequestId","Code","Message","HostId"}`.
struct RpcError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl RpcError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        RpcError { status, code, message: message.into() }
    }

    fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        RpcError::new(StatusCode::BAD_REQUEST, code, message)
    }
}

pub(crate) fn handler(cloud: Arc<Cloud>) -> Handler {
    http::handler(cloud, |cloud, request| async move { handle(&cloud, &request) })
}

fn handle(cloud: &Cloud, request: &Received) -> Reply {
    let request_id = random::request_id();
    let params = all_params(request);
    let param = |name: &str| params.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
    let action = param("Action").map(str::to_string);
    let result = match action.as_deref() {
        Some("AssumeRole") => assume_role(cloud, request, &params),
        Some("AssumeRoleWithOIDC") => assume_role_with_oidc(cloud, &params),
        _ => Err(RpcError::new(StatusCode::NOT_FOUND, "InvalidAction.NotFound", "Specified api is not found.")),
    };
    let (reply, error_code) = match result {
        Ok(mut body) => {
            body["RequestId"] = Value::String(request_id);
            (http::json(StatusCode::OK, &body), None)
        }
        Err(error) => {
            let body = json!({
                "RequestId": request_id,
                "HostId": "sts.aliyuncs.com",
                "Code": error.code,
                "Message": error.message,
            });
            (http::json(error.status, &body), Some(error.code.to_string()))
        }
    };
    cloud.record(RecordedRequest {
        service: Service::Sts,
        method: request.method.to_string(),
        path: request.path.clone(),
        query: request.query.clone(),
        action,
        access_key_id: param("AccessKeyId").map(str::to_string),
        status: reply.status().as_u16(),
        error_code,
    });
    reply
}

/// Query and form parameters together: RPC signs their union.
fn all_params(request: &Received) -> Vec<(String, String)> {
    let mut params = request.query.clone();
    let is_form =
        request.header("content-type").is_some_and(|kind| kind.starts_with("application/x-www-form-urlencoded"));
    if is_form || (!request.body.is_empty() && request.header("content-type").is_none()) {
        params.extend(http::parse_query(&String::from_utf8_lossy(&request.body)));
    }
    params
}

fn find<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
}

fn required<'a>(params: &'a [(String, String)], name: &str) -> Result<&'a str, RpcError> {
    find(params, name).filter(|value| !value.is_empty()).ok_or_else(|| {
        RpcError::bad_request(
            "MissingParameter",
            format!("The input parameter \"{name}\" that is mandatory for processing this request is not supplied."),
        )
    })
}

/// The configured role, or STS's `EntityNotExist.Role`.
fn find_role(cloud: &Cloud, role_arn: &str) -> Result<Role, RpcError> {
    cloud.role(role_arn).ok_or_else(|| {
        RpcError::new(
            StatusCode::NOT_FOUND,
            "EntityNotExist.Role",
            format!("The specified Role not exists: {role_arn}"),
        )
    })
}

fn assume_role(cloud: &Cloud, request: &Received, params: &[(String, String)]) -> Result<Value, RpcError> {
    verify_rpc_signature(cloud, request.method.as_str(), params)?;
    let role_arn = required(params, "RoleArn")?;
    let session_name = required(params, "RoleSessionName")?;
    let role = find_role(cloud, role_arn)?;
    issue(cloud, &role.acts_as, role_arn, session_name, params)
}

fn assume_role_with_oidc(cloud: &Cloud, params: &[(String, String)]) -> Result<Value, RpcError> {
    let role_arn = required(params, "RoleArn")?;
    let provider_arn = required(params, "OIDCProviderArn")?;
    let token = required(params, "OIDCToken")?;
    let session_name = required(params, "RoleSessionName")?;
    let role = find_role(cloud, role_arn)?;
    let trusts = cloud.oidc_trusts();
    let trust = trusts
        .iter()
        .find(|trust| trust.provider_arn == provider_arn && trust.role_arn == role_arn)
        .ok_or_else(|| {
            RpcError::new(
                StatusCode::NOT_FOUND,
                "EntityNotExist.OIDCProvider",
                format!("The specified OIDC provider does not exist or is not trusted by the role: {provider_arn}"),
            )
        })?;
    if trust.token != token {
        return Err(RpcError::bad_request("AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid."));
    }
    issue(cloud, &role.acts_as, role_arn, session_name, params)
}

/// RPC V2: known key, fresh timestamp, STS token if the caller is STS, HMAC-SHA1 signature, unused nonce.
fn verify_rpc_signature(cloud: &Cloud, method: &str, params: &[(String, String)]) -> Result<Account, RpcError> {
    let access_key_id = required(params, "AccessKeyId")?;
    let signature = required(params, "Signature")?;
    let nonce = required(params, "SignatureNonce")?;
    let timestamp = required(params, "Timestamp")?;
    let caller = cloud.account(access_key_id).ok_or_else(|| {
        RpcError::new(StatusCode::NOT_FOUND, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
    })?;
    let sent = parse_utc(timestamp).ok_or_else(|| {
        RpcError::bad_request(
            "InvalidTimeStamp.Format",
            format!("Specified time stamp or date value is not well formatted: {timestamp}."),
        )
    })?;
    if (OffsetDateTime::now_utc() - sent).abs() > MAX_CLOCK_SKEW {
        return Err(RpcError::bad_request(
            "InvalidTimeStamp.Expired",
            format!("Specified time stamp or date value is expired: {timestamp}."),
        ));
    }
    if let Some(expected) = &caller.security_token
        && find(params, "SecurityToken") != Some(expected.as_str())
    {
        return Err(RpcError::bad_request(
            "InvalidSecurityToken.MismatchWithAccessKey",
            "Specified SecurityToken mismatch with the AccessKey.",
        ));
    }
    if caller.expires_at.is_some_and(|expires| cloud.clock.now() >= expires) {
        return Err(RpcError::bad_request("InvalidSecurityToken.Expired", "Specified SecurityToken is expired."));
    }
    let signed: Vec<(String, String)> = params.iter().filter(|(key, _)| key != "Signature").cloned().collect();
    if acs_sign::rpc_v2_signature(method, &signed, &caller.access_key_secret) != signature {
        return Err(RpcError::bad_request(
            "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation.",
        ));
    }
    if !cloud.use_nonce(nonce) {
        return Err(RpcError::bad_request("SignatureNonceUsed", "Specified signature nonce was used already."));
    }
    Ok(caller)
}

/// Fresh STS keys for the role; they live for DurationSeconds, capped at the configured lifetime.
fn issue(
    cloud: &Cloud,
    acts_as: &str,
    role_arn: &str,
    session_name: &str,
    params: &[(String, String)],
) -> Result<Value, RpcError> {
    let requested = match find(params, "DurationSeconds").filter(|text| !text.is_empty()) {
        None => 3600,
        Some(text) => {
            text.parse::<u64>().ok().filter(|seconds| DURATION_SECONDS.contains(seconds)).ok_or_else(|| {
                RpcError::bad_request("InvalidParameter.DurationSeconds", "The parameter DurationSeconds is invalid.")
            })?
        }
    };
    let lifetime = Duration::from_secs(requested).min(cloud.credential_lifetime);
    let keys = cloud.issue_temporary_keys(acts_as, lifetime).ok_or_else(|| {
        RpcError::new(StatusCode::INTERNAL_SERVER_ERROR, "InternalError", "The role is mapped to an unknown account.")
    })?;
    Ok(json!({
        "AssumedRoleUser": {
            "Arn": format!("{role_arn}/{session_name}"),
            "AssumedRoleId": format!("3{}:{session_name}", &random::hex(9)[..17]),
        },
        "Credentials": credentials_json(&keys),
    }))
}

/// The four fields every temporary-credential source answers with.
pub(crate) fn credentials_json(keys: &Account) -> Value {
    json!({
        "AccessKeyId": keys.access_key_id,
        "AccessKeySecret": keys.access_key_secret,
        "SecurityToken": keys.security_token.clone().unwrap_or_default(),
        "Expiration": keys.expires_at.map(format_utc).unwrap_or_default(),
    })
}
