//! The context's client certificate: that it reads, is current, is not inside ACK's 180-day renewal window
//! (long-term certificates), and that the private key belongs to it. The pair is handed on, when usable,
//! so the TLS check can present it as kubectl would.

use crate::ops::Part;
use time::OffsetDateTime;

use super::report::{Check, CheckName, Finding};
use crate::cert::{self, CertificateFacts, KeyError};
use crate::i18n::Bilingual;
use crate::kubeconfig::{Material, ResolvedContext, UserAuth};
use crate::ops::inspect::{describe_user_auth, read_material};
use crate::output::{self, error_chain};
use crate::{both, t};

/// A client certificate and its key, PEM, known to belong together. Holds a private key: no `Debug`.
pub(super) struct ClientIdentity {
    pub cert_pem: Vec<u8>,
    pub key_pem: Vec<u8>,
}

pub(super) fn check(
    resolved: Option<&ResolvedContext<'_>>,
    renew: Option<&str>,
    now: OffsetDateTime,
) -> (Check, Option<ClientIdentity>) {
    let Some(resolved) = resolved else {
        return (Check::skipped(CheckName::Certificate, &super::no_context()), None);
    };
    let renew = renew.unwrap_or("kubectl ack get-credentials CLUSTER");
    let credential = resolved.user_auth();
    let UserAuth::ClientCertificate { certificate, key } = credential else {
        let why = Bilingual::of(|| t!("doctor-not-a-certificate-user", auth = describe_user_auth(&credential)));
        return (Check::skipped(CheckName::Certificate, &why), None);
    };
    let cert_pem = match read(resolved, Part::ClientCertificate, &certificate) {
        Ok(pem) => pem,
        Err(finding) => return (Check::new(CheckName::Certificate, vec![finding]), None),
    };
    let facts = match cert::inspect(&cert_pem) {
        Ok(facts) => facts,
        Err(error) => {
            let finding = Finding::fail(
                Bilingual::of(|| t!("doctor-certificate-unreadable", error = error_chain(&error))),
                Some(refetch(renew)),
            );
            return (Check::new(CheckName::Certificate, vec![finding]), None);
        }
    };
    let validity = validity(&facts, now, renew);
    let (key_finding, identity) = match key {
        None => (Finding::fail(both!("doctor-no-private-key"), Some(refetch(renew))), None),
        Some(key) => match read(resolved, Part::ClientKey, &key) {
            Err(finding) => (finding, None),
            Ok(key_pem) => key_matches(cert_pem, key_pem, renew),
        },
    };
    (Check::new(CheckName::Certificate, vec![validity, key_finding]), identity)
}

fn read(resolved: &ResolvedContext<'_>, what: Part, material: &Material) -> Result<Vec<u8>, Finding> {
    read_material(resolved.name(), what, material).map_err(|error| Finding::from_error(&error, || error.hint()))
}

pub(super) fn refetch(renew: &str) -> Bilingual {
    both!("doctor-refetch", command = renew)
}

/// Expired, not yet valid, inside the renewal window, or fine; with who it is for and until when.
fn validity(facts: &CertificateFacts, now: OffsetDateTime, renew: &str) -> Finding {
    let subject = facts.common_name.as_deref().map(|cn| format!("CN={cn}")).unwrap_or_else(|| facts.subject.clone());
    let subject = subject.as_str();
    let until = output::timestamp(facts.not_after);
    let until = until.as_str();
    if facts.is_expired(now) {
        let ago = output::short_duration((now - facts.not_after).unsigned_abs());
        let message = both!("doctor-certificate-expired", subject = subject, until = until, ago = ago);
        return Finding::fail(message, Some(refetch(renew)));
    }
    if now < facts.not_before {
        let from = output::timestamp(facts.not_before);
        let message = both!("doctor-certificate-not-yet-valid", subject = subject, from = from);
        return Finding::fail(message, Some(both!("doctor-check-the-clock")));
    }
    let left = output::short_duration((facts.not_after - now).unsigned_abs());
    let left = left.as_str();
    match facts.renewal_window_opens() {
        Some(opens) if opens <= now => Finding::warn(
            both!("doctor-certificate-in-renewal-window", subject = subject, until = until, left = left),
            both!("doctor-renew-now", command = renew),
        ),
        Some(opens) => Finding::pass(both!(
            "doctor-certificate-long-term",
            subject = subject,
            until = until,
            left = left,
            opens = output::timestamp(opens)
        )),
        None => Finding::pass(both!("doctor-certificate-temporary", subject = subject, until = until, left = left)),
    }
}

fn key_matches(cert_pem: Vec<u8>, key_pem: Vec<u8>, renew: &str) -> (Finding, Option<ClientIdentity>) {
    match cert::check_key_matches(&cert_pem, &key_pem) {
        Ok(()) => (Finding::pass(both!("doctor-key-matches")), Some(ClientIdentity { cert_pem, key_pem })),
        Err(KeyError::Mismatch) => (Finding::fail(both!("doctor-key-mismatch"), Some(refetch(renew))), None),
        Err(error) => {
            let message = Bilingual::of(|| t!("doctor-key-unusable", error = error.to_string()));
            (Finding::fail(message, Some(refetch(renew))), None)
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::output::Verdict;

    fn facts(not_before: OffsetDateTime, not_after: OffsetDateTime) -> CertificateFacts {
        CertificateFacts {
            common_name: Some("272899990000001-1700000000".into()),
            organizations: vec!["system:users".into()],
            subject: "CN=272899990000001-1700000000".into(),
            issuer: "CN=kubernetes".into(),
            serial: "01".into(),
            not_before,
            not_after,
            key_algorithm: "ECDSA P-256".into(),
            ack_account: None,
        }
    }

    #[test]
    fn a_long_term_certificate_warns_once_its_renewal_window_opens() {
        let long_term = facts(datetime!(2024-01-01 0:00 UTC), datetime!(2027-01-01 0:00 UTC));
        let before = validity(&long_term, datetime!(2026-07-01 0:00 UTC), "renew");
        assert_eq!(before.status, Verdict::Pass);
        assert!(before.message.local().contains("renewal window opens 2026-07-05 00:00 UTC"), "{}", before.message);
        let inside = validity(&long_term, datetime!(2026-07-06 0:00 UTC), "renew");
        assert_eq!(inside.status, Verdict::Warn);
        assert_eq!(inside.fix.as_ref().map(Bilingual::local), Some("renew it now: `renew`"));
        assert_eq!(validity(&long_term, datetime!(2027-01-01 0:00 UTC), "renew").status, Verdict::Fail);
    }

    #[test]
    fn a_temporary_certificate_is_fine_until_it_expires_and_a_future_one_blames_the_clock() {
        let temporary = facts(datetime!(2026-07-01 0:00 UTC), datetime!(2026-07-01 3:00 UTC));
        let fine = validity(&temporary, datetime!(2026-07-01 2:59 UTC), "renew");
        assert_eq!((fine.status, fine.message.local().ends_with("(1m left; temporary)")), (Verdict::Pass, true));
        let early = validity(&temporary, datetime!(2026-06-30 23:00 UTC), "renew");
        assert_eq!(early.status, Verdict::Fail);
        assert!(early.message.local().contains("clock"), "{}", early.message);
    }
}
