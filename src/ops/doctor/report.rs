//! The doctor's report: checks made of findings, each with a verdict and, for a problem, a fix. Its words
//! are `Bilingual`: `commands::doctor` shows them in the user's language, `-o json|yaml` serialises the
//! English (docs/OUTPUT.md).

use serde::Serialize;
use time::OffsetDateTime;

use crate::ack::Access;
use crate::i18n::Bilingual;
use crate::output::{Verdict, error_chain};
use crate::{both, t};

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
    pub fn title(self) -> Bilingual {
        match self {
            CheckName::Credentials => both!("doctor-check-credentials"),
            CheckName::Clock => both!("doctor-check-clock"),
            CheckName::Permission => both!("doctor-check-permission"),
            CheckName::Kubeconfig => both!("doctor-check-kubeconfig"),
            CheckName::Certificate => both!("doctor-check-certificate"),
            CheckName::Tls => both!("doctor-check-tls"),
            CheckName::Reachability => both!("doctor-check-reachability"),
        }
    }
}

/// One thing found: what it is, and for a problem what to run or do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub status: Verdict,
    pub message: Bilingual,
    pub fix: Option<Bilingual>,
}

impl Finding {
    pub fn pass(message: Bilingual) -> Self {
        Finding { status: Verdict::Pass, message, fix: None }
    }

    pub fn warn(message: Bilingual, fix: Bilingual) -> Self {
        Finding { status: Verdict::Warn, message, fix: Some(fix) }
    }

    pub fn fail(message: Bilingual, fix: Option<Bilingual>) -> Self {
        Finding { status: Verdict::Fail, message, fix }
    }

    /// An error as a failed finding: the error and its causes, and its hint as the fix.
    pub fn from_error<E: std::error::Error>(error: &E, hint: impl Fn() -> Option<String>) -> Self {
        let fix = hint().map(|_| Bilingual::of(|| hint().unwrap_or_default()));
        Finding::fail(Bilingual::of(|| error_chain(error)), fix)
    }

    /// Why a check, or a part of one, did not run.
    pub fn skipped(reason: &Bilingual) -> Self {
        Finding {
            status: Verdict::Skip,
            message: reason.wrap(|reason| t!("doctor-skipped", reason = reason)),
            fix: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub name: CheckName,
    pub title: Bilingual,
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

    pub fn skipped(name: CheckName, reason: &Bilingual) -> Self {
        Check::new(name, vec![Finding::skipped(reason)])
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Bilingual {
        Bilingual::verbatim(text)
    }

    #[test]
    fn a_check_is_as_bad_as_its_worst_finding() {
        let check = Check::new(
            CheckName::Kubeconfig,
            vec![
                Finding::pass(words("fine")),
                Finding::warn(words("hmm"), words("do this")),
                Finding::pass(words("ok")),
            ],
        );
        assert_eq!(check.status, Verdict::Warn);
        let failed = Check::new(
            CheckName::Kubeconfig,
            vec![Finding::warn(words("hmm"), words("x")), Finding::fail(words("no"), None)],
        );
        assert!(failed.failed());
        assert_eq!(Check::skipped(CheckName::Tls, &words("no server")).status, Verdict::Skip);
    }

    #[test]
    fn skipped_checks_do_not_make_a_report_fail() {
        let checks = vec![
            Check::new(CheckName::Clock, vec![Finding::pass(words("ok"))]),
            Check::skipped(CheckName::Tls, &words("why")),
        ];
        let report = Report::new(None, None, OffsetDateTime::UNIX_EPOCH, checks);
        assert_eq!(report.status, Verdict::Pass);
        assert!(!report.failed());
    }

    #[test]
    fn machine_output_is_english_whatever_the_words_were_shown_in() {
        let check = Check::new(CheckName::Clock, vec![Finding::skipped(&words("no server"))]);
        let json = serde_json::to_value(&check).unwrap();
        assert_eq!(json["title"], "Clock");
        assert_eq!(json["findings"][0]["message"], "skipped: no server");
    }
}
