//! The layers of DESIGN.md ("Dependency direction"), checked on the source so they stay true:
//! `main` → `cli` → `commands` → `ops` → {`ack`, `kubeconfig`, `cert`, `output`} → {`fsutil`, `yaml`,
//! `duration`} → `i18n` (the words, which every layer may use). No command imports another; nothing outside `cli` and `commands` uses clap; `error`
//! wraps layers and knows no command; no `too_many_arguments` allow hides a function that takes too much.
//! docs/ARCHITECTURE.md draws the same picture.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What each top-level module of `src/` may name through `crate::`. The crate root (`Machine`, `Io`,
/// the `t!` macros) is open to all.
fn allowed() -> BTreeMap<&'static str, &'static [&'static str]> {
    BTreeMap::from([
        ("cli", &["i18n", "request", "ack", "output", "duration"][..]),
        ("commands", &["i18n", "ops", "request", "output", "ack", "error", "cli"][..]),
        ("error", &["i18n", "ops", "kubeconfig", "output"][..]),
        ("request", &["i18n", "ack", "output"][..]),
        ("ops", &["i18n", "ack", "kubeconfig", "cert", "output", "fsutil", "request", "yaml", "duration"][..]),
        ("ack", &["i18n", "kubeconfig", "cert", "output"][..]),
        ("fuzzing", &["i18n", "ack", "kubeconfig", "cert", "output", "yaml"][..]),
        ("kubeconfig", &["i18n", "fsutil", "yaml", "duration"][..]),
        ("cert", &["i18n"][..]),
        ("output", &["i18n", "yaml", "duration"][..]),
        ("fsutil", &["i18n", "duration"][..]),
        ("yaml", &["i18n"][..]),
        ("duration", &["i18n"][..]),
        ("i18n", &[][..]),
    ])
}

const TOP_LEVEL: &[&str] = &[
    "ack",
    "cert",
    "cli",
    "commands",
    "duration",
    "error",
    "fsutil",
    "fuzzing",
    "i18n",
    "kubeconfig",
    "ops",
    "output",
    "request",
    "yaml",
];

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// `src/ops/doctor/cloud.rs` → `["ops", "doctor", "cloud"]`; `mod.rs` names its directory.
fn module_path(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src()).unwrap();
    let mut parts: Vec<String> = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of a file without comments and string literals (so prose and messages are not read as paths).
fn code_of(text: &str) -> String {
    let mut code = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_string = false;
        let mut previous = ' ';
        let mut kept = String::new();
        let chars: Vec<char> = line.chars().collect();
        let mut index = 0;
        while index < chars.len() {
            let c = chars[index];
            if !in_string && c == '/' && chars.get(index + 1) == Some(&'/') {
                break;
            }
            if c == '"' && previous != '\\' {
                in_string = !in_string;
            } else if !in_string {
                kept.push(c);
            }
            previous = if previous == '\\' && c == '\\' { ' ' } else { c };
            index += 1;
        }
        code.push_str(&kept);
        code.push('\n');
    }
    code
}

/// Every `crate::<module>` the code names (in `use` lines and in paths).
fn crate_references(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if !name.is_empty() {
            found.push(name);
        }
        // `use crate::{a, b::c}` names several modules at once.
        if let Some(group) = rest.strip_prefix('{') {
            let group: String = group.chars().take_while(|c| *c != '}').collect();
            for item in group.split(',') {
                let item: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !item.is_empty() {
                    found.push(item);
                }
            }
        }
    }
    found
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let allowed = allowed();
    let mut violations = Vec::new();
    for file in sources(&src()) {
        let module = module_path(&file);
        let Some(layer) = module.first().map(String::as_str) else { continue };
        if layer == "lib" || layer == "main" {
            continue;
        }
        let may_use = allowed.get(layer).unwrap_or_else(|| panic!("{layer} (from {}) has no rule", file.display()));
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for used in crate_references(&code) {
            if TOP_LEVEL.contains(&used.as_str()) && used != layer && !may_use.contains(&used.as_str()) {
                violations.push(format!("{} uses crate::{used}", file.display()));
            }
        }
    }
    assert!(violations.is_empty(), "layering violations:\n{}", violations.join("\n"));
}

#[test]
fn no_command_imports_another() {
    let commands = src().join("commands");
    let names: Vec<String> = sources(&commands)
        .iter()
        .filter_map(|file| module_path(file).get(1).cloned())
        .filter(|name| name != "commands")
        .collect();
    let mut violations = Vec::new();
    for file in sources(&commands) {
        let module = module_path(&file);
        let own = module.get(1).cloned().unwrap_or_default();
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        // A command's own directory is `super::` for its submodules; `super::` of a top-level command
        // file is `commands` itself.
        let super_is_commands = module.len() == 2;
        for other in names.iter().filter(|name| **name != own) {
            let through_crate = format!("crate::commands::{other}");
            let through_super = format!("super::{other}");
            if code.contains(&through_crate) || (super_is_commands && code.contains(&through_super)) {
                violations.push(format!("{} imports commands::{other}", file.display()));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn clap_is_used_in_cli_and_commands_only() {
    let mut violations = Vec::new();
    for file in sources(&src()) {
        let layer = module_path(&file).first().cloned().unwrap_or_default();
        if layer == "cli" || layer == "commands" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        if code.contains("clap::") || code.contains("clap_complete") {
            violations.push(file.display().to_string());
        }
    }
    assert!(violations.is_empty(), "clap outside cli/ and commands/:\n{}", violations.join("\n"));
}

#[test]
fn no_function_hides_its_argument_count() {
    let offenders: Vec<String> = sources(&src())
        .into_iter()
        .filter(|file| std::fs::read_to_string(file).unwrap().contains("too_many_arguments"))
        .map(|file| file.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "too_many_arguments allowed in:\n{}", offenders.join("\n"));
}

#[test]
fn the_checks_see_what_they_check() {
    // A check that reads nothing passes everything: make sure the parser finds real references.
    let code = code_of("use crate::{ops, request::Rotate};\n// use crate::commands;\nlet x = \"crate::cli\";\n");
    assert_eq!(crate_references(&code), ["ops", "request"]);
    assert_eq!(module_path(&src().join("ops/doctor/mod.rs")), ["ops", "doctor"]);
    assert!(sources(&src()).len() > 40);
}
