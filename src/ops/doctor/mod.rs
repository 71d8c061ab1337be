//! doctor: every reason `kubectl` may fail with an ACK context, checked in turn, each
//! problem with a fix the user can run.
//!
//! Order (docs/OUTPUT.md): Alibaba Cloud credentials, clock, RAM permission (`cloud`), kubeconfig files
//! (`files`), client certificate (`certificate`), API server TLS and reachability (`connection`, over one
//! `probe`). A check that cannot run because what it needs failed is reported as skipped, with why.
//! Nothing is written: the permission check fetches the shortest-lived kubeconfig ACK issues and drops it.

mod certificate;
mod cloud;
mod connection;
mod files;
mod probe;
mod report;

use std::time::Instant;

use time::OffsetDateTime;

use super::{Error, kubeconfig_paths};
use crate::ack::{Access, AckContext, renew_command};
use crate::i18n::Bilingual;
use crate::kubeconfig::{KubeconfigView, UserAuth};
use crate::ops::inspect::is_token_plugin;
use crate::request::Doctor;
use crate::{Io, Machine, both};
use files::ContextLookup;
use report::ClusterSummary;
pub use report::{Check, CheckName, Finding, IdentifiedBy, Report};

/// Every check, in order, as one report. Only a kubeconfig list that cannot even be worked out is an
/// error: a broken file or a missing context is a failed check, so the report still comes out.
pub fn diagnose(request: &Doctor, machine: &Machine, verbose: bool, io: &mut Io<'_>) -> Result<Report, Error> {
    let clock = LocalClock { at_start: machine.now, started: Instant::now() };
    let paths = kubeconfig_paths(&request.kubeconfig, machine)?;
    let loaded = KubeconfigView::load(&paths);
    let context = loaded.as_ref().map(|config| config.resolve_context(request.context.as_deref()));
    let lookup = match &context {
        Err(error) => ContextLookup::Unreadable(error),
        Ok(Err(error)) => ContextLookup::NoContext(error),
        Ok(Ok(resolved)) => ContextLookup::Found(resolved),
    };
    let resolved = match &lookup {
        ContextLookup::Found(resolved) => Some(*resolved),
        _ => None,
    };
    let cluster = resolved
        .zip(loaded.as_ref().ok())
        .and_then(|(resolved, config)| AckContext::recognise(config, resolved.name()))
        .map(AckCluster::from);
    let renew = resolved.map(|resolved| renew_command_for(cluster.as_ref(), resolved.name()));

    let ack_cluster = match (resolved, &cluster) {
        (_, Some(cluster)) => Ok(cluster),
        (None, None) => Err(no_context()),
        (Some(_), None) => Err(both!("doctor-not-an-ack-context")),
    };
    let token_user = resolved.is_some_and(
        |resolved| matches!(resolved.user_auth(), UserAuth::Exec { command, args } if is_token_plugin(&command, &args)),
    );
    let cloud = cloud::check(request, machine, ack_cluster, token_user, &clock, verbose, io);
    let kubeconfig = files::check(&paths, lookup, machine);
    let (certificate, client) = certificate::check(resolved, renew.as_deref(), machine.now);
    let subject = connection::Subject {
        resolved,
        cluster: cluster.as_ref(),
        ack: cloud.answer.as_ref(),
        client: client.as_ref(),
        renew: renew.as_deref(),
        proxies: &machine.proxies,
        bearer: cloud.token.as_deref(),
    };
    let [tls, reachability] = connection::check(&subject, request.connect_timeout);

    let [credentials, clock_check, permission] = cloud.checks;
    let checks = vec![credentials, clock_check, permission, kubeconfig, certificate, tls, reachability];
    let summary = cluster.as_ref().map(AckCluster::summary);
    Ok(Report::new(resolved.map(|resolved| resolved.name().to_string()), summary, machine.now, checks))
}

/// Why a check that needs the context did not run.
pub(super) fn no_context() -> Bilingual {
    both!("doctor-no-context")
}

/// This machine's time at any moment of the run: the injected clock, read once at the start, moved on by
/// the monotonic clock (the clock check compares it with the API's `Date` seconds later).
pub(super) struct LocalClock {
    at_start: OffsetDateTime,
    started: Instant,
}

impl LocalClock {
    fn now(&self) -> OffsetDateTime {
        self.at_start + self.started.elapsed()
    }
}

/// The ACK cluster behind a context: from kubectl-ack's provenance, else from an `ack-<id>` name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct AckCluster {
    pub id: String,
    pub access: Access,
    pub region: Option<String>,
    pub temporary_minutes: Option<u32>,
    pub identified_by: IdentifiedBy,
}

impl From<AckContext> for AckCluster {
    fn from(context: AckContext) -> AckCluster {
        AckCluster {
            region: context.region().map(str::to_string),
            temporary_minutes: context.temporary_minutes(),
            identified_by: match context.provenance() {
                Some(_) => IdentifiedBy::Provenance,
                None => IdentifiedBy::Name,
            },
            id: context.cluster_id,
            access: context.access,
        }
    }
}

impl AckCluster {
    fn summary(&self) -> ClusterSummary {
        ClusterSummary { id: self.id.clone(), access: self.access, identified_by: self.identified_by }
    }
}

/// The command that fetches this context's credentials again, into the same context.
fn renew_command_for(cluster: Option<&AckCluster>, context: &str) -> String {
    match cluster {
        Some(cluster) => renew_command(&cluster.id, cluster.access, cluster.temporary_minutes, context),
        None => crate::output::command_line(&["kubectl", "ack", "get-credentials", "CLUSTER"], ["--context", context]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "c5b5e80b0b64a4bf6939d2d8fbbc5e4e1";

    #[test]
    fn the_renew_command_repeats_the_access_the_lifetime_and_the_context() {
        let cluster = AckCluster {
            id: ID.into(),
            access: Access::Private,
            region: None,
            temporary_minutes: Some(30),
            identified_by: IdentifiedBy::Provenance,
        };
        assert_eq!(
            renew_command_for(Some(&cluster), "web"),
            format!("kubectl ack get-credentials {ID} --private --temporary 30m --context web")
        );
        assert_eq!(renew_command_for(None, "web"), "kubectl ack get-credentials CLUSTER --context web");
    }
}
