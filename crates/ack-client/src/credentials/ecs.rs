//! Source 5: the ECS instance RAM role, from the instance metadata service with IMDSv2 (a session
//! token first, then the role name, then the role's credentials).

use reqwest::Url;
use serde::Deserialize;

use super::sts::StsCredentials;
use super::{Detected, FetchContext, Problem, Provider, config_error, exchange};
use crate::endpoint::parse_base_url;
use crate::env::{self, Environment};
use crate::error::{Error, decode_answer, unexpected};
use crate::secret::Credentials;

/// The metadata service. Plain http is fine here: it is link-local to the instance.
const DEFAULT_BASE: &str = "http://100.100.100.200";
const TOKEN_TTL_SECONDS: &str = "21600";
const CREDENTIALS_PATH: &str = "/latest/meta-data/ram/security-credentials/";
const DISABLED: &str = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
const ROLE_NAME: &str = "ALIBABA_CLOUD_ECS_METADATA";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EcsSpec {
    pub base: Url,
    /// `None`: discovered from the metadata service.
    pub role_name: Option<String>,
    /// `ALIBABA_CLOUD_IMDSV1_DISABLED=true`: no fallback to token-less requests.
    pub imdsv1_disabled: bool,
}

pub(crate) fn detect(environment: &dyn Environment) -> Detected {
    match env::switch(environment, DISABLED) {
        Ok(true) => Detected::Unset(format!("disabled by {DISABLED}")),
        Err(reason) => Detected::Refused { label: label(None), error: config_error("environment", reason) },
        Ok(false) => {
            let role_name = env::get(environment, ROLE_NAME);
            let spec = spec(environment, role_name.clone()).map(Provider::Ecs).map_err(Problem::from);
            Detected::from_result(label(role_name.as_deref()), spec)
        }
    }
}

/// The metadata source a profile selects (CLI `EcsRamRole`, INI `ecs_ram_role`). As in the official
/// SDKs (the ECS provider's builder), `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` refuses it before any
/// network call and the chain moves on; the role is the profile's, else `ALIBABA_CLOUD_ECS_METADATA`,
/// else discovered.
pub(crate) fn profile_spec(environment: &dyn Environment, role_name: Option<String>) -> Result<EcsSpec, Problem> {
    match env::switch(environment, DISABLED) {
        Ok(true) => Err(Problem::Skip(config_error(
            "environment",
            format!(
                "{DISABLED}=true: the profile's ECS instance RAM role is not used and the metadata service not contacted"
            ),
        ))),
        Err(reason) => Err(Problem::Stop(config_error("environment", reason))),
        Ok(false) => Ok(spec(environment, role_name.or_else(|| env::get(environment, ROLE_NAME)))?),
    }
}

pub(crate) fn label(role_name: Option<&str>) -> String {
    match role_name {
        Some(role) => format!("ECS instance RAM role '{role}'"),
        None => "ECS instance RAM role".to_string(),
    }
}

/// The metadata base URL (`ALIBABA_CLOUD_IMDS_ENDPOINT` overrides it, loopback or https only).
pub(crate) fn spec(environment: &dyn Environment, role_name: Option<String>) -> Result<EcsSpec, Error> {
    let base = match env::get_trimmed(environment, env::IMDS_ENDPOINT) {
        Some(endpoint) => parse_base_url(&endpoint, "metadata endpoint")?,
        None => Url::parse(DEFAULT_BASE).expect("the default metadata URL parses"),
    };
    Ok(EcsSpec { base, role_name, imdsv1_disabled: env::is_true(environment, "ALIBABA_CLOUD_IMDSV1_DISABLED") })
}

pub(crate) async fn fetch(context: &FetchContext<'_>, spec: &EcsSpec) -> Result<Credentials, Error> {
    let token = session_token(context, spec).await?;
    let role = match &spec.role_name {
        Some(role) => role.clone(),
        None => discover_role(context, spec, token.as_deref()).await?,
    };
    let url = url(spec, &format!("{CREDENTIALS_PATH}{}", acs_sign::percent_encode(&role)));
    let answer = get(context, "metadata: role credentials", &url, token.as_deref()).await?;
    #[derive(Deserialize)]
    struct Body {
        #[serde(rename = "Code", default)]
        code: String,
        #[serde(flatten)]
        credentials: StsCredentials,
    }
    let action = "metadata: role credentials";
    let body: Body = decode_answer(action, &url, answer.status.as_u16(), answer.content_type(), &answer.body)?;
    if body.code != "Success" {
        return Err(unexpected(
            action,
            &url,
            answer.status.as_u16(),
            "the metadata service did not answer Success",
            None,
        ));
    }
    body.credentials
        .into_credentials()
        .ok_or_else(|| unexpected(action, &url, answer.status.as_u16(), "the role credentials are incomplete", None))
}

/// IMDSv2 session token. An unreachable service is an error (this is not an ECS instance); a refusal
/// falls back to token-less IMDSv1 unless that is disabled.
async fn session_token(context: &FetchContext<'_>, spec: &EcsSpec) -> Result<Option<String>, Error> {
    let action = "metadata: session token";
    let url = url(spec, "/latest/api/token");
    let request = context.metadata_http.put(&url).header("X-aliyun-ecs-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS);
    let answer = exchange(context, action, "PUT", &url, request).await?;
    if answer.status.is_success() {
        return Ok(Some(String::from_utf8_lossy(&answer.body).trim().to_string()));
    }
    if spec.imdsv1_disabled {
        return Err(unexpected(
            action,
            &url,
            answer.status.as_u16(),
            "the metadata service refused a session token",
            None,
        ));
    }
    Ok(None)
}

async fn discover_role(context: &FetchContext<'_>, spec: &EcsSpec, token: Option<&str>) -> Result<String, Error> {
    let action = "metadata: role name";
    let url = url(spec, CREDENTIALS_PATH);
    let answer = get(context, action, &url, token).await?;
    let body = String::from_utf8_lossy(&answer.body);
    body.lines().map(str::trim).find(|line| !line.is_empty()).map(str::to_string).ok_or_else(|| {
        unexpected(action, &url, answer.status.as_u16(), "no RAM role is attached to this instance", None)
    })
}

async fn get(
    context: &FetchContext<'_>,
    action: &str,
    url: &str,
    token: Option<&str>,
) -> Result<crate::transport::Answer, Error> {
    let mut request = context.metadata_http.get(url);
    if let Some(token) = token {
        request = request.header("X-aliyun-ecs-metadata-token", token);
    }
    let answer = exchange(context, action, "GET", url, request).await?;
    if !answer.status.is_success() {
        return Err(unexpected(action, url, answer.status.as_u16(), "the metadata service refused", None));
    }
    Ok(answer)
}

fn url(spec: &EcsSpec, path: &str) -> String {
    format!("{}{path}", spec.base.as_str().trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::MapEnvironment;

    #[test]
    fn disabled_or_overridden() {
        let disabled = MapEnvironment::new().var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        assert!(matches!(detect(&disabled), Detected::Unset(_)));
        let spaced = MapEnvironment::new().var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", " true");
        assert!(matches!(detect(&spaced), Detected::Refused { .. }));

        let Detected::Ready { provider: Provider::Ecs(spec), label } = detect(&MapEnvironment::new()) else { panic!() };
        assert_eq!(spec.base.as_str(), "http://100.100.100.200/");
        assert_eq!(label, "ECS instance RAM role");

        let env = MapEnvironment::new()
            .var("ALIBABA_CLOUD_IMDS_ENDPOINT", "http://127.0.0.1:81")
            .var("ALIBABA_CLOUD_ECS_METADATA", "r");
        let Detected::Ready { provider: Provider::Ecs(spec), label } = detect(&env) else { panic!() };
        assert_eq!((spec.base.as_str(), spec.role_name.as_deref()), ("http://127.0.0.1:81/", Some("r")));
        assert_eq!(label, "ECS instance RAM role 'r'");

        let insecure = MapEnvironment::new().var("ALIBABA_CLOUD_IMDS_ENDPOINT", "http://10.0.0.1");
        assert!(matches!(detect(&insecure), Detected::Broken { .. }));
    }
}
