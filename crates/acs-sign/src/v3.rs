//! `ACS3-HMAC-SHA256`: the V3 signature (reference/ack-openapi.md §2.1).
//!
//! ```text
//! CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
//! StringToSign     = "ACS3-HMAC-SHA256" \n hex(SHA256(CanonicalRequest))
//! Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
//! ```

use std::collections::BTreeMap;

use crate::{hmac_sha256_hex, percent_encode, sha256_hex};

pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Everything that goes into a V3 signature, as the client sends it (or the server received it).
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// `GET`, `DELETE`, … (an empty method is allowed, as in the SDK's own test).
    pub method: &'a str,
    /// The path exactly as sent on the wire: path parameters already percent-encoded. `""` means `/`.
    pub path: &'a str,
    /// Query parameters, unencoded. Order does not matter.
    pub query: &'a [(String, String)],
    /// Request headers. Only `host`, `content-type` and `x-acs-*` are signed; the rest are ignored.
    pub headers: &'a [(String, String)],
    /// Lowercase hex SHA-256 of the body (`x-acs-content-sha256`).
    pub hashed_payload: &'a str,
}

/// The canonical request and the `SignedHeaders` list that goes with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    pub request: String,
    pub signed_headers: String,
}

/// Whether a header takes part in the signature.
pub fn is_signed_header(lowercase_name: &str) -> bool {
    lowercase_name == "host" || lowercase_name == "content-type" || lowercase_name.starts_with("x-acs-")
}

/// The canonical URI: `/` for an empty path, then the SDK's replacements on an already-encoded path.
pub fn canonical_uri(path: &str) -> String {
    if path.is_empty() {
        return "/".to_string();
    }
    path.replace('+', "%20").replace('*', "%2A").replace("%7E", "~")
}

/// `key=value` pairs sorted by key, values RFC 3986-encoded; an empty value gives `key=`.
pub fn canonical_query(query: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> =
        query.iter().map(|(key, value)| (percent_encode(key), percent_encode(value))).collect();
    pairs.sort();
    pairs.iter().map(|(key, value)| format!("{key}={value}")).collect::<Vec<_>>().join("&")
}

/// Builds the canonical request of `request`.
pub fn canonicalize(request: &Request<'_>) -> Canonical {
    // Same-named headers (in any case) are merged: values trimmed, sorted, joined with ",".
    let mut signed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in request.headers {
        let name = name.to_ascii_lowercase();
        if is_signed_header(&name) {
            signed.entry(name).or_default().push(value.trim().to_string());
        }
    }
    let mut canonical_headers = String::new();
    for (name, values) in &mut signed {
        values.sort();
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let signed_headers = signed.keys().cloned().collect::<Vec<_>>().join(";");
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method,
        canonical_uri(request.path),
        canonical_query(request.query),
        canonical_headers,
        signed_headers,
        request.hashed_payload
    );
    Canonical { request: canonical_request, signed_headers }
}

/// `ACS3-HMAC-SHA256 \n hex(SHA256(canonical_request))`.
pub fn string_to_sign(canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{}", sha256_hex(canonical_request.as_bytes()))
}

/// The hex signature of `request` under `access_key_secret`.
pub fn signature(request: &Request<'_>, access_key_secret: &str) -> String {
    let canonical = canonicalize(request);
    hmac_sha256_hex(access_key_secret.as_bytes(), string_to_sign(&canonical.request).as_bytes())
}

/// The whole `Authorization` header value.
pub fn authorization(request: &Request<'_>, access_key_id: &str, access_key_secret: &str) -> String {
    let canonical = canonicalize(request);
    let signature = hmac_sha256_hex(access_key_secret.as_bytes(), string_to_sign(&canonical.request).as_bytes());
    format!("{ALGORITHM} Credential={access_key_id},SignedHeaders={},Signature={signature}", canonical.signed_headers)
}

/// An `Authorization` header taken apart, as a server does before it verifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedAuthorization {
    pub access_key_id: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

/// Parses `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=a;b,Signature=…`.
/// `None` when the header is not of that form (the service then answers `IncompleteSignature`).
pub fn parse_authorization(header: &str) -> Option<ParsedAuthorization> {
    let rest = header.strip_prefix(ALGORITHM)?.trim_start();
    let mut access_key_id = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        let (key, value) = part.trim().split_once('=')?;
        match key {
            "Credential" => access_key_id = Some(value.to_string()),
            "SignedHeaders" => signed_headers = Some(value.split(';').map(str::to_string).collect()),
            "Signature" => signature = Some(value.to_string()),
            _ => return None,
        }
    }
    Some(ParsedAuthorization {
        access_key_id: access_key_id.filter(|id| !id.is_empty())?,
        signed_headers: signed_headers?,
        signature: signature.filter(|s| !s.is_empty())?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EMPTY_PAYLOAD_SHA256;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn official_request_headers(date: &str, nonce: &str) -> Vec<(String, String)> {
        pairs(&[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", date),
            ("x-acs-signature-nonce", nonce),
            ("x-acs-content-sha256", EMPTY_PAYLOAD_SHA256),
            // Not signed: must not change anything.
            ("accept", "application/json"),
            ("user-agent", "kubectl-ack-test"),
        ])
    }

    fn official_query() -> Vec<(String, String)> {
        pairs(&[("RegionId", "cn-shanghai"), ("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd")])
    }

    /// Official vector 1 (doc "V3版本请求体&签名机制", 签名示例): canonical request, hash and signature, byte for byte.
    #[test]
    fn official_vector_1() {
        let headers = official_request_headers("2023-10-26T10:22:32Z", "3156853299f313e23d1673dc12e1703d");
        let query = official_query();
        let request = Request {
            method: "POST",
            path: "/",
            query: &query,
            headers: &headers,
            hashed_payload: EMPTY_PAYLOAD_SHA256,
        };
        let canonical = canonicalize(&request);
        assert_eq!(
            canonical.request,
            "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n\
             host:ecs.cn-shanghai.aliyuncs.com\n\
             x-acs-action:RunInstances\n\
             x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\
             x-acs-date:2023-10-26T10:22:32Z\n\
             x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n\
             x-acs-version:2014-05-26\n\n\
             host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(canonical.request.as_bytes()),
            "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
        assert_eq!(
            authorization(&request, "YourAccessKeyId", "YourAccessKeySecret"),
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,\
             SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
             Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }

    /// Official vector 2: the same request at another date and nonce.
    #[test]
    fn official_vector_2() {
        let headers = official_request_headers("2023-10-26T09:01:01Z", "d410180a5abf7fe235dd9b74aca91fc0");
        let query = official_query();
        let request = Request {
            method: "POST",
            path: "",
            query: &query,
            headers: &headers,
            hashed_payload: EMPTY_PAYLOAD_SHA256,
        };
        assert_eq!(
            signature(&request, "YourAccessKeySecret"),
            "e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804"
        );
    }

    /// SDK unit-test vector 3: empty method and path, an empty query value, a header given twice in two cases.
    #[test]
    fn sdk_vector_3_edge_cases() {
        let query = pairs(&[("test", "ok"), ("empty", "")]);
        let headers = pairs(&[("x-acs-test", "http"), ("x-acs-TEST", "https")]);
        let payload = "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23";
        let request = Request { method: "", path: "", query: &query, headers: &headers, hashed_payload: payload };
        assert_eq!(
            canonicalize(&request).request,
            format!("\n/\nempty=&test=ok\nx-acs-test:http,https\n\nx-acs-test\n{payload}")
        );
        assert_eq!(
            authorization(&request, "acesskey", "secret"),
            "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,\
             Signature=4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3"
        );
    }

    #[test]
    fn roa_path_with_encoded_cluster_id_and_typed_query_values() {
        let path = format!("/k8s/{}/user_config", percent_encode("c5b5e80b0b64a4bf6939d2d8fbbc5 x*"));
        assert_eq!(canonical_uri(&path), "/k8s/c5b5e80b0b64a4bf6939d2d8fbbc5%20x%2A/user_config");
        let query = pairs(&[("TemporaryDurationMinutes", "15"), ("PrivateIpAddress", "true")]);
        assert_eq!(canonical_query(&query), "PrivateIpAddress=true&TemporaryDurationMinutes=15");
    }

    #[test]
    fn authorization_round_trips_through_the_parser() {
        let parsed =
            parse_authorization("ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host;x-acs-date,Signature=abcdef")
                .unwrap();
        assert_eq!(parsed.access_key_id, "AKID");
        assert_eq!(parsed.signed_headers, vec!["host", "x-acs-date"]);
        assert_eq!(parsed.signature, "abcdef");
        assert_eq!(parse_authorization("acs AKID:sig"), None);
        assert_eq!(parse_authorization("ACS3-HMAC-SHA256 Credential=AKID,Signature=x"), None);
    }
}
