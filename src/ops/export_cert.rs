//! export-cert: the ACK FAQ's grep | awk | base64 -d extraction, done safely: the key file is 0600 from
//! the moment it exists, nothing is overwritten without --force, and the files are checked before any is
//! written.

use crate::ops::Part;
use std::path::PathBuf;

use serde::Serialize;

use super::Error;
use super::inspect::{client_certificate, describe_user_auth, read_material};
use crate::cert;
use crate::fsutil::{self, IfExists, OwnedFile, PRIVATE_FILE_MODE};
use crate::kubeconfig::UserAuth;
use crate::request::ExportCert;
use crate::{Io, Machine, output, t};

const CERT_FILE: &str = "client-cert.pem";
const KEY_FILE: &str = "client-key.pem";
const CA_FILE: &str = "ca.pem";
/// Certificates are public; the key is not.
const PUBLIC_FILE_MODE: u32 = 0o644;

/// `-o json|yaml` of export-cert (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportReport {
    pub context: String,
    pub server: Option<String>,
    pub client_certificate: PathBuf,
    pub client_key: PathBuf,
    pub certificate_authority: Option<PathBuf>,
}

struct PendingFile {
    path: PathBuf,
    contents: Vec<u8>,
    mode: u32,
}

pub fn export_cert(request: &ExportCert, machine: &Machine, io: &mut Io<'_>) -> Result<ExportReport, Error> {
    let config = super::load_kubeconfig_for_context(&request.kubeconfig, request.context.as_deref(), machine)?;
    let resolved = config.resolve_context(request.context.as_deref())?;
    let context = resolved.name();
    let auth = resolved.user_auth();
    let UserAuth::ClientCertificate { certificate, key } = &auth else {
        output::warning(io.err, &t!("export-cert-other-auth", auth = describe_user_auth(&auth)));
        return Err(Error::Missing {
            context: context.to_string(),
            what: Part::ClientCertificate,
            credential: auth.kind(),
        });
    };
    // Parse the certificate first: exporting something that is not one helps nobody.
    client_certificate(&resolved)?;
    let key = key.as_ref().ok_or_else(|| Error::Missing {
        context: context.to_string(),
        what: Part::ClientKey,
        credential: "client-certificate",
    })?;
    let dir = &request.out_dir;
    let mut files = vec![
        PendingFile {
            path: dir.join(CERT_FILE),
            contents: public(
                context,
                Part::ClientCertificate,
                read_material(context, Part::ClientCertificate, certificate)?,
            )?,
            mode: PUBLIC_FILE_MODE,
        },
        PendingFile {
            path: dir.join(KEY_FILE),
            contents: read_material(context, Part::ClientKey, key)?,
            mode: PRIVATE_FILE_MODE,
        },
    ];
    if let Some(ca) = resolved.certificate_authority() {
        files.push(PendingFile {
            path: dir.join(CA_FILE),
            contents: public(
                context,
                Part::CertificateAuthority,
                read_material(context, Part::CertificateAuthority, &ca)?,
            )?,
            mode: PUBLIC_FILE_MODE,
        });
    }
    refuse_to_overwrite(&files, request.force)?;
    fsutil::create_private_dir_all(dir).map_err(|source| Error::Write { path: dir.clone(), source })?;
    // Files this tool owns: never written through a symlink planted at their names (it is
    // replaced, its target untouched), always with their own mode; without --force, never over
    // anything that appeared since the check above.
    let if_exists = if request.force { IfExists::Replace } else { IfExists::Refuse };
    // All or nothing: every file is written out before any is put in place (item 19 of issue 13).
    let owned: Vec<OwnedFile<'_>> =
        files.iter().map(|file| OwnedFile { path: &file.path, contents: &file.contents, mode: file.mode }).collect();
    fsutil::write_owned_files(&owned, if_exists).map_err(|failed| match failed.error.kind() {
        std::io::ErrorKind::AlreadyExists => Error::WouldOverwrite { path: failed.path },
        _ => Error::Write { path: failed.path, source: failed.error },
    })?;
    Ok(ExportReport {
        context: context.to_string(),
        server: resolved.server().map(str::to_string),
        client_certificate: files[0].path.clone(),
        client_key: files[1].path.clone(),
        certificate_authority: files.get(2).map(|file| file.path.clone()),
    })
}

/// What a file others may read can hold: the certificates alone. A combined certificate-and-key PEM
/// (which kubectl accepts as `client-certificate`) gives its key to `client-key.pem` only.
fn public(context: &str, what: Part, pem: Vec<u8>) -> Result<Vec<u8>, Error> {
    cert::certificates_only(&pem).map_err(|source| Error::Certificate { context: context.to_string(), what, source })
}

fn refuse_to_overwrite(files: &[PendingFile], force: bool) -> Result<(), Error> {
    match files.iter().find(|file| file.path.symlink_metadata().is_ok()) {
        Some(existing) if !force => Err(Error::WouldOverwrite { path: existing.path.clone() }),
        _ => Ok(()),
    }
}
