//! Time and nonces, injected so that a signed request is reproducible in a test.

use time::OffsetDateTime;

/// Where "now" comes from: the `x-acs-date` header, STS timestamps and credential expiry checks.
pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock stopped at one instant, for tests.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

/// Where `x-acs-signature-nonce` / `SignatureNonce` values come from. Every call must return a new value
/// in production: the service refuses a reused nonce (`SignatureNonceUsed`).
pub trait NonceSource: Send + Sync {
    fn nonce(&self) -> String;
}

/// 16 random bytes from the OS, as 32 hex digits (the SDKs send an md5-sized hex string).
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomNonce;

impl NonceSource for RandomNonce {
    fn nonce(&self) -> String {
        let mut bytes = [0u8; 16];
        fill_random(&mut bytes);
        bytes.iter().map(|byte| format!("{byte:02x}")).collect()
    }
}

/// The same nonce every time, for tests only.
#[derive(Debug, Clone)]
pub struct FixedNonce(pub String);

impl NonceSource for FixedNonce {
    fn nonce(&self) -> String {
        self.0.clone()
    }
}

/// Fills `bytes` from the OS generator. Should it ever fail, fall back to the clock's nanoseconds mixed
/// with an address: nonces only need to be unique, not secret, and a panic is never acceptable here.
pub(crate) fn fill_random(bytes: &mut [u8]) {
    if getrandom::fill(bytes).is_ok() {
        return;
    }
    let mut seed = OffsetDateTime::now_utc().unix_timestamp_nanos() as u64 ^ (bytes.as_ptr() as u64);
    for byte in bytes.iter_mut() {
        // xorshift64
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        *byte = seed as u8;
    }
}

/// A random `u64`, used for retry jitter.
pub(crate) fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    fill_random(&mut bytes);
    u64::from_le_bytes(bytes)
}

/// `yyyy-MM-ddTHH:mm:ssZ` in UTC: the format of `x-acs-date` and of the RPC `Timestamp`.
pub(crate) fn format_acs_date(at: OffsetDateTime) -> String {
    let utc = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
}

/// Parses an RFC 3339 timestamp (`2024-03-10T09:56:17Z`, `2020-08-20T10:51:29+08:00`).
pub(crate) fn parse_rfc3339(value: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(value.trim(), &time::format_description::well_known::Rfc3339).ok()
}

/// Parses an HTTP `Date` header: IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7), the only
/// form servers may send.
pub(crate) fn parse_http_date(value: &str) -> Option<OffsetDateTime> {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::PrimitiveDateTime::parse(value.trim(), format).ok().map(time::PrimitiveDateTime::assume_utc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn acs_date_is_utc_with_z() {
        assert_eq!(format_acs_date(datetime!(2023-10-26 18:22:32 +08:00)), "2023-10-26T10:22:32Z");
    }

    #[test]
    fn random_nonces_differ_and_are_hex() {
        let (a, b) = (RandomNonce.nonce(), RandomNonce.nonce());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn rfc3339_parses_z_and_offsets() {
        assert_eq!(parse_rfc3339("2024-03-10T09:56:17Z"), Some(datetime!(2024-03-10 09:56:17 UTC)));
        assert_eq!(parse_rfc3339("2020-08-20T10:51:29+08:00"), Some(datetime!(2020-08-20 02:51:29 UTC)));
        assert_eq!(parse_rfc3339("yesterday"), None);
    }

    #[test]
    fn http_dates_parse_as_utc() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(datetime!(1994-11-06 08:49:37 UTC)));
        assert_eq!(parse_http_date("Tue, 24 Nov 2026 09:56:17 GMT"), Some(datetime!(2026-11-24 09:56:17 UTC)));
        for other in ["Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "2026-11-24T09:56:17Z", ""] {
            assert_eq!(parse_http_date(other), None, "{other}");
        }
    }
}
