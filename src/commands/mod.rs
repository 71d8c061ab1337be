//! One module per subcommand, each thin: the plain request (`crate::request`) → its use case
//! (`crate::ops`) → what the user reads (words from `crate::output`'s catalogue). A command returns an
//! exit status; no command imports another.

mod audit;
mod clusters;
mod completion;
mod credential;
mod doctor;
mod expiry;
mod export_cert;
mod get_credentials;
mod offboard;
mod prune;
mod revoke;
mod rotate;
mod version;
mod whoami;

use std::path::Path;

use crate::error::Error;
use crate::request::{Invocation, Request};
use crate::{Io, Machine};

/// Runs the request; returns the exit status.
pub fn dispatch(invocation: &Invocation, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let verbose = invocation.verbose;
    match &invocation.request {
        Request::Whoami(request) => whoami::run(request, machine, io),
        Request::Expiry(request) => expiry::run(request, machine, io),
        Request::ExportCert(request) => export_cert::run(request, machine, io),
        Request::GetCredentials(request) => get_credentials::run(request, verbose, machine, io),
        Request::Revoke(request) => revoke::run(request, verbose, machine, io),
        Request::Clusters(request) => clusters::run(request, verbose, machine, io),
        Request::Credential(request) => credential::run(request, verbose, machine, io),
        Request::Rotate(request) => rotate::run(request, verbose, machine, io),
        Request::Audit(request) => audit::run(request, verbose, machine, io),
        Request::Doctor(request) => doctor::run(request, verbose, machine, io),
        Request::Offboard(request) => offboard::run(request, verbose, machine, io),
        Request::Prune(request) => prune::run(request, verbose, machine, io),
        Request::Version(request) => version::run(request, io),
        Request::Completion(request) => completion::run(request, machine, io),
        Request::Complete(request) => completion::complete(request, machine, io),
    }
}

/// `path` for messages, `~` for the home directory.
fn shown(path: &Path, machine: &Machine) -> String {
    crate::ops::shown(path, machine)
}
