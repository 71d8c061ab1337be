//! whoami: who the kubeconfig says you are, read offline from the context's client certificate.

use serde::Serialize;
use time::OffsetDateTime;

use super::Error;
use super::inspect::{client_certificate, describe_user_auth};
use crate::Machine;
use crate::cert::CertificateFacts;
use crate::i18n::Bilingual;
use crate::request::Whoami;

/// `-o json|yaml` of whoami (docs/OUTPUT.md).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhoamiReport {
    pub context: String,
    pub cluster: Option<String>,
    pub server: Option<String>,
    pub namespace: Option<String>,
    /// client-certificate, token, exec, auth-provider, basic-auth or none.
    pub credential: &'static str,
    /// The certificate's CN.
    pub user: Option<String>,
    /// The certificate's O values.
    pub groups: Vec<String>,
    pub account_uid: Option<String>,
    pub certificate: Option<CertificateReport>,
    /// For credentials other than a client certificate: what they are.
    pub detail: Option<Bilingual>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateReport {
    #[serde(flatten)]
    pub facts: CertificateFacts,
    pub seconds_left: i64,
    pub expired: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub renewal_window_opens: Option<OffsetDateTime>,
}

pub fn whoami(request: &Whoami, machine: &Machine) -> Result<WhoamiReport, Error> {
    let config = super::load_kubeconfig_for_context(&request.kubeconfig, request.context.as_deref(), machine)?;
    let resolved = config.resolve_context(request.context.as_deref())?;
    let auth = resolved.user_auth();
    let facts = client_certificate(&resolved)?;
    Ok(WhoamiReport {
        context: resolved.name().to_string(),
        cluster: resolved.cluster_name.map(str::to_string),
        server: resolved.server().map(str::to_string),
        namespace: resolved.namespace().map(str::to_string),
        credential: auth.kind(),
        user: facts.as_ref().and_then(|facts| facts.common_name.clone()),
        groups: facts.as_ref().map(|facts| facts.organizations.clone()).unwrap_or_default(),
        account_uid: facts.as_ref().and_then(|facts| facts.ack_account.as_ref()).map(|account| account.uid.clone()),
        detail: facts.is_none().then(|| Bilingual::of(|| describe_user_auth(&auth))),
        certificate: facts.map(|facts| CertificateReport {
            seconds_left: (facts.not_after - machine.now).whole_seconds(),
            expired: facts.is_expired(machine.now),
            renewal_window_opens: facts.renewal_window_opens(),
            facts,
        }),
    })
}
