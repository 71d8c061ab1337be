//! One module per subcommand. A command takes its parsed arguments, the injected environment
//! (clock, home, KUBECONFIG) and the writers it prints to, and returns an exit status.

mod apiserver;
mod audit;
mod cloud;
mod clusters;
pub mod completion;
mod credential;
mod doctor;
mod expiry;
mod export_cert;
mod get_credentials;
mod revoke;
mod rotate;
mod version;
mod whoami;

use std::io::Write;
use std::path::Path;

pub use get_credentials::{AnswerError, take_credentials};

use crate::Environment;
use crate::cert::{self, CertificateFacts};
use crate::cli::{Cli, Command, KubeconfigArgs};
use crate::error::Error;
use crate::kubeconfig::{Credential, Kubeconfig, KubeconfigPaths, Material, ResolvedContext};

/// Where a command reads answers from and prints to: `out` for results, `err` for diagnostics.
pub struct Io<'a> {
    pub input: &'a mut dyn std::io::BufRead,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// Runs the parsed command line; returns the exit status.
pub fn dispatch(cli: &Cli, env: &Environment, io: &mut Io<'_>) -> Result<u8, Error> {
    match &cli.command {
        Command::Whoami(args) => whoami::run(args, env, io),
        Command::Expiry(args) => expiry::run(args, env, io),
        Command::ExportCert(args) => export_cert::run(args, env, io),
        Command::GetCredentials(args) => get_credentials::run(args, cli.verbose, env, io),
        Command::Revoke(args) => revoke::run(args, cli.verbose, env, io),
        Command::Clusters(args) => clusters::run(args, cli.verbose, io),
        Command::Credential(args) => credential::run(args, cli.verbose, env, io),
        Command::Rotate(args) => rotate::run(args, cli.verbose, env, io),
        Command::Audit(args) => audit::run(args, cli.verbose, env, io),
        Command::Doctor(args) => doctor::run(args, cli.verbose, env, io),
        Command::Version(args) => version::run(args, io),
        Command::Completion(args) => completion::run(args, io),
        Command::Complete(args) => completion::complete(args, env, io),
    }
}

/// The kubeconfig files in force for these flags and this environment.
pub(crate) fn kubeconfig_paths(args: &KubeconfigArgs, env: &Environment) -> Result<KubeconfigPaths, Error> {
    Ok(KubeconfigPaths::resolve(args.kubeconfig.as_deref(), env.kubeconfig.as_deref(), env.home.as_deref())?)
}

/// Reads the merged kubeconfig kubectl would see.
pub(crate) fn load_kubeconfig(args: &KubeconfigArgs, env: &Environment) -> Result<Kubeconfig, Error> {
    Ok(Kubeconfig::load(&kubeconfig_paths(args, env)?)?)
}

/// The bytes behind a `*-data` field or a path field.
pub(crate) fn read_material(context: &str, what: &'static str, material: &Material) -> Result<Vec<u8>, Error> {
    match material {
        Material::Inline(data) => cert::decode_base64_field(data).map_err(|source| Error::Certificate {
            context: context.to_string(),
            what,
            source,
        }),
        // Only a regular file of at most 1 MiB: `client-certificate: /dev/zero` or a FIFO gets an
        // error, not a 20 GB read or a hang.
        Material::File(path) => crate::fsutil::read_bounded(
            path,
            crate::fsutil::MAX_REFERENCED_FILE_BYTES,
            crate::fsutil::Accept::RegularFiles,
            "certificate or key file",
        )
        .map_err(|source| Error::ReadFile {
            context: context.to_string(),
            what,
            path: path.clone(),
            source: source.into_io(),
        }),
    }
}

/// The client certificate of a context, parsed; `Ok(None)` when its user has another kind of credential.
pub(crate) fn client_certificate(resolved: &ResolvedContext<'_>) -> Result<Option<CertificateFacts>, Error> {
    let Credential::ClientCertificate { certificate, .. } = resolved.credential() else { return Ok(None) };
    let what = "client certificate";
    let bytes = read_material(resolved.name(), what, &certificate)?;
    cert::inspect(&bytes).map(Some).map_err(|source| Error::Certificate {
        context: resolved.name().to_string(),
        what,
        source,
    })
}

/// A one-line description of a credential that is not a client certificate.
pub(crate) fn describe_other_credential(credential: &Credential) -> String {
    match credential {
        Credential::ClientCertificate { .. } => "client certificate".into(),
        Credential::Token => "bearer token".into(),
        Credential::TokenFile(path) => format!("bearer token from {}", path.display()),
        Credential::Exec { command, args } => {
            let line = std::iter::once(command.as_str()).chain(args.iter().map(String::as_str)).collect::<Vec<_>>();
            format!("exec plugin `{}`", line.join(" "))
        }
        Credential::AuthProvider { name } => format!("auth-provider \"{name}\""),
        Credential::Basic { username } => format!("basic auth as \"{username}\""),
        Credential::None => "no credentials".into(),
    }
}

/// `path` for messages, `~` for the home directory.
pub(crate) fn shown(path: &Path, env: &Environment) -> String {
    crate::output::display_path(path, env.home.as_deref())
}
