//! kubectl-ack: Alibaba Cloud ACK credentials for kubectl.
//!
//! Dependency direction: `main` → `cli` → `commands` → {`kubeconfig`, `cert`, `output`, and the
//! `ack-client` crate}. The kubeconfig engine knows nothing of Alibaba Cloud; `cert` is pure;
//! every user-facing word goes through `output`. See docs/ARCHITECTURE.md.

pub mod ack;
pub mod cert;
pub mod cli;
pub mod commands;
pub mod duration;
pub mod error;
pub mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
pub mod kubeconfig;
pub mod output;
pub mod yaml;

use std::ffi::OsString;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use time::OffsetDateTime;

use crate::error::exit;

/// What a command may know of the world outside its arguments: injected, so tests control it.
#[derive(Debug, Clone)]
pub struct Environment {
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
    /// `ALIBABA_CLOUD_ACCESS_KEY_ID` (not a secret): it tells cached certificates of two accounts apart.
    pub access_key_id: Option<String>,
}

impl Environment {
    /// The real process environment.
    pub fn from_process() -> Self {
        let lock_timeout = std::env::var("KUBECTL_ACK_LOCK_TIMEOUT")
            .ok()
            .and_then(|value| duration::parse(&value).ok())
            .unwrap_or(kubeconfig::DEFAULT_LOCK_TIMEOUT);
        Environment {
            kubeconfig: std::env::var_os("KUBECONFIG"),
            home: dirs::home_dir(),
            now: OffsetDateTime::now_utc() + test_clock_offset(),
            lock_timeout,
            interactive: std::io::stdin().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            exec_info: std::env::var("KUBERNETES_EXEC_INFO").ok(),
            access_key_id: std::env::var("ALIBABA_CLOUD_ACCESS_KEY_ID").ok(),
        }
    }
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

/// Parses `args`, runs the command, reports any error; returns the exit status.
pub fn run<I, T>(args: I, env: &Environment, input: &mut dyn BufRead, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(usage) => {
            let text = usage.render().to_string();
            let stream: &mut dyn Write = if usage.use_stderr() { err } else { out };
            let _ = stream.write_all(text.as_bytes());
            return if usage.use_stderr() { exit::USAGE_ERROR } else { exit::SUCCESS };
        }
    };
    let mut io = commands::Io { input, out, err };
    match commands::dispatch(&cli, env, &mut io) {
        Ok(status) => status,
        Err(error) if error.is_broken_pipe() => exit::SUCCESS,
        Err(error) => {
            error::report(&error, io.err);
            exit::RUNTIME_ERROR
        }
    }
}
