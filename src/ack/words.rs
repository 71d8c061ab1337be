//! ack-client's errors and hints in the catalogue's words: ack-client speaks English and lets a program
//! give its own (`ack_client::Words`), which `run` installs once. Free text inside them (what a body
//! looked like, why a setting is wrong, a credential source's description) stays as ack-client wrote it.

use ack_client::{Advice, ApiError, Error, Service, Words};

use crate::t;

/// The catalogue's words for ack-client.
pub struct Catalogue;

pub static CATALOGUE: Catalogue = Catalogue;

impl Words for Catalogue {
    fn error(&self, error: &Error) -> Option<String> {
        Some(match error {
            Error::Api(api) => return self.api_error(api),
            Error::UnexpectedResponse { action, url, status, what, .. } => t!(
                "ack-unexpected-answer",
                action = action.as_str(),
                url = url.as_str(),
                status = *status,
                what = what.as_str()
            ),
            Error::Transport { action, url, .. } => t!("ack-transport", action = action.as_str(), url = url.as_str()),
            Error::Redirect { action, url, status, location: Some(host) } => {
                t!("ack-redirect", action = action.as_str(), url = url.as_str(), status = *status, host = host.as_str())
            }
            Error::Redirect { action, url, status, location: None } => {
                t!("ack-redirect-no-location", action = action.as_str(), url = url.as_str(), status = *status)
            }
            Error::AnswerTooLarge { action, url, limit } => t!(
                "ack-answer-too-large",
                action = action.as_str(),
                url = url.as_str(),
                limit = ack_client::answer_size(*limit)
            ),
            Error::Timeout { action, url, .. } => t!("ack-timeout", action = action.as_str(), url = url.as_str()),
            Error::InvalidEndpoint { what, value, reason } => {
                t!("ack-invalid-endpoint", what = *what, value = format!("{value:?}"), reason = reason.as_str())
            }
            Error::InsecureEndpoint { what, host } => t!("ack-insecure-endpoint", what = *what, host = host.as_str()),
            Error::NoRegion => t!("ack-no-region"),
            Error::NoCredentials { tried } => t!("ack-no-credentials", tried = tried.join("; ")),
            Error::CredentialSource { source_name, .. } => t!("ack-credential-source", source = source_name.as_str()),
            Error::Io { path, .. } => t!("ack-io", path = path.as_str()),
            Error::HttpSetup(_) => t!("ack-http-setup"),
            _ => return None,
        })
    }

    fn api_error(&self, error: &ApiError) -> Option<String> {
        let service = match error.service {
            Service::Ack => "ack",
            Service::Sts => "sts",
        };
        let code = ack_client::one_line(&error.code);
        let mut text = t!("ack-api-refused", service = service, action = error.action.as_str(), code = code);
        if !error.message.is_empty() {
            text.push_str(&t!("ack-api-message", message = ack_client::one_line(&error.message)));
        }
        if let Some(request_id) = &error.request_id {
            text.push_str(&t!("ack-api-request-id", id = ack_client::one_line(request_id)));
        }
        Some(text)
    }

    fn advice(&self, advice: &Advice) -> Option<String> {
        Some(match advice {
            Advice::CheckClockAndSecret => t!("ack-advice-clock-and-secret"),
            Advice::AccessKeyNotFound => t!("ack-advice-access-key-not-found"),
            Advice::AccessKeyDisabled => t!("ack-advice-access-key-disabled"),
            Advice::CheckClusterAndRegion => t!("ack-advice-cluster-and-region"),
            Advice::StsTokenInvalid => t!("ack-advice-sts-token"),
            Advice::Throttled => t!("ack-advice-throttled"),
            Advice::GrantRamAction { action, operation, also_needed } if also_needed.is_empty() => {
                let _ = operation;
                t!("ack-advice-grant", action = action.as_str())
            }
            Advice::GrantRamAction { action, operation, also_needed } => t!(
                "ack-advice-grant-also",
                action = action.as_str(),
                operation = operation.as_str(),
                also = also_needed.join(&t!("ack-advice-and"))
            ),
            Advice::NotLikeTheApi { status } => t!("ack-advice-not-like-the-api", status = *status),
            Advice::CheckNetwork => t!("ack-advice-network"),
            Advice::NoRedirects => t!("ack-advice-no-redirects"),
            Advice::AllowMoreTime => t!("ack-advice-more-time"),
            Advice::NotLikeAlibabaCloud => t!("ack-advice-not-alibaba-cloud"),
            Advice::UseHttps => t!("ack-advice-https"),
            Advice::GiveRegion => t!("ack-advice-region"),
            Advice::GiveCredentials => t!("ack-advice-credentials"),
            Advice::CorrectSetting => t!("ack-advice-correct-setting"),
            Advice::CorrectFile => t!("ack-advice-correct-file"),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The catalogue's English is ack-client's English, word for word, so installing it changes no
    /// English output.
    #[test]
    fn the_catalogue_says_in_english_what_ack_client_says() {
        let api = |code: &str, message: &str, action: &str| ApiError {
            service: Service::Ack,
            action: action.into(),
            status: 403,
            code: code.into(),
            message: message.into(),
            request_id: Some("5A2C-…".into()),
        };
        let denied = api(
            "StatusForbidden",
            "RAM policy Forbidden for action cs:ListClusterKubeconfigStates",
            "ListClusterKubeconfigStates",
        );
        let errors = [
            Error::Api(denied.clone()),
            Error::Api(api("Throttling.User", "", "DescribeClusterDetail")),
            Error::NoRegion,
            Error::NoCredentials { tried: vec!["environment".into(), "the aliyun CLI profile".into()] },
            Error::Redirect {
                action: "DescribeClusters".into(),
                url: "https://127.0.0.1:1/".into(),
                status: 302,
                location: Some("127.0.0.2".into()),
            },
            Error::Redirect {
                action: "DescribeClusters".into(),
                url: "https://127.0.0.1:1/".into(),
                status: 307,
                location: None,
            },
            Error::AnswerTooLarge {
                action: "DescribeClusters".into(),
                url: "https://127.0.0.1:1/".into(),
                limit: 16 << 20,
            },
            Error::InsecureEndpoint { what: "ACK endpoint", host: "192.0.2.1".into() },
            Error::InvalidEndpoint { what: "endpoint", value: "ftp://x".into(), reason: "not http(s)".into() },
        ];
        for error in &errors {
            let english = error.to_string();
            let ours = crate::i18n::in_english(|| CATALOGUE.error(error)).unwrap();
            assert_eq!(ours, english);
            if let Some(advice) = error.advice() {
                assert_eq!(crate::i18n::in_english(|| CATALOGUE.advice(&advice)).unwrap(), advice.english());
            }
        }
        let advice = Error::Api(denied).advice().unwrap();
        assert_eq!(
            advice.english(),
            "grant the RAM action cs:ListClusterKubeconfigStates to this identity (ListClusterKubeconfigStates also needs ram:ListUsers and ram:ListRoles)"
        );
        for advice in [
            Advice::CheckClockAndSecret,
            Advice::AccessKeyNotFound,
            Advice::AccessKeyDisabled,
            Advice::CheckClusterAndRegion,
            Advice::StsTokenInvalid,
            Advice::Throttled,
            Advice::NotLikeTheApi { status: 502 },
            Advice::CheckNetwork,
            Advice::NoRedirects,
            Advice::AllowMoreTime,
            Advice::NotLikeAlibabaCloud,
            Advice::UseHttps,
            Advice::GiveRegion,
            Advice::GiveCredentials,
            Advice::CorrectSetting,
            Advice::CorrectFile,
        ] {
            assert_eq!(crate::i18n::in_english(|| CATALOGUE.advice(&advice)).unwrap(), advice.english(), "{advice:?}");
        }
    }
}
