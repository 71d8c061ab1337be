//! `get-credentials --namespace` and `--proxy-url` (issue 15): written into the context and the cluster
//! entry, kept by later fetches and by rotate, refused when malformed (nothing written); `--verify`,
//! kubectl and doctor go through the proxy. A small loopback proxy (HTTP CONNECT and SOCKS5) counts what
//! goes through it.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ack_sandbox::*;
use common::*;
use serde_json::Value;

/// A loopback proxy that speaks HTTP CONNECT and SOCKS5 (no authentication), and counts the tunnels it
/// opened.
struct Proxy {
    port: u16,
    tunnels: Arc<AtomicUsize>,
}

impl Proxy {
    fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let tunnels = Arc::new(AtomicUsize::new(0));
        let counter = tunnels.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let counter = counter.clone();
                std::thread::spawn(move || {
                    if let Some(upstream) = open(&client) {
                        counter.fetch_add(1, Ordering::SeqCst);
                        pipe(client, upstream);
                    }
                });
            }
        });
        Proxy { port, tunnels }
    }

    fn tunnels(&self) -> usize {
        self.tunnels.load(Ordering::SeqCst)
    }
}

/// Reads the client's request (CONNECT or a SOCKS5 greeting) and connects upstream, loopback only.
fn open(mut client: &TcpStream) -> Option<TcpStream> {
    let mut first = [0u8; 1];
    client.read_exact(&mut first).ok()?;
    if first[0] == 5 {
        let mut methods = [0u8; 1];
        client.read_exact(&mut methods).ok()?;
        let mut skip = vec![0u8; usize::from(methods[0])];
        client.read_exact(&mut skip).ok()?;
        client.write_all(&[5, 0]).ok()?;
        let mut head = [0u8; 4];
        client.read_exact(&mut head).ok()?;
        let host = match head[3] {
            1 => {
                let mut ip = [0u8; 4];
                client.read_exact(&mut ip).ok()?;
                std::net::Ipv4Addr::from(ip).to_string()
            }
            3 => {
                let mut length = [0u8; 1];
                client.read_exact(&mut length).ok()?;
                let mut name = vec![0u8; usize::from(length[0])];
                client.read_exact(&mut name).ok()?;
                String::from_utf8(name).ok()?
            }
            _ => return None,
        };
        let mut port = [0u8; 2];
        client.read_exact(&mut port).ok()?;
        let upstream = loopback(&host, u16::from_be_bytes(port))?;
        client.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0]).ok()?;
        return Some(upstream);
    }
    let mut head = vec![first[0]];
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        client.read_exact(&mut byte).ok()?;
        head.push(byte[0]);
    }
    let line = String::from_utf8_lossy(&head).lines().next()?.to_string();
    let authority = line.strip_prefix("CONNECT ")?.split_whitespace().next()?.to_string();
    let (host, port) = authority.rsplit_once(':')?;
    let upstream = loopback(host, port.parse().ok()?)?;
    client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").ok()?;
    Some(upstream)
}

/// Only loopback: this proxy must never take a test off the machine.
fn loopback(host: &str, port: u16) -> Option<TcpStream> {
    let ip: std::net::IpAddr = host.parse().ok()?;
    ip.is_loopback().then(|| TcpStream::connect((ip, port)).ok()).flatten()
}

fn pipe(client: TcpStream, upstream: TcpStream) {
    let (mut client_read, mut upstream_write) = (client.try_clone().unwrap(), upstream.try_clone().unwrap());
    let forward = std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_read, &mut upstream_write);
        let _ = upstream_write.shutdown(std::net::Shutdown::Write);
    });
    let (mut upstream_read, mut client_write) = (upstream, client);
    let _ = std::io::copy(&mut upstream_read, &mut client_write);
    let _ = client_write.shutdown(std::net::Shutdown::Write);
    let _ = forward.join();
}

fn config_of(env: &TestEnv) -> Value {
    serde_saphyr::from_str(&std::fs::read_to_string(env.path(".kube/config")).unwrap()).unwrap()
}

fn context_body<'a>(config: &'a Value, name: &str) -> &'a Value {
    &config["contexts"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()["context"]
}

fn cluster_body<'a>(config: &'a Value, name: &str) -> &'a Value {
    &config["clusters"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()["cluster"]
}

#[test]
fn a_namespace_is_written_kept_by_later_fetches_and_rotate_and_asked_for_by_kubectl() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--namespace", "team-a"]));
    assert_eq!(context_body(&config_of(&env), "demo-web")["namespace"], "team-a");

    // kubectl takes the namespace of the context.
    let minified = ok(kubectl_in(&env).args(["config", "view", "--minify", "-o", "jsonpath={..namespace}"]));
    assert_eq!(stdout(&minified), "team-a");
    // ... and asks the API server for that namespace's pods.
    let pods = ok(kubectl_in(&env).args(["get", "pods", "--request-timeout", "20s"]));
    assert!(stderr(&pods).contains("No resources found in team-a namespace"), "{}", stderr(&pods));
    let asked: Vec<String> = sandbox.kube_requests().into_iter().map(|request| request.path).collect();
    assert!(asked.contains(&"/api/v1/namespaces/team-a/pods".to_string()), "{asked:?}");

    ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--temporary", "30m"]));
    assert_eq!(context_body(&config_of(&env), "demo-web")["namespace"], "team-a", "a later fetch dropped it");
    ok(demo_ack(&env, &sandbox).args(["rotate", "--within", "100000d"]));
    let config = config_of(&env);
    assert_eq!(context_body(&config, "demo-web")["namespace"], "team-a", "rotate dropped it");

    for bad in ["Team-A", "-a", "a_b", ""] {
        let before = std::fs::read_to_string(env.path(".kube/config")).unwrap();
        let output = run(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--namespace", bad]));
        assert_eq!(code(&output), 2, "{bad}: {}", stderr(&output));
        assert_eq!(std::fs::read_to_string(env.path(".kube/config")).unwrap(), before, "{bad}: the file changed");
    }
}

#[test]
fn a_proxy_url_is_used_by_verify_kubectl_and_doctor_and_kept_by_rotate() {
    let sandbox = Sandbox::start();
    for scheme in ["http", "socks5"] {
        let proxy = Proxy::start();
        let env = TestEnv::new();
        let url = format!("{scheme}://127.0.0.1:{}", proxy.port);
        let verified =
            ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--proxy-url", &url, "--verify"]));
        assert!(stderr(&verified).contains("Verified: listed 4 namespaces"), "{}", stderr(&verified));
        assert!(proxy.tunnels() >= 1, "{scheme}: --verify did not go through the proxy");
        let cluster = format!("ack-{DEMO_WEB_CLUSTER_ID}");
        assert_eq!(cluster_body(&config_of(&env), &cluster)["proxy-url"], url.as_str());

        let before = proxy.tunnels();
        let namespaces = run(kubectl_in(&env).args(["get", "namespaces", "-o", "name"]));
        assert_eq!(code(&namespaces), 0, "{}", stderr(&namespaces));
        assert!(proxy.tunnels() > before, "{scheme}: kubectl did not go through the proxy");

        let before = proxy.tunnels();
        let doctor = run(demo_ack(&env, &sandbox).args(["doctor", "--connect-timeout", "3s"]));
        let report = stdout(&doctor);
        assert!(report.contains(&format!("through the proxy {url} (proxy-url)")), "{report}");
        assert!(proxy.tunnels() > before, "{scheme}: doctor did not go through the proxy");

        ok(demo_ack(&env, &sandbox).args(["rotate", "--within", "100000d"]));
        assert_eq!(cluster_body(&config_of(&env), &cluster)["proxy-url"], url.as_str(), "rotate dropped the proxy");
        ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web"]));
        assert_eq!(cluster_body(&config_of(&env), &cluster)["proxy-url"], url.as_str(), "a later fetch dropped it");
    }
}

#[test]
fn a_proxy_that_is_down_is_what_doctor_reports_and_malformed_proxies_are_refused() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--proxy-url", &url]));
    let doctor = run(demo_ack(&env, &sandbox).args(["doctor", "--connect-timeout", "2s"]));
    assert_eq!(code(&doctor), 1);
    assert!(stdout(&doctor).contains(&format!("the proxy {url} (proxy-url) cannot be reached")), "{}", stdout(&doctor));

    for bad in
        ["ftp://127.0.0.1:21", "http://user:hunter2@127.0.0.1:3128", "http://127.0.0.1:3128/path", "127.0.0.1:3128"]
    {
        let before = std::fs::read_to_string(env.path(".kube/config")).unwrap();
        let output = run(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--proxy-url", bad]));
        assert_eq!(code(&output), 2, "{bad}: {}", stderr(&output));
        assert!(!stderr(&output).contains("hunter2"), "{bad}: the password was shown");
        assert_eq!(std::fs::read_to_string(env.path(".kube/config")).unwrap(), before);
    }
}
