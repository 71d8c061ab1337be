//! `--help` in the user's language. The English help is the doc comments of the clap types; for the
//! other languages each about line and each flag's help comes from the catalogue, by the command's path:
//! `help` (the program), `help-<command>` (a subcommand, `help-completion-bash` for a nested one),
//! `help-<command>--<argument id>` (a flag), else `help-arg--<argument id>` (a flag that reads the same
//! everywhere). The section headings are translated too; clap's own usage errors stay English.
//! `every_language_has_every_help_text` checks that nothing is left untranslated.

use clap::Command;
use i18n_embed::fluent::FluentLanguageLoader;

use crate::i18n::{self, Language};

/// `command` with its help texts in `language` (English as written, when it is English).
pub fn localized(command: Command, language: Language) -> Command {
    if language == Language::English {
        return command;
    }
    let loader = i18n::loader_for(language);
    localize(command, "help", &loader)
}

fn localize(mut command: Command, key: &str, loader: &FluentLanguageLoader) -> Command {
    if let Some(about) = text(loader, key) {
        command = command.about(about);
    }
    let options = text(loader, "help-heading-options").unwrap_or_else(|| "Options".into());
    let ids: Vec<String> = command.get_arguments().map(|arg| arg.get_id().to_string()).collect();
    for id in ids {
        let help = text(loader, &format!("{key}--{id}")).or_else(|| text(loader, &format!("help-arg--{id}")));
        let options = options.clone();
        command = command.mut_arg(id, move |arg| {
            let arg = if arg.is_positional() { arg } else { arg.help_heading(options) };
            match help {
                Some(help) => arg.help(help),
                None => arg,
            }
        });
    }
    if let Some(heading) = text(loader, "help-heading-commands") {
        command = command.subcommand_help_heading(heading);
    }
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_string()).collect();
    for name in names {
        let child = format!("{key}-{name}");
        command = command.mut_subcommand(name, |sub| localize(sub, &child, loader));
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
    }
    for sub in command.get_subcommands() {
        collect(sub, &format!("{key}-{}", sub.get_name()), keys);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert!(
                text(&loader, "help-heading-options").is_some() && text(&loader, "help-heading-commands").is_some()
            );
        }
    }

    #[test]
    fn the_help_speaks_the_language_it_is_asked_for() {
        let render = |language| {
            localized(<crate::cli::Cli as clap::CommandFactory>::command(), language).render_help().to_string()
        };
        let english = render(Language::English);
        assert!(english.contains("Fetch a cluster's kubeconfig"), "{english}");
        for language in [Language::SimplifiedChinese, Language::Japanese] {
            let help = render(language);
            assert!(!help.contains("Fetch a cluster's kubeconfig"), "{}: {help}", language.tag());
            assert!(help.contains("kubectl ack"), "{help}");
        }
    }
}
