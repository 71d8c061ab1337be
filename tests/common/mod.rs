//! Test harness for running the real `kubectl-ack` binary: a private HOME, a scrubbed
//! environment (no real cloud can be reached), certificates made on the spot, and insta filters
//! that hide temp paths and times.

#![allow(dead_code)] // each test crate uses a different part of the harness

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use base64::Engine as _;
use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair};
use time::OffsetDateTime;

pub const BINARY: &str = env!("CARGO_BIN_EXE_kubectl-ack");
pub const ACK_UID: &str = "272899990000001";

/// A temporary HOME with nothing in it, and a way to run the binary there.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        TestEnv { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Writes a file (creating directories) and returns its path.
    pub fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// The binary with HOME here and nothing else from the outside environment but PATH.
    pub fn command(&self) -> Command {
        let mut command = Command::new(BINARY);
        scrub(&mut command, self.home());
        command
    }

    pub fn run<I, S>(&self, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command().args(args).output().expect("run kubectl-ack")
    }
}

/// Clears the environment so no test can read real credentials or reach a real cloud host.
pub fn scrub(command: &mut Command, home: &Path) {
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .env("NO_PROXY", "*");
}

/// The binary pointed at a sandbox: its CS endpoint, STS and region; no credentials yet.
pub fn sandbox_command(env: &TestEnv, sandbox: &ack_sandbox::Sandbox) -> Command {
    let mut command = env.command();
    command
        .env("KUBECTL_ACK_ENDPOINT", sandbox.endpoint())
        .env("ALIBABA_CLOUD_STS_ENDPOINT", sandbox.sts_endpoint())
        .env("ALIBABA_CLOUD_REGION_ID", ack_sandbox::DEMO_REGION);
    command
}

/// The binary against the sandbox with the demo AccessKey pair.
pub fn demo_ack(env: &TestEnv, sandbox: &ack_sandbox::Sandbox) -> Command {
    let mut command = sandbox_command(env, sandbox);
    with_demo_keys(&mut command);
    command
}

/// Runs a command to its end.
pub fn run(command: &mut Command) -> Output {
    command.output().expect("run the command")
}

/// Runs a command that must succeed; shows its output when it does not.
pub fn ok(command: &mut Command) -> Output {
    let output = run(command);
    assert_eq!(code(&output), 0, "{command:?} failed:\n{}{}", stdout(&output), stderr(&output));
    output
}

/// The real kubectl with this HOME (and its ~/.kube/config) only.
pub fn kubectl_in(env: &TestEnv) -> Command {
    let mut command = Command::new(kubectl());
    scrub(&mut command, env.home());
    command
}

/// The sandbox's demo AccessKey pair in the environment.
pub fn with_demo_keys(command: &mut Command) -> &mut Command {
    command
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", ack_sandbox::DEMO_ACCESS_KEY_ID)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ack_sandbox::DEMO_ACCESS_KEY_SECRET)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

/// A CA and the leaf certificates it signs, as the ACK API would hand them out.
pub struct TestCa {
    issuer: Issuer<'static, KeyPair>,
    pub pem: String,
}

/// A client certificate with its key, PEM-encoded.
pub struct ClientCert {
    pub cert_pem: String,
    pub key_pem: String,
}

impl TestCa {
    pub fn new(common_name: &str) -> Self {
        let mut params = CertificateParams::default();
        params.distinguished_name = name(&[], common_name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.not_before = OffsetDateTime::now_utc() - time::Duration::days(1);
        params.not_after = OffsetDateTime::now_utc() + time::Duration::days(3650);
        let key = KeyPair::generate().unwrap();
        let certificate = params.self_signed(&key).unwrap();
        let pem = certificate.pem();
        TestCa { issuer: Issuer::new(params, key), pem }
    }

    /// A client certificate valid from `not_before` to `not_after`.
    pub fn client(
        &self,
        common_name: &str,
        organizations: &[&str],
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> ClientCert {
        let mut params = CertificateParams::default();
        params.distinguished_name = name(organizations, common_name);
        params.not_before = not_before;
        params.not_after = not_after;
        let key = KeyPair::generate().unwrap();
        let certificate = params.signed_by(&key, &self.issuer).unwrap();
        ClientCert { cert_pem: certificate.pem(), key_pem: key.serialize_pem() }
    }

    /// An ACK-style certificate: CN `<uid>-<issue time>`, O `system:users`, valid for `lifetime` from now.
    pub fn ack_client(&self, lifetime: time::Duration) -> ClientCert {
        let now = OffsetDateTime::now_utc();
        let issued = now - time::Duration::minutes(1);
        let cn = format!("{ACK_UID}-{}", issued.unix_timestamp());
        self.client(&cn, &["system:users"], issued, now + lifetime)
    }
}

fn name(organizations: &[&str], common_name: &str) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    for (index, organization) in organizations.iter().enumerate() {
        // rcgen keeps one value per attribute type; the raw OID of O (2.5.4.10) adds the others.
        let kind = if index == 0 { DnType::OrganizationName } else { DnType::CustomDnType(vec![2, 5, 4, 10]) };
        name.push(kind, *organization);
    }
    name.push(DnType::CommonName, common_name);
    name
}

pub fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// One context of a kubeconfig written by [`kubeconfig`].
pub struct ContextSpec<'a> {
    pub name: &'a str,
    pub server: &'a str,
    pub ca_pem: &'a str,
    pub client: &'a ClientCert,
}

/// A kubeconfig like ACK's, renamed the way kubectl-ack names entries, with inline certificates.
pub fn kubeconfig(contexts: &[ContextSpec<'_>], current: &str) -> String {
    let mut clusters = String::new();
    let mut users = String::new();
    let mut context_list = String::new();
    for spec in contexts {
        let name = spec.name;
        clusters.push_str(&format!(
            "- cluster:\n    certificate-authority-data: {}\n    server: {}\n  name: ack-{name}\n",
            b64(spec.ca_pem),
            spec.server
        ));
        users.push_str(&format!(
            "- name: ack-{name}-user\n  user:\n    client-certificate-data: {}\n    client-key-data: {}\n",
            b64(&spec.client.cert_pem),
            b64(&spec.client.key_pem)
        ));
        context_list
            .push_str(&format!("- context:\n    cluster: ack-{name}\n    user: ack-{name}-user\n  name: {name}\n"));
    }
    format!(
        "apiVersion: v1\nclusters:\n{clusters}contexts:\n{context_list}current-context: {current}\nkind: Config\npreferences: {{}}\nusers:\n{users}"
    )
}

/// insta settings that replace what changes from run to run: temp paths, dates, durations, serials.
pub fn snapshot_settings(env: &TestEnv) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    let home = regex_escape(&env.home().display().to_string());
    settings.add_filter(&home, "[HOME]");
    settings.add_filter(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?( UTC|Z)?", "[TIME]");
    settings.add_filter(r"\b\d+d \d+h\b|\b\d+h \d+m\b|\b\d+m \d+s\b|\b\d+[dhms]\b", "[DURATION]");
    settings.add_filter(r"272899990000001-\d{10}", "272899990000001-[ISSUED]");
    settings.add_filter(r"CN=test-ca-[0-9a-z-]+", "CN=test-ca");
    settings.add_filter(r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]");
    settings
}

fn regex_escape(text: &str) -> String {
    text.chars().fold(String::new(), |mut escaped, c| {
        if "\\.+*?()|[]{}^$".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
        escaped
    })
}

/// kubectl-ack installed in `HOME/bin` as krew would put it on PATH; returns that directory.
pub fn install_plugin(env: &TestEnv) -> PathBuf {
    let bin = env.path("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(BINARY, bin.join("kubectl-ack")).unwrap();
    bin
}

/// A PATH with the plugin's directory and the real kubectl's, for kubectl to run the exec plugin.
pub fn path_with_plugin(bin: &Path) -> std::ffi::OsString {
    let kubectl_dir = kubectl().parent().unwrap().to_path_buf();
    std::env::join_paths([bin.to_path_buf(), kubectl_dir]).unwrap()
}

/// The first `kubectl` on PATH, or a failure that says how to get one (never a skip).
pub fn kubectl() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("kubectl"))
        .find(|candidate| candidate.is_file())
        .expect("kubectl is not on PATH: run .ci/run, which installs one, or install kubectl")
}

/// xorshift64: a deterministic pseudo-random sequence, so a failing round can be replayed from its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

/// A loopback HTTP server that answers every request (up to 64) with one fixed body.
pub fn fixed_answer_server(content_type: &'static str, body: Vec<u8>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let body = std::sync::Arc::new(body);
    std::thread::spawn(move || {
        for stream in listener.incoming().take(64) {
            let Ok(mut stream) = stream else { continue };
            let mut buffer = [0u8; 16384];
            let _ = std::io::Read::read(&mut stream, &mut buffer);
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = std::io::Write::write_all(&mut stream, head.as_bytes());
            let _ = std::io::Write::write_all(&mut stream, &body);
        }
    });
    format!("http://{address}")
}

/// The API server address of the offline kubeconfigs below (nothing listens there).
pub const SERVER: &str = "https://127.0.0.1:6443";

/// A HOME whose ~/.kube/config holds one long-term ACK context, `prod-web`.
pub fn long_term_home() -> (TestEnv, TestCa) {
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca-prod");
    let client = ca.ack_client(time::Duration::days(3 * 365));
    let spec = ContextSpec { name: "prod-web", server: SERVER, ca_pem: &ca.pem, client: &client };
    env.write(".kube/config", &kubeconfig(&[spec], "prod-web"));
    (env, ca)
}

pub fn home_with_contexts(env: &TestEnv, ca: &TestCa, contexts: &[(&str, time::Duration)]) {
    let now = OffsetDateTime::now_utc();
    let clients: Vec<ClientCert> = contexts
        .iter()
        .map(|(_, lifetime)| {
            let not_before = (now + *lifetime - time::Duration::days(1)).min(now - time::Duration::minutes(1));
            ca.client(
                &format!("{ACK_UID}-{}", not_before.unix_timestamp()),
                &["system:users"],
                not_before,
                now + *lifetime,
            )
        })
        .collect();
    let specs: Vec<ContextSpec<'_>> = contexts
        .iter()
        .zip(&clients)
        .map(|((name, _), client)| ContextSpec { name, server: SERVER, ca_pem: &ca.pem, client })
        .collect();
    env.write(".kube/config", &kubeconfig(&specs, contexts[0].0));
}
