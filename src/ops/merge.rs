//! The merge step: writing what was fetched for one context into its kubeconfig entries (placed by
//! `placement`), and who owns a context name already taken. Keys the user added to our entries (a
//! proxy-url, a namespace) are kept.

use std::path::PathBuf;

use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::placement::{self, ClusterSettings};
use crate::ack::{Access, EntryNames, FetchedKubeconfig, Mode, PROVENANCE, Provenance};
use crate::kubeconfig::{Document, Editor, KubeconfigView, Section, set_extension};
use crate::t;

/// What one context gets written: the fetched kubeconfig's values, the provenance recorded on the
/// context, how its user authenticates, and the user's own options.
#[derive(Debug, Clone)]
pub struct ContextWrite {
    pub kubeconfig: FetchedKubeconfig,
    pub provenance: Provenance,
    pub options: ContextOptions,
    pub user: UserMode,
}

/// What the user asked for beside ACK's values. An option not given leaves what the entry has (a later
/// get-credentials or a rotate keeps a namespace or a proxy set before).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContextOptions {
    pub insecure_skip_tls_verify: bool,
    /// `proxy-url` of the cluster entry (`--proxy-url`).
    pub proxy_url: Option<String>,
    /// `namespace` of the context (`--namespace`).
    pub namespace: Option<String>,
}

impl ContextWrite {
    /// New credentials for a context kubectl-ack wrote before (`rotate`): the same cluster, access and
    /// lifetime, an embedded certificate, a new fetch time and notAfter.
    pub fn renewal(previous: &Provenance, kubeconfig: FetchedKubeconfig, insecure: bool, now: OffsetDateTime) -> Self {
        let options = ContextOptions { insecure_skip_tls_verify: insecure, ..ContextOptions::default() };
        ContextWrite {
            provenance: Provenance {
                mode: Mode::Certificate,
                fetched_at: now,
                not_after: Some(kubeconfig.certificate.not_after),
                identity: None,
                issued_for: None,
                ..previous.clone()
            },
            options,
            kubeconfig,
            user: UserMode::Certificate,
        }
    }
}

/// How the user entry authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserMode {
    /// The certificate and key embedded (`client-certificate-data`, `client-key-data`).
    Certificate,
    /// An exec plugin: `kubectl-ack` with these arguments; no key is written.
    Exec { args: Vec<String> },
    /// The exec plugin handing out ack-ram-authenticator tokens (`credential … --auth token`).
    Token { args: Vec<String> },
}

impl UserMode {
    pub fn mode(&self) -> Mode {
        match self {
            UserMode::Certificate => Mode::Certificate,
            UserMode::Exec { .. } => Mode::Exec,
            UserMode::Token { .. } => Mode::Token,
        }
    }
}

/// Shown by kubectl when `kubectl-ack` is not on PATH.
const INSTALL_HINT: &str = "kubectl-ack fetches this cluster's short-lived certificates. Install it with \
`kubectl krew install ack` (or `cargo install kubectl-ack`), then retry.";

/// Whom an existing context belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextOwner {
    Free,
    ThisCluster,
    Other(Owner),
}

/// Whom a taken context name belongs to. Worded only when shown, so that the same error reads in the
/// user's language on a terminal and in English in `-o json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// The credentials kubectl-ack wrote for another ACK cluster, or for the other access of this one.
    AckCluster { cluster_id: String, access: Access },
    /// A context kubectl-ack did not write, pointing at this cluster entry.
    Cluster(String),
}

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            Owner::AckCluster { cluster_id, access } => {
                t!("merge-owner-ack", access = access.as_str(), cluster = cluster_id.as_str())
            }
            Owner::Cluster(cluster) => t!("merge-owner-cluster", cluster = cluster.as_str()),
        })
    }
}

/// A context may be replaced when it is new or already holds these credentials.
pub fn context_owner(view: &KubeconfigView, names: &EntryNames, provenance: &Provenance) -> ContextOwner {
    let Some(context) = view.entry(Section::Contexts, &names.context) else { return ContextOwner::Free };
    let points_at = context.str_field("cluster").unwrap_or_default();
    match Provenance::of(context.body) {
        Some(theirs) if theirs.cluster_id == provenance.cluster_id && theirs.access == provenance.access => {
            ContextOwner::ThisCluster
        }
        Some(theirs) => ContextOwner::Other(Owner::AckCluster { cluster_id: theirs.cluster_id, access: theirs.access }),
        None if points_at == names.cluster => ContextOwner::ThisCluster,
        None => ContextOwner::Other(Owner::Cluster(points_at.to_string())),
    }
}

/// Upserts the cluster, user and context entries (and current-context) through the editor, into entries
/// that no other context uses (`placement`); returns the file the context goes to and the names written.
pub fn apply(
    editor: &mut Editor,
    wanted: &EntryNames,
    write: &ContextWrite,
    set_current: bool,
) -> (PathBuf, EntryNames) {
    let settings = ClusterSettings {
        insecure_skip_tls_verify: write.options.insecure_skip_tls_verify,
        proxy_url: write.options.proxy_url.clone(),
    };
    let names = placement::place(editor.view(), &write.provenance.cluster_id, wanted, &settings);
    editor.upsert(Section::Clusters, &names.cluster, |body| fill_cluster(body, write));
    editor.upsert(Section::Users, &names.user, |body| fill_user(body, write));
    let target = editor.upsert(Section::Contexts, &names.context, |body| fill_context(body, &names, write));
    if set_current {
        editor.set_current_context(&names.context);
    }
    (target, names)
}

/// The same entries as a kubeconfig of their own (for `--print`).
pub fn standalone(names: &EntryNames, write: &ContextWrite) -> Document {
    let mut document = Document::new_empty();
    document.upsert(Section::Clusters, &names.cluster, |body| fill_cluster(body, write));
    document.upsert(Section::Users, &names.user, |body| fill_user(body, write));
    document.upsert(Section::Contexts, &names.context, |body| fill_context(body, names, write));
    document.set_current_context(&names.context);
    document
}

fn fill_cluster(body: &mut Map<String, Value>, write: &ContextWrite) {
    body.insert("server".into(), Value::from(write.kubeconfig.server.as_str()));
    body.remove("certificate-authority");
    if let Some(proxy_url) = &write.options.proxy_url {
        body.insert("proxy-url".into(), Value::from(proxy_url.as_str()));
    }
    if write.options.insecure_skip_tls_verify {
        body.remove("certificate-authority-data");
        body.insert("insecure-skip-tls-verify".into(), Value::Bool(true));
    } else {
        body.insert(
            "certificate-authority-data".into(),
            Value::from(write.kubeconfig.certificate_authority_data.as_str()),
        );
        body.remove("insecure-skip-tls-verify");
    }
}

/// Every other way of authenticating is removed: kubectl would prefer some of them to ours.
fn fill_user(body: &mut Map<String, Value>, write: &ContextWrite) {
    const OTHER_CREDENTIALS: [&str; 10] = [
        "client-certificate",
        "client-certificate-data",
        "client-key",
        "client-key-data",
        "token",
        "tokenFile",
        "exec",
        "auth-provider",
        "username",
        "password",
    ];
    for key in OTHER_CREDENTIALS {
        body.remove(key);
    }
    match &write.user {
        UserMode::Certificate => {
            let kubeconfig = &write.kubeconfig;
            body.insert("client-certificate-data".into(), Value::from(kubeconfig.client_certificate_data.as_str()));
            body.insert("client-key-data".into(), Value::from(kubeconfig.client_key_data.as_str()));
        }
        UserMode::Exec { args } | UserMode::Token { args } => {
            let exec = serde_json::json!({
                "apiVersion": "client.authentication.k8s.io/v1",
                "command": "kubectl-ack",
                "args": args,
                "installHint": INSTALL_HINT,
                "interactiveMode": "Never",
                // kubectl then passes the cluster's CA, which the plugin checks its cache entry against.
                "provideClusterInfo": true,
            });
            body.insert("exec".into(), exec);
        }
    }
}

fn fill_context(body: &mut Map<String, Value>, names: &EntryNames, write: &ContextWrite) {
    body.insert("cluster".into(), Value::from(names.cluster.as_str()));
    body.insert("user".into(), Value::from(names.user.as_str()));
    if let Some(namespace) = &write.options.namespace {
        body.insert("namespace".into(), Value::from(namespace.as_str()));
    }
    set_extension(body, PROVENANCE, write.provenance.to_value());
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::ack::Access;

    pub(crate) fn provenance(cluster_id: &str, access: Access) -> Provenance {
        Provenance {
            cluster_id: cluster_id.into(),
            cluster_name: Some("web".into()),
            region: Some("cn-hangzhou".into()),
            access,
            mode: Mode::Certificate,
            temporary_minutes: Some(30),
            fetched_at: datetime!(2026-11-23 12:00 UTC),
            not_after: Some(datetime!(2026-11-23 12:30 UTC)),
            identity: None,
            issued_for: None,
        }
    }

    fn view_of(text: &str) -> (tempfile::TempDir, KubeconfigView) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        std::fs::write(&file, text).unwrap();
        let view = KubeconfigView::load(&crate::kubeconfig::KubeconfigPaths::from_files(vec![file])).unwrap();
        (dir, view)
    }

    fn names() -> EntryNames {
        EntryNames { cluster: "ack-c1".into(), user: "ack-c1-9".into(), context: "web".into() }
    }

    #[test]
    fn a_context_is_ours_by_provenance_or_by_the_cluster_it_points_at() {
        let mut document = Document::new_empty();
        document.upsert(Section::Contexts, "web", |body| {
            body.insert("cluster".into(), Value::from("ack-c1"));
            set_extension(body, PROVENANCE, provenance("c1", Access::Public).to_value());
        });
        let (_dir, view) = view_of(&document.to_yaml().unwrap());
        assert_eq!(context_owner(&view, &names(), &provenance("c1", Access::Public)), ContextOwner::ThisCluster);
        assert!(matches!(context_owner(&view, &names(), &provenance("c2", Access::Public)), ContextOwner::Other(_)));
        assert!(matches!(context_owner(&view, &names(), &provenance("c1", Access::Private)), ContextOwner::Other(_)));

        let (_dir, foreign) = view_of("contexts:\n- name: web\n  context:\n    cluster: my-kind\n");
        assert_eq!(
            context_owner(&foreign, &names(), &provenance("c1", Access::Public)),
            ContextOwner::Other(Owner::Cluster("my-kind".into()))
        );
        assert_eq!(
            crate::i18n::in_english(|| {
                let other = context_owner(&view, &names(), &provenance("c2", Access::Private));
                let ContextOwner::Other(owner) = other else { panic!("{other:?}") };
                owner.to_string()
            }),
            "the public credentials of ACK cluster c1"
        );
        let (_dir, hand_made) = view_of("contexts:\n- name: web\n  context:\n    cluster: ack-c1\n");
        assert_eq!(context_owner(&hand_made, &names(), &provenance("c1", Access::Public)), ContextOwner::ThisCluster);
        let (_dir, empty) = view_of("");
        assert_eq!(context_owner(&empty, &names(), &provenance("c1", Access::Public)), ContextOwner::Free);
    }
}
