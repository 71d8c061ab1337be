//! `kubectl ack revoke`: revoke this account's kubeconfigs for a cluster (`ops::revoke`), then say which
//! local contexts just stopped working and how to renew each.

use crate::error::{Error, exit};
use crate::ops::revoke::{self as use_case, Revoked};
use crate::request::Revoke;
use crate::{Io, Machine, ack, output, t};

pub fn run(request: &Revoke, verbose: bool, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let revoked = use_case::revoke(request, machine, verbose, io)?;
    writeln!(io.out, "{}", t!("revoke-done", cluster = use_case::label(&revoked.cluster)))?;
    if revoked.purged_cache_entries > 0 {
        writeln!(io.out, "{}", t!("revoke-purged", count = revoked.purged_cache_entries))?;
    }
    report_affected_contexts(&revoked, io)?;
    Ok(exit::SUCCESS)
}

/// The contexts that held the revoked credentials, with the line that renews each.
fn report_affected_contexts(revoked: &Revoked, io: &mut Io<'_>) -> std::io::Result<()> {
    let cluster_id = &revoked.cluster.id;
    let affected = match &revoked.affected {
        Ok(affected) => affected,
        Err(error) => {
            output::warning(io.err, &t!("revoke-kubeconfig-unreadable", error = error.to_string()));
            return Ok(());
        }
    };
    if affected.is_empty() {
        return writeln!(io.out, "{}", t!("revoke-no-affected-context", cluster = ack::short_id(cluster_id)));
    }
    writeln!(io.out, "{}", t!("revoke-affected-contexts"))?;
    for context in affected {
        let command = ack::renew_command(cluster_id, context.access, context.temporary_minutes(), &context.context);
        writeln!(io.out, "  {command}")?;
    }
    Ok(())
}
