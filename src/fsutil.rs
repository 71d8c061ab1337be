//! Safe file writing shared by every command that writes: the `<file>.lock` convention of
//! kubectl/client-go with a bounded wait, and atomic replacement (temp file in the same
//! directory, fsync, rename) that keeps an existing file's mode and writes through symlinks.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
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
    #[error("{} is locked: {} has been held for {}", file.display(), lock.display(), crate::duration::two_largest_units(*held_for))]
    Busy { file: PathBuf, lock: PathBuf, held_for: Duration },
    #[error("cannot create the lock file {}", lock.display())]
    Create { lock: PathBuf, source: io::Error },
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
        while lock.exists() {
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

/// What an atomic write did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The file written (the symlink's target when the path was a symlink).
    pub path: PathBuf,
    pub created: bool,
    /// The mode of an existing file that others can read (kept, but worth a warning).
    pub readable_by_others: Option<u32>,
}

/// Replaces `path` with `contents` atomically: readers see the old file or the new one, never a
/// mix, even if this process dies half-way. A new file gets `new_file_mode`; an existing one
/// keeps its mode. A symlink is written through to its target.
pub fn write_atomically(path: &Path, contents: &[u8], new_file_mode: u32) -> io::Result<Written> {
    let target = symlink_target(path)?;
    let existing_mode = existing_mode(&target)?;
    let mode = existing_mode.unwrap_or(new_file_mode);
    let temp = temp_path_beside(&target);
    let result = (|| {
        let mut file = create_new(&temp, mode)?;
        set_exact_mode(&temp, mode)?;
        file.write_all(contents)?;
        file.sync_all()?;
        drop(file);
        test_pause_before_rename();
        fs::rename(&temp, &target)
    })();
    if let Err(error) = result {
        let _ = fs::remove_file(&temp);
        return Err(error);
    }
    sync_directory(&target);
    let readable_by_others = existing_mode.filter(|mode| mode & 0o077 != 0);
    Ok(Written { path: target, created: existing_mode.is_none(), readable_by_others })
}

/// Creates a new file holding `contents`, mode 0600, failing if anything (a file, a symlink) is already at
/// `path`: O_EXCL never follows a link, so a planted one cannot redirect the write. For copies the tool
/// keeps (backups).
pub fn create_private_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    let result = (|| {
        let mut file = create_new(path, PRIVATE_FILE_MODE)?;
        set_exact_mode(path, PRIVATE_FILE_MODE)?;
        file.write_all(contents)?;
        file.sync_all()
    })();
    if result.is_err() && !matches!(&result, Err(error) if error.kind() == io::ErrorKind::AlreadyExists) {
        let _ = fs::remove_file(path);
    }
    result
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
    Err(io::Error::other(format!("too many levels of symbolic links at {}", path.display())))
}

fn existing_mode(path: &Path) -> io::Result<Option<u32>> {
    match fs::metadata(path) {
        Ok(meta) => Ok(Some(permission_bits(&meta))),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
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

/// The umask may have taken bits away at creation; the file must have exactly the mode intended.
fn set_exact_mode(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
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

fn temp_path_beside(target: &Path) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = target.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let unique = format!(".{name}.kubectl-ack-{}-{}.tmp", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
    target.with_file_name(unique)
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
