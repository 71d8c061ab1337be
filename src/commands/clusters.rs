//! `kubectl ack clusters`: the clusters the credentials can see, every page of them.

use ack_client::ClusterSummary;
use serde::Serialize;

use crate::error::{Error, exit};
use crate::ops::clusters;
use crate::ops::session::Session;
use crate::output::{self, Format, Table};
use crate::request::Clusters;
use crate::{Io, Machine, t};

/// One cluster in `-o json|yaml` (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ClusterReport {
    id: String,
    name: String,
    region: String,
    #[serde(rename = "type")]
    cluster_type: String,
    spec: String,
    version: String,
    state: String,
    public_endpoint: Option<String>,
    intranet_endpoint: Option<String>,
}

impl From<ClusterSummary> for ClusterReport {
    fn from(cluster: ClusterSummary) -> Self {
        ClusterReport {
            id: cluster.cluster_id,
            name: cluster.name,
            region: cluster.region_id,
            cluster_type: cluster.cluster_type,
            spec: cluster.cluster_spec,
            version: cluster.current_version,
            state: cluster.state,
            public_endpoint: cluster.endpoints.public,
            intranet_endpoint: cluster.endpoints.intranet,
        }
    }
}

pub fn run(request: &Clusters, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let session = Session::open(&request.cloud, machine, verbose)?;
    let listing = clusters::list(&session, request.all_regions, io.err)?;
    let found: Vec<ClusterReport> = listing.clusters.into_iter().map(ClusterReport::from).collect();
    match request.format {
        Format::Text if found.is_empty() => {
            let line = match listing.region {
                Some(region) => t!("clusters-none-in-region", region = region),
                None => t!("clusters-none"),
            };
            writeln!(io.err, "{line}")?;
        }
        Format::Text => write_table(&found, io)?,
        format => output::structured(io.out, format, &found)?,
    }
    Ok(exit::SUCCESS)
}

fn write_table(clusters: &[ClusterReport], io: &mut Io<'_>) -> std::io::Result<()> {
    let mut table = Table::new([
        t!("clusters-header-id"),
        t!("clusters-header-name"),
        t!("clusters-header-region"),
        t!("clusters-header-type"),
        t!("clusters-header-version"),
        t!("clusters-header-state"),
        t!("clusters-header-public"),
        t!("clusters-header-intranet"),
    ]);
    let or_dash = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".into());
    for cluster in clusters {
        table.row(vec![
            cluster.id.clone(),
            cluster.name.clone(),
            cluster.region.clone(),
            cluster.cluster_type.clone(),
            cluster.version.clone(),
            cluster.state.clone(),
            or_dash(&cluster.public_endpoint),
            or_dash(&cluster.intranet_endpoint),
        ]);
    }
    table.write(io.out)
}
