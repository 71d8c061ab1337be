//! Renders kubectl-ack's krew manifest template (`krew.yaml`, the one krew-release-bot renders on a
//! release) into a concrete manifest for a version and the archives that were really built, and
//! checks it against krew's rules.
//!
//! * An archive fills the platform with the same `os`/`arch`: its `uri` is the template's URL with
//!   the archive's own file name, its `sha256` the archive's checksum.
//! * A platform without an archive is left out: a checksum is never made up.
//! * An archive that fits no platform of the template, two archives for one platform, or a result
//!   that breaks krew's rules is an error.

pub mod archive;
pub mod manifest;
pub mod template;
pub mod validate;

use std::collections::BTreeSet;

pub use archive::{Archive, ArchiveError, archive_name, platform_of_target, sha256_file};
pub use manifest::Manifest;
pub use template::{Resolved, TemplateError};
pub use validate::{Invalid, validate};

/// A manifest could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("the rendered template is not a krew manifest: {0}")]
    Parse(String),
    #[error("the template's platform for {uri} has no os/arch that a Rust target in its file name gives")]
    UnknownUri { uri: String },
    #[error("the template's platform {index} selects {selector} but its uri names an archive for {named}")]
    SelectorMismatch { index: usize, selector: String, named: String },
    #[error("{file_name} is for {platform}, which the template has no platform for")]
    NoPlatform { file_name: String, platform: String },
    #[error("two archives for {platform}: {first} and {second}")]
    TwoArchives { platform: String, first: String, second: String },
    #[error("no archive fits any platform of the template: nothing to publish")]
    Empty,
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("cannot write the manifest: {0}")]
    Write(String),
}

/// A rendered manifest and what was left out.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub manifest: Manifest,
    /// The manifest as YAML, ready for krew-index or `kubectl krew install --manifest`.
    pub yaml: String,
    /// `os/arch` of the template's platforms that had no archive.
    pub omitted: Vec<String>,
}

/// `os/arch` of the Rust target named by the last path segment of an archive URL.
fn platform_of_uri(uri: &str) -> Option<(&'static str, &'static str)> {
    let file_name = uri.rsplit('/').next()?;
    platform_of_target(archive::target_of_archive(file_name)?)
}

/// Renders `template` for `tag` with these built archives.
pub fn render_manifest(template: &str, tag: &str, archives: &[Archive]) -> Result<Rendered, RenderError> {
    for (index, archive) in archives.iter().enumerate() {
        if let Some(other) = archives[..index].iter().find(|other| (other.os, other.arch) == (archive.os, archive.arch))
        {
            return Err(RenderError::TwoArchives {
                platform: format!("{}/{}", archive.os, archive.arch),
                first: other.file_name.clone(),
                second: archive.file_name.clone(),
            });
        }
    }

    let mut unknown = None;
    let text = template::render(template, tag, &mut |url: &str| {
        let Some(platform) = platform_of_uri(url) else {
            unknown.get_or_insert_with(|| url.to_string());
            return Resolved { uri: url.to_string(), sha256: None };
        };
        match archives.iter().find(|archive| (archive.os, archive.arch) == platform) {
            Some(archive) => {
                let base = url.rsplit_once('/').map_or("", |(base, _)| base);
                Resolved { uri: format!("{base}/{}", archive.file_name), sha256: Some(archive.sha256.clone()) }
            }
            None => Resolved { uri: url.to_string(), sha256: None },
        }
    })?;
    if let Some(uri) = unknown {
        return Err(RenderError::UnknownUri { uri });
    }
    let mut manifest = Manifest::from_yaml(&text).map_err(RenderError::Parse)?;

    for (index, platform) in manifest.spec.platforms.iter().enumerate() {
        let named =
            platform_of_uri(&platform.uri).ok_or_else(|| RenderError::UnknownUri { uri: platform.uri.clone() })?;
        let selected = (platform.selector.label("os"), platform.selector.label("arch"));
        if selected != (Some(named.0), Some(named.1)) {
            return Err(RenderError::SelectorMismatch {
                index,
                selector: format!("{}/{}", selected.0.unwrap_or("?"), selected.1.unwrap_or("?")),
                named: format!("{}/{}", named.0, named.1),
            });
        }
    }

    let mut used = BTreeSet::new();
    let mut omitted = Vec::new();
    manifest.spec.platforms.retain(|platform| {
        let platform_name = format!(
            "{}/{}",
            platform.selector.label("os").unwrap_or("?"),
            platform.selector.label("arch").unwrap_or("?")
        );
        if platform.sha256.is_empty() {
            omitted.push(platform_name);
            false
        } else {
            used.insert(platform_name);
            true
        }
    });
    for archive in archives {
        let platform = format!("{}/{}", archive.os, archive.arch);
        if !used.contains(&platform) {
            return Err(RenderError::NoPlatform { file_name: archive.file_name.clone(), platform });
        }
    }
    if manifest.spec.platforms.is_empty() {
        return Err(RenderError::Empty);
    }
    validate(&manifest)?;
    let yaml = manifest.to_yaml().map_err(RenderError::Write)?;
    Ok(Rendered { manifest, yaml, omitted })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    const TEMPLATE: &str = r#"apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: ack
spec:
  version: {{ .TagName }}
  homepage: https://github.com/kubectl-ack/kubectl-ack
  shortDescription: Alibaba Cloud ACK credentials
  description: |
    Fetches kubeconfigs.
  platforms:
  - selector:
      matchLabels:
        os: linux
        arch: amd64
    {{addURIAndSha "https://github.com/o/r/releases/download/{{ .TagName }}/kubectl-ack_{{ .TagName }}_x86_64-unknown-linux-musl.tar.gz" .TagName }}
    bin: kubectl-ack
  - selector:
      matchLabels:
        os: windows
        arch: amd64
    {{addURIAndSha "https://github.com/o/r/releases/download/{{ .TagName }}/kubectl-ack_{{ .TagName }}_x86_64-pc-windows-msvc.zip" .TagName }}
    bin: kubectl-ack.exe
"#;

    fn archive(target: &str, sha: char) -> Archive {
        let file_name = archive_name("v1.2.3", target);
        let (os, arch) = platform_of_target(target).unwrap();
        Archive {
            path: PathBuf::from(&file_name),
            file_name,
            target: target.into(),
            os,
            arch,
            sha256: sha.to_string().repeat(64),
        }
    }

    #[test]
    fn every_platform_with_an_archive_is_filled_in() {
        let archives = [archive("x86_64-unknown-linux-musl", 'a'), archive("x86_64-pc-windows-msvc", 'b')];
        let rendered = render_manifest(TEMPLATE, "v1.2.3", &archives).unwrap();
        assert!(rendered.omitted.is_empty());
        let platforms = &rendered.manifest.spec.platforms;
        assert_eq!(rendered.manifest.spec.version, "v1.2.3");
        assert_eq!(
            platforms[0].uri,
            "https://github.com/o/r/releases/download/v1.2.3/kubectl-ack_v1.2.3_x86_64-unknown-linux-musl.tar.gz"
        );
        assert_eq!(platforms[0].sha256, "a".repeat(64));
        assert_eq!(platforms[1].sha256, "b".repeat(64));
        assert_eq!(Manifest::from_yaml(&rendered.yaml).unwrap(), rendered.manifest);
        assert!(rendered.yaml.contains(&format!("\n    uri: {}\n", platforms[0].uri)), "{}", rendered.yaml);
        assert!(rendered.yaml.contains("  description: |\n    Fetches kubeconfigs.\n"), "{}", rendered.yaml);
    }

    #[test]
    fn a_platform_without_an_archive_is_left_out() {
        let rendered = render_manifest(TEMPLATE, "v1.2.3", &[archive("x86_64-pc-windows-msvc", 'c')]).unwrap();
        assert_eq!(rendered.omitted, ["linux/amd64"]);
        assert_eq!(rendered.manifest.spec.platforms.len(), 1);
        assert_eq!(rendered.manifest.spec.platforms[0].bin, "kubectl-ack.exe");
        assert!(!rendered.yaml.contains("linux"), "{}", rendered.yaml);
    }

    #[test]
    fn a_host_build_of_another_libc_fills_its_platform_under_its_own_name() {
        let rendered = render_manifest(TEMPLATE, "v1.2.3", &[archive("x86_64-unknown-linux-gnu", 'd')]).unwrap();
        let platform = &rendered.manifest.spec.platforms[0];
        assert!(
            platform.uri.ends_with("/v1.2.3/kubectl-ack_v1.2.3_x86_64-unknown-linux-gnu.tar.gz"),
            "{}",
            platform.uri
        );
    }

    #[test]
    fn no_archive_two_archives_or_a_foreign_one_are_errors() {
        assert!(matches!(render_manifest(TEMPLATE, "v1.2.3", &[]), Err(RenderError::Empty)));
        let two = [archive("x86_64-unknown-linux-musl", 'a'), archive("x86_64-unknown-linux-gnu", 'b')];
        assert!(matches!(render_manifest(TEMPLATE, "v1.2.3", &two), Err(RenderError::TwoArchives { .. })));
        let foreign = [archive("aarch64-apple-darwin", 'a')];
        let error = render_manifest(TEMPLATE, "v1.2.3", &foreign).unwrap_err();
        assert_eq!(
            error.to_string(),
            "kubectl-ack_v1.2.3_aarch64-apple-darwin.tar.gz is for darwin/arm64, which the template has no platform for"
        );
    }

    #[test]
    fn a_bad_tag_or_a_selector_that_disagrees_with_its_archive_is_refused() {
        let archives = [archive("x86_64-unknown-linux-musl", 'a')];
        let error = render_manifest(TEMPLATE, "1.2.3", &archives).unwrap_err();
        assert!(error.to_string().contains("leading v"), "{error}");

        let swapped = TEMPLATE.replacen("os: linux", "os: darwin", 1);
        let error = render_manifest(&swapped, "v1.2.3", &archives).unwrap_err();
        assert!(matches!(error, RenderError::SelectorMismatch { index: 0, .. }), "{error}");
    }
}
