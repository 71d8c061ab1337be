//! krew's rules for a plugin manifest (krew's `internal/index/validation` and the krew-index review
//! checklist), checked before a manifest is written: every problem is reported, not just the first.

use std::collections::BTreeMap;

use crate::manifest::{API_VERSION, KIND, Manifest, Platform};

/// The `os/arch` pairs a selector may target (from `go tool dist list`, the ones krew users run).
pub const SUPPORTED_PLATFORMS: &[(&str, &str)] = &[
    ("darwin", "amd64"),
    ("darwin", "arm64"),
    ("linux", "386"),
    ("linux", "amd64"),
    ("linux", "arm"),
    ("linux", "arm64"),
    ("linux", "ppc64le"),
    ("linux", "s390x"),
    ("windows", "386"),
    ("windows", "amd64"),
    ("windows", "arm64"),
    ("freebsd", "amd64"),
];

const WINDOWS_RESERVED: &[&str] = &["CON", "PRN", "AUX", "NUL"];

/// Every rule the manifest breaks, one message each.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the manifest breaks krew's rules:\n  - {}", .problems.join("\n  - "))]
pub struct Invalid {
    pub problems: Vec<String>,
}

/// Checks `manifest` against krew's rules.
pub fn validate(manifest: &Manifest) -> Result<(), Invalid> {
    let mut problems = Vec::new();
    if manifest.api_version != API_VERSION {
        problems.push(format!("apiVersion is \"{}\", want \"{API_VERSION}\"", manifest.api_version));
    }
    if manifest.kind != KIND {
        problems.push(format!("kind is \"{}\", want \"{KIND}\"", manifest.kind));
    }
    check_name(&manifest.metadata.name, &mut problems);
    let spec = &manifest.spec;
    if !is_semver_with_v(&spec.version) {
        problems.push(format!("spec.version \"{}\" is not a semantic version with a leading v (v1.2.3)", spec.version));
    }
    if spec.short_description.trim().is_empty() {
        problems.push("spec.shortDescription is empty".into());
    } else if spec.short_description.contains(['\n', '\r']) {
        problems.push("spec.shortDescription has a line break (it must be one line)".into());
    }
    if spec.description.trim().is_empty() {
        problems.push("spec.description is empty".into());
    }
    if let Some(homepage) = &spec.homepage
        && !homepage.starts_with("https://")
    {
        problems.push(format!("spec.homepage \"{homepage}\" is not an https URL"));
    }
    if spec.platforms.is_empty() {
        problems.push("spec.platforms is empty".into());
    }
    for (index, platform) in spec.platforms.iter().enumerate() {
        check_platform(index, platform, &mut problems);
    }
    check_overlaps(&spec.platforms, &mut problems);
    if problems.is_empty() { Ok(()) } else { Err(Invalid { problems }) }
}

fn check_name(name: &str, problems: &mut Vec<String>) {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if name.is_empty() || !name.chars().all(word) {
        problems.push(format!("metadata.name \"{name}\" does not match ^[\\w-]+$"));
    }
    let upper = name.to_ascii_uppercase();
    let numbered = (upper.starts_with("COM") || upper.starts_with("LPT"))
        && upper.len() == 4
        && upper.as_bytes()[3].is_ascii_digit()
        && upper.as_bytes()[3] != b'0';
    if WINDOWS_RESERVED.contains(&upper.as_str()) || numbered {
        problems.push(format!("metadata.name \"{name}\" is a reserved file name on Windows"));
    }
}

/// `v` + MAJOR.MINOR.PATCH, optional `-pre.release` and `+build`, no leading zeros.
pub fn is_semver_with_v(version: &str) -> bool {
    let Some(rest) = version.strip_prefix('v') else { return false };
    let (rest, build) = match rest.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (rest, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let numeric = |part: &str| {
        !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) && (part == "0" || !part.starts_with('0'))
    };
    let identifiers = |text: &str, no_leading_zero: bool| {
        text.split('.').all(|id| {
            !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && (!no_leading_zero || !id.bytes().all(|b| b.is_ascii_digit()) || numeric(id))
        })
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|part| numeric(part))
        && pre.is_none_or(|pre| identifiers(pre, true))
        && build.is_none_or(|build| identifiers(build, false))
}

/// 64 lowercase hexadecimal digits.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn labels<'a>(os: &'a str, arch: &'a str) -> BTreeMap<&'a str, &'a str> {
    BTreeMap::from([("os", os), ("arch", arch)])
}

/// The supported platforms a selector matches.
fn matched(platform: &Platform) -> Result<Vec<(&'static str, &'static str)>, String> {
    let mut out = Vec::new();
    for &(os, arch) in SUPPORTED_PLATFORMS {
        if platform.selector.matches(&labels(os, arch))? {
            out.push((os, arch));
        }
    }
    Ok(out)
}

fn check_platform(index: usize, platform: &Platform, problems: &mut Vec<String>) {
    let at = format!("spec.platforms[{index}]");
    if platform.selector.match_labels.as_ref().is_none_or(|labels| labels.is_empty())
        && platform.selector.match_expressions.as_ref().is_none_or(|expressions| expressions.is_empty())
    {
        problems.push(format!("{at}.selector is empty (it would match every platform)"));
    }
    let targets = match matched(platform) {
        Ok(targets) => targets,
        Err(problem) => {
            problems.push(format!("{at}.selector: {problem}"));
            Vec::new()
        }
    };
    if targets.is_empty() {
        problems.push(format!("{at}.selector matches no supported os/arch"));
    }
    if !platform.uri.starts_with("https://") {
        problems.push(format!("{at}.uri \"{}\" is not an https URL", platform.uri));
    }
    if !(platform.uri.ends_with(".tar.gz") || platform.uri.ends_with(".zip")) {
        problems.push(format!("{at}.uri \"{}\" does not end in .tar.gz or .zip", platform.uri));
    }
    if !is_sha256_hex(&platform.sha256) {
        problems.push(format!("{at}.sha256 \"{}\" is not 64 lowercase hexadecimal digits", platform.sha256));
    }
    if platform.bin.trim().is_empty() {
        problems.push(format!("{at}.bin is empty"));
    } else if targets.iter().any(|(os, _)| *os == "windows") && !platform.bin.ends_with(".exe") {
        problems.push(format!("{at}.bin \"{}\" must end in .exe on windows", platform.bin));
    }
    for (file_index, file) in platform.files.iter().flatten().enumerate() {
        if file.from.is_empty() || file.to.is_empty() {
            problems.push(format!("{at}.files[{file_index}] needs both from and to"));
        }
    }
}

fn check_overlaps(platforms: &[Platform], problems: &mut Vec<String>) {
    for &(os, arch) in SUPPORTED_PLATFORMS {
        let matching: Vec<usize> = platforms
            .iter()
            .enumerate()
            .filter(|(_, platform)| platform.selector.matches(&labels(os, arch)).unwrap_or(false))
            .map(|(index, _)| index)
            .collect();
        if matching.len() > 1 {
            let which = matching.iter().map(|index| format!("spec.platforms[{index}]")).collect::<Vec<_>>();
            problems.push(format!("selectors overlap on {os}/{arch}: {}", which.join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::{Metadata, Requirement, Selector, Spec};

    fn platform(os: &str, arch: &str, bin: &str) -> Platform {
        let ext = if os == "windows" { "zip" } else { "tar.gz" };
        Platform {
            selector: Selector::os_arch(os, arch),
            uri: format!("https://example.com/dl/v1.0.0/kubectl-ack_{os}_{arch}.{ext}"),
            sha256: "0123456789abcdef".repeat(4),
            bin: bin.into(),
            files: None,
        }
    }

    fn good() -> Manifest {
        Manifest {
            api_version: API_VERSION.into(),
            kind: KIND.into(),
            metadata: Metadata { name: "ack".into() },
            spec: Spec {
                version: "v1.0.0".into(),
                homepage: Some("https://github.com/kubectl-ack/kubectl-ack".into()),
                short_description: "Alibaba Cloud ACK credentials".into(),
                description: "Fetches kubeconfigs.\n".into(),
                caveats: None,
                platforms: vec![
                    platform("linux", "amd64", "kubectl-ack"),
                    platform("darwin", "arm64", "kubectl-ack"),
                    platform("windows", "amd64", "kubectl-ack.exe"),
                ],
            },
        }
    }

    fn problems(manifest: &Manifest) -> Vec<String> {
        validate(manifest).err().map(|invalid| invalid.problems).unwrap_or_default()
    }

    fn has(problems: &[String], needle: &str) -> bool {
        problems.iter().any(|problem| problem.contains(needle))
    }

    #[test]
    fn a_good_manifest_passes() {
        assert_eq!(problems(&good()), Vec::<String>::new());
    }

    #[test]
    fn the_name_must_be_word_characters_and_not_reserved_on_windows() {
        for bad in ["", "a b", "ack.yaml", "ack/x", "é"] {
            let mut manifest = good();
            manifest.metadata.name = bad.into();
            assert!(has(&problems(&manifest), "does not match ^[\\w-]+$"), "{bad:?}");
        }
        for reserved in ["con", "NUL", "com1", "LPT9"] {
            let mut manifest = good();
            manifest.metadata.name = reserved.into();
            assert!(has(&problems(&manifest), "reserved file name"), "{reserved}");
        }
        for fine in ["ack", "view-allocations", "get_all", "com0", "console"] {
            let mut manifest = good();
            manifest.metadata.name = fine.into();
            assert_eq!(problems(&manifest), Vec::<String>::new(), "{fine}");
        }
    }

    #[test]
    fn the_version_is_semver_with_a_leading_v() {
        for fine in ["v0.1.0", "v1.2.3-rc.1", "v1.0.0+build.5", "v10.20.30-alpha-1.0+x"] {
            assert!(is_semver_with_v(fine), "{fine}");
        }
        for bad in
            ["0.1.0", "v1.2", "v1.2.3.4", "v01.2.3", "V1.2.3", "v1.2.3-", "v1.2.3-01", "v1.2.x", "{{ .TagName }}"]
        {
            assert!(!is_semver_with_v(bad), "{bad}");
        }
        let mut manifest = good();
        manifest.spec.version = "1.0.0".into();
        assert!(has(&problems(&manifest), "leading v"));
    }

    #[test]
    fn checksums_are_64_lowercase_hex() {
        assert!(is_sha256_hex(&"a".repeat(64)));
        for bad in ["A".repeat(64), "a".repeat(63), "a".repeat(65), "g".repeat(64), String::new()] {
            let mut manifest = good();
            manifest.spec.platforms[0].sha256 = bad.clone();
            assert!(has(&problems(&manifest), "64 lowercase hexadecimal"), "{bad}");
        }
    }

    #[test]
    fn uris_are_https_archives() {
        let mut manifest = good();
        manifest.spec.platforms[0].uri = "http://example.com/a.tar.gz".into();
        manifest.spec.platforms[1].uri = "https://example.com/a.tgz".into();
        let found = problems(&manifest);
        assert!(has(&found, "[0].uri \"http://example.com/a.tar.gz\" is not an https URL"), "{found:?}");
        assert!(has(&found, "[1].uri \"https://example.com/a.tgz\" does not end in .tar.gz or .zip"), "{found:?}");
    }

    #[test]
    fn windows_bins_end_in_exe() {
        let mut manifest = good();
        manifest.spec.platforms[2].bin = "kubectl-ack".into();
        assert!(has(&problems(&manifest), "must end in .exe on windows"));
    }

    #[test]
    fn descriptions_are_present_and_the_short_one_is_one_line() {
        let mut manifest = good();
        manifest.spec.short_description = "two\nlines".into();
        manifest.spec.description = " ".into();
        let found = problems(&manifest);
        assert!(has(&found, "line break"), "{found:?}");
        assert!(has(&found, "spec.description is empty"), "{found:?}");
    }

    #[test]
    fn overlapping_selectors_are_refused() {
        let mut manifest = good();
        manifest.spec.platforms.push(platform("linux", "amd64", "kubectl-ack"));
        assert!(has(&problems(&manifest), "selectors overlap on linux/amd64: spec.platforms[0], spec.platforms[3]"));

        let mut manifest = good();
        let expressions =
            vec![Requirement { key: "os".into(), operator: "In".into(), values: Some(vec!["darwin".into()]) }];
        manifest.spec.platforms.push(Platform {
            selector: Selector { match_labels: None, match_expressions: Some(expressions) },
            ..platform("darwin", "amd64", "kubectl-ack")
        });
        assert!(has(&problems(&manifest), "selectors overlap on darwin/arm64"));
    }

    #[test]
    fn selectors_must_match_something_and_not_everything() {
        let mut manifest = good();
        manifest.spec.platforms = vec![Platform { selector: Selector::default(), ..platform("linux", "amd64", "x") }];
        assert!(has(&problems(&manifest), "selector is empty"));
        manifest.spec.platforms = vec![platform("plan9", "amd64", "x")];
        assert!(has(&problems(&manifest), "matches no supported os/arch"));
        manifest.spec.platforms = vec![];
        assert!(has(&problems(&manifest), "spec.platforms is empty"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut manifest = good();
        manifest.kind = "Pod".into();
        manifest.spec.version = "latest".into();
        manifest.spec.platforms[0].sha256 = "x".into();
        let invalid = validate(&manifest).unwrap_err();
        assert_eq!(invalid.problems.len(), 3, "{invalid}");
        assert!(invalid.to_string().starts_with("the manifest breaks krew's rules:\n  - kind is \"Pod\""));
    }
}
