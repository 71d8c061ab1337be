//! The API server's TLS (its certificate verified with the context's CA and covering the address, that CA
//! being the one ACK has for the cluster, the client certificate accepted) and its reachability, both read
//! from one `probe`. TLS is reported before reachability, as the checks are numbered, but needs a
//! connection: when there is none it is skipped, pointing at the reachability check below it.
//!
//! Failures are worded by `commands::apiserver`, as for `get-credentials --verify`.

use crate::ops::Part;
use std::time::Duration;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use rustls::{CertificateError, RootCertStore};

use super::AckCluster;
use super::certificate::ClientIdentity;
use super::probe::{self, Endpoint, ProbeOutcome, Request, Tls, Trust};
use super::report::{Check, CheckName, Finding};
use crate::ack::{Access, FetchedKubeconfig};
use crate::cert;
use crate::kubeconfig::ResolvedContext;
use crate::ops::apiserver::{Failure, Target, explain};
use crate::ops::inspect::read_material;
use crate::ops::proxy::{Proxy, ProxyEnvironment, TunnelError, proxy_for};
use crate::output;
use crate::output::error_chain;

/// What the connection checks look at.
pub(super) struct Subject<'a, 'c> {
    pub resolved: Option<&'a ResolvedContext<'c>>,
    pub cluster: Option<&'a AckCluster>,
    /// ACK's answer to the permission check: the cluster's current server and CA.
    pub ack: Option<&'a FetchedKubeconfig>,
    /// The client certificate and key, when they belong together.
    pub client: Option<&'a ClientIdentity>,
    pub renew: Option<&'a str>,
    /// `HTTPS_PROXY` and `NO_PROXY`, for a cluster entry without `proxy-url`.
    pub proxies: &'a ProxyEnvironment,
    /// For a RAM identity token user: the token its plugin would hand kubectl now.
    pub bearer: Option<&'a str>,
}

pub(super) fn check(subject: &Subject<'_, '_>, timeout: Duration) -> [Check; 2] {
    let Some(resolved) = subject.resolved else {
        return both_skipped(super::NO_CONTEXT);
    };
    let Some(server) = resolved.server().filter(|server| !server.is_empty()) else {
        return both_skipped("the context's cluster entry has no server address");
    };
    let renew = subject.renew.unwrap_or("kubectl ack get-credentials CLUSTER");
    let Some(endpoint) = Endpoint::parse(server) else {
        let message = format!("the server {server} is not an https:// URL with a host and port");
        let tls = Check::new(CheckName::Tls, vec![Finding::fail(message, Some(refetch(renew)))]);
        let why = "the server address cannot be used (see API server TLS)";
        return [tls, Check::skipped(CheckName::Reachability, why)];
    };
    let target = Target {
        access: subject.cluster.map(|cluster| cluster.access).unwrap_or(Access::Public),
        server,
        cluster_id: subject.cluster.map(|cluster| cluster.id.as_str()),
        renew: subject.renew,
    };
    let (trust, mut tls_findings) = trust(resolved, subject.ack, renew);
    let verifying = matches!(trust, Trust::Ca(_));
    let server_name = resolved.cluster.as_ref().and_then(|cluster| cluster.str_field("tls-server-name"));
    let server_name = server_name.filter(|name| !name.is_empty()).unwrap_or(&endpoint.host);
    let cluster_proxy = resolved.cluster.as_ref().and_then(|cluster| cluster.str_field("proxy-url"));
    let proxy = proxy_for(cluster_proxy, &endpoint.host, subject.proxies);
    let request = Request {
        endpoint: &endpoint,
        proxy: proxy.as_ref(),
        server_name,
        trust,
        client: subject.client,
        bearer: subject.bearer,
        timeout,
    };
    let outcome = probe::probe(&request);

    let context_ca = context_ca_pem(resolved);
    let seen = Handshake {
        target: &target,
        verifying,
        server_name,
        context_ca: context_ca.as_deref(),
        renew,
        token: subject.bearer.is_some(),
    };
    tls_findings.extend(seen.findings(&outcome));
    let mut reach_findings = vec![reachability_finding(&outcome, &endpoint, proxy.as_ref(), &target, timeout)];
    reach_findings.extend(ack_address(subject.ack, server, target.access, renew));
    [Check::new(CheckName::Tls, tls_findings), Check::new(CheckName::Reachability, reach_findings)]
}

fn both_skipped(why: &str) -> [Check; 2] {
    [Check::skipped(CheckName::Tls, why), Check::skipped(CheckName::Reachability, why)]
}

fn refetch(renew: &str) -> String {
    format!("fetch the credentials again: `{renew}`")
}

/// Whom the handshake trusts, as kubectl would, with what is worth saying about it.
fn trust(resolved: &ResolvedContext<'_>, ack: Option<&FetchedKubeconfig>, renew: &str) -> (Trust, Vec<Finding>) {
    let cluster = resolved.cluster.as_ref();
    if cluster.and_then(|cluster| cluster.body.get("insecure-skip-tls-verify")).and_then(|v| v.as_bool()) == Some(true)
    {
        let finding = Finding::warn(
            "insecure-skip-tls-verify is set: kubectl does not check the API server's identity",
            format!(
                "only ACK dedicated clusters whose SLB address is not in the certificate need it; otherwise fetch the \
                 credentials with the CA again: `{renew}`"
            ),
        );
        return (Trust::Anything, vec![finding]);
    }
    let Some(ca_pem) = context_ca_pem(resolved) else {
        let finding = Finding::warn(
            "the cluster entry has no CA: kubectl trusts this machine's CA roots, which doctor does not check",
            format!("record the cluster's CA by fetching the credentials again: `{renew}`"),
        );
        return (Trust::Anything, vec![finding]);
    };
    match roots(&ca_pem) {
        Some(roots) => (Trust::Ca(roots), ack.map(|ack| same_ca_as_ack(&ca_pem, ack, renew)).into_iter().collect()),
        None => {
            let finding = Finding::fail("the context's CA is not a PEM certificate", Some(refetch(renew)));
            (Trust::Anything, vec![finding])
        }
    }
}

/// The PEM of the cluster entry's CA, when it has one that can be read.
fn context_ca_pem(resolved: &ResolvedContext<'_>) -> Option<Vec<u8>> {
    read_material(resolved.name(), Part::CertificateAuthority, &resolved.certificate_authority()?).ok()
}

fn roots(ca_pem: &[u8]) -> Option<RootCertStore> {
    let mut roots = RootCertStore::empty();
    for certificate in CertificateDer::pem_slice_iter(ca_pem) {
        roots.add(certificate.ok()?).ok()?;
    }
    (!roots.is_empty()).then_some(roots)
}

/// The context's CA against the one in ACK's answer to the permission check.
fn same_ca_as_ack(ca_pem: &[u8], ack: &FetchedKubeconfig, renew: &str) -> Finding {
    let first = |pem: &[u8]| CertificateDer::pem_slice_iter(pem).next().and_then(Result::ok);
    let ack_ca = cert::decode_base64_field(&ack.certificate_authority_data).ok();
    if first(ca_pem).is_some() && first(ca_pem) == ack_ca.as_deref().and_then(first) {
        Finding::pass("the context's CA is the one ACK has for the cluster")
    } else {
        Finding::fail(
            "the context's CA is not the one ACK has for the cluster: it belongs to another cluster, or the cluster's CA \
             was rotated",
            Some(refetch(renew)),
        )
    }
}

/// What the handshake findings are judged against.
struct Handshake<'a> {
    target: &'a Target<'a>,
    /// Whether the server's certificate was verified (the context has a CA and does not skip verification).
    verifying: bool,
    server_name: &'a str,
    context_ca: Option<&'a [u8]>,
    renew: &'a str,
    /// A RAM identity token was presented instead of a client certificate.
    token: bool,
}

impl Handshake<'_> {
    fn findings(&self, outcome: &ProbeOutcome) -> Vec<Finding> {
        let ProbeOutcome::Connected(tls) = outcome else {
            return vec![skip_finding("there is no TLS connection to the API server (see Reachability)")];
        };
        match tls {
            Tls::Closed(error) => vec![Finding::fail(
                format!("the connection was closed during the TLS handshake ({error}): this may not be an API server"),
                Some("compare the server address with the cluster's endpoints in `kubectl ack clusters`".into()),
            )],
            Tls::Rejected { error, presented } => {
                vec![rejected(error, presented.as_ref(), self.target, self.context_ca, self.renew)]
            }
            Tls::Established { version } => {
                let verified = self.verifying.then(|| {
                    Finding::pass(format!(
                        "the API server's certificate is signed by the context's CA and valid for {}",
                        self.server_name
                    ))
                });
                let accepted = version.as_ref().map(|version| match self.token {
                    true => token_authentication(version),
                    false => authentication(version, self.target, self.renew),
                });
                verified.into_iter().chain(accepted).collect()
            }
        }
    }
}

fn skip_finding(why: &str) -> Finding {
    Finding { status: output::Verdict::Skip, message: format!("skipped: {why}"), fix: None }
}

/// A failed handshake, with what the presented certificate says about why.
fn rejected(
    error: &rustls::Error,
    presented: Option<&CertificateDer<'static>>,
    target: &Target<'_>,
    context_ca: Option<&[u8]>,
    renew: &str,
) -> Finding {
    let diagnosis = match error {
        rustls::Error::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        ) => explain(&Failure::NameMismatch, target, &covered_names(presented)),
        rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer) => {
            explain(&Failure::UnknownIssuer, target, &issuers(presented, context_ca))
        }
        rustls::Error::InvalidCertificate(CertificateError::Expired | CertificateError::ExpiredContext { .. }) => {
            explain(&Failure::Expired, target, "the API server's certificate")
        }
        rustls::Error::AlertReceived(alert) => {
            return Finding::fail(
                format!(
                    "the API server ended the handshake with the TLS alert {alert:?}: it refuses the client certificate"
                ),
                Some(refetch(renew)),
            );
        }
        other => explain(&Failure::Other, target, &format!("the TLS handshake failed: {other}")),
    };
    Finding::fail(diagnosis.problem, Some(diagnosis.hint))
}

fn covered_names(presented: Option<&CertificateDer<'static>>) -> String {
    match presented.and_then(|der| cert::alt_names(der).ok()) {
        Some(names) if !names.is_empty() => format!("it is valid for {}", names.join(", ")),
        Some(_) => "it names no address".to_string(),
        None => String::new(),
    }
}

fn issuers(presented: Option<&CertificateDer<'static>>, context_ca: Option<&[u8]>) -> String {
    let issuer = presented.and_then(|der| cert::inspect(der).ok()).map(|facts| facts.issuer);
    let ca = context_ca.and_then(|pem| cert::inspect(pem).ok()).map(|facts| facts.subject);
    match (issuer, ca) {
        (Some(issuer), Some(ca)) => format!("issued by \"{issuer}\"; the context's CA is \"{ca}\""),
        (Some(issuer), None) => format!("issued by \"{issuer}\""),
        _ => String::new(),
    }
}

/// `GET /version` with the client certificate: accepted, refused (401), or something else.
/// The answer to `GET /version` with a RAM identity token: a 401 has three usual causes, each with its fix.
fn token_authentication(version: &std::io::Result<u16>) -> Finding {
    match version {
        Ok(code) if (200..300).contains(code) => {
            Finding::pass(format!("the API server accepted the RAM identity token (GET /version: {code})"))
        }
        Ok(401) => Finding::fail(
            "the API server refused the RAM identity token (401 Unauthorized)",
            Some(
                "check, in this order: that the ack-ram-authenticator add-on is installed on the cluster (Add-ons in the \
                 ACK console); that a RAMIdentityMapping maps this RAM user or role (`kubectl get ramidentitymappings` \
                 as an administrator); that this machine's clock is right (STS refuses tokens more than 15 minutes off)"
                    .into(),
            ),
        ),
        Ok(code) => Finding::warn(
            format!("the API server answered GET /version with {code}"),
            "check the cluster's state with `kubectl ack clusters`",
        ),
        Err(error) => Finding::warn(
            format!("no answer to GET /version ({})", error_chain(error)),
            "run `kubectl get --raw /version -v=6` to see what the API server does",
        ),
    }
}

fn authentication(version: &std::io::Result<u16>, target: &Target<'_>, renew: &str) -> Finding {
    match version {
        Ok(code) if (200..300).contains(code) => {
            Finding::pass(format!("the API server accepted the client certificate (GET /version: {code})"))
        }
        Ok(401) => {
            let diagnosis = explain(&Failure::Unauthorized { message: "Unauthorized".into() }, target, "");
            Finding::fail(diagnosis.problem, Some(diagnosis.hint))
        }
        Ok(code) => Finding::warn(
            format!("the API server answered GET /version with {code}"),
            "check the cluster's state with `kubectl ack clusters`",
        ),
        Err(error) => match probe::tls_error(error) {
            Some(rustls::Error::AlertReceived(alert)) => Finding::fail(
                format!(
                    "the API server ended the connection with the TLS alert {alert:?}: it refuses the client certificate"
                ),
                Some(refetch(renew)),
            ),
            _ => Finding::warn(
                format!("no answer to GET /version ({})", error_chain(error)),
                "run `kubectl get --raw /version -v=6` to see what the API server does",
            ),
        },
    }
}

fn reachability_finding(
    outcome: &ProbeOutcome,
    endpoint: &Endpoint,
    proxy: Option<&Proxy>,
    target: &Target<'_>,
    timeout: Duration,
) -> Finding {
    let limit = output::short_duration(timeout);
    let through =
        proxy.map(|proxy| format!(" through the proxy {} ({})", proxy.shown(), proxy.origin)).unwrap_or_default();
    let diagnosis = match outcome {
        ProbeOutcome::Silent => explain(
            &Failure::Unreachable,
            target,
            &format!("it accepted the connection but did not answer within {limit}"),
        ),
        ProbeOutcome::Connected(_) => {
            return Finding::pass(format!("{} accepts connections and answers{through}", endpoint.address()));
        }
        ProbeOutcome::Proxy(error) => return proxy_finding(error, proxy),
        ProbeOutcome::Unresolved(error) => {
            return Finding::fail(
                format!("cannot resolve {}: {error}", endpoint.host),
                Some("check the server address in the kubeconfig, and this machine's DNS".into()),
            );
        }
        ProbeOutcome::Refused => explain(&Failure::Refused, target, "connection refused"),
        ProbeOutcome::TimedOut => explain(&Failure::Unreachable, target, &format!("no connection within {limit}")),
        ProbeOutcome::ConnectFailed(error) => explain(&Failure::Unreachable, target, &error.to_string()),
    };
    Finding::fail(diagnosis.problem, Some(diagnosis.hint))
}

/// The proxy kubectl goes through failed before the API server could be asked.
fn proxy_finding(error: &TunnelError, proxy: Option<&Proxy>) -> Finding {
    let (shown, origin) = proxy.map(|proxy| (proxy.shown(), proxy.origin)).unwrap_or_default();
    match error {
        TunnelError::Unreachable(error) => Finding::fail(
            format!("the proxy {shown} ({origin}) cannot be reached: {error}"),
            Some(format!("start the proxy or the bastion tunnel, or correct {origin}")),
        ),
        TunnelError::Refused(why) => Finding::fail(
            format!("the proxy {shown} ({origin}) would not connect to the API server: {why}"),
            Some("check that the proxy allows CONNECT to the API server's address and port".into()),
        ),
        TunnelError::Unsupported => Finding::warn(
            format!(
                "the API server is reached through the https:// proxy {shown} ({origin}), which doctor cannot go through"
            ),
            "check the connection with `kubectl get --raw /version -v=6`",
        ),
    }
}

/// A context pointing elsewhere than the address ACK gives for the cluster is out of date.
fn ack_address(ack: Option<&FetchedKubeconfig>, server: &str, access: Access, renew: &str) -> Option<Finding> {
    let ack = ack.filter(|ack| ack.server.trim_end_matches('/') != server.trim_end_matches('/'))?;
    Some(Finding::warn(
        format!("ACK gives {} as the cluster's {} address, but the context uses {server}", ack.server, access.as_str()),
        refetch(renew),
    ))
}
