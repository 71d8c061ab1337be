//! When someone leaves (issue 16): `audit --all --deleted-accounts` finds the kubeconfigs that should not
//! exist, `offboard` cleans them (ACK's 7-day check, `--force`, root and self refused, `--dry-run`, the
//! wait), their certificates stop working with the real kubectl, and `get-credentials --for-user` issues a
//! kubeconfig for another user without touching the caller's own.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use ack_sandbox::*;
use common::*;
use serde_json::Value;

const DATA_CLUSTER_ID: &str = "c5d6e7f8091a2b3c4d5e6f708192a3b4c";
const BOB: &str = "284000000000001";
const CAROL: &str = "284000000000002";
const DAVE: &str = "284000000000003";
const CLEANS: [&str; 2] = ["CleanUserPermissions", "CleanClusterUserPermissions"];

/// A fleet of three clusters and three RAM users besides the account: bob (to be deleted), carol (to be
/// made inactive), dave (active).
struct Fleet {
    sandbox: Sandbox,
    env: TestEnv,
}

impl Fleet {
    fn new() -> Fleet {
        let sandbox = Sandbox::start();
        sandbox.add_cluster(Cluster::new(DATA_CLUSTER_ID, "demo-data", DEMO_REGION));
        for (uid, name) in [(BOB, "bob"), (CAROL, "carol"), (DAVE, "dave")] {
            sandbox.add_account(Account::new(key_of(uid), secret_of(uid), uid).named(name));
        }
        Fleet { sandbox, env: TestEnv::new() }
    }

    /// kubectl-ack as the account (the demo keys).
    fn admin(&self) -> Command {
        demo_ack(&self.env, &self.sandbox)
    }

    /// kubectl-ack as one of the RAM users.
    fn as_user(&self, uid: &str) -> Command {
        let mut command = sandbox_command(&self.env, &self.sandbox);
        command.env("ALIBABA_CLOUD_ACCESS_KEY_ID", key_of(uid)).env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret_of(uid));
        command
    }

    fn user_kubeconfig(&self, uid: &str) -> PathBuf {
        self.env.path(&format!("{uid}.yaml"))
    }

    /// The user fetches a long-term kubeconfig of `cluster` into a file of their own.
    fn fetch_as(&self, uid: &str, cluster: &str) {
        let file = self.user_kubeconfig(uid);
        ok(self.as_user(uid).args(["get-credentials", cluster, "--kubeconfig"]).arg(&file));
    }

    /// The real kubectl with the user's file and context.
    fn kubectl_as(&self, uid: &str, context: &str) -> Output {
        let mut command = kubectl_in(&self.env);
        command.arg("--kubeconfig").arg(self.user_kubeconfig(uid));
        run(command.args(["--context", context, "get", "namespaces", "-o", "name", "--request-timeout", "20s"]))
    }

    fn cleans_sent(&self) -> usize {
        CLEANS.iter().map(|action| self.sandbox.request_count(action)).sum()
    }

    fn cs_requests(&self) -> usize {
        self.sandbox.requests().iter().filter(|request| request.service == Service::Cs).count()
    }

    /// bob holds kubeconfigs on web and batch and is deleted; carol holds one on data and is inactive;
    /// dave holds one on web and stays. A week passes, so nobody counts as active.
    fn with_leavers() -> Fleet {
        let fleet = Fleet::new();
        fleet.fetch_as(BOB, "demo-web");
        fleet.fetch_as(BOB, "demo-batch");
        fleet.fetch_as(CAROL, "demo-data");
        fleet.fetch_as(DAVE, "demo-web");
        fleet.sandbox.grant(BOB, DEMO_WEB_CLUSTER_ID, "dev");
        fleet.sandbox.set_account_state(BOB, "Deleted");
        fleet.sandbox.set_account_state(CAROL, "InActive");
        fleet
    }
}

fn key_of(uid: &str) -> String {
    format!("LTAI5tFleetUser{uid}")
}

fn secret_of(uid: &str) -> String {
    format!("fleet-secret-{uid}")
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&stdout(output)).unwrap_or_else(|error| panic!("{error}: {}", stdout(output)))
}

/// (cluster ID, account ID) of every row of `audit --all -o json`.
fn audit_rows(report: &Value) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = report["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|cluster| {
            let id = cluster["clusterId"].as_str().unwrap().to_string();
            cluster["kubeconfigs"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |holder| (id.clone(), holder["accountId"].as_str().unwrap().to_string()))
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn audit_all_deleted_accounts_lists_exactly_the_kubeconfigs_that_should_not_exist() {
    let fleet = Fleet::with_leavers();
    let report = json(&ok(fleet.admin().args(["audit", "--all", "--deleted-accounts", "-o", "json"])));
    let mut expected = vec![
        (DEMO_WEB_CLUSTER_ID.to_string(), BOB.to_string()),
        (DEMO_BATCH_CLUSTER_ID.to_string(), BOB.to_string()),
        (DATA_CLUSTER_ID.to_string(), CAROL.to_string()),
    ];
    expected.sort();
    assert_eq!(audit_rows(&report), expected);
    assert_eq!(report["deletedAccountsOnly"], true);
    assert_eq!(report["clusters"].as_array().unwrap().len(), 3);
    // Without the filter dave (active) and the account's own rows are there too.
    let everyone = json(&ok(fleet.admin().args(["audit", "--all", "-o", "json"])));
    assert!(audit_rows(&everyone).contains(&(DEMO_WEB_CLUSTER_ID.to_string(), DAVE.to_string())));

    let table = stdout(&ok(fleet.admin().args(["audit", "--all", "--deleted-accounts"])));
    assert!(table.starts_with("CLUSTER"), "{table}");
    assert_eq!(table.lines().count(), 4, "{table}");
    assert!(table.contains("Deleted") && table.contains("InActive") && !table.contains("dave"), "{table}");
}

#[test]
fn audit_all_reports_a_cluster_it_cannot_audit_names_the_ram_actions_and_shows_the_others() {
    let fleet = Fleet::with_leavers();
    fleet.sandbox.inject(Fault::forbidden().only("ListClusterKubeconfigStates"));
    let output = run(fleet.admin().args(["audit", "--all", "--deleted-accounts"]));
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("could not be audited"), "{err}");
    assert!(err.contains("cs:ListClusterKubeconfigStates") && err.contains("ram:ListUsers"), "{err}");
    assert_eq!(stdout(&output).lines().count(), 1 + 2, "two clusters still shown:\n{}", stdout(&output));
}

#[test]
fn offboarding_a_deleted_user_ends_their_certificates_and_empties_the_audit() {
    let fleet = Fleet::with_leavers();
    let web = "demo-web";
    assert_eq!(code(&fleet.kubectl_as(BOB, web)), 0, "bob's kubeconfig works before");
    fleet.sandbox.advance_clock(std::time::Duration::from_secs(8 * 86_400));

    let output = ok(fleet.admin().args(["offboard", BOB, "--yes"]));
    let text = stdout(&output);
    assert!(text.contains("demo-web") && text.contains("demo-batch") && text.contains("dev"), "{text}");
    assert!(text.contains("removed"), "{text}");
    assert!(stderr(&output).contains("recycle bin"), "{}", stderr(&output));
    assert_eq!(fleet.sandbox.request_count("CleanUserPermissions"), 1);

    let refused = fleet.kubectl_as(BOB, web);
    assert_ne!(code(&refused), 0);
    assert!(
        stderr(&refused).contains("Unauthorized") || stderr(&refused).contains("logged in"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(code(&fleet.kubectl_as(DAVE, web)), 0, "dave is untouched");

    let report = json(&ok(fleet.admin().args(["audit", "--all", "--deleted-accounts", "-o", "json"])));
    assert_eq!(audit_rows(&report), vec![(DATA_CLUSTER_ID.to_string(), CAROL.to_string())]);
    ok(fleet.admin().args(["offboard", CAROL, "--yes"]));
    let report = json(&ok(fleet.admin().args(["audit", "--all", "--deleted-accounts", "-o", "json"])));
    assert_eq!(audit_rows(&report), Vec::<(String, String)>::new());
}

#[test]
fn an_active_user_is_refused_without_force_with_the_reason_and_cleaned_with_it() {
    let fleet = Fleet::with_leavers();
    assert_eq!(code(&fleet.kubectl_as(DAVE, "demo-web")), 0);
    let output = run(fleet.admin().args(["offboard", DAVE, "--yes"]));
    assert_eq!(code(&output), 1);
    let err = stderr(&output);
    assert!(err.starts_with("error: ACK refused to clean"), "{err}");
    assert!(err.contains("within the last 7 days") && err.contains("--force"), "{err}");
    assert_eq!(code(&fleet.kubectl_as(DAVE, "demo-web")), 0, "nothing was cleaned");

    let report = json(&ok(fleet.admin().args(["offboard", DAVE, "--force", "--yes", "-o", "json"])));
    assert_eq!(report["force"], true);
    assert_eq!(report["clean"]["operation"], "CleanClusterUserPermissions");
    assert_eq!(report["clean"]["results"][0]["removed"], true, "{report}");
    assert_ne!(code(&fleet.kubectl_as(DAVE, "demo-web")), 0);
}

#[test]
fn an_unreadable_audit_log_is_explained() {
    let fleet = Fleet::with_leavers();
    fleet.sandbox.disable_audit_log(DATA_CLUSTER_ID);
    let output = run(fleet.admin().args(["offboard", CAROL, "--yes"]));
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("audit"), "{}", stderr(&output));
}

#[test]
fn root_and_self_are_refused_before_any_cs_request() {
    let fleet = Fleet::with_leavers();
    fleet.sandbox.clear_requests();
    let output = run(fleet.admin().args(["offboard", DEMO_UID, "--yes", "--force"]));
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("is the Alibaba Cloud account itself"), "{}", stderr(&output));
    let output = run(fleet.as_user(DAVE).args(["offboard", DAVE, "--yes", "--force"]));
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("is the identity running this command"), "{}", stderr(&output));
    assert_eq!(fleet.cs_requests(), 0, "{:?}", fleet.sandbox.requests());
}

#[test]
fn dry_run_prints_the_plan_and_sends_no_clean() {
    let fleet = Fleet::with_leavers();
    let output = ok(fleet.admin().args(["offboard", BOB, "--dry-run"]));
    assert!(stdout(&output).contains("demo-batch"), "{}", stdout(&output));
    assert!(stderr(&output).contains("dry run"), "{}", stderr(&output));
    let report = json(&ok(fleet.admin().args(["offboard", BOB, "--dry-run", "-o", "json", "--cluster", "demo-web"])));
    assert_eq!(report["kubeconfigs"].as_array().unwrap().len(), 1, "{report}");
    assert_eq!(report["grants"][0]["role_name"], "dev", "{report}");
    assert!(report["clean"].is_null());
    assert_eq!(fleet.cleans_sent(), 0);
    // Without a terminal and without --yes nothing is sent either.
    let output = run(fleet.admin().args(["offboard", BOB]));
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("--yes"), "{}", stderr(&output));
    assert_eq!(fleet.cleans_sent(), 0);
}

#[test]
fn offboard_waits_for_acks_task_and_no_wait_does_not() {
    let fleet = Fleet::with_leavers();
    fleet.sandbox.set_clean_delay(2);
    let report = json(&ok(fleet.admin().args(["offboard", BOB, "--yes", "-o", "json"])));
    assert_eq!(report["clean"]["waited"], true);
    let results = report["clean"]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert!(results.iter().all(|result| result["after"] == "Removed"), "{report}");
    let report = json(&ok(fleet.admin().args(["offboard", CAROL, "--yes", "--no-wait", "-o", "json"])));
    assert_eq!(report["clean"]["waited"], false);
}

#[test]
fn for_user_writes_the_other_users_kubeconfig_and_leaves_the_callers_alone() {
    let fleet = Fleet::new();
    let own = fleet.env.write(".kube/config", "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
    let before = std::fs::read(&own).unwrap();
    let issued = fleet.env.path("dave-web.yaml");
    ok(fleet.admin().args(["get-credentials", "demo-web", "--for-user", DAVE, "--kubeconfig"]).arg(&issued));
    assert_eq!(std::fs::read(&own).unwrap(), before, "the caller's kubeconfig changed");
    let whoami = json(&ok(fleet.env.command().args(["whoami", "-o", "json", "--kubeconfig"]).arg(&issued)));
    assert!(whoami["user"].as_str().unwrap().starts_with(&format!("{DAVE}-")), "{whoami}");
    let mut command = kubectl_in(&fleet.env);
    ok(command.arg("--kubeconfig").arg(&issued).args(["get", "namespaces", "--request-timeout", "20s"]));

    let printed = stdout(&ok(fleet.admin().args(["get-credentials", "demo-web", "--for-user", DAVE, "--print"])));
    assert!(printed.contains(&format!("-{DAVE}")), "{printed}");
    fleet.sandbox.clear_requests();
    for own_file in [None, Some(own.clone())] {
        let mut command = fleet.admin();
        command.args(["get-credentials", "demo-web", "--for-user", DAVE]);
        if let Some(file) = own_file {
            command.arg("--kubeconfig").arg(file);
        }
        let output = run(&mut command);
        assert_eq!(code(&output), 1);
        assert!(stderr(&output).contains("never go into your own kubeconfig"), "{}", stderr(&output));
    }
    assert_eq!(fleet.cs_requests(), 0);
    assert_eq!(std::fs::read(&own).unwrap(), before);

    let output = run(fleet.as_user(BOB).args(["get-credentials", "demo-web", "--for-user", DAVE, "--print"]));
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("only the Alibaba Cloud account itself"), "{}", stderr(&output));
}
