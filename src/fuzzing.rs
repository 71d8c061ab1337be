//! Entry points for the fuzz targets in `fuzz/` (hidden; not part of the plugin's API). They are
//! compiled into every build so that the ordinary test run replays the fuzz corpus through them.
//! Each takes arbitrary bytes and checks properties that must hold for every input, panicking
//! (which the fuzzer reports as a crash) when one does not.

use std::path::PathBuf;

use time::OffsetDateTime;

use crate::ack::take_credentials;
use crate::cert::{self, CertificateFacts};
use crate::kubeconfig::{ContextViews, Document, KubeconfigPaths, KubeconfigView, LoadedFile, Section};
use crate::output;

const SECTIONS: [Section; 3] = [Section::Clusters, Section::Users, Section::Contexts];

/// The kubeconfig document model: whatever parses is written back and read again unchanged,
/// writing is stable, every context resolves without a panic, and an edit keeps every other entry.
pub fn kubeconfig_document(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    assert!(crate::yaml::respelling_shortcut_is_sound(text), "the YAML 1.1 pass was skipped where it was needed");
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    assert!(crate::kubeconfig::squeezing_changes_nothing(body), "the squeezed skim found otherwise");
    one_context_reads_as_the_whole_file(text);
    let Ok(document) = Document::parse(text) else { return };
    let written = document.to_yaml().expect("a kubeconfig that was read can be written");
    let reread = Document::parse(&written).unwrap_or_else(|error| panic!("cannot read what was written: {error}"));
    assert_eq!(reread, document, "a round trip changed the document");
    assert_eq!(reread.to_yaml().expect("written once, written twice"), written, "writing is not stable");

    resolve_every_context(&document);
    check_an_edit_keeps_the_rest(&document);
    the_form_edited_in_place_writes_what_the_whole_parse_writes(text, &document);
}

/// The `Editor` edits files held as their text (entries built on use, changed ones spliced in): the
/// same merge there and on the whole parse writes the same kubeconfig, key order included.
fn the_form_edited_in_place_writes_what_the_whole_parse_writes(text: &str, document: &Document) {
    let mut held = Document::parse_for_editing(text).expect("what parses whole parses for editing");
    let mut whole = document.clone();
    for edited in [&mut held, &mut whole] {
        for section in SECTIONS {
            let first = edited.positioned_names(section).next().map(|(_, name)| name.to_string());
            if let Some(name) = first {
                edited.upsert(section, &name, |body| {
                    body.insert("fuzz-edited".into(), "yes".into());
                });
            }
            edited.upsert(section, "fuzz-added", |body| {
                body.insert("fuzz".into(), 1.into());
            });
        }
        edited.set_current_context("fuzz-added");
    }
    let written = held.to_yaml().expect("an edited kubeconfig can be written");
    let reread = Document::parse(&written).unwrap_or_else(|error| panic!("cannot read the spliced file: {error}"));
    assert_eq!(
        reread.to_yaml().expect("written once, written twice"),
        whole.to_yaml().expect("an edited kubeconfig can be written"),
        "the spliced file reads otherwise than the whole edit"
    );
}

/// `KubeconfigView::load_for_context` (the skim) sees what `load` sees, for every context.
fn one_context_reads_as_the_whole_file(text: &str) {
    let Ok(dir) = tempfile_dir() else { return };
    let path = dir.join("config");
    if std::fs::write(&path, text).is_err() {
        return;
    }
    let paths = KubeconfigPaths::from_files(vec![path]);
    let whole = KubeconfigView::load(&paths);
    let mut names: Vec<Option<String>> = vec![None, Some("missing".into())];
    if let Ok(view) = &whole {
        names.extend(view.names(Section::Contexts).into_iter().map(|name| Some(name.to_string())));
    }
    for name in names {
        let seen = |view: &Result<KubeconfigView, crate::kubeconfig::LoadError>| match view {
            Err(error) => format!("{error:?}"),
            Ok(view) => match view.resolve_context(name.as_deref()) {
                Err(error) => format!("{error:?}"),
                Ok(resolved) => format!(
                    "{:?} {:?} {:?} {:?} {:?}",
                    view.current_context(),
                    resolved.context.body,
                    resolved.cluster.map(|cluster| cluster.body),
                    resolved.user_name,
                    resolved.user.map(|user| user.body)
                ),
            },
        };
        let one = KubeconfigView::load_for_context(&paths, name.as_deref());
        assert_eq!(seen(&one), seen(&whole), "context {name:?} reads otherwise when skimmed");
    }
    // Every context, one view at a time (`expiry --all-contexts`), reads as in the whole view.
    match (ContextViews::load(&paths), &whole) {
        (Ok(mut views), Ok(view)) => {
            assert_eq!(views.names(), view.names(Section::Contexts), "the contexts, one at a time");
            for name in views.names().to_vec() {
                let own = views.view(&name).expect("a context of files that loaded has a view");
                assert_eq!(
                    format!("{:?}", own.resolve_context(Some(&name))),
                    format!("{:?}", view.resolve_context(Some(&name))),
                    "context {name} reads otherwise in its own view"
                );
            }
        }
        (views, whole) => assert_eq!(views.is_ok(), whole.is_ok(), "one view at a time loads as the whole view"),
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// A fresh directory under the system's temp directory (the fuzz crate has no tempfile).
fn tempfile_dir() -> std::io::Result<PathBuf> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "kubectl-ack-fuzz-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn resolve_every_context(document: &Document) {
    let path = PathBuf::from("/fuzz/config");
    let paths = KubeconfigPaths::from_files(vec![path.clone()]);
    let view = KubeconfigView::from_loaded(paths, vec![LoadedFile { path, document: Some(document.clone()) }]);
    let _ = view.current_context();
    for name in view.names(Section::Contexts) {
        if let Ok(resolved) = view.resolve_context(Some(name)) {
            let _ = (resolved.server(), resolved.namespace(), resolved.certificate_authority(), resolved.user_auth());
        }
    }
    let _ = view.resolve_context(None);
}

fn check_an_edit_keeps_the_rest(document: &Document) {
    const ADDED: &str = "fuzz-added-context";
    let mut edited = document.clone();
    edited.upsert(Section::Contexts, ADDED, |body| {
        body.insert("cluster".into(), "fuzz".into());
    });
    edited.set_current_context(ADDED);
    let after = Document::parse(&edited.to_yaml().expect("an edited kubeconfig can be written"))
        .expect("an edited kubeconfig can be read");
    for section in SECTIONS {
        let added = usize::from(section == Section::Contexts && !document.contains(section, ADDED));
        assert_eq!(after.entries(section).count(), document.entries(section).count() + added, "{section:?} lost");
        for (name, body) in document.entries(section).filter(|(name, _)| *name != ADDED) {
            assert!(after.entries(section).any(|(n, b)| n == name && b == body), "{section:?} {name:?} changed");
        }
    }
    assert_eq!(after.current_context(), Some(ADDED));
}

/// The certificate inspector: raw DER, PEM, or a kubeconfig `*-data` field; whatever parses can be
/// described (lifetime, renewal window, times as text) without a panic.
pub fn certificate(data: &[u8]) {
    if let Ok(facts) = cert::inspect(data) {
        describe(&facts);
    }
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(bytes) = cert::decode_base64_field(text)
        && let Ok(facts) = cert::inspect(&bytes)
    {
        describe(&facts);
    }
}

fn describe(facts: &CertificateFacts) {
    let now = OffsetDateTime::from_unix_timestamp(1_795_000_000).expect("a valid time");
    let _ = (facts.lifetime(), facts.is_long_term(), facts.renewal_window_opens(), facts.is_expired(now));
    let _ = (output::timestamp(facts.not_after), output::rfc3339(facts.not_before));
    let _ = output::time_left(now, facts.not_after);
    if let Some(account) = &facts.ack_account {
        let _ = account.issued_at.map(output::timestamp);
    }
    serde_json::to_string(facts).expect("the facts serialise");
}

/// What the ACK API sends: error bodies under any status, success bodies of every model, and the
/// kubeconfig inside DescribeClusterUserKubeconfig's answer. Every message is one line without control
/// characters (a hostile answer must not forge report lines or drive the terminal), and none
/// quotes the request URL's query (where STS puts signatures).
pub fn ack_answer(data: &[u8]) {
    let (status, body) = match data {
        [high, low, body @ ..] => (400 + u16::from_be_bytes([*high, *low]) % 200, body),
        _ => (500, data),
    };
    for line in ack_client::fuzzing::read_answer(status, body) {
        assert!(!line.chars().any(char::is_control), "a message spans lines or holds control characters: {line:?}");
        assert!(!line.contains("never-shown"), "a message quotes the query: {line:?}");
    }
    if let Ok(text) = std::str::from_utf8(body)
        && let Ok(credentials) = take_credentials(text, time::OffsetDateTime::now_utc())
    {
        assert!(credentials.server.starts_with("https://"), "a non-https server was taken: {}", credentials.server);
        let _ = format!("{credentials:?}");
    }
}
