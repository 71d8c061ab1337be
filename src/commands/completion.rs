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
//!   executable (`ops::completion`); the hidden `__complete` command answers with what
//!   `cli::complete` finds in clap's command tree: subcommands, flags, `-o` formats, and context
//!   names of the kubeconfig in force (honouring `--kubeconfig` on the line) for `--context`.

use crate::cli::complete;
use crate::error::{Error, exit};
use crate::ops::completion as use_case;
use crate::request::{Complete, Completion};
use crate::{Io, Machine, output, t};

/// `kubectl ack completion …`.
pub fn run(request: &Completion, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    match request {
        Completion::Script(shell) => {
            io.out.write_all(&complete::script(*shell))?;
            // After the script, not before: zsh wants `#compdef` on the first line. `#` is a comment in all four.
            writeln!(io.out, "\n{}", t!("completion-script-footer"))?;
        }
        Completion::PrintPluginCompletion => {
            io.out.write_all(use_case::plugin_completion_script(cfg!(windows)).as_bytes())?;
        }
        Completion::InstallPluginCompletion { dir, force } => {
            let dir = dir.clone().unwrap_or_else(|| use_case::default_install_dir(machine));
            let installed = use_case::install_plugin_completion(&dir, *force, cfg!(windows), machine)?;
            writeln!(io.err, "{}", t!("completion-wrote", path = installed.path.display().to_string()))?;
            if !installed.on_path {
                output::warning(
                    io.err,
                    &t!(
                        "completion-not-on-path",
                        dir = dir.display().to_string(),
                        name = use_case::PLUGIN_COMPLETION_NAME
                    ),
                );
            }
        }
    }
    Ok(exit::SUCCESS)
}

/// `kubectl-ack __complete [--] WORDS…`: the candidates for the last word, then `:<directive>`.
pub fn complete(request: &Complete, machine: &Machine, io: &mut Io<'_>) -> Result<u8, Error> {
    let mut words: &[String] = &request.words;
    // `kubectl_complete-ack __complete …` (the cobra-style call) reaches here with the word twice.
    if words.first().is_some_and(|word| word == "__complete") {
        words = &words[1..];
    }
    let (candidates, directive) = complete::candidates(words, &|file| use_case::context_names(file, machine));
    for candidate in candidates {
        writeln!(io.out, "{candidate}")?;
    }
    writeln!(io.out, ":{directive}")?;
    Ok(exit::SUCCESS)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::ops::completion::{PLUGIN_COMPLETION_NAME, install_plugin_completion, plugin_completion_script};
    use crate::request::Shell;

    fn env_with(kubeconfig: &Path) -> Machine {
        Machine { kubeconfig: Some(kubeconfig.as_os_str().to_owned()), home: None, ..Machine::from_process() }
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

    fn complete_words(words: &[&str], env: &Machine) -> String {
        let request = Complete { words: words.iter().map(|word| word.to_string()).collect() };
        let (status, out, err) = with_io(|io| complete(&request, env, io).unwrap());
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
        let machine = Machine::from_process();
        for (shell, needle) in [
            (Shell::Bash, "complete -F _kubectl__ack"),
            (Shell::Zsh, "\n_kubectl-ack() {"),
            (Shell::Fish, "complete -c kubectl-ack"),
            (Shell::PowerShell, "Register-ArgumentCompleter -Native -CommandName 'kubectl-ack'"),
        ] {
            let (status, script, _) = with_io(|io| run(&Completion::Script(shell), &machine, io).unwrap());
            assert_eq!(status, exit::SUCCESS);
            assert!(script.contains(needle), "{shell:?}:\n{script}");
            if shell == Shell::Zsh {
                assert!(script.starts_with("#compdef kubectl-ack\n"), "zsh autoload needs #compdef first");
            }
            assert!(script.contains("whoami") && script.contains("export-cert"), "{shell:?}");
        }
    }

    #[test]
    fn the_plugin_completion_executable_is_written_and_not_over_a_foreign_file() {
        let dir = tempfile::tempdir().unwrap();
        let machine = Machine::from_process();
        let install = |force: bool| install_plugin_completion(dir.path(), force, false, &machine);
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
        assert!(matches!(install(false), Err(crate::ops::Error::WouldOverwrite { .. })));
        install(true).unwrap();
        assert!(plugin_completion_script(true).contains("kubectl-ack.exe __complete -- %*"));
    }
}
