//! The words of human output, from Fluent catalogues embedded in the binary (`i18n/<language>/kubectl_ack.ftl`).
//! The lowest layer: every other module may speak through it, errors included.
//!
//! Every message is written as `t!("message-id", argument = value, …)`; i18n-embed-fl checks at compile
//! time that the id and each argument exist in the English catalogue, so a typo or a renamed message is
//! a build error, not a blank line at run time. Fluent's bidi isolation marks are turned off: the output
//! goes to terminals and logs, where they would show as stray characters.

use std::sync::OnceLock;

use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use i18n_embed::{LanguageLoader, unic_langid::LanguageIdentifier};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "i18n"]
struct Catalogues;

static LOADER: OnceLock<FluentLanguageLoader> = OnceLock::new();
static ENGLISH: OnceLock<FluentLanguageLoader> = OnceLock::new();

thread_local! {
    /// Set while text for machine output is being made (`in_english`).
    static IN_ENGLISH: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The loader `t!` reads from: the language of human output, or English inside `in_english`.
pub fn loader() -> &'static FluentLanguageLoader {
    if IN_ENGLISH.get() {
        return english();
    }
    LOADER.get_or_init(|| load(&[]))
}

/// Runs `make` with `t!` speaking English: for text that goes into machine output (`-o json|yaml`, the
/// reasons in a report) and is made by code that also serves human output, such as an error's
/// `Display`. Machine output never changes with the language.
pub fn in_english<R>(make: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            IN_ENGLISH.set(self.0);
        }
    }
    let _restore = Restore(IN_ENGLISH.replace(true));
    make()
}

/// The loader `t_en!` reads from: English, for text inside machine output (`-o json|yaml`), which never
/// changes with the language.
pub fn english() -> &'static FluentLanguageLoader {
    ENGLISH.get_or_init(|| load(&[]))
}

fn load(languages: &[LanguageIdentifier]) -> FluentLanguageLoader {
    let loader: FluentLanguageLoader = fluent_language_loader!();
    let mut wanted: Vec<LanguageIdentifier> = languages.to_vec();
    wanted.push(loader.fallback_language().clone());
    loader.load_languages(&Catalogues, &wanted).expect("the embedded catalogues load");
    loader.set_use_isolating(false);
    loader
}

/// A message of the catalogue in the language of human output: `t!("merged-context", context = name)`.
/// Every text argument is shown `output::clean`ed (no control character from a cluster name or a
/// certificate reaches the terminal); numbers stay numbers for Fluent's plural rules.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        i18n_embed_fl::fl!(
            $crate::i18n::loader(),
            $id,
            $($name = $crate::i18n::MessageArgument::shown($value)),+
        )
    };
}

/// Text from outside (a cluster or context name, a certificate subject, an API message) as it may be
/// shown on a terminal: control characters, escape sequences and bidirectional overrides become visible
/// escapes (`\x1b`, `\n`, `\u{202e}`), so nothing printed can recolour the terminal, ring it, or forge a
/// second line.
pub fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) && (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What `t!` does to each argument of a message: text is `clean`ed, numbers are kept as numbers (Fluent
/// chooses plural forms by them).
pub trait MessageArgument {
    type Shown;
    fn shown(self) -> Self::Shown;
}

impl MessageArgument for &str {
    type Shown = String;
    fn shown(self) -> String {
        clean(self).into_owned()
    }
}

impl MessageArgument for String {
    type Shown = String;
    fn shown(self) -> String {
        clean(&self).into_owned()
    }
}

impl MessageArgument for &String {
    type Shown = String;
    fn shown(self) -> String {
        clean(self).into_owned()
    }
}

macro_rules! numbers_are_shown_as_they_are {
    ($($number:ty),*) => {
        $(impl MessageArgument for $number {
            type Shown = $number;
            fn shown(self) -> $number {
                self
            }
        })*
    };
}
numbers_are_shown_as_they_are!(usize, u64, u32, u16, i64, i32);

/// Words made twice: in the language of human output, and in English for machine output (a doctor
/// finding is shown to people and serialised in `-o json`). Serialises as the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    local: String,
    english: String,
}

impl Bilingual {
    /// Runs `make` once for each language; `make` speaks through `t!` (directly or in an error's `Display`).
    pub fn of(make: impl Fn() -> String) -> Bilingual {
        Bilingual { local: make(), english: in_english(make) }
    }

    /// Text that is the same in every language: a command line, a path.
    pub fn verbatim(text: impl Into<String>) -> Bilingual {
        let text = text.into();
        Bilingual { local: text.clone(), english: text }
    }

    /// These words inside others: `reason.wrap(|reason| t!("doctor-skipped", reason = reason))`.
    pub fn wrap(&self, make: impl Fn(&str) -> String) -> Bilingual {
        Bilingual { local: make(&self.local), english: in_english(|| make(&self.english)) }
    }

    pub fn local(&self) -> &str {
        &self.local
    }

    /// The words in the language `t!` speaks now: English inside `in_english`, else the local ones; for
    /// Bilingual words placed inside a message.
    pub fn current(&self) -> &str {
        if IN_ENGLISH.get() { &self.english } else { &self.local }
    }

    pub fn english(&self) -> &str {
        &self.english
    }
}

impl std::fmt::Display for Bilingual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.local)
    }
}

impl serde::Serialize for Bilingual {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.english)
    }
}

/// A message as `Bilingual`: `both!("doctor-clock-in-step", apart = text)`, checked at compile time like
/// `t!`. Each argument is evaluated once, in order, into a binding of its own name, so a later argument
/// must not use the name of an earlier one (`proxy = proxy.shown(), origin = proxy.origin` does not work).
#[macro_export]
macro_rules! both {
    ($id:literal) => {
        $crate::i18n::Bilingual::of(|| $crate::t!($id))
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        // `name = name` is the usual call: binding it again is what makes each argument evaluated once.
        $(#[allow(clippy::redundant_locals)] let $name = $value;)+
        $crate::i18n::Bilingual::of(|| $crate::t!($id, $($name = ::std::clone::Clone::clone(&$name)),+))
    }};
}
