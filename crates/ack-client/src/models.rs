//! Typed requests and answers of the CS operations. Only the fields kubectl-ack uses are kept; unknown
//! fields are ignored, so new fields in the API's answers never break decoding.

use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;

use crate::clock::parse_rfc3339;
use crate::error::ApiError;

/// Options of `DescribeClusterUserKubeconfig`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KubeconfigRequest {
    /// `PrivateIpAddress`: the intranet API server address instead of the public one.
    pub private_ip_address: bool,
    /// `TemporaryDurationMinutes` (15–4320): a short-lived certificate. `None`: ACK's long-term one.
    pub temporary_duration_minutes: Option<u32>,
}

/// The answer of `DescribeClusterUserKubeconfig`. `config` holds a private key: never log it.
#[derive(Clone, PartialEq, Eq)]
pub struct UserKubeconfig {
    /// The kubeconfig YAML.
    pub config: String,
    /// When the certificate expires, if the API said so (RFC 3339 in the answer).
    pub expiration: Option<OffsetDateTime>,
}

impl std::fmt::Debug for UserKubeconfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserKubeconfig")
            .field("config", &format_args!("[{} bytes]", self.config.len()))
            .field("expiration", &self.expiration)
            .finish()
    }
}

#[derive(Deserialize)]
pub(crate) struct UserKubeconfigBody {
    #[serde(default)]
    pub config: String,
    #[serde(default)]
    pub expiration: Option<String>,
}

impl From<UserKubeconfigBody> for UserKubeconfig {
    fn from(body: UserKubeconfigBody) -> Self {
        UserKubeconfig { config: body.config, expiration: body.expiration.as_deref().and_then(parse_rfc3339) }
    }
}

/// What the API's clock said, from the `Date` header of an answer ([`crate::Client::server_time`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerTime {
    /// The answer's `Date` (whole seconds, as HTTP dates are).
    pub date: OffsetDateTime,
    /// The service's error when it refused the call; the date is the server's all the same.
    pub refused: Option<ApiError>,
}

/// The API server addresses of a cluster, decoded from `master_url` (a JSON string inside the JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApiServerEndpoints {
    /// `api_server_endpoint`; `None` when the cluster has no public address.
    pub public: Option<String>,
    /// `intranet_api_server_endpoint`.
    pub intranet: Option<String>,
}

impl ApiServerEndpoints {
    /// Decodes `master_url`. Anything that is not the expected JSON gives no endpoints rather than an error:
    /// the listing is still useful without them.
    pub fn from_master_url(master_url: &str) -> Self {
        #[derive(Deserialize)]
        struct MasterUrl {
            #[serde(default)]
            api_server_endpoint: Option<String>,
            #[serde(default)]
            intranet_api_server_endpoint: Option<String>,
        }
        let non_empty = |value: Option<String>| value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        match serde_json::from_str::<MasterUrl>(master_url) {
            Ok(parsed) => ApiServerEndpoints {
                public: non_empty(parsed.api_server_endpoint),
                intranet: non_empty(parsed.intranet_api_server_endpoint),
            },
            Err(_) => ApiServerEndpoints::default(),
        }
    }
}

/// A cluster as the list operations return it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct ClusterSummary {
    #[serde(default, deserialize_with = "string_or_null")]
    pub cluster_id: String,
    #[serde(default, deserialize_with = "string_or_null")]
    pub name: String,
    #[serde(default, deserialize_with = "string_or_null")]
    pub region_id: String,
    /// `ManagedKubernetes`, `Kubernetes` (dedicated), `ExternalKubernetes`, …
    #[serde(default, deserialize_with = "string_or_null")]
    pub cluster_type: String,
    /// `ack.pro.small`, `ack.standard`, …
    #[serde(default, deserialize_with = "string_or_null")]
    pub cluster_spec: String,
    /// `Default`, `Edge`, `Serverless`, `Lingjun`.
    #[serde(default, deserialize_with = "string_or_null")]
    pub profile: String,
    #[serde(default, deserialize_with = "string_or_null")]
    pub state: String,
    #[serde(default, deserialize_with = "string_or_null")]
    pub current_version: String,
    /// Decoded from `master_url` (absent from `DescribeClustersForRegion`: then both are `None`).
    #[serde(default, rename(deserialize = "master_url"), deserialize_with = "endpoints_from_master_url")]
    pub endpoints: ApiServerEndpoints,
}

/// The answer of `DescribeClusterDetail`: the same fields as a list entry.
pub type ClusterDetail = ClusterSummary;

fn string_or_null<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

fn endpoints_from_master_url<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ApiServerEndpoints, D::Error> {
    let raw = Option::<String>::deserialize(deserializer)?.unwrap_or_default();
    Ok(ApiServerEndpoints::from_master_url(&raw))
}

/// Filters of the cluster listings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterFilter {
    /// `region_id` (DescribeClustersV1 only; DescribeClustersForRegion takes it in the path).
    pub region: Option<String>,
    /// `name`: the API's own name filter.
    pub name: Option<String>,
    /// `page_size`; `None` uses [`ClusterFilter::DEFAULT_PAGE_SIZE`].
    pub page_size: Option<u32>,
}

impl ClusterFilter {
    pub const DEFAULT_PAGE_SIZE: u32 = 50;
}

#[derive(Deserialize)]
pub(crate) struct ClusterPage {
    #[serde(default)]
    pub clusters: Vec<ClusterSummary>,
    #[serde(default)]
    pub page_info: Option<PageInfo>,
}

#[derive(Deserialize)]
pub(crate) struct PageInfo {
    #[serde(default)]
    pub total_count: Option<u64>,
}

/// One account's kubeconfig for a cluster (`ListClusterKubeconfigStates`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct KubeconfigState {
    #[serde(default, deserialize_with = "string_or_null")]
    pub account_id: String,
    #[serde(default, deserialize_with = "string_or_null")]
    pub account_name: String,
    #[serde(default, deserialize_with = "string_or_null")]
    pub account_display_name: String,
    /// `Active`, `InActive`, `Deleted`.
    #[serde(default, deserialize_with = "string_or_null")]
    pub account_state: String,
    /// `RootAccount`, `RamUser`, `RamRole`.
    #[serde(default, deserialize_with = "string_or_null")]
    pub account_type: String,
    /// `2027-07-15T01:32:20Z`.
    #[serde(default, deserialize_with = "string_or_null")]
    pub cert_expire_time: String,
    /// `Unexpired`, `Expired`, `Unknown`.
    #[serde(default, deserialize_with = "string_or_null")]
    pub cert_state: String,
    #[serde(default)]
    pub revokable: bool,
}

/// One page of a kubeconfig-state listing (of a cluster's holders, or of a user's clusters).
#[derive(Deserialize)]
pub(crate) struct StatePage<T> {
    #[serde(default = "Vec::new")]
    pub states: Vec<T>,
    #[serde(default)]
    pub page: Option<PageInfo>,
}

pub(crate) type KubeconfigStatePage = StatePage<KubeconfigState>;

/// One of a user's kubeconfigs, on one cluster (`ListUserKubeConfigStates`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct UserKubeconfigState {
    #[serde(default, deserialize_with = "string_or_null")]
    pub cluster_id: String,
    #[serde(default, deserialize_with = "string_or_null")]
    pub cluster_name: String,
    /// `running`, `deleting`, `deleted`, …
    #[serde(default, deserialize_with = "string_or_null")]
    pub cluster_state: String,
    /// `2026-11-30T07:41:50Z`.
    #[serde(default, deserialize_with = "string_or_null")]
    pub cert_expire_time: String,
    /// `Expired`, `Unexpired`, `Unissued`, `Unknown`, `Removed`.
    #[serde(default, deserialize_with = "string_or_null")]
    pub cert_state: String,
}

/// One RBAC grant ACK manages for a user (`DescribeUserPermission`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct UserPermission {
    /// `<cluster id>`, `<cluster id>/<namespace>` or `all-clusters`.
    #[serde(default, deserialize_with = "string_or_null")]
    pub resource_id: String,
    /// `cluster`, `namespace`, `console`.
    #[serde(default, deserialize_with = "string_or_null")]
    pub resource_type: String,
    #[serde(default, deserialize_with = "string_or_null")]
    pub role_name: String,
    /// `admin`, `ops`, `dev`, `restricted`, `custom`.
    #[serde(default, deserialize_with = "string_or_null")]
    pub role_type: String,
    #[serde(default, deserialize_with = "flag")]
    pub is_owner: bool,
    #[serde(default, deserialize_with = "flag")]
    pub is_ram_role: bool,
}

/// Whether a user was active on a cluster lately (`DescribeUserClusterActivityState`, what ACK's 7-day
/// safety check of a clean reads).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct ActivityState {
    #[serde(default)]
    pub active: bool,
    /// RFC 3339, when known.
    #[serde(default, deserialize_with = "string_or_null")]
    pub last_activity: String,
}

/// What `CleanUserPermissions` answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct CleanTask {
    #[serde(default, deserialize_with = "string_or_null")]
    pub request_id: String,
    #[serde(default, deserialize_with = "string_or_null")]
    pub task_id: String,
}

/// `0`/`1` or `false`/`true` (the API uses numbers for these flags).
fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(deserializer)? {
        Some(serde_json::Value::Bool(value)) => value,
        Some(serde_json::Value::Number(number)) => number.as_i64().unwrap_or(0) != 0,
        Some(serde_json::Value::String(text)) => text == "1" || text.eq_ignore_ascii_case("true"),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn master_url_is_decoded_twice() {
        let cluster: ClusterSummary = serde_json::from_str(
            r#"{"cluster_id":"c1","name":"prod","region_id":"cn-hangzhou","cluster_type":"ManagedKubernetes",
                "state":"running","current_version":"1.33.1-aliyun.1","unknown_field":{"x":1},"tags":[],
                "master_url":"{\"api_server_endpoint\":\"\",\"intranet_api_server_endpoint\":\"https://192.168.0.251:6443\"}"}"#,
        )
        .unwrap();
        assert_eq!(cluster.cluster_id, "c1");
        assert_eq!(cluster.endpoints.public, None);
        assert_eq!(cluster.endpoints.intranet.as_deref(), Some("https://192.168.0.251:6443"));
    }

    #[test]
    fn missing_or_odd_master_url_gives_no_endpoints() {
        let cluster: ClusterSummary = serde_json::from_str(r#"{"cluster_id":"c1","name":null}"#).unwrap();
        assert_eq!(cluster.endpoints, ApiServerEndpoints::default());
        assert_eq!(cluster.name, "");
        assert_eq!(ApiServerEndpoints::from_master_url("not json"), ApiServerEndpoints::default());
        assert_eq!(ApiServerEndpoints::from_master_url(""), ApiServerEndpoints::default());
    }

    #[test]
    fn kubeconfig_expiration_is_parsed_and_debug_hides_the_config() {
        let body: UserKubeconfigBody =
            serde_json::from_str(r#"{"config":"apiVersion: v1\nPRIVATE KEY","expiration":"2024-03-10T09:56:17Z"}"#)
                .unwrap();
        let kubeconfig = UserKubeconfig::from(body);
        assert_eq!(kubeconfig.expiration, Some(datetime!(2024-03-10 09:56:17 UTC)));
        assert!(!format!("{kubeconfig:?}").contains("PRIVATE KEY"));
    }
}
