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
get-credentials-merged = 已将上下文 "{ $context }"（集群 { $cluster }，{ $access ->
        [private] 内网访问
       *[public] 公网访问
    }，有效期至 { $expires }）合并到 { $file }
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
access-word = { $access ->
        [private] 内网
       *[public] 公网
    }
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
get-credentials-merged-token = 已将上下文 "{ $context }"（集群 { $cluster }，{ $access ->
        [private] 内网访问
       *[public] 公网访问
    }，供 ack-ram-authenticator 使用的 RAM 身份令牌）合并到 { $file }
rotate-reason-token = RAM 身份令牌：每条 kubectl 命令都会生成新令牌，无需续期
rotate-reason-unknown-mode = 由更新版本的 kubectl-ack 以本版本无法识别的模式写入
expiry-note-token = RAM 身份令牌：每条 kubectl 命令都会重新生成，没有会过期的长期凭证
auth-ram-token = 供 ack-ram-authenticator 使用的 RAM 身份令牌，由 `kubectl-ack credential { $cluster } --auth token` 生成
get-credentials-verified-ram-identity = 此 RAM 身份（令牌）
kubeconfig-rewritten-in-place = 已在持有文件锁的情况下就地重写 { $file }：{ $reason }

## whoami (the RAM identity of token users)

whoami-ram-identity = RAM 身份
whoami-ram-identity-recorded = { $arn }（{ $kind ->
        [Account] 账号本身
        [RAMUser] RAM 用户
        [AssumedRoleUser] RAM 角色
       *[other] { $kind }
    }，账号 { $account }；记录于 { $recorded }）
whoami-ram-identity-unrecorded = 未记录：令牌携带的是每条 kubectl 命令执行时凭证链提供的阿里云凭证（get-credentials --auth token 会记录它们）
get-credentials-identity-unknown = 无法向 STS 查询这些凭证属于谁（{ $error }）；令牌将携带凭证链提供的任意凭证，whoami 也无法说出其身份

## Errors of the use cases (ops::Error) and their hints.

part-client-certificate = 客户端证书
part-client-key = 客户端私钥
part-certificate-authority = CA 证书
error-not-an-ack-context = 上下文 "{ $context }" 不是由 kubectl-ack 写入的
error-changed-while-rotating = 在获取上下文 "{ $context }" 的凭证期间，它被其他程序修改了
error-runtime = 无法启动异步运行时
error-invalid-answer = ACK 为集群 { $cluster } 返回的 KubeConfig 无法使用
error-cluster-name-not-found = 地域 { $region } 中没有名为 "{ $name }" 的集群
error-cluster-name-not-found-anywhere = 所有地域中都没有名为 "{ $name }" 的集群
error-ambiguous-cluster-name = 有 { $count } 个集群名为 "{ $name }"：{ $matches }
error-name-taken = 上下文 "{ $context }" 已存在，且属于{ $owner }
error-verify-failed = 新上下文 "{ $context }" 已写入，但使用它时失败：{ $problem }
error-unsupported-exec-api = kubectl 请求的 ExecCredential 版本 "{ $requested }" 不受 kubectl-ack 支持
error-revoke-not-confirmed = 未经确认，拒绝吊销：标准输入不是终端
error-revoke-cancelled = 已取消吊销：未做任何更改
error-does-not-apply = { $option } 不适用于 { $to }
error-prune-not-confirmed = 未经确认，拒绝清理：标准输入不是终端
error-prune-cancelled = 已取消清理：未做任何更改
error-certificate = 无法读取上下文 "{ $context }" 的{ $what }
error-read-file = 无法从 { $path } 读取上下文 "{ $context }" 的{ $what }
error-missing = 上下文 "{ $context }" 没有{ $what }
error-would-overwrite = { $path } 已存在
error-write = 无法写入 { $path }
error-output = 无法写出输出结果
hint-no-home = 请设置 HOME，或用 --kubeconfig 指定文件
hint-lock-busy = 另一个 kubectl 或 kubectl-ack 正在写入该文件；如果没有这样的程序在运行，说明这是遗留的锁：请用 `{ $command }` 删除它
hint-read-only = kubectl 同样无法写入该文件；请用 `{ $command }` 使其可写，或用 --kubeconfig 选择其他文件。KubeConfig 保持原样
hint-not-a-lock = 它不是由 kubectl 或 kubectl-ack 创建的；请先查看它，如果不是您的文件，请用 `{ $command }` 删除
hint-write = 请检查目录是否可写；KubeConfig 保持原样
hint-invalid-answer = 返回结果看起来不像 ACK 的响应；如果 --endpoint 指向代理或测试服务器，请检查它。未写入任何内容
hint-cluster-name-not-found = 请用 `kubectl ack clusters` 列出集群，改为传入集群 ID，或选择 --region
hint-ambiguous-cluster-name = 请传入集群 ID，而不是集群名称
hint-name-taken = 请用 --context NAME 另选一个名称，或指定 --overwrite 替换它；KubeConfig 保持原样
hint-unsupported-exec-api = 请在 KubeConfig 中将该用户的 exec apiVersion 设为 client.authentication.k8s.io/v1（或 v1beta1）
hint-not-an-ack-context = rotate 只续期由 `kubectl ack get-credentials` 写入的上下文（它们带有 kubectl-ack 扩展）；请先用该命令获取一次此集群的凭证
hint-changed-while-rotating = 请再次运行 `kubectl ack rotate`
hint-revoke-not-confirmed = 指定 --yes 可不经提示直接吊销
hint-does-not-apply-to-token = token 用户在每条 kubectl 命令执行时都会获得新令牌，并且始终校验 API Server：请去掉该选项
hint-prune-not-confirmed = 先用 --dry-run 查看计划，再指定 --yes 不经提示直接清理
hint-certificate = KubeConfig 中的凭证已损坏：请用 `kubectl ack get-credentials CLUSTER` 重新获取
hint-read-file = 请检查 KubeConfig 中的路径（相对路径以 KubeConfig 文件所在目录为基准）
hint-missing-certificate = 其用户使用 { $credential } 认证，磁盘上没有证书；可用 `kubectl auth whoami` 向集群查询您的身份
hint-would-overwrite = 指定 --force 可替换它，或另选 --out-dir
hint-load-explicit-missing = 请检查传给 --kubeconfig 的路径
hint-load-invalid = 请修复该文件，或让 --kubeconfig 或 KUBECONFIG 指向其他文件
hint-load-read = 请检查该文件的权限
hint-load-too-large = 请让 --kubeconfig 或 KUBECONFIG 指向 KubeConfig 文件
hint-no-contexts = KubeConfig 中没有上下文：请用 `kubectl ack get-credentials CLUSTER` 获取
hint-choose-context = 请用 --context 选择其一：{ $names }
hint-choose-context-and-more = 请用 --context 选择其一：{ $names } 以及另外 { $more } 个
hint-user-not-found = KubeConfig 不完整：请用 `kubectl ack get-credentials` 重新获取凭证
merge-owner-ack = ACK 集群 { $cluster } 的{ $access ->
        [private] 内网
       *[public] 公网
    }凭证
merge-owner-cluster = 集群 "{ $cluster }"

## Errors of the layers below: the API's answer, certificates, durations, files, kubeconfigs, the exec cache.

error-answer-not-a-kubeconfig = 它不是 KubeConfig
error-answer-no-context = 其中没有可以获取凭证的上下文
error-answer-missing = 缺少 { $field }
error-answer-server-not-https = 其 server "{ $server }" 不是 https:// URL
error-answer-server-unsafe = 其 server URL { $server } { $problem ->
        [no-host] 没有主机
        [user-info] 带有用户信息
        [query] 带有查询参数
       *[fragment] 带有片段
    }
error-answer-bad-certificate = 其 { $field } 不是证书
error-answer-not-only-certificates = 其 { $field } 除证书外还含有 { $label } 块
error-answer-not-a-ca = 其 certificate-authority-data 不是 CA 证书（basicConstraints CA:TRUE）
error-answer-expired = 其客户端证书已于 { $time } 过期
error-answer-not-yet-valid = 其客户端证书在 { $time } 之前无效
error-answer-bad-key = 其 client-key-data 不是 PEM 私钥
error-answer-key-mismatch = 其客户端私钥与客户端证书不匹配
error-cert-base64 = 数据不是有效的 base64
error-cert-no-certificate-block = PEM 文本中没有 CERTIFICATE 块
error-cert-not-x509 = 数据不是 X.509 证书
error-cert-pem = PEM 文本格式错误
error-key-no-certificate = PEM 文本中没有证书
error-key-not-a-key = 数据不是 rustls 可用于签名的 PEM 私钥
error-key-mismatch = 私钥与证书不匹配
error-duration-empty = 时长为空
error-duration-malformed = "{ $text }" 不是时长：请使用数字加单位，例如 30m、2h30m 或 3d
error-duration-zero = "{ $text }" 为零
error-duration-overflow = "{ $text }" 太长
file-kind = { $kind ->
        [directory] 目录
        [symlink] 符号链接
        [fifo] FIFO
        [socket] 套接字
        [block-device] 块设备
        [char-device] 字符设备
        [file] 普通文件
       *[other] 其他类型的文件
    }
error-lock-busy = { $file } 已被锁定：{ $lock } 已被持有 { $age }
error-lock-create = 无法创建锁文件 { $lock }
error-not-a-lock = { $lock } 是{ $kind }，不是锁文件
error-read-only-file = 该文件为只读（权限 { $mode }）
error-not-regular = 它是{ $kind }，不是普通文件
error-not-a-directory = 它是{ $kind }，不是目录
error-foreign-owner = 它属于 uid { $uid }，而不是当前用户
error-directory-has-its-name = 有一个同名的目录
error-symlink-loop = { $path } 处的符号链接层级过多
error-too-large = 它大于 { $limit }，远超任何{ $what ->
        [cache-entry] 缓存条目
        [kubeconfig] KubeConfig
       *[other] 证书或私钥文件
    }的大小
in-place-hard-links = 它有 { $links } 个硬链接，替换它会拆散这些链接
in-place-cannot-replace = 无法通过重命名替换它（{ $reason }）
in-place-foreign-owner = 它属于 uid { $uid }，替换后的文件无法保留该所有者
error-doc-yaml = 不是有效的 YAML
error-doc-not-a-mapping = 顶层不是映射（mapping）
error-doc-not-a-list = `{ $key }` 不是列表
error-doc-entry-not-a-mapping = `{ $key }` 中有一个条目不是映射
error-doc-body-not-a-mapping = { $noun ->
        [cluster] 集群
        [user] 用户
       *[context] 上下文
    } "{ $name }" 的 `{ $key }` 不是映射
error-doc-current-context-not-a-string = `current-context` 不是字符串
error-doc-name-not-a-string = `{ $key }` 中有一个条目的 `name` 不是字符串
error-doc-field-not-a-string = { $noun ->
        [cluster] 集群
        [user] 用户
       *[context] 上下文
    } "{ $name }" 的 `{ $field }` 不是字符串
error-create-dir = 无法创建目录 { $path }
error-write-kubeconfig = 无法写入 KubeConfig { $path }
error-kubeconfig-read-only = KubeConfig { $path } 为只读（权限 { $mode }）
error-serialize-kubeconfig = 无法序列化 KubeConfig { $path }
error-entry-unbuildable = 无法重新读取文件中的条目以进行编辑，未写入任何内容
error-no-current-context = 未设置当前上下文，也未指定 --context
error-context-not-found = 上下文 "{ $context }" 不存在
error-user-not-found = 上下文 "{ $context }" 指定的用户 "{ $user }" 不存在
error-no-home = 找不到主目录，无法定位 ~/.kube/config
error-kubeconfig-missing = KubeConfig { $path } 不存在
error-kubeconfig-read = 无法读取 KubeConfig { $path }
error-kubeconfig-too-large = KubeConfig { $path } 大于 { $limit } MiB，远超任何 KubeConfig 的大小
error-kubeconfig-not-utf8 = KubeConfig { $path } 不是 UTF-8 文本
error-kubeconfig-invalid = KubeConfig { $path } 不是有效的 KubeConfig
error-cache-dir = 无法使用缓存目录 { $dir }
error-cache-write = 无法写入缓存条目 { $path }
cache-damaged-other-cluster = 它指向另一个集群
cache-damaged-certificate = 无法读取其证书：{ $error }
cache-damaged-key = 其私钥与证书不匹配
cache-damaged-other-ca = 它持有另一个集群的证书（CA 不同）
cache-dir-tightened = 凭证缓存目录 { $dir } 的权限原为 { $mode }，现已改为 0700
cache-entry-tightened = 凭证缓存条目 { $path } 的权限原为 { $mode }，已以 0600 权限重写

## doctor

doctor-check-credentials = 阿里云凭证
doctor-check-clock = 时钟
doctor-check-permission = 获取 KubeConfig 的 RAM 权限
doctor-check-kubeconfig = KubeConfig 文件
doctor-check-certificate = 客户端证书
doctor-check-tls = API Server TLS
doctor-check-reachability = 连通性
doctor-skipped = 已跳过：{ $reason }
doctor-fix = 修复：{ $fix }
doctor-heading-ack = 上下文 "{ $context }"：ACK 集群 { $cluster }，{ $access ->
        [private] 内网
       *[public] 公网
    }访问（{ $how ->
        [provenance] 由 kubectl-ack 记录
       *[name] 根据条目名称识别
    }）
doctor-heading-not-ack = 上下文 "{ $context }"：未被识别为 ACK 集群
doctor-heading-no-context = 没有可检查的上下文
doctor-tally-passed = { $count } 项通过
doctor-tally-warnings = { $count } 项警告
doctor-tally-failed = { $count } 项失败
doctor-tally-skipped = { $count } 项跳过
doctor-tally = { $parts }。
doctor-tally-failed-next = { $parts }。请按上面的修复方法处理，然后再次运行 `kubectl ack doctor`。
list-separator = ，
doctor-no-context = 没有可检查的上下文（见“KubeConfig 文件”）
doctor-not-an-ack-context = 该上下文不属于 ACK 集群：它既没有 kubectl-ack 记录，名称也不是 ack-<集群 ID>
doctor-sync-clock = 请通过 NTP 同步本机时钟（Linux 上：`sudo timedatectl set-ntp true`；ACK API 会拒绝时间偏差超过 15 分钟的请求）
doctor-no-credentials = 没有可用于调用 API 的阿里云凭证
doctor-api-silent = ACK API 没有响应（见“时钟”）
doctor-api-refuses-clock = 在本机时钟校准之前，ACK API 会拒绝本机的签名
doctor-no-client = 无法建立 ACK API 客户端（见“阿里云凭证”）
doctor-credentials-found = 已找到：{ $source }（API { $endpoint }）
doctor-credentials-found-in-region = 已找到：{ $source }（地域 { $region }，API { $endpoint }）
doctor-clock-off = 本机时钟比 ACK API 的时钟{ $direction ->
        [behind] 慢
       *[ahead] 快
    } { $apart }
doctor-clock-refused = { $off }：API 拒绝了其签名（{ $code }）
doctor-clock-in-step = 与 ACK API 的时钟一致（相差 { $apart }）
doctor-clock-drifting = { $off }：签名目前仍能通过
doctor-clock-near-limit = { $off }：接近 15 分钟的上限，超过后所有请求都会被拒绝
doctor-permission-allowed = 集群 { $cluster } 允许 cs:DescribeClusterUserKubeconfig：ACK 为证明这一点签发了一张 { $minutes } 分钟的证书，doctor 已将其丢弃，未写入任何内容
doctor-no-kubeconfig = 没有 KubeConfig：{ $files } 不存在
doctor-no-kubeconfig-fix = 请用 `kubectl ack get-credentials CLUSTER` 获取集群凭证，或用 --kubeconfig 或 KUBECONFIG 指定其他文件
doctor-context-defined = 上下文 "{ $context }" 定义在 { $file } 中
doctor-lock-unchecked = 无法检查 { $file }.lock：{ $error }
doctor-lock-unchecked-fix = 请检查 KubeConfig 所在目录的权限
doctor-file-fine = { $file }：未被锁定
doctor-file-fine-mode = { $file }：权限 { $mode }，未被锁定
doctor-file-world-readable = { $file } 可被本机所有用户读取（权限 { $mode }），且其中含有凭证
doctor-file-group-readable = { $file } 可被其所属组读取（权限 { $mode }），且其中含有凭证
doctor-lock-writer = { $writer ->
        [gone] （进程 { $pid }，该进程已不再运行）
        [known] （进程 { $pid }）
       *[unknown] {""}
    }
doctor-lock-stale = { $lock } 是 { $when } 前遗留的{ doctor-lock-writer }：它存在期间，kubectl 和 kubectl-ack 都无法写入 { $file }
doctor-lock-in-use = { $lock } 于 { $when } 前被占用{ doctor-lock-writer }：有 kubectl 或 kubectl-ack 正在写入 { $file }
doctor-lock-in-use-fix = 如果一分钟后它仍然存在，请删除它：{ $command }
doctor-not-a-certificate-user = 该用户使用 { $auth } 认证，而不是磁盘上的证书
doctor-certificate-unreadable = 无法读取客户端证书：{ $error }
doctor-no-private-key = 该用户有证书，但没有私钥
doctor-refetch = 请重新获取凭证：`{ $command }`
doctor-certificate-expired = { $subject } 已于 { $until } 过期（{ $ago } 前）
doctor-certificate-not-yet-valid = { $subject } 在 { $from } 之前无效：本机时钟可能慢了
doctor-check-the-clock = 请检查本机时钟（见“时钟”）
doctor-certificate-in-renewal-window = { $subject } 将于 { $until } 过期（剩余 { $left }）：已进入 ACK 长期证书的 180 天续期窗口
doctor-renew-now = 请立即续期：`{ $command }`
doctor-certificate-long-term = { $subject } 有效期至 { $until }（剩余 { $left }；长期证书，ACK 续期窗口将于 { $opens } 开启）
doctor-certificate-temporary = { $subject } 有效期至 { $until }（剩余 { $left }；临时证书）
doctor-key-matches = 私钥与证书匹配
doctor-key-mismatch = 私钥与证书不匹配：API Server 将拒绝握手
doctor-key-unusable = 私钥无法使用：{ $error }

## Why the API server could not be used (get-credentials --verify and doctor)

apiserver-detail = （{ $detail }）
apiserver-name-mismatch = x509：API Server 的证书对 { $server } 无效{ $detail }
apiserver-name-mismatch-hint = API Server 的 SLB 绑定了新 IP 时会出现这种情况。ACK 托管版集群：将该地址添加到 API Server 证书的 SAN 中（ACK 控制台，集群信息）。ACK 专有版集群：使用 --insecure-skip-tls-verify 重新获取（不要用于生产环境）
apiserver-expired = 有证书已过期{ $detail }
apiserver-expired-hint = 请用 `{ $command }` 获取新凭证，并检查本机时钟
apiserver-unknown-issuer = API Server 的证书不是由集群 CA 签发的{ $detail }
apiserver-unknown-issuer-hint-refetch = 如果集群被重建或其 CA 已轮转，请用 `{ $command }` 重新获取其 CA；否则说明您与集群之间有其他设备出示了另一张证书（代理？）
apiserver-unknown-issuer-hint = 您与集群之间有其他设备出示了另一张证书（代理？）
apiserver-unauthorized = API Server 拒绝了该证书（401 { $message }）
apiserver-unauthorized-hint = 证书已过期或已被吊销：请用 `{ $command }` 获取新凭证
apiserver-forbidden = 证书已被接受，但无权列出命名空间（403：{ $message }）
apiserver-forbidden-hint = 凭证有效；请联系集群管理员授予 RBAC 权限（ACK 控制台：授权管理）
apiserver-status = API Server 返回了 { $code }：{ $message }
apiserver-status-hint = 请用 `kubectl ack clusters` 检查集群状态
apiserver-refused = { $server } 上没有服务接受连接{ $detail }
apiserver-refused-hint = API Server 已停止运行或地址已过时：请与 `kubectl ack clusters` 中集群的访问地址比较，并用 `{ $command }` 重新获取凭证
apiserver-other-hint = 请使用 --verbose 运行，并在 ACK 控制台中检查该集群
apiserver-unreachable-intranet = 无法连接内网地址 { $server }{ $detail }
apiserver-unreachable-intranet-hint = 内网地址只能从集群所在的 VPC 内（或通过 VPN/高速通道）访问；在其他位置，请去掉 --private 获取公网凭证
apiserver-unreachable-intranet-hint-command = 内网地址只能从集群所在的 VPC 内（或通过 VPN/高速通道）访问；在其他位置，请用 `{ $command }` 获取公网凭证
apiserver-unreachable-public = 无法连接 { $server } 上的 API Server{ $detail }
apiserver-unreachable-public-hint = 请检查集群的 API Server 是否开启了公网访问（EIP），以及是否有防火墙阻止了 6443 端口
apiserver-unreachable-public-hint-command = 请检查集群的 API Server 是否开启了公网访问（EIP），以及是否有防火墙阻止了 6443 端口；在集群所在的 VPC 内，`{ $command }` 会使用内网地址
doctor-no-server = 该上下文的集群条目中没有 server 地址
doctor-server-unusable = server { $server } 不是带主机和端口的 https:// URL
doctor-server-unusable-see-tls = 无法使用该 server 地址（见“API Server TLS”）
doctor-insecure-skip-tls-verify = 已设置 insecure-skip-tls-verify：kubectl 不校验 API Server 的身份
doctor-insecure-skip-tls-verify-fix = 只有 SLB 地址不在证书中的 ACK 专有版集群才需要它；否则请连同 CA 重新获取凭证：`{ $command }`
doctor-no-ca = 集群条目中没有 CA：kubectl 将信任本机的根 CA，doctor 不检查这些根证书
doctor-no-ca-fix = 请重新获取凭证以记录集群的 CA：`{ $command }`
doctor-ca-not-pem = 该上下文的 CA 不是 PEM 证书
doctor-ca-matches-ack = 该上下文的 CA 与 ACK 记录的集群 CA 一致
doctor-ca-differs-from-ack = 该上下文的 CA 与 ACK 记录的集群 CA 不一致：它属于另一个集群，或集群的 CA 已轮转
doctor-no-tls-connection = 没有与 API Server 的 TLS 连接（见“连通性”）
doctor-tls-closed = 连接在 TLS 握手期间被关闭（{ $error }）：对方可能不是 API Server
doctor-tls-closed-fix = 请将 server 地址与 `kubectl ack clusters` 中集群的访问地址进行比较
doctor-tls-verified = API Server 的证书由该上下文的 CA 签发，并且对 { $name } 有效
doctor-server-certificate = API Server 的证书
doctor-tls-alert-handshake = API Server 以 TLS 告警 { $alert } 结束了握手：它拒绝了客户端证书
doctor-tls-alert-connection = API Server 以 TLS 告警 { $alert } 结束了连接：它拒绝了客户端证书
doctor-tls-handshake-failed = TLS 握手失败：{ $error }
doctor-certificate-valid-for = 它对 { $names } 有效
doctor-certificate-names-nothing = 它没有列出任何地址
doctor-issued-by-not-ca = 签发者为 "{ $issuer }"；该上下文的 CA 为 "{ $ca }"
doctor-issued-by = 签发者为 "{ $issuer }"
doctor-token-accepted = API Server 接受了 RAM 身份令牌（GET /version：{ $code }）
doctor-token-refused = API Server 拒绝了 RAM 身份令牌（401 Unauthorized）
doctor-token-refused-fix = 请依次检查：集群是否安装了 ack-ram-authenticator 组件（ACK 控制台中的组件管理）；是否有 RAMIdentityMapping 映射了此 RAM 用户或角色（以管理员身份运行 `kubectl get ramidentitymappings`）；本机时钟是否准确（STS 会拒绝偏差超过 15 分钟的令牌）
doctor-certificate-accepted = API Server 接受了客户端证书（GET /version：{ $code }）
doctor-version-status = API Server 对 GET /version 返回了 { $code }
doctor-version-silent = GET /version 没有响应（{ $error }）
doctor-version-silent-fix = 运行 `kubectl get --raw /version -v=6` 查看 API Server 的行为
doctor-silent = 它接受了连接，但未在 { $limit } 内响应
doctor-reachable = { $address } 接受连接并有响应
doctor-reachable-through-proxy = { $address } 通过代理 { $proxy }（{ $origin }）接受连接并有响应
doctor-unresolved = 无法解析 { $host }：{ $error }
doctor-unresolved-fix = 请检查 KubeConfig 中的 server 地址以及本机的 DNS
doctor-connection-refused = 连接被拒绝
doctor-no-connection = { $limit } 内未能建立连接
doctor-proxy-unreachable = 无法连接代理 { $proxy }（{ $origin }）：{ $error }
doctor-proxy-unreachable-fix = 请启动代理或跳板机隧道，或更正 { $origin }
doctor-proxy-refused = 代理 { $proxy }（{ $origin }）不肯连接到 API Server：{ $reason }
doctor-proxy-refused-fix = 请检查代理是否允许对 API Server 的地址和端口执行 CONNECT
doctor-proxy-unsupported = API Server 需要通过 https:// 代理 { $proxy }（{ $origin }）访问，doctor 无法经由这种代理连接
doctor-proxy-unsupported-fix = 请用 `kubectl get --raw /version -v=6` 检查连接
doctor-address-out-of-date = ACK 给出的集群{ $access ->
        [private] 内网
       *[public] 公网
    }地址为 { $ack }，但该上下文使用的是 { $server }

## Values on the command line, proxies, --verify

cli-empty-context = 上下文名称不能为空
cli-bad-namespace = "{ $text }" 不是命名空间名称：只能包含小写字母、数字和 '-'，最多 63 个字符，且以字母或数字开头和结尾
cli-proxy-not-a-url = 不是 URL（{ $error }）：请使用 scheme://host:port
cli-proxy-scheme = 不支持代理协议 "{ $scheme }"：请使用 http://、https:// 或 socks5://
cli-proxy-no-host = 代理 URL 中没有主机
cli-proxy-user-info = http(s) 代理 URL 不能带有用户信息：否则 KubeConfig 中会保存其密码
cli-proxy-extra = 代理 URL 的格式为 scheme://host[:port]，不能带路径、查询参数或片段
cli-proxy-not-utf8 = 该 URL 不是 UTF-8
cli-temporary-not-minutes = "{ $text }" 不是整数分钟
cli-temporary-out-of-range = "{ $text }" 超出了 ACK 临时 KubeConfig 的有效期范围：15m 至 3d
proxy-answer-too-long = 响应过长，不可能是 CONNECT 的应答
proxy-closed = 它关闭了连接
proxy-connect-answer = 它对 CONNECT 的应答为 "{ $status }"
proxy-socks5-method = 它不接受这种 SOCKS5 认证方式
proxy-socks5-credentials = 它拒绝了 SOCKS5 用户名和密码
proxy-socks5-code = 它对 SOCKS5 CONNECT 的应答码为 { $code }
proxy-socks5-malformed = 它的 SOCKS5 应答格式错误
verify-unexpected-hint = 请附上 --verbose 的输出报告此问题

## Times (durations themselves keep one format in every language: 3d 4h, 15m)

time-left = 剩余 { $duration }
time-expired-ago = { $duration } 前已过期

## The Alibaba Cloud API client's errors and hints

ack-api-refused = { $service ->
        [sts] STS API
       *[ack] ACK API
    } 拒绝了 { $action }：{ $code }
ack-api-message = ：{ $message }
ack-api-request-id = （请求 ID { $id }）
ack-unexpected-answer = { $url } 对 { $action } 的响应不符合预期：HTTP { $status }，{ $what }
ack-transport = 无法连接 { $url }（{ $action }）
ack-redirect = { $url } 对 { $action } 返回了指向主机 { $host } 的重定向（HTTP { $status }），该重定向不会被跟随
ack-redirect-no-location = { $url } 对 { $action } 返回了不带 Location 的重定向（HTTP { $status }），该重定向不会被跟随
ack-answer-too-large = { $url } 对 { $action } 的响应大于 { $limit }，超过任何真实响应的大小；已停止读取
ack-timeout = 等待 { $url } 超时（{ $action }）
ack-invalid-endpoint = 无效的 { $what } { $value }：{ $reason }
ack-insecure-endpoint = 拒绝以明文 http 连接 { $what } 的主机 { $host }：http 仅允许用于回环地址
ack-no-region = 未指定地域
ack-no-credentials = 未找到阿里云凭证（已尝试：{ $tried }）
ack-credential-source = 无法从 { $source } 获取凭证
ack-io = 无法读取 { $path }
ack-http-setup = 无法建立 HTTP 客户端
ack-advice-clock-and-secret = 请检查本机时钟（偏差超过 15 分钟的请求会被拒绝），以及 AccessKey Secret 是否与 AccessKey ID 对应
ack-advice-access-key-not-found = 该 AccessKey ID 不存在：请检查 ALIBABA_CLOUD_ACCESS_KEY_ID 或 profile 的 access_key_id（`aliyun configure list`）
ack-advice-access-key-disabled = 该 AccessKey 已被禁用：请在 RAM 控制台中启用它，或创建新的 AccessKey
ack-advice-cluster-and-region = 请检查集群 ID 和 --region（`kubectl ack clusters` 会列出此身份可以看到的集群）
ack-advice-sts-token = STS Token 已过期或无效：请获取新的 STS 凭证
ack-advice-throttled = API 正在对此账号限流：请稍后重试，或减少同时发出的请求
ack-advice-grant = 请为此身份授予 RAM 操作 { $action } 的权限
ack-advice-grant-also = 请为此身份授予 RAM 操作 { $action } 的权限（{ $operation } 还需要 { $also }）
ack-advice-and = 、
ack-advice-not-like-the-api = 该 endpoint 的响应不像 ACK API（HTTP { $status }）：请检查 --endpoint、代理或网络
ack-advice-network = 请检查网络、代理和 --endpoint
ack-advice-no-redirects = kubectl-ack 在签名调用和凭证调用中不跟随任何重定向（否则签名或令牌会被带到别处）：请配置能直接响应的地址（--endpoint、ALIBABA_CLOUD_STS_ENDPOINT、ALIBABA_CLOUD_IMDS_ENDPOINT、ALIBABA_CLOUD_CREDENTIALS_URI），或检查代理
ack-advice-more-time = 请检查网络，或用 --timeout 放宽时间限制
ack-advice-not-alibaba-cloud = 该 endpoint 的响应不像阿里云：请检查 endpoint 设置和代理
ack-advice-https = 请使用 https:// URL
ack-advice-region = 请指定 --region，设置 ALIBABA_CLOUD_REGION_ID，或在 aliyun CLI 的 profile 中设置 region_id（`aliyun configure`）
ack-advice-credentials = 请设置 ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET，或运行 `aliyun configure`
ack-advice-correct-setting = 请更正上面提到的设置，或取消该设置
ack-advice-correct-file = 请更正上面提到的文件，或用 --profile 或 ALIBABA_CLOUD_PROFILE 选择其他 profile

## --help (src/cli/help.rs): the program, each command, each flag

help-heading-options = 选项
help-heading-commands = 命令
help-heading-usage = 用法
help-heading-arguments = 参数
help-spec-default = 默认
help-spec-env = 环境变量
help-spec-possible-values = 可选值
help-arg--help-more = 显示帮助（用 '--help' 查看更多）
help-arg--help-summary = 显示帮助（用 '-h' 查看摘要）
help-arg--output--text = 人类可读的文本（列表以表格显示）
help-expiry--output--text = 人类可读的文本（表格）
help-expiry--output--prometheus = Prometheus 文本格式，供 node_exporter 的 textfile collector 使用
help-arg--auth--cert = ACK 的客户端证书
help-arg--auth--token = 供 ack-ram-authenticator 使用的 RAM 身份令牌
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

## audit --all、offboard、--for-user
audit-nothing-orphaned = 集群 { $cluster } 上没有已删除或已停用账号仍持有有效的 KubeConfig。
audit-all-nothing = 已审计的 { $clusters } 个集群上没有任何账号持有 KubeConfig。
audit-all-nothing-orphaned = 已审计的 { $clusters } 个集群上没有已删除或已停用账号仍持有有效的 KubeConfig。
audit-all-failed = error: 无法审计集群 { $cluster }：{ $error }
audit-all-progress = 正在审计集群：{ $done }/{ $total }
audit-header-cluster = 集群
rotate-reason-issued-for = 这是用 --for-user 为 { $uid } 颁发的：请用 `kubectl ack get-credentials CLUSTER --for-user { $uid }` 续期
cli-invalid-uid = UID 是阿里云账号、RAM 用户或 RAM 角色 ID 的数字（例如 283456789012345）
offboard-identity-unknown = 无法向 STS 查询这些凭证属于谁（{ $error }）；ACK 自身会拒绝清除主账号或调用者本人
offboard-nothing = { $uid } 没有 KubeConfig，也没有 ACK 管理的 RBAC 授权{ $scoped ->
        [yes] （在指定的集群上）
       *[no] {""}
    }：无需清除。
offboard-plan-kubeconfigs = { $uid } 的 KubeConfig（ListUserKubeConfigStates）：
offboard-plan-no-kubeconfigs = { $uid } 没有 KubeConfig。
offboard-plan-grants = ACK 为 { $uid } 管理的 RBAC 授权（DescribeUserPermission）：
offboard-plan-no-grants = ACK 没有为 { $uid } 管理任何 RBAC 授权。
offboard-header-cluster = 集群
offboard-header-cluster-state = 集群状态
offboard-header-certificate = 证书
offboard-header-expires = 过期时间
offboard-header-resource = 资源
offboard-header-role = 角色
offboard-header-role-type = 角色类型
offboard-header-before = 之前
offboard-header-now = 现在
offboard-dry-run = 试运行：未发送任何清除请求。去掉 --dry-run 后，{ $operation } 将清除 { $clusters } 个集群{ $force ->
        [yes] ，不经过 ACK 的 7 天活跃检查（--force）
       *[no] ，并先经过 ACK 的 7 天活跃检查
    }。
offboard-confirm = 确定清除 { $uid } 在 { $clusters } 个集群上的 KubeConfig 和 ACK 管理的 RBAC 授权吗{ $force ->
        [yes] （不经过 ACK 的活跃检查）
       *[no] {""}
    }？[y/N]
offboard-sent = 已发送 { $operation }{ $task ->
        [none] {""}
       *[other] （任务 { $task }）
    }。
offboard-waiting = 等待 ACK 清除 KubeConfig：{ $removed }/{ $total }
offboard-not-waited = --no-wait：不等待；`kubectl ack offboard { $uid } --dry-run` 可查看剩余内容。
offboard-removed = 已清除
offboard-not-removed = 尚未清除
offboard-done = 已清除 { $uid } 在 { $clusters } 个集群上的 KubeConfig 和 RBAC 授权。
offboard-incomplete = { $seconds } 秒后仍有 { $left }/{ $total } 个 KubeConfig 显示为已颁发：ACK 的任务可能仍在运行；请稍后用 `kubectl ack offboard { $uid } --dry-run` 再次检查。
offboard-recycle-bin = 已清除的 KubeConfig 可在 30 天内连同其 RBAC 权限从 ACK 控制台的 KubeConfig 回收站恢复（授权管理 → KubeConfig 回收站）；没有可用的 API。
error-offboard-root = { $uid } 是阿里云账号（主账号）本身：ACK 不会清除账号自身的权限
hint-offboard-root = 请改为清除 RAM 用户或 RAM 角色；账号自身的 KubeConfig 用 `kubectl ack revoke CLUSTER` 吊销
error-offboard-self = { $uid } 就是运行此命令的身份（{ $arn }）：ACK 不会清除调用者本人的权限
hint-offboard-self = 请使用另一位管理员的凭证运行 offboard（例如 `--profile admin`）
error-offboard-not-confirmed = offboard 需要确认，但标准输入不是终端
hint-offboard-not-confirmed = 指定 --yes 不经提示直接清除，或用 --dry-run 只查看计划
error-offboard-cancelled = 已取消 offboard：未发送任何请求
error-clean-refused = ACK 拒绝清除 { $uid } 的 KubeConfig（{ $code }）：{ $reason }
hint-clean-refused = 未指定 --force 时，ACK 会先读取集群的审计日志：若 { $uid } 在最近 7 天内访问过集群，或无法读取审计日志（未开启集群审计），则拒绝清除；--force 跳过该检查，{ $uid } 会立即失去访问权限，即使正在会话中（KubeConfig 在 30 天内仍可从控制台的回收站恢复）
hint-for-user-root-only = 只有阿里云账号（主账号）本身才能为其 RAM 用户或 RAM 角色颁发 KubeConfig：请使用主账号的凭证运行（例如主账号的 `--profile`）
error-for-user-needs-a-file = --for-user 写入的是其他用户的凭证，绝不会写入您自己的 KubeConfig
hint-for-user-needs-a-file = 加上 --print 打印该 KubeConfig，或用 --kubeconfig FILE 写入一个单独的文件
help-get-credentials--for_user = 为账号下的某个 RAM 用户或 RAM 角色（按 UID）颁发 KubeConfig（仅限主账号凭证；只能配合 --print 或 --kubeconfig FILE 写出，绝不写入您自己的 KubeConfig）
help-audit--all = 审计当前地域（或配合 --all-regions 的所有地域）中凭证可见的所有集群，并发执行，汇总为一张表
help-audit--all_regions = 配合 --all：所有地域，而不只是已配置的地域
help-audit--deleted_accounts = 只显示不应存在的 KubeConfig：已删除（Deleted）或已停用（InActive）的账号仍持有既未过期也未清除的证书
help-offboard = 人员离职时：清除 RAM 用户或 RAM 角色在所有集群上的 KubeConfig 和 ACK 管理的 RBAC 授权（先列出计划；除非 --force，否则经过 ACK 的 7 天活跃检查；然后等待 ACK 显示已清除）
help-offboard--uid = RAM 用户或 RAM 角色的 UID（数字，与控制台和 ListClusterKubeconfigStates 显示的一致）
help-offboard--clusters = 只处理此集群（ID 或名称）；可重复指定（默认：所有集群）
help-offboard--force = 不经过 ACK 对用户最近 7 天活跃情况的检查直接清除（用户立即失去访问权限）
help-offboard--no_wait = 不等待 ACK 显示 KubeConfig 已清除
