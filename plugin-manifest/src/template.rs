//! The subset of krew-release-bot's Go-template language that `krew.yaml` uses, rendered the way the
//! bot renders it:
//!
//! * `{{ .TagName }}` is the release tag (`v0.1.0`);
//! * `{{addURIAndSha "URL" .TagName }}` renders the template inside `URL` (where `.TagName` and
//!   `.Version`, the tag's digits, are known), downloads it and becomes `uri: URL` and, on the next
//!   line, `sha256: HEX`. The bot indents that second line by four spaces, so the action must sit in
//!   column 4 (a test of `krew.yaml` checks it); here the action's own column is used.
//!
//! Here nothing is downloaded: the caller says which checksum a URL has, or that it has none.
//! Any other action is an error, so the template cannot use something the bot would render
//! differently.

use std::fmt::Write as _;

/// A template that this renderer (and so, probably, krew-release-bot) cannot render.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("line {line}: `{{{{` is never closed by `}}}}`")]
    Unclosed { line: usize },
    #[error("line {line}: unsupported template action `{{{{{action}}}}}` (only .TagName and addURIAndSha are known)")]
    Unsupported { line: usize, action: String },
    #[error("line {line}: addURIAndSha wants a quoted URL and .TagName, got `{action}`")]
    BadAddUriAndSha { line: usize, action: String },
}

/// What a URL of `addURIAndSha` resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The `uri:` to write (normally the URL itself).
    pub uri: String,
    /// The checksum to write; `None` writes an empty `sha256: ""`, for the caller to drop the
    /// platform afterwards (a checksum is never made up).
    pub sha256: Option<String>,
}

/// The digits of a tag, as krew-release-bot's `.Version` (`v1.2.3` → `1.2.3`).
pub fn version_of_tag(tag: &str) -> &str {
    let bytes = tag.as_bytes();
    for start in 0..bytes.len() {
        if !bytes[start].is_ascii_digit() {
            continue;
        }
        let mut end = start;
        let mut groups = 0;
        loop {
            let digits = bytes[end..].iter().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 {
                break;
            }
            end += digits;
            groups += 1;
            if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
                end += 1;
            } else {
                break;
            }
        }
        if groups >= 2 {
            return &tag[start..end];
        }
    }
    tag
}

/// Renders `template` for `tag`; `resolve` is asked for every `addURIAndSha` URL (already rendered).
pub fn render(template: &str, tag: &str, resolve: &mut dyn FnMut(&str) -> Resolved) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(template.len() + 512);
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let line = line_of(template, template.len() - rest.len() + open);
        let after = &rest[open + 2..];
        let close = find_close(after).ok_or(TemplateError::Unclosed { line })?;
        let action = after[..close].trim();
        let column = out.len() - out.rfind('\n').map_or(0, |newline| newline + 1);
        if action == ".TagName" {
            out.push_str(tag);
        } else if let Some(arguments) = action.strip_prefix("addURIAndSha") {
            let bad = || TemplateError::BadAddUriAndSha { line, action: action.to_string() };
            let (url_template, rest_args) = parse_go_string(arguments.trim_start()).ok_or_else(bad)?;
            if rest_args.trim() != ".TagName" {
                return Err(bad());
            }
            let url = render_url(&url_template, tag).map_err(|_| bad())?;
            let resolved = resolve(&url);
            let sha = resolved.sha256.unwrap_or_default();
            let sha = if sha.is_empty() { "\"\"".to_string() } else { sha };
            let _ = write!(out, "uri: {}\n{}sha256: {}", resolved.uri, " ".repeat(column), sha);
        } else {
            return Err(TemplateError::Unsupported { line, action: action.to_string() });
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The inner template of an `addURIAndSha` URL: `.TagName` and `.Version` only.
fn render_url(url: &str, tag: &str) -> Result<String, ()> {
    let mut out = String::new();
    let mut rest = url;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("}}").ok_or(())?;
        match after[..close].trim() {
            ".TagName" => out.push_str(tag),
            ".Version" => out.push_str(version_of_tag(tag)),
            _ => return Err(()),
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The position of the `}}` that closes an action, skipping Go string literals.
fn find_close(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut index = 0;
    let mut in_string = false;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' if in_string => index += 1,
            b'"' => in_string = !in_string,
            b'\n' if !in_string => return None,
            b'}' if !in_string && bytes.get(index + 1) == Some(&b'}') => return Some(index),
            _ => {}
        }
        index += 1;
    }
    None
}

/// A Go interpreted string literal at the start of `text`, and what follows it.
fn parse_go_string(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = body.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return Some((value, &body[index + 1..])),
            '\\' => match chars.next()?.1 {
                '"' => value.push('"'),
                '\\' => value.push('\\'),
                'n' => value.push('\n'),
                't' => value.push('\t'),
                _ => return None,
            },
            '\n' => return None,
            c => value.push(c),
        }
    }
    None
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].bytes().filter(|&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(sha: Option<&str>) -> impl FnMut(&str) -> Resolved {
        let sha = sha.map(str::to_string);
        move |url| Resolved { uri: url.to_string(), sha256: sha.clone() }
    }

    #[test]
    fn the_tag_is_substituted_everywhere() {
        let text = render("version: {{ .TagName }}\nother: {{.TagName}}\n", "v1.2.3", &mut fixed(None)).unwrap();
        assert_eq!(text, "version: v1.2.3\nother: v1.2.3\n");
    }

    #[test]
    fn add_uri_and_sha_renders_the_inner_url_and_two_lines_at_the_action_column() {
        let template = "  - bin: x\n    {{addURIAndSha \"https://h/d/{{ .TagName }}/x_{{ .Version }}_{{.TagName}}.tar.gz\" .TagName }}\n";
        let mut seen = Vec::new();
        let text = render(template, "v0.4.0", &mut |url: &str| {
            seen.push(url.to_string());
            Resolved { uri: url.to_string(), sha256: Some("ab".repeat(32)) }
        })
        .unwrap();
        assert_eq!(seen, ["https://h/d/v0.4.0/x_0.4.0_v0.4.0.tar.gz"]);
        assert_eq!(
            text,
            format!("  - bin: x\n    uri: https://h/d/v0.4.0/x_0.4.0_v0.4.0.tar.gz\n    sha256: {}\n", "ab".repeat(32))
        );
    }

    #[test]
    fn a_url_without_a_checksum_gets_an_empty_one_never_a_made_up_one() {
        let text = render("    {{addURIAndSha \"https://h/a.zip\" .TagName}}", "v1.0.0", &mut fixed(None)).unwrap();
        assert_eq!(text, "    uri: https://h/a.zip\n    sha256: \"\"");
    }

    #[test]
    fn unknown_actions_and_broken_syntax_are_errors_with_the_line() {
        let error = render("a: 1\nb: {{ .Version }}\n", "v1.0.0", &mut fixed(None)).unwrap_err();
        assert_eq!(error, TemplateError::Unsupported { line: 2, action: ".Version".into() });
        let error = render("a: {{ .TagName\n", "v1.0.0", &mut fixed(None)).unwrap_err();
        assert_eq!(error, TemplateError::Unclosed { line: 1 });
        for bad in ["{{addURIAndSha https://h/a.zip .TagName}}", "{{addURIAndSha \"https://h/a.zip\"}}"] {
            let error = render(bad, "v1.0.0", &mut fixed(None)).unwrap_err();
            assert!(matches!(error, TemplateError::BadAddUriAndSha { line: 1, .. }), "{error:?}");
        }
        let error = render("{{addURIAndSha \"https://h/{{ .Other }}.zip\" .TagName}}", "v1", &mut fixed(None));
        assert!(matches!(error, Err(TemplateError::BadAddUriAndSha { .. })));
    }

    #[test]
    fn version_is_the_dotted_digits_of_the_tag() {
        assert_eq!(version_of_tag("v1.2.3"), "1.2.3");
        assert_eq!(version_of_tag("release-10.20"), "10.20");
        assert_eq!(version_of_tag("v1.2.3-rc.1"), "1.2.3");
        assert_eq!(version_of_tag("latest"), "latest");
    }
}
