//! `kubectl ack doctor`: being built (issue 8).

use super::Io;
use crate::Environment;
use crate::cli::DoctorArgs;
use crate::error::Error;

pub fn run(_args: &DoctorArgs, _verbose: bool, _env: &Environment, _io: &mut Io<'_>) -> Result<u8, Error> {
    Err(Error::NotBuiltYet("doctor"))
}
