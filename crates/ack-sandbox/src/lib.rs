//! The ACK sandbox: a fake Alibaba Cloud on loopback, for tests and the README demo.
//!
//! * a fake ACK (CS 2015-12-15) OpenAPI that verifies `ACS3-HMAC-SHA256` signatures as the real gateway
//!   does and issues real client certificates (`CN=<uid>-<unix-time>`, `O=system:users`) from each
//!   cluster's CA;
//! * a fake Kubernetes API server per cluster endpoint (public, intranet), TLS with client-certificate
//!   authentication on the sandbox clock, enough for the real `kubectl get namespaces` and `kubectl auth whoami`;
//! * a fake STS (`AssumeRole`, `AssumeRoleWithOIDC`), ECS metadata service (IMDSv2) and credentials URI,
//!   whose temporary keys the fake CS accepts while they are valid.
//!
//! Everything binds 127.0.0.0/8 only (intranet endpoints use 127.0.0.2 when it can be bound).
//!
//! ```no_run
//! use ack_sandbox::{Sandbox, DEMO_WEB_CLUSTER_ID};
//! let sandbox = Sandbox::start();
//! println!("KUBECTL_ACK_ENDPOINT={}", sandbox.endpoint());
//! assert!(sandbox.requests().is_empty());
//! # let _ = DEMO_WEB_CLUSTER_ID;
//! ```
//!
//! Error codes the real service's documentation does not pin down, chosen here: an STS key without its
//! token → 400 `MissingSecurityToken`; a kubeconfig for an access type the cluster lacks → 400
//! `ErrorEndpointNotFound`; a cluster the account may not see → 404 `ErrorClusterNotFound`;
//! `page_size` above 100 → 400 `InvalidParameter`.

mod clock;
mod cloud;
mod config;
mod cs;
mod fault;
mod http;
mod kube_api;
mod metadata;
mod pki;
mod random;
mod sts;
mod tls;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;
use std::time::Duration;

use time::OffsetDateTime;
use tokio::runtime::Handle;
use tokio::sync::oneshot;

pub use cloud::{RecordedRequest, Service};
pub use config::{
    Account, Cluster, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_BATCH_CLUSTER_ID, DEMO_ECS_ROLE_NAME,
    DEMO_OIDC_PROVIDER_ARN, DEMO_OIDC_TOKEN, DEMO_REGION, DEMO_ROLE_ARN, DEMO_UID, DEMO_WEB_CLUSTER_ID, EcsRole,
    OidcTrust, Role, SandboxConfig, Visibility, random_cluster_id,
};
pub use fault::{Fault, FaultKind};

use cloud::{Cloud, ClusterEntry, Grant};
use pki::CertificateAuthority;

const PUBLIC_IP: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
const PREFERRED_INTRANET_IP: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

/// The API server URLs of one cluster, as `master_url` reports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterEndpoints {
    pub public: Option<String>,
    pub intranet: Option<String>,
}

/// A running sandbox. Dropping it stops every server.
pub struct Sandbox {
    cloud: Arc<Cloud>,
    runtime: Handle,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    cs_address: SocketAddr,
    https: Option<(SocketAddr, String)>,
    sts_address: SocketAddr,
    metadata_address: SocketAddr,
    credentials_uri_address: SocketAddr,
}

impl Sandbox {
    /// The demo account and the two demo clusters ([`SandboxConfig::default`]).
    pub fn start() -> Sandbox {
        Sandbox::start_with(SandboxConfig::default())
    }

    /// Starts every server and returns once they all listen. Panics if a loopback port cannot be bound.
    pub fn start_with(config: SandboxConfig) -> Sandbox {
        let (runtime, stop, thread) = spawn_runtime();
        let cloud = Arc::new(Cloud::new(&config));
        let serve = |port: u16, tls: Option<Arc<rustls::ServerConfig>>, handler: http::Handler| {
            let listener = http::bind_loopback(PUBLIC_IP, port).expect("bind a loopback port for the sandbox");
            let address = listener.local_addr().expect("a bound listener has an address");
            runtime.spawn(http::serve(listener, tls, handler));
            address
        };
        let cs_address = serve(config.cs_port, None, cs::handler(cloud.clone()));
        let https = config.https.then(|| {
            let ca = CertificateAuthority::new("ack-sandbox CA", "ack-sandbox");
            let tls = tls::plain_server_config(ca.serving_identity(PUBLIC_IP, false));
            (serve(0, Some(tls), cs::handler(cloud.clone())), ca.cert_pem().to_string())
        });
        let sts_address = serve(0, None, sts::handler(cloud.clone()));
        let metadata_address = serve(0, None, metadata::metadata_handler(cloud.clone()));
        let credentials_uri_address = serve(0, None, metadata::credentials_uri_handler(cloud.clone()));
        let sandbox = Sandbox {
            cloud,
            runtime,
            stop: Some(stop),
            thread: Some(thread),
            cs_address,
            https,
            sts_address,
            metadata_address,
            credentials_uri_address,
        };
        for cluster in config.clusters {
            sandbox.add_cluster(cluster);
        }
        sandbox
    }

    /// The fake ACK (CS) OpenAPI base URL, `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.cs_address)
    }

    /// The same API over HTTPS, when `config.https`; trust [`Sandbox::https_ca_pem`].
    pub fn https_endpoint(&self) -> Option<String> {
        self.https.as_ref().map(|(address, _)| format!("https://{address}"))
    }

    pub fn https_ca_pem(&self) -> Option<String> {
        self.https.as_ref().map(|(_, ca)| ca.clone())
    }

    /// The fake STS base URL (`POST /` with `Action=AssumeRole` or `AssumeRoleWithOIDC`).
    pub fn sts_endpoint(&self) -> String {
        format!("http://{}", self.sts_address)
    }

    /// The fake ECS metadata base URL (what `http://100.100.100.200` is on ECS).
    pub fn metadata_endpoint(&self) -> String {
        format!("http://{}", self.metadata_address)
    }

    /// A full URL answering `{"AccessKeyId","AccessKeySecret","SecurityToken","Expiration"}`.
    pub fn credentials_uri(&self) -> String {
        format!("http://{}{}", self.credentials_uri_address, metadata::CREDENTIALS_URI_PATH)
    }

    pub fn add_account(&self, account: Account) {
        self.cloud.add_account(account);
    }

    /// Adds (or replaces) a cluster and starts its fake API servers.
    pub fn add_cluster(&self, cluster: Cluster) {
        let ca = Arc::new(CertificateAuthority::new("kubernetes", &cluster.id));
        let created = self.cloud.clock.now();
        let start = |ip: IpAddr| {
            kube_api::start(&self.runtime, &self.cloud, &cluster, &ca, ip, created)
                .expect("bind a loopback port for a fake API server")
        };
        let public_url = cluster.has_public_endpoint.then(|| start(PUBLIC_IP));
        let intranet_url = cluster.has_intranet_endpoint.then(|| start(intranet_ip()));
        self.cloud.add_cluster(ClusterEntry { spec: cluster, ca, public_url, intranet_url, created });
    }

    /// Deletes the cluster: DescribeClusterDetail and the rest answer `ErrorClusterNotFound` for it.
    pub fn delete_cluster(&self, cluster_id: &str) {
        self.cloud.delete_cluster(cluster_id);
    }

    /// The fake API server URLs of a cluster.
    pub fn cluster_endpoints(&self, cluster_id: &str) -> Option<ClusterEndpoints> {
        self.cloud
            .cluster(cluster_id)
            .map(|entry| ClusterEndpoints { public: entry.public_url, intranet: entry.intranet_url })
    }

    /// The PEM of a cluster's CA (what `certificate-authority-data` decodes to).
    pub fn cluster_ca_pem(&self, cluster_id: &str) -> Option<String> {
        self.cloud.cluster(cluster_id).map(|entry| entry.ca.cert_pem().to_string())
    }

    /// Moves the sandbox clock: certificate issuing and validity checks, temporary key expiry.
    pub fn advance_clock(&self, by: Duration) {
        self.cloud.clock.advance(by);
    }

    /// Moves the sandbox clock back, e.g. to issue a long-term certificate that is already old;
    /// `advance_clock` by the same amount restores it.
    pub fn rewind_clock(&self, by: Duration) {
        self.cloud.clock.rewind(by);
    }

    pub fn now(&self) -> OffsetDateTime {
        self.cloud.clock.now()
    }

    /// Sets the CS gateway's clock `skew` away from this machine's (negative: behind): its `Date` header
    /// and its check of `x-acs-date` (±15 minutes) follow it, as when the client's clock is off by `-skew`.
    /// Certificate time ([`Sandbox::advance_clock`]) is not affected.
    pub fn set_api_clock_skew(&self, skew: time::Duration) {
        self.cloud.clock.set_gateway_skew(skew);
    }

    /// Queues a fault for the next matching CS requests.
    pub fn inject(&self, fault: Fault) {
        self.cloud.inject(fault);
    }

    /// Every CS, STS, metadata and credentials-URI request so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.cloud.requests()
    }

    /// How many RAM identity tokens the fake API servers checked (each replayed to STS as
    /// GetCallerIdentity, and recorded in `requests()` as that).
    pub fn token_verifications(&self) -> usize {
        self.cloud.token_verifications()
    }

    /// How many requests named this action (`DescribeClusterUserKubeconfig`, `AssumeRole`, …).
    pub fn request_count(&self, action: &str) -> usize {
        self.requests().iter().filter(|request| request.action.as_deref() == Some(action)).count()
    }

    pub fn clear_requests(&self) {
        self.cloud.clear_requests();
    }

    /// Sets a RAM user's or role's state as RAM reports it: `Active`, `InActive` or `Deleted`. A deleted
    /// account's keys stop working; its kubeconfigs keep working until they are cleaned.
    pub fn set_account_state(&self, uid: &str, account_state: &str) {
        self.cloud.set_account_state(uid, account_state);
    }

    /// An RBAC grant ACK manages for `uid` (GrantPermissions): `resource` is a cluster ID or
    /// `<cluster ID>/<namespace>`, `role` `admin`, `ops`, `dev`, `restricted` or a custom role's name.
    pub fn grant(&self, uid: &str, resource: &str, role: &str) {
        self.cloud.grant(Grant { uid: uid.into(), resource_id: resource.into(), role_name: role.into() });
    }

    /// Records that `uid` used the cluster at `at` (the fake API servers record it for every
    /// certificate they accept).
    pub fn record_activity(&self, cluster_id: &str, uid: &str, at: OffsetDateTime) {
        self.cloud.record_activity(cluster_id, uid, at);
    }

    /// The cluster's audit log cannot be read (auditing off): ACK's 7-day check fails closed.
    pub fn disable_audit_log(&self, cluster_id: &str) {
        self.cloud.disable_audit_log(cluster_id);
    }

    /// A clean's task takes this many ListUserKubeConfigStates answers to show `Removed` (default 0).
    pub fn set_clean_delay(&self, listings: u32) {
        self.cloud.set_clean_delay(listings);
    }

    /// What `DELETE /k8s/{cluster_id}/certs` does for the account `uid`.
    pub fn revoke(&self, cluster_id: &str, uid: &str) {
        self.cloud.revoke(cluster_id, uid);
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A multi-thread runtime on its own thread, so the handle works from plain and async tests alike
/// (a runtime cannot be dropped inside another one; this one is dropped on its own thread).
fn spawn_runtime() -> (Handle, oneshot::Sender<()>, JoinHandle<()>) {
    let (handle_sender, handle_receiver) = std::sync::mpsc::channel();
    let (stop, stopped) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("ack-sandbox".to_string())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("ack-sandbox-worker")
                .enable_all()
                .build()
                .expect("build the sandbox runtime");
            handle_sender.send(runtime.handle().clone()).expect("the starter waits for the handle");
            runtime.block_on(async {
                let _ = stopped.await;
            });
            runtime.shutdown_background();
        })
        .expect("spawn the sandbox thread");
    let handle = handle_receiver.recv().expect("the sandbox runtime started");
    (handle, stop, thread)
}

/// 127.0.0.2 when this machine lets us bind it (Linux does), else 127.0.0.1 on another port.
fn intranet_ip() -> IpAddr {
    static IP: OnceLock<IpAddr> = OnceLock::new();
    *IP.get_or_init(|| {
        if http::bind_loopback(PREFERRED_INTRANET_IP, 0).is_ok() { PREFERRED_INTRANET_IP } else { PUBLIC_IP }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tests share a sandbox across threads (e.g. in an `Arc` while kubectl runs in parallel).
    #[test]
    fn the_handle_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Sandbox>();
    }

    #[test]
    fn starts_and_stops_from_a_plain_test() {
        let sandbox = Sandbox::start();
        assert!(sandbox.endpoint().starts_with("http://127.0.0.1:"));
        assert!(sandbox.cluster_endpoints(DEMO_WEB_CLUSTER_ID).is_some_and(|e| e.intranet.is_some()));
        assert!(sandbox.cluster_endpoints(DEMO_BATCH_CLUSTER_ID).is_some_and(|e| e.intranet.is_none()));
        drop(sandbox);
    }
}
