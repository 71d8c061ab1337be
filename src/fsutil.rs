//! Safe file reading and writing, shared by every command.
//!
//! * Locks: the `<file>.lock` convention of kubectl/client-go, with a bounded wait.
//! * The user's kubeconfig (`write_atomically`): written through a symlink to its target, as
//!   kubectl does; replaced atomically (temp file in the same directory, fsync, rename) keeping
//!   its mode, owner and group, or rewritten in place under the lock when a rename cannot work.
//! * Files this tool owns (`write_owned_file`: exec cache entries, `export-cert` outputs, temp
//!   files): never written through a symlink, always with exactly the mode asked for.
//! * Reads (`read_bounded`, `read_owned_file`): files named in a kubeconfig must be regular files
//!   of a sane size; a FIFO or `/dev/zero` there gets an error instead of a hang or a 20 GB read.

use crate::t;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// Mode of a file that holds keys or credentials.
pub const PRIVATE_FILE_MODE: u32 = 0o600;
/// Mode of a directory created to hold such files.
pub const PRIVATE_DIR_MODE: u32 = 0o700;

/// The lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{}", t!("error-lock-busy", file = .file.display().to_string(), lock = .lock.display().to_string(), age = crate::duration::two_largest_units(*.held_for)))]
    Busy { file: PathBuf, lock: PathBuf, held_for: Duration },
    #[error("{}", t!("error-lock-create", lock = .lock.display().to_string()))]
    Create { lock: PathBuf, source: io::Error },
    /// Something that is not a lock (a symlink, a directory) has the lock's name: no kubectl or
    /// kubectl-ack made it, so waiting for it to go away would be in vain.
    #[error("{}", t!("error-not-a-lock", lock = .lock.display().to_string(), kind = kind_name(.kind)))]
    NotALock { lock: PathBuf, kind: &'static str },
}

/// `<file>.lock`, held while this value lives. Created with O_EXCL like client-go's, so kubectl
/// and kubectl-ack exclude each other; unlike client-go we wait a bounded time instead of failing.
#[derive(Debug)]
pub struct FileLock {
    lock: PathBuf,
}

impl FileLock {
    pub fn lock_path(file: &Path) -> PathBuf {
        let mut name = file.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    /// Waits, without taking it, until nobody holds the lock of `file` (or `timeout` passes); returns
    /// whether it is free. For readers, which kubectl does not lock out.
    pub fn wait_until_free(file: &Path, timeout: Duration) -> bool {
        let lock = Self::lock_path(file);
        let started = Instant::now();
        let mut attempt: u32 = 0;
        while lock_is_there(&lock) {
            if started.elapsed() >= timeout {
                return false;
            }
            std::thread::sleep(backoff(attempt));
            attempt = attempt.saturating_add(1);
        }
        true
    }

    /// Takes the lock of `file`, waiting up to `timeout` for another holder to let go.
    pub fn acquire(file: &Path, timeout: Duration) -> Result<FileLock, LockError> {
        let lock = Self::lock_path(file);
        let started = Instant::now();
        let mut attempt: u32 = 0;
        loop {
            match create_new(&lock, PRIVATE_FILE_MODE) {
                Ok(mut handle) => {
                    // The pid is for a person looking at a stale lock; client-go's lock is empty.
                    let _ = writeln!(handle, "{}", std::process::id());
                    return Ok(FileLock { lock });
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                    if let Some(kind) = not_a_lock(&lock) {
                        return Err(LockError::NotALock { lock, kind });
                    }
                    if started.elapsed() >= timeout {
                        let held_for = lock_age(&lock).unwrap_or(started.elapsed());
                        return Err(LockError::Busy { file: file.to_path_buf(), lock, held_for });
                    }
                    std::thread::sleep(backoff(attempt));
                    attempt = attempt.saturating_add(1);
                }
                Err(source) => return Err(LockError::Create { lock, source }),
            }
        }
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.lock);
    }
}

/// client-go and kubectl-ack make their locks as regular files; anything else is not a lock.
fn not_a_lock(lock: &Path) -> Option<&'static str> {
    let meta = fs::symlink_metadata(lock).ok()?;
    (!meta.is_file()).then(|| kind_of(&meta.file_type()))
}

fn lock_is_there(lock: &Path) -> bool {
    fs::symlink_metadata(lock).is_ok_and(|meta| meta.is_file())
}

fn lock_age(lock: &Path) -> Option<Duration> {
    let modified = fs::metadata(lock).ok()?.modified().ok()?;
    SystemTime::now().duration_since(modified).ok()
}

/// 10 ms growing to 100 ms, with a little per-process jitter so waiting writers do not march in step.
fn backoff(attempt: u32) -> Duration {
    let base = 10u64.saturating_mul(1 + u64::from(attempt.min(9)));
    let jitter = u64::from(std::process::id().wrapping_mul(2_654_435_761).wrapping_add(attempt) % 10);
    Duration::from_millis(base + jitter)
}

fn create_new(path: &Path, mode: u32) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    options.open(path)
}

/// What a write of the user's kubeconfig did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The file written (the symlink's target when the path was a symlink).
    pub path: PathBuf,
    pub created: bool,
    /// The mode of an existing file that others can read (kept, but worth a warning).
    pub readable_by_others: Option<u32>,
    /// Why the file was rewritten in place under its lock (truncate, write, fsync) instead of being
    /// replaced by a rename; callers print it as a `note:`. `None` when it was replaced atomically.
    pub in_place: Option<InPlace>,
}

/// Why a kubeconfig was rewritten in place rather than replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InPlace {
    /// A rename would split the file from its other hard links.
    HardLinks(u64),
    /// The directory entry cannot be replaced: a bind-mounted file (EBUSY, EXDEV), a symlink into
    /// a directory this user cannot write (EACCES) or a read-only one (EROFS).
    CannotReplace(String),
    /// The file belongs to another user, and a replacement could not be given to them.
    ForeignOwner { uid: u32 },
}

impl std::fmt::Display for InPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InPlace::HardLinks(links) => f.write_str(&t!("in-place-hard-links", links = *links)),
            InPlace::CannotReplace(why) => f.write_str(&t!("in-place-cannot-replace", reason = why)),
            InPlace::ForeignOwner { uid } => f.write_str(&t!("in-place-foreign-owner", uid = *uid)),
        }
    }
}

/// A kubeconfig without its owner's write bit: kubectl refuses to write it, and so does this tool,
/// even as root (who could).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", t!("error-read-only-file", mode = format!("{:04o}", .mode)))]
pub struct ReadOnlyFile {
    pub mode: u32,
}

/// The mode of `path` when it is read-only for the writer this process would be (its owner, or
/// root); `None` when it is writable or does not exist.
pub fn read_only_mode(path: &Path) -> io::Result<Option<u32>> {
    match fs::metadata(path) {
        Ok(meta) => Ok(read_only(&meta)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

#[cfg(unix)]
fn read_only(meta: &fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let uid = effective_uid();
    let mode = permission_bits(meta);
    (mode & 0o200 == 0 && (uid == 0 || uid == meta.uid())).then_some(mode)
}

#[cfg(not(unix))]
fn read_only(meta: &fs::Metadata) -> Option<u32> {
    meta.permissions().readonly().then_some(0o400)
}

/// Writes the user's kubeconfig `path`: readers see the old file or the new one, never a mix, even
/// if this process dies half-way. A symlink is written through to its target (as kubectl does). A
/// new file gets `new_file_mode`; an existing one keeps its mode, owner and group. When a rename
/// cannot work (a bind mount, a directory this user cannot write, a hard-linked file, an owner a
/// replacement cannot keep), the file is rewritten in place, which is what kubectl always does;
/// callers hold the file's lock, so only lock-less readers can see it half-written, and they
/// read again (`kubeconfig::load`). A read-only file is refused, and left as it was.
pub fn write_atomically(path: &Path, contents: &[u8], new_file_mode: u32) -> io::Result<Written> {
    let target = symlink_target(path)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) => meta,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            replace_by_rename(&target, contents, new_file_mode, None).map_err(ReplaceError::into_io)?;
            return Ok(Written { path: target, created: true, readable_by_others: None, in_place: None });
        }
        Err(error) => return Err(error),
    };
    if !existing.is_file() {
        let kind = kind_of(&existing.file_type());
        return Err(io::Error::new(io::ErrorKind::InvalidInput, t!("error-not-regular", kind = kind_name(kind))));
    }
    if let Some(mode) = read_only(&existing) {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, ReadOnlyFile { mode }));
    }
    let mode = permission_bits(&existing);
    let in_place = match hard_links(&existing) {
        links if links > 1 => Some(InPlace::HardLinks(links)),
        _ => match replace_by_rename(&target, contents, mode, Some(&existing)) {
            Ok(()) => None,
            Err(ReplaceError::Cannot(why)) => Some(why),
            Err(ReplaceError::Failed(error)) => return Err(error),
        },
    };
    if in_place.is_some() {
        rewrite_in_place(&target, contents)?;
    }
    let readable_by_others = Some(mode).filter(|mode| mode & 0o077 != 0);
    Ok(Written { path: target, created: false, readable_by_others, in_place })
}

enum ReplaceError {
    /// The rename route cannot work here; the file can still be rewritten in place.
    Cannot(InPlace),
    Failed(io::Error),
}

impl ReplaceError {
    fn into_io(self) -> io::Error {
        match self {
            ReplaceError::Cannot(why) => io::Error::other(why.to_string()),
            ReplaceError::Failed(error) => error,
        }
    }
}

/// Temp file beside `target` with `mode` (and the owner and group of `existing`), fsync, rename.
fn replace_by_rename(
    target: &Path,
    contents: &[u8],
    mode: u32,
    existing: Option<&fs::Metadata>,
) -> Result<(), ReplaceError> {
    // Only an existing file can fall back to an in-place write; a new one has nothing to write into.
    let classify = |error: io::Error| match existing {
        Some(_) if rename_cannot_work(&error) => ReplaceError::Cannot(InPlace::CannotReplace(error.to_string())),
        _ => ReplaceError::Failed(error),
    };
    let (temp, mut file) = create_temp_beside(target, mode).map_err(classify)?;
    let result = (|| {
        if let Some(existing) = existing {
            keep_owner(&file, existing)?;
        }
        // After the chown, which may clear set-id bits; and the umask may have taken bits away.
        set_mode(&file, mode).map_err(ReplaceError::Failed)?;
        file.write_all(contents).map_err(ReplaceError::Failed)?;
        file.sync_all().map_err(ReplaceError::Failed)?;
        drop(file);
        test_pause_before_rename();
        fs::rename(&temp, target).map_err(classify)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_directory(target);
    Ok(())
}

/// EBUSY (a mount point), EXDEV (a bind mount from another file system), EACCES/EPERM (a directory
/// this user cannot write), EROFS (a read-only directory, the file mounted writable inside it).
fn rename_cannot_work(error: &io::Error) -> bool {
    use io::ErrorKind::*;
    matches!(error.kind(), ResourceBusy | CrossesDevices | PermissionDenied | ReadOnlyFilesystem)
}

/// Gives the temp file the owner and group of the file it replaces (root updating a user's
/// kubeconfig must not leave it root's). EPERM is ignored only when the owner is already ours (a
/// group we cannot give away); otherwise the file is rewritten in place, which keeps its owner.
#[cfg(unix)]
fn keep_owner(file: &File, existing: &fs::Metadata) -> Result<(), ReplaceError> {
    use std::os::unix::fs::MetadataExt;
    let ours = file.metadata().map_err(ReplaceError::Failed)?;
    if (ours.uid(), ours.gid()) == (existing.uid(), existing.gid()) {
        return Ok(());
    }
    match std::os::unix::fs::fchown(file, Some(existing.uid()), Some(existing.gid())) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
            if ours.uid() == existing.uid() {
                Ok(())
            } else {
                Err(ReplaceError::Cannot(InPlace::ForeignOwner { uid: existing.uid() }))
            }
        }
        Err(error) => Err(ReplaceError::Failed(error)),
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _existing: &fs::Metadata) -> Result<(), ReplaceError> {
    Ok(())
}

/// kubectl's own way of writing: truncate, write, fsync the existing file (its inode, owner, mode
/// and links stay).
fn rewrite_in_place(target: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).open(target)?;
    file.set_len(0)?;
    file.write_all(contents)?;
    file.sync_all()
}

#[cfg(unix)]
fn hard_links(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_meta: &fs::Metadata) -> u64 {
    1
}

/// Whether a file this tool owns may replace what is already at its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfExists {
    Replace,
    /// Fail with `AlreadyExists` when anything is there, a dangling symlink included.
    Refuse,
}

/// Writes a file this tool owns (an exec cache entry, an `export-cert` output): never through a
/// symlink, always with exactly `mode` whatever was there before. The temp file is created beside
/// `path` with O_EXCL, then renamed onto `path` (replacing a symlink there, not its target) or, with
/// `IfExists::Refuse`, hard-linked to it, which fails if anything already has the name.
pub fn write_owned_file(path: &Path, contents: &[u8], mode: u32, if_exists: IfExists) -> io::Result<()> {
    write_owned_files(&[OwnedFile { path, contents, mode }], if_exists).map_err(|failed| failed.error)
}

/// One file of `write_owned_files`.
#[derive(Clone, Copy)]
pub struct OwnedFile<'a> {
    pub path: &'a Path,
    pub contents: &'a [u8],
    pub mode: u32,
}

/// Which file of a set could not be written, and why.
#[derive(Debug)]
pub struct OwnedWriteError {
    pub path: PathBuf,
    pub error: io::Error,
}

/// Writes a set of files this tool owns, each as `write_owned_file` does, so that a failure leaves
/// none of them changed in the usual cases: every file is first written in full to its temp file
/// (where a full disk or a denied directory shows), and only then are they put in place. A file
/// put in place under `IfExists::Refuse` is removed again when a later one fails; under
/// `IfExists::Replace`, a rename failing after earlier ones succeeded (almost never: the temp files
/// are already beside their targets) leaves the earlier ones new.
pub fn write_owned_files(files: &[OwnedFile<'_>], if_exists: IfExists) -> Result<(), OwnedWriteError> {
    // A directory at a name would stop its rename after the files before it were replaced.
    if let Some(file) = files.iter().find(|file| fs::symlink_metadata(file.path).is_ok_and(|meta| meta.is_dir())) {
        let error = io::Error::new(io::ErrorKind::IsADirectory, t!("error-directory-has-its-name"));
        return Err(OwnedWriteError { path: file.path.to_path_buf(), error });
    }
    let mut staged: Vec<(PathBuf, &OwnedFile<'_>)> = Vec::with_capacity(files.len());
    let discard =
        |staged: &[(PathBuf, &OwnedFile<'_>)]| staged.iter().for_each(|(temp, _)| drop(fs::remove_file(temp)));
    for file in files {
        match stage(file) {
            Ok(temp) => staged.push((temp, file)),
            Err(error) => {
                discard(&staged);
                return Err(OwnedWriteError { path: file.path.to_path_buf(), error });
            }
        }
    }
    let mut placed: Vec<&Path> = Vec::with_capacity(files.len());
    for (index, (temp, file)) in staged.iter().enumerate() {
        if let Err(error) = put_in_place(temp, file, if_exists) {
            discard(&staged[index..]);
            if if_exists == IfExists::Refuse {
                placed.iter().for_each(|path| drop(fs::remove_file(path)));
            }
            return Err(OwnedWriteError { path: file.path.to_path_buf(), error });
        }
        placed.push(file.path);
    }
    files.iter().for_each(|file| sync_directory(file.path));
    Ok(())
}

/// The temp file beside `file.path`, with its contents and exact mode, synced.
fn stage(file: &OwnedFile<'_>) -> io::Result<PathBuf> {
    let (temp, mut handle) = create_temp_beside(file.path, file.mode)?;
    let written = (|| {
        set_mode(&handle, file.mode)?;
        handle.write_all(file.contents)?;
        handle.sync_all()
    })();
    match written {
        Ok(()) => Ok(temp),
        Err(error) => {
            let _ = fs::remove_file(&temp);
            Err(error)
        }
    }
}

/// Renames the temp file onto the path, or hard-links it there when nothing may be replaced.
fn put_in_place(temp: &Path, file: &OwnedFile<'_>, if_exists: IfExists) -> io::Result<()> {
    match if_exists {
        IfExists::Replace => fs::rename(temp, file.path),
        IfExists::Refuse => {
            let linked = match fs::hard_link(temp, file.path) {
                Err(error) if error.kind() != io::ErrorKind::AlreadyExists => {
                    // A file system without hard links: O_EXCL at the path is the same promise.
                    (|| {
                        let mut handle = create_new(file.path, file.mode)?;
                        set_mode(&handle, file.mode)?;
                        handle.write_all(file.contents)?;
                        handle.sync_all()
                    })()
                }
                other => other,
            };
            let _ = fs::remove_file(temp);
            linked
        }
    }
}

/// Makes `dir` a directory private to this tool (the exec cache): created 0700 with its missing
/// parents, or, when it exists, checked to be a real directory (not a symlink) of this user and
/// tightened to 0700 when others could get in. Returns the mode it had when it was tightened.
pub fn ensure_private_dir(dir: &Path) -> io::Result<Option<u32>> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            create_private_dir_all(dir)?;
            return Ok(None);
        }
        Err(error) => return Err(error),
    };
    if !meta.is_dir() {
        let kind = kind_of(&meta.file_type());
        return Err(io::Error::new(io::ErrorKind::InvalidInput, t!("error-not-a-directory", kind = kind_name(kind))));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if meta.uid() != effective_uid() {
            return Err(io::Error::new(io::ErrorKind::PermissionDenied, t!("error-foreign-owner", uid = meta.uid())));
        }
        let mode = permission_bits(&meta);
        if mode & 0o077 != 0 {
            fs::set_permissions(dir, fs::Permissions::from_mode(PRIVATE_DIR_MODE))?;
            return Ok(Some(mode));
        }
    }
    Ok(None)
}

/// Creates a new file holding `contents`, mode 0600, failing with `AlreadyExists` if anything (a
/// file, a symlink) is already at `path`. For copies the tool keeps (backups).
pub fn create_private_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_owned_file(path, contents, PRIVATE_FILE_MODE, IfExists::Refuse)
}

/// Creates `dir` and any missing parents with mode 0700 (the seeds' `mkdir -p $HOME/.kube`, done safely).
pub fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(PRIVATE_DIR_MODE);
    }
    builder.create(dir)
}

/// `path` as read from inside the file `relative_to` (a kubeconfig, a symlink): a relative path is
/// relative to that file's directory.
pub fn resolve_relative(relative_to: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    relative_to.parent().unwrap_or(Path::new(".")).join(path)
}

/// At most this much is read from a file a kubeconfig names (certificate, key, CA): a PEM
/// certificate chain is a few KiB.
pub const MAX_REFERENCED_FILE_BYTES: u64 = 1 << 20;
/// At most this much is read from a kubeconfig: a file with 10,000 contexts, each with its
/// certificates inline, is about 60 MB.
pub const MAX_KUBECONFIG_BYTES: u64 = 256 << 20;

/// Which kinds of file a read accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Regular files only, opened without blocking (a FIFO is refused, never waited on).
    RegularFiles,
    /// Anything readable but a directory: kubeconfigs may be `/dev/null` or a FIFO (`<(…)`).
    Streams,
}

/// A file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("{}", t!("error-not-regular", kind = kind_name(.kind)))]
    NotRegular { kind: &'static str },
    #[error("{}", t!("error-too-large", limit = size_text(*.limit), what = *.what))]
    TooLarge { limit: u64, what: &'static str },
}

impl ReadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(error) if error.kind() == io::ErrorKind::NotFound)
    }

    /// As an `io::Error`, for callers whose errors carry one; the message is kept.
    pub fn into_io(self) -> io::Error {
        match self {
            ReadError::Io(error) => error,
            other => io::Error::new(io::ErrorKind::InvalidData, other.to_string()),
        }
    }
}

fn size_text(bytes: u64) -> String {
    match bytes {
        bytes if bytes >= 1 << 20 && bytes % (1 << 20) == 0 => format!("{} MiB", bytes >> 20),
        bytes if bytes >= 1 << 10 && bytes % (1 << 10) == 0 => format!("{} KiB", bytes >> 10),
        bytes => format!("{bytes} bytes"),
    }
}

/// Reads at most `limit` bytes of `path` (`what` names it in the error when it is larger). The
/// kind of file is checked with fstat on the open handle, so it cannot change between the check
/// and the read.
pub fn read_bounded(path: &Path, limit: u64, accept: Accept, what: &'static str) -> Result<Vec<u8>, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nonblocking = if accept == Accept::RegularFiles { libc::O_NONBLOCK } else { 0 };
        options.custom_flags(libc::O_NOCTTY | nonblocking);
    }
    let file = options.open(path)?;
    read_open_file(file, limit, accept, what)
}

/// What `read_owned_file` found.
#[derive(Debug)]
pub struct OwnedRead {
    pub bytes: Vec<u8>,
    pub mode: u32,
    pub uid: Option<u32>,
}

/// Reads a file this tool owns (an exec cache entry): a symlink at the path is refused (O_NOFOLLOW),
/// and so is anything but a regular file or more than `limit` bytes.
pub fn read_owned_file(path: &Path, limit: u64, what: &'static str) -> Result<OwnedRead, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        #[cfg(unix)]
        Err(error) if error.raw_os_error() == Some(libc::ELOOP) => {
            return Err(ReadError::NotRegular { kind: "symlink" });
        }
        Err(error) => return Err(error.into()),
    };
    let meta = file.metadata()?;
    #[cfg(unix)]
    let uid = Some(std::os::unix::fs::MetadataExt::uid(&meta));
    #[cfg(not(unix))]
    let uid = None;
    let mode = permission_bits(&meta);
    let bytes = read_open_file(file, limit, Accept::RegularFiles, what)?;
    Ok(OwnedRead { bytes, mode, uid })
}

fn read_open_file(file: File, limit: u64, accept: Accept, what: &'static str) -> Result<Vec<u8>, ReadError> {
    let meta = file.metadata()?;
    let file_type = meta.file_type();
    let refused = match accept {
        Accept::RegularFiles => !file_type.is_file(),
        Accept::Streams => file_type.is_dir(),
    };
    if refused {
        return Err(ReadError::NotRegular { kind: kind_of(&file_type) });
    }
    if file_type.is_file() && meta.len() > limit {
        return Err(ReadError::TooLarge { limit, what });
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit, what });
    }
    Ok(bytes)
}

/// What makes two paths the same file: device and inode for an existing file (so `a`, `./a` and
/// a symlink to it are one), else the absolute path with `.`, `..` and symlinked directories
/// resolved as far as they exist.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileIdentity {
    Inode { device: u64, inode: u64 },
    Path(PathBuf),
}

pub fn file_identity(path: &Path) -> FileIdentity {
    #[cfg(unix)]
    if let Ok(meta) = fs::metadata(path) {
        use std::os::unix::fs::MetadataExt;
        return FileIdentity::Inode { device: meta.dev(), inode: meta.ino() };
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let normal = normalize_lexically(&absolute);
    let resolved = match (normal.parent(), normal.file_name()) {
        (Some(parent), Some(name)) => fs::canonicalize(parent).map(|parent| parent.join(name)).unwrap_or(normal),
        _ => normal,
    };
    FileIdentity::Path(resolved)
}

fn normalize_lexically(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Follows a chain of symlinks to the file they name (which may not exist yet).
fn symlink_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = resolve_relative(&current, &link);
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(t!("error-symlink-loop", path = path.display().to_string())))
}

#[cfg(unix)]
fn permission_bits(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn permission_bits(_meta: &fs::Metadata) -> u32 {
    PRIVATE_FILE_MODE
}

/// Sets exactly `mode` on an open file (fchmod): the umask may have taken bits away at creation.
fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (file, mode);
    Ok(())
}

/// The effective user ID of this process.
#[cfg(unix)]
pub fn effective_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// "a FIFO", "a directory", …: what a path is, for messages.
fn kind_of(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "fifo";
        }
        if file_type.is_char_device() {
            return "char-device";
        }
        if file_type.is_block_device() {
            return "block-device";
        }
        if file_type.is_socket() {
            return "socket";
        }
    }
    if file_type.is_dir() {
        "directory"
    } else if file_type.is_symlink() {
        "symlink"
    } else if file_type.is_file() {
        "file"
    } else {
        "other"
    }
}

/// A kind of `kind_of` as words: "a symbolic link".
fn kind_name(kind: &str) -> String {
    t!("file-kind", kind = kind)
}

/// Removes the temp files that writers killed between the temp file and the rename left beside
/// `path` (`.<name>.kubectl-ack-<pid>-<n>.tmp`); returns how many. Only call it while holding
/// `path`'s lock: every kubectl-ack writer creates and renames its temp file under that lock, so
/// none found then belongs to a live writer. On Linux a file whose pid is still running is kept
/// anyway, in case someone removed a live writer's lock by hand.
pub fn remove_dead_writers_temp_files(path: &Path) -> io::Result<usize> {
    let target = symlink_target(path)?;
    let Some(name) = target.file_name().map(|name| name.to_string_lossy().into_owned()) else { return Ok(0) };
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = format!(".{name}.kubectl-ack-");
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(error),
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".tmp")) else { continue };
        let pid = rest.split('-').next().and_then(|pid| pid.parse::<u32>().ok());
        if pid.is_some_and(|pid| pid == std::process::id() || process_is_alive(pid) == Some(true)) {
            continue;
        }
        if fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

/// Whether process `pid` is running: `None` where this platform cannot tell cheaply (all but Linux).
#[cfg(target_os = "linux")]
pub fn process_is_alive(pid: u32) -> Option<bool> {
    Some(Path::new("/proc").join(pid.to_string()).exists())
}

/// Whether process `pid` is running: `None` where this platform cannot tell cheaply (all but Linux).
#[cfg(not(target_os = "linux"))]
pub fn process_is_alive(_pid: u32) -> Option<bool> {
    None
}

/// A `<file>.lock` found on disk, as a person deciding whether to remove it needs to see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLock {
    pub path: PathBuf,
    pub modified: SystemTime,
    /// The pid kubectl-ack writes into its locks; client-go's locks are empty.
    pub pid: Option<u32>,
}

impl FileLock {
    /// The lock of `file` if one is there now, without taking it.
    pub fn find(file: &Path) -> io::Result<Option<FoundLock>> {
        let path = Self::lock_path(file);
        let modified = match fs::metadata(&path) {
            Ok(meta) => meta.modified()?,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error),
        };
        // Unreadable or foreign content only means no pid: the lock is there all the same.
        let pid = fs::read_to_string(&path).ok().and_then(|text| text.trim().parse::<u32>().ok());
        Ok(Some(FoundLock { path, modified, pid }))
    }
}

/// Numbers the temp files of this process.
static TEMP_COUNTER: AtomicU32 = AtomicU32::new(0);

fn temp_path_beside(target: &Path) -> PathBuf {
    let name = target.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let unique =
        format!(".{name}.kubectl-ack-{}-{}.tmp", std::process::id(), TEMP_COUNTER.fetch_add(1, Ordering::Relaxed));
    target.with_file_name(unique)
}

/// A new temp file beside `target`, created with O_EXCL (so never through a symlink). The name is
/// predictable, so something may already be there: another name is tried.
fn create_temp_beside(target: &Path, mode: u32) -> io::Result<(PathBuf, File)> {
    let mut attempt = 0;
    loop {
        let temp = temp_path_beside(target);
        match create_new(&temp, mode) {
            Ok(file) => return Ok((temp, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(error) => return Err(error),
        }
    }
}

/// Makes the rename itself durable. Best effort: not every platform can open a directory.
fn sync_directory(file: &Path) {
    if let Some(dir) = file.parent()
        && let Ok(handle) = File::open(dir)
    {
        let _ = handle.sync_all();
    }
}

/// Crash-safety tests kill the process between the temp file and the rename; this gives them the
/// moment. Only a debug build honours it, so the shipped binary has no such hook.
fn test_pause_before_rename() {
    #[cfg(debug_assertions)]
    if let Some(millis) = std::env::var_os("KUBECTL_ACK_TEST_PAUSE_BEFORE_RENAME_MS")
        .and_then(|value| value.to_str().and_then(|value| value.parse::<u64>().ok()))
    {
        std::thread::sleep(Duration::from_millis(millis));
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    /// Issue 13, item 19: a set of owned files is written whole or not at all.
    #[test]
    fn a_set_of_owned_files_is_left_unchanged_when_a_later_one_cannot_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let (first, second) = (dir.path().join("first"), dir.path().join("second"));
        fs::write(&first, "old").unwrap();
        fs::create_dir(&second).unwrap();
        let files = [
            OwnedFile { path: &first, contents: b"new", mode: PRIVATE_FILE_MODE },
            OwnedFile { path: &second, contents: b"new", mode: PRIVATE_FILE_MODE },
        ];
        for if_exists in [IfExists::Replace, IfExists::Refuse] {
            let failed = write_owned_files(&files, if_exists).unwrap_err();
            assert_eq!(failed.path, second);
            assert_eq!(fs::read_to_string(&first).unwrap(), "old");
        }
        fs::remove_dir(&second).unwrap();
        fs::remove_file(&first).unwrap();
        fs::write(&second, "theirs").unwrap();
        let failed = write_owned_files(&files, IfExists::Refuse).unwrap_err();
        assert_eq!(failed.error.kind(), io::ErrorKind::AlreadyExists);
        assert!(!first.exists(), "the first file, new, is removed again when the second is refused");
        assert_eq!(fs::read_to_string(&second).unwrap(), "theirs");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file is left");
        write_owned_files(&files, IfExists::Replace).unwrap();
        assert_eq!(
            (fs::read_to_string(&first).unwrap(), fs::read_to_string(&second).unwrap()),
            ("new".into(), "new".into())
        );
    }

    fn mode_of(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_file_is_private_and_an_existing_one_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        let written = write_atomically(&file, b"a: 1\n", PRIVATE_FILE_MODE).unwrap();
        assert!(written.created);
        assert_eq!(mode_of(&file), 0o600);
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
        let written = write_atomically(&file, b"a: 2\n", PRIVATE_FILE_MODE).unwrap();
        assert_eq!(written.readable_by_others, Some(0o644));
        assert_eq!(mode_of(&file), 0o644);
        assert_eq!(fs::read_to_string(&file).unwrap(), "a: 2\n");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, ["config"], "temp files left behind");
    }

    #[test]
    fn a_symlink_is_written_through_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real-config");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("config");
        std::os::unix::fs::symlink("real-config", &link).unwrap();
        let written = write_atomically(&link, b"new", PRIVATE_FILE_MODE).unwrap();
        assert_eq!(written.path, real);
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
        assert_eq!(fs::read_to_string(&link).unwrap(), "new");
        assert_eq!(written.in_place, None);
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn issue13_1_a_symlink_planted_where_an_owned_file_goes_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).unwrap();
        let key = dir.path().join("client-key.pem");
        std::os::unix::fs::symlink(&victim, &key).unwrap();
        write_owned_file(&key, b"PRIVATE KEY", PRIVATE_FILE_MODE, IfExists::Replace).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious", "written through the link");
        assert_eq!(mode_of(&victim), 0o644);
        assert!(fs::symlink_metadata(&key).unwrap().is_file(), "the link is still there");
        assert_eq!(fs::read_to_string(&key).unwrap(), "PRIVATE KEY");
        assert_eq!(mode_of(&key), 0o600);
        assert_eq!(names_in(dir.path()), ["client-key.pem", "victim"], "temp files left behind");
    }

    #[test]
    fn issue13_1_an_owned_file_gets_exactly_its_mode_whatever_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("client-key.pem");
        fs::write(&key, "old").unwrap();
        fs::set_permissions(&key, fs::Permissions::from_mode(0o666)).unwrap();
        write_owned_file(&key, b"new", PRIVATE_FILE_MODE, IfExists::Replace).unwrap();
        assert_eq!((mode_of(&key), fs::read_to_string(&key).unwrap().as_str()), (0o600, "new"));
        let cert = dir.path().join("client-cert.pem");
        write_owned_file(&cert, b"cert", 0o644, IfExists::Replace).unwrap();
        assert_eq!(mode_of(&cert), 0o644);
    }

    #[test]
    fn issue13_1_refusing_to_overwrite_counts_a_dangling_symlink_as_existing() {
        let dir = tempfile::tempdir().unwrap();
        let dangling = dir.path().join("client-key.pem");
        let target = dir.path().join("not-yet");
        std::os::unix::fs::symlink(&target, &dangling).unwrap();
        let error = write_owned_file(&dangling, b"key", PRIVATE_FILE_MODE, IfExists::Refuse).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert!(!target.exists(), "written through the dangling link");
        assert!(fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
        let fresh = dir.path().join("ca.pem");
        write_owned_file(&fresh, b"ca", 0o644, IfExists::Refuse).unwrap();
        assert_eq!(fs::read_to_string(&fresh).unwrap(), "ca");
        assert_eq!(names_in(dir.path()), ["ca.pem", "client-key.pem"], "temp files left behind");
    }

    #[test]
    fn issue13_1_a_symlink_planted_at_the_next_temp_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let config = dir.path().join("config");
        fs::write(&config, "a: 1\n").unwrap();
        // The next names this process would pick, each a link to the victim.
        let next = TEMP_COUNTER.load(Ordering::Relaxed);
        for n in next..next + 20 {
            let name = dir.path().join(format!(".config.kubectl-ack-{}-{n}.tmp", std::process::id()));
            let _ = std::os::unix::fs::symlink(&victim, &name);
        }
        write_atomically(&config, b"a: 2\n", PRIVATE_FILE_MODE).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read_to_string(&config).unwrap(), "a: 2\n");
        write_owned_file(&dir.path().join("entry.json"), b"{}", PRIVATE_FILE_MODE, IfExists::Replace).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    }

    #[test]
    fn issue13_2_a_hard_linked_kubeconfig_is_rewritten_in_place_and_keeps_its_link() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        let other = dir.path().join("other-name");
        fs::write(&config, "a: 1\n").unwrap();
        fs::hard_link(&config, &other).unwrap();
        let written = write_atomically(&config, b"a: 2\n", PRIVATE_FILE_MODE).unwrap();
        assert_eq!(written.in_place, Some(InPlace::HardLinks(2)));
        assert_eq!(fs::read_to_string(&other).unwrap(), "a: 2\n", "the link was split");
        assert_eq!(names_in(dir.path()), ["config", "other-name"]);
    }

    #[test]
    fn issue13_2_a_read_only_kubeconfig_is_refused_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        fs::write(&config, "a: 1\n").unwrap();
        fs::set_permissions(&config, fs::Permissions::from_mode(0o400)).unwrap();
        assert_eq!(read_only_mode(&config).unwrap(), Some(0o400));
        let error = write_atomically(&config, b"a: 2\n", PRIVATE_FILE_MODE).unwrap_err();
        assert_eq!(error.to_string(), "the file is read-only (mode 0400)");
        assert_eq!(fs::read_to_string(&config).unwrap(), "a: 1\n");
        assert_eq!(read_only_mode(&dir.path().join("missing")).unwrap(), None);
    }

    #[test]
    fn issue13_2_root_replacing_another_users_kubeconfig_keeps_its_owner_and_group() {
        use std::os::unix::fs::MetadataExt;
        if effective_uid() != 0 {
            // Only root can give a file away; the integration suite runs as root.
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        fs::write(&config, "a: 1\n").unwrap();
        std::os::unix::fs::chown(&config, Some(4242), Some(4343)).unwrap();
        let written = write_atomically(&config, b"a: 2\n", PRIVATE_FILE_MODE).unwrap();
        let meta = fs::metadata(&config).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
        assert_eq!(written.in_place, None, "replaced atomically, owner kept");
    }

    #[test]
    fn issue13_3_a_fifo_or_a_device_named_in_a_kubeconfig_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let started = Instant::now();
        let error = read_bounded(&fifo, MAX_REFERENCED_FILE_BYTES, Accept::RegularFiles, "certificate").unwrap_err();
        assert_eq!(error.to_string(), "it is a FIFO, not a regular file");
        assert!(started.elapsed() < Duration::from_secs(2), "blocked on the FIFO");
        let error =
            read_bounded(Path::new("/dev/zero"), MAX_REFERENCED_FILE_BYTES, Accept::RegularFiles, "certificate")
                .unwrap_err();
        assert_eq!(error.to_string(), "it is a character device, not a regular file");
        let error = read_bounded(dir.path(), 10, Accept::RegularFiles, "certificate").unwrap_err();
        assert_eq!(error.to_string(), "it is a directory, not a regular file");
    }

    #[test]
    fn issue13_3_reads_are_capped_and_kubeconfig_streams_are_allowed_up_to_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        fs::write(&big, vec![b'a'; 2048]).unwrap();
        let error = read_bounded(&big, 1024, Accept::RegularFiles, "referenced-file").unwrap_err();
        assert_eq!(error.to_string(), "it is larger than 1 KiB, far more than any certificate or key file");
        assert_eq!(read_bounded(&big, 2048, Accept::RegularFiles, "x").unwrap().len(), 2048);
        // /dev/zero never ends: the cap stops it.
        let error = read_bounded(Path::new("/dev/zero"), 1 << 20, Accept::Streams, "kubeconfig").unwrap_err();
        assert!(matches!(error, ReadError::TooLarge { .. }), "{error}");
        assert!(read_bounded(Path::new("/dev/null"), 1 << 20, Accept::Streams, "kubeconfig").unwrap().is_empty());
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::write(fifo, "current-context: x\n").unwrap())
        };
        assert_eq!(read_bounded(&fifo, 1 << 20, Accept::Streams, "kubeconfig").unwrap(), b"current-context: x\n");
        writer.join().unwrap();
    }

    #[test]
    fn issue13_1_an_owned_file_read_refuses_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        fs::write(&real, "{}").unwrap();
        let link = dir.path().join("entry.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let error = read_owned_file(&link, 1024, "cache-entry").unwrap_err();
        assert_eq!(error.to_string(), "it is a symbolic link, not a regular file");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o644)).unwrap();
        let read = read_owned_file(&real, 1024, "cache-entry").unwrap();
        assert_eq!((read.bytes.as_slice(), read.mode), (b"{}".as_slice(), 0o644));
    }

    #[test]
    fn issue13_1_a_private_directory_is_tightened_and_a_symlink_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache/kubectl-ack");
        assert_eq!(ensure_private_dir(&cache).unwrap(), None);
        assert_eq!(mode_of(&cache), 0o700);
        fs::set_permissions(&cache, fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(ensure_private_dir(&cache).unwrap(), Some(0o755));
        assert_eq!(mode_of(&cache), 0o700);
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        let link = dir.path().join("cache/linked");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        let error = ensure_private_dir(&link).unwrap_err();
        assert_eq!(error.to_string(), "it is a symbolic link, not a directory");
    }

    #[test]
    fn issue13_1_a_symlink_at_the_lock_path_is_not_a_lock_and_fails_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, FileLock::lock_path(&file)).unwrap();
        let started = Instant::now();
        let error = FileLock::acquire(&file, Duration::from_secs(10)).unwrap_err();
        assert!(matches!(error, LockError::NotALock { kind: "symlink", .. }), "{error}");
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(FileLock::wait_until_free(&file, Duration::from_millis(10)), "a symlink is not a held lock");
    }

    #[test]
    fn issue13_5_one_file_under_several_spellings_has_one_identity() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        fs::write(&file, "").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("config", &link).unwrap();
        let dotted = dir.path().join(".").join("sub/../config");
        fs::create_dir(dir.path().join("sub")).unwrap();
        assert_eq!(file_identity(&file), file_identity(&link));
        assert_eq!(file_identity(&file), file_identity(&dotted));
        let missing = dir.path().join("missing");
        assert_eq!(file_identity(&missing), file_identity(&dir.path().join("./sub/../missing")));
        assert_ne!(file_identity(&missing), file_identity(&file));
    }

    #[test]
    fn a_second_writer_waits_for_the_lock_then_gets_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        let first = FileLock::acquire(&file, Duration::from_millis(10)).unwrap();
        let waiter = {
            let file = file.clone();
            std::thread::spawn(move || FileLock::acquire(&file, Duration::from_secs(10)).map(|_| Instant::now()))
        };
        std::thread::sleep(Duration::from_millis(200));
        let released = Instant::now();
        drop(first);
        let acquired = waiter.join().unwrap().expect("the waiting writer got the lock");
        assert!(acquired >= released, "the second writer got in while the first still held the lock");
        assert!(!FileLock::lock_path(&file).exists(), "the lock was not released");
    }

    #[test]
    fn a_stale_lock_gives_a_clear_message_naming_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        fs::write(FileLock::lock_path(&file), "").unwrap();
        let error = FileLock::acquire(&file, Duration::from_millis(100)).unwrap_err();
        let message = error.to_string();
        assert!(message.contains(&format!("{}.lock", file.display())), "{message}");
        assert!(message.contains("has been held for"), "{message}");
    }

    #[test]
    fn temp_files_of_dead_writers_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        fs::write(&file, "a: 1\n").unwrap();
        // pid 0 is never a writer's; u32::MAX - 1 is above any pid_max.
        let dead = [".config.kubectl-ack-0-0.tmp", ".config.kubectl-ack-4294967294-3.tmp"];
        let kept = [".other.kubectl-ack-0-0.tmp", ".config.kubectl-ack-0-0.tmp.bak", "config.lock"];
        for name in dead.iter().chain(&kept) {
            fs::write(dir.path().join(name), "partial").unwrap();
        }
        let live = format!(".config.kubectl-ack-{}-99.tmp", std::process::id());
        fs::write(dir.path().join(&live), "mine").unwrap();
        assert_eq!(remove_dead_writers_temp_files(&file).unwrap(), 2);
        let mut left: Vec<String> =
            fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        let mut expected: Vec<String> = kept.iter().map(|s| s.to_string()).chain([live, "config".into()]).collect();
        expected.sort();
        assert_eq!(left, expected);
    }

    #[test]
    fn a_lock_is_found_with_its_writers_pid_and_age() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        assert_eq!(FileLock::find(&file).unwrap(), None);
        let held = FileLock::acquire(&file, Duration::from_millis(10)).unwrap();
        let found = FileLock::find(&file).unwrap().expect("the lock is there");
        assert_eq!((found.path, found.pid), (FileLock::lock_path(&file), Some(std::process::id())));
        assert!(found.modified.elapsed().unwrap_or_default() < Duration::from_secs(60));
        drop(held);
        fs::write(FileLock::lock_path(&file), "").unwrap();
        assert_eq!(FileLock::find(&file).unwrap().unwrap().pid, None, "client-go's empty lock has no pid");
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn this_process_is_alive_and_an_impossible_pid_is_not() {
        assert_eq!(process_is_alive(std::process::id()), Some(true));
        assert_eq!(process_is_alive(u32::MAX - 1), Some(false));
    }

    #[test]
    fn private_directories_are_0700() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("home/.kube");
        create_private_dir_all(&nested).unwrap();
        assert_eq!(mode_of(&nested), 0o700);
        assert_eq!(mode_of(&dir.path().join("home")), 0o700);
    }
}
