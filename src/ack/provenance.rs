//! Which contexts are ACK's: the one place that decides it, for rotate, revoke, doctor and expiry alike.
//!
//! get-credentials records a `kubectl-ack` entry in each context's `extensions` (cluster ID, region,
//! access, mode, lifetime, fetch time, notAfter). Contexts written before that existed are still
//! recognised by the names kubectl-ack gives entries: a context whose cluster entry, or whose own name,
//! is `ack-<cluster ID>` or `ack-<cluster ID>-private`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::Access;
use super::naming::cluster_of_entry_name;
use crate::kubeconfig::{KubeconfigView, Section, extension};

/// The name of the provenance extension on contexts kubectl-ack writes.
pub const PROVENANCE: &str = "kubectl-ack";

/// What kubectl-ack records on each context it writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    pub cluster_id: String,
    pub cluster_name: Option<String>,
    pub region: Option<String>,
    pub access: Access,
    pub mode: Mode,
    pub temporary_minutes: Option<u32>,
    #[serde(with = "time::serde::rfc3339")]
    pub fetched_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub not_after: Option<OffsetDateTime>,
    /// A token user's RAM identity, as STS named the credentials at fetch time (whoami reads it offline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<RamIdentity>,
}

/// Whose credentials sign a token user's tokens: STS GetCallerIdentity's answer at fetch time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RamIdentity {
    /// `acs:ram::<account>:root`, `…:user/<name>` or `…:assumed-role/<role>/<session>`.
    pub arn: String,
    pub account_id: String,
    /// `Account`, `RAMUser` or `AssumedRoleUser`.
    #[serde(rename = "type")]
    pub identity_type: String,
}

impl RamIdentity {
    pub fn of(identity: &ack_client::CallerIdentity) -> RamIdentity {
        RamIdentity {
            arn: identity.arn.clone(),
            account_id: identity.account_id.clone(),
            identity_type: identity.identity_type.clone(),
        }
    }

    /// The user or role the ARN names (`alice`, `role/admin`), or `None` for the account itself.
    pub fn principal(&self) -> Option<String> {
        let resource = self.arn.rsplit_once(':').map(|(_, resource)| resource)?;
        if let Some(user) = resource.strip_prefix("user/") {
            return Some(user.to_string());
        }
        let role = resource.strip_prefix("assumed-role/")?;
        Some(format!("role/{}", role.split('/').next().unwrap_or(role)))
    }
}

/// How the context's user authenticates, as kubectl-ack wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The certificate and key embedded in the user entry.
    Certificate,
    /// An exec user running `kubectl-ack credential`, which fetches and caches short-lived certificates.
    Exec,
    /// An exec user running `kubectl-ack credential --auth token`: ack-ram-authenticator tokens.
    Token,
    /// Written by a later kubectl-ack, in a mode this one does not know: left alone.
    #[serde(other)]
    Unknown,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Certificate => "certificate",
            Mode::Exec => "exec",
            Mode::Token => "token",
            Mode::Unknown => "unknown",
        }
    }
}

impl Provenance {
    /// The provenance recorded on a context body, when kubectl-ack wrote it.
    pub fn of(context_body: &Map<String, Value>) -> Option<Provenance> {
        serde_json::from_value(extension(context_body, PROVENANCE)?.clone()).ok()
    }

    /// The extension's value, as written into the context.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("provenance serialises")
    }
}

/// How a context was recognised as an ACK cluster's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recognised {
    /// The `kubectl-ack` extension get-credentials records.
    Provenance(Provenance),
    /// An `ack-<cluster ID>[-private]` name: written before provenance existed, or named so by hand.
    EntryName,
}

/// A context that holds (or held) an ACK cluster's credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AckContext {
    pub context: String,
    pub cluster_id: String,
    pub access: Access,
    /// The context's `cluster` and `user` fields (empty when absent).
    pub cluster_entry: String,
    pub user_entry: String,
    pub recognised: Recognised,
}

impl AckContext {
    /// The named context, when it is ACK's.
    pub fn recognise(config: &KubeconfigView, context: &str) -> Option<AckContext> {
        let entry = config.entry(Section::Contexts, context)?;
        let cluster_entry = entry.str_field("cluster").unwrap_or_default().to_string();
        let user_entry = entry.str_field("user").unwrap_or_default().to_string();
        let (cluster_id, access, recognised) = match Provenance::of(entry.body) {
            Some(provenance) => (provenance.cluster_id.clone(), provenance.access, Recognised::Provenance(provenance)),
            None => {
                let (id, access) = [cluster_entry.as_str(), entry.name].into_iter().find_map(cluster_of_entry_name)?;
                (id, access, Recognised::EntryName)
            }
        };
        Some(AckContext { context: entry.name.to_string(), cluster_id, access, cluster_entry, user_entry, recognised })
    }

    /// Every ACK context of the merged view, in kubeconfig order.
    pub fn all(config: &KubeconfigView) -> Vec<AckContext> {
        config.names(Section::Contexts).into_iter().filter_map(|name| AckContext::recognise(config, name)).collect()
    }

    pub fn provenance(&self) -> Option<&Provenance> {
        match &self.recognised {
            Recognised::Provenance(provenance) => Some(provenance),
            Recognised::EntryName => None,
        }
    }

    pub fn region(&self) -> Option<&str> {
        self.provenance().and_then(|provenance| provenance.region.as_deref())
    }

    pub fn temporary_minutes(&self) -> Option<u32> {
        self.provenance().and_then(|provenance| provenance.temporary_minutes)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::kubeconfig::{Document, KubeconfigPaths, set_extension};

    const ID: &str = "c5b5e80b0b64a4bf6939d2d8fbbc5e4e1";

    fn provenance(mode: Mode) -> Provenance {
        Provenance {
            cluster_id: ID.into(),
            cluster_name: Some("web".into()),
            region: Some("cn-hangzhou".into()),
            access: Access::Private,
            mode,
            temporary_minutes: Some(30),
            fetched_at: datetime!(2026-11-23 12:00 UTC),
            not_after: Some(datetime!(2026-11-23 12:30 UTC)),
            identity: None,
        }
    }

    fn view_of(text: &str) -> (tempfile::TempDir, KubeconfigView) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        std::fs::write(&file, text).unwrap();
        (dir, KubeconfigView::load(&KubeconfigPaths::from_files(vec![file])).unwrap())
    }

    #[test]
    fn provenance_round_trips_through_the_extension_and_unknown_modes_are_kept_apart() {
        let mut body = Map::new();
        set_extension(&mut body, PROVENANCE, provenance(Mode::Exec).to_value());
        assert_eq!(Provenance::of(&body), Some(provenance(Mode::Exec)));
        let mut later = provenance(Mode::Certificate).to_value();
        later["mode"] = Value::from("hardware-token");
        set_extension(&mut body, PROVENANCE, later);
        assert_eq!(Provenance::of(&body).map(|p| p.mode), Some(Mode::Unknown));
    }

    #[test]
    fn contexts_are_recognised_by_provenance_then_by_their_entry_names() {
        let mut document = Document::new_empty();
        document.upsert(Section::Contexts, "web", |body| {
            body.insert("cluster".into(), Value::from("renamed-by-hand"));
            body.insert("user".into(), Value::from("u"));
            set_extension(body, PROVENANCE, provenance(Mode::Certificate).to_value());
        });
        for (name, cluster) in
            [("old", format!("ack-{ID}-private")), (&format!("ack-{ID}"), "mine".into()), ("kind", "kind".into())]
        {
            document.upsert(Section::Contexts, name, |body| {
                body.insert("cluster".into(), Value::from(cluster));
            });
        }
        let text = document.to_yaml().unwrap();
        let (_dir, view) = view_of(&text);
        let found = AckContext::all(&view);
        let summary: Vec<(&str, Access, bool)> =
            found.iter().map(|c| (c.context.as_str(), c.access, c.provenance().is_some())).collect();
        let by_id = format!("ack-{ID}");
        assert_eq!(
            summary,
            [("web", Access::Private, true), ("old", Access::Private, false), (by_id.as_str(), Access::Public, false)]
        );
        assert_eq!(found[0].region(), Some("cn-hangzhou"));
        assert_eq!((found[0].cluster_entry.as_str(), found[0].user_entry.as_str()), ("renamed-by-hand", "u"));
        assert!(AckContext::recognise(&view, "kind").is_none());
    }
}
