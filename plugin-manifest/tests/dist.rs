//! scripts/dist for the host, end to end: the archive it packs holds LICENSE and a kubectl-ack that
//! the real kubectl finds as a plugin and that answers `kubectl ack version` with the manifest's
//! version. Built with `--profile dev` to keep CI quick; the release profile runs the same script.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;

use plugin_manifest::manifest::Manifest;
use plugin_manifest::{sha256_file, validate};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn run(command: &mut Command) -> String {
    let output = command.output().unwrap_or_else(|error| panic!("cannot run {command:?}: {error}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The real kubectl: scripts/test puts one on PATH (installing it when the machine has none).
fn kubectl() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("kubectl"))
        .find(|candidate| candidate.is_file())
        .expect("kubectl is not on PATH: run the tests through scripts/test, which installs it")
}

#[test]
fn the_host_archive_installs_as_a_kubectl_plugin_with_the_manifests_version() {
    let work = tempfile::tempdir().unwrap();
    let out_dir = work.path().join("dist");
    let mut dist = Command::new(repo_root().join("scripts/dist"));
    dist.args(["--profile", "dev", "--out-dir"]).arg(&out_dir);
    dist.env("PLUGIN_MANIFEST_BIN", env!("CARGO_BIN_EXE_plugin-manifest"));
    // A workspace test run has already built kubectl-ack: pack that one rather than build it again
    // with this package's feature set (which recompiles much of the dependency tree).
    let target_dir = match std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_relative() => repo_root().join(dir),
        Some(dir) => dir,
        None => repo_root().join("target"),
    };
    let built = target_dir.join("debug/kubectl-ack");
    if built.is_file() {
        dist.arg("--binary").arg(&built);
    }
    let stdout = run(&mut dist);
    let archive = PathBuf::from(stdout.trim());
    assert!(archive.starts_with(&out_dir) && archive.is_file(), "{stdout}");
    let name = archive.file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.starts_with("kubectl-ack_v") && name.ends_with(".tar.gz"), "{name}");

    // The manifest: valid, for this archive and its checksum only.
    let manifest = Manifest::from_yaml(&std::fs::read_to_string(out_dir.join("ack.yaml")).unwrap()).unwrap();
    validate(&manifest).unwrap();
    let [platform] = manifest.spec.platforms.as_slice() else { panic!("{:?}", manifest.spec.platforms) };
    assert_eq!(platform.sha256, sha256_file(&archive).unwrap());
    assert!(platform.uri.ends_with(&format!("/{name}")), "{}", platform.uri);
    let checksum_line = std::fs::read_to_string(out_dir.join(format!("{name}.sha256"))).unwrap();
    assert_eq!(checksum_line, format!("{}  {name}\n", platform.sha256));

    // The archive: kubectl-ack, LICENSE and README.md at its top.
    let unpacked = work.path().join("unpacked");
    std::fs::create_dir(&unpacked).unwrap();
    let listing = run(Command::new("tar").arg("-tzf").arg(&archive));
    let mut entries: Vec<&str> = listing.lines().collect();
    entries.sort_unstable();
    assert_eq!(entries, ["LICENSE", "README.md", "kubectl-ack"]);
    run(Command::new("tar").arg("-xzf").arg(&archive).arg("-C").arg(&unpacked));
    let license = std::fs::read_to_string(unpacked.join("LICENSE")).unwrap();
    assert!(license.contains("Apache License") && license.contains("Version 2.0, January 2004"));

    // kubectl finds it on PATH (alone with kubectl, so no other plugin's warning interferes).
    let kubectl_dir = work.path().join("kubectl-bin");
    std::fs::create_dir(&kubectl_dir).unwrap();
    std::os::unix::fs::symlink(kubectl(), kubectl_dir.join("kubectl")).unwrap();
    let path = std::env::join_paths([&kubectl_dir, &unpacked]).unwrap();
    let kubectl_in = |args: &[&str]| {
        run(Command::new(kubectl_dir.join("kubectl"))
            .args(args)
            .env("PATH", &path)
            .env("HOME", work.path())
            .env("KUBECONFIG", work.path().join("no-kubeconfig")))
    };
    let plugins = kubectl_in(&["plugin", "list", "--name-only"]);
    let listed: Vec<&str> = plugins.lines().filter(|line| line.starts_with("kubectl-")).collect();
    assert_eq!(listed, ["kubectl-ack"], "{plugins}");

    let version = kubectl_in(&["ack", "version"]);
    let version_word = version.split_whitespace().nth(1).unwrap_or_default();
    assert_eq!(format!("v{version_word}"), manifest.spec.version, "{version}");
}
