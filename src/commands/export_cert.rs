//! `kubectl ack export-cert`: the ACK FAQ's grep | awk | base64 -d extraction, done safely:
//! the key file is 0600 from the moment it exists, nothing is overwritten without --force, and
//! the files are checked before any is written.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::{Io, client_certificate, describe_other_credential, load_kubeconfig, read_material, shown};
use crate::Environment;
use crate::cli::ExportCertArgs;
use crate::error::{Error, exit};
use crate::fsutil::{self, IfExists, PRIVATE_FILE_MODE};
use crate::kubeconfig::Credential;
use crate::output::{self, Format};

const CERT_FILE: &str = "client-cert.pem";
const KEY_FILE: &str = "client-key.pem";
const CA_FILE: &str = "ca.pem";
/// Certificates are public; the key is not.
const PUBLIC_FILE_MODE: u32 = 0o644;

/// `-o json|yaml` of export-cert (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportReport {
    context: String,
    server: Option<String>,
    client_certificate: PathBuf,
    client_key: PathBuf,
    certificate_authority: Option<PathBuf>,
}

struct PendingFile {
    path: PathBuf,
    contents: Vec<u8>,
    mode: u32,
}

pub fn run(args: &ExportCertArgs, env: &Environment, io: &mut Io<'_>) -> Result<u8, Error> {
    let config = load_kubeconfig(&args.kubeconfig, env)?;
    let resolved = config.resolve_context(args.context.as_deref())?;
    let context = resolved.name();
    let credential = resolved.credential();
    let Credential::ClientCertificate { certificate, key } = &credential else {
        return Err(Error::Missing {
            context: context.to_string(),
            what: "client certificate to export",
            credential: credential.kind(),
        })
        .inspect_err(|_| {
            output::warning(io.err, &format!("its user uses {}", describe_other_credential(&credential)))
        });
    };
    // Parse the certificate first: exporting something that is not one helps nobody.
    client_certificate(&resolved)?;
    let key = key.as_ref().ok_or_else(|| Error::Missing {
        context: context.to_string(),
        what: "client key",
        credential: "client-certificate",
    })?;
    let dir = &args.out_dir;
    let mut files = vec![
        PendingFile {
            path: dir.join(CERT_FILE),
            contents: read_material(context, "client certificate", certificate)?,
            mode: PUBLIC_FILE_MODE,
        },
        PendingFile {
            path: dir.join(KEY_FILE),
            contents: read_material(context, "client key", key)?,
            mode: PRIVATE_FILE_MODE,
        },
    ];
    if let Some(ca) = resolved.certificate_authority() {
        files.push(PendingFile {
            path: dir.join(CA_FILE),
            contents: read_material(context, "certificate authority", &ca)?,
            mode: PUBLIC_FILE_MODE,
        });
    }
    refuse_to_overwrite(&files, args.force)?;
    fsutil::create_private_dir_all(dir).map_err(|source| Error::Write { path: dir.clone(), source })?;
    // Files this tool owns: never written through a symlink planted at their names (it is
    // replaced, its target untouched), always with their own mode; without --force, never over
    // anything that appeared since the check above.
    let if_exists = if args.force { IfExists::Replace } else { IfExists::Refuse };
    for file in &files {
        fsutil::write_owned_file(&file.path, &file.contents, file.mode, if_exists).map_err(|source| {
            match source.kind() {
                std::io::ErrorKind::AlreadyExists => Error::WouldOverwrite { path: file.path.clone() },
                _ => Error::Write { path: file.path.clone(), source },
            }
        })?;
    }
    let report = ExportReport {
        context: context.to_string(),
        server: resolved.server().map(str::to_string),
        client_certificate: files[0].path.clone(),
        client_key: files[1].path.clone(),
        certificate_authority: files.get(2).map(|file| file.path.clone()),
    };
    match args.output.output {
        Format::Text => write_text(&report, env, io.out)?,
        format => output::structured(io.out, format, &report)?,
    }
    Ok(exit::SUCCESS)
}

fn refuse_to_overwrite(files: &[PendingFile], force: bool) -> Result<(), Error> {
    match files.iter().find(|file| file.path.symlink_metadata().is_ok()) {
        Some(existing) if !force => Err(Error::WouldOverwrite { path: existing.path.clone() }),
        _ => Ok(()),
    }
}

fn write_text(report: &ExportReport, env: &Environment, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "Client certificate:     {}", shown(&report.client_certificate, env))?;
    writeln!(out, "Client key (mode 0600): {}", shown(&report.client_key, env))?;
    if let Some(ca) = &report.certificate_authority {
        writeln!(out, "Cluster CA:             {}", shown(ca, env))?;
    }
    writeln!(out, "API server:             {}", report.server.as_deref().unwrap_or("(none)"))
}
