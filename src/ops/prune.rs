//! prune: remove from the kubeconfig what no longer works (DESIGN.md, `kubectl ack prune`).
//!
//! Candidates are ACK contexts (`ack::AckContext`) whose cluster is gone (DescribeClusterDetail answers
//! `ErrorClusterNotFound`, or the cluster's state is `deleted`) and ACK contexts whose certificate expired
//! more than `--expired-for` ago; each takes with it the cluster and user entries that no remaining context
//! uses. `--dangling` also removes entries of any origin that point at nothing: a context whose cluster or
//! user is missing, a cluster or user no context uses — in the merged view of every file in force, so an
//! entry used from another file of `KUBECONFIG` is not "unused". A cluster that cannot be checked is never
//! pruned: its contexts are kept, with the reason.
//!
//! The plan is made from an unlocked read; `apply` takes the locks, checks that every planned entry is still
//! what it was, keeps a copy of each file it changes beside it (0600) and writes each file once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use time::OffsetDateTime;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::Error;
use super::inspect::client_certificate;
use super::session::Session;
use crate::ack::AckContext;
use crate::fsutil;
use crate::i18n::{self, Bilingual};
use crate::kubeconfig::{Editor, KubeconfigView, Section, Sourced};
use crate::request::Prune;
use crate::{Io, Machine, t};

/// How many clusters are checked at once.
const CONCURRENCY: usize = 8;

/// `-o json|yaml` of prune (docs/OUTPUT.md): the plan, and after a run what was done.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PruneReport {
    #[serde(with = "time::serde::rfc3339")]
    pub checked_at: OffsetDateTime,
    pub dry_run: bool,
    /// Whether the plan was written (false for a dry run, a refusal, or an empty plan).
    pub applied: bool,
    /// The contexts removed (or to be removed), each with why and the entries that go with it.
    pub contexts: Vec<PrunedContext>,
    /// Cluster and user entries removed on their own (`--dangling`: no context uses them).
    pub entries: Vec<PrunedEntry>,
    /// ACK contexts that could not be checked, and why: never pruned.
    pub kept: Vec<KeptContext>,
    /// The pruned current-context, now unset.
    pub current_context_unset: Option<String>,
    /// The copies of the changed files, made before writing them.
    pub backups: Vec<PathBuf>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrunedContext {
    pub context: String,
    /// The kubeconfig file that defines it.
    pub file: PathBuf,
    pub cluster_id: Option<String>,
    /// Why, in English (the human table renders `why` in the user's language).
    pub reason: String,
    #[serde(skip)]
    pub why: Why,
    /// The cluster and user entries that go with it (no remaining context uses them).
    pub removes: Vec<PrunedEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrunedEntry {
    /// `cluster` or `user`.
    pub kind: &'static str,
    pub name: String,
    pub file: PathBuf,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeptContext {
    pub context: String,
    pub cluster_id: String,
    /// Why it could not be checked (the error on one line; English in machine output).
    pub reason: Bilingual,
}

/// Why a context goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    ClusterNotFound { cluster_id: String },
    ClusterDeleted { cluster_id: String },
    Expired { not_after: OffsetDateTime },
    MissingCluster { cluster: String },
    MissingUser { user: String },
}

impl Why {
    /// The reason in the language `t!` speaks (English inside `i18n::in_english`).
    pub fn text(&self, now: OffsetDateTime) -> String {
        match self {
            Why::ClusterNotFound { cluster_id } => t!("prune-why-not-found", cluster = cluster_id.as_str()),
            Why::ClusterDeleted { cluster_id } => t!("prune-why-deleted", cluster = cluster_id.as_str()),
            Why::Expired { not_after } => t!(
                "prune-why-expired",
                expires = crate::output::timestamp(*not_after),
                ago = crate::output::short_duration((now - *not_after).unsigned_abs())
            ),
            Why::MissingCluster { cluster } => t!("prune-why-missing-cluster", cluster = cluster.as_str()),
            Why::MissingUser { user } => t!("prune-why-missing-user", user = user.as_str()),
        }
    }
}

/// What the cloud said of one cluster.
enum ClusterCheck {
    Exists,
    Gone(Why),
    Unknown(Bilingual),
}

/// Makes the plan: reads the kubeconfig, checks the ACK clusters concurrently, decides what goes.
pub fn plan(request: &Prune, machine: &Machine, verbose: bool, io: &mut Io<'_>) -> Result<PruneReport, Error> {
    let config = super::load_kubeconfig(&request.kubeconfig, machine)?;
    let ack_contexts = AckContext::all(&config);
    let mut going: BTreeMap<String, (Option<String>, Why)> = BTreeMap::new();
    let mut to_check: Vec<&AckContext> = Vec::new();
    for context in &ack_contexts {
        match expired_for(&config, context, machine.now, request.expired_for) {
            Some(not_after) => {
                going.insert(context.context.clone(), (Some(context.cluster_id.clone()), Why::Expired { not_after }));
            }
            None => to_check.push(context),
        }
    }
    let checks = check_clusters(&to_check, request, machine, verbose, io)?;
    let mut kept = Vec::new();
    for context in to_check {
        match checks.get(&context.cluster_id) {
            Some(ClusterCheck::Gone(why)) => {
                going.insert(context.context.clone(), (Some(context.cluster_id.clone()), why.clone()));
            }
            Some(ClusterCheck::Unknown(reason)) => kept.push(KeptContext {
                context: context.context.clone(),
                cluster_id: context.cluster_id.clone(),
                reason: reason.clone(),
            }),
            Some(ClusterCheck::Exists) | None => {}
        }
    }
    if request.dangling {
        for (context, why) in dangling_contexts(&config) {
            going.entry(context).or_insert((None, why));
        }
    }
    let (contexts, entries) = entries_going_with(&config, going, request.dangling, machine.now);
    let current_context_unset = config
        .current_context()
        .filter(|current| contexts.iter().any(|pruned| pruned.context == *current))
        .map(str::to_string);
    Ok(PruneReport {
        checked_at: machine.now,
        dry_run: request.dry_run,
        applied: false,
        contexts,
        entries,
        kept,
        current_context_unset,
        backups: Vec::new(),
    })
}

/// The notAfter of the context's client certificate when it expired more than `expired_for` ago.
fn expired_for(
    config: &KubeconfigView,
    context: &AckContext,
    now: OffsetDateTime,
    expired_for: Option<Duration>,
) -> Option<OffsetDateTime> {
    let resolved = config.resolve_context(Some(&context.context)).ok()?;
    let facts = client_certificate(&resolved).ok()??;
    let grace = expired_for.and_then(|grace| time::Duration::try_from(grace).ok()).unwrap_or(time::Duration::ZERO);
    (now >= facts.not_after + grace).then_some(facts.not_after)
}

/// DescribeClusterDetail for each distinct cluster, at most `CONCURRENCY` at a time, with one client per
/// region the contexts recorded (`--region` overrides them all).
fn check_clusters(
    contexts: &[&AckContext],
    request: &Prune,
    machine: &Machine,
    verbose: bool,
    io: &mut Io<'_>,
) -> Result<BTreeMap<String, ClusterCheck>, Error> {
    let mut clusters: BTreeMap<String, Option<String>> = BTreeMap::new();
    for context in contexts {
        clusters.entry(context.cluster_id.clone()).or_insert_with(|| context.region().map(str::to_string));
    }
    if clusters.is_empty() {
        return Ok(BTreeMap::new());
    }
    let session = Session::open(&request.cloud, machine, verbose)?;
    let mut calls = Vec::new();
    for (cluster_id, region) in clusters {
        let region = request.cloud.region.clone().or(region);
        calls.push((cluster_id, session.client_in(region)?));
    }
    let permits = Arc::new(Semaphore::new(CONCURRENCY));
    let results = session.run(io.err, async move {
        let mut tasks = JoinSet::new();
        for (cluster_id, client) in calls {
            let permits = permits.clone();
            tasks.spawn(async move {
                let _permit = permits.acquire_owned().await.expect("the semaphore is never closed");
                let answer = client.describe_cluster_detail(&cluster_id).await;
                (cluster_id, answer)
            });
        }
        let mut results = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            results.push(joined.expect("a check does not panic"));
        }
        results
    });
    Ok(results
        .into_iter()
        .map(|(cluster_id, answer)| {
            let check = judge(&cluster_id, answer);
            (cluster_id, check)
        })
        .collect())
}

/// Gone only on ACK's own word: `ErrorClusterNotFound`, or the state `deleted`. Anything else that fails
/// (network, throttling, a RAM denial) leaves the question open.
fn judge(cluster_id: &str, answer: Result<ack_client::ClusterDetail, ack_client::Error>) -> ClusterCheck {
    match answer {
        Ok(detail) if detail.state == "deleted" => {
            ClusterCheck::Gone(Why::ClusterDeleted { cluster_id: cluster_id.to_string() })
        }
        Ok(_) => ClusterCheck::Exists,
        Err(error) if error.api_error().is_some_and(|api| api.code == "ErrorClusterNotFound") => {
            ClusterCheck::Gone(Why::ClusterNotFound { cluster_id: cluster_id.to_string() })
        }
        Err(error) => {
            let error = Error::from(error);
            ClusterCheck::Unknown(Bilingual::of(|| error.report_line()))
        }
    }
}

/// Contexts whose cluster or user entry is named but missing (in the merged view).
fn dangling_contexts(config: &KubeconfigView) -> Vec<(String, Why)> {
    let mut found = Vec::new();
    for name in config.names(Section::Contexts) {
        let Some(context) = config.entry(Section::Contexts, name) else { continue };
        let named = |key: &str| context.str_field(key).filter(|value| !value.is_empty());
        if let Some(cluster) = named("cluster").filter(|cluster| config.entry(Section::Clusters, cluster).is_none()) {
            found.push((name.to_string(), Why::MissingCluster { cluster: cluster.to_string() }));
        } else if let Some(user) = named("user").filter(|user| config.entry(Section::Users, user).is_none()) {
            found.push((name.to_string(), Why::MissingUser { user: user.to_string() }));
        }
    }
    found
}

/// The pruned contexts, each with the cluster and user entries no remaining context uses; with
/// `dangling`, also the entries no context used in the first place.
fn entries_going_with(
    config: &KubeconfigView,
    going: BTreeMap<String, (Option<String>, Why)>,
    dangling: bool,
    now: OffsetDateTime,
) -> (Vec<PrunedContext>, Vec<PrunedEntry>) {
    let remaining: Vec<Sourced<'_>> = config
        .names(Section::Contexts)
        .into_iter()
        .filter(|name| !going.contains_key(*name))
        .filter_map(|name| config.entry(Section::Contexts, name))
        .collect();
    let used = |key: &str| -> BTreeSet<String> {
        remaining.iter().filter_map(|context| context.str_field(key)).map(str::to_string).collect()
    };
    let (clusters_used, users_used) = (used("cluster"), used("user"));
    let mut claimed: BTreeSet<(&'static str, String)> = BTreeSet::new();
    let mut entry_going = |section: Section, name: Option<&str>, used: &BTreeSet<String>| -> Option<PrunedEntry> {
        let name = name.filter(|name| !name.is_empty() && !used.contains(*name))?;
        let file = config.defining_file(section, name)?.to_path_buf();
        claimed.insert((section.noun(), name.to_string())).then(|| PrunedEntry {
            kind: section.noun(),
            name: name.to_string(),
            file,
        })
    };
    let mut contexts = Vec::new();
    // In kubeconfig order, so the plan reads like the file.
    for name in config.names(Section::Contexts) {
        let Some((cluster_id, why)) = going.get(name) else { continue };
        let Some(context) = config.entry(Section::Contexts, name) else { continue };
        let removes = [
            entry_going(Section::Clusters, context.str_field("cluster"), &clusters_used),
            entry_going(Section::Users, context.str_field("user"), &users_used),
        ]
        .into_iter()
        .flatten()
        .collect();
        contexts.push(PrunedContext {
            context: name.to_string(),
            file: context.file.to_path_buf(),
            cluster_id: cluster_id.clone(),
            reason: i18n::in_english(|| why.text(now)),
            why: why.clone(),
            removes,
        });
    }
    let mut entries = Vec::new();
    if dangling {
        let referenced = |key: &str| -> BTreeSet<String> {
            config
                .names(Section::Contexts)
                .into_iter()
                .filter_map(|name| config.entry(Section::Contexts, name))
                .filter_map(|context| context.str_field(key).map(str::to_string))
                .collect()
        };
        for (section, key) in [(Section::Clusters, "cluster"), (Section::Users, "user")] {
            let referenced = referenced(key);
            for name in config.names(section) {
                if !referenced.contains(name) {
                    entries.extend(entry_going(section, Some(name), &BTreeSet::new()));
                }
            }
        }
    }
    (contexts, entries)
}

/// Writes the plan: under the locks, only entries still as planned, a 0600 copy of each changed file
/// beside it first (unless `no_backup`), each file once.
pub fn apply(report: &mut PruneReport, request: &Prune, machine: &Machine) -> Result<(), Error> {
    let paths = super::kubeconfig_paths(&request.kubeconfig, machine)?;
    let mut editor = Editor::open(&paths, machine.lock_timeout)?;
    let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
    for pruned in &report.contexts {
        for (section, name, file) in std::iter::once((Section::Contexts, pruned.context.as_str(), &pruned.file))
            .chain(pruned.removes.iter().map(|entry| (section_of(entry.kind), entry.name.as_str(), &entry.file)))
        {
            if editor.view().defining_file(section, name) == Some(file.as_path()) {
                editor.remove(section, name);
                changed.insert(file.clone());
            }
        }
    }
    for entry in &report.entries {
        let section = section_of(entry.kind);
        if editor.view().defining_file(section, &entry.name) == Some(entry.file.as_path()) {
            editor.remove(section, &entry.name);
            changed.insert(entry.file.clone());
        }
    }
    if let Some(current) = &report.current_context_unset
        && editor.view().current_context() == Some(current.as_str())
        && let Some(file) = editor.unset_current_context()
    {
        changed.insert(file);
    }
    if !request.no_backup {
        for file in &changed {
            report.backups.push(backup(file, machine.now)?);
        }
    }
    editor.commit()?;
    report.applied = true;
    Ok(())
}

fn section_of(kind: &str) -> Section {
    match kind {
        "cluster" => Section::Clusters,
        "user" => Section::Users,
        _ => Section::Contexts,
    }
}

/// `<file>.kubectl-ack-prune-<UTC time>.bak` beside the file, 0600, never through a symlink: what the
/// file held under the lock, before prune wrote it.
fn backup(file: &Path, now: OffsetDateTime) -> Result<PathBuf, Error> {
    let stamp = now
        .to_offset(time::UtcOffset::UTC)
        .format(time::macros::format_description!("[year][month][day]T[hour][minute][second]Z"))
        .unwrap_or_default();
    let name = file.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let contents = std::fs::read(file).map_err(|source| Error::Write { path: file.to_path_buf(), source })?;
    // A new name each time (a second run in the same second gets `-2`): a backup is never overwritten.
    for attempt in 1..100 {
        let suffix = if attempt == 1 { String::new() } else { format!("-{attempt}") };
        let path = file.with_file_name(format!("{name}.kubectl-ack-prune-{stamp}{suffix}.bak"));
        match fsutil::create_private_file(&path, &contents) {
            Ok(()) => return Ok(path),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(Error::Write { path, source }),
        }
    }
    Err(Error::Write { path: file.to_path_buf(), source: std::io::Error::other("no free backup name") })
}

/// Asks before writing: a person on a terminal says yes, a script passes `--yes`.
pub fn confirm(report: &PruneReport, request: &Prune, machine: &Machine, io: &mut Io<'_>) -> Result<(), Error> {
    if request.confirmed {
        return Ok(());
    }
    if !machine.interactive {
        return Err(Error::PruneNotConfirmed);
    }
    let question = crate::t!("prune-confirm", contexts = report.contexts.len(), entries = removed_entries(report));
    write!(io.err, "{question} ")?;
    io.err.flush()?;
    let mut answer = String::new();
    io.input.read_line(&mut answer)?;
    if crate::output::is_yes(&answer) { Ok(()) } else { Err(Error::PruneCancelled) }
}

/// The cluster and user entries the plan removes (with the contexts, and on their own).
pub fn removed_entries(report: &PruneReport) -> usize {
    report.contexts.iter().map(|pruned| pruned.removes.len()).sum::<usize>() + report.entries.len()
}

/// Whether any ACK context could not be checked (the run then exits 1).
pub fn incomplete(report: &PruneReport) -> bool {
    !report.kept.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> PruneReport {
        PruneReport {
            checked_at: OffsetDateTime::UNIX_EPOCH,
            dry_run: false,
            applied: false,
            contexts: Vec::new(),
            entries: Vec::new(),
            kept: Vec::new(),
            current_context_unset: None,
            backups: Vec::new(),
        }
    }

    fn request(confirmed: bool) -> Prune {
        Prune {
            kubeconfig: Default::default(),
            expired_for: None,
            dangling: false,
            dry_run: false,
            confirmed,
            no_backup: false,
            cloud: crate::request::CloudSettings {
                profile: None,
                region: None,
                endpoint: None,
                timeout: Duration::from_secs(1),
            },
            format: crate::output::Format::Text,
        }
    }

    fn answer(interactive: bool, typed: &str, confirmed: bool) -> (Result<(), Error>, String) {
        let machine = Machine { interactive, ..Machine::from_process() };
        let (mut input, mut out, mut err) = (typed.as_bytes(), Vec::new(), Vec::new());
        let mut io = Io { input: &mut input, out: &mut out, err: &mut err };
        let result = confirm(&report(), &request(confirmed), &machine, &mut io);
        (result, String::from_utf8(err).unwrap())
    }

    #[test]
    fn a_terminal_is_asked_a_script_must_say_yes() {
        let (yes, prompt) = answer(true, "y\n", false);
        assert!(yes.is_ok() && prompt.contains("[y/N]"), "{prompt}");
        assert!(matches!(answer(true, "n\n", false).0, Err(Error::PruneCancelled)));
        assert!(matches!(answer(true, "\n", false).0, Err(Error::PruneCancelled)), "the default is no");
        assert!(matches!(answer(false, "y\n", false).0, Err(Error::PruneNotConfirmed)), "no terminal, no --yes");
        assert!(answer(false, "", true).0.is_ok(), "--yes");
    }
}
