//! Source 1: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, `ALIBABA_CLOUD_SECURITY_TOKEN`.

use super::{Detected, Provider, config_error};
use crate::env::{self, Environment};
use crate::secret::{Credentials, Secret};

const ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
const SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
const TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

pub(crate) fn detect(environment: &dyn Environment) -> Detected {
    let label = "environment".to_string();
    match (env::get(environment, ID), env::get(environment, SECRET)) {
        (None, None) => Detected::Unset(format!("{ID} and {SECRET} not set")),
        (Some(_), None) => {
            Detected::Broken { label, error: config_error("environment", format!("{SECRET} is not set")) }
        }
        (None, Some(_)) => Detected::Broken { label, error: config_error("environment", format!("{ID} is not set")) },
        (Some(access_key_id), Some(secret)) => {
            let credentials = Credentials {
                access_key_id,
                access_key_secret: Secret::new(secret),
                security_token: env::get(environment, TOKEN).map(Secret::new),
                expiration: None,
            };
            Detected::Ready { label, provider: Provider::Static(credentials) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::MapEnvironment;

    #[test]
    fn access_key_and_optional_token() {
        let env = MapEnvironment::new().var(ID, "LTAIenv").var(SECRET, "env-secret");
        let Detected::Ready { label, provider: Provider::Static(credentials) } = detect(&env) else { panic!() };
        assert_eq!(label, "environment");
        assert_eq!(credentials.access_key_id, "LTAIenv");
        assert_eq!(credentials.access_key_secret.expose(), "env-secret");
        assert!(credentials.security_token.is_none());

        let env = env.var(TOKEN, "env-token");
        let Detected::Ready { provider: Provider::Static(credentials), .. } = detect(&env) else { panic!() };
        assert_eq!(credentials.security_token.unwrap().expose(), "env-token");
    }

    #[test]
    fn unset_or_half_set() {
        assert!(matches!(detect(&MapEnvironment::new()), Detected::Unset(_)));
        let half = MapEnvironment::new().var(ID, "LTAIenv");
        let Detected::Broken { error, .. } = detect(&half) else { panic!() };
        assert_eq!(error.to_string(), "environment: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set");
    }
}
