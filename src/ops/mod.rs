//! The use cases (cargo's `ops`): what kubectl-ack does, given plain requests (`crate::request`) and the
//! injected machine, without the command line. Commands are thin: request → use case → render.
//!
//! Fetch → validate → name → merge is `get_credentials` (with `clusters`, `fetch`, `placement`,
//! `merge`, `verify`); renewal is `rotate` and the exec plugin `exec_credential`; `revoke`, `audit`,
//! `doctor`, `offboard` (a departed user's kubeconfigs and grants), and the offline readers `inspect`, `whoami`, `expiry`, `export_cert`; `completion` installs
//! the executable kubectl runs for `kubectl ack <TAB>`. The Alibaba Cloud side of a run is one
//! `session::Session`.

pub mod apiserver;
pub mod audit;
pub mod clusters;
pub mod completion;
pub mod concurrently;
pub mod doctor;
pub mod error;
pub mod exec_credential;
pub mod expiry;
pub mod export_cert;
pub mod fetch;
pub mod get_credentials;
pub mod inspect;
pub mod merge;
pub mod offboard;
pub mod placement;
pub mod proxy;
pub mod prune;
pub mod revoke;
pub mod rotate;
pub mod session;
pub mod verify;
pub mod whoami;

use std::path::Path;

pub use error::{Error, Part};

use crate::kubeconfig::{ContextViews, KubeconfigPaths, KubeconfigView};
use crate::request::KubeconfigSelection;
use crate::{Io, Machine};

/// The kubeconfig files in force for this selection on this machine.
pub fn kubeconfig_paths(selection: &KubeconfigSelection, machine: &Machine) -> Result<KubeconfigPaths, Error> {
    Ok(KubeconfigPaths::resolve(selection.file.as_deref(), machine.kubeconfig.as_deref(), machine.home.as_deref())?)
}

/// Reads the merged kubeconfig kubectl would see.
pub fn load_kubeconfig(selection: &KubeconfigSelection, machine: &Machine) -> Result<KubeconfigView, Error> {
    Ok(KubeconfigView::load(&kubeconfig_paths(selection, machine)?)?)
}

/// The kubeconfig as far as one context (the named one, else the current one) needs it: for commands
/// that read a single context, on files of any size (`KubeconfigView::load_for_context`).
pub fn load_kubeconfig_for_context(
    selection: &KubeconfigSelection,
    context: Option<&str>,
    machine: &Machine,
) -> Result<KubeconfigView, Error> {
    Ok(KubeconfigView::load_for_context(&kubeconfig_paths(selection, machine)?, context)?)
}

/// Every context of the kubeconfig, one view at a time: for commands that read all contexts of files of
/// any size without holding them all built (`ContextViews`).
pub fn load_context_views(selection: &KubeconfigSelection, machine: &Machine) -> Result<ContextViews, Error> {
    Ok(ContextViews::load(&kubeconfig_paths(selection, machine)?)?)
}

/// `path` for messages, `~` for the home directory.
pub fn shown(path: &Path, machine: &Machine) -> String {
    crate::output::display_path(path, machine.home.as_deref())
}

/// Asks a yes/no question on the terminal: `Some(answer)`, or `None` when standard input is not a
/// terminal (the caller then wants `--yes`).
pub fn ask(question: &str, machine: &Machine, io: &mut Io<'_>) -> Result<Option<bool>, Error> {
    if !machine.interactive {
        return Ok(None);
    }
    write!(io.err, "{question} ")?;
    io.err.flush()?;
    let mut answer = String::new();
    io.input.read_line(&mut answer)?;
    Ok(Some(crate::output::is_yes(&answer)))
}
