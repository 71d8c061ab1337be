//! Reading what a context's user holds, offline: the bytes behind a `*-data` or path field, and the
//! client certificate parsed (`whoami`, `expiry`, `export-cert`, `rotate`, `doctor`).

use super::Error;
use super::error::Part;
use crate::cert::{self, CertificateFacts};
use crate::kubeconfig::{Material, ResolvedContext, UserAuth};
use crate::t;

/// The bytes behind a `*-data` field or a path field.
pub fn read_material(context: &str, what: Part, material: &Material) -> Result<Vec<u8>, Error> {
    match material {
        Material::Inline(data) => cert::decode_base64_field(data).map_err(|source| Error::Certificate {
            context: context.to_string(),
            what,
            source,
        }),
        // Only a regular file of at most 1 MiB: `client-certificate: /dev/zero` or a FIFO gets an error, not a
        // 20 GB read or a hang.
        Material::File(path) => crate::fsutil::read_bounded(
            path,
            crate::fsutil::MAX_REFERENCED_FILE_BYTES,
            crate::fsutil::Accept::RegularFiles,
            "referenced-file",
        )
        .map_err(|source| Error::ReadFile {
            context: context.to_string(),
            what,
            path: path.clone(),
            source: source.into_io(),
        }),
    }
}

/// The client certificate of a context, parsed; `Ok(None)` when its user authenticates another way.
pub fn client_certificate(resolved: &ResolvedContext<'_>) -> Result<Option<CertificateFacts>, Error> {
    let UserAuth::ClientCertificate { certificate, .. } = resolved.user_auth() else { return Ok(None) };
    let what = Part::ClientCertificate;
    let bytes = read_material(resolved.name(), what, &certificate)?;
    cert::inspect(&bytes).map(Some).map_err(|source| Error::Certificate {
        context: resolved.name().to_string(),
        what,
        source,
    })
}

/// Whether an exec user is kubectl-ack's token plugin (`kubectl-ack credential <id> --auth token …`).
pub fn is_token_plugin(command: &str, args: &[String]) -> bool {
    let program = std::path::Path::new(command).file_stem().and_then(|stem| stem.to_str()).unwrap_or_default();
    program == "kubectl-ack"
        && args.first().map(String::as_str) == Some("credential")
        && args.windows(2).any(|pair| pair[0] == "--auth" && pair[1] == "token")
}

/// A one-line description of how a user authenticates, when it is not with a client certificate.
pub fn describe_user_auth(auth: &UserAuth) -> String {
    match auth {
        UserAuth::ClientCertificate { .. } => t!("auth-client-certificate"),
        UserAuth::Token => t!("auth-token"),
        UserAuth::TokenFile(path) => t!("auth-token-file", path = path.display().to_string()),
        UserAuth::Exec { command, args } if is_token_plugin(command, args) => {
            t!("auth-ram-token", cluster = args.get(1).map(String::as_str).unwrap_or_default())
        }
        UserAuth::Exec { command, args } => {
            let line = std::iter::once(command.as_str()).chain(args.iter().map(String::as_str)).collect::<Vec<_>>();
            t!("auth-exec", command = line.join(" "))
        }
        UserAuth::AuthProvider { name } => t!("auth-provider", name = name.as_str()),
        UserAuth::Basic { username } => t!("auth-basic", username = username.as_str()),
        UserAuth::None => t!("auth-none"),
    }
}
