//! The sandbox never points anyone at a non-loopback address: every URL it hands out, directly, in
//! `master_url` or in a kubeconfig, is on 127.0.0.0/8.

mod common;

use std::net::IpAddr;

use common::*;
use serde_json::Value;

fn assert_loopback(url: &str) {
    let rest = url.split_once("://").map(|(_, rest)| rest).unwrap_or_else(|| panic!("not a URL: {url}"));
    let authority = rest.split('/').next().unwrap();
    let host = authority.rsplit_once(':').map(|(host, _)| host).unwrap_or(authority);
    let ip: IpAddr = host.parse().unwrap_or_else(|_| panic!("{url}: the sandbox hands out IP addresses only"));
    assert!(ip.is_loopback(), "{url} is not loopback");
}

#[tokio::test]
async fn every_url_the_sandbox_hands_out_is_loopback() {
    let sandbox = Sandbox::start_with(SandboxConfig::default().with_https());
    let mut urls =
        vec![sandbox.endpoint(), sandbox.sts_endpoint(), sandbox.metadata_endpoint(), sandbox.credentials_uri()];
    urls.push(sandbox.https_endpoint().unwrap());

    let list = send(&sandbox.endpoint(), &Call::get("/api/v1/clusters", "DescribeClustersV1"), &Keys::demo()).await;
    for cluster in list.body["clusters"].as_array().unwrap() {
        let id = cluster["cluster_id"].as_str().unwrap();
        let master_url: Value = serde_json::from_str(cluster["master_url"].as_str().unwrap()).unwrap();
        for key in ["api_server_endpoint", "intranet_api_server_endpoint"] {
            let url = master_url[key].as_str().unwrap();
            if !url.is_empty() {
                urls.push(url.to_string());
            }
        }
        let endpoints = sandbox.cluster_endpoints(id).unwrap();
        urls.extend(endpoints.public.clone());
        urls.extend(endpoints.intranet.clone());
        let (config, _) = fetch_kubeconfig(&sandbox, id, &[]).await;
        urls.push(kubeconfig_server(&config));
        if endpoints.intranet.is_some() {
            let (config, _) = fetch_kubeconfig(&sandbox, id, &[("PrivateIpAddress", "true")]).await;
            urls.push(kubeconfig_server(&config));
        }
    }
    assert!(urls.len() >= 12, "{urls:?}");
    for url in &urls {
        assert_loopback(url);
    }
}

/// The only bind in the crate goes through one function that refuses anything but loopback.
#[test]
fn the_source_binds_only_through_the_loopback_guard() {
    let source_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut binds = Vec::new();
    visit(&source_dir, &mut |path, text| {
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if code.contains("::bind(") || code.contains("connect(") || code.contains("0.0.0.0:") {
                binds.push(format!("{}:{}: {code}", path.display(), number + 1));
            }
        }
    });
    assert_eq!(binds.len(), 1, "expected the single guarded bind in http.rs: {binds:#?}");
    assert!(binds[0].contains("http.rs") && binds[0].contains("StdTcpListener::bind"), "{binds:?}");
}

fn visit(dir: &std::path::Path, check: &mut dyn FnMut(&std::path::Path, &str)) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, check);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            check(&path, &std::fs::read_to_string(&path).unwrap());
        }
    }
}
