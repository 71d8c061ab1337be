//! The sandbox clock: the wall clock plus an offset that tests move forward (or back, to issue
//! certificates that look old).
//!
//! It decides certificate validity (issuing and the fake API servers' checks) and the expiry of
//! STS/metadata keys. Signature dates (`x-acs-date`, `Timestamp`) are checked against the real wall
//! clock, as the real gateway does, so a client signs with its own clock whatever the sandbox says.
//!
//! The CS gateway's own clock (its `Date` header and its check of `x-acs-date`) is the wall clock plus a
//! skew that tests set, to play a client whose clock is off: moving certificate time must not make every
//! signature look stale.

use std::sync::Mutex;
use std::time::Duration;

use time::OffsetDateTime;

#[derive(Debug, Default)]
pub(crate) struct SandboxClock {
    offset: Mutex<time::Duration>,
    /// How far the CS gateway's clock is from the wall clock (negative: behind).
    gateway_skew: Mutex<time::Duration>,
}

impl SandboxClock {
    pub(crate) fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + *self.offset.lock().unwrap()
    }

    pub(crate) fn advance(&self, by: Duration) {
        *self.offset.lock().unwrap() += by;
    }

    pub(crate) fn rewind(&self, by: Duration) {
        *self.offset.lock().unwrap() -= by;
    }

    /// The CS gateway's time: what its `Date` header says and what `x-acs-date` is checked against.
    pub(crate) fn gateway_now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + *self.gateway_skew.lock().unwrap()
    }

    pub(crate) fn set_gateway_skew(&self, skew: time::Duration) {
        *self.gateway_skew.lock().unwrap() = skew;
    }
}

/// An HTTP `Date` value (IMF-fixdate): `Sun, 06 Nov 1994 08:49:37 GMT`.
pub(crate) fn format_http_date(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    at.to_offset(time::UtcOffset::UTC).format(format).expect("a UTC time formats")
}

/// `2006-01-02T15:04:05Z`: the only timestamp layout the SDKs write and parse.
pub(crate) fn format_utc(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        at.month() as u8,
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

pub(crate) fn parse_utc(text: &str) -> Option<OffsetDateTime> {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::PrimitiveDateTime::parse(text, format).ok().map(|at| at.assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_now_forward() {
        let clock = SandboxClock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(3600));
        assert!(clock.now() - before >= time::Duration::seconds(3600));
    }

    #[test]
    fn rewinding_moves_now_back() {
        let clock = SandboxClock::default();
        clock.rewind(Duration::from_secs(3600));
        let behind = OffsetDateTime::now_utc() - clock.now();
        assert!(behind >= time::Duration::seconds(3599) && behind < time::Duration::seconds(3700), "{behind}");
    }

    #[test]
    fn the_gateway_clock_follows_its_skew_and_not_the_certificate_clock() {
        let clock = SandboxClock::default();
        clock.advance(Duration::from_secs(86_400));
        clock.set_gateway_skew(time::Duration::minutes(-20));
        let behind = OffsetDateTime::now_utc() - clock.gateway_now();
        assert!((behind - time::Duration::minutes(20)).abs() < time::Duration::seconds(5), "{behind}");
    }

    #[test]
    fn http_dates_are_imf_fixdate() {
        assert_eq!(format_http_date(parse_utc("1994-11-06T08:49:37Z").unwrap()), "Sun, 06 Nov 1994 08:49:37 GMT");
    }

    #[test]
    fn utc_format_round_trips() {
        let at = parse_utc("2023-10-26T10:22:32Z").unwrap();
        assert_eq!(format_utc(at), "2023-10-26T10:22:32Z");
        assert!(parse_utc("2023-10-26 10:22:32").is_none());
    }
}
