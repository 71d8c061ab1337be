//! Source 4: the shared credentials file (`ALIBABA_CLOUD_CREDENTIALS_FILE`, else `~/.alibabacloud/credentials`),
//! an INI file whose section is the profile option, else `ALIBABA_CLOUD_PROFILE`, else `default`:
//!
//! ```ini
//! [default]
//! type = access_key                 # or ecs_ram_role, ram_role_arn
//! access_key_id = LTAI…
//! access_key_secret = …
//! ```

use std::collections::HashMap;
use std::path::PathBuf;

use super::sts::{self, RoleSpec};
use super::{Detected, Provider, config_error, ecs};
use crate::env::{self, Environment};
use crate::error::Error;
use crate::secret::Credentials;

const FILE: &str = "ALIBABA_CLOUD_CREDENTIALS_FILE";

type Section = HashMap<String, String>;

/// A small INI parser: `[section]`, `key = value`, `#`/`;` comments, optional quotes around values.
pub(crate) fn parse(text: &str) -> HashMap<String, Section> {
    let mut sections: HashMap<String, Section> = HashMap::new();
    let mut current: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
            let name = name.trim().to_string();
            sections.entry(name.clone()).or_default();
            current = Some(name);
        } else if let (Some(section), Some((key, value))) = (&current, line.split_once('=')) {
            let value = unquote(value.trim());
            sections.entry(section.clone()).or_default().insert(key.trim().to_string(), value.to_string());
        }
    }
    sections
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|rest| rest.strip_suffix(quote)) {
            return inner;
        }
    }
    value
}

fn file_path(environment: &dyn Environment) -> Option<PathBuf> {
    env::get(environment, FILE).map(PathBuf::from).or_else(|| env::home_path(environment, ".alibabacloud/credentials"))
}

pub(crate) fn detect(environment: &dyn Environment, explicit_profile: Option<&str>) -> Detected {
    let Some(path) = file_path(environment) else {
        return Detected::Unset("no home directory for ~/.alibabacloud/credentials".to_string());
    };
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Detected::Unset(format!("{shown} not found"));
        }
        Err(source) => {
            return Detected::Broken {
                label: "shared credentials file".into(),
                error: Error::Io { path: shown, source },
            };
        }
    };
    let name = super::non_empty(explicit_profile)
        .or_else(|| env::get(environment, env::PROFILE))
        .unwrap_or_else(|| "default".to_string());
    let sections = parse(&text);
    let Some(section) = sections.get(&name) else {
        let error = config_error(&shown, format!("no section [{name}]"));
        return Detected::Broken { label: format!("shared credentials file profile '{name}'"), error };
    };
    let kind = section.get("type").map(String::as_str).unwrap_or("unknown type");
    let label = format!("shared credentials file profile '{name}' ({kind})");
    Detected::from_result(label, provider(section, &name, &shown, environment))
}

fn provider(section: &Section, name: &str, shown: &str, environment: &dyn Environment) -> Result<Provider, Error> {
    let get =
        |key: &str| section.get(key).map(|value| value.trim()).filter(|value| !value.is_empty()).map(str::to_string);
    let kind = get("type").unwrap_or_default();
    let required = |key: &str| get(key).ok_or_else(|| config_error(shown, format!("[{name}] ({kind}) lacks {key}")));
    match kind.as_str() {
        "access_key" => {
            Ok(Provider::Static(Credentials::access_key(required("access_key_id")?, required("access_key_secret")?)))
        }
        "ecs_ram_role" => Ok(Provider::Ecs(ecs::spec(environment, get("role_name"))?)),
        "ram_role_arn" => {
            let source = Credentials::access_key(required("access_key_id")?, required("access_key_secret")?);
            let role = RoleSpec {
                role_arn: required("role_arn")?,
                session_name: get("role_session_name"),
                duration_seconds: sts::duration_seconds(None),
                policy: get("policy"),
                external_id: get("external_id"),
                sts: sts::sts_url(environment, get("sts_endpoint").as_deref(), get("sts_region").as_deref(), false)?,
            };
            Ok(Provider::AssumeRole { source: Box::new(Provider::Static(source)), role })
        }
        "" => Err(config_error(shown, format!("[{name}] has no type"))),
        other => Err(config_error(shown, format!("[{name}]: unsupported type '{other}'"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::MapEnvironment;

    const FILE_TEXT: &str = r#"
# shared credentials
[default]
type = access_key
access_key_id = LTAIini
access_key_secret = "ini-secret"

[ecs]
type = ecs_ram_role
role_name = EcsRole

[role]
type = ram_role_arn
access_key_id = LTAIini
access_key_secret = ini-secret
role_arn = acs:ram::1:role/r
role_session_name = sess
; comment
[weird]
type = bearer
"#;

    fn detect_in(profile: Option<&str>, extra: &[(&str, &str)]) -> Detected {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".alibabacloud")).unwrap();
        std::fs::write(dir.path().join(".alibabacloud/credentials"), FILE_TEXT).unwrap();
        let mut env = MapEnvironment::new().home(dir.path());
        for (key, value) in extra {
            env = env.var(*key, *value);
        }
        detect(&env, profile)
    }

    #[test]
    fn parses_sections_comments_and_quotes() {
        let sections = parse(FILE_TEXT);
        assert_eq!(sections["default"]["access_key_secret"], "ini-secret");
        assert_eq!(sections["role"]["role_arn"], "acs:ram::1:role/r");
        assert_eq!(sections.len(), 4);
    }

    #[test]
    fn each_type() {
        let Detected::Ready { label, provider: Provider::Static(credentials) } = detect_in(None, &[]) else { panic!() };
        assert_eq!(label, "shared credentials file profile 'default' (access_key)");
        assert_eq!(credentials.access_key_secret.expose(), "ini-secret");

        let Detected::Ready { provider: Provider::Ecs(spec), .. } = detect_in(Some("ecs"), &[]) else { panic!() };
        assert_eq!(spec.role_name.as_deref(), Some("EcsRole"));

        let Detected::Ready { provider: Provider::AssumeRole { role, .. }, .. } =
            detect_in(None, &[("ALIBABA_CLOUD_PROFILE", "role")])
        else {
            panic!()
        };
        assert_eq!((role.role_arn.as_str(), role.session_name.as_deref()), ("acs:ram::1:role/r", Some("sess")));
    }

    #[test]
    fn missing_section_or_unsupported_type_is_broken() {
        assert!(matches!(detect_in(Some("nope"), &[]), Detected::Broken { .. }));
        let Detected::Broken { error, .. } = detect_in(Some("weird"), &[]) else { panic!() };
        assert!(error.to_string().contains("unsupported type 'bearer'"));
        assert!(matches!(detect(&MapEnvironment::new().home("/nonexistent-home"), None), Detected::Unset(_)));
    }
}
