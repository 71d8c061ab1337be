//! `clusters` through the real binary against the sandbox, and the Alibaba Cloud credential sources end to
//! end (every source of the chain; `--verbose` never shows a secret).

mod common;

use std::process::{Command, Output};

use ack_sandbox::*;
use common::*;
use serde_json::Value;

fn run(command: &mut Command) -> Output {
    command.output().expect("run kubectl-ack")
}

#[test]
fn clusters_lists_the_visible_clusters_as_a_table() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let output = run(with_demo_keys(&mut sandbox_command(&env, &sandbox)).arg("clusters"));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let mut settings = snapshot_settings(&env);
    settings.add_filter(r"127\.0\.0\.(\d+):\d+", "127.0.0.$1:[PORT]");
    // Column widths follow the port numbers; compare the cells, not the padding.
    settings.add_filter(r" {2,}", "  ");
    settings.bind(|| insta::assert_snapshot!(stdout(&output), @r"
    ID  NAME  REGION  TYPE  VERSION  STATE  PUBLIC  INTRANET
    c0a1b2c3d4e5f60718293a4b5c6d7e8f9  demo-web  cn-hangzhou  ManagedKubernetes  1.33.3-aliyun.1  running  https://127.0.0.1:[PORT]  https://127.0.0.2:[PORT]
    c9f8e7d6c5b4a39281706f5e4d3c2b1a0  demo-batch  cn-hangzhou  ManagedKubernetes  1.33.3-aliyun.1  running  https://127.0.0.1:[PORT]  -
    "));
}

#[test]
fn clusters_pages_through_250_clusters() {
    let sandbox = Sandbox::start_with(SandboxConfig::empty().with_account(Account::demo()));
    for index in 0..250 {
        sandbox.add_cluster(Cluster::random(format!("bulk-{index:03}"), DEMO_REGION).public_only());
    }
    let env = TestEnv::new();
    let output = run(with_demo_keys(&mut sandbox_command(&env, &sandbox)).args(["clusters", "-o", "json"]));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let clusters: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(clusters.len(), 250);
    let mut names: Vec<&str> = clusters.iter().map(|c| c["name"].as_str().unwrap()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 250, "a page was read twice");
    assert!(sandbox.request_count("DescribeClustersV1") >= 3);
}

#[test]
fn a_wrong_secret_and_a_ram_denial_give_one_error_line_with_a_hint() {
    let sandbox = Sandbox::start();
    sandbox.add_account(
        Account::new("LTAIdeniedkey", "denied-secret", "272899990000002").denying("cs:DescribeClustersV1"),
    );
    let env = TestEnv::new();
    let wrong = run(sandbox_command(&env, &sandbox)
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "not-the-secret")
        .arg("clusters"));
    assert_eq!(code(&wrong), 1);
    let err = stderr(&wrong);
    assert!(err.starts_with("error: ") && err.contains("SignatureDoesNotMatch"), "{err}");
    assert!(err.contains("hint: check the machine clock"), "{err}");
    assert_eq!(err.lines().filter(|line| line.starts_with("error:")).count(), 1, "{err}");

    let denied = run(sandbox_command(&env, &sandbox)
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIdeniedkey")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "denied-secret")
        .arg("clusters"));
    assert_eq!(code(&denied), 1);
    let err = stderr(&denied);
    assert!(err.contains("StatusForbidden") && err.contains("cs:DescribeClustersV1"), "{err}");
    assert!(err.lines().any(|line| line.starts_with("  hint: ") && line.contains("cs:DescribeClustersV1")), "{err}");
}

#[test]
fn no_credentials_at_all_is_a_clear_error() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let output = run(sandbox_command(&env, &sandbox).arg("clusters"));
    assert_eq!(code(&output), 1);
    let err = stderr(&output);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("hint: "), "{err}");
    assert_eq!(sandbox.request_count("DescribeClustersV1"), 0, "a request went out without credentials");
}

/// Prepares the command, the HOME and the sandbox for one credential source.
type Setup = Box<dyn Fn(&mut Command, &TestEnv, &Sandbox)>;

/// How one credential source is set up for the binary, and the secrets it must never print.
struct Source {
    name: &'static str,
    secrets: Vec<String>,
    setup: Setup,
}

fn profile_file(env: &TestEnv, profile: &str) {
    env.write(
        ".aliyun/config.json",
        &format!(r#"{{"current":"p","profiles":[{{"name":"p",{profile},"region_id":"cn-hangzhou"}}]}}"#),
    );
}

fn sources() -> Vec<Source> {
    let demo_secret = DEMO_ACCESS_KEY_SECRET.to_string();
    let demo_keys = format!(r#""access_key_id":"{DEMO_ACCESS_KEY_ID}","access_key_secret":"{DEMO_ACCESS_KEY_SECRET}""#);
    let keys = demo_keys.clone();
    let keys2 = demo_keys.clone();
    let keys3 = demo_keys.clone();
    vec![
        Source {
            name: "environment",
            secrets: vec![demo_secret.clone()],
            setup: Box::new(|command, _, _| {
                with_demo_keys(command);
            }),
        },
        Source {
            name: "environment with an STS token",
            secrets: vec!["env-sts-secret".into(), "env-sts-token-value".into()],
            setup: Box::new(|command, _, sandbox| {
                sandbox.add_account(
                    Account::new("STS.envkey", "env-sts-secret", DEMO_UID).with_security_token("env-sts-token-value"),
                );
                command
                    .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.envkey")
                    .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-sts-secret")
                    .env("ALIBABA_CLOUD_SECURITY_TOKEN", "env-sts-token-value");
            }),
        },
        Source {
            name: "CLI profile AK",
            secrets: vec![demo_secret.clone()],
            setup: Box::new(move |_, env, _| profile_file(env, &format!(r#""mode":"AK",{keys}"#))),
        },
        Source {
            name: "CLI profile StsToken",
            secrets: vec!["cli-sts-secret".into(), "cli-sts-token-value".into()],
            setup: Box::new(|_, env, sandbox| {
                sandbox.add_account(
                    Account::new("STS.clikey", "cli-sts-secret", DEMO_UID).with_security_token("cli-sts-token-value"),
                );
                profile_file(
                    env,
                    r#""mode":"StsToken","access_key_id":"STS.clikey","access_key_secret":"cli-sts-secret","sts_token":"cli-sts-token-value""#,
                );
            }),
        },
        Source {
            name: "CLI profile RamRoleArn",
            secrets: vec![demo_secret.clone()],
            setup: Box::new(move |_, env, _| {
                profile_file(env, &format!(r#""mode":"RamRoleArn",{keys2},"ram_role_arn":"{DEMO_ROLE_ARN}""#))
            }),
        },
        Source {
            name: "CLI profile ChainableRamRoleArn",
            secrets: vec![demo_secret.clone()],
            setup: Box::new(move |_, env, _| {
                env.write(
                    ".aliyun/config.json",
                    &format!(
                        r#"{{"current":"chain","profiles":[{{"name":"base","mode":"AK",{keys3}}},{{"name":"chain","mode":"ChainableRamRoleArn","source_profile":"base","ram_role_arn":"{DEMO_ROLE_ARN}"}}]}}"#
                    ),
                );
            }),
        },
        Source {
            name: "CLI profile EcsRamRole",
            secrets: vec![],
            setup: Box::new(|command, env, sandbox| {
                profile_file(env, &format!(r#""mode":"EcsRamRole","ram_role_name":"{DEMO_ECS_ROLE_NAME}""#));
                // The profile needs the metadata service enabled, as in the official chains.
                command
                    .env_remove("ALIBABA_CLOUD_ECS_METADATA_DISABLED")
                    .env("ALIBABA_CLOUD_IMDS_ENDPOINT", sandbox.metadata_endpoint());
            }),
        },
        Source {
            name: "CLI profile OIDC",
            secrets: vec![DEMO_OIDC_TOKEN.into()],
            setup: Box::new(|_, env, _| {
                let token = env.write("oidc-token", DEMO_OIDC_TOKEN);
                profile_file(
                    env,
                    &format!(
                        r#""mode":"OIDC","ram_role_arn":"{DEMO_ROLE_ARN}","oidc_provider_arn":"{DEMO_OIDC_PROVIDER_ARN}","oidc_token_file":"{}""#,
                        token.display()
                    ),
                );
            }),
        },
        Source {
            name: "CLI profile CredentialsURI",
            secrets: vec![],
            setup: Box::new(|_, env, sandbox| {
                profile_file(
                    env,
                    &format!(r#""mode":"CredentialsURI","credentials_uri":"{}""#, sandbox.credentials_uri()),
                )
            }),
        },
        Source {
            name: "shared credentials file",
            secrets: vec![demo_secret.clone()],
            setup: Box::new(|_, env, _| {
                env.write(
                    ".alibabacloud/credentials",
                    &format!(
                        "[default]\ntype = access_key\naccess_key_id = {DEMO_ACCESS_KEY_ID}\naccess_key_secret = {DEMO_ACCESS_KEY_SECRET}\n"
                    ),
                );
            }),
        },
        Source {
            name: "OIDC (RRSA) environment",
            secrets: vec![DEMO_OIDC_TOKEN.into()],
            setup: Box::new(|command, env, _| {
                let token = env.write("oidc-token", DEMO_OIDC_TOKEN);
                command
                    .env("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token)
                    .env("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", DEMO_OIDC_PROVIDER_ARN)
                    .env("ALIBABA_CLOUD_ROLE_ARN", DEMO_ROLE_ARN);
            }),
        },
        Source {
            name: "ECS instance RAM role",
            secrets: vec![],
            setup: Box::new(|command, _, sandbox| {
                command
                    .env_remove("ALIBABA_CLOUD_ECS_METADATA_DISABLED")
                    .env("ALIBABA_CLOUD_IMDS_ENDPOINT", sandbox.metadata_endpoint());
            }),
        },
        Source {
            name: "credentials URI",
            secrets: vec![],
            setup: Box::new(|command, _, sandbox| {
                command.env("ALIBABA_CLOUD_CREDENTIALS_URI", sandbox.credentials_uri());
            }),
        },
    ]
}

/// A lowercase hex run as long as a V3 signature or a SHA-256.
fn contains_hex_64(text: &str) -> bool {
    text.as_bytes().windows(64).any(|window| window.iter().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
}

#[test]
fn every_credential_source_works_end_to_end_and_verbose_shows_no_secret() {
    for source in sources() {
        let sandbox = Sandbox::start();
        let env = TestEnv::new();
        let mut command = sandbox_command(&env, &sandbox);
        (source.setup)(&mut command, &env, &sandbox);
        let output = run(command.args(["clusters", "--verbose", "-o", "json"]));
        let (out, err) = (stdout(&output), stderr(&output));
        assert_eq!(code(&output), 0, "{}: {err}", source.name);
        let clusters: Vec<Value> = serde_json::from_str(&out).unwrap();
        assert_eq!(clusters.len(), 2, "{}", source.name);
        assert!(err.contains("credentials: "), "{}: verbose does not say which source was used:\n{err}", source.name);
        assert!(err.contains("/api/v1/clusters"), "{}: no request line:\n{err}", source.name);
        for secret in &source.secrets {
            assert!(!out.contains(secret) && !err.contains(secret), "{}: a secret was printed:\n{err}", source.name);
        }
        for text in [&out, &err] {
            assert!(!contains_hex_64(text), "{}: something like a signature was printed:\n{text}", source.name);
            assert!(!text.contains("Signature=") && !text.contains("ACS3-HMAC"), "{}:\n{text}", source.name);
        }
    }
}
