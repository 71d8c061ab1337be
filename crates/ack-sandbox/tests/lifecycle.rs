//! The user-lifecycle operations (issue 16) as the sandbox models them: a user's states across
//! clusters, grants, the 7-day activity check, root and self refused, cleans that become `Removed`
//! and end the certificates, deleted cluster, and a kubeconfig the account issues for a RAM user.

mod common;

use common::*;
use reqwest::StatusCode;

const ALICE: &str = "283456789012345";

fn alice() -> Keys {
    Keys::new("LTAI5tSandboxAlice000001", "alice-secret")
}

fn sandbox_with_alice() -> Sandbox {
    let sandbox = Sandbox::start();
    sandbox.add_account(Account::new("LTAI5tSandboxAlice000001", "alice-secret", ALICE).named("alice"));
    sandbox
}

async fn states(sandbox: &Sandbox, uid: &str) -> Vec<(String, String)> {
    let answer = send(
        &sandbox.endpoint(),
        &Call::get(&format!("/users/{uid}/kubeconfig/states"), "ListUserKubeConfigStates"),
        &Keys::demo(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.raw);
    answer.body["states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|state| {
            (state["cluster_id"].as_str().unwrap().to_string(), state["cert_state"].as_str().unwrap().to_string())
        })
        .collect()
}

fn state_of(states: &[(String, String)], cluster: &str) -> String {
    states.iter().find(|(id, _)| id == cluster).map(|(_, state)| state.clone()).unwrap()
}

#[tokio::test]
async fn a_users_kubeconfigs_are_listed_cleaned_and_then_removed() {
    let sandbox = sandbox_with_alice();
    sandbox.grant(ALICE, DEMO_WEB_CLUSTER_ID, "dev");
    let (status, _) = send_raw(&sandbox, &Call::kubeconfig(DEMO_WEB_CLUSTER_ID), &alice()).await;
    assert_eq!(status, StatusCode::OK);
    let before = states(&sandbox, ALICE).await;
    assert_eq!(state_of(&before, DEMO_WEB_CLUSTER_ID), "Unexpired");
    assert_eq!(state_of(&before, DEMO_BATCH_CLUSTER_ID), "Unissued");
    let grants = send(
        &sandbox.endpoint(),
        &Call::get(&format!("/permissions/users/{ALICE}"), "DescribeUserPermission"),
        &Keys::demo(),
    )
    .await;
    assert_eq!(grants.body[0]["resource_id"], DEMO_WEB_CLUSTER_ID, "{}", grants.raw);
    assert_eq!(grants.body[0]["role_name"], "dev");

    sandbox.set_clean_delay(1);
    let clean = Call::delete(&format!("/users/{ALICE}/permissions"), "CleanUserPermissions").query("Force", "false");
    let answer = send(&sandbox.endpoint(), &clean, &Keys::demo()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.raw);
    assert!(answer.body["task_id"].as_str().unwrap().starts_with("clean-user-permissions-"));
    // The task runs: one listing still shows the kubeconfig, the next shows it removed.
    assert_eq!(state_of(&states(&sandbox, ALICE).await, DEMO_WEB_CLUSTER_ID), "Unexpired");
    assert_eq!(state_of(&states(&sandbox, ALICE).await, DEMO_WEB_CLUSTER_ID), "Removed");
    let grants = send(
        &sandbox.endpoint(),
        &Call::get(&format!("/permissions/users/{ALICE}"), "DescribeUserPermission"),
        &Keys::demo(),
    )
    .await;
    assert_eq!(grants.body, serde_json::json!([]));
}

#[tokio::test]
async fn a_clean_without_force_is_refused_for_an_active_user_or_an_unreadable_audit_log() {
    let sandbox = sandbox_with_alice();
    send_raw(&sandbox, &Call::kubeconfig(DEMO_WEB_CLUSTER_ID), &alice()).await;
    sandbox.record_activity(DEMO_WEB_CLUSTER_ID, ALICE, sandbox.now());
    let path = format!("/cluster/{DEMO_WEB_CLUSTER_ID}/user/{ALICE}/permissions");
    let refused = send(&sandbox.endpoint(), &Call::delete(&path, "CleanClusterUserPermissions"), &Keys::demo()).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::BAD_REQUEST, "ErrorUserActive"), "{}", refused.raw);
    let activity = send(
        &sandbox.endpoint(),
        &Call::get(
            &format!("/clusters/{DEMO_WEB_CLUSTER_ID}/users/{ALICE}/activity-state"),
            "DescribeUserClusterActivityState",
        ),
        &Keys::demo(),
    )
    .await;
    assert_eq!(activity.body["active"], true, "{}", activity.raw);

    sandbox.advance_clock(std::time::Duration::from_secs(8 * 86_400));
    sandbox.disable_audit_log(DEMO_WEB_CLUSTER_ID);
    let refused = send(&sandbox.endpoint(), &Call::delete(&path, "CleanClusterUserPermissions"), &Keys::demo()).await;
    assert_eq!(refused.code(), "ErrorAuditLogUnavailable", "{}", refused.raw);

    let forced = send(
        &sandbox.endpoint(),
        &Call::delete(&path, "CleanClusterUserPermissions").query("Force", "true"),
        &Keys::demo(),
    )
    .await;
    assert_eq!(forced.status, StatusCode::OK, "{}", forced.raw);
    assert!(forced.raw.is_empty(), "answers with the status only: {}", forced.raw);
    assert_eq!(state_of(&states(&sandbox, ALICE).await, DEMO_WEB_CLUSTER_ID), "Removed");
}

#[tokio::test]
async fn root_and_self_are_refused() {
    let sandbox = sandbox_with_alice();
    let root = Call::delete(&format!("/users/{DEMO_UID}/permissions"), "CleanUserPermissions").query("Force", "true");
    assert_eq!(send(&sandbox.endpoint(), &root, &Keys::demo()).await.code(), "ErrorCleanRootAccount");
    let own = Call::delete(&format!("/users/{ALICE}/permissions"), "CleanUserPermissions").query("Force", "true");
    assert_eq!(send(&sandbox.endpoint(), &own, &alice()).await.code(), "ErrorCleanSelf");
}

#[tokio::test]
async fn only_the_account_issues_a_kubeconfig_for_its_ram_user() {
    let sandbox = sandbox_with_alice();
    let path = format!("/k8s/{DEMO_WEB_CLUSTER_ID}/users/{ALICE}/user_config");
    let call = Call::get(&path, "DescribeSubaccountK8sClusterUserConfig");
    let issued = send(&sandbox.endpoint(), &call, &Keys::demo()).await;
    assert_eq!(issued.status, StatusCode::OK, "{}", issued.raw);
    assert!(issued.body["config"].as_str().unwrap().contains(&format!("name: \"{ALICE}\"")));
    assert_eq!(state_of(&states(&sandbox, ALICE).await, DEMO_WEB_CLUSTER_ID), "Unexpired");
    let denied = send(&sandbox.endpoint(), &Call::get(&path, "DescribeSubaccountK8sClusterUserConfig"), &alice()).await;
    assert_eq!((denied.status, denied.code()), (StatusCode::FORBIDDEN, "StatusForbidden"), "{}", denied.raw);
}

#[tokio::test]
async fn a_deleted_users_keys_stop_working_and_a_deleted_cluster_is_not_found() {
    let sandbox = sandbox_with_alice();
    sandbox.set_account_state(ALICE, "Deleted");
    let (status, _) = send_raw(&sandbox, &Call::kubeconfig(DEMO_WEB_CLUSTER_ID), &alice()).await;
    assert_ne!(status, StatusCode::OK);
    sandbox.delete_cluster(DEMO_BATCH_CLUSTER_ID);
    let detail = send(
        &sandbox.endpoint(),
        &Call::get(&format!("/clusters/{DEMO_BATCH_CLUSTER_ID}"), "DescribeClusterDetail"),
        &Keys::demo(),
    )
    .await;
    assert_eq!(detail.code(), "ErrorClusterNotFound");
}

async fn send_raw(sandbox: &Sandbox, call: &Call, keys: &Keys) -> (StatusCode, String) {
    let answer = send(&sandbox.endpoint(), call, keys).await;
    (answer.status, answer.raw)
}
