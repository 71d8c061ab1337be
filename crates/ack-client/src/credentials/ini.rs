//! Source 4: the shared credentials file (`ALIBABA_CLOUD_CREDENTIALS_FILE`, else `~/.alibabacloud/credentials`),
//! an INI file whose section is the profile option, else `ALIBABA_CLOUD_PROFILE`, else `default`:
//!
//! ```ini
//! [default]
//! type = access_key                 # or ecs_ram_role, ram_role_arn
//! access_key_id = LTAI…
//! access_key_secret = …
//! ```
//!
//! Read as credentials-go reads it (`providers/profile.go` with gopkg.in/ini.v1's default options), not
//! as Python's configparser does; docs/CREDENTIALS.md lists the differences. In short: `=` or `:` between
//! key and value; a `#` or `;` anywhere in an unquoted value starts a comment; one pair of surrounding
//! quotes is dropped; keys and section names are case-sensitive and kept as written inside the brackets;
//! the last of duplicate keys wins and duplicate sections merge; `[a.b]` inherits the keys it lacks from
//! `[a]`, but no section inherits from `[DEFAULT]`; `%(key)s` is replaced by that key's value; a line
//! that is not a section, a comment or a key makes the whole file unusable.

use std::path::PathBuf;

use super::sts::{self, RoleSpec};
use super::{Detected, Problem, Provider, check_given, config_error, ecs};
use crate::env::{self, Environment};
use crate::error::Error;
use crate::secret::Credentials;

const FILE: &str = "ALIBABA_CLOUD_CREDENTIALS_FILE";
/// The section keys before any `[section]` go to, and that `%(key)s` falls back to.
const DEFAULT_SECTION: &str = "DEFAULT";
/// How many `%(key)s` replacements are made in one value, as ini.v1 (`depthValues`).
const EXPANSION_DEPTH: usize = 99;

/// A parsed INI file: sections and keys in file order.
#[derive(Debug, Default)]
pub(crate) struct IniFile {
    sections: Vec<Section>,
}

#[derive(Debug)]
struct Section {
    name: String,
    keys: Vec<(String, String)>,
}

impl Section {
    fn get(&self, key: &str) -> Option<&str> {
        self.keys.iter().find(|(name, _)| name == key).map(|(_, value)| value.as_str())
    }

    /// A new key, or a new value for an existing one (the last wins).
    fn set(&mut self, key: String, value: String) {
        match self.keys.iter_mut().find(|(name, _)| *name == key) {
            Some(entry) => entry.1 = value,
            None => self.keys.push((key, value)),
        }
    }
}

impl IniFile {
    fn section(&self, name: &str) -> Option<&Section> {
        let name = if name.is_empty() { DEFAULT_SECTION } else { name };
        self.sections.iter().find(|section| section.name == name)
    }

    fn section_index(&mut self, name: &str) -> usize {
        match self.sections.iter().position(|section| section.name == name) {
            Some(index) => index,
            None => {
                self.sections.push(Section { name: name.to_string(), keys: Vec::new() });
                self.sections.len() - 1
            }
        }
    }

    pub fn has_section(&self, name: &str) -> bool {
        self.section(name).is_some()
    }

    /// The raw value of `key` in `section` and the section that holds it: the section itself, else its
    /// parents (`a.b.c`, then `a.b`, then `a`; a leading dot leads to `[DEFAULT]`).
    fn lookup(&self, section: &str, key: &str) -> Option<(&str, &str)> {
        let found = self.section(section)?;
        if let Some(value) = found.get(key) {
            return Some((found.name.as_str(), value));
        }
        let mut parent = section;
        while let Some(dot) = parent.rfind('.') {
            parent = &parent[..dot];
            if self.section(parent).is_some() {
                return self.lookup(parent, key);
            }
        }
        None
    }

    /// The value of `key` in `section`, with `%(name)s` references replaced.
    pub fn value(&self, section: &str, key: &str) -> Option<String> {
        let (owner, raw) = self.lookup(section, key)?;
        Some(self.expand(owner, key, raw))
    }

    /// ini.v1's `transformValue`: replaces `%(name)s` by the raw value of `name` in the key's own
    /// section (or its parents), else in `[DEFAULT]`, until none is left or one cannot be resolved.
    fn expand(&self, owner: &str, key: &str, raw: &str) -> String {
        let mut value = raw.to_string();
        for _ in 0..EXPANSION_DEPTH {
            let Some(reference) = first_reference(&value) else { break };
            let name = &reference[2..reference.len() - 2];
            let own = self.lookup(owner, name).filter(|(section, _)| !(*section == owner && name == key));
            let replacement = own.map(|(_, value)| value).or_else(|| self.section(DEFAULT_SECTION)?.get(name));
            let Some(replacement) = replacement else { break };
            value = value.replace(reference, replacement);
        }
        value
    }
}

/// The first `%(name)s` in `text` (the regular expression `%\(([^)]+)\)s`).
fn first_reference(text: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(start) = text[from..].find("%(").map(|at| at + from) {
        let name_start = start + 2;
        if let Some(close) = text[name_start..].find(')').map(|at| at + name_start)
            && close > name_start
            && text[close + 1..].starts_with('s')
        {
            return Some(&text[start..close + 2]);
        }
        from = start + 1;
    }
    None
}

/// Parses `text` as gopkg.in/ini.v1 does with default options. The error names a line number, never a
/// line's content (it may be a secret).
pub(crate) fn parse(text: &str) -> Result<IniFile, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut file = IniFile::default();
    let mut current = file.section_index(DEFAULT_SECTION);
    let mut auto_key = 1;
    let mut next = 0;
    while next < lines.len() {
        let number = next + 1;
        let at = |reason: &str| format!("line {number}: {reason}");
        let line = lines[next].trim_start();
        next += 1;
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if line.starts_with('[') {
            let close = line.rfind(']').ok_or_else(|| at("the section has no closing ]"))?;
            let name = &line[1..close];
            if name.is_empty() {
                return Err(at("empty section name"));
            }
            current = file.section_index(name);
            auto_key = 1;
            continue;
        }
        let (mut key, offset) = key_name(line).map_err(at)?;
        let value = read_value(&line[offset..], &lines, &mut next).map_err(at)?;
        if key == "-" {
            key = format!("#{auto_key}");
            auto_key += 1;
        }
        if key.is_empty() {
            return Err(at("empty key name"));
        }
        file.sections[current].set(key, value);
    }
    Ok(file)
}

/// The key of a key line and where its value starts: up to the first `=` or `:`, trimmed; a key may be
/// quoted with `"`, `"""` or `` ` `` (and then contain those delimiters).
fn key_name(line: &str) -> Result<(String, usize), &'static str> {
    const DELIMITERS: [char; 2] = ['=', ':'];
    let quote = if line.starts_with('"') {
        if line.len() > 6 && line.starts_with("\"\"\"") { "\"\"\"" } else { "\"" }
    } else if line.starts_with('`') {
        "`"
    } else {
        ""
    };
    if quote.is_empty() {
        return match line.find(DELIMITERS) {
            None => Err("no = or : in the line"),
            Some(0) => Err("empty key name"),
            Some(end) => Ok((line[..end].trim().to_string(), end + 1)),
        };
    }
    let start = quote.len();
    let close = line[start..].find(quote).map(|at| at + start).ok_or("missing closing quote of the key")?;
    let delimiter =
        line[close + start..].find(DELIMITERS).map(|at| at + close + start).ok_or("no = or : in the line")?;
    Ok((line[start..close].trim().to_string(), delimiter + 1))
}

/// The value after the delimiter. `lines` and `next` are the rest of the file: a `"""` or `` ` `` value
/// may run over several lines, and an unquoted value ending in `\` continues on the next one.
fn read_value(after: &str, lines: &[&str], next: &mut usize) -> Result<String, &'static str> {
    let line = after.trim_start();
    if line.is_empty() {
        return Ok(String::new());
    }
    let quote = if line.len() > 3 && line.starts_with("\"\"\"") {
        "\"\"\""
    } else if line.starts_with('`') {
        "`"
    } else {
        ""
    };
    if !quote.is_empty() {
        // Taken as it is between the quotes: no comment, no trimming.
        let rest = &line[quote.len()..];
        if let Some(end) = rest.rfind(quote) {
            return Ok(rest[..end].to_string());
        }
        let mut value = rest.to_string();
        while let Some(following) = lines.get(*next) {
            *next += 1;
            if let Some(end) = following.rfind(quote) {
                value.push_str(&following[..end]);
                return Ok(value);
            }
            value.push_str(following);
        }
        return Err("missing closing quote of a value");
    }
    let line = line.trim();
    if let Some(start) = line.strip_suffix('\\') {
        return Ok(continued(start, lines, next));
    }
    let line = match line.find(['#', ';']) {
        Some(comment) => line[..comment].trim(),
        None => line,
    };
    Ok(unquoted(line).to_string())
}

/// A value continued with `\` at the ends of lines, each next line trimmed, up to an empty line.
fn continued(start: &str, lines: &[&str], next: &mut usize) -> String {
    let mut value = start.to_string();
    while let Some(following) = lines.get(*next) {
        *next += 1;
        let following = following.trim();
        if following.is_empty() {
            break;
        }
        value.push_str(following);
        match value.strip_suffix('\\') {
            Some(shorter) => value = shorter.to_string(),
            None => break,
        }
    }
    value
}

/// Drops one pair of surrounding `'` or `"` when that quote appears nowhere else in the value.
fn unquoted(value: &str) -> &str {
    for quote in ['\'', '"'] {
        if value.len() >= 2
            && value.starts_with(quote)
            && value.ends_with(quote)
            && !value[1..value.len() - 1].contains(quote)
        {
            return &value[1..value.len() - 1];
        }
    }
    value
}

fn file_path(environment: &dyn Environment) -> Option<PathBuf> {
    env::get(environment, FILE).map(PathBuf::from).or_else(|| env::home_path(environment, ".alibabacloud/credentials"))
}

pub(crate) fn detect(environment: &dyn Environment, explicit_profile: Option<&str>) -> Detected {
    let Some(path) = file_path(environment) else {
        return Detected::Unset("no home directory for ~/.alibabacloud/credentials".to_string());
    };
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Detected::Unset(format!("{shown} not found"));
        }
        Err(source) => {
            return Detected::Broken {
                label: "shared credentials file".into(),
                error: Error::Io { path: shown, source },
            };
        }
    };
    let file = match parse(&text) {
        Ok(file) => file,
        Err(reason) => {
            return Detected::Broken { label: "shared credentials file".into(), error: config_error(&shown, reason) };
        }
    };
    let name = explicit_profile
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .or_else(|| env::get(environment, env::PROFILE))
        .unwrap_or_else(|| "default".to_string());
    let shown_name = super::cli_profile::shown_name(&name);
    if !file.has_section(&name) {
        let error = config_error(&shown, format!("no section [{shown_name}]"));
        return Detected::Broken { label: format!("shared credentials file profile '{shown_name}'"), error };
    }
    let kind = file.value(&name, "type").map(|kind| super::cli_profile::shown_name(&kind)).unwrap_or("no type".into());
    let label = format!("shared credentials file profile '{shown_name}' ({kind})");
    Detected::from_result(label, provider(&file, &name, &shown, environment))
}

/// The provider of section `name`, as credentials-go's `ProfileCredentialsProvider` builds it: every key
/// it reads must be present (and, but for `role_name`, not empty); nothing is taken from the environment.
fn provider(file: &IniFile, name: &str, shown: &str, environment: &dyn Environment) -> Result<Provider, Problem> {
    let section = super::cli_profile::shown_name(name);
    let kind = file.value(name, "type").ok_or_else(|| config_error(shown, format!("[{section}] has no type")))?;
    let present = |key: &str| {
        file.value(name, key).ok_or_else(|| config_error(shown, format!("[{section}] ({kind}) lacks {key}")))
    };
    let required = |key: &str| {
        let value = present(key)?;
        if value.is_empty() {
            Err(config_error(shown, format!("[{section}] ({kind}): {key} is empty")))
        } else {
            Ok(value)
        }
    };
    match kind.as_str() {
        "access_key" => {
            let (id, secret) = (required("access_key_id")?, required("access_key_secret")?);
            check_given(shown, "access_key_id", &id).map_err(Problem::Stop)?;
            check_given(shown, "access_key_secret", &secret).map_err(Problem::Stop)?;
            Ok(Provider::Static(Credentials::access_key(id, secret)))
        }
        "ecs_ram_role" => {
            let role = Some(present("role_name")?).filter(|role| !role.is_empty());
            Ok(Provider::Ecs(ecs::profile_spec(environment, role)?))
        }
        "ram_role_arn" => {
            let (id, secret) = (required("access_key_id")?, required("access_key_secret")?);
            // A key with spaces only signs a refused AssumeRole in the official chain, which then moves on.
            check_given(shown, "access_key_id", &id)?;
            check_given(shown, "access_key_secret", &secret)?;
            let role = RoleSpec {
                role_arn: required("role_arn")?,
                session_name: Some(required("role_session_name")?),
                duration_seconds: sts::DEFAULT_DURATION_SECONDS,
                policy: file.value(name, "policy").filter(|policy| !policy.is_empty()),
                external_id: None,
                sts: sts::sts_url(environment, file.value(name, "sts_endpoint").as_deref(), None, false)?,
            };
            Ok(Provider::AssumeRole { source: Box::new(Provider::Static(Credentials::access_key(id, secret))), role })
        }
        other => {
            let reason = format!("[{section}]: unsupported type '{}'", super::cli_profile::shown_name(other));
            Err(config_error(shown, reason).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::MapEnvironment;

    const FILE_TEXT: &str = r#"
# shared credentials
[default]
type = access_key
access_key_id = LTAIini
access_key_secret = "ini-secret"

[ecs]
type = ecs_ram_role
role_name = EcsRole

[role]
type = ram_role_arn
access_key_id = LTAIini
access_key_secret = ini-secret
role_arn = acs:ram::1:role/r
role_session_name = sess
; comment
[weird]
type = bearer
"#;

    fn detect_in(text: &str, profile: Option<&str>, extra: &[(&str, &str)]) -> Detected {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".alibabacloud")).unwrap();
        std::fs::write(dir.path().join(".alibabacloud/credentials"), text).unwrap();
        let mut env = MapEnvironment::new().home(dir.path());
        for (key, value) in extra {
            env = env.var(*key, *value);
        }
        detect(&env, profile)
    }

    fn value(text: &str, section: &str, key: &str) -> Option<String> {
        parse(text).unwrap().value(section, key)
    }

    #[test]
    fn sections_comments_and_quotes() {
        let file = parse(FILE_TEXT).unwrap();
        assert_eq!(file.value("default", "access_key_secret").as_deref(), Some("ini-secret"));
        assert_eq!(file.value("role", "role_arn").as_deref(), Some("acs:ram::1:role/r"));
        assert!(file.has_section("weird") && file.has_section("DEFAULT") && !file.has_section("Default"));
    }

    #[test]
    fn values_as_ini_v1_reads_them() {
        for (line, expected) in [
            ("k = v # comment", "v"),
            ("k = v ; comment", "v"),
            ("k = a#b", "a"),
            ("k: v", "v"),
            ("k:v=w", "v=w"),
            ("k = v: w", "v: w"),
            ("k = \"quoted\"", "quoted"),
            ("k = 'single'", "single"),
            ("k = \" spaced \"", " spaced "),
            ("k = \"a\"b\"", "\"a\"b\""),
            ("k = \"a # b\"", "\"a"),
            ("k = \"quoted\" # comment", "quoted"),
            ("k = `raw # ; \"x\"`", "raw # ; \"x\""),
            ("k = \"\"\"triple # kept\"\"\"", "triple # kept"),
            ("k =", ""),
            ("k = \u{3000}v\u{3000}", "v"),
            ("\"quoted key\" = v", "v"),
        ] {
            let text = format!("[s]\n{line}\n");
            let key = if line.starts_with('"') { "quoted key" } else { "k" };
            assert_eq!(value(&text, "s", key).as_deref(), Some(expected), "{line}");
        }
    }

    #[test]
    fn multi_line_and_continued_values() {
        assert_eq!(value("[s]\nk = \"\"\"one\ntwo\"\"\"\nn = 1\n", "s", "k").as_deref(), Some("one\ntwo"));
        assert_eq!(value("[s]\nk = a\\\n  b\\\n c\nn = 1\n", "s", "k").as_deref(), Some("abc"));
        assert_eq!(value("[s]\nk = a\\\n\nn = 1\n", "s", "n").as_deref(), Some("1"));
        assert!(parse("[s]\nk = `never closed\n").is_err());
    }

    #[test]
    fn keys_sections_duplicates_and_inheritance() {
        let text = "top = t\n[a]\nk = 1\nK = upper\nk = 2\n[a.b]\nj = 3\n[a]\nm = 4\n[ spaced ]\nx = y\n[.dot]\n";
        let file = parse(text).unwrap();
        assert_eq!(file.value("a", "k").as_deref(), Some("2"), "the last duplicate wins");
        assert_eq!(file.value("a", "K").as_deref(), Some("upper"), "keys are case-sensitive");
        assert_eq!(file.value("a", "m").as_deref(), Some("4"), "a repeated section merges");
        assert_eq!(file.value("a.b", "k").as_deref(), Some("2"), "a child inherits from its parent");
        assert_eq!(file.value("a", "j"), None);
        assert_eq!(file.value("a", "top"), None, "no section inherits from DEFAULT");
        assert_eq!(file.value("DEFAULT", "top").as_deref(), Some("t"));
        assert_eq!(file.value(".dot", "top").as_deref(), Some("t"), "a leading dot leads to DEFAULT");
        assert!(file.has_section(" spaced ") && !file.has_section("spaced"));
    }

    #[test]
    fn references_are_expanded() {
        let text =
            "name = default-name\n[s]\nbase = LTAI\nid = %(base)s-%(name)s\nself = %(self)s\nmissing = %(nope)s\n";
        let file = parse(text).unwrap();
        assert_eq!(file.value("s", "id").as_deref(), Some("LTAI-default-name"));
        assert_eq!(file.value("s", "self").as_deref(), Some("%(self)s"));
        assert_eq!(file.value("s", "missing").as_deref(), Some("%(nope)s"));
        assert_eq!(first_reference("a %() %(x)t %(y)s"), Some("%(y)s"));
    }

    #[test]
    fn what_makes_the_file_unusable_and_errors_never_quote_a_line() {
        for (text, reason) in [
            ("[s]\nplain-s3cr3t\n", "line 2: no = or : in the line"),
            ("[s\nk = v\n", "line 1: the section has no closing ]"),
            ("[]\n", "line 1: empty section name"),
            ("[s]\n= v\n", "line 2: empty key name"),
            ("[s]\n\"\" = v\n", "line 2: empty key name"),
            ("[s]\n\"k = v\n", "line 2: missing closing quote of the key"),
        ] {
            assert_eq!(parse(text).unwrap_err(), reason, "{text:?}");
        }
        assert!(parse("\u{feff}[s]\nk = v\r\n").unwrap().value("s", "k").as_deref() == Some("v"));
    }

    #[test]
    fn each_type() {
        let Detected::Ready { label, provider: Provider::Static(credentials) } = detect_in(FILE_TEXT, None, &[]) else {
            panic!()
        };
        assert_eq!(label, "shared credentials file profile 'default' (access_key)");
        assert_eq!(credentials.access_key_secret.expose(), "ini-secret");

        let Detected::Ready { provider: Provider::Ecs(spec), .. } = detect_in(FILE_TEXT, Some("ecs"), &[]) else {
            panic!()
        };
        assert_eq!(spec.role_name.as_deref(), Some("EcsRole"));

        let Detected::Ready { provider: Provider::AssumeRole { role, .. }, .. } =
            detect_in(FILE_TEXT, None, &[("ALIBABA_CLOUD_PROFILE", "role")])
        else {
            panic!()
        };
        assert_eq!((role.role_arn.as_str(), role.session_name.as_deref()), ("acs:ram::1:role/r", Some("sess")));
    }

    #[test]
    fn what_the_official_provider_requires() {
        let broken = |text: &str| match detect_in(text, None, &[]) {
            Detected::Broken { error, .. } => error.to_string(),
            other => panic!("{other:?}"),
        };
        assert!(broken("[default]\ntype = access_key\naccess_key_id = a\n").ends_with("lacks access_key_secret"));
        assert!(
            broken("[default]\ntype = access_key\naccess_key_id = a\naccess_key_secret =\n")
                .ends_with("access_key_secret is empty")
        );
        assert!(broken("[default]\ntype = ecs_ram_role\n").ends_with("lacks role_name"));
        assert!(
            broken("[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = s\nrole_arn = r\n")
                .ends_with("lacks role_session_name")
        );
        assert!(broken("[default]\naccess_key_id = a\n").ends_with("[default] has no type"));
        let Detected::Ready { provider: Provider::Ecs(spec), .. } =
            detect_in("[default]\ntype = ecs_ram_role\nrole_name =\n", None, &[])
        else {
            panic!()
        };
        assert_eq!(spec.role_name, None, "an empty role_name is discovered");
        let Detected::Refused { error, .. } =
            detect_in("[default]\ntype = access_key\naccess_key_id = 'a '\naccess_key_secret = s\n", None, &[])
        else {
            panic!()
        };
        assert!(error.to_string().contains("access_key_id has leading or trailing whitespace"));
        let disabled = detect_in(
            "[default]\ntype = ecs_ram_role\nrole_name = r\n",
            None,
            &[("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")],
        );
        assert!(matches!(disabled, Detected::Broken { .. }), "{disabled:?}");
    }

    #[test]
    fn missing_section_or_unsupported_type_is_broken() {
        assert!(matches!(detect_in(FILE_TEXT, Some("nope"), &[]), Detected::Broken { .. }));
        let Detected::Broken { error, .. } = detect_in(FILE_TEXT, Some("weird"), &[]) else { panic!() };
        assert!(error.to_string().contains("unsupported type 'bearer'"));
        assert!(matches!(detect(&MapEnvironment::new().home("/nonexistent-home"), None), Detected::Unset(_)));
    }
}
