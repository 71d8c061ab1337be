//! Fetching a cluster's kubeconfig from ACK and taking from it only what is written (`ack::answer`):
//! one at a time, or many at once with bounded concurrency (`--all`, `rotate`).

use std::sync::Arc;

use ack_client::{Client, KubeconfigRequest};
use time::OffsetDateTime;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

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

/// Makes the calls, at most `concurrency` at a time; the results come in the order of `fetches`.
/// `progress` hears `(done, total)` as they finish.
pub async fn fetch_concurrently(
    fetches: Vec<KubeconfigFetch>,
    concurrency: usize,
    now: OffsetDateTime,
    progress: &mut dyn FnMut(usize, usize),
) -> Vec<Result<FetchedKubeconfig, Error>> {
    let total = fetches.len();
    let permits = Arc::new(Semaphore::new(concurrency.max(1)));
    let mut tasks = JoinSet::new();
    for (position, fetch) in fetches.into_iter().enumerate() {
        let permits = permits.clone();
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await.expect("the semaphore is never closed");
            (position, fetch_credentials(&fetch.client, &fetch.cluster_id, &fetch.request, now).await)
        });
    }
    let mut results = Vec::with_capacity(total);
    while let Some(joined) = tasks.join_next().await {
        results.push(joined.expect("a fetch task does not panic"));
        progress(results.len(), total);
    }
    results.sort_by_key(|(position, _)| *position);
    results.into_iter().map(|(_, result)| result).collect()
}
