//! `kubectl ack version`.

use serde::Serialize;

use crate::error::{Error, exit};
use crate::output::{self, Format};
use crate::request::Version;
use crate::{Io, t};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct VersionReport {
    version: &'static str,
    /// `os/arch` in kubectl's spelling, e.g. linux/amd64.
    platform: String,
}

pub fn run(request: &Version, io: &mut Io<'_>) -> Result<u8, Error> {
    let report = VersionReport { version: env!("CARGO_PKG_VERSION"), platform: platform() };
    match request.format {
        Format::Text => {
            writeln!(io.out, "{}", t!("version", version = report.version, platform = report.platform.as_str()))?
        }
        format => output::structured(io.out, format, &report)?,
    }
    Ok(exit::SUCCESS)
}

fn platform() -> String {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    format!("{}/{arch}", std::env::consts::OS)
}
