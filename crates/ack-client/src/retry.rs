//! When and how long to wait before trying a request again.

use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::clock::random_u64;

/// Bounded retries with jittered exponential backoff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// The first backoff; each retry doubles it.
    pub base_delay: Duration,
    /// No backoff is longer than this.
    pub max_delay: Duration,
    /// The longest wait a throttling answer's `TimeLeft` can impose.
    pub max_throttle_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_throttle_wait: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..RetryPolicy::default() }
    }

    /// The backoff before retry number `retry` (0-based): "equal jitter", a random point in the upper half
    /// of the exponential window, so that concurrent clients spread out but never retry at once.
    pub fn backoff(&self, retry: u32) -> Duration {
        let window = self.base_delay.saturating_mul(1u32 << retry.min(16)).min(self.max_delay);
        let half = window / 2;
        let half_ms = half.as_millis() as u64;
        let jitter = if half_ms == 0 { 0 } else { random_u64() % (half_ms + 1) };
        half + Duration::from_millis(jitter)
    }

    /// The wait before retrying a throttled request: the server's `TimeLeft` if it sent one (capped),
    /// else the ordinary backoff.
    pub fn throttle_wait(&self, retry: u32, headers: &HeaderMap) -> Duration {
        match throttle_time_left(headers) {
            Some(left) => left.min(self.max_throttle_wait),
            None => self.backoff(retry),
        }
    }
}

/// The longest `TimeLeft` (milliseconds) in `x-ratelimit-user-api` / `x-ratelimit-user`, whose values look
/// like `Limit:1,Remain:0,TimeLeft:2000,Reset:1234`.
pub(crate) fn throttle_time_left(headers: &HeaderMap) -> Option<Duration> {
    ["x-ratelimit-user-api", "x-ratelimit-user"]
        .iter()
        .filter_map(|name| headers.get(*name)?.to_str().ok())
        .filter_map(parse_time_left)
        .max()
}

pub(crate) fn parse_time_left(value: &str) -> Option<Duration> {
    value.split(',').find_map(|part| {
        let (key, number) = part.split_once(':')?;
        if key.trim().eq_ignore_ascii_case("TimeLeft") {
            number.trim().parse::<u64>().ok().map(Duration::from_millis)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn parses_the_rate_limit_header() {
        assert_eq!(parse_time_left("Limit:1,Remain:0,TimeLeft:2000,Reset:1234"), Some(Duration::from_millis(2000)));
        assert_eq!(parse_time_left("Limit:1, TimeLeft: 15"), Some(Duration::from_millis(15)));
        assert_eq!(parse_time_left("Limit:1,Remain:0"), None);
        assert_eq!(parse_time_left("TimeLeft:soon"), None);
        assert_eq!(parse_time_left(""), None);
    }

    #[test]
    fn throttle_wait_takes_the_longest_time_left_and_caps_it() {
        let policy = RetryPolicy::default();
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-user-api", HeaderValue::from_static("Limit:1,Remain:0,TimeLeft:300,Reset:1"));
        headers.insert("x-ratelimit-user", HeaderValue::from_static("Limit:9,Remain:0,TimeLeft:700,Reset:1"));
        assert_eq!(policy.throttle_wait(0, &headers), Duration::from_millis(700));
        headers.insert("x-ratelimit-user", HeaderValue::from_static("TimeLeft:3600000"));
        assert_eq!(policy.throttle_wait(0, &headers), policy.max_throttle_wait);
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_capped() {
        let policy = RetryPolicy::default();
        for retry in 0..6 {
            let window = (policy.base_delay * (1 << retry)).min(policy.max_delay);
            let delay = policy.backoff(retry);
            assert!(delay >= window / 2 && delay <= window, "retry {retry}: {delay:?}");
        }
        assert!(policy.backoff(40) <= policy.max_delay);
    }
}
