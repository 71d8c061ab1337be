//! `--verify`: connect with the new credentials and list namespaces (step 4 of the ACK docs), and
//! when that fails, say why in the terms of the ACK FAQ.

use std::time::Duration;

use k8s_openapi::api::core::v1::Namespace;
use kube::api::{Api, ListParams};
use kube::config::{KubeConfigOptions, Kubeconfig};

use super::merge::{self, Fetched};
use super::naming::{Access, EntryNames};

/// Why the new context could not list namespaces; `hint` says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub problem: String,
    pub hint: String,
}

/// Lists namespaces with exactly the entries that were written; returns how many there are.
pub async fn list_namespaces(names: &EntryNames, fetched: &Fetched, timeout: Duration) -> Result<usize, Diagnosis> {
    let text = merge::standalone(names, fetched).to_yaml().map_err(|error| unexpected(&error))?;
    let kubeconfig = Kubeconfig::from_yaml(&text).map_err(|error| unexpected(&error))?;
    let options = KubeConfigOptions { context: Some(names.context.clone()), ..KubeConfigOptions::default() };
    let mut config =
        kube::Config::from_custom_kubeconfig(kubeconfig, &options).await.map_err(|error| unexpected(&error))?;
    config.connect_timeout = Some(timeout);
    config.read_timeout = Some(timeout);
    let client = kube::Client::try_from(config).map_err(|error| unexpected(&error))?;
    let namespaces = Api::<Namespace>::all(client)
        .list(&ListParams::default())
        .await
        .map_err(|error| diagnose(&error, fetched.provenance.access, &fetched.credentials.server))?;
    Ok(namespaces.items.len())
}

fn unexpected(error: &dyn std::error::Error) -> Diagnosis {
    Diagnosis { problem: chain_text(error), hint: "report this with the output of --verbose".into() }
}

/// The error and all its causes as one line, for matching and for the message.
fn chain_text(error: &dyn std::error::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut cause = error.source();
    while let Some(current) = cause {
        parts.push(current.to_string());
        cause = current.source();
    }
    parts.join(": ")
}

fn diagnose(error: &kube::Error, access: Access, server: &str) -> Diagnosis {
    if let kube::Error::Api(status) = error {
        return match status.code {
            401 => Diagnosis {
                problem: format!("the API server refused the certificate (401 {})", status.message),
                hint: "the certificate is expired or was revoked: fetch new credentials with `kubectl ack get-credentials`"
                    .into(),
            },
            403 => Diagnosis {
                problem: format!("the certificate was accepted but may not list namespaces (403: {})", status.message),
                hint: "the credentials work; ask a cluster admin for RBAC permissions (ACK console: Authorizations)"
                    .into(),
            },
            code => Diagnosis {
                problem: format!("the API server answered {code}: {}", status.message),
                hint: "check the cluster's state with `kubectl ack clusters`".into(),
            },
        };
    }
    let text = chain_text(error);
    let lower = text.to_ascii_lowercase();
    if lower.contains("notvalidforname")
        || lower.contains("not valid for")
        || lower.contains("certificate is valid for")
    {
        return Diagnosis {
            problem: format!("x509: the API server's certificate is not valid for {server} ({text})"),
            hint: "this happens when a new IP is bound to the API server's SLB. ACK managed clusters: add the address \
                   to the API server certificate's SANs (ACK console, cluster information). ACK dedicated clusters: \
                   fetch again with --insecure-skip-tls-verify (not for production)"
                .into(),
        };
    }
    if lower.contains("expired") {
        return Diagnosis {
            problem: format!("a certificate has expired ({text})"),
            hint: "fetch new credentials with `kubectl ack get-credentials`, and check this machine's clock".into(),
        };
    }
    if lower.contains("unknownissuer") || lower.contains("unknown issuer") {
        return Diagnosis {
            problem: format!("the API server's certificate is not signed by the cluster CA ({text})"),
            hint: "something between you and the cluster presents another certificate (a proxy?)".into(),
        };
    }
    let unreachable = lower.contains("connect") || lower.contains("timed out") || lower.contains("timeout");
    match (unreachable, access) {
        (true, Access::Private) => Diagnosis {
            problem: format!("cannot reach the intranet address {server} ({text})"),
            hint: "the intranet address is reachable only from inside the cluster's VPC (or over a VPN/Express \
                   Connect); from elsewhere, fetch the public credentials without --private"
                .into(),
        },
        (true, Access::Public) => Diagnosis {
            problem: format!("cannot reach the API server at {server} ({text})"),
            hint:
                "check that the cluster's API server has public access (an EIP) and that no firewall blocks port 6443"
                    .into(),
        },
        _ => Diagnosis { problem: text, hint: "run with --verbose and check the cluster in the ACK console".into() },
    }
}
