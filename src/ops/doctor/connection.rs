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
use super::certificate::refetch;
use super::probe::{self, Endpoint, ProbeOutcome, Request, Tls, Trust};
use super::report::{Check, CheckName, Finding};
use crate::ack::{Access, FetchedKubeconfig};
use crate::cert;
use crate::i18n::Bilingual;
use crate::kubeconfig::ResolvedContext;
use crate::ops::apiserver::Diagnosis;
use crate::ops::apiserver::{Failure, Target, explain};
use crate::ops::inspect::read_material;
use crate::ops::proxy::{Proxy, ProxyEnvironment, TunnelError, proxy_for};
use crate::output;
use crate::output::error_chain;
use crate::{both, t};

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
        return both_skipped(&super::no_context());
    };
    let Some(server) = resolved.server().filter(|server| !server.is_empty()) else {
        return both_skipped(&both!("doctor-no-server"));
    };
    let renew = subject.renew.unwrap_or("kubectl ack get-credentials CLUSTER");
    let Some(endpoint) = Endpoint::parse(server) else {
        let message = both!("doctor-server-unusable", server = server);
        let tls = Check::new(CheckName::Tls, vec![Finding::fail(message, Some(refetch(renew)))]);
        return [tls, Check::skipped(CheckName::Reachability, &both!("doctor-server-unusable-see-tls"))];
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

fn both_skipped(why: &Bilingual) -> [Check; 2] {
    [Check::skipped(CheckName::Tls, why), Check::skipped(CheckName::Reachability, why)]
}

/// A diagnosis of `apiserver::explain` as a failed finding (explained once per language).
fn diagnosed(explain: impl Fn() -> Diagnosis) -> Finding {
    Finding::fail(Bilingual::of(|| explain().problem), Some(Bilingual::of(|| explain().hint)))
}

/// Whom the handshake trusts, as kubectl would, with what is worth saying about it.
fn trust(resolved: &ResolvedContext<'_>, ack: Option<&FetchedKubeconfig>, renew: &str) -> (Trust, Vec<Finding>) {
    let cluster = resolved.cluster.as_ref();
    if cluster.and_then(|cluster| cluster.body.get("insecure-skip-tls-verify")).and_then(|v| v.as_bool()) == Some(true)
    {
        let finding = Finding::warn(
            both!("doctor-insecure-skip-tls-verify"),
            both!("doctor-insecure-skip-tls-verify-fix", command = renew),
        );
        return (Trust::Anything, vec![finding]);
    }
    let Some(ca_pem) = context_ca_pem(resolved) else {
        let finding = Finding::warn(both!("doctor-no-ca"), both!("doctor-no-ca-fix", command = renew));
        return (Trust::Anything, vec![finding]);
    };
    match roots(&ca_pem) {
        Some(roots) => (Trust::Ca(roots), ack.map(|ack| same_ca_as_ack(&ca_pem, ack, renew)).into_iter().collect()),
        None => {
            let finding = Finding::fail(both!("doctor-ca-not-pem"), Some(refetch(renew)));
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
        Finding::pass(both!("doctor-ca-matches-ack"))
    } else {
        Finding::fail(both!("doctor-ca-differs-from-ack"), Some(refetch(renew)))
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
            return vec![Finding::skipped(&both!("doctor-no-tls-connection"))];
        };
        match tls {
            Tls::Closed(error) => vec![Finding::fail(
                both!("doctor-tls-closed", error = error.to_string()),
                Some(both!("doctor-tls-closed-fix")),
            )],
            Tls::Rejected { error, presented } => {
                vec![rejected(error, presented.as_ref(), self.target, self.context_ca, self.renew)]
            }
            Tls::Established { version } => {
                let verified =
                    self.verifying.then(|| Finding::pass(both!("doctor-tls-verified", name = self.server_name)));
                let accepted = version.as_ref().map(|version| match self.token {
                    true => token_authentication(version),
                    false => authentication(version, self.target, self.renew),
                });
                verified.into_iter().chain(accepted).collect()
            }
        }
    }
}

/// A failed handshake, with what the presented certificate says about why.
fn rejected(
    error: &rustls::Error,
    presented: Option<&CertificateDer<'static>>,
    target: &Target<'_>,
    context_ca: Option<&[u8]>,
    renew: &str,
) -> Finding {
    match error {
        rustls::Error::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        ) => diagnosed(|| explain(&Failure::NameMismatch, target, &covered_names(presented))),
        rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer) => {
            diagnosed(|| explain(&Failure::UnknownIssuer, target, &issuers(presented, context_ca)))
        }
        rustls::Error::InvalidCertificate(CertificateError::Expired | CertificateError::ExpiredContext { .. }) => {
            diagnosed(|| explain(&Failure::Expired, target, &t!("doctor-server-certificate")))
        }
        rustls::Error::AlertReceived(alert) => {
            Finding::fail(both!("doctor-tls-alert-handshake", alert = format!("{alert:?}")), Some(refetch(renew)))
        }
        other => diagnosed(|| {
            explain(&Failure::Other, target, &t!("doctor-tls-handshake-failed", error = other.to_string()))
        }),
    }
}

fn covered_names(presented: Option<&CertificateDer<'static>>) -> String {
    match presented.and_then(|der| cert::alt_names(der).ok()) {
        Some(names) if !names.is_empty() => t!("doctor-certificate-valid-for", names = names.join(", ")),
        Some(_) => t!("doctor-certificate-names-nothing"),
        None => String::new(),
    }
}

fn issuers(presented: Option<&CertificateDer<'static>>, context_ca: Option<&[u8]>) -> String {
    let issuer = presented.and_then(|der| cert::inspect(der).ok()).map(|facts| facts.issuer);
    let ca = context_ca.and_then(|pem| cert::inspect(pem).ok()).map(|facts| facts.subject);
    match (issuer, ca) {
        (Some(issuer), Some(ca)) => t!("doctor-issued-by-not-ca", issuer = issuer, ca = ca),
        (Some(issuer), None) => t!("doctor-issued-by", issuer = issuer),
        _ => String::new(),
    }
}

/// `GET /version` with the client certificate: accepted, refused (401), or something else.
/// The answer to `GET /version` with a RAM identity token: a 401 has three usual causes, each with its fix.
fn token_authentication(version: &std::io::Result<u16>) -> Finding {
    match version {
        Ok(code) if (200..300).contains(code) => Finding::pass(both!("doctor-token-accepted", code = *code)),
        Ok(401) => Finding::fail(both!("doctor-token-refused"), Some(both!("doctor-token-refused-fix"))),
        Ok(code) => version_status(*code),
        Err(error) => no_version_answer(error),
    }
}

fn version_status(code: u16) -> Finding {
    Finding::warn(both!("doctor-version-status", code = code), both!("apiserver-status-hint"))
}

fn no_version_answer(error: &std::io::Error) -> Finding {
    Finding::warn(
        Bilingual::of(|| t!("doctor-version-silent", error = error_chain(error))),
        both!("doctor-version-silent-fix"),
    )
}

fn authentication(version: &std::io::Result<u16>, target: &Target<'_>, renew: &str) -> Finding {
    match version {
        Ok(code) if (200..300).contains(code) => Finding::pass(both!("doctor-certificate-accepted", code = *code)),
        Ok(401) => diagnosed(|| explain(&Failure::Unauthorized { message: "Unauthorized".into() }, target, "")),
        Ok(code) => version_status(*code),
        Err(error) => match probe::tls_error(error) {
            Some(rustls::Error::AlertReceived(alert)) => {
                Finding::fail(both!("doctor-tls-alert-connection", alert = format!("{alert:?}")), Some(refetch(renew)))
            }
            _ => no_version_answer(error),
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
    let limit = limit.as_str();
    match outcome {
        ProbeOutcome::Silent => {
            diagnosed(|| explain(&Failure::Unreachable, target, &t!("doctor-silent", limit = limit)))
        }
        ProbeOutcome::Connected(_) => Finding::pass(match proxy {
            Some(through) => both!(
                "doctor-reachable-through-proxy",
                address = endpoint.address(),
                proxy = through.shown(),
                origin = through.origin
            ),
            None => both!("doctor-reachable", address = endpoint.address()),
        }),
        ProbeOutcome::Proxy(error) => proxy_finding(error, proxy),
        ProbeOutcome::Unresolved(error) => Finding::fail(
            both!("doctor-unresolved", host = endpoint.host.as_str(), error = error.to_string()),
            Some(both!("doctor-unresolved-fix")),
        ),
        ProbeOutcome::Refused => diagnosed(|| explain(&Failure::Refused, target, &t!("doctor-connection-refused"))),
        ProbeOutcome::TimedOut => {
            diagnosed(|| explain(&Failure::Unreachable, target, &t!("doctor-no-connection", limit = limit)))
        }
        ProbeOutcome::ConnectFailed(error) => diagnosed(|| explain(&Failure::Unreachable, target, &error.to_string())),
    }
}

/// The proxy kubectl goes through failed before the API server could be asked.
fn proxy_finding(error: &TunnelError, proxy: Option<&Proxy>) -> Finding {
    let (shown, origin) = proxy.map(|proxy| (proxy.shown(), proxy.origin)).unwrap_or_default();
    let shown = shown.as_str();
    match error {
        TunnelError::Unreachable(error) => Finding::fail(
            both!("doctor-proxy-unreachable", proxy = shown, origin = origin, error = error.to_string()),
            Some(both!("doctor-proxy-unreachable-fix", origin = origin)),
        ),
        TunnelError::Refused(why) => Finding::fail(
            both!("doctor-proxy-refused", proxy = shown, origin = origin, reason = why.as_str()),
            Some(both!("doctor-proxy-refused-fix")),
        ),
        TunnelError::Unsupported => Finding::warn(
            both!("doctor-proxy-unsupported", proxy = shown, origin = origin),
            both!("doctor-proxy-unsupported-fix"),
        ),
    }
}

/// A context pointing elsewhere than the address ACK gives for the cluster is out of date.
fn ack_address(ack: Option<&FetchedKubeconfig>, server: &str, access: Access, renew: &str) -> Option<Finding> {
    let ack = ack.filter(|ack| ack.server.trim_end_matches('/') != server.trim_end_matches('/'))?;
    Some(Finding::warn(
        both!("doctor-address-out-of-date", ack = ack.server.as_str(), access = access.as_str(), server = server),
        refetch(renew),
    ))
}
