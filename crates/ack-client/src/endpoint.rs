//! Base URLs: the CS endpoint of a region, overrides, and the rule that plain http goes to loopback only.

use std::net::IpAddr;

use reqwest::Url;

use crate::error::Error;

/// Whether `host` is a loopback host: `localhost`, 127.0.0.0/8 or `::1` (brackets allowed).
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The public CS endpoint of a region, or its VPC endpoint.
pub fn cs_endpoint(region: &str, vpc: bool) -> String {
    let network = if vpc { "-vpc" } else { "" };
    format!("https://cs{network}.{region}.aliyuncs.com")
}

/// Parses an override base URL (`--endpoint`, STS, metadata, credentials URI). https anywhere; http only
/// to loopback so that nothing signed, and no credential, crosses a network in clear.
pub(crate) fn parse_base_url(raw: &str, what: &'static str) -> Result<Url, Error> {
    let invalid = |reason: &str| Error::InvalidEndpoint { what, value: raw.to_string(), reason: reason.to_string() };
    let url = Url::parse(raw.trim()).map_err(|error| invalid(&error.to_string()))?;
    let host = url.host_str().ok_or_else(|| invalid("no host"))?.to_string();
    if !url.username().is_empty() || url.password().is_some() {
        // Never echo the user info back: it is a password.
        return Err(Error::InvalidEndpoint {
            what,
            value: format!("{}://{host}", url.scheme()),
            reason: "user names and passwords in the URL are not supported".to_string(),
        });
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback_host(&host) => Ok(url),
        "http" => Err(Error::InsecureEndpoint { what, host }),
        _ => Err(invalid("the scheme must be https (or http to a loopback host)")),
    }
}

/// An STS endpoint as the CLI writes it: a bare host (`sts.cn-hangzhou.aliyuncs.com`) or a URL.
pub(crate) fn parse_host_or_url(raw: &str, what: &'static str) -> Result<Url, Error> {
    if raw.contains("://") { parse_base_url(raw, what) } else { parse_base_url(&format!("https://{raw}"), what) }
}

/// The `host` header value for a URL: host, plus the port when it is not the scheme's default.
pub(crate) fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// `scheme://host[:port]`: all of a URL that may be shown when its path or query could hold a secret.
pub(crate) fn origin(url: &Url) -> String {
    format!("{}://{}", url.scheme(), host_header(url))
}

/// The region: explicit option, else `ALIBABA_CLOUD_REGION_ID`, else the profile's `region_id`.
pub(crate) fn resolve_region(
    explicit: Option<&str>,
    env_region: Option<&str>,
    profile_region: Option<&str>,
) -> Option<String> {
    [explicit, env_region, profile_region]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|region| !region.is_empty())
        .map(str::to_string)
}

/// The CS base URL: the explicit endpoint if given, else the region's public (or VPC) endpoint.
pub(crate) fn resolve_endpoint(explicit: Option<&str>, region: Option<&str>, vpc: bool) -> Result<Url, Error> {
    if let Some(explicit) = explicit.map(str::trim).filter(|value| !value.is_empty()) {
        return parse_base_url(explicit, "ACK endpoint");
    }
    let region = region.ok_or(Error::NoRegion)?;
    if !region.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Error::InvalidEndpoint {
            what: "region",
            value: region.to_string(),
            reason: "a region ID is letters, digits and dashes, like cn-hangzhou".to_string(),
        });
    }
    parse_base_url(&cs_endpoint(region, vpc), "ACK endpoint")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for host in ["127.0.0.1", "127.5.5.5", "::1", "[::1]", "localhost", "LOCALHOST", "localhost."] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["10.0.0.1", "100.100.100.200", "example.com", "localhost.example.com", "0.0.0.0", "::"] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn http_only_to_loopback() {
        for ok in
            ["http://127.0.0.1:8080", "http://127.5.5.5/", "http://[::1]:9000", "http://localhost:1", "https://x.y"]
        {
            assert!(parse_base_url(ok, "ACK endpoint").is_ok(), "{ok}");
        }
        for refused in ["http://10.0.0.1", "http://100.100.100.200", "http://example.com"] {
            let error = parse_base_url(refused, "ACK endpoint").unwrap_err();
            assert!(matches!(error, Error::InsecureEndpoint { .. }), "{refused}");
            assert!(error.to_string().contains("http is allowed only to loopback hosts"));
            assert_eq!(error.hint().as_deref(), Some("use an https:// URL"));
        }
        assert!(matches!(parse_base_url("ftp://127.0.0.1", "x"), Err(Error::InvalidEndpoint { .. })));
        assert!(matches!(parse_base_url("not a url", "x"), Err(Error::InvalidEndpoint { .. })));
        let with_password = parse_base_url("https://user:hunter2@cs.example.com", "x").unwrap_err().to_string();
        assert!(with_password.contains("https://cs.example.com") && !with_password.contains("hunter2"));
    }

    #[test]
    fn endpoint_resolution() {
        let url = |explicit, region, vpc| resolve_endpoint(explicit, region, vpc).map(|url| url.to_string());
        assert_eq!(url(None, Some("cn-hangzhou"), false).unwrap(), "https://cs.cn-hangzhou.aliyuncs.com/");
        assert_eq!(url(None, Some("cn-beijing"), true).unwrap(), "https://cs-vpc.cn-beijing.aliyuncs.com/");
        assert_eq!(url(Some("http://127.0.0.1:4000"), Some("cn-beijing"), true).unwrap(), "http://127.0.0.1:4000/");
        assert!(matches!(url(None, None, false), Err(Error::NoRegion)));
        assert!(matches!(url(Some("http://10.1.1.1"), None, false), Err(Error::InsecureEndpoint { .. })));
        assert!(matches!(url(None, Some("cn/../x"), false), Err(Error::InvalidEndpoint { .. })));
    }

    #[test]
    fn region_resolution_order() {
        assert_eq!(resolve_region(Some("a"), Some("b"), Some("c")).as_deref(), Some("a"));
        assert_eq!(resolve_region(None, Some("b"), Some("c")).as_deref(), Some("b"));
        assert_eq!(resolve_region(Some(" "), None, Some("c")).as_deref(), Some("c"));
        assert_eq!(resolve_region(None, None, None), None);
    }

    #[test]
    fn sts_endpoint_accepts_host_or_url() {
        assert_eq!(
            parse_host_or_url("sts.cn-hangzhou.aliyuncs.com", "STS").unwrap().as_str(),
            "https://sts.cn-hangzhou.aliyuncs.com/"
        );
        assert_eq!(parse_host_or_url("http://127.0.0.1:9/", "STS").unwrap().as_str(), "http://127.0.0.1:9/");
    }

    #[test]
    fn host_header_keeps_non_default_ports() {
        assert_eq!(
            host_header(&Url::parse("https://cs.cn-hangzhou.aliyuncs.com").unwrap()),
            "cs.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(host_header(&Url::parse("http://127.0.0.1:8443/").unwrap()), "127.0.0.1:8443");
        assert_eq!(host_header(&Url::parse("http://[::1]:80/").unwrap()), "[::1]");
    }
}
