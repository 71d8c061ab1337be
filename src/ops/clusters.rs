//! Clusters as the user names them: an ID is used as it is, a name is looked up; and the listing the
//! `clusters` command and `get-credentials --all` show.

use ack_client::{Client, ClusterFilter, ClusterSummary};

use super::Error;
use super::session::Session;
use crate::ack::{ClusterRef, is_cluster_id};

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

/// Runs `call` for a resolved cluster; when the cluster's name is not known yet (it was given by ID),
/// DescribeClusterDetail runs alongside, so it costs no latency, and fills in name and region. A failed
/// detail only leaves them out.
pub async fn with_cluster_detail<T, E>(
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

/// The clusters the credentials can see: in the session's region, or in every region.
pub struct Listing {
    /// The region asked about; `None` for every region.
    pub region: Option<String>,
    pub clusters: Vec<ClusterSummary>,
}

/// Every page of DescribeClustersV1 (which lists every region when no region is given).
pub fn list(session: &Session, all_regions: bool, err: &mut dyn std::io::Write) -> Result<Listing, Error> {
    let region = if all_regions { None } else { session.client().region().map(str::to_string) };
    let filter = ClusterFilter { region: region.clone(), ..ClusterFilter::default() };
    let clusters = session.run(err, session.client().list_clusters(&filter))?;
    Ok(Listing { region, clusters })
}
