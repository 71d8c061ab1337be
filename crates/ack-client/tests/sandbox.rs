//! The client against the sandbox (a fake Alibaba Cloud on loopback): every credential source end to end,
//! the official order, errors with hints, retries and paging.
//!
//! Every test injects its environment (`MapEnvironment`) with an empty home directory, so nothing reads
//! the real environment or `~/.aliyun`; every endpoint is the sandbox's, and the ECS metadata source is
//! disabled unless the test points it at the sandbox.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ack_client::{Client, ClusterFilter, Error, KubeconfigRequest, MapEnvironment, RetryPolicy, VerboseSink};
use ack_sandbox::{
    Account, Cluster, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_BATCH_CLUSTER_ID, DEMO_ECS_ROLE_NAME,
    DEMO_OIDC_PROVIDER_ARN, DEMO_OIDC_TOKEN, DEMO_REGION, DEMO_ROLE_ARN, DEMO_UID, DEMO_WEB_CLUSTER_ID, Fault, Sandbox,
    SandboxConfig, Service,
};

/// Fast retries so that tests of retrying take milliseconds.
fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        max_throttle_wait: Duration::from_millis(20),
    }
}

/// A test's world: the sandbox, an empty home directory, and captured verbose lines.
struct World {
    sandbox: Sandbox,
    home: tempfile::TempDir,
    lines: Arc<Mutex<Vec<String>>>,
}

impl World {
    fn new() -> World {
        World::with(SandboxConfig::default())
    }

    fn with(config: SandboxConfig) -> World {
        World { sandbox: Sandbox::start_with(config), home: tempfile::tempdir().unwrap(), lines: Arc::default() }
    }

    /// No credentials at all, ECS metadata disabled, STS pointed at the sandbox.
    fn base_env(&self) -> MapEnvironment {
        MapEnvironment::new()
            .home(self.home.path())
            .var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
            .var("ALIBABA_CLOUD_STS_ENDPOINT", self.sandbox.sts_endpoint())
    }

    fn demo_env(&self) -> MapEnvironment {
        self.base_env()
            .var("ALIBABA_CLOUD_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID)
            .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", DEMO_ACCESS_KEY_SECRET)
    }

    fn client(&self, env: MapEnvironment) -> Client {
        self.client_with_profile(env, None)
    }

    fn client_with_profile(&self, env: MapEnvironment, profile: Option<&str>) -> Client {
        let lines = self.lines.clone();
        Client::builder()
            .environment(env)
            .profile(profile.map(str::to_string))
            .region(Some(DEMO_REGION.to_string()))
            .endpoint(Some(self.sandbox.endpoint()))
            .timeout(Duration::from_secs(10))
            .retry(fast_retries())
            .verbose(Some(VerboseSink::new(move |line| lines.lock().unwrap().push(line.to_string()))))
            .build()
            .unwrap()
    }

    fn write(&self, relative: &str, contents: &str) -> String {
        let path = self.home.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path.display().to_string()
    }

    fn write_cli_config(&self, json: &str) {
        self.write(".aliyun/config.json", json);
    }

    fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// The AccessKey IDs the CS API saw, in order.
    fn cs_key_ids(&self) -> Vec<String> {
        self.sandbox
            .requests()
            .into_iter()
            .filter(|request| request.service == Service::Cs)
            .filter_map(|request| request.access_key_id)
            .collect()
    }

    /// Nothing secret was ever logged: no AccessKey secret, no OIDC token, no signature.
    fn assert_lines_are_clean(&self) {
        for line in self.lines() {
            for secret in [DEMO_ACCESS_KEY_SECRET, DEMO_OIDC_TOKEN, "Signature", "signature", "SecurityToken"] {
                assert!(!line.contains(secret), "verbose line leaks {secret:?}: {line}");
            }
        }
    }
}

/// Lists the demo clusters and checks the answer and that nothing leaked; returns the credential source.
async fn lists_demo_clusters(world: &World, client: &Client) -> String {
    let clusters = client.list_clusters(&ClusterFilter::default()).await.unwrap();
    let mut ids: Vec<_> = clusters.iter().map(|cluster| cluster.cluster_id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, [DEMO_WEB_CLUSTER_ID, DEMO_BATCH_CLUSTER_ID]);
    world.assert_lines_are_clean();
    client.credential_source().await.unwrap()
}

fn cli_profile(name: &str, fields: &str) -> String {
    format!(r#"{{"name":"{name}",{fields}}}"#)
}

fn cli_config(current: &str, profiles: &[String]) -> String {
    format!(r#"{{"current":"{current}","profiles":[{}]}}"#, profiles.join(","))
}

fn demo_ak_fields() -> String {
    format!(r#""access_key_id":"{DEMO_ACCESS_KEY_ID}","access_key_secret":"{DEMO_ACCESS_KEY_SECRET}""#)
}

// ---- each credential source, end to end ----

#[tokio::test]
async fn environment_access_key() {
    let world = World::new();
    let client = world.client(world.demo_env());
    assert_eq!(lists_demo_clusters(&world, &client).await, "environment");
    assert!(world.cs_key_ids().iter().all(|id| id == DEMO_ACCESS_KEY_ID));
    assert!(world.lines().iter().any(|line| line == "credentials: environment"));
    assert!(world.lines().iter().any(|line| line.starts_with(&format!(
        "GET {}/api/v1/clusters?page_number=1&page_size=50 -> 200 (",
        world.sandbox.endpoint()
    ))));
}

#[tokio::test]
async fn environment_sts_token() {
    let world = World::new();
    world.sandbox.add_account(Account::new("STS.envkey", "env-sts-secret", DEMO_UID).with_security_token("env-token"));
    let env = world
        .base_env()
        .var("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.envkey")
        .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-sts-secret")
        .var("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token");
    let client = world.client(env);
    assert_eq!(lists_demo_clusters(&world, &client).await, "environment");
    assert!(world.lines().iter().all(|line| !line.contains("env-token") && !line.contains("env-sts-secret")));
}

#[tokio::test]
async fn cli_profile_ak_and_no_mode_guessed() {
    let world = World::new();
    world.write_cli_config(&cli_config(
        "main",
        &[
            cli_profile("main", &format!(r#""mode":"AK",{},"region_id":"cn-hangzhou""#, demo_ak_fields())),
            cli_profile("no-mode", &demo_ak_fields()),
        ],
    ));
    let client = world.client(world.base_env());
    assert_eq!(lists_demo_clusters(&world, &client).await, "aliyun CLI profile 'main' (AK)");
    // The official chains reject a profile without mode (the aliyun CLI guesses one; they do not).
    let client = world.client(world.base_env().var("ALIBABA_CLOUD_PROFILE", "no-mode"));
    let error = client.credential_source().await.unwrap_err();
    assert_eq!(error.to_string(), "could not get credentials from aliyun CLI profile 'no-mode' (no mode)");
    assert!(world.sandbox.requests().iter().all(|request| request.service == Service::Cs));
}

#[tokio::test]
async fn cli_profile_sts_token() {
    let world = World::new();
    world.sandbox.add_account(Account::new("STS.clikey", "cli-sts-secret", DEMO_UID).with_security_token("cli-token"));
    world.write_cli_config(&cli_config(
        "sts",
        &[cli_profile(
            "sts",
            r#""mode":"StsToken","access_key_id":"STS.clikey","access_key_secret":"cli-sts-secret","sts_token":"cli-token""#,
        )],
    ));
    let client = world.client(world.base_env());
    assert_eq!(lists_demo_clusters(&world, &client).await, "aliyun CLI profile 'sts' (StsToken)");
}

#[tokio::test]
async fn cli_profile_ram_role_arn_uses_sts_assume_role_and_caches() {
    let world = World::new();
    // The profile's own sts_endpoint, not the environment's, must be honoured.
    let env = MapEnvironment::new().home(world.home.path()).var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
    world.write_cli_config(&cli_config(
        "role",
        &[cli_profile(
            "role",
            &format!(
                r#""mode":"RamRoleArn",{},"ram_role_arn":"{DEMO_ROLE_ARN}","ram_session_name":"test","sts_endpoint":"{}""#,
                demo_ak_fields(),
                world.sandbox.sts_endpoint()
            ),
        )],
    ));
    let client = world.client(env);
    assert_eq!(lists_demo_clusters(&world, &client).await, "aliyun CLI profile 'role' (RamRoleArn)");
    client.describe_cluster_detail(DEMO_WEB_CLUSTER_ID).await.unwrap();
    assert_eq!(world.sandbox.request_count("AssumeRole"), 1, "STS credentials are cached");
    assert!(world.cs_key_ids().iter().all(|id| id != DEMO_ACCESS_KEY_ID), "CS saw the role's temporary key");
}

#[tokio::test]
async fn cli_profile_chainable_ram_role_arn() {
    let world = World::new();
    world.write_cli_config(&cli_config(
        "chained",
        &[
            cli_profile("base", &format!(r#""mode":"AK",{}"#, demo_ak_fields())),
            cli_profile(
                "chained",
                &format!(r#""mode":"ChainableRamRoleArn","source_profile":"base","ram_role_arn":"{DEMO_ROLE_ARN}""#),
            ),
        ],
    ));
    let client = world.client(world.base_env());
    assert_eq!(lists_demo_clusters(&world, &client).await, "aliyun CLI profile 'chained' (ChainableRamRoleArn)");
    assert_eq!(world.sandbox.request_count("AssumeRole"), 1);
}

#[tokio::test]
async fn cli_profile_ecs_ram_role() {
    let world = World::new();
    world.write_cli_config(&cli_config(
        "ecs",
        &[cli_profile("ecs", &format!(r#""mode":"EcsRamRole","ram_role_name":"{DEMO_ECS_ROLE_NAME}""#))],
    ));
    // The metadata service is enabled (base_env disables it) and on the sandbox.
    let env = MapEnvironment::new()
        .home(world.home.path())
        .var("ALIBABA_CLOUD_STS_ENDPOINT", world.sandbox.sts_endpoint())
        .var("ALIBABA_CLOUD_IMDS_ENDPOINT", world.sandbox.metadata_endpoint());
    let client = world.client(env);
    assert_eq!(lists_demo_clusters(&world, &client).await, "aliyun CLI profile 'ecs' (EcsRamRole)");

    // Disabled, the profile is refused before any call, as the official chains do.
    world.sandbox.clear_requests();
    let disabled = world.base_env().var("ALIBABA_CLOUD_IMDS_ENDPOINT", world.sandbox.metadata_endpoint());
    assert!(world.client(disabled).credential_source().await.is_err());
    assert!(world.sandbox.requests().iter().all(|request| request.service != Service::Metadata));
}

#[tokio::test]
async fn cli_profile_oidc() {
    let world = World::new();
    let token_file = world.write("rrsa/token", DEMO_OIDC_TOKEN);
    world.write_cli_config(&cli_config(
        "oidc",
        &[cli_profile(
            "oidc",
            &format!(
                r#""mode":"OIDC","ram_role_arn":"{DEMO_ROLE_ARN}","oidc_provider_arn":"{DEMO_OIDC_PROVIDER_ARN}","oidc_token_file":"{token_file}""#
            ),
        )],
    ));
    let client = world.client(world.base_env());
    assert_eq!(lists_demo_clusters(&world, &client).await, "aliyun CLI profile 'oidc' (OIDC)");
    assert_eq!(world.sandbox.request_count("AssumeRoleWithOIDC"), 1);
}

#[tokio::test]
async fn cli_profile_credentials_uri() {
    let world = World::new();
    world.write_cli_config(&cli_config(
        "uri",
        &[cli_profile(
            "uri",
            &format!(r#""mode":"CredentialsURI","credentials_uri":"{}""#, world.sandbox.credentials_uri()),
        )],
    ));
    let client = world.client(world.base_env());
    assert_eq!(lists_demo_clusters(&world, &client).await, "aliyun CLI profile 'uri' (CredentialsURI)");
}

#[tokio::test]
async fn explicit_profile_option_beats_the_environment_variable() {
    let world = World::new();
    world.write_cli_config(&cli_config(
        "broken",
        &[
            cli_profile("broken", r#""mode":"AK","access_key_id":"nope""#),
            cli_profile("good", &format!(r#""mode":"AK",{}"#, demo_ak_fields())),
        ],
    ));
    let env = world.base_env().var("ALIBABA_CLOUD_PROFILE", "broken");
    let client = world.client_with_profile(env, Some("good"));
    assert_eq!(lists_demo_clusters(&world, &client).await, "aliyun CLI profile 'good' (AK)");
}

#[tokio::test]
async fn shared_credentials_file_access_key_and_ram_role_arn() {
    let world = World::new();
    world.write(
        ".alibabacloud/credentials",
        &format!(
            "[default]\ntype = access_key\naccess_key_id = {DEMO_ACCESS_KEY_ID}\naccess_key_secret = {DEMO_ACCESS_KEY_SECRET}\n\n\
             [role]\ntype = ram_role_arn\naccess_key_id = {DEMO_ACCESS_KEY_ID}\naccess_key_secret = {DEMO_ACCESS_KEY_SECRET}\n\
             role_arn = {DEMO_ROLE_ARN}\nrole_session_name = ini\n"
        ),
    );
    let client = world.client(world.base_env());
    assert_eq!(lists_demo_clusters(&world, &client).await, "shared credentials file profile 'default' (access_key)");
    let client = world.client_with_profile(world.base_env(), Some("role"));
    assert_eq!(lists_demo_clusters(&world, &client).await, "shared credentials file profile 'role' (ram_role_arn)");
    assert_eq!(world.sandbox.request_count("AssumeRole"), 1);
}

#[tokio::test]
async fn oidc_from_the_environment() {
    let world = World::new();
    let token_file = world.write("rrsa/token", DEMO_OIDC_TOKEN);
    let env = world
        .base_env()
        .var("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token_file)
        .var("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", DEMO_OIDC_PROVIDER_ARN)
        .var("ALIBABA_CLOUD_ROLE_ARN", DEMO_ROLE_ARN)
        .var("ALIBABA_CLOUD_ROLE_SESSION_NAME", "rrsa-test");
    let client = world.client(env);
    assert_eq!(lists_demo_clusters(&world, &client).await, format!("OIDC role {DEMO_ROLE_ARN} (environment)"));
}

#[tokio::test]
async fn ecs_metadata_discovers_the_role_with_imdsv2() {
    let world = World::new();
    let env = MapEnvironment::new()
        .home(world.home.path())
        .var("ALIBABA_CLOUD_IMDS_ENDPOINT", world.sandbox.metadata_endpoint());
    let client = world.client(env);
    assert_eq!(lists_demo_clusters(&world, &client).await, "ECS instance RAM role");
    let metadata: Vec<_> =
        world.sandbox.requests().into_iter().filter(|request| request.service == Service::Metadata).collect();
    assert_eq!(metadata.len(), 3, "token, role name, credentials: {metadata:?}");
    assert!(metadata.iter().all(|request| request.status == 200));
}

#[tokio::test]
async fn credentials_uri_from_the_environment() {
    let world = World::new();
    let env = world.base_env().var("ALIBABA_CLOUD_CREDENTIALS_URI", world.sandbox.credentials_uri());
    let client = world.client(env);
    assert_eq!(lists_demo_clusters(&world, &client).await, "credentials URI");
}

// ---- the official order ----

#[tokio::test]
async fn several_sources_present_the_official_order_wins() {
    let world = World::new();
    world.sandbox.add_account(Account::new("LTAIcliprofile", "cli-secret", "1000"));
    world.sandbox.add_account(Account::new("LTAIinifile", "ini-secret", "2000"));
    world.write_cli_config(&cli_config(
        "p",
        &[cli_profile("p", r#""mode":"AK","access_key_id":"LTAIcliprofile","access_key_secret":"cli-secret""#)],
    ));
    world.write(
        ".alibabacloud/credentials",
        "[default]\ntype=access_key\naccess_key_id=LTAIinifile\naccess_key_secret=ini-secret\n",
    );
    let token_file = world.write("rrsa/token", DEMO_OIDC_TOKEN);
    let oidc_env = world
        .base_env()
        .var("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token_file)
        .var("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", DEMO_OIDC_PROVIDER_ARN)
        .var("ALIBABA_CLOUD_ROLE_ARN", DEMO_ROLE_ARN)
        .var("ALIBABA_CLOUD_CREDENTIALS_URI", world.sandbox.credentials_uri());
    let all_env = oidc_env
        .clone()
        .var("ALIBABA_CLOUD_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID)
        .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", DEMO_ACCESS_KEY_SECRET);

    // 1. environment beats everything
    assert_eq!(world.client(all_env).credential_source().await.unwrap(), "environment");
    // 2. then OIDC
    assert!(world.client(oidc_env.clone()).credential_source().await.unwrap().starts_with("OIDC role"));
    // 3. then the CLI profile
    let no_oidc = world.base_env().var("ALIBABA_CLOUD_CREDENTIALS_URI", world.sandbox.credentials_uri());
    assert_eq!(world.client(no_oidc.clone()).credential_source().await.unwrap(), "aliyun CLI profile 'p' (AK)");
    // 4. then the shared credentials file
    let no_cli = no_oidc.clone().var("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true");
    assert_eq!(
        world.client(no_cli.clone()).credential_source().await.unwrap(),
        "shared credentials file profile 'default' (access_key)"
    );
    // 5. (ECS disabled) then the credentials URI
    let only_uri = no_cli.var("ALIBABA_CLOUD_CREDENTIALS_FILE", world.home.path().join("none").display().to_string());
    assert_eq!(world.client(only_uri).credential_source().await.unwrap(), "credentials URI");

    // And the key actually used for the CS call is the winner's.
    world.sandbox.clear_requests();
    world.client(no_oidc).list_clusters(&ClusterFilter::default()).await.unwrap();
    assert_eq!(world.cs_key_ids(), ["LTAIcliprofile"]);
}

#[tokio::test]
async fn no_source_at_all_lists_what_was_tried() {
    let world = World::new();
    let error = world.client(world.base_env()).list_clusters(&ClusterFilter::default()).await.unwrap_err();
    assert!(matches!(error, Error::NoCredentials { .. }), "{error}");
    assert!(error.to_string().contains("ECS instance RAM role: disabled"));
    assert!(error.hint().unwrap().contains("aliyun configure"));
    assert!(world.sandbox.requests().is_empty());
}

// ---- errors and hints ----

#[tokio::test]
async fn wrong_secret_gives_signature_does_not_match_with_the_clock_and_secret_hint_and_is_not_retried() {
    let world = World::new();
    let env = world
        .base_env()
        .var("ALIBABA_CLOUD_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID)
        .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "not-the-secret");
    let error = world.client(env).list_clusters(&ClusterFilter::default()).await.unwrap_err();
    let api = error.api_error().expect("an API error");
    assert_eq!(api.code, "SignatureDoesNotMatch");
    assert!(api.request_id.is_some());
    let message = error.to_string();
    assert!(message.starts_with("the ACK API refused DescribeClustersV1: SignatureDoesNotMatch"), "{message}");
    assert!(message.contains("(request id "));
    assert!(!message.contains('\n') && !message.contains("not-the-secret"));
    let hint = error.hint().unwrap();
    assert!(hint.contains("clock") && hint.contains("secret"), "{hint}");
    // A 400 is never retried.
    assert_eq!(world.sandbox.request_count("DescribeClustersV1"), 1);
}

#[tokio::test]
async fn ram_denial_names_the_action() {
    let world = World::new();
    world
        .sandbox
        .add_account(Account::new("LTAIdenied", "denied-secret", "3000").denying("cs:DescribeClusterUserKubeconfig"));
    let env = world
        .base_env()
        .var("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIdenied")
        .var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "denied-secret");
    let error = world
        .client(env)
        .describe_cluster_user_kubeconfig(DEMO_WEB_CLUSTER_ID, &KubeconfigRequest::default())
        .await
        .unwrap_err();
    assert_eq!(error.api_error().unwrap().code, "StatusForbidden");
    assert_eq!(error.hint().unwrap(), "grant the RAM action cs:DescribeClusterUserKubeconfig to this identity");
    assert_eq!(world.sandbox.request_count("DescribeClusterUserKubeconfig"), 1);
}

#[tokio::test]
async fn unknown_cluster_hints_at_the_id_and_region() {
    let world = World::new();
    let error =
        world.client(world.demo_env()).describe_cluster_detail("c00000000000000000000000000000000").await.unwrap_err();
    assert_eq!(error.api_error().unwrap().code, "ErrorClusterNotFound");
    assert!(error.hint().unwrap().contains("--region"));
}

#[tokio::test]
async fn failing_sts_reports_the_configured_source_with_its_cause() {
    let world = World::new();
    world.write_cli_config(&cli_config(
        "role",
        &[cli_profile(
            "role",
            &format!(r#""mode":"RamRoleArn",{},"ram_role_arn":"acs:ram::1:role/missing""#, demo_ak_fields()),
        )],
    ));
    let error = world.client(world.base_env()).credential_source().await.unwrap_err();
    assert_eq!(error.to_string(), "could not get credentials from aliyun CLI profile 'role' (RamRoleArn)");
    let api = error.api_error().unwrap();
    assert_eq!((api.code.as_str(), api.action.as_str()), ("EntityNotExist.Role", "AssumeRole"));
    assert!(
        std::error::Error::source(&error)
            .unwrap()
            .to_string()
            .starts_with("the STS API refused AssumeRole: EntityNotExist.Role")
    );
}

#[tokio::test]
async fn html_from_a_proxy_says_the_endpoint_is_not_the_ack_api() {
    let world = World::new();
    world.sandbox.inject(Fault::html_body().always());
    let error = world.client(world.demo_env()).list_clusters(&ClusterFilter::default()).await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedResponse { status: 502, .. }), "{error}");
    assert!(error.hint().unwrap().contains("did not answer like the ACK API (HTTP 502)"));
    assert_eq!(world.sandbox.request_count("DescribeClustersV1"), 4, "a 502 is retried 3 times");
}

#[tokio::test]
async fn a_truncated_body_is_an_error_not_a_panic() {
    let world = World::new();
    world.sandbox.inject(Fault::truncated_body());
    let error = world.client(world.demo_env()).describe_cluster_detail(DEMO_WEB_CLUSTER_ID).await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedResponse { status: 200, .. }), "{error}");
    assert!(std::error::Error::source(&error).unwrap().to_string().contains("JSON"));
}

// ---- retries ----

#[tokio::test]
async fn a_503_then_success_is_retried_with_a_fresh_nonce() {
    let world = World::new();
    world.sandbox.inject(Fault::service_unavailable());
    let client = world.client(world.demo_env());
    let clusters = client.list_clusters(&ClusterFilter::default()).await.unwrap();
    assert_eq!(clusters.len(), 2);
    let statuses: Vec<u16> = world.sandbox.requests().iter().map(|request| request.status).collect();
    assert_eq!(statuses, [503, 200], "the sandbox refuses a reused nonce, so the retry was signed anew");
    assert!(world.lines().iter().any(|line| line.contains("-> 503") && line.contains("retrying in")));
}

#[tokio::test]
async fn throttling_is_retried_and_gives_up_after_three_retries() {
    let world = World::new();
    world.sandbox.inject(Fault::throttling().times(2));
    let client = world.client(world.demo_env());
    client.describe_cluster_detail(DEMO_WEB_CLUSTER_ID).await.unwrap();
    assert_eq!(world.sandbox.request_count("DescribeClusterDetail"), 3);

    world.sandbox.inject(Fault::throttling().always());
    let error = client.describe_cluster_detail(DEMO_WEB_CLUSTER_ID).await.unwrap_err();
    assert_eq!(error.api_error().unwrap().code, "Throttling.User");
    assert_eq!(world.sandbox.request_count("DescribeClusterDetail"), 3 + 4);
}

#[tokio::test]
async fn a_400_is_not_retried() {
    let world = World::new();
    // demo-batch has no intranet endpoint: the sandbox answers 400 ErrorEndpointNotFound.
    let request = KubeconfigRequest { private_ip_address: true, temporary_duration_minutes: None };
    let error = world.client(world.demo_env()).describe_cluster_user_kubeconfig(DEMO_BATCH_CLUSTER_ID, &request).await;
    let error = error.unwrap_err();
    assert_eq!(error.api_error().unwrap().status, 400, "{error}");
    assert_eq!(world.sandbox.request_count("DescribeClusterUserKubeconfig"), 1);
}

#[tokio::test]
async fn revoke_is_never_retried() {
    let world = World::new();
    world.sandbox.inject(Fault::service_unavailable().only("RevokeK8sClusterKubeConfig"));
    let client = world.client(world.demo_env());
    assert!(client.revoke_cluster_kubeconfig(DEMO_WEB_CLUSTER_ID).await.is_err());
    assert_eq!(world.sandbox.request_count("RevokeK8sClusterKubeConfig"), 1);
    client.revoke_cluster_kubeconfig(DEMO_WEB_CLUSTER_ID).await.unwrap();
}

#[tokio::test]
async fn a_server_that_is_not_there_is_a_transport_error_with_a_hint() {
    let world = World::new();
    let client = Client::builder()
        .environment(world.demo_env())
        .endpoint(Some("http://127.0.0.1:1".to_string()))
        .retry(fast_retries())
        .build()
        .unwrap();
    let error = client.list_clusters(&ClusterFilter::default()).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error}");
    assert_eq!(error.to_string(), "could not reach http://127.0.0.1:1/api/v1/clusters (DescribeClustersV1)");
    assert!(error.hint().is_some());
}

// ---- operations ----

#[tokio::test]
async fn https_with_the_ring_provider_and_an_extra_root() {
    let world = World::with(SandboxConfig::default().with_https());
    let endpoint = world.sandbox.https_endpoint().unwrap();
    let client = Client::builder()
        .environment(world.demo_env())
        .endpoint(Some(endpoint.clone()))
        .add_root_certificates_pem(world.sandbox.https_ca_pem().unwrap())
        .build()
        .unwrap();
    assert_eq!(client.list_clusters(&ClusterFilter::default()).await.unwrap().len(), 2);

    // Without the sandbox CA the TLS handshake fails: certificates are verified.
    let untrusting =
        Client::builder().environment(world.demo_env()).endpoint(Some(endpoint)).retry(RetryPolicy::none());
    let error = untrusting.build().unwrap().list_clusters(&ClusterFilter::default()).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error}");
}

#[tokio::test]
async fn two_hundred_fifty_clusters_are_paged_completely() {
    let world = World::with(SandboxConfig::default().with_credential_lifetime(Duration::from_secs(3600)));
    for index in 0..248 {
        world.sandbox.add_cluster(Cluster::random(format!("bulk-{index:03}"), "cn-beijing").public_only());
    }
    let client = world.client(world.demo_env());
    let clusters = client.list_clusters(&ClusterFilter::default()).await.unwrap();
    assert_eq!(clusters.len(), 250);
    let mut ids: Vec<_> = clusters.iter().map(|cluster| cluster.cluster_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 250, "no cluster twice");
    assert_eq!(world.sandbox.request_count("DescribeClustersV1"), 5);

    let in_region = client.list_clusters_in_region("cn-beijing", &ClusterFilter::default()).await.unwrap();
    assert_eq!(in_region.len(), 248);
    let filtered =
        ClusterFilter { region: Some("cn-beijing".into()), name: Some("bulk-01".into()), page_size: Some(3) };
    assert_eq!(client.list_clusters(&filtered).await.unwrap().len(), 10);
}

#[tokio::test]
async fn kubeconfig_detail_and_states() {
    let world = World::new();
    let client = world.client(world.demo_env());
    let request = KubeconfigRequest { private_ip_address: false, temporary_duration_minutes: Some(30) };
    let kubeconfig = client.describe_cluster_user_kubeconfig(DEMO_WEB_CLUSTER_ID, &request).await.unwrap();
    assert!(kubeconfig.config.contains("client-certificate-data"));
    let expiration = kubeconfig.expiration.expect("an expiration");
    let minutes = (expiration - world.sandbox.now()).whole_minutes();
    assert!((29..=30).contains(&minutes), "{minutes}");
    assert!(!format!("{kubeconfig:?}").contains("client-key-data"));
    assert!(world.lines().iter().any(|line| line.contains(&format!(
        "/k8s/{DEMO_WEB_CLUSTER_ID}/user_config?PrivateIpAddress=false&TemporaryDurationMinutes=30 -> 200"
    ))));

    let detail = client.describe_cluster_detail(DEMO_WEB_CLUSTER_ID).await.unwrap();
    let endpoints = world.sandbox.cluster_endpoints(DEMO_WEB_CLUSTER_ID).unwrap();
    assert_eq!((detail.name.as_str(), detail.region_id.as_str()), ("demo-web", DEMO_REGION));
    assert_eq!(detail.endpoints.public, endpoints.public);
    assert_eq!(detail.endpoints.intranet, endpoints.intranet);
    let batch = client.describe_cluster_detail(DEMO_BATCH_CLUSTER_ID).await.unwrap();
    assert_eq!(batch.endpoints.intranet, None);

    let states = client.list_cluster_kubeconfig_states(DEMO_WEB_CLUSTER_ID).await.unwrap();
    assert!(states.iter().any(|state| state.account_id == DEMO_UID), "{states:?}");
}

#[tokio::test]
async fn short_lived_sts_credentials_are_refreshed() {
    // Keys valid for 2 minutes are always inside the 3-minute refresh margin: every call fetches anew.
    let world = World::with(SandboxConfig::default().with_credential_lifetime(Duration::from_secs(120)));
    let env = world.base_env().var("ALIBABA_CLOUD_CREDENTIALS_URI", world.sandbox.credentials_uri());
    let client = world.client(env);
    client.describe_cluster_detail(DEMO_WEB_CLUSTER_ID).await.unwrap();
    client.describe_cluster_detail(DEMO_WEB_CLUSTER_ID).await.unwrap();
    let uri_calls =
        world.sandbox.requests().iter().filter(|request| request.service == Service::CredentialsUri).count();
    assert_eq!(uri_calls, 2);
    assert!(world.lines().iter().any(|line| line == "credentials: refreshed from credentials URI"));
}

#[test]
fn home_directories_of_tests_are_private() {
    // A guard for the guards: the helper never points at the real home.
    let world = World::new();
    assert_ne!(Some(world.home.path()), dirs_home().as_deref());
}

fn dirs_home() -> Option<std::path::PathBuf> {
    std::env::var_os("HOME").map(|home| Path::new(&home).to_path_buf())
}
