//! `kubectl ack rotate`: re-fetch the credentials of ACK contexts before they run out, as ACK's
//! production advice asks: a long-term certificate once its 180-day renewal window is open, a
//! temporary one (with the same lifetime) when a fifth of it or ten minutes is left, or anything
//! that expires within `--within`. Everything due is fetched concurrently and written in one locked
//! write, into the entries it came from, so every context keeps its name and only gets fresher.
//!
//! Which contexts are ACK's is read from the `kubectl-ack` provenance extension that get-credentials
//! records on each context; every other context is left alone.

use std::collections::BTreeMap;
use std::time::Duration;

use ack_client::{Client, KubeconfigRequest};
use serde::Serialize;
use time::OffsetDateTime;

use super::cloud::{self, VerboseLines};
use super::get_credentials::{self, Fetched, KubeconfigFetch, fetch_concurrently, merge_entries};
use super::{Io, client_certificate, kubeconfig_paths, shown};
use crate::Environment;
use crate::ack::{self, Access, AckCredentials, EntryNames, Mode, Provenance, short_id};
use crate::cert::CertificateFacts;
use crate::cli::{CloudArgs, RotateArgs};
use crate::error::{self, Error, exit};
use crate::kubeconfig::{Editor, Kubeconfig, Section};
use crate::output::{self, Format, Table};

/// How many clusters are fetched at once.
const CONCURRENCY: usize = 8;

/// `-o json|yaml` of rotate (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RotateReport {
    #[serde(with = "time::serde::rfc3339")]
    checked_at: OffsetDateTime,
    dry_run: bool,
    within_seconds: Option<u64>,
    contexts: Vec<Rotation>,
}

/// What happened (or, with --dry-run, would happen) to one ACK context.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Rotation {
    context: String,
    cluster_id: String,
    cluster_name: Option<String>,
    access: Access,
    temporary_minutes: Option<u32>,
    action: Action,
    reason: String,
    #[serde(with = "time::serde::rfc3339::option")]
    not_after: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    new_not_after: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Action {
    /// Due; with --dry-run this is where it stays.
    Renew,
    Renewed,
    Skipped,
    Failed,
}

/// An ACK context as the kubeconfig has it.
struct AckContext {
    names: EntryNames,
    provenance: Provenance,
    /// The certificate, `None` when the user has another kind of credential; `Err` when unreadable.
    certificate: Result<Option<CertificateFacts>, String>,
    insecure_skip_tls_verify: bool,
}

/// One context's plan and, after the run, its outcome.
struct Plan {
    context: AckContext,
    action: Action,
    reason: String,
    new_not_after: Option<OffsetDateTime>,
}

pub fn run(args: &RotateArgs, verbose: bool, env: &Environment, io: &mut Io<'_>) -> Result<u8, Error> {
    let paths = kubeconfig_paths(&args.kubeconfig, env)?;
    let config = Kubeconfig::load(&paths)?;
    let contexts = ack_contexts(&config, args.context.as_deref())?;
    let others = config.names(Section::Contexts).len() - contexts.len();
    let mut plans: Vec<Plan> = contexts.into_iter().map(|context| plan(context, args.within, env.now)).collect();
    let mut written_to = None;
    if !args.dry_run && plans.iter().any(|plan| plan.action == Action::Renew) {
        written_to = renew(&mut plans, args, verbose, env, io)?;
    }
    write_report(&plans, args, env, io)?;
    summarise(&plans, others, written_to.as_deref(), args, io);
    Ok(if plans.iter().any(|plan| plan.action == Action::Failed) { exit::RUNTIME_ERROR } else { exit::SUCCESS })
}

/// The contexts kubectl-ack wrote, in kubeconfig order; with `--context`, that one, which must be ACK's.
fn ack_contexts(config: &Kubeconfig, only: Option<&str>) -> Result<Vec<AckContext>, Error> {
    if let Some(name) = only {
        let resolved = config.resolve_context(Some(name))?;
        return read_ack_context(config, resolved.name())
            .map(|context| vec![context])
            .ok_or_else(|| Error::NotAnAckContext { context: name.to_string() });
    }
    Ok(config.names(Section::Contexts).into_iter().filter_map(|name| read_ack_context(config, name)).collect())
}

fn read_ack_context(config: &Kubeconfig, name: &str) -> Option<AckContext> {
    let ack = ack::AckContext::recognise(config, name)?;
    // What to fetch again (lifetime, access, mode) is only known from the provenance record.
    let provenance = ack.provenance()?.clone();
    let names = EntryNames { cluster: ack.cluster_entry, user: ack.user_entry, context: ack.context };
    let certificate = config
        .resolve_context(Some(name))
        .map_err(Error::from)
        .and_then(|resolved| client_certificate(&resolved))
        .map_err(|error| error::error_chain(&error));
    let insecure_skip_tls_verify = config
        .entry(Section::Clusters, &names.cluster)
        .and_then(|cluster| cluster.body.get("insecure-skip-tls-verify"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    Some(AckContext { names, provenance, certificate, insecure_skip_tls_verify })
}

fn plan(context: AckContext, within: Option<Duration>, now: OffsetDateTime) -> Plan {
    let (action, reason) = match due(&context, within, now) {
        Ok(why) => (Action::Renew, why),
        Err(why_not) => (Action::Skipped, why_not),
    };
    Plan { context, action, reason, new_not_after: None }
}

/// `Ok(why)` when the context's credentials are due for renewal, `Err(why not)` otherwise.
fn due(context: &AckContext, within: Option<Duration>, now: OffsetDateTime) -> Result<String, String> {
    if context.provenance.mode == Mode::Exec {
        return Err("exec credentials: `kubectl ack credential` renews them by itself".into());
    }
    let facts = match &context.certificate {
        Err(problem) => return Ok(format!("the certificate cannot be read ({problem})")),
        Ok(None) => return Err("its user has no client certificate any more (changed by hand?)".into()),
        Ok(Some(facts)) => facts,
    };
    let expires = output::timestamp(facts.not_after);
    if facts.is_expired(now) {
        return Ok(format!("expired {expires}"));
    }
    let (due_at, window) = match within {
        Some(within) => (
            facts.not_after.saturating_sub(time::Duration::try_from(within).unwrap_or(time::Duration::MAX)),
            format!("within {}", output::short_duration(within)),
        ),
        None if facts.is_long_term() => (facts.renew_at(), "inside ACK's 180-day renewal window".to_string()),
        None => (facts.renew_at(), "less than a fifth of its lifetime (or 10 minutes) left".to_string()),
    };
    let left = output::time_left(now, facts.not_after);
    if now >= due_at {
        Ok(format!("expires {expires} ({left}): {window}"))
    } else {
        Err(format!("fresh: expires {expires} ({left}), due from {}", output::timestamp(due_at)))
    }
}

/// Fetches every due context's credentials and writes them in one locked write; marks each plan
/// renewed or failed. Returns the file written, if any.
fn renew(
    plans: &mut [Plan],
    args: &RotateArgs,
    verbose: bool,
    env: &Environment,
    io: &mut Io<'_>,
) -> Result<Option<String>, Error> {
    let lines = VerboseLines::default();
    let (indices, fetches): (Vec<usize>, Vec<KubeconfigFetch>) =
        due_fetches(plans, &args.cloud, verbose.then_some(&lines))?.into_iter().unzip();
    let results = cloud::block_on(fetch_concurrently(fetches, CONCURRENCY, None));
    lines.flush(io);
    let results = indices.into_iter().zip(results?);

    let paths = kubeconfig_paths(&args.kubeconfig, env)?;
    let mut editor = Editor::open(&paths, env.lock_timeout)?;
    let mut target = None;
    for (index, result) in results {
        let plan = &mut plans[index];
        let checked = result.and_then(|credentials| still_the_same(editor.view(), &plan.context).map(|()| credentials));
        match checked {
            Ok(credentials) => {
                note_account_change(&plan.context, &credentials, io);
                let fetched = Fetched::renewal(
                    &plan.context.provenance,
                    credentials,
                    plan.context.insecure_skip_tls_verify,
                    env.now,
                );
                let (written_to, names) = merge_entries(&mut editor, &plan.context.names, &fetched, false);
                target = Some(written_to);
                plan.context.names = names;
                plan.action = Action::Renewed;
                plan.new_not_after = Some(fetched.credentials.certificate.not_after);
            }
            Err(error) => {
                plan.action = Action::Failed;
                plan.reason = error::report_line(&error);
            }
        }
    }
    if target.is_some() {
        get_credentials::warn_if_readable(&editor.commit()?, env, io);
    }
    Ok(target.map(|path| shown(&path, env)))
}

/// The calls to make, with one client per region: an ACK context remembers its cluster's region,
/// and `--region` overrides it for all.
/// Returns each call with the index of its plan.
fn due_fetches(
    plans: &[Plan],
    cloud: &CloudArgs,
    verbose: Option<&VerboseLines>,
) -> Result<Vec<(usize, KubeconfigFetch)>, Error> {
    let mut clients: BTreeMap<Option<String>, Client> = BTreeMap::new();
    let mut fetches = Vec::new();
    for (index, plan) in plans.iter().enumerate().filter(|(_, plan)| plan.action == Action::Renew) {
        let provenance = &plan.context.provenance;
        let region = cloud.region.clone().or_else(|| provenance.region.clone());
        let client = match clients.get(&region) {
            Some(client) => client.clone(),
            None => {
                let client = cloud::client(&CloudArgs { region: region.clone(), ..cloud.clone() }, verbose)?;
                clients.insert(region, client.clone());
                client
            }
        };
        let request = KubeconfigRequest {
            private_ip_address: provenance.access == Access::Private,
            temporary_duration_minutes: provenance.temporary_minutes,
        };
        fetches.push((index, KubeconfigFetch { client, cluster_id: provenance.cluster_id.clone(), request }));
    }
    Ok(fetches)
}

/// Another writer may have changed the context between the plan and the lock: renew it only if it
/// still holds the same cluster's credentials in the same entries.
fn still_the_same(view: &Kubeconfig, context: &AckContext) -> Result<(), Error> {
    let now = view.entry(Section::Contexts, &context.names.context);
    let unchanged = now.is_some_and(|entry| {
        let provenance = Provenance::of(entry.body);
        provenance.is_some_and(|provenance| {
            provenance.cluster_id == context.provenance.cluster_id && provenance.access == context.provenance.access
        }) && entry.str_field("cluster") == Some(context.names.cluster.as_str())
            && entry.str_field("user") == Some(context.names.user.as_str())
    });
    if unchanged { Ok(()) } else { Err(Error::ChangedWhileRotating { context: context.names.context.clone() }) }
}

/// The user entry is named after the account that fetched it; if other credentials fetched the new
/// certificate, say so rather than let the name mislead.
fn note_account_change(context: &AckContext, credentials: &AckCredentials, io: &mut Io<'_>) {
    let account_of = |facts: &CertificateFacts| facts.ack_account.as_ref().map(|account| account.uid.clone());
    let before = context.certificate.as_ref().ok().and_then(Option::as_ref).and_then(account_of);
    let after = account_of(&credentials.certificate);
    if let (Some(before), Some(after)) = (before, after)
        && before != after
    {
        output::note(
            io.err,
            &format!(
                "context \"{}\" now holds a certificate of account {after} (it had {before}'s): the Alibaba Cloud \
                 credentials in use belong to another account",
                context.names.context
            ),
        );
    }
}

fn write_report(plans: &[Plan], args: &RotateArgs, env: &Environment, io: &mut Io<'_>) -> Result<(), Error> {
    match args.output.output {
        Format::Text => write_table(plans, args.dry_run, io.out)?,
        format => {
            let report = RotateReport {
                checked_at: env.now,
                dry_run: args.dry_run,
                within_seconds: args.within.map(|within| within.as_secs()),
                contexts: plans.iter().map(rotation).collect(),
            };
            output::structured(io.out, format, &report)?;
        }
    }
    Ok(())
}

fn rotation(plan: &Plan) -> Rotation {
    let provenance = &plan.context.provenance;
    Rotation {
        context: plan.context.names.context.clone(),
        cluster_id: provenance.cluster_id.clone(),
        cluster_name: provenance.cluster_name.clone(),
        access: provenance.access,
        temporary_minutes: provenance.temporary_minutes,
        action: plan.action,
        reason: plan.reason.clone(),
        not_after: plan.context.certificate.as_ref().ok().and_then(Option::as_ref).map(|facts| facts.not_after),
        new_not_after: plan.new_not_after,
    }
}

fn write_table(plans: &[Plan], dry_run: bool, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if plans.is_empty() {
        return Ok(());
    }
    let mut table = Table::new(&["CONTEXT", "CLUSTER", "ACCESS", "LIFETIME", "ACTION", "DETAIL"]);
    for plan in plans {
        let provenance = &plan.context.provenance;
        let lifetime = match provenance.temporary_minutes {
            Some(minutes) => output::short_duration(Duration::from_secs(u64::from(minutes) * 60)),
            None => "long-term".into(),
        };
        let action = match (plan.action, dry_run) {
            (Action::Renew, true) => "would renew",
            (Action::Renew, false) => "due",
            (Action::Renewed, _) => "renewed",
            (Action::Skipped, _) => "skipped",
            (Action::Failed, _) => "failed",
        };
        let detail = match plan.new_not_after {
            Some(new_not_after) => {
                format!("{}; the new certificate expires {}", plan.reason, output::timestamp(new_not_after))
            }
            None => plan.reason.clone(),
        };
        table.row(vec![
            plan.context.names.context.clone(),
            short_id(&provenance.cluster_id),
            provenance.access.as_str().into(),
            lifetime,
            action.into(),
            detail,
        ]);
    }
    table.write(out)
}

/// One line on stderr: what was done, and where.
fn summarise(plans: &[Plan], others: usize, written_to: Option<&str>, args: &RotateArgs, io: &mut Io<'_>) {
    let count = |action: Action| plans.iter().filter(|plan| plan.action == action).count();
    let total = plans.len();
    let line = if total == 0 {
        "No ACK contexts in the kubeconfig: nothing to rotate (contexts written by `kubectl ack get-credentials` \
         are recognised by their kubectl-ack extension)."
            .to_string()
    } else if args.dry_run {
        format!("Dry run: {} of {total} ACK contexts would be renewed; nothing was changed.", count(Action::Renew))
    } else {
        let mut line = format!("Renewed {} of {total} ACK contexts", count(Action::Renewed));
        if let Some(file) = written_to {
            line.push_str(&format!(" in {file}"));
        }
        let failed = count(Action::Failed);
        if failed > 0 {
            line.push_str(&format!("; {failed} failed"));
        }
        line + "."
    };
    let _ = writeln!(io.err, "{line}");
    if others > 0 && args.context.is_none() {
        output::note(io.err, &format!("{others} contexts not written by kubectl-ack were left alone"));
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

    fn context(mode: Mode, certificate: Result<Option<CertificateFacts>, String>) -> AckContext {
        AckContext {
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
            },
            certificate,
            insecure_skip_tls_verify: false,
        }
    }

    fn long_term(days_left: i64) -> AckContext {
        let not_after = NOW + time::Duration::days(days_left);
        context(Mode::Certificate, Ok(Some(facts(not_after - time::Duration::days(3 * 365), not_after))))
    }

    fn temporary(minutes: i64, minutes_left: i64) -> AckContext {
        let not_after = NOW + time::Duration::minutes(minutes_left);
        context(Mode::Certificate, Ok(Some(facts(not_after - time::Duration::minutes(minutes), not_after))))
    }

    #[test]
    fn long_term_certificates_are_due_once_acks_renewal_window_opens() {
        assert!(due(&long_term(179), None, NOW).unwrap().contains("180-day renewal window"));
        assert!(due(&long_term(180), None, NOW).is_ok());
        assert!(due(&long_term(181), None, NOW).unwrap_err().starts_with("fresh"));
        assert!(due(&long_term(-1), None, NOW).unwrap().starts_with("expired"));
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
        assert!(due(&long_term(399), within, NOW).unwrap().contains("within"));
        assert!(due(&long_term(401), within, NOW).is_err());
        assert!(due(&temporary(15, 14), Some(Duration::from_secs(600)), NOW).is_err());
    }

    #[test]
    fn exec_contexts_and_contexts_without_a_certificate_are_skipped_unreadable_ones_renewed() {
        assert!(due(&context(Mode::Exec, Ok(None)), None, NOW).unwrap_err().contains("renews them by itself"));
        assert!(due(&context(Mode::Certificate, Ok(None)), None, NOW).unwrap_err().contains("no client certificate"));
        assert!(due(&context(Mode::Certificate, Err("bad base64".into())), None, NOW).unwrap().contains("bad base64"));
    }
}
