//! From a context name to the cluster and the credential kubectl would use.

use crate::t;
use std::path::PathBuf;

use serde_json::Value;

use super::document::Section;
use super::load::{KubeconfigView, Sourced};

/// The context asked for cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    #[error("{}", t!("error-no-current-context"))]
    NoCurrentContext { available: Vec<String> },
    #[error("{}", t!("error-context-not-found", context = .name))]
    ContextNotFound { name: String, available: Vec<String> },
    #[error("{}", t!("error-user-not-found", context = .context, user = .user))]
    UserNotFound { context: String, user: String },
}

/// Where a PEM/base64 blob of a user or cluster lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Material {
    /// A `*-data` field: base64 of the PEM text.
    Inline(String),
    /// A path field, already made absolute against its kubeconfig file.
    File(PathBuf),
}

/// How a user entry authenticates, in client-go's order of precedence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserAuth {
    ClientCertificate { certificate: Material, key: Option<Material> },
    Token,
    TokenFile(PathBuf),
    Exec { command: String, args: Vec<String> },
    AuthProvider { name: String },
    Basic { username: String },
    None,
}

impl UserAuth {
    /// A short name for output.
    pub fn kind(&self) -> &'static str {
        match self {
            UserAuth::ClientCertificate { .. } => "client-certificate",
            UserAuth::Token | UserAuth::TokenFile(_) => "token",
            UserAuth::Exec { .. } => "exec",
            UserAuth::AuthProvider { .. } => "auth-provider",
            UserAuth::Basic { .. } => "basic-auth",
            UserAuth::None => "none",
        }
    }
}

/// A context with what it points at.
#[derive(Debug, Clone)]
pub struct ResolvedContext<'a> {
    pub context: Sourced<'a>,
    pub cluster_name: Option<&'a str>,
    pub cluster: Option<Sourced<'a>>,
    pub user_name: Option<&'a str>,
    pub user: Option<Sourced<'a>>,
}

impl<'a> ResolvedContext<'a> {
    pub fn name(&self) -> &'a str {
        self.context.name
    }

    pub fn server(&self) -> Option<&'a str> {
        self.cluster.as_ref().and_then(|cluster| cluster.body.get("server")).and_then(Value::as_str)
    }

    pub fn namespace(&self) -> Option<&'a str> {
        self.context.str_field("namespace")
    }

    /// The cluster's CA, when it has one.
    pub fn certificate_authority(&self) -> Option<Material> {
        let cluster = self.cluster.as_ref()?;
        material(cluster, "certificate-authority-data", "certificate-authority")
    }

    /// How the context's user authenticates.
    pub fn user_auth(&self) -> UserAuth {
        let Some(user) = self.user.as_ref() else { return UserAuth::None };
        if let Some(certificate) = material(user, "client-certificate-data", "client-certificate") {
            let key = material(user, "client-key-data", "client-key");
            return UserAuth::ClientCertificate { certificate, key };
        }
        if user.str_field("token").is_some_and(|token| !token.is_empty()) {
            return UserAuth::Token;
        }
        if let Some(path) = user.path_field("tokenFile") {
            return UserAuth::TokenFile(path);
        }
        if let Some(exec) = user.body.get("exec").and_then(Value::as_object) {
            let command = exec.get("command").and_then(Value::as_str).unwrap_or_default().to_string();
            let args = exec
                .get("args")
                .and_then(Value::as_array)
                .map(|args| args.iter().filter_map(Value::as_str).map(str::to_string).collect())
                .unwrap_or_default();
            return UserAuth::Exec { command, args };
        }
        if let Some(provider) = user.body.get("auth-provider").and_then(Value::as_object) {
            let name = provider.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
            return UserAuth::AuthProvider { name };
        }
        if let Some(username) = user.str_field("username") {
            return UserAuth::Basic { username: username.to_string() };
        }
        UserAuth::None
    }
}

/// The inline `*-data` field wins over the path field, as in client-go.
fn material(entry: &Sourced<'_>, data_key: &str, path_key: &str) -> Option<Material> {
    if let Some(data) = entry.str_field(data_key).filter(|data| !data.is_empty()) {
        return Some(Material::Inline(data.to_string()));
    }
    entry.path_field(path_key).map(Material::File)
}

impl KubeconfigView {
    /// The context `name` (or the current one) with its cluster and user.
    pub fn resolve_context(&self, name: Option<&str>) -> Result<ResolvedContext<'_>, ContextError> {
        let available = || self.names(Section::Contexts).into_iter().map(str::to_string).collect();
        let name = match name.or_else(|| self.current_context()) {
            Some(name) => name,
            None => return Err(ContextError::NoCurrentContext { available: available() }),
        };
        let context = self
            .entry(Section::Contexts, name)
            .ok_or_else(|| ContextError::ContextNotFound { name: name.to_string(), available: available() })?;
        let cluster_name = context.str_field("cluster").filter(|cluster| !cluster.is_empty());
        let user_name = context.str_field("user").filter(|user| !user.is_empty());
        let cluster = cluster_name.and_then(|cluster| self.entry(Section::Clusters, cluster));
        let user = match user_name {
            Some(user) => Some(self.entry(Section::Users, user).ok_or_else(|| ContextError::UserNotFound {
                context: context.name.to_string(),
                user: user.to_string(),
            })?),
            None => None,
        };
        Ok(ResolvedContext { context, cluster_name, cluster, user_name, user })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubeconfig::KubeconfigPaths;

    const RICH: &str = include_str!("../../tests/fixtures/rich-kubeconfig.yaml");

    fn rich() -> (tempfile::TempDir, KubeconfigView) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        std::fs::write(&file, RICH).unwrap();
        let config = KubeconfigView::load(&KubeconfigPaths::from_files(vec![file])).unwrap();
        (dir, config)
    }

    #[test]
    fn the_current_context_resolves_to_its_cluster_and_certificate_files() {
        let (dir, config) = rich();
        let resolved = config.resolve_context(None).unwrap();
        assert_eq!(resolved.name(), "dev");
        assert_eq!(resolved.server(), Some("https://127.0.0.10:6443"));
        assert_eq!(resolved.namespace(), Some("team-a"));
        assert_eq!(
            resolved.user_auth(),
            UserAuth::ClientCertificate {
                certificate: Material::File(dir.path().join("certs/dev.crt")),
                key: Some(Material::File(dir.path().join("certs/dev.key"))),
            }
        );
    }

    #[test]
    fn other_credential_kinds_are_recognised() {
        let (_dir, config) = rich();
        let exec = config.resolve_context(Some("prod")).unwrap().user_auth();
        assert_eq!(exec.kind(), "exec");
        assert!(matches!(exec, UserAuth::Exec { ref command, .. } if command == "aws"));
    }

    #[test]
    fn a_missing_context_lists_the_ones_there_are() {
        let (_dir, config) = rich();
        match config.resolve_context(Some("nope")) {
            Err(ContextError::ContextNotFound { name, available }) => {
                assert_eq!(name, "nope");
                assert_eq!(available, ["dev", "prod"]);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
