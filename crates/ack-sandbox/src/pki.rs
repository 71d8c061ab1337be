//! Certificates: each cluster's CA, the API servers' serving certificates, the client certificates
//! the fake ACK issues, and the check a kube-apiserver does on a client certificate.

use std::net::IpAddr;
use std::time::Duration;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType, SerialNumber,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, UnixTime};
use time::OffsetDateTime;

/// CAs outlive any clock advance a test makes (certificates are 3 years at most).
const CA_LIFETIME: time::Duration = time::Duration::days(30 * 365);
/// Serving certificates are checked by clients against the real clock.
const SERVING_LIFETIME: time::Duration = time::Duration::days(365);
/// Client certificates start a little before they are issued, so a client clock slightly behind still accepts them.
const CLIENT_BACKDATE: time::Duration = time::Duration::minutes(1);

/// A certificate authority: a cluster's CA, or the sandbox's own for HTTPS on the CS API.
pub(crate) struct CertificateAuthority {
    issuer: Issuer<'static, KeyPair>,
    cert_der: CertificateDer<'static>,
    cert_pem: String,
}

/// A certificate with its private key, ready for a TLS server.
pub(crate) struct ServingIdentity {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
}

/// A client certificate as handed out in a kubeconfig.
pub(crate) struct IssuedClientCert {
    pub cert_pem: String,
    pub key_pem: String,
    /// Hex of the serial number: the key revocation and kubeconfig states are tracked by.
    pub serial: String,
    pub not_after: OffsetDateTime,
}

/// Who a verified client certificate says the caller is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClientIdentity {
    pub username: String,
    pub groups: Vec<String>,
    pub serial: String,
}

impl CertificateAuthority {
    pub(crate) fn new(common_name: &str, organization: &str) -> Self {
        let key = KeyPair::generate().expect("ECDSA P-256 key generation");
        let mut params = CertificateParams::default();
        params.distinguished_name = distinguished_name(common_name, &[organization]);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages =
            vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
        let now = OffsetDateTime::now_utc();
        params.not_before = now - time::Duration::days(1);
        params.not_after = now + CA_LIFETIME;
        let cert = params.self_signed(&key).expect("self-signed CA");
        CertificateAuthority { cert_pem: cert.pem(), cert_der: cert.der().clone(), issuer: Issuer::new(params, key) }
    }

    pub(crate) fn cert_pem(&self) -> &str {
        &self.cert_pem
    }

    /// A server certificate for `address` (left out when `san_mismatch`, for the test of a wrong address).
    pub(crate) fn serving_identity(&self, address: IpAddr, san_mismatch: bool) -> ServingIdentity {
        let key = KeyPair::generate().expect("ECDSA P-256 key generation");
        let mut params = CertificateParams::default();
        params.distinguished_name = distinguished_name("kube-apiserver", &[]);
        let mut names = vec!["kubernetes", "kubernetes.default", "kubernetes.default.svc", "localhost"];
        if san_mismatch {
            names = vec!["kubernetes.invalid"];
        } else {
            params.subject_alt_names.push(SanType::IpAddress(address));
        }
        for name in names {
            params.subject_alt_names.push(SanType::DnsName(name.try_into().expect("valid DNS name")));
        }
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
        let now = OffsetDateTime::now_utc();
        params.not_before = now - time::Duration::days(1);
        params.not_after = now + SERVING_LIFETIME;
        params.serial_number = Some(SerialNumber::from_slice(&positive_serial()));
        let cert = params.signed_by(&key, &self.issuer).expect("serving certificate");
        ServingIdentity {
            chain: vec![cert.der().clone()],
            key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        }
    }

    /// A client certificate with `CN=common_name`, `O=organizations`, valid from `now` for `lifetime`.
    pub(crate) fn issue_client_cert(
        &self,
        common_name: &str,
        organizations: &[&str],
        now: OffsetDateTime,
        lifetime: Duration,
    ) -> IssuedClientCert {
        let key = KeyPair::generate().expect("ECDSA P-256 key generation");
        let mut params = CertificateParams::default();
        params.distinguished_name = distinguished_name(common_name, organizations);
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
        params.not_before = now - CLIENT_BACKDATE;
        params.not_after = now + lifetime;
        let serial = positive_serial();
        params.serial_number = Some(SerialNumber::from_slice(&serial));
        let cert = params.signed_by(&key, &self.issuer).expect("client certificate");
        IssuedClientCert {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
            serial: to_hex(&serial),
            // The certificate stores whole seconds.
            not_after: params.not_after.replace_nanosecond(0).expect("0 ns is valid"),
        }
    }

    /// What kube-apiserver's x509 authenticator does: the chain ends at this CA, the certificate is for
    /// client auth and valid at `at`. `None` means 401.
    pub(crate) fn verify_client(&self, cert: &CertificateDer<'_>, at: OffsetDateTime) -> Option<ClientIdentity> {
        let anchor = webpki::anchor_from_trusted_cert(&self.cert_der).ok()?;
        let end_entity = webpki::EndEntityCert::try_from(cert).ok()?;
        let seconds = u64::try_from(at.unix_timestamp()).ok()?;
        end_entity
            .verify_for_usage(
                webpki::ALL_VERIFICATION_ALGS,
                &[anchor],
                &[],
                UnixTime::since_unix_epoch(Duration::from_secs(seconds)),
                webpki::KeyUsage::client_auth(),
                None,
                None,
            )
            .ok()?;
        subject_of(cert)
    }
}

fn distinguished_name(common_name: &str, organizations: &[&str]) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    for organization in organizations {
        name.push(DnType::OrganizationName, *organization);
    }
    name.push(DnType::CommonName, common_name);
    name
}

/// 16 random bytes with the top bit clear and a non-zero first byte, so the DER integer is exactly these bytes.
fn positive_serial() -> Vec<u8> {
    let mut serial = crate::random::bytes(16);
    serial[0] = (serial[0] & 0x7f) | 0x01;
    serial
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn subject_of(cert: &CertificateDer<'_>) -> Option<ClientIdentity> {
    let (_, parsed) = x509_parser::parse_x509_certificate(cert).ok()?;
    let subject = parsed.subject();
    let username = subject.iter_common_name().next()?.as_str().ok()?.to_string();
    let groups = subject.iter_organization().filter_map(|o| o.as_str().ok()).map(str::to_string).collect();
    Some(ClientIdentity { username, groups, serial: to_hex(parsed.raw_serial()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn der_of(pem: &str) -> CertificateDer<'static> {
        use base64::Engine as _;
        let body: String = pem.lines().filter(|line| !line.starts_with("-----")).collect();
        CertificateDer::from(base64::engine::general_purpose::STANDARD.decode(body).unwrap())
    }

    #[test]
    fn issued_client_certificate_verifies_only_within_its_validity_and_under_its_ca() {
        let ca = CertificateAuthority::new("kubernetes", "c1");
        let now = OffsetDateTime::now_utc();
        let issued =
            ca.issue_client_cert("272899990000001-1700000000", &["system:users"], now, Duration::from_secs(900));
        let cert = der_of(&issued.cert_pem);
        let identity = ca.verify_client(&cert, now).expect("valid now");
        assert_eq!(identity.username, "272899990000001-1700000000");
        assert_eq!(identity.groups, vec!["system:users"]);
        assert_eq!(identity.serial, issued.serial);
        assert!(ca.verify_client(&cert, now + time::Duration::minutes(16)).is_none(), "expired");
        let other_ca = CertificateAuthority::new("kubernetes", "c2");
        assert!(other_ca.verify_client(&cert, now).is_none(), "foreign CA");
    }
}
