//! `kubectl ack get-credentials`: fetch a cluster's kubeconfig, rename it, merge it safely, verify it
//! (`ops::get_credentials`); this prints what was done.

use std::path::PathBuf;

use serde::Serialize;
use time::OffsetDateTime;

use super::shown;
use crate::ack::{Access, Mode};
use crate::error::{Error, exit};
use crate::ops::get_credentials::{self as use_case, FleetOutcome, Merged};
use crate::ops::session::Session;
use crate::output::Format;
use crate::request::{GetCredentials, Target};
use crate::{Io, Machine, ack, output, t};

pub fn run(request: &GetCredentials, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let Target::One { cluster, context, print, verify, set_current } = &request.target else {
        return all(request, verbose, machine, io);
    };
    use_case::check_request(request)?;
    let target = if *print { None } else { Some(use_case::lock_target(request, machine)?) };
    let session = Session::open(&request.cloud, machine, verbose)?;
    let prepared = use_case::fetch_one(request, cluster, context.as_deref(), machine, &session, io)?;
    use_case::warn_if_insecure(request, io);
    let Some(target) = target else {
        io.out.write_all(use_case::standalone_yaml(&prepared)?.as_bytes())?;
        return Ok(exit::SUCCESS);
    };
    let merged = use_case::merge_one(target, request, &prepared, *set_current, machine, io)?;
    report_merged(&merged, machine, io);
    if *set_current {
        let _ = writeln!(io.err, "{}", t!("get-credentials-switched", context = merged.names.context.as_str()));
    }
    if *verify {
        let count = use_case::verify(&merged, &session, machine, io)?;
        let user = match merged.write.kubeconfig.certificate.common_name.as_deref() {
            _ if merged.write.provenance.mode == Mode::Token => t!("get-credentials-verified-ram-identity"),
            Some(user) => user.to_string(),
            None => t!("get-credentials-verified-user-unknown"),
        };
        let _ = writeln!(io.err, "{}", t!("get-credentials-verified", count = count, user = user));
    }
    Ok(exit::SUCCESS)
}

/// `--all`: every cluster, one line per merged context and per failure, then a summary; or, with
/// `-o json|yaml`, the report on stdout (docs/OUTPUT.md).
fn all(request: &GetCredentials, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let session = Session::open(&request.cloud, machine, verbose)?;
    let outcome = use_case::fetch_all(request, machine, &session, io)?;
    let status = if outcome.failed.is_empty() { exit::SUCCESS } else { exit::RUNTIME_ERROR };
    if let Target::All { format: format @ (Format::Json | Format::Yaml), .. } = request.target {
        output::structured(io.out, format, &FleetReport::of(&outcome))?;
        return Ok(status);
    }
    for merged in &outcome.merged {
        report_merged(merged, machine, io);
    }
    for (cluster, error) in &outcome.failed {
        let name = match &cluster.name {
            Some(name) => name.clone(),
            None => t!("get-credentials-all-unnamed"),
        };
        // The full ID: a name can be ambiguous, and this line is what the user acts on.
        let line =
            t!("get-credentials-all-failed", name = name, cluster = cluster.id.as_str(), error = error.report_line());
        let _ = writeln!(io.err, "{line}");
    }
    let (written, total) = (outcome.merged.len(), outcome.merged.len() + outcome.failed.len());
    let summary = match outcome.skipped.len() {
        0 => t!("get-credentials-all-summary", written = written, total = total),
        skipped => t!("get-credentials-all-summary-skipped", written = written, total = total, skipped = skipped),
    };
    let _ = writeln!(io.err, "{summary}");
    Ok(status)
}

/// `get-credentials --all -o json|yaml` (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct FleetReport {
    written: Vec<WrittenCluster>,
    failed: Vec<FailedCluster>,
    skipped: Vec<SkippedCluster>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct WrittenCluster {
    context: String,
    cluster_id: String,
    cluster_name: Option<String>,
    region: Option<String>,
    access: Access,
    file: PathBuf,
    #[serde(with = "time::serde::rfc3339")]
    not_after: OffsetDateTime,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct FailedCluster {
    cluster_id: String,
    cluster_name: Option<String>,
    region: Option<String>,
    /// The error report on one line, in English.
    error: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SkippedCluster {
    cluster_id: String,
    cluster_name: String,
    region: String,
    state: String,
}

impl FleetReport {
    fn of(outcome: &FleetOutcome) -> FleetReport {
        FleetReport {
            written: outcome
                .merged
                .iter()
                .map(|merged| WrittenCluster {
                    context: merged.names.context.clone(),
                    cluster_id: merged.write.provenance.cluster_id.clone(),
                    cluster_name: merged.write.provenance.cluster_name.clone(),
                    region: merged.write.provenance.region.clone(),
                    access: merged.write.provenance.access,
                    file: merged.file.clone(),
                    not_after: merged.write.kubeconfig.certificate.not_after,
                })
                .collect(),
            failed: outcome
                .failed
                .iter()
                .map(|(cluster, error)| FailedCluster {
                    cluster_id: cluster.id.clone(),
                    cluster_name: cluster.name.clone(),
                    region: cluster.region.clone(),
                    error: crate::i18n::in_english(|| error.report_line()),
                })
                .collect(),
            skipped: outcome
                .skipped
                .iter()
                .map(|cluster| SkippedCluster {
                    cluster_id: cluster.cluster_id.clone(),
                    cluster_name: cluster.name.clone(),
                    region: cluster.region_id.clone(),
                    state: cluster.state.clone(),
                })
                .collect(),
        }
    }
}

/// `Merged context "prod-web" (cluster c5b5e8…, public, expires 2026-11-24 09:56 UTC) into ~/.kube/config`
fn report_merged(merged: &Merged, machine: &Machine, io: &mut Io<'_>) {
    let provenance = &merged.write.provenance;
    if provenance.mode == Mode::Token {
        let line = t!(
            "get-credentials-merged-token",
            context = merged.names.context.as_str(),
            cluster = ack::short_id(&provenance.cluster_id),
            access = provenance.access.as_str(),
            file = shown(&merged.file, machine)
        );
        let _ = writeln!(io.err, "{line}");
        return;
    }
    let line = t!(
        "get-credentials-merged",
        context = merged.names.context.as_str(),
        cluster = ack::short_id(&provenance.cluster_id),
        access = provenance.access.as_str(),
        expires = output::timestamp(merged.write.kubeconfig.certificate.not_after),
        file = shown(&merged.file, machine)
    );
    let _ = writeln!(io.err, "{line}");
}
