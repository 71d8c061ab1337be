//! A fake Kubernetes API server per cluster endpoint: TLS with the cluster CA, client-certificate
//! authentication like kube-apiserver's x509 authenticator (chain, validity on the sandbox clock, not
//! revoked), RAM identity tokens as ack-ram-authenticator checks them (`authenticate_token`), and just
//! enough API for the real kubectl: version, discovery, namespaces (also as a `Table`), and
//! SelfSubjectReview for `kubectl auth whoami`.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use hyper::{Method, StatusCode};
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::clock::format_utc;
use crate::cloud::{Cloud, RecordedRequest, Service};
use crate::config::Cluster;
use crate::http::{self, Handler, Received, Reply};
use crate::pki::{CertificateAuthority, ClientIdentity};
use crate::sts;
use crate::tls;

/// The namespaces every ACK cluster starts with.
const NAMESPACES: [&str; 4] = ["default", "kube-node-lease", "kube-public", "kube-system"];

/// One listening fake API server.
pub(crate) struct ApiServer {
    cloud: Arc<Cloud>,
    cluster_id: String,
    /// Tokens that passed, by their SHA-256, until when (kube-apiserver caches webhook answers, 2 min).
    accepted_tokens: std::sync::Mutex<std::collections::HashMap<String, (ClientIdentity, std::time::Instant)>>,
    ca: Arc<CertificateAuthority>,
    address: SocketAddr,
    version: String,
    created: OffsetDateTime,
}

/// Binds a fake API server for `cluster` on `ip` (loopback) and starts serving it on `runtime`.
/// Returns its URL, `https://IP:PORT`.
pub(crate) fn start(
    runtime: &tokio::runtime::Handle,
    cloud: &Arc<Cloud>,
    cluster: &Cluster,
    ca: &Arc<CertificateAuthority>,
    ip: IpAddr,
    created: OffsetDateTime,
) -> std::io::Result<String> {
    let listener = http::bind_loopback(ip, 0)?;
    let address = listener.local_addr()?;
    let tls = tls::api_server_config(ca.serving_identity(ip, cluster.serving_cert_san_mismatch));
    let server = Arc::new(ApiServer {
        cloud: cloud.clone(),
        cluster_id: cluster.id.clone(),
        accepted_tokens: Default::default(),
        ca: ca.clone(),
        address,
        version: cluster.version.clone(),
        created,
    });
    runtime.spawn(http::serve(listener, Some(tls), handler(server)));
    Ok(format!("https://{address}"))
}

fn handler(server: Arc<ApiServer>) -> Handler {
    http::handler(server, |server, request| async move { server.handle(&request) })
}

impl ApiServer {
    fn handle(&self, request: &Received) -> Reply {
        let Some(identity) = self.authenticate(request) else {
            return status_reply(StatusCode::UNAUTHORIZED, "Unauthorized", "Unauthorized", None);
        };
        let as_table = request.header("accept").is_some_and(|accept| accept.contains("as=Table"));
        let path = request.path.trim_end_matches('/');
        match (&request.method, path) {
            (&Method::GET, "/version") => ok(self.version_info()),
            (&Method::GET, "/healthz" | "/livez" | "/readyz") => http::text(StatusCode::OK, "text/plain", "ok"),
            (&Method::GET, "/api") => ok(self.api_versions()),
            (&Method::GET, "/apis") => ok(api_group_list()),
            (&Method::GET, "/api/v1") => ok(core_resources()),
            (&Method::GET, "/apis/authentication.k8s.io/v1") => ok(authentication_resources()),
            (&Method::GET, "/api/v1/namespaces") => ok(self.namespaces(NAMESPACES.as_slice(), as_table)),
            (&Method::POST, "/apis/authentication.k8s.io/v1/selfsubjectreviews") => {
                http::json(StatusCode::CREATED, &self_subject_review(&identity))
            }
            (&Method::GET, path) if path.starts_with("/api/v1/namespaces/") => {
                self.namespace(&path["/api/v1/namespaces/".len()..], as_table)
            }
            _ => status_reply(
                StatusCode::NOT_FOUND,
                "NotFound",
                "the server could not find the requested resource",
                None,
            ),
        }
    }

    /// A client certificate, else a RAM identity token.
    fn authenticate(&self, request: &Received) -> Option<ClientIdentity> {
        match request.peer_certificates.first() {
            Some(certificate) => self.authenticate_certificate(certificate),
            None => self.authenticate_token(request.header("authorization")?.strip_prefix("Bearer ")?),
        }
    }

    /// The x509 authenticator: a certificate chaining to the cluster CA, valid now (sandbox clock), not revoked.
    fn authenticate_certificate(&self, certificate: &rustls::pki_types::CertificateDer<'_>) -> Option<ClientIdentity> {
        let now = self.cloud.clock.now();
        let identity = self.ca.verify_client(certificate, now)?;
        if self.cloud.is_revoked(&identity.serial) {
            return None;
        }
        // ACK's CN is `<uid>-<unix time>`: the audit log's record of who was active (the 7-day check).
        let uid = identity.username.split('-').next().unwrap_or_default();
        self.cloud.record_activity(&self.cluster_id, uid, now);
        Some(identity)
    }

    /// ack-ram-authenticator's webhook, its answer cached for two minutes as kube-apiserver caches it.
    /// Verifying: the token taken apart (at most 4,096 bytes, `k8s-ack-v2.`, standard
    /// base64, JSON, this cluster's ID, whitelisted headers only, GetCallerIdentity), its presigned request
    /// replayed to STS (here in-process, recorded as STS's request), and the identity mapped to a user:
    /// the ARN as the user name (an assumed role's session as its role's ARN, as ack-ram-authenticator
    /// canonicalises it), with the group `ack:ram-identities`.
    fn authenticate_token(&self, token: &str) -> Option<ClientIdentity> {
        const CACHE_FOR: std::time::Duration = std::time::Duration::from_secs(120);
        let key = acs_sign::sha256_hex(token.as_bytes());
        let mut cache = self.accepted_tokens.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((identity, _)) = cache.get(&key).filter(|(_, until)| std::time::Instant::now() < *until) {
            return Some(identity.clone());
        }
        let identity = self.verify_token(token)?;
        cache.insert(key, (identity.clone(), std::time::Instant::now() + CACHE_FOR));
        Some(identity)
    }

    fn verify_token(&self, token: &str) -> Option<ClientIdentity> {
        let presigned = acs_sign::ram_token::parse(token, &self.cluster_id).ok()?;
        self.cloud.count_token_verification();
        let verified = sts::verify_presigned(&self.cloud, "POST", "/", &presigned.query, &presigned.headers, b"");
        self.cloud.record(RecordedRequest {
            service: Service::Sts,
            method: "POST".into(),
            path: "/".into(),
            query: presigned.query.clone(),
            action: Some("GetCallerIdentity".into()),
            access_key_id: presigned
                .headers
                .iter()
                .find(|(name, _)| name == "authorization")
                .and_then(|(_, value)| acs_sign::v3::parse_authorization(value))
                .map(|parsed| parsed.access_key_id),
            status: if verified.is_ok() { 200 } else { 400 },
            error_code: verified.as_ref().err().map(|error| error.code.to_string()),
        });
        let identity = sts::caller_identity(&self.cloud, &verified.ok()?);
        let arn = identity["Arn"].as_str().unwrap_or_default();
        Some(ClientIdentity {
            username: canonical_arn(arn),
            groups: vec!["ack:ram-identities".into()],
            serial: String::new(),
        })
    }

    fn version_info(&self) -> Value {
        let mut numbers = self.version.split(['.', '-']);
        let major = numbers.next().unwrap_or("1");
        let minor = numbers.next().unwrap_or("0");
        json!({
            "major": major,
            "minor": minor,
            "gitVersion": format!("v{}", self.version),
            "gitCommit": "0000000000000000000000000000000000000000",
            "gitTreeState": "clean",
            "buildDate": "2025-07-01T00:00:00Z",
            "goVersion": "go1.24.4",
            "compiler": "gc",
            "platform": "linux/amd64",
        })
    }

    fn api_versions(&self) -> Value {
        json!({
            "kind": "APIVersions",
            "versions": ["v1"],
            "serverAddressByClientCIDRs": [{ "clientCIDR": "0.0.0.0/0", "serverAddress": self.address.to_string() }],
        })
    }

    fn namespace(&self, name: &str, as_table: bool) -> Reply {
        if !NAMESPACES.contains(&name) {
            let message = format!("namespaces \"{name}\" not found");
            let details = json!({ "name": name, "kind": "namespaces" });
            return status_reply(StatusCode::NOT_FOUND, "NotFound", &message, Some(details));
        }
        if as_table {
            return ok(self.namespaces(&[name], true));
        }
        ok(self.namespace_object(name))
    }

    fn namespaces(&self, names: &[&str], as_table: bool) -> Value {
        if as_table {
            return self.namespace_table(names);
        }
        let items: Vec<Value> = names.iter().map(|name| self.namespace_object(name)).collect();
        json!({ "kind": "NamespaceList", "apiVersion": "v1", "metadata": { "resourceVersion": "1000" }, "items": items })
    }

    fn namespace_metadata(&self, name: &str) -> Value {
        json!({
            "name": name,
            "uid": namespace_uid(name),
            "resourceVersion": "1000",
            "creationTimestamp": format_utc(self.created),
            "labels": { "kubernetes.io/metadata.name": name },
        })
    }

    fn namespace_object(&self, name: &str) -> Value {
        json!({
            "kind": "Namespace",
            "apiVersion": "v1",
            "metadata": self.namespace_metadata(name),
            "spec": { "finalizers": ["kubernetes"] },
            "status": { "phase": "Active" },
        })
    }

    /// The `meta.k8s.io/v1` Table kubectl asks for, with the columns kube-apiserver prints for namespaces.
    fn namespace_table(&self, names: &[&str]) -> Value {
        let age = human_age(self.cloud.clock.now() - self.created);
        let rows: Vec<Value> = names
            .iter()
            .map(|name| {
                json!({
                    "cells": [name, "Active", age],
                    "object": {
                        "kind": "PartialObjectMetadata",
                        "apiVersion": "meta.k8s.io/v1",
                        "metadata": self.namespace_metadata(name),
                    },
                })
            })
            .collect();
        json!({
            "kind": "Table",
            "apiVersion": "meta.k8s.io/v1",
            "metadata": { "resourceVersion": "1000" },
            "columnDefinitions": [
                { "name": "Name", "type": "string", "format": "name", "description": "Name must be unique within a namespace.", "priority": 0 },
                { "name": "Status", "type": "string", "format": "", "description": "The status of the namespace", "priority": 0 },
                { "name": "Age", "type": "string", "format": "", "description": "CreationTimestamp is a timestamp representing the server time when this object was created.", "priority": 0 },
            ],
            "rows": rows,
        })
    }
}

fn ok(value: Value) -> Reply {
    http::json(StatusCode::OK, &value)
}

/// A Kubernetes `Status` failure, as kube-apiserver writes it.
fn status_reply(code: StatusCode, reason: &str, message: &str, details: Option<Value>) -> Reply {
    let mut status = json!({
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason,
        "code": code.as_u16(),
    });
    if let Some(details) = details {
        status["details"] = details;
    }
    http::json(code, &status)
}

fn api_group_list() -> Value {
    let version = json!({ "groupVersion": "authentication.k8s.io/v1", "version": "v1" });
    json!({
        "kind": "APIGroupList",
        "apiVersion": "v1",
        "groups": [{ "name": "authentication.k8s.io", "versions": [version], "preferredVersion": version }],
    })
}

fn core_resources() -> Value {
    json!({
        "kind": "APIResourceList",
        "groupVersion": "v1",
        "resources": [{
            "name": "namespaces",
            "singularName": "namespace",
            "namespaced": false,
            "kind": "Namespace",
            "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"],
            "shortNames": ["ns"],
            "storageVersionHash": "Q3oi5N2YM8M=",
        }],
    })
}

fn authentication_resources() -> Value {
    json!({
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": "authentication.k8s.io/v1",
        "resources": [
            { "name": "selfsubjectreviews", "singularName": "selfsubjectreview", "namespaced": false, "kind": "SelfSubjectReview", "verbs": ["create"] },
            { "name": "tokenreviews", "singularName": "tokenreview", "namespaced": false, "kind": "TokenReview", "verbs": ["create"] },
        ],
    })
}

/// What `kubectl auth whoami` prints: the certificate's CN and O values (plus the group every
/// authenticated user gets).
fn self_subject_review(identity: &ClientIdentity) -> Value {
    let mut groups = identity.groups.clone();
    groups.push("system:authenticated".to_string());
    json!({
        "kind": "SelfSubjectReview",
        "apiVersion": "authentication.k8s.io/v1",
        "metadata": { "creationTimestamp": null },
        "status": { "userInfo": { "username": identity.username, "groups": groups } },
    })
}

/// `acs:ram::<account>:assumed-role/<role>/<session>` → `acs:ram::<account>:role/<role>`, as
/// ack-ram-authenticator maps role sessions; other ARNs as they are.
fn canonical_arn(arn: &str) -> String {
    match arn.split_once(":assumed-role/") {
        Some((account, rest)) => format!("{account}:role/{}", rest.split('/').next().unwrap_or_default()),
        None => arn.to_string(),
    }
}

/// A stable UUID-shaped ID per namespace name.
fn namespace_uid(name: &str) -> String {
    let hash = acs_sign::sha256_hex(name.as_bytes());
    format!("{}-{}-{}-{}-{}", &hash[0..8], &hash[8..12], &hash[12..16], &hash[16..20], &hash[20..32])
}

/// kubectl's short ages: `45s`, `12m`, `5h`, `3d`.
fn human_age(age: time::Duration) -> String {
    let seconds = age.whole_seconds().max(0);
    match seconds {
        0..60 => format!("{seconds}s"),
        60..3600 => format!("{}m", seconds / 60),
        3600..172_800 => format!("{}h", seconds / 3600),
        _ => format!("{}d", seconds / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_like_kubectls() {
        assert_eq!(human_age(time::Duration::seconds(5)), "5s");
        assert_eq!(human_age(time::Duration::minutes(12)), "12m");
        assert_eq!(human_age(time::Duration::hours(5)), "5h");
        assert_eq!(human_age(time::Duration::days(3)), "3d");
    }
}
