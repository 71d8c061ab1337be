//! The Alibaba Cloud side of a run, in one place: an ack-client `Client` built from the plain cloud
//! settings and the injected environment, a runtime that drives it, and the `--verbose` lines it
//! produces (request line, status, time, credential source; never a secret), written to the run's
//! diagnostics after each operation.

use std::cell::OnceCell;
use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use ack_client::{CallerIdentity, Client, VerboseSink};

use super::Error;
use crate::Machine;
use crate::request::CloudSettings;

/// A client for some cloud settings, and what runs its calls.
pub struct Session {
    client: Client,
    settings: CloudSettings,
    cloud: Arc<dyn ack_client::Environment>,
    lines: Option<VerboseLines>,
    runtime: tokio::runtime::Runtime,
    /// STS's answer to GetCallerIdentity, asked at most once per run.
    caller: OnceCell<Result<CallerIdentity, String>>,
}

impl Session {
    /// A session for these settings; the credential chain runs at the first request.
    pub fn open(settings: &CloudSettings, machine: &Machine, verbose: bool) -> Result<Session, Error> {
        let lines = verbose.then(VerboseLines::default);
        let client = build_client(settings, &machine.cloud, lines.as_ref())?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(Error::Runtime)?;
        Ok(Session {
            client,
            settings: settings.clone(),
            cloud: machine.cloud.clone(),
            lines,
            runtime,
            caller: OnceCell::new(),
        })
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn settings(&self) -> &CloudSettings {
        &self.settings
    }

    /// A client with the same settings in another region (ACK contexts remember their cluster's region),
    /// whose verbose lines go where this session's go.
    pub fn client_in(&self, region: Option<String>) -> Result<Client, Error> {
        if region == self.settings.region {
            return Ok(self.client.clone());
        }
        build_client(&self.settings.in_region(region), &self.cloud, self.lines.as_ref())
    }

    /// Whose credentials this session signs with (STS GetCallerIdentity), asked once and remembered;
    /// an error is kept as its one-line message.
    pub fn caller_identity(&self, err: &mut dyn Write) -> Result<CallerIdentity, String> {
        self.caller
            .get_or_init(|| {
                self.run(err, self.client.caller_identity()).map_err(|error| ack_client::one_line(&error.to_string()))
            })
            .clone()
    }

    /// Runs one operation to completion, then writes its verbose lines to `err`.
    pub fn run<T>(&self, err: &mut dyn Write, operation: impl Future<Output = T>) -> T {
        let result = self.runtime.block_on(operation);
        self.flush(err);
        result
    }

    fn flush(&self, err: &mut dyn Write) {
        if let Some(lines) = &self.lines {
            for line in lines.take() {
                let _ = writeln!(err, "{line}");
            }
        }
    }
}

fn build_client(
    settings: &CloudSettings,
    cloud: &Arc<dyn ack_client::Environment>,
    lines: Option<&VerboseLines>,
) -> Result<Client, Error> {
    Ok(Client::builder()
        .environment(SharedEnvironment(cloud.clone()))
        .profile(settings.profile.clone())
        .region(settings.region.clone())
        .endpoint(settings.endpoint.clone())
        .timeout(settings.timeout)
        .verbose(lines.map(VerboseLines::sink))
        .build()?)
}

/// The run's cloud environment, handed to every client the run builds.
struct SharedEnvironment(Arc<dyn ack_client::Environment>);

impl ack_client::Environment for SharedEnvironment {
    fn var(&self, name: &str) -> Option<String> {
        self.0.var(name)
    }

    fn home_dir(&self) -> Option<PathBuf> {
        self.0.home_dir()
    }
}

/// Verbose lines produced by the clients (on the runtime's tasks), waiting to be written.
#[derive(Clone, Default)]
struct VerboseLines(Arc<Mutex<Vec<String>>>);

impl VerboseLines {
    fn sink(&self) -> VerboseSink {
        let lines = self.0.clone();
        VerboseSink::new(move |line| lines.lock().unwrap_or_else(|poison| poison.into_inner()).push(line.to_string()))
    }

    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|poison| poison.into_inner()))
    }
}
