//! The gateway's check of an `ACS3-HMAC-SHA256` request, rebuilt from what arrived on the wire with
//! `acs_sign` (the same canonicalisation the client uses, pinned by the official vectors).

use acs_sign::v3;
use hyper::StatusCode;
use time::OffsetDateTime;

use super::error::CsError;
use crate::clock::parse_utc;
use crate::cloud::Cloud;
use crate::config::Account;
use crate::http::Received;

/// How far `x-acs-date` may be from the real wall clock.
const MAX_CLOCK_SKEW: time::Duration = time::Duration::minutes(15);

/// Headers that must be present and signed on every request.
const REQUIRED_SIGNED_HEADERS: [&str; 4] = ["host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

/// Verifies the request's signature and returns the account that signed it.
pub(crate) fn verify(cloud: &Cloud, request: &Received) -> Result<Account, CsError> {
    let authorization = request
        .header("authorization")
        .ok_or_else(|| CsError::incomplete_signature("The Authorization header is missing."))?;
    let parsed = v3::parse_authorization(authorization)
        .ok_or_else(|| CsError::incomplete_signature("The Authorization header is malformed."))?;
    let account = known_account(cloud, &parsed.access_key_id)?;
    check_signed_headers(request, &parsed.signed_headers)?;
    check_date(request.header("x-acs-date").unwrap_or_default())?;
    check_security_token(cloud, request, &account)?;
    check_signature(request, &parsed, &account)?;
    if !cloud.use_nonce(request.header("x-acs-signature-nonce").unwrap_or_default()) {
        return Err(CsError::bad_request("SignatureNonceUsed", "Specified signature nonce was used already."));
    }
    Ok(account)
}

fn known_account(cloud: &Cloud, access_key_id: &str) -> Result<Account, CsError> {
    cloud.account(access_key_id).ok_or_else(|| {
        CsError::new(StatusCode::NOT_FOUND, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
    })
}

/// `host`, the date, the nonce and the content hash must be signed, and so must every `x-acs-*` header sent.
fn check_signed_headers(request: &Received, signed: &[String]) -> Result<(), CsError> {
    let is_signed = |name: &str| signed.iter().any(|signed_name| signed_name == name);
    for required in REQUIRED_SIGNED_HEADERS {
        if request.header(required).is_none() {
            return Err(CsError::incomplete_signature(&format!("The header {required} is missing.")));
        }
        if !is_signed(required) {
            return Err(CsError::incomplete_signature(&format!("The header {required} is not signed.")));
        }
    }
    for name in request.headers.keys().map(|name| name.as_str()) {
        if name.starts_with("x-acs-") && !is_signed(name) {
            return Err(CsError::incomplete_signature(&format!("The header {name} is not signed.")));
        }
    }
    for name in signed {
        if request.header(name).is_none() {
            return Err(CsError::incomplete_signature(&format!("The signed header {name} is missing.")));
        }
    }
    Ok(())
}

fn check_date(date: &str) -> Result<(), CsError> {
    let sent = parse_utc(date).ok_or_else(|| {
        CsError::bad_request(
            "InvalidTimeStamp.Format",
            format!("Specified time stamp or date value is not well formatted: {date}."),
        )
    })?;
    if (OffsetDateTime::now_utc() - sent).abs() > MAX_CLOCK_SKEW {
        return Err(CsError::bad_request(
            "InvalidTimeStamp.Expired",
            format!("Specified time stamp or date value is expired: {date}."),
        ));
    }
    Ok(())
}

/// An STS key needs its token, and the key must not have expired (sandbox clock).
fn check_security_token(cloud: &Cloud, request: &Received, account: &Account) -> Result<(), CsError> {
    if let Some(expected) = &account.security_token {
        match request.header("x-acs-security-token") {
            None => {
                return Err(CsError::bad_request("MissingSecurityToken", "SecurityToken is mandatory for this key."));
            }
            Some(sent) if sent != expected => {
                return Err(CsError::bad_request(
                    "InvalidSecurityToken.MismatchWithAccessKey",
                    "Specified SecurityToken mismatch with the AccessKey.",
                ));
            }
            Some(_) => {}
        }
    }
    if account.expires_at.is_some_and(|expires| cloud.clock.now() >= expires) {
        return Err(CsError::bad_request("InvalidSecurityToken.Expired", "Specified SecurityToken is expired."));
    }
    Ok(())
}

/// Recomputes the signature over the method, the raw path, the query, the signed headers as received and the
/// hash of the body actually received (so a lying `x-acs-content-sha256` fails too).
fn check_signature(request: &Received, parsed: &v3::ParsedAuthorization, account: &Account) -> Result<(), CsError> {
    let headers: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(name, _)| parsed.signed_headers.iter().any(|signed| signed == name.as_str()))
        .filter_map(|(name, value)| Some((name.as_str().to_string(), value.to_str().ok()?.to_string())))
        .collect();
    let hashed_payload = acs_sign::sha256_hex(&request.body);
    let received = v3::Request {
        method: request.method.as_str(),
        path: &request.path,
        query: &request.query,
        headers: &headers,
        hashed_payload: &hashed_payload,
    };
    // A SignedHeaders list the canonicaliser would not produce (unsorted, or naming an unsignable header)
    // cannot match what the client computed with a correct implementation.
    let canonical = v3::canonicalize(&received);
    let expected = v3::signature(&received, &account.access_key_secret);
    if canonical.signed_headers != parsed.signed_headers.join(";") || expected != parsed.signature {
        return Err(CsError::signature_does_not_match());
    }
    Ok(())
}
