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
get-credentials-merged = コンテキスト "{ $context }" (クラスター { $cluster }、アクセス { $access }、有効期限 { $expires }) を { $file } にマージしました
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
get-credentials-merged-token = コンテキスト "{ $context }" (クラスター { $cluster }、アクセス { $access }、ack-ram-authenticator 用の RAM ID トークン) を { $file } にマージしました
rotate-reason-token = RAM ID トークン：kubectl コマンドのたびに新しく作成されるため、更新するものはありません
rotate-reason-unknown-mode = このバージョンが認識しないモードで、より新しい kubectl-ack によって書き込まれました
expiry-note-token = RAM ID トークン：kubectl コマンドのたびに新しく作成され、期限切れになる長期的なものはありません
auth-ram-token = ack-ram-authenticator 用の RAM ID トークン (`kubectl-ack credential { $cluster } --auth token` が作成)
get-credentials-verified-ram-identity = この RAM ID (トークン)
kubeconfig-rewritten-in-place = { $file } をロックしたままその場で書き換えました：{ $reason }

## --help (src/cli/help.rs): the program, each command, each flag

help-heading-options = オプション
help-heading-commands = コマンド
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
