//! Turns an operation into a signed V3 (`ACS3-HMAC-SHA256`) request: headers, URL and `Authorization`.
//! Pure: the clock's reading and the nonce are passed in. The signature itself is `acs_sign`'s.

use reqwest::Url;
use time::OffsetDateTime;

use crate::clock::format_acs_date;
use crate::endpoint::host_header;
use crate::secret::Credentials;

/// The CS API version every operation is sent with.
pub(crate) const CS_API_VERSION: &str = "2015-12-15";

/// One CS operation, before signing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Operation {
    /// `x-acs-action`, e.g. `DescribeClusterUserKubeconfig`.
    pub action: &'static str,
    pub method: reqwest::Method,
    /// The path below the endpoint, path parameters already percent-encoded.
    pub path: String,
    /// Query parameters, unencoded.
    pub query: Vec<(String, String)>,
}

impl Operation {
    pub fn get(action: &'static str, path: String) -> Self {
        Operation { action, method: reqwest::Method::GET, path, query: Vec::new() }
    }

    pub fn delete(action: &'static str, path: String) -> Self {
        Operation { action, method: reqwest::Method::DELETE, path, query: Vec::new() }
    }

    pub fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_string(), value.to_string()));
        self
    }

    /// Only reads are retried: replaying a revoke could revoke the certificate issued in between.
    pub fn is_idempotent(&self) -> bool {
        self.method == reqwest::Method::GET
    }
}

/// A request ready to send. Its headers include `authorization`: never log them.
pub(crate) struct SignedRequest {
    pub method: reqwest::Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// The canonical request that was signed (kept for tests; it holds no secret).
    #[cfg_attr(not(test), allow(dead_code))]
    pub canonical_request: String,
}

/// Signs `operation` for the endpoint `base` at `now` with `nonce`.
pub(crate) fn sign(
    operation: &Operation,
    base: &Url,
    credentials: &Credentials,
    now: OffsetDateTime,
    nonce: &str,
) -> SignedRequest {
    // The endpoint may carry a path prefix (a proxy or a test server mounted below `/`).
    let path = format!("{}{}", base.path().trim_end_matches('/'), operation.path);
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), host_header(base)),
        ("x-acs-action".into(), operation.action.into()),
        ("x-acs-version".into(), CS_API_VERSION.into()),
        ("x-acs-date".into(), format_acs_date(now)),
        ("x-acs-signature-nonce".into(), nonce.into()),
        ("x-acs-content-sha256".into(), acs_sign::EMPTY_PAYLOAD_SHA256.into()),
    ];
    // With STS credentials the token and the key ID are sent, and signed, as headers.
    if let Some(token) = &credentials.security_token {
        headers.push(("x-acs-security-token".into(), token.expose().into()));
        headers.push(("x-acs-accesskey-id".into(), credentials.access_key_id.clone()));
    }
    let request = acs_sign::v3::Request {
        method: operation.method.as_str(),
        path: &path,
        query: &operation.query,
        headers: &headers,
        hashed_payload: acs_sign::EMPTY_PAYLOAD_SHA256,
    };
    let canonical_request = acs_sign::v3::canonicalize(&request).request;
    let authorization =
        acs_sign::v3::authorization(&request, &credentials.access_key_id, credentials.access_key_secret.expose());
    headers.push(("accept".into(), "application/json".into()));
    headers.push(("user-agent".into(), concat!("kubectl-ack/", env!("CARGO_PKG_VERSION")).into()));
    headers.push(("authorization".into(), authorization));
    SignedRequest {
        method: operation.method.clone(),
        url: full_url(base, &path, &operation.query),
        headers,
        canonical_request,
    }
}

/// `scheme://host[:port]/path?query` with the query RFC 3986-encoded and sorted, as it was signed.
pub(crate) fn full_url(base: &Url, path: &str, query: &[(String, String)]) -> String {
    let origin = format!("{}://{}", base.scheme(), host_header(base));
    let query = acs_sign::v3::canonical_query(query);
    if query.is_empty() { format!("{origin}{path}") } else { format!("{origin}{path}?{query}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use time::macros::datetime;

    fn kubeconfig_operation() -> Operation {
        Operation::get(
            "DescribeClusterUserKubeconfig",
            format!("/k8s/{}/user_config", acs_sign::percent_encode("c5b5e80b0b64a4bf6939d2d8fbbc5abcd")),
        )
        .query("PrivateIpAddress", false)
        .query("TemporaryDurationMinutes", 15)
    }

    #[test]
    fn describe_cluster_user_kubeconfig_canonical_request() {
        let base = Url::parse("https://cs.cn-hangzhou.aliyuncs.com").unwrap();
        let credentials = Credentials::access_key("LTAI5tExampleKeyId", "example-secret");
        let signed = sign(
            &kubeconfig_operation(),
            &base,
            &credentials,
            datetime!(2026-03-01 08:30:05 UTC),
            "0123456789abcdef0123456789abcdef",
        );
        assert_eq!(
            signed.canonical_request,
            "GET\n\
             /k8s/c5b5e80b0b64a4bf6939d2d8fbbc5abcd/user_config\n\
             PrivateIpAddress=false&TemporaryDurationMinutes=15\n\
             host:cs.cn-hangzhou.aliyuncs.com\n\
             x-acs-action:DescribeClusterUserKubeconfig\n\
             x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\
             x-acs-date:2026-03-01T08:30:05Z\n\
             x-acs-signature-nonce:0123456789abcdef0123456789abcdef\n\
             x-acs-version:2015-12-15\n\n\
             host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            signed.url,
            "https://cs.cn-hangzhou.aliyuncs.com/k8s/c5b5e80b0b64a4bf6939d2d8fbbc5abcd/user_config?\
             PrivateIpAddress=false&TemporaryDurationMinutes=15"
        );
        let authorization = signed.headers.iter().find(|(name, _)| name == "authorization").unwrap();
        let expected_signature = acs_sign::v3::signature(
            &acs_sign::v3::Request {
                method: "GET",
                path: "/k8s/c5b5e80b0b64a4bf6939d2d8fbbc5abcd/user_config",
                query: &kubeconfig_operation().query,
                headers: &signed.headers,
                hashed_payload: acs_sign::EMPTY_PAYLOAD_SHA256,
            },
            "example-secret",
        );
        assert_eq!(
            authorization.1,
            format!(
                "ACS3-HMAC-SHA256 Credential=LTAI5tExampleKeyId,SignedHeaders=host;x-acs-action;\
                 x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature={expected_signature}"
            )
        );
    }

    #[test]
    fn sts_credentials_sign_the_token_and_key_id_and_path_ids_are_encoded() {
        let base = Url::parse("http://127.0.0.1:8080/prefix/").unwrap();
        let credentials = Credentials {
            access_key_id: "STS.id".into(),
            access_key_secret: Secret::new("s"),
            security_token: Some(Secret::new("token-value")),
            expiration: None,
        };
        let operation =
            Operation::delete("RevokeK8sClusterKubeConfig", format!("/k8s/{}/certs", acs_sign::percent_encode("c 1*")));
        let signed = sign(&operation, &base, &credentials, datetime!(2026-03-01 08:30:05 UTC), "n");
        assert!(signed.canonical_request.starts_with("DELETE\n/prefix/k8s/c%201%2A/certs\n\n"));
        assert!(signed.canonical_request.contains("\nhost:127.0.0.1:8080\n"));
        assert!(signed.canonical_request.contains("\nx-acs-accesskey-id:STS.id\n"));
        assert!(signed.canonical_request.contains("\nx-acs-security-token:token-value\n"));
        assert!(signed.canonical_request.contains(
            "host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;\
             x-acs-signature-nonce;x-acs-version\n"
        ));
        assert_eq!(signed.url, "http://127.0.0.1:8080/prefix/k8s/c%201%2A/certs");
        assert!(!operation.is_idempotent());
        assert!(kubeconfig_operation().is_idempotent());
    }
}
