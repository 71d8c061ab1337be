//! `kubectl ack get-credentials`: fetch a cluster's kubeconfig, rename it, merge it safely, verify it.
//!
//! Data flow (docs/ARCHITECTURE.md): flags → cluster ID (a name is resolved through the cluster
//! list) → DescribeClusterUserKubeconfig and DescribeClusterDetail concurrently → the answer
//! validated and reduced to four values (`answer`) → stable names (`naming`) → a locked, atomic
//! merge by kubectl's file rule (`merge`, `kubeconfig::Editor`) → one line on stderr → `--verify`.

mod all;
mod answer;
mod merge;
mod naming;
mod verify;

use std::path::PathBuf;
use std::sync::Arc;

use ack_client::{Client, ClusterFilter, KubeconfigRequest};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

pub use answer::{AckCredentials, AnswerError, take_credentials};
pub use merge::Provenance;
pub(crate) use merge::{Fetched, apply as merge_entries};
pub(crate) use naming::EntryNames;
pub use naming::{Access, cluster_of_entry_name, is_cluster_id, renew_command, short_id};

use self::merge::{ContextOwner, UserMode};
use super::cloud::{self, VerboseLines};
use super::credential;
use super::{Io, kubeconfig_paths, shown};
use crate::Environment;
use crate::cli::{CloudArgs, GetCredentialsArgs};
use crate::error::{Error, exit};
use crate::kubeconfig::Editor;
use crate::output;

/// A cluster as the user named it, resolved.
#[derive(Debug, Clone)]
pub struct ClusterRef {
    pub id: String,
    pub name: Option<String>,
    pub region: Option<String>,
}

pub fn run(args: &GetCredentialsArgs, verbose: bool, env: &Environment, io: &mut Io<'_>) -> Result<u8, Error> {
    if args.all {
        return all::run(args, verbose, env, io);
    }
    let access = if args.private { Access::Private } else { Access::Public };
    if !args.print {
        // A broken kubeconfig is reported before a certificate is minted for nothing.
        crate::kubeconfig::check_readable(&kubeconfig_paths(&args.kubeconfig, env)?)?;
    }
    let lines = VerboseLines::default();
    let client = cloud::client(&args.cloud, verbose.then_some(&lines))?;
    // An exec user's certificates are always short-lived: 3h unless --temporary says otherwise.
    let minutes =
        if args.exec { Some(args.temporary.unwrap_or(credential::DEFAULT_EXEC_MINUTES)) } else { args.temporary };
    let cluster_arg = args.cluster.as_deref().expect("clap requires CLUSTER without --all");
    let fetched = cloud::block_on(fetch(&client, cluster_arg, access, minutes));
    lines.flush(io);
    let (cluster, credentials) = fetched??;
    let (names, fetched) = prepare(cluster, credentials, access, minutes, client.region(), args, env, io);
    warn_if_insecure(args, io);
    if args.print {
        let text = merge::standalone(&names, &fetched)
            .to_yaml()
            .map_err(|error| Error::Output(std::io::Error::other(error)))?;
        io.out.write_all(text.as_bytes())?;
        return Ok(exit::SUCCESS);
    }
    let target = write(args, env, &names, &fetched, io)?;
    report_merge(&names, &fetched, &shown(&target, env), !args.no_set_current, io);
    if args.verify {
        return verify(&names, &fetched, args, io);
    }
    Ok(exit::SUCCESS)
}

/// Names, user mode and provenance for one fetched cluster: the steps every path shares.
#[allow(clippy::too_many_arguments)]
pub(super) fn prepare(
    cluster: ClusterRef,
    credentials: AckCredentials,
    access: Access,
    minutes: Option<u32>,
    client_region: Option<&str>,
    args: &GetCredentialsArgs,
    env: &Environment,
    io: &mut Io<'_>,
) -> (naming::EntryNames, Fetched) {
    note_dropped_keys(&credentials, io);
    let names =
        naming::entry_names(&cluster.id, &credentials.uid, cluster.name.as_deref(), access, args.context.as_deref());
    let region = cluster.region.clone().or_else(|| client_region.map(str::to_string));
    let user = match (args.exec, minutes) {
        (true, Some(minutes)) => {
            exec_user(&cluster.id, access, minutes, region.as_deref(), &credentials, args, env, io)
        }
        _ => UserMode::Certificate,
    };
    (names, record(cluster, region, credentials, access, minutes, user, args, env))
}

pub(super) fn warn_if_insecure(args: &GetCredentialsArgs, io: &mut Io<'_>) {
    if args.insecure_skip_tls_verify {
        output::warning(
            io.err,
            "--insecure-skip-tls-verify: kubectl will not check the API server's identity. This is meant for ACK \
             dedicated clusters whose SLB got a new IP; managed clusters should add the IP to the certificate's SANs",
        );
    }
}

/// The answer's extras were not copied; say so, so nobody wonders where their proxy-url went.
fn note_dropped_keys(credentials: &AckCredentials, io: &mut Io<'_>) {
    for key in &credentials.dropped {
        output::note(
            io.err,
            &format!(
                "ignored {key} from the API's answer: kubectl-ack only takes the server, CA and client certificate"
            ),
        );
    }
}

/// What will be written, with the provenance that later commands read back.
#[allow(clippy::too_many_arguments)]
fn record(
    cluster: ClusterRef,
    region: Option<String>,
    credentials: AckCredentials,
    access: Access,
    minutes: Option<u32>,
    user: UserMode,
    args: &GetCredentialsArgs,
    env: &Environment,
) -> Fetched {
    Fetched {
        provenance: Provenance {
            cluster_id: cluster.id,
            cluster_name: cluster.name,
            region,
            access,
            mode: user.name().into(),
            temporary_minutes: minutes,
            fetched_at: env.now,
            not_after: Some(credentials.certificate.not_after),
        },
        insecure_skip_tls_verify: args.insecure_skip_tls_verify,
        credentials,
        user,
    }
}

/// The exec user's arguments: the same cluster, access, lifetime and cloud settings this run used.
/// The certificate just fetched seeds the plugin's cache, so kubectl's first call needs no API call.
#[allow(clippy::too_many_arguments)]
fn exec_user(
    cluster_id: &str,
    access: Access,
    minutes: u32,
    region: Option<&str>,
    credentials: &AckCredentials,
    args: &GetCredentialsArgs,
    env: &Environment,
    io: &mut Io<'_>,
) -> UserMode {
    let cloud = CloudArgs { region: region.map(str::to_string), ..args.cloud.clone() };
    let mut exec_args =
        vec!["credential".to_string(), cluster_id.to_string(), "--temporary".into(), format!("{minutes}m")];
    if access == Access::Private {
        exec_args.push("--private".into());
    }
    for (flag, value) in [("--region", &cloud.region), ("--profile", &cloud.profile), ("--endpoint", &cloud.endpoint)] {
        if let Some(value) = value {
            exec_args.extend([flag.to_string(), value.clone()]);
        }
    }
    if let (Some(home), Ok(entry)) = (env.home.as_deref(), credential::entry_from(cluster_id, credentials)) {
        let key = credential::cache_key(cluster_id, access, minutes, &cloud, env);
        let cache = credential::cache::Cache::in_home(home);
        if let Err(error) = cache.store(&key, &entry) {
            output::warning(io.err, &format!("the certificate could not be cached for the exec plugin: {error}"));
        }
        for note in cache.take_notes() {
            output::note(io.err, &note);
        }
    }
    UserMode::Exec { args: exec_args }
}

/// Resolves the cluster and fetches its kubeconfig (and, for an ID, its name) concurrently.
async fn fetch(
    client: &Client,
    cluster: &str,
    access: Access,
    temporary_minutes: Option<u32>,
) -> Result<(ClusterRef, AckCredentials), Error> {
    let mut cluster = resolve_cluster(client, cluster).await?;
    let request = KubeconfigRequest {
        private_ip_address: access == Access::Private,
        temporary_duration_minutes: temporary_minutes,
    };
    let id = cluster.id.clone();
    // Naming is a convenience: without the detail the context is named after the ID.
    let credentials = with_cluster_detail(client, &mut cluster, fetch_credentials(client, &id, &request)).await?;
    Ok((cluster, credentials))
}

/// Runs `call` for a resolved cluster; when the cluster's name is not known yet (it was given by ID),
/// DescribeClusterDetail runs alongside, so it costs no latency, and fills in name and region. A failed
/// detail only leaves them out.
pub(crate) async fn with_cluster_detail<T, E>(
    client: &Client,
    cluster: &mut ClusterRef,
    call: impl Future<Output = Result<T, E>>,
) -> Result<T, E> {
    let name_needed = cluster.name.is_none();
    let (answer, detail) = tokio::join!(call, async {
        if name_needed { Some(client.describe_cluster_detail(&cluster.id).await) } else { None }
    });
    if let Some(Ok(detail)) = detail {
        cluster.name = Some(detail.name).filter(|name| !name.is_empty());
        cluster.region = Some(detail.region_id).filter(|region| !region.is_empty());
    }
    answer
}

/// One cluster's kubeconfig call, its answer validated and reduced to what is written.
pub(crate) async fn fetch_credentials(
    client: &Client,
    cluster_id: &str,
    request: &KubeconfigRequest,
) -> Result<AckCredentials, Error> {
    let answer = client.describe_cluster_user_kubeconfig(cluster_id, request).await?;
    take_credentials(&answer.config)
        .map_err(|source| Error::InvalidAnswer { cluster_id: cluster_id.to_string(), source })
}

/// One kubeconfig call of a batch.
pub(crate) struct KubeconfigFetch {
    pub client: Client,
    pub cluster_id: String,
    pub request: KubeconfigRequest,
}

/// Makes the calls, at most `concurrency` at a time; the results come in the order of `fetches`.
/// With `progress` (a terminal), `fetching kubeconfigs: n/total` is redrawn as they finish.
pub(crate) async fn fetch_concurrently(
    fetches: Vec<KubeconfigFetch>,
    concurrency: usize,
    mut progress: Option<&mut (dyn std::io::Write + '_)>,
) -> Vec<Result<AckCredentials, Error>> {
    let total = fetches.len();
    let permits = Arc::new(Semaphore::new(concurrency));
    let mut tasks = JoinSet::new();
    for (position, fetch) in fetches.into_iter().enumerate() {
        let permits = permits.clone();
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await.expect("the semaphore is never closed");
            (position, fetch_credentials(&fetch.client, &fetch.cluster_id, &fetch.request).await)
        });
    }
    let mut results = Vec::with_capacity(total);
    while let Some(joined) = tasks.join_next().await {
        results.push(joined.expect("a fetch task does not panic"));
        if let Some(terminal) = progress.as_deref_mut() {
            // One line, redrawn in place; cleared when done so the summary lines follow cleanly.
            let _ = write!(terminal, "\rfetching kubeconfigs: {}/{total}", results.len());
            let _ = terminal.flush();
        }
    }
    if let Some(terminal) = progress {
        let _ = write!(terminal, "\r\x1b[K");
    }
    results.sort_by_key(|(position, _)| *position);
    results.into_iter().map(|(_, result)| result).collect()
}

/// An ID is used as it is; a name is looked up in the region's cluster list.
pub async fn resolve_cluster(client: &Client, text: &str) -> Result<ClusterRef, Error> {
    if is_cluster_id(text) {
        return Ok(ClusterRef { id: text.to_string(), name: None, region: None });
    }
    let region = client.region().map(str::to_string);
    let filter = ClusterFilter { region: region.clone(), name: Some(text.to_string()), ..ClusterFilter::default() };
    let matches: Vec<_> =
        client.list_clusters(&filter).await?.into_iter().filter(|cluster| cluster.name == text).collect();
    match matches.as_slice() {
        [] => Err(Error::ClusterNameNotFound { name: text.to_string(), region }),
        [only] => Ok(ClusterRef {
            id: only.cluster_id.clone(),
            name: Some(only.name.clone()),
            region: Some(only.region_id.clone()).filter(|region| !region.is_empty()),
        }),
        several => Err(Error::AmbiguousClusterName {
            name: text.to_string(),
            matches: several.iter().map(|cluster| format!("{} ({})", cluster.cluster_id, cluster.region_id)).collect(),
        }),
    }
}

/// Merges the entries under the kubeconfig lock; returns the file the context went to.
fn write(
    args: &GetCredentialsArgs,
    env: &Environment,
    names: &naming::EntryNames,
    fetched: &Fetched,
    io: &mut Io<'_>,
) -> Result<PathBuf, Error> {
    let paths = kubeconfig_paths(&args.kubeconfig, env)?;
    let mut editor = Editor::open(&paths, env.lock_timeout)?;
    if let ContextOwner::Other(owner) = merge::context_owner(editor.view(), names, &fetched.provenance)
        && !args.overwrite
    {
        return Err(Error::NameTaken { context: names.context.clone(), owner });
    }
    let target = merge::apply(&mut editor, names, fetched, !args.no_set_current);
    warn_if_readable(&editor.commit()?, env, io);
    Ok(target)
}

/// A kubeconfig others can read now holds a private key: say so (its mode is the user's to change).
/// Also says when a file was rewritten in place rather than replaced (a bind mount, a hard link).
pub(super) fn warn_if_readable(written: &[crate::fsutil::Written], env: &Environment, io: &mut Io<'_>) {
    for file in written {
        if let Some(why) = &file.in_place {
            output::note(io.err, &format!("{} was rewritten in place under its lock: {why}", shown(&file.path, env)));
        }
        if let Some(mode) = file.readable_by_others {
            output::warning(
                io.err,
                &format!(
                    "{} is readable by other users (mode {mode:04o}) and holds a private key: run `chmod 600 {}`",
                    shown(&file.path, env),
                    file.path.display()
                ),
            );
        }
    }
}

/// `Merged context "prod-web" (cluster c5b5e8…, public, expires 2026-11-24 09:56 UTC) into ~/.kube/config`
pub(super) fn report_merge(
    names: &naming::EntryNames,
    fetched: &Fetched,
    target: &str,
    switched: bool,
    io: &mut Io<'_>,
) {
    let provenance = &fetched.provenance;
    let expires = output::timestamp(fetched.credentials.certificate.not_after);
    let _ = writeln!(
        io.err,
        "Merged context \"{}\" (cluster {}, {}, expires {expires}) into {}",
        names.context,
        short_id(&provenance.cluster_id),
        provenance.access.as_str(),
        target
    );
    if switched {
        let _ = writeln!(io.err, "Switched to context \"{}\".", names.context);
    }
}

fn verify(
    names: &naming::EntryNames,
    fetched: &Fetched,
    args: &GetCredentialsArgs,
    io: &mut Io<'_>,
) -> Result<u8, Error> {
    // The check uses the certificate itself, so it works before kubectl-ack is on PATH (exec users).
    let with_certificate = Fetched { user: UserMode::Certificate, ..fetched.clone() };
    match cloud::block_on(verify::list_namespaces(names, &with_certificate, args.cloud.timeout))? {
        Ok(count) => {
            let user = fetched.credentials.certificate.common_name.as_deref().unwrap_or("the new certificate");
            let _ = writeln!(io.err, "Verified: listed {count} namespaces as {user}.");
            Ok(exit::SUCCESS)
        }
        Err(diagnosis) => Err(Error::VerifyFailed {
            context: names.context.clone(),
            problem: diagnosis.problem,
            hint: diagnosis.hint,
        }),
    }
}
