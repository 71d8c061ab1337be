//! `ack-sandbox tour` (issue 19): the README's walk-through runs by itself against a sandbox, with the real
//! kubectl-ack and kubectl, ends well, and leaves the user's own kubeconfig byte for byte as it was.

mod common;

use ack_sandbox::tour::{TourSetup, run_tour};
use common::*;

#[test]
fn the_tour_runs_every_step_and_leaves_the_users_kubeconfig_untouched() {
    let env = TestEnv::new();
    let own = env.write(".kube/config", "apiVersion: v1\nkind: Config\n# mine, do not touch\ncontexts: []\n");
    let before = std::fs::read(&own).unwrap();
    let setup = TourSetup { kubectl_ack: BINARY.into(), kubectl: Some(kubectl()), own_kubeconfigs: vec![own.clone()] };
    let mut out = Vec::new();
    let ended_well = run_tour(&setup, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(ended_well, "{text}");
    for shown in [
        "$ kubectl ack get-credentials demo-web --temporary 30m",
        "$ kubectl get namespaces",
        "$ kubectl ack whoami",
        "$ kubectl ack expiry",
        "$ kubectl ack audit demo-web",
        "$ kubectl ack doctor",
        "$ kubectl ack rotate --dry-run",
    ] {
        assert!(text.contains(shown), "{shown} missing:\n{text}");
    }
    assert!(text.contains("kube-system"), "kubectl listed no namespaces:\n{text}");
    assert!(text.contains("7 passed."), "doctor did not pass:\n{text}");
    assert!(!text.contains("(exit status"), "{text}");
    assert!(text.contains("was not touched: byte for byte as before the tour."), "{text}");
    assert!(text.trim_end().ends_with("Tour done. Try it by hand: cargo run -p ack-sandbox -- shell"), "{text}");
    assert_eq!(std::fs::read(&own).unwrap(), before);
    // The throwaway HOME is gone.
    let home = text.lines().next().unwrap().split("HOME is ").nth(1).unwrap().trim_end_matches(" for this tour.");
    assert!(!std::path::Path::new(home).exists(), "{home} was left behind");
}
