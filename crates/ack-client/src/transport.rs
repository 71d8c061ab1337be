//! Sending one request and reading its answer, for every HTTP exchange of this crate (CS, STS, the
//! metadata service, the credentials URI).
//!
//! No redirect is ever followed: the clients are built with `redirect::Policy::none()`, and a 3xx answer
//! becomes [`Error::Redirect`], which names the status and the `Location`'s host but never its path or
//! query (they may carry a token). A redirect would resend the signed headers, the security token or an
//! OIDC token to whatever host it names, plain http included.

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{StatusCode, Url};

use crate::error::{Error, display_url};

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

/// Why an exchange gave no answer to decode.
pub(crate) enum Failure {
    /// The request could not be sent or the answer not read: may be worth another try.
    Transport(reqwest::Error),
    /// An answer that is refused as it is (a redirect): never retried.
    Refused(Error),
}

/// Sends `request` and reads the answer. `action` and `url` (the request's) name it in errors.
pub(crate) async fn send(request: reqwest::RequestBuilder, action: &str, url: &str) -> Result<Answer, Failure> {
    let response = request.send().await.map_err(Failure::Transport)?;
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
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(Failure::Transport)?;
    Ok(Answer { status, headers, body: body.to_vec() })
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
