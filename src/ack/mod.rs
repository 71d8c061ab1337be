//! The ACK vocabulary of the plugin: clusters as users name them, public or intranet access, the names
//! kubectl-ack writes into kubeconfigs, what it takes from ACK's kubeconfig answers, and the provenance
//! that tells ACK's contexts from the rest. No command line, no terminal: commands and use cases share it.

pub mod answer;
pub mod naming;
pub mod provenance;
pub mod words;

use serde::{Deserialize, Serialize};

pub use answer::{AnswerError, FetchedKubeconfig, take_credentials};
pub use naming::{
    EntryNames, cluster_label, cluster_of_entry_name, entry_names, is_cluster_id, renew_command, short_id,
};
pub use provenance::{AckContext, Mode, PROVENANCE, Provenance, RamIdentity, Recognised};

/// A cluster as the user named it, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterRef {
    pub id: String,
    pub name: Option<String>,
    pub region: Option<String>,
}

/// Which API server address the credentials are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    Public,
    Private,
}

impl Access {
    pub fn from_private(private: bool) -> Access {
        if private { Access::Private } else { Access::Public }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::Private => "private",
        }
    }

    /// What entry names of intranet credentials end with.
    pub(crate) fn suffix(self) -> &'static str {
        match self {
            Access::Public => "",
            Access::Private => "-private",
        }
    }
}

/// The exec plugin's default certificate lifetime (ack-ram-tool's default too), in minutes.
pub const DEFAULT_EXEC_MINUTES: u32 = 180;
