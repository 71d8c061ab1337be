//! expiry: when client certificates run out, soonest first, read offline from the kubeconfig.

use std::time::Duration;

use serde::Serialize;
use time::OffsetDateTime;

use super::Error;
use super::inspect::{client_certificate, is_token_plugin};
use crate::Machine;
use crate::ack::AckContext;
use crate::cert::CertificateFacts;
use crate::i18n::Bilingual;
use crate::kubeconfig::{KubeconfigView, Section, UserAuth};
use crate::request::{Contexts, Expiry, ExpiryFormat};

/// `-o json|yaml` of expiry (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpiryReport {
    #[serde(with = "time::serde::rfc3339")]
    pub checked_at: OffsetDateTime,
    pub within_seconds: Option<u64>,
    pub contexts: Vec<ContextExpiry>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextExpiry {
    pub context: String,
    pub user: Option<String>,
    pub credential: &'static str,
    #[serde(with = "time::serde::rfc3339::option")]
    pub not_after: Option<OffsetDateTime>,
    pub seconds_left: Option<i64>,
    /// ok, expiring (within --within), expired, no-certificate, token (an ack-ram-authenticator token
    /// user: nothing long-lived to expire) or unreadable.
    pub status: Status,
    pub long_term: Option<bool>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub renewal_window_opens: Option<OffsetDateTime>,
    pub error: Option<Bilingual>,
    /// Labels of `-o prometheus`; not part of the documented JSON/YAML report.
    #[serde(skip)]
    pub origin: Origin,
}

/// Which user entry and which ACK cluster a context names, read from the context entry itself, so
/// even a context whose user cannot be resolved has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The context's `user` (the user entry's name), empty when it has none.
    pub user_entry: String,
    /// The ACK cluster, as `ack::AckContext` recognises it; empty for other contexts.
    pub cluster_id: String,
}

impl Origin {
    fn of(config: &KubeconfigView, context: &str) -> Origin {
        let Some(entry) = config.entry(Section::Contexts, context) else { return Origin::default() };
        Origin {
            user_entry: entry.str_field("user").unwrap_or_default().to_string(),
            cluster_id: AckContext::recognise(config, context).map(|ack| ack.cluster_id).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Ok,
    Expiring,
    Expired,
    NoCertificate,
    Token,
    Unreadable,
}

/// The report, and the errors of the contexts whose certificate could not be read (`--all-contexts`
/// goes on past them; a single context's error is the command's error).
pub fn expiry(request: &Expiry, machine: &Machine) -> Result<(ExpiryReport, Vec<Error>), Error> {
    // For monitoring, a certificate that cannot be read is a value (`readable 0`), not a failed run.
    let unreadable_is_data = request.contexts == Contexts::All || request.format == ExpiryFormat::Prometheus;
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut check = |config: &KubeconfigView, name: &str| -> Result<(), Error> {
        let mut entry = match check_context(config, name, machine.now, request.within) {
            Ok(entry) => entry,
            Err(error) if !unreadable_is_data => return Err(error),
            Err(error) => {
                let entry = unreadable(name, &error);
                problems.push(error);
                entry
            }
        };
        entry.origin = Origin::of(config, name);
        entries.push(entry);
        Ok(())
    };
    match &request.contexts {
        // One context built at a time: on a 1,000-context file the report holds rows, not the entries.
        Contexts::All => {
            let mut views = super::load_context_views(&request.kubeconfig, machine)?;
            for name in views.names().to_vec() {
                let view = views.view(&name)?;
                check(&view, &name)?;
            }
        }
        Contexts::One(name) => {
            let config = super::load_kubeconfig_for_context(&request.kubeconfig, name.as_deref(), machine)?;
            let name = config.resolve_context(name.as_deref())?.name().to_string();
            check(&config, &name)?;
        }
    }
    sort_soonest_first(&mut entries);
    let report = ExpiryReport {
        checked_at: machine.now,
        within_seconds: request.within.map(|within| within.as_secs()),
        contexts: entries,
    };
    Ok((report, problems))
}

fn check_context(
    config: &KubeconfigView,
    name: &str,
    now: OffsetDateTime,
    within: Option<Duration>,
) -> Result<ContextExpiry, Error> {
    let resolved = config.resolve_context(Some(name))?;
    let auth = resolved.user_auth();
    let facts = client_certificate(&resolved)?;
    Ok(match facts {
        Some(facts) => certificate_entry(name, &auth, &facts, now, within),
        None => ContextExpiry {
            context: name.to_string(),
            user: resolved.user_name.map(str::to_string),
            credential: auth.kind(),
            not_after: None,
            seconds_left: None,
            status: match &auth {
                UserAuth::Exec { command, args } if is_token_plugin(command, args) => Status::Token,
                _ => Status::NoCertificate,
            },
            long_term: None,
            renewal_window_opens: None,
            error: None,
            origin: Origin::default(),
        },
    })
}

fn certificate_entry(
    name: &str,
    auth: &UserAuth,
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
        credential: auth.kind(),
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
    ContextExpiry {
        context: name.to_string(),
        user: None,
        credential: "client-certificate",
        not_after: None,
        seconds_left: None,
        status: Status::Unreadable,
        long_term: None,
        renewal_window_opens: None,
        error: Some(Bilingual::of(|| crate::output::error_chain(error))),
        origin: Origin::default(),
    }
}

/// Certificates by expiry, soonest first; contexts without one keep their kubeconfig order at the end.
fn sort_soonest_first(entries: &mut [ContextExpiry]) {
    entries.sort_by_key(|entry| (entry.not_after.is_none(), entry.not_after));
}
