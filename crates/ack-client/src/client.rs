//! The CS (ACK) API client: configuration, signing each attempt afresh, retries, and the typed operations.

use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;
use reqwest::{StatusCode, Url};

use crate::clock::{Clock, NonceSource, RandomNonce, SystemClock, parse_http_date};
use crate::credentials::chain::{CredentialChain, Resolved};
use crate::credentials::{self, CallerIdentity, FetchContext, region_settings};
use crate::endpoint::{is_loopback_host, resolve_endpoint, resolve_region};
use crate::env::{self, Environment, ProcessEnvironment};
use crate::error::{
    Error, JsonError, Service, decode_answer, describe_body, error_from_answer, error_in_success_answer,
    looks_like_json, transport_error, unexpected,
};
use crate::models::{
    ActivityState, CleanTask, ClusterDetail, ClusterFilter, ClusterPage, ClusterSummary, KubeconfigRequest,
    KubeconfigState, ServerTime, StatePage, UserKubeconfig, UserKubeconfigBody, UserKubeconfigState, UserPermission,
};
use crate::retry::RetryPolicy;
use crate::secret::Credentials;
use crate::signing::{Operation, sign};
use crate::transport::{self, Answer, Failure};
use crate::verbose::{VerboseSink, log};

/// Connect timeout unless configured.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Timeout of one whole request attempt unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The metadata service answers in milliseconds when it exists at all (credentials-go uses 1 s too).
const METADATA_TIMEOUT: Duration = Duration::from_secs(1);
/// A guard against a server that never stops paging.
const MAX_PAGES: u32 = 1000;

/// reqwest is built with `rustls-no-provider`: install *ring* as the process's provider once, before
/// the first client is built. If the application already installed one, that one stays.
pub(crate) fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// Configures a [`Client`]. Every option has a default; the plugin maps its flags onto them.
pub struct ClientBuilder {
    profile: Option<String>,
    region: Option<String>,
    endpoint: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    verbose: Option<VerboseSink>,
    environment: Arc<dyn Environment>,
    clock: Arc<dyn Clock>,
    nonce: Arc<dyn NonceSource>,
    credentials: Option<Credentials>,
    extra_roots_pem: Vec<String>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            profile: None,
            region: None,
            endpoint: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
            verbose: None,
            environment: Arc::new(ProcessEnvironment),
            clock: Arc::new(SystemClock),
            nonce: Arc::new(RandomNonce),
            credentials: None,
            extra_roots_pem: Vec::new(),
        }
    }
}

impl ClientBuilder {
    /// The aliyun CLI profile / shared-credentials section (`--profile`); `None`: `ALIBABA_CLOUD_PROFILE`,
    /// else the CLI file's `current` (CLI) or `default` (shared file).
    pub fn profile(mut self, profile: Option<String>) -> Self {
        self.profile = profile;
        self
    }

    /// The region (`--region`); `None`: `ALIBABA_CLOUD_REGION_ID`, else the profile's `region_id`.
    pub fn region(mut self, region: Option<String>) -> Self {
        self.region = region;
        self
    }

    /// The CS base URL (`--endpoint` / `KUBECTL_ACK_ENDPOINT`); `None`: `https://cs[-vpc].<region>.aliyuncs.com`.
    pub fn endpoint(mut self, endpoint: Option<String>) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// The timeout of one request attempt (`--timeout`).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Where `--verbose` lines go; `None`: nowhere.
    pub fn verbose(mut self, sink: Option<VerboseSink>) -> Self {
        self.verbose = sink;
        self
    }

    /// The environment variables and home directory to read (default: the process's own).
    pub fn environment(mut self, environment: impl Environment + 'static) -> Self {
        self.environment = Arc::new(environment);
        self
    }

    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    pub fn nonce(mut self, nonce: impl NonceSource + 'static) -> Self {
        self.nonce = Arc::new(nonce);
        self
    }

    /// Use these credentials and skip the credential chain.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Also trusts the certificates of this PEM bundle for HTTPS (next to the system's roots): a private
    /// gateway, a TLS-intercepting proxy, the sandbox's HTTPS endpoint.
    pub fn add_root_certificates_pem(mut self, pem: impl Into<String>) -> Self {
        self.extra_roots_pem.push(pem.into());
        self
    }

    /// Resolves the region and the endpoint and builds the HTTP clients. Credentials are looked up on the
    /// first request (so `build` never talks to the network). A bad region or endpoint is an error here;
    /// no region at all is not: what needs no ACK endpoint (the credentials, STS, a token signed locally)
    /// works without one, and the first ACK request fails with [`Error::NoRegion`].
    pub fn build(self) -> Result<Client, Error> {
        install_crypto_provider();
        let environment = self.environment;
        let (profile_region, vpc) = region_settings(environment.as_ref(), self.profile.as_deref());
        let region = resolve_region(
            self.region.as_deref(),
            env::get_trimmed(environment.as_ref(), env::REGION_ID).as_deref(),
            profile_region.as_deref(),
        );
        let base = match resolve_endpoint(self.endpoint.as_deref(), region.as_deref(), vpc) {
            Ok(base) => Some(base),
            Err(Error::NoRegion) => None,
            Err(error) => return Err(error),
        };
        let mut roots = Vec::new();
        for pem in &self.extra_roots_pem {
            roots.extend(reqwest::Certificate::from_pem_bundle(pem.as_bytes()).map_err(Error::HttpSetup)?);
        }
        let mut http = reqwest::Client::builder()
            .redirect(transport::no_redirects())
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .tls_certs_merge(roots);
        // A proxy from HTTPS_PROXY cannot reach this machine's loopback: talk to a local endpoint directly.
        if base.as_ref().and_then(Url::host_str).is_some_and(is_loopback_host) {
            http = http.no_proxy();
        }
        let http = http.build().map_err(Error::HttpSetup)?;
        let metadata_http = reqwest::Client::builder()
            .redirect(transport::no_redirects())
            .connect_timeout(METADATA_TIMEOUT)
            .read_timeout(METADATA_TIMEOUT)
            .timeout(METADATA_TIMEOUT * 3)
            .no_proxy()
            .build()
            .map_err(Error::HttpSetup)?;
        let chain = CredentialChain::new(environment.clone(), self.profile, self.credentials);
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                metadata_http,
                base,
                region,
                chain,
                environment,
                clock: self.clock,
                nonce: self.nonce,
                retry: self.retry,
                verbose: self.verbose,
            }),
        })
    }
}

/// A client of the ACK (CS 2015-12-15) OpenAPI. Cheap to clone; clones share credentials and connections.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    metadata_http: reqwest::Client,
    /// The CS base URL; `None` when no region was given (and no endpoint): ACK requests fail with
    /// [`Error::NoRegion`] before any credential is looked up.
    base: Option<Url>,
    region: Option<String>,
    chain: CredentialChain,
    /// For where STS is (GetCallerIdentity).
    environment: Arc<dyn Environment>,
    clock: Arc<dyn Clock>,
    nonce: Arc<dyn NonceSource>,
    retry: RetryPolicy,
    verbose: Option<VerboseSink>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.inner.base.as_ref().map(Url::as_str))
            .field("region", &self.inner.region)
            .field("credentials", &self.inner.chain)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The CS base URL requests go to; `None` when no region was given, so no ACK request can be made.
    pub fn endpoint(&self) -> Option<&Url> {
        self.inner.base.as_ref()
    }

    /// The resolved region, if any (there may be none when an explicit endpoint was given).
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// Resolves credentials now and says which source gave them, e.g. `aliyun CLI profile 'default' (AK)`.
    pub async fn credential_source(&self) -> Result<String, Error> {
        Ok(self.resolve_credentials().await?.source)
    }

    /// The credentials the chain gives now, and the name of their source: for what signs locally with
    /// them (the ack-ram-authenticator token). Secrets stay in [`Credentials`]' redacted fields.
    pub async fn current_credentials(&self) -> Result<(Credentials, String), Error> {
        let resolved = self.resolve_credentials().await?;
        Ok((resolved.credentials, resolved.source))
    }

    /// STS GetCallerIdentity: whose credentials the chain gives (account, ARN, UID). Sent to
    /// `ALIBABA_CLOUD_STS_ENDPOINT` when set, else to `sts.aliyuncs.com` (`sts-vpc.…` when
    /// `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED`). Not retried: it is cheap to ask again.
    pub async fn caller_identity(&self) -> Result<CallerIdentity, Error> {
        let resolved = self.resolve_credentials().await?;
        let sts = credentials::sts_url(self.inner.environment.as_ref(), None, None, false)?;
        credentials::get_caller_identity(&self.fetch_context(), &resolved.credentials, &sts).await
    }

    /// `DescribeClusterUserKubeconfig`: `GET /k8s/{ClusterId}/user_config`.
    pub async fn describe_cluster_user_kubeconfig(
        &self,
        cluster_id: &str,
        request: &KubeconfigRequest,
    ) -> Result<UserKubeconfig, Error> {
        let mut operation =
            Operation::get("DescribeClusterUserKubeconfig", cluster_path("/k8s/", cluster_id, "/user_config"))
                .query("PrivateIpAddress", request.private_ip_address);
        if let Some(minutes) = request.temporary_duration_minutes {
            operation = operation.query("TemporaryDurationMinutes", minutes);
        }
        let body: UserKubeconfigBody = self.call(&operation).await?;
        Ok(body.into())
    }

    /// `DescribeClustersV1`: `GET /api/v1/clusters`, every page.
    pub async fn list_clusters(&self, filter: &ClusterFilter) -> Result<Vec<ClusterSummary>, Error> {
        self.all_cluster_pages(filter, |page, size| {
            let mut operation = Operation::get("DescribeClustersV1", "/api/v1/clusters".to_string())
                .query("page_number", page)
                .query("page_size", size);
            if let Some(region) = &filter.region {
                operation = operation.query("region_id", region);
            }
            operation
        })
        .await
    }

    /// `DescribeClustersForRegion`: `GET /regions/{region_id}/clusters`, every page.
    pub async fn list_clusters_in_region(
        &self,
        region: &str,
        filter: &ClusterFilter,
    ) -> Result<Vec<ClusterSummary>, Error> {
        let path = format!("/regions/{}/clusters", acs_sign::percent_encode(region));
        self.all_cluster_pages(filter, |page, size| {
            Operation::get("DescribeClustersForRegion", path.clone())
                .query("page_number", page)
                .query("page_size", size)
        })
        .await
    }

    /// `DescribeClusterDetail`: `GET /clusters/{ClusterId}`.
    pub async fn describe_cluster_detail(&self, cluster_id: &str) -> Result<ClusterDetail, Error> {
        self.call(&Operation::get("DescribeClusterDetail", cluster_path("/clusters/", cluster_id, ""))).await
    }

    /// The API's clock: the `Date` header of the answer to one signed `DescribeClusterDetail`. An error
    /// answer is dated too, and is returned in [`ServerTime::refused`] rather than as an error: a request
    /// refused for its date (`InvalidTimeStamp.Expired`) is exactly when the server's time matters.
    /// Sent once, never retried: any answer at all carries the date.
    pub async fn server_time(&self, cluster_id: &str) -> Result<ServerTime, Error> {
        let operation = Operation::get("DescribeClusterDetail", cluster_path("/clusters/", cluster_id, ""));
        let (sent, outcome) = self.attempt(&operation).await?;
        let verbose = self.inner.verbose.as_ref();
        let answer = match outcome {
            Ok(answer) => answer,
            Err(failure) => return Err(sent.failed(verbose, operation.action, failure, None)),
        };
        log(verbose, || sent.line(&answer.status.as_u16().to_string(), None));
        let date = answer.headers.get(reqwest::header::DATE).and_then(|value| value.to_str().ok());
        let Some(date) = date.and_then(parse_http_date) else {
            let status = answer.status.as_u16();
            return Err(unexpected(operation.action, &sent.url, status, "no valid Date header", None));
        };
        if answer.status.is_success() {
            return Ok(ServerTime { date, refused: None });
        }
        match answer.error(operation.action, &sent.url) {
            Error::Api(api) => Ok(ServerTime { date, refused: Some(api) }),
            // Not the API's error body (a proxy's page?): the date is not the API's either.
            other => Err(other),
        }
    }

    /// `RevokeK8sClusterKubeConfig`: `DELETE /k8s/{ClusterId}/certs`. Never retried.
    ///
    /// Someone revoking leaked credentials must never be told it worked when it did not, so only what ACK
    /// answers counts as success: a JSON object (`{}`, or with a request ID) without an error code.
    /// Anything else (an HTML page, an empty 204, plain text) is an error that says what came back.
    pub async fn revoke_cluster_kubeconfig(&self, cluster_id: &str) -> Result<(), Error> {
        let operation = Operation::delete("RevokeK8sClusterKubeConfig", cluster_path("/k8s/", cluster_id, "/certs"));
        let (url, answer) = self.execute(&operation).await?;
        accept_revoke_answer(operation.action, &url, &answer)
    }

    /// `ListClusterKubeconfigStates`: `GET /clusters/{ClusterId}/kubeconfig/states`, every page.
    pub async fn list_cluster_kubeconfig_states(&self, cluster_id: &str) -> Result<Vec<KubeconfigState>, Error> {
        let path = cluster_path("/clusters/", cluster_id, "/kubeconfig/states");
        self.all_state_pages("ListClusterKubeconfigStates", path, ("pageNumber", "pageSize"), 50).await
    }

    /// `ListUserKubeConfigStates`: `GET /users/{Uid}/kubeconfig/states`, every page (snake_case paging,
    /// pages of up to 100, unlike the cluster's own listing).
    pub async fn list_user_kubeconfig_states(&self, uid: &str) -> Result<Vec<UserKubeconfigState>, Error> {
        let path = cluster_path("/users/", uid, "/kubeconfig/states");
        self.all_state_pages("ListUserKubeConfigStates", path, ("page_number", "page_size"), 100).await
    }

    /// Every page of a kubeconfig-state listing, with its paging parameters' names and page size.
    async fn all_state_pages<T: serde::de::DeserializeOwned>(
        &self,
        action: &'static str,
        path: String,
        (number_key, size_key): (&'static str, &'static str),
        page_size: u32,
    ) -> Result<Vec<T>, Error> {
        let mut states = Vec::new();
        for page in 1..=MAX_PAGES {
            let operation = Operation::get(action, path.clone()).query(number_key, page).query(size_key, page_size);
            let body: StatePage<T> = self.call(&operation).await?;
            let total = body.page.and_then(|info| info.total_count);
            let count = body.states.len();
            states.extend(body.states);
            if is_last_page(count, states.len(), total, page_size) {
                break;
            }
        }
        Ok(states)
    }

    /// `DescribeUserPermission`: `GET /permissions/users/{uid}`, the RBAC grants ACK manages for a user.
    pub async fn describe_user_permission(&self, uid: &str) -> Result<Vec<UserPermission>, Error> {
        self.call(&Operation::get("DescribeUserPermission", cluster_path("/permissions/users/", uid, ""))).await
    }

    /// `DescribeUserClusterActivityState`: `GET /clusters/{ClusterId}/users/{uid}/activity-state`.
    pub async fn describe_user_cluster_activity_state(
        &self,
        cluster_id: &str,
        uid: &str,
    ) -> Result<ActivityState, Error> {
        let path = format!(
            "/clusters/{}/users/{}/activity-state",
            acs_sign::percent_encode(cluster_id),
            acs_sign::percent_encode(uid)
        );
        self.call(&Operation::get("DescribeUserClusterActivityState", path)).await
    }

    /// `CleanUserPermissions`: `DELETE /users/{Uid}/permissions`, the user's kubeconfigs and ACK's RBAC
    /// grants on `cluster_ids` (all of the account's clusters when empty). Without `force`, ACK first
    /// checks the clusters' audit logs for the user's activity in the last 7 days. Never retried; only a
    /// JSON object without an error code counts as done.
    pub async fn clean_user_permissions(
        &self,
        uid: &str,
        cluster_ids: &[String],
        force: bool,
    ) -> Result<CleanTask, Error> {
        let mut operation = Operation::delete("CleanUserPermissions", cluster_path("/users/", uid, "/permissions"));
        if !cluster_ids.is_empty() {
            operation = operation.query("ClusterIds", cluster_ids.join(","));
        }
        let operation = operation.query("Force", force);
        let (url, answer) = self.execute(&operation).await?;
        let object = accepted_object(operation.action, &url, &answer, "so the clean is not confirmed", false)?;
        Ok(serde_json::from_value(object).unwrap_or_default())
    }

    /// `CleanClusterUserPermissions`: `DELETE /cluster/{ClusterId}/user/{Uid}/permissions` (singular
    /// `/cluster/`), one cluster. ACK answers with the status only; an empty body or a JSON object counts.
    pub async fn clean_cluster_user_permissions(&self, cluster_id: &str, uid: &str, force: bool) -> Result<(), Error> {
        let path = format!(
            "/cluster/{}/user/{}/permissions",
            acs_sign::percent_encode(cluster_id),
            acs_sign::percent_encode(uid)
        );
        let operation = Operation::delete("CleanClusterUserPermissions", path).query("Force", force);
        let (url, answer) = self.execute(&operation).await?;
        accepted_object(operation.action, &url, &answer, "so the clean is not confirmed", true).map(|_| ())
    }

    /// `DescribeSubaccountK8sClusterUserConfig`: `GET /k8s/{ClusterId}/users/{Uid}/user_config`, a
    /// kubeconfig of the cluster issued for one of the account's RAM users or roles (the account alone
    /// may call it).
    pub async fn describe_subaccount_kubeconfig(
        &self,
        cluster_id: &str,
        uid: &str,
        request: &KubeconfigRequest,
    ) -> Result<UserKubeconfig, Error> {
        let path = format!(
            "/k8s/{}/users/{}/user_config",
            acs_sign::percent_encode(cluster_id),
            acs_sign::percent_encode(uid)
        );
        let mut operation = Operation::get("DescribeSubaccountK8sClusterUserConfig", path)
            .query("PrivateIpAddress", request.private_ip_address);
        if let Some(minutes) = request.temporary_duration_minutes {
            operation = operation.query("TemporaryDurationMinutes", minutes);
        }
        let body: UserKubeconfigBody = self.call(&operation).await?;
        Ok(body.into())
    }

    async fn all_cluster_pages(
        &self,
        filter: &ClusterFilter,
        operation: impl Fn(u32, u32) -> Operation,
    ) -> Result<Vec<ClusterSummary>, Error> {
        let size = filter.page_size.unwrap_or(ClusterFilter::DEFAULT_PAGE_SIZE).max(1);
        let mut clusters = Vec::new();
        for page in 1..=MAX_PAGES {
            let mut op = operation(page, size);
            if let Some(name) = &filter.name {
                op = op.query("name", name);
            }
            let body: ClusterPage = self.call(&op).await?;
            let total = body.page_info.and_then(|info| info.total_count);
            let count = body.clusters.len();
            clusters.extend(body.clusters);
            if is_last_page(count, clusters.len(), total, size) {
                break;
            }
        }
        Ok(clusters)
    }

    async fn resolve_credentials(&self) -> Result<Resolved, Error> {
        self.inner.chain.resolve(&self.fetch_context()).await
    }

    /// What the credential providers and STS calls send with.
    fn fetch_context(&self) -> FetchContext<'_> {
        let inner = &self.inner;
        FetchContext {
            http: &inner.http,
            metadata_http: &inner.metadata_http,
            clock: inner.clock.as_ref(),
            nonce: inner.nonce.as_ref(),
            verbose: inner.verbose.as_ref(),
        }
    }

    /// Executes and decodes a success body (an ACK error in a success answer is an error all the same).
    async fn call<T: serde::de::DeserializeOwned>(&self, operation: &Operation) -> Result<T, Error> {
        let (url, answer) = self.execute(operation).await?;
        let status = answer.status.as_u16();
        if let Some(error) = error_in_success_answer(Service::Ack, operation.action, status, &answer.body) {
            return Err(error);
        }
        decode_answer(operation.action, &url, status, answer.content_type(), &answer.body)
    }

    /// Sends `operation`, signed anew (fresh date and nonce) on each attempt, retrying what may be retried.
    /// Returns the URL sent to and the success answer.
    async fn execute(&self, operation: &Operation) -> Result<(String, Answer), Error> {
        let inner = &self.inner;
        let mut retry = 0;
        loop {
            let (sent, outcome) = self.attempt(operation).await?;
            let (error, wait) = match outcome {
                Ok(answer) if answer.status.is_success() => {
                    log(inner.verbose.as_ref(), || sent.line(&answer.status.as_u16().to_string(), None));
                    return Ok((sent.url, answer));
                }
                Ok(answer) => {
                    let error = answer.error(operation.action, &sent.url);
                    let wait = self.answer_retry_wait(operation, retry, answer.status, &answer.headers, &error);
                    log(inner.verbose.as_ref(), || sent.line(&answer.status.as_u16().to_string(), wait));
                    (error, wait)
                }
                Err(failure) => {
                    let wait = match &failure {
                        Failure::Transport(error) => (operation.is_idempotent()
                            && retry < inner.retry.max_retries
                            && is_retryable_transport(error))
                        .then(|| inner.retry.backoff(retry)),
                        Failure::Refused(_) => None,
                    };
                    (sent.failed(inner.verbose.as_ref(), operation.action, failure, wait), wait)
                }
            };
            match wait {
                Some(wait) => tokio::time::sleep(wait).await,
                None => return Err(error),
            }
            retry += 1;
        }
    }

    /// Signs `operation` with the current credentials, clock and a fresh nonce, and sends it once.
    async fn attempt(&self, operation: &Operation) -> Result<(Sent, Result<Answer, Failure>), Error> {
        let inner = &self.inner;
        // Before the credentials: without an endpoint there is nothing to sign for.
        let base = inner.base.as_ref().ok_or(Error::NoRegion)?;
        let credentials = self.resolve_credentials().await?.credentials;
        let signed = sign(operation, base, &credentials, inner.clock.now(), &inner.nonce.nonce());
        let mut request = inner.http.request(signed.method.clone(), &signed.url);
        for (name, value) in &signed.headers {
            request = request.header(name, value);
        }
        let started = Instant::now();
        let outcome = transport::send(request, operation.action, &signed.url, transport::API_BODY_LIMIT).await;
        Ok((Sent { method: signed.method, url: signed.url, elapsed: started.elapsed() }, outcome))
    }

    /// How long to wait before retrying an error answer, or `None` not to retry: only reads, only a bounded
    /// number of times, only 5xx and throttling.
    fn answer_retry_wait(
        &self,
        operation: &Operation,
        retry: u32,
        status: StatusCode,
        headers: &HeaderMap,
        error: &Error,
    ) -> Option<Duration> {
        let policy = &self.inner.retry;
        if !operation.is_idempotent() || retry >= policy.max_retries {
            return None;
        }
        let throttled = error.api_error().is_some_and(|api| api.is_throttling());
        if throttled {
            Some(policy.throttle_wait(retry, headers))
        } else if status.is_server_error() {
            Some(policy.backoff(retry))
        } else {
            None
        }
    }
}

/// A signed request that was sent: what `--verbose` shows of it.
struct Sent {
    method: reqwest::Method,
    url: String,
    elapsed: Duration,
}

impl Sent {
    /// The `--verbose` line: method, URL, result, time, and the retry to come.
    fn line(&self, result: &str, wait: Option<Duration>) -> String {
        let again = wait.map(|wait| format!(", retrying in {} ms", wait.as_millis())).unwrap_or_default();
        format!("{} {} -> {result} ({} ms){again}", self.method, self.url, self.elapsed.as_millis())
    }

    /// Logs a failed attempt and turns it into the error to report.
    fn failed(&self, verbose: Option<&VerboseSink>, action: &str, failure: Failure, wait: Option<Duration>) -> Error {
        match failure {
            Failure::Transport(error) => {
                log(verbose, || self.line("failed", wait));
                transport_error(action, &self.url, error)
            }
            Failure::Refused(error) => {
                let result = match &error {
                    Error::Redirect { status, .. } => format!("{status}, redirect not followed"),
                    _ => "refused".to_string(),
                };
                log(verbose, || self.line(&result, wait));
                error
            }
        }
    }
}

impl Answer {
    fn error(&self, action: &str, url: &str) -> Error {
        error_from_answer(Service::Ack, action, url, self.status.as_u16(), self.content_type(), &self.body)
    }
}

/// The revocation answer is ACK's, or the revocation is not confirmed.
fn accept_revoke_answer(action: &str, url: &str, answer: &Answer) -> Result<(), Error> {
    accepted_object(action, url, answer, "so the revocation is not confirmed", false).map(|_| ())
}

/// The answer of a call that changes something, accepted only as ACK answers: a JSON object without an
/// error code (or, where ACK answers with the status alone, an empty body). Anything else is an error
/// that says what came back and that the change is `not_confirmed`.
fn accepted_object(
    action: &str,
    url: &str,
    answer: &Answer,
    not_confirmed: &str,
    empty_is_fine: bool,
) -> Result<serde_json::Value, Error> {
    let status = answer.status.as_u16();
    if empty_is_fine && answer.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Value::Object(serde_json::Map::new()));
    }
    let refuse = |what: &str, source| unexpected(action, url, status, &format!("{what}, {not_confirmed}"), source);
    match serde_json::from_slice::<serde_json::Value>(&answer.body) {
        Err(_) if !looks_like_json(&answer.body) => {
            Err(refuse(&describe_body(answer.content_type(), &answer.body), None))
        }
        Err(error) => Err(refuse("the body is not valid JSON", Some(JsonError::from(error)))),
        Ok(object @ serde_json::Value::Object(_)) => {
            match error_in_success_answer(Service::Ack, action, status, &answer.body) {
                Some(error) => Err(error),
                None => Ok(object),
            }
        }
        Ok(_) => Err(refuse("the body is not a JSON object", None)),
    }
}

/// Connection refused or reset, or a body cut off: worth another try. A timeout is not (it would multiply
/// the user's `--timeout`).
fn is_retryable_transport(error: &reqwest::Error) -> bool {
    !error.is_timeout() && (error.is_connect() || error.is_request() || error.is_body())
}

/// `prefix + percent-encoded ID + suffix`.
fn cluster_path(prefix: &str, cluster_id: &str, suffix: &str) -> String {
    format!("{prefix}{}{suffix}", acs_sign::percent_encode(cluster_id))
}

/// Paging stops at an empty page, once `total` items are in, or, when the server gives no total, at a
/// short page. (A short page with a total still below is not the end: servers may cap the page size.)
fn is_last_page(page_count: usize, collected: usize, total: Option<u64>, page_size: u32) -> bool {
    if page_count == 0 {
        return true;
    }
    match total {
        Some(total) if total > 0 => collected as u64 >= total,
        _ => page_count < page_size as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::MapEnvironment;

    #[test]
    fn client_and_its_futures_can_cross_threads() {
        fn assert_send_sync<T: Send + Sync + Clone>(_: &T) {}
        fn assert_send<T: Send>(_: T) {}
        let client = Client::builder()
            .environment(MapEnvironment::new().home("/nonexistent-home"))
            .region(Some("cn-hangzhou".into()))
            .build()
            .unwrap();
        assert_send_sync(&client);
        let filter = ClusterFilter::default();
        assert_send(client.list_clusters(&filter));
        assert_send(client.describe_cluster_user_kubeconfig("c1", &KubeconfigRequest::default()));
        assert_send(client.revoke_cluster_kubeconfig("c1"));
    }

    #[test]
    fn paging_rules() {
        assert!(is_last_page(0, 100, Some(250), 50));
        assert!(!is_last_page(50, 100, Some(250), 50));
        assert!(!is_last_page(20, 40, Some(250), 50));
        assert!(is_last_page(50, 250, Some(250), 50));
        assert!(is_last_page(10, 110, None, 50));
        assert!(!is_last_page(50, 100, None, 50));
    }

    #[test]
    fn builder_resolves_region_and_endpoint_from_injected_env() {
        let env = MapEnvironment::new().var("ALIBABA_CLOUD_REGION_ID", "cn-shenzhen").home("/nonexistent-home");
        let client = Client::builder().environment(env.clone()).build().unwrap();
        assert_eq!(client.endpoint().unwrap().as_str(), "https://cs.cn-shenzhen.aliyuncs.com/");
        assert_eq!(client.region(), Some("cn-shenzhen"));

        let client = Client::builder().environment(env.clone()).region(Some("cn-beijing".into())).build().unwrap();
        assert_eq!(client.endpoint().unwrap().as_str(), "https://cs.cn-beijing.aliyuncs.com/");

        let client =
            Client::builder().environment(env.clone()).endpoint(Some("http://127.0.0.1:9999".into())).build().unwrap();
        assert_eq!(client.endpoint().unwrap().as_str(), "http://127.0.0.1:9999/");

        let insecure = Client::builder().environment(env.clone()).region(Some("cn hangzhou".into())).build();
        assert!(matches!(insecure, Err(Error::InvalidEndpoint { what: "region", .. })));
        let insecure = Client::builder().environment(env).endpoint(Some("http://example.com".into())).build();
        assert!(matches!(insecure, Err(Error::InsecureEndpoint { .. })));
    }

    /// No region: the client is built (the credentials and a locally signed token need none), and an ACK
    /// request fails with `NoRegion` before any credential source is asked.
    #[tokio::test]
    async fn without_a_region_only_ack_requests_fail() {
        let env = MapEnvironment::new()
            .var("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-no-region")
            .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret-no-region")
            .home("/nonexistent-home");
        let client = Client::builder().environment(env).build().unwrap();
        assert!(client.endpoint().is_none());
        assert_eq!(client.region(), None);
        let (credentials, _source) = client.current_credentials().await.unwrap();
        assert_eq!(credentials.access_key_id, "LTAI-no-region");
        let listed = client.list_clusters(&ClusterFilter::default()).await;
        assert!(matches!(listed, Err(Error::NoRegion)), "{listed:?}");

        // With no credentials at all the answer is still the missing region, not the chain's failure.
        let bare = Client::builder().environment(MapEnvironment::new().home("/nonexistent-home")).build().unwrap();
        let detail = bare.describe_cluster_detail("c1").await;
        assert!(matches!(detail, Err(Error::NoRegion)), "{detail:?}");
    }

    #[test]
    fn vpc_endpoint_from_the_cli_profile() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".aliyun")).unwrap();
        std::fs::write(
            dir.path().join(".aliyun/config.json"),
            r#"{"current":"p","profiles":[{"name":"p","mode":"AK","access_key_id":"a","access_key_secret":"b",
                "region_id":"cn-hongkong","endpoint_type":"vpc"}]}"#,
        )
        .unwrap();
        let client = Client::builder().environment(MapEnvironment::new().home(dir.path())).build().unwrap();
        assert_eq!(client.endpoint().unwrap().as_str(), "https://cs-vpc.cn-hongkong.aliyuncs.com/");
    }

    #[test]
    fn client_debug_shows_no_secret() {
        let client = Client::builder()
            .environment(MapEnvironment::new().home("/nonexistent-home"))
            .region(Some("cn-hangzhou".into()))
            .credentials(Credentials {
                security_token: Some("token-xyz".into()),
                ..Credentials::access_key("LTAIdebug", "secret-xyz")
            })
            .build()
            .unwrap();
        let debug = format!("{client:?} {client:#?}");
        assert!(debug.contains("cs.cn-hangzhou.aliyuncs.com"));
        assert!(!debug.contains("secret-xyz") && !debug.contains("token-xyz"), "{debug}");
    }
}
