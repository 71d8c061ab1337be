//! Environment lookups, injected so that unit and integration tests never read the real environment
//! or the real home directory.

use std::collections::HashMap;
use std::path::PathBuf;

/// Environment variables and the home directory.
pub trait Environment: Send + Sync {
    fn var(&self, name: &str) -> Option<String>;
    fn home_dir(&self) -> Option<PathBuf>;
}

/// The process's real environment and home directory (what the shipped binary uses).
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnvironment;

impl Environment for ProcessEnvironment {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn home_dir(&self) -> Option<PathBuf> {
        dirs::home_dir()
    }
}

/// A fixed set of variables and a home directory (none unless set), for tests.
#[derive(Debug, Clone, Default)]
pub struct MapEnvironment {
    vars: HashMap<String, String>,
    home: Option<PathBuf>,
}

impl MapEnvironment {
    pub fn new() -> Self {
        MapEnvironment::default()
    }

    /// Sets a variable.
    pub fn var(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.vars.insert(name.into(), value.into());
        self
    }

    /// Sets the home directory (where `~/.aliyun` and `~/.alibabacloud` are looked for).
    pub fn home(mut self, home: impl Into<PathBuf>) -> Self {
        self.home = Some(home.into());
        self
    }
}

impl Environment for MapEnvironment {
    fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).cloned()
    }

    fn home_dir(&self) -> Option<PathBuf> {
        self.home.clone()
    }
}

/// A variable of the official SDKs, as they read it (`os.Getenv(name) != ""`): the value exactly as
/// set, whitespace included; only an empty value counts as unset.
pub(crate) fn get(env: &dyn Environment, name: &str) -> Option<String> {
    env.var(name).filter(|value| !value.is_empty())
}

/// A setting of kubectl-ack's own or of the aliyun CLI (region, endpoint overrides): trimmed, and a
/// blank value counts as unset.
pub(crate) fn get_trimmed(env: &dyn Environment, name: &str) -> Option<String> {
    env.var(name).map(|value| value.trim().to_string()).filter(|value| !value.is_empty())
}

/// A flag as the official SDKs read it: `strings.ToLower(os.Getenv(name)) == "true"`.
pub(crate) fn is_true(env: &dyn Environment, name: &str) -> bool {
    env.var(name).is_some_and(|value| value.eq_ignore_ascii_case("true"))
}

/// A switch that turns a credential source off (`ALIBABA_CLOUD_ECS_METADATA_DISABLED`,
/// `ALIBABA_CLOUD_CLI_PROFILE_DISABLED`), read as [`is_true`]; but `" true"` and the like, which the SDKs
/// read as *not* set, is refused: whoever wrote it meant to turn the source off, and guessing either way
/// could use a credential they did not mean to.
pub(crate) fn switch(env: &dyn Environment, name: &str) -> Result<bool, String> {
    let Some(value) = env.var(name) else { return Ok(false) };
    if value.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if value.trim().eq_ignore_ascii_case("true") {
        Err(format!(
            "{name} is {value:?}: with the spaces around it the official SDKs read it as not set; write true, or \
             unset it"
        ))
    } else {
        Ok(false)
    }
}

/// `$HOME/<relative>`, if the home directory is known.
pub(crate) fn home_path(env: &dyn Environment, relative: &str) -> Option<PathBuf> {
    env.home_dir().map(|home| home.join(relative))
}

pub(crate) const REGION_ID: &str = "ALIBABA_CLOUD_REGION_ID";
pub(crate) const PROFILE: &str = "ALIBABA_CLOUD_PROFILE";
pub(crate) const STS_ENDPOINT: &str = "ALIBABA_CLOUD_STS_ENDPOINT";
pub(crate) const IMDS_ENDPOINT: &str = "ALIBABA_CLOUD_IMDS_ENDPOINT";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_variables_are_read_as_set_and_settings_trimmed() {
        let env = MapEnvironment::new().var("A", "  ").var("B", " x ").var("E", "").var("T", "TRUE");
        assert_eq!(get(&env, "A").as_deref(), Some("  "));
        assert_eq!(get(&env, "B").as_deref(), Some(" x "));
        assert_eq!(get(&env, "E"), None);
        assert_eq!(get(&env, "C"), None);
        assert_eq!(get_trimmed(&env, "A"), None);
        assert_eq!(get_trimmed(&env, "B").as_deref(), Some("x"));
        assert!(is_true(&env, "T"));
        assert!(!is_true(&env, "B"));
    }

    #[test]
    fn a_switch_with_spaces_around_true_is_refused() {
        let env = MapEnvironment::new().var("ON", "True").var("SPACED", " true\n").var("OFF", "1").var("NO", "false");
        assert_eq!(switch(&env, "ON"), Ok(true));
        assert_eq!(switch(&env, "OFF"), Ok(false));
        assert_eq!(switch(&env, "NO"), Ok(false));
        assert_eq!(switch(&env, "UNSET"), Ok(false));
        let refused = switch(&env, "SPACED").unwrap_err();
        assert!(refused.starts_with("SPACED is \" true\\n\": "), "{refused}");
    }
}
