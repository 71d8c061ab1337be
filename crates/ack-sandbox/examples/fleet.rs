//! `cargo run -p ack-sandbox --example fleet -- --clusters 200 --latency-ms 100 [--latency-on A,B]`: a
//! sandbox with a fleet of clusters and API latency on the named actions (default
//! DescribeClusterUserKubeconfig), for the benchmarks (bench/all-concurrency, bench/lifecycle). Prints the
//! `export` lines, then reads commands from its standard input until it closes: `delete-every N` deletes
//! every Nth cluster (for prune), and prints `# deleted K` when done.

use std::io::BufRead;
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
    let mut ids = Vec::new();
    for index in 0..clusters {
        let cluster = Cluster::random(format!("fleet-{index:03}"), DEMO_REGION).public_only();
        ids.push(cluster.id.clone());
        sandbox.add_cluster(cluster);
    }
    let actions = args
        .windows(2)
        .find(|pair| pair[0] == "--latency-on")
        .map(|pair| pair[1].clone())
        .unwrap_or_else(|| "DescribeClusterUserKubeconfig".into());
    for action in actions.split(',') {
        sandbox.inject(Fault::latency(latency).always().only(action));
    }
    println!("export KUBECTL_ACK_ENDPOINT={}", sandbox.endpoint());
    println!("export ALIBABA_CLOUD_STS_ENDPOINT={}", sandbox.sts_endpoint());
    println!("export ALIBABA_CLOUD_ACCESS_KEY_ID={DEMO_ACCESS_KEY_ID}");
    println!("export ALIBABA_CLOUD_ACCESS_KEY_SECRET={DEMO_ACCESS_KEY_SECRET}");
    println!("export ALIBABA_CLOUD_REGION_ID={DEMO_REGION}");
    println!("export ALIBABA_CLOUD_ECS_METADATA_DISABLED=true");
    println!("# {clusters} clusters, {} ms latency on {actions}", latency.as_millis());
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        if let Some(every) = line.strip_prefix("delete-every ").and_then(|n| n.trim().parse::<u64>().ok()) {
            let doomed: Vec<&String> = ids.iter().step_by(every.max(1) as usize).collect();
            for id in &doomed {
                sandbox.delete_cluster(id);
            }
            println!("# deleted {}", doomed.len());
        }
    }
}
