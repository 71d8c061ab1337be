# kubectl-ack 的人类可读输出：简体中文。消息 id 与变量和 en/kubectl_ack.ftl 完全相同（测试会检查）。
# 用词取自 ACK 控制台文档：集群、集群凭证（KubeConfig）、临时 KubeConfig、公网/内网、吊销、有效期、命名空间、API Server。
# 命令、参数、文件名、API 名称和 JSON 键保持原样。

## The exec credential plugin (`credential`) and its cache

exec-cache-unusable = 不使用凭证缓存：{ $reason }
exec-cache-damaged = 丢弃损坏的凭证缓存条目 { $path }（{ $reason }）
exec-cache-store-failed = 无法缓存新证书：{ $reason }
exec-cache-seed-failed = 无法为 exec 插件缓存证书：{ $reason }

## get-credentials

get-credentials-dropped-key = 已忽略 API 返回结果中的 { $key }：kubectl-ack 只采用 API Server 地址、CA 证书和客户端证书
get-credentials-insecure = --insecure-skip-tls-verify：kubectl 将不校验 API Server 的身份。此选项适用于 SLB 绑定了新 IP 的 ACK 专有版集群；托管版集群应将该 IP 添加到证书的 SAN 中
get-credentials-all-skipped = 已跳过 { $name }（{ $id }）：集群状态为 { $state }
get-credentials-merged = 已将上下文 "{ $context }"（集群 { $cluster }，访问方式 { $access }，有效期至 { $expires }）合并到 { $file }
get-credentials-switched = 已切换到上下文 "{ $context }"。
get-credentials-verified = 验证成功：已以 { $user } 的身份列出 { $count } 个命名空间。
get-credentials-verified-user-unknown = 新证书
get-credentials-all-failed = 失败：{ $name }（{ $cluster }）：{ $error }
get-credentials-all-unnamed = （未命名）
get-credentials-all-summary = 已写入 { $total } 个集群中的 { $written } 个。
get-credentials-all-summary-skipped = 已写入 { $total } 个集群中的 { $written } 个，跳过 { $skipped } 个（未在运行中）。
get-credentials-all-progress = 正在获取 KubeConfig：{ $done }/{ $total }

## Kubeconfig files

kubeconfig-readable-by-others = { $file } 可被其他用户读取（权限 { $mode }），且其中含有私钥：请运行 `chmod 600 { $path }`

## rotate

rotate-reason-exec = exec 凭证：`kubectl ack credential` 会自行续期
rotate-reason-no-certificate = 其用户已不再含有客户端证书（是否被手动修改过？）
rotate-reason-unreadable = 无法读取证书（{ $problem }）
rotate-reason-expired = 已于 { $expires } 过期
rotate-reason-due = { $expires } 过期（{ $left }）：{ $window }
rotate-reason-fresh = 无需续期：{ $expires } 过期（{ $left }），自 { $due } 起需要续期
rotate-window-within = 在 { $within } 内
rotate-window-ack = 已进入 ACK 的 180 天续期窗口
rotate-window-short-lived = 剩余有效期不足五分之一（或不足 10 分钟）
rotate-account-changed = 上下文 "{ $context }" 现在持有账号 { $after } 的证书（之前为 { $before } 的证书）：当前使用的阿里云凭证属于另一个账号
rotate-header-context = 上下文
rotate-header-cluster = 集群
rotate-header-access = 访问方式
rotate-header-lifetime = 有效期
rotate-header-action = 操作
rotate-header-detail = 详情
rotate-lifetime-long-term = 长期
rotate-action-would-renew = 将续期
rotate-action-due = 待续期
rotate-action-renewed = 已续期
rotate-action-skipped = 已跳过
rotate-action-failed = 失败
rotate-detail-renewed = { $reason }；新证书有效期至 { $expires }
rotate-summary-none = KubeConfig 中没有 ACK 上下文：无需轮转（由 `kubectl ack get-credentials` 写入的上下文通过其 kubectl-ack 扩展识别）。
rotate-summary-dry-run = 试运行：{ $total } 个 ACK 上下文中有 { $due } 个将被续期；未做任何更改。
rotate-summary-renewed = 已续期 { $total } 个 ACK 上下文中的 { $renewed } 个。
rotate-summary-renewed-in = 已续期 { $file } 中 { $total } 个 ACK 上下文中的 { $renewed } 个。
rotate-summary-renewed-failed = 已续期 { $total } 个 ACK 上下文中的 { $renewed } 个；{ $failed } 个失败。
rotate-summary-renewed-in-failed = 已续期 { $file } 中 { $total } 个 ACK 上下文中的 { $renewed } 个；{ $failed } 个失败。
rotate-others-left-alone = 未改动 { $others } 个不是由 kubectl-ack 写入的上下文

## How a kubeconfig user authenticates

auth-client-certificate = 客户端证书
auth-token = Bearer Token
auth-token-file = 来自 { $path } 的 Bearer Token
auth-exec = exec 插件 `{ $command }`
auth-provider = auth-provider "{ $name }"
auth-basic = 以 "{ $username }" 进行的基本认证（basic auth）
auth-none = 无凭证

## revoke

revoke-confirm = 确定吊销当前账号在集群 { $cluster } 的全部 KubeConfig 吗？使用这些 KubeConfig 的连接会立即中断。[y/N]
revoke-done = 已吊销当前账号在集群 { $cluster } 的 KubeConfig：此前签发的证书均已失效。
revoke-purged = 已删除该集群的 { $count } 个 exec 证书缓存：kubectl 下次调用时会获取新证书。
revoke-kubeconfig-unreadable = 无法检查本地 KubeConfig 中受影响的上下文：{ $error }
revoke-no-affected-context = 当前生效的 KubeConfig 中没有上下文持有集群 { $cluster } 的凭证。
revoke-affected-contexts = 以下上下文持有已吊销的凭证，请用以下命令重新获取：

## audit

audit-nothing = 没有账号持有集群 { $cluster } 的 KubeConfig。
audit-nothing-expiring = 集群 { $cluster } 没有已过期或将在 { $within } 内过期的 KubeConfig。
audit-header-account = 账号
audit-header-account-id = 账号 ID
audit-header-type = 类型
audit-header-state = 状态
audit-header-certificate = 证书
audit-header-expires = 过期时间
audit-header-left = 剩余
audit-header-revokable = 可吊销
audit-yes = 是
audit-no = 否
audit-expired-ago = { $ago } 前已过期

## clusters

clusters-none = 使用当前凭证看不到任何集群。
clusters-none-in-region = 使用当前凭证在 { $region } 看不到任何集群。
clusters-header-id = ID
clusters-header-name = 名称
clusters-header-region = 地域
clusters-header-type = 类型
clusters-header-version = 版本
clusters-header-state = 状态
clusters-header-public = 公网
clusters-header-intranet = 内网

## version

version = kubectl-ack { $version } ({ $platform })

## whoami

whoami-context = 上下文
whoami-cluster = 集群
whoami-namespace = 命名空间
whoami-credential = 凭证
whoami-identity = 身份
whoami-identity-from-cluster = 由集群在连接时决定：可用 `kubectl auth whoami` 向集群查询
whoami-user = 用户
whoami-groups = 用户组
whoami-account-uid = 账号 UID
whoami-account-issued = { $uid }（证书签发于 { $issued }）
whoami-issuer = 签发者
whoami-valid-from = 生效时间
whoami-valid-until = 有效期至
whoami-renewal = 续期
whoami-renewal-open = ACK 的 180 天续期窗口现已开启
whoami-renewal-opens = ACK 的 180 天续期窗口将于 { $opens } 开启
whoami-key = 密钥
whoami-none = （无）
whoami-no-cn = （无 CN）

## expiry

expiry-header-context = 上下文
expiry-header-user = 用户
expiry-header-expires = 过期时间
expiry-header-left = 剩余
expiry-header-note = 备注
expiry-left-expired = 已过期
expiry-note-expired = 已过期：请用 `kubectl ack get-credentials` 重新获取
expiry-note-expired-ago = 已过期：请用 `kubectl ack get-credentials` 重新获取（{ $ago } 前过期）
expiry-note-expiring = 将在 --within 指定的时间内过期：请尽快续期
expiry-note-no-certificate = 无客户端证书（{ $credential }）
expiry-note-renewable = 已进入 ACK 的 180 天续期窗口：现在即可续期
expiry-note-window-opens = 长期证书；ACK 续期窗口将于 { $opens } 开启
expiry-note-temporary = 临时
expiry-prometheus-no-samples = 没有客户端证书的上下文不输出样本：{ $contexts }

## export-cert

export-cert-other-auth = 其用户使用的是 { $auth }
export-cert-certificate = 客户端证书
export-cert-key = 客户端私钥（权限 0600）
export-cert-ca = 集群 CA
export-cert-server = API Server
export-cert-none = （无）

## completion

completion-script-footer =
    # `kubectl-ack …` 的补全脚本。如需补全 `kubectl ack <TAB>`（kubectl 1.26+），请运行一次
    # `kubectl ack completion install-plugin-completion`，然后使用 kubectl 自带的补全。
completion-wrote = 已写入 { $path }
completion-not-on-path = { $dir } 不在 PATH 中；kubectl 只在 PATH 中查找 { $name }

## prune

prune-why-not-found = 集群 { $cluster } 已不存在（ErrorClusterNotFound）
prune-why-deleted = 集群 { $cluster } 已删除
prune-why-expired = 证书已于 { $expires } 过期（{ $ago } 前）
prune-why-missing-cluster = 其集群条目 "{ $cluster }" 不存在
prune-why-missing-user = 其用户条目 "{ $user }" 不存在
prune-header-context = 上下文
prune-header-reason = 原因
prune-header-removes = 一并删除
prune-header-file = 文件
prune-header-kind = 类别
prune-header-name = 名称
prune-header-cluster = 集群
prune-entry = { $kind } { $name }
prune-unused-entries = 没有任何上下文使用的条目（--dangling）：
prune-kept = 以下上下文因无法检查其集群而保留：
prune-confirm = 确定从 KubeConfig 中删除 { $contexts } 个上下文和 { $entries } 个条目吗？每个被修改的文件都会保留一份副本。[y/N]
prune-nothing = 无需清理：每个上下文的集群都存在，且没有证书过期。
prune-dry-run = 试运行：将删除 { $contexts } 个上下文和 { $entries } 个条目；未做任何更改。
prune-done = 已删除 { $contexts } 个上下文和 { $entries } 个条目。
prune-current-context-unset = current-context "{ $context }" 已被清理，现为未设置：请用 `kubectl config use-context NAME` 选择其他上下文。
prune-backup = 修改前的文件已保存为 { $path }（权限 0600）。
prune-kept-warning = { $count } 个上下文因无法检查其集群而保留；原因见上文。
get-credentials-token-certificate-dropped = --auth token：只采用了集群的 API Server 地址和 CA 证书；ACK 随之签发的 15 分钟证书已丢弃，kubectl 将改为出示 RAM 身份令牌
get-credentials-merged-token = 已将上下文 "{ $context }"（集群 { $cluster }，访问方式 { $access }，供 ack-ram-authenticator 使用的 RAM 身份令牌）合并到 { $file }
rotate-reason-token = RAM 身份令牌：每条 kubectl 命令都会生成新令牌，无需续期
rotate-reason-unknown-mode = 由更新版本的 kubectl-ack 以本版本无法识别的模式写入
expiry-note-token = RAM 身份令牌：每条 kubectl 命令都会重新生成，没有会过期的长期凭证
auth-ram-token = 供 ack-ram-authenticator 使用的 RAM 身份令牌，由 `kubectl-ack credential { $cluster } --auth token` 生成
get-credentials-verified-ram-identity = 此 RAM 身份（令牌）
kubeconfig-rewritten-in-place = 已在持有文件锁的情况下就地重写 { $file }：{ $reason }

## --help (src/cli/help.rs): the program, each command, each flag

help-heading-options = 选项
help-heading-commands = 命令
help = 为 kubectl 提供阿里云 ACK 集群凭证：获取、合并和检查集群 KubeConfig。
help-arg--verbose = 输出请求行和所使用的凭证（绝不输出密钥等机密信息）
help-arg--help = 显示帮助
help-arg--version = 显示版本
help-arg--kubeconfig = 只使用此 KubeConfig 文件，而不使用 KUBECONFIG 或 ~/.kube/config
help-arg--profile = 提供凭证和地域的 aliyun CLI 配置（profile）（默认：ALIBABA_CLOUD_PROFILE，其次为当前 profile）
help-arg--region = 地域 ID，例如 cn-hangzhou（默认：ALIBABA_CLOUD_REGION_ID，其次为 profile 的地域）
help-arg--endpoint = ACK OpenAPI 的基础 URL（默认：https://cs.<region>.aliyuncs.com）；明文 http 仅允许用于回环地址
help-arg--timeout = 每个 API 请求的时间限制
help-arg--output = 输出格式
help-arg--cluster = 集群 ID（c 加 32 位十六进制数）或集群名称
help-arg--yes = 不要求确认（标准输入不是终端时必须指定）
help-arg--dry_run = 只输出计划，不做任何更改

help-whoami = 显示上下文的客户端证书所对应的用户、用户组和阿里云账号
help-whoami--context = 要查看的上下文（默认：当前上下文）

help-expiry = 显示客户端证书何时过期；指定 --within 时，如有证书需要续期则以退出码 3 退出
help-expiry--context = 要检查的上下文（默认：当前上下文）
help-expiry--all_contexts = 检查 KubeConfig 中的每个上下文
help-expiry--within = 当被检查的证书已过期或将在此时间内过期时，以退出码 3 退出（例如 30d、12h）

help-export-cert = 将上下文的客户端证书、私钥和 CA 证书写入 PEM 文件
help-export-cert--context = 要导出的上下文（默认：当前上下文）
help-export-cert--out_dir = 写入 client-cert.pem、client-key.pem 和 ca.pem 的目录（不存在时以 0700 权限创建）
help-export-cert--force = 替换已存在的文件

help-get-credentials = 获取集群的 KubeConfig，并在不覆盖任何已有内容的前提下合并到当前生效的 KUBECONFIG
help-get-credentials--all = 当前凭证在该地域（指定 --all-regions 时为所有地域）可以看到的所有集群，并发获取，一次加锁写入；不改动 current-context
help-get-credentials--all_regions = 与 --all 一起使用：所有地域，而不只是配置的地域
help-get-credentials--concurrency = 与 --all 一起使用：同时获取的集群数
help-get-credentials--output = 与 --all 一起使用：在标准输出上以 JSON 或 YAML 报告已写入、失败和跳过的集群
help-get-credentials--private = 使用集群的内网（VPC）API Server 地址，而不是公网地址
help-get-credentials--temporary = 获取有效期为此时长的临时 KubeConfig，15m 至 3d（例如 30m、2h、3d）；默认：ACK 的长期证书
help-get-credentials--context = 要写入的上下文名称（默认：集群名称，指定 --private 时加 -private）
help-get-credentials--print = 将 KubeConfig 输出到标准输出，不写入任何文件
help-get-credentials--no_set_current = 保持 current-context 不变
help-get-credentials--overwrite = 替换属于其他集群的同名上下文
help-get-credentials--verify = 写入后使用新上下文连接集群并列出命名空间
help-get-credentials--exec = 写入运行 `kubectl-ack credential` 的用户（短期证书自动续期，KubeConfig 中不含私钥），而不是嵌入证书；默认有效期 3h
help-get-credentials--auth = kubectl 的认证方式：cert（ACK 的客户端证书，默认）或 token（供 ACK 的 ack-ram-authenticator 组件使用的 RAM 身份令牌：一个 exec 用户，任何地方都没有证书和私钥）
help-get-credentials--insecure_skip_tls_verify = 写入不含 CA 数据、带 insecure-skip-tls-verify 的集群条目（用于 SLB 地址不在证书中的 ACK 专有版集群；不要用于生产环境）
help-get-credentials--namespace = 上下文的默认命名空间（适用于权限限定在命名空间内的用户）；之后的获取和 rotate 都会保留
help-get-credentials--proxy_url = 通过此代理访问 API Server（http://、https:// 或 socks5://HOST:PORT；例如内网地址前的跳板机）；写入集群条目的 proxy-url，之后的获取和 rotate 都会保留

help-revoke = 吊销当前账号在某集群的 KubeConfig（此前签发的所有证书都将失效）

help-clusters = 列出当前凭证可以看到的 ACK 集群
help-clusters--all_regions = 列出所有地域的集群（endpoint 所在的地域只决定向哪里查询）

help-credential = exec 凭证插件：输出 ExecCredential，其中含有经过缓存、自动续期的短期证书
help-credential--cluster_id = 集群 ID（c 加 32 位十六进制数）
help-credential--auth = 交给 kubectl 的凭证：cert（短期客户端证书）或 token（ack-ram-authenticator 令牌）
help-credential--private = 用于集群内网地址的凭证（两种情况下证书类型相同）
help-credential--temporary = 证书有效期，15m 至 3d（默认 3h）
help-credential--refresh = 即使缓存的证书仍然有效，也获取新证书（例如在别处吊销之后）

help-rotate = 重新获取证书即将过期的 ACK 上下文的凭证，一次加锁写入
help-rotate--within = 续期已过期或将在此时间内过期的证书（默认：长期证书按 ACK 的 180 天续期窗口；临时证书在剩余五分之一有效期或 10 分钟时续期）
help-rotate--context = 仅此上下文（默认：所有 ACK 上下文）
help-rotate--all_contexts = KubeConfig 中的所有 ACK 上下文（默认）

help-audit = 查看谁持有集群的 KubeConfig：账号、证书状态和有效期、能否吊销
help-audit--expiring_within = 仅显示证书已过期或将在此时间内过期的 KubeConfig（例如 30d）

help-doctor = 检查凭证、时钟、权限、KubeConfig、证书、TLS 和连通性，每个问题都附修复方法
help-doctor--context = 要检查的上下文（默认：当前上下文）
help-doctor--connect_timeout = 连接集群 API Server 以及等待其每次响应的时间限制

help-prune = 清理已失效的内容：集群已不存在或证书已过期的 ACK 上下文，以及只被它们使用的集群和用户条目（先列出计划，再确认）
help-prune--expired_for = 保留证书过期不足此时长的 ACK 上下文（例如 7d）；默认：清理所有已过期的上下文
help-prune--dangling = 同时删除任何来源的、指向不存在对象的条目：集群或用户缺失的上下文，以及没有上下文使用的集群和用户
help-prune--no_backup = 不在每个被修改的 KubeConfig 文件旁保留副本

help-version = 输出 kubectl-ack 的版本

help-completion = Shell 补全脚本，以及用于 `kubectl ack <TAB>` 的 kubectl_complete-ack 可执行文件
help-completion-bash = 输出 kubectl-ack 的 bash 补全脚本（在 ~/.bashrc 中 source 它）
help-completion-zsh = 输出 kubectl-ack 的 zsh 补全脚本（在 $fpath 中保存为 _kubectl-ack）
help-completion-fish = 输出 kubectl-ack 的 fish 补全脚本（保存到 ~/.config/fish/completions/）
help-completion-powershell = 输出 kubectl-ack 的 PowerShell 补全脚本（在 $PROFILE 中 dot-source 它）
help-completion-install-plugin-completion = 写入 kubectl_complete-ack，kubectl 1.26+ 运行它来补全 `kubectl ack <TAB>`
help-completion-install-plugin-completion--dir = 写入的目录，必须在 PATH 中（默认：在 PATH 中找到 kubectl-ack 的目录）
help-completion-install-plugin-completion--force = 替换不是由 kubectl-ack 写入的已有 kubectl_complete-ack
help-completion-install-plugin-completion--print = 输出脚本，而不写入文件

help-__complete = 输出 `kubectl ack` 之后各个词的补全候选（由 kubectl_complete-ack 运行）
help-__complete--words = `kubectl ack` 之后的各个词；最后一个是正在补全的词（可以为空）
