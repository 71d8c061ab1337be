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

thread_local! {
    /// Set while text for machine output is being made (`in_english`).
    static IN_ENGLISH: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The loader `t!` reads from: the language of human output (English unless `select` chose another),
/// or English inside `in_english`.
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

/// A loader for `language`, English where its catalogue lacks a message.
pub fn loader_for(language: Language) -> FluentLanguageLoader {
    match language {
        Language::English => load(&[]),
        other => load(&[other.tag().parse().expect("the tags are valid language identifiers")]),
    }
}

/// English, for text inside machine output (`-o json|yaml`), which never changes with the language.
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

/// A message in the language of a given loader (`loader_for(language)`): for tests and for text rendered
/// in a language chosen on the spot.
#[macro_export]
macro_rules! t_in {
    ($loader:expr, $id:literal) => {
        i18n_embed_fl::fl!($loader, $id)
    };
    ($loader:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        i18n_embed_fl::fl!($loader, $id, $($name = $crate::i18n::MessageArgument::shown($value)),+)
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

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    /// The messages of `language`'s catalogue as written: each id with its pattern (value and attributes).
    fn parsed(language: Language) -> BTreeMap<String, ast::Message<String>> {
        let text = catalogue(language).unwrap_or_else(|| panic!("{}: no catalogue", language.tag()));
        let resource = fluent_syntax::parser::parse(text)
            .unwrap_or_else(|(_, errors)| panic!("{}: the catalogue does not parse: {errors:?}", language.tag()));
        let messages = resource.body.into_iter().filter_map(|entry| match entry {
            ast::Entry::Message(message) => Some((message.id.name.clone(), message)),
            _ => None,
        });
        messages.collect()
    }

    /// The variables a message uses, wherever they are: text, selectors, variants, attributes, function calls.
    fn variables(message: &ast::Message<String>) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let patterns = message.value.iter().chain(message.attributes.iter().map(|attribute| &attribute.value));
        for pattern in patterns {
            pattern_variables(pattern, &mut found);
        }
        found
    }

    fn pattern_variables(pattern: &ast::Pattern<String>, found: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, found);
            }
        }
    }

    fn expression_variables(expression: &ast::Expression<String>, found: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, found);
                for variant in variants {
                    pattern_variables(&variant.value, found);
                }
            }
            ast::Expression::Inline(inline) => inline_variables(inline, found),
        }
    }

    fn inline_variables(inline: &ast::InlineExpression<String>, found: &mut BTreeSet<String>) {
        let arguments = match inline {
            ast::InlineExpression::VariableReference { id } => {
                found.insert(id.name.clone());
                return;
            }
            ast::InlineExpression::Placeable { expression } => return expression_variables(expression, found),
            ast::InlineExpression::FunctionReference { arguments, .. } => arguments,
            ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => arguments,
            _ => return,
        };
        for value in arguments.positional.iter().chain(arguments.named.iter().map(|named| &named.value)) {
            inline_variables(value, found);
        }
    }

    /// The ids of `--help`'s texts (src/cli/help.rs): `help`, `help-…`. English has none, its help is the
    /// doc comments; cli::help's tests check that each language has every one and no other.
    fn is_help_text(id: &str) -> bool {
        id == "help" || id.starts_with("help-")
    }

    #[test]
    fn every_message_exists_in_every_language_with_the_same_arguments() {
        let english = parsed(Language::English);
        assert!(english.len() > 100, "the English catalogue was read: {} messages", english.len());
        assert!(!english.keys().any(|id| is_help_text(id)), "English help texts are doc comments, not messages");
        for language in [Language::SimplifiedChinese, Language::Japanese] {
            let translated = parsed(language);
            let missing: Vec<&String> = english.keys().filter(|id| !translated.contains_key(*id)).collect();
            let unknown: Vec<&String> =
                translated.keys().filter(|id| !english.contains_key(*id) && !is_help_text(id)).collect();
            let mut different = Vec::new();
            for (id, message) in &translated {
                // A help text is looked up without arguments, so it must not use any.
                let expected = english.get(id).map(variables).unwrap_or_default();
                let used = variables(message);
                if used != expected {
                    different.push(format!("{id}: {used:?} instead of {expected:?}"));
                }
            }
            let tag = language.tag();
            assert!(missing.is_empty(), "{tag}: messages missing (English has them): {missing:?}");
            assert!(unknown.is_empty(), "{tag}: messages that are neither in English nor help texts: {unknown:?}");
            assert!(different.is_empty(), "{tag}: messages whose arguments differ:\n{}", different.join("\n"));
        }
    }

    #[test]
    fn every_message_formats_without_a_fluent_error() {
        // Fluent reports a missing variable or a broken message reference only at run time, by printing
        // `{$name}` or `{message-id}` in its place; every argument given, no brace may remain.
        for language in Language::ALL {
            let loader = loader_for(language);
            let broken: Vec<String> = parsed(language)
                .iter()
                .map(|(id, message)| {
                    let arguments: std::collections::HashMap<String, String> =
                        variables(message).into_iter().map(|name| (name, "7".to_string())).collect();
                    (id, loader.get_args(id, arguments))
                })
                .filter(|(_, text)| text.contains('{') || text.contains('}'))
                .map(|(id, text)| format!("{id} = {text}"))
                .collect();
            assert!(broken.is_empty(), "{}:\n{}", language.tag(), broken.join("\n"));
        }
    }

    #[test]
    fn no_message_is_left_in_english() {
        // The few that read the same in every language: a product name, two technical tokens, a column "ID",
        // and a detail in parentheses (Japanese writes them as English does).
        let same_everywhere = ["version", "prune-entry", "auth-provider", "clusters-header-id", "apiserver-detail"];
        let english = parsed(Language::English);
        for language in [Language::SimplifiedChinese, Language::Japanese] {
            let translated = parsed(language);
            let untranslated: Vec<&String> = translated
                .iter()
                .filter(|(id, message)| {
                    english.get(*id).is_some_and(|original| original.value == message.value)
                        && !same_everywhere.contains(&id.as_str())
                })
                .map(|(id, _)| id)
                .collect();
            assert!(untranslated.is_empty(), "{}: still English: {untranslated:?}", language.tag());
        }
    }

    #[test]
    fn each_language_speaks_from_its_own_catalogue() {
        let render = |loader: &FluentLanguageLoader| {
            [
                crate::t_in!(
                    loader,
                    "get-credentials-merged",
                    context = "web",
                    cluster = "c1234567",
                    access = "public",
                    expires = "2026-11-24 09:56 UTC",
                    file = "~/.kube/config"
                ),
                crate::t_in!(loader, "revoke-confirm", cluster = "web (c1234567)"),
                crate::t_in!(loader, "prune-done", contexts = 2_usize, entries = 1_usize),
                crate::t_in!(loader, "whoami-valid-until"),
                crate::t_in!(loader, "expiry-note-expired"),
            ]
        };
        let english = render(&loader_for(Language::English));
        assert_eq!(english[2], "Removed 2 contexts and 1 entry.", "English plurals");
        let chinese = render(&loader_for(Language::SimplifiedChinese));
        let japanese = render(&loader_for(Language::Japanese));
        for (language, texts, word) in [("zh-CN", &chinese, "集群"), ("ja", &japanese, "クラスター")] {
            for (text, original) in texts.iter().zip(&english) {
                assert_ne!(text, original, "{language} fell back to English");
            }
            assert!(
                texts[0].contains(word) && texts[0].contains("\"web\"") && texts[0].contains("~/.kube/config"),
                "{language}: {}",
                texts[0]
            );
            assert!(texts[1].ends_with("[y/N]"), "{language}: the prompt keeps its answer hint: {}", texts[1]);
            assert!(
                texts[4].contains("`kubectl ack get-credentials`"),
                "{language}: commands stay verbatim: {}",
                texts[4]
            );
        }
        assert_ne!(chinese, japanese);
        assert_eq!(chinese[2], "已删除 2 个上下文和 1 个条目。");
        assert_eq!(japanese[2], "2 個のコンテキストと 1 個のエントリを削除しました。");
    }

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
        for (value, language) in [
            ("en", English),
            ("zh-CN", SimplifiedChinese),
            ("ZH_cn", SimplifiedChinese),
            ("ja", Japanese),
            ("ja_JP.UTF-8", Japanese),
            ("xx", English),
        ] {
            assert_eq!(choose(Some(value), Some("zh_CN"), None, None), language, "{value}");
        }
    }
}
