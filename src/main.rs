//! The `kubectl-ack` binary: everything happens in the library; this only wires the process to it.

use std::process::ExitCode;

fn main() -> ExitCode {
    let machine = kubectl_ack::Machine::from_process();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let status =
        kubectl_ack::run(std::env::args_os(), &machine, &mut stdin.lock(), &mut stdout.lock(), &mut stderr.lock());
    ExitCode::from(status)
}
