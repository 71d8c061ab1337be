//! `kubectl ack audit`: being built (issue 8).

use super::Io;
use crate::Environment;
use crate::cli::AuditArgs;
use crate::error::Error;

pub fn run(_args: &AuditArgs, _verbose: bool, _env: &Environment, _io: &mut Io<'_>) -> Result<u8, Error> {
    Err(Error::NotBuiltYet("audit"))
}
