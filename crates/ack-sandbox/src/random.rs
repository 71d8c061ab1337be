//! Random IDs, secrets and tokens, from the OS.

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

pub(crate) fn bytes(len: usize) -> Vec<u8> {
    let mut buffer = vec![0u8; len];
    getrandom::fill(&mut buffer).expect("the OS random source is available");
    buffer
}

/// `2 * len` lowercase hex digits.
pub(crate) fn hex(len: usize) -> String {
    bytes(len).iter().map(|byte| format!("{byte:02x}")).collect()
}

pub(crate) fn alphanumeric(len: usize) -> String {
    bytes(len).iter().map(|byte| ALPHANUMERIC[*byte as usize % ALPHANUMERIC.len()] as char).collect()
}

/// An upper-case UUID-shaped request ID, as Alibaba Cloud gateways return.
pub(crate) fn request_id() -> String {
    let hex = hex(16).to_ascii_uppercase();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}
