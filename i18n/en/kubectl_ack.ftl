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

## Errors of the use cases (ops::Error) and their hints.
part-client-certificate = client certificate
part-client-key = client key
part-certificate-authority = certificate authority
error-not-an-ack-context = context "{ $context }" was not written by kubectl-ack
error-changed-while-rotating = context "{ $context }" was changed by another program while its credentials were fetched
error-runtime = cannot start the async runtime
error-invalid-answer = the kubeconfig ACK returned for cluster { $cluster } cannot be used
error-cluster-name-not-found = no cluster named "{ $name }" in region { $region }
error-cluster-name-not-found-anywhere = no cluster named "{ $name }" in any region
error-ambiguous-cluster-name = { $count } clusters are named "{ $name }": { $matches }
error-name-taken = context "{ $context }" already exists and belongs to { $owner }
error-verify-failed = the new context "{ $context }" was written, but using it failed: { $problem }
error-unsupported-exec-api = kubectl asked for ExecCredential version "{ $requested }", which kubectl-ack does not speak
error-revoke-not-confirmed = refusing to revoke without confirmation: standard input is not a terminal
error-revoke-cancelled = revocation cancelled: nothing was changed
error-does-not-apply = { $option } does not apply to { $to }
error-prune-not-confirmed = refusing to prune without confirmation: standard input is not a terminal
error-prune-cancelled = prune cancelled: nothing was changed
error-certificate = cannot read the { $what } of context "{ $context }"
error-read-file = cannot read the { $what } of context "{ $context }" from { $path }
error-missing = context "{ $context }" has no { $what }
error-would-overwrite = { $path } already exists
error-write = cannot write { $path }
error-output = cannot write the output
hint-no-home = set HOME, or name the file with --kubeconfig
hint-lock-busy = another kubectl or kubectl-ack is writing it; if none is running, the lock is stale: remove it with `{ $command }`
hint-read-only = kubectl does not write it either; make it writable with `{ $command }`, or choose another file with --kubeconfig. The kubeconfig was left as it was
hint-not-a-lock = no kubectl or kubectl-ack made it; look at it, and remove it with `{ $command }` if it is not yours
hint-write = check that the directory is writable; the kubeconfig was left as it was
hint-invalid-answer = the answer did not look like ACK's; if --endpoint points at a proxy or a test server, check it. Nothing was written
hint-cluster-name-not-found = list the clusters with `kubectl ack clusters`, pass the cluster ID, or choose --region
hint-ambiguous-cluster-name = pass the cluster ID instead of the name
hint-name-taken = choose another name with --context NAME, or pass --overwrite to replace it; the kubeconfig was left as it was
hint-unsupported-exec-api = set the user's exec apiVersion to client.authentication.k8s.io/v1 (or v1beta1) in the kubeconfig
hint-not-an-ack-context = rotate renews contexts that `kubectl ack get-credentials` wrote (they carry a kubectl-ack extension); fetch this cluster's credentials with it once
hint-changed-while-rotating = run `kubectl ack rotate` again
hint-revoke-not-confirmed = pass --yes to revoke without a prompt
hint-does-not-apply-to-token = a token user gets a new token for every kubectl command and always verifies the API server: leave the option out
hint-prune-not-confirmed = look at the plan with --dry-run, then pass --yes to prune without a prompt
hint-certificate = the credentials in the kubeconfig are damaged: fetch them again with `kubectl ack get-credentials CLUSTER`
hint-read-file = check the path in the kubeconfig (a relative path is relative to the kubeconfig file's directory)
hint-missing-certificate = its user authenticates with { $credential }, which has no certificate on disk; `kubectl auth whoami` asks the cluster who you are
hint-would-overwrite = pass --force to replace it, or choose another --out-dir
hint-load-explicit-missing = check the path given to --kubeconfig
hint-load-invalid = fix the file, or point --kubeconfig or KUBECONFIG at another one
hint-load-read = check the file's permissions
hint-load-too-large = point --kubeconfig or KUBECONFIG at a kubeconfig file
hint-no-contexts = the kubeconfig has no contexts: fetch one with `kubectl ack get-credentials CLUSTER`
hint-choose-context = choose one with --context: { $names }
hint-choose-context-and-more = choose one with --context: { $names } and { $more } more
hint-user-not-found = the kubeconfig is incomplete: fetch the credentials again with `kubectl ack get-credentials`

## Errors of the layers below: the API's answer, certificates, durations, files, kubeconfigs, the exec cache.
error-answer-not-a-kubeconfig = it is not a kubeconfig
error-answer-no-context = it has no context to take the credentials from
error-answer-missing = its { $field } is missing
error-answer-server-not-https = its server "{ $server }" is not an https:// URL
error-answer-server-unsafe = its server URL { $server } { $problem ->
        [no-host] has no host
        [user-info] carries user info
        [query] has a query
       *[fragment] has a fragment
    }
error-answer-bad-certificate = its { $field } is not a certificate
error-answer-not-only-certificates = its { $field } holds a { $label } block besides certificates
error-answer-not-a-ca = its certificate-authority-data is not a CA certificate (basicConstraints CA:TRUE)
error-answer-expired = its client certificate expired at { $time }
error-answer-not-yet-valid = its client certificate is not valid before { $time }
error-answer-bad-key = its client-key-data is not a PEM private key
error-answer-key-mismatch = its client key does not belong to its client certificate
error-cert-base64 = the data is not valid base64
error-cert-no-certificate-block = the PEM text holds no CERTIFICATE block
error-cert-not-x509 = the data is not an X.509 certificate
error-cert-pem = the PEM text is malformed
error-key-no-certificate = the PEM text holds no certificate
error-key-not-a-key = the data is not a PEM private key of a kind rustls can sign with
error-key-mismatch = the private key does not belong to the certificate
error-duration-empty = empty duration
error-duration-malformed = "{ $text }" is not a duration: use a number and a unit, like 30m, 2h30m or 3d
error-duration-zero = "{ $text }" is zero
error-duration-overflow = "{ $text }" is too long
file-kind = { $kind ->
        [directory] a directory
        [symlink] a symbolic link
        [fifo] a FIFO
        [socket] a socket
        [block-device] a block device
        [char-device] a character device
        [file] a regular file
       *[other] not a regular file
    }
error-lock-busy = { $file } is locked: { $lock } has been held for { $age }
error-lock-create = cannot create the lock file { $lock }
error-not-a-lock = { $lock } is { $kind }, not a lock file
error-read-only-file = the file is read-only (mode { $mode })
error-not-regular = it is { $kind }, not a regular file
error-not-a-directory = it is { $kind }, not a directory
error-foreign-owner = it belongs to uid { $uid }, not to this user
error-directory-has-its-name = a directory has its name
error-symlink-loop = too many levels of symbolic links at { $path }
error-too-large = it is larger than { $limit }, far more than any { $what ->
        [cache-entry] cache entry
        [kubeconfig] kubeconfig
       *[other] certificate or key file
    }
in-place-hard-links = it has { $links } hard links, which replacing it would split
in-place-cannot-replace = it cannot be replaced by a rename ({ $reason })
in-place-foreign-owner = it belongs to uid { $uid }, which a replacement could not keep
error-doc-yaml = not valid YAML
error-doc-not-a-mapping = the top level is not a mapping
error-doc-not-a-list = `{ $key }` is not a list
error-doc-entry-not-a-mapping = an entry of `{ $key }` is not a mapping
error-doc-body-not-a-mapping = `{ $key }` of { $noun } "{ $name }" is not a mapping
error-doc-current-context-not-a-string = `current-context` is not a string
error-doc-name-not-a-string = an entry of `{ $key }` has a `name` that is not a string
error-doc-field-not-a-string = `{ $field }` of { $noun } "{ $name }" is not a string
error-create-dir = cannot create the directory { $path }
error-write-kubeconfig = cannot write kubeconfig { $path }
error-kubeconfig-read-only = kubeconfig { $path } is read-only (mode { $mode })
error-serialize-kubeconfig = cannot serialise kubeconfig { $path }
error-no-current-context = no current context is set and no --context was given
error-context-not-found = context "{ $context }" does not exist
error-user-not-found = context "{ $context }" names user "{ $user }", which does not exist
error-no-home = cannot find the home directory to locate ~/.kube/config
error-kubeconfig-missing = kubeconfig { $path } does not exist
error-kubeconfig-read = cannot read kubeconfig { $path }
error-kubeconfig-too-large = kubeconfig { $path } is larger than { $limit } MiB, far more than any kubeconfig
error-kubeconfig-not-utf8 = kubeconfig { $path } is not UTF-8 text
error-kubeconfig-invalid = kubeconfig { $path } is not a valid kubeconfig
error-cache-dir = cannot use the cache directory { $dir }
error-cache-write = cannot write the cache entry { $path }
cache-damaged-other-cluster = it names another cluster
cache-damaged-certificate = its certificate cannot be read: { $error }
cache-damaged-key = its key does not belong to its certificate
cache-damaged-other-ca = it holds a certificate of another cluster (its CA differs)
cache-dir-tightened = the credential cache directory { $dir } had mode { $mode }; it is now 0700
cache-entry-tightened = the credential cache entry { $path } had mode { $mode }; it was rewritten with mode 0600
