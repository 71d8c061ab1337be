//! Entry points for the fuzz targets in `fuzz/` (hidden; not part of the API): every
//! parser of what the ACK API sends, driven with arbitrary bytes and no network.

use std::error::Error as _;

use crate::error::{Service, decode_answer, error_from_answer, error_in_success_answer};
use crate::models::{ApiServerEndpoints, ClusterPage, ClusterSummary, KubeconfigStatePage, UserKubeconfigBody};
use crate::{Error, UserKubeconfig};

const URL: &str = "https://cs.cn-hangzhou.aliyuncs.com/fuzz?Signature=never-shown";

/// Reads `body` as an error answer with `status` and as each success model; returns every line a
/// user could see (the error, its causes and hint), for the target's properties to check.
pub fn read_answer(status: u16, body: &[u8]) -> Vec<String> {
    let mut lines = Vec::new();
    for service in [Service::Ack, Service::Sts] {
        let error = error_from_answer(service, "FuzzAction", URL, status, Some("text/html"), body);
        push_error(&mut lines, &error);
    }
    if let Err(error) = decode_answer::<UserKubeconfigBody>("F", URL, 200, None, body).map(UserKubeconfig::from) {
        push_error(&mut lines, &error);
    }
    if let Ok(page) = decode_answer::<ClusterPage>("F", URL, 200, None, body) {
        lines.extend(page.clusters.iter().map(|cluster| format!("{cluster:?}")));
    }
    let _ = decode_answer::<ClusterSummary>("F", URL, 200, None, body);
    let _ = decode_answer::<KubeconfigStatePage>("F", URL, 200, None, body);
    if let Some(error) = error_in_success_answer(Service::Ack, "F", 200, body) {
        push_error(&mut lines, &error);
    }
    if let Ok(text) = std::str::from_utf8(body) {
        lines.push(format!("{:?}", ApiServerEndpoints::from_master_url(text)));
    }
    lines
}

fn push_error(lines: &mut Vec<String>, error: &Error) {
    lines.push(error.to_string());
    let mut source = error.source();
    while let Some(cause) = source {
        lines.push(cause.to_string());
        source = cause.source();
    }
    lines.extend(error.hint());
}
