//! `ack-sandbox tour` and `ack-sandbox shell`: the README's walk-through against a sandbox started for it, in a
//! throwaway HOME, so a newcomer sees the whole job done without touching their own kubeconfig.
//!
//! `tour` runs each step (get-credentials, the real `kubectl get namespaces`, whoami, expiry, audit, doctor,
//! rotate --dry-run), prints the command and its output, and ends by checking that the user's own kubeconfig
//! is byte for byte what it was. `shell` opens `$SHELL` with the same environment, for doing it by hand.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_REGION, Sandbox};

/// Where the programs are, and whose kubeconfig must stay untouched.
#[derive(Debug, Clone)]
pub struct TourSetup {
    /// The kubectl-ack executable.
    pub kubectl_ack: PathBuf,
    /// The real kubectl, when there is one.
    pub kubectl: Option<PathBuf>,
    /// The user's own kubeconfig files (`KUBECONFIG`'s, else `~/.kube/config`): checked before and after.
    pub own_kubeconfigs: Vec<PathBuf>,
}

impl TourSetup {
    /// From this process's environment: `KUBECTL_ACK` or `kubectl-ack` on PATH (or beside this
    /// executable, as cargo builds them); `KUBECTL` or `kubectl` on PATH; the user's KUBECONFIG or
    /// `~/.kube/config`.
    pub fn from_environment() -> Result<TourSetup, String> {
        let kubectl_ack = std::env::var_os("KUBECTL_ACK")
            .map(PathBuf::from)
            .or_else(|| on_path("kubectl-ack"))
            .or_else(|| beside_this_executable("kubectl-ack"))
            .ok_or("kubectl-ack is not installed: run `cargo install --locked --path .` first (or set KUBECTL_ACK)")?;
        let kubectl = std::env::var_os("KUBECTL").map(PathBuf::from).or_else(|| on_path("kubectl"));
        let own_kubeconfigs = match std::env::var_os("KUBECONFIG").filter(|value| !value.is_empty()) {
            Some(list) => std::env::split_paths(&list).collect(),
            None => {
                std::env::var_os("HOME").map(|home| vec![Path::new(&home).join(".kube/config")]).unwrap_or_default()
            }
        };
        Ok(TourSetup { kubectl_ack, kubectl, own_kubeconfigs })
    }
}

/// A throwaway HOME, removed when dropped.
pub struct ThrowawayHome(PathBuf);

impl ThrowawayHome {
    pub fn create() -> std::io::Result<ThrowawayHome> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        let path = std::env::temp_dir().join(format!("ack-sandbox-home-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(ThrowawayHome(path))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ThrowawayHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The variables that point kubectl-ack at the sandbox, with the demo keys.
pub fn sandbox_variables(sandbox: &Sandbox) -> Vec<(&'static str, String)> {
    vec![
        ("KUBECTL_ACK_ENDPOINT", sandbox.endpoint()),
        ("ALIBABA_CLOUD_STS_ENDPOINT", sandbox.sts_endpoint()),
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID.to_string()),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", DEMO_ACCESS_KEY_SECRET.to_string()),
        ("ALIBABA_CLOUD_REGION_ID", DEMO_REGION.to_string()),
        ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true".to_string()),
        ("NO_PROXY", "*".to_string()),
    ]
}

/// Runs the walk-through, writing each command and its output to `out`. Returns whether every step worked
/// and the user's kubeconfig is unchanged.
pub fn run_tour(setup: &TourSetup, out: &mut dyn Write) -> std::io::Result<bool> {
    let before = snapshot(&setup.own_kubeconfigs);
    let sandbox = Sandbox::start();
    let home = ThrowawayHome::create()?;
    writeln!(
        out,
        "# A fake Alibaba Cloud is running on loopback, and HOME is {} for this tour.",
        home.path().display()
    )?;
    writeln!(out, "# Nothing here reaches Alibaba Cloud, and your own kubeconfig is left alone.\n")?;
    let bin = home.path().join("bin");
    std::fs::create_dir(&bin)?;
    link_or_copy(&setup.kubectl_ack, &bin.join("kubectl-ack"))?;
    let path = tour_path(&bin, setup.kubectl.as_deref());
    let mut all_well = true;
    for step in STEPS {
        all_well &= run_step(step, setup, &sandbox, home.path(), &path, out)?;
    }
    let after = snapshot(&setup.own_kubeconfigs);
    let untouched = before == after;
    writeln!(out)?;
    match (untouched, setup.own_kubeconfigs.as_slice()) {
        (true, [one]) if before.iter().all(Option::is_none) => {
            writeln!(out, "Your own kubeconfig ({}) does not exist, and still does not.", one.display())?
        }
        (true, files) => writeln!(
            out,
            "Your own kubeconfig ({}) was not touched: byte for byte as before the tour.",
            files.iter().map(|file| file.display().to_string()).collect::<Vec<_>>().join(", ")
        )?,
        (false, _) => writeln!(out, "error: your own kubeconfig changed during the tour")?,
    }
    if all_well && untouched {
        writeln!(out, "Tour done. Try it by hand: cargo run -p ack-sandbox -- shell")?;
    }
    Ok(all_well && untouched)
}

/// One command of the walk-through: what is shown, and what runs.
struct Step {
    shown: &'static str,
    /// `true`: the real kubectl; `false`: kubectl-ack (what `kubectl ack …` runs).
    kubectl: bool,
    args: &'static [&'static str],
    comment: &'static str,
}

const STEPS: &[Step] = &[
    Step {
        shown: "kubectl ack get-credentials demo-web --temporary 30m",
        kubectl: false,
        args: &["get-credentials", "demo-web", "--temporary", "30m"],
        comment: "fetch a 30-minute kubeconfig and merge it into ~/.kube/config (0600), switching context",
    },
    Step {
        shown: "kubectl get namespaces",
        kubectl: true,
        args: &["get", "namespaces", "--request-timeout", "20s"],
        comment: "the real kubectl, against the sandbox's API server",
    },
    Step {
        shown: "kubectl ack whoami",
        kubectl: false,
        args: &["whoami"],
        comment: "who the certificate says you are",
    },
    Step { shown: "kubectl ack expiry", kubectl: false, args: &["expiry"], comment: "about 30 minutes left" },
    Step {
        shown: "kubectl ack audit demo-web",
        kubectl: false,
        args: &["audit", "demo-web"],
        comment: "who holds kubeconfigs for the cluster",
    },
    Step {
        shown: "kubectl ack doctor",
        kubectl: false,
        args: &["doctor"],
        comment: "each check, with a fix if one fails",
    },
    Step {
        shown: "kubectl ack rotate --dry-run",
        kubectl: false,
        args: &["rotate", "--dry-run"],
        comment: "nothing due yet: a 30-minute certificate is fresh",
    },
];

fn run_step(
    step: &Step,
    setup: &TourSetup,
    sandbox: &Sandbox,
    home: &Path,
    path: &OsString,
    out: &mut dyn Write,
) -> std::io::Result<bool> {
    writeln!(out, "$ {}   # {}", step.shown, step.comment)?;
    let program = if step.kubectl {
        match &setup.kubectl {
            Some(kubectl) => kubectl.clone(),
            None => {
                writeln!(out, "(skipped: kubectl is not on PATH; scripts/ensure-kubectl installs one)\n")?;
                return Ok(true);
            }
        }
    } else {
        home.join("bin").join("kubectl-ack")
    };
    let mut command = Command::new(program);
    command.args(step.args).env_clear().env("HOME", home).env("PATH", path);
    for (name, value) in sandbox_variables(sandbox) {
        command.env(name, value);
    }
    for name in ["LANG", "LC_ALL", "LC_MESSAGES", "KUBECTL_ACK_LANG", "TERM"] {
        if let Some(value) = std::env::var_os(name) {
            command.env(name, value);
        }
    }
    let output = command.output()?;
    out.write_all(&output.stdout)?;
    out.write_all(&output.stderr)?;
    let worked = output.status.success();
    if !worked {
        writeln!(out, "(exit status {})", output.status.code().unwrap_or(-1))?;
    }
    writeln!(out)?;
    Ok(worked)
}

/// Opens `$SHELL` (else `/bin/sh`) with the sandbox's variables and a throwaway HOME; returns its exit code.
pub fn run_shell(setup: &TourSetup, err: &mut dyn Write) -> std::io::Result<i32> {
    let sandbox = Sandbox::start();
    let home = ThrowawayHome::create()?;
    let bin = home.path().join("bin");
    std::fs::create_dir(&bin)?;
    link_or_copy(&setup.kubectl_ack, &bin.join("kubectl-ack"))?;
    let shell = std::env::var_os("SHELL").filter(|shell| !shell.is_empty()).unwrap_or_else(|| "/bin/sh".into());
    writeln!(err, "# ack-sandbox shell: a fake Alibaba Cloud on loopback, HOME={}.", home.path().display())?;
    writeln!(err, "# Try: kubectl ack get-credentials demo-web && kubectl get namespaces && kubectl ack whoami")?;
    writeln!(err, "# Leave the shell (exit) to stop the sandbox; this HOME is then removed.")?;
    let mut command = Command::new(shell);
    command.env("HOME", home.path()).env("PATH", tour_path(&bin, setup.kubectl.as_deref())).env_remove("KUBECONFIG");
    for name in ["ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_CREDENTIALS_FILE"] {
        command.env_remove(name);
    }
    for (name, value) in sandbox_variables(&sandbox) {
        command.env(name, value);
    }
    let status = command.status()?;
    Ok(status.code().unwrap_or(1))
}

/// The throwaway bin (kubectl-ack), kubectl's directory, then the rest of PATH.
fn tour_path(bin: &Path, kubectl: Option<&Path>) -> OsString {
    let mut dirs = vec![bin.to_path_buf()];
    dirs.extend(kubectl.and_then(Path::parent).map(Path::to_path_buf));
    dirs.extend(
        std::env::var_os("PATH").map(|path| std::env::split_paths(&path).collect::<Vec<_>>()).unwrap_or_default(),
    );
    std::env::join_paths(dirs).unwrap_or_default()
}

fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if std::os::unix::fs::symlink(std::fs::canonicalize(from)?, to).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, to).map(|_| ())
}

/// Each file's bytes (`None` when it does not exist).
fn snapshot(files: &[PathBuf]) -> Vec<Option<Vec<u8>>> {
    files.iter().map(|file| std::fs::read(file).ok()).collect()
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|candidate| candidate.is_file())
}

fn beside_this_executable(name: &str) -> Option<PathBuf> {
    let candidate = std::env::current_exe().ok()?.parent()?.join(name);
    candidate.is_file().then_some(candidate)
}
