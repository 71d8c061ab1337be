//! The words of human output, from Fluent catalogues embedded in the binary (`i18n/<language>/kubectl_ack.ftl`).
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

/// The loader `t!` reads from: the language of human output.
pub fn loader() -> &'static FluentLanguageLoader {
    LOADER.get_or_init(|| load(&[]))
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
        i18n_embed_fl::fl!($crate::output::i18n::loader(), $id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        i18n_embed_fl::fl!(
            $crate::output::i18n::loader(),
            $id,
            $($name = $crate::output::MessageArgument::shown($value)),+
        )
    };
}

/// A message in English, whatever the language: for words inside machine output.
#[macro_export]
macro_rules! t_en {
    ($id:literal) => {
        i18n_embed_fl::fl!($crate::output::i18n::english(), $id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        i18n_embed_fl::fl!(
            $crate::output::i18n::english(),
            $id,
            $($name = $crate::output::MessageArgument::shown($value)),+
        )
    };
}

/// A message in the language of `loader` (`loader()` or `english()`), for text rendered for both.
#[macro_export]
macro_rules! t_in {
    ($loader:expr, $id:literal) => {
        i18n_embed_fl::fl!($loader, $id)
    };
    ($loader:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        i18n_embed_fl::fl!($loader, $id, $($name = $crate::output::MessageArgument::shown($value)),+)
    };
}
