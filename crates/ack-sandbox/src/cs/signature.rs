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

/// How far `x-acs-date` may be from the gateway's clock.
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
    check_date(request.header("x-acs-date").unwrap_or_default(), cloud.clock.gateway_now())?;
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

fn check_date(date: &str, now: OffsetDateTime) -> Result<(), CsError> {
    let sent = parse_utc(date).ok_or_else(|| {
        CsError::bad_request(
            "InvalidTimeStamp.Format",
            format!("Specified time stamp or date value is not well formatted: {date}."),
        )
    })?;
    if (now - sent).abs() > MAX_CLOCK_SKEW {
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
        .filter_map(|(name, value)| Some((name.as_str().to_string(), value.to_str().ok()?.to_string())))
        .collect();
    let received = Wire {
        method: request.method.as_str(),
        raw_path: &request.path,
        query: &request.query,
        headers: &headers,
        hashed_payload: &acs_sign::sha256_hex(&request.body),
    };
    match recompute(&received, &parsed.signed_headers, &account.access_key_secret) {
        Some(expected) if expected == parsed.signature => Ok(()),
        _ => Err(CsError::signature_does_not_match()),
    }
}

/// A request as it arrived, reduced to what the signature covers.
struct Wire<'a> {
    method: &'a str,
    raw_path: &'a str,
    query: &'a [(String, String)],
    headers: &'a [(String, String)],
    hashed_payload: &'a str,
}

/// The signature the server expects: only the headers the client listed in `SignedHeaders` take part.
/// `None` when that list is one a correct client cannot have produced (unsorted, or naming a header
/// that is never signed), so no signature can match.
fn recompute(wire: &Wire<'_>, signed_headers: &[String], secret: &str) -> Option<String> {
    let listed: Vec<(String, String)> = wire
        .headers
        .iter()
        .filter(|(name, _)| signed_headers.iter().any(|signed| signed.eq_ignore_ascii_case(name)))
        .cloned()
        .collect();
    let request = v3::Request {
        method: wire.method,
        path: wire.raw_path,
        query: wire.query,
        headers: &listed,
        hashed_payload: wire.hashed_payload,
    };
    let canonical = v3::canonicalize(&request);
    (canonical.signed_headers == signed_headers.join(";")).then(|| v3::signature(&request, secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn names(list: &str) -> Vec<String> {
        list.split(';').map(str::to_string).collect()
    }

    /// Official vector 1, as it would arrive on the wire (with unsigned headers too): the server's
    /// recomputation gives the published signature.
    #[test]
    fn recomputes_official_vector_1() {
        let headers = pairs(&[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", acs_sign::EMPTY_PAYLOAD_SHA256),
            ("accept", "application/json"),
            ("user-agent", "AlibabaCloud"),
        ]);
        let query =
            pairs(&[("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), ("RegionId", "cn-shanghai")]);
        let wire = Wire {
            method: "POST",
            raw_path: "/",
            query: &query,
            headers: &headers,
            hashed_payload: &acs_sign::sha256_hex(b""),
        };
        let signed = names("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");
        assert_eq!(
            recompute(&wire, &signed, "YourAccessKeySecret").as_deref(),
            Some("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
        );
    }

    /// SDK vector 3: empty method and path, an empty query value, one header sent twice in two cases.
    #[test]
    fn recomputes_sdk_vector_3() {
        let headers = pairs(&[("x-acs-test", "http"), ("x-acs-TEST", "https")]);
        let query = pairs(&[("test", "ok"), ("empty", "")]);
        let wire = Wire {
            method: "",
            raw_path: "",
            query: &query,
            headers: &headers,
            hashed_payload: "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23",
        };
        assert_eq!(
            recompute(&wire, &names("x-acs-test"), "secret").as_deref(),
            Some("4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3")
        );
    }

    #[test]
    fn a_signed_headers_list_no_client_can_produce_matches_nothing() {
        let headers = pairs(&[("host", "h"), ("accept", "application/json")]);
        let wire = Wire { method: "GET", raw_path: "/", query: &[], headers: &headers, hashed_payload: "x" };
        assert_eq!(recompute(&wire, &names("accept;host"), "secret"), None);
        assert!(recompute(&wire, &names("host"), "secret").is_some());
    }
}
