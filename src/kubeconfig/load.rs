//! Reading the kubeconfig files in force and the merged view kubectl sees.
//!
//! Merging is kubectl's: the first file to define a name wins, whole entry; `current-context`
//! comes from the first file that sets it; a missing file in `KUBECONFIG` is skipped, a missing
//! `--kubeconfig` file is an error. Every entry remembers its file, so relative certificate
//! paths resolve against the directory of the file that holds them.

use crate::t;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Map, Value};

use super::document::{Document, DocumentError, Section};
use super::paths::KubeconfigPaths;
use super::skim::{ContextLinks, Skimmed, skim};
use crate::fsutil::{self, Accept, FileLock, ReadError};

/// A kubeconfig file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}", t!("error-kubeconfig-missing", path = .path.display().to_string()))]
    ExplicitFileMissing { path: PathBuf },
    #[error("{}", t!("error-kubeconfig-read", path = .path.display().to_string()))]
    Read { path: PathBuf, source: io::Error },
    #[error("{}", t!("error-kubeconfig-too-large", path = .path.display().to_string(), limit = fsutil::MAX_KUBECONFIG_BYTES >> 20))]
    TooLarge { path: PathBuf },
    #[error("{}", t!("error-kubeconfig-not-utf8", path = .path.display().to_string()))]
    NotUtf8 { path: PathBuf },
    #[error("{}", t!("error-kubeconfig-invalid", path = .path.display().to_string()))]
    Invalid { path: PathBuf, source: DocumentError },
}

/// One file of the list, as read.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub path: PathBuf,
    /// `None` when the file does not exist (yet).
    pub document: Option<Document>,
}

/// A named entry together with the file that defines it.
#[derive(Debug, Clone, Copy)]
pub struct Sourced<'a> {
    pub name: &'a str,
    pub body: &'a Map<String, Value>,
    pub file: &'a Path,
}

impl<'a> Sourced<'a> {
    /// A string field of the body.
    pub fn str_field(&self, key: &str) -> Option<&'a str> {
        self.body.get(key).and_then(Value::as_str)
    }

    /// A path field of the body, made absolute against the directory of the defining file.
    pub fn path_field(&self, key: &str) -> Option<PathBuf> {
        let value = self.str_field(key).filter(|value| !value.is_empty())?;
        Some(resolve_relative(self.file, Path::new(value)))
    }
}

/// `path` as kubectl reads it from inside `kubeconfig_file`.
pub use crate::fsutil::resolve_relative;

/// The merged, read-only view of every file in force.
#[derive(Debug, Clone)]
pub struct KubeconfigView {
    paths: KubeconfigPaths,
    files: Vec<LoadedFile>,
    index: NameIndex,
}

/// Where the winning definition of each name is: (file, position in its list), per section.
/// Built once, so looking up every context of a 10,000-context kubeconfig stays linear.
#[derive(Debug, Clone, Default)]
struct NameIndex {
    sections: [HashMap<String, (usize, usize)>; 3],
    /// Names in first-definition order, per section.
    ordered: [Vec<String>; 3],
}

fn slot(section: Section) -> usize {
    match section {
        Section::Clusters => 0,
        Section::Users => 1,
        Section::Contexts => 2,
    }
}

impl NameIndex {
    fn build(files: &[LoadedFile]) -> Self {
        let mut index = NameIndex::default();
        for section in [Section::Clusters, Section::Users, Section::Contexts] {
            let (map, ordered) = (&mut index.sections[slot(section)], &mut index.ordered[slot(section)]);
            for (file_index, file) in files.iter().enumerate() {
                let Some(document) = &file.document else { continue };
                for (position, name) in document.positioned_names(section) {
                    if !map.contains_key(name) {
                        map.insert(name.to_string(), (file_index, position));
                        ordered.push(name.to_string());
                    }
                }
            }
        }
        index
    }
}

impl KubeconfigView {
    /// Reads every file of the list (missing files in a `KUBECONFIG` list are skipped), without
    /// locking them.
    pub fn load(paths: &KubeconfigPaths) -> Result<Self, LoadError> {
        let mut files = Vec::with_capacity(paths.files().len());
        for path in paths.files() {
            let document = read_document_unlocked(path)?;
            if document.is_none() && paths.is_explicit() {
                return Err(LoadError::ExplicitFileMissing { path: path.clone() });
            }
            files.push(LoadedFile { path: path.clone(), document });
        }
        Ok(Self::from_loaded(paths.clone(), files))
    }

    /// The view of one context (the named one, else the current one) and the entries it uses, for
    /// readers of a single context (`whoami`, `expiry`, `export-cert`). Every file is read and checked
    /// as `load` checks it, but only those entries are built: the rest of a 1,000-context file is
    /// skimmed, not parsed into values. Whenever the answer is not simple (no such context, a file the
    /// skim is unsure of, an entry that does not build alone), this is `load`, errors included.
    pub fn load_for_context(paths: &KubeconfigPaths, context: Option<&str>) -> Result<Self, LoadError> {
        let reads = read_all_skimmed(paths)?;
        match built_for_context(reads, context) {
            Some(files) => Ok(Self::from_loaded(paths.clone(), files)),
            None => Self::load(paths),
        }
    }

    pub(crate) fn from_loaded(paths: KubeconfigPaths, files: Vec<LoadedFile>) -> Self {
        let index = NameIndex::build(&files);
        KubeconfigView { paths, files, index }
    }

    /// Rebuilds the name index after the documents were edited in place.
    pub(super) fn reindex(&mut self) {
        self.index = NameIndex::build(&self.files);
    }

    /// Notes an entry upserted into `file`: edited in place it is where it was; appended, it is new
    /// to the index exactly when no file defined the name (an upsert goes to the defining file).
    pub(super) fn index_upserted(&mut self, section: Section, name: &str, file: &Path) {
        let map = &mut self.index.sections[slot(section)];
        if map.contains_key(name) {
            return;
        }
        let Some(file_index) = self.files.iter().position(|loaded| loaded.path == file) else { return };
        let found = self.files[file_index].document.as_ref().and_then(|document| {
            document.positioned_names(section).find(|(_, entry_name)| *entry_name == name).map(|(position, _)| position)
        });
        if let Some(position) = found {
            map.insert(name.to_string(), (file_index, position));
            self.index.ordered[slot(section)].push(name.to_string());
        }
    }

    pub fn paths(&self) -> &KubeconfigPaths {
        &self.paths
    }

    pub fn files(&self) -> &[LoadedFile] {
        &self.files
    }

    pub(super) fn files_mut(&mut self) -> &mut [LoadedFile] {
        &mut self.files
    }

    fn documents(&self) -> impl Iterator<Item = (&Path, &Document)> {
        self.files.iter().filter_map(|file| file.document.as_ref().map(|document| (file.path.as_path(), document)))
    }

    /// `current-context` of the first file that sets it.
    pub fn current_context(&self) -> Option<&str> {
        self.documents().find_map(|(_, document)| document.current_context())
    }

    /// The named entry as kubectl sees it: from the first file that defines the name.
    pub fn entry(&self, section: Section, name: &str) -> Option<Sourced<'_>> {
        let &(file_index, position) = self.index.sections[slot(section)].get(name)?;
        let file = &self.files[file_index];
        let (name, body) = file.document.as_ref()?.entry_at(section, position)?;
        Some(Sourced { name, body, file: &file.path })
    }

    /// Every context as kubectl sees it, with the `cluster` and `user` it names, in file order; in a
    /// file opened for editing the contexts are not built for this.
    pub fn context_links(&self) -> impl Iterator<Item = (&str, ContextLinks)> {
        self.index.ordered[slot(Section::Contexts)].iter().filter_map(|name| {
            let &(file_index, position) = self.index.sections[slot(Section::Contexts)].get(name)?;
            let links = self.files[file_index].document.as_ref()?.context_links_at(position)?;
            Some((name.as_str(), links))
        })
    }

    /// Every name of a section, first definition wins, in file order.
    pub fn names(&self, section: Section) -> Vec<&str> {
        self.index.ordered[slot(section)].iter().map(String::as_str).collect()
    }

    /// The first file in the list that defines the named entry.
    pub fn defining_file(&self, section: Section, name: &str) -> Option<&Path> {
        let &(file_index, _) = self.index.sections[slot(section)].get(name)?;
        Some(&self.files[file_index].path)
    }
}

/// Reads every existing file of the list, to find a broken one before any work is done.
/// A missing file is fine here: a writer creates it.
pub fn check_readable(paths: &KubeconfigPaths) -> Result<(), LoadError> {
    paths.files().iter().try_for_each(|path| read_document_unlocked(path).map(|_| ()))
}

/// How many times a file that does not parse is read again after its writer let go.
const SETTLE_ATTEMPTS: usize = 3;
/// A reader waits at most this long for a writer: an in-place write takes milliseconds, and a stale
/// lock must not hold up the report that the file is broken.
const MOST_A_READER_WAITS: Duration = Duration::from_secs(3);

/// Reads one file without its lock. kubectl rewrites kubeconfigs in place under its `<file>.lock`, so
/// such a reader can catch a file halfway: one that does not parse is read again once the lock is
/// released (a few times, waiting at most 3 s); only a file that stays broken is reported. Readers
/// that hold the lock (the `Editor`) use `read_editable`, which must not wait for their own lock.
fn read_document_unlocked(path: &Path) -> Result<Option<Document>, LoadError> {
    read_unlocked(path, read_document)
}

fn read_unlocked<T>(path: &Path, read: impl Fn(&Path) -> Result<T, LoadError>) -> Result<T, LoadError> {
    let mut result = read(path);
    for _ in 0..SETTLE_ATTEMPTS {
        if !matches!(result, Err(LoadError::Invalid { .. } | LoadError::NotUtf8 { .. })) {
            break;
        }
        if !FileLock::wait_until_free(path, MOST_A_READER_WAITS) {
            break;
        }
        // Also covers a writer that finished just before the lock was looked at.
        std::thread::sleep(Duration::from_millis(20));
        result = read(path);
    }
    result
}

/// Reads one file; `Ok(None)` when it does not exist. A kubeconfig may be a FIFO (`--kubeconfig
/// <(…)`) or `/dev/null`, but not endless: `KUBECONFIG=/dev/zero` stops at the size cap.
fn read_document(path: &Path) -> Result<Option<Document>, LoadError> {
    let Some(text) = read_text(path)? else { return Ok(None) };
    parse(path, &text).map(Some)
}

/// Reads one file for editing; `Ok(None)` when it does not exist. Held as its text with entries built
/// on use when the skim is sure of it, so writing it back redoes only the entries that changed.
pub(super) fn read_editable(path: &Path) -> Result<Option<Document>, LoadError> {
    let Some(text) = read_text(path)? else { return Ok(None) };
    Document::parse_for_editing(text).map(Some).map_err(|source| invalid(path, source))
}

/// The file's text; `None` when it does not exist.
fn read_text(path: &Path) -> Result<Option<String>, LoadError> {
    let bytes = match fsutil::read_bounded(path, fsutil::MAX_KUBECONFIG_BYTES, Accept::Streams, "kubeconfig") {
        Ok(bytes) => bytes,
        Err(error) if error.is_not_found() => return Ok(None),
        Err(ReadError::TooLarge { .. }) => return Err(LoadError::TooLarge { path: path.to_path_buf() }),
        Err(error) => return Err(LoadError::Read { path: path.to_path_buf(), source: error.into_io() }),
    };
    String::from_utf8(bytes).map(Some).map_err(|_| LoadError::NotUtf8 { path: path.to_path_buf() })
}

fn parse(path: &Path, text: &str) -> Result<Document, LoadError> {
    Document::parse(text).map_err(|source| invalid(path, source))
}

fn invalid(path: &Path, source: DocumentError) -> LoadError {
    LoadError::Invalid { path: path.to_path_buf(), source }
}

/// One file as read for one context at a time: skimmed (its text kept, to build entries from), or
/// parsed whole when the skim was unsure.
enum Read {
    Missing,
    Whole(Document),
    Skimmed { text: String, skimmed: Skimmed },
}

/// Every file of the list, skimmed where the skim is sure (missing files in a `KUBECONFIG` list are
/// skipped, a missing `--kubeconfig` file is an error, as for `KubeconfigView::load`).
fn read_all_skimmed(paths: &KubeconfigPaths) -> Result<Vec<(PathBuf, Read)>, LoadError> {
    let mut reads = Vec::with_capacity(paths.files().len());
    for path in paths.files() {
        let read = read_unlocked(path, read_skimmed)?;
        if matches!(read, Read::Missing) && paths.is_explicit() {
            return Err(LoadError::ExplicitFileMissing { path: path.clone() });
        }
        reads.push((path.clone(), read));
    }
    Ok(reads)
}

fn read_skimmed(path: &Path) -> Result<Read, LoadError> {
    let Some(mut text) = read_text(path)? else { return Ok(Read::Missing) };
    let mark = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    match skim(&text[mark..]) {
        Some(skimmed) => {
            // The text is kept without its byte-order mark, in place (not copied: it may be megabytes).
            text.drain(..mark);
            Ok(Read::Skimmed { text, skimmed })
        }
        None => parse(path, &text).map(Read::Whole),
    }
}

/// The files with only what `context` (or the current context) needs built in the skimmed ones:
/// `current-context`, the context, and its cluster and user, each from the first file that defines
/// it. `None` when there is no such context: `load` then gives the full view, and its errors.
fn built_for_context(reads: Vec<(PathBuf, Read)>, context: Option<&str>) -> Option<Vec<LoadedFile>> {
    let name = match context {
        Some(name) => name.to_string(),
        None => reads.iter().find_map(|(_, read)| read.current_context())?.to_string(),
    };
    let chosen = chosen_for_context(&reads, None, &name)?;
    let files = reads
        .into_iter()
        .zip(chosen)
        .map(|((path, read), root)| {
            let document = match read {
                Read::Missing => None,
                Read::Whole(document) => Some(document),
                Read::Skimmed { skimmed, .. } => Some(skimmed_root(root, skimmed.current_context.as_deref())),
            };
            LoadedFile { path, document }
        })
        .collect();
    Some(files)
}

/// Per file, the entries the context `name` uses that the file defines first, built: the context,
/// then its cluster and user. `None` when no file defines the context, or an entry did not build alone.
fn chosen_for_context(
    reads: &[(PathBuf, Read)],
    positions: Option<&[Positions]>,
    name: &str,
) -> Option<Vec<Map<String, Value>>> {
    let mut chosen: Vec<Map<String, Value>> = reads.iter().map(|_| Map::new()).collect();
    let context_body = choose(reads, positions, &mut chosen, Section::Contexts, name)??;
    for (section, key) in [(Section::Clusters, "cluster"), (Section::Users, "user")] {
        if let Some(entry) = context_body.get(key).and_then(Value::as_str).filter(|entry| !entry.is_empty()) {
            choose(reads, positions, &mut chosen, section, entry)?;
        }
    }
    Some(chosen)
}

/// A skimmed file's document holding only the entries built from it, and its `current-context`.
fn skimmed_root(mut root: Map<String, Value>, current_context: Option<&str>) -> Document {
    if let Some(current) = current_context {
        root.insert("current-context".into(), Value::String(current.to_string()));
    }
    Document::from_root(root)
}

/// Where each name's first entry is in one skimmed file, per section (`slot`): looking every context
/// up stays linear in the number of contexts.
type Positions = [HashMap<String, usize>; 3];

fn positions_of(skimmed: &Skimmed) -> Positions {
    [Section::Clusters, Section::Users, Section::Contexts].map(|section| {
        let mut positions = HashMap::new();
        for (position, entry) in skimmed.entries(section).iter().enumerate() {
            if let Some(name) = &entry.name {
                positions.entry(name.clone()).or_insert(position);
            }
        }
        positions
    })
}

/// Every context of the files in force, one view at a time, for a reader of all of them (`expiry
/// --all-contexts`). Each file is read and skimmed once; each context's view builds only that
/// context and the cluster and user it names, so a report over 1,000 contexts never holds more than
/// one context's entries built. Where a file was not skimmed, or an entry does not build alone, the
/// whole parse of the texts already read answers instead, exactly as `KubeconfigView::load` would.
pub struct ContextViews {
    paths: KubeconfigPaths,
    names: Vec<String>,
    form: ViewsForm,
}

enum ViewsForm {
    Skimmed { reads: Vec<(PathBuf, Read)>, positions: Vec<Positions> },
    Whole(Box<KubeconfigView>),
}

impl ContextViews {
    /// Reads every file of the list, as `KubeconfigView::load` does (the same files, the same errors).
    pub fn load(paths: &KubeconfigPaths) -> Result<Self, LoadError> {
        let reads = read_all_skimmed(paths)?;
        if reads.iter().any(|(_, read)| matches!(read, Read::Whole(_))) {
            let whole = whole_view(paths.clone(), reads)?;
            let names = whole.names(Section::Contexts).into_iter().map(str::to_string).collect();
            return Ok(ContextViews { paths: paths.clone(), names, form: ViewsForm::Whole(Box::new(whole)) });
        }
        let positions: Vec<Positions> = reads
            .iter()
            .map(|(_, read)| match read {
                Read::Skimmed { skimmed, .. } => positions_of(skimmed),
                _ => Positions::default(),
            })
            .collect();
        let mut seen = std::collections::HashSet::new();
        let names = reads
            .iter()
            .filter_map(|(_, read)| match read {
                Read::Skimmed { skimmed, .. } => Some(skimmed.entries(Section::Contexts)),
                _ => None,
            })
            .flatten()
            .filter_map(|entry| entry.name.clone())
            .filter(|name| seen.insert(name.clone()))
            .collect();
        Ok(ContextViews { paths: paths.clone(), names, form: ViewsForm::Skimmed { reads, positions } })
    }

    /// Every context name, first definition wins, in file order (`KubeconfigView::names`).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The view of one context (what `KubeconfigView::load_for_context` gives for it).
    pub fn view(&mut self, name: &str) -> Result<std::borrow::Cow<'_, KubeconfigView>, LoadError> {
        if let ViewsForm::Skimmed { reads, positions } = &self.form {
            if let Some(chosen) = chosen_for_context(reads, Some(positions), name) {
                let files = reads
                    .iter()
                    .zip(chosen)
                    .map(|((path, read), root)| LoadedFile {
                        path: path.clone(),
                        document: match read {
                            Read::Skimmed { skimmed, .. } => {
                                Some(skimmed_root(root, skimmed.current_context.as_deref()))
                            }
                            _ => None,
                        },
                    })
                    .collect();
                return Ok(std::borrow::Cow::Owned(KubeconfigView::from_loaded(self.paths.clone(), files)));
            }
            let placeholder = ViewsForm::Whole(Box::new(KubeconfigView::from_loaded(self.paths.clone(), Vec::new())));
            if let ViewsForm::Skimmed { reads, .. } = std::mem::replace(&mut self.form, placeholder) {
                self.form = ViewsForm::Whole(Box::new(whole_view(self.paths.clone(), reads)?));
            }
        }
        match &self.form {
            ViewsForm::Whole(whole) => Ok(std::borrow::Cow::Borrowed(whole)),
            ViewsForm::Skimmed { .. } => unreachable!("the skimmed form answered or was replaced"),
        }
    }
}

/// The whole view of files already read: the skimmed ones parsed whole from their text.
fn whole_view(paths: KubeconfigPaths, reads: Vec<(PathBuf, Read)>) -> Result<KubeconfigView, LoadError> {
    let files = reads
        .into_iter()
        .map(|(path, read)| {
            let document = match read {
                Read::Missing => None,
                Read::Whole(document) => Some(document),
                Read::Skimmed { text, .. } => Some(parse(&path, &text)?),
            };
            Ok(LoadedFile { path, document })
        })
        .collect::<Result<_, LoadError>>()?;
    Ok(KubeconfigView::from_loaded(paths, files))
}

impl Read {
    fn current_context(&self) -> Option<&str> {
        match self {
            Read::Missing => None,
            Read::Whole(document) => document.current_context(),
            Read::Skimmed { skimmed, .. } => skimmed.current_context.as_deref().filter(|name| !name.is_empty()),
        }
    }
}

/// Finds the first definition of `name` in `section` and, in a skimmed file, builds it into that
/// file's `chosen` root. `None`: an entry did not build alone (read the files whole). `Some(None)`: no
/// file defines it. Otherwise its body.
fn choose(
    reads: &[(PathBuf, Read)],
    positions: Option<&[Positions]>,
    chosen: &mut [Map<String, Value>],
    section: Section,
    name: &str,
) -> Option<Option<Map<String, Value>>> {
    for (index, (_, read)) in reads.iter().enumerate() {
        match read {
            Read::Missing => {}
            Read::Whole(document) => {
                if let Some(body) = document.entry(section, name) {
                    return Some(Some(body.clone()));
                }
            }
            Read::Skimmed { text, skimmed } => {
                let entries = skimmed.entries(section);
                let found = match positions {
                    Some(positions) => positions[index][slot(section)].get(name).map(|&position| &entries[position]),
                    None => entries.iter().find(|entry| entry.name.as_deref() == Some(name)),
                };
                let Some(entry) = found else { continue };
                let value = entry.value(text)?;
                let body = value.get(section.body_key()).and_then(Value::as_object).cloned().unwrap_or_default();
                let list = chosen[index].entry(section.key()).or_insert_with(|| Value::Array(Vec::new()));
                list.as_array_mut()?.push(value);
                return Some(Some(body));
            }
        }
    }
    Some(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn three_files(dir: &Path) -> KubeconfigPaths {
        let a = write(
            dir,
            "a",
            "clusters:\n- name: shared\n  cluster:\n    server: https://a\nusers:\n- name: u\n  user:\n    token: from-a\n",
        );
        let b = write(
            dir,
            "b",
            "current-context: ctx-b\nclusters:\n- name: shared\n  cluster:\n    server: https://b\n- name: only-b\n  cluster:\n    server: https://only-b\ncontexts:\n- name: ctx-b\n  context:\n    cluster: only-b\n    user: u\n",
        );
        let c = write(dir, "c", "current-context: ctx-c\nusers:\n- name: u\n  user:\n    token: from-c\n");
        KubeconfigPaths::from_files(vec![a, b, c])
    }

    #[test]
    fn a_file_caught_halfway_through_a_locked_write_is_read_again_once_the_writer_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(dir.path(), "config", "clusters:\n- name: a\n  cluster: {server: [");
        let lock = FileLock::lock_path(&file);
        std::fs::write(&lock, "").unwrap();
        let paths = KubeconfigPaths::from_files(vec![file.clone()]);
        let writer = {
            let (file, lock) = (file.clone(), lock.clone());
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(150));
                std::fs::write(&file, "clusters:\n- name: a\n  cluster: {server: https://a}\n").unwrap();
                std::fs::remove_file(&lock).unwrap();
            })
        };
        let config = KubeconfigView::load(&paths).unwrap();
        writer.join().unwrap();
        assert_eq!(config.names(Section::Clusters), ["a"]);

        // Broken with nobody writing: reported, after a few quick looks.
        std::fs::write(&file, "clusters: [").unwrap();
        let started = std::time::Instant::now();
        assert!(matches!(check_readable(&paths), Err(LoadError::Invalid { .. })));
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn first_file_wins_per_name_and_for_current_context() {
        let dir = tempfile::tempdir().unwrap();
        let config = KubeconfigView::load(&three_files(dir.path())).unwrap();
        let shared = config.entry(Section::Clusters, "shared").unwrap();
        assert_eq!(shared.str_field("server"), Some("https://a"));
        assert_eq!(shared.file, dir.path().join("a"));
        assert_eq!(config.entry(Section::Users, "u").unwrap().str_field("token"), Some("from-a"));
        assert_eq!(config.current_context(), Some("ctx-b"));
        assert_eq!(config.names(Section::Clusters), ["shared", "only-b"]);
        assert_eq!(config.defining_file(Section::Clusters, "only-b"), Some(dir.path().join("b").as_path()));
    }

    #[test]
    fn missing_files_in_the_list_are_skipped_but_an_explicit_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let present = write(dir.path(), "present", "current-context: x\n");
        let listed = KubeconfigPaths::from_files(vec![dir.path().join("missing"), present]);
        assert_eq!(KubeconfigView::load(&listed).unwrap().current_context(), Some("x"));
        let missing = dir.path().join("missing");
        let explicit = KubeconfigPaths::resolve(Some(&missing), None, None).unwrap();
        assert!(matches!(KubeconfigView::load(&explicit), Err(LoadError::ExplicitFileMissing { .. })));
    }

    #[test]
    fn relative_certificate_paths_resolve_against_the_defining_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let file = write(
            &dir.path().join("sub"),
            "config",
            "users:\n- name: u\n  user:\n    client-certificate: certs/u.crt\n    client-key: /abs/u.key\n",
        );
        let config = KubeconfigView::load(&KubeconfigPaths::from_files(vec![file])).unwrap();
        let user = config.entry(Section::Users, "u").unwrap();
        assert_eq!(user.path_field("client-certificate").unwrap(), dir.path().join("sub/certs/u.crt"));
        assert_eq!(user.path_field("client-key").unwrap(), PathBuf::from("/abs/u.key"));
    }

    #[test]
    fn not_utf8_and_not_yaml_are_reported_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("binary");
        std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x9f]).unwrap();
        let error = KubeconfigView::load(&KubeconfigPaths::from_files(vec![binary.clone()])).unwrap_err();
        assert_eq!(error.to_string(), format!("kubeconfig {} is not UTF-8 text", binary.display()));
        let broken = write(dir.path(), "broken", "clusters: [\n");
        let error = KubeconfigView::load(&KubeconfigPaths::from_files(vec![broken])).unwrap_err();
        assert!(matches!(error, LoadError::Invalid { .. }), "{error:?}");
    }
}

#[cfg(test)]
mod for_context {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// What a reader of one context sees: the entries (with their files) and the current context.
    fn seen(view: &KubeconfigView, context: Option<&str>) -> String {
        let resolved = match view.resolve_context(context) {
            Ok(resolved) => resolved,
            Err(error) => return format!("error: {error:?}"),
        };
        let show = |sourced: Option<Sourced<'_>>| {
            sourced.map(|sourced| format!("{} {:?} from {}", sourced.name, sourced.body, sourced.file.display()))
        };
        format!(
            "current {:?}\ncontext {:?}\ncluster {:?} {:?}\nuser {:?} {:?}",
            view.current_context(),
            show(Some(resolved.context)),
            resolved.cluster_name,
            show(resolved.cluster),
            resolved.user_name,
            show(resolved.user)
        )
    }

    fn same_as_the_whole_load(paths: &KubeconfigPaths, context: Option<&str>) {
        let whole = KubeconfigView::load(paths).map(|view| seen(&view, context));
        let skimmed = KubeconfigView::load_for_context(paths, context).map(|view| seen(&view, context));
        assert_eq!(format!("{skimmed:?}"), format!("{whole:?}"), "context {context:?}");
        every_context_view_is_the_whole_views(paths);
    }

    /// `ContextViews` has the whole view's context names, in its order, and each context reads in its
    /// own view as in the whole one.
    fn every_context_view_is_the_whole_views(paths: &KubeconfigPaths) {
        let whole = KubeconfigView::load(paths);
        let mut views = ContextViews::load(paths);
        let (whole, views) = match (&whole, &mut views) {
            (Ok(whole), Ok(views)) => (whole, views),
            _ => {
                assert_eq!(format!("{:?}", views.map(|_| ())), format!("{:?}", whole.map(|_| ())));
                return;
            }
        };
        assert_eq!(views.names(), whole.names(Section::Contexts));
        for name in views.names().to_vec() {
            let view = views.view(&name).unwrap();
            assert_eq!(seen(&view, Some(&name)), seen(whole, Some(&name)), "context {name}");
            assert_eq!(view.current_context(), whole.current_context(), "in the view of {name}");
        }
    }

    #[test]
    fn every_context_one_at_a_time_reads_what_the_whole_view_reads() {
        let dir = tempfile::tempdir().unwrap();
        let long = |seed: usize| -> String {
            let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            (0..200 + seed).map(|i| alphabet[(i * 7 + seed) % 64] as char).collect()
        };
        let (ca, cert, key) = (long(1), long(2), long(3));
        let a = write(
            dir.path(),
            "a",
            &format!(
                "clusters:\n- name: shared\n  cluster:\n    certificate-authority-data: {ca}\n    server: https://a\nusers:\n- name: u\n  user:\n    client-certificate-data: {cert}\n    client-key-data: {key}\ncontexts:\n- name: ctx-a\n  context: {{cluster: shared, user: u}}\n- name: ctx-b\n  context: {{cluster: only-b, user: nobody}}\n"
            ),
        );
        let b = write(
            dir.path(),
            "b",
            &format!(
                "current-context: ctx-b\nclusters:\n- name: only-b\n  cluster:\n    certificate-authority-data: {ca}\n    server: https://only-b\n- name: shared\n  cluster:\n    server: https://b\ncontexts:\n- name: ctx-b\n  context:\n    cluster: only-b\n    user: u\n- name: ctx-own\n  context:\n    cluster: shared\n    user: u\nusers:\n- name: u\n  user:\n    client-key-data: {key}\n"
            ),
        );
        // The skim is unsure of c (an anchor): the whole parse answers for every context.
        let c = write(
            dir.path(),
            "c",
            &format!(
                "users:\n- &u\n  name: u\n  user:\n    client-key-data: {key}\ncontexts:\n- name: ctx-c\n  context: {{cluster: shared, user: u}}\n"
            ),
        );
        let form = |files: Vec<PathBuf>| {
            let paths = KubeconfigPaths::from_files(files);
            every_context_view_is_the_whole_views(&paths);
            ContextViews::load(&paths).map(|views| matches!(views.form, ViewsForm::Skimmed { .. }))
        };
        assert!(form(vec![a.clone(), b.clone()]).unwrap());
        assert!(form(vec![dir.path().join("missing"), b.clone(), a.clone()]).unwrap());
        assert!(!form(vec![b.clone(), c.clone(), a.clone()]).unwrap());
        // A context's view holds that context and what it names, its values whole.
        let mut views = ContextViews::load(&KubeconfigPaths::from_files(vec![a.clone(), b.clone()])).unwrap();
        assert_eq!(views.names(), ["ctx-a", "ctx-b", "ctx-own"]);
        let view = views.view("ctx-own").unwrap();
        assert_eq!(view.names(Section::Contexts), ["ctx-own"]);
        assert_eq!(view.names(Section::Clusters), ["shared"]);
        assert_eq!(view.entry(Section::Users, "u").unwrap().str_field("client-key-data"), Some(key.as_str()));
        assert_eq!(view.current_context(), Some("ctx-b"));
        // A broken file, and an explicit file that is missing: the whole load's errors.
        let broken = write(dir.path(), "broken", "contexts:\n- name: x\n  context: {cluster: [\n");
        assert!(form(vec![a.clone(), broken]).is_err());
        let missing = dir.path().join("missing");
        let explicit = KubeconfigPaths::resolve(Some(&missing), None, None).unwrap();
        assert!(matches!(ContextViews::load(&explicit), Err(LoadError::ExplicitFileMissing { .. })));
    }

    #[test]
    fn one_context_reads_what_the_whole_view_reads() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(
            dir.path(),
            "a",
            "clusters:\n- name: shared\n  cluster:\n    server: https://a\n    certificate-authority: ca.pem\nusers:\n- name: u\n  user:\n    token: from-a\n- name: u\n  user:\n    token: second-u-in-a\n",
        );
        let b = write(
            dir.path(),
            "b",
            "current-context: ctx-b\nclusters:\n- name: shared\n  cluster:\n    server: https://b\n- name: only-b\n  cluster:\n    server: https://only-b\ncontexts:\n- name: ctx-b\n  context:\n    cluster: only-b\n    user: u\n    namespace: \"0777\"\n- name: ctx-shared\n  context:\n    cluster: shared\n    user: missing\n- context: {cluster: shared}\n",
        );
        // A file the skim is unsure of (an anchor) is read whole, beside skimmed ones.
        let c = write(
            dir.path(),
            "c",
            "current-context: ctx-c\nusers:\n- &u\n  name: u\n  user:\n    token: from-c\ncontexts:\n- name: ctx-c\n  context: {cluster: shared, user: u}\n",
        );
        for files in [vec![a.clone(), b.clone(), c.clone()], vec![c.clone(), b.clone(), a.clone()], vec![b.clone()]] {
            let paths = KubeconfigPaths::from_files(files);
            for context in [None, Some("ctx-b"), Some("ctx-shared"), Some("ctx-c"), Some("nowhere")] {
                same_as_the_whole_load(&paths, context);
            }
        }
        // b was skimmed: only the context asked for, and what it uses, was built.
        let per_context = ContextViews::load(&KubeconfigPaths::from_files(vec![b.clone()])).unwrap();
        assert!(matches!(per_context.form, ViewsForm::Skimmed { .. }));
        let only_b = KubeconfigView::load_for_context(&KubeconfigPaths::from_files(vec![b.clone()]), None).unwrap();
        assert_eq!(only_b.names(Section::Contexts), ["ctx-b"]);
        assert_eq!(only_b.names(Section::Clusters), ["only-b"]);
        let none = KubeconfigPaths::from_files(vec![a.clone()]);
        same_as_the_whole_load(&none, None);
        let broken = write(dir.path(), "broken", "contexts:\n- name: x\n  context: {cluster: [\n");
        let paths = KubeconfigPaths::from_files(vec![b.clone(), broken]);
        assert_eq!(
            format!("{:?}", KubeconfigView::load_for_context(&paths, None).map(|_| ())),
            format!("{:?}", KubeconfigView::load(&paths).map(|_| ()))
        );
    }
}
