//! Which cluster and user entries a context's credentials go into, given what the kubeconfig holds.
//!
//! DESIGN.md, "Names written into a kubeconfig": every context owns its user entry. Fetching the same
//! cluster again under another context name, in another mode or with another lifetime must never change
//! the credentials of a context that already exists; re-running with the same context name updates its
//! entries in place. Kubeconfigs written by earlier versions, where several contexts of one cluster share
//! the user `ack-<id>-<uid>`, keep working and are split on the next fetch: the context fetched gets an
//! entry of its own and the others keep the shared one.
//!
//! The cluster entry (`ack-<id>`) may be shared: its server and CA are the cluster's. It is given a
//! context of its own only when this fetch would change how the other contexts reach the cluster:
//! `insecure-skip-tls-verify`, or another `proxy-url`.

use std::collections::HashMap;

use serde_json::Value;

use crate::ack::EntryNames;
use crate::kubeconfig::{KubeconfigView, Section};

/// What the cluster entry will say that other contexts sharing it would notice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClusterSettings {
    pub insecure_skip_tls_verify: bool,
    /// `None`: this fetch leaves the entry's proxy as it is.
    pub proxy_url: Option<String>,
}

impl ClusterSettings {
    /// Whether writing these settings into an entry that has `theirs` changes nothing its other contexts
    /// would notice.
    fn fits(&self, theirs: &ClusterSettings) -> bool {
        self.insecure_skip_tls_verify == theirs.insecure_skip_tls_verify
            && self.proxy_url.as_ref().is_none_or(|proxy| theirs.proxy_url.as_ref() == Some(proxy))
    }
}

/// The entries to write for `wanted.context` in `view`: `wanted`'s cluster and user names unless another
/// context would be changed by writing them, in which case the context gets entries of its own.
pub fn place(view: &KubeconfigView, cluster_id: &str, wanted: &EntryNames, settings: &ClusterSettings) -> EntryNames {
    let references = References::of(view);
    let context = wanted.context.as_str();
    let current = view.entry(Section::Contexts, context);
    let current_user = current.and_then(|entry| entry.str_field("user")).filter(|name| !name.is_empty());
    let current_cluster = current.and_then(|entry| entry.str_field("cluster")).filter(|name| !name.is_empty());
    let ours = |name: &str| is_ours(name, cluster_id);

    let user = match current_user {
        // Re-running for the same context: its own entry is updated in place, whatever it is called.
        Some(user) if ours(user) && references.only_by(Section::Users, user, context) => user.to_string(),
        _ => free_name(&wanted.user, context, |name| references.only_by(Section::Users, name, context)),
    };
    // A missing entry is created as the contexts naming it expect; an existing one is shared when this
    // fetch would write the same settings.
    let shareable = |name: &str| {
        references.only_by(Section::Clusters, name, context)
            || cluster_settings(view, name).is_none_or(|theirs| settings.fits(&theirs))
    };
    let cluster = match current_cluster {
        Some(cluster) if ours(cluster) && shareable(cluster) => cluster.to_string(),
        _ => free_name(&wanted.cluster, context, shareable),
    };
    EntryNames { cluster, user, context: wanted.context.clone() }
}

/// `preferred` when `usable`, else `<preferred>-<context>`, then `<preferred>-<context>-2`, `-3`, …: the
/// first usable one. Deterministic for a given kubeconfig.
fn free_name(preferred: &str, context: &str, usable: impl Fn(&str) -> bool) -> String {
    if usable(preferred) {
        return preferred.to_string();
    }
    let own = format!("{preferred}-{context}");
    if usable(&own) {
        return own;
    }
    (2..).map(|counter| format!("{own}-{counter}")).find(|name| usable(name)).expect("an unused name exists")
}

/// An entry kubectl-ack wrote for this cluster: `ack-<id>` or a name that starts with `ack-<id>-`.
fn is_ours(name: &str, cluster_id: &str) -> bool {
    name.strip_prefix("ack-")
        .and_then(|rest| rest.strip_prefix(cluster_id))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
}

/// The settings of an existing cluster entry, `None` when there is no such entry.
fn cluster_settings(view: &KubeconfigView, name: &str) -> Option<ClusterSettings> {
    let body = view.entry(Section::Clusters, name)?.body;
    let insecure_skip_tls_verify = body.get("insecure-skip-tls-verify").and_then(Value::as_bool).unwrap_or(false);
    let proxy_url = body.get("proxy-url").and_then(Value::as_str).map(str::to_string);
    Some(ClusterSettings { insecure_skip_tls_verify, proxy_url })
}

/// Which contexts name each cluster and user entry, in the merged view (an entry used from another file
/// of `KUBECONFIG` is used all the same).
struct References<'a> {
    clusters: HashMap<String, Vec<&'a str>>,
    users: HashMap<String, Vec<&'a str>>,
}

impl<'a> References<'a> {
    fn of(view: &'a KubeconfigView) -> Self {
        let mut references = References { clusters: HashMap::new(), users: HashMap::new() };
        for (context, links) in view.context_links() {
            if let Some(cluster) = links.cluster {
                references.clusters.entry(cluster).or_default().push(context);
            }
            if let Some(user) = links.user {
                references.users.entry(user).or_default().push(context);
            }
        }
        references
    }

    /// No context but `context` (if any) names this entry: writing it changes nobody else.
    fn only_by(&self, section: Section, name: &str, context: &str) -> bool {
        let map = match section {
            Section::Clusters => &self.clusters,
            Section::Users => &self.users,
            Section::Contexts => unreachable!("contexts are not referenced by name"),
        };
        map.get(name).is_none_or(|users| users.iter().all(|user| *user == context))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubeconfig::KubeconfigPaths;

    const ID: &str = "c5b5e80b0b64a4bf6939d2d8fbbc5e4e1";

    fn view_of(text: &str) -> (tempfile::TempDir, KubeconfigView) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        std::fs::write(&file, text).unwrap();
        let view = KubeconfigView::load(&KubeconfigPaths::from_files(vec![file])).unwrap();
        (dir, view)
    }

    fn wanted(context: &str) -> EntryNames {
        EntryNames { cluster: format!("ack-{ID}"), user: format!("ack-{ID}-1"), context: context.into() }
    }

    fn context(name: &str, cluster: &str, user: &str) -> String {
        format!("- name: {name}\n  context:\n    cluster: {cluster}\n    user: {user}\n")
    }

    const SECURE: ClusterSettings = ClusterSettings { insecure_skip_tls_verify: false, proxy_url: None };
    const INSECURE: ClusterSettings = ClusterSettings { insecure_skip_tls_verify: true, proxy_url: None };

    #[test]
    fn an_empty_kubeconfig_gets_the_stable_names() {
        let (_dir, view) = view_of("");
        assert_eq!(place(&view, ID, &wanted("web"), &SECURE), wanted("web"));
    }

    #[test]
    fn rerunning_for_the_same_context_updates_its_own_entries_in_place() {
        let text = format!(
            "clusters:\n- name: ack-{ID}\n  cluster: {{server: https://a}}\nusers:\n- name: ack-{ID}-1-web\n  user: {{}}\ncontexts:\n{}",
            context("web", &format!("ack-{ID}"), &format!("ack-{ID}-1-web"))
        );
        let (_dir, view) = view_of(&text);
        let placed = place(&view, ID, &wanted("web"), &SECURE);
        assert_eq!(placed.user, format!("ack-{ID}-1-web"), "its own entry keeps its name");
        assert_eq!(placed.cluster, format!("ack-{ID}"));
    }

    #[test]
    fn a_second_context_of_the_same_cluster_gets_a_user_of_its_own_and_shares_the_cluster() {
        let text = format!("contexts:\n{}", context("prod", &format!("ack-{ID}"), &format!("ack-{ID}-1")));
        let (_dir, view) = view_of(&text);
        let placed = place(&view, ID, &wanted("prod-tmp"), &SECURE);
        assert_eq!(placed.user, format!("ack-{ID}-1-prod-tmp"));
        assert_eq!(placed.cluster, format!("ack-{ID}"), "same server and CA: shared");
    }

    #[test]
    fn a_shared_user_written_by_an_earlier_version_is_split_on_the_next_fetch() {
        let user = format!("ack-{ID}-1");
        let text = format!(
            "contexts:\n{}{}",
            context("prod", &format!("ack-{ID}"), &user),
            context("prod-tmp", &format!("ack-{ID}"), &user)
        );
        let (_dir, view) = view_of(&text);
        assert_eq!(place(&view, ID, &wanted("prod-tmp"), &SECURE).user, format!("ack-{ID}-1-prod-tmp"));
        assert_eq!(place(&view, ID, &wanted("prod"), &SECURE).user, format!("ack-{ID}-1-prod"));
    }

    #[test]
    fn taken_names_are_skipped_deterministically() {
        let user = format!("ack-{ID}-1");
        let text =
            format!("contexts:\n{}{}", context("prod", "x", &user), context("other", "x", &format!("{user}-web")));
        let (_dir, view) = view_of(&text);
        assert_eq!(place(&view, ID, &wanted("web"), &SECURE).user, format!("{user}-web-2"));
    }

    #[test]
    fn insecure_fetches_do_not_drop_tls_for_the_contexts_sharing_the_cluster_entry() {
        let text = format!(
            "clusters:\n- name: ack-{ID}\n  cluster: {{server: https://a, certificate-authority-data: Q0E=}}\ncontexts:\n{}",
            context("prod", &format!("ack-{ID}"), &format!("ack-{ID}-1"))
        );
        let (_dir, view) = view_of(&text);
        assert_eq!(place(&view, ID, &wanted("lab"), &INSECURE).cluster, format!("ack-{ID}-lab"));
        assert_eq!(place(&view, ID, &wanted("prod"), &INSECURE).cluster, format!("ack-{ID}"), "its own: in place");
    }

    #[test]
    fn entries_of_other_clusters_or_of_the_user_are_never_reused_for_a_context() {
        // `prod` was pointed by hand at a user that is not ours: a fetch gives it ours, and leaves theirs.
        let text = format!("contexts:\n{}", context("prod", "mine", "alice"));
        let (_dir, view) = view_of(&text);
        assert_eq!(place(&view, ID, &wanted("prod"), &SECURE), wanted("prod"));
        assert!(is_ours(&format!("ack-{ID}"), ID) && is_ours(&format!("ack-{ID}-1-x"), ID));
        assert!(!is_ours(&format!("ack-{ID}0"), ID) && !is_ours("alice", ID));
    }
}
