//! `--help` in the user's language. The English help is the doc comments of the clap types; for the
//! other languages each about line and each flag's help comes from the catalogue, by the command's path:
//! `help` (the program), `help-<command>` (a subcommand, `help-completion-bash` for a nested one),
//! `help-<command>--<argument id>` (a flag), else `help-arg--<argument id>` (a flag that reads the same
//! everywhere), and `…--<argument id>--<value>` for the help of one possible value. What clap writes
//! itself is translated too: the section headings (`Usage`, `Arguments`, `Options`, `Commands`), the
//! `-h`/`--help` and `-V`/`--version` lines, and the `[default: …]`, `[env: …]` and possible-values notes.
//! clap's own usage errors stay English. `every_language_has_every_help_text` checks that nothing is left
//! untranslated.

use clap::builder::PossibleValue;
use clap::{Arg, Command};
use i18n_embed::fluent::FluentLanguageLoader;

use crate::i18n::{self, Language};

/// The catalogue's words for what clap writes itself (not in the English catalogue: English is clap's).
pub const CLAP_WORDS: [&str; 9] = [
    "help-heading-usage",
    "help-heading-arguments",
    "help-heading-options",
    "help-heading-commands",
    "help-spec-default",
    "help-spec-env",
    "help-spec-possible-values",
    "help-arg--help-more",
    "help-arg--help-summary",
];

/// `command` with its help texts in `language` (English as written, when it is English).
pub fn localized(command: Command, language: Language) -> Command {
    if language == Language::English {
        return command;
    }
    let loader = i18n::loader_for(language);
    let words = Words::of(&loader);
    let mut command = localize(command, "help", &loader, &words);
    // clap adds -h/--help and -V/--version while it builds the command tree: they exist only after that.
    command.build();
    localize_built_in_flags(command, &words)
}

/// clap's own words in the catalogue's language, English where the catalogue lacks one.
struct Words {
    usage: String,
    arguments: String,
    options: String,
    commands: String,
    default: String,
    env: String,
    possible_values: String,
    help: String,
    help_more: String,
    help_summary: String,
    version: String,
}

impl Words {
    fn of(loader: &FluentLanguageLoader) -> Words {
        let word = |key: &str, english: &str| text(loader, key).unwrap_or_else(|| english.to_string());
        Words {
            usage: word("help-heading-usage", "Usage"),
            arguments: word("help-heading-arguments", "Arguments"),
            options: word("help-heading-options", "Options"),
            commands: word("help-heading-commands", "Commands"),
            default: word("help-spec-default", "default"),
            env: word("help-spec-env", "env"),
            possible_values: word("help-spec-possible-values", "possible values"),
            help: word("help-arg--help", "Print help"),
            help_more: word("help-arg--help-more", "Print help (see more with '--help')"),
            help_summary: word("help-arg--help-summary", "Print help (see a summary with '-h')"),
            version: word("help-arg--version", "Print version"),
        }
    }
}

fn localize(mut command: Command, key: &str, loader: &FluentLanguageLoader, words: &Words) -> Command {
    if let Some(about) = text(loader, key) {
        command = command.about(about);
    }
    let template = template(&command, words);
    command = command.help_template(template);
    let ids: Vec<String> = command.get_arguments().map(|arg| arg.get_id().to_string()).collect();
    for id in ids {
        let help = text(loader, &format!("{key}--{id}")).or_else(|| text(loader, &format!("help-arg--{id}")));
        command = command.mut_arg(&id, |arg| localize_arg(arg, help, &format!("{key}--{id}"), loader, words));
    }
    command = command.subcommand_help_heading(words.commands.clone());
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_string()).collect();
    for name in names {
        let child = format!("{key}-{name}");
        command = command.mut_subcommand(name, |sub| localize(sub, &child, loader, words));
    }
    command
}

/// clap's default template with the usage heading in the catalogue's words (clap has no setting for it),
/// styled as clap styles it.
fn template(command: &Command, words: &Words) -> String {
    let style = command.get_styles().get_usage();
    let heading = format!("{}{}:{}", style.render(), words.usage, style.render_reset());
    format!("{{before-help}}{{about-with-newline}}\n{heading} {{usage}}\n\n{{all-args}}{{after-help}}")
}

/// One argument: its help, its section, and the notes clap would append in English (default, env,
/// possible values), appended in the catalogue's words instead.
fn localize_arg(arg: Arg, help: Option<String>, key: &str, loader: &FluentLanguageLoader, words: &Words) -> Arg {
    let heading = if arg.is_positional() { &words.arguments } else { &words.options };
    let help = help.or_else(|| arg.get_help().map(ToString::to_string));
    let notes = Notes::of(&arg, key, loader, words);
    let mut arg = arg.help_heading(heading.clone());
    if notes.is_empty() {
        return match help {
            Some(help) => arg.help(help),
            None => arg,
        };
    }
    // Only what is noted is hidden (clap refuses hiding the possible values of a flag without values).
    arg = arg
        .hide_default_value(notes.default.is_some())
        .hide_env(notes.env.is_some())
        .hide_possible_values(!notes.values.is_empty());
    let help = help.unwrap_or_default();
    let short = join(&[help.as_str(), &notes.inline()], " ");
    // --help as clap writes it: the notes below the help, one a line; possible values that have a help of
    // their own listed one a line too.
    let block = notes.values_block();
    let below = notes.brackets(block.is_none()).join("\n");
    let long = join(&[help.as_str(), block.as_deref().unwrap_or_default(), &below], "\n\n");
    arg.help(short).long_help(long)
}

/// What clap notes after an argument's help: its default, its environment variable, its possible values.
struct Notes<'w> {
    words: &'w Words,
    default: Option<String>,
    env: Option<String>,
    values: Vec<(String, Option<String>)>,
}

impl<'w> Notes<'w> {
    fn of(arg: &Arg, key: &str, loader: &FluentLanguageLoader, words: &'w Words) -> Notes<'w> {
        let default = (arg.get_action().takes_values()
            && !arg.is_hide_default_value_set()
            && !arg.get_default_values().is_empty())
        .then(|| arg.get_default_values().iter().map(|value| value.to_string_lossy()).collect::<Vec<_>>().join(" "));
        let env = arg.get_env().filter(|_| !arg.is_hide_env_set()).map(|name| name.to_string_lossy().into_owned());
        let values = if arg.is_hide_possible_values_set() || !arg.get_action().takes_values() {
            Vec::new()
        } else {
            let id = arg.get_id().as_str();
            let value_help = |value: &PossibleValue| {
                value.get_help()?;
                let name = value.get_name();
                text(loader, &format!("{key}--{name}"))
                    .or_else(|| text(loader, &format!("help-arg--{id}--{name}")))
                    .or_else(|| value.get_help().map(ToString::to_string))
            };
            let visible = arg.get_possible_values().into_iter().filter(|value| !value.is_hide_set());
            visible.map(|value| (value.get_name().to_string(), value_help(&value))).collect()
        };
        Notes { words, default, env, values }
    }

    fn is_empty(&self) -> bool {
        self.default.is_none() && self.env.is_none() && self.values.is_empty()
    }

    /// `[env: …] [default: …] [possible values: …]`, on the flag's line (-h, and --help without value helps).
    fn inline(&self) -> String {
        self.brackets(true).join(" ")
    }

    fn brackets(&self, with_values: bool) -> Vec<String> {
        let words = self.words;
        let mut notes = Vec::new();
        if let Some(env) = &self.env {
            notes.push(format!("[{}: {env}]", words.env));
        }
        if let Some(default) = &self.default {
            notes.push(format!("[{}: {default}]", words.default));
        }
        if with_values && !self.values.is_empty() {
            let names: Vec<&str> = self.values.iter().map(|(name, _)| name.as_str()).collect();
            notes.push(format!("[{}: {}]", words.possible_values, names.join(", ")));
        }
        notes
    }

    /// `Possible values:` and one `- name: help` a line, when a value has a help.
    fn values_block(&self) -> Option<String> {
        if self.values.iter().all(|(_, help)| help.is_none()) {
            return None;
        }
        let mut block = format!("{}:", capitalized(&self.words.possible_values));
        for (name, help) in &self.values {
            match help {
                Some(help) => block.push_str(&format!("\n- {name}: {help}")),
                None => block.push_str(&format!("\n- {name}")),
            }
        }
        Some(block)
    }
}

fn join(parts: &[&str], separator: &str) -> String {
    parts.iter().filter(|part| !part.is_empty()).copied().collect::<Vec<_>>().join(separator)
}

/// `possible values` → `Possible values` (a no-op for scripts without case).
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The -h/--help and -V/--version flags clap added while building, in every command of the tree.
fn localize_built_in_flags(mut command: Command, words: &Words) -> Command {
    let has = |command: &Command, id: &str| command.get_arguments().any(|arg| arg.get_id() == id);
    if has(&command, "help") {
        command = command.mut_arg("help", |arg| {
            let arg = arg.help_heading(words.options.clone());
            if arg.get_long_help().is_some() {
                arg.help(words.help_more.clone()).long_help(words.help_summary.clone())
            } else {
                arg.help(words.help.clone())
            }
        });
    }
    if has(&command, "version") {
        command = command.mut_arg("version", |arg| arg.help_heading(words.options.clone()).help(words.version.clone()));
    }
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_string()).collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| localize_built_in_flags(sub, words));
    }
    command
}

/// A message looked up by a key made at run time (the compile-time check of `t!` cannot see these; the
/// test below does their job).
fn text(loader: &FluentLanguageLoader, key: &str) -> Option<String> {
    loader.has(key).then(|| loader.get(key))
}

/// Every key a help text of this command line can come from: `(key, fallback key, English text)`.
pub fn help_keys() -> Vec<(String, Option<String>, String)> {
    let mut command = <super::Cli as clap::CommandFactory>::command();
    command.build();
    let mut keys = Vec::new();
    collect(&command, "help", &mut keys);
    keys
}

fn collect(command: &Command, key: &str, keys: &mut Vec<(String, Option<String>, String)>) {
    if let Some(about) = command.get_about() {
        keys.push((key.to_string(), None, about.to_string()));
    }
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        if let Some(help) = arg.get_help() {
            keys.push((format!("{key}--{id}"), Some(format!("help-arg--{id}")), help.to_string()));
        }
        for value in arg.get_possible_values().iter().filter(|value| !value.is_hide_set()) {
            if let Some(help) = value.get_help() {
                let name = value.get_name();
                keys.push((format!("{key}--{id}--{name}"), Some(format!("help-arg--{id}--{name}")), help.to_string()));
            }
        }
    }
    for sub in command.get_subcommands() {
        collect(sub, &format!("{key}-{}", sub.get_name()), keys);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(language: Language, args: &[&str]) -> String {
        let command = localized(<crate::cli::Cli as clap::CommandFactory>::command(), language);
        let error = command.try_get_matches_from(args).expect_err("--help stops the parse");
        error.render().to_string()
    }

    #[test]
    fn every_language_has_every_help_text() {
        for language in [Language::SimplifiedChinese, Language::Japanese] {
            let loader = i18n::loader_for(language);
            let own = |key: &str| {
                i18n::catalogue(language)
                    .is_some_and(|text| text.lines().any(|line| line.starts_with(&format!("{key} ="))))
            };
            let missing: Vec<String> = help_keys()
                .into_iter()
                .filter(|(key, fallback, _)| !own(key) && !fallback.as_deref().is_some_and(own))
                .map(|(key, _, english)| format!("{key} = {english}"))
                .collect();
            assert!(missing.is_empty(), "{}: no translation for\n{}", language.tag(), missing.join("\n"));
            let words: Vec<&str> = CLAP_WORDS.into_iter().filter(|key| text(&loader, key).is_none()).collect();
            assert!(words.is_empty(), "{}: no translation for clap's {words:?}", language.tag());
        }
    }

    #[test]
    fn no_language_has_a_help_text_that_nothing_reads() {
        let read: std::collections::BTreeSet<String> = help_keys()
            .into_iter()
            .flat_map(|(key, fallback, _)| [Some(key), fallback])
            .flatten()
            .chain(CLAP_WORDS.map(String::from))
            .collect();
        for language in [Language::SimplifiedChinese, Language::Japanese] {
            let catalogue = i18n::catalogue(language).expect("the catalogue is embedded");
            let ids = catalogue.lines().filter_map(|line| line.split_once(" =").map(|(id, _)| id));
            let unread: Vec<&str> =
                ids.filter(|id| (*id == "help" || id.starts_with("help-")) && !read.contains(*id)).collect();
            assert!(unread.is_empty(), "{}: help texts of no command or flag: {unread:?}", language.tag());
        }
    }

    #[test]
    fn the_help_speaks_the_language_it_is_asked_for() {
        let english = render(Language::English, &["kubectl-ack", "--help"]);
        assert!(english.contains("Fetch a cluster's kubeconfig"), "{english}");
        for language in [Language::SimplifiedChinese, Language::Japanese] {
            let help = render(language, &["kubectl-ack", "--help"]);
            assert!(!help.contains("Fetch a cluster's kubeconfig"), "{}: {help}", language.tag());
            assert!(help.contains("kubectl ack"), "{help}");
        }
    }

    /// What clap writes itself: no English heading, flag line or note is left in a translated help, short
    /// or long, of the program or of a command with positionals, defaults, an env variable and value helps.
    #[test]
    fn clap_s_own_words_are_translated_too() {
        let clap_english = [
            "Usage:",
            "Arguments:",
            "Options:",
            "Commands:",
            "Print help",
            "Print version",
            "[default:",
            "[env:",
            "possible values",
            "Possible values",
            "Human-readable",
            "ACK's client certificates",
        ];
        let cases: [&[&str]; 6] = [
            &["kubectl-ack", "--help"],
            &["kubectl-ack", "-h"],
            &["kubectl-ack", "get-credentials", "--help"],
            &["kubectl-ack", "get-credentials", "-h"],
            &["kubectl-ack", "expiry", "--help"],
            &["kubectl-ack", "completion", "install-plugin-completion", "--help"],
        ];
        for case in cases {
            let english = render(Language::English, case);
            assert!(english.contains("Usage:") && english.contains("Print help"), "{english}");
            for language in [Language::SimplifiedChinese, Language::Japanese] {
                let help = render(language, case);
                let left: Vec<&str> = clap_english.into_iter().filter(|word| help.contains(word)).collect();
                assert!(left.is_empty(), "{} {case:?}: still English {left:?}:\n{help}", language.tag());
            }
        }
        let zh = render(Language::SimplifiedChinese, &["kubectl-ack", "get-credentials", "--help"]);
        for expected in ["用法:", "参数:", "选项:", "[默认: 8]", "[环境变量: KUBECTL_ACK_ENDPOINT]", "- token: "]
        {
            assert!(zh.contains(expected), "{expected}:\n{zh}");
        }
    }

    /// The notes are hidden and written again, never dropped: defaults still apply, values still parse.
    #[test]
    fn a_translated_command_line_parses_as_the_english_one() {
        let lines: [&[&str]; 3] = [
            &["kubectl-ack", "get-credentials", "c1", "--auth", "token"],
            &["kubectl-ack", "expiry", "-o", "prometheus"],
            &["kubectl-ack", "doctor"],
        ];
        for line in lines {
            let english = format!("{:?}", crate::cli::parse(line, Language::English));
            assert!(english.starts_with("Ok("), "{english}");
            for language in [Language::SimplifiedChinese, Language::Japanese] {
                assert_eq!(format!("{:?}", crate::cli::parse(line, language)), english, "{}", language.tag());
            }
        }
    }
}
