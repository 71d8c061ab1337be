//! `get-credentials --auth token` (issue 17): a kubeconfig with no certificate and no key, whose exec user
//! signs ack-ram-authenticator tokens locally; the sandbox's API servers check them against its STS as the
//! add-on does. Run with the real kubectl.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use ack_sandbox::*;
use common::*;
use serde_json::Value;

/// Every call that reaches the sandbox's CS API (STS and token checks are not CS calls).
const CS_ACTIONS: [&str; 3] = ["DescribeClusterUserKubeconfig", "DescribeClusterDetail", "DescribeClustersV1"];

/// A HOME whose PATH holds the plugin, as krew would install it.
struct World {
    sandbox: Sandbox,
    env: TestEnv,
    bin: PathBuf,
}

impl World {
    fn new() -> World {
        let env = TestEnv::new();
        let bin = install_plugin(&env);
        World { sandbox: Sandbox::start(), env, bin }
    }

    /// kubectl-ack pointed at the sandbox, with no credentials yet.
    fn ack(&self) -> Command {
        sandbox_command(&self.env, &self.sandbox)
    }

    /// The real kubectl, in an environment where the exec plugin reaches the sandbox's STS.
    fn kubectl(&self) -> Command {
        let mut command = Command::new(kubectl());
        scrub(&mut command, self.env.home());
        command
            .env("PATH", path_with_plugin(&self.bin))
            .env("ALIBABA_CLOUD_STS_ENDPOINT", self.sandbox.sts_endpoint())
            .env("KUBECTL_ACK_ENDPOINT", self.sandbox.endpoint());
        command
    }

    fn cs_calls(&self) -> usize {
        CS_ACTIONS.iter().map(|action| self.sandbox.request_count(action)).sum()
    }

    fn kubeconfig(&self) -> String {
        std::fs::read_to_string(self.env.path(".kube/config")).unwrap()
    }
}

fn kubectl_whoami(command: &mut Command) -> Output {
    command.args(["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}", "--request-timeout", "20s"]);
    run(command)
}

fn token_world() -> World {
    let world = World::new();
    ok(with_demo_keys(&mut world.ack()).args(["get-credentials", "demo-web", "--auth", "token"]));
    world
}

#[test]
fn a_token_kubeconfig_holds_no_secret_and_kubectl_works_as_the_ram_identity() {
    let world = token_world();
    let text = world.kubeconfig();
    for secret in ["client-key-data", "client-certificate-data", "token:", DEMO_ACCESS_KEY_SECRET] {
        assert!(!text.contains(secret), "{secret} in\n{text}");
    }
    let config: Value = serde_saphyr::from_str(&text).unwrap();
    let exec = &config["users"][0]["user"]["exec"];
    assert_eq!(exec["command"], "kubectl-ack");
    let args: Vec<&str> = exec["args"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(&args[..4], ["credential", DEMO_WEB_CLUSTER_ID, "--auth", "token"]);
    let provenance = &config["contexts"][0]["context"]["extensions"][0]["extension"];
    assert_eq!(provenance["mode"], "token");
    assert_eq!(provenance["identity"]["arn"], format!("acs:ram::{DEMO_UID}:root"));

    let output = ok(with_demo_keys(&mut world.kubectl()).args(["get", "namespaces", "-o", "name"]));
    assert!(stdout(&output).contains("namespace/kube-system"), "{}", stdout(&output));
    let output = kubectl_whoami(with_demo_keys(&mut world.kubectl()));
    assert_eq!((code(&output), stdout(&output)), (0, format!("acs:ram::{DEMO_UID}:root")), "{}", stderr(&output));
    assert!(world.sandbox.token_verifications() >= 1);
    // Nothing was cached either: no key, no certificate, no token on disk.
    assert!(!world.env.path(".kube/cache/kubectl-ack").exists());
}

#[test]
fn ten_parallel_kubectl_calls_make_no_ack_api_call() {
    let world = token_world();
    let before = world.cs_calls();
    let children: Vec<_> = (0..10)
        .map(|_| {
            with_demo_keys(&mut world.kubectl())
                .args(["get", "namespaces", "-o", "name", "--request-timeout", "20s"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert_eq!(code(&output), 0, "{}", stderr(&output));
    }
    assert_eq!(world.cs_calls(), before, "a kubectl call reached the CS API");
    // The API server checks each distinct token once and remembers it for two minutes, as the add-on does.
    assert!(world.sandbox.token_verifications() >= 1);
}

#[test]
fn a_token_for_one_cluster_is_refused_by_another_clusters_api_server() {
    let world = token_world();
    // The batch cluster's server and CA, with the web cluster's token user: only the token is wrong.
    let batch = world.sandbox.cluster_endpoints(DEMO_BATCH_CLUSTER_ID).unwrap().public.unwrap();
    let ca = world.env.write("batch-ca.pem", &world.sandbox.cluster_ca_pem(DEMO_BATCH_CLUSTER_ID).unwrap());
    let context = first_context(&world.kubeconfig());
    let mut command = world.kubectl();
    with_demo_keys(&mut command).args([
        "--context",
        &context,
        &format!("--server={batch}"),
        &format!("--certificate-authority={}", ca.display()),
    ]);
    let output = kubectl_whoami(&mut command);
    assert_ne!(code(&output), 0);
    assert!(stderr(&output).contains("Unauthorized"), "{}", stderr(&output));
    // The web cluster still takes it.
    let output = kubectl_whoami(with_demo_keys(&mut world.kubectl()));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

#[test]
fn a_token_signed_with_a_wrong_secret_is_refused() {
    let world = token_world();
    let mut command = world.kubectl();
    command
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "not-the-demo-secret-at-all-000");
    let output = kubectl_whoami(&mut command);
    assert_ne!(code(&output), 0);
    assert!(stderr(&output).contains("Unauthorized"), "{}", stderr(&output));
    assert!(!stderr(&output).contains("not-the-demo-secret"), "{}", stderr(&output));
    let failed = world
        .sandbox
        .requests()
        .into_iter()
        .filter(|request| request.action.as_deref() == Some("GetCallerIdentity"))
        .filter_map(|request| request.error_code)
        .collect::<Vec<_>>();
    assert!(failed.contains(&"SignatureDoesNotMatch".to_string()), "{failed:?}");
}

#[test]
fn sts_credentials_from_assume_role_sign_tokens_of_the_assumed_role() {
    let world = World::new();
    let profile = format!(
        r#"{{"current":"p","profiles":[{{"name":"p","mode":"RamRoleArn","access_key_id":"{DEMO_ACCESS_KEY_ID}","access_key_secret":"{DEMO_ACCESS_KEY_SECRET}","ram_role_arn":"{DEMO_ROLE_ARN}","ram_session_name":"alice-laptop","region_id":"cn-hangzhou"}}]}}"#
    );
    world.env.write(".aliyun/config.json", &profile);
    ok(world.ack().args(["get-credentials", "demo-web", "--auth", "token"]));
    let role = format!("acs:ram::{DEMO_UID}:assumed-role/sandbox-demo-role/alice-laptop");
    let config: Value = serde_saphyr::from_str(&world.kubeconfig()).unwrap();
    assert_eq!(config["contexts"][0]["context"]["extensions"][0]["extension"]["identity"]["arn"], role);

    // kubectl's plugin runs the chain itself: AssumeRole, then a token with the STS key and its token.
    let output = kubectl_whoami(&mut world.kubectl());
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("acs:ram::{DEMO_UID}:role/sandbox-demo-role"));
    assert!(world.sandbox.request_count("AssumeRole") >= 2);

    // whoami names the role offline, from what get-credentials recorded.
    let output = ok(world.env.command().args(["whoami", "-o", "json"]));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["ramIdentity"]["arn"], role);
    assert_eq!(report["ramIdentity"]["type"], "AssumedRoleUser");
    assert_eq!(report["ramIdentity"]["principal"], "role/sandbox-demo-role");
    assert_eq!(report["ramIdentity"]["accountId"], DEMO_UID);
}

#[test]
fn a_token_with_an_sts_security_token_stays_under_the_authenticators_limit() {
    let world = World::new();
    let token = "CAIS".to_string() + &"s".repeat(1200);
    world.sandbox.add_account(Account::new("STS.tokenlimit", "sts-limit-secret", DEMO_UID).with_security_token(&token));
    let mut command = world.env.command();
    command
        .env("KUBECTL_ACK_ENDPOINT", world.sandbox.endpoint())
        .env("ALIBABA_CLOUD_STS_ENDPOINT", world.sandbox.sts_endpoint())
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.tokenlimit")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "sts-limit-secret")
        .env("ALIBABA_CLOUD_SECURITY_TOKEN", &token)
        .args(["credential", DEMO_WEB_CLUSTER_ID, "--auth", "token"]);
    let output = ok(&mut command);
    let credential: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let bearer = credential["status"]["token"].as_str().unwrap();
    assert!(bearer.starts_with("k8s-ack-v2."), "{bearer}");
    assert!(bearer.len() < 4096, "{} bytes", bearer.len());
    assert!(!stdout(&output).contains("sts-limit-secret"));
}

#[test]
fn whoami_expiry_and_rotate_know_a_token_context() {
    let world = token_world();
    let output = ok(world.env.command().arg("whoami"));
    let text = stdout(&output);
    assert!(text.contains(&format!("acs:ram::{DEMO_UID}:root")), "{text}");
    assert!(text.contains("RAM identity token"), "{text}");
    let output = ok(world.env.command().args(["expiry"]));
    assert!(stdout(&output).to_lowercase().contains("token"), "{}", stdout(&output));
    let before = world.kubeconfig();
    let output = ok(with_demo_keys(&mut world.ack()).args(["rotate"]));
    assert_eq!(world.kubeconfig(), before, "rotate changed a token user:\n{}", stdout(&output));
}

#[test]
fn verify_checks_the_token_against_the_api_server() {
    let world = World::new();
    let mut command = world.ack();
    with_demo_keys(&mut command).args(["get-credentials", "demo-web", "--auth", "token", "--verify"]);
    let output = ok(&mut command);
    assert!(world.sandbox.token_verifications() >= 1, "{}", stderr(&output));
}

fn first_context(text: &str) -> String {
    let config: Value = serde_saphyr::from_str(text).unwrap();
    config["contexts"][0]["name"].as_str().unwrap().to_string()
}

/// A token user written by hand, as ack-ram-tool's users write theirs: `credential <id> --auth token`, no
/// region, no endpoint. Signing needs neither, so kubectl works with no ACK API anywhere in reach.
#[test]
fn a_token_user_needs_no_region_and_no_ack_endpoint() {
    let world = token_world();
    let mut config: Value = serde_saphyr::from_str(&world.kubeconfig()).unwrap();
    config["users"][0]["user"]["exec"]["args"] =
        serde_json::json!(["credential", DEMO_WEB_CLUSTER_ID, "--auth", "token"]);
    // JSON is YAML: kubectl reads it as it is.
    std::fs::write(world.env.path(".kube/config"), serde_json::to_string_pretty(&config).unwrap()).unwrap();
    let before = world.cs_calls();

    let mut kubectl = Command::new(kubectl());
    scrub(&mut kubectl, world.env.home());
    kubectl.env("PATH", path_with_plugin(&world.bin));
    let output = kubectl_whoami(with_demo_keys(&mut kubectl));
    assert_eq!((code(&output), stdout(&output)), (0, format!("acs:ram::{DEMO_UID}:root")), "{}", stderr(&output));
    assert_eq!(world.cs_calls(), before, "a hand-written token user reached the CS API");

    // The plugin alone, the same way: an ExecCredential, and a certificate user would still need a region.
    let mut plugin = world.env.command();
    with_demo_keys(&mut plugin).args(["credential", DEMO_WEB_CLUSTER_ID, "--auth", "token"]);
    let credential: Value = serde_json::from_str(&stdout(&ok(&mut plugin))).unwrap();
    assert!(credential["status"]["token"].as_str().unwrap().starts_with("k8s-ack-v2."), "{credential}");
    let mut certificate = world.env.command();
    with_demo_keys(&mut certificate).args(["credential", DEMO_WEB_CLUSTER_ID]);
    let output = run(&mut certificate);
    assert_ne!(code(&output), 0);
    assert!(stderr(&output).starts_with("error: no region given"), "{}", stderr(&output));
}
