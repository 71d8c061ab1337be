//! Source 2 (and the aliyun CLI's OIDC mode): RRSA. Exchanges the OIDC token in a file, which the
//! platform rotates (hence read at every fetch), for STS credentials with AssumeRoleWithOIDC.

use std::path::PathBuf;

use reqwest::Url;

use super::sts::{self, pair};
use super::{Detected, FetchContext, Problem, Provider};
use crate::env::{self, Environment};
use crate::error::Error;
use crate::secret::{Credentials, Secret};

const TOKEN_FILE: &str = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
const PROVIDER_ARN: &str = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
const ROLE_ARN: &str = "ALIBABA_CLOUD_ROLE_ARN";
const SESSION_NAME: &str = "ALIBABA_CLOUD_ROLE_SESSION_NAME";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OidcSpec {
    pub token_file: PathBuf,
    pub provider_arn: String,
    pub role_arn: String,
    pub session_name: Option<String>,
    pub duration_seconds: u32,
    pub policy: Option<String>,
    pub sts: Url,
}

/// Configured when all three of the token file, the provider ARN and the role ARN are set.
pub(crate) fn detect(environment: &dyn Environment) -> Detected {
    let (Some(token_file), Some(provider_arn), Some(role_arn)) =
        (env::get(environment, TOKEN_FILE), env::get(environment, PROVIDER_ARN), env::get(environment, ROLE_ARN))
    else {
        return Detected::Unset(format!("{TOKEN_FILE}, {PROVIDER_ARN} and {ROLE_ARN} not all set"));
    };
    let label = format!("OIDC role {role_arn} (environment)");
    let spec = sts::sts_url(environment, None, None, false).map(|sts| OidcSpec {
        token_file: PathBuf::from(token_file),
        provider_arn,
        role_arn,
        session_name: env::get(environment, SESSION_NAME),
        duration_seconds: sts::DEFAULT_DURATION_SECONDS,
        policy: None,
        sts,
    });
    Detected::from_result(label, spec.map(Provider::Oidc).map_err(Problem::from))
}

pub(crate) async fn fetch(context: &FetchContext<'_>, spec: &OidcSpec) -> Result<Credentials, Error> {
    let token = read_token(&spec.token_file)?;
    let mut form = vec![
        pair("RoleArn", &spec.role_arn),
        pair("OIDCProviderArn", &spec.provider_arn),
        pair("OIDCToken", token.expose()),
        pair("RoleSessionName", &sts::session_name(spec.session_name.as_deref(), context)),
        pair("DurationSeconds", &spec.duration_seconds.to_string()),
    ];
    if let Some(policy) = &spec.policy {
        form.push(pair("Policy", policy));
    }
    sts::assume_role_with_oidc(context, &spec.sts, form).await
}

fn read_token(path: &std::path::Path) -> Result<Secret, Error> {
    let token =
        std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
    let token = token.trim();
    if token.is_empty() {
        return Err(super::config_error(path.display().to_string(), "the OIDC token file is empty"));
    }
    Ok(Secret::new(token))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::MapEnvironment;

    #[test]
    fn needs_all_three_variables() {
        let env =
            MapEnvironment::new().var(TOKEN_FILE, "/var/run/token").var(PROVIDER_ARN, "acs:ram::1:oidc-provider/p");
        assert!(matches!(detect(&env), Detected::Unset(_)));
        let env =
            env.var(ROLE_ARN, "acs:ram::1:role/r").var(SESSION_NAME, "s").var(env::STS_ENDPOINT, "http://127.0.0.1:9");
        let Detected::Ready { label, provider: Provider::Oidc(spec) } = detect(&env) else { panic!() };
        assert_eq!(label, "OIDC role acs:ram::1:role/r (environment)");
        assert_eq!(spec.token_file, PathBuf::from("/var/run/token"));
        assert_eq!(spec.session_name.as_deref(), Some("s"));
        assert_eq!(spec.sts.as_str(), "http://127.0.0.1:9/");
    }

    #[test]
    fn token_file_is_read_trimmed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        std::fs::write(&path, "eyJtoken\n").unwrap();
        assert_eq!(read_token(&path).unwrap().expose(), "eyJtoken");
        std::fs::write(&path, "  \n").unwrap();
        assert!(read_token(&path).is_err());
        assert!(matches!(read_token(&dir.path().join("missing")), Err(Error::Io { .. })));
    }
}
