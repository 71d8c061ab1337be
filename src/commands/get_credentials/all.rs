//! `get-credentials --all`: every cluster the credentials can see, fetched with bounded
//! concurrency and written in one locked write. A cluster that fails does not stop the others:
//! they are written, the failures are listed, and the exit status is 1.

use ack_client::{Client, ClusterFilter, KubeconfigRequest};

use super::merge::{self, ContextOwner, Fetched};
use super::{
    KubeconfigFetch, credential, fetch_concurrently, prepare, report_merge, warn_if_insecure, warn_if_readable,
};
use crate::Environment;
use crate::ack::{Access, AckCredentials, ClusterRef, EntryNames, short_id};
use crate::cli::GetCredentialsArgs;
use crate::commands::cloud::{self, VerboseLines};
use crate::commands::{Io, kubeconfig_paths, shown};
use crate::error::{self, Error, exit};
use crate::kubeconfig::Editor;
use crate::output;

/// What happened to one cluster.
type Outcome = (ClusterRef, Result<AckCredentials, Error>);

pub fn run(args: &GetCredentialsArgs, verbose: bool, env: &Environment, io: &mut Io<'_>) -> Result<u8, Error> {
    let paths = kubeconfig_paths(&args.kubeconfig, env)?;
    crate::kubeconfig::check_readable(&paths)?;
    let access = if args.private { Access::Private } else { Access::Public };
    let minutes =
        if args.exec { Some(args.temporary.unwrap_or(credential::DEFAULT_EXEC_MINUTES)) } else { args.temporary };
    let lines = VerboseLines::default();
    let client = cloud::client(&args.cloud, verbose.then_some(&lines))?;
    let region = if args.all_regions { None } else { client.region().map(str::to_string) };
    let listed = cloud::block_on(client.list_clusters(&ClusterFilter { region, ..ClusterFilter::default() }));
    lines.flush(io);
    let (running, skipped): (Vec<_>, Vec<_>) = listed??.into_iter().partition(|cluster| cluster.state == "running");
    for cluster in &skipped {
        output::note(
            io.err,
            &format!("skipped {} ({}): its state is {}", cluster.name, cluster.cluster_id, cluster.state),
        );
    }
    let clusters: Vec<ClusterRef> = running
        .into_iter()
        .map(|cluster| ClusterRef {
            id: cluster.cluster_id,
            name: Some(cluster.name).filter(|name| !name.is_empty()),
            region: Some(cluster.region_id).filter(|region| !region.is_empty()),
        })
        .collect();
    let request =
        KubeconfigRequest { private_ip_address: access == Access::Private, temporary_duration_minutes: minutes };
    let outcomes = {
        let progress = if env.stderr_is_terminal { Some(&mut *io.err) } else { None };
        cloud::block_on(fetch_all(&client, clusters, request, usize::from(args.concurrency), progress))?
    };
    lines.flush(io);
    warn_if_insecure(args, io);

    let mut failures: Vec<(ClusterRef, Error)> = Vec::new();
    let mut prepared: Vec<(EntryNames, Fetched)> = Vec::new();
    for (cluster, result) in outcomes {
        match result {
            Ok(credentials) => {
                prepared.push(prepare(cluster, credentials, access, minutes, client.region(), args, env, io))
            }
            Err(error) => failures.push((cluster, error)),
        }
    }
    let mut editor = Editor::open(&paths, env.lock_timeout)?;
    let mut merged = Vec::new();
    for (names, fetched) in prepared {
        match merge::context_owner(editor.view(), &names, &fetched.provenance) {
            ContextOwner::Other(owner) if !args.overwrite => {
                let cluster = ClusterRef {
                    id: fetched.provenance.cluster_id.clone(),
                    name: fetched.provenance.cluster_name.clone(),
                    region: fetched.provenance.region.clone(),
                };
                failures.push((cluster, Error::NameTaken { context: names.context.clone(), owner }));
            }
            _ => {
                let (target, names) = merge::apply(&mut editor, &names, &fetched, false);
                merged.push((names, fetched, target));
            }
        }
    }
    warn_if_readable(&editor.commit()?, env, io);
    for (names, fetched, target) in &merged {
        report_merge(names, fetched, &shown(target, env), false, io);
    }
    report_failures(&failures, io);
    let _ = writeln!(
        io.err,
        "{} of {} clusters written{}.",
        merged.len(),
        merged.len() + failures.len(),
        if skipped.is_empty() { String::new() } else { format!(", {} skipped (not running)", skipped.len()) }
    );
    Ok(if failures.is_empty() { exit::SUCCESS } else { exit::RUNTIME_ERROR })
}

/// Fetches every cluster's kubeconfig, at most `concurrency` at a time, in list order.
async fn fetch_all(
    client: &Client,
    clusters: Vec<ClusterRef>,
    request: KubeconfigRequest,
    concurrency: usize,
    progress: Option<&mut (dyn std::io::Write + '_)>,
) -> Vec<Outcome> {
    let fetches = clusters
        .iter()
        .map(|cluster| KubeconfigFetch { client: client.clone(), cluster_id: cluster.id.clone(), request })
        .collect();
    let results = fetch_concurrently(fetches, concurrency, progress).await;
    clusters.into_iter().zip(results).collect()
}

/// `failed: demo-web (c0a1b2c3…): <error>; <cause>` for each cluster that could not be written.
fn report_failures(failures: &[(ClusterRef, Error)], io: &mut Io<'_>) {
    for (cluster, error) in failures {
        let name = cluster.name.as_deref().unwrap_or("(unnamed)");
        let _ = writeln!(io.err, "failed: {name} ({}): {}", short_id(&cluster.id), error::report_line(error));
    }
}
