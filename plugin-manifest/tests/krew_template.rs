//! The real `krew.yaml` at the top of the repository: it renders for a fake archive into a manifest
//! that krew's rules accept, and with sample values for all five platforms it parses as krew-release-bot
//! would produce it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use plugin_manifest::manifest::Manifest;
use plugin_manifest::template::{self, Resolved};
use plugin_manifest::{Archive, archive_name, render_manifest, validate};
use sha2::{Digest, Sha256};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn krew_template() -> String {
    std::fs::read_to_string(repo_root().join("krew.yaml")).unwrap()
}

/// The plugin's version, from the root Cargo.toml's `[package]`.
fn plugin_version() -> String {
    let text = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
    let package = text.split("\n[package]").nth(1).expect("[package] in Cargo.toml");
    let line = package.lines().find(|line| line.starts_with("version = ")).expect("version in [package]");
    line.trim_start_matches("version = ").trim_matches('"').to_string()
}

fn tag() -> String {
    format!("v{}", plugin_version())
}

#[test]
fn the_template_with_sample_values_has_five_distinct_valid_platforms() {
    let mut urls = Vec::new();
    let text = template::render(&krew_template(), "v9.8.7", &mut |url: &str| {
        urls.push(url.to_string());
        Resolved { uri: url.to_string(), sha256: Some(format!("{:064x}", urls.len())) }
    })
    .unwrap();
    let manifest: Manifest = serde_saphyr::from_str(&text).unwrap();
    validate(&manifest).unwrap();
    assert_eq!(manifest.metadata.name, "ack");
    assert_eq!(manifest.spec.version, "v9.8.7");
    let platforms: BTreeSet<(String, String, String)> = manifest
        .spec
        .platforms
        .iter()
        .map(|p| (p.selector.label("os").unwrap().into(), p.selector.label("arch").unwrap().into(), p.bin.clone()))
        .collect();
    let want: BTreeSet<(String, String, String)> = [
        ("linux", "amd64", "kubectl-ack"),
        ("linux", "arm64", "kubectl-ack"),
        ("darwin", "amd64", "kubectl-ack"),
        ("darwin", "arm64", "kubectl-ack"),
        ("windows", "amd64", "kubectl-ack.exe"),
    ]
    .iter()
    .map(|(os, arch, bin)| (os.to_string(), arch.to_string(), bin.to_string()))
    .collect();
    assert_eq!(platforms, want);

    // The URLs are the archive names that scripts/dist and the release workflow produce.
    let targets = [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ];
    let prefix = "https://github.com/kubectl-ack/kubectl-ack/releases/download/v9.8.7/";
    let want_urls: Vec<String> =
        targets.iter().map(|target| format!("{prefix}{}", archive_name("v9.8.7", target))).collect();
    assert_eq!(urls, want_urls);
    let workflow = std::fs::read_to_string(repo_root().join(".github/workflows/release.yml")).unwrap();
    for target in targets {
        assert!(workflow.contains(&format!("target: {target}")), "release.yml does not build {target}");
    }
}

#[test]
fn add_uri_and_sha_sits_in_column_4_where_krew_release_bot_indents_sha256() {
    let template = krew_template();
    let lines: Vec<&str> = template.lines().filter(|line| line.contains("addURIAndSha")).collect();
    assert_eq!(lines.len(), 5);
    for line in lines {
        assert!(line.starts_with("    {{addURIAndSha \"https://") && !line.starts_with("     "), "{line}");
    }
}

#[test]
fn the_template_renders_for_a_host_archive_into_a_valid_manifest_with_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let tag = tag();
    let path = dir.path().join(archive_name(&tag, "x86_64-unknown-linux-musl"));
    let bytes = b"not really a tarball, but bytes with a checksum".repeat(100);
    std::fs::write(&path, &bytes).unwrap();
    let expected_sha: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();

    let archive = Archive::open(&path).unwrap();
    let rendered = render_manifest(&krew_template(), &tag, &[archive]).unwrap();
    assert_eq!(rendered.omitted, ["linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64"]);

    // The YAML written is what is checked: parse it back with the project's YAML crate.
    let manifest: Manifest = serde_saphyr::from_str(&rendered.yaml).unwrap();
    validate(&manifest).unwrap();
    assert_eq!(manifest.api_version, "krew.googlecontainertools.github.com/v1alpha2");
    assert_eq!(manifest.kind, "Plugin");
    assert_eq!(manifest.spec.version, format!("v{}", plugin_version()));
    assert!(!manifest.spec.short_description.contains('\n'));
    assert!(manifest.spec.caveats.as_deref().unwrap().contains("ALIBABA_CLOUD_ACCESS_KEY_ID"));
    assert!(manifest.spec.caveats.as_deref().unwrap().contains("kubectl_complete-ack"));
    assert!(!manifest.spec.description.contains("--"), "the description lists no flags");
    let [platform] = manifest.spec.platforms.as_slice() else { panic!("{:?}", manifest.spec.platforms) };
    assert_eq!(platform.sha256, expected_sha);
    assert_eq!(
        platform.uri,
        format!(
            "https://github.com/kubectl-ack/kubectl-ack/releases/download/{tag}/kubectl-ack_{tag}_x86_64-unknown-linux-musl.tar.gz"
        )
    );
    assert_eq!(platform.bin, "kubectl-ack");
    assert_eq!(platform.selector.label("os"), Some("linux"));
    assert_eq!(platform.selector.label("arch"), Some("amd64"));
    for line in rendered.yaml.lines() {
        assert!(!line.contains("{{"), "unrendered template action: {line}");
    }
}
