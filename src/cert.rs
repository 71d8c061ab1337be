//! The certificate inspector: bytes in, facts out (and whether a key belongs to a certificate). No files,
//! no clock, no output.
//!
//! ACK client certificates carry the user in CN as `<account-uid>-<unix-time>` and the groups in O
//! (`system:users`), as the ACK FAQ shows with openssl. That form is not officially specified
//! (reference/ack-openapi.md §4.1), so everything ACK-specific here is optional: any other CN is
//! still reported as the user, just without an account UID.

use crate::t;
use base64::Engine as _;
use serde::Serialize;
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;

/// ACK's long-term kubeconfigs can be renewed from this long before they expire.
pub const ACK_RENEWAL_WINDOW: time::Duration = time::Duration::days(180);

/// Short-lived certificates are renewed when this share of their lifetime is left…
const SHORT_LIVED_RENEW_FRACTION: f64 = 0.2;
/// …or this long, whichever is more (a 15-minute certificate is renewed 10 minutes before expiry).
const SHORT_LIVED_RENEW_MINIMUM: time::Duration = time::Duration::minutes(10);

/// When a short-lived certificate should be replaced: max(20% of its lifetime, 10 minutes) before it
/// expires. The exec plugin's cache and `rotate` share this rule.
pub fn short_lived_renewal_at(not_before: OffsetDateTime, not_after: OffsetDateTime) -> OffsetDateTime {
    let lifetime = not_after - not_before;
    let share = time::Duration::seconds_f64(lifetime.as_seconds_f64() * SHORT_LIVED_RENEW_FRACTION);
    not_after.saturating_sub(share.max(SHORT_LIVED_RENEW_MINIMUM))
}

/// The bytes are not a usable certificate.
#[derive(Debug, thiserror::Error)]
pub enum CertError {
    #[error("{}", t!("error-cert-base64"))]
    Base64(#[source] base64::DecodeError),
    #[error("{}", t!("error-cert-no-certificate-block"))]
    NoCertificateBlock,
    #[error("{}", t!("error-cert-not-x509"))]
    NotX509(#[source] x509_parser::nom::Err<x509_parser::error::X509Error>),
    #[error("{}", t!("error-cert-pem"))]
    Pem(#[source] x509_parser::error::PEMError),
}

/// The Alibaba Cloud account behind an ACK certificate, read from its CN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AckAccount {
    pub uid: String,
    /// The time the CN's suffix encodes: when ACK issued the certificate.
    #[serde(with = "time::serde::rfc3339::option")]
    pub issued_at: Option<OffsetDateTime>,
}

/// What a client certificate says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateFacts {
    pub common_name: Option<String>,
    pub organizations: Vec<String>,
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    pub key_algorithm: String,
    pub ack_account: Option<AckAccount>,
}

impl CertificateFacts {
    pub fn lifetime(&self) -> time::Duration {
        self.not_after - self.not_before
    }

    /// A long-term ACK kubeconfig (three years) as opposed to a temporary one (at most three days).
    pub fn is_long_term(&self) -> bool {
        self.lifetime() > time::Duration::days(365)
    }

    /// When ACK starts issuing a renewal for a long-term certificate.
    pub fn renewal_window_opens(&self) -> Option<OffsetDateTime> {
        self.is_long_term().then(|| self.not_after - ACK_RENEWAL_WINDOW)
    }

    /// When the certificate is due for renewal: the opening of ACK's renewal window for long-term ones,
    /// the short-lived rule for the others.
    pub fn renew_at(&self) -> OffsetDateTime {
        self.renewal_window_opens().unwrap_or_else(|| short_lived_renewal_at(self.not_before, self.not_after))
    }

    pub fn is_expired(&self, now: OffsetDateTime) -> bool {
        now >= self.not_after
    }
}

/// A private key that cannot be used with its certificate.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{}", t!("error-key-no-certificate"))]
    NoCertificate,
    #[error("{}", t!("error-key-not-a-key"))]
    NotAKey,
    #[error("{}", t!("error-key-mismatch"))]
    Mismatch,
}

/// Whether `key_pem` is the private key of the (first) certificate in `cert_pem`: rustls compares the
/// key's public half with the certificate's, as it would before a handshake.
pub fn check_key_matches(cert_pem: &[u8], key_pem: &[u8]) -> Result<(), KeyError> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};

    let certificate = CertificateDer::from_pem_slice(cert_pem).map_err(|_| KeyError::NoCertificate)?;
    let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|_| KeyError::NotAKey)?;
    let signing_key = rustls::crypto::ring::sign::any_supported_type(&key).map_err(|_| KeyError::NotAKey)?;
    rustls::sign::CertifiedKey::new(vec![certificate], signing_key).keys_match().map_err(|_| KeyError::Mismatch)
}

/// Decodes a kubeconfig `*-data` field (base64 of PEM text; line breaks tolerated).
pub fn decode_base64_field(data: &str) -> Result<Vec<u8>, CertError> {
    let compact: String = data.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(compact).map_err(CertError::Base64)
}

/// The first certificate of PEM text (or of raw DER), parsed.
pub fn inspect(bytes: &[u8]) -> Result<CertificateFacts, CertError> {
    let der = first_certificate_der(bytes)?;
    let (_, certificate) = X509Certificate::from_der(&der).map_err(CertError::NotX509)?;
    Ok(facts_of(&certificate))
}

/// The labels of the PEM blocks in `bytes`, in order (`CERTIFICATE`, `PRIVATE KEY`, …); empty for DER.
pub fn pem_labels(bytes: &[u8]) -> Result<Vec<String>, CertError> {
    if !looks_like_pem(bytes) {
        return Ok(Vec::new());
    }
    x509_parser::pem::Pem::iter_from_buffer(bytes).map(|pem| pem.map(|pem| pem.label).map_err(CertError::Pem)).collect()
}

/// Only the CERTIFICATE blocks of PEM text, re-encoded: what a file others may read can hold. A combined
/// certificate-and-key PEM loses its key here; DER is returned as it is.
pub fn certificates_only(bytes: &[u8]) -> Result<Vec<u8>, CertError> {
    if !looks_like_pem(bytes) {
        return Ok(bytes.to_vec());
    }
    let mut out = String::new();
    for pem in x509_parser::pem::Pem::iter_from_buffer(bytes) {
        let pem = pem.map_err(CertError::Pem)?;
        if pem.label == "CERTIFICATE" {
            out.push_str(&pem_block("CERTIFICATE", &pem.contents));
        }
    }
    if out.is_empty() {
        return Err(CertError::NoCertificateBlock);
    }
    Ok(out.into_bytes())
}

fn pem_block(label: &str, der: &[u8]) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(der);
    let mut block = format!("-----BEGIN {label}-----\n");
    for line in encoded.as_bytes().chunks(64) {
        block.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        block.push('\n');
    }
    block.push_str(&format!("-----END {label}-----\n"));
    block
}

/// The SHA-256 of the first certificate's DER, in hex: the same certificate whatever its PEM layout.
pub fn sha256_fingerprint(bytes: &[u8]) -> Result<String, CertError> {
    Ok(acs_sign::sha256_hex(&first_certificate_der(bytes)?))
}

/// Whether the first certificate is a certificate authority (basicConstraints CA:TRUE): only those may
/// be trusted to sign a cluster's API server certificate.
pub fn is_certificate_authority(bytes: &[u8]) -> Result<bool, CertError> {
    let der = first_certificate_der(bytes)?;
    let (_, certificate) = X509Certificate::from_der(&der).map_err(CertError::NotX509)?;
    Ok(matches!(certificate.basic_constraints(), Ok(Some(constraints)) if constraints.value.ca))
}

/// The names a (server) certificate is valid for: its DNS and IP subject alternative names.
pub fn alt_names(bytes: &[u8]) -> Result<Vec<String>, CertError> {
    use x509_parser::extensions::GeneralName;

    let der = first_certificate_der(bytes)?;
    let (_, certificate) = X509Certificate::from_der(&der).map_err(CertError::NotX509)?;
    let Ok(Some(extension)) = certificate.subject_alternative_name() else { return Ok(Vec::new()) };
    let names = extension.value.general_names.iter().filter_map(|name| match name {
        GeneralName::DNSName(dns) => Some(dns.to_string()),
        GeneralName::IPAddress(bytes) => ip_address(bytes).map(|ip| ip.to_string()),
        _ => None,
    });
    Ok(names.collect())
}

fn ip_address(bytes: &[u8]) -> Option<std::net::IpAddr> {
    match bytes.len() {
        4 => <[u8; 4]>::try_from(bytes).ok().map(std::net::IpAddr::from),
        16 => <[u8; 16]>::try_from(bytes).ok().map(std::net::IpAddr::from),
        _ => None,
    }
}

fn first_certificate_der(bytes: &[u8]) -> Result<Vec<u8>, CertError> {
    if !looks_like_pem(bytes) {
        return Ok(bytes.to_vec());
    }
    for pem in x509_parser::pem::Pem::iter_from_buffer(bytes) {
        let pem = pem.map_err(CertError::Pem)?;
        if pem.label == "CERTIFICATE" {
            return Ok(pem.contents);
        }
    }
    Err(CertError::NoCertificateBlock)
}

fn looks_like_pem(bytes: &[u8]) -> bool {
    bytes.windows(11).any(|window| window == b"-----BEGIN ")
}

fn facts_of(certificate: &X509Certificate<'_>) -> CertificateFacts {
    let subject = certificate.subject();
    let common_name = subject.iter_common_name().next().and_then(|cn| cn.as_str().ok()).map(str::to_string);
    let organizations = subject.iter_organization().filter_map(|o| o.as_str().ok()).map(str::to_string).collect();
    let ack_account = common_name.as_deref().and_then(ack_account_from_common_name);
    CertificateFacts {
        common_name,
        organizations,
        subject: subject.to_string(),
        issuer: certificate.issuer().to_string(),
        serial: certificate.raw_serial_as_string(),
        not_before: certificate.validity().not_before.to_datetime(),
        not_after: certificate.validity().not_after.to_datetime(),
        key_algorithm: key_algorithm(certificate),
        ack_account,
    }
}

fn key_algorithm(certificate: &X509Certificate<'_>) -> String {
    match certificate.public_key().parsed() {
        Ok(PublicKey::RSA(key)) => format!("RSA {}", key.key_size()),
        Ok(PublicKey::EC(point)) => match point.key_size() {
            256 => "ECDSA P-256".to_string(),
            384 => "ECDSA P-384".to_string(),
            521 => "ECDSA P-521".to_string(),
            bits => format!("ECDSA {bits}"),
        },
        _ => match certificate.public_key().algorithm.algorithm.to_id_string().as_str() {
            "1.3.101.112" => "Ed25519".to_string(),
            "1.3.101.113" => "Ed448".to_string(),
            other => other.to_string(),
        },
    }
}

/// `<uid>-<unix-time>` or a bare `<uid>` (digits) — the forms ack-ram-tool maps to an account.
pub fn ack_account_from_common_name(common_name: &str) -> Option<AckAccount> {
    let (uid, suffix) = match common_name.split_once('-') {
        Some((uid, suffix)) => (uid, Some(suffix)),
        None => (common_name, None),
    };
    let all_digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(uid) || suffix.is_some_and(|suffix| !all_digits(suffix)) {
        return None;
    }
    let issued_at = match suffix {
        Some(suffix) => {
            Some(suffix.parse::<i64>().ok().and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok())?)
        }
        None => None,
    };
    Some(AckAccount { uid: uid.to_string(), issued_at })
}

#[cfg(test)]
mod tests {
    use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair};
    use time::macros::datetime;

    use super::*;

    fn certificate_pem(cn: &str, organizations: &[&str], not_after: OffsetDateTime) -> String {
        let mut params = CertificateParams::default();
        let mut name = DistinguishedName::new();
        // rcgen keeps one value per attribute type; the raw OID of O (2.5.4.10) adds the others.
        for (index, organization) in organizations.iter().enumerate() {
            let kind = if index == 0 { DnType::OrganizationName } else { DnType::CustomDnType(vec![2, 5, 4, 10]) };
            name.push(kind, *organization);
        }
        name.push(DnType::CommonName, cn);
        params.distinguished_name = name;
        params.not_before = datetime!(2023-11-14 22:13:20 UTC);
        params.not_after = not_after;
        params.self_signed(&KeyPair::generate().unwrap()).unwrap().pem()
    }

    #[test]
    fn an_ack_certificate_yields_user_groups_account_and_validity() {
        let pem = certificate_pem("272899990000001-1700000000", &["system:users"], datetime!(2026-11-14 22:13:20 UTC));
        let facts = inspect(pem.as_bytes()).unwrap();
        assert_eq!(facts.common_name.as_deref(), Some("272899990000001-1700000000"));
        assert_eq!(facts.organizations, ["system:users"]);
        assert_eq!(facts.not_after, datetime!(2026-11-14 22:13:20 UTC));
        assert_eq!(facts.key_algorithm, "ECDSA P-256");
        let account = facts.ack_account.as_ref().unwrap();
        assert_eq!(account.uid, "272899990000001");
        assert_eq!(account.issued_at, Some(datetime!(2023-11-14 22:13:20 UTC)));
        assert!(facts.is_long_term());
        assert_eq!(facts.renewal_window_opens(), Some(datetime!(2026-05-18 22:13:20 UTC)));
    }

    #[test]
    fn every_organization_is_a_group_and_der_is_accepted_too() {
        let pem = certificate_pem("jane", &["system:masters", "dev"], datetime!(2023-11-15 22:13:20 UTC));
        let der = x509_parser::pem::parse_x509_pem(pem.as_bytes()).unwrap().1.contents;
        let facts = inspect(&der).unwrap();
        assert_eq!(facts.organizations, ["system:masters", "dev"]);
        assert_eq!(facts.ack_account, None);
        assert!(!facts.is_long_term());
        assert_eq!(facts.renewal_window_opens(), None);
    }

    #[test]
    fn common_names_map_to_accounts_only_in_acks_forms() {
        assert_eq!(ack_account_from_common_name("12345").unwrap().issued_at, None);
        assert_eq!(ack_account_from_common_name("12345-1676970192").unwrap().uid, "12345");
        for other in ["kubernetes-admin", "12345-", "-1676970192", "12a45-1", "12345-16769x", ""] {
            assert_eq!(ack_account_from_common_name(other), None, "{other}");
        }
    }

    #[test]
    fn alternative_names_are_listed_dns_and_ip_alike() {
        let mut params = CertificateParams::new(vec!["kubernetes".to_string(), "localhost".to_string()]).unwrap();
        params.subject_alt_names.push(rcgen::SanType::IpAddress(std::net::IpAddr::from([127, 0, 0, 1])));
        let pem = params.self_signed(&KeyPair::generate().unwrap()).unwrap().pem();
        assert_eq!(alt_names(pem.as_bytes()).unwrap(), ["kubernetes", "localhost", "127.0.0.1"]);
        let none = certificate_pem("jane", &[], datetime!(2030-01-01 0:00 UTC));
        assert!(alt_names(none.as_bytes()).unwrap().is_empty());
    }

    #[test]
    fn a_key_matches_only_its_own_certificate() {
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::default().self_signed(&key).unwrap().pem();
        let key_pem = key.serialize_pem();
        assert!(check_key_matches(cert.as_bytes(), key_pem.as_bytes()).is_ok());
        let other = KeyPair::generate().unwrap().serialize_pem();
        assert!(matches!(check_key_matches(cert.as_bytes(), other.as_bytes()), Err(KeyError::Mismatch)));
        assert!(matches!(check_key_matches(cert.as_bytes(), b"not a key"), Err(KeyError::NotAKey)));
        assert!(matches!(check_key_matches(key_pem.as_bytes(), key_pem.as_bytes()), Err(KeyError::NoCertificate)));
    }

    #[test]
    fn pem_blocks_are_listed_and_public_files_keep_only_certificates() {
        let key_pair = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec!["leaf".into()]).unwrap().self_signed(&key_pair).unwrap().pem();
        let key = key_pair.serialize_pem();
        let combined = format!("{cert}{key}");
        assert_eq!(pem_labels(combined.as_bytes()).unwrap(), ["CERTIFICATE", "PRIVATE KEY"]);
        let public = certificates_only(combined.as_bytes()).unwrap();
        assert_eq!(pem_labels(&public).unwrap(), ["CERTIFICATE"]);
        assert_eq!(inspect(&public).unwrap(), inspect(cert.as_bytes()).unwrap());
        assert!(matches!(certificates_only(key.as_bytes()), Err(CertError::NoCertificateBlock)));
        assert!(!is_certificate_authority(cert.as_bytes()).unwrap(), "a leaf is not a CA");
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::default();
        ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        assert!(is_certificate_authority(ca.self_signed(&ca_key).unwrap().pem().as_bytes()).unwrap());
    }

    #[test]
    fn bad_input_is_named() {
        assert!(matches!(decode_base64_field("not base64!!"), Err(CertError::Base64(_))));
        assert!(matches!(inspect(b"just some text"), Err(CertError::NotX509(_))));
        let key_only = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n";
        assert!(matches!(inspect(key_only.as_bytes()), Err(CertError::NoCertificateBlock)));
        assert_eq!(decode_base64_field("aGVs\nbG8=\n").unwrap(), b"hello");
    }
}
