//! The stable names kubectl-ack writes, instead of ACK's `kubernetes` / `<uid>` / `<uid>-<clusterId>`
//! that every cluster shares (a merge by those names points one cluster's context at another's CA).

use super::Access;
use crate::output;

/// The three entries one cluster's credentials occupy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryNames {
    pub cluster: String,
    pub user: String,
    pub context: String,
}

/// `ack-<id>`, `ack-<id>-<uid>` and the cluster's name (or `ack-<id>`), each with `-private` for
/// intranet credentials; `--context` replaces the context name as given.
pub fn entry_names(
    cluster_id: &str,
    uid: &str,
    cluster_name: Option<&str>,
    access: Access,
    context_override: Option<&str>,
) -> EntryNames {
    let suffix = access.suffix();
    let context = match (context_override, cluster_name.map(str::trim).filter(|name| !name.is_empty())) {
        (Some(name), _) => name.to_string(),
        (None, Some(name)) => format!("{name}{suffix}"),
        (None, None) => format!("ack-{cluster_id}{suffix}"),
    };
    EntryNames {
        cluster: format!("ack-{cluster_id}{suffix}"),
        user: format!("ack-{cluster_id}-{uid}{suffix}"),
        context,
    }
}

/// The cluster and access behind a cluster entry name kubectl-ack wrote (`ack-<id>`, `ack-<id>-private`):
/// how contexts written before the provenance extension, or renamed by hand, are still recognised.
pub fn cluster_of_entry_name(name: &str) -> Option<(String, Access)> {
    let rest = name.strip_prefix("ack-")?;
    let id = rest.get(..33).filter(|id| is_cluster_id(id))?;
    let access = match &rest[33..] {
        "" => Access::Public,
        suffix if suffix == Access::Private.suffix() => Access::Private,
        _ => return None,
    };
    Some((id.to_string(), access))
}

/// The command that fetches a cluster's credentials again into the same context, each argument
/// shell-quoted (a context name is the user's, or a cluster's: either may hold anything).
pub fn renew_command(cluster_id: &str, access: Access, temporary_minutes: Option<u32>, context: &str) -> String {
    let temporary = temporary_minutes.map(|minutes| format!("{minutes}m"));
    let mut arguments = vec![cluster_id];
    if access == Access::Private {
        arguments.push("--private");
    }
    if let Some(temporary) = &temporary {
        arguments.extend(["--temporary", temporary]);
    }
    arguments.extend(["--context", context]);
    output::command_line(&["kubectl", "ack", "get-credentials"], arguments)
}

/// ACK's cluster ID form: `c` and 32 lowercase hex digits. Anything else is taken as a name.
pub fn is_cluster_id(text: &str) -> bool {
    text.len() == 33
        && text.starts_with('c')
        && text[1..].bytes().all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
}

/// `c5b5e80b…` for messages: enough to recognise, short enough to read.
pub fn short_id(cluster_id: &str) -> String {
    match cluster_id.get(..8) {
        Some(head) if cluster_id.len() > 8 => format!("{head}…"),
        _ => cluster_id.to_string(),
    }
}

/// A cluster as a person reads it in tables and lines: `web (c0a1b2c3…)`, or the whole ID when it has no name.
pub fn cluster_label(id: &str, name: Option<&str>) -> String {
    match name.filter(|name| !name.is_empty()) {
        Some(name) => format!("{name} ({})", short_id(id)),
        None => id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "c5b5e80b0b64a4bf6939d2d8fbbc5e4e1";

    #[test]
    fn names_are_stable_and_distinct_per_cluster_and_access() {
        let public = entry_names(ID, "272899990000001", Some("prod-web"), Access::Public, None);
        assert_eq!(public.cluster, format!("ack-{ID}"));
        assert_eq!(public.user, format!("ack-{ID}-272899990000001"));
        assert_eq!(public.context, "prod-web");
        let private = entry_names(ID, "272899990000001", Some("prod-web"), Access::Private, None);
        assert_eq!(private.cluster, format!("ack-{ID}-private"));
        assert_eq!(private.user, format!("ack-{ID}-272899990000001-private"));
        assert_eq!(private.context, "prod-web-private");
    }

    #[test]
    fn without_a_name_the_context_is_named_after_the_id_and_an_override_wins() {
        assert_eq!(entry_names(ID, "1", None, Access::Public, None).context, format!("ack-{ID}"));
        assert_eq!(entry_names(ID, "1", Some("  "), Access::Private, None).context, format!("ack-{ID}-private"));
        assert_eq!(entry_names(ID, "1", Some("web"), Access::Private, Some("mine")).context, "mine");
    }

    #[test]
    fn cluster_entry_names_give_back_the_cluster_and_the_access() {
        let public = entry_names(ID, "1", None, Access::Public, None).cluster;
        let private = entry_names(ID, "1", None, Access::Private, None).cluster;
        assert_eq!(cluster_of_entry_name(&public), Some((ID.to_string(), Access::Public)));
        assert_eq!(cluster_of_entry_name(&private), Some((ID.to_string(), Access::Private)));
        for other in [format!("ack-{ID}-272899990000001"), ID.to_string(), "ack-short".into(), "kind-kind".into()] {
            assert_eq!(cluster_of_entry_name(&other), None, "{other}");
        }
    }

    #[test]
    fn the_renew_command_repeats_the_access_the_lifetime_and_the_context() {
        assert_eq!(
            renew_command(ID, Access::Private, Some(30), "web"),
            format!("kubectl ack get-credentials {ID} --private --temporary 30m --context web")
        );
        assert_eq!(
            renew_command(ID, Access::Public, None, "web"),
            format!("kubectl ack get-credentials {ID} --context web")
        );
        assert_eq!(
            renew_command(ID, Access::Public, None, "web$(touch x) && rm -rf ~"),
            format!("kubectl ack get-credentials {ID} --context 'web$(touch x) && rm -rf ~'")
        );
    }

    #[test]
    fn cluster_ids_are_told_from_names() {
        assert!(is_cluster_id(ID));
        for name in [
            "prod-web",
            "C5B5E80B0B64A4BF6939D2D8FBBC5E4E1",
            "c5b5e80b",
            &format!("{ID}0"),
            "x5b5e80b0b64a4bf6939d2d8fbbc5e4e1",
        ] {
            assert!(!is_cluster_id(name), "{name}");
        }
        assert_eq!(short_id(ID), "c5b5e80b…");
    }
}
