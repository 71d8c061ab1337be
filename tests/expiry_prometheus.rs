//! `expiry -o prometheus` through the real binary: the output is parsed by the text format's rules
//! (a small parser below, strict where node_exporter's textfile collector is) and every value is
//! checked against the certificates it describes, including an ACK context written by
//! `get-credentials` against the sandbox, whose provenance gives the `cluster_id` label.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Output;

use ack_sandbox::*;
use common::*;
use serde_json::{Value, json};
use time::OffsetDateTime;

const EXPIRY: &str = "kubectl_ack_certificate_expiry_timestamp_seconds";
const REMAINING: &str = "kubectl_ack_certificate_remaining_seconds";
const READABLE: &str = "kubectl_ack_certificate_readable";
/// A context name that needs both escapes a kubeconfig can carry.
const ODD_CONTEXT: &str = r#"we"ird\ctx"#;

// --- a parser for the Prometheus text exposition format (0.0.4) ---

#[derive(Debug)]
struct Family {
    name: String,
    help: Option<String>,
    kind: Option<String>,
    samples: Vec<Sample>,
}

#[derive(Debug)]
struct Sample {
    labels: BTreeMap<String, String>,
    value: f64,
}

/// `[a-zA-Z_:][a-zA-Z0-9_:]*`
fn is_metric_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|first| first.is_ascii_alphabetic() || first == '_' || first == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

/// `[a-zA-Z_][a-zA-Z0-9_]*`, and not reserved (`__` prefix).
fn is_label_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with("__")
}

/// Every family in order, or the first rule broken. Beyond the format itself, what the textfile
/// collector needs: HELP and TYPE (once each) before a family's samples, a family's samples together,
/// no timestamps, no series twice, a final newline.
fn parse_exposition(text: &str) -> Result<Vec<Family>, String> {
    if !text.ends_with('\n') {
        return Err("the text does not end with a newline".into());
    }
    let mut families: Vec<Family> = Vec::new();
    let mut series = BTreeSet::new();
    for (number, line) in text.lines().enumerate() {
        let at = |problem: String| format!("line {}: {problem}: {line:?}", number + 1);
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("# HELP ") {
            let (name, help) = rest.split_once(' ').ok_or_else(|| at("HELP without text".into()))?;
            let family = announce(&mut families, name).map_err(at)?;
            if family.help.replace(help.to_string()).is_some() {
                return Err(at("a second HELP".into()));
            }
        } else if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').ok_or_else(|| at("TYPE without a type".into()))?;
            if !["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind) {
                return Err(at(format!("unknown type {kind}")));
            }
            let family = announce(&mut families, name).map_err(at)?;
            if family.kind.replace(kind.to_string()).is_some() {
                return Err(at("a second TYPE".into()));
            }
        } else if line.starts_with('#') {
            continue;
        } else {
            let (name, sample) = parse_sample(line).map_err(at)?;
            let family = families.last_mut().filter(|family| family.name == name).ok_or_else(|| {
                at("a sample outside its family (no HELP/TYPE just before, or the family was interrupted)".into())
            })?;
            if family.help.is_none() || family.kind.is_none() {
                return Err(at("a sample before its family's HELP and TYPE".into()));
            }
            if !series.insert((name.clone(), sample.labels.clone())) {
                return Err(at("the same series twice".into()));
            }
            family.samples.push(sample);
        }
    }
    Ok(families)
}

/// The family a HELP or TYPE line is about: the current one, or a new one never seen before.
fn announce<'a>(families: &'a mut Vec<Family>, name: &str) -> Result<&'a mut Family, String> {
    if !is_metric_name(name) {
        return Err(format!("bad metric name {name:?}"));
    }
    let current = families.last().is_some_and(|family| family.name == name && family.samples.is_empty());
    if !current {
        if families.iter().any(|family| family.name == name) {
            return Err(format!("family {name} announced again"));
        }
        families.push(Family { name: name.to_string(), help: None, kind: None, samples: Vec::new() });
    }
    Ok(families.last_mut().unwrap())
}

/// `name{label="value",…} value`, with the format's escapes in label values.
fn parse_sample(line: &str) -> Result<(String, Sample), String> {
    let name_end = line.find(['{', ' ']).ok_or("no value")?;
    let name = &line[..name_end];
    if !is_metric_name(name) {
        return Err(format!("bad metric name {name:?}"));
    }
    let mut rest = &line[name_end..];
    let mut labels = BTreeMap::new();
    if let Some(inner) = rest.strip_prefix('{') {
        let (parsed, after) = parse_labels(inner)?;
        labels = parsed;
        rest = after;
    }
    let fields: Vec<&str> = rest.strip_prefix(' ').ok_or("no space before the value")?.split(' ').collect();
    let [value] = fields[..] else { return Err(format!("expected one value and no timestamp, got {fields:?}")) };
    let value = match value {
        "+Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        "NaN" => f64::NAN,
        number => number.parse().map_err(|_| format!("bad value {number:?}"))?,
    };
    Ok((name.to_string(), Sample { labels, value }))
}

/// The labels up to the closing brace, and what follows it.
fn parse_labels(mut text: &str) -> Result<(BTreeMap<String, String>, &str), String> {
    let mut labels = BTreeMap::new();
    loop {
        if let Some(after) = text.strip_prefix('}') {
            return Ok((labels, after));
        }
        let (name, rest) = text.split_once("=\"").ok_or("a label without =\"")?;
        if !is_label_name(name) {
            return Err(format!("bad label name {name:?}"));
        }
        let mut value = String::new();
        let mut chars = rest.char_indices();
        let end = loop {
            match chars.next().ok_or("an unterminated label value")? {
                (index, '"') => break index,
                (_, '\\') => match chars.next().ok_or("a dangling backslash")?.1 {
                    '\\' => value.push('\\'),
                    '"' => value.push('"'),
                    'n' => value.push('\n'),
                    other => return Err(format!("the escape \\{other} is not in the format")),
                },
                (_, other) => value.push(other),
            }
        };
        if labels.insert(name.to_string(), value).is_some() {
            return Err(format!("label {name} twice"));
        }
        text = &rest[end + 1..];
        text = text.strip_prefix(',').unwrap_or(text);
    }
}

#[test]
fn the_parser_rejects_what_the_format_forbids() {
    let good = "# HELP m help\n# TYPE m gauge\nm{a=\"x\\\"y\\\\z\\n\"} 1\n";
    let families = parse_exposition(good).unwrap();
    assert_eq!(families[0].samples[0].labels["a"], "x\"y\\z\n");
    for bad in [
        "m 1\n",                                                         // no HELP/TYPE
        "# HELP m h\n# TYPE m gauge\nm 1",                               // no final newline
        "# HELP m h\n# TYPE m gauge\nm{a=\"x\\t\"} 1\n",                 // unknown escape
        "# HELP m h\n# TYPE m gauge\nm{a=\"x\"\"} 1\n",                  // unescaped quote
        "# HELP m h\n# TYPE m gauge\nm{0a=\"x\"} 1\n",                   // bad label name
        "# HELP 1m h\n# TYPE 1m gauge\n1m 1\n",                          // bad metric name
        "# HELP m h\n# TYPE m gauge\nm 1 1700000000\n",                  // timestamp
        "# HELP m h\n# TYPE m gauge\nm{a=\"x\"} 1\nm{a=\"x\"} 2\n",      // same series twice
        "# HELP m h\n# TYPE m gauge\n# HELP n h\n# TYPE n gauge\nm 1\n", // interrupted family
    ] {
        assert!(parse_exposition(bad).is_err(), "accepted {bad:?}");
    }
}

// --- the command ---

/// The contexts the tests write, each with the client certificate it holds (None: no certificate).
struct Fixture {
    env: TestEnv,
    /// Context → notAfter of its certificate.
    not_after: BTreeMap<String, OffsetDateTime>,
    _sandbox: Sandbox,
}

fn whole_seconds(at: OffsetDateTime) -> OffsetDateTime {
    at.replace_nanosecond(0).unwrap()
}

/// `plain` (10 days left), `we"ird\ctx` (2 days), `expired` (an hour ago), `sso` (an exec user), and, with
/// `broken`, a context whose certificate data is not a certificate; then `get-credentials demo-web`
/// against the sandbox adds an ACK context with provenance.
fn fixture(broken: bool) -> Fixture {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-prometheus");
    let now = OffsetDateTime::now_utc();
    let issued = now - time::Duration::days(1);
    let specs = [
        ("plain", time::Duration::days(10)),
        (ODD_CONTEXT, time::Duration::days(2)),
        ("expired", -time::Duration::hours(1)),
    ];
    let clients: Vec<(&str, ClientCert, OffsetDateTime)> = specs
        .iter()
        .map(|&(name, left)| {
            let not_after = whole_seconds(now + left);
            (
                name,
                ca.client(&format!("{ACK_UID}-{}", issued.unix_timestamp()), &["system:users"], issued, not_after),
                not_after,
            )
        })
        .collect();
    let contexts: Vec<ContextSpec<'_>> = clients
        .iter()
        .map(|(name, client, _)| ContextSpec { name, server: "https://127.0.0.1:6443", ca_pem: &ca.pem, client })
        .collect();
    let mut config: Value = serde_saphyr::from_str(&kubeconfig(&contexts, "plain")).unwrap();
    add_context(
        &mut config,
        "sso",
        json!({"exec": {"apiVersion": "client.authentication.k8s.io/v1", "command": "sso-login"}}),
    );
    if broken {
        add_context(
            &mut config,
            "broken",
            json!({"client-certificate-data": b64("not a certificate"), "client-key-data": b64("nor a key")}),
        );
    }
    // JSON is YAML: the kubeconfig loader reads it, and get-credentials rewrites it as YAML.
    env.write(".kube/config", &serde_json::to_string_pretty(&config).unwrap());

    let sandbox = Sandbox::start();
    let fetched = with_demo_keys(&mut sandbox_command(&env, &sandbox))
        .args(["get-credentials", "demo-web", "--temporary", "3h", "--no-set-current"])
        .output()
        .unwrap();
    assert_eq!(code(&fetched), 0, "{}", stderr(&fetched));

    let mut not_after: BTreeMap<String, OffsetDateTime> =
        clients.into_iter().map(|(name, _, not_after)| (name.to_string(), not_after)).collect();
    not_after.insert("demo-web".into(), certificate_not_after(&env, "demo-web"));
    Fixture { env, not_after, _sandbox: sandbox }
}

/// A context `name` with a cluster entry and a user entry holding `user`.
fn add_context(config: &mut Value, name: &str, user: Value) {
    let push = |section: &str, entry: Value, config: &mut Value| config[section].as_array_mut().unwrap().push(entry);
    push(
        "clusters",
        json!({"name": format!("{name}-cluster"), "cluster": {"server": "https://127.0.0.1:6443"}}),
        config,
    );
    push("users", json!({"name": format!("{name}-user"), "user": user}), config);
    push(
        "contexts",
        json!({"name": name, "context": {"cluster": format!("{name}-cluster"), "user": format!("{name}-user")}}),
        config,
    );
}

/// notAfter of the certificate a context's user holds, read from the kubeconfig on disk.
fn certificate_not_after(env: &TestEnv, context: &str) -> OffsetDateTime {
    let config: Value = serde_saphyr::from_str(&std::fs::read_to_string(env.path(".kube/config")).unwrap()).unwrap();
    let user_name = entry(&config, "contexts", context)["context"]["user"].clone();
    let user = entry(&config, "users", user_name.as_str().unwrap());
    let pem = decode_b64(user["user"]["client-certificate-data"].as_str().unwrap());
    let (_, pem) = x509_parser::pem::parse_x509_pem(&pem).unwrap();
    pem.parse_x509().unwrap().validity().not_after.to_datetime()
}

fn entry<'a>(config: &'a Value, section: &str, name: &str) -> &'a Value {
    config[section].as_array().unwrap().iter().find(|entry| entry["name"] == name).unwrap()
}

fn decode_b64(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).unwrap()
}

/// Runs `expiry` with these arguments; returns the output and the time just before and after it ran.
fn expiry(fixture: &Fixture, args: &[&str]) -> (Output, OffsetDateTime, OffsetDateTime) {
    let before = OffsetDateTime::now_utc();
    let output = fixture.env.command().arg("expiry").args(args).output().unwrap();
    (output, before, OffsetDateTime::now_utc())
}

fn family<'a>(families: &'a [Family], name: &str) -> &'a Family {
    families.iter().find(|family| family.name == name).unwrap_or_else(|| panic!("no family {name}"))
}

/// Context label → sample value.
fn by_context(family: &Family) -> BTreeMap<&str, f64> {
    family.samples.iter().map(|sample| (sample.labels["context"].as_str(), sample.value)).collect()
}

#[test]
fn every_certificate_context_gets_its_expiry_and_remaining_time() {
    let fixture = fixture(false);
    let (output, before, after) = expiry(&fixture, &["--all-contexts", "-o", "prometheus"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    let families = parse_exposition(&text).unwrap_or_else(|problem| panic!("{problem}\n{text}"));

    let names: Vec<&str> = families.iter().map(|family| family.name.as_str()).collect();
    assert_eq!(names, [EXPIRY, REMAINING, READABLE]);
    for family in &families {
        assert_eq!(family.kind.as_deref(), Some("gauge"), "{}", family.name);
        for sample in &family.samples {
            let keys: Vec<&str> = sample.labels.keys().map(String::as_str).collect();
            assert_eq!(keys, ["cluster_id", "context", "user"], "{}", family.name);
        }
    }

    let certificate_contexts: BTreeSet<&str> = fixture.not_after.keys().map(String::as_str).collect();
    let expiry = by_context(family(&families, EXPIRY));
    let remaining = by_context(family(&families, REMAINING));
    assert_eq!(expiry.keys().copied().collect::<BTreeSet<_>>(), certificate_contexts, "sso has no certificate");
    assert_eq!(remaining.keys().copied().collect::<BTreeSet<_>>(), certificate_contexts);
    assert_eq!(family(&families, EXPIRY).samples.len(), certificate_contexts.len(), "one sample per context");
    for (context, not_after) in &fixture.not_after {
        let not_after_seconds = not_after.unix_timestamp();
        assert_eq!(expiry[context.as_str()], not_after_seconds as f64, "{context}");
        let left = remaining[context.as_str()] as i64;
        let (most, least) = (not_after_seconds - before.unix_timestamp(), not_after_seconds - after.unix_timestamp());
        assert!((least - 1..=most + 1).contains(&left), "{context}: {left}s left, expected {least}..={most}");
    }
    assert!(remaining["expired"] < -3500.0, "an expired certificate has negative time left");

    let readable = by_context(family(&families, READABLE));
    assert_eq!(readable.keys().copied().collect::<BTreeSet<_>>(), certificate_contexts);
    assert!(readable.values().all(|&value| value == 1.0), "{readable:?}");

    assert!(stderr(&output).contains("note: no samples for contexts without a client certificate: sso (exec)"));
}

#[test]
fn labels_name_the_user_entry_and_the_ack_cluster_and_escape_odd_names() {
    let fixture = fixture(false);
    let (output, _, _) = expiry(&fixture, &["-A", "-o", "prometheus"]);
    let text = stdout(&output);
    let families = parse_exposition(&text).unwrap_or_else(|problem| panic!("{problem}\n{text}"));
    let labels: BTreeMap<&str, (&str, &str)> = family(&families, EXPIRY)
        .samples
        .iter()
        .map(|sample| {
            let label = |name: &str| sample.labels[name].as_str();
            (label("context"), (label("cluster_id"), label("user")))
        })
        .collect();
    let ack_user = format!("ack-{DEMO_WEB_CLUSTER_ID}-{DEMO_UID}");
    assert_eq!(labels["demo-web"], (DEMO_WEB_CLUSTER_ID, ack_user.as_str()), "provenance gives the cluster ID");
    assert_eq!(labels["plain"], ("", "ack-plain-user"), "no provenance, no cluster ID");
    let odd_user = format!("ack-{ODD_CONTEXT}-user");
    assert_eq!(labels[ODD_CONTEXT], ("", odd_user.as_str()));
    // On the wire: each quote and backslash escaped once.
    assert!(text.contains(r#"{context="we\"ird\\ctx",cluster_id="",user="ack-we\"ird\\ctx-user"}"#), "{text}");
}

#[test]
fn an_unreadable_certificate_is_data_readable_0_and_the_run_still_exits_0() {
    // Issue 13, item 18: the textfile collector's `expiry … > f.prom.tmp && mv f.prom.tmp f.prom` must
    // still update the file when one context's certificate cannot be read.
    let fixture = fixture(true);
    let (output, _, _) = expiry(&fixture, &["-A", "-o", "prometheus"]);
    assert_eq!(code(&output), 0, "an unreadable certificate is data in prometheus mode: {}", stderr(&output));
    let text = stdout(&output);
    let families = parse_exposition(&text).unwrap_or_else(|problem| panic!("{problem}\n{text}"));
    assert!(!by_context(family(&families, EXPIRY)).contains_key("broken"));
    assert!(!by_context(family(&families, REMAINING)).contains_key("broken"));
    let readable = by_context(family(&families, READABLE));
    assert_eq!(readable["broken"], 0.0);
    assert_eq!(readable["plain"], 1.0);
    let err = stderr(&output);
    assert!(err.contains("cannot read the client certificate of context \"broken\""), "{err}");

    let (one, _, _) = expiry(&fixture, &["--context", "broken", "-o", "prometheus"]);
    assert_eq!(code(&one), 0, "{}", stderr(&one));
    let families = parse_exposition(&stdout(&one)).unwrap();
    assert_eq!(by_context(family(&families, READABLE))["broken"], 0.0);

    // The other formats still fail the run, and an unreadable kubeconfig fails prometheus mode too.
    let (text, _, _) = expiry(&fixture, &["-A"]);
    assert_eq!(code(&text), 1, "{}", stderr(&text));
    let broken_file = fixture.env.write("broken-kubeconfig", "clusters: [");
    let output = fixture.env.run([
        "expiry".as_ref(),
        "-o".as_ref(),
        "prometheus".as_ref(),
        "--kubeconfig".as_ref(),
        broken_file.as_os_str(),
    ]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
}

#[test]
fn within_exits_3_with_prometheus_output_too() {
    let fixture = fixture(false);
    let (failing, _, _) = expiry(&fixture, &["-A", "-o", "prometheus", "--within", "1d"]);
    assert_eq!(code(&failing), 3, "{}", stderr(&failing));
    let text = stdout(&failing);
    let families = parse_exposition(&text).unwrap_or_else(|problem| panic!("{problem}\n{text}"));
    assert_eq!(family(&families, EXPIRY).samples.len(), 4, "the output is complete whatever the status");

    let (passing, _, _) = expiry(&fixture, &["--context", "plain", "-o", "prometheus", "--within", "1d"]);
    assert_eq!(code(&passing), 0, "{}", stderr(&passing));
    let text = stdout(&passing);
    let families = parse_exposition(&text).unwrap_or_else(|problem| panic!("{problem}\n{text}"));
    assert_eq!(by_context(family(&families, EXPIRY)).keys().copied().collect::<Vec<_>>(), ["plain"]);

    let (expired, _, _) = expiry(&fixture, &["--context", "expired", "-o", "prometheus", "--within", "1d"]);
    assert_eq!(code(&expired), 3);
}

#[test]
fn the_other_formats_are_unchanged() {
    let fixture = fixture(false);
    let (json, _, _) = expiry(&fixture, &["-A", "-o", "json"]);
    assert_eq!(code(&json), 0, "{}", stderr(&json));
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let keys: Vec<&str> = report["contexts"][0].as_object().unwrap().keys().map(String::as_str).collect();
    let mut documented = vec![
        "context",
        "user",
        "credential",
        "notAfter",
        "secondsLeft",
        "status",
        "longTerm",
        "renewalWindowOpens",
        "error",
    ];
    documented.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, documented, "labels of -o prometheus leaked into the JSON report");
    for format in ["text", "table", "yaml"] {
        let (output, _, _) = expiry(&fixture, &["-A", "-o", format]);
        assert_eq!(code(&output), 0, "-o {format}: {}", stderr(&output));
        assert!(!stdout(&output).contains("kubectl_ack_"), "-o {format}");
    }
    let (unknown, _, _) = expiry(&fixture, &["-o", "openmetrics"]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("prometheus"), "{}", stderr(&unknown));
}
