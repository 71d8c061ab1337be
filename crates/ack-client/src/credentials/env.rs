//! Source 1: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, `ALIBABA_CLOUD_SECURITY_TOKEN`,
//! read as credentials-go does (`providers/env.go`): as set, an empty value counting as unset. A value
//! with whitespace around it stops the chain ([`super::Problem::Stop`]): the official chain would stop
//! here and send it as it is.

use super::{Detected, Problem, Provider, check_given, config_error};
use crate::env::{self, Environment};
use crate::secret::{Credentials, Secret};

pub(crate) const ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
pub(crate) const SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
pub(crate) const TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

pub(crate) fn detect(environment: &dyn Environment) -> Detected {
    let label = "environment".to_string();
    match (env::get(environment, ID), env::get(environment, SECRET)) {
        (None, None) => Detected::Unset(format!("{ID} and {SECRET} not set")),
        (Some(_), None) => {
            Detected::Broken { label, error: config_error("environment", format!("{SECRET} is not set")) }
        }
        (None, Some(_)) => Detected::Broken { label, error: config_error("environment", format!("{ID} is not set")) },
        (Some(access_key_id), Some(secret)) => {
            let token = env::get(environment, TOKEN);
            let checked = [(ID, &access_key_id), (SECRET, &secret)]
                .into_iter()
                .chain(token.iter().map(|token| (TOKEN, token)))
                .try_for_each(|(name, value)| check_given("environment", name, value));
            let provider = checked.map_err(Problem::Stop).map(|()| {
                Provider::Static(Credentials {
                    access_key_id,
                    access_key_secret: Secret::new(secret),
                    security_token: token.map(Secret::new),
                    expiration: None,
                })
            });
            Detected::from_result(label, provider)
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

    #[test]
    fn whitespace_around_a_value_stops_the_chain_and_names_the_variable_only() {
        for (name, value) in [(ID, " LTAIenv"), (SECRET, "env-secret\n"), (TOKEN, " ")] {
            let env = MapEnvironment::new().var(ID, "LTAIenv").var(SECRET, "env-secret").var(name, value);
            let Detected::Refused { error, .. } = detect(&env) else { panic!("{name}") };
            let message = error.to_string();
            assert!(
                message.starts_with(&format!("environment: {name} has leading or trailing whitespace")),
                "{message}"
            );
            assert!(!message.contains("env-secret"), "{message}");
        }
        let empty_token = MapEnvironment::new().var(ID, "LTAIenv").var(SECRET, "s").var(TOKEN, "");
        assert!(matches!(detect(&empty_token), Detected::Ready { .. }), "an empty token is no token");
    }
}
