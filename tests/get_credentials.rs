//! `get-credentials` and `revoke` end to end: the real binary, the sandbox, the real kubectl.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use ack_sandbox::*;
use common::*;
use serde_json::Value;

fn namespaces(env: &TestEnv, context: Option<&str>) -> Output {
    let mut command = kubectl_in(env);
    if let Some(context) = context {
        command.args(["--context", context]);
    }
    run(command.args(["get", "namespaces", "-o", "name"]))
}

fn assert_four_namespaces(output: &Output) {
    assert_eq!(code(output), 0, "kubectl failed: {}", stderr(output));
    let names = stdout(output);
    for namespace in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        assert!(names.contains(&format!("namespace/{namespace}")), "{namespace} missing from:\n{names}");
    }
}

fn kubeconfig_json(path: &Path) -> Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).expect("the kubeconfig is valid YAML")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_newcomer_path_from_an_empty_home_to_kubectl_get_namespaces() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let output = ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--temporary", "30m"]));
    let message = stderr(&output);
    assert!(
        message.starts_with("Merged context \"demo-web\" (cluster c0a1b2c3…, public, expires ")
            && message.contains(") into ~/.kube/config"),
        "{message}"
    );
    let config = env.path(".kube/config");
    #[cfg(unix)]
    {
        assert_eq!(mode(&config), 0o600);
        assert_eq!(mode(&env.path(".kube")), 0o700);
    }
    assert_eq!(kubeconfig_json(&config)["current-context"], "demo-web");
    assert_four_namespaces(&namespaces(&env, None));

    let whoami = ok(env.command().args(["whoami", "-o", "json"]));
    let report: Value = serde_json::from_slice(&whoami.stdout).unwrap();
    assert_eq!(report["accountUid"], DEMO_UID);
    assert_eq!(report["groups"], serde_json::json!(["system:users"]));

    let expiry = ok(env.command().args(["expiry", "-o", "json"]));
    let report: Value = serde_json::from_slice(&expiry.stdout).unwrap();
    let left = report["contexts"][0]["secondsLeft"].as_i64().unwrap();
    assert!((29 * 60..=31 * 60).contains(&left), "a 30m certificate has {left}s left");
}

#[test]
fn two_clusters_and_public_and_private_of_one_cluster_coexist() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    ok(demo_ack(&env, &sandbox).args(["get-credentials", DEMO_WEB_CLUSTER_ID]));
    ok(demo_ack(&env, &sandbox).args(["get-credentials", DEMO_BATCH_CLUSTER_ID]));
    ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--private"]));
    for context in ["demo-web", "demo-batch", "demo-web-private"] {
        assert_four_namespaces(&namespaces(&env, Some(context)));
    }
    let config = kubeconfig_json(&env.path(".kube/config"));
    let clusters: Vec<&str> =
        config["clusters"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        clusters,
        [
            format!("ack-{DEMO_WEB_CLUSTER_ID}"),
            format!("ack-{DEMO_BATCH_CLUSTER_ID}"),
            format!("ack-{DEMO_WEB_CLUSTER_ID}-private")
        ]
    );
    let servers: Vec<&str> =
        config["clusters"].as_array().unwrap().iter().map(|c| c["cluster"]["server"].as_str().unwrap()).collect();
    assert_eq!(servers.len(), 3);
    assert!(servers[0] != servers[2], "public and private point at the same address");
    let provenance = &config["contexts"][2]["context"]["extensions"][0];
    assert_eq!(provenance["name"], "kubectl-ack");
    assert_eq!(provenance["extension"]["clusterId"], DEMO_WEB_CLUSTER_ID);
    assert_eq!(provenance["extension"]["access"], "private");
    assert_eq!(provenance["extension"]["mode"], "certificate");
}

/// JSON text keeps the key order of the document (serde_json's preserve_order).
fn in_order(value: &(impl serde::Serialize + ?Sized)) -> String {
    serde_json::to_string(value).unwrap()
}

/// Every top-level key and every named entry of `before` is in `after`, unchanged and in order.
fn assert_everything_kept(before: &Value, after: &Value) {
    let before = before.as_object().unwrap();
    let after_map = after.as_object().unwrap();
    let kept_keys: Vec<&String> = after_map.keys().filter(|key| before.contains_key(*key)).collect();
    assert_eq!(kept_keys, before.keys().collect::<Vec<_>>(), "top-level keys lost or reordered");
    for (key, value) in before {
        match value.as_array() {
            Some(entries) if ["clusters", "users", "contexts"].contains(&key.as_str()) => {
                let now = after_map[key].as_array().unwrap();
                // Serialised text, because map equality would not notice reordered keys.
                assert_eq!(in_order(&now[..entries.len()]), in_order(entries), "{key}: an existing entry changed");
            }
            _ if key == "current-context" => {}
            _ => assert_eq!(in_order(&after_map[key]), in_order(value), "{key} changed"),
        }
    }
}

#[test]
fn a_rich_kubeconfig_keeps_everything_and_only_the_chosen_file_of_three_changes() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let rich = include_str!("fixtures/rich-kubeconfig.yaml");
    let first = env.write("kube/a", rich);
    let second_text = "apiVersion: v1\nkind: Config\n# second\nclusters: []\n";
    let second = env.write("kube/b", second_text);
    let third = env.path("kube/c-missing");
    let list = std::env::join_paths([&third, &first, &second]).unwrap();
    ok(demo_ack(&env, &sandbox).env("KUBECONFIG", &list).args(["get-credentials", "demo-web"]));

    assert_eq!(std::fs::read_to_string(&second).unwrap(), second_text, "b changed");
    assert!(!third.exists(), "the missing file was created although a:b exist");
    let before: Value = serde_saphyr::from_str(rich).unwrap();
    let after = kubeconfig_json(&first);
    assert_everything_kept(&before, &after);
    assert_eq!(after["current-context"], "demo-web");
    assert_four_namespaces(&run(kubectl_in(&env).env("KUBECONFIG", &list).args(["get", "namespaces", "-o", "name"])));
    // kubectl still reads the exec user's odd strings as strings.
    let view = ok(kubectl_in(&env).env("KUBECONFIG", &list).args(["config", "view", "--raw", "-o", "json"]));
    let view: Value = serde_json::from_slice(&view.stdout).unwrap();
    let exec_user = view["users"].as_array().unwrap().iter().find(|u| u["name"] == "prod-exec").unwrap();
    assert_eq!(exec_user["user"]["exec"]["env"][0]["value"], "yes");
    assert_eq!(exec_user["user"]["exec"]["env"][1]["value"], "12:30");
}

#[test]
fn a_merge_leaves_every_byte_of_the_entries_it_does_not_change_comments_included() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    // A hand-kept file: comments, odd quoting and spacing, an indented list, YAML 1.1 spellings.
    let before = "# my clusters, kept by hand\napiVersion: v1\nclusters:\n  - name: kind   # local\n    cluster:\n      server: 'https://127.0.0.1:1'\n      insecure-skip-tls-verify: yes\n\n  # the next one is old\n  - name: old\n    cluster: {server: \"https://127.0.0.1:2\"}\ncontexts:\n  - name: kind\n    context: {cluster: kind, user: me, namespace: \"012\"}\ncurrent-context: kind   # switched by hand\nkind: Config\nusers:\n  - name: me\n    user:\n      token: not-a-secret-just-a-test\n# end of file\n";
    let config = env.write(".kube/config", before);
    ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web"]));

    let after = std::fs::read_to_string(&config).unwrap();
    // Every line but current-context's is still there, in order; the new entries sit between them.
    let mut after_lines = after.lines();
    for line in before.lines().filter(|line| !line.starts_with("current-context:")) {
        assert!(after_lines.any(|kept| kept == line), "line {line:?} was changed or lost:\n{after}");
    }
    assert!(after.contains("\ncurrent-context: demo-web   # switched by hand\n"), "{after}");
    assert_four_namespaces(&namespaces(&env, Some("demo-web")));
    let view = ok(kubectl_in(&env).args(["config", "view", "-o", "json"]));
    let view: Value = serde_json::from_slice(&view.stdout).unwrap();
    let kind = view["contexts"].as_array().unwrap().iter().find(|context| context["name"] == "kind").unwrap();
    assert_eq!(kind["context"]["namespace"], "012", "kubectl reads the untouched context as before");
    let clusters = view["clusters"].as_array().unwrap();
    assert_eq!(clusters.iter().filter(|cluster| cluster["name"].as_str().unwrap().starts_with("ack-")).count(), 1);
    let kind = clusters.iter().find(|cluster| cluster["name"] == "kind").unwrap();
    assert_eq!(kind["cluster"]["insecure-skip-tls-verify"], true, "`yes` is still true to kubectl");
}

#[test]
fn after_a_revoke_kubectl_is_refused_and_fetching_again_repairs_it() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web"]));
    assert_four_namespaces(&namespaces(&env, None));

    let refused = run(demo_ack(&env, &sandbox).args(["revoke", "demo-web"]).stdin(std::process::Stdio::null()));
    assert_eq!(code(&refused), 1);
    assert!(stderr(&refused).contains("--yes"), "{}", stderr(&refused));
    assert_eq!(sandbox.request_count("RevokeK8sClusterKubeConfig"), 0);

    let revoked = ok(demo_ack(&env, &sandbox).args(["revoke", "demo-web", "--yes"]));
    let text = stdout(&revoked);
    assert!(text.contains(&format!("kubectl ack get-credentials {DEMO_WEB_CLUSTER_ID} --context demo-web")), "{text}");
    let after_revoke = namespaces(&env, None);
    assert_ne!(code(&after_revoke), 0);
    assert!(
        stderr(&after_revoke).contains("Unauthorized") || stderr(&after_revoke).contains("logged in"),
        "{}",
        stderr(&after_revoke)
    );

    ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web"]));
    assert_four_namespaces(&namespaces(&env, None));
    let config = kubeconfig_json(&env.path(".kube/config"));
    assert_eq!(config["contexts"].as_array().unwrap().len(), 1, "re-running added entries instead of updating");
}

#[test]
fn sixteen_writers_at_once_lose_no_context() {
    let sandbox = Sandbox::start_with(SandboxConfig::empty().with_account(Account::demo()));
    let ids: Vec<String> = (0..16).map(|_| random_cluster_id()).collect();
    for (index, id) in ids.iter().enumerate() {
        sandbox.add_cluster(Cluster::new(id.clone(), format!("fleet-{index:02}"), DEMO_REGION).public_only());
    }
    let env = TestEnv::new();
    // All sixteen are started before any is waited for, so they contend for the lock.
    let spawned: Vec<_> = ids
        .iter()
        .map(|id| {
            demo_ack(&env, &sandbox)
                .env("KUBECTL_ACK_LOCK_TIMEOUT", "60s")
                .args(["get-credentials", id, "--no-set-current"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in spawned {
        let output = child.wait_with_output().unwrap();
        assert_eq!(code(&output), 0, "{}", stderr(&output));
    }
    let config = kubeconfig_json(&env.path(".kube/config"));
    let contexts: Vec<&str> =
        config["contexts"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(contexts.len(), 16, "{contexts:?}");
    let leftovers: Vec<String> = std::fs::read_dir(env.path(".kube"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(leftovers, ["config"], "lock or temp files left behind");
}

#[test]
fn failures_leave_the_kubeconfig_byte_for_byte_as_it_was() {
    let sandbox = Sandbox::start();
    sandbox.add_account(
        Account::new("LTAIdeniedkey", "denied-secret", "272899990000002").denying("cs:DescribeClusterUserKubeconfig"),
    );
    let foreign = "apiVersion: v1\nkind: Config\ncurrent-context: demo-web\ncontexts:\n- name: demo-web\n  context:\n    cluster: my-kind-cluster\n    user: me\nclusters:\n- name: my-kind-cluster\n  cluster:\n    server: https://127.0.0.1:1\n";
    let bad_answer = fixed_answer_server(
        "application/json",
        br#"{"config":"apiVersion: v1\nkind: Config\nclusters: 7\n","expiration":"2030-01-01T00:00:00Z"}"#.to_vec(),
    );
    type Case = (&'static str, &'static str, Box<dyn Fn(&mut Command)>, &'static str);
    let cases: Vec<Case> = vec![
        (
            "RAM denial",
            foreign,
            Box::new(|c: &mut Command| {
                c.env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIdeniedkey")
                    .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "denied-secret");
            }),
            "StatusForbidden",
        ),
        ("truncated body", foreign, Box::new(|_: &mut Command| {}), "truncated"),
        (
            "invalid kubeconfig from the API",
            foreign,
            Box::new(move |c: &mut Command| {
                c.env("KUBECTL_ACK_ENDPOINT", &bad_answer);
            }),
            "cannot be used",
        ),
        ("target is not YAML", "clusters: [\n  - {", Box::new(|_: &mut Command| {}), "not a valid kubeconfig"),
        (
            "name clash",
            foreign,
            Box::new(|_: &mut Command| {}),
            "already exists and belongs to cluster \"my-kind-cluster\"",
        ),
    ];
    for (what, contents, setup, message) in cases {
        let env = TestEnv::new();
        let file = env.write(".kube/config", contents);
        if what == "truncated body" {
            sandbox.inject(Fault::truncated_body().only("DescribeClusterUserKubeconfig"));
        }
        let mut command = demo_ack(&env, &sandbox);
        setup(&mut command);
        let output = run(command.args(["get-credentials", DEMO_WEB_CLUSTER_ID]));
        let err = stderr(&output);
        assert_eq!(code(&output), 1, "{what}: {err}");
        assert!(err.starts_with("error: "), "{what}: {err}");
        assert!(err.contains(message), "{what}: expected {message:?} in:\n{err}");
        assert_eq!(err.lines().filter(|line| line.starts_with("error:")).count(), 1, "{what}:\n{err}");
        assert!(err.contains("  hint: "), "{what}: no hint:\n{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), contents, "{what}: the kubeconfig changed");
        let names: Vec<_> = std::fs::read_dir(env.path(".kube")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["config"], "{what}: files left behind");
    }

    // A broken target is found before any request: no certificate is minted for nothing.
    let env = TestEnv::new();
    env.write(".kube/config", "clusters: [\n  - {");
    sandbox.clear_requests();
    assert_eq!(code(&run(demo_ack(&env, &sandbox).args(["get-credentials", DEMO_WEB_CLUSTER_ID]))), 1);
    assert!(sandbox.requests().is_empty(), "the API was called although the kubeconfig is broken");

    // With --overwrite the clash is resolved and the foreign context replaced.
    let env = TestEnv::new();
    env.write(".kube/config", foreign);
    ok(demo_ack(&env, &sandbox).args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--overwrite"]));
    assert_four_namespaces(&namespaces(&env, Some("demo-web")));
}

#[test]
fn an_unwritable_target_directory_fails_cleanly() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    // The kubeconfig's "directory" is a file: nothing can be created there, even by root.
    env.write("not-a-dir", "I am a file");
    let target = env.path("not-a-dir/config");
    let output = run(demo_ack(&env, &sandbox).args([
        "get-credentials".as_ref(),
        DEMO_WEB_CLUSTER_ID.as_ref(),
        "--kubeconfig".as_ref(),
        target.as_os_str(),
    ]));
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(stderr(&output).starts_with("error: "), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(env.path("not-a-dir")).unwrap(), "I am a file");
}

#[test]
fn print_writes_nothing_and_bad_durations_are_refused_before_any_request() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let printed = ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--print"]));
    let document: Value = serde_saphyr::from_str(&stdout(&printed)).unwrap();
    assert_eq!(document["current-context"], "demo-web");
    assert_eq!(document["clusters"][0]["name"], format!("ack-{DEMO_WEB_CLUSTER_ID}"));
    assert!(!env.path(".kube").exists(), "--print wrote a file");

    sandbox.clear_requests();
    for bad in ["5m", "4d", "90s", "soon"] {
        let output = run(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--temporary", bad]));
        assert_eq!(code(&output), 2, "{bad}: {}", stderr(&output));
    }
    assert!(sandbox.requests().is_empty(), "a request went out for a bad duration");
}

#[test]
fn cluster_names_are_resolved_and_unknown_or_ambiguous_ones_explained() {
    let sandbox = Sandbox::start();
    sandbox.add_cluster(Cluster::random("twin", DEMO_REGION).public_only());
    sandbox.add_cluster(Cluster::random("twin", DEMO_REGION).public_only());
    let env = TestEnv::new();
    let unknown = run(demo_ack(&env, &sandbox).args(["get-credentials", "no-such-cluster"]));
    assert_eq!(code(&unknown), 1);
    assert!(
        stderr(&unknown).contains("no cluster named \"no-such-cluster\" in region cn-hangzhou"),
        "{}",
        stderr(&unknown)
    );
    let twins = run(demo_ack(&env, &sandbox).args(["get-credentials", "twin"]));
    assert_eq!(code(&twins), 1);
    let err = stderr(&twins);
    assert!(err.contains("2 clusters are named \"twin\"") && err.contains("hint: pass the cluster ID"), "{err}");
}

#[test]
fn verify_explains_a_certificate_that_does_not_cover_the_address() {
    let sandbox = Sandbox::start();
    let id = random_cluster_id();
    sandbox.add_cluster(Cluster::new(id.clone(), "moved-slb", DEMO_REGION).public_only().with_san_mismatch());
    let env = TestEnv::new();
    let output = run(demo_ack(&env, &sandbox).args(["get-credentials", &id, "--verify"]));
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("Merged context \"moved-slb\""), "the kubeconfig should still be written:\n{err}");
    assert!(err.contains("x509: the API server's certificate is not valid for"), "{err}");
    assert!(err.contains("SANs") && err.contains("--insecure-skip-tls-verify"), "both remedies expected:\n{err}");

    let ok_output = ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--verify"]));
    assert!(stderr(&ok_output).contains("Verified: listed 4 namespaces"), "{}", stderr(&ok_output));
}

#[test]
fn insecure_skip_tls_verify_drops_the_ca_with_a_warning_and_a_readable_file_is_flagged() {
    let sandbox = Sandbox::start();
    let id = random_cluster_id();
    sandbox.add_cluster(Cluster::new(id.clone(), "dedicated", DEMO_REGION).public_only().with_san_mismatch());
    let env = TestEnv::new();
    let output = ok(demo_ack(&env, &sandbox).args(["get-credentials", &id, "--insecure-skip-tls-verify", "--verify"]));
    let err = stderr(&output);
    assert!(err.contains("warning: --insecure-skip-tls-verify") && err.contains("dedicated"), "{err}");
    assert!(err.contains("Verified: listed 4 namespaces"), "{err}");
    let config = kubeconfig_json(&env.path(".kube/config"));
    let cluster = &config["clusters"][0]["cluster"];
    assert_eq!(cluster["insecure-skip-tls-verify"], true);
    assert!(cluster.get("certificate-authority-data").is_none(), "CA data kept next to insecure-skip-tls-verify");
    assert_four_namespaces(&namespaces(&env, Some("dedicated")));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let file = env.path(".kube/config");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let again = ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web"]));
        assert!(
            stderr(&again).contains("warning: ~/.kube/config is readable by other users (mode 0644)"),
            "{}",
            stderr(&again)
        );
        assert_eq!(mode(&file), 0o644, "the user's mode was changed without asking");
    }
}

/// Issue 13, item 16: every fetch mints a live certificate at ACK, so a target that cannot be written
/// (a stale lock, a directory that cannot hold the kubeconfig) is found before the API is called.
#[test]
fn a_target_that_cannot_be_written_is_found_before_a_certificate_is_minted() {
    let sandbox = Sandbox::start();
    let fetches = || sandbox.request_count("DescribeClusterUserKubeconfig");

    let env = TestEnv::new();
    env.write(".kube/config", "apiVersion: v1\nkind: Config\n");
    env.write(".kube/config.lock", "");
    let locked = run(demo_ack(&env, &sandbox)
        .env("KUBECTL_ACK_LOCK_TIMEOUT", "200ms")
        .args(["get-credentials", DEMO_WEB_CLUSTER_ID]));
    assert_eq!(code(&locked), 1, "{}", stderr(&locked));
    assert!(stderr(&locked).contains("is locked"), "{}", stderr(&locked));
    assert_eq!(fetches(), 0, "a certificate was minted although the kubeconfig was locked");

    let env = TestEnv::new();
    env.write("not-a-dir", "a file where the kubeconfig's directory should be");
    let target = env.path("not-a-dir/config");
    let output = run(demo_ack(&env, &sandbox).args([
        "get-credentials".as_ref(),
        DEMO_WEB_CLUSTER_ID.as_ref(),
        "--kubeconfig".as_ref(),
        target.as_os_str(),
    ]));
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert_eq!(fetches(), 0, "a certificate was minted for a kubeconfig that cannot be written");

    let env = TestEnv::new();
    env.write(".kube/config.lock", "");
    let all = run(demo_ack(&env, &sandbox).env("KUBECTL_ACK_LOCK_TIMEOUT", "200ms").args(["get-credentials", "--all"]));
    assert_eq!(code(&all), 1, "{}", stderr(&all));
    assert_eq!(fetches(), 0, "--all minted certificates although the kubeconfig was locked");
}
