//! Why talking to a cluster's API server failed, and what to do, in the terms of the ACK FAQ. Shared by
//! `get-credentials --verify`, which sees kube's errors, and `doctor`, which probes TCP and TLS itself:
//! each classifies what it saw as a [`Failure`], and [`explain`] words it once for both.

use crate::ack::Access;

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
    let detail = if detail.is_empty() { String::new() } else { format!(" ({detail})") };
    let renew = target.renew.map(str::to_string).unwrap_or_else(|| target.get_credentials(target.access));
    let (problem, hint) = match failure {
        Failure::NameMismatch => (
            format!("x509: the API server's certificate is not valid for {server}{detail}"),
            "this happens when a new IP is bound to the API server's SLB. ACK managed clusters: add the address \
             to the API server certificate's SANs (ACK console, cluster information). ACK dedicated clusters: \
             fetch again with --insecure-skip-tls-verify (not for production)"
                .to_string(),
        ),
        Failure::Expired => (
            format!("a certificate has expired{detail}"),
            format!("fetch new credentials with `{renew}`, and check this machine's clock"),
        ),
        Failure::UnknownIssuer => (
            format!("the API server's certificate is not signed by the cluster CA{detail}"),
            match target.cluster_id {
                Some(_) => format!(
                    "if the cluster was re-created or its CA rotated, fetch its CA again with `{renew}`; otherwise \
                     something between you and the cluster presents another certificate (a proxy?)"
                ),
                None => "something between you and the cluster presents another certificate (a proxy?)".to_string(),
            },
        ),
        Failure::Unauthorized { message } => (
            format!("the API server refused the certificate (401 {message})"),
            format!("the certificate is expired or was revoked: fetch new credentials with `{renew}`"),
        ),
        Failure::Forbidden { message } => (
            format!("the certificate was accepted but may not list namespaces (403: {message})"),
            "the credentials work; ask a cluster admin for RBAC permissions (ACK console: Authorizations)".to_string(),
        ),
        Failure::Status { code, message } => (
            format!("the API server answered {code}: {message}"),
            "check the cluster's state with `kubectl ack clusters`".to_string(),
        ),
        Failure::Refused => (
            format!("nothing accepts connections at {server}{detail}"),
            format!(
                "the API server is down or the address is out of date: compare it with the cluster's endpoints in \
                 `kubectl ack clusters`, and fetch the credentials again with `{renew}`"
            ),
        ),
        Failure::Unreachable => unreachable(target, &detail),
        Failure::Other => {
            (raw_detail.to_string(), "run with --verbose and check the cluster in the ACK console".to_string())
        }
    };
    Diagnosis { problem, hint }
}

/// An intranet address answers only inside the cluster's VPC; a public one needs an EIP and an open port.
fn unreachable(target: &Target<'_>, detail: &str) -> (String, String) {
    let server = target.server;
    match (target.access, target.cluster_id) {
        (Access::Private, None) => (
            format!("cannot reach the intranet address {server}{detail}"),
            "the intranet address is reachable only from inside the cluster's VPC (or over a VPN/Express \
             Connect); from elsewhere, fetch the public credentials without --private"
                .to_string(),
        ),
        (Access::Private, Some(_)) => (
            format!("cannot reach the intranet address {server}{detail}"),
            format!(
                "the intranet address is reachable only from inside the cluster's VPC (or over a VPN/Express \
                 Connect); from elsewhere, fetch the public credentials with `{}`",
                target.get_credentials(Access::Public)
            ),
        ),
        (Access::Public, None) => (
            format!("cannot reach the API server at {server}{detail}"),
            "check that the cluster's API server has public access (an EIP) and that no firewall blocks port 6443"
                .to_string(),
        ),
        (Access::Public, Some(_)) => (
            format!("cannot reach the API server at {server}{detail}"),
            format!(
                "check that the cluster's API server has public access (an EIP) and that no firewall blocks port \
                 6443; from inside the cluster's VPC, `{}` uses the intranet address",
                target.get_credentials(Access::Private)
            ),
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
