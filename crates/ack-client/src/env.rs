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

/// A variable's value, with empty and blank values treated as unset (as the SDKs do).
pub(crate) fn get(env: &dyn Environment, name: &str) -> Option<String> {
    env.var(name).map(|value| value.trim().to_string()).filter(|value| !value.is_empty())
}

/// Whether a variable is set to `true` (case-insensitive).
pub(crate) fn is_true(env: &dyn Environment, name: &str) -> bool {
    get(env, name).is_some_and(|value| value.eq_ignore_ascii_case("true"))
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
    fn blank_values_count_as_unset() {
        let env = MapEnvironment::new().var("A", "  ").var("B", " x ").var("T", "TRUE");
        assert_eq!(get(&env, "A"), None);
        assert_eq!(get(&env, "B").as_deref(), Some("x"));
        assert_eq!(get(&env, "C"), None);
        assert!(is_true(&env, "T"));
        assert!(!is_true(&env, "B"));
    }
}
