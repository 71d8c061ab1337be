//! `cargo run -p ack-sandbox [-- --port PORT]`: the demo. Starts the fake cloud, prints the `export` lines
//! that point kubectl-ack at it, and runs until Ctrl-C.

use std::process::ExitCode;

use ack_sandbox::{
    DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_BATCH_CLUSTER_ID, DEMO_REGION, DEMO_WEB_CLUSTER_ID, Sandbox,
    SandboxConfig,
};

const USAGE: &str = "usage: ack-sandbox [--port PORT]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "-h" || arg == "--help") {
        println!(
            "{USAGE}\n\nStarts a fake Alibaba Cloud (ACK OpenAPI, Kubernetes API servers, STS, ECS metadata) on loopback."
        );
        return ExitCode::SUCCESS;
    }
    let port = match parse_port(&args) {
        Ok(port) => port,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sandbox = Sandbox::start_with(SandboxConfig { cs_port: port, ..SandboxConfig::default() });
    print_instructions(&sandbox);
    wait_for_ctrl_c();
    eprintln!("ack-sandbox: stopped");
    ExitCode::SUCCESS
}

fn parse_port(args: &[String]) -> Result<u16, String> {
    match args {
        [] => Ok(0),
        [flag, value] if flag == "--port" => value.parse().map_err(|_| format!("invalid port {value:?}")),
        [flag] if flag.starts_with("--port=") => {
            let value = &flag["--port=".len()..];
            value.parse().map_err(|_| format!("invalid port {value:?}"))
        }
        other => Err(format!("unexpected arguments {other:?}")),
    }
}

fn print_instructions(sandbox: &Sandbox) {
    println!("# ACK sandbox running: a fake Alibaba Cloud on loopback. Paste these lines into another shell:");
    println!("export KUBECTL_ACK_ENDPOINT={}", sandbox.endpoint());
    println!("export ALIBABA_CLOUD_STS_ENDPOINT={}", sandbox.sts_endpoint());
    println!("export ALIBABA_CLOUD_ACCESS_KEY_ID={DEMO_ACCESS_KEY_ID}");
    println!("export ALIBABA_CLOUD_ACCESS_KEY_SECRET={DEMO_ACCESS_KEY_SECRET}");
    println!("export ALIBABA_CLOUD_REGION_ID={DEMO_REGION}");
    println!("export ALIBABA_CLOUD_ECS_METADATA_DISABLED=true");
    println!("# clusters:");
    println!("#   {DEMO_WEB_CLUSTER_ID}  demo-web    public + intranet API server");
    println!("#   {DEMO_BATCH_CLUSTER_ID}  demo-batch  public API server only");
    println!("# other fake endpoints (for credential-chain experiments):");
    println!(
        "#   STS {}   ECS metadata {}   credentials URI {}",
        sandbox.sts_endpoint(),
        sandbox.metadata_endpoint(),
        sandbox.credentials_uri()
    );
    println!("# then: kubectl ack get-credentials demo-web && kubectl get namespaces && kubectl ack whoami");
    println!("# Ctrl-C stops the sandbox.");
}

fn wait_for_ctrl_c() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime for signals");
    runtime.block_on(async {
        let _ = tokio::signal::ctrl_c().await;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|arg| arg.to_string()).collect()
    }

    #[test]
    fn port_flag_forms() {
        assert_eq!(parse_port(&args(&[])), Ok(0));
        assert_eq!(parse_port(&args(&["--port", "8080"])), Ok(8080));
        assert_eq!(parse_port(&args(&["--port=9090"])), Ok(9090));
        assert!(parse_port(&args(&["--port", "x"])).is_err());
        assert!(parse_port(&args(&["--bogus"])).is_err());
    }
}
