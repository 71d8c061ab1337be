//! The credential chain against the official one (issue 13, item 8): a table of set-ups, each with the
//! source credentials-go's `NewDefaultCredentialsProvider` picks (worked out from its code, see
//! docs/CREDENTIALS.md), checked against kubectl-ack's choice.
//!
//! Nothing here can reach a real host: every row runs with its own loopback server as STS, as the
//! metadata service and as the credentials URI, and with an empty temporary home. Rows with the metadata
//! service disabled also prove that it was not contacted: the server counts every request.

mod common;

use std::sync::{Arc, Mutex};

use ack_client::{Client, Error, MapEnvironment, RetryPolicy};
use common::{Reply, Seen, Server, sts_credentials_json};

/// What the metadata service is in a row.
#[derive(Clone, Copy)]
enum Ecs {
    /// `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`: it must not be contacted at all.
    Off,
    /// Enabled (on the row's loopback server).
    On,
    /// `ALIBABA_CLOUD_ECS_METADATA_DISABLED` set to this value, and the service must not be contacted.
    DisabledAs(&'static str),
}

/// What the official chain ends with.
enum Expect {
    /// Credentials with this AccessKey ID, from a source whose label starts with the prefix.
    Key { id: &'static str, source: &'static str },
    /// The same, and the secret is exactly this.
    KeyAndSecret { id: &'static str, secret: &'static str, source: &'static str },
    /// No credentials, and the error (with its causes) says this. kubectl-ack refuses where the official
    /// chain would stop at credentials that cannot work, or at a source kubectl-ack cannot use.
    Refused(&'static str),
    /// No source works; nothing is picked.
    Nothing,
}

struct Case {
    name: &'static str,
    /// Variables; `{home}` and `{fake}` (the loopback server's URL) are substituted.
    env: &'static [(&'static str, &'static str)],
    /// Files under the home directory: (relative path, contents).
    files: &'static [(&'static str, &'static str)],
    /// The `--profile` option.
    profile: Option<&'static str>,
    ecs: Ecs,
    expect: Expect,
}

const CLI: &str = ".aliyun/config.json";
const INI: &str = ".alibabacloud/credentials";

const CLI_MAIN: &str = r#"{"current":"main","profiles":[
  {"name":"main","mode":"AK","access_key_id":"LTAIcli","access_key_secret":"cli-secret"},
  {"name":"other","mode":"AK","access_key_id":"LTAIother","access_key_secret":"other-secret"}]}"#;
const INI_DEFAULT: &str = "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = ini-secret\n";

const ENV_ID: (&str, &str) = ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv");
const ENV_SECRET: (&str, &str) = ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret");
const ENV_KEY: &[(&str, &str)] = &[ENV_ID, ENV_SECRET];
const URI: (&str, &str) = ("ALIBABA_CLOUD_CREDENTIALS_URI", "{fake}/creds");

const ENV: &str = "environment";
const URI_SOURCE: &str = "credentials URI";
const ECS_SOURCE: &str = "ECS instance RAM role";
const FROM_INI: &str = "shared credentials file profile 'default'";

fn cases() -> Vec<Case> {
    use Expect::*;
    vec![
        // ---- the order, several sources at once ----
        Case { name: "nothing configured", env: &[], files: &[], profile: None, ecs: Ecs::Off, expect: Nothing },
        Case {
            name: "environment alone",
            env: ENV_KEY,
            files: &[],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIenv", source: ENV },
        },
        Case {
            name: "environment beats the CLI profile, the INI file, metadata and the URI",
            env: &[ENV_ID, ENV_SECRET, URI],
            files: &[(CLI, CLI_MAIN), (INI, INI_DEFAULT)],
            profile: None,
            ecs: Ecs::On,
            expect: Key { id: "LTAIenv", source: ENV },
        },
        Case {
            name: "OIDC beats the CLI profile",
            env: &[
                ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "{home}/oidc-token"),
                ("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/p"),
                ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/rrsa"),
            ],
            files: &[(CLI, CLI_MAIN), ("oidc-token", "eyJoidc")],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.oidc.rrsa", source: "OIDC role" },
        },
        Case {
            name: "an environment ID without its secret falls through to the CLI profile",
            env: &[ENV_ID],
            files: &[(CLI, CLI_MAIN)],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIcli", source: "aliyun CLI profile 'main' (AK)" },
        },
        Case {
            name: "the CLI profile beats the INI file",
            env: &[],
            files: &[(CLI, CLI_MAIN), (INI, INI_DEFAULT)],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIcli", source: "aliyun CLI profile 'main' (AK)" },
        },
        Case {
            name: "the INI file beats metadata",
            env: &[],
            files: &[(INI, INI_DEFAULT)],
            profile: None,
            ecs: Ecs::On,
            expect: Key { id: "LTAIini", source: FROM_INI },
        },
        Case {
            name: "metadata beats the URI",
            env: &[URI],
            files: &[],
            profile: None,
            ecs: Ecs::On,
            expect: Key { id: "STS.ecs.discovered-role", source: ECS_SOURCE },
        },
        Case {
            name: "the URI comes last",
            env: &[URI],
            files: &[],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.uri", source: URI_SOURCE },
        },
        // ---- profile selection ----
        Case {
            name: "ALIBABA_CLOUD_PROFILE selects a CLI profile",
            env: &[("ALIBABA_CLOUD_PROFILE", "other")],
            files: &[(CLI, CLI_MAIN)],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIother", source: "aliyun CLI profile 'other' (AK)" },
        },
        Case {
            name: "--profile beats ALIBABA_CLOUD_PROFILE",
            env: &[("ALIBABA_CLOUD_PROFILE", "other")],
            files: &[(CLI, CLI_MAIN)],
            profile: Some("main"),
            ecs: Ecs::Off,
            expect: Key { id: "LTAIcli", source: "aliyun CLI profile 'main' (AK)" },
        },
        Case {
            name: "a profile missing from the CLI file is looked up in the INI file",
            env: &[],
            files: &[
                (CLI, CLI_MAIN),
                (INI, "[work]\ntype = access_key\naccess_key_id = LTAIwork\naccess_key_secret = w\n"),
            ],
            profile: Some("work"),
            ecs: Ecs::Off,
            expect: Key { id: "LTAIwork", source: "shared credentials file profile 'work'" },
        },
        Case {
            name: "ALIBABA_CLOUD_PROFILE with spaces is used as it is: no profile matches",
            env: &[("ALIBABA_CLOUD_PROFILE", " other "), URI],
            files: &[
                (CLI, CLI_MAIN),
                (INI, "[other]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = s\n"),
            ],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.uri", source: URI_SOURCE },
        },
        Case {
            name: "a current profile name with a trailing space matches no profile",
            env: &[],
            files: &[
                (
                    CLI,
                    r#"{"current":"main ","profiles":[{"name":"main","mode":"AK","access_key_id":"LTAIcli","access_key_secret":"s"}]}"#,
                ),
                (INI, INI_DEFAULT),
            ],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIini", source: FROM_INI },
        },
        Case {
            name: "ALIBABA_CLOUD_CONFIG_FILE moves the CLI file",
            env: &[("ALIBABA_CLOUD_CONFIG_FILE", "{home}/elsewhere.json")],
            files: &[("elsewhere.json", CLI_MAIN), (INI, INI_DEFAULT)],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIcli", source: "aliyun CLI profile 'main' (AK)" },
        },
        Case {
            name: "ALIBABA_CLOUD_CREDENTIALS_FILE moves the INI file",
            env: &[("ALIBABA_CLOUD_CREDENTIALS_FILE", "{home}/creds.ini"), URI],
            files: &[("creds.ini", INI_DEFAULT)],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIini", source: FROM_INI },
        },
        Case {
            name: "the INI file is ~/.alibabacloud/credentials, not Python's credentials.ini",
            env: &[URI],
            files: &[(".alibabacloud/credentials.ini", INI_DEFAULT)],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.uri", source: URI_SOURCE },
        },
        // ---- CLI profiles ----
        Case {
            name: "a CLI profile without mode is rejected and the chain falls through",
            env: &[],
            files: &[
                (CLI, r#"{"current":"p","profiles":[{"name":"p","access_key_id":"LTAIcli","access_key_secret":"s"}]}"#),
                (INI, INI_DEFAULT),
            ],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIini", source: FROM_INI },
        },
        Case {
            name: "CLI modes are case-sensitive",
            env: &[],
            files: &[
                (
                    CLI,
                    r#"{"current":"p","profiles":[{"name":"p","mode":"ak","access_key_id":"LTAIcli","access_key_secret":"s"}]}"#,
                ),
                (INI, INI_DEFAULT),
            ],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIini", source: FROM_INI },
        },
        Case {
            name: "a half-filled AK profile takes the ID from the environment",
            env: &[("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenvhalf")],
            files: &[(
                CLI,
                r#"{"current":"p","profiles":[{"name":"p","mode":"AK","access_key_secret":"cli-secret"}]}"#,
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: KeyAndSecret { id: "LTAIenvhalf", secret: "cli-secret", source: "aliyun CLI profile 'p' (AK)" },
        },
        Case {
            name: "a half-filled AK profile takes the secret from the environment",
            env: &[("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")],
            files: &[(CLI, r#"{"current":"p","profiles":[{"name":"p","mode":"AK","access_key_id":"LTAIcli"}]}"#)],
            profile: None,
            ecs: Ecs::Off,
            expect: KeyAndSecret { id: "LTAIcli", secret: "env-secret", source: "aliyun CLI profile 'p' (AK)" },
        },
        Case {
            name: "a StsToken profile without token takes it from the environment",
            env: &[("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token")],
            files: &[(
                CLI,
                r#"{"current":"p","profiles":[{"name":"p","mode":"StsToken","access_key_id":"STS.cli","access_key_secret":"s"}]}"#,
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.cli", source: "aliyun CLI profile 'p' (StsToken)" },
        },
        Case {
            name: "ALIBABA_CLOUD_CLI_PROFILE_DISABLED=TRUE skips the CLI profile",
            env: &[("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "TRUE")],
            files: &[(CLI, CLI_MAIN), (INI, INI_DEFAULT)],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIini", source: FROM_INI },
        },
        Case {
            name: "ALIBABA_CLOUD_CLI_PROFILE_DISABLED=' true' is refused, not guessed",
            env: &[("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", " true")],
            files: &[(CLI, CLI_MAIN), (INI, INI_DEFAULT)],
            profile: None,
            ecs: Ecs::Off,
            expect: Refused("ALIBABA_CLOUD_CLI_PROFILE_DISABLED"),
        },
        Case {
            name: "a CLI key with spaces is refused, not trimmed and not skipped",
            env: &[],
            files: &[
                (
                    CLI,
                    r#"{"current":"p","profiles":[{"name":"p","mode":"AK","access_key_id":" LTAIcli ","access_key_secret":"s"}]}"#,
                ),
                (INI, INI_DEFAULT),
            ],
            profile: None,
            ecs: Ecs::Off,
            expect: Refused("access_key_id has leading or trailing whitespace"),
        },
        Case {
            name: "an environment key with a trailing space is refused",
            env: &[("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv "), ENV_SECRET],
            files: &[(CLI, CLI_MAIN)],
            profile: None,
            ecs: Ecs::Off,
            expect: Refused("ALIBABA_CLOUD_ACCESS_KEY_ID has leading or trailing whitespace"),
        },
        Case {
            name: "a CLI file that is not JSON falls through",
            env: &[],
            files: &[(CLI, "{\"current\": \"main\", "), (INI, INI_DEFAULT)],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIini", source: FROM_INI },
        },
        Case {
            name: "a field of the wrong type in any profile rejects the whole CLI file",
            env: &[],
            files: &[
                (
                    CLI,
                    r#"{"current":"main","profiles":[{"name":"main","mode":"AK","access_key_id":"LTAIcli","access_key_secret":"s"},
                       {"name":"x","mode":"RamRoleArn","expired_seconds":"3600"}]}"#,
                ),
                (INI, INI_DEFAULT),
            ],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIini", source: FROM_INI },
        },
        Case {
            name: "a number where a secret goes rejects the CLI file",
            env: &[],
            files: &[
                (
                    CLI,
                    r#"{"current":"p","profiles":[{"name":"p","mode":"AK","access_key_id":"LTAIcli","access_key_secret":12345}]}"#,
                ),
                (INI, INI_DEFAULT),
            ],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIini", source: FROM_INI },
        },
        Case {
            name: "CLI keys match whatever their case, as Go's JSON decoder does",
            env: &[],
            files: &[(
                CLI,
                r#"{"Current":"main","Profiles":[{"Name":"main","MODE":"AK","Access_Key_Id":"LTAIcase","ACCESS_KEY_SECRET":"s"}]}"#,
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIcase", source: "aliyun CLI profile 'main' (AK)" },
        },
        Case {
            name: "of two CLI keys differing in case the last wins",
            env: &[],
            files: &[(
                CLI,
                r#"{"current":"p","profiles":[{"name":"p","mode":"AK","access_key_id":"LTAIfirst","access_key_secret":"s","ACCESS_KEY_ID":"LTAIlast"}]}"#,
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIlast", source: "aliyun CLI profile 'p' (AK)" },
        },
        Case {
            name: "a CLI EcsRamRole profile with metadata disabled makes no call and falls through",
            env: &[],
            files: &[
                (CLI, r#"{"current":"e","profiles":[{"name":"e","mode":"EcsRamRole","ram_role_name":"cli-role"}]}"#),
                (INI, INI_DEFAULT),
            ],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIini", source: FROM_INI },
        },
        Case {
            name: "a CLI EcsRamRole profile uses its role",
            env: &[],
            files: &[(
                CLI,
                r#"{"current":"e","profiles":[{"name":"e","mode":"EcsRamRole","ram_role_name":"cli-role"}]}"#,
            )],
            profile: None,
            ecs: Ecs::On,
            expect: Key { id: "STS.ecs.cli-role", source: "aliyun CLI profile 'e' (EcsRamRole)" },
        },
        Case {
            name: "a CloudSSO profile, which the official chain uses and kubectl-ack cannot, is refused",
            env: &[],
            files: &[(CLI, r#"{"current":"sso","profiles":[{"name":"sso","mode":"CloudSSO"}]}"#), (INI, INI_DEFAULT)],
            profile: None,
            ecs: Ecs::Off,
            expect: Refused("CloudSSO"),
        },
        Case {
            name: "a ChainableRamRoleArn profile assumes the role with its source profile",
            env: &[],
            files: &[(
                CLI,
                r#"{"current":"chained","profiles":[{"name":"base","mode":"AK","access_key_id":"LTAIbase","access_key_secret":"s"},
                   {"name":"chained","mode":"ChainableRamRoleArn","source_profile":"base","ram_role_arn":"acs:ram::1:role/chained"}]}"#,
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.role.chained", source: "aliyun CLI profile 'chained' (ChainableRamRoleArn)" },
        },
        Case {
            name: "a role session shorter than 900 s is rejected and the chain falls through",
            env: &[],
            files: &[
                (
                    CLI,
                    r#"{"current":"r","profiles":[{"name":"r","mode":"RamRoleArn","access_key_id":"LTAIr","access_key_secret":"s",
                       "ram_role_arn":"acs:ram::1:role/short","expired_seconds":600}]}"#,
                ),
                (INI, INI_DEFAULT),
            ],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIini", source: FROM_INI },
        },
        Case {
            name: "a RamRoleArn profile takes the role ARN from the environment",
            env: &[("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/fromenv")],
            files: &[(
                CLI,
                r#"{"current":"r","profiles":[{"name":"r","mode":"RamRoleArn","access_key_id":"LTAIr","access_key_secret":"s"}]}"#,
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.role.fromenv", source: "aliyun CLI profile 'r' (RamRoleArn)" },
        },
        // ---- INI files ----
        Case {
            name: "INI access_key",
            env: &[],
            files: &[(INI, INI_DEFAULT)],
            profile: None,
            ecs: Ecs::Off,
            expect: KeyAndSecret { id: "LTAIini", secret: "ini-secret", source: FROM_INI },
        },
        Case {
            name: "INI inline comments after # and ; are dropped",
            env: &[],
            files: &[(
                INI,
                "[default]\ntype = access_key # the kind\naccess_key_id = LTAIini # main key\naccess_key_secret = ini-secret ; rotated\n",
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: KeyAndSecret { id: "LTAIini", secret: "ini-secret", source: FROM_INI },
        },
        Case {
            name: "INI: a # without a space before it starts a comment too",
            env: &[],
            files: &[(INI, "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = abc#def\n")],
            profile: None,
            ecs: Ecs::Off,
            expect: KeyAndSecret { id: "LTAIini", secret: "abc", source: FROM_INI },
        },
        Case {
            name: "INI key: value lines",
            env: &[],
            files: &[(INI, "[default]\ntype: access_key\naccess_key_id: LTAIcolon\naccess_key_secret: colon-secret\n")],
            profile: None,
            ecs: Ecs::Off,
            expect: KeyAndSecret { id: "LTAIcolon", secret: "colon-secret", source: FROM_INI },
        },
        Case {
            name: "INI quoted values lose their quotes",
            env: &[],
            files: &[(
                INI,
                "[default]\ntype = \"access_key\"\naccess_key_id = 'LTAIini'\naccess_key_secret = \"ini-secret\"\n",
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: KeyAndSecret { id: "LTAIini", secret: "ini-secret", source: FROM_INI },
        },
        Case {
            name: "an INI key quoted with spaces inside is refused",
            env: &[URI],
            files: &[(INI, "[default]\ntype = access_key\naccess_key_id = \" LTAIini \"\naccess_key_secret = s\n")],
            profile: None,
            ecs: Ecs::Off,
            expect: Refused("access_key_id has leading or trailing whitespace"),
        },
        Case {
            name: "of two INI keys the last wins",
            env: &[],
            files: &[(
                INI,
                "[default]\ntype = access_key\naccess_key_id = LTAIfirst\naccess_key_secret = s\naccess_key_id = LTAIlast\n",
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIlast", source: FROM_INI },
        },
        Case {
            name: "INI keys are case-sensitive",
            env: &[URI],
            files: &[(INI, "[default]\ntype = access_key\nAccess_Key_Id = LTAIini\naccess_key_secret = s\n")],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.uri", source: URI_SOURCE },
        },
        Case {
            name: "INI [DEFAULT] is not inherited",
            env: &[URI],
            files: &[(
                INI,
                "[DEFAULT]\ntype = access_key\n[default]\naccess_key_id = LTAIini\naccess_key_secret = s\n",
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.uri", source: URI_SOURCE },
        },
        Case {
            name: "an INI child section inherits from its parent",
            env: &[("ALIBABA_CLOUD_PROFILE", "prod.eu")],
            files: &[(
                INI,
                "[prod]\ntype = access_key\naccess_key_secret = prod-secret\n[prod.eu]\naccess_key_id = LTAIeu\n",
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: KeyAndSecret {
                id: "LTAIeu",
                secret: "prod-secret",
                source: "shared credentials file profile 'prod.eu'",
            },
        },
        Case {
            name: "INI %(name)s values are expanded",
            env: &[],
            files: &[(
                INI,
                "[default]\ntype = access_key\nbase = LTAIinterp\naccess_key_id = %(base)s\naccess_key_secret = s\n",
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "LTAIinterp", source: FROM_INI },
        },
        Case {
            name: "INI [ default ] is not [default]",
            env: &[URI],
            files: &[(INI, "[ default ]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = s\n")],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.uri", source: URI_SOURCE },
        },
        Case {
            name: "an INI line without = or : rejects the whole file",
            env: &[URI],
            files: &[(
                INI,
                "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = s\nnot a key line\n",
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.uri", source: URI_SOURCE },
        },
        Case {
            name: "a half-filled INI access_key does not take the environment's value",
            env: &[("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenvhalf"), URI],
            files: &[(INI, "[default]\ntype = access_key\naccess_key_secret = ini-secret\n")],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.uri", source: URI_SOURCE },
        },
        Case {
            name: "INI ecs_ram_role with metadata disabled makes no call and falls through",
            env: &[URI],
            files: &[(INI, "[default]\ntype = ecs_ram_role\nrole_name = ini-role\n")],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.uri", source: URI_SOURCE },
        },
        Case {
            name: "INI ecs_ram_role uses its role",
            env: &[],
            files: &[(INI, "[default]\ntype = ecs_ram_role\nrole_name = ini-role\n")],
            profile: None,
            ecs: Ecs::On,
            expect: Key { id: "STS.ecs.ini-role", source: FROM_INI },
        },
        Case {
            name: "INI ecs_ram_role without a role_name key is rejected; the metadata source then discovers the role",
            env: &[],
            files: &[(INI, "[default]\ntype = ecs_ram_role\n")],
            profile: None,
            ecs: Ecs::On,
            expect: Key { id: "STS.ecs.discovered-role", source: ECS_SOURCE },
        },
        Case {
            name: "INI ram_role_arn needs role_session_name",
            env: &[URI],
            files: &[(
                INI,
                "[default]\ntype = ram_role_arn\naccess_key_id = LTAIr\naccess_key_secret = s\nrole_arn = acs:ram::1:role/ini\n",
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.uri", source: URI_SOURCE },
        },
        Case {
            name: "INI ram_role_arn",
            env: &[],
            files: &[(
                INI,
                "[default]\ntype = ram_role_arn\naccess_key_id = LTAIr\naccess_key_secret = s\nrole_arn = acs:ram::1:role/ini\nrole_session_name = ini\n",
            )],
            profile: None,
            ecs: Ecs::Off,
            expect: Key { id: "STS.role.ini", source: FROM_INI },
        },
        // ---- the metadata service ----
        Case {
            name: "metadata with ALIBABA_CLOUD_ECS_METADATA names the role",
            env: &[("ALIBABA_CLOUD_ECS_METADATA", "env-role")],
            files: &[],
            profile: None,
            ecs: Ecs::On,
            expect: Key { id: "STS.ecs.env-role", source: "ECS instance RAM role 'env-role'" },
        },
        Case {
            name: "ALIBABA_CLOUD_ECS_METADATA_DISABLED=' true' is refused without contacting the service",
            env: &[URI],
            files: &[],
            profile: None,
            ecs: Ecs::DisabledAs(" true"),
            expect: Refused("ALIBABA_CLOUD_ECS_METADATA_DISABLED"),
        },
        Case {
            name: "ALIBABA_CLOUD_ECS_METADATA_DISABLED=True disables it",
            env: &[URI],
            files: &[],
            profile: None,
            ecs: Ecs::DisabledAs("True"),
            expect: Key { id: "STS.uri", source: URI_SOURCE },
        },
    ]
}

/// Answers as STS (AssumeRole, AssumeRoleWithOIDC), the metadata service and a credentials URI, with
/// AccessKey IDs that say who answered.
fn fake_cloud() -> Server {
    Server::start(|request: &Seen| {
        let path = request.path();
        if request.method == "PUT" && path == "/latest/api/token" {
            return Reply::with_type(200, "text/plain", "imds-session-token");
        }
        if let Some(role) = path.strip_prefix("/latest/meta-data/ram/security-credentials/") {
            if role.is_empty() {
                return Reply::with_type(200, "text/plain", "discovered-role");
            }
            let credentials = sts_credentials_json(&format!("STS.ecs.{role}"));
            return Reply::json(200, &credentials.replacen('{', r#"{"Code":"Success","#, 1));
        }
        if path == "/creds" {
            return Reply::json(200, &sts_credentials_json("STS.uri"));
        }
        let form = String::from_utf8_lossy(&request.body).replace("%3A", ":").replace("%2F", "/");
        let role_arn = form.split('&').find_map(|pair| pair.strip_prefix("RoleArn=")).unwrap_or_default();
        let role = role_arn.rsplit('/').next().unwrap_or_default();
        let kind = if request.target.contains("Action=AssumeRoleWithOIDC") { "oidc" } else { "role" };
        Reply::json(
            200,
            &format!(r#"{{"RequestId":"R","Credentials":{}}}"#, sts_credentials_json(&format!("STS.{kind}.{role}"))),
        )
    })
}

struct Outcome {
    result: Result<(ack_client::Credentials, String), Error>,
    metadata_requests: usize,
}

async fn run(case: &Case) -> Outcome {
    let home = tempfile::tempdir().unwrap();
    let cloud = fake_cloud();
    let substitute =
        |text: &str| text.replace("{home}", &home.path().display().to_string()).replace("{fake}", &cloud.url());
    for (relative, contents) in case.files {
        let path = home.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, substitute(contents)).unwrap();
    }
    // Every endpoint a source could call is the loopback server, whatever the row sets.
    let mut env = MapEnvironment::new()
        .home(home.path())
        .var("ALIBABA_CLOUD_STS_ENDPOINT", cloud.url())
        .var("ALIBABA_CLOUD_IMDS_ENDPOINT", cloud.url());
    match case.ecs {
        Ecs::Off => env = env.var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
        Ecs::DisabledAs(value) => env = env.var("ALIBABA_CLOUD_ECS_METADATA_DISABLED", value),
        Ecs::On => {}
    }
    for (name, value) in case.env {
        env = env.var(*name, substitute(value));
    }
    let client = Client::builder()
        .environment(env)
        .profile(case.profile.map(str::to_string))
        .endpoint(Some(cloud.url()))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let result = client.current_credentials().await;
    let metadata_requests = cloud.seen().iter().filter(|request| request.path().starts_with("/latest/")).count();
    Outcome { result, metadata_requests }
}

fn everything_shown(error: &Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(" / ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Why the outcome is not what the official chain gives, if it is not.
fn mismatch(case: &Case, outcome: &Outcome) -> Option<String> {
    let must_not_contact = !matches!(case.ecs, Ecs::On);
    if must_not_contact && outcome.metadata_requests > 0 {
        return Some(format!("the disabled metadata service got {} requests", outcome.metadata_requests));
    }
    let got = match &outcome.result {
        Ok((credentials, source)) => format!("{} from {source}", credentials.access_key_id),
        Err(error) => format!("error: {}", everything_shown(error)),
    };
    let matches = match (&case.expect, &outcome.result) {
        (Expect::Key { id, source }, Ok((credentials, label))) => {
            credentials.access_key_id == *id && label.starts_with(source)
        }
        (Expect::KeyAndSecret { id, secret, source }, Ok((credentials, label))) => {
            credentials.access_key_id == *id
                && credentials.access_key_secret.expose() == *secret
                && label.starts_with(source)
        }
        (Expect::Refused(words), Err(error)) => everything_shown(error).contains(words),
        (Expect::Nothing, Err(error)) => matches!(error, Error::NoCredentials { .. }),
        _ => false,
    };
    (!matches).then_some(got)
}

#[tokio::test]
async fn the_chain_picks_what_the_official_chain_picks() {
    let cases = cases();
    assert!(cases.len() >= 30, "the table has {} rows", cases.len());
    let failures = Arc::new(Mutex::new(Vec::new()));
    for case in &cases {
        let outcome = run(case).await;
        if let Some(got) = mismatch(case, &outcome) {
            failures.lock().unwrap().push(format!("{}: got {got}", case.name));
        }
    }
    let failures = failures.lock().unwrap();
    assert!(failures.is_empty(), "{} of {} rows differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[tokio::test]
async fn a_refusal_shows_no_secret() {
    let case = Case {
        name: "spaces",
        env: &[("ALIBABA_CLOUD_ACCESS_KEY_ID", " LTAIspaced"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "spaced-secret ")],
        files: &[],
        profile: None,
        ecs: Ecs::Off,
        expect: Expect::Refused("whitespace"),
    };
    let error = run(&case).await.result.unwrap_err();
    let shown = everything_shown(&error);
    assert!(!shown.contains("spaced-secret"), "{shown}");
    assert!(error.hint().is_some(), "{error:?}");
}
