//! Faults injected into the fake CS API: latency, server errors, throttling, broken bodies, RAM denials.

use std::time::Duration;

/// What goes wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// Delay the answer; the request is then served normally.
    Latency(Duration),
    /// 500 `InternalError`.
    InternalError,
    /// 503 `ServiceUnavailable`.
    ServiceUnavailable,
    /// 400 `Throttling.User` with an `x-ratelimit-user-api` header.
    Throttling,
    /// The normal answer, cut in half (Content-Length matches the cut body, so it is invalid JSON).
    TruncatedBody,
    /// A 502 with an HTML page, as a load balancer in front of the API sends.
    HtmlBody,
    /// 403 `StatusForbidden`, `RAM policy Forbidden for action cs:<action>`, with `accessDeniedDetail`: a RAM
    /// policy that does not grant the action (the signer's account is named in the detail).
    Forbidden,
}

/// A fault applied to the next `times` CS requests that match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub kind: FaultKind,
    /// How many matching requests it still applies to.
    pub times: usize,
    /// Only requests for this action (`DescribeClusterUserKubeconfig`) or with a path starting with this (`/k8s/`).
    pub only: Option<String>,
}

impl Fault {
    pub fn new(kind: FaultKind) -> Self {
        Fault { kind, times: 1, only: None }
    }

    pub fn latency(delay: Duration) -> Self {
        Fault::new(FaultKind::Latency(delay))
    }

    pub fn internal_error() -> Self {
        Fault::new(FaultKind::InternalError)
    }

    pub fn service_unavailable() -> Self {
        Fault::new(FaultKind::ServiceUnavailable)
    }

    pub fn throttling() -> Self {
        Fault::new(FaultKind::Throttling)
    }

    pub fn truncated_body() -> Self {
        Fault::new(FaultKind::TruncatedBody)
    }

    pub fn html_body() -> Self {
        Fault::new(FaultKind::HtmlBody)
    }

    /// The RAM denial of the request's action; usually with `.only("DescribeClusterUserKubeconfig")`.
    pub fn forbidden() -> Self {
        Fault::new(FaultKind::Forbidden)
    }

    /// Applies to the next `times` matching requests (default 1).
    pub fn times(mut self, times: usize) -> Self {
        self.times = times;
        self
    }

    /// Applies to every matching request from now on.
    pub fn always(self) -> Self {
        self.times(usize::MAX)
    }

    /// Only requests for this action (e.g. `DescribeClustersV1`) or whose path starts with this (e.g. `/k8s/`).
    pub fn only(mut self, action_or_path_prefix: impl Into<String>) -> Self {
        self.only = Some(action_or_path_prefix.into());
        self
    }

    pub(crate) fn matches(&self, action: &str, path: &str) -> bool {
        match &self.only {
            None => true,
            Some(filter) if filter.starts_with('/') => path.starts_with(filter.as_str()),
            Some(filter) => filter == action,
        }
    }
}

/// What the pending faults do to one request.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Applied {
    pub delay: Duration,
    /// At most one fault that changes the answer.
    pub answer: Option<FaultKind>,
}

/// Takes from `pending` what applies to this request: every matching latency, and the first matching
/// fault that changes the answer. Used-up faults are removed.
pub(crate) fn take_matching(pending: &mut Vec<Fault>, action: &str, path: &str) -> Applied {
    let mut applied = Applied::default();
    for fault in pending.iter_mut().filter(|fault| fault.times > 0 && fault.matches(action, path)) {
        match &fault.kind {
            FaultKind::Latency(delay) => applied.delay += *delay,
            kind if applied.answer.is_none() => applied.answer = Some(kind.clone()),
            _ => continue,
        }
        fault.times = fault.times.saturating_sub(1);
    }
    pending.retain(|fault| fault.times > 0);
    applied
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_applies_the_given_number_of_times() {
        let mut pending = vec![Fault::service_unavailable().times(2)];
        for _ in 0..2 {
            assert_eq!(take_matching(&mut pending, "X", "/").answer, Some(FaultKind::ServiceUnavailable));
        }
        assert_eq!(take_matching(&mut pending, "X", "/"), Applied::default());
    }

    #[test]
    fn filters_by_action_or_path_prefix() {
        let mut pending =
            vec![Fault::internal_error().only("DescribeClustersV1"), Fault::throttling().only("/k8s/").always()];
        assert_eq!(take_matching(&mut pending, "DescribeClusterDetail", "/clusters/c1").answer, None);
        assert_eq!(
            take_matching(&mut pending, "DescribeClusterUserKubeconfig", "/k8s/c1/user_config").answer,
            Some(FaultKind::Throttling)
        );
        assert_eq!(
            take_matching(&mut pending, "DescribeClustersV1", "/api/v1/clusters").answer,
            Some(FaultKind::InternalError)
        );
        assert_eq!(pending.len(), 1);
    }

    #[test]
    fn latency_adds_up_and_combines_with_an_error() {
        let mut pending = vec![
            Fault::latency(Duration::from_millis(100)),
            Fault::latency(Duration::from_millis(50)),
            Fault::service_unavailable(),
        ];
        let applied = take_matching(&mut pending, "X", "/");
        assert_eq!(applied.delay, Duration::from_millis(150));
        assert_eq!(applied.answer, Some(FaultKind::ServiceUnavailable));
        assert!(pending.is_empty());
    }
}
