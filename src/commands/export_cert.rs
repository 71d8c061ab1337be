//! `kubectl ack export-cert`: a context's client certificate, key (0600) and CA as PEM files
//! (`ops::export_cert`), and the API server URL.

use std::io::Write;

use super::shown;
use crate::error::{Error, exit};
use crate::ops::export_cert::{self as use_case, ExportReport};
use crate::output::{self, Format};
use crate::request::ExportCert;
use crate::{Io, Machine, t};

pub fn run(request: &ExportCert, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let report = use_case::export_cert(request, machine, io)?;
    match request.format {
        Format::Text => write_text(&report, machine, io.out)?,
        format => output::structured(io.out, format, &report)?,
    }
    Ok(exit::SUCCESS)
}

fn write_text(report: &ExportReport, machine: &Machine, out: &mut dyn Write) -> std::io::Result<()> {
    let mut lines = vec![
        (t!("export-cert-certificate"), shown(&report.client_certificate, machine)),
        (t!("export-cert-key"), shown(&report.client_key, machine)),
    ];
    if let Some(ca) = &report.certificate_authority {
        lines.push((t!("export-cert-ca"), shown(ca, machine)));
    }
    lines.push((t!("export-cert-server"), report.server.clone().unwrap_or_else(|| t!("export-cert-none"))));
    output::labelled_lines(out, &lines)
}
