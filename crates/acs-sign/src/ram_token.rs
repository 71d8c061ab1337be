//! The bearer token of ACK's ack-ram-authenticator (reference/lifecycle-token-l10n.md, Q4): a presigned STS
//! `GetCallerIdentity` request that proves the caller's RAM identity to a cluster's API server, which
//! replays it to STS. Built here by the client (kubectl-ack's exec plugin) and taken apart by the server
//! side (the sandbox's fake API server), from one definition.
//!
//! ```text
//! token   = "k8s-ack-v2." + base64(standard, padded)(json)
//! json    = {"clusterId", "headers": {Authorization, user-agent, x-acs-*}, "method": "POST", "path": "/",
//!            "query": {"ACKClusterId": <cluster id>}}            (keys sorted, as Go's json.Marshal writes)
//! signed  = V3 ACS3-HMAC-SHA256 over POST / ACKClusterId=<id>, headers x-acs-action, x-acs-content-sha256,
//!           x-acs-date, [x-acs-security-token,] x-acs-version; no host header and no nonce, so the token
//!           does not depend on which STS endpoint the server uses
//! ```

use std::collections::BTreeMap;

use base64::Engine as _;

use crate::v3;

/// What every token starts with.
pub const PREFIX: &str = "k8s-ack-v2.";
/// The longest token ack-ram-authenticator accepts.
pub const MAX_TOKEN_BYTES: usize = 4096;
pub const STS_VERSION: &str = "2015-04-01";
pub const ACTION: &str = "GetCallerIdentity";

/// Who signs, and when.
#[derive(Clone, Copy)]
pub struct Signer<'a> {
    pub access_key_id: &'a str,
    pub access_key_secret: &'a str,
    /// For STS credentials.
    pub security_token: Option<&'a str>,
    /// `2024-07-31T11:35:24Z`.
    pub date: &'a str,
    pub user_agent: &'a str,
}

impl std::fmt::Debug for Signer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("access_key_id", &self.access_key_id)
            .field("date", &self.date)
            .finish_non_exhaustive()
    }
}

/// The headers the request carries, by their wire names (before `Authorization` is added).
fn request_headers(signer: &Signer<'_>) -> Vec<(String, String)> {
    let mut headers = vec![
        ("x-acs-version".to_string(), STS_VERSION.to_string()),
        ("x-acs-action".to_string(), ACTION.to_string()),
        ("user-agent".to_string(), signer.user_agent.to_string()),
        ("x-acs-date".to_string(), signer.date.to_string()),
        ("accept".to_string(), "application/json".to_string()),
        ("x-acs-content-sha256".to_string(), crate::EMPTY_PAYLOAD_SHA256.to_string()),
    ];
    if let Some(token) = signer.security_token {
        headers.push(("x-acs-security-token".to_string(), token.to_string()));
    }
    headers
}

fn query(cluster_id: &str) -> Vec<(String, String)> {
    vec![("ACKClusterId".to_string(), cluster_id.to_string())]
}

/// The token for `cluster_id`, signed by `signer`.
pub fn build(cluster_id: &str, signer: &Signer<'_>) -> String {
    let headers = request_headers(signer);
    let query = query(cluster_id);
    let request = v3::Request {
        method: "POST",
        path: "/",
        query: &query,
        headers: &headers,
        hashed_payload: crate::EMPTY_PAYLOAD_SHA256,
    };
    let authorization = v3::authorization(&request, signer.access_key_id, signer.access_key_secret);
    // The server keeps only these (and `user-agent`): `accept` is not sent.
    let mut kept: BTreeMap<String, String> =
        headers.into_iter().filter(|(name, _)| name.starts_with("x-acs-") || name == "user-agent").collect();
    kept.insert("Authorization".to_string(), authorization);
    let document = Document {
        cluster_id: cluster_id.to_string(),
        headers: kept,
        method: "POST".to_string(),
        path: "/".to_string(),
        query: query.into_iter().collect(),
    };
    let json = serde_json::to_string(&document).expect("a token serialises");
    format!("{PREFIX}{}", base64::engine::general_purpose::STANDARD.encode(json))
}

/// The token's JSON. Field order is the sorted order Go's `json.Marshal` gives a map.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    #[serde(rename = "clusterId", default)]
    pub cluster_id: String,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub query: BTreeMap<String, String>,
}

/// Why a token is refused before STS is asked (ack-ram-authenticator's own checks).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the token is longer than {MAX_TOKEN_BYTES} bytes")]
    TooLong,
    #[error("the token does not start with {PREFIX}")]
    WrongPrefix,
    #[error("the token is not standard base64")]
    NotBase64,
    #[error("the token is not JSON of the expected shape")]
    NotJson,
    #[error("the token is for cluster {found}, not {expected}")]
    WrongCluster { found: String, expected: String },
    #[error("the token does not sign GetCallerIdentity")]
    WrongAction,
}

/// The presigned request a token carries, as a server replays it: the query and the whitelisted headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presigned {
    pub query: Vec<(String, String)>,
    /// Lower-case names, the server's whitelist only.
    pub headers: Vec<(String, String)>,
}

/// Headers ack-ram-authenticator passes on to STS (case-insensitive), besides `user-agent`.
const WHITELIST: [&str; 9] = [
    "x-acs-action",
    "x-acs-version",
    "authorization",
    "x-acs-signature-nonce",
    "x-acs-date",
    "x-acs-content-sha256",
    "x-acs-content-sm3",
    "x-acs-security-token",
    "ackclusterid",
];

/// Takes a token apart the way ack-ram-authenticator does, for the API server of `cluster_id`.
pub fn parse(token: &str, cluster_id: &str) -> Result<Presigned, TokenError> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(TokenError::TooLong);
    }
    let encoded = token.strip_prefix(PREFIX).ok_or(TokenError::WrongPrefix)?;
    let json = base64::engine::general_purpose::STANDARD.decode(encoded).map_err(|_| TokenError::NotBase64)?;
    let document: Document = serde_json::from_slice(&json).map_err(|_| TokenError::NotJson)?;
    let found = document.query.iter().find(|(key, _)| key.eq_ignore_ascii_case("ackclusterid")).map(|(_, v)| v.clone());
    if found.as_deref() != Some(cluster_id) {
        return Err(TokenError::WrongCluster { found: found.unwrap_or_default(), expected: cluster_id.to_string() });
    }
    let query =
        document.query.into_iter().filter(|(key, _)| WHITELIST.contains(&key.to_ascii_lowercase().as_str())).collect();
    let headers: Vec<(String, String)> = document
        .headers
        .into_iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value))
        .filter(|(name, _)| WHITELIST.contains(&name.as_str()))
        .collect();
    let action = headers.iter().find(|(name, _)| name == "x-acs-action").map(|(_, value)| value.as_str());
    if action != Some(ACTION) {
        return Err(TokenError::WrongAction);
    }
    Ok(Presigned { query, headers })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLUSTER: &str = "c2faf4f7a0b1c2d3e4f5a6b7c8d9e0f1a";

    fn signer(security_token: Option<&'static str>) -> Signer<'static> {
        Signer {
            access_key_id: "LTAI5tTokenTestKey0001",
            access_key_secret: "TokenTestSecret",
            security_token,
            date: "2024-07-31T11:35:24Z",
            user_agent: "kubectl-ack/0.1.0 (linux/amd64)",
        }
    }

    fn decoded(token: &str) -> serde_json::Value {
        let json = base64::engine::general_purpose::STANDARD.decode(token.strip_prefix(PREFIX).unwrap()).unwrap();
        serde_json::from_slice(&json).unwrap()
    }

    #[test]
    fn the_token_has_the_reference_shape() {
        let token = build(CLUSTER, &signer(None));
        assert!(token.starts_with("k8s-ack-v2."));
        let encoded = token.strip_prefix(PREFIX).unwrap();
        assert!(encoded.chars().all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c)), "standard alphabet, padded");
        let json = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(encoded).unwrap()).unwrap();
        assert!(json.starts_with("{\"clusterId\":"), "keys sorted as Go writes them: {json}");
        let value = decoded(&token);
        assert_eq!(value["method"], "POST");
        assert_eq!(value["path"], "/");
        assert_eq!(value["query"], serde_json::json!({"ACKClusterId": CLUSTER}));
        let headers = value["headers"].as_object().unwrap();
        let names: Vec<&str> = headers.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            ["Authorization", "user-agent", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-version"]
        );
        assert!(!headers.contains_key("host") && !headers.contains_key("x-acs-signature-nonce"));
        assert_eq!(headers["x-acs-action"], "GetCallerIdentity");
        assert_eq!(headers["x-acs-version"], "2015-04-01");
        assert_eq!(headers["x-acs-content-sha256"], crate::EMPTY_PAYLOAD_SHA256);
        let authorization = v3::parse_authorization(headers["Authorization"].as_str().unwrap()).unwrap();
        assert_eq!(authorization.access_key_id, "LTAI5tTokenTestKey0001");
        assert_eq!(
            authorization.signed_headers,
            ["x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-version"]
        );
    }

    #[test]
    fn the_signature_verifies_over_the_replayed_request_and_an_sts_token_is_signed_too() {
        let sts = "CAIS".to_string() + &"x".repeat(1400);
        let sts: &'static str = Box::leak(sts.into_boxed_str());
        let token = build(CLUSTER, &signer(Some(sts)));
        assert!(token.len() < MAX_TOKEN_BYTES, "{} bytes with an STS token", token.len());
        let presigned = parse(&token, CLUSTER).unwrap();
        let authorization = presigned.headers.iter().find(|(name, _)| name == "authorization").unwrap().1.clone();
        let parsed = v3::parse_authorization(&authorization).unwrap();
        assert!(parsed.signed_headers.contains(&"x-acs-security-token".to_string()));
        let signed: Vec<(String, String)> =
            presigned.headers.iter().filter(|(name, _)| name != "authorization").cloned().collect();
        let request = v3::Request {
            method: "POST",
            path: "/",
            query: &presigned.query,
            headers: &signed,
            hashed_payload: crate::EMPTY_PAYLOAD_SHA256,
        };
        assert_eq!(v3::signature(&request, "TokenTestSecret"), parsed.signature);
        assert_ne!(v3::signature(&request, "another secret"), parsed.signature);
    }

    #[test]
    fn the_server_side_checks_refuse_what_ack_ram_authenticator_refuses() {
        let token = build(CLUSTER, &signer(None));
        assert!(matches!(parse(&token, "c0000000000000000000000000000000b"), Err(TokenError::WrongCluster { .. })));
        assert_eq!(parse(&token.replacen(PREFIX, "k8s-aws-v1.", 1), CLUSTER), Err(TokenError::WrongPrefix));
        assert_eq!(parse(&format!("{PREFIX}%%%"), CLUSTER), Err(TokenError::NotBase64));
        assert_eq!(parse(&format!("{PREFIX}{}", "A".repeat(MAX_TOKEN_BYTES)), CLUSTER), Err(TokenError::TooLong));
        let mut document = decoded(&token);
        document["headers"]["x-acs-action"] = serde_json::Value::from("AssumeRole");
        let forged = format!("{PREFIX}{}", base64::engine::general_purpose::STANDARD.encode(document.to_string()));
        assert_eq!(parse(&forged, CLUSTER), Err(TokenError::WrongAction));
    }
}
