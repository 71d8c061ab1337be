//! The exec plugin's certificate cache: `~/.kube/cache/kubectl-ack/` (0700), one file (0600) per
//! cluster, access type and account/profile, written atomically, with a lock per entry so that N
//! kubectl processes starting at once cause one API call, not N.
//!
//! The entries hold private keys and the directory is this tool's alone: a directory that is a
//! symlink or another user's is not used, a looser mode is tightened to 0700 (with a note), an
//! entry is never read or written through a symlink, and one with a looser mode is rewritten 0600.
//! Existing parents (`~/.kube/cache` is kubectl's too) are left as they are; missing ones are
//! created 0700.

use crate::t;
use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::ack::Access;
use crate::fsutil::{self, FileLock, IfExists, LockError, ReadError};

/// How long a kubectl call waits for another that is fetching the same certificate.
const LOCK_TIMEOUT: Duration = Duration::from_secs(60);
/// An entry is a certificate and its key as JSON: a few KiB.
const MAX_ENTRY_BYTES: u64 = 64 << 10;

/// What identifies one cached certificate. Secrets never go in: only names and the AccessKey ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheKey {
    pub cluster_id: String,
    pub access: Access,
    pub temporary_minutes: u32,
    /// Everything else that decides which account the certificate is for: profile, region, endpoint,
    /// AccessKey ID. Hashed into the file name.
    pub account: Vec<String>,
}

impl CacheKey {
    pub fn file_name(&self) -> String {
        let cluster: String =
            self.cluster_id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(64).collect();
        let identity = format!("{}\u{0}{}", self.temporary_minutes, self.account.join("\u{0}"));
        let digest = acs_sign::sha256_hex(identity.as_bytes());
        format!("{cluster}-{}-{}.json", self.access.as_str(), &digest[..16])
    }
}

/// One cached certificate.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CacheEntry {
    pub cluster_id: String,
    pub certificate_pem: String,
    pub key_pem: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    /// SHA-256 of the cluster's CA certificate (DER) as ACK gave it with this certificate: an entry of
    /// another cluster, copied or misplaced here, does not match the CA kubectl passes for this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_authority_sha256: Option<String>,
}

impl std::fmt::Debug for CacheEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CacheEntry")
            .field("cluster_id", &self.cluster_id)
            .field("not_after", &self.not_after)
            .field("key_pem", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl CacheEntry {
    /// When a new certificate is fetched instead: max(20% of the lifetime, 10 minutes) before expiry.
    pub fn renew_at(&self) -> OffsetDateTime {
        crate::cert::short_lived_renewal_at(self.not_before, self.not_after)
    }

    pub fn is_fresh(&self, now: OffsetDateTime) -> bool {
        now < self.renew_at()
    }
}

/// What reading an entry found.
#[derive(Debug)]
pub enum CacheLookup {
    Fresh(CacheEntry),
    /// Missing or due for renewal.
    Stale,
    /// The file is not a usable entry (garbage, truncated, a certificate that does not parse or does not
    /// go with its key, another cluster's): it is replaced.
    Damaged(String),
}

/// What the entry must be for to be served: the cluster, and its CA when kubectl said which it is
/// (`provideClusterInfo`).
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    pub cluster_id: &'a str,
    pub certificate_authority_sha256: Option<&'a str>,
}

fn judge(mut entry: CacheEntry, expected: Expected<'_>, now: OffsetDateTime) -> CacheLookup {
    if entry.cluster_id != expected.cluster_id {
        return CacheLookup::Damaged(t!("cache-damaged-other-cluster"));
    }
    let facts = match crate::cert::inspect(entry.certificate_pem.as_bytes()) {
        Ok(facts) => facts,
        Err(error) => return CacheLookup::Damaged(t!("cache-damaged-certificate", error = error.to_string())),
    };
    if crate::cert::check_key_matches(entry.certificate_pem.as_bytes(), entry.key_pem.as_bytes()).is_err() {
        return CacheLookup::Damaged(t!("cache-damaged-key"));
    }
    if let Some(expected) = expected.certificate_authority_sha256 {
        match entry.certificate_authority_sha256.as_deref() {
            Some(recorded) if recorded != expected => {
                return CacheLookup::Damaged(t!("cache-damaged-other-ca"));
            }
            // Written before the CA was recorded: fetched again once, then checked.
            None => return CacheLookup::Stale,
            Some(_) => {}
        }
    }
    (entry.not_before, entry.not_after) = (facts.not_before, facts.not_after);
    if entry.is_fresh(now) && now >= facts.not_before { CacheLookup::Fresh(entry) } else { CacheLookup::Stale }
}

/// The cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    /// Whether the directory was checked (and tightened) in this run.
    checked: Cell<bool>,
    /// What the user should hear about (a directory tightened, an entry rewritten 0600).
    notes: RefCell<Vec<String>>,
}

/// The cache could not be used; the plugin fetches without it.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("{}", t!("error-cache-dir", dir = .dir.display().to_string()))]
    Dir { dir: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("{}", t!("error-cache-write", path = .path.display().to_string()))]
    Write { path: PathBuf, source: std::io::Error },
}

impl Cache {
    /// `<home>/.kube/cache/kubectl-ack`, beside kubectl's own caches.
    pub fn in_home(home: &Path) -> Cache {
        Cache::at(home.join(".kube").join("cache").join("kubectl-ack"))
    }

    fn at(dir: PathBuf) -> Cache {
        Cache { dir, checked: Cell::new(false), notes: RefCell::default() }
    }

    pub fn path(&self, key: &CacheKey) -> PathBuf {
        self.dir.join(key.file_name())
    }

    /// The notes gathered so far, for the caller to print.
    pub fn take_notes(&self) -> Vec<String> {
        self.notes.take()
    }

    /// Creates the directory 0700, or checks the existing one is a real directory of this user and
    /// tightens it to 0700; once per run.
    fn prepare_dir(&self) -> Result<(), CacheError> {
        if self.checked.get() {
            return Ok(());
        }
        let loose = fsutil::ensure_private_dir(&self.dir)
            .map_err(|source| CacheError::Dir { dir: self.dir.clone(), source })?;
        if let Some(mode) = loose {
            self.notes.borrow_mut().push(t!(
                "cache-dir-tightened",
                dir = self.dir.display().to_string(),
                mode = format!("{mode:04o}")
            ));
        }
        self.checked.set(true);
        Ok(())
    }

    /// The entry for `key`, judged by its certificate, not by what its JSON claims: the certificate must
    /// parse, go with the key, belong to the cluster, and its own validity decides freshness. It is
    /// never read through a symlink, nor when another user owns it.
    pub fn lookup(&self, key: &CacheKey, now: OffsetDateTime, ca_sha256: Option<&str>) -> CacheLookup {
        if self.prepare_dir().is_err() {
            // Not usable: `lock` reports why, and the certificate is fetched without the cache.
            return CacheLookup::Stale;
        }
        let path = self.path(key);
        let read = match fsutil::read_owned_file(&path, MAX_ENTRY_BYTES, "cache-entry") {
            Ok(read) => read,
            Err(error) if error.is_not_found() => return CacheLookup::Stale,
            Err(error @ (ReadError::NotRegular { .. } | ReadError::TooLarge { .. })) => {
                return CacheLookup::Damaged(error.to_string());
            }
            Err(ReadError::Io(error)) => return CacheLookup::Damaged(error.to_string()),
        };
        #[cfg(unix)]
        if let Some(uid) = read.uid.filter(|uid| *uid != fsutil::effective_uid()) {
            return CacheLookup::Damaged(t!("error-foreign-owner", uid = uid));
        }
        let entry = match std::str::from_utf8(&read.bytes)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str::<CacheEntry>(text).map_err(|e| e.to_string()))
        {
            Ok(entry) => entry,
            Err(why) => return CacheLookup::Damaged(why),
        };
        let judged =
            judge(entry, Expected { cluster_id: &key.cluster_id, certificate_authority_sha256: ca_sha256 }, now);
        if matches!(judged, CacheLookup::Fresh(_))
            && read.mode & 0o077 != 0
            && self.write_entry(&path, &read.bytes).is_ok()
        {
            self.notes.borrow_mut().push(t!(
                "cache-entry-tightened",
                path = path.display().to_string(),
                mode = format!("{:04o}", read.mode)
            ));
        }
        judged
    }

    /// Takes the entry's lock (creating the directory first), waiting for a fetch in progress.
    pub fn lock(&self, key: &CacheKey) -> Result<FileLock, CacheError> {
        self.prepare_dir()?;
        Ok(FileLock::acquire(&self.path(key), LOCK_TIMEOUT)?)
    }

    pub fn store(&self, key: &CacheKey, entry: &CacheEntry) -> Result<(), CacheError> {
        self.prepare_dir()?;
        let path = self.path(key);
        let text = serde_json::to_string(entry).expect("a cache entry serialises");
        self.write_entry(&path, text.as_bytes()).map_err(|source| CacheError::Write { path, source })
    }

    /// The entry replaces whatever has its name (a planted symlink too, never its target), 0600.
    fn write_entry(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        fsutil::write_owned_file(path, bytes, fsutil::PRIVATE_FILE_MODE, IfExists::Replace)
    }

    /// Removes every entry of a cluster (after a revoke); returns how many there were.
    pub fn purge_cluster(&self, cluster_id: &str) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return 0 };
        let prefix = format!("{cluster_id}-");
        entries
            .filter_map(Result::ok)
            .filter(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                name.starts_with(&prefix) && name.ends_with(".json")
            })
            .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn key(account: &str) -> CacheKey {
        CacheKey {
            cluster_id: "c0a1b2c3d4e5f60718293a4b5c6d7e8f9".into(),
            access: Access::Public,
            temporary_minutes: 180,
            account: vec![account.into()],
        }
    }

    fn entry(not_before: OffsetDateTime, not_after: OffsetDateTime) -> CacheEntry {
        CacheEntry {
            cluster_id: "c0a1b2c3d4e5f60718293a4b5c6d7e8f9".into(),
            certificate_pem: "CERT".into(),
            key_pem: "KEY".into(),
            not_before,
            not_after,
            certificate_authority_sha256: None,
        }
    }

    /// An entry holding a real certificate valid from `not_before` to `not_after`, with its key.
    fn real_entry(not_before: OffsetDateTime, not_after: OffsetDateTime) -> CacheEntry {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::default();
        params.not_before = not_before;
        params.not_after = not_after;
        let certificate_pem = params.self_signed(&key).unwrap().pem();
        CacheEntry { certificate_pem, key_pem: key.serialize_pem(), ..entry(not_before, not_after) }
    }

    #[test]
    fn renewal_comes_at_a_fifth_of_the_lifetime_or_ten_minutes_before_expiry() {
        let three_hours = entry(datetime!(2026-11-23 12:00 UTC), datetime!(2026-11-23 15:00 UTC));
        assert_eq!(three_hours.renew_at(), datetime!(2026-11-23 14:24 UTC));
        let fifteen_minutes = entry(datetime!(2026-11-23 12:00 UTC), datetime!(2026-11-23 12:15 UTC));
        assert_eq!(fifteen_minutes.renew_at(), datetime!(2026-11-23 12:05 UTC));
        assert!(fifteen_minutes.is_fresh(datetime!(2026-11-23 12:04:59 UTC)));
        assert!(!fifteen_minutes.is_fresh(datetime!(2026-11-23 12:05 UTC)));
    }

    #[test]
    fn file_names_differ_by_account_and_access_and_hold_no_secret() {
        assert_ne!(key("profile-a").file_name(), key("profile-b").file_name());
        let mut private = key("profile-a");
        private.access = Access::Private;
        assert_ne!(private.file_name(), key("profile-a").file_name());
        assert!(key("LTAIsecret-looking").file_name().starts_with("c0a1b2c3d4e5f60718293a4b5c6d7e8f9-public-"));
        assert!(!key("LTAIsecret-looking").file_name().contains("LTAI"));
    }

    #[test]
    fn entries_round_trip_and_garbage_is_reported_as_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("cache"));
        let now = datetime!(2026-11-23 12:01 UTC);
        assert!(matches!(cache.lookup(&key("p"), now, None), CacheLookup::Stale));
        cache.store(&key("p"), &real_entry(datetime!(2026-11-23 12:00 UTC), datetime!(2026-11-23 15:00 UTC))).unwrap();
        assert!(matches!(cache.lookup(&key("p"), now, None), CacheLookup::Fresh(_)));
        std::fs::write(cache.path(&key("p")), "{not json").unwrap();
        assert!(matches!(cache.lookup(&key("p"), now, None), CacheLookup::Damaged(_)));
        assert_eq!(cache.purge_cluster("c0a1b2c3d4e5f60718293a4b5c6d7e8f9"), 1);
        assert!(!format!("{:?}", entry(now, now)).contains("KEY"));
    }

    /// Issue 13, item 12: the entry's JSON is not trusted; its certificate is.
    #[test]
    fn freshness_comes_from_the_certificate_and_bad_entries_are_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("cache"));
        let now = datetime!(2026-11-23 12:01 UTC);
        let judged = |entry: &CacheEntry, ca: Option<&str>| {
            cache.store(&key("p"), entry).unwrap();
            cache.lookup(&key("p"), now, ca)
        };
        // The JSON claims a year; the certificate expired in 1960.
        let mut expired = real_entry(datetime!(1960-01-01 0:00 UTC), datetime!(1960-01-02 0:00 UTC));
        expired.not_after = datetime!(2027-11-23 12:00 UTC);
        assert!(matches!(judged(&expired, None), CacheLookup::Stale));
        let garbage = entry(datetime!(2026-11-23 12:00 UTC), datetime!(2027-11-23 12:00 UTC));
        assert!(matches!(judged(&garbage, None), CacheLookup::Damaged(why) if why.contains("cannot be read")));
        let fresh = real_entry(datetime!(2026-11-23 12:00 UTC), datetime!(2026-11-23 15:00 UTC));
        let other_key = CacheEntry { key_pem: rcgen::KeyPair::generate().unwrap().serialize_pem(), ..fresh.clone() };
        assert!(matches!(judged(&other_key, None), CacheLookup::Damaged(why) if why.contains("key")));
        let with_ca = CacheEntry { certificate_authority_sha256: Some("aa".into()), ..fresh.clone() };
        assert!(matches!(judged(&with_ca, Some("aa")), CacheLookup::Fresh(_)));
        assert!(matches!(judged(&with_ca, Some("bb")), CacheLookup::Damaged(why) if why.contains("another cluster")));
        assert!(matches!(judged(&fresh, Some("aa")), CacheLookup::Stale), "an entry without a CA is fetched again");
        let not_yet = real_entry(datetime!(2026-11-23 13:00 UTC), datetime!(2026-11-23 16:00 UTC));
        assert!(matches!(judged(&not_yet, None), CacheLookup::Stale));
    }

    #[cfg(unix)]
    fn mode_of(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    #[cfg(unix)]
    fn issue13_1_a_symlink_planted_at_a_cache_entry_is_neither_read_nor_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("cache"));
        let now = datetime!(2026-11-23 12:01 UTC);
        let fresh = real_entry(datetime!(2026-11-23 12:00 UTC), datetime!(2026-11-23 15:00 UTC));
        let victim = dir.path().join("victim");
        std::fs::write(&victim, serde_json::to_string(&fresh).unwrap()).unwrap();
        std::fs::create_dir_all(dir.path().join("cache")).unwrap();
        std::os::unix::fs::symlink(&victim, cache.path(&key("p"))).unwrap();
        assert!(
            matches!(cache.lookup(&key("p"), now, None), CacheLookup::Damaged(why) if why.contains("symbolic link"))
        );
        cache.store(&key("p"), &fresh).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), serde_json::to_string(&fresh).unwrap());
        let path = cache.path(&key("p"));
        assert!(std::fs::symlink_metadata(&path).unwrap().is_file(), "the link is still there");
        assert_eq!(mode_of(&path), 0o600);
        assert!(matches!(cache.lookup(&key("p"), now, None), CacheLookup::Fresh(_)));
    }

    #[test]
    #[cfg(unix)]
    fn issue13_1_a_loose_cache_directory_is_tightened_and_a_loose_entry_rewritten_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join("cache");
        let now = datetime!(2026-11-23 12:01 UTC);
        Cache::at(cache_dir.clone())
            .store(&key("p"), &real_entry(datetime!(2026-11-23 12:00 UTC), datetime!(2026-11-23 15:00 UTC)))
            .unwrap();
        std::fs::set_permissions(&cache_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let cache = Cache::at(cache_dir.clone());
        std::fs::set_permissions(cache.path(&key("p")), std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(cache.lookup(&key("p"), now, None), CacheLookup::Fresh(_)));
        assert_eq!(mode_of(&cache_dir), 0o700);
        assert_eq!(mode_of(&cache.path(&key("p"))), 0o600);
        let notes = cache.take_notes();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("had mode 0755; it is now 0700"), "{notes:?}");
        assert!(notes[1].contains("had mode 0644; it was rewritten with mode 0600"), "{notes:?}");
    }

    #[test]
    #[cfg(unix)]
    fn issue13_1_a_cache_directory_that_is_a_symlink_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.path().join("cache")).unwrap();
        let cache = Cache::at(dir.path().join("cache"));
        let error = cache
            .store(&key("p"), &real_entry(datetime!(2026-11-23 12:00 UTC), datetime!(2026-11-23 15:00 UTC)))
            .unwrap_err();
        assert!(matches!(error, CacheError::Dir { .. }), "{error:?}");
        assert!(cache.lock(&key("p")).is_err());
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0, "written into the link's target");
    }
}
