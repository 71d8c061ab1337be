//! Source 3: a profile of the aliyun CLI's `config.json` (`ALIBABA_CLOUD_CONFIG_FILE`, else
//! `~/.aliyun/config.json`). Also where the region (`region_id`) and the endpoint type (`endpoint_type`)
//! come from.
//!
//! Read as credentials-go reads it (`providers/cli_profile.go`, Go's `encoding/json` into its `profile`
//! struct, see [`go_json`](super::go_json)):
//! - a key fills its field whatever its case, and the last of several wins;
//! - a value of the wrong type in any profile (a number where a string goes, `"3600"` for
//!   `expired_seconds`) makes the whole file unusable, and the chain moves on;
//! - the profile is `--profile`, else `ALIBABA_CLOUD_PROFILE`, else `current`, each matched exactly as
//!   written, spaces included;
//! - the mode is required and matched exactly (no mode is guessed); AK, StsToken and RamRoleArn take a
//!   key, secret or token the profile lacks from the environment; a profile in EcsRamRole mode refuses
//!   before any network call when `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
//!
//! kubectl-ack adds the aliyun CLI's CredentialsURI mode and reads `credentials_uri`, `sts_endpoint` and
//! `endpoint_type`; a wrong type in those is ignored. Values are never quoted in errors (they may be
//! secrets).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::env::{ID, SECRET, TOKEN};
use super::go_json::{self, Json};
use super::oidc::OidcSpec;
use super::sts::{self, RoleSpec};
use super::{Detected, Problem, Provider, check_given, config_error, ecs, uri};
use crate::env::{self, Environment};
use crate::error::{Error, JsonError};
use crate::secret::{Credentials, Secret};

const CONFIG_FILE: &str = "ALIBABA_CLOUD_CONFIG_FILE";
const DISABLED: &str = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED";
const ROLE_ARN: &str = "ALIBABA_CLOUD_ROLE_ARN";
const ROLE_SESSION_NAME: &str = "ALIBABA_CLOUD_ROLE_SESSION_NAME";

/// The Go type of a field of credentials-go's `profile` struct.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Integer,
    Boolean,
}

/// credentials-go's `profile` struct: every field is type-checked, used or not, as Go does.
const SDK_FIELDS: &[(&str, Kind)] = &[
    ("name", Kind::Text),
    ("mode", Kind::Text),
    ("access_key_id", Kind::Text),
    ("access_key_secret", Kind::Text),
    ("sts_token", Kind::Text),
    ("region_id", Kind::Text),
    ("ram_role_arn", Kind::Text),
    ("ram_session_name", Kind::Text),
    ("expired_seconds", Kind::Integer),
    ("sts_region", Kind::Text),
    ("enable_vpc", Kind::Boolean),
    ("source_profile", Kind::Text),
    ("ram_role_name", Kind::Text),
    ("oidc_token_file", Kind::Text),
    ("oidc_provider_arn", Kind::Text),
    ("policy", Kind::Text),
    ("external_id", Kind::Text),
    ("cloud_sso_sign_in_url", Kind::Text),
    ("cloud_sso_account_id", Kind::Text),
    ("cloud_sso_access_config", Kind::Text),
    ("access_token", Kind::Text),
    ("cloud_sso_access_token_expire", Kind::Integer),
    ("oauth_site_type", Kind::Text),
    ("oauth_refresh_token", Kind::Text),
    ("oauth_access_token", Kind::Text),
    ("oauth_access_token_expire", Kind::Integer),
    ("sts_expiration", Kind::Integer),
    ("process_command", Kind::Text),
];

/// Modes the official chain uses and kubectl-ack cannot: the chain stops rather than pick another source.
const OFFICIAL_ONLY_MODES: &[&str] = &["CloudSSO", "OAuth", "External"];

/// One profile: its fields in document order, type-checked.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    fields: Vec<(String, Json)>,
}

impl Profile {
    /// Checks every field credentials-go knows against its Go type; the reason never quotes a value.
    fn decode(fields: Vec<(String, Json)>) -> Result<Profile, String> {
        for (key, value) in &fields {
            let Some((field, kind)) = SDK_FIELDS.iter().find(|(field, _)| go_json::key_matches(key, field)) else {
                continue;
            };
            let fits = matches!(
                (kind, value),
                (_, Json::Null)
                    | (Kind::Text, Json::String(_))
                    | (Kind::Integer, Json::Integer(_))
                    | (Kind::Boolean, Json::Bool(_))
            );
            if !fits {
                let wanted = match kind {
                    Kind::Text => "a string",
                    Kind::Integer => "an integer",
                    Kind::Boolean => "true or false",
                };
                return Err(format!("a profile's {field} is {}, not {wanted}", value.kind()));
            }
        }
        Ok(Profile { fields })
    }

    /// A string field, exactly as written; `None` when absent or empty (Go's zero value).
    fn text(&self, field: &str) -> Option<String> {
        match go_json::field(&self.fields, field)? {
            Json::String(text) if !text.is_empty() => Some(text.clone()),
            _ => None,
        }
    }

    fn integer(&self, field: &str) -> i64 {
        match go_json::field(&self.fields, field) {
            Some(Json::Integer(value)) => *value,
            _ => 0,
        }
    }

    fn flag(&self, field: &str) -> bool {
        matches!(go_json::field(&self.fields, field), Some(Json::Bool(true)))
    }

    pub fn name(&self) -> String {
        self.text("name").unwrap_or_default()
    }

    /// `mode`, exactly as written.
    pub fn mode(&self) -> Option<String> {
        self.text("mode")
    }

    /// `region_id`.
    pub fn region(&self) -> Option<String> {
        self.text("region_id")
    }

    /// `endpoint_type` is `vpc`.
    pub fn vpc(&self) -> bool {
        self.text("endpoint_type").is_some_and(|value| value.trim().eq_ignore_ascii_case("vpc"))
    }
}

/// The parsed file.
#[derive(Debug, Clone)]
pub(crate) struct CliConfig {
    pub path: PathBuf,
    current: String,
    /// `None`: a `null` in the list (credentials-go would crash on it).
    profiles: Vec<Option<Profile>>,
}

/// Why a profile could not be looked up.
enum Lookup {
    NotFound,
    /// A `null` profile before the one asked for.
    Null,
}

impl CliConfig {
    pub fn parse(path: &Path, text: &str) -> Result<CliConfig, Error> {
        let shown = path.display().to_string();
        let unusable = |reason: String| config_error(&shown, reason);
        let json =
            Json::parse(text).map_err(|error| unusable(format!("not valid JSON ({})", JsonError::from(error))))?;
        let top = match json {
            Json::Object(entries) => entries,
            Json::Null => Vec::new(),
            other => return Err(unusable(format!("the file is {}, not a JSON object", other.kind()))),
        };
        let mut current = String::new();
        let mut profiles = Vec::new();
        for (key, value) in top {
            if go_json::key_matches(&key, "current") {
                match value {
                    Json::String(name) => current = name,
                    Json::Null => {}
                    other => return Err(unusable(format!("current is {}, not a string", other.kind()))),
                }
            } else if go_json::key_matches(&key, "profiles") {
                profiles = match value {
                    Json::Array(items) => {
                        items.into_iter().map(decode_profile).collect::<Result<_, _>>().map_err(unusable)?
                    }
                    Json::Null => Vec::new(),
                    other => return Err(unusable(format!("profiles is {}, not a list", other.kind()))),
                };
            }
        }
        if profiles.is_empty() {
            return Err(unusable("no profiles".to_string()));
        }
        Ok(CliConfig { path: path.to_path_buf(), current, profiles })
    }

    /// The first profile named exactly `name`, as credentials-go's `getProfile` finds it.
    fn lookup(&self, name: &str) -> Result<&Profile, Lookup> {
        for profile in &self.profiles {
            match profile {
                None => return Err(Lookup::Null),
                Some(profile) if profile.name() == name => return Ok(profile),
                Some(_) => {}
            }
        }
        Err(Lookup::NotFound)
    }

    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.lookup(name).ok()
    }

    /// The profile to use: the explicit option, else `ALIBABA_CLOUD_PROFILE`, else the file's `current`;
    /// each as written (an empty value counts as unset).
    pub fn selected_name(&self, explicit: Option<&str>, environment: &dyn Environment) -> String {
        explicit
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .or_else(|| env::get(environment, env::PROFILE))
            .unwrap_or_else(|| self.current.clone())
    }

    fn shown(&self) -> String {
        self.path.display().to_string()
    }

    /// Why profile `name` was not found, with a word about spaces when they are the reason.
    fn not_found(&self, name: &str) -> Error {
        let trimmed = name.trim();
        let near = self.profiles.iter().flatten().any(|profile| profile.name().trim() == trimmed);
        let note = if near && trimmed != name {
            " (one differs only in spaces: the official SDKs match profile names exactly)"
        } else {
            ""
        };
        config_error(self.shown(), format!("profile '{}' not found{note}", shown_name(name)))
    }
}

fn decode_profile(item: Json) -> Result<Option<Profile>, String> {
    match item {
        Json::Object(fields) => Profile::decode(fields).map(Some),
        Json::Null => Ok(None),
        other => Err(format!("a profile is {}, not an object", other.kind())),
    }
}

/// A profile name as messages show it: control characters escaped, spaces kept (they may be the problem).
pub(crate) fn shown_name(name: &str) -> String {
    name.chars().flat_map(|c| if c.is_control() { c.escape_default().collect() } else { vec![c] }).collect()
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
    if env::switch(environment, DISABLED) != Ok(false) {
        return (None, false);
    }
    let Ok(Some(config)) = load(environment) else { return (None, false) };
    let Some(profile) = config.profile(&config.selected_name(explicit_profile, environment)).cloned() else {
        return (None, false);
    };
    (profile.region(), profile.vpc())
}

pub(crate) fn detect(environment: &dyn Environment, explicit_profile: Option<&str>) -> Detected {
    match env::switch(environment, DISABLED) {
        Ok(true) => return Detected::Unset(format!("disabled by {DISABLED}")),
        Err(reason) => {
            let error = config_error("environment", reason);
            return Detected::Refused { label: "aliyun CLI profile".to_string(), error };
        }
        Ok(false) => {}
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
    let name = config.selected_name(explicit_profile, environment);
    if name.is_empty() && config.profile("").is_none() {
        return Detected::Unset(format!("no current profile in {}", config.shown()));
    }
    let label = match config.profile(&name) {
        Some(profile) => {
            let mode = profile.mode().map(|mode| shown_name(&mode)).unwrap_or_else(|| "no mode".to_string());
            format!("aliyun CLI profile '{}' ({mode})", shown_name(&name))
        }
        None => format!("aliyun CLI profile '{}'", shown_name(&name)),
    };
    Detected::from_result(label, provider(&config, &name, environment, &mut HashSet::new(), Use::Direct))
}

/// How a profile's credentials are used, which decides what a key with spaces around it does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// As they are: the official chain would stop at them, so the chain stops.
    Direct,
    /// To sign an AssumeRole call: the official chain's STS call fails and it moves on, so this one
    /// moves on without making the call.
    Source,
}

/// The provider of profile `name`. `visited` detects `source_profile` cycles.
pub(crate) fn provider(
    config: &CliConfig,
    name: &str,
    environment: &dyn Environment,
    visited: &mut HashSet<String>,
    used: Use,
) -> Result<Provider, Problem> {
    let path = config.shown();
    if !visited.insert(name.to_string()) {
        return Err(config_error(&path, format!("source_profile cycle through profile '{}'", shown_name(name))).into());
    }
    let profile = match config.lookup(name) {
        Ok(profile) => profile,
        Err(Lookup::NotFound) => return Err(config.not_found(name).into()),
        Err(Lookup::Null) => {
            let reason = "a profile in the list is null, which the official SDKs cannot read";
            return Err(Problem::Stop(config_error(&path, reason)));
        }
    };
    let mode = profile.mode().unwrap_or_default();
    let this = format!("profile '{}' ({})", shown_name(name), shown_name(&mode));
    let required =
        |field: &str| profile.text(field).ok_or_else(|| config_error(&path, format!("{this} lacks {field}")));
    let from_env = |field: &str, variable: &str| given(profile, environment, &path, &this, field, variable);
    match mode.as_str() {
        "AK" => {
            let (id, secret) = (from_env("access_key_id", ID)?, from_env("access_key_secret", SECRET)?);
            check(&path, used, &[&id, &secret])?;
            Ok(Provider::Static(Credentials::access_key(id.value, secret.value)))
        }
        "StsToken" => {
            let (id, secret) = (from_env("access_key_id", ID)?, from_env("access_key_secret", SECRET)?);
            let token = from_env("sts_token", TOKEN)?;
            check(&path, used, &[&id, &secret, &token])?;
            Ok(Provider::Static(Credentials {
                security_token: Some(Secret::new(token.value)),
                ..Credentials::access_key(id.value, secret.value)
            }))
        }
        "RamRoleArn" => {
            let (id, secret) = (from_env("access_key_id", ID)?, from_env("access_key_secret", SECRET)?);
            check(&path, Use::Source, &[&id, &secret])?;
            let source = Credentials::access_key(id.value, secret.value);
            let role = role_spec(profile, environment, &path, &this)?;
            Ok(Provider::AssumeRole { source: Box::new(Provider::Static(source)), role })
        }
        "ChainableRamRoleArn" => {
            let source_name = profile.text("source_profile").unwrap_or_default();
            let source = provider(config, &source_name, environment, visited, Use::Source)?;
            let role = role_spec(profile, environment, &path, &this)?;
            Ok(Provider::AssumeRole { source: Box::new(source), role })
        }
        "EcsRamRole" => Ok(Provider::Ecs(ecs::profile_spec(environment, profile.text("ram_role_name"))?)),
        "OIDC" => Ok(Provider::Oidc(OidcSpec {
            token_file: PathBuf::from(from_env("oidc_token_file", "ALIBABA_CLOUD_OIDC_TOKEN_FILE")?.value),
            provider_arn: from_env("oidc_provider_arn", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN")?.value,
            role_arn: from_env("ram_role_arn", ROLE_ARN)?.value,
            session_name: profile.text("ram_session_name"),
            duration_seconds: duration_seconds(profile, &path, &this)?,
            policy: profile.text("policy"),
            sts: sts_url(profile, environment)?,
        })),
        "CredentialsURI" => Ok(uri::provider(&required("credentials_uri")?)?),
        official if OFFICIAL_ONLY_MODES.contains(&official) => Err(Problem::Stop(config_error(
            &path,
            format!(
                "{this}: the official SDKs use {official} profiles but kubectl-ack cannot; select another profile \
                 (--profile, ALIBABA_CLOUD_PROFILE) or set ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true"
            ),
        ))),
        "" => Err(config_error(&path, format!("profile '{}' has no mode", shown_name(name))).into()),
        other => {
            let reason = format!("profile '{}': unsupported profile mode '{}'", shown_name(name), shown_name(other));
            Err(config_error(&path, reason).into())
        }
    }
}

/// A value taken from the profile, or from the environment when the profile lacks it (credentials-go's
/// static and role providers do this), with the name to blame in messages.
struct Given {
    value: String,
    name: String,
}

fn given(
    profile: &Profile,
    environment: &dyn Environment,
    path: &str,
    this: &str,
    field: &str,
    variable: &str,
) -> Result<Given, Error> {
    if let Some(value) = profile.text(field) {
        return Ok(Given { value, name: field.to_string() });
    }
    match env::get(environment, variable) {
        Some(value) => Ok(Given { value, name: variable.to_string() }),
        None => Err(config_error(path, format!("{this} lacks {field}, and {variable} is not set"))),
    }
}

/// Keys, secrets and tokens with spaces around them (see [`Use`]).
fn check(path: &str, used: Use, values: &[&Given]) -> Result<(), Problem> {
    for value in values {
        check_given(path, &value.name, &value.value).map_err(|error| match used {
            Use::Direct => Problem::Stop(error),
            Use::Source => Problem::Skip(error),
        })?;
    }
    Ok(())
}

fn role_spec(profile: &Profile, environment: &dyn Environment, path: &str, this: &str) -> Result<RoleSpec, Error> {
    Ok(RoleSpec {
        role_arn: given(profile, environment, path, this, "ram_role_arn", ROLE_ARN)?.value,
        session_name: profile.text("ram_session_name").or_else(|| env::get(environment, ROLE_SESSION_NAME)),
        duration_seconds: duration_seconds(profile, path, this)?,
        policy: profile.text("policy"),
        external_id: profile.text("external_id"),
        sts: sts_url(profile, environment)?,
    })
}

/// `expired_seconds`: 0 is the default hour; under 900 the official SDKs refuse to build the provider.
fn duration_seconds(profile: &Profile, path: &str, this: &str) -> Result<u32, Error> {
    match profile.integer("expired_seconds") {
        0 => Ok(sts::DEFAULT_DURATION_SECONDS),
        seconds if seconds < i64::from(sts::MIN_DURATION_SECONDS) => Err(config_error(
            path,
            format!(
                "{this}: expired_seconds is {seconds}, under the {} seconds STS requires",
                sts::MIN_DURATION_SECONDS
            ),
        )),
        seconds => Ok(u32::try_from(seconds).unwrap_or(u32::MAX)),
    }
}

fn sts_url(profile: &Profile, environment: &dyn Environment) -> Result<reqwest::Url, Error> {
    sts::sts_url(
        environment,
        profile.text("sts_endpoint").as_deref(),
        profile.text("sts_region").as_deref(),
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
        {"name": "NoMode", "access_key_id": "akid", "access_key_secret": "secret", "sts_token": "t"},
        {"name": "LoopA", "mode": "ChainableRamRoleArn", "ram_role_arn": "a", "source_profile": "LoopB"},
        {"name": "LoopB", "mode": "ChainableRamRoleArn", "ram_role_arn": "b", "source_profile": "LoopA"},
        {"name": "Sso", "mode": "CloudSSO"},
        {"name": "SpacedSource", "mode": "AK", "access_key_id": "akid ", "access_key_secret": "secret"},
        {"name": "ChainedToSpaced", "mode": "ChainableRamRoleArn", "ram_role_arn": "arn3", "source_profile": "SpacedSource"},
        {"name": "Vpc", "mode": "AK", "access_key_id": "a", "access_key_secret": "b", "region_id": "cn-shanghai", "endpoint_type": "vpc", "sts_endpoint": 5}
      ],
      "meta_path": ""
    }"#;

    fn config() -> CliConfig {
        CliConfig::parse(Path::new("/home/u/.aliyun/config.json"), FIXTURE).unwrap()
    }

    fn resolve_in(name: &str, environment: &MapEnvironment) -> Result<Provider, Problem> {
        provider(&config(), name, environment, &mut HashSet::new(), Use::Direct)
    }

    fn resolve(name: &str) -> Result<Provider, Problem> {
        resolve_in(name, &MapEnvironment::new())
    }

    fn skipped(result: Result<Provider, Problem>) -> String {
        match result {
            Err(Problem::Skip(error)) => error.to_string(),
            other => panic!("not skipped: {other:?}"),
        }
    }

    fn stopped(result: Result<Provider, Problem>) -> String {
        match result {
            Err(Problem::Stop(error)) => error.to_string(),
            other => panic!("not stopped: {other:?}"),
        }
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
        assert!(skipped(resolve("LoopA")).contains("source_profile cycle"));
    }

    #[test]
    fn spaces_around_a_key_stop_the_chain_when_used_as_is_and_skip_when_signing_assume_role() {
        let direct = stopped(resolve("SpacedSource"));
        assert!(
            direct.ends_with(
                "access_key_id has leading or trailing whitespace, which the official SDKs would send \
             as part of the key (and Alibaba Cloud would refuse): remove it"
            ),
            "{direct}"
        );
        assert!(skipped(resolve("ChainedToSpaced")).contains("access_key_id has leading or trailing whitespace"));
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
    fn ecs_mode_refuses_before_any_call_when_metadata_is_disabled() {
        let disabled = MapEnvironment::new().var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        assert!(skipped(resolve_in("EcsRamRole", &disabled)).contains("ALIBABA_CLOUD_ECS_METADATA_DISABLED"));
        let spaced = MapEnvironment::new().var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true ");
        assert!(stopped(resolve_in("EcsRamRole", &spaced)).contains("ALIBABA_CLOUD_ECS_METADATA_DISABLED"));
    }

    #[test]
    fn no_mode_is_guessed_and_official_only_modes_stop_the_chain() {
        assert_eq!(skipped(resolve("NoMode")), "/home/u/.aliyun/config.json: profile 'NoMode' has no mode");
        assert!(stopped(resolve("Sso")).contains("the official SDKs use CloudSSO profiles but kubectl-ack cannot"));
        assert!(skipped(resolve("Missing")).contains("profile 'Missing' not found"));
    }

    #[test]
    fn missing_values_come_from_the_environment() {
        let text = r#"{"profiles":[{"name":"p","mode":"StsToken"},{"name":"r","mode":"RamRoleArn","access_key_id":"a",
            "access_key_secret":"s"},{"name":"o","mode":"OIDC"}]}"#;
        let config = CliConfig::parse(Path::new("c.json"), text).unwrap();
        let env = MapEnvironment::new()
            .var(ID, "LTAIenv")
            .var(SECRET, "env-secret")
            .var(TOKEN, "env-token")
            .var(ROLE_ARN, "acs:ram::1:role/env")
            .var(ROLE_SESSION_NAME, "env-session")
            .var("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/t")
            .var("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/p");
        let resolve = |name| provider(&config, name, &env, &mut HashSet::new(), Use::Direct).unwrap();
        let Provider::Static(sts) = resolve("p") else { panic!() };
        assert_eq!((sts.access_key_id.as_str(), sts.security_token.unwrap().expose()), ("LTAIenv", "env-token"));
        let Provider::AssumeRole { role, .. } = resolve("r") else { panic!() };
        assert_eq!(
            (role.role_arn.as_str(), role.session_name.as_deref()),
            ("acs:ram::1:role/env", Some("env-session"))
        );
        let Provider::Oidc(oidc) = resolve("o") else { panic!() };
        assert_eq!((oidc.token_file.to_str(), oidc.role_arn.as_str()), (Some("/t"), "acs:ram::1:role/env"));
        let bare = provider(&config, "p", &MapEnvironment::new(), &mut HashSet::new(), Use::Direct);
        assert_eq!(
            skipped(bare),
            "c.json: profile 'p' (StsToken) lacks access_key_id, and ALIBABA_CLOUD_ACCESS_KEY_ID is not set"
        );
    }

    #[test]
    fn a_wrong_type_anywhere_rejects_the_file_without_quoting_the_value() {
        for (text, reason) in [
            (
                r#"{"profiles":[{"name":"a","mode":"AK"},{"access_key_secret":12345}]}"#,
                "a profile's access_key_secret is a number, not a string",
            ),
            (
                r#"{"profiles":[{"name":"a","expired_seconds":"3600"}]}"#,
                "a profile's expired_seconds is a string, not an integer",
            ),
            (
                r#"{"profiles":[{"name":"a","Expired_Seconds":1800.5}]}"#,
                "a profile's expired_seconds is a number, not an integer",
            ),
            (
                r#"{"profiles":[{"name":"a","enable_vpc":"true"}]}"#,
                "a profile's enable_vpc is a string, not true or false",
            ),
            (r#"{"current":7,"profiles":[]}"#, "current is a number, not a string"),
            (r#"{"current":"a","profiles":[]}"#, "no profiles"),
            (r#"{"profiles":["s3cr3t"]}"#, "a profile is a string, not an object"),
            ("[]", "the file is an array, not a JSON object"),
        ] {
            let error = CliConfig::parse(Path::new("c.json"), text).unwrap_err().to_string();
            assert_eq!(error, format!("c.json: {reason}"));
        }
        let bad = CliConfig::parse(Path::new("c.json"), r#"{"profiles":[{"access_key_secret":"s3cr3t"#).unwrap_err();
        assert!(!bad.to_string().contains("s3cr3t"));
        assert!(bad.to_string().starts_with("c.json: not valid JSON"));
    }

    #[test]
    fn unknown_fields_and_extras_of_the_wrong_type_are_ignored() {
        let text = r#"{"meta_path":5,"profiles":[{"name":"a","mode":"AK","retry_count":0,"sts_endpoint":5,
            "access_key_id":"id","access_key_secret":"s"}]}"#;
        assert!(
            CliConfig::parse(Path::new("c.json"), text).unwrap().profile("a").unwrap().text("sts_endpoint").is_none()
        );
    }

    #[test]
    fn profile_selection_order_and_exact_names() {
        let config = config();
        let env = MapEnvironment::new();
        assert_eq!(config.selected_name(None, &env), "AK");
        assert_eq!(config.selected_name(Some(""), &env), "AK");
        let env = env.var("ALIBABA_CLOUD_PROFILE", "OIDC");
        assert_eq!(config.selected_name(None, &env), "OIDC");
        assert_eq!(config.selected_name(Some("URI"), &env), "URI");
        let spaced = MapEnvironment::new().var("ALIBABA_CLOUD_PROFILE", " OIDC ");
        assert_eq!(config.selected_name(None, &spaced), " OIDC ");
        assert_eq!(
            skipped(resolve(" OIDC ")),
            "/home/u/.aliyun/config.json: profile ' OIDC ' not found (one differs only in spaces: the official SDKs \
             match profile names exactly)"
        );
    }

    #[test]
    fn a_null_profile_before_the_one_asked_for_stops_the_chain() {
        let config =
            CliConfig::parse(Path::new("c.json"), r#"{"profiles":[{"name":"a","mode":"AK"},null,{"name":"b"}]}"#)
                .unwrap();
        let env = MapEnvironment::new().var(ID, "i").var(SECRET, "s");
        assert!(provider(&config, "a", &env, &mut HashSet::new(), Use::Direct).is_ok());
        assert!(matches!(provider(&config, "b", &env, &mut HashSet::new(), Use::Direct), Err(Problem::Stop(_))));
    }

    #[test]
    fn detect_reads_the_file_and_labels_the_source() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".aliyun")).unwrap();
        std::fs::write(dir.path().join(".aliyun/config.json"), FIXTURE).unwrap();
        let env = MapEnvironment::new().home(dir.path());
        let Detected::Ready { label, .. } = detect(&env, Some("RamRoleArn")) else { panic!() };
        assert_eq!(label, "aliyun CLI profile 'RamRoleArn' (RamRoleArn)");
        let Detected::Broken { label, .. } = detect(&env, Some("NoMode")) else { panic!() };
        assert_eq!(label, "aliyun CLI profile 'NoMode' (no mode)");
        assert_eq!(region_settings(&env, None), (Some("cn-beijing".to_string()), false));
        assert_eq!(region_settings(&env, Some("Vpc")), (Some("cn-shanghai".to_string()), true));

        let disabled = env.clone().var(DISABLED, "true");
        assert!(matches!(detect(&disabled, None), Detected::Unset(_)));
        assert_eq!(region_settings(&disabled, None), (None, false));
        let spaced = env.clone().var(DISABLED, "true ");
        assert!(matches!(detect(&spaced, None), Detected::Refused { .. }));

        let elsewhere =
            MapEnvironment::new().home(dir.path()).var(CONFIG_FILE, dir.path().join("none.json").display().to_string());
        assert!(matches!(detect(&elsewhere, None), Detected::Unset(reason) if reason.ends_with("none.json not found")));
    }

    #[test]
    fn names_with_control_characters_are_escaped_in_labels() {
        assert_eq!(shown_name("a\u{1b}[31m b"), "a\\u{1b}[31m b");
    }
}
