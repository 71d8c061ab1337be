//! Source 6 (and the aliyun CLI's CredentialsURI mode): a URL that answers
//! `{"AccessKeyId","AccessKeySecret","SecurityToken","Expiration"}`.
//!
//! The URI's path and query may carry a secret (a token in the query, a key in the path), so verbose
//! lines, errors and `Debug` show it as `scheme://host[:port]` only.

use std::fmt;

use reqwest::Url;

use super::sts::StsCredentials;
use super::{Detected, FetchContext, Problem, Provider, config_error, exchange};
use crate::endpoint::{origin, parse_base_url};
use crate::env::{self, Environment};
use crate::error::{Error, decode_answer, unexpected};
use crate::secret::Credentials;

const URI: &str = "ALIBABA_CLOUD_CREDENTIALS_URI";

pub(crate) fn detect(environment: &dyn Environment) -> Detected {
    match env::get(environment, URI) {
        None => Detected::Unset(format!("{URI} not set")),
        Some(uri) => Detected::from_result("credentials URI".to_string(), provider(&uri).map_err(Problem::from)),
    }
}

/// A credentials URI whose `Debug` shows its origin only.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct CredentialsUri(Url);

impl CredentialsUri {
    /// `scheme://host[:port]`, what messages show.
    pub fn shown(&self) -> String {
        origin(&self.0)
    }
}

impl fmt::Debug for CredentialsUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CredentialsUri({})", self.shown())
    }
}

pub(crate) fn provider(uri: &str) -> Result<Provider, Error> {
    // The official SDKs use the URI as written, and one with spaces around it fails to parse there.
    if uri.trim() != uri {
        let reason = "the URI has leading or trailing whitespace, which the official SDKs keep (and then cannot use)";
        return Err(config_error("credentials URI", reason));
    }
    parse_base_url(uri, "credentials URI").map(|url| Provider::Uri(CredentialsUri(url))).map_err(|error| match error {
        Error::InvalidEndpoint { what, reason, .. } => Error::InvalidEndpoint { what, value: shown_value(uri), reason },
        other => other,
    })
}

/// What an unusable URI's value is shown as: its origin when it has one.
fn shown_value(raw: &str) -> String {
    match Url::parse(raw.trim()) {
        Ok(url) if url.host_str().is_some() => origin(&url),
        _ => "(not shown: it may hold a secret)".to_string(),
    }
}

pub(crate) async fn fetch(context: &FetchContext<'_>, uri: &CredentialsUri) -> Result<Credentials, Error> {
    let action = "credentials URI";
    // Everything below names the URI by its origin: `exchange` and the errors only show what they are given.
    let shown = uri.shown();
    let answer = exchange(context, action, "GET", &shown, context.http.get(uri.0.as_str())).await?;
    let status = answer.status.as_u16();
    if !answer.status.is_success() {
        return Err(unexpected(action, &shown, status, "the credentials URI refused", None));
    }
    let body: StsCredentials = decode_answer(action, &shown, status, answer.content_type(), &answer.body)?;
    body.into_credentials()
        .ok_or_else(|| unexpected(action, &shown, status, "the answer lacks one of the four credential fields", None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::MapEnvironment;

    #[test]
    fn only_when_set_and_secure() {
        assert!(matches!(detect(&MapEnvironment::new()), Detected::Unset(_)));
        let env = MapEnvironment::new().var(URI, "http://127.0.0.1:5/creds");
        assert!(matches!(detect(&env), Detected::Ready { provider: Provider::Uri(_), .. }));
        let env = MapEnvironment::new().var(URI, "http://example.com/creds");
        assert!(matches!(detect(&env), Detected::Broken { .. }));
    }

    #[test]
    fn only_the_origin_is_ever_shown() {
        let Ok(Provider::Uri(uri)) = provider("http://127.0.0.1:5/creds/s3cr3t?token=t0k3n") else { panic!() };
        assert_eq!(uri.shown(), "http://127.0.0.1:5");
        assert_eq!(format!("{uri:?}"), "CredentialsUri(http://127.0.0.1:5)");
        assert_eq!(shown_value("https://h.example:8443/p?q"), "https://h.example:8443");
        assert_eq!(shown_value("/relative/s3cr3t"), "(not shown: it may hold a secret)");
        let error = provider("ftp://127.0.0.1/s3cr3t").unwrap_err();
        assert!(!error.to_string().contains("s3cr3t") && !format!("{error:?}").contains("s3cr3t"), "{error:?}");
    }
}
