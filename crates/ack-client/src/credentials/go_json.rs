//! JSON read the way Go's `encoding/json` fills a struct, which is how credentials-go reads the aliyun
//! CLI's `config.json`: a key matches a field whatever its case (`bytes.EqualFold`), the last of several
//! matching keys wins, `null` leaves a field as it was, and a value of the wrong type for its field makes
//! the whole document unusable. serde_json's own maps would lose the order of keys that differ only in
//! case, hence this small tree that keeps every key in document order.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JSON value with every object key kept, in document order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// An integer that fits in Go's `int` (64 bits).
    Integer(i64),
    /// Any other number (a fraction, an exponent, or an integer too large for `int`).
    OtherNumber,
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    pub fn parse(text: &str) -> Result<Json, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// What the value is, for messages that must not quote it.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Integer(_) | Json::OtherNumber => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// Whether a JSON key fills the Go field tagged `field` (ASCII): `bytes.EqualFold`, under which only
/// the Kelvin sign folds to `k` and the long s to `s` besides ASCII letters.
pub(crate) fn key_matches(key: &str, field: &str) -> bool {
    let fold = |c: char| match c {
        '\u{212A}' => 'k',
        '\u{017F}' => 's',
        c => c.to_ascii_lowercase(),
    };
    key.chars().map(fold).eq(field.chars().map(|c| c.to_ascii_lowercase()))
}

/// The value of the last key of `object` that fills `field`, as Go's decoder leaves it (a `null` leaves
/// the previous value).
pub(crate) fn field<'a>(object: &'a [(String, Json)], field: &str) -> Option<&'a Json> {
    object.iter().rev().find(|(key, value)| key_matches(key, field) && *value != Json::Null).map(|(_, value)| value)
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Json, E> {
        Ok(Json::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Json, E> {
        Ok(Json::Integer(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Json, E> {
        Ok(i64::try_from(value).map_or(Json::OtherNumber, Json::Integer))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Json, E> {
        Ok(Json::OtherNumber)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Json, E> {
        Ok(Json::String(value.to_string()))
    }

    fn visit_string<E>(self, value: String) -> Result<Json, E> {
        Ok(Json::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Json>()? {
            entries.push((key, value));
        }
        Ok(Json::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_as_go_folds_them() {
        assert!(key_matches("access_key_id", "access_key_id"));
        assert!(key_matches("Access_Key_ID", "access_key_id"));
        assert!(key_matches("\u{212A}ind", "kind"), "the Kelvin sign folds to k");
        assert!(key_matches("\u{017F}ts_token", "sts_token"), "the long s folds to s");
        assert!(!key_matches("access-key-id", "access_key_id"));
        assert!(!key_matches("access_key_id ", "access_key_id"));
        assert!(!key_matches("İd", "id"));
    }

    #[test]
    fn the_last_matching_key_wins_and_null_changes_nothing() {
        let Json::Object(object) = Json::parse(r#"{"name":"a","NAME":"b","Name":null}"#).unwrap() else { panic!() };
        assert_eq!(field(&object, "name"), Some(&Json::String("b".into())));
        assert_eq!(field(&object, "mode"), None);
    }

    #[test]
    fn numbers_are_integers_only_when_go_would_take_them_as_int() {
        let Json::Array(items) = Json::parse("[1800, -1, 1e3, 1800.0, 18446744073709551615]").unwrap() else {
            panic!()
        };
        assert_eq!(items[..2], [Json::Integer(1800), Json::Integer(-1)]);
        assert!(items[2..].iter().all(|item| *item == Json::OtherNumber), "{items:?}");
    }
}
