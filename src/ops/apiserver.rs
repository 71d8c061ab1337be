//! Why talking to a cluster's API server failed, and what to do, in the terms of the ACK FAQ. Shared by
//! `get-credentials --verify`, which sees kube's errors, and `doctor`, which probes TCP and TLS itself:
//! each classifies what it saw as a [`Failure`], and [`explain`] words it once for both.

use crate::ack::Access;
use crate::t;

/// What went wrong, whoever noticed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The server's certificate does not name the address it was reached at (x509 SAN mismatch).
    NameMismatch,
    /// The server's certificate is not signed by the context's CA.
    UnknownIssuer,
    /// A certificate of the handshake has expired.
    Expired,
    /// Nothing listens at the address (the connection was refused).
    Refused,
    /// No connection, or no answer on it, in time.
    Unreachable,
    /// 401: the client certificate was not accepted.
    Unauthorized { message: String },
    /// 403: accepted, but not allowed.
    Forbidden { message: String },
    /// Any other HTTP status.
    Status { code: u16, message: String },
    /// Nothing recognisable.
    Other,
}

/// The connection the failure happened on.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub access: Access,
    /// The `server` URL of the context.
    pub server: &'a str,
    /// The cluster, when known, so hints can give the exact command; without it they name the command only.
    pub cluster_id: Option<&'a str>,
    /// The exact command that fetches these credentials again, when the caller knows better than the ID.
    pub renew: Option<&'a str>,
}

impl Target<'_> {
    /// `kubectl ack get-credentials <id>`, with `--private` for `access`.
    fn get_credentials(&self, access: Access) -> String {
        let private = if access == Access::Private { " --private" } else { "" };
        match self.cluster_id {
            Some(id) => format!("kubectl ack get-credentials {id}{private}"),
            None => "kubectl ack get-credentials".to_string(),
        }
    }
}

/// Why it failed (`problem`) and what to do (`hint`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub problem: String,
    pub hint: String,
}

/// Words a failure. `detail` (the underlying error, or what was observed) is appended in parentheses.
pub fn explain(failure: &Failure, target: &Target<'_>, detail: &str) -> Diagnosis {
    let server = target.server;
    let raw_detail = detail;
    let detail = if detail.is_empty() { String::new() } else { t!("apiserver-detail", detail = detail) };
    let detail = detail.as_str();
    let renew = target.renew.map(str::to_string).unwrap_or_else(|| target.get_credentials(target.access));
    let renew = renew.as_str();
    let (problem, hint) = match failure {
        Failure::NameMismatch => {
            (t!("apiserver-name-mismatch", server = server, detail = detail), t!("apiserver-name-mismatch-hint"))
        }
        Failure::Expired => (t!("apiserver-expired", detail = detail), t!("apiserver-expired-hint", command = renew)),
        Failure::UnknownIssuer => (
            t!("apiserver-unknown-issuer", detail = detail),
            match target.cluster_id {
                Some(_) => t!("apiserver-unknown-issuer-hint-refetch", command = renew),
                None => t!("apiserver-unknown-issuer-hint"),
            },
        ),
        Failure::Unauthorized { message } => {
            (t!("apiserver-unauthorized", message = message), t!("apiserver-unauthorized-hint", command = renew))
        }
        Failure::Forbidden { message } => {
            (t!("apiserver-forbidden", message = message), t!("apiserver-forbidden-hint"))
        }
        Failure::Status { code, message } => {
            (t!("apiserver-status", code = *code, message = message), t!("apiserver-status-hint"))
        }
        Failure::Refused => {
            (t!("apiserver-refused", server = server, detail = detail), t!("apiserver-refused-hint", command = renew))
        }
        Failure::Unreachable => unreachable(target, detail),
        Failure::Other => (raw_detail.to_string(), t!("apiserver-other-hint")),
    };
    Diagnosis { problem, hint }
}

/// An intranet address answers only inside the cluster's VPC; a public one needs an EIP and an open port.
fn unreachable(target: &Target<'_>, detail: &str) -> (String, String) {
    let server = target.server;
    match (target.access, target.cluster_id) {
        (Access::Private, None) => (
            t!("apiserver-unreachable-intranet", server = server, detail = detail),
            t!("apiserver-unreachable-intranet-hint"),
        ),
        (Access::Private, Some(_)) => (
            t!("apiserver-unreachable-intranet", server = server, detail = detail),
            t!("apiserver-unreachable-intranet-hint-command", command = target.get_credentials(Access::Public)),
        ),
        (Access::Public, None) => (
            t!("apiserver-unreachable-public", server = server, detail = detail),
            t!("apiserver-unreachable-public-hint"),
        ),
        (Access::Public, Some(_)) => (
            t!("apiserver-unreachable-public", server = server, detail = detail),
            t!("apiserver-unreachable-public-hint-command", command = target.get_credentials(Access::Private)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "c5b5e80b0b64a4bf6939d2d8fbbc5e4e1";

    fn target(access: Access, cluster_id: Option<&str>) -> Target<'_> {
        Target { access, server: "https://127.0.0.2:6443", cluster_id, renew: None }
    }

    #[test]
    fn an_unreachable_intranet_address_points_to_the_public_credentials() {
        let diagnosis = explain(&Failure::Unreachable, &target(Access::Private, Some(ID)), "timed out");
        assert_eq!(diagnosis.problem, "cannot reach the intranet address https://127.0.0.2:6443 (timed out)");
        assert!(diagnosis.hint.contains("inside the cluster's VPC"), "{}", diagnosis.hint);
        assert!(diagnosis.hint.ends_with(&format!("`kubectl ack get-credentials {ID}`")), "{}", diagnosis.hint);
        let public = explain(&Failure::Unreachable, &target(Access::Public, Some(ID)), "");
        assert!(public.hint.contains(&format!("`kubectl ack get-credentials {ID} --private`")), "{}", public.hint);
    }

    #[test]
    fn without_a_cluster_id_hints_name_the_command_only() {
        let unauthorized = Failure::Unauthorized { message: "Unauthorized".into() };
        let diagnosis = explain(&unauthorized, &target(Access::Private, None), "");
        assert_eq!(diagnosis.problem, "the API server refused the certificate (401 Unauthorized)");
        assert!(diagnosis.hint.ends_with("fetch new credentials with `kubectl ack get-credentials`"));
        let with_id = explain(&unauthorized, &target(Access::Private, Some(ID)), "");
        assert!(with_id.hint.ends_with(&format!("`kubectl ack get-credentials {ID} --private`")), "{}", with_id.hint);
        let san = explain(&Failure::NameMismatch, &target(Access::Public, None), "");
        assert!(san.hint.contains("SANs") && san.hint.contains("--insecure-skip-tls-verify"), "{}", san.hint);
    }
}
