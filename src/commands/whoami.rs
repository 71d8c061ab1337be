//! `kubectl ack whoami`: who the kubeconfig says you are, read offline from the client certificate.

use std::io::Write;

use serde::Serialize;
use time::OffsetDateTime;

use super::{Io, client_certificate, describe_other_credential, load_kubeconfig};
use crate::Environment;
use crate::cert::CertificateFacts;
use crate::cli::WhoamiArgs;
use crate::error::{Error, exit};
use crate::output::{self, Format};

/// `-o json|yaml` of whoami (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct WhoamiReport {
    context: String,
    cluster: Option<String>,
    server: Option<String>,
    namespace: Option<String>,
    /// client-certificate, token, exec, auth-provider, basic-auth or none.
    credential: &'static str,
    /// The certificate's CN.
    user: Option<String>,
    /// The certificate's O values.
    groups: Vec<String>,
    account_uid: Option<String>,
    certificate: Option<CertificateReport>,
    /// For credentials other than a client certificate: what they are.
    detail: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CertificateReport {
    #[serde(flatten)]
    facts: CertificateFacts,
    seconds_left: i64,
    expired: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    renewal_window_opens: Option<OffsetDateTime>,
}

pub fn run(args: &WhoamiArgs, env: &Environment, io: &mut Io<'_>) -> Result<u8, Error> {
    let config = load_kubeconfig(&args.kubeconfig, env)?;
    let resolved = config.resolve_context(args.context.as_deref())?;
    let credential = resolved.credential();
    let facts = client_certificate(&resolved)?;
    let report = WhoamiReport {
        context: resolved.name().to_string(),
        cluster: resolved.cluster_name.map(str::to_string),
        server: resolved.server().map(str::to_string),
        namespace: resolved.namespace().map(str::to_string),
        credential: credential.kind(),
        user: facts.as_ref().and_then(|facts| facts.common_name.clone()),
        groups: facts.as_ref().map(|facts| facts.organizations.clone()).unwrap_or_default(),
        account_uid: facts.as_ref().and_then(|facts| facts.ack_account.as_ref()).map(|account| account.uid.clone()),
        detail: facts.is_none().then(|| describe_other_credential(&credential)),
        certificate: facts.map(|facts| CertificateReport {
            seconds_left: (facts.not_after - env.now).whole_seconds(),
            expired: facts.is_expired(env.now),
            renewal_window_opens: facts.renewal_window_opens(),
            facts,
        }),
    };
    match args.output.output {
        Format::Text => write_text(&report, env.now, io.out)?,
        format => output::structured(io.out, format, &report)?,
    }
    Ok(exit::SUCCESS)
}

fn write_text(report: &WhoamiReport, now: OffsetDateTime, out: &mut dyn Write) -> std::io::Result<()> {
    let mut lines: Vec<(&str, String)> = vec![("Context", report.context.clone())];
    let cluster = report.cluster.clone().unwrap_or_else(|| "(none)".into());
    lines.push((
        "Cluster",
        match &report.server {
            Some(server) => format!("{cluster} ({server})"),
            None => cluster,
        },
    ));
    if let Some(namespace) = &report.namespace {
        lines.push(("Namespace", namespace.clone()));
    }
    match &report.certificate {
        Some(certificate) => certificate_lines(report, certificate, now, &mut lines),
        None => {
            lines.push(("Credential", report.detail.clone().unwrap_or_default()));
            lines.push(("Identity", "decided by the cluster at connection time: `kubectl auth whoami` asks it".into()));
        }
    }
    let width = lines.iter().map(|(label, _)| label.len()).max().unwrap_or(0) + 1;
    for (label, value) in lines {
        writeln!(out, "{:<width$} {value}", format!("{label}:"), width = width)?;
    }
    Ok(())
}

fn certificate_lines(
    report: &WhoamiReport,
    certificate: &CertificateReport,
    now: OffsetDateTime,
    lines: &mut Vec<(&str, String)>,
) {
    let facts = &certificate.facts;
    lines.push(("User", report.user.clone().unwrap_or_else(|| "(no CN)".into())));
    lines.push(("Groups", if report.groups.is_empty() { "(none)".into() } else { report.groups.join(", ") }));
    if let Some(account) = &facts.ack_account {
        let issued = account.issued_at.map(|at| format!(" (certificate issued {})", output::timestamp(at)));
        lines.push(("Account UID", format!("{}{}", account.uid, issued.unwrap_or_default())));
    }
    lines.push(("Issuer", facts.issuer.clone()));
    lines.push(("Valid from", output::timestamp(facts.not_before)));
    lines.push((
        "Valid until",
        format!("{} ({})", output::timestamp(facts.not_after), output::time_left(now, facts.not_after)),
    ));
    if let Some(opens) = certificate.renewal_window_opens {
        let when = if opens <= now { "open now".to_string() } else { format!("opens {}", output::timestamp(opens)) };
        lines.push(("Renewal", format!("ACK's 180-day renewal window {when}")));
    }
    lines.push(("Key", facts.key_algorithm.clone()));
}
