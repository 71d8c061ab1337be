//! `expiry -o prometheus`: Prometheus' text exposition format (0.0.4), as node_exporter's textfile
//! collector reads it. Gauges only, without sample timestamps (the textfile collector refuses them),
//! every family announced by `# HELP` and `# TYPE` before its samples, even when it has none, so the
//! set of series names does not depend on the kubeconfig.

use std::io::{self, Write};

use crate::ops::expiry::{ContextExpiry, Status};
use crate::{output, t};

/// One metric family: a gauge and its help text.
struct Gauge {
    name: &'static str,
    help: &'static str,
}

const EXPIRY_TIMESTAMP: Gauge = Gauge {
    name: "kubectl_ack_certificate_expiry_timestamp_seconds",
    help: "notAfter of the client certificate of a kubeconfig context, in Unix seconds.",
};

const REMAINING: Gauge = Gauge {
    name: "kubectl_ack_certificate_remaining_seconds",
    help: "Seconds until the client certificate of a kubeconfig context expires; negative once it has expired.",
};

const READABLE: Gauge = Gauge {
    name: "kubectl_ack_certificate_readable",
    help: "1 when the client certificate of a kubeconfig context could be read, 0 when it could not.",
};

/// The three gauges for every context that has (or should have) a client certificate.
pub(super) fn write(entries: &[ContextExpiry], out: &mut dyn Write) -> io::Result<()> {
    let with_certificate: Vec<(&ContextExpiry, i64, i64)> = entries
        .iter()
        .filter_map(|entry| Some((entry, entry.not_after?.unix_timestamp(), entry.seconds_left?)))
        .collect();
    write_family(out, &EXPIRY_TIMESTAMP, with_certificate.iter().map(|&(entry, not_after, _)| (entry, not_after)))?;
    write_family(out, &REMAINING, with_certificate.iter().map(|&(entry, _, left)| (entry, left)))?;
    write_family(out, &READABLE, entries.iter().filter_map(|entry| Some((entry, readable(entry)?))))
}

/// Contexts with another kind of credential get no sample at all: say which, on the diagnostics stream
/// (unreadable certificates were already reported as errors, and get `readable 0`).
pub(super) fn note_contexts_without_samples(entries: &[ContextExpiry], err: &mut dyn Write) {
    let skipped: Vec<String> = entries
        .iter()
        .filter(|entry| matches!(entry.status, Status::NoCertificate | Status::Token))
        .map(|entry| format!("{} ({})", entry.context, entry.credential))
        .collect();
    if !skipped.is_empty() {
        output::note(err, &t!("expiry-prometheus-no-samples", contexts = skipped.join(", ")));
    }
}

/// 1 for a certificate that was read, 0 for one that could not be; nothing for other credentials.
fn readable(entry: &ContextExpiry) -> Option<i64> {
    match entry.status {
        Status::NoCertificate | Status::Token => None,
        Status::Unreadable => Some(0),
        Status::Ok | Status::Expiring | Status::Expired => Some(1),
    }
}

fn write_family<'a>(
    out: &mut dyn Write,
    gauge: &Gauge,
    samples: impl Iterator<Item = (&'a ContextExpiry, i64)>,
) -> io::Result<()> {
    writeln!(out, "# HELP {} {}", gauge.name, gauge.help)?;
    writeln!(out, "# TYPE {} gauge", gauge.name)?;
    for (entry, value) in samples {
        writeln!(out, "{}{} {value}", gauge.name, labels(entry))?;
    }
    Ok(())
}

/// `{context="…",cluster_id="…",user="…"}`: the same three labels on every series, so they join.
fn labels(entry: &ContextExpiry) -> String {
    format!(
        "{{context=\"{}\",cluster_id=\"{}\",user=\"{}\"}}",
        escape_label_value(&entry.context),
        escape_label_value(&entry.origin.cluster_id),
        escape_label_value(&entry.origin.user_entry)
    )
}

/// The format's three escapes inside a quoted label value: backslash, double quote, line feed.
fn escape_label_value(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for character in value.chars() {
        match character {
            '\\' => escaped.push_str(r"\\"),
            '"' => escaped.push_str(r#"\""#),
            '\n' => escaped.push_str(r"\n"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::ops::expiry::Origin;

    fn entry(context: &str, status: Status, not_after: Option<time::OffsetDateTime>) -> ContextExpiry {
        let now = datetime!(2026-01-01 00:00 UTC);
        ContextExpiry {
            context: context.to_string(),
            user: None,
            credential: if status == Status::NoCertificate { "exec" } else { "client-certificate" },
            not_after,
            seconds_left: not_after.map(|not_after| (not_after - now).whole_seconds()),
            status,
            long_term: None,
            renewal_window_opens: None,
            error: None,
            origin: Origin { user_entry: format!("{context}-user"), cluster_id: String::new() },
        }
    }

    fn rendered(entries: &[ContextExpiry]) -> String {
        let mut out = Vec::new();
        write(entries, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn label_values_escape_backslash_quote_and_newline_only() {
        assert_eq!(escape_label_value(r#"a\b"c"#), r#"a\\b\"c"#);
        assert_eq!(escape_label_value("two\nlines"), r"two\nlines");
        assert_eq!(escape_label_value("prod-web ünïcode {x=1},"), "prod-web ünïcode {x=1},");
    }

    #[test]
    fn every_certificate_context_gets_one_sample_per_gauge_and_others_none() {
        let entries = [
            entry("expired", Status::Expired, Some(datetime!(2025-12-31 23:00 UTC))),
            entry("ok", Status::Ok, Some(datetime!(2026-01-02 00:00 UTC))),
            entry("exec", Status::NoCertificate, None),
            entry("broken", Status::Unreadable, None),
        ];
        let text = rendered(&entries);
        let samples: Vec<&str> = text.lines().filter(|line| !line.starts_with('#')).collect();
        assert_eq!(
            samples,
            [
                r#"kubectl_ack_certificate_expiry_timestamp_seconds{context="expired",cluster_id="",user="expired-user"} 1767222000"#,
                r#"kubectl_ack_certificate_expiry_timestamp_seconds{context="ok",cluster_id="",user="ok-user"} 1767312000"#,
                r#"kubectl_ack_certificate_remaining_seconds{context="expired",cluster_id="",user="expired-user"} -3600"#,
                r#"kubectl_ack_certificate_remaining_seconds{context="ok",cluster_id="",user="ok-user"} 86400"#,
                r#"kubectl_ack_certificate_readable{context="expired",cluster_id="",user="expired-user"} 1"#,
                r#"kubectl_ack_certificate_readable{context="ok",cluster_id="",user="ok-user"} 1"#,
                r#"kubectl_ack_certificate_readable{context="broken",cluster_id="",user="broken-user"} 0"#,
            ]
        );
    }

    #[test]
    fn families_are_announced_even_without_samples() {
        let text = rendered(&[entry("exec", Status::NoCertificate, None)]);
        assert_eq!(text.lines().count(), 6, "{text}");
        assert!(text.lines().all(|line| line.starts_with("# HELP ") || line.starts_with("# TYPE ")), "{text}");
        assert!(text.contains("# TYPE kubectl_ack_certificate_remaining_seconds gauge\n"), "{text}");
    }

    #[test]
    fn contexts_without_a_certificate_are_named_on_stderr() {
        let entries =
            [entry("ok", Status::Ok, Some(datetime!(2026-01-02 00:00 UTC))), entry("sso", Status::NoCertificate, None)];
        let mut err = Vec::new();
        note_contexts_without_samples(&entries, &mut err);
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "note: no samples for contexts without a client certificate: sso (exec)\n"
        );
        let mut quiet = Vec::new();
        note_contexts_without_samples(&entries[..1], &mut quiet);
        assert!(quiet.is_empty());
    }
}
