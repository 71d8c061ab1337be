//! `--verify`: connect with the new credentials and list namespaces (step 4 of the ACK docs), and
//! when that fails, say why in the terms of the ACK FAQ (worded in `ops::apiserver`, which `doctor`
//! shares).

use std::time::Duration;

use k8s_openapi::api::core::v1::Namespace;
use kube::api::{Api, ListParams};
use kube::config::{KubeConfigOptions, Kubeconfig};

use super::apiserver::{Diagnosis, Failure, Target, explain};
use super::merge::{self, ContextWrite};
use super::proxy::{ProxyEnvironment, proxy_for};
use crate::ack::{Access, EntryNames};
use crate::kubeconfig::Section;
use crate::output::error_chain;
use crate::t;

/// Lists namespaces with exactly the entries that were written (through their proxy-url, else
/// `HTTPS_PROXY` as kubectl would); returns how many there are.
pub async fn list_namespaces(
    names: &EntryNames,
    write: &ContextWrite,
    bearer: Option<&str>,
    timeout: Duration,
    proxies: &ProxyEnvironment,
) -> Result<usize, Diagnosis> {
    let mut document = merge::standalone(names, write);
    if let Some(token) = bearer {
        // A token user: what the exec plugin would hand kubectl, presented directly.
        document.upsert(Section::Users, &names.user, |body| {
            body.clear();
            body.insert("token".into(), token.into());
        });
    }
    let text = document.to_yaml().map_err(|error| unexpected(&error))?;
    let kubeconfig = Kubeconfig::from_yaml(&text).map_err(|error| unexpected(&error))?;
    let options = KubeConfigOptions { context: Some(names.context.clone()), ..KubeConfigOptions::default() };
    let mut config =
        kube::Config::from_custom_kubeconfig(kubeconfig, &options).await.map_err(|error| unexpected(&error))?;
    // client-go's choice, not kube's (which reads the process's HTTPS_PROXY itself and lets NO_PROXY
    // cancel even an explicit proxy-url): the cluster's proxy-url, else HTTPS_PROXY unless excluded.
    let host = config.cluster_url.host().unwrap_or_default().trim_matches(['[', ']']).to_string();
    config.proxy_url =
        proxy_for(write.options.proxy_url.as_deref(), &host, proxies).and_then(|proxy| proxy.url().parse().ok());
    config.connect_timeout = Some(timeout);
    config.read_timeout = Some(timeout);
    let client = kube::Client::try_from(config).map_err(|error| unexpected(&error))?;
    let namespaces = Api::<Namespace>::all(client)
        .list(&ListParams::default())
        .await
        .map_err(|error| diagnose(&error, write.provenance.access, &write.kubeconfig.server))?;
    Ok(namespaces.items.len())
}

fn unexpected(error: &dyn std::error::Error) -> Diagnosis {
    Diagnosis { problem: error_chain(error), hint: t!("verify-unexpected-hint") }
}

/// kube's error as a [`Failure`]: by status for API answers, else by the words of the TLS or connection error.
fn diagnose(error: &kube::Error, access: Access, server: &str) -> Diagnosis {
    let target = Target { access, server, cluster_id: None, renew: None };
    if let kube::Error::Api(status) = error {
        let message = status.message.clone();
        let failure = match status.code {
            401 => Failure::Unauthorized { message },
            403 => Failure::Forbidden { message },
            code => Failure::Status { code, message },
        };
        return explain(&failure, &target, "");
    }
    let text = error_chain(error);
    explain(&classify(&text), &target, &text)
}

/// kube wraps rustls' and hyper's errors in text only, so the words are all there is to go by.
fn classify(text: &str) -> Failure {
    let lower = text.to_ascii_lowercase();
    if lower.contains("notvalidforname")
        || lower.contains("not valid for")
        || lower.contains("certificate is valid for")
    {
        Failure::NameMismatch
    } else if lower.contains("expired") {
        Failure::Expired
    } else if lower.contains("unknownissuer") || lower.contains("unknown issuer") {
        Failure::UnknownIssuer
    } else if lower.contains("connect") || lower.contains("timed out") || lower.contains("timeout") {
        Failure::Unreachable
    } else {
        Failure::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubes_error_words_are_classified() {
        let cases = [
            ("invalid peer certificate: NotValidForName", Failure::NameMismatch),
            ("certificate is valid for kubernetes.invalid, not 127.0.0.1", Failure::NameMismatch),
            ("invalid peer certificate: Expired", Failure::Expired),
            ("invalid peer certificate: UnknownIssuer", Failure::UnknownIssuer),
            ("client error (Connect): tcp connect error: Connection refused", Failure::Unreachable),
            ("operation timed out", Failure::Unreachable),
            ("something else", Failure::Other),
        ];
        for (text, failure) in cases {
            assert_eq!(classify(text), failure, "{text}");
        }
    }
}
