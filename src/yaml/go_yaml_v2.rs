//! go-yaml v2's resolution of plain scalars (its resolve.go), and the rewrite that makes
//! serde-saphyr read a document the same way.
//!
//! serde-saphyr hands a `Value` no scalar style, so where its resolution differs from go-yaml
//! v2's a pass over the parser's events (granit-parser, the parser serde-saphyr itself uses)
//! finds the plain scalars concerned and respells them in the text before serde-saphyr reads it:
//! a number kubectl reads in another base or with underscores becomes its decimal value, a
//! string serde-saphyr would take for something else is double-quoted, and a mapping key that
//! kubectl turns into a JSON string by its resolved value (`012:` is `"10"`, `yes:` `"true"`) is
//! quoted as that string. Nothing else in the text moves.

use std::borrow::Cow;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

/// What go-yaml v2 makes of an untagged plain scalar when it decodes into `interface{}`.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Resolved {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    /// Anything else, timestamps included (v2 keeps them as strings in untyped values).
    Str,
}

/// resolve.go's `resolve("", in)`: its map of special words, then by the first character: a
/// float after `.`, and after a sign or digit an integer by Go's `ParseInt(s, 0, 64)` (then
/// `ParseUint`) with every `_` removed, else a float matching its `yamlStyleFloat`.
pub(super) fn resolve(text: &str) -> Resolved {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => Resolved::Bool(true),
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => Resolved::Bool(false),
        "" | "~" | "null" | "Null" | "NULL" => Resolved::Null,
        ".nan" | ".NaN" | ".NAN" => Resolved::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Resolved::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Resolved::Float(f64::NEG_INFINITY),
        _ => match text.as_bytes()[0] {
            // Go's ParseFloat on the text as it is: underscores are not allowed there.
            b'.' => yaml_style_float(text).map_or(Resolved::Str, Resolved::Float),
            b'+' | b'-' | b'0'..=b'9' => {
                let plain: String = text.chars().filter(|c| *c != '_').collect();
                if let Some(value) = go_parse_int(&plain) {
                    Resolved::Int(value)
                } else {
                    yaml_style_float(&plain).map_or(Resolved::Str, Resolved::Float)
                }
            }
            _ => Resolved::Str,
        },
    }
}

/// Go's `ParseInt(s, 0, 64)`, else `ParseUint(s, 0, 64)`: an optional sign (not for the
/// unsigned range), then `0x`, `0o`, `0b` or a leading `0` (octal), or decimal digits.
fn go_parse_int(text: &str) -> Option<i128> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let lower = unsigned.to_ascii_lowercase();
    let (radix, digits) = match lower.as_bytes() {
        [b'0', b'x', _, ..] => (16, &lower[2..]),
        [b'0', b'o', _, ..] => (8, &lower[2..]),
        [b'0', b'b', _, ..] => (2, &lower[2..]),
        [b'0', ..] => (8, &lower[1..]),
        [] => return None,
        _ => (10, lower.as_str()),
    };
    let magnitude = if digits.is_empty() {
        0
    } else {
        // from_str_radix alone would take a second sign.
        if !digits.bytes().all(|b| (b as char).is_digit(radix)) {
            return None;
        }
        u128::from_str_radix(digits, radix).ok()?
    };
    let value = if negative { -i128::try_from(magnitude).ok()? } else { i128::try_from(magnitude).ok()? };
    let signed_fits = i64::try_from(value).is_ok();
    let unsigned_fits = text == unsigned && u64::try_from(value).is_ok();
    (signed_fits || unsigned_fits).then_some(value)
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, parsed; `None` when it does not
/// match or overflows (Go's ParseFloat then fails, and the scalar stays a string).
fn yaml_style_float(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut at = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let digits = |from: usize| bytes[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let whole = digits(at);
    at += whole;
    if bytes.get(at) == Some(&b'.') {
        let fraction = digits(at + 1);
        if whole == 0 && fraction == 0 {
            return None;
        }
        at += 1 + fraction;
    } else if whole == 0 {
        return None;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        at += usize::from(matches!(bytes.get(at), Some(b'+' | b'-')));
        let exponent = digits(at);
        if exponent == 0 {
            return None;
        }
        at += exponent;
    }
    if at != bytes.len() {
        return None;
    }
    text.parse::<f64>().ok().filter(|value| value.is_finite())
}

/// Whether serde-saphyr might read this plain text as something other than a string: a number,
/// a boolean in any letter case, a null, an infinity.
fn saphyr_might_not_read_a_string(text: &str) -> bool {
    const WORDS: [&str; 12] = ["y", "yes", "n", "no", "on", "off", "true", "false", "null", "inf", "infinity", "nan"];
    text.starts_with(|c: char| c.is_ascii_digit() || "+-.~".contains(c))
        || WORDS.iter().any(|word| text.eq_ignore_ascii_case(word))
}

/// Decimal digits with an optional `-`, no leading zero: read alike by every YAML reader.
fn is_plain_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'))
}

/// A float spelled as YAML 1.2 and go-yaml both read it, without a leading zero or underscore.
fn is_plain_float(text: &str) -> bool {
    let digits = text.trim_start_matches(['+', '-']).as_bytes();
    let leading_zero = digits.len() > 1 && digits[0] == b'0' && digits[1].is_ascii_digit();
    !text.contains('_') && !leading_zero
}

/// A value as a YAML double-quoted scalar (JSON's string syntax is YAML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// The spelling a plain scalar needs so that serde-saphyr reads what go-yaml v2 reads, or `None`
/// when it reads it so already. Keys are strings either way: kubectl's YAMLToJSON turns a key
/// into the text of its resolved value (null keys make kubectl fail: left alone).
fn respelling(text: &str, is_key: bool) -> Option<String> {
    let resolved = resolve(text);
    if is_key {
        return match resolved {
            Resolved::Int(value) => Some(quoted(&value.to_string())),
            Resolved::Bool(value) => Some(quoted(if value { "true" } else { "false" })),
            Resolved::Float(value) if value.is_finite() => Some(quoted(&go_format_g(value))),
            _ => None,
        };
    }
    match resolved {
        Resolved::Int(value) => (!is_plain_decimal(text)).then(|| value.to_string()),
        Resolved::Float(value) if value.is_finite() => (!is_plain_float(text)).then(|| format!("{value:?}")),
        // serde-saphyr's nulls and YAML 1.1 booleans include go-yaml's; infinities are refused
        // by both readers (kubectl's JSON step has no infinity).
        Resolved::Null | Resolved::Bool(_) | Resolved::Float(_) => None,
        Resolved::Str => saphyr_might_not_read_a_string(text).then(|| quoted(text)),
    }
}

/// `strconv.FormatFloat(f, 'g', -1, 64)`, as YAMLToJSON spells a float key: the shortest
/// digits, in exponent form (two exponent digits at least) when the exponent is below -4 or at
/// least 6.
fn go_format_g(value: f64) -> String {
    if value == 0.0 {
        return if value.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let scientific = format!("{value:e}");
    let (mantissa, exponent) = scientific.split_once('e').expect("{:e} has an exponent");
    let exponent: i32 = exponent.parse().expect("an integer exponent");
    if !(-4..6).contains(&exponent) {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.abs())
    } else {
        format!("{value}")
    }
}

/// The text with every plain scalar whose meaning differs respelled; borrowed when none does,
/// or when the text does not parse (serde-saphyr then reports the error at its own place).
pub(super) fn respelled(text: &str) -> Cow<'_, str> {
    // The event pass costs a third of reading a large kubeconfig; most files need nothing respelled.
    if !yaml_lines(text).any(line_may_need_respelling) {
        return Cow::Borrowed(text);
    }
    respelled_by_events(text)
}

/// For the fuzz targets: the shortcut of `respelled` skips only texts the event pass leaves alone.
pub(super) fn shortcut_is_sound(text: &str) -> bool {
    yaml_lines(text).any(line_may_need_respelling) || matches!(respelled_by_events(text), Cow::Borrowed(_))
}

/// `respelled`, always from the parser's events.
fn respelled_by_events(text: &str) -> Cow<'_, str> {
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    // Per open collection: `Some(next is a key)` in a mapping, `None` in a sequence.
    let mut open: Vec<Option<bool>> = Vec::new();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { return Cow::Borrowed(text) };
        let is_node =
            matches!(event, Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..) | Event::Alias(_));
        let is_key = match open.last_mut() {
            Some(Some(next_is_key)) if is_node => std::mem::replace(next_is_key, !*next_is_key),
            _ => false,
        };
        match event {
            Event::Scalar(value, ScalarStyle::Plain, _, None) => {
                let (Some(start), Some(end)) = (span.start.byte_offset(), span.end.byte_offset()) else { continue };
                // A plain scalar over several lines is folded: never a number, and not its text.
                if text.get(start..end) != Some(value.as_ref()) {
                    continue;
                }
                if is_key && value == "<<" {
                    continue;
                }
                if let Some(spelling) = respelling(&value, is_key) {
                    edits.push((start, end, spelling));
                }
            }
            Event::MappingStart(..) => open.push(Some(true)),
            Event::SequenceStart(..) => open.push(None),
            Event::MappingEnd | Event::SequenceEnd => {
                open.pop();
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + edits.len() * 4);
    let mut copied = 0;
    for (start, end, spelling) in edits {
        out.push_str(&text[copied..start]);
        out.push_str(&spelling);
        copied = end;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The lines as YAML reads them: `\r`, `\n` and `\r\n` all break a line.
fn yaml_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', '\r'])
}

/// Whether a line may hold a plain scalar (a key or a value) that `respelling` changes. `false` only
/// when it certainly holds none: what it cannot read plainly (flow collections, anchors, tags, block
/// scalars, directives, tabs, odd keys) counts as `true`, and the event pass decides.
fn line_may_need_respelling(line: &str) -> bool {
    if line.contains('\t') {
        return true;
    }
    let mut rest = line.trim_start_matches(' ');
    if rest.starts_with("---") || rest.starts_with("...") || rest.starts_with('%') {
        return true;
    }
    while let Some(after) = rest.strip_prefix("- ") {
        rest = after.trim_start_matches(' ');
    }
    if rest.is_empty() || rest == "-" || rest.starts_with('#') {
        return false;
    }
    // A comment ends the line; in a plain key or value, ` #` starts one (a quoted key is kept whole).
    let plain_from = match rest.as_bytes()[0] {
        quote @ (b'"' | b'\'') => quoted_end(rest, quote).unwrap_or(rest.len()),
        _ => 0,
    };
    if let Some(comment) = rest[plain_from..].find(" #") {
        rest = rest[..plain_from + comment].trim_end_matches(' ');
    }
    match split_key(rest) {
        Some((key, value)) => key_may_need_respelling(key) || value_may_need_respelling(value),
        None => value_may_need_respelling(rest),
    }
}

/// `key: value` (or `key:` ending the line) into its key and value; `None` when the line is no
/// `key:` line. A quoted key is returned with its quotes.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let key_end = match text.as_bytes()[0] {
        quote @ (b'"' | b'\'') => {
            let close = quoted_end(text, quote)?;
            close + text[close..].find(|c: char| c != ' ')?
        }
        _ => text.find(": ").or_else(|| text.strip_suffix(':').map(str::len))?,
    };
    let after = text.get(key_end..)?.strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some((text[..key_end].trim_end(), after.trim_start_matches(' ')))
}

/// Where a quoted scalar that starts `text` ends (just past its closing quote), if it does on this line.
fn quoted_end(text: &str, quote: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if quote == b'"' => at += 2,
            b'\'' if quote == b'\'' && bytes.get(at + 1) == Some(&b'\'') => at += 2,
            byte if byte == quote => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

fn key_may_need_respelling(key: &str) -> bool {
    match key.as_bytes().first() {
        Some(b'"' | b'\'') => false,
        Some(b'?' | b'{' | b'[' | b'&' | b'!' | b'*' | b'|' | b'>' | b'@' | b'`') | None => true,
        Some(_) => respelling(key, true).is_some(),
    }
}

fn value_may_need_respelling(value: &str) -> bool {
    let value = value.trim_end_matches(' ');
    match value.as_bytes().first() {
        None | Some(b'#') => false,
        // `preferences: {}`, `users: []`: no scalar inside (kubectl writes the first in every file).
        _ if value == "{}" || value == "[]" => false,
        // A quoted scalar: its continuation lines, if any, are looked at as plain text (which can only
        // make this say `true` more often).
        Some(b'"' | b'\'') => false,
        Some(b'?' | b'{' | b'[' | b'&' | b'!' | b'*' | b'|' | b'>' | b'@' | b'`' | b'%') => true,
        Some(_) => respelling(value, false).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut of `respelled` never skips a text that needs respelling: every text the event pass
    /// would change is one the line test flags.
    #[test]
    fn the_line_test_flags_every_text_the_event_pass_changes() {
        let pieces = [
            "a",
            "key",
            "012",
            "0x1F",
            "1_",
            "yes",
            "yEs",
            "YES",
            "n",
            "~",
            "null",
            "inf",
            ".inf",
            "1e400",
            "-1",
            "+1",
            "-foo",
            ".x",
            "10",
            "0",
            "true",
            "\"012\"",
            "'yes'",
            "a b",
            "012 x",
            "x #c",
            "#c",
            "[012]",
            "{a: 1}",
            "&a 012",
            "*a",
            "!!str 012",
            "|",
            ">-",
            "- ",
            "-",
            "? ",
            ": ",
            ":",
            "  ",
            "\"a: b\"",
            "'it''s'",
            "https://h:6443",
            "2026-11-23T10:00:00Z",
            "12:30",
            "LS0tLS1CRUdJTi",
            "\t",
            "\"a #b\"",
            " #",
            "'q' ",
            "x:",
            "\"k\":",
            "\\",
            "\r",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |bound: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % bound as u64) as usize
        };
        let mut checked = 0;
        for _ in 0..50_000 {
            let mut text = String::new();
            for _ in 0..(1 + next(6)) {
                text.push_str(&" ".repeat(2 * next(3)));
                for _ in 0..(1 + next(4)) {
                    text.push_str(pieces[next(pieces.len())]);
                    if next(3) == 0 {
                        text.push_str(": ");
                    }
                }
                text.push('\n');
            }
            if !yaml_lines(&text).any(line_may_need_respelling) {
                checked += 1;
                assert!(matches!(respelled_by_events(&text), Cow::Borrowed(_)), "missed: {text:?}");
            }
        }
        assert!(checked > 2_000, "only {checked} texts were judged plain");
        for plain in [
            "apiVersion: v1\nclusters:\n- name: a\n  cluster:\n    server: https://127.0.0.1:6443\n",
            "temporaryMinutes: 180\n",
        ] {
            assert!(!yaml_lines(plain).any(line_may_need_respelling), "{plain}");
        }
    }

    #[test]
    fn resolution_follows_resolve_go() {
        let cases = [
            ("012", Resolved::Int(10)),
            ("-012", Resolved::Int(-10)),
            ("0", Resolved::Int(0)),
            ("0x1F", Resolved::Int(31)),
            ("0X1f", Resolved::Int(31)),
            ("0o17", Resolved::Int(15)),
            ("0b101", Resolved::Int(5)),
            ("-0b101", Resolved::Int(-5)),
            ("1_", Resolved::Int(1)),
            ("1__0", Resolved::Int(10)),
            ("+12", Resolved::Int(12)),
            ("18446744073709551615", Resolved::Int(18446744073709551615)),
            ("-9223372036854775808", Resolved::Int(-9223372036854775808)),
            ("-9223372036854775809", Resolved::Float(-9223372036854775809.0)),
            ("+18446744073709551615", Resolved::Float(18446744073709551615.0)),
            ("08", Resolved::Float(8.0)),
            ("0x", Resolved::Str),
            ("0b2", Resolved::Str),
            ("--1", Resolved::Str),
            ("1e3", Resolved::Float(1000.0)),
            ("1_000.5", Resolved::Float(1000.5)),
            ("._5", Resolved::Str),
            (".5", Resolved::Float(0.5)),
            ("1.", Resolved::Float(1.0)),
            ("1e400", Resolved::Str),
            ("12:30", Resolved::Str),
            ("2001-12-14", Resolved::Str),
            ("yEs", Resolved::Str),
            ("True", Resolved::Bool(true)),
            ("OFF", Resolved::Bool(false)),
            ("~", Resolved::Null),
            ("inf", Resolved::Str),
        ];
        for (text, expected) in cases {
            assert_eq!(resolve(text), expected, "{text}");
        }
    }

    #[test]
    fn go_formats_float_keys_with_g() {
        for (value, text) in [(1000.0, "1000"), (1.5, "1.5"), (1e6, "1e+06"), (123456.0, "123456"), (1e-5, "1e-05")] {
            assert_eq!(go_format_g(value), text);
        }
    }

    #[test]
    fn only_scalars_whose_meaning_differs_are_respelled() {
        let text =
            "a: &x 012\nb: [yEs, \"q\", 1_, !!str 09, 1e400]\nc: |\n  012\nd: *x\n012: n\ne: multi\n  012\nok: 10\n";
        let expected = "a: &x 10\nb: [\"yEs\", \"q\", 1, !!str 09, \"1e400\"]\nc: |\n  012\nd: *x\n\"10\": n\ne: multi\n  012\nok: 10\n";
        assert_eq!(respelled(text), expected);
        let untouched = "apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: https://x}\n";
        assert!(matches!(respelled(untouched), Cow::Borrowed(_)));
        assert!(matches!(respelled("a: [\n"), Cow::Borrowed(_)), "a broken text is left to serde-saphyr");
    }
}
