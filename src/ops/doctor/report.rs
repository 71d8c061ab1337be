//! The doctor's report: checks made of findings, each with a verdict and, for a problem, a fix. Written as
//! text for people and serialised as is for `-o json|yaml` (docs/OUTPUT.md).

use std::io::{self, Write};

use serde::Serialize;
use time::OffsetDateTime;

use crate::ack::Access;
use crate::output::{self, Verdict};

/// The checks, in the order they are reported. The names are the stable keys of machine output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckName {
    Credentials,
    Clock,
    Permission,
    Kubeconfig,
    Certificate,
    Tls,
    Reachability,
}

impl CheckName {
    pub fn title(self) -> &'static str {
        match self {
            CheckName::Credentials => "Alibaba Cloud credentials",
            CheckName::Clock => "Clock",
            CheckName::Permission => "RAM permission to fetch kubeconfigs",
            CheckName::Kubeconfig => "Kubeconfig files",
            CheckName::Certificate => "Client certificate",
            CheckName::Tls => "API server TLS",
            CheckName::Reachability => "Reachability",
        }
    }
}

/// One thing found: what it is, and for a problem what to run or do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub status: Verdict,
    pub message: String,
    pub fix: Option<String>,
}

impl Finding {
    pub fn pass(message: impl Into<String>) -> Self {
        Finding { status: Verdict::Pass, message: message.into(), fix: None }
    }

    pub fn warn(message: impl Into<String>, fix: impl Into<String>) -> Self {
        Finding { status: Verdict::Warn, message: message.into(), fix: Some(fix.into()) }
    }

    pub fn fail(message: impl Into<String>, fix: Option<String>) -> Self {
        Finding { status: Verdict::Fail, message: message.into(), fix }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub name: CheckName,
    pub title: &'static str,
    /// The worst of its findings; `skip` when it did not run.
    pub status: Verdict,
    /// For a skipped check, one finding that says why.
    pub findings: Vec<Finding>,
}

impl Check {
    pub fn new(name: CheckName, findings: Vec<Finding>) -> Self {
        let status = findings.iter().map(|finding| finding.status).max().unwrap_or(Verdict::Pass);
        Check { name, title: name.title(), status, findings }
    }

    pub fn skipped(name: CheckName, reason: impl Into<String>) -> Self {
        let reason = Finding { status: Verdict::Skip, message: format!("skipped: {}", reason.into()), fix: None };
        Check::new(name, vec![reason])
    }

    pub fn failed(&self) -> bool {
        self.status == Verdict::Fail
    }
}

/// The ACK cluster a context belongs to, and how doctor knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSummary {
    pub id: String,
    pub access: Access,
    pub identified_by: IdentifiedBy,
}

/// How a context was recognised as an ACK cluster's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IdentifiedBy {
    /// The `kubectl-ack` extension get-credentials records on the context.
    Provenance,
    /// An entry named `ack-<cluster ID>` (written before provenance existed, or by hand).
    Name,
}

/// `-o json|yaml` of doctor (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub context: Option<String>,
    pub cluster: Option<ClusterSummary>,
    #[serde(with = "time::serde::rfc3339")]
    pub checked_at: OffsetDateTime,
    /// `fail` when a check failed, else `warn` when one warned, else `pass`.
    pub status: Verdict,
    pub checks: Vec<Check>,
}

impl Report {
    pub fn new(
        context: Option<String>,
        cluster: Option<ClusterSummary>,
        checked_at: OffsetDateTime,
        checks: Vec<Check>,
    ) -> Self {
        let worst = checks.iter().map(|check| check.status).max().unwrap_or(Verdict::Pass);
        let status = if worst == Verdict::Skip { Verdict::Pass } else { worst };
        Report { context, cluster, checked_at, status, checks }
    }

    pub fn failed(&self) -> bool {
        self.checks.iter().any(Check::failed)
    }
}

/// The report for people: a heading, each check with its findings and fixes, and a count.
pub fn write_text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", output::clean(&heading(report)))?;
    writeln!(out)?;
    for check in &report.checks {
        writeln!(out, "{} {}", check.status.mark(), check.title)?;
        for finding in &check.findings {
            writeln!(out, "    {} {}", finding.status.mark(), output::clean(&finding.message))?;
            if let Some(fix) = &finding.fix {
                writeln!(out, "      fix: {}", output::clean(fix))?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", tally(&report.checks))
}

fn heading(report: &Report) -> String {
    match (&report.context, &report.cluster) {
        (Some(context), Some(cluster)) => {
            let how = match cluster.identified_by {
                IdentifiedBy::Provenance => "recorded by kubectl-ack",
                IdentifiedBy::Name => "read from its entry names",
            };
            format!("Context \"{context}\": ACK cluster {}, {} access ({how})", cluster.id, cluster.access.as_str())
        }
        (Some(context), None) => format!("Context \"{context}\": not recognised as an ACK cluster"),
        (None, _) => "No context to check".to_string(),
    }
}

/// `5 passed, 1 warning, 1 skipped.`, and what to do next when something failed.
fn tally(checks: &[Check]) -> String {
    let count_of = |verdict: Verdict| checks.iter().filter(|check| check.status == verdict).count();
    let labels =
        [(Verdict::Pass, "passed"), (Verdict::Warn, "warning"), (Verdict::Fail, "failed"), (Verdict::Skip, "skipped")];
    let parts: Vec<String> = labels
        .into_iter()
        .map(|(verdict, label)| (count_of(verdict), verdict, label))
        .filter(|(count, _, _)| *count > 0)
        .map(|(count, verdict, label)| match verdict {
            Verdict::Warn => output::count(count, label),
            _ => format!("{count} {label}"),
        })
        .collect();
    let line = format!("{}.", parts.join(", "));
    if count_of(Verdict::Fail) > 0 {
        format!("{line} Apply the fixes above, then run `kubectl ack doctor` again.")
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_is_as_bad_as_its_worst_finding() {
        let check = Check::new(
            CheckName::Kubeconfig,
            vec![Finding::pass("fine"), Finding::warn("hmm", "do this"), Finding::pass("fine too")],
        );
        assert_eq!(check.status, Verdict::Warn);
        let failed = Check::new(CheckName::Kubeconfig, vec![Finding::warn("hmm", "x"), Finding::fail("no", None)]);
        assert!(failed.failed());
        assert_eq!(Check::skipped(CheckName::Tls, "no server").status, Verdict::Skip);
    }

    #[test]
    fn skipped_checks_do_not_make_a_report_fail() {
        let report = Report::new(
            None,
            None,
            OffsetDateTime::UNIX_EPOCH,
            vec![Check::new(CheckName::Clock, vec![Finding::pass("ok")]), Check::skipped(CheckName::Tls, "why")],
        );
        assert_eq!(report.status, Verdict::Pass);
        assert!(!report.failed());
        assert_eq!(tally(&report.checks), "1 passed, 1 skipped.");
    }

    #[test]
    fn the_text_shows_marks_findings_and_fixes() {
        let checks = vec![
            Check::new(CheckName::Clock, vec![Finding::warn("5m behind", "sync it")]),
            Check::new(CheckName::Tls, vec![Finding::fail("bad CA", Some("fetch again".into()))]),
        ];
        let report = Report::new(Some("web".into()), None, OffsetDateTime::UNIX_EPOCH, checks);
        let mut out = Vec::new();
        write_text(&report, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Context \"web\": not recognised as an ACK cluster\n\n! Clock\n    ! 5m behind\n      fix: sync it\n\
             ✗ API server TLS\n    ✗ bad CA\n      fix: fetch again\n\n\
             1 warning, 1 failed. Apply the fixes above, then run `kubectl ack doctor` again.\n"
        );
    }
}
