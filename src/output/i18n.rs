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

/// The languages of human output (DESIGN.md, "Language").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    English,
    SimplifiedChinese,
    Japanese,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::English, Language::SimplifiedChinese, Language::Japanese];

    /// The catalogue's folder under `i18n/`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::SimplifiedChinese => "zh-CN",
            Language::Japanese => "ja",
        }
    }

    /// kubectl's choice of language, with kubectl-ack's own override: `KUBECTL_ACK_LANG` (`en`, `zh-CN`,
    /// `ja`) when set; else the first non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG` (`LANGUAGE` is not read,
    /// as kubectl does not read it). `zh_CN`, `zh_SG` and `zh_Hans…` are Simplified Chinese, `ja…` is
    /// Japanese, anything else (`C`, `POSIX`, `en_US`, `zh_TW`, `fr_FR`) English. The codeset (`.UTF-8`)
    /// and modifier (`@…`) do not matter; unlike kubectl, `ja_JP` without a codeset counts too.
    pub fn choose(
        kubectl_ack_lang: Option<&str>,
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Language {
        if let Some(chosen) = kubectl_ack_lang.map(str::trim).filter(|value| !value.is_empty()) {
            return Language::from_tag(chosen).unwrap_or_else(|| Language::from_locale(chosen));
        }
        let locale = [lc_all, lc_messages, lang].into_iter().flatten().map(str::trim).find(|value| !value.is_empty());
        locale.map(Language::from_locale).unwrap_or_default()
    }

    /// `en`, `zh-CN`, `ja` (any case, `_` or `-`).
    fn from_tag(tag: &str) -> Option<Language> {
        match tag.to_ascii_lowercase().replace('_', "-").as_str() {
            "en" => Some(Language::English),
            "zh-cn" | "zh-hans" => Some(Language::SimplifiedChinese),
            "ja" => Some(Language::Japanese),
            _ => None,
        }
    }

    /// A POSIX locale name: `language[_territory][.codeset][@modifier]`.
    fn from_locale(locale: &str) -> Language {
        let name = locale.split(['.', '@']).next().unwrap_or_default().replace('-', "_");
        let (language, rest) = name.split_once('_').unwrap_or((&name, ""));
        match (language.to_ascii_lowercase().as_str(), rest.to_ascii_lowercase()) {
            ("zh", territory) if territory == "cn" || territory == "sg" || territory.starts_with("hans") => {
                Language::SimplifiedChinese
            }
            ("ja", _) => Language::Japanese,
            _ => Language::English,
        }
    }

    /// The language of this process's environment.
    pub fn from_process() -> Language {
        let var = |name| std::env::var(name).ok();
        Language::choose(
            var("KUBECTL_ACK_LANG").as_deref(),
            var("LC_ALL").as_deref(),
            var("LC_MESSAGES").as_deref(),
            var("LANG").as_deref(),
        )
    }
}

/// Sets the language of human output; the first call wins (a run chooses once, before it prints).
pub fn select(language: Language) {
    let _ = LOADER.set(loader_for(language));
}

/// The loader `t!` reads from: the language of human output (English unless `select` chose another).
pub fn loader() -> &'static FluentLanguageLoader {
    LOADER.get_or_init(|| load(&[]))
}

/// A loader for `language`, English where its catalogue lacks a message.
pub fn loader_for(language: Language) -> FluentLanguageLoader {
    match language {
        Language::English => load(&[]),
        other => load(&[other.tag().parse().expect("the tags are valid language identifiers")]),
    }
}

/// The loader `t_en!` reads from: English, for text inside machine output (`-o json|yaml`), which never
/// changes with the language.
pub fn english() -> &'static FluentLanguageLoader {
    ENGLISH.get_or_init(|| load(&[]))
}

/// The messages of one catalogue, as the embedded file has them: `(id, the names of its arguments)`, for the
/// test that every language has every message.
pub fn catalogue(language: Language) -> Option<String> {
    let file = Catalogues::get(&format!("{}/kubectl_ack.ftl", language.tag()))?;
    String::from_utf8(file.data.into_owned()).ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_chosen_as_kubectl_chooses_it() {
        use Language::*;
        let choose = |ack: Option<&str>, all: Option<&str>, messages: Option<&str>, lang: Option<&str>| {
            Language::choose(ack, all, messages, lang)
        };
        // Precedence: KUBECTL_ACK_LANG, then LC_ALL, then LC_MESSAGES, then LANG.
        assert_eq!(choose(Some("ja"), Some("zh_CN.UTF-8"), None, None), Japanese);
        assert_eq!(choose(None, Some("zh_CN.UTF-8"), Some("ja_JP.UTF-8"), Some("en_US")), SimplifiedChinese);
        assert_eq!(choose(None, None, Some("ja_JP.UTF-8"), Some("zh_CN.UTF-8")), Japanese);
        assert_eq!(choose(None, None, None, Some("zh_CN.UTF-8")), SimplifiedChinese);
        // An empty variable counts as unset, as in kubectl.
        assert_eq!(choose(Some(""), Some(""), Some(" "), Some("ja_JP")), Japanese);
        // The mapping.
        for zh in ["zh_CN", "zh_CN.UTF-8", "zh_SG.GB18030", "zh_Hans", "zh_Hans_CN.UTF-8", "zh-CN", "zh_CN@pinyin"] {
            assert_eq!(choose(None, None, None, Some(zh)), SimplifiedChinese, "{zh}");
        }
        for ja in ["ja", "ja_JP", "ja_JP.UTF-8", "ja_JP.eucJP", "ja-JP"] {
            assert_eq!(choose(None, None, None, Some(ja)), Japanese, "{ja}");
        }
        for en in ["C", "POSIX", "C.UTF-8", "en_US.UTF-8", "zh_TW.UTF-8", "zh_HK", "zh", "fr_FR", "de"] {
            assert_eq!(choose(None, None, None, Some(en)), English, "{en}");
        }
        assert_eq!(choose(None, None, None, None), English);
        // The override takes tags and locale names.
        for (value, language) in [("en", English), ("zh-CN", SimplifiedChinese), ("ZH_cn", SimplifiedChinese), ("ja", Japanese), ("ja_JP.UTF-8", Japanese), ("xx", English)] {
            assert_eq!(choose(Some(value), Some("zh_CN"), None, None), language, "{value}");
        }
    }
}
