//! The `--verbose` hook: one line per request and one for the credential source. Never a secret, never a
//! signature: callers pass only method, URL (CS queries hold no secret; others are shown without query),
//! status and timing.

use std::fmt;
use std::sync::Arc;

/// Receives diagnostic lines such as
/// `GET https://cs.cn-hangzhou.aliyuncs.com/api/v1/clusters?page_number=1 -> 200 (123 ms)`.
#[derive(Clone)]
pub struct VerboseSink(Arc<dyn Fn(&str) + Send + Sync>);

impl VerboseSink {
    pub fn new(sink: impl Fn(&str) + Send + Sync + 'static) -> Self {
        VerboseSink(Arc::new(sink))
    }

    /// Writes each line to standard error.
    pub fn stderr() -> Self {
        VerboseSink::new(|line| eprintln!("{line}"))
    }

    pub(crate) fn line(&self, line: &str) {
        (self.0)(line)
    }
}

impl fmt::Debug for VerboseSink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VerboseSink")
    }
}

/// Sends a line to the sink, if there is one.
pub(crate) fn log(sink: Option<&VerboseSink>, line: impl FnOnce() -> String) {
    if let Some(sink) = sink {
        sink.line(&line());
    }
}
