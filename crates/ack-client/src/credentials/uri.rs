//! Source 6 (and the aliyun CLI's CredentialsURI mode): a URL that answers
//! `{"AccessKeyId","AccessKeySecret","SecurityToken","Expiration"}`.

use reqwest::Url;

use super::sts::StsCredentials;
use super::{Detected, FetchContext, Provider, exchange};
use crate::endpoint::parse_base_url;
use crate::env::{self, Environment};
use crate::error::{Error, decode_answer, unexpected};
use crate::secret::Credentials;

const URI: &str = "ALIBABA_CLOUD_CREDENTIALS_URI";

pub(crate) fn detect(environment: &dyn Environment) -> Detected {
    match env::get(environment, URI) {
        None => Detected::Unset(format!("{URI} not set")),
        Some(uri) => Detected::from_result("credentials URI".to_string(), provider(&uri)),
    }
}

pub(crate) fn provider(uri: &str) -> Result<Provider, Error> {
    parse_base_url(uri, "credentials URI").map(Provider::Uri)
}

pub(crate) async fn fetch(context: &FetchContext<'_>, url: &Url) -> Result<Credentials, Error> {
    let action = "credentials URI";
    let answer = exchange(context, action, "GET", url.as_str(), context.http.get(url.as_str())).await?;
    let status = answer.status.as_u16();
    if !answer.status.is_success() {
        return Err(unexpected(action, url.as_str(), status, "the credentials URI refused", None));
    }
    let body: StsCredentials = decode_answer(action, url.as_str(), status, answer.content_type(), &answer.body)?;
    body.into_credentials().ok_or_else(|| {
        unexpected(action, url.as_str(), status, "the answer lacks one of the four credential fields", None)
    })
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
}
