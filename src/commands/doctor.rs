//! `kubectl ack doctor`: every reason kubectl may fail with a context, checked in turn (`ops::doctor`),
//! each problem with a fix to run; exit 1 when a check failed.

use std::io::{self, Write};

use crate::error::{Error, exit};
use crate::ops::doctor::{self, Check, IdentifiedBy, Report};
use crate::output::{self, Format, Verdict};
use crate::request::Doctor;
use crate::{Io, Machine, t};

pub fn run(request: &Doctor, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let report = doctor::diagnose(request, machine, verbose, io)?;
    match request.format {
        Format::Text => write_text(&report, io.out)?,
        format => output::structured(io.out, format, &report)?,
    }
    Ok(if report.failed() { exit::RUNTIME_ERROR } else { exit::SUCCESS })
}

/// The report for people: a heading, each check with its findings and fixes, and a count.
fn write_text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", heading(report))?;
    writeln!(out)?;
    for check in &report.checks {
        writeln!(out, "{} {}", check.status.mark(), check.title)?;
        for finding in &check.findings {
            writeln!(out, "    {} {}", finding.status.mark(), output::clean(finding.message.local()))?;
            if let Some(fix) = &finding.fix {
                writeln!(out, "      {}", t!("doctor-fix", fix = fix.local()))?;
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
                IdentifiedBy::Provenance => "provenance",
                IdentifiedBy::Name => "name",
            };
            t!(
                "doctor-heading-ack",
                context = context,
                cluster = cluster.id.as_str(),
                access = cluster.access.as_str(),
                how = how
            )
        }
        (Some(context), None) => t!("doctor-heading-not-ack", context = context),
        (None, _) => t!("doctor-heading-no-context"),
    }
}

/// `5 passed, 1 warning, 1 skipped.`, and what to do next when something failed.
fn tally(checks: &[Check]) -> String {
    let count_of = |verdict: Verdict| checks.iter().filter(|check| check.status == verdict).count();
    let parts: Vec<String> = [Verdict::Pass, Verdict::Warn, Verdict::Fail, Verdict::Skip]
        .into_iter()
        .map(|verdict| (verdict, count_of(verdict)))
        .filter(|(_, count)| *count > 0)
        .map(|(verdict, count)| match verdict {
            Verdict::Pass => t!("doctor-tally-passed", count = count),
            Verdict::Warn => t!("doctor-tally-warnings", count = count),
            Verdict::Fail => t!("doctor-tally-failed", count = count),
            Verdict::Skip => t!("doctor-tally-skipped", count = count),
        })
        .collect();
    let parts = parts.join(&t!("list-separator"));
    if count_of(Verdict::Fail) > 0 {
        t!("doctor-tally-failed-next", parts = parts)
    } else {
        t!("doctor-tally", parts = parts)
    }
}

#[cfg(test)]
mod tests {
    use time::OffsetDateTime;

    use super::*;
    use crate::i18n::Bilingual;
    use crate::ops::doctor::{CheckName, Finding};

    fn words(text: &str) -> Bilingual {
        Bilingual::verbatim(text)
    }

    #[test]
    fn the_text_shows_marks_findings_and_fixes() {
        let checks = vec![
            Check::new(CheckName::Clock, vec![Finding::warn(words("5m behind"), words("sync it"))]),
            Check::new(CheckName::Tls, vec![Finding::fail(words("bad CA"), Some(words("fetch again")))]),
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

    #[test]
    fn the_tally_counts_each_verdict() {
        let checks = vec![
            Check::new(CheckName::Clock, vec![Finding::pass(words("ok"))]),
            Check::skipped(CheckName::Tls, &words("why")),
        ];
        assert_eq!(tally(&checks), "1 passed, 1 skipped.");
    }
}
