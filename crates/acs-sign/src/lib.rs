//! Alibaba Cloud request signatures, as pure functions.
//!
//! * [`v3`]: `ACS3-HMAC-SHA256`, the signature every current SDK uses for the CS (ACK) API.
//!   The client signs with it and the sandbox verifies with the very same canonicalisation,
//!   both pinned by the official test vectors below.
//! * [`rpc_v2_signature`]: the RPC `HMAC-SHA1` signature that STS `AssumeRole` still uses.
//!
//! Nothing here does I/O, reads a clock or draws a nonce: callers pass them in, so every
//! result is reproducible in a test.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub mod ram_token;
pub mod v3;

/// `hex(SHA-256(""))`: the payload hash of every request without a body.
pub const EMPTY_PAYLOAD_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Percent-encodes by RFC 3986: everything but `A-Z a-z 0-9 - _ . ~`.
///
/// This is what the SDKs get from Go's `url.QueryEscape` followed by their
/// `+`→`%20`, `*`→`%2A`, `%7E`→`~` replacements.
pub fn percent_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// Lowercase hex of SHA-256 over `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

pub(crate) fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(message);
    to_hex(&mac.finalize().into_bytes())
}

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The RPC-style (V2) signature: `base64(HMAC-SHA1(secret + "&", METHOD&%2F&encode(sorted params)))`.
///
/// `params` are every query and form parameter of the request except `Signature` itself,
/// unencoded; they are sorted and encoded here.
pub fn rpc_v2_signature(method: &str, params: &[(String, String)], access_key_secret: &str) -> String {
    let mut sorted: Vec<(String, String)> =
        params.iter().map(|(key, value)| (percent_encode(key), percent_encode(value))).collect();
    sorted.sort();
    let canonicalized = sorted.iter().map(|(key, value)| format!("{key}={value}")).collect::<Vec<_>>().join("&");
    let string_to_sign = format!("{method}&{}&{}", percent_encode("/"), percent_encode(&canonicalized));
    let key = format!("{access_key_secret}&");
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).expect("HMAC accepts any key length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_follows_rfc3986() {
        assert_eq!(percent_encode("a b*c~d+e/f"), "a%20b%2Ac~d%2Be%2Ff");
        assert_eq!(percent_encode("win2019_1809_x64.vhd"), "win2019_1809_x64.vhd");
        assert_eq!(percent_encode("中"), "%E4%B8%AD");
    }

    #[test]
    fn empty_payload_hash_is_sha256_of_nothing() {
        assert_eq!(sha256_hex(b""), EMPTY_PAYLOAD_SHA256);
    }

    /// The official RPC V2 vector (ECS DescribeDedicatedHosts), see reference/ack-openapi.md §2.3.
    #[test]
    fn rpc_v2_official_vector() {
        let params: Vec<(String, String)> = [
            ("AccessKeyId", "testid"),
            ("Action", "DescribeDedicatedHosts"),
            ("Format", "JSON"),
            ("RegionId", "cn-beijing"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2023-03-13T08:34:30Z"),
            ("Version", "2014-05-26"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(rpc_v2_signature("GET", &params, "testsecret"), "9NaGiOspFP5UPcwX8Iwt2YJXXuk=");
    }
}
