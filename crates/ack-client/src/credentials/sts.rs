//! STS (RPC style, version 2015-04-01): AssumeRole, signed with the RPC V2 HMAC-SHA1 signature, and
//! AssumeRoleWithOIDC, which is anonymous. Both answer `{"Credentials":{AccessKeyId, AccessKeySecret,
//! SecurityToken, Expiration}}`. GetCallerIdentity (signed the same way) says whose credentials they are.

use reqwest::Url;
use serde::Deserialize;

use super::{FetchContext, exchange};
use crate::clock::{format_acs_date, parse_rfc3339};
use crate::endpoint::parse_host_or_url;
use crate::env::{self, Environment};
use crate::error::{Error, Service, decode_answer, error_from_answer, unexpected};
use crate::secret::{Credentials, Secret};
use crate::transport::Answer;

const STS_VERSION: &str = "2015-04-01";
/// The SDKs' default session length, and the minimum they accept (a shorter one fails the provider).
pub(crate) const DEFAULT_DURATION_SECONDS: u32 = 3600;
pub(crate) const MIN_DURATION_SECONDS: u32 = 900;

/// Where to send STS calls: `ALIBABA_CLOUD_STS_ENDPOINT`, else the profile's `sts_endpoint`, else
/// `sts[-vpc].<sts_region>.aliyuncs.com`, else `sts.aliyuncs.com`. A bare host means https.
pub(crate) fn sts_url(
    environment: &dyn Environment,
    profile_endpoint: Option<&str>,
    sts_region: Option<&str>,
    vpc: bool,
) -> Result<Url, Error> {
    if let Some(endpoint) =
        env::get_trimmed(environment, env::STS_ENDPOINT).or_else(|| super::non_empty(profile_endpoint))
    {
        return parse_host_or_url(&endpoint, "STS endpoint");
    }
    // As the official SDKs build it: the region as written (one with spaces gives no valid host).
    let region = sts_region
        .filter(|region| !region.is_empty())
        .map(str::to_string)
        .or_else(|| env::get(environment, "ALIBABA_CLOUD_STS_REGION"));
    let vpc = vpc || env::is_true(environment, "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED");
    let host = match region {
        Some(region) if vpc => format!("sts-vpc.{region}.aliyuncs.com"),
        Some(region) => format!("sts.{region}.aliyuncs.com"),
        None => "sts.aliyuncs.com".to_string(),
    };
    parse_host_or_url(&host, "STS endpoint")
}

/// What to assume with AssumeRole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoleSpec {
    pub role_arn: String,
    /// `None`: `kubectl-ack-<unix time>` at each call.
    pub session_name: Option<String>,
    pub duration_seconds: u32,
    pub policy: Option<String>,
    pub external_id: Option<String>,
    pub sts: Url,
}

/// A session name: the configured one, or one that says who asked and when (as credentials-go does).
pub(crate) fn session_name(configured: Option<&str>, context: &FetchContext<'_>) -> String {
    configured.map(str::to_string).unwrap_or_else(|| format!("kubectl-ack-{}", context.clock.now().unix_timestamp()))
}

/// STS AssumeRole with `source` credentials.
pub(crate) async fn assume_role(
    context: &FetchContext<'_>,
    source: &Credentials,
    role: &RoleSpec,
) -> Result<Credentials, Error> {
    let mut form = vec![
        pair("RoleArn", &role.role_arn),
        pair("RoleSessionName", &session_name(role.session_name.as_deref(), context)),
        pair("DurationSeconds", &role.duration_seconds.to_string()),
    ];
    if let Some(policy) = &role.policy {
        form.push(pair("Policy", policy));
    }
    if let Some(external_id) = &role.external_id {
        form.push(pair("ExternalId", external_id));
    }
    let query = signed_query("AssumeRole", context, source, &form);
    call(context, "AssumeRole", &role.sts, &query, &form).await
}

/// The query of an RPC call signed with `source` (HMAC-SHA1, RPC V2): the common parameters, the key, its
/// STS token if any, and the signature, which covers the union of the query and the `form` parameters.
fn signed_query(
    action: &str,
    context: &FetchContext<'_>,
    source: &Credentials,
    form: &[(String, String)],
) -> Vec<(String, String)> {
    let mut query = common_query(action, context);
    query.extend([
        pair("SignatureMethod", "HMAC-SHA1"),
        pair("SignatureVersion", "1.0"),
        pair("SignatureNonce", &context.nonce.nonce()),
        pair("AccessKeyId", &source.access_key_id),
    ]);
    if let Some(token) = &source.security_token {
        query.push(pair("SecurityToken", token.expose()));
    }
    let all: Vec<(String, String)> = query.iter().chain(form.iter()).cloned().collect();
    let signature = acs_sign::rpc_v2_signature("POST", &all, source.access_key_secret.expose());
    query.push(pair("Signature", &signature));
    query
}

/// Whose credentials these are, as STS GetCallerIdentity answers (PascalCase fields).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CallerIdentity {
    #[serde(rename = "AccountId", default)]
    pub account_id: String,
    /// `acs:ram::<account>:root`, `…:user/<name>` or `…:assumed-role/<role>/<session>`.
    #[serde(rename = "Arn", default)]
    pub arn: String,
    /// `Account`, `RAMUser` or `AssumedRoleUser`.
    #[serde(rename = "IdentityType", default)]
    pub identity_type: String,
    /// The RAM user's or role's ID (the account's own ID for the root account): the UID ACK's
    /// kubeconfig APIs take.
    #[serde(rename = "UserId", default)]
    pub user_id: String,
    #[serde(rename = "PrincipalId", default)]
    pub principal_id: String,
    #[serde(rename = "RoleId", default)]
    pub role_id: String,
}

/// STS GetCallerIdentity with `source` credentials.
pub(crate) async fn get_caller_identity(
    context: &FetchContext<'_>,
    source: &Credentials,
    sts: &Url,
) -> Result<CallerIdentity, Error> {
    const ACTION: &str = "GetCallerIdentity";
    let query = signed_query(ACTION, context, source, &[]);
    let (url, answer) = post(context, ACTION, sts, &query, &[]).await?;
    let status = answer.status.as_u16();
    let identity: CallerIdentity = decode_answer(ACTION, &url, status, answer.content_type(), &answer.body)?;
    if identity.account_id.is_empty() || identity.arn.is_empty() {
        return Err(unexpected(ACTION, &url, status, "the answer names no AccountId or Arn", None));
    }
    Ok(identity)
}

/// STS AssumeRoleWithOIDC: anonymous, the OIDC token is the proof.
pub(crate) async fn assume_role_with_oidc(
    context: &FetchContext<'_>,
    sts: &Url,
    form: Vec<(String, String)>,
) -> Result<Credentials, Error> {
    let query = common_query("AssumeRoleWithOIDC", context);
    call(context, "AssumeRoleWithOIDC", sts, &query, &form).await
}

fn common_query(action: &str, context: &FetchContext<'_>) -> Vec<(String, String)> {
    vec![
        pair("Version", STS_VERSION),
        pair("Action", action),
        pair("Format", "JSON"),
        pair("Timestamp", &format_acs_date(context.clock.now())),
    ]
}

pub(crate) fn pair(key: &str, value: &str) -> (String, String) {
    (key.to_string(), value.to_string())
}

fn encode(params: &[(String, String)]) -> String {
    params
        .iter()
        .map(|(key, value)| format!("{}={}", acs_sign::percent_encode(key), acs_sign::percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// POSTs an STS call and returns the URL and the success answer.
async fn post(
    context: &FetchContext<'_>,
    action: &str,
    sts: &Url,
    query: &[(String, String)],
    form: &[(String, String)],
) -> Result<(String, Answer), Error> {
    let base = sts.as_str().trim_end_matches('/');
    let url = format!("{base}/?{}", encode(query));
    let request = context
        .http
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(encode(form));
    let answer = exchange(context, action, "POST", &url, request).await?;
    let status = answer.status.as_u16();
    if !answer.status.is_success() {
        return Err(error_from_answer(Service::Sts, action, &url, status, answer.content_type(), &answer.body));
    }
    Ok((url, answer))
}

async fn call(
    context: &FetchContext<'_>,
    action: &str,
    sts: &Url,
    query: &[(String, String)],
    form: &[(String, String)],
) -> Result<Credentials, Error> {
    let (url, answer) = post(context, action, sts, query, form).await?;
    let status = answer.status.as_u16();
    #[derive(Deserialize)]
    struct Body {
        #[serde(rename = "Credentials")]
        credentials: StsCredentials,
    }
    let body: Body = decode_answer(action, &url, status, answer.content_type(), &answer.body)?;
    body.credentials.into_credentials().ok_or_else(|| {
        unexpected(
            action,
            &url,
            status,
            "the credentials in the answer are incomplete or have no valid Expiration",
            None,
        )
    })
}

/// The credentials object of STS, ECS metadata and credentials-URI answers (all PascalCase).
#[derive(Deserialize)]
pub(crate) struct StsCredentials {
    #[serde(rename = "AccessKeyId", default)]
    access_key_id: String,
    #[serde(rename = "AccessKeySecret", default)]
    access_key_secret: String,
    #[serde(rename = "SecurityToken", default)]
    security_token: String,
    #[serde(rename = "Expiration", default)]
    expiration: String,
}

impl StsCredentials {
    /// All four fields are required, as in credentials-go.
    pub(crate) fn into_credentials(self) -> Option<Credentials> {
        if self.access_key_id.is_empty() || self.access_key_secret.is_empty() || self.security_token.is_empty() {
            return None;
        }
        Some(Credentials {
            access_key_id: self.access_key_id,
            access_key_secret: Secret::new(self.access_key_secret),
            security_token: Some(Secret::new(self.security_token)),
            expiration: Some(parse_rfc3339(&self.expiration)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::MapEnvironment;

    #[test]
    fn sts_endpoint_resolution() {
        let plain = MapEnvironment::new();
        let url =
            |env: &MapEnvironment, endpoint, region, vpc| sts_url(env, endpoint, region, vpc).unwrap().to_string();
        assert_eq!(url(&plain, None, None, false), "https://sts.aliyuncs.com/");
        assert_eq!(url(&plain, None, Some("cn-hangzhou"), false), "https://sts.cn-hangzhou.aliyuncs.com/");
        assert_eq!(url(&plain, None, Some("cn-hangzhou"), true), "https://sts-vpc.cn-hangzhou.aliyuncs.com/");
        assert_eq!(
            url(&plain, Some("sts.cn-beijing.aliyuncs.com"), Some("x"), false),
            "https://sts.cn-beijing.aliyuncs.com/"
        );
        let overridden = MapEnvironment::new().var("ALIBABA_CLOUD_STS_ENDPOINT", "http://127.0.0.1:7000");
        assert_eq!(url(&overridden, Some("sts.cn-beijing.aliyuncs.com"), None, false), "http://127.0.0.1:7000/");
        let insecure = MapEnvironment::new().var("ALIBABA_CLOUD_STS_ENDPOINT", "http://10.0.0.1");
        assert!(matches!(sts_url(&insecure, None, None, false), Err(Error::InsecureEndpoint { .. })));
    }

    #[test]
    fn sts_credentials_need_all_four_fields() {
        let full: StsCredentials = serde_json::from_str(
            r#"{"AccessKeyId":"STS.a","AccessKeySecret":"s","SecurityToken":"t","Expiration":"2026-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert!(full.into_credentials().unwrap().security_token.is_some());
        let partial: StsCredentials = serde_json::from_str(
            r#"{"AccessKeyId":"STS.a","AccessKeySecret":"s","Expiration":"2026-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert!(partial.into_credentials().is_none());
    }
}
