//! Release archives: their names (`kubectl-ack_<tag>_<rust target>.tar.gz`, `.zip` on Windows), the
//! krew platform a Rust target triple is for, and their checksums.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The prefix of every archive name.
pub const ARCHIVE_PREFIX: &str = "kubectl-ack_";

/// The archive file name of a release build: `kubectl-ack_v0.1.0_x86_64-unknown-linux-musl.tar.gz`.
pub fn archive_name(tag: &str, target: &str) -> String {
    let extension = if target.contains("windows") { "zip" } else { "tar.gz" };
    format!("{ARCHIVE_PREFIX}{tag}_{target}.{extension}")
}

/// The Rust target triple of an archive name made by [`archive_name`].
pub fn target_of_archive(file_name: &str) -> Option<&str> {
    let stem = file_name.strip_suffix(".tar.gz").or_else(|| file_name.strip_suffix(".zip"))?;
    let rest = stem.strip_prefix(ARCHIVE_PREFIX)?;
    let (_tag, target) = rest.split_once('_')?; // tags have no '_'; targets do (x86_64)
    (!target.is_empty()).then_some(target)
}

/// The krew `os` and `arch` (Go's names) of a Rust target triple.
pub fn platform_of_target(target: &str) -> Option<(&'static str, &'static str)> {
    let mut parts = target.split('-');
    let arch = match parts.next()? {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "i686" | "i586" => "386",
        "armv7" | "arm" => "arm",
        "powerpc64le" => "ppc64le",
        "s390x" => "s390x",
        _ => return None,
    };
    let os = if target.contains("-linux-") || target.ends_with("-linux") {
        "linux"
    } else if target.contains("-apple-darwin") {
        "darwin"
    } else if target.contains("-windows") {
        "windows"
    } else if target.contains("-freebsd") {
        "freebsd"
    } else {
        return None;
    };
    Some((os, arch))
}

/// The lowercase hex SHA-256 of a file's bytes.
pub fn sha256_file(path: &Path) -> io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect())
}

/// A built archive: where it is, its name, the platform it is for and its checksum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archive {
    pub path: PathBuf,
    pub file_name: String,
    pub target: String,
    pub os: &'static str,
    pub arch: &'static str,
    pub sha256: String,
}

/// Why an archive cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{} is not named kubectl-ack_<tag>_<rust target>.tar.gz (or .zip)", path.display())]
    Name { path: PathBuf },
    #[error("{}: no krew platform is known for the Rust target {target}", path.display())]
    Target { path: PathBuf, target: String },
    #[error("cannot read {}", path.display())]
    Read { path: PathBuf, source: io::Error },
}

impl Archive {
    /// Reads a built archive and computes its checksum.
    pub fn open(path: &Path) -> Result<Self, ArchiveError> {
        let name_error = || ArchiveError::Name { path: path.to_path_buf() };
        let file_name = path.file_name().and_then(|name| name.to_str()).ok_or_else(name_error)?.to_string();
        let target = target_of_archive(&file_name).ok_or_else(name_error)?.to_string();
        let (os, arch) = platform_of_target(&target)
            .ok_or_else(|| ArchiveError::Target { path: path.to_path_buf(), target: target.clone() })?;
        let sha256 = sha256_file(path).map_err(|source| ArchiveError::Read { path: path.to_path_buf(), source })?;
        Ok(Archive { path: path.to_path_buf(), file_name, target, os, arch, sha256 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_tag_and_the_target_with_zip_on_windows() {
        assert_eq!(
            archive_name("v0.1.0", "x86_64-unknown-linux-musl"),
            "kubectl-ack_v0.1.0_x86_64-unknown-linux-musl.tar.gz"
        );
        assert_eq!(archive_name("v0.1.0", "x86_64-pc-windows-msvc"), "kubectl-ack_v0.1.0_x86_64-pc-windows-msvc.zip");
        assert_eq!(target_of_archive("kubectl-ack_v0.1.0_aarch64-apple-darwin.tar.gz"), Some("aarch64-apple-darwin"));
        assert_eq!(target_of_archive("kubectl-ack_v0.1.0_x86_64-pc-windows-msvc.zip"), Some("x86_64-pc-windows-msvc"));
        assert_eq!(target_of_archive("kubectl-ack_v0.1.0_x86_64-unknown-linux-musl.tgz"), None);
        assert_eq!(target_of_archive("other_v0.1.0_x86_64-unknown-linux-musl.tar.gz"), None);
    }

    #[test]
    fn targets_map_to_go_platform_names() {
        let cases = [
            ("x86_64-unknown-linux-musl", ("linux", "amd64")),
            ("x86_64-unknown-linux-gnu", ("linux", "amd64")),
            ("aarch64-unknown-linux-musl", ("linux", "arm64")),
            ("x86_64-apple-darwin", ("darwin", "amd64")),
            ("aarch64-apple-darwin", ("darwin", "arm64")),
            ("x86_64-pc-windows-msvc", ("windows", "amd64")),
            ("x86_64-pc-windows-gnu", ("windows", "amd64")),
        ];
        for (target, platform) in cases {
            assert_eq!(platform_of_target(target), Some(platform), "{target}");
        }
        assert_eq!(platform_of_target("wasm32-unknown-unknown"), None);
        assert_eq!(platform_of_target("x86_64-unknown-redox"), None);
    }

    #[test]
    fn the_checksum_is_sha256_in_lowercase_hex() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kubectl-ack_v1.0.0_x86_64-unknown-linux-musl.tar.gz");
        std::fs::write(&path, b"abc").unwrap();
        let archive = Archive::open(&path).unwrap();
        // FIPS 180-2 test vector for "abc".
        assert_eq!(archive.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!((archive.os, archive.arch), ("linux", "amd64"));
        assert!(matches!(Archive::open(&dir.path().join("x.tar.gz")), Err(ArchiveError::Name { .. })));
    }
}
