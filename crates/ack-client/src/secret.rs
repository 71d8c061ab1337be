//! Secrets that must never be printed, and the credentials that carry them.

use std::fmt;

use time::{Duration, OffsetDateTime};

/// An AccessKey secret, an STS security token or an OIDC token.
///
/// `Debug` and `Display` print `[redacted]`; the value is reachable only through [`Secret::expose`],
/// which the signer and the STS client call, and nothing else in this crate should.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value. Never format it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_string())
    }
}

/// How long before expiry STS-derived credentials are refreshed: the official SDKs' 180 seconds.
pub(crate) const REFRESH_MARGIN: Duration = Duration::seconds(180);

/// An Alibaba Cloud identity: a long-term AccessKey pair, or STS credentials (with a token and an expiry).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Not secret: it is sent in clear in every `Authorization` header.
    pub access_key_id: String,
    pub access_key_secret: Secret,
    pub security_token: Option<Secret>,
    pub expiration: Option<OffsetDateTime>,
}

impl Credentials {
    /// A long-term AccessKey pair.
    pub fn access_key(access_key_id: impl Into<String>, access_key_secret: impl Into<Secret>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
            expiration: None,
        }
    }

    /// Whether these credentials should be fetched again: under 3 minutes left (never for long-term keys).
    pub fn needs_refresh(&self, now: OffsetDateTime) -> bool {
        self.expiration.is_some_and(|expiration| expiration - now < REFRESH_MARGIN)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .field("security_token", &self.security_token)
            .field("expiration", &self.expiration)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("hunter2-very-secret");
        assert_eq!(format!("{secret}"), "[redacted]");
        assert_eq!(format!("{secret:?}"), "[redacted]");
        assert_eq!(secret.expose(), "hunter2-very-secret");
    }

    #[test]
    fn credentials_debug_hides_secret_and_token() {
        let credentials = Credentials {
            access_key_id: "LTAIexample".into(),
            access_key_secret: "the-secret-value".into(),
            security_token: Some("the-sts-token".into()),
            expiration: None,
        };
        let debug = format!("{credentials:?} {credentials:#?}");
        assert!(debug.contains("LTAIexample"));
        assert!(!debug.contains("the-secret-value"));
        assert!(!debug.contains("the-sts-token"));
    }

    #[test]
    fn refresh_when_under_three_minutes_remain() {
        let now = datetime!(2026-01-01 12:00 UTC);
        let mut credentials = Credentials::access_key("id", "secret");
        assert!(!credentials.needs_refresh(now));
        credentials.expiration = Some(now + Duration::seconds(181));
        assert!(!credentials.needs_refresh(now));
        credentials.expiration = Some(now + Duration::seconds(179));
        assert!(credentials.needs_refresh(now));
    }
}
