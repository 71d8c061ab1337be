//! `kubectl ack clusters`: the clusters the credentials can see, every page of them.

use ack_client::{ClusterFilter, ClusterSummary};
use serde::Serialize;

use super::Io;
use super::cloud::{self, VerboseLines};
use crate::cli::ClustersArgs;
use crate::error::{Error, exit};
use crate::output::{self, Format, Table};

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

pub fn run(args: &ClustersArgs, verbose: bool, io: &mut Io<'_>) -> Result<u8, Error> {
    let lines = VerboseLines::default();
    let client = cloud::client(&args.cloud, verbose.then_some(&lines))?;
    // DescribeClustersV1 lists every region when region_id is left out.
    let region = if args.all_regions { None } else { client.region().map(str::to_string) };
    let filter = ClusterFilter { region, ..ClusterFilter::default() };
    let result = cloud::block_on(client.list_clusters(&filter));
    lines.flush(io);
    let clusters: Vec<ClusterReport> = result??.into_iter().map(ClusterReport::from).collect();
    match args.output.output {
        Format::Text if clusters.is_empty() => {
            let scope = filter.region.map(|region| format!(" in {region}")).unwrap_or_default();
            writeln!(io.err, "No clusters{scope} are visible to these credentials.")?;
        }
        Format::Text => write_table(&clusters, io)?,
        format => output::structured(io.out, format, &clusters)?,
    }
    Ok(exit::SUCCESS)
}

fn write_table(clusters: &[ClusterReport], io: &mut Io<'_>) -> std::io::Result<()> {
    let mut table = Table::new(&["ID", "NAME", "REGION", "TYPE", "VERSION", "STATE", "PUBLIC", "INTRANET"]);
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
