# kubectl-ack の人が読む出力：日本語。メッセージ id と変数は en/kubectl_ack.ftl と同じです (テストで確認します)。
# 用語は ACK コンソールのドキュメントに合わせています：クラスター、kubeconfig、一時的な kubeconfig、長期的な kubeconfig、
# パブリック/内部、失効、有効期限、有効期間、名前空間、API サーバー、認証情報。
# コマンド、フラグ、ファイル名、API 名、JSON キーはそのままです。

## The exec credential plugin (`credential`) and its cache

exec-cache-unusable = 認証情報キャッシュを使用しません：{ $reason }
exec-cache-damaged = 破損した認証情報キャッシュのエントリ { $path } を破棄します ({ $reason })
exec-cache-store-failed = 新しい証明書をキャッシュできませんでした：{ $reason }
exec-cache-seed-failed = exec プラグイン用に証明書をキャッシュできませんでした：{ $reason }

## get-credentials

get-credentials-dropped-key = API の応答に含まれる { $key } を無視しました：kubectl-ack が使用するのはサーバー、CA、クライアント証明書のみです
get-credentials-insecure = --insecure-skip-tls-verify：kubectl は API サーバーの ID を検証しません。これは SLB に新しい IP がバインドされた ACK 専用クラスター向けです。ACK マネージドクラスターでは、その IP を証明書のサブジェクト代替名 (SAN) に追加してください
get-credentials-all-skipped = { $name } ({ $id }) をスキップしました：状態が { $state } です
get-credentials-merged = コンテキスト "{ $context }" (クラスター { $cluster }、{ $access ->
        [private] 内部アクセス
       *[public] パブリックアクセス
    }、有効期限 { $expires }) を { $file } にマージしました
get-credentials-switched = コンテキスト "{ $context }" に切り替えました。
get-credentials-verified = 確認済み：{ $user } として { $count } 個の名前空間を一覧表示しました。
get-credentials-verified-user-unknown = 新しい証明書
get-credentials-all-failed = 失敗：{ $name } ({ $cluster })：{ $error }
get-credentials-all-unnamed = (名前なし)
get-credentials-all-summary = { $total } 個のクラスターのうち { $written } 個を書き込みました。
get-credentials-all-summary-skipped = { $total } 個のクラスターのうち { $written } 個を書き込み、{ $skipped } 個をスキップしました (実行中ではありません)。
get-credentials-all-progress = kubeconfig を取得中：{ $done }/{ $total }

## Kubeconfig files

kubeconfig-readable-by-others = { $file } は他のユーザーが読み取れる状態 (モード { $mode }) で、秘密鍵を含んでいます：`chmod 600 { $path }` を実行してください

## rotate

rotate-reason-exec = exec 認証情報：`kubectl ack credential` が自動的に更新します
rotate-reason-no-certificate = ユーザーにクライアント証明書がなくなっています (手動で変更しましたか？)
rotate-reason-unreadable = 証明書を読み取れません ({ $problem })
rotate-reason-expired = { $expires } に期限切れ
rotate-reason-due = 有効期限 { $expires } ({ $left })：{ $window }
rotate-reason-fresh = 更新不要：有効期限 { $expires } ({ $left })、{ $due } から更新対象
rotate-window-within = { $within } 以内
rotate-window-ack = ACK の 180 日間の更新可能期間内
rotate-window-short-lived = 有効期間の残りが 5 分の 1 未満 (または 10 分未満)
rotate-account-changed = コンテキスト "{ $context }" はアカウント { $after } の証明書を保持するようになりました (以前は { $before } の証明書)：使用中の Alibaba Cloud 認証情報は別のアカウントのものです
rotate-header-context = コンテキスト
rotate-header-cluster = クラスター
rotate-header-access = アクセス
access-word = { $access ->
        [private] 内部
       *[public] パブリック
    }
rotate-header-lifetime = 有効期間
rotate-header-action = アクション
rotate-header-detail = 詳細
rotate-lifetime-long-term = 長期
rotate-action-would-renew = 更新予定
rotate-action-due = 更新対象
rotate-action-renewed = 更新済み
rotate-action-skipped = スキップ
rotate-action-failed = 失敗
rotate-detail-renewed = { $reason }。新しい証明書の有効期限：{ $expires }
rotate-summary-none = kubeconfig に ACK コンテキストがありません：ローテーションの対象はありません (`kubectl ack get-credentials` が書き込んだコンテキストは kubectl-ack 拡張で識別されます)。
rotate-summary-dry-run = ドライラン：{ $total } 個の ACK コンテキストのうち { $due } 個が更新されます。何も変更していません。
rotate-summary-renewed = { $total } 個の ACK コンテキストのうち { $renewed } 個を更新しました。
rotate-summary-renewed-in = { $file } の { $total } 個の ACK コンテキストのうち { $renewed } 個を更新しました。
rotate-summary-renewed-failed = { $total } 個の ACK コンテキストのうち { $renewed } 個を更新しました。{ $failed } 個は失敗しました。
rotate-summary-renewed-in-failed = { $file } の { $total } 個の ACK コンテキストのうち { $renewed } 個を更新しました。{ $failed } 個は失敗しました。
rotate-others-left-alone = kubectl-ack が書き込んでいない { $others } 個のコンテキストには手を加えていません

## How a kubeconfig user authenticates

auth-client-certificate = クライアント証明書
auth-token = Bearer トークン
auth-token-file = { $path } の Bearer トークン
auth-exec = exec プラグイン `{ $command }`
auth-provider = auth-provider "{ $name }"
auth-basic = "{ $username }" としての Basic 認証
auth-none = 認証情報なし

## revoke

revoke-confirm = このアカウントがクラスター { $cluster } に対して保持するすべての kubeconfig を失効させますか？それらを使用した接続はただちに切断されます。[y/N]
revoke-done = クラスター { $cluster } に対するこのアカウントの kubeconfig を失効させました：これまでに発行された証明書は使用できなくなります。
revoke-purged = このクラスターのキャッシュされた exec 証明書を { $count } 個削除しました：kubectl は次回の呼び出し時に新しい証明書を取得します。
revoke-kubeconfig-unreadable = ローカルの kubeconfig で影響を受けるコンテキストを確認できません：{ $error }
revoke-no-affected-context = 有効な kubeconfig に、クラスター { $cluster } の認証情報を保持するコンテキストはありません。
revoke-affected-contexts = 次のコンテキストは失効した認証情報を保持していました。次のコマンドで再取得してください：

## audit

audit-nothing = クラスター { $cluster } の kubeconfig を保持しているアカウントはありません。
audit-nothing-expiring = クラスター { $cluster } には、期限切れまたは { $within } 以内に期限切れになる kubeconfig はありません。
audit-header-account = アカウント
audit-header-account-id = アカウント ID
audit-header-type = タイプ
audit-header-state = 状態
audit-header-certificate = 証明書
audit-header-expires = 有効期限
audit-header-left = 残り
audit-header-revokable = 失効可能
audit-yes = はい
audit-no = いいえ
audit-expired-ago = { $ago } 前に期限切れ

## clusters

clusters-none = この認証情報で表示できるクラスターはありません。
clusters-none-in-region = この認証情報で表示できる { $region } のクラスターはありません。
clusters-header-id = ID
clusters-header-name = 名前
clusters-header-region = リージョン
clusters-header-type = タイプ
clusters-header-version = バージョン
clusters-header-state = 状態
clusters-header-public = パブリック
clusters-header-intranet = 内部

## version

version = kubectl-ack { $version } ({ $platform })

## whoami

whoami-context = コンテキスト
whoami-cluster = クラスター
whoami-namespace = 名前空間
whoami-credential = 認証情報
whoami-identity = ID
whoami-identity-from-cluster = 接続時にクラスターが決定します：`kubectl auth whoami` でクラスターに確認できます
whoami-user = ユーザー
whoami-groups = グループ
whoami-account-uid = アカウント UID
whoami-account-issued = { $uid } (証明書の発行 { $issued })
whoami-issuer = 発行者
whoami-valid-from = 有効期間の開始
whoami-valid-until = 有効期限
whoami-renewal = 更新
whoami-renewal-open = ACK の 180 日間の更新可能期間に入っています
whoami-renewal-opens = ACK の 180 日間の更新可能期間は { $opens } に始まります
whoami-key = 鍵
whoami-none = (なし)
whoami-no-cn = (CN なし)

## expiry

expiry-header-context = コンテキスト
expiry-header-user = ユーザー
expiry-header-expires = 有効期限
expiry-header-left = 残り
expiry-header-note = 備考
expiry-left-expired = 期限切れ
expiry-note-expired = 期限切れ：`kubectl ack get-credentials` で再取得してください
expiry-note-expired-ago = 期限切れ：`kubectl ack get-credentials` で再取得してください ({ $ago } 前に期限切れ)
expiry-note-expiring = --within の期間内に期限切れになります：早めに更新してください
expiry-note-no-certificate = クライアント証明書なし ({ $credential })
expiry-note-renewable = ACK の 180 日間の更新可能期間内：今すぐ更新できます
expiry-note-window-opens = 長期的な証明書。ACK の更新可能期間は { $opens } に始まります
expiry-note-temporary = 一時的
expiry-prometheus-no-samples = クライアント証明書のないコンテキストのサンプルは出力しません：{ $contexts }

## export-cert

export-cert-other-auth = そのユーザーは { $auth } を使用しています
export-cert-certificate = クライアント証明書
export-cert-key = クライアント秘密鍵 (モード 0600)
export-cert-ca = クラスター CA
export-cert-server = API サーバー
export-cert-none = (なし)

## completion

completion-script-footer =
    # `kubectl-ack …` の補完です。`kubectl ack <TAB>` (kubectl 1.26 以降) を補完するには、
    # `kubectl ack completion install-plugin-completion` を一度実行し、kubectl 自身の補完を使用してください。
completion-wrote = { $path } を書き込みました
completion-not-on-path = { $dir } は PATH に含まれていません。kubectl は { $name } を PATH 上でしか探しません

## prune

prune-why-not-found = クラスター { $cluster } は存在しません (ErrorClusterNotFound)
prune-why-deleted = クラスター { $cluster } は削除されています
prune-why-expired = 証明書は { $expires } に期限切れ ({ $ago } 前)
prune-why-missing-cluster = クラスターエントリ "{ $cluster }" がありません
prune-why-missing-user = ユーザーエントリ "{ $user }" がありません
prune-header-context = コンテキスト
prune-header-reason = 理由
prune-header-removes = 併せて削除
prune-header-file = ファイル
prune-header-kind = 種類
prune-header-name = 名前
prune-header-cluster = クラスター
prune-entry = { $kind } { $name }
prune-unused-entries = どのコンテキストも使用していないエントリ (--dangling)：
prune-kept = クラスターを確認できなかったため保持したコンテキスト：
prune-confirm = kubeconfig から { $contexts } 個のコンテキストと { $entries } 個のエントリを削除しますか？変更する各ファイルのコピーを保存します。[y/N]
prune-nothing = 削除するものはありません：すべてのコンテキストのクラスターが存在し、期限切れの証明書もありません。
prune-dry-run = ドライラン：{ $contexts } 個のコンテキストと { $entries } 個のエントリが削除されます。何も変更していません。
prune-done = { $contexts } 個のコンテキストと { $entries } 個のエントリを削除しました。
prune-current-context-unset = current-context "{ $context }" は削除されたため未設定になりました：`kubectl config use-context NAME` で別のコンテキストを選択してください。
prune-backup = 変更前のファイルは { $path } (モード 0600) として保存されています。
prune-kept-warning = クラスターを確認できなかったため、{ $count } 個のコンテキストを保持しました。理由は上記を参照してください。
get-credentials-token-certificate-dropped = --auth token：クラスターのサーバーと CA のみを使用しました。ACK が一緒に発行した 15 分間の証明書は破棄し、kubectl は代わりに RAM ID トークンを提示します
get-credentials-merged-token = コンテキスト "{ $context }" (クラスター { $cluster }、{ $access ->
        [private] 内部アクセス
       *[public] パブリックアクセス
    }、ack-ram-authenticator 用の RAM ID トークン) を { $file } にマージしました
rotate-reason-token = RAM ID トークン：kubectl コマンドのたびに新しく作成されるため、更新するものはありません
rotate-reason-unknown-mode = このバージョンが認識しないモードで、より新しい kubectl-ack によって書き込まれました
expiry-note-token = RAM ID トークン：kubectl コマンドのたびに新しく作成され、期限切れになる長期的なものはありません
auth-ram-token = ack-ram-authenticator 用の RAM ID トークン (`kubectl-ack credential { $cluster } --auth token` が作成)
get-credentials-verified-ram-identity = この RAM ID (トークン)
kubeconfig-rewritten-in-place = { $file } をロックしたままその場で書き換えました：{ $reason }

## whoami (the RAM identity of token users)

whoami-ram-identity = RAM ID
whoami-ram-identity-recorded = { $arn } ({ $kind ->
        [Account] アカウント自体
        [RAMUser] RAM ユーザー
        [AssumedRoleUser] RAM ロール
       *[other] { $kind }
    }、アカウント { $account }、記録日時 { $recorded })
whoami-ram-identity-unrecorded = 記録されていません：トークンには、kubectl コマンドのたびに認証情報チェーンが返す Alibaba Cloud 認証情報が使われます (get-credentials --auth token で記録されます)
get-credentials-identity-unknown = この認証情報が誰のものかを STS に問い合わせできませんでした ({ $error })。トークンには認証情報チェーンが返す認証情報がそのまま使われ、whoami はその ID を表示できません

## Errors of the use cases (ops::Error) and their hints.

part-client-certificate = クライアント証明書
part-client-key = クライアント秘密鍵
part-certificate-authority = CA 証明書
error-not-an-ack-context = コンテキスト "{ $context }" は kubectl-ack が書き込んだものではありません
error-changed-while-rotating = 認証情報の取得中に、コンテキスト "{ $context }" が別のプログラムによって変更されました
error-runtime = 非同期ランタイムを起動できません
error-invalid-answer = ACK がクラスター { $cluster } に対して返した kubeconfig は使用できません
error-cluster-name-not-found = リージョン { $region } に "{ $name }" という名前のクラスターはありません
error-cluster-name-not-found-anywhere = どのリージョンにも "{ $name }" という名前のクラスターはありません
error-ambiguous-cluster-name = "{ $name }" という名前のクラスターが { $count } 個あります：{ $matches }
error-name-taken = コンテキスト "{ $context }" はすでに存在し、{ $owner } のものです
error-verify-failed = 新しいコンテキスト "{ $context }" は書き込みましたが、使用に失敗しました：{ $problem }
error-unsupported-exec-api = kubectl が要求した ExecCredential のバージョン "{ $requested }" に kubectl-ack は対応していません
error-revoke-not-confirmed = 確認なしでは失効させません：標準入力が端末ではありません
error-revoke-cancelled = 失効を取り消しました：何も変更していません
error-does-not-apply = { $option } は { $to } には適用されません
error-prune-not-confirmed = 確認なしでは削除しません：標準入力が端末ではありません
error-prune-cancelled = 削除を取り消しました：何も変更していません
error-certificate = コンテキスト "{ $context }" の{ $what }を読み取れません
error-read-file = コンテキスト "{ $context }" の{ $what }を { $path } から読み取れません
error-missing = コンテキスト "{ $context }" に{ $what }がありません
error-would-overwrite = { $path } はすでに存在します
error-write = { $path } に書き込めません
error-output = 出力を書き込めません
hint-no-home = HOME を設定するか、--kubeconfig でファイルを指定してください
hint-lock-busy = 別の kubectl または kubectl-ack が書き込み中です。どれも実行されていない場合、ロックは残骸です：`{ $command }` で削除してください
hint-read-only = kubectl もこのファイルには書き込みません。`{ $command }` で書き込み可能にするか、--kubeconfig で別のファイルを選択してください。kubeconfig は元のままです
hint-not-a-lock = これは kubectl や kubectl-ack が作成したものではありません。内容を確認し、自分のものでなければ `{ $command }` で削除してください
hint-write = ディレクトリが書き込み可能か確認してください。kubeconfig は元のままです
hint-invalid-answer = 応答が ACK のものに見えません。--endpoint がプロキシやテストサーバーを指している場合は確認してください。何も書き込んでいません
hint-cluster-name-not-found = `kubectl ack clusters` でクラスターを一覧表示するか、クラスター ID を指定するか、--region を選択してください
hint-ambiguous-cluster-name = 名前ではなくクラスター ID を指定してください
hint-name-taken = --context NAME で別の名前を選ぶか、--overwrite を指定して置き換えてください。kubeconfig は元のままです
hint-unsupported-exec-api = kubeconfig でユーザーの exec apiVersion を client.authentication.k8s.io/v1 (または v1beta1) に設定してください
hint-not-an-ack-context = rotate が更新するのは `kubectl ack get-credentials` が書き込んだコンテキスト (kubectl-ack 拡張を持つもの) です。このクラスターの認証情報を一度このコマンドで取得してください
hint-changed-while-rotating = `kubectl ack rotate` をもう一度実行してください
hint-revoke-not-confirmed = 確認なしで失効させるには --yes を指定してください
hint-does-not-apply-to-token = トークンユーザーは kubectl コマンドのたびに新しいトークンを取得し、常に API サーバーを検証します：このオプションは指定しないでください
hint-prune-not-confirmed = --dry-run で計画を確認してから、--yes を指定して確認なしで削除してください
hint-certificate = kubeconfig の認証情報が破損しています：`kubectl ack get-credentials CLUSTER` で再取得してください
hint-read-file = kubeconfig のパスを確認してください (相対パスは kubeconfig ファイルのディレクトリからの相対です)
hint-missing-certificate = このユーザーは { $credential } で認証するため、ディスク上に証明書がありません。`kubectl auth whoami` でクラスターに ID を確認できます
hint-would-overwrite = 置き換えるには --force を指定するか、別の --out-dir を選択してください
hint-load-explicit-missing = --kubeconfig に指定したパスを確認してください
hint-load-invalid = ファイルを修正するか、--kubeconfig または KUBECONFIG で別のファイルを指定してください
hint-load-read = ファイルの権限を確認してください
hint-load-too-large = --kubeconfig または KUBECONFIG で kubeconfig ファイルを指定してください
hint-no-contexts = kubeconfig にコンテキストがありません：`kubectl ack get-credentials CLUSTER` で取得してください
hint-choose-context = --context で選択してください：{ $names }
hint-choose-context-and-more = --context で選択してください：{ $names } ほか { $more } 個
hint-user-not-found = kubeconfig が不完全です：`kubectl ack get-credentials` で認証情報を再取得してください
merge-owner-ack = ACK クラスター { $cluster } の{ $access ->
        [private] 内部
       *[public] パブリック
    }アクセスの認証情報
merge-owner-cluster = クラスター "{ $cluster }"

## Errors of the layers below: the API's answer, certificates, durations, files, kubeconfigs, the exec cache.

error-answer-not-a-kubeconfig = kubeconfig ではありません
error-answer-no-context = 認証情報を取り出せるコンテキストがありません
error-answer-missing = { $field } がありません
error-answer-server-not-https = server "{ $server }" が https:// URL ではありません
error-answer-server-unsafe = server の URL { $server } { $problem ->
        [no-host] にホストがありません
        [user-info] にユーザー情報が含まれています
        [query] にクエリが含まれています
       *[fragment] にフラグメントが含まれています
    }
error-answer-bad-certificate = { $field } が証明書ではありません
error-answer-not-only-certificates = { $field } に証明書以外の { $label } ブロックが含まれています
error-answer-not-a-ca = certificate-authority-data が CA 証明書 (basicConstraints CA:TRUE) ではありません
error-answer-expired = クライアント証明書は { $time } に期限切れになっています
error-answer-not-yet-valid = クライアント証明書は { $time } より前には有効ではありません
error-answer-bad-key = client-key-data が PEM 形式の秘密鍵ではありません
error-answer-key-mismatch = クライアント秘密鍵がクライアント証明書のものではありません
error-cert-base64 = データが有効な base64 ではありません
error-cert-no-certificate-block = PEM テキストに CERTIFICATE ブロックがありません
error-cert-not-x509 = データが X.509 証明書ではありません
error-cert-pem = PEM テキストの形式が正しくありません
error-key-no-certificate = PEM テキストに証明書がありません
error-key-not-a-key = データが、rustls で署名に使用できる種類の PEM 秘密鍵ではありません
error-key-mismatch = 秘密鍵が証明書のものではありません
error-duration-empty = 期間が空です
error-duration-malformed = "{ $text }" は期間ではありません：30m、2h30m、3d のように数値と単位で指定してください
error-duration-zero = "{ $text }" はゼロです
error-duration-overflow = "{ $text }" は長すぎます
file-kind = { $kind ->
        [directory] ディレクトリ
        [symlink] シンボリックリンク
        [fifo] FIFO
        [socket] ソケット
        [block-device] ブロックデバイス
        [char-device] キャラクターデバイス
        [file] 通常のファイル
       *[other] 通常のファイル以外のもの
    }
error-lock-busy = { $file } はロックされています：{ $lock } が { $age } 保持されています
error-lock-create = ロックファイル { $lock } を作成できません
error-not-a-lock = { $lock } は{ $kind }で、ロックファイルではありません
error-read-only-file = ファイルは読み取り専用です (モード { $mode })
error-not-regular = { $kind }であり、通常のファイルではありません
error-not-a-directory = { $kind }であり、ディレクトリではありません
error-foreign-owner = このユーザーではなく uid { $uid } が所有しています
error-directory-has-its-name = 同じ名前のディレクトリがあります
error-symlink-loop = { $path } でシンボリックリンクの階層が多すぎます
error-too-large = { $limit } より大きく、どの{ $what ->
        [cache-entry] キャッシュエントリ
        [kubeconfig] kubeconfig
       *[other] 証明書ファイルや鍵ファイル
    }よりもはるかに大きいサイズです
in-place-hard-links = ハードリンクが { $links } 個あり、置き換えるとリンクが分かれてしまいます
in-place-cannot-replace = 名前の変更 (rename) で置き換えられません ({ $reason })
in-place-foreign-owner = uid { $uid } が所有しており、置き換えたファイルではその所有者を維持できません
error-doc-yaml = 有効な YAML ではありません
error-doc-not-a-mapping = 最上位がマッピングではありません
error-doc-not-a-list = `{ $key }` がリストではありません
error-doc-entry-not-a-mapping = `{ $key }` のエントリにマッピングでないものがあります
error-doc-body-not-a-mapping = { $noun ->
        [cluster] クラスター
        [user] ユーザー
       *[context] コンテキスト
    } "{ $name }" の `{ $key }` がマッピングではありません
error-doc-current-context-not-a-string = `current-context` が文字列ではありません
error-doc-name-not-a-string = `{ $key }` のエントリに、`name` が文字列でないものがあります
error-doc-field-not-a-string = { $noun ->
        [cluster] クラスター
        [user] ユーザー
       *[context] コンテキスト
    } "{ $name }" の `{ $field }` が文字列ではありません
error-create-dir = ディレクトリ { $path } を作成できません
error-write-kubeconfig = kubeconfig { $path } に書き込めません
error-kubeconfig-read-only = kubeconfig { $path } は読み取り専用です (モード { $mode })
error-serialize-kubeconfig = kubeconfig { $path } をシリアライズできません
error-entry-unbuildable = ファイルのエントリーを編集用に読み直せませんでした。何も書き込んでいません
error-no-current-context = 現在のコンテキストが設定されておらず、--context も指定されていません
error-context-not-found = コンテキスト "{ $context }" は存在しません
error-user-not-found = コンテキスト "{ $context }" が指定するユーザー "{ $user }" は存在しません
error-no-home = ~/.kube/config を見つけるためのホームディレクトリがわかりません
error-kubeconfig-missing = kubeconfig { $path } は存在しません
error-kubeconfig-read = kubeconfig { $path } を読み取れません
error-kubeconfig-too-large = kubeconfig { $path } は { $limit } MiB より大きく、どの kubeconfig よりもはるかに大きいサイズです
error-kubeconfig-not-utf8 = kubeconfig { $path } は UTF-8 テキストではありません
error-kubeconfig-invalid = kubeconfig { $path } は有効な kubeconfig ではありません
error-cache-dir = キャッシュディレクトリ { $dir } を使用できません
error-cache-write = キャッシュエントリ { $path } に書き込めません
cache-damaged-other-cluster = 別のクラスターを指しています
cache-damaged-certificate = 証明書を読み取れません：{ $error }
cache-damaged-key = 鍵が証明書のものではありません
cache-damaged-other-ca = 別のクラスターの証明書を保持しています (CA が異なります)
cache-dir-tightened = 認証情報キャッシュのディレクトリ { $dir } はモード { $mode } でした。0700 に変更しました
cache-entry-tightened = 認証情報キャッシュのエントリ { $path } はモード { $mode } でした。モード 0600 で書き直しました

## doctor

doctor-check-credentials = Alibaba Cloud 認証情報
doctor-check-clock = 時刻
doctor-check-permission = kubeconfig を取得する RAM 権限
doctor-check-kubeconfig = kubeconfig ファイル
doctor-check-certificate = クライアント証明書
doctor-check-tls = API サーバーの TLS
doctor-check-reachability = 到達性
doctor-skipped = スキップ：{ $reason }
doctor-fix = 修正：{ $fix }
doctor-heading-ack = コンテキスト "{ $context }"：ACK クラスター { $cluster }、{ $access ->
        [private] 内部
       *[public] パブリック
    }アクセス ({ $how ->
        [provenance] kubectl-ack の記録による
       *[name] エントリ名から判断
    })
doctor-heading-not-ack = コンテキスト "{ $context }"：ACK クラスターとして認識できません
doctor-heading-no-context = 確認するコンテキストがありません
doctor-tally-passed = { $count } 件合格
doctor-tally-warnings = { $count } 件の警告
doctor-tally-failed = { $count } 件失敗
doctor-tally-skipped = { $count } 件スキップ
doctor-tally = { $parts }。
doctor-tally-failed-next = { $parts }。上記の修正を行ってから、`kubectl ack doctor` をもう一度実行してください。
list-separator = 、
doctor-no-context = 確認するコンテキストがありません (「kubeconfig ファイル」を参照)
doctor-not-an-ack-context = このコンテキストは ACK クラスターのものではありません：kubectl-ack の記録がなく、名前も ack-<クラスター ID> ではありません
doctor-sync-clock = このマシンの時刻を NTP で同期してください (Linux の場合：`sudo timedatectl set-ntp true`。ACK API は 15 分を超えてずれたリクエストを拒否します)
doctor-no-credentials = API を呼び出すための Alibaba Cloud 認証情報がありません
doctor-api-silent = ACK API が応答しませんでした (「時刻」を参照)
doctor-api-refuses-clock = 時刻が合うまで、ACK API はこのマシンの署名を拒否します
doctor-no-client = ACK API クライアントを準備できませんでした (「Alibaba Cloud 認証情報」を参照)
doctor-credentials-found = 検出：{ $source } (API { $endpoint })
doctor-credentials-found-in-region = 検出：{ $source } (リージョン { $region }、API { $endpoint })
doctor-clock-off = このマシンの時刻は ACK API の時刻より { $apart } { $direction ->
        [behind] 遅れています
       *[ahead] 進んでいます
    }
doctor-clock-refused = { $off }：API は署名を拒否します ({ $code })
doctor-clock-in-step = ACK API の時刻と合っています (差 { $apart })
doctor-clock-drifting = { $off }：今のところ署名は通ります
doctor-clock-near-limit = { $off }：すべてのリクエストが拒否される 15 分の上限に近づいています
doctor-permission-allowed = クラスター { $cluster } で cs:DescribeClusterUserKubeconfig が許可されています：確認のため ACK が { $minutes } 分間の証明書を発行しましたが、doctor は何も書き込まずに破棄しました
doctor-no-kubeconfig = kubeconfig がありません：{ $files } は存在しません
doctor-no-kubeconfig-fix = `kubectl ack get-credentials CLUSTER` でクラスターの認証情報を取得するか、--kubeconfig または KUBECONFIG で別のファイルを指定してください
doctor-context-defined = コンテキスト "{ $context }" は { $file } で定義されています
doctor-lock-unchecked = { $file }.lock を確認できません：{ $error }
doctor-lock-unchecked-fix = kubeconfig のディレクトリの権限を確認してください
doctor-file-fine = { $file }：ロックされていません
doctor-file-fine-mode = { $file }：モード { $mode }、ロックされていません
doctor-file-world-readable = { $file } はこのマシンのすべてのユーザーが読み取れる状態 (モード { $mode }) で、認証情報を含んでいます
doctor-file-group-readable = { $file } はグループが読み取れる状態 (モード { $mode }) で、認証情報を含んでいます
doctor-lock-writer = { $writer ->
        [gone] { " " }(プロセス { $pid }、すでに終了しています)
        [known] { " " }(プロセス { $pid })
       *[unknown] {""}
    }
doctor-lock-stale = { $lock } は { $when } 前から残っています{ doctor-lock-writer }：これがある間、kubectl も kubectl-ack も { $file } に書き込めません
doctor-lock-in-use = { $lock } は { $when } 前に取得されました{ doctor-lock-writer }：kubectl または kubectl-ack が今 { $file } に書き込んでいます
doctor-lock-in-use-fix = 1 分たってもまだ残っている場合は削除してください：{ $command }
doctor-not-a-certificate-user = このユーザーはディスク上の証明書ではなく、{ $auth } で認証します
doctor-certificate-unreadable = クライアント証明書を読み取れません：{ $error }
doctor-no-private-key = ユーザーに証明書はありますが、秘密鍵がありません
doctor-refetch = 認証情報を再取得してください：`{ $command }`
doctor-certificate-expired = { $subject } は { $until } に期限切れになりました ({ $ago } 前)
doctor-certificate-not-yet-valid = { $subject } は { $from } より前には有効ではありません：このマシンの時刻が遅れている可能性があります
doctor-check-the-clock = このマシンの時刻を確認してください (「時刻」を参照)
doctor-certificate-in-renewal-window = { $subject } の有効期限は { $until } (残り { $left })：長期的な証明書の ACK の 180 日間の更新可能期間に入っています
doctor-renew-now = 今すぐ更新してください：`{ $command }`
doctor-certificate-long-term = { $subject } の有効期限は { $until } (残り { $left }。長期的な証明書で、ACK の更新可能期間は { $opens } に始まります)
doctor-certificate-temporary = { $subject } の有効期限は { $until } (残り { $left }。一時的な証明書)
doctor-key-matches = 秘密鍵は証明書のものです
doctor-key-mismatch = 秘密鍵が証明書のものではありません：API サーバーはハンドシェイクを拒否します
doctor-key-unusable = 秘密鍵を使用できません：{ $error }

## Why the API server could not be used (get-credentials --verify and doctor)

apiserver-detail = {" "}({ $detail })
apiserver-name-mismatch = x509：API サーバーの証明書は { $server } に対して有効ではありません{ $detail }
apiserver-name-mismatch-hint = API サーバーの SLB に新しい IP がバインドされると発生します。ACK マネージドクラスター：そのアドレスを API サーバー証明書の SAN に追加してください (ACK コンソール、クラスター情報)。ACK 専用クラスター：--insecure-skip-tls-verify を付けて再取得してください (本番環境では使用しないでください)
apiserver-expired = 証明書の有効期限が切れています{ $detail }
apiserver-expired-hint = `{ $command }` で新しい認証情報を取得し、このマシンの時刻を確認してください
apiserver-unknown-issuer = API サーバーの証明書がクラスター CA によって署名されていません{ $detail }
apiserver-unknown-issuer-hint-refetch = クラスターが再作成されたか CA がローテーションされた場合は、`{ $command }` で CA を再取得してください。そうでなければ、クラスターとの間にある何か (プロキシ？) が別の証明書を提示しています
apiserver-unknown-issuer-hint = クラスターとの間にある何か (プロキシ？) が別の証明書を提示しています
apiserver-unauthorized = API サーバーが証明書を拒否しました (401 { $message })
apiserver-unauthorized-hint = 証明書が期限切れか失効しています：`{ $command }` で新しい認証情報を取得してください
apiserver-forbidden = 証明書は受け入れられましたが、名前空間を一覧表示する権限がありません (403：{ $message })
apiserver-forbidden-hint = 認証情報は有効です。クラスター管理者に RBAC 権限を依頼してください (ACK コンソール：権限付与)
apiserver-status = API サーバーの応答は { $code }：{ $message }
apiserver-status-hint = `kubectl ack clusters` でクラスターの状態を確認してください
apiserver-refused = { $server } で接続を受け付けるものがありません{ $detail }
apiserver-refused-hint = API サーバーが停止しているか、アドレスが古くなっています：`kubectl ack clusters` のクラスターのエンドポイントと比較し、`{ $command }` で認証情報を再取得してください
apiserver-other-hint = --verbose を付けて実行し、ACK コンソールでクラスターを確認してください
apiserver-unreachable-intranet = 内部アドレス { $server } に到達できません{ $detail }
apiserver-unreachable-intranet-hint = 内部アドレスには、クラスターの VPC 内 (または VPN/Express Connect 経由) からのみ到達できます。それ以外の場所からは、--private を付けずにパブリックの認証情報を取得してください
apiserver-unreachable-intranet-hint-command = 内部アドレスには、クラスターの VPC 内 (または VPN/Express Connect 経由) からのみ到達できます。それ以外の場所からは、`{ $command }` でパブリックの認証情報を取得してください
apiserver-unreachable-public = { $server } の API サーバーに到達できません{ $detail }
apiserver-unreachable-public-hint = クラスターの API サーバーでパブリックアクセス (EIP) が有効になっていること、ファイアウォールがポート 6443 をブロックしていないことを確認してください
apiserver-unreachable-public-hint-command = クラスターの API サーバーでパブリックアクセス (EIP) が有効になっていること、ファイアウォールがポート 6443 をブロックしていないことを確認してください。クラスターの VPC 内からは、`{ $command }` で内部アドレスを使用できます
doctor-no-server = コンテキストのクラスターエントリにサーバーアドレスがありません
doctor-server-unusable = サーバー { $server } は、ホストとポートを持つ https:// URL ではありません
doctor-server-unusable-see-tls = サーバーアドレスを使用できません (「API サーバーの TLS」を参照)
doctor-insecure-skip-tls-verify = insecure-skip-tls-verify が設定されています：kubectl は API サーバーの ID を検証しません
doctor-insecure-skip-tls-verify-fix = これが必要なのは、SLB のアドレスが証明書に含まれていない ACK 専用クラスターだけです。それ以外の場合は、CA を含めて認証情報を再取得してください：`{ $command }`
doctor-no-ca = クラスターエントリに CA がありません：kubectl はこのマシンのルート CA を信頼しますが、doctor はそれを確認しません
doctor-no-ca-fix = 認証情報を再取得して、クラスターの CA を記録してください：`{ $command }`
doctor-ca-not-pem = コンテキストの CA が PEM 証明書ではありません
doctor-ca-matches-ack = コンテキストの CA は、ACK が保持するクラスターの CA と一致します
doctor-ca-differs-from-ack = コンテキストの CA が、ACK が保持するクラスターの CA と異なります：別のクラスターのものか、クラスターの CA がローテーションされています
doctor-no-tls-connection = API サーバーとの TLS 接続がありません (「到達性」を参照)
doctor-tls-closed = TLS ハンドシェイク中に接続が閉じられました ({ $error })：API サーバーではない可能性があります
doctor-tls-closed-fix = サーバーアドレスを `kubectl ack clusters` のクラスターのエンドポイントと比較してください
doctor-tls-verified = API サーバーの証明書はコンテキストの CA によって署名されており、{ $name } に対して有効です
doctor-server-certificate = API サーバーの証明書
doctor-tls-alert-handshake = API サーバーが TLS アラート { $alert } でハンドシェイクを終了しました：クライアント証明書を拒否しています
doctor-tls-alert-connection = API サーバーが TLS アラート { $alert } で接続を終了しました：クライアント証明書を拒否しています
doctor-tls-handshake-failed = TLS ハンドシェイクに失敗しました：{ $error }
doctor-certificate-valid-for = { $names } に対して有効です
doctor-certificate-names-nothing = アドレスが 1 つも含まれていません
doctor-issued-by-not-ca = 発行者は "{ $issuer }"、コンテキストの CA は "{ $ca }" です
doctor-issued-by = 発行者は "{ $issuer }" です
doctor-token-accepted = API サーバーは RAM ID トークンを受け入れました (GET /version：{ $code })
doctor-token-refused = API サーバーは RAM ID トークンを拒否しました (401 Unauthorized)
doctor-token-refused-fix = 次の順に確認してください：クラスターに ack-ram-authenticator アドオンがインストールされていること (ACK コンソールのアドオン)、RAMIdentityMapping がこの RAM ユーザーまたはロールをマッピングしていること (管理者として `kubectl get ramidentitymappings`)、このマシンの時刻が正しいこと (STS は 15 分を超えてずれたトークンを拒否します)
doctor-certificate-accepted = API サーバーはクライアント証明書を受け入れました (GET /version：{ $code })
doctor-version-status = API サーバーは GET /version に { $code } で応答しました
doctor-version-silent = GET /version に応答がありません ({ $error })
doctor-version-silent-fix = `kubectl get --raw /version -v=6` を実行して API サーバーの動作を確認してください
doctor-silent = 接続は受け付けましたが、{ $limit } 以内に応答しませんでした
doctor-reachable = { $address } は接続を受け付け、応答します
doctor-reachable-through-proxy = { $address } はプロキシ { $proxy } ({ $origin }) 経由で接続を受け付け、応答します
doctor-unresolved = { $host } を名前解決できません：{ $error }
doctor-unresolved-fix = kubeconfig のサーバーアドレスと、このマシンの DNS を確認してください
doctor-connection-refused = 接続が拒否されました
doctor-no-connection = { $limit } 以内に接続できませんでした
doctor-proxy-unreachable = プロキシ { $proxy } ({ $origin }) に到達できません：{ $error }
doctor-proxy-unreachable-fix = プロキシまたは踏み台サーバーのトンネルを起動するか、{ $origin } を修正してください
doctor-proxy-refused = プロキシ { $proxy } ({ $origin }) が API サーバーへの接続を拒否しました：{ $reason }
doctor-proxy-refused-fix = プロキシが API サーバーのアドレスとポートへの CONNECT を許可していることを確認してください
doctor-proxy-unsupported = API サーバーへは https:// プロキシ { $proxy } ({ $origin }) 経由で接続しますが、doctor はこの種類のプロキシを通過できません
doctor-proxy-unsupported-fix = `kubectl get --raw /version -v=6` で接続を確認してください
doctor-address-out-of-date = ACK が示すクラスターの{ $access ->
        [private] 内部
       *[public] パブリック
    }アドレスは { $ack } ですが、コンテキストは { $server } を使用しています

## Values on the command line, proxies, --verify

cli-empty-context = コンテキスト名は空にできません
cli-bad-namespace = "{ $text }" は名前空間の名前ではありません：英小文字、数字、'-' のみで 63 文字以内、先頭と末尾は英数字にしてください
cli-proxy-not-a-url = URL ではありません ({ $error })：scheme://host:port の形式で指定してください
cli-proxy-scheme = プロキシのスキーム "{ $scheme }" はサポートされていません：http://、https://、socks5:// のいずれかを使用してください
cli-proxy-no-host = プロキシ URL にホストがありません
cli-proxy-user-info = http(s) プロキシの URL にユーザー情報を含めることはできません：kubeconfig にそのパスワードが保存されてしまいます
cli-proxy-extra = プロキシ URL は scheme://host[:port] の形式で、パス、クエリ、フラグメントは含められません
cli-proxy-not-utf8 = URL が UTF-8 ではありません
cli-temporary-not-minutes = "{ $text }" は分単位の整数ではありません
cli-temporary-out-of-range = "{ $text }" は ACK の一時的な kubeconfig の範囲外です：15m から 3d
proxy-answer-too-long = CONNECT の応答としては長すぎる応答です
proxy-closed = 接続を閉じました
proxy-connect-answer = CONNECT に "{ $status }" で応答しました
proxy-socks5-method = この SOCKS5 認証方式を受け付けません
proxy-socks5-credentials = SOCKS5 のユーザー名とパスワードを拒否しました
proxy-socks5-code = SOCKS5 の CONNECT にコード { $code } で応答しました
proxy-socks5-malformed = SOCKS5 の応答の形式が正しくありません
verify-unexpected-hint = --verbose の出力を添えて報告してください

## Times (durations themselves keep one format in every language: 3d 4h, 15m)

time-left = 残り { $duration }
time-expired-ago = { $duration } 前に期限切れ

## The Alibaba Cloud API client's errors and hints

ack-api-refused = { $service ->
        [sts] STS API
       *[ack] ACK API
    } が { $action } を拒否しました：{ $code }
ack-api-message = ：{ $message }
ack-api-request-id = {" "}(リクエスト ID { $id })
ack-unexpected-answer = { $url } からの { $action } への応答が想定外です：HTTP { $status }、{ $what }
ack-transport = { $url } に到達できませんでした ({ $action })
ack-redirect = { $url } は { $action } にホスト { $host } へのリダイレクト (HTTP { $status }) で応答しました。リダイレクトはたどりません
ack-redirect-no-location = { $url } は { $action } に Location のないリダイレクト (HTTP { $status }) で応答しました。リダイレクトはたどりません
ack-answer-too-large = { $url } からの { $action } への応答は { $limit } を超えており、実際の応答としては大きすぎるため、それ以上読み取りませんでした
ack-timeout = { $url } の応答待ちがタイムアウトしました ({ $action })
ack-invalid-endpoint = 無効な { $what } { $value }：{ $reason }
ack-insecure-endpoint = { $what } のホスト { $host } への平文の http は拒否します：http はループバックホストに対してのみ使用できます
ack-no-region = リージョンが指定されていません
ack-no-credentials = Alibaba Cloud 認証情報が見つかりません (試行：{ $tried })
ack-credential-source = { $source } から認証情報を取得できませんでした
ack-io = { $path } を読み取れませんでした
ack-http-setup = HTTP クライアントを準備できませんでした
ack-advice-clock-and-secret = マシンの時刻 (15 分を超えてずれたリクエストは拒否されます) と、AccessKey Secret が AccessKey ID に対応していることを確認してください
ack-advice-access-key-not-found = AccessKey ID が存在しません：ALIBABA_CLOUD_ACCESS_KEY_ID またはプロファイルの access_key_id を確認してください (`aliyun configure list`)
ack-advice-access-key-disabled = AccessKey が無効になっています：RAM コンソールで有効にするか、新しい AccessKey を作成してください
ack-advice-cluster-and-region = クラスター ID と --region を確認してください (`kubectl ack clusters` で、この ID から見えるクラスターを一覧表示できます)
ack-advice-sts-token = STS トークンが期限切れか無効です：新しい STS 認証情報を取得してください
ack-advice-throttled = API がこのアカウントのリクエストを制限しています：少し待ってから再試行するか、同時に送るリクエストを減らしてください
ack-advice-grant = この ID に RAM アクション { $action } を付与してください
ack-advice-grant-also = この ID に RAM アクション { $action } を付与してください ({ $operation } には { $also } も必要です)
ack-advice-and = 、
ack-advice-not-like-the-api = エンドポイントが ACK API のように応答しませんでした (HTTP { $status })：--endpoint、プロキシ、ネットワークを確認してください
ack-advice-network = ネットワーク、プロキシ、--endpoint を確認してください
ack-advice-no-redirects = kubectl-ack は署名付きの呼び出しや認証情報の呼び出しでリダイレクトをたどりません (署名やトークンが別の場所に渡ってしまうため)：直接応答するアドレス (--endpoint、ALIBABA_CLOUD_STS_ENDPOINT、ALIBABA_CLOUD_IMDS_ENDPOINT、ALIBABA_CLOUD_CREDENTIALS_URI) を設定するか、プロキシを確認してください
ack-advice-more-time = ネットワークを確認するか、--timeout で時間を延ばしてください
ack-advice-not-alibaba-cloud = エンドポイントが Alibaba Cloud のように応答していません：エンドポイントの設定とプロキシを確認してください
ack-advice-https = https:// URL を使用してください
ack-advice-region = --region を指定するか、ALIBABA_CLOUD_REGION_ID を設定するか、aliyun CLI のプロファイルに region_id を設定してください (`aliyun configure`)
ack-advice-credentials = ALIBABA_CLOUD_ACCESS_KEY_ID と ALIBABA_CLOUD_ACCESS_KEY_SECRET を設定するか、`aliyun configure` を実行してください
ack-advice-correct-setting = 上記の設定を修正するか、設定を解除してください
ack-advice-correct-file = 上記のファイルを修正するか、--profile または ALIBABA_CLOUD_PROFILE で別のプロファイルを選択してください

## --help (src/cli/help.rs): the program, each command, each flag

help-heading-options = オプション
help-heading-commands = コマンド
help-heading-usage = 使い方
help-heading-arguments = 引数
help-spec-default = デフォルト
help-spec-env = 環境変数
help-spec-possible-values = 指定可能な値
help-arg--help-more = ヘルプを表示します ('--help' で詳細を表示)
help-arg--help-summary = ヘルプを表示します ('-h' で概要を表示)
help-arg--output--text = 人が読むテキスト (一覧は表形式)
help-expiry--output--text = 人が読むテキスト (表形式)
help-expiry--output--prometheus = node_exporter の textfile collector 用の Prometheus テキスト形式
help-arg--auth--cert = ACK のクライアント証明書
help-arg--auth--token = ack-ram-authenticator 用の RAM ID トークン
help = kubectl 用の Alibaba Cloud ACK 認証情報：クラスターの kubeconfig を取得、マージ、確認します。
help-arg--verbose = リクエスト行と使用している認証情報を出力します (シークレットは出力しません)
help-arg--help = ヘルプを表示します
help-arg--version = バージョンを表示します
help-arg--kubeconfig = KUBECONFIG や ~/.kube/config ではなく、この kubeconfig ファイルのみを使用します
help-arg--profile = 認証情報とリージョンを取得する aliyun CLI のプロファイル (デフォルト：ALIBABA_CLOUD_PROFILE、次に現在のプロファイル)
help-arg--region = cn-hangzhou などのリージョン ID (デフォルト：ALIBABA_CLOUD_REGION_ID、次にプロファイルのリージョン)
help-arg--endpoint = ACK OpenAPI のベース URL (デフォルト：https://cs.<region>.aliyuncs.com)。平文の http はループバックに対してのみ使用できます
help-arg--timeout = 各 API リクエストの制限時間
help-arg--output = 出力形式
help-arg--cluster = クラスター ID (c + 16 進数 32 桁) またはクラスター名
help-arg--yes = 確認しません (標準入力が端末でない場合に必要です)
help-arg--dry_run = 計画を表示し、何も変更しません

help-whoami = コンテキストのクライアント証明書に対応するユーザー、グループ、Alibaba Cloud アカウントを表示します
help-whoami--context = 調べるコンテキスト (デフォルト：現在のコンテキスト)

help-expiry = クライアント証明書の有効期限を表示します。--within を指定すると、更新が必要な証明書がある場合に終了ステータス 3 で終了します
help-expiry--context = 確認するコンテキスト (デフォルト：現在のコンテキスト)
help-expiry--all_contexts = kubeconfig のすべてのコンテキストを確認します
help-expiry--within = 確認した証明書が期限切れか、この期間内に期限切れになる場合に終了ステータス 3 で終了します (例：30d、12h)

help-export-cert = コンテキストのクライアント証明書、秘密鍵、CA を PEM ファイルに書き出します
help-export-cert--context = 書き出すコンテキスト (デフォルト：現在のコンテキスト)
help-export-cert--out_dir = client-cert.pem、client-key.pem、ca.pem の書き込み先ディレクトリ (存在しない場合は 0700 で作成します)
help-export-cert--force = 既存のファイルを置き換えます

help-get-credentials = クラスターの kubeconfig を取得し、何も上書きせずに有効な KUBECONFIG にマージします
help-get-credentials--all = 認証情報でリージョン内 (--all-regions を指定した場合はすべてのリージョン) に表示できるすべてのクラスター。並行して取得し、ロックした 1 回の書き込みで書き込みます。current-context は変更しません
help-get-credentials--all_regions = --all と併用：設定されたリージョンだけでなく、すべてのリージョン
help-get-credentials--concurrency = --all と併用：同時に取得するクラスターの数
help-get-credentials--output = --all と併用：書き込み、失敗、スキップしたクラスターを JSON または YAML で標準出力に報告します
help-get-credentials--private = パブリックアドレスではなく、クラスターの内部 (VPC) API サーバーアドレスを使用します
help-get-credentials--temporary = この期間有効な一時的な kubeconfig を取得します。15m から 3d (例：30m、2h、3d)。デフォルト：ACK の長期的な証明書
help-get-credentials--context = 書き込むコンテキストの名前 (デフォルト：クラスター名。--private の場合は -private を付加)
help-get-credentials--print = kubeconfig を標準出力に出力し、何も書き込みません
help-get-credentials--no_set_current = current-context を変更しません
help-get-credentials--overwrite = 別のクラスターに属する同名のコンテキストを置き換えます
help-get-credentials--verify = 書き込み後、新しいコンテキストで接続して名前空間を一覧表示します
help-get-credentials--exec = 証明書を埋め込む代わりに、`kubectl-ack credential` を実行するユーザーを書き込みます (短期の証明書が自動的に更新され、kubeconfig に秘密鍵を含みません)。デフォルトの有効期間は 3h
help-get-credentials--auth = kubectl の認証方法：cert (ACK のクライアント証明書。デフォルト) または token (ACK の ack-ram-authenticator アドオン用の RAM ID トークン。exec ユーザーで、証明書も鍵もどこにも置きません)
help-get-credentials--insecure_skip_tls_verify = CA データなしで insecure-skip-tls-verify を付けてクラスターを書き込みます (SLB のアドレスが証明書に含まれていない ACK 専用クラスター向け。本番環境では使用しないでください)
help-get-credentials--namespace = コンテキストのデフォルトの名前空間 (名前空間単位の権限を持つユーザー向け)。以降の取得と rotate でも維持されます
help-get-credentials--proxy_url = このプロキシ経由で API サーバーに接続します (http://、https:// または socks5://HOST:PORT。内部アドレスの前にある踏み台サーバーなど)。クラスターエントリの proxy-url として書き込まれ、以降の取得と rotate でも維持されます

help-revoke = このアカウントのクラスターに対する kubeconfig を失効させます (これまでに発行されたすべての証明書が使用できなくなります)

help-clusters = 認証情報で表示できる ACK クラスターを一覧表示します
help-clusters--all_regions = すべてのリージョンのクラスターを一覧表示します (エンドポイントのリージョンは問い合わせ先を決めるだけです)

help-credential = exec 認証情報プラグイン：キャッシュされ自動的に更新される短期の証明書を含む ExecCredential を出力します
help-credential--cluster_id = クラスター ID (c + 16 進数 32 桁)
help-credential--auth = kubectl に渡すもの：cert (短期のクライアント証明書) または token (ack-ram-authenticator のトークン)
help-credential--private = クラスターの内部アドレス用の認証情報 (証明書の種類はどちらでも同じです)
help-credential--temporary = 証明書の有効期間。15m から 3d (デフォルト 3h)
help-credential--refresh = キャッシュされた証明書がまだ有効でも新しい証明書を取得します (例：別の場所で失効させた後)

help-rotate = 証明書の有効期限が近い ACK コンテキストの認証情報を、ロックした 1 回の書き込みで再取得します
help-rotate--within = 期限切れ、またはこの期間内に期限切れになる証明書を更新します (デフォルト：長期的な証明書は ACK の 180 日間の更新可能期間、一時的な証明書は有効期間の 5 分の 1 または 10 分が残った時点)
help-rotate--context = このコンテキストのみ (デフォルト：すべての ACK コンテキスト)
help-rotate--all_contexts = kubeconfig のすべての ACK コンテキスト (デフォルト)

help-audit = クラスターの kubeconfig を保持しているのは誰か：アカウント、証明書の状態と有効期限、失効可能かどうか
help-audit--expiring_within = 証明書が期限切れか、この期間内に期限切れになる kubeconfig のみ (例：30d)

help-doctor = 認証情報、時刻、権限、kubeconfig、証明書、TLS、到達性を確認し、それぞれに修正方法を示します
help-doctor--context = 確認するコンテキスト (デフォルト：現在のコンテキスト)
help-doctor--connect_timeout = クラスターの API サーバーへの接続と、その各応答の制限時間

help-prune = 使用できなくなったものを削除します：クラスターが存在しないか証明書が期限切れになった ACK コンテキストと、それらだけが使用していたクラスターおよびユーザーのエントリ (最初に計画を表示し、その後確認します)
help-prune--expired_for = 証明書の期限切れからこの期間が経っていない ACK コンテキストを保持します (例：7d)。デフォルト：期限切れのものはすべて削除します
help-prune--dangling = 由来を問わず、何も指していないエントリも削除します：クラスターまたはユーザーが見つからないコンテキスト、およびどのコンテキストも使用していないクラスターとユーザー
help-prune--no_backup = 変更した各 kubeconfig ファイルのコピーをその横に保存しません

help-version = kubectl-ack のバージョンを出力します

help-completion = シェル補完スクリプトと、`kubectl ack <TAB>` 用の kubectl_complete-ack 実行ファイル
help-completion-bash = kubectl-ack の bash 補完スクリプトを出力します (~/.bashrc から source してください)
help-completion-zsh = kubectl-ack の zsh 補完スクリプトを出力します ($fpath 上に _kubectl-ack として保存してください)
help-completion-fish = kubectl-ack の fish 補完スクリプトを出力します (~/.config/fish/completions/ に保存してください)
help-completion-powershell = kubectl-ack の PowerShell 補完スクリプトを出力します ($PROFILE から dot-source してください)
help-completion-install-plugin-completion = kubectl 1.26 以降が `kubectl ack <TAB>` の補完に実行する kubectl_complete-ack を書き込みます
help-completion-install-plugin-completion--dir = 書き込み先のディレクトリ。PATH に含まれている必要があります (デフォルト：PATH 上で kubectl-ack が見つかる場所)
help-completion-install-plugin-completion--force = kubectl-ack が書き込んだものではない既存の kubectl_complete-ack を置き換えます
help-completion-install-plugin-completion--print = スクリプトを書き込まずに出力します

help-__complete = `kubectl ack` に続く単語の補完候補を出力します (kubectl_complete-ack が実行します)
help-__complete--words = `kubectl ack` に続く単語。最後の単語が補完中の単語です (空の場合があります)

## audit --all、offboard、--for-user
audit-nothing-orphaned = クラスター { $cluster } では、削除済みまたは非アクティブなアカウントが有効な kubeconfig を保持していません。
audit-all-nothing = 監査した { $clusters } 個のクラスターで kubeconfig を保持しているアカウントはありません。
audit-all-nothing-orphaned = 監査した { $clusters } 個のクラスターで、削除済みまたは非アクティブなアカウントが有効な kubeconfig を保持していません。
audit-all-failed = error: クラスター { $cluster } を監査できませんでした：{ $error }
audit-all-progress = クラスターを監査中：{ $done }/{ $total }
audit-header-cluster = クラスター
rotate-reason-issued-for = --for-user で { $uid } 用に発行されたものです：`kubectl ack get-credentials CLUSTER --for-user { $uid }` で更新してください
cli-invalid-uid = UID は Alibaba Cloud アカウント、RAM ユーザー、RAM ロールの ID の数字です (例：283456789012345)
offboard-identity-unknown = これらの認証情報が誰のものか STS に問い合わせられませんでした ({ $error })；ACK 自身がルートアカウントと呼び出し元本人の削除を拒否します
offboard-nothing = { $uid } は kubeconfig も ACK が管理する RBAC 権限も保持していません{ $scoped ->
        [yes] (指定したクラスター上)
       *[no] {""}
    }：削除するものはありません。
offboard-plan-kubeconfigs = { $uid } の kubeconfig (ListUserKubeConfigStates)：
offboard-plan-no-kubeconfigs = { $uid } は kubeconfig を保持していません。
offboard-plan-grants = ACK が { $uid } に管理している RBAC 権限 (DescribeUserPermission)：
offboard-plan-no-grants = ACK が { $uid } に管理している RBAC 権限はありません。
offboard-header-cluster = クラスター
offboard-header-cluster-state = クラスターの状態
offboard-header-certificate = 証明書
offboard-header-expires = 有効期限
offboard-header-resource = リソース
offboard-header-role = ロール
offboard-header-role-type = ロールの種類
offboard-header-before = 以前
offboard-header-now = 現在
offboard-dry-run = ドライラン：削除リクエストは送信していません。--dry-run を外すと、{ $operation } が { $clusters } 個のクラスターで削除を行います{ $force ->
        [yes] (ACK の 7 日間のアクティビティチェックなし、--force)
       *[no] (ACK の 7 日間のアクティビティチェックの後)
    }。
offboard-confirm = { $uid } の { $clusters } 個のクラスター上の kubeconfig と ACK が管理する RBAC 権限を削除しますか{ $force ->
        [yes] (ACK のアクティビティチェックなし)
       *[no] {""}
    }？[y/N]
offboard-sent = { $operation } を送信しました{ $task ->
        [none] {""}
       *[other] (タスク { $task })
    }。
offboard-waiting = ACK が kubeconfig を削除するのを待っています：{ $removed }/{ $total }
offboard-not-waited = --no-wait：待ちません；残っているものは `kubectl ack offboard { $uid } --dry-run` で確認できます。
offboard-removed = 削除済み
offboard-not-removed = まだ削除されていません
offboard-done = { $uid } の { $clusters } 個のクラスター上の kubeconfig と RBAC 権限を削除しました。
offboard-incomplete = { $seconds } 秒後も { $left }/{ $total } 個の kubeconfig が発行済みのままです：ACK のタスクがまだ実行中の可能性があります。`kubectl ack offboard { $uid } --dry-run` で再度確認してください。
offboard-recycle-bin = 削除した kubeconfig は、30 日以内であれば RBAC 権限とともに ACK コンソールの kubeconfig のゴミ箱から復元できます (権限管理 → kubeconfig のゴミ箱)；そのための API はありません。
error-offboard-root = { $uid } は Alibaba Cloud アカウント (ルートアカウント) そのものです：ACK はアカウント自身の権限を削除しません
hint-offboard-root = 代わりに RAM ユーザーまたは RAM ロールを対象にしてください；アカウント自身の kubeconfig は `kubectl ack revoke CLUSTER` で失効させます
error-offboard-self = { $uid } はこのコマンドを実行している ID です ({ $arn })：ACK は呼び出し元本人の権限を削除しません
hint-offboard-self = 別の管理者の認証情報で offboard を実行してください (例：`--profile admin`)
error-offboard-not-confirmed = offboard には確認が必要ですが、標準入力が端末ではありません
hint-offboard-not-confirmed = 確認なしで削除するには --yes を、計画だけを見るには --dry-run を指定してください
error-offboard-cancelled = offboard を取り消しました：何も送信していません
error-clean-refused = ACK は { $uid } の kubeconfig の削除を拒否しました ({ $code })：{ $reason }
hint-clean-refused = --force なしでは、ACK はまずクラスターの監査ログを読み、{ $uid } が過去 7 日以内にクラスターにアクセスしていた場合、または監査ログを読めない場合 (クラスター監査が無効) は削除を拒否します；--force はこのチェックを行わずに削除し、{ $uid } はセッション中であってもただちにアクセスを失います (kubeconfig は 30 日間コンソールのゴミ箱から復元できます)
hint-for-user-root-only = RAM ユーザーや RAM ロールの kubeconfig を発行できるのは Alibaba Cloud アカウント (ルートアカウント) 自身だけです：アカウントの認証情報で実行してください (例：アカウントの `--profile`)
error-for-user-needs-a-file = --for-user は別のユーザーの認証情報を書き出すため、あなた自身の kubeconfig には決して書き込みません
hint-for-user-needs-a-file = --print を付けて kubeconfig を表示するか、--kubeconfig FILE で専用のファイルに書き込んでください
help-get-credentials--for_user = アカウントの RAM ユーザーまたは RAM ロールの kubeconfig を UID で発行します (アカウントの認証情報のみ；--print か --kubeconfig FILE でのみ書き出し、あなた自身の kubeconfig には書き込みません)
help-audit--all = 認証情報で見えるリージョン内 (--all-regions ならすべてのリージョン) のすべてのクラスターを並行して監査し、1 つの表にまとめます
help-audit--all_regions = --all と併用：設定されたリージョンだけでなく、すべてのリージョン
help-audit--deleted_accounts = 存在すべきでない kubeconfig のみ：削除済み (Deleted) または非アクティブ (InActive) のアカウントが、期限切れでも削除済みでもない証明書を保持しているもの
help-offboard = 退職者の対応：RAM ユーザーまたは RAM ロールのすべてのクラスター上の kubeconfig と ACK が管理する RBAC 権限を削除します (まず計画を表示し、--force でなければ ACK の 7 日間のアクティビティチェックを経て、ACK が削除済みと表示するまで待ちます)
help-offboard--uid = RAM ユーザーまたは RAM ロールの UID (コンソールや ListClusterKubeconfigStates に表示される数字)
help-offboard--clusters = このクラスターのみ (ID または名前)；複数指定可 (デフォルト：すべてのクラスター)
help-offboard--force = ユーザーの過去 7 日間のアクティビティに関する ACK のチェックなしで削除します (ユーザーはただちにアクセスを失います)
help-offboard--no_wait = ACK が kubeconfig の削除を表示するまで待たない
