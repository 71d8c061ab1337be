//! Shell completion from clap's command tree: the candidates for `kubectl ack <TAB>` (what the hidden
//! `__complete` command prints for kubectl's plugin completion) and clap_complete's scripts for
//! `kubectl-ack <TAB>`. The kubeconfig's context names come from the caller, so this knows no files.

use std::path::PathBuf;

use clap::builder::ValueHint;
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use crate::request::Shell;

// Cobra's ShellCompDirective values, which kubectl passes on to the shell.
pub const DIRECTIVE_DEFAULT: u32 = 0;
pub const DIRECTIVE_NO_FILE_COMP: u32 = 4;
pub const DIRECTIVE_FILTER_DIRS: u32 = 16;

/// clap_complete's script completing `kubectl-ack …` in `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::PowerShell => clap_complete::Shell::PowerShell,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "kubectl-ack", &mut script);
    script
}

/// What the words before the one being completed say.
struct Position<'c> {
    command: &'c Command,
    /// A flag whose value is the word being completed.
    pending: Option<&'c Arg>,
    kubeconfig: Option<PathBuf>,
    given: Vec<&'c str>,
}

/// The candidates for the last of `words` (one a line, `value<TAB>help`) and cobra's directive; the
/// context names of a kubeconfig (`None`: the one in force; else the `--kubeconfig` on the line) are
/// asked of `context_names`.
pub fn candidates(words: &[String], context_names: &dyn Fn(Option<PathBuf>) -> Vec<String>) -> (Vec<String>, u32) {
    let mut root = Cli::command();
    root.build();
    let (current, done) = match words.split_last() {
        Some((current, done)) => (current.as_str(), done),
        None => ("", &[][..]),
    };
    let Some(position) = walk(&root, done) else { return (Vec::new(), DIRECTIVE_NO_FILE_COMP) };
    if let Some(arg) = position.pending {
        return values(arg, current, "", &position, context_names);
    }
    if let Some(flag) = current.strip_prefix("--")
        && let Some((name, value)) = flag.split_once('=')
    {
        return match find_long(position.command, name) {
            Some(arg) if takes_value(arg) => values(arg, value, &format!("--{name}="), &position, context_names),
            _ => (Vec::new(), DIRECTIVE_NO_FILE_COMP),
        };
    }
    if current.starts_with('-') {
        return (flags(&position, current), DIRECTIVE_NO_FILE_COMP);
    }
    let subcommands: Vec<String> = position
        .command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name().starts_with(current))
        .map(|sub| with_help(sub.get_name(), sub.get_about().map(ToString::to_string)))
        .collect();
    if position.command.has_subcommands() {
        return (subcommands, DIRECTIVE_NO_FILE_COMP);
    }
    // Positional arguments: none of today's commands take one that can be listed.
    (Vec::new(), DIRECTIVE_NO_FILE_COMP)
}

/// Follows subcommands and flags through the finished words; `None` when they make no sense.
fn walk<'c>(root: &'c Command, done: &[String]) -> Option<Position<'c>> {
    let mut position = Position { command: root, pending: None, kubeconfig: None, given: Vec::new() };
    let mut only_positionals = false;
    for word in done {
        if let Some(arg) = position.pending.take() {
            note_value(&mut position, arg, word);
            continue;
        }
        if only_positionals || word == "-" || !word.starts_with('-') {
            if word == "--" {
                only_positionals = true;
            } else if let Some(sub) = position.command.find_subcommand(word) {
                position.command = sub;
            }
            continue;
        }
        if let Some(flag) = word.strip_prefix("--") {
            let (name, value) = match flag.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (flag, None),
            };
            let arg = find_long(position.command, name)?;
            position.given.push(arg.get_id().as_str());
            match value {
                Some(value) => note_value(&mut position, arg, value),
                None if takes_value(arg) => position.pending = Some(arg),
                None => {}
            }
            continue;
        }
        // A cluster of short flags (`-A`, `-ojson`, `-o json`).
        let shorts = &word[1..];
        for (index, short) in shorts.char_indices() {
            let arg = position.command.get_arguments().find(|arg| arg.get_short() == Some(short))?;
            position.given.push(arg.get_id().as_str());
            if takes_value(arg) {
                let rest = &shorts[index + short.len_utf8()..];
                if rest.is_empty() {
                    position.pending = Some(arg);
                } else {
                    note_value(&mut position, arg, rest.strip_prefix('=').unwrap_or(rest));
                }
                break;
            }
        }
    }
    Some(position)
}

fn note_value(position: &mut Position<'_>, arg: &Arg, value: &str) {
    if arg.get_id() == "kubeconfig" {
        position.kubeconfig = Some(PathBuf::from(value));
    }
}

/// The flag `--name` of the command; else the first of its subcommands' (so `kubectl ack --context <TAB>`,
/// before any subcommand, still offers context names).
fn find_long<'c>(command: &'c Command, name: &str) -> Option<&'c Arg> {
    let own = command.get_arguments().find(|arg| {
        arg.get_long() == Some(name) || arg.get_all_aliases().is_some_and(|aliases| aliases.contains(&name))
    });
    own.or_else(|| command.get_subcommands().find_map(|sub| find_long(sub, name)))
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|range| range.takes_values())
}

fn with_help(value: &str, help: Option<String>) -> String {
    match help {
        Some(help) if !help.is_empty() => format!("{value}\t{}", help.lines().next().unwrap_or_default()),
        _ => value.to_string(),
    }
}

/// The flags of the command that may still be given, matching `current`.
fn flags(position: &Position<'_>, current: &str) -> Vec<String> {
    let mut out = Vec::new();
    for arg in position.command.get_arguments() {
        if arg.is_hide_set() || arg.is_positional() {
            continue;
        }
        let repeatable = matches!(arg.get_action(), ArgAction::Append | ArgAction::Count);
        if !repeatable && position.given.contains(&arg.get_id().as_str()) {
            continue;
        }
        let name = match (arg.get_long(), arg.get_short()) {
            (Some(long), _) => format!("--{long}"),
            (None, Some(short)) => format!("-{short}"),
            (None, None) => continue,
        };
        if name.starts_with(current) {
            out.push(with_help(&name, arg.get_help().map(ToString::to_string)));
        }
    }
    out
}

/// The values of a flag, matching `current`, each written after `prefix` (`--output=`).
fn values(
    arg: &Arg,
    current: &str,
    prefix: &str,
    position: &Position<'_>,
    context_names: &dyn Fn(Option<PathBuf>) -> Vec<String>,
) -> (Vec<String>, u32) {
    if arg.get_id() == "context" {
        let names = context_names(position.kubeconfig.clone());
        let list =
            names.iter().filter(|name| name.starts_with(current)).map(|name| format!("{prefix}{name}")).collect();
        return (list, DIRECTIVE_NO_FILE_COMP);
    }
    let possible = arg.get_possible_values();
    if !possible.is_empty() {
        let list = possible
            .iter()
            .filter(|value| !value.is_hide_set() && value.get_name().starts_with(current))
            .map(|value| with_help(&format!("{prefix}{}", value.get_name()), value.get_help().map(ToString::to_string)))
            .collect();
        return (list, DIRECTIVE_NO_FILE_COMP);
    }
    let hint = arg.get_value_hint();
    let named = |wanted: &str| arg.get_value_names().is_some_and(|names| names.iter().any(|name| name == wanted));
    let directive = if hint == ValueHint::DirPath || named("DIR") {
        DIRECTIVE_FILTER_DIRS
    } else if matches!(hint, ValueHint::AnyPath | ValueHint::FilePath | ValueHint::ExecutablePath) || named("FILE") {
        DIRECTIVE_DEFAULT
    } else {
        DIRECTIVE_NO_FILE_COMP
    };
    (Vec::new(), directive)
}
