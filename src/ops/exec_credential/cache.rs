//! The exec plugin's certificate cache: `~/.kube/cache/kubectl-ack/` (0700), one file (0600) per
//! cluster, access type and account/profile, written atomically, with a lock per entry so that N
//! kubectl processes starting at once cause one API call, not N.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::ack::Access;
use crate::fsutil::{self, FileLock, LockError};

/// How long a kubectl call waits for another that is fetching the same certificate.
const LOCK_TIMEOUT: Duration = Duration::from_secs(60);

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
        return CacheLookup::Damaged("it names another cluster".into());
    }
    let facts = match crate::cert::inspect(entry.certificate_pem.as_bytes()) {
        Ok(facts) => facts,
        Err(error) => return CacheLookup::Damaged(format!("its certificate cannot be read: {error}")),
    };
    if crate::cert::check_key_matches(entry.certificate_pem.as_bytes(), entry.key_pem.as_bytes()).is_err() {
        return CacheLookup::Damaged("its key does not belong to its certificate".into());
    }
    if let Some(expected) = expected.certificate_authority_sha256 {
        match entry.certificate_authority_sha256.as_deref() {
            Some(recorded) if recorded != expected => {
                return CacheLookup::Damaged("it holds a certificate of another cluster (its CA differs)".into());
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
}

/// The cache could not be used; the plugin fetches without it.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("cannot create the cache directory {}", dir.display())]
    CreateDir { dir: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("cannot write the cache entry {}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

impl Cache {
    /// `<home>/.kube/cache/kubectl-ack`, beside kubectl's own caches.
    pub fn in_home(home: &Path) -> Cache {
        Cache { dir: home.join(".kube").join("cache").join("kubectl-ack") }
    }

    pub fn path(&self, key: &CacheKey) -> PathBuf {
        self.dir.join(key.file_name())
    }

    /// The entry for `key`, judged by its certificate, not by what its JSON claims: the certificate must
    /// parse, go with the key, belong to the cluster, and its own validity decides freshness.
    pub fn lookup(&self, key: &CacheKey, now: OffsetDateTime, ca_sha256: Option<&str>) -> CacheLookup {
        let text = match std::fs::read_to_string(self.path(key)) {
            Ok(text) => text,
            Err(_) => return CacheLookup::Stale,
        };
        let entry = match serde_json::from_str::<CacheEntry>(&text) {
            Ok(entry) => entry,
            Err(error) => return CacheLookup::Damaged(error.to_string()),
        };
        judge(entry, Expected { cluster_id: &key.cluster_id, certificate_authority_sha256: ca_sha256 }, now)
    }

    /// Takes the entry's lock (creating the directory first), waiting for a fetch in progress.
    pub fn lock(&self, key: &CacheKey) -> Result<FileLock, CacheError> {
        fsutil::create_private_dir_all(&self.dir)
            .map_err(|source| CacheError::CreateDir { dir: self.dir.clone(), source })?;
        Ok(FileLock::acquire(&self.path(key), LOCK_TIMEOUT)?)
    }

    pub fn store(&self, key: &CacheKey, entry: &CacheEntry) -> Result<(), CacheError> {
        fsutil::create_private_dir_all(&self.dir)
            .map_err(|source| CacheError::CreateDir { dir: self.dir.clone(), source })?;
        let path = self.path(key);
        let text = serde_json::to_string(entry).expect("a cache entry serialises");
        fsutil::write_atomically(&path, text.as_bytes(), fsutil::PRIVATE_FILE_MODE)
            .map_err(|source| CacheError::Write { path, source })?;
        Ok(())
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
        let cache = Cache { dir: dir.path().join("cache") };
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
        let cache = Cache { dir: dir.path().join("cache") };
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
}
