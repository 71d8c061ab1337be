//! The checks that talk to Alibaba Cloud: credentials (which source), the clock against the API's `Date`,
//! and the RAM permission for `DescribeClusterUserKubeconfig` on the context's cluster.
//!
//! The API has no dry run, so the permission is checked the only honest way: by asking for the shortest
//! kubeconfig ACK issues (TemporaryDurationMinutes=15) and dropping it unwritten. Its server and CA are
//! kept, so the connection checks can compare them with the context's.

use std::time::Duration;

use ack_client::{ApiError, Client, ServerTime};
use time::OffsetDateTime;

use super::report::{Check, CheckName, Finding};
use super::{AckCluster, LocalClock};
use crate::ack::{FetchedKubeconfig, short_id, take_credentials};
use crate::i18n::Bilingual;
use crate::ops::Error;
use crate::ops::fetch::kubeconfig_request;
use crate::ops::session::Session;
use crate::request::{CloudSettings, Doctor};
use crate::{Io, Machine, both, output, t};

/// The shortest certificate ACK issues: what the permission check asks for.
const PROBE_MINUTES: u32 = 15;
/// Clocks closer than this are in step (HTTP dates have whole seconds; requests take some).
const IN_STEP: Duration = Duration::from_secs(60);
/// The API refuses signatures 15 minutes off; from this far it is only a matter of drift.
const NEAR_THE_LIMIT: Duration = Duration::from_secs(10 * 60);
/// What to do about a clock that is off.
fn sync_clock() -> Bilingual {
    both!("doctor-sync-clock")
}

/// The three cloud checks, and what ACK answered for the permission check.
pub(super) struct CloudChecks {
    pub checks: [Check; 3],
    pub answer: Option<FetchedKubeconfig>,
    /// For a RAM identity token user: the token its plugin would make now, from the same credentials.
    pub token: Option<String>,
}

/// `cluster` is the context's ACK cluster, or why there is none to check.
pub(super) fn check(
    request: &Doctor,
    machine: &Machine,
    cluster: Result<&AckCluster, Bilingual>,
    token_user: bool,
    clock: &LocalClock,
    verbose: bool,
    io: &mut Io<'_>,
) -> CloudChecks {
    let cluster = match cluster {
        Ok(cluster) => cluster,
        Err(why) => return all_skipped(&why),
    };
    let session = match Session::open(&cloud_settings(&request.cloud, cluster), machine, verbose) {
        Ok(session) => session,
        Err(error) => return CloudChecks { checks: no_client(&error), answer: None, token: None },
    };
    // No region anywhere: nothing here can be asked of ACK (the client is built for what needs none).
    if session.client().endpoint().is_none() {
        let error = Error::from(ack_client::Error::NoRegion);
        return CloudChecks { checks: no_client(&error), answer: None, token: None };
    }
    let gathered = session.run(io.err, gather(session.client(), cluster, clock));
    let token = match (token_user, &gathered) {
        (true, Gathered::Found { credentials: Some(credentials), .. }) => {
            Some(crate::ops::exec_credential::ram_token(&cluster.id, credentials, clock.now()))
        }
        _ => None,
    };
    CloudChecks { token, ..judge(gathered, session.client(), cluster, clock.now()) }
}

/// The cluster's own region (from provenance) unless `--region` says otherwise: the cluster lives there.
fn cloud_settings(settings: &CloudSettings, cluster: &AckCluster) -> CloudSettings {
    settings.in_region(settings.region.clone().or_else(|| cluster.region.clone()))
}

/// What the API said, call by call.
enum Gathered {
    NoCredentials(ack_client::Error),
    Found {
        source: String,
        /// What the chain gave (a token user's token is signed with them).
        credentials: Option<Box<ack_client::Credentials>>,
        time: Result<ServerTime, ack_client::Error>,
        /// This machine's time when the API's answer came.
        local: OffsetDateTime,
        /// Not asked when the API refused this machine's signatures, or did not answer at all.
        kubeconfig: Option<Result<ack_client::UserKubeconfig, ack_client::Error>>,
    },
}

/// Calls in order, each only when the one before it leaves a reason to.
async fn gather(client: &Client, cluster: &AckCluster, clock: &LocalClock) -> Gathered {
    let (credentials, source) = match client.current_credentials().await {
        Ok(found) => found,
        Err(error) => return Gathered::NoCredentials(error),
    };
    let credentials = Some(Box::new(credentials));
    let time = client.server_time(&cluster.id).await;
    let local = clock.now();
    let kubeconfig = match &time {
        Ok(time) if !refused_for_its_date(time.refused.as_ref()) => {
            let request = kubeconfig_request(cluster.access, Some(PROBE_MINUTES));
            Some(client.describe_cluster_user_kubeconfig(&cluster.id, &request).await)
        }
        _ => None,
    };
    Gathered::Found { source, credentials, time, local, kubeconfig }
}

fn refused_for_its_date(refused: Option<&ApiError>) -> bool {
    refused.is_some_and(|api| api.code.starts_with("InvalidTimeStamp"))
}

fn judge(gathered: Gathered, client: &Client, cluster: &AckCluster, now: OffsetDateTime) -> CloudChecks {
    let (source, time, local, kubeconfig) = match gathered {
        Gathered::Found { source, time, local, kubeconfig, .. } => (source, time, local, kubeconfig),
        Gathered::NoCredentials(error) => {
            let why = both!("doctor-no-credentials");
            let credentials = Check::new(CheckName::Credentials, vec![failure(&error)]);
            let checks =
                [credentials, Check::skipped(CheckName::Clock, &why), Check::skipped(CheckName::Permission, &why)];
            return CloudChecks { checks, answer: None, token: None };
        }
    };
    let credentials = Check::new(CheckName::Credentials, vec![found(&source, client)]);
    let clock = match &time {
        Ok(time) => clock_check(time, local),
        Err(error) => Check::new(CheckName::Clock, vec![failure(error)]),
    };
    let (permission, answer) = match kubeconfig {
        Some(result) => permission_check(result, cluster, now),
        None if time.is_err() => (Check::skipped(CheckName::Permission, &both!("doctor-api-silent")), None),
        None => (Check::skipped(CheckName::Permission, &both!("doctor-api-refuses-clock")), None),
    };
    CloudChecks { checks: [credentials, clock, permission], answer, token: None }
}

fn found(source: &str, client: &Client) -> Finding {
    let endpoint = client.endpoint().map_or("", |url| url.as_str().trim_end_matches('/')).to_string();
    match client.region() {
        Some(region) => Finding::pass(both!(
            "doctor-credentials-found-in-region",
            source = source,
            region = region,
            endpoint = endpoint.as_str()
        )),
        None => Finding::pass(both!("doctor-credentials-found", source = source, endpoint = endpoint.as_str())),
    }
}

/// The clock check from the API's `Date`.
fn clock_check(time: &ServerTime, local: OffsetDateTime) -> Check {
    let refused = time.refused.as_ref().filter(|api| refused_for_its_date(Some(api)));
    Check::new(CheckName::Clock, vec![judge_skew(local - time.date, refused)])
}

/// `skew` is this machine's clock minus the API's.
fn judge_skew(skew: time::Duration, refused: Option<&ApiError>) -> Finding {
    let apart = output::short_duration(skew.unsigned_abs());
    let direction = if skew.is_negative() { "behind" } else { "ahead" };
    let off = both!("doctor-clock-off", apart = apart.as_str(), direction = direction);
    if let Some(api) = refused {
        let message = off.wrap(|off| t!("doctor-clock-refused", off = off, code = api.code.as_str()));
        return Finding::fail(message, Some(sync_clock()));
    }
    match skew.unsigned_abs() {
        apart if apart < IN_STEP => Finding::pass(both!("doctor-clock-in-step", apart = output::short_duration(apart))),
        apart if apart < NEAR_THE_LIMIT => {
            Finding::warn(off.wrap(|off| t!("doctor-clock-drifting", off = off)), sync_clock())
        }
        _ => Finding::fail(off.wrap(|off| t!("doctor-clock-near-limit", off = off)), Some(sync_clock())),
    }
}

fn permission_check(
    result: Result<ack_client::UserKubeconfig, ack_client::Error>,
    cluster: &AckCluster,
    now: OffsetDateTime,
) -> (Check, Option<FetchedKubeconfig>) {
    match result {
        Ok(kubeconfig) => {
            let message = both!("doctor-permission-allowed", cluster = short_id(&cluster.id), minutes = PROBE_MINUTES);
            // The answer only serves comparisons; one that cannot be read is simply not compared.
            (
                Check::new(CheckName::Permission, vec![Finding::pass(message)]),
                take_credentials(&kubeconfig.config, now).ok(),
            )
        }
        Err(error) => (Check::new(CheckName::Permission, vec![failure(&error)]), None),
    }
}

/// An API error as a failed finding: the error and its causes, and its hint as the fix.
fn failure(error: &ack_client::Error) -> Finding {
    Finding::from_error(error, || error.hint())
}

/// The client could not even be built (no region, a bad endpoint): the credentials check says so.
fn no_client(error: &Error) -> [Check; 3] {
    let credentials = Check::new(CheckName::Credentials, vec![Finding::from_error(error, || error.hint())]);
    let why = both!("doctor-no-client");
    [credentials, Check::skipped(CheckName::Clock, &why), Check::skipped(CheckName::Permission, &why)]
}

fn all_skipped(why: &Bilingual) -> CloudChecks {
    let checks =
        [CheckName::Credentials, CheckName::Clock, CheckName::Permission].map(|name| Check::skipped(name, why));
    CloudChecks { checks, answer: None, token: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Verdict;

    fn api(code: &str) -> ApiError {
        ApiError {
            service: ack_client::Service::Ack,
            action: "DescribeClusterDetail".into(),
            status: 400,
            code: code.into(),
            message: String::new(),
            request_id: None,
        }
    }

    #[test]
    fn skew_is_fine_under_a_minute_a_warning_under_ten_and_a_failure_beyond() {
        let verdict = |seconds: i64| judge_skew(time::Duration::seconds(seconds), None).status;
        assert_eq!(verdict(0), Verdict::Pass);
        assert_eq!(verdict(-59), Verdict::Pass);
        assert_eq!(verdict(60), Verdict::Warn);
        assert_eq!(verdict(-9 * 60), Verdict::Warn);
        assert_eq!(verdict(10 * 60), Verdict::Fail);
        assert_eq!(verdict(-40 * 60), Verdict::Fail);
    }

    #[test]
    fn skew_says_which_way_and_a_refusal_always_fails() {
        let behind = judge_skew(time::Duration::minutes(-5), None);
        assert_eq!(
            behind.message.local(),
            "this machine's clock is 5m behind the ACK API's: signatures still pass, for now"
        );
        assert!(behind.fix.unwrap().local().contains("NTP"));
        let refused = judge_skew(time::Duration::minutes(20), Some(&api("InvalidTimeStamp.Expired")));
        assert_eq!(refused.status, Verdict::Fail);
        assert_eq!(
            refused.message.local(),
            "this machine's clock is 20m ahead of the ACK API's: the API refuses its signatures (InvalidTimeStamp.Expired)"
        );
    }

    #[test]
    fn only_a_date_refusal_stops_the_permission_check() {
        assert!(refused_for_its_date(Some(&api("InvalidTimeStamp.Expired"))));
        assert!(!refused_for_its_date(Some(&api("SignatureDoesNotMatch"))));
        assert!(!refused_for_its_date(None));
    }
}
