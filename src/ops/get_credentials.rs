//! get-credentials: fetch → validate → name → merge, for one cluster or for every cluster the
//! credentials can see (`--all`).
//!
//! Data flow (docs/ARCHITECTURE.md): the cluster as given (an ID, or a name resolved through the
//! cluster list) → DescribeClusterUserKubeconfig and DescribeClusterDetail concurrently → the answer
//! validated and reduced to four values (`ack::answer`) → stable names (`ack::naming`), placed so no
//! other context is changed (`placement`) → a locked, atomic merge by kubectl's file rule (`merge`,
//! `kubeconfig::Editor`).

use std::cell::RefCell;
use std::path::PathBuf;

use ack_client::ClusterSummary;

use super::Error;
use super::clusters::{self, resolve_cluster, with_cluster_detail};
use super::exec_credential::{self, cache_key};
use super::fetch::{KubeconfigFetch, fetch_concurrently, fetch_credentials, kubeconfig_request};
use super::merge::{self, ContextOptions, ContextOwner, ContextWrite, UserMode};
use super::session::Session;
use super::verify;
use crate::ack::{
    self, Access, ClusterRef, DEFAULT_EXEC_MINUTES, EntryNames, FetchedKubeconfig, Mode, Provenance, RamIdentity,
};
use crate::fsutil::Written;
use crate::kubeconfig::{Editor, Section};
use crate::output::SharedWriter;
use crate::request::{GetCredentials, Target, UserKind};
use crate::{Io, Machine, output, t};

/// One cluster's credentials, named and ready to be written.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The names wanted; where they land is decided under the lock (`placement`).
    pub names: EntryNames,
    pub write: ContextWrite,
}

/// A context that was written.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The names really written.
    pub names: EntryNames,
    pub write: ContextWrite,
    /// The kubeconfig file the context went to.
    pub file: PathBuf,
}

/// The lifetime asked for: an exec user's certificates are always short-lived (3h unless `--temporary`).
pub fn lifetime_minutes(request: &GetCredentials) -> Option<u32> {
    match request.user {
        UserKind::Exec => Some(request.temporary_minutes.unwrap_or(DEFAULT_EXEC_MINUTES)),
        UserKind::Certificate => request.temporary_minutes,
        // Tokens live ten minutes and are made anew for every kubectl command; nothing to choose.
        UserKind::Token => None,
    }
}

/// The lifetime asked of ACK: a token user needs only the cluster's server and CA from the kubeconfig,
/// so the certificate that comes with them is the shortest-lived one ACK issues, and is dropped.
fn fetch_minutes(request: &GetCredentials) -> Option<u32> {
    match request.user {
        UserKind::Token => Some(TOKEN_USER_FETCH_MINUTES),
        _ => lifetime_minutes(request),
    }
}

/// The shortest lifetime ACK issues (TemporaryDurationMinutes 15).
const TOKEN_USER_FETCH_MINUTES: u32 = 15;

/// Options that do not go together, found before anything happens.
pub fn check_request(request: &GetCredentials) -> Result<(), Error> {
    if request.user == UserKind::Token && request.temporary_minutes.is_some() {
        return Err(Error::DoesNotApply { option: "--temporary", to: "--auth token" });
    }
    if request.user == UserKind::Token && request.insecure_skip_tls_verify {
        return Err(Error::DoesNotApply { option: "--insecure-skip-tls-verify", to: "--auth token" });
    }
    Ok(())
}

/// Takes the kubeconfig's locks and reads it, before any API call: each fetch mints a live certificate at
/// ACK, so a broken file, a stale lock or a directory that cannot be written is reported first, and the
/// certificate is never minted for nothing. The lock is held until the entries are written.
pub fn lock_target(request: &GetCredentials, machine: &Machine) -> Result<Editor, Error> {
    let paths = super::kubeconfig_paths(&request.kubeconfig, machine)?;
    Ok(Editor::open(&paths, machine.lock_timeout)?)
}

/// Resolves `cluster`, fetches its kubeconfig (and, for an ID, its name, concurrently), and prepares
/// what is written under `context` (default: the cluster's name).
pub fn fetch_one(
    request: &GetCredentials,
    cluster: &str,
    context: Option<&str>,
    machine: &Machine,
    session: &Session,
    io: &mut Io<'_>,
) -> Result<Prepared, Error> {
    let kubeconfig_request = kubeconfig_request(request.access, fetch_minutes(request));
    let client = session.client();
    let (cluster, fetched) = session.run(io.err, async {
        let mut cluster = resolve_cluster(client, cluster).await?;
        let id = cluster.id.clone();
        // Naming is a convenience: without the detail the context is named after the ID.
        let fetched =
            with_cluster_detail(client, &mut cluster, fetch_credentials(client, &id, &kubeconfig_request, machine.now))
                .await?;
        Ok::<_, Error>((cluster, fetched))
    })?;
    Ok(prepare(request, cluster, fetched, context, machine, session, io))
}

/// Names, user mode and provenance for one fetched cluster: the steps every path shares.
fn prepare(
    request: &GetCredentials,
    cluster: ClusterRef,
    fetched: FetchedKubeconfig,
    context: Option<&str>,
    machine: &Machine,
    session: &Session,
    io: &mut Io<'_>,
) -> Prepared {
    note_dropped_keys(&fetched, io);
    let minutes = lifetime_minutes(request);
    let names = ack::entry_names(&cluster.id, &fetched.uid, cluster.name.as_deref(), request.access, context);
    let region = cluster.region.clone().or_else(|| session.client().region().map(str::to_string));
    let mut provenance = Provenance {
        cluster_id: cluster.id,
        cluster_name: cluster.name,
        region,
        access: request.access,
        mode: Mode::Certificate,
        temporary_minutes: minutes,
        fetched_at: machine.now,
        not_after: Some(fetched.certificate.not_after).filter(|_| request.user != UserKind::Token),
        identity: None,
    };
    let user = match request.user {
        UserKind::Exec => exec_user(&provenance, &fetched, session, machine, io),
        UserKind::Token => {
            provenance.identity = caller_identity(session, io);
            token_user(&provenance, session, io)
        }
        UserKind::Certificate => UserMode::Certificate,
    };
    provenance.mode = user.mode();
    let options = ContextOptions {
        insecure_skip_tls_verify: request.insecure_skip_tls_verify,
        proxy_url: request.proxy_url.clone(),
        namespace: request.namespace.clone(),
    };
    let write = ContextWrite { provenance, options, kubeconfig: fetched, user };
    Prepared { names, write }
}

/// The answer's extras were not copied; say so, so nobody wonders where their proxy-url went.
fn note_dropped_keys(fetched: &FetchedKubeconfig, io: &mut Io<'_>) {
    for key in &fetched.dropped {
        output::note(io.err, &t!("get-credentials-dropped-key", key = key.as_str()));
    }
}

/// The exec user's arguments: the same cluster, access, lifetime and cloud settings this run used.
/// The certificate just fetched seeds the plugin's cache, so kubectl's first call needs no API call.
fn exec_user(
    provenance: &Provenance,
    fetched: &FetchedKubeconfig,
    session: &Session,
    machine: &Machine,
    io: &mut Io<'_>,
) -> UserMode {
    let (cluster_id, access) = (provenance.cluster_id.as_str(), provenance.access);
    let minutes = provenance.temporary_minutes.unwrap_or(DEFAULT_EXEC_MINUTES);
    let cloud = session.settings().in_region(provenance.region.clone());
    let mut args = vec!["credential".to_string(), cluster_id.to_string(), "--temporary".into(), format!("{minutes}m")];
    if access == Access::Private {
        args.push("--private".into());
    }
    for (flag, value) in [("--region", &cloud.region), ("--profile", &cloud.profile), ("--endpoint", &cloud.endpoint)] {
        if let Some(value) = value {
            args.extend([flag.to_string(), value.clone()]);
        }
    }
    let key = cache_key(cluster_id, access, minutes, &cloud, machine);
    exec_credential::seed(cluster_id, &key, fetched, machine, io);
    UserMode::Exec { args }
}

/// The token user's arguments: `credential <id> --auth token` with the cloud settings this run used. The
/// certificate that came with the kubeconfig is not written anywhere.
fn token_user(provenance: &Provenance, session: &Session, io: &mut Io<'_>) -> UserMode {
    let cloud = session.settings().in_region(provenance.region.clone());
    let mut args = vec!["credential".to_string(), provenance.cluster_id.clone(), "--auth".into(), "token".into()];
    for (flag, value) in [("--region", &cloud.region), ("--profile", &cloud.profile), ("--endpoint", &cloud.endpoint)] {
        if let Some(value) = value {
            args.extend([flag.to_string(), value.clone()]);
        }
    }
    output::note(io.err, &t!("get-credentials-token-certificate-dropped"));
    UserMode::Token { args }
}

/// Whose tokens the token user will present, asked of STS once per run (every cluster of `--all` gets
/// the same answer), so whoami can say it offline. Not fatal: the token works without the record, so a
/// failure is a warning and the context records no identity.
fn caller_identity(session: &Session, io: &mut Io<'_>) -> Option<RamIdentity> {
    let identity = session.caller_identity(io.err);
    if let Err(error) = &identity {
        output::warning(io.err, &t!("get-credentials-identity-unknown", error = error.as_str()));
    }
    identity.ok().map(|identity| RamIdentity::of(&identity))
}

/// The prepared entries as a kubeconfig of their own (`--print`).
pub fn standalone_yaml(prepared: &Prepared) -> Result<String, Error> {
    merge::standalone(&prepared.names, &prepared.write)
        .to_yaml()
        .map_err(|error| Error::Terminal(std::io::Error::other(error)))
}

/// Merges one cluster's entries into the kubeconfig `lock_target` opened.
pub fn merge_one(
    mut editor: Editor,
    request: &GetCredentials,
    prepared: &Prepared,
    set_current: bool,
    machine: &Machine,
    io: &mut Io<'_>,
) -> Result<Merged, Error> {
    if let ContextOwner::Other(owner) = merge::context_owner(editor.view(), &prepared.names, &prepared.write.provenance)
        && !request.overwrite
    {
        return Err(Error::NameTaken { context: prepared.names.context.clone(), owner });
    }
    let (file, names) = merge::apply(&mut editor, &prepared.names, &prepared.write, set_current);
    // What the entries hold now, options kept from before included (--verify goes the way kubectl will).
    let mut write = prepared.write.clone();
    let cluster = editor.view().entry(Section::Clusters, &names.cluster);
    write.options.proxy_url = cluster.and_then(|cluster| cluster.str_field("proxy-url")).map(str::to_string);
    warn_if_readable(&editor.commit()?, machine, io);
    Ok(Merged { names, write, file })
}

/// Lists namespaces with the entries written; returns how many there are.
pub fn verify(merged: &Merged, session: &Session, machine: &Machine, io: &mut Io<'_>) -> Result<usize, Error> {
    // The check uses the certificate (or, for a token user, a token) itself, so it works before
    // kubectl-ack is on PATH.
    let with_certificate = ContextWrite { user: UserMode::Certificate, ..merged.write.clone() };
    let token = match merged.write.user {
        UserMode::Token { .. } => {
            let (credentials, _) = session.run(io.err, session.client().current_credentials())?;
            Some(exec_credential::ram_token(&merged.write.provenance.cluster_id, &credentials, machine.now))
        }
        _ => None,
    };
    let timeout = session.settings().timeout;
    let listing =
        verify::list_namespaces(&merged.names, &with_certificate, token.as_deref(), timeout, &machine.proxies);
    session.run(io.err, listing).map_err(|diagnosis| Error::VerifyFailed {
        context: merged.names.context.clone(),
        problem: diagnosis.problem,
        hint: diagnosis.hint,
    })
}

/// `--insecure-skip-tls-verify` is for one known case; say what it costs.
pub fn warn_if_insecure(request: &GetCredentials, io: &mut Io<'_>) {
    if request.insecure_skip_tls_verify {
        output::warning(io.err, &t!("get-credentials-insecure"));
    }
}

/// A kubeconfig others can read now holds a private key: say so (its mode is the user's to change).
/// Also says when a file was rewritten in place rather than replaced (a bind mount, a hard link).
pub fn warn_if_readable(written: &[Written], machine: &Machine, io: &mut Io<'_>) {
    for file in written {
        if let Some(why) = &file.in_place {
            let path = super::shown(&file.path, machine);
            output::note(io.err, &t!("kubeconfig-rewritten-in-place", file = path, reason = why.to_string()));
        }
        if let Some(mode) = file.readable_by_others {
            output::warning(
                io.err,
                &t!(
                    "kubeconfig-readable-by-others",
                    file = super::shown(&file.path, machine),
                    mode = format!("{mode:04o}"),
                    path = output::shell_quote(&file.path.display().to_string())
                ),
            );
        }
    }
}

/// The context name of each cluster of a fleet, when its own name is not enough (DESIGN.md, "Names written
/// into a kubeconfig"): clusters that share a name (the same name in two regions is common) get
/// `<name>-<region>`, and those that share the region too `<name>-<first 8 of the ID>` (the whole ID when
/// even those are alike), with `-private` for intranet credentials. Every cluster of a clash is renamed,
/// so the names do not depend on list order.
fn fleet_context_names(clusters: &[ClusterRef], access: Access) -> Vec<Option<String>> {
    let count = |key: &dyn Fn(&ClusterRef) -> Option<String>, of: &ClusterRef| {
        clusters.iter().filter(|other| key(other).is_some() && key(other) == key(of)).count()
    };
    let by_name = |cluster: &ClusterRef| cluster.name.clone();
    let by_name_and_region = |cluster: &ClusterRef| cluster.name.clone().map(|name| (name, cluster.region.clone()));
    clusters
        .iter()
        .map(|cluster| {
            let name = cluster.name.as_deref()?;
            if count(&by_name, cluster) < 2 {
                return None;
            }
            let same_region: Vec<&ClusterRef> =
                clusters.iter().filter(|other| by_name_and_region(other) == by_name_and_region(cluster)).collect();
            let short: String = cluster.id.chars().take(8).collect();
            let qualifier = match &cluster.region {
                Some(region) if same_region.len() < 2 => region.clone(),
                _ if same_region.iter().filter(|other| other.id.starts_with(&short)).count() < 2 => short,
                _ => cluster.id.clone(),
            };
            Some(format!("{name}-{qualifier}{}", access.suffix()))
        })
        .collect()
}

/// What `--all` did.
pub struct FleetOutcome {
    pub merged: Vec<Merged>,
    pub failed: Vec<(ClusterRef, Error)>,
    /// Clusters that are not running, left out.
    pub skipped: Vec<ClusterSummary>,
}

/// `--all`: every running cluster the credentials can see (in the region, or in every region), fetched
/// at most `concurrency` at a time and written in one locked write. A cluster that fails does not stop
/// the others. On a terminal, a progress line is redrawn as fetches finish.
pub fn fetch_all(
    request: &GetCredentials,
    machine: &Machine,
    session: &Session,
    io: &mut Io<'_>,
) -> Result<FleetOutcome, Error> {
    let Target::All { all_regions, concurrency, .. } = request.target else {
        unreachable!("fetch_all is for --all");
    };
    let mut editor = lock_target(request, machine)?;
    let listing = clusters::list(session, all_regions, io.err)?;
    let (running, skipped): (Vec<_>, Vec<_>) =
        listing.clusters.into_iter().partition(|cluster| cluster.state == "running");
    for cluster in &skipped {
        output::note(
            io.err,
            &t!(
                "get-credentials-all-skipped",
                name = cluster.name.as_str(),
                id = cluster.cluster_id.as_str(),
                state = cluster.state.as_str()
            ),
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
    let kubeconfig_request = kubeconfig_request(request.access, lifetime_minutes(request));
    let fetches = clusters
        .iter()
        .map(|cluster| KubeconfigFetch {
            client: session.client().clone(),
            cluster_id: cluster.id.clone(),
            request: kubeconfig_request,
        })
        .collect();
    let results = {
        let err = RefCell::new(&mut *io.err);
        let mut progress = |done: usize, total: usize| {
            if machine.stderr_is_terminal {
                output::progress(
                    &mut **err.borrow_mut(),
                    &t!("get-credentials-all-progress", done = done, total = total),
                    done == total,
                );
            }
        };
        session.run(&mut SharedWriter(&err), fetch_concurrently(fetches, concurrency, machine.now, &mut progress))
    };
    warn_if_insecure(request, io);

    let contexts = fleet_context_names(&clusters, request.access);
    let mut failed: Vec<(ClusterRef, Error)> = Vec::new();
    let mut prepared: Vec<Prepared> = Vec::new();
    for ((cluster, result), context) in clusters.into_iter().zip(results).zip(contexts) {
        match result {
            Ok(fetched) => prepared.push(prepare(request, cluster, fetched, context.as_deref(), machine, session, io)),
            Err(error) => failed.push((cluster, error)),
        }
    }
    let mut merged = Vec::new();
    for Prepared { names, write } in prepared {
        match merge::context_owner(editor.view(), &names, &write.provenance) {
            ContextOwner::Other(owner) if !request.overwrite => {
                let cluster = ClusterRef {
                    id: write.provenance.cluster_id.clone(),
                    name: write.provenance.cluster_name.clone(),
                    region: write.provenance.region.clone(),
                };
                failed.push((cluster, Error::NameTaken { context: names.context.clone(), owner }));
            }
            _ => {
                let (file, names) = merge::apply(&mut editor, &names, &write, false);
                merged.push(Merged { names, write, file });
            }
        }
    }
    warn_if_readable(&editor.commit()?, machine, io);
    Ok(FleetOutcome { merged, failed, skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(id: &str, name: &str, region: &str) -> ClusterRef {
        ClusterRef { id: id.into(), name: Some(name.into()), region: Some(region.into()) }
    }

    #[test]
    fn fleet_clusters_that_share_a_name_get_the_region_then_the_id() {
        let clusters = [
            cluster("c1111111111111111111111111111111a", "prod", "cn-hangzhou"),
            cluster("c2222222222222222222222222222222b", "prod", "cn-beijing"),
            cluster("c3333333333333333333333333333333c", "twin", "cn-hangzhou"),
            cluster("c4444444444444444444444444444444d", "twin", "cn-hangzhou"),
            cluster("c5555555555555555555555555555555e", "alone", "cn-hangzhou"),
        ];
        let names = fleet_context_names(&clusters, Access::Public);
        assert_eq!(
            names,
            [
                Some("prod-cn-hangzhou".to_string()),
                Some("prod-cn-beijing".to_string()),
                Some("twin-c3333333".to_string()),
                Some("twin-c4444444".to_string()),
                None,
            ]
        );
        let reversed: Vec<ClusterRef> = clusters.iter().rev().cloned().collect();
        let mut again = fleet_context_names(&reversed, Access::Public);
        again.reverse();
        assert_eq!(again, names, "the names depend on the clusters, not on the order they are listed in");
        assert_eq!(
            fleet_context_names(&clusters[..2], Access::Private)[0].as_deref(),
            Some("prod-cn-hangzhou-private")
        );
        let alike = [
            cluster("c1234567aaaaaaaaaaaaaaaaaaaaaaaaa", "twin", "cn-hangzhou"),
            cluster("c1234567bbbbbbbbbbbbbbbbbbbbbbbbb", "twin", "cn-hangzhou"),
        ];
        assert_eq!(
            fleet_context_names(&alike, Access::Public)[1].as_deref(),
            Some("twin-c1234567bbbbbbbbbbbbbbbbbbbbbbbbb")
        );
    }
}
