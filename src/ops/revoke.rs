//! revoke: revoke this account's kubeconfigs for a cluster (RevokeK8sClusterKubeConfig), after a
//! confirmation, forget the exec plugin's cached certificates of that cluster, and find the local
//! contexts that just stopped working.

use super::Error;
use super::clusters::resolve_cluster;
use super::exec_credential::cache::Cache;
use super::session::Session;
use crate::ack::{AckContext, ClusterRef};
use crate::request::Revoke;
use crate::{Io, Machine, t};

/// What a revocation did.
pub struct Revoked {
    pub cluster: ClusterRef,
    /// Cached exec certificates of the cluster that were removed.
    pub purged_cache_entries: usize,
    /// The local contexts that held the cluster's credentials; `Err` when the kubeconfig cannot be read.
    pub affected: Result<Vec<AckContext>, Error>,
}

pub fn revoke(request: &Revoke, machine: &Machine, verbose: bool, io: &mut Io<'_>) -> Result<Revoked, Error> {
    let session = Session::open(&request.cloud, machine, verbose)?;
    let cluster = session.run(io.err, resolve_cluster(session.client(), &request.cluster))?;
    if !request.confirmed {
        confirm(&label(&cluster), machine, io)?;
    }
    session.run(io.err, session.client().revoke_cluster_kubeconfig(&cluster.id))?;
    // The exec plugin would otherwise keep serving a revoked certificate until its renewal point.
    let purged_cache_entries =
        machine.home.as_deref().map(|home| Cache::in_home(home).purge_cluster(&cluster.id)).unwrap_or(0);
    let affected = super::load_kubeconfig(&request.kubeconfig, machine).map(|config| {
        AckContext::all(&config).into_iter().filter(|context| context.cluster_id == cluster.id).collect()
    });
    Ok(Revoked { cluster, purged_cache_entries, affected })
}

/// `c5b5…e1 (prod-web)`, or the ID alone when the name is not known.
pub fn label(cluster: &ClusterRef) -> String {
    match &cluster.name {
        Some(name) => format!("{} ({name})", cluster.id),
        None => cluster.id.clone(),
    }
}

fn confirm(label: &str, machine: &Machine, io: &mut Io<'_>) -> Result<(), Error> {
    match super::ask(&t!("revoke-confirm", cluster = label), machine, io)? {
        None => Err(Error::RevokeNotConfirmed),
        Some(true) => Ok(()),
        Some(false) => Err(Error::RevokeCancelled),
    }
}
