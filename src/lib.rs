//! kubectl-ack: Alibaba Cloud ACK credentials for kubectl.
//!
//! Dependency direction (docs/ARCHITECTURE.md, DESIGN.md): `main` → `cli` (clap, lowered once into
//! `request`) → `commands` (thin: request → use case → render) → `ops` (the use cases) → {`ack` (the ACK
//! vocabulary and provenance), the `ack-client` crate, `kubeconfig`, `cert`, `output`} → {`fsutil`,
//! `yaml`, `duration`}. No command imports another; nothing below `cli` and `commands` knows clap;
//! every user-facing word goes through `output`.

pub mod ack;
pub mod cert;
pub mod cli;
pub mod commands;
pub mod duration;
pub mod error;
pub mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod kubeconfig;
pub mod ops;
pub mod output;
pub mod request;
pub mod yaml;

use std::ffi::OsString;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use time::OffsetDateTime;

use crate::error::exit;

/// What a run may know of the machine outside its arguments: injected, so tests control it.
#[derive(Clone)]
pub struct Machine {
    /// The value of `KUBECONFIG`.
    pub kubeconfig: Option<OsString>,
    pub home: Option<PathBuf>,
    /// The clock, read once per run.
    pub now: OffsetDateTime,
    /// How long a writer waits for another's kubeconfig lock.
    pub lock_timeout: Duration,
    /// Whether a person can answer a prompt (standard input is a terminal).
    pub interactive: bool,
    /// Whether diagnostics go to a terminal (progress is drawn only there).
    pub stderr_is_terminal: bool,
    /// `KUBERNETES_EXEC_INFO`, which kubectl sets when it runs an exec credential plugin.
    pub exec_info: Option<String>,
    /// `PATH`, where kubectl looks for plugins.
    pub path: Option<OsString>,
    /// `HTTPS_PROXY` and `NO_PROXY`, which kubectl honours on the way to an API server.
    pub proxies: ops::proxy::ProxyEnvironment,
    /// The language of human output (`KUBECTL_ACK_LANG`, else `LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub language: crate::i18n::Language,
    /// The environment variables and home directory the Alibaba Cloud client reads (credential chain,
    /// region, STS endpoint).
    pub cloud: Arc<dyn ack_client::Environment>,
}

impl std::fmt::Debug for Machine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Machine")
            .field("kubeconfig", &self.kubeconfig)
            .field("home", &self.home)
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

impl Machine {
    /// The real process environment.
    pub fn from_process() -> Self {
        let lock_timeout = std::env::var("KUBECTL_ACK_LOCK_TIMEOUT")
            .ok()
            .and_then(|value| duration::parse(&value).ok())
            .unwrap_or(kubeconfig::DEFAULT_LOCK_TIMEOUT);
        Machine {
            kubeconfig: std::env::var_os("KUBECONFIG"),
            home: dirs::home_dir(),
            now: test_now().unwrap_or_else(OffsetDateTime::now_utc) + test_clock_offset(),
            lock_timeout,
            interactive: std::io::stdin().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            exec_info: std::env::var("KUBERNETES_EXEC_INFO").ok(),
            path: std::env::var_os("PATH"),
            proxies: ops::proxy::ProxyEnvironment::from_process(),
            language: crate::i18n::Language::from_process(),
            cloud: Arc::new(ack_client::ProcessEnvironment),
        }
    }

    /// A cloud environment variable, as the credential chain reads it.
    pub fn cloud_var(&self, name: &str) -> Option<String> {
        self.cloud.var(name)
    }
}

/// Tests that compare the output of several runs byte for byte (one per language) give them one clock,
/// `KUBECTL_ACK_TEST_NOW` (RFC 3339). Only a debug build honours it, like the offset below.
fn test_now() -> Option<OffsetDateTime> {
    #[cfg(debug_assertions)]
    if let Some(now) = std::env::var("KUBECTL_ACK_TEST_NOW")
        .ok()
        .and_then(|value| OffsetDateTime::parse(&value, &time::format_description::well_known::Rfc3339).ok())
    {
        return Some(now);
    }
    None
}

/// Tests of certificate renewal move this process's clock forward (the sandbox moves its own).
/// Only a debug build honours it, so the shipped binary's clock is always the system's.
fn test_clock_offset() -> time::Duration {
    #[cfg(debug_assertions)]
    if let Some(seconds) =
        std::env::var("KUBECTL_ACK_TEST_CLOCK_OFFSET_SECONDS").ok().and_then(|value| value.parse::<i64>().ok())
    {
        return time::Duration::seconds(seconds);
    }
    time::Duration::ZERO
}

/// Where a run reads answers from and prints to: `out` for results, `err` for diagnostics.
pub struct Io<'a> {
    pub input: &'a mut dyn BufRead,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// Parses `args`, runs the command, reports any error; returns the exit status.
pub fn run<I, T>(args: I, machine: &Machine, input: &mut dyn BufRead, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    crate::i18n::select(machine.language);
    ack_client::set_words(&ack::words::CATALOGUE);
    let invocation = match cli::parse(args, machine.language) {
        Ok(invocation) => invocation,
        Err(usage) => {
            let stream: &mut dyn Write = if usage.is_error { err } else { out };
            let _ = stream.write_all(usage.text.as_bytes());
            return if usage.is_error { exit::USAGE_ERROR } else { exit::SUCCESS };
        }
    };
    let mut io = Io { input, out, err };
    match commands::dispatch(&invocation, machine, &mut io) {
        Ok(status) => status,
        Err(error) if error.is_broken_pipe() => exit::SUCCESS,
        Err(error) => {
            error::report(&error, io.err);
            exit::RUNTIME_ERROR
        }
    }
}
