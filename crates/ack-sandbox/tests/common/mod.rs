//! A small V3 signing client for the sandbox's own tests (the plugin's real client lives in ack-client;
//! the sandbox must not depend on it).

#![allow(dead_code)]

use acs_sign::{percent_encode, sha256_hex, v3};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use time::OffsetDateTime;

pub use ack_sandbox::*;

/// Credentials to sign with.
#[derive(Clone)]
pub struct Keys {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: Option<String>,
}

impl Keys {
    pub fn demo() -> Self {
        Keys::new(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)
    }

    pub fn new(id: &str, secret: &str) -> Self {
        Keys { access_key_id: id.to_string(), access_key_secret: secret.to_string(), security_token: None }
    }

    /// Keys from a `{"AccessKeyId","AccessKeySecret","SecurityToken"}` object.
    pub fn from_credentials(credentials: &Value) -> Self {
        Keys {
            access_key_id: credentials["AccessKeyId"].as_str().unwrap().to_string(),
            access_key_secret: credentials["AccessKeySecret"].as_str().unwrap().to_string(),
            security_token: credentials["SecurityToken"].as_str().map(str::to_string),
        }
    }
}

/// One CS call, before signing.
#[derive(Clone)]
pub struct Call {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub action: String,
    pub body: Vec<u8>,
    pub date: String,
    pub nonce: String,
}

impl Call {
    pub fn get(path: &str, action: &str) -> Self {
        Call {
            method: Method::GET,
            path: path.to_string(),
            query: Vec::new(),
            action: action.to_string(),
            body: Vec::new(),
            date: format_date(OffsetDateTime::now_utc()),
            nonce: random_nonce(),
        }
    }

    pub fn delete(path: &str, action: &str) -> Self {
        Call { method: Method::DELETE, ..Call::get(path, action) }
    }

    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((key.to_string(), value.to_string()));
        self
    }

    pub fn kubeconfig(cluster_id: &str) -> Self {
        Call::get(&format!("/k8s/{}/user_config", percent_encode(cluster_id)), "DescribeClusterUserKubeconfig")
    }

    pub fn query_string(&self) -> String {
        self.query
            .iter()
            .map(|(key, value)| format!("{}={}", percent_encode(key), percent_encode(value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The headers the SDK sends, signed with `keys` for `host`, Authorization last.
    pub fn signed_headers(&self, host: &str, keys: &Keys) -> Vec<(String, String)> {
        let mut headers = vec![
            ("host".to_string(), host.to_string()),
            ("x-acs-action".to_string(), self.action.clone()),
            ("x-acs-version".to_string(), "2015-12-15".to_string()),
            ("x-acs-date".to_string(), self.date.clone()),
            ("x-acs-signature-nonce".to_string(), self.nonce.clone()),
            ("x-acs-content-sha256".to_string(), sha256_hex(&self.body)),
            ("accept".to_string(), "application/json".to_string()),
        ];
        if let Some(token) = &keys.security_token {
            headers.push(("x-acs-security-token".to_string(), token.clone()));
            headers.push(("x-acs-accesskey-id".to_string(), keys.access_key_id.clone()));
        }
        let hashed = sha256_hex(&self.body);
        let request = v3::Request {
            method: self.method.as_str(),
            path: &self.path,
            query: &self.query,
            headers: &headers,
            hashed_payload: &hashed,
        };
        let authorization = v3::authorization(&request, &keys.access_key_id, &keys.access_key_secret);
        headers.push(("authorization".to_string(), authorization));
        headers
    }
}

/// What came back.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub raw: String,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }
}

pub fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// Sends `call` signed with `keys`, after letting `tamper` change the request (query, headers) post-signing.
pub async fn send_with(
    endpoint: &str,
    call: &Call,
    keys: &Keys,
    tamper: impl FnOnce(&mut String, &mut Vec<(String, String)>),
) -> Answer {
    let host = endpoint.split("://").nth(1).unwrap().to_string();
    let mut headers = call.signed_headers(&host, keys);
    let mut query = call.query_string();
    tamper(&mut query, &mut headers);
    let url =
        if query.is_empty() { format!("{endpoint}{}", call.path) } else { format!("{endpoint}{}?{query}", call.path) };
    let mut request = client().request(call.method.clone(), url).body(call.body.clone());
    for (name, value) in headers {
        request = request.header(name, value);
    }
    answer(request.send().await.unwrap()).await
}

pub async fn send(endpoint: &str, call: &Call, keys: &Keys) -> Answer {
    send_with(endpoint, call, keys, |_, _| {}).await
}

pub async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status();
    let headers = response.headers().clone();
    let raw = response.text().await.unwrap();
    let body = serde_json::from_str(&raw).unwrap_or(Value::Null);
    Answer { status, headers, body, raw }
}

pub fn format_date(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    at.format(format).unwrap()
}

pub fn random_nonce() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).unwrap();
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Fetches a kubeconfig with the demo keys and returns the YAML.
pub async fn fetch_kubeconfig(sandbox: &Sandbox, cluster_id: &str, extra_query: &[(&str, &str)]) -> (String, String) {
    let mut call = Call::kubeconfig(cluster_id);
    for (key, value) in extra_query {
        call = call.query(key, value);
    }
    let answer = send(&sandbox.endpoint(), &call, &Keys::demo()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.raw);
    (answer.body["config"].as_str().unwrap().to_string(), answer.body["expiration"].as_str().unwrap().to_string())
}

/// The `base64` value of `key:` in a kubeconfig, decoded.
pub fn kubeconfig_field(config: &str, key: &str) -> String {
    use base64::Engine as _;
    let line = config.lines().find(|line| line.trim_start().starts_with(&format!("{key}:"))).unwrap();
    let value = line.split_once(':').unwrap().1.trim();
    String::from_utf8(base64::engine::general_purpose::STANDARD.decode(value).unwrap()).unwrap()
}

/// The `server:` of a kubeconfig.
pub fn kubeconfig_server(config: &str) -> String {
    let line = config.lines().find(|line| line.trim_start().starts_with("server:")).unwrap();
    line.trim_start().trim_start_matches("server:").trim().to_string()
}
