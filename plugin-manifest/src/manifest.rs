//! A krew plugin manifest (`krew.googlecontainertools.github.com/v1alpha2`, kind `Plugin`), as
//! krew-index holds it under `plugins/<name>.yaml`. Unknown fields are refused, as krew's strict
//! decoding does; the field order is the order written.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub const API_VERSION: &str = "krew.googlecontainertools.github.com/v1alpha2";
pub const KIND: &str = "Plugin";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Manifest {
    pub api_version: String,
    pub kind: String,
    pub metadata: Metadata,
    pub spec: Spec,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Spec {
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    pub short_description: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveats: Option<String>,
    pub platforms: Vec<Platform>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    pub selector: Selector,
    pub uri: String,
    pub sha256: String,
    pub bin: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<FileOperation>>,
}

/// A Kubernetes label selector over the labels `os` and `arch`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Selector {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_labels: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_expressions: Option<Vec<Requirement>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub key: String,
    pub operator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileOperation {
    pub from: String,
    pub to: String,
}

impl Selector {
    /// `matchLabels: {os, arch}`.
    pub fn os_arch(os: &str, arch: &str) -> Self {
        let labels = BTreeMap::from([("os".to_string(), os.to_string()), ("arch".to_string(), arch.to_string())]);
        Selector { match_labels: Some(labels), match_expressions: None }
    }

    /// Whether the selector matches these labels (Kubernetes' rules; an empty selector matches all).
    pub fn matches(&self, labels: &BTreeMap<&str, &str>) -> Result<bool, String> {
        for (key, value) in self.match_labels.iter().flatten() {
            if labels.get(key.as_str()) != Some(&value.as_str()) {
                return Ok(false);
            }
        }
        for requirement in self.match_expressions.iter().flatten() {
            let label = labels.get(requirement.key.as_str());
            let values = requirement.values.as_deref().unwrap_or_default();
            let holds = match requirement.operator.as_str() {
                "In" => label.is_some_and(|label| values.iter().any(|value| value == label)),
                "NotIn" => label.is_none_or(|label| values.iter().all(|value| value != label)),
                "Exists" => label.is_some(),
                "DoesNotExist" => label.is_none(),
                other => return Err(format!("unknown selector operator \"{other}\"")),
            };
            if !holds {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The `os` label of `matchLabels`, when set.
    pub fn label(&self, key: &str) -> Option<&str> {
        self.match_labels.as_ref()?.get(key).map(String::as_str)
    }
}

impl Manifest {
    /// Parses a manifest (serde-saphyr, the project's only YAML stack).
    pub fn from_yaml(text: &str) -> Result<Self, String> {
        serde_saphyr::from_str(text).map_err(|error| first_line(&error.to_string()))
    }

    /// Writes the manifest as krew-index keeps it: multi-line texts as `|` blocks, long URLs unfolded.
    pub fn to_yaml(&self) -> Result<String, String> {
        let options = serde_saphyr::ser_options! { folded_wrap_chars: usize::MAX };
        serde_saphyr::to_string_with_options(self, options).map_err(|error| first_line(&error.to_string()))
    }
}

fn first_line(text: &str) -> String {
    text.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or("unreadable YAML").to_string()
}
