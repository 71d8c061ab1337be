//! Clusters as the CS API describes them (snake_case field names, as in the official SDK models).

use serde_json::{Value, json};

use super::CsError;
use crate::clock::format_utc;
use crate::cloud::ClusterEntry;
use crate::http::Received;

pub(crate) const DEFAULT_PAGE_SIZE: usize = 10;
pub(crate) const MAX_PAGE_SIZE: usize = 100;

/// `master_url`: a JSON object serialised into a string, empty strings for missing endpoints.
pub(crate) fn master_url(entry: &ClusterEntry) -> String {
    json!({
        "api_server_endpoint": entry.public_url.clone().unwrap_or_default(),
        "intranet_api_server_endpoint": entry.intranet_url.clone().unwrap_or_default(),
    })
    .to_string()
}

/// The fields DescribeClustersV1, DescribeClustersForRegion and DescribeClusterDetail share.
pub(crate) fn summary(entry: &ClusterEntry) -> Value {
    let spec = &entry.spec;
    let created = format_utc(entry.created);
    json!({
        "cluster_id": spec.id,
        "name": spec.name,
        "region_id": spec.region,
        "zone_id": format!("{}-b", spec.region),
        "cluster_type": spec.cluster_type,
        "cluster_spec": if spec.cluster_type == "ManagedKubernetes" { "ack.pro.small" } else { "" },
        "profile": "Default",
        "state": spec.state,
        "current_version": spec.version,
        "init_version": spec.version,
        "next_version": "",
        "created": created,
        "updated": created,
        "size": 3,
        "vpc_id": format!("vpc-sandbox{}", &spec.id[1..9.min(spec.id.len())]),
        "vswitch_ids": ["vsw-sandbox0001"],
        "security_group_id": "sg-sandbox0001",
        "container_cidr": "172.20.0.0/16",
        "service_cidr": "192.168.0.0/16",
        "proxy_mode": "ipvs",
        "ip_stack": "ipv4",
        "cluster_domain": "cluster.local",
        "resource_group_id": "rg-sandbox0001",
        "deletion_protection": false,
        "timezone": "Asia/Shanghai",
        "tags": [],
    })
}

pub(crate) fn with_master_url(entry: &ClusterEntry) -> Value {
    let mut value = summary(entry);
    value["master_url"] = Value::String(master_url(entry));
    value
}

/// Filters of DescribeClustersV1 / DescribeClustersForRegion: exact on IDs and types, substring on the name.
pub(crate) fn matches_filters(entry: &ClusterEntry, request: &Received) -> bool {
    let spec = &entry.spec;
    let exact = |param: &str, actual: &str| {
        request.query_value(param).is_none_or(|wanted| wanted.is_empty() || wanted == actual)
    };
    exact("cluster_id", &spec.id)
        && exact("cluster_type", &spec.cluster_type)
        && exact("region_id", &spec.region)
        && exact("profile", "Default")
        && request.query_value("name").is_none_or(|name| spec.name.contains(name))
}

/// A page request: 1-based number, size within bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page {
    pub number: usize,
    pub size: usize,
}

impl Page {
    pub(crate) fn from_query(
        request: &Received,
        number_param: &str,
        size_param: &str,
        default_size: usize,
        max_size: usize,
    ) -> Result<Page, CsError> {
        let number = positive_param(request, number_param)?.unwrap_or(1);
        let size = positive_param(request, size_param)?.unwrap_or(default_size);
        if size > max_size {
            return Err(CsError::invalid_parameter(format!("{size_param} must be between 1 and {max_size}.")));
        }
        Ok(Page { number, size })
    }

    pub(crate) fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let start = (self.number - 1).saturating_mul(self.size).min(items.len());
        let end = start.saturating_add(self.size).min(items.len());
        &items[start..end]
    }

    pub(crate) fn info(&self, total: usize) -> Value {
        json!({ "page_number": self.number, "page_size": self.size, "total_count": total })
    }
}

fn positive_param(request: &Received, name: &str) -> Result<Option<usize>, CsError> {
    match request.query_value(name) {
        None | Some("") => Ok(None),
        Some(text) => match text.parse::<usize>() {
            Ok(value) if value >= 1 => Ok(Some(value)),
            _ => Err(CsError::invalid_parameter(format!("{name} must be a positive integer, not {text:?}."))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_slice_the_list() {
        let items: Vec<usize> = (0..250).collect();
        let page = |number| Page { number, size: 100 };
        assert_eq!(page(1).slice(&items).len(), 100);
        assert_eq!(page(3).slice(&items), &items[200..]);
        assert!(page(4).slice(&items).is_empty());
    }
}
