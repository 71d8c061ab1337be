//! Shell completion.
//!
//! * `kubectl ack completion bash|zsh|fish|powershell` prints clap_complete's script for the
//!   `kubectl-ack` executable (`kubectl-ack <TAB>`). A shell completes by the first word of a
//!   command line, so no such script can register for the two words `kubectl ack` (clap_complete
//!   panics or writes function names with a space for that bin name).
//! * `kubectl ack <TAB>` is kubectl's own completion: kubectl 1.26+ runs an executable named
//!   `kubectl_complete-ack` from PATH with the words after `kubectl ack` (the last one being
//!   completed, maybe empty) and shows what it prints: one candidate a line (`value<TAB>help`),
//!   then cobra's `:<directive>` line. `completion install-plugin-completion` writes that
//!   executable, a two-line script that runs `kubectl-ack __complete -- "$@"`; the hidden
//!   `__complete` command ([`complete`]) answers: subcommands, flags, `-o` formats, and context
//!   names of the kubeconfig in force (honouring `--kubeconfig` on the line) for `--context`.

use std::path::{Path, PathBuf};

use clap::builder::ValueHint;
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Io;
use crate::Environment;
use crate::cli::{Cli, KubeconfigArgs};
use crate::error::{Error, exit};
use crate::kubeconfig::{Kubeconfig, Section};

/// The executable kubectl runs to complete `kubectl ack …`.
pub const PLUGIN_COMPLETION_NAME: &str = "kubectl_complete-ack";

/// Marks a `kubectl_complete-ack` written by kubectl-ack, so it may be replaced without `--force`.
const SCRIPT_MARKER: &str = "written by `kubectl ack completion install-plugin-completion`";

/// `kubectl_complete-ack` must be executable by the user's shell.
const EXECUTABLE_MODE: u32 = 0o755;

// Cobra's ShellCompDirective values, which kubectl passes on to the shell.
const DIRECTIVE_DEFAULT: u32 = 0;
const DIRECTIVE_NO_FILE_COMP: u32 = 4;
const DIRECTIVE_FILTER_DIRS: u32 = 16;

/// Completion scripts, and the executable kubectl runs for `kubectl ack <TAB>`.
#[derive(Debug, clap::Args)]
pub struct CompletionArgs {
    #[command(subcommand)]
    pub target: CompletionTarget,
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum CompletionTarget {
    /// Print the bash completion script for kubectl-ack (source it from ~/.bashrc)
    Bash,
    /// Print the zsh completion script for kubectl-ack (save it as _kubectl-ack on $fpath)
    Zsh,
    /// Print the fish completion script for kubectl-ack (save it in ~/.config/fish/completions/)
    Fish,
    /// Print the PowerShell completion script for kubectl-ack (dot-source it from $PROFILE)
    Powershell,
    /// Write kubectl_complete-ack, which kubectl 1.26+ runs to complete `kubectl ack <TAB>`
    InstallPluginCompletion {
        /// Directory to write it into; it must be on PATH (default: where kubectl-ack is found on PATH)
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: Option<PathBuf>,
        /// Replace an existing kubectl_complete-ack that kubectl-ack did not write
        #[arg(long)]
        force: bool,
        /// Print the script instead of writing it
        #[arg(long, conflicts_with_all = ["dir", "force"])]
        print: bool,
    },
}

/// The words after `kubectl ack`, as kubectl hands them to `kubectl_complete-ack`.
#[derive(Debug, clap::Args)]
pub struct CompleteArgs {
    /// The words after `kubectl ack`; the last one is the word being completed (may be empty)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0.., value_name = "WORDS")]
    pub words: Vec<String>,
}

/// `kubectl ack completion …`.
pub fn run(args: &CompletionArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let shell = match &args.target {
        CompletionTarget::Bash => clap_complete::Shell::Bash,
        CompletionTarget::Zsh => clap_complete::Shell::Zsh,
        CompletionTarget::Fish => clap_complete::Shell::Fish,
        CompletionTarget::Powershell => clap_complete::Shell::PowerShell,
        CompletionTarget::InstallPluginCompletion { print: true, .. } => {
            io.out.write_all(plugin_completion_script(cfg!(windows)).as_bytes())?;
            return Ok(exit::SUCCESS);
        }
        CompletionTarget::InstallPluginCompletion { dir, force, .. } => {
            let dir = match dir {
                Some(dir) => dir.clone(),
                None => default_install_dir(),
            };
            return install_plugin_completion(&dir, *force, cfg!(windows), io);
        }
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "kubectl-ack", &mut script);
    io.out.write_all(&script)?;
    // After the script, not before: zsh wants `#compdef` on the first line. `#` is a comment in all four.
    writeln!(
        io.out,
        "\n# Completion for `kubectl-ack …`. For `kubectl ack <TAB>` (kubectl 1.26+), run\n\
         # `kubectl ack completion install-plugin-completion` once and use kubectl's own completion."
    )?;
    Ok(exit::SUCCESS)
}

/// The content of `kubectl_complete-ack` (`.cmd` on Windows).
pub fn plugin_completion_script(windows: bool) -> String {
    if windows {
        format!(
            "@echo off\r\nrem {PLUGIN_COMPLETION_NAME}: kubectl runs it for `kubectl ack <TAB>`; this script was {SCRIPT_MARKER}\r\n\
             kubectl-ack.exe __complete -- %*\r\n"
        )
    } else {
        format!(
            "#!/bin/sh\n# {PLUGIN_COMPLETION_NAME}: kubectl (1.26+) runs it for `kubectl ack <TAB>` with the words after\n\
             # `kubectl ack`; kubectl-ack prints the candidates. This script was {SCRIPT_MARKER}.\n\
             exec kubectl-ack __complete -- \"$@\"\n"
        )
    }
}

/// Where `install-plugin-completion` writes by default: next to the `kubectl-ack` that PATH finds
/// (for krew, its bin directory), else beside the running executable.
fn default_install_dir() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let exe_name = if cfg!(windows) { "kubectl-ack.exe" } else { "kubectl-ack" };
    std::env::split_paths(&path)
        .find(|dir| dir.join(exe_name).is_file())
        .or_else(|| std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf)))
        .unwrap_or_else(|| PathBuf::from("."))
}

fn install_plugin_completion(dir: &Path, force: bool, windows: bool, io: &mut Io<'_>) -> Result<u8, Error> {
    let file_name = if windows { format!("{PLUGIN_COMPLETION_NAME}.cmd") } else { PLUGIN_COMPLETION_NAME.to_string() };
    let path = dir.join(file_name);
    if let Ok(existing) = std::fs::read_to_string(&path)
        && !existing.contains(SCRIPT_MARKER)
        && !force
    {
        return Err(Error::WouldOverwrite { path });
    }
    crate::fsutil::write_atomically(&path, plugin_completion_script(windows).as_bytes(), EXECUTABLE_MODE)
        .map_err(|source| Error::Write { path: path.clone(), source })?;
    writeln!(io.err, "wrote {}", path.display())?;
    let on_path =
        std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|entry| same_dir(&entry, dir)));
    if !on_path {
        writeln!(
            io.err,
            "warning: {} is not on PATH; kubectl finds {PLUGIN_COMPLETION_NAME} only there",
            dir.display()
        )?;
    }
    Ok(exit::SUCCESS)
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// `kubectl-ack __complete [--] WORDS…`: the candidates for the last word, then `:<directive>`.
pub fn complete(args: &CompleteArgs, env: &Environment, io: &mut Io<'_>) -> Result<u8, Error> {
    let mut words: &[String] = &args.words;
    // `kubectl_complete-ack __complete …` (the cobra-style call) reaches here with the word twice.
    if words.first().is_some_and(|word| word == "__complete") {
        words = &words[1..];
    }
    let (candidates, directive) = candidates(words, env);
    for candidate in candidates {
        writeln!(io.out, "{candidate}")?;
    }
    writeln!(io.out, ":{directive}")?;
    Ok(exit::SUCCESS)
}

/// What the words before the one being completed say.
struct Position<'c> {
    command: &'c Command,
    /// A flag whose value is the word being completed.
    pending: Option<&'c Arg>,
    kubeconfig: Option<PathBuf>,
    given: Vec<&'c str>,
}

fn candidates(words: &[String], env: &Environment) -> (Vec<String>, u32) {
    let mut root = Cli::command();
    root.build();
    let (current, done) = match words.split_last() {
        Some((current, done)) => (current.as_str(), done),
        None => ("", &[][..]),
    };
    let Some(position) = walk(&root, done) else { return (Vec::new(), DIRECTIVE_NO_FILE_COMP) };
    if let Some(arg) = position.pending {
        return values(arg, current, "", &position, env);
    }
    if let Some(flag) = current.strip_prefix("--")
        && let Some((name, value)) = flag.split_once('=')
    {
        return match find_long(position.command, name) {
            Some(arg) if takes_value(arg) => values(arg, value, &format!("--{name}="), &position, env),
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
fn values(arg: &Arg, current: &str, prefix: &str, position: &Position<'_>, env: &Environment) -> (Vec<String>, u32) {
    if arg.get_id() == "context" {
        let names = context_names(position.kubeconfig.clone(), env);
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

/// The context names of the kubeconfig in force; none when it cannot be read (completion is silent).
fn context_names(kubeconfig: Option<PathBuf>, env: &Environment) -> Vec<String> {
    let args = KubeconfigArgs { kubeconfig };
    let Ok(paths) = super::kubeconfig_paths(&args, env) else { return Vec::new() };
    match Kubeconfig::load(&paths) {
        Ok(config) => config.names(Section::Contexts).into_iter().map(str::to_string).collect(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_with(kubeconfig: &Path) -> Environment {
        Environment { kubeconfig: Some(kubeconfig.as_os_str().to_owned()), home: None, ..Environment::from_process() }
    }

    /// Runs `f` with captured writers and an empty standard input; returns its result, stdout, stderr.
    fn with_io<T>(f: impl FnOnce(&mut Io<'_>) -> T) -> (T, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut input = std::io::empty();
        let result = f(&mut Io { input: &mut input, out: &mut out, err: &mut err });
        (result, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
    }

    fn kubeconfig_with_contexts(dir: &Path, names: &[&str]) -> PathBuf {
        let contexts: String =
            names.iter().map(|name| format!("- name: {name}\n  context: {{cluster: c, user: u}}\n")).collect();
        let path = dir.join("config");
        std::fs::write(&path, format!("apiVersion: v1\nkind: Config\ncontexts:\n{contexts}")).unwrap();
        path
    }

    fn complete_words(words: &[&str], env: &Environment) -> String {
        let args = CompleteArgs { words: words.iter().map(|word| word.to_string()).collect() };
        let (status, out, err) = with_io(|io| complete(&args, env, io).unwrap());
        assert_eq!(status, exit::SUCCESS);
        assert!(err.is_empty(), "{err}");
        out
    }

    fn values_only(output: &str) -> Vec<&str> {
        output.lines().map(|line| line.split('\t').next().unwrap()).collect()
    }

    #[test]
    fn context_names_complete_the_context_flag_in_every_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let config = kubeconfig_with_contexts(dir.path(), &["prod-web", "prod-db", "staging"]);
        let env = env_with(&config);
        assert_eq!(
            values_only(&complete_words(&["whoami", "--context", ""], &env)),
            ["prod-web", "prod-db", "staging", ":4"]
        );
        assert_eq!(
            values_only(&complete_words(&["whoami", "--context", "prod-"], &env)),
            ["prod-web", "prod-db", ":4"]
        );
        assert_eq!(values_only(&complete_words(&["expiry", "--context=st"], &env)), ["--context=staging", ":4"]);
        // The cobra-style call `kubectl_complete-ack __complete …` and a bare `--context` too.
        assert_eq!(values_only(&complete_words(&["__complete", "whoami", "--context", ""], &env)).len(), 4);
        // Before a subcommand, where no command has taken the flag yet, the names are offered all the same.
        assert_eq!(
            values_only(&complete_words(&["__complete", "--context", ""], &env)),
            ["prod-web", "prod-db", "staging", ":4"]
        );
        assert_eq!(
            values_only(&complete_words(&["--context=p"], &env)),
            ["--context=prod-web", "--context=prod-db", ":4"]
        );
    }

    #[test]
    fn the_kubeconfig_flag_on_the_line_is_honoured() {
        let dir = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        let config = kubeconfig_with_contexts(dir.path(), &["from-env"]);
        let flag = kubeconfig_with_contexts(other.path(), &["from-flag"]);
        let env = env_with(&config);
        let flag = flag.to_str().unwrap();
        let output = complete_words(&["whoami", "--kubeconfig", flag, "--context", ""], &env);
        assert_eq!(values_only(&output), ["from-flag", ":4"]);
        let output = complete_words(&["whoami", &format!("--kubeconfig={flag}"), "--context", ""], &env);
        assert_eq!(values_only(&output), ["from-flag", ":4"]);
    }

    #[test]
    fn subcommands_flags_and_formats_are_listed_with_help() {
        let env = env_with(Path::new("/nonexistent/kubeconfig"));
        let top = complete_words(&[""], &env);
        let names = values_only(&top);
        for name in ["whoami", "expiry", "export-cert", "version", "completion"] {
            assert!(names.contains(&name), "{top}");
        }
        assert!(!top.contains("__complete"), "{top}");
        assert!(top.contains("whoami\tShow the user"), "{top}");
        assert_eq!(values_only(&complete_words(&["ex"], &env)), ["expiry", "export-cert", ":4"]);

        let flags = complete_words(&["expiry", "--"], &env);
        for flag in ["--kubeconfig", "--context", "--all-contexts", "--within", "--output", "--verbose", "--help"] {
            assert!(values_only(&flags).contains(&flag), "{flags}");
        }
        let again = complete_words(&["expiry", "--within", "3d", "--w"], &env);
        assert_eq!(values_only(&again), [":4"], "a flag given once is not offered again");

        assert_eq!(values_only(&complete_words(&["whoami", "-o", ""], &env)), ["text", "json", "yaml", ":4"]);
        assert_eq!(values_only(&complete_words(&["whoami", "--output=j"], &env)), ["--output=json", ":4"]);
        assert_eq!(values_only(&complete_words(&["completion", ""], &env)).len(), 6);
    }

    #[test]
    fn path_flags_hand_over_to_the_shells_file_completion() {
        let env = env_with(Path::new("/nonexistent/kubeconfig"));
        assert_eq!(complete_words(&["whoami", "--kubeconfig", ""], &env), ":0\n");
        assert_eq!(complete_words(&["export-cert", "--out-dir", ""], &env), ":16\n");
        assert_eq!(complete_words(&["nonsense", "--no-such-flag", ""], &env), ":4\n");
        assert_eq!(complete_words(&[], &env).lines().last(), Some(":4"));
    }

    #[test]
    fn scripts_are_generated_for_the_four_shells() {
        for (target, needle) in [
            (CompletionTarget::Bash, "complete -F _kubectl__ack"),
            (CompletionTarget::Zsh, "\n_kubectl-ack() {"),
            (CompletionTarget::Fish, "complete -c kubectl-ack"),
            (CompletionTarget::Powershell, "Register-ArgumentCompleter -Native -CommandName 'kubectl-ack'"),
        ] {
            let (status, script, _) = with_io(|io| run(&CompletionArgs { target: target.clone() }, io).unwrap());
            assert_eq!(status, exit::SUCCESS);
            assert!(script.contains(needle), "{target:?}:\n{script}");
            if matches!(target, CompletionTarget::Zsh) {
                assert!(script.starts_with("#compdef kubectl-ack\n"), "zsh autoload needs #compdef first");
            }
            assert!(script.contains("whoami") && script.contains("export-cert"), "{target:?}");
        }
    }

    #[test]
    fn the_plugin_completion_executable_is_written_and_not_over_a_foreign_file() {
        let dir = tempfile::tempdir().unwrap();
        let install = |force: bool| with_io(|io| install_plugin_completion(dir.path(), force, false, io)).0;
        install(false).unwrap();
        let path = dir.path().join(PLUGIN_COMPLETION_NAME);
        let script = std::fs::read_to_string(&path).unwrap();
        assert!(script.starts_with("#!/bin/sh\n") && script.ends_with("exec kubectl-ack __complete -- \"$@\"\n"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o755);
        }
        // Its own script is replaced freely; a foreign one only with --force.
        install(false).unwrap();
        std::fs::write(&path, "#!/bin/sh\necho mine\n").unwrap();
        assert!(matches!(install(false), Err(Error::WouldOverwrite { .. })));
        install(true).unwrap();
        assert!(plugin_completion_script(true).contains("kubectl-ack.exe __complete -- %*"));
    }
}
