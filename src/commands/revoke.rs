//! `kubectl ack revoke`: revoke this account's kubeconfigs for a cluster (RevokeK8sClusterKubeConfig),
//! after a confirmation, and say which local contexts just stopped working and how to renew them.

use super::cloud::{self, VerboseLines};
use super::credential::cache::Cache;
use super::get_credentials::resolve_cluster;
use super::{Io, load_kubeconfig};
use crate::Environment;
use crate::ack::{AckContext, renew_command, short_id};
use crate::cli::RevokeArgs;
use crate::error::{Error, exit};
use crate::kubeconfig::Kubeconfig;
use crate::output;

pub fn run(args: &RevokeArgs, verbose: bool, env: &Environment, io: &mut Io<'_>) -> Result<u8, Error> {
    let lines = VerboseLines::default();
    let client = cloud::client(&args.cloud, verbose.then_some(&lines))?;
    let cluster = cloud::block_on(resolve_cluster(&client, &args.cluster));
    lines.flush(io);
    let cluster = cluster??;
    let label = match &cluster.name {
        Some(name) => format!("{} ({name})", cluster.id),
        None => cluster.id.clone(),
    };
    if !args.yes {
        confirm(&label, env, io)?;
    }
    let revoked = cloud::block_on(client.revoke_cluster_kubeconfig(&cluster.id));
    lines.flush(io);
    revoked??;
    writeln!(
        io.out,
        "Revoked this account's kubeconfigs for cluster {label}: certificates issued before now no longer work."
    )?;
    // The exec plugin would otherwise keep serving a revoked certificate until its renewal point.
    let purged = env.home.as_deref().map(|home| Cache::in_home(home).purge_cluster(&cluster.id)).unwrap_or(0);
    if purged > 0 {
        writeln!(
            io.out,
            "Removed {purged} cached exec certificate(s) of this cluster: kubectl fetches new ones on its next call."
        )?;
    }
    match load_kubeconfig(&args.kubeconfig, env) {
        Ok(config) => report_affected_contexts(&config, &cluster.id, io)?,
        Err(error) => {
            output::warning(io.err, &format!("cannot check the local kubeconfig for affected contexts: {error}"))
        }
    }
    Ok(exit::SUCCESS)
}

fn confirm(label: &str, env: &Environment, io: &mut Io<'_>) -> Result<(), Error> {
    if !env.interactive {
        return Err(Error::RevokeNotConfirmed);
    }
    write!(
        io.err,
        "Revoke every kubeconfig this account holds for cluster {label}? Connections with them stop at once. [y/N] "
    )?;
    io.err.flush()?;
    let mut answer = String::new();
    io.input.read_line(&mut answer)?;
    match answer.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Ok(()),
        _ => Err(Error::RevokeCancelled),
    }
}

/// Contexts of the active kubeconfig that hold this cluster's credentials, with the line that renews each.
fn report_affected_contexts(config: &Kubeconfig, cluster_id: &str, io: &mut Io<'_>) -> std::io::Result<()> {
    let affected: Vec<AckContext> =
        AckContext::all(config).into_iter().filter(|context| context.cluster_id == cluster_id).collect();
    if affected.is_empty() {
        return writeln!(
            io.out,
            "No context in the active kubeconfig holds credentials of cluster {}.",
            short_id(cluster_id)
        );
    }
    writeln!(io.out, "These contexts held the revoked credentials; renew them with:")?;
    for context in affected {
        let command = renew_command(cluster_id, context.access, context.temporary_minutes(), &context.context);
        writeln!(io.out, "  {command}")?;
    }
    Ok(())
}
