//! `cargo run -p ack-sandbox --example fleet -- --clusters 200 --latency-ms 100`: a sandbox with a fleet
//! of clusters and API latency, for the `get-credentials --all` benchmark (bench/all-concurrency).
//! Prints the `export` lines, then runs until its standard input closes or it is killed.

use std::io::Read;
use std::time::Duration;

use ack_sandbox::{
    Account, Cluster, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_REGION, Fault, Sandbox, SandboxConfig,
};

fn flag(args: &[String], name: &str, default: u64) -> u64 {
    args.windows(2).find(|pair| pair[0] == name).and_then(|pair| pair[1].parse().ok()).unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let clusters = flag(&args, "--clusters", 200);
    let latency = Duration::from_millis(flag(&args, "--latency-ms", 100));
    let sandbox = Sandbox::start_with(SandboxConfig::empty().with_account(Account::demo()));
    for index in 0..clusters {
        sandbox.add_cluster(Cluster::random(format!("fleet-{index:03}"), DEMO_REGION).public_only());
    }
    sandbox.inject(Fault::latency(latency).always().only("DescribeClusterUserKubeconfig"));
    println!("export KUBECTL_ACK_ENDPOINT={}", sandbox.endpoint());
    println!("export ALIBABA_CLOUD_ACCESS_KEY_ID={DEMO_ACCESS_KEY_ID}");
    println!("export ALIBABA_CLOUD_ACCESS_KEY_SECRET={DEMO_ACCESS_KEY_SECRET}");
    println!("export ALIBABA_CLOUD_REGION_ID={DEMO_REGION}");
    println!("export ALIBABA_CLOUD_ECS_METADATA_DISABLED=true");
    println!("# {clusters} clusters, {} ms latency on DescribeClusterUserKubeconfig", latency.as_millis());
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}
