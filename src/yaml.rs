//! The one YAML stack of the binary: serde-saphyr (kube 5 already depends on it).
//!
//! Why these settings (measured in reference/yaml.md):
//! * Reading: the default node budget (250,000) rejects kubeconfigs with a few thousand contexts,
//!   so the size limits are raised; the alias/anchor limits stay, they guard against alias bombs.
//! * Writing: `prefer_block_scalars: false`, otherwise every base64 certificate longer than
//!   80 characters is folded into a `>-` scalar; with it an untouched kubeconfig round-trips
//!   byte for byte. serde-saphyr quotes YAML 1.1 look-alikes (`"yes"`, `"12:30"`), which kubectl needs.
//!
//! # YAML 1.1, as kubectl reads it
//!
//! kubectl reads a kubeconfig with sigs.k8s.io/yaml: go-yaml v2 (YAML 1.1 rules) into untyped
//! values, then JSON. A value read here is written back when the file is edited, so a plain
//! scalar must be read as go-yaml v2 resolves it, or its meaning changes on rewrite: unquoted
//! `012` was 10 to kubectl and would be written back as `12`; `0777` (511) as `777.0`; `n`
//! (false) as `"n"`. go-yaml v2's resolve.go, and how it is matched:
//! * booleans `y Y yes Yes YES n N no No NO on On ON off Off OFF true True TRUE false False FALSE`:
//!   serde-saphyr's YAML 1.1 booleans (`strict_booleans: false`, its default);
//! * integers through Go's `ParseInt(s, 0, 64)` after removing `_`: a leading `0` is octal, `0x`
//!   hex, `0o` octal, `0b` binary, with a sign: `legacy_octal_numbers: true` (`09`, not octal, is
//!   the float 9 in both);
//! * floats `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`: the same in both; `.inf` and
//!   `.nan` make kubectl fail (JSON has no infinity), and are refused here too;
//! * `~`, `null`, `Null`, `NULL` and the empty scalar are null in both;
//! * no sexagesimal numbers (resolve.go leaves them out on purpose) and timestamps stay strings
//!   when read into untyped values: strings in both (`12:30`, `2001-12-14`), quoted on write.
//!
//! Quoted scalars are strings in both. On write, numbers come out in decimal, booleans as
//! `true`/`false`, and every string that YAML 1.1 could read as something else is quoted, so what
//! kubectl reads after a rewrite is what it read before (tested below, and through the real
//! kubectl in tests/robustness_files.rs).
//!
//! Where serde-saphyr still differs, no option covers it, and serde-saphyr does not tell a
//! `Value` whether a scalar was quoted: booleans in other letter cases (`yEs` is a string to
//! kubectl), digits with stray underscores (`1_`, `1__0` are numbers to kubectl), floats beyond
//! f64 (`1e400` is a string to kubectl), and mapping keys, which kubectl turns into JSON strings
//! by their resolved value (`012:` is `"10"`, `yes:` `"true"`). For those, `from_str_yaml_1_1`
//! first respells such plain scalars in the text, from a pass over the parser's events
//! (`go_yaml_v2`), so serde-saphyr reads what kubectl reads.

mod go_yaml_v2;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A YAML document could not be read or written. The message is one line with the position.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    message: String,
}

impl YamlError {
    /// An error of ours about a document, worded by the caller.
    pub fn new(message: String) -> Self {
        YamlError { message }
    }

    fn from_saphyr(error: impl std::fmt::Display) -> Self {
        // serde-saphyr renders `error: <what> at <where>` and then a source snippet over several
        // lines; an `error:` report wants the first line alone, without its own `error:` prefix.
        let text = error.to_string();
        let first = text.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or("unreadable YAML");
        YamlError { message: first.strip_prefix("error: ").unwrap_or(first).to_string() }
    }
}

fn read_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        // YAML 1.1 as kubectl reads it (see the module's doc): `012` is 10, `n` is false.
        legacy_octal_numbers: true,
        strict_booleans: false,
        budget: serde_saphyr::budget! {
            max_events: 200_000_000,
            max_nodes: 200_000_000,
            max_total_scalar_bytes: 1 << 30,
            max_reader_input_bytes: Some(1 << 30),
            // An alias bomb of a few hundred bytes took ~10 s (debug build) to reach the default
            // 1,000,000; no kubeconfig records anywhere near this many events under anchors.
            max_recorded_anchor_events: 50_000,
        },
    }
}

/// Parses one YAML document.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str_with_options(text, read_options()).map_err(YamlError::from_saphyr)
}

/// Parses one YAML document as kubectl (go-yaml v2) reads it: every plain scalar keeps the
/// meaning it has to kubectl, so a document written back means to kubectl what it meant before.
pub fn from_str_yaml_1_1<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let respelled = go_yaml_v2::respelled(text);
    match from_str(&respelled) {
        Ok(value) => Ok(value),
        // The error of the text as the user wrote it, at the user's positions, when it has one.
        Err(error) if matches!(respelled, std::borrow::Cow::Owned(_)) => from_str::<T>(text).and(Err(error)),
        Err(error) => Err(error),
    }
}

/// For the fuzz targets: whether skipping the YAML 1.1 pass on `text` is right (see `go_yaml_v2`).
#[doc(hidden)]
pub fn respelling_shortcut_is_sound(text: &str) -> bool {
    go_yaml_v2::shortcut_is_sound(text)
}

/// What kubectl (go-yaml v2) makes of an untagged plain scalar, for readers that look at the parser's
/// events without building values (`kubeconfig::skim`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlainScalar {
    Null,
    Bool,
    Int,
    Float,
    Str,
}

pub fn resolve_plain(text: &str) -> PlainScalar {
    match go_yaml_v2::resolve(text) {
        go_yaml_v2::Resolved::Null => PlainScalar::Null,
        go_yaml_v2::Resolved::Bool(_) => PlainScalar::Bool,
        go_yaml_v2::Resolved::Int(_) => PlainScalar::Int,
        go_yaml_v2::Resolved::Float(_) => PlainScalar::Float,
        go_yaml_v2::Resolved::Str => PlainScalar::Str,
    }
}

/// Writes `value` as YAML in kubectl's layout (two-space indent, compact lists, no folding).
pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    let options = serde_saphyr::ser_options! { prefer_block_scalars: false };
    serde_saphyr::to_string_with_options(value, options).map_err(YamlError::from_saphyr)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn strings_that_look_like_yaml_1_1_scalars_stay_quoted() {
        let value = json!({"env": [{"name": "A", "value": "yes"}, {"name": "B", "value": "12:30"}, {"name": "C", "value": "on"}]});
        let text = to_string(&value).unwrap();
        for needle in ["\"yes\"", "\"12:30\"", "\"on\""] {
            assert!(text.contains(needle), "{needle} not quoted in:\n{text}");
        }
        let back: Value = from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn long_base64_strings_are_not_folded() {
        let long = "LS0tLS1CRUdJTi".repeat(40);
        let text = to_string(&json!({ "client-certificate-data": long })).unwrap();
        assert_eq!(text, format!("client-certificate-data: {long}\n"));
    }

    #[test]
    fn an_alias_bomb_is_refused_and_a_few_anchors_are_fine() {
        // 9^6 = 531,441 scalars from 150 bytes: under serde-saphyr's default limits it parsed.
        let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (name, previous) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e")] {
            bomb.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{previous}"); 9].join(",")));
        }
        let error = from_str::<Value>(&bomb).unwrap_err();
        assert!(error.to_string().contains("budget breached"), "{error}");
        let mut anchored = String::from("users:\n");
        for index in 0..500 {
            anchored
                .push_str(&format!("- &u{index} {{name: u{index}, user: {{token: t, exec: {{args: [a, b, c]}}}}}}\n"));
        }
        anchored.push_str("copies: [*u0, *u499]\n");
        let value: Value = from_str(&anchored).unwrap();
        assert_eq!(value["copies"][1]["name"], "u499");
    }

    #[test]
    fn errors_are_one_line() {
        let error = from_str::<Value>("a: [1, 2\nb: }").unwrap_err();
        assert!(!error.to_string().contains('\n'), "{error}");
    }

    /// How kubectl (go-yaml v2, then JSON) reads `v: <text>`: the table is written from go-yaml
    /// v2's resolve.go, not from this reader.
    fn yaml_1_1_cases() -> Vec<(&'static str, Value)> {
        let mut cases: Vec<(&'static str, Value)> = vec![
            ("012", json!(10)),
            ("0777", json!(511)),
            ("-012", json!(-10)),
            ("08", json!(8.0)),
            ("0x1F", json!(31)),
            ("-0x1F", json!(-31)),
            ("0o17", json!(15)),
            ("0b101", json!(5)),
            ("-0b101", json!(-5)),
            ("1_000", json!(1000)),
            ("0x_1F", json!(31)),
            ("+12", json!(12)),
            ("0", json!(0)),
            ("18446744073709551615", json!(18446744073709551615u64)),
            (".5", json!(0.5)),
            ("+.5", json!(0.5)),
            ("1.", json!(1.0)),
            ("1e3", json!(1000.0)),
            ("-1.5E-2", json!(-0.015)),
            ("~", Value::Null),
            ("null", Value::Null),
            ("Null", Value::Null),
            ("NULL", Value::Null),
            ("", Value::Null),
            ("12:30", json!("12:30")),
            ("190:20:30", json!("190:20:30")),
            ("2001-12-14", json!("2001-12-14")),
            ("2001-12-14t21:59:43.10-05:00", json!("2001-12-14t21:59:43.10-05:00")),
            ("inf", json!("inf")),
            ("Infinity", json!("Infinity")),
            ("0x", json!("0x")),
            ("1.2.3", json!("1.2.3")),
            ("'012'", json!("012")),
            ("\"0777\"", json!("0777")),
            ("'n'", json!("n")),
            ("\"yes\"", json!("yes")),
            ("!!str 012", json!("012")),
            // Where serde-saphyr's own resolution differs: respelled first (go_yaml_v2).
            ("yEs", json!("yEs")),
            ("tRUE", json!("tRUE")),
            ("oN", json!("oN")),
            ("nULL", json!("nULL")),
            ("1_", json!(1)),
            ("1__0", json!(10)),
            ("-0_12", json!(-10)),
            ("1_000.5", json!(1000.5)),
            ("1e400", json!("1e400")),
            (".INf", json!(".INf")),
            ("0b2", json!("0b2")),
        ];
        for word in ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"] {
            cases.push((word, json!(true)));
        }
        for word in ["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"] {
            cases.push((word, json!(false)));
        }
        cases
    }

    /// Numbers compare by value: kubectl's JSON writes the float 8 as `8`.
    fn same_meaning(a: &Value, b: &Value) -> bool {
        match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) if a.is_number() && b.is_number() => x == y && a.is_f64() == b.is_f64(),
            _ => a == b,
        }
    }

    #[test]
    fn issue13_4_plain_scalars_mean_what_they_meant_to_kubectl_before_and_after_a_rewrite() {
        for (text, kubectl_reads) in yaml_1_1_cases() {
            let file = format!("v: {text}\n");
            let read: Value = from_str_yaml_1_1(&file).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert!(
                same_meaning(&read["v"], &kubectl_reads),
                "{text:?}: read {} but kubectl reads {kubectl_reads}",
                read["v"]
            );
            let written = to_string(&read).unwrap();
            let reread: Value = from_str_yaml_1_1(&written).unwrap();
            assert!(
                same_meaning(&reread["v"], &kubectl_reads),
                "{text:?} was written back as {written:?}, which kubectl reads as {}",
                reread["v"]
            );
        }
    }

    #[test]
    fn issue13_4_floats_json_cannot_hold_are_refused_as_kubectl_refuses_them() {
        for text in [".inf", "-.Inf", "+.INF", ".nan", ".NaN"] {
            assert!(from_str_yaml_1_1::<Value>(&format!("v: {text}\n")).is_err(), "{text} was accepted");
        }
    }

    #[test]
    fn issue13_4_mapping_keys_are_the_strings_kubectl_makes_of_them() {
        let text = "{012: a, yes: b, 1e3: c, 0x1F: d, plain: e, \"012\": f, 1_: g, 1.5: h}\n";
        let read: Value = from_str_yaml_1_1(text).unwrap();
        let keys: Vec<&String> = read.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["10", "true", "1000", "31", "plain", "012", "1", "1.5"]);
        let reread: Value = from_str_yaml_1_1(&to_string(&read).unwrap()).unwrap();
        assert_eq!(reread, read);
    }

    #[test]
    fn issue13_4_an_error_is_reported_where_the_user_wrote_it() {
        // Respelled, 0x1F is shorter: the duplicate key would be reported two columns early.
        let text = "{a: 0x1F, a: 1}\n";
        let error = from_str_yaml_1_1::<Value>(text).unwrap_err();
        assert_eq!(error.to_string(), from_str::<Value>(text).unwrap_err().to_string());
        // Two keys that only kubectl's reading makes one: refused, as duplicate keys are.
        assert!(from_str_yaml_1_1::<Value>("012: a\n10: b\n").is_err());
    }
}
