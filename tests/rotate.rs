//! `rotate` end to end: a kubeconfig with three ACK contexts (a long-term certificate inside ACK's
//! 180-day renewal window, a temporary one about to expire, a fresh one) and two contexts of other
//! clusters; the real binary, the sandbox and the real kubectl.

mod common;

use std::path::Path;

use std::time::Duration;

use ack_sandbox::*;
use common::*;
use serde_json::Value;

const DAY: u64 = 86_400;
/// The sandbox's long-term certificates last three years.
const THREE_YEARS: u64 = 3 * 365 * DAY;
const KUBECONFIG_CALL: &str = "DescribeClusterUserKubeconfig";

fn read_json(path: &Path) -> Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).expect("the kubeconfig is valid YAML")
}

fn entry<'a>(config: &'a Value, section: &str, name: &str) -> &'a Value {
    config[section]
        .as_array()
        .and_then(|entries| entries.iter().find(|entry| entry["name"] == name))
        .unwrap_or_else(|| panic!("no {section} entry {name}"))
}

fn context_entries<'a>(config: &'a Value, context: &str) -> [&'a Value; 3] {
    let body = entry(config, "contexts", context);
    let cluster = body["context"]["cluster"].as_str().unwrap();
    let user = body["context"]["user"].as_str().unwrap();
    [body, entry(config, "clusters", cluster), entry(config, "users", user)]
}

fn provenance<'a>(config: &'a Value, context: &str) -> &'a Value {
    let extensions = entry(config, "contexts", context)["context"]["extensions"].as_array().unwrap();
    &extensions.iter().find(|extension| extension["name"] == "kubectl-ack").unwrap()["extension"]
}

fn client_certificate(config: &Value, context: &str) -> String {
    context_entries(config, context)[2]["user"]["client-certificate-data"].as_str().unwrap().to_string()
}

/// The certificate's validity as (notBefore, notAfter) in unix seconds, read with kubectl-ack's own
/// `whoami -o json`, which the offline tests pin.
fn validity(env: &TestEnv, context: &str) -> (i64, i64) {
    let output = ok(env.command().args(["whoami", "--context", context, "-o", "json"]));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let at = |key: &str| {
        let text = report["certificate"][key].as_str().unwrap_or_else(|| panic!("{key} in {report}"));
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).unwrap().unix_timestamp()
    };
    (at("notBefore"), at("notAfter"))
}

/// The sandbox backdates notBefore a little, for clock skew, as real CAs do.
fn assert_lifetime(seconds: i64, expected: u64, what: &str) {
    let expected = expected as i64;
    assert!((expected..=expected + 120).contains(&seconds), "{what}: {seconds} s, not {expected} s");
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Three ACK contexts (`demo-web`: long-term with 100 days left; `demo-web-private`: 15 minutes,
/// 7 left; `demo-batch`: fresh long-term) and two of other clusters, written by kubectl itself.
fn five_contexts(env: &TestEnv, sandbox: &Sandbox) {
    // A long-term certificate issued almost three years ago: its notAfter is 100 days away.
    let old = Duration::from_secs(THREE_YEARS - 100 * DAY);
    sandbox.rewind_clock(old);
    ok(demo_ack(env, sandbox).args(["get-credentials", "demo-web"]));
    sandbox.advance_clock(old);

    let eight_minutes = Duration::from_secs(8 * 60);
    sandbox.rewind_clock(eight_minutes);
    ok(demo_ack(env, sandbox).args(["get-credentials", "demo-web", "--private", "--temporary", "15m"]));
    sandbox.advance_clock(eight_minutes);

    ok(demo_ack(env, sandbox).args(["get-credentials", "demo-batch", "--no-set-current"]));

    for (name, server) in [("kind-local", "https://127.0.0.1:45001"), ("minikube", "https://127.0.0.1:45002")] {
        ok(kubectl_in(env).args(["config", "set-cluster", name, "--server", server]));
        ok(kubectl_in(env).args(["config", "set-credentials", name, "--token", "not-ours"]));
        ok(kubectl_in(env).args(["config", "set-context", name, "--cluster", name, "--user", name]));
    }
}

fn assert_kubectl_works(env: &TestEnv, context: &str) {
    let output = kubectl_in(env).args(["--context", context, "get", "namespaces", "-o", "name"]).output().unwrap();
    assert_eq!(code(&output), 0, "kubectl on {context}: {}", stderr(&output));
    assert!(stdout(&output).contains("namespace/kube-system"), "{}", stdout(&output));
}

fn table_settings(env: &TestEnv) -> insta::Settings {
    let mut settings = snapshot_settings(env);
    // Column widths follow the durations, which move by the second.
    settings.add_filter(r" {2,}", "  ");
    settings
}

#[test]
fn rotate_renews_exactly_the_due_contexts_and_leaves_everything_else_as_it_was() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    five_contexts(&env, &sandbox);
    let file = env.path(".kube/config");
    let before = read_json(&file);
    let (_, web_expiry) = validity(&env, "demo-web");
    assert!((web_expiry - now() - 100 * DAY as i64).abs() < 120, "the long-term certificate has 100 days left");
    let (_, private_expiry) = validity(&env, "demo-web-private");
    assert!((private_expiry - now() - 7 * 60).abs() < 60, "the temporary certificate has 7 minutes left");

    sandbox.clear_requests();
    let output = ok(demo_ack(&env, &sandbox).arg("rotate"));
    assert_eq!(sandbox.request_count(KUBECONFIG_CALL), 2, "exactly two certificates were fetched");
    let table = stdout(&output);
    table_settings(&env).bind(|| insta::assert_snapshot!("rotate_table", table));
    let message = stderr(&output);
    assert!(message.contains("Renewed 2 of 3 ACK contexts in ~/.kube/config."), "{message}");
    assert!(message.contains("note: 2 contexts not written by kubectl-ack were left alone"), "{message}");

    let after = read_json(&file);
    // The fresh ACK context and the two others are untouched, entry for entry.
    for context in ["demo-batch", "kind-local", "minikube"] {
        assert_eq!(context_entries(&after, context), context_entries(&before, context), "{context} changed");
    }
    assert_eq!(after["current-context"], before["current-context"]);
    for section in ["clusters", "users", "contexts"] {
        assert_eq!(after[section].as_array().unwrap().len(), 5, "{section}: entries added or lost");
    }

    // The two due ones hold new certificates, for the same cluster, access and lifetime.
    for context in ["demo-web", "demo-web-private"] {
        assert_ne!(client_certificate(&after, context), client_certificate(&before, context), "{context}");
        let [old, new] = [provenance(&before, context), provenance(&after, context)];
        for key in ["clusterId", "clusterName", "region", "access", "mode", "temporaryMinutes"] {
            assert_eq!(new[key], old[key], "{context}: {key}");
        }
        assert_ne!(new["fetchedAt"], old["fetchedAt"], "{context}");
        assert_ne!(new["notAfter"], old["notAfter"], "{context}");
        // Same cluster entry (the server and CA ACK gives for that access).
        assert_eq!(context_entries(&after, context)[1], context_entries(&before, context)[1], "{context}");
    }
    let (web_from, web_until) = validity(&env, "demo-web");
    assert_lifetime(web_until - web_from, THREE_YEARS, "a long-term certificate again");
    let (private_from, private_until) = validity(&env, "demo-web-private");
    assert_lifetime(private_until - private_from, 15 * 60, "the same 15-minute lifetime");
    assert!(private_until - now() > 14 * 60, "a fresh temporary certificate");
    let private_request = sandbox
        .requests()
        .into_iter()
        .find(|request| request.query.iter().any(|(key, value)| key == "PrivateIpAddress" && value == "true"))
        .expect("the private context was fetched with its intranet address");
    assert!(
        private_request.query.contains(&("TemporaryDurationMinutes".into(), "15".into())),
        "{:?}",
        private_request.query
    );

    for context in ["demo-web", "demo-web-private", "demo-batch"] {
        assert_kubectl_works(&env, context);
    }

    // Nothing is due any more: a second run fetches nothing and writes nothing.
    sandbox.clear_requests();
    let text = std::fs::read_to_string(&file).unwrap();
    let again = ok(demo_ack(&env, &sandbox).arg("rotate"));
    assert!(stderr(&again).contains("Renewed 0 of 3 ACK contexts."), "{}", stderr(&again));
    assert_eq!(sandbox.request_count(KUBECONFIG_CALL), 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn dry_run_prints_the_plan_and_changes_nothing() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    five_contexts(&env, &sandbox);
    let file = env.path(".kube/config");
    let bytes = std::fs::read(&file).unwrap();
    sandbox.clear_requests();

    let output = ok(demo_ack(&env, &sandbox).args(["rotate", "--dry-run"]));
    let table = stdout(&output);
    table_settings(&env).bind(|| insta::assert_snapshot!("rotate_dry_run", table));
    assert!(stderr(&output).contains("Dry run: 2 of 3 ACK contexts would be renewed; nothing was changed."));
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "the kubeconfig changed");
    assert!(sandbox.requests().is_empty(), "a dry run called the API: {:?}", sandbox.requests());

    // Machine output says the same.
    let json = ok(demo_ack(&env, &sandbox).args(["rotate", "--dry-run", "-o", "json"]));
    let report: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(report["dryRun"], true);
    let actions: Vec<(String, String)> = report["contexts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|context| (context["context"].as_str().unwrap().into(), context["action"].as_str().unwrap().into()))
        .collect();
    assert_eq!(
        actions,
        // In the file's order, which kubectl's own writes sorted by name.
        [
            ("demo-batch".into(), "skipped".into()),
            ("demo-web".into(), "renew".into()),
            ("demo-web-private".into(), "renew".into())
        ]
    );
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn within_widens_the_window_and_context_narrows_it() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    five_contexts(&env, &sandbox);

    let plan = ok(demo_ack(&env, &sandbox).args(["rotate", "--dry-run", "--within", "1100d", "-o", "json"]));
    let report: Value = serde_json::from_str(&stdout(&plan)).unwrap();
    assert_eq!(report["withinSeconds"], 1100 * DAY);
    assert!(report["contexts"].as_array().unwrap().iter().all(|context| context["action"] == "renew"), "{report}");

    sandbox.clear_requests();
    let one = ok(demo_ack(&env, &sandbox).args(["rotate", "--context", "demo-web", "-o", "json"]));
    let report: Value = serde_json::from_str(&stdout(&one)).unwrap();
    let contexts = report["contexts"].as_array().unwrap();
    assert_eq!(contexts.len(), 1);
    assert_eq!(contexts[0]["action"], "renewed");
    assert_eq!(sandbox.request_count(KUBECONFIG_CALL), 1);
    assert!(!stderr(&one).contains("left alone"), "{}", stderr(&one));
}

#[test]
fn a_context_that_is_not_acks_is_refused_by_name_and_the_file_is_left_as_it_was() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    five_contexts(&env, &sandbox);
    let file = env.path(".kube/config");
    let bytes = std::fs::read(&file).unwrap();
    let output = demo_ack(&env, &sandbox).args(["rotate", "--context", "kind-local"]).output().unwrap();
    assert_eq!(code(&output), 1);
    let message = stderr(&output);
    insta::assert_snapshot!("rotate_not_ack", message);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn a_failed_fetch_is_reported_in_its_row_and_the_others_are_still_written() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    five_contexts(&env, &sandbox);
    let file = env.path(".kube/config");
    let before = read_json(&file);
    // demo-batch's call fails every attempt; --within makes all three due.
    sandbox.inject(Fault {
        times: 10,
        only: Some(format!("/k8s/{DEMO_BATCH_CLUSTER_ID}/")),
        ..Fault::internal_error()
    });
    let output = demo_ack(&env, &sandbox).args(["rotate", "--within", "1100d", "-o", "json"]).output().unwrap();
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let row = |name: &str| {
        report["contexts"].as_array().unwrap().iter().find(|context| context["context"] == name).unwrap().clone()
    };
    assert_eq!(row("demo-web")["action"], "renewed");
    assert_eq!(row("demo-web-private")["action"], "renewed");
    assert_eq!(row("demo-batch")["action"], "failed");
    assert!(row("demo-batch")["reason"].as_str().unwrap().contains("InternalError"), "{}", row("demo-batch"));
    assert!(stderr(&output).contains("Renewed 2 of 3 ACK contexts in ~/.kube/config; 1 failed."));

    let after = read_json(&file);
    assert_eq!(context_entries(&after, "demo-batch"), context_entries(&before, "demo-batch"));
    assert_ne!(client_certificate(&after, "demo-web"), client_certificate(&before, "demo-web"));
}

#[test]
fn exec_contexts_renew_themselves_and_an_empty_kubeconfig_has_nothing_to_rotate() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let empty = ok(demo_ack(&env, &sandbox).arg("rotate"));
    assert_eq!(stdout(&empty), "");
    assert!(stderr(&empty).starts_with("No ACK contexts in the kubeconfig: nothing to rotate"), "{}", stderr(&empty));

    ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web", "--exec", "--temporary", "15m"]));
    sandbox.clear_requests();
    let output = ok(demo_ack(&env, &sandbox).args(["rotate", "--within", "1100d", "-o", "json"]));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["contexts"][0]["action"], "skipped");
    assert!(report["contexts"][0]["reason"].as_str().unwrap().contains("renews them by itself"));
    assert_eq!(sandbox.request_count(KUBECONFIG_CALL), 0);
}
