//! `kubectl ack expiry`: when client certificates run out, soonest first; `--within` for cron and CI;
//! `-o prometheus` for monitoring (`prometheus.rs`).

mod prometheus;

use std::io::Write;
use std::time::Duration;

use serde::Serialize;
use time::OffsetDateTime;

use super::{Io, client_certificate, load_kubeconfig};
use crate::Environment;
use crate::ack::AckContext;
use crate::cert::CertificateFacts;
use crate::cli::{ExpiryArgs, ExpiryFormat};
use crate::error::{self, Error, exit};
use crate::kubeconfig::{Credential, Kubeconfig, Section};
use crate::output::{self, Format, Table};

/// `-o json|yaml` of expiry (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExpiryReport {
    #[serde(with = "time::serde::rfc3339")]
    checked_at: OffsetDateTime,
    within_seconds: Option<u64>,
    contexts: Vec<ContextExpiry>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ContextExpiry {
    context: String,
    user: Option<String>,
    credential: &'static str,
    #[serde(with = "time::serde::rfc3339::option")]
    not_after: Option<OffsetDateTime>,
    seconds_left: Option<i64>,
    /// ok, expiring (within --within), expired, no-certificate or unreadable.
    status: Status,
    long_term: Option<bool>,
    #[serde(with = "time::serde::rfc3339::option")]
    renewal_window_opens: Option<OffsetDateTime>,
    error: Option<String>,
    /// Labels of `-o prometheus`; not part of the documented JSON/YAML report.
    #[serde(skip)]
    origin: Origin,
}

/// Which user entry and which ACK cluster a context names, read from the context entry itself, so
/// even a context whose user cannot be resolved has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Origin {
    /// The context's `user` (the user entry's name), empty when it has none.
    user_entry: String,
    /// The ACK cluster, as `ack::AckContext` recognises it; empty for other contexts.
    cluster_id: String,
}

impl Origin {
    fn of(config: &Kubeconfig, context: &str) -> Origin {
        let Some(entry) = config.entry(Section::Contexts, context) else { return Origin::default() };
        Origin {
            user_entry: entry.str_field("user").unwrap_or_default().to_string(),
            cluster_id: AckContext::recognise(config, context).map(|ack| ack.cluster_id).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Status {
    Ok,
    Expiring,
    Expired,
    NoCertificate,
    Unreadable,
}

pub fn run(args: &ExpiryArgs, env: &Environment, io: &mut Io<'_>) -> Result<u8, Error> {
    let config = load_kubeconfig(&args.kubeconfig, env)?;
    let names: Vec<String> = if args.all_contexts {
        config.names(Section::Contexts).into_iter().map(str::to_string).collect()
    } else {
        vec![config.resolve_context(args.context.as_deref())?.name().to_string()]
    };
    let mut entries = Vec::with_capacity(names.len());
    for name in &names {
        let mut entry = match check_context(&config, name, env.now, args.within) {
            Ok(entry) => entry,
            // One context asked for by name: its failure is the command's failure.
            Err(error) if !args.all_contexts => return Err(error),
            Err(error) => {
                error::report(&error, io.err);
                unreadable(name, &error)
            }
        };
        entry.origin = Origin::of(&config, name);
        entries.push(entry);
    }
    sort_soonest_first(&mut entries);
    let report = ExpiryReport {
        checked_at: env.now,
        within_seconds: args.within.map(|within| within.as_secs()),
        contexts: entries,
    };
    match args.output {
        ExpiryFormat::Text => write_text(&report, env.now, io.out)?,
        ExpiryFormat::Json => output::structured(io.out, Format::Json, &report)?,
        ExpiryFormat::Yaml => output::structured(io.out, Format::Yaml, &report)?,
        ExpiryFormat::Prometheus => {
            prometheus::note_contexts_without_samples(&report.contexts, io.err);
            prometheus::write(&report.contexts, io.out)?
        }
    }
    Ok(exit_status(&report.contexts, args.within.is_some()))
}

fn check_context(
    config: &Kubeconfig,
    name: &str,
    now: OffsetDateTime,
    within: Option<Duration>,
) -> Result<ContextExpiry, Error> {
    let resolved = config.resolve_context(Some(name))?;
    let credential = resolved.credential();
    let facts = client_certificate(&resolved)?;
    Ok(match facts {
        Some(facts) => certificate_entry(name, &credential, &facts, now, within),
        None => ContextExpiry {
            context: name.to_string(),
            user: resolved.user_name.map(str::to_string),
            credential: credential.kind(),
            not_after: None,
            seconds_left: None,
            status: Status::NoCertificate,
            long_term: None,
            renewal_window_opens: None,
            error: None,
            origin: Origin::default(),
        },
    })
}

fn certificate_entry(
    name: &str,
    credential: &Credential,
    facts: &CertificateFacts,
    now: OffsetDateTime,
    within: Option<Duration>,
) -> ContextExpiry {
    let left = facts.not_after - now;
    let status = if facts.is_expired(now) {
        Status::Expired
    } else if within.is_some_and(|within| left <= within) {
        Status::Expiring
    } else {
        Status::Ok
    };
    ContextExpiry {
        context: name.to_string(),
        user: facts.common_name.clone(),
        credential: credential.kind(),
        not_after: Some(facts.not_after),
        seconds_left: Some(left.whole_seconds()),
        status,
        long_term: Some(facts.is_long_term()),
        renewal_window_opens: facts.renewal_window_opens(),
        error: None,
        origin: Origin::default(),
    }
}

fn unreadable(name: &str, error: &Error) -> ContextExpiry {
    let cause = std::error::Error::source(error).map(|cause| format!(": {cause}")).unwrap_or_default();
    ContextExpiry {
        context: name.to_string(),
        user: None,
        credential: "client-certificate",
        not_after: None,
        seconds_left: None,
        status: Status::Unreadable,
        long_term: None,
        renewal_window_opens: None,
        error: Some(format!("{error}{cause}")),
        origin: Origin::default(),
    }
}

/// Certificates by expiry, soonest first; contexts without one keep their kubeconfig order at the end.
fn sort_soonest_first(entries: &mut [ContextExpiry]) {
    entries.sort_by_key(|entry| (entry.not_after.is_none(), entry.not_after));
}

/// 3 when a check was asked for and failed; else 1 when a certificate could not be read; else 0.
fn exit_status(entries: &[ContextExpiry], checking: bool) -> u8 {
    let needs_renewal = entries.iter().any(|entry| matches!(entry.status, Status::Expired | Status::Expiring));
    if checking && needs_renewal {
        exit::EXPIRY_CHECK_FAILED
    } else if entries.iter().any(|entry| entry.status == Status::Unreadable) {
        exit::RUNTIME_ERROR
    } else {
        exit::SUCCESS
    }
}

fn write_text(report: &ExpiryReport, now: OffsetDateTime, out: &mut dyn Write) -> std::io::Result<()> {
    let mut table = Table::new(&["CONTEXT", "USER", "EXPIRES", "LEFT", "NOTE"]);
    for entry in &report.contexts {
        let (expires, left) = match entry.not_after {
            Some(not_after) => (output::timestamp(not_after), left_text(now, not_after)),
            None => ("-".to_string(), "-".to_string()),
        };
        table.row(vec![
            entry.context.clone(),
            entry.user.clone().unwrap_or_else(|| "-".into()),
            expires,
            left,
            note(entry, now),
        ]);
    }
    table.write(out)
}

fn left_text(now: OffsetDateTime, not_after: OffsetDateTime) -> String {
    let left = not_after - now;
    if left.is_positive() { output::short_duration(left.unsigned_abs()) } else { "expired".to_string() }
}

fn note(entry: &ContextExpiry, now: OffsetDateTime) -> String {
    match entry.status {
        Status::Expired => format!("EXPIRED: renew with `kubectl ack get-credentials`{}", ago(entry, now)),
        Status::Expiring => "expires within the --within window: renew soon".into(),
        Status::NoCertificate => format!("no client certificate ({})", entry.credential),
        Status::Unreadable => entry.error.clone().unwrap_or_default(),
        Status::Ok => match entry.renewal_window_opens {
            Some(opens) if opens <= now => "inside ACK's 180-day renewal window: renewable now".into(),
            Some(opens) => format!("long-term; ACK renewal window opens {}", output::timestamp(opens)),
            None if entry.long_term == Some(false) => "temporary".into(),
            None => String::new(),
        },
    }
}

fn ago(entry: &ContextExpiry, now: OffsetDateTime) -> String {
    entry
        .not_after
        .map(|not_after| format!(" (expired {} ago)", output::short_duration((now - not_after).unsigned_abs())))
        .unwrap_or_default()
}
