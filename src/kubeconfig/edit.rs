//! Changing kubeconfig files safely: lock, read, edit in memory, write atomically.
//!
//! `Editor::open` takes the `<file>.lock` of every file a change may touch (sorted, so two
//! writers cannot deadlock), reads them under the locks, and `commit` writes back only the
//! files that changed. Entries are routed by kubectl's rule (see `paths`), so the other files of
//! a `KUBECONFIG` list stay byte for byte as they were; in a file that changes, so do the entries
//! the change leaves alone (files are read with `Document::parse_for_editing`).

use crate::t;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Map, Value};

use super::document::{Document, Section};
use super::load::{KubeconfigView, LoadError, LoadedFile, read_editable};
use super::paths::KubeconfigPaths;
use crate::fsutil::{self, FileLock, LockError, Written};

/// How long a writer waits for another writer's lock before it gives up.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// A change to the kubeconfig could not be made. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("{}", t!("error-create-dir", path = .path.display().to_string()))]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("{}", t!("error-write-kubeconfig", path = .path.display().to_string()))]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{}", t!("error-kubeconfig-read-only", path = .path.display().to_string(), mode = format!("{:04o}", .mode)))]
    ReadOnly { path: PathBuf, mode: u32 },
    #[error("{}", t!("error-serialize-kubeconfig", path = .path.display().to_string()))]
    Serialize { path: PathBuf, source: crate::yaml::YamlError },
}

/// Open kubeconfig files, locked, with pending edits.
#[derive(Debug)]
pub struct Editor {
    config: KubeconfigView,
    dirty: Vec<bool>,
    // Released (lock files removed) when the editor is dropped, after the writes.
    _locks: Vec<FileLock>,
}

impl Editor {
    /// Locks and reads the files of `paths` that a change may touch.
    pub fn open(paths: &KubeconfigPaths, lock_timeout: Duration) -> Result<Editor, EditError> {
        let default_file = paths.default_write_file(|file| file.exists()).to_path_buf();
        if !default_file.exists()
            && let Some(dir) = default_file.parent().filter(|dir| !dir.as_os_str().is_empty() && !dir.exists())
        {
            fsutil::create_private_dir_all(dir).map_err(|source| EditError::CreateDir { path: dir.into(), source })?;
        }
        let mut to_lock: Vec<(fsutil::FileIdentity, &Path)> = paths
            .files()
            .iter()
            .map(PathBuf::as_path)
            .filter(|file| file.exists() || *file == default_file)
            .map(|file| (fsutil::file_identity(file), file))
            .collect();
        // In the order of the files' identities, which every writer sees alike whatever the
        // spelling; one lock per file (a second `<file>.lock` of the same file would wait on itself).
        to_lock.sort();
        to_lock.dedup_by(|a, b| a.0 == b.0);
        let locks = to_lock
            .into_iter()
            .map(|(_, file)| FileLock::acquire(file, lock_timeout))
            .collect::<Result<Vec<_>, _>>()?;
        // Read only after the locks are held, so no other writer's change is lost.
        let files = paths
            .files()
            .iter()
            .map(|path| Ok(LoadedFile { path: path.clone(), document: read_editable(path)? }))
            .collect::<Result<Vec<_>, LoadError>>()?;
        let config = KubeconfigView::from_loaded(paths.clone(), files);
        let dirty = vec![false; config.files().len()];
        Ok(Editor { config, dirty, _locks: locks })
    }

    /// The merged view, including the edits made so far.
    pub fn view(&self) -> &KubeconfigView {
        &self.config
    }

    /// Edits (or adds) the named entry in the file kubectl's rule picks; returns that file.
    pub fn upsert(&mut self, section: Section, name: &str, edit: impl FnOnce(&mut Map<String, Value>)) -> PathBuf {
        let target = {
            let defining = self.config.defining_file(section, name).map(Path::to_path_buf);
            self.config
                .paths()
                .write_file_for(|file| defining.as_deref() == Some(file), |file| self.exists(file))
                .to_path_buf()
        };
        self.document_mut(&target).upsert(section, name, edit);
        self.config.index_upserted(section, name, &target);
        target
    }

    /// Sets `current-context` in the file kubectl writes it to.
    pub fn set_current_context(&mut self, name: &str) -> PathBuf {
        let target = self.config.paths().default_write_file(|file| self.exists(file)).to_path_buf();
        self.document_mut(&target).set_current_context(name);
        target
    }

    /// Removes the named entry from the file that defines it (the definition kubectl sees); returns that
    /// file, or `None` when no file defines the name.
    pub fn remove(&mut self, section: Section, name: &str) -> Option<PathBuf> {
        let file = self.config.defining_file(section, name)?.to_path_buf();
        self.document_mut(&file).remove(section, name);
        self.config.reindex();
        Some(file)
    }

    /// Unsets `current-context` in the file it is read from; returns that file, if any.
    pub fn unset_current_context(&mut self) -> Option<PathBuf> {
        let file = self
            .config
            .files()
            .iter()
            .find(|file| file.document.as_ref().is_some_and(|document| document.current_context().is_some()))?
            .path
            .clone();
        self.document_mut(&file).unset_current_context();
        Some(file)
    }

    /// Writes every changed file atomically; the others are not touched.
    pub fn commit(self) -> Result<Vec<Written>, EditError> {
        // Serialise everything first: a failure must leave every file as it was.
        let mut pending = Vec::new();
        for (file, dirty) in self.config.files().iter().zip(&self.dirty) {
            if let (true, Some(document)) = (*dirty, &file.document) {
                let text =
                    document.to_yaml().map_err(|source| EditError::Serialize { path: file.path.clone(), source })?;
                pending.push((file.path.clone(), text));
            }
        }
        // kubectl refuses to write a read-only file (no owner write bit); so does this tool, even as
        // root, before anything is written.
        for (path, _) in &pending {
            if let Some(mode) =
                fsutil::read_only_mode(path).map_err(|source| EditError::Write { path: path.clone(), source })?
            {
                return Err(EditError::ReadOnly { path: path.clone(), mode });
            }
        }
        // A writer killed between its temp file and the rename left the temp file behind; under
        // the lock none can belong to a live writer. Best effort: a failure here is no reason not to write.
        for (path, _) in &pending {
            let _ = fsutil::remove_dead_writers_temp_files(path);
        }
        pending
            .into_iter()
            .map(|(path, text)| {
                fsutil::write_atomically(&path, text.as_bytes(), fsutil::PRIVATE_FILE_MODE)
                    .map_err(|source| EditError::Write { path, source })
            })
            .collect()
    }

    fn exists(&self, file: &Path) -> bool {
        self.config.files().iter().any(|loaded| loaded.path == file && loaded.document.is_some())
    }

    fn document_mut(&mut self, target: &Path) -> &mut Document {
        let index = self.config.files().iter().position(|file| file.path == target).expect("target is in the list");
        self.dirty[index] = true;
        self.config.files_mut()[index].document.get_or_insert_with(Document::new_empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::write(path, text).unwrap();
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    fn set_server(server: &str) -> impl FnOnce(&mut Map<String, Value>) + '_ {
        move |body| {
            body.insert("server".into(), Value::from(server));
        }
    }

    #[test]
    fn with_three_files_a_change_goes_where_kubectl_puts_it_and_the_rest_stay_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
        let a_text = "# first file, with a comment that must survive\ncurrent-context: x\n";
        let b_text = "clusters:\n- name: existing\n  cluster:\n    server: https://old\n";
        let c_text = "users: []\n";
        write(&a, a_text);
        write(&b, b_text);
        write(&c, c_text);
        let paths = KubeconfigPaths::from_files(vec![a.clone(), b.clone(), c.clone()]);

        let mut editor = Editor::open(&paths, DEFAULT_LOCK_TIMEOUT).unwrap();
        assert_eq!(editor.upsert(Section::Clusters, "existing", set_server("https://new")), b);
        editor.commit().unwrap();
        assert_eq!(read(&a), a_text, "a was rewritten for a change that belongs in b");
        assert_eq!(read(&c), c_text);
        assert!(read(&b).contains("https://new"));

        let mut editor = Editor::open(&paths, DEFAULT_LOCK_TIMEOUT).unwrap();
        assert_eq!(editor.upsert(Section::Clusters, "brand-new", set_server("https://n")), a, "first existing file");
        editor.commit().unwrap();
        assert!(read(&a).contains("brand-new"));
        for file in [&a, &b, &c] {
            assert!(!FileLock::lock_path(file).exists(), "lock left behind for {}", file.display());
        }
    }

    #[test]
    fn when_no_file_of_the_list_exists_the_last_one_is_created_with_its_directory() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("one/config");
        let last = dir.path().join("two/nested/config");
        let paths = KubeconfigPaths::from_files(vec![first.clone(), last.clone()]);
        let mut editor = Editor::open(&paths, DEFAULT_LOCK_TIMEOUT).unwrap();
        editor.upsert(Section::Contexts, "ctx", |_| {});
        editor.set_current_context("ctx");
        let written = editor.commit().unwrap();
        assert_eq!(written.len(), 1);
        assert_eq!(written[0].path, last);
        assert!(!first.exists());
        let reread = KubeconfigView::load(&paths).unwrap();
        assert_eq!(reread.current_context(), Some("ctx"));
    }

    #[test]
    fn nothing_is_written_when_nothing_changed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        write(&file, "kind: Config   # odd spacing kept because the file is not rewritten\n");
        let paths = KubeconfigPaths::from_files(vec![file.clone()]);
        let editor = Editor::open(&paths, DEFAULT_LOCK_TIMEOUT).unwrap();
        assert!(editor.commit().unwrap().is_empty());
        assert_eq!(read(&file), "kind: Config   # odd spacing kept because the file is not rewritten\n");
    }

    #[test]
    fn an_invalid_file_stops_the_edit_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (good, bad) = (dir.path().join("good"), dir.path().join("bad"));
        write(&good, "clusters: []\n");
        write(&bad, "clusters: {oops\n");
        let paths = KubeconfigPaths::from_files(vec![good.clone(), bad.clone()]);
        assert!(matches!(Editor::open(&paths, DEFAULT_LOCK_TIMEOUT), Err(EditError::Load(_))));
        assert_eq!(read(&good), "clusters: []\n");
        assert!(!FileLock::lock_path(&good).exists());
    }

    #[test]
    fn concurrent_editors_lose_no_entry() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        let paths = KubeconfigPaths::from_files(vec![file.clone()]);
        let writers: Vec<_> = (0..8)
            .map(|index| {
                let paths = paths.clone();
                std::thread::spawn(move || {
                    let mut editor = Editor::open(&paths, Duration::from_secs(30)).unwrap();
                    editor.upsert(Section::Contexts, &format!("ctx-{index}"), |_| {});
                    editor.commit().unwrap();
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        let config = KubeconfigView::load(&paths).unwrap();
        assert_eq!(config.names(Section::Contexts).len(), 8);
    }
}
