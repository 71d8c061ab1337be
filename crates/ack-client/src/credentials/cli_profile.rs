//! Source 3: a profile of the aliyun CLI's `config.json` (`ALIBABA_CLOUD_CONFIG_FILE`, else
//! `~/.aliyun/config.json`). Also where the region (`region_id`) and the endpoint type (`endpoint_type`)
//! come from.
//!
//! The file is read leniently, field by field, so that a field of an unexpected type neither fails the
//! whole file nor ends up quoted in an error message (it may be a secret).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::ecs;
use super::oidc::OidcSpec;
use super::sts::{self, RoleSpec};
use super::{Detected, Provider, config_error, uri};
use crate::env::{self, Environment};
use crate::error::{Error, JsonError};
use crate::secret::{Credentials, Secret};

const CONFIG_FILE: &str = "ALIBABA_CLOUD_CONFIG_FILE";
const DISABLED: &str = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED";

/// One profile: its fields as strings (numbers and booleans are kept as their text).
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    fields: Map<String, Value>,
}

impl Profile {
    fn get(&self, key: &str) -> Option<String> {
        let value = match self.fields.get(key)? {
            Value::String(text) => text.trim().to_string(),
            Value::Number(number) => number.to_string(),
            Value::Bool(flag) => flag.to_string(),
            _ => return None,
        };
        (!value.is_empty()).then_some(value)
    }

    fn secret(&self, key: &str) -> Option<Secret> {
        self.get(key).map(Secret::new)
    }

    fn flag(&self, key: &str) -> bool {
        self.get(key).is_some_and(|value| value.eq_ignore_ascii_case("true"))
    }

    pub fn name(&self) -> String {
        self.get("name").unwrap_or_default()
    }

    /// The mode, or the one the CLI infers from the fields present when `mode` is empty.
    pub fn mode(&self) -> Option<String> {
        if let Some(mode) = self.get("mode") {
            return Some(mode);
        }
        let has = |key| self.get(key).is_some();
        let mode = if has("access_key_id") && has("access_key_secret") {
            if has("ram_role_arn") {
                "RamRoleArn"
            } else if has("sts_token") {
                "StsToken"
            } else {
                "AK"
            }
        } else if has("source_profile") && has("ram_role_arn") {
            "ChainableRamRoleArn"
        } else if has("ram_role_name") {
            "EcsRamRole"
        } else if has("oidc_token_file") && has("oidc_provider_arn") && has("ram_role_arn") {
            "OIDC"
        } else if has("credentials_uri") {
            "CredentialsURI"
        } else {
            return None;
        };
        Some(mode.to_string())
    }

    /// `region_id`.
    pub fn region(&self) -> Option<String> {
        self.get("region_id")
    }

    /// `endpoint_type` is `vpc`.
    pub fn vpc(&self) -> bool {
        self.get("endpoint_type").is_some_and(|value| value.eq_ignore_ascii_case("vpc"))
    }
}

/// The parsed file.
#[derive(Debug, Clone)]
pub(crate) struct CliConfig {
    pub path: PathBuf,
    current: Option<String>,
    profiles: Vec<Profile>,
}

impl CliConfig {
    pub fn parse(path: &Path, text: &str) -> Result<CliConfig, Error> {
        let shown = path.display().to_string();
        let value: Value = serde_json::from_str(text)
            .map_err(|error| config_error(&shown, format!("not valid JSON ({})", JsonError::from(error))))?;
        let object = value.as_object().ok_or_else(|| config_error(&shown, "not a JSON object"))?;
        let current = object.get("current").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
        let profiles = object
            .get("profiles")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter().filter_map(Value::as_object).map(|fields| Profile { fields: fields.clone() }).collect()
            })
            .unwrap_or_default();
        Ok(CliConfig { path: path.to_path_buf(), current: current.map(str::to_string), profiles })
    }

    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|profile| profile.name() == name)
    }

    /// The profile to use: explicit option, else `ALIBABA_CLOUD_PROFILE`, else the file's `current`.
    pub fn selected_name(&self, explicit: Option<&str>, environment: &dyn Environment) -> Option<String> {
        super::non_empty(explicit).or_else(|| env::get(environment, env::PROFILE)).or_else(|| self.current.clone())
    }

    fn shown(&self) -> String {
        self.path.display().to_string()
    }
}

/// Where the file is.
pub(crate) fn config_path(environment: &dyn Environment) -> Option<PathBuf> {
    env::get(environment, CONFIG_FILE).map(PathBuf::from).or_else(|| env::home_path(environment, ".aliyun/config.json"))
}

/// Reads the file: `Ok(None)` when it does not exist.
pub(crate) fn load(environment: &dyn Environment) -> Result<Option<CliConfig>, Error> {
    let Some(path) = config_path(environment) else { return Ok(None) };
    match std::fs::read_to_string(&path) {
        Ok(text) => CliConfig::parse(&path, &text).map(Some),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Io { path: path.display().to_string(), source }),
    }
}

/// The selected profile's `region_id` and whether its `endpoint_type` is `vpc` (none when the CLI
/// profile is disabled, missing or unreadable: the credential chain reports those).
pub(crate) fn region_settings(environment: &dyn Environment, explicit_profile: Option<&str>) -> (Option<String>, bool) {
    if env::is_true(environment, DISABLED) {
        return (None, false);
    }
    let Ok(Some(config)) = load(environment) else { return (None, false) };
    let Some(profile) =
        config.selected_name(explicit_profile, environment).and_then(|name| config.profile(&name).cloned())
    else {
        return (None, false);
    };
    (profile.region(), profile.vpc())
}

pub(crate) fn detect(environment: &dyn Environment, explicit_profile: Option<&str>) -> Detected {
    if env::is_true(environment, DISABLED) {
        return Detected::Unset(format!("disabled by {DISABLED}"));
    }
    let config = match load(environment) {
        Ok(Some(config)) => config,
        Ok(None) => {
            let path =
                config_path(environment).map(|p| p.display().to_string()).unwrap_or("~/.aliyun/config.json".into());
            return Detected::Unset(format!("{path} not found"));
        }
        Err(error) => return Detected::Broken { label: "aliyun CLI profile".to_string(), error },
    };
    let Some(name) = config.selected_name(explicit_profile, environment) else {
        return Detected::Unset(format!("no current profile in {}", config.shown()));
    };
    let mode = config.profile(&name).and_then(Profile::mode).unwrap_or_else(|| "unknown mode".to_string());
    let label = format!("aliyun CLI profile '{name}' ({mode})");
    Detected::from_result(label, provider(&config, &name, environment, &mut HashSet::new()))
}

/// The provider of profile `name`. `visited` detects `source_profile` cycles.
pub(crate) fn provider(
    config: &CliConfig,
    name: &str,
    environment: &dyn Environment,
    visited: &mut HashSet<String>,
) -> Result<Provider, Error> {
    if !visited.insert(name.to_string()) {
        return Err(config_error(config.shown(), format!("source_profile cycle through profile '{name}'")));
    }
    let profile =
        config.profile(name).ok_or_else(|| config_error(config.shown(), format!("profile '{name}' not found")))?;
    let mode = profile.mode().ok_or_else(|| {
        config_error(config.shown(), format!("profile '{name}' has no mode and no fields to infer one from"))
    })?;
    let required = |key: &str| {
        profile.get(key).ok_or_else(|| config_error(config.shown(), format!("profile '{name}' ({mode}) lacks {key}")))
    };
    match mode.as_str() {
        "AK" => {
            Ok(Provider::Static(Credentials::access_key(required("access_key_id")?, required("access_key_secret")?)))
        }
        "StsToken" => Ok(Provider::Static(Credentials {
            security_token: Some(Secret::new(required("sts_token")?)),
            ..Credentials::access_key(required("access_key_id")?, required("access_key_secret")?)
        })),
        "RamRoleArn" => {
            let source = Credentials {
                security_token: profile.secret("sts_token"),
                ..Credentials::access_key(required("access_key_id")?, required("access_key_secret")?)
            };
            Ok(Provider::AssumeRole {
                source: Box::new(Provider::Static(source)),
                role: role_spec(profile, environment, &required)?,
            })
        }
        "ChainableRamRoleArn" => {
            let source = provider(config, &required("source_profile")?, environment, visited)?;
            Ok(Provider::AssumeRole { source: Box::new(source), role: role_spec(profile, environment, &required)? })
        }
        "EcsRamRole" => Ok(Provider::Ecs(ecs::spec(environment, profile.get("ram_role_name"))?)),
        "OIDC" => Ok(Provider::Oidc(OidcSpec {
            token_file: PathBuf::from(required("oidc_token_file")?),
            provider_arn: required("oidc_provider_arn")?,
            role_arn: required("ram_role_arn")?,
            session_name: profile.get("ram_session_name"),
            duration_seconds: sts::duration_seconds(expired_seconds(profile)),
            policy: profile.get("policy"),
            sts: sts_url(profile, environment)?,
        })),
        "CredentialsURI" => uri::provider(&required("credentials_uri")?),
        other => Err(config_error(config.shown(), format!("profile '{name}': unsupported profile mode '{other}'"))),
    }
}

fn role_spec(
    profile: &Profile,
    environment: &dyn Environment,
    required: &dyn Fn(&str) -> Result<String, Error>,
) -> Result<RoleSpec, Error> {
    Ok(RoleSpec {
        role_arn: required("ram_role_arn")?,
        session_name: profile.get("ram_session_name"),
        duration_seconds: sts::duration_seconds(expired_seconds(profile)),
        policy: profile.get("policy"),
        external_id: profile.get("external_id"),
        sts: sts_url(profile, environment)?,
    })
}

fn expired_seconds(profile: &Profile) -> Option<u32> {
    profile.get("expired_seconds").and_then(|value| value.parse().ok()).filter(|seconds| *seconds > 0)
}

fn sts_url(profile: &Profile, environment: &dyn Environment) -> Result<reqwest::Url, Error> {
    sts::sts_url(
        environment,
        profile.get("sts_endpoint").as_deref(),
        profile.get("sts_region").as_deref(),
        profile.flag("enable_vpc"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::MapEnvironment;

    /// The official credentials-go fixture, plus the modes and fields kubectl-ack adds.
    const FIXTURE: &str = r#"{
      "current": "AK",
      "profiles": [
        {"name": "AK", "mode": "AK", "access_key_id": "akid", "access_key_secret": "secret", "region_id": "cn-beijing"},
        {"name": "StsToken", "mode": "StsToken", "access_key_id": "accessKeyId", "access_key_secret": "accessKeySecret", "sts_token": "stsToken"},
        {"name": "RamRoleArn", "mode": "RamRoleArn", "access_key_id": "akid", "access_key_secret": "secret", "ram_role_arn": "arn", "sts_region": "cn-hangzhou", "enable_vpc": true, "policy": "policy", "external_id": "id", "expired_seconds": 1800, "ram_session_name": "sess"},
        {"name": "EcsRamRole", "mode": "EcsRamRole", "ram_role_name": "rolename"},
        {"name": "OIDC", "mode": "OIDC", "ram_role_arn": "role_arn", "oidc_token_file": "path/to/oidc/file", "oidc_provider_arn": "provider_arn", "sts_region": "cn-hangzhou", "enable_vpc": true, "policy": "policy"},
        {"name": "ChainableRamRoleArn", "mode": "ChainableRamRoleArn", "ram_role_arn": "arn2", "source_profile": "RamRoleArn"},
        {"name": "URI", "mode": "CredentialsURI", "credentials_uri": "http://127.0.0.1:3000/creds"},
        {"name": "Inferred", "access_key_id": "akid", "access_key_secret": "secret", "sts_token": "t"},
        {"name": "LoopA", "mode": "ChainableRamRoleArn", "ram_role_arn": "a", "source_profile": "LoopB"},
        {"name": "LoopB", "mode": "ChainableRamRoleArn", "ram_role_arn": "b", "source_profile": "LoopA"},
        {"name": "Sso", "mode": "CloudSSO"},
        {"name": "Vpc", "mode": "AK", "access_key_id": "a", "access_key_secret": "b", "region_id": "cn-shanghai", "endpoint_type": "vpc"},
        {"name": "NoSecret", "mode": "AK", "access_key_id": "a", "access_key_secret": 12345}
      ],
      "meta_path": ""
    }"#;

    fn config() -> CliConfig {
        CliConfig::parse(Path::new("/home/u/.aliyun/config.json"), FIXTURE).unwrap()
    }

    fn resolve(name: &str) -> Result<Provider, Error> {
        provider(&config(), name, &MapEnvironment::new(), &mut HashSet::new())
    }

    #[test]
    fn ak_and_sts_token_modes() {
        let Provider::Static(ak) = resolve("AK").unwrap() else { panic!() };
        assert_eq!((ak.access_key_id.as_str(), ak.access_key_secret.expose()), ("akid", "secret"));
        assert!(ak.security_token.is_none());
        let Provider::Static(sts) = resolve("StsToken").unwrap() else { panic!() };
        assert_eq!(sts.security_token.unwrap().expose(), "stsToken");
    }

    #[test]
    fn ram_role_arn_mode() {
        let Provider::AssumeRole { source, role } = resolve("RamRoleArn").unwrap() else { panic!() };
        assert!(matches!(*source, Provider::Static(ref c) if c.access_key_id == "akid"));
        assert_eq!(role.role_arn, "arn");
        assert_eq!(role.session_name.as_deref(), Some("sess"));
        assert_eq!(role.duration_seconds, 1800);
        assert_eq!((role.policy.as_deref(), role.external_id.as_deref()), (Some("policy"), Some("id")));
        assert_eq!(role.sts.as_str(), "https://sts-vpc.cn-hangzhou.aliyuncs.com/");
    }

    #[test]
    fn chainable_ram_role_arn_recurses_and_detects_cycles() {
        let Provider::AssumeRole { source, role } = resolve("ChainableRamRoleArn").unwrap() else { panic!() };
        assert_eq!(role.role_arn, "arn2");
        let Provider::AssumeRole { role: inner, .. } = *source else { panic!() };
        assert_eq!(inner.role_arn, "arn");
        let cycle = resolve("LoopA").unwrap_err().to_string();
        assert!(cycle.contains("source_profile cycle"), "{cycle}");
    }

    #[test]
    fn ecs_oidc_and_uri_modes() {
        let Provider::Ecs(ecs) = resolve("EcsRamRole").unwrap() else { panic!() };
        assert_eq!(ecs.role_name.as_deref(), Some("rolename"));
        let Provider::Oidc(oidc) = resolve("OIDC").unwrap() else { panic!() };
        assert_eq!((oidc.role_arn.as_str(), oidc.provider_arn.as_str()), ("role_arn", "provider_arn"));
        assert_eq!(oidc.token_file, PathBuf::from("path/to/oidc/file"));
        assert!(matches!(resolve("URI").unwrap(), Provider::Uri(uri) if uri.shown() == "http://127.0.0.1:3000"));
    }

    #[test]
    fn inferred_and_unsupported_modes() {
        assert_eq!(config().profile("Inferred").unwrap().mode().as_deref(), Some("StsToken"));
        assert!(matches!(resolve("Inferred").unwrap(), Provider::Static(c) if c.security_token.is_some()));
        let error = resolve("Sso").unwrap_err().to_string();
        assert!(error.contains("unsupported profile mode 'CloudSSO'"), "{error}");
        assert!(resolve("Missing").unwrap_err().to_string().contains("profile 'Missing' not found"));
    }

    #[test]
    fn numbers_are_read_as_text_and_never_quoted_in_errors() {
        let Provider::Static(credentials) = resolve("NoSecret").unwrap() else { panic!() };
        assert_eq!(credentials.access_key_secret.expose(), "12345");
        let bad = CliConfig::parse(Path::new("c.json"), r#"{"profiles":[{"access_key_secret":"s3cr3t"#).unwrap_err();
        assert!(!bad.to_string().contains("s3cr3t"));
        assert!(bad.to_string().starts_with("c.json: not valid JSON"));
    }

    #[test]
    fn profile_selection_order() {
        let config = config();
        let env = MapEnvironment::new();
        assert_eq!(config.selected_name(None, &env).as_deref(), Some("AK"));
        let env = env.var("ALIBABA_CLOUD_PROFILE", "OIDC");
        assert_eq!(config.selected_name(None, &env).as_deref(), Some("OIDC"));
        assert_eq!(config.selected_name(Some("URI"), &env).as_deref(), Some("URI"));
    }

    #[test]
    fn detect_reads_the_file_and_labels_the_source() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".aliyun")).unwrap();
        std::fs::write(dir.path().join(".aliyun/config.json"), FIXTURE).unwrap();
        let env = MapEnvironment::new().home(dir.path());
        let Detected::Ready { label, .. } = detect(&env, Some("RamRoleArn")) else { panic!() };
        assert_eq!(label, "aliyun CLI profile 'RamRoleArn' (RamRoleArn)");
        assert_eq!(region_settings(&env, None), (Some("cn-beijing".to_string()), false));
        assert_eq!(region_settings(&env, Some("Vpc")), (Some("cn-shanghai".to_string()), true));

        let disabled = env.clone().var(DISABLED, "true");
        assert!(matches!(detect(&disabled, None), Detected::Unset(_)));
        assert_eq!(region_settings(&disabled, None), (None, false));

        let elsewhere =
            MapEnvironment::new().home(dir.path()).var(CONFIG_FILE, dir.path().join("none.json").display().to_string());
        assert!(matches!(detect(&elsewhere, None), Detected::Unset(reason) if reason.ends_with("none.json not found")));
    }
}
