//! `kubectl ack whoami`: who the kubeconfig says you are (`ops::whoami`), as labelled lines or
//! `-o json|yaml`.

use std::io::Write;

use time::OffsetDateTime;

use crate::error::{Error, exit};
use crate::ops::whoami::{self as use_case, CertificateReport, RamIdentityReport, WhoamiReport};
use crate::output::{self, Format};
use crate::request::Whoami;
use crate::{Io, Machine, t};

pub fn run(request: &Whoami, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let report = use_case::whoami(request, machine)?;
    match request.format {
        Format::Text => write_text(&report, machine.now, io.out)?,
        format => output::structured(io.out, format, &report)?,
    }
    Ok(exit::SUCCESS)
}

fn write_text(report: &WhoamiReport, now: OffsetDateTime, out: &mut dyn Write) -> std::io::Result<()> {
    let mut lines: Vec<(String, String)> = vec![(t!("whoami-context"), report.context.clone())];
    let cluster = report.cluster.clone().unwrap_or_else(|| t!("whoami-none"));
    let cluster = match &report.server {
        Some(server) => format!("{cluster} ({server})"),
        None => cluster,
    };
    lines.push((t!("whoami-cluster"), cluster));
    if let Some(namespace) = &report.namespace {
        lines.push((t!("whoami-namespace"), namespace.clone()));
    }
    match &report.certificate {
        Some(certificate) => certificate_lines(report, certificate, now, &mut lines),
        None => {
            lines.push((
                t!("whoami-credential"),
                report.detail.as_ref().map(|detail| detail.local().to_string()).unwrap_or_default(),
            ));
            if let Some(ram) = &report.ram_identity {
                lines.push((t!("whoami-ram-identity"), ram_identity_line(ram)));
            }
            lines.push((t!("whoami-identity"), t!("whoami-identity-from-cluster")));
        }
    }
    output::labelled_lines(out, &lines)
}

/// `acs:ram::…:user/alice (RAM user, account 2728…, recorded 2026-12-03 16:00:00 UTC)`.
fn ram_identity_line(ram: &RamIdentityReport) -> String {
    let recorded = output::timestamp(ram.recorded_at);
    match (&ram.arn, &ram.account_id, &ram.identity_type) {
        (Some(arn), Some(account), Some(kind)) => t!(
            "whoami-ram-identity-recorded",
            arn = arn.as_str(),
            kind = kind.as_str(),
            account = account.as_str(),
            recorded = recorded
        ),
        _ => t!("whoami-ram-identity-unrecorded"),
    }
}

fn certificate_lines(
    report: &WhoamiReport,
    certificate: &CertificateReport,
    now: OffsetDateTime,
    lines: &mut Vec<(String, String)>,
) {
    let facts = &certificate.facts;
    lines.push((t!("whoami-user"), report.user.clone().unwrap_or_else(|| t!("whoami-no-cn"))));
    let groups = if report.groups.is_empty() { t!("whoami-none") } else { report.groups.join(", ") };
    lines.push((t!("whoami-groups"), groups));
    if let Some(account) = &facts.ack_account {
        let uid = match account.issued_at {
            Some(at) => t!("whoami-account-issued", uid = account.uid.as_str(), issued = output::timestamp(at)),
            None => account.uid.clone(),
        };
        lines.push((t!("whoami-account-uid"), uid));
    }
    lines.push((t!("whoami-issuer"), facts.issuer.clone()));
    lines.push((t!("whoami-valid-from"), output::timestamp(facts.not_before)));
    let until = format!("{} ({})", output::timestamp(facts.not_after), output::time_left(now, facts.not_after));
    lines.push((t!("whoami-valid-until"), until));
    if let Some(opens) = certificate.renewal_window_opens {
        let window = if opens <= now {
            t!("whoami-renewal-open")
        } else {
            t!("whoami-renewal-opens", opens = output::timestamp(opens))
        };
        lines.push((t!("whoami-renewal"), window));
    }
    lines.push((t!("whoami-key"), facts.key_algorithm.clone()));
}
