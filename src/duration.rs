//! Durations as people type them: `15m`, `90m`, `2h30m`, `3d`, `180d`, `45s`.

use crate::t;
use std::time::Duration;

/// A duration flag value that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("{}", t!("error-duration-empty"))]
    Empty,
    #[error("{}", t!("error-duration-malformed", text = .0))]
    Malformed(String),
    #[error("{}", t!("error-duration-zero", text = .0))]
    Zero(String),
    #[error("{}", t!("error-duration-overflow", text = .0))]
    Overflow(String),
}

/// Parses a sequence of `<number><unit>` with units `d`, `h`, `m`, `s`.
pub fn parse(text: &str) -> Result<Duration, DurationError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(DurationError::Empty);
    }
    let malformed = || DurationError::Malformed(trimmed.to_string());
    let mut total: u64 = 0;
    let mut number = String::new();
    for character in trimmed.chars() {
        if character.is_ascii_digit() {
            number.push(character);
            continue;
        }
        let unit_seconds: u64 = match character {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return Err(malformed()),
        };
        let value: u64 = number.parse().map_err(|_| malformed())?;
        number.clear();
        let seconds = value.checked_mul(unit_seconds).ok_or_else(|| DurationError::Overflow(trimmed.to_string()))?;
        total = total.checked_add(seconds).ok_or_else(|| DurationError::Overflow(trimmed.to_string()))?;
    }
    if !number.is_empty() {
        return Err(malformed());
    }
    if total == 0 {
        return Err(DurationError::Zero(trimmed.to_string()));
    }
    Ok(Duration::from_secs(total))
}

/// The two largest units: `3d 4h`, `5h 12m`, `14m 3s`, `45s` (the same in every language: units are
/// the ones `--within` and `--temporary` take).
pub fn two_largest_units(duration: Duration) -> String {
    let total = duration.as_secs();
    let (days, hours, minutes, seconds) = (total / 86_400, total / 3_600 % 24, total / 60 % 60, total % 60);
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{seconds}s"),
        (0, 0, _) if seconds > 0 => format!("{minutes}m {seconds}s"),
        (0, 0, _) => format!("{minutes}m"),
        (0, _, 0) => format!("{hours}h"),
        (0, _, _) => format!("{hours}h {minutes}m"),
        (_, 0, _) => format!("{days}d"),
        _ => format!("{days}d {hours}h"),
    }
}

/// For clap's `value_parser`.
pub fn parse_flag(text: &str) -> Result<Duration, String> {
    parse(text).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_people_type() {
        let minutes = |m: u64| Duration::from_secs(m * 60);
        assert_eq!(parse("15m"), Ok(minutes(15)));
        assert_eq!(parse("90m"), Ok(minutes(90)));
        assert_eq!(parse("2h30m"), Ok(minutes(150)));
        assert_eq!(parse("3d"), Ok(minutes(3 * 24 * 60)));
        assert_eq!(parse("1d12h"), Ok(minutes(36 * 60)));
        assert_eq!(parse(" 45s "), Ok(Duration::from_secs(45)));
    }

    #[test]
    fn rejects_what_is_not_a_duration() {
        for bad in ["15", "m", "1.5h", "3 d", "2x", "-5m", "h30"] {
            assert!(matches!(parse(bad), Err(DurationError::Malformed(_))), "{bad}");
        }
        assert_eq!(parse(""), Err(DurationError::Empty));
        assert_eq!(parse("0m"), Err(DurationError::Zero("0m".into())));
        assert!(matches!(parse("99999999999999999999d"), Err(DurationError::Malformed(_))));
        assert!(matches!(parse("999999999999999d"), Err(DurationError::Overflow(_))));
    }
}
