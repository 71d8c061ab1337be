//! Errors, the parsing of Alibaba Cloud error bodies, and the hints that tell a user what to do.
//!
//! Every `Display` is one line starting in lowercase and never repeats its cause: the cause is reachable
//! through `source()`, and the plugin prints it as `caused by:` lines. No variant holds a secret, a
//! signature or a request URL's query string (STS carries tokens and signatures there).

use std::fmt;

use serde_json::Value;

/// Which service answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// The ACK (CS) OpenAPI.
    Ack,
    /// Security Token Service (AssumeRole, AssumeRoleWithOIDC).
    Sts,
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Service::Ack => "the ACK API",
            Service::Sts => "the STS API",
        })
    }
}

/// An error answer of the service: its code, message and request ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub service: Service,
    /// The operation called, e.g. `DescribeClusterUserKubeconfig`.
    pub action: String,
    pub status: u16,
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = words().and_then(|words| words.api_error(self)) {
            return f.write_str(&text);
        }
        // Code, message and request ID are the server's words: shown on one line, without control
        // characters, so an odd or hostile answer cannot forge report lines or drive the terminal.
        write!(f, "{} refused {}: {}", self.service, self.action, one_line(&self.code))?;
        if !self.message.is_empty() {
            write!(f, ": {}", one_line(&self.message))?;
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " (request id {})", one_line(request_id))?;
        }
        Ok(())
    }
}

impl ApiError {
    /// Whether the service asks us to slow down (`Throttling`, `Throttling.User`, `Throttling.Api`, …).
    pub fn is_throttling(&self) -> bool {
        self.code.starts_with("Throttling")
    }

    /// What the user can do about it, keyed on the code (statuses differ between products).
    pub fn hint(&self) -> Option<String> {
        self.advice().map(|advice| advice.text())
    }

    /// `hint` as data, for a program that words it in its users' language.
    pub fn advice(&self) -> Option<Advice> {
        let code = self.code.as_str();
        let advice = match code {
            "InvalidTimeStamp.Expired" | "SignatureDoesNotMatch" | "IncompleteSignature" | "SignatureNonceUsed" => {
                Advice::CheckClockAndSecret
            }
            "InvalidAccessKeyId.NotFound" => Advice::AccessKeyNotFound,
            "InvalidAccessKeyId.Inactive" => Advice::AccessKeyDisabled,
            "ErrorClusterNotFound" => Advice::CheckClusterAndRegion,
            _ if code.starts_with("InvalidSecurityToken") => Advice::StsTokenInvalid,
            _ if self.is_throttling() => Advice::Throttled,
            _ if code == "StatusForbidden" || code.starts_with("Forbidden") || code == "NoPermission" => {
                let action = ram_action(&self.message).unwrap_or_else(|| self.default_ram_action());
                let also_needed = self.also_needed(&action);
                Advice::GrantRamAction { action, operation: self.action.clone(), also_needed }
            }
            _ => return None,
        };
        Some(advice)
    }

    /// The RAM actions an operation needs besides its own and the one denied, which ACK documents but a
    /// denial names one at a time: ` (ListClusterKubeconfigStates also needs ram:ListUsers and ram:ListRoles)`.
    fn also_needed(&self, denied: &str) -> Vec<String> {
        let documented: &[&str] = match (self.service, self.action.as_str()) {
            (Service::Ack, "ListClusterKubeconfigStates") => &["ram:ListUsers", "ram:ListRoles"],
            _ => &[],
        };
        documented.iter().filter(|action| **action != denied).map(|action| action.to_string()).collect()
    }

    fn default_ram_action(&self) -> String {
        match self.service {
            Service::Ack => format!("cs:{}", self.action),
            Service::Sts => format!("sts:{}", self.action),
        }
    }
}

/// What a user can do about an error: the data of a hint. `Advice::text` words it in English; a program
/// with its own words gives `Words::advice` (kubectl-ack speaks the user's language).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Advice {
    CheckClockAndSecret,
    AccessKeyNotFound,
    AccessKeyDisabled,
    CheckClusterAndRegion,
    StsTokenInvalid,
    Throttled,
    /// `action` was denied while calling `operation`, which also needs `also_needed` (ACK documents them,
    /// a denial names one at a time).
    GrantRamAction {
        action: String,
        operation: String,
        also_needed: Vec<String>,
    },
    /// The endpoint answered HTTP `status`, not like the ACK API.
    NotLikeTheApi {
        status: u16,
    },
    CheckNetwork,
    NoRedirects,
    AllowMoreTime,
    NotLikeAlibabaCloud,
    UseHttps,
    GiveRegion,
    GiveCredentials,
    CorrectSetting,
    CorrectFile,
}

impl Advice {
    /// The advice in the program's words (`Words::advice`), else in English.
    pub fn text(&self) -> String {
        words().and_then(|words| words.advice(self)).unwrap_or_else(|| self.english())
    }

    pub fn english(&self) -> String {
        match self {
            Advice::CheckClockAndSecret => {
                "check the machine clock (requests more than 15 minutes off are refused) and \
                                            that the AccessKey secret belongs to the AccessKey ID"
                    .into()
            }
            Advice::AccessKeyNotFound => "the AccessKey ID does not exist: check ALIBABA_CLOUD_ACCESS_KEY_ID or the \
                                          profile's access_key_id (`aliyun configure list`)"
                .into(),
            Advice::AccessKeyDisabled => {
                "the AccessKey is disabled: enable it or create a new one in the RAM console".into()
            }
            Advice::CheckClusterAndRegion => {
                "check the cluster ID and --region (`kubectl ack clusters` lists the clusters this identity can see)"
                    .into()
            }
            Advice::StsTokenInvalid => "the STS token is expired or invalid: fetch new STS credentials".into(),
            Advice::Throttled => {
                "the API is throttling this account: wait a little and retry, or run fewer requests at once".into()
            }
            Advice::GrantRamAction { action, operation, also_needed } => {
                let also = match also_needed.as_slice() {
                    [] => String::new(),
                    others => format!(" ({operation} also needs {})", others.join(" and ")),
                };
                format!("grant the RAM action {action} to this identity{also}")
            }
            Advice::NotLikeTheApi { status } => format!(
                "the endpoint did not answer like the ACK API (HTTP {status}): check --endpoint, a proxy, or the network"
            ),
            Advice::CheckNetwork => "check the network, a proxy, and --endpoint".into(),
            Advice::NoRedirects => "kubectl-ack follows no redirect on signed or credential calls (it would carry the \
                                    signature or a token elsewhere): configure the address that answers directly \
                                    (--endpoint, ALIBABA_CLOUD_STS_ENDPOINT, ALIBABA_CLOUD_IMDS_ENDPOINT, \
                                    ALIBABA_CLOUD_CREDENTIALS_URI), or check a proxy"
                .into(),
            Advice::AllowMoreTime => "check the network, or allow more time with --timeout".into(),
            Advice::NotLikeAlibabaCloud => {
                "the endpoint is not answering like Alibaba Cloud: check the endpoint settings and a proxy".into()
            }
            Advice::UseHttps => "use an https:// URL".into(),
            Advice::GiveRegion => "pass --region, set ALIBABA_CLOUD_REGION_ID, or set region_id in the aliyun CLI \
                                   profile (`aliyun configure`)"
                .into(),
            Advice::GiveCredentials => {
                "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run `aliyun configure`".into()
            }
            Advice::CorrectSetting => "correct the setting named above, or unset it".into(),
            Advice::CorrectFile => {
                "correct the file named above, or select another profile with --profile or ALIBABA_CLOUD_PROFILE".into()
            }
        }
    }
}

/// The words of ack-client's errors and hints. ack-client speaks English; a program installs its own
/// words once with `set_words`, before anything is shown, and returns `None` for what it leaves English.
pub trait Words: Sync {
    fn error(&self, _error: &Error) -> Option<String> {
        None
    }
    fn api_error(&self, _error: &ApiError) -> Option<String> {
        None
    }
    fn advice(&self, _advice: &Advice) -> Option<String> {
        None
    }
}

static WORDS: std::sync::OnceLock<&'static dyn Words> = std::sync::OnceLock::new();

/// Installs the program's words (the first call wins).
pub fn set_words(words: &'static dyn Words) {
    let _ = WORDS.set(words);
}

fn words() -> Option<&'static dyn Words> {
    WORDS.get().copied()
}

/// The RAM action named in a denial message, e.g. `cs:DescribeClusterUserKubeconfig` in
/// `RAM policy Forbidden for action cs:DescribeClusterUserKubeconfig`.
pub(crate) fn ram_action(message: &str) -> Option<String> {
    message
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '\''))
        .map(|word| word.trim_end_matches(['.', ':']))
        .find(|word| {
            let Some((service, action)) = word.split_once(':') else { return false };
            !service.is_empty()
                && service.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && !action.is_empty()
                && action.chars().all(|c| c.is_ascii_alphanumeric() || c == '*')
        })
        .map(str::to_string)
}

/// A JSON document that could not be decoded, described without quoting any of it (bodies carry private
/// keys and STS secrets, and serde's messages can quote values).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} at line {line} column {column}")]
pub struct JsonError {
    kind: &'static str,
    line: usize,
    column: usize,
}

impl From<serde_json::Error> for JsonError {
    fn from(error: serde_json::Error) -> Self {
        let kind = match error.classify() {
            serde_json::error::Category::Io => "read error",
            serde_json::error::Category::Syntax => "invalid JSON",
            serde_json::error::Category::Data => "unexpected JSON structure",
            serde_json::error::Category::Eof => "truncated JSON",
        };
        JsonError { kind, line: error.line(), column: error.column() }
    }
}

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with an error code.
    Api(ApiError),

    /// The answer was not what the API sends: HTML from a proxy, a truncated body, a missing field.
    UnexpectedResponse {
        action: String,
        url: String,
        status: u16,
        what: String,
        #[source]
        source: Option<JsonError>,
    },

    /// The request could not be sent or its answer not read (DNS, refused connection, reset, TLS).
    Transport {
        action: String,
        url: String,
        #[source]
        source: reqwest::Error,
    },

    /// A 3xx answer. Redirects are never followed: they would resend signed headers or credentials to
    /// the host they name. `location` is that host (and port) only, never the path or query.
    Redirect { action: String, url: String, status: u16, location: Option<String> },

    /// A body larger than any real answer: refused (and not read further) at `limit` bytes.
    AnswerTooLarge { action: String, url: String, limit: usize },

    /// No answer within the timeout.
    Timeout {
        action: String,
        url: String,
        #[source]
        source: reqwest::Error,
    },

    /// An endpoint that is not a usable base URL.
    InvalidEndpoint { what: &'static str, value: String, reason: String },

    /// Plain http to a host that is not loopback.
    InsecureEndpoint { what: &'static str, host: String },

    /// Neither an explicit region, nor `ALIBABA_CLOUD_REGION_ID`, nor the profile's `region_id`.
    NoRegion,

    /// No credential source is configured.
    NoCredentials { tried: Vec<String> },

    /// A credential source is configured but failed.
    CredentialSource {
        source_name: String,
        #[source]
        source: Box<Error>,
    },

    /// A configuration file or setting that cannot be used (bad JSON, unknown mode, missing key, cycle).
    Config { path: String, reason: String },

    /// A file that could not be read (OIDC token file, config files).
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },

    /// The HTTP client could not be built.
    HttpSetup(#[source] reqwest::Error),
}

/// ack-client's own words for its errors (English); `Words::error` may give others.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = words().and_then(|words| words.error(self)) {
            return f.write_str(&text);
        }
        match self {
            Error::Api(api) => write!(f, "{api}"),
            Error::UnexpectedResponse { action, url, status, what, .. } => {
                write!(f, "unexpected answer to {action} from {url}: HTTP {status}, {what}")
            }
            Error::Transport { action, url, .. } => write!(f, "could not reach {url} ({action})"),
            Error::Redirect { action, url, status, location } => write!(
                f,
                "{url} answered {action} with a redirect (HTTP {status}) {}, which is not followed",
                redirect_target(location)
            ),
            Error::AnswerTooLarge { action, url, limit } => write!(
                f,
                "the answer to {action} from {url} is larger than {}, more than any real answer; it was not read further",
                byte_size(*limit)
            ),
            Error::Timeout { action, url, .. } => write!(f, "timed out waiting for {url} ({action})"),
            Error::InvalidEndpoint { what, value, reason } => write!(f, "invalid {what} {value:?}: {reason}"),
            Error::InsecureEndpoint { what, host } => {
                write!(f, "refusing plain http to {host} for the {what}: http is allowed only to loopback hosts")
            }
            Error::NoRegion => f.write_str("no region given"),
            Error::NoCredentials { tried } => {
                write!(f, "no Alibaba Cloud credentials found (tried {})", tried.join("; "))
            }
            Error::CredentialSource { source_name, .. } => write!(f, "could not get credentials from {source_name}"),
            Error::Config { path, reason } => write!(f, "{path}: {reason}"),
            Error::Io { path, .. } => write!(f, "could not read {path}"),
            Error::HttpSetup(_) => f.write_str("could not set up the HTTP client"),
        }
    }
}

impl Error {
    /// What the user can do about it, if there is something specific to say.
    pub fn hint(&self) -> Option<String> {
        self.advice().map(|advice| advice.text())
    }

    /// `hint` as data, for a program that words it in its users' language.
    pub fn advice(&self) -> Option<Advice> {
        let advice = match self {
            Error::Api(api) => return api.advice(),
            Error::UnexpectedResponse { status, .. } => Advice::NotLikeTheApi { status: *status },
            Error::Transport { .. } => Advice::CheckNetwork,
            Error::Redirect { .. } => Advice::NoRedirects,
            Error::Timeout { .. } => Advice::AllowMoreTime,
            Error::AnswerTooLarge { .. } => Advice::NotLikeAlibabaCloud,
            Error::InsecureEndpoint { .. } => Advice::UseHttps,
            Error::NoRegion => Advice::GiveRegion,
            Error::NoCredentials { .. } => Advice::GiveCredentials,
            Error::CredentialSource { source, .. } => return source.advice(),
            Error::Config { path, .. } if path == "environment" || path == "credentials URI" => Advice::CorrectSetting,
            Error::Config { .. } => Advice::CorrectFile,
            _ => return None,
        };
        Some(advice)
    }

    /// The service's error, if this is one (looking through a failed credential source).
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            Error::CredentialSource { source, .. } => source.api_error(),
            _ => None,
        }
    }

    /// Whether the error means the host could not be reached at all (used to skip the ECS metadata service
    /// quietly on machines that are not ECS instances).
    pub(crate) fn is_unreachable(&self) -> bool {
        match self {
            Error::Timeout { .. } => true,
            Error::Transport { source, .. } => source.is_connect() || source.is_timeout(),
            _ => false,
        }
    }
}

/// Builds the error for a failed HTTP exchange. The URL is shown without its query (STS puts the token and
/// the signature there) and is stripped from reqwest's own message for the same reason.
pub(crate) fn transport_error(action: &str, url: &str, error: reqwest::Error) -> Error {
    let url = display_url(url);
    let source = error.without_url();
    if source.is_timeout() {
        Error::Timeout { action: action.to_string(), url, source }
    } else {
        Error::Transport { action: action.to_string(), url, source }
    }
}

/// The error for a non-success answer: the service's code if the body has one, else "not what the API
/// sends" with the HTTP status and what the body looks like.
pub(crate) fn error_from_answer(
    service: Service,
    action: &str,
    url: &str,
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Error {
    match parse_error_body(body) {
        Ok(parsed) => api_error(service, action, status, parsed),
        Err(source) => {
            let what = if !looks_like_json(body) {
                describe_body(content_type, body)
            } else if source.is_some() {
                "the body is not valid JSON".to_string()
            } else {
                "no error code in the body".to_string()
            };
            unexpected(action, url, status, &what, source)
        }
    }
}

fn api_error(service: Service, action: &str, status: u16, parsed: ErrorBody) -> Error {
    Error::Api(ApiError {
        service,
        action: action.to_string(),
        status,
        code: parsed.code,
        message: parsed.message,
        request_id: parsed.request_id,
    })
}

/// An error of the service carried in a success (2xx) answer: a JSON object whose `code` is not a
/// success code. ACK's success answers have no top-level `code`.
pub(crate) fn error_in_success_answer(service: Service, action: &str, status: u16, body: &[u8]) -> Option<Error> {
    let parsed = parse_error_body(body).ok()?;
    let success = ["200", "success", "ok"].iter().any(|word| parsed.code.eq_ignore_ascii_case(word));
    (!success).then(|| api_error(service, action, status, parsed))
}

/// Decodes a success body, describing a failure without quoting anything that may be JSON (it may hold
/// a private key or an STS secret); a body that is not JSON at all is described by its content type and
/// a short, cleaned excerpt.
pub(crate) fn decode_answer<T: serde::de::DeserializeOwned>(
    action: &str,
    url: &str,
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|error| {
        if error.is_data() {
            unexpected(action, url, status, "the body lacks expected fields", Some(JsonError::from(error)))
        } else if looks_like_json(body) {
            unexpected(action, url, status, "the body is not valid JSON", Some(JsonError::from(error)))
        } else {
            unexpected(action, url, status, &describe_body(content_type, body), None)
        }
    })
}

/// Whether the body starts like a JSON object or array: such bodies are never quoted, since the API's
/// own answers carry private keys and STS secrets.
pub(crate) fn looks_like_json(body: &[u8]) -> bool {
    matches!(body.iter().find(|byte| !byte.is_ascii_whitespace()), Some(b'{' | b'['))
}

/// What a body that is not JSON is: `an empty body`, or
/// `a text/html body, not JSON: "Hotel WiFi: log in Please accept the terms"`.
pub(crate) fn describe_body(content_type: Option<&str>, body: &[u8]) -> String {
    if body.iter().all(u8::is_ascii_whitespace) {
        return "an empty body".to_string();
    }
    let kind = match content_type.map(str::trim).filter(|value| !value.is_empty()) {
        Some(content_type) => format!("a {} body", truncate(&one_line(content_type), 60)),
        None => "a body without a content type".to_string(),
    };
    match excerpt(body) {
        Some(excerpt) => format!("{kind}, not JSON: \"{excerpt}\""),
        None => format!("{kind}, not JSON"),
    }
}

/// The first words of a body that is not JSON, as a user could recognise it (a captive portal's title,
/// a proxy's "502 Bad Gateway"): markup dropped, on one line, at most 80 characters. Any run of 16 or more
/// key-like characters (letters, digits, `+/=_-`) is replaced by `…`: a page that reflects the request
/// must not bring an AccessKey secret, a security token or a signature back into a message.
fn excerpt(body: &[u8]) -> Option<String> {
    const READ: usize = 8 * 1024;
    let text = String::from_utf8_lossy(&body[..body.len().min(READ)]);
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => {
                in_tag = true;
                plain.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            c => plain.push(c),
        }
    }
    let cleaned = truncate(&redact_key_like_runs(&one_line(&plain)), 80);
    (!cleaned.is_empty()).then_some(cleaned)
}

fn redact_key_like_runs(text: &str) -> String {
    const LONGEST_SHOWN: usize = 15;
    let is_key_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '_' | '-');
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().count() > LONGEST_SHOWN {
            out.push('…');
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if is_key_char(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// At most `max` characters, with `…` when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

pub(crate) fn unexpected(action: &str, url: &str, status: u16, what: &str, source: Option<JsonError>) -> Error {
    Error::UnexpectedResponse {
        action: action.to_string(),
        url: display_url(url),
        status,
        what: what.to_string(),
        source,
    }
}

/// `16 MiB`, `64 KiB`, `512 bytes`.
fn byte_size(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * KIB;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// `1 MiB`, `64 KiB`, `100 bytes` (for a program's own words of `AnswerTooLarge`).
pub fn answer_size(bytes: usize) -> String {
    byte_size(bytes)
}

fn redirect_target(location: &Option<String>) -> String {
    match location {
        Some(host) => format!("to host {host}"),
        None => "without a Location".to_string(),
    }
}

/// A URL without its query and fragment, fit for messages and log lines.
pub(crate) fn display_url(url: &str) -> String {
    url.split(['?', '#']).next().unwrap_or_default().to_string()
}

/// The interesting fields of an error body, found in any case (`code`/`Code`, `requestId`/`RequestId`/
/// `request_id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorBody {
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
}

/// Parses an error body. `Err` when the body is not a JSON object with a code: HTML, empty, truncated.
pub(crate) fn parse_error_body(body: &[u8]) -> Result<ErrorBody, Option<JsonError>> {
    let value: Value = serde_json::from_slice(body).map_err(|error| Some(JsonError::from(error)))?;
    let object = value.as_object().ok_or(None)?;
    let field = |wanted: &str| {
        object
            .iter()
            .find(|(key, _)| normalise_key(key) == wanted)
            .and_then(|(_, value)| value.as_str())
            .map(str::to_string)
            .filter(|value| !value.is_empty())
    };
    let code = field("code").ok_or(None)?;
    Ok(ErrorBody { code, message: field("message").unwrap_or_default(), request_id: field("requestid") })
}

fn normalise_key(key: &str) -> String {
    key.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect()
}

/// Whitespace runs as one space, other control characters (ESC among them) as U+FFFD.
/// A server's words (a code, a message, a request ID) as they may be shown: on one line, control
/// characters replaced, so an odd or hostile answer cannot forge report lines or drive the terminal.
pub fn one_line(text: &str) -> String {
    let printable: String =
        text.chars().map(|c| if c.is_control() && !c.is_whitespace() { '\u{fffd}' } else { c }).collect();
    printable.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: &str, message: &str) -> ApiError {
        ApiError {
            service: Service::Ack,
            action: "DescribeClusterUserKubeconfig".into(),
            status: 400,
            code: code.into(),
            message: message.into(),
            request_id: Some("E78A2E2D-0000".into()),
        }
    }

    #[test]
    fn the_servers_words_are_shown_on_one_line_without_control_characters() {
        // Found by the ack_answer fuzz target: a code with a line break made a two-line error.
        let body =
            b"{\"Code\":\"Bad\\nhint: run this\",\"Message\":\"\\u001b[31mred\\r\\nsecond\",\"RequestId\":\"R\\n1\"}";
        let error = error_from_answer(Service::Sts, "AssumeRole", "https://sts.example/", 400, None, body);
        assert_eq!(
            error.to_string(),
            "the STS API refused AssumeRole: Bad hint: run this: \u{fffd}[31mred second (request id R 1)"
        );
    }

    #[test]
    fn parses_cs_lowercase_body() {
        let body = br#"{"accessDeniedDetail":{"AuthAction":"cs:DescribeClustersForRegion"},"code":"StatusForbidden",
            "message":"STSToken policy Forbidden for action cs:DescribeClustersForRegion","requestId":"E78A2E2D-1",
            "status":403,"statusCode":403}"#;
        let parsed = parse_error_body(body).unwrap();
        assert_eq!(parsed.code, "StatusForbidden");
        assert_eq!(parsed.message, "STSToken policy Forbidden for action cs:DescribeClustersForRegion");
        assert_eq!(parsed.request_id.as_deref(), Some("E78A2E2D-1"));
    }

    #[test]
    fn parses_rpc_uppercase_body() {
        let body = br#"{"RequestId":"R-1","HostId":"sts.aliyuncs.com","Code":"Forbidden.RAM","Message":"no"}"#;
        let parsed = parse_error_body(body).unwrap();
        assert_eq!((parsed.code.as_str(), parsed.message.as_str()), ("Forbidden.RAM", "no"));
        assert_eq!(parsed.request_id.as_deref(), Some("R-1"));
        let snake = parse_error_body(br#"{"code":"X","request_id":"r"}"#).unwrap();
        assert_eq!(snake.request_id.as_deref(), Some("r"));
    }

    #[test]
    fn non_json_bodies_are_rejected() {
        assert!(parse_error_body(b"<html><body>502 Bad Gateway</body></html>").is_err());
        assert!(parse_error_body(b"").is_err());
        assert!(parse_error_body(br#"{"code":"Internal"#).is_err());
        assert_eq!(parse_error_body(br#"{"message":"no code"}"#), Err(None));
        assert_eq!(parse_error_body(b"[1,2]"), Err(None));
        let truncated = parse_error_body(br#"{"code":"Internal"#).unwrap_err().unwrap();
        assert_eq!(truncated.to_string(), "truncated JSON at line 1 column 17");
    }

    #[test]
    fn api_error_display_is_one_lowercase_line_with_request_id() {
        let error = Error::Api(api("ErrorClusterNotFound", "cluster c1 not found\nsecond line"));
        assert_eq!(
            error.to_string(),
            "the ACK API refused DescribeClusterUserKubeconfig: ErrorClusterNotFound: cluster c1 not found second \
             line (request id E78A2E2D-0000)"
        );
    }

    #[test]
    fn hints_by_code() {
        let clock = api("InvalidTimeStamp.Expired", "").hint().unwrap();
        assert!(clock.contains("clock") && clock.contains("secret"));
        assert_eq!(api("SignatureDoesNotMatch", "").hint(), Some(clock));
        assert_eq!(
            api("StatusForbidden", "RAM policy Forbidden for action cs:DescribeClusterUserKubeconfig.").hint(),
            Some("grant the RAM action cs:DescribeClusterUserKubeconfig to this identity".into())
        );
        assert_eq!(
            api("StatusForbidden", "forbidden").hint(),
            Some("grant the RAM action cs:DescribeClusterUserKubeconfig to this identity".into())
        );
        let states = ApiError { action: "ListClusterKubeconfigStates".into(), ..api("StatusForbidden", "forbidden") };
        assert_eq!(
            states.hint(),
            Some(
                "grant the RAM action cs:ListClusterKubeconfigStates to this identity \
                 (ListClusterKubeconfigStates also needs ram:ListUsers and ram:ListRoles)"
                    .into()
            )
        );
        let list_users = ApiError {
            action: "ListClusterKubeconfigStates".into(),
            ..api("StatusForbidden", "RAM policy Forbidden for action ram:ListUsers")
        };
        assert_eq!(
            list_users.hint(),
            Some(
                "grant the RAM action ram:ListUsers to this identity (ListClusterKubeconfigStates also needs \
                 ram:ListRoles)"
                    .into()
            )
        );
        assert!(api("ErrorClusterNotFound", "").hint().unwrap().contains("--region"));
        assert!(api("InvalidAccessKeyId.NotFound", "").hint().unwrap().contains("AccessKey ID"));
        assert!(api("Throttling.User", "").hint().unwrap().contains("throttling"));
        assert_eq!(api("SomethingElse", "").hint(), None);
    }

    #[test]
    fn ram_action_is_found_in_messages() {
        assert_eq!(
            ram_action("STSToken policy Forbidden for action cs:DescribeClustersForRegion").as_deref(),
            Some("cs:DescribeClustersForRegion")
        );
        assert_eq!(ram_action("You are not authorized to do action: ram:ListUsers.").as_deref(), Some("ram:ListUsers"));
        assert_eq!(ram_action("Forbidden: see https://example.com"), None);
    }

    #[test]
    fn unexpected_body_hint_names_the_status() {
        let error = Error::UnexpectedResponse {
            action: "DescribeClustersV1".into(),
            url: "https://cs.cn-hangzhou.aliyuncs.com/api/v1/clusters".into(),
            status: 502,
            what: "the body is not JSON".into(),
            source: None,
        };
        assert!(error.hint().unwrap().contains("did not answer like the ACK API (HTTP 502)"));
        assert_eq!(
            error.to_string(),
            "unexpected answer to DescribeClustersV1 from https://cs.cn-hangzhou.aliyuncs.com/api/v1/clusters: HTTP \
             502, the body is not JSON"
        );
    }

    #[test]
    fn a_body_that_is_not_json_is_described_by_its_type_and_first_words() {
        let page = b"<html><head><title>502 Bad Gateway</title></head>\r\n<body><center>nginx</center></body></html>";
        assert_eq!(
            describe_body(Some("text/html; charset=utf-8"), page),
            "a text/html; charset=utf-8 body, not JSON: \"502 Bad Gateway nginx\""
        );
        assert_eq!(describe_body(None, b"OK"), "a body without a content type, not JSON: \"OK\"");
        assert_eq!(describe_body(Some("text/plain"), b" \n "), "an empty body");
        assert_eq!(describe_body(Some("text/html"), b"<html></html>"), "a text/html body, not JSON");
        let long = "word ".repeat(40);
        let described = describe_body(Some("text/plain"), long.as_bytes());
        assert!(described.ends_with("word…\""), "{described}");
        assert_eq!(described.chars().filter(|c| *c == 'w').count(), 16, "at most 80 characters: {described}");
    }

    #[test]
    fn key_like_runs_and_control_characters_never_reach_the_excerpt() {
        let echoed = b"Authorization: ACS3-HMAC-SHA256 Credential=LTAI5tAbCdEfGhIjKlMn,\
            Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f0 x-acs-security-token: CAIS+abc/def==ghijklmnop\x1b[31m";
        let described = describe_body(Some("text/plain"), echoed);
        for hidden in ["LTAI5tAbCdEfGhIjKlMn", "0f1e2d3c4b5a", "CAIS+abc", "\x1b"] {
            assert!(!described.contains(hidden), "{hidden} in {described}");
        }
        assert!(described.starts_with("a text/plain body, not JSON: \"Authorization: … …,…"), "{described}");
    }

    #[test]
    fn json_bodies_are_never_quoted() {
        let key = br#"{"config":"-----BEGIN RSA PRIVATE KEY-----\nMIIE"#;
        let error = decode_answer::<serde_json::Value>("A", "https://h/", 200, Some("text/html"), key).unwrap_err();
        assert_eq!(error.to_string(), "unexpected answer to A from https://h/: HTTP 200, the body is not valid JSON");
        let error = error_from_answer(Service::Ack, "A", "https://h/", 500, None, key);
        assert!(!error.to_string().contains("PRIVATE"), "{error}");
    }

    #[test]
    fn an_error_code_in_a_success_answer_is_an_error() {
        let body = br#"{"code":"ErrorClusterNotFound","message":"not found","request_id":"R"}"#;
        let error = error_in_success_answer(Service::Ack, "A", 200, body).unwrap();
        assert_eq!(error.api_error().map(|api| (api.code.as_str(), api.status)), Some(("ErrorClusterNotFound", 200)));
        for success in [&br#"{}"#[..], br#"{"request_id":"R"}"#, br#"{"code":"200"}"#, br#"{"Code":"Success"}"#, b"[]"]
        {
            assert!(error_in_success_answer(Service::Ack, "A", 200, success).is_none());
        }
    }

    #[test]
    fn sizes_are_shown_in_the_largest_whole_unit() {
        assert_eq!(byte_size(16 * 1024 * 1024), "16 MiB");
        assert_eq!(byte_size(64 * 1024), "64 KiB");
        assert_eq!(byte_size(1500), "1500 bytes");
    }

    #[test]
    fn display_url_drops_the_query() {
        assert_eq!(display_url("https://sts.example/?Signature=abc&SecurityToken=t"), "https://sts.example/");
    }
}
