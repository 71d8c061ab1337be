# kubectl-ack's human output, in English (the fallback: every message exists here).
# Message ids are grouped by the command or layer that prints them.

## The exec credential plugin (`credential`) and its cache

exec-cache-unusable = not using the credential cache: { $reason }
exec-cache-damaged = discarding a damaged credential cache entry { $path } ({ $reason })
exec-cache-store-failed = the new certificate could not be cached: { $reason }
exec-cache-seed-failed = the certificate could not be cached for the exec plugin: { $reason }

## get-credentials

get-credentials-dropped-key = ignored { $key } from the API's answer: kubectl-ack only takes the server, CA and client certificate
get-credentials-insecure = --insecure-skip-tls-verify: kubectl will not check the API server's identity. This is meant for ACK dedicated clusters whose SLB got a new IP; managed clusters should add the IP to the certificate's SANs
get-credentials-all-skipped = skipped { $name } ({ $id }): its state is { $state }
get-credentials-merged = Merged context "{ $context }" (cluster { $cluster }, { $access }, expires { $expires }) into { $file }
get-credentials-switched = Switched to context "{ $context }".
get-credentials-verified = Verified: listed { $count } namespaces as { $user }.
get-credentials-verified-user-unknown = the new certificate
get-credentials-all-failed = failed: { $name } ({ $cluster }): { $error }
get-credentials-all-unnamed = (unnamed)
get-credentials-all-summary = { $written } of { $total } clusters written.
get-credentials-all-summary-skipped = { $written } of { $total } clusters written, { $skipped } skipped (not running).
get-credentials-all-progress = fetching kubeconfigs: { $done }/{ $total }

## Kubeconfig files

kubeconfig-readable-by-others = { $file } is readable by other users (mode { $mode }) and holds a private key: run `chmod 600 { $path }`

## rotate

rotate-reason-exec = exec credentials: `kubectl ack credential` renews them by itself
rotate-reason-no-certificate = its user has no client certificate any more (changed by hand?)
rotate-reason-unreadable = the certificate cannot be read ({ $problem })
rotate-reason-expired = expired { $expires }
rotate-reason-due = expires { $expires } ({ $left }): { $window }
rotate-reason-fresh = fresh: expires { $expires } ({ $left }), due from { $due }
rotate-window-within = within { $within }
rotate-window-ack = inside ACK's 180-day renewal window
rotate-window-short-lived = less than a fifth of its lifetime (or 10 minutes) left
rotate-account-changed = context "{ $context }" now holds a certificate of account { $after } (it had { $before }'s): the Alibaba Cloud credentials in use belong to another account
rotate-header-context = CONTEXT
rotate-header-cluster = CLUSTER
rotate-header-access = ACCESS
rotate-header-lifetime = LIFETIME
rotate-header-action = ACTION
rotate-header-detail = DETAIL
rotate-lifetime-long-term = long-term
rotate-action-would-renew = would renew
rotate-action-due = due
rotate-action-renewed = renewed
rotate-action-skipped = skipped
rotate-action-failed = failed
rotate-detail-renewed = { $reason }; the new certificate expires { $expires }
rotate-summary-none = No ACK contexts in the kubeconfig: nothing to rotate (contexts written by `kubectl ack get-credentials` are recognised by their kubectl-ack extension).
rotate-summary-dry-run = Dry run: { $due } of { $total } ACK contexts would be renewed; nothing was changed.
rotate-summary-renewed = Renewed { $renewed } of { $total } ACK contexts.
rotate-summary-renewed-in = Renewed { $renewed } of { $total } ACK contexts in { $file }.
rotate-summary-renewed-failed = Renewed { $renewed } of { $total } ACK contexts; { $failed } failed.
rotate-summary-renewed-in-failed = Renewed { $renewed } of { $total } ACK contexts in { $file }; { $failed } failed.
rotate-others-left-alone = { $others } contexts not written by kubectl-ack were left alone

## How a kubeconfig user authenticates

auth-client-certificate = client certificate
auth-token = bearer token
auth-token-file = bearer token from { $path }
auth-exec = exec plugin `{ $command }`
auth-provider = auth-provider "{ $name }"
auth-basic = basic auth as "{ $username }"
auth-none = no credentials

## revoke

revoke-confirm = Revoke every kubeconfig this account holds for cluster { $cluster }? Connections with them stop at once. [y/N]
revoke-done = Revoked this account's kubeconfigs for cluster { $cluster }: certificates issued before now no longer work.
revoke-purged = Removed { $count } cached exec certificate(s) of this cluster: kubectl fetches new ones on its next call.
revoke-kubeconfig-unreadable = cannot check the local kubeconfig for affected contexts: { $error }
revoke-no-affected-context = No context in the active kubeconfig holds credentials of cluster { $cluster }.
revoke-affected-contexts = These contexts held the revoked credentials; renew them with:

## audit

audit-nothing = No account holds a kubeconfig for cluster { $cluster }.
audit-nothing-expiring = No kubeconfig of cluster { $cluster } is expired or expires within { $within }.
audit-header-account = ACCOUNT
audit-header-account-id = ACCOUNT ID
audit-header-type = TYPE
audit-header-state = STATE
audit-header-certificate = CERTIFICATE
audit-header-expires = EXPIRES
audit-header-left = LEFT
audit-header-revokable = REVOKABLE
audit-yes = yes
audit-no = no
audit-expired-ago = expired { $ago } ago

## clusters

clusters-none = No clusters are visible to these credentials.
clusters-none-in-region = No clusters in { $region } are visible to these credentials.
clusters-header-id = ID
clusters-header-name = NAME
clusters-header-region = REGION
clusters-header-type = TYPE
clusters-header-version = VERSION
clusters-header-state = STATE
clusters-header-public = PUBLIC
clusters-header-intranet = INTRANET

## version

version = kubectl-ack { $version } ({ $platform })

## whoami

whoami-context = Context
whoami-cluster = Cluster
whoami-namespace = Namespace
whoami-credential = Credential
whoami-identity = Identity
whoami-identity-from-cluster = decided by the cluster at connection time: `kubectl auth whoami` asks it
whoami-user = User
whoami-groups = Groups
whoami-account-uid = Account UID
whoami-account-issued = { $uid } (certificate issued { $issued })
whoami-issuer = Issuer
whoami-valid-from = Valid from
whoami-valid-until = Valid until
whoami-renewal = Renewal
whoami-renewal-open = ACK's 180-day renewal window open now
whoami-renewal-opens = ACK's 180-day renewal window opens { $opens }
whoami-key = Key
whoami-none = (none)
whoami-no-cn = (no CN)

## expiry

expiry-header-context = CONTEXT
expiry-header-user = USER
expiry-header-expires = EXPIRES
expiry-header-left = LEFT
expiry-header-note = NOTE
expiry-left-expired = expired
expiry-note-expired = EXPIRED: renew with `kubectl ack get-credentials`
expiry-note-expired-ago = EXPIRED: renew with `kubectl ack get-credentials` (expired { $ago } ago)
expiry-note-expiring = expires within the --within window: renew soon
expiry-note-no-certificate = no client certificate ({ $credential })
expiry-note-renewable = inside ACK's 180-day renewal window: renewable now
expiry-note-window-opens = long-term; ACK renewal window opens { $opens }
expiry-note-temporary = temporary
expiry-prometheus-no-samples = no samples for contexts without a client certificate: { $contexts }

## export-cert

export-cert-other-auth = its user uses { $auth }
export-cert-certificate = Client certificate
export-cert-key = Client key (mode 0600)
export-cert-ca = Cluster CA
export-cert-server = API server
export-cert-none = (none)

## completion

completion-script-footer =
    # Completion for `kubectl-ack …`. For `kubectl ack <TAB>` (kubectl 1.26+), run
    # `kubectl ack completion install-plugin-completion` once and use kubectl's own completion.
completion-wrote = wrote { $path }
completion-not-on-path = { $dir } is not on PATH; kubectl finds { $name } only there

## prune

prune-why-not-found = cluster { $cluster } no longer exists (ErrorClusterNotFound)
prune-why-deleted = cluster { $cluster } is deleted
prune-why-expired = certificate expired { $expires } ({ $ago } ago)
prune-why-missing-cluster = its cluster entry "{ $cluster }" is missing
prune-why-missing-user = its user entry "{ $user }" is missing
prune-header-context = CONTEXT
prune-header-reason = REASON
prune-header-removes = ALSO REMOVES
prune-header-file = FILE
prune-header-kind = KIND
prune-header-name = NAME
prune-header-cluster = CLUSTER
prune-entry = { $kind } { $name }
prune-unused-entries = Entries no context uses (--dangling):
prune-kept = Kept, because the cluster could not be checked:
prune-confirm = Remove { $contexts ->
        [one] 1 context
       *[other] { $contexts } contexts
    } and { $entries ->
        [one] 1 entry
       *[other] { $entries } entries
    } from the kubeconfig? A copy of each changed file is kept. [y/N]
prune-nothing = Nothing to prune: every context's cluster exists and no certificate has expired.
prune-dry-run = Dry run: { $contexts ->
        [one] 1 context
       *[other] { $contexts } contexts
    } and { $entries ->
        [one] 1 entry
       *[other] { $entries } entries
    } would be removed; nothing was changed.
prune-done = Removed { $contexts ->
        [one] 1 context
       *[other] { $contexts } contexts
    } and { $entries ->
        [one] 1 entry
       *[other] { $entries } entries
    }.
prune-current-context-unset = current-context "{ $context }" was pruned and is now unset: choose another with `kubectl config use-context NAME`.
prune-backup = The file before the change is kept as { $path } (mode 0600).
prune-kept-warning = { $count ->
        [one] 1 context was
       *[other] { $count } contexts were
    } kept because the cluster could not be checked; see the reason above.
get-credentials-token-certificate-dropped = --auth token: only the cluster's server and CA were taken; the 15-minute certificate ACK issued with them was dropped, and kubectl will present RAM identity tokens instead
get-credentials-merged-token = Merged context "{ $context }" (cluster { $cluster }, { $access }, RAM identity token for ack-ram-authenticator) into { $file }
rotate-reason-token = RAM identity tokens: a new one is made for every kubectl command, nothing to renew
rotate-reason-unknown-mode = written by a later kubectl-ack in a mode this one does not know
expiry-note-token = RAM identity token: made anew for every kubectl command, nothing long-lived to expire
auth-ram-token = RAM identity token for ack-ram-authenticator, made by `kubectl-ack credential { $cluster } --auth token`
get-credentials-verified-ram-identity = this RAM identity (a token)
kubeconfig-rewritten-in-place = { $file } was rewritten in place under its lock: { $reason }
