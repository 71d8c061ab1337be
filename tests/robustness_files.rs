//! Robustness (issue 13): how kubectl-ack reads and writes files, with the real binary.
//!
//! * Planted symlinks at every path the binary writes: the kubeconfig's temp file and lock, the
//!   exec cache directory, entries and locks, each `export-cert` output. Files the tool owns are
//!   replaced, never written through; the link's target stays byte for byte.
//! * Odd file systems for the kubeconfig: another user's file, a bind mount (in a mount namespace
//!   of the test's own), a read-only directory, a hard link, a read-only file.
//! * FIFOs and `/dev/zero` behind every file a kubeconfig can name, and as the kubeconfig itself.
//!
//! Each test counts the inputs it tried, the panics, and the files changed that should not have
//! been, prints them, and fails on any panic or unwanted change. The tests run as root (as CI
//! does): some chown files to another uid, mount in their own namespace, or run the binary as
//! an unprivileged uid with `setpriv`.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ack_sandbox::*;
use common::*;

/// Inputs tried, panics seen, files changed that should not have been.
struct Tally {
    name: &'static str,
    inputs: usize,
    panics: Vec<String>,
    changed: Vec<String>,
}

impl Tally {
    fn new(name: &'static str) -> Self {
        Tally { name, inputs: 0, panics: Vec::new(), changed: Vec::new() }
    }

    /// Counts one run and looks for a panic in it; returns its stderr.
    fn run(&mut self, what: &str, output: &Output) -> String {
        self.inputs += 1;
        let err = stderr(output);
        if [stdout(output), err.clone()].iter().any(|text| text.contains("panicked") || text.contains("RUST_BACKTRACE"))
        {
            self.panics.push(format!("{what}:\n{err}"));
        }
        err
    }

    /// A file that must still hold `expected` (and not have been replaced by something else).
    fn unchanged(&mut self, what: &str, path: &Path, expected: &[u8]) {
        if std::fs::read(path).ok().as_deref() != Some(expected) {
            self.changed.push(format!("{what}: {}", path.display()));
        }
    }

    fn unchanged_tree(&mut self, what: &str, before: &BTreeMap<PathBuf, Vec<u8>>, dir: &Path) {
        if snapshot(dir) != *before {
            self.changed.push(format!("{what}: something under {} changed", dir.display()));
        }
    }

    fn report(self) {
        eprintln!(
            "{}: {} inputs tried, {} panics, {} files changed that should not have been",
            self.name,
            self.inputs,
            self.panics.len(),
            self.changed.len()
        );
        assert!(self.panics.is_empty(), "panics:\n{}", self.panics.join("\n"));
        assert!(self.changed.is_empty(), "changed:\n{}", self.changed.join("\n"));
    }
}

/// Every file under `dir` (symlinks as their target's name), with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert(path, format!("-> {}", target.display()).into_bytes());
            } else if meta.is_dir() {
                walk(&path, out);
            } else if meta.is_file() {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, &mut out);
    out
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

/// A file another user owns, whose bytes a planted link must not be able to change.
fn victim(env: &TestEnv, name: &str) -> PathBuf {
    let path = env.write(name, &format!("precious {name}\n"));
    chmod(&path, 0o644);
    path
}

fn error_lines(err: &str) -> usize {
    err.lines().filter(|line| line.starts_with("error:")).count()
}

/// A kubeconfig with one context whose user has an inline client certificate.
fn certificate_kubeconfig(env: &TestEnv) -> (PathBuf, ClientCert, TestCa) {
    let ca = TestCa::new("test-ca");
    let client = ca.ack_client(time::Duration::days(30));
    let text = kubeconfig(
        &[ContextSpec { name: "ctx", server: "https://127.0.0.1:1", ca_pem: &ca.pem, client: &client }],
        "ctx",
    );
    (env.write(".kube/config", &text), client, ca)
}

#[test]
fn issue13_1_planted_symlinks_at_export_cert_outputs_are_replaced_never_followed() {
    let mut tally = Tally::new("export-cert outputs");
    let env = TestEnv::new();
    let (_, client, ca) = certificate_kubeconfig(&env);
    let out = env.path("out");
    std::fs::create_dir(&out).unwrap();
    let outputs = ["client-cert.pem", "client-key.pem", "ca.pem"];
    let victims: Vec<PathBuf> = outputs.iter().map(|name| victim(&env, &format!("victim-{name}"))).collect();
    for (name, victim) in outputs.iter().zip(&victims) {
        symlink(victim, &out.join(name));
    }
    let export = |force: bool| {
        let mut command = env.command();
        command.args(["export-cert".as_ref(), "--out-dir".as_ref(), out.as_os_str()]);
        if force {
            command.arg("--force");
        }
        run(&mut command)
    };

    // Without --force a link counts as an existing file: refused, nothing written.
    let refused = export(false);
    let err = tally.run("export-cert over planted links", &refused);
    assert_eq!(code(&refused), 1, "{err}");
    assert!(err.contains("already exists") && error_lines(&err) == 1, "{err}");

    // --force replaces the links themselves.
    let forced = export(true);
    let err = tally.run("export-cert --force over planted links", &forced);
    assert_eq!(code(&forced), 0, "{err}");
    for (name, victim) in outputs.iter().zip(&victims) {
        tally.unchanged(&format!("link target of {name}"), victim, format!("precious victim-{name}\n").as_bytes());
        assert_eq!(mode(victim), 0o644, "{name}: the target's mode changed");
        assert!(!is_symlink(&out.join(name)), "{name} is still a link");
    }
    assert_eq!(mode(&out.join("client-key.pem")), 0o600);
    assert_eq!(mode(&out.join("client-cert.pem")), 0o644);
    assert_eq!(std::fs::read_to_string(out.join("client-key.pem")).unwrap(), client.key_pem);
    assert_eq!(std::fs::read_to_string(out.join("ca.pem")).unwrap(), ca.pem);

    // A key file that was world-readable is 0600 after --force.
    chmod(&out.join("client-key.pem"), 0o666);
    let again = export(true);
    tally.run("export-cert --force over a 0666 key", &again);
    assert_eq!(code(&again), 0);
    assert_eq!(mode(&out.join("client-key.pem")), 0o600);

    // A dangling link counts as existing too, and nothing is created at its target.
    let dangling_dir = env.path("dangling");
    std::fs::create_dir(&dangling_dir).unwrap();
    let nowhere = env.path("nowhere-key.pem");
    symlink(&nowhere, &dangling_dir.join("client-key.pem"));
    let before = snapshot(env.home());
    let dangling = run(env.command().args(["export-cert".as_ref(), "--out-dir".as_ref(), dangling_dir.as_os_str()]));
    let err = tally.run("export-cert over a dangling link", &dangling);
    assert_eq!(code(&dangling), 1, "{err}");
    assert!(!nowhere.exists(), "written through the dangling link");
    tally.unchanged_tree("export-cert over a dangling link", &before, env.home());
    tally.report();
}

/// The exec plugin against the sandbox, with this HOME.
fn credential(env: &TestEnv, sandbox: &Sandbox) -> Output {
    run(demo_ack(env, sandbox).args(["credential", DEMO_WEB_CLUSTER_ID]))
}

fn only_entry(cache: &Path) -> PathBuf {
    let entries: Vec<PathBuf> = std::fs::read_dir(cache)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    entries.into_iter().next().unwrap()
}

#[test]
fn issue13_1_planted_symlinks_in_the_exec_cache_are_replaced_never_followed() {
    let mut tally = Tally::new("exec cache");
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let cache = env.path(".kube/cache/kubectl-ack");
    let first = credential(&env, &sandbox);
    let err = tally.run("first credential call", &first);
    assert_eq!(code(&first), 0, "{err}");
    let entry = only_entry(&cache);
    let fresh_entry = std::fs::read(&entry).unwrap();

    // A link at the entry, to a file holding a fresh entry: neither served nor written through.
    let target = env.path("victim-entry.json");
    std::fs::write(&target, &fresh_entry).unwrap();
    chmod(&target, 0o644);
    std::fs::remove_file(&entry).unwrap();
    symlink(&target, &entry);
    let output = credential(&env, &sandbox);
    let err = tally.run("credential with a link at the entry", &output);
    assert_eq!(code(&output), 0, "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    tally.unchanged("the entry link's target", &target, &fresh_entry);
    assert_eq!(mode(&target), 0o644);
    assert!(!is_symlink(&entry) && mode(&entry) == 0o600, "the entry is not a 0600 file");

    // A looser directory is tightened, a looser entry rewritten 0600, each with a note.
    chmod(&cache, 0o755);
    chmod(&entry, 0o644);
    let output = credential(&env, &sandbox);
    let err = tally.run("credential with a 0755 cache and a 0644 entry", &output);
    assert_eq!(code(&output), 0, "{err}");
    assert_eq!((mode(&cache), mode(&entry)), (0o700, 0o600));
    assert!(err.contains("note: the credential cache directory") && err.contains("now 0700"), "{err}");
    assert!(err.contains("rewritten with mode 0600"), "{err}");

    // A link at the entry's lock: not a lock, so no waiting; the cache is bypassed.
    let lock_target = victim(&env, "victim-lock");
    std::fs::remove_file(&entry).unwrap();
    let lock = PathBuf::from(format!("{}.lock", entry.display()));
    symlink(&lock_target, &lock);
    let started = std::time::Instant::now();
    let output = credential(&env, &sandbox);
    let err = tally.run("credential with a link at the entry's lock", &output);
    assert_eq!(code(&output), 0, "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "waited on a link as if it were a lock");
    assert!(err.contains("not using the credential cache") && err.contains("not a lock file"), "{err}");
    tally.unchanged("the lock link's target", &lock_target, b"precious victim-lock\n");
    std::fs::remove_file(&lock).unwrap();

    // The whole cache directory a link elsewhere: not used, nothing written there.
    let elsewhere = env.path("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::remove_dir_all(&cache).unwrap();
    symlink(&elsewhere, &cache);
    let output = credential(&env, &sandbox);
    let err = tally.run("credential with the cache directory a link", &output);
    assert_eq!(code(&output), 0, "{err}");
    assert!(err.contains("symbolic link, not a directory"), "{err}");
    if std::fs::read_dir(&elsewhere).unwrap().count() != 0 {
        tally.changed.push("the cache directory link's target got files".into());
    }
    tally.report();
}

#[test]
fn issue13_1_planted_symlinks_at_the_kubeconfigs_lock_and_temp_files_are_never_followed() {
    let mut tally = Tally::new("kubeconfig lock and temp files");
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let config = env.write(".kube/config", include_str!("fixtures/rich-kubeconfig.yaml"));
    let original = std::fs::read(&config).unwrap();
    let lock_target = victim(&env, "victim-lock");
    let lock = env.path(".kube/config.lock");
    symlink(&lock_target, &lock);
    let started = std::time::Instant::now();
    let output = run(demo_ack(&env, &sandbox).args(["get-credentials", DEMO_WEB_CLUSTER_ID]));
    let err = tally.run("get-credentials with a link at config.lock", &output);
    assert_eq!(code(&output), 1, "{err}");
    assert!(err.contains("is a symbolic link, not a lock file") && error_lines(&err) == 1, "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(8), "waited on a link as if it were a lock");
    tally.unchanged("the lock link's target", &lock_target, b"precious victim-lock\n");
    tally.unchanged("the kubeconfig", &config, &original);
    std::fs::remove_file(&lock).unwrap();

    // Links named like the temp files of dead writers (pid 0 and a pid above any pid_max).
    let temp_target = victim(&env, "victim-temp");
    for name in [".config.kubectl-ack-0-0.tmp", ".config.kubectl-ack-4294967294-0.tmp"] {
        symlink(&temp_target, &env.path(&format!(".kube/{name}")));
    }
    let output = run(demo_ack(&env, &sandbox).args(["get-credentials", DEMO_WEB_CLUSTER_ID]));
    let err = tally.run("get-credentials with links at temp names", &output);
    assert_eq!(code(&output), 0, "{err}");
    tally.unchanged("the temp links' target", &temp_target, b"precious victim-temp\n");
    assert!(!is_symlink(&config) && std::fs::read_to_string(&config).unwrap().contains("demo-web"));
    tally.report();
}

/// A program (`unshare`, `setpriv`) that runs the binary, with the environment `demo_ack` gives it.
fn wrapped(env: &TestEnv, sandbox: &Sandbox, program: &str) -> Command {
    let mut command = Command::new(program);
    scrub(&mut command, env.home());
    command
        .env("KUBECTL_ACK_ENDPOINT", sandbox.endpoint())
        .env("ALIBABA_CLOUD_STS_ENDPOINT", sandbox.sts_endpoint())
        .env("ALIBABA_CLOUD_REGION_ID", DEMO_REGION);
    with_demo_keys(&mut command);
    command
}

/// `get-credentials` for the demo web cluster in a mount namespace of its own, after `mounts` (a
/// shell script run as root in that namespace; `$BIN` and `$HOME` are set).
fn get_credentials_after_mounts(env: &TestEnv, sandbox: &Sandbox, mounts: &str) -> Output {
    let script = format!("set -e\n{mounts}\nexec \"$BIN\" get-credentials {DEMO_WEB_CLUSTER_ID}\n");
    run(wrapped(env, sandbox, "unshare").env("BIN", BINARY).args([
        "-m",
        "--propagation",
        "private",
        "sh",
        "-c",
        &script,
    ]))
}

/// Another user's uid (any that is not root will do; the file is chowned to it).
const OTHER_UID: u32 = 1000;

fn owner(path: &Path) -> (u32, u32) {
    let meta = std::fs::metadata(path).unwrap();
    (meta.uid(), meta.gid())
}

fn has_demo_web(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.contains("demo-web") && text.contains("client-key-data"))
}

#[test]
fn issue13_2_root_updating_another_users_kubeconfig_keeps_its_owner_and_group() {
    let mut tally = Tally::new("foreign owner");
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let config = env.write(".kube/config", include_str!("fixtures/rich-kubeconfig.yaml"));
    std::os::unix::fs::chown(&config, Some(OTHER_UID), Some(OTHER_UID)).unwrap();
    chmod(&config, 0o640);
    let output = run(demo_ack(&env, &sandbox).args(["get-credentials", DEMO_WEB_CLUSTER_ID]));
    let err = tally.run("root writing uid 1000's kubeconfig", &output);
    assert_eq!(code(&output), 0, "{err}");
    assert!(has_demo_web(&config));
    assert_eq!(owner(&config), (OTHER_UID, OTHER_UID), "the kubeconfig became root's");
    assert_eq!(mode(&config), 0o640, "the mode changed");
    assert!(!err.contains("in place"), "replaced atomically, so no note: {err}");
    tally.report();
}

#[test]
fn issue13_2_a_bind_mounted_kubeconfig_is_rewritten_in_place_with_a_note() {
    let mut tally = Tally::new("bind mount");
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    // As `docker run -v ~/.kube/config:/root/.kube/config`: the file itself is a mount point.
    let host = env.write("host-config", include_str!("fixtures/rich-kubeconfig.yaml"));
    env.write(".kube/config", "");
    let output =
        get_credentials_after_mounts(&env, &sandbox, "mount --bind \"$HOME/host-config\" \"$HOME/.kube/config\"");
    let err = tally.run("get-credentials into a bind-mounted kubeconfig", &output);
    assert_eq!(code(&output), 0, "{err}");
    assert!(has_demo_web(&host), "the mounted file did not get the merge");
    assert!(err.contains("was rewritten in place under its lock: it cannot be replaced by a rename"), "no note: {err}");
    let leftovers: Vec<_> =
        snapshot(&env.path(".kube")).into_keys().filter(|path| path.to_string_lossy().ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    tally.report();
}

#[test]
fn issue13_2_a_kubeconfig_linked_into_a_read_only_directory_is_rewritten_in_place_or_refused_cleanly() {
    let mut tally = Tally::new("read-only directories");
    let sandbox = Sandbox::start();

    // An unprivileged user whose ~/.kube/config links into a directory they cannot write.
    let env = TestEnv::new();
    chmod(env.home(), 0o755);
    let target = env.write("shared/config", include_str!("fixtures/rich-kubeconfig.yaml"));
    std::os::unix::fs::chown(&target, Some(OTHER_UID), Some(OTHER_UID)).unwrap();
    chmod(&target, 0o600);
    std::fs::create_dir(env.path(".kube")).unwrap();
    std::os::unix::fs::chown(env.path(".kube"), Some(OTHER_UID), Some(OTHER_UID)).unwrap();
    symlink(Path::new("../shared/config"), &env.path(".kube/config"));
    let user = format!("--reuid={OTHER_UID}");
    let group = format!("--regid={OTHER_UID}");
    let output = run(wrapped(&env, &sandbox, "setpriv").args([
        user.as_str(),
        group.as_str(),
        "--clear-groups",
        BINARY,
        "get-credentials",
        DEMO_WEB_CLUSTER_ID,
    ]));
    let err = tally.run("uid 1000 writing through a link into a root-owned directory", &output);
    assert_eq!(code(&output), 0, "{err}");
    assert!(has_demo_web(&target));
    assert!(is_symlink(&env.path(".kube/config")), "the link was replaced");
    assert_eq!(owner(&target), (OTHER_UID, OTHER_UID));
    assert!(err.contains("rewritten in place under its lock") && err.contains("Permission denied"), "{err}");

    // The directory on a read-only mount, the file on a writable bind mount inside it.
    let env = TestEnv::new();
    let host = env.write("host-config", include_str!("fixtures/rich-kubeconfig.yaml"));
    env.write("ro/config", "");
    symlink(Path::new("../ro/config"), &env.write(".kube/placeholder", "").with_file_name("config"));
    let output = get_credentials_after_mounts(
        &env,
        &sandbox,
        "mount --bind \"$HOME/ro\" \"$HOME/ro\"\nmount -o remount,bind,ro \"$HOME/ro\"\nmount --bind \"$HOME/host-config\" \"$HOME/ro/config\"",
    );
    let err = tally.run("a writable file in a read-only directory", &output);
    assert_eq!(code(&output), 0, "{err}");
    assert!(has_demo_web(&host));
    assert!(err.contains("rewritten in place under its lock"), "{err}");

    // The file read-only too: one clear error, nothing changed.
    let env = TestEnv::new();
    env.write("ro/config", include_str!("fixtures/rich-kubeconfig.yaml"));
    symlink(Path::new("../ro/config"), &env.write(".kube/placeholder", "").with_file_name("config"));
    let before = snapshot(env.home());
    let output = get_credentials_after_mounts(
        &env,
        &sandbox,
        "mount --bind \"$HOME/ro\" \"$HOME/ro\"\nmount -o remount,bind,ro \"$HOME/ro\"",
    );
    let err = tally.run("a file on a read-only mount", &output);
    assert_eq!(code(&output), 1, "{err}");
    assert!(err.contains("Read-only file system") && error_lines(&err) == 1, "{err}");
    tally.unchanged_tree("a file on a read-only mount", &before, env.home());
    tally.report();
}

#[test]
fn issue13_2_a_hard_linked_kubeconfig_keeps_its_link() {
    let mut tally = Tally::new("hard link");
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let config = env.write(".kube/config", include_str!("fixtures/rich-kubeconfig.yaml"));
    let other = env.path("kubeconfig-elsewhere");
    std::fs::hard_link(&config, &other).unwrap();
    let output = run(demo_ack(&env, &sandbox).args(["get-credentials", DEMO_WEB_CLUSTER_ID]));
    let err = tally.run("get-credentials into a hard-linked kubeconfig", &output);
    assert_eq!(code(&output), 0, "{err}");
    assert!(has_demo_web(&other), "the link was split: the other name has the old file");
    assert_eq!(std::fs::metadata(&config).unwrap().ino(), std::fs::metadata(&other).unwrap().ino());
    assert!(err.contains("it has 2 hard links, which replacing it would split"), "{err}");
    tally.report();
}

#[test]
fn issue13_2_a_read_only_kubeconfig_is_refused_even_as_root() {
    let mut tally = Tally::new("read-only file");
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let config = env.write(".kube/config", include_str!("fixtures/rich-kubeconfig.yaml"));
    chmod(&config, 0o400);
    let before = snapshot(env.home());
    for args in [vec!["get-credentials", DEMO_WEB_CLUSTER_ID], vec!["get-credentials", "--all"]] {
        let output = run(demo_ack(&env, &sandbox).args(&args));
        let err = tally.run(&args.join(" "), &output);
        assert_eq!(code(&output), 1, "{err}");
        assert!(err.contains("is read-only (mode 0400)") && err.contains("chmod u+w"), "{err}");
        assert_eq!(error_lines(&err), 1, "{err}");
        tally.unchanged_tree(&args.join(" "), &before, env.home());
    }
    assert_eq!(mode(&config), 0o400);
    tally.report();
}

/// The binary, killed after 60 s (exit status 124) so a read that blocks fails the test instead of
/// hanging it.
fn bounded_run(env: &TestEnv, args: &[&std::ffi::OsStr], kubeconfig: Option<&Path>) -> Output {
    let mut command = Command::new("timeout");
    scrub(&mut command, env.home());
    command.arg("60").arg(BINARY).args(args);
    if let Some(file) = kubeconfig {
        command.env("KUBECONFIG", file);
    }
    run(&mut command)
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn issue13_3_fifos_and_devices_behind_every_file_a_kubeconfig_names_fail_fast_and_clearly() {
    let mut tally = Tally::new("files a kubeconfig names");
    let env = TestEnv::new();
    let ca = TestCa::new("test-ca");
    let client = ca.ack_client(time::Duration::days(30));
    let good = [
        ("client-certificate", env.write("good/cert.pem", &client.cert_pem)),
        ("client-key", env.write("good/key.pem", &client.key_pem)),
        ("certificate-authority", env.write("good/ca.pem", &ca.pem)),
    ];
    let fifo = env.path("fifo");
    mkfifo(&fifo);
    let huge = env.write("huge.pem", &"A".repeat(2 << 20));
    let directory = env.path("good");
    let bad: [(&str, &Path, &str); 5] = [
        ("a FIFO", &fifo, "it is a FIFO, not a regular file"),
        ("/dev/zero", Path::new("/dev/zero"), "it is a character device, not a regular file"),
        ("/dev/urandom", Path::new("/dev/urandom"), "it is a character device, not a regular file"),
        ("a directory", &directory, "it is a directory, not a regular file"),
        ("a 2 MiB file", &huge, "larger than 1 MiB"),
    ];
    let out = env.path("out");
    let commands: [(&str, Vec<&std::ffi::OsStr>); 4] = [
        ("whoami", vec!["whoami".as_ref()]),
        ("expiry", vec!["expiry".as_ref()]),
        ("export-cert", vec!["export-cert".as_ref(), "--out-dir".as_ref(), out.as_os_str()]),
        ("doctor", vec!["doctor".as_ref()]),
    ];
    for (field, _) in &good {
        for (bad_name, bad_path, reason) in &bad {
            let fields: Vec<String> = good
                .iter()
                .map(|(name, path)| {
                    let path = if name == field { bad_path } else { path.as_path() };
                    format!("{name}: {}", path.display())
                })
                .collect();
            let text = format!(
                "apiVersion: v1\nkind: Config\ncurrent-context: ctx\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n    {}\nusers:\n- name: u\n  user:\n    {}\n    {}\ncontexts:\n- name: ctx\n  context: {{cluster: c, user: u}}\n",
                fields[2], fields[0], fields[1]
            );
            let config = env.write("config", &text);
            let before = snapshot(env.home());
            for (command, args) in &commands {
                let what = format!("{field}: {bad_name} / {command}");
                let started = std::time::Instant::now();
                let output = bounded_run(&env, args, Some(&config));
                let err = tally.run(&what, &output);
                let all = format!("{}{err}", stdout(&output));
                assert_ne!(code(&output), 124, "{what}: still reading after 60 s");
                assert!(started.elapsed() < std::time::Duration::from_secs(20), "{what}: took {:?}", started.elapsed());
                // whoami and expiry read only the certificate; export-cert and doctor read all three
                // (doctor words a CA it cannot read as a missing one: src/commands/doctor/connection.rs).
                let reads_it = *field == "client-certificate"
                    || *command == "export-cert"
                    || (*command == "doctor" && *field == "client-key");
                if reads_it {
                    assert_eq!(code(&output), 1, "{what}: {all}");
                    assert!(all.contains(reason), "{what}: the cause is not named:\n{all}");
                }
                if *command != "doctor" && code(&output) != 0 {
                    assert_eq!(error_lines(&err), 1, "{what}: {err}");
                }
                tally.unchanged_tree(&what, &before, env.home());
            }
        }
    }
    tally.report();
}

#[test]
fn issue13_3_a_kubeconfig_may_be_a_fifo_but_not_endless() {
    let mut tally = Tally::new("kubeconfig streams");
    let env = TestEnv::new();
    let started = std::time::Instant::now();
    for endless in ["/dev/zero", "/dev/urandom"] {
        let output = bounded_run(&env, &["whoami".as_ref()], Some(Path::new(endless)));
        let err = tally.run(&format!("KUBECONFIG={endless}"), &output);
        assert_eq!(code(&output), 1, "{err}");
        assert!(err.contains(&format!("kubeconfig {endless} is larger than 256 MiB")), "{err}");
        assert_eq!(error_lines(&err), 1, "{err}");
    }
    eprintln!("KUBECONFIG=/dev/zero and /dev/urandom refused in {:?}", started.elapsed());
    let empty = bounded_run(&env, &["expiry".as_ref(), "-A".as_ref()], Some(Path::new("/dev/null")));
    tally.run("KUBECONFIG=/dev/null", &empty);
    assert_eq!(code(&empty), 0, "{}", stderr(&empty));

    // `--kubeconfig <(…)`: a FIFO with a writer is read like a file.
    let ca = TestCa::new("test-ca");
    let client = ca.ack_client(time::Duration::days(30));
    let text = kubeconfig(
        &[ContextSpec { name: "ctx", server: "https://127.0.0.1:1", ca_pem: &ca.pem, client: &client }],
        "ctx",
    );
    let fifo = env.path("kubeconfig-fifo");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, text).unwrap())
    };
    let output = bounded_run(&env, &["whoami".as_ref(), "--kubeconfig".as_ref(), fifo.as_os_str()], None);
    let err = tally.run("--kubeconfig <fifo>", &output);
    writer.join().unwrap();
    assert_eq!(code(&output), 0, "{err}");
    assert!(stdout(&output).contains(ACK_UID), "{}", stdout(&output));
    tally.report();
}

#[test]
fn issue13_5_one_kubeconfig_listed_twice_under_other_spellings_is_locked_and_written_once() {
    let mut tally = Tally::new("one file, several spellings");
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    let config = env.write("kube/config", include_str!("fixtures/rich-kubeconfig.yaml"));
    symlink(Path::new("config"), &env.path("kube/link"));
    let spellings = [
        vec![config.clone(), env.path("kube/./config")],
        vec![config.clone(), env.path("kube/../kube/config")],
        vec![env.path("kube/link"), config.clone()],
        vec![config.clone(), env.path("kube/link"), env.path("kube/missing"), env.path("kube/./missing")],
    ];
    for list in spellings {
        let value = std::env::join_paths(&list).unwrap();
        let what = format!("KUBECONFIG={}", value.to_string_lossy());
        let started = std::time::Instant::now();
        let output =
            run(demo_ack(&env, &sandbox).env("KUBECONFIG", &value).args(["get-credentials", DEMO_WEB_CLUSTER_ID]));
        let err = tally.run(&what, &output);
        assert_eq!(code(&output), 0, "{what}: {err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{what}: waited on its own lock");
        assert!(has_demo_web(&config), "{what}");
        assert!(is_symlink(&env.path("kube/link")), "{what}: the link was replaced");
        assert!(!env.path("kube/missing").exists(), "{what}: a file that was not needed was created");
        let view = run(kubectl_in(&env).env("KUBECONFIG", &value).args(["config", "get-contexts", "-o", "name"]));
        assert!(stdout(&view).contains("demo-web"), "{what}: kubectl does not see it: {}", stderr(&view));
    }
    tally.report();
}

fn kubectl_view(env: &TestEnv) -> serde_json::Value {
    let output = run(kubectl_in(env).args(["config", "view", "-o", "json"]));
    assert_eq!(code(&output), 0, "kubectl config view: {}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn named<'a>(view: &'a serde_json::Value, section: &str, name: &str) -> &'a serde_json::Value {
    view[section]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {section}"))
}

#[test]
fn issue13_4_yaml_1_1_values_of_the_users_entries_mean_the_same_to_kubectl_after_a_merge() {
    let mut tally = Tally::new("YAML 1.1 round trip");
    let sandbox = Sandbox::start();
    let env = TestEnv::new();
    env.write(".kube/config", include_str!("fixtures/yaml-1-1-kubeconfig.yaml"));
    let before = kubectl_view(&env);
    assert_eq!(named(&before, "clusters", "mine")["cluster"]["extensions"][0]["extension"]["octal"], 10, "fixture");
    let output = run(demo_ack(&env, &sandbox).args(["get-credentials", DEMO_WEB_CLUSTER_ID, "--no-set-current"]));
    let err = tally.run("get-credentials into a file with YAML 1.1 values", &output);
    assert_eq!(code(&output), 0, "{err}");
    let after = kubectl_view(&env);
    for (section, name) in [("clusters", "mine"), ("users", "mine"), ("contexts", "mine")] {
        assert_eq!(named(&after, section, name), named(&before, section, name), "{section} {name} changed meaning");
    }
    assert_eq!(after["preferences"], before["preferences"], "preferences changed meaning");
    assert_eq!(after["current-context"], "mine");
    named(&after, "contexts", "demo-web");
    tally.report();
}
