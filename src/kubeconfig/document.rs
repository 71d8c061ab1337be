//! One kubeconfig file as an order-preserving document.
//!
//! The file is held as a `serde_json::Value` tree (with `preserve_order`), never as kube's typed
//! `KubeconfigView`: every key the user had — extensions, preferences, exec users, fields this
//! program has never heard of — survives an edit in its place and order. A document parsed for
//! editing is held as its text (`sparse`): the entries an edit leaves alone are written back as the
//! user's bytes, comments included. A document built whole loses comments and flow style on write,
//! as a file does when kubectl itself writes it.

use crate::t;
use serde_json::{Map, Value};

use super::skim::{self, ContextLinks};
use super::sparse::Sparse;
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

/// A parsed kubeconfig file: built whole (`parse`), or held as its text with entries built on use
/// (`from_skim`, what the `Editor` opens, so an edit splices only what changed into the file).
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    repr: Repr,
}

#[derive(Debug, Clone, PartialEq)]
enum Repr {
    Built(Map<String, Value>),
    Sparse(Box<Sparse>),
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
        Document::from_root(root)
    }

    /// Parses and checks the shape kubectl relies on. An empty file is an empty kubeconfig, as for kubectl.
    pub fn parse(text: &str) -> Result<Self, DocumentError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Ok(Document::from_root(Map::new()));
        }
        let value: Value = yaml::from_str_yaml_1_1(text).map_err(DocumentError::Yaml)?;
        let root = match value {
            Value::Object(root) => root,
            Value::Null => Map::new(),
            _ => return Err(DocumentError::NotAMapping),
        };
        check_shape(&root)?;
        Ok(Document::from_root(root))
    }

    /// Parses a file to be edited: when the skim is sure of it, the document is its text (without a
    /// byte-order mark) and what the skim found, entries are built when asked for, and `to_yaml`
    /// writes the text back with only the changed entries redone; otherwise this is `parse`. Reads
    /// and edits give the same answers either way.
    pub fn parse_for_editing(text: impl Into<String>) -> Result<Self, DocumentError> {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        match skim::skim(&text) {
            Some(skimmed) => Ok(Document { repr: Repr::Sparse(Box::new(Sparse::new(text, skimmed))) }),
            None => Self::parse(&text),
        }
    }

    /// Whether the document is held as its text (see `parse_for_editing`).
    pub fn is_held_as_text(&self) -> bool {
        matches!(self.repr, Repr::Sparse(_))
    }

    /// A document of what a reader chose to build (`KubeconfigView::load_for_context`): its shape
    /// was checked on the whole file by the skim.
    pub(super) fn from_root(root: Map<String, Value>) -> Self {
        Document { repr: Repr::Built(root) }
    }

    /// The top-level mapping of a built document.
    pub(super) fn into_root(self) -> Map<String, Value> {
        match self.repr {
            Repr::Built(root) => root,
            Repr::Sparse(_) => unreachable!("`parse` builds the whole document"),
        }
    }

    /// The YAML text of the document.
    pub fn to_yaml(&self) -> Result<String, yaml::YamlError> {
        match &self.repr {
            Repr::Built(root) => yaml::to_string(root),
            Repr::Sparse(sparse) => sparse.render(),
        }
    }

    /// `current-context`, when set to a non-empty name.
    pub fn current_context(&self) -> Option<&str> {
        let name = match &self.repr {
            Repr::Built(root) => root.get("current-context").and_then(Value::as_str),
            Repr::Sparse(sparse) => sparse.current_context(),
        };
        name.filter(|name| !name.is_empty())
    }

    pub fn set_current_context(&mut self, name: &str) {
        if let Repr::Sparse(sparse) = &mut self.repr
            && sparse.set_current_context(name)
        {
            return;
        }
        self.built_mut().insert("current-context".into(), Value::from(name));
    }

    /// The entries of a section as `(name, body)`, in file order. Entries without a name are skipped.
    pub fn entries(&self, section: Section) -> impl Iterator<Item = (&str, &Map<String, Value>)> {
        self.positioned_entries(section).map(|(_, name, body)| (name, body))
    }

    /// The entries with their position in the section's list (what [`Document::entry_at`] takes).
    pub fn positioned_entries(&self, section: Section) -> impl Iterator<Item = (usize, &str, &Map<String, Value>)> {
        self.positioned_names(section).filter_map(move |(position, _)| {
            let (name, body) = self.entry_at(section, position)?;
            Some((position, name, body))
        })
    }

    /// The names of a section with their positions, in file order, without building the entries.
    pub fn positioned_names(&self, section: Section) -> Box<dyn Iterator<Item = (usize, &str)> + '_> {
        match &self.repr {
            Repr::Built(root) => Box::new(
                section_list(root, section)
                    .iter()
                    .enumerate()
                    .filter_map(move |(position, entry)| Some((position, entry.as_object()?.get("name")?.as_str()?))),
            ),
            Repr::Sparse(sparse) => Box::new(
                (0..sparse.len(section))
                    .filter_map(move |position| Some((position, sparse.name_at(section, position)?))),
            ),
        }
    }

    /// The entry at a position of the section's list.
    pub fn entry_at(&self, section: Section, position: usize) -> Option<(&str, &Map<String, Value>)> {
        let entry = match &self.repr {
            Repr::Built(root) => section_list(root, section).get(position)?,
            Repr::Sparse(sparse) => sparse.value_at(section, position)?,
        };
        named_body(section, entry)
    }

    /// The `cluster` and `user` the context at `position` names (when they are strings), without
    /// building the context in a document held as text.
    pub fn context_links_at(&self, position: usize) -> Option<ContextLinks> {
        match &self.repr {
            Repr::Built(_) => self.entry_at(Section::Contexts, position).map(|(_, body)| ContextLinks::of(body)),
            Repr::Sparse(sparse) => sparse.context_links_at(position),
        }
    }

    /// The section's list as it is in the file, entries without a name included.
    #[cfg(test)]
    pub(super) fn section_values(&self, section: Section) -> &[Value] {
        match &self.repr {
            Repr::Built(root) => section_list(root, section),
            Repr::Sparse(_) => panic!("section_values is for built documents"),
        }
    }

    /// The named entry as `(name, body)`, both borrowed from the document.
    pub fn named_entry(&self, section: Section, name: &str) -> Option<(&str, &Map<String, Value>)> {
        let (position, _) = self.positioned_names(section).find(|(_, entry_name)| *entry_name == name)?;
        self.entry_at(section, position)
    }

    /// The body of the named entry.
    pub fn entry(&self, section: Section, name: &str) -> Option<&Map<String, Value>> {
        self.named_entry(section, name).map(|(_, body)| body)
    }

    pub fn contains(&self, section: Section, name: &str) -> bool {
        self.positioned_names(section).any(|(_, entry_name)| entry_name == name)
    }

    /// Edits the body of the named entry in place, or appends a new entry when there is none.
    /// Keys beside `name` and the body's own keys that `edit` leaves alone are kept as they were.
    pub fn upsert(&mut self, section: Section, name: &str, edit: impl FnOnce(&mut Map<String, Value>)) {
        if let Repr::Sparse(sparse) = &mut self.repr {
            match sparse.entry_mut(section, name) {
                Some(Ok(entry)) => return edit_body(section, entry, edit),
                None => {
                    let mut entry = new_entry(section, name);
                    edit_body(section, &mut entry, edit);
                    let Err(entry) = sparse.append(section, entry) else { return };
                    return section_list_mut(self.built_mut(), section).push(Value::Object(entry));
                }
                Some(Err(_)) => {}
            }
        }
        let list = section_list_mut(self.built_mut(), section);
        let position = list.iter().position(|entry| entry.get("name").and_then(Value::as_str) == Some(name));
        let entry = match position {
            Some(index) => list[index].as_object_mut().expect("shape checked on parse"),
            None => {
                list.push(Value::Object(new_entry(section, name)));
                list.last_mut().and_then(Value::as_object_mut).expect("just pushed")
            }
        };
        edit_body(section, entry, edit);
    }

    /// Removes the first entry of that name from the section (the one readers see); whether there was one.
    /// The other entries and keys keep their order.
    pub fn remove(&mut self, section: Section, name: &str) -> bool {
        if !self.contains(section, name) {
            return false;
        }
        let Some(list) = self.built_mut().get_mut(section.key()).and_then(Value::as_array_mut) else { return false };
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
        let root = self.built_mut();
        if root.contains_key("current-context") {
            root.insert("current-context".into(), Value::from(""));
        }
    }

    /// The top-level mapping, built whole: a document held as text is parsed from what it would
    /// write, so the edits made to it so far are kept.
    fn built_mut(&mut self) -> &mut Map<String, Value> {
        if let Repr::Sparse(sparse) = &self.repr {
            // The text parsed when it was skimmed, and spliced entries are rendered by the writer
            // the whole parse reads back: this cannot fail but for a bug, and then nothing is written.
            if let Some(root) = sparse.render().ok().and_then(|text| Document::parse(&text).ok()) {
                self.repr = root.repr;
            }
        }
        match &mut self.repr {
            Repr::Built(root) => root,
            Repr::Sparse(sparse) => sparse.poisoned_root(),
        }
    }
}

/// Checks the shape kubectl relies on.
fn check_shape(root: &Map<String, Value>) -> Result<(), DocumentError> {
    for section in [Section::Clusters, Section::Users, Section::Contexts] {
        let key = section.key();
        let entries = match root.get(key) {
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
                    let wrong = string_fields(section)
                        .iter()
                        .find(|field| !matches!(body.get(**field), None | Some(Value::Null) | Some(Value::String(_))));
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
    match root.get("current-context") {
        None | Some(Value::Null) | Some(Value::String(_)) => Ok(()),
        Some(_) => Err(DocumentError::CurrentContextNotAString),
    }
}

fn section_list(root: &Map<String, Value>, section: Section) -> &[Value] {
    root.get(section.key()).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// The list of a section, created (or turned from `null` into a list) when needed.
fn section_list_mut(root: &mut Map<String, Value>, section: Section) -> &mut Vec<Value> {
    let slot = root.entry(section.key()).or_insert_with(|| Value::Array(Vec::new()));
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    slot.as_array_mut().expect("made an array above")
}

/// A new entry as kubectl lays one out: the body, then the name.
fn new_entry(section: Section, name: &str) -> Map<String, Value> {
    let mut entry = Map::new();
    entry.insert(section.body_key().into(), Value::Object(Map::new()));
    entry.insert("name".into(), Value::from(name));
    entry
}

/// Runs `edit` on the entry's body, made a mapping first when it is missing or null.
fn edit_body(section: Section, entry: &mut Map<String, Value>, edit: impl FnOnce(&mut Map<String, Value>)) {
    let body = entry.entry(section.body_key()).or_insert_with(|| Value::Object(Map::new()));
    if !body.is_object() {
        *body = Value::Object(Map::new());
    }
    edit(body.as_object_mut().expect("made an object above"));
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
