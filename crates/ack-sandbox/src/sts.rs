//! The fake STS (RPC style, version 2015-04-01): `AssumeRole` signed with the RPC V2 signature over the
//! union of query and form parameters, the unsigned `AssumeRoleWithOIDC`, and `GetCallerIdentity`,
//! signed either way: RPC V2, or V3 (`ACS3-HMAC-SHA256` in `Authorization`, the action in `x-acs-action`),
//! which is how ack-ram-authenticator replays the presigned request a RAM identity token carries
//! (`verify_presigned`, also called in-process by the fake API servers).

use std::sync::Arc;
use std::time::Duration;

use hyper::StatusCode;
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::clock::{format_utc, parse_utc};
use crate::cloud::{Cloud, RecordedRequest, Service, StsSession};
use crate::config::{Account, Role};
use crate::http::{self, Handler, Received, Reply};
use crate::random;

const MAX_CLOCK_SKEW: time::Duration = time::Duration::minutes(15);
const DURATION_SECONDS: std::ops::RangeInclusive<u64> = 900..=43_200;

/// An RPC error: `{"RequestId","Code","Message","HostId"}`.
#[derive(Debug)]
pub(crate) struct RpcError {
    status: StatusCode,
    pub code: &'static str,
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
    let action = param("Action").or(request.header("x-acs-action")).map(str::to_string);
    let v3_key =
        request.header("authorization").and_then(acs_sign::v3::parse_authorization).map(|auth| auth.access_key_id);
    let result = match action.as_deref() {
        Some("AssumeRole") => assume_role(cloud, request, &params),
        Some("AssumeRoleWithOIDC") => assume_role_with_oidc(cloud, &params),
        Some("GetCallerIdentity") => get_caller_identity(cloud, request, &params),
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
        access_key_id: param("AccessKeyId").map(str::to_string).or(v3_key),
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

/// GetCallerIdentity: who holds the key the request was signed with.
fn get_caller_identity(cloud: &Cloud, request: &Received, params: &[(String, String)]) -> Result<Value, RpcError> {
    let caller = if request.header("authorization").is_some() {
        let headers: Vec<(String, String)> = request
            .headers
            .iter()
            .filter_map(|(name, value)| Some((name.as_str().to_string(), value.to_str().ok()?.to_string())))
            .collect();
        verify_presigned(cloud, request.method.as_str(), &request.path, &request.query, &headers, &request.body)?
    } else {
        verify_rpc_signature(cloud, request.method.as_str(), params)?
    };
    Ok(caller_identity(cloud, &caller))
}

/// What GetCallerIdentity answers for the holder of `caller`'s key: the account itself, one of its RAM
/// users, or a role session (STS keys from AssumeRole).
pub(crate) fn caller_identity(cloud: &Cloud, caller: &Account) -> Value {
    let account_id = cloud.account_id().unwrap_or_else(|| caller.uid.clone());
    if let Some(session) = cloud.session(&caller.access_key_id) {
        let role_name = session.role_arn.rsplit('/').next().unwrap_or_default().to_string();
        let role_id = format!("3{}", &acs_sign::sha256_hex(session.role_arn.as_bytes())[..15]);
        return json!({
            "AccountId": account_id,
            "UserId": format!("{role_id}:{}", session.session_name),
            "RoleId": role_id,
            "Arn": format!("acs:ram::{account_id}:assumed-role/{role_name}/{}", session.session_name),
            "IdentityType": "AssumedRoleUser",
            "PrincipalId": format!("{role_id}:{}", session.session_name),
        });
    }
    if caller.root_account {
        return json!({
            "AccountId": caller.uid,
            "UserId": caller.uid,
            "RoleId": "",
            "Arn": format!("acs:ram::{}:root", caller.uid),
            "IdentityType": "Account",
            "PrincipalId": caller.uid,
        });
    }
    json!({
        "AccountId": account_id,
        "UserId": caller.uid,
        "RoleId": "",
        "Arn": format!("acs:ram::{account_id}:user/{}", caller.display_name),
        "IdentityType": "RAMUser",
        "PrincipalId": caller.uid,
    })
}

/// STS's check of a V3-signed GetCallerIdentity as ack-ram-authenticator replays it from a token:
/// `Authorization` parses, the key is known, every `x-acs-*` header sent is signed (`host` and a nonce
/// need not be: the token carries neither), `x-acs-date` is within 15 minutes of the gateway's clock,
/// an STS key brings its token and has not expired, and the signature over method, path, query, the
/// signed headers and the body's hash matches.
pub(crate) fn verify_presigned(
    cloud: &Cloud,
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: &[u8],
) -> Result<Account, RpcError> {
    let header = |name: &str| headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let authorization = header("authorization")
        .and_then(acs_sign::v3::parse_authorization)
        .ok_or_else(|| RpcError::bad_request("IncompleteSignature", "The Authorization header is malformed."))?;
    let caller = cloud.account(&authorization.access_key_id).ok_or_else(|| {
        RpcError::new(StatusCode::NOT_FOUND, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
    })?;
    let signed = &authorization.signed_headers;
    let unsigned_acs = headers.iter().any(|(name, _)| {
        let name = name.to_ascii_lowercase();
        name.starts_with("x-acs-") && !signed.contains(&name)
    });
    if unsigned_acs || header("x-acs-date").is_none() || !signed.iter().any(|name| name == "x-acs-date") {
        return Err(RpcError::bad_request(
            "IncompleteSignature",
            "Every x-acs-* header, the date included, must be signed.",
        ));
    }
    let date = header("x-acs-date").unwrap_or_default();
    let sent = parse_utc(date).ok_or_else(|| {
        RpcError::bad_request(
            "InvalidTimeStamp.Format",
            format!("Specified time stamp or date value is not well formatted: {date}."),
        )
    })?;
    if (cloud.clock.gateway_now() - sent).abs() > MAX_CLOCK_SKEW {
        return Err(RpcError::bad_request(
            "InvalidTimeStamp.Expired",
            format!("Specified time stamp or date value is expired: {date}."),
        ));
    }
    if let Some(expected) = &caller.security_token
        && header("x-acs-security-token") != Some(expected.as_str())
    {
        return Err(RpcError::bad_request(
            "InvalidSecurityToken.MismatchWithAccessKey",
            "Specified SecurityToken mismatch with the AccessKey.",
        ));
    }
    if caller.expires_at.is_some_and(|expires| cloud.clock.now() >= expires) {
        return Err(RpcError::bad_request("InvalidSecurityToken.Expired", "Specified SecurityToken is expired."));
    }
    let listed: Vec<(String, String)> = headers
        .iter()
        .filter(|(name, _)| signed.iter().any(|signed| signed.eq_ignore_ascii_case(name)))
        .cloned()
        .collect();
    let hashed_payload = acs_sign::sha256_hex(body);
    let request = acs_sign::v3::Request { method, path, query, headers: &listed, hashed_payload: &hashed_payload };
    let canonical = acs_sign::v3::canonicalize(&request);
    if canonical.signed_headers != signed.join(";")
        || acs_sign::v3::signature(&request, &caller.access_key_secret) != authorization.signature
    {
        return Err(RpcError::bad_request(
            "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation.",
        ));
    }
    Ok(caller)
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
    let session = StsSession { role_arn: role_arn.to_string(), session_name: session_name.to_string() };
    cloud.record_session(&keys.access_key_id, session);
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
