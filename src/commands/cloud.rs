//! What the commands that call Alibaba Cloud share: a client built from the flags, and a small
//! runtime to drive it. `--verbose` lines are collected and written to the command's `err`
//! writer, so they go where every other diagnostic goes.

use std::future::Future;
use std::sync::{Arc, Mutex};

use ack_client::{Client, VerboseSink};

use super::Io;
use crate::cli::CloudArgs;
use crate::error::Error;

/// Verbose lines produced by the client, waiting to be printed.
#[derive(Clone, Default)]
pub(crate) struct VerboseLines(Arc<Mutex<Vec<String>>>);

impl VerboseLines {
    fn sink(&self) -> VerboseSink {
        let lines = self.0.clone();
        VerboseSink::new(move |line| lines.lock().unwrap_or_else(|poison| poison.into_inner()).push(line.to_string()))
    }

    /// Writes what was collected so far to the diagnostics stream.
    pub(crate) fn flush(&self, io: &mut Io<'_>) {
        let lines = std::mem::take(&mut *self.0.lock().unwrap_or_else(|poison| poison.into_inner()));
        for line in lines {
            let _ = writeln!(io.err, "{line}");
        }
    }
}

/// A client for these flags; the credential chain runs at the first request.
pub(crate) fn client(args: &CloudArgs, verbose: Option<&VerboseLines>) -> Result<Client, Error> {
    Ok(Client::builder()
        .profile(args.profile.clone())
        .region(args.region.clone())
        .endpoint(args.endpoint.clone())
        .timeout(args.timeout)
        .verbose(verbose.map(VerboseLines::sink))
        .build()?)
}

/// Runs one API operation to completion on a single-threaded runtime.
pub(crate) fn block_on<T>(operation: impl Future<Output = T>) -> Result<T, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(Error::Runtime)?;
    Ok(runtime.block_on(operation))
}
