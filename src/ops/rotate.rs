//! rotate: re-fetch the credentials of ACK contexts before they run out, as ACK's production advice
//! asks: a long-term certificate once its 180-day renewal window is open, a temporary one (with the
//! same lifetime) when a fifth of it or ten minutes is left, or anything that expires within
//! `--within`. Everything due is fetched concurrently and written in one locked write, into the
//! entries it came from (split by `placement` when an earlier version made contexts share them), so
//! every context keeps its name and only gets fresher.
//!
//! Which contexts are ACK's is `ack::AckContext`'s decision; only those with a provenance record can be
//! renewed, since it says what to fetch again (lifetime, access, mode).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use ack_client::Client;
use serde::Serialize;
use time::OffsetDateTime;

use super::Error;
use super::fetch::{KubeconfigFetch, fetch_concurrently, kubeconfig_request};
use super::get_credentials::warn_if_readable;
use super::inspect::client_certificate;
use super::merge::{self, ContextWrite};
use super::session::Session;
use crate::ack::{self, Access, EntryNames, FetchedKubeconfig, Mode, Provenance};
use crate::cert::CertificateFacts;
use crate::i18n::{self, Bilingual};
use crate::kubeconfig::{Editor, KubeconfigView, Section};
use crate::request::Rotate;
use crate::{Io, Machine, output, t};

/// How many clusters are fetched at once.
const CONCURRENCY: usize = 8;

/// `-o json|yaml` of rotate (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RotateReport {
    #[serde(with = "time::serde::rfc3339")]
    pub checked_at: OffsetDateTime,
    pub dry_run: bool,
    pub within_seconds: Option<u64>,
    pub contexts: Vec<Rotation>,
    /// Contexts of the kubeconfig that are not ACK's (left alone).
    #[serde(skip)]
    pub others: usize,
    /// The file renewals were written to, if any.
    #[serde(skip)]
    pub written_to: Option<PathBuf>,
}

/// What happened (or, with --dry-run, would happen) to one ACK context.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rotation {
    pub context: String,
    pub cluster_id: String,
    pub cluster_name: Option<String>,
    pub access: Access,
    pub temporary_minutes: Option<u32>,
    pub action: Action,
    /// Why: in English in machine output, whatever the language of human output.
    #[serde(rename = "reason")]
    pub reason_in_english: String,
    #[serde(skip)]
    pub reason: Reason,
    #[serde(with = "time::serde::rfc3339::option")]
    pub not_after: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub new_not_after: Option<OffsetDateTime>,
    #[serde(skip)]
    checked_at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Due; with --dry-run this is where it stays.
    Renew,
    Renewed,
    Skipped,
    Failed,
}

/// Why a context is due, or not, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    ExecRenewsItself,
    TokenUser,
    UnknownMode,
    NoClientCertificate,
    Unreadable { problem: Bilingual },
    Expired { not_after: OffsetDateTime },
    Due { not_after: OffsetDateTime, window: Window },
    Fresh { not_after: OffsetDateTime, due_at: OffsetDateTime },
    Failed { error: Bilingual },
}

/// Which renewal rule made a context due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Within(Duration),
    AckRenewalWindow,
    ShortLived,
}

impl Rotation {
    /// The reason in the language of human output.
    pub fn reason_text(&self) -> String {
        reason_text(&self.reason, self.checked_at)
    }
}

/// The reason in the language `t!` speaks (English inside `i18n::in_english`).
fn reason_text(reason: &Reason, now: OffsetDateTime) -> String {
    let at = output::timestamp;
    match reason {
        Reason::ExecRenewsItself => t!("rotate-reason-exec"),
        Reason::TokenUser => t!("rotate-reason-token"),
        Reason::UnknownMode => t!("rotate-reason-unknown-mode"),
        Reason::NoClientCertificate => t!("rotate-reason-no-certificate"),
        Reason::Unreadable { problem } => t!("rotate-reason-unreadable", problem = problem.current()),
        Reason::Expired { not_after } => t!("rotate-reason-expired", expires = at(*not_after)),
        Reason::Due { not_after, window } => {
            let window = match window {
                Window::Within(within) => {
                    t!("rotate-window-within", within = output::short_duration(*within))
                }
                Window::AckRenewalWindow => t!("rotate-window-ack"),
                Window::ShortLived => t!("rotate-window-short-lived"),
            };
            let left = output::time_left(now, *not_after);
            t!("rotate-reason-due", expires = at(*not_after), left = left, window = window)
        }
        Reason::Fresh { not_after, due_at } => t!(
            "rotate-reason-fresh",
            expires = at(*not_after),
            left = output::time_left(now, *not_after),
            due = at(*due_at)
        ),
        Reason::Failed { error } => error.current().to_string(),
    }
}

/// An ACK context as the kubeconfig has it.
struct Candidate {
    names: EntryNames,
    provenance: Provenance,
    /// The certificate, `None` when the user has another kind of credential; `Err` when unreadable.
    certificate: Result<Option<CertificateFacts>, Bilingual>,
    insecure_skip_tls_verify: bool,
}

/// One context's plan and, after the run, its outcome.
struct Plan {
    candidate: Candidate,
    action: Action,
    reason: Reason,
    new_not_after: Option<OffsetDateTime>,
}

/// Plans, and unless `--dry-run` renews, every due ACK context (or the one `--context` names).
pub fn rotate(request: &Rotate, machine: &Machine, verbose: bool, io: &mut Io<'_>) -> Result<RotateReport, Error> {
    let paths = super::kubeconfig_paths(&request.kubeconfig, machine)?;
    let config = KubeconfigView::load(&paths)?;
    let candidates = candidates(&config, request.context.as_deref())?;
    let others = config.names(Section::Contexts).len() - candidates.len();
    let mut plans: Vec<Plan> =
        candidates.into_iter().map(|candidate| plan(candidate, request.within, machine.now)).collect();
    let mut written_to = None;
    if !request.dry_run && plans.iter().any(|plan| plan.action == Action::Renew) {
        let session = Session::open(&request.cloud, machine, verbose)?;
        written_to = renew(&mut plans, request, machine, &session, io)?;
    }
    let contexts = plans.into_iter().map(|plan| rotation(plan, machine.now)).collect();
    Ok(RotateReport {
        checked_at: machine.now,
        dry_run: request.dry_run,
        within_seconds: request.within.map(|within| within.as_secs()),
        contexts,
        others,
        written_to,
    })
}

/// The contexts kubectl-ack wrote, in kubeconfig order; with `--context`, that one, which must be ACK's.
fn candidates(config: &KubeconfigView, only: Option<&str>) -> Result<Vec<Candidate>, Error> {
    if let Some(name) = only {
        let resolved = config.resolve_context(Some(name))?;
        return candidate(config, resolved.name())
            .map(|candidate| vec![candidate])
            .ok_or_else(|| Error::NotAnAckContext { context: name.to_string() });
    }
    Ok(config.names(Section::Contexts).into_iter().filter_map(|name| candidate(config, name)).collect())
}

fn candidate(config: &KubeconfigView, name: &str) -> Option<Candidate> {
    let ack = ack::AckContext::recognise(config, name)?;
    // What to fetch again (lifetime, access, mode) is only known from the provenance record.
    let provenance = ack.provenance()?.clone();
    let names = EntryNames { cluster: ack.cluster_entry, user: ack.user_entry, context: ack.context };
    let certificate = config
        .resolve_context(Some(name))
        .map_err(Error::from)
        .and_then(|resolved| client_certificate(&resolved))
        .map_err(|error| Bilingual::of(|| crate::output::error_chain(&error)));
    let insecure_skip_tls_verify = config
        .entry(Section::Clusters, &names.cluster)
        .and_then(|cluster| cluster.body.get("insecure-skip-tls-verify"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    Some(Candidate { names, provenance, certificate, insecure_skip_tls_verify })
}

fn plan(candidate: Candidate, within: Option<Duration>, now: OffsetDateTime) -> Plan {
    let (action, reason) = match due(&candidate, within, now) {
        Ok(why) => (Action::Renew, why),
        Err(why_not) => (Action::Skipped, why_not),
    };
    Plan { candidate, action, reason, new_not_after: None }
}

/// `Ok(why)` when the context's credentials are due for renewal, `Err(why not)` otherwise.
fn due(candidate: &Candidate, within: Option<Duration>, now: OffsetDateTime) -> Result<Reason, Reason> {
    match candidate.provenance.mode {
        Mode::Exec => return Err(Reason::ExecRenewsItself),
        Mode::Token => return Err(Reason::TokenUser),
        Mode::Unknown => return Err(Reason::UnknownMode),
        Mode::Certificate => {}
    }
    let facts = match &candidate.certificate {
        Err(problem) => return Ok(Reason::Unreadable { problem: problem.clone() }),
        Ok(None) => return Err(Reason::NoClientCertificate),
        Ok(Some(facts)) => facts,
    };
    if facts.is_expired(now) {
        return Ok(Reason::Expired { not_after: facts.not_after });
    }
    let (due_at, window) = match within {
        Some(within) => (
            facts.not_after.saturating_sub(time::Duration::try_from(within).unwrap_or(time::Duration::MAX)),
            Window::Within(within),
        ),
        None if facts.is_long_term() => (facts.renew_at(), Window::AckRenewalWindow),
        None => (facts.renew_at(), Window::ShortLived),
    };
    if now >= due_at {
        Ok(Reason::Due { not_after: facts.not_after, window })
    } else {
        Err(Reason::Fresh { not_after: facts.not_after, due_at })
    }
}

/// Fetches every due context's credentials and writes them in one locked write; marks each plan
/// renewed or failed. Returns the file written, if any.
fn renew(
    plans: &mut [Plan],
    request: &Rotate,
    machine: &Machine,
    session: &Session,
    io: &mut Io<'_>,
) -> Result<Option<PathBuf>, Error> {
    // The lock first: each fetch mints a certificate at ACK, which must not be for nothing.
    let paths = super::kubeconfig_paths(&request.kubeconfig, machine)?;
    let mut editor = Editor::open(&paths, machine.lock_timeout)?;
    let (indices, fetches): (Vec<usize>, Vec<KubeconfigFetch>) = due_fetches(plans, session)?.into_iter().unzip();
    let results = session.run(io.err, fetch_concurrently(fetches, CONCURRENCY, machine.now, &mut |_, _| {}));
    let mut target = None;
    for (index, result) in indices.into_iter().zip(results) {
        let plan = &mut plans[index];
        let checked = result.and_then(|fetched| still_the_same(editor.view(), &plan.candidate).map(|()| fetched));
        match checked {
            Ok(fetched) => {
                note_account_change(&plan.candidate, &fetched, io);
                let candidate = &plan.candidate;
                let write = ContextWrite::renewal(
                    &candidate.provenance,
                    fetched,
                    candidate.insecure_skip_tls_verify,
                    machine.now,
                );
                let (file, names) = merge::apply(&mut editor, &candidate.names, &write, false);
                target = Some(file);
                plan.candidate.names = names;
                plan.action = Action::Renewed;
                plan.new_not_after = Some(write.kubeconfig.certificate.not_after);
            }
            Err(error) => {
                plan.action = Action::Failed;
                plan.reason = Reason::Failed { error: Bilingual::of(|| error.report_line()) };
            }
        }
    }
    if target.is_some() {
        warn_if_readable(&editor.commit()?, machine, io);
    }
    Ok(target)
}

/// The calls to make, with one client per region: an ACK context remembers its cluster's region, and
/// `--region` overrides it for all. Returns each call with the index of its plan.
fn due_fetches(plans: &[Plan], session: &Session) -> Result<Vec<(usize, KubeconfigFetch)>, Error> {
    let mut clients: BTreeMap<Option<String>, Client> = BTreeMap::new();
    let mut fetches = Vec::new();
    for (index, plan) in plans.iter().enumerate().filter(|(_, plan)| plan.action == Action::Renew) {
        let provenance = &plan.candidate.provenance;
        let region = session.settings().region.clone().or_else(|| provenance.region.clone());
        let client = match clients.get(&region) {
            Some(client) => client.clone(),
            None => {
                let client = session.client_in(region.clone())?;
                clients.insert(region, client.clone());
                client
            }
        };
        let request = kubeconfig_request(provenance.access, provenance.temporary_minutes);
        fetches.push((index, KubeconfigFetch { client, cluster_id: provenance.cluster_id.clone(), request }));
    }
    Ok(fetches)
}

/// Another writer may have changed the context between the plan and the lock: renew it only if it
/// still holds the same cluster's credentials in the same entries.
fn still_the_same(view: &KubeconfigView, candidate: &Candidate) -> Result<(), Error> {
    let now = view.entry(Section::Contexts, &candidate.names.context);
    let unchanged = now.is_some_and(|entry| {
        let provenance = Provenance::of(entry.body);
        provenance.is_some_and(|provenance| {
            provenance.cluster_id == candidate.provenance.cluster_id && provenance.access == candidate.provenance.access
        }) && entry.str_field("cluster") == Some(candidate.names.cluster.as_str())
            && entry.str_field("user") == Some(candidate.names.user.as_str())
    });
    if unchanged { Ok(()) } else { Err(Error::ChangedWhileRotating { context: candidate.names.context.clone() }) }
}

/// The user entry is named after the account that fetched it; if other credentials fetched the new
/// certificate, say so rather than let the name mislead.
fn note_account_change(candidate: &Candidate, fetched: &FetchedKubeconfig, io: &mut Io<'_>) {
    let account_of = |facts: &CertificateFacts| facts.ack_account.as_ref().map(|account| account.uid.clone());
    let before = candidate.certificate.as_ref().ok().and_then(Option::as_ref).and_then(account_of);
    let after = account_of(&fetched.certificate);
    if let (Some(before), Some(after)) = (before, after)
        && before != after
    {
        output::note(
            io.err,
            &t!(
                "rotate-account-changed",
                context = candidate.names.context.as_str(),
                after = after.as_str(),
                before = before.as_str()
            ),
        );
    }
}

fn rotation(plan: Plan, now: OffsetDateTime) -> Rotation {
    let provenance = &plan.candidate.provenance;
    Rotation {
        context: plan.candidate.names.context.clone(),
        cluster_id: provenance.cluster_id.clone(),
        cluster_name: provenance.cluster_name.clone(),
        access: provenance.access,
        temporary_minutes: provenance.temporary_minutes,
        action: plan.action,
        not_after: plan.candidate.certificate.as_ref().ok().and_then(Option::as_ref).map(|facts| facts.not_after),
        new_not_after: plan.new_not_after,
        reason_in_english: i18n::in_english(|| reason_text(&plan.reason, now)),
        reason: plan.reason,
        checked_at: now,
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::cert::AckAccount;

    const NOW: OffsetDateTime = datetime!(2026-11-23 12:00 UTC);

    fn facts(not_before: OffsetDateTime, not_after: OffsetDateTime) -> CertificateFacts {
        CertificateFacts {
            common_name: Some("272899990000001-1795000000".into()),
            organizations: vec!["system:users".into()],
            subject: "CN=272899990000001-1795000000".into(),
            issuer: "CN=kubernetes".into(),
            serial: "01".into(),
            not_before,
            not_after,
            key_algorithm: "ECDSA P-256".into(),
            ack_account: Some(AckAccount { uid: "272899990000001".into(), issued_at: None }),
        }
    }

    fn candidate(mode: Mode, certificate: Result<Option<CertificateFacts>, Bilingual>) -> Candidate {
        Candidate {
            names: EntryNames { cluster: "ack-c1".into(), user: "ack-c1-1".into(), context: "web".into() },
            provenance: Provenance {
                cluster_id: "c1".into(),
                cluster_name: Some("web".into()),
                region: Some("cn-hangzhou".into()),
                access: Access::Public,
                mode,
                temporary_minutes: None,
                fetched_at: NOW,
                not_after: None,
                identity: None,
            },
            certificate,
            insecure_skip_tls_verify: false,
        }
    }

    fn long_term(days_left: i64) -> Candidate {
        let not_after = NOW + time::Duration::days(days_left);
        candidate(Mode::Certificate, Ok(Some(facts(not_after - time::Duration::days(3 * 365), not_after))))
    }

    fn temporary(minutes: i64, minutes_left: i64) -> Candidate {
        let not_after = NOW + time::Duration::minutes(minutes_left);
        candidate(Mode::Certificate, Ok(Some(facts(not_after - time::Duration::minutes(minutes), not_after))))
    }

    fn text(reason: Result<Reason, Reason>) -> (bool, String) {
        let due = reason.is_ok();
        let reason = reason.unwrap_or_else(|reason| reason);
        (due, i18n::in_english(|| reason_text(&reason, NOW)))
    }

    #[test]
    fn long_term_certificates_are_due_once_acks_renewal_window_opens() {
        assert!(text(due(&long_term(179), None, NOW)).1.contains("180-day renewal window"));
        assert!(text(due(&long_term(180), None, NOW)).0);
        let (is_due, why) = text(due(&long_term(181), None, NOW));
        assert!(!is_due && why.starts_with("fresh"), "{why}");
        assert!(text(due(&long_term(-1), None, NOW)).1.starts_with("expired"));
    }

    #[test]
    fn temporary_certificates_are_due_at_a_fifth_of_their_lifetime_or_ten_minutes() {
        assert!(due(&temporary(15, 10), None, NOW).is_ok());
        assert!(due(&temporary(15, 11), None, NOW).is_err());
        // 3 days: a fifth is 14.4 hours.
        assert!(due(&temporary(4320, 864), None, NOW).is_ok());
        assert!(due(&temporary(4320, 865), None, NOW).is_err());
    }

    #[test]
    fn within_replaces_the_default_window() {
        let within = Some(Duration::from_secs(400 * 86_400));
        assert!(text(due(&long_term(399), within, NOW)).1.contains("within"));
        assert!(due(&long_term(401), within, NOW).is_err());
        assert!(due(&temporary(15, 14), Some(Duration::from_secs(600)), NOW).is_err());
    }

    #[test]
    fn exec_contexts_and_contexts_without_a_certificate_are_skipped_unreadable_ones_renewed() {
        let exec = text(due(&candidate(Mode::Exec, Ok(None)), None, NOW));
        assert!(!exec.0 && exec.1.contains("renews them by itself"), "{exec:?}");
        let none = text(due(&candidate(Mode::Certificate, Ok(None)), None, NOW));
        assert!(!none.0 && none.1.contains("no client certificate"), "{none:?}");
        let bad = text(due(&candidate(Mode::Certificate, Err(Bilingual::verbatim("bad base64"))), None, NOW));
        assert!(bad.0 && bad.1.contains("bad base64"), "{bad:?}");
    }
}
