//! `kubectl ack credential CLUSTER_ID`: the exec credential plugin kubectl runs (`ops::exec_credential`);
//! prints the ExecCredential, one line of JSON.

use crate::error::{Error, exit};
use crate::ops::exec_credential;
use crate::request::Credential;
use crate::{Io, Machine};

pub fn run(request: &Credential, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let credential = exec_credential::exec_credential(request, machine, verbose, io)?;
    writeln!(io.out, "{credential}")?;
    Ok(exit::SUCCESS)
}
