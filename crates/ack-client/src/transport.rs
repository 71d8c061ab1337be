//! Sending one request and reading its answer, for every HTTP exchange of this crate (CS, STS, the
//! metadata service, the credentials URI).
//!
//! No redirect is ever followed: the clients are built with `redirect::Policy::none()`, and a 3xx answer
//! becomes [`Error::Redirect`], which names the status and the `Location`'s host but never its path or
//! query (they may carry a token). A redirect would resend the signed headers, the security token or an
//! OIDC token to whatever host it names, plain http included.
//!
//! No body is read past a limit either, and none is buffered whole before it is checked: a declared
//! `Content-Length` over the limit is refused before reading, and a body is read chunk by chunk and
//! dropped as soon as it passes the limit. The exec plugin runs this on every kubectl call, so a hostile
//! or broken endpoint must not be able to make it take gigabytes or hang on an endless body.

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{StatusCode, Url};

use crate::error::{Error, display_url};

/// The most read of a CS answer. The largest real ones are a page of 100 cluster descriptions and a
/// kubeconfig with its certificates, tens to a few hundred KiB; 16 MiB leaves room for any page size
/// ACK may allow while still bounding what a hostile endpoint can make the plugin hold.
pub(crate) const API_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// The most read of a credential answer (STS, metadata, credentials URI, and their errors). These are
/// four short fields: an STS security token is a few KiB at most and the whole answer under 10 KiB;
/// a metadata session token or role name is under 100 bytes. 64 KiB is ample, and small enough that a
/// hostile metadata or credentials endpoint costs nothing.
pub(crate) const CREDENTIAL_BODY_LIMIT: usize = 64 * 1024;

/// The redirect policy of every HTTP client this crate builds.
pub(crate) fn no_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::none()
}

/// An HTTP answer, read whole.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    /// The `Content-Type` header, if it is readable text.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(reqwest::header::CONTENT_TYPE).and_then(|value| value.to_str().ok())
    }
}

/// Why an exchange gave no answer to decode.
pub(crate) enum Failure {
    /// The request could not be sent or the answer not read: may be worth another try.
    Transport(reqwest::Error),
    /// An answer that is refused as it is (a redirect): never retried.
    Refused(Error),
}

/// Sends `request` and reads the answer, at most `limit` bytes of body. `action` and `url` (the
/// request's) name it in errors.
pub(crate) async fn send(
    request: reqwest::RequestBuilder,
    action: &str,
    url: &str,
    limit: usize,
) -> Result<Answer, Failure> {
    let mut response = request.send().await.map_err(Failure::Transport)?;
    let status = response.status();
    if status.is_redirection() {
        let location = location_host(response.url(), response.headers());
        return Err(Failure::Refused(Error::Redirect {
            action: action.to_string(),
            url: display_url(url),
            status: status.as_u16(),
            location,
        }));
    }
    let too_large =
        || Failure::Refused(Error::AnswerTooLarge { action: action.to_string(), url: display_url(url), limit });
    let declared = response.content_length();
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    let headers = response.headers().clone();
    let mut body = Vec::with_capacity(declared.map_or(0, |length| length as usize));
    while let Some(chunk) = response.chunk().await.map_err(Failure::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Answer { status, headers, body })
}

/// `host[:port]` of where a redirect points (a relative `Location` points to the request's own host), or
/// `None` when there is no usable `Location`. Never the path or the query.
fn location_host(request_url: &Url, headers: &HeaderMap) -> Option<String> {
    let location = headers.get(LOCATION)?.to_str().ok()?;
    let target = request_url.join(location.trim()).ok()?;
    let host = target.host_str()?;
    Some(match target.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn host_of(request: &str, location: &str) -> Option<String> {
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, HeaderValue::from_str(location).unwrap());
        location_host(&Url::parse(request).unwrap(), &headers)
    }

    #[test]
    fn the_location_is_reduced_to_its_host_and_port() {
        let request = "https://cs.cn-hangzhou.aliyuncs.com/api/v1/clusters";
        assert_eq!(host_of(request, "http://evil.test:8080/x?Signature=s").as_deref(), Some("evil.test:8080"));
        assert_eq!(host_of(request, "https://user:pw@evil.test/p").as_deref(), Some("evil.test"));
        assert_eq!(host_of(request, "/other?token=t").as_deref(), Some("cs.cn-hangzhou.aliyuncs.com"));
        assert_eq!(host_of(request, "//[::1]:9/x").as_deref(), Some("[::1]:9"));
        assert_eq!(host_of(request, "http://").as_deref(), None);
        assert_eq!(location_host(&Url::parse(request).unwrap(), &HeaderMap::new()), None);
    }
}
