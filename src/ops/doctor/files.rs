//! The kubeconfig files in force: that they read, that the context is in them, that no one else can read
//! them (they hold private keys), and that no `<file>.lock` left behind blocks every writer.

use std::path::Path;
use std::time::Duration;

use time::OffsetDateTime;

use super::report::{Check, CheckName, Finding};
use crate::Machine;
use crate::both;
use crate::fsutil::{self, FileLock, FoundLock};
use crate::i18n::Bilingual;
use crate::kubeconfig::{ContextError, KubeconfigPaths, LoadError, ResolvedContext};
use crate::ops::error::{context_hint, load_hint};
use crate::ops::shown;

/// Writers hold a lock for milliseconds (and wait at most `KUBECTL_ACK_LOCK_TIMEOUT` for one): a lock older
/// than this was left by a writer that died.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// The context asked for, or why there is none.
pub(super) enum ContextLookup<'a, 'c> {
    Unreadable(&'a LoadError),
    NoContext(&'a ContextError),
    Found(&'a ResolvedContext<'c>),
}

pub(super) fn check(paths: &KubeconfigPaths, lookup: ContextLookup<'_, '_>, machine: &Machine) -> Check {
    let mut findings: Vec<Finding> = paths.files().iter().flat_map(|file| file_findings(file, machine)).collect();
    if !paths.files().iter().any(|file| file.exists()) {
        let files: Vec<String> = paths.files().iter().map(|file| shown(file, machine)).collect();
        findings.push(Finding::fail(
            both!("doctor-no-kubeconfig", files = files.join(", ")),
            Some(both!("doctor-no-kubeconfig-fix")),
        ));
        return Check::new(CheckName::Kubeconfig, findings);
    }
    findings.push(match lookup {
        ContextLookup::Unreadable(error) => Finding::from_error(error, || Some(load_hint(error))),
        ContextLookup::NoContext(error) => Finding::from_error(error, || context_hint(error)),
        ContextLookup::Found(resolved) => Finding::pass(both!(
            "doctor-context-defined",
            context = resolved.name(),
            file = shown(resolved.context.file, machine)
        )),
    });
    Check::new(CheckName::Kubeconfig, findings)
}

/// Mode and lock of one file; one line when both are fine. A missing file can still be locked (a writer
/// died creating it), which blocks its creation.
fn file_findings(file: &Path, machine: &Machine) -> Vec<Finding> {
    let shown_file = shown(file, machine);
    let exists = file.exists();
    let mut findings = Vec::new();
    let mode = file_mode(file);
    if let Some(finding) = mode.and_then(|mode| readable_by_others(file, &shown_file, mode)) {
        findings.push(finding);
    }
    match FileLock::find(file) {
        Ok(Some(lock)) => findings.push(lock_finding(&lock, &shown_file, machine)),
        Ok(None) => {}
        Err(error) => findings.push(Finding::warn(
            both!("doctor-lock-unchecked", file = shown_file.as_str(), error = error.to_string()),
            both!("doctor-lock-unchecked-fix"),
        )),
    }
    if findings.is_empty() && exists {
        findings.push(Finding::pass(match mode {
            Some(mode) => both!("doctor-file-fine-mode", file = shown_file.as_str(), mode = format!("{mode:04o}")),
            None => both!("doctor-file-fine", file = shown_file.as_str()),
        }));
    }
    findings
}

#[cfg(unix)]
fn file_mode(file: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(file).ok().map(|meta| meta.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn file_mode(_file: &Path) -> Option<u32> {
    None
}

/// Every user on the machine may read it: a failure. Only its group: a warning (often the user's own).
fn readable_by_others(file: &Path, shown_file: &str, mode: u32) -> Option<Finding> {
    let fix =
        Bilingual::verbatim(crate::output::command_line(&["chmod", "600"], [file.display().to_string().as_str()]));
    let shown_mode = format!("{mode:04o}");
    if mode & 0o004 != 0 {
        Some(Finding::fail(
            both!("doctor-file-world-readable", file = shown_file, mode = shown_mode.as_str()),
            Some(fix),
        ))
    } else if mode & 0o040 != 0 {
        Some(Finding::warn(both!("doctor-file-group-readable", file = shown_file, mode = shown_mode.as_str()), fix))
    } else {
        None
    }
}

/// How a lock left on disk looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LockState {
    /// Young, and its writer (if known) is running: a write is under way.
    InUse,
    /// Its writer is gone, or it is too old to belong to a write.
    Stale,
}

fn classify_lock(age: Duration, writer_running: Option<bool>) -> LockState {
    if writer_running == Some(false) || age >= STALE_AFTER { LockState::Stale } else { LockState::InUse }
}

fn lock_finding(lock: &FoundLock, shown_file: &str, machine: &Machine) -> Finding {
    let age = age_of(lock.modified, machine.now);
    let running = lock.pid.and_then(fsutil::process_is_alive);
    let shown_lock = shown(&lock.path, machine);
    let remove = crate::output::command_line(&["rm"], [lock.path.display().to_string().as_str()]);
    // The writer: "gone" (a pid that no longer runs), "known" (a pid), "unknown" (client-go's empty lock).
    let (writer, pid) = match (lock.pid, running) {
        (Some(pid), Some(false)) => ("gone", pid),
        (Some(pid), _) => ("known", pid),
        (None, _) => ("unknown", 0),
    };
    let when = crate::output::short_duration(age);
    let (lock_shown, file) = (shown_lock.as_str(), shown_file);
    match classify_lock(age, running) {
        LockState::Stale => Finding::fail(
            both!(
                "doctor-lock-stale",
                lock = lock_shown,
                when = when.as_str(),
                writer = writer,
                pid = pid,
                file = file
            ),
            Some(Bilingual::verbatim(remove)),
        ),
        LockState::InUse => Finding::warn(
            both!(
                "doctor-lock-in-use",
                lock = lock_shown,
                when = when.as_str(),
                writer = writer,
                pid = pid,
                file = file
            ),
            both!("doctor-lock-in-use-fix", command = remove.as_str()),
        ),
    }
}

/// How long ago `modified` was, by the injected clock (a time in the future counts as just now).
fn age_of(modified: std::time::SystemTime, now: OffsetDateTime) -> Duration {
    let age = now - OffsetDateTime::from(modified);
    if age.is_negative() { Duration::ZERO } else { age.unsigned_abs() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_young_lock_of_a_running_writer_is_in_use_and_anything_else_stale() {
        let seconds = Duration::from_secs;
        assert_eq!(classify_lock(seconds(2), Some(true)), LockState::InUse);
        assert_eq!(classify_lock(seconds(2), None), LockState::InUse, "client-go's empty lock: age decides");
        assert_eq!(classify_lock(seconds(2), Some(false)), LockState::Stale, "its writer is gone");
        assert_eq!(classify_lock(seconds(60), None), LockState::Stale);
        assert_eq!(classify_lock(seconds(3600), Some(true)), LockState::Stale, "no write takes an hour");
    }

    #[test]
    fn only_others_permissions_are_flagged() {
        let path = Path::new("/home/u/.kube/config");
        assert_eq!(readable_by_others(path, "~/.kube/config", 0o600), None);
        assert_eq!(readable_by_others(path, "~/.kube/config", 0o700), None);
        let group = readable_by_others(path, "~/.kube/config", 0o640).unwrap();
        assert_eq!(group.status, crate::output::Verdict::Warn);
        let world = readable_by_others(path, "~/.kube/config", 0o644).unwrap();
        assert_eq!(world.status, crate::output::Verdict::Fail);
        assert_eq!(world.fix.map(|fix| fix.local().to_string()).as_deref(), Some("chmod 600 /home/u/.kube/config"));
    }

    #[test]
    fn a_lock_from_the_future_is_just_now() {
        let now = OffsetDateTime::now_utc();
        let later = std::time::SystemTime::from(now + time::Duration::minutes(5));
        assert_eq!(age_of(later, now), Duration::ZERO);
    }
}
