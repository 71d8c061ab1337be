//! Installing `kubectl_complete-ack`, the executable kubectl 1.26+ runs from PATH to complete
//! `kubectl ack <TAB>`: a two-line script that runs `kubectl-ack __complete -- "$@"`; and the context
//! names completion offers for `--context`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::Error;
use crate::Machine;
use crate::kubeconfig::{KubeconfigView, Section};
use crate::request::KubeconfigSelection;

/// The executable kubectl runs to complete `kubectl ack …`.
pub const PLUGIN_COMPLETION_NAME: &str = "kubectl_complete-ack";

/// Marks a `kubectl_complete-ack` written by kubectl-ack, so it may be replaced without `--force`.
const SCRIPT_MARKER: &str = "written by `kubectl ack completion install-plugin-completion`";

/// `kubectl_complete-ack` must be executable by the user's shell.
const EXECUTABLE_MODE: u32 = 0o755;

/// The content of `kubectl_complete-ack` (`.cmd` on Windows).
pub fn plugin_completion_script(windows: bool) -> String {
    if windows {
        format!(
            "@echo off\r\nrem {PLUGIN_COMPLETION_NAME}: kubectl runs it for `kubectl ack <TAB>`; this script was {SCRIPT_MARKER}\r\n\
             kubectl-ack.exe __complete -- %*\r\n"
        )
    } else {
        format!(
            "#!/bin/sh\n# {PLUGIN_COMPLETION_NAME}: kubectl (1.26+) runs it for `kubectl ack <TAB>` with the words after\n\
             # `kubectl ack`; kubectl-ack prints the candidates. This script was {SCRIPT_MARKER}.\n\
             exec kubectl-ack __complete -- \"$@\"\n"
        )
    }
}

/// Where `install-plugin-completion` writes by default: next to the `kubectl-ack` that PATH finds
/// (for krew, its bin directory), else beside the running executable.
pub fn default_install_dir(machine: &Machine) -> PathBuf {
    let path = machine.path.clone().unwrap_or_default();
    let exe_name = if cfg!(windows) { "kubectl-ack.exe" } else { "kubectl-ack" };
    std::env::split_paths(&path)
        .find(|dir| dir.join(exe_name).is_file())
        .or_else(|| std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf)))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// What was installed, and whether kubectl will find it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    pub path: PathBuf,
    pub on_path: bool,
}

/// Writes the script into `dir`; one that kubectl-ack did not write is replaced only with `force`.
pub fn install_plugin_completion(
    dir: &Path,
    force: bool,
    windows: bool,
    machine: &Machine,
) -> Result<Installed, Error> {
    let file_name = if windows { format!("{PLUGIN_COMPLETION_NAME}.cmd") } else { PLUGIN_COMPLETION_NAME.to_string() };
    let path = dir.join(file_name);
    if let Ok(existing) = std::fs::read_to_string(&path)
        && !existing.contains(SCRIPT_MARKER)
        && !force
    {
        return Err(Error::WouldOverwrite { path });
    }
    // A script this tool owns: a symlink at its name is replaced, never written through.
    let script = plugin_completion_script(windows);
    crate::fsutil::write_owned_file(&path, script.as_bytes(), EXECUTABLE_MODE, crate::fsutil::IfExists::Replace)
        .map_err(|source| Error::Write { path: path.clone(), source })?;
    let on_path = machine.path.as_deref().is_some_and(|paths| on_path(paths, dir));
    Ok(Installed { path, on_path })
}

fn on_path(paths: &OsStr, dir: &Path) -> bool {
    std::env::split_paths(paths).any(|entry| same_dir(&entry, dir))
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The context names of a kubeconfig (`file`, else the one in force); none when it cannot be read
/// (completion is silent).
pub fn context_names(file: Option<PathBuf>, machine: &Machine) -> Vec<String> {
    let Ok(paths) = super::kubeconfig_paths(&KubeconfigSelection { file }, machine) else { return Vec::new() };
    match KubeconfigView::load(&paths) {
        Ok(config) => config.names(Section::Contexts).into_iter().map(str::to_string).collect(),
        Err(_) => Vec::new(),
    }
}
