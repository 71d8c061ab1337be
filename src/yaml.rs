//! The one YAML stack of the binary: serde-saphyr (kube 5 already depends on it).
//!
//! Why these settings (measured in reference/yaml.md):
//! * Reading: the default node budget (250,000) rejects kubeconfigs with a few thousand contexts,
//!   so the size limits are raised; the alias/anchor limits stay, they guard against alias bombs.
//! * Writing: `prefer_block_scalars: false`, otherwise every base64 certificate longer than
//!   80 characters is folded into a `>-` scalar; with it an untouched kubeconfig round-trips
//!   byte for byte. serde-saphyr quotes YAML 1.1 look-alikes (`"yes"`, `"12:30"`), which kubectl needs.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A YAML document could not be read or written. The message is one line with the position.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    message: String,
}

impl YamlError {
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
}
