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
access-word = { $access ->
        [private] private
       *[public] public
    }
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
audit-nothing-orphaned = No deleted or inactive account holds a working kubeconfig for cluster { $cluster }.
audit-all-nothing = No account holds a kubeconfig on the { $clusters } clusters audited.
audit-all-nothing-orphaned = No deleted or inactive account holds a working kubeconfig on the { $clusters } clusters audited.
audit-all-failed = error: cluster { $cluster } could not be audited: { $error }
audit-all-progress = auditing clusters: { $done }/{ $total }
audit-header-cluster = CLUSTER
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
whoami-ram-identity = RAM identity
whoami-ram-identity-recorded = { $arn } ({ $kind ->
        [Account] the account itself
        [RAMUser] RAM user
        [AssumedRoleUser] RAM role
       *[other] { $kind }
    }, account { $account }; recorded { $recorded })
whoami-ram-identity-unrecorded = not recorded: tokens carry whichever Alibaba Cloud credentials the chain gives at each kubectl command (get-credentials --auth token records them)
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
get-credentials-identity-unknown = could not ask STS whose credentials these are ({ $error }); the tokens will carry whichever credentials the chain gives, and whoami cannot name them
get-credentials-token-certificate-dropped = --auth token: only the cluster's server and CA were taken; the 15-minute certificate ACK issued with them was dropped, and kubectl will present RAM identity tokens instead
get-credentials-merged-token = Merged context "{ $context }" (cluster { $cluster }, { $access }, RAM identity token for ack-ram-authenticator) into { $file }
rotate-reason-issued-for = issued for { $uid } with --for-user: renew it with `kubectl ack get-credentials CLUSTER --for-user { $uid }`
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
merge-owner-ack = the { $access } credentials of ACK cluster { $cluster }
merge-owner-cluster = cluster "{ $cluster }"

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
error-entry-unbuildable = an entry of the file could not be read back for editing; nothing was written
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

## doctor
doctor-check-credentials = Alibaba Cloud credentials
doctor-check-clock = Clock
doctor-check-permission = RAM permission to fetch kubeconfigs
doctor-check-kubeconfig = Kubeconfig files
doctor-check-certificate = Client certificate
doctor-check-tls = API server TLS
doctor-check-reachability = Reachability
doctor-skipped = skipped: { $reason }
doctor-fix = fix: { $fix }
doctor-heading-ack = Context "{ $context }": ACK cluster { $cluster }, { $access } access ({ $how ->
        [provenance] recorded by kubectl-ack
       *[name] read from its entry names
    })
doctor-heading-not-ack = Context "{ $context }": not recognised as an ACK cluster
doctor-heading-no-context = No context to check
doctor-tally-passed = { $count } passed
doctor-tally-warnings = { $count ->
        [one] 1 warning
       *[other] { $count } warnings
    }
doctor-tally-failed = { $count } failed
doctor-tally-skipped = { $count } skipped
doctor-tally = { $parts }.
doctor-tally-failed-next = { $parts }. Apply the fixes above, then run `kubectl ack doctor` again.
list-separator = {", "}
doctor-no-context = there is no context to check (see Kubeconfig files)
doctor-not-an-ack-context = the context is not an ACK cluster's: it has no kubectl-ack record and no ack-<cluster ID> name
doctor-sync-clock = synchronise this machine's clock with NTP (on Linux: `sudo timedatectl set-ntp true`; the ACK API refuses requests more than 15 minutes off)
doctor-no-credentials = there are no Alibaba Cloud credentials to call the API with
doctor-api-silent = the ACK API did not answer (see Clock)
doctor-api-refuses-clock = the ACK API refuses this machine's signatures until its clock is set
doctor-no-client = the ACK API client could not be set up (see Alibaba Cloud credentials)
doctor-credentials-found = found: { $source } (API { $endpoint })
doctor-credentials-found-in-region = found: { $source } (region { $region }, API { $endpoint })
doctor-clock-off = this machine's clock is { $apart } { $direction ->
        [behind] behind
       *[ahead] ahead of
    } the ACK API's
doctor-clock-refused = { $off }: the API refuses its signatures ({ $code })
doctor-clock-in-step = in step with the ACK API's clock ({ $apart } apart)
doctor-clock-drifting = { $off }: signatures still pass, for now
doctor-clock-near-limit = { $off }: close to the 15 minutes beyond which every request is refused
doctor-permission-allowed = cs:DescribeClusterUserKubeconfig is allowed on cluster { $cluster }: ACK issued a { $minutes }-minute certificate to prove it, which doctor dropped without writing anything
doctor-no-kubeconfig = there is no kubeconfig: { $files } does not exist
doctor-no-kubeconfig-fix = fetch a cluster's credentials with `kubectl ack get-credentials CLUSTER`, or name another file with --kubeconfig or KUBECONFIG
doctor-context-defined = context "{ $context }" is defined in { $file }
doctor-lock-unchecked = cannot check { $file }.lock: { $error }
doctor-lock-unchecked-fix = check the permissions of the kubeconfig's directory
doctor-file-fine = { $file }: not locked
doctor-file-fine-mode = { $file }: mode { $mode }, not locked
doctor-file-world-readable = { $file } can be read by every user of this machine (mode { $mode }), and it holds credentials
doctor-file-group-readable = { $file } can be read by its group (mode { $mode }), and it holds credentials
doctor-lock-writer = { $writer ->
        [gone] { " " }by process { $pid }, which is no longer running
        [known] { " " }by process { $pid }
       *[unknown] {""}
    }
doctor-lock-stale = { $lock } was left { $when } ago{ doctor-lock-writer }: no kubectl or kubectl-ack can write { $file } while it is there
doctor-lock-in-use = { $lock } was taken { $when } ago{ doctor-lock-writer }: a kubectl or kubectl-ack is writing { $file } right now
doctor-lock-in-use-fix = if it is still there in a minute, remove it: { $command }
doctor-not-a-certificate-user = the user authenticates with { $auth }, not a certificate on disk
doctor-certificate-unreadable = the client certificate cannot be read: { $error }
doctor-no-private-key = the user has a certificate but no private key
doctor-refetch = fetch the credentials again: `{ $command }`
doctor-certificate-expired = { $subject } expired { $until } ({ $ago } ago)
doctor-certificate-not-yet-valid = { $subject } is not valid before { $from }: this machine's clock may be behind
doctor-check-the-clock = check this machine's clock (see Clock)
doctor-certificate-in-renewal-window = { $subject } expires { $until } ({ $left } left): inside ACK's 180-day renewal window for long-term certificates
doctor-renew-now = renew it now: `{ $command }`
doctor-certificate-long-term = { $subject } is valid until { $until } ({ $left } left; long-term, ACK's renewal window opens { $opens })
doctor-certificate-temporary = { $subject } is valid until { $until } ({ $left } left; temporary)
doctor-key-matches = the private key belongs to the certificate
doctor-key-mismatch = the private key does not belong to the certificate: the API server will refuse the handshake
doctor-key-unusable = the private key cannot be used: { $error }

## Why the API server could not be used (get-credentials --verify and doctor)
apiserver-detail = {" "}({ $detail })
apiserver-name-mismatch = x509: the API server's certificate is not valid for { $server }{ $detail }
apiserver-name-mismatch-hint = this happens when a new IP is bound to the API server's SLB. ACK managed clusters: add the address to the API server certificate's SANs (ACK console, cluster information). ACK dedicated clusters: fetch again with --insecure-skip-tls-verify (not for production)
apiserver-expired = a certificate has expired{ $detail }
apiserver-expired-hint = fetch new credentials with `{ $command }`, and check this machine's clock
apiserver-unknown-issuer = the API server's certificate is not signed by the cluster CA{ $detail }
apiserver-unknown-issuer-hint-refetch = if the cluster was re-created or its CA rotated, fetch its CA again with `{ $command }`; otherwise something between you and the cluster presents another certificate (a proxy?)
apiserver-unknown-issuer-hint = something between you and the cluster presents another certificate (a proxy?)
apiserver-unauthorized = the API server refused the certificate (401 { $message })
apiserver-unauthorized-hint = the certificate is expired or was revoked: fetch new credentials with `{ $command }`
apiserver-forbidden = the certificate was accepted but may not list namespaces (403: { $message })
apiserver-forbidden-hint = the credentials work; ask a cluster admin for RBAC permissions (ACK console: Authorizations)
apiserver-status = the API server answered { $code }: { $message }
apiserver-status-hint = check the cluster's state with `kubectl ack clusters`
apiserver-refused = nothing accepts connections at { $server }{ $detail }
apiserver-refused-hint = the API server is down or the address is out of date: compare it with the cluster's endpoints in `kubectl ack clusters`, and fetch the credentials again with `{ $command }`
apiserver-other-hint = run with --verbose and check the cluster in the ACK console
apiserver-unreachable-intranet = cannot reach the intranet address { $server }{ $detail }
apiserver-unreachable-intranet-hint = the intranet address is reachable only from inside the cluster's VPC (or over a VPN/Express Connect); from elsewhere, fetch the public credentials without --private
apiserver-unreachable-intranet-hint-command = the intranet address is reachable only from inside the cluster's VPC (or over a VPN/Express Connect); from elsewhere, fetch the public credentials with `{ $command }`
apiserver-unreachable-public = cannot reach the API server at { $server }{ $detail }
apiserver-unreachable-public-hint = check that the cluster's API server has public access (an EIP) and that no firewall blocks port 6443
apiserver-unreachable-public-hint-command = check that the cluster's API server has public access (an EIP) and that no firewall blocks port 6443; from inside the cluster's VPC, `{ $command }` uses the intranet address
doctor-no-server = the context's cluster entry has no server address
doctor-server-unusable = the server { $server } is not an https:// URL with a host and port
doctor-server-unusable-see-tls = the server address cannot be used (see API server TLS)
doctor-insecure-skip-tls-verify = insecure-skip-tls-verify is set: kubectl does not check the API server's identity
doctor-insecure-skip-tls-verify-fix = only ACK dedicated clusters whose SLB address is not in the certificate need it; otherwise fetch the credentials with the CA again: `{ $command }`
doctor-no-ca = the cluster entry has no CA: kubectl trusts this machine's CA roots, which doctor does not check
doctor-no-ca-fix = record the cluster's CA by fetching the credentials again: `{ $command }`
doctor-ca-not-pem = the context's CA is not a PEM certificate
doctor-ca-matches-ack = the context's CA is the one ACK has for the cluster
doctor-ca-differs-from-ack = the context's CA is not the one ACK has for the cluster: it belongs to another cluster, or the cluster's CA was rotated
doctor-no-tls-connection = there is no TLS connection to the API server (see Reachability)
doctor-tls-closed = the connection was closed during the TLS handshake ({ $error }): this may not be an API server
doctor-tls-closed-fix = compare the server address with the cluster's endpoints in `kubectl ack clusters`
doctor-tls-verified = the API server's certificate is signed by the context's CA and valid for { $name }
doctor-server-certificate = the API server's certificate
doctor-tls-alert-handshake = the API server ended the handshake with the TLS alert { $alert }: it refuses the client certificate
doctor-tls-alert-connection = the API server ended the connection with the TLS alert { $alert }: it refuses the client certificate
doctor-tls-handshake-failed = the TLS handshake failed: { $error }
doctor-certificate-valid-for = it is valid for { $names }
doctor-certificate-names-nothing = it names no address
doctor-issued-by-not-ca = issued by "{ $issuer }"; the context's CA is "{ $ca }"
doctor-issued-by = issued by "{ $issuer }"
doctor-token-accepted = the API server accepted the RAM identity token (GET /version: { $code })
doctor-token-refused = the API server refused the RAM identity token (401 Unauthorized)
doctor-token-refused-fix = check, in this order: that the ack-ram-authenticator add-on is installed on the cluster (Add-ons in the ACK console); that a RAMIdentityMapping maps this RAM user or role (`kubectl get ramidentitymappings` as an administrator); that this machine's clock is right (STS refuses tokens more than 15 minutes off)
doctor-certificate-accepted = the API server accepted the client certificate (GET /version: { $code })
doctor-version-status = the API server answered GET /version with { $code }
doctor-version-silent = no answer to GET /version ({ $error })
doctor-version-silent-fix = run `kubectl get --raw /version -v=6` to see what the API server does
doctor-silent = it accepted the connection but did not answer within { $limit }
doctor-reachable = { $address } accepts connections and answers
doctor-reachable-through-proxy = { $address } accepts connections and answers through the proxy { $proxy } ({ $origin })
doctor-unresolved = cannot resolve { $host }: { $error }
doctor-unresolved-fix = check the server address in the kubeconfig, and this machine's DNS
doctor-connection-refused = connection refused
doctor-no-connection = no connection within { $limit }
doctor-proxy-unreachable = the proxy { $proxy } ({ $origin }) cannot be reached: { $error }
doctor-proxy-unreachable-fix = start the proxy or the bastion tunnel, or correct { $origin }
doctor-proxy-refused = the proxy { $proxy } ({ $origin }) would not connect to the API server: { $reason }
doctor-proxy-refused-fix = check that the proxy allows CONNECT to the API server's address and port
doctor-proxy-unsupported = the API server is reached through the https:// proxy { $proxy } ({ $origin }), which doctor cannot go through
doctor-proxy-unsupported-fix = check the connection with `kubectl get --raw /version -v=6`
doctor-address-out-of-date = ACK gives { $ack } as the cluster's { $access } address, but the context uses { $server }

## Values on the command line, proxies, --verify
cli-empty-context = a context name cannot be empty
cli-bad-namespace = "{ $text }" is not a namespace name: lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit
cli-proxy-not-a-url = not a URL ({ $error }): use scheme://host:port
cli-proxy-scheme = proxy scheme "{ $scheme }" is not supported: use http://, https:// or socks5://
cli-proxy-no-host = the proxy URL has no host
cli-proxy-user-info = an http(s) proxy URL must not carry user info: the kubeconfig would hold its password
cli-proxy-extra = a proxy URL is scheme://host[:port], without a path, query or fragment
cli-proxy-not-utf8 = the URL is not UTF-8
cli-temporary-not-minutes = "{ $text }" is not a whole number of minutes
cli-temporary-out-of-range = "{ $text }" is outside ACK's range for temporary kubeconfigs: 15m to 3d
proxy-answer-too-long = an answer too long to be a CONNECT reply
proxy-closed = it closed the connection
proxy-connect-answer = it answered CONNECT with "{ $status }"
proxy-socks5-method = it does not accept this SOCKS5 authentication
proxy-socks5-credentials = it refused the SOCKS5 user name and password
proxy-socks5-code = it answered the SOCKS5 CONNECT with code { $code }
proxy-socks5-malformed = its SOCKS5 answer is malformed
verify-unexpected-hint = report this with the output of --verbose

## Times (durations themselves keep one format in every language: 3d 4h, 15m)
time-left = { $duration } left
time-expired-ago = expired { $duration } ago

## The Alibaba Cloud API client's errors and hints (ack-client's English, word for word)
ack-api-refused = { $service ->
        [sts] the STS API
       *[ack] the ACK API
    } refused { $action }: { $code }
ack-api-message = : { $message }
ack-api-request-id = {" "}(request id { $id })
ack-unexpected-answer = unexpected answer to { $action } from { $url }: HTTP { $status }, { $what }
ack-transport = could not reach { $url } ({ $action })
ack-redirect = { $url } answered { $action } with a redirect (HTTP { $status }) to host { $host }, which is not followed
ack-redirect-no-location = { $url } answered { $action } with a redirect (HTTP { $status }) without a Location, which is not followed
ack-answer-too-large = the answer to { $action } from { $url } is larger than { $limit }, more than any real answer; it was not read further
ack-timeout = timed out waiting for { $url } ({ $action })
ack-invalid-endpoint = invalid { $what } { $value }: { $reason }
ack-insecure-endpoint = refusing plain http to { $host } for the { $what }: http is allowed only to loopback hosts
ack-no-region = no region given
ack-no-credentials = no Alibaba Cloud credentials found (tried { $tried })
ack-credential-source = could not get credentials from { $source }
ack-io = could not read { $path }
ack-http-setup = could not set up the HTTP client
ack-advice-clock-and-secret = check the machine clock (requests more than 15 minutes off are refused) and that the AccessKey secret belongs to the AccessKey ID
ack-advice-access-key-not-found = the AccessKey ID does not exist: check ALIBABA_CLOUD_ACCESS_KEY_ID or the profile's access_key_id (`aliyun configure list`)
ack-advice-access-key-disabled = the AccessKey is disabled: enable it or create a new one in the RAM console
ack-advice-cluster-and-region = check the cluster ID and --region (`kubectl ack clusters` lists the clusters this identity can see)
ack-advice-sts-token = the STS token is expired or invalid: fetch new STS credentials
ack-advice-throttled = the API is throttling this account: wait a little and retry, or run fewer requests at once
ack-advice-grant = grant the RAM action { $action } to this identity
ack-advice-grant-also = grant the RAM action { $action } to this identity ({ $operation } also needs { $also })
ack-advice-and = {" "}and{" "}
ack-advice-not-like-the-api = the endpoint did not answer like the ACK API (HTTP { $status }): check --endpoint, a proxy, or the network
ack-advice-network = check the network, a proxy, and --endpoint
ack-advice-no-redirects = kubectl-ack follows no redirect on signed or credential calls (it would carry the signature or a token elsewhere): configure the address that answers directly (--endpoint, ALIBABA_CLOUD_STS_ENDPOINT, ALIBABA_CLOUD_IMDS_ENDPOINT, ALIBABA_CLOUD_CREDENTIALS_URI), or check a proxy
ack-advice-more-time = check the network, or allow more time with --timeout
ack-advice-not-alibaba-cloud = the endpoint is not answering like Alibaba Cloud: check the endpoint settings and a proxy
ack-advice-https = use an https:// URL
ack-advice-region = pass --region, set ALIBABA_CLOUD_REGION_ID, or set region_id in the aliyun CLI profile (`aliyun configure`)
ack-advice-credentials = set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run `aliyun configure`
ack-advice-correct-setting = correct the setting named above, or unset it
ack-advice-correct-file = correct the file named above, or select another profile with --profile or ALIBABA_CLOUD_PROFILE

## offboard
cli-invalid-uid = a UID is the digits of an Alibaba Cloud account, RAM user or RAM role ID (e.g. 283456789012345)
offboard-identity-unknown = could not ask STS whose credentials these are ({ $error }); ACK itself refuses to clean the root account or the caller
offboard-nothing = { $uid } holds no kubeconfig and no ACK-managed RBAC grant{ $scoped ->
        [yes] {" "}on the clusters given
       *[no] {""}
    }: nothing to clean.
offboard-plan-kubeconfigs = Kubeconfigs of { $uid } (ListUserKubeConfigStates):
offboard-plan-no-kubeconfigs = { $uid } holds no kubeconfig.
offboard-plan-grants = RBAC grants ACK manages for { $uid } (DescribeUserPermission):
offboard-plan-no-grants = No RBAC grant is managed by ACK for { $uid }.
offboard-header-cluster = CLUSTER
offboard-header-cluster-state = CLUSTER STATE
offboard-header-certificate = CERTIFICATE
offboard-header-expires = EXPIRES
offboard-header-resource = RESOURCE
offboard-header-role = ROLE
offboard-header-role-type = ROLE TYPE
offboard-header-before = BEFORE
offboard-header-now = NOW
offboard-dry-run = dry run: no clean request was sent. Without --dry-run, { $operation } would clean { $clusters } { $clusters ->
        [one] cluster
       *[other] clusters
    }{ $force ->
        [yes] {" "}without ACK's 7-day activity check (--force)
       *[no] {" "}after ACK's 7-day activity check
    }.
offboard-confirm = Clean the kubeconfigs and ACK-managed RBAC grants of { $uid } on { $clusters } { $clusters ->
        [one] cluster
       *[other] clusters
    }{ $force ->
        [yes] {" "}without ACK's activity check
       *[no] {""}
    }? [y/N]
offboard-sent = { $operation } sent{ $task ->
        [none] {""}
       *[other] {" "}(task { $task })
    }.
offboard-waiting = waiting for ACK to remove the kubeconfigs: { $removed }/{ $total }
offboard-not-waited = --no-wait: not waiting; `kubectl ack offboard { $uid } --dry-run` shows what is left.
offboard-removed = removed
offboard-not-removed = not removed yet
offboard-done = The kubeconfigs and RBAC grants of { $uid } were cleaned on { $clusters } { $clusters ->
        [one] cluster
       *[other] clusters
    }.
offboard-incomplete = { $left } of { $total } kubeconfigs still show as issued after { $seconds } s: ACK's task may still be running; check again with `kubectl ack offboard { $uid } --dry-run`.
offboard-recycle-bin = a cleaned kubeconfig can be restored, with its RBAC permissions, from the ACK console's KubeConfig recycle bin within 30 days (Authorizations → KubeConfig Recycle Bin); there is no API for it.
error-offboard-root = { $uid } is the Alibaba Cloud account itself: ACK does not clean the account's own permissions
hint-offboard-root = offboard the RAM user or role instead; the account's own kubeconfigs are ended with `kubectl ack revoke CLUSTER`
error-offboard-self = { $uid } is the identity running this command ({ $arn }): ACK does not clean the caller's own permissions
hint-offboard-self = run offboard with another administrator's credentials (e.g. `--profile admin`)
error-offboard-not-confirmed = offboard needs confirmation, and standard input is not a terminal
hint-offboard-not-confirmed = pass --yes to clean without asking, or --dry-run to see the plan only
error-offboard-cancelled = offboard cancelled: nothing was sent
error-clean-refused = ACK refused to clean the kubeconfigs of { $uid } ({ $code }): { $reason }
hint-clean-refused = without --force, ACK first reads the clusters' audit logs and refuses when { $uid } used a cluster in the last 7 days or when the audit log cannot be read (cluster auditing off); --force cleans without that check: { $uid } loses access at once, even in the middle of a session (the kubeconfig stays restorable from the console's recycle bin for 30 days)
hint-for-user-root-only = only the Alibaba Cloud account itself may issue a kubeconfig for one of its RAM users or roles: run with the account's credentials (e.g. `--profile` of the account)
error-for-user-needs-a-file = --for-user writes another user's credentials, which never go into your own kubeconfig
hint-for-user-needs-a-file = add --print to print the kubeconfig, or --kubeconfig FILE to write it to a file of its own
