//! `kubectl ack doctor`: every reason kubectl may fail with a context, checked in turn (`ops::doctor`),
//! each problem with a fix to run; exit 1 when a check failed.

use crate::error::{Error, exit};
use crate::ops::doctor;
use crate::output::{self, Format};
use crate::request::Doctor;
use crate::{Io, Machine};

pub fn run(request: &Doctor, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let report = doctor::diagnose(request, machine, verbose, io)?;
    match request.format {
        Format::Text => doctor::write_text(&report, io.out)?,
        format => output::structured(io.out, format, &report)?,
    }
    Ok(if report.failed() { exit::RUNTIME_ERROR } else { exit::SUCCESS })
}
