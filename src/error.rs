//! The errors a command can end with, and how they are reported: one `error:` line, the causes
//! as `caused by:` lines, and a hint where there is something the user can do.

use std::io::{self, Write};

use crate::kubeconfig::{ContextError, EditError, LoadError, NoHomeDirectory};
use crate::ops::Error as OpError;
use crate::output;

/// Exit statuses (documented in the README): 0 success, 1 runtime error, 2 usage error (clap),
/// 3 an expiry check failed.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const RUNTIME_ERROR: u8 = 1;
    pub const USAGE_ERROR: u8 = 2;
    pub const EXPIRY_CHECK_FAILED: u8 = 3;
}

/// How a run ended in failure: a use case's error (which wraps the layers below), or the results could
/// not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Op(#[from] OpError),
    #[error("{}", crate::t!("error-output"))]
    Output(#[from] io::Error),
}

/// Errors of the layers below the use cases reach the top through `OpError`.
macro_rules! through_ops {
    ($($layer:ty),*) => {
        $(impl From<$layer> for Error {
            fn from(error: $layer) -> Self {
                Error::Op(OpError::from(error))
            }
        })*
    };
}
through_ops!(NoHomeDirectory, LoadError, EditError, ContextError, ack_client::Error);

impl Error {
    /// What the user can do about it, when there is something.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Op(error) => error.hint(),
            Error::Output(_) => None,
        }
    }

    /// Writing to a closed pipe (`kubectl ack expiry | head -1`) is not a failure worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        let io = match self {
            Error::Output(error) | Error::Op(OpError::Terminal(error)) => error,
            _ => return false,
        };
        io.kind() == io::ErrorKind::BrokenPipe
    }
}

/// Writes `error:`, every `caused by:` and the hint, each on its own line.
pub fn report(error: &Error, err: &mut dyn Write) {
    output::error_report(err, error, error.hint());
}

/// The whole report on one line (`message; caused by: …; hint: …`), for a row or a line about one of
/// many items that failed.
pub fn report_line(error: &Error) -> String {
    output::error_report_line(error, error.hint())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn a_multi_line_cause_is_reported_on_one_line() {
        let snippet = io::Error::other(
            "error: line 3 column 11: expected sequence start\n --> <input>:3:11\n  |\n3 | clusters: 7",
        );
        let error = Error::Op(OpError::Write { path: PathBuf::from("/x"), source: snippet });
        let mut out = Vec::new();
        report(&error, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "error: cannot write /x\n  caused by: line 3 column 11: expected sequence start\n"
        );
    }
}
