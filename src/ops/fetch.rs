//! Fetching a cluster's kubeconfig from ACK and taking from it only what is written (`ack::answer`):
//! one at a time, or as one item of a batch (`--all`, `rotate`, through `concurrently`).

use ack_client::{Client, KubeconfigRequest};
use time::OffsetDateTime;

use super::Error;
use crate::ack::{Access, FetchedKubeconfig, take_credentials};

/// What to ask ACK for: the intranet or public address, and a lifetime (`None`: ACK's long-term one).
pub fn kubeconfig_request(access: Access, temporary_minutes: Option<u32>) -> KubeconfigRequest {
    KubeconfigRequest { private_ip_address: access == Access::Private, temporary_duration_minutes: temporary_minutes }
}

/// One cluster's kubeconfig call, its answer validated (against the clock `now`) and reduced to what is
/// written.
pub async fn fetch_credentials(
    client: &Client,
    cluster_id: &str,
    request: &KubeconfigRequest,
    now: OffsetDateTime,
) -> Result<FetchedKubeconfig, Error> {
    let answer = client.describe_cluster_user_kubeconfig(cluster_id, request).await?;
    take_credentials(&answer.config, now)
        .map_err(|source| Error::InvalidAnswer { cluster_id: cluster_id.to_string(), source })
}

/// One kubeconfig call of a batch.
pub struct KubeconfigFetch {
    pub client: Client,
    pub cluster_id: String,
    pub request: KubeconfigRequest,
}

impl KubeconfigFetch {
    /// Makes the call (owning what it needs, so a batch can run it on its own task).
    pub async fn run(self, now: OffsetDateTime) -> Result<FetchedKubeconfig, Error> {
        fetch_credentials(&self.client, &self.cluster_id, &self.request, now).await
    }
}
