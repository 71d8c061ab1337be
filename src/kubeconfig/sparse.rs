//! A kubeconfig file held as its own text, for editing: entries are built only when something asks
//! for them, and writing it back splices the entries that changed into the text, so every byte
//! outside them — other entries, comments, spacing, quoting — stays the user's. Merging one cluster
//! into a 1,000-context file then parses and renders three entries, not three thousand.
//!
//! Built from a skim (`skim::skim`), which has checked the whole file's syntax and shape. Whatever
//! this form cannot do in place (removing an entry, a section that has no block entry to append
//! after, a `current-context` that is not a one-line scalar) makes `Document` turn it into the whole
//! parse of its current text first, which is always possible.

use std::ops::Range;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::document::Section;
use super::skim::{ContextLinks, Skimmed, SkimmedEntry, section_index};
use crate::yaml::{self, YamlError};

/// The text of one file and the entries built or changed so far.
#[derive(Clone, PartialEq)]
pub(super) struct Sparse {
    text: String,
    current_context: Option<String>,
    current_context_span: Option<Range<usize>>,
    /// A new `current-context` value, spliced over `current_context_span`.
    new_current_context: Option<String>,
    sections: [Vec<SparseEntry>; 3],
    /// The whole parse of `text`, made only if an entry does not build alone.
    whole: OnceLock<Option<Map<String, Value>>>,
    /// An entry to be edited could not be built at all: writing the file would lose it.
    unbuildable: bool,
    /// Where an edit goes that could be made neither here nor in a whole parse (see `poisoned_root`).
    scratch: Map<String, Value>,
}

#[derive(Clone, PartialEq)]
struct SparseEntry {
    name: Option<String>,
    /// Where the entry stands in the text; `None` for an entry appended by an edit.
    origin: Option<SkimmedEntry>,
    /// The entry's mapping (`name` and body), once built; `None` inside when it could not be.
    value: OnceLock<Option<Value>>,
    edited: bool,
}

/// The text and the entries hold keys and tokens: `Debug` shows names and sizes only.
impl std::fmt::Debug for Sparse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let entries = |section: Section| {
            self.sections[section_index(section)]
                .iter()
                .map(|entry| (entry.name.as_deref(), if entry.edited { "edited" } else { "kept" }))
                .collect::<Vec<_>>()
        };
        f.debug_struct("Sparse")
            .field("text_bytes", &self.text.len())
            .field("current_context", &self.current_context())
            .field("clusters", &entries(Section::Clusters))
            .field("users", &entries(Section::Users))
            .field("contexts", &entries(Section::Contexts))
            .finish_non_exhaustive()
    }
}

impl Sparse {
    pub fn new(text: String, skimmed: Skimmed) -> Self {
        let Skimmed { current_context, current_context_span, entries } = skimmed;
        let sections = entries.map(|entries| {
            entries
                .into_iter()
                .map(|origin| SparseEntry {
                    name: origin.name.clone(),
                    origin: Some(origin),
                    value: OnceLock::new(),
                    edited: false,
                })
                .collect()
        });
        Sparse {
            text,
            current_context,
            current_context_span,
            new_current_context: None,
            sections,
            whole: OnceLock::new(),
            unbuildable: false,
            scratch: Map::new(),
        }
    }

    /// For an edit this document can take neither in place nor as a whole parse (a bug, not an input):
    /// the edit goes nowhere and `render` refuses, so the file is left as it was.
    pub fn poisoned_root(&mut self) -> &mut Map<String, Value> {
        self.unbuildable = true;
        &mut self.scratch
    }

    pub fn current_context(&self) -> Option<&str> {
        self.new_current_context.as_deref().or(self.current_context.as_deref())
    }

    /// Sets `current-context` in place; `false` when the file has no one-line value to replace.
    pub fn set_current_context(&mut self, name: &str) -> bool {
        if self.current_context_span.is_none() || scalar_text(name).is_none() {
            return false;
        }
        self.new_current_context = Some(name.to_string());
        true
    }

    pub fn len(&self, section: Section) -> usize {
        self.sections[section_index(section)].len()
    }

    /// The entry's name, without building it.
    pub fn name_at(&self, section: Section, position: usize) -> Option<&str> {
        self.sections[section_index(section)].get(position)?.name.as_deref()
    }

    /// The entry's mapping, built on first use.
    pub fn value_at(&self, section: Section, position: usize) -> Option<&Value> {
        let entry = self.sections[section_index(section)].get(position)?;
        entry.value.get_or_init(|| self.build(section, position, entry)).as_ref()
    }

    /// The `cluster` and `user` of the context at `position`: from the skim while the context is not
    /// built, else from its value.
    pub fn context_links_at(&self, position: usize) -> Option<ContextLinks> {
        let entry = self.sections[section_index(Section::Contexts)].get(position)?;
        match (entry.value.get(), &entry.origin) {
            (None, Some(origin)) => Some(origin.links.clone()),
            _ => {
                let value = self.value_at(Section::Contexts, position)?;
                Some(value.get("context").and_then(Value::as_object).map(ContextLinks::of).unwrap_or_default())
            }
        }
    }

    /// The first entry named `name`, built, for editing; `None` when there is none.
    pub fn entry_mut(&mut self, section: Section, name: &str) -> Option<Result<&mut Map<String, Value>, Unsplicable>> {
        let position =
            self.sections[section_index(section)].iter().position(|entry| entry.name.as_deref() == Some(name))?;
        let entry = &self.sections[section_index(section)][position];
        if entry.origin.as_ref().is_some_and(|origin| origin.dashed_lead(&self.text).is_none()) {
            return Some(Err(Unsplicable));
        }
        self.value_at(section, position);
        let entry = &mut self.sections[section_index(section)][position];
        match entry.value.get_mut().and_then(Option::as_mut).and_then(Value::as_object_mut) {
            Some(value) => {
                entry.edited = true;
                Some(Ok(value))
            }
            None => {
                self.unbuildable = true;
                Some(Err(Unsplicable))
            }
        }
    }

    /// Appends a new entry after the section's last one, written as that one is laid out; the entry
    /// back when the section has no block entry to follow.
    pub fn append(&mut self, section: Section, value: Map<String, Value>) -> Result<(), Map<String, Value>> {
        if self.append_point(section).is_none() {
            return Err(value);
        }
        let name = value.get("name").and_then(Value::as_str).map(str::to_string);
        let entry = SparseEntry { name, origin: None, value: OnceLock::from(Some(Value::Object(value))), edited: true };
        self.sections[section_index(section)].push(entry);
        Ok(())
    }

    /// The file as it would be written: its text with the changed entries and `current-context` spliced in.
    pub fn render(&self) -> Result<String, YamlError> {
        if self.unbuildable {
            return Err(YamlError::new(crate::t!("error-entry-unbuildable")));
        }
        let mut splices: Vec<(Range<usize>, String)> = Vec::new();
        for section in [Section::Clusters, Section::Users, Section::Contexts] {
            let mut appended = String::new();
            for entry in self.sections[section_index(section)].iter().filter(|entry| entry.edited) {
                let Some(Some(value)) = entry.value.get() else { continue };
                match &entry.origin {
                    Some(origin) => {
                        let (line, lead) = origin.dashed_lead(&self.text).expect("checked when it was edited");
                        splices.push((line..origin.span().end, render_entry(value, lead)?));
                    }
                    None => {
                        let (_, lead) = self.append_point(section).expect("checked when it was appended");
                        appended.push_str(&render_entry(value, lead)?);
                    }
                }
            }
            if !appended.is_empty() {
                let (at, _) = self.append_point(section).expect("checked when it was appended");
                // A replaced last entry already ends its line.
                let last_replaced = splices.last().is_some_and(|(range, _)| range.end == at);
                if at > 0 && !last_replaced && !self.text[..at].ends_with('\n') {
                    appended.insert(0, '\n');
                }
                splices.push((at..at, appended));
            }
        }
        if let (Some(name), Some(span)) = (&self.new_current_context, &self.current_context_span) {
            splices.push((span.clone(), scalar_text(name).expect("checked when it was set")));
        }
        splices.sort_by_key(|(range, _)| (range.start, range.end));
        let extra: usize = splices.iter().map(|(_, text)| text.len()).sum();
        let mut out = String::with_capacity(self.text.len() + extra);
        let mut cursor = 0;
        for (range, text) in splices {
            out.push_str(&self.text[cursor..range.start]);
            out.push_str(&text);
            cursor = range.end;
        }
        out.push_str(&self.text[cursor..]);
        Ok(out)
    }

    /// Where entries appended to the section go (the end of its last entry in the text) and the lead
    /// they are written with; `None` when the section has no entry in block style to follow.
    fn append_point(&self, section: Section) -> Option<(usize, &str)> {
        let last = self.sections[section_index(section)].iter().rev().find_map(|entry| entry.origin.as_ref())?;
        let (_, lead) = last.dashed_lead(&self.text)?;
        Some((last.span().end, lead))
    }

    fn build(&self, section: Section, position: usize, entry: &SparseEntry) -> Option<Value> {
        let origin = entry.origin.as_ref()?;
        let skimmed = origin.value(&self.text);
        skimmed.or_else(|| {
            // Not expected (the skim checked the file), but the whole parse is the authority.
            let whole =
                self.whole.get_or_init(|| super::Document::parse(&self.text).ok().map(|document| document.into_root()));
            whole.as_ref()?.get(section.key())?.as_array()?.get(position).cloned()
        })
    }
}

/// This form cannot make the change in place; the caller parses the file whole and makes it there.
#[derive(Debug)]
pub(super) struct Unsplicable;

/// One entry as lines of a block list: `lead` (its `- ` and indentation) before the first key, the
/// rest indented to line up under it.
fn render_entry(value: &Value, lead: &str) -> Result<String, YamlError> {
    let text = yaml::to_string(value)?;
    let indent = " ".repeat(lead.len());
    let mut out = String::with_capacity(text.len() + lead.len() * 8);
    for (index, line) in text.lines().enumerate() {
        if index == 0 {
            out.push_str(lead);
        } else if !line.is_empty() {
            out.push_str(&indent);
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

/// A name as a YAML scalar on one line (quoted when YAML would read it as something else).
fn scalar_text(name: &str) -> Option<String> {
    let text = yaml::to_string(&Value::from(name)).ok()?;
    let text = text.strip_suffix('\n').unwrap_or(&text);
    (!text.contains('\n') && !text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use crate::kubeconfig::{Document, Section};
    use serde_json::Value;

    const SECTIONS: [Section; 3] = [Section::Clusters, Section::Users, Section::Contexts];

    /// What a merge does: the first entry of each section edited, one added to each, `current-context` set.
    fn merge_like_edits(document: &mut Document) {
        for section in SECTIONS {
            let first = document.positioned_names(section).next().map(|(_, name)| name.to_string());
            if let Some(name) = first {
                document.upsert(section, &name, |body| {
                    body.insert("x-edited".into(), Value::from("yes"));
                });
            }
            document.upsert(section, &format!("added-{}", section.key()), |body| {
                body.insert("server".into(), Value::from("https://127.0.0.1:1"));
            });
        }
        document.set_current_context("added-contexts");
    }

    /// The same edits through the text form and the whole form write the same document (key order
    /// included); returns what the text form wrote.
    fn edits_agree(text: &str, held_as_text: bool) -> String {
        let mut held = Document::parse_for_editing(text).unwrap();
        assert_eq!(held.is_held_as_text(), held_as_text, "for:\n{text}");
        let mut whole = Document::parse(text).unwrap_or_else(|error| panic!("{error:?} for:\n{text}"));
        merge_like_edits(&mut held);
        merge_like_edits(&mut whole);
        let written = held.to_yaml().unwrap();
        let reread = Document::parse(&written).unwrap_or_else(|error| panic!("{error}:\n{written}"));
        assert_eq!(reread.to_yaml().unwrap(), whole.to_yaml().unwrap(), "from:\n{text}\nwritten:\n{written}");
        written
    }

    const KUBECTL_STYLE: &str = "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: QUJD\n    server: https://127.0.0.1:6443\n  name: a\n- cluster:\n    server: https://127.0.0.2:6443\n  name: b # comment kept\ncontexts:\n- context:\n    cluster: a\n    user: u\n    namespace: \"012\"\n  name: ctx-a\n- context:\n    cluster: b\n    user: u\n  name: ctx-b\ncurrent-context: ctx-b\nkind: Config\npreferences: {}\nusers:\n- name: u\n  user:\n    client-certificate-data: QUJD\n    client-key-data: REVG";

    #[test]
    fn a_merge_rewrites_only_the_entries_it_changes() {
        let written = edits_agree(KUBECTL_STYLE, true);
        // The second cluster and context were not edited: the user's bytes, comment and all.
        assert!(written.contains("- cluster:\n    server: https://127.0.0.2:6443\n  name: b # comment kept\n"));
        assert!(written.contains("- context:\n    cluster: b\n    user: u\n  name: ctx-b\n"));
        assert!(written.contains("current-context: added-contexts\nkind: Config\n"));
        // The file ended without a newline inside the last entry, which was edited.
        assert!(
            written.ends_with("    x-edited: \"yes\"\n- user:\n    server: https://127.0.0.1:1\n  name: added-users\n"),
            "{written}"
        );
        edits_agree(&format!("{KUBECTL_STYLE}\n# trailing comment\n\n"), true);
    }

    #[test]
    fn layouts_and_scalars_of_every_kind_are_spliced_as_the_whole_parse_reads_them() {
        let files = [
            // Indented lists, comments between entries, nested lists and block scalars in entries.
            "# top comment\ncurrent-context: 'quoted'\ncontexts:\n  - name: x # the one\n    context: {cluster: c, user: u}\n\n  # about why\n  - name: why\n    context:\n      cluster: c\n      extensions:\n      - name: e\n        extension:\n          note: |\n            line one\n\n            line three\n          flag: yes\n          octal: 0777\nusers:\n- name: u\n  user: {}\nclusters:\n- name: c\n  cluster:\n    server: https://h:1\n",
            // Double-quoted and plain current-context, CRLF line ends, a BOM.
            "\u{feff}current-context: \"a b\"\r\nclusters:\r\n- name: c\r\n  cluster:\r\n    server: https://h:1\r\nusers:\r\n- name: u\r\n  user: {}\r\ncontexts:\r\n- name: a b\r\n  context:\r\n    cluster: c\r\n",
            // Deeper indentation than kubectl's, and a YAML 1.1 look-alike name.
            "clusters:\n    -   name: 'on'\n        cluster:\n            server: https://h:1\nusers:\n    -   name: u\n        user: null\ncontexts:\n    -   name: c\n        context: {cluster: 'on'}\ncurrent-context: c\n",
        ];
        for text in files {
            edits_agree(text, true);
        }
    }

    #[test]
    fn what_cannot_be_spliced_is_made_in_the_whole_parse_of_the_edited_text() {
        let files = [
            // No current-context, sections empty or missing.
            "clusters:\n- name: c\n  cluster:\n    server: https://h:1\ncontexts: []\n",
            "users: null\ncurrent-context:\n",
            "current-context: ~\nclusters:\n- name: c\n  cluster: {}\n",
            // An entry whose first key is on the line after its dash.
            "clusters:\n-\n  name: c\n  cluster:\n    server: https://h:1\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: x\n  context: {}\ncurrent-context: x\n",
            // An empty file is read whole.
            "",
        ];
        for text in files {
            edits_agree(text, !text.is_empty());
        }
        // Removing is done on the whole parse, with the edits before it kept.
        let mut document = Document::parse_for_editing(KUBECTL_STYLE).unwrap();
        document.upsert(Section::Users, "u", |body| {
            body.insert("token".into(), Value::from("t"));
        });
        assert!(document.remove(Section::Clusters, "a"));
        assert!(!document.is_held_as_text());
        assert_eq!(document.entry(Section::Users, "u").unwrap()["token"], "t");
        assert!(!document.contains(Section::Clusters, "a"));
    }

    #[test]
    fn debug_shows_names_not_the_file() {
        let document = Document::parse_for_editing(KUBECTL_STYLE).unwrap();
        let debug = format!("{document:?}");
        assert!(debug.contains("ctx-b") && !debug.contains("REVG") && !debug.contains("QUJD"), "{debug}");
    }

    #[test]
    fn reads_build_only_what_they_ask_for_and_see_what_the_whole_parse_sees() {
        let held = Document::parse_for_editing(KUBECTL_STYLE).unwrap();
        let whole = Document::parse(KUBECTL_STYLE).unwrap();
        assert_eq!(held.current_context(), whole.current_context());
        for section in SECTIONS {
            let names: Vec<_> = held.positioned_names(section).collect();
            assert_eq!(names, whole.positioned_names(section).collect::<Vec<_>>());
            for (position, _) in names {
                assert_eq!(held.entry_at(section, position), whole.entry_at(section, position));
            }
        }
        for position in 0..2 {
            assert_eq!(held.context_links_at(position), whole.context_links_at(position));
        }
        assert_eq!(held.context_links_at(1).unwrap().cluster.as_deref(), Some("b"));
    }
}
