//! One kubeconfig file as an order-preserving document.
//!
//! The file is held as a `serde_json::Value` tree (with `preserve_order`), never as kube's typed
//! `KubeconfigView`: every key the user had — extensions, preferences, exec users, fields this
//! program has never heard of — survives an edit in its place and order. Only comments and
//! flow style are lost, as they are when kubectl itself writes the file.

use crate::t;
use serde_json::{Map, Value};

use crate::yaml;

/// The three named lists of a kubeconfig.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Clusters,
    Users,
    Contexts,
}

impl Section {
    /// The top-level key of the list.
    pub fn key(self) -> &'static str {
        match self {
            Section::Clusters => "clusters",
            Section::Users => "users",
            Section::Contexts => "contexts",
        }
    }

    /// The key that holds an entry's body beside its `name`.
    pub fn body_key(self) -> &'static str {
        match self {
            Section::Clusters => "cluster",
            Section::Users => "user",
            Section::Contexts => "context",
        }
    }

    /// The singular noun, for messages.
    pub fn noun(self) -> &'static str {
        self.body_key()
    }
}

/// The file's structure is not a kubeconfig (a list that is not a list, and the like).
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("{}", t!("error-doc-yaml"))]
    Yaml(#[source] yaml::YamlError),
    #[error("{}", t!("error-doc-not-a-mapping"))]
    NotAMapping,
    #[error("{}", t!("error-doc-not-a-list", key = *.key))]
    NotAList { key: &'static str },
    #[error("{}", t!("error-doc-entry-not-a-mapping", key = *.key))]
    EntryNotAMapping { key: &'static str },
    #[error("{}", t!("error-doc-body-not-a-mapping", key = *.key, noun = *.noun, name = .name))]
    BodyNotAMapping { key: &'static str, noun: &'static str, name: String },
    #[error("{}", t!("error-doc-current-context-not-a-string"))]
    CurrentContextNotAString,
    #[error("{}", t!("error-doc-name-not-a-string", key = *.key))]
    NameNotAString { key: &'static str },
    #[error("{}", t!("error-doc-field-not-a-string", field = *.field, noun = *.noun, name = .name))]
    FieldNotAString { field: &'static str, noun: &'static str, name: String },
}

/// Fields kubectl decodes as strings: any other type makes kubectl refuse the file, so it is an
/// error here too rather than a silently ignored value (a context whose `user` is a list would
/// otherwise be read as a context without a user).
pub(super) fn string_fields(section: Section) -> &'static [&'static str] {
    match section {
        Section::Clusters => {
            &["server", "certificate-authority", "certificate-authority-data", "tls-server-name", "proxy-url"]
        }
        Section::Users => &[
            "client-certificate",
            "client-certificate-data",
            "client-key",
            "client-key-data",
            "token",
            "tokenFile",
            "username",
            "password",
        ],
        Section::Contexts => &["cluster", "user", "namespace"],
    }
}

/// A parsed kubeconfig file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    root: Map<String, Value>,
}

static EMPTY_MAP: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

impl Document {
    /// A new file, laid out the way kubectl writes one.
    pub fn new_empty() -> Self {
        let mut root = Map::new();
        root.insert("apiVersion".into(), Value::from("v1"));
        root.insert("clusters".into(), Value::Array(Vec::new()));
        root.insert("contexts".into(), Value::Array(Vec::new()));
        root.insert("current-context".into(), Value::from(""));
        root.insert("kind".into(), Value::from("Config"));
        root.insert("preferences".into(), Value::Object(Map::new()));
        root.insert("users".into(), Value::Array(Vec::new()));
        Document { root }
    }

    /// Parses and checks the shape kubectl relies on. An empty file is an empty kubeconfig, as for kubectl.
    pub fn parse(text: &str) -> Result<Self, DocumentError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Ok(Document { root: Map::new() });
        }
        let value: Value = yaml::from_str_yaml_1_1(text).map_err(DocumentError::Yaml)?;
        let root = match value {
            Value::Object(root) => root,
            Value::Null => Map::new(),
            _ => return Err(DocumentError::NotAMapping),
        };
        let document = Document { root };
        document.check_shape()?;
        Ok(document)
    }

    fn check_shape(&self) -> Result<(), DocumentError> {
        for section in [Section::Clusters, Section::Users, Section::Contexts] {
            let key = section.key();
            let entries = match self.root.get(key) {
                None | Some(Value::Null) => continue,
                Some(Value::Array(entries)) => entries,
                Some(_) => return Err(DocumentError::NotAList { key }),
            };
            for entry in entries {
                let entry = entry.as_object().ok_or(DocumentError::EntryNotAMapping { key })?;
                if !matches!(entry.get("name"), None | Some(Value::Null) | Some(Value::String(_))) {
                    return Err(DocumentError::NameNotAString { key });
                }
                match entry.get(section.body_key()) {
                    None | Some(Value::Null) => {}
                    Some(Value::Object(body)) => {
                        let wrong = string_fields(section).iter().find(|field| {
                            !matches!(body.get(**field), None | Some(Value::Null) | Some(Value::String(_)))
                        });
                        if let Some(field) = wrong {
                            return Err(DocumentError::FieldNotAString {
                                field,
                                noun: section.noun(),
                                name: entry.get("name").and_then(Value::as_str).unwrap_or("").to_string(),
                            });
                        }
                    }
                    Some(_) => {
                        return Err(DocumentError::BodyNotAMapping {
                            key: section.body_key(),
                            noun: section.noun(),
                            name: entry.get("name").and_then(Value::as_str).unwrap_or("").to_string(),
                        });
                    }
                }
            }
        }
        match self.root.get("current-context") {
            None | Some(Value::Null) | Some(Value::String(_)) => Ok(()),
            Some(_) => Err(DocumentError::CurrentContextNotAString),
        }
    }

    /// The YAML text of the document.
    pub fn to_yaml(&self) -> Result<String, yaml::YamlError> {
        yaml::to_string(&self.root)
    }

    /// `current-context`, when set to a non-empty name.
    pub fn current_context(&self) -> Option<&str> {
        self.root.get("current-context").and_then(Value::as_str).filter(|name| !name.is_empty())
    }

    pub fn set_current_context(&mut self, name: &str) {
        self.root.insert("current-context".into(), Value::from(name));
    }

    /// The entries of a section as `(name, body)`, in file order. Entries without a name are skipped.
    pub fn entries(&self, section: Section) -> impl Iterator<Item = (&str, &Map<String, Value>)> {
        self.positioned_entries(section).map(|(_, name, body)| (name, body))
    }

    /// The entries with their position in the section's list (what [`Document::entry_at`] takes).
    pub fn positioned_entries(&self, section: Section) -> impl Iterator<Item = (usize, &str, &Map<String, Value>)> {
        self.section_list(section).iter().enumerate().filter_map(move |(position, entry)| {
            let (name, body) = named_body(section, entry)?;
            Some((position, name, body))
        })
    }

    /// The entry at a position of the section's list.
    pub fn entry_at(&self, section: Section, position: usize) -> Option<(&str, &Map<String, Value>)> {
        named_body(section, self.section_list(section).get(position)?)
    }

    /// The section's list as it is in the file, entries without a name included.
    #[cfg(test)]
    pub(super) fn section_values(&self, section: Section) -> &[Value] {
        self.section_list(section)
    }

    /// A document of what a reader chose to build (`KubeconfigView::load_for_context`): its shape
    /// was checked on the whole file by the skim.
    pub(super) fn from_root(root: Map<String, Value>) -> Self {
        Document { root }
    }

    fn section_list(&self, section: Section) -> &[Value] {
        self.root.get(section.key()).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The named entry as `(name, body)`, both borrowed from the document.
    pub fn named_entry(&self, section: Section, name: &str) -> Option<(&str, &Map<String, Value>)> {
        self.entries(section).find(|(entry_name, _)| *entry_name == name)
    }

    /// The body of the named entry.
    pub fn entry(&self, section: Section, name: &str) -> Option<&Map<String, Value>> {
        self.named_entry(section, name).map(|(_, body)| body)
    }

    pub fn contains(&self, section: Section, name: &str) -> bool {
        self.entry(section, name).is_some()
    }

    /// Edits the body of the named entry in place, or appends a new entry when there is none.
    /// Keys beside `name` and the body's own keys that `edit` leaves alone are kept as they were.
    pub fn upsert(&mut self, section: Section, name: &str, edit: impl FnOnce(&mut Map<String, Value>)) {
        let list = self.section_list_mut(section);
        let position = list.iter().position(|entry| entry.get("name").and_then(Value::as_str) == Some(name));
        let entry = match position {
            Some(index) => list[index].as_object_mut().expect("shape checked on parse"),
            None => {
                let mut entry = Map::new();
                entry.insert(section.body_key().into(), Value::Object(Map::new()));
                entry.insert("name".into(), Value::from(name));
                list.push(Value::Object(entry));
                list.last_mut().and_then(Value::as_object_mut).expect("just pushed")
            }
        };
        let body = entry.entry(section.body_key()).or_insert_with(|| Value::Object(Map::new()));
        if !body.is_object() {
            *body = Value::Object(Map::new());
        }
        edit(body.as_object_mut().expect("made an object above"));
    }

    /// Removes the first entry of that name from the section (the one readers see); whether there was one.
    /// The other entries and keys keep their order.
    pub fn remove(&mut self, section: Section, name: &str) -> bool {
        let Some(list) = self.root.get_mut(section.key()).and_then(Value::as_array_mut) else { return false };
        match list.iter().position(|entry| entry.get("name").and_then(Value::as_str) == Some(name)) {
            Some(index) => {
                list.remove(index);
                true
            }
            None => false,
        }
    }

    /// `current-context: ""`, as `kubectl config unset current-context` leaves it.
    pub fn unset_current_context(&mut self) {
        if self.root.contains_key("current-context") {
            self.root.insert("current-context".into(), Value::from(""));
        }
    }

    /// The list of a section, created (or turned from `null` into a list) when needed.
    fn section_list_mut(&mut self, section: Section) -> &mut Vec<Value> {
        let slot = self.root.entry(section.key()).or_insert_with(|| Value::Array(Vec::new()));
        if !slot.is_array() {
            *slot = Value::Array(Vec::new());
        }
        slot.as_array_mut().expect("made an array above")
    }
}

/// `(name, body)` of one list entry; `None` for an entry without a name.
fn named_body(section: Section, entry: &Value) -> Option<(&str, &Map<String, Value>)> {
    let entry = entry.as_object()?;
    let name = entry.get("name")?.as_str()?;
    let body = entry.get(section.body_key()).and_then(Value::as_object).unwrap_or(&EMPTY_MAP);
    Some((name, body))
}

/// Sets the named entry of an `extensions` list in an entry body (kubeconfig's own mechanism for
/// tools' data: kubectl ignores it and keeps it), replacing an entry of the same name in place.
pub fn set_extension(body: &mut Map<String, Value>, name: &str, extension: Value) {
    let slot = body.entry("extensions").or_insert_with(|| Value::Array(Vec::new()));
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    let list = slot.as_array_mut().expect("made an array above");
    let mut entry = Map::new();
    entry.insert("extension".into(), extension);
    entry.insert("name".into(), Value::from(name));
    match list.iter_mut().find(|item| item.get("name").and_then(Value::as_str) == Some(name)) {
        Some(existing) => *existing = Value::Object(entry),
        None => list.push(Value::Object(entry)),
    }
}

/// The named entry of an `extensions` list in an entry body.
pub fn extension<'a>(body: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    body.get("extensions")?
        .as_array()?
        .iter()
        .find(|item| item.get("name").and_then(Value::as_str) == Some(name))?
        .get("extension")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RICH: &str = include_str!("../../tests/fixtures/rich-kubeconfig.yaml");

    #[test]
    fn a_rich_file_round_trips_as_data_and_in_key_order() {
        let document = Document::parse(RICH).unwrap();
        let written = document.to_yaml().unwrap();
        let again = Document::parse(&written).unwrap();
        assert_eq!(again, document);
        let original: Value = yaml::from_str(RICH).unwrap();
        let reread: Value = yaml::from_str(&written).unwrap();
        assert_eq!(original, reread);
        assert_eq!(key_paths(&original), key_paths(&reread), "key order changed");
    }

    /// Every key path in document order, so a reordering shows up as a difference.
    fn key_paths(value: &Value) -> Vec<String> {
        fn walk(value: &Value, prefix: &str, out: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    for (key, child) in map {
                        let path = format!("{prefix}/{key}");
                        out.push(path.clone());
                        walk(child, &path, out);
                    }
                }
                Value::Array(items) => {
                    for (index, child) in items.iter().enumerate() {
                        walk(child, &format!("{prefix}[{index}]"), out);
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(value, "", &mut out);
        out
    }

    #[test]
    fn upsert_edits_in_place_and_keeps_unknown_keys() {
        let mut document = Document::parse(RICH).unwrap();
        document.upsert(Section::Clusters, "dev", |body| {
            body.insert("server".into(), Value::from("https://10.0.0.9:6443"));
        });
        let body = document.entry(Section::Clusters, "dev").unwrap();
        assert_eq!(body["server"], "https://10.0.0.9:6443");
        assert!(body.contains_key("extensions"), "extensions of the edited cluster were dropped");
        let keys: Vec<&String> = body.keys().collect();
        assert_eq!(keys.first().map(|k| k.as_str()), Some("certificate-authority-data"), "order changed: {keys:?}");
    }

    #[test]
    fn upsert_appends_a_new_entry_at_the_end() {
        let mut document = Document::parse(RICH).unwrap();
        document.upsert(Section::Contexts, "ack-new", |body| {
            body.insert("cluster".into(), Value::from("ack-c1"));
        });
        let names: Vec<&str> = document.entries(Section::Contexts).map(|(name, _)| name).collect();
        assert_eq!(names.last(), Some(&"ack-new"));
    }

    #[test]
    fn fields_kubectl_reads_as_strings_must_be_strings() {
        let user_list = "contexts:\n- name: a\n  context:\n    cluster: c\n    user: [u1, u2]\n";
        let error = Document::parse(user_list).unwrap_err();
        assert_eq!(error.to_string(), "`user` of context \"a\" is not a string");
        let numeric_data = "users:\n- name: u\n  user:\n    client-certificate-data: 5\n";
        assert!(matches!(Document::parse(numeric_data), Err(DocumentError::FieldNotAString { .. })));
        let list_name = "clusters:\n- name: [x]\n  cluster: {}\n";
        assert!(matches!(Document::parse(list_name), Err(DocumentError::NameNotAString { key: "clusters" })));
        // Null stays allowed, as for kubectl.
        Document::parse("contexts:\n- name: a\n  context:\n    user: null\n").unwrap();
    }

    #[test]
    fn empty_and_null_sections_are_empty_and_become_lists_on_write() {
        let mut document = Document::parse("users: null\n").unwrap();
        assert_eq!(document.entries(Section::Users).count(), 0);
        document.upsert(Section::Users, "u", |body| {
            body.insert("token".into(), Value::from("t"));
        });
        assert_eq!(document.entries(Section::Users).count(), 1);
        assert!(Document::parse("").unwrap().current_context().is_none());
    }

    #[test]
    fn wrong_shapes_are_named() {
        let cases = [
            ("- a\n- b\n", "the top level is not a mapping"),
            ("contexts: hello\n", "`contexts` is not a list"),
            ("users: [1]\n", "an entry of `users` is not a mapping"),
            ("clusters:\n- name: x\n  cluster: 3\n", "`cluster` of cluster \"x\" is not a mapping"),
            ("current-context: [a]\n", "`current-context` is not a string"),
        ];
        for (text, message) in cases {
            assert_eq!(Document::parse(text).unwrap_err().to_string(), message, "for {text:?}");
        }
    }

    #[test]
    fn extensions_are_set_in_place_and_others_kept() {
        let mut document = Document::parse(RICH).unwrap();
        document.upsert(Section::Contexts, "dev", |body| set_extension(body, "kubectl-ack", Value::from("v2")));
        document.upsert(Section::Contexts, "dev", |body| set_extension(body, "other-tool", Value::from(1)));
        let body = document.entry(Section::Contexts, "dev").unwrap();
        assert_eq!(extension(body, "kubectl-ack"), Some(&Value::from("v2")));
        assert_eq!(extension(body, "other-tool"), Some(&Value::from(1)));
        assert_eq!(body["extensions"].as_array().unwrap().len(), 2, "replaced in place, not appended");
    }

    #[test]
    fn a_new_document_is_laid_out_like_kubectl_writes_it() {
        let text = Document::new_empty().to_yaml().unwrap();
        assert_eq!(
            text,
            "apiVersion: v1\nclusters: []\ncontexts: []\ncurrent-context: \"\"\nkind: Config\npreferences: {}\nusers: []\n"
        );
    }
}
