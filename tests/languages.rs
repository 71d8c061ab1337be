//! Issue 18: human output speaks English, Simplified Chinese and Japanese, machine output none of them.
//! Each must-show output (whoami, expiry, the get-credentials line, a RAM denial with its hint, doctor,
//! --help) is snapshotted in each language, chosen by `KUBECTL_ACK_LANG` and once by `LANG` alone (the
//! environment is cleared, so `LC_ALL` and `LC_MESSAGES` are unset); `-o json` and the ExecCredential are
//! compared byte for byte across the languages.

mod common;

use std::process::{Command, Output};

use ack_sandbox::*;
use common::*;

/// How each run chooses its language: `(snapshot suffix, environment)`.
const LANGUAGES: [(&str, &[(&str, &str)]); 4] = [
    ("en", &[("KUBECTL_ACK_LANG", "en")]),
    ("zh-CN", &[("KUBECTL_ACK_LANG", "zh-CN")]),
    ("ja", &[("KUBECTL_ACK_LANG", "ja")]),
    ("ja-from-LANG", &[("LANG", "ja_JP.UTF-8")]),
];

fn speaking<'c>(command: &'c mut Command, environment: &[(&str, &str)]) -> &'c mut Command {
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("KUBECTL_ACK_LANG")
        .envs(environment.iter().copied())
}

/// The exit status and both streams, as one text to snapshot.
fn transcript(output: &Output) -> String {
    let mut text = format!("exit status {}\n{}", code(output), stdout(output));
    if !output.stderr.is_empty() {
        text.push_str(&format!("--- stderr\n{}", stderr(output)));
    }
    text
}

/// The shared filters, plus the sandbox's request IDs.
fn settings(env: &TestEnv) -> insta::Settings {
    let mut settings = snapshot_settings(env);
    settings.add_filter(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}", "[REQUEST-ID]");
    settings
}

fn assert_transcript(name: &str, env: &TestEnv, output: &Output) {
    settings(env).bind(|| insta::assert_snapshot!(name, transcript(output)));
}

#[test]
fn whoami_speaks_each_language() {
    let (env, _ca) = long_term_home();
    for (tag, environment) in LANGUAGES {
        let output = run(speaking(&mut env.command(), environment).arg("whoami"));
        assert_transcript(&format!("whoami-{tag}"), &env, &output);
    }
}

#[test]
fn expiry_speaks_each_language() {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-prod");
    let day = time::Duration::days(1);
    home_with_contexts(&env, &ca, &[("prod-web", day * 3 * 365), ("staging", day * 100), ("old", -day * 2)]);
    for (tag, environment) in LANGUAGES {
        let output = run(speaking(&mut env.command(), environment).args(["expiry", "--all-contexts"]));
        assert_transcript(&format!("expiry-{tag}"), &env, &output);
    }
}

#[test]
fn get_credentials_says_what_it_merged_in_each_language() {
    let sandbox = Sandbox::start();
    for (tag, environment) in LANGUAGES {
        let env = TestEnv::new();
        let output = run(speaking(&mut demo_ack(&env, &sandbox), environment).args(["get-credentials", "demo-web"]));
        assert_eq!(code(&output), 0, "{tag}: {}", stderr(&output));
        assert_transcript(&format!("get-credentials-{tag}"), &env, &output);
    }
}

#[test]
fn a_ram_denial_is_explained_with_its_hint_in_each_language() {
    let sandbox = Sandbox::start();
    sandbox.add_account(
        Account::new("LTAIdeniedkey", "denied-secret", "272899990000002").denying("cs:DescribeClusterUserKubeconfig"),
    );
    for (tag, environment) in LANGUAGES {
        let env = TestEnv::new();
        let mut command = sandbox_command(&env, &sandbox);
        command
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIdeniedkey")
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "denied-secret");
        let output = run(speaking(&mut command, environment).args(["get-credentials", "demo-web"]));
        assert_eq!(code(&output), 1, "{tag}: {}", stderr(&output));
        assert_transcript(&format!("ram-denial-{tag}"), &env, &output);
    }
}

#[test]
fn doctor_speaks_each_language() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    ok(demo_ack(&env, &sandbox).args(["get-credentials", "demo-web"]));
    for (tag, environment) in LANGUAGES {
        let mut command = demo_ack(&env, &sandbox);
        let output =
            run(speaking(&mut command, environment).args(["doctor", "--connect-timeout", "5s", "--timeout", "10s"]));
        assert_transcript(&format!("doctor-{tag}"), &env, &output);
    }
}

#[test]
fn help_speaks_each_language() {
    let env = TestEnv::new();
    for (tag, environment) in LANGUAGES {
        let output = run(speaking(&mut env.command(), environment).arg("--help"));
        assert_transcript(&format!("help-{tag}"), &env, &output);
        let output = run(speaking(&mut env.command(), environment).args(["get-credentials", "-h"]));
        assert_transcript(&format!("help-get-credentials-{tag}"), &env, &output);
    }
}

/// `args`' standard output in every language, every run on one clock (`KUBECTL_ACK_TEST_NOW`, which
/// a debug build honours), so that a report's `checkedAt` and `secondsLeft` are the same in each.
fn machine_output_in_every_language(make: impl Fn() -> Command, args: &[&str]) -> Vec<(String, String)> {
    let now = time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap();
    LANGUAGES
        .iter()
        .map(|(tag, environment)| {
            let output = run(speaking(&mut make(), environment).env("KUBECTL_ACK_TEST_NOW", &now).args(args));
            (tag.to_string(), format!("exit status {}\n{}", code(&output), stdout(&output)))
        })
        .collect()
}

fn assert_byte_identical(outputs: &[(String, String)], what: &str) {
    let (_, english) = &outputs[0];
    assert!(english.contains("\n{"), "{what} is JSON: {english}");
    for (tag, text) in outputs {
        assert_eq!(text, english, "{what} in {tag} differs from English");
    }
}

#[test]
fn machine_output_is_the_same_in_every_language() {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-prod");
    let day = time::Duration::days(1);
    home_with_contexts(&env, &ca, &[("prod-web", day * 3 * 365), ("old", -day * 2)]);
    // The last context's certificate is damaged: expiry's JSON then carries an error made of catalogue words.
    let config = std::fs::read_to_string(env.path(".kube/config")).unwrap();
    let damaged_at = config.rfind("client-certificate-data: ").unwrap();
    let line_end = damaged_at + config[damaged_at..].find('\n').unwrap();
    let damaged =
        format!("{}client-certificate-data: {}{}", &config[..damaged_at], b64("garbage"), &config[line_end..]);
    env.write(".kube/config", &damaged);

    for args in [&["whoami", "-o", "json"][..], &["expiry", "--all-contexts", "-o", "json"]] {
        let outputs = machine_output_in_every_language(|| env.command(), args);
        assert_byte_identical(&outputs, &args.join(" "));
    }
    let expiry = machine_output_in_every_language(|| env.command(), &["expiry", "--all-contexts", "-o", "json"]);
    assert!(expiry[0].1.contains("cannot read the client certificate of context"), "{}", expiry[0].1);
    // The same error is told to people in their language.
    let chinese = run(speaking(&mut env.command(), LANGUAGES[1].1).args(["expiry", "--all-contexts", "-o", "json"]));
    assert!(stderr(&chinese).contains("无法读取上下文"), "{}", stderr(&chinese));
}

#[test]
fn the_exec_credential_is_the_same_in_every_language() {
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let args = ["credential", DEMO_WEB_CLUSTER_ID, "--temporary", "1h"];
    // The first call fetches and caches the certificate; every language then reads the same entry.
    ok(demo_ack(&env, &sandbox).args(args));
    let outputs = machine_output_in_every_language(|| demo_ack(&env, &sandbox), &args);
    assert_byte_identical(&outputs, "the ExecCredential");
    assert!(outputs[0].1.contains(r#""kind":"ExecCredential""#), "{}", outputs[0].1);
}
