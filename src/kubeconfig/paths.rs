//! Which kubeconfig files are read, and which one a change is written to: kubectl's rules.
//!
//! Reading: `--kubeconfig FILE` alone; else every file of `KUBECONFIG` (empty entries skipped,
//! duplicates read once); else `~/.kube/config`.
//!
//! Writing (client-go `GetDefaultFilename` / `ModifyConfig`): `--kubeconfig FILE` alone; else a
//! changed entry stays in the file that defines it; a new entry (and `current-context`) goes to
//! the only file listed, else to the first file that exists, else to the last one listed.

use crate::t;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::fsutil;

/// The ordered list of kubeconfig files in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KubeconfigPaths {
    files: Vec<PathBuf>,
    explicit: bool,
}

/// No kubeconfig location could be worked out.
#[derive(Debug, thiserror::Error)]
#[error("{}", t!("error-no-home"))]
pub struct NoHomeDirectory;

impl KubeconfigPaths {
    /// kubectl's precedence: the explicit file, else `KUBECONFIG`, else `<home>/.kube/config`.
    pub fn resolve(
        explicit: Option<&Path>,
        kubeconfig_env: Option<&OsStr>,
        home: Option<&Path>,
    ) -> Result<Self, NoHomeDirectory> {
        if let Some(file) = explicit {
            return Ok(KubeconfigPaths { files: vec![file.to_path_buf()], explicit: true });
        }
        let mut files: Vec<PathBuf> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for file in kubeconfig_env.map(std::env::split_paths).into_iter().flatten() {
            // A file listed twice is read, locked and written once, also under another spelling
            // (`a:./a`, a symlink and its target): waiting on its own lock, a writer would blame a
            // stale lock after 10 s. Keeping the first spelling keeps kubectl's merge: the second
            // could only bring names the first already defined.
            if !file.as_os_str().is_empty() && seen.insert(fsutil::file_identity(&file)) {
                files.push(file);
            }
        }
        if files.is_empty() {
            let home = home.ok_or(NoHomeDirectory)?;
            files.push(home.join(".kube").join("config"));
        }
        Ok(KubeconfigPaths { files, explicit: false })
    }

    /// A list given directly (tests and callers that already know the files).
    pub fn from_files(files: Vec<PathBuf>) -> Self {
        assert!(!files.is_empty(), "a kubeconfig list has at least one file");
        KubeconfigPaths { files, explicit: false }
    }

    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Whether `--kubeconfig` chose the one file.
    pub fn is_explicit(&self) -> bool {
        self.explicit
    }

    /// Where new entries and `current-context` go: the only file listed, else the first that exists,
    /// else the last one listed.
    pub fn default_write_file(&self, exists: impl Fn(&Path) -> bool) -> &Path {
        if self.files.len() == 1 {
            return &self.files[0];
        }
        self.files.iter().find(|file| exists(file)).unwrap_or_else(|| self.files.last().expect("never empty"))
    }

    /// Where a change to an entry goes: the file that defines it (first in the list wins), else the
    /// default write file. `defines(file)` tells whether a file holds the entry.
    pub fn write_file_for(&self, defines: impl Fn(&Path) -> bool, exists: impl Fn(&Path) -> bool) -> &Path {
        if self.explicit {
            return &self.files[0];
        }
        self.files
            .iter()
            .find(|file| defines(file))
            .map(PathBuf::as_path)
            .unwrap_or_else(|| self.default_write_file(exists))
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::*;

    fn env_list(files: &[&str]) -> OsString {
        std::env::join_paths(files).unwrap()
    }

    #[test]
    fn explicit_file_wins_over_everything() {
        let list = env_list(&["/a", "/b"]);
        let paths = KubeconfigPaths::resolve(Some(Path::new("/x")), Some(&list), Some(Path::new("/home/u"))).unwrap();
        assert_eq!(paths.files(), [PathBuf::from("/x")]);
        assert!(paths.is_explicit());
    }

    #[test]
    fn kubeconfig_list_skips_empty_and_duplicate_entries() {
        let list = OsString::from("/a::/b:/a:");
        let paths = KubeconfigPaths::resolve(None, Some(&list), None).unwrap();
        assert_eq!(paths.files(), [PathBuf::from("/a"), PathBuf::from("/b")]);
    }

    #[test]
    #[cfg(unix)]
    fn issue13_5_one_file_under_two_spellings_or_through_a_symlink_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::write(&a, "").unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("link")).unwrap();
        let spellings = [a.clone(), dir.path().join("./a"), dir.path().join("link"), dir.path().join("b")];
        let list = std::env::join_paths(&spellings).unwrap();
        let paths = KubeconfigPaths::resolve(None, Some(&list), None).unwrap();
        assert_eq!(paths.files(), [a, dir.path().join("b")]);
        let missing = std::env::join_paths([dir.path().join("m"), dir.path().join("./m")]).unwrap();
        assert_eq!(KubeconfigPaths::resolve(None, Some(&missing), None).unwrap().files().len(), 1);
    }

    #[test]
    fn without_kubeconfig_the_home_file_is_used() {
        let paths = KubeconfigPaths::resolve(None, Some(OsStr::new("")), Some(Path::new("/home/u"))).unwrap();
        assert_eq!(paths.files(), [PathBuf::from("/home/u/.kube/config")]);
        assert!(KubeconfigPaths::resolve(None, None, None).is_err());
    }

    #[test]
    fn default_write_file_follows_client_go() {
        let paths = KubeconfigPaths::from_files(vec!["/a".into(), "/b".into(), "/c".into()]);
        assert_eq!(paths.default_write_file(|f| f == Path::new("/b") || f == Path::new("/c")), Path::new("/b"));
        assert_eq!(paths.default_write_file(|_| false), Path::new("/c"), "no file exists: the last one");
        let single = KubeconfigPaths::from_files(vec!["/only".into()]);
        assert_eq!(single.default_write_file(|_| false), Path::new("/only"));
    }

    #[test]
    fn a_change_goes_to_the_file_that_defines_the_entry() {
        let paths = KubeconfigPaths::from_files(vec!["/a".into(), "/b".into(), "/c".into()]);
        let exists = |_: &Path| true;
        assert_eq!(paths.write_file_for(|f| f == Path::new("/c"), exists), Path::new("/c"));
        assert_eq!(paths.write_file_for(|_| false, exists), Path::new("/a"), "a new entry: first existing file");
    }
}
