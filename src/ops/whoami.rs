//! whoami: who the kubeconfig says you are, read offline from the context's client certificate.

use serde::Serialize;
use time::OffsetDateTime;

use super::Error;
use super::inspect::{client_certificate, describe_user_auth};
use crate::Machine;
use crate::ack::{AckContext, Mode, RamIdentity};
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
    /// A token user's RAM identity, as STS named it when get-credentials wrote the context.
    pub ram_identity: Option<RamIdentityReport>,
}

/// The identity a token context's tokens carry (recorded offline: tokens are signed with whatever
/// credentials the chain gives at each kubectl command, which were these at fetch time).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RamIdentityReport {
    /// The ARN, account and type STS answered; all `None` when the context records none (written before
    /// identities were recorded, or STS could not be asked then).
    pub arn: Option<String>,
    pub account_id: Option<String>,
    #[serde(rename = "type")]
    pub identity_type: Option<String>,
    /// The user or role the ARN names; `None` for the account itself.
    pub principal: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
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

fn ram_identity_report(identity: Option<RamIdentity>, recorded_at: OffsetDateTime) -> RamIdentityReport {
    let principal = identity.as_ref().and_then(RamIdentity::principal);
    let (arn, account_id, identity_type) = match identity {
        Some(identity) => (Some(identity.arn), Some(identity.account_id), Some(identity.identity_type)),
        None => (None, None, None),
    };
    RamIdentityReport { arn, account_id, identity_type, principal, recorded_at }
}

pub fn whoami(request: &Whoami, machine: &Machine) -> Result<WhoamiReport, Error> {
    let config = super::load_kubeconfig_for_context(&request.kubeconfig, request.context.as_deref(), machine)?;
    let resolved = config.resolve_context(request.context.as_deref())?;
    let auth = resolved.user_auth();
    let facts = client_certificate(&resolved)?;
    let ram_identity = AckContext::recognise(&config, resolved.name())
        .and_then(|context| context.provenance().cloned())
        .filter(|provenance| provenance.mode == Mode::Token)
        .map(|provenance| ram_identity_report(provenance.identity, provenance.fetched_at));
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
        ram_identity,
        certificate: facts.map(|facts| CertificateReport {
            seconds_left: (facts.not_after - machine.now).whole_seconds(),
            expired: facts.is_expired(machine.now),
            renewal_window_opens: facts.renewal_window_opens(),
            facts,
        }),
    })
}
