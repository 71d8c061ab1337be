//! `plugin-manifest`: renders krew.yaml for built archives, checks a manifest, names archives.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use plugin_manifest::{Archive, Manifest, archive_name, render_manifest, validate};

/// kubectl-ack's krew manifest: render it for the archives that were built, or check one.
#[derive(Debug, Parser)]
#[command(name = "plugin-manifest", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Render the template for a tag and built archives (platforms without one are left out)
    Render {
        /// The krew-release-bot template
        #[arg(long, default_value = "krew.yaml")]
        template: PathBuf,
        /// The release tag, e.g. v0.1.0
        #[arg(long)]
        tag: String,
        /// Fail unless the tag is v<this version> (the crate's version)
        #[arg(long, value_name = "VERSION")]
        expect_version: Option<String>,
        /// Write the manifest here instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Built archives, named kubectl-ack_<tag>_<rust target>.tar.gz (or .zip)
        #[arg(required = true, value_name = "ARCHIVE")]
        archives: Vec<PathBuf>,
    },
    /// Check a concrete manifest against krew's rules
    Validate {
        #[arg(value_name = "FILE")]
        manifest: PathBuf,
    },
    /// Print the archive name of a tag and Rust target
    ArchiveName {
        #[arg(long)]
        tag: String,
        #[arg(long)]
        target: String,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Render { template, tag, expect_version, out, archives } => {
            if let Some(version) = expect_version
                && tag != format!("v{version}")
            {
                return Err(format!("the tag {tag} is not v{version}, the version in Cargo.toml"));
            }
            let text = std::fs::read_to_string(&template)
                .map_err(|error| format!("cannot read {}: {error}", template.display()))?;
            let archives =
                archives.iter().map(|path| Archive::open(path)).collect::<Result<Vec<_>, _>>().map_err(chain)?;
            let rendered = render_manifest(&text, &tag, &archives).map_err(chain)?;
            for archive in &archives {
                eprintln!("{}/{}: {} sha256 {}", archive.os, archive.arch, archive.file_name, archive.sha256);
            }
            for platform in &rendered.omitted {
                eprintln!("{platform}: no archive built here, left out");
            }
            match out {
                Some(path) => std::fs::write(&path, &rendered.yaml)
                    .map_err(|error| format!("cannot write {}: {error}", path.display()))?,
                None => print!("{}", rendered.yaml),
            }
            Ok(())
        }
        Command::Validate { manifest } => {
            let text = std::fs::read_to_string(&manifest)
                .map_err(|error| format!("cannot read {}: {error}", manifest.display()))?;
            let parsed = Manifest::from_yaml(&text).map_err(|error| format!("{}: {error}", manifest.display()))?;
            validate(&parsed).map_err(|invalid| format!("{}: {invalid}", manifest.display()))?;
            eprintln!("{}: valid ({} platforms)", manifest.display(), parsed.spec.platforms.len());
            Ok(())
        }
        Command::ArchiveName { tag, target } => {
            println!("{}", archive_name(&tag, &target));
            Ok(())
        }
    }
}

/// The error and its causes, `: `-separated.
fn chain(error: impl std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}
